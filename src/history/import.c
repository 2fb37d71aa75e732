/*
 * plumb import's shared part: the registry of tools (one row each: its
 * reader, its tracking table and how that table's rows are matched), the
 * helpers the readers share, and the plumb folder an import writes. It
 * reads and writes files only; the command reads the tables.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <openssl/evp.h>

#include "history/import.h"

/* --- the registry ----------------------------------------------------------- */

static const plumb_import_tool tools[] = {
	{"drizzle", "drizzle", NULL, plumb__import_read_drizzle, "drizzle", "__drizzle_migrations",
	 "hash, CAST(created_at AS TEXT)", 2, plumb__import_match_drizzle},
	{"flyway", "sql", NULL, plumb__import_read_flyway, NULL, "flyway_schema_history",
	 "CAST(installed_rank AS TEXT), version, type, script, CAST(checksum AS TEXT), "
	 "CAST(installed_on AS TEXT), CAST(success AS TEXT)",
	 7, plumb__import_match_flyway},
	{"golang-migrate", NULL, NULL, plumb__import_read_golang, NULL, "schema_migrations",
	 "CAST(version AS TEXT), CAST(dirty AS TEXT)", 2, plumb__import_match_golang},
	{"dbmate", "db/migrations", NULL, plumb__import_read_dbmate, NULL, "schema_migrations",
	 "CAST(version AS TEXT)", 1, plumb__import_match_versions},
	{"goose", NULL, NULL, plumb__import_read_goose, NULL, "goose_db_version",
	 "CAST(id AS TEXT), CAST(version_id AS TEXT), CAST(is_applied AS TEXT), "
	 "CAST(tstamp AS TEXT)",
	 4, plumb__import_match_goose},
	{"prisma", "prisma/migrations", NULL, plumb__import_read_prisma, NULL, "_prisma_migrations",
	 "migration_name, checksum, CAST(finished_at AS TEXT), CAST(rolled_back_at AS TEXT), "
	 "CAST(started_at AS TEXT)",
	 5, plumb__import_match_prisma},
	{"rails", "db",
	 "rails migrations (db/migrate/*.rb) are Ruby and are not imported: their schema "
	 "comes in as one baseline migration, db/structure.sql, and only their versions "
	 "are checked against schema_migrations",
	 plumb__import_read_rails, NULL, "schema_migrations", "CAST(version AS TEXT)", 1,
	 plumb__import_match_rails},
	{"sqitch", ".", NULL, plumb__import_read_sqitch, "sqitch", "changes",
	 "change, script_hash, CAST(committed_at AS TEXT)", 3, plumb__import_match_sqitch},
	{"custom", NULL, NULL, plumb__import_read_custom, NULL, NULL, NULL, 1,
	 plumb__import_match_versions},
};

#define N_TOOLS (sizeof(tools) / sizeof(tools[0]))

const plumb_import_tool *plumb__import_tool(const char *name)
{
	for (size_t i = 0; name && i < N_TOOLS; i++)
		if (strcmp(tools[i].name, name) == 0)
			return &tools[i];
	return NULL;
}

const char *plumb__import_tool_names(void)
{
	return "drizzle, flyway, golang-migrate, dbmate, goose, prisma, rails, sqitch, custom";
}

/* --- helpers ------------------------------------------------------------------ */

int plumb__import_mig_read(plumb_ctx *ctx, plumb_arena *arena, const char *dir, const char *file,
			   plumb_import_mig **out)
{
	int rc;
	plumb_import_mig *m = plumb_arena_alloc(arena, sizeof(*m));
	char *path = plumb_path_join(arena, dir, file), *text;
	size_t len;
	if (!m || !path)
		return plumb_error_nomem(ctx);
	memset(m, 0, sizeof(*m));
	if ((rc = plumb_fs_read(ctx, arena, path, &text, &len)) < 0)
		return rc;
	m->source = path;
	m->raw = m->up = text;
	m->raw_len = m->up_len = len;
	*out = m;
	return 0;
}

int plumb__import_problem(plumb_ctx *ctx, plumb_arena *arena, plumb_vec *problems, const char *kind,
			  const char *fmt, ...)
{
	va_list ap;
	char buf[1024];
	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	plumb_import_problem *p = plumb_arena_alloc(arena, sizeof(*p));
	if (!p || !(p->message = plumb_escape(arena, buf, false)) ||
	    plumb_vec_push(arena, problems, p) < 0)
		return plumb_error_nomem(ctx);
	p->kind = kind;
	return 0;
}

int plumb__import_numcmp(const char *a, const char *b)
{
	while (*a == '0' && a[1])
		a++;
	while (*b == '0' && b[1])
		b++;
	size_t na = strlen(a), nb = strlen(b);
	if (na != nb)
		return na < nb ? -1 : 1;
	return strcmp(a, b);
}

plumb_import_mig *plumb__import_find(const plumb_vec *migs, const char *key)
{
	for (size_t i = 0; key && i < migs->n; i++) {
		plumb_import_mig *m = migs->items[i];
		if (m->key && strcmp(m->key, key) == 0)
			return m;
	}
	return NULL;
}

void plumb__import_sha1_hex(const void *data, size_t len, char out[41])
{
	static const char hex[] = "0123456789abcdef";
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (!EVP_Digest(data, len, md, &n, EVP_sha1(), NULL) || n != 20) {
		memset(out, '-', 40);
		out[40] = '\0';
		return;
	}
	for (unsigned int i = 0; i < 20; i++) {
		out[2 * i] = hex[md[i] >> 4];
		out[2 * i + 1] = hex[md[i] & 15];
	}
	out[40] = '\0';
}

