// The scheduling rules of a follow-up plan (issue 7): when each check-in is due, what to do with one found
// due late (after downtime), where a snooze lands, and when a peer supporter's weekly summary is due.
// Pure: every instant comes in as an argument.
import { DateTime, Duration } from 'luxon';
import { isWorkingTime, nextWorkingSlot, nextWorkingStart, type WorkingProfile } from './working-time.ts';

/** Day 1, day 3, week 1, week 2, week 4, month 3 after registration (ISO 8601). */
export const DEFAULT_OFFSETS = ['P1D', 'P3D', 'P1W', 'P2W', 'P4W', 'P3M'] as const;

const MIN_GAP_MS = 12 * 3_600_000;

/** A check-in later than this is re-planned instead of sent (issue 7); the dispatcher's claim skips it. */
export const CHECKIN_LATENESS = 'PT24H';
export const CHECKIN_LATENESS_MS = 24 * 3_600_000;

function duration(iso: string): Duration {
  const d = Duration.fromISO(iso);
  if (!d.isValid || d.toMillis() < 0) throw new RangeError(`not an ISO 8601 duration: ${iso}`);
  return d;
}

/** `at` + `iso` as calendar arithmetic in the profile's zone: P1D is the same local time the next day, across DST too. */
function plus(at: Date, iso: string, profile: WorkingProfile): Date {
  return DateTime.fromJSDate(at, { zone: profile.timeZone }).plus(duration(iso)).toJSDate();
}

/**
 * Check-in times for one person: registration time + each offset, each moved to the next working slot;
 * strictly increasing and at least 12 hours apart (a collision moves the later one on to the next working day).
 * Offsets are taken in the order given, so result i belongs to offsets[i].
 */
export function planCheckins(registeredAt: Date, offsets: readonly string[], profile: WorkingProfile): Date[] {
  const out: Date[] = [];
  for (const offset of offsets) {
    let slot = nextWorkingSlot(plus(registeredAt, offset, profile), profile);
    const prev = out.at(-1);
    // Day 1 and day 3 both land on Monday after a Friday registration: two check-ins the same day would
    // read as nagging, so the later one goes to the start of the next working period (at least 12 h on).
    if (prev && slot.getTime() < prev.getTime() + MIN_GAP_MS) {
      const earliest = Math.max(nextWorkingStart(prev, profile).getTime(), prev.getTime() + MIN_GAP_MS);
      slot = nextWorkingSlot(new Date(earliest), profile);
    }
    out.push(slot);
  }
  return out;
}

/**
 * What to do with a check-in found due at `now` (e.g. after downtime): send now if it is at most `lateness`
 * (default PT24H) late and `now` is working time; otherwise move it.
 * - Outside working time it moves to the next working slot (the start of the next working period).
 * - Too late during working time it also moves to the start of the next working period, not to `now`: a stale
 *   check-in is re-planned for a fresh working day rather than fired off mid-shift as if nothing happened.
 * - Not due yet (`now` < `dueAt`): it stays at its working slot.
 */
export function dueAction(
  dueAt: Date,
  now: Date,
  profile: WorkingProfile,
  lateness = CHECKIN_LATENESS,
): { send: true } | { send: false; moveTo: Date } {
  const late = now.getTime() - dueAt.getTime();
  if (late < 0) return { send: false, moveTo: nextWorkingSlot(dueAt, profile) };
  if (late <= duration(lateness).toMillis() && isWorkingTime(now, profile)) return { send: true };
  return { send: false, moveTo: nextWorkingStart(now, profile) };
}

/** Snooze: 'P1D' or 'P1W' from now, to the next working slot. */
export function snoozeUntil(now: Date, by: 'P1D' | 'P1W', profile: WorkingProfile): Date {
  return nextWorkingSlot(plus(now, by, profile), profile);
}

/**
 * The peer supporter's weekly summary for the ISO week (in their zone) that `now` falls in: due at the
 * start of their first working period that begins on or after Monday 00:00 (a day worker's Monday
 * morning, Tuesday's when Monday is a holiday; a night worker's Monday evening). Null when that week
 * has no working period left (the next week's summary covers it).
 */
export function weeklySummarySlot(now: Date, profile: WorkingProfile): { week: string; dueAt: Date } | null {
  const local = DateTime.fromJSDate(now, { zone: profile.timeZone });
  const monday = local.startOf('week'); // luxon's weeks are ISO weeks: Monday first
  const dueAt = nextWorkingStart(new Date(monday.toMillis() - 1), profile);
  const due = DateTime.fromJSDate(dueAt, { zone: profile.timeZone });
  if (due.weekYear !== local.weekYear || due.weekNumber !== local.weekNumber) return null;
  return { week: `${local.weekYear}-W${String(local.weekNumber).padStart(2, '0')}`, dueAt };
}
