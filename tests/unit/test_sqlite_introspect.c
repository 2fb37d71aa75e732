/* Unit tests of the SQLite connection and introspection on real SQLite
 * databases (in memory and in a temporary file): URLs, scripts and their
 * error positions, transactions with foreign-key checks, every catalog field,
 * canonical definitions, rename annotations, dump and JSON. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <pg_query.h>

#include "dialect/sqlite/sqlite.h"
#include "tap.h"

static const char schema[] =
	"-- the shop\n"
	"CREATE TABLE parent (id INTEGER PRIMARY KEY AUTOINCREMENT, code TEXT NOT NULL UNIQUE);\n"
	"-- @renamed from=kids\n"
	"CREATE TABLE child (\n"
	"  id INTEGER NOT NULL,\n"
	"  part INT NOT NULL,\n"
	"  parent_id INTEGER CONSTRAINT fk_parent REFERENCES parent(id) ON DELETE CASCADE\n"
	"    DEFERRABLE INITIALLY DEFERRED,\n"
	"  name TEXT COLLATE NOCASE DEFAULT 'anon' CHECK (length(name) > 0), -- @renamed from=title\n"
	"  total REAL GENERATED ALWAYS AS (part * 2) STORED,\n"
	"  half REAL AS (part / 2.0),\n"
	"  PRIMARY KEY (id, part),\n"
	"  CONSTRAINT positive CHECK (part >= 0)\n"
	") WITHOUT ROWID;\n"
	"CREATE TABLE s (a INTEGER, b TEXT) STRICT;\n"
	"CREATE INDEX child_name ON child (lower(name)) WHERE part > 0;\n"
	"/* @renamed from=old_ix */ CREATE UNIQUE INDEX s_b ON s (b DESC);\n"
	"CREATE VIEW v_child AS SELECT c.id, p.code FROM child c JOIN parent p ON p.id = c.parent_id;\n"
	"CREATE VIEW v2 AS SELECT * FROM v_child;\n"
	"CREATE TRIGGER s_ins AFTER INSERT ON s BEGIN INSERT INTO parent(code) VALUES (new.b); END;\n"
	"CREATE TABLE plumb_migrations (version TEXT PRIMARY KEY);\n";

/* The same schema written differently: case, spacing, quoting, comments. */
static const char schema2[] =
	"create table PARENT(\"id\" integer primary key autoincrement,code text not null unique);"
	"create table \"Child\"(id integer not null,part int not null,"
	"parent_id integer constraint FK_PARENT references Parent(ID) on delete cascade "
	"deferrable initially deferred,name text collate nocase default 'anon' "
	"check(length(name)>0),total real generated always as (part*2) stored,"
	"half real as (part/2.0),primary key(id,part),constraint positive check(part>=0))"
	"without rowid;\n"
	"create table s([a] integer, `b` text) strict;"
	"create index Child_Name on child(lower(name)) where part>0;"
	"create unique index S_B on s(b desc);"
	"create view v_child as select c.id,p.code from child c join parent p on p.id=c.parent_id;"
	"create view v2 as select * from v_child;"
	"create trigger s_ins after insert on s begin insert into parent(code) values(new.b); end;";

static plumb_catalog *load(plumb_ctx *ctx, plumb_arena *a, const char *sql, plumb_conn **connp)
{
	plumb_conn *conn;
	plumb_catalog *cat = NULL;
	if (plumb__sqlite_connect_scratch(ctx, a, NULL, &conn) < 0)
		return NULL;
	if (plumb__sqlite_exec_script(ctx, conn, sql, "schema.sql") < 0)
		return NULL;
	if (plumb__sqlite_introspect(ctx, conn, a, &cat) < 0)
		return NULL;
	if (connp)
		*connp = conn;
	return cat;
}

static plumb_constraint *con(const plumb_table *t, plumb_con_kind k, int nth)
{
	for (size_t i = 0; i < t->constraints.n; i++) {
		plumb_constraint *c = t->constraints.items[i];
		if (c->kind == k && nth-- == 0)
			return c;
	}
	return NULL;
}

