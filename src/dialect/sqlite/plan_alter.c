/*
 * ALTER TABLE in the SQLite planner: whether a changed table can keep its
 * rows in place (only renames SQLite applies itself and added columns that
 * ADD COLUMN accepts, lang_altertable.html) and, when it can, the RENAME TO,
 * RENAME COLUMN and ADD COLUMN statements. Every other change is a rebuild
 * (plan_rebuild.c); views and triggers the change disturbs are
 * plan_dependants.c's.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "dialect/sqlite/plan_int.h"

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool same_but_name(const plumb_column *f, const plumb_column *t)
{
	return plumb__sqlp_eq_ci(f->type ? f->type : "", t->type ? t->type : "") &&
	       f->not_null == t->not_null && str_eq(f->default_sql, t->default_sql) &&
	       plumb__sqlp_eq_ci(f->collation, t->collation) &&
	       str_eq(f->generated_sql, t->generated_sql) &&
	       f->generated_stored == t->generated_stored && f->pk_position == t->pk_position &&
	       f->hidden == t->hidden;
}

/* Old name of a name after renames: columns of this table and every table. */
static const char *map_old(const planner *p, const plumb_table_delta *d, const char *old)
{
	for (size_t i = 0; d && i < d->renamed_columns.n; i++) {
		const plumb_column_change *cc = d->renamed_columns.items[i];
		if (plumb__sqlp_eq_ci(cc->from->name, old))
			return cc->to->name;
	}
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind == PLUMB_OBJ_TABLE && c->renamed &&
		    plumb__sqlp_eq_ci(plumb_object_name(c->from), old))
			return plumb_object_name(c->to);
	}
	return old;
}

/* True when constraint definitions f and t are equal once the renames SQLite's
 * RENAME COLUMN / RENAME TO apply by themselves are taken into account. */
static bool same_after_renames(planner *p, const plumb_table_delta *d, const char *f,
			       const char *t)
{
	plumb_vec *ft = plumb__sqlp_tokens(p->tmp, f), *tt = plumb__sqlp_tokens(p->tmp, t);
	if (!ft || !tt || ft->n != tt->n)
		return false;
	for (size_t i = 0; i < ft->n; i++) {
		const plumb_sqlite_token *a = ft->items[i], *b = tt->items[i];
		if (a->ident && b->ident) {
			if (!plumb__sqlp_eq_ci(a->ident, b->ident) &&
			    !plumb__sqlp_eq_ci(map_old(p, d, a->ident), b->ident))
				return false;
			continue;
		}
		if (!a->ident != !b->ident || strcmp(a->text, b->text) != 0)
			return false;
	}
	return true;
}

/* Whether ALTER TABLE ADD COLUMN accepts column c (lang_altertable.html). */
static bool can_add_column(planner *p, const plumb_table *t, const plumb_column *c)
{
	const char *def = c->default_sql;
	const char *text;

	if (c->pk_position > 0 || (c->generated_sql && c->generated_stored) || c->hidden)
		return false;
	if (def) {
		while (isspace((unsigned char)*def))
			def++;
		if (*def == '(' || strcasecmp(def, "CURRENT_TIME") == 0 ||
		    strcasecmp(def, "CURRENT_DATE") == 0 ||
		    strcasecmp(def, "CURRENT_TIMESTAMP") == 0)
			return false;
	}
	if (c->not_null && !c->generated_sql && plumb__sqlp_default_is_null(c->default_sql))
		return false;
	text = plumb__sqlp_column_text(p->tmp, t->sql, c->name);
	if (!text || plumb__sqlp_has_word(p->tmp, text, "PRIMARY") ||
	    plumb__sqlp_has_word(p->tmp, text, "UNIQUE"))
		return false;
	if (plumb__sqlp_has_word(p->tmp, text, "REFERENCES") &&
	    !plumb__sqlp_default_is_null(c->default_sql))
		return false;
	return true;
}

/* An added constraint that comes with an added column's own definition. */
static bool constraint_rides_column(planner *p, const plumb_table *t, const plumb_table_delta *d,
				    const plumb_constraint *con)
{
	if (!con->column_level)
		return false;
	if (con->kind == PLUMB_CON_FOREIGN_KEY)
		return con->n_columns == 1 && plumb__sqlp_is_added(d, con->columns[0]);
	if (con->kind != PLUMB_CON_CHECK)
		return false;
	/* Every column the check names must be a new one. */
	plumb_vec ids = {0};
	bool any = false;
	if (plumb__sqlp_identifiers(p->tmp, con->check_sql ? con->check_sql : con->definition,
				    &ids))
		return false;
	for (size_t i = 0; i < ids.n; i++) {
		if (!plumb_table_find_column(p->to, t, ids.items[i]))
			continue;
		if (!plumb__sqlp_is_added(d, ids.items[i]))
			return false;
		any = true;
	}
	return any;
}

