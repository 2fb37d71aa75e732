/*
 * The offline builder's operators and casts: CREATE OPERATOR and ALTER
 * OPERATOR ... SET read into the fields pg_operator holds, CREATE CAST into
 * pg_cast's, each written as operator.c's canonical text, and the targets of
 * DROP OPERATOR and DROP CAST found for offline_drop.c, and ALTER OPERATOR
 * ... SET SCHEMA with the texts naming the operator requalified. It follows
 * no other dependency itself (offline_depend.c does) and does not model the
 * shell operator a COMMUTATOR or NEGATOR naming a missing one leaves.
 */
#include <string.h>

#include "dialect/pg/offline_rename.h"
#include "dialect/pg/operator.h"

/* An operator named by a definition (COMMUTATOR = ~, = OPERATOR(s.~)). */
static const char *def_oper(ox *x, PgQuery__Node *a)
{
	const char *schema = "public", *name = NULL;
	if (a && a->node_case == PG_QUERY__NODE__NODE_LIST)
		split_names(a->list->items, a->list->n_items, &schema, &name);
	else
		name = a ? plumb__pg_strval(a) : NULL;
	char *s = name ? plumb__pg_oper_ref(x->st.arena, schema, name) : NULL;
	if (name && !s)
		nomem(x);
	return s;
}

/* A type named by a definition or an argument list; NULL for NONE. */
static const char *arg_type(ox *x, PgQuery__Node *a)
{
	const char *s = plumb__pg_strval(a);
	return s && strcasecmp(s, "none") == 0 ? NULL : def_type(x, a);
}

/* One option of CREATE OPERATOR or ALTER OPERATOR ... SET into op. False
 * for one it does not know (the caller's error). */
static bool operator_option(ox *x, PgQuery__DefElem *d, plumb_pg_operator *op)
{
	const char *n = d->defname;
	if (strcasecmp(n, "function") == 0 || strcasecmp(n, "procedure") == 0)
		op->proc = def_proc(x, d->arg);
	else if (strcasecmp(n, "leftarg") == 0)
		op->left = arg_type(x, d->arg);
	else if (strcasecmp(n, "rightarg") == 0)
		op->right = arg_type(x, d->arg);
	else if (strcasecmp(n, "commutator") == 0)
		op->commutator = def_oper(x, d->arg);
	else if (strcasecmp(n, "negator") == 0)
		op->negator = def_oper(x, d->arg);
	else if (strcasecmp(n, "restrict") == 0)
		op->restrict_ = def_proc(x, d->arg);
	else if (strcasecmp(n, "join") == 0)
		op->join = def_proc(x, d->arg);
	else if (strcasecmp(n, "hashes") == 0)
		op->hashes = def_bool(x, d->arg);
	else if (strcasecmp(n, "merges") == 0)
		op->merges = def_bool(x, d->arg);
	else
		return false;
	return true;
}

