/*
 * The offline builder's columns and constraints: a column definition with its
 * type, default, identity, serial kind and generated expression, and its
 * storage, compression and options as ALTER COLUMN sets them; column and
 * table constraints (keys, checks, foreign keys, exclusions) with the names
 * PostgreSQL would give them, repeated keys merged, and the implicit casts
 * the server prints in a check, an index predicate or a generated
 * expression: over mixed numbers, and on a string literal compared with a
 * column (ts > '2020-01-01' is a timestamptz). An exclusion's operator
 * classes are offline_opclass.c's. It does not create tables or read ALTER
 * TABLE (offline_table.c) and does not check the tables foreign keys name
 * (offline.c, once all files are read).
 */
#include <assert.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dialect/pg/offline_int.h"

/* --- implicit casts ------------------------------------------------------------- */

/* The number types an operator mixes, ranked: the operand of the lower
 * type is cast to the higher one when that is numeric or double precision
 * (the integer types have cross-type operators and are never cast). The
 * server prints such a cast below an operator (pg_get_expr shows implicit
 * casts of operator arguments), so the offline text must have it too. */
typedef enum { NT_NONE, NT_INT2, NT_INT4, NT_INT8, NT_NUMERIC, NT_FLOAT8 } ntype;

static ntype ntype_of(const char *type)
{
	if (!type)
		return NT_NONE;
	if (strcmp(type, "smallint") == 0 || strcmp(type, "smallserial") == 0)
		return NT_INT2;
	if (strcmp(type, "integer") == 0 || strcmp(type, "serial") == 0)
		return NT_INT4;
	if (strcmp(type, "bigint") == 0 || strcmp(type, "bigserial") == 0)
		return NT_INT8;
	if (type_is(type, "numeric"))
		return NT_NUMERIC;
	if (strcmp(type, "double precision") == 0)
		return NT_FLOAT8;
	return NT_NONE;
}

/* An operator on numbers: arithmetic (with the result of the higher
 * operand type) or comparison. */
static const char *number_op(const PgQuery__AExpr *e, bool *compare)
{
	static const char *const arith[] = {"+", "-", "*", "/", "%"};
	static const char *const cmp[] = {"=", "<>", "<", ">", "<=", ">="};
	if (e->kind != PG_QUERY__A__EXPR__KIND__AEXPR_OP || !e->n_name || e->n_name > 2 ||
	    (e->n_name == 2 && strcmp(sch(plumb__pg_strval(e->name[0])), "pg_catalog") != 0))
		return NULL;
	const char *op = plumb__pg_strval(e->name[e->n_name - 1]);
	for (size_t i = 0; op && i < sizeof(arith) / sizeof(arith[0]); i++)
		if (strcmp(op, arith[i]) == 0) {
			*compare = false;
			return op;
		}
	for (size_t i = 0; op && i < sizeof(cmp) / sizeof(cmp[0]); i++)
		if (strcmp(op, cmp[i]) == 0) {
			*compare = true;
			return op;
		}
	return NULL;
}

/* The number type of an expression over the columns of t, or NT_NONE. */
static ntype expr_ntype(ox *x, plumb_table *t, PgQuery__Node *n)
{
	if (!n)
		return NT_NONE;
	switch (n->node_case) {
	case PG_QUERY__NODE__NODE_COLUMN_REF: {
		PgQuery__ColumnRef *c = n->column_ref;
		const char *name = c->n_fields == 1 ? plumb__pg_strval(c->fields[0]) : NULL;
		plumb_column *col = name ? find_column(t, name) : NULL;
		return col ? ntype_of(col->type) : NT_NONE;
	}
	case PG_QUERY__NODE__NODE_A_CONST: {
		PgQuery__AConst *k = n->a_const;
		if (k->val_case == PG_QUERY__A__CONST__VAL_IVAL)
			return NT_INT4;
		if (k->val_case != PG_QUERY__A__CONST__VAL_FVAL || !k->fval || !k->fval->fval)
			return NT_NONE;
		/* an integer beyond int4 is an int8 when it fits */
		char *end;
		errno = 0;
		(void)strtoll(k->fval->fval, &end, 10);
		return *end || errno == ERANGE ? NT_NUMERIC : NT_INT8;
	}
	case PG_QUERY__NODE__NODE_TYPE_CAST: {
		PgQuery__TypeName *tn = n->type_cast->type_name;
		return tn && !tn->n_array_bounds ? ntype_of(type_text(x, tn)) : NT_NONE;
	}
	case PG_QUERY__NODE__NODE_A_EXPR: {
		PgQuery__AExpr *e = n->a_expr;
		bool compare;
		if (!number_op(e, &compare) || compare)
			return NT_NONE;
		ntype r = expr_ntype(x, t, e->rexpr);
		if (!e->lexpr)
			return r; /* prefix + or - */
		ntype l = expr_ntype(x, t, e->lexpr);
		return l && r ? (l > r ? l : r) : NT_NONE;
	}
	default:
		return NT_NONE;
	}
}

