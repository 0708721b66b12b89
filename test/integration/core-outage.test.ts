// A database outage while people submit forms loses nothing (hospital-IT issue): the real core on a
// real PostgreSQL behind a TCP proxy that is cut mid-session. Each submit during the outage gets its
// form back with the answers and a notice, nothing is written; after the database is back, the
// answers sent again from the handed-back card are saved exactly once, however often they are sent.
// PGlite: a store whose worker is gone answers the same way, at once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Card, Input } from '../../cards/model.ts';
import type { SqlStore } from '../../src/storage/sql-store.ts';
import { cardText, coreHarness, type Harness, registerIncident, teamsUser, turn } from '../helpers/core-harness.ts';
import { freshSchema, PG_SERVER, type TestSchema } from '../helpers/pg-schema.ts';
import { startTcpProxy, type TcpProxy } from '../helpers/tcp-proxy.ts';

const anna = teamsUser('aad-anna', 'Anna Berg', 'nb-NO');
const lars = teamsUser('aad-lars', 'Lars Leder', 'nb-NO');
const ingrid = teamsUser('aad-ingrid', 'Ingrid Dahl', 'nb-NO');
const NOTICE = 'Ingenting er lagret ennå';

const inputsOf = (card: Card): Input[] => card.body.flatMap((b) => (b.kind === 'input' ? [b.input] : []));
const input = (card: Card, id: string) => inputsOf(card).find((i) => i.id === id);
const actionsOf = (card: Card) => card.body.flatMap((b) => (b.kind === 'actions' ? b.actions : []));

/** What Teams sends when the user presses the card's submit button without changing anything. */
function resubmit(card: Card): { id: string; values: Record<string, unknown> } {
  const submit = actionsOf(card).find((a) => a.submit)!;
  const values: Record<string, unknown> = { ...submit.data };
  for (const i of inputsOf(card)) {
    if (i.value === undefined) continue;
    values[i.id] = Array.isArray(i.value) ? i.value.join(',') : i.value;
  }
  return { id: submit.id, values };
}

describe('form submits during a PostgreSQL outage', () => {
  let schema: TestSchema;
  let proxy: TcpProxy;
  let h: Harness;
  let incidentId: string;
  const count = async (sql: string, params: unknown[] = []) =>
    (await (h.store as SqlStore).db.query<{ n: number }>(`SELECT count(*)::int AS n ${sql}`, params))[0]?.n ?? -1;
  const ask = (values: { id: string; values: Record<string, unknown> }) =>
    h.core.handleTurn(turn(anna, { action: values }));

  beforeAll(async () => {
    schema = await freshSchema();
    const server = new URL(PG_SERVER);
    proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    h = await coreHarness(new Date('2026-11-27T10:00:00Z'), { databaseUrl: proxy.via(schema.url('ivr-outage')) });
    for (const who of [lars, ingrid, anna]) await h.core.handleTurn(turn(who, { text: 'hjelp' }));
    // Anna has seen the form once, so the names of her colleagues are known on this replica.
    await h.core.handleTurn(turn(anna, { action: { id: 'incident.new', values: {} } }));
    incidentId = (await registerIncident(h, anna, { manager: 'aad-lars', peerSupporter: 'aad-ingrid' })).incidentId;
  }, 30_000);
  afterAll(async () => {
    proxy?.restore();
    await h?.close();
    await proxy?.close();
    await schema?.drop();
  });

  it('hands every form back with its answers while the database is gone, and writes nothing', async () => {
    const before = { incidents: await count('FROM incidents'), outbox: await count('FROM outbox') };
    const [checkin] = await h.store.listPlanCheckins(incidentId, 'aad-anna');
    proxy.cut();

    const registration = await ask({
      id: 'incident.register',
      values: {
        summary: 'Pasienten falt på badet under nattevakt',
        occurredAt: '2026-11-27',
        occurredAtTime: '08:30',
        category: 'fall',
        manager: 'aad-lars',
        peerSupporter: 'aad-ingrid',
        submissionId: 'sub-outage-0001',
      },
    });
    const form = registration.cards[0]!;
    expect(form.id).toBe('incident.register');
    expect(registration.unsaved).toContain(NOTICE);
    expect(cardText(form)).toContain(NOTICE);
    expect(input(form, 'summary')?.value).toBe('Pasienten falt på badet under nattevakt');
    expect(input(form, 'occurredAt')?.value).toBe('2026-11-27T08:30');
    expect(input(form, 'category')?.value).toBe('fall');
    expect(input(form, 'manager')?.value).toEqual(['aad-lars']);
    // The picker still names the manager: from what this replica last listed, not from the store.
    expect(input(form, 'manager')).toMatchObject({
      options: expect.arrayContaining([{ value: 'aad-lars', label: 'Lars Leder' }]),
    });
    expect(actionsOf(form).find((a) => a.submit)?.data).toEqual({ submissionId: 'sub-outage-0001' });

    const step = await ask({
      id: 'step.save',
      values: {
        incidentId,
        step: 'defusing',
        v: '0',
        state: 'in_progress',
        leader: 'aad-ingrid',
        bookedAt: '2026-11-27T14:00',
      },
    });
    expect(step.unsaved).toContain(NOTICE);
    const stepForm = step.cards[0]!;
    expect(input(stepForm, 'state')?.value).toBe('in_progress');
    expect(input(stepForm, 'leader')?.value).toEqual(['aad-ingrid']);
    expect(input(stepForm, 'bookedAt')?.value).toBe('2026-11-27T14:00');
    expect(actionsOf(stepForm).find((a) => a.submit)?.data).toEqual({ incidentId, step: 'defusing', v: '0' });

    const answer = await ask({ id: 'checkin.answer', values: { checkinId: checkin!.id, score: '2' } });
    expect(answer.cards[0]?.id).toBe('checkin.unsaved');
    expect(cardText(answer.cards[0]!)).toContain(NOTICE);
    const pressed = actionsOf(answer.cards[0]!).find((a) => a.style === 'primary');
    expect(pressed?.data).toEqual({ checkinId: checkin!.id, score: '2' });

    // A turn that carries no answers fails as before; the channel says "try again".
    await expect(h.core.handleTurn(turn(anna, { text: 'mine saker' }))).rejects.toThrow();

    proxy.restore();
    expect(await count('FROM incidents')).toBe(before.incidents);
    expect(await count('FROM outbox')).toBe(before.outbox);
    const steps = await h.store.listSteps(incidentId);
    expect(steps.find((s) => s.step === 'defusing')).toMatchObject({ version: 0, state: 'not_started' });
    expect((await h.store.getCheckin(checkin!.id))?.status).toBe('planned');

    // Back: the handed-back cards, sent again (twice, as an impatient click would), apply once.
    for (let i = 0; i < 2; i++) {
      const saved = await ask(resubmit(form));
      expect(saved.cards[0]?.id).toBe('incident.case');
    }
    expect(await count('FROM incidents')).toBe(before.incidents + 1);
    expect(
      await count("FROM incidents WHERE category = 'fall' AND summary = $1", [
        'Pasienten falt på badet under nattevakt',
      ]),
    ).toBe(1);

    const stepSaved = await ask(resubmit(stepForm));
    expect(cardText(stepSaved.cards[0]!)).toContain('er lagret.');
    // The same card again names the version already saved: recognised, not applied twice.
    const again = await ask(resubmit(stepForm));
    expect(cardText(again.cards[0]!)).toContain('var allerede lagret');
    const defusing = (await h.store.listSteps(incidentId)).find((s) => s.step === 'defusing');
    expect(defusing).toMatchObject({ version: 1, state: 'in_progress', data: { leader: 'aad-ingrid' } });

    for (let i = 0; i < 2; i++) {
      const reply = await ask({ id: 'checkin.answer', values: pressed!.data! });
      expect(reply.cards[0]?.id).toBe('checkin.talk');
    }
    expect(await h.store.getCheckin(checkin!.id)).toMatchObject({ status: 'answered', score: 2 });
    expect(await count('FROM outbox WHERE idempotency_key = $1', [`checkin:${checkin!.id}:peer-contact`])).toBe(1);
  }, 30_000);
});

