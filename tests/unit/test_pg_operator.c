/*
 * Operators and casts (offline_operator.c, introspect_operator.c,
 * operator.c): each form read offline into its canonical text, the errors a
 * server gives for them, DROP with its dependents, and agreement with the
 * server (the SQL run on it and introspected equals the offline catalog).
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/pg.h"
#include "diff/diff.h"
#include "tap.h"

static plumb_ctx *ctx;
static plumb_arena *A;

static plumb_catalog *load(const char *sql, int *rc)
{
	plumb_sql_file f = {"schema.sql", sql, strlen(sql)};
	plumb_vec files = {0};
	plumb_catalog *cat = NULL;
	plumb_vec_push(A, &files, &f);
	*rc = plumb__pg_load_schema(ctx, A, &files, &cat);
	return cat;
}

static const char fns[] =
	"CREATE FUNCTION rev_match(text, text) RETURNS boolean LANGUAGE sql IMMUTABLE "
	"AS $$ SELECT textregexeq($2, $1) $$;\n"
	"CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
	"CREATE FUNCTION mood_lt(mood, mood) RETURNS boolean LANGUAGE sql IMMUTABLE "
	"AS $$ SELECT $1 < $2 $$;\n"
	"CREATE FUNCTION mood_ge(mood, mood) RETURNS boolean LANGUAGE sql IMMUTABLE "
	"AS $$ SELECT $1 >= $2 $$;\n"
	"CREATE FUNCTION mood_gt(mood, mood) RETURNS boolean LANGUAGE sql IMMUTABLE "
	"AS $$ SELECT $1 > $2 $$;\n"
	"CREATE FUNCTION neg(integer) RETURNS integer LANGUAGE sql IMMUTABLE "
	"AS $$ SELECT -$1 $$;\n";

/* {name, SQL after fns}: agree cases, their objects checked offline below. */
static const char *const cases[][2] = {
	{"operator: pg_dump's form",
	 "CREATE OPERATOR public.~<< (\n    FUNCTION = public.rev_match,\n"
	 "    LEFTARG = text,\n    RIGHTARG = text\n);\n"},
	{"operator: commutator pair, negator, estimators, HASHES, MERGES",
	 "CREATE OPERATOR <<< (PROCEDURE = mood_lt, LEFTARG = mood, RIGHTARG = mood, "
	 "COMMUTATOR = >>>, NEGATOR = >>=, RESTRICT = scalarltsel, JOIN = scalarltjoinsel);\n"
	 "CREATE OPERATOR >>> (PROCEDURE = mood_gt, LEFTARG = mood, RIGHTARG = mood, "
	 "COMMUTATOR = <<<);\n"
	 "CREATE OPERATOR >>= (PROCEDURE = mood_ge, LEFTARG = mood, RIGHTARG = mood);\n"
	 "CREATE OPERATOR === (FUNCTION = texteq, LEFTARG = text, RIGHTARG = text, "
	 "COMMUTATOR = OPERATOR(public.===), HASHES, MERGES);\n"},
	{"operator: prefix, in a schema, used by a view, a check and an index",
	 "CREATE SCHEMA ops;\n"
	 "CREATE OPERATOR ops.!- (FUNCTION = neg, RIGHTARG = integer);\n"
	 "CREATE OPERATOR ~<< (FUNCTION = rev_match, LEFTARG = text, RIGHTARG = text);\n"
	 "CREATE TABLE t (a text, b text, n integer CHECK (OPERATOR(ops.!-) n < 0));\n"
	 "CREATE VIEW v AS SELECT a ~<< b AS m, OPERATOR(ops.!-) n AS k FROM t;\n"
	 "CREATE INDEX t_m ON t ((a ~<< b));\n"},
	{"operator: ALTER OPERATOR SET, DROP OPERATOR, an existing one's commutator",
	 "CREATE OPERATOR >>> (PROCEDURE = mood_gt, LEFTARG = mood, RIGHTARG = mood);\n"
	 "CREATE OPERATOR <<< (PROCEDURE = mood_lt, LEFTARG = mood, RIGHTARG = mood, "
	 "COMMUTATOR = >>>);\n"
	 "CREATE OPERATOR ~<< (FUNCTION = rev_match, LEFTARG = text, RIGHTARG = text);\n"
	 "ALTER OPERATOR ~<< (text, text) SET (RESTRICT = eqsel, JOIN = eqjoinsel);\n"
	 "ALTER OPERATOR <<< (mood, mood) SET (RESTRICT = NONE);\n"
	 "CREATE OPERATOR !- (FUNCTION = neg, RIGHTARG = integer);\n"
	 "DROP OPERATOR !- (NONE, integer);\n"
	 "DROP OPERATOR IF EXISTS !- (NONE, integer);\n"},
	{"cast: WITH FUNCTION, WITHOUT FUNCTION, WITH INOUT, DROP CAST",
	 "CREATE FUNCTION int_mood(integer) RETURNS mood LANGUAGE sql IMMUTABLE "
	 "AS $$ SELECT 'ok'::mood $$;\n"
	 "CREATE CAST (integer AS mood) WITH FUNCTION int_mood(integer) AS ASSIGNMENT;\n"
	 "CREATE TYPE pair AS (a integer, b integer);\n"
	 "CREATE CAST (text AS pair) WITH INOUT AS IMPLICIT;\n"
	 "CREATE CAST (money AS bigint) WITHOUT FUNCTION;\n"
	 "CREATE CAST (pair AS text) WITH INOUT;\n"
	 "DROP CAST (pair AS text);\n"
	 "CREATE FUNCTION mood_int(mood) RETURNS integer LANGUAGE sql IMMUTABLE "
	 "AS $$ SELECT 1 $$;\n"
	 "CREATE CAST (mood AS integer) WITH FUNCTION public.mood_int;\n"},
	{"text search: dictionaries and a configuration as pg_dump writes them",
	 "CREATE TEXT SEARCH DICTIONARY public.english_stem_nostop (\n"
	 "    TEMPLATE = pg_catalog.snowball,\n    language = 'english' );\n"
	 "CREATE TEXT SEARCH DICTIONARY keep (TEMPLATE = simple, accept = false, "
	 "stopwords = english);\n"
	 "CREATE TEXT SEARCH CONFIGURATION public.en_nostop (\n"
	 "    PARSER = pg_catalog.\"default\" );\n"
	 "ALTER TEXT SEARCH CONFIGURATION public.en_nostop\n"
	 "    ADD MAPPING FOR asciiword WITH public.english_stem_nostop;\n"
	 "ALTER TEXT SEARCH CONFIGURATION public.en_nostop\n"
	 "    ADD MAPPING FOR hword_asciipart, asciihword WITH keep, english_stem;\n"
	 "ALTER TEXT SEARCH CONFIGURATION public.en_nostop\n"
	 "    ADD MAPPING FOR numword WITH simple;\n"
	 "CREATE TABLE docs (body text, tsv tsvector GENERATED ALWAYS AS "
	 "(to_tsvector('public.en_nostop'::regconfig, body)) STORED);\n"
	 "CREATE INDEX docs_body ON docs USING gin (to_tsvector('en_nostop'::regconfig, body));\n"},
	{"text search: COPY, ALTER, REPLACE and DROP MAPPING, DROP",
	 "CREATE TEXT SEARCH DICTIONARY stem (TEMPLATE = snowball, language = english);\n"
	 "CREATE TEXT SEARCH CONFIGURATION base (PARSER = default);\n"
	 "ALTER TEXT SEARCH CONFIGURATION base ADD MAPPING FOR word, asciiword WITH stem;\n"
	 "ALTER TEXT SEARCH CONFIGURATION base ADD MAPPING FOR int, uint WITH simple;\n"
	 "CREATE TEXT SEARCH CONFIGURATION copy2 (COPY = base);\n"
	 "ALTER TEXT SEARCH CONFIGURATION copy2 ALTER MAPPING FOR word WITH simple;\n"
	 "ALTER TEXT SEARCH CONFIGURATION copy2 DROP MAPPING FOR uint;\n"
	 "ALTER TEXT SEARCH CONFIGURATION copy2 DROP MAPPING IF EXISTS FOR email;\n"
	 "ALTER TEXT SEARCH CONFIGURATION copy2 ALTER MAPPING REPLACE stem WITH english_stem;\n"
	 "CREATE TEXT SEARCH DICTIONARY gone (TEMPLATE = simple);\n"
	 "DROP TEXT SEARCH DICTIONARY gone;\n"
	 "CREATE TEXT SEARCH CONFIGURATION gone_too (COPY = base);\n"
	 "DROP TEXT SEARCH CONFIGURATION gone_too;\n"},
};

