// The replicas: real bot processes (`node dist/src/main.js` when built, else the sources through tsx) on
// one fresh PostgreSQL schema, each on its own port. They run without platform credentials, so Teams is
// in its auth-less local mode (the server refuses it once a Slack secret or token is set: `hasCredentials`
// in src/server.ts); Slack then takes unsigned requests, and its Web API is the fake at SLACK_API_URL.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshSchema, type TestSchema } from '../../test/helpers/pg-schema.ts';
import { ROOT } from '../ask/questions.ts';
import { freePort, localEnv } from '../turn/startup.ts';
import type { MemSample } from './stats.ts';

export interface Replica {
  i: number;
  url: string;
  child: ChildProcess;
  /** The last few KB of its output, for a failure report. */
  tail: string;
  /** Log lines at error level or above. */
  errorLines: number;
  firstErrorLine?: string;
  /** Warnings (the replicas log at warn): how many, and the first few (in the JSON report). */
  warnLines: number;
  warnings: string[];
}

export interface Replicas {
  list: Replica[];
  schema: TestSchema;
  entry: string;
  memory(): Promise<Omit<MemSample, 't'>[]>;
  /** SIGTERM, and each exit code (null: killed after 30 s). */
  stop(): Promise<(number | null)[]>;
  /** SIGKILL whatever still runs, synchronously (exit handlers). */
  kill(): void;
  drop(): Promise<void>;
}

/**
 * The organisation config. The rate limit at its ceiling, as bench:turn sets it, so a refusal never passes
 * for a turn (the soak's users pace themselves like people, far below the default anyway). The schedule
 * runs on real time, compressed so that it produces during the run: the first check-in `checkinS` after
 * registering (then days on, as usual), the support step due after `supportS` (its reminders come before),
 * and every hour of every day working time. Moving the replicas' playground clocks instead was tried and
 * dropped: a jump longer than the dispatcher's 2-minute lease while a send is out hands that row to
 * another claim as "in doubt" (docs/performance.md, "Soak").
 */
export function soakConfig(checkinS: number, supportS: number): string {
  return [
    'security:',
    '  rateLimit: { perMinute: 6000, burst: 1000 }',
    'followup:',
    `  offsets: [PT${checkinS}S, P3D, P1W, P2W, P4W, P3M]`,
    "  workingHours: { start: '00:00', end: '23:59' }",
    '  workingDays: [1, 2, 3, 4, 5, 6, 7]',
    'pathway:',
    '  steps:',
    `    support: { due: PT${supportS}S }`,
    '',
  ].join('\n');
}

export async function startReplicas(count: number, slackApiUrl: string, config: string): Promise<Replicas> {
  const schema = await freshSchema();
  const dir = mkdtempSync(join(tmpdir(), 'ivr-soak-'));
  const configFile = join(dir, 'org.yaml');
  writeFileSync(configFile, config);
  const built = existsSync(join(ROOT, 'dist/.built')) && existsSync(join(ROOT, 'dist/src/main.js'));
  const args = built ? ['dist/src/main.js'] : ['--import', 'tsx', 'src/main.ts'];
  const list: Replica[] = [];
  const kill = () => {
    for (const r of list) if (r.child.exitCode === null && r.child.signalCode === null) r.child.kill('SIGKILL');
  };
  try {
    for (let i = 0; i < count; i++) {
      const port = await freePort();
      const env = {
        ...localEnv({ LOG_LEVEL: 'warn' }),
        PORT: String(port),
        HOST: '127.0.0.1',
        DATABASE_URL: schema.url(`ivr-soak-${i}`),
        IVARETA_CONFIG: configFile,
        SLACK_API_URL: slackApiUrl,
        DATA_DIR: dir,
      };
      const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
      const r: Replica = {
        i,
        url: `http://127.0.0.1:${port}`,
        child,
        tail: '',
        errorLines: 0,
        warnLines: 0,
        warnings: [],
      };
      const read = (c: Buffer) => {
        const text = c.toString('utf8');
        r.tail = (r.tail + text).slice(-4000);
        for (const line of text.split('\n')) {
          if (/"level":40/.test(line)) {
            r.warnLines++;
            if (r.warnings.length < 20) r.warnings.push(line.slice(0, 400));
          }
          if (!/"level":(50|60)/.test(line)) continue;
          r.errorLines++;
          r.firstErrorLine ??= line.slice(0, 400);
        }
      };
      child.stdout?.on('data', read);
      child.stderr?.on('data', read);
      list.push(r);
    }
    // Ready when /readyz says the database has every migration (the replicas race to apply them).
    for (const r of list) {
      for (let t = 0; ; t++) {
        if (
          await get(`${r.url}/readyz`).then(
            (res) => res.ok,
            () => false,
          )
        )
          break;
        if (r.child.exitCode !== null || t > 600) throw new Error(`replica ${r.i} not ready: ${r.tail.slice(-2000)}`);
        await new Promise((res) => setTimeout(res, 100));
      }
    }
  } catch (e) {
    kill();
    await schema.drop().catch(() => undefined);
    rmSync(dir, { recursive: true, force: true });
    throw e;
  }

  return {
    list,
    schema,
    entry: `node ${args.join(' ')}`,
    memory: () => Promise.all(list.map(async (r) => memoryOf(await (await get(`${r.url}/metrics`)).text()))),
    async stop() {
      return Promise.all(
        list.map(
          (r) =>
            new Promise<number | null>((resolve) => {
              if (r.child.exitCode !== null) return resolve(r.child.exitCode);
              const timer = setTimeout(() => r.child.kill('SIGKILL'), 30_000);
              r.child.once('exit', (code) => {
                clearTimeout(timer);
                resolve(code);
              });
              r.child.kill('SIGTERM');
            }),
        ),
      );
    },
    kill,
    async drop() {
      await schema.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const get = (url: string) => fetch(url, { signal: AbortSignal.timeout(10_000) });

/** RSS, used heap and CPU time from prom-client's default metrics (prefixed `ivareta_`, see src/ops/metrics.ts). */
export function memoryOf(text: string): Omit<MemSample, 't'> {
  const value = (name: string) => {
    const m = new RegExp(`^ivareta_${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)`, 'm').exec(text);
    return m ? Number(m[1]) : Number.NaN;
  };
  return {
    rssMb: value('process_resident_memory_bytes') / 2 ** 20,
    heapMb: value('nodejs_heap_size_used_bytes') / 2 ** 20,
    cpuS: value('process_cpu_seconds_total'),
  };
}
