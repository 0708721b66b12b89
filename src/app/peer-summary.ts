// The peer supporter's weekly summary (issue 7): on Monday at the start of their working time (the next
// working period when Monday is off), the people they support and each one's next check-in. Enqueued
// by the dispatcher's sweep once that time has come, so it shows the plan as it is then; its
// idempotency key names the ISO week, so replicas sweeping at once still send it once.
import { peerSummaryCard } from '../../dialogs/peer-cards.ts';
import { weeklySummarySlot } from '../domain/followup/plan.ts';
import type { ChannelId } from '../domain/turn.ts';
import type { ActivePeerSupporter } from '../ports/store-sweep.ts';
import type { AppDeps } from './context.ts';
import { translator } from './context.ts';
import { profileFrom } from './followup-plan.ts';
import { localeOf, recipientFor } from './people.ts';

export const peerSummaryKey = (channel: ChannelId, peerId: string, week: string) =>
  `peer-summary:${channel}:${peerId}:${week}`;

/** A summary not made within a day of its time (the bot was down) waits for next week's. */
const WINDOW_MS = 24 * 3_600_000;
/** Keeps the card within a Slack message's 50 blocks; the count still says how many. */
const MAX_ITEMS = 40;

/** Enqueues the summaries that are due now and not made yet; returns how many it enqueued. */
export async function enqueuePeerSummaries(deps: AppDeps): Promise<number> {
  const { store, config, clock, log } = deps;
  if (!config.followup.enabled) return 0;
  const now = clock.now();
  const due: { peer: ActivePeerSupporter; key: string; timeZone: string }[] = [];
  for (const peer of await store.listActivePeerSupporters(now)) {
    try {
      const profile = profileFrom(config, peer.timeZone, peer.workProfile);
      const slot = weeklySummarySlot(now, profile);
      const age = slot ? now.getTime() - slot.dueAt.getTime() : -1;
      if (slot && age >= 0 && age < WINDOW_MS)
        due.push({ peer, key: peerSummaryKey(peer.channel, peer.userId, slot.week), timeZone: profile.timeZone });
    } catch (e) {
      // A bad stored time zone must not hold up everyone else's summary.
      log.warn({ event: 'sweep.summary_failed', err: (e as Error).name }, 'peer summary skipped');
    }
  }
  const made = new Set(await store.existingOutboxKeys(due.map((d) => d.key)));
  let enqueued = 0;
  for (const d of due) {
    if (made.has(d.key)) continue;
    if (await enqueueOne(deps, d.peer, d.key, d.timeZone)) enqueued++;
  }
  return enqueued;
}

async function enqueueOne(deps: AppDeps, peer: ActivePeerSupporter, key: string, timeZone: string): Promise<boolean> {
  const { store, config, clock, i18n } = deps;
  const now = clock.now();
  const user = await store.getUser(peer.channel, peer.userId);
  const people = await store.listSupportedPeople(peer.channel, peer.userId, now);
  // Unknown to the bot (no address to write to), or nobody left with a check-in ahead: nothing to send.
  if (!user || people.length === 0) return false;
  const locale = localeOf(user, config.defaultLocale);
  const t = translator(i18n, locale);
  const card = peerSummaryCard(t, {
    people: new Set(people.map((p) => p.userId)).size,
    items: people.slice(0, MAX_ITEMS).map((p) => ({
      person: p.displayName ?? t('case.unknownPerson'),
      when: i18n.dateTime(locale, p.nextCheckinAt, timeZone),
      ref: p.ref,
    })),
  });
  await store.enqueue([
    {
      idempotencyKey: key,
      kind: 'peer.summary',
      recipient: recipientFor(user, peer.userId, user),
      card,
      dueAt: now,
      incidentId: null,
    },
  ]);
  return true;
}
