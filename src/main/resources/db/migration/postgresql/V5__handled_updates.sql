-- PostgreSQL form of SQLite's V5: Telegram updates handled out of order.
CREATE TABLE handled_updates (
  update_id BIGINT PRIMARY KEY
);
