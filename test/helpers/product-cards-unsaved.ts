// Sample cards of submits handed back unsaved (database outage, rate limit), built through the real
// path (src/app/kept-forms.ts) from what a user sent; part of PRODUCT_CARDS (product-cards.ts).
import type { Card, Option } from '../../cards/model.ts';
import type { Translate } from '../../dialogs/form.ts';
import { keptFormReply, type UnsavedReason } from '../../src/app/kept-forms.ts';
import { rememberOptions } from '../../src/app/option-memory.ts';

export function unsavedCards(t: Translate, o: { now: Date; people: Option[]; incidentId: string }): [string, Card][] {
  // What this replica last offered Anna: her colleagues, so the picker can name the manager.
  const memory = {};
  rememberOptions(memory, { kind: 'people', channel: 'teams', tenantId: 'tenant-1' }, o.people);
  const k = {
    t,
    timeZone: 'Europe/Oslo',
    now: o.now,
    channel: 'teams' as const,
    userId: 'aad-anna',
    tenantId: 'tenant-1',
    memory,
    nameOf: () => undefined,
  };
  const kept = (action: string, values: Record<string, unknown>, reason: UnsavedReason = 'outage'): Card => {
    const reply = keptFormReply(k, action, values, reason);
    if (!reply) throw new Error(`${action} is not kept`);
    return reply.cards[0]!;
  };
  const checkinId = '0b6c7d8e-9f0a-4b1c-8d2e-3f4a5b6c7d8e';
  return [
    [
      'incident.register.unsaved',
      kept('incident.register', {
        summary: 'Feil dose gitt på nattevakt',
        occurredAt: '2026-11-27',
        occurredAtTime: '03:15',
        category: 'medication',
        manager: 'aad-lars',
        submissionId: 'sub-golden-0001',
      }),
    ],
    [
      'step.defusing.unsaved',
      kept(
        'step.save',
        { incidentId: o.incidentId, step: 'defusing', v: '2', state: 'in_progress', leader: 'aad-ingrid' },
        'rateLimited',
      ),
    ],
    ['checkin.unsaved', kept('checkin.answer', { checkinId, score: '2' })],
    ['checkin.talk.unsaved', kept('checkin.talk', { checkinId, talk: 'yes' })],
  ];
}
