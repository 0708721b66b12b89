// Buttons and modals: block_actions and view_submission through real HTTP, signed, with the fake Web API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.ts';
import {
  buttonPayload,
  type SlackRig,
  startSlackRig,
  TEAM,
  textCard,
  textState,
  viewSubmission,
} from '../helpers/slack-harness.ts';

const formCard: Card = {
  id: 'incident.register',
  fallbackText: 'Register an incident',
  body: [
    { kind: 'heading', text: 'Register an incident' },
    { kind: 'input', input: { type: 'text', id: 'summary', label: 'What happened?', multiline: true, required: true } },
    { kind: 'actions', actions: [{ id: 'incident.register', label: 'Save', style: 'primary', submit: true }] },
  ],
  modal: {
    title: 'New incident',
    submitLabel: 'Save',
    closeLabel: 'Cancel',
    launcherText: 'Register',
    launcherLabel: 'Open form',
  },
};

let rig: SlackRig;

beforeEach(async () => {
  rig = await startSlackRig({ submitTimeoutMs: 300 });
});
afterEach(async () => {
  await rig.close();
});

describe('Slack buttons', () => {
  it('opens the dialog card as a modal for dialog.open, answering in the DM', async () => {
    rig.core.respond = () => ({ cards: [formCard] });
    const res = await rig.post(
      buttonPayload({
        actionId: 'dialog.open',
        value: JSON.stringify({ card: 'incident.register' }),
        channel: 'D100',
        triggerId: 'trig-1',
      }),
      { form: true },
    );
    expect(res.status).toBe(200);
    const [open] = await rig.api.waitFor('views.open');
    expect(open?.args.trigger_id).toBe('trig-1');
    const view = open?.args.view as Record<string, unknown>;
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'incident.register',
      private_metadata: JSON.stringify({ channel: 'D100' }),
    });
    expect(view.blocks).toContainEqual(expect.objectContaining({ type: 'input', block_id: 'summary' }));
    expect(rig.core.turns[0]).toMatchObject({
      conversation: 'personal',
      user: { userId: 'U100', tenantId: TEAM },
      action: { id: 'dialog.open', values: { card: 'incident.register' } },
    });
    await rig.channel.idle();
    expect(rig.api.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('sends any other button to the core with its id (without #n) and data, and posts the reply', async () => {
    await rig.post(
      buttonPayload({ actionId: 'incident.view#2', value: JSON.stringify({ incidentId: 'abc' }), channel: 'C500' }),
      {
        form: true,
      },
    );
    const [post] = await rig.api.waitFor('chat.postMessage');
    expect(post?.args.channel).toBe('C500');
    expect(rig.core.turns[0]).toMatchObject({
      conversation: 'channel',
      action: { id: 'incident.view', values: { incidentId: 'abc' } },
    });
  });

  it('treats a malformed button value as no data, and lets the core answer an unknown action', async () => {
    rig.core.respond = (turn) => ({ cards: [textCard('menu', `not understood: ${turn.action?.id}`)] });
    await rig.post(buttonPayload({ actionId: 'no.such.action', value: '{broken' }), { form: true });
    const [post] = await rig.api.waitFor('chat.postMessage');
    expect(post?.args.text).toBe('not understood: no.such.action');
    expect(rig.core.turns[0]?.action).toEqual({ id: 'no.such.action', values: {} });
  });

  it('does not treat a link button as a turn', async () => {
    const res = await rig.post(buttonPayload({ actionId: 'link.report', url: 'https://example.org/report' }), {
      form: true,
    });
    expect(res.status).toBe(200);
    await rig.channel.idle();
    expect(rig.core.turns).toHaveLength(0);
  });

  it('posts the modal card in the chat when there is no modal to open', async () => {
    rig.core.respond = () => ({ cards: [textCard('menu', 'pick something')] });
    await rig.post(buttonPayload({ actionId: 'dialog.open', value: JSON.stringify({ card: 'nope' }) }), { form: true });
    const [post] = await rig.api.waitFor('chat.postMessage');
    expect(post?.args.text).toBe('pick something');
    expect(rig.api.callsTo('views.open')).toHaveLength(0);
  });
});

describe('Slack modal submissions', () => {
  const submission = (meta?: string) =>
    viewSubmission({
      callbackId: 'incident.register',
      values: textState({ summary: 'Fell in the corridor' }),
      privateMetadata: meta ?? JSON.stringify({ channel: 'D100' }),
    });

  it('keeps the modal open with response_action errors when the core refuses the form', async () => {
    rig.core.respond = () => ({ cards: [formCard], formErrors: { summary: 'Remove the identity number' } });
    const res = await rig.post(submission(), { form: true });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ response_action: 'errors', errors: { summary: 'Remove the identity number' } });
    expect(rig.core.turns[0]).toMatchObject({
      action: { id: 'incident.register', values: { summary: 'Fell in the corridor' } },
    });
    await rig.channel.idle();
    expect(rig.api.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('closes the modal and posts the reply to the channel it came from', async () => {
    rig.core.respond = () => ({ cards: [textCard('incident.case', 'Registered IVR-1')] });
    const res = await rig.post(submission(), { form: true });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    const [post] = await rig.api.waitFor('chat.postMessage');
    expect(post?.args).toMatchObject({ channel: 'D100', text: 'Registered IVR-1' });
  });

  it('answers in a DM to the user when the modal carries no channel', async () => {
    rig.core.respond = () => ({ cards: [textCard('incident.case', 'Registered')] });
    await rig.post(submission('not json'), { form: true });
    const [post] = await rig.api.waitFor('chat.postMessage');
    expect(post?.args.channel).toBe('U100');
  });

  it('keeps the modal open with a localised "try again" on the first input when the core throws', async () => {
    rig.core.knowUser('U100', { localePref: 'sv' });
    rig.core.respond = () => {
      throw new Error('db down');
    };
    const res = await rig.post(submission(), { form: true });
    expect(res.json).toEqual({ response_action: 'errors', errors: { summary: 'sv:error.tryAgain' } });
  });

  it('keeps the modal open when the core is too slow, and tells the user if the save lands later', async () => {
    rig.core.respond = async () => {
      await new Promise((r) => setTimeout(r, 600));
      return { cards: [textCard('incident.case', 'Registered late')] };
    };
    const started = Date.now();
    const res = await rig.post(submission(), { form: true });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(res.json).toEqual({ response_action: 'errors', errors: { summary: 'en:error.tryAgain' } });
    const [post] = await rig.api.waitFor('chat.postMessage');
    expect(post?.args.text).toBe('Registered late');
  });
});