table_mode plumb__sqlp_choose_mode(planner *p, const plumb_change *c)
{
	const plumb_table *f = c->from, *t = c->to;
	const plumb_table_delta *d = c->delta;

	if (plumb__sqlp_is_virtual(p->tmp, f->sql) || plumb__sqlp_is_virtual(p->tmp, t->sql))
		return MODE_RECREATE;
	if (d->dropped_columns.n || d->options_changed)
		return MODE_REBUILD;
	/* A column whose definition names a renamed table or column (REFERENCES
	 * old(...)) changed only by a rename SQLite applies itself. */
	for (size_t i = 0; i < d->changed_columns.n; i++) {
		const plumb_column_change *cc = d->changed_columns.items[i];
		if (!same_after_renames(p, d, cc->from->definition, cc->to->definition))
			return MODE_REBUILD;
	}
	for (size_t i = 0; i < d->renamed_columns.n; i++) {
		const plumb_column_change *cc = d->renamed_columns.items[i];
		if (!same_but_name(cc->from, cc->to))
			return MODE_REBUILD;
	}
	for (size_t i = 0; i < d->added_columns.n; i++)
		if (!can_add_column(p, t, d->added_columns.items[i]))
			return MODE_REBUILD;
	/* Constraint changes: each dropped one must reappear renamed, each added
	 * one must be a renamed old one or come with an added column. */
	bool *paired = plumb_arena_alloc(p->tmp, (d->added_constraints.n + 1) * sizeof(bool));
	if (!paired)
		return MODE_REBUILD;
	for (size_t i = 0; i < d->dropped_constraints.n; i++) {
		const plumb_constraint *dc = d->dropped_constraints.items[i];
		bool found = false;
		for (size_t j = 0; j < d->added_constraints.n && !found; j++) {
			const plumb_constraint *ac = d->added_constraints.items[j];
			if (!paired[j] && ac->kind == dc->kind &&
			    same_after_renames(p, d, dc->definition, ac->definition))
				paired[j] = found = true;
		}
		if (!found)
			return MODE_REBUILD;
	}
	for (size_t j = 0; j < d->added_constraints.n; j++)
		if (!paired[j] && !constraint_rides_column(p, t, d, d->added_constraints.items[j]))
			return MODE_REBUILD;
	return MODE_ALTER;
}

int plumb__sqlp_alter(planner *p, const plumb_change *c)
{
	const plumb_table *f = c->from, *t = c->to;
	const plumb_table_delta *d = c->delta;
	plumb_buf b;
	int rc = 0;

	if (c->renamed) {
		plumb__sqlp_buf_new(p, &b);
		plumb_buf_puts(&b, "ALTER TABLE ");
		plumb_buf_quote_ident(&b, f->name);
		plumb_buf_puts(&b, " RENAME TO ");
		plumb_buf_quote_ident(&b, t->name);
		if ((rc = plumb__sqlp_add(p, &b, NULL)))
			goto done;
	}
	for (size_t i = 0; i < d->renamed_columns.n; i++) {
		const plumb_column_change *cc = d->renamed_columns.items[i];
		plumb__sqlp_buf_new(p, &b);
		plumb_buf_puts(&b, "ALTER TABLE ");
		plumb_buf_quote_ident(&b, t->name);
		plumb_buf_puts(&b, " RENAME COLUMN ");
		plumb_buf_quote_ident(&b, cc->from->name);
		plumb_buf_puts(&b, " TO ");
		plumb_buf_quote_ident(&b, cc->to->name);
		if ((rc = plumb__sqlp_add(p, &b, NULL)))
			goto done;
	}
	/* Added columns in the desired table's order. */
	for (size_t i = 0; i < t->columns.n; i++) {
		const plumb_column *col = t->columns.items[i];
		if (!plumb__sqlp_is_added(d, col->name))
			continue;
		const char *text = plumb__sqlp_column_text(p->tmp, t->sql, col->name);
		plumb__sqlp_buf_new(p, &b);
		plumb_buf_puts(&b, "ALTER TABLE ");
		plumb_buf_quote_ident(&b, t->name);
		plumb_buf_puts(&b, " ADD COLUMN ");
		plumb_buf_puts(&b, text ? text : col->definition);
		if ((rc = plumb__sqlp_add(p, &b, NULL)))
			goto done;
	}
done:
	return rc;
}
