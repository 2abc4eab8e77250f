-- The outbox keeps what a notification says apart from whom it goes to: a poll that finds 1,000
-- changes for 20 chats writes each change's text once per language (outbox_payloads) and 20,000
-- light delivery rows (outbox) naming it, instead of 20,000 copies of the text. A delivery row
-- keeps everything the sending side changes: its state, attempts, due time and error.

-- What a notification says. last_row: the highest outbox id when it was written, all its delivery
-- rows included; once every outbox row up to it is gone, nothing can name it any more, so it is
-- purged (Outbox.purge) without an index on outbox.payload_id, which every delivery row would
-- have to maintain.
CREATE TABLE outbox_payloads (
  id         INTEGER PRIMARY KEY,
  kind       TEXT    NOT NULL CHECK (kind IN ('change', 'summary', 'notice')),
  html       TEXT    NOT NULL,
  actionable INTEGER NOT NULL CHECK (actionable IN (0, 1)),
  card_names TEXT    NOT NULL DEFAULT '',
  name       TEXT,
  last_row   INTEGER NOT NULL
);
CREATE INDEX outbox_payloads_by_last_row ON outbox_payloads (last_row);

-- Every row written before: its own payload, under its own id.
INSERT INTO outbox_payloads (id, kind, html, actionable, card_names, name, last_row)
  SELECT id, kind, html, actionable, card_names, name, id FROM outbox;

-- The delivery rows, rebuilt as SQLite's ALTER TABLE documentation describes: same ids, same
-- states, so the sending side carries on where it was.
CREATE TABLE outbox_new (
  id         INTEGER PRIMARY KEY,
  chat_id    INTEGER NOT NULL,
  topic_id   INTEGER,
  payload_id INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  state      TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts   INTEGER NOT NULL DEFAULT 0,
  due_at     INTEGER NOT NULL,
  done_at    INTEGER,
  error      TEXT
);
INSERT INTO outbox_new (id, chat_id, topic_id, payload_id, created_at, state, attempts, due_at,
    done_at, error)
  SELECT id, chat_id, topic_id, id, created_at, state, attempts, due_at, done_at, error
  FROM outbox;
DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;
CREATE INDEX outbox_pending ON outbox (chat_id, id) WHERE state = 'pending';
CREATE INDEX outbox_done ON outbox (done_at) WHERE state <> 'pending';
