/*
 * plumb baseline VERSION: records every migration up to VERSION as applied
 * without running it, for a database that already has that schema (built by
 * hand or by another tool). Runs no migration SQL.
 */
#include "commands/commands.h"

int plumb_cmd_baseline(plumb_ctx *ctx, const plumb_options *opts, const char *version)
{
	plumb_env env;
	plumb_history *history;
	plumb_conn *conn;
	int rc;

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0 ||
	    (rc = plumb_history_load(ctx, ctx->root, env.dir, &history)) < 0 ||
	    (rc = plumb__env_connect(ctx, &env, &conn)) < 0 ||
	    (rc = plumb_runner_baseline(ctx, conn, history, version)) < 0)
		return rc;
	if (opts->json)
		return plumb__emit_json(ctx, &env, json_pack("{s:s, s:s}", "baseline", version,
							     "database", conn->display));
	plumb__note(&env, "%s: migrations up to %s recorded as baseline\n", conn->display, version);
	return 0;
}
