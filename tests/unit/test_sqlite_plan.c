/* End-to-end tests of the SQLite planner and renderer against real in-memory
 * databases: build `before` and `after`, diff their catalogs, apply the
 * rendered script to `before`, check the rows survived, and check that a
 * second diff is empty. */
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

	/* Create a table and an index. */
	r = go("", "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\n"
		   "CREATE INDEX t_name ON t (name);", NULL);
	is_str(r.script,
	       "BEGIN;\n"
	       "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\n"
	       "-- hazard builds-index: builds index \"t_name\" on \"t\"\n"
	       "CREATE INDEX t_name ON t (name);\n"
	       "COMMIT;\n",
	       "create: script");
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

	/* Drop a table: destructive. */
	r = go("CREATE TABLE keep (a); CREATE TABLE bigdata (x); INSERT INTO bigdata VALUES (1);",
	       "CREATE TABLE keep (a)", NULL);
	is_str(r.script,
	       "-- run with `sqlite3 -bail` (or `.bail on`): a failed statement must stop the "
	       "script\n"
	       "PRAGMA foreign_keys = OFF;\n"
	       "BEGIN;\n"
	       "-- hazard deletes-data: drops table \"bigdata\" and its rows\n"
	       "DROP TABLE \"bigdata\";\n"
	       "CREATE TEMP TABLE _plumb_fk_check (violations INTEGER);\n"
	       "CREATE TEMP TRIGGER _plumb_fk_check_raise BEFORE INSERT ON _plumb_fk_check"
	       " WHEN NEW.violations > 0 BEGIN SELECT RAISE(ROLLBACK, 'foreign key check failed:"
	       " the changes were rolled back'); END;\n"
	       "INSERT INTO _plumb_fk_check SELECT count(*) FROM pragma_foreign_key_check;\n"
	       "DROP TABLE _plumb_fk_check;\n"
	       "COMMIT;\n"
	       "PRAGMA foreign_keys = ON;\n",
	       "drop: script with foreign keys off and the check");
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
	ok(r.idempotent, "drop: idempotent");
	done_run(&r);

	/* Add columns that ALTER TABLE ADD COLUMN accepts. */
	r = go("CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
	       "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT);\n"
	       "INSERT INTO t VALUES (1, 'a');",
	       "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
	       "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, email TEXT DEFAULT 'x',\n"
	       "  n INTEGER NOT NULL DEFAULT 0, p_id INTEGER REFERENCES p (id));",
	       NULL);
	ok(has(r.script, "ALTER TABLE \"t\" ADD COLUMN email TEXT DEFAULT 'x';\n") &&
		   has(r.script, "ALTER TABLE \"t\" ADD COLUMN n INTEGER NOT NULL DEFAULT 0;\n") &&
		   has(r.script, "ALTER TABLE \"t\" ADD COLUMN p_id INTEGER REFERENCES p (id);\n"),
	   "add column: ALTER TABLE ADD COLUMN");
	ok(!has(r.script, "_plumb_new_") && !has(r.script, "PRAGMA"), "add column: no rebuild");
	is_str(q(r.db, "SELECT * FROM t"), "1|a|x|0|NULL", "add column: rows kept");
	ok(r.idempotent, "add column: idempotent");
	done_run(&r);

	/* NOT NULL without a default, or a PRIMARY KEY/UNIQUE column: rebuild. */
	r = go("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT); CREATE TABLE u (a);",
	       "CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, must TEXT NOT NULL);"
	       "CREATE TABLE u (a, b UNIQUE);",
	       NULL);
	ok(has(r.script, "CREATE TABLE \"_plumb_new_t\" (id INTEGER PRIMARY KEY, name TEXT, "
			 "must TEXT NOT NULL);\n") &&
		   has(r.script, "-- hazard rewrites-table: copies every row of table \"t\"\n") &&
		   has(r.script, "INSERT INTO \"_plumb_new_t\" (\"id\", \"name\") SELECT \"id\", "
				 "\"name\" FROM \"t\";\n") &&
		   has(r.script, "DROP TABLE \"t\";\n") &&
		   has(r.script, "ALTER TABLE \"_plumb_new_t\" RENAME TO \"t\";\n"),
	   "not null without default: rebuild");
	ok(has(r.script, "CREATE TABLE \"_plumb_new_u\""), "unique column: rebuild");
	ok(r.plan && !plumb_plan_is_destructive(r.plan), "rebuild alone is not destructive");
	ok(r.idempotent, "rebuild: idempotent");
	done_run(&r);

	/* Change a type: rows kept and converted, narrows-type. */
	r = go("CREATE TABLE t (id INTEGER PRIMARY KEY, age TEXT);\n"
	       "INSERT INTO t VALUES (1, '42'), (2, 'old');",
	       "CREATE TABLE t (id INTEGER PRIMARY KEY, age INTEGER);", NULL);
	ok(has(r.script, "-- hazard narrows-type: changes the type of column \"t\".\"age\" from "
			 "\"TEXT\" to \"INTEGER\": stored values may be converted\n"),
	   "type change: narrows-type hazard");
	is_str(q(r.db, "SELECT id, age, typeof(age) FROM t ORDER BY id"),
	       "1|42|integer,2|old|text", "type change: rows kept, converted by affinity");
	ok(r.idempotent, "type change: idempotent");
	done_run(&r);

	/* Drop a column: the other columns keep their rows. */
	r = go("CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, gone TEXT, b TEXT);\n"
	       "INSERT INTO t VALUES (1, 'a1', 'g1', 'b1'), (2, 'a2', 'g2', 'b2');",
	       "CREATE TABLE t (id INTEGER PRIMARY KEY, b TEXT, a TEXT);", NULL);
	ok(has(r.script, "-- hazard deletes-data: drops column \"t\".\"gone\" and its values\n"),
	   "drop column: deletes-data hazard");
	ok(r.plan && plumb_plan_is_destructive(r.plan), "drop column: destructive");
	is_str(q(r.db, "SELECT id, a, b FROM t ORDER BY id"), "1|a1|b1,2|a2|b2",
	       "drop column: rows kept");
	ok(r.idempotent, "drop column: idempotent");
	done_run(&r);

	/* Nullable to NOT NULL with a default: NULLs take the default. */
	r = go("CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT);\n"
	       "INSERT INTO t VALUES (1, NULL), (2, 'z');",
	       "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT NOT NULL DEFAULT 'none');", NULL);
	ok(has(r.script, "SELECT \"id\", coalesce(\"s\", 'none') FROM \"t\""),
	   "not null: coalesce with the default");
	is_str(q(r.db, "SELECT s FROM t ORDER BY id"), "none,z", "not null: rows filled");
	ok(r.idempotent, "not null: idempotent");
	done_run(&r);

	/* Rebuild of a parent: child rows survive, foreign keys hold; views,
	 * indexes and triggers of the rebuilt table come back. */
	r = go("CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT);\n"
	       "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id) "
	       "ON DELETE CASCADE);\n"
	       "CREATE TABLE log (msg TEXT);\n"
	       "CREATE INDEX p_name ON p (name);\n"
	       "CREATE VIEW pv AS SELECT id, name FROM p;\n"
	       "CREATE VIEW pv2 AS SELECT count(*) AS n FROM pv;\n"
	       "CREATE TRIGGER p_ins AFTER INSERT ON p BEGIN INSERT INTO log VALUES (NEW.name); END;\n"
	       "CREATE TRIGGER c_ins AFTER INSERT ON c BEGIN INSERT INTO log SELECT name FROM p "
	       "WHERE id = NEW.p_id; END;\n"
	       "INSERT INTO p VALUES (1, 'one'), (2, 'two');\n"
	       "INSERT INTO c VALUES (10, 1), (20, 2);\n",
	       "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');\n"
	       "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p (id) "
	       "ON DELETE CASCADE);\n"
	       "CREATE TABLE log (msg TEXT);\n"
	       "CREATE INDEX p_name ON p (name);\n"
	       "CREATE VIEW pv AS SELECT id, name FROM p;\n"
	       "CREATE VIEW pv2 AS SELECT count(*) AS n FROM pv;\n"
	       "CREATE TRIGGER p_ins AFTER INSERT ON p BEGIN INSERT INTO log VALUES (NEW.name); END;\n"
	       "CREATE TRIGGER c_ins AFTER INSERT ON c BEGIN INSERT INTO log SELECT name FROM p "
	       "WHERE id = NEW.p_id; END;\n",
	       NULL);
	ok(r.apply_rc == SQLITE_OK, "parent rebuild: applied");
	ok(has(r.script, "DROP TRIGGER \"c_ins\";\nDROP TRIGGER \"p_ins\";\n"
			 "DROP VIEW \"pv2\";\nDROP VIEW \"pv\";\n"),
	   "parent rebuild: dependants dropped first");
	ok(has(r.script, "CREATE INDEX p_name ON p (name);\n"
			 "CREATE VIEW pv AS SELECT id, name FROM p;\n"
			 "CREATE VIEW pv2 AS SELECT count(*) AS n FROM pv;\n"),
	   "parent rebuild: index and views recreated in order");
	is_str(q(r.db, "SELECT count(*) FROM c"), "2", "parent rebuild: child rows survive");
	is_str(q(r.db, "SELECT count(*) FROM pragma_foreign_key_check"), "0",
	       "parent rebuild: no foreign key violations");
	is_str(q(r.db, "SELECT n FROM pv2"), "2", "parent rebuild: views work");
	is_str(q(r.db, "SELECT name FROM sqlite_schema WHERE type IN ('index', 'trigger') "
		       "ORDER BY name"),
	       "c_ins,p_ins,p_name", "parent rebuild: index and triggers exist");
	sqlite3_exec(r.db, "INSERT INTO p VALUES (3, 'three'); INSERT INTO c VALUES (30, 3);"
			   "DELETE FROM p WHERE id = 1;",
		     NULL, NULL, NULL);
	is_str(q(r.db, "SELECT group_concat(msg) FROM log"), "one,two,one,two,three,three",
	       "parent rebuild: triggers fire again, and did not fire during the copy");
	is_str(q(r.db, "SELECT id FROM c ORDER BY id"), "20,30",
	       "parent rebuild: foreign key still cascades");
	ok(r.idempotent, "parent rebuild: idempotent");
	done_run(&r);

	/* Renames: table and column, by ALTER TABLE. */
	{
		static const char *const renames[] = {"people", NULL, "persons",
						      "people", "full_name", "name", NULL};
		r = go("CREATE TABLE persons (id INTEGER PRIMARY KEY, name TEXT);\n"
		       "CREATE TABLE pets (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES "
		       "persons (id));\n"
		       "CREATE VIEW names AS SELECT name FROM persons;\n"
		       "INSERT INTO persons VALUES (1, 'ann');",
		       "CREATE TABLE people (id INTEGER PRIMARY KEY, full_name TEXT);\n"
		       "CREATE TABLE pets (id INTEGER PRIMARY KEY, owner INTEGER REFERENCES "
		       "\"people\" (id));\n"
		       "CREATE VIEW names AS SELECT full_name FROM people;\n",
		       renames);
		ok(has(r.script, "ALTER TABLE \"persons\" RENAME TO \"people\";\n"
				 "ALTER TABLE \"people\" RENAME COLUMN \"name\" TO \"full_name\";\n"),
		   "renames: ALTER TABLE RENAME");
		ok(!has(r.script, "_plumb_new_"), "renames: no rebuild");
		ok(has(r.describe, "rename table \"persons\" to \"people\"\n"), "renames described");
		is_str(q(r.db, "SELECT * FROM names"), "ann", "renames: rows kept");
		ok(r.idempotent, "renames: idempotent");
		done_run(&r);
	}

	/* A renamed table and column that also need a rebuild read the old names. */
	{
		static const char *const renames[] = {"people", NULL, "persons",
						      "people", "full_name", "name", NULL};
		r = go("CREATE TABLE persons (id INTEGER PRIMARY KEY, name TEXT, gone TEXT);\n"
		       "INSERT INTO persons VALUES (1, 'ann', 'x');",
		       "CREATE TABLE people (id INTEGER PRIMARY KEY, full_name VARCHAR(20));",
		       renames);
		ok(has(r.script, "INSERT INTO \"_plumb_new_people\" (\"id\", \"full_name\") "
				 "SELECT \"id\", \"name\" FROM \"persons\";\n"
				 "DROP TABLE \"persons\";\n"
				 "ALTER TABLE \"_plumb_new_people\" RENAME TO \"people\";\n"),
		   "rename and rebuild: copies from the old names");
		is_str(q(r.db, "SELECT * FROM people"), "1|ann", "rename and rebuild: rows kept");
		ok(r.idempotent, "rename and rebuild: idempotent");
		done_run(&r);
	}

	/* Columns ADD COLUMN refuses, and one it takes. */
	r = go("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER); INSERT INTO t VALUES (1, 2);",
	       "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER,\n"
	       "  at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP);", NULL);
	ok(has(r.script, "_plumb_new_t"), "CURRENT_TIMESTAMP default: rebuild");
	is_str(q(r.db, "SELECT id, a, at IS NOT NULL FROM t"), "1|2|1",
	       "CURRENT_TIMESTAMP default: rows get the default");
	ok(r.idempotent, "CURRENT_TIMESTAMP default: idempotent");
	done_run(&r);
	r = go("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER); INSERT INTO t VALUES (1, 2);",
	       "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER,\n"
	       "  s INTEGER GENERATED ALWAYS AS (a * 2) STORED);", NULL);
	ok(has(r.script, "_plumb_new_t") &&
		   has(r.script, "(\"id\", \"a\") SELECT \"id\", \"a\" FROM"),
	   "stored generated column: rebuild, not copied");
	is_str(q(r.db, "SELECT s FROM t"), "4", "stored generated column: computed");
	ok(r.idempotent, "stored generated column: idempotent");
	done_run(&r);
	r = go("CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER); INSERT INTO t VALUES (1, 2);",
	       "CREATE TABLE t (id INTEGER PRIMARY KEY, a INTEGER,\n"
	       "  v INTEGER GENERATED ALWAYS AS (a * 3) VIRTUAL);", NULL);
	ok(has(r.script, "ALTER TABLE \"t\" ADD COLUMN v INTEGER GENERATED ALWAYS AS (a * 3) "
			 "VIRTUAL;\n"),
	   "virtual generated column: ADD COLUMN");
	is_str(q(r.db, "SELECT v FROM t"), "6", "virtual generated column: computed");
	ok(r.idempotent, "virtual generated column: idempotent");
	done_run(&r);

	/* AUTOINCREMENT keeps its counter through a rebuild. */
	r = go("CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT);\n"
	       "INSERT INTO t (a) VALUES ('x'), ('y'), ('z'); DELETE FROM t WHERE a = 'z';",
	       "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT NOT NULL DEFAULT '');",
	       NULL);
	sqlite3_exec(r.db, "INSERT INTO t (a) VALUES ('w')", NULL, NULL, NULL);
	is_str(q(r.db, "SELECT id FROM t WHERE a = 'w'"), "4", "autoincrement: counter kept");
	is_str(q(r.db, "SELECT count(*) FROM sqlite_sequence"), "1",
	       "autoincrement: one sqlite_sequence row");
	ok(r.idempotent, "autoincrement: idempotent");
	done_run(&r);

	/* A rebuild that breaks a foreign key is rolled back as a whole. */
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

	/* Indexes and views on their own; STRICT changes rebuild. */
	r = go("CREATE TABLE t (a INTEGER, b TEXT);\n"
	       "CREATE INDEX ia ON t (a); CREATE INDEX gone ON t (b);\n"
	       "CREATE VIEW v AS SELECT a FROM t;",
	       "CREATE TABLE t (a INTEGER, b TEXT) STRICT;\n"
	       "CREATE INDEX ia ON t (a, b); CREATE UNIQUE INDEX ib ON t (b);\n"
	       "CREATE VIEW v AS SELECT a, b FROM t;\n"
	       "CREATE VIEW w AS SELECT * FROM v;",
	       NULL);
	ok(has(r.script, "DROP INDEX \"gone\";\n") && has(r.script, "DROP INDEX \"ia\";\n"),
	   "indexes dropped");
	ok(has(r.script, "CREATE TABLE \"_plumb_new_t\" (a INTEGER, b TEXT) STRICT;\n"),
	   "strict: rebuild");
	ok(has(r.script, "CREATE VIEW v AS SELECT a, b FROM t;\nCREATE VIEW w AS SELECT * FROM v;\n"),
	   "views created in order");
	ok(r.idempotent, "indexes and views: idempotent");
	done_run(&r);

	plumb_ctx_free(ctx);
	return done_testing();
}
