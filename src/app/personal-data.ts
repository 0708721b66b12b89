// A person's data on request (issue 9, GDPR art. 15 and 17): everything the bot holds about them, and
// its erasure with an audit entry that keeps counts only. Used by `ivareta data export|erase`.
import type { ChannelId } from '../domain/turn.ts';
import type { Store } from '../ports/store.ts';
import type { ErasureCounts, PersonData } from '../ports/store-privacy.ts';

export const CHANNELS: readonly ChannelId[] = ['teams', 'slack'];

export interface PersonExport {
  userId: string;
  exportedAt: Date;
  /** One entry per channel where anything is held. */
  channels: PersonData[];
  /** Q&A feedback is stored as anonymous counts per passage, and questions without who asked. */
  qaFeedback: { heldPerPerson: false };
}

/** True when nothing is held about the person on this channel. */
export function isEmpty(d: PersonData): boolean {
  return (
    !d.profile &&
    !d.workProfile &&
    [d.incidents, d.steps, d.followupPlans, d.checkins, d.audit, d.pendingMessages].every((l) => l.length === 0)
  );
}

export async function exportPersonalData(
  store: Store,
  userId: string,
  channels: readonly ChannelId[],
  now: Date,
): Promise<PersonExport> {
  const found: PersonData[] = [];
  for (const channel of channels) {
    const d = await store.exportPerson(channel, userId);
    if (!isEmpty(d)) found.push(d);
  }
  return { userId, exportedAt: now, channels: found, qaFeedback: { heldPerPerson: false } };
}

/** What an erasure would touch, from the export: counts per kind of record. */
export function erasurePreview(e: PersonExport): Record<string, number> {
  const sum = (f: (d: PersonData) => number) => e.channels.reduce((n, d) => n + f(d), 0);
  return {
    users: sum((d) => (d.profile ? 1 : 0)),
    incidents: sum((d) => d.incidents.length),
    steps: sum((d) => d.steps.length),
    followupPlans: sum((d) => d.followupPlans.length),
    checkins: sum((d) => d.checkins.length),
    auditRows: sum((d) => d.audit.length),
    pendingMessages: sum((d) => d.pendingMessages.length),
  };
}

/**
 * Erases the person on each channel, each in one transaction with its audit entry (action `data.erase`,
 * actor `cli`, counts only: the person's id is not written again).
 */
export async function erasePersonalData(
  store: Store,
  userId: string,
  channels: readonly ChannelId[],
  now: Date,
): Promise<{ channel: ChannelId; counts: ErasureCounts }[]> {
  const done: { channel: ChannelId; counts: ErasureCounts }[] = [];
  for (const channel of channels) {
    const counts = await store.transaction(async (tx) => {
      const c = await tx.erasePerson(channel, userId, now);
      await tx.appendAudit({
        at: now,
        actorChannel: 'system',
        actorId: 'cli',
        action: 'data.erase',
        incidentId: null,
        detail: { channel, ...c },
      });
      return c;
    });
    done.push({ channel, counts });
  }
  return done;
}
