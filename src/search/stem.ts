// Snowball stemmers per language (@orama/stemmers), memoised: the same words recur in every question.
import { stemmer as danish } from '@orama/stemmers/danish';
import { stemmer as english } from '@orama/stemmers/english';
import { stemmer as norwegian } from '@orama/stemmers/norwegian';
import { stemmer as swedish } from '@orama/stemmers/swedish';
import { LOCALES, type Locale } from '../i18n/locales.ts';

const STEMMERS: Record<Locale, (w: string) => string> = { nb: norwegian, sv: swedish, da: danish, en: english };
const caches: Record<Locale, Map<string, string>> = { nb: new Map(), sv: new Map(), da: new Map(), en: new Map() };
const CACHE_LIMIT = 50_000;

/** The stem of a normalised word in one language (digits and very short words are kept as they are). */
export function stem(word: string, lang: Locale): string {
  if (word.length < 3 || /^\d+$/.test(word)) return word;
  const cache = caches[lang];
  let s = cache.get(word);
  if (s === undefined) {
    s = STEMMERS[lang](word);
    if (cache.size < CACHE_LIMIT) cache.set(word, s);
  }
  return s;
}

/** The word's stems in all four languages, without repeats. */
export function stemsAll(word: string): string[] {
  const out = new Set<string>();
  for (const l of LOCALES) out.add(stem(word, l));
  return [...out];
}
