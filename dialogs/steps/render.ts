// A pathway step as a card: what the step is for, its status, owner and deadline, the guidance,
// then either the form (for someone who may change it, on an open case) or the saved answers.
import type { Action, Block, Card, Option } from '../../cards/model.ts';
import type { PathwayConfig } from '../../src/config/pathway-config.ts';
import type { StepState } from '../../src/domain/pathway.ts';
import type { IncidentRecord, StepRecord } from '../../src/ports/store.ts';
import { type FieldSpec, type FormErrors, type FormSpec, type FormValues, type Translate, toInput } from '../form.ts';
import type { StepSpec } from './spec.ts';

/** The engine's own field: where the step stands after this save. */
export const STATE_FIELD: FieldSpec = {
  id: 'state',
  type: 'choice',
  labelKey: 'step.stateLabel',
  required: true,
  expanded: true,
  options: (['in_progress', 'done', 'not_relevant'] as const).map((s) => ({
    value: s,
    labelKey: `step.stateChoice.${s}`,
  })),
};

export const SAVE_ACTION = 'step.save';

/** The spec's fields plus the state, as a form the parser validates. */
export function stepForm(spec: StepSpec): FormSpec {
  return {
    id: `step.${spec.id}`,
    titleKey: spec.titleKey,
    fields: [...spec.fields, STATE_FIELD],
    submit: { action: SAVE_ACTION, labelKey: 'step.save' },
  };
}

export interface StepView {
  incident: IncidentRecord;
  step: StepRecord;
  /** Display names by user id (owner, chosen people, action owners). */
  names: Record<string, string>;
  formatDate: (d: Date) => string;
  pathway: PathwayConfig;
  country: 'NO' | 'SE' | 'DK';
  /** True when the viewer may change this step now (an editor, and the case is open). */
  editable: boolean;
  /** Why not, when not: an i18n key shown to the viewer. */
  readOnlyKey?: string;
  people: Option[];
  timeZone: string;
  now: Date;
  /** A line on top, e.g. "saved" or "changed meanwhile" (i18n key and tone). */
  notice?: { key: string; tone: 'good' | 'attention' };
  /** Extra guidance the step's answers call for (e.g. the debrief's high-stress advice), by i18n key. */
  extraGuide?: { key: string; tone?: 'attention' | 'muted' }[];
  /** A list under the guidance (e.g. the debrief's agreed actions): title key and ready-made lines. */
  list?: { titleKey: string; items: string[]; emptyKey: string };
}

export function stepCard(
  spec: StepSpec,
  t: Translate,
  view: StepView,
  values: FormValues = savedValues(spec, view.step),
  errors: FormErrors = {},
): Card {
  const { incident, step } = view;
  const title = t('step.cardTitle', { title: t(spec.titleKey), ref: incident.ref });
  const body: Block[] = [{ kind: 'heading', text: title }];
  if (view.notice) body.push({ kind: 'text', tone: view.notice.tone, text: t(view.notice.key) });
  body.push({ kind: 'text', tone: 'muted', text: t(spec.summaryKey) });
  body.push({ kind: 'facts', items: statusFacts(t, view) });
  for (const g of spec.guide) body.push(guideBlock(t, g));
  for (const g of view.extraGuide ?? []) body.push({ kind: 'text', tone: g.tone ?? 'attention', text: t(g.key) });
  if (view.list) {
    body.push({ kind: 'text', text: t(view.list.titleKey) });
    body.push(
      view.list.items.length
        ? { kind: 'list', items: view.list.items }
        : { kind: 'text', tone: 'muted', text: t(view.list.emptyKey) },
    );
  }
  const links: Action[] = (spec.links ?? []).flatMap((l) => {
    const url = l.url(view.pathway, view.country);
    return url ? [{ id: `link.${spec.id}`, label: t(l.labelKey), url }] : [];
  });
  if (links.length) body.push({ kind: 'actions', actions: links });
  body.push({ kind: 'text', tone: 'muted', text: t('step.source', { source: t(spec.sourceKey) }) });
  body.push({ kind: 'divider' });

  const data = { incidentId: incident.id, step: spec.id, v: String(step.version) };
  const nav: Action[] = [
    { id: 'incident.view', label: t('step.backToCase'), data: { incidentId: incident.id } },
    { id: 'menu', label: t('common.menu') },
  ];
  if (!view.editable) {
    body.push({ kind: 'text', tone: 'attention', text: t(view.readOnlyKey ?? 'step.readOnly') });
    const answers = answerFacts(spec, t, view, values);
    if (answers.length) body.push({ kind: 'facts', items: answers });
    body.push({ kind: 'actions', actions: nav });
    return { id: `step.${spec.id}`, fallbackText: title, body };
  }

  if (Object.keys(errors).length > 0) body.push({ kind: 'text', tone: 'attention', text: t('form.fixErrors') });
  const formCtx = { t, people: view.people, timeZone: view.timeZone, now: view.now };
  for (const field of [...spec.fields, STATE_FIELD])
    body.push({ kind: 'input', input: toInput(field, formCtx, values[field.id], errors[field.id]) });
  body.push({
    kind: 'actions',
    actions: [
      { id: SAVE_ACTION, label: t('step.save'), style: 'primary', submit: true, data },
      ...(spec.extraActions ?? []).map((a) => ({
        id: a.id,
        label: t(a.labelKey),
        data: { incidentId: incident.id, step: spec.id },
      })),
      ...nav,
    ],
  });
  return {
    id: `step.${spec.id}`,
    fallbackText: title,
    body,
    modal: {
      title: t(spec.shortKey),
      submitLabel: t('step.save'),
      closeLabel: t('common.cancel'),
      launcherText: t('step.launcherText', { title: t(spec.titleKey), ref: incident.ref }),
      launcherLabel: t('step.launcherLabel'),
      openData: data,
    },
  };
}

