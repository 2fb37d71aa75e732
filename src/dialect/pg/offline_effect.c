/*
 * The offline builder's statements that create nothing of their own but may
 * still change the schema when a server runs them: a SELECT or CALL that
 * runs a function of the schema's own (what it does is known only once it
 * runs), and a search_path set to a schema other than public (the builder
 * reads unqualified names in public). Each is an error at the statement,
 * naming --dev-url, never a catalog silently unlike the server's. What
 * changes no schema (pg_dump's set_config of an empty search_path, setval,
 * data statements) passes. It does not read DO blocks (offline.c refuses
 * them) nor DML, which the builder skips. Also the statements creating
 * objects of kinds plumb does not manage (publications, casts, ...): each
 * named in the catalog's unmanaged list, for pull and diff to say they
 * leave it out.
 */
#include <string.h>

#include "dialect/pg/offline_int.h"

/* The hint every refusal here ends with (and offline_table.c's of LIKE). */
void dev_url_hint(ox *x)
{
	plumb_error_set_hint(x->st.ctx, x->replay
						? "give --dev-url to replay the migrations on a "
						  "server (--dev-url local starts a throwaway one)"
						: "give --dev-url to build the schema on a server "
						  "(--dev-url local starts a throwaway one)");
}

/* Does the schema being built define a function or procedure schema.name
 * (any arguments)? Functions are keyed by signature, "name(args)". Such
 * statements are rare: one pass over the objects each. */
static bool own_function(ox *x, const char *schema, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < x->cat->objects.n; i++) {
		const plumb_object *o = x->cat->objects.items[i];
		if (o->kind == PLUMB_OBJ_FUNCTION && strncmp(o->name, name, n) == 0 &&
		    o->name[n] == '(' && (!schema || strcmp(o->schema, schema) == 0))
			return true;
	}
	return false;
}

/* One entry of a search_path, unquoted, into one (NAMEDATALEN+2 bytes);
 * false when it is longer than a name. */
static bool path_entry(const char *p, const char *e, char *one)
{
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	while (e > p && (e[-1] == ' ' || e[-1] == '\t'))
		e--;
	if (e - p >= 2 && *p == '"' && e[-1] == '"') {
		p++;
		e--;
	}
	if ((size_t)(e - p) > NAMEDATALEN)
		return false;
	memcpy(one, p, (size_t)(e - p));
	one[e - p] = '\0';
	return true;
}

/* Does *first stay decided as a search_path's entry s is read? The
 * builder creates what is unqualified in public: the path's first schema
 * ("$user" aside: no such schema here) must be public, or the path empty as
 * pg_dump sets it. Later entries only help lookups, which the builder makes
 * in public and reports when they fail. */
static void path_step(const char *one, int *first)
{
	if (*first || !*one || strcmp(one, "$user") == 0)
		return;
	*first = strcmp(one, "public") == 0 ? 1 : -1;
}

/* A search_path written as one string ('public, ext'): read as above. */
static bool plain_path(const char *s)
{
	char one[NAMEDATALEN + 2];
	int first = 0;
	while (*s) {
		size_t n = strcspn(s, ",");
		if (!path_entry(s, s + n, one))
			return false;
		path_step(one, &first);
		s += n + (s[n] == ',');
	}
	return first >= 0;
}

static void path_refused(ox *x, size_t loc, const char *how)
{
	error_at(x, loc, "%s names a schema other than public, which offline reading cannot follow",
		 how);
	plumb_error_set_hint(x->st.ctx, "qualify the names instead, or give --dev-url to read the "
					"statements on a server");
}

typedef struct calls {
	ox *x;
	size_t loc;
	bool refused;
} calls;

static const char *const_text(const PgQuery__Node *n)
{
	if (n && n->node_case == PG_QUERY__NODE__NODE_A_CONST &&
	    n->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)
		return n->a_const->sval->sval;
	return NULL;
}

static void visit_call(ProtobufCMessage *m, void *p)
{
	calls *c = p;
	if (c->refused || m->descriptor != &pg_query__func_call__descriptor)
		return;
	PgQuery__FuncCall *fc = (PgQuery__FuncCall *)m;
	const char *schema = NULL, *name;
	if (!fc->n_funcname)
		return;
	name = plumb__pg_strval(fc->funcname[fc->n_funcname - 1]);
	if (fc->n_funcname >= 2)
		schema = plumb__pg_strval(fc->funcname[fc->n_funcname - 2]);
	if (!name)
		return;
	if (schema && strcmp(schema, "pg_catalog") == 0) {
		/* pg_dump's SELECT pg_catalog.set_config('search_path', '', false) */
		const char *what = fc->n_args >= 2 ? const_text(fc->args[0]) : NULL;
		const char *val = what ? const_text(fc->args[1]) : NULL;
		if (strcmp(name, "set_config") == 0 && what && strcmp(what, "search_path") == 0 &&
		    (!val || !plain_path(val))) {
			path_refused(c->x, c->loc, "set_config('search_path', ...)");
			c->refused = true;
		}
		return;
	}
	if (strcmp(name, "set_config") == 0 && !schema) {
		const char *what = fc->n_args >= 2 ? const_text(fc->args[0]) : NULL;
		const char *val = what ? const_text(fc->args[1]) : NULL;
		if (what && strcmp(what, "search_path") == 0 && (!val || !plain_path(val))) {
			path_refused(c->x, c->loc, "set_config('search_path', ...)");
			c->refused = true;
		}
		return;
	}
	if ((schema && strcmp(schema, "public") != 0) || own_function(c->x, schema, name)) {
		error_at(c->x, c->loc,
			 "a statement that calls %s%s%s() cannot be read without a "
			 "server: what the function does is known only once it runs",
			 schema ? schema : "", schema ? "." : "", name);
		dev_url_hint(c->x);
		c->refused = true;
	}
}

