// Both platforms for dispatcher fault tests: the fake connector and the fake Slack API, each behind
// a fault proxy that counts deliveries per outbox idempotency key (Teams: the activity's summary,
// which is the card's fallback text, set to the key here; Slack: the message metadata) and notes
// every send attempt per recipient. The Slack proxy also answers conversations.history from what
// was delivered, with metadata, as Slack does, so the sender's findSent can be exercised.
import type { Card } from '../../cards/model.ts';
import { createSlackChannel } from '../../src/channels/slack/index.ts';
import { createTeamsChannel } from '../../src/channels/teams/index.ts';
import type { Recipient } from '../../src/domain/turn.ts';
import { silentLogger } from '../../src/log.ts';
import type { ChannelSender } from '../../src/ports/channel.ts';
import type { NewOutboxMessage } from '../../src/ports/store.ts';
import { type FakeConnector, startFakeConnector } from './fake-connector.ts';
import { FakeCore } from './fake-core.ts';
import { type FakeSlackApi, startFakeSlackApi } from './fake-slack-api.ts';
import { type Fault, type FaultProxy, type ProxiedCall, startFaultProxy } from './fault-proxy.ts';

export interface SendAttempt {
  recipient: string;
  /** Set when the proxy refused it this way. */
  fault?: number;
}

export interface DeliveryRig {
  teamsUrl: string;
  slackApiUrl: string;
  /** Deliveries that reached a platform, per idempotency key. */
  delivered: Map<string, number>;
  attempts: SendAttempt[];
  /** Decides the fault for the n-th send attempt (1-based), across both platforms. */
  fault: (n: number, recipient: string) => Fault | null;
  recipient(channel: 'teams' | 'slack', i: number): Recipient;
  message(key: string, recipient: Recipient, dueAt: Date): NewOutboxMessage;
  senders(): { teams: ChannelSender; slack: ChannelSender };
  duplicates(): string[];
  close(): Promise<void>;
}

export async function startDeliveryRig(opts: { delayMs?: number } = {}): Promise<DeliveryRig> {
  const connector: FakeConnector = await startFakeConnector();
  const slack: FakeSlackApi = await startFakeSlackApi();
  const delivered = new Map<string, number>();
  const attempts: SendAttempt[] = [];
  const history = new Map<string, { ts: string; metadata: unknown }[]>();
  const count = (key: unknown) => {
    if (typeof key === 'string') delivered.set(key, (delivered.get(key) ?? 0) + 1);
  };
  const onSend = (recipient: string): Fault | null => {
    const fault = rig.fault(attempts.length + 1, recipient);
    attempts.push({ recipient, ...(fault ? { fault: fault.status } : {}) });
    return fault;
  };

  const teamsSend = (c: ProxiedCall) => c.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities$/.test(c.path);
  const teams: FaultProxy = await startFaultProxy({
    target: connector.serviceUrl,
    delayMs: opts.delayMs,
    fault: (c) =>
      teamsSend(c) ? onSend(`teams:${decodeURIComponent(c.path.split('/')[3]!).replace(/^a:dm-/, '')}`) : null,
    delivered: (c) => (teamsSend(c) ? count(c.body?.summary) : undefined),
  });
  const slackPost = (c: ProxiedCall) => c.path.startsWith('/api/chat.postMessage');
  const slackProxy: FaultProxy = await startFaultProxy({
    target: new URL('/', slack.url).toString(),
    delayMs: opts.delayMs,
    fault: (c) => (slackPost(c) ? onSend(`slack:${c.body?.channel}`) : null),
    answer: (c) =>
      c.path.startsWith('/api/conversations.history')
        ? { ok: true, messages: [...(history.get(String(c.body?.channel)) ?? [])].reverse(), has_more: false }
        : undefined,
    delivered: (c, answer) => {
      if (!slackPost(c)) return;
      const a = answer as { channel: string; ts: string };
      const list = history.get(a.channel) ?? [];
      list.push({ ts: a.ts, metadata: c.body?.metadata });
      history.set(a.channel, list);
      count(c.body?.metadata?.event_payload?.key);
    },
  });

  const rig: DeliveryRig = {
    teamsUrl: teams.url,
    slackApiUrl: `${slackProxy.url}api/`,
    delivered,
    attempts,
    fault: () => null,
    recipient: (channel, i) =>
      channel === 'teams'
        ? { channel, userId: `u${i}`, address: { serviceUrl: teams.url, conversationId: `a:dm-u${i}` } }
        : { channel, userId: `U${i}` },
    message: (key, recipient, dueAt) => ({
      idempotencyKey: key,
      kind: 'test.fault',
      recipient,
      card: { id: 'fault', fallbackText: key, body: [] } as Card,
      dueAt,
      incidentId: null,
    }),
    senders: () => platformSenders(rig.slackApiUrl),
    duplicates: () => [...delivered].filter(([, n]) => n > 1).map(([k]) => k),
    async close() {
      await Promise.all([teams.close(), slackProxy.close()]);
      await Promise.all([connector.close(), slack.close()]);
    },
  };
  return rig;
}

/** The real Teams and Slack senders, as the server builds them (local mode, no auth). */
export function platformSenders(slackApiUrl: string): { teams: ChannelSender; slack: ChannelSender } {
  const core = new FakeCore();
  return {
    teams: createTeamsChannel({ core, log: silentLogger }).sender,
    slack: createSlackChannel({ core, signingSecret: 's', botToken: 'xoxb-t', apiUrl: slackApiUrl, log: silentLogger })
      .sender,
  };
}
