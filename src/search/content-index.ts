// The protocol content index: MiniSearch over (passage × language) documents analysed per language; a question
// is analysed in all four languages, scores are aggregated per passage, and a calibrated confidence decides
// whether to answer (DESIGN §5).
import MiniSearch, { type Options } from 'minisearch';
import type { ContentBase } from '../content/load.ts';
import { LOCALES, type Locale } from '../i18n/locales.ts';
import type { AskHit, AskResult, ContentIndex } from '../ports/content-index.ts';
import { Analyzer, isAcronym, type QuestionWord } from './analyze.ts';
import { missingAnswerTypes } from './answer-type.ts';
import { CompoundSplitter } from './compound.ts';
import { CALIBRATION, type Coverage, confidence, coverage, type WordMatch } from './confidence.ts';
import { analyseCorpus, type Corpus, FIELD_REPEAT, FIELDS, type Field } from './corpus.ts';
import { intentTerms } from './intent.ts';
import { LanguageDetector } from './language.ts';
import { ScopeMarkers } from './scope.ts';
import { seeAlsoFor } from './see-also.ts';
import { Synonyms } from './synonyms.ts';
import { tokenise } from './text.ts';

/** Ranking knobs, fixed by measurement (docs/adr/0002-protocol-search.md). */
export interface Tuning {
  /** How many times each field's terms are repeated in the document (title and keywords weigh more). */
  repeat: Record<Field, number>;
  bm25: { k: number; b: number; d: number };
  /** Weight of a match in the entry title (its topic) against one in the passage itself. */
  topic: number;
  /** Weight of the question's kind (when/who/why/how) matching a title phrased as the same kind of question. */
  intent: number;
  /**
   * Weight of all the evidence (every term in every language version, summed) beside the best evidence per
   * word: it mostly breaks ties between passages that match the same words.
   */
  evidence: number;
}

export const TUNING: Tuning = {
  repeat: { ...FIELD_REPEAT },
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  topic: 0.25,
  intent: 0.5,
  evidence: 0.02,
};

/** A passage's score and the index terms it matched, over its documents in all languages. */
export interface Ranked {
  passage: number;
  score: number;
  terms: Set<string>;
  /** Score of each question word in this passage. */
  perWord: readonly number[];
}

/** Diagnostics of one question (tests, the bench and calibration). */
export interface AskTrace extends AskResult {
  words: string[];
  outOfScope: string[];
  unknownNames: string[];
  coverage?: Coverage;
  /** The question's words against the best passage. */
  matches?: WordMatch[];
  /** The idf of a word found in one passage (the unit of the unknown-word weight). */
  rareIdf?: number;
  /** Answer types the question asks for and the best passage lacks (phone number, e-mail…). */
  missingTypes?: string[];
  score: number;
  ranked: { id: string; score: number; perWord: readonly number[] }[];
}

export interface SearchContentIndex extends ContentIndex {
  trace(question: string, opts?: { locale?: Locale }): AskTrace;
  readonly stats: { passages: number; documents: number; terms: number };
  /** The MiniSearch index as plain data, for the cache (see open.ts). */
  serialise(): unknown;
}

const splitTerms = (s: string): string[] => (s ? s.split(' ') : []);

/**
 * Builds the index. From the cache, `corpus` is the analysed content and `serialised` the MiniSearch index
 * (both made from the same content).
 */