const char *plumb__import_time(plumb_arena *arena, const char *text, bool ms)
{
	struct tm tm = {0};
	time_t t;
	char buf[32];
	if (!text || !*text)
		return NULL;
	if (ms) {
		char *end;
		long long v = strtoll(text, &end, 10);
		if (*end || end == text || v < 0)
			return NULL;
		t = (time_t)(v / 1000);
	} else {
		int n = 0;
		if (sscanf(text, "%4d-%2d-%2d%*1[ T]%2d:%2d:%2d%n", &tm.tm_year, &tm.tm_mon,
			   &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec, &n) != 6)
			return NULL;
		tm.tm_year -= 1900;
		tm.tm_mon -= 1;
		t = timegm(&tm);
		const char *p = text + n;
		if (*p == '.')
			for (p++; isdigit((unsigned char)*p); p++)
				;
		if (*p == '+' || *p == '-') {
			/* an offset: +HH, +HH:MM, +HHMM */
			int sign = *p == '-' ? -1 : 1, hh = 0, mm = 0;
			if (sscanf(p + 1, "%2d:%2d", &hh, &mm) < 1 &&
			    sscanf(p + 1, "%2d%2d", &hh, &mm) < 1)
				return NULL;
			t -= sign * (hh * 3600 + mm * 60);
		}
	}
	struct tm u;
	if (!gmtime_r(&t, &u) || !strftime(buf, sizeof(buf), "%Y-%m-%dT%H:%M:%SZ", &u))
		return NULL;
	return plumb_arena_strdup(arena, buf);
}

/* --- writing the plumb folder ------------------------------------------------ */

/* [a-z0-9_] of s, runs of anything else one '_', none at the ends. */
static void put_clean(plumb_buf *b, const char *s)
{
	bool sep = false, any = b->len > 0;
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c < 128 && isalnum(c)) {
			if (sep && any)
				plumb_buf_putc(b, '_');
			plumb_buf_putc(b, (char)tolower(c));
			sep = false;
			any = true;
		} else {
			sep = true;
		}
	}
}

static void put_text(plumb_buf *b, const char *s, size_t n)
{
	plumb_buf_append(b, s, n);
	if (n && s[n - 1] != '\n')
		plumb_buf_putc(b, '\n');
}

int plumb__import_stage(plumb_ctx *ctx, plumb_arena *arena, const char *tool, const char *dir,
			plumb_vec *migs, plumb_fs_batch *batch)
{
	int rc = 0;
	plumb_vec written = {0};
	int width = 4;
	for (size_t n = migs->n; n >= 10000; n /= 10)
		width++;
	for (size_t i = 0; i < migs->n; i++) {
		plumb_import_mig *m = migs->items[i];
		plumb_buf name, body;
		plumb_buf_init(&name, arena, 0);
		plumb_buf_printf(&name, "%0*zu_", width, i + 1);
		size_t at = name.len;
		if (m->version) {
			put_clean(&name, m->version);
			if (name.len == at)
				plumb_buf_putc(&name, 'v');
			plumb_buf_putc(&name, '_');
		}
		size_t before = name.len;
		put_clean(&name, m->name);
		if (name.len == before)
			plumb_buf_puts(&name, "migration");
		plumb_buf_puts(&name, ".sql");
		if ((rc = plumb_buf_finish(&name, ctx)) < 0)
			return rc;
		m->file_name = name.data;

		plumb_buf_init(&body, arena, 0);
		plumb_buf_printf(&body, "-- imported from %s: ", tool);
		plumb_escape_append(&body, m->source, strlen(m->source), false);
		plumb_buf_putc(&body, '\n');
		if (m->no_transaction)
			plumb_buf_puts(&body, "-- plumb:no-transaction\n");
		put_text(&body, m->up, m->up_len);
		if ((rc = plumb_buf_finish(&body, ctx)) < 0)
			return rc;
		plumb_history_checksum(body.data, body.len, m->checksum);
		char *path = plumb_path_join(arena, dir, m->file_name);
		if (!path)
			return plumb_error_nomem(ctx);
		if ((rc = plumb_fs_batch_write(batch, path, body.data, body.len)) < 0)
			return rc;

		if (m->down) {
			plumb_buf down;
			plumb_buf_init(&down, arena, 0);
			plumb_buf_printf(&down, "-- down of %s, imported from %s\n", m->file_name,
					 tool);
			put_text(&down, m->down, m->down_len);
			char *sub = plumb_path_join(arena, dir, "down");
			char *dpath = sub ? plumb_path_join(arena, sub, m->file_name) : NULL;
			if ((rc = plumb_buf_finish(&down, ctx)) < 0)
				return rc;
			if (!dpath)
				return plumb_error_nomem(ctx);
			if ((rc = plumb_fs_batch_write(batch, dpath, down.data, down.len)) < 0)
				return rc;
		}

		plumb_migration *pm = plumb_arena_alloc(arena, sizeof(*pm));
		if (!pm || plumb_vec_push(arena, &written, pm) < 0)
			return plumb_error_nomem(ctx);
		memset(pm, 0, sizeof(*pm));
		pm->file_name = m->file_name;
		memcpy(pm->checksum, m->checksum, sizeof(pm->checksum));
	}
	return plumb__history_stage_sum_of(ctx, arena, batch, dir, &written);
}
