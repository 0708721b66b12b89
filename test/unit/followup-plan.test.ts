// Clock-driven tests of the follow-up plan rules (issue 7): fixed instants only, no real time. Every expected
// value is an exact UTC instant; the comment gives the local wall time (Oslo/Stockholm/Copenhagen: +01 in
// winter, +02 in summer; DST 2026-10-25 and 2027-03-28).
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_OFFSETS,
  dueAction,
  planCheckins,
  snoozeUntil,
  weeklySummarySlot,
} from '../../src/domain/followup/plan.ts';
import {
  type Country,
  DEFAULT_PROFILE,
  isDayOff,
  isHoliday,
  isWorkingTime,
  nextWorkingSlot,
  previousWorkingMorning,
  type WorkingProfile,
} from '../../src/domain/followup/working-time.ts';

const at = (iso: string) => new Date(iso);
const slot = (iso: string, p: WorkingProfile = DEFAULT_PROFILE) => nextWorkingSlot(at(iso), p).toISOString();
const moved = (iso: string) => ({ send: false, moveTo: at(iso) });
const plan = (iso: string, p: WorkingProfile = DEFAULT_PROFILE, offsets: readonly string[] = DEFAULT_OFFSETS) =>
  planCheckins(at(iso), offsets, p).map((d) => d.toISOString());

const SE: WorkingProfile = { ...DEFAULT_PROFILE, timeZone: 'Europe/Stockholm', country: 'SE' };
const DK: WorkingProfile = { ...DEFAULT_PROFILE, timeZone: 'Europe/Copenhagen', country: 'DK' };
const NIGHT: WorkingProfile = {
  ...DEFAULT_PROFILE,
  hours: { start: '22:00', end: '07:00' },
  days: [1, 2, 3, 4, 5, 6, 7],
  worksHolidays: true,
};

describe('working hours (Oslo, 08:00–16:00, Mon–Fri)', () => {
  it.each([
    ['2027-01-18T06:00:00.000Z', '2027-01-18T07:00:00.000Z'], // Mon 07:00 → Mon 08:00
    ['2027-01-18T09:30:00.000Z', '2027-01-18T09:30:00.000Z'], // Mon 10:30 stays
    ['2027-01-18T14:59:00.000Z', '2027-01-18T14:59:00.000Z'], // Mon 15:59 stays
    ['2027-01-18T15:00:00.000Z', '2027-01-19T07:00:00.000Z'], // Mon 16:00 (end is exclusive) → Tue 08:00
    ['2027-01-18T23:30:00.000Z', '2027-01-19T07:00:00.000Z'], // Tue 00:30 → Tue 08:00, never at night
  ])('%s → %s', (from, to) => expect(slot(from)).toBe(to));

  it('tells working time from the rest', () => {
    expect(isWorkingTime(at('2027-01-18T07:00:00.000Z'), DEFAULT_PROFILE)).toBe(true); // Mon 08:00
    expect(isWorkingTime(at('2027-01-18T15:00:00.000Z'), DEFAULT_PROFILE)).toBe(false); // Mon 16:00
  });

  it('rejects a malformed profile', () => {
    expect(() =>
      slot('2027-01-18T07:00:00.000Z', { ...DEFAULT_PROFILE, hours: { start: '8:00', end: '16:00' } }),
    ).toThrow(/HH:mm/);
    expect(() => slot('2027-01-18T07:00:00.000Z', { ...DEFAULT_PROFILE, days: [] })).toThrow(/weekdays/);
    expect(() => slot('2027-01-18T07:00:00.000Z', { ...DEFAULT_PROFILE, timeZone: 'Mars/Base' })).toThrow(/IANA/);
    expect(() => isDayOff('2027-13-01', DEFAULT_PROFILE)).toThrow(/yyyy-mm-dd/);
  });
});

describe('weekends', () => {
  it('moves Friday evening and Saturday to Monday 08:00', () => {
    expect(slot('2027-01-15T15:30:00.000Z')).toBe('2027-01-18T07:00:00.000Z'); // Fri 16:30 → Mon 08:00
    expect(slot('2027-01-16T11:00:00.000Z')).toBe('2027-01-18T07:00:00.000Z'); // Sat 12:00 → Mon 08:00
    expect(isDayOff('2027-01-16', DEFAULT_PROFILE)).toBe(true);
    expect(isDayOff('2027-01-18', DEFAULT_PROFILE)).toBe(false);
  });

  it('follows a weekend worker’s own days', () => {
    const weekends = { ...DEFAULT_PROFILE, days: [6, 7] };
    expect(slot('2027-01-20T11:00:00.000Z', weekends)).toBe('2027-01-23T07:00:00.000Z'); // Wed 12:00 → Sat 08:00
  });
});

