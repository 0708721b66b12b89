// Every step's spec by id, in pathway order.
import type { StepId } from '../../src/domain/pathway.ts';
import { ACUTE_STEPS } from './acute.ts';
import { FOLLOW_UP_STEPS } from './follow-up-phase.ts';
import type { StepSpec } from './spec.ts';

export const STEP_SPECS: Record<StepId, StepSpec> = Object.fromEntries(
  [...ACUTE_STEPS, ...FOLLOW_UP_STEPS].map((s) => [s.id, s]),
) as Record<StepId, StepSpec>;
