// POST /api/messages in local (auth-less) mode: activity → Turn, replies as Adaptive Cards at the
// activity's serviceUrl, and the HTTP edge (malformed, oversized, incomplete activities).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { BOT_ID, startTeamsRig, TENANT, type TeamsRig } from '../helpers/teams-harness.ts';

let rig: TeamsRig;
beforeAll(async () => {
  rig = await startTeamsRig();
});
afterAll(() => rig.close());
beforeEach(() => {
  rig.core.turns = [];
  rig.core.respond = (turn) => ({
    cards: [
      { id: 'echo', fallbackText: 'echo', body: [{ kind: 'text', text: `echo:${turn.text ?? turn.action?.id}` }] },
    ],
  });
  rig.connector.reset();
});

describe('activity → Turn', () => {
  it('maps a personal message with user, tenant, locale, time zone and address', async () => {
    const res = await rig.post(rig.activity({ text: 'hjelp' }));
    expect(res.status).toBe(200);
    expect(rig.core.turns).toHaveLength(1);
    expect(rig.core.turns[0]).toEqual({
      channel: 'teams',
      user: { channel: 'teams', userId: 'aad-anna', tenantId: TENANT, displayName: 'Anna Berg' },
      platformLocale: 'nb-NO',
      timeZone: 'Europe/Oslo',
      conversation: 'personal',
      text: 'hjelp',
      address: {
        serviceUrl: rig.connector.serviceUrl,
        conversationId: 'a:dm-anna',
        botId: BOT_ID,
        teamsUserId: '29:teams-anna',
        tenantId: TENANT,
      },
    });
  });

  it('removes the bot @mention in a channel, keeps the tenant from channelData, stores no conversation', async () => {
    await rig.post(
      rig.activity({
        text: '<at>Ivareta</at> help please',
        from: { id: '29:teams-lars', name: 'Lars Holm' }, // no aadObjectId: falls back to the Teams id
        conversation: { id: '19:abc@thread.tacv2;messageid=1', conversationType: 'channel', isGroup: true },
        channelData: { tenant: { id: 'tenant-from-channel-data' } },
        locale: 'sv-SE',
        entities: [
          { type: 'mention', text: '<at>Ivareta</at>', mentioned: { id: BOT_ID, name: 'Ivareta' } },
          { type: 'mention' }, // malformed: ignored, not a crash
        ],
      }),
    );
    const turn = rig.core.turns[0]!;
    expect(turn.text).toBe('help please');
    expect(turn.conversation).toBe('channel');
    expect(turn.user).toEqual({
      channel: 'teams',
      userId: '29:teams-lars',
      tenantId: 'tenant-from-channel-data',
      displayName: 'Lars Holm',
    });
    expect(turn.platformLocale).toBe('sv-SE');
    expect(turn.timeZone).toBeUndefined();
    expect(turn.address).not.toHaveProperty('conversationId');
  });

  it('keeps mentions of other people', async () => {
    await rig.post(
      rig.activity({
        text: '<at>Ivareta</at> ask <at>Ingrid</at>',
        conversation: { id: '19:group', conversationType: 'groupChat', tenantId: TENANT },
        entities: [
          { type: 'mention', text: '<at>Ivareta</at>', mentioned: { id: BOT_ID } },
          { type: 'mention', text: '<at>Ingrid</at>', mentioned: { id: '29:ingrid' } },
        ],
      }),
    );
    expect(rig.core.turns[0]?.text).toBe('ask <at>Ingrid</at>');
    expect(rig.core.turns[0]?.conversation).toBe('group');
  });

  it('turns an Action.Submit value into an action with the inputs and data', async () => {
    await rig.post(
      rig.activity({
        text: undefined,
        value: { verb: 'incident.register', summary: 'x', occurredAt: '2026-11-27', occurredAtTime: '08:30' },
      }),
    );
    const turn = rig.core.turns[0]!;
    expect(turn.action).toEqual({
      id: 'incident.register',
      values: { summary: 'x', occurredAt: '2026-11-27', occurredAtTime: '08:30' },
    });
    expect(turn.text).toBeUndefined();
  });

  it('routes an Action.Execute invoke to the core and answers the invoke', async () => {
    const res = await rig.post(
      rig.activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        text: undefined,
        value: {
          action: { type: 'Action.Execute', verb: 'incident.view', data: { incidentId: 'x' } },
          trigger: 'manual',
        },
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.activity.message' });
    expect(rig.core.turns[0]?.action).toEqual({ id: 'incident.view', values: { incidentId: 'x' } });
    expect(rig.connector.calls.filter((c) => c.kind === 'reply')).toHaveLength(1);
  });

  it('answers other invokes with 501 and does not call the core', async () => {
    const res = await rig.post(rig.activity({ type: 'invoke', name: 'task/fetch', text: undefined, value: {} }));
    expect(res.status).toBe(501);
    expect(rig.core.turns).toHaveLength(0);
  });

  it('greets a user who installs the bot in a personal chat with the menu action', async () => {
    const res = await rig.post(
      rig.activity({ type: 'conversationUpdate', text: undefined, membersAdded: [{ id: BOT_ID }] }),
    );
    expect(res.status).toBe(200);
    expect(rig.core.turns[0]?.action).toEqual({ id: 'menu', values: {} });
  });

  it('ignores other activity types and redelivered activities', async () => {
    expect((await rig.post(rig.activity({ type: 'typing' }))).status).toBe(200);
    const again = rig.activity({ text: 'hjelp' });
    await rig.post(again);
    await rig.post(again);
    expect(rig.core.turns).toHaveLength(1);
  });
});

describe('replies', () => {
  it('sends each card as an Adaptive Card attachment to the serviceUrl, in reply to the activity', async () => {
    rig.core.respond = () => ({
      cards: [
        { id: 'a', fallbackText: 'A', body: [{ kind: 'heading', text: 'A' }] },
        { id: 'b', fallbackText: 'B', body: [{ kind: 'actions', actions: [{ id: 'menu', label: 'Menu' }] }] },
      ],
    });
    const activity = rig.activity({ text: 'hjelp' });
    expect((await rig.post(activity)).status).toBe(200);
    const replies = rig.connector.calls.filter((c) => c.kind === 'reply');
    expect(replies).toHaveLength(2);
    expect(replies[0]).toMatchObject({ conversationId: 'a:dm-anna', activityId: activity.id });
    expect(replies[0]?.headers.authorization).toBeUndefined(); // local mode: no token fetched or sent
    const attachment = replies[0]?.body.attachments[0];
    expect(attachment.contentType).toBe('application/vnd.microsoft.card.adaptive');
    expect(attachment.content).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(replies[1]?.body.attachments[0].content.actions[0]).toMatchObject({
      type: 'Action.Submit',
      data: { verb: 'menu' },
    });
  });

  it('answers with a localised "try again" when the core fails', async () => {
    rig.core.respond = () => {
      throw new Error('database down');
    };
    const res = await rig.post(rig.activity({ text: 'hjelp', locale: 'da-DK' }));
    expect(res.status).toBe(200);
    const reply = rig.connector.calls.find((c) => c.kind === 'reply');
    expect(reply?.body.text).toBe('da:error.tryAgain');
  });

  it('answers 500 without internals when the reply cannot be delivered', async () => {
    rig.connector.failNext(1, { status: 403 });
    const res = await rig.post(rig.activity({ text: 'hjelp' }));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'internal error' });
  });
});

