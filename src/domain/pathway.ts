// The post-incident pathway of the Norwegian national guide (DESIGN §3, seed 000): nine steps in two
// phases. Which steps an organisation uses, who owns them and their deadlines are configuration
// (src/config/pathway-config.ts); this module knows only the steps and their states.

export const STEP_IDS = [
  'support',
  'defusing',
  'managerSupport',
  'report',
  'peerSupport',
  'followUp',
  'debrief',
  'apology',
  'watchfulWaiting',
] as const;
export type StepId = (typeof STEP_IDS)[number];

export const STEP_STATES = ['not_started', 'in_progress', 'done', 'not_relevant'] as const;
export type StepState = (typeof STEP_STATES)[number];

/** Roles a step can be owned by; resolved to a person through the incident's participants. */
export const OWNER_ROLES = ['manager', 'reporter', 'involved', 'peer'] as const;
export type OwnerRole = (typeof OWNER_ROLES)[number];

export const PHASE: Record<StepId, 'acute' | 'followUp'> = {
  support: 'acute',
  defusing: 'acute',
  managerSupport: 'acute',
  report: 'acute',
  peerSupport: 'acute',
  followUp: 'followUp',
  debrief: 'followUp',
  apology: 'followUp',
  watchfulWaiting: 'followUp',
};

export const CLOSE_REASONS = ['completed', 'noFollowUpNeeded', 'duplicate', 'registeredInError', 'other'] as const;
export type CloseReason = (typeof CLOSE_REASONS)[number];

export function isStepId(v: unknown): v is StepId {
  return typeof v === 'string' && (STEP_IDS as readonly string[]).includes(v);
}

/** A step that needs nothing more: done, or judged not relevant for this incident. */
export function isSettled(state: StepState): boolean {
  return state === 'done' || state === 'not_relevant';
}

/** The first step in pathway order that is not settled, or null when all are. */
export function nextStep<T extends { step: StepId; state: StepState }>(steps: readonly T[]): T | null {
  const order = (s: T) => STEP_IDS.indexOf(s.step);
  return [...steps].sort((a, b) => order(a) - order(b)).find((s) => !isSettled(s.state)) ?? null;
}
