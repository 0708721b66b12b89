// A form dialog described once: fields, validation and i18n keys. `renderForm` turns it into a
// neutral Card (rendered to Adaptive Cards and Block Kit by cards/); `parseForm` validates a submit.
import { DateTime } from 'luxon';
import type { Card, Input, Option } from '../cards/model.ts';
import { detectSensitive, type Finding } from '../src/domain/privacy/index.ts';

export type FieldSpec =
  | {
      id: string;
      type: 'text';
      labelKey: string;
      placeholderKey?: string;
      multiline?: boolean;
      maxLength: number;
      required: boolean /** checked for identity numbers and patient names */;
      freeText: boolean;
    }
  | { id: string; type: 'datetime'; labelKey: string; required: boolean; notInFuture?: boolean }
  | {
      id: string;
      type: 'choice';
      labelKey: string;
      required: boolean;
      options: { value: string; labelKey: string }[];
      /** Options that are data (e.g. the person's own check-ins): taken from the context's `choices`. */
      fromContext?: boolean;
      /** A checklist: any number of the options. */
      multi?: boolean;
      /** Radio buttons / checkboxes rather than a drop-down. */
      expanded?: boolean;
    }
  | { id: string; type: 'users'; labelKey: string; required: boolean; multi: boolean };

export interface FormSpec {
  id: string;
  titleKey: string;
  introKey?: string;
  fields: FieldSpec[];
  submit: { action: string; labelKey: string };
  cancel?: { action: string; labelKey: string };
  modal?: { titleKey: string; launcherTextKey: string; launcherLabelKey: string; closeLabelKey: string };
}

export type Translate = (key: string, values?: Record<string, string | number | Date>) => string;

export interface FormContext {
  t: Translate;
  /** People the renderers can offer where the platform has no directory (Teams static choices, playground). */
  people: Option[];
  timeZone: string;
  now: Date;
  /** Sent back with the submit action so a repeated submit is recognised (one incident per form). */
  submissionId?: string;
  /** Options of `fromContext` choice fields, by field id, already in the user's language. */
  choices?: Record<string, Option[]>;
  /** Ids the submit needs besides the inputs (e.g. which incident); also sent when Slack opens the modal. */
  submitData?: Record<string, string>;
}

export type FormValue = string | string[] | Date | undefined;
export type FormValues = Record<string, FormValue>;
/** Field id → i18n key of the error. */
export type FormErrors = Record<string, string>;

export function renderForm(spec: FormSpec, ctx: FormContext, values: FormValues = {}, errors: FormErrors = {}): Card {
  const { t } = ctx;
  const title = t(spec.titleKey);
  const body: Card['body'] = [{ kind: 'heading', text: title }];
  if (spec.introKey) body.push({ kind: 'text', text: t(spec.introKey) });
  if (Object.keys(errors).length > 0) body.push({ kind: 'text', tone: 'attention', text: t('form.fixErrors') });
  for (const field of spec.fields)
    body.push({ kind: 'input', input: toInput(field, ctx, values[field.id], errors[field.id]) });
  const actions: Card['body'][number] = {
    kind: 'actions',
    actions: [
      {
        id: spec.submit.action,
        label: t(spec.submit.labelKey),
        style: 'primary',
        submit: true,
        ...(ctx.submissionId || ctx.submitData
          ? { data: { ...ctx.submitData, ...(ctx.submissionId ? { submissionId: ctx.submissionId } : {}) } }
          : {}),
      },
    ],
  };
  if (spec.cancel) actions.actions.push({ id: spec.cancel.action, label: t(spec.cancel.labelKey) });
  body.push(actions);
  const card: Card = { id: spec.id, fallbackText: title, body };
  if (spec.modal) {
    card.modal = {
      title: t(spec.modal.titleKey),
      submitLabel: t(spec.submit.labelKey),
      closeLabel: t(spec.modal.closeLabelKey),
      launcherText: t(spec.modal.launcherTextKey),
      launcherLabel: t(spec.modal.launcherLabelKey),
      ...(ctx.submitData ? { openData: ctx.submitData } : {}),
    };
  }
  return card;
}

/** One field as a card input, with its value and error (for cards that lay out their own form). */
export function toInput(field: FieldSpec, ctx: FormContext, value: FormValue, errorKey?: string): Input {
  const base = { id: field.id, label: ctx.t(field.labelKey), required: field.required };
  const error = errorKey ? ctx.t(errorKey) : undefined;
  switch (field.type) {
    case 'text':
      return {
        ...base,
        type: 'text',
        multiline: field.multiline,
        maxLength: field.maxLength,
        placeholder: field.placeholderKey ? ctx.t(field.placeholderKey) : undefined,
        value: typeof value === 'string' ? value : undefined,
        error,
      };
    case 'datetime':
      return {
        ...base,
        type: 'datetime',
        value: value instanceof Date ? localWallClock(value, ctx.timeZone) : undefined,
        max: field.notInFuture ? localWallClock(ctx.now, ctx.timeZone) : undefined,
        error,
      };
    case 'choice':
      return {
        ...base,
        type: 'choice',
        options: field.fromContext
          ? (ctx.choices?.[field.id] ?? [])
          : field.options.map((o) => ({ value: o.value, label: ctx.t(o.labelKey) })),
        multi: field.multi,
        expanded: field.expanded,
        value: field.multi ? (Array.isArray(value) ? value : undefined) : typeof value === 'string' ? value : undefined,
        error,
      };
    case 'users':
      return {
        ...base,
        type: 'users',
        multi: field.multi,
        options: ctx.people,
        value: Array.isArray(value) ? value : typeof value === 'string' && value ? [value] : undefined,
        error,
      };
  }
}