/* Every definition of a and b, pairwise equal. */
static bool same_definitions(const plumb_catalog *a, const plumb_catalog *b)
{
	if (a->tables.n != b->tables.n || a->indexes.n != b->indexes.n ||
	    a->views.n != b->views.n || a->triggers.n != b->triggers.n)
		return false;
	for (size_t i = 0; i < a->tables.n; i++) {
		const plumb_table *x = a->tables.items[i], *y = b->tables.items[i];
		if (x->columns.n != y->columns.n || x->constraints.n != y->constraints.n)
			return false;
		for (size_t j = 0; j < x->columns.n; j++)
			if (strcmp(((plumb_column *)x->columns.items[j])->definition,
				   ((plumb_column *)y->columns.items[j])->definition)) {
				printf("# %s\n# %s\n", ((plumb_column *)x->columns.items[j])->definition,
				       ((plumb_column *)y->columns.items[j])->definition);
				return false;
			}
		for (size_t j = 0; j < x->constraints.n; j++)
			if (strcmp(((plumb_constraint *)x->constraints.items[j])->definition,
				   ((plumb_constraint *)y->constraints.items[j])->definition))
				return false;
	}
#define SAME(vec, type)                                                              \
	for (size_t i = 0; i < a->vec.n; i++)                                        \
		if (strcmp(((type *)a->vec.items[i])->definition,                    \
			   ((type *)b->vec.items[i])->definition)) {                 \
			printf("# %s\n# %s\n", ((type *)a->vec.items[i])->definition, \
			       ((type *)b->vec.items[i])->definition);               \
			return false;                                                \
		}
	SAME(indexes, plumb_index)
	SAME(views, plumb_view)
	SAME(triggers, plumb_trigger)
	return true;
}

