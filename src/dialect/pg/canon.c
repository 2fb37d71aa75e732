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

/* Of a default's expression v: the format_type() spelling of the string
 * type a constant (a string or NULL) is cast to ('x'::text: "text"), "-" for
 * such a constant with no cast, "" for anything else. */
static int kept_cast(plumb_ctx *ctx, plumb_arena *tmp, const PgQuery__Node *v, const char **out)
{
	*out = "";
	if (v && v->node_case == PG_QUERY__NODE__NODE_A_CONST &&
	    (v->a_const->isnull || v->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)) {
		*out = "-";
		return 0;
	}
	if (!v || v->node_case != PG_QUERY__NODE__NODE_TYPE_CAST || !v->type_cast->arg ||
	    v->type_cast->arg->node_case != PG_QUERY__NODE__NODE_A_CONST)
		return 0;
	const PgQuery__AConst *k = v->type_cast->arg->a_const;
	PgQuery__TypeName *tn = v->type_cast->type_name;
	if (!(k->isnull || k->val_case == PG_QUERY__A__CONST__VAL_SVAL) || !tn || tn->n_typmods ||
	    tn->n_array_bounds)
		return 0;
	char *t = NULL;
	int rc = plumb__pg_type_text(ctx, tmp, tn, &t);
	if (rc == 0 && t && plumb__pg_string_base(t))
		*out = plumb__pg_string_base(t);
	return rc;
}

/* kept_cast of "SELECT <expr>". */
static int kept_cast_of(plumb_ctx *ctx, plumb_arena *tmp, const char *expr,
			const PgQuery__SelectStmt *sel, char **out)
{
	const char *cast = "";
	int rc = 0;
	(void)expr;
	if (sel && sel->n_target_list == 1 &&
	    sel->target_list[0]->node_case == PG_QUERY__NODE__NODE_RES_TARGET)
		rc = kept_cast(ctx, tmp, sel->target_list[0]->res_target->val, &cast);
	*out = (char *)cast;
	return rc;
}

static int canon_type(plumb_ctx *ctx, plumb_arena *arena, const char *type, char **out)
{
	return canon_select(ctx, arena, "NULL::", type, type_of, out);
}

static int canon_expr(plumb_ctx *ctx, plumb_arena *arena, const char *expr, char **out)
{
	return canon_select(ctx, arena, "", expr, expr_of, out);
}

/* plumb__pg_written_expr's text of "SELECT <expr>", "" when it keeps the
 * canonical text. */
static int written_of(plumb_ctx *ctx, plumb_arena *tmp, const char *expr,
		      const PgQuery__SelectStmt *sel, char **out)
{
	bool changed = false;
	*out = "";
	if (!sel || sel->n_target_list != 1 ||
	    sel->target_list[0]->node_case != PG_QUERY__NODE__NODE_RES_TARGET)
		return plumb_error_set(ctx, PLUMB_EPARSE, "could not read the expression \"%s\"",
				       expr);
	PgQuery__Node *v = sel->target_list[0]->res_target->val;
	if (plumb__pg_written_expr(tmp, v, &changed) < 0)
		return plumb_error_nomem(ctx);
	return changed ? plumb__pg_deparse_expr(ctx, tmp, v, out) : 0;
}

static int written_expr(plumb_ctx *ctx, plumb_arena *arena, const char *expr, char **out)
{
	return canon_select(ctx, arena, "", expr, written_of, out);
}

/* In each leaf SELECT of s (a set operation's tree, or one SELECT), an
 * output column without a name whose value is a constant (NULL or a
 * string) cast to a type: the constant bare, counted in n. */
static void untyped_leaves(PgQuery__SelectStmt *s, size_t *n)
{
	if (!s)
		return;
	if (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE) {
		untyped_leaves(s->larg, n);
		untyped_leaves(s->rarg, n);
		return;
	}
	for (size_t i = 0; i < s->n_target_list; i++) {
		PgQuery__Node *t = s->target_list[i];
		PgQuery__ResTarget *rt =
			t->node_case == PG_QUERY__NODE__NODE_RES_TARGET ? t->res_target : NULL;
		PgQuery__Node *v = rt ? rt->val : NULL;
		if (!v || (rt->name && *rt->name) || v->node_case != PG_QUERY__NODE__NODE_TYPE_CAST)
			continue;
		PgQuery__Node *k = v->type_cast->arg;
		if (!k || k->node_case != PG_QUERY__NODE__NODE_A_CONST ||
		    !(k->a_const->isnull || k->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL))
			continue;
		rt->val = k;
		(*n)++;
	}
}

/* In a set operation below a view's top (a sub-select's UNION), the server
 * casts an untyped constant of a branch after the first where it stands and
 * prints it with its cast but without a name: NULL as NULL::integer. Read
 * back, NULL::integer is named after its type (AS int4), another tree; the
 * constant without its cast gives the same one again. (At the top, every
 * column is printed with the view's name for it.) */
