/*
 * plumb diff FROM TO: the SQL that turns FROM into TO, runnable as it is by
 * the engine's shell. Prints nothing when they are equal; refuses a
 * destructive plan unless --allow-data-loss. Reads both sides, writes nothing.
 * File sides are built as every command builds a desired state: exactly on
 * --dev-url or the config's dev_url when there is one, else offline.
 */
#include "commands/commands.h"

/* The dialect of the comparison: a database side's, else --dialect/config, else sqlite. */
static const plumb_dialect *pick_dialect(const plumb_env *env, const plumb_source *a,
					 const plumb_source *b)
{
	if (a->dialect)
		return a->dialect;
	if (b->dialect)
		return b->dialect;
	return plumb__env_file_dialect(env);
}

/* True when src is a database that does not exist yet. */
static bool is_missing(const plumb_source *src)
{
	return src->kind == PLUMB_SOURCE_DATABASE && src->dialect->database_exists &&
	       !src->dialect->database_exists(src->spec);
}

/* The catalog of one side. A database that does not exist yet (an uncreated
 * SQLite file whose folder exists) is empty, as migrate and push would find
 * it, and diff does not create it. */
static int side_catalog(plumb_ctx *ctx, const plumb_env *env, const plumb_source *src,
			const plumb_dialect *d, plumb_catalog **out)
{
	if (is_missing(src)) {
		plumb_conn *conn;
		int rc = plumb__connect_missing(ctx, src->dialect, src->spec, &conn);
		return rc ? rc : src->dialect->introspect(ctx, conn, ctx->root, out);
	}
	return plumb_source_catalog(ctx, ctx->root, src, d, env->dev_url, out);
}

int plumb_cmd_diff(plumb_ctx *ctx, const plumb_options *opts, const char *from, const char *to)
{
	plumb_env env;
	plumb_source a, b;
	plumb_catalog *ca, *cb;
	plumb_diff *diff;
	plumb_plan *plan;
	char *sql;
	int rc;

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0)
		return rc;
	if ((rc = plumb_source_parse(ctx, from, &a)) < 0 ||
	    (rc = plumb_source_parse(ctx, to, &b)) < 0)
		return rc;
	if (a.dialect && b.dialect && a.dialect != b.dialect)
		return plumb_error_set(ctx, PLUMB_EUSAGE,
				       "cannot compare a %s database with a %s database",
				       a.dialect->name, b.dialect->name);
	const plumb_dialect *d = pick_dialect(&env, &a, &b);
	if ((rc = side_catalog(ctx, &env, &a, d, &ca)) < 0 ||
	    (rc = side_catalog(ctx, &env, &b, d, &cb)) < 0)
		return rc;
	if ((rc = plumb_diff_catalogs(ctx, ctx->root, ca, cb, &diff)) < 0 ||
	    (!opts->json && (rc = plumb__note_unmanaged(ctx, &env, ca, cb)) < 0))
		return rc;
	plumb_plan_opts popts = plumb__env_plan_opts(&env);
	if ((rc = plumb_plan_build(ctx, ctx->root, d->planner, diff, &popts, &plan)) < 0)
		return rc;
	/* FROM a database: would the plan fail on its rows? (one not created
	 * yet has none) */
	plumb_conn *conn;
	if (a.kind == PLUMB_SOURCE_DATABASE && !is_missing(&a) && !plumb_plan_is_empty(plan) &&
	    ((rc = a.dialect->connect(ctx, ctx->root, from, &conn)) < 0 ||
	     (rc = plumb__plan_probe(ctx, conn, plan)) < 0))
		return rc;
	bool differ = opts->exit_code && !plumb_plan_is_empty(plan);
	if (differ && opts->json)
		plumb_error_set(ctx, PLUMB_EDIFF, "differences found");
	if (opts->json) {
		plumb_vec skipped = {0};
		if ((rc = plumb__unmanaged(ctx, ca, cb, &skipped)) < 0)
			return rc;
		json_t *unmanaged = json_array();
		for (size_t i = 0; unmanaged && i < skipped.n; i++)
			json_array_append_new(unmanaged, json_string(skipped.items[i]));
		json_t *doc = json_pack("{s:s, s:o, s:o, s:o*}", "dialect", d->name, "changes",
					plumb__diff_json(ctx, diff), "statements",
					plumb__plan_json(plan), "unmanaged", unmanaged);
		if ((rc = plumb__emit_json(ctx, &env, doc)) < 0)
			return rc;
	} else {
		if ((rc = plumb_plan_render(ctx, ctx->root, plan, PLUMB_RENDER_SCRIPT, &sql)) < 0)
			return rc;
		fputs(sql, env.out);
	}
	return differ ? PLUMB_EDIFF : 0;
}