static void test_catalog(plumb_ctx *ctx)
{
	plumb_arena *a = plumb_arena_new(ctx->root);
	plumb_conn *conn = NULL;
	plumb_catalog *cat = load(ctx, a, schema, &conn);
	ok(cat != NULL, "schema loaded and introspected");
	if (!cat) {
		plumb_error_print(plumb_ctx_error(ctx), stdout);
		return;
	}
	is_str(cat->dialect, "sqlite", "dialect");
	ok(cat->fold_case, "fold_case");
	is_int(cat->tables.n, 3, "three tables (sqlite_sequence, plumb_migrations skipped)");
	ok(!plumb_catalog_find_table(cat, "plumb_migrations"), "tracking table skipped");

	plumb_table *parent = plumb_catalog_find_table(cat, "parent");
	plumb_table *child = plumb_catalog_find_table(cat, "child");
	plumb_table *s = plumb_catalog_find_table(cat, "s");
	ok(parent && child && s, "tables found");
	if (!parent || !child || !s)
		return;

	/* parent: rowid alias with AUTOINCREMENT, column UNIQUE */
	plumb_constraint *pk = con(parent, PLUMB_CON_PRIMARY_KEY, 0);
	ok(pk && pk->autoincrement && pk->column_level && pk->n_columns == 1 &&
		   strcmp(pk->columns[0], "id") == 0,
	   "INTEGER PRIMARY KEY AUTOINCREMENT is the PK");
	is_str(pk ? pk->definition : NULL, "primary key(id autoincrement)", "pk definition");
	plumb_column *pid = plumb_table_find_column(cat, parent, "id");
	is_int(pid->pk_position, 1, "pk_position");
	is_str(pid->definition, "id integer primary key autoincrement", "column definition");
	plumb_constraint *uq = con(parent, PLUMB_CON_UNIQUE, 0);
	is_str(uq ? uq->definition : NULL, "unique(code)", "column unique in table form");
	ok(plumb_table_find_column(cat, parent, "code")->not_null, "not null");
	is_int(cat->indexes.n, 2, "automatic indexes left out");

	/* child: everything */
	ok(child->without_rowid && !child->strict, "without rowid");
	ok(s->strict && !s->without_rowid, "strict");
	is_str(child->renamed_from, "kids", "leading table annotation");
	plumb_constraint *cpk = con(child, PLUMB_CON_PRIMARY_KEY, 0);
	ok(cpk && cpk->n_columns == 2 && !cpk->column_level && !cpk->autoincrement &&
		   strcmp(cpk->columns[1], "part") == 0,
	   "composite primary key");
	is_int(plumb_table_find_column(cat, child, "part")->pk_position, 2, "second pk column");
	plumb_constraint *fk = con(child, PLUMB_CON_FOREIGN_KEY, 0);
	ok(fk && strcmp(fk->ref_table, "parent") == 0 && fk->n_ref_columns == 1 &&
		   strcmp(fk->on_delete, "CASCADE") == 0 && strcmp(fk->on_update, "NO ACTION") == 0 &&
		   strcmp(fk->match, "SIMPLE") == 0 && fk->deferrable && fk->initially_deferred &&
		   fk->column_level && strcmp(fk->name, "fk_parent") == 0,
	   "foreign key with actions and deferral");
	is_str(fk ? fk->definition : NULL,
	       "constraint fk_parent foreign key(parent_id) references parent(id) on delete "
	       "cascade deferrable initially deferred",
	       "fk definition in table form");
	plumb_constraint *ck0 = con(child, PLUMB_CON_CHECK, 0), *ck1 = con(child, PLUMB_CON_CHECK, 1);
	ok(ck0 && ck0->column_level && strcmp(ck0->check_sql, "length(name) > 0") == 0,
	   "column check");
	ok(ck1 && !ck1->column_level && strcmp(ck1->name, "positive") == 0 &&
		   strcmp(ck1->check_sql, "part >= 0") == 0,
	   "table check");
	is_str(ck1 ? ck1->definition : NULL, "constraint positive check(part >= 0)",
	       "check definition");
	plumb_column *name = plumb_table_find_column(cat, child, "name");
	is_str(name->collation, "NOCASE", "collation");
	is_str(name->default_sql, "'anon'", "default as written");
	is_str(name->renamed_from, "title", "column annotation read from the stored sql");
	is_str(name->type, "TEXT", "type");
	plumb_column *total = plumb_table_find_column(cat, child, "total");
	ok(total && total->generated_sql && strcmp(total->generated_sql, "part * 2") == 0 &&
		   total->generated_stored,
	   "stored generated column");
	plumb_column *half = plumb_table_find_column(cat, child, "half");
	ok(half && half->generated_sql && !half->generated_stored && !half->hidden,
	   "virtual generated column");
	is_int(child->columns.n, 6, "generated columns listed");

	/* indexes */
	plumb_index *ci = plumb_catalog_find_index(cat, "child_name");
	ok(ci && !ci->unique && ci->keys.n == 1 && strcmp(ci->keys.items[0], "lower(name)") == 0 &&
		   strcmp(ci->where_sql, "part > 0") == 0 && strcmp(ci->table, "child") == 0,
	   "partial expression index");
	plumb_index *sb = plumb_catalog_find_index(cat, "s_b");
	ok(sb && sb->unique && strcmp(sb->keys.items[0], "b desc") == 0, "unique index, desc key");
	is_str(plumb__sqlite_rename_lookup(conn, PLUMB_OBJ_INDEX, "s_b"), "old_ix",
	       "leading index annotation");
	is_str(plumb__sqlite_rename_lookup(conn, PLUMB_OBJ_INDEX, "child_name"), NULL,
	       "no annotation");

	/* views and triggers */
	is_int(cat->views.n, 2, "two views");
	plumb_view *v1 = cat->views.items[0], *v2 = cat->views.items[1];
	is_str(v1->name, "v_child", "views in creation order");
	ok(v1->depends.n == 2, "view depends on two tables");
	ok(v2->depends.n == 1 && strcmp(v2->depends.items[0], "v_child") == 0,
	   "view depends on a view");
	is_str(v2->definition, "create view v2 as select * from v_child", "view definition");
	is_int(cat->triggers.n, 1, "trigger");
	plumb_trigger *tg = cat->triggers.items[0];
	ok(strcmp(tg->table, "s") == 0 && tg->depends.n == 1 &&
		   strcmp(tg->depends.items[0], "parent") == 0,
	   "trigger table and depends");

	/* the same schema written differently; then a real change */
	plumb_catalog *cat2 = load(ctx, a, schema2, NULL);
	ok(cat2 && same_definitions(cat, cat2), "same schema, other spelling: equal definitions");
	plumb_catalog *cat3 = load(ctx, a, schema, NULL);
	ok(cat3 && same_definitions(cat, cat3), "same text twice: equal definitions");
	char *changed = plumb_arena_strdup(a, schema);
	memcpy(strstr(changed, "part >= 0"), "part >  0", 9);
	plumb_catalog *cat4 = load(ctx, a, changed, NULL);
	ok(cat4 && !same_definitions(cat, cat4), "a changed check gives another definition");

	/* dump recreates the same catalog */
	char *dump = NULL;
	is_int(plumb__sqlite_dump(ctx, a, cat, &dump), 0, "dump");
	ok(dump && plumb_str_ends_with(dump, ";\n"), "dump ends in ;\\n");
	plumb_catalog *cat5 = dump ? load(ctx, a, dump, NULL) : NULL;
	ok(cat5 && same_definitions(cat, cat5), "dump round-trips");

	/* JSON */
	char *json = NULL;
	is_int(plumb_catalog_to_json(ctx, cat, a, &json), 0, "json");
	ok(json && strstr(json, "\"dialect\": \"sqlite\"") &&
		   strstr(json, "\"on_delete\": \"CASCADE\"") && strstr(json, "\n  \"indexes\""),
	   "json has the fields, two-space indent");
	char *json2 = NULL;
	plumb_catalog_to_json(ctx, cat3, a, &json2);
	is_str(json2, json, "json stable");
	plumb_arena_free(a);
}

