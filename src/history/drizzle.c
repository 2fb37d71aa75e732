/*
 * Reads a drizzle-kit migrations folder as it is: meta/_journal.json lists
 * the migrations, each TAG.sql, and every fact plumb derives from them is the
 * one drizzle-orm's migrator derives (readMigrationFiles in
 * drizzle-orm/src/migrator.ts): the text read as UTF-8 the way Node.js reads
 * it, its SHA-256 as the hash, the journal's `when` as created_at. It writes
 * nothing; snapshots (meta/NNNN_snapshot.json) are drizzle-kit's and unread.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "history/history.h"

/* --- text as Node.js reads it ------------------------------------------------ */

/* Appends the UTF-8 of U+FFFD. */
static char *put_fffd(char *o)
{
	*o++ = (char)0xEF;
	*o++ = (char)0xBF;
	*o++ = (char)0xBD;
	return o;
}

/* The WHATWG UTF-8 decoder (which Buffer.toString('utf8') follows): valid
 * sequences are kept, each maximal invalid subpart becomes one U+FFFD. */
int plumb__history_drizzle_text(plumb_ctx *ctx, plumb_arena *arena, const char *raw,
				size_t raw_len, char **text, size_t *len)
{
	const unsigned char *in = (const unsigned char *)raw;
	/* each invalid byte becomes at most three */
	char *out = plumb_arena_alloc(arena, raw_len * 3 + 1), *o = out;
	if (!out)
		return plumb_error_nomem(ctx);
	size_t i = 0;
	while (i < raw_len) {
		unsigned char b = in[i];
		int need;
		unsigned char lo = 0x80, hi = 0xBF;
		if (b < 0x80) {
			*o++ = (char)b;
			i++;
			continue;
		} else if (b >= 0xC2 && b <= 0xDF) {
			need = 1;
		} else if (b >= 0xE0 && b <= 0xEF) {
			need = 2;
			if (b == 0xE0)
				lo = 0xA0;
			if (b == 0xED)
				hi = 0x9F;
		} else if (b >= 0xF0 && b <= 0xF4) {
			need = 3;
			if (b == 0xF0)
				lo = 0x90;
			if (b == 0xF4)
				hi = 0x8F;
		} else {
			o = put_fffd(o);
			i++;
			continue;
		}
		size_t j = i + 1;
		int seen = 0;
		while (seen < need && j < raw_len && in[j] >= lo && in[j] <= hi) {
			lo = 0x80;
			hi = 0xBF;
			j++;
			seen++;
		}
		if (seen == need) {
			memcpy(o, in + i, j - i);
			o += j - i;
		} else {
			/* the lead byte and the continuation bytes taken so far; the
			 * byte that broke the sequence is read again on its own */
			o = put_fffd(o);
		}
		i = j;
	}
	*o = '\0';
	*text = out;
	*len = (size_t)(o - out);
	return 0;
}

/* --- checksums ----------------------------------------------------------------- */

/* SHA-256 of text with every line end as LF (crlf false) or CRLF (true). */
static int eol_checksum(plumb_ctx *ctx, plumb_arena *arena, const char *text, size_t len,
			bool crlf, char out[65])
{
	size_t n_lf = 0;
	for (size_t i = 0; i < len; i++)
		n_lf += text[i] == '\n';
	char *buf = plumb_arena_alloc(arena, len + n_lf + 1), *o = buf;
	if (!buf)
		return plumb_error_nomem(ctx);
	for (size_t i = 0; i < len; i++) {
		if (text[i] == '\r' && i + 1 < len && text[i + 1] == '\n')
			continue;
		if (text[i] == '\n' && crlf)
			*o++ = '\r';
		*o++ = text[i];
	}
	plumb_sha256_hex(buf, (size_t)(o - buf), out);
	return 0;
}

/* --- the journal ------------------------------------------------------------------ */

