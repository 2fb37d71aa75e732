-- a composite type changed: dropped and created again, its grants with it
CREATE TYPE pair AS (a integer, b text);
REVOKE USAGE ON TYPE pair FROM PUBLIC;
GRANT USAGE ON TYPE pair TO pg_monitor;
-- an enum value removed: the enum is rebuilt
CREATE TYPE mood AS ENUM ('sad', 'happy');
GRANT USAGE ON TYPE mood TO pg_monitor WITH GRANT OPTION;
