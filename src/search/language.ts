// Which of nb/sv/da/en a question is written in: stop words, letters only some languages use, and words the
// corpus uses in one language only. Unclear questions fall back to the caller's language.
import { LOCALES, type Locale } from '../i18n/locales.ts';
import { STOP_WORDS } from './stopwords.ts';
import { tokenise } from './text.ts';

export class LanguageDetector {
  /** `vocabulary`: the corpus words written in each language (optional). */
  constructor(private readonly vocabulary?: Record<Locale, ReadonlySet<string>>) {}

  scores(text: string): Record<Locale, number> {
    const score: Record<Locale, number> = { nb: 0, sv: 0, da: 0, en: 0 };
    for (const w of tokenise(text)) {
      const stop = LOCALES.filter((l) => STOP_WORDS[l].has(w));
      if (stop.length > 0 && stop.length < LOCALES.length) {
        for (const l of stop) score[l] += 2 / stop.length;
      } else if (this.vocabulary && stop.length === 0) {
        const seen = LOCALES.filter((l) => this.vocabulary![l].has(w));
        if (seen.length > 0 && seen.length < LOCALES.length) for (const l of seen) score[l] += 1 / seen.length;
      }
      if (/[äö]/.test(w)) score.sv += 1.5;
      if (/[æø]/.test(w)) {
        score.nb += 0.75;
        score.da += 0.75;
      }
      if (/[æøåäö]/.test(w)) score.en -= 2;
    }
    return score;
  }

  /** The most likely language, or `fallback` when nothing points anywhere (ties prefer the fallback). */
  detect(text: string, fallback: Locale = 'en'): Locale {
    const score = this.scores(text);
    const best = Math.max(...LOCALES.map((l) => score[l]));
    if (best <= 0) return fallback;
    if (score[fallback] === best) return fallback;
    return LOCALES.find((l) => score[l] === best)!;
  }
}
