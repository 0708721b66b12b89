// The soak bench's memory verdict (bench/soak/stats.ts) and its reading of /metrics (replicas.ts):
// a leak shows as growth, a saw-tooth heap with a flat floor does not, and warm-up is left out.
import { describe, expect, it } from 'vitest';
import { memoryOf } from '../../bench/soak/replicas.ts';
import { type MemSample, median, slope, trend } from '../../bench/soak/stats.ts';

/** One sample every 10 s for `minutes`, from f(t in s). */
const series = (minutes: number, f: (t: number) => [number, number]): MemSample[] =>
  Array.from({ length: minutes * 6 + 1 }, (_, k) => {
    const [rssMb, heapMb] = f(k * 10);
    return { t: k * 10, rssMb, heapMb, cpuS: k };
  });

describe('soak memory trend', () => {
  it('sees no growth in a saw-tooth heap whose floor stays put, whatever the warm-up did', () => {
    // Warm-up: RSS climbs from 120 to 180 MB in the first minute; then a GC saw-tooth of 60 to 90 MB.
    const s = series(10, (t) => [t < 60 ? 120 + t : 180 + (t % 20 === 0 ? 2 : -2), 60 + ((t / 10) % 4) * 10]);
    const r = trend(s, 60);
    expect(r.verdict).toBe('no growth');
    expect(r.heap).toEqual([60, 60]);
    expect(Math.abs(r.heapSlope)).toBeLessThan(1);
  });

  it('sees growth when the heap floor climbs 3 MB a minute, though RSS stays flat', () => {
    const s = series(10, (t) => [200, 50 + (t / 60) * 3 + ((t / 10) % 3) * 8]);
    const r = trend(s, 60);
    expect(r.verdict).toBe('growth');
    expect(r.heapSlope).toBeGreaterThan(2.5);
    expect(r.heap[1] - r.heap[0]).toBeGreaterThan(5);
  });

  it('sees growth in RSS alone (native memory) beyond 10 % and 15 MB', () => {
    expect(
      trend(
        series(10, (t) => [200 + (t / 60) * 8, 60]),
        60,
      ).verdict,
    ).toBe('growth');
    // +12 MB over the run is below both thresholds: noise, not a trend.
    expect(
      trend(
        series(10, (t) => [200 + (t / 600) * 12, 60]),
        60,
      ).verdict,
    ).toBe('no growth');
  });

  it('will not judge fewer than two samples per half', () => {
    expect(
      trend(
        series(1, () => [100, 50]),
        45,
      ).verdict,
    ).toBe('too short');
  });

  it('median and slope', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
    expect(
      slope([
        [0, 1],
        [1, 3],
        [2, 5],
      ]),
    ).toBeCloseTo(2);
    expect(slope([[1, 1]])).toBeNaN();
  });

  it('reads RSS and used heap from the prefixed default metrics', () => {
    const text = [
      '# HELP ivareta_process_resident_memory_bytes Resident memory size in bytes.',
      'ivareta_process_resident_memory_bytes 209715200',
      'ivareta_nodejs_heap_size_used_bytes 52428800',
      'ivareta_nodejs_heap_space_size_used_bytes{space="old"} 1',
      'ivareta_process_cpu_seconds_total 12.5',
    ].join('\n');
    expect(memoryOf(text)).toEqual({ rssMb: 200, heapMb: 50, cpuS: 12.5 });
  });
});
