// Verdicts against the targets and the text table.
import type { TargetResult } from './measure.ts';
import type { StartRun, StartupResult } from './startup.ts';

export const TARGETS = { p50Ratio: 1.5, p99Ms: 50, startupMs: 1500 } as const;

export interface Verdict {
  check: string;
  value: string;
  limit: string;
  pass: boolean;
}

export function verdicts(results: TargetResult[], startup: StartupResult | undefined): Verdict[] {
  const out: Verdict[] = [];
  for (const channel of ['teams', 'slack'] as const) {
    const ours = results.find((r) => r.channel === channel && r.kind === 'ours');
    const base = results.find((r) => r.channel === channel && r.kind === 'baseline');
    if (!ours) continue;
    if (base) {
      const ratio = ours.sequential.latency.p50 / base.sequential.latency.p50;
      out.push({
        check: `${channel}: p50 ours / bare`,
        value: `${ratio.toFixed(2)}x (${ms(ours.sequential.latency.p50)} / ${ms(base.sequential.latency.p50)})`,
        limit: `<= ${TARGETS.p50Ratio}x`,
        pass: ratio <= TARGETS.p50Ratio,
      });
    }
    out.push({
      check: `${channel}: p99 ours`,
      value: ms(ours.sequential.latency.p99),
      limit: `< ${TARGETS.p99Ms} ms`,
      pass: ours.sequential.latency.p99 < TARGETS.p99Ms,
    });
    const errors = ours.sequential.errors + ours.concurrent.errors + (base?.sequential.errors ?? 0);
    if (errors + (base?.concurrent.errors ?? 0) > 0) {
      out.push({ check: `${channel}: failed turns`, value: String(errors), limit: '0', pass: false });
    }
  }
  if (startup) {
    out.push({
      check: 'start-up to ready (existing data dir, median)',
      value: ms(startup.medianReadyMs),
      limit: `< ${TARGETS.startupMs} ms`,
      pass: startup.medianReadyMs < TARGETS.startupMs,
    });
  }
  return out;
}

export function ms(v: number | undefined): string {
  if (v === undefined || Number.isNaN(v)) return '-';
  return `${v < 10 ? v.toFixed(2) : v < 100 ? v.toFixed(1) : Math.round(v)} ms`;
}

export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join(' | ')} |`;
  const rule = `| ${widths.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}

export function renderText(
  results: TargetResult[],
  startup: StartupResult | undefined,
  meta: { n: number; concurrency: number; warmup: number; block: number },
): string {
  const c = meta.concurrency;
  const turns = table(
    ['target', 'p50', 'p95', 'p99', 'max', 'turns/s (1)', `turns/s (${c})`, `p50 @${c}`, `p99 @${c}`],
    results.map((r) => [
      r.name,
      ms(r.sequential.latency.p50),
      ms(r.sequential.latency.p95),
      ms(r.sequential.latency.p99),
      ms(r.sequential.latency.max),
      r.sequential.turnsPerSec.toFixed(0),
      r.concurrent.turnsPerSec.toFixed(0),
      ms(r.concurrent.latency.p50),
      ms(r.concurrent.latency.p99),
    ]),
  );
  const parts = [
    `Turns: ${meta.n} per target one at a time, then ${meta.n} with ${c} in flight, after ${meta.warmup} warm-up turns;` +
      ` baseline and ours alternate in blocks of ${meta.block} (x${c} in flight). Latencies are per turn, end to end.`,
    '',
    turns,
  ];
  if (startup) {
    const starts: [string, StartRun][] = [
      ['first start (empty data dir)', startup.fresh],
      ...startup.runs.map((r, i): [string, StartRun] => [`existing data dir, run ${i + 1}`, r]),
    ];
    parts.push(
      '',
      table(
        ['start-up', 'spawn to ready', 'startServer()', 'store open'],
        starts.map(([label, r]) => [label, ms(r.readyMs), ms(r.startServerMs), ms(r.storeOpenMs)]),
      ),
    );
  }
  const v = verdicts(results, startup);
  parts.push(
    '',
    table(
      ['check', 'measured', 'target', 'result'],
      v.map((x) => [x.check, x.value, x.limit, x.pass ? 'PASS' : 'FAIL']),
    ),
  );
  for (const r of results) {
    for (const p of [r.sequential, r.concurrent]) {
      if (p.errors > 0) parts.push(`${r.name}: ${p.errors} failed turns, first: ${p.firstError}`);
    }
  }
  return parts.join('\n');
}
