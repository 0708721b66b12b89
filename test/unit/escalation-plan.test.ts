// Clock-driven tests of reminder and escalation planning (issue 8): fixed instants only. Expected values are
// exact UTC instants; comments give the local wall time (Oslo/Stockholm/Copenhagen: +01 in winter, +02 in
// summer; DST 2026-03-29, 2026-10-25, 2027-03-28 — the last one is Easter Sunday).
import { describe, expect, it } from 'vitest';
import type { EscalationConfig, Ladder, LadderLevel } from '../../src/config/escalation-config.ts';
import { DEFAULT_LADDER } from '../../src/config/escalation-config.ts';
import { escalationTimes, ladderFor, outOfQuietHours, reminderTimes } from '../../src/domain/escalation/plan.ts';
import { DEFAULT_PROFILE, type WorkingProfile } from '../../src/domain/followup/working-time.ts';

const at = (iso: string) => new Date(iso);
const NO = DEFAULT_PROFILE;
const SE: WorkingProfile = { ...DEFAULT_PROFILE, timeZone: 'Europe/Stockholm', country: 'SE' };
const DK: WorkingProfile = { ...DEFAULT_PROFILE, timeZone: 'Europe/Copenhagen', country: 'DK' };
const BOTH = { halfTime: true, dueMorning: true };

const reminders = (created: string, deadline: string, p: WorkingProfile = NO, opts = BOTH, now?: string) =>
  reminderTimes(at(created), at(deadline), p, opts, now ? at(now) : undefined).map((d) => d.toISOString());

const role = (r: string, within: LadderLevel['respondWithin']): LadderLevel => ({
  to: { kind: 'role', role: r },
  respondWithin: within,
});
const hours = (h: number) => ({ kind: 'hours', hours: h }) as const;
const days = (d: number) => ({ kind: 'workingDays', workingDays: d }) as const;

const HOSPITAL: Ladder = {
  id: 'default',
  categories: [],
  quietHours: { start: '20:00', end: '07:00' },
  repeatTop: 2,
  levels: [
    role('manager', hours(4)),
    role('department-head', days(1)),
    { to: { kind: 'person', name: 'Klinikkdirektør', teams: 'x' }, respondWithin: hours(24) },
    { to: { kind: 'channel', name: 'quality' }, respondWithin: days(2) },
  ],
};
const SHORT: Ladder = {
  id: 'short',
  categories: [],
  repeatTop: 1,
  levels: [role('manager', days(1)), role('head', days(1))],
};

const plan = (deadline: string, ladder: Ladder, p: WorkingProfile = NO) =>
  escalationTimes(at(deadline), ladder, p).map((n) => [n.level, n.at.toISOString(), n.repeat]);

