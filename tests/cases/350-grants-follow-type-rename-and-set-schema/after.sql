CREATE SCHEMA app;
-- granted, then renamed and moved: the grants go with the type and the domain
CREATE TYPE mood AS ENUM ('sad', 'happy');
REVOKE USAGE ON TYPE mood FROM PUBLIC;
GRANT USAGE ON TYPE mood TO pg_monitor;
ALTER TYPE mood RENAME TO feeling;
ALTER TYPE feeling SET SCHEMA app;
CREATE TYPE pair AS (a integer, b integer);
GRANT ALL ON TYPE pair TO pg_read_all_data WITH GRANT OPTION;
ALTER TYPE pair RENAME TO couple;
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
REVOKE ALL ON DOMAIN posint FROM PUBLIC;
GRANT USAGE ON DOMAIN posint TO pg_monitor;
ALTER DOMAIN posint RENAME TO natural_number;
ALTER DOMAIN natural_number SET SCHEMA app;
-- the old name taken again: a new type, with PostgreSQL's defaults
CREATE TYPE mood AS ENUM ('ok');
