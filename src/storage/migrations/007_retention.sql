-- Data protection (issue 9): a closed incident past the organisation's retention period is anonymised
-- once (anonymised_at set) or deleted. The partial index is what the retention job scans.
ALTER TABLE incidents ADD COLUMN anonymised_at timestamptz;
CREATE INDEX incidents_retention ON incidents (closed_at) WHERE status = 'closed' AND anonymised_at IS NULL;
