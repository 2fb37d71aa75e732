/*
 * plumb baseline VERSION: records every migration up to VERSION as applied
 * without running it, for a database that already has that schema (built by
 * hand or by another tool). It checks that first: the database must equal
 * the state the migrations up to VERSION build (replayed as generate and
 * check replay them), else it refuses, naming each difference, and records
 * nothing. Runs no migration SQL; --dry-run lists what it would record and
 * writes nothing.
 */
#include <string.h>

#include "commands/commands.h"

/* The versions up to target that baseline records: those with no record
 * (pending, out of order) and failed ones. */
static int to_record(plumb_ctx *ctx, plumb_conn *conn, const plumb_history *history,
		     const plumb_migration *target, json_t *out)
{
	plumb_vec records = {0}, states = {0};
	int rc;

	if ((rc = plumb_runner_read_records(ctx, conn, ctx->root, history, &records)) < 0 ||
	    (rc = plumb_runner_status(ctx, ctx->root, history, &records, &states)) < 0)
		return rc;
	bool past = false;
	for (size_t i = 0; i < states.n && !past; i++) {
		const plumb_mig_state *s = states.items[i];
		if (!s->file)
			continue;
		past = s->file == target;
		if (s->status == PLUMB_MIG_PENDING || s->status == PLUMB_MIG_OUT_OF_ORDER ||
		    s->status == PLUMB_MIG_FAILED)
			json_array_append_new(out, json_string(s->version));
	}
	return 0;
}

/* Refuses (PLUMB_EDIFF, each difference named) unless conn's database
 * equals what the migrations up to target build. */
static int matches(plumb_ctx *ctx, const plumb_env *env, plumb_conn *conn,
		   const plumb_history *history, const plumb_migration *target)
{
	plumb_catalog *live, *want;
	plumb_diff *diff;
	int rc;
	if ((rc = conn->dialect->introspect(ctx, conn, ctx->root, &live)) < 0 ||
	    (rc = plumb__history_catalog_upto(ctx, env, history, target, &want)) < 0 ||
	    (rc = plumb_diff_catalogs(ctx, ctx->root, live, want, &diff)) < 0)
		return rc;
	return plumb__require_equal(
		ctx, diff,
		"nothing was recorded. Name the version the database matches, or bring it there "
		"first; `plumb adopt` audits a database plumb does not manage yet",
		"the database does not match the migrations up to %s (%s)", target->version,
		conn->display);
}

int plumb_cmd_baseline(plumb_ctx *ctx, const plumb_options *opts, const char *version)
{
	plumb_env env;
	plumb_history *history;
	plumb_conn *conn;
	json_t *versions = json_array();
	int rc;

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0 ||
	    (rc = plumb_history_load(ctx, ctx->root, env.dir, &history)) < 0)
		goto done;
	const plumb_migration *target;
	if ((rc = plumb_history_get(ctx, history, version, &target)) < 0 ||
	    (rc = plumb__env_connect(ctx, &env, &conn)) < 0 ||
	    (rc = to_record(ctx, conn, history, target, versions)) < 0 ||
	    (rc = matches(ctx, &env, conn, history, target)) < 0)
		goto done;
	if (!opts->dry_run && (rc = plumb_runner_baseline(ctx, conn, history, version)) < 0)
		goto done;
	if (opts->json) {
		rc = plumb__emit_json(ctx, &env,
				      json_pack("{s:s, s:s, s:b, s:O}", "baseline", target->version,
						"database", conn->display, "dry_run", opts->dry_run,
						"versions", versions));
	} else if (opts->dry_run) {
		for (size_t i = 0; i < json_array_size(versions); i++)
			fprintf(env.out, "would record %s as baseline\n",
				json_string_value(json_array_get(versions, i)));
		if (!json_array_size(versions))
			plumb__note(&env, "nothing to record: migrations up to %s are recorded\n",
				    target->version);
	} else {
		plumb__note(&env, "%s: migrations up to %s recorded as baseline\n", conn->display,
			    target->version);
	}
done:
	json_decref(versions);
	return rc;
}
