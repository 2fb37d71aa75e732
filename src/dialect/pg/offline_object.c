/*
 * The offline builder's objects other than relations: enums, sequences
 * (CREATE and ALTER, their options read as model.c writes them), functions,
 * aggregates (functions of their own kind, their CREATE AGGREGATE written
 * by model.c from the options the server would store), triggers, rules,
 * domains, composite types, collations, extensions and schemas. It does not
 * read tables, views, privileges, comments or policies, and does not fold a
 * sequence into a serial column (offline.c does, once all files are read).
 */
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dialect/pg/offline_int.h"
#include "dialect/pg/offline_rename.h"

/* --- sequences ------------------------------------------------------------------ */

static long long num_arg(const PgQuery__Node *n)
{
	if (!n)
		return 0;
	if (n->node_case == PG_QUERY__NODE__NODE_INTEGER)
		return n->integer->ival;
	if (n->node_case == PG_QUERY__NODE__NODE_FLOAT)
		return strtoll(n->float_->fval, NULL, 10);
	if (n->node_case == PG_QUERY__NODE__NODE_A_CONST) {
		const PgQuery__AConst *c = n->a_const;
		if (c->val_case == PG_QUERY__A__CONST__VAL_IVAL)
			return c->ival->ival;
		if (c->val_case == PG_QUERY__A__CONST__VAL_FVAL)
			return strtoll(c->fval->fval, NULL, 10);
	}
	return 0;
}

long long typid_of(PgQuery__TypeName *tn)
{
	const char *c = tn && tn->n_names ? plumb__pg_strval(tn->names[tn->n_names - 1]) : NULL;
	return c ? plumb__pg_int_typid(c) : PLUMB_PG_INT8;
}

