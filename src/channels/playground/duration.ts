// ISO-8601 durations for the playground clock: PnW or PnDTnHnMnS (no years or months: their length
// depends on the calendar). Returns milliseconds, or an error message for the 400.

const PATTERN = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:[.,]\d+)?)S)?)?$/i;
/** The clock moves at most a year per request. */
export const MAX_ADVANCE_MS = 366 * 24 * 3600 * 1000;

export type Parsed = { ok: true; ms: number } | { ok: false; error: string };

export function parseDuration(input: unknown): Parsed {
  if (typeof input !== 'string' || input.trim() === '') {
    return { ok: false, error: 'advance must be an ISO-8601 duration such as "PT12H" or "P1D"' };
  }
  const text = input.trim();
  const m = PATTERN.exec(text);
  // "P" and "PT" alone match the pattern but say nothing; "P1DT" has a dangling T.
  if (!m || text.toUpperCase() === 'P' || /T$/i.test(text)) {
    return { ok: false, error: `"${text.slice(0, 40)}" is not a duration of the form PnW or PnDTnHnMnS` };
  }
  const [, weeks, days, hours, minutes, seconds] = m;
  const ms =
    Number(weeks ?? 0) * 7 * 86_400_000 +
    Number(days ?? 0) * 86_400_000 +
    Number(hours ?? 0) * 3_600_000 +
    Number(minutes ?? 0) * 60_000 +
    Number((seconds ?? '0').replace(',', '.')) * 1000;
  if (!Number.isFinite(ms) || ms <= 0) return { ok: false, error: 'the duration must be longer than zero' };
  if (ms > MAX_ADVANCE_MS) return { ok: false, error: 'the clock moves at most a year at a time' };
  return { ok: true, ms: Math.round(ms) };
}
