// The organisation's `security` section: per-user rate limit and the tenant/workspace allow-lists.
// The default limit is a guard against runaway clients and floods, well above what a person clicks.
import { z } from 'zod';

const ids = z.array(z.string().trim().min(1)).default([]);

export const securitySchema = z
  .object({
    rateLimit: z
      .object({
        /** Sustained turns per minute per user and channel (the bucket's refill rate). */
        perMinute: z.number().int().min(1).max(6000).default(60).describe('Turns per minute a user may take'),
        /** Turns a user may take at once before the refill rate applies (the bucket's size). */
        burst: z.number().int().min(1).max(1000).default(30).describe('Turns a user may take in a quick burst'),
      })
      .strict()
      .default({}),
    allowedTenants: ids.describe('Microsoft Entra tenant ids whose Teams events are served; empty: all'),
    allowedWorkspaces: ids.describe('Slack team (or Enterprise Grid) ids whose events are served; empty: all'),
  })
  .strict()
  .default({});

export type SecurityConfig = z.infer<typeof securitySchema>;
