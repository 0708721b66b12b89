// `ivareta outbox dead` through main() on an embedded database in a temporary DATA_DIR: what an admin
// sees of the messages given up on (kind, recipient, reason, when), never their content.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { openStore } from '../../src/storage/open-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'ivr-outbox-cli-'));
const T0 = new Date('2026-11-27T10:00:00Z');

async function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { out: (s) => out.push(s), err: (s) => err.push(s) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('ivareta outbox dead', () => {
  beforeAll(async () => {
    vi.stubEnv('DATA_DIR', dir);
    vi.stubEnv('DATABASE_URL', '');
    const store = await openStore({ dataDir: dir, inProcess: true });
    const card = { id: 'checkin', fallbackText: 'Hvordan har du det, Anna?', body: [] };
    await store.enqueue([
      {
        idempotencyKey: 'k-dead',
        kind: 'checkin',
        recipient: { channel: 'slack', userId: 'U-GONE' },
        card,
        dueAt: T0,
        incidentId: null,
      },
      {
        idempotencyKey: 'k-ok',
        kind: 'checkin',
        recipient: { channel: 'slack', userId: 'U-OK' },
        card,
        dueAt: T0,
        incidentId: null,
      },
    ]);
    const rows = await store.claimDue(T0, 'w1', 60_000, 10);
    const dead = rows.find((r) => r.idempotencyKey === 'k-dead')!;
    await store.markDead(dead.id, 'w1', 'permanent: slack: user_not_found', new Date('2026-11-27T10:01:00Z'));
    await store.close();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists each message given up on with its reason, and nothing of its content', async () => {
    const { code, out } = await run('outbox', 'dead');
    expect(code).toBe(0);
    expect(out).toContain('checkin  slack:U-GONE  after 1 attempt(s): permanent: slack: user_not_found');
    expect(out).toContain('2026-11-27T10:01:00.000Z');
    expect(out).not.toContain('U-OK');
    expect(out).not.toContain('Anna');
  });

  it('prints one JSON object per line with --json', async () => {
    const { code, out } = await run('outbox', 'dead', '--json');
    expect(code).toBe(0);
    const lines = out
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      expect.objectContaining({
        kind: 'checkin',
        channel: 'slack',
        userId: 'U-GONE',
        attempts: 1,
        reason: 'permanent: slack: user_not_found',
      }),
    ]);
  });

  it('answers a wrong call with the usage and exit 2', async () => {
    expect((await run('outbox', 'alive')).code).toBe(2);
    expect((await run('outbox', 'dead', '--limit', '0')).code).toBe(2);
  });
});
