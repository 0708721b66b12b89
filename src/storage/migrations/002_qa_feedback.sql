-- "Helpful / not helpful" counts per content entry and passage. No question text.
CREATE TABLE qa_feedback (
  entry_id    text    NOT NULL,
  passage_id  text    NOT NULL,
  helpful     integer NOT NULL DEFAULT 0,
  not_helpful integer NOT NULL DEFAULT 0,
  PRIMARY KEY (entry_id, passage_id)
);

-- Questions asked, kept only when the organisation turns it on (qa.storeQuestions) and never when the
-- question holds an identity number or a patient name.
CREATE TABLE qa_questions (
  id         bigserial   NOT NULL PRIMARY KEY,
  at         timestamptz NOT NULL,
  question   text        NOT NULL,
  answered   boolean     NOT NULL,
  passage_id text
);
