// A running server with Slack credentials against the fake Web API, and the few moves an end-to-end
// Slack test makes: post a signed event, press a button, DM the bot and read its answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import type { Button } from './card-json.ts';
import { type FakeSlackApi, startFakeSlackApi } from './fake-slack-api.ts';
import { buttonPayload, dmEvent, postSlack } from './slack-harness.ts';

export { type Button, buttons } from './card-json.ts';
export type Post = { args: Record<string, unknown> };

/** A post to `user`'s DM (by user id or the D-channel the fake gives it). */
export const to = (user: string) => (c: Post) => c.args.channel === user || c.args.channel === `D${user}`;

export interface SlackE2E {
  api: FakeSlackApi;
  server: RunningServer;
  post(body: unknown, form?: boolean): ReturnType<typeof postSlack>;
  /** Every chat.postMessage so far. */
  posts(): Post[];
  press(b: Button, user: string): ReturnType<typeof postSlack>;
  /** DMs the bot and returns its answer to `user`. */
  dm(user: string, text: string): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

export async function startSlackE2E(env: Record<string, string> = {}): Promise<SlackE2E> {
  const secret = 'e2e-slack-secret';
  const api = await startFakeSlackApi();
  const dataDir = mkdtempSync(join(tmpdir(), 'ivr-slack-e2e-'));
  const server = await startServer({
    env: {
      SLACK_SIGNING_SECRET: secret,
      SLACK_BOT_TOKEN: 'xoxb-e2e',
      SLACK_API_URL: api.url,
      DATA_DIR: dataDir,
      ...env,
    },
    port: 0,
    host: '127.0.0.1',
    log: silentLogger,
    tick: false,
  });
  const post = (body: unknown, form = false) => postSlack(`${server.url}/slack/events`, body, { secret, form });
  const posts = () => api.callsTo('chat.postMessage') as Post[];
  return {
    api,
    server,
    post,
    posts,
    press: (b, user) => post(buttonPayload({ actionId: b.action_id, value: b.value, user, channel: `D${user}` }), true),
    async dm(user, text) {
      const n = posts().length;
      expect((await post(dmEvent({ user, text, channel: `D${user}` }))).status).toBe(200);
      return (await api.waitFor('chat.postMessage', n + 1, 10_000)).slice(n).find(to(user))!.args;
    },
    async close() {
      await server.close();
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
