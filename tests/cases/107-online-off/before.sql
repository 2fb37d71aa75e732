CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, age integer);
CREATE TABLE posts (id integer NOT NULL, user_id integer);
CREATE INDEX posts_old_idx ON posts (id);
