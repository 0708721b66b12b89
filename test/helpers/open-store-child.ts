// Run as `node --import tsx test/helpers/open-store-child.ts <dataDir>`: opens the embedded store on
// <dataDir> as a second process would, prints one JSON line, and exits without closing the store
// (so the lock must be released by the exit hook). Used by test/contract/pglite-lock.test.ts.
import { openStore } from '../../src/storage/open-store.ts';

const dataDir = process.argv[2];
if (!dataDir) {
  console.error('usage: open-store-child.ts <dataDir>');
  process.exit(2);
}
try {
  const store = await openStore({ dataDir });
  await store.ping();
  process.stdout.write(`${JSON.stringify({ ok: true, pid: process.pid })}\n`);
  process.exit(0);
} catch (e) {
  const err = e as Error & { code?: string };
  process.stdout.write(`${JSON.stringify({ ok: false, code: err.code, message: err.message })}\n`);
  process.exit(1);
}
