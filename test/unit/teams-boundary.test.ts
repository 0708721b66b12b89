// Only src/channels/teams imports the Bot Framework and teams-ai packages, so a move to the Teams
// SDK v2 touches that folder alone (the playground talks to it over HTTP, like Teams does).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { expect, it } from 'vitest';

const root = join(import.meta.dirname, '../..');
const TEAMS_SDK = /(from|import)\s*\(?\s*['"](botbuilder[^'"]*|botframework-[^'"]*|@microsoft\/teams[^'"]*)['"]/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) return sourceFiles(p);
    return /\.(ts|js)$/.test(p) ? [p] : [];
  });
}

const teamsFolder = join('src', 'channels', 'teams') + sep;
const outside = ['src', 'dialogs', 'cards', 'bin']
  .flatMap((d) => sourceFiles(join(root, d)))
  .map((f) => relative(root, f))
  .filter((f) => !f.startsWith(teamsFolder));

it('covers the playground and the server', () => {
  expect(outside).toContain(join('src', 'server.ts'));
  expect(outside.some((f) => f.startsWith(join('src', 'channels', 'playground')))).toBe(true);
});

it.each(outside)('%s does not import botbuilder or teams-ai', (file) => {
  expect(readFileSync(join(root, file), 'utf8')).not.toMatch(TEAMS_SDK);
});

it('the detector catches the imports it is meant to', () => {
  expect("import { TeamsAdapter } from '@microsoft/teams-ai';").toMatch(TEAMS_SDK);
  expect("import type { Activity } from 'botbuilder';").toMatch(TEAMS_SDK);
  expect("const c = await import('botframework-connector');").toMatch(TEAMS_SDK);
});
