// Issue 9, security: body size limits at the HTTP edge, the per-user rate limit, the tenant and
// workspace allow-lists, and no internals (stack traces, paths, error text) in any reply.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../src/app/rate-limit.ts';
import { orgConfigSchema } from '../../src/config/org-config.ts';
import { bodyLimitFor, refuseOversized } from '../../src/security/body-limit.ts';
import { cardText, coreHarness, teamsUser, turn } from '../helpers/core-harness.ts';
import { buttonPayload, dmEvent, startSlackRig, TEAM, viewSubmission } from '../helpers/slack-harness.ts';
import { startTeamsRig, TENANT } from '../helpers/teams-harness.ts';

describe('body size limits at the edge', () => {
  let server: Server;
  let port = 0;
  let reached = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (refuseOversized(req, res, req.url ?? '/')) return;
      reached++;
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const post = (path: string, bytes: number) =>
    fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body: 'x'.repeat(bytes) });

  it('has a limit for each route that takes a body', () => {
    expect(bodyLimitFor('/api/messages')).toBe(256 * 1024);
    expect(bodyLimitFor('/slack/events')).toBe(1024 * 1024);
    expect(bodyLimitFor('/playground/clock')).toBe(1024 * 1024);
    expect(bodyLimitFor('/healthz')).toBeUndefined();
  });

  it('answers 413 with a short JSON body before the route reads anything', async () => {
    const before = reached;
    for (const [path, size] of [
      ['/api/messages', 256 * 1024 + 1],
      ['/slack/events', 1024 * 1024 + 1],
      ['/playground/connector/v3/conversations', 1024 * 1024 + 1],
    ] as const) {
      const res = await post(path, size);
      expect(res.status, path).toBe(413);
      expect(await res.json()).toEqual({ error: 'body too large' });
    }
    expect(reached).toBe(before);
    expect((await post('/api/messages', 1000)).status).toBe(200);
  });

  it('cuts the connection of a client that keeps sending a huge refused body', async () => {
    const outcome = await new Promise<string>((resolve) => {
      const req = request({ port, method: 'POST', path: '/api/messages', headers: { 'content-length': 64 << 20 } });
      req.on('response', (res) => resolve(String(res.statusCode)));
      req.on('error', () => resolve('cut'));
      const chunk = Buffer.alloc(1 << 20);
      const pump = () => {
        while (req.write(chunk)) {}
      };
      req.on('drain', pump);
      pump();
    });
    expect(['413', 'cut']).toContain(outcome);
  });
});

describe('per-user rate limit', () => {
  it('allows a burst, then the refill rate, per key', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 3 });
    const takes = [0, 0, 0, 0].map(() => buckets.take('a', 0));
    expect(takes).toEqual([true, true, true, false]);
    expect(buckets.take('b', 0)).toBe(true); // another user is not affected
    expect(buckets.take('a', 999)).toBe(false);
    expect(buckets.take('a', 1000)).toBe(true); // one token a second
    expect(buckets.take('a', 500)).toBe(false); // a clock stepping back refills nothing
  });

  it('keeps memory bounded under many distinct users', () => {
    const buckets = new TokenBuckets({ perMinute: 60, burst: 2 }, 100);
    for (let i = 0; i < 1000; i++) buckets.take(`u${i}`, i);
    expect(buckets.size).toBeLessThanOrEqual(100);
  });

  it('answers a flood with a short card in the user language, and carries nothing out', async () => {
    const config = orgConfigSchema.parse({ security: { rateLimit: { perMinute: 1, burst: 2 } } });
    const h = await coreHarness(undefined, { config });
    try {
      const kari = teamsUser('aad-kari', 'Kari Nord', 'nb-NO');
      const first = await h.core.handleTurn(turn(kari, { text: 'hjelp' }));
      expect(first.cards[0]?.id).toBe('menu');
      await h.core.handleTurn(turn(kari, { text: 'hjelp' }));
      const refused = await h.core.handleTurn(turn(kari, { action: { id: 'incident.new', values: {} } }));
      expect(refused.cards.map((c) => c.id)).toEqual(['security.rateLimited']);
      expect(cardText(refused.cards[0]!)).toContain('Vent et minutt');
      const sven = teamsUser('aad-sven', 'Sven Ek', 'sv-SE');
      expect((await h.core.handleTurn(turn(sven, { text: 'hjälp' }))).cards[0]?.id).toBe('menu');
      await h.core.handleTurn(turn(sven, { text: 'hjälp' }));
      const sv = await h.core.handleTurn(turn(sven, { text: 'hjälp' }));
      expect(cardText(sv.cards[0]!)).toContain('Vänta en minut');
      expect(await h.store.listOutbox({})).toHaveLength(0);
    } finally {
      await h.close();
    }
  });
});