static const char *with_fns(const char *sql)
{
	return plumb_arena_printf(A, "%s%s", fns, sql);
}

/* Each case read offline: the objects there, with their canonical texts. */
static void test_offline(void)
{
	static const char *const want[][4] = {
		{"0", "public", "~<<(text, text)",
		 "CREATE OPERATOR \"public\".~<< (FUNCTION = \"rev_match\", LEFTARG = text, "
		 "RIGHTARG = text)"},
		{"1", "public", "<<<(mood, mood)",
		 "CREATE OPERATOR \"public\".<<< (FUNCTION = \"mood_lt\", LEFTARG = mood, "
		 "RIGHTARG = mood, COMMUTATOR = >>>, NEGATOR = >>=, RESTRICT = \"scalarltsel\", "
		 "JOIN = \"scalarltjoinsel\")"},
		{"1", "public", "===(text, text)",
		 "CREATE OPERATOR \"public\".=== (FUNCTION = \"texteq\", LEFTARG = text, "
		 "RIGHTARG = text, COMMUTATOR = ===, HASHES, MERGES)"},
		{"2", "ops", "!-(NONE, integer)",
		 "CREATE OPERATOR \"ops\".!- (FUNCTION = \"neg\", RIGHTARG = integer)"},
		{"3", "public", "~<<(text, text)",
		 "CREATE OPERATOR \"public\".~<< (FUNCTION = \"rev_match\", LEFTARG = text, "
		 "RIGHTARG = text, RESTRICT = \"eqsel\", JOIN = \"eqjoinsel\")"},
		{"1", "public", ">>=(mood, mood)",
		 "CREATE OPERATOR \"public\".>>= (FUNCTION = \"mood_ge\", LEFTARG = mood, "
		 "RIGHTARG = mood, NEGATOR = <<<)"},
		{"3", "public", ">>>(mood, mood)",
		 "CREATE OPERATOR \"public\".>>> (FUNCTION = \"mood_gt\", LEFTARG = mood, "
		 "RIGHTARG = mood, COMMUTATOR = <<<)"},
		{"4", NULL, "(integer AS mood)",
		 "CREATE CAST (integer AS mood) WITH FUNCTION \"int_mood\"(integer) AS ASSIGNMENT"},
		{"4", NULL, "(text AS pair)", "CREATE CAST (text AS pair) WITH INOUT AS IMPLICIT"},
		{"4", NULL, "(money AS bigint)", "CREATE CAST (money AS bigint) WITHOUT FUNCTION"},
		{"4", NULL, "(mood AS integer)",
		 "CREATE CAST (mood AS integer) WITH FUNCTION \"mood_int\"(mood)"},
	};
	static const char *const ts[][4] = {
		{"5", "d", "keep",
		 "CREATE TEXT SEARCH DICTIONARY \"public\".\"keep\" (TEMPLATE = \"simple\", "
		 "accept = 'false', stopwords = 'english')"},
		{"5", "c", "en_nostop",
		 "CREATE TEXT SEARCH CONFIGURATION \"public\".\"en_nostop\" (PARSER = "
		 "\"default\");\n"
		 "ALTER TEXT SEARCH CONFIGURATION \"public\".\"en_nostop\" ADD MAPPING FOR "
		 "asciiword WITH \"english_stem_nostop\";\n"
		 "ALTER TEXT SEARCH CONFIGURATION \"public\".\"en_nostop\" ADD MAPPING FOR "
		 "numword WITH \"simple\";\n"
		 "ALTER TEXT SEARCH CONFIGURATION \"public\".\"en_nostop\" ADD MAPPING FOR "
		 "hword_asciipart WITH \"keep\", \"english_stem\";\n"
		 "ALTER TEXT SEARCH CONFIGURATION \"public\".\"en_nostop\" ADD MAPPING FOR "
		 "asciihword WITH \"keep\", \"english_stem\""},
		{"6", "c", "copy2",
		 "CREATE TEXT SEARCH CONFIGURATION \"public\".\"copy2\" (PARSER = \"default\");\n"
		 "ALTER TEXT SEARCH CONFIGURATION \"public\".\"copy2\" ADD MAPPING FOR "
		 "asciiword WITH \"english_stem\";\n"
		 "ALTER TEXT SEARCH CONFIGURATION \"public\".\"copy2\" ADD MAPPING FOR "
		 "word WITH \"simple\";\n"
		 "ALTER TEXT SEARCH CONFIGURATION \"public\".\"copy2\" ADD MAPPING FOR "
		 "int WITH \"simple\""},
	};
	for (size_t i = 0; i < sizeof(ts) / sizeof(ts[0]); i++) {
		int rc;
		plumb_catalog *cat = load(with_fns(cases[atoi(ts[i][0])][1]), &rc);
		plumb_obj_kind k = ts[i][1][0] == 'd' ? PLUMB_OBJ_TS_DICT : PLUMB_OBJ_TS_CONFIG;
		const plumb_object *o = cat ? plumb_catalog_find(cat, k, "public", ts[i][2]) : NULL;
		if (rc < 0)
			plumb_error_clear(ctx);
		is_str(o ? o->definition : NULL, ts[i][3], "%s read offline", ts[i][2]);
	}
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		int rc;
		plumb_catalog *cat = load(with_fns(cases[atoi(want[i][0])][1]), &rc);
		plumb_obj_kind k = want[i][1] ? PLUMB_OBJ_OPERATOR : PLUMB_OBJ_CAST;
		const plumb_object *o =
			cat ? plumb_catalog_find(cat, k, want[i][1], want[i][2]) : NULL;
		if (rc < 0)
			plumb_error_clear(ctx);
		is_str(o ? o->definition : NULL, want[i][3], "%s read offline", want[i][2]);
	}
	int rc;
	plumb_catalog *cat = load(with_fns(cases[3][1]), &rc);
	ok(cat && !plumb_catalog_find(cat, PLUMB_OBJ_OPERATOR, "public", "!-(NONE, integer)"),
	   "DROP OPERATOR forgets it");
	cat = load(with_fns(cases[4][1]), &rc);
	ok(cat && !plumb_catalog_find(cat, PLUMB_OBJ_CAST, NULL, "(pair AS text)"),
	   "DROP CAST forgets it");
}

