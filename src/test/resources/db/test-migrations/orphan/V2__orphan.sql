-- Foreign keys are off while a script runs; the check before commit must still catch this.
INSERT INTO children (id, parent_id) VALUES (2, 99);
