// Opening and saving a pathway step. A save names the version of the step the card showed: a
// double click or a stale card is recognised (applied once) instead of overwriting newer answers.
import { z } from 'zod';
import { caseCard } from '../../dialogs/case-card.ts';
import { type FormErrors, type FormValues, parseForm } from '../../dialogs/form.ts';
import { messageCard } from '../../dialogs/incident-cards.ts';
import { menuCard } from '../../dialogs/menu.ts';
import { STEP_SPECS } from '../../dialogs/steps/index.ts';
import { stepCard, stepForm } from '../../dialogs/steps/render.ts';
import { STEP_IDS } from '../domain/pathway.ts';
import type { Reply } from '../domain/turn.ts';
import type { StepRecord } from '../ports/store.ts';
import { deniedReply, type LoadedCase, loadCase } from './case-access.ts';
import type { TurnContext } from './context.ts';
import { namesOf, peopleOptions } from './people.ts';
import { afterStepSaved, prepareStepData, stepExtras } from './step-hooks.ts';

export const stepRef = z.object({ incidentId: z.string().uuid(), step: z.enum(STEP_IDS) });
export const saveRef = stepRef.extend({ v: z.string().regex(/^\d{1,9}$/) });

export async function openStep(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const ref = stepRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const c = await loadCase(ctx, ref.data.incidentId, 'step.open');
  if (!c) return deniedReply(ctx);
  const step = c.steps.find((s) => s.step === ref.data.step);
  if (!step) return { cards: [messageCard(ctx.t, 'step.unused', 'step.unused')] };
  return { cards: [await renderStep(ctx, c, step)] };
}

export async function saveStep(ctx: TurnContext, raw: Record<string, unknown>): Promise<Reply> {
  const ref = saveRef.safeParse(raw);
  if (!ref.success) return badRequest(ctx);
  const { clock, log } = ctx.deps;
  const c = await loadCase(ctx, ref.data.incidentId, 'step.save');
  if (!c) return deniedReply(ctx);
  const step = c.steps.find((s) => s.step === ref.data.step);
  if (!step) return { cards: [messageCard(ctx.t, 'step.unused', 'step.unused')] };
  const spec = STEP_SPECS[step.step];
  if (c.incident.status !== 'open')
    return { cards: [await renderStep(ctx, c, step, { notice: { key: 'step.closedCase', tone: 'attention' } })] };
  if (!mayEdit(c, step)) return { cards: [await renderStep(ctx, c, step)] };

  const now = clock.now();
  const parsed = parseForm(stepForm(spec), raw, { timeZone: ctx.timeZone, now });
  if (!parsed.ok) {
    log.info({ event: 'form.rejected', form: `step.${spec.id}`, errors: parsed.errors }, 'form rejected');
    const card = await renderStep(ctx, c, step, { values: parsed.values, errors: parsed.errors });
    return { cards: [card], formErrors: translatedErrors(ctx, parsed.errors) };
  }
  const { state, ...answers } = parsed.values;
  const data = prepareStepData(step, toData(answers));
  const saved = await applyStepChange(
    ctx,
    c,
    step,
    { state: state as StepRecord['state'], data },
    Number(ref.data.v),
    'step.update',
  );
  if (!saved) {
    // A second click on the same card, or someone saved the step meanwhile: show what is saved now.
    const fresh = await loadCase(ctx, c.incident.id, 'step.open');
    const current = fresh?.steps.find((s) => s.step === step.step);
    if (!fresh || !current) return deniedReply(ctx);
    const notice = { key: 'step.changedMeanwhile', tone: 'attention' as const };
    return { cards: [await renderStep(ctx, fresh, current, { notice })] };
  }
  log.info({ event: 'step.saved', incidentId: c.incident.id, step: step.step, state: saved.state }, 'step saved');
  ctx.deps.onEnqueued?.();
  const after = await loadCase(ctx, c.incident.id, 'incident.read');
  if (!after) return deniedReply(ctx);
  const notice = { key: 'step.saved', tone: 'good' as const, values: { step: ctx.t(spec.titleKey) } };
  return { cards: [await caseCardFor(ctx, after, { notice })] };
}

