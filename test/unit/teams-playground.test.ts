// The playground on its own: durations, the fake connector's routing to demo users, the clock
// routes and static files, behind a bare Node server (no core).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseDuration } from '../../src/channels/playground/duration.ts';
import { createPlayground } from '../../src/channels/playground/index.ts';
import { silentLogger } from '../../src/log.ts';
import { AdjustableClock, FixedClock } from '../../src/ports/clock.ts';

describe('parseDuration', () => {
  it('reads weeks, days and times', () => {
    expect(parseDuration('PT1H')).toEqual({ ok: true, ms: 3_600_000 });
    expect(parseDuration('PT12H')).toEqual({ ok: true, ms: 43_200_000 });
    expect(parseDuration('P1D')).toEqual({ ok: true, ms: 86_400_000 });
    expect(parseDuration('P1W')).toEqual({ ok: true, ms: 7 * 86_400_000 });
    expect(parseDuration('P1DT2H30M15.5S')).toEqual({
      ok: true,
      ms: 86_400_000 + 2 * 3_600_000 + 30 * 60_000 + 15_500,
    });
    expect(parseDuration('pt30m')).toEqual({ ok: true, ms: 1_800_000 });
  });

  it('refuses what is not a positive day/time duration', () => {
    for (const bad of ['', 'P', 'PT', 'P1DT', '12h', 'P1Y', 'P1M', '-PT1H', 'PT0S', 'P9999D', 42, null, undefined]) {
      const r = parseDuration(bad);
      expect(r.ok, String(bad)).toBe(false);
      if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
    }
  });
});

describe('createPlayground', () => {
  let server: Server;
  let base: string;
  const clock = new AdjustableClock(new FixedClock(new Date('2026-11-27T10:00:00Z')));
  let runs = 0;

  beforeAll(async () => {
    const playground = createPlayground({
      baseUrl: () => base,
      clock,
      runDue: async () => {
        runs++;
        return 3;
      },
      log: silentLogger,
    });
    server = createServer((req, res) => {
      playground.handle(req, res).then((handled) => {
        if (!handled) {
          res.writeHead(404);
          res.end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const post = (path: string, body: unknown, method = 'POST') =>
    fetch(`${base}${path}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });

  it('serves the page, its script and the Adaptive Cards renderer', async () => {
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await page.text()).toContain('/playground/page.js');
    for (const path of ['/playground/page.js', '/playground/page.css', '/playground/adaptivecards.js']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status, path).toBe(200);
      expect((await res.text()).length).toBeGreaterThan(100);
    }
  });

  it('does not claim paths it does not serve', async () => {
    expect((await fetch(`${base}/api/messages`)).status).toBe(404);
    expect((await fetch(`${base}/playground/nope`)).status).toBe(404);
  });

  it('gives the page its serviceUrl (the server itself) and the demo users', async () => {
    const config = await (await fetch(`${base}/playground/config`)).json();
    expect(config.serviceUrl).toBe(`${base}/playground/connector/`);
    expect(config.users.map((u: { id: string; locale: string }) => [u.id, u.locale])).toEqual([
      ['pg-anna', 'nb-NO'],
      ['pg-lars', 'sv-SE'],
      ['pg-ingrid', 'da-DK'],
    ]);
    expect(config.tenantId).toBe('playground');
  });

  it('creates 1:1 conversations by Entra or Teams id, and delivers to inboxes', async () => {
    const created = await post('/playground/connector/v3/conversations', {
      isGroup: false,
      bot: { id: '28:ivareta-playground' },
      members: [{ id: 'aad-lars' }],
      tenantId: 'playground',
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ id: 'pg-dm-lars' });
    const byTeamsId = await post('/playground/connector/v3/conversations', { members: [{ id: 'pg-ingrid' }] });
    expect((await byTeamsId.json()).id).toBe('pg-dm-ingrid');
    expect((await post('/playground/connector/v3/conversations', { members: [{ id: 'aad-stranger' }] })).status).toBe(
      404,
    );

    const sent = await post('/playground/connector/v3/conversations/pg-dm-lars/activities', {
      type: 'message',
      text: 'hi',
    });
    const { id } = await sent.json();
    const reply = await post(`/playground/connector/v3/conversations/pg-dm-lars/activities/${id}`, {
      type: 'message',
      text: 'a reply',
    });
    expect(reply.status).toBe(201);
    const updated = await post(
      `/playground/connector/v3/conversations/pg-dm-lars/activities/${id}`,
      { type: 'message', text: 'edited' },
      'PUT',
    );
    expect(await updated.json()).toEqual({ id });
    expect((await post('/playground/connector/v3/conversations/pg-dm-nobody/activities', {})).status).toBe(404);

    const inbox = await (await fetch(`${base}/playground/inbox?user=pg-lars&after=0`)).json();
    expect(inbox.items.map((i: { kind: string }) => i.kind)).toEqual(['message', 'message', 'update']);
    expect(inbox.items[2]).toMatchObject({ activityId: id, activity: { text: 'edited' } });
    const later = await (await fetch(`${base}/playground/inbox?user=pg-lars&after=${inbox.last}`)).json();
    expect(later.items).toEqual([]);
    expect((await fetch(`${base}/playground/inbox?user=pg-anna&after=0`)).status).toBe(200);
    expect((await fetch(`${base}/playground/inbox?user=someone`)).status).toBe(400);
  });

  it('shows and moves the clock, then runs what is due', async () => {
    expect(await (await fetch(`${base}/playground/clock`)).json()).toEqual({ now: '2026-11-27T10:00:00.000Z' });
    const res = await post('/playground/clock', { advance: 'PT12H' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ now: '2026-11-27T22:00:00.000Z', ran: 3 });
    expect(runs).toBe(1);
  });

  it('answers 400 with a clear message to a bad clock request, and leaves the clock alone', async () => {
    for (const body of [{ advance: 'tomorrow' }, { advance: 'P1M' }, {}, 'not json', [1]]) {
      const res = await post('/playground/clock', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error).toMatch(/duration|JSON/);
    }
    expect(clock.now().toISOString()).toBe('2026-11-27T22:00:00.000Z');
  });
});
