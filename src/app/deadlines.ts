// A step's deadline as outbox messages (issue 8): reminders to its owner before the deadline, then
// the organisation's escalation ladder, level by level, until someone acknowledges. All of a step's
// messages share the key prefix deadline:<incident>:<step>:, so settling the step cancels them in
// one statement, and a new schedule (another owner, a reopened case) gets a fresh generation.
import { deadlineReminderCard, escalationCard, SNOOZES, type Snooze } from '../../dialogs/deadline-cards.ts';
import type { Translate } from '../../dialogs/form.ts';
import type { LevelTarget } from '../domain/escalation/ladder.ts';
import { escalationTimes, ladderFor, reminderTimes } from '../domain/escalation/plan.ts';
import { nextWorkingStart, type WorkingProfile } from '../domain/followup/working-time.ts';
import { isSettled, type StepId } from '../domain/pathway.ts';
import type { Recipient } from '../domain/turn.ts';
import type { Locale } from '../i18n/locales.ts';
import type { IncidentRecord, NewOutboxMessage, Participant, StepRecord, Store, UserRecord } from '../ports/store.ts';
import { type TurnContext, translator } from './context.ts';
import { profileFrom, workingProfileOf } from './followup-plan.ts';
import { localeOf, recipientFor } from './people.ts';

export const deadlinePrefix = (incidentId: string, step: StepId) => `deadline:${incidentId}:${step}:`;
export const chainPrefix = (incidentId: string, step: StepId, gen: string) =>
  `${deadlinePrefix(incidentId, step)}${gen}:esc:`;

const HOUR = 3_600_000;

/** Snooze choices still before the deadline, from `now`. */
export function snoozeChoices(now: Date, dueAt: Date, profile: WorkingProfile): Snooze[] {
  return SNOOZES.filter((by) => {
    const until = snoozeTime(now, by, profile);
    return until.getTime() < dueAt.getTime();
  });
}

export function snoozeTime(now: Date, by: Snooze, profile: WorkingProfile): Date {
  if (by === 'PT1H') return new Date(now.getTime() + HOUR);
  if (by === 'PT3H') return new Date(now.getTime() + 3 * HOUR);
  return nextWorkingStart(now, profile);
}

/** "4 hours" / "2 days" late, in the reader's language. */
export function lateText(t: Translate, ms: number): string {
  const hours = Math.max(0, Math.round(ms / HOUR));
  if (hours < 1) return t('escalation.late.now');
  return hours < 48
    ? t('escalation.late.hours', { count: hours })
    : t('escalation.late.days', { count: Math.round(hours / 24) });
}

interface Addressee {
  key: string;
  recipient: Recipient;
  t: Translate;
  locale: Locale;
}

/**
 * (Re)plans one step's deadline inside the caller's transaction: cancels what was pending for it,
 * starts a new generation, and enqueues the owner's reminders and every level's notice. A settled
 * step, a closed case or a step without deadline gets nothing.
 */
export async function scheduleDeadline(
  ctx: TurnContext,
  tx: Store,
  incident: IncidentRecord,
  participants: Participant[],
  step: Pick<StepRecord, 'step' | 'state' | 'ownerId' | 'dueAt'>,
): Promise<void> {
  const { config, clock, i18n } = ctx.deps;
  const now = clock.now();
  await tx.cancelOutboxByPrefix(incident.id, deadlinePrefix(incident.id, step.step), now);
  if (!step.dueAt || isSettled(step.state) || incident.status !== 'open') return;
  const gen = `g${now.getTime().toString(36)}`;
  await tx.setStepSchedule({ incidentId: incident.id, step: step.step, gen, ownerId: step.ownerId, dueAt: step.dueAt });
  const prefix = deadlinePrefix(incident.id, step.step) + gen;
  const users = new Map<string, UserRecord | null>();
  const userOf = async (id: string) => {
    if (!users.has(id)) users.set(id, id === ctx.user.userId ? ctx.user : await tx.getUser(incident.channel, id));
    return users.get(id) ?? null;
  };
  const messages: NewOutboxMessage[] = [];

  if (step.ownerId) {
    const owner = await userOf(step.ownerId);
    const profile = await workingProfileOf(tx, config, incident.channel, step.ownerId, owner);
    const times = reminderTimes(incident.createdAt, step.dueAt, profile, config.escalation.reminders, now);
    for (const at of times) messages.push(reminderMessage(ctx, incident, step, gen, at, owner, profile));
  }

  const ladder = ladderFor(config.escalation, incident.category);
  const orgProfile = profileFrom(config, null, null);
  const ownerName = step.ownerId ? (await userOf(step.ownerId))?.displayName : undefined;
  for (const notice of escalationTimes(step.dueAt, ladder, orgProfile)) {
    // A step opened again after its deadline: what fell due in the past is not sent all at once.
    if (notice.at < now) continue;
    const level = ladder.levels[notice.level];
    if (!level) continue;
    for (const a of await addressees(ctx, incident, participants, step.ownerId, level.to, userOf)) {
      messages.push({
        idempotencyKey: `${prefix}:esc:${notice.level}:${notice.repeat}:${a.key}`,
        kind: 'escalation.notice',
        recipient: a.recipient,
        card: escalationCard(a.t, {
          incidentId: incident.id,
          ref: incident.ref,
          step: step.step,
          due: i18n.dateTime(a.locale, step.dueAt, config.timeZone),
          owner: ownerName ?? a.t('case.nobody'),
          late: lateText(a.t, notice.at.getTime() - step.dueAt.getTime()),
          gen,
          level: notice.level,
        }),
        dueAt: notice.at,
        incidentId: incident.id,
      });
    }
  }
  await tx.enqueue(messages);
}

