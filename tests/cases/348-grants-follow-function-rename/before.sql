CREATE FUNCTION g(a integer) RETURNS integer LANGUAGE sql AS $$ SELECT a $$;
