// How long personal data of a closed incident is kept (issue 9, GDPR): after `closedIncidentDays`
// the scheduled job deletes the incident (`delete`: it and everything hanging off it), or anonymises
// it (`anonymise`: category, dates and step states stay for statistics; texts, answers and ids go).
import { z } from 'zod';

export const retentionSchema = z
  .object({
    closedIncidentDays: z.number().int().min(1).max(3650).default(180),
    mode: z.enum(['delete', 'anonymise']).default('anonymise'),
  })
  .strict()
  .default({});

export type RetentionConfig = z.infer<typeof retentionSchema>;
