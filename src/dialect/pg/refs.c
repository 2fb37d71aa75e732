/*
 * What a piece of PostgreSQL SQL names, from its libpg_query parse tree, so
 * the planner's dependencies are the server's and not substring matches:
 * a sequence "id" is not used by a default that mentions a column "id".
 * Names are kept as written (unquoted, folded); matching them to catalog
 * objects is the caller's.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/refs.h"

typedef struct rx {
	plumb_arena *arena;
	plumb_pg_refs *out;
	plumb_pg_refs *loose; /* NULL, or where an unbound body's names go */
	bool failed;
} rx;

static void *pb_alloc(void *data, size_t size)
{
	/* protobuf-c initialises what it allocates */
	return plumb_arena_alloc_raw(data, size ? size : 1);
}

static void pb_free(void *data, void *p)
{
	(void)data;
	(void)p;
}

/* The tree of sql, or NULL when it does not parse (*failed: out of memory). */
static PgQuery__ParseResult *parse(plumb_arena *arena, const char *sql, bool *failed)
{
	ProtobufCAllocator al = {pb_alloc, pb_free, arena};
	PgQueryProtobufParseResult r = pg_query_parse_protobuf(sql);
	PgQuery__ParseResult *tree = NULL;
	if (!r.error) {
		/* protobuf-c unpacks recursively: no deeper than this stack holds
		 * (the planner runs on the large one; a text deeper than its limit
		 * was refused when it was read) */
		size_t limit = plumb__pg_on_deep_stack() ? PLUMB_PG_MAX_DEPTH : PLUMB_PG_SHALLOW_DEPTH;
		size_t depth;
		int32_t loc;
		if (plumb__pg_packed_depth(arena, (const uint8_t *)r.parse_tree.data,
					   r.parse_tree.len, limit, &depth, &loc) < 0 ||
		    depth > limit)
			*failed = true;
		else
			tree = pg_query__parse_result__unpack(&al, r.parse_tree.len,
							      (const uint8_t *)r.parse_tree.data);
		if (!tree)
			*failed = true;
	}
	pg_query_free_protobuf_parse_result(r);
	return tree;
}

static void add(rx *x, plumb_vec *v, const char *schema, const char *name)
{
	if (!name)
		return;
	plumb_pg_name *n = plumb_arena_alloc(x->arena, sizeof(*n));
	if (!n || plumb_vec_push(x->arena, v, n)) {
		x->failed = true;
		return;
	}
	n->schema = schema;
	n->name = name;
}

/* A dotted name list (String nodes): the last two parts. */
static void add_list(rx *x, plumb_vec *v, PgQuery__Node **names, size_t n)
{
	if (n == 0)
		return;
	add(x, v, n >= 2 ? plumb__pg_strval(names[n - 2]) : NULL, plumb__pg_strval(names[n - 1]));
}

/* 'audit."Seq"' as regclass input reads it: parts split at dots outside
 * quotes, unquoted parts folded to lower case. */
static void add_regclass(rx *x, const char *text)
{
	char *parts[3] = {0};
	int k = 0;
	for (const char *s = text; *s && k < 3;) {
		char *buf = plumb_arena_alloc(x->arena, strlen(s) + 1);
		size_t n = 0;
		if (!buf) {
			x->failed = true;
			return;
		}
		if (*s == '"') {
			for (s++; *s; s++) {
				if (*s == '"') {
					if (s[1] != '"')
						break;
					s++;
				}
				buf[n++] = *s;
			}
			if (*s)
				s++;
		} else {
			for (; *s && *s != '.'; s++)
				buf[n++] = (char)tolower((unsigned char)*s);
		}
		buf[n] = 0;
		parts[k++] = buf;
		if (*s != '.')
			break;
		s++;
	}
	if (k == 1)
		add(x, &x->out->rels, NULL, parts[0]);
	else if (k >= 2)
		add(x, &x->out->rels, parts[k - 2], parts[k - 1]);
}

