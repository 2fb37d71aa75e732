CREATE SCHEMA app AUTHORIZATION pg_monitor;
CREATE SCHEMA other AUTHORIZATION pg_monitor;
CREATE FOREIGN DATA WRAPPER w;
CREATE SERVER srv FOREIGN DATA WRAPPER w;
GRANT USAGE ON FOREIGN SERVER srv TO pg_monitor;
-- global: they replace PostgreSQL's defaults (the owner's all, PUBLIC nothing)
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT SELECT ON TABLES TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT ALL ON TABLES TO pg_write_all_data WITH GRANT OPTION;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor REVOKE GRANT OPTION FOR DELETE ON TABLES FROM pg_write_all_data;
-- in a schema: they add to the global ones, and revoke only their own
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app GRANT INSERT ON TABLES TO pg_read_all_data;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app REVOKE SELECT ON TABLES FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app GRANT TRUNCATE ON TABLES TO PUBLIC;
-- created by the role running the file, not pg_monitor: PostgreSQL's defaults
CREATE TABLE app.by_runner (a integer);
-- created by pg_monitor: tables, partitions, views, materialized and foreign
SET ROLE pg_monitor;
CREATE TABLE app.t (a integer);
CREATE TABLE app.p (a integer) PARTITION BY RANGE (a);
CREATE TABLE app.p1 PARTITION OF app.p FOR VALUES FROM (1) TO (10);
CREATE VIEW app.v AS SELECT 1 AS x;
CREATE MATERIALIZED VIEW app.m AS SELECT 1 AS x;
CREATE FOREIGN TABLE app.f (a integer) SERVER srv;
CREATE TABLE other.o (a integer);
-- and what a GRANT or REVOKE changes after
CREATE TABLE app.changed (a integer);
GRANT UPDATE ON app.changed TO pg_read_all_data;
REVOKE ALL ON app.changed FROM PUBLIC;
RESET ROLE;
-- a view replaced keeps its privileges
CREATE OR REPLACE VIEW app.v AS SELECT 1 AS x;
CREATE VIEW app.after_reset AS SELECT 1 AS x;
