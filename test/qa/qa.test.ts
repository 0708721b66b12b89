// Every question in test/qa/*.jsonl and the shared development set (../shared/eval/qa-dev.jsonl, when present)
// through the content index, scored like ../shared/eval/score-qa.mjs with the brief's thresholds: the right
// source first for ≥ 95% of answerable questions, the facts for ≥ 90%, every out-of-scope question declined.
import { basename } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { passes, type Score, score, summary, TARGET, TOPIC_FLOOR } from '../../bench/ask/evaluate.ts';
import { questionFiles, readCases } from '../../bench/ask/questions.ts';
import { I18n } from '../../src/i18n/i18n.ts';
import { type JsonAnswer, toJsonAnswer } from '../../src/search/answer.ts';
import type { SearchContentIndex } from '../../src/search/content-index.ts';
import { openContentIndex } from '../../src/search/open.ts';

let index: SearchContentIndex;
let answer: (q: string) => JsonAnswer;

beforeAll(async () => {
  index = (await openContentIndex({ cacheDir: null })).index;
  const i18n = new I18n();
  answer = (q) => toJsonAnswer(index.ask(q), (lang, key, values) => i18n.t(lang, key, values));
});

function report(name: string, s: Score): string {
  return `${name}: ${summary(s)}\n  misses: ${s.misses.join(' ') || 'none'}`;
}

const files = questionFiles();

describe('protocol Q&A quality', () => {
  it('has question files', () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const file of files) {
    const target = basename(file) === 'qa-dev.jsonl' ? TARGET : TOPIC_FLOOR;
    it(`${basename(file)}: source@1 ≥ ${target.source * 100}%, facts ≥ ${target.facts * 100}%, all out-of-scope declined`, () => {
      const s = score(readCases(file), answer);
      // The misses are in the failure message (and printed when the thresholds do not hold).
      if (!passes(s, target)) console.error(report(basename(file), s));
      expect(passes(s, target), report(basename(file), s)).toBe(true);
    });
  }

  it('all files together', () => {
    const s = score(
      files.flatMap((f) => readCases(f)),
      answer,
    );
    expect(passes(s), report('all', s)).toBe(true);
  });
});
