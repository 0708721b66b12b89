// A row claimed with send_started_at set: the worker that was sending it died (or lost its lease)
// between recording the attempt and recording the platform's answer. The message may or may not
// have reached the person; sending it again blindly is how users get the same check-in twice.
//
// Neither platform takes an idempotency key on its send call: Bot Framework's
// POST /v3/conversations/{id}/activities creates a new activity on every call and has no call to
// read a conversation's activities back; Slack's chat.postMessage has none either (client_msg_id is
// set by Slack's own clients). So:
// - a channel that can look the key up (ChannelSender.findSent: Slack, via message metadata and
//   conversations.history) is asked; found → recorded as sent, not found → sent now;
// - a channel that cannot (Teams) is not resent: the row is marked dead "in doubt" for an admin.
//   The window this covers is only the time between recording the attempt and the platform
//   receiving the request (the request is written right after the commit), plus a lost reply.
import { type ChannelSender, SendError } from '../ports/channel.ts';
import type { OutboxRecord, Store } from '../ports/store.ts';

export const IN_DOUBT = 'in-doubt';

export type InDoubtVerdict = 'sent' | 'not-sent' | 'dead' | 'retry';

export interface InDoubtContext {
  store: Store;
  workerId: string;
  now: Date;
  /** When to ask again if the platform cannot be asked right now. */
  retryAt(err: SendError): Date;
}

export async function resolveInDoubt(
  row: OutboxRecord,
  sender: ChannelSender,
  ctx: InDoubtContext,
): Promise<InDoubtVerdict> {
  const since = row.sendStartedAt;
  if (!since) return 'not-sent';
  const { store, workerId, now } = ctx;
  if (!sender.findSent) {
    await store.markDead(
      row.id,
      workerId,
      `${IN_DOUBT}: a worker stopped while sending at ${since.toISOString()}; ${row.recipient.channel} cannot be asked whether it arrived, so it is not sent again`,
      now,
    );
    return 'dead';
  }
  try {
    const found = await sender.findSent(row.recipient, row.idempotencyKey, since);
    if (!found) return 'not-sent';
    return (await store.markSent(row.id, workerId, found.platformMessageId, now)) ? 'sent' : 'retry';
  } catch (e) {
    const err = e instanceof SendError ? e : new SendError('transient', (e as Error).message);
    // Still in doubt: keep the mark so the next try asks again instead of sending.
    await store.markRetry(
      row.id,
      workerId,
      `${IN_DOUBT} lookup: ${err.failure}: ${err.message}`,
      ctx.retryAt(err),
      since,
    );
    return 'retry';
  }
}