describe('public holidays (date-holidays: public + bank are days off)', () => {
  const cases: [Country, string, boolean, string][] = [
    ['NO', '2027-05-17', true, 'Grunnlovsdagen (and Andre pinsedag)'],
    ['NO', '2028-05-17', true, 'Grunnlovsdagen on a Wednesday'],
    ['NO', '2027-03-29', true, 'Andre påskedag'],
    ['NO', '2026-12-24', true, 'Julaften (bank)'],
    ['NO', '2026-12-31', false, 'Nyttårsaften: bank only from 14:00, the morning is worked'],
    ['NO', '2027-07-29', false, 'Olsok (optional)'],
    ['NO', '2026-05-08', false, 'Frigjøringsdagen (observance)'],
    ['SE', '2027-06-25', true, 'midsommarafton (bank)'],
    ['SE', '2027-12-24', true, 'julafton (bank)'],
    ['SE', '2026-12-31', true, 'nyårsafton (bank)'],
    ['SE', '2028-06-06', true, 'nationaldagen'],
    ['SE', '2027-03-25', false, 'skärtorsdagen (observance)'],
    ['SE', '2027-05-17', false, 'annandag pingst (no longer a holiday since 2005)'],
    ['SE', '2027-04-30', false, 'valborgsmässoafton (optional, from 12:00)'],
    ['DK', '2026-12-24', true, 'Juleaftensdag (observance in the library, promoted)'],
    ['DK', '2027-03-25', true, 'Skærtorsdag'],
    ['DK', '2023-05-05', true, 'Store Bededag before its abolition'],
    ['DK', '2024-04-26', false, 'Store Bededag abolished from 2024'],
    ['DK', '2026-06-05', false, 'Grundlovsdag: off only from 12:00, the morning is worked'],
    ['DK', '2026-05-01', false, '1. maj (observance)'],
  ];
  it.each(cases)('%s %s day off: %s (%s)', (country, date, off) => expect(isHoliday(date, country)).toBe(off));

  it.each([
    ['NO', DEFAULT_PROFILE],
    ['SE', SE],
    ['DK', DK],
  ] as const)('Ascension Day 2027-05-06 is off in %s', (country, profile) => {
    expect(isHoliday('2027-05-06', country)).toBe(true);
    expect(slot('2027-05-05T14:00:00.000Z', profile)).toBe('2027-05-07T06:00:00.000Z'); // Wed 16:00 → Fri 08:00
  });

  it('skips each country’s holidays', () => {
    expect(slot('2028-05-16T14:00:00.000Z')).toBe('2028-05-18T06:00:00.000Z'); // NO Tue 16:00 → Thu 08:00 (17 May)
    expect(slot('2027-06-24T14:30:00.000Z', SE)).toBe('2027-06-28T06:00:00.000Z'); // SE Thu 16:30 → Mon 08:00
    expect(slot('2026-12-23T15:00:00.000Z', DK)).toBe('2026-12-28T07:00:00.000Z'); // DK Wed 16:00 → Mon 08:00
  });

  it('does not block someone who works holidays', () => {
    expect(isDayOff('2027-05-17', { ...DEFAULT_PROFILE, worksHolidays: true })).toBe(false);
  });
});

