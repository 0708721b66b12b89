// Answer types a passage must hold to answer at all: a question asking for a phone number, an e-mail address,
// a postal address or opening hours is only answered by a passage that gives one, however well the rest of
// the question matches ("the phone number of the pain clinic at X" is not answered by a text about X).

import { LOCALES } from '../i18n/locales.ts';
import type { WordMatch } from './confidence.ts';
import { stem } from './stem.ts';

const TYPES: readonly (readonly string[])[] = [
  ['telefon', 'telefonnummer', 'telefonnumret', 'nummer', 'numret', 'phone', 'telephone', 'number'],
  ['epost', 'e-post', 'epostadresse', 'e-postadresse', 'e-postadress', 'email', 'e-mail', 'mail', 'mejl'],
  ['adresse', 'adressen', 'adress', 'adressen', 'address', 'postadresse', 'besøksadresse', 'besöksadress'],
  ['åpningstid', 'åpningstider', 'öppettid', 'öppettider', 'åbningstid', 'åbningstider', 'opening hours'],
];

const STEMS = new Set<string>();
for (const group of TYPES) {
  for (const w of group) for (const part of w.split(/[\s-]+/)) for (const l of LOCALES) STEMS.add(stem(part, l));
}

/** Question words asking for an answer type the best passage lacks (empty: nothing of the kind is missing). */
export function missingAnswerTypes(matches: readonly WordMatch[]): string[] {
  return matches.filter((m) => !m.matched && LOCALES.some((l) => STEMS.has(stem(m.word, l)))).map((m) => m.word);
}
