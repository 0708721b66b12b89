// A running server with Slack credentials against the fake Web API, and the few moves an end-to-end
// Slack test makes: post a signed event, press a button, DM the bot and read its answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { type RunningServer, type ServerOptions, startServer } from '../../src/server.ts';
import { type Button, buttons } from './card-json.ts';
import { type FakeSlackApi, startFakeSlackApi } from './fake-slack-api.ts';
import { buttonPayload, dmEvent, postSlack, type SlackView, stateFor, viewSubmission } from './slack-harness.ts';

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
  /**
   * Registers an incident as `user` through the modal ("ny hendelse", the launcher button, the submit,
   * an hour ago, category medication) and waits for the case card and the notices to manager and peer.
   */
  register(user: string, o: { summary: string; manager: string; peer?: string }): Promise<Registered>;
  close(): Promise<void>;
}

export interface Registered {
  caseCard: Post;
  incidentId: string;
  /** The reference number, IVR-YYYY-N. */
  ref: string;
}

/** `options`: e.g. an org config (a low rate limit). */
export async function startSlackE2E(
  env: Record<string, string> = {},
  options: Pick<ServerOptions, 'config'> = {},
): Promise<SlackE2E> {
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
    ...options,
  });
  const post = (body: unknown, form = false) => postSlack(`${server.url}/slack/events`, body, { secret, form });
  const posts = () => api.callsTo('chat.postMessage') as Post[];
  const press: SlackE2E['press'] = (b, user) =>
    post(buttonPayload({ actionId: b.action_id, value: b.value, user, channel: `D${user}` }), true);
  const dm: SlackE2E['dm'] = async (user, text) => {
    const n = posts().length;
    expect((await post(dmEvent({ user, text, channel: `D${user}` }))).status).toBe(200);
    return (await api.waitFor('chat.postMessage', n + 1, 10_000)).slice(n).find(to(user))!.args;
  };
  return {
    api,
    server,
    post,
    posts,
    press,
    dm,
    async register(user, o) {
      const launcher = await dm(user, 'ny hendelse');
      const opens = api.callsTo('views.open').length;
      await press(buttons(launcher.blocks).find((b) => b.action_id === 'dialog.open')!, user);
      const view = (await api.waitFor('views.open', opens + 1, 10_000))[opens]!.args.view as SlackView;
      const n = posts().length;
      const answers = {
        summary: o.summary,
        occurredAt: Math.floor(Date.now() / 1000) - 3600,
        category: 'medication',
        manager: o.manager,
        ...(o.peer ? { peerSupporter: o.peer } : {}),
      };
      const saved = await post(
        viewSubmission({
          // Each opened modal is a view of its own: the bot treats a second submit of one view as a repeat.
          viewId: `V-register-${opens + 1}`,
          callbackId: view.callback_id,
          user,
          privateMetadata: view.private_metadata,
          blocks: view.blocks,
          values: stateFor(view, answers),
        }),
        true,
      );
      expect(saved.status).toBe(200);
      await api.waitFor('chat.postMessage', n + (o.peer ? 3 : 2), 10_000); // case card, manager (, peer)
      const caseCard = posts().slice(n).find(to(user))!;
      const close = buttons(caseCard.args.blocks).find((b) => b.action_id.replace(/#\d+$/, '') === 'case.close');
      const incidentId = (JSON.parse(close!.value!) as { incidentId: string }).incidentId;
      expect(incidentId).toMatch(/^[0-9a-f-]{36}$/);
      const ref = /IVR-\d{4}-\d+/.exec(JSON.stringify(caseCard.args.blocks))![0];
      return { caseCard, incidentId, ref };
    },
    async close() {
      await server.close();
      await api.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
