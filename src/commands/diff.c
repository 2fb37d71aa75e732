/*
 * plumb diff FROM TO: the SQL that turns FROM into TO, runnable as it is by
 * the engine's shell, or with --report the differences object by object
 * (diff/report.h). Prints nothing when they are equal. It only reads, so it
 * never refuses for hazards: they are comments of the plan (and records of
 * --json), and what the rows of a FROM database would make fail is a warning.
 * Reads both sides, writes nothing.
 * File sides are built as every command builds a desired state: exactly on
 * --dev-url or the config's dev_url when there is one, else offline.
 */
#include <string.h>

#include "commands/commands.h"
#include "diff/report.h"

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

/* How a side is named in a report's lines: "database" for a database
 * ("from database", "to database" when both are), else the path as given. */
static const char *side_label(const plumb_source *src, const plumb_source *other, bool left)
{
	if (src->kind != PLUMB_SOURCE_DATABASE)
		return src->spec;
	if (other->kind != PLUMB_SOURCE_DATABASE)
		return "database";
	return left ? "from database" : "to database";
}

/* --report: the differences object by object, text or JSON. */
static int report(plumb_ctx *ctx, const plumb_env *env, const plumb_diff *diff,
		  const plumb_source *a, const plumb_source *b)
{
	plumb_report *r;
	int rc;

	if ((rc = plumb__report_from_diff(ctx, ctx->root, diff, &r)) < 0)
		return rc;
	const char *left = side_label(a, b, true), *right = side_label(b, a, false);
	bool differ = env->opts->exit_code && !plumb__report_is_empty(r);
	if (env->opts->json) {
		if (differ)
			plumb_error_set(ctx, PLUMB_EDIFF, "differences found");
		json_t *doc = plumb__report_json(r, left, right);
		const char *from = plumb_redact(ctx->root, a->spec),
			   *to = plumb_redact(ctx->root, b->spec);
		if (!doc || !from || !to) {
			json_decref(doc);
			return plumb_error_nomem(ctx);
		}
		json_object_set_new(doc, "from", json_string(from));
		json_object_set_new(doc, "to", json_string(to));
		if ((rc = plumb__emit_json(ctx, env, doc)) < 0)
			return rc;
	} else {
		plumb__report_print(env->out, r, left, right);
	}
	return differ ? PLUMB_EDIFF : 0;
}

/* Runs the probes of plan on conn: what would fail on its rows goes into
 * *warning (code 0 when nothing would) instead of refusing. */
static int probe(plumb_ctx *ctx, plumb_conn *conn, const plumb_plan *plan, plumb_error *warning)
{
	int rc = plumb__plan_probe(ctx, conn, plan);
	if (rc != PLUMB_EHAZARD)
		return rc;
	*warning = *plumb_ctx_error(ctx);
	plumb_error_clear(ctx);
	return 0;
}

/* The warning's detail lines as a JSON array ([] when none). */
static json_t *warning_json(const plumb_error *w)
{
	json_t *arr = json_array();
	const char *p = w->code && w->detail ? w->detail : "";
	while (arr && *p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		json_array_append_new(arr, json_stringn(p, n));
		p += n + (nl ? 1 : 0);
	}
	return arr;
}

int plumb_cmd_diff(plumb_ctx *ctx, const plumb_options *opts, const char *from, const char *to)
{
	plumb_env env;
	plumb_source a, b;
	plumb_catalog *ca, *cb;
	plumb_diff *diff;
	plumb_plan *plan;
	plumb_error warning = {0};
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
	if (opts->report)
		return report(ctx, &env, diff, &a, &b);
	/* Read-only: the hazards are shown, never refused. */
	plumb_plan_opts popts = plumb__env_plan_opts(&env);
	popts.allow_data_loss = true;
	if ((rc = plumb_plan_build(ctx, ctx->root, d->planner, diff, &popts, &plan)) < 0)
		return rc;
	/* FROM a database: would the plan fail on its rows? (one not created
	 * yet has none) */
	plumb_conn *conn;
	if (a.kind == PLUMB_SOURCE_DATABASE && !is_missing(&a) && !plumb_plan_is_empty(plan) &&
	    ((rc = a.dialect->connect(ctx, ctx->root, from, &conn)) < 0 ||
	     (rc = probe(ctx, conn, plan, &warning)) < 0))
		return rc;
	if (warning.code && !opts->json) {
		plumb_error shown = warning;
		shown.message = plumb_arena_printf(ctx->root, "warning: %s", warning.message);
		if (!shown.message)
			return plumb_error_nomem(ctx);
		plumb_error_print(&shown, env.err);
	}
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
		json_t *doc =
			json_pack("{s:s, s:o, s:o, s:o*, s:o*}", "dialect", d->name, "changes",
				  plumb__diff_json(ctx, diff), "statements", plumb__plan_json(plan),
				  "unmanaged", unmanaged, "fails_on_data", warning_json(&warning));
		if ((rc = plumb__emit_json(ctx, &env, doc)) < 0)
			return rc;
	} else {
		if ((rc = plumb_plan_render(ctx, ctx->root, plan, PLUMB_RENDER_SCRIPT, &sql)) < 0)
			return rc;
		fputs(sql, env.out);
	}
	return differ ? PLUMB_EDIFF : 0;
}
