// Message catalogues (ICU MessageFormat via @formatjs/intl), one JSON file per language.
import { readdirSync, readFileSync } from 'node:fs';
import { createIntl, createIntlCache, type IntlShape } from '@formatjs/intl';
import { type Formats, IntlMessageFormat } from 'intl-messageformat';
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
  /** Each message compiled once per language (see t()). */
  private readonly compiled = new Map<string, IntlMessageFormat>();
  private readonly formats: Partial<Formats>;
  private readonly dateFormats = new Map<string, Intl.DateTimeFormat>();

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
    // As @formatjs/intl sets them up: `{x, date}` and `{x, time}` arguments in the organisation's zone.
    const zoned = (f: Record<string, Intl.DateTimeFormatOptions>) =>
      Object.fromEntries(Object.entries(f).map(([k, o]) => [k, { ...o, timeZone }]));
    this.formats = { date: zoned(IntlMessageFormat.formats.date), time: zoned(IntlMessageFormat.formats.time) };
  }

  has(key: string): boolean {
    return key in this.catalogues[FALLBACK];
  }

  /**
   * Localised text; values that are Dates format as date and time in `timeZone`. Every
   * intl.formatMessage call serialises its arguments (the formats included) to look up a memoised
   * formatter: about 10 µs a string, a tenth of a turn for a card of a dozen strings. Compiling each
   * message once with the same formatters gives the same text without that.
   */
  t(locale: Locale, key: string, values?: MessageValues): string {
    const intl = this.intls.get(locale) ?? this.intls.get(FALLBACK)!;
    if (!this.has(key)) throw new Error(`IVR_I18N_MISSING_KEY: ${key}`);
    const id = `${intl.locale}\u0000${key}`;
    let mf = this.compiled.get(id);
    if (!mf) {
      const message = intl.messages[key] as string;
      try {
        mf = new IntlMessageFormat(message, intl.locale, this.formats, { formatters: intl.formatters });
      } catch {
        return message; // not valid ICU (the i18n test rejects such a catalogue): shown as written
      }
      this.compiled.set(id, mf);
    }
    try {
      return String(mf.format(values));
    } catch {
      return intl.messages[key] as string; // a value missing: as @formatjs/intl does, the message as written
    }
  }

  date(locale: Locale, date: Date, timeZone = this.timeZone): string {
    return this.dateFormat(locale, timeZone, false).format(date);
  }

  dateTime(locale: Locale, date: Date, timeZone = this.timeZone): string {
    return this.dateFormat(locale, timeZone, true).format(date);
  }

  /** Intl.DateTimeFormat is slow to build: one per language, zone and style (a handful of zones in practice). */
  private dateFormat(locale: Locale, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
    const id = `${locale}\u0000${timeZone}\u0000${withTime}`;
    let f = this.dateFormats.get(id);
    if (!f) {
      const tag = (this.intls.get(locale) ?? this.intls.get(FALLBACK)!).locale;
      const style: Intl.DateTimeFormatOptions = { dateStyle: 'medium', ...(withTime ? { timeStyle: 'short' } : {}) };
      try {
        f = new Intl.DateTimeFormat(tag, { ...style, timeZone });
      } catch {
        // A zone this Node does not know (a platform's profile): the organisation's instead.
        f = new Intl.DateTimeFormat(tag, { ...style, timeZone: this.timeZone });
      }
      this.dateFormats.set(id, f);
    }
    return f;
  }
}

function bcp47(locale: Locale): string {
  return { nb: 'nb-NO', sv: 'sv-SE', da: 'da-DK', en: 'en-GB' }[locale];
}
