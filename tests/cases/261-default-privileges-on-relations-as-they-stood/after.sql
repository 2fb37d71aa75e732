CREATE SCHEMA app AUTHORIZATION pg_monitor;
CREATE SCHEMA moved AUTHORIZATION pg_monitor;
SET ROLE pg_monitor;
-- without FOR ROLE: the role SET ROLE made current
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON TABLES TO pg_read_all_data;
ALTER DEFAULT PRIVILEGES IN SCHEMA app GRANT SELECT ON SEQUENCES TO pg_read_all_data;
CREATE TABLE app.while_granted (id serial);
-- renamed, or moved to another schema: what it was given stays
CREATE TABLE app.renamed_later (a integer);
ALTER TABLE app.renamed_later RENAME TO renamed;
CREATE TABLE app.moved_later (a integer);
ALTER TABLE app.moved_later SET SCHEMA moved;
-- the defaults changed: what is created after gets the new ones
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app REVOKE SELECT ON TABLES FROM pg_read_all_data;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor REVOKE ALL ON TABLES FROM pg_monitor;
ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT DELETE ON TABLES TO pg_write_all_data;
CREATE VIEW app.after_change AS SELECT 1 AS x;
-- RESET ALL leaves the role
RESET ALL;
CREATE TABLE app.after_reset_all (a integer);
-- SET ROLE NONE: the role running the file again
SET ROLE NONE;
CREATE TABLE app.by_runner (a integer);
