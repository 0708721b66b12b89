import { randomUUID } from 'node:crypto';
import type { Card } from '../../cards/model.ts';
// Registers an incident: saves it with its people, notifies manager and peer supporter through the
// outbox in the same transaction, and answers with the case card.
import { type FormValues, parseForm, renderForm } from '../../dialogs/form.ts';
import { noticeCard } from '../../dialogs/incident-cards.ts';
import { peerRequestCard } from '../../dialogs/peer-cards.ts';
import { registerIncidentForm } from '../../dialogs/register-incident.ts';
import type { Reply } from '../domain/turn.ts';
import type { IncidentRecord, NewOutboxMessage, Participant } from '../ports/store.ts';
import { planSteps, type ViewerRole } from './case-access.ts';
import type { TurnContext } from './context.ts';
import { scheduleDeadlines } from './deadlines.ts';
import { createPlans } from './followup-plan.ts';
import { messageTo, peopleOptions } from './people.ts';
import { caseCardFor } from './steps.ts';

export async function showRegistrationForm(
  ctx: TurnContext,
  values: FormValues = {},
  errors: Record<string, string> = {},
  submissionId: string = randomUUID(),
): Promise<Reply> {
  const people = await peopleOptions(ctx.deps.store, ctx.user);
  const formCtx = { t: ctx.t, people, timeZone: ctx.timeZone, now: ctx.deps.clock.now(), submissionId };
  const card = renderForm(registerIncidentForm, formCtx, values, errors);
  const formErrors = Object.keys(errors).length
    ? Object.fromEntries(Object.entries(errors).map(([field, key]) => [field, ctx.t(key)]))
    : undefined;
  return { cards: [card], formErrors };
}

export const SUBMISSION_ID = /^[A-Za-z0-9:._-]{8,128}$/;

/** The submission's key, scoped to the person, so nobody can reach another person's incident with it. */
function submissionKeyOf(ctx: TurnContext, raw: Record<string, unknown>): { id: string; key: string } | null {
  const id = ctx.turn.submissionKey ?? raw.submissionId;
  if (typeof id !== 'string' || !SUBMISSION_ID.test(id)) return null;
  return { id, key: `${ctx.user.channel}:${ctx.user.userId}:${id}` };
}

export async function submitRegistration(ctx: TurnContext, raw: Record<string, unknown>): Promise<Reply> {
  const { store, clock, log } = ctx.deps;
  const now = clock.now();
  const submission = submissionKeyOf(ctx, raw);
  const parsed = parseForm(registerIncidentForm, raw, { timeZone: ctx.timeZone, now });
  if (!parsed.ok) {
    // Field names and error kinds only: never the values.
    log.info({ event: 'form.rejected', form: registerIncidentForm.id, errors: parsed.errors }, 'form rejected');
    return showRegistrationForm(ctx, parsed.values, parsed.errors, submission?.id);
  }
  if (submission) {
    const earlier = await store.getIncidentBySubmission(submission.key);
    if (earlier) return caseReply(ctx, earlier);
  }
  const v = parsed.values;
  const me = ctx.user.userId;
  const manager = v.manager as string;
  const peer = v.peerSupporter as string | undefined;
  const involved = ((v.involved as string[] | undefined) ?? []).filter((id) => id !== me);
  const participants: Participant[] = [
    { userId: me, role: 'reporter' },
    { userId: me, role: 'involved' },
    ...involved.map((userId) => ({ userId, role: 'involved' as const })),
    { userId: manager, role: 'manager' },
    ...(peer ? [{ userId: peer, role: 'peer' as const }] : []),
  ];

  const save = () =>
    store.transaction(async (tx) => {
      const created = await tx.createIncident(
        {
          channel: ctx.user.channel,
          tenantId: ctx.user.tenantId,
          reporterId: me,
          summary: v.summary as string,
          category: v.category as string,
          occurredAt: v.occurredAt as Date,
          createdAt: now,
          submissionKey: submission?.key ?? null,
        },
        participants,
      );
      const steps = planSteps(ctx.deps.config, created, participants);
      await tx.initSteps(created.id, steps);
      await scheduleDeadlines(
        ctx,
        tx,
        created,
        participants,
        steps.map((s) => ({ ...s, state: 'not_started' })),
      );
      if (peer && peer !== me && ctx.deps.config.pathway.steps.peerSupport.enabled) {
        // The peer supporter named here is asked to accept, as if chosen in the peer-support step.
        const data = { supporter: peer, supporterStatus: 'asked' };
        await tx.updateStep(created.id, 'peerSupport', { state: 'in_progress', data }, 0, me, now);
      }
      const notices: NewOutboxMessage[] = [];
      for (const [role, userId] of [
        ['manager', manager],
        ['peer', peer],
      ] as const) {
        if (!userId || userId === me) continue;
        notices.push(
          await messageTo(ctx, tx, userId, {
            key: `incident:${created.id}:notice:${role}:${userId}`,
            kind: `incident.notice.${role}`,
            incidentId: created.id,
            dueAt: now,
            card: (t) =>
              role === 'manager'
                ? noticeCard(t, {
                    incidentId: created.id,
                    ref: created.ref,
                    reporter: ctx.user.displayName ?? t('case.unknownPerson'),
                    category: created.category,
                  })
                : peerRequestCard(t, {
                    incidentId: created.id,
                    ref: created.ref,
                    asker: ctx.user.displayName ?? t('case.unknownPerson'),
                  }),
          }),
        );
      }
      await tx.enqueue(notices);
      const planCard = await createPlans(ctx, tx, created, participants);
      await tx.appendAudit({
        at: now,
        actorChannel: ctx.user.channel,
        actorId: me,
        action: 'incident.create',
        incidentId: created.id,
        detail: { participants: participants.length, notices: notices.length },
      });
      return { created, planCard };
    });
  let incident: IncidentRecord;
  let planCard: Card | null = null;
  try {
    ({ created: incident, planCard } = await save());
  } catch (e) {
    // The same submission saved meanwhile by another replica or a parallel retry: answer with that one.
    const earlier = submission && (await store.getIncidentBySubmission(submission.key));
    if (!earlier) throw e;
    return caseReply(ctx, earlier);
  }
  log.info({ event: 'incident.created', incidentId: incident.id, ref: incident.ref }, 'incident registered');
  ctx.deps.onEnqueued?.();
  const reply = await caseReply(ctx, incident, participants);
  return planCard ? { cards: [...reply.cards, planCard] } : reply;
}

/** The case card for a saved incident, to the person who registered it. */
async function caseReply(ctx: TurnContext, incident: IncidentRecord, known?: Participant[]): Promise<Reply> {
  const { store } = ctx.deps;
  const participants = known ?? (await store.listParticipants(incident.id));
  const steps = await store.listSteps(incident.id);
  const roles = new Set<ViewerRole>(participants.filter((p) => p.userId === ctx.user.userId).map((p) => p.role));
  return { cards: [await caseCardFor(ctx, { incident, participants, steps, roles }, { justRegistered: true })] };
}
