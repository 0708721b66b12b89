// Renders a neutral Card as Slack Block Kit (a message, or a modal view), and reads what Slack sends back.
// Pure functions: no I/O, no platform SDK. Limits: see cards/limits.ts.
import { escapeMrkdwn, SLACK_LIMITS as L, splitText, truncate } from './limits.ts';
import type { Action, Block, Card, Input } from './model.ts';
import { buttonValueSchema, type Submit, slackStateSchema } from './submit-schema.ts';

export type PlainText = { type: 'plain_text'; text: string; emoji?: boolean };
export type TextObject = PlainText | { type: 'mrkdwn'; text: string };

export interface SlackBlock {
  type: string;
  block_id?: string;
  [key: string]: unknown;
}

export interface SlackModalView {
  type: 'modal';
  callback_id: string;
  title: PlainText;
  submit: PlainText;
  close: PlainText;
  private_metadata?: string;
  blocks: SlackBlock[];
}

/** The button on a message that opens a card's modal; its value is `{"card": <card id>}`. */
export const DIALOG_OPEN_ACTION = 'dialog.open';
export const DEFAULT_TIME_ZONE = 'Europe/Oslo';

type Surface = { kind: 'message' | 'modal'; ids: ActionIds; timeZone: string };

/** A message. A card with `modal` shows only its launcher here: the form itself opens in the modal. */
export function toBlockKitMessage(
  card: Card,
  opts: { timeZone?: string } = {},
): { text: string; blocks: SlackBlock[] } {
  if (card.modal) {
    const open: Action = {
      id: DIALOG_OPEN_ACTION,
      label: card.modal.launcherLabel,
      style: 'primary',
      data: { ...card.modal.openData, card: card.id },
    };
    return {
      text: card.fallbackText,
      blocks: [...sections(card.modal.launcherText), { type: 'actions', elements: [button(open, DIALOG_OPEN_ACTION)] }],
    };
  }
  const surface: Surface = { kind: 'message', ids: new ActionIds(), timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE };
  return { text: card.fallbackText, blocks: card.body.flatMap((b) => renderBlock(b, surface)) };
}

/**
 * The modal view of a card with `modal` (for views.open / views.update / response_action update).
 * `timeZone` is the user's: a datetime value is wall-clock time there.
 */
export function toBlockKitModal(
  card: Card,
  opts: { callbackId: string; privateMetadata?: string; timeZone?: string },
): SlackModalView {
  if (!card.modal) throw new Error(`Card "${card.id}" has no modal texts`);
  const surface: Surface = { kind: 'modal', ids: new ActionIds(), timeZone: opts.timeZone ?? DEFAULT_TIME_ZONE };
  return {
    type: 'modal',
    callback_id: opts.callbackId,
    title: plain(truncate(card.modal.title, L.modalText)),
    submit: plain(truncate(card.modal.submitLabel, L.modalText)),
    close: plain(truncate(card.modal.closeLabel, L.modalText)),
    ...(opts.privateMetadata !== undefined ? { private_metadata: opts.privateMetadata } : {}),
    blocks: card.body.flatMap((b) => renderBlock(b, surface)),
  };
}

/** Input errors for `response_action: 'errors'`, keyed by block id (the input id). */
export function toSlackErrors(errors: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(errors).map(([inputId, message]) => [inputBlockId(inputId), message]));
}

function inputBlockId(inputId: string): string {
  return inputId;
}

function renderBlock(block: Block, surface: Surface): SlackBlock[] {
  switch (block.kind) {
    case 'heading':
      return block.text.trim() ? [{ type: 'header', text: plain(truncate(block.text, L.headerText)) }] : [];
    case 'text':
      if (block.tone === 'muted') {
        if (!block.text.trim()) return [];
        return splitText(escapeMrkdwn(block.text), L.contextText).map((t) => ({
          type: 'context',
          elements: [mrkdwn(t)],
        }));
      }
      return sections(block.text, block.tone === 'attention' ? ':warning: ' : '');
    case 'facts':
      return groups(block.items, L.sectionFields).map((items) => ({ type: 'section', fields: items.map(field) }));
    case 'list':
      return sections(block.items.map((i) => `• ${i}`).join('\n'));
    case 'divider':
      return [{ type: 'divider' }];
    case 'input': {
      const input: SlackBlock = {
        type: 'input',
        block_id: inputBlockId(block.input.id),
        label: plain(truncate(block.input.label, L.inputLabel)),
        optional: !block.input.required,
        element: inputElement(block.input, surface),
      };
      surface.ids.claim(block.input.id);
      // A modal shows errors through response_action; a message has only its blocks.
      const error = surface.kind === 'message' && block.input.error;
      return error ? [input, { type: 'context', elements: [mrkdwn(`:warning: ${escapeMrkdwn(error)}`)] }] : [input];
    }
    case 'actions': {
      // In a modal, the view's own submit button stands in for the card's submitting actions.
      const actions = surface.kind === 'modal' ? block.actions.filter((a) => !a.submit) : block.actions;
      return groups(actions, L.actionsElements).map((group) => ({
        type: 'actions',
        elements: group.map((a) => button(a, surface.ids.next(a.id))),
      }));
    }
  }
}

