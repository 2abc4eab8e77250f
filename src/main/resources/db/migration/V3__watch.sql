-- The status watcher: subscriptions, the last seen state of every watched name, and the outbox of
-- notifications. Tables that hold a Telegram chat id name it chat_id, so their rows follow a group
-- to its supergroup (ChatRegistry.migrate).

-- Which chats want status-change notifications. name NULL: every name the chat may see (its
-- sub-client's, or the account's when unbound). active 0: delivery to the chat was forbidden (the
-- bot was blocked or removed); a new /subscribe turns it back on.
CREATE TABLE subscriptions (
  chat_id    INTEGER NOT NULL,
  topic_id   INTEGER,
  name       TEXT COLLATE NOCASE,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at INTEGER NOT NULL
);
-- One row per chat and name (NULL counted as one name), case-insensitively: sender names are
-- ASCII, which NOCASE folds.
CREATE UNIQUE INDEX subscriptions_by_chat_and_name
  ON subscriptions (chat_id, ifnull(name, '') COLLATE NOCASE);

-- The last state the watcher saw of each name, per scope: '' is the account itself, anything else
-- a sub-client login. operators holds every operator status field the provider reported, known
-- or not, as "flag=code" pairs joined by ',' in the provider's order.
CREATE TABLE watch_names (
  scope      TEXT    NOT NULL,
  name       TEXT    NOT NULL,
  sender_id  INTEGER NOT NULL,
  moderation INTEGER,
  operators  TEXT    NOT NULL,
  PRIMARY KEY (scope, name)
) WITHOUT ROWID;

-- Each watched scope: when its silent baseline was taken and when it was last read in full and
-- successfully. A scope without a row gets a silent baseline on its next poll.
CREATE TABLE watch_scopes (
  scope           TEXT    PRIMARY KEY,
  baseline_at     INTEGER NOT NULL,
  last_success_at INTEGER NOT NULL,
  last_full_at    INTEGER NOT NULL
);

-- The watcher's own health, one row: how many polls failed in a row, the last error, and the
-- trouble the owners were alerted about (NULL: none), so the alert and its recovery go out once
-- each, across restarts.
CREATE TABLE watch_state (
  id              INTEGER PRIMARY KEY CHECK (id = 1),
  polls           INTEGER NOT NULL,
  last_attempt_at INTEGER,
  last_success_at INTEGER,
  failures        INTEGER NOT NULL,
  last_error      TEXT,
  alerted         TEXT
);
INSERT INTO watch_state (id, polls, failures) VALUES (1, 0, 0);

-- Notifications to send, written in the same transaction as the snapshot they come from. kind:
-- 'change' (one line about one name), 'summary' (the "while I was away" message of one chat),
-- 'notice' (a message to an owner about the bot itself). card_names: names to offer a card button
-- for, separated by spaces. state moves once from 'pending' to 'sent' (right after Telegram
-- accepted the message) or to 'failed'.
CREATE TABLE outbox (
  id         INTEGER PRIMARY KEY,
  chat_id    INTEGER NOT NULL,
  topic_id   INTEGER,
  kind       TEXT    NOT NULL CHECK (kind IN ('change', 'summary', 'notice')),
  html       TEXT    NOT NULL,
  actionable INTEGER NOT NULL CHECK (actionable IN (0, 1)),
  card_names TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  state      TEXT    NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'sent', 'failed')),
  attempts   INTEGER NOT NULL DEFAULT 0,
  due_at     INTEGER NOT NULL,
  done_at    INTEGER,
  error      TEXT
);
CREATE INDEX outbox_pending ON outbox (chat_id, id) WHERE state = 'pending';
CREATE INDEX outbox_done ON outbox (done_at) WHERE state <> 'pending';
