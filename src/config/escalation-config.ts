// Reminders before a manager step's deadline and the escalation ladder after it (issue 8), as the
// organisation configures them. The YAML is checked here and normalised into tagged unions, so the
// planner and the runtime never have to re-interpret "which of role/person/channel was given".
import { z } from 'zod';
import { INCIDENT_CATEGORIES } from '../../dialogs/register-incident.ts';
import {
  BUILTIN_ROLES,
  DEFAULT_LADDER,
  type EscalationConfig,
  type LevelTarget,
  type ResponseTime,
} from '../domain/escalation/ladder.ts';

export type {
  EscalationConfig,
  GroupChannel,
  Ladder,
  LadderLevel,
  LevelTarget,
  Person,
  ResponseTime,
} from '../domain/escalation/ladder.ts';
export { BUILTIN_ROLES, DEFAULT_LADDER };
export type IncidentCategory = (typeof INCIDENT_CATEGORIES)[number];

const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'a local time HH:mm, e.g. 07:00' });
const name = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,39}$/, { message: 'lower-case letters, digits and dashes, e.g. department-head' });

const person = z
  .object({
    name: z.string().min(1).max(80),
    teams: z.string().min(1).max(200).optional(),
    slack: z
      .string()
      .regex(/^[UW][A-Z0-9]{2,}$/, { message: 'a Slack user id, e.g. U0123ABCD' })
      .optional(),
  })
  .strict()
  // Somebody the bot cannot reach on any channel would silently break the ladder.
  .refine((p) => p.teams !== undefined || p.slack !== undefined, {
    message: 'give at least one of teams (AAD object id) or slack (user id)',
  });

const groupChannel = z
  .object({
    teams: z
      .object({
        conversationId: z.string().min(1),
        serviceUrl: z
          .string()
          .url()
          .refine((u) => u.startsWith('https://'), { message: 'must be an https URL' }),
      })
      .strict()
      .optional(),
    slack: z
      .object({ channel: z.string().regex(/^[CG][A-Z0-9]{2,}$/, { message: 'a Slack channel id, e.g. C0123ABCD' }) })
      .strict()
      .optional(),
  })
  .strict()
  .refine((c) => c.teams !== undefined || c.slack !== undefined, { message: 'give at least one of teams or slack' });

const target = z
  .object({ role: name.optional(), person: person.optional(), channel: name.optional() })
  .strict()
  .superRefine((t, ctx) => {
    const given = [t.role, t.person, t.channel].filter((v) => v !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: 'custom', message: 'give exactly one of role, person or channel' });
  })
  .transform((t): LevelTarget => {
    if (t.person) return { kind: 'person', ...t.person };
    if (t.channel) return { kind: 'channel', name: t.channel };
    return { kind: 'role', role: t.role ?? '' };
  });

const positive = { message: 'must be more than 0' };
const responseTime = z
  .object({
    hours: z.number().positive(positive).max(720).optional(),
    workingDays: z.number().int().positive(positive).max(60).optional(),
  })
  .strict()
  .superRefine((r, ctx) => {
    if ((r.hours === undefined) === (r.workingDays === undefined)) {
      ctx.addIssue({ code: 'custom', message: 'give either hours or workingDays (exactly one)' });
    }
  })
  .transform(
    (r): ResponseTime =>
      r.hours !== undefined
        ? { kind: 'hours', hours: r.hours }
        : { kind: 'workingDays', workingDays: r.workingDays ?? 1 },
  );

const category = z.enum(INCIDENT_CATEGORIES, {
  errorMap: (issue, ctx) => ({
    message:
      issue.code === 'invalid_enum_value'
        ? `unknown incident category "${String(issue.received)}": one of ${INCIDENT_CATEGORIES.join(', ')}`
        : ctx.defaultError,
  }),
});

const ladder = z
  .object({
    id: name,
    categories: z.array(category).default([]),
    quietHours: z
      .object({ start: clock, end: clock })
      .strict()
      .refine((q) => q.start !== q.end, { message: 'start and end must differ' })
      .optional(),
    repeatTop: z.number().int().min(0).max(5).default(2),
    levels: z
      .array(z.object({ to: target, respondWithin: responseTime }).strict())
      .min(1, { message: 'a ladder needs at least one level' })
      .max(10),
  })
  .strict();

function checkReferences(c: EscalationConfig, ctx: z.RefinementCtx): void {
  for (const role of Object.keys(c.roster)) {
    if ((BUILTIN_ROLES as readonly string[]).includes(role)) {
      ctx.addIssue({
        code: 'custom',
        path: ['roster', role],
        message: `"${role}" is a built-in role; pick another name`,
      });
    }
  }
  const ids = new Map<string, number>();
  const owner = new Map<string, number>(); // category -> ladder index
  let defaultAt: number | undefined;
  c.ladders.forEach((l, i) => {
    const at = ['ladders', i];
    if (ids.has(l.id)) {
      ctx.addIssue({ code: 'custom', path: [...at, 'id'], message: `ladder id "${l.id}" is used twice` });
    }
    ids.set(l.id, i);
    if (l.categories.length === 0) {
      if (defaultAt !== undefined) {
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'categories'],
          message: `a second default ladder (no categories): escalation.ladders.${defaultAt} is already the default`,
        });
      } else defaultAt = i;
    }
    l.categories.forEach((cat, k) => {
      const first = owner.get(cat);
      if (first !== undefined) {
        const where = first === i ? 'listed twice in this ladder' : `already in escalation.ladders.${first}`;
        ctx.addIssue({ code: 'custom', path: [...at, 'categories', k], message: `category "${cat}" is ${where}` });
      } else owner.set(cat, i);
    });
    l.levels.forEach((level, j) => {
      const to = level.to;
      if (to.kind === 'role' && !(BUILTIN_ROLES as readonly string[]).includes(to.role) && !c.roster[to.role]) {
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'levels', j, 'to', 'role'],
          message: `unknown role "${to.role}": not manager/owner and not in escalation.roster`,
        });
      }
      if (to.kind === 'channel' && !c.channels[to.name]) {
        ctx.addIssue({
          code: 'custom',
          path: [...at, 'levels', j, 'to', 'channel'],
          message: `unknown channel "${to.name}": not in escalation.channels`,
        });
      }
    });
  });
  if (defaultAt === undefined) {
    ctx.addIssue({
      code: 'custom',
      path: ['ladders'],
      message: 'no default ladder: one ladder must list no categories (it serves every other category)',
    });
  }
}

const escalationObject = z
  .object({
    reminders: z
      .object({ halfTime: z.boolean().default(true), dueMorning: z.boolean().default(true) })
      .strict()
      .default({}),
    roster: z.record(name, z.array(person).min(1, { message: 'a role needs at least one person' })).default({}),
    channels: z.record(name, groupChannel).default({}),
    ladders: z.array(ladder).min(1).optional(),
  })
  .strict()
  .transform(
    (e): EscalationConfig => ({
      reminders: e.reminders,
      roster: e.roster,
      channels: e.channels,
      ladders: e.ladders ?? [structuredClone(DEFAULT_LADDER)],
    }),
  );

export const escalationSchema: z.ZodType<EscalationConfig, z.ZodTypeDef, unknown> = escalationObject
  .superRefine(checkReferences)
  .default({});
