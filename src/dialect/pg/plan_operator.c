/*
 * The planner's changes in place of operators and text search
 * configurations, which keep the views and indexes using them: an operator
 * whose estimators (RESTRICT, JOIN) alone differ is altered with ALTER
 * OPERATOR ... SET, a configuration's mappings with ADD, ALTER and DROP
 * MAPPING; any other change drops and creates the object (plan_object.c).
 * It reads the canonical texts operator.c and textsearch.c write.
 */
#include <string.h>

#include "dialect/pg/plan_int.h"

/* The options of a canonical CREATE OPERATOR: each "NAME=value" (a name
 * list joined by dots, quoted), RESTRICT and JOIN apart into *rest and
 * *join (NULL when not given). NULL when it does not parse. */
static plumb_vec *options(planner *p, const char *sql, const char **rest, const char **join)
{
	PgQuery__ParseResult *t = NULL;
	plumb_vec *v = plumb_arena_alloc(p->tmp, sizeof(*v));
	*rest = *join = NULL;
	if (!v || plumb__pg_parse(p->ctx, p->tmp, sql, NULL, &t, NULL) < 0 || t->n_stmts != 1 ||
	    !t->stmts[0]->stmt->define_stmt) {
		plumb_error_clear(p->ctx);
		return NULL;
	}
	*v = (plumb_vec){0};
	PgQuery__DefineStmt *ds = t->stmts[0]->stmt->define_stmt;
	for (size_t i = 0; i < ds->n_definition; i++) {
		if (ds->definition[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		PgQuery__DefElem *d = ds->definition[i]->def_elem;
		PgQuery__Node *a = d->arg;
		PgQuery__Node **names = a && a->node_case == PG_QUERY__NODE__NODE_TYPE_NAME
						? a->type_name->names
					: a && a->node_case == PG_QUERY__NODE__NODE_LIST ? a->list->items
											 : NULL;
		size_t n = a && a->node_case == PG_QUERY__NODE__NODE_TYPE_NAME ? a->type_name->n_names
			   : a && a->node_case == PG_QUERY__NODE__NODE_LIST    ? a->list->n_items
									       : 0;
		const char *val = names ? "" : a ? plumb__pg_strval(a) : "";
		for (size_t j = 0; j < n; j++) {
			const char *s = plumb__pg_strval(names[j]);
			val = plumb__pgp_fmt(p, "%s%s%s", val, j ? "." : "",
					     plumb__pgp_I(p, s ? s : ""));
		}
		if (strcmp(d->defname, "restrict") == 0)
			*rest = val;
		else if (strcmp(d->defname, "join") == 0)
			*join = val;
		else
			plumb__pgp_vec_add(p, v, plumb__pgp_fmt(p, "%s=%s", d->defname, val ? val : ""));
	}
	return v;
}

bool plumb__pgp_alter_operator(planner *p, const plumb_object *f, const plumb_object *t)
{
	const char *fr, *fj, *tr, *tj;
	plumb_vec *a = options(p, plumb__pgp_obj_sql(f), &fr, &fj);
	plumb_vec *b = options(p, plumb__pgp_obj_sql(t), &tr, &tj);
	if (!a || !b || a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->items[i], b->items[i]) != 0)
			return false;
	/* "op(l, r)" is ALTER OPERATOR's "s.op (l, r)" */
	const char *paren = strchr(t->name, '(');
	if (!paren)
		return false;
	plumb__pgp_emit(p, "ALTER OPERATOR %s.%.*s %s SET (RESTRICT = %s, JOIN = %s)",
			plumb__pgp_I(p, t->schema), (int)(paren - t->name), t->name, paren,
			tr ? tr : "NONE", tj ? tj : "NONE");
	return true;
}

/* The mapping line of token tok ("tok WITH ...") in o's values, or NULL. */
static const char *mapping_of(const plumb_object *o, const char *line)
{
	size_t n = strcspn(line, " ");
	for (size_t i = 0; i < o->values.n; i++) {
		const char *v = o->values.items[i];
		if (strncmp(v, line, n) == 0 && v[n] == ' ')
			return v;
	}
	return NULL;
}

/* A dictionary as a mapping names it (ref), under the name the plan renames
 * it to in place; else ref. */
static const char *dict_now(planner *p, const char *ref)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_TS_DICT || !c->renamed)
			continue;
		const plumb_object *f = c->from, *t = c->to;
		const char *old = plumb__pg_proc_ref(p->tmp, f->schema, f->name);
		const char *now = plumb__pg_proc_ref(p->tmp, t->schema, t->name);
		if (!old || !now) {
			plumb__pgp_nomem(p);
			return ref;
		}
		if (strcmp(old, ref) == 0)
			return now;
	}
	return ref;
}

/* Mapping line v ("tok WITH d1, d2") as it reads once the dictionaries it
 * names are renamed in place. */
static const char *mapping_now(planner *p, const char *v)
{
	const char *with = strstr(v, " WITH ");
	if (!with)
		return v;
	const char *s = plumb__pgp_fmt(p, "%.*s", (int)(with + 6 - v), v);
	for (const char *d = with + 6; *d;) {
		size_t n = strcspn(d, ",");
		s = plumb__pgp_fmt(p, "%s%s", s, dict_now(p, plumb__pgp_fmt(p, "%.*s", (int)n, d)));
		d += n;
		if (*d == ',') {
			s = plumb__pgp_fmt(p, "%s, ", s);
			for (d++; *d == ' '; d++)
				;
		}
	}
	return s;
}

bool plumb__pgp_alter_ts_config(planner *p, const plumb_object *f, const plumb_object *t)
{
	/* the parser, past the name (which a rename changed already) */
	const char *fs = plumb__pgp_obj_sql(f), *ts = plumb__pgp_obj_sql(t);
	const char *fp = fs ? strstr(fs, " (PARSER = ") : NULL;
	const char *tp = ts ? strstr(ts, " (PARSER = ") : NULL;
	if (!fp || !tp || strcmp(fp, tp) != 0 || strcmp(f->schema, t->schema) != 0)
		return false; /* another parser */
	const char *q = plumb__pgp_Q(p, t->schema, t->name);
	for (size_t i = 0; i < f->values.n; i++) {
		const char *v = f->values.items[i];
		if (!mapping_of(t, v))
			plumb__pgp_emit(p,
					"ALTER TEXT SEARCH CONFIGURATION %s DROP MAPPING FOR %.*s",
					q, (int)strcspn(v, " "), v);
	}
	for (size_t i = 0; i < t->values.n; i++) {
		const char *v = t->values.items[i], *was = mapping_of(f, v);
		if (!was || strcmp(mapping_now(p, was), v) != 0)
			plumb__pgp_emit(p, "ALTER TEXT SEARCH CONFIGURATION %s %s MAPPING FOR %s",
					q, was ? "ALTER" : "ADD", v);
	}
	return true;
}
