/* Tests of the SQLite planner's API and renderer against real in-memory
 * databases: what the migration render mode writes, the destructive check and
 * its message, how a rename is described, and a script that fails half-way
 * rolling back as a whole. What a plan from `before` to `after` holds, and
 * that it keeps the rows, are the data cases of tests/cases/. */
#include <stdlib.h>
#include <string.h>

#include "dialect/sqlite/sqlite.h"
#include "tap.h"

static plumb_ctx *ctx;
static plumb_arena *A;

static sqlite3 *open_db(const char *sql)
{
	sqlite3 *db;
	char *err = NULL;
	sqlite3_open(":memory:", &db);
	sqlite3_exec(db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	if (sqlite3_exec(db, sql, NULL, NULL, &err) != SQLITE_OK) {
		printf("# setup failed: %s\n", err);
		sqlite3_free(err);
	}
	return db;
}

/* Rows of a query as "a|b,c|d". */
static char *q(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st;
	plumb_buf b;
	plumb_buf_init(&b, A, 0);
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return plumb_arena_printf(A, "error: %s", sqlite3_errmsg(db));
	for (int r = 0; sqlite3_step(st) == SQLITE_ROW; r++) {
		if (r)
			plumb_buf_putc(&b, ',');
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			const char *v = (const char *)sqlite3_column_text(st, i);
			plumb_buf_printf(&b, "%s%s", i ? "|" : "", v ? v : "NULL");
		}
	}
	sqlite3_finalize(st);
	return (char *)plumb_buf_str(&b);
}

static plumb_catalog *introspect(sqlite3 *db)
{
	plumb_sqlite_conn conn = {0};
	plumb_catalog *cat = NULL;
	conn.base.dialect = &plumb_dialect_sqlite;
	conn.base.display = "sqlite::memory:";
	conn.db = db;
	conn.path = ":memory:";
	if (plumb__sqlite_introspect(ctx, &conn.base, A, &cat)) {
		printf("# introspect failed: %s\n", ctx->err.message);
		plumb_error_clear(ctx);
	}
	return cat;
}

static void set_renamed(plumb_catalog *cat, const char *table, const char *column,
			const char *from)
{
	plumb_table *t = plumb_catalog_find_table(cat, table);
	if (!column) {
		t->renamed_from = from;
		return;
	}
	plumb_table_find_column(cat, t, column)->renamed_from = from;
}

typedef struct run {
	sqlite3 *db;          /* the `before` database, changed */
	plumb_plan *plan;
	char *script;
	char *migration;
	int apply_rc;         /* sqlite3_exec's result */
	bool idempotent;      /* second diff empty */
	char *describe;
} run;

/* Plans before -> after, applies the script to before. rename: optional
 * (table, column, from) triples applied to the desired catalog. */
