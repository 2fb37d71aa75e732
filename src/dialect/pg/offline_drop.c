/*
 * The offline builder's DROP: the objects a DROP statement (or ALTER
 * TABLE's DROP COLUMN, DROP CONSTRAINT) names are found as PostgreSQL finds
 * them (a function by its argument types, a trigger, policy or rule on its
 * relation) and checked (unless IF EXISTS), then handed with CASCADE or
 * RESTRICT to offline_depend.c, which drops them with what depends on
 * them. It creates nothing and decides no dependency itself.
 */
#include <string.h>

#include "dialect/pg/offline_int.h"

/* --- the objects a DROP names ---------------------------------------------------------------- */

plumb_object *find_extension(ox *x, const char *name)
{
	for (size_t j = 0; j < x->cat->objects.n; j++) {
		plumb_object *e = x->cat->objects.items[j];
		if (e->kind == PLUMB_OBJ_EXTENSION && strcmp(e->name, name) == 0)
			return e;
	}
	return NULL;
}

/* Whether the identity "f(a ORDER BY b)" has the types of "f(a, b)". */
static bool same_types(const char *ordered, const char *plain)
{
	const char *p = ordered, *q = plain;
	while (*p && *q) {
		if (strncmp(p, " ORDER BY ", 10) == 0 && strncmp(q, ", ", 2) == 0) {
			p += 10;
			q += 2;
		} else if (*p++ != *q++) {
			return false;
		}
	}
	return !*p && !*q;
}

/* The function, procedure or aggregate ow names in a DROP: by its argument
 * types, or by its name alone when the DROP gives no list and one has it. */
static plumb_object *find_function(ox *x, PgQuery__DropStmt *ds, PgQuery__ObjectWithArgs *ow)
{
	const char *schema, *name;
	const char *what = ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE ? "procedure"
			   : ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE
				   ? "aggregate"
				   : "function";
	split_names(ow->objname, ow->n_objname, &schema, &name);
	if (ow->args_unspecified) {
		const plumb_vec *v = routines_named(x, schema, name);
		size_t n = v ? v->n : 0;
		if (n == 1)
			return v->items[0];
		if (n > 1) {
			error_at(x, x->loc, "%s name \"%s\" is not unique", what,
				 shown(x, schema, name));
			plumb_error_set_hint(x->st.ctx,
					     "Specify the argument list to select the %s "
					     "unambiguously.",
					     what);
		} else if (!ds->missing_ok) {
			error_at(x, x->loc, "could not find a %s named \"%s\"", what,
				 shown(x, schema, name));
		}
		return NULL;
	}
	plumb_buf b;
	plumb_buf_init(&b, x->st.arena, 0);
	plumb_buf_printf(&b, "%s(", name);
	for (size_t i = 0, k = 0; i < ow->n_objargs && !x->st.rc; i++) {
		if (ow->objargs[i]->node_case != PG_QUERY__NODE__NODE_TYPE_NAME)
			continue;
		plumb_buf_puts(&b, k++ ? ", " : "");
		plumb_buf_puts(&b, func_arg_type(x, ow->objargs[i]->type_name));
	}
	plumb_buf_putc(&b, ')');
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return NULL;
	}
	plumb_object *o = find_object(x, PLUMB_OBJ_FUNCTION, schema, b.data);
	for (size_t j = 0; !o && ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE &&
			   j < x->cat->objects.n;
	     j++) {
		/* an ordered-set one: its types in one list, as the server matches them */
		plumb_object *a = x->cat->objects.items[j];
		if (a->kind == PLUMB_OBJ_FUNCTION && a->func_kind == PLUMB_FUNC_AGGREGATE &&
		    strcmp(a->schema, schema) == 0 && strstr(a->name, " ORDER BY ") &&
		    same_types(a->name, b.data))
			o = a;
	}
	if (!o && !ds->missing_ok)
		error_at(x, x->loc, "%s %s does not exist", what, shown(x, schema, b.data));
	return o;
}

/* The trigger, policy or rule obj (its relation's names, then its own) of
 * a DROP TRIGGER, POLICY or RULE; NULL when not there (an error unless IF
 * EXISTS). */
