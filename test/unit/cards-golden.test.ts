// Golden files for every sample card, and the schema and limit checks on each rendering.
// `UPDATE_GOLDEN=1 npx vitest run test/unit/cards` rewrites the files; review the diff before committing.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { toAdaptiveCard } from '../../cards/adaptive.ts';
import { toBlockKitMessage, toBlockKitModal } from '../../cards/blockkit.ts';
import { checkBlockKit } from '../../cards/limits.ts';
import { checkWithAdaptiveCardsLibrary, validateAdaptiveCard } from '../helpers/adaptive-schema.ts';
import { PRODUCT_CARDS, PRODUCT_CARDS_ALL_LANGUAGES } from '../helpers/product-cards.ts';

const GOLDEN_DIR = new URL('../golden/', import.meta.url);
const update = process.env.UPDATE_GOLDEN === '1';

function expectGolden(name: string, actual: unknown): void {
  const file = new URL(name, GOLDEN_DIR);
  const text = `${JSON.stringify(actual, null, 2)}\n`;
  if (update) {
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, text);
    return;
  }
  if (!existsSync(file)) throw new Error(`Missing golden file test/golden/${name}: run with UPDATE_GOLDEN=1`);
  expect(JSON.parse(text)).toEqual(JSON.parse(readFileSync(file, 'utf8')));
}

const modalOpts = { callbackId: 'dialog.submit', privateMetadata: '{"flow":"f_123"}', timeZone: 'Europe/Oslo' };

describe.each(PRODUCT_CARDS.map(({ name, card }) => [name, card] as const))('card %s', (id, card) => {
  it('renders the golden Adaptive Card', () => {
    expectGolden(`${id}.adaptive.json`, toAdaptiveCard(card));
  });

  it('renders the golden Block Kit message', () => {
    expectGolden(`${id}.blockkit.json`, toBlockKitMessage(card));
  });

  if (card.modal) {
    it('renders the golden Block Kit modal', () => {
      expectGolden(`${id}.modal.json`, toBlockKitModal(card, modalOpts));
    });
  }

  it('is a valid Adaptive Card 1.5 for Teams', () => {
    const json = toAdaptiveCard(card);
    expect(validateAdaptiveCard(json)).toEqual([]);
    expect(checkWithAdaptiveCardsLibrary(json).errors).toEqual([]);
  });

  it('stays within the Block Kit limits', () => {
    expect(checkBlockKit(toBlockKitMessage(card), 'message')).toEqual([]);
    if (card.modal) expect(checkBlockKit(toBlockKitModal(card, modalOpts), 'modal')).toEqual([]);
  });
});

it.skipIf(update)('has no golden file without a sample', () => {
  const expected = new Set(
    PRODUCT_CARDS.flatMap(({ name, card }) => [
      `${name}.adaptive.json`,
      `${name}.blockkit.json`,
      ...(card.modal ? [`${name}.modal.json`] : []),
    ]),
  );
  const ours = readdirSync(GOLDEN_DIR).filter((name) => /\.(adaptive|blockkit|modal)\.json$/.test(name));
  expect(ours.filter((name) => !expected.has(name))).toEqual([]);
});

describe.each(PRODUCT_CARDS_ALL_LANGUAGES.map(({ name, card }) => [name, card] as const))('card %s', (_name, card) => {
  it('passes the Adaptive Card 1.5 schema and the Block Kit limits', () => {
    expect(validateAdaptiveCard(toAdaptiveCard(card))).toEqual([]);
    expect(checkBlockKit(toBlockKitMessage(card), 'message')).toEqual([]);
    if (card.modal) expect(checkBlockKit(toBlockKitModal(card, modalOpts), 'modal')).toEqual([]);
  });
});
