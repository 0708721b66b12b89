// The limits Slack documents for Block Kit payloads: checked before sending (tests, and the Slack
// channel in development; Slack rejects a payload that breaks one with `invalid_blocks`), and the
// text fitting the renderer uses to stay within them. Lengths are UTF-16 code units, never fewer
// than the characters Slack counts.

export type BlockKitSurface = 'message' | 'modal';

export const SLACK_LIMITS = {
  messageBlocks: 50,
  modalBlocks: 100,
  headerText: 150,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  buttonUrl: 3000,
  id: 255,
  selectOptions: 100,
  choiceOptions: 10,
  optionText: 75,
  optionValue: 150,
  inputLabel: 2000,
  inputHint: 2000,
  placeholder: 150,
  inputMaxLength: 3000,
  modalText: 24,
  privateMetadata: 3000,
  callbackId: 255,
} as const;

const BLOCK_TYPES = new Set(['section', 'header', 'divider', 'context', 'actions', 'input', 'image', 'rich_text']);
const INPUT_ELEMENTS = new Set([
  'plain_text_input',
  'static_select',
  'multi_static_select',
  'users_select',
  'multi_users_select',
  'datetimepicker',
  'datepicker',
  'timepicker',
  'checkboxes',
  'radio_buttons',
]);
const ACTION_ELEMENTS = new Set([...INPUT_ELEMENTS, 'button', 'overflow']);
ACTION_ELEMENTS.delete('plain_text_input');

type Rec = Record<string, unknown>;
const rec = (v: unknown): Rec | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Rec) : undefined;

/**
 * Violations of Slack's documented limits in a message (`{ text, blocks }`) or a modal view, as
 * `path: problem` lines; empty when the payload is within limits. action_id and block_id must be
 * unique within the whole surface (stricter than Slack's per-block rule for action_id).
 */