static void test_errors(plumb_ctx *ctx)
{
	plumb_arena *a = plumb_arena_new(ctx->root);
	plumb_conn *conn;
	plumb__sqlite_connect_scratch(ctx, a, NULL, &conn);
	int rc = plumb__sqlite_exec_script(ctx, conn,
					   "CREATE TABLE a(x);\n-- c\nCREATE TABL b(y);\n",
					   "schema.sql");
	const plumb_error *e = plumb_ctx_error(ctx);
	is_int(rc, PLUMB_EPARSE, "syntax error is EPARSE");
	is_str(e->message, "near \"TABL\": syntax error", "message from SQLite");
	is_str(e->file, "schema.sql", "file");
	is_int(e->line, 3, "line");
	is_int(e->col, 8, "column");
	plumb_error_clear(ctx);

	rc = plumb__sqlite_exec_script(ctx, conn,
				       "INSERT INTO a VALUES (1);\n  CREATE TABLE a(z);", "m.sql");
	is_int(rc, PLUMB_EPARSE, "existing table fails at prepare");
	is_str(e->message, "table a already exists", "message");
	is_int(e->line, 2, "line of the statement");
	plumb_error_clear(ctx);

	plumb__sqlite_exec_script(ctx, conn, "CREATE TABLE u(x UNIQUE);", NULL);
	const char *failed = NULL;
	rc = plumb__sqlite_exec_each(ctx, conn, a,
				     "INSERT INTO u VALUES (1);\n  INSERT INTO u VALUES (1) ;\n"
				     "INSERT INTO u VALUES (2);",
				     "m.sql", &failed);
	is_int(rc, PLUMB_EDB, "constraint failure is EDB");
	is_str(failed, "INSERT INTO u VALUES (1) ;", "failed statement");
	is_int(e->line, 2, "line of the failed statement");
	is_int(e->col, 3, "its column");
	plumb_error_clear(ctx);
	plumb_arena_free(a);
}

