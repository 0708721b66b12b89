// Step 2, the defusing conversation (avlastningssamtale) the same day: overview, calm, belonging,
// normal reactions. Deliberately not a psychological debrief (national guide, seed 000; DESIGN §3).
import type { StepSpec } from './spec.ts';

export const defusingStep: StepSpec = {
  id: 'defusing',
  titleKey: 'step.defusing.title',
  shortKey: 'step.defusing.short',
  summaryKey: 'step.defusing.summary',
  sourceKey: 'step.defusing.source',
  guide: [
    { kind: 'text', key: 'step.defusing.guide.intro' },
    {
      kind: 'list',
      keys: [
        'step.defusing.guide.overview',
        'step.defusing.guide.calm',
        'step.defusing.guide.belonging',
        'step.defusing.guide.normalise',
      ],
    },
    { kind: 'text', tone: 'attention', key: 'step.defusing.guide.notDebrief' },
  ],
  fields: [
    { id: 'bookedAt', type: 'datetime', labelKey: 'step.defusing.bookedAt.label', required: false },
    { id: 'leader', type: 'users', labelKey: 'step.defusing.leader.label', required: false, multi: false },
  ],
};