/* The fields of a CREATE OPERATOR's definition list; -1 on an error. */
static int operator_fields(ox *x, PgQuery__Node **defs, size_t n, plumb_pg_operator *op, size_t loc)
{
	for (size_t i = 0; i < n && !x->st.rc; i++) {
		if (defs[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		PgQuery__DefElem *d = defs[i]->def_elem;
		if (!operator_option(x, d, op)) {
			error_at(x, loc, "operator attribute \"%s\" not recognized", d->defname);
			return -1;
		}
	}
	return x->st.rc ? -1 : 0;
}

/* The operator's text and name from its fields. */
static void operator_texts(ox *x, plumb_object *o, const char *base, const plumb_pg_operator *op)
{
	o->sql = o->definition = plumb__pg_operator_define(x->st.arena, o->schema, base, op);
	if (!o->sql)
		nomem(x);
}

/* Equal texts, or both NULL. */
static bool same(const char *a, const char *b)
{
	return a && b ? strcmp(a, b) == 0 : a == b;
}

/* The schema and name of an operator as plumb__pg_oper_ref writes it: "~"
 * in public, OPERATOR("s".~) elsewhere. False when it cannot be read. */
static bool oper_target(ox *x, const char *ref, const char **schema, const char **name)
{
	*schema = "public";
	*name = ref;
	if (strncmp(ref, "OPERATOR(", 9) != 0)
		return true;
	PgQuery__ParseResult *t = NULL;
	const char *sql = fmt(x, "SELECT NULL %s NULL", ref);
	if (!sql || plumb__pg_parse(x->st.ctx, x->tmp, sql, NULL, &t, NULL) < 0 || t->n_stmts != 1)
		return false;
	PgQuery__SelectStmt *ss = t->stmts[0]->stmt->select_stmt;
	PgQuery__Node *e = ss && ss->n_target_list ? ss->target_list[0]->res_target->val : NULL;
	if (!e || e->node_case != PG_QUERY__NODE__NODE_A_EXPR)
		return false;
	split_names(e->a_expr->name, e->a_expr->n_name, schema, name);
	return true;
}

/* The fields of operator o of the catalog, read back from its text, and its
 * bare name. False when they cannot be read. */
static bool operator_of(ox *x, const plumb_object *o, plumb_pg_operator *op, const char **base)
{
	PgQuery__ParseResult *t = NULL;
	*op = (plumb_pg_operator){0};
	if (!o->sql || plumb__pg_parse(x->st.ctx, x->tmp, o->sql, NULL, &t, NULL) < 0 ||
	    t->n_stmts != 1 || !t->stmts[0]->stmt->define_stmt)
		return false;
	PgQuery__DefineStmt *ds = t->stmts[0]->stmt->define_stmt;
	const char *schema;
	split_names(ds->defnames, ds->n_defnames, &schema, base);
	return operator_fields(x, ds->definition, ds->n_definition, op, x->loc) == 0;
}

/* Does ref name the operator schema.base? */
static bool names_oper(ox *x, const char *ref, const char *schema, const char *base)
{
	const char *s, *n;
	return ref && oper_target(x, ref, &s, &n) && strcmp(s, schema) == 0 && strcmp(n, base) == 0;
}

/*
 * The links between operators the server keeps: an operator this one names
 * as its commutator (argument types swapped) or negator (the same types)
 * that has none gets this one; this one, giving none, gets one that names
 * it, as a shell operator keeps the link it was made with when it is
 * defined.
 */
static void link_others(ox *x, const char *schema, const char *base, plumb_pg_operator *op)
{
	const char *self = plumb__pg_oper_ref(x->st.arena, schema, base);
	if (!self) {
		nomem(x);
		return;
	}
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *c = x->cat->objects.items[i];
		plumb_pg_operator co;
		const char *cbase;
		if (c->kind != PLUMB_OBJ_OPERATOR || !operator_of(x, c, &co, &cbase))
			continue;
		if (strcmp(c->schema, schema) == 0 && strcmp(cbase, base) == 0)
			continue; /* itself */
		bool swapped = same(co.left, op->right) && same(co.right, op->left);
		bool alike = same(co.left, op->left) && same(co.right, op->right);
		bool changed = false;
		if (swapped && names_oper(x, op->commutator, c->schema, cbase) && !co.commutator)
			changed = (co.commutator = self) != NULL;
		if (alike && names_oper(x, op->negator, c->schema, cbase) && !co.negator)
			changed = (co.negator = self) != NULL;
		if (swapped && !op->commutator && names_oper(x, co.commutator, schema, base))
			op->commutator = plumb__pg_oper_ref(x->st.arena, c->schema, cbase);
		if (alike && !op->negator && names_oper(x, co.negator, schema, base))
			op->negator = plumb__pg_oper_ref(x->st.arena, c->schema, cbase);
		if (changed)
			operator_texts(x, c, cbase, &co);
	}
}

/* The links of other operators to the operator schema.base with types
 * left, right, which goes: reset, as the server resets them. */
static void unlink_others(ox *x, const char *schema, const char *base, const char *left,
			  const char *right)
{
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *c = x->cat->objects.items[i];
		plumb_pg_operator co;
		const char *cbase;
		if (c->kind != PLUMB_OBJ_OPERATOR || !operator_of(x, c, &co, &cbase))
			continue;
		bool changed = false;
		if (same(co.left, right) && same(co.right, left) &&
		    names_oper(x, co.commutator, schema, base)) {
			co.commutator = NULL;
			changed = true;
		}
		if (same(co.left, left) && same(co.right, right) &&
		    names_oper(x, co.negator, schema, base)) {
			co.negator = NULL;
			changed = true;
		}
		if (changed)
			operator_texts(x, c, cbase, &co);
	}
}

