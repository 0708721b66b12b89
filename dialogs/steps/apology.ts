// Step 8, follow-up phase: apology to the patient, if due (seed 000, DESIGN §3). Open acknowledgement and
// regret (beklagelse) always; a sincere apology (oppriktig unnskyldning) with its five elements when the
// event should have been avoided; no pseudo-apologies. The engine shows `step.apology.advice.<avoidable>`
// and opens the pseudo-apology checker (`apology.check`, keys `step.apology.check*`/`draft*`) from the
// extra action; the draft typed there is checked and never stored.
import type { StepSpec } from './spec.ts';

export const APOLOGY_AVOIDABLE = ['yes', 'no', 'unsure'] as const;

/** The five elements of a sincere apology, in the guide's order. */
export const APOLOGY_ELEMENTS = [
  'acknowledgeFailure',
  'describeWhatHappened',
  'takeResponsibility',
  'expressRegret',
  'changePractice',
] as const;

export const apologyStep: StepSpec = {
  id: 'apology',
  titleKey: 'step.apology.title',
  shortKey: 'step.apology.short',
  summaryKey: 'step.apology.summary',
  sourceKey: 'step.apology.source',
  guide: [
    { kind: 'text', key: 'step.apology.guide.always' },
    { kind: 'text', key: 'step.apology.guide.sincere' },
    { kind: 'list', keys: APOLOGY_ELEMENTS.map((e) => `step.apology.guide.element.${e}`) },
    { kind: 'text', key: 'step.apology.guide.pseudo', tone: 'attention' },
    { kind: 'text', key: 'step.apology.guide.whoWhen' },
  ],
  fields: [
    {
      id: 'avoidable',
      type: 'choice',
      labelKey: 'step.apology.avoidable',
      required: false,
      expanded: true,
      options: APOLOGY_AVOIDABLE.map((v) => ({ value: v, labelKey: `step.apology.avoidable.${v}` })),
    },
    {
      id: 'elements',
      type: 'choice',
      labelKey: 'step.apology.elements',
      required: false,
      multi: true,
      expanded: true,
      options: APOLOGY_ELEMENTS.map((e) => ({ value: e, labelKey: `step.apology.element.${e}` })),
    },
    { id: 'meetingAt', type: 'datetime', labelKey: 'step.apology.meetingAt', required: false },
    { id: 'speaker', type: 'users', labelKey: 'step.apology.speaker', required: false, multi: false },
  ],
  extraActions: [{ id: 'apology.check', labelKey: 'step.apology.checkDraft' }],
};

/** Texts the engine uses around this step besides the spec's own keys. */
export const APOLOGY_EXTRA_KEYS = [
  ...APOLOGY_AVOIDABLE.map((v) => `step.apology.advice.${v}`),
  'step.apology.checkTitle',
  'step.apology.checkIntro',
  'step.apology.draftLabel',
  'step.apology.draftPlaceholder',
  'step.apology.checkSubmit',
] as const;
