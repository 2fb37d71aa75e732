BEGIN;
CREATE FUNCTION f() RETURNS int LANGUAGE plx AS $$begin return 1; end$$;
COMMIT;
