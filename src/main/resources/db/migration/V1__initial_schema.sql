-- senders-bot schema, version 1: the first released schema.
-- Times are INTEGER milliseconds since the epoch (UTC). A column holding a Telegram chat id is named
-- chat_id, so that ChatRegistry.migrate moves its rows when a group becomes a supergroup.

-- Chats granted access: their role and the SMSC sub-client they are bound to (NULL: the account).
CREATE TABLE chats (
  chat_id    INTEGER PRIMARY KEY,
  role       TEXT    NOT NULL CHECK (role IN ('viewer', 'operator', 'admin')),
  sub_client TEXT,
  granted_by INTEGER NOT NULL,
  granted_at INTEGER NOT NULL
);

-- Every command that reached the access policy. Append-only; outcome is filled in when it ends.
CREATE TABLE audit (
  id          INTEGER PRIMARY KEY,
  at          INTEGER NOT NULL,
  chat_id     INTEGER NOT NULL,
  user_id     INTEGER NOT NULL,
  username    TEXT,
  command     TEXT    NOT NULL,
  args        TEXT    NOT NULL DEFAULT '',
  sender_name TEXT,
  decision    TEXT    NOT NULL,
  outcome     TEXT
);
CREATE INDEX audit_by_chat ON audit (chat_id);

-- The transport's progress, by name (last_update_id: the last Telegram update handled).
CREATE TABLE bot_state (
  name  TEXT    PRIMARY KEY,
  value INTEGER NOT NULL
);

-- Digital names waiting for their confirmation code, one per chat and phone. The code itself is
-- never stored.
CREATE TABLE pending_codes (
  chat_id           INTEGER NOT NULL,
  phone             TEXT    NOT NULL,
  user_id           INTEGER NOT NULL,
  sub_client        TEXT,
  sent_at           INTEGER NOT NULL,
  attempts_left     INTEGER NOT NULL CHECK (attempts_left > 0),
  expires_at        INTEGER NOT NULL,
  prompt_message_id INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (chat_id, phone)
);

-- What an inline button does; the button's callback data is only the token.
CREATE TABLE button_actions (
  token      TEXT    PRIMARY KEY,
  chat_id    INTEGER NOT NULL,
  user_id    INTEGER NOT NULL,
  action     TEXT    NOT NULL,
  args       TEXT    NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX button_actions_by_expiry ON button_actions (expires_at);

-- Unknown chats that asked for access, so the owners hear from each at most once an hour.
CREATE TABLE access_requests (
  chat_id          INTEGER PRIMARY KEY,
  last_notified_at INTEGER NOT NULL,
  last_seen_at     INTEGER NOT NULL,
  seen_count       INTEGER NOT NULL
);
