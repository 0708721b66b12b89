// A stand-in for the Bot Framework's token signing: an OpenID metadata document and JWKS on
// 127.0.0.1, and RS256 JWTs shaped like the ones the Bot Connector sends to a bot.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject, sign } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const BF_ISSUER = 'https://api.botframework.com';

/**
 * botbuilder's authentication settings for the public cloud with only the channel's OpenID metadata
 * moved: once one of these is set, botbuilder expects all of them (BotFrameworkAuthenticationFactory).
 */
export function publicCloudWith(metadataUrl: string): Record<string, string> {
  return {
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: BF_ISSUER,
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: metadataUrl,
    ToBotFromEmulatorOpenIdMetadataUrl:
      'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: 'urn:botframework:azure',
  };
}

export interface FakeTokenIssuer {
  /** ToBotFromChannelOpenIdMetadataUrl for the channel's auth overrides. */
  metadataUrl: string;
  kid: string;
  /** A token for `appId` and `serviceUrl`, signed with the published key unless `key` is given. */
  token(claims: { appId: string; serviceUrl: string } & Record<string, unknown>, key?: KeyObject): string;
  /** A key that is not published (for forged tokens). */
  otherKey: KeyObject;
  close(): Promise<void>;
}

function newKey(): KeyObject {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return createPrivateKey(privateKey.export({ format: 'pem', type: 'pkcs8' }));
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

export async function startFakeTokenIssuer(): Promise<FakeTokenIssuer> {
  const key = newKey();
  const kid = 'test-key-1';
  const jwk = createPublicKey(key).export({ format: 'jwk' });
  let base = '';
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/openid') {
      res.end(
        JSON.stringify({
          issuer: BF_ISSUER,
          jwks_uri: `${base}/keys`,
          id_token_signing_alg_values_supported: ['RS256'],
        }),
      );
    } else if (req.url === '/keys') {
      res.end(
        JSON.stringify({ keys: [{ kty: 'RSA', use: 'sig', kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] }),
      );
    } else {
      res.statusCode = 404;
      res.end('{}');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    metadataUrl: `${base}/openid`,
    kid,
    otherKey: newKey(),
    token({ appId, serviceUrl, ...extra }, signingKey = key) {
      const now = Math.floor(Date.now() / 1000);
      const header = b64url({ alg: 'RS256', typ: 'JWT', kid });
      const payload = b64url({
        iss: BF_ISSUER,
        aud: appId,
        serviceurl: serviceUrl,
        nbf: now - 60,
        exp: now + 3600,
        ...extra,
      });
      const signature = sign('RSA-SHA256', Buffer.from(`${header}.${payload}`), signingKey).toString('base64url');
      return `${header}.${payload}.${signature}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
