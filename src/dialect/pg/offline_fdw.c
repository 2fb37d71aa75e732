/*
 * The offline builder's foreign-data wrappers and servers: CREATE FOREIGN
 * DATA WRAPPER (HANDLER, VALIDATOR, OPTIONS), ALTER FOREIGN DATA WRAPPER
 * (the same, options ADD, SET and DROP), CREATE SERVER (TYPE, VERSION,
 * its wrapper: the schema's own, or the one an extension of its name
 * brings, as postgres_fdw and file_fdw do), ALTER SERVER (VERSION,
 * OPTIONS), RENAME TO of either. Options are kept as the server stores
 * them ("key=value"); fdw.c writes the text. DROP is offline_drop.c's.
 * CREATE FOREIGN TABLE is offline_table.c's CREATE TABLE with its server
 * and options. User mappings are not modelled (offline_effect.c names them), and
 * IMPORT FOREIGN SCHEMA is an error: only a server knows what it imports.
 */
#include <string.h>

#include "dialect/pg/offline_int.h"

void fdw_options_apply(ox *x, plumb_vec *v, PgQuery__Node **opts, size_t n, size_t loc)
{
	for (size_t i = 0; i < n && !x->st.rc; i++) {
		if (opts[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		PgQuery__DefElem *d = opts[i]->def_elem;
		size_t k = 0, len = strlen(d->defname);
		while (k < v->n) {
			const char *kv = v->items[k];
			if (strncmp(kv, d->defname, len) == 0 && kv[len] == '=')
				break;
			k++;
		}
		bool found = k < v->n;
		const char *val = d->arg ? plumb__pg_strval(d->arg) : NULL;
		switch (d->defaction) {
		case PG_QUERY__DEF_ELEM_ACTION__DEFELEM_SET:
			if (!found) {
				error_at(x, loc, "option \"%s\" not found", d->defname);
				return;
			}
			v->items[k] = (void *)fmt(x, "%s=%s", d->defname, val ? val : "");
			break;
		case PG_QUERY__DEF_ELEM_ACTION__DEFELEM_DROP:
			if (!found) {
				error_at(x, loc, "option \"%s\" not found", d->defname);
				return;
			}
			plumb_vec_remove(v, k);
			break;
		default:
			if (found) {
				error_at(x, loc, "option \"%s\" provided more than once",
					 d->defname);
				return;
			}
			push(x, v, (void *)fmt(x, "%s=%s", d->defname, val ? val : ""));
			break;
		}
	}
	plumb__pg_fdw_sort_options(v);
}

/* HANDLER and VALIDATOR of func_options into o ("schema.f"; an unqualified
 * name is public's). */
static void functions(ox *x, plumb_object *o, PgQuery__Node **fo, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (fo[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		PgQuery__DefElem *d = fo[i]->def_elem;
		const char *f = NULL;
		if (d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_LIST) {
			const char *fs, *fn;
			split_names(d->arg->list->items, d->arg->list->n_items, &fs, &fn);
			if (fn)
				f = fmt(x, "%s.%s", fs, fn);
		}
		if (strcmp(d->defname, "handler") == 0)
			o->fdw_handler = f;
		else if (strcmp(d->defname, "validator") == 0)
			o->fdw_validator = f;
	}
}

static void define(ox *x, plumb_object *o)
{
	fail(x, plumb__pg_fdw_define(x->st.ctx, x->st.arena, o));
	plumb_catalog_changed(x->cat);
}

static const char *what(plumb_obj_kind k)
{
	return k == PLUMB_OBJ_FDW ? "foreign-data wrapper" : "server";
}

/* Whether a wrapper or server of this name is there already: an error
 * unless quiet (IF NOT EXISTS). */
static bool taken(ox *x, plumb_obj_kind k, const char *name, bool quiet, size_t loc)
{
	if (!find_object(x, k, NULL, name))
		return false;
	if (!quiet)
		error_at(x, loc, "%s \"%s\" already exists", what(k), name);
	return true;
}

/* The wrapper or server of this name, or NULL after the error. */
static plumb_object *named(ox *x, plumb_obj_kind k, const char *name, size_t loc)
{
	plumb_object *o = name ? find_object(x, k, NULL, name) : NULL;
	if (!o)
		error_at(x, loc, "%s \"%s\" does not exist", what(k), name ? name : "");
	return o;
}

/* A new wrapper or server, keeping the rename annotation before it; NULL
 * when out of memory. */
static plumb_object *created(ox *x, plumb_obj_kind k, const char *name, size_t loc)
{
	plumb_object *o = new_object(x, k, NULL, name);
	if (o)
		o->renamed_from = annotation_at(x, loc);
	return o;
}

/* OPTIONS of a CREATE or ALTER applied to o, then its text written again. */
static void with_options(ox *x, plumb_object *o, PgQuery__Node **opts, size_t n, size_t loc)
{
	fdw_options_apply(x, &o->values, opts, n, loc);
	define(x, o);
}

void create_fdw(ox *x, PgQuery__CreateFdwStmt *cs, size_t loc)
{
	if (taken(x, PLUMB_OBJ_FDW, cs->fdwname, false, loc))
		return;
	plumb_object *o = created(x, PLUMB_OBJ_FDW, cs->fdwname, loc);
	if (!o)
		return;
	functions(x, o, cs->func_options, cs->n_func_options);
	with_options(x, o, cs->options, cs->n_options, loc);
}

void alter_fdw(ox *x, PgQuery__AlterFdwStmt *as, size_t loc)
{
	plumb_object *o = named(x, PLUMB_OBJ_FDW, as->fdwname, loc);
	if (!o)
		return;
	functions(x, o, as->func_options, as->n_func_options);
	with_options(x, o, as->options, as->n_options, loc);
}

/* Is there a wrapper of this name: the schema's, or an extension's of the
 * same name (postgres_fdw, file_fdw)? */
static bool wrapper_exists(ox *x, const char *name)
{
	return find_object(x, PLUMB_OBJ_FDW, NULL, name) || find_extension(x, name);
}

void create_server(ox *x, PgQuery__CreateForeignServerStmt *cs, size_t loc)
{
	if (taken(x, PLUMB_OBJ_SERVER, cs->servername, cs->if_not_exists, loc))
		return;
	if (!wrapper_exists(x, cs->fdwname)) {
		error_at(x, loc, "foreign-data wrapper \"%s\" does not exist", cs->fdwname);
		return;
	}
	plumb_object *o = created(x, PLUMB_OBJ_SERVER, cs->servername, loc);
	if (!o)
		return;
	o->fdw = dup(x, cs->fdwname);
	o->srv_type = cs->servertype && *cs->servertype ? dup(x, cs->servertype) : NULL;
	o->version = cs->version && *cs->version ? dup(x, cs->version) : NULL;
	with_options(x, o, cs->options, cs->n_options, loc);
}

void alter_server(ox *x, PgQuery__AlterForeignServerStmt *as, size_t loc)
{
	plumb_object *o = named(x, PLUMB_OBJ_SERVER, as->servername, loc);
	if (!o)
		return;
	if (as->has_version)
		o->version = as->version && *as->version ? dup(x, as->version) : NULL;
	with_options(x, o, as->options, as->n_options, loc);
}

void rename_fdw_or_server(ox *x, PgQuery__RenameStmt *rs)
{
	bool fdw = rs->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_FDW;
	plumb_obj_kind k = fdw ? PLUMB_OBJ_FDW : PLUMB_OBJ_SERVER;
	const char *old = rs->object ? plumb__pg_strval(rs->object) : NULL;
	plumb_object *o = named(x, k, old, x->loc);
	if (!o || taken(x, k, rs->newname, false, x->loc))
		return;
	/* its owner goes with it; it keeps its first name, as an annotation
	 * would, so that a database still holding it is planned a rename */
	owner_renamed(x, plumb__pg_owner_class(k), NULL, old, NULL, rs->newname);
	grants_moved(x, k, NULL, old, NULL, rs->newname);
	if (!o->renamed_from)
		o->renamed_from = o->name;
	o->name = dup(x, rs->newname);
	define(x, o);
	for (size_t i = 0; fdw && i < x->cat->objects.n; i++) {
		plumb_object *s = x->cat->objects.items[i];
		if (s->kind == PLUMB_OBJ_SERVER && s->fdw && strcmp(s->fdw, old) == 0) {
			s->fdw = o->name;
			define(x, s);
		}
	}
	for (size_t i = 0; !fdw && i < x->cat->tables.n; i++) {
		plumb_table *t = x->cat->tables.items[i];
		if (t->server && strcmp(t->server, old) == 0)
			t->server = o->name;
	}
}

void import_foreign_schema(ox *x, PgQuery__ImportForeignSchemaStmt *is, size_t loc)
{
	error_at(x, loc,
		 "IMPORT FOREIGN SCHEMA %s cannot be read without a server: only the server "
		 "\"%s\" knows what it imports",
		 is->remote_schema ? is->remote_schema : "",
		 is->server_name ? is->server_name : "");
	dev_url_hint(x);
}

void create_foreign_table(ox *x, PgQuery__CreateForeignTableStmt *fs, size_t loc)
{
	PgQuery__CreateStmt *cs = fs->base_stmt;
	if (!cs || !cs->relation)
		return;
	if (!find_object(x, PLUMB_OBJ_SERVER, NULL, fs->servername)) {
		error_at(x, loc, "server \"%s\" does not exist", fs->servername);
		return;
	}
	if (find_table(x, sch(cs->relation->schemaname), cs->relation->relname) &&
	    cs->if_not_exists)
		return;
	size_t n = x->cat->tables.n;
	create_table(x, cs, loc);
	if (x->st.rc || x->cat->tables.n == n)
		return;
	plumb_table *t = x->cat->tables.items[n];
	t->server = dup(x, fs->servername);
	fdw_options_apply(x, &t->fdw_options, fs->options, fs->n_options, loc);
}
