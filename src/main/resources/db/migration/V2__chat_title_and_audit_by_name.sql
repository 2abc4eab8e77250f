-- /chats shows each chat's title as it was when the chat was granted; chats granted under version 1
-- have none.
ALTER TABLE chats ADD COLUMN title TEXT;

-- /history NAME finds the entries about one sender name, case-insensitively, newest first, without
-- reading the whole audit log. Sender names are ASCII, which is what NOCASE folds.
CREATE INDEX audit_by_sender_name ON audit (sender_name COLLATE NOCASE, id);
