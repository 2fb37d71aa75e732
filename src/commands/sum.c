/*
 * plumb sum: rewrites plumb.sum from the migration files as they are now,
 * after a person has reviewed a hand-written or merged migration. It is the
 * only way besides `generate` to accept a change to the folder. --dry-run
 * writes nothing.
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
	char *sum = plumb_path_join(ctx->root, env.dir, PLUMB_SUM_FILE);
	if (!sum)
		return plumb_error_nomem(ctx);
	plumb_history h = {.dir = env.dir};
	if (opts->dry_run) {
		if (plumb_history_is_drizzle(ctx, env.dir))
			return plumb_error_set_at(ctx, PLUMB_EUSAGE, env.dir, 0, 0,
						  "no plumb.sum written: this is a drizzle-kit "
						  "migrations folder (it has %s)",
						  PLUMB_DRIZZLE_JOURNAL);
	} else if ((rc = plumb_history_write_sum(ctx, &h)) < 0) {
		return rc;
	}
	if (opts->json)
		return plumb__emit_json(ctx, &env, json_pack("{s:s, s:b}", "sum", sum, "dry_run",
							     opts->dry_run));
	if (opts->dry_run)
		fprintf(env.out, "would write %s\n", sum);
	else
		plumb__note(&env, "wrote %s\n", sum);
	return 0;
}