void create_operator(ox *x, PgQuery__DefineStmt *ds, size_t loc)
{
	const char *schema, *base;
	split_names(ds->defnames, ds->n_defnames, &schema, &base);
	plumb_pg_operator op = {0};
	if (operator_fields(x, ds->definition, ds->n_definition, &op, loc) < 0)
		return;
	if (!op.proc) {
		error_at(x, loc, "operator function must be specified");
		return;
	}
	if (!op.right) {
		error_at(x, loc, "operator argument types must be specified");
		return;
	}
	const char *name = plumb__pg_operator_name(x->st.arena, base, op.left, op.right);
	if (!name) {
		nomem(x);
		return;
	}
	if (find_object(x, PLUMB_OBJ_OPERATOR, schema, name)) {
		error_at(x, loc, "operator %s already exists", name);
		return;
	}
	plumb_object *o = new_object(x, PLUMB_OBJ_OPERATOR, schema, name);
	if (!o)
		return;
	link_others(x, schema, base, &op);
	operator_texts(x, o, base, &op);
}

/* The operator an ObjectWithArgs names (op (left, right)); NULL when not
 * there, *shown its name for a message. */
static plumb_object *find_operator(ox *x, PgQuery__ObjectWithArgs *ow, const char **shownp,
				   const char **basep)
{
	const char *schema, *base;
	split_names(ow->objname, ow->n_objname, &schema, &base);
	const char *l = ow->n_objargs > 0 ? arg_type(x, ow->objargs[0]) : NULL;
	const char *r = ow->n_objargs > 1 ? arg_type(x, ow->objargs[1]) : NULL;
	const char *name = plumb__pg_operator_name(x->st.arena, base, l, r);
	if (!name) {
		nomem(x);
		return NULL;
	}
	*shownp = fmt(x, "%s.%s", schema, name);
	if (basep)
		*basep = base;
	return find_object(x, PLUMB_OBJ_OPERATOR, schema, name);
}

