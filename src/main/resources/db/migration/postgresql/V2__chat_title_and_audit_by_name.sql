-- PostgreSQL form of SQLite's V2: the chat's title, and /history NAME by the sender name
-- case-insensitively, newest first.
ALTER TABLE chats ADD COLUMN title TEXT;

CREATE INDEX audit_by_sender_name ON audit (sender_name COLLATE nocase, id);
