CREATE TABLE users (
  id serial PRIMARY KEY,
  name text DEFAULT 'anon',
  age integer NOT NULL DEFAULT 0,
  token uuid DEFAULT gen_random_uuid(),
  n2 integer DEFAULT 1,
  CONSTRAINT users_age_check CHECK (age >= 0)
);
