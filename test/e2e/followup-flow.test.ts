import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { I18n } from '../../src/i18n/i18n.ts';
import { LOCALES } from '../../src/i18n/locales.ts';
import type { RunningServer } from '../../src/server.ts';
import type { FakeSlackApi } from '../helpers/fake-slack-api.ts';
import { type Button, buttons, type Post, type SlackE2E, startSlackE2E, to } from '../helpers/slack-e2e.ts';
import { actionsOf, person, startTeamsE2E, type TeamsE2E, textsOf } from '../helpers/teams-e2e.ts';

const i18n = new I18n();
const HOUR = 3_600_000;
const MAX_HOURS = 24 * 8; // the first check-in is a working day after registration, holidays included

/** The due time lies in 08:00–16:00 Oslo time on a weekday. */
function expectWorkingHours(at: Date): void {
  const local = DateTime.fromJSDate(at).setZone('Europe/Oslo');
  expect(local.weekday, local.toISO()!).toBeLessThanOrEqual(5);
  expect(local.hour, local.toISO()!).toBeGreaterThanOrEqual(8);
  expect(local.hour, local.toISO()!).toBeLessThan(16);
}

/** The supporter's card must not reveal the answer: no score label in any language, no bare score. */
function expectNoScore(text: string, ref: string, score: string): void {
  for (const locale of LOCALES)
    for (const s of ['1', '2', '3', '4', '5']) expect(text).not.toContain(i18n.t(locale, `checkin.score.${s}`));
  // The reference (IVR-2026-12) may contain the digit; the rest of the text may not.
  expect(text.replaceAll(ref, '')).not.toMatch(new RegExp(`\\b${score}\\b`));
}

describe('follow-up on Teams, through the playground clock', () => {
  const anna = person('anna', 'Anna Berg', 'nb-NO');
  const lars = person('lars', 'Lars Holm', 'sv-SE');
  const ingrid = person('ingrid', 'Ingrid Dahl', 'da-DK');
  let e2e: TeamsE2E;

  beforeAll(async () => {
    e2e = await startTeamsE2E();
  });
  afterAll(() => e2e?.close());

  const advance = (by: string) => e2e.advance(by);
  const checkinCards = (since: number) =>
    e2e.cardsSince(since, anna).filter((c) => actionsOf(c).some((a) => a.data?.verb === 'checkin.answer'));

  it('delivers the first check-in in working hours, and a low answer reaches only the peer supporter', async () => {
    await e2e.send(lars, { text: 'hjälp' });
    await e2e.send(ingrid, { text: 'hjælp' });
    const { incidentId, ref } = await e2e.register(anna, {
      summary: 'Feil dose gitt på nattevakt',
      manager: 'aad-lars',
      peerSupporter: 'aad-ingrid',
    });
    const [first] = await e2e.server.store.listPlanCheckins(incidentId, 'aad-anna');
    expect(first).toBeDefined();
    expectWorkingHours(first!.dueAt);

    // An hour on, nothing yet: the plan starts on a later working day, not at registration.
    let since = e2e.connector.calls.length;
    let now = await advance('PT1H');
    expect(checkinCards(since)).toEqual([]);

    // Hour by hour until it arrives: it must come in the step that passes its due time.
    let card: unknown;
    let before = now;
    for (let h = 0; h < MAX_HOURS && !card; h++) {
      before = now;
      now = await advance('PT1H');
      card = checkinCards(since)[0];
    }
    expect(card, 'check-in never arrived').toBeDefined();
    expect(first!.dueAt.getTime()).toBeGreaterThan(before.getTime());
    expect(first!.dueAt.getTime()).toBeLessThanOrEqual(now.getTime());
    expect(checkinCards(since)).toHaveLength(1);
    const answer = actionsOf(card).find((a) => a.data?.verb === 'checkin.answer' && a.data.score === '1')?.data;
    expect(answer).toMatchObject({ checkinId: first!.id });

    since = e2e.connector.calls.length;
    const res = await e2e.send(anna, { value: answer });
    expect(res.status).toBe(200);
    const talkCard = e2e.cardsSince(since, anna)[0];
    expect(textsOf(talkCard)).toContain(i18n.t('nb', 'checkin.lowAnswer'));
    const talkYes = actionsOf(talkCard).find((a) => a.data?.verb === 'checkin.talk' && a.data.talk === 'yes')?.data;
    expect(talkYes).toMatchObject({ checkinId: first!.id });

    await advance('PT1M'); // the dispatcher runs what fell due
    const contact = e2e.connector.calls
      .slice(since)
      .filter((c) => c.kind === 'send')
      .flatMap((c) =>
        (c.body?.attachments ?? []).map((a: { content: unknown }) => ({ to: c.conversationId, card: a.content })),
      )
      .filter((m) => textsOf(m.card).includes(i18n.t('da', 'checkin.peerContact.title', { person: 'Anna Berg' })));
    // Only the peer supporter, in her language; not the manager.
    expect(contact.map((m) => m.to)).toEqual(['a:dm-aad-ingrid']);
    expect(e2e.cardsSince(since, lars)).toEqual([]); // no consent asked for: the manager hears nothing
    expectNoScore(textsOf(contact[0]!.card).join('\n'), ref, '1');

    // "Yes, someone to talk to": she is told the supporter knows; the supporter is not asked twice.
    const sinceTalk = e2e.connector.calls.length;
    await e2e.send(anna, { value: talkYes });
    expect(textsOf(e2e.cardsSince(sinceTalk, anna)[0])).toContain(i18n.t('nb', 'checkin.peerTold'));
    await advance('PT1M');
    expect(e2e.cardsSince(sinceTalk, ingrid)).toEqual([]);
    expect(await e2e.server.store.getCheckin(first!.id)).toMatchObject({ score: 1, wantsTalk: true });
  });
});

