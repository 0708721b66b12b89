// The analysis pipeline of one language: normalise → tokenise → stop words → stem → compound parts → synonyms.
// Documents are analysed in their own language; a question in all four, so that it meets every document.
import { LOCALES, type Locale } from '../i18n/locales.ts';
import type { CompoundSplitter } from './compound.ts';
import { stem } from './stem.ts';
import { isContentWord } from './stopwords.ts';
import { conceptTerm, type Synonyms } from './synonyms.ts';
import { tokenise, tokeniseWithCase } from './text.ts';

/** A content word of a question with every term it may match in the index. */
export interface QuestionWord {
  word: string;
  /** As typed (case kept), to tell names from ordinary words. */
  raw: string;
  /** Position among all the question's words (stop words included). */
  position: number;
  terms: Set<string>;
}

/** An abbreviation as typed: two or more capitals ("DNR", "IT"), a content word even where it spells a stop word. */
export function isAcronym(raw: string): boolean {
  return /^\p{Lu}[\p{Lu}\d]+$/u.test(raw);
}

export class Analyzer {
  /** Terms of one word (stem, parts, single-word synonyms) per language: words recur, so they are kept. */
  private readonly cache: Record<Locale, Map<string, readonly string[]>> = {
    nb: new Map(),
    sv: new Map(),
    da: new Map(),
    en: new Map(),
  };

  constructor(
    readonly splitter: CompoundSplitter,
    readonly synonyms: Synonyms,
  ) {}

  /** Index terms of a text written in `lang`. */
  terms(text: string | readonly string[], lang: Locale): string[] {
    const tokens = typeof text === 'string' ? tokenise(text) : text;
    const words = tokens.filter(isContentWord);
    return this.wordTerms(words, lang).flatMap((s) => [...s]);
  }

  /** For each (non stop) word, its terms in one language: stem, compound parts' stems and synonym concepts. */
  wordTerms(words: readonly string[], lang: Locale): Set<string>[] {
    const stems = words.map((w) => stem(w, lang));
    const sets = words.map((w) => new Set(this.wordOwnTerms(w, lang)));
    for (let i = 0; i < stems.length; i++) {
      for (const p of this.synonyms.phrasesAt(stems, i, lang)) {
        for (let k = 0; k < p.length; k++) sets[i + k]!.add(conceptTerm(p.group));
      }
    }
    return sets;
  }

  private wordOwnTerms(word: string, lang: Locale): readonly string[] {
    const cache = this.cache[lang];
    let terms = cache.get(word);
    if (terms) return terms;
    const s = stem(word, lang);
    const set = new Set([s]);
    for (const g of this.synonyms.ofStem(s, lang)) set.add(conceptTerm(g));
    for (const part of this.splitter.split(word) ?? []) {
      const ps = stem(part, lang);
      set.add(ps);
      for (const g of this.synonyms.ofStem(ps, lang)) set.add(conceptTerm(g));
    }
    terms = [...set];
    if (cache.size < 50_000) cache.set(word, terms);
    return terms;
  }

  /** A question's content words, each with its terms from all four languages' pipelines. */
  question(text: string): QuestionWord[] {
    const all = tokeniseWithCase(text);
    const content = all
      .map((t, position) => ({ ...t, position }))
      .filter((t) => isContentWord(t.word) || isAcronym(t.raw));
    const words = content.map((t) => t.word);
    const out: QuestionWord[] = content.map((t) => ({ ...t, terms: new Set<string>() }));
    for (const lang of LOCALES) {
      this.wordTerms(words, lang).forEach((set, i) => {
        for (const term of set) out[i]!.terms.add(term);
      });
    }
    return out;
  }
}
