// A Bot Framework activity from Teams as a zod schema: only the fields the channel reads, whatever
// botframework-schema's types promise. The ids a turn needs are required; everything else is
// optional, and a malformed optional field (an odd entity, a channelData that is not an object) is
// dropped rather than sinking an otherwise valid activity. Extra fields are ignored: Teams adds
// them all the time. Parsed once per request, after authentication.
import { z } from 'zod';
import { adaptiveSubmitSchema } from '../../../cards/submit-schema.ts';

const id = z.string().min(1);
/** An optional field that reads as absent when it is missing, empty or of another type. */
function maybe<T extends z.ZodTypeAny>(schema: T) {
  return schema.optional().catch(undefined);
}
/** A list whose malformed entries are dropped, and which is empty when it is missing or not a list. */
function listOf<T extends z.ZodTypeAny>(schema: T) {
  return z
    .array(maybe(schema))
    .default([]) // before the catch: a missing list is common, and a caught issue costs microseconds
    .catch(() => [])
    .transform((items) => items.filter((item): item is z.output<T> => item !== undefined));
}
const text = maybe(id);

/** An @mention: what botbuilder's removeRecipientMention dereferences must be there. */
const mention = z.object({ type: z.literal('mention'), text: id, mentioned: z.object({ id }) });
/** Teams' client facts: the user's locale and IANA time zone. */
const clientInfo = z.object({ type: z.literal('clientInfo'), locale: text, timezone: text });

export const teamsActivitySchema = z.object({
  type: z.string(),
  /** For the redelivery check. */
  id: text,
  serviceUrl: id,
  channelId: id,
  conversation: z.object({
    id,
    tenantId: text,
    conversationType: maybe(z.enum(['personal', 'groupChat', 'channel'])),
    // The Emulator and older clients send no type: a group flag is all there is.
    isGroup: maybe(z.boolean()),
  }),
  recipient: z.object({ id }),
  from: z.object({ id, name: text, aadObjectId: text }),
  text: maybe(z.string()),
  locale: text,
  // Other entity types are not read, so they are dropped like malformed ones.
  entities: listOf(z.discriminatedUnion('type', [mention, clientInfo])),
  channelData: maybe(z.object({ tenant: maybe(z.object({ id: text })) })),
  membersAdded: listOf(z.object({ id })),
  /** A card submit, or undefined (typed text, or a value that is not a submit). */
  value: adaptiveSubmitSchema,
});

export type TeamsActivity = z.output<typeof teamsActivitySchema>;

/** The 400 answer for each required field, in the order they are checked. */
const PROBLEMS: Record<string, string> = {
  type: 'type missing',
  serviceUrl: 'serviceUrl missing',
  channelId: 'channelId missing',
  conversation: 'conversation.id missing',
  recipient: 'recipient.id missing',
  from: 'from.id missing',
};

export type ParsedActivity = { ok: true; activity: TeamsActivity } | { ok: false; problem: string };

/** The activity, or why it cannot be processed at all (answered 400). Never throws. */
export function parseTeamsActivity(raw: unknown): ParsedActivity {
  const parsed = teamsActivitySchema.safeParse(raw);
  if (parsed.success) return { ok: true, activity: parsed.data };
  const field = parsed.error.issues[0]?.path[0];
  return { ok: false, problem: (typeof field === 'string' && PROBLEMS[field]) || 'not an activity' };
}