describe('follow-up on Slack, moving the server clock', () => {
  const nurse = 'UNURSE';
  const manager = 'UBOSS';
  const peer = 'UPEER';
  let slack: SlackE2E;
  let api: FakeSlackApi;
  let server: RunningServer;

  beforeAll(async () => {
    slack = await startSlackE2E();
    ({ api, server } = slack);
  });
  afterAll(() => slack?.close());

  const posts = () => slack.posts();
  const press = (b: Button, user: string) => slack.press(b, user);
  const dm = (user: string, text: string) => slack.dm(user, text);
  const isCheckin = (c: Post) => buttons(c.args.blocks).some((b) => b.action_id.startsWith('checkin.answer'));

  it('delivers the check-in after the clock moves, and score 2 sends the supporter a contact card', async () => {
    api.setUser(nurse, { locale: 'nb-NO', displayName: 'Kari Nordmann' });
    api.setUser(manager, { locale: 'sv-SE', displayName: 'Sven Chef' });
    api.setUser(peer, { locale: 'en-GB', displayName: 'Pat Peer' });
    await dm(manager, 'hjälp');
    await dm(peer, 'help');

    const { ref } = await slack.register(nurse, { summary: 'Feil medisin gitt på rom 3', manager, peer });

    // No playground with credentials: move the injected clock and run the dispatcher ourselves.
    server.clock.advance(HOUR);
    await server.dispatcher.runDue();
    expect(posts().filter(isCheckin)).toEqual([]);
    let before = server.clock.now();
    for (let h = 0; h < MAX_HOURS && !posts().some(isCheckin); h++) {
      before = server.clock.now();
      server.clock.advance(HOUR);
      await server.dispatcher.runDue();
    }
    const checkins = posts().filter(isCheckin);
    expect(checkins.map((c) => to(nurse)(c))).toEqual([true]);
    const { checkinId } = JSON.parse(buttons(checkins[0]!.args.blocks)[0]!.value!);
    const first = (await server.store.getCheckin(checkinId))!;
    expect(first).toMatchObject({ userId: nurse, seq: 1 });
    expect(first.dueAt.getTime()).toBeGreaterThan(before.getTime());
    expect(first.dueAt.getTime()).toBeLessThanOrEqual(server.clock.now().getTime());
    expectWorkingHours(first.dueAt);

    const two = buttons(checkins[0]!.args.blocks).find(
      (b) => b.action_id.startsWith('checkin.answer') && JSON.parse(b.value!).score === '2',
    )!;
    expect(JSON.parse(two.value!)).toMatchObject({ checkinId: first.id });
    let since = posts().length;
    expect((await press(two, nurse)).status).toBe(200);
    const talk = (await api.waitFor('chat.postMessage', since + 1, 10_000)).slice(since).find(to(nurse))!;
    const yes = buttons(talk.args.blocks).find(
      (b) => b.action_id.startsWith('checkin.talk') && JSON.parse(b.value!).talk === 'yes',
    )!;
    expect(yes).toBeDefined();

    server.clock.advance(60_000);
    await server.dispatcher.runDue();
    const title = i18n.t('en', 'checkin.peerContact.title', { person: 'Kari Nordmann' });
    const contact = (await api.waitFor('chat.postMessage', since + 2, 10_000))
      .slice(since)
      .filter((c) => c.args.text === title);
    expect(contact.map((c) => c.args.channel)).toEqual([peer]);
    expect(posts().slice(since).filter(to(manager))).toEqual([]);
    expectNoScore(JSON.stringify(contact[0]!.args.blocks), ref, '2');

    since = posts().length;
    expect((await press(yes, nurse)).status).toBe(200);
    const done = (await api.waitFor('chat.postMessage', since + 1, 10_000)).slice(since).find(to(nurse))!;
    expect(JSON.stringify(done.args.blocks)).toContain(i18n.t('nb', 'checkin.peerTold'));
    server.clock.advance(60_000);
    await server.dispatcher.runDue();
    expect(posts().filter((c) => c.args.text === title)).toHaveLength(1); // asked once, not twice
    expect(await server.store.getCheckin(first.id)).toMatchObject({ score: 2, wantsTalk: true });
  });
});
