// PGlite serves one process per data directory: a second process on the same directory silently
// loses writes. So the first process takes `<dataDir>/ivareta.lock` (created exclusively, holding its
// pid and start time); a second one is refused while that pid lives, and takes over a stale lock.
// A holder in another container or host (whose pids we cannot see) counts as alive while it keeps
// touching the lock file: the holder refreshes its mtime every HEARTBEAT_MS.
import { randomUUID } from 'node:crypto';
import { closeSync, openSync, readFileSync, readlinkSync, statSync, unlinkSync, utimesSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';

export const DATA_DIR_LOCKED = 'IVR_DATA_DIR_LOCKED';
export const LOCK_FILE = 'ivareta.lock';

interface LockInfo {
  pid: number;
  /** When the locking process started (ISO), to tell a reused pid from the original. */
  startedAt: string;
  /** Linux: start time in clock ticks since boot (/proc/<pid>/stat), which tells a reused pid exactly. */
  startTicks?: number;
  lockedAt: string;
  host?: string;
  /** Linux: the pid namespace (/proc/self/ns/pid), so pids are only compared within one container. */
  pidNs?: string;
  /** Distinguishes this lock from a later one by the same pid. */
  token: string;
}

export class DataDirLockedError extends Error {
  readonly code = DATA_DIR_LOCKED;
  constructor(
    readonly dataDir: string,
    readonly pid: number,
    readonly lockPath: string,
    holder: string,
  ) {
    super(
      `Data directory ${dataDir} is in use by ${holder}. The embedded database (PGlite) serves one process ` +
        `per data directory; a second one would silently lose writes. Stop the other process${pid > 0 ? ` (pid ${pid})` : ''} ` +
        'or give this one another DATA_DIR; to run several replicas, set DATABASE_URL ' +
        `to a PostgreSQL server instead. If no such process is running, delete ${lockPath}.`,
    );
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  readonly path: string;
  /** Removes the lock file if it is still ours; safe to call twice. */
  release(): void;
}

/** Locks taken by this process, released on exit if not before. */
const held = new Map<string, { info: LockInfo; heartbeat: NodeJS.Timeout }>();
let exitHookInstalled = false;

/** A lock file written this recently but not yet readable may be mid-write by its owner. */
const UNREADABLE_GRACE_MS = 10_000;
const HEARTBEAT_MS = 15_000;
/** A holder we cannot check by pid counts as gone when its lock file has not been touched for this long. */
const HEARTBEAT_STALE_MS = 4 * HEARTBEAT_MS;

export function acquireDataDirLock(dataDir: string): DataDirLock {
  const dir = resolve(dataDir);
  const path = join(dir, LOCK_FILE);
  if (held.has(path)) throw new DataDirLockedError(dir, process.pid, path, `this process (pid ${process.pid})`);
  const mine: LockInfo = {
    pid: process.pid,
    startedAt: new Date(Date.now() - process.uptime() * 1000).toISOString(),
    startTicks: startTicks('self'),
    lockedAt: new Date().toISOString(),
    host: hostname(),
    pidNs: pidNamespace(),
    token: randomUUID(),
  };
  for (let attempt = 0; attempt < 5; attempt++) {
    if (tryCreate(path, mine)) {
      const heartbeat = setInterval(() => touch(path), HEARTBEAT_MS);
      heartbeat.unref();
      held.set(path, { info: mine, heartbeat });
      installExitHook();
      return { path, release: () => release(path, mine.token) };
    }
    const raw = readIfExists(path);
    if (raw === null) continue; // released between our attempt and the read: try again
    const other = parse(raw);
    if (other === null) {
      if (Date.now() - mtimeMs(path) < UNREADABLE_GRACE_MS) {
        throw new DataDirLockedError(dir, 0, path, 'another process that is starting up');
      }
    } else if (isAlive(other, path)) {
      throw new DataDirLockedError(
        dir,
        other.pid,
        path,
        `process ${other.pid} on ${other.host ?? 'this host'} (started ${other.startedAt})`,
      );
    }
    // Stale: its process is gone. Remove it only if nobody replaced it meanwhile, then try again.
    if (readIfExists(path) === raw) unlinkQuietly(path);
  }
  throw new DataDirLockedError(dir, 0, path, 'another process (the lock kept changing while taking it)');
}

function tryCreate(path: string, info: LockInfo): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o644);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, `${JSON.stringify(info)}\n`);
  } finally {
    closeSync(fd);
  }
  return true;
}

function release(path: string, token: string): void {
  const entry = held.get(path);
  if (entry?.info.token !== token) return;
  clearInterval(entry.heartbeat);
  held.delete(path);
  const raw = readIfExists(path);
  if (raw !== null && parse(raw)?.token === token) unlinkQuietly(path);
}

function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.once('exit', () => {
    for (const [path, { info }] of [...held]) release(path, info.token);
  });
}

function isAlive(info: LockInfo, path: string): boolean {
  const foreign =
    (info.host !== undefined && info.host !== hostname()) ||
    (info.pidNs !== undefined && info.pidNs !== pidNamespace());
  if (foreign) {
    // Another host or container: its pids mean nothing here, so trust its heartbeat.
    return Date.now() - mtimeMs(path) < HEARTBEAT_STALE_MS;
  }
  // Our own pid but not among our locks: left by an earlier run that had the same pid (e.g. pid 1 in a container).
  if (info.pid === process.pid) return false;
  try {
    process.kill(info.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  // The pid lives; on Linux, a different start time (in clock ticks since boot) means it was reused.
  if (info.startTicks !== undefined) {
    const now = startTicks(info.pid);
    if (now !== undefined && now !== info.startTicks) return false;
  }
  return true;
}

/** A process's start time in clock ticks since boot, from /proc (Linux); undefined elsewhere. */
function startTicks(pid: number | 'self'): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses); starttime is field 22.
    const ticks = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]);
    return Number.isSafeInteger(ticks) ? ticks : undefined;
  } catch {
    return undefined;
  }
}

function pidNamespace(): string | undefined {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return undefined;
  }
}

function touch(path: string): void {
  try {
    const now = new Date();
    utimesSync(path, now, now);
  } catch {
    // Best effort: a missing heartbeat only makes a foreign process wait longer before taking over.
  }
}

function parse(raw: string): LockInfo | null {
  try {
    const v = JSON.parse(raw) as Partial<LockInfo>;
    if (typeof v.pid !== 'number' || !Number.isSafeInteger(v.pid) || v.pid <= 0) return null;
    return {
      pid: v.pid,
      startedAt: String(v.startedAt ?? 'unknown'),
      ...(typeof v.startTicks === 'number' ? { startTicks: v.startTicks } : {}),
      lockedAt: String(v.lockedAt ?? 'unknown'),
      ...(typeof v.host === 'string' ? { host: v.host } : {}),
      ...(typeof v.pidNs === 'string' ? { pidNs: v.pidNs } : {}),
      token: String(v.token ?? ''),
    };
  } catch {
    return null;
  }
}

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function mtimeMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function unlinkQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
  }
}
