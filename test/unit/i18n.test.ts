import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MessageFormatElement, TYPE } from '@formatjs/icu-messageformat-parser';
import { createIntl } from '@formatjs/intl';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { I18n, loadCatalogues } from '../../src/i18n/i18n.ts';
import { LOCALES, matchLocale } from '../../src/i18n/locales.ts';

const catalogues = loadCatalogues();
const keys = (l: (typeof LOCALES)[number]) => Object.keys(catalogues[l]).sort();

describe('message catalogues', () => {
  it.each(LOCALES)('%s has exactly the keys of the English catalogue', (locale) => {
    expect(keys(locale)).toEqual(keys('en'));
  });

  it.each(LOCALES)('%s uses the same placeholders as English for every key', (locale) => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)/g)].map((m) => m[1]).sort();
    for (const key of keys('en')) {
      expect(placeholders(catalogues[locale][key]!), `${locale} ${key}`).toEqual(placeholders(catalogues.en[key]!));
    }
  });

  it.each(LOCALES)('%s has no empty messages', (locale) => {
    for (const [key, value] of Object.entries(catalogues[locale])) expect(value.trim(), key).not.toBe('');
  });

  it('formats ICU plurals per language', () => {
    const i18n = new I18n();
    expect(i18n.t('nb', 'list.count', { count: 1 })).toBe('1 hendelse');
    expect(i18n.t('nb', 'list.count', { count: 3 })).toBe('3 hendelser');
    expect(i18n.t('sv', 'list.count', { count: 2 })).toBe('2 händelser');
    expect(i18n.t('da', 'list.count', { count: 1 })).toBe('1 hændelse');
    expect(i18n.t('en', 'list.count', { count: 5 })).toBe('5 incidents');
  });

  it('formats dates in the language and time zone', () => {
    const i18n = new I18n(undefined, 'Europe/Oslo');
    const d = new Date('2026-03-05T22:30:00Z');
    expect(i18n.dateTime('nb', d)).toContain('23:30');
    expect(i18n.dateTime('en', d)).toMatch(/5 Mar 2026/);
    expect(i18n.dateTime('sv', d, 'America/New_York')).toContain('17:30');
    expect(i18n.date('da', d, 'Asia/Tokyo')).toMatch(/6\. mar/);
    // A zone Node does not know falls back to the organisation's, rather than failing the card.
    expect(i18n.dateTime('nb', d, 'Mars/Olympus_Mons')).toBe(i18n.dateTime('nb', d));
  });

  it('gives, for every message in every language, the text @formatjs/intl gives (its compiled-message cache is ours)', () => {
    const catalogues = loadCatalogues();
    const i18n = new I18n(catalogues, 'Europe/Stockholm');
    const tags = { nb: 'nb-NO', sv: 'sv-SE', da: 'da-DK', en: 'en-GB' } as const;
    // A value of the right kind for each argument, in nested plural and select branches too.
    const valuesFor = (els: MessageFormatElement[], out: Record<string, string | number> = {}) => {
      for (const el of els) {
        if (el.type === TYPE.argument) out[el.value] ??= `«${el.value}»`;
        if (el.type === TYPE.number || el.type === TYPE.plural) out[el.value] = 2;
        if (el.type === TYPE.select) out[el.value] ??= Object.keys(el.options)[0]!;
        if (el.type === TYPE.plural || el.type === TYPE.select)
          for (const o of Object.values(el.options)) valuesFor(o.value, out);
      }
      return out;
    };
    let compared = 0;
    for (const locale of LOCALES) {
      const messages = { ...catalogues.en, ...catalogues[locale] };
      const intl = createIntl({
        locale: tags[locale],
        messages,
        timeZone: 'Europe/Stockholm',
        onError: () => undefined,
      });
      for (const [key, message] of Object.entries(messages)) {
        const values = valuesFor(new IntlMessageFormat(message, tags[locale]).getAst());
        for (const v of [values, undefined]) {
          expect(i18n.t(locale, key, v), `${locale} ${key}`).toBe(intl.formatMessage({ id: key }, v));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(2000);
  });

  it('refuses a key that no catalogue has', () => {
    expect(() => new I18n().t('en', 'no.such.key')).toThrow(/IVR_I18N_MISSING_KEY/);
  });

  it('maps platform locales to supported ones with a fallback', () => {
    expect(matchLocale('nb-NO')).toBe('nb');
    expect(matchLocale('no')).toBe('nb');
    expect(matchLocale('nn-NO')).toBe('nb');
    expect(matchLocale('sv_SE')).toBe('sv');
    expect(matchLocale('da-DK')).toBe('da');
    expect(matchLocale('en-US')).toBe('en');
    expect(matchLocale('de-DE')).toBeNull();
    expect(matchLocale(undefined)).toBeNull();
  });
});

describe('no user-facing literals outside the catalogues', () => {
  // Card text is built in dialogs/ from catalogue keys; a quoted literal in a text or label slot is a bug.
  const dir = join(import.meta.dirname, '../../dialogs');
  const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
  it.each(files)('%s puts no literal strings into card text', (file) => {
    const src = readFileSync(join(dir, file), 'utf8');
    const i18n = new I18n();
    // Catalogue keys (e.g. error: 'form.required') are fine; any other quoted text is not.
    const offenders = [
      ...src.matchAll(/\b(text|label|title|fallbackText|placeholder|value|error):\s*(['"`])([^'"`]*)\2/g),
    ]
      .filter((m) => !i18n.has(m[3]!))
      .map((m) => m[0]);
    expect(offenders).toEqual([]);
  });

  it('every catalogue key used in dialogs/ and src/app exists', () => {
    const i18n = new I18n();
    const roots = ['dialogs', 'src/app'].map((d) => join(import.meta.dirname, '../..', d));
    const used = new Set<string>();
    for (const root of roots) {
      for (const f of readdirSync(root).filter((n) => n.endsWith('.ts'))) {
        const src = readFileSync(join(root, f), 'utf8');
        for (const m of src.matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z]+)+)'/g)) used.add(m[1]!);
        for (const m of src.matchAll(/Key:\s*'([a-zA-Z]+(?:\.[a-zA-Z]+)+)'/g)) used.add(m[1]!);
      }
    }
    expect(used.size).toBeGreaterThan(20);
    for (const key of used) expect(i18n.has(key), key).toBe(true);
  });
});
