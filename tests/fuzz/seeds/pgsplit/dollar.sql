-- plumb:no-transaction
CREATE FUNCTION f() RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  RETURN 'a;b'; -- not the end;
END
$$;
DO $body$ BEGIN PERFORM 1; END $body$;
SELECT $tag$;$tag$ AS semi, $$ nested $x$ ; $x$ $$;
