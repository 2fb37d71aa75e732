CREATE EXTENSION pg_trgm;
COMMENT ON EXTENSION pg_trgm IS 'trigrams, changed';
-- back to no comment of ours (the one it came with is not compared)
CREATE EXTENSION citext;
CREATE EXTENSION btree_gist;
COMMENT ON EXTENSION btree_gist IS 'gist for scalars';