describe('daylight saving time: 08:00 local on both sides', () => {
  it('March 2027 (Oslo): a week from Wednesday 08:00 CET is Wednesday 08:00 CEST', () => {
    expect(plan('2027-03-24T07:00:00.000Z', DEFAULT_PROFILE, ['P1W'])).toEqual(['2027-03-31T06:00:00.000Z']);
    // Wed 24 Mar 17:00 CET → Thu–Mon are Easter holidays and the weekend → Tue 30 Mar 08:00 CEST
    expect(slot('2027-03-24T16:00:00.000Z')).toBe('2027-03-30T06:00:00.000Z');
  });

  it('March 2027 (Stockholm): skärtorsdag is worked, then Tue 30 Mar 08:00 CEST', () => {
    expect(isWorkingTime(at('2027-03-25T07:00:00.000Z'), SE)).toBe(true); // Thu 25 Mar 08:00 CET
    expect(slot('2027-03-25T15:30:00.000Z', SE)).toBe('2027-03-30T06:00:00.000Z'); // Thu 16:30 CET → Tue 08:00 CEST
    expect(plan('2027-03-23T07:00:00.000Z', SE, ['P1W'])).toEqual(['2027-03-30T06:00:00.000Z']); // Tue 08:00 → Tue 08:00
  });

  it('October 2026 (Oslo and Stockholm): Monday 08:00 CEST + a week is Monday 08:00 CET', () => {
    for (const p of [DEFAULT_PROFILE, SE]) {
      expect(plan('2026-10-19T06:00:00.000Z', p, ['P1W'])).toEqual(['2026-10-26T07:00:00.000Z']);
      expect(slot('2026-10-23T15:00:00.000Z', p)).toBe('2026-10-26T07:00:00.000Z'); // Fri 17:00 CEST → Mon 08:00 CET
    }
  });

  it('a start time in the spring-forward gap moves to the first valid local time', () => {
    const early = { ...NIGHT, hours: { start: '02:30', end: '10:00' } };
    expect(slot('2027-03-27T23:30:00.000Z', early)).toBe('2027-03-28T01:00:00.000Z'); // Sun 00:30 CET → 03:00 CEST
    expect(slot('2027-03-27T00:00:00.000Z', early)).toBe('2027-03-27T01:30:00.000Z'); // Sat 02:30 CET
    expect(slot('2027-03-28T23:00:00.000Z', early)).toBe('2027-03-29T00:30:00.000Z'); // Mon 02:30 CEST
  });

  it('the night shift of 24–25 Oct 2026 lasts ten hours, 22:00 CEST to 07:00 CET', () => {
    expect(isWorkingTime(at('2026-10-24T20:00:00.000Z'), NIGHT)).toBe(true); // Sat 22:00 CEST
    expect(isWorkingTime(at('2026-10-25T05:59:00.000Z'), NIGHT)).toBe(true); // Sun 06:59 CET
    expect(slot('2026-10-25T06:00:00.000Z', NIGHT)).toBe('2026-10-25T21:00:00.000Z'); // 07:00 CET → 22:00 CET
  });
});

describe('shift workers', () => {
  it('a night worker is reached in the night window, on holidays too', () => {
    expect(slot('2027-01-18T11:00:00.000Z', NIGHT)).toBe('2027-01-18T21:00:00.000Z'); // Mon 12:00 → Mon 22:00
    expect(slot('2027-01-19T02:00:00.000Z', NIGHT)).toBe('2027-01-19T02:00:00.000Z'); // Tue 03:00 stays (Mon's shift)
    expect(slot('2027-01-19T06:00:00.000Z', NIGHT)).toBe('2027-01-19T21:00:00.000Z'); // Tue 07:00 → Tue 22:00
    expect(slot('2026-12-25T11:00:00.000Z', NIGHT)).toBe('2026-12-25T21:00:00.000Z'); // Christmas Day 12:00 → 22:00
    expect(plan('2026-12-23T09:00:00.000Z', NIGHT)).toEqual([
      '2026-12-24T21:00:00.000Z', // Thu 24 Dec 22:00
      '2026-12-26T21:00:00.000Z', // Sat 26 Dec 22:00
      '2026-12-30T21:00:00.000Z', // Wed 30 Dec 22:00
      '2027-01-06T21:00:00.000Z', // Wed 6 Jan 22:00
      '2027-01-20T21:00:00.000Z', // Wed 20 Jan 22:00
      '2027-03-23T21:00:00.000Z', // Tue 23 Mar 22:00
    ]);
  });

  it('hours after midnight belong to a shift only if its start day is worked', () => {
    const weekNights = { ...NIGHT, days: [1, 2, 3, 4, 5], worksHolidays: false };
    expect(slot('2027-01-16T02:00:00.000Z', weekNights)).toBe('2027-01-16T02:00:00.000Z'); // Sat 03:00: Fri's shift
    expect(slot('2027-01-17T02:00:00.000Z', weekNights)).toBe('2027-01-18T21:00:00.000Z'); // Sun 03:00 → Mon 22:00
    expect(slot('2026-12-24T02:00:00.000Z', weekNights)).toBe('2026-12-24T02:00:00.000Z'); // Thu 03:00: Wed's shift
    expect(slot('2026-12-24T06:00:00.000Z', weekNights)).toBe('2026-12-28T21:00:00.000Z'); // Julaften → Mon 22:00
  });
});

