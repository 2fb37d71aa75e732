/*
 * plumb squash [--to V]: replaces the migrations up to V (default: all) by
 * one migration holding their combined effect, planned from the state their
 * replay builds (not their text put together). It takes V's version and
 * names the versions it replaces in a `-- plumb:squashes` directive; the
 * originals move to squashed/ so that a database stopped among them can
 * still catch up with them (the runner decides, runner/squash.c). Both
 * plumb.sum files are rewritten with the files, all or nothing. The new
 * folder is replayed and must build the schema the old one built, else
 * nothing is written. --dry-run writes nothing and prints the migration.
 * Statements that change rows (found by the dialect's parser) are no
 * schema: squash refuses, naming them, unless --data keep carries them
 * after the schema statements (run on the squashed schema first where the
 * engine allows) or --data drop leaves them out.
 */
#include <string.h>

#include "commands/commands.h"

/* The versions migrations[0..n) stand for: their own, or those an earlier
 * squash replaces. */
static int versions_of(plumb_ctx *ctx, const plumb_history *h, size_t n, plumb_vec *out)
{
	for (size_t i = 0; i < n; i++) {
		const plumb_migration *m = h->migrations.items[i];
		if (!m->n_replaces) {
			if (plumb_vec_push(ctx->root, out, (void *)m->version) < 0)
				return plumb_error_nomem(ctx);
			continue;
		}
		for (size_t k = 0; k < m->n_replaces; k++)
			if (plumb_vec_push(ctx->root, out, (void *)m->replaces[k]) < 0)
				return plumb_error_nomem(ctx);
	}
	return 0;
}

/* The body of the squashing migration: the directive, a note, the plan
 * from an empty database to the state of migrations[0..n). */
static int build_body(plumb_ctx *ctx, const plumb_env *env, const plumb_history *h, size_t n,
		      const plumb_vec *versions, const plumb_vec *data, const char *mode,
		      char **schema_sql, char **out)
{
	int rc;
	const plumb_dialect *d = plumb__env_file_dialect(env);
	plumb_history empty = {.dir = h->dir}, upto = {.dir = h->dir};
	plumb_catalog *have, *want;
	plumb_diff *diff;
	plumb_plan *plan;
	char *sql;
	for (size_t i = 0; i < n; i++)
		if (plumb_vec_push(ctx->root, &upto.migrations, h->migrations.items[i]) < 0)
			return plumb_error_nomem(ctx);
	rc = plumb_source_history_catalog(ctx, ctx->root, &empty, d, env->dev_url, &have);
	if (rc == 0)
		rc = plumb_source_history_catalog(ctx, ctx->root, &upto, d, env->dev_url, &want);
	if (rc < 0 || (rc = plumb_diff_catalogs(ctx, ctx->root, have, want, &diff)) < 0)
		return rc;
	plumb_plan_opts popts = {0};
	if ((rc = plumb_plan_build(ctx, ctx->root, d->planner, diff, &popts, &plan)) < 0 ||
	    (rc = plumb_plan_render(ctx, ctx->root, plan, PLUMB_RENDER_MIGRATION, &sql)) < 0)
		return rc;
	plumb_buf b;
	plumb_buf_init(&b, ctx->root, 0);
	plumb_buf_puts(&b, "-- plumb:squashes");
	for (size_t i = 0; i < versions->n; i++)
		plumb_buf_printf(&b, " %s", (const char *)versions->items[i]);
	plumb_buf_printf(&b,
			 "\n-- The combined effect of %zu migrations, versions %s to %s,\n"
			 "-- planned by `plumb squash` from the state they build. Their files "
			 "are in %s/;\n"
			 "-- a database that stopped among them runs the ones it lacks instead "
			 "of this.\n",
			 versions->n, (const char *)versions->items[0],
			 (const char *)versions->items[versions->n - 1], PLUMB_SQUASHED_DIR);
	bool keep = data->n && mode && !strcmp(mode, "keep");
	if (keep)
		plumb_buf_printf(&b,
				 "-- The %zu statement%s in them that changed rows follow%s the "
				 "schema statements.\n",
				 data->n, data->n == 1 ? "" : "s", data->n == 1 ? "s" : "");
	else if (data->n)
		plumb_buf_printf(&b,
				 "-- The %zu statement%s in them that changed rows %s not "
				 "part of it (--data drop).\n",
				 data->n, data->n == 1 ? "" : "s", data->n == 1 ? "is" : "are");
	plumb_buf_puts(&b, "\n");
	plumb_buf_puts(&b, sql);
	if (keep) {
		plumb_buf_puts(&b, "\n-- Statements that changed rows, in their order:\n");
		for (size_t i = 0; i < data->n; i++) {
			const plumb_data_stmt *dt = data->items[i];
			plumb_buf_printf(&b, "\n-- from %s:%d\n%s\n", dt->migration->file_name,
					 dt->line, dt->text);
		}
	}
	*schema_sql = sql;
	if ((rc = plumb_buf_finish(&b, ctx)) < 0)
		return rc;
	*out = b.data;
	return 0;
}

