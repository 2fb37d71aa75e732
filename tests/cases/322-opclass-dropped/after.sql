CREATE TYPE pair AS (a integer, b integer);
CREATE TABLE t (id integer, p pair, b box);
CREATE INDEX t_id ON t (id);
