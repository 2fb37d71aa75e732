-- an extension's operator class written bare: the server prints it
-- qualified (public.gin_trgm_ops), options quoted, a default class left out
CREATE EXTENSION pg_trgm;
CREATE EXTENSION hstore;
CREATE TABLE r (name text, tags hstore, CHECK (name % 'abc'));
CREATE INDEX r_name_trgm ON r USING gin (name gin_trgm_ops);
CREATE INDEX r_name_gist ON r USING gist (name gist_trgm_ops(siglen=32));
CREATE INDEX r_tags ON r USING gist (tags gist_hstore_ops);
