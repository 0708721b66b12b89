// `npm run bench:turn [-- --n 500 --concurrency 8 --warmup 50 --startup-runs 3 --no-startup --json]`
// Message turns through the full HTTP path, the product against bare SDK baselines, in one run:
// Teams (ours vs a bare botbuilder CloudAdapter echo bot) and Slack (ours vs a bare Bolt echo app),
// then start-up to ready on an existing data dir. Figures and method: docs/performance.md.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { measure, type TargetResult } from './measure.ts';
import { renderText, verdicts } from './report.ts';
import { measureStartup, type StartupResult } from './startup.ts';
import { bareSlack, bareTeams, oursSlack, oursTeams, type Target, USERS } from './targets.ts';

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '500' },
    concurrency: { type: 'string', default: '8' },
    warmup: { type: 'string', default: '50' },
    'startup-runs': { type: 'string', default: '3' },
    'no-startup': { type: 'boolean', default: false },
    only: { type: 'string' },
    json: { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  process.stdout.write(
    [
      'npm run bench:turn -- [options]',
      '  --n N               turns per target and phase (default 500)',
      '  --concurrency C     turns in flight for the throughput phase (default 8)',
      '  --warmup W          warm-up turns per target, not measured (default 50)',
      '  --startup-runs R    timed starts on an existing data dir (default 3; median reported)',
      '  --no-startup        skip the start-up measurement',
      '  --only teams|slack  one channel only',
      '  --json              JSON on stdout (the table goes to stderr)',
      '',
    ].join('\n'),
  );
  process.exit(0);
}

const count = (name: string, v: string | undefined, min: number): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) {
    process.stderr.write(`--${name} must be an integer >= ${min}\n`);
    process.exit(2);
  }
  return n;
};
const n = count('n', values.n, 1);
const concurrency = count('concurrency', values.concurrency, 1);
const warmup = count('warmup', values.warmup, 1);
const startupRuns = count('startup-runs', values['startup-runs'], 1);
const json = values.json;
const only = values.only;
if (only !== undefined && only !== 'teams' && only !== 'slack') {
  process.stderr.write('--only must be teams or slack\n');
  process.exit(2);
}

/** Turns per block before the other target's block (times the concurrency in the throughput phase). */
const BLOCK = 50;
const progress = (line: string) => process.stderr.write(`· ${line}\n`);

// Per channel, the bare baseline and ours are both up and take turns in blocks (see measure.ts);
// one channel at a time, so the other channel's servers are not in the process meanwhile.
const plan: [Target['channel'], (() => Promise<Target>)[]][] = [
  ['teams', [bareTeams, oursTeams]],
  ['slack', [bareSlack, oursSlack]],
];

const began = performance.now();
const loadAtStart = loadavg()[0]!;
const results: TargetResult[] = [];
for (const [channel, starts] of plan) {
  if (only && only !== channel) continue;
  const targets: Target[] = [];
  try {
    for (const start of starts) targets.push(await start());
    results.push(...(await measure(targets, { n, warmup, concurrency, block: BLOCK, progress })));
  } finally {
    for (const t of targets) await t.close();
  }
}

let startup: StartupResult | undefined;
if (!values['no-startup']) startup = await measureStartup(startupRuns, progress);

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  loadavg1AtStart: Number(loadAtStart.toFixed(2)),
  loadavg1AtEnd: Number(loadavg()[0]!.toFixed(2)),
};
const meta = { n, concurrency, warmup, block: BLOCK, users: USERS };
const text = [
  `Machine: ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, ${machine.platform}; 1-min load average ${machine.loadavg1AtStart} at the start, ${machine.loadavg1AtEnd} at the end.`,
  renderText(results, startup, meta),
  `Whole run: ${((performance.now() - began) / 1000).toFixed(1)} s.`,
].join('\n');

const checks = verdicts(results, startup);
if (json) {
  process.stderr.write(`${text}\n`);
  process.stdout.write(`${JSON.stringify({ machine, meta, results, startup, checks }, null, 2)}\n`);
} else {
  process.stdout.write(`${text}\n`);
}
// The verdicts are reported, not enforced: the exit code says whether the bench itself ran cleanly.
const failedTurns = results.some((r) => r.sequential.errors + r.concurrent.errors > 0);
process.exit(failedTurns ? 1 : 0);
