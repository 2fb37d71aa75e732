/*
 * Readers of the tools whose order is not a plain file-name version:
 * Flyway (V<version>__<description>.sql run by version, R__ repeatables
 * after them by description, U<version>__ undo files), sqitch (the order of
 * sqitch.plan; deploy/ and revert/ scripts) and Rails (Ruby migrations:
 * only their versions are read; db/structure.sql is the baseline), with the
 * matchers of their tracking tables.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "history/import.h"

/* --- flyway ----------------------------------------------------------------------- */

/* Flyway's checksum: CRC-32 over each line's bytes, line ends dropped, a
 * leading BOM dropped, as a signed 32-bit number (ChecksumCalculator.java;
 * lines as BufferedReader.readLine splits them: \n, \r or \r\n). */
static int32_t flyway_crc(const char *s, size_t n)
{
	static uint32_t table[256];
	if (!table[1])
		for (uint32_t i = 0; i < 256; i++) {
			uint32_t c = i;
			for (int k = 0; k < 8; k++)
				c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
			table[i] = c;
		}
	uint32_t crc = 0xFFFFFFFFu;
	size_t i = 0;
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	for (; i < n; i++) {
		if (s[i] == '\r' || s[i] == '\n')
			continue;
		crc = table[(crc ^ (unsigned char)s[i]) & 0xFF] ^ (crc >> 8);
	}
	return (int32_t)(crc ^ 0xFFFFFFFFu);
}

/* Compares dotted versions part by part as numbers ("1.10" > "1.9"). */
static int flyway_vcmp(const char *a, const char *b)
{
	while (*a || *b) {
		size_t na = strcspn(a, "."), nb = strcspn(b, ".");
		char x[64] = "0", y[64] = "0";
		if (na && na < sizeof(x)) {
			memcpy(x, a, na);
			x[na] = '\0';
		}
		if (nb && nb < sizeof(y)) {
			memcpy(y, b, nb);
			y[nb] = '\0';
		}
		int c = plumb__import_numcmp(x, y);
		if (c)
			return c;
		a += na + (a[na] == '.');
		b += nb + (b[nb] == '.');
	}
	return 0;
}

static int cmp_flyway(const void *a, const void *b)
{
	const plumb_import_mig *x = *(const plumb_import_mig *const *)a;
	const plumb_import_mig *y = *(const plumb_import_mig *const *)b;
	if (!x->version || !y->version) /* repeatables last, by description */
		return !x->version && !y->version ? strcmp(x->name, y->name) : x->version ? -1 : 1;
	return flyway_vcmp(x->version, y->version);
}

int plumb__import_read_flyway(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
			      plumb_vec *out)
{
	plumb_vec names = {0}, undo = {0};
	int rc;
	if ((rc = plumb_fs_list(ctx, arena, args->dir, ".sql", &names)) < 0)
		return rc;
	for (size_t i = 0; i < names.n; i++) {
		const char *f = names.items[i], *sep = strstr(f, "__");
		char kind = f[0];
		if (!sep || (kind != 'V' && kind != 'R' && kind != 'U'))
			continue;
		plumb_import_mig *m;
		if ((rc = plumb__import_mig_read(ctx, arena, args->dir, f, &m)) < 0)
			return rc;
		char *v = plumb_arena_strndup(arena, f + 1, (size_t)(sep - f - 1));
		char *desc = plumb_arena_strndup(arena, sep + 2, strlen(sep + 2) - 4);
		if (!v || !desc)
			return plumb_error_nomem(ctx);
		for (char *p = v; *p; p++)
			if (*p == '_')
				*p = '.';
		for (char *p = desc; *p; p++)
			if (*p == '_')
				*p = ' ';
		if (kind == 'R' && *v)
			return plumb_error_set_at(
				ctx, PLUMB_EPARSE, m->source, 0, 0,
				"flyway: a repeatable migration has no version: %s", f);
		if (kind != 'R' && !*v)
			return plumb_error_set_at(ctx, PLUMB_EPARSE, m->source, 0, 0,
						  "flyway: %s has no version", f);
		m->version = kind == 'R' ? NULL : v;
		m->name = desc;
		m->key = kind == 'R' ? plumb_arena_strdup(arena, f) : v;
		char *sum = plumb_arena_printf(arena, "%d", (int)flyway_crc(m->raw, m->raw_len));
		char *conf = plumb_arena_printf(arena, "%s.conf", m->source);
		if (!m->key || !sum || !conf)
			return plumb_error_nomem(ctx);
		m->sums[0] = sum;
		if (plumb_fs_exists(conf)) {
			char *text;
			size_t len;
			if ((rc = plumb_fs_read(ctx, arena, conf, &text, &len)) < 0)
				return rc;
			if (strstr(text, "executeInTransaction=false"))
				m->no_transaction = true;
		}
		if (plumb_vec_push(arena, kind == 'U' ? &undo : out, m) < 0)
			return plumb_error_nomem(ctx);
	}
	plumb_vec_sort(out, cmp_flyway);
	for (size_t i = 1; i < out->n; i++) {
		const plumb_import_mig *a = out->items[i - 1], *b = out->items[i];
		if (a->version && b->version && flyway_vcmp(a->version, b->version) == 0)
			return plumb_error_set_at(
				ctx, PLUMB_EPARSE, b->source, 0, 0,
				"flyway: two migrations have version %s: %s and %s", b->version,
				a->source, b->source);
	}
	for (size_t i = 0; i < undo.n; i++) {
		plumb_import_mig *u = undo.items[i], *m = NULL;
		for (size_t k = 0; k < out->n && !m; k++) {
			plumb_import_mig *o = out->items[k];
			if (o->version && flyway_vcmp(o->version, u->version) == 0)
				m = o;
		}
		if (!m)
			return plumb_error_set_at(
				ctx, PLUMB_EPARSE, u->source, 0, 0,
				"flyway: undo migration for version %s, which has no "
				"versioned migration",
				u->version);
		m->down = u->raw;
		m->down_len = u->raw_len;
	}
	return 0;
}

