// The Teams driver: message activities to /api/messages (auth-less local mode), answered through the
// fake Bot Framework connector. botbuilder replies during the request (kind `reply`), so a turn is the
// HTTP round trip; proactive messages from the outbox arrive as `send` calls.
import { actionsOf } from '../../test/helpers/card-json.ts';
import { startFakeConnector } from '../../test/helpers/fake-connector.ts';
import { tapCalls } from '../turn/wire.ts';
import { type Arrivals, type Driver, type DriverOptions, drainEvery, post } from './driver.ts';
import { type Button, errorIn, type Reply, type SimUser, TurnError, teamsButton, teamsValues } from './sim.ts';

const BOT = { id: '28:ivareta-soak', name: 'Ivareta' };
const TENANT = 'tenant-soak';
const conv = (u: SimUser) => `a:dm-${u.userId}`;

// biome-ignore lint/suspicious/noExplicitAny: activity JSON as the connector received it
function readReply(body: any): Reply {
  const cards = ((body?.attachments ?? []) as { content?: unknown }[]).map((a) => a.content);
  const buttons = cards.flatMap((c) => actionsOf(c)).flatMap((a) => teamsButton(a) ?? []);
  return { buttons, text: JSON.stringify(body ?? null) };
}

export async function startTeamsDriver(o: DriverOptions): Promise<Driver> {
  const connector = await startFakeConnector();
  const byConv = new Map(o.users.map((u) => [conv(u), u]));
  /** The replies of the turn in flight, per conversation (a user has one turn in flight at a time). */
  const current = new Map<string, Reply[]>();
  const counts = new Map<string, number>();
  let unmatched = 0;
  let seq = 0;
  const run = Date.now().toString(36);

  tapCalls(connector.calls, (call) => {
    if (call.status >= 300 || !call.conversationId) return;
    if (call.kind === 'reply') {
      const turn = current.get(call.conversationId);
      if (turn) turn.push(readReply(call.body));
      else driver.stray++;
    } else if (call.kind === 'send') {
      // The fake's answer id is what the outbox row keeps: the audit matches deliveries by it.
      const id = call.answeredId ?? '';
      counts.set(id, (counts.get(id) ?? 0) + 1);
      const u = byConv.get(call.conversationId);
      if (!u) unmatched++;
      else {
        const reply = readReply(call.body);
        if (reply.buttons.length > 0) o.onProactive(u, reply.buttons);
      }
    }
  });
  const drain = drainEvery(connector.calls);

  async function send(u: SimUser, message: { text?: string; value?: unknown }): Promise<Reply[]> {
    const activity = {
      type: 'message',
      id: `soak-${run}-${++seq}`,
      timestamp: new Date().toISOString(),
      channelId: 'msteams',
      serviceUrl: connector.serviceUrl,
      from: { id: `29:${u.userId}`, name: u.name, aadObjectId: u.userId },
      recipient: BOT,
      conversation: { id: conv(u), conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      locale: u.platformLocale,
      entities: [{ type: 'clientInfo', locale: u.platformLocale, timezone: 'Europe/Oslo' }],
      ...message,
    };
    const replies: Reply[] = [];
    current.set(conv(u), replies);
    try {
      const res = await post(`${o.next()}/api/messages`, JSON.stringify(activity), {
        'content-type': 'application/json',
      });
      if (res.status >= 300) throw new TurnError('http', `HTTP ${res.status} ${res.body.slice(0, 120)}`);
    } finally {
      current.delete(conv(u));
    }
    if (replies.length === 0) throw new TurnError('no reply', 'HTTP 200 without a reply');
    for (const r of replies) {
      const key = errorIn(r.text);
      if (key) throw new TurnError('error reply', key);
    }
    return replies;
  }

  const driver: Driver = {
    channel: 'teams',
    stray: 0,
    say: (u, text) => send(u, { text }),
    press: (u, b) => send(u, { value: b.raw }),
    async openForm(u, b, submitVerb) {
      const replies = await send(u, { value: b.raw });
      const submit = replies.flatMap((r) => r.buttons).find((x) => x.verb === submitVerb);
      if (!submit) throw new TurnError('unexpected', `no ${submitVerb} in the answer to ${b.verb}`);
      return { channel: 'teams', submit: submit.data };
    },
    submit(u, form, answers) {
      if (form.channel !== 'teams') throw new Error('not a Teams form');
      return send(u, { value: { ...form.submit, ...teamsValues(answers) } });
    },
    button: (verb, data = {}): Button => ({ verb, data, raw: { verb, ...data } }),
    arrivals: (): Arrivals => ({ counts, unmatched }),
    async close() {
      clearInterval(drain);
      await connector.close();
    },
  };
  return driver;
}
