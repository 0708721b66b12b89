// Step 5, peer support (kollegastøtte): the kind of scheme and the colleague who offers it, who is
// asked to accept or hand it back (national guide, seed 000; DESIGN §3).
import type { StepSpec } from './spec.ts';

/** The formal schemes the guide names; the last is the professional association's own scheme. */
export const PEER_SUPPORT_KINDS = ['buddy', 'localTeam', 'centralGroup', 'association'] as const;

export const peerSupportStep: StepSpec = {
  id: 'peerSupport',
  titleKey: 'step.peerSupport.title',
  shortKey: 'step.peerSupport.short',
  summaryKey: 'step.peerSupport.summary',
  sourceKey: 'step.peerSupport.source',
  guide: [
    { kind: 'text', key: 'step.peerSupport.guide.intro' },
    {
      kind: 'list',
      keys: [
        'step.peerSupport.guide.listens',
        'step.peerSupport.guide.confidential',
        'step.peerSupport.guide.notTherapy',
        'step.peerSupport.guide.professionalHelp',
      ],
    },
    { kind: 'text', tone: 'muted', key: 'step.peerSupport.guide.accept' },
  ],
  fields: [
    {
      id: 'kind',
      type: 'choice',
      labelKey: 'step.peerSupport.kind.label',
      required: false,
      expanded: true,
      options: PEER_SUPPORT_KINDS.map((value) => ({ value, labelKey: `step.peerSupport.kind.${value}` })),
    },
    { id: 'supporter', type: 'users', labelKey: 'step.peerSupport.supporter.label', required: false, multi: false },
  ],
  links: [{ labelKey: 'step.peerSupport.link.open', url: (p) => p.peerSupport.url }],
};
