// A running server with Slack credentials against the fake Web API, and the few moves an end-to-end
// Slack test makes: post a signed event, press a button, DM the bot and read its answer.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { silentLogger } from '../../src/log.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import { type FakeSlackApi, startFakeSlackApi } from './fake-slack-api.ts';
import { buttonPayload, dmEvent, postSlack, viewSubmission } from './slack-harness.ts';

export type Button = { action_id: string; value?: string };
export type Post = { args: Record<string, unknown> };

/** The buttons of a message's action blocks. */
export const buttons = (blocks: unknown): Button[] =>
  ((blocks ?? []) as { type: string; elements?: Button[] }[])
    .filter((b) => b.type === 'actions')
    .flatMap((b) => b.elements ?? []);

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
      const view = (await api.waitFor('views.open', opens + 1, 10_000))[opens]!.args.view as {
        callback_id: string;
        private_metadata: string;
        blocks: unknown[];
      };
      const n = posts().length;
      const saved = await post(
        viewSubmission({
          callbackId: view.callback_id,
          user,
          privateMetadata: view.private_metadata,
          blocks: view.blocks,
          values: {
            summary: { summary: { type: 'plain_text_input', value: o.summary } },
            occurredAt: {
              occurredAt: { type: 'datetimepicker', selected_date_time: Math.floor(Date.now() / 1000) - 3600 },
            },
            category: { category: { type: 'static_select', selected_option: { value: 'medication' } } },
            involved: { involved: { type: 'multi_users_select', selected_users: [] } },
            manager: { manager: { type: 'users_select', selected_user: o.manager } },
            peerSupporter: { peerSupporter: { type: 'users_select', selected_user: o.peer ?? null } },
          },
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
