// Db over PGlite in a worker thread. Opening PGlite is CPU work (compiling its WebAssembly, starting
// PostgreSQL on the data directory) that would otherwise block the main thread for most of a
// start-up; in a worker it runs while the main thread loads the rest of the app. PGlite has one
// session, so a transaction holds it: other queries wait in line until it commits or rolls back.
import { Worker } from 'node:worker_threads';
import { DB_GONE } from '../ports/store-errors.ts';
import { type Db, withSavepoint } from './db.ts';
import { PGLITE_SETTINGS } from './pglite-settings.ts';

type Request = { id: number } & Op;
type Response =
  | { id: number; ok: true; rows?: unknown[] }
  | { id: number; ok: false; error: { message: string; code?: string; name?: string } };

type Pending = { resolve: (rows: unknown[]) => void; reject: (e: Error) => void };
type Op = { op: 'query'; sql: string; params?: unknown[] } | { op: 'exec'; sql: string } | { op: 'close' };

const WORKER = new URL('./pglite-worker.mjs', import.meta.url);

class WorkerTxDb implements Db {
  readonly dialect = 'pglite' as const;
  constructor(
    private readonly send: (op: Op) => Promise<unknown[]>,
    private readonly depth: number,
  ) {}

  async query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return (await this.send({ op: 'query', sql, params: params ? [...params] : undefined })) as T[];
  }

  async exec(sql: string): Promise<void> {
    await this.send({ op: 'exec', sql });
  }

  transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    const inner = new WorkerTxDb(this.send, this.depth + 1);
    return withSavepoint(this, this.depth + 1, () => fn(inner));
  }

  async close(): Promise<void> {}
}

export class PgliteWorkerDb implements Db {
  readonly dialect = 'pglite' as const;
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  /** The end of the line: each query or transaction waits for the one before it. */
  private line: Promise<unknown> = Promise.resolve();
  private closing: Promise<void> | null = null;
  /** Set once the worker stopped (closed, or died): every call fails at once rather than wait forever. */
  private gone: Error | null = null;

  private constructor(
    private readonly worker: Worker,
    private readonly onClose: () => void,
  ) {
    worker.on('message', (res: Response) => {
      const p = this.pending.get(res.id);
      if (!p) return;
      this.pending.delete(res.id);
      if (res.ok) p.resolve(res.rows ?? []);
      else p.reject(Object.assign(new Error(res.error.message), { code: res.error.code, name: res.error.name }));
    });
    worker.on('error', (e) => this.failAll(e));
    worker.on('exit', () => {
      this.gone = Object.assign(new Error('the database worker stopped'), { code: DB_GONE });
      this.failAll(this.gone);
    });
  }

  /** Starts the worker and waits until PGlite is open on `dir`; `onClose` runs once it is closed. */
  static async open(dir: string, onClose: () => void = () => {}): Promise<PgliteWorkerDb> {
    const worker = new Worker(WORKER, { workerData: { dir, settings: PGLITE_SETTINGS } });
    const db = new PgliteWorkerDb(worker, onClose);
    try {
      await db.call(0);
    } catch (e) {
      await worker.terminate();
      onClose();
      throw e;
    }
    return db;
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }

  /** Waits for reply `id` (0: the worker's "open"). */
  private call(id: number, req?: Request): Promise<unknown[]> {
    return new Promise<unknown[]>((resolve, reject) => {
      if (this.gone) return reject(this.gone);
      this.pending.set(id, { resolve, reject });
      if (req) this.worker.postMessage(req);
    });
  }

  private send = (op: Op): Promise<unknown[]> => {
    const id = this.nextId++;
    return this.call(id, { id, ...op } as Request);
  };

  /** Runs `work` once everything queued before it has finished. */
  private inLine<T>(work: () => Promise<T>): Promise<T> {
    const run = this.line.then(work, work);
    this.line = run.catch(() => undefined);
    return run;
  }

  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]> {
    return this.inLine(() => this.send({ op: 'query', sql, params: params ? [...params] : undefined })) as Promise<T[]>;
  }

  exec(sql: string): Promise<void> {
    return this.inLine(async () => {
      await this.send({ op: 'exec', sql });
    });
  }

  transaction<T>(fn: (db: Db) => Promise<T>): Promise<T> {
    return this.inLine(async () => {
      await this.send({ op: 'exec', sql: 'BEGIN' });
      try {
        const result = await fn(new WorkerTxDb(this.send, 0));
        await this.send({ op: 'exec', sql: 'COMMIT' });
        return result;
      } catch (e) {
        await this.send({ op: 'exec', sql: 'ROLLBACK' }).catch(() => undefined);
        throw e;
      }
    });
  }

  close(): Promise<void> {
    this.closing ??= this.inLine(async () => {
      try {
        // A worker that already died has nothing left to close.
        if (!this.gone) await this.send({ op: 'close' });
        await this.worker.terminate();
      } finally {
        this.onClose();
      }
    });
    return this.closing;
  }
}
