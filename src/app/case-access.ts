// Loading one incident for a person: only the people involved, their manager and their peer
// supporter may see it. Every read and every refusal is audited (ids and kinds, never text).
import { Duration } from 'luxon';
import { messageCard } from '../../dialogs/incident-cards.ts';
import type { OrgConfig } from '../config/org-config.ts';
import { STEP_IDS } from '../domain/pathway.ts';
import type { Reply } from '../domain/turn.ts';
import type { IncidentRecord, NewStep, Participant, ParticipantRole, StepRecord, Store } from '../ports/store.ts';
import type { TurnContext } from './context.ts';

export type ViewerRole = ParticipantRole | 'escalation';

export interface LoadedCase {
  incident: IncidentRecord;
  participants: Participant[];
  steps: StepRecord[];
  /**
   * The viewer's roles in this incident (never empty: no role, no access). `escalation`: not one of
   * its people, but told of a missed deadline by the ladder; may read the case and acknowledge.
   */
  roles: Set<ViewerRole>;
}

/**
 * The incident with its people and steps, when the turn's user has a role in it; null otherwise.
 * `action` names what is audited (e.g. `incident.read`, `step.open`).
 */
export async function loadCase(ctx: TurnContext, incidentId: string, action: string): Promise<LoadedCase | null> {
  const { store, clock } = ctx.deps;
  const me = ctx.user;
  const incident = await store.getIncident(incidentId);
  const participants = incident ? await store.listParticipants(incident.id) : [];
  const roles = new Set<ViewerRole>(participants.filter((p) => p.userId === me.userId).map((p) => p.role));
  if (incident && incident.channel === me.channel && roles.size === 0) {
    if (await store.wasSentTo(incident.id, 'escalation.notice', me.channel, me.userId)) roles.add('escalation');
  }
  const allowed = incident !== null && incident.channel === me.channel && roles.size > 0;
  await store.appendAudit({
    at: clock.now(),
    actorChannel: me.channel,
    actorId: me.userId,
    action: allowed ? action : 'incident.denied',
    incidentId: incident?.id ?? null,
    ...(allowed ? {} : { detail: { attempted: action } }),
  });
  if (!incident || !allowed) return null;
  const steps = await stepsOf(store, ctx.deps.config, incident, participants);
  return { incident, participants, steps, roles };
}

/** The same answer whether the incident exists or not, so a refusal reveals nothing. */
export function deniedReply(ctx: TurnContext): Reply {
  return { cards: [messageCard(ctx.t, 'incident.denied', 'access.denied', 'attention')] };
}

/** The steps the organisation uses, with owners and deadlines from its configuration (DESIGN §3). */
export function planSteps(config: OrgConfig, incident: IncidentRecord, participants: Participant[]): NewStep[] {
  const holder = (role: ParticipantRole) => participants.find((p) => p.role === role)?.userId ?? null;
  return STEP_IDS.flatMap((step) => {
    const c = config.pathway.steps[step];
    if (!c.enabled) return [];
    const ownerId = holder(c.owner) ?? holder('manager');
    const dueAt = new Date(incident.createdAt.getTime() + Duration.fromISO(c.due).toMillis());
    return [{ step, ownerId, dueAt }];
  });
}

/** The incident's enabled steps; a case made before a step existed gets it now. */
async function stepsOf(
  store: Store,
  config: OrgConfig,
  incident: IncidentRecord,
  participants: Participant[],
): Promise<StepRecord[]> {
  const enabled = new Set(STEP_IDS.filter((s) => config.pathway.steps[s].enabled));
  let steps = await store.listSteps(incident.id);
  if (steps.filter((s) => enabled.has(s.step)).length < enabled.size) {
    await store.initSteps(incident.id, planSteps(config, incident, participants));
    steps = await store.listSteps(incident.id);
  }
  return steps.filter((s) => enabled.has(s.step));
}
