// bench/ask: quality and speed of `ivareta ask`, compared in the same run with a plain MiniSearch index.
// Usage: npm run bench:ask
//  - quality: every test/qa/*.jsonl file and ../shared/eval/qa-dev.jsonl, scored like score-qa.mjs;
//  - warm latency per question (p50 / p99 over every question, repeated), index build time;
//  - cold start of `ivareta ask --json` (a new process, median of 3; with the on-disk cache and without).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadContent } from '../../src/content/load.ts';
import { I18n } from '../../src/i18n/i18n.ts';
import type { AskResult } from '../../src/ports/content-index.ts';
import { toJsonAnswer } from '../../src/search/answer.ts';
import { buildContentIndex } from '../../src/search/content-index.ts';
import { analyseCorpus } from '../../src/search/corpus.ts';
import { buildPlainIndex } from './baseline.ts';
import { score, summary } from './evaluate.ts';
import { questionFiles, ROOT, readCases } from './questions.ts';

const REPEAT = 20;
const out = (s = '') => process.stdout.write(`${s}\n`);

const median = (xs: number[]) => quantile(xs, 0.5);
function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
}
const ms = (x: number) => `${x.toFixed(x < 10 ? 3 : 0)} ms`;

const files = questionFiles();
const cases = files.flatMap((f) => readCases(f));
const questions = cases.map((c) => c.q);

// Index build: load + analyse + index, the first (cold) and the median of five more.
let t = performance.now();
const { base } = loadContent();
const loadMs = performance.now() - t;
t = performance.now();
let index = buildContentIndex(base, analyseCorpus(base));
const firstBuild = performance.now() - t;
const builds: number[] = [];
for (let i = 0; i < 5; i++) {
  t = performance.now();
  index = buildContentIndex(base, analyseCorpus(base));
  builds.push(performance.now() - t);
}
t = performance.now();
const plain = buildPlainIndex(base);
const plainBuild = performance.now() - t;

function latency(ask: (q: string) => AskResult): number[] {
  for (const q of questions) ask(q); // warm up
  const times: number[] = [];
  for (let r = 0; r < REPEAT; r++) {
    for (const q of questions) {
      const t0 = performance.now();
      ask(q);
      times.push(performance.now() - t0);
    }
  }
  return times;
}
const ours = latency((q) => index.ask(q));
const theirs = latency((q) => plain.ask(q));

const i18n = new I18n();
const tr = (lang: 'nb' | 'sv' | 'da' | 'en', key: string) => i18n.t(lang, key);

function coldStart(env: NodeJS.ProcessEnv): number[] {
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [join(ROOT, 'bin/ivareta.js'), 'ask', '--json'], {
      input: `${questions[0]}\n`,
      encoding: 'utf8',
      env: { ...process.env, ...env },
    });
    times.push(performance.now() - t0);
    if (r.status !== 0) throw new Error(`ivareta ask failed: ${r.stderr}`);
  }
  return times;
}
const tmp = mkdtempSync(join(tmpdir(), 'ivareta-bench-'));
const coldCached = coldStart({}); // the first run may fill the default cache; the median is warm-cache
const coldNoCache = coldStart({ IVARETA_INDEX_CACHE: 'off' });
rmSync(tmp, { recursive: true, force: true });

out(
  `bench/ask — ${cases.length} questions in ${files.length} files, ${index.stats.passages} passages, ${index.stats.documents} documents`,
);
out();
out('quality (score-qa.mjs rules)');
for (const [name, ask] of [
  ['ivareta (stemming, compounds, synonyms, confidence)', (q: string) => index.ask(q)],
  ['plain minisearch (no stemming or synonyms)', (q: string) => plain.ask(q)],
] as const) {
  out(`  ${name}`);
  for (const f of files) {
    out(`    ${f.split('/').pop()!.padEnd(22)} ${summary(score(readCases(f), (q) => toJsonAnswer(ask(q), tr)))}`);
  }
  out(`    ${'all'.padEnd(22)} ${summary(score(cases, (q) => toJsonAnswer(ask(q), tr)))}`);
}
out();
out('speed');
out(`  content load (YAML + schema)        ${ms(loadMs)}`);
out(`  index build, first (cold)           ${ms(firstBuild)}`);
out(`  index build, median of 5            ${ms(median(builds))}`);
out(`  plain minisearch build              ${ms(plainBuild)}`);
out(`  warm ask p50 / p99 (ivareta)        ${ms(median(ours))} / ${ms(quantile(ours, 0.99))}   (${ours.length} asks)`);
out(`  warm ask p50 / p99 (plain)          ${ms(median(theirs))} / ${ms(quantile(theirs, 0.99))}`);
out(
  `  ivareta ask cold start, cached      ${ms(median(coldCached))}   (median of 3: ${coldCached.map((x) => x.toFixed(0)).join(', ')})`,
);
out(
  `  ivareta ask cold start, no cache    ${ms(median(coldNoCache))}   (median of 3: ${coldNoCache.map((x) => x.toFixed(0)).join(', ')})`,
);
