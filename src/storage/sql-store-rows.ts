// Row shapes of the schema (migrations/001_init.sql) and their mapping to the Store port's records.
import type { Card } from '../../cards/model.ts';
import type { ChannelId, Recipient } from '../domain/turn.ts';
import type {
  AuditEntry,
  IncidentRecord,
  IncidentStatus,
  OutboxRecord,
  OutboxStatus,
  Participant,
  ParticipantRole,
  UserRecord,
} from '../ports/store.ts';

export interface UserRow {
  channel: ChannelId;
  user_id: string;
  tenant_id: string | null;
  display_name: string | null;
  platform_locale: string | null;
  locale_pref: string | null;
  time_zone: string | null;
  address: Record<string, unknown> | null;
  updated_at: Date;
}

export interface IncidentRow {
  id: string;
  ref: string;
  channel: ChannelId;
  tenant_id: string | null;
  reporter_id: string;
  summary: string;
  category: string;
  occurred_at: Date;
  status: IncidentStatus;
  created_at: Date;
  closed_at: Date | null;
  close_reason: string | null;
}

export interface ParticipantRow {
  user_id: string;
  role: ParticipantRole;
}

export interface AuditRow {
  at: Date;
  actor_channel: ChannelId | 'system';
  actor_id: string;
  action: string;
  incident_id: string | null;
  detail: Record<string, string | number | boolean> | null;
}

export interface OutboxRow {
  id: string;
  seq: number;
  idempotency_key: string;
  kind: string;
  recipient: Recipient;
  card: Card;
  due_at: Date;
  status: OutboxStatus;
  attempts: number;
  claimed_by: string | null;
  lease_until: Date | null;
  platform_message_id: string | null;
  last_error: string | null;
  sent_at: Date | null;
  dead_at: Date | null;
  incident_id: string | null;
  created_at: Date;
}

export const toUser = (r: UserRow): UserRecord => ({
  channel: r.channel,
  userId: r.user_id,
  tenantId: r.tenant_id,
  displayName: r.display_name,
  platformLocale: r.platform_locale,
  localePref: r.locale_pref,
  timeZone: r.time_zone,
  address: r.address,
  updatedAt: r.updated_at,
});

export const toIncident = (r: IncidentRow): IncidentRecord => ({
  id: r.id,
  ref: r.ref,
  channel: r.channel,
  tenantId: r.tenant_id,
  reporterId: r.reporter_id,
  summary: r.summary,
  category: r.category,
  occurredAt: r.occurred_at,
  status: r.status,
  createdAt: r.created_at,
  closedAt: r.closed_at ?? null,
  closeReason: (r.close_reason ?? null) as IncidentRecord['closeReason'],
});

export const toParticipant = (r: ParticipantRow): Participant => ({ userId: r.user_id, role: r.role });

export const toAudit = (r: AuditRow): AuditEntry => ({
  at: r.at,
  actorChannel: r.actor_channel,
  actorId: r.actor_id,
  action: r.action,
  incidentId: r.incident_id,
  ...(r.detail ? { detail: r.detail } : {}),
});

export const toOutbox = (r: OutboxRow): OutboxRecord => ({
  id: r.id,
  idempotencyKey: r.idempotency_key,
  kind: r.kind,
  recipient: r.recipient,
  card: r.card,
  dueAt: r.due_at,
  incidentId: r.incident_id,
  status: r.status,
  attempts: r.attempts,
  claimedBy: r.claimed_by,
  leaseUntil: r.lease_until,
  platformMessageId: r.platform_message_id,
  lastError: r.last_error,
  sentAt: r.sent_at,
  deadAt: r.dead_at,
  createdAt: r.created_at,
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids reach the store from card data; anything that is not a uuid cannot name a row (and would make SQL throw). */
export const isUuid = (id: string): boolean => UUID.test(id);

/** jsonb parameters are sent as JSON text: both drivers pass strings through unchanged. */
export const json = (v: unknown): string | null => (v === null || v === undefined ? null : JSON.stringify(v));

/** `IVR-2026-0042`. */
export const formatRef = (year: number, n: number): string => `IVR-${year}-${String(n).padStart(4, '0')}`;
