-- plumb:renamed from=persons
CREATE TABLE people (
  id INTEGER PRIMARY KEY,
  full_name VARCHAR(20) -- plumb:renamed from=name
);
