import { describe, expect, it } from 'vitest';
import {
  readSlackAction,
  readSlackMessageState,
  readSlackViewState,
  toBlockKitMessage,
  toBlockKitModal,
  toSlackErrors,
  wallClockToEpochSeconds,
} from '../../cards/blockkit.ts';
import { checkBlockKit, escapeMrkdwn, truncate } from '../../cards/limits.ts';
import type { Block, Card } from '../../cards/model.ts';
import { registerSample } from '../helpers/card-samples.ts';

const card = (body: Block[], extra: Partial<Card> = {}): Card => ({ id: 'test', fallbackText: 'Test', body, ...extra });
const blocksOf = (body: Block[]) => toBlockKitMessage(card(body)).blocks;

describe('toBlockKitMessage', () => {
  it('escapes neutral text and marks tones', () => {
    expect(
      blocksOf([
        { kind: 'text', text: 'a < b && c > d' },
        { kind: 'text', text: '<!channel>', tone: 'attention' },
        { kind: 'text', text: 'Stille & rolig', tone: 'muted' },
      ]),
    ).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: 'a &lt; b &amp;&amp; c &gt; d' } },
      { type: 'section', text: { type: 'mrkdwn', text: ':warning: &lt;!channel&gt;' } },
      { type: 'context', elements: [{ type: 'mrkdwn', text: 'Stille &amp; rolig' }] },
    ]);
    expect(escapeMrkdwn('<@U123> & *fet*')).toBe('&lt;@U123&gt; &amp; *fet*');
  });

  it('truncates a long header between graphemes', () => {
    const [header] = blocksOf([{ kind: 'heading', text: `${'a'.repeat(148)}👩‍⚕️ lege` }]);
    const text = (header!.text as { text: string }).text;
    expect(text).toBe(`${'a'.repeat(148)}…`);
    expect(text.length).toBeLessThanOrEqual(150);
    expect(truncate('🧑‍🤝‍🧑🧑‍🤝‍🧑', 9)).toBe('🧑‍🤝‍🧑…');
    expect(truncate('kort', 24)).toBe('kort');
  });

  it('splits facts into sections of at most 10 fields', () => {
    const items = Array.from({ length: 23 }, (_, i) => ({ label: `L${i}`, value: `<v${i}>` }));
    const blocks = blocksOf([{ kind: 'facts', items }]);
    expect(blocks.map((b) => (b.fields as unknown[]).length)).toEqual([10, 10, 3]);
    expect((blocks[0]!.fields as unknown[])[0]).toEqual({ type: 'mrkdwn', text: '*L0*\n&lt;v0&gt;' });
  });

  it('splits long text into sections within 3000 characters, at spaces or between entities', () => {
    const texts = (text: string) => blocksOf([{ kind: 'text', text }]).map((b) => (b.text as { text: string }).text);
    const words = texts('ord '.repeat(1000).trim());
    expect(words.map((t) => t.length)).toEqual([2999, 999]);
    expect(words.every((t) => /^ord( ord)*$/.test(t))).toBe(true);
    const entity = texts(`${'x'.repeat(2998)}&${'y'.repeat(10)}`);
    expect(entity.map((t) => t.length)).toEqual([2998, 15]);
    expect(entity[1]).toBe(`&amp;${'y'.repeat(10)}`);
    const blocks = blocksOf([{ kind: 'text', text: 'æ'.repeat(7000) }]);
    expect(checkBlockKit({ text: 'x', blocks }, 'message')).toEqual([]);
  });

  it('renders a list as bullet lines', () => {
    expect(blocksOf([{ kind: 'list', items: ['Én', 'To & tre'] }])).toEqual([
      { type: 'section', text: { type: 'mrkdwn', text: '• Én\n• To &amp; tre' } },
    ]);
  });

  it('gives repeated action ids a #n suffix, across blocks, and carries data in value', () => {
    const blocks = blocksOf([
      {
        kind: 'actions',
        actions: [
          { id: 'x', label: 'A', data: { k: '1' } },
          { id: 'x', label: 'B', style: 'danger' },
        ],
      },
      { kind: 'actions', actions: [{ id: 'x', label: 'C', url: 'https://example.org' }] },
    ]);
    const buttons = blocks.flatMap((b) => b.elements as Record<string, unknown>[]);
    expect(buttons.map((b) => b.action_id)).toEqual(['x', 'x#2', 'x#3']);
    expect(buttons[0]?.value).toBe('{"k":"1"}');
    expect(buttons[1]?.style).toBe('danger');
    expect(buttons[2]?.url).toBe('https://example.org');
  });

  it('splits more than 25 buttons into several actions blocks', () => {
    const actions = Array.from({ length: 30 }, (_, i) => ({ id: `a${i}`, label: `${i}` }));
    expect(blocksOf([{ kind: 'actions', actions }]).map((b) => (b.elements as unknown[]).length)).toEqual([25, 5]);
  });

  it('shows only the launcher for a card with a modal', () => {
    const message = toBlockKitMessage(registerSample);
    expect(message.text).toBe(registerSample.fallbackText);
    expect(message.blocks.some((b) => b.type === 'input')).toBe(false);
    expect(message.blocks.at(-1)).toEqual({
      type: 'actions',
      elements: [
        {
          type: 'button',
          action_id: 'dialog.open',
          text: { type: 'plain_text', text: 'Åpne skjemaet', emoji: true },
          value: '{"card":"incident.register"}',
          style: 'primary',
        },
      ],
    });
  });

  it('shows an input error in a message below the input', () => {
    const blocks = blocksOf([{ kind: 'input', input: { type: 'text', id: 't', label: 'Tekst', error: 'For lang.' } }]);
    expect(blocks.map((b) => b.type)).toEqual(['input', 'context']);
  });
});

