// Operations over real HTTP on PostgreSQL: /metrics counts turns and sends without user ids,
// /readyz follows the migrations, and close() (SIGTERM) lets a turn under way finish while
// refusing new connections.
import { createServer, type IncomingMessage, request, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import type { SqlStore } from '../../src/storage/sql-store.ts';
import { freshSchema, type TestSchema } from '../helpers/pg-schema.ts';
import { E2E_BOT, E2E_TENANT } from '../helpers/teams-e2e.ts';

/** A Bot Framework connector that holds every call until told to answer (a slow Teams). */
async function slowConnector() {
  const held: ServerResponse[] = [];
  let hold = false;
  let arrived: () => void = () => undefined;
  const firstHeld = new Promise<void>((r) => {
    arrived = r;
  });
  const answer = (res: ServerResponse) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `act-${Math.random()}` }));
  };
  const server: Server = createServer((req: IncomingMessage, res) => {
    req.resume();
    req.on('end', () => {
      if (!hold) return answer(res);
      held.push(res);
      arrived();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    serviceUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    holdNext: () => {
      hold = true;
    },
    firstHeld,
    release() {
      hold = false;
      for (const res of held.splice(0)) answer(res);
    },
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

describe('operations endpoints and graceful shutdown', () => {
  let schema: TestSchema;
  let server: RunningServer;
  let connector: Awaited<ReturnType<typeof slowConnector>>;
  let n = 0;

  beforeAll(async () => {
    schema = await freshSchema();
    connector = await slowConnector();
    server = await startServer({
      env: { DATABASE_URL: schema.url() },
      port: 0,
      host: '127.0.0.1',
      tick: false,
      log: silentLogger,
    });
  }, 60_000);
  afterAll(async () => {
    await server?.close().catch(() => undefined);
    await connector?.close();
    await schema?.drop();
  });

  const activity = (text: string) => ({
    type: 'message',
    id: `ops-${++n}`,
    timestamp: new Date().toISOString(),
    channelId: 'msteams',
    serviceUrl: connector.serviceUrl,
    from: { id: '29:anna-secret-id', name: 'Anna Berg', aadObjectId: 'aad-anna-secret' },
    recipient: E2E_BOT,
    conversation: { id: 'a:dm-aad-anna-secret', conversationType: 'personal', tenantId: E2E_TENANT },
    channelData: { tenant: { id: E2E_TENANT } },
    locale: 'nb-NO',
    text,
  });
  const post = (body: string) =>
    fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
  const metric = (text: string, name: string, labels = ''): number => {
    const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `) || l.startsWith(`${name}${labels}{`));
    return line ? Number(line.split(' ').at(-1)) : Number.NaN;
  };

  it('serves Prometheus metrics: turns by channel and outcome, outbox depth and lag, no user data', async () => {
    expect((await post(JSON.stringify(activity('hjelp')))).status).toBe(200);
    expect((await post('{not json')).status).toBeGreaterThanOrEqual(400);
    const store = server.store as SqlStore;
    await store.enqueue([
      {
        idempotencyKey: 'ops-late',
        kind: 'test',
        recipient: { channel: 'teams', userId: 'u-ops' },
        card: { id: 'c', fallbackText: 'x', body: [] },
        dueAt: new Date(server.clock.now().getTime() - 90_000),
        incidentId: null,
      },
    ]);
    const res = await fetch(`${server.url}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await res.text();
    expect(metric(text, 'ivareta_turns_total', '{channel="teams",outcome="ok"}')).toBe(1);
    expect(metric(text, 'ivareta_turns_total', '{channel="teams",outcome="rejected"}')).toBe(1);
    expect(metric(text, 'ivareta_turn_duration_seconds_count', '{channel="teams",outcome="ok"}')).toBe(1);
    expect(metric(text, 'ivareta_outbox_pending')).toBe(1);
    expect(metric(text, 'ivareta_outbox_lag_seconds')).toBeGreaterThanOrEqual(90);
    expect(text).toContain('ivareta_process_cpu_seconds_total');
    expect(text).not.toMatch(/anna|u-ops|hjelp/i);

    // The playground clock runs the dispatcher: the message is sent and counted by result.
    await fetch(`${server.url}/playground/clock`, { method: 'POST', body: JSON.stringify({ advance: 'PT1S' }) });
    const after = await (await fetch(`${server.url}/metrics`)).text();
    expect(metric(after, 'ivareta_outbox_sends_total', '{channel="teams",result="dead"}')).toBe(1); // no address
    expect(metric(after, 'ivareta_outbox_pending')).toBe(0);
    expect(metric(after, 'ivareta_outbox_lag_seconds')).toBe(0);
  });

  it('with METRICS_TOKEN set, serves /metrics only to a scraper with that bearer token', async () => {
    const guarded = await startServer({
      env: { DATABASE_URL: schema.url(), METRICS_TOKEN: 'scrape-secret' },
      port: 0,
      host: '127.0.0.1',
      tick: false,
      log: silentLogger,
    });
    try {
      const scrape = (authorization?: string) =>
        fetch(`${guarded.url}/metrics`, { headers: authorization ? { authorization } : {} });
      const none = await scrape();
      expect(none.status).toBe(401);
      expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await none.text()).toBe('');
      expect((await scrape('Bearer wrong')).status).toBe(401);
      expect((await scrape('Basic scrape-secret')).status).toBe(401);
      const ok = await scrape('Bearer scrape-secret');
      expect(ok.status).toBe(200);
      expect(await ok.text()).toContain('ivareta_turns_total');
      // Probes stay open: the kubelet sends no token.
      expect((await fetch(`${guarded.url}/readyz`)).status).toBe(200);
    } finally {
      await guarded.close();
    }
  });

  it('is ready when every migration is applied, and says which one is missing otherwise', async () => {
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true });
    const store = server.store as SqlStore;
    const [last] = await store.db.query<{ version: string }>(
      'DELETE FROM schema_migrations WHERE version = (SELECT max(version) FROM schema_migrations) RETURNING version',
    );
    try {
      const res = await fetch(`${server.url}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ready: false, reason: 'migrations not applied', missing: [last!.version] });
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200); // alive all the same
    } finally {
      await store.db.query('INSERT INTO schema_migrations (version) VALUES ($1)', [last!.version]);
    }
  });

  it('on close, finishes a turn under way with 200 and refuses new connections', async () => {
    connector.holdNext();
    const inFlight = post(JSON.stringify(activity('hjelp')));
    await connector.firstHeld; // the turn is sending its reply
    const closing = server.close();
    // A new connection after close began is refused (agent: false, so no kept-alive socket is reused).
    const refused = await new Promise<string>((resolve) => {
      const req = request(`${server.url}/healthz`, { agent: false }, (res) => resolve(`status ${res.statusCode}`));
      req.on('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
      req.end();
    });
    expect(refused).toBe('ECONNREFUSED');
    connector.release();
    expect((await inFlight).status).toBe(200);
    await closing;
  }, 30_000);
});
