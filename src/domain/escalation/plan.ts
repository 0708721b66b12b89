// When a manager step's owner is reminded before its deadline, and when each level of the escalation
// ladder is told after it (issue 8). Pure: every instant comes in as an argument; wall-clock arithmetic
// is done by luxon in the profile's zone, so 07:00 stays 07:00 local across the DST changes.
import { DateTime } from 'luxon';
import {
  isDayOff,
  nextWorkingSlot,
  nextWorkingStart,
  previousWorkingMorning,
  type WorkingProfile,
} from '../followup/working-time.ts';
import { DEFAULT_LADDER, type EscalationConfig, type Ladder, type ResponseTime } from './ladder.ts';

const HOUR_MS = 3_600_000;
const MAX_WORKING_DAYS_SCAN = 400;

/** The ladder that lists `category`, else the default ladder (the one with no categories). */
export function ladderFor(config: EscalationConfig, category: string): Ladder {
  const listed = config.ladders.find((l) => l.categories.includes(category));
  // A validated config always has a default; the built-in one guards a hand-built config.
  return listed ?? config.ladders.find((l) => l.categories.length === 0) ?? DEFAULT_LADDER;
}

/**
 * The latest start of a working period strictly before `deadline`: the due day's working morning, or,
 * when the due day is off or the deadline comes before its morning, the last working morning before it.
 */
function dueMorning(deadline: Date, profile: WorkingProfile): Date {
  let morning = previousWorkingMorning(deadline, profile);
  for (;;) {
    const next = nextWorkingStart(morning, profile);
    if (next.getTime() >= deadline.getTime()) return morning;
    morning = next;
  }
}

/**
 * Reminder instants for one step: half time between creation and deadline, and the working morning of
 * the due day (see dueMorning), each moved into working time. One is dropped when it falls at or after
 * the deadline (the ladder takes over then), at or before creation (the step's own notice says it), or
 * before `now` (re-planning after a restart does not resend the past). Deduplicated, in time order.
 */
export function reminderTimes(
  createdAt: Date,
  deadline: Date,
  profile: WorkingProfile,
  opts: { halfTime: boolean; dueMorning: boolean },
  now: Date = createdAt,
): Date[] {
  const candidates: Date[] = [];
  if (opts.halfTime) candidates.push(new Date((createdAt.getTime() + deadline.getTime()) / 2));
  if (opts.dueMorning) candidates.push(dueMorning(deadline, profile));
  const times = new Set<number>();
  for (const c of candidates) {
    const t = nextWorkingSlot(c, profile).getTime();
    if (t < deadline.getTime() && t > createdAt.getTime() && t >= now.getTime()) times.add(t);
  }
  return [...times].sort((a, b) => a - b).map((t) => new Date(t));
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** `local` at the wall time `hhmm`; a time in the spring-forward gap comes out just after the gap. */
function atClock(local: DateTime, hhmm: string): DateTime {
  return local.set({ hour: Number(hhmm.slice(0, 2)), minute: Number(hhmm.slice(3, 5)), second: 0, millisecond: 0 });
}

/** `at`, or the end of the quiet period it falls in (local wall time in the profile's zone). */
export function outOfQuietHours(at: Date, quiet: Ladder['quietHours'], profile: WorkingProfile): Date {
  if (!quiet) return at;
  const local = DateTime.fromJSDate(at, { zone: profile.timeZone });
  const now = local.hour * 60 + local.minute;
  const start = minutes(quiet.start);
  const end = minutes(quiet.end);
  const wraps = end < start; // e.g. 20:00–07:00 runs over midnight
  if (wraps ? now >= start : now >= start && now < end) {
    // Inside a period that ends later today (non-wrapping) or tomorrow (wrapping, evening part).
    return atClock(wraps ? local.plus({ days: 1 }) : local, quiet.end).toJSDate();
  }
  if (wraps && now < end) return atClock(local, quiet.end).toJSDate(); // the morning part
  return at;
}

/** `at` + a level's response time: elapsed hours, or working days at the same local time. */
export function afterResponseTime(at: Date, within: ResponseTime, profile: WorkingProfile): Date {
  if (within.kind === 'hours') return new Date(at.getTime() + within.hours * HOUR_MS);
  const start = DateTime.fromJSDate(at, { zone: profile.timeZone });
  // Count by calendar date, then put the original wall time back: a DST night does not shift it.
  let day = start.startOf('day');
  for (let left = within.workingDays, i = 0; left > 0; i++) {
    if (i > MAX_WORKING_DAYS_SCAN) throw new Error('no working day within a year');
    day = day.plus({ days: 1 });
    if (!isDayOff(day.toISODate() ?? '', profile)) left--;
  }
  return day
    .set({ hour: start.hour, minute: start.minute, second: start.second, millisecond: start.millisecond })
    .toJSDate();
}

export interface EscalationNotice {
  /** Index into ladder.levels; 0 is told at the deadline. */
  level: number;
  at: Date;
  /** 0 for a level's first notice; 1…repeatTop for the top level told again. */
  repeat: number;
}

/**
 * When each level is told if nobody acknowledges: level 0 at the deadline, level i+1 once level i's
 * response time has passed since level i was told, then the top level again `repeatTop` times, each after
 * its response time. Every notice is moved out of the ladder's quiet hours, and the next response time
 * runs from the moved notice (a level cannot answer a message it has not had).
 */
export function escalationTimes(deadline: Date, ladder: Ladder, profile: WorkingProfile): EscalationNotice[] {
  const out: EscalationNotice[] = [];
  let at = outOfQuietHours(deadline, ladder.quietHours, profile);
  for (let i = 0; i < ladder.levels.length; i++) {
    const previous = i > 0 ? ladder.levels[i - 1] : undefined;
    if (previous)
      at = outOfQuietHours(afterResponseTime(at, previous.respondWithin, profile), ladder.quietHours, profile);
    out.push({ level: i, at, repeat: 0 });
  }
  const topIndex = ladder.levels.length - 1;
  const top = ladder.levels[topIndex];
  if (!top) return out;
  for (let r = 1; r <= ladder.repeatTop; r++) {
    at = outOfQuietHours(afterResponseTime(at, top.respondWithin, profile), ladder.quietHours, profile);
    out.push({ level: topIndex, at, repeat: r });
  }
  return out;
}
