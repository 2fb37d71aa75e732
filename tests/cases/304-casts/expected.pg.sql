BEGIN;
CREATE TYPE public.pair AS (a int, b int);
CREATE CAST (integer AS level) WITH FUNCTION "level_of"(integer) AS ASSIGNMENT;
CREATE CAST (money AS bigint) WITHOUT FUNCTION;
CREATE CAST (text AS pair) WITH INOUT;
DROP CAST (level AS integer);
DROP FUNCTION "public"."level_num"(level);
COMMIT;
