// Proactive delivery for the dispatcher: a DM from the app (chat.postMessage to the user id), with
// failures classified so the dispatcher, not the Web API client, decides when to try again.
import { webApi } from '@slack/bolt';
import type { Card } from '../../../cards/model.ts';
import type { Recipient } from '../../domain/turn.ts';
import type { Logger } from '../../log.ts';
import { type ChannelSender, SendError } from '../../ports/channel.ts';
import { type Client, errorCode, isRecord, messageArgs } from './shared.ts';

/** Slack error codes that will not get better by trying again. */
const PERMANENT = new Set([
  'user_not_found',
  'users_not_found',
  'account_inactive',
  'user_disabled',
  'channel_not_found',
  'not_in_channel',
  'is_archived',
  'cannot_dm_bot',
  'messages_tab_disabled',
  'restricted_action',
  'invalid_auth',
  'not_authed',
  'token_revoked',
  'token_expired',
  'no_permission',
  'missing_scope',
  'org_login_required',
  'ekm_access_denied',
  'team_access_not_granted',
  'invalid_blocks',
  'invalid_blocks_format',
  'msg_too_long',
  'no_text',
  'too_many_attachments',
]);

/** Slack error codes that mean "Slack had a bad moment". */
const TRANSIENT = new Set([
  'internal_error',
  'fatal_error',
  'service_unavailable',
  'request_timeout',
  'team_added_to_org',
]);

export function createSlackSender(client: Client, log: Logger): ChannelSender {
  return {
    channel: 'slack',
    async send(recipient: Recipient, card: Card, idempotencyKey: string) {
      const started = performance.now();
      try {
        const ts = await postCardsReturningTs(client, recipient.userId, card, idempotencyKey);
        log.debug({ event: 'slack.send', key: idempotencyKey, ms: Math.round(performance.now() - started) }, 'sent');
        return { platformMessageId: ts };
      } catch (e) {
        const err = toSendError(e);
        log.warn(
          {
            event: 'slack.send.failed',
            key: idempotencyKey,
            failure: err.failure,
            code: errorCode(e),
            retryAfterMs: err.retryAfterMs,
          },
          'slack send failed',
        );
        throw err;
      }
    },
    // chat.postMessage takes no idempotency key, but a message carries our key as metadata, which
    // conversations.history returns (include_all_metadata; needs im:history). Only asked after a
    // worker died during a send, so the cost is a lookup per crash, not per message.
    async findSent(recipient: Recipient, idempotencyKey: string, since: Date) {
      try {
        const open = await client.conversations.open({ users: recipient.userId });
        const channel = open.channel?.id;
        if (!channel) throw new SendError('transient', 'slack: conversations.open gave no channel');
        // Slack's clock is not ours: look a few minutes further back.
        const oldest = String(Math.floor(since.getTime() / 1000) - 300);
        let cursor: string | undefined;
        for (let page = 0; page < 10; page++) {
          const res = await client.conversations.history({
            channel,
            oldest,
            include_all_metadata: true,
            limit: 200,
            cursor,
          });
          const hit = res.messages?.find(
            (m) =>
              m.metadata?.event_type === OUTBOX_EVENT &&
              (m.metadata.event_payload as Record<string, unknown> | undefined)?.key === idempotencyKey,
          );
          if (hit) return { platformMessageId: hit.ts ?? null };
          cursor = res.response_metadata?.next_cursor || undefined;
          if (!cursor) return null;
        }
        throw new SendError('transient', 'slack: too much history to search');
      } catch (e) {
        throw toSendError(e);
      }
    },
  };
}

/** Metadata event type that marks a message as sent from the outbox, with its idempotency key. */
export const OUTBOX_EVENT = 'ivareta_outbox';

async function postCardsReturningTs(client: Client, userId: string, card: Card, key: string): Promise<string | null> {
  const res = await client.chat.postMessage({
    channel: userId,
    ...messageArgs(card),
    metadata: { event_type: OUTBOX_EVENT, event_payload: { key } },
  });
  return res.ts ?? null;
}

/** Maps a Web API failure to the dispatcher's three kinds. Unknown platform errors are permanent. */
export function toSendError(e: unknown): SendError {
  if (e instanceof SendError) return e;
  const r = (isRecord(e) || e instanceof Error ? e : {}) as Record<string, unknown>;
  const { ErrorCode } = webApi;
  switch (r.code) {
    case ErrorCode.RateLimitedError: {
      const sec = Number(r.retryAfter);
      return new SendError('throttled', 'slack: rate limited', Number.isFinite(sec) ? sec * 1000 : undefined);
    }
    case ErrorCode.PlatformError: {
      const data = isRecord(r.data) ? r.data : {};
      const code = String(data.error ?? 'unknown');
      if (code === 'ratelimited') return new SendError('throttled', 'slack: ratelimited');
      if (TRANSIENT.has(code)) return new SendError('transient', `slack: ${code}`);
      return new SendError('permanent', PERMANENT.has(code) ? `slack: ${code}` : `slack: ${code} (unknown)`);
    }
    case ErrorCode.HTTPError: {
      // The Web API answers 200 for nearly everything; any other status is the network or Slack.
      const status = Number(r.statusCode);
      return new SendError('transient', `slack: http ${Number.isFinite(status) ? status : '?'}`);
    }
    case ErrorCode.RequestError:
      return new SendError('transient', 'slack: request failed');
    default: {
      // A 429 without a usable Retry-After comes back as a plain (uncoded) error.
      const msg = e instanceof Error ? e.message : '';
      if (/rate limit|retry header/i.test(msg)) return new SendError('throttled', 'slack: rate limited');
      return new SendError('transient', `slack: ${errorCode(e)}`);
    }
  }
}
