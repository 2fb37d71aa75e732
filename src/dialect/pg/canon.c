/*
 * Canonical text of PostgreSQL types, expressions and statements given as
 * text: the text is parsed with libpg_query (node.c), the tree normalised so
 * that what a user writes and what the server prints (pg_get_expr,
 * pg_get_indexdef, pg_get_viewdef, format_type, ... read with search_path =
 * '') become the same tree (canon_type.c, canon_expr.c, canon_view.c,
 * canon_stmt.c), and deparsed; a long text on deep.c's large stack. This
 * file only strings those together. It knows nothing of a catalog: names it
 * cannot resolve stay as written (only "public." and "pg_catalog." prefixes
 * go, operator classes and operators included). Which operator class the
 * server leaves out needs the catalog: offline_opclass.c decides it.
 */
#include <string.h>

#include "dialect/pg/canon_int.h"

/* --- the public functions ------------------------------------------------------------ */

/* What fn reads into *out (in tmp) from sel, the statement "SELECT
 * <prefix><text>" parses to (NULL when it is no single SELECT). */
typedef int (*read_fn)(plumb_ctx *ctx, plumb_arena *tmp, const char *text,
		       const PgQuery__SelectStmt *sel, char **out);

/* fn's reading of "SELECT <prefix><text>", parsed in a scratch arena and
 * copied into arena. */
static int canon_select(plumb_ctx *ctx, plumb_arena *arena, const char *prefix, const char *text,
			read_fn fn, char **out)
{
	plumb_arena *tmp = plumb_arena_new(arena);
	PgQuery__ParseResult *pr;
	char *sql, *got;
	int rc;
	*out = NULL;
	if (!tmp || !(sql = plumb_arena_printf(tmp, "SELECT %s%s", prefix, text))) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb__pg_parse(ctx, tmp, sql, NULL, &pr, NULL)) < 0)
		goto done;
	PgQuery__Node *s = pr->n_stmts == 1 ? pr->stmts[0]->stmt : NULL;
	if ((rc = fn(ctx, tmp, text,
		     s && s->node_case == PG_QUERY__NODE__NODE_SELECT_STMT ? s->select_stmt : NULL,
		     &got)) < 0)
		goto done;
	if (!(*out = plumb_arena_strdup(arena, got)))
		rc = plumb_error_nomem(ctx);
done:
	plumb_arena_free(tmp);
	return rc;
}

/* The type of "SELECT NULL::<type>". */
static int type_of(plumb_ctx *ctx, plumb_arena *tmp, const char *type,
		   const PgQuery__SelectStmt *sel, char **out)
{
	PgQuery__Node *v = NULL;
	if (sel && sel->n_target_list == 1 &&
	    sel->target_list[0]->node_case == PG_QUERY__NODE__NODE_RES_TARGET)
		v = sel->target_list[0]->res_target->val;
	if (!v || v->node_case != PG_QUERY__NODE__NODE_TYPE_CAST)
		return plumb_error_set(ctx, PLUMB_EPARSE, "could not read the type \"%s\"", type);
	return plumb__pg_type_text(ctx, tmp, v->type_cast->type_name, out);
}

/* The expression of "SELECT <expr>": one unnamed entry and no FROM. */
static int expr_of(plumb_ctx *ctx, plumb_arena *tmp, const char *expr,
		   const PgQuery__SelectStmt *sel, char **out)
{
	if (!sel || sel->n_target_list != 1 || sel->n_from_clause ||
	    sel->target_list[0]->node_case != PG_QUERY__NODE__NODE_RES_TARGET ||
	    *sel->target_list[0]->res_target->name)
		return plumb_error_set(ctx, PLUMB_EPARSE, "could not read the expression \"%s\"",
				       expr);
	return plumb__pg_expr_text(ctx, tmp, sel->target_list[0]->res_target->val, out);
}

static int canon_type(plumb_ctx *ctx, plumb_arena *arena, const char *type, char **out)
{
	return canon_select(ctx, arena, "NULL::", type, type_of, out);
}

static int canon_expr(plumb_ctx *ctx, plumb_arena *arena, const char *expr, char **out)
{
	return canon_select(ctx, arena, "", expr, expr_of, out);
}

static int canon_stmt(plumb_ctx *ctx, plumb_arena *arena, const char *stmt, char **out)
{
	plumb_arena *tmp = plumb_arena_new(arena);
	PgQuery__ParseResult *pr;
	plumb_buf b;
	int rc;
	*out = NULL;
	if (!tmp) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb__pg_parse(ctx, tmp, stmt, NULL, &pr, NULL)) < 0)
		goto done;
	plumb_buf_init(&b, arena, 0);
	for (size_t i = 0; i < pr->n_stmts; i++) {
		char *text;
		if ((rc = plumb__pg_stmt_text(ctx, tmp, pr->stmts[i]->stmt, &text)) < 0)
			goto done;
		if (i)
			plumb_buf_puts(&b, "; ");
		plumb_buf_puts(&b, text);
	}
	if ((rc = plumb_buf_finish(&b, ctx)) < 0)
		goto done;
	*out = b.data;
done:
	plumb_arena_free(tmp);
	return rc;
}

/* --- on a stack deep enough ------------------------------------------------------ */

typedef struct canon_call {
	int (*fn)(plumb_ctx *ctx, plumb_arena *arena, const char *text, char **out);
	plumb_ctx *ctx;
	plumb_arena *arena;
	const char *text;
	char **out;
} canon_call;

static int canon_run(void *payload)
{
	canon_call *c = payload;
	return c->fn(c->ctx, c->arena, c->text, c->out);
}

/* A short text cannot nest deeper than any stack holds: read where we are;
 * a long one on the large stack. */
static int canon_deep(int (*fn)(plumb_ctx *, plumb_arena *, const char *, char **),
		      plumb_ctx *ctx, plumb_arena *arena, const char *text, char **out)
{
	if (plumb__pg_on_deep_stack() || strlen(text) < PLUMB_PG_SHALLOW_TEXT)
		return fn(ctx, arena, text, out);
	canon_call c = {fn, ctx, arena, text, out};
	*out = NULL;
	return plumb__pg_deep(ctx, canon_run, &c);
}

int plumb__pg_canon_type(plumb_ctx *ctx, plumb_arena *arena, const char *type, char **out)
{
	return canon_deep(canon_type, ctx, arena, type, out);
}

int plumb__pg_canon_expr(plumb_ctx *ctx, plumb_arena *arena, const char *expr, char **out)
{
	return canon_deep(canon_expr, ctx, arena, expr, out);
}

int plumb__pg_canon_stmt(plumb_ctx *ctx, plumb_arena *arena, const char *stmt, char **out)
{
	return canon_deep(canon_stmt, ctx, arena, stmt, out);
}
