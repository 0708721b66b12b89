// Manager deadlines (issue 8): the reminder before a step's deadline, the escalation notice to a
// level of the ladder, the hand-over request, and the manager's overview. Who, which step, when and
// the reference only: never what happened, never anyone's check-in answers.
import type { Action, Block, Card } from '../cards/model.ts';
import type { FormSpec, Translate } from './form.ts';

export const SNOOZES = ['PT1H', 'PT3H', 'nextMorning'] as const;
export type Snooze = (typeof SNOOZES)[number];

export const NOT_RELEVANT_REASONS = ['notNeeded', 'handledElsewhere', 'doneOutside', 'other'] as const;

interface StepArgs {
  incidentId: string;
  ref: string;
  step: string;
  /** The deadline, already formatted for the reader. */
  due: string;
}

const stepData = (a: StepArgs) => ({ incidentId: a.incidentId, step: a.step });

export function deadlineReminderCard(t: Translate, args: StepArgs & { snoozes: Snooze[] }): Card {
  const stepTitle = t(`step.${args.step}.title`);
  const title = t('deadline.reminder.title', { step: stepTitle, ref: args.ref });
  const data = stepData(args);
  const body: Block[] = [
    { kind: 'heading', text: title },
    { kind: 'text', text: t('deadline.reminder.body', { step: stepTitle, due: args.due }) },
    {
      kind: 'actions',
      actions: [
        { id: 'deadline.done', label: t('deadline.done'), style: 'primary', data },
        { id: 'deadline.notRelevantForm', label: t('deadline.notRelevant'), data },
        { id: 'deadline.handoverForm', label: t('deadline.handover'), data },
        { id: 'step.open', label: t('deadline.openStep'), data },
      ],
    },
  ];
  if (args.snoozes.length)
    body.push({
      kind: 'actions',
      actions: args.snoozes.map((by) => ({
        id: 'deadline.snooze',
        label: t(`deadline.snooze.${by}`),
        data: { ...data, by },
      })),
    });
  return { id: 'deadline.reminder', fallbackText: title, body };
}

/** To one level of the ladder: whose step, how late, and the way to acknowledge. */
export function escalationCard(
  t: Translate,
  args: StepArgs & { owner: string; late: string; gen: string; level: number },
): Card {
  const stepTitle = t(`step.${args.step}.title`);
  const title = t('escalation.title', { step: stepTitle, ref: args.ref });
  return {
    id: 'escalation.notice',
    fallbackText: title,
    body: [
      { kind: 'heading', text: title },
      { kind: 'text', text: t('escalation.body', { owner: args.owner, step: stepTitle, late: args.late }) },
      {
        kind: 'facts',
        items: [
          { label: t('escalation.fact.ref'), value: args.ref },
          { label: t('escalation.fact.owner'), value: args.owner },
          { label: t('escalation.fact.due'), value: args.due },
          { label: t('escalation.fact.level'), value: String(args.level + 1) },
        ],
      },
      { kind: 'text', tone: 'muted', text: t('escalation.ackNote') },
      {
        kind: 'actions',
        actions: [
          {
            id: 'escalation.ack',
            label: t('escalation.ack'),
            style: 'primary',
            data: { ...stepData(args), gen: args.gen },
          },
          { id: 'incident.view', label: t('notice.open'), data: { incidentId: args.incidentId } },
        ],
      },
    ],
  };
}

/** To the levels told before: someone has taken it. */
export function escalationTakenCard(
  t: Translate,
  args: { ref: string; step: string; by: string; incidentId: string },
): Card {
  const text = t('escalation.taken', { by: args.by, step: t(`step.${args.step}.title`), ref: args.ref });
  return {
    id: 'escalation.taken',
    fallbackText: text,
    body: [
      { kind: 'text', tone: 'good', text },
      {
        kind: 'actions',
        actions: [{ id: 'incident.view', label: t('notice.open'), data: { incidentId: args.incidentId } }],
      },
    ],
  };
}

export function handoverRequestCard(t: Translate, args: StepArgs & { from: string; gen: string }): Card {
  const stepTitle = t(`step.${args.step}.title`);
  const title = t('handover.request.title', { step: stepTitle, ref: args.ref });
  const data = { ...stepData(args), gen: args.gen };
  return {
    id: 'handover.request',
    fallbackText: title,
    body: [
      { kind: 'heading', text: title },
      { kind: 'text', text: t('handover.request.body', { from: args.from, step: stepTitle, due: args.due }) },
      {
        kind: 'actions',
        actions: [
          { id: 'deadline.handoverAccept', label: t('handover.accept'), style: 'primary', data },
          { id: 'deadline.handoverDecline', label: t('handover.decline'), data },
        ],
      },
    ],
  };
}

