-- One schema for PGlite (DATA_DIR) and PostgreSQL (DATABASE_URL). Applied once, in order, by migrate.ts.

CREATE TABLE users (
  channel         text        NOT NULL CHECK (channel IN ('teams', 'slack')),
  user_id         text        NOT NULL,
  tenant_id       text,
  display_name    text,
  platform_locale text,
  locale_pref     text,
  time_zone       text,
  address         jsonb,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (channel, user_id)
);
CREATE INDEX users_tenant_name ON users (channel, tenant_id, display_name);

-- Reference numbers (IVR-<year>-<n>) come from a per-year counter, bumped inside createIncident's transaction.
CREATE TABLE incident_ref_counters (
  year       integer NOT NULL PRIMARY KEY,
  last_value integer NOT NULL
);

CREATE TABLE incidents (
  id          uuid        NOT NULL PRIMARY KEY DEFAULT gen_random_uuid(),
  ref         text        NOT NULL UNIQUE,
  channel     text        NOT NULL CHECK (channel IN ('teams', 'slack')),
  tenant_id   text,
  reporter_id text        NOT NULL,
  summary     text        NOT NULL,
  category    text        NOT NULL,
  occurred_at timestamptz NOT NULL,
  status      text        NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at  timestamptz NOT NULL,
  -- One incident per form submission, however often the platform or the user repeats it.
  submission_key text UNIQUE
);
CREATE INDEX incidents_created ON incidents (created_at DESC);

CREATE TABLE participants (
  incident_id uuid     NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  channel     text     NOT NULL CHECK (channel IN ('teams', 'slack')),
  user_id     text     NOT NULL,
  role        text     NOT NULL CHECK (role IN ('reporter', 'involved', 'manager', 'peer')),
  -- Order in which the participants were given, so they read back as registered.
  position    smallint NOT NULL DEFAULT 0,
  PRIMARY KEY (incident_id, user_id, role)
);
CREATE INDEX participants_user ON participants (channel, user_id);

-- Who did what to which incident: ids, counts and kinds only; no free text.
CREATE TABLE audit (
  id            bigserial   NOT NULL PRIMARY KEY,
  at            timestamptz NOT NULL,
  actor_channel text        NOT NULL CHECK (actor_channel IN ('teams', 'slack', 'system')),
  actor_id      text        NOT NULL,
  action        text        NOT NULL,
  incident_id   uuid,
  detail        jsonb
);
CREATE INDEX audit_incident ON audit (incident_id, at) WHERE incident_id IS NOT NULL;

CREATE TABLE outbox (
  id                  uuid        NOT NULL PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Insertion order: first in, first out among messages due at the same time.
  seq                 bigserial   NOT NULL,
  idempotency_key     text        NOT NULL UNIQUE,
  kind                text        NOT NULL,
  recipient           jsonb       NOT NULL,
  card                jsonb       NOT NULL,
  due_at              timestamptz NOT NULL,
  status              text        NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'dead')),
  attempts            integer     NOT NULL DEFAULT 0,
  claimed_by          text,
  lease_until         timestamptz,
  platform_message_id text,
  last_error          text,
  sent_at             timestamptz,
  dead_at             timestamptz,
  incident_id         uuid,
  created_at          timestamptz NOT NULL DEFAULT now()
);
-- What claimDue scans: pending rows by due time.
CREATE INDEX outbox_pending_due ON outbox (due_at, seq) WHERE status = 'pending';
CREATE INDEX outbox_incident ON outbox (incident_id) WHERE incident_id IS NOT NULL;

-- Inbound event ids already handled (Slack retries the same event_id). UNLOGGED: written on every turn,
-- so it skips the WAL; a crash empties it, which at worst lets a retry that arrives just then through.
CREATE UNLOGGED TABLE inbound_events (
  key     text        NOT NULL PRIMARY KEY,
  seen_at timestamptz NOT NULL
);
CREATE INDEX inbound_events_seen ON inbound_events (seen_at);
