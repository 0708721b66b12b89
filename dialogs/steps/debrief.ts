// Step 7, follow-up phase: the learning debrief (læringsdebrief) and its five questions, with the switch
// to psychosocial support when the people involved show high emotional stress (seed 000, DESIGN §3).
// The engine shows `step.debrief.highStressGuide` while `highStress` is ticked, and moves each agreed
// action (`actionText`, `actionOwner`, `actionDue`) to the step's saved list, shown with
// `step.debrief.actionsTitle`, `step.debrief.actionItem` ({text} — {owner}, {date}) and `step.debrief.noActions`.
import type { StepSpec } from './spec.ts';

/** The five questions of a learning debrief, in the guide's order. */
export const DEBRIEF_QUESTIONS = ['intention', 'whatHappened', 'learned', 'doNow', 'share'] as const;

export const debriefStep: StepSpec = {
  id: 'debrief',
  titleKey: 'step.debrief.title',
  shortKey: 'step.debrief.short',
  summaryKey: 'step.debrief.summary',
  sourceKey: 'step.debrief.source',
  guide: [
    { kind: 'text', key: 'step.debrief.guide.intro' },
    { kind: 'list', keys: DEBRIEF_QUESTIONS.map((q) => `step.debrief.guide.question.${q}`) },
    { kind: 'text', key: 'step.debrief.guide.note', tone: 'muted' },
  ],
  fields: [
    { id: 'heldAt', type: 'datetime', labelKey: 'step.debrief.heldAt', required: false },
    {
      id: 'highStress',
      type: 'choice',
      labelKey: 'step.debrief.highStress',
      required: false,
      multi: true,
      expanded: true,
      options: ['yes'].map((v) => ({ value: v, labelKey: `step.debrief.highStress.${v}` })),
    },
    {
      id: 'actionText',
      type: 'text',
      labelKey: 'step.debrief.actionText',
      placeholderKey: 'step.debrief.actionTextPlaceholder',
      maxLength: 200,
      required: false,
      freeText: true,
    },
    { id: 'actionOwner', type: 'users', labelKey: 'step.debrief.actionOwner', required: false, multi: false },
    { id: 'actionDue', type: 'datetime', labelKey: 'step.debrief.actionDue', required: false },
  ],
};

/** Texts the engine uses around this step besides the spec's own keys. */
export const DEBRIEF_EXTRA_KEYS = [
  'step.debrief.highStressGuide',
  'step.debrief.actionsTitle',
  'step.debrief.actionItem',
  'step.debrief.noActions',
] as const;