describe('planCheckins', () => {
  it('from a Friday-evening registration, the first check-in is Monday morning, not Saturday', () => {
    expect(plan('2027-01-15T17:00:00.000Z')).toEqual([
      '2027-01-18T07:00:00.000Z', // P1D: Sat 18:00 → Mon 08:00
      '2027-01-19T07:00:00.000Z', // P3D: Mon 18:00 → Tue 08:00
      '2027-01-25T07:00:00.000Z', // P1W: Fri 18:00 → Mon 08:00
      '2027-02-01T07:00:00.000Z', // P2W: Fri 18:00 → Mon 08:00
      '2027-02-15T07:00:00.000Z', // P4W: Fri 18:00 → Mon 08:00
      '2027-04-16T06:00:00.000Z', // P3M: Thu 15 Apr 18:00 CEST → Fri 08:00 CEST
    ]);
  });

  it('a registration on 23 Dec in Norway skips Christmas Eve, Christmas Day and Boxing Day', () => {
    expect(plan('2026-12-23T09:00:00.000Z')).toEqual([
      '2026-12-28T07:00:00.000Z', // P1D: Thu 24 Dec 10:00 → Mon 28 Dec 08:00
      '2026-12-29T07:00:00.000Z', // P3D: Sat 26 Dec → Mon 28 08:00, taken → Tue 29 Dec 08:00
      '2026-12-30T09:00:00.000Z', // P1W: Wed 30 Dec 10:00
      '2027-01-06T09:00:00.000Z', // P2W: Wed 6 Jan 10:00
      '2027-01-20T09:00:00.000Z', // P4W: Wed 20 Jan 10:00
      '2027-03-23T09:00:00.000Z', // P3M: Tue 23 Mar 10:00
    ]);
  });

  it('keeps check-ins at least 12 hours apart, the later one on the next working day', () => {
    // Fri 10:00: P1D → Mon 08:00; P3D → Mon 10:00 is two hours later → Tue 08:00
    expect(plan('2027-01-15T09:00:00.000Z', DEFAULT_PROFILE, ['P1D', 'P3D'])).toEqual([
      '2027-01-18T07:00:00.000Z',
      '2027-01-19T07:00:00.000Z',
    ]);
    const times = planCheckins(at('2027-01-15T09:00:00.000Z'), DEFAULT_OFFSETS, DEFAULT_PROFILE).map((d) =>
      d.getTime(),
    );
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(12 * 3_600_000);
  });

  it('rejects an offset that is not ISO 8601', () => {
    expect(() => plan('2027-01-15T09:00:00.000Z', DEFAULT_PROFILE, ['1 day'])).toThrow(/ISO 8601/);
  });
});

describe('dueAction', () => {
  const act = (dueAt: string, now: string, lateness?: string) =>
    dueAction(at(dueAt), at(now), DEFAULT_PROFILE, lateness);
  const due = '2027-01-18T07:00:00.000Z'; // Mon 08:00

  it('sends a check-in a few hours late during working time', () => {
    expect(act(due, '2027-01-18T10:00:00.000Z')).toEqual({ send: true }); // found Mon 11:00
    expect(act(due, '2027-01-19T07:00:00.000Z')).toEqual({ send: true }); // found Tue 08:00, exactly 24 h late
  });

  it('moves a check-in 30 hours late to the next working morning', () => {
    expect(act(due, '2027-01-19T13:00:00.000Z')).toEqual(moved('2027-01-20T07:00:00.000Z')); // Tue 14:00 → Wed 08:00
    // 3 h late with only PT2H allowed → Tue 08:00
    expect(act(due, '2027-01-18T10:00:00.000Z', 'PT2H')).toEqual(moved('2027-01-19T07:00:00.000Z'));
  });

  it('moves one due at night, or found after hours, to the morning', () => {
    // due Tue 02:00, found 02:05 → Tue 08:00
    expect(act('2027-01-19T01:00:00.000Z', '2027-01-19T01:05:00.000Z')).toEqual(moved('2027-01-19T07:00:00.000Z'));
    // due Fri 15:00, found Fri 18:00 (3 h late, after hours) → Mon 08:00
    expect(act('2027-01-15T14:00:00.000Z', '2027-01-15T17:00:00.000Z')).toEqual(moved('2027-01-18T07:00:00.000Z'));
  });

  it('leaves one not yet due at its slot', () => {
    expect(act(due, '2027-01-18T06:00:00.000Z')).toEqual(moved(due));
  });
});

