/*
 * offline_order.c, no server needed: a schema's statements written in any
 * order give the catalog of the same statements in dependency order; a
 * reference to what no statement creates is an error at the statement
 * naming it; a cycle PostgreSQL could not create either is an error naming
 * each member; a migrations folder is replayed in written order.
 */
#include <stdlib.h>
#include <string.h>

#include "diff/diff.h"
#include "dialect/pg/pg.h"
#include "tap.h"

static plumb_ctx *ctx;
static plumb_arena *A;

static int load_files(const char *const *sql, size_t n, bool replay, plumb_catalog **cat)
{
	static const char *const names[] = {"schema.sql", "b.sql", "c.sql"};
	plumb_vec files = {0};
	for (size_t i = 0; i < n; i++) {
		plumb_sql_file *f = plumb_arena_alloc(A, sizeof(*f));
		*f = (plumb_sql_file){names[i], sql[i], strlen(sql[i])};
		plumb_vec_push(A, &files, f);
	}
	*cat = NULL;
	return replay ? plumb__pg_replay_offline(ctx, A, &files, cat)
		      : plumb__pg_load_schema(ctx, A, &files, cat);
}

static plumb_catalog *load(const char *sql, int *rc)
{
	plumb_catalog *cat;
	*rc = load_files(&sql, 1, false, &cat);
	return cat;
}

/* shuffled loads to the catalog ordered loads to. */
static void same(const char *what, const char *ordered, const char *shuffled)
{
	int rc1, rc2;
	plumb_catalog *a = load(ordered, &rc1);
	const char *e1 = rc1 ? plumb_ctx_error(ctx)->message : NULL;
	plumb_error_clear(ctx);
	plumb_catalog *b = load(shuffled, &rc2);
	const char *e2 = rc2 ? plumb_ctx_error(ctx)->message : NULL;
	plumb_error_clear(ctx);
	plumb_diff *d = NULL;
	bool empty = !rc1 && !rc2 && plumb_diff_catalogs(ctx, A, a, b, &d) == 0 &&
		     plumb_diff_is_empty(d);
	ok(empty, "%s: the same catalog in any order", what);
	if (e1 || e2)
		printf("#   ordered: %s; shuffled: %s\n", e1 ? e1 : "loads", e2 ? e2 : "loads");
	if (d && !plumb_diff_is_empty(d)) {
		plumb_buf buf;
		plumb_buf_init(&buf, A, 0);
		plumb_diff_describe(d, &buf);
		printf("#   %s", plumb_buf_str(&buf));
	}
	plumb_error_clear(ctx);
}

static void fails(const char *what, const char *sql, const char *msg, const char *file, int line,
		  int col)
{
	int rc;
	plumb_catalog *cat = load(sql, &rc);
	const plumb_error *e = plumb_ctx_error(ctx);
	bool at = !file || (e->file && strcmp(e->file, file) == 0 && e->line == line && e->col == col);
	ok(rc < 0 && !cat && e->message && strcmp(e->message, msg) == 0 && at,
	   "%s: %s:%d:%d: %s (got %s:%d:%d: %s)", what, file ? file : "", line, col, msg,
	   e->file ? e->file : "", e->line, e->col, e->message ? e->message : "");
	plumb_error_clear(ctx);
}

