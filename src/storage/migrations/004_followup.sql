-- Follow-up check-ins (issue 7): one plan per involved person and incident, its check-ins, and the
-- working hours a person set (shift work), so check-ins follow their own hours.

ALTER TABLE users ADD COLUMN work_profile jsonb;

CREATE TABLE followup_plans (
  incident_id    uuid        NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  channel        text        NOT NULL CHECK (channel IN ('teams', 'slack')),
  user_id        text        NOT NULL,
  -- Asked once when the plan is made: may the manager be told that support is needed (never the answers)?
  tell_manager   boolean,
  stopped_at     timestamptz,
  created_at     timestamptz NOT NULL,
  PRIMARY KEY (incident_id, user_id)
);
CREATE INDEX followup_plans_user ON followup_plans (channel, user_id);

CREATE TABLE checkins (
  id           uuid        NOT NULL PRIMARY KEY DEFAULT gen_random_uuid(),
  incident_id  uuid        NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  channel      text        NOT NULL CHECK (channel IN ('teams', 'slack')),
  user_id      text        NOT NULL,
  seq          smallint    NOT NULL,
  due_at       timestamptz NOT NULL,
  status       text        NOT NULL DEFAULT 'planned'
                           CHECK (status IN ('planned', 'answered', 'skipped', 'cancelled')),
  -- 1 (very bad) … 5 (very good); whether they would like someone to talk to. No free text.
  score        smallint    CHECK (score BETWEEN 1 AND 5),
  wants_talk   boolean,
  answered_at  timestamptz,
  UNIQUE (incident_id, user_id, seq)
);
CREATE INDEX checkins_user_due ON checkins (channel, user_id, due_at) WHERE status = 'planned';