function statusFacts(t: Translate, view: StepView): { label: string; value: string }[] {
  const { step } = view;
  const items = [{ label: t('step.status'), value: t(`step.state.${step.state}`) }];
  items.push({ label: t('step.owner'), value: step.ownerId ? nameOf(t, view, step.ownerId) : t('case.nobody') });
  if (step.dueAt) items.push({ label: t('step.due'), value: view.formatDate(step.dueAt) });
  if (step.updatedAt && step.updatedBy)
    items.push({
      label: t('step.updated'),
      value: t('step.updatedBy', { who: nameOf(t, view, step.updatedBy), when: view.formatDate(step.updatedAt) }),
    });
  return items;
}

function guideBlock(t: Translate, g: StepSpec['guide'][number]): Block {
  switch (g.kind) {
    case 'heading':
      return { kind: 'text', text: t(g.key) };
    case 'text':
      return { kind: 'text', tone: g.tone ?? 'normal', text: t(g.key) };
    case 'list':
      return { kind: 'list', items: g.keys.map((k) => t(k)) };
  }
}

function nameOf(t: Translate, view: StepView, userId: string): string {
  return view.names[userId] ?? t('case.unknownPerson');
}

/** The saved answers as form values: dates come back from JSON as ISO strings. */
export function savedValues(spec: StepSpec, step: StepRecord): FormValues {
  const values: FormValues = {};
  for (const field of spec.fields) {
    const v = step.data[field.id];
    if (field.type === 'datetime' && typeof v === 'string') values[field.id] = new Date(v);
    else if (typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'))) values[field.id] = v;
  }
  if (step.state !== 'not_started') values.state = step.state as Exclude<StepState, 'not_started'>;
  return values;
}

/** What was saved, for someone who may only read the step. */
function answerFacts(
  spec: StepSpec,
  t: Translate,
  view: StepView,
  values: FormValues,
): { label: string; value: string }[] {
  const out: { label: string; value: string }[] = [];
  for (const field of spec.fields) {
    const v = values[field.id];
    if (v === undefined || v === '' || (Array.isArray(v) && v.length === 0)) continue;
    let text: string;
    if (v instanceof Date) text = view.formatDate(v);
    else if (field.type === 'choice') {
      const chosen = Array.isArray(v) ? v : [v];
      const labels = field.options.filter((o) => chosen.includes(o.value)).map((o) => t(o.labelKey));
      if (labels.length === 0) continue;
      text = labels.join(', ');
    } else if (field.type === 'users') text = (Array.isArray(v) ? v : [v]).map((id) => nameOf(t, view, id)).join(', ');
    else text = Array.isArray(v) ? v.join(', ') : v;
    out.push({ label: t(field.labelKey), value: text });
  }
  return out;
}
