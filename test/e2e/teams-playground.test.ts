// The playground inside the real server: mounted without credentials (replies and proactive
// messages land in the demo users' inboxes), and entirely absent when credentials are set.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { I18n } from '../../src/i18n/i18n.ts';
import { actionsOf, startTeamsE2E, type TeamsE2E, textsOf } from '../helpers/teams-e2e.ts';

const i18n = new I18n();

describe('without credentials', () => {
  let e2e: TeamsE2E;
  beforeAll(async () => {
    e2e = await startTeamsE2E();
  });
  afterAll(() => e2e?.close());

  async function say(userKey: 'anna' | 'lars', extra: Record<string, unknown>): Promise<number> {
    const config = await (await fetch(`${e2e.server.url}/playground/config`)).json();
    const user = config.users.find((u: { key: string }) => u.key === userKey);
    const res = await fetch(`${e2e.server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: `pg-${Math.random()}`,
        channelId: 'msteams',
        serviceUrl: config.serviceUrl,
        from: { id: user.id, name: user.name, aadObjectId: user.aadObjectId },
        recipient: config.bot,
        conversation: { id: `pg-dm-${userKey}`, conversationType: 'personal', tenantId: config.tenantId },
        locale: user.locale,
        ...extra,
      }),
    });
    return res.status;
  }

  // biome-ignore lint/suspicious/noExplicitAny: inbox JSON
  async function inbox(userId: string): Promise<any[]> {
    const res = await fetch(`${e2e.server.url}/playground/inbox?user=${userId}&after=0`);
    return (await res.json()).items;
  }

  it('is mounted at / and /playground', async () => {
    expect(e2e.server.playground).toBe(true);
    expect((await fetch(`${e2e.server.url}/`)).status).toBe(200);
    expect((await fetch(`${e2e.server.url}/playground/clock`)).status).toBe(200);
  });

  it('delivers replies and proactive notices to the demo users through the fake connector', async () => {
    // "Installing" the bot makes the manager known, with a menu in Swedish.
    expect(await say('lars', { type: 'conversationUpdate', membersAdded: [{ id: '28:ivareta-playground' }] })).toBe(
      200,
    );
    const larsInbox = await inbox('pg-lars');
    expect(textsOf(larsInbox[0].activity.attachments[0].content)).toContain(i18n.t('sv', 'menu.title'));

    expect(await say('anna', { text: 'ny hendelse' })).toBe(200);
    const form = (await inbox('pg-anna')).at(-1).activity.attachments[0].content;
    const submit = actionsOf(form).find((a) => a.data?.verb === 'incident.register');
    const date = form.body.find((b: { id?: string }) => b.id === 'occurredAt').max;
    expect(
      await say('anna', {
        value: {
          ...submit.data,
          summary: 'Feil dose av et legemiddel',
          occurredAt: date,
          occurredAtTime: '00:00',
          category: 'medication',
          manager: 'aad-lars',
        },
      }),
    ).toBe(200);
    // The case card, followed by the follow-up plan.
    const [caseCard, planCard] = (await inbox('pg-anna')).slice(-2).map((m) => m.activity.attachments[0].content);
    expect(textsOf(caseCard)).toContain(i18n.t('nb', 'case.registered'));
    expect(textsOf(planCard)).toContain(i18n.t('nb', 'plan.consentQuestion'));

    await e2e.server.dispatcher.runDue();
    const notice = (await inbox('pg-lars')).at(-1).activity.attachments[0].content;
    expect(textsOf(notice).some((t) => t.startsWith('Oönskad händelse IVR-'))).toBe(true);
  });

  it('moves the server clock', async () => {
    const before = Date.parse((await (await fetch(`${e2e.server.url}/playground/clock`)).json()).now);
    const res = await fetch(`${e2e.server.url}/playground/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ advance: 'P1D' }),
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(Date.parse(body.now) - before).toBeGreaterThanOrEqual(86_400_000);
    expect(typeof body.ran).toBe('number');
    expect(e2e.server.clock.now().getTime()).toBeGreaterThanOrEqual(Date.parse(body.now));
  });
});

describe('with credentials', () => {
  let e2e: TeamsE2E;
  beforeAll(async () => {
    e2e = await startTeamsE2E({ MicrosoftAppId: '00000000-0000-4000-8000-00000000b07a', MicrosoftAppPassword: 'x' });
  });
  afterAll(() => e2e?.close());

  it('answers 404 on every playground route', async () => {
    expect(e2e.server.playground).toBe(false);
    const u = e2e.server.url;
    const requests: [string, RequestInit?][] = [
      [`${u}/`],
      [`${u}/playground/page.js`],
      [`${u}/playground/adaptivecards.js`],
      [`${u}/playground/config`],
      [`${u}/playground/clock`],
      [`${u}/playground/clock`, { method: 'POST', body: '{"advance":"P1D"}' }],
      [`${u}/playground/inbox?user=pg-anna`],
      [`${u}/playground/connector/v3/conversations`, { method: 'POST', body: '{"members":[{"id":"aad-anna"}]}' }],
    ];
    for (const [url, init] of requests) expect((await fetch(url, init)).status, url).toBe(404);
  });

  it('requires a Bot Framework token on /api/messages', async () => {
    const res = await e2e.send({ teamsId: '29:x', aadObjectId: 'aad-x', name: 'X', locale: 'en-GB' }, { text: 'help' });
    expect(res.status).toBe(401);
    expect(e2e.connector.calls).toHaveLength(0);
  });
});
