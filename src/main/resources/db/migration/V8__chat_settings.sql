-- What a chat chose to read the bot in, and who subscribed it. language: 'ru' or 'en' chosen with
-- /lang, NULL for automatic (each writer's own Telegram language). time_zone: an IANA zone chosen
-- with /tz, NULL for the configured ui.time-zone. subscriber_language: the language of whoever
-- last ran /subscribe there, which notifications use when the chat chose none. The table holds a
-- chat_id, so its row follows a group to its supergroup (ChatRegistry.migrate).
CREATE TABLE chat_settings (
  chat_id             BIGINT PRIMARY KEY,
  language            TEXT CHECK (language IN ('ru', 'en')),
  time_zone           TEXT,
  subscriber_language TEXT CHECK (subscriber_language IN ('ru', 'en'))
);
