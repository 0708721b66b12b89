// The follow-up-phase step specs (DESIGN §3 steps 6–9): every text they use exists in all four
// languages and fits Slack, their inputs are well formed, and the patient-help link follows the config.
import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS } from '../../cards/limits.ts';
import { APOLOGY_ELEMENTS, APOLOGY_EXTRA_KEYS, apologyStep } from '../../dialogs/steps/apology.ts';
import { DEBRIEF_EXTRA_KEYS, DEBRIEF_QUESTIONS, debriefStep } from '../../dialogs/steps/debrief.ts';
import { FOLLOW_UP_STEPS } from '../../dialogs/steps/follow-up-phase.ts';
import type { StepSpec } from '../../dialogs/steps/spec.ts';
import { DEFAULT_PATIENT_HELP_URL, watchfulWaitingStep } from '../../dialogs/steps/watchful-waiting.ts';
import { orgConfigSchema } from '../../src/config/org-config.ts';
import { I18n, loadCatalogues } from '../../src/i18n/i18n.ts';
import { LOCALES } from '../../src/i18n/locales.ts';

const catalogues = loadCatalogues();
const i18n = new I18n(catalogues);
const RESERVED = ['state', 'incidentId', 'step', 'v'];
const COUNTRIES = ['NO', 'SE', 'DK'] as const;

/** Extra keys the engine shows around a step, beyond what the spec itself names. */
const EXTRA_KEYS: Partial<Record<StepSpec['id'], readonly string[]>> = {
  debrief: DEBRIEF_EXTRA_KEYS,
  apology: APOLOGY_EXTRA_KEYS,
  watchfulWaiting: COUNTRIES.map((c) => `pathway.patientHelp.${c}`),
};

function keysOf(spec: StepSpec): string[] {
  const keys = [spec.titleKey, spec.shortKey, spec.summaryKey, spec.sourceKey];
  for (const block of spec.guide) keys.push(...(block.kind === 'list' ? block.keys : [block.key]));
  for (const field of spec.fields) {
    keys.push(field.labelKey);
    if (field.type === 'text' && field.placeholderKey) keys.push(field.placeholderKey);
    if (field.type === 'choice') keys.push(...field.options.map((o) => o.labelKey));
  }
  for (const link of spec.links ?? []) keys.push(link.labelKey);
  for (const action of spec.extraActions ?? []) keys.push(action.labelKey);
  keys.push(...(EXTRA_KEYS[spec.id] ?? []));
  return keys;
}

const cases = FOLLOW_UP_STEPS.flatMap((spec) => LOCALES.map((locale) => [spec.id, locale, spec] as const));

