/* Fuzz target: how a PostgreSQL migration run statement by statement
 * (-- plumb:no-transaction) is cut into statements, without a server:
 * plumb__pg_split_statements, the cut plumb__pg_exec_each sends. The input
 * (cut at a NUL, as a file read as text is) is split and the statements
 * checked: in input order, not overlapping, inside the input, each the
 * input's own bytes at its offsets with its line and column, trimmed of
 * blanks, comments and semicolons; and everything left between them is only
 * blanks, semicolons and comments, so no statement text is dropped. A split
 * that fails is a parse error with a position. */
#include "fuzz_util.h"

#include "dialect/pg/pg.h"

/* Whether sql[i, end) is only blanks, semicolons and comments (a comment
 * may run past end: "--" to the end of its line, nested block comments to
 * their close). Written apart from conn.c's own skipping. */
static int only_filler(const char *s, size_t i, size_t end)
{
	while (i < end) {
		char ch = s[i];
		if (ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == ';') {
			i++;
		} else if (ch == '-' && i + 1 < end && s[i + 1] == '-') {
			const char *nl = memchr(s + i, '\n', end - i);
			i = nl ? (size_t)(nl - s) : end;
		} else if (ch == '/' && i + 1 < end && s[i + 1] == '*') {
			int depth = 0;
			do {
				if (s[i] == '/' && i + 1 < end && s[i + 1] == '*') {
					depth++;
					i += 2;
				} else if (s[i] == '*' && i + 1 < end && s[i + 1] == '/') {
					depth--;
					i += 2;
				} else {
					i++;
				}
			} while (i < end && depth > 0);
		} else {
			return 0;
		}
	}
	return 1;
}

static int blank(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == ';';
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	plumb_ctx *ctx;
	if (plumb_ctx_new(&ctx))
		return 0;
	plumb_arena *a = ctx->root;
	char *sql = plumb_arena_strndup(a, (const char *)data, size);
	if (!sql)
		goto done;
	size_t len = strlen(sql), pos = 0;
	plumb_vec stmts;
	int rc = plumb__pg_split_statements(ctx, a, sql, "fuzz.sql", &stmts);
	if (rc < 0) {
		const plumb_error *e = plumb_ctx_error(ctx);
		if (rc != PLUMB_EPARSE && rc != PLUMB_ENOMEM)
			abort(); /* splitting fails only on bad text */
		if (rc == PLUMB_EPARSE && (!e->file || e->line < 1 || e->col < 1 || !e->message))
			abort(); /* a parse error says where */
		goto done;
	}
	for (size_t i = 0; i < stmts.n; i++) {
		const plumb_pg_stmt *st = stmts.items[i];
		if (st->start < pos || st->start >= st->end || st->end > len)
			abort(); /* out of order, overlapping, empty or outside the input */
		if (strlen(st->sql) != st->end - st->start ||
		    memcmp(st->sql, sql + st->start, st->end - st->start) != 0)
			abort(); /* not the input's bytes at its offsets */
		if (blank(st->sql[0]) || blank(st->sql[st->end - st->start - 1]) ||
		    only_filler(st->sql, 0, 2))
			abort(); /* not trimmed */
		if (!only_filler(sql, pos, st->start))
			abort(); /* statement text between two statements dropped */
		int line, col;
		plumb_text_position(sql, st->start, &line, &col);
		if (line != st->line || col != st->col)
			abort(); /* a wrong position */
		pos = st->end;
	}
	if (!only_filler(sql, pos, len))
		abort(); /* statement text after the last statement dropped */
done:
	plumb_ctx_free(ctx);
	return 0;
}
