// The Teams channel end to end: real server, core and embedded store over HTTP, with a fake Bot
// Framework connector as Teams. "help" in four languages, and an incident registered through the
// Adaptive Card dialog, with the manager and peer supporter notified proactively.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultOrgConfig } from '../../src/config/org-config.ts';
import { I18n } from '../../src/i18n/i18n.ts';
import { actionsOf, type Person, startTeamsE2E, type TeamsE2E, textsOf } from '../helpers/teams-e2e.ts';

const i18n = new I18n();

const anna: Person = { teamsId: '29:anna', aadObjectId: 'aad-anna', name: 'Anna Berg', locale: 'nb-NO' };
const lars: Person = {
  teamsId: '29:lars',
  aadObjectId: 'aad-lars',
  name: 'Lars Holm',
  locale: 'sv-SE',
  timeZone: 'Europe/Stockholm',
};

let e2e: TeamsE2E;
beforeAll(async () => {
  e2e = await startTeamsE2E();
});
afterAll(() => e2e?.close());

describe('help', () => {
  const cases = [
    { locale: 'nb-NO', text: 'hjelp', lang: 'nb' },
    { locale: 'sv-SE', text: 'hjälp', lang: 'sv' },
    { locale: 'da-DK', text: 'hjælp', lang: 'da' },
    { locale: 'en-GB', text: 'help', lang: 'en' },
  ] as const;

  for (const c of cases) {
    it(`answers "${c.text}" (${c.locale}) with the menu in that language`, async () => {
      const who: Person = {
        teamsId: `29:help-${c.lang}`,
        aadObjectId: `aad-help-${c.lang}`,
        name: `Help ${c.lang}`,
        locale: c.locale,
      };
      const since = e2e.connector.calls.length;
      const res = await e2e.send(who, { text: c.text });
      expect(res.status).toBe(200);
      const cards = e2e.cardsSince(since, who);
      expect(cards).toHaveLength(1);
      const texts = textsOf(cards[0]);
      expect(texts).toContain(i18n.t(c.lang, 'menu.title'));
      expect(texts).toContain(i18n.t(c.lang, 'menu.newIncident'));
      const reply = e2e.connector.calls.slice(since).find((call) => call.kind === 'reply');
      expect(reply?.conversationId).toBe(`a:dm-${who.aadObjectId}`);
    });
  }
});

describe('registering an incident over HTTP', () => {
  it('walks the dialog and notifies the manager (known) and the peer supporter (new) proactively', async () => {
    // The manager has talked to the bot before: the bot knows their 1:1 conversation and language.
    expect((await e2e.send(lars, { text: 'hej' })).status).toBe(200);

    let since = e2e.connector.calls.length;
    expect((await e2e.send(anna, { text: 'hjelp' })).status).toBe(200);
    const menu = e2e.cardsSince(since, anna)[0];
    const newIncident = actionsOf(menu).find((a) => a.title === i18n.t('nb', 'menu.newIncident'));
    expect(newIncident.data).toEqual({ verb: 'incident.new' });

    since = e2e.connector.calls.length;
    expect((await e2e.send(anna, { value: newIncident.data })).status).toBe(200);
    const form = e2e.cardsSince(since, anna)[0];
    expect(textsOf(form)).toContain(i18n.t('nb', 'register.title'));
    const inputs = form.body.filter((b: { type: string }) => b.type.startsWith('Input.'));
    const ids = inputs.map((b: { id: string }) => b.id);
    expect(ids).toEqual(expect.arrayContaining(['summary', 'occurredAt', 'occurredAtTime', 'category', 'manager']));
    const manager = inputs.find((b: { id: string }) => b.id === 'manager');
    expect(manager.choices).toContainEqual({ title: 'Lars Holm', value: 'aad-lars' });
    const submit = actionsOf(form).find((a) => a.data?.verb === 'incident.register');
    expect(submit).toBeDefined();

    // Teams sends the action's data merged with the inputs, all as strings.
    const yesterday = DateTime.now().setZone('Europe/Oslo').minus({ days: 1 }).toISODate();
    since = e2e.connector.calls.length;
    const res = await e2e.send(anna, {
      value: {
        ...submit.data,
        summary: 'Feil dose av et legemiddel ble gitt på nattevakt',
        occurredAt: yesterday,
        occurredAtTime: '03:30',
        category: 'medication',
        involved: '',
        manager: 'aad-lars',
        peerSupporter: 'aad-ingrid', // never wrote to the bot: reached by creating the conversation
      },
    });
    expect(res.status).toBe(200);
    const caseCard = e2e.cardsSince(since, anna)[0];
    const caseTexts = textsOf(caseCard).join('\n');
    expect(caseTexts).toContain(i18n.t('nb', 'case.registered'));
    const ref = /IVR-\d{4}-\d+/.exec(caseTexts)?.[0];
    expect(ref).toBeDefined();

    // Registering wakes the dispatcher, which sends the notices through the Teams sender.
    await e2e.server.dispatcher.runDue();
    await e2e.connector.waitForCalls(since + 4); // the reply, createConversation, two sends
    const calls = e2e.connector.calls.slice(since);

    const toLars = calls.find((c) => c.kind === 'send' && c.conversationId === 'a:dm-aad-lars');
    expect(toLars).toBeDefined();
    const larsTexts = textsOf(toLars?.body.attachments[0].content);
    expect(larsTexts).toContain(i18n.t('sv', 'notice.manager.title', { ref: ref! }));

    const create = calls.find((c) => c.kind === 'createConversation');
    expect(create?.body).toMatchObject({
      isGroup: false,
      members: [{ id: 'aad-ingrid' }],
      tenantId: 'tenant-e2e',
      channelData: { tenant: { id: 'tenant-e2e' } },
    });
    const toIngrid = calls.find((c) => c.kind === 'send' && c.conversationId === 'a:dm-aad-ingrid');
    // Unknown to the bot, so written to in the organisation's default language.
    const peerLocale = defaultOrgConfig.defaultLocale;
    expect(textsOf(toIngrid?.body.attachments[0].content)).toContain(
      i18n.t(peerLocale, 'peer.request.title', { ref: ref! }),
    );
    for (const c of calls) expect(c.headers.authorization).toBeUndefined();
  });

  it('keeps the form open with errors when the submit is incomplete', async () => {
    const since = e2e.connector.calls.length;
    const res = await e2e.send(anna, { value: { verb: 'incident.register', summary: '', category: 'medication' } });
    expect(res.status).toBe(200);
    const form = e2e.cardsSince(since, anna)[0];
    expect(textsOf(form)).toContain(i18n.t('nb', 'register.title'));
    expect(JSON.stringify(form)).toContain(i18n.t('nb', 'form.required'));
  });
});
