// Step 3, clear manager support (tydelig lederstøtte) through the four elements of compassionate
// leadership the national guide names (seed 000, after Michael West). Only the manager changes it.
import type { StepSpec } from './spec.ts';

export const LEADERSHIP_ELEMENTS = ['attending', 'understanding', 'empathising', 'helping'] as const;

export const managerSupportStep: StepSpec = {
  id: 'managerSupport',
  titleKey: 'step.managerSupport.title',
  shortKey: 'step.managerSupport.short',
  summaryKey: 'step.managerSupport.summary',
  sourceKey: 'step.managerSupport.source',
  editors: ['manager'],
  guide: [
    { kind: 'text', key: 'step.managerSupport.guide.intro' },
    { kind: 'list', keys: LEADERSHIP_ELEMENTS.map((e) => `step.managerSupport.guide.${e}`) },
  ],
  fields: [
    {
      id: 'elements',
      type: 'choice',
      labelKey: 'step.managerSupport.elements.label',
      required: false,
      multi: true,
      expanded: true,
      options: LEADERSHIP_ELEMENTS.map((value) => ({ value, labelKey: `step.managerSupport.elements.${value}` })),
    },
  ],
};