describe('reminderTimes', () => {
  it('reminds at half time and on the morning of the due day', () => {
    // Mon 09:00 → Wed 15:00: half time Tue 12:00, due morning Wed 08:00.
    expect(reminders('2027-01-18T08:00:00.000Z', '2027-01-20T14:00:00.000Z')).toEqual([
      '2027-01-19T11:00:00.000Z',
      '2027-01-20T07:00:00.000Z',
    ]);
  });

  it('moves a half time at night into working hours and merges it with the due morning', () => {
    // Mon 15:00 → Tue 15:00: half time Tue 03:00 moves to Tue 08:00, which is also the due morning.
    expect(reminders('2027-01-18T14:00:00.000Z', '2027-01-19T14:00:00.000Z')).toEqual(['2027-01-19T07:00:00.000Z']);
  });

  it('keeps only the options asked for', () => {
    const opts = { halfTime: false, dueMorning: true };
    expect(reminders('2027-01-18T08:00:00.000Z', '2027-01-20T14:00:00.000Z', NO, opts)).toEqual([
      '2027-01-20T07:00:00.000Z',
    ]);
    const none = { halfTime: false, dueMorning: false };
    expect(reminders('2027-01-18T08:00:00.000Z', '2027-01-20T14:00:00.000Z', NO, none)).toEqual([]);
  });

  it('drops what would fall at or after the deadline, and uses the last working morning before it', () => {
    // Thu 10:00 → Mon 07:30: half time (Sat) moves to Mon 08:00, after the deadline; the due day has no
    // working morning before 07:30, so the reminder comes on Friday 08:00.
    expect(reminders('2027-01-14T09:00:00.000Z', '2027-01-18T06:30:00.000Z')).toEqual(['2027-01-15T07:00:00.000Z']);
  });

  it('drops a due morning that came before the step was created', () => {
    // Mon 09:00 → Mon 15:00: only half time, 12:00.
    expect(reminders('2027-01-18T08:00:00.000Z', '2027-01-18T14:00:00.000Z')).toEqual(['2027-01-18T11:00:00.000Z']);
  });

  it('drops what is before `now` when re-planned later', () => {
    const created = '2027-01-18T08:00:00.000Z';
    const deadline = '2027-01-20T14:00:00.000Z';
    expect(reminders(created, deadline, NO, BOTH, '2027-01-19T12:00:00.000Z')).toEqual(['2027-01-20T07:00:00.000Z']);
    // A reminder exactly at `now` is still due.
    expect(reminders(created, deadline, NO, BOTH, '2027-01-20T07:00:00.000Z')).toEqual(['2027-01-20T07:00:00.000Z']);
    expect(reminders(created, deadline, NO, BOTH, '2027-01-20T07:00:00.001Z')).toEqual([]);
  });

  it('a deadline on Maundy Thursday: Norway and Denmark remind on Wednesday, Sweden works the Thursday', () => {
    // Mon 2026-03-30 12:00 → Thu 2026-04-02 12:00 (CEST). Half time Wed 00:00 → Wed 08:00.
    const created = '2026-03-30T10:00:00.000Z';
    const deadline = '2026-04-02T10:00:00.000Z';
    expect(reminders(created, deadline, NO)).toEqual(['2026-04-01T06:00:00.000Z']);
    expect(reminders(created, deadline, DK)).toEqual(['2026-04-01T06:00:00.000Z']);
    expect(reminders(created, deadline, SE)).toEqual(['2026-04-01T06:00:00.000Z', '2026-04-02T06:00:00.000Z']);
  });

  it('Christmas: a half time on Christmas Day waits for the next working morning', () => {
    // Tue 2026-12-22 10:00 → Mon 12-28 12:00: half time Fri 25 (holiday), then a weekend → Mon 08:00.
    for (const p of [NO, SE, DK]) {
      expect(reminders('2026-12-22T09:00:00.000Z', '2026-12-28T11:00:00.000Z', p)).toEqual([
        '2026-12-28T07:00:00.000Z',
      ]);
    }
    // A deadline on Christmas Eve (a day off in all three) is reminded on the 23rd.
    expect(reminders('2026-12-21T11:00:00.000Z', '2026-12-24T11:00:00.000Z', DK)).toEqual(['2026-12-23T07:00:00.000Z']);
  });
});

