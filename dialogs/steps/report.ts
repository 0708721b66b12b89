// Step 4, reporting the event in the organisation's own reporting system (avvikssystem, avvikelse-
// hantering, utilsigtede hændelser). The bot links to it and keeps only the report's reference number.
import type { StepSpec } from './spec.ts';

export const reportStep: StepSpec = {
  id: 'report',
  titleKey: 'step.report.title',
  shortKey: 'step.report.short',
  summaryKey: 'step.report.summary',
  sourceKey: 'step.report.source',
  guide: [
    { kind: 'text', key: 'step.report.guide.intro' },
    {
      kind: 'list',
      keys: ['step.report.guide.where', 'step.report.guide.noPatient', 'step.report.guide.reference'],
    },
    { kind: 'text', tone: 'muted', key: 'step.report.guide.noLink' },
  ],
  fields: [
    {
      id: 'reportRef',
      type: 'text',
      labelKey: 'step.report.reportRef.label',
      placeholderKey: 'step.report.reportRef.placeholder',
      maxLength: 40,
      required: false,
      freeText: true,
    },
    {
      id: 'reportedAt',
      type: 'datetime',
      labelKey: 'step.report.reportedAt.label',
      required: false,
      notInFuture: true,
    },
  ],
  links: [{ labelKey: 'step.report.link.open', url: (p) => p.reporting.url }],
};
