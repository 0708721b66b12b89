// Proactive delivery for the dispatcher: continue the user's known 1:1 conversation, or create it
// (Teams answers with the existing 1:1 conversation when there is one), then send the card.
// Failures are classified so the dispatcher, not the connector client, decides about retries.
import type { Card } from '../../../cards/model.ts';
import type { Recipient } from '../../domain/turn.ts';
import type { Logger } from '../../log.ts';
import { type ChannelSender, SendError } from '../../ports/channel.ts';
import { cardActivity, readAddress } from './activity.ts';
import type { ConnectorClient } from './adapter.ts';

export interface SenderDeps {
  connector(serviceUrl: string): Promise<ConnectorClient>;
  appId?: string;
  appTenantId?: string;
  log: Logger;
  now?: () => number;
}

export function createTeamsSender(deps: SenderDeps): ChannelSender {
  const log = deps.log;
  return {
    channel: 'teams',
    async send(recipient: Recipient, card: Card, idempotencyKey: string) {
      const started = performance.now();
      const address = readAddress(recipient.address);
      const tenantId = recipient.tenantId ?? address.tenantId ?? deps.appTenantId;
      let step: 'create' | 'send' = 'send';
      try {
        if (!address.serviceUrl) throw new SendError('permanent', 'teams: no serviceUrl for the recipient');
        const connector = await deps.connector(address.serviceUrl);
        let conversationId = address.conversationId;
        if (!conversationId) {
          step = 'create';
          const botId = address.botId ?? (deps.appId ? `28:${deps.appId}` : undefined);
          if (!botId) throw new SendError('permanent', 'teams: no bot id to create a conversation with');
          const created = await connector.conversations.createConversation({
            isGroup: false,
            bot: { id: botId, name: '' },
            members: [{ id: recipient.userId, name: '' }],
            tenantId,
            channelData: tenantId ? { tenant: { id: tenantId } } : {},
          });
          conversationId = created.id;
          if (!conversationId) throw new SendError('transient', 'teams: createConversation returned no id');
          step = 'send';
        }
        const sent = await connector.conversations.sendToConversation(conversationId, cardActivity(card));
        log.debug(
          { event: 'teams.send', key: idempotencyKey, created: !address.conversationId, ms: ms(started) },
          'sent',
        );
        return { platformMessageId: sent.id ?? null };
      } catch (e) {
        const err = toSendError(e, deps.now ?? Date.now);
        log.warn(
          {
            event: 'teams.send.failed',
            key: idempotencyKey,
            step,
            failure: err.failure,
            status: statusOf(e),
            retryAfterMs: err.retryAfterMs,
            ms: ms(started),
          },
          'teams send failed',
        );
        throw err;
      }
    },
  };
}

/**
 * Maps a connector failure to the dispatcher's three kinds:
 * 429 → throttled (with Retry-After); 5xx, 408, 401 (our token: fixable, keep the message) and
 * network errors → transient; 403/404 (user not in tenant, bot blocked or uninstalled) and any
 * other 4xx (a payload Teams refuses) → permanent.
 */
export function toSendError(e: unknown, now: () => number = Date.now): SendError {
  if (e instanceof SendError) return e;
  const status = statusOf(e);
  if (status === undefined) return new SendError('transient', `teams: ${errorName(e)}`);
  if (status === 429) return new SendError('throttled', 'teams: http 429', retryAfterMs(e, now));
  if (status >= 500 || status === 408 || status === 401) return new SendError('transient', `teams: http ${status}`);
  return new SendError('permanent', `teams: http ${status}`);
}

export function statusOf(e: unknown): number | undefined {
  const r = e as { statusCode?: unknown; response?: { status?: unknown } } | null;
  const s = typeof r?.statusCode === 'number' ? r.statusCode : r?.response?.status;
  return typeof s === 'number' && s > 0 ? s : undefined;
}

/** Retry-After as seconds or an HTTP date, in ms from now. */
export function retryAfterMs(e: unknown, now: () => number = Date.now): number | undefined {
  const headers = (e as { response?: { headers?: unknown } } | null)?.response?.headers;
  let value: unknown;
  if (headers && typeof (headers as { get?: unknown }).get === 'function') {
    value = (headers as { get(name: string): unknown }).get('retry-after');
  } else if (headers && typeof headers === 'object') {
    value = (headers as Record<string, unknown>)['retry-after'];
  }
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return seconds >= 0 ? Math.round(seconds * 1000) : undefined;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now()) : undefined;
}

function errorName(e: unknown): string {
  const r = e as { code?: unknown; name?: unknown } | null;
  if (typeof r?.code === 'string') return r.code;
  return typeof r?.name === 'string' ? r.name : 'error';
}

function ms(started: number): number {
  return Math.round(performance.now() - started);
}