describe('toBlockKitModal', () => {
  const opts = { callbackId: 'dialog.submit' };

  it('truncates the title, submit and close texts to 24 characters', () => {
    const long = 'Registrer en uønsket hendelse nå';
    const modal = toBlockKitModal(
      card([], {
        modal: { title: long, submitLabel: long, closeLabel: 'Lukk', launcherText: 'x', launcherLabel: 'y' },
      }),
      opts,
    );
    expect(modal.title.text).toBe('Registrer en uønsket he…');
    expect(modal.title.text.length).toBe(24);
    expect(modal.close.text).toBe('Lukk');
    expect(modal.private_metadata).toBeUndefined();
  });

  it('drops submitting actions, keeps the others, and leaves errors to response_action', () => {
    const modal = toBlockKitModal(registerSample, opts);
    const buttons = modal.blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements as { action_id: string }[]);
    expect(buttons.map((b) => b.action_id)).toEqual(['menu']);
    expect(modal.blocks.some((b) => b.type === 'context')).toBe(false);
    expect(toSlackErrors({ summary: 'Fjern navnet.' })).toEqual({ summary: 'Fjern navnet.' });
  });

  it('converts a datetime value in the given time zone to epoch seconds', () => {
    const modal = (value: string, timeZone?: string) =>
      toBlockKitModal(
        card([{ kind: 'input', input: { type: 'datetime', id: 'at', label: 'Når?', value } }], {
          modal: registerSample.modal,
        }),
        { ...opts, timeZone },
      ).blocks[0]?.element;
    expect(modal('2026-11-27T10:00')).toEqual({
      type: 'datetimepicker',
      action_id: 'at',
      initial_date_time: Date.UTC(2026, 10, 27, 9) / 1000,
    });
    expect(modal('2026-07-01T10:00', 'Europe/Oslo')).toMatchObject({
      initial_date_time: Date.UTC(2026, 6, 1, 8) / 1000,
    });
    expect(modal('2026-07-01T10:00', 'UTC')).toMatchObject({ initial_date_time: Date.UTC(2026, 6, 1, 10) / 1000 });
  });

  it('throws for a card without modal texts', () => {
    expect(() => toBlockKitModal(card([]), opts)).toThrow(/no modal/);
  });
});

describe('wallClockToEpochSeconds', () => {
  it('handles the DST changes in Oslo', () => {
    // 29 March 2026: 02:00 CET jumps to 03:00 CEST; 02:30 does not exist and moves forward.
    expect(wallClockToEpochSeconds('2026-03-29T02:30', 'Europe/Oslo')).toBe(Date.UTC(2026, 2, 29, 1, 30) / 1000);
    expect(wallClockToEpochSeconds('2026-03-29T03:30', 'Europe/Oslo')).toBe(Date.UTC(2026, 2, 29, 1, 30) / 1000);
    // 25 October 2026: 02:30 happens twice; the later (CET) one is used.
    expect(wallClockToEpochSeconds('2026-10-25T02:30', 'Europe/Oslo')).toBe(Date.UTC(2026, 9, 25, 1, 30) / 1000);
    expect(wallClockToEpochSeconds('2026-11-27', 'Europe/Oslo')).toBeUndefined();
  });
});

describe('reading Slack payloads', () => {
  it('flattens view.state.values by action id', () => {
    const values = {
      summary: { summary: { type: 'plain_text_input', value: 'Tekst' } },
      empty: { empty: { type: 'plain_text_input', value: null } },
      category: {
        category: {
          type: 'static_select',
          selected_option: { text: { type: 'plain_text', text: 'Fall' }, value: 'fall' },
        },
      },
      none: { none: { type: 'static_select', selected_option: null } },
      manager: { manager: { type: 'users_select', selected_user: 'U123' } },
      involved: { involved: { type: 'multi_users_select', selected_users: ['U1', 'U2'] } },
      occurredAt: { occurredAt: { type: 'datetimepicker', selected_date_time: 1795747200 } },
      consent: { consent: { type: 'checkboxes', selected_options: [{ value: 'yes' }] } },
    };
    expect(readSlackViewState(values)).toEqual({
      summary: 'Tekst',
      empty: '',
      category: 'fall',
      none: null,
      manager: 'U123',
      involved: ['U1', 'U2'],
      occurredAt: 1795747200,
      consent: ['yes'],
    });
    expect(readSlackMessageState).toBe(readSlackViewState);
  });

  it('reads a pressed button back to the card action', () => {
    expect(readSlackAction({ action_id: 'language.set#3', value: '{"locale":"da"}' })).toEqual({
      actionId: 'language.set',
      values: { locale: 'da' },
    });
    expect(readSlackAction({ action_id: 'menu', value: 'not json' })).toEqual({ actionId: 'menu', values: {} });
    expect(readSlackAction({ action_id: 'dialog.open', value: '{"card":"incident.register"}' }).values).toEqual({
      card: 'incident.register',
    });
  });
});