describe('snooze', () => {
  it.each([
    ['2027-01-15T09:00:00.000Z', 'P1D', '2027-01-18T07:00:00.000Z'], // Fri 10:00 + 1 day = Sat → Mon 08:00
    ['2027-01-15T09:00:00.000Z', 'P1W', '2027-01-22T09:00:00.000Z'], // Fri 10:00 + 1 week = Fri 10:00
    ['2027-01-16T10:00:00.000Z', 'P1W', '2027-01-25T07:00:00.000Z'], // Sat 11:00 + 1 week = Sat → Mon 08:00
    ['2027-01-14T14:30:00.000Z', 'P1D', '2027-01-15T14:30:00.000Z'], // Thu 15:30 + 1 day = Fri 15:30
  ] as const)('%s + %s → %s', (now, by, to) => {
    expect(snoozeUntil(at(now), by, DEFAULT_PROFILE).toISOString()).toBe(to);
  });
});

describe('previousWorkingMorning (the peer supporter’s prompt)', () => {
  it.each([
    ['2027-01-18T07:00:00.000Z', DEFAULT_PROFILE, '2027-01-15T07:00:00.000Z'], // Mon 08:00 → Fri 08:00
    ['2027-01-19T09:00:00.000Z', DEFAULT_PROFILE, '2027-01-18T07:00:00.000Z'], // Tue 10:00 → Mon 08:00
    ['2026-12-28T07:00:00.000Z', DEFAULT_PROFILE, '2026-12-23T07:00:00.000Z'], // Mon 28 Dec → Wed 23 Dec 08:00
    ['2027-03-30T06:00:00.000Z', DEFAULT_PROFILE, '2027-03-24T07:00:00.000Z'], // Tue 08:00 CEST → Wed 08:00 CET
    ['2027-01-19T00:00:00.000Z', NIGHT, '2027-01-17T21:00:00.000Z'], // Tue 01:00 (Mon's shift) → Sun 22:00
    ['2027-01-19T21:30:00.000Z', NIGHT, '2027-01-18T21:00:00.000Z'], // Tue 22:30 → Mon 22:00
  ] as const)('%s → %s', (checkin, profile, prompt) => {
    expect(previousWorkingMorning(at(checkin), profile).toISOString()).toBe(prompt);
  });
});

describe('weeklySummarySlot (the peer supporter’s Monday summary)', () => {
  const week = (iso: string, p: WorkingProfile = DEFAULT_PROFILE) => {
    const s = weeklySummarySlot(at(iso), p);
    return s && { week: s.week, dueAt: s.dueAt.toISOString() };
  };
  it('is Monday 08:00 local for the ISO week `now` falls in, there', () => {
    // Sunday 23:30 in Oslo is still week 48; 00:30 on Monday is week 49.
    expect(week('2026-11-29T22:30:00Z')).toEqual({ week: '2026-W48', dueAt: '2026-11-23T07:00:00.000Z' });
    expect(week('2026-11-29T23:30:00Z')).toEqual({ week: '2026-W49', dueAt: '2026-11-30T07:00:00.000Z' });
  });
  it('is the first working start after a Monday holiday, and a night worker’s Monday evening', () => {
    // Easter Monday 2027 (summer time since the 28th): Tuesday 08:00.
    expect(week('2027-03-31T12:00:00Z')).toEqual({ week: '2027-W13', dueAt: '2027-03-30T06:00:00.000Z' });
    // Not 00:00 inside Sunday's shift: Monday 22:00.
    expect(week('2026-12-01T12:00:00Z', NIGHT)).toEqual({ week: '2026-W49', dueAt: '2026-11-30T21:00:00.000Z' });
  });
  it('is null in a week with no working period (next week’s covers it)', () => {
    // Works Thursdays and Fridays only: in Christmas week both are holidays (24 and 25 December).
    const holidaysOnly: WorkingProfile = { ...DEFAULT_PROFILE, days: [4, 5] };
    expect(week('2026-12-22T12:00:00Z', holidaysOnly)).toBeNull();
  });
});
