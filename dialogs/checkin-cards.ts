// Follow-up check-ins: the check-in itself (a 1–5 scale as buttons, so it works the same in a Teams
// card and a Slack message), the question about someone to talk to, the plan, and the messages to the
// peer supporter and the manager. Names, dates and references only: never a person's answers.
import type { Action, Block, Card } from '../cards/model.ts';
import type { FormSpec, Translate } from './form.ts';

export const SCORES = [1, 2, 3, 4, 5] as const;

export function checkinCard(t: Translate, args: { checkinId: string; ref: string }): Card {
  const title = t('checkin.title');
  const data = { checkinId: args.checkinId };
  return {
    id: 'checkin',
    fallbackText: title,
    body: [
      { kind: 'heading', text: title },
      { kind: 'text', text: t('checkin.intro', { ref: args.ref }) },
      {
        kind: 'actions',
        actions: SCORES.map((score) => ({
          id: 'checkin.answer',
          label: t(`checkin.score.${score}`),
          data: { ...data, score: String(score) },
        })),
      },
      { kind: 'text', tone: 'muted', text: t('checkin.privacy') },
      {
        kind: 'actions',
        actions: [
          { id: 'checkin.snooze', label: t('checkin.snoozeDay'), data: { ...data, by: 'P1D' } },
          { id: 'checkin.snooze', label: t('checkin.snoozeWeek'), data: { ...data, by: 'P1W' } },
          { id: 'checkin.skip', label: t('checkin.skip'), data },
          { id: 'checkin.stop', label: t('checkin.stop'), style: 'danger', data },
        ],
      },
    ],
  };
}

export function talkQuestionCard(t: Translate, args: { checkinId: string; low: boolean }): Card {
  const title = t('checkin.thanks');
  const data = { checkinId: args.checkinId };
  const body: Block[] = [{ kind: 'text', tone: 'good', text: title }];
  if (args.low) body.push({ kind: 'text', text: t('checkin.lowAnswer') });
  body.push(
    { kind: 'text', text: t('checkin.talkQuestion') },
    {
      kind: 'actions',
      actions: [
        { id: 'checkin.talk', label: t('checkin.talkYes'), style: 'primary', data: { ...data, talk: 'yes' } },
        { id: 'checkin.talk', label: t('checkin.talkNo'), data: { ...data, talk: 'no' } },
      ],
    },
  );
  return { id: 'checkin.talk', fallbackText: title, body };
}

export interface Contact {
  name: string;
  phone?: string;
  url?: string;
}

/** After the talk question; with two low answers in a row, where to find professional help. */
export function checkinDoneCard(
  t: Translate,
  args: { talk: boolean; hasPeer: boolean; next?: string; help?: Contact[] },
): Card {
  const text = t(args.talk ? (args.hasPeer ? 'checkin.peerTold' : 'checkin.noPeer') : 'checkin.noted');
  const body: Block[] = [{ kind: 'text', tone: 'good', text }];
  if (args.help) {
    body.push({ kind: 'text', tone: 'attention', text: t('checkin.professionalHelp') });
    const lines = args.help.map((c) => (c.phone ? t('checkin.contactWithPhone', { ...c, phone: c.phone }) : c.name));
    if (lines.length) body.push({ kind: 'list', items: lines });
    else body.push({ kind: 'text', text: t('checkin.professionalHelpGeneric') });
  }
  if (args.next) body.push({ kind: 'text', tone: 'muted', text: t('checkin.next', { date: args.next }) });
  const links: Action[] = (args.help ?? []).flatMap((c) =>
    c.url ? [{ id: 'link.help', label: c.name, url: c.url }] : [],
  );
  body.push({ kind: 'actions', actions: [...links, { id: 'checkins.mine', label: t('checkin.myCheckins') }] });
  return { id: 'checkin.done', fallbackText: text, body };
}

/** To the peer supporter: the person would welcome contact (never why, never the answer). */
export function peerContactCard(t: Translate, args: { person: string; ref: string; incidentId: string }): Card {
  const title = t('checkin.peerContact.title', { person: args.person });
  return {
    id: 'checkin.peerContact',
    fallbackText: title,
    body: [
      { kind: 'heading', text: title },
      { kind: 'text', text: t('checkin.peerContact.body', { person: args.person, ref: args.ref }) },
      {
        kind: 'actions',
        actions: [{ id: 'incident.view', label: t('notice.open'), data: { incidentId: args.incidentId } }],
      },
    ],
  };
}

/** To the peer supporter, the working morning before a check-in. */
export function peerReminderCard(t: Translate, args: { person: string; when: string }): Card {
  const text = t('checkin.peerReminder', args);
  return { id: 'checkin.peerReminder', fallbackText: text, body: [{ kind: 'text', text }] };
}

/** To the manager, only with the person's consent: support is needed, nothing more. */
export function managerSupportCard(t: Translate, args: { person: string; ref: string; incidentId: string }): Card {
  const title = t('checkin.manager.title', { person: args.person, ref: args.ref });
  return {
    id: 'checkin.manager',
    fallbackText: title,
    body: [
      { kind: 'heading', text: title },
      { kind: 'text', text: t('checkin.manager.body', { person: args.person }) },
      {
        kind: 'actions',
        actions: [{ id: 'incident.view', label: t('notice.open'), data: { incidentId: args.incidentId } }],
      },
    ],
  };
}

