// Every card the product builds, from the real dialog builders and catalogues, for golden files and
// schema checks. A new card kind belongs here.
import type { Card } from '../../cards/model.ts';
import { answerCard, askHowToCard, unknownAnswerCard } from '../../dialogs/answer-cards.ts';
import { apologyCheckCard } from '../../dialogs/apology-check.ts';
import { caseCard, closeCaseForm } from '../../dialogs/case-card.ts';
import {
  cancelCheckinForm,
  checkinCard,
  checkinDoneCard,
  managerSupportCard,
  moveCheckinForm,
  myCheckinsCard,
  peerContactCard,
  peerReminderCard,
  planCreatedCard,
  talkQuestionCard,
  workHoursForm,
} from '../../dialogs/checkin-cards.ts';
import {
  deadlineReminderCard,
  deadlinesCard,
  escalationCard,
  escalationTakenCard,
  handoverAnswerCard,
  handoverForm,
  handoverRequestCard,
  notRelevantForm,
} from '../../dialogs/deadline-cards.ts';
import { renderForm } from '../../dialogs/form.ts';
import { incidentListCard, messageCard, noticeCard } from '../../dialogs/incident-cards.ts';
import { languageCard, languageSetCard, menuCard } from '../../dialogs/menu.ts';
import { peerAnswerCard, peerRequestCard, peerSummaryCard } from '../../dialogs/peer-cards.ts';
import { registerIncidentForm } from '../../dialogs/register-incident.ts';
import { privateOnlyCard, sharedMenuCard } from '../../dialogs/shared-cards.ts';
import { STEP_SPECS } from '../../dialogs/steps/index.ts';
import { stepCard } from '../../dialogs/steps/render.ts';
import { apologyDraftForm } from '../../src/app/apology.ts';
import { defaultOrgConfig, orgConfigSchema } from '../../src/config/org-config.ts';
import { entrySchema } from '../../src/content/schema.ts';
import { checkApology } from '../../src/domain/apology/pseudo-apology.ts';
import { STEP_IDS } from '../../src/domain/pathway.ts';
import { I18n } from '../../src/i18n/i18n.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import type { IncidentRecord, Participant, StepRecord } from '../../src/ports/store.ts';
import { unsavedCards } from './product-cards-unsaved.ts';

const i18n = new I18n(undefined, 'Europe/Oslo');
const tr = (l: Locale) => (key: string, values?: Record<string, string | number | Date>) => i18n.t(l, key, values);
const now = new Date('2026-11-27T10:00:00Z');
const fmt = (l: Locale) => (d: Date) => i18n.dateTime(l, d);

const incident: IncidentRecord = {
  id: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f',
  ref: 'IVR-2026-0042',
  channel: 'teams',
  tenantId: 'tenant-1',
  reporterId: 'aad-anna',
  summary: 'Feil dose av et legemiddel ble gitt på nattevakt; oppdaget ved vaktskiftet.',
  category: 'medication',
  occurredAt: new Date('2026-11-27T02:15:00Z'),
  status: 'open',
  createdAt: now,
  closedAt: null,
  closeReason: null,
};
const participants: Participant[] = [
  { userId: 'aad-anna', role: 'reporter' },
  { userId: 'aad-anna', role: 'involved' },
  { userId: 'aad-bjorn', role: 'involved' },
  { userId: 'aad-lars', role: 'manager' },
  { userId: 'aad-ingrid', role: 'peer' },
];
const names = { 'aad-anna': 'Anna Berg', 'aad-lars': 'Lars Holm', 'aad-ingrid': 'Ingrid Dahl' };
const people = [
  { value: 'aad-lars', label: 'Lars Holm' },
  { value: 'aad-ingrid', label: 'Ingrid Dahl' },
];

// A fixed content entry, so golden files do not change when content/ is edited.
const entry = entrySchema.parse({
  id: 'example-entry',
  version: '1.2',
  reviewed: '2026-01-15',
  reviewAfter: '2026-06-30',
  owner: 'Ivareta content team',
  jurisdiction: 'NO',
  title: { nb: 'Eksempel', sv: 'Exempel', da: 'Eksempel', en: 'Example' },
  sources: [{ title: 'Nasjonal veileder', publisher: 'Helsedirektoratet', url: 'https://example.org/veileder' }],
  passages: ['one', 'two', 'three'].map((n) => ({
    id: `example-${n}`,
    section: `Kapittel ${n}`,
    title: { nb: `Avsnitt ${n}`, sv: `Avsnitt ${n}`, da: `Afsnit ${n}`, en: `Passage ${n}` },
    text: { nb: 'Tekst på norsk.', sv: 'Text på svenska.', da: 'Tekst på dansk.', en: 'Text in English.' },
  })),
});
const [p1, p2, p3] = entry.passages.map((passage) => ({ entry, passage }));

