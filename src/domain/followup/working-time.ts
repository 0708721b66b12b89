// When a person can be reached: working hours in their own time zone, their working days, and the public
// holidays of their country. Pure functions of (instant, profile); all wall-clock arithmetic is done by
// luxon in the profile's zone, so 08:00 stays 08:00 local across the March and October DST changes.
import Holidays from 'date-holidays';
import { DateTime, IANAZone } from 'luxon';

export type Country = 'NO' | 'SE' | 'DK';

export interface WorkingProfile {
  /** IANA, default Europe/Oslo. */
  timeZone: string;
  /** Whose public holidays apply. */
  country: Country;
  /** Local working hours, e.g. { start: '08:00', end: '16:00' }; a night shift may wrap midnight: { start: '22:00', end: '07:00' }. */
  hours: { start: string; end: string };
  /** ISO weekdays worked (1 = Monday … 7 = Sunday); default [1,2,3,4,5]. Shift workers may work weekends. */
  days: number[];
  /** Shift workers follow their own days: holidays do not block them (they work them). Default false. */
  worksHolidays: boolean;
}

export const DEFAULT_PROFILE: WorkingProfile = Object.freeze({
  timeZone: 'Europe/Oslo',
  country: 'NO',
  hours: Object.freeze({ start: '08:00', end: '16:00' }),
  days: Object.freeze([1, 2, 3, 4, 5]) as number[],
  worksHolidays: false,
});

// ---- holidays -------------------------------------------------------------------------------------------
// Days off are date-holidays' `public` and `bank` types. `public` alone misses the de-facto days off that
// the library files as `bank`: Christmas Eve in NO/SE, Midsummer Eve and New Year's Eve in SE, when
// hospital staff offices are closed. `optional`, `school` and `observance` are working days (Olsok,
// Valborg, Skärtorsdag in SE, annandag pingst since 2005). A holiday counts only if it starts at local
// midnight: half days (NO Nyttårsaften from 14:00) leave the morning for a check-in.
const DAY_OFF_TYPES: ReadonlySet<string> = new Set(['public', 'bank']);
// Denmark: the library files Juleaftensdag as an `observance`, but it is a day off in the regions'
// agreements, so it is promoted by its library rule (the date still comes from the library).
// Grundlovsdag (5 June, also `observance`) is only off from 12:00, so like a half day it stays working.
const PROMOTED: Record<Country, readonly string[]> = { NO: [], SE: [], DK: ['12-24'] };

const calendars = new Map<Country, Holidays>();
const daysOffByYear = new Map<string, ReadonlySet<string>>();

function holidayDates(country: Country, year: number): ReadonlySet<string> {
  const key = `${country}:${year}`;
  let dates = daysOffByYear.get(key);
  if (!dates) {
    let calendar = calendars.get(country);
    if (!calendar) {
      calendar = new Holidays(country);
      calendars.set(country, calendar);
    }
    dates = new Set(
      calendar
        .getHolidays(year)
        .filter((h) => DAY_OFF_TYPES.has(h.type) || PROMOTED[country].includes(h.rule))
        .filter((h) => h.date.endsWith(' 00:00:00')) // `date` is local wall time "yyyy-mm-dd hh:mm:ss"
        .map((h) => h.date.slice(0, 10)),
    );
    daysOffByYear.set(key, dates);
  }
  return dates;
}

// ---- working days and periods ---------------------------------------------------------------------------
// Days are numbered from 1970-01-01 (calendar dates, no zone); luxon is only used to place a day's working
// hours on the time line, and those periods are memoised, because the dispatcher asks for every due message.
interface Clock {
  hour: number;
  minute: number;
}
interface Shape {
  key: string;
  start: Clock;
  end: Clock;
  wraps: boolean;
  dateOf: Intl.DateTimeFormat;
}
interface Period {
  start: number;
  end: number;
}

const DAY_MS = 86_400_000;
const SEARCH_DAYS = 400; // at least one weekday a week is worked; holidays never fill a year
const shapes = new Map<string, Shape>();
const periods = new Map<string, Period | null>();

const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);

function dayOf(localDate: string): number {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(localDate) ? Date.parse(`${localDate}T00:00:00Z`) / DAY_MS : Number.NaN;
  if (!Number.isInteger(day) || isoOf(day) !== localDate)
    throw new RangeError(`not a local date yyyy-mm-dd: ${localDate}`);
  return day;
}

function parseClock(s: string): Clock {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(s);
  if (!m) throw new RangeError(`working hours must be HH:mm, got ${s}`);
  return { hour: Number(m[1]), minute: Number(m[2]) };
}

function shapeOf(p: WorkingProfile): Shape {
  const key = JSON.stringify([p.timeZone, p.country, p.hours.start, p.hours.end, p.days, p.worksHolidays]);
  const known = shapes.get(key);
  if (known) return known;
  if (!IANAZone.isValidZone(p.timeZone)) throw new RangeError(`not an IANA time zone: ${p.timeZone}`);
  if (p.days.length === 0 || p.days.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) {
    throw new RangeError('working days must be ISO weekdays 1–7, at least one');
  }
  const start = parseClock(p.hours.start);
  const end = parseClock(p.hours.end);
  // end <= start is a shift over midnight (equal: a 24-hour shift).
  const wraps = end.hour * 60 + end.minute <= start.hour * 60 + start.minute;
  const dateOf = new Intl.DateTimeFormat('en-US', {
    timeZone: p.timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  });
  const shape = { key, start, end, wraps, dateOf };
  if (shapes.size > 10_000) shapes.clear();
  shapes.set(key, shape);
  return shape;
}

