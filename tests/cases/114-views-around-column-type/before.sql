CREATE TABLE users (id serial PRIMARY KEY, name text NOT NULL, age integer);
CREATE VIEW v1 AS SELECT id, age FROM users;
CREATE VIEW v2 AS SELECT age FROM v1;
CREATE VIEW other AS SELECT 1 AS one;
