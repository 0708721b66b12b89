// The sweep's part of the Store contract (store-sweep.ts), run inside describeStoreContract on both
// stores, after its tables were emptied: late check-ins kept from the claim and moved once, messages
// that can no longer help cancelled, and who gets a weekly peer-supporter summary.
import { describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.ts';
import type { CheckinRecord, IncidentRecord, NewOutboxMessage, Store } from '../../src/ports/store.ts';
import type { SqlStore } from '../../src/storage/sql-store.ts';

const T0 = new Date('2026-11-27T10:00:00.000Z');
const HOUR = 3_600_000;
const at = (h: number) => new Date(T0.getTime() + h * HOUR);
const card: Card = { id: 'checkin', fallbackText: 'x', body: [] };

export function describeSweepContract(get: () => { store: Store; sql: SqlStore }): void {
  describe('sweep', () => {
    const msg = (key: string, kind: string, dueAt: Date, userId = 'u-inv'): NewOutboxMessage => ({
      idempotencyKey: key,
      kind,
      recipient: { channel: 'teams', userId },
      card,
      dueAt,
      incidentId: null,
    });

    /** An open case: u-inv involved with check-ins at `dueHours`, u-peer asked or accepted as peer supporter. */
    async function caseWith(
      dueHours: number[],
      peer: 'accepted' | 'asked' = 'accepted',
    ): Promise<{ incident: IncidentRecord; checkins: CheckinRecord[] }> {
      const { store } = get();
      const incident = await store.createIncident(
        {
          channel: 'teams',
          tenantId: 't1',
          reporterId: 'u-rep',
          summary: 'Feil medisin gitt',
          category: 'medication',
          occurredAt: at(-100),
          createdAt: at(-100),
        },
        [
          { userId: 'u-inv', role: 'involved' },
          { userId: 'u-peer', role: 'peer' },
        ],
      );
      await store.initSteps(incident.id, [{ step: 'peerSupport', ownerId: null, dueAt: null }]);
      const data = { supporter: 'u-peer', supporterStatus: peer };
      await store.updateStep(incident.id, 'peerSupport', { state: 'in_progress', data }, 0, 'u-peer', at(-99));
      const { checkins } = await store.createFollowupPlan(
        { incidentId: incident.id, channel: 'teams', userId: 'u-inv', createdAt: at(-100) },
        dueHours.map(at),
      );
      return { incident, checkins };
    }

    it('never hands out a check-in message more than a day late; one 2 h late, or any other kind, goes', async () => {
      const { store } = get();
      await store.enqueue([
        msg('checkin:stale', 'checkin', at(-25)),
        msg('checkin:late', 'checkin', at(-2), 'u-2'),
        msg('notice:old', 'incident.notice', at(-48), 'u-3'),
      ]);
      const claimed = await store.claimDue(T0, 'w1', 10 * HOUR, 10);
      expect(claimed.map((m) => m.idempotencyKey).sort()).toEqual(['checkin:late', 'notice:old']);
      // The paced claim (per conversation) keeps it back too.
      expect(await store.claimDue(at(1), 'w2', 10 * HOUR, 10, 1000)).toEqual([]);
    });

    it('lists a stale planned check-in once, moves it with its message, and not a second time', async () => {
      const { store, sql } = get();
      const { checkins } = await caseWith([-30, -2, 50]);
      const [stale, late, ahead] = checkins as [CheckinRecord, CheckinRecord, CheckinRecord];
      await store.enqueue(checkins.map((c) => msg(`checkin:${c.id}`, 'checkin', c.dueAt)));
      // A worker died mid-send of the stale one: the in-doubt mark must survive the move.
      await sql.db.query("UPDATE outbox SET send_started_at = $1 WHERE idempotency_key = 'checkin:' || $2", [
        at(-29),
        stale.id,
      ]);
      const cutoff = at(-24);
      const found = await store.listStaleCheckins(cutoff, T0, 10);
      expect(found.map((f) => f.checkin.id)).toEqual([stale.id]);
      expect(found[0]!.outboxDueAt).toEqual(at(-30));
      expect(late.status).toBe('planned');
      expect(ahead.status).toBe('planned');

      const moved = await store.moveStaleCheckin(stale.id, found[0]!.outboxId, at(22), cutoff, T0);
      expect(moved).toMatchObject({ id: stale.id, dueAt: at(22), status: 'planned' });
      const row = await store.getOutbox(found[0]!.outboxId);
      expect(row).toMatchObject({ dueAt: at(22), status: 'pending', sendStartedAt: at(-29) });
      expect(await store.moveStaleCheckin(stale.id, found[0]!.outboxId, at(23), cutoff, T0)).toBeNull();
      expect((await store.getCheckin(stale.id))!.dueAt).toEqual(at(22));
      expect(await store.listStaleCheckins(cutoff, T0, 10)).toEqual([]);
    });

    it('leaves a stale message alone while a worker holds it, and a check-in no longer planned', async () => {
      const { store } = get();
      const { checkins } = await caseWith([-30, -28]);
      const [held, skipped] = checkins as [CheckinRecord, CheckinRecord];
      // Claimed while still on time, with a lease that outlasts the day.
      await store.enqueue([msg(`checkin:${held.id}`, 'checkin', held.dueAt)]);
      const [claim] = await store.claimDue(at(-29), 'w1', 48 * HOUR, 10);
      expect(claim!.idempotencyKey).toBe(`checkin:${held.id}`);
      await store.enqueue([msg(`checkin:${skipped.id}`, 'checkin', skipped.dueAt, 'u-2')]);
      await store.updatePlannedCheckin(skipped.id, { status: 'skipped' });
      expect(await store.listStaleCheckins(at(-24), T0, 10)).toEqual([]);
      expect(await store.moveStaleCheckin(held.id, claim!.id, at(22), at(-24), T0)).toBeNull();
      expect((await store.getOutbox(claim!.id))!.dueAt).toEqual(held.dueAt);
    });

    it('cancels reminders for check-ins already past and stale messages of check-ins no longer planned', async () => {
      const { store } = get();
      const { checkins } = await caseWith([-2, 30, -30]);
      const [past, ahead, answered] = checkins as [CheckinRecord, CheckinRecord, CheckinRecord];
      await store.answerCheckin(answered.id, { score: 4 }, at(-29));
      await store.enqueue([
        msg(`checkin:${past.id}:peer-reminder`, 'checkin.peerReminder', at(-20), 'u-peer'),
        msg(`checkin:${ahead.id}:peer-reminder`, 'checkin.peerReminder', at(-1), 'u-peer'),
        msg(`checkin:${answered.id}:2026-11-25T09:00:00.000Z`, 'checkin', at(-30)),
        msg(`checkin:${past.id}`, 'checkin', past.dueAt, 'u-2'),
        msg('notice:old', 'incident.notice', at(-48), 'u-3'),
      ]);
      expect(await store.cancelPastFollowupMessages(at(-24), T0)).toBe(2);
      const status = Object.fromEntries((await store.listOutbox({})).map((m) => [m.idempotencyKey, m.status]));
      expect(status).toEqual({
        [`checkin:${past.id}:peer-reminder`]: 'cancelled',
        [`checkin:${ahead.id}:peer-reminder`]: 'pending',
        [`checkin:${answered.id}:2026-11-25T09:00:00.000Z`]: 'cancelled',
        [`checkin:${past.id}`]: 'pending',
        'notice:old': 'pending',
      });
      expect(await store.cancelPastFollowupMessages(at(-24), T0)).toBe(0);
    });

    it('finds accepted peer supporters of someone with a check-in ahead, and whom they support', async () => {
      const { store } = get();
      await store.upsertUser({ channel: 'teams', userId: 'u-peer', timeZone: 'Europe/London' }, T0);
      await store.upsertUser({ channel: 'teams', userId: 'u-inv', displayName: 'Anna Berg' }, T0);
      const hours = { start: '22:00', end: '07:00' };
      await store.setWorkProfile('teams', 'u-peer', { hours, days: [1, 2, 3, 4, 5], worksHolidays: true }, T0);
      expect(await store.listActivePeerSupporters(T0)).toEqual([]);
      const a = await caseWith([-5, 30, 70]);
      const b = await caseWith([10]);
      await caseWith([20], 'asked');
      const closed = await caseWith([15]);
      await store.closeIncident(closed.incident.id, 'completed', T0);
      await caseWith([-3]); // nothing ahead

      expect(await store.listActivePeerSupporters(T0)).toEqual([
        {
          channel: 'teams',
          userId: 'u-peer',
          timeZone: 'Europe/London',
          workProfile: { hours, days: [1, 2, 3, 4, 5], worksHolidays: true },
        },
      ]);
      const people = await store.listSupportedPeople('teams', 'u-peer', T0);
      expect(people).toEqual([
        {
          incidentId: b.incident.id,
          ref: b.incident.ref,
          userId: 'u-inv',
          displayName: 'Anna Berg',
          nextCheckinAt: at(10),
        },
        {
          incidentId: a.incident.id,
          ref: a.incident.ref,
          userId: 'u-inv',
          displayName: 'Anna Berg',
          nextCheckinAt: at(30),
        },
      ]);
      expect(await store.listSupportedPeople('slack', 'u-peer', T0)).toEqual([]);
      expect(await store.listSupportedPeople('teams', 'u-inv', T0)).toEqual([]);
      expect(await store.listActivePeerSupporters(at(71))).toEqual([]);
    });

    it('says which idempotency keys exist already', async () => {
      const { store } = get();
      await store.enqueue([msg('peer-summary:teams:u-peer:2026-W48', 'peer.summary', T0, 'u-peer')]);
      await store.cancelOutbox(['peer-summary:teams:u-peer:2026-W48'], T0);
      expect(await store.existingOutboxKeys(['peer-summary:teams:u-peer:2026-W48', 'peer-summary:x'])).toEqual([
        'peer-summary:teams:u-peer:2026-W48',
      ]);
      expect(await store.existingOutboxKeys([])).toEqual([]);
    });
  });
}
