// The organisation config: defaults from the guide, the example file valid, and errors that name
// the bad field, as `npx ivareta config check FILE` prints them.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main as run } from '../../src/cli/main.ts';
import { DEFAULT_LADDER } from '../../src/config/escalation-config.ts';
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

  const examples = readdirSync('config/examples').filter((f) => /\.ya?ml$/.test(f));

  it('ships the Norwegian, Danish and Swedish examples', () => {
    expect(examples).toEqual(
      expect.arrayContaining(['hospital-no.yaml', 'hospital-dk.yaml', 'insurance-medicine-se.yaml']),
    );
  });

  it.each(examples)('accepts the shipped example %s', async (name) => {
    const path = `config/examples/${name}`;
    const r = await check(path);
    expect(r).toMatchObject({ code: 0, err: '' });
    const config = loadOrgConfig(path);
    expect(config.pathway.reporting.url).toMatch(/^https:/);
    // Each example configures its own ladder rather than falling back to the built-in one.
    expect(config.escalation.ladders[0]?.levels.length).toBeGreaterThanOrEqual(3);
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

describe('escalation config', () => {
  // A valid escalation block; each case below breaks one thing in it.
  const ROSTER = [
    'escalation:',
    '  roster:',
    '    department-head: [{ name: Kari, slack: U0123ABC }]',
    '  channels:',
    '    forum: { slack: { channel: C0123ABC } }',
    '  ladders:',
  ].join('\n');
  const LADDER = [
    '    - id: default',
    '      levels:',
    '        - { to: { role: manager }, respondWithin: { hours: 4 } }',
    '        - { to: { role: department-head }, respondWithin: { workingDays: 1 } }',
    '        - { to: { channel: forum }, respondWithin: { workingDays: 2 } }',
  ].join('\n');
  const valid = `${ROSTER}\n${LADDER}\n`;
  const withLadder = (ladder: string) => `${ROSTER}\n${LADDER}\n${ladder}\n`;
  const alone = (ladder: string) => `${ROSTER}\n${ladder}\n`;
  const oneLevel = (level: string) => alone(`    - id: default\n      levels:\n        - ${level}`);

  it('defaults to reminders on and the built-in ladder: the nearest manager, repeated', () => {
    expect(defaultOrgConfig.escalation.reminders).toEqual({ halfTime: true, dueMorning: true });
    expect(defaultOrgConfig.escalation.ladders).toEqual([DEFAULT_LADDER]);
    expect(DEFAULT_LADDER.levels.map((l) => l.to)).toEqual([{ kind: 'role', role: 'manager' }]);
  });

  it('normalises levels into tagged targets and response times', () => {
    const yaml = withLadder(
      [
        '    - id: falls',
        '      categories: [fall]',
        '      repeatTop: 0',
        '      levels:',
        '        - { to: { person: { name: Per, teams: aad-1 } }, respondWithin: { hours: 1.5 } }',
      ].join('\n'),
    );
    const { escalation } = loadOrgConfig(file('good.yaml', yaml));
    expect(escalation.ladders[0]?.levels.map((l) => [l.to, l.respondWithin])).toEqual([
      [
        { kind: 'role', role: 'manager' },
        { kind: 'hours', hours: 4 },
      ],
      [
        { kind: 'role', role: 'department-head' },
        { kind: 'workingDays', workingDays: 1 },
      ],
      [
        { kind: 'channel', name: 'forum' },
        { kind: 'workingDays', workingDays: 2 },
      ],
    ]);
    expect(escalation.ladders[0]).toMatchObject({ categories: [], repeatTop: 2 });
    expect(escalation.ladders[1]).toMatchObject({
      categories: ['fall'],
      repeatTop: 0,
      levels: [{ to: { kind: 'person', name: 'Per', teams: 'aad-1' }, respondWithin: { kind: 'hours', hours: 1.5 } }],
    });
  });

  it('keeps the built-in ladder when a file sets only a roster', () => {
    const yaml = 'escalation:\n  roster:\n    department-head: [{ name: Kari, slack: U0123ABC }]\n';
    expect(loadOrgConfig(file('roster-only.yaml', yaml)).escalation.ladders).toEqual([DEFAULT_LADDER]);
  });

  const L = 'escalation.ladders.0.levels';
  it.each([
    [
      'a ladder with no levels',
      alone('    - id: default\n      levels: []'),
      `escalation.ladders.0.levels: a ladder needs at least one level`,
    ],
    [
      'an unknown role',
      withLadder(
        '    - id: x\n      categories: [fall]\n      levels:\n        - { to: { role: manager }, respondWithin: { hours: 1 } }\n        - { to: { role: boss }, respondWithin: { hours: 1 } }',
      ),
      'escalation.ladders.1.levels.1.to.role: unknown role "boss": not manager/owner and not in escalation.roster',
    ],
    [
      'an unknown channel',
      oneLevel('{ to: { channel: nowhere }, respondWithin: { hours: 1 } }'),
      `${L}.0.to.channel: unknown channel "nowhere": not in escalation.channels`,
    ],
    [
      'a negative response time',
      oneLevel('{ to: { role: manager }, respondWithin: { hours: -2 } }'),
      `${L}.0.respondWithin.hours: must be more than 0`,
    ],
    [
      'a zero response time',
      oneLevel('{ to: { role: manager }, respondWithin: { workingDays: 0 } }'),
      `${L}.0.respondWithin.workingDays: must be more than 0`,
    ],
    [
      'both hours and working days',
      oneLevel('{ to: { role: manager }, respondWithin: { hours: 4, workingDays: 1 } }'),
      `${L}.0.respondWithin: give either hours or workingDays`,
    ],
    [
      'no response time',
      oneLevel('{ to: { role: manager }, respondWithin: {} }'),
      `${L}.0.respondWithin: give either hours or workingDays`,
    ],
    [
      'a level with two targets',
      oneLevel('{ to: { role: manager, channel: forum }, respondWithin: { hours: 1 } }'),
      `${L}.0.to: give exactly one of role, person or channel`,
    ],
    [
      'two default ladders',
      withLadder('    - id: other\n      levels:\n        - { to: { role: manager }, respondWithin: { hours: 1 } }'),
      'escalation.ladders.1.categories: a second default ladder (no categories): escalation.ladders.0 is already the default',
    ],
    [
      'a category in two ladders',
      withLadder(
        [
          '    - id: a',
          '      categories: [fall, violence]',
          '      levels: [{ to: { role: manager }, respondWithin: { hours: 1 } }]',
          '    - id: b',
          '      categories: [violence]',
          '      levels: [{ to: { role: manager }, respondWithin: { hours: 1 } }]',
        ].join('\n'),
      ),
      'escalation.ladders.2.categories.0: category "violence" is already in escalation.ladders.1',
    ],
    [
      'an unknown category',
      withLadder(
        '    - id: a\n      categories: [coffee]\n      levels: [{ to: { role: manager }, respondWithin: { hours: 1 } }]',
      ),
      'escalation.ladders.1.categories.0: unknown incident category "coffee"',
    ],
    [
      'no default ladder',
      alone(
        '    - id: a\n      categories: [fall]\n      levels: [{ to: { role: manager }, respondWithin: { hours: 1 } }]',
      ),
      'escalation.ladders: no default ladder',
    ],
    [
      'two ladders with one id',
      withLadder(
        '    - id: default\n      categories: [fall]\n      levels: [{ to: { role: manager }, respondWithin: { hours: 1 } }]',
      ),
      'escalation.ladders.1.id: ladder id "default" is used twice',
    ],
    [
      'a roster role named like a built-in one',
      valid.replace('department-head: [', 'manager: [{ name: Ola, slack: U0999ABC }]\n    department-head: ['),
      'escalation.roster.manager: "manager" is a built-in role',
    ],
    [
      'a person nobody can reach',
      valid.replace('{ name: Kari, slack: U0123ABC }', '{ name: Kari }'),
      'escalation.roster.department-head.0: give at least one of teams',
    ],
    [
      'too many repeats',
      valid.replace('- id: default', '- id: default\n      repeatTop: 9'),
      'escalation.ladders.0.repeatTop:',
    ],
    [
      'a quiet hour that is not a time',
      valid.replace('- id: default', '- id: default\n      quietHours: { start: "25:00", end: "07:00" }'),
      'escalation.ladders.0.quietHours.start: a local time HH:mm',
    ],
  ])('refuses %s, naming the field', async (_what, yaml, expected) => {
    expect(loadOrgConfig(file('valid.yaml', valid)).escalation.ladders).toHaveLength(1); // the base is valid
    const r = await check(file(`bad-escalation-${_what.replaceAll(' ', '-')}.yaml`, yaml));
    expect(r.code).toBe(1);
    expect(r.err).toContain(`  ${expected}`);
  });
});
