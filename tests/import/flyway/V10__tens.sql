CREATE TABLE tens (id integer);
