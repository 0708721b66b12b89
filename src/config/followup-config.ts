// The follow-up plan as the organisation runs it: when check-ins come (ISO 8601 offsets from the
// registration, moved into working time), the usual working hours, and where to point someone who
// may need professional help. Defaults from issue 7: day 1, day 3, week 1, week 2, week 4, month 3.
import { Duration } from 'luxon';
import { z } from 'zod';

const offset = z.string().refine(
  (v) => {
    const d = Duration.fromISO(v);
    return d.isValid && d.toMillis() > 0;
  },
  { message: 'not a positive ISO 8601 duration, e.g. P1D, P1W or P3M' },
);
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'a local time HH:mm, e.g. 08:00' });
const url = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), { message: 'must be an http(s) URL' });
const contact = z
  .object({
    name: z.string().min(1).max(80),
    phone: z.string().min(3).max(40).optional(),
    url: url.optional(),
  })
  .strict();

export const followupSchema = z
  .object({
    enabled: z.boolean().default(true),
    offsets: z.array(offset).min(1).max(12).default(['P1D', 'P3D', 'P1W', 'P2W', 'P4W', 'P3M']),
    /** Usual working hours; a person may set their own (shift work). */
    workingHours: z
      .object({ start: clock.default('08:00'), end: clock.default('16:00') })
      .strict()
      .default({}),
    /** ISO weekdays worked (1 = Monday). */
    workingDays: z.array(z.number().int().min(1).max(7)).min(1).max(7).default([1, 2, 3, 4, 5]),
    /** Offered with two low answers in a row. */
    occupationalHealth: contact.optional(),
    employeeAssistance: contact.optional(),
  })
  .strict()
  .default({});

export type FollowupConfig = z.infer<typeof followupSchema>;