static plumb_import_mig *flyway_find(const plumb_vec *migs, const char *version, const char *script)
{
	for (size_t i = 0; i < migs->n; i++) {
		plumb_import_mig *m = migs->items[i];
		if (version ? m->version && flyway_vcmp(m->version, version) == 0
			    : !m->version && script && !strcmp(m->key, script))
			return m;
	}
	return NULL;
}

/* Rows (installed_rank, version, type, script, checksum, installed_on,
 * success). A failed row (success false) is a problem; BASELINE marks the
 * versions up to it; UNDO_SQL un-applies; a repeatable counts as applied
 * when its newest run has today's checksum (else it would run again). */
int plumb__import_match_flyway(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
			       plumb_vec *migs, const plumb_import_rows *rows, plumb_vec *problems)
{
	(void)args;
	int rc;
	/* in installed_rank order */
	plumb_vec order = rows->rows;
	for (size_t i = 1; i < order.n; i++)
		for (size_t j = i; j > 0; j--) {
			char **a = order.items[j - 1], **b = order.items[j];
			if (plumb__import_numcmp(a[0] ? a[0] : "0", b[0] ? b[0] : "0") <= 0)
				break;
			order.items[j - 1] = b;
			order.items[j] = a;
		}
	for (size_t r = 0; r < order.n; r++) {
		char **row = order.items[r];
		const char *version = row[1], *type = row[2] ? row[2] : "", *script = row[3];
		bool ok = row[6] &&
			  (!strcmp(row[6], "t") || !strcmp(row[6], "true") || !strcmp(row[6], "1"));
		if (!strcmp(type, "SCHEMA") || !strcmp(type, "DELETE"))
			continue;
		if (!strcmp(type, "BASELINE")) {
			for (size_t i = 0; version && i < migs->n; i++) {
				plumb_import_mig *m = migs->items[i];
				if (m->version && flyway_vcmp(m->version, version) <= 0)
					m->applied = true;
			}
			continue;
		}
		plumb_import_mig *m = flyway_find(migs, version, script);
		if (!strncmp(type, "UNDO", 4)) {
			if (m && ok)
				m->applied = false;
			continue;
		}
		if (!ok) {
			if ((rc = plumb__import_problem(
				     ctx, arena, problems, "failed",
				     "flyway_schema_history: %s (rank %s) failed",
				     script ? script : "?", row[0] ? row[0] : "?")) < 0)
				return rc;
			continue;
		}
		if (!m) {
			if ((rc = plumb__import_problem(
				     ctx, arena, problems, "missing",
				     "flyway_schema_history has %s (version %s) but "
				     "no file has it",
				     script ? script : "?", version ? version : "none")) < 0)
				return rc;
			continue;
		}
		bool same = row[4] && !strcmp(row[4], m->sums[0]);
		if (!m->version) { /* repeatable: the newest run decides */
			m->applied = same;
			m->applied_at = plumb__import_time(arena, row[5], false);
			continue;
		}
		if (!same && (rc = plumb__import_problem(ctx, arena, problems, "checksum",
							 "%s was edited after it was applied "
							 "(recorded checksum %s, file now %s)",
							 m->source, row[4] ? row[4] : "NULL",
							 m->sums[0])) < 0)
			return rc;
		m->applied = true;
		m->applied_at = plumb__import_time(arena, row[5], false);
	}
	return 0;
}

