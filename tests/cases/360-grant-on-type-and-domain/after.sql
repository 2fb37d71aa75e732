CREATE TYPE mood AS ENUM ('sad', 'happy');
REVOKE USAGE ON TYPE mood FROM PUBLIC;
GRANT USAGE ON TYPE mood TO pg_monitor;
CREATE TYPE pair AS (a integer, b integer);
GRANT ALL ON TYPE pair TO pg_read_all_data WITH GRANT OPTION;
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
REVOKE ALL ON DOMAIN posint FROM PUBLIC;
GRANT USAGE ON TYPE posint TO pg_monitor;
CREATE TYPE span AS RANGE (subtype = integer);
