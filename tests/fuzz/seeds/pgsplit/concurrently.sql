-- plumb:no-transaction
CREATE INDEX CONCURRENTLY IF NOT EXISTS users_email ON users (lower(email)) WHERE deleted_at IS NULL;
DROP INDEX CONCURRENTLY IF EXISTS users_old;
REINDEX INDEX CONCURRENTLY users_email;
VACUUM (ANALYZE) users
