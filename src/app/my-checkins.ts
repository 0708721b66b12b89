// "My check-ins": the person's own plan (list, move, cancel, stop), the one consent question, and the
// working hours that check-ins follow (shift work).
import { z } from 'zod';
import {
  cancelCheckinForm,
  moveCheckinForm,
  myCheckinsCard,
  WORK_PATTERNS,
  workHoursForm,
} from '../../dialogs/checkin-cards.ts';
import { type FormSpec, type FormValues, parseForm, renderForm } from '../../dialogs/form.ts';
import { messageCard } from '../../dialogs/incident-cards.ts';
import { nextWorkingSlot } from '../domain/followup/working-time.ts';
import type { Reply } from '../domain/turn.ts';
import type { CheckinRecord, WorkProfileRecord } from '../ports/store.ts';
import { deniedReply } from './case-access.ts';
import { moveCheckin, noticeWithDate, stopPlans } from './checkins.ts';
import type { TurnContext } from './context.ts';
import { checkinKey, peerReminderKey, workingProfileOf } from './followup-plan.ts';
import { rememberOptions } from './option-memory.ts';
import { badRequest, translatedErrors } from './steps.ts';

const consentRef = z.object({ incidentId: z.string().uuid(), tell: z.enum(['yes', 'no']) });

const PATTERN_HOURS: Record<(typeof WORK_PATTERNS)[number], { start: string; end: string }> = {
  day: { start: '08:00', end: '16:00' },
  evening: { start: '15:00', end: '23:00' },
  night: { start: '22:00', end: '07:00' },
};

export async function listMyCheckins(ctx: TurnContext): Promise<Reply> {
  const upcoming = await ctx.deps.store.listUpcomingCheckins(ctx.user.channel, ctx.user.userId);
  const items = await labelled(ctx, upcoming);
  return {
    cards: [
      myCheckinsCard(
        ctx.t,
        items.map((i) => ({ label: i.label, when: i.when })),
      ),
    ],
  };
}

/** Each check-in as the person reads it: which case, and when. */
async function labelled(ctx: TurnContext, checkins: CheckinRecord[]) {
  const refs = new Map<string, string>();
  for (const c of checkins) {
    if (!refs.has(c.incidentId)) refs.set(c.incidentId, (await ctx.deps.store.getIncident(c.incidentId))?.ref ?? '');
  }
  return checkins.map((c) => {
    const when = ctx.formatDate(c.dueAt);
    const label = ctx.t('plan.mine.item', { ref: refs.get(c.incidentId) ?? '', n: c.seq });
    return { id: c.id, label, when, option: { value: c.id, label: `${label}: ${when}` } };
  });
}

async function checkinForm(
  ctx: TurnContext,
  spec: FormSpec,
  errors: Record<string, string> = {},
  values: FormValues = {},
): Promise<Reply> {
  const { store, clock } = ctx.deps;
  const upcoming = await labelled(ctx, await store.listUpcomingCheckins(ctx.user.channel, ctx.user.userId));
  if (upcoming.length === 0) return listMyCheckins(ctx);
  const options = upcoming.map((u) => u.option);
  const scope = { kind: 'choices', field: 'checkinId', channel: ctx.user.channel, userId: ctx.user.userId } as const;
  rememberOptions(store, scope, options);
  const formCtx = { t: ctx.t, people: [], timeZone: ctx.timeZone, now: clock.now(), choices: { checkinId: options } };
  return { cards: [renderForm(spec, formCtx, values, errors)], formErrors: translatedErrors(ctx, errors) };
}

export const showMoveForm = (ctx: TurnContext) => checkinForm(ctx, moveCheckinForm());
export const showCancelForm = (ctx: TurnContext) => checkinForm(ctx, cancelCheckinForm());

async function parseCheckinForm(ctx: TurnContext, spec: FormSpec, raw: Record<string, unknown>) {
  const upcoming = await ctx.deps.store.listUpcomingCheckins(ctx.user.channel, ctx.user.userId);
  const choices = { checkinId: upcoming.map((c) => ({ value: c.id, label: c.id })) };
  const parsed = parseForm(spec, raw, { timeZone: ctx.timeZone, now: ctx.deps.clock.now(), choices });
  const checkin = parsed.ok ? upcoming.find((c) => c.id === parsed.values.checkinId) : undefined;
  return { parsed, checkin };
}

export async function submitMove(ctx: TurnContext, raw: Record<string, unknown>): Promise<Reply> {
  const { parsed, checkin } = await parseCheckinForm(ctx, moveCheckinForm(), raw);
  if (!parsed.ok || !checkin) return checkinForm(ctx, moveCheckinForm(), parsed.ok ? {} : parsed.errors, parsed.values);
  const { store, config, clock } = ctx.deps;
  const profile = await workingProfileOf(store, config, ctx.user.channel, ctx.user.userId, ctx.user);
  // Never in the past, never outside working time.
  const wanted = parsed.values.when as Date;
  const to = nextWorkingSlot(new Date(Math.max(wanted.getTime(), clock.now().getTime())), profile);
  if (!(await moveCheckin(ctx, checkin, to))) return deniedReply(ctx);
  return { cards: [noticeWithDate(ctx, 'plan.moved', to), ...(await listMyCheckins(ctx)).cards] };
}

