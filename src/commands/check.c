/*
 * plumb check: proves that the schema file, the migration history and the
 * database agree, for CI. Three questions, all answered and reported:
 * does the schema match what the migrations build (else exit 3), is anything
 * pending (exit 7), and does the database match what its applied migrations
 * built (else drift, exit 6, the most serious). A migration failed, modified,
 * missing or out of order exits 8. A database with objects and no plumb
 * records is not managed yet (exit 9, state.c), not drift. Reads only.
 */
#include <string.h>

#include "commands/commands.h"

static void list_changes(const plumb_env *env, plumb_ctx *ctx, const plumb_diff *diff)
{
	plumb_buf b;
	plumb_buf_init(&b, ctx->root, 0);
	plumb_diff_describe(diff, &b);
	const char *p = plumb_buf_str(&b);
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		fprintf(env->out, "    %.*s\n", (int)n, p);
		p += n + (nl ? 1 : 0);
	}
}

int plumb_cmd_check(plumb_ctx *ctx, const plumb_options *opts)
{
	plumb_env env;
	plumb_history *history, applied = {0};
	plumb_catalog *from_migrations, *from_schema, *live, *applied_state;
	plumb_diff *schema_diff, *drift = NULL;
	plumb_conn *conn = NULL;
	plumb_vec records = {0}, states = {0};
	plumb_db_state st = {.state = "missing", .summary = ""};
	size_t n_pending = 0, n_problem = 0;
	int rc;

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0)
		return rc;
	const plumb_dialect *d = plumb__env_file_dialect(&env);
	if ((rc = plumb_history_load(ctx, ctx->root, env.dir, &history)) < 0 ||
	    (rc = plumb_source_history_and_schema(ctx, history, env.schema, d, env.dev_url,
						  &from_migrations, &from_schema)) < 0 ||
	    (rc = plumb_diff_catalogs(ctx, ctx->root, from_migrations, from_schema,
				      &schema_diff)) < 0)
		return rc;

	bool no_db = plumb__env_no_database(&env);
	bool have_db = !no_db && plumb__env_database_exists(&env);
	if (have_db) {
		if ((rc = plumb__env_connect(ctx, &env, &conn)) < 0 ||
		    (rc = plumb_runner_read_records(ctx, conn, ctx->root, history, &records)) < 0 ||
		    (rc = plumb_runner_status(ctx, ctx->root, history, &records, &states)) < 0 ||
		    (rc = plumb__db_state(ctx, conn, NULL, &records, &st)) < 0)
			return rc;
		applied.dir = history->dir;
		applied.has_sum = history->has_sum;
		for (size_t i = 0; i < states.n; i++) {
			const plumb_mig_state *s = states.items[i];
			switch (s->status) {
			case PLUMB_MIG_APPLIED:
			case PLUMB_MIG_BASELINE:
				if (plumb_vec_push(ctx->root, &applied.migrations, (void *)s->file) < 0)
					return plumb_error_nomem(ctx);
				break;
			case PLUMB_MIG_PENDING:
				n_pending++;
				break;
			default:
				n_problem++;
			}
		}
		/* What the applied migrations built, against what is there; a
		 * database plumb does not manage yet has no such history. */
		if (!n_problem && strcmp(st.state, "unmanaged") &&
		    ((rc = plumb_source_history_catalog(ctx, ctx->root, &applied, d, env.dev_url,
							&applied_state)) < 0 ||
		     (rc = conn->dialect->introspect(ctx, conn, ctx->root, &live)) < 0 ||
		     (rc = plumb_diff_catalogs(ctx, ctx->root, live, applied_state, &drift)) < 0))
			return rc;
	}

	bool schema_ok = plumb_diff_is_empty(schema_diff);
	bool drift_ok = !drift || plumb_diff_is_empty(drift);
	/* The verdict, most serious first, recorded before the report so that
	 * the JSON report carries it. */
	bool unmanaged = !strcmp(st.state, "unmanaged");
	int result = 0;
	if (unmanaged)
		result = plumb__db_state_error(ctx, &env, &st);
	else if (!drift_ok)
		result = plumb_error_set(ctx, PLUMB_EDRIFT,
					 "the database differs from its migration history");
	else if (n_problem)
		result = plumb_error_set(ctx, PLUMB_EPROBLEM,
					 "%zu migration%s failed, modified, missing or out of order",
					 n_problem, n_problem == 1 ? "" : "s");
	else if (!schema_ok)
		result = plumb_error_set(ctx, PLUMB_EDIFF, "%s differs from the migrations",
					 env.schema);
	else if (n_pending)
		result = plumb_error_set(ctx, PLUMB_EPENDING, "%zu pending migration%s", n_pending,
					 n_pending == 1 ? "" : "s");
	if (opts->json) {
		json_t *doc = json_pack(
			"{s:s, s:s, s:s, s:{s:b, s:o}, s:b, s:I, s:I}", "schema", env.schema,
			"migrations", env.dir, "database", conn ? conn->display : env.url_shown,
			"schema_vs_migrations", "in_sync", schema_ok, "changes",
			plumb__diff_json(ctx, schema_diff), "database_exists", have_db, "pending",
			(json_int_t)n_pending, "problems", (json_int_t)n_problem);
		if (doc)
			plumb__db_state_json(doc, &st);
		if (drift)
			json_object_set_new(doc, "drift",
					    json_pack("{s:b, s:o}", "in_sync", drift_ok, "changes",
						      plumb__diff_json(ctx, drift)));
		if ((rc = plumb__emit_json(ctx, &env, doc)) < 0)
			return rc;
	} else {
		if (schema_ok) {
			fprintf(env.out, "ok    %s matches the migrations in %s\n", env.schema,
				env.dir);
		} else {
			fprintf(env.out, "FAIL  %s has changes no migration contains "
					 "(run `plumb generate`):\n", env.schema);
			list_changes(&env, ctx, schema_diff);
		}
		if (!have_db) {
			if (no_db)
				fprintf(env.out, "skip  no %s database given (--url, DATABASE_URL or "
						 "the url of plumb.json)\n", d->name);
			else
				fprintf(env.out, "skip  %s does not exist yet\n", env.url_shown);
		} else if (unmanaged) {
			fprintf(env.out,
				"FAIL  %s is not managed by plumb yet (%s): adopt it with "
				"`plumb adopt`, or import another tool's history with "
				"`plumb import --from TOOL`\n",
				conn->display, st.summary);
		} else {
			if (n_problem)
				fprintf(env.out, "FAIL  %zu migration%s failed, modified, missing or "
						 "out of order "
						 "(see `plumb status`)\n",
					n_problem, n_problem == 1 ? "" : "s");
			if (n_pending)
				fprintf(env.out, "FAIL  %zu pending migration%s in %s\n", n_pending,
					n_pending == 1 ? "" : "s", conn->display);
			else if (!n_problem)
				fprintf(env.out, "ok    no pending migrations in %s\n", conn->display);
			if (drift && drift_ok) {
				fprintf(env.out, "ok    %s matches its applied migrations\n",
					conn->display);
			} else if (drift) {
				fprintf(env.out, "FAIL  %s drifted from its applied migrations; to "
						 "bring it back:\n", conn->display);
				list_changes(&env, ctx, drift);
			}
		}
	}
	return result;
}
