// The case card: one incident, its people, and the pathway's steps with their state, owner and
// deadline, with a button to the next step. Closing and reopening a case start here too.
import type { Action, Block, Card } from '../cards/model.ts';
import { CLOSE_REASONS, isSettled, nextStep, PHASE, STEP_IDS } from '../src/domain/pathway.ts';
import type { IncidentRecord, Participant, StepRecord } from '../src/ports/store.ts';
import type { FormSpec, Translate } from './form.ts';

export interface CaseView {
  incident: IncidentRecord;
  participants: Participant[];
  /** The incident's steps the organisation uses, in any order. */
  steps: StepRecord[];
  /** Display name per user id, where known. */
  names: Record<string, string>;
  /** Formats a date in the viewer's language and time zone. */
  formatDate: (d: Date) => string;
  now: Date;
}

export interface CaseCardOptions {
  justRegistered?: boolean;
  /** A line on top (i18n key, tone, values), e.g. "step saved" or "case closed". */
  notice?: { key: string; tone: 'good' | 'attention' | 'normal'; values?: Record<string, string | number> };
}

function nameOf(view: CaseView, userId: string, t: Translate): string {
  return view.names[userId] ?? t('case.unknownPerson');
}

function namesWithRole(view: CaseView, role: Participant['role'], t: Translate): string {
  const ids = view.participants.filter((p) => p.role === role).map((p) => p.userId);
  return ids.length ? ids.map((id) => nameOf(view, id, t)).join(', ') : t('case.nobody');
}

const order = (s: StepRecord) => STEP_IDS.indexOf(s.step);

export function caseCard(t: Translate, view: CaseView, opts: CaseCardOptions = {}): Card {
  const { incident } = view;
  const open = incident.status === 'open';
  const title = t('case.title', { ref: incident.ref });
  const body: Block[] = [{ kind: 'heading', text: title }];
  if (opts.justRegistered) body.push({ kind: 'text', tone: 'good', text: t('case.registered') });
  if (opts.notice) body.push({ kind: 'text', tone: opts.notice.tone, text: t(opts.notice.key, opts.notice.values) });
  const status = open
    ? t('case.status.open')
    : t('case.closedWith', {
        reason: t(`case.closeReason.${incident.closeReason ?? 'other'}`),
        date: incident.closedAt ? view.formatDate(incident.closedAt) : '',
      });
  body.push(
    {
      kind: 'facts',
      items: [
        { label: t('case.status'), value: status },
        { label: t('case.category'), value: t(`category.${incident.category}`) },
        { label: t('case.occurredAt'), value: view.formatDate(incident.occurredAt) },
        { label: t('case.reporter'), value: nameOf(view, incident.reporterId, t) },
        { label: t('case.involved'), value: namesWithRole(view, 'involved', t) },
        { label: t('case.manager'), value: namesWithRole(view, 'manager', t) },
        { label: t('case.peer'), value: namesWithRole(view, 'peer', t) },
      ],
    },
    { kind: 'text', text: t('case.summaryLabel') },
    { kind: 'text', tone: 'muted', text: incident.summary },
  );

  const steps = [...view.steps].sort((a, b) => order(a) - order(b));
  const next = open ? nextStep(steps) : null;
  if (open && steps.length) body.push(nextLine(t, view, next));
  for (const phase of ['acute', 'followUp'] as const) {
    const inPhase = steps.filter((s) => PHASE[s.step] === phase);
    if (inPhase.length === 0) continue;
    body.push(
      { kind: 'heading', text: t(`case.phase.${phase}`) },
      { kind: 'facts', items: inPhase.map((s) => stepFact(t, view, s)) },
      {
        kind: 'actions',
        actions: inPhase.map((s) => ({
          id: 'step.open',
          label: t(`step.${s.step}.short`),
          data: { incidentId: incident.id, step: s.step },
        })),
      },
    );
  }
  if (opts.justRegistered) {
    const hasPeer = view.participants.some((p) => p.role === 'peer');
    body.push({ kind: 'text', tone: 'muted', text: t(hasPeer ? 'case.notifiedWithPeer' : 'case.notified') });
  }
  const actions: Action[] = [];
  if (next)
    actions.push({
      id: 'step.open',
      label: t('case.continue', { step: t(`step.${next.step}.short`) }),
      style: 'primary',
      data: { incidentId: incident.id, step: next.step },
    });
  actions.push(
    open
      ? { id: 'case.close', label: t('case.close'), data: { incidentId: incident.id } }
      : { id: 'case.reopen', label: t('case.reopen'), data: { incidentId: incident.id } },
    { id: 'incident.mine', label: t('menu.myIncidents') },
    { id: 'menu', label: t('common.menu') },
  );
  body.push({ kind: 'actions', actions });
  return { id: 'incident.case', fallbackText: title, body };
}

function stepFact(t: Translate, view: CaseView, s: StepRecord): { label: string; value: string } {
  const parts = [t(`step.state.${s.state}`)];
  if (s.ownerId) parts.push(nameOf(view, s.ownerId, t));
  if (s.dueAt && !isSettled(s.state)) {
    const late = s.dueAt.getTime() < view.now.getTime();
    parts.push(t(late ? 'case.overdue' : 'case.dueBy', { date: view.formatDate(s.dueAt) }));
  }
  return { label: t(`step.${s.step}.title`), value: parts.join(' · ') };
}

function nextLine(t: Translate, view: CaseView, next: StepRecord | null): Block {
  if (!next) return { kind: 'text', tone: 'good', text: t('case.allDone') };
  const title = t(`step.${next.step}.title`);
  if (!next.dueAt) return { kind: 'text', text: t('case.nextStep', { step: title }) };
  const late = next.dueAt.getTime() < view.now.getTime();
  return {
    kind: 'text',
    tone: late ? 'attention' : 'normal',
    text: t(late ? 'case.nextStepLate' : 'case.nextStepDue', { step: title, date: view.formatDate(next.dueAt) }),
  };
}

/** Closing a case: why (a reason from a fixed list; no free text to keep patient data out). */
export const closeCaseForm: FormSpec = {
  id: 'case.close',
  titleKey: 'case.closeTitle',
  introKey: 'case.closeIntro',
  fields: [
    {
      id: 'reason',
      type: 'choice',
      labelKey: 'case.closeReasonLabel',
      required: true,
      expanded: true,
      options: CLOSE_REASONS.map((r) => ({ value: r, labelKey: `case.closeReason.${r}` })),
    },
  ],
  submit: { action: 'case.closeConfirm', labelKey: 'case.closeConfirm' },
  cancel: { action: 'menu', labelKey: 'common.cancel' },
  modal: {
    titleKey: 'case.closeModalTitle',
    launcherTextKey: 'case.closeLauncherText',
    launcherLabelKey: 'case.closeLauncherLabel',
    closeLabelKey: 'common.cancel',
  },
};
