// The baseline the bench compares with: a plain MiniSearch index over the same passages (one document per
// passage and language, title boosted), MiniSearch's own tokeniser, no stemming, no compounds, no synonyms,
// no confidence: it answers whenever anything matches.
import MiniSearch from 'minisearch';
import type { ContentBase } from '../../src/content/load.ts';
import { LOCALES } from '../../src/i18n/locales.ts';
import type { AskHit, AskResult } from '../../src/ports/content-index.ts';
import { LanguageDetector } from '../../src/search/language.ts';

export function buildPlainIndex(base: ContentBase): { ask(q: string): AskResult } {
  const hits: AskHit[] = base.entries.flatMap((entry) => entry.passages.map((passage) => ({ entry, passage })));
  const docs = hits.flatMap((h, p) =>
    LOCALES.map((lang) => ({
      id: `${p}:${lang}`,
      passage: p,
      title: h.passage.title[lang],
      text: h.passage.text[lang],
      keywords: (h.passage.keywords?.[lang] ?? []).join(' '),
    })),
  );
  const mini = new MiniSearch({ fields: ['title', 'text', 'keywords'], storeFields: ['passage'] });
  mini.addAll(docs);
  const detector = new LanguageDetector();
  return {
    ask(q) {
      const lang = detector.detect(q);
      const results = mini.search(q, { boost: { title: 2, keywords: 1.5 } });
      const top = results[0];
      if (!top) return { answered: false, lang, confidence: 0, seeAlso: [] };
      const best = hits[top.passage as number]!;
      const seen = new Set([best.passage.id]);
      const seeAlso: AskHit[] = [];
      for (const r of results) {
        const h = hits[r.passage as number]!;
        if (seeAlso.length < 2 && !seen.has(h.passage.id)) {
          seen.add(h.passage.id);
          seeAlso.push(h);
        }
      }
      return { answered: true, lang, confidence: 1, best: { ...best, score: top.score }, seeAlso };
    },
  };
}
