// A pathway step described once: its guidance, its inputs and who may change it. The engine
// (dialogs/steps/render.ts) adds the heading, the status, the owner and deadline, the state choice
// and the save button, and renders it to the neutral card; src/app/steps.ts saves it.
import type { PathwayConfig } from '../../src/config/pathway-config.ts';
import type { StepId } from '../../src/domain/pathway.ts';
import type { ParticipantRole } from '../../src/ports/store.ts';
import type { FieldSpec } from '../form.ts';

/** Guidance shown above the inputs, by i18n key. */
export type GuideBlock =
  | { kind: 'heading'; key: string }
  | { kind: 'text'; key: string; tone?: 'muted' | 'attention' | 'good' }
  | { kind: 'list'; keys: string[] };

/** A link button; `url` reads the organisation's configuration (none: the button is left out). */
export interface StepLink {
  labelKey: string;
  url: (pathway: PathwayConfig, country: 'NO' | 'SE' | 'DK') => string | undefined;
}

export interface StepSpec {
  id: StepId;
  /** i18n keys: the full title, and a short one (at most 24 characters: Slack's modal title). */
  titleKey: string;
  shortKey: string;
  /** One line on what the step is for, shown in lists and on the case card. */
  summaryKey: string;
  guide: GuideBlock[];
  /** The step's inputs. Ids `state`, `incidentId`, `step`, `v` are the engine's. Free text is privacy-checked. */
  fields: FieldSpec[];
  links?: StepLink[];
  /** Who may change the step; absent: everyone who has access to the incident. */
  editors?: ParticipantRole[];
  /** Where the guidance comes from (i18n key of the citation). */
  sourceKey: string;
  /** Extra buttons under the form, e.g. the apology checker; they get `incidentId` and `step` as data. */
  extraActions?: { id: string; labelKey: string }[];
}
