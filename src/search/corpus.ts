// Analysis of the whole content base into plain data (documents as analysed terms, vocabulary, known words):
// the costly part of building the index, and what the on-disk cache keeps.
import type { ContentBase } from '../content/load.ts';
import { LOCALES, type Locale } from '../i18n/locales.ts';
import { Analyzer, isAcronym } from './analyze.ts';
import { CompoundSplitter } from './compound.ts';
import { intentTerms } from './intent.ts';
import { ScopeMarkers } from './scope.ts';
import { Synonyms } from './synonyms.ts';
import { tokenise, tokeniseWithCase } from './text.ts';

/**
 * Field weights, as repetitions of the field's terms in the indexed document: a passage's title and keywords
 * say what it answers, the text holds the answer. (The entry title is indexed apart: see `topics`.)
 */
export const FIELD_REPEAT = { title: 4, keywords: 2, text: 1 } as const;
export type Field = keyof typeof FIELD_REPEAT;
export const FIELDS = Object.keys(FIELD_REPEAT) as Field[];

export interface AnalysedDoc {
  /** Index of the passage in content order (entries, then their passages). */
  passage: number;
  lang: Locale;
  /** Each field as its analysed terms joined by spaces. */
  fields: Record<Field, string>;
}

export interface Corpus {
  docs: AnalysedDoc[];
  /**
   * Entry titles (entry × language), indexed apart from the passages: every passage of an entry shares its
   * title, so in the passage documents its words would lose their weight (idf) where they matter most.
   */
  topics: { entry: number; lang: Locale; terms: string }[];
  /** The entry of each passage. */
  entryOf: number[];
  /** Corpus words by the language they are written in (language detection). */
  vocabulary: Record<Locale, string[]>;
  /** Every word the content uses anywhere, sources and synonyms included (tells unknown names). */
  known: string[];
  /** Abbreviations as the content and the synonyms write them ("DNR", "EPJ"). */
  acronyms: string[];
  splitter: { surface: string[]; stems: string[] };
}

export function analyseCorpus(base: ContentBase): Corpus {
  const vocabulary: Record<Locale, Set<string>> = { nb: new Set(), sv: new Set(), da: new Set(), en: new Set() };
  const extra = new Set<string>();
  const acronyms = new Set<string>();
  const collect = (text: string): void => {
    for (const { raw } of tokeniseWithCase(text)) if (isAcronym(raw)) acronyms.add(raw);
  };
  const tokenised: { passage: number; lang: Locale; fields: Record<Field, string[]> }[] = [];
  let p = 0;
  const topics: Corpus['topics'] = [];
  const entryOf: number[] = [];
  base.entries.forEach((entry, e) => {
    for (const lang of LOCALES) {
      const words = tokenise(entry.title[lang]);
      for (const w of words) vocabulary[lang].add(w);
      topics.push({ entry: e, lang, terms: words.join(' ') });
    }
    for (const passage of entry.passages) {
      for (const lang of LOCALES) {
        const fields: Record<Field, string[]> = {
          title: tokenise(passage.title[lang]),
          keywords: (passage.keywords?.[lang] ?? []).flatMap((k) => tokenise(k)),
          text: tokenise(passage.text[lang]),
        };
        tokenised.push({ passage: p, lang, fields });
        for (const f of FIELDS) for (const w of fields[f]) vocabulary[lang].add(w);
      }
      const src = entry.sources[passage.source] ?? entry.sources[0];
      for (const f of [src?.title ?? '', src?.publisher ?? '', passage.section, entry.contact?.en ?? '']) {
        for (const w of tokenise(f)) extra.add(w);
        collect(f);
      }
      for (const lang of LOCALES) {
        for (const f of [passage.title[lang], passage.text[lang], ...(passage.keywords?.[lang] ?? [])]) collect(f);
      }
      entryOf.push(e);
      p++;
    }
  });
  for (const group of base.synonyms) {
    for (const m of group) {
      for (const w of tokenise(m)) extra.add(w);
      collect(m);
    }
  }
  for (const w of new ScopeMarkers(base.outOfScope).vocabulary()) extra.add(w);

  const splitter = new CompoundSplitter({ ...vocabulary, en: [...vocabulary.en, ...extra] });
  const analyzer = new Analyzer(splitter, new Synonyms(base.synonyms));
  const docs = tokenised.map(({ passage, lang, fields }) => {
    const out = {} as Record<Field, string>;
    for (const f of FIELDS) out[f] = analyzer.terms(fields[f], lang).join(' ');
    const intents = intentTerms(fields.title);
    if (intents.length > 0) out.title = `${out.title} ${intents.join(' ')}`;
    return { passage, lang, fields: out };
  });
  const known = new Set(extra);
  for (const l of LOCALES) for (const w of vocabulary[l]) known.add(w);
  for (const t of topics) t.terms = analyzer.terms(t.terms.split(' '), t.lang).join(' ');
  return {
    docs,
    topics,
    entryOf,
    vocabulary: { nb: [...vocabulary.nb], sv: [...vocabulary.sv], da: [...vocabulary.da], en: [...vocabulary.en] },
    known: [...known],
    acronyms: [...acronyms],
    splitter: splitter.toJSON(),
  };
}
