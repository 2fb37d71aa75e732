/*
 * plumb migrate: applies pending migrations to the database, each exactly
 * once, through the runner (which holds the lock, checks integrity first and
 * records every migration). --dry-run lists what would run.
 */
#include "commands/commands.h"

typedef struct progress {
	const plumb_env *env;
	json_t *list;
} progress;

static void on_progress(const plumb_migration *m, long ms, bool dry_run, void *payload)
{
	progress *p = payload;
	json_array_append_new(p->list, json_pack("{s:s, s:s, s:I}", "version", m->version, "name",
						 m->name, "duration_ms", (json_int_t)ms));
	if (p->env->opts->json)
		return;
	if (dry_run)
		fprintf(p->env->out, "would apply %s\n", m->file_name);
	else
		plumb__note(p->env, "applied %s (%ld ms)\n", m->file_name, ms);
}

int plumb_cmd_migrate(plumb_ctx *ctx, const plumb_options *opts)
{
	plumb_env env;
	plumb_history *history;
	plumb_conn *conn;
	size_t n = 0;
	int rc;
	progress p = {&env, json_array()};

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0)
		goto done;
	if ((rc = plumb_history_load(ctx, ctx->root, env.dir, &history)) < 0)
		goto done;
	if ((rc = plumb__env_connect(ctx, &env, &conn)) < 0)
		goto done;
	plumb_migrate_opts mo = {
		.to_version = opts->to_version,
		.dry_run = opts->dry_run,
		.allow_out_of_order = opts->allow_out_of_order,
		.lock_timeout_ms = env.lock_timeout_ms,
		.progress = on_progress,
		.payload = &p,
	};
	rc = plumb_runner_migrate(ctx, conn, history, &mo, &n);
	if (opts->json) {
		json_t *doc = json_pack("{s:s, s:b, s:O, s:b}", "database", conn->display, "dry_run",
					opts->dry_run, "applied", p.list, "ok", rc == 0);
		int jrc = plumb__emit_json(ctx, &env, doc);
		if (!rc)
			rc = jrc;
	} else if (!rc && !opts->dry_run) {
		if (n)
			plumb__note(&env, "%zu migration%s applied to %s\n", n, n == 1 ? "" : "s",
				    conn->display);
		else
			plumb__note(&env, "nothing to apply: %s is up to date\n", conn->display);
	} else if (!rc && !n) {
		plumb__note(&env, "nothing to apply\n");
	}
done:
	json_decref(p.list);
	return rc;
}
