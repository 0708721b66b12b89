// What Slack posts to /slack/events, as zod schemas: only the fields the channel reads. Ids a turn
// needs are required; other fields are optional and read as absent when malformed, so one odd field
// does not sink a real payload. Extra fields are ignored: Slack adds them all the time.
// Parsed once per request at the front door (http.ts), before Bolt; the listeners get the result.
import { z } from 'zod';
import { jsonObject, jsonText, slackStateBlocks } from '../../../cards/submit-schema.ts';

const id = z.string().min(1);
/** An optional field that reads as absent when it is missing, empty or of another type. */
function maybe<T extends z.ZodTypeAny>(schema: T) {
  return schema.optional().catch(undefined);
}
const text = maybe(id);
/** A field whose presence is all that matters (an edit, a subtype, a bot sender). */
const present = z.unknown();

// ---- Events API ---------------------------------------------------------------------------

const slackEvent = z.object({
  type: z.string(),
  // Bolt probes these two with `in` and reads into them: anything else crashes it.
  item: jsonObject.optional(),
  channel: z
    .union([z.string(), z.null(), jsonObject])
    .optional()
    .transform((c) => (typeof c === 'string' && c !== '' ? c : undefined)),
  user: text,
  text: z.string().catch(''),
  ts: text,
  thread_ts: text,
  team: text,
  channel_type: present,
  subtype: present,
  bot_id: present,
  hidden: present,
  edited: present,
});
export type SlackEvent = z.output<typeof slackEvent>;

const eventCallback = z.object({
  type: z.literal('event_callback'),
  event_id: text,
  team_id: text,
  api_app_id: text,
  event: slackEvent,
});

// ---- Interactivity ------------------------------------------------------------------------

const user = z.object({ id, team_id: text });
const team = maybe(z.object({ id: text }));

/** What a modal carries for us (written by interactivity.ts): where to answer, the action's data. */
export const privateMetadataSchema = jsonText(
  z.object({
    channel: text,
    thread: text,
    // Only string data goes back in as values: this round-trips through the client.
    data: maybe(jsonObject).transform((data) =>
      Object.fromEntries(Object.entries(data ?? {}).filter(([, v]) => typeof v === 'string')),
    ),
  }),
).catch(() => ({ data: {} }));

/** An element of a message or modal block, to tell a link button from one of ours. */
const element = z.object({ action_id: maybe(z.string()), url: maybe(z.string()) });
const block = z.object({
  type: text,
  block_id: text,
  elements: z.array(maybe(element)).catch(() => []),
  accessory: maybe(element),
});
const blocks = z.array(maybe(block)).catch(() => []);

const view = z.object({
  id: text,
  callback_id: z.string(),
  private_metadata: privateMetadataSchema,
  // null: there is a state, but it cannot be read (logged; the submit goes on without it).
  state: maybe(z.object({ values: slackStateBlocks.nullable().catch(null) })),
  blocks,
});

/** The pressed element: Bolt routes on the first action, so only that one has to be well-formed. */
const action = z.object({ action_id: z.string(), type: text, value: maybe(z.string()), url: present, block_id: text });

const blockActions = z.object({
  type: z.literal('block_actions'),
  api_app_id: text,
  user,
  team,
  actions: z.tuple([action]).rest(z.unknown()),
  trigger_id: text,
  channel: maybe(z.object({ id: text })),
  container: maybe(z.object({ channel_id: text, thread_ts: text })),
  message: maybe(z.object({ thread_ts: text, blocks })),
  // A button in a modal: where the modal's answers go, and its blocks for the link-button check.
  view: maybe(view.pick({ private_metadata: true, blocks: true })),
});

const viewSubmission = z.object({ type: z.literal('view_submission'), user, team, view });

const urlVerification = z.object({ type: z.literal('url_verification'), challenge: z.string() });

// ---- The payload -----------------------------------------------------------------------------

export const slackPayloadSchema = z.discriminatedUnion('type', [
  urlVerification,
  eventCallback,
  blockActions,
  viewSubmission,
]);
export type SlackPayload = z.output<typeof slackPayloadSchema>;
export type EventCallback = z.output<typeof eventCallback>;
export type BlockActions = z.output<typeof blockActions>;
export type ViewSubmission = z.output<typeof viewSubmission>;

/** A type we do not handle is well-formed enough to ack, unless it claims to carry an event. */
const otherPayload = z.object({ event: z.undefined() });

/**
 * `bolt`: a shape our listeners handle (the payload is absent only for Slack's ssl_check);
 * `ignore`: well-formed but not for us; `bad`: malformed.
 */
export type Read = { verdict: 'bolt'; payload?: SlackPayload } | { verdict: 'ignore' } | { verdict: 'bad' };

/** One parse of a JSON body (event or interactivity payload). Never throws. */
export function readSlackPayload(body: unknown): Read {
  const parsed = slackPayloadSchema.safeParse(body);
  if (parsed.success) return { verdict: 'bolt', payload: parsed.data };
  const unknownType = parsed.error.issues[0]?.code === z.ZodIssueCode.invalid_union_discriminator;
  return unknownType && otherPayload.safeParse(body).success ? { verdict: 'ignore' } : { verdict: 'bad' };
}

/** The bot user id from an Events API body (`authorizations[0]` for a bot install). */
const authorizations = z.object({
  authorizations: z.tuple([z.object({ user_id: text, is_bot: present })]).rest(z.unknown()),
});

export function botUserIdOf(body: unknown): string | undefined {
  const parsed = authorizations.safeParse(body);
  const first = parsed.success ? parsed.data.authorizations[0] : undefined;
  return first?.is_bot !== false ? first?.user_id : undefined;
}
