CREATE TYPE pair AS (a integer, b integer);
REVOKE USAGE ON TYPE pair FROM PUBLIC;
GRANT USAGE ON TYPE pair TO pg_monitor;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
GRANT USAGE ON TYPE mood TO pg_monitor WITH GRANT OPTION;
