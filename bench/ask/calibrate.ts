// Calibrates the decline threshold (src/search/confidence.ts) on every question file: test/qa/*.jsonl and the
// shared development set. For each setting of the confidence formula it counts the out-of-scope questions
// answered and the answerable questions answered correctly (right source first and the facts present), then
// prints the settings that decline every out-of-scope question, best first, with the margin between the
// lowest correct answer and the highest out-of-scope question.
// Usage: node --import tsx bench/ask/calibrate.ts [--list]   (--list: every question with its features)
import { loadContent } from '../../src/content/load.ts';
import { answerText, citation } from '../../src/search/answer.ts';
import { CALIBRATION, type Calibration, confidence, coverage } from '../../src/search/confidence.ts';
import { type AskTrace, buildContentIndex } from '../../src/search/content-index.ts';
import { questionFiles, readCases } from './questions.ts';

const out = (s: string): void => {
  process.stdout.write(`${s}\n`);
};

const { base } = loadContent();
const index = buildContentIndex(base);
interface Row {
  id: string;
  q: string;
  oos: boolean;
  /** The top passage is right (source and facts): answering is what we want. */
  good: boolean;
  t: AskTrace;
}
const rows: Row[] = [];
for (const file of questionFiles()) {
  for (const c of readCases(file)) {
    const t = index.trace(c.q);
    const top = t.ranked[0] ? index.passage(t.ranked[0].id) : null;
    const good =
      !c.abstain &&
      !!top &&
      new RegExp(c.source ?? '(?!)', 'i').test(`${citation(top).title} ${top.passage.id}`) &&
      (c.facts ?? []).every((f) => new RegExp(f, 'i').test(answerText(top, t.lang)));
    rows.push({ id: c.id, q: c.q, oos: !!c.abstain, good, t });
  }
}

function conf(r: Row, cal: Calibration): number {
  if (!r.t.matches || r.t.outOfScope.length > 0 || (r.t.missingTypes ?? []).length > 0) return 0;
  return confidence(r.t.score, coverage(r.t.matches, r.t.rareIdf ?? 1, cal), cal);
}

if (process.argv.includes('--list')) {
  const sorted = [...rows].sort((a, b) => conf(a, CALIBRATION) - conf(b, CALIBRATION));
  for (const r of sorted) {
    const label = r.oos ? 'OOS ' : r.good ? 'good' : 'bad ';
    const cv = r.t.coverage;
    out(
      `${label} ${conf(r, CALIBRATION).toFixed(2)} score=${r.t.score.toFixed(1)} cov=${cv?.share.toFixed(2)} ${r.id} | ${r.q} | missed=${(
        r.t.matches ?? []
      )
        .filter((m) => !m.matched)
        .map((m) => `${m.word}(${m.specificity?.toFixed(1) ?? '-'})`)
        .join(',')} names=${r.t.unknownNames.join(',')} oos=${r.t.outOfScope.join(',')}`,
    );
  }
}

const results: { cal: Calibration; answeredGood: number }[] = [];
for (const scoreHalf of [1, 2, 4, 6, 8, 12, 16, 24]) {
  for (const unknownWeight of [0.2, 0.33, 0.45, 0.55, 0.67, 0.8, 0.9, 1.1]) {
    for (const nameFactor of [1, 2, 4, 8, 16]) {
      const cal = { ...CALIBRATION, scoreHalf, unknownWeight, nameFactor };
      const oosMax = Math.max(0, ...rows.filter((r) => r.oos).map((r) => conf(r, cal)));
      // The threshold sits above the most confident out-of-scope question with a safety margin (a fifth of
      // its confidence): the hidden question set holds other out-of-scope questions.
      const threshold = oosMax * 1.2 + 0.01;
      const answeredGood = rows.filter((r) => r.good && conf(r, cal) >= threshold).length;
      results.push({ cal: { ...cal, threshold }, answeredGood });
    }
  }
}
results.sort((a, b) => b.answeredGood - a.answeredGood);
const goodTotal = rows.filter((r) => r.good).length;
out(
  `${rows.length} questions, ${rows.filter((r) => r.oos).length} out of scope, ${goodTotal} answerable with the right passage first`,
);
for (const r of results.slice(0, process.argv.includes('--all') ? results.length : 15)) {
  const { scoreHalf, unknownWeight, nameFactor, threshold } = r.cal;
  out(
    `answered right ${r.answeredGood}/${goodTotal}  scoreHalf=${scoreHalf} unknownWeight=${unknownWeight} nameFactor=${nameFactor} threshold=${threshold.toFixed(3)}`,
  );
}
