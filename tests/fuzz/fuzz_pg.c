/* Fuzz target: PostgreSQL schema text, offline. The canonical-text
 * functions on the raw input, then the offline catalog builder, a dump of
 * what it built, and a plan from the empty catalog to it and back. No server. */
#include <stdint.h>
#include <string.h>

#include "dialect/pg/pg.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	plumb_ctx *ctx;
	if (plumb_ctx_new(&ctx))
		return 0;
	plumb_arena *a = ctx->root;
	char *sql = plumb_arena_strndup(a, (const char *)data, size);
	char *out;
	if (!sql)
		goto done;
	(void)plumb__pg_canon_type(ctx, a, sql, &out);
	plumb_error_clear(ctx);
	(void)plumb__pg_canon_expr(ctx, a, sql, &out);
	plumb_error_clear(ctx);
	(void)plumb__pg_canon_stmt(ctx, a, sql, &out);
	plumb_error_clear(ctx);

	plumb_sql_file file = {.path = "fuzz.sql", .text = sql, .len = strlen(sql)};
	plumb_vec files = {0};
	plumb_catalog *cat, *empty;
	plumb_diff *diff;
	plumb_plan *plan;
	plumb_plan_opts allow = {.allow_data_loss = true};
	if (plumb_vec_push(a, &files, &file) ||
	    plumb__pg_load_schema(ctx, a, &files, &cat) ||
	    plumb__pg_dump(ctx, a, cat, &out) ||
	    plumb_catalog_new(ctx, a, "pg", false, &empty) ||
	    plumb_diff_catalogs(ctx, a, empty, cat, &diff) ||
	    plumb_plan_build(ctx, a, &plumb__pg_planner, diff, &allow, &plan) ||
	    plumb_plan_render(ctx, a, plan, PLUMB_RENDER_MIGRATION, &out) ||
	    plumb_diff_catalogs(ctx, a, cat, empty, &diff) ||
	    plumb_plan_build(ctx, a, &plumb__pg_planner, diff, &allow, &plan))
		goto done;
done:
	plumb_ctx_free(ctx);
	return 0;
}
