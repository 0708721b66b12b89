-- The post-incident pathway: one row per step of an incident, closing and reopening a case, and
-- cancelling what was scheduled for a closed case.

CREATE TABLE incident_steps (
  incident_id uuid        NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  step        text        NOT NULL,
  state       text        NOT NULL DEFAULT 'not_started'
                          CHECK (state IN ('not_started', 'in_progress', 'done', 'not_relevant')),
  owner_id    text,
  due_at      timestamptz,
  -- The step's answers: choices, dates, user ids and privacy-checked short texts.
  data        jsonb       NOT NULL DEFAULT '{}'::jsonb,
  -- Bumped on every change; a card carries the version it showed, so a double click or a stale
  -- card is recognised instead of overwriting newer answers.
  version     integer     NOT NULL DEFAULT 0,
  updated_at  timestamptz,
  updated_by  text,
  PRIMARY KEY (incident_id, step)
);
CREATE INDEX incident_steps_owner_due ON incident_steps (owner_id, due_at) WHERE state IN ('not_started', 'in_progress');

ALTER TABLE incidents ADD COLUMN closed_at timestamptz;
ALTER TABLE incidents ADD COLUMN close_reason text;

-- Messages for a closed case are cancelled, not deleted: an admin can still see what was planned.
ALTER TABLE outbox DROP CONSTRAINT outbox_status_check;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('pending', 'sent', 'dead', 'cancelled'));
