/*
 * plumb reset: for development, drops every object the user owns in the
 * database (never an extension's; the tracking table too) and rebuilds it
 * from the migrations folder (migrate) or, with --from-schema, from the schema
 * file (push). Refused on an environment marked "protected" in the config;
 * asks on a terminal, and with none (or CI=true) needs --yes. --dry-run
 * prints the statements that would drop and changes nothing.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "commands/commands.h"

/* True when nobody can be asked: stdin is no terminal, or CI says so. */
static bool no_terminal(void)
{
	const char *ci = getenv("CI");
	return !isatty(STDIN_FILENO) || (ci && (!strcasecmp(ci, "true") || !strcmp(ci, "1")));
}

static int confirm(plumb_ctx *ctx, const plumb_env *env)
{
	if (no_terminal()) {
		plumb_error_set(ctx, PLUMB_EUSAGE,
				"reset drops every object in %s: there is no terminal to ask "
				"on, so it needs --yes",
				env->url_shown);
		plumb_error_set_hint(ctx, "rerun with --yes, or --dry-run to see what it drops");
		return PLUMB_EUSAGE;
	}
	char line[64];
	fprintf(env->err, "reset drops every object in %s and rebuilds it from %s. Go on? [y/N] ",
		env->url_shown, env->opts->from_schema ? env->schema : env->dir);
	fflush(env->err);
	if (!fgets(line, sizeof(line), stdin) ||
	    (strcasecmp(line, "y\n") && strcasecmp(line, "yes\n")))
		return plumb_error_set(ctx, PLUMB_ERROR, "reset cancelled: nothing was changed");
	return 0;
}

/* Runs drops in one transaction holding the runner lock. */
static int drop(plumb_ctx *ctx, const plumb_env *env, plumb_conn *conn, const plumb_vec *drops)
{
	const plumb_dialect *d = conn->dialect;
	plumb_txn_opts topts = {.foreign_keys_off = true};
	int rc;
	if ((rc = d->lock(ctx, conn, env->lock_timeout_ms)) < 0)
		return rc;
	if ((rc = d->begin(ctx, conn, &topts)) < 0)
		goto unlock;
	for (size_t i = 0; i < drops->n; i++) {
		if ((rc = d->exec_script(ctx, conn, drops->items[i], NULL)) < 0) {
			d->rollback(ctx, conn);
			goto unlock;
		}
	}
	rc = d->commit(ctx, conn);
unlock:;
	int rc2 = d->unlock(ctx, conn);
	return rc < 0 ? rc : rc2;
}

int plumb_cmd_reset(plumb_ctx *ctx, const plumb_options *opts)
{
	plumb_env env;
	plumb_conn *conn;
	plumb_vec drops = {0};
	int rc;

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0 ||
	    (rc = plumb__env_refuse_protected(ctx, &env, "reset")) < 0 ||
	    (!opts->dry_run && !opts->yes && (rc = confirm(ctx, &env)) < 0) ||
	    (rc = plumb__env_connect(ctx, &env, &conn)) < 0 ||
	    (rc = conn->dialect->drop_all(ctx, conn, ctx->root, &drops)) < 0)
		return rc;
	const char *from = opts->from_schema ? env.schema : env.dir;
	if (opts->dry_run) {
		if (opts->json) {
			json_t *list = json_array();
			for (size_t i = 0; i < drops.n; i++)
				json_array_append_new(list, json_string(drops.items[i]));
			return plumb__emit_json(
				ctx, &env,
				json_pack("{s:s, s:b, s:o, s:s, s:s}", "database", conn->display,
					  "dry_run", true, "drops", list, "rebuild",
					  opts->from_schema ? "push" : "migrate", "from", from));
		}
		for (size_t i = 0; i < drops.n; i++)
			fprintf(env.out, "%s;\n", (const char *)drops.items[i]);
		fprintf(env.out, "-- then: plumb %s (from %s)\n",
			opts->from_schema ? "push" : "migrate", from);
		return 0;
	}
	if ((rc = drop(ctx, &env, conn, &drops)) < 0)
		return rc;
	plumb__note(&env, "dropped %zu object%s in %s; rebuilding from %s\n", drops.n,
		    drops.n == 1 ? "" : "s", conn->display, from);
	/* the rebuild reports as itself, but the run prints one JSON document */
	plumb_options inner = *opts;
	inner.json = false;
	inner.dry_run = false;
	if (opts->json)
		inner.out = env.err;
	if ((rc = opts->from_schema ? plumb_cmd_push(ctx, &inner)
				    : plumb_cmd_migrate(ctx, &inner)) < 0)
		return rc;
	if (opts->json)
		return plumb__emit_json(
			ctx, &env,
			json_pack("{s:s, s:b, s:I, s:s, s:s}", "database", conn->display, "dry_run",
				  false, "dropped", (json_int_t)drops.n, "rebuild",
				  opts->from_schema ? "push" : "migrate", "from", from));
	return 0;
}
