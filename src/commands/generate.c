/*
 * plumb generate [NAME]: writes a new migration holding the changes from the
 * state the migrations produce to the schema file. Needs no database: the
 * migrations are replayed in a scratch one. Writes nothing when there is no
 * change, and refuses a destructive migration unless --allow-data-loss.
 */
#include <ctype.h>
#include <string.h>

#include "commands/commands.h"

/* A name from the first change's first line, e.g. "create_table_users". */
static const char *default_name(plumb_ctx *ctx, const plumb_diff *diff)
{
	plumb_vec items = {0};
	plumb_buf b;
	plumb_buf_init(&b, ctx->root, 0);
	if (plumb_diff_items(ctx, ctx->root, diff, &items) < 0) {
		plumb_error_clear(ctx);
		return "migration";
	}
	if (items.n)
		plumb_diff_item_line(&b, items.items[0], 0);
	const char *s = plumb_buf_str(&b);
	char *name = plumb_arena_alloc(ctx->root, 48);
	size_t n = 0;
	if (!name)
		return "migration";
	for (; *s && n < 40; s++) {
		if (isalnum((unsigned char)*s))
			name[n++] = (char)tolower((unsigned char)*s);
		else if (n && name[n - 1] != '_')
			name[n++] = '_';
	}
	while (n && name[n - 1] == '_')
		n--;
	name[n] = '\0';
	if (diff->changes.n > 1 && n && n < 40)
		strcat(name, "_etc");
	return n ? name : "migration";
}

int plumb_cmd_generate(plumb_ctx *ctx, const plumb_options *opts, const char *name)
{
	plumb_env env;
	plumb_history *history;
	plumb_catalog *have, *want;
	plumb_diff *diff;
	plumb_plan *plan;
	plumb_migration *m;
	char *body;
	int rc;

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0)
		return rc;
	const plumb_dialect *d = plumb__env_file_dialect(&env);
	if ((rc = plumb_history_load(ctx, ctx->root, env.dir, &history)) < 0 ||
	    (rc = plumb_source_history_and_schema(ctx, history, env.schema, d, env.dev_url, &have,
						  &want)) < 0 ||
	    (rc = plumb_diff_catalogs(ctx, ctx->root, have, want, &diff)) < 0)
		return rc;
	if (plumb_diff_is_empty(diff)) {
		if (opts->json)
			return plumb__emit_json(ctx, &env, json_pack("{s:n, s:[]}", "migration",
								     "changes"));
		plumb__note(&env, "no changes: %s matches %s\n", env.schema, env.dir);
		return 0;
	}
	plumb_plan_opts popts = plumb__env_plan_opts(&env);
	if ((rc = plumb_plan_build(ctx, ctx->root, d->planner, diff, &popts, &plan)) < 0)
		return rc;
	if ((rc = plumb_plan_render(ctx, ctx->root, plan, PLUMB_RENDER_MIGRATION, &body)) < 0)
		return rc;
	if (!name || !*name)
		name = default_name(ctx, diff);
	if (opts->dry_run && opts->json)
		return plumb__emit_json(ctx, &env,
					json_pack("{s:b, s:{s:s}, s:s, s:o, s:o}", "dry_run", true,
						  "migration", "name", name, "sql", body, "changes",
						  plumb__diff_json(ctx, diff), "statements",
						  plumb__plan_json(plan)));
	if (opts->dry_run) {
		fputs(body, env.out);
		return 0;
	}
	if ((rc = plumb_history_add(ctx, history, NULL, name, body, &m)) < 0)
		return rc;
	if (opts->json)
		return plumb__emit_json(ctx, &env,
					json_pack("{s:{s:s, s:s, s:s}, s:o, s:o}", "migration",
						  "version", m->version, "name", m->name, "path",
						  m->path, "changes", plumb__diff_json(ctx, diff),
						  "statements", plumb__plan_json(plan)));
	fprintf(env.out, "%s\n", m->path);
	plumb_buf b;
	plumb_buf_init(&b, ctx->root, 0);
	plumb_diff_describe(diff, &b);
	plumb__note(&env, "%s", plumb_buf_str(&b));
	return 0;
}
