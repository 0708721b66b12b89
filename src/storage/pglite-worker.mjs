// The worker thread side of PgliteWorkerDb (pglite-worker-db.ts): owns the PGlite instance, so opening
// it (WebAssembly and the data directory, most of a start-up) runs beside the main thread's module
// loading. Plain JavaScript, so the same file runs from the sources (tests, tsx) and from dist/.
// Requests: { id, op: 'query' | 'exec' | 'close', sql?, params? }; replies: { id, ok, rows? | error }.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';

const port = parentPort;
if (!port) throw new Error('pglite-worker runs as a worker thread');

const failure = (id, e) => ({ id, ok: false, error: { message: e.message, code: e.code, name: e.name } });

// workerData.settings: PGLITE_SETTINGS of pglite-db.ts (this file is not compiled, so it is passed in).
const ready = PGlite.create(workerData.dir, {
  startParams: [...PGlite.defaultStartParams, ...workerData.settings],
});
ready.then(
  () => port.postMessage({ id: 0, ok: true }),
  (e) => port.postMessage(failure(0, e)),
);

port.on('message', async (req) => {
  try {
    const pg = await ready;
    if (req.op === 'query') {
      const result = await pg.query(req.sql, req.params);
      port.postMessage({ id: req.id, ok: true, rows: result.rows });
    } else if (req.op === 'exec') {
      await pg.exec(req.sql);
      port.postMessage({ id: req.id, ok: true });
    } else {
      await pg.close();
      port.postMessage({ id: req.id, ok: true });
    }
  } catch (e) {
    port.postMessage(failure(req.id, e));
  }
});
