CREATE TYPE mood AS ENUM ('sad', 'happy');
CREATE TYPE pair AS (a integer, b integer);
CREATE DOMAIN posint AS integer CHECK (VALUE > 0);
CREATE TYPE span AS RANGE (subtype = integer);
GRANT USAGE ON TYPE span TO pg_monitor;
REVOKE USAGE ON TYPE span FROM PUBLIC;
