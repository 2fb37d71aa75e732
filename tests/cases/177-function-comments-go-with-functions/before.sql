-- the comments of dropped functions go with them: no COMMENT ... IS NULL
-- after DROP SCHEMA; a comment removed from a function that stays is unset
CREATE SCHEMA auth;
CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$ select null::uuid $$;
COMMENT ON FUNCTION auth.uid() IS 'the user';
CREATE FUNCTION public.g(a integer, b character varying) RETURNS int LANGUAGE sql AS 'select 1';
COMMENT ON FUNCTION g(int, varchar) IS 'g';
CREATE FUNCTION public.h() RETURNS int LANGUAGE sql AS 'select 3';
COMMENT ON FUNCTION h() IS 'h';
