-- The audit keeps what chats with access did, within bounds.

-- The sub-client the chat was bound to when it acted (NULL: the account), so that a chat bound to a
-- sub-client sees in /history and /audit only its sub-client's entries, even after a chat that
-- acted is bound elsewhere. Entries written before this version take the chat's binding of today,
-- the best there is.
ALTER TABLE audit ADD COLUMN sub_client TEXT;
UPDATE audit SET sub_client = (SELECT c.sub_client FROM chats AS c WHERE c.chat_id = audit.chat_id);

-- What unknown chats sent, counted per chat and hour instead of stored one audit row each. hour is
-- the start of the hour. The first 50 unknown chats of an hour get a row each; the others share the
-- hour's row with chat_id 0, which no Telegram chat has, so 100,000 strangers cannot grow the file.
CREATE TABLE stranger_hits (
  hour    INTEGER NOT NULL,
  chat_id INTEGER NOT NULL,
  count   INTEGER NOT NULL CHECK (count > 0),
  PRIMARY KEY (hour, chat_id)
) WITHOUT ROWID;
INSERT INTO stranger_hits (hour, chat_id, count)
  SELECT at - at % 3600000, chat_id, count(*) FROM audit WHERE decision = 'denied: unknown chat'
  GROUP BY at - at % 3600000, chat_id;
DELETE FROM audit WHERE decision = 'denied: unknown chat';

-- The name column holds sender names only (SenderNames.check: English letters, digits, '.', '-'
-- and '_', at most 11; or a phone number of at most 15 digits); anything else typed as one is
-- dropped from it. The arguments keep what was typed, cut to 300 characters as before.
UPDATE audit SET sender_name = NULL
  WHERE sender_name IS NOT NULL
    AND NOT (length(sender_name) BETWEEN 1 AND 11 AND sender_name NOT GLOB '*[^A-Za-z0-9._-]*')
    AND NOT (length(sender_name) BETWEEN 1 AND 15 AND sender_name NOT GLOB '*[^0-9]*');

-- Earlier versions kept a confirmation code that did not stand last (/confirm 338824 please) in
-- the arguments and as the name. A /confirm entry keeps a phone number only when it is the name
-- and has 11 digits or more, more than any code (codes have 3 to 10); everything else is masked.
UPDATE audit SET args = '***'
  WHERE command = 'confirm' AND args NOT LIKE '(button %' AND args <> '***'
    AND NOT (sender_name IS NOT NULL AND length(sender_name) >= 11
      AND sender_name NOT GLOB '*[^0-9]*' AND args = sender_name || ' ***');
UPDATE audit SET sender_name = NULL
  WHERE command = 'confirm' AND sender_name IS NOT NULL AND length(sender_name) < 11;

-- The retention purge deletes by age.
CREATE INDEX audit_by_at ON audit (at);
