CREATE EXTENSION postgres_fdw;
CREATE TABLE kept (id integer);
