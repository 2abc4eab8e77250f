-- Alerts a person can live with: one live card per name per chat, mutes, quiet hours and a daily
-- summary. Tables that hold a Telegram chat id name it chat_id, so their rows follow a group to its
-- supergroup (ChatRegistry.migrate).

-- The one name a change row is about, so its chat's card for that name can be kept current; NULL
-- for summaries, notices and rows written before this migration.
ALTER TABLE outbox ADD COLUMN name TEXT;

-- The live card of a name in a chat (and forum topic; 0 for none): the bot's message that routine
-- moves edit in place. html is what the card reads now (to say on it, when an actionable move
-- starts a new card, where the card went); moves are its last few moves, one line each, newest
-- last. name is kept in upper case: sender names are ASCII.
CREATE TABLE live_cards (
  chat_id    INTEGER NOT NULL,
  topic_key  INTEGER NOT NULL,
  name       TEXT    NOT NULL,
  message_id INTEGER NOT NULL,
  html       TEXT    NOT NULL,
  moves      TEXT    NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (chat_id, topic_key, name)
);

-- A chat's mutes: nothing about the name is sent to the chat until until_at (NULL: until
-- unmuted). name '' mutes every name the chat hears of. by_owner: set by an owner, so it may
-- silence the bot's own notices too. An ended mute stays until its summary is queued.
CREATE TABLE mutes (
  chat_id    INTEGER NOT NULL,
  name       TEXT    NOT NULL,
  until_at   INTEGER,
  by_user    INTEGER NOT NULL,
  by_owner   INTEGER NOT NULL CHECK (by_owner IN (0, 1)),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (chat_id, name)
);

-- What a mute held back, for the one summary when it ends: the change line as it would have gone.
CREATE TABLE muted_moves (
  id         INTEGER PRIMARY KEY,
  chat_id    INTEGER NOT NULL,
  topic_id   INTEGER,
  name       TEXT    NOT NULL,
  html       TEXT    NOT NULL,
  actionable INTEGER NOT NULL CHECK (actionable IN (0, 1)),
  created_at INTEGER NOT NULL
);
CREATE INDEX muted_moves_by_chat ON muted_moves (chat_id, name);

-- A chat's quiet hours and daily summary, in minutes after midnight in the chat's time zone.
-- quiet_from = quiet_to is never stored (NULL both: no quiet hours). summary_last: the chat's
-- local date (yyyy-MM-dd) of the last summary made, so a restart does not make it twice.
CREATE TABLE alert_settings (
  chat_id        INTEGER PRIMARY KEY,
  quiet_from     INTEGER,
  quiet_to       INTEGER,
  summary_at     INTEGER,
  summary_always INTEGER NOT NULL DEFAULT 0 CHECK (summary_always IN (0, 1)),
  summary_last   TEXT
);
