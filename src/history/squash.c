/*
 * Squashed migrations in the folder: the `-- plumb:squashes V1 V2 ...`
 * directive of a migration that holds the combined effect of those versions,
 * and squashed/, where `plumb squash` keeps their original files (with a
 * plumb.sum of its own) for databases that stopped among them. It reads and
 * stages files; which of them a database still needs is the runner's call.
 */
#include <ctype.h>
#include <string.h>

#include "history/history.h"

static int cmp_version(const void *a, const void *b)
{
	return plumb__history_version_cmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_migration(const void *a, const void *b)
{
	const plumb_migration *x = *(const plumb_migration *const *)a;
	const plumb_migration *y = *(const plumb_migration *const *)b;
	return plumb__history_version_cmp(x->version, y->version);
}

int plumb__history_read_squashes(plumb_ctx *ctx, plumb_migration *m, const char *arg, size_t n,
				 int line, int col)
{
	plumb_arena *a = ctx->root;
	plumb_vec list = {0};
	for (size_t i = 0; i < m->n_replaces; i++)
		if (plumb_vec_push(a, &list, (void *)m->replaces[i]) < 0)
			return plumb_error_nomem(ctx);
	size_t before = list.n;
	for (size_t i = 0; i < n;) {
		while (i < n && (arg[i] == ' ' || arg[i] == '\t' || arg[i] == ','))
			i++;
		size_t s = i;
		while (i < n && arg[i] != ' ' && arg[i] != '\t' && arg[i] != ',')
			i++;
		if (s == i)
			break;
		for (size_t k = s; k < i; k++) {
			if (isdigit((unsigned char)arg[k]))
				continue;
			return plumb_error_set_at(
				ctx, PLUMB_EPARSE, m->path, line, col + (int)k,
				"invalid directive \"plumb:squashes\": \"%.*s\" is "
				"not a migration version",
				(int)(i - s), arg + s);
		}
		char *v = plumb_arena_strndup(a, arg + s, i - s);
		if (!v || plumb_vec_push(a, &list, v) < 0)
			return plumb_error_nomem(ctx);
	}
	if (list.n == before)
		return plumb_error_set_at(ctx, PLUMB_EPARSE, m->path, line, col,
					  "invalid directive \"plumb:squashes\": expected the "
					  "versions it replaces");
	plumb_vec_sort(&list, cmp_version);
	for (size_t i = 1; i < list.n; i++)
		if (plumb__history_version_same(list.items[i - 1], list.items[i]))
			return plumb_error_set_at(ctx, PLUMB_EPARSE, m->path, line, col,
						  "invalid directive \"plumb:squashes\": version "
						  "%s is listed twice",
						  (const char *)list.items[i]);
	m->replaces = (const char **)list.items;
	m->n_replaces = list.n;
	return 0;
}

plumb_migration *plumb_history_find_squashed(const plumb_history *history, const char *v)
{
	/* sorted by version: a binary search */
	size_t lo = 0, hi = history->squashed.n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		plumb_migration *m = history->squashed.items[mid];
		int c = plumb__history_version_cmp(m->version, v);
		if (plumb__history_version_same(m->version, v))
			return m;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

int plumb__history_load_squashed(plumb_ctx *ctx, plumb_arena *arena, plumb_history *h)
{
	int rc = 0;
	char *dir = plumb_path_join(arena, h->dir, PLUMB_SQUASHED_DIR);
	if (!dir)
		return plumb_error_nomem(ctx);
	if (plumb_fs_is_dir(dir)) {
		plumb_history *arch;
		if ((rc = plumb_history_load(ctx, arena, dir, &arch)) < 0) {
			plumb_error_add_detail(ctx, "in %s, the originals of squashed migrations",
					       dir);
			return rc;
		}
		h->squashed = arch->migrations;
	}
	for (size_t i = 0; i < h->migrations.n; i++) {
		plumb_migration *m = h->migrations.items[i];
		if (!m->n_replaces)
			continue;
		bool own = false;
		m->replaced = plumb_arena_alloc(arena, m->n_replaces * sizeof(*m->replaced));
		if (!m->replaced)
			return plumb_error_nomem(ctx);
		for (size_t k = 0; k < m->n_replaces; k++) {
			const char *v = m->replaces[k];
			m->replaced[k] = plumb_history_find_squashed(h, v);
			own = own || plumb__history_version_same(v, m->version);
			for (size_t j = 0; j < h->migrations.n; j++) {
				const plumb_migration *o = h->migrations.items[j];
				if (o == m || !plumb__history_version_same(o->version, v))
					continue;
				rc = plumb_error_set_at(ctx, PLUMB_EINTEGRITY, o->path, 0, 0,
							"migration \"" PLUMB_MIG_LABEL
							"\" is squashed into \"" PLUMB_MIG_LABEL
							"\" but is still in the folder",
							PLUMB_MIG_LABEL_OF(o),
							PLUMB_MIG_LABEL_OF(m));
				plumb_error_set_hint(ctx, "its original belongs in %s/%s", h->dir,
						     PLUMB_SQUASHED_DIR);
				return rc;
			}
		}
		if (!own ||
		    plumb__history_version_cmp(m->replaces[m->n_replaces - 1], m->version) > 0) {
			rc = plumb_error_set_at(ctx, PLUMB_EINTEGRITY, m->path, 1, 1,
						"squashed migration \"" PLUMB_MIG_LABEL
						"\" must have the version of the last migration "
						"it replaces (%s)",
						PLUMB_MIG_LABEL_OF(m),
						m->replaces[m->n_replaces - 1]);
			return rc;
		}
	}
	return 0;
}

int plumb_history_stage_squash(plumb_ctx *ctx, plumb_arena *arena, const plumb_history *history,
			       const plumb_migration *m, plumb_fs_batch *batch)
{
	int rc = 0;
	plumb_vec top = {0}, arch = {0};
	char *dir = plumb_path_join(arena, history->dir, PLUMB_SQUASHED_DIR);
	if (!dir)
		return plumb_error_nomem(ctx);
	for (size_t i = 0; i < history->squashed.n; i++)
		if (plumb_vec_push(arena, &arch, history->squashed.items[i]) < 0)
			return plumb_error_nomem(ctx);
	for (size_t i = 0; i < history->migrations.n; i++) {
		plumb_migration *o = history->migrations.items[i];
		if (plumb__history_version_cmp(o->version, m->version) > 0) {
			if (plumb_vec_push(arena, &top, o) < 0)
				return plumb_error_nomem(ctx);
			continue;
		}
		if (strcmp(o->path, m->path) != 0 &&
		    (rc = plumb_fs_batch_remove(batch, o->path)) < 0)
			return rc;
		if (o->n_replaces)
			continue; /* an earlier squash: its originals are kept already */
		plumb_migration *c = plumb_arena_alloc(arena, sizeof(*c));
		if (!c)
			return plumb_error_nomem(ctx);
		*c = *o;
		c->path = plumb_path_join(arena, dir, o->file_name);
		if (!c->path || plumb_vec_push(arena, &arch, c) < 0)
			return plumb_error_nomem(ctx);
		if ((rc = plumb_fs_batch_write(batch, c->path, o->sql, o->len)) < 0)
			return rc;
	}
	if (plumb_vec_push(arena, &top, (void *)m) < 0)
		return plumb_error_nomem(ctx);
	plumb_vec_sort(&top, cmp_migration);
	plumb_vec_sort(&arch, cmp_migration);
	if ((rc = plumb_fs_batch_write(batch, m->path, m->sql, m->len)) < 0 ||
	    (rc = plumb__history_stage_sum_of(ctx, arena, batch, history->dir, &top)) < 0 ||
	    (rc = plumb__history_stage_sum_of(ctx, arena, batch, dir, &arch)) < 0)
		return rc;
	return 0;
}
