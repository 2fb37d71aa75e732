/*
 * plumb sum: rewrites plumb.sum from the migration files as they are now,
 * after a person has reviewed a hand-written or merged migration. It is the
 * only way besides `generate` to accept a change to the folder.
 */
#include "commands/commands.h"

int plumb_cmd_sum(plumb_ctx *ctx, const plumb_options *opts)
{
	plumb_env env;
	int rc;

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0)
		return rc;
	if (!plumb_fs_is_dir(env.dir))
		return plumb_error_set_at(ctx, PLUMB_ENOTFOUND, env.dir, 0, 0,
					  "no such migrations folder");
	plumb_history h = {.dir = env.dir};
	if ((rc = plumb_history_write_sum(ctx, &h)) < 0)
		return rc;
	char *sum = plumb_path_join(ctx->root, env.dir, PLUMB_SUM_FILE);
	if (opts->json)
		return plumb__emit_json(ctx, &env, json_pack("{s:s}", "sum", sum ? sum : ""));
	plumb__note(&env, "wrote %s\n", sum ? sum : PLUMB_SUM_FILE);
	return 0;
}
