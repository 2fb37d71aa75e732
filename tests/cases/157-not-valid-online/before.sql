CREATE TABLE u (id integer PRIMARY KEY);
CREATE TABLE v (x integer, y integer);