export type ParseResult = { ok: true; values: FormValues } | { ok: false; values: FormValues; errors: FormErrors };

/**
 * Validates raw submitted values (as channels deliver them) against the spec. On failure the returned
 * values keep every valid answer; free text with an identity number or a patient name comes back with
 * those parts masked, so they are neither stored nor echoed.
 */
export function parseForm(
  spec: FormSpec,
  raw: Record<string, unknown>,
  ctx: Pick<FormContext, 'timeZone' | 'now' | 'choices'>,
): ParseResult {
  const values: FormValues = {};
  const errors: FormErrors = {};
  for (const field of spec.fields) {
    const r = parseField(field, raw, ctx);
    if (r.value !== undefined) values[field.id] = r.value;
    if (r.error) errors[field.id] = r.error;
    else if (field.required && isEmpty(r.value)) errors[field.id] = 'form.required';
  }
  return Object.keys(errors).length ? { ok: false, values, errors } : { ok: true, values };
}

function parseField(
  field: FieldSpec,
  raw: Record<string, unknown>,
  ctx: Pick<FormContext, 'timeZone' | 'now' | 'choices'>,
): { value?: FormValue; error?: string } {
  const input = raw[field.id];
  switch (field.type) {
    case 'text': {
      if (input === undefined || input === null) return {};
      if (typeof input !== 'string') return { error: 'form.invalid' };
      const text = input.trim();
      if (text.length > field.maxLength) return { value: text.slice(0, field.maxLength), error: 'form.tooLong' };
      if (field.freeText) {
        const findings = detectSensitive(text);
        if (findings.length > 0) return { value: mask(text, findings), error: privacyErrorKey(findings) };
      }
      return { value: text };
    }
    case 'datetime': {
      const at = parseDateTime(input, raw[`${field.id}Time`], ctx.timeZone);
      if (at === null) return { error: 'form.invalidDate' };
      if (at === undefined) return {};
      if (field.notInFuture && at.getTime() > ctx.now.getTime() + 5 * 60_000)
        return { value: at, error: 'form.dateInFuture' };
      return { value: at };
    }
    case 'choice': {
      const allowed = (v: string) =>
        field.fromContext
          ? (ctx.choices?.[field.id] ?? []).some((o) => o.value === v)
          : field.options.some((o) => o.value === v);
      if (field.multi) {
        // Teams submits "a,b", Slack a list; an unknown value is refused rather than dropped.
        const list = listOf(input);
        if (list === null || list.some((v) => !allowed(v))) return { error: 'form.invalidChoice' };
        return list.length ? { value: [...new Set(list)] } : {};
      }
      if (input === undefined || input === null || input === '') return {};
      if (typeof input !== 'string' || !allowed(input)) return { error: 'form.invalidChoice' };
      return { value: input };
    }
    case 'users': {
      const ids = parseUserIds(input);
      if (ids === null) return { error: 'form.invalid' };
      if (!field.multi && ids.length > 1) return { error: 'form.onePerson' };
      if (ids.length === 0) return {};
      return { value: field.multi ? ids : ids[0] };
    }
  }
}

function isEmpty(v: FormValue): boolean {
  return v === undefined || v === '' || (Array.isArray(v) && v.length === 0);
}

function privacyErrorKey(findings: Finding[]): string {
  return findings.some((f) => f.kind === 'national-id') ? 'privacy.nationalId' : 'privacy.patientName';
}

/** Replaces each finding with a marker so the rest of the user's text survives. */
function mask(text: string, findings: Finding[]): string {
  let out = text;
  for (const f of [...findings].sort((a, b) => b.start - a.start))
    out = `${out.slice(0, f.start)}[…]${out.slice(f.end)}`;
  return out;
}

const USER_ID = /^[A-Za-z0-9:._@-]{1,128}$/;

/** A multi-value input as a list of trimmed, non-empty strings; null when it is not one. */
function listOf(input: unknown): string[] | null {
  if (input === undefined || input === null || input === '') return [];
  const list = Array.isArray(input) ? input : typeof input === 'string' ? input.split(',') : null;
  if (list === null || list.some((v) => typeof v !== 'string')) return null;
  return (list as string[]).map((v) => v.trim()).filter((v) => v !== '');
}

function parseUserIds(input: unknown): string[] | null {
  const ids = listOf(input);
  if (ids === null || ids.some((v) => !USER_ID.test(v))) return null;
  return [...new Set(ids)];
}

/**
 * Accepts what channels send: an ISO timestamp with a zone, epoch seconds (Slack's datetimepicker),
 * a local `YYYY-MM-DDTHH:mm`, or a date plus a separate `HH:mm` (Teams' Input.Date + Input.Time).
 * Returns undefined when empty, null when unreadable.
 */
export function parseDateTime(date: unknown, time: unknown, zone: string): Date | null | undefined {
  if (date === undefined || date === null || date === '') return undefined;
  if (typeof date === 'number') return Number.isFinite(date) ? new Date(date * 1000) : null;
  if (typeof date !== 'string') return null;
  const hasZone = /(Z|[+-]\d\d:?\d\d)$/.test(date);
  let dt = hasZone ? DateTime.fromISO(date, { setZone: true }) : DateTime.fromISO(date, { zone });
  if (/^\d{4}-\d{2}-\d{2}$/.test(date) && typeof time === 'string' && time !== '') {
    const m = /^([01]?\d|2[0-3]):([0-5]\d)(?::[0-5]\d)?$/.exec(time);
    if (!m) return null;
    dt = dt.set({ hour: Number(m[1]), minute: Number(m[2]) });
  }
  return dt.isValid ? dt.toJSDate() : null;
}

export function localWallClock(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");
}
