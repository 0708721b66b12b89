// One target: its own store (a temporary PGlite dir, or a fresh PostgreSQL schema dropped afterwards),
// N dispatcher processes (worker.ts), the load from process 0, then dispatching until every item was
// received or the time is up.
import { type ChildProcess, fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import PgBoss from 'pg-boss';
import { type Config, type Figures, figures, QUEUE, type Received, total, windowS } from './plan.ts';
import type { FromWorker, ToWorker, WorkerSpec } from './worker.ts';

export interface TargetSpec {
  name: string;
  kind: 'ours' | 'boss';
  store: 'pglite' | 'postgres';
  procs: number;
}

export interface TargetResult extends Figures {
  name: string;
  procs: number;
  loadMs: number;
  /** How late dispatching started after t0 (the load overran its lead time). */
  lateStartMs: number;
  byStatus: Record<string, number>;
  rssStart: number;
  rssEnd: number;
  heapStart: number;
  heapEnd: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

class Proc {
  private readonly waiting = new Map<string, (m: FromWorker) => void>();
  received = 0;
  constructor(readonly child: ChildProcess) {
    child.on('message', (m: FromWorker) => {
      if (m.t === 'progress') this.received = m.received;
      this.waiting.get(m.t)?.(m);
    });
  }
  next<T extends FromWorker['t']>(t: T): Promise<Extract<FromWorker, { t: T }>> {
    return new Promise((resolve, reject) => {
      this.waiting.set(t, resolve as (m: FromWorker) => void);
      this.child.once('exit', (code) => reject(new Error(`dispatcher process exited (${code}) waiting for ${t}`)));
    });
  }
  send(m: ToWorker): void {
    this.child.send(m);
  }
}

export async function freshSchema(server: string) {
  const schema = `ivr_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: server, connectionTimeoutMillis: 5000 });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE SCHEMA ${schema}`);
  const url = new URL(server);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { schema, url: url.toString(), drop: () => admin(`DROP SCHEMA ${schema} CASCADE`) };
}

/** pg-boss installs its own schema; done once here so the processes do not race to create it. */
async function installBoss(server: string, schema: string): Promise<void> {
  const b = new PgBoss({ connectionString: server, schema, supervise: false, schedule: false });
  await b.start();
  await b.createQueue(QUEUE);
  await b.stop({ graceful: false, wait: true });
}

export async function runTarget(t: TargetSpec, cfg: Config, server: string): Promise<TargetResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ivr-bench-schedule-'));
  const db = t.store === 'postgres' ? await freshSchema(server) : undefined;
  const procs: Proc[] = [];
  try {
    if (t.kind === 'boss' && db) await installBoss(server, db.schema);
    for (let proc = 0; proc < t.procs; proc++) {
      const spec: WorkerSpec = {
        kind: t.kind,
        proc,
        cfg,
        dataDir,
        ...(db ? { databaseUrl: db.url, schema: db.schema } : {}),
      };
      const child = fork(new URL('./worker.ts', import.meta.url), [], {
        execArgv: ['--import', 'tsx'],
        env: { ...process.env, BENCH_WORKER: JSON.stringify(spec) },
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      procs.push(new Proc(child));
    }
    const opened = await Promise.all(procs.map((p) => p.next('open')));
    const n = total(cfg);
    // Lead time for the load (about 5 s per 60 000 rows measured, doubled), so nothing is due before `go`.
    const t0 = Date.now() + 2000 + n / 6;
    const loaded = procs[0]!.next('loaded');
    procs[0]!.send({ t: 'load', t0 });
    const { ms: loadMs } = await loaded;
    await sleep(t0 - Date.now());
    const goAt = Date.now();
    for (const p of procs) p.send({ t: 'go' });
    const capAt = t0 + (cfg.backlog ? 0 : windowS(cfg) * 1000) + cfg.graceS * 1000;
    while (Date.now() < capAt && procs.reduce((s, p) => s + p.received, 0) < n) await sleep(100);
    const stopAt = Date.now();
    const stopped = await Promise.all(
      procs.map((p) => {
        const r = p.next('stopped');
        p.send({ t: 'stop' });
        return r;
      }),
    );
    await sleep(1000); // a send received just before the freeze is still being marked sent
    const counted = procs[0]!.next('count');
    procs[0]!.send({ t: 'count' });
    const { pending, byStatus } = await counted;
    const parts: Received[] = stopped.map((s) => ({ items: s.items, started: s.started, at: s.at }));
    const sum = (ms: NodeJS.MemoryUsage[], k: 'rss' | 'heapUsed') => ms.reduce((s, m) => s + m[k], 0) / 2 ** 20;
    const memStart = opened.map((o) => o.mem);
    const memEnd = stopped.map((s) => s.mem);
    return {
      name: t.name,
      procs: t.procs,
      ...figures(cfg, t0, goAt, stopAt, parts, pending),
      loadMs,
      lateStartMs: Math.max(0, goAt - t0),
      byStatus,
      rssStart: sum(memStart, 'rss'),
      rssEnd: sum(memEnd, 'rss'),
      heapStart: sum(memStart, 'heapUsed'),
      heapEnd: sum(memEnd, 'heapUsed'),
    };
  } finally {
    // Killed, not stopped: a frozen send never completes (like a crash mid-batch), nothing is left to flush.
    await Promise.all(
      procs.map((p) =>
        p.child.exitCode === null ? new Promise((r) => p.child.once('exit', r).kill('SIGKILL')) : undefined,
      ),
    );
    rmSync(dataDir, { recursive: true, force: true });
    await db?.drop();
  }
}