static bool find_part(ox *x, PgQuery__DropStmt *ds, PgQuery__Node *obj, dobj *out)
{
	const char *schema = "public", *table = NULL, *name = NULL;
	if (obj->node_case != PG_QUERY__NODE__NODE_LIST || obj->list->n_items < 2)
		return false;
	size_t n = obj->list->n_items;
	name = plumb__pg_strval(obj->list->items[n - 1]);
	split_names(obj->list->items, n - 1, &schema, &table);
	if (!name || !table)
		return false;
	bool trigger = ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER;
	bool policy = ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_POLICY;
	if (!find_table(x, schema, table) && (policy || !find_view(x, schema, table))) {
		if (!ds->missing_ok)
			error_at(x, x->loc, "relation \"%s\" does not exist",
				 shown(x, schema, table));
		return false;
	}
	if (trigger) {
		for (size_t j = 0; j < x->cat->triggers.n; j++) {
			plumb_trigger *tg = x->cat->triggers.items[j];
			if (strcmp(tg->schema, schema) == 0 && strcmp(tg->table, table) == 0 &&
			    strcmp(tg->name, name) == 0) {
				*out = (dobj){D_TRIGGER, tg, NULL};
				return true;
			}
		}
	} else {
		plumb_obj_kind k = policy ? PLUMB_OBJ_POLICY : PLUMB_OBJ_RULE;
		for (size_t j = 0; j < x->cat->objects.n; j++) {
			plumb_object *o = x->cat->objects.items[j];
			if (o->kind == k && strcmp(o->schema, schema) == 0 && o->table &&
			    strcmp(o->table, table) == 0 && strcmp(o->name, name) == 0) {
				*out = (dobj){D_OBJECT, o, NULL};
				return true;
			}
		}
	}
	if (!ds->missing_ok)
		error_at(x, x->loc, "%s \"%s\" for %s \"%s\" does not exist",
			 trigger  ? "trigger"
			 : policy ? "policy"
				  : "rule",
			 name, trigger || policy ? "table" : "relation", shown(x, schema, table));
	return false;
}

/* The kinds a DROP finds by their name alone: in their schema, or (global)
 * in the database. */
typedef struct {
	PgQuery__ObjectType type;
	plumb_obj_kind kind;
	const char *what;
	bool global;
} named_kind;

static const named_kind named_kinds[] = {
	{PG_QUERY__OBJECT_TYPE__OBJECT_COLLATION, PLUMB_OBJ_COLLATION, "collation", false},
	{PG_QUERY__OBJECT_TYPE__OBJECT_TSDICTIONARY, PLUMB_OBJ_TS_DICT, "text search dictionary",
	 false},
	{PG_QUERY__OBJECT_TYPE__OBJECT_TSCONFIGURATION, PLUMB_OBJ_TS_CONFIG,
	 "text search configuration", false},
	{PG_QUERY__OBJECT_TYPE__OBJECT_EVENT_TRIGGER, PLUMB_OBJ_EVENT_TRIGGER, "event trigger",
	 true},
	{PG_QUERY__OBJECT_TYPE__OBJECT_FDW, PLUMB_OBJ_FDW, "foreign-data wrapper", true},
	{PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_SERVER, PLUMB_OBJ_SERVER, "server", true},
	{PG_QUERY__OBJECT_TYPE__OBJECT_PUBLICATION, PLUMB_OBJ_PUBLICATION, "publication", true},
	{PG_QUERY__OBJECT_TYPE__OBJECT_STATISTIC_EXT, PLUMB_OBJ_STATISTICS, "statistics object",
	 false},
	{PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA, PLUMB_OBJ_SCHEMA, "schema", true},
};

static const named_kind *named_kind_of(PgQuery__ObjectType type)
{
	for (size_t i = 0; i < sizeof(named_kinds) / sizeof(named_kinds[0]); i++)
		if (named_kinds[i].type == type)
			return &named_kinds[i];
	return NULL;
}

/* What obj of a DROP names, into *out; false when it is not there (an error
 * as PostgreSQL's unless IF EXISTS) or is not modelled. Types and domains
 * are not checked: not every kind of type is modelled. */
