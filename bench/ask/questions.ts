// The question sets: every test/qa/*.jsonl file, our own extra questions (bench/ask/questions-extra.jsonl:
// probes of out-of-scope kinds the other files lack) and the shared development set (when present).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface QaCase {
  id: string;
  lang?: string;
  q: string;
  source?: string;
  facts?: string[];
  abstain?: boolean;
}

export const ROOT = new URL('../../', import.meta.url).pathname;

export function questionFiles(root = ROOT): string[] {
  const dir = join(root, 'test/qa');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.jsonl'))
        .sort()
        .map((f) => join(dir, f))
    : [];
  files.push(join(root, 'bench/ask/questions-extra.jsonl'));
  const dev = join(root, '../shared/eval/qa-dev.jsonl');
  if (existsSync(dev)) files.push(dev);
  return files;
}

export function readCases(file: string): QaCase[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as QaCase);
}
