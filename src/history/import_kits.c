/*
 * Readers of the ORM kits' migration folders: drizzle-kit (0.x: the journal
 * meta/_journal.json and TAG.sql, read by drizzle.c exactly as drizzle-orm
 * reads them; 1.0: a folder per migration, TIMESTAMP_NAME/migration.sql
 * beside its snapshot.json) and Prisma (TIMESTAMP_NAME/migration.sql,
 * migration_lock.toml), with the matchers of their tracking tables.
 */
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>

#include "history/import.h"
#include "util/map.h"

/* The sub-folders of dir holding a migration.sql, sorted bytewise. */
static int migration_folders(plumb_ctx *ctx, plumb_arena *arena, const char *dir, plumb_vec *out)
{
	DIR *d = opendir(dir);
	if (!d)
		return plumb_error_set_at(ctx, PLUMB_EIO, dir, 0, 0, "could not open folder");
	struct dirent *e;
	int rc = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *sub = plumb_path_join(arena, dir, e->d_name);
		char *file = sub ? plumb_path_join(arena, sub, "migration.sql") : NULL;
		char *name = plumb_arena_strdup(arena, e->d_name);
		if (!file || !name) {
			rc = plumb_error_nomem(ctx);
			break;
		}
		if (plumb_fs_is_dir(sub) && plumb_fs_exists(file) &&
		    plumb_vec_push(arena, out, name) < 0) {
			rc = plumb_error_nomem(ctx);
			break;
		}
	}
	closedir(d);
	for (size_t i = 1; i < out->n; i++) /* insertion sort: folders are few */
		for (size_t j = i; j > 0 && strcmp(out->items[j - 1], out->items[j]) > 0; j--) {
			void *t = out->items[j];
			out->items[j] = out->items[j - 1];
			out->items[j - 1] = t;
		}
	return rc;
}

/* SHA-256 of the text as it is, with every line end LF, and every one CRLF. */
static int three_sums(plumb_ctx *ctx, plumb_arena *arena, plumb_import_mig *m)
{
	char *raw = plumb_arena_alloc(arena, 65), *lf = plumb_arena_alloc(arena, 65),
	     *crlf = plumb_arena_alloc(arena, 65);
	plumb_buf b;
	if (!raw || !lf || !crlf)
		return plumb_error_nomem(ctx);
	plumb_sha256_hex(m->raw, m->raw_len, raw);
	plumb_history_checksum(m->raw, m->raw_len, lf);
	plumb_buf_init(&b, arena, 0);
	for (size_t i = 0; i < m->raw_len; i++) {
		if (m->raw[i] == '\n' && (i == 0 || m->raw[i - 1] != '\r'))
			plumb_buf_putc(&b, '\r');
		plumb_buf_putc(&b, m->raw[i]);
	}
	int rc = plumb_buf_finish(&b, ctx);
	if (rc < 0)
		return rc;
	plumb_sha256_hex(b.data, b.len, crlf);
	m->sums[0] = raw;
	m->sums[1] = lf;
	m->sums[2] = crlf;
	return 0;
}

static bool sum_matches(const plumb_import_mig *m, const char *sum)
{
	for (int i = 0; i < 3; i++)
		if (sum && m->sums[i] && strcasecmp(m->sums[i], sum) == 0)
			return true;
	return false;
}

/* migs by each of their checksums (case aside) into *by_sum, each value a
 * plumb_vec * of them in order, and by key into *by_key (the first of a
 * key, as plumb__import_find finds it). */
static int index_migs(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *migs, plumb_map **by_sum,
		      plumb_map **by_key)
{
	if (!(*by_sum = plumb_map_new(arena, true)) || !(*by_key = plumb_map_new(arena, false)))
		return plumb_error_nomem(ctx);
	for (size_t i = 0; i < migs->n; i++) {
		plumb_import_mig *m = migs->items[i];
		for (int k = 0; k < 3; k++) {
			if (!m->sums[k])
				continue;
			plumb_vec *v = plumb_map_get(*by_sum, m->sums[k], NULL, NULL);
			if (!v && (!(v = plumb_arena_alloc(arena, sizeof(*v))) ||
				   plumb_map_put(*by_sum, m->sums[k], NULL, NULL, v) < 0))
				return plumb_error_nomem(ctx);
			if ((!v->n || v->items[v->n - 1] != m) && plumb_vec_push(arena, v, m) < 0)
				return plumb_error_nomem(ctx);
		}
		if (m->key && !plumb_map_find(*by_key, m->key, NULL, NULL, NULL) &&
		    plumb_map_put(*by_key, m->key, NULL, NULL, m) < 0)
			return plumb_error_nomem(ctx);
	}
	return 0;
}

