// Summarises a V8 .cpuprofile (from `node --cpu-prof`): self time by package or source file, and the
// heaviest functions, to see where a turn or a start-up spends its time.
// `node --import tsx bench/turn/cpuprofile.ts <file.cpuprofile> [--top 25] [--since-ms 0] [--until-ms inf]`
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const ROOT_URL = pathToFileURL(fileURLToPath(new URL('../../', import.meta.url))).href;

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** A bucket for a script URL: an npm package, a source folder, node internals, or a V8 pseudo-frame. */
export function bucketOf(url: string, fn: string): string {
  if (!url) return `(${fn || 'native'})`;
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : (rest[0] ?? url);
  }
  if (url.startsWith('node:')) return 'node:internal';
  if (url.startsWith(ROOT_URL)) {
    const parts = url.slice(ROOT_URL.length).split('/');
    return parts.length > 2 ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  return url;
}

export function summarise(p: Profile, sinceMs = 0, untilMs = Number.POSITIVE_INFINITY) {
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const self = new Map<number, number>();
  let t = 0;
  for (let i = 0; i < p.samples.length; i++) {
    t += p.timeDeltas[i]! / 1000;
    if (t < sinceMs || t > untilMs) continue;
    const dt = (p.timeDeltas[i + 1] ?? 0) / 1000;
    self.set(p.samples[i]!, (self.get(p.samples[i]!) ?? 0) + dt);
  }
  const buckets = new Map<string, number>();
  const fns = new Map<string, number>();
  let total = 0;
  for (const [id, ms] of self) {
    const n = byId.get(id)!;
    const { url, functionName, lineNumber } = n.callFrame;
    const b = bucketOf(url, functionName);
    buckets.set(b, (buckets.get(b) ?? 0) + ms);
    const key = `${functionName || '(anonymous)'} ${url.replace(/^.*node_modules\//, '').replace(ROOT_URL, '')}:${lineNumber + 1}`;
    fns.set(key, (fns.get(key) ?? 0) + ms);
    total += ms;
  }
  const sort = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]);
  return { totalMs: total, wallMs: (p.endTime - p.startTime) / 1000, buckets: sort(buckets), functions: sort(fns) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { top: { type: 'string', default: '25' }, 'since-ms': { type: 'string' }, 'until-ms': { type: 'string' } },
  });
  const file = positionals[0];
  if (!file) throw new Error('usage: cpuprofile.ts <file.cpuprofile>');
  const top = Number(values.top);
  const s = summarise(
    JSON.parse(readFileSync(file, 'utf8')) as Profile,
    Number(values['since-ms'] ?? 0),
    Number(values['until-ms'] ?? Number.POSITIVE_INFINITY),
  );
  const pct = (ms: number) => `${ms.toFixed(0).padStart(6)} ms ${((100 * ms) / s.totalMs).toFixed(1).padStart(5)}%`;
  process.stdout.write(
    `wall ${s.wallMs.toFixed(0)} ms, sampled ${s.totalMs.toFixed(0)} ms\n\nself time by package / folder:\n`,
  );
  for (const [b, ms] of s.buckets.slice(0, top)) process.stdout.write(`${pct(ms)}  ${b}\n`);
  process.stdout.write('\nheaviest functions (self):\n');
  for (const [f, ms] of s.functions.slice(0, top)) process.stdout.write(`${pct(ms)}  ${f}\n`);
}
