// Realistic neutral cards for the renderer tests (golden files, schema and limit checks).
// Placeholders until the tests render the cards the product builds (dialogs/*): keep ids stable,
// since the golden file names derive from them.
import type { Card } from '../../cards/model.ts';

const people = [
  { value: '29:1a2b3c-kari', label: 'Kari Nordmann' },
  { value: '29:4d5e6f-ola', label: 'Ola Hansen' },
  { value: '29:7a8b9c-aisha', label: 'Aisha Rahman' },
];

export const menuSample: Card = {
  id: 'menu',
  fallbackText: 'Ivareta: ivaretakelse etter uønskede hendelser',
  body: [
    { kind: 'heading', text: 'Ivareta: ivaretakelse etter uønskede hendelser' },
    {
      kind: 'text',
      text: 'Jeg kan lede deg gjennom det som hjelper etter en uønsket hendelse: registrere hva som skjedde, støtte til deg og kollegene dine, og stegene lederen din følger opp. Velg hva du trenger.',
    },
    { kind: 'text', tone: 'muted', text: 'Skriv aldri pasientens navn eller fødselsnummer her.' },
    { kind: 'divider' },
    {
      kind: 'actions',
      actions: [
        { id: 'incident.new', label: 'Ny hendelse', style: 'primary' },
        { id: 'incident.mine', label: 'Mine hendelser' },
        { id: 'support.now', label: 'Jeg trenger støtte nå' },
        { id: 'guide.open', label: 'Om veilederen' },
        { id: 'language.choose', label: 'Språk' },
      ],
    },
  ],
};

export const registerSample: Card = {
  id: 'incident.register',
  fallbackText: 'Registrer en uønsket hendelse',
  body: [
    { kind: 'heading', text: 'Registrer en uønsket hendelse' },
    {
      kind: 'text',
      text: 'Beskriv kort hva som skjedde, uten pasientens navn, fødselsnummer eller andre opplysninger som kan identifisere pasienten. Lederen din får beskjed, og de du nevner får tilbud om støtte.',
    },
    { kind: 'text', tone: 'attention', text: 'Noen svar må endres. De andre svarene dine er tatt vare på.' },
    {
      kind: 'input',
      input: {
        type: 'text',
        id: 'summary',
        label: 'Hva skjedde (kort, uten pasientopplysninger)',
        placeholder: 'F.eks. feil dose av et legemiddel ble gitt på nattevakt',
        multiline: true,
        maxLength: 1000,
        required: true,
        value: 'Pasient på rom […] fikk 10 mg i stedet for 1 mg morfin <i.v.> & ble overvåket.',
        error: 'Teksten ser ut til å inneholde et pasientnavn. Vi har fjernet det; skriv uten navn.',
      },
    },
    {
      kind: 'input',
      input: {
        type: 'datetime',
        id: 'occurredAt',
        label: 'Når skjedde det?',
        required: true,
        value: '2026-11-27T03:40',
        max: '2026-11-27T11:00',
      },
    },
    {
      kind: 'input',
      input: {
        type: 'choice',
        id: 'category',
        label: 'Kategori',
        required: true,
        value: 'medication',
        options: [
          { value: 'medication', label: 'Legemidler' },
          { value: 'treatment', label: 'Behandling og pleie' },
          { value: 'fall', label: 'Fall' },
          { value: 'equipment', label: 'Utstyr eller IT' },
          { value: 'other', label: 'Annet' },
        ],
      },
    },
    {
      kind: 'input',
      input: {
        type: 'users',
        id: 'involved',
        label: 'Hvem andre var involvert?',
        multi: true,
        options: people,
        value: ['29:4d5e6f-ola', '29:7a8b9c-aisha'],
      },
    },
    {
      kind: 'input',
      input: {
        type: 'users',
        id: 'manager',
        label: 'Din nærmeste leder',
        multi: false,
        required: true,
        options: people,
      },
    },
    {
      kind: 'actions',
      actions: [
        { id: 'incident.register', label: 'Registrer', style: 'primary', submit: true },
        { id: 'menu', label: 'Avbryt' },
      ],
    },
  ],
  modal: {
    title: 'Ny hendelse',
    submitLabel: 'Registrer',
    closeLabel: 'Avbryt',
    launcherText: 'Registrer hva som skjedde i et kort skjema. Det tar omtrent to minutter.',
    launcherLabel: 'Åpne skjemaet',
  },
};

