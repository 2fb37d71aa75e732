CREATE SCHEMA kept;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT USAGE ON SCHEMAS TO pg_read_all_data;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT CREATE ON SCHEMAS TO PUBLIC;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_read_all_data GRANT ALL ON SCHEMAS TO pg_write_all_data WITH GRANT OPTION;
-- created by the role running the file: PostgreSQL's defaults
CREATE SCHEMA by_runner;
-- AUTHORIZATION: the owner's default privileges, whoever creates it
CREATE SCHEMA owned AUTHORIZATION pg_monitor;
CREATE SCHEMA theirs AUTHORIZATION pg_read_all_data;
-- one already there keeps what it has; one dropped and made again loses it
CREATE SCHEMA IF NOT EXISTS kept AUTHORIZATION pg_monitor;
CREATE SCHEMA again AUTHORIZATION pg_monitor;
DROP SCHEMA again;
CREATE SCHEMA again;
