// Drives the targets of one channel (the bare baseline and ours): warm-up, N turns one at a time
// (latency percentiles and turns/s), then N turns with `concurrency` in flight (turns/s, and the
// latency under that load). The targets take turns in blocks (baseline block, our block, …), so a
// change in the machine's load during the run touches both alike and the ratio stays fair.
import type { Target } from './targets.ts';
import { keepAliveAgent } from './wire.ts';

export interface Stats {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface PhaseResult {
  turns: number;
  errors: number;
  firstError?: string;
  /** Sum of the blocks' wall times (the other target's blocks are not counted). */
  elapsedMs: number;
  turnsPerSec: number;
  latency: Stats;
}

export interface TargetResult {
  name: string;
  channel: Target['channel'];
  kind: Target['kind'];
  sequential: PhaseResult;
  concurrent: PhaseResult & { concurrency: number };
}

export interface MeasureOptions {
  n: number;
  warmup: number;
  concurrency: number;
  /** Turns per block before the next target's block (default 50). */
  block?: number;
  progress: (line: string) => void;
}

/** Nearest-rank percentile of sorted values. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function stats(latencies: number[]): Stats {
  const sorted = [...latencies].sort((a, b) => a - b);
  const sum = sorted.reduce((a, b) => a + b, 0);
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
    mean: sorted.length ? sum / sorted.length : Number.NaN,
  };
}

/** What one target accumulates over its blocks of a phase. */
class Tally {
  latencies: number[] = [];
  errors = 0;
  firstError: string | undefined;
  elapsedMs = 0;
  /** The next turn index: unique per target over the whole run (activity and event ids). */
  constructor(public next: number) {}

  result(): PhaseResult {
    const turns = this.latencies.length + this.errors;
    return {
      turns,
      errors: this.errors,
      firstError: this.firstError,
      elapsedMs: this.elapsedMs,
      turnsPerSec: (turns / this.elapsedMs) * 1000,
      latency: stats(this.latencies),
    };
  }
}

/** Runs `count` turns of `target` with `concurrency` workers (1 = one at a time) into `tally`. */
async function block(target: Target, tally: Tally, count: number, concurrency: number): Promise<void> {
  const agent = keepAliveAgent(concurrency);
  const end = tally.next + count;
  const worker = async () => {
    while (tally.next < end) {
      const go = target.prepare(tally.next++, agent);
      const t0 = performance.now();
      try {
        await go();
        tally.latencies.push(performance.now() - t0);
      } catch (e) {
        tally.errors++;
        tally.firstError ??= (e as Error).message;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  tally.elapsedMs += performance.now() - started;
  agent.destroy();
}

/** One phase for every target, in alternating blocks; returns one result per target. */
async function phase(targets: Target[], next: number[], o: MeasureOptions, concurrency: number) {
  const tallies = targets.map((_, k) => new Tally(next[k]!));
  const size = Math.max(1, o.block ?? 50) * concurrency;
  for (let done = 0; done < o.n; done += size) {
    for (const [k, target] of targets.entries()) {
      await block(target, tallies[k]!, Math.min(size, o.n - done), concurrency);
    }
  }
  for (const [k, target] of targets.entries()) {
    next[k] = tallies[k]!.next;
    assertClean(target);
    target.reset();
  }
  return tallies.map((t) => t.result());
}

export async function measure(targets: Target[], o: MeasureOptions): Promise<TargetResult[]> {
  const next = targets.map(() => 0);
  for (const [k, target] of targets.entries()) {
    o.progress(`${target.name}: warm-up (${o.warmup} turns)`);
    const warm = new Tally(0);
    await block(target, warm, o.warmup, 1);
    if (warm.errors > 0) throw new Error(`${target.name}: warm-up failed: ${warm.firstError}`);
    next[k] = warm.next;
    assertClean(target);
    target.reset();
  }
  const names = targets.map((t) => t.name).join(' / ');
  o.progress(`${names}: ${o.n} turns each, one at a time`);
  const sequential = await phase(targets, next, o, 1);
  o.progress(`${names}: ${o.n} turns each, ${o.concurrency} in flight`);
  const concurrent = await phase(targets, next, o, o.concurrency);
  return targets.map((t, k) => ({
    name: t.name,
    channel: t.channel,
    kind: t.kind,
    sequential: sequential[k]!,
    concurrent: { ...concurrent[k]!, concurrency: o.concurrency },
  }));
}

/** The answers were the expected ones, one per turn: otherwise the figures would mean nothing. */
function assertClean(target: Target): void {
  const problem = target.check();
  if (problem) throw new Error(`${target.name}: ${problem}`);
}
