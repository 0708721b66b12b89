// The pathway as the organisation runs it: which steps, who owns each, how soon it is due, and the
// links the steps point to. Defaults follow the national guide (seed 000, DESIGN §3): the acute
// steps within the first day or two, the learning debrief within two weeks.
import { Duration } from 'luxon';
import { z } from 'zod';
import { OWNER_ROLES, STEP_IDS, type StepId } from '../domain/pathway.ts';

const isoDuration = z.string().refine(
  (v) => {
    const d = Duration.fromISO(v);
    return d.isValid && d.toMillis() > 0;
  },
  { message: 'not a positive ISO 8601 duration, e.g. PT4H, P1D or P14D' },
);

const url = z
  .string()
  .url()
  .refine((u) => /^https?:\/\//.test(u), { message: 'must be an http(s) URL' });

const stepConfig = z
  .object({
    /** Off: the step is not offered, not shown on the case card and never due. */
    enabled: z.boolean().default(true),
    /** Who answers for the step; falls back to the manager when the incident has nobody in that role. */
    owner: z.enum(OWNER_ROLES),
    /** Time from registration to the deadline, ISO 8601 (PT4H, P1D, P14D). */
    due: isoDuration,
  })
  .strict();
export type StepConfig = z.infer<typeof stepConfig>;

const DEFAULT_STEPS: Record<StepId, StepConfig> = {
  support: { enabled: true, owner: 'manager', due: 'PT4H' },
  defusing: { enabled: true, owner: 'manager', due: 'PT12H' },
  managerSupport: { enabled: true, owner: 'manager', due: 'P1D' },
  report: { enabled: true, owner: 'reporter', due: 'P1D' },
  peerSupport: { enabled: true, owner: 'manager', due: 'P2D' },
  followUp: { enabled: true, owner: 'manager', due: 'P7D' },
  debrief: { enabled: true, owner: 'manager', due: 'P14D' },
  apology: { enabled: true, owner: 'manager', due: 'P3D' },
  watchfulWaiting: { enabled: true, owner: 'manager', due: 'P30D' },
};

const stepsSchema = z
  .object(
    Object.fromEntries(
      STEP_IDS.map((id) => [
        id,
        stepConfig
          .partial()
          .strict()
          .default({})
          .transform((v) => ({ ...DEFAULT_STEPS[id], ...v })),
      ]),
    ) as unknown as Record<StepId, z.ZodType<StepConfig, z.ZodTypeDef, unknown>>,
  )
  .strict()
  .default({});

export const pathwaySchema = z
  .object({
    steps: stepsSchema,
    /** The organisation's own incident reporting system (step 4 links to it; the bot does not replace it). */
    reporting: z
      .object({ name: z.string().min(1).max(80).optional(), url: url.optional() })
      .strict()
      .default({}),
    /** Where patients and relatives get free help (step 9); a national default per country when unset. */
    patientHelp: z
      .object({ name: z.string().min(1).max(80).optional(), url: url.optional() })
      .strict()
      .default({}),
    /** The organisation's peer-support scheme or resource group (step 5), if it has a page. */
    peerSupport: z.object({ url: url.optional() }).strict().default({}),
  })
  .strict()
  .default({});

export type PathwayConfig = z.infer<typeof pathwaySchema>;
