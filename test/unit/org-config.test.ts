// The organisation config: defaults from the guide, the example file valid, and errors that name
// the bad field, as `npx ivareta config check FILE` prints them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main as run } from '../../src/cli/main.ts';
import { defaultOrgConfig, loadOrgConfig } from '../../src/config/org-config.ts';
import { STEP_IDS } from '../../src/domain/pathway.ts';

const dir = mkdtempSync(join(tmpdir(), 'ivr-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

async function check(path: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await run(['config', 'check', path], { out: (s) => (out += s), err: (s) => (err += s) });
  return { code, out, err };
}

describe('organisation config', () => {
  it('has every step enabled by default, with an owner and a deadline', () => {
    for (const id of STEP_IDS) {
      expect(defaultOrgConfig.pathway.steps[id]).toMatchObject({ enabled: true });
      expect(defaultOrgConfig.pathway.steps[id].due).toMatch(/^P/);
    }
    expect(defaultOrgConfig.pathway.steps.report.owner).toBe('reporter');
  });

  it('keeps the defaults for what a file leaves out of a step', () => {
    const config = loadOrgConfig(file('partial.yaml', 'pathway:\n  steps:\n    debrief: { due: P10D }\n'));
    expect(config.pathway.steps.debrief).toEqual({ enabled: true, owner: 'manager', due: 'P10D' });
    expect(config.pathway.steps.report.due).toBe('P1D');
  });

  it('accepts the shipped example', async () => {
    const r = await check('config/examples/hospital-no.yaml');
    expect(r).toMatchObject({ code: 0, err: '' });
    expect(loadOrgConfig('config/examples/hospital-no.yaml').pathway.reporting.url).toMatch(/^https:/);
  });

  it.each([
    ['a negative deadline', 'pathway:\n  steps:\n    debrief: { due: -P1D }\n', 'pathway.steps.debrief.due'],
    [
      'a deadline that is not a duration',
      'pathway:\n  steps:\n    report: { due: tomorrow }\n',
      'pathway.steps.report.due',
    ],
    ['an unknown owner role', 'pathway:\n  steps:\n    support: { owner: director }\n', 'pathway.steps.support.owner'],
    ['an unknown step', 'pathway:\n  steps:\n    coffee: { due: PT1H }\n', 'pathway.steps'],
    ['a link that is not http(s)', 'pathway:\n  reporting: { url: "ftp://x.example" }\n', 'pathway.reporting.url'],
  ])('refuses %s, naming the field', async (_what, yaml, path) => {
    const r = await check(file(`bad-${path}.yaml`, yaml));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`${path}:`);
  });
});
