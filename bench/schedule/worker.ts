// One dispatcher process: our Dispatcher over openStore (PGlite or PostgreSQL), or pg-boss workers,
// sending through an in-process FakePlatform. Driven by the parent over IPC:
// load (process 0 only) → go → stop (freeze the fake, report what it received) → count → killed.
import PgBoss from 'pg-boss';
import { silentLogger } from '../../src/log.ts';
import { systemClock } from '../../src/ports/clock.ts';
import { Dispatcher } from '../../src/scheduler/dispatcher.ts';
import { openStore } from '../../src/storage/open-store.ts';
import { benchCard, type Config, dueOffsetMs, FakePlatform, itemKey, QUEUE, recipientOf, total } from './plan.ts';

export interface WorkerSpec {
  kind: 'ours' | 'boss';
  proc: number;
  cfg: Config;
  dataDir: string;
  databaseUrl?: string;
  /** pg-boss's schema. */
  schema?: string;
}

export type ToWorker = { t: 'load'; t0: number } | { t: 'go' } | { t: 'stop' } | { t: 'count' };
export type FromWorker =
  | { t: 'open'; mem: NodeJS.MemoryUsage }
  | { t: 'loaded'; ms: number }
  | { t: 'progress'; received: number }
  | { t: 'stopped'; items: number[]; started: number[]; at: number[]; mem: NodeJS.MemoryUsage }
  | { t: 'count'; pending: number; byStatus: Record<string, number> };

const CHUNK = 5000;

interface Runner {
  load(t0: number): Promise<void>;
  go(): Promise<void>;
  stop(): void;
  count(): Promise<Record<string, number>>;
}

const spec = JSON.parse(process.env.BENCH_WORKER ?? '{}') as WorkerSpec;
const { cfg } = spec;
const fake = new FakePlatform(cfg.latency);
const reply = (m: FromWorker) => process.send?.(m);

async function ours(): Promise<Runner> {
  const store = await openStore({ dataDir: spec.dataDir, databaseUrl: spec.databaseUrl });
  const ds = Array.from(
    { length: cfg.instances },
    (_, k) =>
      new Dispatcher({
        store,
        clock: systemClock,
        senders: { teams: fake },
        log: silentLogger,
        workerId: `p${spec.proc}-${k}`,
        ...(cfg.batch === undefined ? {} : { batchSize: cfg.batch }),
      }),
  );
  return {
    async load(t0) {
      for (let s = 0; s < total(cfg); s += CHUNK) {
        const msgs = [];
        for (let i = s; i < Math.min(total(cfg), s + CHUNK); i++) {
          const dueAt = new Date(t0 + dueOffsetMs(cfg, i));
          const recipient = recipientOf(cfg, i);
          msgs.push({
            idempotencyKey: itemKey(i),
            kind: 'followup.checkin',
            recipient,
            card: benchCard,
            dueAt,
            incidentId: null,
          });
        }
        await store.enqueue(msgs);
      }
    },
    async go() {
      // As startServer() does: the cron tick, its own timer for the next due row, and one wake now.
      for (const d of ds) {
        d.start();
        d.wake();
      }
    },
    stop: () => undefined,
    async count() {
      const rows = await store.db.query<{ status: string; n: number }>(
        'SELECT status, count(*)::int AS n FROM outbox GROUP BY status',
      );
      return Object.fromEntries(rows.map((r) => [r.status, r.n]));
    },
  };
}

async function boss(): Promise<Runner> {
  const b = new PgBoss({
    connectionString: spec.databaseUrl,
    schema: spec.schema,
    max: 10,
    supervise: false,
    schedule: false,
    migrate: false,
  });
  b.on('error', (e) => console.error(`pg-boss p${spec.proc}:`, e.message));
  await b.start();
  return {
    async load(t0) {
      for (let s = 0; s < total(cfg); s += CHUNK) {
        const jobs = [];
        for (let i = s; i < Math.min(total(cfg), s + CHUNK); i++) {
          jobs.push({ name: QUEUE, data: { i }, startAfter: new Date(t0 + dueOffsetMs(cfg, i)) });
        }
        await b.insert(jobs);
      }
    },
    async go() {
      const opts = { batchSize: cfg.bossBatch, pollingIntervalSeconds: cfg.pollMs / 1000 };
      for (let w = 0; w < cfg.bossWorkers; w++) {
        await b.work<{ i: number }>(QUEUE, opts, async (jobs) => {
          await Promise.all(jobs.map((j) => fake.deliver(j.data.i)));
        });
      }
    },
    stop: () => undefined,
    async count() {
      const res = await b
        .getDb()
        .executeSql(
          `SELECT state AS status, count(*)::int AS n FROM ${spec.schema}.job WHERE name = $1 GROUP BY state`,
          [QUEUE],
        );
      return Object.fromEntries((res.rows as { status: string; n: number }[]).map((r) => [r.status, r.n]));
    },
  };
}

const runner = spec.kind === 'ours' ? await ours() : await boss();
let progress: NodeJS.Timeout | undefined;
process.on('message', (m: ToWorker) => {
  void (async () => {
    if (m.t === 'load') {
      const started = performance.now();
      await runner.load(m.t0);
      reply({ t: 'loaded', ms: performance.now() - started });
    } else if (m.t === 'go') {
      await runner.go();
      progress = setInterval(() => reply({ t: 'progress', received: fake.received.items.length }), 250);
    } else if (m.t === 'stop') {
      clearInterval(progress);
      runner.stop();
      fake.freeze();
      reply({ t: 'stopped', ...fake.received, mem: process.memoryUsage() });
    } else if (m.t === 'count') {
      const byStatus = await runner.count();
      const done = spec.kind === 'ours' ? ['sent', 'dead', 'cancelled'] : ['completed', 'failed', 'cancelled'];
      const pending = Object.entries(byStatus).reduce((s, [k, n]) => s + (done.includes(k) ? 0 : n), 0);
      reply({ t: 'count', pending, byStatus });
    }
  })().catch((e: Error) => {
    console.error(`worker p${spec.proc}:`, e.stack);
    process.exit(1);
  });
});
reply({ t: 'open', mem: process.memoryUsage() });
