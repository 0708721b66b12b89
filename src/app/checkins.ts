// Answering a check-in and managing one's plan. A check-in belongs to one person: anyone else gets
// the access refusal. Answers are a score and a yes/no; the peer supporter and the manager learn only
// that contact would be welcome or support is needed, never the answers.
import { z } from 'zod';
import {
  type Contact,
  checkinDoneCard,
  managerSupportCard,
  peerContactCard,
  talkQuestionCard,
} from '../../dialogs/checkin-cards.ts';
import { messageCard } from '../../dialogs/incident-cards.ts';
import { snoozeUntil } from '../domain/followup/plan.ts';
import type { Reply } from '../domain/turn.ts';
import type { CheckinRecord, Store } from '../ports/store.ts';
import { deniedReply } from './case-access.ts';
import type { TurnContext } from './context.ts';
import {
  acceptedPeer,
  checkinKey,
  checkinMessage,
  peerReminderKey,
  schedulePeerReminders,
  workingProfileOf,
} from './followup-plan.ts';
import { messageTo, recipientFor } from './people.ts';
import { badRequest } from './steps.ts';

const checkinRef = z.object({ checkinId: z.string().uuid() });
export const scoreRef = checkinRef.extend({ score: z.enum(['1', '2', '3', '4', '5']) });
export const talkRef = checkinRef.extend({ talk: z.enum(['yes', 'no']) });
const snoozeRef = checkinRef.extend({ by: z.enum(['P1D', 'P1W']) });

const LOW = 2;

/** The check-in, when it is the turn user's own; audited either way. */
async function ownCheckin(ctx: TurnContext, id: string, action: string): Promise<CheckinRecord | null> {
  const { store, clock } = ctx.deps;
  const c = await store.getCheckin(id);
  const mine = c !== null && c.channel === ctx.user.channel && c.userId === ctx.user.userId;
  await store.appendAudit({
    at: clock.now(),
    actorChannel: ctx.user.channel,
    actorId: ctx.user.userId,
    action: mine ? action : 'checkin.denied',
    incidentId: mine ? c.incidentId : null,
  });
  return mine ? c : null;
}

export async function answerScore(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const ref = scoreRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const c = await ownCheckin(ctx, ref.data.checkinId, 'checkin.answer');
  if (!c) return deniedReply(ctx);
  const score = Number(ref.data.score);
  const { store, clock } = ctx.deps;
  const now = clock.now();
  const answered = await store.transaction(async (tx) => {
    const a = await tx.answerCheckin(c.id, { score }, now);
    if (!a) return null;
    // Answered now: the reminder to the peer supporter is no longer needed if it has not gone yet.
    await tx.cancelOutbox([peerReminderKey(c.id)], now);
    if (score <= LOW) await promptPeer(ctx, tx, a);
    return a;
  });
  if (!answered) return { cards: [messageCard(ctx.t, 'checkin.closed', 'checkin.notOpen')] };
  ctx.deps.onEnqueued?.();
  return { cards: [talkQuestionCard(ctx.t, { checkinId: c.id, low: score <= LOW })] };
}

export async function answerTalk(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const ref = talkRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const c = await ownCheckin(ctx, ref.data.checkinId, 'checkin.answer');
  if (!c) return deniedReply(ctx);
  const talk = ref.data.talk === 'yes';
  const { store, clock, config } = ctx.deps;
  const now = clock.now();
  const result = await store.transaction(async (tx) => {
    const a = await tx.answerCheckin(c.id, { wantsTalk: talk }, now);
    if (!a) return null;
    const peer = talk ? await promptPeer(ctx, tx, a) : await peerOf(tx, a.incidentId);
    // Two low answers in a row: professional help for the person, and (if they agreed) the manager told.
    const [last, before] = await tx.recentCheckinAnswers(a.incidentId, a.userId, 2);
    const twoLow = last?.id === a.id && (last.score ?? 5) <= LOW && (before?.score ?? 5) <= LOW;
    if (twoLow) await tellManager(ctx, tx, a);
    return { peer, twoLow };
  });
  if (!result) return { cards: [messageCard(ctx.t, 'checkin.closed', 'checkin.notOpen')] };
  ctx.deps.onEnqueued?.();
  const help = result.twoLow
    ? [config.followup.occupationalHealth, config.followup.employeeAssistance].filter((x): x is Contact => !!x)
    : undefined;
  const next = (await store.listUpcomingCheckins(ctx.user.channel, ctx.user.userId))[0];
  return {
    cards: [
      checkinDoneCard(ctx.t, {
        talk,
        hasPeer: result.peer !== null,
        help,
        next: next ? ctx.formatDate(next.dueAt) : undefined,
      }),
    ],
  };
}

async function peerOf(tx: Store, incidentId: string): Promise<string | null> {
  return (await tx.listParticipants(incidentId)).find((p) => p.role === 'peer')?.userId ?? null;
}

/** Tells the peer supporter, once per check-in, that the person would welcome contact. */
async function promptPeer(ctx: TurnContext, tx: Store, c: CheckinRecord): Promise<string | null> {
  const peerId = await peerOf(tx, c.incidentId);
  if (!peerId || peerId === c.userId) return peerId;
  const incident = await tx.getIncident(c.incidentId);
  if (!incident) return null;
  const prompt = await messageTo(ctx, tx, peerId, {
    key: `checkin:${c.id}:peer-contact`,
    kind: 'checkin.peerContact',
    incidentId: incident.id,
    card: (t) =>
      peerContactCard(t, {
        person: ctx.user.displayName ?? t('case.unknownPerson'),
        ref: incident.ref,
        incidentId: incident.id,
      }),
  });
  await tx.enqueue([prompt]);
  return peerId;
}

