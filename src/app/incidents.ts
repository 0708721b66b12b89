// A person's own incidents (one case: case.ts). Every read is audited.
import { incidentListCard } from '../../dialogs/incident-cards.ts';
import type { Reply } from '../domain/turn.ts';
import type { TurnContext } from './context.ts';

export async function listMyIncidents(ctx: TurnContext): Promise<Reply> {
  const { store, clock } = ctx.deps;
  const incidents = await store.listIncidentsForUser(ctx.user.channel, ctx.user.userId);
  await store.appendAudit({
    at: clock.now(),
    actorChannel: ctx.user.channel,
    actorId: ctx.user.userId,
    action: 'incident.list',
    incidentId: null,
    detail: { count: incidents.length },
  });
  return { cards: [incidentListCard(ctx.t, incidents, ctx.formatDate)] };
}
