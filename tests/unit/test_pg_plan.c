/* Tests of the PostgreSQL planner's API, renderer and dumper against a real
 * server (PLUMB_PG_URL, from tests/lib/pgtmp.sh), on catalogs built by hand
 * (model.c fills the definitions): the dump and its round trip, what the
 * migration render mode writes, an empty plan, and the error a dependency
 * cycle gives. What a plan from `before` to `after` holds is not tested
 * here: those are the data cases of tests/cases/, each applied on a server. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "dialect/pg/pg.h"
#include "tap.h"

static plumb_ctx *ctx;
static plumb_arena *A;
static PGconn *admin;
static int db_seq;
static bool can_introspect;

/* --- the server --------------------------------------------------------- */

static char *exec_err(PGconn *c, const char *sql)
{
	PGresult *r = PQexec(c, sql);
	char *err = NULL;
	ExecStatusType st = PQresultStatus(r);
	if (st != PGRES_COMMAND_OK && st != PGRES_TUPLES_OK)
		err = plumb_arena_strdup(A, PQerrorMessage(c));
	PQclear(r);
	return err;
}

static const char *newdb(void)
{
	const char *name = plumb_arena_printf(A, "plan_%d_%d", (int)getpid(), ++db_seq);
	char *e = exec_err(admin, plumb_arena_printf(A, "CREATE DATABASE %s", name));
	if (e)
		printf("# create database: %s", e);
	return name;
}

/* Runs a script with psql -v ON_ERROR_STOP=1; 0 on success. */
static int psql(const char *db, const char *script)
{
	char path[] = "/tmp/plumb_pg_plan_XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0)
		return -1;
	size_t n = strlen(script);
	if (write(fd, script, n) != (ssize_t)n) {
		close(fd);
		return -1;
	}
	close(fd);
	char *cmd = plumb_arena_printf(A, "psql -X -q -v ON_ERROR_STOP=1 -d %s -f %s >/dev/null 2>%s.err",
				       db, path, path);
	int rc = system(cmd);
	if (rc != 0) {
		char *err = NULL;
		size_t len;
		if (plumb_fs_read(ctx, A, plumb_arena_printf(A, "%s.err", path), &err, &len) == 0)
			printf("# psql: %s", err);
		plumb_error_clear(ctx);
		printf("# script:\n%s", script);
	}
	unlink(path);
	unlink(plumb_arena_printf(A, "%s.err", path));
	return rc;
}

/* --- hand-built catalogs ------------------------------------------------- */

static plumb_catalog *cat(void)
{
	plumb_catalog *c;
	plumb_catalog_new(ctx, A, "pg", false, &c);
	return c;
}

static plumb_table *table(plumb_catalog *c, const char *schema, const char *name)
{
	plumb_table *t = plumb_arena_alloc(A, sizeof(*t));
	t->schema = schema;
	t->name = name;
	plumb_vec_push(A, &c->tables, t);
	plumb_catalog_sort(c);
	return t;
}

static plumb_column *col(plumb_table *t, const char *name, const char *type, bool not_null,
			 const char *def)
{
	plumb_column *c = plumb_arena_alloc(A, sizeof(*c));
	c->name = name;
	c->type = type;
	c->not_null = not_null;
	c->default_sql = def;
	plumb__pg_column_define(ctx, A, c);
	plumb_vec_push(A, &t->columns, c);
	return c;
}

static void redefine(plumb_column *c)
{
	plumb__pg_column_define(ctx, A, c);
}

static plumb_constraint *con(plumb_table *t, plumb_con_kind kind, const char *name,
			     const char *c1, const char *check)
{
	plumb_constraint *k = plumb_arena_alloc(A, sizeof(*k));
	k->kind = kind;
	k->name = name;
	if (c1) {
		k->columns = plumb_arena_alloc(A, sizeof(char *));
		k->columns[0] = c1;
		k->n_columns = 1;
	}
	k->check_sql = check;
	plumb__pg_constraint_define(ctx, A, k);
	plumb_vec_push(A, &t->constraints, k);
	return k;
}

static plumb_constraint *fk(plumb_table *t, const char *name, const char *c1, const char *ref,
			    const char *refcol)
{
	plumb_constraint *k = plumb_arena_alloc(A, sizeof(*k));
	k->kind = PLUMB_CON_FOREIGN_KEY;
	k->name = name;
	k->columns = plumb_arena_alloc(A, sizeof(char *));
	k->columns[0] = c1;
	k->n_columns = 1;
	k->ref_schema = "public";
	k->ref_table = ref;
	k->ref_columns = plumb_arena_alloc(A, sizeof(char *));
	k->ref_columns[0] = refcol;
	k->n_ref_columns = 1;
	plumb__pg_constraint_define(ctx, A, k);
	plumb_vec_push(A, &t->constraints, k);
	return k;
}