const HOUR = 3_600_000;
const steps: StepRecord[] = STEP_IDS.map((step, i) => ({
  incidentId: incident.id,
  step,
  state: i < 2 ? 'done' : i === 2 ? 'in_progress' : i === 3 ? 'not_relevant' : 'not_started',
  ownerId: step === 'report' ? 'aad-anna' : 'aad-lars',
  dueAt: new Date(now.getTime() + (i - 3) * 12 * HOUR),
  data: {},
  version: i < 4 ? 1 : 0,
  updatedAt: i < 4 ? now : null,
  updatedBy: i < 4 ? 'aad-lars' : null,
}));
const closed: IncidentRecord = {
  ...incident,
  status: 'closed',
  closedAt: now,
  closeReason: 'completed',
};
// The organisation's own links, so the link buttons show in the golden files.
const pathway = orgConfigSchema.parse({
  pathway: {
    reporting: { url: 'https://example.org/avvik' },
    peerSupport: { url: 'https://example.org/kollegastotte' },
  },
}).pathway;

function stepCards(l: Locale): [string, Card][] {
  const t = tr(l);
  const view = (step: StepRecord, editable = true) => ({
    incident,
    step,
    names,
    formatDate: fmt(l),
    pathway,
    country: defaultOrgConfig.country,
    editable,
    people,
    timeZone: 'Europe/Oslo',
    now,
  });
  const out: [string, Card][] = steps.map((step) => [
    `step.${step.step}`,
    stepCard(STEP_SPECS[step.step], t, view(step)),
  ]);
  const debrief = {
    ...steps[6]!,
    state: 'in_progress' as const,
    data: {
      heldAt: now.toISOString(),
      highStress: ['yes'],
      actions: [{ text: 'Gjennomgå rutinen for dobbeltkontroll', ownerId: 'aad-lars', due: now.toISOString() }],
    },
  };
  out.push(
    [
      'step.debrief.saved',
      stepCard(STEP_SPECS.debrief, t, {
        ...view(debrief),
        extraGuide: [{ key: 'step.debrief.highStressGuide' }],
        list: {
          titleKey: 'step.debrief.actionsTitle',
          emptyKey: 'step.debrief.noActions',
          items: [t('step.debrief.actionItem', { text: 'Gjennomgå rutinen', owner: 'Lars Holm', date: fmt(l)(now) })],
        },
        notice: { key: 'step.changedMeanwhile', tone: 'attention' },
      }),
    ],
    [
      'step.managerSupport.readonly',
      stepCard(STEP_SPECS.managerSupport, t, {
        ...view({ ...steps[2]!, data: { elements: ['attending', 'helping'] } }, false),
        readOnlyKey: 'step.notEditor',
      }),
    ],
  );
  return out;
}

