/*
 * canon.c, literal.c and offline.c: canonical texts (type aliases, casts of
 * literals, IN/BETWEEN/LIKE, idempotence), literals coerced as the server
 * stores them (checked against the server's own output functions), the
 * offline builder's PostgreSQL rules (implicit names with 63-byte
 * truncation, serial, identity, NOT NULL of primary keys, implicit casts of
 * mixed numbers, errors at file:line:col, BEGIN ATOMIC and RETURN function
 * bodies), the facts kept as fields for the planner (functions' kind and
 * volatility, what comments and grants are on, grants' privileges), and
 * agreement: each schema built offline equals the same schema applied to the
 * test server and introspected (views and SQL-standard function bodies among
 * them, analysed by analyze.c), those fields included.
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/literal.h"
#include "dialect/pg/pg.h"
#include "diff/diff.h"
#include "tap.h"

static plumb_ctx *ctx;
static plumb_arena *A;

static const char *canon(char kind, const char *in)
{
	char *out = NULL, *again = NULL;
	int rc = kind == 't'   ? plumb__pg_canon_type(ctx, A, in, &out)
		 : kind == 'e' ? plumb__pg_canon_expr(ctx, A, in, &out)
			       : plumb__pg_canon_stmt(ctx, A, in, &out);
	if (rc < 0) {
		plumb_error_clear(ctx);
		return "(error)";
	}
	rc = kind == 't'   ? plumb__pg_canon_type(ctx, A, out, &again)
	     : kind == 'e' ? plumb__pg_canon_expr(ctx, A, out, &again)
			   : plumb__pg_canon_stmt(ctx, A, out, &again);
	if (rc < 0 || strcmp(out, again) != 0) {
		plumb_error_clear(ctx);
		return "(not idempotent)";
	}
	return out;
}

static plumb_catalog *load(const char *sql, int *rc)
{
	plumb_sql_file f = {"schema.sql", sql, strlen(sql)};
	plumb_vec files = {0};
	plumb_catalog *cat = NULL;
	plumb_vec_push(A, &files, &f);
	*rc = plumb__pg_load_schema(ctx, A, &files, &cat);
	return cat;
}

static plumb_table *table(plumb_catalog *cat, const char *name)
{
	for (size_t i = 0; cat && i < cat->tables.n; i++) {
		plumb_table *t = cat->tables.items[i];
		if (strcmp(t->name, name) == 0)
			return t;
	}
	return NULL;
}

static bool has_con(plumb_table *t, const char *name)
{
	for (size_t i = 0; t && i < t->constraints.n; i++) {
		plumb_constraint *k = t->constraints.items[i];
		if (k->name && strcmp(k->name, name) == 0)
			return true;
	}
	return false;
}

static bool has_index(plumb_catalog *cat, const char *name)
{
	for (size_t i = 0; cat && i < cat->indexes.n; i++)
		if (strcmp(((plumb_index *)cat->indexes.items[i])->name, name) == 0)
			return true;
	return false;
}

static void test_canon(void)
{
	static const char *const types[][2] = {
		{"int", "integer"},
		{"int4", "integer"},
		{"int8", "bigint"},
		{"smallint", "smallint"},
		{"varchar(20)", "character varying(20)"},
		{"character varying", "character varying"},
		{"char(3)", "character(3)"},
		{"timestamptz", "timestamp with time zone"},
		{"timestamp(3)", "timestamp(3) without time zone"},
		{"float8", "double precision"},
		{"real", "real"},
		{"bool", "boolean"},
		{"decimal(10,2)", "numeric(10,2)"},
		{"numeric(12)", "numeric(12,0)"},
		{"int[]", "integer[]"},
		{"text[][]", "text[]"},
		{"public.mood", "mood"},
		{"audit.level", "audit.level"},
		{"\"Mood\"", "\"Mood\""},
		{"varbit(5)", "bit varying(5)"},
		{"time with time zone", "time with time zone"},
	};
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
		is_str(canon('t', types[i][0]), types[i][1], "type %s", types[i][0]);

	static const char *const same[][2] = {
		{"'x'::text", "'x'"},
		{"'-1'::integer", "-1"},
		{"nextval('public.users_id_seq'::regclass)", "nextval('users_id_seq')"},
		{"status IN ('a', 'b')", "(status)::text = ANY ((ARRAY['a'::character varying, "
					 "'b'::character varying])::text[])"},
		{"a NOT IN (1, 2)", "(a <> ALL (ARRAY[1, 2]))"},
		{"price BETWEEN 0 AND 100",
		 "((price >= (0)::numeric) AND (price <= (100)::numeric))"},
		{"name LIKE 'a%'", "((name)::text ~~ 'a%'::text)"},
		{"name ILIKE 'a%'", "(name ~~* 'a%'::text)"},
		{"a > 0 AND (b > 0 AND c > 0)", "((a > 0) AND (b > 0) AND (c > 0))"},
		{"CASE WHEN a THEN 1 END", "CASE WHEN a THEN 1 ELSE NULL::integer END"},
		{"public.f(x)", "f(x)"},
		{"lower(email)", "lower((email)::text)"},
		{"'3000000000'::bigint", "3000000000"},
		{"'1 YEAR'::interval", "'1 year'::interval"},
		{"'2 weeks 1 day'::interval", "'15 days'::interval"},
		{"'90 min'::interval", "'01:30:00'::interval"},
		{"'1 day ago'::interval", "'-1 days'::interval"},
		{"'-1 year 2 months'::interval", "'-1 years +2 mons'::interval"},
		{"'1.5 hours'::interval", "'01:30:00'::interval"},
		{"f(a, VARIADIC ARRAY['x', 'y'])", "f(a, 'x', 'y')"},
		{"a = ANY (SELECT 1)", "a IN (SELECT 1)"},
		{"x'1F'", "'00011111'::\"bit\""},
		{"B'101'::varbit", "('101'::\"bit\")::bit varying"},
		{"x'1F'::integer", "('00011111'::\"bit\")::integer"},
		{"'1.5E+2'::numeric", "'150'::numeric"},
		{"1.5E+2", "'150'::numeric"},
		{".5", "0.5"},
		{"money '1.999'", "'$2.00'::money"},
		{"interval '1.5' hour", "'01:00:00'::interval hour"},
		{"INTERVAL '1 YEAR'", "'1 year'::interval"},
		{"ARRAY[current_date::text]::text[]", "ARRAY[(CURRENT_DATE)::text]"},
		{"email <> ''::citext", "(email OPERATOR(public.<>) ''::public.citext)"},
		{"name % 'abc'", "(name OPERATOR(public.%) 'abc'::text)"},
		{"embedding <=> '[1,2]'",
		 "(embedding OPERATOR(public.<=>) '[1,2]'::public.vector)"},
	};
	for (size_t i = 0; i < sizeof(same) / sizeof(same[0]); i++) {
		const char *a = canon('e', same[i][0]), *b = canon('e', same[i][1]);
		ok(strcmp(a, b) == 0 && a[0] != '(', "expr %s = %s", same[i][0], same[i][1]);
		if (strcmp(a, b) != 0)
			printf("#   %s\n#   %s\n", a, b);
	}
	is_str(canon('s', "CREATE INDEX users_x ON users (email DESC, name ASC NULLS LAST) WHERE age > 18"),
	       canon('s', "CREATE INDEX users_x ON public.users USING btree (email DESC, name) "
			  "WHERE (age > 18)"),
	       "index statement: USING btree, ASC and NULLS LAST defaults");
	/* an extension's operator class and operator in public, as pg_get_indexdef
	 * and pg_get_constraintdef print them with search_path = '' */
	is_str(canon('s', "CREATE INDEX i ON r USING gin (name gin_trgm_ops)"),
	       canon('s', "CREATE INDEX i ON public.r USING gin (name public.gin_trgm_ops)"),
	       "index statement: an extension's operator class in public");
	is_str(canon('s', "CREATE INDEX i ON r USING gist (name gist_trgm_ops(siglen=32))"),
	       canon('s', "CREATE INDEX i ON public.r USING gist "
			  "(name public.gist_trgm_ops (siglen='32'))"),
	       "index statement: operator class options as stored");
	is_str(canon('s', "ALTER TABLE u ADD CONSTRAINT x EXCLUDE (email WITH =)"),
	       canon('s', "ALTER TABLE public.u ADD CONSTRAINT x "
			  "EXCLUDE USING btree (email WITH OPERATOR(public.=))"),
	       "exclusion: an extension's operator in public");
	is_str(canon('s', "CREATE INDEX i ON r USING gin (name ext.gin_trgm_ops)"),
	       "CREATE INDEX i ON r USING gin (name ext.gin_trgm_ops)",
	       "index statement: a class in another schema keeps its schema");
	is_str(canon('s', "create view v1 as select id, name, count(*) from users group by id, name"),
	       canon('s', "CREATE VIEW public.v1 AS SELECT users.id, users.name, count(*) AS count "
			  "FROM public.users GROUP BY users.id, users.name"),
	       "view: qualifiers of the only FROM item and implied aliases");
	is_str(canon('e', "x'1F'::int"), "b'00011111'::int", "a bit string keeps a cast to a number");
	is_str(canon('e', "x + "), "(error)", "a bad expression is an error");

	/* SQL-standard function bodies: as written, and as pg_get_functiondef
	 * prints them back (search_path = '') */
	static const char *const bodies[][3] = {
		{"BEGIN ATOMIC written back",
		 "CREATE FUNCTION calc() RETURNS bigint LANGUAGE sql STABLE\n"
		 "BEGIN ATOMIC\n  SELECT sum(twice(a)) FROM v;\nEND",
		 "CREATE OR REPLACE FUNCTION public.calc()\n RETURNS bigint\n LANGUAGE sql\n STABLE\n"
		 "BEGIN ATOMIC\n SELECT sum(public.twice(v.a)) AS sum\n    FROM public.v;\nEND"},
		{"RETURN with $n of a named parameter",
		 "CREATE FUNCTION inc(x int) RETURNS int LANGUAGE sql RETURN $1 + 1",
		 "CREATE OR REPLACE FUNCTION public.inc(x integer)\n RETURNS integer\n LANGUAGE sql\n"
		 "RETURN (x + 1)"},
		{"parameters qualified by the function's name",
		 "CREATE FUNCTION p(x int) RETURNS text LANGUAGE sql RETURN (SELECT name FROM u WHERE id = x)",
		 "CREATE OR REPLACE FUNCTION public.p(x integer)\n RETURNS text\n LANGUAGE sql\n"
		 "RETURN (SELECT u.name FROM public.u WHERE (u.id = p.x))"},
		{"$n numbered over OUT parameters too, as the server does",
		 "CREATE FUNCTION p(OUT a int, INOUT b int, c int) RETURNS record LANGUAGE sql\n"
		 "BEGIN ATOMIC SELECT $1, $2; END",
		 "CREATE OR REPLACE FUNCTION public.p(OUT a integer, INOUT b integer, c integer)\n"
		 " RETURNS record\n LANGUAGE sql\nBEGIN ATOMIC\n SELECT a,\n     b;\nEND"},
		{"INSERT, UPDATE and DELETE on one relation; a RETURN among statements",
		 "CREATE FUNCTION m(x int, y int) RETURNS int LANGUAGE sql BEGIN ATOMIC\n"
		 "  INSERT INTO t (a, b) VALUES (x, $2) RETURNING a;\n"
		 "  UPDATE t SET (a, b) = (1, b + 1) WHERE a = x;\n"
		 "  DELETE FROM t AS d WHERE d.a < 0;\n  RETURN 1;\nEND",
		 "CREATE OR REPLACE FUNCTION public.m(x integer, y integer)\n RETURNS integer\n"
		 " LANGUAGE sql\nBEGIN ATOMIC\n INSERT INTO public.t (a, b)\n"
		 "   VALUES (m.x, m.y)\n   RETURNING t.a;\n UPDATE public.t SET a = 1, b = (t.b + 1)\n"
		 "   WHERE (t.a = m.x);\n DELETE FROM public.t AS d\n   WHERE (d.a < 0);\n RETURN 1;\nEND"},
		{"an empty BEGIN ATOMIC",
		 "CREATE FUNCTION e() RETURNS void LANGUAGE sql BEGIN ATOMIC END",
		 "CREATE OR REPLACE FUNCTION public.e()\n RETURNS void\n LANGUAGE sql\nBEGIN ATOMIC\nEND"},
	};
	for (size_t i = 0; i < sizeof(bodies) / sizeof(bodies[0]); i++) {
		const char *a = canon('s', bodies[i][1]), *b = canon('s', bodies[i][2]);
		ok(strcmp(a, b) == 0 && a[0] != '(', "function body: %s", bodies[i][0]);
		if (strcmp(a, b) != 0 || a[0] == '(')
			printf("#   %s\n#   %s\n", a, b);
	}
	const char *two = canon('s', "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql "
				     "BEGIN ATOMIC SELECT x; RETURN x + 1; END");
	ok(strstr(two, "BEGIN ATOMIC SELECT x; RETURN x + 1; END") != NULL,
	   "BEGIN ATOMIC statements written back in order (%s)", two);
	ok(strcmp(canon('s', "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql RETURN x + 1"),
		  canon('s', "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql RETURN x + 2")) != 0,
	   "RETURN bodies that differ stay apart");
}

static void test_offline(void)
{
	int rc;
	plumb_catalog *cat = load(
		"CREATE TABLE users (\n"
		"  id serial PRIMARY KEY,\n"
		"  email varchar(100) UNIQUE,\n"
		"  age int CHECK (age > 0),\n"
		"  org_id int REFERENCES orgs,\n"
		"  n bigint GENERATED ALWAYS AS IDENTITY,\n"
		"  CHECK (age < 200 AND email <> '')\n"
		");\n"
		"CREATE TABLE orgs (id int PRIMARY KEY);\n"
		"CREATE INDEX ON users (lower(email));\n"
		"CREATE INDEX ON users (age, age);\n",
		&rc);
	is_int(rc, 0, "offline load");
	plumb_table *u = table(cat, "users");
	ok(u != NULL, "table users");
	if (!u)
		return;
	plumb_column *id = plumb_table_find_column(cat, u, "id");
	ok(id && strcmp(id->type, "serial") == 0 && id->not_null && !id->default_sql,
	   "serial: type serial, NOT NULL, no default");
	ok(id && id->pk_position == 1, "serial column is the primary key");
	plumb_column *n = plumb_table_find_column(cat, u, "n");
	ok(n && n->identity && strcmp(n->identity, "ALWAYS") == 0 && n->not_null,
	   "identity column, NOT NULL implied");
	ok(has_con(u, "users_pkey"), "users_pkey");
	ok(has_con(u, "users_email_key"), "users_email_key");
	ok(has_con(u, "users_age_check"), "users_age_check (one column)");
	ok(has_con(u, "users_check"), "users_check (two columns)");
	ok(has_con(u, "users_org_id_fkey"), "users_org_id_fkey");
	ok(has_index(cat, "users_lower_idx"), "expression index named by its function");
	ok(has_index(cat, "users_age_age1_idx"), "repeated index columns get digits");

	/* 63-byte truncation: the longer part is cut first */
	cat = load("CREATE TABLE a_very_long_table_name_that_goes_on_and_on_for_ever (\n"
		   "  a_very_long_column_name_that_also_goes_on_and_on int UNIQUE);\n"
		   "CREATE TABLE t (a int UNIQUE, CONSTRAINT t_a_key1 CHECK (a > 1));\n"
		   "CREATE TABLE t_a_key (x int);\n",
		   &rc);
	is_int(rc, 0, "long names load");
	plumb_table *lt = table(cat, "a_very_long_table_name_that_goes_on_and_on_for_ever");
	ok(has_con(lt, "a_very_long_table_name_that_g_a_very_long_column_name_that__key"),
	   "63-byte truncation of an implicit name");
	ok(has_con(table(cat, "t"), "t_a_key"), "implicit unique name");

	cat = load("CREATE TABLE t (a int);\nCREATE TABLE t_a_key (b int);\n"
		   "ALTER TABLE t ADD UNIQUE (a);\n", &rc);
	ok(has_con(table(cat, "t"), "t_a_key1"), "a taken name gets a number");

	/* errors at file:line:col */
	cat = load("CREATE TABLE t (a int);\nCREATE TABLE u (a int,, b int);\n", &rc);
	is_int(rc, PLUMB_EPARSE, "syntax error is PLUMB_EPARSE");
	const plumb_error *e = plumb_ctx_error(ctx);
	ok(e->file && strcmp(e->file, "schema.sql") == 0 && e->line == 2 && e->col == 23,
	   "error at schema.sql:2:23 (got %s:%d:%d)", e->file ? e->file : "", e->line, e->col);
	plumb_error_clear(ctx);

	/* rename annotations */
	cat = load("-- plumb:renamed from=people\nCREATE TABLE users (\n"
		   "  id int, -- @renamed from=uid\n"
		   "  /* @renamed from=mail */\n"
		   "  email text\n);\n",
		   &rc);
	u = table(cat, "users");
	ok(u && u->renamed_from && strcmp(u->renamed_from, "people") == 0, "table renamed_from");
	plumb_column *c = u ? plumb_table_find_column(cat, u, "id") : NULL;
	ok(c && c->renamed_from && strcmp(c->renamed_from, "uid") == 0, "column renamed_from (end of line)");
	c = u ? plumb_table_find_column(cat, u, "email") : NULL;
	ok(c && c->renamed_from && strcmp(c->renamed_from, "mail") == 0, "column renamed_from (line before)");

	/* a BEGIN ATOMIC body as the server's parse analysis leaves it: the
	 * columns an INSERT fills, t.* expanded, references qualified */
	cat = load("CREATE TABLE t (a int, b int);\nCREATE VIEW v AS SELECT a FROM t;\n"
		   "CREATE FUNCTION f(x int) RETURNS SETOF t LANGUAGE sql BEGIN ATOMIC\n"
		   "  INSERT INTO t VALUES (x);\n"
		   "  SELECT t.* FROM t, v WHERE t.a = v.a AND b = x;\nEND;\n",
		   &rc);
	is_int(rc, 0, "a BEGIN ATOMIC function loads");
	const plumb_object *f = plumb_catalog_find(cat, PLUMB_OBJ_FUNCTION, "public", "f(integer)");
	is_str(f ? f->definition : "(none)",
	       canon('s', "CREATE OR REPLACE FUNCTION public.f(x integer)\n RETURNS SETOF public.t\n"
			  " LANGUAGE sql\nBEGIN ATOMIC\n INSERT INTO public.t (a)\n   VALUES (f.x);\n"
			  " SELECT t.a,\n     t.b\n    FROM public.t,\n     public.v\n"
			  "   WHERE ((t.a = v.a) AND (t.b = f.x));\nEND"),
	       "BEGIN ATOMIC body: as pg_get_functiondef prints it");
	ok(f && f->sql && strstr(f->sql, "BEGIN ATOMIC INSERT INTO t VALUES (x); SELECT t.* FROM t, v"),
	   "BEGIN ATOMIC body kept as written (%s)", f && f->sql ? f->sql : "");
}

static const plumb_object *grant(plumb_catalog *cat, const char *name)
{
	for (size_t i = 0; cat && i < cat->objects.n; i++) {
		const plumb_object *o = cat->objects.items[i];
		if (o->kind == PLUMB_OBJ_GRANT && strcmp(o->name, name) == 0)
			return o;
	}
	return NULL;
}

static bool grant_is(plumb_catalog *cat, const char *name, const char *def)
{
	const plumb_object *o = grant(cat, name);
	if (o && strcmp(o->definition, def) != 0)
		printf("#   %s: %s\n", name, o->definition);
	return o && strcmp(o->definition, def) == 0;
}

static void test_grants(void)
{
	int rc;
	plumb_catalog *cat = load(
		"CREATE TABLE users (id serial, email text);\n"
		"CREATE SEQUENCE s;\n"
		"CREATE VIEW v AS SELECT id FROM users;\n"
		"GRANT ALL ON users TO app_user;\n"
		"REVOKE DELETE ON TABLE users FROM app_user;\n"
		"GRANT SELECT ON v TO app_user WITH GRANT OPTION;\n"
		"GRANT USAGE ON SEQUENCE s TO \"Odd Role\";\n"
		"GRANT SELECT ON SEQUENCE users_id_seq TO app_user;\n"
		"GRANT SELECT (email), UPDATE (email) ON users TO app_user;\n"
		"REVOKE UPDATE ON users FROM app_user;\n"
		"GRANT INSERT ON users TO gone;\n"
		"REVOKE ALL ON users FROM gone;\n"
		"GRANT ALL ON ALL TABLES IN SCHEMA public TO everyone;\n",
		&rc);
	ok(cat != NULL, "grants load");
	ok(grant_is(cat, "TABLE public.users TO app_user",
		    "SELECT, INSERT, TRUNCATE, REFERENCES, TRIGGER"),
	   "GRANT ALL then REVOKE DELETE, UPDATE");
	ok(grant_is(cat, "TABLE public.users (email) TO app_user", "SELECT"),
	   "column privileges; REVOKE on the table takes the column's too");
	const plumb_object *o = grant(cat, "TABLE public.v TO app_user");
	ok(o && strcmp(o->definition, "SELECT WITH GRANT OPTION") == 0 &&
		   o->target_kind == PLUMB_OBJ_VIEW && strcmp(o->table, "v") == 0,
	   "view grant with grant option");
	ok(grant_is(cat, "SEQUENCE public.s TO \"Odd Role\"", "USAGE"), "sequence grant, quoted role");
	o = grant(cat, "SEQUENCE public.users_id_seq TO app_user");
	ok(o && o->target_kind == PLUMB_OBJ_SEQUENCE && strcmp(o->table, "users") == 0,
	   "a serial column's sequence hangs on its table");
	ok(!grant(cat, "TABLE public.users TO gone"), "emptied privilege sets leave no object");
	ok(grant_is(cat, "TABLE public.v TO everyone",
		    "SELECT, INSERT, UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER") &&
		   grant(cat, "TABLE public.users TO everyone") &&
		   !grant(cat, "SEQUENCE public.s TO everyone"),
	   "ALL TABLES IN SCHEMA: on each table and view the schema holds, no sequence");
}

