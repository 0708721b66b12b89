// The escalation ladder as the planner and the runtime see it (issue 8): who each level is, how long it
// has to respond, when nobody is to be told. Plain types; src/config/escalation-config.ts turns the
// organisation's YAML into these and checks every reference.

/** Roles every incident has: its nearest manager and the owner of the step that is late. */
export const BUILTIN_ROLES = ['manager', 'owner'] as const;

export interface Person {
  name: string;
  /** Teams: the user's AAD object id. */
  teams?: string;
  /** Slack: the user id (U… or W…). */
  slack?: string;
}

export interface GroupChannel {
  teams?: { conversationId: string; serviceUrl: string };
  slack?: { channel: string };
}

export type LevelTarget =
  | { kind: 'role'; role: string }
  | ({ kind: 'person' } & Person)
  | { kind: 'channel'; name: string };

/** Hours count around the clock; working days skip the profile's days off and keep the local time. */
export type ResponseTime = { kind: 'hours'; hours: number } | { kind: 'workingDays'; workingDays: number };

export interface LadderLevel {
  to: LevelTarget;
  respondWithin: ResponseTime;
}

export interface Ladder {
  id: string;
  /** Incident categories (INCIDENT_CATEGORIES, checked by the config); empty: the default ladder for all others. */
  categories: string[];
  /** Local hours (HH:mm) in which nobody is told; a notice falling inside moves to `end`. May wrap midnight. */
  quietHours?: { start: string; end: string };
  /** How many more times the top level is told, each after its response time. */
  repeatTop: number;
  levels: LadderLevel[];
}

export interface EscalationConfig {
  reminders: { halfTime: boolean; dueMorning: boolean };
  roster: Record<string, Person[]>;
  channels: Record<string, GroupChannel>;
  ladders: Ladder[];
}

/**
 * Without a configured ladder the bot knows nobody above the incident's nearest manager: it tells them
 * when the deadline passes, again twice a working day apart, never between 20:00 and 07:00.
 */
export const DEFAULT_LADDER: Ladder = {
  id: 'default',
  categories: [],
  quietHours: { start: '20:00', end: '07:00' },
  repeatTop: 2,
  levels: [{ to: { kind: 'role', role: 'manager' }, respondWithin: { kind: 'workingDays', workingDays: 1 } }],
};