/* arg cast to pg_catalog.type, or NULL out of memory. */
static PgQuery__Node *catalog_cast(ox *x, PgQuery__Node *arg, const char *type)
{
	PgQuery__Node *cast = plumb__pg_catalog_cast(x->st.arena, arg, type);
	if (!cast)
		nomem(x);
	return cast;
}

typedef struct castx {
	ox *x;
	plumb_table *t;
	const char *value_type; /* a domain's check: the type of VALUE */
} castx;

static void visit_implicit_cast(ProtobufCMessage *m, void *payload)
{
	castx *cx = payload;
	ox *x = cx->x;
	if (m->descriptor != &pg_query__a__expr__descriptor || x->st.rc)
		return;
	PgQuery__AExpr *e = (PgQuery__AExpr *)m;
	bool compare;
	if (!number_op(e, &compare) || !e->lexpr || !e->rexpr)
		return;
	ntype l = expr_ntype(x, cx->t, e->lexpr), r = expr_ntype(x, cx->t, e->rexpr);
	ntype high = l > r ? l : r;
	if (!l || !r || l == r || high < NT_NUMERIC)
		return;
	PgQuery__Node **low = l < r ? &e->lexpr : &e->rexpr;
	if ((*low)->node_case == PG_QUERY__NODE__NODE_A_CONST)
		return; /* canon.c drops casts of constants */
	PgQuery__Node *cast = catalog_cast(x, *low, high == NT_NUMERIC ? "numeric" : "float8");
	if (cast)
		*low = cast;
}

/* --- literals typed by the column they meet --------------------------------------- */

/* The type (in pg_catalog) an untyped string literal takes when an operator
 * meets it with a column of this type, when the server keeps such a literal
 * otherwise than written (its type's output of its input, or a number);
 * NULL for the others. The operator's type has no typmod: numeric(10,2)
 * meets a plain numeric. */
static const char *literal_type(const char *type)
{
	static const struct {
		const char *column, *catalog;
	} types[] = {
		{"timestamp with time zone", "timestamptz"},
		{"timestamp without time zone", "timestamp"},
		{"timestamp", "timestamp"},
		{"time with time zone", "timetz"},
		{"time without time zone", "time"},
		{"time", "time"},
		{"date", "date"},
		{"interval", "interval"},
		{"numeric", "numeric"},
		{"real", "float4"},
		{"double precision", "float8"},
		{"smallint", "int2"},
		{"integer", "int4"},
		{"bigint", "int8"},
		{"jsonb", "jsonb"},
		{"bytea", "bytea"},
		{"money", "money"},
		{"boolean", "bool"},
		{"uuid", "uuid"},
	};
	if (!type || strchr(type, '['))
		return NULL;
	/* the name without its typmod: timestamp(3) with time zone */
	char plain[64];
	size_t n = 0;
	for (const char *p = type; *p && n + 1 < sizeof(plain); p++) {
		if (*p == '(') {
			while (*p && *p != ')')
				p++;
			if (!*p)
				return NULL;
			continue;
		}
		plain[n++] = *p;
	}
	plain[n] = 0;
	for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
		size_t len = strlen(types[i].column);
		/* an interval's fields (interval day to second) are its typmod */
		bool fields = strcmp(types[i].column, "interval") == 0 && plain[len] == ' ';
		if (strncmp(plain, types[i].column, len) == 0 && (!plain[len] || fields))
			return types[i].catalog;
	}
	return NULL;
}

/* The type of what n names alone: a column of the table, or a domain's
 * VALUE; NULL for anything else. */
static const char *bare_type(const castx *cx, const PgQuery__Node *n)
{
	if (!n || n->node_case != PG_QUERY__NODE__NODE_COLUMN_REF || n->column_ref->n_fields != 1)
		return NULL;
	const char *name = plumb__pg_strval(n->column_ref->fields[0]);
	if (!name)
		return NULL;
	if (cx->value_type)
		return strcmp(name, "value") == 0 ? cx->value_type : NULL;
	plumb_column *c = cx->t ? find_column(cx->t, name) : NULL;
	return c ? c->type : NULL;
}

/* *slot, when an untyped string literal, cast to type (as its operator
 * gives it on the server; canon.c then writes it as the server keeps it). */
static void type_literal(ox *x, PgQuery__Node **slot, const char *type)
{
	PgQuery__Node *n = *slot;
	if (!n || n->node_case != PG_QUERY__NODE__NODE_A_CONST ||
	    n->a_const->val_case != PG_QUERY__A__CONST__VAL_SVAL)
		return;
	PgQuery__Node *cast = catalog_cast(x, n, type);
	if (cast)
		*slot = cast;
}

static bool op_is(const PgQuery__AExpr *e, const char *const *ops, size_t n)
{
	const char *op = e->n_name == 1 ? plumb__pg_strval(e->name[0]) : NULL;
	for (size_t i = 0; op && i < n; i++)
		if (strcmp(op, ops[i]) == 0)
			return true;
	return false;
}

