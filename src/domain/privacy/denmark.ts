// Danish CPR number (DDMMYY-SSSS). There is no reliable check digit: since 2007 many numbers fail
// mod 11, so the date (with the century taken from the 7th digit) is the only hard check.

const TEN_DIGITS = /^\d{10}$/;

/** Full birth year from the two-digit year and the 7th digit (first digit of the serial). */
export function cprYear(yy: number, seventh: number): number {
  if (seventh <= 3) return 1900 + yy;
  if (seventh === 4 || seventh === 9) return yy <= 36 ? 2000 + yy : 1900 + yy;
  return yy <= 57 ? 2000 + yy : 1800 + yy;
}

/** True when the first six digits are a date that exists in the century the 7th digit gives. */
export function cprDateValid(digits: string): boolean {
  if (!TEN_DIGITS.test(digits)) return false;
  const day = Number(digits.slice(0, 2));
  const month = Number(digits.slice(2, 4));
  const year = cprYear(Number(digits.slice(4, 6)), Number(digits[6]));
  const date = new Date(Date.UTC(year, month - 1, day)); // year ≥ 1800, so no 0–99 → 1900s mapping
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

const WEIGHTS = [4, 3, 2, 7, 6, 5, 4, 3, 2, 1];

/** The pre-2007 mod-11 check: weighted digit sum divisible by 11. */
export function cprMod11(digits: string): boolean {
  if (!TEN_DIGITS.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += Number(digits[i]) * WEIGHTS[i]!;
  return sum % 11 === 0;
}
