// Confidence of an answer: the BM25 score of the best passage combined with how much of the question it covers.
// The constants are calibrated on every question file (test/qa/*.jsonl and the development set) with
// bench/ask/calibrate.ts: see docs/adr/0002-protocol-search.md. Change them only with a new measurement.

export interface Calibration {
  /** Score at which the BM25 part of the confidence reaches one half. */
  scoreHalf: number;
  /**
   * Weight of a word the content never uses, as a share of the idf of a word found in one passage (so that it
   * scales with the size of the content base).
   */
  unknownWeight: number;
  /** Extra factor for an unknown name (a capitalised word or abbreviation the content never uses). */
  nameFactor: number;
  /** Answer at or above this confidence. */
  threshold: number;
  /** Below the threshold, but at least this: the question is near an entry, so its contact is offered. */
  nearThreshold: number;
}

export const CALIBRATION: Calibration = {
  scoreHalf: 4,
  unknownWeight: 0.67,
  nameFactor: 8,
  threshold: 0.4,
  nearThreshold: 0.25,
};

export interface Coverage {
  /** Share (0–1) of the question's content words the passage matches, each weighted by its specificity. */
  share: number;
  /** Plain share of words matched. */
  words: number;
  matched: string[];
  missed: string[];
}

/** One content word of the question against the best passage. */
export interface WordMatch {
  word: string;
  /** The word's idf in the content (over the passages it matches), or null when the content never uses it. */
  specificity: number | null;
  /** The passage matches one of the word's terms (any language, synonyms and compound parts included). */
  matched: boolean;
  /** A capitalised word or abbreviation the content never uses: the name of another place, body or system. */
  name: boolean;
}

/**
 * The idf-weighted share of the question's words the passage matches: a rare word the passage lacks (one
 * the content has elsewhere) says the question asks about something else; a common one hardly matters; a word
 * the content never uses weighs `unknownWeight`, and many times that when it is a name.
 */
export function coverage(matches: readonly WordMatch[], rareIdf: number, cal: Calibration = CALIBRATION): Coverage {
  const matched: string[] = [];
  const missed: string[] = [];
  let got = 0;
  let all = 0;
  for (const m of matches) {
    const weight = (m.specificity ?? cal.unknownWeight * rareIdf) * (m.name ? cal.nameFactor : 1);
    all += weight;
    if (m.matched) {
      got += weight;
      matched.push(m.word);
    } else missed.push(m.word);
  }
  const n = matches.length;
  return { share: all === 0 ? 0 : got / all, words: n === 0 ? 0 : matched.length / n, matched, missed };
}

/** Confidence in 0–1: weighted coverage times a saturating function of the BM25 score. */
export function confidence(score: number, cover: Coverage, cal: Calibration = CALIBRATION): number {
  return cover.share * (score / (score + cal.scoreHalf));
}
