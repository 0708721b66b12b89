// The container and cluster wiring: the Dockerfile (by lines), compose.yaml and deploy/k8s/ (as YAML) are
// checked against what the code needs: the port, /healthz, production dependencies only, a non-root user,
// two replicas on one PostgreSQL, no credentials in the files, and every env variable documented.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { orgConfigSchema } from '../../src/config/org-config.ts';

const ROOT = new URL('../../', import.meta.url).pathname;
const read = (f: string) => readFileSync(join(ROOT, f), 'utf8');
const pkg = JSON.parse(read('package.json')) as { scripts: Record<string, string> };

interface Instruction {
  op: string;
  args: string;
}
/** Dockerfile instructions (continuations joined, comments dropped), split into stages at FROM. */
function dockerStages(text: string): Instruction[][] {
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
  const stages: Instruction[][] = [[]];
  for (const line of lines) {
    const [, op = '', args = ''] = /^(\w+)\s*(.*)$/.exec(line) ?? [];
    if (op.toUpperCase() === 'FROM') stages.push([]);
    stages.at(-1)!.push({ op: op.toUpperCase(), args });
  }
  return stages;
}

describe('Dockerfile', () => {
  const text = read('Dockerfile');
  const [globals, ...stages] = dockerStages(text);
  const runtime = stages.at(-1)!;
  const build = stages[0]!;
  const all = (stage: Instruction[], op: string) => stage.filter((i) => i.op === op).map((i) => i.args);
  const args = Object.fromEntries(all(globals!, 'ARG').map((a) => a.split('=') as [string, string]));
  const image = (stage: Instruction[]) =>
    stage[0]!.args.split(/\s+/)[0]!.replace(/\$\{(\w+)\}/, (_, n: string) => args[n] ?? '');

  it('builds in one stage and runs on node:20-slim in another', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    expect(image(runtime)).toBe('node:20-slim');
    expect(all(build, 'RUN').join('\n')).toContain('npm run build');
    expect(pkg.scripts.build).toMatch(/tsc -p tsconfig\.build\.json/);
    expect(all(runtime, 'COPY').some((c) => /--from=build\s+\/app\/dist\s/.test(c))).toBe(true);
  });

  it('installs only production dependencies in the runtime, without the build that prepare runs', () => {
    const ci = all(runtime, 'RUN').find((r) => r.includes('npm ci'));
    expect(ci).toMatch(/--omit=dev/);
    // `prepare` runs `npm run build`, which needs typescript, a dev dependency.
    expect(pkg.scripts.prepare).toContain('build');
    expect(ci).toMatch(/--ignore-scripts/);
  });

  it('copies what dist/ needs at run time: content/, which dist/content links to', () => {
    expect(pkg.scripts.build).toContain("symlinkSync('../content','dist/content'");
    expect(all(runtime, 'COPY')).toContain('content ./content');
  });

  it('copies only files that exist and that .dockerignore lets through', () => {
    const ignored = read('.dockerignore')
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#'));
    for (const copy of [...all(build, 'COPY'), ...all(runtime, 'COPY')].filter((c) => !c.startsWith('--from'))) {
      for (const src of copy.split(/\s+/).slice(0, -1)) {
        expect(existsSync(join(ROOT, src)), src).toBe(true);
        expect(ignored, src).not.toContain(src);
      }
    }
    expect(ignored).toEqual(expect.arrayContaining(['node_modules', 'dist', 'data', '.env', '.git']));
  });

  it('runs as a non-root user', () => {
    const user = all(runtime, 'USER').at(-1);
    expect(user).toBeDefined();
    expect(user).not.toMatch(/^(root|0)(:|$)/);
  });

  it('checks /healthz with node on the port it exposes, and starts dist/src/main.js', () => {
    const health = all(runtime, 'HEALTHCHECK').join(' ');
    expect(health).toMatch(/CMD \["node",/);
    expect(health).toContain('/healthz');
    expect(health).not.toMatch(/curl|wget/);
    expect(all(runtime, 'EXPOSE')).toEqual(['3978']);
    expect(all(runtime, 'ENV').join(' ')).toMatch(/PORT=3978\b/);
    expect(all(runtime, 'CMD').at(-1)).toBe('["node", "dist/src/main.js"]');
    expect(existsSync(join(ROOT, 'src/main.ts'))).toBe(true);
    expect(read('src/server.ts')).toContain("path === '/healthz'");
  });
});

interface Service {
  image?: string;
  build?: unknown;
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
  deploy?: { replicas?: number };
}

/** Compose's `${VAR…}` interpolation, each replaced by a marker that shows the value came from outside. */
const FROM_ENV = 'from-env';
const interpolate = (value: string) => value.replace(/\$\{\w+(:?[-?][^}]*)?\}/g, FROM_ENV);

