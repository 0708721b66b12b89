// Times the store's outbox round trips with N due rows (where a dispatcher's time goes, without sends):
// `node --import tsx bench/schedule/probe-claim.ts [--pglite] [--rows 60000]`.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openStore } from '../../src/storage/open-store.ts';
import { benchCard, itemKey, recipientOf } from './plan.ts';
import { freshSchema } from './target.ts';

const { values } = parseArgs({
  options: { pglite: { type: 'boolean', default: false }, rows: { type: 'string', default: '60000' } },
});
const n = Number(values.rows);
const load = { users: n / 6, perUser: 6, rate: 1000, backlog: true };
const dir = mkdtempSync(join(tmpdir(), 'ivr-probe-'));
const db = values.pglite
  ? undefined
  : await freshSchema(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const store = await openStore({ dataDir: dir, databaseUrl: db?.url });
try {
  const now = Date.now();
  for (let s = 0; s < n; s += 5000) {
    const msgs = [];
    for (let i = s; i < Math.min(n, s + 5000); i++) {
      const dueAt = new Date(now - 60_000 + (i / n) * 60_000);
      msgs.push({
        idempotencyKey: itemKey(i),
        kind: 'k',
        recipient: recipientOf(load, i),
        card: benchCard,
        dueAt,
        incidentId: null,
      });
    }
    await store.enqueue(msgs);
  }
  const time = async (label: string, runs: number, fn: () => Promise<unknown>) => {
    const t = performance.now();
    for (let r = 0; r < runs; r++) await fn();
    process.stdout.write(`${label}: ${((performance.now() - t) / runs).toFixed(1)} ms\n`);
  };
  for (const [limit, spacing] of [
    [20, 1000],
    [100, 1000],
    [20, 0],
    [100, 0],
  ] as const) {
    await time(`claimDue limit ${limit} spacing ${spacing}`, 10, () =>
      store.claimDue(new Date(), `w${limit}-${spacing}`, 120_000, limit, spacing),
    );
  }
  const rows = await store.claimDue(new Date(), 'w', 120_000, 50, 1000);
  let k = 0;
  await time('beginSend', rows.length, () => store.beginSend(rows[k++]!.id, 'w', new Date()));
  k = 0;
  await time('markSent', rows.length, () => store.markSent(rows[k++]!.id, 'w', 'm', new Date()));
  await time('nextDue', 10, () => store.nextDue());
} finally {
  await store.close();
  await db?.drop();
  rmSync(dir, { recursive: true, force: true });
}
