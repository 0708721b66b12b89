// Three bot processes on one PostgreSQL behind a round-robin proxy: registration and a check-in run
// through it, each request landing on another replica, and every proactive message reaches the fake
// Teams connector exactly once (none lost, none doubled). Each process has its own playground clock,
// so all three are moved together. Ends with SIGTERM: each process drains and exits 0.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, request, type Server } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { DateTime } from 'luxon';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector.ts';
import { freshSchema, type TestSchema } from '../helpers/pg-schema.ts';
import { actionsOf, E2E_BOT, E2E_TENANT, verbData } from '../helpers/teams-e2e.ts';

const REPLICAS = 3;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createNetServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Forwards each request to the next port in turn. */
function roundRobin(ports: number[]): Promise<{ url: string; hits: number[]; server: Server }> {
  const hits = ports.map(() => 0);
  let next = 0;
  const server = createServer((req, res) => {
    const i = next++ % ports.length;
    hits[i]!++;
    const up = request(
      { host: '127.0.0.1', port: ports[i], method: req.method, path: req.url, headers: req.headers, agent: false },
      (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
      },
    );
    up.on('error', () => {
      res.writeHead(502);
      res.end();
    });
    req.pipe(up);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({ url: `http://127.0.0.1:${port}`, hits, server });
    }),
  );
}

interface Person {
  id: string;
  name: string;
  locale: string;
}
const anna: Person = { id: 'anna', name: 'Anna Berg', locale: 'nb-NO' };
const lars: Person = { id: 'lars', name: 'Lars Holm', locale: 'sv-SE' };
const ingrid: Person = { id: 'ingrid', name: 'Ingrid Dahl', locale: 'da-DK' };
const conv = (p: Person) => `a:dm-aad-${p.id}`;

