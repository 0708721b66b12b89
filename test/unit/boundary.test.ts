// The core and dialogs know no platform (DESIGN §1): only src/channels may import platform SDKs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const PLATFORM =
  /from\s+['"](botbuilder[^'"]*|botframework-[^'"]*|@microsoft\/teams-ai[^'"]*|@slack\/[^'"]*|adaptivecards)['"]/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return tsFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

describe('architecture boundary', () => {
  const guarded = [
    ...tsFiles(join(root, 'src')),
    ...tsFiles(join(root, 'dialogs')),
    ...tsFiles(join(root, 'cards')),
  ].filter((f) => !relative(root, f).startsWith(join('src', 'channels')));

  it('covers the core, dialogs and cards', () => {
    expect(guarded.some((f) => f.includes(join('src', 'app')))).toBe(true);
    expect(guarded.some((f) => f.includes('dialogs'))).toBe(true);
  });

  it.each(guarded.map((f) => relative(root, f)))('%s imports no platform SDK', (file) => {
    expect(readFileSync(join(root, file), 'utf8')).not.toMatch(PLATFORM);
  });

  it('the detector itself catches a platform import', () => {
    expect("import { App } from '@slack/bolt';").toMatch(PLATFORM);
    expect("import { CardFactory } from 'botbuilder';").toMatch(PLATFORM);
  });
});
