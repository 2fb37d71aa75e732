BEGIN;
CREATE EXTENSION IF NOT EXISTS "btree_gist";
COMMENT ON EXTENSION citext IS NULL;
COMMENT ON EXTENSION pg_trgm IS 'trigrams, changed';
COMMENT ON EXTENSION btree_gist IS 'gist for scalars';
COMMIT;
