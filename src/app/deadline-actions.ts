// What a step's owner can do from a deadline reminder: done, not relevant (with a reason), snooze
// (never past the deadline), or hand the step over to another manager, who must accept.
import { z } from 'zod';
import type { Card } from '../../cards/model.ts';
import {
  handoverAnswerCard,
  handoverForm,
  handoverRequestCard,
  NOT_RELEVANT_REASONS,
  notRelevantForm,
  SNOOZES,
} from '../../dialogs/deadline-cards.ts';
import { type FormValues, parseForm, renderForm } from '../../dialogs/form.ts';
import { messageCard } from '../../dialogs/incident-cards.ts';
import { STEP_IDS, type StepState } from '../domain/pathway.ts';
import type { Reply } from '../domain/turn.ts';
import type { StepRecord } from '../ports/store.ts';
import { deniedReply, type LoadedCase, loadCase } from './case-access.ts';
import type { TurnContext } from './context.ts';
import { deadlinePrefix, reminderMessage, scheduleDeadline, snoozeTime } from './deadlines.ts';
import { workingProfileOf } from './followup-plan.ts';
import { messageTo, namesOf, peopleOptions } from './people.ts';
import { applyStepChange, badRequest, caseCardFor, mayEdit, translatedErrors } from './steps.ts';

const stepRef = z.object({ incidentId: z.string().uuid(), step: z.enum(STEP_IDS) });
const snoozeRef = stepRef.extend({ by: z.enum(SNOOZES) });
const handoverRef = stepRef.extend({ gen: z.string().regex(/^g[0-9a-z]{1,16}$/) });

type Loaded = { c: LoadedCase; step: StepRecord };

/** The case and step, when the user may change it and the case is open; else the reply to give. */
async function editableStep(
  ctx: TurnContext,
  values: Record<string, unknown>,
  action: string,
): Promise<Loaded | Reply> {
  const ref = stepRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const c = await loadCase(ctx, ref.data.incidentId, action);
  const step = c?.steps.find((s) => s.step === ref.data.step);
  if (!c || !step) return deniedReply(ctx);
  if (c.incident.status !== 'open')
    return { cards: [await caseCardFor(ctx, c, { notice: { key: 'step.closedCase', tone: 'attention' } })] };
  if (!mayEdit(c, step))
    return { cards: [await caseCardFor(ctx, c, { notice: { key: 'step.notEditor', tone: 'attention' } })] };
  return { c, step };
}

const isReply = (x: Loaded | Reply): x is Reply => 'cards' in x;

function textCard(ctx: TurnContext, id: string, text: string): Card {
  return {
    id,
    fallbackText: text,
    body: [
      { kind: 'text', tone: 'good', text },
      { kind: 'actions', actions: [{ id: 'deadlines.mine', label: ctx.t('deadlines.title') }] },
    ],
  };
}

/** Done or not relevant from the reminder: saved like the step's own form, so its hooks run. */
async function settle(
  ctx: TurnContext,
  { c, step }: Loaded,
  state: StepState,
  data: Record<string, unknown>,
): Promise<Reply> {
  const saved = await applyStepChange(ctx, c, step, { state, data }, step.version, `deadline.${state}`);
  const after = await loadCase(ctx, c.incident.id, 'incident.read');
  if (!after) return deniedReply(ctx);
  const notice = saved
    ? { key: 'step.saved', tone: 'good' as const, values: { step: ctx.t(`step.${step.step}.title`) } }
    : { key: 'step.changedMeanwhile', tone: 'attention' as const };
  return { cards: [await caseCardFor(ctx, after, { notice })] };
}

export async function markDone(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const loaded = await editableStep(ctx, values, 'deadline.done');
  if (isReply(loaded)) return loaded;
  return settle(ctx, loaded, 'done', loaded.step.data);
}

export async function showNotRelevantForm(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const loaded = await editableStep(ctx, values, 'step.open');
  if (isReply(loaded)) return loaded;
  return { cards: [notRelevantCard(ctx, loaded)] };
}

function notRelevantCard(
  ctx: TurnContext,
  { c, step }: Loaded,
  errors: Record<string, string> = {},
  values: FormValues = {},
) {
  const submitData = { incidentId: c.incident.id, step: step.step };
  const formCtx = { t: ctx.t, people: [], timeZone: ctx.timeZone, now: ctx.deps.clock.now(), submitData };
  return renderForm(notRelevantForm, formCtx, values, errors);
}

