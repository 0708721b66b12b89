// The organisation's configuration (IVARETA_CONFIG, YAML or JSON), validated with zod.
import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { LOCALES } from '../i18n/locales.ts';
import { escalationSchema } from './escalation-config.ts';
import { followupSchema } from './followup-config.ts';
import { pathwaySchema } from './pathway-config.ts';
import { retentionSchema } from './retention-config.ts';
import { securitySchema } from './security-config.ts';

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'not an IANA time zone, e.g. Europe/Oslo' },
);

export const orgConfigSchema = z
  .object({
    name: z.string().min(1).default('Ivareta'),
    country: z.enum(['NO', 'SE', 'DK']).default('NO'),
    /** Language for users whose locale the platform does not report or we do not support. */
    defaultLocale: z.enum(LOCALES).default('en'),
    timeZone: timeZone.default('Europe/Oslo'),
    qa: z
      .object({
        /** Keep the text of questions asked (for improving the content). Off unless the organisation decides. */
        storeQuestions: z.boolean().default(false),
      })
      .strict()
      .default({}),
    pathway: pathwaySchema,
    followup: followupSchema,
    /** Reminders before a manager step's deadline and the ladder after it (docs/escalation.md). */
    escalation: escalationSchema,
    retention: retentionSchema,
    security: securitySchema,
  })
  .strict();

export type OrgConfig = z.infer<typeof orgConfigSchema>;

export const defaultOrgConfig: OrgConfig = orgConfigSchema.parse({});

export class ConfigError extends Error {
  readonly code = 'IVR_CONFIG_INVALID';
}

/** Reads and validates a config file; errors name the file and each offending field. */
export function loadOrgConfig(path: string | undefined): OrgConfig {
  if (!path) return defaultOrgConfig;
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new ConfigError(`${path}: cannot read: ${(e as Error).message}`);
  }
  const result = orgConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new ConfigError(`${path}: invalid configuration\n${lines.join('\n')}`);
  }
  return result.data;
}
