// Slack end to end through the real server (real core, embedded store, dispatcher) with the fake
// Web API: the menu in each language, the registration modal (a refused identity number, then a
// good submission), and the manager's and peer supporter's DMs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { I18n } from '../../src/i18n/i18n.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { silentLogger } from '../../src/log.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.ts';
import { buttonPayload, dmEvent, postSlack, viewSubmission } from '../helpers/slack-harness.ts';

const SECRET = 'e2e-signing-secret';
const i18n = new I18n();

let api: FakeSlackApi;
let server: RunningServer;
let dataDir: string;
let url: string;

beforeAll(async () => {
  api = await startFakeSlackApi();
  dataDir = mkdtempSync(join(tmpdir(), 'ivr-slack-e2e-'));
  server = await startServer({
    env: { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-e2e', SLACK_API_URL: api.url, DATA_DIR: dataDir },
    port: 0,
    host: '127.0.0.1',
    log: silentLogger,
    tick: false,
  });
  url = `${server.url}/slack/events`;
});

afterAll(async () => {
  await server?.close();
  await api?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

const post = (body: unknown, form = false) => postSlack(url, body, { secret: SECRET, form });

/** A DM from `user` in `D<user>`; resolves with the bot's answer there. */
async function dm(user: string, text: string): Promise<Record<string, unknown>> {
  const channel = `D${user}`;
  const before = api.callsTo('chat.postMessage').length;
  expect((await post(dmEvent({ user, text, channel }))).status).toBe(200);
  const posts = await api.waitFor('chat.postMessage', before + 1, 10_000);
  const answer = posts.slice(before).find((c) => c.args.channel === channel);
  expect(answer).toBeDefined();
  return answer!.args;
}

/** The `{ref}` part of a text made from `key`, whatever the reference format. */
function refIn(text: string, locale: Locale, key: string): string {
  const [before = '', after = ''] = i18n.t(locale, key, { ref: '\u0000' }).split('\u0000');
  expect(text.startsWith(before) && text.endsWith(after)).toBe(true);
  return text.slice(before.length, text.length - after.length);
}

function buttons(blocks: unknown): { action_id: string; value?: string }[] {
  return (blocks as { type: string; elements?: { type: string; action_id: string; value?: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.type === 'button');
}

describe('Slack end to end', () => {
  const people: [string, string, string, Locale][] = [
    ['UNB1', 'nb-NO', 'hjelp', 'nb'],
    ['USV1', 'sv-SE', 'hjälp', 'sv'],
    ['UDA1', 'da-DK', 'hjælp', 'da'],
    ['UEN1', 'en-GB', 'help', 'en'],
  ];

  it.each(people)(
    'answers "help" from %s (%s) with the menu in their language',
    async (user, platformLocale, text, locale) => {
      api.setUser(user, { locale: platformLocale, displayName: `Person ${user}` });
      const answer = await dm(user, text);
      const title = i18n.t(locale, 'menu.title');
      expect(answer.text).toBe(title);
      expect(JSON.stringify(answer.blocks)).toContain(title);
      expect(buttons(answer.blocks).map((b) => b.action_id)).toContain('incident.new');
    },
  );

  it('registers an incident in a modal: refuses an identity number, keeps the modal, then saves and notifies', async () => {
    const reporter = 'UREP1';
    const manager = 'UMGR1';
    const peer = 'UPEER1';
    api.setUser(reporter, { locale: 'nb-NO', displayName: 'Kari Nordmann' });
    api.setUser(manager, { locale: 'sv-SE', displayName: 'Sven Chef' });
    api.setUser(peer, { locale: 'da-DK', displayName: 'Dorte Kollega' });
    // The manager and the peer have talked to the bot before, so their languages are known.
    await dm(manager, 'hjälp');
    await dm(peer, 'hjælp');

    // 1. "ny hendelse" → a launcher message with a dialog.open button.
    const launcher = await dm(reporter, 'ny hendelse');
    const open = buttons(launcher.blocks).find((b) => b.action_id === 'dialog.open');
    expect(open?.value).toBe(JSON.stringify({ card: 'incident.register' }));

    // 2. Pressing it opens the modal.
    const opens = api.callsTo('views.open').length;
    const pressed = await post(
      buttonPayload({
        actionId: 'dialog.open',
        value: open?.value,
        user: reporter,
        channel: `D${reporter}`,
        triggerId: 'trig-e2e',
      }),
      true,
    );
    expect(pressed.status).toBe(200);
    const [viewOpen] = (await api.waitFor('views.open', opens + 1, 10_000)).slice(opens);
    const view = viewOpen?.args.view as {
      callback_id: string;
      private_metadata: string;
      blocks: { type: string; block_id?: string }[];
    };
    expect(viewOpen?.args.trigger_id).toBe('trig-e2e');
    expect(view.callback_id).toBe('incident.register');
    // Where to answer, and the submitting action's data (the form's submission id).
    expect(JSON.parse(view.private_metadata)).toEqual({
      channel: `D${reporter}`,
      data: { submissionId: expect.stringMatching(/^[\w-]{8,}$/) },
    });
    const inputIds = view.blocks.filter((b) => b.type === 'input').map((b) => b.block_id);
    expect(inputIds).toEqual(['summary', 'occurredAt', 'category', 'involved', 'manager', 'peerSupporter']);

    const state = (summary: string) => ({
      summary: { summary: { type: 'plain_text_input', value: summary } },
      occurredAt: { occurredAt: { type: 'datetimepicker', selected_date_time: Math.floor(Date.now() / 1000) - 3600 } },
      category: { category: { type: 'static_select', selected_option: { value: 'medication' } } },
      involved: { involved: { type: 'multi_users_select', selected_users: [] } },
      manager: { manager: { type: 'users_select', selected_user: manager } },
      peerSupporter: { peerSupporter: { type: 'users_select', selected_user: peer } },
    });
    const submit = (summary: string) =>
      post(
        viewSubmission({
          callbackId: view.callback_id,
          user: reporter,
          privateMetadata: view.private_metadata,
          blocks: view.blocks,
          values: state(summary),
        }),
        true,
      );

    // 3. A summary with a fødselsnummer: refused, the modal stays open with the error on the summary.
    const postsBefore = api.callsTo('chat.postMessage').length;
    const refused = await submit('Feil medisin ble gitt, fnr 01010012356 ble forvekslet');
    expect(refused.status).toBe(200);
    expect(refused.json).toEqual({
      response_action: 'errors',
      errors: { summary: i18n.t('nb', 'privacy.nationalId') },
    });
    expect(api.callsTo('chat.postMessage')).toHaveLength(postsBefore);

    // 4. The corrected form: the modal closes and the case card comes to the reporter's DM.
    const saved = await submit('Feil medisin ble gitt til pasienten på rom 3');
    expect(saved.status).toBe(200);
    expect(saved.text).toBe('');
    // The case card and the follow-up plan to the reporter, the notices to manager and peer supporter
    // (and, depending on the time of day, the supporter's first check-in reminder).
    await api.waitFor('chat.postMessage', postsBefore + 4, 10_000);
    const fresh = () => api.callsTo('chat.postMessage').slice(postsBefore);
    const caseCard = fresh().find((c) => c.args.channel === `D${reporter}`);
    expect(JSON.stringify(caseCard?.args.blocks)).toContain(i18n.t('nb', 'case.registered'));

    // 5. Manager and peer supporter get DMs from the app, each in their own language.
    const toManager = fresh().find((c) => c.args.channel === manager);
    const ref = refIn(String(toManager?.args.text), 'sv', 'notice.manager.title');
    expect(ref).toMatch(/\S/);
    expect(toManager?.args.text).toBe(i18n.t('sv', 'notice.manager.title', { ref }));
    const peerRequest = i18n.t('da', 'peer.request.title', { ref });
    const toPeer = () =>
      fresh()
        .filter((c) => c.args.channel === peer)
        .map((c) => c.args.text);
    for (let i = 0; i < 200 && !toPeer().includes(peerRequest); i++) await new Promise((r) => setTimeout(r, 25));
    expect(toPeer()).toContain(peerRequest);
    expect(toManager?.token).toBe('xoxb-e2e');
  });
});