/* The migrations of dir's TIMESTAMP_NAME/migration.sql folders (drizzle-kit
 * 1.0, prisma) appended to out; key and name: the folder's name. */
static int read_folders(plumb_ctx *ctx, plumb_arena *arena, const char *dir, plumb_vec *out)
{
	plumb_vec dirs = {0};
	int rc;
	if ((rc = migration_folders(ctx, arena, dir, &dirs)) < 0)
		return rc;
	for (size_t i = 0; i < dirs.n; i++) {
		const char *name = dirs.items[i];
		char *sub = plumb_path_join(arena, dir, name);
		plumb_import_mig *m;
		if (!sub)
			return plumb_error_nomem(ctx);
		if ((rc = plumb__import_mig_read(ctx, arena, sub, "migration.sql", &m)) < 0 ||
		    (rc = three_sums(ctx, arena, m)) < 0)
			return rc;
		m->name = m->key = name;
		if (plumb_vec_push(arena, out, m) < 0)
			return plumb_error_nomem(ctx);
	}
	return 0;
}

/* --- drizzle ------------------------------------------------------------------- */

int plumb__import_read_drizzle(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
			       plumb_vec *out)
{
	int rc;
	if (plumb_history_is_drizzle(ctx, args->dir)) {
		/* 0.x: the journal; key = `when` (the created_at drizzle-orm records) */
		plumb_history h = {.dir = args->dir};
		if ((rc = plumb__history_load_drizzle(ctx, arena, args->dir, &h)) < 0)
			return rc;
		for (size_t i = 0; i < h.migrations.n; i++) {
			const plumb_migration *pm = h.migrations.items[i];
			plumb_import_mig *m = plumb_arena_alloc(arena, sizeof(*m));
			if (!m || plumb_vec_push(arena, out, m) < 0)
				return plumb_error_nomem(ctx);
			memset(m, 0, sizeof(*m));
			m->name = pm->name;
			m->source = pm->path;
			m->raw = m->up = pm->sql;
			m->raw_len = m->up_len = pm->len;
			m->key = pm->version;
			m->sums[0] = pm->checksum;
			m->sums[1] = pm->checksum_lf;
			m->sums[2] = pm->checksum_crlf;
		}
		return 0;
	}
	/* 1.0: TIMESTAMP_NAME/migration.sql; key = the folder's name */
	size_t n0 = out->n;
	if ((rc = read_folders(ctx, arena, args->dir, out)) < 0)
		return rc;
	if (out->n == n0)
		return plumb_error_set_at(ctx, PLUMB_ENOTFOUND, args->dir, 0, 0,
					  "no drizzle-kit migrations: neither %s nor folders "
					  "holding migration.sql",
					  PLUMB_DRIZZLE_JOURNAL);
	return 0;
}

/* A 1.0 row (hash, created_at, name, applied_at) with a name: the migration
 * of that folder name, as drizzle-orm 1.0 matches them (getMigrationsToRun
 * in drizzle-orm/src/migrator.utils.ts); its hash is then only checked. */
static int match_named(plumb_ctx *ctx, plumb_arena *arena, plumb_map *by_key, char **row,
		       plumb_vec *problems)
{
	int rc;
	plumb_import_mig *m = plumb_map_get(by_key, row[2], NULL, NULL);
	if (!m)
		return plumb__import_problem(ctx, arena, problems, "missing",
					     "__drizzle_migrations has a row for %s (hash %.12s) "
					     "but there is no such migration folder",
					     row[2], row[0] ? row[0] : "NULL");
	if (row[0] && *row[0] && !sum_matches(m, row[0]) &&
	    (rc = plumb__import_problem(ctx, arena, problems, "checksum",
					"%s was edited after it was applied (recorded hash "
					"%.12s, file now %.12s)",
					m->source, row[0], m->sums[0])) < 0)
		return rc;
	m->applied = true;
	if (row[3])
		m->applied_at = plumb__import_time(arena, row[3], false);
	return 0;
}

