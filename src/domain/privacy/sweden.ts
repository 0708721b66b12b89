// Swedish personnummer / samordningsnummer (YYMMDD-XXXX, YYMMDD+XXXX, YYYYMMDDXXXX, …; Luhn check digit,
// samordningsnummer add 60 to the day). Validation is delegated to the `personnummer` package.
import * as personnummerModule from 'personnummer';

interface ParsedPersonnummer {
  isCoordinationNumber(): boolean;
}

interface PersonnummerApi {
  parse(pin: string, options?: { allowCoordinationNumber: boolean; allowInterimNumber: boolean }): ParsedPersonnummer;
}

// `personnummer` is CommonJS with `module.exports = class` but its typings declare `export default`,
// so the class sits at `default` or `default.default` depending on the loader: unwrap until found.
function resolveApi(mod: unknown): PersonnummerApi {
  let candidate: unknown = mod;
  for (let depth = 0; depth < 3 && candidate != null; depth++) {
    if (typeof (candidate as { parse?: unknown }).parse === 'function') return candidate as PersonnummerApi;
    candidate = (candidate as { default?: unknown }).default;
  }
  throw new Error('personnummer: unexpected module shape');
}

const api = resolveApi(personnummerModule);

const OPTIONS = { allowCoordinationNumber: true, allowInterimNumber: false };

/**
 * Returns the kind of Swedish id `pin` is, or null. `pin` is 10 or 12 digits, optionally with `-` or `+`
 * before the last four (the library rejects anything else).
 */
export function swedishId(pin: string): 'personnummer' | 'samordningsnummer' | null {
  try {
    return api.parse(pin, OPTIONS).isCoordinationNumber() ? 'samordningsnummer' : 'personnummer';
  } catch {
    return null;
  }
}
