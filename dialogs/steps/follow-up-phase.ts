// The four steps of the follow-up phase (oppfølgingsfase, DESIGN §3 steps 6–9), in pathway order.
import { apologyStep } from './apology.ts';
import { debriefStep } from './debrief.ts';
import { followUpStep } from './follow-up.ts';
import { watchfulWaitingStep } from './watchful-waiting.ts';

export const FOLLOW_UP_STEPS = [followUpStep, debriefStep, apologyStep, watchfulWaitingStep] as const;