/** The plan, when it is made: the dates, and the one question about telling the manager. */
export function planCreatedCard(t: Translate, args: { incidentId: string; ref: string; dates: string[] }): Card {
  const title = t('plan.title', { ref: args.ref });
  const data = { incidentId: args.incidentId };
  return {
    id: 'plan.created',
    fallbackText: title,
    body: [
      { kind: 'heading', text: title },
      { kind: 'text', text: t('plan.intro') },
      { kind: 'list', items: args.dates },
      { kind: 'text', text: t('plan.consentQuestion') },
      {
        kind: 'actions',
        actions: [
          { id: 'plan.consent', label: t('plan.consentYes'), style: 'primary', data: { ...data, tell: 'yes' } },
          { id: 'plan.consent', label: t('plan.consentNo'), data: { ...data, tell: 'no' } },
        ],
      },
      { kind: 'text', tone: 'muted', text: t('plan.shiftNote') },
      {
        kind: 'actions',
        actions: [
          { id: 'workhours.form', label: t('plan.workHours') },
          { id: 'checkins.mine', label: t('checkin.myCheckins') },
        ],
      },
    ],
  };
}

/** "My check-ins": what is planned, with the ways to change it. */
export function myCheckinsCard(t: Translate, items: { label: string; when: string }[]): Card {
  const title = t('plan.mine.title');
  const body: Block[] = [{ kind: 'heading', text: title }];
  if (items.length === 0) body.push({ kind: 'text', text: t('plan.mine.empty') });
  else body.push({ kind: 'facts', items: items.map((i) => ({ label: i.label, value: i.when })) });
  const actions: Action[] = items.length
    ? [
        { id: 'checkins.moveForm', label: t('plan.mine.move') },
        { id: 'checkins.cancelForm', label: t('plan.mine.cancel') },
        { id: 'checkins.stopAll', label: t('plan.mine.stopAll'), style: 'danger' },
      ]
    : [];
  actions.push({ id: 'workhours.form', label: t('plan.workHours') }, { id: 'menu', label: t('common.menu') });
  body.push({ kind: 'actions', actions });
  return { id: 'checkins.mine', fallbackText: title, body };
}

/** Moving one planned check-in to a new time (the time is moved into working hours if needed). */
export function moveCheckinForm(): FormSpec {
  return {
    id: 'checkins.move',
    titleKey: 'plan.move.title',
    introKey: 'plan.move.intro',
    fields: [
      { id: 'checkinId', type: 'choice', labelKey: 'plan.move.which', required: true, options: [], fromContext: true },
      { id: 'when', type: 'datetime', labelKey: 'plan.move.when', required: true },
    ],
    submit: { action: 'checkins.move', labelKey: 'plan.move.submit' },
    cancel: { action: 'checkins.mine', labelKey: 'common.cancel' },
    modal: {
      titleKey: 'plan.move.modalTitle',
      launcherTextKey: 'plan.move.intro',
      launcherLabelKey: 'plan.mine.move',
      closeLabelKey: 'common.cancel',
    },
  };
}

export function cancelCheckinForm(): FormSpec {
  return {
    id: 'checkins.cancel',
    titleKey: 'plan.cancel.title',
    fields: [
      { id: 'checkinId', type: 'choice', labelKey: 'plan.move.which', required: true, options: [], fromContext: true },
    ],
    submit: { action: 'checkins.cancel', labelKey: 'plan.cancel.submit' },
    cancel: { action: 'checkins.mine', labelKey: 'common.cancel' },
    modal: {
      titleKey: 'plan.cancel.modalTitle',
      launcherTextKey: 'plan.cancel.title',
      launcherLabelKey: 'plan.mine.cancel',
      closeLabelKey: 'common.cancel',
    },
  };
}

export const WORK_PATTERNS = ['day', 'evening', 'night'] as const;

/** Working hours for shift workers: a pattern, and whether weekends and holidays are worked. */
export const workHoursForm: FormSpec = {
  id: 'workhours',
  titleKey: 'workhours.title',
  introKey: 'workhours.intro',
  fields: [
    {
      id: 'pattern',
      type: 'choice',
      labelKey: 'workhours.pattern',
      required: true,
      expanded: true,
      options: WORK_PATTERNS.map((p) => ({ value: p, labelKey: `workhours.pattern.${p}` })),
    },
    {
      id: 'extra',
      type: 'choice',
      labelKey: 'workhours.extra',
      required: false,
      multi: true,
      expanded: true,
      options: ['weekends', 'holidays'].map((v) => ({ value: v, labelKey: `workhours.extra.${v}` })),
    },
  ],
  submit: { action: 'workhours.save', labelKey: 'workhours.save' },
  cancel: { action: 'checkins.mine', labelKey: 'common.cancel' },
  modal: {
    titleKey: 'workhours.modalTitle',
    launcherTextKey: 'workhours.intro',
    launcherLabelKey: 'plan.workHours',
    closeLabelKey: 'common.cancel',
  },
};
