// The five acute-phase step specs (DESIGN §3): every text exists in every language, the engine's
// reserved field ids stay free, and the inputs stay within what Slack and the privacy check need.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SLACK_LIMITS } from '../../cards/limits.ts';
import { ACUTE_STEPS } from '../../dialogs/steps/acute.ts';
import { reportStep } from '../../dialogs/steps/report.ts';
import type { StepSpec } from '../../dialogs/steps/spec.ts';
import { orgConfigSchema } from '../../src/config/org-config.ts';
import { PHASE, STEP_IDS } from '../../src/domain/pathway.ts';
import { I18n, loadCatalogues } from '../../src/i18n/i18n.ts';
import { LOCALES } from '../../src/i18n/locales.ts';

const i18n = new I18n();
const catalogues = loadCatalogues();
const RESERVED = ['state', 'incidentId', 'step', 'v'];

/** Every catalogue key a spec uses. */
function keysOf(spec: StepSpec): string[] {
  const keys = [spec.titleKey, spec.shortKey, spec.summaryKey, spec.sourceKey];
  for (const block of spec.guide) {
    if (block.kind === 'list') keys.push(...block.keys);
    else keys.push(block.key);
  }
  for (const field of spec.fields) {
    keys.push(field.labelKey);
    if (field.type === 'text' && field.placeholderKey) keys.push(field.placeholderKey);
    if (field.type === 'choice') keys.push(...field.options.map((o) => o.labelKey));
  }
  for (const link of spec.links ?? []) keys.push(link.labelKey);
  for (const action of spec.extraActions ?? []) keys.push(action.labelKey);
  return keys;
}

const cases = ACUTE_STEPS.flatMap((spec) => LOCALES.map((locale) => [spec.id, locale, spec] as const));

describe('acute-phase step specs', () => {
  it('are the acute steps in pathway order', () => {
    expect(ACUTE_STEPS.map((s) => s.id)).toEqual(STEP_IDS.filter((id) => PHASE[id] === 'acute'));
  });

  it.each(ACUTE_STEPS.map((s) => [s.id, s] as const))('%s uses the step.<id>. key convention', (id, spec) => {
    expect(spec.titleKey).toBe(`step.${id}.title`);
    expect(spec.shortKey).toBe(`step.${id}.short`);
    expect(spec.summaryKey).toBe(`step.${id}.summary`);
    expect(spec.sourceKey).toBe(`step.${id}.source`);
    for (const key of keysOf(spec)) expect(key.startsWith(`step.${id}.`), key).toBe(true);
  });

  it.each(cases)('%s in %s: every key has a non-empty text', (_id, locale, spec) => {
    for (const key of keysOf(spec)) {
      expect(i18n.has(key), key).toBe(true);
      // Straight from the language's own catalogue, so an English fallback cannot hide a gap.
      expect(catalogues[locale][key]?.trim(), `${locale} ${key}`).toBeTruthy();
      expect(i18n.t(locale, key).trim(), `${locale} ${key}`).not.toBe('');
    }
  });

  it.each(cases)('%s in %s: texts fit Slack (modal title, options, buttons, placeholders)', (_id, locale, spec) => {
    const t = (key: string) => i18n.t(locale, key);
    expect(t(spec.shortKey).length).toBeLessThanOrEqual(SLACK_LIMITS.modalText);
    for (const field of spec.fields) {
      if (field.type === 'choice')
        for (const o of field.options) expect(t(o.labelKey).length, o.labelKey).toBeLessThanOrEqual(75);
      if (field.type === 'text' && field.placeholderKey)
        expect(t(field.placeholderKey).length).toBeLessThanOrEqual(SLACK_LIMITS.placeholder);
    }
    for (const link of spec.links ?? []) expect(t(link.labelKey).length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
  });

  it.each(ACUTE_STEPS.map((s) => [s.id, s] as const))('%s has sound fields', (_id, spec) => {
    const ids = spec.fields.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(RESERVED).not.toContain(id);
    for (const field of spec.fields) {
      if (field.type === 'choice') {
        if (field.multi) expect(field.options.length).toBeLessThanOrEqual(SLACK_LIMITS.choiceOptions);
        const values = field.options.map((o) => o.value);
        expect(new Set(values).size).toBe(values.length);
      }
      if (field.type === 'text') {
        expect(field.freeText, field.id).toBe(true);
        expect(field.maxLength).toBeGreaterThan(0);
      }
    }
  });

  it('uses the field ids the engine relies on', () => {
    const shape = Object.fromEntries(ACUTE_STEPS.map((s) => [s.id, s.fields.map((f) => `${f.id}:${f.type}`)]));
    expect(shape).toEqual({
      support: ['done:choice', 'note:text'],
      defusing: ['bookedAt:datetime', 'leader:users'],
      managerSupport: ['elements:choice'],
      report: ['reportRef:text', 'reportedAt:datetime'],
      peerSupport: ['kind:choice', 'supporter:users'],
    });
    expect(ACUTE_STEPS.find((s) => s.id === 'managerSupport')?.editors).toEqual(['manager']);
  });

  it('every text in the steps-acute catalogues is used by a spec', () => {
    const used = new Set(ACUTE_STEPS.flatMap(keysOf));
    for (const locale of LOCALES) {
      const file = new URL(`../../src/i18n/messages/steps-acute/${locale}.json`, import.meta.url);
      const own = Object.keys(JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>);
      expect(
        own.filter((k) => !used.has(k)),
        locale,
      ).toEqual([]);
    }
  });

  it("links the report step to the organisation's reporting system, and to nothing without one", () => {
    const link = reportStep.links?.[0];
    expect(link).toBeDefined();
    const config = orgConfigSchema.parse({ pathway: { reporting: { url: 'https://example.org/avvik' } } });
    expect(link!.url(config.pathway, config.country)).toBe('https://example.org/avvik');
    const bare = orgConfigSchema.parse({});
    expect(link!.url(bare.pathway, bare.country)).toBeUndefined();
  });
});