export const caseSample: Card = {
  id: 'incident.case',
  fallbackText: 'Hendelse H-2026-0142',
  body: [
    { kind: 'heading', text: 'Hendelse H-2026-0142' },
    {
      kind: 'text',
      tone: 'good',
      text: 'Hendelsen er registrert. Takk for at du skrev det ned: det er et viktig første steg.',
    },
    {
      kind: 'facts',
      items: [
        { label: 'Status', value: 'Åpen' },
        { label: 'Kategori', value: 'Legemidler' },
        { label: 'Skjedde', value: 'fredag 27. november 2026 kl. 03:40' },
        { label: 'Registrert av', value: 'Kari Nordmann' },
        { label: 'Involverte', value: 'Ola Hansen, Aisha Rahman' },
        { label: 'Leder', value: 'Ingrid Berg' },
        { label: 'Kollegastøtte', value: 'Ingen oppgitt' },
      ],
    },
    { kind: 'text', text: 'Hva skjedde' },
    {
      kind: 'text',
      tone: 'muted',
      text: 'Feil dose morfin ble gitt på nattevakt; pasienten ble overvåket og er stabil.',
    },
    { kind: 'divider' },
    { kind: 'heading', text: 'Hva skjer nå' },
    {
      kind: 'list',
      items: [
        'Støtte nå: snakk med noen du stoler på, og få praktisk hjelp, for eksempel transport hjem eller en kollega som tar over.',
        'En avlastningssamtale samme dag, ledet av lederen din eller en kollega.',
        'Lederen din følger deg opp.',
        'Hendelsen meldes i virksomhetens eget avvikssystem.',
        'En kollegastøtte kan ta kontakt med deg, om du ønsker det.',
      ],
    },
    { kind: 'text', tone: 'muted', text: 'Lederen din har fått beskjed.' },
    {
      kind: 'actions',
      actions: [
        { id: 'incident.mine', label: 'Mine hendelser' },
        { id: 'menu', label: 'Meny' },
      ],
    },
  ],
};

export const noticeSample: Card = {
  id: 'incident.notice.manager',
  fallbackText: 'Uønsket hendelse H-2026-0142: du er nærmeste leder',
  body: [
    { kind: 'heading', text: 'Uønsket hendelse H-2026-0142: du er nærmeste leder' },
    {
      kind: 'text',
      text: 'Kari Nordmann har registrert en uønsket hendelse (Legemidler) og oppgitt deg som nærmeste leder.',
    },
    {
      kind: 'text',
      tone: 'muted',
      text: 'Den nasjonale veilederen anbefaler tydelig lederstøtte og en avlastningssamtale samme dag.',
    },
    {
      kind: 'actions',
      actions: [
        { id: 'incident.view', label: 'Åpne saken', style: 'primary', data: { incidentId: 'inc_01JDX4K7Q2' } },
        { id: 'guide.link', label: 'Les veilederen', url: 'https://www.helsedirektoratet.no/veiledere' },
      ],
    },
  ],
};

/** The same action id several times, told apart by data: Slack needs distinct action_ids. */
export const languageSample: Card = {
  id: 'language.choose',
  fallbackText: 'Velg språk',
  body: [
    { kind: 'heading', text: 'Velg språk' },
    { kind: 'text', text: 'Hvilket språk vil du at Ivareta skal bruke?' },
    {
      kind: 'actions',
      actions: [
        { id: 'language.set', label: 'Norsk bokmål', data: { locale: 'nb' } },
        { id: 'language.set', label: 'Svenska', data: { locale: 'sv' } },
        { id: 'language.set', label: 'Dansk', data: { locale: 'da' } },
        { id: 'language.set', label: 'English', data: { locale: 'en' } },
      ],
    },
  ],
};

/** A short form without a modal: Slack shows its inputs in the message itself. */
export const defusingSample: Card = {
  id: 'incident.defusing',
  fallbackText: 'Avlastningssamtale for H-2026-0142',
  body: [
    { kind: 'heading', text: 'Avlastningssamtale for H-2026-0142' },
    { kind: 'text', text: 'Når ble avlastningssamtalen holdt, og hvem var med?' },
    {
      kind: 'input',
      input: { type: 'datetime', id: 'heldAt', label: 'Tidspunkt', required: true, max: '2026-11-27T16:00' },
    },
    {
      kind: 'input',
      input: {
        type: 'users',
        id: 'attendees',
        label: 'Deltakere',
        multi: true,
        options: people,
        error: 'Velg minst én deltaker.',
      },
    },
    {
      kind: 'actions',
      actions: [
        { id: 'defusing.save', label: 'Lagre', style: 'primary', submit: true, data: { incidentId: 'inc_01JDX4K7Q2' } },
      ],
    },
    { kind: 'divider' },
    { kind: 'actions', actions: [{ id: 'defusing.skip', label: 'Ikke aktuelt', style: 'danger' }] },
  ],
};

export const RENDERER_FIXTURES: Card[] = [
  menuSample,
  registerSample,
  caseSample,
  noticeSample,
  languageSample,
  defusingSample,
];
