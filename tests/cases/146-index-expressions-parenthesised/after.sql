-- index keys that are expressions but not function calls need parentheses
-- (a cast among them), and an operator class follows its key after a space
CREATE EXTENSION pg_trgm;
CREATE TABLE r (name varchar(20), n int, at timestamptz);
CREATE INDEX r_cast ON r ((name::text));
CREATE INDEX r_cast_trgm ON r USING gin ((name::text) public.gin_trgm_ops);
CREATE INDEX r_cast_pattern ON r ((name::text) text_pattern_ops DESC);
CREATE INDEX r_call_pattern ON r (lower(name) text_pattern_ops);
CREATE INDEX r_utc ON r ((at AT TIME ZONE 'UTC'), (n + 1));