static void visit_typed_literal(ProtobufCMessage *m, void *payload)
{
	castx *cx = payload;
	ox *x = cx->x;
	static const char *const cmp[] = {"=", "<>", "<", ">", "<=", ">=", "@>", "<@"};
	if (m->descriptor != &pg_query__a__expr__descriptor || x->st.rc)
		return;
	PgQuery__AExpr *e = (PgQuery__AExpr *)m;
	const char *l = bare_type(cx, e->lexpr), *r = bare_type(cx, e->rexpr);
	switch (e->kind) {
	case PG_QUERY__A__EXPR__KIND__AEXPR_OP: {
		const char *type = literal_type(l ? l : r);
		/* @> and <@ only of jsonb, whose operands are both jsonb */
		size_t n = type && strcmp(type, "jsonb") == 0 ? 8 : 6;
		if (type && op_is(e, cmp, n))
			type_literal(x, l ? &e->rexpr : &e->lexpr, type);
		return;
	}
	case PG_QUERY__A__EXPR__KIND__AEXPR_IN:
	case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
	case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN:
	case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
	case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM: {
		PgQuery__Node *list = e->rexpr;
		const char *type = literal_type(l);
		if (!type || strcmp(type, "jsonb") == 0 || !list ||
		    list->node_case != PG_QUERY__NODE__NODE_LIST)
			return;
		for (size_t i = 0; i < list->list->n_items && !x->st.rc; i++)
			type_literal(x, &list->list->items[i], type);
		return;
	}
	default:
		return;
	}
}

/* The text of an expression over the columns of table t (a check, a
 * generated column, an index's predicate), with the casts the server adds:
 * to literals a column's type meets, those of parse analysis (analyze.c),
 * and to mixed numbers. */
const char *table_expr_text(ox *x, plumb_table *t, PgQuery__Node *e)
{
	castx cx = {x, t, NULL};
	if (e && t) {
		plumb__pg_walk(&e->base, visit_typed_literal, &cx);
		fail(x, plumb__pg_analyze_table_expr(x->st.ctx, x->st.arena, x->cat, t, e));
		plumb__pg_walk(&e->base, visit_implicit_cast, &cx);
	}
	return expr_text(x, e);
}

void type_value_literals(ox *x, const char *type, PgQuery__Node *e)
{
	castx cx = {x, NULL, type};
	if (e && type)
		plumb__pg_walk(&e->base, visit_typed_literal, &cx);
}

/* --- columns and constraints ------------------------------------------------------ */

static const char *serial_kind(PgQuery__TypeName *tn)
{
	if (!tn || tn->n_array_bounds || tn->n_typmods)
		return NULL;
	const char *n = NULL;
	if (tn->n_names == 1)
		n = plumb__pg_strval(tn->names[0]);
	else if (tn->n_names == 2 && (strcmp(sch(plumb__pg_strval(tn->names[0])), "pg_catalog") == 0))
		n = plumb__pg_strval(tn->names[1]);
	return plumb__pg_serial_kind(n);
}

static const char **string_list(ox *x, PgQuery__Node **v, size_t n)
{
	const char **out = alloc(x, (n + 1) * sizeof(*out));
	for (size_t i = 0; out && i < n; i++)
		out[i] = dup(x, plumb__pg_strval(v[i]) ? plumb__pg_strval(v[i]) : "");
	return out;
}

/* Distinct column names an expression references. */
typedef struct colset {
	const char *names[2];
	size_t n;       /* up to 2 distinct */
} colset;

static void collect_col(ProtobufCMessage *m, void *p)
{
	colset *cs = p;
	if (m->descriptor != &pg_query__node__descriptor)
		return;
	PgQuery__Node *n = (PgQuery__Node *)m;
	if (n->node_case != PG_QUERY__NODE__NODE_COLUMN_REF)
		return;
	PgQuery__ColumnRef *c = n->column_ref;
	const char *name = c->n_fields ? plumb__pg_strval(c->fields[c->n_fields - 1]) : NULL;
	if (!name)
		return;
	for (size_t i = 0; i < cs->n && i < 2; i++)
		if (strcmp(cs->names[i], name) == 0)
			return;
	if (cs->n < 2)
		cs->names[cs->n] = name;
	cs->n++;
}

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* "Ab""c" -> Ab"c, in the catalog's arena. */
static const char *unquote_ident(ox *x, const char *q)
{
	size_t n = strlen(q);
	char *out = plumb_arena_alloc(x->st.arena, n + 1), *o = out;
	if (!out) {
		nomem(x);
		return q;
	}
	for (size_t i = 1; i + 1 < n; i++) {
		*o++ = q[i];
		if (q[i] == '"' && q[i + 1] == '"')
			i++;
	}
	*o = 0;
	return out;
}

