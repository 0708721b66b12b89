// `ivareta ask` through a child process: the JSON-lines contract, the text answer, and `content check`.
import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../../', import.meta.url).pathname;
const BIN = `${ROOT}bin/ivareta.js`;

function run(args: string[], input?: string) {
  return spawnSync(process.execPath, [BIN, ...args], { cwd: ROOT, input, encoding: 'utf8', timeout: 60_000 });
}

describe('ivareta ask', () => {
  it('--json answers one question per line with one JSON object per line', () => {
    const questions = [
      'Can a child under 15 refuse resuscitation?',
      'What is the capital of Norway?',
      'Hva er forskjellen på psykologisk debrief og læringsdebrief?',
    ];
    const r = run(['ask', '--json'], `${questions.join('\n')}\n`);
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(3);
    const [child, capital, debrief] = lines.map((l) => JSON.parse(l));

    expect(child.answered).toBe(true);
    expect(child.sources.length).toBeGreaterThan(0);
    expect(child.sources[0]).toEqual(
      expect.objectContaining({ id: expect.any(String), title: expect.any(String), version: expect.any(String) }),
    );
    expect(`${child.sources[0].title} ${child.sources[0].id}`).toMatch(/genoplivning|resuscitat|gjenoppliv/i);

    expect(capital).toEqual({ answered: false, answer: expect.stringMatching(/verified answer/), sources: [] });

    expect(debrief.answered).toBe(true);
    expect(debrief.answer).toMatch(/læringsdebrief/i); // answered in Norwegian
  });

  it('prints the answer with its source, version and review date', () => {
    const r = run(['ask', 'Hvem kan henvise pasienter til et smertesenter?']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/Kilde: .+/);
    expect(r.stdout).toMatch(/Versjon: \d+\.\d+, gjennomgått/);
  });

  it('declines in the question’s language', () => {
    const r = run(['ask', 'Hvornår er der frokost i kantinen?']);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Jeg har ikke et kvalitetssikret svar/);
  });
});

describe('ivareta content check', () => {
  it('validates the content base and exits 0 unless there are errors', () => {
    const r = run(['content', 'check']);
    expect(r.stdout + r.stderr).toMatch(/\d+ entries, \d+ passages/);
    expect([0, 1]).toContain(r.status);
  });
});
