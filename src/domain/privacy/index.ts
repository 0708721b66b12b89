// Public API of the privacy detector.
export { containsSensitive, detectSensitive } from './detect.ts';
export type { Country, Finding, IdType } from './types.ts';
