SELECT pg_get_serial_sequence('t', 'id'), pg_get_serial_sequence('u', 'id');
INSERT INTO t DEFAULT VALUES;
INSERT INTO u DEFAULT VALUES;
SELECT (SELECT id FROM t), (SELECT id FROM u);
