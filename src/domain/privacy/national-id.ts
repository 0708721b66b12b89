// Finds Norwegian, Swedish and Danish national identity numbers in free text.
import { cprDateValid, cprMod11 } from './denmark.ts';
import { norwegianId } from './norway.ts';
import { swedishId } from './sweden.ts';
import type { Country, Finding, IdType } from './types.ts';

// A run of 6–12 digits, optionally followed by one separator (space, no-break space, '-' or '+') and 4–5
// more digits. Digits directly adjacent on either side mean the run is part of a longer number, not an id;
// a leading '+' means an international phone number (+47…, +46…, +45…).
const CANDIDATE = /(?<![\d+])(\d{6,12})(?:([ \u00a0+-])(\d{4,5}))?(?!\d)/g;

// Words that say "this number identifies a person" (nb, nn, sv, da, en).
const ID_CONTEXT =
  /(?<![\p{L}\p{N}])(?:cpr(?:[ -]?(?:nr|nummer))?|person(?:nummer|nr)|pers\.? ?nr|p-?nr|pnr|fødsels(?:nummer|nr)|f\.? ?nr|fnr|födelsenummer|personal (?:id(?:entity)? )?(?:number|no)|national id(?:entity)?(?: number)?|social security|ssn|id(?:[ -]?(?:nr|nummer|no))?|d-?(?:nummer|nr)|samordningsnummer|født|fødd|född|f\.|born|dob|date of birth)(?![\p{L}\p{N}])/iu;
// Only "cpr" settles a number that is both a valid Swedish and a valid Danish number.
const DANISH_CONTEXT = /(?<![\p{L}\p{N}])cpr/iu;
const PHONE_CONTEXT =
  /(?<![\p{L}\p{N}])(?:tlf|tel|telefon(?:nummer|nr)?|mobil(?:nummer|nr|en)?|mob|ring(?:te|de|er|t)?|phone|cell|sms)(?![\p{L}])/iu;

const CONTEXT_BEFORE = 40;
const CONTEXT_AFTER = 25;
const PHONE_BEFORE = 25;

interface Hit {
  country: Country;
  idType?: IdType;
}

function near(re: RegExp, text: string, start: number, end: number, before: number, after: number): boolean {
  return (
    re.test(text.slice(Math.max(0, start - before), start)) || (after > 0 && re.test(text.slice(end, end + after)))
  );
}

function norway(digits: string): Hit | null {
  const no = norwegianId(digits);
  return no ? { country: 'NO', ...no } : null;
}

function sweden(pin: string): Hit | null {
  const idType = swedishId(pin);
  return idType ? { country: 'SE', idType } : null;
}

/**
 * Ten digits with no separator, '-' or '+': Swedish (YYMMDD[-+]XXXX, Luhn) and/or Danish (DDMMYY-SSSS).
 *
 * Danish trade-off: since 2007 many CPR numbers fail mod 11, so a valid date (century from the 7th digit)
 * is the only hard check, and ~1 in 5 random 10-digit numbers has one. We therefore flag a CPR-shaped
 * number only when it is written DDMMYY-SSSS, or a context word (cpr, personnummer, fnr, id, født…) is
 * near, or it also passes mod 11. A bare 10-digit number with a valid date, no context and a failing
 * mod 11 is NOT flagged: we accept missing some post-2007 CPR numbers typed without hyphen or context
 * rather than refusing every order, phone or account number that happens to start with a date.
 */
function tenDigits(text: string, digits: string, sep: '' | '-' | '+', start: number, end: number): Hit | null {
  const context = near(ID_CONTEXT, text, start, end, CONTEXT_BEFORE, CONTEXT_AFTER);
  // A bare 0XXXXXXXXX next to "tlf"/"mobil"/"ring" is a Swedish phone number, unless an id word is also near.
  if (sep === '' && digits.startsWith('0') && !context && near(PHONE_CONTEXT, text, start, end, PHONE_BEFORE, 0))
    return null;
  const se = sweden(sep ? `${digits.slice(0, 6)}${sep}${digits.slice(6)}` : digits);
  const dk =
    sep !== '+' && cprDateValid(digits) && (sep === '-' || context || cprMod11(digits))
      ? ({ country: 'DK', idType: 'cpr' } as const)
      : null;
  if (se && dk) return near(DANISH_CONTEXT, text, start, end, CONTEXT_BEFORE, CONTEXT_AFTER) ? dk : se;
  return se ?? dk;
}

/** `a` (digits), then optionally `sep` and `b` (digits), found at `start` in `text`. */
function classify(text: string, start: number, a: string, sep: string, b: string): Hit | null {
  const end = start + a.length + sep.length + b.length;
  if (sep === '') {
    if (a.length === 11) return norway(a);
    if (a.length === 12) return sweden(a);
    if (a.length === 10) return tenDigits(text, a, '', start, end);
    return null;
  }
  if (a.length === 6 && b.length === 5 && sep !== '+') return norway(a + b);
  if (sep !== '-' && sep !== '+') return null;
  if (a.length === 6 && b.length === 4) return tenDigits(text, a + b, sep, start, end);
  if (a.length === 8 && b.length === 4) return sweden(`${a}${sep}${b}`);
  return null;
}

function toFinding(hit: Hit, start: number, end: number): Finding {
  return hit.idType
    ? { kind: 'national-id', country: hit.country, idType: hit.idType, start, end }
    : { kind: 'national-id', country: hit.country, start, end };
}

/** National identity numbers in `text`, in order of appearance. */
export function findNationalIds(text: string): Finding[] {
  const out: Finding[] = [];
  for (const m of text.matchAll(CANDIDATE)) {
    const start = m.index ?? 0;
    const [whole, lead = '', sep = '', tail = ''] = m;
    const hit = classify(text, start, lead, sep, tail);
    if (hit) out.push(toFinding(hit, start, start + whole.length));
    else if (sep !== '') {
      // "0101901234 12345": the separated tail did not make an id, but the leading run alone may be one.
      const single = classify(text, start, lead, '', '');
      if (single) out.push(toFinding(single, start, start + lead.length));
    }
  }
  return out;
}
