// Out-of-scope markers (content/scope.yaml): words that mark a kind of question the content never answers
// (dosage, diagnosis, passwords…), matched by stem in every language, also as part of a compound.
import { LOCALES, type Locale } from '../i18n/locales.ts';
import type { QuestionWord } from './analyze.ts';
import type { CompoundSplitter } from './compound.ts';
import { stem } from './stem.ts';
import { ANY_STOP_WORD } from './stopwords.ts';
import { tokenise } from './text.ts';

export class ScopeMarkers {
  private readonly stems: Record<Locale, Set<string>> = { nb: new Set(), sv: new Set(), da: new Set(), en: new Set() };
  private readonly words = new Set<string>();

  constructor(markers: Record<Locale, string[]>) {
    for (const lang of LOCALES) {
      for (const m of markers[lang] ?? []) {
        for (const w of tokenise(m).filter((x) => !ANY_STOP_WORD.has(x))) {
          this.words.add(w);
          this.stems[lang].add(stem(w, lang));
        }
      }
    }
  }

  /** Marker words, so that compounds holding one ("diagnosekriterier") can be split. */
  vocabulary(): Iterable<string> {
    return this.words;
  }

  private hit(word: string): boolean {
    if (this.words.has(word)) return true;
    return LOCALES.some((l) => this.stems[l].has(stem(word, l)));
  }

  /** The question words that mark it as out of scope. */
  find(words: readonly QuestionWord[], splitter: CompoundSplitter): string[] {
    return words
      .filter((w) => this.hit(w.word) || (splitter.split(w.word) ?? []).some((p) => this.hit(p)))
      .map((w) => w.word);
  }
}
