CREATE TYPE pair AS (a integer, b integer);
CREATE CAST (text AS pair) WITH INOUT AS IMPLICIT;
