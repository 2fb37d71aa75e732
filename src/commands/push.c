/*
 * plumb push: brings a (development) database straight to the schema file,
 * with no migration file. Never prompts: a destructive plan is refused unless
 * --allow-data-loss, and --dry-run prints the SQL instead of running it. An
 * environment marked "protected" in the config is refused (a dry run reads only).
 */
#include "commands/commands.h"

int plumb_cmd_push(plumb_ctx *ctx, const plumb_options *opts)
{
	plumb_env env;
	plumb_conn *conn;
	plumb_catalog *have, *want;
	plumb_diff *diff;
	plumb_plan *plan;
	char *sql;
	int rc;

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0 ||
	    (!opts->dry_run && (rc = plumb__env_refuse_protected(ctx, &env, "push to")) < 0) ||
	    (rc = plumb__env_connect(ctx, &env, &conn)) < 0)
		return rc;
	const plumb_dialect *d = conn->dialect;
	plumb_plan_opts popts = plumb__env_plan_opts(&env);
	if ((rc = d->introspect(ctx, conn, ctx->root, &have)) < 0 ||
	    (rc = plumb_source_schema_catalog(ctx, ctx->root, env.schema, d, env.dev_url, &want)) < 0 ||
	    (rc = plumb_diff_catalogs(ctx, ctx->root, have, want, &diff)) < 0 ||
	    (rc = plumb_plan_build(ctx, ctx->root, d->planner, diff, &popts, &plan)) < 0 ||
	    (rc = plumb__plan_probe(ctx, conn, plan)) < 0)
		return rc;
	if (!opts->dry_run && !plumb_plan_is_empty(plan) &&
	    (rc = plumb_runner_apply_plan(ctx, conn, plan)) < 0)
		return rc;
	if (opts->json)
		return plumb__emit_json(ctx, &env,
					json_pack("{s:s, s:b, s:o, s:o}", "database", conn->display,
						  "dry_run", opts->dry_run, "changes",
						  plumb__diff_json(ctx, diff), "statements",
						  plumb__plan_json(plan)));
	if (plumb_plan_is_empty(plan)) {
		plumb__note(&env, "%s is in sync with %s\n", conn->display, env.schema);
		return 0;
	}
	if (opts->dry_run) {
		if ((rc = plumb_plan_render(ctx, ctx->root, plan, PLUMB_RENDER_SCRIPT, &sql)) < 0)
			return rc;
		fputs(sql, env.out);
		return 0;
	}
	plumb_buf b;
	plumb_buf_init(&b, ctx->root, 0);
	plumb_diff_describe(diff, &b);
	plumb__note(&env, "%s", plumb_buf_str(&b));
	plumb__note(&env, "%s now matches %s (%zu statement%s)\n", conn->display, env.schema,
		    plan->stmts.n, plan->stmts.n == 1 ? "" : "s");
	return 0;
}
