// The figures: turns per kind and channel (count, p50, p99, max), the failed turns by category with a
// few examples, and the memory trend verdict per replica.
import { percentile } from '../turn/measure.ts';
import { CHANNELS, type Channel, KINDS, type Kind, type TurnError } from './sim.ts';

export interface KindRow {
  kind: Kind | 'all';
  channel: Channel | 'both';
  count: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
}

export class Recorder {
  private readonly ms = new Map<string, number[]>();
  private readonly failed = new Map<string, number>();
  readonly errors = new Map<TurnError['category'], { count: number; examples: string[] }>();
  /** Turns begun and not yet ended (shown in progress lines; 0 at the end). */
  inFlight = 0;
  turns = 0;

  ok(kind: Kind, channel: Channel, ms: number): void {
    const key = `${kind} ${channel}`;
    const list = this.ms.get(key) ?? [];
    list.push(ms);
    this.ms.set(key, list);
    this.turns++;
  }

  error(kind: Kind, channel: Channel, e: TurnError): void {
    const key = `${kind} ${channel}`;
    this.failed.set(key, (this.failed.get(key) ?? 0) + 1);
    const bucket = this.errors.get(e.category) ?? { count: 0, examples: [] };
    bucket.count++;
    if (bucket.examples.length < 5) bucket.examples.push(`${channel} ${kind}: ${e.message}`);
    this.errors.set(e.category, bucket);
    this.turns++;
  }

  get errorCount(): number {
    return [...this.errors.values()].reduce((s, e) => s + e.count, 0);
  }

  rows(): KindRow[] {
    const row = (kind: KindRow['kind'], channel: KindRow['channel'], keys: string[]): KindRow => {
      const all = keys.flatMap((k) => this.ms.get(k) ?? []).sort((a, b) => a - b);
      const errors = keys.reduce((s, k) => s + (this.failed.get(k) ?? 0), 0);
      return {
        kind,
        channel,
        count: all.length + errors,
        errors,
        p50: percentile(all, 50),
        p99: percentile(all, 99),
        max: all.at(-1) ?? Number.NaN,
      };
    };
    const out: KindRow[] = [];
    for (const kind of KINDS) {
      for (const channel of CHANNELS) {
        const r = row(kind, channel, [`${kind} ${channel}`]);
        if (r.count > 0) out.push(r);
      }
    }
    for (const channel of CHANNELS)
      out.push(
        row(
          'all',
          channel,
          KINDS.map((k) => `${k} ${channel}`),
        ),
      );
    return out;
  }
}

export interface MemSample {
  /** Seconds since the load started (negative: before it). */
  t: number;
  rssMb: number;
  heapMb: number;
  /** CPU seconds used since the process started (user + system). */
  cpuS: number;
}

export interface Trend {
  /** Post-warm-up samples, split in two halves: RSS median and heap minimum (after GC, the live set) of each. */
  rss: [number, number];
  heap: [number, number];
  /** Least-squares slope over the post-warm-up samples, MB per minute. */
  rssSlope: number;
  heapSlope: number;
  verdict: 'no growth' | 'growth' | 'too short';
}

/** Growth beyond this share and these MB from the first half to the second counts as a trend. */
export const GROWTH = { share: 0.1, rssMb: 15, heapMb: 5 } as const;

/**
 * The memory trend of one replica: samples before `warmupS` are left out (JIT, caches, pools filling),
 * the rest (at least `minSpanS` of it, else too short to judge) split in halves. Heap is compared by each half's minimum, because a sample between two
 * collections carries garbage; RSS by the median. Growth in either is a trend (the heap: objects kept;
 * RSS alone: native memory, buffers).
 */
export function trend(samples: MemSample[], warmupS: number, minSpanS = 120): Trend {
  const after = samples.filter((s) => s.t >= warmupS);
  const span = (after.at(-1)?.t ?? 0) - (after[0]?.t ?? 0);
  const half = Math.floor(after.length / 2);
  const first = after.slice(0, half);
  const second = after.slice(after.length - half);
  const rss: [number, number] = [median(first.map((s) => s.rssMb)), median(second.map((s) => s.rssMb))];
  const heap: [number, number] = [Math.min(...first.map((s) => s.heapMb)), Math.min(...second.map((s) => s.heapMb))];
  const grew = ([a, b]: [number, number], mb: number) => b - a > Math.max(mb, a * GROWTH.share);
  const verdict =
    half < 2 || span < minSpanS
      ? 'too short'
      : grew(rss, GROWTH.rssMb) || grew(heap, GROWTH.heapMb)
        ? 'growth'
        : 'no growth';
  return {
    rss,
    heap,
    rssSlope: slope(after.map((s) => [s.t / 60, s.rssMb])),
    heapSlope: slope(after.map((s) => [s.t / 60, s.heapMb])),
    verdict,
  };
}

export function median(xs: number[]): number {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Least-squares slope of y over x. */
export function slope(points: [number, number][]): number {
  const n = points.length;
  if (n < 2) return Number.NaN;
  const mx = points.reduce((s, [x]) => s + x, 0) / n;
  const my = points.reduce((s, [, y]) => s + y, 0) / n;
  const sxx = points.reduce((s, [x]) => s + (x - mx) ** 2, 0);
  const sxy = points.reduce((s, [x, y]) => s + (x - mx) * (y - my), 0);
  return sxx === 0 ? Number.NaN : sxy / sxx;
}
