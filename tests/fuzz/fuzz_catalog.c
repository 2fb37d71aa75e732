/* Fuzz target: catalog text read back from a PostgreSQL server. The input
 * stands for what pg_get_viewdef, pg_get_expr, pg_get_constraintdef,
 * pg_get_indexdef, pg_get_triggerdef and format_type return; each goes
 * through the canonical-text function introspect.c gives it, wrapped as
 * introspect.c wraps it (a view body, cut by introspect.c's own
 * plumb__pg_view_body, in CREATE VIEW; an exclusion in ALTER TABLE ... ADD
 * CONSTRAINT). It is also read as a text array ({a,"b c",NULL}: inherited
 * tables, enum labels, view dependencies) by introspect.c's
 * plumb__pg_parse_array. What canonicalises becomes a catalog (a table
 * whose column default and CHECK are the expression, a view, an index),
 * which is dumped and planned from and to the empty catalog. No server. */
#include "fuzz_util.h"

#include "dialect/pg/pg.h"

/* canon's text of s, or NULL (the error cleared). */
static char *canon(plumb_ctx *ctx, int kind, const char *s)
{
	char *out = NULL;
	int rc = kind == 0   ? plumb__pg_canon_type(ctx, ctx->root, s, &out)
		 : kind == 1 ? plumb__pg_canon_expr(ctx, ctx->root, s, &out)
			     : plumb__pg_canon_stmt(ctx, ctx->root, s, &out);
	plumb_error_clear(ctx);
	return rc < 0 ? NULL : out;
}

static void *alloc(plumb_arena *a, size_t n)
{
	void *p = plumb_arena_alloc(a, n);
	if (p)
		memset(p, 0, n);
	return p;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	plumb_ctx *ctx;
	if (plumb_ctx_new(&ctx))
		return 0;
	plumb_arena *a = ctx->root;
	char *text = plumb_arena_strndup(a, (const char *)data, size), *body;
	if (!text || !(body = plumb__pg_view_body(a, text)))
		goto done;
	plumb_vec items = {0};
	if (plumb__pg_parse_array(ctx, a, a, text, &items) < 0)
		goto done;
	for (size_t i = 0; i < items.n; i++)
		if (items.items[i] && strlen(items.items[i]) > size)
			abort(); /* an element longer than the text it came from */
	char *type = canon(ctx, 0, text);
	char *expr = canon(ctx, 1, text);
	char *stmt = canon(ctx, 2, text);
	char *view_sql = plumb_arena_printf(a, "CREATE VIEW public.v AS %s", body);
	char *mview_sql = plumb_arena_printf(a, "CREATE MATERIALIZED VIEW public.m AS %s", body);
	char *excl = plumb_arena_printf(a, "ALTER TABLE public.t ADD CONSTRAINT c %s", text);
	if (!view_sql || !mview_sql || !excl)
		goto done;
	char *view_def = canon(ctx, 2, view_sql);
	(void)canon(ctx, 2, mview_sql);
	(void)canon(ctx, 2, excl);

	plumb_catalog *cat, *empty;
	if (plumb_catalog_new(ctx, a, "pg", false, &cat) ||
	    plumb_catalog_new(ctx, a, "pg", false, &empty))
		goto done;
	plumb_table *t = alloc(a, sizeof(*t));
	plumb_column *col = alloc(a, sizeof(*col));
	if (!t || !col)
		goto done;
	t->schema = "public";
	t->name = "t";
	col->name = "x";
	col->type = type ? type : "integer";
	col->default_sql = expr;
	if (plumb__pg_column_define(ctx, a, col) < 0 || plumb_vec_push(a, &t->columns, col) < 0)
		goto done;
	if (expr) {
		plumb_constraint *con = alloc(a, sizeof(*con));
		if (!con)
			goto done;
		con->kind = PLUMB_CON_CHECK;
		con->name = "c";
		con->check_sql = expr;
		if (plumb__pg_constraint_define(ctx, a, con) < 0 ||
		    plumb_vec_push(a, &t->constraints, con) < 0)
			goto done;
	}
	if (plumb_vec_push(a, &cat->tables, t) < 0)
		goto done;
	if (view_def) {
		plumb_view *v = alloc(a, sizeof(*v));
		if (!v)
			goto done;
		v->schema = "public";
		v->name = "v";
		v->sql = view_sql;
		v->definition = view_def;
		if (plumb_vec_push(a, &cat->views, v) < 0)
			goto done;
	}
	if (stmt && plumb_str_starts_with(stmt, "CREATE INDEX")) {
		plumb_index *ix = alloc(a, sizeof(*ix));
		if (!ix)
			goto done;
		ix->schema = "public";
		ix->name = "i";
		ix->table = "t";
		ix->sql = text;
		ix->definition = stmt;
		if (plumb_vec_push(a, &cat->indexes, ix) < 0)
			goto done;
	}
	plumb_diff *diff;
	plumb_plan *plan;
	plumb_plan_opts allow = {.allow_data_loss = true};
	char *out;
	if (plumb__pg_dump(ctx, a, cat, &out) ||
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