/* The catalog as JSON says what a grant on a language is on, and nothing
 * of the kind for the others. */
static void test_grants_json(void)
{
	int rc;
	plumb_catalog *cat = load("CREATE TRUSTED LANGUAGE plx HANDLER plpgsql_call_handler;\n"
				  "GRANT USAGE ON LANGUAGE plx TO pg_monitor;\n"
				  "CREATE TABLE t (a int);\nGRANT SELECT ON t TO pg_monitor;\n",
				  &rc);
	char *json = NULL;
	ok(cat && plumb_catalog_to_json(ctx, cat, A, &json) == 0 && json, "grants as JSON");
	const char *on = json ? strstr(json, "\"on_unmanaged\": \"language plx\"") : NULL;
	ok(on && !strstr(on + 1, "\"on_unmanaged\""),
	   "on_unmanaged: on the language's grant alone");
}

/* Facts the planner reads as fields rather than in SQL text: functions' kind
 * and volatility, what comments and grants are on, grants' grantees and
 * privileges. Loaded offline here; test_agree applies the same schema to the
 * server and finds the introspected fields equal (fields_agree). */
static const char fields_schema[] =
	"CREATE SCHEMA s;\n"
	"CREATE TABLE t (id serial PRIMARY KEY, \"Odd Col\" text, CONSTRAINT \"a ON b\" CHECK (id > 0));\n"
	"CREATE INDEX t_odd ON t (\"Odd Col\");\n"
	"CREATE VIEW v AS SELECT id FROM t;\n"
	"CREATE MATERIALIZED VIEW mv AS SELECT id FROM t;\n"
	"CREATE SEQUENCE s.q;\n"
	"CREATE DOMAIN d AS integer CONSTRAINT d_pos CHECK (VALUE > 0);\n"
	"CREATE TYPE pair AS (a integer, b text);\n"
	"CREATE FUNCTION imm(a integer) RETURNS integer LANGUAGE sql IMMUTABLE AS 'select a';\n"
	"CREATE FUNCTION stab() RETURNS integer LANGUAGE sql STABLE AS 'select 1';\n"
	"CREATE FUNCTION vol() RETURNS text LANGUAGE sql AS $$ select 'IMMUTABLE STABLE' $$;\n"
	"CREATE PROCEDURE s.pr(x integer) LANGUAGE sql AS $$ select 'PROCEDURE ' $$;\n"
	"CREATE FUNCTION trg() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;\n"
	"CREATE TRIGGER \"x ON y\" BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION trg();\n"
	"ALTER TABLE t ENABLE ROW LEVEL SECURITY;\n"
	"CREATE POLICY \"p ON q\" ON t USING (true);\n"
	"COMMENT ON SCHEMA s IS 'schema';\n"
	"COMMENT ON TABLE t IS 'table';\n"
	"COMMENT ON COLUMN t.\"Odd Col\" IS 'column';\n"
	"COMMENT ON COLUMN v.id IS 'view column';\n"
	"COMMENT ON CONSTRAINT \"a ON b\" ON t IS 'constraint';\n"
	"COMMENT ON CONSTRAINT d_pos ON DOMAIN d IS 'domain constraint';\n"
	"COMMENT ON INDEX t_odd IS 'index';\n"
	"COMMENT ON VIEW v IS 'view';\n"
	"COMMENT ON MATERIALIZED VIEW mv IS 'matview';\n"
	"COMMENT ON SEQUENCE s.q IS 'sequence';\n"
	"COMMENT ON DOMAIN d IS 'domain';\n"
	"COMMENT ON TYPE pair IS 'type';\n"
	"COMMENT ON FUNCTION imm(integer) IS 'function';\n"
	"COMMENT ON PROCEDURE s.pr(integer) IS 'procedure';\n"
	"COMMENT ON TRIGGER \"x ON y\" ON t IS 'trigger';\n"
	"COMMENT ON POLICY \"p ON q\" ON t IS 'policy';\n"
	"GRANT SELECT, INSERT ON t TO PUBLIC;\n"
	"GRANT UPDATE (\"Odd Col\"), REFERENCES (\"Odd Col\") ON t TO PUBLIC;\n"
	"GRANT SELECT ON v TO pg_monitor WITH GRANT OPTION;\n"
	"GRANT TRUNCATE ON v TO pg_monitor;\n"
	"GRANT USAGE ON SEQUENCE s.q TO PUBLIC;\n"
	"GRANT SELECT ON SEQUENCE t_id_seq TO PUBLIC;\n";

static const plumb_object *object(plumb_catalog *cat, plumb_obj_kind kind, const char *name)
{
	for (size_t i = 0; cat && i < cat->objects.n; i++) {
		const plumb_object *o = cat->objects.items[i];
		if (o->kind == kind && strcmp(o->name, name) == 0)
			return o;
	}
	return NULL;
}

