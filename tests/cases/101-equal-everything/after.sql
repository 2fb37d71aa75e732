CREATE SCHEMA audit;
CREATE EXTENSION pgcrypto;
CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, age integer, mood mood DEFAULT 'ok');
-- posts sorts before users: its foreign key is added once both exist
CREATE TABLE posts (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  user_id integer NOT NULL REFERENCES users (id),
  title varchar(200),
  CONSTRAINT posts_title_check CHECK (length(title) > 0)
);
ALTER TABLE posts ENABLE ROW LEVEL SECURITY;
CREATE TABLE audit.log (at timestamptz NOT NULL DEFAULT now());
CREATE INDEX posts_title_idx ON posts (title);
CREATE VIEW adults AS SELECT id, name FROM users WHERE age >= 18;
CREATE VIEW adult_names AS SELECT name FROM adults;
CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER users_touch BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION touch();
COMMENT ON TABLE users IS 'people''s table';
CREATE POLICY own_posts ON posts USING (user_id > 0);
