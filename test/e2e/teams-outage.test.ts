// Teams cards never lose their answers (hospital-IT issue, product rule): the real server on
// PostgreSQL behind a TCP proxy, the fake Bot Framework connector as Teams. A registration submitted
// while the database is cut, and one refused by the per-user rate limit, are answered with the form
// again as a card, filled in as sent, with a notice that nothing was saved; sent again from that
// card once the database is back, it registers exactly one incident.
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { orgConfigSchema } from '../../src/config/org-config.ts';
import { I18n } from '../../src/i18n/i18n.ts';
import { freshSchema, PG_SERVER, type TestSchema } from '../helpers/pg-schema.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';
import { actionsOf, type Person, person, startTeamsE2E, type TeamsE2E, textsOf } from '../helpers/teams-e2e.ts';

const i18n = new I18n();
const anna = person('anna', 'Anna Berg', 'nb-NO');
const lars = person('lars', 'Lars Holm', 'da-DK');
const frida = person('frida', 'Frida Ek', 'sv-SE'); // clicks far too fast
const yesterday = DateTime.now().setZone('Europe/Oslo').minus({ days: 1 }).toISODate()!;

// biome-ignore lint/suspicious/noExplicitAny: card JSON
type CardJson = any;

let e2e: TeamsE2E;
let schema: TestSchema;
let proxy: TcpProxy;

/** Sends a message or card submit from `who` and returns the cards the bot answered with. */
async function answer(who: Person, message: { text?: string; value?: Record<string, unknown> }): Promise<CardJson[]> {
  const since = e2e.connector.calls.length;
  expect((await e2e.send(who, message)).status).toBe(200);
  return e2e.connector.calls
    .slice(since)
    .filter((c) => c.kind === 'reply' && c.status < 300 && c.conversationId === `a:dm-${who.aadObjectId}`)
    .flatMap((c) => (c.body?.attachments ?? []) as { content: CardJson }[])
    .map((a) => a.content);
}

/** Input values of an Adaptive Card by id, as Teams would submit them untouched. */
function inputValues(card: CardJson): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) walk(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const rec = node as Record<string, unknown>;
    if (typeof rec.type === 'string' && rec.type.startsWith('Input.') && rec.value !== undefined)
      out[rec.id as string] = rec.value;
    for (const v of Object.values(rec)) if (typeof v === 'object') walk(v);
  };
  walk(card.body);
  return out;
}

const submitData = (card: CardJson) => actionsOf(card).find((a) => a.data?.verb === 'incident.register')?.data;
const incidents = (who: Person) => e2e.server.store.listIncidentsForUser('teams', who.aadObjectId);

beforeAll(async () => {
  schema = await freshSchema();
  const server = new URL(PG_SERVER);
  proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
  const config = orgConfigSchema.parse({ security: { rateLimit: { perMinute: 1, burst: 6 } } });
  e2e = await startTeamsE2E({ DATABASE_URL: proxy.via(schema.url('ivr-teams-outage')) }, { config });
  await answer(lars, { text: 'hjælp' }); // the manager is known, so the form can name him
}, 30_000);
afterAll(async () => {
  proxy?.restore();
  await e2e?.close();
  await proxy?.close();
  await schema?.drop();
});

describe('a Teams form submitted when it cannot be saved', () => {
  it('comes back as a card with the answers during an outage, and registers once after it', async () => {
    const [form] = await answer(anna, { value: { verb: 'incident.new' } });
    const values = {
      ...submitData(form),
      summary: 'Feil dose gitt på nattevakt',
      occurredAt: yesterday,
      occurredAtTime: '03:15',
      category: 'medication',
      manager: 'aad-lars',
    };
    proxy.cut();
    const [kept] = await answer(anna, { value: values });
    proxy.restore();

    expect(textsOf(kept)).toContain(i18n.t('nb', 'unsaved.outage'));
    expect(inputValues(kept)).toMatchObject({
      summary: values.summary,
      occurredAt: yesterday,
      occurredAtTime: '03:15',
      category: 'medication',
      manager: 'aad-lars',
    });
    // The manager keeps his name in the picker, and the card keeps the form's submission id.
    expect(JSON.stringify(kept)).toContain('Lars Holm');
    expect(submitData(kept)).toEqual(submitData(form));
    expect(await incidents(anna)).toHaveLength(0);

    // Anna presses the kept card's button again, twice.
    for (let i = 0; i < 2; i++) {
      const [reply] = await answer(anna, { value: { ...submitData(kept), ...inputValues(kept) } });
      expect(actionsOf(reply).some((a) => a.data?.verb === 'case.close')).toBe(true);
    }
    expect(await incidents(anna)).toHaveLength(1);
  }, 30_000);

  it('comes back as a card with the answers when the rate limit refuses it, and carries nothing out', async () => {
    const [form] = await answer(frida, { value: { verb: 'incident.new' } });
    for (let i = 0; i < 5; i++) await answer(frida, { text: 'hjälp' });
    const values = {
      ...submitData(form),
      summary: 'Fel dos under nattpasset',
      occurredAt: yesterday,
      occurredAtTime: '04:00',
      category: 'medication',
      manager: 'aad-lars',
    };
    const cards = await answer(frida, { value: values });
    expect(cards).toHaveLength(1);
    expect(textsOf(cards[0])).toContain(i18n.t('sv', 'unsaved.rateLimited'));
    expect(inputValues(cards[0])).toMatchObject({ summary: values.summary, occurredAtTime: '04:00' });
    expect(submitData(cards[0])).toEqual(submitData(form));
    expect(await incidents(frida)).toHaveLength(0);
  }, 30_000);
});
