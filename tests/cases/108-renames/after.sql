-- plumb:renamed from=users
CREATE TABLE people (
  id serial,
  full_name text NOT NULL, -- plumb:renamed from=name
  age integer,
  CONSTRAINT people_pkey PRIMARY KEY (id) -- plumb:renamed from=users_pkey
);
-- plumb:renamed from=users_name_idx
CREATE INDEX people_name_idx ON people (full_name);