describe('form submits while PostgreSQL stops answering (a partition, nothing closed)', () => {
  it('hands the form back after the query timeout, and saves it once when the server answers again', async () => {
    const schema = await freshSchema();
    const server = new URL(PG_SERVER);
    const proxy = await startTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    const h = await coreHarness(new Date('2026-11-27T10:00:00Z'), {
      databaseUrl: proxy.via(schema.url('ivr-frozen')),
      queryTimeoutMs: 1_000,
    });
    try {
      for (const who of [lars, anna]) await h.core.handleTurn(turn(who, { text: 'hjelp' }));
      const values = {
        summary: 'Feil pasientarmbånd ved innleggelse',
        occurredAt: '2026-11-27',
        occurredAtTime: '08:10',
        category: 'fall',
        manager: 'aad-lars',
        submissionId: 'frozen-submit-0001',
      };
      proxy.freeze();
      const started = performance.now();
      const reply = await h.core.handleTurn(turn(anna, { action: { id: 'incident.register', values } }));
      // One timeout, not two: no ROLLBACK is waited for on a connection that does not answer.
      expect(performance.now() - started).toBeLessThan(1_900);
      expect(reply.unsaved).toContain(NOTICE);
      expect(input(reply.cards[0]!, 'summary')?.value).toBe(values.summary);

      proxy.restore();
      for (let i = 0; i < 2; i++) {
        const saved = await h.core.handleTurn(turn(anna, { action: resubmit(reply.cards[0]!) }));
        expect(saved.cards[0]?.id).toBe('incident.case');
      }
      const mine = await h.store.listIncidentsForUser('teams', 'aad-anna');
      expect(mine.filter((i) => i.summary === values.summary)).toHaveLength(1);
    } finally {
      proxy.restore();
      await h.close();
      await proxy.close();
      await schema.drop();
    }
  }, 30_000);
});

describe('form submits when the embedded database is gone (PGlite)', () => {
  it('hands the form back at once instead of waiting on a stopped worker', async () => {
    const h = await coreHarness(new Date('2026-11-27T10:00:00Z'));
    try {
      await h.core.handleTurn(turn(anna, { text: 'hjelp' }));
      await h.store.close(); // the worker thread stops; every later call must fail, not hang
      const values = {
        summary: 'Feil dose',
        occurredAt: '2026-11-27',
        occurredAtTime: '03:15',
        category: 'medication',
      };
      const reply = await h.core.handleTurn(turn(anna, { action: { id: 'incident.register', values } }));
      expect(reply.unsaved).toContain(NOTICE);
      expect(input(reply.cards[0]!, 'summary')?.value).toBe('Feil dose');
      // Manager missing: the form says so, as a submit with the database up would.
      expect(reply.formErrors).toHaveProperty('manager');
    } finally {
      await h.close();
    }
  });
});
