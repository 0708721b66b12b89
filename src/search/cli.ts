// `ivareta ask` and `ivareta content check` (imported lazily by src/cli/main.ts, so other commands start fast).
import { createInterface } from 'node:readline';
import { matchLocale } from '../i18n/locales.ts';
import { type Translate, toJsonAnswer, toText } from './answer.ts';
import { openContentIndex } from './open.ts';

export interface Io {
  out: (s: string) => void;
  err: (s: string) => void;
  stdin?: NodeJS.ReadableStream;
}

async function translator(): Promise<{ t: Translate; day: (lang: 'nb' | 'sv' | 'da' | 'en', iso: string) => string }> {
  const { I18n } = await import('../i18n/i18n.ts');
  const i18n = new I18n();
  return {
    t: (lang, key, values) => i18n.t(lang, key, values),
    day: (lang, iso) => i18n.date(lang, new Date(`${iso}T12:00:00Z`)),
  };
}

/** `ivareta ask [--locale xx] "question"` or `ivareta ask --json` (one question a line on stdin). */
export async function runAsk(args: string[], io: Io): Promise<number> {
  let json = false;
  let fallback = matchLocale(process.env.IVARETA_LOCALE) ?? undefined;
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--json') json = true;
    else if (a === '--locale' || a === '--lang') fallback = matchLocale(args[++i]) ?? fallback;
    else words.push(a);
  }
  const { t, day } = await translator();
  const { index } = await openContentIndex();
  const opts = fallback ? { locale: fallback } : {};
  if (json) {
    const lines = createInterface({ input: io.stdin ?? process.stdin, crlfDelay: Number.POSITIVE_INFINITY });
    for await (const line of lines) {
      const q = line.trim();
      const result = q ? index.ask(q, opts) : { answered: false, lang: fallback ?? 'en', confidence: 0, seeAlso: [] };
      io.out(`${JSON.stringify(toJsonAnswer(result, t))}\n`);
    }
    return 0;
  }
  const question = words.join(' ').trim();
  if (!question) {
    io.err(`${t(fallback ?? 'en', 'ask.usage')}\n`);
    return 2;
  }
  io.out(toText(index.ask(question, opts), t, day, new Date().toISOString().slice(0, 10)));
  return 0;
}

/** `ivareta content check [dir]`: every problem; errors fail (exit 1), warnings only inform. */
export async function runContentCheck(args: string[], io: Io): Promise<number> {
  const { loadContent, CONTENT_DIR } = await import('../content/load.ts');
  const dir = args[0] ?? CONTENT_DIR;
  const { base, problems } = loadContent(dir);
  for (const p of problems) io.out(`${p.file}: ${p.level}: ${p.message}\n`);
  const errors = problems.filter((p) => p.level === 'error').length;
  const warnings = problems.length - errors;
  const passages = base.entries.reduce((n, e) => n + e.passages.length, 0);
  const summary = `${base.entries.length} entries, ${passages} passages, ${base.synonyms.length} synonym groups: ${errors} errors, ${warnings} warnings\n`;
  (errors > 0 ? io.err : io.out)(summary);
  if (errors > 0) return 1;
  // Valid content: build the search index now and cache it, so the next `ivareta ask` starts fast.
  if (!args[0]) await openContentIndex();
  return 0;
}
