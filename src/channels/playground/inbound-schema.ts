// The JSON bodies the playground takes, as zod schemas: the clock request from the page, and the
// Bot Framework connector calls the Teams channel makes to the fake connector. Extra fields ignored.
import { z } from 'zod';
import { parseDuration } from './duration.ts';

const HINT = 'advance must be an ISO-8601 duration such as "PT12H" or "P1D"';

/** `POST /playground/clock {"advance":"PT12H"}`: how far to move, in milliseconds. */
export const clockRequestSchema = z.object(
  {
    advance: z.string({ message: HINT }).transform((text, ctx) => {
      const parsed = parseDuration(text);
      if (parsed.ok) return parsed.ms;
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: parsed.error });
      return z.NEVER;
    }),
  },
  { message: HINT },
);

/** The ms to move the clock, or the message for the 400. Never throws. */
export function readClockRequest(body: unknown): { ok: true; ms: number } | { ok: false; error: string } {
  const parsed = clockRequestSchema.safeParse(body);
  return parsed.success ? { ok: true, ms: parsed.data.advance } : { ok: false, error: parsed.error.issues[0]!.message };
}

/** createConversation: the first member is the person to talk to (Entra object id or Teams id). */
export const createConversationSchema = z.object({
  members: z.tuple([z.object({ id: z.string() })]).rest(z.unknown()),
});

/** An activity sent or updated: kept as the page will render it. */
export const connectorActivitySchema = z.record(z.unknown());