static run go(const char *before, const char *after, const char *const *renames)
{
	run r = {0};
	sqlite3 *want = open_db(after);
	plumb_catalog *from, *to, *again;
	plumb_diff *d;
	plumb_buf b;
	char *err = NULL;
	plumb_plan_opts allow = {.allow_data_loss = true};

	r.db = open_db(before);
	from = introspect(r.db);
	to = introspect(want);
	if (!from || !to)
		goto done;
	for (size_t i = 0; renames && renames[i]; i += 3)
		set_renamed(to, renames[i], renames[i + 1], renames[i + 2]);
	if (plumb_diff_catalogs(ctx, A, from, to, &d) ||
	    plumb_plan_build(ctx, A, &plumb__sqlite_planner, d, &allow, &r.plan) ||
	    plumb_plan_render(ctx, A, r.plan, PLUMB_RENDER_SCRIPT, &r.script) ||
	    plumb_plan_render(ctx, A, r.plan, PLUMB_RENDER_MIGRATION, &r.migration)) {
		printf("# planning failed: %s\n", ctx->err.message);
		plumb_error_clear(ctx);
		goto done;
	}
	plumb_buf_init(&b, A, 0);
	plumb_diff_describe(d, &b);
	r.describe = (char *)plumb_buf_str(&b);
	r.apply_rc = sqlite3_exec(r.db, r.script, NULL, NULL, &err);
	if (r.apply_rc != SQLITE_OK) {
		printf("# apply failed: %s\n", err);
		sqlite3_free(err);
		if (!sqlite3_get_autocommit(r.db))
			sqlite3_exec(r.db, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_exec(r.db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
		goto done;
	}
	if (!(again = introspect(r.db)) || plumb_diff_catalogs(ctx, A, again, to, &d))
		goto done;
	r.idempotent = plumb_diff_is_empty(d);
	if (!r.idempotent) {
		plumb_buf_init(&b, A, 0);
		plumb_diff_describe(d, &b);
		printf("# second diff:\n# %s\n# script:\n%s", plumb_buf_str(&b), r.script);
	}
done:
	sqlite3_close(want);
	return r;
}

static bool has(const char *s, const char *needle)
{
	return s && strstr(s, needle) != NULL;
}

static void done_run(run *r)
{
	sqlite3_close(r->db);
}

int main(void)
{
	run r;
	plumb_ctx_new(&ctx);
	A = ctx->root;

	/* The migration body: the script without its transaction (the script is
	 * the data case 002-create-table-and-index). */
	r = go("", "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\n"
		   "CREATE INDEX t_name ON t (name);", NULL);
	is_str(r.migration,
	       "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\n"
	       "-- hazard builds-index: builds index \"t_name\" on \"t\"\n"
	       "CREATE INDEX t_name ON t (name);\n",
	       "create: migration body");
	ok(r.idempotent, "create: idempotent");
	done_run(&r);

	/* Nothing to do renders nothing. */
	r = go("CREATE TABLE t (a)", "CREATE TABLE t (a)", NULL);
	is_str(r.script, "", "equal: empty script");
	is_str(r.migration, "", "equal: empty migration");
	done_run(&r);

	/* Drop a table: the migration says foreign keys off; the plan is
	 * destructive and refused with the hazard named (the script is the data
	 * case 003-drop-table). */
	r = go("CREATE TABLE keep (a); CREATE TABLE bigdata (x); INSERT INTO bigdata VALUES (1);",
	       "CREATE TABLE keep (a)", NULL);
	is_str(r.migration,
	       "-- plumb:foreign-keys off\n"
	       "-- hazard deletes-data: drops table \"bigdata\" and its rows\n"
	       "DROP TABLE \"bigdata\";\n",
	       "drop: migration body");
	ok(r.plan && plumb_plan_is_destructive(r.plan), "drop: destructive");
	is_int(plumb_plan_check_hazards(ctx, r.plan, false), PLUMB_EHAZARD, "drop: refused");
	is_str(ctx->err.message, "plan has 1 destructive change", "drop: message");
	is_str(ctx->err.detail, "deletes-data: drops table \"bigdata\" and its rows",
	       "drop: detail");
	plumb_error_clear(ctx);
	is_int(plumb_plan_check_hazards(ctx, r.plan, true), 0, "drop: allowed with data loss");
	ok(r.idempotent, "drop: idempotent");
	done_run(&r);

	/* A rebuild alone destroys nothing. */
	r = go("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);",
	       "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, must TEXT NOT NULL);", NULL);
	ok(r.plan && !plumb_plan_is_destructive(r.plan), "rebuild alone is not destructive");
	done_run(&r);

	/* Renames are described as renames (the plan is the data case
	 * 011-rename-table-and-column). */
	{
		static const char *const renames[] = {"people", NULL, "persons",
						      "people", "full_name", "name", NULL};
		r = go("CREATE TABLE persons (id INTEGER PRIMARY KEY, name TEXT);",
		       "CREATE TABLE people (id INTEGER PRIMARY KEY, full_name TEXT);", renames);
		ok(has(r.describe, "rename table \"persons\" to \"people\"\n"), "renames described");
		ok(r.idempotent, "renames: idempotent");
		done_run(&r);
	}

	/* A rebuild that breaks a foreign key is rolled back as a whole (the
	 * plan is the data case 017-add-foreign-key). */
	r = go("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
	       "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER);\n"
	       "INSERT INTO c VALUES (1, 99);",
	       "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
	       "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id));", NULL);
	ok(r.apply_rc != SQLITE_OK, "fk violation: script fails");
	ok(sqlite3_get_autocommit(r.db), "fk violation: no transaction left open");
	is_str(q(r.db, "SELECT sql FROM sqlite_schema WHERE name = 'c'"),
	       "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER)",
	       "fk violation: schema unchanged");
	is_str(q(r.db, "SELECT count(*) FROM c"), "1", "fk violation: rows unchanged");
	done_run(&r);

	plumb_ctx_free(ctx);
	return done_testing();
}
