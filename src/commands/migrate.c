/*
 * plumb migrate: applies pending migrations to the database, each exactly
 * once, through the runner (which holds the lock, checks integrity first and
 * records every migration). --dry-run lists what would run. On a terminal
 * each migration shows as it starts and how long it took when it ends.
 */
#include <unistd.h>

#include "commands/commands.h"

typedef struct progress {
	const plumb_env *env;
	json_t *list;
	bool tty;        /* progress lines are written to a terminal */
	bool open_line;  /* "applying X ..." printed, still waiting for its end */
} progress;

static bool shown(const progress *p)
{
	return !p->env->opts->json && p->env->opts->verbose > 0;
}

static void on_starting(const plumb_migration *m, void *payload)
{
	progress *p = payload;
	if (!shown(p) || !p->tty)
		return;
	fprintf(p->env->err, "applying " PLUMB_MIG_LABEL " ... ", PLUMB_MIG_LABEL_OF(m));
	fflush(p->env->err);
	p->open_line = true;
}

static void on_progress(const plumb_migration *m, long ms, bool dry_run, void *payload)
{
	progress *p = payload;
	json_array_append_new(p->list, json_pack("{s:s, s:s, s:s, s:I}", "version", m->version,
						 "name", m->name, "file", m->file_name,
						 "duration_ms", (json_int_t)ms));
	if (p->env->opts->json)
		return;
	if (dry_run) {
		fprintf(p->env->out, "would apply %s\n", m->file_name);
	} else if (p->open_line) {
		fprintf(p->env->err, "done (%ld ms)\n", ms);
		p->open_line = false;
	} else {
		plumb__note(p->env, "applied %s (%ld ms)\n", m->file_name, ms);
	}
}

int plumb_cmd_migrate(plumb_ctx *ctx, const plumb_options *opts)
{
	plumb_env env;
	plumb_history *history;
	plumb_conn *conn = NULL;
	size_t n = 0;
	int rc;
	progress p = {&env, json_array(), false, false};

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0)
		goto done;
	p.tty = isatty(fileno(env.err));
	if ((rc = plumb_history_load(ctx, ctx->root, env.dir, &history)) < 0)
		goto done;
	if ((rc = plumb__env_connect(ctx, &env, &conn)) < 0)
		goto done;
	plumb_migrate_opts mo = {
		.to_version = opts->to_version,
		.dry_run = opts->dry_run,
		.allow_out_of_order = opts->allow_out_of_order,
		.retry_failed = opts->retry_failed,
		.lock_timeout_ms = env.lock_timeout_ms,
		.ddl_lock_timeout_ms = opts->ddl_lock_timeout_ms > 0  ? opts->ddl_lock_timeout_ms
				       : opts->ddl_lock_timeout_ms == 0 ? PLUMB_DEFAULT_DDL_LOCK_TIMEOUT_MS
									 : 0,
		.statement_timeout_ms = opts->statement_timeout_ms > 0
						? opts->statement_timeout_ms
						: PLUMB_DEFAULT_STATEMENT_TIMEOUT_MS,
		.starting = on_starting,
		.progress = on_progress,
		.payload = &p,
	};
	rc = plumb_runner_migrate(ctx, conn, history, &mo, &n);
	if (p.open_line) {
		fputs(rc ? "failed\n" : "skipped (applied by another runner)\n", env.err);
		p.open_line = false;
	}
	if (opts->json) {
		json_t *doc = json_pack("{s:s, s:s, s:b, s:O}", "database", conn->display,
					"format",
					history->format == PLUMB_HISTORY_DRIZZLE ? "drizzle" : "plumb",
					"dry_run", opts->dry_run, "applied", p.list);
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