/**
 * Saves a step's new state and answers if it is still at `version`, runs the save's hooks and audits
 * it, in one transaction. Null when the step changed meanwhile (a second click, another person).
 */
export async function applyStepChange(
  ctx: TurnContext,
  c: LoadedCase,
  step: StepRecord,
  change: { state: StepRecord['state']; data: Record<string, unknown> },
  version: number,
  action: string,
): Promise<StepRecord | null> {
  const now = ctx.deps.clock.now();
  return ctx.deps.store.transaction(async (tx) => {
    const updated = await tx.updateStep(c.incident.id, step.step, change, version, ctx.user.userId, now);
    if (!updated) return null;
    await afterStepSaved(ctx, tx, c, step, updated);
    await tx.appendAudit({
      at: now,
      actorChannel: ctx.user.channel,
      actorId: ctx.user.userId,
      action,
      incidentId: c.incident.id,
      detail: { step: step.step, state: updated.state, version: updated.version },
    });
    return updated;
  });
}

/** Who may change a step: the spec's editors, or everyone who is one of the incident's people. */
export function mayEdit(c: LoadedCase, step: StepRecord): boolean {
  const editors = STEP_SPECS[step.step].editors;
  // Someone told only by the escalation ladder reads the case; its people change it.
  if (editors) return editors.some((r) => c.roles.has(r));
  return [...c.roles].some((r) => r !== 'escalation');
}

export async function renderStep(
  ctx: TurnContext,
  c: LoadedCase,
  step: StepRecord,
  opts: { values?: FormValues; errors?: FormErrors; notice?: { key: string; tone: 'good' | 'attention' } } = {},
) {
  const spec = STEP_SPECS[step.step];
  const open = c.incident.status === 'open';
  const editable = open && mayEdit(c, step);
  const { store, config, clock } = ctx.deps;
  const extras = stepExtras(ctx, step);
  const names = await namesOf(store, ctx.user.channel, [
    ...c.participants.map((p) => p.userId),
    ...(step.ownerId ? [step.ownerId] : []),
    ...(step.updatedBy ? [step.updatedBy] : []),
    ...extras.userIds,
  ]);
  return stepCard(
    spec,
    ctx.t,
    {
      incident: c.incident,
      step,
      names,
      formatDate: ctx.formatDate,
      pathway: config.pathway,
      country: config.country,
      editable,
      readOnlyKey: open ? 'step.notEditor' : 'step.closedCase',
      people: editable ? await peopleOptions(store, ctx.user) : [],
      timeZone: ctx.timeZone,
      now: clock.now(),
      notice: opts.notice,
      extraGuide: extras.guide,
      list: extras.list?.(names),
    },
    opts.values,
    opts.errors,
  );
}

export async function caseCardFor(
  ctx: TurnContext,
  c: LoadedCase,
  opts: Parameters<typeof caseCard>[2] = {},
): Promise<ReturnType<typeof caseCard>> {
  const ids = [...c.participants.map((p) => p.userId), ...c.steps.flatMap((s) => (s.ownerId ? [s.ownerId] : []))];
  const names = await namesOf(ctx.deps.store, ctx.user.channel, ids);
  return caseCard(
    ctx.t,
    {
      incident: c.incident,
      participants: c.participants,
      steps: c.steps,
      names,
      formatDate: ctx.formatDate,
      now: ctx.deps.clock.now(),
    },
    opts,
  );
}

/** Form values as stored JSON: dates as ISO strings. */
function toData(values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined) continue;
    out[k] = v instanceof Date ? v.toISOString() : v;
  }
  return out;
}

export function translatedErrors(ctx: TurnContext, errors: FormErrors): Record<string, string> | undefined {
  const entries = Object.entries(errors);
  return entries.length ? Object.fromEntries(entries.map(([field, key]) => [field, ctx.t(key)])) : undefined;
}

/** A malformed action (ids missing or wrong): the menu, as for anything else not understood. */
export function badRequest(ctx: TurnContext): Reply {
  return { cards: [menuCard(ctx.t, { unknownText: true })] };
}
