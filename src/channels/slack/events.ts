// Events API: direct messages and app mentions become Turns; the reply cards are posted back.
// Bolt acks every Events API request before any listener runs (HTTPReceiver with
// processBeforeResponse: false writes the 200 at once), so this work happens after the response.
// Slack retries an event it thinks was lost (x-slack-retry-num) and Bolt does not dedupe: the
// event_id is remembered in the store through the core, and a second delivery is skipped.
import type { App } from '@slack/bolt';
import type { Turn } from '../../domain/turn.ts';
import type { EventCallback } from './inbound-schema.ts';
import {
  appDmUrl,
  type Client,
  errorCode,
  payloadOf,
  postCards,
  postText,
  type SlackDeps,
  stripMentions,
} from './shared.ts';

interface InboundEvent {
  kind: 'message' | 'app_mention';
  eventId: string | undefined;
  userId: string;
  teamId: string | undefined;
  appId: string | undefined;
  channel: string;
  text: string;
  ts: string | undefined;
  threadTs: string | undefined;
}

export function registerEvents(app: App, deps: SlackDeps): void {
  app.event('message', async ({ body, context, client }) => {
    const payload = payloadOf(context, body);
    if (payload?.type !== 'event_callback') return;
    const e = payload.event;
    // Only plain messages from people in the bot's DMs: no edits, joins, files, bots or hidden ones.
    if (e.channel_type !== 'im' || e.subtype !== undefined || e.bot_id !== undefined || e.hidden) return;
    const inbound = toInbound('message', payload, context.teamId);
    if (inbound) await deps.track(runEvent(deps, client, inbound, context));
  });

  app.event('app_mention', async ({ body, context, client }) => {
    const payload = payloadOf(context, body);
    if (payload?.type !== 'event_callback') return;
    const e = payload.event;
    if (e.bot_id !== undefined || e.subtype !== undefined || e.edited !== undefined) return;
    const inbound = toInbound('app_mention', payload, context.teamId);
    if (inbound) await deps.track(runEvent(deps, client, inbound, context));
  });
}

function toInbound(
  kind: InboundEvent['kind'],
  { event: e, event_id, team_id, api_app_id }: EventCallback,
  contextTeam: string | undefined,
): InboundEvent | null {
  if (!e.user || !e.channel) return null;
  return {
    kind,
    eventId: event_id,
    userId: e.user,
    teamId: team_id ?? e.team ?? contextTeam,
    appId: api_app_id,
    channel: e.channel,
    text: e.text,
    ts: e.ts,
    threadTs: e.thread_ts,
  };
}

async function runEvent(
  deps: SlackDeps,
  client: Client,
  ev: InboundEvent,
  context: { retryNum?: number; retryReason?: string; botUserId?: string },
): Promise<void> {
  const { core, log } = deps;
  if (context.retryNum !== undefined) {
    log.info(
      { event: 'slack.retry', eventId: ev.eventId, retryNum: context.retryNum, retryReason: context.retryReason },
      'slack retried an event',
    );
  }
  if (ev.eventId && !(await core.firstDelivery(`slack:event:${ev.eventId}`))) {
    log.info({ event: 'slack.duplicate', eventId: ev.eventId, retryNum: context.retryNum }, 'duplicate event skipped');
    return;
  }
  const principal = { channel: 'slack' as const, userId: ev.userId };
  // A mention in a channel is answered in its thread; a DM where it was said (a thread if it was one).
  const threadTs = ev.kind === 'app_mention' ? (ev.threadTs ?? ev.ts) : ev.threadTs;
  try {
    const profile = await deps.profiles(client, principal);
    const turn: Turn = {
      channel: 'slack',
      user: { ...principal, tenantId: ev.teamId, displayName: profile.displayName },
      platformLocale: profile.platformLocale,
      timeZone: profile.timeZone,
      conversation: ev.kind === 'message' ? 'personal' : 'channel',
      privateChatUrl: ev.kind === 'message' ? undefined : appDmUrl(ev.appId, ev.teamId),
      text: stripMentions(ev.text, context.botUserId),
    };
    const reply = await core.handleTurn(turn);
    await postCards(client, ev.channel, reply.cards, threadTs);
    log.info(
      { event: 'slack.turn', kind: ev.kind, eventId: ev.eventId, cards: reply.cards.length },
      'slack turn answered',
    );
  } catch (e) {
    log.error(
      { event: 'slack.turn.failed', kind: ev.kind, eventId: ev.eventId, err: errorCode(e) },
      'slack turn failed',
    );
    await apologise(deps, client, principal, ev.channel, threadTs);
  }
}

/** Best effort "please try again" in the user's language after a failed turn. */
export async function apologise(
  deps: SlackDeps,
  client: Client,
  principal: { channel: 'slack'; userId: string },
  channel: string,
  threadTs?: string,
): Promise<void> {
  try {
    const locale = await deps.core.localeFor(principal).catch(() => 'en' as const);
    await postText(client, channel, deps.core.t(locale, 'error.tryAgain'), threadTs);
  } catch (e) {
    deps.log.warn({ event: 'slack.apology.failed', err: errorCode(e) }, 'could not tell the user');
  }
}
