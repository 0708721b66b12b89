// Step 1, empathy and support: psychological first aid in the first hours (national guide, seed 000;
// DESIGN §3). The checklist records what was done, never what was said.
import type { StepSpec } from './spec.ts';

/** What the person giving first aid can tick off; at most ten (Slack's checkbox limit). */
export const SUPPORT_CHECKLIST = [
  'listened',
  'askedWhatHelps',
  'notAlone',
  'practicalHelp',
  'colleagueTakesOver',
  'relievedFromDuty',
  'ownNetworkContacted',
  'transportHome',
  'followUpAgreed',
] as const;

export const supportStep: StepSpec = {
  id: 'support',
  titleKey: 'step.support.title',
  shortKey: 'step.support.short',
  summaryKey: 'step.support.summary',
  sourceKey: 'step.support.source',
  guide: [
    { kind: 'text', key: 'step.support.guide.intro' },
    {
      kind: 'list',
      keys: [
        'step.support.guide.listen',
        'step.support.guide.safety',
        'step.support.guide.practical',
        'step.support.guide.network',
        'step.support.guide.home',
      ],
    },
  ],
  fields: [
    {
      id: 'done',
      type: 'choice',
      labelKey: 'step.support.done.label',
      required: false,
      multi: true,
      expanded: true,
      options: SUPPORT_CHECKLIST.map((value) => ({ value, labelKey: `step.support.done.${value}` })),
    },
    {
      id: 'note',
      type: 'text',
      labelKey: 'step.support.note.label',
      placeholderKey: 'step.support.note.placeholder',
      multiline: true,
      maxLength: 500,
      required: false,
      freeText: true,
    },
  ],
};
