// A submit that cannot be carried out (the database is unreachable, or the user is over the rate
// limit) never loses the user's answers: they get the form back, filled in as they sent it, with a
// notice that nothing was saved yet. Built from the submitted values alone, without a store call:
// the store is what failed, and a refusal should cost nothing. The ids a submit carries (incident,
// step and its version, check-in, submission id) go back unchanged, so the next submit is checked
// the way the first would have been, and one that did get saved is recognised, not applied twice.
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { Card, Option } from '../../cards/model.ts';
import { closeCaseForm } from '../../dialogs/case-card.ts';
import { cancelCheckinForm, moveCheckinForm, workHoursForm } from '../../dialogs/checkin-cards.ts';
import { handoverForm, notRelevantForm } from '../../dialogs/deadline-cards.ts';
import {
  type FormContext,
  type FormErrors,
  type FormSpec,
  parseForm,
  renderForm,
  type Translate,
} from '../../dialogs/form.ts';
import { registerIncidentForm } from '../../dialogs/register-incident.ts';
import { STEP_SPECS } from '../../dialogs/steps/index.ts';
import { stepForm } from '../../dialogs/steps/render.ts';
import { scoreAgainCard, talkAgainCard, withNotice } from '../../dialogs/unsaved.ts';
import type { ChannelId, Reply } from '../domain/turn.ts';
import { apologyDraftForm } from './apology.ts';
import { scoreRef, talkRef } from './checkins.ts';
import { recallOptions } from './option-memory.ts';
import { SUBMISSION_ID } from './register-incident.ts';
import { saveRef, stepRef } from './steps.ts';

export type UnsavedReason = 'outage' | 'rateLimited';

/** What rendering needs, gathered from the turn and from memory: never from the store. */
export interface KeptContext {
  t: Translate;
  timeZone: string;
  now: Date;
  channel: ChannelId;
  userId: string;
  tenantId: string | null;
  /** Whose remembered options to use (option-memory.ts): the store object, never called. */
  memory: object;
  /** A display name known in memory, for a chosen person not among the remembered options. */
  nameOf(userId: string): string | undefined;
}

type Kept = { card: Card; errors: FormErrors };
type Keeper = (k: KeptContext, raw: Record<string, unknown>, notice: string) => Kept | null;

const incidentRef = z.object({ incidentId: z.string().uuid() });
const ID = /^[A-Za-z0-9:._@-]{1,128}$/;
const MENU = { action: 'menu', labelKey: 'common.menu' };

/** Submit actions whose answers are handed back, and how each form is drawn again. */
const keepers: Record<string, Keeper> = {
  'incident.register': (k, raw, notice) => {
    // The same submission id, so a retry after a save that did land finds that incident.
    const id = typeof raw.submissionId === 'string' && SUBMISSION_ID.test(raw.submissionId) ? raw.submissionId : null;
    return form(k, registerIncidentForm, raw, notice, { submissionId: id ?? randomUUID() });
  },
  'step.save': (k, raw, notice) => {
    const ref = saveRef.safeParse(raw);
    if (!ref.success) return null;
    const { incidentId, step, v } = ref.data;
    // The version the user edited: a second save at it is refused as "changed meanwhile".
    const spec = { ...stepForm(STEP_SPECS[step]), cancel: MENU };
    return form(k, spec, raw, notice, { submitData: { incidentId, step, v } });
  },
  'case.closeConfirm': (k, raw, notice) => {
    const ref = incidentRef.safeParse(raw);
    // The case's reference is in the full title; without the store, the modal's shorter one.
    const spec = { ...closeCaseForm, titleKey: 'case.closeModalTitle' };
    return ref.success ? form(k, spec, raw, notice, { submitData: ref.data }) : null;
  },
  'apology.checkDraft': (k, raw, notice) => {
    const ref = incidentRef.safeParse(raw);
    return ref.success ? form(k, apologyDraftForm, raw, notice, { submitData: ref.data }) : null;
  },
  'deadline.notRelevant': (k, raw, notice) => {
    const ref = stepRef.safeParse(raw);
    return ref.success ? form(k, notRelevantForm, raw, notice, { submitData: ref.data }) : null;
  },
  'deadline.handover': (k, raw, notice) => {
    const ref = stepRef.safeParse(raw);
    return ref.success ? form(k, handoverForm, raw, notice, { submitData: ref.data }) : null;
  },
  'checkins.move': (k, raw, notice) => form(k, moveCheckinForm(), raw, notice),
  'checkins.cancel': (k, raw, notice) => form(k, cancelCheckinForm(), raw, notice),
  'workhours.save': (k, raw, notice) => form(k, workHoursForm, raw, notice),
  'checkin.answer': (k, raw, notice) => {
    const ref = scoreRef.safeParse(raw);
    return ref.success ? { card: scoreAgainCard(k.t, { ...ref.data, notice }), errors: {} } : null;
  },
  'checkin.talk': (k, raw, notice) => {
    const ref = talkRef.safeParse(raw);
    return ref.success ? { card: talkAgainCard(k.t, { ...ref.data, notice }), errors: {} } : null;
  },
};