export async function submitNotRelevant(ctx: TurnContext, raw: Record<string, unknown>): Promise<Reply> {
  const loaded = await editableStep(ctx, raw, 'deadline.notRelevant');
  if (isReply(loaded)) return loaded;
  const parsed = parseForm(notRelevantForm, raw, { timeZone: ctx.timeZone, now: ctx.deps.clock.now() });
  const reason = parsed.ok ? parsed.values.reason : undefined;
  if (!parsed.ok || typeof reason !== 'string' || !(NOT_RELEVANT_REASONS as readonly string[]).includes(reason)) {
    const errors = parsed.ok ? { reason: 'form.required' } : parsed.errors;
    const card = notRelevantCard(ctx, loaded, errors, parsed.values);
    return { cards: [card], formErrors: translatedErrors(ctx, errors) };
  }
  return settle(ctx, loaded, 'not_relevant', { ...loaded.step.data, notRelevantReason: reason });
}

/** A later reminder, never at or after the deadline (the ladder takes over there). */
export async function snoozeReminder(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const ref = snoozeRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const loaded = await editableStep(ctx, values, 'deadline.snooze');
  if (isReply(loaded)) return loaded;
  const { c, step } = loaded;
  // Only the owner's own reminder is moved; someone else editing the step has none to snooze.
  if (step.ownerId !== ctx.user.userId)
    return { cards: [await caseCardFor(ctx, c, { notice: { key: 'step.notEditor', tone: 'attention' } })] };
  const { store, clock, config } = ctx.deps;
  const schedule = await store.getStepSchedule(c.incident.id, step.step);
  const profile = await workingProfileOf(store, config, ctx.user.channel, ctx.user.userId, ctx.user);
  const until = snoozeTime(clock.now(), ref.data.by, profile);
  if (!schedule || !step.dueAt || until >= step.dueAt)
    return { cards: [messageCard(ctx.t, 'deadline.snoozeTooLate', 'deadline.snoozeTooLateText', 'attention')] };
  await store.enqueue([reminderMessage(ctx, c.incident, step, schedule.gen, until, ctx.user, profile)]);
  ctx.deps.onEnqueued?.();
  return { cards: [textCard(ctx, 'deadline.snoozed', ctx.t('deadline.snoozed', { date: ctx.formatDate(until) }))] };
}

export async function showHandoverForm(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const loaded = await editableStep(ctx, values, 'step.open');
  if (isReply(loaded)) return loaded;
  return { cards: [await handoverCard(ctx, loaded)] };
}

async function handoverCard(
  ctx: TurnContext,
  { c, step }: Loaded,
  errors: Record<string, string> = {},
  values: FormValues = {},
) {
  const people = await peopleOptions(ctx.deps.store, ctx.user);
  const submitData = { incidentId: c.incident.id, step: step.step };
  const formCtx = { t: ctx.t, people, timeZone: ctx.timeZone, now: ctx.deps.clock.now(), submitData };
  return renderForm(handoverForm, formCtx, values, errors);
}

