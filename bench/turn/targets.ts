// The four things measured: the product's Teams and Slack endpoints (startServer with a fresh
// PGlite data dir) and the bare SDK baselines, each behind the same fake platform (the Bot
// Framework connector, the Slack Web API) from test/helpers, driven the same way.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/log.ts';
import { startServer } from '../../src/server.ts';
import { type FakeConnector, startFakeConnector } from '../../test/helpers/fake-connector.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../../test/helpers/fake-slack-api.ts';
import { dmEvent } from '../../test/helpers/slack-harness.ts';
import { signedHeaders } from '../../test/helpers/slack-sign.ts';
import { startTeamsE2E } from '../../test/helpers/teams-e2e.ts';
import { startBareBolt, startBareBotbuilder } from './baselines.ts';
import { Mailbox, post, tapCalls } from './wire.ts';

export type Channel = 'teams' | 'slack';

export interface Target {
  name: string;
  channel: Channel;
  kind: 'ours' | 'baseline';
  /** Builds turn `i` (body, signature) outside the clock; the returned function is what is timed. */
  prepare(i: number, agent: Agent): () => Promise<void>;
  /** A problem with the last answer recorded by the fake (wrong content), or null. */
  check(): string | null;
  /** Forgets what the fake recorded (memory), between phases. */
  reset(): void;
  close(): Promise<void>;
}

/** Different users round-robin, so the product's user upserts and lookups are realistic. */
export const USERS = 20;
const SIGNING_SECRET = 'bench-signing-secret';
const BOT_TOKEN = 'xoxb-bench';
const run = Date.now().toString(36);

/**
 * The organisation config of our targets: the per-user rate limit at its ceiling. The bench sends each
 * of its 20 users about 20 turns a second, far beyond a person; at the default limit most turns would
 * be refused (and a refusal is a fast reply). The limiter still runs on every turn.
 */
function benchConfig(): string {
  const file = join(mkdtempSync(join(tmpdir(), 'ivr-bench-config-')), 'org.yaml');
  writeFileSync(file, 'security:\n  rateLimit: { perMinute: 6000, burst: 1000 }\n');
  return file;
}

// ---- Teams ----------------------------------------------------------------------------------

