// Detects national identity numbers and patient names in free text typed into chat, so that the
// field can be refused before anything is stored. Pure: no I/O, no logging. Findings hold offsets
// and classification only, never the matched text.
import { findPatientNames } from './names.ts';
import { findNationalIds } from './national-id.ts';
import type { Finding } from './types.ts';

export type { Country, Finding, IdType } from './types.ts';

/**
 * National ids (NO fødselsnummer/D-number, SE personnummer/samordningsnummer, DK CPR) and patient names
 * in context, sorted by start offset and never overlapping (so callers can mask them right to left).
 */
export function detectSensitive(text: string): Finding[] {
  const all = [...findNationalIds(text), ...findPatientNames(text)].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: Finding[] = [];
  for (const f of all) {
    const last = out[out.length - 1];
    if (!last || f.start >= last.end) out.push(f);
    else if (f.end > last.end) last.end = f.end; // cannot happen today (digits vs letters), kept safe for masking
  }
  return out;
}

/** True when `text` contains a national id or a patient name in context. */
export function containsSensitive(text: string): boolean {
  return findNationalIds(text).length > 0 || findPatientNames(text).length > 0;
}
