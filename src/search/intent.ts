// The kind of question (when / who / why / how): interrogatives are stop words, yet they tell which passage
// answers ("When should I report…?" vs "Why report…?"). A title phrased as a question carries the same marker.
import type { Locale } from '../i18n/locales.ts';

const INTENTS: Record<string, readonly string[]> = {
  when: ['når', 'när', 'hvornår', 'when'],
  who: ['hvem', 'vem', 'who', 'whom'],
  why: ['hvorfor', 'varför', 'why'],
  how: ['hvordan', 'hur', 'how'],
};
/** "How many", "how long", "hur länge"…: a quantity, not a manner. */
const QUANTITY = new Set([
  'mange',
  'många',
  'many',
  'much',
  'mye',
  'mycket',
  'meget',
  'lenge',
  'länge',
  'længe',
  'long',
  'ofte',
  'ofta',
  'often',
]);

const BY_WORD = new Map<string, string>();
for (const [intent, words] of Object.entries(INTENTS)) for (const w of words) BY_WORD.set(w, intent);

/** The term an intent adds (not a word: normalised words have no "_"). */
export const intentTerm = (intent: string): string => `_q${intent}`;

/** Intent terms of a text's words (normalised, stop words kept). */
export function intentTerms(words: readonly string[], _lang?: Locale): string[] {
  const out = new Set<string>();
  words.forEach((w, i) => {
    const intent = BY_WORD.get(w);
    if (!intent) return;
    if (intent === 'how' && QUANTITY.has(words[i + 1] ?? '')) return;
    out.add(intentTerm(intent));
  });
  return [...out];
}
