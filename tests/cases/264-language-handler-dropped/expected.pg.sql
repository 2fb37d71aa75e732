BEGIN;
CREATE FUNCTION h() RETURNS int LANGUAGE plx AS $$begin return 3; end$$;
DROP FUNCTION "public"."f"();
COMMIT;
