/*
 * The readers and matchers of plumb import (history/import*.c), one tool at
 * a time, on the hand-written folders of tests/import/ (each as its tool's
 * documentation describes it) and on rows as each tool's tracking table
 * holds them. Also the plumb folder written from them. The folder of
 * fixtures is the first argument.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history/import.h"
#include "tap.h"

static const char *fixtures;
static plumb_ctx *ctx;

/* The migrations of tool in fixtures/sub; NULL (and a failed test) on error. */
static plumb_vec *read_tool(const char *tool, const char *sub, plumb_import_args *args)
{
	plumb_vec *out = plumb_arena_alloc(ctx->root, sizeof(*out));
	memset(out, 0, sizeof(*out));
	args->dir = plumb_path_join(ctx->root, fixtures, sub);
	int rc = plumb__import_tool(tool)->read(ctx, ctx->root, args, out);
	ok(rc == 0, "%s: %s reads", tool, sub);
	if (rc) {
		printf("#   %s\n", plumb_ctx_error(ctx)->message);
		plumb_error_clear(ctx);
		return NULL;
	}
	return out;
}

static plumb_import_mig *mig(plumb_vec *v, size_t i)
{
	return i < v->n ? v->items[i] : NULL;
}

/* rows of n columns from a NULL-terminated list of values ("\1" for NULL). */
static plumb_import_rows *rows_of(size_t n_cols, ...)
{
	plumb_import_rows *r = plumb_arena_alloc(ctx->root, sizeof(*r));
	memset(r, 0, sizeof(*r));
	r->n_cols = n_cols;
	r->found = true;
	va_list ap;
	va_start(ap, n_cols);
	for (;;) {
		const char *first = va_arg(ap, const char *);
		if (!first)
			break;
		char **row = plumb_arena_alloc(ctx->root, n_cols * sizeof(*row));
		for (size_t k = 0; k < n_cols; k++) {
			const char *v = k ? va_arg(ap, const char *) : first;
			row[k] = strcmp(v, "\1") ? (char *)v : NULL;
		}
		plumb_vec_push(ctx->root, &r->rows, row);
	}
	va_end(ap);
	return r;
}

/* The kinds of problems, space-separated. */
static const char *match(const char *tool, plumb_import_args *args, plumb_vec *migs,
			 plumb_import_rows *rows)
{
	plumb_vec problems = {0};
	plumb_buf b;
	for (size_t i = 0; i < migs->n; i++)
		mig(migs, i)->applied = false;
	int rc = plumb__import_tool(tool)->match(ctx, ctx->root, args, migs, rows, &problems);
	if (rc)
		return "error";
	plumb_buf_init(&b, ctx->root, 0);
	for (size_t i = 0; i < problems.n; i++)
		plumb_buf_printf(&b, "%s%s", i ? " " : "",
				 ((plumb_import_problem *)problems.items[i])->kind);
	plumb_buf_finish(&b, ctx);
	return b.data;
}

/* "1 0 1": which migrations are applied. */
static const char *applied(plumb_vec *migs)
{
	plumb_buf b;
	plumb_buf_init(&b, ctx->root, 0);
	for (size_t i = 0; i < migs->n; i++)
		plumb_buf_printf(&b, "%s%d", i ? " " : "", mig(migs, i)->applied);
	plumb_buf_finish(&b, ctx);
	return b.data;
}

static bool has(const char *s, size_t n, const char *needle)
{
	return s && memmem(s, n, needle, strlen(needle)) != NULL;
}

static void test_golang(void)
{
	plumb_import_args args = {0};
	plumb_vec *m = read_tool("golang-migrate", "golang-migrate", &args);
	if (!m)
		return;
	is_int(m->n, 3, "golang-migrate: three versions (README.md left out)");
	is_str(mig(m, 2)->version, "10", "golang-migrate: 10 after 2 (numeric order)");
	is_str(mig(m, 0)->name, "init", "golang-migrate: name");
	ok(mig(m, 0)->down && has(mig(m, 0)->down, mig(m, 0)->down_len, "DROP TABLE users"),
	   "golang-migrate: .down.sql kept as down");
	ok(!mig(m, 1)->down, "golang-migrate: no down file, no down");
	is_str(match("golang-migrate", &args, m, rows_of(2, "2", "f", NULL)), "",
	       "golang-migrate: version 2 clean");
	is_str(applied(m), "1 1 0", "golang-migrate: up to version 2 applied");
	is_str(match("golang-migrate", &args, m, rows_of(2, "10", "t", NULL)), "dirty",
	       "golang-migrate: dirty named");
	is_str(match("golang-migrate", &args, m, rows_of(2, "7", "false", NULL)), "missing",
	       "golang-migrate: a version without a file is missing");
}

