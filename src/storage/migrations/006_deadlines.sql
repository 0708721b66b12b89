-- Manager deadlines (issue 8): the current reminder and escalation schedule of a step. `gen` names
-- the schedule in its outbox keys (deadline:<incident>:<step>:<gen>:…), so a new owner or a reopened
-- case gets fresh messages, and an acknowledgement stops exactly the chain it answers.
CREATE TABLE step_schedules (
  incident_id  uuid        NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
  step         text        NOT NULL,
  gen          text        NOT NULL,
  owner_id     text,
  due_at       timestamptz NOT NULL,
  -- Asked to take the step over; cleared when they answer.
  handover_to  text,
  acked_by     text,
  acked_level  integer,
  acked_at     timestamptz,
  PRIMARY KEY (incident_id, step)
);
CREATE INDEX incident_steps_owner ON incident_steps (owner_id, due_at);
-- "Deadlines": the escalations that reached a person (sent rows are in no other index by recipient).
CREATE INDEX outbox_escalation_recipient ON outbox (recipient_key) WHERE kind = 'escalation.notice';
