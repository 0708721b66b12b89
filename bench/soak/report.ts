// The markdown report: settings, turns per kind, errors, proactive messages, memory and the verdicts.
import { ms, table } from '../turn/report.ts';
import type { ChannelAudit } from './audit.ts';
import type { KindRow, MemSample, Trend } from './stats.ts';
import { GROWTH } from './stats.ts';

export interface SoakResult {
  machine: { cores: number; cpu: string; node: string; platform: string; load1Start: number; load1End: number };
  settings: {
    users: number;
    minutes: number;
    replicas: number;
    thinkS: [number, number];
    checkinS: number;
    supportS: number;
    entry: string;
  };
  rows: KindRow[];
  turnErrors: { category: string; count: number; examples: string[] }[];
  stray: number;
  audits: ChannelAudit[];
  /** Per replica: samples (t in s since the load began), and the trend after the warm-up. */
  memory: { samples: MemSample[]; trend: Trend }[];
  warmupS: number;
  exits: (number | null)[];
  errorLogs: { lines: number; first?: string; warnLines: number; warnings: string[] }[];
  /** pass null: not judged (a run too short for a memory trend). */
  checks: { check: string; value: string; limit: string; pass: boolean | null }[];
  wallS: number;
  /** The load generator's own CPU (this process: users, drivers, fakes), average cores over the load. */
  benchCores: number;
}

/** Every failure that counts against "errors = 0". */
export function errorTotal(r: Omit<SoakResult, 'checks'>): number {
  const turns = r.turnErrors.reduce((s, e) => s + e.count, 0);
  // Overdue: due a minute or more before the outbox settled, never sent (as good as lost for the person).
  const proactive = r.audits.reduce((s, a) => s + a.lost + a.doubled + a.overdue + (a.byStatus.dead ?? 0), 0);
  const exits = r.exits.filter((c) => c !== 0).length;
  return turns + r.stray + proactive + exits;
}

export function checks(r: Omit<SoakResult, 'checks'>): SoakResult['checks'] {
  const errors = errorTotal(r);
  const growth = r.memory.map((m, i) => `r${i}: ${m.trend.verdict}`).join(', ');
  const logs = r.errorLogs.reduce((s, l) => s + l.lines, 0);
  return [
    { check: 'errors', value: String(errors), limit: '0', pass: errors === 0 },
    {
      check: 'memory trend after warm-up',
      value: growth,
      limit: 'no growth',
      pass: r.memory.some((m) => m.trend.verdict === 'growth')
        ? false
        : r.memory.every((m) => m.trend.verdict === 'no growth')
          ? true
          : null,
    },
    { check: 'error lines in the replicas’ logs', value: String(logs), limit: '0', pass: logs === 0 },
  ];
}

/** Average cores a replica used from the first sample to the last. */
function cores(samples: MemSample[]): number {
  const a = samples[0];
  const b = samples.at(-1);
  return a && b && b.t > a.t ? (b.cpuS - a.cpuS) / (b.t - a.t) : Number.NaN;
}

const mb = (v: number) => (Number.isNaN(v) ? '-' : v.toFixed(0));

