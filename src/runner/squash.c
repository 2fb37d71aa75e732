/*
 * Which files a database needs once migrations were squashed (history's
 * `-- plumb:squashes` migrations and the originals in squashed/). A database
 * with a record for none of the replaced versions runs the squashed
 * migration; one with all of them done counts it as applied; one stopped
 * among them (some done, not all) goes on with the originals it lacks, as
 * if the squash had not happened, so it reaches the same state exactly (data
 * statements of the originals included). It reads records; it runs nothing.
 */
#include <string.h>

#include "runner/runner.h"
#include "util/map.h"

static int cmp_migration(const void *a, const void *b)
{
	const plumb_migration *x = *(const plumb_migration *const *)a;
	const plumb_migration *y = *(const plumb_migration *const *)b;
	return plumb__history_version_cmp(x->version, y->version);
}

bool plumb__runner_squash_matches(const plumb_migration *m, const char *checksum)
{
	if (plumb_history_checksum_matches(m, checksum))
		return true;
	/* applied as the original of its own version, before the squash */
	for (size_t k = 0; k < m->n_replaces; k++) {
		const plumb_migration *o = m->replaced[k];
		if (o && plumb__history_version_same(o->version, m->version))
			return plumb_history_checksum_matches(o, checksum);
	}
	return false;
}

int plumb__runner_effective(plumb_ctx *ctx, plumb_arena *arena, const plumb_history *history,
			    const plumb_vec *records, plumb_vec *files, plumb_map **consumed)
{
	plumb_map *recs = plumb_map_new(arena, false);
	*consumed = plumb_map_new(arena, false);
	if (!recs || !*consumed)
		return plumb_error_nomem(ctx);
	for (size_t i = 0; records && i < records->n; i++) {
		plumb_record *r = records->items[i];
		if (plumb_map_put(recs, plumb__history_version_strip(r->version), NULL, NULL, r) <
		    0)
			return plumb_error_nomem(ctx);
	}
	bool sort = false;
	for (size_t i = 0; i < history->migrations.n; i++) {
		plumb_migration *m = history->migrations.items[i];
		size_t n_done = 0, n_any = 0;
		for (size_t k = 0; k < m->n_replaces; k++) {
			const plumb_record *r = plumb_map_get(
				recs, plumb__history_version_strip(m->replaces[k]), NULL, NULL);
			n_any += r != NULL;
			n_done += r && PLUMB_RECORD_DONE(r->state);
		}
		if (!m->n_replaces || n_any == 0 || n_done == m->n_replaces) {
			if (plumb_vec_push(arena, files, m) < 0)
				return plumb_error_nomem(ctx);
			/* all done: the squash's own record stands for the rest */
			for (size_t k = 0; n_any && k < m->n_replaces; k++) {
				const char *v = plumb__history_version_strip(m->replaces[k]);
				if (strcmp(v, plumb__history_version_strip(m->version)) != 0 &&
				    plumb_map_put(*consumed, v, NULL, NULL, (void *)v) < 0)
					return plumb_error_nomem(ctx);
			}
			continue;
		}
		/* stopped among the replaced versions: the originals, each */
		for (size_t k = 0; k < m->n_replaces; k++) {
			if (m->replaced[k]) {
				if (plumb_vec_push(arena, files, m->replaced[k]) < 0)
					return plumb_error_nomem(ctx);
				sort = true;
				continue;
			}
			int rc = plumb_error_set_at(
				ctx, PLUMB_EINTEGRITY, m->path, 0, 0,
				"the database stopped among the migrations squashed into "
				"\"" PLUMB_MIG_LABEL
				"\" (%zu of %zu applied), but the original of version %s is not in "
				"%s/%s",
				PLUMB_MIG_LABEL_OF(m), n_done, m->n_replaces, m->replaces[k],
				history->dir, PLUMB_SQUASHED_DIR);
			plumb_error_set_hint(ctx,
					     "nothing was run. `plumb squash` keeps the "
					     "originals there so that such a database can catch "
					     "up; restore them from version control");
			return rc;
		}
	}
	if (sort)
		plumb_vec_sort(files, cmp_migration);
	return 0;
}