/** True for the actions that carry a user's answers. */
export function isFormSubmit(actionId: string): boolean {
  return Object.hasOwn(keepers, actionId);
}

/**
 * The reply to a submit that was not carried out: its form with the answers and the notice, and
 * `unsaved` so Slack keeps a modal open. Null when `actionId` is not a submit or its ids are not
 * valid (nothing worth keeping: the caller answers as it would have anyway).
 */
export function keptFormReply(
  k: KeptContext,
  actionId: string,
  raw: Record<string, unknown>,
  reason: UnsavedReason,
): Reply | null {
  const keep = isFormSubmit(actionId) ? keepers[actionId] : undefined;
  const notice = k.t(`unsaved.${reason}`);
  const kept = keep?.(k, raw, notice);
  if (!kept) return null;
  const entries = Object.entries(kept.errors);
  const formErrors = entries.length ? Object.fromEntries(entries.map(([f, key]) => [f, k.t(key)])) : undefined;
  return { cards: [kept.card], formErrors, unsaved: notice };
}

/** The form filled in with what was sent (checked as a submit is, so masked text stays masked). */
function form(
  k: KeptContext,
  spec: FormSpec,
  raw: Record<string, unknown>,
  notice: string,
  extra: Pick<FormContext, 'submissionId' | 'submitData'> = {},
): Kept {
  const choices = keptChoices(k, spec, raw);
  const parsed = parseForm(spec, raw, { timeZone: k.timeZone, now: k.now, choices });
  const errors = parsed.ok ? {} : parsed.errors;
  const ctx: FormContext = { t: k.t, people: keptPeople(k, spec, raw), timeZone: k.timeZone, now: k.now, choices };
  return { card: withNotice(renderForm(spec, { ...ctx, ...extra }, parsed.values, errors), notice), errors };
}

/** Options of data choices: as last offered to this person, plus whatever they chose that is not among them. */
function keptChoices(k: KeptContext, spec: FormSpec, raw: Record<string, unknown>): Record<string, Option[]> {
  const out: Record<string, Option[]> = {};
  for (const field of spec.fields) {
    if (field.type !== 'choice' || !field.fromContext) continue;
    const scope = { kind: 'choices', field: field.id, channel: k.channel, userId: k.userId } as const;
    out[field.id] = withChosen(recallOptions(k.memory, scope), idsIn(raw[field.id]), () => k.t('unsaved.chosen'));
  }
  return out;
}

/** Colleagues to offer: as last listed for the tenant, plus the people chosen, by name where known. */
function keptPeople(k: KeptContext, spec: FormSpec, raw: Record<string, unknown>): Option[] {
  const fields = spec.fields.filter((f) => f.type === 'users');
  if (fields.length === 0) return [];
  const known = recallOptions(k.memory, { kind: 'people', channel: k.channel, tenantId: k.tenantId });
  const chosen = fields.flatMap((f) => idsIn(raw[f.id]));
  const people = withChosen(known, chosen, (id) => k.nameOf(id) ?? k.t('unsaved.chosen'));
  return people.filter((o) => o.value !== k.userId || chosen.includes(o.value));
}

function withChosen(known: Option[], chosen: string[], label: (id: string) => string): Option[] {
  const missing = [...new Set(chosen)].filter((id) => !known.some((o) => o.value === id));
  return [...known, ...missing.map((id) => ({ value: id, label: label(id) }))];
}

/** Ids as channels send them (a list, or "a,b"); anything that is not an id is left out. */
function idsIn(input: unknown): string[] {
  const list = Array.isArray(input) ? input : typeof input === 'string' ? input.split(',') : [];
  return list
    .filter((v): v is string => typeof v === 'string')
    .map((v) => v.trim())
    .filter((v) => ID.test(v));
}