/** The previous owner hears the answer to their hand-over. */
export function handoverAnswerCard(
  t: Translate,
  answer: 'accepted' | 'declined',
  args: { ref: string; step: string; to: string; incidentId: string },
): Card {
  const text = t(`handover.${answer}`, { to: args.to, step: t(`step.${args.step}.title`), ref: args.ref });
  return {
    id: `handover.${answer}`,
    fallbackText: text,
    body: [
      { kind: 'text', tone: answer === 'accepted' ? 'good' : 'attention', text },
      {
        kind: 'actions',
        actions: [{ id: 'incident.view', label: t('notice.open'), data: { incidentId: args.incidentId } }],
      },
    ],
  };
}

export const handoverForm: FormSpec = {
  id: 'deadline.handover',
  titleKey: 'handover.formTitle',
  introKey: 'handover.formIntro',
  fields: [{ id: 'to', type: 'users', labelKey: 'handover.to', required: true, multi: false }],
  submit: { action: 'deadline.handover', labelKey: 'handover.send' },
  cancel: { action: 'menu', labelKey: 'common.cancel' },
  modal: {
    titleKey: 'handover.modalTitle',
    launcherTextKey: 'handover.launcherText',
    launcherLabelKey: 'handover.launcherLabel',
    closeLabelKey: 'common.cancel',
  },
};

export const notRelevantForm: FormSpec = {
  id: 'deadline.notRelevant',
  titleKey: 'notRelevant.formTitle',
  introKey: 'notRelevant.formIntro',
  fields: [
    {
      id: 'reason',
      type: 'choice',
      labelKey: 'notRelevant.reason',
      required: true,
      expanded: true,
      options: NOT_RELEVANT_REASONS.map((r) => ({ value: r, labelKey: `notRelevant.reason.${r}` })),
    },
  ],
  submit: { action: 'deadline.notRelevant', labelKey: 'notRelevant.save' },
  cancel: { action: 'menu', labelKey: 'common.cancel' },
  modal: {
    titleKey: 'notRelevant.modalTitle',
    launcherTextKey: 'notRelevant.launcherText',
    launcherLabelKey: 'notRelevant.launcherLabel',
    closeLabelKey: 'common.cancel',
  },
};

export interface OverviewLine {
  incidentId: string;
  ref: string;
  step: string;
  due: string;
  overdue: boolean;
  state: string;
}

/** "Deadlines": the manager's open steps by due date, and escalations waiting for them. */
export function deadlinesCard(
  t: Translate,
  args: { mine: OverviewLine[]; waiting: (OverviewLine & { gen: string })[] },
): Card {
  const title = t('deadlines.title');
  const line = (l: OverviewLine) =>
    t(l.overdue ? 'deadlines.lineOverdue' : 'deadlines.line', {
      ref: l.ref,
      step: t(`step.${l.step}.title`),
      due: l.due,
      state: t(`step.state.${l.state}`),
    });
  const body: Block[] = [{ kind: 'heading', text: title }];
  body.push({ kind: 'text', text: t('deadlines.mineTitle', { count: args.mine.length }) });
  if (args.mine.length) body.push({ kind: 'list', items: args.mine.map(line) });
  body.push({ kind: 'text', text: t('deadlines.waitingTitle', { count: args.waiting.length }) });
  if (args.waiting.length) body.push({ kind: 'list', items: args.waiting.map(line) });
  const acks: Action[] = args.waiting.slice(0, 3).map((w) => ({
    id: 'escalation.ack',
    label: t('deadlines.ackOne', { ref: w.ref }),
    data: { incidentId: w.incidentId, step: w.step, gen: w.gen },
  }));
  const opens: Action[] = args.mine
    .slice(0, 2)
    .map((m) => ({ id: 'incident.view', label: m.ref, data: { incidentId: m.incidentId } }));
  body.push({ kind: 'actions', actions: [...acks, ...opens, { id: 'menu', label: t('common.menu') }].slice(0, 5) });
  return { id: 'deadlines', fallbackText: title, body };
}