static void test_dbmate(void)
{
	plumb_import_args args = {0};
	plumb_vec *m = read_tool("dbmate", "dbmate", &args);
	if (!m)
		return;
	is_int(m->n, 2, "dbmate: two migrations");
	ok(has(mig(m, 0)->up, mig(m, 0)->up_len, "CREATE TABLE") &&
		   !has(mig(m, 0)->up, mig(m, 0)->up_len, "DROP"),
	   "dbmate: up section only in up");
	ok(has(mig(m, 0)->down, mig(m, 0)->down_len, "DROP TABLE users"), "dbmate: down section");
	ok(!mig(m, 0)->no_transaction && mig(m, 1)->no_transaction,
	   "dbmate: transaction:false read");
	is_str(mig(m, 1)->key, "20240102000000", "dbmate: version");
	is_str(match("dbmate", &args, m, rows_of(1, "20240101000000", "20240199999999", NULL)),
	       "missing", "dbmate: a row without a file is missing");
	is_str(applied(m), "1 0", "dbmate: rows mark versions");
}

static void test_goose(void)
{
	plumb_import_args args = {0};
	plumb_vec *m = read_tool("goose", "goose", &args);
	if (!m)
		return;
	is_int(m->n, 2, "goose: two migrations");
	ok(has(mig(m, 0)->up, mig(m, 0)->up_len, "RETURN 1;") &&
		   !has(mig(m, 0)->up, mig(m, 0)->up_len, "DROP FUNCTION"),
	   "goose: StatementBegin block in up, down left out");
	ok(has(mig(m, 0)->down, mig(m, 0)->down_len, "DROP FUNCTION one()"), "goose: down");
	ok(mig(m, 1)->no_transaction, "goose: NO TRANSACTION read");
	is_str(mig(m, 0)->key, "1", "goose: version as a number");
	is_str(match("goose", &args, m,
		     rows_of(4, "1", "0", "t", "2024-01-01 00:00:00", "2", "1", "t",
			     "2024-01-02 10:00:00", "3", "2", "t", "2024-01-03 00:00:00", "4", "2",
			     "f", "2024-01-04 00:00:00", NULL)),
	       "", "goose: rows read");
	is_str(applied(m), "1 0", "goose: the newest row of a version decides");
	is_str(mig(m, 0)->applied_at, "2024-01-02T10:00:00Z", "goose: tstamp kept");
}

static void test_drizzle(void)
{
	plumb_import_args args = {0};
	plumb_vec *m = read_tool("drizzle", "drizzle0", &args);
	if (m) {
		is_int(m->n, 2, "drizzle 0.x: two entries");
		is_str(mig(m, 0)->name, "0000_first", "drizzle 0.x: the tag");
		is_str(mig(m, 1)->key, "1700000060000", "drizzle 0.x: keyed by when");
		is_str(match("drizzle", &args, m,
			     rows_of(2,
				     "489d063e1e267194e3a7417fa2174a92166e4017a9be886e8b55712b61db8"
				     "fdc",
				     "1700000000000", NULL)),
		       "", "drizzle 0.x: the hash matches");
		is_str(applied(m), "1 0", "drizzle 0.x: first applied");
		is_str(match("drizzle", &args, m, rows_of(2, "00ff", "1700000060000", NULL)),
		       "checksum", "drizzle 0.x: another hash is an edited file");
		is_str(match("drizzle", &args, m, rows_of(2, "00ff", "1600000000000", NULL)),
		       "missing", "drizzle 0.x: a row matching nothing is missing");
		ok(!plumb_history_is_folders(ctx, args.dir),
		   "drizzle 0.x: not a folder of migration folders");
	}
	m = read_tool("drizzle", "drizzle1", &args);
	if (m) {
		is_int(m->n, 2, "drizzle 1.0: two folders");
		is_str(mig(m, 1)->name, "20240102000000_more", "drizzle 1.0: the folder's name");
		ok(has(mig(m, 0)->up, mig(m, 0)->up_len, "CREATE TABLE"),
		   "drizzle 1.0: migration.sql read");
		/* only import reads it: loaded as a plumb folder it would be an
		 * empty history */
		plumb_history *h = NULL;
		ok(plumb_history_is_folders(ctx, args.dir),
		   "drizzle 1.0: a folder of migration folders");
		is_int(plumb_history_load(ctx, ctx->root, args.dir, &h), PLUMB_EUSAGE,
		       "drizzle 1.0: refused as a plumb migrations folder");
		const char *hint = plumb_ctx_error(ctx)->hint;
		ok(h == NULL && hint && strstr(hint, "plumb import --from drizzle"),
		   "drizzle 1.0: ... with a hint to import it");
		plumb_error_clear(ctx);
	}
}

