CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, age integer);
CREATE INDEX users_name_idx ON users (name);
