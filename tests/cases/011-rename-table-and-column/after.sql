-- plumb:renamed from=persons
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  full_name TEXT -- plumb:renamed from=name
);
CREATE TABLE pets (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES "people" (id));
CREATE VIEW names AS SELECT full_name FROM people;