static void test_prisma(void)
{
	plumb_import_args args = {0};
	plumb_vec *m = read_tool("prisma", "prisma", &args);
	if (!m)
		return;
	is_int(m->n, 2, "prisma: two folders (migration_lock.toml aside)");
	const char *s0 = "c245083e492dd69d9ea88d4245eeb693b9a66b8b682788cbfc129830094f6a1a";
	const char *s1 = "95fcc7f2b4a7e1afde0219f823f3eb43f2c939214d4ca705edd41a3fa98750bb";
	is_str(match("prisma", &args, m,
		     rows_of(5, "20240101000000_init", s0, "2024-01-01 00:00:01+00", "\1",
			     "2024-01-01 00:00:00+00", "20240102000000_add", s1, "\1",
			     "2024-01-02 00:00:00+00", "2024-01-02 00:00:00+00",
			     "20240102000000_add", s1, "2024-01-03 00:00:00+02", "\1",
			     "2024-01-03 00:00:00+00", NULL)),
	       "", "prisma: rolled back, then applied again");
	is_str(applied(m), "1 1", "prisma: both applied");
	is_str(mig(m, 1)->applied_at, "2024-01-02T22:00:00Z", "prisma: finished_at in UTC");
	is_str(match("prisma", &args, m,
		     rows_of(5, "20240101000000_init", "abc", "2024-01-01 00:00:01", "\1",
			     "2024-01-01", "20240102000000_add", s1, "\1", "\1", "2024-01-02",
			     NULL)),
	       "checksum failed", "prisma: edited file, unfinished migration");
	is_str(match("prisma", &args, m,
		     rows_of(5, "20240102000000_add", s1, "2024-01-02", "2024-01-02", "2024-01-02",
			     NULL)),
	       "rolled-back", "prisma: rolled back only");
}

static void test_flyway(void)
{
	plumb_import_args args = {0};
	plumb_vec *m = read_tool("flyway", "flyway", &args);
	if (!m)
		return;
	is_int(m->n, 6, "flyway: four versioned, two repeatable (U files aside)");
	is_str(mig(m, 1)->version, "1.1", "flyway: V1_1 is version 1.1");
	is_str(mig(m, 3)->version, "10", "flyway: 10 after 2");
	is_str(mig(m, 4)->key, "R__a_posts_view.sql", "flyway: repeatables last, by description");
	is_str(mig(m, 0)->sums[0], "-1203868596", "flyway: CRC-32 checksum of V1");
	is_str(mig(m, 1)->sums[0], "598396852", "flyway: checksum ignores CRLF");
	ok(has(mig(m, 2)->down, mig(m, 2)->down_len, "DROP TABLE posts"), "flyway: U2 as down");
	is_str(match("flyway", &args, m,
		     rows_of(7, "1", "1", "SQL", "V1__init.sql", "-1203868596",
			     "2024-01-01 10:00:00", "t", "2", "1.1", "SQL", "V1_1__add_email.sql",
			     "1", "2024-01-01", "t", "3", "2", "SQL", "V2__posts.sql", "0",
			     "2024-01-01", "f", "4", "\1", "SQL", "R__users_view.sql", "2119686134",
			     "2024-01-01", "t", "5", "3", "SQL", "V3__gone.sql", "9", "2024-01-01",
			     "t", NULL)),
	       "checksum failed missing", "flyway: edited, failed, missing");
	is_str(applied(m), "1 1 0 0 0 1", "flyway: applied, failed not, repeatable by checksum");
	is_str(mig(m, 0)->applied_at, "2024-01-01T10:00:00Z", "flyway: installed_on kept");
	is_str(match("flyway", &args, m,
		     rows_of(7, "1", "2", "BASELINE", "<< Flyway Baseline >>", "\1", "2024-01-01",
			     "t", NULL)),
	       "", "flyway: baseline row");
	is_str(applied(m), "1 1 1 0 0 0", "flyway: baseline marks versions up to it");
}