/** The local calendar day of an instant in the profile's zone. */
function localDay(at: Date, shape: Shape): number {
  const parts = shape.dateOf.formatToParts(at);
  const part = (type: string) => Number(parts.find((x) => x.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day')) / DAY_MS;
}

export function isDayOff(localDate: string, profile: WorkingProfile): boolean {
  const weekday = ((new Date(dayOf(localDate) * DAY_MS).getUTCDay() + 6) % 7) + 1; // ISO: Monday = 1
  if (!profile.days.includes(weekday)) return true;
  return !profile.worksHolidays && isHoliday(localDate, profile.country);
}

/** Whether `localDate` (yyyy-mm-dd) is a public holiday (or one of the days treated as such) in `country`. */
export function isHoliday(localDate: string, country: Country): boolean {
  dayOf(localDate); // validates
  return holidayDates(country, Number(localDate.slice(0, 4))).has(localDate);
}

/**
 * `clock` on local `day`. A time in the spring-forward gap (02:30 on the last Sunday of March in Europe)
 * becomes the first valid local time (03:00); luxon alone would shift it by the gap (03:30).
 */
function wallTime(day: DateTime, clock: Clock): number {
  const dt = day.set({ hour: clock.hour, minute: clock.minute, second: 0, millisecond: 0 });
  if (dt.hour === clock.hour && dt.minute === clock.minute) return dt.toMillis();
  const target = Date.UTC(day.year, day.month - 1, day.day, clock.hour, clock.minute);
  const wall = (ms: number) => ms + DateTime.fromMillis(ms, { zone: day.zone }).offset * 60_000;
  // Binary search, to the minute, for the first instant whose wall time is at or after the target.
  let lo = dt.toMillis() - 3 * 3_600_000;
  let hi = dt.toMillis();
  while (hi - lo > 60_000) {
    const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
    if (wall(mid) >= target) hi = mid;
    else lo = mid;
  }
  return hi;
}

/** The working period that starts on local `day`, if that day is worked. */
function periodOn(day: number, profile: WorkingProfile, shape: Shape): Period | null {
  const key = `${shape.key}|${day}`;
  let p = periods.get(key);
  if (p !== undefined) return p;
  p = null;
  if (!isDayOff(isoOf(day), profile)) {
    const midnight = DateTime.fromISO(isoOf(day), { zone: profile.timeZone });
    // A night shift's hours after midnight belong to the shift that started the evening before.
    const endDay = shape.wraps ? DateTime.fromISO(isoOf(day + 1), { zone: profile.timeZone }) : midnight;
    p = { start: wallTime(midnight, shape.start), end: wallTime(endDay, shape.end) };
  }
  if (periods.size > 100_000) periods.clear();
  periods.set(key, p);
  return p;
}

/** Working periods in time order, from the one that starts on the local day before `at`. */
function* periodsFrom(at: Date, profile: WorkingProfile): Generator<Period> {
  const shape = shapeOf(profile);
  const first = localDay(at, shape) - 1;
  for (let day = first; day < first + SEARCH_DAYS; day++) {
    const p = periodOn(day, profile, shape);
    if (p) yield p;
  }
  throw new Error('no working period within a year');
}

/** The first moment at or after `at` inside working time (never at night for day workers, never on a day off). */
export function nextWorkingSlot(at: Date, profile: WorkingProfile): Date {
  const t = at.getTime();
  for (const p of periodsFrom(at, profile)) if (t < p.end) return new Date(Math.max(t, p.start));
  throw new Error('unreachable');
}

export function isWorkingTime(at: Date, profile: WorkingProfile): boolean {
  return nextWorkingSlot(at, profile).getTime() === at.getTime();
}

/** The start of the first working period that begins strictly after `at` (the next working morning or evening). */
export function nextWorkingStart(at: Date, profile: WorkingProfile): Date {
  for (const p of periodsFrom(at, profile)) if (p.start > at.getTime()) return new Date(p.start);
  throw new Error('unreachable');
}

/**
 * The working morning before `at`: the start of the last working period that begins on an earlier local day.
 * "Earlier" is measured from the day `at`'s own shift began, so for 01:00 inside a night shift that began at
 * 22:00 the day before, it is the shift before that one, not the one `at` is part of.
 */
export function previousWorkingMorning(at: Date, profile: WorkingProfile): Date {
  const shape = shapeOf(profile);
  const t = at.getTime();
  let day = localDay(at, shape);
  const running = periodOn(day - 1, profile, shape);
  if (running && running.start <= t && t < running.end) day -= 1;
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const p = periodOn(--day, profile, shape);
    if (p) return new Date(p.start);
  }
  throw new Error('no working period within a year');
}
