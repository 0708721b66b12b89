// Making a person's follow-up plan when an incident is registered: check-ins at the organisation's
// offsets, moved into the person's working time, each an outbox message (keyed by the check-in, so
// moving or cancelling it moves or cancels the message). The peer supporter is reminded the working
// morning before each one, from the moment they accepted (never while only asked).

import type { Card } from '../../cards/model.ts';
import { checkinCard, peerReminderCard, planCreatedCard } from '../../dialogs/checkin-cards.ts';
import type { OrgConfig } from '../config/org-config.ts';
import { planCheckins } from '../domain/followup/plan.ts';
import { DEFAULT_PROFILE, previousWorkingMorning, type WorkingProfile } from '../domain/followup/working-time.ts';
import type { ChannelId } from '../domain/turn.ts';
import type {
  CheckinRecord,
  IncidentRecord,
  NewOutboxMessage,
  Participant,
  StepRecord,
  Store,
  UserRecord,
  WorkProfileRecord,
} from '../ports/store.ts';
import { type TurnContext, translator } from './context.ts';
import { localeOf, recipientFor } from './people.ts';

export const checkinKey = (checkinId: string) => `checkin:${checkinId}`;
export const peerReminderKey = (checkinId: string) => `checkin:${checkinId}:peer-reminder`;

/** The person's working time: their own (shift work) or the organisation's usual hours. */
export async function workingProfileOf(
  store: Store,
  config: OrgConfig,
  channel: ChannelId,
  userId: string,
  user?: UserRecord | null,
): Promise<WorkingProfile> {
  return profileFrom(config, user?.timeZone ?? null, await store.getWorkProfile(channel, userId));
}

/** workingProfileOf from what is already read: the person's time zone and own working hours. */
export function profileFrom(config: OrgConfig, timeZone: string | null, own: WorkProfileRecord | null): WorkingProfile {
  return {
    ...DEFAULT_PROFILE,
    timeZone: timeZone ?? config.timeZone,
    country: config.country,
    hours: own?.hours ?? config.followup.workingHours,
    days: own?.days ?? config.followup.workingDays,
    worksHolidays: own?.worksHolidays ?? false,
  };
}

/**
 * Plans for every involved person of a new incident, inside its transaction. Returns the plan card
 * for the person registering (shown in the reply); the others get theirs as a message.
 */
export async function createPlans(
  ctx: TurnContext,
  tx: Store,
  incident: IncidentRecord,
  participants: Participant[],
): Promise<Card | null> {
  const { config } = ctx.deps;
  if (!config.followup.enabled) return null;
  const involved = [...new Set(participants.filter((p) => p.role === 'involved').map((p) => p.userId))];
  let mine: Card | null = null;
  const messages: NewOutboxMessage[] = [];
  for (const userId of involved) {
    const user = userId === ctx.user.userId ? ctx.user : await tx.getUser(ctx.user.channel, userId);
    const profile = await workingProfileOf(tx, config, ctx.user.channel, userId, user);
    const times = planCheckins(incident.createdAt, config.followup.offsets, profile);
    const { checkins, created } = await tx.createFollowupPlan(
      { incidentId: incident.id, channel: ctx.user.channel, userId, createdAt: incident.createdAt },
      times,
    );
    if (!created) continue;
    const locale = localeOf(user, config.defaultLocale);
    const t = translator(ctx.deps.i18n, locale);
    const recipient = recipientFor(user, userId, ctx.user);
    const zone = profile.timeZone;
    for (const c of checkins) messages.push(checkinMessage(t, recipient, incident, c));
    const dates = checkins.map((c) => ctx.deps.i18n.dateTime(locale, c.dueAt, zone));
    const card = planCreatedCard(t, { incidentId: incident.id, ref: incident.ref, dates });
    if (userId === ctx.user.userId) mine = card;
    else
      messages.push({
        idempotencyKey: `plan:${incident.id}:${userId}`,
        kind: 'plan.created',
        recipient,
        card,
        dueAt: incident.createdAt,
        incidentId: incident.id,
      });
  }
  await tx.enqueue(messages);
  return mine;
}

export function checkinMessage(
  t: ReturnType<typeof translator>,
  recipient: NewOutboxMessage['recipient'],
  incident: IncidentRecord,
  c: CheckinRecord,
): NewOutboxMessage {
  return {
    idempotencyKey: checkinKey(c.id),
    kind: 'checkin',
    recipient,
    card: checkinCard(t, { checkinId: c.id, ref: incident.ref }),
    dueAt: c.dueAt,
    incidentId: incident.id,
  };
}

/** The peer supporter who accepted, if any: only they get reminders. */
export function acceptedPeer(steps: StepRecord[]): string | null {
  const data = steps.find((s) => s.step === 'peerSupport')?.data;
  return data?.supporterStatus === 'accepted' && typeof data.supporter === 'string' ? data.supporter : null;
}

/**
 * "Anna has a check-in tomorrow": the peer supporter's working morning before each planned check-in
 * still ahead (all of the incident's, or those given), or at once when that morning has passed.
 * Rescheduling re-arms a reminder cancelled earlier (a supporter who handed back, a moved check-in).
 * `ctx.user` only lends its service address to a supporter the bot has no address for.
 */
export async function schedulePeerReminders(
  ctx: Pick<TurnContext, 'deps' | 'user'>,
  tx: Store,
  incident: IncidentRecord,
  peerId: string,
  only?: CheckinRecord[],
): Promise<void> {
  const { config, i18n, clock } = ctx.deps;
  if (!config.followup.enabled) return;
  const now = clock.now();
  const checkins = only ?? (await planned(tx, incident.id));
  const ahead = checkins.filter((c) => c.status === 'planned' && c.dueAt > now && c.userId !== peerId);
  if (ahead.length === 0) return;
  const peer = await tx.getUser(incident.channel, peerId);
  const profile = await workingProfileOf(tx, config, incident.channel, peerId, peer);
  const locale = localeOf(peer, config.defaultLocale);
  const t = translator(i18n, locale);
  const messages: NewOutboxMessage[] = [];
  for (const c of ahead) {
    const person = await tx.getUser(c.channel, c.userId);
    const morning = previousWorkingMorning(c.dueAt, profile);
    messages.push({
      idempotencyKey: peerReminderKey(c.id),
      kind: 'checkin.peerReminder',
      recipient: recipientFor(peer, peerId, ctx.user),
      card: peerReminderCard(t, {
        person: person?.displayName ?? t('case.unknownPerson'),
        when: i18n.dateTime(locale, c.dueAt, profile.timeZone),
      }),
      dueAt: new Date(Math.max(morning.getTime(), now.getTime())),
      incidentId: incident.id,
    });
  }
  await tx.reschedule(messages);
}

/** A supporter who handed back (or was replaced) is reminded of nothing more. */
export async function cancelPeerReminders(tx: Store, incidentId: string, at: Date): Promise<void> {
  const checkins = await planned(tx, incidentId);
  await tx.cancelOutbox(
    checkins.map((c) => peerReminderKey(c.id)),
    at,
  );
}

async function planned(tx: Store, incidentId: string): Promise<CheckinRecord[]> {
  const involved = (await tx.listParticipants(incidentId)).filter((p) => p.role === 'involved');
  const all: CheckinRecord[] = [];
  // One after the other: a transaction is one connection.
  for (const userId of new Set(involved.map((p) => p.userId)))
    all.push(...(await tx.listPlanCheckins(incidentId, userId)));
  return all.filter((c) => c.status === 'planned');
}