export function buildContentIndex(
  base: ContentBase,
  corpus: Corpus = analyseCorpus(base),
  serialised?: unknown,
  tuning: Tuning = TUNING,
): SearchContentIndex {
  const hits: AskHit[] = base.entries.flatMap((entry) => entry.passages.map((passage) => ({ entry, passage })));
  const byPassageId = new Map(hits.map((h, i) => [h.passage.id, i]));
  const entryById = new Map(base.entries.map((e) => [e.id, e]));
  const splitter = CompoundSplitter.fromJSON(corpus.splitter);
  const analyzer = new Analyzer(splitter, new Synonyms(base.synonyms));
  const scope = new ScopeMarkers(base.outOfScope);
  const vocabulary = {} as Record<Locale, Set<string>>;
  for (const l of LOCALES) vocabulary[l] = new Set(corpus.vocabulary[l]);
  const detector = new LanguageDetector(vocabulary);
  const known = new Set(corpus.known);
  const acronyms = new Set(corpus.acronyms);

  // One field per document: each source field's terms repeated by its weight, so that BM25 saturates a term's
  // frequency over all fields together (summing per-field scores would reward common words found everywhere).
  const allField = (doc: number): string => {
    const d = corpus.docs[doc]!;
    const parts: string[] = [];
    for (const f of FIELDS) for (let i = 0; i < tuning.repeat[f]; i++) if (d.fields[f]) parts.push(d.fields[f]);
    return parts.join(' ');
  };
  const options: Options<{ id: number }> = {
    fields: ['all'],
    extractField: (doc, field) => (field === 'id' ? String(doc.id) : allField(doc.id)),
    tokenize: splitTerms,
    processTerm: (t) => t,
    searchOptions: { tokenize: splitTerms, processTerm: (t) => t },
  };
  let mini: MiniSearch<{ id: number }>;
  if (serialised) mini = MiniSearch.loadJS(serialised as Parameters<typeof MiniSearch.loadJS>[0], options);
  else {
    mini = new MiniSearch(options);
    mini.addAll(corpus.docs.map((_, id) => ({ id })));
  }
  const topicIndex = new MiniSearch<{ id: number }>({
    ...options,
    extractField: (doc, field) => (field === 'id' ? String(doc.id) : corpus.topics[doc.id]!.terms),
  });
  topicIndex.addAll(corpus.topics.map((_, id) => ({ id })));
  const idf = (n: number): number => Math.log(1 + hits.length / (n + 0.5));
  const rareIdf = idf(1);

  /**
   * Each question word counts once per passage: the best score any of its terms (stems in four languages,
   * compound parts, synonym concepts) gets in any of the passage's language versions. A passage's score is the
   * sum over the question's words.
   */
  function rank(words: QuestionWord[], intents: readonly string[]): { ranked: Ranked[]; wordDf: number[] } {
    const owners = new Map<string, number[]>();
    words.forEach((w, i) => {
      for (const t of w.terms) {
        const list = owners.get(t);
        if (list) list.push(i);
        else owners.set(t, [i]);
      }
    });
    const best = new Map<number, { perWord: Float64Array; terms: Set<string>; sum: number }>();
    const topic = new Map<number, { perWord: Float64Array; terms: Set<string> }>();
    const opts = { bm25: tuning.bm25 };
    for (const [term, wordIdx] of owners) {
      for (const r of topicIndex.search(term, opts)) {
        const e = corpus.topics[r.id as number]!.entry;
        let b = topic.get(e);
        if (!b) {
          b = { perWord: new Float64Array(words.length), terms: new Set() };
          topic.set(e, b);
        }
        b.terms.add(term);
        for (const w of wordIdx) if (r.score > b.perWord[w]!) b.perWord[w] = r.score;
      }
      for (const r of mini.search(term, opts)) {
        const p = corpus.docs[r.id as number]!.passage;
        let b = best.get(p);
        if (!b) {
          b = { perWord: new Float64Array(words.length), terms: new Set(), sum: 0 };
          best.set(p, b);
        }
        b.sum += r.score;
        b.terms.add(term);
        for (const w of wordIdx) if (r.score > b.perWord[w]!) b.perWord[w] = r.score;
      }
    }
    const intentScore = new Map<number, number>();
    for (const term of intents) {
      for (const r of mini.search(term, opts)) {
        const p = corpus.docs[r.id as number]!.passage;
        intentScore.set(p, Math.max(intentScore.get(p) ?? 0, tuning.intent * r.score));
      }
    }
    const out: Ranked[] = [];
    const wordDf = words.map(() => 0);
    for (const [passage, b] of best) {
      const t = topic.get(corpus.entryOf[passage]!);
      if (t) {
        for (let w = 0; w < words.length; w++) b.perWord[w] = Math.max(b.perWord[w]!, tuning.topic * t.perWord[w]!);
        for (const term of t.terms) b.terms.add(term);
      }
      let score = (intentScore.get(passage) ?? 0) + tuning.evidence * b.sum;
      b.perWord.forEach((v, w) => {
        score += v;
        if (v > 0) wordDf[w]!++;
      });
      out.push({ passage, score, terms: b.terms, perWord: [...b.perWord] });
    }
    return { ranked: out.sort((x, y) => y.score - x.score), wordDf };
  }

  /**
   * Names the content never uses: abbreviations it does not write ("IVO", "IT"), and capitalised words (not
   * first in the question) it has in no form ("Skåne"). A question about another place, body or system.
   */
  function unknownNamesOf(words: QuestionWord[]): Set<string> {
    const out = new Set<string>();
    for (const w of words) {
      if (isAcronym(w.raw)) {
        if (!acronyms.has(w.raw)) out.add(w.word);
        continue;
      }
      if (w.position === 0 || w.raw === w.word) continue;
      if (known.has(w.word) || splitter.known(w.word) || splitter.split(w.word)) continue;
      out.add(w.word);
    }
    return out;
  }

  function trace(question: string, opts?: { locale?: Locale }): AskTrace {
    const lang = detector.detect(question, opts?.locale ?? 'en');
    const words = analyzer.question(question);
    const outOfScope = scope.find(words, splitter);
    const unknownNames = unknownNamesOf(words);
    const { ranked, wordDf } = rank(words, intentTerms(tokenise(question)));
    const top = ranked[0];
    const base = {
      lang,
      words: words.map((w) => w.word),
      outOfScope,
      unknownNames: [...unknownNames],
      ranked: ranked.slice(0, 5).map((r) => ({ id: hits[r.passage]!.passage.id, score: r.score, perWord: r.perWord })),
    };
    if (!top) return { ...base, answered: false, confidence: 0, score: 0, seeAlso: [] };
    // How specific each word is: the idf of the passages it matches (null: the content never uses it).
    const matches: WordMatch[] = words.map((w, i) => ({
      word: w.word,
      specificity: wordDf[i]! > 0 ? idf(wordDf[i]!) : null,
      matched: [...w.terms].some((t) => top.terms.has(t)),
      name: unknownNames.has(w.word),
    }));
    const cover = coverage(matches, rareIdf);
    const near = confidence(top.score, cover);
    const missingTypes = missingAnswerTypes(matches);
    const conf = outOfScope.length > 0 || missingTypes.length > 0 ? 0 : near;
    const hit = hits[top.passage]!;
    const answered = conf >= CALIBRATION.threshold;
    const result: AskTrace = {
      ...base,
      answered,
      confidence: conf,
      score: top.score,
      coverage: cover,
      matches,
      rareIdf,
      missingTypes,
      seeAlso: [],
    };
    if (answered) {
      result.best = { ...hit, score: top.score };
      result.seeAlso = seeAlsoFor(top, ranked, hits, entryById);
    } else if (hit.entry.contact && near >= CALIBRATION.nearThreshold) {
      result.contact = hit.entry.contact;
    }
    return result;
  }

  return {
    trace,
    ask(question, opts) {
      const t = trace(question, opts);
      const result: AskResult = { answered: t.answered, lang: t.lang, confidence: t.confidence, seeAlso: t.seeAlso };
      if (t.best) result.best = t.best;
      if (t.contact) result.contact = t.contact;
      return result;
    },
    passage(id) {
      const i = byPassageId.get(id);
      return i === undefined ? null : { ...hits[i]! };
    },
    stats: { passages: hits.length, documents: corpus.docs.length, terms: mini.termCount },
    serialise: () => mini.toJSON(),
  };
}