function followupCards(l: Locale): [string, Card][] {
  const t = tr(l);
  const checkinId = '0b7c7a52-3c1e-4c57-9d55-2f7f9d1c0a11';
  const formCtx = { t, people: [], timeZone: 'Europe/Oslo', now };
  const choices = {
    checkinId: [{ value: checkinId, label: `${t('plan.mine.item', { ref: incident.ref, n: 2 })}: ${fmt(l)(now)}` }],
  };
  const help = [{ name: 'Bedriftshelsetjenesten', phone: '22 00 00 00', url: 'https://example.org/bht' }];
  return [
    ['checkin', checkinCard(t, { checkinId, ref: incident.ref })],
    ['checkin.talk', talkQuestionCard(t, { checkinId, low: true })],
    ['checkin.done', checkinDoneCard(t, { talk: true, hasPeer: true, next: fmt(l)(now) })],
    ['checkin.done.help', checkinDoneCard(t, { talk: false, hasPeer: false, help })],
    ['checkin.peerContact', peerContactCard(t, { person: 'Anna Berg', ref: incident.ref, incidentId: incident.id })],
    ['checkin.peerReminder', peerReminderCard(t, { person: 'Anna Berg', when: fmt(l)(now) })],
    ['checkin.manager', managerSupportCard(t, { person: 'Anna Berg', ref: incident.ref, incidentId: incident.id })],
    ['plan.created', planCreatedCard(t, { incidentId: incident.id, ref: incident.ref, dates: [fmt(l)(now)] })],
    [
      'checkins.mine',
      myCheckinsCard(t, [{ label: t('plan.mine.item', { ref: incident.ref, n: 2 }), when: fmt(l)(now) }]),
    ],
    ['checkins.mine.empty', myCheckinsCard(t, [])],
    ['checkins.move', renderForm(moveCheckinForm(), { ...formCtx, choices })],
    ['checkins.cancel', renderForm(cancelCheckinForm(), { ...formCtx, choices })],
    ['workhours', renderForm(workHoursForm, formCtx, { pattern: 'night', extra: ['weekends'] })],
    [
      'peer.summary',
      peerSummaryCard(t, {
        people: 2,
        items: [
          { person: 'Anna Berg', when: fmt(l)(now), ref: incident.ref },
          { person: 'Bjørn Lie', when: fmt(l)(new Date(now.getTime() + 72 * HOUR)), ref: 'IVR-2026-0043' },
        ],
      }),
    ],
  ];
}

function deadlineCards(l: Locale): [string, Card][] {
  const t = tr(l);
  const formCtx = {
    t,
    people,
    timeZone: 'Europe/Oslo',
    now,
    submitData: { incidentId: incident.id, step: 'defusing' },
  };
  const base = { incidentId: incident.id, ref: incident.ref, step: 'defusing', due: fmt(l)(now) };
  const line = { incidentId: incident.id, ref: incident.ref, step: 'debrief', due: fmt(l)(now), state: 'in_progress' };
  return [
    ['deadline.reminder', deadlineReminderCard(t, { ...base, snoozes: ['PT1H', 'PT3H', 'nextMorning'] })],
    ['deadline.reminder.noSnooze', deadlineReminderCard(t, { ...base, snoozes: [] })],
    [
      'escalation.notice',
      escalationCard(t, {
        ...base,
        owner: 'Lars Holm',
        late: t('escalation.late.hours', { count: 4 }),
        gen: 'gabc',
        level: 1,
      }),
    ],
    [
      'escalation.taken',
      escalationTakenCard(t, { ref: incident.ref, step: 'defusing', by: 'Kari Leder', incidentId: incident.id }),
    ],
    ['handover.request', handoverRequestCard(t, { ...base, from: 'Lars Holm', gen: 'gabc' })],
    [
      'handover.accepted',
      handoverAnswerCard(t, 'accepted', {
        ref: incident.ref,
        step: 'defusing',
        to: 'Kari Leder',
        incidentId: incident.id,
      }),
    ],
    [
      'handover.declined',
      handoverAnswerCard(t, 'declined', {
        ref: incident.ref,
        step: 'defusing',
        to: 'Kari Leder',
        incidentId: incident.id,
      }),
    ],
    ['deadline.handover', renderForm(handoverForm, formCtx)],
    ['deadline.notRelevant', renderForm(notRelevantForm, formCtx)],
    [
      'deadlines',
      deadlinesCard(t, {
        mine: [
          { ...line, overdue: false },
          { ...line, step: 'report', overdue: true, state: 'not_started' },
        ],
        waiting: [{ ...line, step: 'defusing', overdue: true, gen: 'gabc' }],
      }),
    ],
    ['deadlines.empty', deadlinesCard(t, { mine: [], waiting: [] })],
  ];
}