export function renderReport(r: SoakResult): string {
  const s = r.settings;
  const m = r.machine;
  const out: string[] = [
    `Machine: ${m.cores} cores (${m.cpu}), Node ${m.node}, ${m.platform}; 1-min load average ${m.load1Start} at the start, ${m.load1End} at the end.`,
    `Settings: ${s.users} users (half Teams, half Slack), ${s.minutes} min, ${s.replicas} replicas (\`${s.entry}\`) on PostgreSQL; ` +
      `think time ${s.thinkS[0]}–${s.thinkS[1]} s; first check-in ${s.checkinS} s after registering, support step due after ` +
      `${s.supportS} s, working time around the clock. Whole run ${r.wallS.toFixed(0)} s; the load generator and the fakes used ${r.benchCores.toFixed(2)} cores.`,
    '',
    table(
      ['kind', 'channel', 'turns', 'errors', 'p50', 'p99', 'max'],
      r.rows.map((x) => [x.kind, x.channel, String(x.count), String(x.errors), ms(x.p50), ms(x.p99), ms(x.max)]),
    ),
    '',
    table(
      ['proactive', 'sent (outbox)', 'arrived', 'lost', 'doubled', 'dead', 'pending', 'overdue at stop', 'cancelled'],
      r.audits.map((a) => [
        a.channel,
        String(a.byStatus.sent ?? 0),
        String(a.arrived),
        String(a.lost),
        String(a.doubled),
        String(a.byStatus.dead ?? 0),
        String(a.byStatus.pending ?? 0),
        String(a.overdue),
        String(a.byStatus.cancelled ?? 0),
      ]),
    ),
    '',
    ...r.audits.map(
      (a) =>
        `Sent to ${a.channel} by kind: ${Object.entries(a.sentByKind)
          .sort((x, y) => y[1] - x[1])
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}.`,
    ),
    '',
    memoryTable(r),
    '',
    table(
      [
        'replica',
        'CPU',
        'RSS 1st half → 2nd',
        'heap min 1st → 2nd',
        'RSS slope',
        'heap slope',
        'trend',
        'exit',
        'error logs',
      ],
      r.memory.map((x, i) => [
        `r${i}`,
        `${cores(x.samples).toFixed(2)} cores`,
        `${mb(x.trend.rss[0])} → ${mb(x.trend.rss[1])} MB`,
        `${mb(x.trend.heap[0])} → ${mb(x.trend.heap[1])} MB`,
        `${x.trend.rssSlope.toFixed(2)} MB/min`,
        `${x.trend.heapSlope.toFixed(2)} MB/min`,
        x.trend.verdict,
        String(r.exits[i]),
        String(r.errorLogs[i]?.lines ?? 0),
      ]),
    ),
    '',
    `Trend: samples after the first ${r.warmupS} s, split in halves; growth = the second half above the first by more than ` +
      `${GROWTH.share * 100} % and ${GROWTH.rssMb} MB (RSS, medians) or ${GROWTH.heapMb} MB (heap, minima: the live set after GC).`,
    '',
    table(
      ['check', 'measured', 'target', 'result'],
      r.checks.map((c) => [c.check, c.value, c.limit, c.pass === null ? 'n/a' : c.pass ? 'PASS' : 'FAIL']),
    ),
  ];
  const problems: string[] = [];
  for (const e of r.turnErrors) problems.push(`${e.count} turns failed (${e.category}), e.g. ${e.examples.join('; ')}`);
  if (r.stray)
    problems.push(`${r.stray} replies outside a turn (Teams) or error texts posted after the answer (Slack)`);
  for (const a of r.audits) {
    if (a.doubled) problems.push(`${a.channel}: doubled: ${a.examples.join('; ')}`);
    if (a.overdue)
      problems.push(`${a.channel}: ${a.overdue} messages overdue at the stop (${a.overdueKinds.join(', ')})`);
    if (a.unmatched)
      problems.push(`${a.channel}: ${a.unmatched} proactive messages to recipients the bench does not know`);
  }
  for (const [i, l] of r.errorLogs.entries())
    if (l.first) problems.push(`r${i} logged ${l.lines} errors, first: ${l.first}`);
  if (problems.length) out.push('', ...problems.map((p) => `- ${p}`));
  return out.join('\n');
}

/** RSS / heap per replica at the start, at each minute of load, and at the end. */
function memoryTable(r: SoakResult): string {
  const marks: [string, number][] = [['start', -Infinity]];
  for (let min = 1; min <= r.settings.minutes; min++) marks.push([`${min} min`, min * 60]);
  marks.push(['end', Infinity]);
  const at = (samples: MemSample[], label: string, t: number) =>
    label === 'start' ? samples[0] : label === 'end' ? samples.at(-1) : samples.filter((x) => x.t <= t).at(-1);
  return table(
    ['memory (MB)', ...r.memory.flatMap((_, i) => [`r${i} RSS`, `r${i} heap`])],
    marks.map(([label, t]) => [
      label,
      ...r.memory.flatMap((x) => {
        const s = at(x.samples, label, t);
        return [mb(s?.rssMb ?? Number.NaN), mb(s?.heapMb ?? Number.NaN)];
      }),
    ]),
  );
}
