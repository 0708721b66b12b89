// The post-incident pathway on Slack end to end: real server (core, embedded store, dispatcher)
// behind HTTP, the fake Web API as Slack. Slack opens step forms in a modal: a step button posts a
// launcher, its `dialog.open` button opens the modal, and the view submission saves the step. Three
// steps are saved this way, an identity number keeps the modal open, and an outsider is refused.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepId } from '../../src/domain/pathway.ts';
import { I18n } from '../../src/i18n/i18n.ts';
import { silentLogger } from '../../src/log.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { type FakeSlackApi, startFakeSlackApi } from '../helpers/fake-slack-api.ts';
import {
  buttonPayload,
  dmEvent,
  postSlack,
  type SlackView,
  stateFor,
  viewSubmission,
} from '../helpers/slack-harness.ts';

const SECRET = 'e2e-pathway-secret';
const i18n = new I18n();
const REPORTER = 'UPWREP'; // the involved nurse
const MANAGER = 'UPWMGR';
const PEER = 'UPWPEER';
const OUTSIDER = 'UPWOUT';

let api: FakeSlackApi;
let server: RunningServer;
let dataDir: string;
let url: string;
let incidentId: string;

type Args = Record<string, unknown>;

const post = (body: unknown, form = false) => postSlack(url, body, { secret: SECRET, form });

/** The first message the bot posts to `channel` after `before` posts; answers come after the ack. */
async function postedTo(channel: string, before: number): Promise<Args> {
  for (const start = Date.now(); Date.now() - start < 10_000; ) {
    const hit = api
      .callsTo('chat.postMessage')
      .slice(before)
      .find((c) => c.args.channel === channel);
    if (hit) return hit.args;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`nothing posted to ${channel}`);
}

const posts = () => api.callsTo('chat.postMessage').length;

async function dm(user: string, text: string): Promise<Args> {
  const before = posts();
  expect((await post(dmEvent({ user, text, channel: `D${user}` }))).status).toBe(200);
  return postedTo(`D${user}`, before);
}

/** Presses a button in the user's DM; resolves with the message the bot posts back there. */
async function press(user: string, actionId: string, value: unknown): Promise<Args> {
  const before = posts();
  const body = buttonPayload({ actionId, value: JSON.stringify(value), user, channel: `D${user}` });
  expect((await post(body, true)).status).toBe(200);
  return postedTo(`D${user}`, before);
}

