// What the dispatcher runs before each claim (issue 7): a check-in more than a day late (the bot was
// down) is re-planned for the person's next working period instead of sent; a follow-up message that
// can no longer help is cancelled; the weekly peer-supporter summaries that are due are enqueued.
// Every step is idempotent and guarded in SQL, so replicas may sweep at the same time.
import { CHECKIN_LATENESS_MS, dueAction } from '../domain/followup/plan.ts';
import type { AppDeps } from './context.ts';
import { acceptedPeer, peerReminderKey, schedulePeerReminders, workingProfileOf } from './followup-plan.ts';
import { enqueuePeerSummaries } from './peer-summary.ts';

export interface SweepResult {
  moved: number;
  cancelled: number;
  summaries: number;
}

/** Stale check-ins handled per sweep; the rest wait for the next one (the claim skips them meanwhile). */
const BATCH = 200;

export async function sweepFollowups(deps: AppDeps): Promise<SweepResult> {
  const moved = await moveStaleCheckins(deps);
  // After the moves: a moved check-in is ahead again, so its re-armed reminder is kept.
  const now = deps.clock.now();
  const cancelled = await deps.store.cancelPastFollowupMessages(new Date(now.getTime() - CHECKIN_LATENESS_MS), now);
  const summaries = await enqueuePeerSummaries(deps);
  return { moved, cancelled, summaries };
}

async function moveStaleCheckins(deps: AppDeps): Promise<number> {
  const { store, config, clock, log } = deps;
  const now = clock.now();
  const cutoff = new Date(now.getTime() - CHECKIN_LATENESS_MS);
  let moved = 0;
  for (const stale of await store.listStaleCheckins(cutoff, now, BATCH)) {
    const c = stale.checkin;
    try {
      const user = await store.getUser(c.channel, c.userId);
      const profile = await workingProfileOf(store, config, c.channel, c.userId, user);
      // Too late during working time too: the next working period, not now (see dueAction).
      const action = dueAction(stale.outboxDueAt, now, profile);
      if (action.send) continue;
      const done = await store.transaction(async (tx) => {
        const m = await tx.moveStaleCheckin(c.id, stale.outboxId, action.moveTo, cutoff, now);
        if (!m) return false;
        const incident = await tx.getIncident(m.incidentId);
        const peerId = incident ? acceptedPeer(await tx.listSteps(incident.id)) : null;
        const peer = peerId ? await tx.getUser(c.channel, peerId) : null;
        // The reminder moves with the check-in, as when the person moves it themselves.
        if (incident && peerId && peer) await schedulePeerReminders({ deps, user: peer }, tx, incident, peerId, [m]);
        else await tx.cancelOutbox([peerReminderKey(m.id)], now);
        return true;
      });
      if (done) moved++;
    } catch (e) {
      // One bad record (e.g. an unknown time zone) must not hold up the others.
      log.warn({ event: 'sweep.move_failed', checkinId: c.id, err: (e as Error).name }, 'stale check-in not moved');
    }
  }
  if (moved > 0) log.info({ event: 'sweep.moved', count: moved }, 'late check-ins re-planned');
  return moved;
}