static int cmp_migration(const void *a, const void *b)
{
	const plumb_migration *x = *(const plumb_migration *const *)a;
	const plumb_migration *y = *(const plumb_migration *const *)b;
	size_t nx = strlen(x->version), ny = strlen(y->version);
	if (nx != ny)
		return nx < ny ? -1 : 1;
	return strcmp(x->version, y->version);
}

/* The journal's dialect as plumb names engines; NULL for others. */
static const char *engine_of(const char *dialect)
{
	if (!strcmp(dialect, "postgresql") || !strcmp(dialect, "postgres") ||
	    !strcmp(dialect, "pg"))
		return "pg";
	if (!strcmp(dialect, "sqlite") || !strcmp(dialect, "turso"))
		return "sqlite";
	return NULL;
}

/* A tag names a file in the folder: no path separators, no leading dot. */
static bool tag_ok(const char *tag)
{
	return *tag && *tag != '.' && !strchr(tag, '/') && !strchr(tag, '\\');
}

static int journal_error(plumb_ctx *ctx, const char *path, int line, const char *what, long idx)
{
	if (idx >= 0)
		return plumb_error_set_at(ctx, PLUMB_EPARSE, path, line, 0,
					  "invalid drizzle-kit journal: entry %ld: %s", idx, what);
	return plumb_error_set_at(ctx, PLUMB_EPARSE, path, line, 0,
				  "invalid drizzle-kit journal: %s", what);
}

static int read_entry(plumb_ctx *ctx, plumb_arena *arena, const char *dir, const char *jpath,
		      json_t *e, long i, plumb_migration **out)
{
	int rc = 0;
	json_t *tag = json_object_get(e, "tag"), *when = json_object_get(e, "when");
	if (!json_is_object(e))
		return journal_error(ctx, jpath, 0, "not an object", i);
	if (!json_is_string(tag) || !tag_ok(json_string_value(tag)))
		return journal_error(ctx, jpath, 0, "\"tag\" must name a file of the folder", i);
	long long ms;
	if (json_is_integer(when)) {
		ms = json_integer_value(when);
	} else if (json_is_real(when)) {
		double d = json_real_value(when);
		/* a double outside long long's range has no conversion (it is
		 * undefined behaviour): refuse it before casting */
		if (!(d >= -9223372036854775808.0 && d < 9223372036854775808.0))
			return journal_error(ctx, jpath, 0,
					     "\"when\" is out of range (at most "
					     "9223372036854775807 milliseconds)",
					     i);
		if (d != (double)(long long)d)
			return journal_error(ctx, jpath, 0,
					     "\"when\" must be a whole number of milliseconds", i);
		ms = (long long)d;
	} else {
		return journal_error(ctx, jpath, 0, "\"when\" must be a whole number of milliseconds",
				     i);
	}
	if (ms < 0)
		return journal_error(ctx, jpath, 0, "\"when\" must not be negative", i);

	plumb_migration *m = plumb_arena_alloc(arena, sizeof(*m));
	if (!m)
		return plumb_error_nomem(ctx);
	m->version = plumb_arena_printf(arena, "%lld", ms);
	m->name = plumb_arena_strdup(arena, json_string_value(tag));
	m->file_name = plumb_arena_printf(arena, "%s.sql", json_string_value(tag));
	m->path = m->file_name ? plumb_path_join(arena, dir, m->file_name) : NULL;
	if (!m->version || !m->name || !m->path)
		return plumb_error_nomem(ctx);
	m->breakpoints = true; /* drizzle-orm splits every file, whatever "breakpoints" says */
	if (!plumb_fs_exists(m->path)) {
		rc = plumb_error_set_at(ctx, PLUMB_ENOTFOUND, m->path, 0, 0,
					"no file %s for entry %ld of the drizzle-kit journal",
					m->file_name, i);
		plumb_error_set_hint(ctx, "drizzle-orm's migrate() fails the same way; restore the "
					  "file or remove its entry from %s",
					  PLUMB_DRIZZLE_JOURNAL);
		return rc;
	}
	char *raw, *text;
	size_t raw_len;
	if ((rc = plumb_fs_read(ctx, arena, m->path, &raw, &raw_len)) < 0)
		return rc;
	if ((rc = plumb__history_drizzle_text(ctx, arena, raw, raw_len, &text, &m->len)) < 0)
		return rc;
	m->sql = text;
	plumb_sha256_hex(m->sql, m->len, m->checksum);
	plumb_arena *tmp = plumb_arena_new(arena);
	if (!tmp)
		return plumb_error_nomem(ctx);
	rc = eol_checksum(ctx, tmp, m->sql, m->len, false, m->checksum_lf);
	if (!rc)
		rc = eol_checksum(ctx, tmp, m->sql, m->len, true, m->checksum_crlf);
	plumb_arena_free(tmp);
	if (rc < 0)
		return rc;
	if ((rc = plumb__history_read_directives(ctx, m)) < 0)
		return rc;
	*out = m;
	return 0;
}