/* --- sqitch --------------------------------------------------------------------------- */

/* sqitch.plan: pragmas (%), blank lines, comments (#), tags (@tag ...) and
 * changes ([+-]name [deps] timestamp planner <email> [# note]) in deploy
 * order. A change named again after a tag was reworked: its earlier
 * scripts are deploy/NAME@TAG.sql with the first tag after it. */
int plumb__import_read_sqitch(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
			      plumb_vec *out)
{
	char *plan_path = plumb_path_join(arena, args->dir, "sqitch.plan"), *text;
	size_t len;
	int rc;
	if (!plan_path)
		return plumb_error_nomem(ctx);
	if ((rc = plumb_fs_read(ctx, arena, plan_path, &text, &len)) < 0)
		return rc;
	plumb_vec tags = {0}; /* per change: the first tag after it, or NULL */
	int line = 0;
	for (char *p = text, *end = text + len; p < end;) {
		char *eol = memchr(p, '\n', (size_t)(end - p));
		char *next = eol ? eol + 1 : end;
		if (eol)
			*eol = '\0';
		line++;
		while (*p == ' ' || *p == '\t')
			p++;
		size_t n = strcspn(p, " \t\r");
		if (!*p || *p == '\r' || *p == '#' || *p == '%') {
			/* nothing */
		} else if (*p == '@') {
			char *tag = plumb_arena_strndup(arena, p + 1, n - 1);
			if (!tag)
				return plumb_error_nomem(ctx);
			for (size_t i = tags.n; i > 0 && !tags.items[i - 1]; i--)
				tags.items[i - 1] = tag;
		} else {
			if (*p == '-')
				return plumb_error_set_at(
					ctx, PLUMB_EPARSE, plan_path, line, 1,
					"sqitch: revert entries in the plan are not "
					"imported");
			if (*p == '+') {
				p++;
				n--;
			}
			plumb_import_mig *m = plumb_arena_alloc(arena, sizeof(*m));
			if (!m || !(m->name = m->key = plumb_arena_strndup(arena, p, n)) ||
			    plumb_vec_push(arena, out, m) < 0 ||
			    plumb_vec_push(arena, &tags, NULL) < 0)
				return plumb_error_nomem(ctx);
			memset(m, 0, sizeof(*m));
			m->name = m->key = plumb_arena_strndup(arena, p, n);
			m->source = plan_path;
		}
		p = next;
	}
	for (size_t i = 0; i < out->n; i++) {
		plumb_import_mig *m = out->items[i], *f;
		bool reworked = false;
		for (size_t k = i + 1; k < out->n; k++)
			reworked = reworked ||
				   !strcmp(((plumb_import_mig *)out->items[k])->name, m->name);
		const char *file = reworked && tags.items[i]
					   ? plumb_arena_printf(arena, "%s@%s.sql", m->name,
								(char *)tags.items[i])
					   : plumb_arena_printf(arena, "%s.sql", m->name);
		char *deploy = plumb_path_join(arena, args->dir, "deploy");
		char *revert = plumb_path_join(arena, args->dir, "revert");
		char *rpath = revert && file ? plumb_path_join(arena, revert, file) : NULL;
		char *sha = plumb_arena_alloc(arena, 41);
		if (!file || !deploy || !rpath || !sha)
			return plumb_error_nomem(ctx);
		if ((rc = plumb__import_mig_read(ctx, arena, deploy, file, &f)) < 0)
			return rc;
		m->source = f->source;
		m->raw = m->up = f->raw;
		m->raw_len = m->up_len = f->raw_len;
		/* scripts run through psql and bring their own BEGIN/COMMIT */
		m->no_transaction = true;
		plumb__import_sha1_hex(m->raw, m->raw_len, sha);
		m->sums[0] = sha;
		if (plumb_fs_exists(rpath)) {
			char *d;
			size_t dn;
			if ((rc = plumb_fs_read(ctx, arena, rpath, &d, &dn)) < 0)
				return rc;
			m->down = d;
			m->down_len = dn;
		}
	}
	return 0;
}

/* Rows (change, script_hash, committed_at) of sqitch.changes: the deployed
 * changes (a reverted change has no row). A name met twice (reworked)
 * matches its instances in order. */
