// Signs a request body the way Slack does (v0): HMAC-SHA256 of `v0:<timestamp>:<body>`.
import { createHmac } from 'node:crypto';

export function slackSignature(secret: string, body: string, timestampSec: number): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestampSec}:${body}`).digest('hex')}`;
}

/** The two headers Slack adds; `timestampSec` defaults to now. */
export function signedHeaders(
  secret: string,
  body: string,
  timestampSec = Math.floor(Date.now() / 1000),
): { 'x-slack-request-timestamp': string; 'x-slack-signature': string } {
  return {
    'x-slack-request-timestamp': String(timestampSec),
    'x-slack-signature': slackSignature(secret, body, timestampSec),
  };
}
