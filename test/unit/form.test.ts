import { describe, expect, it } from 'vitest';
import { parseDateTime, parseForm, renderForm } from '../../dialogs/form.ts';
import { registerIncidentForm } from '../../dialogs/register-incident.ts';
import { I18n } from '../../src/i18n/i18n.ts';

const now = new Date('2026-11-27T10:00:00Z');
const ctx = { timeZone: 'Europe/Oslo', now };
const good = {
  summary: 'Feil dose av et legemiddel ble gitt på nattevakt',
  occurredAt: '2026-11-26',
  occurredAtTime: '03:15',
  category: 'medication',
  involved: 'aad-b,aad-c',
  manager: 'aad-m',
  peerSupporter: '',
};

describe('registration form: parse', () => {
  it('accepts a complete submission and reads Teams date + time in the user zone', () => {
    const r = parseForm(registerIncidentForm, good, ctx);
    expect(r.ok).toBe(true);
    expect((r.values.occurredAt as Date).toISOString()).toBe('2026-11-26T02:15:00.000Z');
    expect(r.values.involved).toEqual(['aad-b', 'aad-c']);
    expect(r.values.manager).toBe('aad-m');
    expect(r.values.peerSupporter).toBeUndefined();
  });

  it('accepts Slack shapes: epoch seconds and arrays of user ids', () => {
    const r = parseForm(
      registerIncidentForm,
      { ...good, occurredAt: 1764123300, occurredAtTime: undefined, involved: ['U1', 'U2'] },
      ctx,
    );
    expect(r.ok).toBe(true);
    expect((r.values.occurredAt as Date).getTime()).toBe(1764123300 * 1000);
    expect(r.values.involved).toEqual(['U1', 'U2']);
  });

  it('names every missing required field and keeps the rest', () => {
    const r = parseForm(registerIncidentForm, { category: 'fall', involved: 'aad-b' }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({ summary: 'form.required', occurredAt: 'form.required', manager: 'form.required' });
    expect(r.values).toEqual({ category: 'fall', involved: ['aad-b'] });
  });

  it('refuses wrong types, unknown choices, several managers and future times', () => {
    const r = parseForm(
      registerIncidentForm,
      { ...good, summary: 42, category: 'dosage', manager: 'a,b', occurredAt: '2026-12-24', occurredAtTime: '10:00' },
      ctx,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({
      summary: 'form.invalid',
      category: 'form.invalidChoice',
      manager: 'form.onePerson',
      occurredAt: 'form.dateInFuture',
    });
  });

  it('refuses unreadable dates and user ids with markup', () => {
    const r = parseForm(registerIncidentForm, { ...good, occurredAt: 'yesterday', involved: '<script>' }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors.occurredAt).toBe('form.invalidDate');
    expect(r.errors.involved).toBe('form.invalid');
  });

  it('refuses a national identity number, masks it and keeps the rest of the text and the other answers', () => {
    const r = parseForm(
      registerIncidentForm,
      { ...good, summary: 'Feil pasient fikk medisin, fnr 01010012356 ble forvekslet' },
      ctx,
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({ summary: 'privacy.nationalId' });
    expect(r.values.summary).not.toContain('01010012356');
    expect(r.values.summary).toContain('Feil pasient fikk medisin');
    expect(r.values.manager).toBe('aad-m');
  });

  it('refuses a patient name in context', () => {
    const r = parseForm(registerIncidentForm, { ...good, summary: 'Pasienten Kari Nordmann fikk feil dose' }, ctx);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual({ summary: 'privacy.patientName' });
    expect(r.values.summary).not.toContain('Nordmann');
  });
});

describe('registration form: render', () => {
  const i18n = new I18n();
  const people = [{ value: 'aad-m', label: 'Lars Holm' }];

  it('renders the contract field ids with labels in the language, and Slack modal texts', () => {
    const card = renderForm(registerIncidentForm, {
      t: (k, v) => i18n.t('sv', k, v),
      people,
      timeZone: 'Europe/Oslo',
      now,
    });
    const inputs = card.body.flatMap((b) => (b.kind === 'input' ? [b.input] : []));
    expect(inputs.map((i) => i.id)).toEqual([
      'summary',
      'occurredAt',
      'category',
      'involved',
      'manager',
      'peerSupporter',
    ]);
    expect(inputs[0]!.label).toBe('Vad hände (kort, utan patientuppgifter)');
    expect(card.modal?.title).toBe('Ny händelse');
    expect(card.modal!.title.length).toBeLessThanOrEqual(24);
  });

  it('shows errors and keeps values when re-rendered', () => {
    const card = renderForm(
      registerIncidentForm,
      { t: (k, v) => i18n.t('nb', k, v), people, timeZone: 'Europe/Oslo', now },
      { summary: 'Noe skjedde [\u2026]', manager: 'aad-m', occurredAt: new Date('2026-11-26T02:15:00Z') },
      { summary: 'privacy.nationalId' },
    );
    const inputs = card.body.flatMap((b) => (b.kind === 'input' ? [b.input] : []));
    const summary = inputs.find((i) => i.id === 'summary')!;
    expect(summary.error).toMatch(/fødselsnummer/);
    expect(summary.type === 'text' && summary.value).toBe('Noe skjedde [\u2026]');
    const when = inputs.find((i) => i.id === 'occurredAt')!;
    expect(when.type === 'datetime' && when.value).toBe('2026-11-26T03:15');
    expect(card.body.some((b) => b.kind === 'text' && b.tone === 'attention')).toBe(true);
  });
});

describe('parseDateTime', () => {
  it('handles daylight saving time in the user zone', () => {
    expect(parseDateTime('2026-07-01', '12:00', 'Europe/Oslo')!.toISOString()).toBe('2026-07-01T10:00:00.000Z');
    expect(parseDateTime('2026-01-01T12:00', undefined, 'Europe/Stockholm')!.toISOString()).toBe(
      '2026-01-01T11:00:00.000Z',
    );
    expect(parseDateTime('2026-01-01T12:00:00Z', undefined, 'Europe/Oslo')!.toISOString()).toBe(
      '2026-01-01T12:00:00.000Z',
    );
    expect(parseDateTime('', undefined, 'Europe/Oslo')).toBeUndefined();
    expect(parseDateTime('2026-02-30', '10:00', 'Europe/Oslo')).toBeNull();
    expect(parseDateTime('2026-02-01', '25:00', 'Europe/Oslo')).toBeNull();
  });
});

describe('checklists (multi-select choices)', () => {
  const checklist = {
    id: 'list',
    titleKey: 'x',
    fields: [
      {
        id: 'done',
        type: 'choice' as const,
        labelKey: 'x',
        required: false,
        multi: true,
        expanded: true,
        options: ['a', 'b', 'c'].map((v) => ({ value: v, labelKey: v })),
      },
    ],
    submit: { action: 'save', labelKey: 'x' },
  };

  it('reads Teams "a,b" and Slack ["a","b"] alike, once each', () => {
    expect(parseForm(checklist, { done: 'a,b,a' }, ctx)).toEqual({ ok: true, values: { done: ['a', 'b'] } });
    expect(parseForm(checklist, { done: ['c', 'a'] }, ctx)).toEqual({ ok: true, values: { done: ['c', 'a'] } });
    expect(parseForm(checklist, { done: '' }, ctx)).toEqual({ ok: true, values: {} });
  });

  it('refuses a value that is not one of the options, or not a list of strings', () => {
    expect(parseForm(checklist, { done: 'a,zzz' }, ctx)).toMatchObject({
      ok: false,
      errors: { done: 'form.invalidChoice' },
    });
    expect(parseForm(checklist, { done: [1] }, ctx)).toMatchObject({
      ok: false,
      errors: { done: 'form.invalidChoice' },
    });
    expect(parseForm(checklist, { done: { a: 1 } }, ctx)).toMatchObject({ ok: false });
  });

  it('renders the chosen values back as a multi-select, expanded', () => {
    const card = renderForm(checklist, { t: (k) => k, people: [], timeZone: 'Europe/Oslo', now }, { done: ['b'] });
    const input = card.body.flatMap((b) => (b.kind === 'input' ? [b.input] : []))[0]!;
    expect(input).toMatchObject({ type: 'choice', multi: true, expanded: true, value: ['b'] });
  });
});
