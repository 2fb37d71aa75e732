CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, age integer);
CREATE TABLE posts (
  id integer NOT NULL,
  user_id integer NOT NULL REFERENCES users (id),
  CONSTRAINT posts_id_check CHECK (id > 0)
);
CREATE INDEX posts_user_idx ON posts (user_id);
