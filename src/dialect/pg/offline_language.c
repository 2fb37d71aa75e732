/*
 * Procedural languages offline, beyond their grants (offline_acl.c): what a
 * language's functions see when it is renamed, and DROP LANGUAGE, as the
 * server does them.
 *  - ALTER LANGUAGE old RENAME TO nw: a function keeps its language by
 *    oid, so pg_get_functiondef then says LANGUAGE nw; each function
 *    written in old is read again with nw.
 *  - DROP LANGUAGE [IF EXISTS] l [CASCADE]: a language the files created
 *    goes with its grants and owner, and its functions with CASCADE (an
 *    error naming them without). sql, c and internal are the server's,
 *    plpgsql (or a language named as an extension the files create) its
 *    extension's: dropping one is the server's error. Another that the
 *    files did not create does not exist, as on an empty database.
 * The functions of a language are found by reading each function's CREATE
 * statement again: these statements are rare, and a function keeps no
 * other note of its language.
 */
#include <string.h>

#include "dialect/pg/offline_int.h"

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

/* "function f(integer)" as the server names a function in a message. */
static const char *function_named(ox *x, const plumb_object *o)
{
	const char *kind = o->func_kind == PLUMB_FUNC_PROCEDURE ? "procedure" : "function";
	if (!o->schema || strcmp(o->schema, "public") == 0)
		return fmt(x, "%s %s", kind, o->name);
	return fmt(x, "%s %s.%s", kind, o->schema, o->name);
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
		plumb_vec fns = {0}, stmts = {0};
		written_in(x, name, &fns, &stmts);
		if (fns.n && !cascade) {
			/* named before the error, after which fmt gives nothing */
			plumb_vec named = {0};
			for (size_t j = 0; j < fns.n; j++)
				push(x, &named, (void *)function_named(x, fns.items[j]));
			error_at(x, x->loc,
				 "cannot drop language %s because other objects depend on it", name);
			for (size_t j = 0; j < named.n; j++)
				plumb_error_add_detail(x->st.ctx, "%s depends on language %s",
						       (const char *)named.items[j], name);
			plumb_error_set_hint(x->st.ctx,
					     "Use DROP ... CASCADE to drop the dependent objects too.");
			return;
		}
		dobj *t = fns.n ? alloc(x, fns.n * sizeof(*t)) : NULL;
		for (size_t j = 0; t && j < fns.n; j++)
			t[j] = (dobj){D_OBJECT, fns.items[j], NULL};
		if (t)
			drop_with_dependents(x, t, fns.n, true);
		if (!x->st.rc)
			language_dropped(x, name);
	}
}