void alter_operator(ox *x, PgQuery__AlterOperatorStmt *as, size_t loc)
{
	const char *shownp = NULL, *base = NULL;
	plumb_object *o = as->opername ? find_operator(x, as->opername, &shownp, &base) : NULL;
	if (!o) {
		if (!x->st.rc)
			error_at(x, loc, "operator does not exist: %s", shownp ? shownp : "");
		return;
	}
	plumb_pg_operator op;
	if (!operator_of(x, o, &op, &base)) {
		fail(x, PLUMB_EPARSE);
		return;
	}
	for (size_t i = 0; i < as->n_options && !x->st.rc; i++) {
		if (as->options[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		PgQuery__DefElem *d = as->options[i]->def_elem;
		const char *n = d->defname;
		if (strcasecmp(n, "restrict") == 0 || strcasecmp(n, "join") == 0 ||
		    strcasecmp(n, "commutator") == 0 || strcasecmp(n, "negator") == 0) {
			/* = NONE resets */
			if (!d->arg) {
				*(strcasecmp(n, "restrict") == 0     ? &op.restrict_
				  : strcasecmp(n, "join") == 0	     ? &op.join
				  : strcasecmp(n, "commutator") == 0 ? &op.commutator
								     : &op.negator) = NULL;
				continue;
			}
		} else if (strcasecmp(n, "hashes") != 0 && strcasecmp(n, "merges") != 0) {
			error_at(x, loc, "operator attribute \"%s\" cannot be changed", n);
			return;
		}
		operator_option(x, d, &op);
	}
	link_others(x, o->schema, base, &op);
	operator_texts(x, o, base, &op);
}

bool drop_operator_target(ox *x, PgQuery__DropStmt *ds, PgQuery__Node *obj, dobj *out)
{
	const char *shownp = NULL;
	if (obj->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS)
		return false;
	const char *base = NULL;
	plumb_object *o = find_operator(x, obj->object_with_args, &shownp, &base);
	plumb_pg_operator op;
	if (o && operator_of(x, o, &op, &base)) {
		unlink_others(x, o->schema, base, op.left, op.right);
		*out = (dobj){D_OBJECT, o, NULL};
		return true;
	}
	if (!ds->missing_ok && !x->st.rc)
		error_at(x, x->loc, "operator does not exist: %s", shownp ? shownp : "");
	return false;
}

/* --- SET SCHEMA ------------------------------------------------------------------------------ */

/* Whether PostgreSQL gives an operator of this name itself (pg_catalog's
 * names): a text naming it bare may mean the server's, which offline
 * replay cannot tell apart. */
static bool server_name(const char *name)
{
	static const char *const names[] = {
		"!!",  "!~",   "!~*", "!~~", "!~~*", "#",   "##",  "#-",  "#>",	 "#>>", "%",
		"&",   "&&",   "&<",  "&<|", "&>",   "*",   "*<",  "*<=", "*<>", "*=",	"*>",
		"*>=", "+",    "-",   "->",  "->>",  "-|-", "/",   "<",	  "<->", "<<",	"<<=",
		"<<|", "<=",   "<>",  "<@",  "<^",   "=",   ">",   ">=",  ">>",	 ">>=", ">^",
		"?",   "?#",   "?&",  "?-",  "?-|",  "?|",  "?||", "@",	  "@-@", "@>",	"@?",
		"@@",  "@@@",  "^",   "^@",  "|",    "|&>", "|/",  "|>>", "||",	 "||/", "~",
		"~*",  "~<=~", "~<~", "~=",  "~>=~", "~>~", "~~",  "~~*",
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(names[i], name) == 0)
			return true;
	return false;
}

/* Comments on operator schema.name follow it to nschema. */
static void comments_moved(ox *x, const char *schema, const char *name, const char *nschema)
{
	const char *was = fmt(x, "OPERATOR %s.", qi(x, schema));
	for (size_t i = 0; was && i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *c = x->cat->objects.items[i];
		if (c->kind != PLUMB_OBJ_COMMENT || c->target_kind != PLUMB_OBJ_OPERATOR ||
		    !str_is(c->schema, schema) || !str_is(c->target, name) ||
		    strncmp(c->name, was, strlen(was)) != 0)
			continue;
		c->schema = dup(x, nschema);
		c->name = fmt(x, "OPERATOR %s.%s", qi(x, nschema), c->name + strlen(was));
		recomment(x, c);
	}
}

void operator_set_schema(ox *x, PgQuery__AlterObjectSchemaStmt *as)
{
	const char *ns = as->newschema, *shownp = NULL, *base = NULL;
	PgQuery__Node *obj = as->object;
	plumb_object *o = obj && obj->node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS
				  ? find_operator(x, obj->object_with_args, &shownp, &base)
				  : NULL;
	if (!o) {
		if (!x->st.rc && !as->missing_ok)
			error_at(x, x->loc, "operator does not exist: %s", shownp ? shownp : "");
		return;
	}
	plumb_pg_operator op;
	if (!operator_of(x, o, &op, &base)) {
		fail(x, PLUMB_EPARSE);
		return;
	}
	const char *schema = o->schema;
	if (strcmp(schema, ns) == 0)
		return;
	if (find_object(x, PLUMB_OBJ_OPERATOR, ns, o->name)) {
		error_at(x, x->loc, "operator %s already exists in schema \"%s\"", o->name, ns);
		return;
	}
	/* expressions name it by its name alone: one operator of that name,
	 * and none of the server's */
	size_t n = strlen(base);
	for (size_t i = 0; i < x->cat->objects.n; i++) {
		const plumb_object *c = x->cat->objects.items[i];
		if (c != o && c->kind == PLUMB_OBJ_OPERATOR && str_is(c->schema, schema) &&
		    strncmp(c->name, base, n) == 0 && c->name[n] == '(') {
			cannot(x, fmt(x,
				      "operator %s has overloads, which expressions do not tell "
				      "apart",
				      base));
			return;
		}
	}
	if (server_name(base)) {
		cannot(x, fmt(x,
			      "operator %s is also one of PostgreSQL's, which expressions do not "
			      "tell apart",
			      base));
		return;
	}
	ren r = {.x = x, .kind = R_OPER, .schema = schema, .old = base, .nschema = ns, .nw = base};
	redo_all(&r);
	redo_bodies(&r, NULL);
	/* the operators naming it as their commutator or negator, itself too */
	const char *nref = plumb__pg_oper_ref(x->st.arena, ns, base);
	if (!nref) {
		nomem(x);
		return;
	}
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *c = x->cat->objects.items[i];
		plumb_pg_operator co;
		const char *cbase;
		if (c == o || c->kind != PLUMB_OBJ_OPERATOR || !operator_of(x, c, &co, &cbase))
			continue;
		bool changed = false;
		if (names_oper(x, co.commutator, schema, base))
			changed = (co.commutator = nref) != NULL;
		if (names_oper(x, co.negator, schema, base))
			changed = (co.negator = nref) != NULL;
		if (changed)
			operator_texts(x, c, cbase, &co);
	}
	if (names_oper(x, op.commutator, schema, base))
		op.commutator = nref;
	if (names_oper(x, op.negator, schema, base))
		op.negator = nref;
	opc_oper_moved(x, schema, base, op.left, op.right, ns);
	comments_moved(x, schema, o->name, ns);
	o->schema = dup(x, ns);
	operator_texts(x, o, base, &op);
	plumb_catalog_changed(x->cat);
}

/* --- casts ----------------------------------------------------------------------------------- */

/* The signature of a cast's function, as plumb__pg_proc_ref names it with
 * its argument types: "f(integer)". */
static const char *cast_func(ox *x, PgQuery__ObjectWithArgs *ow, const char *source)
{
	const char *schema, *name;
	split_names(ow->objname, ow->n_objname, &schema, &name);
	const char *ref = plumb__pg_proc_ref(x->st.arena, schema, name);
	if (!ref) {
		nomem(x);
		return NULL;
	}
	if (ow->args_unspecified)
		return fmt(x, "%s(%s)", ref, source);
	const char *args = "";
	for (size_t i = 0; i < ow->n_objargs && !x->st.rc; i++)
		args = fmt(x, "%s%s%s", args, i ? ", " : "", arg_type(x, ow->objargs[i]));
	return fmt(x, "%s(%s)", ref, args);
}

void create_cast(ox *x, PgQuery__CreateCastStmt *cs, size_t loc)
{
	plumb_pg_cast c = {
		.source = func_arg_type(x, cs->sourcetype),
		.target = func_arg_type(x, cs->targettype),
		.method = cs->func    ? 'f'
			  : cs->inout ? 'i'
				      : 'b',
		.context = cs->context == PG_QUERY__COERCION_CONTEXT__COERCION_IMPLICIT	    ? 'i'
			   : cs->context == PG_QUERY__COERCION_CONTEXT__COERCION_ASSIGNMENT ? 'a'
											    : 'e',
	};
	if (cs->func)
		c.func = cast_func(x, cs->func, c.source);
	if (x->st.rc || !c.source || !c.target)
		return;
	const char *name = plumb__pg_cast_name(x->st.arena, &c);
	if (!name) {
		nomem(x);
		return;
	}
	if (find_object(x, PLUMB_OBJ_CAST, NULL, name)) {
		error_at(x, loc, "cast from type %s to type %s already exists", c.source, c.target);
		return;
	}
	plumb_object *o = new_object(x, PLUMB_OBJ_CAST, NULL, name);
	if (!o)
		return;
	o->sql = o->definition = plumb__pg_cast_define(x->st.arena, &c);
	if (!o->sql)
		nomem(x);
}

bool drop_cast_target(ox *x, PgQuery__DropStmt *ds, PgQuery__Node *obj, dobj *out)
{
	if (obj->node_case != PG_QUERY__NODE__NODE_LIST || obj->list->n_items != 2 ||
	    obj->list->items[0]->node_case != PG_QUERY__NODE__NODE_TYPE_NAME ||
	    obj->list->items[1]->node_case != PG_QUERY__NODE__NODE_TYPE_NAME)
		return false;
	plumb_pg_cast c = {.source = func_arg_type(x, obj->list->items[0]->type_name),
			   .target = func_arg_type(x, obj->list->items[1]->type_name)};
	const char *name = c.source && c.target ? plumb__pg_cast_name(x->st.arena, &c) : NULL;
	plumb_object *o = name ? find_object(x, PLUMB_OBJ_CAST, NULL, name) : NULL;
	if (o) {
		*out = (dobj){D_OBJECT, o, NULL};
		return true;
	}
	if (!ds->missing_ok && !x->st.rc)
		error_at(x, x->loc, "cast from type %s to type %s does not exist",
			 c.source ? c.source : "", c.target ? c.target : "");
	return false;
}