describe('HTTP edge', () => {
  it('runs auth-less without an appId', () => {
    expect(rig.channel.authless).toBe(true);
  });

  it('answers 400 to malformed JSON and to bodies that are not activities', async () => {
    for (const raw of ['{"type":', '[]', '42', '{"text":"no type"}']) {
      const res = await rig.postRaw(raw);
      expect(res.status, raw).toBe(400);
    }
    expect(rig.core.turns).toHaveLength(0);
  });

  it('answers 400 to a message without the ids a turn needs', async () => {
    const res = await rig.post(rig.activity({ from: undefined }));
    expect(res.status).toBe(400);
    expect(rig.core.turns).toHaveLength(0);
  });

  it('refuses a non-loopback serviceUrl in local mode', async () => {
    const res = await rig.post(rig.activity({ serviceUrl: 'https://smba.trafficmanager.net/emea/' }));
    expect(res.status).toBe(400);
    expect(rig.core.turns).toHaveLength(0);
  });

  it('answers 413 to a body over 256 KiB', async () => {
    const big = rig.activity({ text: 'x'.repeat(300 * 1024) });
    const res = await rig.post(big);
    expect(res.status).toBe(413);
    expect(rig.core.turns).toHaveLength(0);
  });

  it('answers 413 to a chunked body over 256 KiB', async () => {
    const chunk = new TextEncoder().encode('x'.repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 6) controller.enqueue(chunk);
        else controller.close();
      },
    });
    const res = await fetch(rig.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    expect(res.status).toBe(413);
  });
});
