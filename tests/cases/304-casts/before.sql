CREATE TYPE level AS ENUM ('low', 'high');
CREATE FUNCTION level_of(integer) RETURNS level LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $1 > 5 THEN 'high'::level ELSE 'low'::level END $$;
CREATE FUNCTION level_num(level) RETURNS integer LANGUAGE sql IMMUTABLE AS $$ SELECT CASE WHEN $1 = 'high' THEN 10 ELSE 0 END $$;
CREATE CAST (level AS integer) WITH FUNCTION level_num(level);
