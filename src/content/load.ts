// Loads and validates content/: every entry, the synonym groups and the out-of-scope markers.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type ContentEntry, entrySchema, scopeSchema, synonymsSchema } from './schema.ts';

export const CONTENT_DIR = new URL('../../content/', import.meta.url).pathname;
const SPECIAL = new Set(['synonyms.yaml', 'scope.yaml']);

export interface ContentBase {
  entries: ContentEntry[];
  synonyms: string[][];
  outOfScope: Record<'nb' | 'sv' | 'da' | 'en', string[]>;
}

export interface ContentProblem {
  file: string;
  level: 'error' | 'warning';
  message: string;
}

export interface LoadResult {
  base: ContentBase;
  problems: ContentProblem[];
}

function readYaml(file: string): unknown {
  return parseYaml(readFileSync(file, 'utf8'));
}

/** Reads every file; problems are collected (not thrown) so `content check` can report them all. */
export function loadContent(dir = CONTENT_DIR, today = new Date()): LoadResult {
  const problems: ContentProblem[] = [];
  const entries: ContentEntry[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const seenEntry = new Map<string, string>();
  const seenPassage = new Map<string, string>();
  const todayIso = today.toISOString().slice(0, 10);

  for (const file of files.filter((f) => !SPECIAL.has(f))) {
    let raw: unknown;
    try {
      raw = readYaml(join(dir, file));
    } catch (e) {
      problems.push({ file, level: 'error', message: `not valid YAML: ${(e as Error).message.split('\n')[0]}` });
      continue;
    }
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        problems.push({ file, level: 'error', message: `${issue.path.join('.') || '(root)'}: ${issue.message}` });
      }
      continue;
    }
    const entry = parsed.data;
    const before = seenEntry.get(entry.id);
    if (before)
      problems.push({ file, level: 'error', message: `duplicate entry id "${entry.id}" (also in ${before})` });
    seenEntry.set(entry.id, file);
    for (const p of entry.passages) {
      const other = seenPassage.get(p.id);
      if (other) problems.push({ file, level: 'error', message: `duplicate passage id "${p.id}" (also in ${other})` });
      seenPassage.set(p.id, file);
    }
    if (entry.reviewAfter < todayIso) {
      problems.push({ file, level: 'warning', message: `review overdue: reviewAfter ${entry.reviewAfter}` });
    }
    entries.push(entry);
  }
  for (const entry of entries) {
    for (const id of entry.seeAlso ?? []) {
      if (!seenEntry.has(id)) {
        problems.push({ file: seenEntry.get(entry.id)!, level: 'error', message: `seeAlso: unknown entry "${id}"` });
      }
    }
  }

  const synonyms = synonymsSchema.safeParse(
    files.includes('synonyms.yaml') ? readYaml(join(dir, 'synonyms.yaml')) : { groups: [] },
  );
  if (!synonyms.success)
    problems.push({ file: 'synonyms.yaml', level: 'error', message: synonyms.error.issues[0]!.message });
  const scope = scopeSchema.safeParse(
    files.includes('scope.yaml')
      ? readYaml(join(dir, 'scope.yaml'))
      : { outOfScope: { nb: [], sv: [], da: [], en: [] } },
  );
  if (!scope.success) problems.push({ file: 'scope.yaml', level: 'error', message: scope.error.issues[0]!.message });

  return {
    base: {
      entries,
      synonyms: synonyms.success ? synonyms.data.groups : [],
      outOfScope: scope.success ? scope.data.outOfScope : { nb: [], sv: [], da: [], en: [] },
    },
    problems,
  };
}
