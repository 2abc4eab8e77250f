-- The comments the bot set on sender names with /add and /chg. The provider takes a comment but its
-- list never returns one, so the card shows what the bot remembers. sub_client '' is the account
-- itself (a NULL would never be equal in the key), anything else a sub-client login; a sub-client's
-- names are its own, so the same name under two sub-clients has two rows. Names are ASCII, which
-- NOCASE folds, as the provider matches them.
CREATE TABLE sender_comments (
  sub_client   TEXT    NOT NULL,
  name         TEXT    NOT NULL COLLATE NOCASE,
  comment      TEXT    NOT NULL,
  set_by       INTEGER NOT NULL,
  set_by_label TEXT    NOT NULL,
  set_at       INTEGER NOT NULL,
  PRIMARY KEY (sub_client, name)
) WITHOUT ROWID;
