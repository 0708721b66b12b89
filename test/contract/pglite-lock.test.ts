// One process per PGlite data directory: a second process is refused while the first holds the
// directory, and a lock left by a process that is gone is taken over.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/storage/open-store.ts';
import { acquireDataDirLock, DATA_DIR_LOCKED, LOCK_FILE } from '../../src/storage/pglite-lock.ts';

const CHILD = new URL('../helpers/open-store-child.ts', import.meta.url).pathname;

interface ChildResult {
  status: number | null;
  out: { ok: boolean; pid?: number; code?: string; message?: string };
}

/** Opens the store on `dir` in another Node process. */
function openInChild(dir: string): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (status) => {
      const line = stdout.trim().split('\n').pop() ?? '';
      try {
        resolve({ status, out: JSON.parse(line) });
      } catch {
        reject(new Error(`child printed no result (status ${status}): ${stdout}\n${stderr}`));
      }
    });
  });
}

/** The pid of a process that has exited. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  return pid!;
}

describe('PGlite data directory lock', () => {
  let dir: string;
  let lockPath: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'ivr-lock-'));
    lockPath = join(dir, LOCK_FILE);
  });
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a second process while the first holds the directory, and frees it on close', {
    timeout: 60_000,
  }, async () => {
    const store = await openStore({ dataDir: dir });
    try {
      expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid });
      const { status, out } = await openInChild(dir);
      expect(status).toBe(1);
      expect(out.code).toBe(DATA_DIR_LOCKED);
      expect(out.message).toContain(dir);
      expect(out.message).toContain(`pid ${process.pid}`);
      expect(out.message).toContain('DATABASE_URL');
      // A second open in the same process is refused too.
      await expect(openStore({ dataDir: dir })).rejects.toMatchObject({ code: DATA_DIR_LOCKED });
    } finally {
      await store.close();
    }
    expect(existsSync(lockPath)).toBe(false);
  });

  it('takes over a lock whose process is gone, and releases it when that process exits', {
    timeout: 60_000,
  }, async () => {
    const stale = { pid: deadPid(), startedAt: '2026-01-01T00:00:00.000Z', host: hostname() };
    writeFileSync(lockPath, JSON.stringify(stale));
    const { status, out } = await openInChild(dir);
    expect(out).toMatchObject({ ok: true });
    expect(status).toBe(0);
    expect(existsSync(lockPath)).toBe(false);

    // The same in this process, on the directory the child left without closing its database.
    writeFileSync(lockPath, JSON.stringify(stale));
    const store = await openStore({ dataDir: dir });
    try {
      expect(JSON.parse(readFileSync(lockPath, 'utf8'))).toMatchObject({ pid: process.pid });
      await store.ping();
    } finally {
      await store.close();
    }
  });

  describe('staleness without PGlite', () => {
    const fresh = () => mkdtempSync(join(tmpdir(), 'ivr-lockonly-'));

    it.skipIf(process.platform !== 'linux')(
      'takes over a live pid that belongs to another process than the one that locked',
      () => {
        const d = fresh();
        writeFileSync(join(d, LOCK_FILE), JSON.stringify({ pid: process.ppid, startTicks: 1, host: hostname() }));
        const lock = acquireDataDirLock(d);
        lock.release();
        expect(existsSync(join(d, LOCK_FILE))).toBe(false);
        rmSync(d, { recursive: true });
      },
    );

    it('trusts a lock from another host while it is touched, and takes it over when it is not', () => {
      const d = fresh();
      const path = join(d, LOCK_FILE);
      writeFileSync(path, JSON.stringify({ pid: 1, host: 'other-host', startedAt: 'x' }));
      expect(() => acquireDataDirLock(d)).toThrow(expect.objectContaining({ code: DATA_DIR_LOCKED }));
      const old = new Date(Date.now() - 10 * 60_000);
      utimesSync(path, old, old);
      acquireDataDirLock(d).release();
      rmSync(d, { recursive: true });
    });

    it('refuses when the lock file is being written, but not once it is old and unreadable', () => {
      const d = fresh();
      const path = join(d, LOCK_FILE);
      writeFileSync(path, '');
      expect(() => acquireDataDirLock(d)).toThrow(expect.objectContaining({ code: DATA_DIR_LOCKED }));
      const old = new Date(Date.now() - 60_000);
      utimesSync(path, old, old);
      acquireDataDirLock(d).release();
      rmSync(d, { recursive: true });
    });
  });
});
