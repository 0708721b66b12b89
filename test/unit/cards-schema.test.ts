// The Adaptive Card checks must reject what Teams would not render: each case breaks one rule of a valid card.
import { describe, expect, it } from 'vitest';
import { toAdaptiveCard } from '../../cards/adaptive.ts';
import { checkWithAdaptiveCardsLibrary, validateAdaptiveCard } from '../helpers/adaptive-schema.ts';
import { registerSample } from '../helpers/card-samples.ts';

// biome-ignore lint/suspicious/noExplicitAny: the cases reach deep into payloads to break one rule each
type Json = Record<string, any>;
const clone = <T>(value: T): T => structuredClone(value);

describe('validateAdaptiveCard', () => {
  const valid = () => clone(toAdaptiveCard(registerSample)) as Json;

  it('accepts the rendered card', () => {
    expect(validateAdaptiveCard(valid())).toEqual([]);
  });

  it.each<[string, (card: Json) => void, RegExp]>([
    [
      'an unknown element type',
      (c) => c.body.push({ type: 'Image', url: 'https://example.org/a.png' }),
      /\/body\/\d+\/type: must be equal to one of/,
    ],
    ['a made-up element type', (c) => c.body.push({ type: 'Foo' }), /\/body\/\d+\/type/],
    [
      'version 1.6',
      (c) => {
        c.version = '1.6';
      },
      /\/version: must match pattern/,
    ],
    [
      'a missing version',
      (c) => {
        delete c.version;
      },
      /must have required property 'version'/,
    ],
    [
      'an unknown property',
      (c) => {
        c.body[0].colour = 'red';
      },
      /\/body\/0: unknown property "colour"/,
    ],
    [
      'an unknown top-level property',
      (c) => {
        c.refresh = {};
      },
      /unknown property "refresh"/,
    ],
    [
      'a bad enum value',
      (c) => {
        c.body[0].size = 'huge';
      },
      /\/body\/0\/size: must be equal to one of the allowed values/,
    ],
    [
      'an input without id',
      (c) => {
        delete c.body[3].id;
      },
      /\/body\/3: must have required property 'id'/,
    ],
    [
      'a bad date value',
      (c) => {
        c.body[5].value = '27.11.2026';
      },
      /\/body\/5\/value: must match pattern/,
    ],
    [
      'Action.ShowCard',
      (c) => c.actions.push({ type: 'Action.ShowCard', title: 'Mer', card: {} }),
      /\/actions\/2\/type/,
    ],
    [
      'an OpenUrl without url',
      (c) => c.actions.push({ type: 'Action.OpenUrl', title: 'Lenke' }),
      /required property 'url'/,
    ],
    [
      'a bad associatedInputs',
      (c) => {
        c.actions[1].associatedInputs = 'some';
      },
      /associatedInputs: must be equal to one of/,
    ],
    [
      'a bad msteams width',
      (c) => {
        c.msteams.width = 'Wide';
      },
      /\/msteams\/width: must be "Full"/,
    ],
    [
      'an unknown Data.Query property',
      (c) => {
        c.body[8]['choices.data'].scope = 'all';
      },
      /unknown property "scope"/,
    ],
  ])('rejects %s', (_name, mutate, expected) => {
    const card = valid();
    mutate(card);
    const errors = validateAdaptiveCard(card);
    expect(
      errors.some((e) => expected.test(e)),
      errors.join('\n'),
    ).toBe(true);
  });

  it('accepts the other 1.5 elements Teams renders', () => {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        { type: 'ColumnSet', columns: [{ type: 'Column', width: 'auto', items: [{ type: 'TextBlock', text: 'A' }] }] },
        {
          type: 'Container',
          style: 'emphasis',
          items: [{ type: 'Input.Toggle', id: 't', title: 'Ja', label: 'Samtykke' }],
        },
      ],
      actions: [{ type: 'Action.Execute', title: 'Kjør', verb: 'run', mode: 'secondary', tooltip: 'Kjør nå' }],
    };
    expect(validateAdaptiveCard(card)).toEqual([]);
  });

  it('finds errors with the adaptivecards library too', () => {
    const card = valid();
    card.body.push({ type: 'Foo' }, { type: 'Input.Text', id: 'summary', label: 'Igjen' });
    const { errors } = checkWithAdaptiveCardsLibrary(card);
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/Unknown element type "Foo"/),
        expect.stringMatching(/Duplicate Id "summary"/),
      ]),
    );
  });
});
