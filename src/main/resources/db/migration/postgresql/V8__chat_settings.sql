-- PostgreSQL form of SQLite's V8: what a chat chose to read the bot in (/lang, /tz), and the
-- language of whoever last subscribed it.
CREATE TABLE chat_settings (
  chat_id             BIGINT PRIMARY KEY,
  language            TEXT CHECK (language IN ('ru', 'en')),
  time_zone           TEXT,
  subscriber_language TEXT CHECK (subscriber_language IN ('ru', 'en'))
);