static const char *string_const(const PgQuery__Node *n)
{
	if (n && n->node_case == PG_QUERY__NODE__NODE_TYPE_CAST && n->type_cast->arg)
		n = n->type_cast->arg;
	if (n && n->node_case == PG_QUERY__NODE__NODE_A_CONST &&
	    n->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL && n->a_const->sval)
		return n->a_const->sval->sval;
	return NULL;
}

static bool is_regclass(const PgQuery__TypeName *t)
{
	const char *last = t && t->n_names ? plumb__pg_strval(t->names[t->n_names - 1]) : NULL;
	return last && strcmp(last, "regclass") == 0;
}

static void visit(ProtobufCMessage *m, void *payload)
{
	rx *x = payload;
	const ProtobufCMessageDescriptor *d = m->descriptor;
	if (d == &pg_query__func_call__descriptor) {
		const PgQuery__FuncCall *f = (const PgQuery__FuncCall *)m;
		add_list(x, &x->out->funcs, f->funcname, f->n_funcname);
		const char *fn = f->n_funcname ? plumb__pg_strval(f->funcname[f->n_funcname - 1])
					       : NULL;
		const char *seq = f->n_args ? string_const(f->args[0]) : NULL;
		if (fn && seq &&
		    (strcmp(fn, "nextval") == 0 || strcmp(fn, "currval") == 0 ||
		     strcmp(fn, "setval") == 0))
			add_regclass(x, seq);
	} else if (d == &pg_query__type_name__descriptor) {
		const PgQuery__TypeName *t = (const PgQuery__TypeName *)m;
		add_list(x, &x->out->types, t->names, t->n_names);
	} else if (d == &pg_query__type_cast__descriptor) {
		const PgQuery__TypeCast *c = (const PgQuery__TypeCast *)m;
		const char *s = string_const(c->arg);
		if (s && is_regclass(c->type_name))
			add_regclass(x, s);
	} else if (d == &pg_query__a__const__descriptor) {
		const PgQuery__AConst *c = (const PgQuery__AConst *)m;
		if (c->val_case == PG_QUERY__A__CONST__VAL_SVAL && c->sval)
			add(x, &x->out->strs, NULL, c->sval->sval);
	} else if (d == &pg_query__collate_clause__descriptor) {
		const PgQuery__CollateClause *c = (const PgQuery__CollateClause *)m;
		add_list(x, &x->out->colls, c->collname, c->n_collname);
	} else if (d == &pg_query__column_ref__descriptor) {
		const PgQuery__ColumnRef *c = (const PgQuery__ColumnRef *)m;
		const char *last = c->n_fields ? plumb__pg_strval(c->fields[c->n_fields - 1]) : NULL;
		add(x, &x->out->cols, NULL, last);
	} else if (d == &pg_query__index_elem__descriptor) {
		const PgQuery__IndexElem *e = (const PgQuery__IndexElem *)m;
		if (e->name && *e->name)
			add(x, &x->out->cols, NULL, e->name);
	} else if (d == &pg_query__a__expr__descriptor) {
		const PgQuery__AExpr *e = (const PgQuery__AExpr *)m;
		if (e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP ||
		    e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY ||
		    e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL)
			add_list(x, &x->out->ops, e->name, e->n_name);
	} else if (d == &pg_query__stats_elem__descriptor) {
		const PgQuery__StatsElem *e = (const PgQuery__StatsElem *)m;
		if (e->name && *e->name)
			add(x, &x->out->cols, NULL, e->name);
	} else if (d == &pg_query__range_var__descriptor) {
		const PgQuery__RangeVar *r = (const PgQuery__RangeVar *)m;
		add(x, &x->out->rels, r->schemaname && *r->schemaname ? r->schemaname : NULL,
		    r->relname);
	}
}

static const PgQuery__DefElem *option(const PgQuery__CreateFunctionStmt *f, const char *name)
{
	for (size_t i = 0; i < f->n_options; i++) {
		const PgQuery__Node *n = f->options[i];
		if (n->node_case == PG_QUERY__NODE__NODE_DEF_ELEM && n->def_elem->defname &&
		    strcmp(n->def_elem->defname, name) == 0)
			return n->def_elem;
	}
	return NULL;
}