describe('compose.yaml', () => {
  const compose = parse(read('compose.yaml'), { merge: true }) as { services: Record<string, Service> };
  const services = compose.services;
  const bots = Object.entries(services).filter(([, s]) => s.build !== undefined || s.image?.startsWith('ivareta'));

  it('has PostgreSQL 16 with a pg_isready health check', () => {
    expect(services.db?.image).toMatch(/^postgres:16\b/);
    expect(services.db?.healthcheck?.test.join(' ')).toContain('pg_isready');
  });

  it('runs two bot replicas, each on the db service, started once the db is healthy', () => {
    expect(bots.reduce((n, [, s]) => n + (s.deploy?.replicas ?? 1), 0)).toBe(2);
    for (const [name, bot] of bots) {
      const url = new URL(interpolate(bot.environment?.DATABASE_URL ?? ''));
      expect(url.protocol, name).toBe('postgres:');
      expect(url.hostname, name).toBe('db');
      expect(url.pathname.slice(1), name).toBe(services.db?.environment?.POSTGRES_DB);
      expect(bot.depends_on?.db?.condition, name).toBe('service_healthy');
      expect(
        bot.ports?.every((p) => p.endsWith(':3978')),
        name,
      ).toBe(true);
    }
  });

  it('bakes in no credential: each comes from the environment', () => {
    for (const [name, s] of Object.entries(services)) {
      for (const [key, value] of Object.entries(s.environment ?? {})) {
        if (/password|secret|token|appid|tenant/i.test(key)) expect(value, `${name}.${key}`).toMatch(/^\$\{\w+:?[-?]/);
      }
      const db = s.environment?.DATABASE_URL;
      if (db) expect(new URL(interpolate(db)).password, name).toBe(FROM_ENV);
    }
  });
});

describe('deploy/k8s', () => {
  const docs = readdirSync(join(ROOT, 'deploy/k8s'))
    .filter((f) => f.endsWith('.yaml'))
    .flatMap((f) => parseAllDocuments(read(`deploy/k8s/${f}`)).map((d) => d.toJS()))
    // biome-ignore lint/suspicious/noExplicitAny: Kubernetes objects, checked field by field below
    .filter(Boolean) as any[];
  const kind = (k: string) => docs.filter((d) => d.kind === k);
  const deployment = kind('Deployment')[0];
  const pod = deployment?.spec.template;
  const container = pod?.spec.containers[0];
  const port = (name: string | number) =>
    typeof name === 'number' ? name : container.ports.find((p: { name: string }) => p.name === name)?.containerPort;

  it('runs 2 replicas, ready on /readyz at port 3978, with liveness, resources and no root', () => {
    expect(deployment.spec.replicas).toBeGreaterThanOrEqual(2);
    expect(container.readinessProbe.httpGet.path).toBe('/readyz');
    expect(read('src/ops/routes.ts')).toContain("path === '/readyz'");
    expect(port(container.readinessProbe.httpGet.port)).toBe(3978);
    expect(container.livenessProbe).toBeDefined();
    expect(container.resources.requests.memory).toBeDefined();
    expect(container.resources.limits.memory).toBeDefined();
    expect(pod.spec.securityContext.runAsNonRoot).toBe(true);
    expect(pod.spec.securityContext.runAsUser).toBeGreaterThan(0);
    expect(deployment.spec.strategy.rollingUpdate.maxUnavailable).toBe(0);
  });

  it('takes credentials from a Secret that holds DATABASE_URL and only known variables', () => {
    const secretName = container.envFrom[0].secretRef.name;
    const secret = kind('Secret').find((s) => s.metadata.name === secretName);
    expect(Object.keys(secret.stringData)).toContain('DATABASE_URL');
    const documented = read('docs/deploy.md');
    for (const key of Object.keys(secret.stringData)) expect(documented, key).toContain(`| \`${key}\``);
  });

  it('keeps one replica up in a disruption, and selects the pods in its PDB and Service', () => {
    const labels = pod.metadata.labels;
    const pdb = kind('PodDisruptionBudget')[0];
    expect(pdb.spec.minAvailable).toBeLessThan(deployment.spec.replicas);
    expect(pdb.spec.selector.matchLabels).toEqual(labels);
    expect(deployment.spec.selector.matchLabels).toEqual(labels);
    expect(kind('Service')[0].spec.selector).toEqual(labels);
  });

  it('mounts an organisation config that passes the config schema at IVARETA_CONFIG', () => {
    const path = container.env.find((e: { name: string }) => e.name === 'IVARETA_CONFIG').value as string;
    const mount = container.volumeMounts.find((m: { mountPath: string }) => path.startsWith(`${m.mountPath}/`));
    const volume = pod.spec.volumes.find((v: { name: string }) => v.name === mount.name);
    const map = kind('ConfigMap').find((c) => c.metadata.name === volume.configMap.name);
    const file = path.slice(mount.mountPath.length + 1);
    expect(orgConfigSchema.safeParse(parse(map.data[file])).success).toBe(true);
  });
});

describe('docs/deploy.md', () => {
  it('documents every environment variable the code reads', () => {
    const used = new Set<string>();
    for (const e of readdirSync(join(ROOT, 'src'), { withFileTypes: true, recursive: true })) {
      if (!e.isFile() || !e.name.endsWith('.ts')) continue;
      for (const m of readFileSync(join(e.parentPath, e.name), 'utf8').matchAll(/\benv\.([A-Za-z_][A-Za-z0-9_]*)/g)) {
        used.add(m[1]!);
      }
    }
    expect(used).toContain('DATABASE_URL');
    const doc = read('docs/deploy.md');
    expect([...used].filter((v) => !doc.includes(`| \`${v}\``))).toEqual([]);
  });
});
