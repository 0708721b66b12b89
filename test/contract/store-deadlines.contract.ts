// The deadlines' part of the Store contract (store-deadlines.ts), run inside describeStoreContract on
// both stores: a step's schedule replaced by a new generation, the first acknowledgement winning,
// cancelling by key prefix within one incident, who was sent a notice, and the overview queries.
import { describe, expect, it } from 'vitest';
import type { Card } from '../../cards/model.ts';
import type { Store } from '../../src/ports/store.ts';

const T0 = new Date('2026-11-27T10:00:00.000Z');
const HOUR = 3_600_000;
const at = (h: number) => new Date(T0.getTime() + h * HOUR);
const card: Card = { id: 'escalation.notice', fallbackText: 'x', body: [] };

export function describeDeadlineContract(get: () => Store): void {
  describe('deadlines', () => {
    async function incident(ref = 'x') {
      const store = get();
      const i = await store.createIncident(
        {
          channel: 'teams',
          tenantId: 't1',
          reporterId: 'u-rep',
          summary: `Hendelse ${ref}`,
          category: 'medication',
          occurredAt: T0,
          createdAt: T0,
        },
        [{ userId: 'u-boss', role: 'manager' }],
      );
      await store.initSteps(i.id, [
        { step: 'defusing', ownerId: 'u-boss', dueAt: at(8) },
        { step: 'debrief', ownerId: 'u-boss', dueAt: at(300) },
        { step: 'report', ownerId: 'u-other', dueAt: at(1) },
      ]);
      return i;
    }

    it('keeps one schedule per step; a new generation clears the hand-over and the acknowledgement', async () => {
      const store = get();
      const i = await incident();
      await store.setStepSchedule({ incidentId: i.id, step: 'defusing', gen: 'g1', ownerId: 'u-boss', dueAt: at(8) });
      expect(await store.setHandover(i.id, 'defusing', 'g0', 'u-x')).toBe(false);
      expect(await store.setHandover(i.id, 'defusing', 'g1', 'u-x')).toBe(true);
      const first = await store.ackEscalation({
        incidentId: i.id,
        step: 'defusing',
        gen: 'g1',
        by: 'u-a',
        level: 1,
        at: at(9),
      });
      expect(first).toMatchObject({ gen: 'g1', ackedBy: 'u-a', ackedLevel: 1, handoverTo: 'u-x' });
      // The second acknowledgement of the same chain gets nothing; the first stays.
      expect(
        await store.ackEscalation({ incidentId: i.id, step: 'defusing', gen: 'g1', by: 'u-b', level: 2, at: at(10) }),
      ).toBeNull();
      expect((await store.getStepSchedule(i.id, 'defusing'))?.ackedBy).toBe('u-a');
      await store.setStepSchedule({ incidentId: i.id, step: 'defusing', gen: 'g2', ownerId: 'u-new', dueAt: at(8) });
      expect(await store.getStepSchedule(i.id, 'defusing')).toEqual({
        incidentId: i.id,
        step: 'defusing',
        gen: 'g2',
        ownerId: 'u-new',
        dueAt: at(8),
        handoverTo: null,
        ackedBy: null,
        ackedLevel: null,
        ackedAt: null,
      });
      expect(await store.getStepSchedule('not-a-uuid', 'defusing')).toBeNull();
    });

    it('cancels pending messages by key prefix, only within the incident and never a sent one', async () => {
      const store = get();
      const a = await incident('a');
      const b = await incident('b');
      const msg = (incidentId: string, key: string) => ({
        idempotencyKey: key,
        kind: 'escalation.notice',
        recipient: { channel: 'teams' as const, userId: 'u-boss' },
        card,
        dueAt: at(1),
        incidentId,
      });
      await store.enqueue([
        msg(a.id, `deadline:${a.id}:defusing:g1:esc:0`),
        msg(a.id, `deadline:${a.id}:defusing:g1:esc:1`),
        msg(a.id, `deadline:${a.id}:debrief:g1:esc:0`),
        msg(b.id, `deadline:${a.id}:defusing:g1:esc:9`),
      ]);
      const [sent] = await store.claimDue(at(2), 'w1', 60_000, 1);
      await store.markSent(sent!.id, 'w1', 'pm-1', at(2));
      expect(await store.cancelOutboxByPrefix(a.id, `deadline:${a.id}:defusing:`, at(3))).toBe(1);
      const left = (await store.listOutbox({ status: 'pending' })).map((m) => m.idempotencyKey).sort();
      expect(left).toEqual([`deadline:${a.id}:debrief:g1:esc:0`, `deadline:${a.id}:defusing:g1:esc:9`]);
      expect(await store.wasSentTo(a.id, 'escalation.notice', 'teams', 'u-boss')).toBe(true);
      expect(await store.wasSentTo(a.id, 'escalation.notice', 'slack', 'u-boss')).toBe(false);
      expect(await store.wasSentTo(b.id, 'escalation.notice', 'teams', 'u-boss')).toBe(false);
    });

    it('lists the open steps a person owns by deadline, and the escalations nobody has taken', async () => {
      const store = get();
      const i = await incident();
      await store.updateStep(i.id, 'debrief', { state: 'in_progress', data: {} }, 0, 'u-boss', at(1));
      const owned = await store.listOwnedOpenSteps('teams', 'u-boss');
      expect(owned.map((o) => [o.step, o.state, o.dueAt])).toEqual([
        ['defusing', 'not_started', at(8)],
        ['debrief', 'in_progress', at(300)],
      ]);
      await store.updateStep(i.id, 'defusing', { state: 'done', data: {} }, 0, 'u-boss', at(2));
      expect((await store.listOwnedOpenSteps('teams', 'u-boss')).map((o) => o.step)).toEqual(['debrief']);

      await store.setStepSchedule({ incidentId: i.id, step: 'report', gen: 'g1', ownerId: 'u-other', dueAt: at(1) });
      await store.enqueue([
        {
          idempotencyKey: `deadline:${i.id}:report:g1:esc:1:0:u-head`,
          kind: 'escalation.notice',
          recipient: { channel: 'teams', userId: 'u-head' },
          card,
          dueAt: at(1),
          incidentId: i.id,
        },
      ]);
      expect(await store.listWaitingEscalations('teams', 'u-head')).toEqual([]);
      const [row] = await store.claimDue(at(2), 'w1', 60_000, 5);
      await store.markSent(row!.id, 'w1', 'pm-1', at(2));
      const waiting = await store.listWaitingEscalations('teams', 'u-head');
      expect(waiting).toEqual([
        { incidentId: i.id, ref: i.ref, step: 'report', gen: 'g1', state: 'not_started', dueAt: at(1), sentAt: at(2) },
      ]);
      await store.ackEscalation({ incidentId: i.id, step: 'report', gen: 'g1', by: 'u-head', level: 1, at: at(3) });
      expect(await store.listWaitingEscalations('teams', 'u-head')).toEqual([]);
    });
  });
}
