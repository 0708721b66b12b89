// Opens the content index for the command line and the bot: content/ is read and analysed once, and the result
// (parsed content, analysed corpus and the MiniSearch index) is cached on disk, keyed by the content files and
// this folder's sources, so a cold `ivareta ask` skips YAML parsing, validation and analysis. The cache is only
// an optimisation: any failure falls back to building, and a read-only checkout still answers.
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentBase, ContentProblem } from '../content/load.ts';
import { buildContentIndex, type SearchContentIndex } from './content-index.ts';
import type { Corpus } from './corpus.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
/** content/ of this checkout (the same folder as CONTENT_DIR in src/content/load.ts). */
export const DEFAULT_CONTENT_DIR = join(ROOT, 'content/');
export const DEFAULT_CACHE_DIR = join(ROOT, 'node_modules/.cache/ivareta');
const SEARCH_DIR = new URL('./', import.meta.url).pathname;
/** The loader and schema shape the cached content too. */
const CONTENT_CODE = ['load.ts', 'schema.ts'].map((f) => new URL(`../content/${f}`, import.meta.url).pathname);

export interface OpenOptions {
  dir?: string;
  /**
   * Where the analysed content is cached; null disables the cache. Default: $IVARETA_INDEX_CACHE ("off"
   * disables it), else node_modules/.cache/ivareta.
   */
  cacheDir?: string | null;
}

export interface Opened {
  index: SearchContentIndex;
  base: ContentBase;
  /** Problems found when the content was loaded (kept in the cache with it). */
  problems: ContentProblem[];
  fromCache: boolean;
}

interface CacheFile {
  key: string;
  base: ContentBase;
  corpus: Corpus;
  index: unknown;
  problems: ContentProblem[];
}

/** A hash of every content file and of the search code that analysed it. */
export function cacheKey(dir: string): string {
  const h = createHash('sha256');
  for (const [folder, ext] of [
    [dir, '.yaml'],
    [SEARCH_DIR, '.ts'],
  ] as const) {
    for (const f of readdirSync(folder)
      .filter((x) => x.endsWith(ext))
      .sort()) {
      h.update(`${f}\0`);
      h.update(readFileSync(join(folder, f)));
    }
  }
  for (const f of CONTENT_CODE) h.update(readFileSync(f));
  return h.digest('hex');
}

export async function openContentIndex(opts: OpenOptions = {}): Promise<Opened> {
  const dir = opts.dir ?? DEFAULT_CONTENT_DIR;
  const env = process.env.IVARETA_INDEX_CACHE;
  const cacheDir = opts.cacheDir !== undefined ? opts.cacheDir : env === 'off' ? null : env || DEFAULT_CACHE_DIR;
  const key = cacheDir ? cacheKey(dir) : '';
  const file = cacheDir
    ? join(cacheDir, `content-index-${createHash('sha256').update(dir).digest('hex').slice(0, 12)}.json`)
    : '';
  if (cacheDir) {
    try {
      const cached = JSON.parse(readFileSync(file, 'utf8')) as CacheFile;
      if (cached.key === key) {
        const index = buildContentIndex(cached.base, cached.corpus, cached.index);
        return { index, base: cached.base, problems: cached.problems, fromCache: true };
      }
    } catch {
      // no cache yet, or unreadable: build below
    }
  }
  const [{ loadContent }, { analyseCorpus }] = await Promise.all([import('../content/load.ts'), import('./corpus.ts')]);
  const { base, problems } = loadContent(dir);
  const corpus = analyseCorpus(base);
  const index = buildContentIndex(base, corpus);
  if (cacheDir) {
    try {
      mkdirSync(cacheDir, { recursive: true });
      const tmp = `${file}.${process.pid}.tmp`;
      const data: CacheFile = { key, base, corpus, index: index.serialise(), problems };
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, file);
    } catch {
      // a read-only checkout still answers
    }
  }
  return { index, base, problems, fromCache: false };
}
