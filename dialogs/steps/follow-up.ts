// Step 6, follow-up phase: follow-up meetings and any adjustments at work (tilrettelegging), from the
// national guide's follow-up phase (seed 000, DESIGN §3). Texts: src/i18n/messages/steps-followup/.
import type { StepSpec } from './spec.ts';

/** Adjustments a manager can agree with the person, offered as a checklist (Slack: at most 10). */
export const FOLLOW_UP_ADJUSTMENTS = [
  'reducedWorkload',
  'changedShifts',
  'timeOff',
  'avoidSameTasksForAWhile',
  'extraSupervision',
  'gradualReturn',
  'occupationalHealth',
  'other',
] as const;

export const followUpStep: StepSpec = {
  id: 'followUp',
  titleKey: 'step.followUp.title',
  shortKey: 'step.followUp.short',
  summaryKey: 'step.followUp.summary',
  sourceKey: 'step.followUp.source',
  guide: [
    { kind: 'text', key: 'step.followUp.guide.reactions' },
    {
      kind: 'list',
      keys: ['step.followUp.guide.meetAgain', 'step.followUp.guide.ask', 'step.followUp.guide.adjust'],
    },
    { kind: 'text', key: 'step.followUp.guide.involve' },
    { kind: 'text', key: 'step.followUp.guide.privacy', tone: 'muted' },
  ],
  fields: [
    { id: 'meetingAt', type: 'datetime', labelKey: 'step.followUp.meetingAt', required: false },
    {
      id: 'adjustments',
      type: 'choice',
      labelKey: 'step.followUp.adjustments',
      required: false,
      multi: true,
      expanded: true,
      options: FOLLOW_UP_ADJUSTMENTS.map((a) => ({ value: a, labelKey: `step.followUp.adjustment.${a}` })),
    },
    {
      id: 'note',
      type: 'text',
      labelKey: 'step.followUp.note',
      placeholderKey: 'step.followUp.notePlaceholder',
      multiline: true,
      maxLength: 500,
      required: false,
      freeText: true,
    },
  ],
};
