/*
 * plumb migrate: applies pending migrations to the database, each exactly
 * once, through the runner (which holds the lock, checks integrity first and
 * records every migration). --dry-run lists what would run. On a terminal
 * each migration shows as it starts and how long it took when it ends. A
 * database plumb does not manage yet (objects, no records) whose objects the
 * migrations would create again is refused, nothing run, with a pointer to
 * adopt and import; an empty one is migrated.
 */
#include <string.h>
#include <unistd.h>

#include "commands/commands.h"

typedef struct progress {
	const plumb_env *env;
	const plumb_history *history; /* the folder, for refuse_unmanaged */
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

/* Whether want (what the migrations build) creates an object live already
 * holds: a table, view, type, sequence or function of the same name. */
static bool overlaps(const plumb_catalog *live, const plumb_catalog *want)
{
	for (size_t i = 0; i < want->tables.n; i++) {
		const plumb_table *t = want->tables.items[i];
		if (plumb_catalog_find(live, PLUMB_OBJ_TABLE, t->schema, t->name))
			return true;
	}
	for (size_t i = 0; i < want->views.n; i++) {
		const plumb_view *v = want->views.items[i];
		if (plumb_catalog_find(live, PLUMB_OBJ_VIEW, v->schema, v->name))
			return true;
	}
	for (size_t i = 0; i < want->objects.n; i++) {
		const plumb_object *o = want->objects.items[i];
		switch (o->kind) {
		case PLUMB_OBJ_ENUM:
		case PLUMB_OBJ_DOMAIN:
		case PLUMB_OBJ_TYPE:
		case PLUMB_OBJ_SEQUENCE:
		case PLUMB_OBJ_FUNCTION:
			if (plumb_catalog_find(live, o->kind, o->schema, o->name))
				return true;
			break;
		default:
			break;
		}
	}
	return false;
}

/* PLUMB_ENOTMANAGED, nothing run, when conn's database holds objects but
 * no records and the migrations would create some of them again (it was
 * built by hand or by another tool: adopt or import it first). The runner
 * asks under its lock, once it read no records, so that another runner's
 * first migrations are never taken for a stranger's objects. A folder that
 * cannot be replayed here is left to the runner, whose transactions undo a
 * migration that fails. */
static int refuse_unmanaged(plumb_ctx *ctx, plumb_conn *conn, void *payload)
{
	const progress *p = payload;
	plumb_vec records = {0};
	plumb_db_state st;
	plumb_catalog *live, *want;
	int rc;
	if ((rc = conn->dialect->introspect(ctx, conn, ctx->root, &live)) < 0 ||
	    (rc = plumb__db_state(ctx, conn, live, &records, &st)) < 0)
		return rc;
	if (strcmp(st.state, "unmanaged"))
		return 0;
	if (plumb_source_history_catalog(ctx, ctx->root, p->history, conn->dialect, p->env->dev_url,
					 &want) < 0) {
		plumb_error_clear(ctx);
		return 0;
	}
	if (!overlaps(live, want))
		return 0;
	rc = plumb__db_state_error(ctx, p->env, &st);
	plumb_error_add_detail(ctx,
			       "the migrations in %s would create objects it already "
			       "holds; nothing was run",
			       p->history->dir);
	return rc;
}

int plumb_cmd_migrate(plumb_ctx *ctx, const plumb_options *opts)
{
	plumb_env env;
	plumb_history *history;
	plumb_conn *conn = NULL;
	size_t n = 0;
	int rc;
	progress p = {&env, NULL, json_array(), false, false};

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0)
		goto done;
	p.tty = isatty(fileno(env.err));
	if ((rc = plumb_history_load(ctx, ctx->root, env.dir, &history)) < 0)
		goto done;
	p.history = history;
	if ((rc = plumb__env_connect(ctx, &env, &conn)) < 0)
		goto done;
	plumb_migrate_opts mo = {
		.to_version = opts->to_version,
		.dry_run = opts->dry_run,
		.allow_out_of_order = opts->allow_out_of_order,
		.retry_failed = opts->retry_failed,
		.lock_timeout_ms = env.lock_timeout_ms,
		.ddl_lock_timeout_ms = opts->ddl_lock_timeout_ms > 0 ? opts->ddl_lock_timeout_ms
				       : opts->ddl_lock_timeout_ms == 0
					       ? PLUMB_DEFAULT_DDL_LOCK_TIMEOUT_MS
					       : 0,
		.statement_timeout_ms = opts->statement_timeout_ms > 0
						? opts->statement_timeout_ms
						: PLUMB_DEFAULT_STATEMENT_TIMEOUT_MS,
		.starting = on_starting,
		.progress = on_progress,
		.first_run = refuse_unmanaged,
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
