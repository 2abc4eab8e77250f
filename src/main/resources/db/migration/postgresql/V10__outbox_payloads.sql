-- PostgreSQL form of SQLite's V10: what a notification says (outbox_payloads, once per change
-- and language) apart from whom it goes to (outbox, one light row per chat). See the SQLite
-- script for why last_row.
CREATE TABLE outbox_payloads (
  id         BIGINT  PRIMARY KEY,
  kind       TEXT    NOT NULL CHECK (kind IN ('change', 'summary', 'notice')),
  html       TEXT    NOT NULL,
  actionable INTEGER NOT NULL CHECK (actionable IN (0, 1)),
  card_names TEXT    NOT NULL DEFAULT '',
  name       TEXT,
  last_row   BIGINT  NOT NULL
);
CREATE INDEX outbox_payloads_by_last_row ON outbox_payloads (last_row);

INSERT INTO outbox_payloads (id, kind, html, actionable, card_names, name, last_row)
  SELECT id, kind, html, actionable, card_names, name, id FROM outbox;

ALTER TABLE outbox ADD COLUMN payload_id BIGINT;
UPDATE outbox SET payload_id = id;
ALTER TABLE outbox ALTER COLUMN payload_id SET NOT NULL;
ALTER TABLE outbox DROP COLUMN kind;
ALTER TABLE outbox DROP COLUMN html;
ALTER TABLE outbox DROP COLUMN actionable;
ALTER TABLE outbox DROP COLUMN card_names;
ALTER TABLE outbox DROP COLUMN name;
