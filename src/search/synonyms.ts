// Synonym groups (content/synonyms.yaml): words and phrases in any language that mean the same for search.
// Each group becomes a concept term added beside the words, in documents and questions alike.
import { LOCALES, type Locale } from '../i18n/locales.ts';
import { stem } from './stem.ts';
import { ANY_STOP_WORD } from './stopwords.ts';
import { tokenise } from './text.ts';

/** The term a synonym group adds: not a word (normalised words have no "_"). */
export const conceptTerm = (group: number): string => `_syn${group}`;

interface Phrase {
  stems: string[];
  group: number;
}

export class Synonyms {
  private readonly single: Record<Locale, Map<string, number[]>> = {
    nb: new Map(),
    sv: new Map(),
    da: new Map(),
    en: new Map(),
  };
  /** Phrases by their first stem. */
  private readonly phrases: Record<Locale, Map<string, Phrase[]>> = {
    nb: new Map(),
    sv: new Map(),
    da: new Map(),
    en: new Map(),
  };

  constructor(readonly groups: string[][]) {
    groups.forEach((members, group) => {
      for (const member of members) {
        const words = tokenise(member).filter((w) => !ANY_STOP_WORD.has(w));
        if (words.length === 0) continue;
        for (const l of LOCALES) {
          const stems = words.map((w) => stem(w, l));
          if (stems.length === 1) push(this.single[l], stems[0]!, group);
          else push(this.phrases[l], stems[0]!, { stems, group });
        }
      }
    });
  }

  /** Groups a single stem belongs to in language `lang`. */
  ofStem(s: string, lang: Locale): readonly number[] {
    return this.single[lang].get(s) ?? NONE;
  }

  /** Phrases starting at `at` in a sequence of stems: each with its group and length. */
  phrasesAt(stems: readonly string[], at: number, lang: Locale): { group: number; length: number }[] {
    const candidates = this.phrases[lang].get(stems[at]!);
    if (!candidates) return [];
    const out: { group: number; length: number }[] = [];
    for (const p of candidates) {
      if (p.stems.every((s, k) => stems[at + k] === s)) out.push({ group: p.group, length: p.stems.length });
    }
    return out;
  }
}

const NONE: readonly number[] = [];

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}
