// The Slack driver: signed events and interactivity posts to /slack/events, answered through the fake
// Web API. Slack's ack comes at once and the work follows, so a turn ends when its answer reaches the
// fake: the first chat.postMessage to the user's DM, or the views.open of a modal. Proactive messages
// from the outbox are posted to the user id and carry their idempotency key as metadata.
import { buttons as blockButtons } from '../../test/helpers/card-json.ts';
import { startFakeSlackApi } from '../../test/helpers/fake-slack-api.ts';
import { buttonPayload, dmEvent, type SlackView, stateFor, viewSubmission } from '../../test/helpers/slack-harness.ts';
import { signedHeaders } from '../../test/helpers/slack-sign.ts';
import { tapCalls } from '../turn/wire.ts';
import { type Arrivals, type Driver, type DriverOptions, drainEvery, post, withinTurnLimit } from './driver.ts';
import { type Button, errorIn, type Reply, type SimUser, slackButton, slackValues, TurnError } from './sim.ts';

/** Signed as Slack signs; the replicas run without the secret (see replicas.ts), so it is not checked. */
const SECRET = 'soak-signing-secret';
const OUTBOX_EVENT = 'ivareta_outbox';

type Answer = { posts: Reply[] } | { view: SlackView };
interface Waiter {
  resolve: (a: Answer) => void;
  trigger?: string;
}

function readPost(args: Record<string, unknown>): Reply {
  return { buttons: blockButtons(args.blocks).map(slackButton), text: JSON.stringify(args) };
}

export async function startSlackDriver(o: DriverOptions): Promise<Driver & { apiUrl: string }> {
  const api = await startFakeSlackApi();
  const byId = new Map(o.users.map((u) => [u.userId, u]));
  for (const u of o.users) api.setUser(u.userId, { locale: u.platformLocale, displayName: u.name, realName: u.name });
  const waiting = new Map<string, Waiter>();
  const counts = new Map<string, number>();
  let unmatched = 0;
  let seq = 0;

  tapCalls(api.calls, (call) => {
    if (call.method === 'chat.postMessage') {
      const meta = call.args.metadata as { event_type?: string; event_payload?: { key?: string } } | undefined;
      if (meta?.event_type === OUTBOX_EVENT) {
        const key = String(meta.event_payload?.key);
        counts.set(key, (counts.get(key) ?? 0) + 1);
        const u = byId.get(String(call.args.channel));
        if (!u) unmatched++;
        else if (counts.get(key) === 1) {
          const reply = readPost(call.args);
          if (reply.buttons.length > 0) o.onProactive(u, reply.buttons);
        }
        return;
      }
      // An answer in the user's DM (D + user id, as the bench addresses its events).
      const uid = String(call.args.channel).slice(1);
      const w = waiting.get(uid);
      if (w) {
        waiting.delete(uid);
        w.resolve({ posts: [readPost(call.args)] });
      } else if (errorIn(JSON.stringify(call.args))) {
        driver.stray++; // an error posted after the turn was answered (a late "try again")
      }
    } else if (call.method === 'views.open') {
      const trigger = String(call.args.trigger_id);
      for (const [uid, w] of waiting) {
        if (w.trigger !== trigger) continue;
        waiting.delete(uid);
        w.resolve({ view: call.args.view as SlackView });
      }
    }
  });
  const drain = drainEvery(api.calls);

  /** Posts a request for `u` and waits for the answer the bot sends to the fake. */
  async function turn(u: SimUser, body: unknown, form: boolean, trigger?: string): Promise<Answer> {
    const raw = form ? `payload=${encodeURIComponent(JSON.stringify(body))}` : JSON.stringify(body);
    const headers = {
      'content-type': form ? 'application/x-www-form-urlencoded' : 'application/json',
      ...signedHeaders(SECRET, raw),
    };
    const answered = new Promise<Answer>((resolve) => waiting.set(u.userId, { resolve, trigger }));
    try {
      const res = await post(`${o.next()}/slack/events`, raw, headers);
      if (res.status >= 300) throw new TurnError('http', `HTTP ${res.status} ${res.body.slice(0, 120)}`);
      // A modal submission is answered in the response when the modal stays open (errors).
      if (res.body) {
        const key = errorIn(res.body);
        throw new TurnError(key ? 'error reply' : 'unexpected', key ?? `modal kept open: ${res.body.slice(0, 160)}`);
      }
      const answer = await withinTurnLimit(answered, 'no answer in the DM');
      const posts = 'posts' in answer ? answer.posts : [];
      for (const p of posts) {
        const key = errorIn(p.text);
        if (key) throw new TurnError('error reply', key);
      }
      return answer;
    } finally {
      waiting.delete(u.userId);
    }
  }

  const press = (u: SimUser, b: Button, trigger: string) => {
    const { action_id, value } = b.raw as { action_id: string; value?: string };
    const body = buttonPayload({
      actionId: action_id,
      value,
      user: u.userId,
      channel: `D${u.userId}`,
      triggerId: trigger,
    });
    return turn(u, body, true, trigger);
  };
  const posts = (a: Answer, what: string): Reply[] => {
    if ('posts' in a) return a.posts;
    throw new TurnError('unexpected', `a modal opened for ${what}`);
  };

  const driver: Driver & { apiUrl: string } = {
    channel: 'slack',
    apiUrl: api.url,
    stray: 0,
    async say(u, text) {
      return posts(await turn(u, dmEvent({ user: u.userId, text, channel: `D${u.userId}` }), false), 'a message');
    },
    async press(u, b) {
      return posts(await press(u, b, `trig-${++seq}`), b.verb);
    },
    async openForm(u, b, submitVerb) {
      const answer = await press(u, b, `trig-${++seq}`);
      if (!('view' in answer)) throw new TurnError('unexpected', `no modal for ${b.verb}`);
      if (answer.view.callback_id !== submitVerb)
        throw new TurnError('unexpected', `modal ${answer.view.callback_id} for ${b.verb}`);
      return { channel: 'slack', view: answer.view };
    },
    async submit(u, form, answers) {
      if (form.channel !== 'slack') throw new Error('not a Slack form');
      const view = form.view as SlackView;
      // Each modal Slack opens has its own id, and the bot takes a second submission of one view for a repeat.
      const body = viewSubmission({
        viewId: `V${u.userId}-${++seq}`,
        callbackId: view.callback_id,
        user: u.userId,
        privateMetadata: view.private_metadata,
        blocks: view.blocks,
        values: stateFor(view, slackValues(answers)),
      });
      return posts(await turn(u, body, true), view.callback_id);
    },
    button: (verb, data = {}): Button => ({ verb, data, raw: { action_id: verb, value: JSON.stringify(data) } }),
    arrivals: (): Arrivals => ({ counts, unmatched }),
    async close() {
      clearInterval(drain);
      await api.close();
    },
  };
  return driver;
}
