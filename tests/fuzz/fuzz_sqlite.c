/* Fuzz target: SQLite schema text. The DDL reader (ddl.c) on the raw input,
 * then the whole path a user's schema.sql takes: run it in an in-memory
 * database, introspect, dump, diff against the empty catalog, plan, render. */
#include <stdint.h>
#include <string.h>

#include "dialect/sqlite/sqlite.h"
#include "source/annot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	plumb_ctx *ctx;
	if (plumb_ctx_new(&ctx))
		return 0;
	plumb_arena *a = ctx->root;
	char *sql = plumb_arena_strndup(a, (const char *)data, size);
	if (!sql)
		goto done;

	plumb_sqlite_table_ddl *t;
	plumb_sqlite_index_ddl *ix;
	plumb_vec v = {0};
	(void)plumb__sqlite_parse_create_table(ctx, a, sql, &t);
	plumb_error_clear(ctx);
	(void)plumb__sqlite_parse_create_index(ctx, a, sql, &ix);
	plumb_error_clear(ctx);
	(void)plumb__sqlite_canonical(a, sql, strlen(sql));
	(void)plumb__sqlite_canonical_create(a, sql);
	(void)plumb__sqlite_rename_create(a, sql, "renamed");
	(void)plumb__sqlite_identifiers(a, sql, &v);
	(void)plumb__sqlite_tokens(a, sql, &v);
	(void)plumb__sqlite_leading_renames(a, sql, strlen(sql), &v);
	char *old;
	(void)plumb__annot_parse(a, sql, strlen(sql), &old); /* source/annot.c */
	(void)plumb__sqlite_find_column(a, sql, "id");

	plumb_conn *conn;
	plumb_catalog *cat, *empty;
	plumb_diff *diff;
	plumb_plan *plan;
	plumb_plan_opts allow = {.allow_data_loss = true};
	char *out;
	if (plumb__sqlite_connect_scratch(ctx, a, NULL, &conn) ||
	    plumb__sqlite_exec_script(ctx, conn, sql, "fuzz.sql") ||
	    plumb__sqlite_introspect(ctx, conn, a, &cat) ||
	    plumb__sqlite_dump(ctx, a, cat, &out) ||
	    plumb_catalog_new(ctx, a, "sqlite", true, &empty) ||
	    plumb_diff_catalogs(ctx, a, empty, cat, &diff) ||
	    plumb_plan_build(ctx, a, &plumb__sqlite_planner, diff, &allow, &plan) ||
	    plumb_plan_render(ctx, a, plan, PLUMB_RENDER_SCRIPT, &out) ||
	    plumb_diff_catalogs(ctx, a, cat, empty, &diff) ||
	    plumb_plan_build(ctx, a, &plumb__sqlite_planner, diff, &allow, &plan))
		goto done;
done:
	plumb_ctx_free(ctx);
	return 0;
}
