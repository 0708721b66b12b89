// `npm run bench:soak [-- --users 200 --minutes 10 --replicas 2 --think-s 4-12 --json]`
// A steady load of simulated people on both channels against bot replicas on one PostgreSQL: per turn
// kind p50/p99/max, every failed turn, every proactive message lost or doubled, and the replicas'
// memory over the run. Method and figures: docs/performance.md ("Soak").
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { questionFiles, readCases } from '../ask/questions.ts';
import { intArg } from '../cli-args.ts';
import { auditOutbox, dueCount } from './audit.ts';
import { roundRobin } from './driver.ts';
import { soakConfig, startReplicas } from './replicas.ts';
import { checks, renderReport, type SoakResult } from './report.ts';
import { makeUsers } from './sim.ts';
import { startSlackDriver } from './slack.ts';
import { type MemSample, Recorder, trend } from './stats.ts';
import { startTeamsDriver } from './teams.ts';
import { onProactive, runUser } from './users.ts';

const { values: v } = parseArgs({
  options: {
    users: { type: 'string', default: '200' },
    minutes: { type: 'string', default: '10' },
    replicas: { type: 'string', default: '2' },
    'think-s': { type: 'string', default: '4-12' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (v.help) {
  process.stdout.write(
    [
      'npm run bench:soak -- [options]',
      '  --users N       simulated people, half on Teams, half on Slack (default 200)',
      '  --minutes M     minutes of load (default 10)',
      '  --replicas R    bot processes on one PostgreSQL schema (default 2)',
      '  --think-s A-B   think time between a person’s actions, seconds, uniform (default 4-12)',
      '  --json          JSON on stdout (the report goes to stderr)',
      'PostgreSQL: TEST_DATABASE_URL or postgres://postgres@127.0.0.1:5432/test',
      '',
    ].join('\n'),
  );
  process.exit(0);
}
const users = intArg('users', v.users, 4);
const minutes = intArg('minutes', v.minutes, 1);
const replicaCount = intArg('replicas', v.replicas, 1);
const [thinkA = Number.NaN, thinkB = thinkA] = (v['think-s'] ?? '').split('-').map(Number);
if (!(thinkA >= 0 && thinkB >= thinkA)) {
  process.stderr.write('--think-s must be A-B seconds with 0 <= A <= B\n');
  process.exit(2);
}
const thinkS: [number, number] = [thinkA, thinkB];
const runMs = minutes * 60_000;
/** The schedule, compressed into the run (see soakConfig): a quarter of it to the first check-in. */
const checkinS = Math.round(runMs / 4000);
const supportS = Math.round(runMs / 3000);
/** Memory every 5 s (more often in short runs). */
const sampleMs = Math.min(5_000, runMs / 24);
const warmupS = Math.max(30, minutes * 6);
const progress = (line: string) => process.stderr.write(`· ${line}\n`);

const began = performance.now();
const load1Start = Number(loadavg()[0]!.toFixed(2));
const run = Date.now().toString(36).slice(-5);
const teamsUsers = makeUsers('teams', Math.ceil(users / 2), run);
const slackUsers = makeUsers('slack', Math.floor(users / 2), run);
const urls: string[] = [];
const rr = roundRobin(urls);
const teams = await startTeamsDriver({ users: teamsUsers, next: rr, onProactive });
const slack = await startSlackDriver({ users: slackUsers, next: rr, onProactive });
const replicas = await startReplicas(replicaCount, slack.apiUrl, soakConfig(checkinS, supportS));
urls.push(...replicas.list.map((r) => r.url));
progress(`${replicaCount} replicas ready (${replicas.entry}), schema dropped at the end`);

// Ctrl-C or a kill: the replicas go with us, and the schema is dropped.
process.on('exit', () => replicas.kill());
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping the replicas`);
    replicas.kill();
    void replicas.drop().finally(() => process.exit(130));
  });
}

const rec = new Recorder();
const questions: Record<string, string[]> = {};
for (const file of questionFiles()) {
  for (const c of readCases(file)) {
    const lang = c.lang ?? 'en';
    questions[lang] = [...(questions[lang] ?? []), c.q];
  }
}
const memory: MemSample[][] = replicas.list.map(() => []);
const loadAt = performance.now();
const cpuAtLoad = process.cpuUsage();
const sample = async () => {
  const t = (performance.now() - loadAt) / 1000;
  const mem = await replicas.memory().catch(() => replicas.list.map(() => ({ rssMb: NaN, heapMb: NaN, cpuS: NaN })));
  for (const [i, m] of mem.entries()) memory[i]!.push({ t, ...m });
};
await sample();

const endAt = loadAt + runMs;
const sampler = setInterval(() => void sample(), sampleMs);
const ticker = setInterval(() => {
  const t = ((performance.now() - loadAt) / 1000).toFixed(0);
  progress(
    `${t} s: ${rec.turns} turns, ${rec.errorCount} failed, ${rec.inFlight} in flight, load ${loadavg()[0]!.toFixed(2)}`,
  );
}, 30_000);

const rampMs = Math.min(30_000, runMs / 4);
const plan = (peers: typeof teamsUsers) => ({
  endAt,
  thinkMs: [thinkS[0] * 1000, thinkS[1] * 1000] as [number, number],
  rampMs,
  questions,
  rec,
  peers,
});
progress(`${users} users for ${minutes} min`);
await Promise.all([
  ...teamsUsers.map((u) => runUser(u, teams, plan(teamsUsers))),
  ...slackUsers.map((u) => runUser(u, slack, plan(slackUsers))),
]);
const cpuUsed = process.cpuUsage(cpuAtLoad);
const benchCores = (cpuUsed.user + cpuUsed.system) / 1000 / (performance.now() - loadAt);
clearInterval(ticker);
// What is due goes out on the replicas' own ticks (every 5 s): wait for that (at least one tick, at most
// 60 s) before the end sample, so the audit sees a settled outbox.
const settleUntil = performance.now() + 60_000;
await new Promise((r) => setTimeout(r, 6_000));
while (performance.now() < settleUntil && (await dueCount(replicas.schema.url(), new Date())) > 0) {
  await new Promise((r) => setTimeout(r, 1_000));
}
const stoppedAt = new Date();
clearInterval(sampler);
await sample();
progress('load done; stopping the replicas (SIGTERM)');
const exits = await replicas.stop();
const audits = await auditOutbox(replicas.schema.url(), stoppedAt, {
  teams: teams.arrivals(),
  slack: slack.arrivals(),
});
// SOAK_KEEP_SCHEMA=1 keeps the database for a look afterwards (its name is printed).
if (process.env.SOAK_KEEP_SCHEMA) progress(`schema kept: ${replicas.schema.url()}`);
else await replicas.drop();
await teams.close();
await slack.close();

const cpu = cpus();
const partial: Omit<SoakResult, 'checks'> = {
  machine: {
    cores: cpu.length,
    cpu: cpu[0]?.model ?? 'unknown',
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    load1Start,
    load1End: Number(loadavg()[0]!.toFixed(2)),
  },
  settings: {
    users,
    minutes,
    replicas: replicaCount,
    thinkS,
    checkinS,
    supportS,
    entry: replicas.entry,
  },
  rows: rec.rows(),
  turnErrors: [...rec.errors].map(([category, e]) => ({ category, ...e })),
  stray: teams.stray + slack.stray,
  audits,
  memory: memory.map((samples) => ({ samples, trend: trend(samples, warmupS) })),
  warmupS,
  exits,
  errorLogs: replicas.list.map((r) => ({
    lines: r.errorLines,
    first: r.firstErrorLine,
    warnLines: r.warnLines,
    warnings: r.warnings,
  })),
  wallS: (performance.now() - began) / 1000,
  benchCores,
};
const result: SoakResult = { ...partial, checks: checks(partial) };
const text = renderReport(result);
if (v.json) {
  process.stderr.write(`${text}\n`);
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
} else process.stdout.write(`${text}\n`);
process.exit(result.checks[0]!.pass ? 0 : 1);