static plumb_index *index_(plumb_catalog *c, const char *name, const char *table,
			   const char *column)
{
	plumb_index *ix = plumb_arena_alloc(A, sizeof(*ix));
	ix->schema = "public";
	ix->name = name;
	ix->table = table;
	plumb_vec_push(A, &ix->keys, (void *)column);
	ix->sql = plumb_arena_printf(A, "CREATE INDEX %s ON public.%s USING btree (%s)", name, table,
				     column);
	ix->definition = ix->sql;
	plumb_vec_push(A, &c->indexes, ix);
	plumb_catalog_sort(c);
	return ix;
}

static plumb_view *view(plumb_catalog *c, const char *name, const char *select, const char *dep1,
			const char *dep2)
{
	plumb_view *v = plumb_arena_alloc(A, sizeof(*v));
	v->schema = "public";
	v->name = name;
	v->sql = plumb_arena_printf(A, "CREATE VIEW public.%s AS %s", name, select);
	v->definition = v->sql;
	if (dep1)
		plumb_vec_push(A, &v->depends, (void *)dep1);
	if (dep2)
		plumb_vec_push(A, &v->depends, (void *)dep2);
	plumb_vec_push(A, &c->views, v);
	return v;
}

static plumb_object *object(plumb_catalog *c, plumb_obj_kind kind, const char *schema,
			    const char *name, const char *sqltext)
{
	plumb_object *o = plumb_arena_alloc(A, sizeof(*o));
	o->kind = kind;
	o->schema = schema;
	o->name = name;
	o->sql = sqltext;
	o->definition = sqltext ? sqltext : name;
	plumb_vec_push(A, &c->objects, o);
	plumb_catalog_sort(c);
	return o;
}

static plumb_object *enum_(plumb_catalog *c, const char *name, const char *values)
{
	plumb_object *o = object(c, PLUMB_OBJ_ENUM, "public", name, NULL);
	plumb_buf b;
	plumb_buf_init(&b, A, 0);
	plumb_buf_puts(&b, "ENUM (");
	char *copy = plumb_arena_strdup(A, values);
	int n = 0;
	for (char *s = strtok(copy, ","); s; s = strtok(NULL, ","), n++) {
		plumb_vec_push(A, &o->values, s);
		plumb_buf_printf(&b, "%s'%s'", n ? ", " : "", s);
	}
	plumb_buf_putc(&b, ')');
	o->definition = plumb_buf_str(&b);
	o->sql = NULL;
	return o;
}

/* --- running ------------------------------------------------------------- */

static plumb_plan *plan_of(const plumb_catalog *from, const plumb_catalog *to, bool online)
{
	plumb_diff *d;
	plumb_plan *p = NULL;
	plumb_plan_opts o = {.online = online, .allow_data_loss = true};
	if (plumb_diff_catalogs(ctx, A, from, to, &d) ||
	    plumb_plan_build(ctx, A, &plumb__pg_planner, d, &o, &p)) {
		printf("# planning failed: %s\n", ctx->err.message);
		plumb_error_clear(ctx);
		return NULL;
	}
	return p;
}

static char *render(const plumb_plan *p, plumb_render_mode mode)
{
	char *s = NULL;
	if (!p || plumb_plan_render(ctx, A, p, mode, &s)) {
		printf("# render failed: %s\n", ctx->err.message);
		plumb_error_clear(ctx);
	}
	return s;
}

static plumb_catalog *introspect(const char *db)
{
	plumb_conn *c = NULL;
	plumb_catalog *out = NULL;
	char *url = plumb_arena_printf(A, "dbname=%s", db);
	if (plumb__pg_connect(ctx, A, url, &c) || plumb__pg_introspect(ctx, c, A, &out)) {
		printf("# introspect: %s\n", ctx->err.message);
		plumb_error_clear(ctx);
		return NULL;
	}
	return out;
}

static char *describe(plumb_diff *d)
{
	plumb_buf b;
	plumb_buf_init(&b, A, 0);
	plumb_diff_describe(d, &b);
	return (char *)plumb_buf_str(&b);
}

static bool has(const char *s, const char *needle)
{
	return s && strstr(s, needle) != NULL;
}


