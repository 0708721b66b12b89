// National identity numbers. Valid numbers are generated here with independent implementations of each
// check-digit rule (not taken from the libraries' docs), so the tests also check the libraries.
import { describe, expect, it } from 'vitest';
import { containsSensitive, detectSensitive, type Finding } from '../../src/domain/privacy/index.ts';

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const digitsOf = (s: string) => s.replace(/\D/g, '');

// --- Norway: DDMMYY + 3-digit individual number + k1 + k2 (classic mod 11) --------------------------------
function mod11(digits: string, weights: number[]): number {
  const sum = weights.reduce((acc, w, i) => acc + w * Number(digits[i]), 0);
  const k = 11 - (sum % 11);
  return k === 11 ? 0 : k;
}
function fodselsnummer(ddmmyy: string, { dNumber = false, from = 100 } = {}): string {
  const date = dNumber ? `${Number(ddmmyy[0]) + 4}${ddmmyy.slice(1)}` : ddmmyy;
  for (let individual = from; individual < 1000; individual++) {
    const nine = `${date}${pad(individual, 3)}`;
    const k1 = mod11(nine, [3, 7, 6, 1, 8, 9, 4, 5, 2]);
    if (k1 === 10) continue;
    const k2 = mod11(`${nine}${k1}`, [5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
    if (k2 !== 10) return `${nine}${k1}${k2}`;
  }
  throw new Error('no individual number');
}

// --- Sweden: YYMMDD + 3-digit serial + Luhn check digit ----------------------------------------------------
function luhnDigit(nine: string): number {
  let sum = 0;
  for (let i = 0; i < 9; i++) {
    const v = Number(nine[i]) * (i % 2 === 0 ? 2 : 1);
    sum += v > 9 ? v - 9 : v;
  }
  return (10 - (sum % 10)) % 10;
}
const luhnValid = (ten: string) => luhnDigit(ten.slice(0, 9)) === Number(ten[9]);
function personnummer(yymmdd: string, serial = 123, { coordination = false } = {}): string {
  const date = coordination ? `${yymmdd.slice(0, 4)}${pad(Number(yymmdd.slice(4)) + 60)}` : yymmdd;
  const nine = `${date}${pad(serial, 3)}`;
  return `${nine}${luhnDigit(nine)}`;
}

// --- Denmark: DDMMYY + 4-digit serial; mod 11 with weights 4,3,2,7,6,5,4,3,2,1 (only some numbers pass) ----
const cprMod11 = (ten: string) =>
  [4, 3, 2, 7, 6, 5, 4, 3, 2, 1].reduce((a, w, i) => a + w * Number(ten[i]), 0) % 11 === 0;
/** A CPR number with the given date and 7th digit that satisfies `want`. */
function cpr(ddmmyy: string, seventh: number, want: (ten: string) => boolean): string {
  for (let rest = 0; rest < 1000; rest++) {
    const ten = `${ddmmyy}${seventh}${pad(rest, 3)}`;
    if (want(ten)) return ten;
  }
  throw new Error('no serial');
}
/** Not also a valid Swedish number when read as YYMMDD-XXXX (so the country is unambiguous). */
const notSwedish = (ten: string) => !luhnValid(ten);
const hyphen = (ten: string) => `${ten.slice(0, 6)}-${ten.slice(6)}`;

const ALLOWED_KEYS = ['kind', 'country', 'idType', 'start', 'end'];

/** The findings must locate the number exactly and never carry it (or any long digit run). */
function expectOneId(text: string, id: string, country: Finding['country'], idType?: Finding['idType']): void {
  const findings = detectSensitive(text);
  expect(findings).toHaveLength(1);
  const [f] = findings;
  expect(f).toMatchObject({ kind: 'national-id', country });
  expect(f?.idType).toBe(idType);
  expect(text.slice(f!.start, f!.end)).toBe(id);
  const json = JSON.stringify(findings);
  expect(json).not.toContain(id);
  expect(json).not.toContain(digitsOf(id));
  expect(json).not.toMatch(/\d{4}/);
  for (const key of Object.keys(f!)) expect(ALLOWED_KEYS).toContain(key);
  expect(containsSensitive(text)).toBe(true);
}

function expectNothing(text: string): void {
  expect(detectSensitive(text)).toEqual([]);
  expect(containsSensitive(text)).toBe(false);
}

describe('the generators agree with the rules', () => {
  it('produce numbers that pass their own check and fail when a digit changes', () => {
    const no = fodselsnummer('150690');
    expect(mod11(no.slice(0, 9), [3, 7, 6, 1, 8, 9, 4, 5, 2])).toBe(Number(no[9]));
    const se = personnummer('850709');
    expect(luhnValid(se)).toBe(true);
    expect(luhnValid(`${se.slice(0, 9)}${(Number(se[9]) + 1) % 10}`)).toBe(false);
    expect(cprMod11('0707614285')).toBe(true);
    expect(cprMod11('0707614286')).toBe(false);
  });
});

describe('Norwegian fødselsnummer and D-number', () => {
  const fnr = fodselsnummer('150690');

  it('finds a bare fødselsnummer at its exact offsets', () => {
    expectOneId(`Feil pasient, fnr ${fnr}, fikk medisin`, fnr, 'NO', 'fodselsnummer');
  });

  it('finds the forms with a space or a hyphen between the date and the personal number', () => {
    const spaced = `${fnr.slice(0, 6)} ${fnr.slice(6)}`;
    expectOneId(`Gjelder ${spaced} i dag`, spaced, 'NO', 'fodselsnummer');
    const nbsp = `${fnr.slice(0, 6)}\u00a0${fnr.slice(6)}`;
    expectOneId(`Gjelder ${nbsp}`, nbsp, 'NO', 'fodselsnummer');
    const dashed = `${fnr.slice(0, 6)}-${fnr.slice(6)}`;
    expectOneId(`Gjelder ${dashed}.`, dashed, 'NO', 'fodselsnummer');
  });

  it('finds a D-number (first digit + 4) and labels it', () => {
    const dnr = fodselsnummer('150690', { dNumber: true });
    expect(Number(dnr[0])).toBeGreaterThanOrEqual(4);
    expectOneId(`D-nr ${dnr}`, dnr, 'NO', 'd-number');
  });

  it('finds a number glued to letters or punctuation', () => {
    expectOneId(`fnr:${fnr}`, fnr, 'NO', 'fodselsnummer');
    expectOneId(`(${fnr})`, fnr, 'NO', 'fodselsnummer');
  });

  it('ignores an 11-digit number whose check digits are wrong', () => {
    const wrong = `${fnr.slice(0, 10)}${(Number(fnr[10]) + 1) % 10}`;
    expectNothing(`Gjelder ${wrong}`);
    expectNothing(`Gjelder ${wrong.slice(0, 6)} ${wrong.slice(6)}`);
  });

  it('checks the date: 29 February only in a leap year', () => {
    expectOneId(`fnr ${fodselsnummer('290296')}`, fodselsnummer('290296'), 'NO', 'fodselsnummer');
    expectNothing(`fnr ${fodselsnummer('290201')}`);
    expectNothing(`fnr ${fodselsnummer('311190')}`);
  });

  it('ignores a valid number inside a longer run of digits', () => {
    expectNothing(`Ordre 9${fnr}`);
    expectNothing(`Ordre ${fnr}7`);
    expectNothing(`Ordre 12${fnr.slice(0, 6)} ${fnr.slice(6)}`);
  });

  it('finds several numbers in one text', () => {
    const other = fodselsnummer('010203', { from: 500 });
    const findings = detectSensitive(`${fnr} og ${other}`);
    expect(findings.map((f) => f.start)).toEqual([0, fnr.length + 4]);
  });
});

describe('Swedish personnummer and samordningsnummer', () => {
  // Dates with YY > 31, so they cannot be read as a Danish DDMMYY date.
  const pnr = personnummer('850709', 980);

  it('finds YYMMDD-XXXX, YYMMDD+XXXX and the bare 10-digit form', () => {
    expectOneId(`Pnr ${hyphen(pnr)} föll`, hyphen(pnr), 'SE', 'personnummer');
    const plus = `${pnr.slice(0, 6)}+${pnr.slice(6)}`;
    expectOneId(`Patient ${plus} (över 100 år)`, plus, 'SE', 'personnummer');
    expectOneId(`nummer ${pnr} föll`, pnr, 'SE', 'personnummer');
  });

  it('finds the 12-digit forms with the century', () => {
    expectOneId(`Pnr 19${pnr} föll`, `19${pnr}`, 'SE', 'personnummer');
    const long = `19${pnr.slice(0, 6)}-${pnr.slice(6)}`;
    expectOneId(`Pnr ${long} föll`, long, 'SE', 'personnummer');
    const young = personnummer('120314', 456);
    expectOneId(`barnet 20${young}`, `20${young}`, 'SE', 'personnummer');
  });

  it('finds a samordningsnummer (day + 60) and labels it', () => {
    const snr = personnummer('850709', 321, { coordination: true });
    expect(snr.slice(4, 6)).toBe('69');
    expectOneId(`Snr ${hyphen(snr)}`, hyphen(snr), 'SE', 'samordningsnummer');
    expectOneId(`Snr 19${snr}`, `19${snr}`, 'SE', 'samordningsnummer');
  });

  it('ignores a number whose Luhn digit is wrong', () => {
    const wrong = `${pnr.slice(0, 9)}${(Number(pnr[9]) + 1) % 10}`;
    expectNothing(`Pnr ${hyphen(wrong)}`);
    expectNothing(`Pnr ${wrong}`);
    expectNothing(`Pnr 19${wrong}`);
  });

  it('ignores a valid 12-digit number inside a longer digit run', () => {
    expectNothing(`ref 119${pnr}`);
    expectNothing(`ref 19${pnr}3`);
  });

  it('treats a bare 0… number next to a phone word as a phone number, but not next to an id word', () => {
    const phone = personnummer('070123', 456); // also a valid personnummer for someone born 2007-01-23
    expectOneId(`nummer ${phone}`, phone, 'SE', 'personnummer');
    expectNothing(`Ring anhörig på tel ${phone}`);
    expectOneId(`tel saknas, pnr ${phone}`, phone, 'SE', 'personnummer');
  });
});

describe('Danish CPR', () => {
  // Born 2012 (7th digit 4, YY ≤ 36), failing mod 11 like many numbers issued since 2007.
  const modern = cpr('150312', 4, (t) => !cprMod11(t) && notSwedish(t));

  it('finds DDMMYY-SSSS from the 2000s that fails mod 11', () => {
    expect(cprMod11(modern)).toBe(false);
    expectOneId(`Barnet ${hyphen(modern)} faldt`, hyphen(modern), 'DK', 'cpr');
  });

  it('finds a bare 10-digit CPR only with a context word nearby', () => {
    expectNothing(`Ordre ${modern} er sendt`);
    expectOneId(`CPR-nr. ${modern}`, modern, 'DK', 'cpr');
    expectOneId(`personnummer: ${modern}`, modern, 'DK', 'cpr');
    expectOneId(`${modern} (cpr)`, modern, 'DK', 'cpr');
    expectOneId(`født ${modern}`, modern, 'DK', 'cpr');
  });

  it('finds a bare 10-digit CPR without context when it passes mod 11', () => {
    const old = cpr('070761', 4, (t) => cprMod11(t) && notSwedish(t));
    expectOneId(`Sag ${old}`, old, 'DK', 'cpr');
  });

  it('requires the date to exist: 29 February only in leap years, century from the 7th digit', () => {
    expectNothing(`CPR ${hyphen(cpr('290201', 1, notSwedish))}`); // 1901
    expectNothing(`CPR ${hyphen(cpr('290201', 4, notSwedish))}`); // 2001
    expectNothing(`CPR ${hyphen(cpr('290200', 2, notSwedish))}`); // 7th digit 0–3: 1900, not a leap year
    for (const seventh of [4, 6, 9]) {
      const leap = hyphen(cpr('290200', seventh, notSwedish)); // 2000
      expectOneId(`CPR ${leap}`, leap, 'DK', 'cpr');
    }
    expectNothing(`CPR ${hyphen(cpr('310490', 1, notSwedish))}`);
    expectNothing(`CPR ${hyphen(cpr('001090', 1, notSwedish))}`);
  });

  it('prefers Denmark over Sweden for a number valid in both only when "cpr" is near', () => {
    const both = cpr('120312', 4, (t) => luhnValid(t));
    expectOneId(`CPR ${hyphen(both)}`, hyphen(both), 'DK', 'cpr');
    expectOneId(`Nummer ${hyphen(both)}`, hyphen(both), 'SE', 'personnummer');
  });
});

describe('numbers that are not national ids', () => {
  it.each([
    ['Norwegian phone numbers', 'Ring vakthavende på +47 22 33 44 55 eller 987 65 432 eller 98765432'],
    ['Swedish phone numbers', 'Ring 070-123 45 67 eller +46 70 123 45 67 eller 08-123 456 78'],
    ['Danish phone numbers', 'Ring +45 12 34 56 78 eller 12345678'],
    ['an international number without spaces', 'Ring +4722334455 eller +46701234567'],
    ['dates', 'Skjedde 12.03.2024, 2024-03-12 og 12/03/24 kl 14:30'],
    ['compact dates', 'Dato 20240312 og 120324'],
    ['times', 'kl. 14:30, 14.30 og 1430'],
    ['incident references', 'Se IVR-2026-0042 og IVR-2026-1234'],
    ['room and bed numbers', 'Flyttet fra rom 412 seng 2 til stue 3B, sal 12-4'],
    ['organisation numbers', 'Org.nr 923456789 MVA og 923 456 789'],
    ['a 10-digit number with an impossible date', 'Ref 3213901234 og 321390-1234'],
    ['amounts and doses', 'Dose 1 000 mg, 2 500 000 kr, 0,5 ml'],
  ])('%s', (_label, text) => {
    expectNothing(text);
  });
});

describe('detectSensitive over mixed text', () => {
  it('returns ids and names sorted and non-overlapping, so masking right to left keeps the rest', () => {
    const fnr = fodselsnummer('010190');
    const text = `Pasienten Kari Nordmann, fnr ${fnr}, fikk feil dose`;
    const findings = detectSensitive(text);
    expect(findings.map((f) => f.kind)).toEqual(['patient-name', 'national-id']);
    expect(findings[0]!.end).toBeLessThanOrEqual(findings[1]!.start);
    let masked = text;
    for (const f of [...findings].reverse()) masked = `${masked.slice(0, f.start)}[…]${masked.slice(f.end)}`;
    expect(masked).toBe('Pasienten […], fnr […], fikk feil dose');
    expect(JSON.stringify(findings)).not.toContain(fnr);
    expect(JSON.stringify(findings)).not.toContain('Nordmann');
  });

  it('containsSensitive is false for an ordinary incident description', () => {
    expect(containsSensitive('Feil dose Paracet gitt kl 14:30 på rom 412, meldt som IVR-2026-0042')).toBe(false);
    expect(containsSensitive('')).toBe(false);
  });
});
