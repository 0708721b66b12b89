// Slack modals never lose their answers (hospital-IT issue, product rule): the real server on
// PostgreSQL behind a TCP proxy, the fake Web API as Slack. A registration submitted while the
// database is cut, and one refused by the per-user rate limit, both answer `response_action: errors`:
// Slack keeps the modal open with what was typed, the first input says why nothing was saved.
// Submitted again once the database is back, the modal registers exactly one incident. A check-in
// answer (a button in a message) pressed during the outage is posted back with its buttons.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgConfigSchema } from '../../src/config/org-config.ts';
import { I18n } from '../../src/i18n/i18n.ts';
import { freshSchema, PG_SERVER, type TestSchema } from '../helpers/pg-schema.ts';
import { buttons, type SlackE2E, startSlackE2E, to } from '../helpers/slack-e2e.ts';
import { buttonPayload, type SlackView, stateFor, viewSubmission } from '../helpers/slack-harness.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';

const i18n = new I18n();
const BURST = 7;
const REPORTER = 'UOUTREP';
const FLOODER = 'UOUTFLD';
const ANSWERS = {
  summary: 'Pasienten fick fel dos under nattpasset',
  occurredAt: Math.floor(Date.now() / 1000) - 3600, // an hour ago, as Slack's datetimepicker sends it
  category: 'medication',
  manager: 'UOUTMGR',
};

let e2e: SlackE2E;
let schema: TestSchema;
let proxy: TcpProxy;

/** The registration modal as the user opens it from the menu (dialog.open with a trigger id). */
async function openRegistration(user: string): Promise<SlackView> {
  const opens = e2e.api.callsTo('views.open').length;
  const value = JSON.stringify({ card: 'incident.register' });
  const body = buttonPayload({ actionId: 'dialog.open', value, user, channel: `D${user}`, triggerId: `t-${opens}` });
  expect((await e2e.post(body, true)).status).toBe(200);
  const view = (await e2e.api.waitFor('views.open', opens + 1, 10_000))[opens]!.args.view as SlackView;
  expect(view.callback_id).toBe('incident.register');
  return view;
}

const submit = (user: string, view: SlackView) =>
  e2e.post(
    viewSubmission({
      callbackId: view.callback_id,
      user,
      privateMetadata: view.private_metadata,
      blocks: view.blocks,
      values: stateFor(view, ANSWERS),
    }),
    true,
  );

const incidents = (user: string) => e2e.server.store.listIncidentsForUser('slack', user);

beforeAll(async () => {
  schema = await freshSchema();
  const server = new URL(PG_SERVER);
  proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  // A small bucket, so the flooder runs out with a few messages.
  const config = orgConfigSchema.parse({ security: { rateLimit: { perMinute: 1, burst: BURST } } });
  e2e = await startSlackE2E({ DATABASE_URL: proxy.via(schema.url('ivr-slack-outage')) }, { config });
  e2e.api.setUser(REPORTER, { locale: 'sv-SE' });
  e2e.api.setUser(FLOODER, { locale: 'nb-NO' });
}, 30_000);
afterAll(async () => {
  proxy?.restore();
  await e2e?.close();
  await proxy?.close();
  await schema?.drop();
});

describe('a Slack modal submitted when it cannot be saved', () => {
  it('stays open during a database outage, and registers once when sent again after it', async () => {
    const view = await openRegistration(REPORTER);
    const posted = e2e.posts().filter(to(REPORTER)).length;
    proxy.cut();
    const refused = await submit(REPORTER, view);
    expect(refused.status).toBe(200);
    expect(refused.json).toEqual({ response_action: 'errors', errors: { summary: i18n.t('sv', 'unsaved.outage') } });
    proxy.restore();
    expect(await incidents(REPORTER)).toHaveLength(0);
    expect(e2e.posts().filter(to(REPORTER))).toHaveLength(posted);

    // The modal is still open with the answers: the user presses Submit again (twice, impatiently).
    for (let i = 0; i < 2; i++) {
      const saved = await submit(REPORTER, view);
      expect(saved.status).toBe(200);
      expect(saved.text).toBe(''); // the modal closes
    }
    const mine = await incidents(REPORTER);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ summary: ANSWERS.summary, category: 'medication' });
  }, 30_000);

  it('posts a check-in pressed during an outage back with its buttons, and applies it once after', async () => {
    const [incident] = await incidents(REPORTER);
    const [checkin] = await e2e.server.store.listPlanCheckins(incident!.id, REPORTER);
    const value = JSON.stringify({ checkinId: checkin!.id, score: '2' });
    const pressAnswer = async () => {
      const before = e2e.posts().filter(to(REPORTER)).length;
      const body = buttonPayload({ actionId: 'checkin.answer', value, user: REPORTER, channel: `D${REPORTER}` });
      expect((await e2e.post(body, true)).status).toBe(200);
      for (let i = 0; i < 500 && e2e.posts().filter(to(REPORTER)).length === before; i++)
        await new Promise((r) => setTimeout(r, 20));
      return e2e.posts().filter(to(REPORTER))[before]!.args;
    };
    proxy.cut();
    const kept = await pressAnswer();
    proxy.restore();
    expect(JSON.stringify(kept.blocks)).toContain(i18n.t('sv', 'unsaved.outage'));
    expect(buttons(kept.blocks).filter((b) => b.value === value)).toHaveLength(1);
    expect((await e2e.server.store.getCheckin(checkin!.id))?.status).toBe('planned');

    const answered = await pressAnswer();
    expect(JSON.stringify(answered.blocks)).toContain(i18n.t('sv', 'checkin.talkQuestion'));
    expect(await e2e.server.store.getCheckin(checkin!.id)).toMatchObject({ status: 'answered', score: 2 });
  }, 30_000);

  it('stays open when the rate limit refuses it, and carries nothing out', async () => {
    const view = await openRegistration(FLOODER); // one turn of the burst
    for (let i = 1; i < BURST; i++) await e2e.dm(FLOODER, 'hjelp');
    const posted = e2e.posts().filter(to(FLOODER)).length;
    const refused = await submit(FLOODER, view);
    expect(refused.status).toBe(200);
    expect(refused.json).toEqual({
      response_action: 'errors',
      errors: { summary: i18n.t('nb', 'unsaved.rateLimited') },
    });
    expect(await incidents(FLOODER)).toHaveLength(0);
    await new Promise((r) => setTimeout(r, 200));
    expect(e2e.posts().filter(to(FLOODER))).toHaveLength(posted);
  }, 30_000);
});
