import { describe, expect, it } from 'vitest';
import { readAdaptiveSubmit, toAdaptiveCard } from '../../cards/adaptive.ts';
import type { Block, Card } from '../../cards/model.ts';
import { checkWithAdaptiveCardsLibrary, validateAdaptiveCard } from '../helpers/adaptive-schema.ts';
import { registerSample } from '../helpers/card-samples.ts';

const card = (body: Block[]): Card => ({ id: 'test', fallbackText: 'Test', body });

describe('toAdaptiveCard', () => {
  it('makes the last actions block the action bar and keeps earlier ones inline', () => {
    const json = toAdaptiveCard(
      card([
        { kind: 'actions', actions: [{ id: 'a', label: 'A' }] },
        { kind: 'text', text: 'Mellom' },
        { kind: 'actions', actions: [{ id: 'b', label: 'B', style: 'danger' }] },
      ]),
    );
    expect(json.body.map((e) => e.type)).toEqual(['ActionSet', 'TextBlock']);
    expect(json.actions).toEqual([
      { type: 'Action.Submit', title: 'B', style: 'destructive', data: { verb: 'b' }, associatedInputs: 'none' },
    ]);
    expect(json.msteams).toEqual({ width: 'Full' });
  });

  it('has no action bar when the card does not end with actions', () => {
    const json = toAdaptiveCard(
      card([
        { kind: 'actions', actions: [{ id: 'a', label: 'A' }] },
        { kind: 'text', text: 'Slutt' },
      ]),
    );
    expect(json.actions).toBeUndefined();
    expect(json.body[0]).toMatchObject({ type: 'ActionSet' });
  });

  it('maps submit, data, style and url', () => {
    const json = toAdaptiveCard(
      card([
        {
          kind: 'actions',
          actions: [
            {
              id: 'form.send',
              label: 'Send',
              style: 'primary',
              submit: true,
              data: { incidentId: 'i1', verb: 'evil' },
            },
            { id: 'guide', label: 'Veileder', url: 'https://example.org/guide' },
          ],
        },
      ]),
    );
    expect(json.actions).toEqual([
      { type: 'Action.Submit', title: 'Send', style: 'positive', data: { verb: 'form.send', incidentId: 'i1' } },
      { type: 'Action.OpenUrl', title: 'Veileder', url: 'https://example.org/guide' },
    ]);
  });

  it('maps tones, headings, facts and lists', () => {
    const json = toAdaptiveCard(
      card([
        { kind: 'heading', text: 'Tittel' },
        { kind: 'heading', text: 'Undertittel' },
        { kind: 'text', text: 'Viktig', tone: 'attention' },
        { kind: 'text', text: 'Bra', tone: 'good' },
        { kind: 'text', text: 'Stille', tone: 'muted' },
        { kind: 'facts', items: [{ label: 'Status', value: 'Åpen' }] },
        { kind: 'list', items: ['Én', 'To\nlinjer'] },
      ]),
    );
    expect(json.body).toEqual([
      { type: 'TextBlock', text: 'Tittel', size: 'Large', weight: 'Bolder', wrap: true, style: 'heading' },
      { type: 'TextBlock', text: 'Undertittel', size: 'Medium', weight: 'Bolder', wrap: true, style: 'heading' },
      { type: 'TextBlock', text: 'Viktig', wrap: true, color: 'Attention' },
      { type: 'TextBlock', text: 'Bra', wrap: true, color: 'Good' },
      { type: 'TextBlock', text: 'Stille', wrap: true, isSubtle: true },
      { type: 'FactSet', facts: [{ title: 'Status', value: 'Åpen' }] },
      { type: 'TextBlock', text: '- Én\n- To linjer', wrap: true },
    ]);
  });

  it('turns a divider into a separator on the next element, or a trailing empty Container', () => {
    const json = toAdaptiveCard(
      card([
        { kind: 'text', text: 'A' },
        { kind: 'divider' },
        { kind: 'divider' },
        { kind: 'text', text: 'B' },
        { kind: 'divider' },
        { kind: 'actions', actions: [{ id: 'x', label: 'X' }] },
      ]),
    );
    expect(json.body).toEqual([
      { type: 'TextBlock', text: 'A', wrap: true },
      { type: 'TextBlock', text: 'B', wrap: true, separator: true },
      { type: 'Container', items: [], separator: true },
    ]);
    expect(validateAdaptiveCard(json)).toEqual([]);
  });

  it('renders a datetime as a date and a time input', () => {
    const json = toAdaptiveCard(
      card([
        {
          kind: 'input',
          input: {
            type: 'datetime',
            id: 'at',
            label: 'Når?',
            value: '2026-03-29T02:30',
            max: '2026-11-27T10:05',
            required: true,
          },
        },
      ]),
    );
    expect(json.body).toEqual([
      { type: 'Input.Date', id: 'at', label: 'Når?', value: '2026-03-29', max: '2026-11-27', isRequired: true },
      { type: 'Input.Time', id: 'atTime', value: '02:30', isRequired: true },
    ]);
  });

  it('shows an input error below the input and as its errorMessage', () => {
    const json = toAdaptiveCard(
      card([
        {
          kind: 'input',
          input: { type: 'choice', id: 'c', label: 'Velg', options: [{ value: 'a', label: 'A' }], error: 'Velg ett.' },
        },
      ]),
    );
    expect(json.body).toEqual([
      {
        type: 'Input.ChoiceSet',
        id: 'c',
        label: 'Velg',
        style: 'compact',
        choices: [{ title: 'A', value: 'a' }],
        errorMessage: 'Velg ett.',
      },
      { type: 'TextBlock', text: 'Velg ett.', color: 'Attention', wrap: true, spacing: 'Small' },
    ]);
  });

  it('renders users as the Teams people picker with static choices', () => {
    const json = toAdaptiveCard(
      card([
        {
          kind: 'input',
          input: { type: 'users', id: 'u', label: 'Hvem?', multi: true, options: [], value: ['a', 'b'] },
        },
      ]),
    );
    expect(json.body[0]).toEqual({
      type: 'Input.ChoiceSet',
      id: 'u',
      label: 'Hvem?',
      choices: [],
      'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
      isMultiSelect: true,
      value: 'a,b',
    });
    expect(validateAdaptiveCard(json)).toEqual([]);
    expect(checkWithAdaptiveCardsLibrary(json).errors).toEqual([]);
  });

  it('leaves only accessibility hints the model cannot fix yet', () => {
    const { hints } = checkWithAdaptiveCardsLibrary(toAdaptiveCard(registerSample));
    for (const hint of hints) expect(hint).toMatch(/should have (a label|an error message)/);
  });
});

