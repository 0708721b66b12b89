// The protocol content index (src/search): finds the passage that answers a question.
import type { ContentEntry, Passage, Text4 } from '../content/schema.ts';
import type { Locale } from '../i18n/locales.ts';

export interface AskHit {
  entry: ContentEntry;
  passage: Passage;
  score?: number;
}

export interface AskResult {
  answered: boolean;
  /** Language of the question (detected, else the caller's locale). */
  lang: Locale;
  confidence: number;
  best?: AskHit;
  /** Up to two related passages. */
  seeAlso: AskHit[];
  /** Who to ask, when the content names someone for the nearest topic. */
  contact?: Text4;
}

export interface ContentIndex {
  ask(question: string, opts?: { locale?: Locale }): AskResult;
  /** A passage by id, for "see also" buttons. */
  passage(id: string): AskHit | null;
}
