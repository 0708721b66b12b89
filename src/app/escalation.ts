// Acknowledging an escalation, and the manager's overview of deadlines. The first acknowledgement
// stops the chain (the levels above are never told) and tells the levels below that it was taken.
import { z } from 'zod';
import { deadlinesCard, escalationTakenCard, type OverviewLine } from '../../dialogs/deadline-cards.ts';
import { STEP_IDS } from '../domain/pathway.ts';
import type { Reply } from '../domain/turn.ts';
import type { NewOutboxMessage, OutboxRecord, Store } from '../ports/store.ts';
import { deniedReply, loadCase } from './case-access.ts';
import { type TurnContext, translator } from './context.ts';
import { chainPrefix, deadlinePrefix } from './deadlines.ts';
import { localeOf, namesOf } from './people.ts';
import { badRequest, caseCardFor } from './steps.ts';

const ackRef = z.object({
  incidentId: z.string().uuid(),
  step: z.enum(STEP_IDS),
  gen: z.string().regex(/^g[0-9a-z]{1,16}$/),
});

/** The level an escalation key names: deadline:<incident>:<step>:<gen>:esc:<level>:<repeat>:<who>. */
function levelOf(row: OutboxRecord, prefix: string): number {
  return Number(row.idempotencyKey.slice(prefix.length).split(':')[0]);
}

export async function acknowledge(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const ref = ackRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const c = await loadCase(ctx, ref.data.incidentId, 'incident.read');
  if (!c) return deniedReply(ctx);
  const { store, clock } = ctx.deps;
  const now = clock.now();
  const { incidentId, step, gen } = ref.data;
  const prefix = chainPrefix(incidentId, step, gen);
  const me = `${ctx.user.channel}:${ctx.user.userId}`;
  const result = await store.transaction(async (tx) => {
    const told = (await tx.listOutbox({ incidentId })).filter(
      (m) => m.status === 'sent' && m.idempotencyKey.startsWith(prefix),
    );
    // The highest level that reached me; one of the case's people who was not told acks as level 0.
    const mine = told.filter((m) => `${m.recipient.channel}:${m.recipient.userId}` === me);
    const level = Math.max(0, ...mine.map((m) => levelOf(m, prefix)));
    const acked = await tx.ackEscalation({ incidentId, step, gen, by: ctx.user.userId, level, at: now });
    if (!acked) return { acked: false, by: (await tx.getStepSchedule(incidentId, step))?.ackedBy ?? null };
    const stopped = await tx.cancelOutboxByPrefix(incidentId, prefix, now);
    const below = new Map<string, OutboxRecord>();
    for (const m of told) {
      const key = `${m.recipient.channel}:${m.recipient.userId}`;
      if (key !== me && levelOf(m, prefix) < level) below.set(key, m);
    }
    await tx.enqueue(await takenNotices(ctx, tx, [...below.values()], { incidentId, step, gen, ref: c.incident.ref }));
    await tx.appendAudit({
      at: now,
      actorChannel: ctx.user.channel,
      actorId: ctx.user.userId,
      action: 'escalation.ack',
      incidentId,
      detail: { step, level, stopped, told: below.size },
    });
    return { acked: true, by: ctx.user.userId };
  });
  if (result.acked) ctx.deps.onEnqueued?.();
  const names = result.by ? await namesOf(store, ctx.user.channel, [result.by]) : {};
  const notice = result.acked
    ? { key: 'escalation.acked', tone: 'good' as const }
    : {
        key: 'escalation.alreadyTaken',
        tone: 'attention' as const,
        values: { by: (result.by && names[result.by]) || ctx.t('case.unknownPerson') },
      };
  return { cards: [await caseCardFor(ctx, c, { notice })] };
}

/** "Taken by …" to each level told before, in their language (a group channel in the organisation's). */
async function takenNotices(
  ctx: TurnContext,
  tx: Store,
  rows: OutboxRecord[],
  a: { incidentId: string; step: (typeof STEP_IDS)[number]; gen: string; ref: string },
): Promise<NewOutboxMessage[]> {
  const { i18n, config, clock } = ctx.deps;
  const by = ctx.user.displayName ?? '';
  const out: NewOutboxMessage[] = [];
  for (const row of rows) {
    const user = await tx.getUser(row.recipient.channel, row.recipient.userId);
    const t = translator(i18n, localeOf(user, config.defaultLocale));
    out.push({
      idempotencyKey: `${deadlinePrefix(a.incidentId, a.step)}${a.gen}:taken:${row.recipient.userId}`,
      kind: 'escalation.taken',
      recipient: row.recipient,
      card: escalationTakenCard(t, {
        ref: a.ref,
        step: a.step,
        by: by || t('case.unknownPerson'),
        incidentId: a.incidentId,
      }),
      dueAt: clock.now(),
      incidentId: a.incidentId,
    });
  }
  return out;
}

/** "Deadlines": my open steps by due date, and the escalations waiting for me. */
export async function listDeadlines(ctx: TurnContext): Promise<Reply> {
  const { store, clock } = ctx.deps;
  const now = clock.now();
  const [owned, waiting] = await Promise.all([
    store.listOwnedOpenSteps(ctx.user.channel, ctx.user.userId),
    store.listWaitingEscalations(ctx.user.channel, ctx.user.userId),
  ]);
  await store.appendAudit({
    at: now,
    actorChannel: ctx.user.channel,
    actorId: ctx.user.userId,
    action: 'deadlines.list',
    incidentId: null,
    detail: { owned: owned.length, waiting: waiting.length },
  });
  const mine: OverviewLine[] = owned.map((o) => ({
    incidentId: o.incident.id,
    ref: o.incident.ref,
    step: o.step,
    due: ctx.formatDate(o.dueAt),
    overdue: o.dueAt < now,
    state: o.state,
  }));
  return {
    cards: [
      deadlinesCard(ctx.t, {
        mine,
        waiting: waiting.map((w) => ({
          incidentId: w.incidentId,
          ref: w.ref,
          step: w.step,
          due: ctx.formatDate(w.dueAt),
          overdue: w.dueAt < now,
          state: w.state,
          gen: w.gen,
        })),
      }),
    ],
  };
}
