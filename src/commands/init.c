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
	int rc;
	json_t *created = json_array();

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0)
		goto done;
	const char *done_verb = opts->dry_run ? "would create" : "created";
	if (!plumb_fs_exists(env.schema)) {
		if (!opts->dry_run &&
		    (rc = plumb_fs_write_atomic(ctx, env.schema, schema_template,
						sizeof(schema_template) - 1)) < 0)
			goto done;
		json_array_append_new(created, json_string(env.schema));
		plumb__note(&env, "%s %s\n", done_verb, env.schema);
	}
	char *sum = plumb_path_join(ctx->root, env.dir, PLUMB_SUM_FILE);
	if (!sum) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if (!plumb_fs_exists(sum)) {
		if (!opts->dry_run &&
		    ((rc = plumb_fs_mkdir_p(ctx, env.dir)) < 0 ||
		     (rc = plumb_history_load(ctx, ctx->root, env.dir, &history)) < 0 ||
		     (rc = plumb_history_write_sum(ctx, history)) < 0))
			goto done;
		json_array_append_new(created, json_string(sum));
		plumb__note(&env, "%s %s\n", done_verb, sum);
	}
	if (opts->json) {
		rc = plumb__emit_json(ctx, &env,
				      json_pack("{s:O, s:b, s:s, s:s, s:s}", "created", created,
						"dry_run", opts->dry_run, "schema", env.schema,
						"migrations", env.dir, "url", env.url_shown));
	} else if (!json_array_size(created)) {
		plumb__note(&env, "already initialised: %s and %s exist\n", env.schema, sum);
	}
done:
	json_decref(created);
	return rc;
}
