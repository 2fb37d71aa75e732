/*
 * The offline builder's changes to text search dictionaries and
 * configurations in place: ALTER TEXT SEARCH DICTIONARY d (option = value)
 * (an option given replaces the one of its name, which moves last; one
 * without a value goes, as AlterTSDictionary does), RENAME TO and SET
 * SCHEMA of either, the configurations mapping to a dictionary naming it
 * under its new name. Creation is offline_textsearch.c's.
 */
#include <string.h>

#include "dialect/pg/offline_int.h"
#include "dialect/pg/textsearch.h"

/* The dictionary's CREATE statement, parsed from its canonical text. */
static PgQuery__DefineStmt *dict_stmt(ox *x, const plumb_object *o)
{
	PgQuery__ParseResult *t = NULL;
	if (!o->sql || plumb__pg_parse(x->st.ctx, x->tmp, o->sql, NULL, &t, NULL) < 0 ||
	    t->n_stmts != 1 || !t->stmts[0]->stmt->define_stmt) {
		fail(x, PLUMB_EPARSE);
		return NULL;
	}
	return t->stmts[0]->stmt->define_stmt;
}

/* The object a statement names (a name list), or an error unless missing_ok. */
static plumb_object *named(ox *x, plumb_obj_kind kind, PgQuery__Node **v, size_t n,
			   bool missing_ok)
{
	const char *schema, *name;
	split_names(v, n, &schema, &name);
	plumb_object *o = find_object(x, kind, schema, name);
	if (!o && !missing_ok)
		error_at(x, x->loc, "%s \"%s\" does not exist", plumb_obj_kind_name(kind), name);
	return o;
}

/* Dictionary o made again from ds (its names and options changed). */
static plumb_object *redo_dict(ox *x, plumb_object *o, PgQuery__DefineStmt *ds)
{
	const char *was = o->renamed_from;
	plumb_catalog_remove_item(x->cat, &x->cat->objects, o);
	create_ts_dict(x, ds, x->loc);
	plumb_object *now = x->cat->objects.n ? x->cat->objects.items[x->cat->objects.n - 1] : NULL;
	if (x->st.rc || !now || now->kind != PLUMB_OBJ_TS_DICT)
		return NULL;
	now->renamed_from = was;
	return now;
}

