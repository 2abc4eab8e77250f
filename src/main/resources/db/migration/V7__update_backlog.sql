-- Telegram updates parked for later: their chat already had an update under way or was waiting for
-- its next sending slot, so holding them unconfirmed would have held every other chat's updates
-- behind them (Telegram hands out at most 100, oldest first). Parking an update records it in
-- handled_updates in the same transaction, so the offset may pass it; its row is deleted as soon
-- as it has been handled. The payload is what the bot reads from the update (chat, sender, text or
-- button data), JSON. The column is named chat_id so that a group's rows follow it when it becomes
-- a supergroup.
CREATE TABLE update_backlog (
  update_id INTEGER PRIMARY KEY,
  chat_id   INTEGER NOT NULL,
  payload   TEXT    NOT NULL
);
CREATE INDEX update_backlog_by_chat ON update_backlog (chat_id, update_id);