/* --- the tests ----------------------------------------------------------- */

/* users(id serial PK, name text NOT NULL, age integer) */
static plumb_table *users(plumb_catalog *c)
{
	plumb_table *t = table(c, "public", "users");
	col(t, "id", "serial", true, NULL);
	col(t, "name", "text", true, NULL);
	col(t, "age", "integer", false, NULL);
	con(t, PLUMB_CON_PRIMARY_KEY, "users_pkey", "id", NULL);
	return t;
}

/* A catalog of every kind (the plan that creates it is the data case
 * 100-create-everything), dumped: the dump loads into an empty database, and
 * introspect -> dump -> load -> introspect comes back equal. */
static void test_dump(void)
{
	plumb_catalog *c = cat();
	object(c, PLUMB_OBJ_SCHEMA, NULL, "audit", NULL);
	object(c, PLUMB_OBJ_EXTENSION, "public", "pgcrypto", NULL);
	enum_(c, "mood", "sad,ok,happy");
	plumb_table *u = users(c);
	col(u, "mood", "mood", false, "'ok'::mood");
	plumb_table *p = table(c, "public", "posts");
	col(p, "id", "bigint", true, NULL)->identity = "ALWAYS";
	redefine(p->columns.items[0]);
	col(p, "user_id", "integer", true, NULL);
	col(p, "title", "character varying(200)", false, NULL);
	con(p, PLUMB_CON_PRIMARY_KEY, "posts_pkey", "id", NULL);
	con(p, PLUMB_CON_CHECK, "posts_title_check", NULL, "length((title)::text) > 0");
	fk(p, "posts_user_id_fkey", "user_id", "users", "id");
	plumb_table *log = table(c, "audit", "log");
	col(log, "at", "timestamp with time zone", true, "now()");
	index_(c, "posts_title_idx", "posts", "title");
	view(c, "adults", "SELECT id, name FROM public.users WHERE age >= 18", "public.users", NULL);
	view(c, "adult_names", "SELECT name FROM public.adults", "public.adults", NULL);
	object(c, PLUMB_OBJ_FUNCTION, "public", "touch()",
	       "CREATE OR REPLACE FUNCTION public.touch() RETURNS trigger LANGUAGE plpgsql AS "
	       "$$BEGIN RETURN NEW; END$$");
	plumb_trigger *tr = plumb_arena_alloc(A, sizeof(*tr));
	tr->schema = "public";
	tr->name = "users_touch";
	tr->table = "users";
	tr->sql = "CREATE TRIGGER users_touch BEFORE UPDATE ON public.users FOR EACH ROW EXECUTE "
		  "FUNCTION public.touch()";
	tr->definition = tr->sql;
	plumb_vec_push(A, &tr->depends, "public.touch");
	plumb_vec_push(A, &c->triggers, tr);
	plumb_object *cm = object(c, PLUMB_OBJ_COMMENT, "public", "TABLE public.users", NULL);
	cm->table = "users";
	cm->target_kind = PLUMB_OBJ_TABLE;
	cm->definition = "people's table";
	plumb_object *pol = object(c, PLUMB_OBJ_POLICY, "public", "own_posts",
				   "CREATE POLICY own_posts ON public.posts USING (user_id > 0)");
	pol->table = "posts";
	p->rls_enabled = true;

	/* the database the dump round trip starts from */
	char *script = render(plan_of(cat(), c, false), PLUMB_RENDER_SCRIPT);
	const char *db = newdb();
	is_int(script ? psql(db, script) : -1, 0, "psql runs the plan that creates the catalog");

	/* dump: the same plan as SQL; loads into an empty database */
	char *dump = NULL;
	ok(plumb__pg_dump(ctx, A, c, &dump) == 0 && dump, "dump");
	ok(has(dump, "CREATE TABLE \"public\".\"users\"") && !has(dump, "BEGIN;"),
	   "dump holds CREATE TABLE, no transaction");
	char *dump2 = NULL;
	plumb__pg_dump(ctx, A, c, &dump2);
	is_str(dump2, dump, "dump is deterministic");
	const char *db2 = newdb();
	is_int(psql(db2, dump), 0, "the dump loads into an empty database");
	if (can_introspect) {
		plumb_catalog *a = introspect(db), *b = introspect(db2), *back;
		plumb_diff *d = NULL;
		ok(a && b && !plumb_diff_catalogs(ctx, A, a, b, &d) && plumb_diff_is_empty(d),
		   "dump round trip: equal catalogs");
		char *dump3 = NULL;
		if (a && !plumb__pg_dump(ctx, A, a, &dump3)) {
			const char *db3 = newdb();
			is_int(psql(db3, dump3), 0, "dump of an introspected catalog loads");
			back = introspect(db3);
			ok(back && !plumb_diff_catalogs(ctx, A, a, back, &d) && plumb_diff_is_empty(d),
			   "introspect -> dump -> load -> introspect: equal");
			if (d && !plumb_diff_is_empty(d))
				printf("# %s", describe(d));
		} else {
			ok(0, "dump of an introspected catalog");
			plumb_error_clear(ctx);
		}
	}
	ok(plumb_plan_is_empty(plan_of(c, c, false)), "equal catalogs: empty plan");
	char *empty = render(plan_of(c, c, false), PLUMB_RENDER_SCRIPT);
	is_str(empty, "", "empty plan renders as nothing");
	empty = render(plan_of(c, c, false), PLUMB_RENDER_MIGRATION);
	is_str(empty, "", "and as an empty migration");
}

