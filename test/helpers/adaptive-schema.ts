// Checks an Adaptive Card two ways: against a strict JSON schema of the Adaptive Cards 1.5 subset
// that Teams renders and Ivareta emits (adaptive-card-1.5.schema.json; no schema ships in node_modules),
// and by parsing it with Microsoft's `adaptivecards` renderer library.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject } from 'ajv';

const schema = JSON.parse(readFileSync(new URL('./adaptive-card-1.5.schema.json', import.meta.url), 'utf8'));
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

/** Schema violations as `path: message` lines; empty when the card is valid. */
export function validateAdaptiveCard(json: unknown): string[] {
  if (validate(json)) return [];
  return (validate.errors ?? [])
    .filter((e) => e.keyword !== 'if') // "must match then": the detail follows in its own error
    .map(describe)
    .filter((line, i, all) => all.indexOf(line) === i);
}

function describe(e: ErrorObject): string {
  const path = e.instancePath || '/';
  const p = e.params as Record<string, unknown>;
  if (e.keyword === 'additionalProperties') return `${path}: unknown property "${String(p.additionalProperty)}"`;
  if (e.keyword === 'enum') return `${path}: ${e.message} (${(p.allowedValues as unknown[]).map(String).join(', ')})`;
  if (e.keyword === 'const') return `${path}: must be ${JSON.stringify(p.allowedValue)}`;
  return `${path}: ${e.message}`;
}

// The package's `lib/` build is ESM without file extensions, which Node cannot load; the UMD bundle
// in `dist/` runs in Node, and parsing and validation need no DOM (only rendering does).
type AdaptiveCardsModule = typeof import('adaptivecards');
const AC = createRequire(import.meta.url)('adaptivecards/dist/adaptivecards.js') as AdaptiveCardsModule;

export interface LibraryReport {
  /** Parse events (unknown types, bad versions…) and validation failures Teams would also trip on. */
  errors: string[];
  /** Accessibility hints that depend on texts the neutral card model does not carry yet. */
  hints: string[];
}

const HINTS = new Set<number>([
  AC.ValidationEvent.RequiredInputsShouldHaveLabel,
  AC.ValidationEvent.RequiredInputsShouldHaveErrorMessage,
]);

/** Parses the card with the `adaptivecards` library (what Teams' web client builds on). */
export function checkWithAdaptiveCardsLibrary(json: unknown): LibraryReport {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  card.parse(json, context);
  const errors: string[] = [];
  const hints: string[] = [];
  for (let i = 0; i < context.eventCount; i++) errors.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of card.validateProperties().validationEvents) {
    const source = event.source as { getJsonTypeName?: () => string; id?: string } | undefined;
    const where = `${source?.getJsonTypeName?.() ?? '?'}${source?.id ? `#${source.id}` : ''}`;
    // The library does not know Teams' `choices.data`: a people picker may start with no static choices.
    if (event.event === AC.ValidationEvent.CollectionCantBeEmpty && hasDynamicChoices(json, source?.id)) continue;
    (HINTS.has(event.event) ? hints : errors).push(`${where}: ${event.message}`);
  }
  return { errors, hints };
}

function hasDynamicChoices(json: unknown, id: string | undefined): boolean {
  const element = id ? findById(json, id) : undefined;
  return !!element && 'choices.data' in element;
}

function findById(node: unknown, id: string): object | undefined {
  if (Array.isArray(node)) {
    for (const child of node) {
      const hit = findById(child, id);
      if (hit) return hit;
    }
  } else if (node && typeof node === 'object') {
    if ((node as { id?: unknown }).id === id) return node;
    return findById(Object.values(node), id);
  }
  return undefined;
}
