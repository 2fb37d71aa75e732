-- a comment of the user's own on the public schema is kept, not set again
-- on every diff
COMMENT ON SCHEMA public IS 'the application''s tables';
CREATE TABLE t (a integer);
