// Start-up to ready, as `npm start` does it: `node dist/src/main.js` (the build) on a DATA_DIR that
// already holds a database (one start first creates and migrates it, then it is stopped with
// SIGTERM), timed from spawn until GET /healthz answers 200. Its own log lines give the split.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface StartRun {
  /** Spawn → first 200 from /healthz. */
  readyMs: number;
  /** What main.ts logs as `startup.ms`: startServer() alone (store open, wiring, listen), after imports. */
  startServerMs?: number;
  /** What openStore logs as `store.open.ms`: PGlite open plus migration check. */
  storeOpenMs?: number;
}

export interface StartupResult {
  /** The first start, on an empty data dir (creates the database and runs every migration). */
  fresh: StartRun;
  /** Starts on the existing data dir. */
  runs: StartRun[];
  medianReadyMs: number;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** The environment of a plain local `npm start`: no platform credentials, no PostgreSQL. */
export function localEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, LOG_LEVEL: 'info', ...extra };
  for (const k of [
    'DATABASE_URL',
    'MicrosoftAppId',
    'MicrosoftAppPassword',
    'MicrosoftAppTenantId',
    'SLACK_SIGNING_SECRET',
    'SLACK_BOT_TOKEN',
    'SLACK_API_URL',
    'IVARETA_CONFIG',
    'NODE_OPTIONS',
  ]) {
    delete env[k];
  }
  return env;
}

function healthy(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const req = get({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode === 200));
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => {
      req.destroy();
      resolve(false);
    });
  });
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Starts the app once on `dataDir`, waits for /healthz, stops it with SIGTERM. */
export async function startOnce(dataDir: string, nodeArgs: string[] = [], timeoutMs = 60_000): Promise<StartRun> {
  const port = await freePort();
  const t0 = performance.now();
  // What `npm start` runs: the build in dist/ (made by `npm ci`); the sources through tsx when there is none.
  const entry = existsSync(join(ROOT, 'dist/src/main.js')) ? ['dist/src/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  const child = spawn(process.execPath, [...nodeArgs, ...entry], {
    cwd: ROOT,
    env: localEnv({ PORT: String(port), DATA_DIR: dataDir }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  try {
    let readyMs: number | undefined;
    while (readyMs === undefined) {
      if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}: ${err || out}`);
      if (performance.now() - t0 > timeoutMs) throw new Error(`not ready within ${timeoutMs} ms`);
      if (await healthy(port)) readyMs = performance.now() - t0;
      else await new Promise((r) => setTimeout(r, 5));
    }
    const logged = (event: string): number | undefined => {
      for (const line of out.split('\n')) {
        if (!line.startsWith('{')) continue;
        try {
          const rec = JSON.parse(line) as { event?: string; ms?: number };
          if (rec.event === event) return rec.ms;
        } catch {
          // not a log line
        }
      }
      return undefined;
    };
    // The `startup` line is written just after listen; give it a moment to arrive on the pipe.
    for (let i = 0; i < 50 && logged('startup') === undefined; i++) await new Promise((r) => setTimeout(r, 10));
    return { readyMs, startServerMs: logged('startup'), storeOpenMs: logged('store.open') };
  } finally {
    child.kill('SIGTERM');
    await exited(child);
  }
}

export async function measureStartup(runs: number, progress: (line: string) => void): Promise<StartupResult> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ivr-bench-start-'));
  try {
    progress('start-up: first start (creates the database)');
    const fresh = await startOnce(dataDir);
    const timed: StartRun[] = [];
    for (let i = 0; i < runs; i++) {
      progress(`start-up: start ${i + 1}/${runs} on the existing data dir`);
      timed.push(await startOnce(dataDir));
    }
    const sorted = timed.map((r) => r.readyMs).sort((a, b) => a - b);
    return { fresh, runs: timed, medianReadyMs: sorted[Math.floor(sorted.length / 2)]! };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
