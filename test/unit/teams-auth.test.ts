// With MicrosoftAppId set, POST /api/messages takes only activities with a valid Bot Framework JWT:
// everything else gets 401 (never 500) and never reaches the core. Tokens are checked against a
// local stand-in for the Bot Framework's OpenID metadata, so the real validators run offline.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type FakeTokenIssuer, publicCloudWith, startFakeTokenIssuer } from '../helpers/teams-auth.ts';
import { startTeamsRig, type TeamsRig } from '../helpers/teams-harness.ts';

const APP_ID = '00000000-0000-4000-8000-00000000b07a';

let issuer: FakeTokenIssuer;
let rig: TeamsRig;
beforeAll(async () => {
  issuer = await startFakeTokenIssuer();
  rig = await startTeamsRig({
    appId: APP_ID,
    appPassword: 'not-used-offline',
    authOverrides: publicCloudWith(issuer.metadataUrl),
  });
});
afterAll(async () => {
  await rig.close();
  await issuer.close();
});
beforeEach(() => {
  rig.core.turns = [];
  rig.core.respond = () => ({ cards: [] }); // no replies: those would fetch a real AAD token
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('authenticated mode (appId set)', () => {
  it('is not auth-less', () => {
    expect(rig.channel.authless).toBe(false);
  });

  it('answers 401 to a request without a token', async () => {
    const res = await rig.post(rig.activity());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'unauthorized' });
    expect(rig.core.turns).toHaveLength(0);
  });

  it('answers 401 to tokens that are not JWTs or use another scheme', async () => {
    for (const authorization of ['Bearer not-a-jwt', 'Basic dXNlcjpwYXNz', 'Bearer']) {
      const res = await rig.post(rig.activity(), { authorization });
      expect(res.status, authorization).toBe(401);
    }
    expect(rig.core.turns).toHaveLength(0);
  });

  it('answers 401 (not 500) to a token signed with another key', async () => {
    const activity = rig.activity();
    const forged = issuer.token({ appId: APP_ID, serviceUrl: activity.serviceUrl }, issuer.otherKey);
    const res = await rig.post(activity, bearer(forged));
    expect(res.status).toBe(401);
    expect(rig.core.turns).toHaveLength(0);
  });

  it('answers 401 to a token for another bot, another serviceUrl, or an expired one', async () => {
    const activity = rig.activity();
    const now = Math.floor(Date.now() / 1000);
    const tokens = [
      issuer.token({ appId: 'someone-else', serviceUrl: activity.serviceUrl }),
      issuer.token({ appId: APP_ID, serviceUrl: 'https://elsewhere.example/' }),
      issuer.token({ appId: APP_ID, serviceUrl: activity.serviceUrl, exp: now - 3600, nbf: now - 7200 }),
      issuer.token({ appId: APP_ID, serviceUrl: activity.serviceUrl, iss: 'https://evil.example' }),
    ];
    for (const token of tokens) expect((await rig.post(activity, bearer(token))).status).toBe(401);
    expect(rig.core.turns).toHaveLength(0);
  });

  it('runs the turn for a valid token, whatever the serviceUrl host', async () => {
    const activity = rig.activity({ serviceUrl: 'https://smba.trafficmanager.net/emea/' });
    const token = issuer.token({ appId: APP_ID, serviceUrl: activity.serviceUrl });
    const res = await rig.post(activity, bearer(token));
    expect(res.status).toBe(200);
    expect(rig.core.turns).toHaveLength(1);
    expect(rig.core.turns[0]?.user.userId).toBe('aad-anna');
  });

  it('still answers 400 to malformed JSON before any auth', async () => {
    expect((await rig.postRaw('{nope')).status).toBe(400);
  });
});

describe('signing keys unavailable', () => {
  it('answers 503, not 401 or 500, when the OpenID metadata cannot be fetched', async () => {
    const offline = await startTeamsRig({
      appId: APP_ID,
      authOverrides: publicCloudWith('http://127.0.0.1:9/openid'),
    });
    try {
      const activity = offline.activity();
      const res = await offline.post(
        activity,
        bearer(issuer.token({ appId: APP_ID, serviceUrl: activity.serviceUrl })),
      );
      expect(res.status).toBe(503);
      expect(offline.core.turns).toHaveLength(0);
    } finally {
      await offline.close();
    }
  });
});

describe('no appId, but local mode not allowed', () => {
  it('refuses every request with 401 and never calls the core', async () => {
    const closed = await startTeamsRig({ allowAuthless: false });
    try {
      expect(closed.channel.authless).toBe(false);
      const res = await closed.post(closed.activity());
      expect(res.status).toBe(401);
      expect(closed.core.turns).toHaveLength(0);
      expect(closed.connector.calls).toHaveLength(0);
    } finally {
      await closed.close();
    }
  });
});
