// Text normalisation and tokenising shared by every language (DESIGN §5: retrieval across nb/sv/da/en).

/** NFC, lower case, and every character that is not a letter or digit becomes a space (æøåäöé and other letters stay). */
export function normalise(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Normalised words in order. */
export function tokenise(text: string): string[] {
  return text
    .normalize('NFC')
    .toLowerCase()
    .split(NON_WORD)
    .filter((w) => w !== '');
}

const NON_WORD = /[^\p{L}\p{N}]+/u;

/**
 * Words with their original spelling kept beside the normalised form, so a caller can tell a name
 * ("Haukeland", "IT") from an ordinary word.
 */
export function tokeniseWithCase(text: string): { word: string; raw: string }[] {
  const out: { word: string; raw: string }[] = [];
  for (const raw of text.normalize('NFC').split(/[^\p{L}\p{N}]+/u)) {
    if (raw) out.push({ word: raw.toLowerCase(), raw });
  }
  return out;
}
