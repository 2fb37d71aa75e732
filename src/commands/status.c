/*
 * plumb status: every migration with its state (applied, baseline, pending,
 * failed, modified, missing, out-of-order), joined from the migrations folder
 * and the tracking table; a record another tool's history brought in (state
 * imported) counts as applied and is marked so. Reads only: a database that does not exist yet
 * shows everything pending and is not created. With --exit-code, exits 8
 * when a migration failed, was modified, is missing or out of order, else 7
 * when migrations are pending. A database with objects and no records is not
 * managed yet: said so, exit 9 (state.c).
 */
#include <string.h>

#include "commands/commands.h"

int plumb_cmd_status(plumb_ctx *ctx, const plumb_options *opts)
{
	plumb_env env;
	plumb_history *history;
	plumb_conn *conn = NULL;
	plumb_vec records = {0}, states = {0};
	plumb_db_state st;
	int rc;

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0 ||
	    (rc = plumb_history_load(ctx, ctx->root, env.dir, &history)) < 0)
		return rc;
	if (plumb__env_database_exists(&env)) {
		if ((rc = plumb__env_connect(ctx, &env, &conn)) < 0 ||
		    (rc = plumb_runner_read_records(ctx, conn, ctx->root, history, &records)) < 0)
			return rc;
	}
	if ((rc = plumb_runner_status(ctx, ctx->root, history, &records, &states)) < 0 ||
	    (rc = plumb__db_state(ctx, conn, NULL, &records, &st)) < 0)
		return rc;
	bool unmanaged = !strcmp(st.state, "unmanaged");

	size_t n_pending = 0, n_problem = 0;
	json_t *list = json_array();
	for (size_t i = 0; i < states.n; i++) {
		const plumb_mig_state *s = states.items[i];
		if (s->status == PLUMB_MIG_PENDING)
			n_pending++;
		if (s->status == PLUMB_MIG_FAILED || s->status == PLUMB_MIG_MODIFIED ||
		    s->status == PLUMB_MIG_MISSING || s->status == PLUMB_MIG_OUT_OF_ORDER)
			n_problem++;
		json_t *o = json_pack("{s:s, s:s, s:s}", "version", s->version, "name",
				      s->name ? s->name : "", "status",
				      plumb_mig_status_name(s->status));
		if (s->file)
			json_object_set_new(o, "file", json_string(s->file->file_name));
		if (s->record) {
			if (s->record->applied_at)
				json_object_set_new(o, "applied_at",
						    json_string(s->record->applied_at));
			json_object_set_new(o, "duration_ms",
					    json_integer((json_int_t)s->record->duration_ms));
			/* the row's own state: an imported one shows as applied */
			json_object_set_new(o, "record_state",
					    json_string(plumb_record_state_name(s->record->state)));
			if (s->record->error)
				json_object_set_new(o, "error", json_string(s->record->error));
		}
		json_array_append_new(list, o);
	}
	/* --exit-code: a problem (exit 8) outranks pending migrations (exit 7). */
	int result = 0;
	if (unmanaged)
		result = plumb__db_state_error(ctx, &env, &st);
	else if (opts->exit_code && n_problem)
		result = plumb_error_set(ctx, PLUMB_EPROBLEM,
					 "%zu migration%s failed, modified, missing or out of order",
					 n_problem, n_problem == 1 ? "" : "s");
	else if (opts->exit_code && n_pending)
		result = plumb_error_set(ctx, PLUMB_EPENDING, "%zu pending migration%s", n_pending,
					 n_pending == 1 ? "" : "s");
	if (opts->json) {
		json_t *doc = json_pack(
			"{s:s, s:s, s:s, s:o, s:I, s:I}", "database",
			conn ? conn->display : env.url_shown, "migrations", env.dir, "format",
			history->format == PLUMB_HISTORY_DRIZZLE ? "drizzle" : "plumb",
			"migrations_status", list, "pending", (json_int_t)n_pending, "problems",
			(json_int_t)n_problem);
		if (doc)
			plumb__db_state_json(doc, &st);
		if ((rc = plumb__emit_json(ctx, &env, doc)) < 0)
			return rc;
	} else {
		fprintf(env.out, "database:   %s%s\n", conn ? conn->display : env.url_shown,
			conn ? "" : " (does not exist yet)");
		if (unmanaged)
			fprintf(env.out, "state:      not managed by plumb yet (%s)\n", st.summary);
		fprintf(env.out, "migrations: %s (%zu%s)\n", env.dir, history->migrations.n,
			history->format == PLUMB_HISTORY_DRIZZLE ? ", drizzle-kit" : "");
		for (size_t i = 0; i < states.n; i++) {
			const plumb_mig_state *s = states.items[i];
			fprintf(env.out, "  %-14s %-12s %s", s->version, plumb_mig_status_name(s->status),
				s->name ? s->name : "");
			if (s->record && s->record->applied_at &&
			    s->status != PLUMB_MIG_PENDING)
				fprintf(env.out, "  (%s, %ld ms%s)", s->record->applied_at,
					s->record->duration_ms,
					s->record->state == PLUMB_RECORD_IMPORTED ? ", imported"
										  : "");
			fputc('\n', env.out);
			if (s->status == PLUMB_MIG_FAILED && s->record && s->record->error)
				fprintf(env.out, "      %s\n", s->record->error);
		}
		fprintf(env.out, "%zu pending, %zu with problems\n", n_pending, n_problem);
		json_decref(list);
	}
	return result;
}
