// Data protection's part of the Store contract (store-privacy.ts), run inside describeStoreContract on
// both stores: retention on a fixed clock (181 days after close: gone or anonymised; 179: kept; open:
// never), a person's export holding exactly their data, and erasure leaving only its audit entry.
import { describe, expect, it } from 'vitest';
import { erasePersonalData, exportPersonalData } from '../../src/app/personal-data.ts';
import { RetentionJob, runRetention } from '../../src/app/retention.ts';
import { defaultOrgConfig } from '../../src/config/org-config.ts';
import { silentLogger } from '../../src/log.ts';
import { FixedClock } from '../../src/ports/clock.ts';
import type { IncidentRecord, Store } from '../../src/ports/store.ts';
import type { SqlStore } from '../../src/storage/sql-store.ts';

const NOW = new Date('2027-06-01T10:00:00.000Z');
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);
const card = { id: 'checkin', fallbackText: 'Hvordan går det, Kari?', body: [] };

export function describePrivacyContract(get: () => { store: Store; sql: SqlStore }): void {
  describe('data protection', () => {
    /** A case of u-rep (reporter, involved), u-inv (involved), u-mgr (manager), created `createdDays` ago. */
    async function seedCase(createdDays: number, closedDays: number | null): Promise<IncidentRecord> {
      const { store } = get();
      const incident = await store.createIncident(
        {
          channel: 'teams',
          tenantId: 't1',
          reporterId: 'u-rep',
          summary: 'Feil medisin gitt til pasient',
          category: 'medication',
          occurredAt: ago(createdDays),
          createdAt: ago(createdDays),
        },
        [
          { userId: 'u-rep', role: 'reporter' },
          { userId: 'u-rep', role: 'involved' },
          { userId: 'u-inv', role: 'involved' },
          { userId: 'u-mgr', role: 'manager' },
        ],
      );
      for (const u of ['u-rep', 'u-inv', 'u-mgr']) {
        await store.upsertUser({ channel: 'teams', userId: u, displayName: `Name ${u}` }, ago(createdDays));
      }
      await store.initSteps(incident.id, [{ step: 'peerSupport', ownerId: 'u-mgr', dueAt: ago(createdDays - 1) }]);
      await store.updateStep(
        incident.id,
        'peerSupport',
        { state: 'done', data: { supporter: 'u-inv', note: 'ringte' } },
        0,
        'u-mgr',
        ago(createdDays),
      );
      for (const u of ['u-rep', 'u-inv']) {
        const { checkins } = await store.createFollowupPlan(
          { incidentId: incident.id, channel: 'teams', userId: u, createdAt: ago(createdDays) },
          [ago(createdDays - 1)],
        );
        await store.answerCheckin(checkins[0]!.id, { score: u === 'u-inv' ? 2 : 4, wantsTalk: true }, ago(createdDays));
      }
      await store.appendAudit({
        at: ago(createdDays),
        actorChannel: 'teams',
        actorId: 'u-mgr',
        action: 'deadline.handover',
        incidentId: incident.id,
        detail: { step: 'peerSupport', to: 'u-inv', version: 1 },
      });
      await store.enqueue([
        {
          idempotencyKey: `checkin:${incident.id}:u-inv`,
          kind: 'checkin',
          recipient: { channel: 'teams', userId: 'u-inv' },
          card,
          dueAt: ago(createdDays - 2),
          incidentId: incident.id,
        },
      ]);
      if (closedDays !== null) await store.closeIncident(incident.id, 'completed', ago(closedDays));
      return incident;
    }

    const deps = (mode: 'delete' | 'anonymise') => ({
      store: get().store,
      clock: new FixedClock(NOW),
      log: silentLogger,
      config: { ...defaultOrgConfig, retention: { closedIncidentDays: 180, mode } },
    });

    it('anonymises a case closed 181 days ago, keeps one closed 179 days ago and an open one', async () => {
      const { store, sql } = get();
      const old = await seedCase(200, 181);
      const recent = await seedCase(200, 179);
      const open = await seedCase(400, null);
      const r = await runRetention(deps('anonymise'));
      expect(r.incidents).toBe(1);

      const anon = (await store.getIncident(old.id))!;
      expect(anon).toMatchObject({ summary: '', category: 'medication', status: 'closed', ref: old.ref });
      expect(anon.reporterId).toMatch(/^anon-/);
      const people = await store.listParticipants(old.id);
      expect(people).toHaveLength(4);
      expect(people.every((p) => p.userId.startsWith('anon-'))).toBe(true);
      // One person, one pseudonym within the incident (u-rep is reporter and involved).
      expect(new Set(people.map((p) => p.userId)).size).toBe(3);
      const [step] = await store.listSteps(old.id);
      expect(step).toMatchObject({ state: 'done', data: {} });
      expect(step!.ownerId).toMatch(/^anon-/);
      const checkins = await sql.db.query<{ user_id: string; score: number | null; wants_talk: boolean | null }>(
        'SELECT user_id, score, wants_talk FROM checkins WHERE incident_id = $1',
        [old.id],
      );
      expect(checkins).toHaveLength(2);
      expect(checkins.every((c) => c.user_id.startsWith('anon-') && c.score === null && c.wants_talk === null)).toBe(
        true,
      );
      const [audit] = await store.listAudit(old.id);
      expect(audit).toMatchObject({
        actorId: 'erased',
        action: 'deadline.handover',
        detail: { step: 'peerSupport', version: 1 },
      });
      expect(JSON.stringify(audit)).not.toContain('u-');
      expect(await store.listOutbox({ incidentId: old.id })).toEqual([]);

      for (const kept of [recent, open]) {
        expect((await store.getIncident(kept.id))!.summary).toBe('Feil medisin gitt til pasient');
        expect((await store.listParticipants(kept.id)).map((p) => p.userId)).toContain('u-inv');
        expect((await store.listAudit(kept.id))[0]!.actorId).toBe('u-mgr');
      }
      // Users still in the other cases stay; a second run (another replica) changes nothing.
      expect(await store.getUser('teams', 'u-inv')).not.toBeNull();
      expect(await runRetention(deps('anonymise'))).toEqual({
        incidents: 0,
        auditRows: 0,
        outboxRows: 0,
        users: 0,
        questions: 0,
      });
      expect((await store.getIncident(old.id))!.reporterId).toBe(anon.reporterId);
    });

    it('deletes a case closed 181 days ago with everything on it, keeps its audit without ids, and idle users', async () => {
      const { store, sql } = get();
      const old = await seedCase(200, 181);
      await store.upsertUser({ channel: 'slack', userId: 'U-ACTIVE' }, ago(10));
      const r = await runRetention(deps('delete'));
      expect(r).toMatchObject({ incidents: 1, outboxRows: 1, users: 3 });
      expect(await store.getIncident(old.id)).toBeNull();
      for (const t of ['participants', 'incident_steps', 'followup_plans', 'checkins']) {
        const [row] = await sql.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`);
        expect(row!.n, t).toBe(0);
      }
      const audit = await store.listAudit(old.id);
      expect(audit).toHaveLength(1);
      expect(JSON.stringify(audit)).not.toMatch(/u-(rep|inv|mgr)/);
      // Users in no case and not seen for 180 days go; a recent one stays.
      expect(await store.getUser('teams', 'u-inv')).toBeNull();
      expect(await store.getUser('slack', 'U-ACTIVE')).not.toBeNull();
    });

    it('runs at most once an hour per process', async () => {
      const d = deps('delete');
      const job = new RetentionJob(d);
      await seedCase(200, 181);
      expect((await job.maybeRun())?.incidents).toBe(1);
      await seedCase(200, 181);
      expect(await job.maybeRun()).toBeNull();
      d.clock.advance(3_600_000);
      expect((await job.maybeRun())?.incidents).toBe(1);
    });

    it("exports exactly the person's data, not another participant's check-in answers", async () => {
      const { store } = get();
      const inc = await seedCase(10, null);
      await store.appendAudit({
        at: NOW,
        actorChannel: 'teams',
        actorId: 'u-inv',
        action: 'incident.read',
        incidentId: inc.id,
      });
      const e = await exportPersonalData(store, 'u-inv', ['teams', 'slack'], NOW);
      expect(e.channels.map((d) => d.channel)).toEqual(['teams']);
      const d = e.channels[0]!;
      expect(d.profile).toMatchObject({ userId: 'u-inv', displayName: 'Name u-inv' });
      expect(d.incidents).toEqual([
        expect.objectContaining({ ref: inc.ref, roles: ['involved'], summary: inc.summary }),
      ]);
      expect(d.checkins).toEqual([expect.objectContaining({ score: 2, wantsTalk: true, status: 'answered' })]);
      expect(d.followupPlans).toHaveLength(1);
      expect(d.audit).toEqual([expect.objectContaining({ action: 'incident.read' })]);
      expect(d.pendingMessages).toEqual([{ kind: 'checkin', dueAt: ago(8) }]);
      expect(JSON.stringify(e)).not.toContain('Kari'); // no card content
      expect(d.steps).toEqual([]); // u-mgr's step, not theirs
    });

    it('erases a person: user gone, pseudonym in the case, check-ins deleted, messages cancelled, erasure audited', async () => {
      const { store } = get();
      const inc = await seedCase(10, null);
      const done = await erasePersonalData(store, 'u-inv', ['teams'], NOW);
      expect(done[0]!.counts).toMatchObject({
        users: 1,
        participants: 1,
        checkins: 1,
        followupPlans: 1,
        outboxCancelled: 1,
      });
      expect(await store.getUser('teams', 'u-inv')).toBeNull();
      const after = await exportPersonalData(store, 'u-inv', ['teams', 'slack'], NOW);
      expect(after.channels).toEqual([]);
      const people = (await store.listParticipants(inc.id)).map((p) => p.userId);
      expect(people).not.toContain('u-inv');
      expect(people.filter((u) => u.startsWith('erased-'))).toHaveLength(1);
      const [step] = await store.listSteps(inc.id);
      expect(JSON.stringify(step!.data)).not.toContain('u-inv');
      const [msg] = await store.listOutbox({ incidentId: inc.id });
      expect(msg).toMatchObject({ status: 'cancelled', recipient: { userId: 'erased' } });
      expect(JSON.stringify(msg!.card)).not.toContain('Kari');
      // Others keep their data; the handover's audit no longer names the person.
      expect((await store.listPlanCheckins(inc.id, 'u-rep'))[0]!.score).toBe(4);
      const audit = await store.listAudit(inc.id);
      expect(JSON.stringify(audit)).not.toContain('u-inv');
      const [erasure] = await get().sql.db.query<{ actor_id: string; detail: Record<string, unknown> }>(
        "SELECT actor_id, detail FROM audit WHERE action = 'data.erase'",
      );
      expect(erasure).toMatchObject({ actor_id: 'cli', detail: { channel: 'teams', users: 1, checkins: 1 } });
      expect(JSON.stringify(erasure)).not.toContain('u-inv');
    });

    it("rewrites the person's name and id in messages to others, whole words only, and keeps them going", async () => {
      const { store } = get();
      const inc = await seedCase(10, null);
      const named = (to: string, text: string, data: Record<string, string>) => ({
        idempotencyKey: `notice:${inc.id}:${to}:${text.length}`,
        kind: 'incident.notice',
        recipient: { channel: 'teams' as const, userId: to },
        card: {
          id: 'notice',
          fallbackText: text,
          body: [
            { kind: 'text' as const, text },
            { kind: 'actions' as const, actions: [{ id: 'peer.accept', label: 'OK', data }] },
          ],
        },
        dueAt: ago(-1),
        incidentId: inc.id,
      });
      await store.enqueue([
        named('u-mgr', 'Name u-inv asks for support; Name u-investigator does not.', { userId: 'u-inv' }),
        named('u-rep', 'Nothing about that person here.', { userId: 'u-rep' }),
      ]);
      const done = await erasePersonalData(store, 'u-inv', ['teams'], NOW);
      expect(done[0]!.counts.outboxRenamed).toBe(1);
      const rows = await store.listOutbox({ incidentId: inc.id });
      const toManager = rows.find((m) => m.recipient.userId === 'u-mgr');
      const text = JSON.stringify(toManager!.card);
      expect(toManager!.status).toBe('pending');
      expect(text).not.toMatch(/Name u-inv\b|"u-inv"/);
      const pseudonym = (await store.listParticipants(inc.id)).find((p) => p.userId.startsWith('erased-'))!.userId;
      expect(text).toContain(`${pseudonym} asks for support`);
      expect(text).toContain(`"userId":"${pseudonym}"`);
      expect(text).toContain('Name u-investigator does not'); // a longer name is another person
      const toReporter = rows.find((m) => m.recipient.userId === 'u-rep');
      expect(JSON.stringify(toReporter!.card)).toContain('"userId":"u-rep"');
    });
  });
}
