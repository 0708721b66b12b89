// Wiring: one Node HTTP server for Teams, Slack, the playground and health, over one core and store.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { IvaretaCore } from './app/core.ts';
import { createPlayground } from './channels/playground/index.ts';
import { createSlackChannel } from './channels/slack/index.ts';
import { createTeamsChannel } from './channels/teams/index.ts';
import { loadOrgConfig, type OrgConfig } from './config/org-config.ts';
import { I18n } from './i18n/i18n.ts';
import { createLogger, type Logger } from './log.ts';
import { createOps } from './ops/routes.ts';
import type { ChannelSender } from './ports/channel.ts';
import { AdjustableClock } from './ports/clock.ts';
import type { Store } from './ports/store.ts';
import { Dispatcher } from './scheduler/dispatcher.ts';
import { openContentIndex } from './search/open.ts';
import { refuseOversized } from './security/body-limit.ts';
import type { Db } from './storage/db.ts';
import { openStore } from './storage/open-store.ts';

export type Env = Record<string, string | undefined>;

export interface ServerOptions {
  env?: Env;
  /** Overrides PORT; 0 picks a free port. */
  port?: number;
  host?: string;
  log?: Logger;
  clock?: AdjustableClock;
  config?: OrgConfig;
  /** A database connection already being opened (main.ts starts it before loading the rest of the app). */
  db?: Promise<Db>;
  /** Start the dispatcher's timer (off in tests that drive it through the clock). */
  tick?: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  clock: AdjustableClock;
  store: Store;
  dispatcher: Dispatcher;
  playground: boolean;
  close(): Promise<void>;
}

/** The catalogues and the content index, reporting content errors. */
async function loadRest(config: OrgConfig, log: Logger) {
  const i18n = new I18n(undefined, config.timeZone);
  const content = await openContentIndex();
  for (const problem of content.problems.filter((p) => p.level === 'error')) {
    log.error({ event: 'content.invalid', file: problem.file }, problem.message);
  }
  return { i18n, content };
}

/** True when any platform credential is set: then the auth-less local mode and the playground are off. */
export function hasCredentials(env: Env): boolean {
  return Boolean(env.MicrosoftAppId || env.SLACK_SIGNING_SECRET || env.SLACK_BOT_TOKEN);
}

export async function startServer(opts: ServerOptions = {}): Promise<RunningServer> {
  const env = opts.env ?? process.env;
  const log = opts.log ?? createLogger();
  const clock = opts.clock ?? new AdjustableClock();
  const config = opts.config ?? loadOrgConfig(env.IVARETA_CONFIG);
  const opening = openStore({ dataDir: env.DATA_DIR ?? './data', databaseUrl: env.DATABASE_URL, log, db: opts.db });
  // What needs no database loads while it opens (at start-up it is the slowest part).
  const loaded = loadRest(config, log);
  const [opened, rest] = await Promise.allSettled([opening, loaded]);
  if (opened.status === 'rejected') throw opened.reason;
  const store = opened.value;
  if (rest.status === 'rejected') {
    await store.close().catch(() => undefined);
    throw rest.reason;
  }
  const { i18n, content } = rest.value;
  const ops = createOps({ store, clock, log, metricsToken: env.METRICS_TOKEN }); // /metrics, /readyz, turn counts, graceful shutdown

  let dispatcher: Dispatcher | undefined;
  const core = new IvaretaCore({
    store,
    clock,
    i18n,
    log,
    config,
    content: content.index,
    onEnqueued: () => dispatcher?.wake(),
  });
  void core.start();
  const meteredCore = ops.metrics.meterCore(core);
  const teams = createTeamsChannel({
    core: meteredCore,
    appId: env.MicrosoftAppId,
    appPassword: env.MicrosoftAppPassword,
    appTenantId: env.MicrosoftAppTenantId,
    // Slack credentials alone must not leave the Teams endpoint open.
    allowAuthless: !hasCredentials(env),
    allowedTenants: config.security.allowedTenants,
    log,
  });
  const slack = createSlackChannel({
    core: meteredCore,
    signingSecret: env.SLACK_SIGNING_SECRET,
    botToken: env.SLACK_BOT_TOKEN,
    apiUrl: env.SLACK_API_URL,
    allowedWorkspaces: config.security.allowedWorkspaces,
    log,
  });
  const senders: Record<string, ChannelSender> = { teams: teams.sender, slack: slack.sender };
  // The sweep runs before every claim round, so the playground clock's runDue runs it too.
  dispatcher = new Dispatcher({
    store,
    clock,
    senders,
    log,
    sweep: () => core.sweep(),
    auditKinds: new Set(['escalation.notice']),
    metrics: ops.metrics.dispatch,
  });

  const playgroundOn = !hasCredentials(env);
  let baseUrl = '';
  const playground = playgroundOn
    ? createPlayground({ baseUrl: () => baseUrl, clock, runDue: () => dispatcher.runDue(), log })
    : null;

  const server = createServer((req, res) => {
    if (!ops.admit(req, res)) return;
    route(req, res).catch((e: unknown) => {
      log.error({ event: 'http.error', path: pathOf(req), err: (e as Error).message }, 'request failed');
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.end();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req);
    if (refuseOversized(req, res, path)) return;
    if (req.method === 'POST' && path === '/api/messages') return teams.handle(req, res);
    if (req.method === 'POST' && path === '/slack/events') return slack.handle(req, res);
    if (req.method === 'GET' && path === '/healthz') {
      const db = await store.ping().then(
        () => true,
        () => false,
      );
      return json(res, db ? 200 : 503, { ok: db, db });
    }
    if (await ops.handle(req, res)) return;
    if (playground && (await playground.handle(req, res))) return;
    json(res, 404, { error: 'not found' });
  }

  const port = await listen(server, opts.port ?? Number(env.PORT ?? 3978), opts.host ?? env.HOST ?? '0.0.0.0');
  baseUrl = `http://127.0.0.1:${port}`;
  if (opts.tick ?? true) dispatcher.start();
  dispatcher.wake(); // send what fell due while we were down
  log.info(
    { event: 'server.ready', port, playground: playgroundOn, store: env.DATABASE_URL ? 'postgres' : 'pglite' },
    'ready',
  );

  return {
    url: baseUrl,
    port,
    clock,
    store,
    dispatcher,
    playground: playgroundOn,
    async close() {
      // Stop taking requests; turns under way (and Slack work acked but still running) get up to 10 s.
      await ops.drain.close(server, { graceMs: 10_000, idle: () => slack.idle() });
      // Then stop sending, giving back claimed rows not started, flush the delivery log, close the store.
      await dispatcher.stop();
      await core.close();
      await store.close();
    },
  };
}

function pathOf(req: IncomingMessage): string {
  return (req.url ?? '/').split('?')[0] ?? '/';
}

export function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
  });
}
