-- PostgreSQL form of SQLite's V4: the comments the bot set on sender names, one per sub-client
-- ('' is the account) and name, case-insensitively.
CREATE TABLE sender_comments (
  sub_client   TEXT   NOT NULL,
  name         TEXT   NOT NULL COLLATE nocase,
  comment      TEXT   NOT NULL,
  set_by       BIGINT NOT NULL,
  set_by_label TEXT   NOT NULL,
  set_at       BIGINT NOT NULL,
  PRIMARY KEY (sub_client, name)
);