plumb_constraint *new_constraint(ox *x, plumb_table *t, PgQuery__Constraint *c,
				 const char *column, plumb_vec *pending)
{
	plumb_constraint *k = alloc(x, sizeof(*k));
	pend *p = plumb_arena_alloc(x->tmp, sizeof(*p));
	if (!k || !p) {
		nomem(x);
		return NULL;
	}
	k->name = empty(c->conname) ? NULL : dup(x, c->conname);
	k->deferrable = c->deferrable;
	k->initially_deferred = c->initdeferred;
	/* CREATE TABLE and ADD COLUMN check their constraints at once (the
	 * server overrides NOT VALID there); alter_table sets it for ADD
	 * CONSTRAINT */
	k->not_valid = false;
	k->column_level = column != NULL;
	if (k->name)
		k->renamed_from = annotation_at(x, (size_t)c->location);
	switch (c->contype) {
	case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
	case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
		k->kind = c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY ? PLUMB_CON_PRIMARY_KEY
									     : PLUMB_CON_UNIQUE;
		if (column) {
			k->columns = alloc(x, sizeof(*k->columns));
			if (k->columns)
				k->columns[0] = dup(x, column);
			k->n_columns = 1;
		} else if (!empty(c->indexname)) {
			/* ADD ... USING INDEX i: the index's columns; the index
			 * becomes the constraint's (and takes its name). */
			bool found = false;
			for (size_t j = 0; j < x->cat->indexes.n && !found; j++) {
				plumb_index *ix = x->cat->indexes.items[j];
				if (!str_eq(ix->name, c->indexname) || !str_eq(ix->table, t->name) ||
				    !str_eq(ix->schema, t->schema))
					continue;
				k->columns = alloc(x, (ix->keys.n + 1) * sizeof(*k->columns));
				for (size_t n = 0; k->columns && n < ix->keys.n; n++) {
					const char *key = ix->keys.items[n];
					k->columns[n] = key[0] == '"' ? unquote_ident(x, key) : key;
				}
				k->n_columns = ix->keys.n;
				if (!k->name)
					k->name = ix->name;
				plumb_catalog_remove(x->cat, &x->cat->indexes, j);
				found = true;
			}
			if (!found) {
				error_at(x, at(x, c->location), "index \"%s\" does not exist", c->indexname);
				return NULL;
			}
		} else {
			k->columns = string_list(x, c->keys, c->n_keys);
			k->n_columns = c->n_keys;
			k->include = string_list(x, c->including, c->n_including);
			k->n_include = c->n_including;
		}
		if (c->nulls_not_distinct)
			k->check_sql = "NULLS NOT DISTINCT";
		break;
	case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
		k->kind = PLUMB_CON_CHECK;
		break;
	case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION:
		k->kind = PLUMB_CON_EXCLUDE;
		break;
	case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
		k->kind = PLUMB_CON_FOREIGN_KEY;
		if (column && !c->n_fk_attrs) {
			k->columns = alloc(x, sizeof(*k->columns));
			if (k->columns)
				k->columns[0] = dup(x, column);
			k->n_columns = 1;
		} else {
			k->columns = string_list(x, c->fk_attrs, c->n_fk_attrs);
			k->n_columns = c->n_fk_attrs;
		}
		/* the referenced table may come later: checked at the end */
		remember(x, &x->fks, k, c->pktable ? c->pktable->location : c->location);
		k->ref_schema = dup(x, sch(c->pktable ? c->pktable->schemaname : NULL));
		k->ref_table = dup(x, c->pktable ? c->pktable->relname : "");
		k->ref_columns = string_list(x, c->pk_attrs, c->n_pk_attrs);
		k->n_ref_columns = c->n_pk_attrs;
		k->on_update = plumb__pg_fk_action(c->fk_upd_action);
		k->on_delete = plumb__pg_fk_action(c->fk_del_action);
		k->match = c->fk_matchtype && *c->fk_matchtype == 'f'	? "FULL"
			   : c->fk_matchtype && *c->fk_matchtype == 'p' ? "PARTIAL"
									: "SIMPLE";
		break;
	default:
		return NULL;
	}
	p->con = k;
	p->node = c;
	p->column = column;
	if (plumb_vec_push(x->tmp, pending, p) < 0)
		nomem(x);
	return k;
}

static bool same_names(PgQuery__Node **a, size_t na, PgQuery__Node **b, size_t nb)
{
	if (na != nb)
		return false;
	for (size_t i = 0; i < na; i++)
		if (!str_eq(plumb__pg_strval(a[i]), plumb__pg_strval(b[i])))
			return false;
	return true;
}

/* Whether unique or primary key constraint q builds the same index as p. */
static bool same_key(const pend *p, const pend *q)
{
	const plumb_constraint *a = p->con, *b = q->con;
	if (a->n_columns != b->n_columns || !empty(p->node->indexname) ||
	    !empty(q->node->indexname) || a->deferrable != b->deferrable ||
	    a->initially_deferred != b->initially_deferred ||
	    p->node->nulls_not_distinct != q->node->nulls_not_distinct ||
	    !same_names(p->node->including, p->node->n_including, q->node->including,
			q->node->n_including))
		return false;
	for (size_t i = 0; i < a->n_columns; i++)
		if (!str_eq(a->columns[i], b->columns[i]))
			return false;
	return true;
}

/* One statement's unique constraint that repeats its primary key or an
 * earlier unique constraint is dropped ("UNIQUE PRIMARY KEY"), its name going
 * to the one kept when that has none, as transformIndexConstraints does. */
