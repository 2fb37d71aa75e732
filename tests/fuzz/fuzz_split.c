/* Fuzz target: how a migration is cut into statements. The input is run
 * statement by statement (what -- plumb:no-transaction does) in an in-memory
 * SQLite database, split on `--> statement-breakpoint` as a drizzle-kit
 * migration, and written as the one migration of a folder that the runner
 * then applies (in a transaction or not, as its directives say) and records;
 * the records are read back and joined with the folder. The process works
 * in its own temporary folder, and ATTACH is refused, so no statement
 * writes a file elsewhere. */
#include "fuzz_util.h"

#include "dialect/sqlite/sqlite.h"
#include "runner/runner.h"

static int no_attach(void *payload, int action, const char *a, const char *b, const char *c,
		     const char *d)
{
	(void)payload, (void)a, (void)b, (void)c, (void)d;
	return action == SQLITE_ATTACH ? SQLITE_DENY : SQLITE_OK;
}

/* Ends a statement that runs too long (WITH RECURSIVE without an end). */
static long steps;

static int too_long(void *payload)
{
	(void)payload;
	return ++steps > 2000; /* about two million VM instructions */
}

static int scratch(plumb_ctx *ctx, plumb_conn **out)
{
	if (plumb__sqlite_connect_scratch(ctx, ctx->root, NULL, out) < 0)
		return -1;
	sqlite3 *db = ((plumb_sqlite_conn *)*out)->db;
	sqlite3_set_authorizer(db, no_attach, NULL);
	sqlite3_progress_handler(db, 1000, too_long, NULL);
	sqlite3_limit(db, SQLITE_LIMIT_LENGTH, 1 << 20);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_dir();
	static char migrations[4200];
	if (!migrations[0]) {
		snprintf(migrations, sizeof(migrations), "%s/migrations", dir);
		if (chdir(dir) != 0)
			abort();
	}
	fuzz_clear(dir);
	steps = 0;

	plumb_ctx *ctx;
	if (plumb_ctx_new(&ctx))
		return 0;
	plumb_arena *a = ctx->root;
	char *sql = plumb_arena_strndup(a, (const char *)data, size);
	plumb_conn *conn;
	if (!sql || scratch(ctx, &conn) < 0)
		goto done;
	const char *failed;
	(void)plumb__sqlite_exec_each(ctx, conn, a, sql, "fuzz.sql", &failed);
	plumb_error_clear(ctx);

	plumb_migration m = {.sql = sql, .len = strlen(sql), .breakpoints = true};
	plumb_chunk *chunks;
	size_t n_chunks;
	if (plumb_history_chunks(ctx, a, &m, &chunks, &n_chunks) == 0)
		for (size_t i = 0; i < n_chunks; i++)
			if (chunks[i].start > chunks[i].end || chunks[i].end > m.len)
				abort(); /* a chunk outside the migration */
	plumb_error_clear(ctx);

	/* the file as it is: directives decide transaction, timeouts, foreign keys */
	if (fuzz_put(dir, "migrations/20260101000000_fuzz.sql", data, size) < 0)
		goto done;
	plumb_history *h;
	if (plumb_history_load(ctx, a, migrations, &h) < 0 || scratch(ctx, &conn) < 0)
		goto done;
	plumb_migrate_opts opts = {0};
	size_t n_applied = 0;
	(void)plumb_runner_migrate(ctx, conn, h, &opts, &n_applied);
	plumb_error_clear(ctx);
	plumb_vec records = {0}, states = {0};
	if (plumb_runner_read_records(ctx, conn, a, h, &records) == 0)
		(void)plumb_runner_status(ctx, a, h, &records, &states);
done:
	plumb_ctx_free(ctx);
	return 0;
}
