// The Store contract on PGlite, in a fresh temporary data directory (one instance for the file).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../src/storage/open-store.ts';
import { describeStoreContract } from './store.contract.ts';

describeStoreContract(
  'PGlite',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ivr-store-'));
    const store = await openStore({ dataDir: dir });
    return {
      store,
      async close() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { exclusive: true },
);