static void merge_repeated_keys(plumb_vec *pending)
{
	const pend *pk = NULL;
	for (size_t i = 0; i < pending->n && !pk; i++) {
		const pend *p = pending->items[i];
		if (p->con->kind == PLUMB_CON_PRIMARY_KEY)
			pk = p;
	}
	size_t kept = 0;
	for (size_t i = 0; i < pending->n; i++) {
		pend *q = pending->items[i];
		pend *prior = NULL;
		if (q->con->kind == PLUMB_CON_UNIQUE) {
			if (pk && same_key(pk, q))
				prior = (pend *)pk;
			for (size_t j = 0; j < kept && !prior; j++) {
				pend *p = pending->items[j];
				if (p->con->kind == PLUMB_CON_UNIQUE && same_key(p, q))
					prior = p;
			}
		}
		if (!prior) {
			pending->items[kept++] = q;
			continue;
		}
		if (!prior->con->name && q->con->name) {
			prior->con->name = q->con->name;
			prior->con->renamed_from = q->con->renamed_from;
		}
	}
	pending->n = kept;
}

/* Names the pending constraints of table t as PostgreSQL would (checks,
 * then the primary key, then unique and exclusion, then foreign keys),
 * fills their texts and adds them to t. */
void finish_constraints(ox *x, plumb_table *t, plumb_vec *pending)
{
	/* the columns a key names are the table's (once the statement has
	 * declared them all) */
	for (size_t i = 0; i < pending->n && !x->st.rc; i++) {
		const pend *p = pending->items[i];
		const plumb_constraint *k = p->con;
		bool key = k->kind == PLUMB_CON_PRIMARY_KEY || k->kind == PLUMB_CON_UNIQUE;
		if (!key && k->kind != PLUMB_CON_FOREIGN_KEY)
			continue;
		for (size_t j = 0; j < k->n_columns; j++)
			if (k->columns[j] && !find_column(t, k->columns[j])) {
				error_at(x, at(x, p->node->location),
					 key ? "column \"%s\" named in key does not exist"
					     : "column \"%s\" referenced in foreign key constraint does not exist",
					 k->columns[j]);
				return;
			}
		for (size_t j = 0; j < k->n_include; j++)
			if (k->include[j] && !find_column(t, k->include[j])) {
				error_at(x, at(x, p->node->location),
					 "column \"%s\" named in key does not exist",
					 k->include[j]);
				return;
			}
	}
	merge_repeated_keys(pending);
	for (size_t i = 0; i < pending->n; i++) {
		pend *p = pending->items[i];
		if (p->con->name) {
			use_name(x, &x->connames, t->schema, p->con->name);
			use_key_name(x, t, p->con);
		}
	}
	for (int pass = 0; pass < 4 && !x->st.rc; pass++) {
		for (size_t i = 0; i < pending->n && !x->st.rc; i++) {
			pend *p = pending->items[i];
			plumb_constraint *k = p->con;
			int want = k->kind == PLUMB_CON_CHECK		? 0
				   : k->kind == PLUMB_CON_PRIMARY_KEY ? 1
				   : k->kind == PLUMB_CON_FOREIGN_KEY ? 3
								      : 2;
			if (want != pass)
				continue;
			if (!k->name) {
				switch (k->kind) {
				case PLUMB_CON_CHECK: {
					colset cs = {{0}, 0};
					plumb__pg_walk(&p->node->raw_expr->base, collect_col, &cs);
					k->name = choose_name(x, t->schema, t->name,
							      cs.n == 1 ? cs.names[0] : NULL, "check",
							      false, true);
					break;
				}
				case PLUMB_CON_PRIMARY_KEY:
					k->name = choose_name(x, t->schema, t->name, NULL, "pkey", true, true);
					break;
				case PLUMB_CON_UNIQUE: {
					/* the index's columns name it, INCLUDE ones too */
					size_t n = k->n_columns + k->n_include;
					const char **all =
						plumb_arena_alloc(x->tmp, (n + 1) * sizeof(*all));
					if (!all) {
						nomem(x);
						return;
					}
					for (size_t j = 0; j < n; j++)
						all[j] = j < k->n_columns
								 ? k->columns[j]
								 : k->include[j - k->n_columns];
					const char **cols = index_colnames(x, all, n);
					k->name = choose_name(x, t->schema, t->name,
							      cols ? name_addition(x, cols, n) : "",
							      "key", true, true);
					break;
				}
				case PLUMB_CON_EXCLUDE: {
					size_t n = p->node->n_exclusions;
					const char **names = plumb_arena_alloc(x->tmp, (n + 1) * sizeof(*names));
					if (!names) {
						nomem(x);
						return;
					}
					for (size_t j = 0; j < n; j++) {
						PgQuery__Node *pair = p->node->exclusions[j];
						PgQuery__Node *el = pair->node_case == PG_QUERY__NODE__NODE_LIST &&
									    pair->list->n_items
									? pair->list->items[0]
									: NULL;
						const char *nm = "expr";
						if (el && el->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM) {
							PgQuery__IndexElem *ie = el->index_elem;
							if (!empty(ie->name))
								nm = ie->name;
							else if (plumb__pg_figure_colname(ie->expr))
								nm = plumb__pg_figure_colname(ie->expr);
						}
						names[j] = nm;
					}
					const char **cols = index_colnames(x, names, n);
					k->name = choose_name(x, t->schema, t->name,
							      cols ? name_addition(x, cols, n) : "", "excl",
							      true, true);
					break;
				}
				case PLUMB_CON_FOREIGN_KEY:
					k->name = choose_name(x, t->schema, t->name,
							      name_addition(x, k->columns, k->n_columns),
							      "fkey", false, true);
					break;
				}
				if (!k->name) {
					nomem(x);
					return;
				}
				use_name(x, &x->connames, t->schema, k->name);
				use_key_name(x, t, k);
			}
			if (k->kind == PLUMB_CON_CHECK) {
				char *written = NULL;
				if (p->node->raw_expr)
					fail(x, plumb__pg_expr_source_in(
							x->st.ctx, x->st.arena, x->texts,
							p->node->raw_expr, &written));
				k->check_sql = table_expr_text(x, t, p->node->raw_expr);
				if (written && k->check_sql && strcmp(written, k->check_sql) != 0)
					k->check_written = written;
			} else if (k->kind == PLUMB_CON_EXCLUDE) {
				/* as introspection: ALTER TABLE ... ADD CONSTRAINT, canonical,
				 * from EXCLUDE on */
				PgQuery__AlterTableCmd *cmd = alloc(x, sizeof(*cmd));
				PgQuery__AlterTableStmt *at = alloc(x, sizeof(*at));
				PgQuery__Node **cmds = alloc(x, sizeof(*cmds));
				if (x->st.rc)
					return;
				pg_query__alter_table_cmd__init(cmd);
				pg_query__alter_table_stmt__init(at);
				p->node->conname = (char *)k->name;
				for (size_t j = 0; j < p->node->n_exclusions; j++) {
					PgQuery__Node *pair = p->node->exclusions[j];
					PgQuery__Node *el =
						pair->node_case == PG_QUERY__NODE__NODE_LIST &&
								pair->list->n_items == 2
							? pair->list->items[0]
							: NULL;
					if (el && el->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM)
						index_opclass(x, t, p->node->access_method,
							      el->index_elem);
				}
				cmd->subtype = PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint;
				cmd->def = plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_CONSTRAINT, p->node);
				cmd->behavior = PG_QUERY__DROP_BEHAVIOR__DROP_RESTRICT;
				cmds[0] = plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_ALTER_TABLE_CMD, cmd);
				at->relation = mk_rangevar(x, t->schema, t->name);
				at->cmds = cmds;
				at->n_cmds = 1;
				at->objtype = PG_QUERY__OBJECT_TYPE__OBJECT_TABLE;
				PgQuery__Node *stmt =
					plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_ALTER_TABLE_STMT, at);
				/* as written, for the statements that add it (before
				 * stmt_text normalises the tree) */
				const char *w = stmt ? deparse(x, stmt) : NULL;
				const char *s = stmt_text(x, stmt);
				const char *ex = s ? strstr(s, " EXCLUDE ") : NULL;
				const char *wex = w ? strstr(w, " EXCLUDE ") : NULL;
				k->check_sql = ex ? ex + 1 : s;
				k->check_written = wex && k->check_sql && strcmp(wex + 1, k->check_sql) != 0
							   ? wex + 1
							   : NULL;
			}
			if (k->kind == PLUMB_CON_PRIMARY_KEY)
				for (size_t j = 0; j < k->n_columns; j++) {
					plumb_column *col = find_column(t, k->columns[j]);
					if (col)
						col->not_null = true;
				}
			push(x, &t->constraints, k);
		}
	}
	pending->n = 0;
}

