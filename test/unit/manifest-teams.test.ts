// The Teams app package: manifest and localization files valid against the Teams schema (offline, the
// schema that @microsoft/app-manifest ships), commands the bot understands in all four languages,
// icons of the right size, and `npm run package:teams` producing a zip Teams can take.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import {
  buildTeamsPackage,
  fill,
  PackageError,
  placeholderValues,
  prepareTeamsPackage,
  TEAMS_DIR,
  validate,
} from '../../scripts/package-teams.ts';
import { decodePng, pngSize } from '../../scripts/png.ts';
import { recogniseIntent } from '../../src/app/intents.ts';

const ENV = {
  MicrosoftAppId: '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b',
  BOT_DOMAIN: 'ivareta.sykehuset.example.no',
  TEAMS_DEVELOPER_URL: 'https://sykehuset.example.no',
  TEAMS_PRIVACY_URL: 'https://sykehuset.example.no/personvern',
  TEAMS_TERMS_URL: 'https://sykehuset.example.no/vilkar',
};

interface Command {
  title: string;
  description: string;
}
interface Manifest {
  $schema: string;
  manifestVersion: string;
  icons: { color: string; outline: string };
  localizationInfo: { defaultLanguageTag: string; additionalLanguages: { languageTag: string; file: string }[] };
  bots: { botId: string; scopes: string[]; commandLists: { scopes: string[]; commands: Command[] }[] }[];
  validDomains: string[];
}

/** A placeholder as manifest.json spells it, dollar and double braces (joined, so no lint takes it for a template). */
const token = (name: string) => ['$', '{{', name, '}}'].join('');
const read = (file: string): string => readFileSync(join(TEAMS_DIR, file), 'utf8');
const source = JSON.parse(read('manifest.json')) as Manifest;
const filled = JSON.parse(fill(read('manifest.json'), placeholderValues(ENV))) as Manifest;
const languages = source.localizationInfo.additionalLanguages;
const localized = Object.fromEntries(
  languages.map((l) => [l.languageTag, JSON.parse(read(l.file)) as Record<string, string>]),
);

/** Each command list's titles per language: the manifest's (default language) and each file's. */
function titles(lang: string): string[][] {
  return source.bots[0]!.commandLists.map((list, i) =>
    list.commands.map((c, j) =>
      lang === 'en' ? c.title : localized[lang]![`bots[0].commandLists[${i}].commands[${j}].title`]!,
    ),
  );
}