export async function submitCancel(ctx: TurnContext, raw: Record<string, unknown>): Promise<Reply> {
  const { parsed, checkin } = await parseCheckinForm(ctx, cancelCheckinForm(), raw);
  if (!parsed.ok || !checkin)
    return checkinForm(ctx, cancelCheckinForm(), parsed.ok ? {} : parsed.errors, parsed.values);
  const { store, clock } = ctx.deps;
  await store.transaction(async (tx) => {
    if (await tx.updatePlannedCheckin(checkin.id, { status: 'cancelled' }))
      await tx.cancelOutbox([checkinKey(checkin.id), peerReminderKey(checkin.id)], clock.now());
  });
  return {
    cards: [messageCard(ctx.t, 'plan.cancelled', 'plan.cancelledText', 'good'), ...(await listMyCheckins(ctx)).cards],
  };
}

export async function stopAllCheckins(ctx: TurnContext): Promise<Reply> {
  const upcoming = await ctx.deps.store.listUpcomingCheckins(ctx.user.channel, ctx.user.userId);
  await stopPlans(
    ctx,
    upcoming.map((c) => c.incidentId),
  );
  return { cards: [messageCard(ctx.t, 'checkin.stopped', 'checkin.stoppedText', 'good')] };
}

export async function setConsent(ctx: TurnContext, values: Record<string, unknown>): Promise<Reply> {
  const ref = consentRef.safeParse(values);
  if (!ref.success) return badRequest(ctx);
  const { store, clock } = ctx.deps;
  const plan = await store.getFollowupPlan(ref.data.incidentId, ctx.user.userId);
  if (!plan || plan.channel !== ctx.user.channel) return deniedReply(ctx);
  await store.setTellManager(plan.incidentId, ctx.user.userId, ref.data.tell === 'yes');
  await store.appendAudit({
    at: clock.now(),
    actorChannel: ctx.user.channel,
    actorId: ctx.user.userId,
    action: 'plan.consent',
    incidentId: plan.incidentId,
    detail: { tellManager: ref.data.tell === 'yes' },
  });
  return {
    cards: [
      messageCard(
        ctx.t,
        'plan.consent',
        ref.data.tell === 'yes' ? 'plan.consentSavedYes' : 'plan.consentSavedNo',
        'good',
      ),
    ],
  };
}

export async function showWorkHours(
  ctx: TurnContext,
  errors: Record<string, string> = {},
  submitted?: FormValues,
): Promise<Reply> {
  const own = await ctx.deps.store.getWorkProfile(ctx.user.channel, ctx.user.userId);
  const pattern = WORK_PATTERNS.find((p) => own && PATTERN_HOURS[p].start === own.hours.start) ?? 'day';
  const extra = [...(own && own.days.length > 5 ? ['weekends'] : []), ...(own?.worksHolidays ? ['holidays'] : [])];
  const formCtx = { t: ctx.t, people: [], timeZone: ctx.timeZone, now: ctx.deps.clock.now() };
  // A refused submit shows what was sent, not the saved profile.
  const values = submitted ?? { pattern, extra };
  return {
    cards: [renderForm(workHoursForm, formCtx, values, errors)],
    formErrors: translatedErrors(ctx, errors),
  };
}

/** Saves the person's working time and moves their planned check-ins into it. */
export async function saveWorkHours(ctx: TurnContext, raw: Record<string, unknown>): Promise<Reply> {
  const { store, clock, config } = ctx.deps;
  const parsed = parseForm(workHoursForm, raw, { timeZone: ctx.timeZone, now: clock.now() });
  if (!parsed.ok) return showWorkHours(ctx, parsed.errors, parsed.values);
  const extra = (parsed.values.extra as string[] | undefined) ?? [];
  const profile: WorkProfileRecord = {
    hours: PATTERN_HOURS[parsed.values.pattern as (typeof WORK_PATTERNS)[number]],
    days: extra.includes('weekends') ? [1, 2, 3, 4, 5, 6, 7] : config.followup.workingDays,
    worksHolidays: extra.includes('holidays'),
  };
  await store.setWorkProfile(ctx.user.channel, ctx.user.userId, profile, clock.now());
  const working = await workingProfileOf(store, config, ctx.user.channel, ctx.user.userId, ctx.user);
  for (const c of await store.listUpcomingCheckins(ctx.user.channel, ctx.user.userId)) {
    const to = nextWorkingSlot(c.dueAt, working);
    if (to.getTime() !== c.dueAt.getTime()) await moveCheckin(ctx, c, to);
  }
  return {
    cards: [messageCard(ctx.t, 'workhours.saved', 'workhours.savedText', 'good'), ...(await listMyCheckins(ctx)).cards],
  };
}
