-- an extension outside public: its class written bare (found through the
-- search path) is the server's ext.gin_trgm_ops, and the plan names it so
CREATE SCHEMA ext;
CREATE EXTENSION pg_trgm SCHEMA ext;
SET search_path = public, ext;
CREATE TABLE r (name text);
CREATE INDEX r_name ON r USING gin (name gin_trgm_ops);
CREATE INDEX r_name_gist ON r USING gist (name ext.gist_trgm_ops);
