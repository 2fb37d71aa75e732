-- Not upstream: the tracking table golang-migrate creates before the first migration
-- (migration 0030 updates it).
CREATE TABLE IF NOT EXISTS schema_migrations (version bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL);