async function tellManager(ctx: TurnContext, tx: Store, c: CheckinRecord): Promise<void> {
  const plan = await tx.getFollowupPlan(c.incidentId, c.userId);
  if (!plan?.tellManager) return;
  const managerId = (await tx.listParticipants(c.incidentId)).find((p) => p.role === 'manager')?.userId;
  const incident = await tx.getIncident(c.incidentId);
  if (!managerId || !incident || managerId === c.userId) return;
  const message = await messageTo(ctx, tx, managerId, {
    key: `checkin:${c.id}:manager`,
    kind: 'checkin.manager',
    incidentId: incident.id,
    card: (t) =>
      managerSupportCard(t, {
        person: ctx.user.displayName ?? t('case.unknownPerson'),
        ref: incident.ref,
        incidentId: incident.id,
      }),
  });
  await tx.enqueue([message]);
}

export async function snoozeCheckin(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const ref = snoozeRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const c = await ownCheckin(ctx, ref.data.checkinId, 'checkin.snooze');
  if (!c) return deniedReply(ctx);
  const { store, clock, config } = ctx.deps;
  const profile = await workingProfileOf(store, config, ctx.user.channel, ctx.user.userId, ctx.user);
  const until = snoozeUntil(clock.now(), ref.data.by, profile);
  const moved = await moveCheckin(ctx, c, until);
  if (!moved) return { cards: [messageCard(ctx.t, 'checkin.closed', 'checkin.notOpen')] };
  return { cards: [noticeWithDate(ctx, 'checkin.snoozed', until)] };
}

/**
 * Moves a planned check-in and its messages. A check-in already delivered (snoozed from its card)
 * gets a fresh message for the new time. The accepted peer supporter's reminder moves with it.
 */
export async function moveCheckin(ctx: TurnContext, c: CheckinRecord, to: Date): Promise<boolean> {
  return ctx.deps.store.transaction(async (tx) => {
    const moved = await tx.updatePlannedCheckin(c.id, { dueAt: to });
    if (!moved) return false;
    const incident = await tx.getIncident(c.incidentId);
    if ((await tx.moveOutbox([checkinKey(c.id)], to)) === 0 && incident) {
      const message = checkinMessage(ctx.t, recipientFor(ctx.user, ctx.user.userId, ctx.user), incident, moved);
      await tx.enqueue([{ ...message, idempotencyKey: `${message.idempotencyKey}:${to.toISOString()}` }]);
    }
    const peer = incident ? acceptedPeer(await tx.listSteps(incident.id)) : null;
    if (incident && peer) await schedulePeerReminders(ctx, tx, incident, peer, [moved]);
    else await tx.cancelOutbox([peerReminderKey(c.id)], ctx.deps.clock.now());
    return true;
  });
}

export async function skipCheckin(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const ref = checkinRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const c = await ownCheckin(ctx, ref.data.checkinId, 'checkin.skip');
  if (!c) return deniedReply(ctx);
  const { store, clock } = ctx.deps;
  const skipped = await store.transaction(async (tx) => {
    const s = await tx.updatePlannedCheckin(c.id, { status: 'skipped' });
    if (s) await tx.cancelOutbox([checkinKey(c.id), peerReminderKey(c.id)], clock.now());
    return s;
  });
  return { cards: [messageCard(ctx.t, 'checkin.skipped', skipped ? 'checkin.skippedText' : 'checkin.notOpen')] };
}

/** Stop: honoured at once for this incident's plan, and confirmed. */
export async function stopCheckins(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const ref = checkinRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const c = await ownCheckin(ctx, ref.data.checkinId, 'checkin.stop');
  if (!c) return deniedReply(ctx);
  await stopPlans(ctx, [c.incidentId]);
  return { cards: [messageCard(ctx.t, 'checkin.stopped', 'checkin.stoppedText', 'good')] };
}

export async function stopPlans(ctx: TurnContext, incidentIds: string[]): Promise<number> {
  const { store, clock } = ctx.deps;
  const now = clock.now();
  return store.transaction(async (tx) => {
    let n = 0;
    for (const incidentId of new Set(incidentIds)) {
      const cancelled = await tx.stopFollowupPlan(incidentId, ctx.user.userId, now);
      await tx.cancelOutbox(
        cancelled.flatMap((c) => [checkinKey(c.id), peerReminderKey(c.id)]),
        now,
      );
      await tx.appendAudit({
        at: now,
        actorChannel: ctx.user.channel,
        actorId: ctx.user.userId,
        action: 'plan.stop',
        incidentId,
        detail: { cancelled: cancelled.length },
      });
      n += cancelled.length;
    }
    return n;
  });
}

/** A short confirmation naming a time, with the way to the plan. */
export function noticeWithDate(ctx: TurnContext, key: string, at: Date) {
  const text = ctx.t(key, { date: ctx.formatDate(at) });
  return {
    id: key,
    fallbackText: text,
    body: [
      { kind: 'text' as const, tone: 'good' as const, text },
      { kind: 'actions' as const, actions: [{ id: 'checkins.mine', label: ctx.t('checkin.myCheckins') }] },
    ],
  };
}
