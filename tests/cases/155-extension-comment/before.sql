CREATE EXTENSION pg_trgm;
COMMENT ON EXTENSION pg_trgm IS 'trigrams, ours';
CREATE EXTENSION citext;
COMMENT ON EXTENSION citext IS 'case-free';
