CREATE SCHEMA app;
-- back to PostgreSQL's defaults: EXECUTE for PUBLIC
CREATE FUNCTION app.secret() RETURNS integer LANGUAGE sql SECURITY DEFINER AS $$ SELECT 1 $$;
CREATE FUNCTION app.open() RETURNS integer LANGUAGE sql AS $$ SELECT 1 $$;
-- revoked and granted again: the default, no grant
REVOKE ALL ON FUNCTION app.open() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app.open() TO PUBLIC;
-- a dropped function takes its grants with it: nothing revoked
