CREATE TABLE a (id int) WITH (fillfactor=90, oids=false);
CREATE TABLE b (id int) WITH (fillfactor='50', autovacuum_vacuum_scale_factor=0.2);
CREATE TABLE c (id int) WITH (autovacuum_enabled=false, fillfactor=70);
ALTER TABLE c RESET (autovacuum_enabled);
ALTER TABLE c SET (toast_tuple_target=256, fillfactor=75);
-- pg_dump writes an unlogged table's parameters (danbooru's rate_limits)
CREATE UNLOGGED TABLE d (id int) WITH (fillfactor='50', autovacuum_enabled);