static void test_same(void)
{
	same("a foreign key to a later table",
	     "CREATE TABLE orgs (id int PRIMARY KEY);\n"
	     "CREATE TABLE users (id int PRIMARY KEY, org int REFERENCES orgs);\n",
	     "CREATE TABLE users (id int PRIMARY KEY, org int REFERENCES orgs);\n"
	     "CREATE TABLE orgs (id int PRIMARY KEY);\n");
	same("a view over a later view over a later table",
	     "CREATE TABLE t (a int, b text);\n"
	     "CREATE VIEW v1 AS SELECT * FROM t;\n"
	     "CREATE VIEW v2 AS SELECT a FROM v1 WHERE b <> '';\n",
	     "CREATE VIEW v2 AS SELECT a FROM v1 WHERE b <> '';\n"
	     "CREATE VIEW v1 AS SELECT * FROM t;\n"
	     "CREATE TABLE t (a int, b text);\n");
	same("an enum declared after the table using it",
	     "CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
	     "CREATE TABLE p (m mood DEFAULT 'ok', ms mood[]);\n",
	     "CREATE TABLE p (m mood DEFAULT 'ok', ms mood[]);\n"
	     "CREATE TYPE mood AS ENUM ('sad', 'ok');\n");
	same("a domain and a collation after use",
	     "CREATE COLLATION c1 (provider = icu, locale = 'und');\n"
	     "CREATE DOMAIN pos AS int CHECK (VALUE > 0);\n"
	     "CREATE TABLE q (n pos, s text COLLATE c1);\n",
	     "CREATE TABLE q (n pos, s text COLLATE c1);\n"
	     "CREATE DOMAIN pos AS int CHECK (VALUE > 0);\n"
	     "CREATE COLLATION c1 (provider = icu, locale = 'und');\n");
	same("a function after the default, check and trigger calling it",
	     "CREATE FUNCTION two() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 2';\n"
	     "CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS "
	     "'BEGIN RETURN NEW; END';\n"
	     "CREATE TABLE f (n int DEFAULT two() CHECK (n < two() * 10));\n"
	     "CREATE TRIGGER f_t BEFORE INSERT ON f FOR EACH ROW EXECUTE FUNCTION trg();\n",
	     "CREATE TRIGGER f_t BEFORE INSERT ON f FOR EACH ROW EXECUTE FUNCTION trg();\n"
	     "CREATE TABLE f (n int DEFAULT two() CHECK (n < two() * 10));\n"
	     "CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS "
	     "'BEGIN RETURN NEW; END';\n"
	     "CREATE FUNCTION two() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 2';\n");
	same("comments, grants, indexes and ALTERs before their object",
	     "CREATE TABLE c (id int, n text);\n"
	     "COMMENT ON TABLE c IS 'cs';\n"
	     "COMMENT ON COLUMN c.n IS 'name';\n"
	     "CREATE INDEX c_n ON c (n);\n"
	     "COMMENT ON INDEX c_n IS 'by name';\n"
	     "ALTER TABLE c ADD CONSTRAINT c_pk PRIMARY KEY (id);\n"
	     "COMMENT ON CONSTRAINT c_pk ON c IS 'key';\n"
	     "GRANT SELECT ON c TO PUBLIC;\n",
	     "COMMENT ON CONSTRAINT c_pk ON c IS 'key';\n"
	     "COMMENT ON TABLE c IS 'cs';\n"
	     "GRANT SELECT ON c TO PUBLIC;\n"
	     "CREATE INDEX c_n ON c (n);\n"
	     "COMMENT ON COLUMN c.n IS 'name';\n"
	     "COMMENT ON INDEX c_n IS 'by name';\n"
	     "ALTER TABLE c ADD CONSTRAINT c_pk PRIMARY KEY (id);\n"
	     "CREATE TABLE c (id int, n text);\n");
	same("a view over a column an ALTER adds, written first",
	     "CREATE TABLE w (a int);\n"
	     "ALTER TABLE w ADD COLUMN b int;\n"
	     "CREATE VIEW wv AS SELECT * FROM w;\n",
	     "CREATE VIEW wv AS SELECT * FROM w;\n"
	     "CREATE TABLE w (a int);\n"
	     "ALTER TABLE w ADD COLUMN b int;\n");
	same("LIKE, INHERITS and PARTITION OF a later table, a schema after its objects",
	     "CREATE SCHEMA app;\n"
	     "CREATE TABLE app.base (id int NOT NULL, at date);\n"
	     "CREATE TABLE app.kid (x int) INHERITS (app.base);\n"
	     "CREATE TABLE app.copy (LIKE app.base);\n"
	     "CREATE TABLE app.parts (id int, at date) PARTITION BY RANGE (at);\n"
	     "CREATE TABLE app.p2024 PARTITION OF app.parts FOR VALUES FROM "
	     "('2024-01-01') TO ('2025-01-01');\n",
	     "CREATE TABLE app.p2024 PARTITION OF app.parts FOR VALUES FROM "
	     "('2024-01-01') TO ('2025-01-01');\n"
	     "CREATE TABLE app.copy (LIKE app.base);\n"
	     "CREATE TABLE app.kid (x int) INHERITS (app.base);\n"
	     "CREATE TABLE app.parts (id int, at date) PARTITION BY RANGE (at);\n"
	     "CREATE TABLE app.base (id int NOT NULL, at date);\n"
	     "CREATE SCHEMA app;\n");
	same("an extension after the index using its operator class",
	     "CREATE EXTENSION pg_trgm;\n"
	     "CREATE TABLE g (s text);\n"
	     "CREATE INDEX g_s ON g USING gin (s gin_trgm_ops);\n",
	     "CREATE INDEX g_s ON g USING gin (s gin_trgm_ops);\n"
	     "CREATE TABLE g (s text);\n"
	     "CREATE EXTENSION pg_trgm;\n");
	same("tables referring to each other through an ALTER",
	     "CREATE TABLE a (id int PRIMARY KEY, b int);\n"
	     "CREATE TABLE b (id int PRIMARY KEY, a int REFERENCES a);\n"
	     "ALTER TABLE a ADD FOREIGN KEY (b) REFERENCES b;\n",
	     "ALTER TABLE a ADD FOREIGN KEY (b) REFERENCES b;\n"
	     "CREATE TABLE b (id int PRIMARY KEY, a int REFERENCES a);\n"
	     "CREATE TABLE a (id int PRIMARY KEY, b int);\n");
	same("a serial's sequence, OWNED BY and a nextval default",
	     "CREATE SEQUENCE s_seq;\n"
	     "CREATE TABLE s (id int DEFAULT nextval('s_seq'));\n"
	     "ALTER SEQUENCE s_seq OWNED BY s.id;\n",
	     "ALTER SEQUENCE s_seq OWNED BY s.id;\n"
	     "CREATE TABLE s (id int DEFAULT nextval('s_seq'));\n"
	     "CREATE SEQUENCE s_seq;\n");
	same("a table dropped and created again keeps its written order",
	     "CREATE TABLE d (a int);\n",
	     "DROP TABLE IF EXISTS d;\n"
	     "CREATE TABLE d (a int);\n");
}

