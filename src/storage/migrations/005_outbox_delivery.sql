-- Exactly once, and no faster than a platform allows per conversation.
-- send_started_at: set (and committed) just before the platform call, cleared when the platform
-- answered "not sent". A row claimed again with it set was possibly delivered by a worker that died.
ALTER TABLE outbox ADD COLUMN send_started_at timestamptz;
-- One DM per person and channel, so the recipient is the conversation the platform throttles.
ALTER TABLE outbox ADD COLUMN recipient_key text
  GENERATED ALWAYS AS ((recipient ->> 'channel') || ':' || (recipient ->> 'userId')) STORED;
CREATE INDEX outbox_pending_recipient ON outbox (recipient_key, due_at, seq) WHERE status = 'pending';

-- When each conversation may get its next message. Its row is also the per-recipient lock that
-- keeps replicas from sending to one person at once (FOR UPDATE SKIP LOCKED in claimDue).
CREATE TABLE outbox_pace (
  recipient_key text        NOT NULL PRIMARY KEY,
  next_at       timestamptz NOT NULL DEFAULT '-infinity'
);
INSERT INTO outbox_pace (recipient_key) SELECT DISTINCT recipient_key FROM outbox ON CONFLICT DO NOTHING;
