BEGIN;
CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);
-- hazard builds-index: builds index "t_name" on "t"
CREATE INDEX t_name ON t (name);
COMMIT;