static void test_odd_shapes(plumb_ctx *ctx)
{
	plumb_arena *a = plumb_arena_new(ctx->root);
	plumb_catalog *cat = load(
		ctx, a,
		"CREATE TABLE `orgs` (`id` integer PRIMARY KEY NOT NULL);\n"
		"CREATE TABLE `users` (`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,\n"
		"  `org_id` integer,\n"
		"  FOREIGN KEY (`org_id`) REFERENCES `orgs`(`id`) ON UPDATE no action "
		"ON DELETE cascade);\n"
		"ALTER TABLE users ADD COLUMN label text DEFAULT 'x' NOT NULL;\n"
		"CREATE TABLE t2 AS SELECT 1 AS one;\n"
		"CREATE INDEX ix /* @renamed from=ix0 */ ON users (label);\n"
		"-- only a comment at the end",
		NULL);
	ok(cat != NULL, "drizzle-style schema, ALTER, CREATE TABLE AS");
	if (!cat) {
		plumb_error_print(plumb_ctx_error(ctx), stdout);
		plumb_arena_free(a);
		return;
	}
	plumb_table *users = plumb_catalog_find_table(cat, "users");
	plumb_constraint *fk = users ? con(users, PLUMB_CON_FOREIGN_KEY, 0) : NULL;
	is_str(fk ? fk->definition : NULL,
	       "foreign key(org_id) references orgs(id) on delete cascade",
	       "fk definition: fixed order, defaults left out");
	plumb_column *label = users ? plumb_table_find_column(cat, users, "label") : NULL;
	is_str(label ? label->definition : NULL, "label text default 'x' not null",
	       "added column read from the altered sql");
	plumb_table *t2 = plumb_catalog_find_table(cat, "t2");
	ok(t2 && t2->columns.n == 1 && t2->constraints.n == 0, "table from a select");
	plumb_index *ix = plumb_catalog_find_index(cat, "ix");
	is_str(ix ? plumb__sqlite_index_renamed_from(a, ix) : NULL, "ix0",
	       "index annotation inside the header");
	plumb_arena_free(a);
}

