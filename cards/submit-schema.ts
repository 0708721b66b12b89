// The envelope of what a pressed card button or a submitted form sends back, as zod schemas: which
// action, and its values. The values stay `Record<string, unknown>`: each core handler validates its
// own fields. Every schema here accepts any input and never throws: what is not a submit reads as
// "no submit" (Teams) or "no data" (Slack). Built once, at module level; fallbacks are factories, so
// no two requests ever share a values object.
import { z } from 'zod';

/** A submit: the card action's id and its values (inputs and the action's data). */
export interface Submit {
  actionId: string;
  values: Record<string, unknown>;
}

/** A JSON object; extra keys kept (they are the values). `__proto__` keys are dropped by zod. */
export const jsonObject = z.record(z.unknown());

/** A string holding JSON, parsed and handed to `inner`; anything else fails `inner`'s way. */
export function jsonText<T extends z.ZodTypeAny>(inner: T) {
  return z
    .string()
    .transform((raw, ctx): unknown => {
      try {
        return JSON.parse(raw);
      } catch {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'not JSON' });
        return z.NEVER;
      }
    })
    .pipe(inner);
}

// ---- Teams (Adaptive Card Action.Submit / Action.Execute) ----------------------------------

// `verb` is the action id (cards/adaptive.ts puts it there); everything else is a value.
const verbAndValues = z
  .object({ verb: z.string() })
  .passthrough()
  .transform(({ verb, ...values }): Submit => ({ actionId: verb, values }));

/**
 * The `value` of what Teams sends when an Adaptive Card button is pressed, in this order:
 * - a message activity (Action.Submit in a conversation): `{ verb, ...data, ...inputs }`;
 * - an `adaptiveCard/action` invoke (Action.Execute): `{ action: { verb, data } }`;
 * - a `task/submit` invoke (Action.Submit in a dialog): `{ data: { verb, ... }, context }`.
 * Undefined when it is none of them (typed text has no value at all: no union work then).
 */
export const adaptiveSubmitSchema = z
  .union([
    verbAndValues,
    z
      .object({ action: z.object({ verb: z.string(), data: jsonObject.optional().catch(undefined) }) })
      .transform(({ action }): Submit => {
        const { verb: _dropped, ...values } = action.data ?? {};
        return { actionId: action.verb, values };
      }),
    z.object({ data: verbAndValues }).transform(({ data }) => data),
  ])
  .optional()
  .catch(undefined);

// ---- Slack (Block Kit buttons and modal state) ---------------------------------------------

/** A button's `value`: the card action's data as JSON (cards/blockkit.ts). Not ours or not JSON: `{}`. */
export const buttonValueSchema = jsonText(jsonObject).catch(() => ({}));

const optionValue = z
  .object({ value: z.string() })
  .transform((o) => o.value)
  .nullable()
  .catch(null);
const stringOrNull = z.string().nullable().catch(null);

/** One input's state in `state.values`, by element type, to the neutral value the core validates. */
// A Map, not an object literal: a `type` of "constructor" must not find Object.prototype's.
const singleOption = z.object({ selected_option: optionValue }).transform((s) => s.selected_option);
const multiOption = z
  .object({ selected_options: z.array(optionValue).catch(() => []) })
  .transform((s) => s.selected_options);
const STATE_READERS = new Map<string, z.ZodType<unknown>>([
  ['plain_text_input', z.object({ value: z.string().catch('') }).transform((s) => s.value)],
  ['static_select', singleOption],
  ['radio_buttons', singleOption],
  ['multi_static_select', multiOption],
  ['checkboxes', multiOption],
  // Users stay Slack user ids; datetimes stay epoch seconds.
  ['users_select', z.object({ selected_user: stringOrNull }).transform((s) => s.selected_user)],
  [
    'multi_users_select',
    z.object({ selected_users: z.array(z.string()).catch(() => []) }).transform((s) => s.selected_users),
  ],
  [
    'datetimepicker',
    z.object({ selected_date_time: z.number().nullable().catch(null) }).transform((s) => s.selected_date_time),
  ],
  ['datepicker', z.object({ selected_date: stringOrNull }).transform((s) => s.selected_date)],
  ['timepicker', z.object({ selected_time: stringOrNull }).transform((s) => s.selected_time)],
]);
const otherState = z.object({ value: z.unknown() }).transform((s) => s.value ?? null);

// Every reader takes any object (each field falls back), so the inner parse cannot fail.
const inputState = z
  .object({ type: z.string().optional().catch(undefined) })
  .passthrough()
  .transform((state) => (STATE_READERS.get(state.type ?? '') ?? otherState).parse(state));

/**
 * `view.state.values` (view_submission) or `state.values` (block_actions on a message): each
 * block's inputs read by action id. A block or input that is not an object makes the state unreadable.
 */
export const slackStateBlocks = z.record(z.record(inputState));

/** The inputs of all blocks as one `{ [action_id]: value }`. */
export function flattenState(blocks: z.output<typeof slackStateBlocks>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const block of Object.values(blocks)) Object.assign(out, block);
  return out;
}

export const slackStateSchema = slackStateBlocks.transform(flattenState);