/* --- objects of kinds plumb does not manage --------------------------------------------- */

static void unmanaged(ox *x, const char *what)
{
	if (what)
		push(x, &x->cat->unmanaged, (void *)what);
}

/* "kind schema.name" of a qualified name list, public when unqualified. */
static const char *qualified(ox *x, const char *kind, PgQuery__Node **names, size_t n)
{
	const char *schema, *name;
	split_names(names, n, &schema, &name);
	return fmt(x, "%s %s.%s", kind, qi(x, schema), qi(x, name));
}

/* A statement creating an object of a kind plumb does not manage: named in
 * the catalog's unmanaged list (pull and diff say they leave it out). */
static bool unmanaged_kind(ox *x, PgQuery__Node *s)
{
	switch (s->node_case) {
	case PG_QUERY__NODE__NODE_CREATE_SUBSCRIPTION_STMT:
		unmanaged(x, fmt(x, "subscription %s", qi(x, s->create_subscription_stmt->subname)));
		return true;
	case PG_QUERY__NODE__NODE_CREATE_USER_MAPPING_STMT: {
		/* named by role and server, never its options (passwords) */
		PgQuery__CreateUserMappingStmt *um = s->create_user_mapping_stmt;
		PgQuery__RoleSpec *r = um->user;
		const char *role = !r ? "PUBLIC"
				   : r->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING
					   ? qi(x, r->rolename)
				   : r->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC
					   ? "PUBLIC"
					   : "CURRENT_USER";
		unmanaged(x, fmt(x, "user mapping for %s server %s", role, qi(x, um->servername)));
		return true;
	}
	case PG_QUERY__NODE__NODE_CREATE_TRANSFORM_STMT:
		unmanaged(x, fmt(x, "transform for %s language %s",
				 type_text(x, s->create_transform_stmt->type_name),
				 s->create_transform_stmt->lang));
		return true;
	case PG_QUERY__NODE__NODE_CREATE_AM_STMT:
		unmanaged(x, fmt(x, "access method %s", qi(x, s->create_am_stmt->amname)));
		return true;
	case PG_QUERY__NODE__NODE_CREATE_PLANG_STMT:
		/* named once, made again by OR REPLACE */
		if (!language_known(x, s->create_plang_stmt->plname))
			unmanaged(x, fmt(x, "language %s", qi(x, s->create_plang_stmt->plname)));
		language_created(x, s->create_plang_stmt);
		return true;
	case PG_QUERY__NODE__NODE_SEC_LABEL_STMT:
		unmanaged(x, fmt(x, "security label (%s)", s->sec_label_stmt->provider
								 ? s->sec_label_stmt->provider
								 : "default provider"));
		return true;
	case PG_QUERY__NODE__NODE_DEFINE_STMT: {
		PgQuery__DefineStmt *d = s->define_stmt;
		const char *kind = d->kind == PG_QUERY__OBJECT_TYPE__OBJECT_TSPARSER
					   ? "text search parser"
				   : d->kind == PG_QUERY__OBJECT_TYPE__OBJECT_TSTEMPLATE
					   ? "text search template"
					   : NULL;
		if (!kind)
			return false;
		unmanaged(x, qualified(x, kind, d->defnames, d->n_defnames));
		return true;
	}
	default:
		return false;
	}
}

void statement_effects(ox *x, PgQuery__Node *s, size_t loc)
{
	if (unmanaged_kind(x, s))
		return;
	switch (s->node_case) {
	case PG_QUERY__NODE__NODE_SELECT_STMT: {
		calls c = {x, loc, false};
		plumb__pg_walk(&s->select_stmt->base, visit_call, &c);
		break;
	}
	case PG_QUERY__NODE__NODE_CALL_STMT: {
		PgQuery__FuncCall *fc = s->call_stmt->funccall;
		const char *name = fc && fc->n_funcname
					   ? plumb__pg_strval(fc->funcname[fc->n_funcname - 1])
					   : NULL;
		error_at(x, loc,
			 "CALL %s cannot be read without a server: what the procedure does "
			 "is known only once it runs",
			 name ? name : "");
		dev_url_hint(x);
		break;
	}
	case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT: {
		PgQuery__VariableSetStmt *vs = s->variable_set_stmt;
		if (!vs->name || strcmp(vs->name, "search_path") != 0 ||
		    vs->kind != PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE)
			break;
		int first = 0;
		for (size_t i = 0; i < vs->n_args && first >= 0; i++) {
			const char *v = const_text(vs->args[i]);
			char one[NAMEDATALEN + 2];
			if (!v || !path_entry(v, v + strlen(v), one))
				first = -1;
			else
				path_step(one, &first);
		}
		if (first < 0)
			path_refused(x, loc, "SET search_path");
		break;
	}
	default:
		break;
	}
}