static void append(rx *x, plumb_vec *to, const plumb_vec *from)
{
	for (size_t i = 0; i < from->n && !x->failed; i++)
		if (plumb_vec_push(x->arena, to, from->items[i]))
			x->failed = true;
}

/* A function: its signature's types (and what its parameters' defaults
 * call); a LANGUAGE sql body: the relations it reads and, apart, the
 * functions it calls (the server looks them up when it creates the
 * function). A BEGIN ATOMIC or RETURN body is bound when the function is
 * created: the functions it calls and the types and collations it names
 * count too. */
static void function(rx *x, PgQuery__CreateFunctionStmt *f)
{
	plumb_pg_refs body = {0};
	rx bx = {x->arena, &body, NULL, false};
	for (size_t i = 0; i < f->n_parameters; i++)
		plumb__pg_walk(&f->parameters[i]->base, visit, x);
	if (f->return_type)
		plumb__pg_walk(&f->return_type->base, visit, x);
	if (f->sql_body) {
		plumb__pg_walk(&f->sql_body->base, visit, &bx);
	} else {
		const PgQuery__DefElem *lang = option(f, "language"), *as = option(f, "as");
		const char *l = lang ? plumb__pg_strval(lang->arg) : NULL;
		const PgQuery__Node *a = as ? as->arg : NULL;
		const char *src = NULL;
		if (a && a->node_case == PG_QUERY__NODE__NODE_LIST && a->list->n_items)
			src = plumb__pg_strval(a->list->items[0]);
		if (l && strcmp(l, "sql") == 0 && src) {
			x->out->string_body = true;
			PgQuery__ParseResult *t = parse(x->arena, src, &x->failed);
			for (size_t i = 0; t && i < t->n_stmts; i++)
				if (t->stmts[i]->stmt)
					plumb__pg_walk(&t->stmts[i]->stmt->base, visit, &bx);
		}
	}
	x->failed |= bx.failed;
	append(x, f->sql_body || !x->loose ? &x->out->rels : &x->loose->rels, &body.rels);
	if (f->sql_body) {
		x->out->bound = true;
		append(x, &x->out->funcs, &body.funcs);
		append(x, &x->out->types, &body.types);
		append(x, &x->out->colls, &body.colls);
	} else {
		append(x, &x->out->body_funcs, &body.funcs);
	}
}

/* An aggregate: its arguments' and state types, and its support functions
 * (SFUNC = f is a name, not a type; PARALLEL = safe neither), all bound when
 * it is created. */