/* The migration render mode: an online plan with statements that cannot run
 * in a transaction opens with the directive; a plain one has neither it nor
 * BEGIN. (The plans themselves are the data cases 106-online and
 * 107-online-off.) */
static void test_migration_render(void)
{
	plumb_catalog *a = cat(), *b = cat();
	users(a);
	plumb_table *p = table(a, "public", "posts");
	col(p, "id", "integer", true, NULL);
	col(p, "user_id", "integer", false, NULL);
	index_(a, "posts_old_idx", "posts", "id");
	users(b);
	plumb_table *q2 = table(b, "public", "posts");
	col(q2, "id", "integer", true, NULL);
	col(q2, "user_id", "integer", true, NULL);
	fk(q2, "posts_user_id_fkey", "user_id", "users", "id");
	con(q2, PLUMB_CON_CHECK, "posts_id_check", NULL, "id > 0");
	index_(b, "posts_user_idx", "posts", "user_id");

	char *mig = render(plan_of(a, b, true), PLUMB_RENDER_MIGRATION);
	ok(mig && strncmp(mig, "-- plumb:no-transaction\n", 24) == 0,
	   "online migration: first line is the no-transaction directive");
	ok(mig && !has(mig, "BEGIN"), "online migration: no BEGIN");
	mig = render(plan_of(a, b, false), PLUMB_RENDER_MIGRATION);
	ok(mig && has(mig, "CREATE INDEX posts_user_idx") && !has(mig, "plumb:no-transaction") &&
		   !has(mig, "BEGIN"),
	   "plain migration body: no directive, no BEGIN");
}

/* A dependency cycle (views reading each other, which only a hand-built
 * catalog can hold) is an error naming its members. */
static void test_cycle(void)
{
	plumb_catalog *c = cat();
	view(c, "x", "SELECT 1", "public.y", NULL);
	view(c, "y", "SELECT 1", "public.x", NULL);
	plumb_diff *d;
	plumb_plan *p = NULL;
	plumb_diff_catalogs(ctx, A, cat(), c, &d);
	ok(plumb__pg_plan(ctx, A, d, NULL, &p) != 0 && has(ctx->err.message, "view x") &&
		   has(ctx->err.message, "view y"),
	   "a dependency cycle names its objects");
	printf("# %s\n", ctx->err.message);
	plumb_error_clear(ctx);
}

int main(void)
{
	const char *url = getenv("PLUMB_PG_URL");
	if (!url) {
		printf("1..0 # SKIP PLUMB_PG_URL not set\n");
		return 0;
	}
	plumb_ctx_new(&ctx);
	A = ctx->root;
	admin = PQconnectdb(url);
	if (PQstatus(admin) != CONNECTION_OK) {
		printf("Bail out! cannot connect: %s", PQerrorMessage(admin));
		return 1;
	}
	exec_err(admin, "SET client_min_messages = warning");
	/* introspection may not have landed yet */
	{
		plumb_conn *c = NULL;
		plumb_catalog *cc = NULL;
		can_introspect = plumb__pg_connect(ctx, A, url, &c) == 0 &&
				 plumb__pg_introspect(ctx, c, A, &cc) == 0;
		if (!can_introspect)
			printf("# no introspection: %s\n", ctx->err.message);
		plumb_error_clear(ctx);
	}

	test_dump();
	test_migration_render();
	test_cycle();

	PQfinish(admin);
	plumb_ctx_free(ctx);
	return done_testing();
}
