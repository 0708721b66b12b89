// `npm run bench:schedule [-- --users 5000 --per-user 6 --rate 1200 --only ours-pg-3 --json]`
// Due outbox items dispatched through a fake platform (20–60 ms a send): our Dispatcher on PGlite (1 process)
// and on PostgreSQL (1 and 3 processes), pg-boss on PostgreSQL (1 and 3) as the job-queue baseline, in one
// run. Items fall due at --rate per second (or, with --backlog, all at once). Method: docs/performance.md.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { intArg } from '../cli-args.ts';
import { type Config, total, windowS } from './plan.ts';
import { runTarget, type TargetResult, type TargetSpec } from './target.ts';

const { values: v } = parseArgs({
  options: {
    users: { type: 'string', default: '5000' },
    'per-user': { type: 'string', default: '6' },
    rate: { type: 'string', default: '1200' },
    backlog: { type: 'boolean', default: false },
    'latency-ms': { type: 'string', default: '20-60' },
    'poll-ms': { type: 'string', default: '500' },
    batch: { type: 'string' },
    instances: { type: 'string', default: '1' },
    'boss-batch': { type: 'string', default: '50' },
    'boss-workers': { type: 'string', default: '4' },
    'grace-s': { type: 'string', default: '10' },
    only: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

const TARGETS: TargetSpec[] = [
  { name: 'ours-pglite-1', kind: 'ours', store: 'pglite', procs: 1 },
  { name: 'ours-pg-1', kind: 'ours', store: 'postgres', procs: 1 },
  { name: 'ours-pg-3', kind: 'ours', store: 'postgres', procs: 3 },
  { name: 'pgboss-1', kind: 'boss', store: 'postgres', procs: 1 },
  { name: 'pgboss-3', kind: 'boss', store: 'postgres', procs: 3 },
];
const GOALS = { p99Ms: 1000, sendsPerS: 1000 } as const;
const SERVER = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

if (v.help) {
  process.stdout.write(
    [
      'npm run bench:schedule -- [options]',
      '  --users N --per-user K   N users × K check-ins (default 5000 × 6; 10000 × 6 takes about 7 min)',
      '  --rate R                 items falling due per second (default 1200)',
      '  --backlog                all items already due (over the last N·K/R s) when dispatching starts',
      '  --latency-ms A-B         fake platform latency per send (default 20-60)',
      '  --poll-ms P              pg-boss polling interval (default 500; ours wakes as the server does)',
      "  --batch B                our claim batch (default: the dispatcher's own)",
      '  --instances I            our Dispatcher instances per process (default 1, as the server runs)',
      '  --boss-batch B --boss-workers W   pg-boss batchSize and work() calls per process (50, 4)',
      '  --grace-s S              stop a target S s after the last due time (default 10)',
      `  --only a,b               targets: ${TARGETS.map((t) => t.name).join(', ')}`,
      '  --json                   JSON on stdout (the table goes to stderr)',
      `PostgreSQL: TEST_DATABASE_URL or ${SERVER}`,
      '',
    ].join('\n'),
  );
  process.exit(0);
}

const [latMin, latMax] = (v['latency-ms'] ?? '').split('-').map(Number);
const cfg: Config = {
  users: intArg('users', v.users, 1),
  perUser: intArg('per-user', v['per-user'], 1),
  rate: intArg('rate', v.rate, 1),
  backlog: v.backlog ?? false,
  latency: [latMin ?? 20, latMax ?? latMin ?? 60],
  pollMs: intArg('poll-ms', v['poll-ms'], 500),
  batch: v.batch === undefined ? undefined : intArg('batch', v.batch, 1),
  instances: intArg('instances', v.instances, 1),
  bossBatch: intArg('boss-batch', v['boss-batch'], 1),
  bossWorkers: intArg('boss-workers', v['boss-workers'], 1),
  graceS: intArg('grace-s', v['grace-s'], 0),
};
if ((windowS(cfg) * 1000) / cfg.perUser < 1000) {
  process.stderr.write(`warning: a user's items are < 1 s apart (--rate too high for --users)\n`);
}
const only = v.only?.split(',');
const chosen = TARGETS.filter((t) => !only || only.includes(t.name));
const out = v.json ? process.stderr : process.stdout;

const started = performance.now();
const load0 = loadavg()[0] ?? 0;
out.write(
  `${total(cfg)} items (${cfg.users} users × ${cfg.perUser}), ${cfg.backlog ? 'all due' : `${cfg.rate}/s falling due`} ` +
    `over ${windowS(cfg).toFixed(1)} s; fake send ${cfg.latency.join('-')} ms; poll ${cfg.pollMs} ms\n`,
);
const results: TargetResult[] = [];
for (const t of chosen) {
  out.write(`${t.name}: `);
  const r = await runTarget(t, cfg, SERVER);
  results.push(r);
  out.write(
    `${r.received}/${total(cfg)} received, load ${(r.loadMs / 1000).toFixed(1)} s, start ${r.lateStartMs} ms late\n`,
  );
}

const s = (ms: number) => (ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(2)} s`);
const lag = (r: TargetResult, ms: number) => `${r.censored ? '≥ ' : ''}${s(ms)}`;
const mb = (a: number, b: number) => `${a.toFixed(0)} → ${b.toFixed(0)}`;
const rows = results.map((r) => [
  r.name,
  String(r.procs),
  `${r.received}`,
  lag(r, r.p50),
  lag(r, r.p99),
  lag(r, r.max),
  r.sendsPerS.toFixed(0),
  String(r.duplicates),
  String(r.lost),
  String(r.pending),
  String(r.violations),
  mb(r.rssStart, r.rssEnd),
  mb(r.heapStart, r.heapEnd),
]);
const head = [
  'target',
  'procs',
  'sent',
  'p50 lag',
  'p99 lag',
  'max lag',
  'sends/s',
  'dup',
  'lost',
  'left',
  '<1 s/conv',
  'RSS MB',
  'heap MB',
];
out.write(`\n${table(head, rows)}\n`);

const checks: string[][] = [];
for (const r of results) {
  const ok = (b: boolean) => (b ? 'PASS' : 'FAIL');
  checks.push([r.name, 'p99 lag', lag(r, r.p99), `< ${s(GOALS.p99Ms)}`, ok(!r.censored && r.p99 < GOALS.p99Ms)]);
  if (r.procs === 3) {
    checks.push([
      r.name,
      'sends/s',
      r.sendsPerS.toFixed(0),
      `>= ${GOALS.sendsPerS}`,
      ok(r.sendsPerS >= GOALS.sendsPerS),
    ]);
  }
  checks.push([r.name, 'duplicates / lost', `${r.duplicates} / ${r.lost}`, '0 / 0', ok(r.duplicates + r.lost === 0)]);
}
out.write(`\n${table(['target', 'check', 'measured', 'target', 'result'], checks)}\n`);
out.write(
  `\nNode ${process.version}, ${cpus().length} cores; load average ${load0.toFixed(2)} at the start, ` +
    `${(loadavg()[0] ?? 0).toFixed(2)} at the end; ${((performance.now() - started) / 1000).toFixed(0)} s in all\n`,
);
if (v.json) process.stdout.write(`${JSON.stringify({ cfg, results }, null, 2)}\n`);
process.exit(results.every((r) => r.duplicates + r.lost === 0) ? 0 : 1);

function table(head: string[], body: string[][]): string {
  const w = head.map((h, i) => Math.max(h.length, ...body.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join(' | ')} |`;
  return [
    line(head),
    `| ${w.map((n, i) => (i === 0 ? '-'.repeat(n) : `${'-'.repeat(n - 1)}:`)).join(' | ')} |`,
    ...body.map(line),
  ].join('\n');
}