function cards(l: Locale): [string, Card][] {
  const t = tr(l);
  const view = { incident, participants, names, formatDate: fmt(l), steps, now };
  const formCtx = { t, people, timeZone: 'Europe/Oslo', now };
  const notice = { incidentId: incident.id, ref: incident.ref, reporter: 'Anna Berg', category: 'medication' };
  return [
    ['menu', menuCard(t)],
    ['menu.not-understood', menuCard(t, { unknownText: true })],
    ['menu.shared', sharedMenuCard(t, { privateChatUrl: 'https://slack.com/app_redirect?app=A0IVARETA&team=T1' })],
    ['shared.privateOnly', privateOnlyCard(t, 'https://teams.microsoft.com/l/chat/0/0?users=28%3Abot-app-id')],
    ['shared.privateOnly.noLink', privateOnlyCard(t)],
    ['language.choose', languageCard(t)],
    ['language.set', languageSetCard(t)],
    ['incident.register', renderForm(registerIncidentForm, formCtx)],
    [
      'incident.register.errors',
      renderForm(
        registerIncidentForm,
        formCtx,
        { summary: 'Feil dose gitt til pasient med fnr […]', manager: 'aad-lars', category: 'medication' },
        { summary: 'privacy.nationalId', occurredAt: 'form.required' },
      ),
    ],
    [
      'incident.case.registered',
      caseCard(t, { ...view, steps: steps.map((x) => ({ ...x, state: 'not_started' })) }, { justRegistered: true }),
    ],
    ['incident.case', caseCard(t, view)],
    [
      'incident.case.closed',
      caseCard(
        t,
        { ...view, incident: closed },
        { notice: { key: 'case.closedNotice', tone: 'good', values: { count: 3 } } },
      ),
    ],
    [
      'case.close',
      renderForm(closeCaseForm, {
        ...formCtx,
        t: (k, v) => t(k, { ref: incident.ref, ...v }),
        submitData: { incidentId: incident.id },
      }),
    ],
    ...stepCards(l),
    ['incident.notice.manager', noticeCard(t, notice)],
    ['peer.request', peerRequestCard(t, { incidentId: incident.id, ref: incident.ref, asker: 'Anna Berg' })],
    [
      'peer.accepted',
      peerAnswerCard(t, 'accepted', { incidentId: incident.id, ref: incident.ref, supporter: 'Ingrid Dahl' }),
    ],
    [
      'peer.declined',
      peerAnswerCard(t, 'declined', { incidentId: incident.id, ref: incident.ref, supporter: 'Ingrid Dahl' }),
    ],
    ['apology.check', renderForm(apologyDraftForm, { ...formCtx, submitData: { incidentId: incident.id } })],
    [
      'apology.check.pseudo',
      apologyCheckCard(t, checkApology('Vi beklager at du opplevde det slik.'), { incidentId: incident.id }),
    ],
    [
      'apology.check.sincere',
      apologyCheckCard(
        t,
        checkApology('Vi gjorde en feil da du fikk feil dose. Det er vårt ansvar, og vi beklager. Vi endrer rutinen.'),
        { incidentId: incident.id },
      ),
    ],
    ...followupCards(l),
    ...deadlineCards(l),
    ...unsavedCards(t, { now, people, incidentId: incident.id }),
    ['incident.teamList', incidentListCard(t, [incident], fmt(l), 'team')],
    [
      'incident.list',
      incidentListCard(t, [incident, { ...incident, id: 'x', ref: 'IVR-2026-0041', status: 'closed' }], fmt(l)),
    ],
    ['incident.list.empty', incidentListCard(t, [], fmt(l))],
    ['incident.denied', messageCard(t, 'incident.denied', 'access.denied', 'attention')],
    [
      'qa.answer',
      answerCard(t, {
        hit: p1!,
        lang: l,
        seeAlso: [p2!, p3!],
        overdue: true,
        formatDay: (d) => i18n.date(l, new Date(d)),
      }),
    ],
    ['qa.answer.current', answerCard(t, { hit: p2!, lang: l, seeAlso: [], overdue: false, formatDay: (d) => d })],
    ['qa.unknown', unknownAnswerCard(t)],
    ['qa.unknown.contact', unknownAnswerCard(t, 'Norsk Pasientforening, 22 00 74 00')],
    ['qa.howto', askHowToCard(t)],
    ['qa.thanks', messageCard(t, 'qa.thanks', 'qa.thanks', 'good')],
    ['qa.refused', messageCard(t, 'qa.refused', 'qa.sensitive', 'attention')],
  ];
}

/** Norwegian for every card (the golden files); the other languages are checked against the schemas. */
export const PRODUCT_CARDS: { name: string; card: Card }[] = cards('nb').map(([name, card]) => ({ name, card }));

export const PRODUCT_CARDS_ALL_LANGUAGES: { name: string; card: Card }[] = (['nb', 'sv', 'da', 'en'] as const).flatMap(
  (l) => cards(l).map(([name, card]) => ({ name: `${l}/${name}`, card })),
);
