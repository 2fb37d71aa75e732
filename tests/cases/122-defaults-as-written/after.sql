CREATE TABLE t (id int, b bigint DEFAULT '2'::bigint, r real DEFAULT '3.5'::real,
  n numeric[] DEFAULT ARRAY['1'::numeric],
  d timestamptz DEFAULT '0001-01-01 00:00:00'::timestamp);
CREATE TABLE u (id int DEFAULT '7'::integer, a numeric CHECK (a = '1'::numeric));