static void test_sqitch(void)
{
	plumb_import_args args = {0};
	plumb_vec *m = read_tool("sqitch", "sqitch", &args);
	if (!m)
		return;
	is_int(m->n, 3, "sqitch: three changes in plan order");
	ok(plumb_str_ends_with(mig(m, 1)->source, "deploy/users@v1.0.0-dev1.sql"),
	   "sqitch: a reworked change's first script is NAME@TAG");
	ok(plumb_str_ends_with(mig(m, 2)->source, "deploy/users.sql"),
	   "sqitch: its rework is deploy/NAME.sql");
	ok(mig(m, 0)->no_transaction, "sqitch: scripts run as psql runs them");
	ok(has(mig(m, 1)->down, mig(m, 1)->down_len, "DROP TABLE"), "sqitch: revert as down");
	is_str(match("sqitch", &args, m,
		     rows_of(3, "appschema", "\1", "2024-01-01 00:00:00+00", "users",
			     "0dae350eba9a309c2cb292c716e6b646f5c54d41", "2024-01-02 00:00:00+00",
			     "users", "ffff", "2024-01-03 00:00:00+00", NULL)),
	       "checksum", "sqitch: SHA-1 of the deploy script compared");
	is_str(applied(m), "1 1 1", "sqitch: all deployed");
}

static void test_rails(void)
{
	plumb_import_args args = {0};
	plumb_vec *m = read_tool("rails", "rails", &args);
	if (!m)
		return;
	is_int(m->n, 1, "rails: one baseline migration");
	is_str(mig(m, 0)->version, "20240102000000", "rails: the newest Ruby version");
	is_str(match("rails", &args, m, rows_of(1, "20240101000000", "20240102000000", NULL)), "",
	       "rails: every version ran");
	is_str(applied(m), "1", "rails: baseline applied");
	is_str(match("rails", &args, m, rows_of(1, "20240101000000", "20230101000000", NULL)),
	       "missing pending", "rails: unknown version, unrun migration");
}

static void test_custom(void)
{
	plumb_import_args args = {
		.table = "versions", .version_column = "v", .pattern = "^V([0-9]+)-(.*)\\.sql$"};
	plumb_vec *m = read_tool("custom", "custom", &args);
	if (!m)
		return;
	is_int(m->n, 2, "custom: two files match the pattern");
	is_str(mig(m, 1)->key, "002", "custom: version from group 1");
	is_str(mig(m, 1)->name, "more", "custom: name from group 2");
	is_str(match("custom", &args, m, rows_of(1, "001", NULL)), "", "custom: rows");
	is_str(applied(m), "1 0", "custom: first applied");
	args.pattern = "^V[0-9]+";
	plumb_vec none = {0};
	ok(plumb__import_read_custom(ctx, ctx->root, &args, &none) == PLUMB_EUSAGE,
	   "custom: a pattern without a group is refused");
	plumb_error_clear(ctx);
}

static void test_stage(void)
{
	plumb_import_args args = {0};
	plumb_vec *m = read_tool("dbmate", "dbmate", &args);
	char tmpl[] = "/tmp/plumb-import-XXXXXX";
	plumb_fs_batch *batch;
	plumb_history *h;
	if (!m || !mkdtemp(tmpl))
		return;
	ok(plumb_fs_batch_new(ctx, ctx->root, &batch) == 0 &&
		   plumb__import_stage(ctx, ctx->root, "dbmate", tmpl, m, batch) == 0 &&
		   plumb_fs_batch_commit(batch) == 0,
	   "stage: the folder is written");
	ok(plumb_history_load(ctx, ctx->root, tmpl, &h) == 0 && h->has_sum && h->migrations.n == 2,
	   "stage: it reads back as a plumb folder with plumb.sum");
	if (h && h->migrations.n == 2) {
		plumb_migration *p = h->migrations.items[1];
		is_str(p->file_name, "0002_20240102000000_index.sql",
		       "stage: position, version, name");
		ok(p->no_transaction, "stage: no-transaction directive written");
	}
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "rm -rf %s", tmpl);
	ok(system(cmd) == 0, "stage: cleaned up");
}

int main(int argc, char **argv)
{
	fixtures = argc > 1 ? argv[1] : "tests/import";
	if (plumb_ctx_new(&ctx))
		return 1;
	test_golang();
	test_dbmate();
	test_goose();
	test_drizzle();
	test_prisma();
	test_flyway();
	test_sqitch();
	test_rails();
	test_custom();
	test_stage();
	plumb_ctx_free(ctx);
	return done_testing();
}
