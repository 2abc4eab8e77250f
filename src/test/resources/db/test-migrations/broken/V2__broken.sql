-- The first statement succeeds, the second fails: the migration must leave no trace of either.
CREATE TABLE more_things (id INTEGER PRIMARY KEY);
INSERT INTO no_such_table VALUES (1);
