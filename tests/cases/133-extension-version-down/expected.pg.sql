BEGIN;
-- an extension cannot go back to an older version: drop and create
DROP EXTENSION "pg_trgm";
CREATE EXTENSION IF NOT EXISTS "pg_trgm" VERSION '1.3';
COMMIT;
