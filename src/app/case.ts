// A case as a whole: the case card, closing (with a reason) and reopening, and the manager's list.
// Closing cancels every message still scheduled for the case, in the same transaction.
import { z } from 'zod';
import { closeCaseForm } from '../../dialogs/case-card.ts';
import { type FormValues, parseForm, renderForm } from '../../dialogs/form.ts';
import { incidentListCard } from '../../dialogs/incident-cards.ts';
import type { CloseReason } from '../domain/pathway.ts';
import type { Reply } from '../domain/turn.ts';
import { deniedReply, type LoadedCase, loadCase } from './case-access.ts';
import type { TurnContext } from './context.ts';
import { scheduleDeadlines } from './deadlines.ts';
import { badRequest, caseCardFor, translatedErrors } from './steps.ts';

const incidentRef = z.object({ incidentId: z.string().uuid() });

/** Closing and reopening are for the manager and the person who registered the case. */
function mayClose(c: LoadedCase): boolean {
  return c.roles.has('manager') || c.roles.has('reporter');
}

export async function viewCase(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const ref = incidentRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const c = await loadCase(ctx, ref.data.incidentId, 'incident.read');
  if (!c) return deniedReply(ctx);
  return { cards: [await caseCardFor(ctx, c)] };
}

export async function showCloseForm(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const ref = incidentRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const c = await loadCase(ctx, ref.data.incidentId, 'case.closeForm');
  if (!c) return deniedReply(ctx);
  if (!mayClose(c)) return { cards: [await caseCardFor(ctx, c, { notice: notice('case.mayNotClose') })] };
  if (c.incident.status !== 'open') return { cards: [await caseCardFor(ctx, c)] };
  return { cards: [closeFormCard(ctx, c.incident.id, c.incident.ref)] };
}

function closeFormCard(
  ctx: TurnContext,
  incidentId: string,
  ref: string,
  errors: Record<string, string> = {},
  values: FormValues = {},
) {
  const t = (key: string, v?: Record<string, string | number | Date>) => ctx.t(key, { ref, ...v });
  const formCtx = { t, people: [], timeZone: ctx.timeZone, now: ctx.deps.clock.now(), submitData: { incidentId } };
  return renderForm(closeCaseForm, formCtx, values, errors);
}

export async function closeCase(ctx: TurnContext, raw: Record<string, unknown>): Promise<Reply> {
  const ref = incidentRef.safeParse(raw);
  if (!ref.success) return badRequest(ctx);
  const c = await loadCase(ctx, ref.data.incidentId, 'case.close');
  if (!c) return deniedReply(ctx);
  if (!mayClose(c)) return { cards: [await caseCardFor(ctx, c, { notice: notice('case.mayNotClose') })] };
  const parsed = parseForm(closeCaseForm, raw, { timeZone: ctx.timeZone, now: ctx.deps.clock.now() });
  if (!parsed.ok) {
    return {
      cards: [closeFormCard(ctx, c.incident.id, c.incident.ref, parsed.errors, parsed.values)],
      formErrors: translatedErrors(ctx, parsed.errors),
    };
  }
  const { store, clock, log } = ctx.deps;
  const now = clock.now();
  const reason = parsed.values.reason as CloseReason;
  const result = await store.transaction(async (tx) => {
    const closed = await tx.closeIncident(c.incident.id, reason, now);
    if (!closed) return null;
    const cancelled = await tx.cancelPendingForIncident(c.incident.id, now);
    await tx.appendAudit({
      at: now,
      actorChannel: ctx.user.channel,
      actorId: ctx.user.userId,
      action: 'case.close',
      incidentId: c.incident.id,
      detail: { reason, cancelled },
    });
    return { cancelled };
  });
  const after = await loadCase(ctx, c.incident.id, 'incident.read');
  if (!after) return deniedReply(ctx);
  // Closed already (a second click, or someone else): say so rather than close twice.
  if (!result) return { cards: [await caseCardFor(ctx, after, { notice: notice('case.alreadyClosed') })] };
  log.info({ event: 'case.closed', incidentId: c.incident.id, cancelled: result.cancelled }, 'case closed');
  const closedNotice = { key: 'case.closedNotice', tone: 'good' as const, values: { count: result.cancelled } };
  return { cards: [await caseCardFor(ctx, after, { notice: closedNotice })] };
}

export async function reopenCase(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const ref = incidentRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const c = await loadCase(ctx, ref.data.incidentId, 'case.reopen');
  if (!c) return deniedReply(ctx);
  if (!mayClose(c)) return { cards: [await caseCardFor(ctx, c, { notice: notice('case.mayNotClose') })] };
  const { store, clock } = ctx.deps;
  const now = clock.now();
  const reopened = await store.transaction(async (tx) => {
    const r = await tx.reopenIncident(c.incident.id);
    // Deadlines still ahead get their reminders and ladder again (closing cancelled them).
    if (r) await scheduleDeadlines(ctx, tx, { ...c.incident, status: 'open' }, c.participants, c.steps);
    if (r)
      await tx.appendAudit({
        at: now,
        actorChannel: ctx.user.channel,
        actorId: ctx.user.userId,
        action: 'case.reopen',
        incidentId: c.incident.id,
      });
    return r;
  });
  const after = await loadCase(ctx, c.incident.id, 'incident.read');
  if (!after) return deniedReply(ctx);
  const n = reopened
    ? { key: 'case.reopenedNotice', tone: 'good' as const }
    : { key: 'case.alreadyOpen', tone: 'normal' as const };
  return { cards: [await caseCardFor(ctx, after, { notice: n })] };
}

/** The cases a manager is responsible for. */
export async function listTeamIncidents(ctx: TurnContext): Promise<Reply> {
  const { store, clock } = ctx.deps;
  const incidents = await store.listIncidentsManagedBy(ctx.user.channel, ctx.user.userId);
  await store.appendAudit({
    at: clock.now(),
    actorChannel: ctx.user.channel,
    actorId: ctx.user.userId,
    action: 'incident.listTeam',
    incidentId: null,
    detail: { count: incidents.length },
  });
  return { cards: [incidentListCard(ctx.t, incidents, ctx.formatDate, 'team')] };
}

function notice(key: string) {
  return { key, tone: 'attention' as const };
}
