// Message catalogues (ICU MessageFormat via @formatjs/intl), one JSON file per language.
import { readdirSync, readFileSync } from 'node:fs';
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { LOCALES, type Locale } from './locales.ts';

export type Catalogue = Record<string, string>;
export type MessageValues = Record<string, string | number | Date>;

const FALLBACK: Locale = 'en';

/**
 * `messages/<locale>.json` plus one file per language in each area folder (`messages/steps/<locale>.json`),
 * so a feature's texts sit together; a key defined twice is an error.
 */
export function loadCatalogues(): Record<Locale, Catalogue> {
  const root = new URL('./messages/', import.meta.url);
  const areas = readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => `${e.name}/`)
    .sort();
  const out = {} as Record<Locale, Catalogue>;
  for (const locale of LOCALES) {
    const catalogue: Catalogue = {};
    for (const area of ['', ...areas]) {
      const file = new URL(`${area}${locale}.json`, root);
      const part = JSON.parse(readFileSync(file, 'utf8')) as Catalogue;
      for (const [key, text] of Object.entries(part)) {
        if (key in catalogue) throw new Error(`IVR_I18N_DUPLICATE_KEY: ${key} (${area}${locale}.json)`);
        catalogue[key] = text;
      }
    }
    out[locale] = catalogue;
  }
  return out;
}

export class I18n {
  private readonly intls = new Map<Locale, IntlShape<string>>();

  constructor(
    private readonly catalogues: Record<Locale, Catalogue> = loadCatalogues(),
    readonly timeZone = 'Europe/Oslo',
  ) {
    const cache = createIntlCache();
    for (const locale of LOCALES) {
      const messages = { ...catalogues[FALLBACK], ...catalogues[locale] };
      this.intls.set(
        locale,
        createIntl({ locale: bcp47(locale), messages, timeZone, onError: () => undefined }, cache),
      );
    }
  }

  has(key: string): boolean {
    return key in this.catalogues[FALLBACK];
  }

  /** Localised text; values that are Dates format as date and time in `timeZone`. */
  t(locale: Locale, key: string, values?: MessageValues): string {
    const intl = this.intls.get(locale) ?? this.intls.get(FALLBACK)!;
    if (!this.has(key)) throw new Error(`IVR_I18N_MISSING_KEY: ${key}`);
    return intl.formatMessage({ id: key }, values);
  }

  date(locale: Locale, date: Date, timeZone = this.timeZone): string {
    const intl = this.intls.get(locale) ?? this.intls.get(FALLBACK)!;
    return intl.formatDate(date, { dateStyle: 'medium', timeZone });
  }

  dateTime(locale: Locale, date: Date, timeZone = this.timeZone): string {
    const intl = this.intls.get(locale) ?? this.intls.get(FALLBACK)!;
    return intl.formatDate(date, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  }
}

function bcp47(locale: Locale): string {
  return { nb: 'nb-NO', sv: 'sv-SE', da: 'da-DK', en: 'en-GB' }[locale];
}
