// Reading incidents, for the people involved only. Every read and every refusal is audited.
import { caseCard, incidentListCard, messageCard } from '../../dialogs/incident-cards.ts';
import type { Reply } from '../domain/turn.ts';
import type { TurnContext } from './context.ts';
import { namesOf } from './people.ts';

export async function viewIncident(ctx: TurnContext, incidentId: string): Promise<Reply> {
  const { store, clock } = ctx.deps;
  const me = ctx.user;
  const incident = await store.getIncident(incidentId);
  const participants = incident ? await store.listParticipants(incident.id) : [];
  const allowed =
    incident !== null && incident.channel === me.channel && participants.some((p) => p.userId === me.userId);
  await store.appendAudit({
    at: clock.now(),
    actorChannel: me.channel,
    actorId: me.userId,
    action: allowed ? 'incident.read' : 'incident.denied',
    incidentId: incident?.id ?? null,
  });
  // The same answer whether the incident exists or not, so a refusal reveals nothing.
  if (!incident || !allowed) return { cards: [messageCard(ctx.t, 'incident.denied', 'access.denied', 'attention')] };
  const names = await namesOf(
    store,
    me.channel,
    participants.map((p) => p.userId),
  );
  return { cards: [caseCard(ctx.t, { incident, participants, names, formatDate: ctx.formatDate })] };
}

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
