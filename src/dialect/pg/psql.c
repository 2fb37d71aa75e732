/*
 * psql's meta-commands in a SQL file. pg_dump writes `\restrict KEY` and
 * `\unrestrict KEY` around its output (PostgreSQL 13.22, 14.19, 15.14, 16.10,
 * 17.6 and later), and hand-written scripts start with `\set ON_ERROR_STOP
 * 1`: psql runs them, the server never sees them. Those that only change
 * how psql itself behaves are blanked out, byte for byte, so every location
 * stays where it was; any other (`\i`, `\connect`, `\copy`, `\gexec`, `\if`)
 * would change what runs, and is an error naming it. A backslash first on
 * its line is a meta-command when libpg_query's scanner, run from the last
 * one, ends outside any string, comment and body there: one inside a string
 * or a function body is left alone. Only the SQL between meta-commands is
 * scanned, since what follows a backslash is psql's, not SQL (pg_dump's
 * \restrict key may start with a digit, which the scanner refuses).
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

/* Does text (the part of a file after a point outside any token) end
 * outside any string, quoted name, comment and dollar-quoted body? The
 * scanner fails on one left open. */
static bool ends_outside(char *text, size_t end)
{
	char c = text[end];
	text[end] = '\0';
	PgQueryScanResult r = pg_query_scan(text);
	bool ok = !r.error;
	pg_query_free_scan_result(r);
	text[end] = c;
	return ok;
}

int plumb__pg_psql_blank(plumb_ctx *ctx, plumb_arena *arena, const char *text, const char *file,
			 const char **out)
{
	*out = text;
	char *copy = NULL;
	size_t len = 0, from = 0; /* from: a point outside any token, where the scan goes on */
	for (const char *p = text; (p = strchr(p, '\\')); p++) {
		const char *b = p;
		while (b > text && (b[-1] == ' ' || b[-1] == '\t'))
			b--;
		if (b > text && b[-1] != '\n')
			continue;
		if (!copy) {
			len = strlen(text);
			if (!(copy = plumb_arena_strndup(arena, text, len)))
				return plumb_error_nomem(ctx);
		}
		size_t at = (size_t)(p - text), line = (size_t)(b - text);
		/* a line of a string or body that starts with a backslash; the
		 * next one is scanned from the same point again */
		if (!ends_outside(copy + from, line - from))
			continue;
		size_t name = at + 1, end = name;
		while (end < len && text[end] != '\n' && text[end] != ' ' && text[end] != '\t' &&
		       text[end] != '\r')
			end++;
		if (!harmless(text + name, end - name)) {
			int ln = 0, col = 0;
			plumb_text_position(text, at, &ln, &col);
			return plumb_error_set_at(
				ctx, PLUMB_EPARSE, file, file ? ln : 0, file ? col : 0,
				"psql meta-command \\%.*s: plumb reads SQL, and of psql's own "
				"commands only those that change nothing the server sees (\\set, "
				"\\restrict, \\echo, ...); write its effect as SQL",
				(int)(end - name > 40 ? 40 : end - name), text + name);
		}
		while (end < len && text[end] != '\n')
			end++;
		memset(copy + at, ' ', end - at);
		from = end;
		p = text + (end > at ? end - 1 : at);
	}
	if (copy)
		*out = copy;
	return 0;
}