describe(`${REPLICAS} replicas on one PostgreSQL behind a round-robin proxy`, () => {
  let schema: TestSchema;
  let connector: FakeConnector;
  let proxy: Awaited<ReturnType<typeof roundRobin>>;
  const ports: number[] = [];
  const children: ChildProcess[] = [];
  const logs: string[] = [];
  let n = 0;

  beforeAll(async () => {
    schema = await freshSchema();
    connector = await startFakeConnector();
    for (let i = 0; i < REPLICAS; i++) {
      const port = await freePort();
      ports.push(port);
      const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATABASE_URL: schema.url(`replica-${i}`) };
      for (const k of ['MicrosoftAppId', 'SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'IVARETA_CONFIG', 'DATA_DIR'])
        delete env[k];
      env.LOG_LEVEL = 'warn';
      const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      logs[i] = '';
      child.stdout?.on('data', (c: Buffer) => {
        logs[i] += c.toString('utf8');
      });
      child.stderr?.on('data', (c: Buffer) => {
        logs[i] += c.toString('utf8');
      });
      children.push(child);
    }
    // Ready when /readyz says the database has every migration (the three race to apply them).
    for (const [i, port] of ports.entries()) {
      for (let t = 0; ; t++) {
        const ok = await fetch(`http://127.0.0.1:${port}/readyz`).then(
          (r) => r.ok,
          () => false,
        );
        if (ok) break;
        if (children[i]!.exitCode !== null || t > 400)
          throw new Error(`replica ${i} not ready: ${logs[i]!.slice(-2000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    proxy = await roundRobin(ports);
  }, 60_000);

  afterAll(async () => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    await new Promise<void>((r) => proxy?.server.close(() => r()) ?? r());
    await connector?.close();
    await schema?.drop();
  });

  const send = (who: Person, message: { text?: string; value?: Record<string, unknown> }) =>
    fetch(`${proxy.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `rr-${++n}`,
        timestamp: new Date().toISOString(),
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        from: { id: `29:${who.id}`, name: who.name, aadObjectId: `aad-${who.id}` },
        recipient: E2E_BOT,
        conversation: { id: conv(who), conversationType: 'personal', tenantId: E2E_TENANT },
        channelData: { tenant: { id: E2E_TENANT } },
        locale: who.locale,
        entities: [{ type: 'clientInfo', locale: who.locale, timezone: 'Europe/Oslo' }],
        ...message,
      }),
    });
  // biome-ignore lint/suspicious/noExplicitAny: card JSON
  const cardsTo = (who: Person, kind: 'send' | 'reply', since = 0): any[] =>
    connector.calls
      .slice(since)
      .filter((c) => c.kind === kind && c.status < 300 && c.conversationId === conv(who))
      .flatMap((c) => c.body?.attachments ?? [])
      .map((a: { content: unknown }) => a.content);
  /** Moves every replica's clock (each has its own) and runs what fell due there. */
  const advance = async (by: string) => {
    for (const port of ports) {
      const res = await fetch(`http://127.0.0.1:${port}/playground/clock`, {
        method: 'POST',
        body: JSON.stringify({ advance: by }),
      });
      expect(res.status).toBe(200);
    }
  };

  it('registers an incident and runs a check-in through the proxy; no message lost or doubled', async () => {
    for (const p of [lars, ingrid]) expect((await send(p, { text: 'help' })).status).toBe(200);
    let since = connector.calls.length;
    expect((await send(anna, { value: { verb: 'incident.new' } })).status).toBe(200);
    const form = cardsTo(anna, 'reply', since)[0];
    since = connector.calls.length;
    const registered = await send(anna, {
      value: {
        ...verbData(form, 'incident.register'),
        summary: 'Feil dose gitt på nattevakt',
        occurredAt: DateTime.now().setZone('Europe/Oslo').minus({ days: 1 }).toISODate(),
        occurredAtTime: '03:15',
        category: 'medication',
        involved: '',
        manager: 'aad-lars',
        peerSupporter: 'aad-ingrid',
      },
    });
    expect(registered.status).toBe(200);
    expect(verbData(cardsTo(anna, 'reply', since)[0], 'case.close')).toBeDefined();

    // Hours on, in steps, until Anna's first check-in arrives (a working day later).
    const checkins = () => cardsTo(anna, 'send').filter((c) => verbData(c, 'checkin.answer'));
    for (let h = 0; h < 8 * 4 && checkins().length === 0; h++) await advance('PT6H');
    expect(checkins()).toHaveLength(1);
    const low = actionsOf(checkins()[0]).find((a) => a.data?.verb === 'checkin.answer' && a.data.score === '1')?.data;
    const beforeAnswer = connector.calls.length;
    expect((await send(anna, { value: low })).status).toBe(200);
    await advance('PT1M');
    // The low answer reaches the peer supporter (a contact request), whichever replica sends it.
    expect(cardsTo(ingrid, 'send', beforeAnswer).length).toBeGreaterThan(0);

    // Let every replica's own tick (5 s) pass, so a doubled send would have happened by now.
    await new Promise((r) => setTimeout(r, 6000));
    const sends = connector.calls.filter((c) => c.kind === 'send' && c.status < 300);
    const seen = new Map<string, number>();
    for (const c of sends) {
      const key = `${c.conversationId} ${JSON.stringify(c.body?.attachments)}`;
      seen.set(key, (seen.get(key) ?? 0) + 1);
    }
    expect([...seen.values()].filter((k) => k > 1)).toEqual([]);
    // Each message marked sent went out once; nothing due is left behind or given up.
    const clocks = await Promise.all(
      ports.map(
        async (port) => (await (await fetch(`http://127.0.0.1:${port}/playground/clock`)).json()).now as string,
      ),
    );
    const earliest = new Date(Math.min(...clocks.map((c) => Date.parse(c))));
    const db = new pg.Client({ connectionString: schema.url() });
    await db.connect();
    try {
      const { rows } = await db.query<{ status: string; n: number }>(
        `SELECT status, count(*)::int AS n FROM outbox
         WHERE status <> 'pending' OR due_at <= $1::timestamptz - interval '1 minute' GROUP BY status`,
        [earliest],
      );
      const by = Object.fromEntries(rows.map((r) => [r.status, r.n]));
      expect(by.sent).toBe(sends.length);
      expect(by.dead ?? 0).toBe(0);
      expect(by.pending ?? 0).toBe(0); // nothing due (at the replicas' time) left unsent
    } finally {
      await db.end();
    }
    // The manager, the peer supporter and Anna each got their proactive messages; every replica served turns.
    for (const p of [lars, ingrid, anna]) expect(cardsTo(p, 'send').length).toBeGreaterThan(0);
    expect(proxy.hits.every((h) => h > 0)).toBe(true);
  }, 90_000);

  it('drains and exits 0 on SIGTERM', async () => {
    const exits = children.map((c) => new Promise<number | null>((r) => c.once('exit', (code) => r(code))));
    for (const c of children) c.kill('SIGTERM');
    expect(await Promise.all(exits)).toEqual(children.map(() => 0));
  }, 30_000);
});
