/*
 * Readers of the tools whose history is a folder of SQL files named by
 * version: golang-migrate (VERSION_NAME.up.sql / .down.sql), dbmate
 * (`-- migrate:up` / `-- migrate:down` sections in one file), goose
 * (`-- +goose Up` / `Down` annotations) and a home-made runner (--pattern),
 * and the matchers of their version tables. Formats as the tools document
 * them (their READMEs; runners.md in the project's research notes).
 */
#include <ctype.h>
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include "history/import.h"

static bool digits(const char *s, size_t n)
{
	if (!n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* s without its leading zeros ("0" stays), in arena. */
static const char *strip_zeros(plumb_arena *a, const char *s, size_t n)
{
	while (n > 1 && *s == '0') {
		s++;
		n--;
	}
	return plumb_arena_strndup(a, s, n);
}

static int cmp_version(const void *a, const void *b)
{
	const plumb_import_mig *x = *(const plumb_import_mig *const *)a;
	const plumb_import_mig *y = *(const plumb_import_mig *const *)b;
	int c = plumb__import_numcmp(x->key, y->key);
	return c ? c : strcmp(x->source, y->source);
}

/* Two migrations with one version: an error naming both files. */
static int check_unique(plumb_ctx *ctx, const plumb_vec *migs)
{
	for (size_t i = 1; i < migs->n; i++) {
		const plumb_import_mig *a = migs->items[i - 1], *b = migs->items[i];
		if (plumb__import_numcmp(a->key, b->key) == 0)
			return plumb_error_set_at(ctx, PLUMB_EPARSE, b->source, 0, 0,
						  "two migrations have version %s: %s and %s",
						  b->key, a->source, b->source);
	}
	return 0;
}

static bool truthy(const char *s)
{
	return s &&
	       (!strcmp(s, "t") || !strcmp(s, "true") || !strcmp(s, "1") || !strcmp(s, "TRUE"));
}

/* --- golang-migrate ---------------------------------------------------------- */

/* ^([0-9]+)_(.*)\.(down|up)\.sql$ (source/parse.go, SQL files only). */
int plumb__import_read_golang(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
			      plumb_vec *out)
{
	plumb_vec names = {0};
	int rc;
	if ((rc = plumb_fs_list(ctx, arena, args->dir, ".sql", &names)) < 0)
		return rc;
	for (size_t i = 0; i < names.n; i++) {
		const char *f = names.items[i], *us = strchr(f, '_');
		size_t n = strlen(f);
		bool up = plumb_str_ends_with(f, ".up.sql"),
		     down = plumb_str_ends_with(f, ".down.sql");
		if (!us || !digits(f, (size_t)(us - f)) || (!up && !down))
			continue;
		const char *key = strip_zeros(arena, f, (size_t)(us - f));
		size_t tail = up ? 7 : 9;
		plumb_import_mig *m = plumb__import_find(out, key), *file;
		if ((rc = plumb__import_mig_read(ctx, arena, args->dir, f, &file)) < 0)
			return rc;
		if (!m) {
			m = file;
			m->key = key;
			m->version = plumb_arena_strndup(arena, f, (size_t)(us - f));
			m->name =
				plumb_arena_strndup(arena, us + 1, n - (size_t)(us + 1 - f) - tail);
			m->up = NULL;
			m->up_len = 0;
			if (!key || !m->version || !m->name || plumb_vec_push(arena, out, m) < 0)
				return plumb_error_nomem(ctx);
		}
		if (up) {
			if (m->up)
				return plumb_error_set_at(ctx, PLUMB_EPARSE, file->source, 0, 0,
							  "two up migrations have version %s", key);
			m->up = file->raw;
			m->up_len = file->raw_len;
			m->raw = file->raw;
			m->raw_len = file->raw_len;
			m->source = file->source;
		} else {
			m->down = file->raw;
			m->down_len = file->raw_len;
		}
	}
	for (size_t i = 0; i < out->n; i++) {
		plumb_import_mig *m = out->items[i];
		if (!m->up)
			return plumb_error_set_at(ctx, PLUMB_EPARSE, m->source, 0, 0,
						  "version %s has a down migration but no up one",
						  m->key);
	}
	plumb_vec_sort(out, cmp_version);
	return check_unique(ctx, out);
}

/* One row (version, dirty): every version up to it is applied. */
int plumb__import_match_golang(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
			       plumb_vec *migs, const plumb_import_rows *rows, plumb_vec *problems)
{
	(void)args;
	int rc;
	for (size_t r = 0; r < rows->rows.n; r++) {
		char **row = rows->rows.items[r];
		const char *v = row[0] ? row[0] : "";
		if (!plumb__import_find(migs, v) &&
		    (rc = plumb__import_problem(
			     ctx, arena, problems, "missing",
			     "schema_migrations has version %s but no file has it", v)) < 0)
			return rc;
		if (truthy(row[1]) &&
		    (rc = plumb__import_problem(
			     ctx, arena, problems, "dirty",
			     "schema_migrations marks version %s dirty: it failed half way and "
			     "its changes may be partly applied; fix the database, then accept",
			     v)) < 0)
			return rc;
		for (size_t i = 0; i < migs->n; i++) {
			plumb_import_mig *m = migs->items[i];
			if (plumb__import_numcmp(m->key, v) <= 0)
				m->applied = true;
		}
	}
	return 0;
}

/* --- dbmate ---------------------------------------------------------------------- */

/* The text of each line starting `-- migrate:up` / `-- migrate:down`
 * (blanks allowed after `--`), options after it (transaction:false). */
static const char *marker(const char *line, const char *end, const char *word)
{
	const char *p = line;
	if (end - p < 2 || p[0] != '-' || p[1] != '-')
		return NULL;
	p += 2;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	size_t n = strlen(word);
	if ((size_t)(end - p) < n || memcmp(p, word, n) != 0)
		return NULL;
	p += n;
	if (p < end && !isspace((unsigned char)*p))
		return NULL;
	return p;
}

int plumb__import_read_dbmate(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
			      plumb_vec *out)
{
	plumb_vec names = {0};
	int rc;
	if ((rc = plumb_fs_list(ctx, arena, args->dir, ".sql", &names)) < 0)
		return rc;
	for (size_t i = 0; i < names.n; i++) {
		const char *f = names.items[i];
		size_t nd = 0;
		while (isdigit((unsigned char)f[nd]))
			nd++;
		if (!nd)
			continue; /* ^(\d+).*\.sql$ */
		plumb_import_mig *m;
		if ((rc = plumb__import_mig_read(ctx, arena, args->dir, f, &m)) < 0)
			return rc;
		m->version = m->key = plumb_arena_strndup(arena, f, nd);
		const char *rest = f + nd + (f[nd] == '_');
		m->name = plumb_arena_strndup(arena, rest, strlen(rest) - 4);
		if (!m->key || !m->name)
			return plumb_error_nomem(ctx);
		plumb_buf up, down;
		plumb_buf_init(&up, arena, 0);
		plumb_buf_init(&down, arena, 0);
		plumb_buf *into = NULL;
		bool any_up = false, any_down = false;
		int line = 0;
		for (const char *p = m->raw, *end = m->raw + m->raw_len; p < end;) {
			const char *eol = memchr(p, '\n', (size_t)(end - p));
			const char *next = eol ? eol + 1 : end, *le = eol ? eol : end, *opt;
			line++;
			if ((opt = marker(p, le, "migrate:up"))) {
				into = &up;
				any_up = true;
				if (memmem(opt, (size_t)(le - opt), "transaction:false", 17))
					m->no_transaction = true;
			} else if (marker(p, le, "migrate:down")) {
				if (!any_up)
					return plumb_error_set_at(
						ctx, PLUMB_EPARSE, m->source, line, 1,
						"dbmate: \"-- migrate:down\" before "
						"\"-- migrate:up\"");
				into = &down;
				any_down = true;
			} else if (into) {
				plumb_buf_append(into, p, (size_t)(next - p));
			} else if (le > p && !(le - p >= 2 && p[0] == '-' && p[1] == '-') &&
				   strspn(p, " \t\r") < (size_t)(le - p)) {
				return plumb_error_set_at(ctx, PLUMB_EPARSE, m->source, line, 1,
							  "dbmate: SQL before \"-- migrate:up\"");
			}
			p = next;
		}
		if (!any_up) {
			int r = plumb_error_set_at(ctx, PLUMB_EPARSE, m->source, 1, 1,
						   "dbmate: no \"-- migrate:up\" section");
			plumb_error_set_hint(ctx, "dbmate requires \"-- migrate:up\" and "
						  "\"-- migrate:down\" in each migration");
			return r;
		}
		if ((rc = plumb_buf_finish(&up, ctx)) < 0 ||
		    (rc = plumb_buf_finish(&down, ctx)) < 0)
			return rc;
		m->up = up.data;
		m->up_len = up.len;
		if (any_down) {
			m->down = down.data;
			m->down_len = down.len;
		}
		if (plumb_vec_push(arena, out, m) < 0)
			return plumb_error_nomem(ctx);
	}
	plumb_vec_sort(out, cmp_version);
	return check_unique(ctx, out);
}

/* A row per applied version (dbmate, a home-made runner). */
int plumb__import_match_versions(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
				 plumb_vec *migs, const plumb_import_rows *rows,
				 plumb_vec *problems)
{
	int rc;
	const char *table = args->table ? args->table : "schema_migrations";
	for (size_t r = 0; r < rows->rows.n; r++) {
		char **row = rows->rows.items[r];
		plumb_import_mig *m = plumb__import_find(migs, row[0]);
		if (!m) {
			if ((rc = plumb__import_problem(ctx, arena, problems, "missing",
							"%s has version %s but no file has it",
							table, row[0] ? row[0] : "NULL")) < 0)
				return rc;
			continue;
		}
		m->applied = true;
	}
	return 0;
}

/* --- goose ------------------------------------------------------------------------ */

int plumb__import_read_goose(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
			     plumb_vec *out)
{
	plumb_vec names = {0}, go = {0};
	int rc;
	if ((rc = plumb_fs_list(ctx, arena, args->dir, ".go", &go)) < 0)
		return rc;
	for (size_t i = 0; i < go.n; i++) {
		const char *f = go.items[i], *us = strchr(f, '_');
		if (us && digits(f, (size_t)(us - f)) && !plumb_str_ends_with(f, "_test.go")) {
			rc = plumb_error_set_at(ctx, PLUMB_EPARSE,
						plumb_path_join(arena, args->dir, f), 0, 0,
						"goose Go migrations cannot be imported: %s", f);
			plumb_error_set_hint(ctx,
					     "only SQL migrations are imported; rewrite it in "
					     "SQL, or baseline the database with `plumb baseline`");
			return rc;
		}
	}
	if ((rc = plumb_fs_list(ctx, arena, args->dir, ".sql", &names)) < 0)
		return rc;
	for (size_t i = 0; i < names.n; i++) {
		const char *f = names.items[i], *us = strchr(f, '_');
		if (!us || !digits(f, (size_t)(us - f)))
			continue;
		plumb_import_mig *m;
		if ((rc = plumb__import_mig_read(ctx, arena, args->dir, f, &m)) < 0)
			return rc;
		m->version = plumb_arena_strndup(arena, f, (size_t)(us - f));
		m->key = strip_zeros(arena, f, (size_t)(us - f));
		m->name = plumb_arena_strndup(arena, us + 1, strlen(us + 1) - 4);
		plumb_buf up, down, *into = NULL;
		plumb_buf_init(&up, arena, 0);
		plumb_buf_init(&down, arena, 0);
		bool any_up = false, any_down = false;
		int line = 0;
		for (const char *p = m->raw, *end = m->raw + m->raw_len; p < end;) {
			const char *eol = memchr(p, '\n', (size_t)(end - p));
			const char *next = eol ? eol + 1 : end, *le = eol ? eol : end;
			line++;
			while (le > p && (le[-1] == '\r' || le[-1] == ' ' || le[-1] == '\t'))
				le--;
			const char *a = p;
			while (a < le && (*a == ' ' || *a == '\t'))
				a++;
			if (le - a >= 8 && memcmp(a, "-- +goose", 9) == 0) {
				const char *w = a + 9;
				while (w < le && *w == ' ')
					w++;
				size_t wn = (size_t)(le - w);
				if (wn == 2 && strncasecmp(w, "up", 2) == 0) {
					into = &up;
					any_up = true;
				} else if (wn == 4 && strncasecmp(w, "down", 4) == 0) {
					into = &down;
					any_down = true;
				} else if (wn == 14 && strncasecmp(w, "no transaction", 14) == 0) {
					m->no_transaction = true;
				} else if ((wn == 14 &&
					    strncasecmp(w, "statementbegin", 14) == 0) ||
					   (wn == 12 && strncasecmp(w, "statementend", 12) == 0)) {
					/* plumb splits with the engine's lexer: the block is one
					 * statement there too */
				} else if (wn >= 6 && strncasecmp(w, "envsub", 6) == 0) {
					return plumb_error_set_at(
						ctx, PLUMB_EPARSE, m->source, line,
						(int)(a - p) + 1,
						"goose ENVSUB (environment substitution) cannot be "
						"imported: the SQL depends on the environment it "
						"runs in");
				} else {
					return plumb_error_set_at(
						ctx, PLUMB_EPARSE, m->source, line,
						(int)(a - p) + 1,
						"unknown goose annotation \"%.*s\"", (int)(le - a),
						a);
				}
			} else if (into) {
				plumb_buf_append(into, p, (size_t)(next - p));
			}
			p = next;
		}
		if (!any_up)
			return plumb_error_set_at(ctx, PLUMB_EPARSE, m->source, 1, 1,
						  "goose: no \"-- +goose Up\" annotation");
		if ((rc = plumb_buf_finish(&up, ctx)) < 0 ||
		    (rc = plumb_buf_finish(&down, ctx)) < 0)
			return rc;
		m->up = up.data;
		m->up_len = up.len;
		if (any_down) {
			m->down = down.data;
			m->down_len = down.len;
		}
		if (!m->version || !m->key || !m->name || plumb_vec_push(arena, out, m) < 0)
			return plumb_error_nomem(ctx);
	}
	plumb_vec_sort(out, cmp_version);
	return check_unique(ctx, out);
}

/* Rows (id, version_id, is_applied, tstamp): the newest row of a version
 * says (legacy databases keep is_applied=false rows); version 0 is goose's
 * own first row. */
int plumb__import_match_goose(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
			      plumb_vec *migs, const plumb_import_rows *rows, plumb_vec *problems)
{
	(void)args;
	int rc;
	for (size_t r = 0; r < rows->rows.n; r++) {
		char **row = rows->rows.items[r];
		const char *v = row[1] ? row[1] : "";
		if (strcmp(v, "0") == 0)
			continue;
		/* the newest row of v: the highest id */
		bool newer = false;
		for (size_t k = 0; k < rows->rows.n && !newer; k++) {
			char **o = rows->rows.items[k];
			newer = o[1] && strcmp(o[1], v) == 0 && o[0] && row[0] &&
				plumb__import_numcmp(o[0], row[0]) > 0;
		}
		if (newer)
			continue;
		plumb_import_mig *m = plumb__import_find(migs, v);
		if (!truthy(row[2]))
			continue;
		if (!m) {
			if ((rc = plumb__import_problem(
				     ctx, arena, problems, "missing",
				     "goose_db_version has version %s but no file "
				     "has it",
				     v)) < 0)
				return rc;
			continue;
		}
		m->applied = true;
		m->applied_at = plumb__import_time(arena, row[3], false);
	}
	return 0;
}

/* --- a home-made runner ------------------------------------------------------------- */

int plumb__import_read_custom(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
			      plumb_vec *out)
{
	regex_t re;
	regmatch_t g[3];
	plumb_vec names = {0};
	int rc;
	if (!args->pattern || !args->table || !args->version_column)
		return plumb_error_set(
			ctx, PLUMB_EUSAGE,
			"--from custom needs --pattern, --table and --version-column");
	int e = regcomp(&re, args->pattern, REG_EXTENDED);
	if (e) {
		char buf[256];
		regerror(e, &re, buf, sizeof(buf));
		return plumb_error_set(ctx, PLUMB_EUSAGE, "invalid --pattern \"%s\": %s",
				       args->pattern, buf);
	}
	if (re.re_nsub < 1) {
		regfree(&re);
		return plumb_error_set(ctx, PLUMB_EUSAGE,
				       "--pattern \"%s\" has no group: the first group must "
				       "match the version, e.g. '^([0-9]+)_(.*)\\.sql$'",
				       args->pattern);
	}
	rc = plumb_fs_list(ctx, arena, args->dir, "", &names);
	bool numeric = true;
	for (size_t i = 0; rc == 0 && i < names.n; i++) {
		const char *f = names.items[i];
		if (regexec(&re, f, 3, g, 0) != 0 || g[1].rm_so < 0)
			continue;
		plumb_import_mig *m;
		if ((rc = plumb__import_mig_read(ctx, arena, args->dir, f, &m)) < 0)
			break;
		m->version = m->key = plumb_arena_strndup(arena, f + g[1].rm_so,
							  (size_t)(g[1].rm_eo - g[1].rm_so));
		m->name = re.re_nsub >= 2 && g[2].rm_so >= 0
				  ? plumb_arena_strndup(arena, f + g[2].rm_so,
							(size_t)(g[2].rm_eo - g[2].rm_so))
				  : "";
		if (!m->key || !m->name || plumb_vec_push(arena, out, m) < 0) {
			rc = plumb_error_nomem(ctx);
			break;
		}
		numeric = numeric && digits(m->key, strlen(m->key));
	}
	regfree(&re);
	if (rc < 0)
		return rc;
	if (numeric) {
		plumb_vec_sort(out, cmp_version);
		return check_unique(ctx, out);
	}
	return 0; /* plumb_fs_list's byte order */
}
