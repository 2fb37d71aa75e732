/*
 * What every file of the SQLite planner uses: reading stored DDL through
 * ddl.c's tokens and column definitions, comparing names, finding a change
 * of the diff, and adding a statement to the plan. It decides nothing about
 * what to emit; the planner's phases are in plan.c.
 */
#include <string.h>
#include <strings.h>

#include "dialect/sqlite/plan_int.h"

/* --- reading stored DDL (tokens and definitions from ddl.c) ----------- */

plumb_vec *plumb__sqlp_tokens(plumb_arena *a, const char *sql)
{
	plumb_vec *v = sql ? plumb_arena_alloc(a, sizeof(*v)) : NULL;
	if (!v || plumb__sqlite_tokens(a, sql, v) != 0)
		return NULL;
	return v;
}

static bool tok_is(const plumb_sqlite_token *t, const char *word)
{
	return t->word && strcasecmp(t->ident, word) == 0;
}

int plumb__sqlp_identifiers(plumb_arena *a, const char *sql, plumb_vec *out)
{
	plumb_vec toks = {0};
	int rc;
	if (!sql)
		return 0;
	if ((rc = plumb__sqlite_tokens(a, sql, &toks)) != 0)
		return rc < 0 ? -1 : 0;
	for (size_t i = 0; i < toks.n; i++) {
		const plumb_sqlite_token *t = toks.items[i];
		if (!t->ident)
			continue;
		char *s = plumb_str_lower(a, t->ident);
		if (!s || plumb_vec_push(a, out, s))
			return -1;
	}
	return 0;
}

const char *plumb__sqlp_column_text(plumb_arena *a, const char *sql, const char *col)
{
	const plumb_sqlite_coldef *def = plumb__sqlite_find_column(a, sql, col);
	return def ? def->text : NULL;
}

bool plumb__sqlp_has_word(plumb_arena *a, const char *sql, const char *word)
{
	plumb_vec *toks = plumb__sqlp_tokens(a, sql);
	for (size_t i = 0; toks && i < toks->n; i++)
		if (tok_is(toks->items[i], word))
			return true;
	return false;
}

bool plumb__sqlp_is_virtual(plumb_arena *a, const char *sql)
{
	plumb_vec *toks = plumb__sqlp_tokens(a, sql);
	return toks && toks->n > 2 && tok_is(toks->items[0], "CREATE") &&
	       tok_is(toks->items[1], "VIRTUAL");
}

/* --- names and changes ------------------------------------------------ */

bool plumb__sqlp_tmp_failed(const planner *p)
{
	return plumb_arena_failed(p->tmp);
}

bool plumb__sqlp_eq_ci(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcasecmp(a, b) == 0;
}

bool plumb__sqlp_default_is_null(const char *def)
{
	return !def || strcasecmp(def, "NULL") == 0;
}

bool plumb__sqlp_is_added(const plumb_table_delta *d, const char *name)
{
	for (size_t i = 0; i < d->added_columns.n; i++)
		if (plumb__sqlp_eq_ci(((const plumb_column *)d->added_columns.items[i])->name,
				      name))
			return true;
	return false;
}

const plumb_change *plumb__sqlp_find_change(const planner *p, plumb_obj_kind kind,
					    const char *name, bool by_from)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		const void *o = by_from ? c->from : c->to;
		if (c->kind == kind && o && plumb__sqlp_eq_ci(plumb_object_name(o), name))
			return c;
	}
	return NULL;
}

/* --- statements ------------------------------------------------------- */

void plumb__sqlp_buf_new(planner *p, plumb_buf *b)
{
	plumb_buf_init(b, p->tmp, 0);
}

int plumb__sqlp_add(planner *p, plumb_buf *b, plumb_stmt **out)
{
	int rc = plumb_buf_finish(b, p->ctx);
	if (rc)
		return rc;
	return plumb_plan_add(p->ctx, p->plan, plumb_buf_str(b), out);
}

int plumb__sqlp_add_drop(planner *p, const char *what, const char *name, plumb_stmt **out)
{
	plumb_buf b;
	plumb__sqlp_buf_new(p, &b);
	plumb_buf_printf(&b, "DROP %s ", what);
	plumb_buf_quote_ident(&b, name);
	return plumb__sqlp_add(p, &b, out);
}
