// The peer supporter must accept (or hand it back). Asking adds them to the incident (so they can
// open it) and sends them a request; handing back removes them again and tells the step's owner.
import { z } from 'zod';
import { peerAnswerCard, peerRequestCard } from '../../dialogs/peer-cards.ts';
import type { Reply } from '../domain/turn.ts';
import type { StepRecord, Store } from '../ports/store.ts';
import { deniedReply, type LoadedCase, loadCase } from './case-access.ts';
import type { TurnContext } from './context.ts';
import { cancelPeerReminders, schedulePeerReminders } from './followup-plan.ts';
import { messageTo } from './people.ts';
import { badRequest, caseCardFor } from './steps.ts';

const incidentRef = z.object({ incidentId: z.string().uuid() });

export async function askPeerSupporter(
  ctx: TurnContext,
  tx: Store,
  c: LoadedCase,
  step: StepRecord,
  userId: string,
): Promise<void> {
  const now = ctx.deps.clock.now();
  await tx.addParticipant(c.incident.id, { userId, role: 'peer' });
  if (userId !== ctx.user.userId) {
    const request = await messageTo(ctx, tx, userId, {
      key: `incident:${c.incident.id}:peer-request:${userId}:v${step.version}`,
      kind: 'peer.request',
      incidentId: c.incident.id,
      card: (t) =>
        peerRequestCard(t, {
          incidentId: c.incident.id,
          ref: c.incident.ref,
          asker: ctx.user.displayName ?? t('case.unknownPerson'),
        }),
    });
    await tx.enqueue([request]);
  }
  await tx.appendAudit({
    at: now,
    actorChannel: ctx.user.channel,
    actorId: ctx.user.userId,
    action: 'peer.asked',
    incidentId: c.incident.id,
  });
}

export async function dropPeerSupporter(tx: Store, c: LoadedCase, userId: string, at: Date): Promise<void> {
  await tx.removeParticipant(c.incident.id, { userId, role: 'peer' });
  await cancelPeerReminders(tx, c.incident.id, at);
}

/** The asked supporter's answer: accept, or hand it back. */
export async function answerPeerRequest(
  ctx: TurnContext,
  values: Record<string, unknown>,
  answer: 'accepted' | 'declined',
): Promise<Reply> {
  const ref = incidentRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const c = await loadCase(ctx, ref.data.incidentId, `peer.${answer}`);
  if (!c) return deniedReply(ctx);
  const me = ctx.user.userId;
  const step = c.steps.find((s) => s.step === 'peerSupport');
  if (!c.roles.has('peer') || !step) return deniedReply(ctx);
  if (c.incident.status !== 'open')
    return { cards: [await caseCardFor(ctx, c, { notice: { key: 'step.closedCase', tone: 'attention' } })] };
  const { store, clock } = ctx.deps;
  const now = clock.now();
  const asked = step.data.supporter === me;
  if (asked && step.data.supporterStatus === answer) {
    return { cards: [await caseCardFor(ctx, c, { notice: { key: `peer.you.${answer}`, tone: 'good' } })] };
  }
  const data =
    answer === 'accepted'
      ? { ...step.data, supporter: me, supporterStatus: 'accepted' }
      : { ...step.data, supporter: undefined, supporterStatus: 'declined' };
  const state = answer === 'accepted' ? step.state : 'in_progress';
  const saved = await store.transaction(async (tx) => {
    const updated = await tx.updateStep(c.incident.id, 'peerSupport', { state, data }, step.version, me, now);
    if (!updated) return null;
    if (answer === 'declined') await dropPeerSupporter(tx, c, me, now);
    else await schedulePeerReminders(ctx, tx, c.incident, me);
    // The case owner hears the answer: the step's owner, else the manager.
    const ownerId = step.ownerId ?? c.participants.find((p) => p.role === 'manager')?.userId;
    if (ownerId && ownerId !== me) {
      const notice = await messageTo(ctx, tx, ownerId, {
        key: `incident:${c.incident.id}:peer-${answer}:${me}:v${updated.version}`,
        kind: `peer.${answer}`,
        incidentId: c.incident.id,
        card: (t) =>
          peerAnswerCard(t, answer, {
            incidentId: c.incident.id,
            ref: c.incident.ref,
            supporter: ctx.user.displayName ?? t('case.unknownPerson'),
          }),
      });
      await tx.enqueue([notice]);
    }
    await tx.appendAudit({
      at: now,
      actorChannel: ctx.user.channel,
      actorId: me,
      action: `peer.${answer}`,
      incidentId: c.incident.id,
    });
    return updated;
  });
  if (!saved) return badRequest(ctx);
  ctx.deps.onEnqueued?.();
  if (answer === 'declined') return { cards: [peerHandedBack(ctx)] };
  const after = await loadCase(ctx, c.incident.id, 'incident.read');
  if (!after) return deniedReply(ctx);
  return { cards: [await caseCardFor(ctx, after, { notice: { key: 'peer.you.accepted', tone: 'good' } })] };
}

function peerHandedBack(ctx: TurnContext) {
  const text = ctx.t('peer.you.declined');
  return {
    id: 'peer.handedBack',
    fallbackText: text,
    body: [
      { kind: 'text' as const, tone: 'good' as const, text },
      { kind: 'actions' as const, actions: [{ id: 'menu', label: ctx.t('common.menu') }] },
    ],
  };
}
