// docs/deploy.md's configuration reference is generated from orgConfigSchema (`npm run docs:config`);
// this fails when the schema changed and the section was not regenerated.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { BEGIN, configRows, configTable, DOC, END, regenerate } from '../../scripts/config-reference.ts';

describe('configuration reference', () => {
  it('is up to date in docs/deploy.md (run `npm run docs:config` when this fails)', () => {
    const doc = readFileSync(DOC, 'utf8');
    expect(doc).toContain(BEGIN);
    expect(doc).toContain(END);
    expect(regenerate(doc)).toBe(doc);
  });

  it('lists every key with its type and the default the loader applies', () => {
    const rows = Object.fromEntries(configRows().map((r) => [r.path, r]));
    expect(rows.country).toMatchObject({ type: '`NO` \\| `SE` \\| `DK`', default: '`"NO"`' });
    // Defaults that a transform fills in (the steps) come from parsing an empty config.
    expect(rows['pathway.steps.debrief.due']?.default).toBe('`"P14D"`');
    expect(rows['followup.offsets']?.type).toBe('list of string');
    expect(rows['escalation.ladders[].levels[].respondWithin.workingDays']?.type).toBe('integer (optional)');
    expect(rows['escalation.ladders[].id']?.type).toBe('string (required)');
    expect(rows['escalation.ladders[].repeatTop']?.default).toBe('`2`');
  });

  it('shows a description column once a schema node has .describe(), and notices a changed schema', () => {
    const schema = z.object({ retentionDays: z.number().int().default(180).describe('Days after close') });
    const table = configTable(configRows(schema));
    const cells = table.split('\n').map((l) => l.split('|').map((c) => c.trim()));
    expect(cells[0]).toEqual(['', 'key', 'type', 'default', 'description', '']);
    expect(cells[2]).toEqual(['', '`retentionDays`', 'integer', '`180`', 'Days after close', '']);
    expect(table).not.toBe(configTable());
  });
});