/* {SQL after fns, the error's message, or NULL: reads} */
static void test_errors(void)
{
	static const char *const cases_[][2] = {
		{"CREATE OPERATOR ~<< (LEFTARG = text, RIGHTARG = text);",
		 "operator function must be specified"},
		{"CREATE OPERATOR ~<< (FUNCTION = rev_match, LEFTARG = text, RIGHTARG = text);\n"
		 "CREATE OPERATOR ~<< (FUNCTION = rev_match, LEFTARG = text, RIGHTARG = text);",
		 "operator ~<<(text, text) already exists"},
		{"DROP OPERATOR ~<< (text, text);",
		 "operator does not exist: public.~<<(text, text)"},
		{"CREATE OPERATOR ~<< (FUNCTION = rev_match, LEFTARG = text, RIGHTARG = text);\n"
		 "DROP FUNCTION rev_match(text, text);",
		 "cannot drop function rev_match(text, text) because other objects depend on it"},
		{"CREATE OPERATOR ~<< (FUNCTION = rev_match, LEFTARG = text, RIGHTARG = text);\n"
		 "DROP FUNCTION rev_match(text, text) CASCADE;",
		 NULL},
		{"CREATE OPERATOR ~<< (FUNCTION = rev_match, LEFTARG = text, RIGHTARG = text);\n"
		 "CREATE VIEW v AS SELECT 'a' ~<< 'b' AS m;\n"
		 "DROP OPERATOR ~<< (text, text);",
		 "cannot drop operator ~<<(text, text) because other objects depend on it"},
		{"DROP CAST (text AS mood);", "cast from type text to type mood does not exist"},
		{"CREATE CAST (text AS mood) WITH INOUT;\nCREATE CAST (text AS mood) WITH INOUT;",
		 "cast from type text to type mood already exists"},
		{"CREATE TEXT SEARCH CONFIGURATION c (COPY = english);",
		 "COPY of text search configuration \"english\" cannot be read without a server"},
		{"CREATE TEXT SEARCH DICTIONARY d (TEMPLATE = simple);\n"
		 "CREATE TEXT SEARCH CONFIGURATION c (PARSER = default);\n"
		 "ALTER TEXT SEARCH CONFIGURATION c ADD MAPPING FOR word WITH d;\n"
		 "DROP TEXT SEARCH DICTIONARY d;",
		 "cannot drop text search dictionary d because other objects depend on it"},
		{"CREATE TEXT SEARCH CONFIGURATION c (PARSER = default);\n"
		 "ALTER TEXT SEARCH CONFIGURATION c ADD MAPPING FOR wordy WITH simple;",
		 "token type \"wordy\" does not exist"},
	};
	for (size_t i = 0; i < sizeof(cases_) / sizeof(cases_[0]); i++) {
		int rc;
		plumb_catalog *cat = load(with_fns(cases_[i][0]), &rc);
		const char *msg = rc < 0 ? plumb_ctx_error(ctx)->message : NULL;
		if (!cases_[i][1]) {
			ok(cat && rc == 0, "reads: case %zu", i);
			if (msg)
				printf("#   %s\n", msg);
		} else {
			ok(msg && strstr(msg, cases_[i][1]) != NULL, "error: %s", cases_[i][1]);
			if (msg && !strstr(msg, cases_[i][1]))
				printf("#   got: %s\n", msg);
		}
		plumb_error_clear(ctx);
	}
}

static void agree(const char *url, const char *name, const char *sql)
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
		plumb_sql_file f = {name, sql, strlen(sql)};
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
		ok(live->unmanaged.n == 0, "agree: %s: nothing left unmanaged", name);
	}
	plumb_arena_free(a);
}

static void test_agree(void)
{
	const char *url = getenv("PLUMB_PG_URL");
	if (!url) {
		ok(1, "# SKIP no PLUMB_PG_URL");
		return;
	}
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		agree(url, cases[i][0], with_fns(cases[i][1]));
}

int main(void)
{
	if (plumb_ctx_new(&ctx) < 0 || !(A = plumb_arena_new(NULL)))
		return 1;
	test_offline();
	test_errors();
	test_agree();
	plumb_arena_free(A);
	plumb_ctx_free(ctx);
	return done_testing();
}
