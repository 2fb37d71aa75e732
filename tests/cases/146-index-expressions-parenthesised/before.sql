CREATE EXTENSION pg_trgm;
CREATE TABLE r (name varchar(20), n int, at timestamptz);