/* Refuses, naming the difference, when the folder with m in place of
 * migrations[0..n) does not build what the folder builds now. */
static int verify(plumb_ctx *ctx, const plumb_env *env, const plumb_history *h, size_t n,
		  plumb_migration *m)
{
	int rc;
	const plumb_dialect *d = plumb__env_file_dialect(env);
	plumb_history after = {.dir = h->dir};
	plumb_catalog *old_state, *new_state;
	plumb_diff *diff;
	if (plumb_vec_push(ctx->root, &after.migrations, m) < 0)
		return plumb_error_nomem(ctx);
	for (size_t i = n; i < h->migrations.n; i++)
		if (plumb_vec_push(ctx->root, &after.migrations, h->migrations.items[i]) < 0)
			return plumb_error_nomem(ctx);
	rc = plumb_source_history_catalog(ctx, ctx->root, h, d, env->dev_url, &old_state);
	if (rc == 0)
		rc = plumb_source_history_catalog(ctx, ctx->root, &after, d, env->dev_url,
						  &new_state);
	if (rc < 0 || (rc = plumb_diff_catalogs(ctx, ctx->root, new_state, old_state, &diff)) < 0)
		return rc;
	if (plumb_diff_is_empty(diff))
		return 0;
	rc = plumb_error_set_at(ctx, PLUMB_ERROR, h->dir, 0, 0,
				"could not squash: the squashed migration does not build the "
				"schema the migrations it replaces build");
	plumb_buf b;
	plumb_buf_init(&b, ctx->root, 0);
	plumb_diff_describe(diff, &b);
	plumb_error_add_detail(ctx, "still to do after it: %s", plumb_buf_str(&b));
	plumb_error_set_hint(ctx, "nothing was written; please report this with the migrations");
	return rc;
}

/* The refusal of a squash over statements that change rows, naming each. */
static int refuse_data(plumb_ctx *ctx, const plumb_vec *data)
{
	const plumb_data_stmt *first = data->items[0];
	int rc = plumb_error_set_at(ctx, PLUMB_ERROR, first->migration->path, first->line,
				    first->col,
				    "could not squash: %zu statement%s in the squashed migrations "
				    "change%s rows: \"%s\"%s",
				    data->n, data->n == 1 ? "" : "s", data->n == 1 ? "s" : "",
				    first->what, data->n > 1 ? " and more" : "");
	for (size_t i = 0; i < data->n; i++) {
		const plumb_data_stmt *dt = data->items[i];
		plumb_error_add_detail(ctx, "%s:%d:%d: %s", dt->migration->path, dt->line, dt->col,
				       dt->what);
	}
	plumb_error_set_hint(ctx,
			     "nothing was written; --data keep carries them after the schema "
			     "statements, --data drop leaves them out (the originals stay in "
			     "%s/)",
			     PLUMB_SQUASHED_DIR);
	return rc;
}

