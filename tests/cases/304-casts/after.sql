CREATE TYPE level AS ENUM ('low', 'high');
CREATE FUNCTION level_of(integer) RETURNS level LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $1 > 5 THEN 'high'::level ELSE 'low'::level END $$;
CREATE CAST (integer AS level) WITH FUNCTION level_of(integer) AS ASSIGNMENT;
CREATE TYPE pair AS (a integer, b integer);
CREATE CAST (text AS pair) WITH INOUT;
CREATE CAST (money AS bigint) WITHOUT FUNCTION;