/** Asks another manager to take the step over; nothing changes until they accept. */
export async function submitHandover(ctx: TurnContext, raw: Record<string, unknown>): Promise<Reply> {
  const loaded = await editableStep(ctx, raw, 'deadline.handover');
  if (isReply(loaded)) return loaded;
  const parsed = parseForm(handoverForm, raw, { timeZone: ctx.timeZone, now: ctx.deps.clock.now() });
  const to = parsed.ok ? (parsed.values.to as string[] | string | undefined) : undefined;
  const target = Array.isArray(to) ? to[0] : to;
  if (!parsed.ok || !target || target === ctx.user.userId) {
    const errors = parsed.ok ? { to: 'handover.chooseSomeoneElse' } : parsed.errors;
    const card = await handoverCard(ctx, loaded, errors, parsed.values);
    return { cards: [card], formErrors: translatedErrors(ctx, errors) };
  }
  const { c, step } = loaded;
  const { store, clock } = ctx.deps;
  const now = clock.now();
  const asked = await store.transaction(async (tx) => {
    const schedule = await tx.getStepSchedule(c.incident.id, step.step);
    if (!schedule || !(await tx.setHandover(c.incident.id, step.step, schedule.gen, target))) return false;
    const request = await messageTo(ctx, tx, target, {
      key: `${deadlinePrefix(c.incident.id, step.step)}${schedule.gen}:handover:${target}`,
      kind: 'handover.request',
      incidentId: c.incident.id,
      card: (t) =>
        handoverRequestCard(t, {
          incidentId: c.incident.id,
          ref: c.incident.ref,
          step: step.step,
          due: step.dueAt ? ctx.deps.i18n.dateTime(ctx.locale, step.dueAt, ctx.timeZone) : '—',
          from: ctx.user.displayName ?? t('case.unknownPerson'),
          gen: schedule.gen,
        }),
    });
    await tx.enqueue([request]);
    await tx.appendAudit({
      at: now,
      actorChannel: ctx.user.channel,
      actorId: ctx.user.userId,
      action: 'deadline.handover',
      incidentId: c.incident.id,
      detail: { step: step.step, to: target },
    });
    return true;
  });
  if (!asked) return badRequest(ctx);
  ctx.deps.onEnqueued?.();
  const names = await namesOf(store, ctx.user.channel, [target]);
  const text = ctx.t('handover.asked', { to: names[target] ?? ctx.t('case.unknownPerson') });
  return { cards: [textCard(ctx, 'handover.asked', text)] };
}

/** The asked manager's answer. Only the person asked, for the schedule they were asked about. */
export async function answerHandover(
  ctx: TurnContext,
  values: Record<string, unknown>,
  answer: 'accepted' | 'declined',
): Promise<Reply> {
  const ref = handoverRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const { store, clock } = ctx.deps;
  const me = ctx.user.userId;
  const now = clock.now();
  const { incidentId, step: stepId, gen } = ref.data;
  const incident = await store.getIncident(incidentId);
  const schedule = incident ? await store.getStepSchedule(incidentId, stepId) : null;
  const mine = incident?.channel === ctx.user.channel && schedule?.gen === gen && schedule.handoverTo === me;
  await store.appendAudit({
    at: now,
    actorChannel: ctx.user.channel,
    actorId: me,
    action: mine ? `deadline.handover.${answer}` : 'incident.denied',
    incidentId: mine ? incidentId : null,
  });
  if (!incident || !schedule || !mine) return deniedReply(ctx);
  if (incident.status !== 'open') return { cards: [messageCard(ctx.t, 'step.closedCase', 'step.closedCase')] };
  const previous = schedule.ownerId;
  const done = await store.transaction(async (tx) => {
    if (answer === 'declined') {
      if (!(await tx.setHandover(incidentId, stepId, gen, null))) return false;
    } else {
      const step = (await tx.listSteps(incidentId)).find((s) => s.step === stepId);
      if (!step) return false;
      const change = { state: step.state, data: step.data, ownerId: me };
      const updated = await tx.updateStep(incidentId, stepId, change, step.version, me, now);
      if (!updated) return false;
      await tx.addParticipant(incidentId, { userId: me, role: 'manager' });
      await scheduleDeadline(ctx, tx, incident, await tx.listParticipants(incidentId), updated);
    }
    if (previous && previous !== me) {
      const notice = await messageTo(ctx, tx, previous, {
        key: `${deadlinePrefix(incidentId, stepId)}${gen}:handover-${answer}:${me}`,
        kind: `handover.${answer}`,
        incidentId,
        card: (t) =>
          handoverAnswerCard(t, answer, {
            incidentId,
            ref: incident.ref,
            step: stepId,
            to: ctx.user.displayName ?? t('case.unknownPerson'),
          }),
      });
      await tx.enqueue([notice]);
    }
    return true;
  });
  if (!done) return { cards: [messageCard(ctx.t, 'handover.gone', 'handover.goneText', 'attention')] };
  ctx.deps.onEnqueued?.();
  if (answer === 'declined') return { cards: [messageCard(ctx.t, 'handover.youDeclined', 'handover.youDeclinedText')] };
  const c = await loadCase(ctx, incidentId, 'incident.read');
  if (!c) return deniedReply(ctx);
  return { cards: [await caseCardFor(ctx, c, { notice: { key: 'handover.youAccepted', tone: 'good' } })] };
}
