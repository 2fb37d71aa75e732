/* Fuzz target: tracking rows read back. The input's lines are rows, its
 * fields cut at '|' ("~" is NULL, a field starting with '#' an integer, with
 * '%' a real, with '&' a blob), put in an in-memory SQLite database as rows
 * of plumb_migrations and of drizzle-orm's __drizzle_migrations (tables
 * made without constraints, as a hand-edited or foreign table may be). The
 * records are read back and joined with a plumb folder and a drizzle-kit
 * folder of three migrations each, and a dry run of migrate decides on
 * them. */
#include "fuzz_util.h"

#include "dialect/sqlite/sqlite.h"
#include "runner/runner.h"

#define MAX_ROWS 16
#define MAX_FIELDS 8

static const char plumb_sql[] =
	"CREATE TABLE plumb_migrations (version, name, checksum, state, applied_at, "
	"duration_ms, applied_by, error)";
static const char drizzle_sql[] = "CREATE TABLE \"__drizzle_migrations\" (id, hash, created_at)";

static void folders(const char *dir)
{
	static const char *const files[][2] = {
		{"p/20260101000000_a.sql", "CREATE TABLE a (x);\n"},
		{"p/20260102000000_b.sql", "-- plumb:no-transaction\nCREATE TABLE b (x);\n"},
		{"p/20260103000000_c.sql", "CREATE TABLE c (x);\n"},
		{"d/0000_a.sql", "CREATE TABLE a (x);\n--> statement-breakpoint\nSELECT 1;\n"},
		{"d/0001_b.sql", "CREATE TABLE b (x);\n"},
		{"d/0002_c.sql", "CREATE TABLE c (x);\n"},
		{"d/meta/_journal.json",
		 "{\"version\":\"7\",\"dialect\":\"sqlite\",\"entries\":["
		 "{\"idx\":0,\"version\":\"6\",\"when\":1700000000000,\"tag\":\"0000_a\"},"
		 "{\"idx\":1,\"version\":\"6\",\"when\":1700000000001,\"tag\":\"0001_b\"},"
		 "{\"idx\":2,\"version\":\"6\",\"when\":1700000000002,\"tag\":\"0002_c\"}]}"},
	};
	char path[4200];
	snprintf(path, sizeof(path), "%s/d/meta", dir);
	mkdir(path, 0755);
	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++)
		if (fuzz_put(dir, files[i][0], files[i][1], strlen(files[i][1])) < 0)
			abort();
	plumb_ctx *ctx;
	plumb_history *h;
	snprintf(path, sizeof(path), "%s/p", dir);
	if (plumb_ctx_new(&ctx) || plumb_history_load(ctx, ctx->root, path, &h) ||
	    plumb_history_write_sum(ctx, h))
		abort();
	plumb_ctx_free(ctx);
}

static void bind(sqlite3_stmt *st, int i, const fuzz_part *f)
{
	if (f->len == 1 && f->data[0] == '~')
		sqlite3_bind_null(st, i);
	else if (f->len && f->data[0] == '#')
		sqlite3_bind_int64(st, i, strtoll(f->data + 1, NULL, 10));
	else if (f->len && f->data[0] == '%')
		sqlite3_bind_double(st, i, strtod(f->data + 1, NULL));
	else if (f->len && f->data[0] == '&')
		sqlite3_bind_blob(st, i, f->data + 1, (int)f->len - 1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_text(st, i, f->data, (int)f->len, SQLITE_TRANSIENT);
}

/* Reads back, joins and dry-runs against the folder at path. */
static void check(plumb_ctx *ctx, plumb_conn *conn, const char *path)
{
	plumb_history *h;
	plumb_vec records = {0}, states = {0};
	if (plumb_history_load(ctx, ctx->root, path, &h) < 0)
		abort(); /* the folders are fixed and good */
	if (plumb_runner_read_records(ctx, conn, ctx->root, h, &records) == 0 &&
	    plumb_runner_status(ctx, ctx->root, h, &records, &states) == 0) {
		for (size_t i = 0; i < states.n; i++) {
			const plumb_mig_state *s = states.items[i];
			if (!s->file && !s->record)
				abort(); /* a state from nowhere */
			(void)plumb_mig_status_name(s->status);
		}
	}
	plumb_error_clear(ctx);
	plumb_migrate_opts opts = {.dry_run = true};
	size_t n = 0;
	(void)plumb_runner_migrate(ctx, conn, h, &opts, &n);
	plumb_error_clear(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_dir();
	static char p_dir[4200], d_dir[4200];
	if (!p_dir[0]) {
		folders(dir);
		snprintf(p_dir, sizeof(p_dir), "%s/p", dir);
		snprintf(d_dir, sizeof(d_dir), "%s/d", dir);
	}
	plumb_ctx *ctx;
	if (plumb_ctx_new(&ctx))
		return 0;
	char *copy = plumb_arena_strndup(ctx->root, (const char *)data, size);
	plumb_conn *conn;
	if (!copy || plumb__sqlite_connect_scratch(ctx, ctx->root, NULL, &conn) < 0)
		goto done;
	sqlite3 *db = ((plumb_sqlite_conn *)conn)->db;
	sqlite3_stmt *ins_p = NULL, *ins_d = NULL;
	if (sqlite3_exec(db, plumb_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_exec(db, drizzle_sql, NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO plumb_migrations VALUES (?,?,?,?,?,?,?,?)", -1,
			       &ins_p, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db, "INSERT INTO \"__drizzle_migrations\" VALUES (?,?,?)", -1,
			       &ins_d, NULL) != SQLITE_OK)
		abort();
	fuzz_part rows[MAX_ROWS];
	size_t n_rows = fuzz_split((const uint8_t *)copy, strlen(copy), '\n', rows, MAX_ROWS);
	for (size_t r = 0; r < n_rows; r++) {
		char *row = plumb_arena_strndup(ctx->root, rows[r].data, rows[r].len);
		if (!row)
			goto finish;
		fuzz_part f[MAX_FIELDS];
		size_t n_f = fuzz_split((const uint8_t *)row, strlen(row), '|', f, MAX_FIELDS);
		for (size_t i = 0; i < n_f; i++)
			((char *)f[i].data)[f[i].len] = '\0'; /* each field its own string */
		sqlite3_reset(ins_p);
		sqlite3_reset(ins_d);
		sqlite3_clear_bindings(ins_p);
		sqlite3_clear_bindings(ins_d);
		for (size_t i = 0; i < n_f; i++) {
			bind(ins_p, (int)i + 1, &f[i]);
			if (i < 3)
				bind(ins_d, (int)i + 1, &f[i]);
		}
		sqlite3_step(ins_p);
		sqlite3_step(ins_d);
	}
finish:
	sqlite3_finalize(ins_p);
	sqlite3_finalize(ins_d);
	check(ctx, conn, p_dir);
	check(ctx, conn, d_dir);
done:
	plumb_ctx_free(ctx);
	return 0;
}
