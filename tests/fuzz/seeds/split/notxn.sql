-- plumb:no-transaction
CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);
INSERT INTO t (v) VALUES ('a;b');
/* ; */ CREATE INDEX ti ON t (v);
-- trailing
