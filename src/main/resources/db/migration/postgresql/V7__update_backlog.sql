-- PostgreSQL form of SQLite's V7: Telegram updates parked for later, per chat.
CREATE TABLE update_backlog (
  update_id BIGINT PRIMARY KEY,
  chat_id   BIGINT NOT NULL,
  payload   TEXT   NOT NULL
);
CREATE INDEX update_backlog_by_chat ON update_backlog (chat_id, update_id);