/* A default's text. A string literal is a constant of the column's type:
 * the server reads it with the type's input function as it stores the
 * default (an interval with the column's fields), so for the types canon.c
 * coerces it is canonical as a cast to the column's type. */
static const char *default_text(ox *x, const plumb_column *col, PgQuery__Node *e)
{
	static const char *const coerced[] = {
		"numeric",	    "money",	 "interval", "bit",    "smallint", "integer",
		"bigint",	    "real",	 "date",     "time",   "jsonb",	   "bytea",
		"double precision", "timestamp", "uuid",     "boolean"};
	bool literal = e->node_case == PG_QUERY__NODE__NODE_A_CONST &&
		       e->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL && e->a_const->sval &&
		       e->a_const->sval->sval;
	for (size_t i = 0; literal && col->type && i < sizeof(coerced) / sizeof(coerced[0]); i++) {
		if (!type_is(col->type, coerced[i]))
			continue;
		plumb_buf b;
		char *out = NULL;
		plumb_buf_init(&b, x->tmp, 0);
		plumb_buf_quote_literal(&b, e->a_const->sval->sval);
		plumb_buf_printf(&b, "::%s", col->type);
		if (b.failed)
			nomem(x);
		else
			fail(x, plumb__pg_canon_expr(x->st.ctx, x->st.arena, b.data, &out));
		return x->st.rc ? NULL : out;
	}
	/* of a string column, a constant's cast to another string type stays */
	const char *cast = NULL;
	fail(x, plumb__pg_default_kept_cast(x->st.ctx, x->tmp, e, col->type, &cast));
	const char *text = expr_text(x, e);
	if (!text || !cast)
		return text;
	const char *out = plumb_arena_printf(x->st.arena, "%s::%s", text, cast);
	if (!out)
		nomem(x);
	return out;
}