function inputElement(input: Input, surface: Surface): Record<string, unknown> {
  const action_id = input.id;
  switch (input.type) {
    case 'text':
      return compact({
        type: 'plain_text_input',
        action_id,
        multiline: input.multiline || undefined,
        max_length: input.maxLength === undefined ? undefined : Math.min(input.maxLength, L.inputMaxLength),
        initial_value: input.value || undefined,
        placeholder: input.placeholder ? plain(truncate(input.placeholder, L.placeholder)) : undefined,
      });
    case 'datetime':
      return compact({
        type: 'datetimepicker',
        action_id,
        initial_date_time: input.value ? wallClockToEpochSeconds(input.value, surface.timeZone) : undefined,
      });
    case 'choice': {
      const option = (o: { value: string; label: string }) => ({
        text: plain(truncate(o.label, L.optionText)),
        value: o.value,
      });
      const chosen = new Set(Array.isArray(input.value) ? input.value : input.value ? [input.value] : []);
      const initial = input.options.filter((o) => chosen.has(o.value)).map(option);
      if (input.multi) {
        return compact({
          type: input.expanded ? 'checkboxes' : 'multi_static_select',
          action_id,
          options: input.options.map(option),
          initial_options: initial.length ? initial : undefined,
        });
      }
      return compact({
        type: input.expanded ? 'radio_buttons' : 'static_select',
        action_id,
        options: input.options.map(option),
        initial_option: initial[0],
      });
    }
    case 'users':
      return input.multi
        ? compact({
            type: 'multi_users_select',
            action_id,
            initial_users: input.value?.length ? input.value : undefined,
          })
        : compact({ type: 'users_select', action_id, initial_user: input.value?.[0] });
  }
}

function button(action: Action, actionId: string): Record<string, unknown> {
  return compact({
    type: 'button',
    action_id: actionId,
    text: plain(truncate(action.label, L.buttonText)),
    value: JSON.stringify(action.data ?? {}),
    style: action.style,
    url: action.url,
  });
}

/** Unique action ids within one surface: the action id, then `#2`, `#3`… for repeats. */
class ActionIds {
  private readonly used = new Set<string>();
  claim(id: string): void {
    this.used.add(id);
  }
  next(id: string): string {
    let candidate = id;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${id}#${n}`;
    this.used.add(candidate);
    return candidate;
  }
}

function field(item: { label: string; value: string }): TextObject {
  const label = item.label.trim() ? `*${truncate(item.label, 300, escapeMrkdwn)}*\n` : '';
  return mrkdwn(label + truncate(item.value, L.fieldText - label.length, escapeMrkdwn));
}

function sections(text: string, prefix = ''): SlackBlock[] {
  if (!text.trim()) return [];
  return splitText(prefix + escapeMrkdwn(text), L.sectionText).map((t) => ({ type: 'section', text: mrkdwn(t) }));
}

const plain = (text: string): PlainText => ({ type: 'plain_text', text, emoji: true });
const mrkdwn = (text: string): TextObject => ({ type: 'mrkdwn', text });

function groups<T>(items: T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function compact<T extends Record<string, unknown>>(obj: T): T {
  for (const key of Object.keys(obj)) if (obj[key] === undefined) delete obj[key];
  return obj;
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const zoneFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Epoch seconds of a wall-clock `YYYY-MM-DDTHH:mm` in `timeZone`. A time skipped by a DST change
 * moves forward by the gap; a repeated one resolves to its later occurrence.
 */
export function wallClockToEpochSeconds(local: string, timeZone: string): number | undefined {
  const m = LOCAL.exec(local);
  if (!m) return undefined;
  const asUtc = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]));
  const first = asUtc - zoneOffsetMs(asUtc, timeZone);
  return Math.round((asUtc - zoneOffsetMs(first, timeZone)) / 1000);
}

function zoneOffsetMs(at: number, timeZone: string): number {
  let format = zoneFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zoneFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(new Date(at)).map((p) => [p.type, Number(p.value)]));
  const wall = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return wall - (at - (at % 1000));
}

/**
 * Flattens `view.state.values` (view_submission) or `state.values` (block_actions on a message)
 * into `{ [action_id]: value }`. Datetimes stay epoch seconds; users stay Slack user ids. A state
 * that is not one (cards/submit-schema.ts) reads as no values.
 */
export function readSlackViewState(values: unknown): Record<string, unknown> {
  const state = slackStateSchema.safeParse(values);
  return state.success ? state.data : {};
}

/** Message-embedded inputs arrive in the same shape, under the block_actions payload's `state.values`. */
export const readSlackMessageState = readSlackViewState;

/** A pressed button (block_actions `actions[0]`): the card action id without its `#n` suffix, and its data. */
export function readSlackAction(action: { action_id: string; value?: unknown }): Submit {
  // Not ours (e.g. a url button from another app) or not JSON: no data.
  return { actionId: action.action_id.replace(/#\d+$/, ''), values: buttonValueSchema.parse(action.value) };
}