describe('escalationTimes', () => {
  it('tells each level after the one below had its response time, then repeats the top', () => {
    // Wed 10:00 deadline; +4 h; +1 working day; +24 h; then the top every 2 working days (over the weekend).
    expect(plan('2027-01-20T09:00:00.000Z', HOSPITAL)).toEqual([
      [0, '2027-01-20T09:00:00.000Z', 0], // Wed 10:00
      [1, '2027-01-20T13:00:00.000Z', 0], // Wed 14:00
      [2, '2027-01-21T13:00:00.000Z', 0], // Thu 14:00
      [3, '2027-01-22T13:00:00.000Z', 0], // Fri 14:00
      [3, '2027-01-26T13:00:00.000Z', 1], // Tue 14:00 (Mon, Tue)
      [3, '2027-01-28T13:00:00.000Z', 2], // Thu 14:00
    ]);
  });

  it('moves notices out of quiet hours across midnight, and counts on from the moved notice', () => {
    expect(plan('2027-01-20T17:00:00.000Z', HOSPITAL)).toEqual([
      [0, '2027-01-20T17:00:00.000Z', 0], // Wed 18:00
      [1, '2027-01-21T06:00:00.000Z', 0], // Wed 22:00 is quiet → Thu 07:00
      [2, '2027-01-22T06:00:00.000Z', 0], // Fri 07:00
      [3, '2027-01-23T06:00:00.000Z', 0], // Sat 07:00: hours run through weekends
      [3, '2027-01-26T06:00:00.000Z', 1], // Tue 07:00
      [3, '2027-01-28T06:00:00.000Z', 2], // Thu 07:00
    ]);
    const quiet = HOSPITAL.quietHours;
    expect(outOfQuietHours(at('2027-01-20T22:30:00.000Z'), quiet, NO).toISOString()).toBe('2027-01-21T06:00:00.000Z');
    expect(outOfQuietHours(at('2027-01-21T00:00:00.000Z'), quiet, NO).toISOString()).toBe('2027-01-21T06:00:00.000Z');
    expect(outOfQuietHours(at('2027-01-21T06:00:00.000Z'), quiet, NO).toISOString()).toBe('2027-01-21T06:00:00.000Z');
    expect(outOfQuietHours(at('2027-01-21T18:59:00.000Z'), quiet, NO).toISOString()).toBe('2027-01-21T18:59:00.000Z');
  });

  it('handles quiet hours within one day', () => {
    const lunch = { start: '11:30', end: '12:30' };
    expect(outOfQuietHours(at('2027-01-20T10:45:00.000Z'), lunch, NO).toISOString()).toBe('2027-01-20T11:30:00.000Z');
    expect(outOfQuietHours(at('2027-01-20T11:30:00.000Z'), lunch, NO).toISOString()).toBe('2027-01-20T11:30:00.000Z');
  });

  it('ends quiet hours at local 07:00 over the spring and autumn DST nights', () => {
    const ladder: Ladder = { ...HOSPITAL, repeatTop: 0, levels: [role('manager', hours(4)), role('head', hours(4))] };
    // Sat 2027-03-27 22:00 CET: quiet until Sun 07:00 CEST (05:00Z, not 06:00Z), then 4 elapsed hours.
    expect(plan('2027-03-27T21:00:00.000Z', ladder)).toEqual([
      [0, '2027-03-28T05:00:00.000Z', 0],
      [1, '2027-03-28T09:00:00.000Z', 0],
    ]);
    // Sat 2026-10-24 21:00 CEST: quiet until Sun 07:00 CET (06:00Z).
    expect(plan('2026-10-24T19:00:00.000Z', ladder)[0]).toEqual([0, '2026-10-25T06:00:00.000Z', 0]);
  });

  it('skips each country’s Easter holidays and keeps the local time over the DST change', () => {
    // Wed 2027-03-24 15:00 CET. Norway and Denmark are off Thu–Mon (Easter), Sweden only Fri and Mon.
    const deadline = '2027-03-24T14:00:00.000Z';
    const offThursday = [
      [0, '2027-03-24T14:00:00.000Z', 0],
      [1, '2027-03-30T13:00:00.000Z', 0], // Tue 15:00 CEST
      [1, '2027-03-31T13:00:00.000Z', 1], // Wed 15:00 CEST
    ];
    expect(plan(deadline, SHORT, NO)).toEqual(offThursday);
    expect(plan(deadline, SHORT, DK)).toEqual(offThursday);
    expect(plan(deadline, SHORT, SE)).toEqual([
      [0, '2027-03-24T14:00:00.000Z', 0],
      [1, '2027-03-25T14:00:00.000Z', 0], // Skärtorsdag is a working day in Sweden
      [1, '2027-03-30T13:00:00.000Z', 1], // Tue 15:00 CEST
    ]);
  });

  it('skips Christmas, and New Year’s Eve in Sweden only', () => {
    const one: Ladder = { ...SHORT, repeatTop: 0 };
    // Wed 2026-12-23 12:00: the 24th–27th are off everywhere → Mon 28th 12:00.
    for (const p of [NO, SE, DK])
      expect(plan('2026-12-23T11:00:00.000Z', one, p)[1]?.[1]).toBe('2026-12-28T11:00:00.000Z');
    // Wed 2026-12-30 12:00: New Year's Eve is a day off in Sweden, a (half) working day in Norway.
    expect(plan('2026-12-30T11:00:00.000Z', one, SE)[1]?.[1]).toBe('2027-01-04T11:00:00.000Z');
    expect(plan('2026-12-30T11:00:00.000Z', one, NO)[1]?.[1]).toBe('2026-12-31T11:00:00.000Z');
  });

  it('counts working days from a notice on a weekend to the next working days', () => {
    // Sat 2027-01-23 10:00 + 1 working day → Mon 10:00.
    expect(plan('2027-01-23T09:00:00.000Z', { ...SHORT, repeatTop: 0 })[1]?.[1]).toBe('2027-01-25T09:00:00.000Z');
  });

  it('repeats nothing with repeatTop 0, and the built-in ladder tells the manager three times', () => {
    expect(plan('2027-01-20T09:00:00.000Z', { ...SHORT, repeatTop: 0 })).toHaveLength(2);
    expect(plan('2027-01-20T09:00:00.000Z', DEFAULT_LADDER)).toEqual([
      [0, '2027-01-20T09:00:00.000Z', 0],
      [0, '2027-01-21T09:00:00.000Z', 1],
      [0, '2027-01-22T09:00:00.000Z', 2],
    ]);
  });
});

describe('ladderFor', () => {
  const violence: Ladder = { ...SHORT, id: 'violence', categories: ['violence', 'equipment'] };
  const config: EscalationConfig = {
    reminders: { halfTime: true, dueMorning: true },
    roster: {},
    channels: {},
    ladders: [violence, HOSPITAL],
  };

  it('picks the ladder that lists the category, else the default', () => {
    expect(ladderFor(config, 'violence').id).toBe('violence');
    expect(ladderFor(config, 'equipment').id).toBe('violence');
    expect(ladderFor(config, 'fall')).toBe(HOSPITAL);
    expect(ladderFor(config, 'no-such-category')).toBe(HOSPITAL);
  });

  it('falls back to the built-in ladder when a hand-built config has no default', () => {
    expect(ladderFor({ ...config, ladders: [violence] }, 'fall')).toBe(DEFAULT_LADDER);
  });
});
