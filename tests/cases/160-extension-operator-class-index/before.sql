CREATE EXTENSION pg_trgm;
CREATE EXTENSION hstore;
CREATE TABLE r (name text, tags hstore);
