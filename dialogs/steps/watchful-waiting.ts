// Step 9, follow-up phase: watchful waiting (avventende oppfølging) after the acute phase, keeping in touch
// with the patient or relatives and the staff, feeding back what was learned (seed 000), and pointing
// patients and relatives to free help (seed 001 for Norway; `pathway.patientHelp.<country>` names it).
import type { StepSpec } from './spec.ts';

/** Where patients and relatives get free help when the organisation has not configured its own page. */
export const DEFAULT_PATIENT_HELP_URL = {
  NO: 'https://www.pasient.no/',
  SE: 'https://www.1177.se/',
  DK: 'https://stps.dk/',
} as const satisfies Record<'NO' | 'SE' | 'DK', string>;

export const WATCHFUL_WAITING_CONTACTS = [
  'patientContacted',
  'relativesContacted',
  'staffFollowedUp',
  'learningFedBack',
  'patientToldAboutHelp',
] as const;

export const watchfulWaitingStep: StepSpec = {
  id: 'watchfulWaiting',
  titleKey: 'step.watchfulWaiting.title',
  shortKey: 'step.watchfulWaiting.short',
  summaryKey: 'step.watchfulWaiting.summary',
  sourceKey: 'step.watchfulWaiting.source',
  guide: [
    { kind: 'text', key: 'step.watchfulWaiting.guide.intro' },
    {
      kind: 'list',
      keys: [
        'step.watchfulWaiting.guide.patient',
        'step.watchfulWaiting.guide.staff',
        'step.watchfulWaiting.guide.feedBack',
        'step.watchfulWaiting.guide.patientHelp',
      ],
    },
    { kind: 'text', key: 'step.watchfulWaiting.guide.next', tone: 'muted' },
  ],
  fields: [
    {
      id: 'contacts',
      type: 'choice',
      labelKey: 'step.watchfulWaiting.contacts',
      required: false,
      multi: true,
      expanded: true,
      options: WATCHFUL_WAITING_CONTACTS.map((c) => ({ value: c, labelKey: `step.watchfulWaiting.contact.${c}` })),
    },
    { id: 'nextContactAt', type: 'datetime', labelKey: 'step.watchfulWaiting.nextContactAt', required: false },
  ],
  links: [
    {
      labelKey: 'step.watchfulWaiting.patientHelpLink',
      url: (p, country) => p.patientHelp.url ?? DEFAULT_PATIENT_HELP_URL[country],
    },
  ],
};