/* A column's default as the server keeps it: a NULL coerced without a
 * length (a bare constant) is no default. */
void set_default(ox *x, plumb_column *col, PgQuery__Node *e)
{
	char *written = NULL;
	int rc = e ? plumb__pg_expr_source_in(x->st.ctx, x->st.arena, x->texts, e, &written) : 0;
	if (rc < 0)
		fail(x, rc);
	const char *d = e ? default_text(x, col, e) : NULL;
	if (d && strcmp(d, "NULL") == 0 && col->type && !strchr(col->type, '('))
		d = NULL;
	col->default_sql = d;
	col->default_written = d && written && strcmp(written, d) != 0 ? written : NULL;
}

/* A storage name as the column keeps it: upper case, NULL for the type's
 * own (or DEFAULT). */
static const char *storage_of(ox *x, const plumb_column *col, const char *name)
{
	if (empty(name) || strcasecmp(name, "default") == 0)
		return NULL;
	char *up = (char *)dup(x, name);
	for (char *c = up; c && *c; c++)
		if (*c >= 'a' && *c <= 'z')
			*c = (char)(*c - 'a' + 'A');
	return up && strcmp(up, plumb__pg_default_storage(col->type)) != 0 ? up : NULL;
}

/* A compression method as the column keeps it: NULL for DEFAULT. */
static const char *compression_of(ox *x, const char *name)
{
	return empty(name) || strcasecmp(name, "default") == 0 ? NULL : dup(x, name);
}

/* "name=value" of an option as the server stores it (the value as written). */
void set_column_storage(ox *x, plumb_column *col, PgQuery__AlterTableCmd *c)
{
	switch (c->subtype) {
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStorage:
		col->storage = storage_of(x, col, plumb__pg_strval(c->def));
		return;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetCompression:
		col->compression = compression_of(x, plumb__pg_strval(c->def));
		return;
	default:
		break;
	}
	/* SET (...) and RESET (...): the options kept, then those set */
	bool reset = c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ResetOptions;
	PgQuery__Node **defs = c->def && c->def->node_case == PG_QUERY__NODE__NODE_LIST
				       ? c->def->list->items
				       : NULL;
	size_t n_defs = defs ? c->def->list->n_items : 0;
	plumb_vec items = {0};
	for (const char *s = col->options; s && *s && !x->st.rc;) {
		const char *end = strstr(s, ", ");
		size_t len = end ? (size_t)(end - s) : strlen(s);
		const char *item = plumb_arena_strndup(x->tmp, s, len);
		bool gone = false;
		for (size_t i = 0; reset && item && i < n_defs; i++) {
			const char *name = defs[i]->node_case == PG_QUERY__NODE__NODE_DEF_ELEM
						   ? defs[i]->def_elem->defname
						   : NULL;
			size_t nl = name ? strlen(name) : 0;
			gone = gone || (name && strncmp(item, name, nl) == 0 && item[nl] == '=');
		}
		if (!item || (!gone && plumb_vec_push(x->tmp, &items, (void *)item)))
			nomem(x);
		s = end ? end + 2 : s + len;
	}
	for (size_t i = 0; !reset && i < n_defs && !x->st.rc; i++)
		if (defs[i]->node_case == PG_QUERY__NODE__NODE_DEF_ELEM) {
			const char *item = option_item(x, defs[i]->def_elem);
			if (!item || plumb_vec_push(x->tmp, &items, (void *)item))
				nomem(x);
		}
	if (!x->st.rc)
		fail(x, plumb__pg_column_options(x->st.ctx, x->st.arena,
						 (const char *const *)items.items, items.n,
						 &col->options));
}

/* Applies a column's constraints (NOT NULL, DEFAULT, IDENTITY, GENERATED,
 * and key constraints into pending). */