describe('Teams manifest', () => {
  it('is valid against the schema of its manifestVersion, with its localization files', async () => {
    expect(source.$schema).toContain(`/v${source.manifestVersion}/`);
    const files = {
      'manifest.json': filled,
      ...Object.fromEntries(languages.map((l) => [l.file, localized[l.languageTag]])),
    };
    expect(await validate(files)).toEqual([]);
  });

  it('schema validation catches a broken manifest (a bot id that is no GUID, 11 commands, a long name)', async () => {
    const broken = structuredClone(filled);
    broken.bots[0]!.botId = 'not-a-guid';
    broken.bots[0]!.commandLists[0]!.commands.push(...Array(3).fill({ title: 'help', description: 'x' }));
    const nb = { ...localized.nb, 'name.short': 'Ivaretakelse etter hendelser i helse' };
    const errors = await validate({ 'manifest.json': broken, 'nb.json': nb });
    expect(errors.some((e) => e.includes('/bots/0/botId'))).toBe(true);
    expect(errors.some((e) => e.includes('/bots/0/commandLists/0/commands'))).toBe(true);
    expect(errors.some((e) => e.startsWith('nb.json:') && e.includes('name.short'))).toBe(true);
  });

  it('installs the bot in personal chats, teams and group chats, on the bot domain', () => {
    expect(source.bots).toHaveLength(1);
    expect(source.bots[0]!.botId).toBe(token('BOT_ID'));
    expect(new Set(source.bots[0]!.scopes)).toEqual(new Set(['personal', 'team', 'groupChat']));
    expect(filled.validDomains).toEqual([ENV.BOT_DOMAIN]);
    expect(source.localizationInfo.defaultLanguageTag).toBe('en');
    expect(languages.map((l) => l.languageTag).sort()).toEqual(['da', 'nb', 'sv']);
  });

  it('lists commands the bot understands, the same command at the same place in every language', () => {
    const en = titles('en');
    const kinds = en.map((list) => list.map((t) => recogniseIntent(t)?.kind));
    expect(kinds[0]).toEqual(
      expect.arrayContaining(['help', 'newIncident', 'myIncidents', 'teamIncidents', 'myCheckins', 'deadlines']),
    );
    for (const lang of ['en', ...Object.keys(localized)]) {
      const lists = titles(lang);
      for (const list of lists) {
        expect(list.length).toBeLessThanOrEqual(10);
        for (const title of list) expect(title.length, title).toBeLessThanOrEqual(32);
      }
      expect(
        lists.map((list) => list.map((t) => recogniseIntent(t)?.kind)),
        lang,
      ).toEqual(kinds);
    }
    expect(kinds.flat()).not.toContain(undefined);
  });

  it('localization files carry the same keys, each naming a string the manifest has', () => {
    const keysOf = (o: Record<string, string>) => Object.keys(o).sort();
    const [first, ...rest] = Object.values(localized);
    for (const other of rest) expect(keysOf(other)).toEqual(keysOf(first!));
    for (const key of keysOf(first!).filter((k) => k !== '$schema')) {
      // "bots[0].commandLists[1].commands[0].title" → the value at that path in the manifest
      const value = key
        .split(/[.[\]]+/)
        .filter(Boolean)
        .reduce<unknown>((at, part) => (at as Record<string, unknown> | undefined)?.[part], source);
      expect(typeof value, key).toBe('string');
    }
    const commands = source.bots[0]!.commandLists.flatMap((l) => l.commands).length;
    expect(keysOf(first!).filter((k) => k.startsWith('bots[0].commandLists')).length).toBe(commands * 2);
  });

  it('has a 192x192 colour icon and a 32x32 outline icon that is white on transparent', () => {
    expect(pngSize(readFileSync(join(TEAMS_DIR, source.icons.color)))).toEqual({ width: 192, height: 192 });
    const outline = decodePng(readFileSync(join(TEAMS_DIR, source.icons.outline)));
    expect([outline.width, outline.height]).toEqual([32, 32]);
    let drawn = 0;
    for (let i = 0; i < outline.data.length; i += 4) {
      if (outline.data[i + 3] === 0) continue;
      drawn++;
      expect([...outline.data.subarray(i, i + 3)]).toEqual([255, 255, 255]);
    }
    expect(drawn).toBeGreaterThan(100);
  });
});

describe('npm run package:teams', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ivareta-teams-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('names every missing or malformed variable instead of building a package Teams would refuse', async () => {
    expect(() => placeholderValues({})).toThrow(/MicrosoftAppId: not set[\s\S]*BOT_DOMAIN: not set/);
    await expect(prepareTeamsPackage({ ...ENV, TEAMS_PRIVACY_URL: 'http://insecure.example' })).rejects.toThrow(
      PackageError,
    );
    expect(() => fill(`"${token('NOPE')}"`, {})).toThrow(/NOPE/);
  });

  it('builds a zip with the filled manifest, the localization files and the icons at its root', async () => {
    const out = join(dir, 'ivareta-teams.zip');
    await buildTeamsPackage(ENV, out);
    const zip = unzipSync(readFileSync(out));
    expect(Object.keys(zip).sort()).toEqual([
      'color.png',
      'da.json',
      'manifest.json',
      'nb.json',
      'outline.png',
      'sv.json',
    ]);
    const text = strFromU8(zip['manifest.json']!);
    expect(text).not.toContain(token('').slice(0, 3));
    const manifest = JSON.parse(text) as Manifest & { id: string; version: string };
    expect(manifest.bots[0]!.botId).toBe(ENV.MicrosoftAppId);
    expect(manifest.id).toBe(ENV.MicrosoftAppId);
    expect(manifest.version).toBe(
      JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')).version,
    );
    expect(Buffer.from(zip['outline.png']!).equals(readFileSync(join(TEAMS_DIR, 'outline.png')))).toBe(true);
    expect(JSON.parse(strFromU8(zip['nb.json']!))['bots[0].commandLists[0].commands[0].title']).toBe('hjelp');
  });
});