int plumb__import_match_sqitch(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
			       plumb_vec *migs, const plumb_import_rows *rows, plumb_vec *problems)
{
	(void)args;
	int rc;
	for (size_t r = 0; r < rows->rows.n; r++) {
		char **row = rows->rows.items[r];
		plumb_import_mig *m = NULL, *by_hash = NULL;
		for (size_t i = 0; i < migs->n; i++) {
			plumb_import_mig *o = migs->items[i];
			if (o->applied || !row[0] || strcmp(o->key, row[0]))
				continue;
			if (!m)
				m = o;
			if (!by_hash && row[1] && !strcmp(row[1], o->sums[0]))
				by_hash = o;
		}
		if (by_hash)
			m = by_hash;
		if (!m) {
			if ((rc = plumb__import_problem(
				     ctx, arena, problems, "missing",
				     "sqitch.changes has %s but sqitch.plan has no "
				     "such change left to match",
				     row[0] ? row[0] : "NULL")) < 0)
				return rc;
			continue;
		}
		if (!by_hash && row[1] &&
		    (rc = plumb__import_problem(
			     ctx, arena, problems, "checksum",
			     "%s was edited after it was deployed (recorded sha1 "
			     "%.12s, file now %.12s)",
			     m->source, row[1], m->sums[0])) < 0)
			return rc;
		m->applied = true;
		m->applied_at = plumb__import_time(arena, row[2], false);
	}
	return 0;
}

/* --- rails ------------------------------------------------------------------------------ */

/* db/structure.sql as one baseline migration; the versions of
 * db/migrate/VERSION_NAME.rb kept (extra) for the matcher. */
int plumb__import_read_rails(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
			     plumb_vec *out)
{
	char *structure = plumb_path_join(arena, args->dir, "structure.sql");
	char *migrate = plumb_path_join(arena, args->dir, "migrate");
	plumb_vec *versions = plumb_arena_alloc(arena, sizeof(*versions)), rb = {0};
	plumb_import_mig *m;
	int rc;
	if (!structure || !migrate || !versions)
		return plumb_error_nomem(ctx);
	memset(versions, 0, sizeof(*versions));
	if (!plumb_fs_exists(structure)) {
		rc = plumb_error_set_at(ctx, PLUMB_ENOTFOUND, structure, 0, 0,
					"rails: no db/structure.sql to import as the baseline");
		plumb_error_set_hint(ctx, "schema.rb is Ruby: set config.active_record."
					  "schema_format = :sql and run `rails db:schema:dump`");
		return rc;
	}
	if (plumb_fs_is_dir(migrate) && (rc = plumb_fs_list(ctx, arena, migrate, ".rb", &rb)) < 0)
		return rc;
	const char *newest = NULL;
	for (size_t i = 0; i < rb.n; i++) {
		const char *f = rb.items[i];
		size_t nd = strspn(f, "0123456789");
		if (!nd || f[nd] != '_')
			continue;
		char *v = plumb_arena_strndup(arena, f, nd);
		if (!v || plumb_vec_push(arena, versions, v) < 0)
			return plumb_error_nomem(ctx);
		if (!newest || plumb__import_numcmp(v, newest) > 0)
			newest = v;
	}
	if ((rc = plumb__import_mig_read(ctx, arena, args->dir, "structure.sql", &m)) < 0)
		return rc;
	m->version = newest;
	m->name = "structure";
	m->key = "structure";
	m->extra = versions;
	return plumb_vec_push(arena, out, m) < 0 ? plumb_error_nomem(ctx) : 0;
}

/* Rows (version) of schema_migrations: the baseline counts as applied when
 * every Ruby migration has run; a version without its .rb file, or a .rb
 * file never run, is a problem. */
int plumb__import_match_rails(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
			      plumb_vec *migs, const plumb_import_rows *rows, plumb_vec *problems)
{
	(void)args;
	int rc;
	plumb_import_mig *m = migs->n ? migs->items[0] : NULL;
	if (!m)
		return 0;
	const plumb_vec *versions = m->extra;
	for (size_t r = 0; r < rows->rows.n; r++) {
		const char *v = ((char **)rows->rows.items[r])[0];
		bool have = false;
		for (size_t i = 0; v && i < versions->n && !have; i++)
			have = !strcmp(versions->items[i], v);
		if (!have && (rc = plumb__import_problem(ctx, arena, problems, "missing",
							 "schema_migrations has version %s but "
							 "db/migrate has no such file",
							 v ? v : "NULL")) < 0)
			return rc;
	}
	for (size_t i = 0; i < versions->n; i++) {
		bool ran = false;
		for (size_t r = 0; r < rows->rows.n && !ran; r++) {
			const char *v = ((char **)rows->rows.items[r])[0];
			ran = v && !strcmp(v, versions->items[i]);
		}
		if (!ran &&
		    (rc = plumb__import_problem(ctx, arena, problems, "pending",
						"db/migrate/%s_*.rb has not run: run it with "
						"rails first (Ruby migrations are not imported)",
						(char *)versions->items[i])) < 0)
			return rc;
	}
	m->applied = rows->rows.n > 0;
	return 0;
}