int plumb__history_load_drizzle(plumb_ctx *ctx, plumb_arena *arena, const char *dir,
				plumb_history *h)
{
	int rc = 0;
	json_t *root = NULL;
	char *jpath = plumb_path_join(arena, dir, PLUMB_DRIZZLE_JOURNAL), *text;
	size_t len;
	json_error_t jerr;

	h->format = PLUMB_HISTORY_DRIZZLE;
	h->has_sum = false;
	if (!jpath) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb_fs_read(ctx, arena, jpath, &text, &len)) < 0)
		goto done;
	if (!(root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &jerr))) {
		rc = plumb_error_set_at(ctx, PLUMB_EPARSE, jpath, jerr.line, jerr.column,
					"invalid drizzle-kit journal: %s", jerr.text);
		goto done;
	}
	json_t *dialect = json_object_get(root, "dialect");
	json_t *entries = json_object_get(root, "entries");
	if (!json_is_object(root) || !json_is_array(entries)) {
		rc = journal_error(ctx, jpath, 1, "expected an object with an \"entries\" array", -1);
		goto done;
	}
	if (json_is_string(dialect)) {
		h->engine = engine_of(json_string_value(dialect));
		if (!h->engine) {
			rc = plumb_error_set_at(ctx, PLUMB_EUSAGE, jpath, 0, 0,
						"drizzle-kit folder for %s: plumb reads those for "
						"postgresql and sqlite",
						json_string_value(dialect));
			goto done;
		}
	}
	for (size_t i = 0; i < json_array_size(entries); i++) {
		plumb_migration *m = NULL;
		if ((rc = read_entry(ctx, arena, dir, jpath, json_array_get(entries, i), (long)i,
				     &m)) < 0)
			goto done;
		if (plumb_vec_push(arena, &h->migrations, m) < 0) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
	}
	plumb_vec_sort(&h->migrations, cmp_migration);
	/* drizzle-orm records created_at = when, and plumb tells migrations
	 * apart by it: two entries with one `when` cannot be told apart */
	for (size_t i = 1; i < h->migrations.n; i++) {
		const plumb_migration *a = h->migrations.items[i - 1], *b = h->migrations.items[i];
		if (strcmp(a->version, b->version) != 0)
			continue;
		if (rc == 0) {
			rc = plumb_error_set_at(ctx, PLUMB_EINTEGRITY, jpath, 0, 0,
						"two journal entries have \"when\" %s: \"%s\" and "
						"\"%s\"",
						b->version, a->name, b->name);
			plumb_error_set_hint(ctx, "drizzle-orm records a migration by its \"when\" "
						  "(created_at); give one of them a later value");
		} else {
			plumb_error_add_detail(ctx, "\"when\" %s: \"%s\" and \"%s\"", b->version,
					       a->name, b->name);
		}
	}
done:
	json_decref(root);
	return rc;
}
