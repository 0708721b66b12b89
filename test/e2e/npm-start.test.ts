// The README's first command as a user runs it: `npm start` (which builds when the sources are newer
// than dist/, then runs the bundled server with its code cache and the database in a worker thread).
// Answers "hjelp" from Teams with the menu, registers an incident (so the worker database writes and
// reads), serves the playground, and stops cleanly on SIGTERM.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { I18n } from '../../src/i18n/i18n.ts';
import { type FakeConnector, startFakeConnector } from '../helpers/fake-connector.ts';
import { E2E_BOT, E2E_TENANT, textsOf } from '../helpers/teams-e2e.ts';

const i18n = new I18n();

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe('npm start', () => {
  let child: ChildProcess;
  let connector: FakeConnector;
  let url: string;
  let out = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'ivr-npm-start-'));

  beforeAll(async () => {
    connector = await startFakeConnector();
    const port = await freePort();
    url = `http://127.0.0.1:${port}`;
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'info' };
    for (const k of ['DATABASE_URL', 'MicrosoftAppId', 'SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'IVARETA_CONFIG'])
      delete env[k];
    // Its own process group: npm runs the server through a shell, and SIGTERM goes to all of them.
    child = spawn('npm', ['start'], { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    child.stderr?.on('data', (c: Buffer) => {
      out += c.toString('utf8');
    });
    // A build first when the sources changed: allow for it.
    for (let i = 0; i < 1200 && !out.includes('Open the playground'); i++) {
      if (child.exitCode !== null) throw new Error(`npm start exited ${child.exitCode}: ${out.slice(-2000)}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(out).toContain(`Open the playground: http://localhost:${port}/`);
  }, 180_000);

  const exited = () =>
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((r) => child.once('exit', () => r()));

  afterAll(async () => {
    if (child?.pid && child.exitCode === null && child.signalCode === null) {
      process.kill(-child.pid, 'SIGKILL');
      await exited();
    }
    await connector?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const send = (text: string | undefined, value?: Record<string, unknown>) =>
    fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `start-${Math.random()}`,
        timestamp: new Date().toISOString(),
        channelId: 'msteams',
        serviceUrl: connector.serviceUrl,
        from: { id: '29:anna', name: 'Anna Berg', aadObjectId: 'aad-anna' },
        recipient: E2E_BOT,
        conversation: { id: 'a:dm-aad-anna', conversationType: 'personal', tenantId: E2E_TENANT },
        channelData: { tenant: { id: E2E_TENANT } },
        locale: 'nb-NO',
        ...(text ? { text } : {}),
        ...(value ? { value } : {}),
      }),
    });

  it('runs the bundled server with its code cache and the database in a worker', () => {
    expect(out).toMatch(/"event":"store.open","driver":"pglite"/);
    expect(out).toMatch(/"event":"startup","ms":\d+/);
  });

  it('answers "hjelp" from Teams with the menu in Norwegian, and serves the playground', async () => {
    const res = await send('hjelp');
    expect(res.status).toBeLessThan(300);
    const card = connector.cards().at(-1);
    expect(textsOf(card)).toContain(i18n.t('nb', 'menu.title'));
    expect((await fetch(`${url}/`)).status).toBe(200);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });

  it('registers an incident: the case card comes back with its reference', async () => {
    const before = connector.cards().length;
    await send(undefined, {
      verb: 'incident.register',
      submissionId: 'npm-start-0001',
      summary: 'Feil dose gitt på nattevakt',
      occurredAt: '2026-11-26',
      occurredAtTime: '03:15',
      category: 'medication',
      manager: 'aad-lars',
    });
    const texts = connector
      .cards()
      .slice(before)
      .flatMap((c) => textsOf(c));
    expect(texts.join(' ')).toMatch(/IVR-\d{4}-\d{4}/);
  });

  it('shuts down on SIGTERM and stops answering', async () => {
    process.kill(-child.pid!, 'SIGTERM');
    await exited();
    for (let i = 0; i < 50 && !out.includes('"event":"shutdown"'); i++) await new Promise((r) => setTimeout(r, 100));
    expect(out).toContain('"event":"shutdown","signal":"SIGTERM"');
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