describe('tenant allow-list (Teams)', () => {
  it('answers 403 to another tenant without calling the core, and serves a listed one', async () => {
    const rig = await startTeamsRig({ allowedTenants: [TENANT] });
    try {
      const other = rig.activity({
        conversation: { id: 'a:dm-x', conversationType: 'personal', tenantId: 'evil-tenant' },
        channelData: { tenant: { id: 'evil-tenant' } },
      });
      const res = await rig.post(other);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: 'forbidden' });
      const none = rig.activity({ conversation: { id: 'a:dm-y', conversationType: 'personal' }, channelData: {} });
      expect((await rig.post(none)).status).toBe(403);
      expect(rig.core.turns).toHaveLength(0);
      expect(rig.core.seen.size).toBe(0); // not even remembered as delivered
      expect((await rig.post(rig.activity())).status).toBe(200);
      expect(rig.core.turns).toHaveLength(1);
    } finally {
      await rig.close();
    }
  });

  it('serves every tenant when the list is empty', async () => {
    const rig = await startTeamsRig({ allowedTenants: [] });
    try {
      const other = rig.activity({ conversation: { id: 'a:dm-z', conversationType: 'personal', tenantId: 'any' } });
      expect((await rig.post(other)).status).toBe(200);
      expect(rig.core.turns).toHaveLength(1);
    } finally {
      await rig.close();
    }
  });
});

describe('workspace allow-list (Slack)', () => {
  it('acks events, buttons and submissions from another workspace and processes nothing', async () => {
    const rig = await startSlackRig({ allowedWorkspaces: ['T-OTHER'] });
    try {
      expect((await rig.post(dmEvent({ text: 'hjelp' }))).status).toBe(200);
      expect((await rig.post(buttonPayload({ actionId: 'menu' }), { form: true })).status).toBe(200);
      const view = viewSubmission({ callbackId: 'incident.register', values: {} });
      const submitted = await rig.post(view, { form: true });
      expect(submitted.status).toBe(200);
      expect(submitted.text).toBe('');
      await rig.channel.idle();
      expect(rig.core.turns).toHaveLength(0);
      expect(rig.core.seen.size).toBe(0);
      expect(rig.api.calls).toHaveLength(0);
    } finally {
      await rig.close();
    }
  });

  it('serves a listed workspace', async () => {
    const rig = await startSlackRig({ allowedWorkspaces: [TEAM] });
    try {
      await rig.post(dmEvent({ text: 'hjelp' }));
      await rig.api.waitFor('chat.postMessage');
      expect(rig.core.turns).toHaveLength(1);
    } finally {
      await rig.close();
    }
  });
});

describe('no internals in replies', () => {
  const boom = () => {
    const e = new Error('ENOENT: open /work/secret/src/app/core.ts');
    e.stack = `${e.message}\n    at handleTurn (/work/secret/src/app/core.ts:1:1)`;
    throw e;
  };
  const leaks = (s: string) => /\/work\/secret|\bat handleTurn|ENOENT|core\.ts/.test(s);

  it('Teams: a failing handler answers with the localised "try again", no stack or path', async () => {
    const rig = await startTeamsRig();
    try {
      rig.core.respond = boom;
      const res = await rig.post(rig.activity());
      expect(leaks(await res.text())).toBe(false);
      await rig.connector.waitForCalls(1);
      const sent = JSON.stringify(rig.connector.calls.map((c) => c.body));
      expect(sent).toContain('error.tryAgain');
      expect(leaks(sent)).toBe(false);
    } finally {
      await rig.close();
    }
  });

  it('Slack: a failing handler answers events, buttons and submissions without internals', async () => {
    const rig = await startSlackRig();
    try {
      rig.core.respond = boom;
      const replies = [
        await rig.post(dmEvent({ text: 'hjelp' })),
        await rig.post(buttonPayload({ actionId: 'menu' }), { form: true }),
        await rig.post(viewSubmission({ callbackId: 'incident.register', values: {} }), { form: true }),
      ];
      await rig.channel.idle();
      const all = JSON.stringify([replies.map((r) => r.text), rig.api.calls.map((c) => c.args)]);
      expect(all).toContain('error.tryAgain');
      expect(leaks(all)).toBe(false);
    } finally {
      await rig.close();
    }
  });
});
