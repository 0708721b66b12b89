// What `ivareta ask` prints: the JSON line of the command-line contract (DESIGN §5) and the text for people.
// Every user-facing word comes from the i18n catalogues (qa.* and ask.* keys).
import type { Locale } from '../i18n/locales.ts';
import type { AskHit, AskResult } from '../ports/content-index.ts';

export type Translate = (lang: Locale, key: string, values?: Record<string, string | number | Date>) => string;

export interface JsonSource {
  id: string;
  title: string;
  version: string;
  url?: string;
}

export interface JsonAnswer {
  answered: boolean;
  answer: string;
  sources: JsonSource[];
}

/** A passage's source document and section, as cited: `<source title> – <section>`. */
export function citation(hit: AskHit): { title: string; url?: string } {
  const src = hit.entry.sources[hit.passage.source] ?? hit.entry.sources[0]!;
  return src.url
    ? { title: `${src.title} – ${hit.passage.section}`, url: src.url }
    : { title: `${src.title} – ${hit.passage.section}` };
}

function jsonSource(hit: AskHit): JsonSource {
  const c = citation(hit);
  const out: JsonSource = { id: hit.passage.id, title: c.title, version: hit.entry.version };
  if (c.url) out.url = c.url;
  return out;
}

/** The localised "I don't have a verified answer", with who to ask when the content names someone. */
export function declineText(result: AskResult, t: Translate): string {
  const text = t(result.lang, 'qa.unknown');
  const contact = result.contact?.[result.lang];
  return contact ? `${text} ${t(result.lang, 'qa.askContact', { contact })}` : text;
}

/** The answer a person reads: the passage's title and text in the question's language. */
export function answerText(hit: AskHit, lang: Locale): string {
  return `${hit.passage.title[lang]}\n${hit.passage.text[lang]}`;
}

export function toJsonAnswer(result: AskResult, t: Translate): JsonAnswer {
  if (!result.answered || !result.best) return { answered: false, answer: declineText(result, t), sources: [] };
  return {
    answered: true,
    answer: answerText(result.best, result.lang),
    sources: [result.best, ...result.seeAlso].map(jsonSource),
  };
}

/** The answer for a terminal: text, source, version and review date, a review-overdue note, see also. */
export function toText(
  result: AskResult,
  t: Translate,
  formatDay: (lang: Locale, iso: string) => string,
  today: string,
): string {
  const lang = result.lang;
  if (!result.answered || !result.best) return `${declineText(result, t)}\n`;
  const hit = result.best;
  const src = hit.entry.sources[hit.passage.source] ?? hit.entry.sources[0]!;
  const lines = [answerText(hit, lang), ''];
  lines.push(
    `${t(lang, 'qa.source')}: ${t(lang, 'qa.sourceValue', { title: src.title, section: hit.passage.section })}`,
  );
  if (src.url) lines.push(`  ${src.url}`);
  const reviewed = formatDay(lang, hit.entry.reviewed);
  lines.push(`${t(lang, 'qa.version')}: ${t(lang, 'qa.versionValue', { version: hit.entry.version, reviewed })}`);
  if (hit.entry.reviewAfter < today) {
    lines.push(`⚠ ${t(lang, 'qa.reviewOverdue', { date: formatDay(lang, hit.entry.reviewAfter) })}`);
  }
  if (result.seeAlso.length > 0) {
    lines.push(`${t(lang, 'qa.seeAlso')}: ${result.seeAlso.map((h) => h.passage.title[lang]).join(' · ')}`);
  }
  return `${lines.join('\n')}\n`;
}