export function checkBlockKit(payload: unknown, surface: BlockKitSurface): string[] {
  const problems: string[] = [];
  const blockIds = new Set<string>();
  const actionIds = new Set<string>();
  const L = SLACK_LIMITS;

  const fail = (path: string, problem: string): void => {
    problems.push(`${path}: ${problem}`);
  };
  const maxLength = (value: unknown, path: string, max: number) => {
    if (value === undefined) return;
    if (typeof value !== 'string') fail(path, 'not a string');
    else if (value.length > max) fail(path, `${value.length} characters > ${max}`);
  };
  const text = (value: unknown, path: string, max: number, opts: { plain?: boolean; required?: boolean } = {}) => {
    if (value === undefined) {
      if (opts.required) fail(path, 'missing text object');
      return;
    }
    const t = rec(value);
    if (!t) return fail(path, 'text object is not an object');
    if (t.type !== 'plain_text' && t.type !== 'mrkdwn')
      fail(`${path}.type`, `"${String(t.type)}" is not plain_text or mrkdwn`);
    else if (opts.plain && t.type !== 'plain_text') fail(`${path}.type`, 'must be plain_text');
    if (typeof t.text !== 'string' || t.text.trim() === '') fail(`${path}.text`, 'empty text');
    else maxLength(t.text, `${path}.text`, max);
  };
  const uniqueId = (value: unknown, path: string, seen: Set<string>, required: boolean) => {
    if (value === undefined) {
      if (required) fail(path, 'missing');
      return;
    }
    maxLength(value, path, L.id);
    if (typeof value !== 'string') return;
    if (seen.has(value)) fail(path, `duplicate "${value}"`);
    seen.add(value);
  };
  const option = (value: unknown, path: string) => {
    const o = rec(value);
    if (!o) return fail(path, 'not an object');
    text(o.text, `${path}.text`, L.optionText, { required: true });
    if (typeof o.value !== 'string' || o.value === '') fail(`${path}.value`, 'missing');
    else maxLength(o.value, `${path}.value`, L.optionValue);
  };

  const element = (value: unknown, path: string, allowed: Set<string>) => {
    const e = rec(value);
    if (!e) return fail(path, 'not an object');
    const type = String(e.type);
    if (!allowed.has(type)) return fail(`${path}.type`, `"${type}" is not allowed here`);
    uniqueId(e.action_id, `${path}.action_id`, actionIds, false);
    text(e.placeholder, `${path}.placeholder`, L.placeholder, { plain: true });
    switch (type) {
      case 'button':
        text(e.text, `${path}.text`, L.buttonText, { plain: true, required: true });
        maxLength(e.value, `${path}.value`, L.buttonValue);
        maxLength(e.url, `${path}.url`, L.buttonUrl);
        if (e.style !== undefined && e.style !== 'primary' && e.style !== 'danger')
          fail(`${path}.style`, 'not primary or danger');
        break;
      case 'static_select':
      case 'multi_static_select':
      case 'checkboxes':
      case 'radio_buttons':
      case 'overflow': {
        const max = type.endsWith('static_select') ? L.selectOptions : type === 'overflow' ? 5 : L.choiceOptions;
        const options = Array.isArray(e.options) ? e.options : [];
        if (options.length === 0 && e.option_groups === undefined) fail(`${path}.options`, 'no options');
        if (options.length > max) fail(`${path}.options`, `${options.length} options > ${max}`);
        for (const [i, o] of options.entries()) option(o, `${path}.options[${i}]`);
        const values = new Set(options.map((o) => rec(o)?.value));
        if (e.initial_option !== undefined) {
          option(e.initial_option, `${path}.initial_option`);
          if (!values.has(rec(e.initial_option)?.value)) fail(`${path}.initial_option`, 'not one of the options');
        }
        if (e.initial_options !== undefined) {
          const initial = Array.isArray(e.initial_options) ? e.initial_options : [];
          for (const [i, o] of initial.entries()) {
            option(o, `${path}.initial_options[${i}]`);
            if (!values.has(rec(o)?.value)) fail(`${path}.initial_options[${i}]`, 'not one of the options');
          }
        }
        break;
      }
      case 'plain_text_input':
        for (const key of ['max_length', 'min_length'] as const) {
          const n = e[key];
          if (n !== undefined && (typeof n !== 'number' || n < 0 || n > L.inputMaxLength)) {
            fail(`${path}.${key}`, `must be 0..${L.inputMaxLength}`);
          }
        }
        if (
          typeof e.initial_value === 'string' &&
          typeof e.max_length === 'number' &&
          e.initial_value.length > e.max_length
        ) {
          fail(`${path}.initial_value`, `longer than max_length ${e.max_length}`);
        }
        break;
      case 'datetimepicker':
        if (e.initial_date_time !== undefined) {
          const t = e.initial_date_time;
          // Epoch seconds; a millisecond value is the usual mistake.
          if (typeof t !== 'number' || !Number.isInteger(t) || t < 0 || t > 1e11)
            fail(`${path}.initial_date_time`, 'not epoch seconds');
        }
        break;
    }
  };

  const block = (value: unknown, path: string) => {
    const b = rec(value);
    if (!b) return fail(path, 'not an object');
    const type = String(b.type);
    if (!BLOCK_TYPES.has(type)) return fail(`${path}.type`, `unknown block type "${type}"`);
    uniqueId(b.block_id, `${path}.block_id`, blockIds, false);
    switch (type) {
      case 'header':
        text(b.text, `${path}.text`, L.headerText, { plain: true, required: true });
        break;
      case 'section': {
        if (b.text === undefined && b.fields === undefined) fail(path, 'section needs text or fields');
        text(b.text, `${path}.text`, L.sectionText);
        if (b.fields !== undefined) {
          const fields = Array.isArray(b.fields) ? b.fields : [];
          if (fields.length === 0 || fields.length > L.sectionFields)
            fail(`${path}.fields`, `${fields.length} fields, need 1..${L.sectionFields}`);
          for (const [i, f] of fields.entries()) text(f, `${path}.fields[${i}]`, L.fieldText, { required: true });
        }
        if (b.accessory !== undefined) element(b.accessory, `${path}.accessory`, ACTION_ELEMENTS);
        break;
      }
      case 'context': {
        const elements = Array.isArray(b.elements) ? b.elements : [];
        if (elements.length === 0 || elements.length > L.contextElements)
          fail(`${path}.elements`, `${elements.length} elements, need 1..${L.contextElements}`);
        elements.forEach((e, i) => {
          if (rec(e)?.type !== 'image') text(e, `${path}.elements[${i}]`, L.contextText, { required: true });
        });
        break;
      }
      case 'actions': {
        const elements = Array.isArray(b.elements) ? b.elements : [];
        if (elements.length === 0 || elements.length > L.actionsElements)
          fail(`${path}.elements`, `${elements.length} elements, need 1..${L.actionsElements}`);
        for (const [i, e] of elements.entries()) element(e, `${path}.elements[${i}]`, ACTION_ELEMENTS);
        break;
      }
      case 'input':
        text(b.label, `${path}.label`, L.inputLabel, { plain: true, required: true });
        text(b.hint, `${path}.hint`, L.inputHint, { plain: true });
        if (b.optional !== undefined && typeof b.optional !== 'boolean') fail(`${path}.optional`, 'not a boolean');
        if (b.element === undefined) fail(`${path}.element`, 'missing');
        else element(b.element, `${path}.element`, INPUT_ELEMENTS);
        break;
    }
  };

  const p = rec(payload);
  if (!p) return ['payload: not an object'];
  const blocks = Array.isArray(p.blocks) ? p.blocks : undefined;
  if (!blocks) fail('blocks', 'not an array');
  if (surface === 'message') {
    if (typeof p.text !== 'string' || p.text.trim() === '')
      fail('text', 'missing fallback text (notifications, screen readers)');
  } else {
    if (p.type !== 'modal') fail('type', 'not "modal"');
    text(p.title, 'title', L.modalText, { plain: true, required: true });
    text(p.submit, 'submit', L.modalText, { plain: true });
    text(p.close, 'close', L.modalText, { plain: true });
    maxLength(p.private_metadata, 'private_metadata', L.privateMetadata);
    maxLength(p.callback_id, 'callback_id', L.callbackId);
    if (p.submit === undefined && blocks?.some((b) => rec(b)?.type === 'input'))
      fail('submit', 'required when the view has input blocks');
  }
  const max = surface === 'message' ? L.messageBlocks : L.modalBlocks;
  if (blocks && blocks.length > max) fail('blocks', `${blocks.length} blocks > ${max} (${surface})`);
  for (const [i, b] of (blocks ?? []).entries()) block(b, `blocks[${i}]`);
  return problems;
}

