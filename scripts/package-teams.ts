// `npm run package:teams`: fills the placeholders of manifest/teams/manifest.json from the environment,
// validates the manifest and its localization files against the Teams schema that @microsoft/app-manifest
// ships (offline: no schema download), and writes manifest/teams/build/ivareta-teams.zip for upload.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppManifestUtils } from '@microsoft/app-manifest';
import { strToU8, zipSync } from 'fflate';

export const TEAMS_DIR = fileURLToPath(new URL('../manifest/teams/', import.meta.url));
export const DEFAULT_OUT = join(TEAMS_DIR, 'build/ivareta-teams.zip');
const ROOT = fileURLToPath(new URL('../', import.meta.url));

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;
const HTTPS = /^https:\/\/[^\s]+$/;

type Env = Record<string, string | undefined>;

/** Each placeholder: where its value comes from, a fallback, and what a valid value looks like. */
const PLACEHOLDERS: Record<string, { from: string[]; fallback?: (root: string) => string; valid: RegExp }> = {
  BOT_ID: { from: ['MicrosoftAppId'], valid: GUID },
  TEAMS_APP_ID: { from: ['TEAMS_APP_ID', 'MicrosoftAppId'], valid: GUID },
  BOT_DOMAIN: { from: ['BOT_DOMAIN'], valid: HOST },
  APP_VERSION: {
    from: ['TEAMS_APP_VERSION'],
    fallback: (root) => JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).version,
    valid: /^\d+\.\d+\.\d+$/,
  },
  DEVELOPER_NAME: { from: ['TEAMS_DEVELOPER_NAME'], fallback: () => 'Ivareta', valid: /^.{1,32}$/ },
  DEVELOPER_URL: { from: ['TEAMS_DEVELOPER_URL'], valid: HTTPS },
  PRIVACY_URL: { from: ['TEAMS_PRIVACY_URL'], valid: HTTPS },
  TERMS_URL: { from: ['TEAMS_TERMS_URL'], valid: HTTPS },
};

export class PackageError extends Error {}

/** The value of every placeholder, or a PackageError naming each missing or malformed variable. */
export function placeholderValues(env: Env): Record<string, string> {
  const values: Record<string, string> = {};
  const problems: string[] = [];
  for (const [name, p] of Object.entries(PLACEHOLDERS)) {
    const value = p.from.map((v) => env[v]).find((v) => v) ?? p.fallback?.(ROOT);
    if (!value) problems.push(`${p.from.join(' or ')}: not set`);
    else if (!p.valid.test(value)) problems.push(`${p.from[0]}: "${value}" does not look like ${p.valid.source}`);
    else values[name] = value;
  }
  if (problems.length) throw new PackageError(`cannot build the Teams package:\n  ${problems.join('\n  ')}`);
  return values;
}

/** Replaces ${{NAME}} in a JSON text (values JSON-escaped); an unknown placeholder is an error. */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\$\{\{(\w+)\}\}/g, (_, name: string) => {
    const v = values[name];
    if (v === undefined) throw new PackageError(`unknown placeholder \${{${name}}}`);
    return JSON.stringify(v).slice(1, -1);
  });
}

function schemaFile(name: string, version: string): object {
  const pkg = dirname(createRequire(import.meta.url).resolve('@microsoft/app-manifest/package.json'));
  const text = readFileSync(join(pkg, 'build/json-schemas/teams', `v${version}`, name), 'utf8');
  // The localization schema has a pattern with a bare `]` ("…\\b]\\.description$") that ajv's unicode
  // regular expressions reject; escaping it keeps the meaning (the library patches `\\a` the same way).
  return JSON.parse(text.replaceAll('\\\\b]', '\\\\b\\\\]'));
}

/** Schema errors of the filled manifest and of each localization file, prefixed with the file name. */
export async function validate(files: Record<string, unknown>): Promise<string[]> {
  const manifest = files['manifest.json'] as { manifestVersion: string };
  const check = (doc: unknown, schema: object) => AppManifestUtils.validateAgainstSchema(doc as never, schema as never);
  const errors = (await check(manifest, schemaFile('MicrosoftTeams.schema.json', manifest.manifestVersion))).map(
    (e) => `manifest.json: ${e}`,
  );
  const locSchema = schemaFile('MicrosoftTeams.Localization.schema.json', manifest.manifestVersion);
  for (const [name, doc] of Object.entries(files)) {
    if (name !== 'manifest.json') errors.push(...(await check(doc, locSchema)).map((e) => `${name}: ${e}`));
  }
  return errors;
}

/** Reads manifest/teams/, fills and validates it; returns the files as they go into the zip. */
export async function prepareTeamsPackage(env: Env, dir = TEAMS_DIR): Promise<Record<string, Uint8Array>> {
  const values = placeholderValues(env);
  const manifestText = fill(readFileSync(join(dir, 'manifest.json'), 'utf8'), values);
  const manifest = JSON.parse(manifestText) as {
    icons: { color: string; outline: string };
    localizationInfo?: { additionalLanguages?: { file: string }[] };
  };
  const json: Record<string, unknown> = { 'manifest.json': manifest };
  const out: Record<string, Uint8Array> = { 'manifest.json': strToU8(manifestText) };
  for (const { file } of manifest.localizationInfo?.additionalLanguages ?? []) {
    const text = fill(readFileSync(join(dir, file), 'utf8'), values);
    json[file] = JSON.parse(text);
    out[file] = strToU8(text);
  }
  const errors = await validate(json);
  if (errors.length) throw new PackageError(`the Teams manifest is not valid:\n  ${errors.join('\n  ')}`);
  for (const icon of [manifest.icons.color, manifest.icons.outline]) out[icon] = readFileSync(join(dir, icon));
  return out;
}

/** Writes the zip (files at its root, as Teams wants; a fixed date so equal input gives equal bytes). */
export async function buildTeamsPackage(env: Env, out = DEFAULT_OUT): Promise<string[]> {
  const files = await prepareTeamsPackage(env);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zipSync(files, { level: 9, mtime: new Date(2000, 0, 1) }));
  return Object.keys(files);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  try {
    const files = await buildTeamsPackage(process.env);
    process.stdout.write(`wrote ${DEFAULT_OUT} (${files.join(', ')})\n`);
  } catch (e) {
    console.error(e instanceof PackageError ? e.message : e);
    process.exitCode = 1;
  }
}