int plumb_cmd_squash(plumb_ctx *ctx, const plumb_options *opts)
{
	plumb_env env;
	plumb_history *history;
	plumb_vec versions = {0};
	char *body = NULL;
	int rc;

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0 ||
	    (rc = plumb_history_load(ctx, ctx->root, env.dir, &history)) < 0)
		return rc;
	if (history->format == PLUMB_HISTORY_DRIZZLE) {
		rc = plumb_error_set_at(ctx, PLUMB_EUSAGE, env.dir, 0, 0,
					"could not squash: this is a drizzle-kit migrations folder "
					"(it has %s)",
					PLUMB_DRIZZLE_JOURNAL);
		plumb_error_set_hint(ctx,
				     "drizzle-kit's journal and snapshots list its "
				     "migrations; convert the folder with `plumb import --from "
				     "drizzle` first");
		return rc;
	}
	if (!history->migrations.n)
		return plumb_error_set_at(ctx, PLUMB_EUSAGE, env.dir, 0, 0,
					  "could not squash: no migrations in the folder");
	size_t n = history->migrations.n;
	if (opts->to_version) {
		const plumb_migration *target;
		if (plumb_history_find_squashed(history, opts->to_version) &&
		    !plumb_history_find(history, opts->to_version)) {
			rc = plumb_error_set(ctx, PLUMB_EUSAGE,
					     "could not squash up to %s: it is squashed already",
					     opts->to_version);
			plumb_error_set_hint(ctx, "`plumb status` lists the versions of the "
						  "migrations folder");
			return rc;
		}
		if ((rc = plumb_history_get(ctx, history, opts->to_version, &target)) < 0)
			return rc;
		for (n = 0; history->migrations.items[n] != target; n++)
			;
		n++;
	}
	const plumb_migration *last = history->migrations.items[n - 1];
	if (n == 1 && (last->n_replaces || opts->to_version)) {
		plumb__note(&env,
			    "nothing to squash: " PLUMB_MIG_LABEL " is the only migration up "
			    "to %s\n",
			    PLUMB_MIG_LABEL_OF(last), last->version);
		if (opts->json)
			return plumb__emit_json(ctx, &env, json_pack("{s:n}", "migration"));
		return 0;
	}
	plumb_vec range = {0}, data = {0};
	const plumb_dialect *d = plumb__env_file_dialect(&env);
	for (size_t i = 0; i < n; i++)
		if (plumb_vec_push(ctx->root, &range, history->migrations.items[i]) < 0)
			return plumb_error_nomem(ctx);
	if (d->find_data && (rc = d->find_data(ctx, ctx->root, &range, &data)) < 0)
		return rc;
	if (data.n && !opts->squash_data)
		return refuse_data(ctx, &data);
	char *schema_sql = NULL;
	if ((rc = versions_of(ctx, history, n, &versions)) < 0 ||
	    (rc = build_body(ctx, &env, history, n, &versions, &data, opts->squash_data,
			     &schema_sql, &body)) < 0)
		return rc;
	bool keep = data.n && !strcmp(opts->squash_data, "keep");
	if (keep && d->check_data && (rc = d->check_data(ctx, ctx->root, schema_sql, &data)) < 0)
		return rc;

	plumb_migration *m = plumb_arena_alloc(ctx->root, sizeof(*m));
	if (!m)
		return plumb_error_nomem(ctx);
	m->version = last->version;
	m->name = "squash";
	m->file_name = plumb_arena_printf(ctx->root, "%s_%s.sql", m->version, m->name);
	m->path = m->file_name ? plumb_path_join(ctx->root, env.dir, m->file_name) : NULL;
	if (!m->path)
		return plumb_error_nomem(ctx);
	m->sql = body;
	m->len = strlen(body);
	plumb_history_checksum(m->sql, m->len, m->checksum);
	if ((rc = plumb__history_read_directives(ctx, m)) < 0)
		return rc;
	if ((rc = verify(ctx, &env, history, n, m)) < 0) {
		if (keep)
			plumb_error_add_detail(ctx,
					       "the squashed migration ends with the %zu carried "
					       "statements that change rows (--data keep)",
					       data.n);
		return rc;
	}

	if (keep && !d->check_data && !env.dev_url)
		plumb__note(&env,
			    "note: the %zu carried statement%s that change rows were not run on "
			    "the squashed schema (no --dev-url)\n",
			    data.n, data.n == 1 ? "" : "s");
	const char *archive = plumb_path_join(ctx->root, env.dir, PLUMB_SQUASHED_DIR);
	json_t *moved = json_array();
	for (size_t i = 0; i < n; i++) {
		const plumb_migration *o = history->migrations.items[i];
		json_array_append_new(moved, json_string(o->file_name));
	}
	if (!opts->dry_run) {
		plumb_fs_batch *batch;
		plumb_arena *tmp = plumb_arena_new(ctx->root);
		if (!tmp) {
			json_decref(moved);
			return plumb_error_nomem(ctx);
		}
		if ((rc = plumb_fs_batch_new(ctx, tmp, &batch)) == 0 &&
		    (rc = plumb_history_stage_squash(ctx, tmp, history, m, batch)) == 0)
			rc = plumb_fs_batch_commit(batch);
		plumb_arena_free(tmp);
		if (rc < 0) {
			json_decref(moved);
			return rc;
		}
	}
	if (opts->json) {
		json_t *vs = json_array();
		for (size_t i = 0; i < versions.n; i++)
			json_array_append_new(vs, json_string(versions.items[i]));
		return plumb__emit_json(ctx, &env,
					json_pack("{s:b, s:{s:s, s:s, s:s}, s:o, s:o, s:s, s:s}",
						  "dry_run", opts->dry_run, "migration", "version",
						  m->version, "name", m->name, "path", m->path,
						  "squashes", vs, "moved", moved, "squashed_dir",
						  archive, "sql", body));
	}
	json_decref(moved);
	if (opts->dry_run) {
		fprintf(env.out, "-- would write %s\n", m->path);
		fprintf(env.out, "-- would move %zu file%s to %s/\n", n, n == 1 ? "" : "s",
			archive);
		fputs(body, env.out);
		return 0;
	}
	fprintf(env.out, "%s\n", m->path);
	plumb__note(&env,
		    "squashed %zu migrations (versions %s to %s) into %s; the originals are in "
		    "%s/ for databases that stopped among them\n",
		    versions.n, (const char *)versions.items[0],
		    (const char *)versions.items[versions.n - 1], m->file_name, archive);
	if (data.n && !keep)
		plumb__note(&env,
			    "note: left out %zu statement%s that change rows (--data drop); the "
			    "originals are in %s/\n",
			    data.n, data.n == 1 ? "" : "s", archive);
	return 0;
}
