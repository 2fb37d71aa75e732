/*
 * Procedural languages offline, beyond their grants (offline_acl.c): each
 * language CREATE LANGUAGE made, with the functions it calls, what its
 * functions see when it is renamed, and DROP LANGUAGE, as the server does
 * them.
 *  - ALTER LANGUAGE old RENAME TO nw: a function keeps its language by
 *    oid, so pg_get_functiondef then says LANGUAGE nw; each function
 *    written in old is read again with nw.
 *  - DROP LANGUAGE [IF EXISTS] l [CASCADE]: a language the files created
 *    goes with its grants and owner, and its functions with CASCADE (an
 *    error naming them without). sql, c and internal are the server's,
 *    plpgsql (or a language named as an extension the files create) its
 *    extension's: dropping one is the server's error. Another that the
 *    files did not create does not exist, as on an empty database.
 *  - A language depends on its handler, inline handler and validator, and
 *    its functions on it (offline_depend.c): DROP FUNCTION of its handler
 *    is an error while it stands, and takes it along with CASCADE.
 * The language of a function is found by reading its CREATE statement
 * again: these statements are rare, and a function keeps no other note of
 * its language.
 */
#include <string.h>

#include "dialect/pg/offline_int.h"

plang *language_find(ox *x, const char *name)
{
	return x->langs && name ? plumb_map_get(x->langs, name, NULL, NULL) : NULL;
}

bool language_known(ox *x, const char *name)
{
	return language_find(x, name) != NULL;
}

/* The function a language calls (names), with the argument types sig
 * says, as (schema, signature). */
static void language_calls(ox *x, plang *l, int i, PgQuery__Node **names, size_t n,
			   const char *args)
{
	const char *schema, *name;
	if (!n)
		return;
	split_names(names, n, &schema, &name);
	l->fschema[i] = dup(x, sch(schema));
	l->fsig[i] = name ? fmt(x, "%s(%s)", name, args) : NULL;
}

void language_created(ox *x, const PgQuery__CreatePLangStmt *ls)
{
	if (!x->langs && !(x->langs = plumb_map_new(x->st.arena, false))) {
		fail(x, PLUMB_ENOMEM);
		return;
	}
	if (x->st.rc || !ls->plname)
		return;
	/* OR REPLACE: the same language, with what this statement says */
	plang *l = language_find(x, ls->plname);
	if (l && !ls->replace) {
		error_at(x, x->loc, "language \"%s\" already exists", ls->plname);
		return;
	}
	if (!l && (l = alloc(x, sizeof(*l))) != NULL) {
		l->name = dup(x, ls->plname);
		push(x, &x->plangs, l);
		if (plumb_map_put(x->langs, l->name, NULL, NULL, l) < 0)
			fail(x, PLUMB_ENOMEM);
	}
	if (!l || x->st.rc)
		return;
	*l = (plang){.name = l->name, .part = ls->pltrusted ? "trusted" : NULL};
	language_calls(x, l, 0, ls->plhandler, ls->n_plhandler, "");
	language_calls(x, l, 1, ls->plinline, ls->n_plinline, "internal");
	language_calls(x, l, 2, ls->plvalidator, ls->n_plvalidator, "oid");
}

/* ALTER LANGUAGE old RENAME TO nw, of a language the files created: its
 * grants and owner go with it, and the unmanaged list names it anew. */
void language_renamed(ox *x, const char *old, const char *nw)
{
	plang *l = language_find(x, old);
	if (!l || x->st.rc)
		return;
	if (language_find(x, nw)) {
		error_at(x, x->loc, "language \"%s\" already exists", nw);
		return;
	}
	plumb_map_del(x->langs, old, NULL, NULL, NULL);
	l->name = dup(x, nw);
	if (!l->name || plumb_map_put(x->langs, l->name, NULL, NULL, l) < 0) {
		fail(x, PLUMB_ENOMEM);
		return;
	}
	grants_moved(x, PLUMB_OBJ_GRANT, NULL, old, NULL, nw);
	owner_renamed(x, "language", NULL, old, NULL, nw);
	functions_relanguaged(x, old, nw);
	const char *was = fmt(x, "language %s", qi(x, old)),
		   *now = fmt(x, "language %s", qi(x, nw));
	for (size_t i = 0; was && now && i < x->cat->unmanaged.n; i++)
		if (strcmp(x->cat->unmanaged.items[i], was) == 0)
			x->cat->unmanaged.items[i] = (void *)now;
}