static void untype_branches(ProtobufCMessage *m, void *payload)
{
	if (m->descriptor != &pg_query__select_stmt__descriptor)
		return;
	PgQuery__SelectStmt *s = (PgQuery__SelectStmt *)m;
	if (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE)
		untyped_leaves(s->rarg, payload);
}

static int written_view(plumb_ctx *ctx, plumb_arena *arena, const char *body, char **out)
{
	plumb_arena *tmp = plumb_arena_new(arena);
	PgQuery__ParseResult *pr;
	size_t n = 0;
	char *text = NULL;
	int rc;
	*out = NULL;
	if (!tmp)
		return plumb_error_nomem(ctx);
	if ((rc = plumb__pg_parse(ctx, tmp, body, NULL, &pr, NULL)) < 0)
		goto done;
	if (pr->n_stmts != 1 || !pr->stmts[0]->stmt)
		goto done;
	plumb__pg_walk(&pr->stmts[0]->stmt->base, untype_branches, &n);
	if (plumb__pg_restore_in(tmp, &pr->stmts[0]->stmt->base, &n) < 0) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if (!n || (rc = plumb__pg_deparse(ctx, tmp, pr->stmts[0]->stmt, &text)) < 0)
		goto done;
	if (!(*out = plumb_arena_strdup(arena, text)))
		rc = plumb_error_nomem(ctx);
done:
	plumb_arena_free(tmp);
	return rc;
}

static int text_cast(plumb_ctx *ctx, plumb_arena *arena, const char *expr, char **out)
{
	return canon_select(ctx, arena, "", expr, kept_cast_of, out);
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

int plumb__pg_written_text(plumb_ctx *ctx, plumb_arena *arena, const char *expr, char **out)
{
	int rc = canon_deep(written_expr, ctx, arena, expr, out);
	if (rc == 0 && *out && !**out)
		*out = NULL;
	return rc;
}

int plumb__pg_written_view(plumb_ctx *ctx, plumb_arena *arena, const char *body, char **out)
{
	return canon_deep(written_view, ctx, arena, body, out);
}

int plumb__pg_canon_stmt(plumb_ctx *ctx, plumb_arena *arena, const char *stmt, char **out)
{
	return canon_deep(canon_stmt, ctx, arena, stmt, out);
}

/* canon, a default's canonical text, with the cast that cast (kept_cast's
 * reading) leaves on it in a column of type coltype. */
static int with_cast(plumb_ctx *ctx, plumb_arena *arena, const char *canon, const char *cast,
		     const char *coltype, char **out)
{
	const char *base = coltype ? plumb__pg_string_base(coltype) : NULL;
	*out = (char *)canon;
	if (base && canon && *cast && strcmp(cast, "-") != 0 && strcmp(cast, base) != 0 &&
	    !(*out = plumb_arena_printf(arena, "%s::%s", canon, cast)))
		return plumb_error_nomem(ctx);
	return 0;
}

int plumb__pg_default_cast(plumb_ctx *ctx, plumb_arena *arena, const char *canon, const char *raw,
			   const char *coltype, char **out)
{
	char *cast = NULL;
	int rc;
	*out = (char *)canon;
	if (!canon || !raw || !coltype || !plumb__pg_string_base(coltype))
		return 0;
	if ((rc = canon_deep(text_cast, ctx, arena, raw, &cast)) < 0)
		return rc;
	return with_cast(ctx, arena, canon, cast, coltype, out);
}

int plumb__pg_default_kept_cast(plumb_ctx *ctx, plumb_arena *arena, const PgQuery__Node *e,
				const char *coltype, const char **out)
{
	const char *cast = "";
	const char *base = coltype ? plumb__pg_string_base(coltype) : NULL;
	int rc;
	*out = NULL;
	if (!base || (rc = kept_cast(ctx, arena, e, &cast)) < 0)
		return base ? rc : 0;
	if (*cast && strcmp(cast, "-") != 0 && strcmp(cast, base) != 0)
		*out = cast;
	return 0;
}

int plumb__pg_retype_default(plumb_ctx *ctx, plumb_arena *arena, const char *def, const char *from,
			     const char *to, char **out)
{
	char *cast = NULL, *canon = NULL;
	const char *old = from ? plumb__pg_string_base(from) : NULL;
	int rc;
	*out = (char *)def;
	if (!def || !old || !to || !plumb__pg_string_base(to))
		return 0;
	if ((rc = canon_deep(text_cast, ctx, arena, def, &cast)) < 0 || !*cast)
		return rc;
	const char *typed = def;
	if (strcmp(cast, "-") == 0 && !(typed = plumb_arena_printf(arena, "%s::%s", def, old)))
		return plumb_error_nomem(ctx);
	if ((rc = canon_deep(canon_expr, ctx, arena, typed, &canon)) < 0)
		return rc;
	return plumb__pg_default_cast(ctx, arena, canon, typed, to, out);
}
