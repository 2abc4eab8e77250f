-- Telegram updates handled out of order: finished while an earlier update (of another chat) was
-- still being handled, so bot_state's last_update_id (every update up to it is handled) cannot pass
-- them yet. A restart that is offered such an update again skips it. Rows at or below
-- last_update_id say nothing more and are deleted as it advances; the table stays small (at most
-- the updates in flight at once).
CREATE TABLE handled_updates (
  update_id INTEGER PRIMARY KEY
);
