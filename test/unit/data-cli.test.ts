// `ivareta data export|erase` through main() with captured output, on an embedded database in a
// temporary DATA_DIR: the JSON export, the confirmation (exit 2 without --yes), the erasure, and a
// clear refusal while another process (the bot) holds the data directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { openStore } from '../../src/storage/open-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'ivr-data-cli-'));
const NOW = new Date('2026-11-27T10:00:00Z');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('ivareta data', () => {
  beforeAll(async () => {
    vi.stubEnv('DATA_DIR', dir);
    vi.stubEnv('DATABASE_URL', '');
    const store = await openStore({ dataDir: dir, inProcess: true });
    const inc = await store.createIncident(
      {
        channel: 'slack',
        tenantId: 'T1',
        reporterId: 'U-REP',
        summary: 'Fall på avdelingen',
        category: 'fall',
        occurredAt: NOW,
        createdAt: NOW,
      },
      [
        { userId: 'U-REP', role: 'reporter' },
        { userId: 'U-INV', role: 'involved' },
      ],
    );
    for (const u of ['U-REP', 'U-INV']) {
      await store.upsertUser({ channel: 'slack', userId: u, displayName: u }, NOW);
      const { checkins } = await store.createFollowupPlan(
        { incidentId: inc.id, channel: 'slack', userId: u, createdAt: NOW },
        [NOW],
      );
      await store.answerCheckin(checkins[0]!.id, { score: u === 'U-INV' ? 1 : 5 }, NOW);
    }
    await store.close();
  }, 120_000);
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it('exports one person as JSON, without the other participant’s answers', async () => {
    const r = await run('data', 'export', '--user', 'U-INV', '--channel', 'slack');
    expect(r.code, r.err).toBe(0);
    const data = JSON.parse(r.out);
    expect(data.userId).toBe('U-INV');
    expect(data.channels).toHaveLength(1);
    expect(data.channels[0].incidents[0]).toMatchObject({ roles: ['involved'], summary: 'Fall på avdelingen' });
    expect(data.channels[0].checkins.map((c: { score: number }) => c.score)).toEqual([1]);
    expect(r.out).not.toContain('U-REP');
  }, 60_000);

  it('asks for --yes before erasing (exit 2) and changes nothing', async () => {
    const r = await run('data', 'erase', '--user', 'U-INV');
    expect(r.code).toBe(2);
    expect(r.out).toMatch(/Would erase[\s\S]*checkins: 1[\s\S]*--yes/);
    const again = await run('data', 'export', '--user', 'U-INV');
    expect(JSON.parse(again.out).channels).toHaveLength(1);
  }, 60_000);

  it('erases with --yes and records the erasure', async () => {
    const r = await run('data', 'erase', '--user', 'U-INV', '--yes');
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Erased on slack[\s\S]*users: 1[\s\S]*audit log/);
    const after = await run('data', 'export', '--user', 'U-INV');
    expect(JSON.parse(after.out).channels).toEqual([]);
    const other = JSON.parse((await run('data', 'export', '--user', 'U-REP')).out);
    expect(other.channels[0].checkins[0].score).toBe(5);
    const store = await openStore({ dataDir: dir, inProcess: true });
    try {
      const rows = await store.db.query<{ actor_id: string }>("SELECT actor_id FROM audit WHERE action = 'data.erase'");
      expect(rows).toEqual([{ actor_id: 'cli' }]);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('refuses clearly while the bot holds DATA_DIR', async () => {
    const store = await openStore({ dataDir: dir, inProcess: true });
    try {
      const r = await run('data', 'export', '--user', 'U-REP');
      expect(r.code).toBe(1);
      expect(r.err).toMatch(/Stop the bot first/);
    } finally {
      await store.close();
    }
  }, 60_000);

  it('explains its usage on a missing --user or a bad channel', async () => {
    expect((await run('data', 'export')).code).toBe(2);
    expect((await run('data', 'export', '--user', 'x', '--channel', 'email')).err).toMatch(/teams or slack/);
    expect((await run('help')).out).toMatch(/data export --user ID/);
  });
});