void alter_ts_dict(ox *x, PgQuery__AlterTSDictionaryStmt *as, size_t loc)
{
	(void)loc;
	plumb_object *o = named(x, PLUMB_OBJ_TS_DICT, as->dictname, as->n_dictname, false);
	PgQuery__DefineStmt *ds = o ? dict_stmt(x, o) : NULL;
	if (!ds)
		return;
	size_t cap = ds->n_definition + as->n_options;
	PgQuery__Node **defs = plumb_arena_alloc(x->tmp, (cap + 1) * sizeof(*defs));
	if (!defs) {
		nomem(x);
		return;
	}
	size_t n = 0;
	for (size_t i = 0; i < ds->n_definition; i++)
		defs[n++] = ds->definition[i];
	for (size_t i = 0; i < as->n_options; i++) {
		if (as->options[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		PgQuery__DefElem *d = as->options[i]->def_elem;
		size_t w = 0;
		for (size_t j = 0; j < n; j++)
			if (defs[j]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM ||
			    strcmp(defs[j]->def_elem->defname, d->defname) != 0)
				defs[w++] = defs[j];
		n = w;
		if (d->arg)
			defs[n++] = as->options[i];
	}
	ds->definition = defs;
	ds->n_definition = n;
	redo_dict(x, o, ds);
}

/* Configurations mapping to dictionary schema.name map to nschema.nw. */
static void dict_moved(ox *x, const char *schema, const char *name, const char *nschema,
		       const char *nw)
{
	const char *key = fmt(x, "%s.%s", schema, name), *nkey = fmt(x, "%s.%s", nschema, nw);
	char *ref = plumb__pg_proc_ref(x->tmp, schema, name);
	char *nref = plumb__pg_proc_ref(x->st.arena, nschema, nw);
	if (!key || !nkey || !ref || !nref) {
		nomem(x);
		return;
	}
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *c = x->cat->objects.items[i];
		bool uses = false;
		for (size_t j = 0; c->kind == PLUMB_OBJ_TS_CONFIG && j < c->depends.n; j++)
			if (strcmp(c->depends.items[j], key) == 0) {
				c->depends.items[j] = (void *)nkey;
				uses = true;
			}
		if (!uses)
			continue;
		/* "token WITH a, b": each dictionary of the list */
		for (size_t j = 0; j < c->values.n; j++) {
			const char *v = c->values.items[j], *with = strstr(v, " WITH ");
			if (!with)
				continue;
			const char *line = fmt(x, "%.*s WITH ", (int)(with - v), v), *s = with + 6;
			for (bool first = true; *s; first = false) {
				size_t len = strcspn(s, ",");
				const char *d = fmt(x, "%.*s", (int)len, s);
				line = fmt(x, "%s%s%s", line, first ? "" : ", ",
					   d && strcmp(d, ref) == 0 ? nref : d);
				s += len;
				s += strspn(s, ", ");
			}
			c->values.items[j] = (void *)line;
		}
		const char *at = c->sql ? strstr(c->sql, "(PARSER = ") : NULL;
		const char *parser = at ? fmt(x, "%.*s", (int)(strlen(at + 10) - 1), at + 10) : NULL;
		if (parser && plumb__pg_ts_config_define(x->st.arena, c, parser) < 0)
			nomem(x);
	}
}

/* o under nschema.nw. */
static void move(ox *x, plumb_object *o, const char *nschema, const char *nw)
{
	if (find_object(x, o->kind, nschema, nw)) {
		error_at(x, x->loc, "%s \"%s\" already exists in schema \"%s\"",
			 plumb_obj_kind_name(o->kind), nw, nschema);
		return;
	}
	/* its owner goes with it, and a rename keeps its first name (as
	 * offline_rename.c's moves do) */
	owner_renamed(x, plumb_obj_kind_name(o->kind), o->schema, o->name, nschema, nw);
	if (!o->renamed_from && strcmp(o->schema, nschema) == 0)
		o->renamed_from = dup(x, o->name);
	const char *schema = o->schema, *name = o->name;
	if (o->kind == PLUMB_OBJ_TS_DICT) {
		PgQuery__DefineStmt *ds = dict_stmt(x, o);
		PgQuery__Node **dn = plumb_arena_alloc(x->tmp, 2 * sizeof(*dn));
		if (!ds || !dn || !(dn[0] = plumb__pg_string(x->tmp, nschema)) ||
		    !(dn[1] = plumb__pg_string(x->tmp, nw))) {
			if (!x->st.rc)
				nomem(x);
			return;
		}
		ds->defnames = dn;
		ds->n_defnames = 2;
		if (redo_dict(x, o, ds))
			dict_moved(x, schema, name, nschema, nw);
		return;
	}
	/* a configuration: its mappings kept */
	const char *at = o->sql ? strstr(o->sql, "(PARSER = ") : NULL;
	const char *parser = at ? fmt(x, "%.*s", (int)(strlen(at + 10) - 1), at + 10) : NULL;
	plumb_object saved = *o;
	plumb_catalog_remove_item(x->cat, &x->cat->objects, o);
	plumb_object *n = new_object(x, PLUMB_OBJ_TS_CONFIG, nschema, nw);
	if (!n || !parser)
		return;
	n->values = saved.values;
	n->depends = saved.depends;
	n->renamed_from = saved.renamed_from;
	if (plumb__pg_ts_config_define(x->st.arena, n, parser) < 0)
		nomem(x);
}

void rename_ts_object(ox *x, PgQuery__RenameStmt *rs)
{
	PgQuery__Node *obj = rs->object;
	if (!obj || obj->node_case != PG_QUERY__NODE__NODE_LIST)
		return;
	plumb_obj_kind k = rs->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_TSDICTIONARY
				   ? PLUMB_OBJ_TS_DICT
				   : PLUMB_OBJ_TS_CONFIG;
	plumb_object *o = named(x, k, obj->list->items, obj->list->n_items, rs->missing_ok);
	if (o && strcmp(o->name, rs->newname) != 0)
		move(x, o, o->schema, rs->newname);
}

void ts_object_set_schema(ox *x, PgQuery__AlterObjectSchemaStmt *as)
{
	PgQuery__Node *obj = as->object;
	if (!obj || obj->node_case != PG_QUERY__NODE__NODE_LIST)
		return;
	plumb_obj_kind k = as->object_type == PG_QUERY__OBJECT_TYPE__OBJECT_TSDICTIONARY
				   ? PLUMB_OBJ_TS_DICT
				   : PLUMB_OBJ_TS_CONFIG;
	plumb_object *o = named(x, k, obj->list->items, obj->list->n_items, as->missing_ok);
	if (o && strcmp(o->schema, as->newschema) != 0)
		move(x, o, as->newschema, o->name);
}