void language_dropped(ox *x, const char *name)
{
	plang *l = language_find(x, name);
	language_grants_gone(x, name);
	plumb_map_del(x->langs, name, NULL, NULL, NULL);
	if (l)
		remove_item(&x->plangs, l);
	const char *was = fmt(x, "language %s", qi(x, name));
	for (size_t i = 0; was && i < x->cat->unmanaged.n; i++)
		if (strcmp(x->cat->unmanaged.items[i], was) == 0) {
			plumb_vec_remove(&x->cat->unmanaged, i);
			break;
		}
}

/* The CREATE statement of o, a function or procedure the files wrote,
 * parsed again; NULL for other objects. */
static PgQuery__Node *create_of(ox *x, const plumb_object *o)
{
	PgQuery__ParseResult *pr = NULL;
	if (o->kind != PLUMB_OBJ_FUNCTION || o->func_kind == PLUMB_FUNC_AGGREGATE || !o->sql)
		return NULL;
	fail(x, plumb__pg_parse(x->st.ctx, x->tmp, o->sql, NULL, &pr, NULL));
	if (x->st.rc || !pr || pr->n_stmts != 1 ||
	    pr->stmts[0]->stmt->node_case != PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT)
		return NULL;
	return pr->stmts[0]->stmt;
}

/* The LANGUAGE name of a CREATE FUNCTION (its String node), or NULL. */
static PgQuery__Node *language_node(const PgQuery__CreateFunctionStmt *fs)
{
	for (size_t i = 0; i < fs->n_options; i++) {
		const PgQuery__Node *n = fs->options[i];
		if (n->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
		    strcmp(n->def_elem->defname, "language") == 0 && n->def_elem->arg &&
		    n->def_elem->arg->node_case == PG_QUERY__NODE__NODE_STRING)
			return n->def_elem->arg;
	}
	return NULL;
}

const char *function_language(ox *x, const plumb_object *o)
{
	PgQuery__Node *st = create_of(x, o);
	PgQuery__Node *l = st ? language_node(st->create_function_stmt) : NULL;
	return l ? l->string->sval : NULL;
}

/* The functions written in lang, in the catalog's order, into fns, their
 * CREATE statements parsed again into stmts. */
static void written_in(ox *x, const char *lang, plumb_vec *fns, plumb_vec *stmts)
{
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *o = x->cat->objects.items[i];
		PgQuery__Node *st = create_of(x, o);
		PgQuery__Node *l = st ? language_node(st->create_function_stmt) : NULL;
		if (l && strcmp(l->string->sval, lang) == 0) {
			push(x, fns, o);
			push(x, stmts, st);
		}
	}
}

void functions_relanguaged(ox *x, const char *old, const char *nw)
{
	plumb_vec fns = {0}, stmts = {0};
	written_in(x, old, &fns, &stmts);
	for (size_t i = 0; i < fns.n && !x->st.rc; i++) {
		PgQuery__Node *st = stmts.items[i];
		PgQuery__CreateFunctionStmt *fs = st->create_function_stmt;
		language_node(fs)->string->sval = (char *)dup(x, nw);
		fs->replace = true;
		create_function(x, fs, st);
	}
}

static bool system_language(const char *name)
{
	return strcmp(name, "internal") == 0 || strcmp(name, "c") == 0 ||
	       strcmp(name, "sql") == 0;
}

void languages_dropped(ox *x, PgQuery__DropStmt *ds)
{
	bool cascade = ds->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
	for (size_t i = 0; i < ds->n_objects && !x->st.rc; i++) {
		const char *name = plumb__pg_strval(ds->objects[i]);
		if (!name)
			continue;
		if (!language_known(x, name)) {
			if (system_language(name))
				error_at(x, x->loc,
					 "cannot drop language %s because it is required by the "
					 "database system",
					 name);
			else if (strcmp(name, "plpgsql") == 0 || find_extension(x, name))
				error_at(x, x->loc,
					 "cannot drop language %s because extension %s requires it",
					 name, name);
			else if (!ds->missing_ok)
				error_at(x, x->loc, "language \"%s\" does not exist", name);
			continue;
		}
		/* its functions go with CASCADE, as on the server */
		dobj t = {D_LANG, language_find(x, name), NULL};
		if (!drop_with_dependents(x, &t, 1, cascade))
			return;
	}
}
