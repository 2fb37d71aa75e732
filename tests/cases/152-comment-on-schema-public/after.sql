-- pg_dump writes a comment on the public schema; it is not set again on
-- every diff
COMMENT ON SCHEMA public IS 'standard public schema';
CREATE TABLE t (a integer, b text);