function teamsActivity(i: number, serviceUrl: string) {
  const u = i % USERS;
  return {
    type: 'message',
    id: `bench-${run}-${i}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl,
    from: { id: `29:bench-u${u}`, name: `Bench User ${u}`, aadObjectId: `aad-bench-u${u}` },
    recipient: { id: '28:ivareta-bench', name: 'Ivareta' },
    conversation: { id: `a:dm-aad-bench-u${u}`, conversationType: 'personal', tenantId: 'tenant-bench' },
    channelData: { tenant: { id: 'tenant-bench' } },
    locale: 'en-GB',
    entities: [{ type: 'clientInfo', locale: 'en-GB', timezone: 'Europe/Oslo' }],
    text: 'help',
  };
}

function teamsTarget(
  name: string,
  kind: Target['kind'],
  url: string,
  connector: FakeConnector,
  check: (lastBody: Record<string, unknown> | undefined) => string | null,
  close: () => Promise<void>,
): Target {
  const mailbox = new Mailbox();
  tapCalls(connector.calls, (call) => {
    if ((call.kind === 'reply' || call.kind === 'send') && call.status < 300 && call.conversationId) {
      mailbox.deliver(call.conversationId);
    }
  });
  return {
    name,
    channel: 'teams',
    kind,
    prepare(i, agent) {
      const activity = teamsActivity(i, connector.serviceUrl);
      const body = JSON.stringify(activity);
      return async () => {
        // botbuilder sends the reply during the turn, before it answers: wait for both.
        const [res] = await Promise.all([
          post(agent, `${url}/api/messages`, body, { 'content-type': 'application/json' }),
          mailbox.expect(activity.conversation.id),
        ]);
        if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
      };
    },
    check: () =>
      mailbox.unexpected > 0
        ? `${mailbox.unexpected} replies matched no turn (more than one reply per turn?)`
        : check(connector.calls.at(-1)?.body),
    reset: () => connector.reset(),
    close,
  };
}

export async function oursTeams(): Promise<Target> {
  // startServer: fresh DATA_DIR (PGlite), no credentials, tick off, silent log
  const e2e = await startTeamsE2E({ IVARETA_CONFIG: benchConfig() });
  return teamsTarget(
    'teams: ivareta',
    'ours',
    e2e.server.url,
    e2e.connector,
    (body) => {
      const attachments = body?.attachments as { contentType?: string }[] | undefined;
      return attachments?.[0]?.contentType === 'application/vnd.microsoft.card.adaptive'
        ? null
        : 'reply is not an Adaptive Card';
    },
    () => e2e.close(),
  );
}

export async function bareTeams(): Promise<Target> {
  const connector = await startFakeConnector();
  const bot = await startBareBotbuilder();
  return teamsTarget(
    'teams: bare botbuilder',
    'baseline',
    bot.url,
    connector,
    (body) => (body?.text === 'echo: help' ? null : `unexpected reply ${JSON.stringify(body?.text)}`),
    async () => {
      await bot.close();
      await connector.close();
    },
  );
}

// ---- Slack ----------------------------------------------------------------------------------

function slackTarget(
  name: string,
  kind: Target['kind'],
  url: string,
  api: FakeSlackApi,
  check: (args: Record<string, unknown> | undefined) => string | null,
  close: () => Promise<void>,
): Target {
  const mailbox = new Mailbox();
  tapCalls(api.calls, (call) => {
    if (call.method === 'chat.postMessage') mailbox.deliver(String(call.args.channel));
  });
  return {
    name,
    channel: 'slack',
    kind,
    prepare(i, agent) {
      const u = i % USERS;
      const channel = `DBENCH${u}`;
      const body = JSON.stringify(dmEvent({ user: `UBENCH${u}`, channel, text: 'help' }));
      const headers = { 'content-type': 'application/json', ...signedHeaders(SIGNING_SECRET, body) };
      return async () => {
        // Slack's ack comes at once; the turn is done when the answer reaches the Web API.
        const [res] = await Promise.all([post(agent, `${url}/slack/events`, body, headers), mailbox.expect(channel)]);
        if (res.status !== 200) throw new Error(`${name}: HTTP ${res.status} ${res.body.slice(0, 200)}`);
      };
    },
    check: () =>
      mailbox.unexpected > 0
        ? `${mailbox.unexpected} replies matched no turn (more than one reply per turn?)`
        : check(api.callsTo('chat.postMessage').at(-1)?.args),
    reset: () => api.reset(),
    close,
  };
}

export async function oursSlack(): Promise<Target> {
  const api = await startFakeSlackApi();
  const dataDir = mkdtempSync(join(tmpdir(), 'ivr-bench-slack-'));
  const server = await startServer({
    env: {
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_API_URL: api.url,
      DATA_DIR: dataDir,
      IVARETA_CONFIG: benchConfig(),
    },
    port: 0,
    host: '127.0.0.1',
    log: silentLogger,
    tick: false,
  });
  return slackTarget(
    'slack: ivareta',
    'ours',
    server.url,
    api,
    (args) => (Array.isArray(args?.blocks) && args.blocks.length > 0 ? null : 'reply has no Block Kit blocks'),
    async () => {
      await server.close();
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  );
}

export async function bareSlack(): Promise<Target> {
  const api = await startFakeSlackApi();
  const app = await startBareBolt({ signingSecret: SIGNING_SECRET, botToken: BOT_TOKEN, slackApiUrl: api.url });
  return slackTarget(
    'slack: bare Bolt',
    'baseline',
    app.url,
    api,
    (args) => (args?.text === 'echo: help' ? null : `unexpected reply ${JSON.stringify(args?.text)}`),
    async () => {
      await app.idle();
      await app.close();
      await api.close();
    },
  );
}