static bool find_target(ox *x, PgQuery__DropStmt *ds, PgQuery__Node *obj, dobj *out)
{
	const char *schema = "public", *name = NULL, *what = NULL;
	void *p = NULL;
	dkind kind = D_OBJECT;
	switch (ds->remove_type) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
	case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
	case PG_QUERY__OBJECT_TYPE__OBJECT_RULE:
		return find_part(x, ds, obj, out);
	case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE:
		if (obj->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS)
			return false;
		*out = (dobj){D_OBJECT, find_function(x, ds, obj->object_with_args), NULL};
		return out->p != NULL;
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPERATOR:
		return drop_operator_target(x, ds, obj, out);
	case PG_QUERY__OBJECT_TYPE__OBJECT_CAST:
		return drop_cast_target(x, ds, obj, out);
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPCLASS:
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPFAMILY:
		return drop_opc_target(x, ds, obj, out);
	default:
		break;
	}
	if (obj->node_case == PG_QUERY__NODE__NODE_LIST)
		split_names(obj->list->items, obj->list->n_items, &schema, &name);
	else if (obj->node_case == PG_QUERY__NODE__NODE_STRING)
		name = plumb__pg_strval(obj);
	else if (obj->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
		split_names(obj->type_name->names, obj->type_name->n_names, &schema, &name);
	if (!name)
		return false;
	switch (ds->remove_type) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE: {
		bool ft = ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE;
		what = ft ? "foreign table" : "table";
		kind = D_TABLE;
		plumb_table *t = find_table(x, schema, name);
		if (t && !t->server != !ft) {
			/* DROP TABLE of a foreign table, or the other way round */
			error_at(x, x->loc, "\"%s\" is not a %s", name, what);
			return false;
		}
		p = t;
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
		what = ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW ? "view" : "materialized view";
		kind = D_VIEW;
		p = find_view(x, schema, name);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
		what = "index";
		kind = D_INDEX;
		p = plumb_catalog_find(x->cat, PLUMB_OBJ_INDEX, schema, name);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		what = "sequence";
		/* a serial column's own: written out as a default and the sequence */
		if (!find_object(x, PLUMB_OBJ_SEQUENCE, schema, name) &&
		    name_used(x, &x->relnames, schema, name))
			unfold_serial_of(x, schema, name);
		p = find_object(x, PLUMB_OBJ_SEQUENCE, schema, name);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION:
		what = "extension";
		schema = NULL;
		p = find_extension(x, name);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
		static const plumb_obj_kind kinds[] = {PLUMB_OBJ_ENUM, PLUMB_OBJ_TYPE,
						       PLUMB_OBJ_DOMAIN};
		for (size_t k = 0; k < 3 && !p; k++)
			p = find_object(x, kinds[k], schema, name);
		if (!p)
			return false;
		break;
	}
	default: {
		const named_kind *nk = named_kind_of(ds->remove_type);
		if (!nk)
			return false;
		what = nk->what;
		if (nk->global)
			schema = NULL;
		p = find_object(x, nk->kind, schema, name);
		if (!p && nk->kind == PLUMB_OBJ_SCHEMA && strcmp(name, "public") == 0)
			return false; /* there, with nothing modelled of it */
		break;
	}
	}
	if (p) {
		*out = (dobj){kind, p, kind == D_TABLE ? p : NULL};
		return true;
	}
	if (!ds->missing_ok)
		error_at(x, x->loc, "%s \"%s\" does not exist", what,
			 schema ? shown(x, schema, name) : name);
	return false;
}

void drop_objects(ox *x, PgQuery__DropStmt *ds)
{
	if (ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_LANGUAGE) {
		languages_dropped(x, ds);
		return;
	}
	dobj *targets = plumb_arena_alloc(x->tmp, (ds->n_objects + 1) * sizeof(*targets));
	size_t n = 0;
	if (!targets) {
		nomem(x);
		return;
	}
	for (size_t i = 0; i < ds->n_objects && !x->st.rc; i++)
		if (find_target(x, ds, ds->objects[i], &targets[n]))
			n++;
	if (!x->st.rc)
		drop_with_dependents(x, targets, n,
				     ds->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE);
}

void drop_column(ox *x, plumb_table *t, plumb_column *col, bool cascade)
{
	dobj d = {D_COLUMN, col, t};
	drop_with_dependents(x, &d, 1, cascade);
	/* the other commands of its ALTER TABLE may change what depends on what */
	drop_forget_index(x);
}

void drop_constraint(ox *x, plumb_table *t, const char *name, bool cascade)
{
	for (size_t i = 0; name && i < t->constraints.n; i++) {
		plumb_constraint *k = t->constraints.items[i];
		if (k->name && strcmp(k->name, name) == 0) {
			dobj d = {D_CONSTRAINT, k, t};
			drop_with_dependents(x, &d, 1, cascade);
			drop_forget_index(x);
			return;
		}
	}
}
