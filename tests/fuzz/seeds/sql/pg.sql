CREATE SCHEMA audit;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  email varchar(255) NOT NULL,
  mood mood DEFAULT 'ok',
  tags text[] DEFAULT '{}',
  score numeric(10,2) CHECK (score BETWEEN 0 AND 100),
  n int GENERATED ALWAYS AS IDENTITY,
  CONSTRAINT users_email_key UNIQUE (email)
);
CREATE INDEX CONCURRENTLY users_lower ON users USING btree (lower(email)) INCLUDE (id) WHERE id > 0;
CREATE FUNCTION add(a integer, b integer) RETURNS integer LANGUAGE sql AS $$ SELECT a + b $$;
CREATE VIEW audit.v AS SELECT id, email FROM users WHERE mood IN ('ok', 'happy');
COMMENT ON TABLE users IS 'people';
ALTER TABLE users ENABLE ROW LEVEL SECURITY;
CREATE POLICY p ON users FOR SELECT USING (id > 0);
