-- PostgreSQL form of SQLite's V6: the audit's sub-client column, strangers counted per chat and
-- hour, and the retention purge's index. SQLite's V6 also rewrote audit rows older releases had
-- written; a PostgreSQL database begins with a build that writes them right, so there is nothing
-- here to rewrite.
ALTER TABLE audit ADD COLUMN sub_client TEXT;

CREATE TABLE stranger_hits (
  hour    BIGINT NOT NULL,
  chat_id BIGINT NOT NULL,
  count   BIGINT NOT NULL CHECK (count > 0),
  PRIMARY KEY (hour, chat_id)
);

CREATE INDEX audit_by_at ON audit (at);
