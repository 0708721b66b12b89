// The escalation ladder end to end over real HTTP, one flow per channel, on an organisation config
// loaded from IVARETA_CONFIG: the 'support' step (due 4 hours after registration) is left undone, so
// the manager is told at the deadline and the department head (a roster role) an hour later, each in
// their language; the department head acknowledges, the manager is told it was taken, and the level
// above (the clinic director) is never told, nor is anyone told again. No notice carries what happened.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { I18n } from '../../src/i18n/i18n.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import type { Store } from '../../src/ports/store.ts';
import type { RunningServer } from '../../src/server.ts';
import type { FakeSlackApi } from '../helpers/fake-slack-api.ts';
import { type Button, buttons, type Post, type SlackE2E, startSlackE2E, to } from '../helpers/slack-e2e.ts';
import {
  actionsOf,
  type Person,
  person,
  startTeamsE2E,
  type TeamsE2E,
  textsOf,
  verbData,
} from '../helpers/teams-e2e.ts';

const i18n = new I18n();
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const SUMMARY = 'Feil dose gitt på nattevakt';

// A ladder without quiet hours and with response times in hours, so the test does not depend on the
// time of day it runs at: manager at the deadline, department head 1 h later, clinic director 2 h
// after that and once more 2 h later. Other steps fall due no earlier than 12 h after registration.
const CONFIG = `
escalation:
  reminders: { halfTime: false, dueMorning: false }
  roster:
    department-head:
      - { name: "Ingrid Dahl", teams: "aad-ingrid", slack: "UHEAD" }
    clinic-director:
      - { name: "Per Direktør", teams: "aad-per", slack: "UDIR" }
  ladders:
    - id: e2e
      repeatTop: 1
      levels:
        - { to: { role: manager }, respondWithin: { hours: 1 } }
        - { to: { role: department-head }, respondWithin: { hours: 2 } }
        - { to: { role: clinic-director }, respondWithin: { hours: 2 } }
`;