// Fitting neutral text into those limits (used by cards/blockkit.ts).

/** Neutral strings are plain text: the three characters Slack's mrkdwn reserves are escaped. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** At most `max` UTF-16 units after `transform`, cut between graphemes, with an ellipsis when cut. */
export function truncate(text: string, max: number, transform: (s: string) => string = (s) => s): string {
  const whole = transform(text);
  if (whole.length <= max) return whole;
  let out = '';
  for (const { segment } of graphemes.segment(text)) {
    const next = out + transform(segment);
    if (next.length + 1 > max) break;
    out = next;
  }
  return `${out.trimEnd()}…`;
}

/** Splits already-escaped mrkdwn into pieces of at most `max`, at a line break or space where possible. */
export function splitText(text: string, max: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > max) {
    const window = rest.slice(0, max + 1);
    let cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
    if (cut < max / 2) cut = safeCut(rest, max);
    out.push(rest.slice(0, cut).trimEnd());
    rest = rest.slice(cut).trimStart();
  }
  if (rest) out.push(rest);
  return out;
}

/** A hard cut at or before `max` that splits neither a grapheme nor an `&amp;`-style entity. */
function safeCut(text: string, max: number): number {
  let cut = 0;
  for (const { index } of graphemes.segment(text)) {
    if (index > max) break;
    cut = index;
  }
  const amp = text.lastIndexOf('&', cut);
  if (amp >= 0 && amp > cut - 5 && text.indexOf(';', amp) >= cut) cut = amp;
  return cut > 0 ? cut : max;
}
