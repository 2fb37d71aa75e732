CREATE SCHEMA app AUTHORIZATION pg_monitor;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor REVOKE USAGE ON TYPES FROM PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app GRANT ALL ON TYPES TO pg_read_all_data WITH GRANT OPTION;
-- created by the role running the file: PostgreSQL's defaults
CREATE TYPE app.by_runner AS ENUM ('a');
-- created by pg_monitor (SET SESSION AUTHORIZATION): its default privileges
SET SESSION AUTHORIZATION pg_monitor;
CREATE TYPE app.mood AS ENUM ('sad', 'ok');
CREATE DOMAIN app.posint AS integer CHECK (VALUE > 0);
CREATE TYPE app.pair AS (a integer, b integer);
CREATE TYPE app.span AS RANGE (subtype = integer);
RESET SESSION AUTHORIZATION;
CREATE DOMAIN app.after_reset AS text;