let configDir: string;
let configFile: string;
beforeAll(() => {
  configDir = mkdtempSync(join(tmpdir(), 'ivr-escalation-e2e-'));
  configFile = join(configDir, 'org.yaml');
  writeFileSync(configFile, CONFIG);
});
afterAll(() => {
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

const title = (locale: Locale, ref: string) =>
  i18n.t(locale, 'escalation.title', { step: i18n.t(locale, 'step.support.title'), ref });
const taken = (locale: Locale, by: string, ref: string) =>
  i18n.t(locale, 'escalation.taken', { by, step: i18n.t(locale, 'step.support.title'), ref });

/** The escalation notices sent for the support step, as `level:repeat:recipient`. */
async function sentNotices(store: Store, incidentId: string): Promise<string[]> {
  const prefix = `deadline:${incidentId}:support:`;
  return (await store.listOutbox({ incidentId, status: 'sent' }))
    .filter((m) => m.kind === 'escalation.notice' && m.idempotencyKey.startsWith(prefix))
    .map((m) => m.idempotencyKey.split(':esc:')[1]!)
    .sort();
}

/** Notices of the support step still waiting to be sent, by recipient. */
async function pendingNotices(store: Store, incidentId: string): Promise<string[]> {
  return (await store.listOutbox({ incidentId, status: 'pending' }))
    .filter((m) => m.kind === 'escalation.notice' && m.idempotencyKey.startsWith(`deadline:${incidentId}:support:`))
    .map((m) => m.recipient.userId)
    .sort();
}

describe('escalation on Teams, through the playground clock', () => {
  const anna = person('anna', 'Anna Berg', 'nb-NO');
  const lars = person('lars', 'Lars Holm', 'sv-SE');
  const ingrid = person('ingrid', 'Ingrid Dahl', 'da-DK');
  const per = person('per', 'Per Direktør', 'en-GB');
  let e2e: TeamsE2E;

  beforeAll(async () => {
    e2e = await startTeamsE2E({ IVARETA_CONFIG: configFile });
  });
  afterAll(() => e2e?.close());

  const advance = (by: string) => e2e.advance(by);
  /** Escalation notices for the support step to `who` since a call count. */
  const notices = (since: number, who: Person) =>
    e2e
      .cardsSince(since, who)
      .filter((c) => actionsOf(c).some((a) => a.data?.verb === 'escalation.ack' && a.data.step === 'support'));

  it('a missed deadline reaches level 2; its acknowledgement stops the ladder and tells level 1', async () => {
    for (const who of [lars, ingrid, per]) await e2e.send(who, { text: 'hjelp' });
    const { incidentId, ref } = await e2e.register(anna, { summary: SUMMARY, manager: 'aad-lars' });
    const start = e2e.connector.calls.length;
    // The whole ladder is planned: manager, department head, clinic director twice.
    expect(await pendingNotices(e2e.server.store, incidentId)).toEqual([
      'aad-ingrid',
      'aad-lars',
      'aad-per',
      'aad-per',
    ]);

    // Just before the deadline nobody is told; at it, the manager (level 1) only, in Swedish.
    await advance('PT3H59M');
    expect(notices(start, lars)).toEqual([]);
    await advance('PT2M');
    const [toLars, ...moreLars] = notices(start, lars);
    expect(toLars, 'level 1 never told').toBeDefined();
    expect(moreLars).toEqual([]);
    expect(textsOf(toLars)).toContain(title('sv', ref));
    expect(notices(start, ingrid)).toEqual([]);
    expect(await sentNotices(e2e.server.store, incidentId)).toEqual(['0:0:aad-lars']);

    // Level 1's hour passes without an acknowledgement: the department head (level 2), in Danish.
    await advance('PT58M');
    expect(notices(start, ingrid)).toEqual([]);
    await advance('PT2M');
    const [toIngrid, ...moreIngrid] = notices(start, ingrid);
    expect(toIngrid, 'level 2 never told').toBeDefined();
    expect(moreIngrid).toEqual([]);
    expect(textsOf(toIngrid)).toContain(title('da', ref));
    expect(textsOf(toIngrid).join('\n')).toContain('Lars Holm'); // who owns the step
    expect(notices(start, per)).toEqual([]);
    expect(await sentNotices(e2e.server.store, incidentId)).toEqual(['0:0:aad-lars', '1:0:aad-ingrid']);

    // She takes it: the chain stops, and the level below hears who took it.
    const ack = verbData(toIngrid, 'escalation.ack');
    expect(ack).toMatchObject({ incidentId, step: 'support', gen: expect.stringMatching(/^g/) });
    const sinceAck = e2e.connector.calls.length;
    expect((await e2e.send(ingrid, { value: ack })).status).toBe(200);
    expect(textsOf(e2e.cardsSince(sinceAck, ingrid)[0])).toContain(i18n.t('da', 'escalation.acked'));
    expect(await pendingNotices(e2e.server.store, incidentId)).toEqual([]);
    await advance('PT1M');
    const takenCards = e2e
      .cardsSince(sinceAck, lars)
      .filter((c) => textsOf(c).includes(taken('sv', 'Ingrid Dahl', ref)));
    expect(takenCards).toHaveLength(1);
    expect(e2e.cardsSince(sinceAck, ingrid).filter((c) => textsOf(c).some((t) => t.includes('Ingrid Dahl')))).toEqual(
      [],
    );

    // Past the time of level 3 and its repeat: nobody is told again.
    await advance('PT5H');
    for (const who of [lars, ingrid, per]) expect(notices(sinceAck, who), who.name).toEqual([]);
    expect(await sentNotices(e2e.server.store, incidentId)).toEqual(['0:0:aad-lars', '1:0:aad-ingrid']);

    // Never what happened, in any notice.
    for (const card of [toLars, toIngrid, ...takenCards]) expect(JSON.stringify(card)).not.toContain('Feil dose');
    const audit = (await e2e.server.store.listAudit(incidentId)).map((a) => a.action);
    expect(audit.filter((a) => a === 'escalation.notice.sent')).toHaveLength(2);
    expect(audit.filter((a) => a === 'escalation.ack')).toHaveLength(1);
  });
});

describe('escalation on Slack, moving the server clock', () => {
  const nurse = 'UNURSE';
  const manager = 'UBOSS';
  const head = 'UHEAD';
  const director = 'UDIR';
  let slack: SlackE2E;
  let api: FakeSlackApi;
  let server: RunningServer;

  beforeAll(async () => {
    slack = await startSlackE2E({ IVARETA_CONFIG: configFile });
    ({ api, server } = slack);
  });
  afterAll(() => slack?.close());

  const posts = () => slack.posts();
  const press = (b: Button, user: string) => slack.press(b, user);
  const dm = (user: string, text: string) => slack.dm(user, text);
  const ackOf = (c: Post) =>
    buttons(c.args.blocks).find(
      (b) => b.action_id.replace(/#\d+$/, '') === 'escalation.ack' && JSON.parse(b.value!).step === 'support',
    );
  /** Escalation notices for the support step to `user` since a post count. */
  const notices = (since: number, user: string) =>
    posts()
      .slice(since)
      .filter((c) => to(user)(c) && ackOf(c));
  const advance = async (ms: number) => {
    server.clock.advance(ms);
    await server.dispatcher.runDue();
  };

  it('a missed deadline reaches level 2; its acknowledgement stops the ladder and tells level 1', async () => {
    api.setUser(nurse, { locale: 'nb-NO', displayName: 'Kari Nordmann' });
    api.setUser(manager, { locale: 'sv-SE', displayName: 'Sven Chef' });
    api.setUser(head, { locale: 'da-DK', displayName: 'Ingrid Dahl' });
    api.setUser(director, { locale: 'en-GB', displayName: 'Per Director' });
    await dm(manager, 'hjälp');
    await dm(head, 'hjælp');
    await dm(director, 'help');

    const { incidentId, ref } = await slack.register(nurse, { summary: SUMMARY, manager });
    const start = posts().length;
    expect(await pendingNotices(server.store, incidentId)).toEqual([director, director, head, manager].sort());

    // No playground with credentials: move the injected clock and run the dispatcher ourselves.
    await advance(4 * HOUR - MINUTE);
    expect(notices(start, manager)).toEqual([]);
    await advance(2 * MINUTE);
    const [toManager, ...moreManager] = notices(start, manager);
    expect(toManager, 'level 1 never told').toBeDefined();
    expect(moreManager).toEqual([]);
    expect(toManager!.args.text).toBe(title('sv', ref));
    expect(notices(start, head)).toEqual([]);
    expect(await sentNotices(server.store, incidentId)).toEqual([`0:0:${manager}`]);

    await advance(HOUR - 2 * MINUTE);
    expect(notices(start, head)).toEqual([]);
    await advance(2 * MINUTE);
    const [toHead, ...moreHead] = notices(start, head);
    expect(toHead, 'level 2 never told').toBeDefined();
    expect(moreHead).toEqual([]);
    expect(toHead!.args.text).toBe(title('da', ref));
    expect(JSON.stringify(toHead!.args.blocks)).toContain('Sven Chef'); // who owns the step
    expect(notices(start, director)).toEqual([]);
    expect(await sentNotices(server.store, incidentId)).toEqual([`0:0:${manager}`, `1:0:${head}`]);

    // The department head takes it: the chain stops, the manager hears who took it.
    const ack = ackOf(toHead!)!;
    expect(JSON.parse(ack.value!)).toMatchObject({ incidentId, step: 'support', gen: expect.stringMatching(/^g/) });
    const sinceAck = posts().length;
    expect((await press(ack, head)).status).toBe(200);
    // The answer is posted after the 200; the taken notice may go out before it (the enqueue wakes the dispatcher).
    let reply: Post | undefined;
    for (let k = 1; k <= 3 && !reply; k++)
      reply = (await api.waitFor('chat.postMessage', sinceAck + k, 10_000)).slice(sinceAck).find(to(head));
    expect(reply, 'no answer to the acknowledgement').toBeDefined();
    expect(JSON.stringify(reply!.args.blocks)).toContain(i18n.t('da', 'escalation.acked'));
    expect(await pendingNotices(server.store, incidentId)).toEqual([]);
    await advance(MINUTE);
    const takenText = taken('sv', 'Ingrid Dahl', ref);
    const takenPosts = posts()
      .slice(sinceAck)
      .filter((c) => c.args.text === takenText);
    expect(takenPosts.map((c) => c.args.channel)).toEqual([manager]);

    // Past the time of level 3 and its repeat: nobody is told again.
    for (let h = 0; h < 5; h++) await advance(HOUR);
    for (const user of [manager, head, director]) expect(notices(sinceAck, user), user).toEqual([]);
    expect(posts().filter((c) => c.args.text === takenText)).toHaveLength(1);
    expect(await sentNotices(server.store, incidentId)).toEqual([`0:0:${manager}`, `1:0:${head}`]);

    for (const c of [toManager!, toHead!, ...takenPosts]) expect(JSON.stringify(c.args)).not.toContain('Feil dose');
    const audit = (await server.store.listAudit(incidentId)).map((a) => a.action);
    expect(audit.filter((a) => a === 'escalation.notice.sent')).toHaveLength(2);
    expect(audit.filter((a) => a === 'escalation.ack')).toHaveLength(1);
  });
});