void column_constraints(ox *x, plumb_table *t, plumb_column *col, PgQuery__ColumnDef *cd,
			plumb_vec *pending)
{
	plumb_constraint *last = NULL;
	for (size_t i = 0; i < cd->n_constraints && !x->st.rc; i++) {
		if (cd->constraints[i]->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
			continue;
		PgQuery__Constraint *c = cd->constraints[i]->constraint;
		switch (c->contype) {
		case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
			col->not_null = true;
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_NULL:
			col->not_null = false;
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
			set_default(x, col, c->raw_expr);
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY: {
			seqopts s;
			read_seqopts(c->options, c->n_options, typid_of(cd->type_name), &s);
			col->identity = c->generated_when && *c->generated_when == 'a' ? "ALWAYS"
											 : "BY DEFAULT";
			const char *o = seq_text(x, &s);
			col->identity_options = o && *o ? o : NULL;
			col->not_null = true;
			use_name(x, &x->relnames, t->schema,
				 choose_name(x, t->schema, t->name, col->name, "seq", true, false));
			break;
		}
		case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED: {
			char *written = NULL;
			if (c->raw_expr)
				fail(x, plumb__pg_expr_source_in(x->st.ctx, x->st.arena, x->texts,
								 c->raw_expr, &written));
			col->generated_sql = table_expr_text(x, t, c->raw_expr);
			col->generated_written = written && col->generated_sql &&
							 strcmp(written, col->generated_sql) != 0
						 ? written
						 : NULL;
			col->generated_stored = true;
			break;
		}
		case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRABLE:
			if (last)
				last->deferrable = true;
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_NOT_DEFERRABLE:
			if (last)
				last->deferrable = false;
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_DEFERRED:
			if (last) {
				last->initially_deferred = true;
				last->deferrable = true;
			}
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_ATTR_IMMEDIATE:
			if (last)
				last->initially_deferred = false;
			break;
		default:
			last = new_constraint(x, t, c, col->name, pending);
			break;
		}
	}
}

/* A serial column whose sequence could not take serial's own name (another
 * relation had it, so ChooseRelationName added a number): as the server keeps
 * it and introspection reads it (introspect_table.c), an integer column with
 * a default and a sequence it owns, since serial would name it otherwise on
 * reload. */
static void serial_apart(ox *x, plumb_table *t, plumb_column *col, const char *seq)
{
	const char *base = plumb__pg_serial_base(col->type);
	const char *qs = fmt(x, "%s.%s", qi(x, t->schema), qi(x, seq));
	const char *sql = qs ? fmt(x, "CREATE SEQUENCE %s AS %s OWNED BY %s.%s.%s", qs, base,
				   qi(x, t->schema), qi(x, t->name), qi(x, col->name))
			     : NULL;
	PgQuery__ParseResult *pr = NULL;
	size_t off = 0;
	if (!sql || x->st.rc)
		return;
	fail(x, plumb__pg_parse(x->st.ctx, x->st.arena, sql, NULL, &pr, &off));
	if (x->st.rc)
		return;
	assert(pr->n_stmts == 1 &&
	       pr->stmts[0]->stmt->node_case == PG_QUERY__NODE__NODE_CREATE_SEQ_STMT);
	create_sequence(x, pr->stmts[0]->stmt->create_seq_stmt, x->loc);
	plumb_buf b;
	char *d = NULL;
	plumb_buf_init(&b, x->tmp, 0);
	plumb_buf_puts(&b, "nextval(");
	plumb_buf_quote_literal(&b, qs);
	plumb_buf_puts(&b, "::regclass)");
	if (b.failed)
		nomem(x);
	else
		fail(x, plumb__pg_canon_expr(x->st.ctx, x->st.arena, b.data, &d));
	col->type = base;
	col->default_sql = d;
}

void unfold_serial(ox *x, plumb_table *t, plumb_column *col)
{
	char seq[PLUMB_PG_NAMEDATALEN];
	if (!plumb__pg_is_serial(col->type))
		return;
	/* serial's own name: a column whose sequence had to take another is
	 * kept apart from the start (add_column) */
	plumb__pg_object_name(seq, t->name, col->name, "seq");
	const char *name = dup(x, seq);
	if (name)
		serial_apart(x, t, col, name);
}

plumb_column *add_column(ox *x, plumb_table *t, PgQuery__ColumnDef *cd, plumb_vec *pending)
{
	plumb_column *col = alloc(x, sizeof(*col));
	if (!col)
		return NULL;
	col->name = dup(x, cd->colname);
	col->renamed_from = annotation_at(x, (size_t)cd->location);
	const char *serial = serial_kind(cd->type_name), *seq = NULL;
	if (serial) {
		col->type = serial;
		col->not_null = true;
		seq = choose_name(x, t->schema, t->name, col->name, "seq", true, false);
		use_name(x, &x->relnames, t->schema, seq);
	} else {
		col->type = type_text(x, cd->type_name);
	}
	col->collation = collation_text(x, cd->coll_clause);
	col->compression = compression_of(x, cd->compression);
	col->storage = storage_of(x, col, cd->storage);
	if (cd->is_not_null)
		col->not_null = true;
	if (cd->n_fdwoptions) /* a foreign table's column */
		fdw_options_apply(x, &col->fdw_options, cd->fdwoptions, cd->n_fdwoptions, x->loc);
	column_constraints(x, t, col, cd, pending);
	if (serial)
		col->default_sql = NULL;
	if (serial && seq && !plumb__pg_is_serial_seq(t->schema, t->name, col->name, t->schema, seq))
		serial_apart(x, t, col, seq);
	/* its sequence is made with the default privileges ON SEQUENCES */
	if (serial && seq)
		default_privileges_relation(x, t->schema, seq, true);
	push(x, &t->columns, col);
	return col;
}
