CREATE SCHEMA audit AUTHORIZATION pg_monitor;
CREATE TABLE t (id integer);
