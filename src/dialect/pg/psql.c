/*
 * psql's meta-commands in a SQL file. pg_dump writes `\restrict KEY` and
 * `\unrestrict KEY` around its output (PostgreSQL 13.22, 14.19, 15.14, 16.10,
 * 17.6 and later), and hand-written scripts start with `\set ON_ERROR_STOP
 * 1`: psql runs them, the server never sees them. Those that only change
 * how psql itself behaves are blanked out, byte for byte, so every location
 * stays where it was; any other (`\i`, `\connect`, `\copy`, `\gexec`, `\if`)
 * would change what runs, and is an error naming it. The meta-commands are
 * found with libpg_query's scanner (a backslash token first on its line), so
 * one inside a string, a comment or a function body is left alone.
 */
#include <string.h>

#include "dialect/pg/canon_int.h"

#include <pg_query.h>

/* The meta-commands psql runs for itself only. */
static bool harmless(const char *name, size_t len)
{
	static const char *const names[] = {"restrict", "unrestrict", "set",   "unset",
					    "echo",     "qecho",      "warn",  "pset",
					    "timing",   "encoding",   "pager", "a",
					    "t",        "x",          "q",     "quit"};
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if (strlen(names[i]) == len && memcmp(names[i], name, len) == 0)
			return true;
	return false;
}

/* Is there a backslash that is the first thing on a line? */
static bool mentioned(const char *text)
{
	for (const char *p = text; (p = strchr(p, '\\')); p++) {
		const char *b = p;
		while (b > text && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b == text || b[-1] == '\n')
			return true;
	}
	return false;
}

int plumb__pg_psql_blank(plumb_ctx *ctx, plumb_arena *arena, const char *text, const char *file,
			 const char **out)
{
	*out = text;
	if (!mentioned(text))
		return 0;
	PgQueryScanResult r = pg_query_scan(text);
	int rc = 0;
	if (r.error) /* an unterminated quote: the parser reports it where it is */
		goto done;
	PgQuery__ScanResult *sr =
		pg_query__scan_result__unpack(NULL, r.pbuf.len, (const uint8_t *)r.pbuf.data);
	if (!sr) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	char *copy = NULL;
	size_t len = strlen(text);
	for (size_t i = 0; i < sr->n_tokens && !rc; i++) {
		const PgQuery__ScanToken *k = sr->tokens[i];
		size_t at = (size_t)k->start, b = at;
		if (k->token != PG_QUERY__TOKEN__ASCII_92 || at >= len)
			continue;
		while (b > 0 && (text[b - 1] == ' ' || text[b - 1] == '\t'))
			b--;
		if (b > 0 && text[b - 1] != '\n')
			continue;
		size_t name = at + 1, end = name;
		while (end < len && text[end] != '\n' && text[end] != ' ' && text[end] != '\t' &&
		       text[end] != '\r')
			end++;
		if (!harmless(text + name, end - name)) {
			int line = 0, col = 0;
			plumb_text_position(text, at, &line, &col);
			rc = plumb_error_set_at(
				ctx, PLUMB_EPARSE, file, file ? line : 0, file ? col : 0,
				"psql meta-command \\%.*s: plumb reads SQL, and of psql's own "
				"commands only those that change nothing the server sees (\\set, "
				"\\restrict, \\echo, ...); write its effect as SQL",
				(int)(end - name > 40 ? 40 : end - name), text + name);
			break;
		}
		if (!copy && !(copy = plumb_arena_strndup(arena, text, len))) {
			rc = plumb_error_nomem(ctx);
			break;
		}
		while (end < len && text[end] != '\n')
			end++;
		memset(copy + at, ' ', end - at);
		/* the scanner read the rest of the line as tokens: skip them */
		while (i + 1 < sr->n_tokens && (size_t)sr->tokens[i + 1]->start < end)
			i++;
	}
	if (!rc && copy)
		*out = copy;
	pg_query__scan_result__free_unpacked(sr, NULL);
done:
	pg_query_free_scan_result(r);
	return rc;
}