/* Rows (hash, created_at[, name, applied_at]): a row with a name (drizzle-orm
 * 1.0's table) is the migration of that folder; otherwise the migration
 * whose hash it holds, else the one whose key is its created_at (0.x: the
 * journal's `when`); one found by created_at with another hash was edited. */
int plumb__import_match_drizzle(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
				plumb_vec *migs, const plumb_import_rows *rows, plumb_vec *problems)
{
	(void)args;
	plumb_map *by_sum, *by_key;
	int rc = index_migs(ctx, arena, migs, &by_sum, &by_key);
	if (rc < 0)
		return rc;
	for (size_t r = 0; r < rows->rows.n; r++) {
		char **row = rows->rows.items[r];
		plumb_import_mig *m = NULL;
		if (rows->n_cols >= 4 && row[2]) {
			if ((rc = match_named(ctx, arena, by_key, row, problems)) < 0)
				return rc;
			continue;
		}
		const plumb_vec *same = row[0] ? plumb_map_get(by_sum, row[0], NULL, NULL) : NULL;
		for (size_t i = 0; same && i < same->n && !m; i++)
			if (!((plumb_import_mig *)same->items[i])->applied)
				m = same->items[i];
		if (!m && row[1] && (m = plumb_map_get(by_key, row[1], NULL, NULL)) && row[0] &&
		    *row[0] &&
		    (rc = plumb__import_problem(ctx, arena, problems, "checksum",
						"%s was edited after it was applied (recorded hash "
						"%.12s, file now %.12s)",
						m->source, row[0], m->sums[0])) < 0)
			return rc;
		if (!m) {
			if ((rc = plumb__import_problem(
				     ctx, arena, problems, "missing",
				     "__drizzle_migrations has a row (created_at "
				     "%s, hash %.12s) that no migration file matches",
				     row[1] ? row[1] : "NULL", row[0] ? row[0] : "NULL")) < 0)
				return rc;
			continue;
		}
		m->applied = true;
	}
	return 0;
}

/* --- prisma -------------------------------------------------------------------------- */

int plumb__import_read_prisma(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
			      plumb_vec *out)
{
	return read_folders(ctx, arena, args->dir, out);
}

/* Rows (migration_name, checksum, finished_at, rolled_back_at, started_at):
 * a name may have several rows (rolled back, then applied again). */
int plumb__import_match_prisma(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
			       plumb_vec *migs, const plumb_import_rows *rows, plumb_vec *problems)
{
	(void)args;
	int rc;
	for (size_t r = 0; r < rows->rows.n; r++) {
		char **row = rows->rows.items[r];
		const char *name = row[0] ? row[0] : "";
		plumb_import_mig *m = plumb__import_find(migs, name);
		bool done = row[2] && !row[3], failed = !row[2] && !row[3];
		/* a later row of the same name decides */
		bool seen = false;
		for (size_t k = 0; k < r; k++)
			seen = seen || (((char **)rows->rows.items[k])[0] &&
					!strcmp(((char **)rows->rows.items[k])[0], name));
		if (seen)
			continue;
		for (size_t k = r + 1; k < rows->rows.n; k++) {
			char **o = rows->rows.items[k];
			if (!o[0] || strcmp(o[0], name))
				continue;
			if (o[2] && !o[3]) {
				done = true;
				row = o;
			}
			failed = failed || (!o[2] && !o[3]);
		}
		if (!m) {
			if (done &&
			    (rc = plumb__import_problem(ctx, arena, problems, "missing",
							"_prisma_migrations has %s but there "
							"is no such migration folder",
							name)) < 0)
				return rc;
			continue;
		}
		if (done) {
			m->applied = true;
			m->applied_at = plumb__import_time(arena, row[2], false);
			if (!sum_matches(m, row[1]) &&
			    (rc = plumb__import_problem(
				     ctx, arena, problems, "checksum",
				     "%s was edited after it was applied (recorded "
				     "sha256 %.12s, file now %.12s)",
				     m->source, row[1] ? row[1] : "", m->sums[0])) < 0)
				return rc;
		} else if (failed) {
			if ((rc = plumb__import_problem(ctx, arena, problems, "failed",
							"_prisma_migrations: %s started but never "
							"finished (failed)",
							name)) < 0)
				return rc;
		} else if ((rc = plumb__import_problem(ctx, arena, problems, "rolled-back",
						       "_prisma_migrations: %s was rolled back and "
						       "not applied again",
						       name)) < 0) {
			return rc;
		}
	}
	return 0;
}