describe('readAdaptiveSubmit', () => {
  it('reads a message activity from Action.Submit', () => {
    expect(
      readAdaptiveSubmit({
        verb: 'incident.register',
        summary: 'Tekst',
        occurredAt: '2026-11-27',
        occurredAtTime: '03:40',
      }),
    ).toEqual({
      actionId: 'incident.register',
      values: { summary: 'Tekst', occurredAt: '2026-11-27', occurredAtTime: '03:40' },
    });
  });

  it('reads a task/submit invoke from a dialog', () => {
    expect(readAdaptiveSubmit({ data: { verb: 'menu', locale: 'nb' }, context: { theme: 'dark' } })).toEqual({
      actionId: 'menu',
      values: { locale: 'nb' },
    });
  });

  it('reads an adaptiveCard/action invoke', () => {
    expect(
      readAdaptiveSubmit({
        action: { type: 'Action.Execute', verb: 'incident.view', data: { incidentId: 'i1' } },
        trigger: 'manual',
      }),
    ).toEqual({
      actionId: 'incident.view',
      values: { incidentId: 'i1' },
    });
  });

  it('returns null without a string verb', () => {
    for (const value of [undefined, null, 'verb', [], {}, { verb: 3 }, { data: { verb: null } }, { action: {} }]) {
      expect(readAdaptiveSubmit(value)).toBeNull();
    }
  });

  it('round-trips the data of a rendered action', () => {
    const json = toAdaptiveCard(
      card([{ kind: 'actions', actions: [{ id: 'language.set', label: 'Svenska', data: { locale: 'sv' } }] }]),
    );
    expect(readAdaptiveSubmit(json.actions?.[0]?.data)).toEqual({ actionId: 'language.set', values: { locale: 'sv' } });
  });
});
