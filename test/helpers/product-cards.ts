// Every card the product builds, from the real dialog builders and catalogues, for golden files and
// schema checks. A new card kind belongs here.
import type { Card } from '../../cards/model.ts';
import { answerCard, askHowToCard, unknownAnswerCard } from '../../dialogs/answer-cards.ts';
import { renderForm } from '../../dialogs/form.ts';
import { caseCard, incidentListCard, messageCard, noticeCard } from '../../dialogs/incident-cards.ts';
import { languageCard, languageSetCard, menuCard } from '../../dialogs/menu.ts';
import { registerIncidentForm } from '../../dialogs/register-incident.ts';
import { entrySchema } from '../../src/content/schema.ts';
import { I18n } from '../../src/i18n/i18n.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import type { IncidentRecord, Participant } from '../../src/ports/store.ts';

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

function cards(l: Locale): [string, Card][] {
  const t = tr(l);
  const view = { incident, participants, names, formatDate: fmt(l) };
  const formCtx = { t, people, timeZone: 'Europe/Oslo', now };
  const notice = { incidentId: incident.id, ref: incident.ref, reporter: 'Anna Berg', category: 'medication' };
  return [
    ['menu', menuCard(t)],
    ['menu.not-understood', menuCard(t, { unknownText: true })],
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
    ['incident.case.registered', caseCard(t, view, { justRegistered: true })],
    ['incident.case', caseCard(t, view)],
    ['incident.notice.manager', noticeCard(t, 'manager', notice)],
    ['incident.notice.peer', noticeCard(t, 'peer', notice)],
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
