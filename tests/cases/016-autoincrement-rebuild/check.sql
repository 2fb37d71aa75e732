-- the counter goes on from the deleted row's id
INSERT INTO t (a) VALUES ('w');
SELECT id FROM t WHERE a = 'w';
SELECT count(*) FROM sqlite_sequence;