static void aggregate(rx *x, PgQuery__DefineStmt *ds)
{
	x->out->bound = true;
	static const char *const procs[] = {"sfunc",	  "finalfunc",	  "combinefunc",
					    "serialfunc", "deserialfunc", "msfunc",
					    "minvfunc",	  "mfinalfunc"};
	for (size_t i = 0; i < ds->n_args; i++)
		plumb__pg_walk(&ds->args[i]->base, visit, x);
	for (size_t i = 0; i < ds->n_definition; i++) {
		const PgQuery__Node *n = ds->definition[i];
		if (n->node_case != PG_QUERY__NODE__NODE_DEF_ELEM || !n->def_elem->arg)
			continue;
		const char *name = n->def_elem->defname;
		PgQuery__Node *a = n->def_elem->arg;
		if (strcmp(name, "stype") == 0 || strcmp(name, "mstype") == 0 ||
		    strcmp(name, "basetype") == 0) {
			plumb__pg_walk(&a->base, visit, x);
			continue;
		}
		for (size_t j = 0; j < sizeof(procs) / sizeof(procs[0]); j++) {
			if (strcmp(name, procs[j]) != 0)
				continue;
			if (a->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
				add_list(x, &x->out->funcs, a->type_name->names,
					 a->type_name->n_names);
			else if (a->node_case == PG_QUERY__NODE__NODE_LIST)
				add_list(x, &x->out->funcs, a->list->items, a->list->n_items);
			else
				add(x, &x->out->funcs, NULL, plumb__pg_strval(a));
		}
	}
}

/* An operator: its argument types and its functions (FUNCTION = f is a
 * name, not a type); the operators it names as COMMUTATOR or NEGATOR are
 * left out (they may be created after it). */
static void operator(rx *x, PgQuery__DefineStmt *ds)
{
	static const char *const procs[] = {"function", "procedure", "restrict", "join"};
	for (size_t i = 0; i < ds->n_definition; i++) {
		const PgQuery__Node *n = ds->definition[i];
		if (n->node_case != PG_QUERY__NODE__NODE_DEF_ELEM || !n->def_elem->arg)
			continue;
		const char *name = n->def_elem->defname;
		PgQuery__Node *a = n->def_elem->arg;
		if (strcmp(name, "leftarg") == 0 || strcmp(name, "rightarg") == 0) {
			plumb__pg_walk(&a->base, visit, x);
			continue;
		}
		for (size_t j = 0; j < sizeof(procs) / sizeof(procs[0]); j++) {
			if (strcmp(name, procs[j]) != 0)
				continue;
			if (a->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
				add_list(x, &x->out->funcs, a->type_name->names,
					 a->type_name->n_names);
			else if (a->node_case == PG_QUERY__NODE__NODE_LIST)
				add_list(x, &x->out->funcs, a->list->items, a->list->n_items);
			else
				add(x, &x->out->funcs, NULL, plumb__pg_strval(a));
		}
	}
}

/* A cast: its types, and its function (named, not called). */
static void cast(rx *x, PgQuery__CreateCastStmt *cs)
{
	if (cs->sourcetype)
		plumb__pg_walk(&cs->sourcetype->base, visit, x);
	if (cs->targettype)
		plumb__pg_walk(&cs->targettype->base, visit, x);
	if (!cs->func)
		return;
	add_list(x, &x->out->funcs, cs->func->objname, cs->func->n_objname);
	for (size_t i = 0; i < cs->func->n_objargs; i++)
		plumb__pg_walk(&cs->func->objargs[i]->base, visit, x);
}

/* The items of an operator class or family: their types, the functions
 * they name (not call) and their operators. */
static void opc_items(rx *x, PgQuery__Node **items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		plumb__pg_walk(&items[i]->base, visit, x);
		if (items[i]->node_case != PG_QUERY__NODE__NODE_CREATE_OP_CLASS_ITEM)
			continue;
		PgQuery__CreateOpClassItem *it = items[i]->create_op_class_item;
		if (it->name && it->itemtype == 1)
			add_list(x, &x->out->ops, it->name->objname, it->name->n_objname);
		else if (it->name && it->itemtype == 2)
			add_list(x, &x->out->funcs, it->name->objname, it->name->n_objname);
	}
}

static void statement(rx *x, PgQuery__Node *s)
{
	if (s->node_case == PG_QUERY__NODE__NODE_CREATE_OP_CLASS_STMT) {
		if (s->create_op_class_stmt->datatype)
			plumb__pg_walk(&s->create_op_class_stmt->datatype->base, visit, x);
		opc_items(x, s->create_op_class_stmt->items, s->create_op_class_stmt->n_items);
		return;
	}
	if (s->node_case == PG_QUERY__NODE__NODE_ALTER_OP_FAMILY_STMT) {
		opc_items(x, s->alter_op_family_stmt->items, s->alter_op_family_stmt->n_items);
		return;
	}
	if (s->node_case == PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT)
		function(x, s->create_function_stmt);
	else if (s->node_case == PG_QUERY__NODE__NODE_DEFINE_STMT &&
		 s->define_stmt->kind == PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE)
		aggregate(x, s->define_stmt);
	else if (s->node_case == PG_QUERY__NODE__NODE_DEFINE_STMT &&
		 s->define_stmt->kind == PG_QUERY__OBJECT_TYPE__OBJECT_OPERATOR)
		operator(x, s->define_stmt);
	else if (s->node_case == PG_QUERY__NODE__NODE_CREATE_CAST_STMT)
		cast(x, s->create_cast_stmt);
	else
		plumb__pg_walk(&s->base, visit, x);
}

int plumb__pg_refs_sql(plumb_arena *arena, const char *sql, plumb_pg_refs *out)
{
	rx x = {arena, out, NULL, false};
	PgQuery__ParseResult *t = sql ? parse(arena, sql, &x.failed) : NULL;
	for (size_t i = 0; t && i < t->n_stmts; i++)
		if (t->stmts[i]->stmt)
			statement(&x, t->stmts[i]->stmt);
	return x.failed ? -1 : 0;
}

int plumb__pg_refs_tree(plumb_arena *arena, PgQuery__Node *stmt, plumb_pg_refs *out,
			plumb_pg_refs *loose)
{
	rx x = {arena, out, loose, false};
	if (stmt)
		statement(&x, stmt);
	return x.failed ? -1 : 0;
}

int plumb__pg_refs_expr(plumb_arena *arena, const char *expr, plumb_pg_refs *out)
{
	if (!expr)
		return 0;
	char *sql = plumb_arena_printf(arena, "SELECT (%s)", expr);
	if (!sql)
		return -1;
	return plumb__pg_refs_sql(arena, sql, out);
}

bool plumb__pg_refs_has(const plumb_vec *names, const char *schema, const char *name,
			bool any_schema)
{
	const char *sch = schema ? schema : "public";
	for (size_t i = 0; name && i < names->n; i++) {
		const plumb_pg_name *n = names->items[i];
		if (strcmp(n->name, name) != 0)
			continue;
		if (n->schema ? strcmp(n->schema, sch) == 0
			      : any_schema || strcmp(sch, "public") == 0)
			return true;
	}
	return false;
}

/* Does a column's type name this type (arrays too)? */
bool plumb__pg_type_names(const char *coltype, const char *schema, const char *name)
{
	if (!coltype)
		return false;
	size_t n = strlen(coltype);
	while (n >= 2 && coltype[n - 2] == '[' && coltype[n - 1] == ']')
		n -= 2;
	char buf[512];
	const char *forms[4];
	int k = 0;
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, coltype, n);
	buf[n] = 0;
	if (!schema || strcmp(schema, "public") == 0) {
		forms[k++] = name;
	}
	for (int i = 0; i < k; i++)
		if (strcmp(buf, forms[i]) == 0)
			return true;
	/* quoted or qualified spellings */
	char alt[600];
	if (!schema || strcmp(schema, "public") == 0) {
		snprintf(alt, sizeof(alt), "\"%s\"", name);
		if (strcmp(buf, alt) == 0)
			return true;
	}
	const char *sch = schema ? schema : "public";
	snprintf(alt, sizeof(alt), "%s.%s", sch, name);
	if (strcmp(buf, alt) == 0)
		return true;
	snprintf(alt, sizeof(alt), "\"%s\".\"%s\"", sch, name);
	if (strcmp(buf, alt) == 0)
		return true;
	snprintf(alt, sizeof(alt), "%s.\"%s\"", sch, name);
	return strcmp(buf, alt) == 0;
}

bool plumb__pg_type_is_array(plumb_arena *arena, const char *coltype, bool *out)
{
	bool failed = false;
	*out = false;
	if (!coltype)
		return true;
	char *sql = plumb_arena_printf(arena, "SELECT NULL::%s", coltype);
	if (!sql)
		return false;
	PgQuery__ParseResult *t = parse(arena, sql, &failed);
	const PgQuery__Node *s = t && t->n_stmts == 1 ? t->stmts[0]->stmt : NULL;
	const PgQuery__SelectStmt *sel =
		s && s->node_case == PG_QUERY__NODE__NODE_SELECT_STMT ? s->select_stmt : NULL;
	const PgQuery__Node *r = sel && sel->n_target_list == 1 ? sel->target_list[0] : NULL;
	const PgQuery__Node *v =
		r && r->node_case == PG_QUERY__NODE__NODE_RES_TARGET ? r->res_target->val : NULL;
	if (v && v->node_case == PG_QUERY__NODE__NODE_TYPE_CAST && v->type_cast->type_name)
		*out = v->type_cast->type_name->n_array_bounds > 0;
	return true;
}
