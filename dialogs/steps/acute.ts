// The five steps of the acute phase (akuttfase) in pathway order (DESIGN §3).
import { defusingStep } from './defusing.ts';
import { managerSupportStep } from './manager-support.ts';
import { peerSupportStep } from './peer-support.ts';
import { reportStep } from './report.ts';
import { supportStep } from './support.ts';

export const ACUTE_STEPS = [supportStep, defusingStep, managerSupportStep, reportStep, peerSupportStep] as const;
