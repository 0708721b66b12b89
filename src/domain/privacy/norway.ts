// Norwegian fødselsnummer / D-number (11 digits: DDMMYY + individual number + 2 mod-11 check digits).
// Validation, including the 2032 check-digit rule, H-numbers (month + 40) and synthetic
// Test Norge numbers (month + 80), is delegated to @navikt/fnrvalidator.
import { idnr } from '@navikt/fnrvalidator';

export interface NorwegianId {
  idType?: 'fodselsnummer' | 'd-number';
}

const ELEVEN_DIGITS = /^\d{11}$/;

/** Returns what kind of Norwegian id `digits` (exactly 11 digits, no separators) is, or null. */
export function norwegianId(digits: string): NorwegianId | null {
  if (!ELEVEN_DIGITS.test(digits)) return null;
  const result = idnr(digits);
  if (result.status !== 'valid') return null;
  switch (result.type) {
    case 'fnr':
      return { idType: 'fodselsnummer' };
    case 'dnr':
    case 'dnr-and-hnr':
    case 'dnr-and-tnr':
      return { idType: 'd-number' };
    default:
      // H-numbers (hjelpenummer, used in hospitals for patients without a national id) and
      // synthetic numbers still identify a person (or look exactly like one): refuse them too.
      return {};
  }
}
