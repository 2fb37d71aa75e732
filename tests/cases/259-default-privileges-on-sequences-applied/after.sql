CREATE SCHEMA app AUTHORIZATION pg_monitor;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT USAGE ON SEQUENCES TO pg_read_all_data;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT SELECT ON SEQUENCES TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app GRANT UPDATE ON SEQUENCES TO pg_write_all_data WITH GRANT OPTION;
-- created by the role running the file: PostgreSQL's defaults
CREATE SEQUENCE app.by_runner;
CREATE TABLE app.runners (id serial);
-- created by pg_monitor: sequences, serial columns' (the identity column's
-- sequence gets them too, but no privilege on it is managed)
SET ROLE pg_monitor;
CREATE SEQUENCE app.s;
CREATE TABLE app.t (id serial, big bigserial, ident integer GENERATED ALWAYS AS IDENTITY);
ALTER TABLE app.t ADD COLUMN added smallserial;
-- dropped and made again by the role running the file: PostgreSQL's defaults
CREATE TABLE app.gone (id serial);
RESET ROLE;
DROP TABLE app.gone;
CREATE TABLE app.gone (id serial);