describe('follow-up-phase steps', () => {
  it('are the four follow-up steps in pathway order', () => {
    expect(FOLLOW_UP_STEPS.map((s) => s.id)).toEqual(['followUp', 'debrief', 'apology', 'watchfulWaiting']);
  });

  it.each(cases)('%s: every key exists and is non-empty in %s', (_id, locale, spec) => {
    for (const key of keysOf(spec)) {
      expect(i18n.has(key), key).toBe(true);
      const text = catalogues[locale][key];
      expect(text?.trim(), `${locale} ${key}`).toBeTruthy();
    }
  });

  it.each(FOLLOW_UP_STEPS)('$id names its keys after the step', (spec) => {
    expect([spec.titleKey, spec.shortKey, spec.summaryKey, spec.sourceKey]).toEqual(
      ['title', 'short', 'summary', 'source'].map((k) => `step.${spec.id}.${k}`),
    );
    for (const key of keysOf(spec).filter((k) => !k.startsWith('pathway.patientHelp.')))
      expect(key.startsWith(`step.${spec.id}.`), key).toBe(true);
  });

  it.each(cases)('%s: texts fit Slack in %s', (_id, locale, spec) => {
    const t = (key: string) => i18n.t(locale, key);
    expect(t(spec.shortKey).length, spec.shortKey).toBeLessThanOrEqual(SLACK_LIMITS.modalText);
    for (const field of spec.fields) {
      if (field.type === 'choice')
        for (const o of field.options)
          expect(t(o.labelKey).length, o.labelKey).toBeLessThanOrEqual(SLACK_LIMITS.optionText);
      if (field.type === 'text' && field.placeholderKey)
        expect(t(field.placeholderKey).length).toBeLessThanOrEqual(SLACK_LIMITS.placeholder);
    }
    for (const b of [...(spec.links ?? []), ...(spec.extraActions ?? [])])
      expect(t(b.labelKey).length, b.labelKey).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
  });

  it.each(FOLLOW_UP_STEPS)('$id has unique field ids that are not the engine’s', (spec) => {
    const ids = spec.fields.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(RESERVED, id).not.toContain(id);
  });

  it.each(FOLLOW_UP_STEPS)(
    '$id: checklists have at most 10 distinct options, free text is checked and bounded',
    (spec) => {
      for (const field of spec.fields) {
        if (field.type === 'choice') {
          expect(field.options.length, field.id).toBeGreaterThan(0);
          if (field.multi) expect(field.options.length, field.id).toBeLessThanOrEqual(SLACK_LIMITS.choiceOptions);
          const values = field.options.map((o) => o.value);
          expect(new Set(values).size, field.id).toBe(values.length);
        }
        if (field.type === 'text') {
          expect(field.freeText, field.id).toBe(true);
          expect(field.maxLength, field.id).toBeGreaterThan(0);
          expect(field.maxLength, field.id).toBeLessThanOrEqual(SLACK_LIMITS.inputMaxLength);
        }
      }
    },
  );

  it('uses the field ids the engine relies on', () => {
    const shape = (spec: StepSpec) => spec.fields.map((f) => `${f.id}:${f.type}`);
    expect(shape(FOLLOW_UP_STEPS[0])).toEqual(['meetingAt:datetime', 'adjustments:choice', 'note:text']);
    expect(shape(debriefStep)).toEqual([
      'heldAt:datetime',
      'highStress:choice',
      'actionText:text',
      'actionOwner:users',
      'actionDue:datetime',
    ]);
    expect(shape(apologyStep)).toEqual(['avoidable:choice', 'elements:choice', 'meetingAt:datetime', 'speaker:users']);
    expect(shape(watchfulWaitingStep)).toEqual(['contacts:choice', 'nextContactAt:datetime']);
    expect(apologyStep.extraActions).toEqual([{ id: 'apology.check', labelKey: 'step.apology.checkDraft' }]);
  });

  it('lists the five debrief questions and the five elements of a sincere apology', () => {
    expect(DEBRIEF_QUESTIONS).toHaveLength(5);
    expect(debriefStep.guide).toContainEqual({
      kind: 'list',
      keys: DEBRIEF_QUESTIONS.map((q) => `step.debrief.guide.question.${q}`),
    });
    expect(APOLOGY_ELEMENTS).toHaveLength(5);
    const elements = apologyStep.fields.find((f) => f.id === 'elements');
    expect(elements?.type === 'choice' && elements.options.map((o) => o.value)).toEqual([...APOLOGY_ELEMENTS]);
    const avoidable = apologyStep.fields.find((f) => f.id === 'avoidable');
    expect(avoidable?.type === 'choice' && !avoidable.multi && avoidable.options.map((o) => o.value)).toEqual([
      'yes',
      'no',
      'unsure',
    ]);
  });

  it.each(LOCALES)('formats a saved debrief action in %s', (locale) => {
    const line = i18n.t(locale, 'step.debrief.actionItem', { text: 'Read back', owner: 'Kari', date: '3 May' });
    expect(line).toBe('Read back — Kari, 3 May');
  });

  it('keeps the short checker title within a Slack modal title', () => {
    for (const locale of LOCALES)
      expect(i18n.t(locale, 'step.apology.checkTitle').length).toBeLessThanOrEqual(SLACK_LIMITS.modalText);
  });

  it('names the patient-help body with the same proper name in every language', () => {
    for (const country of COUNTRIES) {
      const names = LOCALES.map((l) => catalogues[l][`pathway.patientHelp.${country}`]);
      expect(new Set(names).size, country).toBe(1);
    }
    expect(catalogues.nb['pathway.patientHelp.NO']).toBe('Norsk Pasientforening');
  });
});

describe('patient-help link', () => {
  const link = watchfulWaitingStep.links?.find((l) => l.labelKey === 'step.watchfulWaiting.patientHelpLink');

  it.each(COUNTRIES)('uses the configured page when set (%s)', (country) => {
    const config = orgConfigSchema.parse({ country, pathway: { patientHelp: { url: 'https://example.org/help' } } });
    expect(link?.url(config.pathway, country)).toBe('https://example.org/help');
  });

  it.each(COUNTRIES)('falls back to the national default for %s', (country) => {
    const config = orgConfigSchema.parse({ country });
    const url = link?.url(config.pathway, country);
    expect(url).toBe(DEFAULT_PATIENT_HELP_URL[country]);
    expect(url).toMatch(/^https:\/\//);
  });

  it('defaults to Norsk Pasientforening in Norway', () => {
    expect(link?.url(orgConfigSchema.parse({}).pathway, 'NO')).toBe('https://www.pasient.no/');
  });
});
