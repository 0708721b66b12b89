// Shared by the in-process driver (pglite-db.ts) and the worker (pglite-worker.mjs, through pglite-worker-db.ts).

/**
 * PostgreSQL settings for the embedded database. A 16 MB buffer pool instead of the default 128 MB:
 * one organisation's data is small, the OS caches the files anyway, and zeroing 128 MB at every start
 * took half of PGlite's opening time (about 0.5 s of 1.1 s here).
 */
export const PGLITE_SETTINGS = ['-c', 'shared_buffers=16MB'];
