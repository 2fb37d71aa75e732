/*
 * parse.c: a file parsed a statement at a time gives the tree one call of
 * libpg_query gives (the same statements, locations and lengths, compared
 * packed), and the same error at the same place, whatever the file holds:
 * comments and empty statements between statements, BEGIN ATOMIC bodies
 * (which the scanner cuts at their semicolons), multibyte text, syntax
 * errors before and after such a body, unterminated quotes. No server.
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/canon_int.h"
#include "tap.h"

static plumb_ctx *ctx;
static plumb_arena *A;

static char *packed(const PgQuery__ParseResult *pr, size_t *len)
{
	*len = pg_query__parse_result__get_packed_size(pr);
	char *buf = plumb_arena_alloc(A, *len + 1);
	pg_query__parse_result__pack(pr, (uint8_t *)buf);
	return buf;
}

/* The error of the last call, as "line:col: message". */
static const char *error_text(void)
{
	const plumb_error *e = plumb_ctx_error(ctx);
	char *s = plumb_arena_printf(A, "%d:%d: %s", e->line, e->col, e->message);
	plumb_error_clear(ctx);
	return s;
}

static void same(const char *name, const char *sql)
{
	PgQuery__ParseResult *one = NULL, *each = NULL;
	int rc1 = plumb__pg_parse(ctx, A, sql, "f.sql", &one, NULL);
	const char *err1 = rc1 < 0 ? error_text() : NULL;
	int rc2 = plumb__pg_parse_file(ctx, A, sql, "f.sql", &each);
	const char *err2 = rc2 < 0 ? error_text() : NULL;
	is_int(rc2, rc1, "%s: same result code", name);
	is_str(err2, err1, "%s: same error at the same place", name);
	if (rc1 < 0 || rc2 < 0)
		return;
	is_int(each->n_stmts, one->n_stmts, "%s: same number of statements", name);
	size_t l1, l2;
	const char *p1 = packed(one, &l1), *p2 = packed(each, &l2);
	ok(l1 == l2 && memcmp(p1, p2, l1) == 0, "%s: the same tree, locations included", name);
}

int main(void)
{
	if (plumb_ctx_new(&ctx) < 0 || !(A = plumb_arena_new(NULL)))
		return 1;
	same("plain", "CREATE TABLE a (x int);\nCREATE TABLE b (y text DEFAULT 'q');\n");
	same("comments and empty statements",
	     "-- head\nCREATE TABLE a (x int) /* ; */ ;\n\n  -- c;\nSELECT 1;;  SELECT 2  ;\n"
	     "  SELECT 3\n-- tail\n");
	same("no final semicolon", "CREATE TABLE a (x int); CREATE INDEX ON a (x)");
	same("one statement", "CREATE TABLE a (x int)");
	same("only comments", "-- nothing\n/* at all */\n");
	same("BEGIN ATOMIC",
	     "CREATE TABLE t (x int);\n"
	     "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELECT 2; END;\n"
	     "CREATE VIEW v AS SELECT x FROM t WHERE x > 0;\nCREATE INDEX ON t (x);\n");
	same("dollar quotes and strings with semicolons",
	     "CREATE FUNCTION g() RETURNS void LANGUAGE plpgsql AS $$BEGIN PERFORM 1; END$$;\n"
	     "COMMENT ON TABLE t IS 'a; b';\nCREATE TABLE \"x;y\" (z int);\n");
	same("multibyte text before an error",
	     "COMMENT ON TABLE t IS 'été; ok';\nCREATE TABLE é (x int);\nCREATE TABLEE u (x int);\n");
	same("syntax error in the third statement",
	     "CREATE TABLE a (x int);\nCREATE TABLE b (x int);\nCREATE TABEL c (x int);\n"
	     "CREATE TABLE d (x int);\n");
	same("syntax error after BEGIN ATOMIC",
	     "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END;\n"
	     "CREATE TABLE a (x int);\nSELECT FROM FROM;\n");
	same("syntax error inside BEGIN ATOMIC",
	     "CREATE TABLE a (x int);\n"
	     "CREATE FUNCTION f() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; SELEC 2; END;\n");
	same("unterminated quote", "CREATE TABLE a (x int);\nCOMMENT ON TABLE a IS 'open;\n");
	plumb_arena_free(A);
	plumb_ctx_free(ctx);
	return done_testing();
}
