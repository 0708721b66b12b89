// The Store port's contract, run against every implementation (store-pglite.test.ts, store-postgres.test.ts).
// One store per file; tables are emptied between tests.

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.ts';
import type { Recipient } from '../../src/domain/turn.ts';
import type { NewIncident, NewOutboxMessage, Participant, Store } from '../../src/ports/store.ts';
import { loadMigrations } from '../../src/storage/migrate.ts';
import type { SqlStore } from '../../src/storage/sql-store.ts';
import { describeDeadlineContract } from './store-deadlines.contract.ts';
import { describeOpsContract } from './store-ops.contract.ts';
import { describePrivacyContract } from './store-privacy.contract.ts';
import { describeSweepContract } from './store-sweep.contract.ts';

export interface StoreFixture {
  store: SqlStore;
  close(): Promise<void>;
}

const T0 = new Date('2026-11-27T10:00:00.000Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const MIN = 60_000;

const card: Card = {
  id: 'incident.notice',
  fallbackText: 'Ny hendelse',
  body: [
    { kind: 'heading', text: 'Ny hendelse' },
    { kind: 'facts', items: [{ label: 'Ref', value: 'IVR-2026-0001' }] },
    { kind: 'actions', actions: [{ id: 'incident.view', label: 'Åpne', data: { incidentId: 'x' } }] },
  ],
};
const recipient: Recipient = {
  channel: 'teams',
  userId: 'u-mgr',
  tenantId: 't1',
  address: { serviceUrl: 'http://x/' },
};

function message(key: string, dueAt: Date, extra: Partial<NewOutboxMessage> = {}): NewOutboxMessage {
  return { idempotencyKey: key, kind: 'incident.notice.manager', recipient, card, dueAt, incidentId: null, ...extra };
}

function newIncident(extra: Partial<NewIncident> = {}): NewIncident {
  return {
    channel: 'teams',
    tenantId: 't1',
    reporterId: 'u-rep',
    summary: 'Feil medisin gitt',
    category: 'medication',
    occurredAt: at(-60 * MIN),
    createdAt: T0,
    ...extra,
  };
}

const team: Participant[] = [
  { userId: 'u-rep', role: 'reporter' },
  { userId: 'u-rep', role: 'involved' },
  { userId: 'u-inv', role: 'involved' },
  { userId: 'u-mgr', role: 'manager' },
];

/** `exclusive`: whether the store is the database's only user (the embedded one) or shared by replicas. */
export function describeStoreContract(
  name: string,
  open: () => Promise<StoreFixture>,
  expected: { exclusive: boolean },
): void {
  describe(`Store contract: ${name}`, () => {
    let fixture: StoreFixture;
    let store: Store;

    // Creating a PGlite database (initdb) takes seconds, more on a busy 2-core machine.
    beforeAll(async () => {
      fixture = await open();
      store = fixture.store;
    }, 120_000);
    afterAll(async () => {
      await fixture?.close();
    });
    beforeEach(async () => {
      await fixture.store.db.exec(
        'TRUNCATE users, incident_ref_counters, incidents, incident_steps, step_schedules, participants, followup_plans, checkins, audit, outbox, outbox_pace, inbound_events, qa_feedback, qa_questions RESTART IDENTITY',
      );
    });

    describeSweepContract(() => ({ store, sql: fixture.store }));
    describeDeadlineContract(() => store);
    describeOpsContract(() => store);
    describePrivacyContract(() => ({ store, sql: fixture.store }));

    describe('lifecycle', () => {
      it(`says whether it is the database's only user (${expected.exclusive})`, async () => {
        expect(store.exclusive).toBe(expected.exclusive);
        await expect(fixture.store.transaction(async (tx) => tx.exclusive)).resolves.toBe(expected.exclusive);
      });

      it('pings, and migrating again changes nothing', async () => {
        await store.ping();
        await store.migrate();
        const rows = await fixture.store.db.query<{ version: string }>(
          'SELECT version FROM schema_migrations ORDER BY 1',
        );
        expect(rows.map((r) => r.version)).toEqual(loadMigrations().map((m) => m.version));
        expect(rows.length).toBeGreaterThanOrEqual(2);
      });
    });

    describe('users', () => {
      it('creates a user with the given fields and nulls for the rest', async () => {
        const u = await store.upsertUser({ channel: 'teams', userId: 'u1', tenantId: 't1', displayName: 'Kari' }, T0);
        expect(u).toEqual({
          channel: 'teams',
          userId: 'u1',
          tenantId: 't1',
          displayName: 'Kari',
          platformLocale: null,
          localePref: null,
          timeZone: null,
          address: null,
          updatedAt: T0,
        });
        expect(await store.getUser('teams', 'u1')).toEqual(u);
        expect(await store.getUser('slack', 'u1')).toBeNull();
        expect(await store.getUser('teams', 'nobody')).toBeNull();
      });

      it('updates only the fields present, and clears a field given as null', async () => {
        const address = { serviceUrl: 'https://smba.example/', conversationId: 'a:1', nested: { bot: 'b' } };
        await store.upsertUser(
          {
            channel: 'teams',
            userId: 'u1',
            tenantId: 't1',
            displayName: 'Kari',
            platformLocale: 'nb-NO',
            timeZone: 'Europe/Oslo',
            address,
          },
          T0,
        );
        const later = at(MIN);
        const u = await store.upsertUser(
          { channel: 'teams', userId: 'u1', displayName: 'Kari N.', platformLocale: undefined, address: undefined },
          later,
        );
        expect(u).toMatchObject({
          tenantId: 't1',
          displayName: 'Kari N.',
          platformLocale: 'nb-NO',
          timeZone: 'Europe/Oslo',
          address,
          updatedAt: later,
        });
        const cleared = await store.upsertUser(
          { channel: 'teams', userId: 'u1', tenantId: null, address: null },
          later,
        );
        expect(cleared).toMatchObject({
          tenantId: null,
          address: null,
          displayName: 'Kari N.',
          timeZone: 'Europe/Oslo',
        });
      });

      it('keeps a chosen locale apart from the platform locale', async () => {
        await store.upsertUser({ channel: 'slack', userId: 'U1', platformLocale: 'sv-SE' }, T0);
        await store.setLocalePref('slack', 'U1', 'nb', at(1000));
        let u = await store.upsertUser({ channel: 'slack', userId: 'U1', platformLocale: 'sv-SE' }, at(2000));
        expect(u).toMatchObject({ localePref: 'nb', platformLocale: 'sv-SE' });
        await store.setLocalePref('slack', 'U1', null, at(3000));
        u = (await store.getUser('slack', 'U1'))!;
        expect(u).toMatchObject({ localePref: null, platformLocale: 'sv-SE', updatedAt: at(3000) });
      });

      it('lists users of a tenant by display name, up to the limit; a null tenant lists tenant-less users', async () => {
        for (const [userId, tenantId, displayName] of [
          ['a', 't1', 'Per'],
          ['b', 't1', 'Anne'],
          ['c', 't1', null],
          ['d', 't2', 'Bodil'],
          ['e', null, 'Eva'],
          ['f', null, 'Ali'],
        ] as const) {
          await store.upsertUser({ channel: 'teams', userId, tenantId, displayName }, T0);
        }
        await store.upsertUser({ channel: 'slack', userId: 'g', tenantId: 't1', displayName: 'Aaron' }, T0);
        const ids = async (tenant: string | null, limit: number) =>
          (await store.listUsers('teams', tenant, limit)).map((u) => u.userId);
        expect(await ids('t1', 10)).toEqual(['b', 'a', 'c']);
        expect(await ids('t1', 2)).toEqual(['b', 'a']);
        expect(await ids(null, 10)).toEqual(['f', 'e']);
        expect(await ids('t3', 10)).toEqual([]);
      });
    });

    describe('incidents', () => {
      it('creates an incident with a reference, and reads it back by id and by reference', async () => {
        const created = await store.createIncident(newIncident(), team);
        expect(created).toEqual({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          ref: 'IVR-2026-0001',
          channel: 'teams',
          tenantId: 't1',
          reporterId: 'u-rep',
          summary: 'Feil medisin gitt',
          category: 'medication',
          occurredAt: at(-60 * MIN),
          status: 'open',
          createdAt: T0,
          closedAt: null,
          closeReason: null,
        });
        expect(await store.getIncident(created.id)).toEqual(created);
        expect(await store.getIncidentByRef('IVR-2026-0001')).toEqual(created);
        expect(await store.getIncident('00000000-0000-4000-8000-000000000000')).toBeNull();
        expect(await store.getIncident('not-a-uuid')).toBeNull();
        expect(await store.getIncidentByRef('IVR-2026-9999')).toBeNull();
      });

      it('saves one incident per submission key and finds it by that key', async () => {
        const first = await store.createIncident(newIncident({ submissionKey: 'teams:u1:form-1' }), []);
        await expect(store.createIncident(newIncident({ submissionKey: 'teams:u1:form-1' }), [])).rejects.toThrow();
        expect((await store.getIncidentBySubmission('teams:u1:form-1'))?.id).toBe(first.id);
        expect(await store.getIncidentBySubmission('teams:u1:form-2')).toBeNull();
        // Incidents without a key do not collide.
        await store.createIncident(newIncident(), []);
        await store.createIncident(newIncident(), []);
      });

      it('keeps participants in the order given, once each', async () => {
        const created = await store.createIncident(newIncident(), [...team, { userId: 'u-mgr', role: 'manager' }]);
        expect(await store.listParticipants(created.id)).toEqual(team);
        expect(await store.listParticipants('not-a-uuid')).toEqual([]);
      });

      it('allocates unique consecutive references per year, also when registered at once', async () => {
        const refs = await Promise.all(Array.from({ length: 6 }, () => store.createIncident(newIncident(), team)));
        expect(refs.map((r) => r.ref).sort()).toEqual([1, 2, 3, 4, 5, 6].map((n) => `IVR-2026-000${n}`));
        const next = await store.createIncident(newIncident({ createdAt: new Date('2027-01-02T08:00:00Z') }), team);
        expect(next.ref).toBe('IVR-2027-0001');
        const again = await store.createIncident(newIncident(), team);
        expect(again.ref).toBe('IVR-2026-0007');
      });

      it('lists the incidents a user takes part in, in any role, newest first, within the channel', async () => {
        const first = await store.createIncident(newIncident({ createdAt: at(0) }), team);
        const second = await store.createIncident(newIncident({ createdAt: at(MIN), reporterId: 'u-inv' }), [
          { userId: 'u-inv', role: 'reporter' },
          { userId: 'u-mgr', role: 'manager' },
          { userId: 'u-peer', role: 'peer' },
        ]);
        await store.createIncident(newIncident({ channel: 'slack', createdAt: at(2 * MIN) }), [
          { userId: 'u-mgr', role: 'manager' },
        ]);
        const refs = async (userId: string) => (await store.listIncidentsForUser('teams', userId)).map((i) => i.ref);
        expect(await refs('u-mgr')).toEqual([second.ref, first.ref]);
        expect(await refs('u-rep')).toEqual([first.ref]);
        expect(await refs('u-peer')).toEqual([second.ref]);
        expect(await refs('stranger')).toEqual([]);
        expect((await store.listIncidentsForUser('slack', 'u-mgr')).map((i) => i.ref)).toEqual(['IVR-2026-0003']);
        expect((await store.listIncidentsForUser('teams', 'u-mgr'))[0]).toEqual(second);
      });
    });

    describe('audit', () => {
      it('appends entries and lists those of an incident in order', async () => {
        const inc = await store.createIncident(newIncident(), team);
        const create = {
          at: T0,
          actorChannel: 'teams' as const,
          actorId: 'u-rep',
          action: 'incident.create',
          incidentId: inc.id,
          detail: { participants: 4, notices: 1, urgent: false, kind: 'medication' },
        };
        const read = {
          at: at(MIN),
          actorChannel: 'teams' as const,
          actorId: 'u-mgr',
          action: 'incident.read',
          incidentId: inc.id,
        };
        const system = {
          at: at(2 * MIN),
          actorChannel: 'system' as const,
          actorId: 'dispatcher',
          action: 'x.y',
          incidentId: inc.id,
        };
        await store.appendAudit(read);
        await store.appendAudit(create);
        await store.appendAudit(system);
        await store.appendAudit({
          at: T0,
          actorChannel: 'teams',
          actorId: 'u1',
          action: 'incident.list',
          incidentId: null,
        });
        const entries = await store.listAudit(inc.id);
        expect(entries).toEqual([create, read, system]);
        expect('detail' in entries[1]!).toBe(false);
        expect(await store.listAudit('00000000-0000-4000-8000-000000000000')).toEqual([]);
      });
    });

    describe('pathway', () => {
      const plan = (ids: string[]) =>
        ids.map((step, i) => ({ step: step as 'support', ownerId: 'u-mgr', dueAt: at((i + 1) * 60 * MIN) }));

      it('adds the steps an incident lacks, once, and lists them', async () => {
        const inc = await store.createIncident(newIncident(), team);
        await store.initSteps(inc.id, plan(['support', 'report']));
        await store.initSteps(inc.id, plan(['support', 'report', 'debrief']));
        const steps = await store.listSteps(inc.id);
        expect(steps.map((s) => s.step).sort()).toEqual(['debrief', 'report', 'support']);
        expect(steps.find((s) => s.step === 'support')).toEqual({
          incidentId: inc.id,
          step: 'support',
          state: 'not_started',
          ownerId: 'u-mgr',
          dueAt: at(60 * MIN),
          data: {},
          version: 0,
          updatedAt: null,
          updatedBy: null,
        });
        expect(await store.listSteps('nope')).toEqual([]);
      });

      it('changes a step only at the version the caller saw, keeping owner and deadline unless given', async () => {
        const inc = await store.createIncident(newIncident(), team);
        await store.initSteps(inc.id, plan(['report']));
        const data = { reportRef: 'AVV-1', when: T0.toISOString(), list: ['a', 'b'] };
        const saved = await store.updateStep(inc.id, 'report', { state: 'done', data }, 0, 'u-rep', at(MIN));
        expect(saved).toMatchObject({ state: 'done', data, version: 1, ownerId: 'u-mgr', updatedBy: 'u-rep' });
        expect(saved?.updatedAt).toEqual(at(MIN));
        // A second save with the old version (a double click) changes nothing.
        expect(
          await store.updateStep(inc.id, 'report', { state: 'in_progress', data: {} }, 0, 'u-rep', at(2 * MIN)),
        ).toBeNull();
        const moved = await store.updateStep(
          inc.id,
          'report',
          { state: 'done', data, ownerId: 'u-inv', dueAt: null },
          1,
          'u-mgr',
          at(3 * MIN),
        );
        expect(moved).toMatchObject({ ownerId: 'u-inv', dueAt: null, version: 2 });
        expect(await store.updateStep(inc.id, 'debrief', { state: 'done', data }, 0, 'u', T0)).toBeNull();
      });

      it('closes an open incident once, cancels its pending messages only, and reopens it', async () => {
        const inc = await store.createIncident(newIncident(), team);
        const other = await store.createIncident(newIncident(), team);
        await store.enqueue([
          message('mine-1', at(MIN), { incidentId: inc.id }),
          message('mine-2', at(-MIN), { incidentId: inc.id }),
          message('other', at(MIN), { incidentId: other.id }),
        ]);
        const [claimed] = await store.claimDue(T0, 'w1', MIN, 1);
        await store.markSent(claimed!.id, 'w1', 'ts-1', T0);
        const closed = await store.closeIncident(inc.id, 'completed', at(MIN));
        expect(closed).toMatchObject({ status: 'closed', closeReason: 'completed', closedAt: at(MIN) });
        expect(await store.closeIncident(inc.id, 'other', at(2 * MIN))).toBeNull();
        expect(await store.cancelPendingForIncident(inc.id, at(MIN))).toBe(1);
        expect(
          (await store.listOutbox({ incidentId: inc.id })).map((m) => [m.idempotencyKey, m.status]).sort(),
        ).toEqual([
          ['mine-1', 'cancelled'],
          ['mine-2', 'sent'],
        ]);
        expect((await store.listOutbox({ incidentId: other.id }))[0]!.status).toBe('pending');
        expect(await store.reopenIncident(inc.id)).toMatchObject({ status: 'open', closedAt: null, closeReason: null });
        expect(await store.reopenIncident(inc.id)).toBeNull();
      });

      it('does not hand out a message of a closed incident, even one enqueued after closing', async () => {
        const inc = await store.createIncident(newIncident(), team);
        await store.closeIncident(inc.id, 'completed', T0);
        await store.enqueue([message('late', at(-MIN), { incidentId: inc.id }), message('free', at(-MIN))]);
        expect((await store.claimDue(T0, 'w1', MIN, 10)).map((m) => m.idempotencyKey)).toEqual(['free']);
      });

      it('adds and removes a participant role; lists the incidents a user manages', async () => {
        const inc = await store.createIncident(newIncident(), team);
        await store.addParticipant(inc.id, { userId: 'u-peer', role: 'peer' });
        await store.addParticipant(inc.id, { userId: 'u-peer', role: 'peer' });
        expect((await store.listParticipants(inc.id)).filter((p) => p.userId === 'u-peer')).toEqual([
          { userId: 'u-peer', role: 'peer' },
        ]);
        await store.removeParticipant(inc.id, { userId: 'u-peer', role: 'peer' });
        expect((await store.listParticipants(inc.id)).some((p) => p.userId === 'u-peer')).toBe(false);
        expect((await store.listIncidentsManagedBy('teams', 'u-mgr')).map((i) => i.id)).toEqual([inc.id]);
        expect(await store.listIncidentsManagedBy('teams', 'u-inv')).toEqual([]);
        expect(await store.listIncidentsManagedBy('slack', 'u-mgr')).toEqual([]);
      });
    });

    describe('outbox', () => {
      it('enqueues messages once per idempotency key', async () => {
        await store.enqueue([message('k1', T0), message('k2', at(MIN)), message('k2', at(5 * MIN), { kind: 'dup' })]);
        await store.enqueue([message('k1', at(9 * MIN), { kind: 'again' })]);
        await store.enqueue([]);
        const all = await store.listOutbox({});
        expect(all.map((m) => [m.idempotencyKey, m.kind, m.dueAt])).toEqual([
          ['k1', 'incident.notice.manager', T0],
          ['k2', 'incident.notice.manager', at(MIN)],
        ]);
        const m = all[0]!;
        expect(m).toEqual({
          id: expect.stringMatching(/^[0-9a-f-]{36}$/),
          idempotencyKey: 'k1',
          kind: 'incident.notice.manager',
          recipient,
          card,
          dueAt: T0,
          incidentId: null,
          status: 'pending',
          attempts: 0,
          claimedBy: null,
          leaseUntil: null,
          platformMessageId: null,
          lastError: null,
          sentAt: null,
          deadAt: null,
          createdAt: expect.any(Date),
        });
        expect(await store.getOutbox(m.id)).toEqual(m);
        expect(await store.getOutbox('00000000-0000-4000-8000-000000000000')).toBeNull();
        expect(await store.getOutbox('nope')).toBeNull();
      });

      it('claims due messages, earliest first, up to the limit, leasing them to the worker', async () => {
        await store.enqueue([
          message('late', at(3 * MIN)),
          message('b', at(-1 * MIN)),
          message('a', at(-2 * MIN)),
          message('c', T0),
          message('b2', at(-1 * MIN)),
        ]);
        const lease = 10 * MIN;
        const first = await store.claimDue(T0, 'w1', lease, 2);
        expect(first.map((m) => m.idempotencyKey)).toEqual(['a', 'b']);
        expect(first[0]).toMatchObject({ claimedBy: 'w1', leaseUntil: at(lease), attempts: 1, status: 'pending' });
        const rest = await store.claimDue(T0, 'w2', lease, 10);
        expect(rest.map((m) => m.idempotencyKey)).toEqual(['b2', 'c']);
        expect(await store.claimDue(T0, 'w3', lease, 10)).toEqual([]);
        expect((await store.claimDue(at(3 * MIN), 'w3', lease, 10)).map((m) => m.idempotencyKey)).toEqual(['late']);
      });

      it('lets another worker re-claim a message whose lease expired, and only the lease holder mark it sent', async () => {
        await store.enqueue([message('k', T0)]);
        const [m] = await store.claimDue(T0, 'w1', MIN, 10);
        expect(await store.claimDue(at(MIN - 1), 'w2', MIN, 10)).toEqual([]);
        const [again] = await store.claimDue(at(MIN + 1), 'w2', MIN, 10);
        expect(again).toMatchObject({ id: m!.id, claimedBy: 'w2', attempts: 2, leaseUntil: at(2 * MIN + 1) });

        expect(await store.markSent(m!.id, 'w1', 'p-old', at(MIN + 2))).toBe(false);
        expect(await store.markSent(m!.id, 'w2', 'p-1', at(MIN + 3))).toBe(true);
        expect(await store.markSent(m!.id, 'w2', 'p-2', at(MIN + 4))).toBe(false);
        expect(await store.getOutbox(m!.id)).toMatchObject({
          status: 'sent',
          platformMessageId: 'p-1',
          sentAt: at(MIN + 3),
          attempts: 2,
        });
        expect(await store.claimDue(at(60 * MIN), 'w3', MIN, 10)).toEqual([]);
        expect(await store.markSent('not-a-uuid', 'w2', null, T0)).toBe(false);
      });

      it('markRetry releases the lease and moves the due time; only the holder can', async () => {
        await store.enqueue([message('k', T0)]);
        const [m] = await store.claimDue(T0, 'w1', 10 * MIN, 10);
        await store.markRetry(m!.id, 'w2', 'not mine', at(MIN));
        expect(await store.getOutbox(m!.id)).toMatchObject({ claimedBy: 'w1', dueAt: T0, lastError: null });

        await store.markRetry(m!.id, 'w1', 'transient: 503', at(5 * MIN));
        expect(await store.getOutbox(m!.id)).toMatchObject({
          status: 'pending',
          claimedBy: null,
          leaseUntil: null,
          dueAt: at(5 * MIN),
          lastError: 'transient: 503',
          attempts: 1,
        });
        expect(await store.claimDue(at(5 * MIN - 1), 'w2', MIN, 10)).toEqual([]);
        const [again] = await store.claimDue(at(5 * MIN), 'w2', MIN, 10);
        expect(again).toMatchObject({ id: m!.id, attempts: 2, claimedBy: 'w2' });
        expect(await store.markSent(m!.id, 'w1', null, at(5 * MIN))).toBe(false);
        expect(await store.markSent(m!.id, 'w2', null, at(5 * MIN))).toBe(true);
      });

      it('markDead gives up for good, kept for an admin; only the holder can', async () => {
        await store.enqueue([message('k', T0)]);
        const [m] = await store.claimDue(T0, 'w1', MIN, 10);
        await store.markDead(m!.id, 'w2', 'not mine', T0);
        expect((await store.getOutbox(m!.id))?.status).toBe('pending');
        await store.markDead(m!.id, 'w1', 'permanent: user left the tenant', at(1000));
        expect(await store.getOutbox(m!.id)).toMatchObject({
          status: 'dead',
          lastError: 'permanent: user left the tenant',
          sentAt: null,
          deadAt: at(1000),
        });
        expect(await store.claimDue(at(60 * MIN), 'w1', MIN, 10)).toEqual([]);
        expect(await store.markSent(m!.id, 'w1', null, at(2000))).toBe(false);
        expect((await store.listOutbox({ status: 'dead' })).map((r) => r.id)).toEqual([m!.id]);
      });

      it('nextDue gives the earliest time a pending message needs a worker', async () => {
        expect(await store.nextDue()).toBeNull();
        await store.enqueue([message('a', at(5 * MIN)), message('b', at(2 * MIN)), message('c', at(9 * MIN))]);
        expect(await store.nextDue()).toEqual(at(2 * MIN));
        const [b] = await store.claimDue(at(2 * MIN), 'w1', 10 * MIN, 1);
        // b is leased until 12 min: a (5 min) is next.
        expect(await store.nextDue()).toEqual(at(5 * MIN));
        await store.markSent(b!.id, 'w1', null, at(2 * MIN));
        const [a] = await store.claimDue(at(5 * MIN), 'w1', 10 * MIN, 1);
        await store.markDead(a!.id, 'w1', 'gone', at(5 * MIN));
        expect(await store.nextDue()).toEqual(at(9 * MIN));
        const [c] = await store.claimDue(at(9 * MIN), 'w1', MIN, 1);
        expect(await store.nextDue()).toEqual(at(10 * MIN)); // the end of c's lease
        await store.markSent(c!.id, 'w1', null, at(9 * MIN));
        expect(await store.nextDue()).toBeNull();
      });

      it('lists messages by status and by incident', async () => {
        const i1 = await store.createIncident(newIncident(), team);
        const i2 = await store.createIncident(newIncident(), team);
        await store.enqueue([
          message('a', at(1), { incidentId: i1.id }),
          message('b', at(2), { incidentId: i2.id }),
          message('c', at(3), { incidentId: i1.id }),
          message('d', at(4)),
        ]);
        const [a] = await store.claimDue(at(1), 'w', MIN, 1);
        await store.markSent(a!.id, 'w', 'p', at(1));
        const keys = async (filter: Parameters<Store['listOutbox']>[0]) =>
          (await store.listOutbox(filter)).map((m) => m.idempotencyKey);
        expect(await keys({})).toEqual(['a', 'b', 'c', 'd']);
        expect(await keys({ status: 'pending' })).toEqual(['b', 'c', 'd']);
        expect(await keys({ status: 'sent' })).toEqual(['a']);
        expect(await keys({ incidentId: i1.id })).toEqual(['a', 'c']);
        expect(await keys({ incidentId: i1.id, status: 'pending' })).toEqual(['c']);
        expect(await keys({ incidentId: 'not-a-uuid' })).toEqual([]);
      });
    });

    describe('protocol question feedback', () => {
      it('counts helpful and not helpful per passage of an entry', async () => {
        await store.recordFeedback('pain-guide', 'pain-referral', true);
        await store.recordFeedback('pain-guide', 'pain-referral', true);
        await store.recordFeedback('pain-guide', 'pain-referral', false);
        await store.recordFeedback('pain-guide', 'pain-team', false);
        await store.recordFeedback('other-entry', 'x', true);
        expect(await store.feedbackCounts('pain-guide')).toEqual([
          { passageId: 'pain-referral', helpful: 2, notHelpful: 1 },
          { passageId: 'pain-team', helpful: 0, notHelpful: 1 },
        ]);
        expect(await store.feedbackCounts('none')).toEqual([]);
      });

      it('keeps questions only through logQuestion', async () => {
        expect(await store.countQuestions()).toBe(0);
        await store.logQuestion({ at: new Date(), question: 'q', answered: false, passageId: null });
        expect(await store.countQuestions()).toBe(1);
      });
    });

    describe('inbound events', () => {
      it('remembers an event id: true the first time, false for a retry', async () => {
        expect(await store.rememberEvent('slack:Ev1', T0)).toBe(true);
        expect(await store.rememberEvent('slack:Ev1', at(1000))).toBe(false);
        expect(await store.rememberEvent('slack:Ev2', at(1000))).toBe(true);
      });

      it('records a batch of ids, keeps ids already there, and lists the recent ones', async () => {
        expect(await store.rememberEvent('teams:a', T0)).toBe(true);
        await store.rememberEvents([
          { key: 'teams:a', at: at(5000) },
          { key: 'teams:b', at: at(2000) },
          { key: 'slack:c', at: at(3000) },
        ]);
        await store.rememberEvents([]);
        expect(await store.rememberEvent('teams:b', at(6000))).toBe(false);
        expect((await store.recentEventKeys(at(2000))).sort()).toEqual(['slack:c', 'teams:b']);
        // teams:a kept its first time (T0), not the batch's.
        expect((await store.recentEventKeys(T0)).sort()).toEqual(['slack:c', 'teams:a', 'teams:b']);
      });
    });

    describe('transactions', () => {
      it('commits what the function wrote, and the function sees its own writes', async () => {
        const inc = await store.transaction(async (tx) => {
          await tx.upsertUser({ channel: 'teams', userId: 'u1', displayName: 'Kari' }, T0);
          expect((await tx.getUser('teams', 'u1'))?.displayName).toBe('Kari');
          const created = await tx.createIncident(newIncident(), team);
          await tx.enqueue([message('k', T0, { incidentId: created.id })]);
          return created;
        });
        expect(await store.getIncident(inc.id)).toEqual(inc);
        expect(await store.listOutbox({ incidentId: inc.id })).toHaveLength(1);
      });

      it('rolls back everything when the function throws', async () => {
        const boom = new Error('boom');
        let id = '';
        await expect(
          store.transaction(async (tx) => {
            await tx.upsertUser({ channel: 'teams', userId: 'u1', displayName: 'Kari' }, T0);
            await tx.setLocalePref('teams', 'u2', 'sv', T0);
            const created = await tx.createIncident(newIncident(), team);
            id = created.id;
            await tx.enqueue([message('k', T0, { incidentId: created.id })]);
            await tx.appendAudit({
              at: T0,
              actorChannel: 'teams',
              actorId: 'u1',
              action: 'incident.create',
              incidentId: id,
            });
            await tx.rememberEvent('slack:Ev1', T0);
            throw boom;
          }),
        ).rejects.toBe(boom);
        expect(await store.getUser('teams', 'u1')).toBeNull();
        expect(await store.getUser('teams', 'u2')).toBeNull();
        expect(await store.getIncident(id)).toBeNull();
        expect(await store.listParticipants(id)).toEqual([]);
        expect(await store.listAudit(id)).toEqual([]);
        expect(await store.listOutbox({})).toEqual([]);
        expect(await store.rememberEvent('slack:Ev1', T0)).toBe(true);
        // The reference counter rolled back too.
        expect((await store.createIncident(newIncident(), team)).ref).toBe('IVR-2026-0001');
      });

      it('undoes only the inner work when a nested transaction fails and the outer one goes on', async () => {
        await store.transaction(async (tx) => {
          await tx.upsertUser({ channel: 'teams', userId: 'outer' }, T0);
          await expect(
            tx.transaction(async (inner) => {
              await inner.upsertUser({ channel: 'teams', userId: 'inner' }, T0);
              await inner.enqueue([message('k', T0, { incidentId: 'not-a-uuid' })]); // SQL error
            }),
          ).rejects.toThrow();
          await tx.upsertUser({ channel: 'teams', userId: 'after' }, T0);
        });
        expect((await store.listUsers('teams', null, 10)).map((u) => u.userId)).toEqual(['after', 'outer']);
      });
    });
  });
}