static void test_errors(void)
{
	fails("a REFERENCES to a table no statement creates",
	      "CREATE VIEW v AS SELECT 1 AS one;\n"
	      "CREATE TABLE b (\n"
	      "  id int,\n"
	      "  u int REFERENCES users(id)\n"
	      ");\n"
	      "CREATE TABLE a (id int);\n",
	      "relation \"users\" does not exist", "schema.sql", 4, 20);
	fails("an index on a table no statement creates",
	      "CREATE TABLE a (id int);\n"
	      "CREATE INDEX i ON\n  nope (id);\n"
	      "CREATE TABLE z (id int);\n",
	      "relation \"nope\" does not exist", "schema.sql", 3, 3);
	fails("two views reading each other",
	      "CREATE VIEW a AS SELECT * FROM b;\n"
	      "CREATE TABLE t (x int);\n"
	      "CREATE VIEW b AS SELECT * FROM a;\n",
	      "could not order the schema's statements: dependency cycle: view a (schema.sql:1:1) "
	      "needs view b (schema.sql:3:1) needs view a (schema.sql:1:1)",
	      NULL, 0, 0);
	fails("two tables referring to each other in CREATE TABLE",
	      "CREATE TABLE a (id int PRIMARY KEY, b int REFERENCES b);\n"
	      "CREATE TABLE b (id int PRIMARY KEY, a int REFERENCES a);\n",
	      "could not order the schema's statements: dependency cycle: table a (schema.sql:1:1) "
	      "needs table b (schema.sql:2:1) needs table a (schema.sql:1:1)",
	      NULL, 0, 0);
}

static void test_files(void)
{
	/* across files: the statements of a later file before an earlier one's */
	const char *sql[] = {"CREATE INDEX i ON t (a);\nCREATE VIEW v AS SELECT * FROM t;\n",
			     "CREATE TABLE t (a int);\n"};
	plumb_catalog *cat;
	int rc = load_files(sql, 2, false, &cat);
	const plumb_view *v = cat && cat->views.n ? cat->views.items[0] : NULL;
	ok(rc == 0 && cat->indexes.n == 1 && v && !strchr(v->definition, '*'),
	   "an index and a view in schema.sql on a table of b.sql are read after it (%s)",
	   v ? v->definition : plumb_ctx_error(ctx)->message);
	plumb_error_clear(ctx);
	/* an error in the second file names that file */
	const char *bad[] = {"CREATE TABLE t (a int);\n", "\nCREATE INDEX ON nope (a);\n"};
	rc = load_files(bad, 2, false, &cat);
	const plumb_error *e = plumb_ctx_error(ctx);
	ok(rc < 0 && e->file && strcmp(e->file, "b.sql") == 0 && e->line == 2,
	   "an error in b.sql is at b.sql:2 (got %s:%d)", e->file ? e->file : "", e->line);
	plumb_error_clear(ctx);
	/* a migrations folder is replayed in written order: never reordered */
	rc = load_files(sql, 2, true, &cat);
	ok(rc < 0, "a replayed migration indexing a table a later one creates fails");
	plumb_error_clear(ctx);
}

int main(void)
{
	if (plumb_ctx_new(&ctx) < 0 || !(A = plumb_arena_new(NULL)))
		return 1;
	test_same();
	test_errors();
	test_files();
	plumb_arena_free(A);
	plumb_ctx_free(ctx);
	return done_testing();
}