function buttons(message: Args): { action_id: string; value?: string }[] {
  return (message.blocks as { type: string; elements?: { type: string; action_id: string; value?: string }[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? [])
    .filter((e) => e.type === 'button');
}

/** Presses a `dialog.open` launcher button with a trigger id; resolves with the view Slack is asked to open. */
async function openModal(user: string, value: string): Promise<SlackView> {
  const opens = api.callsTo('views.open').length;
  const body = buttonPayload({ actionId: 'dialog.open', value, user, channel: `D${user}`, triggerId: `trig-${opens}` });
  expect((await post(body, true)).status).toBe(200);
  const call = (await api.waitFor('views.open', opens + 1, 10_000))[opens]!;
  expect(call.args.trigger_id).toBe(`trig-${opens}`);
  return call.args.view as SlackView;
}

/** The step's modal as the user reaches it: the step button on the case card opens it at once. */
async function openStep(user: string, step: StepId): Promise<SlackView> {
  const opens = api.callsTo('views.open').length;
  const value = JSON.stringify({ incidentId, step });
  const body = buttonPayload({ actionId: 'step.open', value, user, channel: `D${user}`, triggerId: `trig-${opens}` });
  expect((await post(body, true)).status).toBe(200);
  const call = (await api.waitFor('views.open', opens + 1, 10_000))[opens]!;
  expect(call.args.trigger_id).toBe(`trig-${opens}`);
  const view = call.args.view as SlackView;
  expect(view.callback_id).toBe('step.save');
  expect(JSON.parse(view.private_metadata).data).toEqual({ incidentId, step, v: expect.stringMatching(/^\d+$/) });
  return view;
}

/** Without a trigger id (e.g. an old message), the same button posts a launcher whose dialog.open opens the modal. */
async function openStepByLauncher(user: string, step: StepId): Promise<SlackView> {
  const before = posts();
  const body = buttonPayload({
    actionId: 'step.open',
    value: JSON.stringify({ incidentId, step }),
    user,
    channel: `D${user}`,
    triggerId: '',
  });
  expect((await post(body, true)).status).toBe(200);
  const launcher = await postedTo(`D${user}`, before);
  const open = buttons(launcher).find((b) => b.action_id === 'dialog.open');
  const value = JSON.parse(open!.value!);
  expect(value).toEqual({ card: `step.${step}`, incidentId, step, v: expect.stringMatching(/^\d+$/) });
  const view = await openModal(user, open!.value!);
  expect(view.callback_id).toBe('step.save');
  return view;
}

function submit(user: string, view: SlackView, answers: Record<string, string | string[] | number>) {
  const body = viewSubmission({
    callbackId: view.callback_id,
    user,
    privateMetadata: view.private_metadata,
    blocks: view.blocks,
    values: stateFor(view, answers),
  });
  return post(body, true);
}

const stepOf = async (step: StepId) => (await server.store.listSteps(incidentId)).find((s) => s.step === step)!;

beforeAll(async () => {
  api = await startFakeSlackApi();
  dataDir = mkdtempSync(join(tmpdir(), 'ivr-slack-pathway-'));
  server = await startServer({
    env: { SLACK_SIGNING_SECRET: SECRET, SLACK_BOT_TOKEN: 'xoxb-e2e', SLACK_API_URL: api.url, DATA_DIR: dataDir },
    port: 0,
    host: '127.0.0.1',
    log: silentLogger,
    tick: false,
  });
  url = `${server.url}/slack/events`;
  api.setUser(REPORTER, { locale: 'nb-NO', displayName: 'Kari Nordmann' });
  api.setUser(MANAGER, { locale: 'sv-SE', displayName: 'Sven Chef' });
  api.setUser(PEER, { locale: 'da-DK', displayName: 'Dorte Kollega' });
  api.setUser(OUTSIDER, { locale: 'nb-NO', displayName: 'Ola Utenfor' });
  // Known to the bot, so they can be chosen as manager and peer supporter.
  await dm(MANAGER, 'hjälp');
  await dm(PEER, 'hjælp');

  // Register through the modal, as in slack-flow.test.ts.
  const launcher = await dm(REPORTER, 'ny hendelse');
  const view = await openModal(REPORTER, buttons(launcher).find((b) => b.action_id === 'dialog.open')!.value!);
  const before = posts();
  const res = await submit(REPORTER, view, {
    summary: 'Feil medisin ble gitt til pasienten på rom 3',
    occurredAt: Math.floor(Date.now() / 1000) - 3600,
    category: 'medication',
    manager: MANAGER,
    peerSupporter: PEER,
  });
  expect(res.status).toBe(200);
  const caseCard = await postedTo(`D${REPORTER}`, before);
  const close = buttons(caseCard).find((b) => b.action_id === 'case.close');
  incidentId = JSON.parse(close!.value!).incidentId;
  expect(incidentId).toMatch(/^[0-9a-f-]{36}$/);
});

afterAll(async () => {
  await server?.close();
  await api?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('the pathway on Slack', () => {
  it('keeps the support modal open when the note holds an identity number, storing nothing', async () => {
    const view = await openStep(REPORTER, 'support');
    const before = await stepOf('support');
    const postsBefore = posts();
    const res = await submit(REPORTER, view, {
      done: ['listened'],
      note: 'Pasient 01010012356 fikk feil dose',
      state: 'done',
    });
    expect(res.status).toBe(200);
    const json = res.json as { response_action: string; errors: Record<string, string> };
    expect(json.response_action).toBe('errors');
    expect(json.errors.note).toBe(i18n.t('nb', 'privacy.nationalId'));
    expect(posts()).toBe(postsBefore);
    const after = await stepOf('support');
    expect(after.version).toBe(before.version);
    expect(JSON.stringify(after.data)).not.toContain('01010012356');
  });

  it('saves the support step from its modal: checkboxes and the state radio', async () => {
    const view = await openStep(REPORTER, 'support');
    const before = posts();
    const res = await submit(REPORTER, view, {
      done: ['listened', 'transportHome'],
      note: 'Kollega tok over resten av vakten',
      state: 'done',
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe(''); // the modal closes
    const caseCard = await postedTo(`D${REPORTER}`, before);
    expect(JSON.stringify(caseCard.blocks)).toContain(incidentId);
    const step = await stepOf('support');
    expect(step).toMatchObject({ state: 'done', updatedBy: REPORTER });
    expect(step.data.done).toEqual(['listened', 'transportHome']);
  });

  it('saves the report step with a reference number and a time', async () => {
    const view = await openStepByLauncher(REPORTER, 'report');
    const res = await submit(REPORTER, view, {
      reportRef: 'AVV-2026-118',
      reportedAt: Math.floor(Date.now() / 1000) - 600,
      state: 'done',
    });
    expect(res.text).toBe('');
    const step = await stepOf('report');
    expect(step.state).toBe('done');
    expect(step.data.reportRef).toBe('AVV-2026-118');
    expect(typeof step.data.reportedAt).toBe('string');
  });

  it("lets the manager fill in the manager support checklist in the manager's own DM", async () => {
    const view = await openStep(MANAGER, 'managerSupport');
    const before = posts();
    const res = await submit(MANAGER, view, { elements: ['attending', 'understanding'], state: 'in_progress' });
    expect(res.text).toBe('');
    await postedTo(`D${MANAGER}`, before);
    const step = await stepOf('managerSupport');
    expect(step).toMatchObject({ state: 'in_progress', updatedBy: MANAGER });
    expect(step.data.elements).toEqual(['attending', 'understanding']);
  });

  it('refuses an outsider: no modal, the access-denied message, and a forged submit changes nothing', async () => {
    const denied = i18n.t('nb', 'access.denied');
    const message = await press(OUTSIDER, 'step.open', { incidentId, step: 'support' });
    expect(JSON.stringify(message.blocks)).toContain(denied);
    expect(buttons(message).some((b) => b.action_id === 'dialog.open')).toBe(false);

    const opens = api.callsTo('views.open').length;
    const forged = JSON.stringify({ card: 'step.support', incidentId, step: 'support', v: '0' });
    const before = posts();
    const body = buttonPayload({ actionId: 'dialog.open', value: forged, user: OUTSIDER, channel: `D${OUTSIDER}` });
    await post(body, true);
    expect(JSON.stringify((await postedTo(`D${OUTSIDER}`, before)).blocks)).toContain(denied);
    expect(api.callsTo('views.open')).toHaveLength(opens);

    // A submission forged with the step's current version: refused like the button.
    const step = await stepOf('support');
    const meta = JSON.stringify({
      channel: `D${OUTSIDER}`,
      data: { incidentId, step: 'support', v: String(step.version) },
    });
    const postsBefore = posts();
    const res = await post(
      viewSubmission({
        callbackId: 'step.save',
        user: OUTSIDER,
        privateMetadata: meta,
        values: { state: { state: { type: 'radio_buttons', selected_option: { value: 'not_relevant' } } } },
      }),
      true,
    );
    expect(res.status).toBe(200);
    expect(JSON.stringify((await postedTo(`D${OUTSIDER}`, postsBefore)).blocks)).toContain(denied);
    const after = await stepOf('support');
    expect(after.version).toBe(step.version);
    expect(after.state).toBe('done');
  });
});