/** Who a level means for this incident and channel: incident roles, the roster, a person, a group channel. */
async function addressees(
  ctx: TurnContext,
  incident: IncidentRecord,
  participants: Participant[],
  ownerId: string | null,
  to: LevelTarget,
  userOf: (id: string) => Promise<UserRecord | null>,
): Promise<Addressee[]> {
  const { config, i18n } = ctx.deps;
  const channel = incident.channel;
  const person = async (userId: string | undefined | null): Promise<Addressee[]> => {
    if (!userId) return [];
    const user = await userOf(userId);
    const locale = localeOf(user, config.defaultLocale);
    return [{ key: userId, recipient: recipientFor(user, userId, ctx.user), t: translator(i18n, locale), locale }];
  };
  switch (to.kind) {
    case 'role': {
      if (to.role === 'manager') return person(participants.find((p) => p.role === 'manager')?.userId);
      if (to.role === 'owner') return person(ownerId);
      const people = config.escalation.roster[to.role] ?? [];
      const out: Addressee[] = [];
      // One after the other: a transaction is one connection.
      for (const p of people) out.push(...(await person(p[channel])));
      return out;
    }
    case 'person':
      return person(to[channel]);
    case 'channel': {
      const group = config.escalation.channels[to.name];
      const locale = config.defaultLocale;
      const t = translator(i18n, locale);
      if (channel === 'slack' && group?.slack)
        return [{ key: `#${to.name}`, recipient: { channel, userId: group.slack.channel }, t, locale }];
      if (channel === 'teams' && group?.teams) {
        const { conversationId, serviceUrl } = group.teams;
        const recipient: Recipient = {
          channel,
          userId: `conversation:${conversationId}`,
          tenantId: incident.tenantId ?? undefined,
          address: { conversationId, serviceUrl },
        };
        return [{ key: `#${to.name}`, recipient, t, locale }];
      }
      return [];
    }
  }
}

/** A reminder to the step's owner at `at` (planned, or snoozed to). */
export function reminderMessage(
  ctx: TurnContext,
  incident: IncidentRecord,
  step: Pick<StepRecord, 'step' | 'ownerId' | 'dueAt'>,
  gen: string,
  at: Date,
  owner: UserRecord | null,
  profile: WorkingProfile,
): NewOutboxMessage {
  const { config, i18n } = ctx.deps;
  const locale = localeOf(owner, config.defaultLocale);
  const dueAt = step.dueAt ?? at;
  return {
    idempotencyKey: `${deadlinePrefix(incident.id, step.step)}${gen}:reminder:${at.getTime()}`,
    kind: 'deadline.reminder',
    recipient: recipientFor(owner, step.ownerId ?? '', ctx.user),
    card: deadlineReminderCard(translator(i18n, locale), {
      incidentId: incident.id,
      ref: incident.ref,
      step: step.step,
      due: i18n.dateTime(locale, dueAt, profile.timeZone),
      snoozes: snoozeChoices(at, dueAt, profile),
    }),
    dueAt: at,
    incidentId: incident.id,
  };
}

/** Re-plans every open step of a case (registration, reopening). */
export async function scheduleDeadlines(
  ctx: TurnContext,
  tx: Store,
  incident: IncidentRecord,
  participants: Participant[],
  steps: Pick<StepRecord, 'step' | 'state' | 'ownerId' | 'dueAt'>[],
): Promise<void> {
  const now = ctx.deps.clock.now();
  for (const s of steps) if (!s.dueAt || s.dueAt > now) await scheduleDeadline(ctx, tx, incident, participants, s);
}