static void test_file_and_txn(plumb_ctx *ctx)
{
	plumb_arena *a = plumb_arena_new(ctx->root);
	const char *tmp = getenv("TMPDIR");
	char *dir = plumb_arena_printf(ctx->root, "%s/plumb-test-XXXXXX", tmp && *tmp ? tmp : "/tmp");
	ok(dir && mkdtemp(dir) != NULL, "temp dir");
	char *url = plumb_arena_printf(a, "sqlite:%s/t.db", dir);
	char *url2 = plumb_arena_printf(a, "sqlite://%s/t.db", dir);
	char *bare = plumb_arena_printf(a, "%s/t.db", dir);
	ok(plumb__sqlite_accepts_url(url) && plumb__sqlite_accepts_url(bare) &&
		   plumb__sqlite_accepts_url("sqlite::memory:") &&
		   plumb__sqlite_accepts_url("x.sqlite3") &&
		   !plumb__sqlite_accepts_url("postgres://h/db.db") &&
		   !plumb__sqlite_accepts_url("schema.sql"),
	   "accepts_url");
	ok(plumb_dialect_for_url(url) == &plumb_dialect_sqlite &&
		   plumb_dialect_by_name("sqlite") == &plumb_dialect_sqlite &&
		   plumb_dialect_by_name("pg") == &plumb_dialect_pg && !plumb_dialect_for_url("schema.sql"),
	   "dialect lookup");

	plumb_conn *c1 = NULL, *c2 = NULL;
	is_int(plumb__sqlite_connect(ctx, a, url, &c1), 0, "connect creates the file");
	is_str(c1 ? c1->display : NULL, url, "display is the url");
	is_int(plumb__sqlite_connect(ctx, a, url2, &c2), 0, "sqlite:// form");
	plumb_conn *c3 = NULL;
	char *missing = plumb_arena_printf(a, "sqlite:%s/nope/t.db", dir);
	is_int(plumb__sqlite_connect(ctx, a, missing, &c3), PLUMB_EDB, "missing directory");
	ok(strstr(plumb_ctx_error(ctx)->message, "/nope") != NULL, "error names the path");
	plumb_error_clear(ctx);
	plumb_conn *mem = NULL;
	is_int(plumb__sqlite_connect(ctx, a, "sqlite::memory:", &mem), 0, "memory url");

	plumb__sqlite_exec_script(ctx, c1,
				  "PRAGMA foreign_keys = ON;"
				  "CREATE TABLE p(id INTEGER PRIMARY KEY);"
				  "CREATE TABLE k(id INTEGER PRIMARY KEY, p INT REFERENCES p(id));"
				  "INSERT INTO p VALUES (1); INSERT INTO k VALUES (1, 1);",
				  NULL);
	plumb_txn_opts opts = {.foreign_keys_off = true};
	is_int(plumb__sqlite_begin(ctx, c1, &opts), 0, "begin immediate");
	sqlite3_busy_timeout(((plumb_sqlite_conn *)c2)->db, 50); /* not the default 30 s */
	is_int(plumb__sqlite_begin(ctx, c2, NULL), PLUMB_ELOCKED, "second writer is locked out");
	is_str(plumb_ctx_error(ctx)->message, "database is locked by another writer", "message");
	plumb_error_clear(ctx);
	plumb__sqlite_exec_script(ctx, c1, "DELETE FROM p;", NULL);
	is_int(plumb__sqlite_commit(ctx, c1), PLUMB_EDB, "commit refuses dangling references");
	is_str(plumb_ctx_error(ctx)->message,
	       "foreign key violation: 1 rows of table \"k\" reference missing rows in \"p\"",
	       "fk violation message");
	plumb_error_clear(ctx);
	sqlite3_stmt *st;
	sqlite3_prepare_v2(((plumb_sqlite_conn *)c1)->db,
			   "SELECT (SELECT count(*) FROM p), foreign_keys FROM pragma_foreign_keys",
			   -1, &st, NULL);
	ok(sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0) == 1 &&
		   sqlite3_column_int(st, 1) == 1,
	   "rolled back, foreign keys back on");
	sqlite3_finalize(st);
	is_int(plumb__sqlite_begin(ctx, c1, &opts), 0, "begin again");
	plumb__sqlite_exec_script(ctx, c1, "CREATE TABLE p2(id INTEGER PRIMARY KEY);", NULL);
	is_int(plumb__sqlite_commit(ctx, c1), 0, "clean commit");
	is_int(plumb__sqlite_begin(ctx, c2, NULL), 0, "second writer after commit");
	is_int(plumb__sqlite_rollback(ctx, c2), 0, "rollback");
	is_int(plumb__sqlite_lock(ctx, c1, 10) | plumb__sqlite_unlock(ctx, c1), 0, "lock no-ops");

	plumb_catalog *cat = NULL;
	is_int(plumb__sqlite_introspect(ctx, c2, a, &cat), 0, "introspect a file database");
	ok(cat && cat->tables.n == 3, "sees the other connection's tables");

	char *path = plumb_arena_printf(ctx->root, "%s/t.db", dir);
	plumb_arena_free(a);
	unlink(path ? path : "");
	rmdir(dir);
}

int main(void)
{
	plumb_ctx *ctx;
	ok(plumb_ctx_new(&ctx) == 0, "context");
	test_catalog(ctx);
	test_errors(ctx);
	test_odd_shapes(ctx);
	test_file_and_txn(ctx);
	plumb_ctx_free(ctx);
	pg_query_exit();
	return done_testing();
}
