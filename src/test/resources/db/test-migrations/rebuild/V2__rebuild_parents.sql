-- SQLite's way to change a table: build the new one, copy, drop the old, rename. Dropping a
-- referenced table only works with foreign keys off.
CREATE TABLE parents_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL, note TEXT);
INSERT INTO parents_new (id, name) SELECT id, name FROM parents;
DROP TABLE parents;
ALTER TABLE parents_new RENAME TO parents;
