/*
 * plumb init: creates what the default workflow needs in the current folder
 * (or where --schema/--dir point): a schema file, the migrations folder with
 * its integrity file. Never overwrites anything that exists; --dry-run
 * only says what it would create.
 */
#include "commands/commands.h"

static const char schema_template[] =
	"-- The desired schema. Edit it, then run `plumb generate NAME` to write a\n"
	"-- migration and `plumb migrate` to apply it, or `plumb push` on a dev database.\n"
	"--\n"
	"-- CREATE TABLE users (\n"
	"--   id INTEGER PRIMARY KEY,\n"
	"--   email TEXT NOT NULL UNIQUE\n"
	"-- );\n";

int plumb_cmd_init(plumb_ctx *ctx, const plumb_options *opts)
{
	plumb_env env;
	plumb_history *history;
	plumb_fs_batch *batch;
	int rc;
	json_t *created = json_array();
	plumb_arena *work = plumb_arena_new(ctx->root); /* freeing it undoes the batch */

	/* Both files are written together or not at all. */
	if (!work) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0 ||
	    (rc = plumb_fs_batch_new(ctx, work, &batch)) < 0)
		goto done;
	const char *done_verb = opts->dry_run ? "would create" : "created";
	if (!plumb_fs_exists(env.schema)) {
		if (!opts->dry_run &&
		    (rc = plumb_fs_batch_write(batch, env.schema, schema_template,
					       sizeof(schema_template) - 1)) < 0)
			goto done;
		json_array_append_new(created, json_string(env.schema));
	}
	char *sum = plumb_path_join(ctx->root, env.dir, PLUMB_SUM_FILE);
	if (!sum) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if (!plumb_fs_exists(sum)) {
		if (!opts->dry_run &&
		    ((rc = plumb_history_load(ctx, ctx->root, env.dir, &history)) < 0 ||
		     (rc = plumb_history_stage_sum(ctx, ctx->root, history, batch)) < 0))
			goto done;
		json_array_append_new(created, json_string(sum));
	}
	if (!opts->dry_run && (rc = plumb_fs_batch_commit(batch)) < 0)
		goto done;
	for (size_t i = 0; i < json_array_size(created); i++)
		plumb__note(&env, "%s %s\n", done_verb, json_string_value(json_array_get(created, i)));
	if (opts->json) {
		rc = plumb__emit_json(ctx, &env,
				      json_pack("{s:O, s:b, s:s, s:s, s:s}", "created", created,
						"dry_run", opts->dry_run, "schema", env.schema,
						"migrations", env.dir, "url", env.url_shown));
	} else if (!json_array_size(created)) {
		plumb__note(&env, "already initialised: %s and %s exist\n", env.schema, sum);
	}
done:
	plumb_arena_free(work);
	json_decref(created);
	return rc;
}