void read_seqopts(PgQuery__Node **opts, size_t n, long long typid, seqopts *so)
{
	plumb_pg_seq *s = &so->v;
	bool has_start = false, has_min = false, has_max = false;
	memset(so, 0, sizeof(*so));
	s->typid = typid;
	s->inc = 1;
	s->cache = 1;
	for (size_t i = 0; i < n; i++) {
		if (opts[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		PgQuery__DefElem *d = opts[i]->def_elem;
		const char *k = d->defname;
		if (strcmp(k, "as") == 0 && d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
			s->typid = typid_of(d->arg->type_name);
		else if (strcmp(k, "start") == 0) {
			s->start = num_arg(d->arg);
			has_start = true;
		} else if (strcmp(k, "increment") == 0)
			s->inc = num_arg(d->arg);
		else if (strcmp(k, "minvalue") == 0 && d->arg) {
			s->min = num_arg(d->arg);
			has_min = true;
		} else if (strcmp(k, "maxvalue") == 0 && d->arg) {
			s->max = num_arg(d->arg);
			has_max = true;
		} else if (strcmp(k, "cache") == 0)
			s->cache = num_arg(d->arg);
		else if (strcmp(k, "cycle") == 0)
			s->cycle = d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN &&
				   d->arg->boolean->boolval;
		else if (strcmp(k, "owned_by") == 0)
			so->owned_by = d->arg;
	}
	if (!has_min)
		s->min = plumb__pg_seq_default_min(s->typid, s->inc);
	if (!has_max)
		s->max = plumb__pg_seq_default_max(s->typid, s->inc);
	if (!has_start)
		s->start = s->inc > 0 ? s->min : s->max;
}

/* The options that differ from the defaults, as introspection writes them. */
char *seq_text(ox *x, const seqopts *s)
{
	char *out;
	int rc = plumb__pg_seq_options(x->st.ctx, x->st.arena, &s->v, &out);
	if (rc < 0)
		fail(x, PLUMB_ENOMEM);
	return out;
}

/* --- types, sequences, functions --------------------------------------------------------- */

void create_enum(ox *x, PgQuery__CreateEnumStmt *es, size_t loc)
{
	const char *schema, *name;
	split_names(es->type_name, es->n_type_name, &schema, &name);
	plumb_object *o = new_object(x, PLUMB_OBJ_ENUM, schema, name);
	if (!o)
		return;
	default_privileges_apply(x, o);
	o->renamed_from = annotation_at(x, loc);
	for (size_t i = 0; i < es->n_vals; i++)
		push(x, &o->values, dup(x, plumb__pg_strval(es->vals[i])));
	/* annotations on values: string literals in order within the statement */
	if (x->n_anns) {
		PgQueryScanResult r = pg_query_scan(x->text + loc);
		PgQuery__ScanResult *sr = r.error ? NULL
						  : pg_query__scan_result__unpack(
							    NULL, r.pbuf.len, (const uint8_t *)r.pbuf.data);
		size_t k = 0;
		for (size_t i = 0; sr && i < sr->n_tokens && k < es->n_vals; i++) {
			PgQuery__ScanToken *tk = sr->tokens[i];
			if (tk->token == PG_QUERY__TOKEN__ASCII_59)
				break;
			if (tk->token != PG_QUERY__TOKEN__SCONST)
				continue;
			const char *old = annotation_at(x, loc + (size_t)tk->start);
			if (old && strcmp(old, o->values.items[k]) != 0) {
				push(x, &o->renamed_values, (void *)old);
				push(x, &o->renamed_values, o->values.items[k]);
			}
			k++;
		}
		if (sr)
			pg_query__scan_result__free_unpacked(sr, NULL);
		pg_query_free_scan_result(r);
	}
}

void enum_texts(ox *x, plumb_object *o)
{
	if (!x->st.rc)
		fail(x, plumb__pg_enum_define(x->st.ctx, x->st.arena, o));
}

/* The labels of enum o by name, made from its values the first time an
 * ALTER TYPE names it (the object stays the same through a rename), so that
 * a migration adding many values does not scan them for each. */
static plumb_map *enum_labels(ox *x, const plumb_object *o)
{
	const char *k = plumb_arena_printf(x->tmp, "%p", (const void *)o);
	if (!x->enum_labels)
		x->enum_labels = plumb_map_new(x->tmp, false);
	plumb_map *m = k && x->enum_labels ? plumb_map_get(x->enum_labels, k, NULL, NULL) : NULL;
	if (m || !k || !x->enum_labels) {
		if (!m)
			nomem(x);
		return m;
	}
	m = plumb_map_new(x->tmp, false);
	for (size_t i = 0; m && i < o->values.n; i++)
		if (plumb_map_put(m, o->values.items[i], NULL, NULL, o->values.items[i]) < 0)
			m = NULL;
	if (!m || plumb_map_put(x->enum_labels, k, NULL, NULL, m) < 0) {
		nomem(x);
		return NULL;
	}
	return m;
}

void alter_enum(ox *x, PgQuery__AlterEnumStmt *ae)
{
	const char *schema, *name;
	split_names(ae->type_name, ae->n_type_name, &schema, &name);
	plumb_object *o = find_object(x, PLUMB_OBJ_ENUM, schema, name);
	if (!o) {
		error_at(x, x->loc, "type \"%s\" does not exist", shown(x, schema, name));
		return;
	}
	plumb_map *labels = enum_labels(x, o);
	if (!labels)
		return;
	const char *known = !empty(ae->old_val) ? ae->old_val : ae->new_val_neighbor;
	if (!empty(known) && !plumb_map_get(labels, known, NULL, NULL)) {
		error_at(x, x->loc, "\"%s\" is not an existing enum label", known);
		return;
	}
	bool exists = ae->new_val && plumb_map_get(labels, ae->new_val, NULL, NULL);
	const char *nw = exists ? NULL : dup(x, ae->new_val);
	if (!empty(ae->old_val)) {
		if (exists) {
			error_at(x, x->loc, "enum label \"%s\" already exists", ae->new_val);
			return;
		}
		for (size_t i = 0; i < o->values.n; i++)
			if (strcmp(o->values.items[i], ae->old_val) == 0)
				o->values.items[i] = (void *)nw;
		plumb_map_del(labels, ae->old_val, NULL, NULL, NULL);
		if (nw && plumb_map_put(labels, nw, NULL, NULL, (void *)nw) < 0)
			nomem(x);
		enum_value_renamed(x, o, ae->old_val, ae->new_val);
		return;
	}
	if (exists || !nw)
		return;
	/* the neighbour's place: where the value goes, the others move anyway */
	size_t at = o->values.n;
	if (!empty(ae->new_val_neighbor))
		for (size_t i = 0; i < o->values.n; i++)
			if (strcmp(o->values.items[i], ae->new_val_neighbor) == 0)
				at = ae->new_val_is_after ? i + 1 : i;
	if (plumb_vec_push(x->st.arena, &o->values, NULL) < 0 ||
	    plumb_map_put(labels, nw, NULL, NULL, (void *)nw) < 0) {
		nomem(x);
		return;
	}
	memmove(&o->values.items[at + 1], &o->values.items[at],
		(o->values.n - 1 - at) * sizeof(void *));
	o->values.items[at] = (void *)nw;
}

/* Where OWNED BY was written: the table and column it names are checked at the end. */
void remember_owned_by(ox *x, PgQuery__Node **opts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (opts[i]->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
		    strcmp(opts[i]->def_elem->defname, "owned_by") == 0)
			remember(x, &x->owners, opts[i]->def_elem->arg, opts[i]->def_elem->location);
}

void create_sequence(ox *x, PgQuery__CreateSeqStmt *ss, size_t loc)
{
	const char *schema = sch(ss->sequence->schemaname);
	if (find_object(x, PLUMB_OBJ_SEQUENCE, schema, ss->sequence->relname)) {
		if (!ss->if_not_exists)
			stmt_error(x, loc, "relation already exists", ss->sequence->relname);
		return;
	}
	plumb_object *o = new_object(x, PLUMB_OBJ_SEQUENCE, schema, ss->sequence->relname);
	if (!o)
		return;
	use_name(x, &x->relnames, schema, o->name);
	/* options are read at the end (ALTER SEQUENCE ... OWNED BY may follow) */
	seqent *e = plumb_arena_alloc(x->tmp, sizeof(*e));
	const char *k = plumb_arena_printf(x->tmp, "%p", (void *)o);
	if (!x->seq_at)
		x->seq_at = plumb_map_new(x->tmp, false);
	if (!e || !k || !x->seq_at || plumb_vec_push(x->tmp, &x->seqs, e) < 0 ||
	    plumb_map_put(x->seq_at, k, NULL, NULL, ss) < 0) {
		nomem(x);
		return;
	}
	e->o = o;
	e->cs = ss;
	remember_owned_by(x, ss->options, ss->n_options);
}

/* An argument's type as introspection reads it: format_type(t, NULL), no
 * typmods, then canonical. */
const char *func_arg_type(ox *x, const PgQuery__TypeName *t)
{
	PgQuery__TypeName tn = *t;
	tn.n_typmods = 0;
	const char *tt = type_text(x, &tn);
	if (tt && strcmp(tt, "bpchar") == 0)
		tt = "character";
	return canon_type(x, tt);
}

void create_function(ox *x, PgQuery__CreateFunctionStmt *fs, PgQuery__Node *stmt)
{
	const char *schema, *name;
	split_names(fs->funcname, fs->n_funcname, &schema, &name);
	plumb_buf b;
	plumb_buf_init(&b, x->st.arena, 0);
	plumb_buf_printf(&b, "%s(", name);
	size_t k = 0;
	for (size_t i = 0; i < fs->n_parameters && !x->st.rc; i++) {
		if (fs->parameters[i]->node_case != PG_QUERY__NODE__NODE_FUNCTION_PARAMETER)
			continue;
		PgQuery__FunctionParameter *p = fs->parameters[i]->function_parameter;
		if (p->mode == PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_OUT ||
		    p->mode == PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_TABLE)
			continue;
		plumb_buf_puts(&b, k++ ? ", " : "");
		plumb_buf_puts(&b, func_arg_type(x, p->arg_type));
	}
	plumb_buf_putc(&b, ')');
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return;
	}
	plumb_object *o = find_object(x, PLUMB_OBJ_FUNCTION, schema, b.data);
	if (o && !fs->replace) {
		error_at(x, x->loc, "function \"%s\" already exists with same argument types",
			 name);
		return;
	}
	if (!o && (o = new_object(x, PLUMB_OBJ_FUNCTION, schema, b.data)))
		default_privileges_apply(x, o);
	if (!o)
		return;
	/* the annotation names the old name; the arguments are the new ones' */
	const char *old = annotation_at(x, x->loc);
	if (old && !o->renamed_from)
		o->renamed_from = fmt(x, "%s%s", old, strchr(b.data, '('));
	o->sql = deparse(x, stmt);
	/* a BEGIN ATOMIC or RETURN body as the server's parse analysis leaves it */
	if (fs->sql_body && !x->st.rc)
		fail(x, plumb__pg_analyze_body(x->st.ctx, x->tmp, x->cat, fs));
	o->definition = stmt_text(x, stmt);
	/* what pg_proc would say: prokind and provolatile */
	bool window = false;
	o->volatility = PLUMB_VOLATILE;
	for (size_t i = 0; i < fs->n_options; i++) {
		if (fs->options[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		PgQuery__DefElem *d = fs->options[i]->def_elem;
		if (strcmp(d->defname, "volatility") == 0)
			o->volatility = plumb__pg_volatility(plumb__pg_strval(d->arg));
		else if (strcmp(d->defname, "window") == 0)
			window = !d->arg || d->arg->node_case != PG_QUERY__NODE__NODE_BOOLEAN ||
				 d->arg->boolean->boolval;
	}
	o->func_kind = plumb__pg_func_kind(fs->is_procedure ? 'p' : window ? 'w' : 'f');
}

/* Does the function option d (a DefElem of CREATE or ALTER FUNCTION) set
 * what o does: the same option, or for SET the same variable? */
static bool same_option(const PgQuery__DefElem *d, const PgQuery__DefElem *o)
{
	if (strcmp(d->defname, o->defname) != 0)
		return false;
	if (strcmp(d->defname, "set") != 0)
		return true;
	const PgQuery__VariableSetStmt *a =
		d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_VARIABLE_SET_STMT
			? d->arg->variable_set_stmt
			: NULL;
	const PgQuery__VariableSetStmt *b =
		o->arg && o->arg->node_case == PG_QUERY__NODE__NODE_VARIABLE_SET_STMT
			? o->arg->variable_set_stmt
			: NULL;
	if (!a || !b)
		return false;
	/* RESET ALL names every variable */
	return a->kind == PG_QUERY__VARIABLE_SET_KIND__VAR_RESET_ALL ||
	       (a->name && b->name && strcmp(a->name, b->name) == 0);
}

/* ALTER FUNCTION / PROCEDURE f(args) with options (STABLE, SECURITY
 * DEFINER, SET x = v, RESET x, COST, ...): merged into its CREATE
 * statement, which is then read again as create_function reads it. */
plumb_object *function_of(ox *x, PgQuery__ObjectWithArgs *ow, size_t loc)
{
	const char *schema, *name;
	if (!ow)
		return NULL;
	split_names(ow->objname, ow->n_objname, &schema, &name);
	plumb_buf b;
	plumb_buf_init(&b, x->tmp, 0);
	plumb_buf_printf(&b, "%s(", name);
	for (size_t i = 0; i < ow->n_objargs && !x->st.rc; i++)
		if (ow->objargs[i]->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
			plumb_buf_printf(&b, "%s%s", i ? ", " : "",
					 func_arg_type(x, ow->objargs[i]->type_name));
	plumb_buf_putc(&b, ')');
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return NULL;
	}
	plumb_object *o = NULL;
	if (ow->args_unspecified) {
		/* ALTER FUNCTION f: the one function of that name */
		const plumb_vec *v = routines_named(x, schema, name);
		size_t found = v ? v->n : 0;
		if (found == 1)
			o = v->items[0];
		if (found > 1) {
			error_at(x, loc, "function name \"%s\" is not unique", name);
			return NULL;
		}
		b.data = fmt(x, "%s()", name);
	} else {
		o = find_object(x, PLUMB_OBJ_FUNCTION, schema, b.data);
	}
	if (!x->st.rc && (!o || !o->sql))
		error_at(x, loc, "function %s does not exist", b.data);
	return x->st.rc ? NULL : o;
}

void alter_function(ox *x, PgQuery__AlterFunctionStmt *af, size_t loc)
{
	plumb_object *o = function_of(x, af->func, loc);
	PgQuery__ParseResult *pr = NULL;
	if (o)
		fail(x, plumb__pg_parse(x->st.ctx, x->tmp, o->sql, NULL, &pr, NULL));
	if (x->st.rc || !o)
		return;
	if (!pr || pr->n_stmts != 1 ||
	    pr->stmts[0]->stmt->node_case != PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT) {
		error_at(x, loc, "function %s does not exist", o->name);
		return;
	}
	PgQuery__Node *stmt = pr->stmts[0]->stmt;
	PgQuery__CreateFunctionStmt *fs = stmt->create_function_stmt;
	PgQuery__Node **v = alloc(x, (fs->n_options + af->n_actions + 1) * sizeof(*v));
	if (!v)
		return;
	size_t k = 0;
	for (size_t i = 0; i < fs->n_options; i++) {
		bool replaced = false;
		for (size_t j = 0; j < af->n_actions && !replaced; j++)
			replaced = fs->options[i]->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
				   af->actions[j]->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
				   same_option(af->actions[j]->def_elem, fs->options[i]->def_elem);
		if (!replaced)
			v[k++] = fs->options[i];
	}
	for (size_t j = 0; j < af->n_actions; j++) {
		PgQuery__Node *a = af->actions[j];
		const PgQuery__DefElem *d =
			a->node_case == PG_QUERY__NODE__NODE_DEF_ELEM ? a->def_elem : NULL;
		/* RESET x leaves the option out */
		if (d && strcmp(d->defname, "set") == 0 && d->arg &&
		    d->arg->node_case == PG_QUERY__NODE__NODE_VARIABLE_SET_STMT &&
		    d->arg->variable_set_stmt->kind != PG_QUERY__VARIABLE_SET_KIND__VAR_SET_VALUE)
			continue;
		v[k++] = a;
	}
	fs->options = v;
	fs->n_options = k;
	fs->replace = true;
	create_function(x, fs, stmt);
}

/* --- aggregates ----------------------------------------------------------------- */

/* A definition's value as the server's defGetString reads it. */
static const char *def_string(ox *x, const PgQuery__Node *a)
{
	if (!a)
		return NULL;
	switch (a->node_case) {
	case PG_QUERY__NODE__NODE_INTEGER:
		return fmt(x, "%d", (int)a->integer->ival);
	case PG_QUERY__NODE__NODE_FLOAT:
		return a->float_->fval;
	case PG_QUERY__NODE__NODE_BOOLEAN:
		return a->boolean->boolval ? "true" : "false";
	case PG_QUERY__NODE__NODE_TYPE_NAME:
		return a->type_name->n_names
			       ? plumb__pg_strval(a->type_name->names[a->type_name->n_names - 1])
			       : NULL;
	default:
		return plumb__pg_strval(a);
	}
}

bool def_bool(ox *x, const PgQuery__Node *a)
{
	const char *s = a ? def_string(x, a) : NULL;
	return !s || strcasecmp(s, "true") == 0 || strcasecmp(s, "on") == 0 || strcmp(s, "1") == 0;
}

const char *def_name(ox *x, PgQuery__Node *a, const char **schemap)
{
	const char *schema = "public", *name = NULL;
	if (a && a->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
		split_names(a->type_name->names, a->type_name->n_names, &schema, &name);
	else if (a && a->node_case == PG_QUERY__NODE__NODE_LIST)
		split_names(a->list->items, a->list->n_items, &schema, &name);
	else
		name = a ? plumb__pg_strval(a) : NULL;
	if (schemap)
		*schemap = schema;
	char *s = name ? plumb__pg_proc_ref(x->st.arena, schema, name) : NULL;
	if (name && !s)
		nomem(x);
	return s;
}

const char *def_type(ox *x, PgQuery__Node *a)
{
	if (a && a->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
		return func_arg_type(x, a->type_name);
	if (!plumb__pg_strval(a))
		return NULL;
	PgQuery__TypeName tn;
	pg_query__type_name__init(&tn);
	tn.names = &a;
	tn.n_names = 1;
	return func_arg_type(x, &tn);
}

static char modify_letter(const char *s)
{
	return !s			      ? 0
	       : strcmp(s, "shareable") == 0  ? 's'
	       : strcmp(s, "read_write") == 0 ? 'w'
					      : 'r';
}

/* One option of CREATE AGGREGATE into a. */
static void aggregate_option(ox *x, const PgQuery__DefElem *d, plumb_pg_aggregate *a)
{
	static const struct {
		const char *name;
		size_t at;
	} procs[] = {
		{"sfunc", offsetof(plumb_pg_aggregate, sfunc)},
		{"finalfunc", offsetof(plumb_pg_aggregate, finalfunc)},
		{"combinefunc", offsetof(plumb_pg_aggregate, combinefunc)},
		{"serialfunc", offsetof(plumb_pg_aggregate, serialfunc)},
		{"deserialfunc", offsetof(plumb_pg_aggregate, deserialfunc)},
		{"msfunc", offsetof(plumb_pg_aggregate, msfunc)},
		{"minvfunc", offsetof(plumb_pg_aggregate, minvfunc)},
		{"mfinalfunc", offsetof(plumb_pg_aggregate, mfinalfunc)},
	};
	const char *n = d->defname;
	for (size_t i = 0; i < sizeof(procs) / sizeof(procs[0]); i++)
		if (strcmp(n, procs[i].name) == 0) {
			*(const char **)((char *)a + procs[i].at) = def_proc(x, d->arg);
			return;
		}
	if (strcmp(n, "stype") == 0)
		a->stype = def_type(x, d->arg);
	else if (strcmp(n, "mstype") == 0)
		a->mstype = def_type(x, d->arg);
	else if (strcmp(n, "sspace") == 0)
		a->sspace = def_string(x, d->arg);
	else if (strcmp(n, "msspace") == 0)
		a->msspace = def_string(x, d->arg);
	else if (strcmp(n, "initcond") == 0 || strcmp(n, "initcond1") == 0)
		a->initcond = def_string(x, d->arg);
	else if (strcmp(n, "minitcond") == 0)
		a->minitcond = def_string(x, d->arg);
	else if (strcmp(n, "finalfunc_extra") == 0)
		a->finalfunc_extra = def_bool(x, d->arg);
	else if (strcmp(n, "mfinalfunc_extra") == 0)
		a->mfinalfunc_extra = def_bool(x, d->arg);
	else if (strcmp(n, "finalfunc_modify") == 0)
		a->finalfunc_modify = modify_letter(def_string(x, d->arg));
	else if (strcmp(n, "mfinalfunc_modify") == 0)
		a->mfinalfunc_modify = modify_letter(def_string(x, d->arg));
	else if (strcmp(n, "hypothetical") == 0 && def_bool(x, d->arg) && a->kind == 'o')
		a->kind = 'h';
	else if (strcmp(n, "parallel") == 0) {
		const char *v = def_string(x, d->arg);
		a->parallel = v && strcmp(v, "safe") == 0	  ? 's'
			      : v && strcmp(v, "restricted") == 0 ? 'r'
								  : 'u';
	} else if (strcmp(n, "sortop") == 0 && d->arg &&
		   d->arg->node_case == PG_QUERY__NODE__NODE_LIST) {
		const char *schema, *name;
		split_names(d->arg->list->items, d->arg->list->n_items, &schema, &name);
		if (!(a->sortop = plumb__pg_oper_ref(x->st.arena, schema, name)))
			fail(x, PLUMB_ENOMEM);
	}
}

/* The arguments of CREATE AGGREGATE: the parser's list of parameters and
 * the number of direct ones (-1: not an ordered-set aggregate); old style,
 * BASETYPE (ANY: none). */
static void aggregate_args(ox *x, PgQuery__DefineStmt *ds, plumb_pg_aggregate *a)
{
	PgQuery__Node **params = NULL;
	size_t n = 0;
	if (ds->oldstyle) {
		for (size_t i = 0; i < ds->n_definition; i++) {
			PgQuery__Node *d = ds->definition[i];
			if (d->node_case != PG_QUERY__NODE__NODE_DEF_ELEM ||
			    strcmp(d->def_elem->defname, "basetype") != 0)
				continue;
			const char *t = def_string(x, d->def_elem->arg);
			if (t && strcasecmp(t, "any") == 0)
				return;
			plumb_pg_agg_arg *g = alloc(x, sizeof(*g));
			if (!g)
				return;
			g->type = def_type(x, d->def_elem->arg);
			a->args = g;
			a->n_args = 1;
		}
		return;
	}
	if (ds->n_args >= 1 && ds->args[0]->node_case == PG_QUERY__NODE__NODE_LIST) {
		params = ds->args[0]->list->items;
		n = ds->args[0]->list->n_items;
	}
	if (ds->n_args >= 2 && ds->args[1]->node_case == PG_QUERY__NODE__NODE_INTEGER &&
	    ds->args[1]->integer->ival >= 0) {
		a->kind = 'o';
		a->n_direct = (size_t)ds->args[1]->integer->ival;
	}
	plumb_pg_agg_arg *v = n ? alloc(x, n * sizeof(*v)) : NULL;
	if (n && !v)
		return;
	for (size_t i = 0; i < n; i++) {
		if (params[i]->node_case != PG_QUERY__NODE__NODE_FUNCTION_PARAMETER)
			continue;
		PgQuery__FunctionParameter *p = params[i]->function_parameter;
		plumb_pg_agg_arg *g = &v[a->n_args++];
		g->name = p->name;
		g->type = func_arg_type(x, p->arg_type);
		g->variadic = p->mode == PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_VARIADIC;
	}
	a->args = v;
}

/* The fields of CREATE AGGREGATE ds into a; false on an error. */
static bool aggregate_fields(ox *x, PgQuery__DefineStmt *ds, plumb_pg_aggregate *a)
{
	*a = (plumb_pg_aggregate){.kind = 'n', .parallel = 'u'};
	aggregate_args(x, ds, a);
	for (size_t i = 0; i < ds->n_definition && !x->st.rc; i++)
		if (ds->definition[i]->node_case == PG_QUERY__NODE__NODE_DEF_ELEM)
			aggregate_option(x, ds->definition[i]->def_elem, a);
	return !x->st.rc;
}

void create_aggregate(ox *x, PgQuery__DefineStmt *ds, size_t loc)
{
	const char *schema, *name;
	split_names(ds->defnames, ds->n_defnames, &schema, &name);
	plumb_pg_aggregate a;
	if (!aggregate_fields(x, ds, &a))
		return;
	char *fname = plumb__pg_aggregate_name(x->st.arena, name, &a);
	char *def = plumb__pg_aggregate_define(x->st.arena, schema, name, &a);
	if (!fname || !def) {
		fail(x, PLUMB_ENOMEM);
		return;
	}
	plumb_object *o = find_object(x, PLUMB_OBJ_FUNCTION, schema, fname);
	if (o && !ds->replace) {
		stmt_error(x, loc, "function already exists", fname);
		return;
	}
	if (!o) {
		if (!(o = new_object(x, PLUMB_OBJ_FUNCTION, schema, fname)))
			return;
		default_privileges_apply(x, o);
	}
	o->sql = o->definition = def;
	o->func_kind = PLUMB_FUNC_AGGREGATE;
	o->volatility = PLUMB_IMMUTABLE; /* what AggregateCreate stores: unused */
}

void aggregate_moved(ox *x, plumb_object *o, const char *nschema)
{
	PgQuery__ParseResult *t = NULL;
	if (!o->sql || plumb__pg_parse(x->st.ctx, x->tmp, o->sql, NULL, &t, NULL) < 0 ||
	    t->n_stmts != 1 || !t->stmts[0]->stmt->define_stmt) {
		fail(x, PLUMB_EPARSE);
		return;
	}
	PgQuery__DefineStmt *ds = t->stmts[0]->stmt->define_stmt;
	const char *schema, *name;
	split_names(ds->defnames, ds->n_defnames, &schema, &name);
	plumb_pg_aggregate a;
	if (!aggregate_fields(x, ds, &a))
		return;
	char *def = plumb__pg_aggregate_define(x->st.arena, nschema, name, &a);
	if (!def) {
		fail(x, PLUMB_ENOMEM);
		return;
	}
	o->sql = o->definition = def;
}

void create_trigger(ox *x, PgQuery__CreateTrigStmt *ts, PgQuery__Node *stmt)
{
	const char *schema = sch(ts->relation->schemaname);
	if (!table_or_view(x, ts->relation, true))
		return;
	for (size_t i = 0; i < x->cat->triggers.n; i++) {
		plumb_trigger *o = x->cat->triggers.items[i];
		if (strcmp(o->schema, schema) == 0 && strcmp(o->table, ts->relation->relname) == 0 &&
		    strcmp(o->name, ts->trigname) == 0) {
			plumb_catalog_remove(x->cat, &x->cat->triggers, i);
			break;
		}
	}
	plumb_trigger *tg = alloc(x, sizeof(*tg));
	if (!tg)
		return;
	tg->schema = dup(x, schema);
	tg->name = dup(x, ts->trigname);
	tg->table = dup(x, ts->relation->relname);
	ts->relation->schemaname = (char *)tg->schema;
	const char *fs, *fn;
	split_names(ts->funcname, ts->n_funcname, &fs, &fn);
	if (strcmp(fs, "pg_catalog") != 0)
		push(x, &tg->depends, fmt(x, "%s.%s", fs, fn));
	tg->sql = deparse(x, stmt);
	tg->definition = stmt_text(x, stmt);
	push(x, &x->cat->triggers, tg);
}

/* The rule name on table schema.table, or NULL. */
static plumb_object *find_rule(ox *x, const char *schema, const char *table, const char *name)
{
	for (size_t i = 0; i < x->cat->objects.n; i++) {
		plumb_object *o = x->cat->objects.items[i];
		if (o->kind == PLUMB_OBJ_RULE && strcmp(o->schema, schema) == 0 &&
		    strcmp(o->table, table) == 0 && strcmp(o->name, name) == 0)
			return o;
	}
	return NULL;
}

/* CREATE [OR REPLACE] RULE: its actions analysed as the server's parse
 * analysis leaves them (the columns an INSERT fills, references
 * qualified), as pg_get_ruledef prints them. An ON SELECT rule makes a
 * table a view: not read. */
void create_rule(ox *x, PgQuery__RuleStmt *rs, PgQuery__Node *stmt, size_t loc)
{
	const char *schema = sch(rs->relation->schemaname), *table = rs->relation->relname;
	if (!table_or_view(x, rs->relation, true))
		return;
	if (rs->event == PG_QUERY__CMD_TYPE__CMD_SELECT) {
		error_at(x, loc, "a rule ON SELECT cannot be read without a server");
		plumb_error_set_hint(x->st.ctx, "write CREATE VIEW instead");
		return;
	}
	plumb_object *o = find_rule(x, schema, table, rs->rulename);
	if (o && !rs->replace) {
		error_at(x, loc, "rule \"%s\" for relation \"%s\" already exists", rs->rulename,
			 table);
		return;
	}
	if (o)
		plumb_catalog_remove_item(x->cat, &x->cat->objects, o);
	if (!(o = new_object(x, PLUMB_OBJ_RULE, schema, rs->rulename)))
		return;
	o->table = dup(x, table);
	rs->relation->schemaname = (char *)o->schema;
	rs->replace = false;
	o->sql = deparse(x, stmt);
	if (!x->st.rc)
		fail(x, plumb__pg_analyze_stmts(x->st.ctx, x->tmp, x->cat, rs->actions,
						rs->n_actions));
	o->definition = stmt_text(x, stmt);
}

/* A domain's SQL, as written, and its definition, compared as the server
 * keeps its checks (VALUE > '0' is VALUE > 0), from its CREATE DOMAIN. */
static void domain_texts(ox *x, plumb_object *o, PgQuery__Node *stmt)
{
	PgQuery__CreateDomainStmt *ds = stmt->create_domain_stmt;
	o->sql = deparse(x, stmt);
	const char *base = type_text(x, ds->type_name);
	for (size_t i = 0; i < ds->n_constraints && !x->st.rc; i++)
		if (ds->constraints[i]->node_case == PG_QUERY__NODE__NODE_CONSTRAINT &&
		    ds->constraints[i]->constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_CHECK)
			type_value_literals(x, base, ds->constraints[i]->constraint->raw_expr);
	o->definition = stmt_text(x, stmt);
}

void create_domain(ox *x, PgQuery__CreateDomainStmt *ds, PgQuery__Node *stmt)
{
	const char *schema, *name;
	split_names(ds->domainname, ds->n_domainname, &schema, &name);
	plumb_object *o = new_object(x, PLUMB_OBJ_DOMAIN, schema, name);
	if (!o)
		return;
	default_privileges_apply(x, o);
	o->renamed_from = annotation_at(x, x->loc);
	for (size_t i = 0; i < ds->n_constraints && !x->st.rc; i++) {
		if (ds->constraints[i]->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
			continue;
		PgQuery__Constraint *c = ds->constraints[i]->constraint;
		if (c->contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK)
			continue;
		if (empty(c->conname))
			c->conname = choose_name(x, schema, name, NULL, "check", false, true);
		use_name(x, &x->connames, schema, c->conname);
	}
	if (ds->coll_clause) {
		/* introspection writes COLLATE after the type as its own clause */
		ds->coll_clause->location = 0;
	}
	PgQuery__Node **names = alloc(x, 2 * sizeof(*names));
	if (!names)
		return;
	names[0] = plumb__pg_string(x->st.arena, schema);
	names[1] = plumb__pg_string(x->st.arena, name);
	ds->domainname = names;
	ds->n_domainname = 2;
	domain_texts(x, o, stmt);
}

/* The CREATE DOMAIN statement o was read from, parsed again (its text is
 * deparsed from the tree, so it parses), or NULL. */
static PgQuery__Node *domain_stmt(ox *x, const plumb_object *o)
{
	PgQuery__ParseResult *pr = NULL;
	if (!o->sql)
		return NULL;
	fail(x, plumb__pg_parse(x->st.ctx, x->tmp, o->sql, NULL, &pr, NULL));
	if (x->st.rc)
		return NULL;
	if (pr->n_stmts != 1 ||
	    pr->stmts[0]->stmt->node_case != PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT)
		return NULL;
	return pr->stmts[0]->stmt;
}

/* The index of the domain's constraint of contype (CHECK: named name) in
 * d's list, or -1. */
static long domain_con(PgQuery__CreateDomainStmt *d, PgQuery__ConstrType contype, const char *name)
{
	for (size_t i = 0; i < d->n_constraints; i++) {
		if (d->constraints[i]->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
			continue;
		PgQuery__Constraint *c = d->constraints[i]->constraint;
		if (c->contype == contype &&
		    (!name || (c->conname && strcmp(c->conname, name) == 0)))
			return (long)i;
	}
	return -1;
}

static void domain_con_remove(PgQuery__CreateDomainStmt *d, long i)
{
	memmove(d->constraints + i, d->constraints + i + 1,
		(d->n_constraints - (size_t)i - 1) * sizeof(*d->constraints));
	d->n_constraints--;
}

static void domain_con_add(ox *x, PgQuery__CreateDomainStmt *d, PgQuery__Node *c)
{
	PgQuery__Node **v = alloc(x, (d->n_constraints + 1) * sizeof(*v));
	if (!v)
		return;
	if (d->n_constraints)
		memcpy(v, d->constraints, d->n_constraints * sizeof(*v));
	v[d->n_constraints++] = c;
	d->constraints = v;
}

/* A constraint of a domain: gone, and its comment with it. */
static void domain_con_drop(ox *x, plumb_object *o, PgQuery__CreateDomainStmt *d, long i)
{
	const char *con = d->constraints[i]->constraint->conname;
	const char *key = fmt(x, "CONSTRAINT %s ON DOMAIN %s.%s", qi(x, con), qi(x, o->schema),
			      qi(x, o->name));
	plumb_object *cm = key ? find_object(x, PLUMB_OBJ_COMMENT, o->schema, key) : NULL;
	if (cm)
		plumb_catalog_remove_item(x->cat, &x->cat->objects, cm);
	forget_name(x, &x->connames, o->schema, con);
	domain_con_remove(d, i);
}

void rename_domain_constraint(ox *x, PgQuery__Node *domain, const char *old, const char *name)
{
	const char *schema, *dn;
	/* the domain's name: a list (any_name), or a TypeName */
	if (domain && domain->node_case == PG_QUERY__NODE__NODE_LIST)
		split_names(domain->list->items, domain->list->n_items, &schema, &dn);
	else if (domain && domain->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
		split_names(domain->type_name->names, domain->type_name->n_names, &schema, &dn);
	else
		return;
	plumb_object *o = find_object(x, PLUMB_OBJ_DOMAIN, schema, dn);
	if (!o) {
		error_at(x, x->loc, "type \"%s\" does not exist", shown(x, schema, dn));
		return;
	}
	PgQuery__Node *stmt = domain_stmt(x, o);
	if (!stmt)
		return;
	PgQuery__CreateDomainStmt *d = stmt->create_domain_stmt;
	long i = domain_con(d, PG_QUERY__CONSTR_TYPE__CONSTR_CHECK, old);
	if (i < 0) {
		error_at(x, x->loc, "constraint \"%s\" for domain \"%s\" does not exist", old, dn);
		return;
	}
	if (domain_con(d, PG_QUERY__CONSTR_TYPE__CONSTR_CHECK, name) >= 0) {
		error_at(x, x->loc, "constraint \"%s\" for domain \"%s\" already exists", name, dn);
		return;
	}
	/* its comment follows it */
	const char *was = fmt(x, "CONSTRAINT %s ON DOMAIN %s.%s", qi(x, old), qi(x, o->schema),
			      qi(x, o->name));
	plumb_object *cm = was ? find_object(x, PLUMB_OBJ_COMMENT, o->schema, was) : NULL;
	if (cm) {
		cm->part = dup(x, name);
		recomment(x, cm);
		plumb_catalog_changed(x->cat);
	}
	forget_name(x, &x->connames, o->schema, old);
	use_name(x, &x->connames, o->schema, name);
	d->constraints[i]->constraint->conname = (char *)dup(x, name);
	domain_texts(x, o, stmt);
}

/* ALTER DOMAIN: SET/DROP DEFAULT, SET/DROP NOT NULL, ADD/DROP/VALIDATE
 * CONSTRAINT, applied to the domain's CREATE statement, which is then read
 * again as create_domain reads it. */
void alter_domain(ox *x, PgQuery__AlterDomainStmt *ad, size_t loc)
{
	const char *schema, *name;
	split_names(ad->type_name, ad->n_type_name, &schema, &name);
	plumb_object *o = find_object(x, PLUMB_OBJ_DOMAIN, schema, name);
	if (!o) {
		error_at(x, loc, "type \"%s\" does not exist", shown(x, schema, name));
		return;
	}
	PgQuery__Node *stmt = domain_stmt(x, o);
	if (!stmt)
		return;
	PgQuery__CreateDomainStmt *d = stmt->create_domain_stmt;
	long i;
	switch (ad->subtype ? *ad->subtype : 0) {
	case 'T': /* SET DEFAULT e, DROP DEFAULT */
		if ((i = domain_con(d, PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT, NULL)) >= 0)
			domain_con_remove(d, i);
		if (ad->def) {
			PgQuery__Constraint *c = alloc(x, sizeof(*c));
			if (!c)
				return;
			pg_query__constraint__init(c);
			c->contype = PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT;
			c->raw_expr = ad->def;
			domain_con_add(
				x, d,
				plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_CONSTRAINT, c));
		}
		break;
	case 'N': /* DROP NOT NULL */
	case 'O': /* SET NOT NULL */
		while ((i = domain_con(d, PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL, NULL)) >= 0 ||
		       (i = domain_con(d, PG_QUERY__CONSTR_TYPE__CONSTR_NULL, NULL)) >= 0)
			domain_con_remove(d, i);
		if (*ad->subtype == 'O') {
			PgQuery__Constraint *c = alloc(x, sizeof(*c));
			if (!c)
				return;
			pg_query__constraint__init(c);
			c->contype = PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL;
			domain_con_add(
				x, d,
				plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_CONSTRAINT, c));
		}
		break;
	case 'C': { /* ADD CONSTRAINT */
		if (!ad->def || ad->def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
			return;
		PgQuery__Constraint *c = ad->def->constraint;
		if (c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL) {
			if (domain_con(d, PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL, NULL) < 0)
				domain_con_add(x, d, ad->def);
			break;
		}
		if (c->contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK)
			return;
		if (empty(c->conname)) {
			c->conname = choose_name(x, schema, name, NULL, "check", false, true);
		} else if (domain_con(d, PG_QUERY__CONSTR_TYPE__CONSTR_CHECK, c->conname) >= 0) {
			error_at(x, loc, "constraint \"%s\" for domain \"%s\" already exists",
				 c->conname, name);
			return;
		}
		use_name(x, &x->connames, schema, c->conname);
		/* NOT VALID: the server keeps no mark a catalog reads */
		c->skip_validation = false;
		domain_con_add(x, d, ad->def);
		break;
	}
	case 'X': /* DROP CONSTRAINT */
	case 'V': /* VALIDATE CONSTRAINT */
		if ((i = domain_con(d, PG_QUERY__CONSTR_TYPE__CONSTR_CHECK, ad->name)) < 0) {
			if (*ad->subtype == 'V' || !ad->missing_ok)
				error_at(x, loc,
					 "constraint \"%s\" of domain \"%s\" does not exist",
					 ad->name ? ad->name : "", name);
			return;
		}
		if (*ad->subtype == 'X')
			domain_con_drop(x, o, d, i);
		break;
	default:
		return;
	}
	if (x->st.rc)
		return;
	domain_texts(x, o, stmt);
}

void create_composite(ox *x, PgQuery__CompositeTypeStmt *ct, PgQuery__Node *stmt)
{
	const char *schema = sch(ct->typevar->schemaname);
	plumb_object *o = new_object(x, PLUMB_OBJ_TYPE, schema, ct->typevar->relname);
	if (!o)
		return;
	default_privileges_apply(x, o);
	o->renamed_from = annotation_at(x, x->loc);
	use_name(x, &x->relnames, schema, o->name);
	ct->typevar->schemaname = (char *)o->schema;
	o->sql = deparse(x, stmt);
	o->definition = stmt_text(x, stmt);
}

/* CREATE TYPE ... AS RANGE: the statement introspection writes from
 * pg_range (its subtype and difference function; the rest is the server's
 * choice or not modelled). */
void create_range(ox *x, PgQuery__CreateRangeStmt *rs, size_t loc)
{
	const char *schema, *name, *subtype = NULL, *diff = NULL;
	split_names(rs->type_name, rs->n_type_name, &schema, &name);
	if (find_object(x, PLUMB_OBJ_TYPE, schema, name)) {
		stmt_error(x, loc, "type already exists", name);
		return;
	}
	for (size_t i = 0; i < rs->n_params; i++) {
		if (rs->params[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		PgQuery__DefElem *d = rs->params[i]->def_elem;
		if (strcmp(d->defname, "subtype") == 0)
			subtype = def_type(x, d->arg);
		else if (strcmp(d->defname, "subtype_diff") == 0)
			diff = def_proc(x, d->arg);
	}
	if (!subtype) {
		error_at(x, loc, "type attribute \"subtype\" is required");
		return;
	}
	plumb_object *o = new_object(x, PLUMB_OBJ_TYPE, schema, name);
	if (!o)
		return;
	default_privileges_apply(x, o);
	o->sql = fmt(x, "CREATE TYPE %s.%s AS RANGE (SUBTYPE = %s%s%s)", qi(x, schema), qi(x, name),
		     subtype, diff ? ", SUBTYPE_DIFF = " : "", diff ? diff : "");
	char *d = NULL;
	if (o->sql)
		fail(x, plumb__pg_canon_stmt(x->st.ctx, x->st.arena, o->sql, &d));
	o->definition = d;
}

/* CREATE COLLATION: the fields pg_collation will hold. FROM copies a
 * collation of the files, or reads a built-in one's name: "C", "POSIX" and
 * "ucs_basic" (libc, C), "xx-x-icu" (ICU, locale xx), any other the libc
 * locale of that name. */
void create_collation(ox *x, PgQuery__DefineStmt *ds, size_t loc)
{
	const char *schema, *name;
	plumb_pg_collation c = {.provider = 'c', .deterministic = true};
	const char *locale = NULL;
	split_names(ds->defnames, ds->n_defnames, &schema, &name);
	if (find_object(x, PLUMB_OBJ_COLLATION, schema, name)) {
		if (!ds->if_not_exists)
			stmt_error(x, loc, "collation already exists", name);
		return;
	}
	for (size_t i = 0; i < ds->n_definition; i++) {
		if (ds->definition[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		PgQuery__DefElem *d = ds->definition[i]->def_elem;
		PgQuery__Node *arg = d->arg;
		const char *v = arg ? plumb__pg_strval(arg) : NULL;
		if (arg && arg->node_case == PG_QUERY__NODE__NODE_TYPE_NAME &&
		    arg->type_name->n_names)
			v = plumb__pg_strval(arg->type_name->names[arg->type_name->n_names - 1]);
		if (strcmp(d->defname, "from") == 0 && arg &&
		    arg->node_case == PG_QUERY__NODE__NODE_LIST && arg->list->n_items) {
			const char *fs, *fn;
			split_names(arg->list->items, arg->list->n_items, &fs, &fn);
			const plumb_object *src = find_object(x, PLUMB_OBJ_COLLATION, fs, fn);
			size_t n = strlen(fn);
			const collent *e = NULL;
			for (size_t j = 0; src && j < x->colls.n && !e; j++)
				if (((const collent *)x->colls.items[j])->o == src)
					e = x->colls.items[j];
			if (e) {
				c = e->c;
			} else if (n > 6 && strcmp(fn + n - 6, "-x-icu") == 0) {
				c.provider = 'i';
				c.locale = fmt(x, "%.*s", (int)(n - 6), fn);
			} else {
				c.collate = c.ctype = strcmp(fn, "ucs_basic") == 0 ? "C" : fn;
			}
		} else if (strcmp(d->defname, "provider") == 0 && v) {
			c.provider = strcmp(v, "icu") == 0 ? 'i' : strcmp(v, "builtin") == 0 ? 'b' : 'c';
		} else if (strcmp(d->defname, "locale") == 0 && v) {
			locale = v;
		} else if (strcmp(d->defname, "lc_collate") == 0 && v) {
			c.collate = v;
		} else if (strcmp(d->defname, "lc_ctype") == 0 && v) {
			c.ctype = v;
		} else if (strcmp(d->defname, "deterministic") == 0 && v) {
			c.deterministic = strcmp(v, "false") != 0 && strcmp(v, "off") != 0 &&
					  strcmp(v, "0") != 0;
		}
	}
	if (locale && c.provider == 'c') {
		c.collate = c.collate ? c.collate : locale;
		c.ctype = c.ctype ? c.ctype : locale;
	} else if (locale) {
		c.locale = locale;
	}
	plumb_object *o = new_object(x, PLUMB_OBJ_COLLATION, schema, name);
	if (!o)
		return;
	o->sql = plumb__pg_collation_define(x->st.arena, schema, name, &c);
	if (!o->sql)
		nomem(x);
	o->definition = o->sql;
	/* the fields, for a later CREATE COLLATION ... FROM this one */
	collent *e = plumb_arena_alloc(x->tmp, sizeof(*e));
	if (!e || plumb_vec_push(x->tmp, &x->colls, e) < 0) {
		nomem(x);
		return;
	}
	e->o = o;
	e->c = c;
	/* copies: the statement's tree goes after it */
	e->c.collate = dup(x, c.collate);
	e->c.ctype = dup(x, c.ctype);
	e->c.locale = dup(x, c.locale);
}

/* VERSION 'v' of CREATE EXTENSION, or UPDATE TO 'v' of ALTER EXTENSION. */
static void extension_version(ox *x, plumb_object *o, PgQuery__Node **opts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (opts[i]->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
		    strcmp(opts[i]->def_elem->defname, "new_version") == 0 &&
		    plumb__pg_strval(opts[i]->def_elem->arg))
			o->version = dup(x, plumb__pg_strval(opts[i]->def_elem->arg));
}

/* ALTER SEQUENCE: its options merged into those of its CREATE SEQUENCE. */
/* The serial column whose own sequence schema.seq is, written out as the
 * server keeps it (unfold_serial) so that the sequence can change. Rare (an
 * ALTER SEQUENCE or DROP SEQUENCE of a serial's sequence): one pass over
 * the tables. */
void unfold_serial_of(ox *x, const char *schema, const char *seq)
{
	for (size_t i = 0; i < x->cat->tables.n; i++) {
		plumb_table *t = x->cat->tables.items[i];
		if (strcmp(t->schema, schema) != 0)
			continue;
		for (size_t j = 0; j < t->columns.n; j++) {
			plumb_column *col = t->columns.items[j];
			if (plumb__pg_is_serial(col->type) &&
			    plumb__pg_is_serial_seq(t->schema, t->name, col->name, schema, seq)) {
				unfold_serial(x, t, col);
				return;
			}
		}
	}
}

void alter_sequence(ox *x, PgQuery__AlterSeqStmt *as)
{
	const char *schema = sch(as->sequence->schemaname);
	plumb_object *o = find_object(x, PLUMB_OBJ_SEQUENCE, schema, as->sequence->relname);
	if (!o && name_used(x, &x->relnames, schema, as->sequence->relname)) {
		unfold_serial_of(x, schema, as->sequence->relname);
		o = find_object(x, PLUMB_OBJ_SEQUENCE, schema, as->sequence->relname);
	}
	PgQuery__CreateSeqStmt *cs = o ? seq_stmt(x, o) : NULL;
	if (!cs) {
		/* the sequence of a serial or identity column is known, not modelled */
		if (!as->missing_ok && !name_used(x, &x->relnames, sch(as->sequence->schemaname),
						      as->sequence->relname))
			error_at(x, at(x, as->sequence->location), "relation \"%s\" does not exist",
				 shown(x, sch(as->sequence->schemaname), as->sequence->relname));
		return;
	}
	remember_owned_by(x, as->options, as->n_options);
	/* merge the options into the CREATE statement's */
	PgQuery__Node **v = alloc(x, (cs->n_options + as->n_options + 1) * sizeof(*v));
	if (!v)
		return;
	/* either list may be empty, its pointer NULL: memcpy must not see it */
	if (cs->n_options)
		memcpy(v, cs->options, cs->n_options * sizeof(*v));
	if (as->n_options)
		memcpy(v + cs->n_options, as->options, as->n_options * sizeof(*v));
	cs->options = v;
	cs->n_options += as->n_options;
}

/* CREATE EXTENSION: once per extension, in the schema it names. */
void create_extension(ox *x, PgQuery__CreateExtensionStmt *es)
{
	const char *schema = "public";
	if (strcmp(es->extname, "plpgsql") == 0)
		return;
	for (size_t i = 0; i < es->n_options; i++)
		if (es->options[i]->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
		    strcmp(es->options[i]->def_elem->defname, "schema") == 0 &&
		    plumb__pg_strval(es->options[i]->def_elem->arg))
			schema = plumb__pg_strval(es->options[i]->def_elem->arg);
	for (size_t i = 0; i < x->cat->objects.n; i++) {
		plumb_object *e = x->cat->objects.items[i];
		if (e->kind == PLUMB_OBJ_EXTENSION && strcmp(e->name, es->extname) == 0)
			return;
	}
	plumb_object *o = new_object(x, PLUMB_OBJ_EXTENSION, schema, es->extname);
	if (!o)
		return;
	fail(x, plumb__pg_extension_define(x->st.ctx, x->st.arena, o));
	extension_version(x, o, es->options, es->n_options);
	note_extension(x, o->name, o->schema);
}

/* ALTER EXTENSION ... UPDATE TO: the version it names. */
void alter_extension(ox *x, PgQuery__AlterExtensionStmt *ae)
{
	for (size_t i = 0; i < x->cat->objects.n; i++) {
		plumb_object *e = x->cat->objects.items[i];
		if (e->kind == PLUMB_OBJ_EXTENSION && strcmp(e->name, ae->extname) == 0)
			extension_version(x, e, ae->options, ae->n_options);
	}
}

/* CREATE SCHEMA (named, or after its AUTHORIZATION role); public is always there. */
void create_schema(ox *x, PgQuery__CreateSchemaStmt *cs)
{
	const char *name = !empty(cs->schemaname)			   ? cs->schemaname
			   : cs->authrole && !empty(cs->authrole->rolename) ? cs->authrole->rolename
									    : NULL;
	bool had = !name || strcmp(name, "public") == 0 ||
		   find_object(x, PLUMB_OBJ_SCHEMA, NULL, name);
	add_schema(x, name);
	if (!had && !x->st.rc)
		default_privileges_schema(x, name, cs->authrole);
	if (name && cs->authrole)
		owner_of_schema(x, name, cs->authrole);
}