static bool str_is(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

/* A comment's fields: table, target, column, part. */
static bool on_is(const plumb_object *o, const char *table, const char *target,
		  const char *column, const char *part)
{
	if (o && !(str_is(o->table, table) && str_is(o->target, target) &&
		   str_is(o->column, column) && str_is(o->part, part)))
		printf("#   %s: table %s, target %s, column %s, part %s\n", o->name,
		       o->table ? o->table : "-", o->target ? o->target : "-",
		       o->column ? o->column : "-", o->part ? o->part : "-");
	return o && str_is(o->table, table) && str_is(o->target, target) &&
	       str_is(o->column, column) && str_is(o->part, part);
}

static void test_fields(void)
{
	int rc;
	plumb_catalog *cat = load(fields_schema, &rc);
	is_int(rc, 0, "fields: schema loads");
	const plumb_object *o = object(cat, PLUMB_OBJ_FUNCTION, "imm(integer)");
	ok(o && o->func_kind == PLUMB_FUNC_FUNCTION && o->volatility == PLUMB_IMMUTABLE,
	   "fields: immutable function");
	o = object(cat, PLUMB_OBJ_FUNCTION, "stab()");
	ok(o && o->func_kind == PLUMB_FUNC_FUNCTION && o->volatility == PLUMB_STABLE,
	   "fields: stable function");
	o = object(cat, PLUMB_OBJ_FUNCTION, "vol()");
	ok(o && o->func_kind == PLUMB_FUNC_FUNCTION && o->volatility == PLUMB_VOLATILE,
	   "fields: volatile function whose body says IMMUTABLE STABLE");
	o = object(cat, PLUMB_OBJ_FUNCTION, "pr(integer)");
	ok(o && o->func_kind == PLUMB_FUNC_PROCEDURE && o->volatility == PLUMB_VOLATILE,
	   "fields: procedure");
	cat = load("CREATE FUNCTION rn() RETURNS bigint WINDOW LANGUAGE internal "
		   "AS 'window_row_number';\n", &rc);
	o = object(cat, PLUMB_OBJ_FUNCTION, "rn()");
	ok(o && o->func_kind == PLUMB_FUNC_WINDOW, "fields: window function");
	cat = load("CREATE FUNCTION f() RETURNS int LANGUAGE sql IMMUTABLE AS 'select 1';\n"
		   "CREATE OR REPLACE PROCEDURE f() LANGUAGE sql AS 'select 1';\n", &rc);
	o = object(cat, PLUMB_OBJ_FUNCTION, "f()");
	ok(o && o->func_kind == PLUMB_FUNC_PROCEDURE && o->volatility == PLUMB_VOLATILE,
	   "fields: CREATE OR REPLACE gives the later kind and volatility");

	cat = load(fields_schema, &rc);
	static const struct {
		const char *name, *table, *target, *column, *part;
	} comments[] = {
		{"SCHEMA s", NULL, "s", NULL, NULL},
		{"TABLE public.t", NULL, "t", NULL, NULL},
		{"COLUMN public.t.\"Odd Col\"", "t", "t", "Odd Col", NULL},
		{"COLUMN public.v.id", "v", "v", "id", NULL},
		{"CONSTRAINT \"a ON b\" ON public.t", "t", "t", NULL, "a ON b"},
		{"CONSTRAINT d_pos ON DOMAIN public.d", NULL, "d", NULL, "d_pos"},
		{"INDEX public.t_odd", NULL, "t_odd", NULL, NULL},
		{"VIEW public.v", NULL, "v", NULL, NULL},
		{"MATERIALIZED VIEW public.mv", NULL, "mv", NULL, NULL},
		{"SEQUENCE s.q", NULL, "q", NULL, NULL},
		{"DOMAIN public.d", NULL, "d", NULL, NULL},
		{"TYPE public.pair", NULL, "pair", NULL, NULL},
		{"FUNCTION public.imm(integer)", NULL, "imm(integer)", NULL, NULL},
		{"PROCEDURE s.pr(integer)", NULL, "pr(integer)", NULL, NULL},
		{"TRIGGER \"x ON y\" ON public.t", "t", "t", NULL, "x ON y"},
		{"POLICY \"p ON q\" ON public.t", "t", "t", NULL, "p ON q"},
	};
	for (size_t i = 0; i < sizeof(comments) / sizeof(comments[0]); i++)
		ok(on_is(object(cat, PLUMB_OBJ_COMMENT, comments[i].name), comments[i].table,
			 comments[i].target, comments[i].column, comments[i].part),
		   "fields: comment %s", comments[i].name);
	o = object(cat, PLUMB_OBJ_COMMENT, "CONSTRAINT d_pos ON DOMAIN public.d");
	ok(o && o->target_kind == PLUMB_OBJ_DOMAIN && str_is(o->schema, "public") &&
		   str_is(o->definition, "domain constraint"),
	   "fields: a comment on a domain's constraint is read");

	static const struct {
		const char *name, *table, *target, *column, *grantee;
		unsigned privileges, grantable;
	} grants[] = {
		{"TABLE public.t TO PUBLIC", "t", "t", NULL, "PUBLIC",
		 PLUMB_PRIV_SELECT | PLUMB_PRIV_INSERT, 0},
		{"TABLE public.t (\"Odd Col\") TO PUBLIC", "t", "t", "Odd Col", "PUBLIC",
		 PLUMB_PRIV_UPDATE | PLUMB_PRIV_REFERENCES, 0},
		{"TABLE public.v TO pg_monitor", "v", "v", NULL, "pg_monitor",
		 PLUMB_PRIV_SELECT | PLUMB_PRIV_TRUNCATE, PLUMB_PRIV_SELECT},
		{"SEQUENCE s.q TO PUBLIC", "q", "q", NULL, "PUBLIC", PLUMB_PRIV_USAGE, 0},
		{"SEQUENCE public.t_id_seq TO PUBLIC", "t", "t_id_seq", NULL, "PUBLIC",
		 PLUMB_PRIV_SELECT, 0},
	};
	for (size_t i = 0; i < sizeof(grants) / sizeof(grants[0]); i++) {
		o = object(cat, PLUMB_OBJ_GRANT, grants[i].name);
		ok(o && str_is(o->table, grants[i].table) && str_is(o->target, grants[i].target) &&
			   str_is(o->column, grants[i].column) &&
			   str_is(o->grantee, grants[i].grantee) &&
			   o->privileges == grants[i].privileges &&
			   o->grantable == grants[i].grantable,
		   "fields: grant %s", grants[i].name);
	}
	o = object(cat, PLUMB_OBJ_GRANT, "TABLE public.v TO pg_monitor");
	is_str(o ? o->definition : NULL, "SELECT WITH GRANT OPTION, TRUNCATE",
	       "fields: a grant's definition from its privileges");
}

/* The fields of test_fields, equal in the introspected (live) and offline
 * catalogs for every object both hold; diff compares none of them. */
static bool fields_agree(const plumb_catalog *live, const plumb_catalog *off)
{
	bool same = true;
	for (size_t i = 0; i < live->objects.n; i++) {
		const plumb_object *l = live->objects.items[i];
		const plumb_object *o = plumb_catalog_find(off, l->kind, l->schema, l->name);
		if (!o || l->kind == PLUMB_OBJ_POLICY || l->implicit)
			continue; /* a difference diff reports; policies are named per table;
				   * the owner's privileges are the server's, not declared */
		if (l->func_kind != o->func_kind || l->volatility != o->volatility ||
		    !str_is(l->target, o->target) || !str_is(l->column, o->column) ||
		    !str_is(l->part, o->part) || !str_is(l->grantee, o->grantee) ||
		    l->privileges != o->privileges || l->grantable != o->grantable) {
			printf("#   the fields of %s %s differ\n", plumb_obj_kind_name(l->kind),
			       l->name);
			same = false;
		}
	}
	return same;
}

/* Literals read and printed as the server does; each checked against the
 * server's output (test_literals_server). NULL: left to the server. */
static const struct lit {
	char kind;         /* n numeric, m money, b bit, i interval, t timestamptz,
			    * s timestamp, d date, h time, z timetz, j jsonb, y bytea,
			    * f float8, g float4, o boolean, u uuid */
	const char *type;  /* the SQL type the server reads it as */
	int range, precision;
	const char *in, *want;
} lits[] = {
	{'n', "numeric", 0, 0, "0.0000000000123456789", "0.0000000000123456789"},
	{'n', "numeric", 0, 0, "1.5E+2", "150"},
	{'n', "numeric", 0, 0, " .50 ", "0.50"},
	{'n', "numeric", 0, 0, "+00012.3400", "12.3400"},
	{'n', "numeric", 0, 0, "-0.000", "0.000"},
	{'n', "numeric", 0, 0, "-1.005", "-1.005"},
	{'n', "numeric", 0, 0, "1e-5", "0.00001"},
	{'n', "numeric", 0, 0, "5.", "5"},
	{'n', "numeric", 0, 0, "nan", "NaN"},
	{'n', "numeric", 0, 0, "-inf", "-Infinity"},
	{'n', "numeric", 0, 0, "0e-16384", NULL},
	{'n', "numeric", 0, 0, "1e-16384", NULL},
	{'n', "numeric", 0, 0, "1_000", NULL},
	{'n', "numeric", 0, 0, "1.2.3", NULL},
	{'m', "money", 0, 0, "1.00", "$1.00"},
	{'m', "money", 0, 0, "1.999", "$2.00"},
	{'m', "money", 0, 0, "1.9949999", "$1.99"},
	{'m', "money", 0, 0, "-1,000.5", "-$1,000.50"},
	{'m', "money", 0, 0, "(1.50)", "-$1.50"},
	{'m', "money", 0, 0, " $ 1.5- ", "-$1.50"},
	{'m', "money", 0, 0, "-0.005", "-$0.01"},
	{'m', "money", 0, 0, "-0.001", "$0.00"},
	{'m', "money", 0, 0, "-92233720368547758.08", "-$92,233,720,368,547,758.08"},
	{'m', "money", 0, 0, "92233720368547758.08", NULL},
	{'m', "money", 0, 0, "1e2", NULL},
	{'b', "varbit", 0, 0, "x1F", "00011111"},
	{'b', "varbit", 0, 0, "Xa", "1010"},
	{'b', "varbit", 0, 0, "b101", "101"},
	{'b', "varbit", 0, 0, "0101", "0101"},
	{'b', "varbit", 0, 0, "", ""},
	{'b', "varbit", 0, 0, "1F", NULL},
	{'y', "bytea", 0, 0, "", "\\x"},
	{'y', "bytea", 0, 0, "\\x", "\\x"},
	{'y', "bytea", 0, 0, "\\xDEAD beef", "\\xdeadbeef"},
	{'y', "bytea", 0, 0, "ab\\\\c\\101\\000", "\\x61625c634100"},
	{'y', "bytea", 0, 0, "\\xABC", NULL},
	{'y', "bytea", 0, 0, "\\q", NULL},
	{'y', "bytea", 0, 0, "\\400", NULL},
	{'i', "interval year", PLUMB_PG_IV_YEAR, -1, "1.5", "1 year"},
	{'i', "interval year", PLUMB_PG_IV_YEAR, -1, "1.999", "2 years"},
	{'i', "interval month", PLUMB_PG_IV_MONTH, -1, "1.5", "1 mon"},
	{'i', "interval day", PLUMB_PG_IV_DAY, -1, "1.5", "1 day"},
	{'i', "interval hour", PLUMB_PG_IV_HOUR, -1, "1.5", "01:00:00"},
	{'i', "interval hour", PLUMB_PG_IV_HOUR, -1, "1 2", "1 day 02:00:00"},
	{'i', "interval minute", PLUMB_PG_IV_MINUTE, -1, "90", "01:30:00"},
	{'i', "interval minute to second", PLUMB_PG_IV_MINUTE | PLUMB_PG_IV_SECOND, -1, "01:30",
	 "00:01:30"},
	{'i', "interval", PLUMB_PG_IV_FULL, -1, "1.5", "00:00:01.5"},
	{'i', "interval", PLUMB_PG_IV_FULL, -1, "1 YEAR", "1 year"},
	{'i', "interval", PLUMB_PG_IV_FULL, -1, "2 weeks 1.5 days", "15 days 12:00:00"},
	{'i', "interval", PLUMB_PG_IV_FULL, -1, "1.5 months", "1 mon 15 days"},
	{'i', "interval", PLUMB_PG_IV_FULL, -1, "0.1 hour", "00:06:00"},
	{'i', "interval", PLUMB_PG_IV_FULL, -1, "-1-2", "-1 years -2 mons"},
	{'i', "interval", PLUMB_PG_IV_FULL, -1, "1 day -02:00 ago", "-1 days +02:00:00"},
	{'i', "interval", PLUMB_PG_IV_FULL, -1, "12:34.5", "00:12:34.5"},
	{'i', "interval", PLUMB_PG_IV_FULL, -1, "-0.0000005", "00:00:00"},
	{'i', "interval(2)", PLUMB_PG_IV_FULL, 2, "1:2:3.4567891", "01:02:03.46"},
	{'i', "interval", PLUMB_PG_IV_FULL, -1, "P1D", NULL},
	{'i', "interval", PLUMB_PG_IV_FULL, -1, "1 day day", NULL},
	{'i', "interval", PLUMB_PG_IV_FULL, -1, "1 2", NULL},
	{'i', "interval", PLUMB_PG_IV_FULL, -1, "2147483648 days", NULL},
	/* timestamptz, read and printed in UTC (the zones plumb reads in) */
	{'t', "timestamptz", 0, -1, "2022-04-01 01:00:00+01", "2022-04-01 00:00:00+00"},
	/* timestamp, date and time: a zone read and ignored */
	{'s', "timestamp", 0, -1, "1970-01-01 00:00:01+00:00", "1970-01-01 00:00:01"},
	{'s', "timestamp", 0, -1, "2020-01-01T10:00:00.500", "2020-01-01 10:00:00.5"},
	{'s', "timestamp", 0, -1, "2020-02-29", "2020-02-29 00:00:00"},
	{'s', "timestamp", 0, -1, "2021-02-29", NULL},
	{'d', "date", 0, -1, "2020-01-05", "2020-01-05"},
	{'d', "date", 0, -1, "2020-01-05 10:00", NULL},
	{'h', "time", 0, -1, "10:00", "10:00:00"},
	{'h', "time", 0, -1, "23:59:59.250+02", "23:59:59.25"},
	{'h', "time", 0, -1, "24:00", NULL},
	{'t', "timestamptz", 0, -1, "2022-04-01", "2022-04-01 00:00:00+00"},
	{'t', "timestamptz", 0, -1, " 2022-05-02T10:11:12.500+05:30 ", "2022-05-02 04:41:12.5+00"},
	{'t', "timestamptz", 0, -1, "2024-03-01 00:30-0100", "2024-03-01 01:30:00+00"},
	{'t', "timestamptz", 0, -1, "2024-03-01 00:30+01", "2024-02-29 23:30:00+00"},
	{'t', "timestamptz", 0, -1, "2023-12-31 23:59:59.999999 -00:00:01", "2024-01-01 00:00:00.999999+00"},
	{'t', "timestamptz", 0, -1, "2022-01-01 10:00 UTC", "2022-01-01 10:00:00+00"},
	{'t', "timestamptz", 0, -1, "2022-01-01 10:00Z", "2022-01-01 10:00:00+00"},
	{'t', "timestamptz", 0, -1, "-infinity", "-infinity"},
	{'t', "timestamptz(0)", 0, 0, "2022-01-01 10:00:00.5+00", NULL},
	{'t', "timestamptz(3)", 0, 3, "2022-01-01 10:00:00.25+02", "2022-01-01 08:00:00.25+00"},
	{'t', "timestamptz", 0, -1, "2022-01-01 10:00 Europe/Paris", NULL},
	{'t', "timestamptz", 0, -1, "01/02/2022", NULL},
	{'t', "timestamptz", 0, -1, "2022-02-30", NULL},
	{'t', "timestamptz", 0, -1, "2022-01-01 24:00", NULL},
	{'t', "timestamptz", 0, -1, "2022-01-01 10:00:00.1234567", NULL},
	{'j', "jsonb", 0, -1, "{\"theme\":\"light\",\"digest\":[\"weekly\"]}",
	 "{\"theme\": \"light\", \"digest\": [\"weekly\"]}"},
	{'j', "jsonb", 0, -1, " {\"bb\" : 1, \"a\":2,\"ab\":{}, \"b\":[ ],\t\"a\": 3} ",
	 "{\"a\": 3, \"b\": [], \"ab\": {}, \"bb\": 1}"},
	{'j', "jsonb", 0, -1, "[1.50, -0, 1e2, 2.5E-1, -0.0, 12345678901234567890]",
	 "[1.50, 0, 100, 0.25, 0.0, 12345678901234567890]"},
	{'j', "jsonb", 0, -1, "\"a\\/b\\u00e9\\ud83d\\ude00\\u0001\\t\\\"\"",
	 "\"a/b\xc3\xa9\xf0\x9f\x98\x80\\u0001\\t\\\"\""},
	{'j', "jsonb", 0, -1, "true", "true"},
	{'j', "jsonb", 0, -1, "{}", "{}"},
	{'j', "jsonb", 0, -1, "[null,false ,\"\"]", "[null, false, \"\"]"},
	{'j', "jsonb", 0, -1, "\"\\u0000\"", NULL},
	{'j', "jsonb", 0, -1, "\"\\ud83d\"", NULL},
	{'j', "jsonb", 0, -1, "[01]", NULL},
	{'j', "jsonb", 0, -1, "[1,]", NULL},
	{'j', "jsonb", 0, -1, "{\"a\" 1}", NULL},
	{'j', "jsonb", 0, -1, "truex", NULL},
	{'j', "jsonb", 0, -1, "[.5]", NULL},
	{'z', "timetz", 0, -1, "12:00+02", "12:00:00+02"},
	{'z', "timetz", 0, -1, "12:00:30.5+05:30", "12:00:30.5+05:30"},
	{'z', "timetz", 0, -1, "12:00-03:30:15", "12:00:00-03:30:15"},
	{'z', "timetz", 0, -1, "23:59", "23:59:00+00"},
	{'z', "timetz", 0, -1, "12:00 Europe/Paris", NULL},
	{'f', "float8", 0, -1, "1e3", "1000"},
	{'f', "float8", 0, -1, " 0.1 ", "0.1"},
	{'f', "float8", 0, -1, "1e15", "1e+15"},
	{'f', "float8", 0, -1, "123456789012345.6", "123456789012345.6"},
	{'f', "float8", 0, -1, "0.0001", "0.0001"},
	{'f', "float8", 0, -1, "1.5e-5", "1.5e-05"},
	{'f', "float8", 0, -1, "-1.5E+300", "-1.5e+300"},
	{'f', "float8", 0, -1, "3.14159265358979323846", "3.141592653589793"},
	{'f', "float8", 0, -1, "-0", "-0"},
	{'f', "float8", 0, -1, "-inf", "-Infinity"},
	{'f', "float8", 0, -1, "nan", "NaN"},
	{'f', "float8", 0, -1, "1e400", NULL},
	{'f', "float8", 0, -1, "0x10", NULL},
	{'g', "float4", 0, -1, "1e6", "1e+06"},
	{'g', "float4", 0, -1, "100000", "100000"},
	{'g', "float4", 0, -1, "3.14159265358979", "3.1415927"},
	{'g', "float4", 0, -1, "0.1", "0.1"},
	{'g', "float4", 0, -1, "1e39", NULL},
	{'o', "boolean", 0, -1, " Yes ", "true"},
	{'o', "boolean", 0, -1, "tr", "true"},
	{'o', "boolean", 0, -1, "of", "false"},
	{'o', "boolean", 0, -1, "0", "false"},
	{'o', "boolean", 0, -1, "o", NULL},
	{'o', "boolean", 0, -1, "truth", NULL},
	{'u', "uuid", 0, -1, "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
	 "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
	{'u', "uuid", 0, -1, "{a0eebc99-9c0b4ef8-bb6d6bb9-bd380a11}",
	 "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
	{'u', "uuid", 0, -1, "a0eebc999c0b4ef8bb6d6bb9bd380a11", "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"},
	{'u', "uuid", 0, -1, "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a1", NULL},
	{'u', "uuid", 0, -1, "a0e-ebc99-9c0b-4ef8-bb6d-6bb9bd380a11", NULL},
};

static const char *lit_out(const struct lit *l)
{
	char *out = NULL;
	if (l->kind == 'o') {
		int v = plumb__pg_lit_bool(l->in);
		return v < 0 ? NULL : v ? "true" : "false";
	}
	int rc = l->kind == 'n'	  ? plumb__pg_lit_numeric(A, l->in, &out)
		 : l->kind == 'm' ? plumb__pg_lit_money(A, l->in, &out)
		 : l->kind == 'b' ? plumb__pg_lit_bits(A, l->in, &out)
		 : l->kind == 'y' ? plumb__pg_lit_bytea(A, l->in, &out)
		 : l->kind == 't' ? plumb__pg_lit_timestamptz(A, l->in, l->precision, &out)
		 : l->kind == 's' ? plumb__pg_lit_timestamp(A, l->in, l->precision, &out)
		 : l->kind == 'd' ? plumb__pg_lit_date(A, l->in, &out)
		 : l->kind == 'h' ? plumb__pg_lit_time(A, l->in, l->precision, &out)
		 : l->kind == 'z' ? plumb__pg_lit_timetz(A, l->in, l->precision, &out)
		 : l->kind == 'f' ? plumb__pg_lit_float(A, l->in, false, &out)
		 : l->kind == 'g' ? plumb__pg_lit_float(A, l->in, true, &out)
		 : l->kind == 'u' ? plumb__pg_lit_uuid(A, l->in, &out)
		 : l->kind == 'j' ? plumb__pg_lit_jsonb(A, l->in, &out)
				  : plumb__pg_lit_interval(A, l->in, l->range, l->precision, &out);
	return rc < 0 ? "(out of memory)" : out;
}

static void test_literals(void)
{
	for (size_t i = 0; i < sizeof(lits) / sizeof(lits[0]); i++)
		is_str(lit_out(&lits[i]), lits[i].want, "%s '%s'", lits[i].type, lits[i].in);
}

/* Every literal of lits read by the server: where plumb gives a text, it is
 * the server's. */
static void test_literals_server(const char *url)
{
	plumb_arena *a = plumb_arena_new(A);
	plumb_conn *conn;
	if (plumb__pg_connect(ctx, a, url, &conn) < 0 ||
	    plumb__pg_command(ctx, (plumb_pg_conn *)conn, "could not set lc_monetary",
			      "SET lc_monetary = 'C'; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'") < 0) {
		ok(0, "literals: connect");
		plumb_error_clear(ctx);
		plumb_arena_free(a);
		return;
	}
	for (size_t i = 0; i < sizeof(lits) / sizeof(lits[0]); i++) {
		const struct lit *l = &lits[i];
		plumb_buf b;
		PGresult *res;
		plumb_buf_init(&b, a, 0);
		plumb_buf_puts(&b, "SELECT (");
		plumb_buf_quote_literal(&b, l->in);
		plumb_buf_printf(&b, "::%s)::text", l->type);
		const char *server = NULL;
		if (plumb__pg_query(ctx, a, (plumb_pg_conn *)conn, NULL, plumb_buf_str(&b), 0, NULL,
				    &res) == 0)
			server = PQgetvalue(res, 0, 0);
		else
			plumb_error_clear(ctx);
		const char *mine = lit_out(l);
		ok(!mine || (server && strcmp(mine, server) == 0), "server agrees: %s '%s'", l->type,
		   l->in);
		if (mine && (!server || strcmp(mine, server) != 0))
			printf("#   server: %s\n#   plumb:  %s\n", server ? server : "(error)", mine);
	}
	plumb_arena_free(a);
}

/* Whether the server at url offers extension ext (pg_available_extensions). */
static bool offers(const char *url, const char *ext)
{
	plumb_arena *a = plumb_arena_new(A);
	plumb_conn *conn;
	PGresult *res;
	const char *params[1] = {ext};
	bool yes = plumb__pg_connect(ctx, a, url, &conn) == 0 &&
		   plumb__pg_query(ctx, a, (plumb_pg_conn *)conn, NULL,
				   "SELECT 1 FROM pg_available_extensions WHERE name = $1", 1,
				   params, &res) == 0 &&
		   PQntuples(res) == 1;
	plumb_error_clear(ctx);
	plumb_arena_free(a);
	return yes;
}

/* Applies sql to a scratch database and compares with the offline catalog. */
/* Aggregates: agree cases (test_agree), and each read offline as the
 * function its test_aggregates names. */
static const char *const aggregates[][2] = {
	{"aggregate: sum-like, with initcond",
	 "CREATE FUNCTION add_int(s integer, v integer) RETURNS integer LANGUAGE sql "
	 "IMMUTABLE AS 'SELECT s + v';\n"
	 "CREATE AGGREGATE my_sum(integer) (SFUNC = add_int, STYPE = integer, INITCOND = '0');\n"
	 "CREATE AGGREGATE old_sum (BASETYPE = int4, SFUNC = int4pl, STYPE = int4);\n"
	 "CREATE AGGREGATE cnt(*) (SFUNC = int8inc, STYPE = int8, INITCOND = 0);\n"
	 "CREATE TABLE t (g text, v integer);\n"
	 "CREATE VIEW sums AS SELECT g, my_sum(v) AS s, cnt(*) AS c FROM t GROUP BY g;\n"},
	{"aggregate: with finalfunc and options",
	 "CREATE FUNCTION add_int(s integer, v integer) RETURNS integer LANGUAGE sql "
	 "IMMUTABLE AS 'SELECT s + v';\n"
	 "CREATE FUNCTION half(s integer) RETURNS numeric LANGUAGE sql IMMUTABLE "
	 "AS 'SELECT s / 2.0';\n"
	 "CREATE AGGREGATE my_half(v int4) (sfunc = add_int, stype = int4, finalfunc = half,\n"
	 "  initcond = 0, combinefunc = public.add_int, parallel = safe, sspace = 16,\n"
	 "  finalfunc_modify = shareable);\n"
	 "CREATE AGGREGATE mv(integer) (SFUNC = int4pl, STYPE = integer, MSFUNC = int4pl,\n"
	 "  MINVFUNC = int4mi, MSTYPE = integer, FINALFUNC = int4abs, MFINALFUNC = int4abs,\n"
	 "  MINITCOND = '0', SORTOP = >, PARALLEL = restricted);\n"},
	{"aggregate: over a custom type, in a schema",
	 "CREATE SCHEMA stats;\n"
	 "CREATE TYPE stats.running AS (n integer, total bigint);\n"
	 "CREATE FUNCTION stats.acc(r stats.running, v integer) RETURNS stats.running "
	 "LANGUAGE sql IMMUTABLE AS 'SELECT ROW((r).n + 1, (r).total + v)::stats.running';\n"
	 "CREATE FUNCTION stats.finish(r stats.running) RETURNS numeric LANGUAGE sql "
	 "IMMUTABLE AS 'SELECT (r).total::numeric / nullif((r).n, 0)';\n"
	 "CREATE AGGREGATE stats.mean(integer) (SFUNC = stats.acc, STYPE = stats.running,\n"
	 "  FINALFUNC = stats.finish, INITCOND = '(0,0)');\n"
	 "CREATE FUNCTION stats.step(s integer, r stats.running, v integer[]) RETURNS integer "
	 "LANGUAGE sql IMMUTABLE AS 'SELECT s + 1';\n"
	 "CREATE AGGREGATE \"Pairs\"(stats.running, VARIADIC integer[]) (SFUNC = stats.step,\n"
	 "  STYPE = integer);\n"},
	{"aggregate: ordered-set and hypothetical",
	 "CREATE AGGREGATE pct(f float8 ORDER BY float8) (SFUNC = array_append,\n"
	 "  STYPE = float8[], INITCOND = '{}');\n"
	 "CREATE AGGREGATE all_sorted(ORDER BY integer) (SFUNC = array_append,\n"
	 "  STYPE = integer[]);\n"
	 "CREATE AGGREGATE hyp(VARIADIC \"any\" ORDER BY VARIADIC \"any\") (\n"
	 "  SFUNC = ordered_set_transition_multi, STYPE = internal, FINALFUNC = rank_final,\n"
	 "  FINALFUNC_EXTRA, HYPOTHETICAL);\n"},
};

/* Each aggregate case read offline: the aggregate is there, a function of
 * kind aggregate, with the canonical text (an agree case that dropped the
 * aggregates on both sides would pass without them). */
static void test_aggregates(void)
{
	static const char *const want[][3] = {
		{"public", "my_sum(integer)",
		 "CREATE AGGREGATE \"public\".\"my_sum\"(integer) (SFUNC = \"add_int\", "
		 "STYPE = integer, INITCOND = '0')"},
		{"public", "my_half(integer)",
		 "CREATE AGGREGATE \"public\".\"my_half\"(\"v\" integer) (SFUNC = \"add_int\", "
		 "STYPE = integer, SSPACE = 16, INITCOND = '0', FINALFUNC = \"half\", "
		 "FINALFUNC_MODIFY = SHAREABLE, COMBINEFUNC = \"add_int\", PARALLEL = safe)"},
		{"stats", "mean(integer)",
		 "CREATE AGGREGATE \"stats\".\"mean\"(integer) (SFUNC = \"stats\".\"acc\", "
		 "STYPE = stats.running, INITCOND = '(0,0)', FINALFUNC = \"stats\".\"finish\")"},
		{"public", "pct(double precision ORDER BY double precision)",
		 "CREATE AGGREGATE \"public\".\"pct\"(\"f\" double precision ORDER BY double "
		 "precision) (SFUNC = \"array_append\", STYPE = double precision[], "
		 "INITCOND = '{}')"},
		{"public", "hyp(VARIADIC \"any\" ORDER BY VARIADIC \"any\")",
		 "CREATE AGGREGATE \"public\".\"hyp\"(VARIADIC \"any\" ORDER BY VARIADIC \"any\") "
		 "(SFUNC = \"ordered_set_transition_multi\", STYPE = internal, "
		 "FINALFUNC = \"rank_final\", FINALFUNC_EXTRA, HYPOTHETICAL)"},
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		const plumb_object *o = NULL;
		for (size_t c = 0; c < sizeof(aggregates) / sizeof(aggregates[0]) && !o; c++) {
			int rc;
			plumb_catalog *cat = load(aggregates[c][1], &rc);
			o = cat ? plumb_catalog_find(cat, PLUMB_OBJ_FUNCTION, want[i][0], want[i][1])
				: NULL;
		}
		ok(o && o->func_kind == PLUMB_FUNC_AGGREGATE, "aggregate %s read offline",
		   want[i][1]);
		is_str(o ? o->definition : NULL, want[i][2], "aggregate %s: canonical text",
		       want[i][1]);
	}
}

/* The server runs sql, the offline builder reads written (the same
 * statements in another order): the catalogs must agree. */
static void agree_as(const char *url, const char *name, const char *sql, const char *written)
{
	plumb_arena *a = plumb_arena_new(A);
	plumb_conn *conn;
	plumb_catalog *live = NULL, *off = NULL;
	plumb_diff *d = NULL;
	int rc = plumb__pg_connect_scratch(ctx, a, url, &conn);
	if (rc == 0)
		rc = plumb__pg_exec_script(ctx, conn, sql, name);
	if (rc == 0)
		rc = plumb__pg_introspect(ctx, conn, a, &live);
	if (rc == 0) {
		plumb_sql_file f = {name, written, strlen(written)};
		plumb_vec files = {0};
		plumb_vec_push(a, &files, &f);
		rc = plumb__pg_load_schema(ctx, a, &files, &off);
	}
	if (rc == 0)
		rc = plumb_diff_catalogs(ctx, a, live, off, &d);
	if (rc < 0) {
		ok(0, "agree: %s", name);
		printf("#   %s\n", plumb_ctx_error(ctx)->message);
		plumb_error_clear(ctx);
	} else {
		ok(plumb_diff_is_empty(d), "agree: %s", name);
		if (!plumb_diff_is_empty(d)) {
			plumb_buf b;
			plumb_buf_init(&b, a, 0);
			plumb_diff_describe(d, &b);
			printf("#   %s", plumb_buf_str(&b));
		}
		ok(fields_agree(live, off), "agree: %s: fields", name);
	}
	plumb_arena_free(a);
}

static void agree(const char *url, const char *name, const char *sql)
{
	agree_as(url, name, sql, sql);
}

/* Schema files in any order (offline_order.c): {name, as the server runs
 * it, as written}. */
static const char *const shuffled[][3] = {
	{"any order: a foreign key to a later table",
	 "CREATE TABLE o (id int PRIMARY KEY);\nCREATE TABLE u (id int, o int REFERENCES o);\n",
	 "CREATE TABLE u (id int, o int REFERENCES o);\nCREATE TABLE o (id int PRIMARY KEY);\n"},
	{"any order: a view over a later view",
	 "CREATE TABLE t (a int, b text);\nCREATE VIEW v1 AS SELECT * FROM t;\n"
	 "CREATE VIEW v2 AS SELECT a, b FROM v1 WHERE a > 0;\n",
	 "CREATE VIEW v2 AS SELECT a, b FROM v1 WHERE a > 0;\nCREATE VIEW v1 AS SELECT * FROM t;\n"
	 "CREATE TABLE t (a int, b text);\n"},
	{"any order: an enum after the table",
	 "CREATE TYPE mood AS ENUM ('sad', 'ok');\nCREATE TABLE p (m mood DEFAULT 'ok');\n",
	 "CREATE TABLE p (m mood DEFAULT 'ok');\nCREATE TYPE mood AS ENUM ('sad', 'ok');\n"},
	{"any order: a function after the default calling it",
	 "CREATE FUNCTION two() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 2';\n"
	 "CREATE TABLE f (n int DEFAULT two() CHECK (n < two() * 10));\n",
	 "CREATE TABLE f (n int DEFAULT two() CHECK (n < two() * 10));\n"
	 "CREATE FUNCTION two() RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT 2';\n"},
	{"any order: statistics before their table, renamed before created",
	 "CREATE TABLE st (a int, b int);\nCREATE STATISTICS sx ON a, b FROM st;\n"
	 "ALTER STATISTICS sx RENAME TO sy;\nALTER STATISTICS sy SET STATISTICS 9;\n",
	 "ALTER STATISTICS sy SET STATISTICS 9;\nALTER STATISTICS sx RENAME TO sy;\n"
	 "CREATE STATISTICS sx ON a, b FROM st;\nCREATE TABLE st (a int, b int);\n"},
	{"any order: a publication before its tables, altered before created",
	 "CREATE TABLE pa (a int PRIMARY KEY);\nCREATE TABLE pb (b int PRIMARY KEY);\n"
	 "CREATE PUBLICATION pp FOR TABLE pa;\nALTER PUBLICATION pp ADD TABLE pb;\n",
	 "ALTER PUBLICATION pp ADD TABLE pb;\nCREATE PUBLICATION pp FOR TABLE pa;\n"
	 "CREATE TABLE pb (b int PRIMARY KEY);\nCREATE TABLE pa (a int PRIMARY KEY);\n"},
	{"any order: an index before its operator class, the class before its function",
	 "CREATE FUNCTION oc(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE\n"
	 "  AS 'SELECT 0';\n"
	 "CREATE OPERATOR FAMILY of USING btree;\n"
	 "CREATE OPERATOR CLASS occ FOR TYPE integer USING btree FAMILY of AS\n"
	 "  OPERATOR 1 <, FUNCTION 1 oc(integer, integer);\n"
	 "ALTER OPERATOR FAMILY of USING btree ADD OPERATOR 3 = (integer, integer);\n"
	 "CREATE TABLE oct (a integer);\nCREATE INDEX oci ON oct (a occ);\n",
	 "CREATE INDEX oci ON oct (a occ);\nCREATE TABLE oct (a integer);\n"
	 "ALTER OPERATOR FAMILY of USING btree ADD OPERATOR 3 = (integer, integer);\n"
	 "CREATE OPERATOR CLASS occ FOR TYPE integer USING btree FAMILY of AS\n"
	 "  OPERATOR 1 <, FUNCTION 1 oc(integer, integer);\n"
	 "CREATE OPERATOR FAMILY of USING btree;\n"
	 "CREATE FUNCTION oc(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE\n"
	 "  AS 'SELECT 0';\n"},
	{"any order: an event trigger before its function",
	 "CREATE FUNCTION ef() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;\n"
	 "CREATE EVENT TRIGGER ev ON ddl_command_end EXECUTE FUNCTION ef();\n"
	 "ALTER EVENT TRIGGER ev DISABLE;\n",
	 "ALTER EVENT TRIGGER ev DISABLE;\n"
	 "CREATE EVENT TRIGGER ev ON ddl_command_end EXECUTE FUNCTION ef();\n"
	 "CREATE FUNCTION ef() RETURNS event_trigger LANGUAGE plpgsql AS $$ BEGIN NULL; END $$;\n"},
	{"any order: a foreign table before its server, a server before its wrapper",
	 "CREATE FOREIGN DATA WRAPPER fw;\nCREATE SERVER fs FOREIGN DATA WRAPPER fw;\n"
	 "CREATE FOREIGN TABLE ff (a int) SERVER fs;\nALTER SERVER fs OPTIONS (ADD h 'x');\n",
	 "ALTER SERVER fs OPTIONS (ADD h 'x');\nCREATE FOREIGN TABLE ff (a int) SERVER fs;\n"
	 "CREATE SERVER fs FOREIGN DATA WRAPPER fw;\nCREATE FOREIGN DATA WRAPPER fw;\n"},
	{"any order: a language renamed before it is created",
	 "CREATE TRUSTED LANGUAGE plx HANDLER plpgsql_call_handler;\n"
	 "ALTER LANGUAGE plx RENAME TO ply;\nREVOKE USAGE ON LANGUAGE ply FROM PUBLIC;\n",
	 "REVOKE USAGE ON LANGUAGE ply FROM PUBLIC;\nALTER LANGUAGE plx RENAME TO ply;\n"
	 "CREATE TRUSTED LANGUAGE plx HANDLER plpgsql_call_handler;\n"},
	{"any order: a comment before its object",
	 "CREATE TABLE c (id int);\nCOMMENT ON TABLE c IS 'cs';\nCOMMENT ON COLUMN c.id IS 'key';\n",
	 "COMMENT ON COLUMN c.id IS 'key';\nCOMMENT ON TABLE c IS 'cs';\nCREATE TABLE c (id int);\n"},
};

static void test_agree(void)
{
	const char *url = getenv("PLUMB_PG_URL");
	if (!url) {
		ok(1, "# SKIP no PLUMB_PG_URL");
		return;
	}
	static const char *const cases[][2] = {
		{"tables",
		 "CREATE TABLE orgs (id bigserial PRIMARY KEY, name varchar(50) NOT NULL UNIQUE);\n"
		 "CREATE TABLE users (\n"
		 "  id serial PRIMARY KEY,\n"
		 "  org_id bigint REFERENCES orgs ON DELETE CASCADE,\n"
		 "  email varchar(100) NOT NULL,\n"
		 "  status varchar(10) DEFAULT 'active' CHECK (status IN ('active', 'gone')),\n"
		 "  age int4 CHECK (age BETWEEN 0 AND 200),\n"
		 "  price numeric(10,2) DEFAULT 0,\n"
		 "  score float8 DEFAULT -1,\n"
		 "  created timestamptz DEFAULT now(),\n"
		 "  seen timestamp DEFAULT CURRENT_TIMESTAMP,\n"
		 "  tags text[] DEFAULT '{}',\n"
		 "  n bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 10),\n"
		 "  UNIQUE (org_id, email)\n"
		 ");\n"
		 "CREATE INDEX ON users (lower(email));\n"
		 "CREATE UNIQUE INDEX users_x ON users (email DESC, age) WHERE age > 18;\n"},
		{"types and views",
		 "CREATE SCHEMA audit;\n"
		 "CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
		 "ALTER TYPE mood ADD VALUE 'happy' AFTER 'ok';\n"
		 "CREATE DOMAIN posint AS integer CHECK (VALUE > 0);\n"
		 "CREATE TABLE audit.log (id int PRIMARY KEY, m mood, p posint, msg text);\n"
		 "CREATE VIEW recent AS SELECT id, msg FROM audit.log WHERE id > 10;\n"
		 "COMMENT ON TABLE audit.log IS 'the log';\n"
		 "COMMENT ON COLUMN audit.log.msg IS 'text';\n"},
		{"functions and triggers",
		 "CREATE TABLE t (id int PRIMARY KEY, updated timestamptz);\n"
		 "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$\n"
		 "BEGIN NEW.updated := now(); RETURN NEW; END $$;\n"
		 "CREATE TRIGGER t_touch BEFORE UPDATE ON t FOR EACH ROW EXECUTE PROCEDURE touch();\n"
		 "CREATE FUNCTION add(a integer, b int4) RETURNS int AS 'select a + b' LANGUAGE sql "
		 "IMMUTABLE;\n"
		 "ALTER TABLE t ENABLE ROW LEVEL SECURITY;\n"
		 "CREATE POLICY p ON t USING (id > 0);\n"},
		{"grants",
		 "CREATE TABLE t (id serial PRIMARY KEY, email text);\n"
		 "CREATE SEQUENCE s;\n"
		 "CREATE VIEW v AS SELECT id FROM t;\n"
		 "GRANT ALL ON t TO PUBLIC;\n"
		 "REVOKE DELETE, TRUNCATE ON t FROM PUBLIC;\n"
		 "GRANT SELECT ON v TO PUBLIC;\n"
		 "GRANT USAGE, SELECT ON SEQUENCE s, t_id_seq TO PUBLIC;\n"
		 "GRANT UPDATE (email) ON t TO PUBLIC;\n"},
		{"grants to the owner (the suite connects as postgres)",
		 "CREATE TABLE t (id int);\n"
		 "CREATE VIEW v AS SELECT id FROM t;\n"
		 "GRANT SELECT, INSERT ON t TO postgres;\n"
		 "GRANT SELECT ON v TO postgres, PUBLIC;\n"},
		{"repeated keys of one statement",
		 "CREATE TABLE k (a int PRIMARY KEY UNIQUE, b int UNIQUE, c int, d int UNIQUE,\n"
		 "  UNIQUE (b), CONSTRAINT named UNIQUE (c), UNIQUE (c), CONSTRAINT dn UNIQUE (d),\n"
		 "  UNIQUE (b, c), UNIQUE (b, c) DEFERRABLE);\n"},
		{"view names and qualifiers",
		 "CREATE TYPE e AS ENUM ('a', 'b');\n"
		 "CREATE TABLE t (id int PRIMARY KEY, a int, d date);\n"
		 "CREATE TABLE u (id int, b bigint, name text);\n"
		 /* a relation named again below is renamed t_1 (t_1_1 for an alias t_1) */
		 "CREATE VIEW v_sub AS SELECT id, a FROM t WHERE id IN (SELECT max(id) FROM t GROUP BY a)"
		 " AND EXISTS (SELECT 1 FROM t t_1 WHERE t_1.a IN (SELECT a FROM t));\n"
		 "CREATE VIEW v_corr AS SELECT id FROM t WHERE a > (SELECT count(*) FROM u WHERE u.id = t.id);\n"
		 "CREATE VIEW v_distinct AS SELECT DISTINCT ON (a, d) id, a, d FROM t ORDER BY a, d, id DESC;\n"
		 /* output names and numbers in GROUP BY and ORDER BY */
		 "CREATE VIEW v_order AS SELECT a + 1 AS x, a FROM t GROUP BY 1, a ORDER BY x, 2;\n"
		 "CREATE VIEW v_group AS SELECT extract(year FROM d) AS yr, count(*) FROM t GROUP BY yr;\n"
		 "CREATE VIEW v_group2 AS SELECT a AS id, count(*) FROM t GROUP BY id;\n"
		 /* FigureColname: casts, CASE, sublinks */
		 "CREATE VIEW v_names AS SELECT 'b'::e, a::numeric, CASE WHEN a > 0 THEN 1 ELSE id END,"
		 " CASE WHEN a > 0 THEN a END::numeric, 'x'::text, (SELECT max(id) FROM u) FROM t;\n"
		 /* set operations: names of the first SELECT, ORDER BY by number */
		 "CREATE VIEW v_setop AS SELECT id, a FROM t UNION SELECT id, b FROM u ORDER BY a DESC, 1;\n"
		 "CREATE VIEW v_setalias (p) AS SELECT id FROM t UNION SELECT id FROM u;\n"
		 "CREATE VIEW v_any AS SELECT id FROM t WHERE id = ANY (SELECT id FROM u);\n"},
		{"view stars and joins",
		 "CREATE SCHEMA s2;\n"
		 "CREATE TABLE s2.w (id int, z text);\n"
		 "CREATE TABLE t (id int PRIMARY KEY, a int);\n"
		 "CREATE TABLE u (id int, b bigint, name text);\n"
		 "CREATE VIEW s2.vw AS SELECT * FROM s2.w;\n"
		 "CREATE VIEW s2.vw2 AS SELECT * FROM s2.vw;\n"
		 "CREATE VIEW v_cte AS WITH c(q, r) AS (SELECT id, a FROM t) SELECT * FROM c;\n"
		 "CREATE MATERIALIZED VIEW v_cte2 AS WITH c AS (SELECT id, a AS aa FROM t), c2 AS (SELECT * FROM c)"
		 " SELECT * FROM c2;\n"
		 "CREATE VIEW v_sub AS SELECT * FROM (SELECT id, a FROM t UNION ALL SELECT id, b::int FROM u) q;\n"
		 "CREATE VIEW v_view AS SELECT * FROM v_sub WHERE a > 1;\n"
		 "CREATE VIEW v_values AS SELECT * FROM (VALUES (1, 'a'), (2, 'b')) v(x, y);\n"
		 "CREATE VIEW v_join AS SELECT * FROM t JOIN u USING (id);\n"
		 "CREATE VIEW v_full AS SELECT * FROM t FULL JOIN u USING (id);\n"
		 "CREATE VIEW v_natural AS SELECT * FROM t NATURAL JOIN u;\n"
		 "CREATE VIEW v_right AS SELECT a, name, b FROM t RIGHT JOIN u USING (id) WHERE id > 1 ORDER BY id;\n"
		 "CREATE VIEW v_qual AS SELECT t.*, u.name FROM t JOIN u ON t.id = u.id;\n"
		 "CREATE VIEW v_joinalias AS SELECT * FROM (t JOIN u USING (id)) jj;\n"
		 "CREATE VIEW v_alias (p, q) AS SELECT * FROM u;\n"},
		{"view casts and literals",
		 "CREATE TABLE t (id int, a int, b bigint, d date, n numeric(10,2), j jsonb);\n"
		 /* implicit casts of function arguments, VARIADIC, interval literals */
		 "CREATE VIEW v AS SELECT date_trunc('month', d) AS m, to_char(current_date, 'YYYY') AS y1,"
		 " to_timestamp(b) AS ts, round(a) AS r1, round(n, 1) AS r2, to_char(d, 'YYYY') AS y2, age(d),"
		 " d - interval '1 WEEK' AS wk, jsonb_extract_path_text(j, 'x', 'y') AS jx, sqrt(a) AS sq,"
		 " to_timestamp(jsonb_extract_path_text(j, 'c')::bigint) AS c, d AT TIME ZONE 'UTC' AS dz"
		 " FROM t;\n"
		 /* implicit casts of operands */
		 "CREATE VIEW vo AS SELECT n * a AS x1, a / 2.0 AS x2, a + b AS x3, n > a AS x4,"
		 " d - 1 AS x5, d + interval '1 day' AS x6, a * 1.5::float8 AS x7, a > '5' AS x8,"
		 " (a + 1) * n AS x9 FROM t WHERE a > 2.5 AND d > now() - interval '1 day';\n"
		 "CREATE VIEW vd AS SELECT id, d FROM t;\n"
		 "CREATE MATERIALIZED VIEW vm AS SELECT date_trunc('month', d) AS m, count(*) FROM vd"
		 " GROUP BY date_trunc('month', d);\n"
		 "CREATE TABLE iv (a interval DEFAULT interval '2 weeks',"
		 " b interval DEFAULT interval '90 minutes',"
		 " c interval DEFAULT interval '1 year 14 months 3 days 04:05:06',"
		 " d interval DEFAULT interval '1 day ago', e interval DEFAULT interval '-1 year 2 mons',"
		 " f interval DEFAULT interval '0 days', g interval DEFAULT interval '36 hours 30 sec');\n"
		 "CREATE FUNCTION f() RETURNS timestamptz LANGUAGE sql SET timezone TO 'UTC'"
		 " SET DateStyle TO 'ISO' AS 'select now()';\n"},
		{"SQL-standard function bodies",
		 "CREATE SCHEMA s;\n"
		 "CREATE TABLE t (a int, b int);\n"
		 "CREATE TABLE u (id int, name text);\n"
		 "CREATE TABLE s.\"Big\" (\"Id\" int, val numeric);\n"
		 "CREATE VIEW v AS SELECT a FROM t;\n"
		 "CREATE FUNCTION twice(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x * 2 $$;\n"
		 "CREATE FUNCTION calc() RETURNS bigint LANGUAGE sql STABLE\n"
		 "BEGIN ATOMIC\n  SELECT sum(twice(a)) FROM v;\nEND;\n"
		 "CREATE FUNCTION inc(int) RETURNS int LANGUAGE sql RETURN $1 + 1;\n"
		 "CREATE FUNCTION inc2(x int) RETURNS int LANGUAGE sql RETURN $1 + 1;\n"
		 "CREATE FUNCTION empty() RETURNS void LANGUAGE sql BEGIN ATOMIC END;\n"
		 "CREATE FUNCTION p1(x int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT $1 FROM t; END;\n"
		 "CREATE FUNCTION p2(x int) RETURNS text LANGUAGE sql RETURN (SELECT name FROM u WHERE id = x);\n"
		 "CREATE FUNCTION p3(x int) RETURNS int LANGUAGE sql STRICT\n"
		 "BEGIN ATOMIC SELECT 1; SELECT 'a'::text; SELECT x + 1 AS y; RETURN x; END;\n"
		 "CREATE FUNCTION p4(int, y int) RETURNS SETOF int LANGUAGE sql\n"
		 "BEGIN ATOMIC SELECT a FROM t WHERE b = y ORDER BY 1; END;\n"
		 "CREATE FUNCTION p5(x int) RETURNS SETOF t LANGUAGE sql\n"
		 "BEGIN ATOMIC INSERT INTO t VALUES (x) RETURNING *; END;\n"
		 "CREATE FUNCTION p6(x int) RETURNS void LANGUAGE sql BEGIN ATOMIC\n"
		 "  UPDATE t AS q SET b = x FROM u WHERE q.a = id;\n"
		 "  DELETE FROM t USING u WHERE a = id AND name = 'q';\n"
		 "  UPDATE t SET (a, b) = (1, b + x) WHERE a IS NULL;\nEND;\n"
		 "CREATE FUNCTION p7(x int) RETURNS int LANGUAGE sql\n"
		 "BEGIN ATOMIC INSERT INTO t SELECT id, id FROM u WHERE id > x; SELECT 1; END;\n"
		 "CREATE FUNCTION p8() RETURNS SETOF t LANGUAGE sql BEGIN ATOMIC SELECT * FROM t; END;\n"
		 "CREATE FUNCTION p9(x int) RETURNS SETOF int LANGUAGE sql\n"
		 "BEGIN ATOMIC WITH c AS (SELECT id FROM u WHERE id > x)\n"
		 "  SELECT count(*)::int FROM t JOIN c ON a = c.id WHERE b <> x; END;\n"
		 "CREATE FUNCTION s.q(x int) RETURNS numeric LANGUAGE sql STABLE\n"
		 "RETURN (SELECT sum(val) FROM s.\"Big\" WHERE \"Id\" = x) + (SELECT count(*) FROM t);\n"
		 "CREATE FUNCTION q2(x int) RETURNS bigint LANGUAGE sql RETURN s.q(x)::bigint;\n"
		 "CREATE PROCEDURE pr(x int) LANGUAGE sql\n"
		 "BEGIN ATOMIC INSERT INTO t VALUES (x, x); DELETE FROM t WHERE b < x; END;\n"
		 "CREATE FUNCTION tb(x int) RETURNS TABLE (k int, v text) LANGUAGE sql\n"
		 "BEGIN ATOMIC SELECT id, name FROM u WHERE id = x; END;\n"
		 "CREATE FUNCTION ex(x int) RETURNS boolean LANGUAGE sql\n"
		 "RETURN EXISTS (SELECT 1 FROM t WHERE a = x) AND x IN (SELECT id FROM u);\n"},
		{"inheritance",
		 "CREATE TABLE base (id serial PRIMARY KEY, at timestamptz DEFAULT now());\n"
		 "CREATE TABLE child (note text, at timestamptz NOT NULL) INHERITS (base);\n"
		 "CREATE TABLE grandchild () INHERITS (child);\n"
		 "ALTER TABLE base ADD COLUMN tag text;\n"
		 "ALTER TABLE child ADD COLUMN own int;\n"
		 "ALTER TABLE base DROP COLUMN at;\n"
		 "CREATE TABLE m (a int, b date) PARTITION BY RANGE (b);\n"
		 "CREATE TABLE m1 PARTITION OF m (a WITH OPTIONS NOT NULL)\n"
		 "  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
		 "ALTER TABLE m ADD COLUMN c text;\n"},
		{"collations",
		 "CREATE COLLATION posix2 FROM \"POSIX\";\n"
		 "CREATE COLLATION split (lc_collate = 'C', lc_ctype = 'POSIX');\n"
		 "CREATE SCHEMA s;\n"
		 "CREATE COLLATION s.copy FROM posix2;\n"
		 "CREATE COLLATION gone FROM \"C\";\n"
		 "DROP COLLATION gone;\n"
		 "CREATE TABLE t (a text COLLATE posix2, b text COLLATE s.copy, c text COLLATE split);\n"},
		{"keys the server merges",
		 "CREATE TABLE k (id int PRIMARY KEY UNIQUE, a int UNIQUE, b int, c int,\n"
		 "  UNIQUE (a), CONSTRAINT named UNIQUE (b), UNIQUE (b), UNIQUE (c),\n"
		 "  CONSTRAINT late_name UNIQUE (c));\n"
		 "CREATE TABLE k2 (x int, UNIQUE (x), PRIMARY KEY (x));\n"
		 "CREATE EXTENSION pg_trgm;\n"},
		{"owned sequences as pg_dump writes them",
		 "CREATE TABLE t (id integer NOT NULL, n bigint NOT NULL, k smallint NOT NULL);\n"
		 "CREATE SEQUENCE t_id_seq AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE\n"
		 "  NO MAXVALUE CACHE 1;\n"
		 "ALTER SEQUENCE t_id_seq OWNED BY t.id;\n"
		 "ALTER TABLE ONLY t ALTER COLUMN id SET DEFAULT nextval('t_id_seq'::regclass);\n"
		 "CREATE SEQUENCE my_seq;\n"
		 "ALTER SEQUENCE my_seq OWNED BY t.n;\n"
		 "ALTER TABLE ONLY t ALTER COLUMN n SET DEFAULT nextval('my_seq'::regclass);\n"
		 "CREATE SEQUENCE t_k_seq AS smallint START 5;\n"
		 "ALTER SEQUENCE t_k_seq OWNED BY t.k;\n"
		 "ALTER TABLE t ALTER COLUMN k SET DEFAULT nextval('t_k_seq');\n"},
		{"serial columns whose sequence name was taken",
		 "CREATE TABLE t_id_seq (x int);\n"
		 "CREATE SEQUENCE t_id_seq1;\n"
		 "CREATE TABLE t (id serial, n bigserial);\n"
		 "GRANT USAGE ON SEQUENCE t_id_seq2, t_n_seq TO PUBLIC;\n"},
		{"timestamptz partition bounds, as the server prints them in UTC",
		 "CREATE TABLE p (at timestamptz, k int) PARTITION BY RANGE (at);\n"
		 "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2022-04-01 01:00:00+01')\n"
		 "  TO ('2022-05-01');\n"
		 "CREATE TABLE p2 PARTITION OF p FOR VALUES FROM ('2022-05-01')\n"
		 "  TO ('2022-05-02T10:11:12.500+05:30');\n"
		 "CREATE TABLE p3 PARTITION OF p FOR VALUES FROM ('2022-05-02 04:41:12.5 UTC')\n"
		 "  TO (MAXVALUE);\n"
		 "CREATE TABLE q (at timestamp(3) with time zone, k int) PARTITION BY LIST (at);\n"
		 "CREATE TABLE q1 PARTITION OF q FOR VALUES IN ('2022-01-01 10:00:00.25-02',\n"
		 "  '-infinity');\n"},
		{"literals as the server stores them",
		 "CREATE TABLE lit (\n"
		 "  n0 decimal(30, 20) DEFAULT '0.0000000000123456789',\n"
		 "  n1 numeric DEFAULT '1.5E+2', n2 numeric DEFAULT 1.5E+2, n3 numeric DEFAULT .5,\n"
		 "  n4 numeric(5,2) DEFAULT '-1.005', n5 numeric DEFAULT 'NaN',\n"
		 "  m0 money DEFAULT money '1.999', m1 money DEFAULT '1.00'::money,\n"
		 "  m2 money DEFAULT '-1,000.5', m3 money DEFAULT 1.5,\n"
		 "  b0 bit(8) DEFAULT x'1F', b1 bit(4) DEFAULT B'1010', b2 varbit DEFAULT 'x1F',\n"
		 "  b3 bit(3) DEFAULT '101'::bit(3),\n"
		 "  i0 interval DEFAULT interval '1.5' year, i1 interval DEFAULT interval '90' minute,\n"
		 "  i2 interval hour DEFAULT '1.5', i3 interval DEFAULT '1 YEAR 2 mons',\n"
		 "  i4 interval(2) DEFAULT '1.999', i5 interval hour DEFAULT interval '1.5',\n"
		 "  k int DEFAULT '7', k2 int DEFAULT x'1F'::int,\n"
		 "  t text[] DEFAULT ARRAY[current_date::text]::text[],\n"
		 "  q integer, b bigint, p numeric(10,2), f float8,\n"
		 "  g numeric GENERATED ALWAYS AS (q * p * (1 - p / 100)) STORED,\n"
		 "  CHECK (q * p > 0 AND b + 1.5 < p AND q * f > 0 AND -q * p < 1 AND q + b > 2)\n"
		 ");\n"
		 "ALTER TABLE lit ALTER COLUMN m3 SET DEFAULT '2.005';\n"},
		{"rules",
		 "CREATE SCHEMA s2;\n"
		 "CREATE TABLE t (id int PRIMARY KEY, v text);\n"
		 "CREATE TABLE log (id int, v text, at timestamptz DEFAULT now());\n"
		 "CREATE TABLE s2.u (a int, b text);\n"
		 "CREATE RULE r1 AS ON DELETE TO t WHERE old.id < 0 DO INSTEAD NOTHING;\n"
		 "CREATE RULE r2 AS ON INSERT TO t WHERE NEW.id > 10 AND new.v IN ('a', 'b')\n"
		 "  DO ALSO INSERT INTO log VALUES (new.id, new.v);\n"
		 "CREATE RULE r3 AS ON UPDATE TO t DO (\n"
		 "  INSERT INTO log VALUES (old.id, old.v);\n"
		 "  INSERT INTO public.log (v, id) VALUES (upper(new.v)::varchar(3), new.id);\n"
		 "  DELETE FROM s2.u WHERE a = old.id;\n"
		 "  UPDATE s2.u SET b = new.v WHERE u.a = new.id\n"
		 ");\n"
		 "CREATE RULE \"R 4\" AS ON INSERT TO s2.u DO INSTEAD NOTIFY u_changed;\n"
		 "CREATE OR REPLACE RULE r1 AS ON DELETE TO t WHERE old.id < 1 DO INSTEAD NOTHING;\n"
		 "CREATE RULE r1 AS ON DELETE TO s2.u DO ALSO DELETE FROM t WHERE id = old.a;\n"
		 "CREATE RULE gone AS ON INSERT TO log DO INSTEAD NOTHING;\n"
		 "DROP RULE gone ON log;\n"
		 "CREATE VIEW vv AS SELECT id, v FROM t;\n"
		 "CREATE RULE vv_ins AS ON INSERT TO vv DO INSTEAD\n"
		 "  INSERT INTO t VALUES (new.id, new.v) RETURNING *;\n"
		 "COMMENT ON RULE r1 ON s2.u IS 'cascade';\n"
		 "COMMENT ON RULE vv_ins ON vv IS 'insert through the view';\n"},
		{"statistics",
		 "CREATE SCHEMA s3;\n"
		 "CREATE TABLE t (a int, b int, c text, d int);\n"
		 "CREATE TABLE gone (a int, b int);\n"
		 "CREATE STATISTICS s1 ON b, a FROM t;\n"
		 "CREATE STATISTICS s2 (ndistinct) ON a, b FROM t;\n"
		 "CREATE STATISTICS s3 (mcv, dependencies, ndistinct) ON c, (a + b) FROM t;\n"
		 "CREATE STATISTICS s4 ON (a * 2) FROM t;\n"
		 "CREATE STATISTICS s3.s5 (dependencies, mcv) ON lower(c), d FROM t;\n"
		 "CREATE STATISTICS IF NOT EXISTS s1 ON a, c FROM t;\n"
		 "ALTER STATISTICS s2 SET STATISTICS 500;\n"
		 "CREATE STATISTICS r1 ON a, b FROM t;\n"
		 "ALTER STATISTICS r1 RENAME TO r1b;\n"
		 "ALTER STATISTICS r1b SET SCHEMA s3;\n"
		 "ALTER STATISTICS s3.r1b SET STATISTICS 7;\n"
		 "ALTER STATISTICS s3.r1b SET STATISTICS -1;\n"
		 "CREATE STATISTICS r2 ON c, d FROM t;\n"
		 "ALTER TABLE t RENAME COLUMN b TO bb;\n"
		 "ALTER TABLE t RENAME TO tt;\n"
		 "ALTER TABLE tt DROP COLUMN d;\n"
		 "CREATE STATISTICS g1 ON a, b FROM gone;\n"
		 "DROP TABLE gone;\n"
		 "CREATE STATISTICS r3 ON a, c FROM tt;\n"
		 "DROP STATISTICS r3;\n"
		 "DROP STATISTICS IF EXISTS nope;\n"},
		{"publications",
		 "CREATE SCHEMA s2;\n"
		 "CREATE TABLE t1 (a int PRIMARY KEY, b text, c int);\n"
		 "CREATE TABLE t2 (x int PRIMARY KEY);\n"
		 "CREATE TABLE s2.t3 (y int PRIMARY KEY, z text);\n"
		 "CREATE TABLE gone (g int PRIMARY KEY);\n"
		 "CREATE PUBLICATION p_all FOR ALL TABLES WITH (publish = 'insert, update');\n"
		 "CREATE PUBLICATION p_tab FOR TABLE t1 (c, a) WHERE (a > 10), t2, gone;\n"
		 "CREATE PUBLICATION p_sch FOR TABLES IN SCHEMA s2\n"
		 "  WITH (publish_via_partition_root = true);\n"
		 "CREATE PUBLICATION p_empty;\n"
		 "CREATE PUBLICATION p_mix FOR TABLE t2, TABLES IN SCHEMA s2;\n"
		 "ALTER PUBLICATION p_empty ADD TABLE t1, TABLE t2;\n"
		 "ALTER PUBLICATION p_empty DROP TABLE t1;\n"
		 "ALTER PUBLICATION p_empty SET (publish = 'delete', publish_via_partition_root = 1);\n"
		 "ALTER PUBLICATION p_empty SET (publish = 'truncate');\n"
		 "CREATE PUBLICATION p_old FOR TABLE t1;\n"
		 "ALTER PUBLICATION p_old RENAME TO p_new;\n"
		 "ALTER PUBLICATION p_new SET TABLE t2, s2.t3 WHERE (y < 5);\n"
		 "CREATE PUBLICATION p_drop;\n"
		 "DROP PUBLICATION p_drop;\n"
		 "DROP TABLE gone;\n"
		 "ALTER TABLE t2 RENAME TO t2x;\n"},
		{"operator families and classes",
		 "CREATE SCHEMA s4;\n"
		 "CREATE FUNCTION my_cmp(integer, integer) RETURNS integer LANGUAGE sql IMMUTABLE\n"
		 "  AS 'SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END';\n"
		 "CREATE OPERATOR CLASS c1 FOR TYPE integer USING btree AS\n"
		 "  OPERATOR 1 <, OPERATOR 3 =, FUNCTION 1 my_cmp;\n"
		 "ALTER OPERATOR CLASS c1 USING btree RENAME TO c2;\n"
		 "ALTER OPERATOR FAMILY c1 USING btree RENAME TO f1;\n"
		 "ALTER OPERATOR FAMILY f1 USING btree ADD OPERATOR 2 <= (integer, integer),\n"
		 "  OPERATOR 5 > (integer, bigint);\n"
		 "ALTER OPERATOR FAMILY f1 USING btree DROP OPERATOR 5 (integer, bigint);\n"
		 "ALTER OPERATOR CLASS c2 USING btree SET SCHEMA s4;\n"
		 "CREATE OPERATOR CLASS hc FOR TYPE integer USING hash AS OPERATOR 1 =,\n"
		 "  FUNCTION 1 hashint4(integer), FUNCTION 2 hashint4extended(integer, bigint);\n"
		 "CREATE OPERATOR CLASS gc FOR TYPE integer[] USING gin AS\n"
		 "  OPERATOR 1 &&(anyarray, anyarray), FUNCTION 1 btint4cmp(integer, integer),\n"
		 "  FUNCTION 2 ginarrayextract(anyarray, internal, internal),\n"
		 "  FUNCTION 3 ginqueryarrayextract(anyarray, internal, smallint, internal, internal,\n"
		 "    internal, internal),\n"
		 "  FUNCTION 4 ginarrayconsistent(internal, smallint, anyarray, integer, internal,\n"
		 "    internal, internal, internal), STORAGE integer;\n"
		 "CREATE OPERATOR CLASS dc FOR TYPE integer USING btree AS OPERATOR 1 <,\n"
		 "  FUNCTION 1 btint4cmp(integer, integer);\n"
		 "DROP OPERATOR CLASS dc USING btree;\n"
		 "CREATE OPERATOR FAMILY df USING btree;\n"
		 "DROP OPERATOR FAMILY df USING btree;\n"
		 "CREATE SCHEMA s5;\n"
		 "CREATE OPERATOR FAMILY s5.sf USING btree;\n"
		 "DROP SCHEMA s5 CASCADE;\n"
		 "CREATE TABLE ot (a integer, b integer, c integer[]);\n"
		 "CREATE INDEX ot_a ON ot (a s4.c2);\n"
		 "CREATE INDEX ot_b ON ot USING hash (b hc);\n"
		 "CREATE INDEX ot_c ON ot USING gin (c gc);\n"},
		{"text search objects altered, renamed and moved",
		 "CREATE SCHEMA s6;\n"
		 "CREATE TEXT SEARCH DICTIONARY d1 (TEMPLATE = simple, STOPWORDS = english);\n"
		 "ALTER TEXT SEARCH DICTIONARY d1 (ACCEPT = false);\n"
		 "ALTER TEXT SEARCH DICTIONARY d1 (STOPWORDS);\n"
		 "CREATE TEXT SEARCH CONFIGURATION c1 (PARSER = default);\n"
		 "ALTER TEXT SEARCH CONFIGURATION c1 ADD MAPPING FOR asciiword WITH d1, simple;\n"
		 "ALTER TEXT SEARCH DICTIONARY d1 RENAME TO d2;\n"
		 "ALTER TEXT SEARCH DICTIONARY d2 SET SCHEMA s6;\n"
		 "ALTER TEXT SEARCH CONFIGURATION c1 RENAME TO c2;\n"
		 "ALTER TEXT SEARCH CONFIGURATION c2 SET SCHEMA s6;\n"},
		{"comments on operators, casts, text search objects, statistics, publications, "
		 "event triggers, operator classes and families",
		 "CREATE TYPE pr AS (a int, b int);\n"
		 "CREATE FUNCTION pr_lt(pr, pr) RETURNS boolean LANGUAGE sql AS 'SELECT $1.a < $2.a';\n"
		 "CREATE OPERATOR <<< (FUNCTION = pr_lt, LEFTARG = pr, RIGHTARG = pr);\n"
		 "CREATE FUNCTION pr_text(pr) RETURNS text LANGUAGE sql AS 'SELECT $1.a::text';\n"
		 "CREATE CAST (pr AS text) WITH FUNCTION pr_text(pr);\n"
		 "CREATE TEXT SEARCH DICTIONARY cd (TEMPLATE = simple);\n"
		 "CREATE TEXT SEARCH CONFIGURATION cc (PARSER = default);\n"
		 "CREATE TABLE ct (a int, b int);\n"
		 "CREATE STATISTICS cst ON a, b FROM ct;\n"
		 "CREATE PUBLICATION cpub;\n"
		 "CREATE FUNCTION cev() RETURNS event_trigger LANGUAGE plpgsql AS\n"
		 "  $$ BEGIN NULL; END $$;\n"
		 "CREATE EVENT TRIGGER cevt ON sql_drop EXECUTE FUNCTION cev();\n"
		 "CREATE OPERATOR CLASS ccls FOR TYPE integer USING btree AS OPERATOR 1 <,\n"
		 "  FUNCTION 1 btint4cmp(integer, integer);\n"
		 "COMMENT ON OPERATOR <<< (pr, pr) IS 'op';\n"
		 "COMMENT ON CAST (pr AS text) IS 'cast';\n"
		 "COMMENT ON TEXT SEARCH DICTIONARY cd IS 'dict';\n"
		 "COMMENT ON TEXT SEARCH CONFIGURATION cc IS 'conf';\n"
		 "COMMENT ON STATISTICS cst IS 'st';\n"
		 "COMMENT ON PUBLICATION cpub IS 'pub';\n"
		 "COMMENT ON EVENT TRIGGER cevt IS 'ev';\n"
		 "COMMENT ON OPERATOR CLASS ccls USING btree IS 'class';\n"
		 "COMMENT ON OPERATOR FAMILY ccls USING btree IS 'family';\n"
		 "CREATE PUBLICATION gone;\n"
		 "COMMENT ON PUBLICATION gone IS 'goes with it';\n"
		 "DROP PUBLICATION gone;\n"
		 "DROP EVENT TRIGGER cevt;\n"},
		{"event triggers",
		 "CREATE SCHEMA ops;\n"
		 "CREATE FUNCTION ops.log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS\n"
		 "  $$ BEGIN NULL; END $$;\n"
		 "CREATE FUNCTION gone() RETURNS event_trigger LANGUAGE plpgsql AS\n"
		 "  $$ BEGIN NULL; END $$;\n"
		 "CREATE EVENT TRIGGER e1 ON ddl_command_start WHEN TAG IN ('create table', 'DROP TABLE')\n"
		 "  EXECUTE FUNCTION ops.log_ddl();\n"
		 "CREATE EVENT TRIGGER e2 ON sql_drop EXECUTE PROCEDURE ops.log_ddl();\n"
		 "CREATE EVENT TRIGGER e3 ON table_rewrite EXECUTE FUNCTION ops.log_ddl();\n"
		 "CREATE EVENT TRIGGER e4 ON ddl_command_end EXECUTE FUNCTION ops.log_ddl();\n"
		 "ALTER EVENT TRIGGER e2 DISABLE;\n"
		 "ALTER EVENT TRIGGER e3 ENABLE REPLICA;\n"
		 "ALTER EVENT TRIGGER e4 ENABLE ALWAYS;\n"
		 "ALTER EVENT TRIGGER e4 ENABLE;\n"
		 "ALTER EVENT TRIGGER e4 RENAME TO \"E 5\";\n"
		 "CREATE EVENT TRIGGER e6 ON sql_drop EXECUTE FUNCTION gone();\n"
		 "DROP FUNCTION gone() CASCADE;\n"
		 "CREATE EVENT TRIGGER e7 ON sql_drop EXECUTE FUNCTION ops.log_ddl();\n"
		 "DROP EVENT TRIGGER e7;\n"
		 "DROP EVENT TRIGGER IF EXISTS nope;\n"
		},
		{"date and time defaults as stored",
		 "CREATE TABLE dt (\n"
		 "  a timestamp DEFAULT '1970-01-01 00:00:01+00:00',\n"
		 "  b timestamptz DEFAULT '1970-01-01 02:00:01+02:00',\n"
		 "  c date DEFAULT '2020-01-05',\n"
		 "  d time DEFAULT '10:00',\n"
		 "  e timestamp(3) DEFAULT '2020-01-01T10:00:00.500',\n"
		 "  f timestamptz DEFAULT '-infinity'\n"
		 ");\n"},
		{"keys with INCLUDE columns",
		 "CREATE TABLE ki (a int, b text, c int, d int,\n"
		 "  CONSTRAINT ki_pk PRIMARY KEY (a) INCLUDE (b), UNIQUE (c) INCLUDE (d, b));\n"
		 "ALTER TABLE ki ADD CONSTRAINT ki_u UNIQUE (d) INCLUDE (c);\n"},
		{"NOT VALID checks and foreign keys; CREATE TABLE validates its own",
		 "CREATE TABLE nu (id int PRIMARY KEY);\n"
		 "CREATE TABLE nv (x int, y int, z int,\n"
		 "  CONSTRAINT born CHECK (z > 0) NOT VALID,\n"
		 "  CONSTRAINT born_fk FOREIGN KEY (z) REFERENCES nu NOT VALID);\n"
		 "ALTER TABLE nv ADD CONSTRAINT f FOREIGN KEY (x) REFERENCES nu NOT VALID;\n"
		 "ALTER TABLE nv ADD CONSTRAINT ck CHECK (y > 0) NOT VALID;\n"
		 "ALTER TABLE nv ADD CONSTRAINT later CHECK (y < 9) NOT VALID;\n"
		 "ALTER TABLE nv VALIDATE CONSTRAINT later;\n"
		 "ALTER TABLE nv ADD COLUMN w int REFERENCES nu;\n"},
		{"column storage, compression and options",
		 "CREATE TABLE cs (a int, b text COMPRESSION pglz, c numeric, d text, e varchar(5),\n"
		 "  f int[], g numeric(10,2), h text);\n"
		 "ALTER TABLE cs ALTER COLUMN a SET (n_distinct_inherited = 7, n_distinct = -1),\n"
		 "  ALTER COLUMN a SET STORAGE PLAIN;\n"
		 "ALTER TABLE cs ALTER COLUMN b SET STORAGE EXTERNAL, ALTER COLUMN b SET (n_distinct = 2.50);\n"
		 "ALTER TABLE cs ALTER COLUMN c SET STORAGE EXTENDED, ALTER COLUMN d SET STORAGE MAIN;\n"
		 "ALTER TABLE cs ALTER COLUMN e SET STORAGE external, ALTER COLUMN e SET COMPRESSION pglz;\n"
		 "ALTER TABLE cs ALTER COLUMN e TYPE text;\n"
		 "ALTER TABLE cs ALTER COLUMN f SET STORAGE MAIN, ALTER COLUMN g SET STORAGE MAIN;\n"
		 "ALTER TABLE cs ALTER COLUMN a RESET (n_distinct_inherited);\n"
		 "ALTER TABLE cs ALTER COLUMN h SET (n_distinct = 1), ALTER COLUMN h RESET (n_distinct),\n"
		 "  ALTER COLUMN h SET COMPRESSION pglz, ALTER COLUMN h SET COMPRESSION default;\n"},
		{"storage and compression of partitions and children",
		 "CREATE TABLE p (a text, b text) PARTITION BY LIST (a);\n"
		 "ALTER TABLE p ALTER COLUMN b SET STORAGE EXTERNAL, ALTER COLUMN b SET COMPRESSION pglz,\n"
		 "  ALTER COLUMN b SET (n_distinct = 3);\n"
		 "CREATE TABLE p1 PARTITION OF p FOR VALUES IN ('x');\n"
		 "CREATE TABLE base (a text, b text);\n"
		 "ALTER TABLE base ALTER COLUMN b SET STORAGE MAIN;\n"
		 "CREATE TABLE kid (c int) INHERITS (base);\n"
		 "CREATE TABLE q (a text, b text) PARTITION BY LIST (a);\n"
		 "CREATE TABLE q1 PARTITION OF q FOR VALUES IN ('x');\n"
		 "ALTER TABLE q ALTER COLUMN b SET STORAGE EXTERNAL, ALTER COLUMN b SET COMPRESSION pglz;\n"
		 "ALTER TABLE ONLY base ALTER COLUMN a SET STORAGE EXTERNAL;\n"},
		{"jsonb constants as jsonb_out prints them (drizzle-kit's and Rails' defaults)",
		 "CREATE TABLE js (a jsonb NOT NULL DEFAULT '{\"theme\":\"light\",\"digest\":[\"weekly\"]}'::jsonb,\n"
		 "  b jsonb DEFAULT '{\"b\":1, \"a\" : [1.0,2e1]}', c jsonb[] DEFAULT ARRAY['{\"x\":1}'::jsonb],\n"
		 "  d json DEFAULT '{\"kept\":  \"as written\"}',\n"
		 "  CHECK (a <> '{\"z\":null,\"y\":true}'::jsonb));\n"
		 "ALTER TABLE js ALTER COLUMN b SET DEFAULT '{\"theme\":\"dark\"}';\n"},
		{"partitions attached and detached: their columns the parent's, then their own",
		 "CREATE TABLE ev (id int, at date NOT NULL, note text DEFAULT 'x') PARTITION BY RANGE (at);\n"
		 "CREATE TABLE ev1 (LIKE ev INCLUDING DEFAULTS INCLUDING CONSTRAINTS);\n"
		 "ALTER TABLE ev ATTACH PARTITION ev1 FOR VALUES FROM ('2024-01-01') TO ('2024-02-01');\n"
		 "CREATE TABLE ev2 PARTITION OF ev FOR VALUES FROM ('2024-02-01') TO ('2024-03-01');\n"
		 "ALTER TABLE ev DETACH PARTITION ev2;\n"
		 "CREATE TABLE ev3 PARTITION OF ev FOR VALUES FROM ('2024-03-01') TO ('2024-04-01');\n"
		 "ALTER TABLE ev DETACH PARTITION ev3;\n"
		 "ALTER TABLE ev ATTACH PARTITION ev3 DEFAULT;\n"},
		{"CREATE TABLE (LIKE ...): the columns, defaults, storage and checks it copies",
		 "CREATE TABLE src (id serial PRIMARY KEY, n int NOT NULL DEFAULT 3 CHECK (n > 0),\n"
		 "  s text COLLATE \"C\" DEFAULT 'a', g int GENERATED ALWAYS AS (n * 2) STORED,\n"
		 "  CONSTRAINT two CHECK (n < 100));\n"
		 "ALTER TABLE src ALTER COLUMN s SET STORAGE MAIN, ALTER COLUMN s SET COMPRESSION pglz;\n"
		 "CREATE TABLE bare (LIKE src, extra bool);\n"
		 "CREATE TABLE full_copy (before int, LIKE src INCLUDING DEFAULTS INCLUDING CONSTRAINTS\n"
		 "  INCLUDING GENERATED INCLUDING STORAGE INCLUDING COMPRESSION INCLUDING STATISTICS);\n"},
		{"foreign-data wrappers, servers and foreign tables",
		 "CREATE EXTENSION postgres_fdw;\n"
		 "CREATE EXTENSION file_fdw;\n"
		 "CREATE FOREIGN DATA WRAPPER w1 HANDLER postgres_fdw_handler OPTIONS (b '2', a '1');\n"
		 "ALTER FOREIGN DATA WRAPPER w1 VALIDATOR postgres_fdw_validator NO HANDLER;\n"
		 "CREATE FOREIGN DATA WRAPPER w0;\n"
		 "ALTER FOREIGN DATA WRAPPER w0 OPTIONS (ADD x 'y');\n"
		 "ALTER FOREIGN DATA WRAPPER w0 RENAME TO w2;\n"
		 "CREATE SERVER s1 TYPE 't' VERSION '1' FOREIGN DATA WRAPPER postgres_fdw\n"
		 "  OPTIONS (port '5432', host 'h.invalid', dbname 'd');\n"
		 "ALTER SERVER s1 VERSION '2' OPTIONS (SET host 'h2.invalid', DROP port, ADD "
		 "fetch_size '9');\n"
		 "CREATE SERVER s2 FOREIGN DATA WRAPPER w2;\n"
		 "ALTER SERVER s2 RENAME TO s3;\n"
		 "CREATE SERVER IF NOT EXISTS s3 FOREIGN DATA WRAPPER w2;\n"
		 "CREATE SERVER f FOREIGN DATA WRAPPER file_fdw;\n"
		 "CREATE SERVER gone FOREIGN DATA WRAPPER w2;\n"
		 "DROP SERVER gone;\n"
		 "CREATE TABLE parent (p int);\n"
		 "CREATE FOREIGN TABLE ft (id int OPTIONS (column_name 'ID') NOT NULL DEFAULT 1,\n"
		 "  n text COLLATE \"C\" CHECK (n <> ''), old int) INHERITS (parent)\n"
		 "  SERVER s1 OPTIONS (table_name 't', schema_name 's');\n"
		 "ALTER FOREIGN TABLE ft OPTIONS (DROP schema_name, SET table_name 't2');\n"
		 "ALTER FOREIGN TABLE ft ALTER COLUMN id OPTIONS (SET column_name 'Id');\n"
		 "ALTER FOREIGN TABLE ft ADD COLUMN extra int OPTIONS (column_name 'X'), DROP COLUMN old;\n"

		 "CREATE TABLE byyear (y int, v text) PARTITION BY LIST (y);\n"
		 "CREATE FOREIGN TABLE y1 PARTITION OF byyear FOR VALUES IN (1) SERVER s3;\n"
		 "CREATE FOREIGN TABLE lg (line text) SERVER f OPTIONS (filename '/dev/null');\n"
		 "ALTER FOREIGN TABLE lg RENAME COLUMN line TO l;\n"
		 "ALTER FOREIGN TABLE lg RENAME TO lg2;\n"
		 "COMMENT ON FOREIGN TABLE lg2 IS 'log';\n"
		 "COMMENT ON COLUMN ft.n IS 'name';\n"
		 "GRANT SELECT ON ft TO PUBLIC;\n"
		 "GRANT SELECT (l) ON lg2 TO PUBLIC;\n"
		 "CREATE FOREIGN TABLE dropped (a int) SERVER s3;\n"
		 "DROP FOREIGN TABLE dropped;\n"},
		{"an extension's comment, unless it is the one it came with",
		 "CREATE EXTENSION citext;\n"
		 "COMMENT ON EXTENSION citext IS 'case-free';\n"
		 "CREATE EXTENSION pg_trgm;\n"},
		{"bytea defaults as byteaout prints them",
		 "CREATE TABLE blobs (a bytea NOT NULL DEFAULT '', b bytea DEFAULT '\\x0A ff',\n"
		 "  c bytea DEFAULT 'ab\\\\c\\101', d bytea DEFAULT 'xyz'::bytea);\n"
		 "ALTER TABLE blobs ADD e bytea NOT NULL DEFAULT '';\n"},
		{"string defaults: a constant cast to another string type keeps its cast",
		 "CREATE TABLE strs (a varchar DEFAULT 'x'::text, b text DEFAULT 'y'::varchar,\n"
		 "  c varchar(15) DEFAULT NULL, d varchar(20) DEFAULT '', e char(1) DEFAULT 'n');\n"
		 "ALTER TABLE strs ALTER COLUMN c TYPE text, ALTER COLUMN d TYPE text;\n"},
		{"a materialized view dropped with its index and made again (concourse)",
		 "CREATE TABLE b (id int);\n"
		 "CREATE MATERIALIZED VIEW mv AS SELECT id FROM b;\n"
		 "CREATE UNIQUE INDEX mv_id ON mv (id);\n"
		 "DROP MATERIALIZED VIEW mv;\n"
		 "CREATE MATERIALIZED VIEW mv AS SELECT id, id + 1 AS n FROM b;\n"
		 "CREATE UNIQUE INDEX mv_id ON mv (id);\n"
		 "CREATE TABLE gone (id int);\n"
		 "CREATE INDEX gone_id ON gone (id);\n"
		 "DROP TABLE gone;\n"
		 "CREATE INDEX gone_id ON b (id);\n"},
		{"table storage parameters, in any order",
		 "CREATE TABLE sp (id int) WITH (fillfactor=90, oids=false);\n"
		 "ALTER TABLE sp SET (autovacuum_enabled=false, fillfactor=80);\n"
		 "ALTER TABLE sp RESET (autovacuum_enabled);\n"
		 "CREATE TABLE so (id int) WITH (fillfactor=90, autovacuum_enabled);\n"
		 "ALTER TABLE so SET (fillfactor=70);\n"
		 "CREATE UNLOGGED TABLE sq (id int) WITH (fillfactor='50');\n"},
		{"schema grants; initdb's USAGE to PUBLIC on public is none",
		 "REVOKE USAGE ON SCHEMA public FROM PUBLIC;\n"
		 "GRANT ALL ON SCHEMA public TO PUBLIC;\n"
		 "CREATE SCHEMA s;\n"
		 "GRANT USAGE ON SCHEMA s TO pg_monitor WITH GRANT OPTION;\n"
		 "GRANT ALL ON SCHEMA s TO PUBLIC;\n"
		 "REVOKE CREATE ON SCHEMA s FROM PUBLIC;\n"
		 "CREATE SCHEMA t;\n"
		 "GRANT CREATE ON SCHEMA t TO pg_monitor;\n"
		 "REVOKE ALL ON SCHEMA t FROM pg_monitor;\n"},
		{"grants on routines, types, servers, wrappers and languages; PUBLIC's defaults",
		 "CREATE SCHEMA api;\n"
		 "CREATE FUNCTION api.secret(a int) RETURNS int LANGUAGE sql SECURITY DEFINER\n"
		 "  AS 'SELECT a';\n"
		 "REVOKE EXECUTE ON FUNCTION api.secret(int) FROM PUBLIC;\n"
		 "GRANT EXECUTE ON FUNCTION api.secret TO pg_monitor;\n"
		 "CREATE FUNCTION api.\"Odd\"(text, int[]) RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
		 "GRANT ALL ON ROUTINE api.\"Odd\"(text, integer[]) TO pg_monitor WITH GRANT OPTION;\n"
		 "REVOKE GRANT OPTION FOR EXECUTE ON FUNCTION api.\"Odd\"(text, int[]) FROM pg_monitor;\n"
		 "CREATE PROCEDURE api.p() LANGUAGE sql AS 'SELECT 1';\n"
		 "CREATE AGGREGATE api.total(int) (SFUNC = int4pl, STYPE = int);\n"
		 "REVOKE ALL ON ALL FUNCTIONS IN SCHEMA api FROM PUBLIC;\n"
		 "GRANT EXECUTE ON ALL PROCEDURES IN SCHEMA api TO pg_read_all_data;\n"
		 "GRANT EXECUTE ON FUNCTION api.total(int) TO PUBLIC;\n"
		 "CREATE FUNCTION api.later() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
		 "GRANT EXECUTE ON ALL ROUTINES IN SCHEMA api TO pg_signal_backend;\n"
		 "REVOKE ALL ON FUNCTION api.later() FROM pg_signal_backend CASCADE;\n"
		 "CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
		 "REVOKE USAGE ON TYPE mood FROM PUBLIC;\n"
		 "CREATE TYPE pair AS (a int, b int);\n"
		 "GRANT USAGE ON TYPE pair TO pg_monitor WITH GRANT OPTION;\n"
		 "CREATE DOMAIN posint AS int CHECK (VALUE > 0);\n"
		 "REVOKE ALL ON DOMAIN posint FROM PUBLIC;\n"
		 "GRANT USAGE ON TYPE posint TO PUBLIC;\n"
		 "CREATE TYPE span AS RANGE (subtype = int);\n"
		 "GRANT USAGE ON TYPE span TO pg_monitor;\n"
		 "CREATE FOREIGN DATA WRAPPER w;\n"
		 "GRANT USAGE ON FOREIGN DATA WRAPPER w TO pg_monitor;\n"
		 "CREATE SERVER srv FOREIGN DATA WRAPPER w;\n"
		 "GRANT ALL ON FOREIGN SERVER srv TO pg_read_all_data WITH GRANT OPTION;\n"
		 "CREATE TRUSTED LANGUAGE plx HANDLER plpgsql_call_handler;\n"
		 "REVOKE USAGE ON LANGUAGE plx FROM PUBLIC;\n"
		 "GRANT USAGE ON LANGUAGE plx TO pg_monitor;\n"
		 "GRANT USAGE ON LANGUAGE plpgsql TO pg_monitor;\n"
		 /* dropped and created again: the defaults */
		 "CREATE FUNCTION api.re() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
		 "REVOKE ALL ON FUNCTION api.re() FROM PUBLIC;\n"
		 "GRANT EXECUTE ON FUNCTION api.re() TO pg_monitor;\n"
		 "DROP FUNCTION api.re();\n"
		 "CREATE FUNCTION api.re() RETURNS int LANGUAGE sql AS 'SELECT 2';\n"
		 "CREATE TYPE again AS ENUM ('a');\n"
		 "REVOKE USAGE ON TYPE again FROM PUBLIC;\n"
		 "DROP TYPE again;\n"
		 "CREATE TYPE again AS ENUM ('b');\n"
		 /* CREATE OR REPLACE keeps them */
		 "CREATE FUNCTION api.kept() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
		 "REVOKE ALL ON FUNCTION api.kept() FROM PUBLIC;\n"
		 "CREATE OR REPLACE FUNCTION api.kept() RETURNS int LANGUAGE sql AS 'SELECT 2';\n"},
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		agree(url, cases[i][0], cases[i][1]);
	for (size_t i = 0; i < sizeof(aggregates) / sizeof(aggregates[0]); i++)
		agree(url, aggregates[i][0], aggregates[i][1]);
	agree(url, "fields the planner reads", fields_schema);
	/* default privileges, folded from PostgreSQL's defaults */
	agree(url, "default privileges",
	      "CREATE SCHEMA app;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app GRANT SELECT, "
	      "INSERT ON TABLES TO pg_read_all_data;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app GRANT USAGE ON "
	      "SEQUENCES TO pg_monitor WITH GRANT OPTION;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor REVOKE EXECUTE ON FUNCTIONS FROM "
	      "PUBLIC;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor REVOKE ALL ON TABLES FROM pg_monitor;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT ALL ON SCHEMAS TO "
	      "pg_read_all_data;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_read_all_data GRANT USAGE ON TYPES TO "
	      "pg_monitor;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_read_all_data REVOKE USAGE ON TYPES FROM "
	      "pg_monitor;\n");
	/* default privileges of the role creating a routine or type, known
	 * offline from SET ROLE and SET SESSION AUTHORIZATION */
	agree(url, "default privileges applied to the routines and types created after",
	      "CREATE SCHEMA app AUTHORIZATION pg_monitor;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor REVOKE EXECUTE ON FUNCTIONS FROM "
	      "PUBLIC;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app GRANT ALL ON ROUTINES "
	      "TO pg_read_all_data WITH GRANT OPTION;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app REVOKE USAGE ON TYPES "
	      "FROM PUBLIC;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT USAGE ON TYPES TO "
	      "pg_signal_backend;\n"
	      "CREATE FUNCTION app.mine() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
	      "SET ROLE pg_monitor;\n"
	      "CREATE FUNCTION app.f(a int) RETURNS int LANGUAGE sql AS 'SELECT a';\n"
	      "CREATE PROCEDURE app.p() LANGUAGE sql AS 'SELECT 1';\n"
	      "CREATE AGGREGATE app.total(int) (SFUNC = int4pl, STYPE = int);\n"
	      "CREATE TYPE app.mood AS ENUM ('a');\n"
	      "CREATE DOMAIN app.pos AS int CHECK (VALUE > 0);\n"
	      "ALTER DEFAULT PRIVILEGES GRANT EXECUTE ON FUNCTIONS TO pg_checkpoint;\n"
	      "CREATE FUNCTION app.g() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
	      "ALTER FUNCTION app.g() RENAME TO h;\n"
	      "RESET ROLE;\n"
	      "SET SESSION AUTHORIZATION pg_monitor;\n"
	      "CREATE TYPE app.pair AS (a int, b int);\n"
	      "CREATE TYPE app.span AS RANGE (subtype = int);\n"
	      "RESET SESSION AUTHORIZATION;\n"
	      "CREATE TYPE app.theirs AS ENUM ('b');\n");
	/* ... and to the relations, serial sequences and schemas created after:
	 * global ones replace PostgreSQL's defaults, a schema's add to them,
	 * a schema gets its AUTHORIZATION role's */
	agree(url, "default privileges applied to the relations and schemas created after",
	      "CREATE SCHEMA app AUTHORIZATION pg_monitor;\n"
	      "CREATE FOREIGN DATA WRAPPER w;\n"
	      "CREATE SERVER srv FOREIGN DATA WRAPPER w;\n"
	      "GRANT USAGE ON FOREIGN SERVER srv TO pg_monitor;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT SELECT ON TABLES TO PUBLIC;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT ALL ON TABLES TO "
	      "pg_write_all_data WITH GRANT OPTION;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor REVOKE GRANT OPTION FOR DELETE ON "
	      "TABLES FROM pg_write_all_data;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app GRANT INSERT ON TABLES "
	      "TO pg_read_all_data;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app REVOKE SELECT ON TABLES "
	      "FROM PUBLIC;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT USAGE ON SEQUENCES TO "
	      "pg_read_all_data;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app GRANT UPDATE ON "
	      "SEQUENCES TO pg_checkpoint;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT USAGE ON SCHEMAS TO "
	      "pg_read_all_data;\n"
	      "CREATE TABLE app.mine (id serial);\n"
	      "SET ROLE pg_monitor;\n"
	      "CREATE TABLE app.t (id serial, b bigint GENERATED ALWAYS AS IDENTITY);\n"
	      "CREATE TABLE app.p (a int) PARTITION BY RANGE (a);\n"
	      "CREATE TABLE app.p1 PARTITION OF app.p FOR VALUES FROM (1) TO (9);\n"
	      "CREATE VIEW app.v AS SELECT 1 AS x;\n"
	      "CREATE MATERIALIZED VIEW app.m AS SELECT 1 AS x;\n"
	      "CREATE FOREIGN TABLE app.f (a int) SERVER srv;\n"
	      "CREATE SEQUENCE app.s;\n"
	      "ALTER TABLE app.t ADD COLUMN c smallserial;\n"
	      "CREATE TABLE app.g (id serial);\n"
	      "GRANT UPDATE ON app.g TO pg_read_all_data;\n"
	      "ALTER TABLE app.g RENAME TO h;\n"
	      "CREATE TABLE app.gone (id serial);\n"
	      "RESET ROLE;\n"
	      "DROP TABLE app.gone;\n"
	      "CREATE TABLE app.gone (id serial);\n"
	      "CREATE SCHEMA owned AUTHORIZATION pg_monitor;\n"
	      "CREATE SCHEMA again AUTHORIZATION pg_monitor;\n"
	      "DROP SCHEMA again;\n"
	      "CREATE SCHEMA again;\n"
	      "CREATE VIEW app.theirs AS SELECT 1 AS x;\n");
	/* default privileges a role gives itself: only the grant options count */
	agree(url, "default privileges given to their own role",
	      "CREATE SCHEMA app AUTHORIZATION pg_monitor;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT EXECUTE ON FUNCTIONS TO "
	      "pg_monitor WITH GRANT OPTION;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT USAGE ON TYPES TO pg_monitor "
	      "WITH GRANT OPTION;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT USAGE ON SCHEMAS TO pg_monitor "
	      "WITH GRANT OPTION;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor IN SCHEMA app GRANT SELECT ON TABLES "
	      "TO pg_monitor WITH GRANT OPTION;\n"
	      "ALTER DEFAULT PRIVILEGES FOR ROLE pg_monitor GRANT USAGE ON SEQUENCES TO "
	      "pg_monitor WITH GRANT OPTION;\n"
	      "CREATE SCHEMA s2 AUTHORIZATION pg_monitor;\n"
	      "SET ROLE pg_monitor;\n"
	      "CREATE FUNCTION app.f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
	      "CREATE TYPE app.e AS ENUM ('a');\n"
	      "CREATE TABLE app.t (id serial);\n"
	      "RESET ROLE;\n");
	/* --owners: every object's owner stated, so that none is the connecting role's */
	ctx->owners = true;
	agree(url, "owners (--owners)",
	      "CREATE SCHEMA app AUTHORIZATION pg_monitor;\n"
	      "ALTER SCHEMA public OWNER TO pg_read_all_data;\n"
	      "CREATE TABLE app.t (id serial PRIMARY KEY, n text);\n"
	      "ALTER TABLE app.t OWNER TO pg_read_all_data;\n"
	      "CREATE VIEW app.v AS SELECT id FROM app.t;\n"
	      "ALTER TABLE app.v OWNER TO pg_monitor;\n"
	      "CREATE MATERIALIZED VIEW app.m AS SELECT id FROM app.t;\n"
	      "ALTER MATERIALIZED VIEW app.m OWNER TO pg_monitor;\n"
	      "CREATE SEQUENCE app.s;\n"
	      "ALTER SEQUENCE app.s OWNER TO pg_read_all_data;\n"
	      "CREATE TABLE app.renamed (id integer);\n"
	      "ALTER TABLE app.renamed OWNER TO pg_monitor;\n"
	      "ALTER TABLE app.renamed RENAME TO r2;\n"
	      "CREATE FUNCTION app.f(a integer, OUT b text) RETURNS text LANGUAGE sql "
	      "AS $$ SELECT 'x' $$;\n"
	      "ALTER FUNCTION app.f(a integer, OUT b text) OWNER TO pg_read_all_data;\n"
	      "CREATE PROCEDURE app.p(x text) LANGUAGE sql AS $$ SELECT 1 $$;\n"
	      "ALTER PROCEDURE app.p(text) OWNER TO pg_monitor;\n"
	      "CREATE TYPE app.mood AS ENUM ('a', 'b');\n"
	      "ALTER TYPE app.mood OWNER TO pg_read_all_data;\n"
	      "CREATE DOMAIN app.pos AS integer CHECK (VALUE > 0);\n"
	      "ALTER DOMAIN app.pos OWNER TO pg_monitor;\n"
	      "CREATE TYPE app.pair AS (a integer, b text);\n"
	      "ALTER TYPE app.pair OWNER TO pg_monitor;\n");
	agree(url, "a language's owner, its grants, renamed (--owners)",
	      "CREATE TRUSTED LANGUAGE plo HANDLER plpgsql_call_handler;\n"
	      "GRANT USAGE ON LANGUAGE plo TO pg_monitor WITH GRANT OPTION;\n"
	      "GRANT USAGE ON LANGUAGE plo TO pg_read_all_data;\n"
	      "ALTER LANGUAGE plo OWNER TO pg_monitor;\n"
	      "ALTER LANGUAGE plo RENAME TO plp;\n"
	      "REVOKE USAGE ON LANGUAGE plp FROM PUBLIC;\n");
	/* a wrapper's owner is a superuser's: the connecting role, by name */
	const char *su = getenv("PGUSER");
	if (su && *su) {
		char sql[2048];
		snprintf(sql, sizeof(sql),
			 "CREATE FOREIGN DATA WRAPPER ow;\n"
			 "ALTER FOREIGN DATA WRAPPER ow OWNER TO \"%s\";\n"
			 "CREATE FOREIGN DATA WRAPPER ow2;\n"
			 "ALTER FOREIGN DATA WRAPPER ow2 OWNER TO \"%s\";\n"
			 "ALTER FOREIGN DATA WRAPPER ow2 RENAME TO ow3;\n"
			 "CREATE SERVER os FOREIGN DATA WRAPPER ow;\n"
			 "ALTER SERVER os OWNER TO pg_monitor;\n"
			 "CREATE SERVER ot FOREIGN DATA WRAPPER ow3;\n"
			 "ALTER SERVER ot OWNER TO pg_read_all_data;\n"
			 "ALTER SERVER ot RENAME TO ot2;\n"
			 "CREATE SERVER gone FOREIGN DATA WRAPPER ow;\n"
			 "ALTER SERVER gone OWNER TO pg_monitor;\n"
			 "DROP SERVER gone;\n"
			 "CREATE SERVER gone FOREIGN DATA WRAPPER ow;\n"
			 "ALTER SERVER gone OWNER TO pg_read_all_data;\n"
			 "ALTER SCHEMA public OWNER TO pg_monitor;\n"
			 "CREATE SCHEMA app2 AUTHORIZATION pg_monitor;\n"
			 "CREATE AGGREGATE ag(int) (SFUNC = int4pl, STYPE = int);\n"
			 "ALTER AGGREGATE ag(int) OWNER TO pg_read_all_data;\n"
			 "ALTER AGGREGATE ag(int) SET SCHEMA app2;\n",
			 su, su);
		agree(url,
		      "owners of wrappers and servers, renamed and made again, and of an "
		      "aggregate moved (--owners)",
		      sql);
	} else {
		ok(1, "# SKIP no PGUSER: a wrapper's owner is the connecting role's");
		ok(1, "# SKIP no PGUSER");
	}
	ctx->owners = false;
	/* what a migrations folder does to what it created before */
	static const char *const replayed[][2] = {
		{"ALTER TYPE ... ADD VALUE and RENAME VALUE, the type renamed and made again",
		 "CREATE TYPE m AS ENUM ('a');\n"
		 "ALTER TYPE m ADD VALUE 'c';\n"
		 "ALTER TYPE m ADD VALUE 'b' BEFORE 'c';\n"
		 "ALTER TYPE m ADD VALUE IF NOT EXISTS 'b';\n"
		 "ALTER TYPE m RENAME TO m2;\n"
		 "ALTER TYPE m2 RENAME VALUE 'a' TO 'z';\n"
		 "ALTER TYPE m2 ADD VALUE 'y' AFTER 'z';\n"
		 "ALTER TYPE m2 ADD VALUE 'a';\n"
		 "ALTER TYPE m2 RENAME VALUE 'a' TO 'x';\n"
		 "CREATE TYPE m AS ENUM ('q');\n"
		 "ALTER TYPE m ADD VALUE 'a' BEFORE 'q';\n"
		 "ALTER TYPE m ADD VALUE IF NOT EXISTS 'a' AFTER 'q';\n"},
		{"ALTER DOMAIN: defaults, NOT NULL, constraints added, dropped and validated",
		 "CREATE DOMAIN d AS integer DEFAULT 1 CONSTRAINT d_pos CHECK (VALUE > 0);\n"
		 "COMMENT ON CONSTRAINT d_pos ON DOMAIN d IS 'positive';\n"
		 "CREATE DOMAIN e AS text NOT NULL;\n"
		 "ALTER DOMAIN d SET DEFAULT 7;\n"
		 "ALTER DOMAIN d SET NOT NULL;\n"
		 "ALTER DOMAIN d DROP CONSTRAINT d_pos;\n"
		 "ALTER DOMAIN d ADD CONSTRAINT d_cap CHECK (VALUE < 100) NOT VALID;\n"
		 "ALTER DOMAIN d VALIDATE CONSTRAINT d_cap;\n"
		 "ALTER DOMAIN d ADD CHECK (VALUE <> 13);\n"
		 "ALTER DOMAIN d DROP CONSTRAINT IF EXISTS nope;\n"
		 "ALTER DOMAIN e DROP NOT NULL;\n"
		 "ALTER DOMAIN e SET DEFAULT 'x';\n"
		 "ALTER DOMAIN e DROP DEFAULT;\n"
		 "ALTER DOMAIN e ADD CONSTRAINT e_long CHECK (length(VALUE) > 2);\n"
		 "COMMENT ON CONSTRAINT e_long ON DOMAIN e IS 'long';\n"},
		{"a serial column's sequence and default changed after it",
		 "CREATE TABLE a (id serial PRIMARY KEY, n bigserial, m serial, k smallserial);\n"
		 "ALTER SEQUENCE a_id_seq AS bigint;\n"
		 "ALTER TABLE a ALTER COLUMN n DROP DEFAULT;\n"
		 "ALTER TABLE a ALTER COLUMN m TYPE bigint;\n"
		 "ALTER SEQUENCE a_k_seq RESTART WITH 5;\n"},
		{"a sequence given to a column and taken back",
		 "CREATE TABLE t1 (id serial PRIMARY KEY);\n"
		 "CREATE SEQUENCE t2_id_seq;\n"
		 "CREATE TABLE t2 (id integer NOT NULL DEFAULT nextval('t2_id_seq'::regclass));\n"
		 "ALTER TABLE t2 ALTER COLUMN id DROP DEFAULT;\n"
		 "ALTER SEQUENCE t2_id_seq AS integer OWNED BY t2.id;\n"
		 "ALTER TABLE t2 ALTER COLUMN id SET DEFAULT nextval('\"public\".\"t2_id_seq\"'::regclass);\n"
		 "ALTER SEQUENCE t1_id_seq OWNED BY NONE;\n"},
		/* DROP as PostgreSQL's dependencies have it (offline_depend.c) */
		{"DROP VIEW CASCADE takes the views reading it, transitively",
		 "CREATE TABLE t (a int);\n"
		 "CREATE VIEW v AS SELECT 1 AS x;\n"
		 "CREATE VIEW w AS SELECT x FROM v;\n"
		 "CREATE VIEW w2 AS SELECT x, a FROM w, t;\n"
		 "CREATE VIEW keep AS SELECT a FROM t;\n"
		 "COMMENT ON VIEW w IS 'goes with it';\n"
		 "DROP VIEW v CASCADE;\n"},
		{"DROP TABLE CASCADE takes the foreign keys of other tables, not the tables",
		 "CREATE TABLE p (id int PRIMARY KEY, k int UNIQUE);\n"
		 "CREATE TABLE c (id int PRIMARY KEY, p_id int REFERENCES p, k int REFERENCES p (k),\n"
		 "  CONSTRAINT c_k_pos CHECK (k > 0));\n"
		 "CREATE INDEX c_p ON c (p_id);\n"
		 "CREATE TABLE self (id int PRIMARY KEY, up int REFERENCES self);\n"
		 "DROP TABLE p, self CASCADE;\n"},
		{"DROP TYPE and DROP DOMAIN CASCADE take the columns and functions using them",
		 "CREATE TYPE mood AS ENUM ('a', 'b');\n"
		 "CREATE DOMAIN pos AS int CHECK (VALUE > 0);\n"
		 "CREATE TABLE t (id int, m mood, ms mood[], p pos, q int DEFAULT 'a'::mood::text::int);\n"
		 "CREATE INDEX t_m ON t (m);\n"
		 "CREATE INDEX t_id ON t (id);\n"
		 "CREATE FUNCTION f(m mood) RETURNS int LANGUAGE sql AS 'select 1';\n"
		 "COMMENT ON FUNCTION f(mood) IS 'goes too';\n"
		 "CREATE FUNCTION g(i int) RETURNS int LANGUAGE sql AS 'select 1';\n"
		 "DROP TYPE mood CASCADE;\n"
		 "DROP DOMAIN pos CASCADE;\n"},
		{"DROP FUNCTION CASCADE takes the defaults, triggers and views calling it",
		 "CREATE FUNCTION d() RETURNS int LANGUAGE sql AS 'select 1';\n"
		 "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end';\n"
		 "CREATE FUNCTION o(int) RETURNS int LANGUAGE sql AS 'select 1';\n"
		 "CREATE FUNCTION o(text) RETURNS int LANGUAGE sql AS 'select 2';\n"
		 "CREATE TABLE t (a int NOT NULL DEFAULT d(), b int DEFAULT 3);\n"
		 "CREATE TRIGGER tg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf();\n"
		 "CREATE TRIGGER tg2 AFTER DELETE ON t FOR EACH ROW EXECUTE FUNCTION tf();\n"
		 "CREATE VIEW v AS SELECT d() AS x;\n"
		 "DROP FUNCTION d() CASCADE;\n"
		 "DROP FUNCTION tf CASCADE;\n"
		 "DROP FUNCTION o(text);\n"
		 "DROP FUNCTION IF EXISTS o(bigint), nope(int);\n"},
		{"DROP TRIGGER, POLICY and RULE on their table",
		 "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end';\n"
		 "CREATE TABLE t (a int);\n"
		 "CREATE TABLE u (a int);\n"
		 "CREATE TRIGGER tg BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf();\n"
		 "CREATE TRIGGER tg BEFORE INSERT ON u FOR EACH ROW EXECUTE FUNCTION tf();\n"
		 "CREATE POLICY p ON t USING (a > 0);\n"
		 "CREATE POLICY p ON u USING (a > 0);\n"
		 "COMMENT ON POLICY p ON t IS 'goes';\n"
		 "CREATE RULE r AS ON DELETE TO t DO INSTEAD NOTHING;\n"
		 "DROP TRIGGER tg ON t;\n"
		 "DROP POLICY p ON t;\n"
		 "DROP RULE r ON t;\n"
		 "DROP TRIGGER IF EXISTS nope ON t;\n"},
		{"DROP COLUMN takes the indexes and constraints using it, multi-column ones too",
		 "CREATE TABLE t (a int, b int, c int, d int, CONSTRAINT t_ab UNIQUE (a, b),\n"
		 "  CHECK (c > d), CHECK (a > 0));\n"
		 "CREATE INDEX t_bc ON t (b, c);\n"
		 "CREATE INDEX t_d ON t (d) WHERE c > 0;\n"
		 "CREATE INDEX t_expr ON t ((a + 1));\n"
		 "COMMENT ON COLUMN t.b IS 'goes';\n"
		 "ALTER TABLE t DROP COLUMN b;\n"
		 "ALTER TABLE t DROP COLUMN c;\n"
		 "ALTER TABLE t ADD COLUMN b int, ADD UNIQUE (a, b), ADD CHECK (d > 0);\n"
		 "CREATE TABLE s (id serial, x int, g int GENERATED ALWAYS AS (x * 2) STORED);\n"
		 "ALTER TABLE s DROP COLUMN id;\n"
		 "ALTER TABLE s ADD COLUMN id serial;\n"
		 "ALTER TABLE s DROP COLUMN x CASCADE;\n"
		 "CREATE TABLE u (a int, b int);\n"
		 "CREATE VIEW uv AS SELECT a, b FROM u;\n"
		 "CREATE VIEW ua AS SELECT a FROM u;\n"
		 "ALTER TABLE u DROP COLUMN b CASCADE;\n"
		 "CREATE TABLE p (id int PRIMARY KEY);\n"
		 "CREATE TABLE r (p_id int REFERENCES p);\n"
		 "ALTER TABLE p DROP CONSTRAINT p_pkey CASCADE;\n"},
		{"DROP SCHEMA CASCADE takes its objects and what uses them elsewhere",
		 "CREATE SCHEMA s;\n"
		 "CREATE TABLE s.t (id int PRIMARY KEY);\n"
		 "CREATE TYPE s.e AS ENUM ('x');\n"
		 "CREATE FUNCTION s.f() RETURNS int LANGUAGE sql AS 'select 1';\n"
		 "CREATE SEQUENCE s.q;\n"
		 "CREATE VIEW s.v AS SELECT id FROM s.t;\n"
		 "CREATE TABLE r (id int REFERENCES s.t, e s.e, n int DEFAULT s.f(),\n"
		 "  m bigint DEFAULT nextval('s.q'));\n"
		 "CREATE VIEW rv AS SELECT id FROM s.t;\n"
		 "COMMENT ON SCHEMA s IS 'goes';\n"
		 "DROP SCHEMA s CASCADE;\n"},
		{"a run of DROPs: what an earlier one took is no dependent of a later one",
		 "CREATE TYPE mood AS ENUM ('a');\n"
		 "CREATE TABLE p (id int PRIMARY KEY, m mood);\n"
		 "CREATE TABLE c (id int, p_id int REFERENCES p, m mood);\n"
		 "CREATE VIEW pv AS SELECT m FROM p;\n"
		 "DROP VIEW pv;\n"
		 "DROP TABLE c;\n"
		 "DROP TABLE p;\n"
		 "DROP TYPE mood;\n"
		 "CREATE TYPE mood AS ENUM ('b');\n"
		 "CREATE TABLE p (m mood);\n"},
		{"DROP TABLE takes its partitions, owned sequences, policies, rules, grants",
		 "CREATE TABLE p (id int, k int) PARTITION BY RANGE (id);\n"
		 "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (0) TO (10);\n"
		 "CREATE TABLE o (id int);\n"
		 "CREATE SEQUENCE o_seq OWNED BY o.id;\n"
		 "CREATE POLICY pol ON o USING (id > 0);\n"
		 "CREATE RULE r AS ON DELETE TO o DO INSTEAD NOTHING;\n"
		 "GRANT SELECT ON o TO PUBLIC;\n"
		 "COMMENT ON TABLE o IS 'goes';\n"
		 "DROP TABLE p, o;\n"
		 "CREATE TABLE o (id int);\n"
		 "CREATE TABLE q (id serial);\n"
		 "DROP SEQUENCE q_id_seq CASCADE;\n"},
		{"regclass literals as the server prints them back",
		 "CREATE SCHEMA s;\n"
		 "CREATE SEQUENCE \"Odd\";\n"
		 "CREATE SEQUENCE s.q;\n"
		 "CREATE SEQUENCE plain;\n"
		 "CREATE TABLE r (a bigint DEFAULT nextval('\"Odd\"'), b bigint DEFAULT nextval('S.Q'),\n"
		 "  c bigint DEFAULT nextval('PUBLIC.\"plain\"'::regclass), d regclass DEFAULT 'Plain'::regclass);\n"},
		{"DETACH PARTITION: the keys, checks, foreign keys and indexes stay the partition's own",
		 "CREATE TABLE r (id int PRIMARY KEY);\n"
		 "CREATE TABLE p (id int, at date NOT NULL, r_id int REFERENCES r, v int CHECK (v > 0), PRIMARY KEY (id, at), UNIQUE (v, at)) PARTITION BY RANGE (at);\n"
		 "CREATE INDEX p_rid ON p (r_id);\n"
		 "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
		 "CREATE TABLE p2 PARTITION OF p FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n"
		 "ALTER TABLE p DETACH PARTITION p1;\n"},
		{"pg_dump's partitions: ATTACH PARTITION, indexes ON ONLY and ALTER INDEX ... ATTACH PARTITION",
		 "CREATE TABLE public.p (id integer NOT NULL, at date NOT NULL, r_id integer, v integer, CONSTRAINT p_v_check CHECK ((v > 0))) PARTITION BY RANGE (at);\n"
		 "CREATE TABLE public.p2 (id integer NOT NULL, at date NOT NULL, r_id integer, v integer, CONSTRAINT p_v_check CHECK ((v > 0)));\n"
		 "CREATE TABLE public.r (id integer NOT NULL);\n"
		 "ALTER TABLE ONLY public.p ATTACH PARTITION public.p2 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');\n"
		 "ALTER TABLE ONLY public.p ADD CONSTRAINT p_pkey PRIMARY KEY (id, at);\n"
		 "ALTER TABLE ONLY public.p2 ADD CONSTRAINT p2_pkey PRIMARY KEY (id, at);\n"
		 "ALTER TABLE ONLY public.p ADD CONSTRAINT p_v_at_key UNIQUE (v, at);\n"
		 "ALTER TABLE ONLY public.p2 ADD CONSTRAINT p2_v_at_key UNIQUE (v, at);\n"
		 "ALTER TABLE ONLY public.r ADD CONSTRAINT r_pkey PRIMARY KEY (id);\n"
		 "CREATE INDEX p_rid ON ONLY public.p USING btree (r_id);\n"
		 "CREATE INDEX p2_r_id_idx ON public.p2 USING btree (r_id);\n"
		 "ALTER INDEX public.p_pkey ATTACH PARTITION public.p2_pkey;\n"
		 "ALTER INDEX public.p_rid ATTACH PARTITION public.p2_r_id_idx;\n"
		 "ALTER INDEX public.p_v_at_key ATTACH PARTITION public.p2_v_at_key;\n"
		 "ALTER TABLE public.p ADD CONSTRAINT p_r_id_fkey FOREIGN KEY (r_id) REFERENCES public.r(id);\n"},
		{"identity dropped and changed, an expression dropped, statistics set",
		 "CREATE TABLE t (a int GENERATED BY DEFAULT AS IDENTITY, b int, c int GENERATED ALWAYS AS (b * 2) STORED, d int GENERATED ALWAYS AS IDENTITY);\n"
		 "ALTER TABLE t ALTER COLUMN a DROP IDENTITY;\n"
		 "ALTER TABLE t ALTER COLUMN c DROP EXPRESSION;\n"
		 "ALTER TABLE t ALTER COLUMN d SET GENERATED BY DEFAULT;\n"
		 "ALTER TABLE t ALTER COLUMN b SET STATISTICS 500;\n"},
		{"ALTER CONSTRAINT, INHERIT and NO INHERIT",
		 "CREATE TABLE r (id int PRIMARY KEY);\n"
		 "CREATE TABLE c (id int, r_id int REFERENCES r);\n"
		 "ALTER TABLE c ALTER CONSTRAINT c_r_id_fkey DEFERRABLE INITIALLY DEFERRED;\n"
		 "CREATE TABLE base (a int);\n"
		 "CREATE TABLE kid (b int);\n"
		 "ALTER TABLE kid ADD COLUMN a int;\n"
		 "ALTER TABLE kid INHERIT base;\n"
		 "CREATE TABLE kid2 (a int) INHERITS (base);\n"
		 "ALTER TABLE kid2 NO INHERIT base;\n"},
		{"ALTER TYPE of a composite's attributes, ALTER FUNCTION, ALTER VIEW SET",
		 "CREATE TYPE pt AS (x int, y int);\n"
		 "ALTER TYPE pt ADD ATTRIBUTE z int;\n"
		 "ALTER TYPE pt DROP ATTRIBUTE x;\n"
		 "ALTER TYPE pt ALTER ATTRIBUTE y TYPE bigint;\n"
		 "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a';\n"
		 "ALTER FUNCTION f(int) STABLE;\n"
		 "ALTER FUNCTION f(int) SECURITY DEFINER;\n"
		 "ALTER FUNCTION f(int) SET search_path = public;\n"
		 "CREATE VIEW v AS SELECT 1 AS a;\n"
		 "ALTER VIEW v SET (security_barrier = true);\n"},
		{"ALTER INDEX and ALTER VIEW SET and RESET, index parameters",
		 "CREATE TABLE t (a int, b int);\n"
		 "CREATE INDEX ti ON t (a);\n"
		 "ALTER INDEX ti SET (fillfactor = 50);\n"
		 "CREATE INDEX tj ON t (b) WITH (fillfactor = 40);\n"
		 "ALTER INDEX tj RESET (fillfactor);\n"
		 "CREATE TYPE pt AS (x int, y int);\n"
		 "ALTER TYPE pt ADD ATTRIBUTE z int;\n"
		 "ALTER TYPE pt DROP ATTRIBUTE x;\n"
		 "ALTER TYPE pt ALTER ATTRIBUTE y TYPE bigint;\n"
		 "CREATE VIEW v AS SELECT a FROM t;\n"
		 "ALTER VIEW v SET (security_barrier = true);\n"
		 "CREATE VIEW w WITH (security_invoker = true) AS SELECT a FROM t;\n"
		 "ALTER VIEW w RESET (security_invoker);\n"
		 "CREATE MATERIALIZED VIEW mv AS SELECT a FROM t;\n"
		 "ALTER MATERIALIZED VIEW mv SET (fillfactor = 60);\n"},
		{"ALTER POLICY, ALTER FUNCTION's options, triggers disabled",
		 "CREATE TABLE t (a int, b text);\n"
		 "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
		 "CREATE OR REPLACE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 2';\n"
		 "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;\n"
		 "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf();\n"
		 "ALTER TABLE t DISABLE TRIGGER tr;\n"
		 "CREATE POLICY p ON t USING (a > 0);\n"
		 "ALTER POLICY p ON t USING (a > 1);\n"
		 "ALTER TABLE t ALTER COLUMN b SET DEFAULT 'x';\n"
		 "ALTER TABLE t ALTER COLUMN b TYPE varchar(10);\n"
		 "CREATE POLICY q ON t FOR SELECT TO public USING (true);\n"
		 "ALTER POLICY q ON t TO postgres USING (a > 2);\n"
		 "CREATE FUNCTION g(x text, y int DEFAULT 1) RETURNS text LANGUAGE sql SET search_path = public AS 'SELECT x';\n"
		 "ALTER FUNCTION g(text, int) RESET search_path;\n"
		 "ALTER FUNCTION g(text, integer) SET work_mem = '64MB' COST 5 LEAKPROOF IMMUTABLE;\n"
		 "ALTER FUNCTION g RETURNS NULL ON NULL INPUT;\n"},
		{"range types",
		 "CREATE TYPE floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);\n"
		 "CREATE TYPE tr AS RANGE (subtype = timestamptz);\n"
		 "CREATE TABLE r (a floatrange, b tr);\n"
		 "CREATE SCHEMA s;\n"
		 "CREATE TYPE s.\"Odd Range\" AS RANGE (subtype = int4);\n"},
		{"storage parameters and replica identity",
		 "CREATE TABLE t (a int PRIMARY KEY, b int NOT NULL) WITH (fillfactor = 70,\n"
		 "  autovacuum_enabled = false, toast.autovacuum_enabled = off);\n"
		 "CREATE UNIQUE INDEX t_b ON t (b);\n"
		 "ALTER TABLE t REPLICA IDENTITY USING INDEX t_b;\n"
		 "CREATE TABLE u (a int, b text) WITH (OIDS = false, toast.autovacuum_enabled = off);\n"
		 "ALTER TABLE u SET (autovacuum_vacuum_scale_factor = 0.05, fillfactor = 90);\n"
		 "ALTER TABLE u RESET (fillfactor);\n"
		 "ALTER TABLE u REPLICA IDENTITY FULL;\n"
		 "CREATE TABLE v (a int);\n"
		 "ALTER TABLE v REPLICA IDENTITY NOTHING;\n"
		 "ALTER TABLE v REPLICA IDENTITY DEFAULT;\n"
		 "CREATE TABLE w (a int) PARTITION BY LIST (a);\n"
		 "ALTER TABLE w REPLICA IDENTITY FULL;\n"},
		{"a domain's constraint renamed, its comment with it",
		 "CREATE DOMAIN score AS int CONSTRAINT score_min CHECK (VALUE >= 0);\n"
		 "COMMENT ON CONSTRAINT score_min ON DOMAIN score IS 'not negative';\n"
		 "ALTER DOMAIN score RENAME CONSTRAINT score_min TO score_positive;\n"},
		{"grants go with a routine, type, domain, server or wrapper renamed or moved",
		 "CREATE SCHEMA api;\n"
		 "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a';\n"
		 "REVOKE EXECUTE ON FUNCTION f(int) FROM PUBLIC;\n"
		 "GRANT EXECUTE ON FUNCTION f(int) TO pg_monitor WITH GRANT OPTION;\n"
		 "ALTER FUNCTION f(int) RENAME TO g;\n"
		 "ALTER FUNCTION g(int) SET SCHEMA api;\n"
		 "CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql AS 'SELECT a + 1';\n"
		 "CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1';\n"
		 "GRANT EXECUTE ON PROCEDURE p TO pg_read_all_data;\n"
		 "ALTER PROCEDURE p() RENAME TO q;\n"
		 "GRANT EXECUTE ON PROCEDURE q TO pg_monitor;\n"
		 "CREATE AGGREGATE total(int) (SFUNC = int4pl, STYPE = int);\n"
		 "REVOKE ALL ON FUNCTION total(int) FROM PUBLIC;\n"
		 "ALTER AGGREGATE total(int) SET SCHEMA api;\n"
		 "CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
		 "REVOKE USAGE ON TYPE mood FROM PUBLIC;\n"
		 "GRANT USAGE ON TYPE mood TO pg_monitor;\n"
		 "ALTER TYPE mood RENAME TO feeling;\n"
		 "ALTER TYPE feeling SET SCHEMA api;\n"
		 "CREATE TYPE mood AS ENUM ('new');\n"
		 "CREATE TYPE pair AS (a int, b int);\n"
		 "GRANT USAGE ON TYPE pair TO pg_read_all_data WITH GRANT OPTION;\n"
		 "ALTER TYPE pair RENAME TO couple;\n"
		 "CREATE DOMAIN posint AS int CHECK (VALUE > 0);\n"
		 "REVOKE ALL ON DOMAIN posint FROM PUBLIC;\n"
		 "ALTER DOMAIN posint SET SCHEMA api;\n"
		 "ALTER DOMAIN api.posint RENAME TO nat;\n"
		 "CREATE FOREIGN DATA WRAPPER w;\n"
		 "GRANT USAGE ON FOREIGN DATA WRAPPER w TO pg_monitor;\n"
		 "ALTER FOREIGN DATA WRAPPER w RENAME TO w2;\n"
		 "CREATE SERVER srv FOREIGN DATA WRAPPER w2;\n"
		 "GRANT USAGE ON FOREIGN SERVER srv TO pg_read_all_data;\n"
		 "ALTER SERVER srv RENAME TO srv2;\n"
		 "CREATE SERVER srv FOREIGN DATA WRAPPER w2;\n"},
	};
	for (size_t i = 0; i < sizeof(replayed) / sizeof(replayed[0]); i++)
		agree(url, replayed[i][0], replayed[i][1]);
	/* ALTER ... RENAME and SET SCHEMA, with what names the renamed object */
	static const char *const renamed[][2] = {
		{"RENAME COLUMN: keys, checks, indexes, foreign keys, generated columns, policies, triggers, comments, grants",
		 "CREATE TABLE t (a int PRIMARY KEY, b int CHECK (b > a), c int UNIQUE, g int GENERATED ALWAYS AS (a * 2) STORED);\n"
		 "CREATE TABLE r (x int REFERENCES t (a), y int REFERENCES t);\n"
		 "CREATE INDEX t_expr ON t (lower(a::text)) WHERE a > 0;\n"
		 "CREATE INDEX t_ab ON t (b, a DESC);\n"
		 "CREATE POLICY p ON t USING (a > 0) WITH CHECK (a < 100);\n"
		 "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;\n"
		 "CREATE TRIGGER tr BEFORE UPDATE OF a, b ON t FOR EACH ROW WHEN (NEW.a <> OLD.a) EXECUTE FUNCTION tf();\n"
		 "COMMENT ON COLUMN t.a IS 'the key';\n"
		 "GRANT SELECT (a) ON t TO PUBLIC;\n"
		 "ALTER TABLE t RENAME COLUMN a TO id;\n"
		 "ALTER TABLE r RENAME x TO t_id;\n"},
		{"RENAME COLUMN of a serial column, an index over it and an identity column",
		 "CREATE TABLE s (id serial PRIMARY KEY, n int GENERATED ALWAYS AS IDENTITY, v text);\n"
		 "CREATE INDEX s_v ON s (v);\n"
		 "ALTER TABLE s RENAME COLUMN id TO sid;\n"
		 "ALTER TABLE s RENAME COLUMN n TO m;\n"
		 "ALTER TABLE s RENAME COLUMN v TO w;\n"},
		{"RENAME TO of a table: indexes, foreign keys to it, triggers, policies, rules, comments, grants, serial columns",
		 "CREATE TABLE t (id serial PRIMARY KEY, v int CHECK (v > 0));\n"
		 "CREATE TABLE r (t_id int REFERENCES t);\n"
		 "CREATE INDEX t_v ON t (v);\n"
		 "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;\n"
		 "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf();\n"
		 "CREATE POLICY p ON t USING (v > 1);\n"
		 "CREATE TABLE log (v int);\n"
		 "CREATE RULE keep AS ON INSERT TO t DO ALSO INSERT INTO log VALUES (NEW.v);\n"
		 "COMMENT ON TABLE t IS 'tee';\n"
		 "COMMENT ON COLUMN t.v IS 'vee';\n"
		 "COMMENT ON CONSTRAINT t_v_check ON t IS 'positive';\n"
		 "COMMENT ON TRIGGER tr ON t IS 'trig';\n"
		 "GRANT SELECT, INSERT ON t TO PUBLIC;\n"
		 "GRANT UPDATE (v) ON t TO PUBLIC;\n"
		 "ALTER TABLE t RENAME TO u;\n"
		 "ALTER TABLE IF EXISTS nope RENAME TO nope2;\n"
		 "ALTER TABLE log RENAME TO journal;\n"},
		{"views follow a renamed table and keep the output names of a renamed column",
		 "CREATE TABLE t (a int, b text);\n"
		 "CREATE TABLE o (a int, z int);\n"
		 "CREATE VIEW v AS SELECT a, b AS bee, a + 1 AS a1 FROM t WHERE a > 0 ORDER BY a;\n"
		 "CREATE VIEW w AS SELECT * FROM t;\n"
		 "CREATE VIEW j AS SELECT x.a, o.z FROM t x JOIN o ON x.a = o.a;\n"
		 "ALTER TABLE t RENAME COLUMN a TO id;\n"
		 "ALTER TABLE t RENAME TO tt;\n"
		 "ALTER VIEW w RENAME TO ww;\n"},
		{"RENAME CONSTRAINT and ALTER INDEX RENAME, keys with their indexes",
		 "CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE, c int CONSTRAINT c_pos CHECK (c > 0));\n"
		 "CREATE TABLE r (a int REFERENCES t);\n"
		 "CREATE INDEX t_c ON t (c);\n"
		 "COMMENT ON CONSTRAINT c_pos ON t IS 'pos';\n"
		 "COMMENT ON INDEX t_c IS 'on c';\n"
		 "ALTER TABLE t RENAME CONSTRAINT c_pos TO c_positive;\n"
		 "ALTER TABLE t RENAME CONSTRAINT t_pkey TO t_key;\n"
		 "ALTER INDEX t_b_key RENAME TO t_b_unique;\n"
		 "ALTER INDEX t_c RENAME TO t_c_idx;\n"
		 "ALTER TABLE r RENAME CONSTRAINT r_a_fkey TO r_to_t;\n"
		 "ALTER INDEX IF EXISTS nope RENAME TO nope2;\n"},
		{"sequences, views and materialized views renamed",
		 "CREATE SEQUENCE q;\n"
		 "CREATE TABLE t (id bigint DEFAULT nextval('q'), v int);\n"
		 "CREATE TABLE s2 (id serial);\n"
		 "CREATE VIEW v AS SELECT id FROM t;\n"
		 "CREATE VIEW vv AS SELECT id FROM v;\n"
		 "CREATE MATERIALIZED VIEW mv AS SELECT v FROM t;\n"
		 "CREATE INDEX mv_v ON mv (v);\n"
		 "COMMENT ON VIEW v IS 'vee';\n"
		 "GRANT SELECT ON v TO PUBLIC;\n"
		 "ALTER SEQUENCE q RENAME TO q2;\n"
		 "ALTER SEQUENCE s2_id_seq RENAME TO s2_seq;\n"
		 "ALTER VIEW v RENAME TO v2;\n"
		 "ALTER MATERIALIZED VIEW mv RENAME TO mv2;\n"},
		{"types, domains and enum labels renamed, with the columns, defaults and checks that name them",
		 "CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n"
		 "CREATE DOMAIN pos AS int CHECK (VALUE > 0);\n"
		 "CREATE TYPE pair AS (x int, y int);\n"
		 "CREATE TABLE t (m mood DEFAULT 'ok' CHECK (m <> 'sad'), ms mood[], p pos, pr pair);\n"
		 "CREATE INDEX t_m ON t (m) WHERE m = 'happy';\n"
		 "COMMENT ON TYPE mood IS 'feel';\n"
		 "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine';\n"
		 "ALTER TYPE mood RENAME VALUE 'happy' TO 'glad';\n"
		 "ALTER TYPE mood RENAME TO feeling;\n"
		 "ALTER DOMAIN pos RENAME TO positive;\n"
		 "ALTER TYPE pair RENAME TO couple;\n"},
		{"functions, triggers, policies and schemas renamed",
		 "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
		 "CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;\n"
		 "CREATE TABLE t (a int DEFAULT f());\n"
		 "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION tf();\n"
		 "CREATE POLICY p ON t USING (a > 0);\n"
		 "COMMENT ON FUNCTION f() IS 'one';\n"
		 "COMMENT ON POLICY p ON t IS 'pol';\n"
		 "CREATE SCHEMA s;\n"
		 "COMMENT ON SCHEMA s IS 'ess';\n"
		 "ALTER FUNCTION f() RENAME TO g;\n"
		 "ALTER FUNCTION tf RENAME TO tg;\n"
		 "ALTER TRIGGER tr ON t RENAME TO tr2;\n"
		 "ALTER POLICY p ON t RENAME TO p2;\n"
		 "ALTER SCHEMA s RENAME TO s2;\n"},
		{"SET SCHEMA of a table with its indexes, keys, owned sequences and what refers to it",
		 "CREATE SCHEMA s;\n"
		 "CREATE TABLE t (id serial PRIMARY KEY, v int UNIQUE, w int);\n"
		 "CREATE INDEX t_w ON t (w);\n"
		 "CREATE TABLE r (t_id int REFERENCES t);\n"
		 "CREATE VIEW v AS SELECT id FROM t;\n"
		 "COMMENT ON TABLE t IS 'tee';\n"
		 "GRANT SELECT ON t TO PUBLIC;\n"
		 "ALTER TABLE t SET SCHEMA s;\n"
		 "ALTER TABLE IF EXISTS nope SET SCHEMA s;\n"},
		{"SQL-standard function bodies follow a renamed table, sequence and function",
		 "CREATE TABLE t (a int);\n"
		 "CREATE TABLE o (b int);\n"
		 "CREATE SEQUENCE q;\n"
		 "CREATE FUNCTION cnt() RETURNS bigint LANGUAGE sql BEGIN ATOMIC SELECT count(*) FROM t; END;\n"
		 "CREATE FUNCTION nxt() RETURNS bigint LANGUAGE sql RETURN nextval('q');\n"
		 "CREATE FUNCTION twice() RETURNS bigint LANGUAGE sql RETURN cnt() * 2;\n"
		 "ALTER TABLE t RENAME TO u;\n"
		 "ALTER SEQUENCE q RENAME TO q2;\n"
		 "ALTER FUNCTION cnt() RENAME TO how_many;\n"},
		{"SET SCHEMA of views, sequences, types and functions",
		 "CREATE SCHEMA s;\n"
		 "CREATE SEQUENCE q;\n"
		 "CREATE TYPE mood AS ENUM ('a', 'b');\n"
		 "CREATE FUNCTION f(x int) RETURNS int LANGUAGE sql AS 'SELECT x';\n"
		 "CREATE TABLE t (id bigint DEFAULT nextval('q'), m mood DEFAULT 'a', n int DEFAULT f(1));\n"
		 "CREATE VIEW v AS SELECT id FROM t;\n"
		 "ALTER SEQUENCE q SET SCHEMA s;\n"
		 "ALTER TYPE mood SET SCHEMA s;\n"
		 "ALTER FUNCTION f(int) SET SCHEMA s;\n"
		 "ALTER VIEW v SET SCHEMA s;\n"},
		{"SET SCHEMA of operators: expressions, views, indexes, checks, exclusions, domains, bodies, commutators, families and comments follow",
		 "CREATE SCHEMA s;\n"
		 "CREATE FUNCTION my_eq(int, int) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT $1 = $2';\n"
		 "CREATE FUNCTION my_ne(int, int) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT $1 <> $2';\n"
		 "CREATE FUNCTION my_lt(int, int) RETURNS bool LANGUAGE sql IMMUTABLE AS 'SELECT $1 < $2';\n"
		 "CREATE OPERATOR === (FUNCTION = my_eq, LEFTARG = int, RIGHTARG = int, COMMUTATOR = ===, NEGATOR = !==);\n"
		 "CREATE OPERATOR !== (FUNCTION = my_ne, LEFTARG = int, RIGHTARG = int);\n"
		 "CREATE OPERATOR s.<<< (FUNCTION = my_lt, LEFTARG = int, RIGHTARG = int);\n"
		 "CREATE OPERATOR CLASS h FOR TYPE int USING hash AS OPERATOR 1 ===, FUNCTION 1 hashint4(int);\n"
		 "CREATE TABLE t (a int, b int CHECK (b === b), EXCLUDE USING hash (a h WITH ===));\n"
		 "CREATE INDEX t_ab ON t ((a === b)) WHERE a OPERATOR(s.<<<) 5;\n"
		 "CREATE VIEW v AS SELECT a === b AS eq, a OPERATOR(s.<<<) ANY (ARRAY[1, 2]) AS lt FROM t;\n"
		 "CREATE DOMAIN d AS int CHECK (VALUE OPERATOR(s.<<<) 10);\n"
		 "CREATE FUNCTION f(int) RETURNS bool LANGUAGE sql RETURN $1 === 1;\n"
		 "COMMENT ON OPERATOR === (int, int) IS 'same';\n"
		 "ALTER OPERATOR === (int, int) SET SCHEMA s;\n"
		 "ALTER OPERATOR s.<<< (int, int) SET SCHEMA public;\n"},
		{"RENAME and SET SCHEMA of operator classes: indexes and exclusions follow, by access method",
		 "CREATE SCHEMA s;\n"
		 "CREATE FUNCTION my_cmp(int, int) RETURNS int LANGUAGE sql IMMUTABLE AS 'SELECT CASE WHEN $1 < $2 THEN -1 WHEN $1 > $2 THEN 1 ELSE 0 END';\n"
		 "CREATE OPERATOR CLASS c1 FOR TYPE int USING btree AS OPERATOR 1 <, OPERATOR 3 =, FUNCTION 1 my_cmp;\n"
		 "CREATE OPERATOR CLASS h1 FOR TYPE int USING hash AS OPERATOR 1 =, FUNCTION 1 hashint4(int);\n"
		 "CREATE OPERATOR CLASS c1 FOR TYPE int USING hash AS OPERATOR 1 =, FUNCTION 1 hashint4(int);\n"
		 "CREATE TABLE oc (a int, b int, EXCLUDE USING hash (a h1 WITH =));\n"
		 "CREATE INDEX oc_a ON oc (a c1);\n"
		 "CREATE INDEX oc_b ON oc USING hash (b c1);\n"
		 "ALTER OPERATOR CLASS c1 USING btree RENAME TO c2;\n"
		 "ALTER OPERATOR CLASS h1 USING hash RENAME TO h2;\n"
		 "ALTER OPERATOR CLASS h2 USING hash SET SCHEMA s;\n"
		 "ALTER OPERATOR CLASS c2 USING btree SET SCHEMA s;\n"},
		{"SET SCHEMA of aggregates, there and back, with views, bodies and owners",
		 "CREATE SCHEMA s;\n"
		 "CREATE TABLE t (a int, b int);\n"
		 "CREATE AGGREGATE my_sum(int) (SFUNC = int4pl, STYPE = int);\n"
		 "CREATE AGGREGATE s.my_max(int) (SFUNC = int4larger, STYPE = int, SORTOP = >);\n"
		 "CREATE VIEW w AS SELECT my_sum(a), s.my_max(b) FROM t;\n"
		 "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT my_sum(a) FROM t; END;\n"
		 "ALTER AGGREGATE my_sum(int) SET SCHEMA s;\n"
		 "ALTER AGGREGATE s.my_max(int) SET SCHEMA public;\n"
		 "ALTER ROUTINE s.my_sum(int) SET SCHEMA public;\n"
		 "ALTER ROUTINE my_sum(int) SET SCHEMA s;\n"},
		{"RENAME of a language: its grants follow, and the name is free again",
		 "CREATE TRUSTED LANGUAGE plx HANDLER plpgsql_call_handler;\n"
		 "REVOKE USAGE ON LANGUAGE plx FROM PUBLIC;\n"
		 "GRANT USAGE ON LANGUAGE plx TO pg_monitor WITH GRANT OPTION;\n"
		 "ALTER LANGUAGE plx RENAME TO ply;\n"
		 "GRANT USAGE ON LANGUAGE ply TO pg_read_all_data;\n"
		 "CREATE TRUSTED LANGUAGE plx HANDLER plpgsql_call_handler;\n"
		 "GRANT USAGE ON LANGUAGE plx TO pg_signal_backend;\n"},
	};
	for (size_t i = 0; i < sizeof(renamed) / sizeof(renamed[0]); i++)
		agree(url, renamed[i][0], renamed[i][1]);
	/* extensions' operator classes and operators: the server qualifies
	 * them, leaves a default class out and quotes class options */
	static const char *const ext_cases[][3] = {
		{"pg_trgm classes", "pg_trgm",
		 "CREATE EXTENSION pg_trgm;\n"
		 "CREATE TABLE r (name text, CHECK (name % 'abc'));\n"
		 "CREATE INDEX i ON r USING gin (name gin_trgm_ops);\n"
		 "CREATE INDEX i2 ON r USING gist (name gist_trgm_ops(siglen=32));\n"
		 "CREATE INDEX i3 ON r USING gin (name public.gin_trgm_ops);\n"},
		{"citext operators", "citext",
		 "CREATE EXTENSION citext;\n"
		 "CREATE TABLE u (email citext, CHECK (email <> ''::citext), CHECK (email = 'x'),\n"
		 "  CHECK (email IN ('a', 'b')), CHECK (email = ANY (ARRAY['c'::citext])),\n"
		 "  EXCLUDE (email WITH =));\n"
		 "CREATE TABLE w (c citext, EXCLUDE USING btree (c citext_ops WITH =));\n"
		 "CREATE INDEX w1 ON w (c public.citext_ops);\n"
		 "CREATE INDEX w2 ON w (c citext_pattern_ops);\n"},
		{"btree_gist exclusions", "btree_gist",
		 "CREATE EXTENSION btree_gist;\n"
		 "CREATE TYPE mood AS ENUM ('a', 'b');\n"
		 "CREATE TABLE b (id int, m mood, r int4range, v varchar(9),\n"
		 "  EXCLUDE USING gist (id WITH =, r WITH &&),\n"
		 "  EXCLUDE USING gist (m gist_enum_ops WITH =, r range_ops WITH &&));\n"
		 "CREATE INDEX b1 ON b USING gist (id gist_int4_ops, v gist_text_ops);\n"},
		{"hstore and ltree default classes", "hstore ltree",
		 "CREATE EXTENSION hstore;\nCREATE EXTENSION ltree;\n"
		 "CREATE TABLE h (h hstore, p ltree, ps ltree[], CHECK (h ? 'k'));\n"
		 "CREATE INDEX h1 ON h USING gist (h gist_hstore_ops);\n"
		 "CREATE INDEX h2 ON h USING gin (h gin_hstore_ops);\n"
		 "CREATE INDEX h4 ON h USING gist (h gist_hstore_ops(siglen=16));\n"
		 "CREATE INDEX h3 ON h USING gist (p gist_ltree_ops, ps gist__ltree_ops);\n"},
		{"intarray classes", "intarray",
		 "CREATE EXTENSION intarray;\n"
		 "CREATE TABLE a (xs int[], ys int[]);\n"
		 "CREATE INDEX a1 ON a USING gist (xs gist__int_ops);\n"
		 "CREATE INDEX a2 ON a USING gin (ys gin__int_ops);\n"},
		{"built-in default classes", "plpgsql",
		 "CREATE TABLE z (v varchar(10), c cidr, a int[], id serial, n numeric(10,2),\n"
		 "  ts timestamp(3));\n"
		 "CREATE INDEX z1 ON z (v text_ops, c inet_ops, n numeric_ops);\n"
		 "CREATE INDEX z2 ON z USING gin (a array_ops);\n"
		 "CREATE INDEX z3 ON z (id int4_ops, ts pg_catalog.timestamp_ops, v varchar_ops);\n"
		 "CREATE INDEX z4 ON z (v text_pattern_ops);\n"},
		{"an extension's class in its own schema", "pg_trgm hstore",
		 "CREATE SCHEMA ext;\n"
		 "CREATE EXTENSION pg_trgm SCHEMA ext;\nCREATE EXTENSION hstore SCHEMA ext;\n"
		 "SET search_path = public, ext;\n"
		 "CREATE TABLE r (name text, h ext.hstore);\n"
		 "CREATE INDEX i ON r USING gin (name gin_trgm_ops);\n"
		 "CREATE INDEX i2 ON r USING gist (h gist_hstore_ops);\n"
		 "CREATE INDEX i3 ON r USING gist (name ext.gist_trgm_ops);\n"
		 "CREATE INDEX i4 ON r USING gist (name gist_trgm_ops(siglen=24));\n"},
		{"pgvector classes and operators", "vector",
		 "CREATE EXTENSION vector;\n"
		 "CREATE TABLE e (v vector(3), CHECK (v <=> '[1,0,0]' < 2));\n"
		 "CREATE INDEX e1 ON e USING hnsw (v vector_cosine_ops);\n"
		 "CREATE INDEX e2 ON e USING ivfflat (v vector_l2_ops);\n"
		 "CREATE INDEX e3 ON e USING hnsw (v vector_l2_ops);\n"},
	};
	for (size_t i = 0; i < sizeof(ext_cases) / sizeof(ext_cases[0]); i++) {
		char exts[64];
		const char *missing = NULL;
		snprintf(exts, sizeof(exts), "%s", ext_cases[i][1]);
		for (char *e = strtok(exts, " "); e && !missing; e = strtok(NULL, " "))
			if (!offers(url, e))
				missing = ext_cases[i][1];
		if (missing) {
			ok(1, "# SKIP agree: %s: the server offers no %s", ext_cases[i][0],
			   missing);
			ok(1, "# SKIP agree: %s: fields", ext_cases[i][0]);
			continue;
		}
		agree(url, ext_cases[i][0], ext_cases[i][2]);
	}
	for (size_t i = 0; i < sizeof(shuffled) / sizeof(shuffled[0]); i++)
		agree_as(url, shuffled[i][0], shuffled[i][1], shuffled[i][2]);
	agree(url, "a window function",
	      "CREATE FUNCTION rn() RETURNS bigint WINDOW LANGUAGE internal "
	      "AS 'window_row_number';\n");
	test_literals_server(url);
}

int main(void)
{
	if (plumb_ctx_new(&ctx) < 0 || !(A = plumb_arena_new(NULL)))
		return 1;
	ok(plumb_dialect_by_name("pg") != NULL, "pg dialect registered");
	test_canon();
	test_literals();
	test_offline();
	test_grants();
	test_grants_json();
	test_fields();
	test_aggregates();
	test_agree();
	plumb_arena_free(A);
	plumb_ctx_free(ctx);
	return done_testing();
}
