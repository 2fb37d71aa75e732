/*
 * Canonical expressions: the tree of an expression normalised in place so
 * that what a user writes and what pg_get_expr prints become the same tree
 * (casts of literals folded as the server stores them, IN and BETWEEN
 * rewritten, AND/OR flattened, "public." and "pg_catalog." dropped, an
 * extension's OPERATOR(public.<>) included, CASE given its ELSE NULL), and
 * deparsed. Type names are canon_type.c's;
 * whole statements and view queries are canon_stmt.c's and canon_view.c's.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/canon_norm.h"
#include "dialect/pg/literal.h"

/* --- expressions ---------------------------------------------------------------- */

static bool is_const(const PgQuery__Node *n)
{
	return n && n->node_case == PG_QUERY__NODE__NODE_A_CONST;
}

static bool numeric_type(const char *c)
{
	static const char *const names[] = {"int2", "int4", "int8", "numeric", "float4", "float8"};
	for (size_t i = 0; c && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(c, names[i]) == 0)
			return true;
	return false;
}

static bool string_type(const char *c)
{
	return c && (strcmp(c, "text") == 0 || strcmp(c, "varchar") == 0 ||
		     strcmp(c, "bpchar") == 0);
}

/* Moves *p past the digits there; whether there was one. */
static bool skip_digits(const char **p)
{
	const char *start = *p;
	while (isdigit((unsigned char)**p))
		(*p)++;
	return *p != start;
}

static bool looks_numeric(const char *s)
{
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (!skip_digits(&p))
		return false;
	if (*p == '.') {
		p++;
		skip_digits(&p);
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!skip_digits(&p))
			return false;
	}
	return *p == 0 && s[0] != '+';
}

/* The string constant made a number constant (an integer when it fits). */
static void const_to_number(nx *x, PgQuery__AConst *c)
{
	const char *s = c->sval->sval;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end == 0 && v >= INT32_MIN && v <= INT32_MAX) {
		PgQuery__Integer *i = nalloc(x, sizeof(*i));
		if (!i)
			return;
		pg_query__integer__init(i);
		i->ival = (int32_t)v;
		c->val_case = PG_QUERY__A__CONST__VAL_IVAL;
		c->ival = i;
		return;
	}
	PgQuery__Float *f = nalloc(x, sizeof(*f));
	if (!f)
		return;
	pg_query__float__init(f);
	f->fval = (char *)s;
	c->val_case = PG_QUERY__A__CONST__VAL_FVAL;
	c->fval = f;
}

/* One part of a qualified name as regclassin reads it from *p (blanks
 * around it skipped, "quoted" kept with "" as ", unquoted folded to lower
 * case), into out (at least strlen(*p) + 1 bytes); *p moves past it and its
 * dot. False when it does not read. */
static bool regclass_part(const char **p, char *out)
{
	const char *s = *p;
	size_t n = 0;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '"') {
		for (s++;; s++) {
			if (!*s)
				return false;
			if (*s == '"' && s[1] != '"')
				break;
			out[n++] = *s;
			if (*s == '"')
				s++;
		}
		s++;
		if (!n)
			return false;
	} else {
		while (*s && *s != '.' && *s != ' ' && *s != '\t' && *s != '"') {
			out[n++] = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
			s++;
		}
		if (!n)
			return false;
	}
	out[n] = '\0';
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '.')
		s++;
	else if (*s)
		return false;
	*p = s;
	return true;
}

/* A regclass literal as the server prints it back with public on the
 * search path: 'public.x', '"public"."x"' and 'X' are 'x'; a name that
 * needs them keeps its quotes ('"Seq"'), another schema its qualifier.
 * Text that does not read as a name is left as written. */
static void norm_regclass_literal(nx *x, PgQuery__AConst *c)
{
	if (c->val_case != PG_QUERY__A__CONST__VAL_SVAL || !c->sval->sval)
		return;
	const char *p = c->sval->sval;
	size_t len = strlen(p);
	char *parts[3];
	size_t n = 0;
	while (*p) {
		if (n == 3 || !(parts[n] = nalloc(x, len + 1)) || !regclass_part(&p, parts[n]))
			return;
		n++;
	}
	if (!n || n == 3)
		return;
	plumb_buf b;
	plumb_buf_init(&b, x->a, len + 8);
	if (n == 2 && strcmp(parts[0], "public") != 0) {
		plumb_buf_puts(&b, plumb__pg_quote_ident(x->a, parts[0]));
		plumb_buf_putc(&b, '.');
	}
	plumb_buf_puts(&b, plumb__pg_quote_ident(x->a, parts[n - 1]));
	if (b.failed) {
		x->failed = true;
		return;
	}
	c->sval->sval = b.data;
}

/* Built-in functions whose result is text (unqualified or pg_catalog). */
static bool returns_text(const PgQuery__FuncCall *f)
{
	static const char *const names[] = {
		"current_setting", "lower",	  "upper",	"btrim",       "ltrim",
		"rtrim",	   "concat",	  "concat_ws",	"format",      "md5",
		"replace",	   "substr",	  "left",	"right",       "repeat",
		"reverse",	   "initcap",	  "to_char",	"quote_ident", "quote_literal",
		"translate",	   "lpad",	  "rpad",	"split_part",  "array_to_string",
		"string_agg",
	};
	if (!f->n_funcname || f->n_funcname > 2)
		return false;
	if (f->n_funcname == 2 && !str_is(f->funcname[0], "pg_catalog"))
		return false;
	const char *name = plumb__pg_strval(f->funcname[f->n_funcname - 1]);
	for (size_t i = 0; name && i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(name, names[i]) == 0)
			return true;
	return false;
}

/* k, a bit string (x'1F', B'101', or a string cast to bit), made the
 * bit-string constant of its binary digits (b'00011111'): a bit constant
 * the way the server prints it ('00011111'::"bit"), and one that keeps its
 * type when a cast above it goes (x'1F'::integer is 31, '00011111'::integer
 * is not). Left as it is when not a valid bit string. */
static void bits_const(nx *x, PgQuery__AConst *k, const char *s)
{
	char *out = NULL;
	if (plumb__pg_lit_bits(x->a, s, &out) < 0) {
		x->failed = true;
		return;
	}
	if (!out)
		return;
	PgQuery__BitString *bs = nalloc(x, sizeof(*bs));
	char *b = plumb_arena_printf(x->a, "b%s", out);
	if (!bs || !b) {
		x->failed = true;
		return;
	}
	pg_query__bit_string__init(bs);
	bs->bsval = b;
	k->val_case = PG_QUERY__A__CONST__VAL_BSVAL;
	k->bsval = bs;
}

/* k, a boolean constant of value (the server prints 'yes'::boolean as
 * true); left as it is when the server rejects the text (value -1). */
static void bool_const(nx *x, PgQuery__AConst *k, int value)
{
	if (value < 0)
		return;
	PgQuery__Boolean *b = nalloc(x, sizeof(*b));
	if (!b)
		return;
	pg_query__boolean__init(b);
	b->boolval = value == 1;
	k->val_case = PG_QUERY__A__CONST__VAL_BOOLVAL;
	k->boolval = b;
}

/* A string constant cast to numeric, money, bytea, bit, interval,
 * timestamptz, timestamp, date, time, timetz, jsonb, a float, uuid or
 * boolean becomes what the server stores: the type's output of the type's
 * input (literal.c, literal_time.c, literal_scalar.c). Only interval, the
 * timestamps and the times read the typmod; the others get it in a
 * separate cast. */
static void coerce_literal(nx *x, PgQuery__AConst *k, const PgQuery__TypeName *tn, const char *c)
{
	const char *s = k->sval->sval;
	char *out = NULL;
	int rc = 0;
	if (strcmp(c, "numeric") == 0) {
		rc = plumb__pg_lit_numeric(x->a, s, &out);
	} else if (strcmp(c, "money") == 0) {
		rc = plumb__pg_lit_money(x->a, s, &out);
	} else if (strcmp(c, "bytea") == 0) {
		rc = plumb__pg_lit_bytea(x->a, s, &out);
	} else if (strcmp(c, "bit") == 0 || strcmp(c, "varbit") == 0) {
		bits_const(x, k, s);
		return;
	} else if (strcmp(c, "interval") == 0) {
		long range = PLUMB_PG_IV_FULL, precision = -1;
		if (tn->n_typmods >= 1 && !typmod_int(tn->typmods[0], &range))
			return;
		if (tn->n_typmods >= 2 && !typmod_int(tn->typmods[1], &precision))
			return;
		rc = plumb__pg_lit_interval(x->a, s, (int)range, (int)precision, &out);
	} else if (strcmp(c, "timestamptz") == 0 || strcmp(c, "timestamp") == 0) {
		long precision = -1;
		if (tn->n_typmods >= 1 && !typmod_int(tn->typmods[0], &precision))
			return;
		rc = strcmp(c, "timestamptz") == 0
			     ? plumb__pg_lit_timestamptz(x->a, s, (int)precision, &out)
			     : plumb__pg_lit_timestamp(x->a, s, (int)precision, &out);
	} else if (strcmp(c, "date") == 0) {
		rc = plumb__pg_lit_date(x->a, s, &out);
	} else if (strcmp(c, "jsonb") == 0) {
		rc = plumb__pg_lit_jsonb(x->a, s, &out);
	} else if (strcmp(c, "time") == 0 || strcmp(c, "timetz") == 0) {
		long precision = -1;
		if (tn->n_typmods >= 1 && !typmod_int(tn->typmods[0], &precision))
			return;
		rc = c[4] ? plumb__pg_lit_timetz(x->a, s, (int)precision, &out)
			  : plumb__pg_lit_time(x->a, s, (int)precision, &out);
	} else if (strcmp(c, "float8") == 0 || strcmp(c, "float4") == 0) {
		rc = plumb__pg_lit_float(x->a, s, c[5] == '4', &out);
	} else if (strcmp(c, "uuid") == 0) {
		rc = plumb__pg_lit_uuid(x->a, s, &out);
	} else if (strcmp(c, "bool") == 0) {
		bool_const(x, k, plumb__pg_lit_bool(s));
		return;
	}
	if (rc < 0)
		x->failed = true;
	else if (out)
		k->sval->sval = out;
}

/* Constants as the server prints them: a number literal is a numeric
 * (1.5E+2 -> 150, .5 -> 0.5), a bit-string literal binary (x'1F' ->
 * b'00011111'). */
static void norm_const(nx *x, PgQuery__AConst *k)
{
	char *out = NULL;
	if (k->val_case == PG_QUERY__A__CONST__VAL_FVAL && k->fval && k->fval->fval) {
		if (plumb__pg_lit_numeric(x->a, k->fval->fval, &out) < 0)
			x->failed = true;
		else if (out)
			k->fval->fval = out;
	} else if (k->val_case == PG_QUERY__A__CONST__VAL_BSVAL && k->bsval && k->bsval->bsval) {
		bits_const(x, k, k->bsval->bsval);
	}
}

/* Whether elem (normalised, not an array) is the element type of array
 * (normalised, one level of brackets). */
static bool is_element_type(const PgQuery__TypeName *elem, const PgQuery__TypeName *array)
{
	if (!elem || elem->n_array_bounds || array->n_array_bounds != 1 ||
	    elem->n_names != array->n_names || elem->n_typmods != array->n_typmods)
		return false;
	for (size_t i = 0; i < elem->n_names; i++) {
		const char *a = plumb__pg_strval(elem->names[i]), *b = plumb__pg_strval(array->names[i]);
		if (!a || !b || strcmp(a, b) != 0)
			return false;
	}
	for (size_t i = 0; i < elem->n_typmods; i++) {
		long a, b;
		if (!typmod_int(elem->typmods[i], &a) || !typmod_int(array->typmods[i], &b) || a != b)
			return false;
	}
	return true;
}

static void norm_cast(nx *x, PgQuery__Node *n)
{
	PgQuery__TypeCast *tc = n->type_cast;
	PgQuery__Node *arg = tc->arg;
	if (!arg || !tc->type_name)
		return;
	plumb__pg_norm_type(tc->type_name);
	const char *c = tc->type_name->n_array_bounds ? NULL : catalog_type(tc->type_name);
	if (is_const(arg)) {
		PgQuery__AConst *k = arg->a_const;
		if (k->val_case == PG_QUERY__A__CONST__VAL_SVAL && k->sval && k->sval->sval && c)
			coerce_literal(x, k, tc->type_name, c);
		if (k->val_case == PG_QUERY__A__CONST__VAL_SVAL && k->sval && k->sval->sval) {
			/* not 1e+20, a float's output, which a number constant
			 * would read back as a numeric (100000000000000000000) */
			if (numeric_type(c) && looks_numeric(k->sval->sval) &&
			    !strpbrk(k->sval->sval, "eE"))
				const_to_number(x, k);
			else if (c && (strcmp(c, "regclass") == 0 || strcmp(c, "regconfig") == 0 ||
				       strcmp(c, "regdictionary") == 0))
				norm_regclass_literal(x, k); /* names in a schema alike */
		}
		/* a bit string keeps a cast to another type */
		if (k->val_case == PG_QUERY__A__CONST__VAL_BSVAL &&
		    !(c && (strcmp(c, "bit") == 0 || strcmp(c, "varbit") == 0)))
			return;
		*n = *arg;
		return;
	}
	if (arg->node_case == PG_QUERY__NODE__NODE_A_ARRAY_EXPR) {
		/* ARRAY[...] of constants, or of casts to the element type: the
		 * array has the type already and the server keeps no cast */
		PgQuery__AArrayExpr *ae = arg->a_array_expr;
		bool all = true;
		for (size_t i = 0; i < ae->n_elements; i++) {
			const PgQuery__Node *e = ae->elements[i];
			all = all && (is_const(e) || (e->node_case == PG_QUERY__NODE__NODE_TYPE_CAST &&
						      is_element_type(e->type_cast->type_name,
								      tc->type_name)));
		}
		if (all && ae->n_elements) {
			*n = *arg;
			return;
		}
	}
	if (arg->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && string_type(c) &&
	    !tc->type_name->n_typmods) {
		*n = *arg;
		return;
	}
	/* PostgreSQL drops a cast to text of a built-in that returns text */
	if (arg->node_case == PG_QUERY__NODE__NODE_FUNC_CALL && c && strcmp(c, "text") == 0 &&
	    returns_text(arg->func_call)) {
		*n = *arg;
		return;
	}
}

static PgQuery__Node *mk_op(nx *x, const char *op, PgQuery__Node *l, PgQuery__Node *r)
{
	PgQuery__AExpr *e = nalloc(x, sizeof(*e));
	PgQuery__Node **name = nalloc(x, sizeof(*name));
	if (!e || !name)
		return NULL;
	pg_query__a__expr__init(e);
	e->kind = PG_QUERY__A__EXPR__KIND__AEXPR_OP;
	name[0] = plumb__pg_string(x->a, op);
	if (!name[0])
		x->failed = true;
	e->name = name;
	e->n_name = 1;
	e->lexpr = l;
	e->rexpr = r;
	return mknode(x, PG_QUERY__NODE__NODE_A_EXPR, e);
}

static PgQuery__Node *mk_bool(nx *x, PgQuery__BoolExprType op, PgQuery__Node *a,
			      PgQuery__Node *b)
{
	PgQuery__BoolExpr *be = nalloc(x, sizeof(*be));
	PgQuery__Node **args = nalloc(x, 2 * sizeof(*args));
	if (!be || !args)
		return NULL;
	pg_query__bool_expr__init(be);
	be->boolop = op;
	args[0] = a;
	args[1] = b;
	be->args = args;
	be->n_args = b ? 2 : 1;
	return mknode(x, PG_QUERY__NODE__NODE_BOOL_EXPR, be);
}

/* BETWEEN SYMMETRIC as the server expands it: a BETWEEN b AND c either way
 * round, b first; NOT BETWEEN SYMMETRIC outside both. */
static PgQuery__Node *between_symmetric(nx *x, bool neg, PgQuery__Node *a, PgQuery__Node *b,
					PgQuery__Node *c)
{
	PgQuery__BoolExprType in = neg ? PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR
				       : PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR;
	PgQuery__BoolExprType out = neg ? PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR
					: PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR;
	const char *lo = neg ? "<" : ">=", *hi = neg ? ">" : "<=";
	return mk_bool(x, out, mk_bool(x, in, mk_op(x, lo, a, b), mk_op(x, hi, a, c)),
		       mk_bool(x, in, mk_op(x, lo, a, c), mk_op(x, hi, a, b)));
}

/* ROW(a, b) = ROW(c, d) as the server keeps it (make_row_comparison_op):
 * a = c AND b = d; <> is a <> c OR b <> d; rows of one column a plain =.
 * NULL for any other expression (ROW(a, b) < ROW(c, d) stays a row
 * comparison). */
static PgQuery__Node *row_equality(nx *x, PgQuery__AExpr *e, const char *op)
{
	bool eq = op && strcmp(op, "=") == 0;
	if (!op || e->n_name != 1 || (!eq && strcmp(op, "<>") != 0) || !e->lexpr || !e->rexpr ||
	    e->lexpr->node_case != PG_QUERY__NODE__NODE_ROW_EXPR ||
	    e->rexpr->node_case != PG_QUERY__NODE__NODE_ROW_EXPR)
		return NULL;
	PgQuery__RowExpr *l = e->lexpr->row_expr, *r = e->rexpr->row_expr;
	size_t n = l->n_args;
	if (!n || n != r->n_args)
		return NULL;
	if (n == 1)
		return mk_op(x, op, l->args[0], r->args[0]);
	PgQuery__BoolExpr *be = nalloc(x, sizeof(*be));
	PgQuery__Node **args = nalloc(x, n * sizeof(*args));
	if (!be || !args)
		return NULL;
	pg_query__bool_expr__init(be);
	be->boolop = eq ? PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR : PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR;
	for (size_t i = 0; i < n; i++)
		if (!(args[i] = mk_op(x, op, l->args[i], r->args[i])))
			return NULL;
	be->args = args;
	be->n_args = n;
	return mknode(x, PG_QUERY__NODE__NODE_BOOL_EXPR, be);
}

static void find_column(ProtobufCMessage *m, void *payload)
{
	if (m->descriptor == &pg_query__column_ref__descriptor)
		*(bool *)payload = true;
}

/* Does n name a column (a Var, to the server)? */
static bool has_column(PgQuery__Node *n)
{
	bool found = false;
	if (n)
		plumb__pg_walk(&n->base, find_column, &found);
	return found;
}

/* e IN (list) of items some of which name columns, as the server's
 * transformAExprIn keeps it: the items that do not, when there are two or
 * more, in one = ANY (<> ALL for NOT IN), then each other item compared on
 * its own, all ORed (ANDed for NOT IN). NULL when no item names a column
 * (the caller's = ANY of them all). */
static PgQuery__Node *in_with_columns(nx *x, PgQuery__AExpr *e, const char *op)
{
	PgQuery__List *l = e->rexpr->list;
	size_t n = l->n_items, consts = 0;
	for (size_t i = 0; i < n; i++)
		consts += !has_column(l->items[i]);
	if (consts == n)
		return NULL;
	bool neg = op && strcmp(op, "<>") == 0;
	PgQuery__Node **terms = nalloc(x, (n + 1) * sizeof(*terms));
	PgQuery__Node **cs = nalloc(x, (n + 1) * sizeof(*cs));
	PgQuery__BoolExpr *be = nalloc(x, sizeof(*be));
	if (!terms || !cs || !be)
		return NULL;
	size_t k = 0, m = 0;
	if (consts >= 2) {
		PgQuery__AArrayExpr *ae = nalloc(x, sizeof(*ae));
		PgQuery__AExpr *any = nalloc(x, sizeof(*any));
		if (!ae || !any)
			return NULL;
		for (size_t i = 0; i < n; i++)
			if (!has_column(l->items[i]))
				cs[m++] = l->items[i];
		pg_query__a__array_expr__init(ae);
		ae->elements = cs;
		ae->n_elements = m;
		*any = *e;
		any->kind = neg ? PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL
				: PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY;
		any->rexpr = mknode(x, PG_QUERY__NODE__NODE_A_ARRAY_EXPR, ae);
		terms[k++] = mknode(x, PG_QUERY__NODE__NODE_A_EXPR, any);
	}
	for (size_t i = 0; i < n; i++)
		if (consts < 2 || has_column(l->items[i]))
			terms[k++] = mk_op(x, neg ? "<>" : "=", e->lexpr, l->items[i]);
	for (size_t i = 0; i < k; i++)
		if (!terms[i])
			return NULL;
	pg_query__bool_expr__init(be);
	be->boolop = neg ? PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR : PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR;
	be->args = terms;
	be->n_args = k;
	return mknode(x, PG_QUERY__NODE__NODE_BOOL_EXPR, be);
}

static void norm_aexpr(nx *x, PgQuery__Node *n)
{
	PgQuery__AExpr *e = n->a_expr;
	const char *op = e->n_name ? plumb__pg_strval(e->name[e->n_name - 1]) : NULL;
	switch (e->kind) {
	case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
	case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE:
	case PG_QUERY__A__EXPR__KIND__AEXPR_SIMILAR:
		/* SIMILAR TO is ~ of similar_to_escape(pattern), as the grammar
		 * writes it and the server prints it */
		e->kind = PG_QUERY__A__EXPR__KIND__AEXPR_OP;
		break;
	case PG_QUERY__A__EXPR__KIND__AEXPR_IN: {
		PgQuery__Node *r = e->rexpr;
		if (!r || r->node_case != PG_QUERY__NODE__NODE_LIST || x->keep_in)
			break;
		if (r->list->n_items == 1) {
			/* one value: the server keeps a plain = (<> for NOT IN) */
			e->rexpr = r->list->items[0];
			e->kind = PG_QUERY__A__EXPR__KIND__AEXPR_OP;
			break;
		}
		PgQuery__Node *split = x->in_body ? NULL : in_with_columns(x, e, op);
		if (split) {
			*n = *split;
			break;
		}
		PgQuery__AArrayExpr *ae = nalloc(x, sizeof(*ae));
		if (!ae)
			return;
		pg_query__a__array_expr__init(ae);
		ae->elements = r->list->items;
		ae->n_elements = r->list->n_items;
		e->rexpr = mknode(x, PG_QUERY__NODE__NODE_A_ARRAY_EXPR, ae);
		e->kind = op && strcmp(op, "<>") == 0 ? PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL
						     : PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY;
		break;
	}
	case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN:
	case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN: {
		PgQuery__Node *r = e->rexpr;
		if (!r || r->node_case != PG_QUERY__NODE__NODE_LIST || r->list->n_items != 2)
			break;
		bool neg = e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN;
		PgQuery__BoolExpr *be = nalloc(x, sizeof(*be));
		PgQuery__Node **args = nalloc(x, 2 * sizeof(*args));
		if (!be || !args)
			return;
		pg_query__bool_expr__init(be);
		be->boolop = neg ? PG_QUERY__BOOL_EXPR_TYPE__OR_EXPR : PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR;
		args[0] = mk_op(x, neg ? "<" : ">=", e->lexpr, r->list->items[0]);
		args[1] = mk_op(x, neg ? ">" : "<=", e->lexpr, r->list->items[1]);
		be->args = args;
		be->n_args = 2;
		PgQuery__Node *nn = mknode(x, PG_QUERY__NODE__NODE_BOOL_EXPR, be);
		if (nn)
			*n = *nn;
		break;
	}
	case PG_QUERY__A__EXPR__KIND__AEXPR_BETWEEN_SYM:
	case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM: {
		PgQuery__Node *r = e->rexpr;
		if (!r || r->node_case != PG_QUERY__NODE__NODE_LIST || r->list->n_items != 2)
			break;
		PgQuery__Node *nn = between_symmetric(
			x, e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NOT_BETWEEN_SYM, e->lexpr,
			r->list->items[0], r->list->items[1]);
		if (nn)
			*n = *nn;
		return;
	}
	case PG_QUERY__A__EXPR__KIND__AEXPR_NOT_DISTINCT: {
		/* kept as NOT (a IS DISTINCT FROM b) */
		PgQuery__Node *d = mk_op(x, "=", e->lexpr, e->rexpr);
		PgQuery__Node *nn = d ? mk_bool(x, PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR, d, NULL) : NULL;
		if (!nn)
			return;
		d->a_expr->kind = PG_QUERY__A__EXPR__KIND__AEXPR_DISTINCT;
		*n = *nn;
		return;
	}
	case PG_QUERY__A__EXPR__KIND__AEXPR_OP: {
		PgQuery__Node *nn = row_equality(x, e, op);
		if (nn) {
			*n = *nn;
			return;
		}
		break;
	}
	default:
		break;
	}
	/* OPERATOR(public.<>) as the server prints an extension's operator */
	if (e->n_name == 2 && (str_is(e->name[0], "pg_catalog") || str_is(e->name[0], "public"))) {
		e->name++;
		e->n_name = 1;
	}
	e->location = 0;
}

static void norm_bool(nx *x, PgQuery__Node *n)
{
	PgQuery__BoolExpr *b = n->bool_expr;
	if (b->boolop == PG_QUERY__BOOL_EXPR_TYPE__NOT_EXPR)
		return;
	size_t count = 0;
	bool nested = false;
	for (size_t i = 0; i < b->n_args; i++) {
		PgQuery__Node *a = b->args[i];
		if (a && a->node_case == PG_QUERY__NODE__NODE_BOOL_EXPR && a->bool_expr->boolop == b->boolop) {
			count += a->bool_expr->n_args;
			nested = true;
		} else {
			count++;
		}
	}
	if (!nested)
		return;
	PgQuery__Node **args = nalloc(x, count * sizeof(*args));
	if (!args)
		return;
	size_t k = 0;
	for (size_t i = 0; i < b->n_args; i++) {
		PgQuery__Node *a = b->args[i];
		if (a && a->node_case == PG_QUERY__NODE__NODE_BOOL_EXPR && a->bool_expr->boolop == b->boolop) {
			for (size_t j = 0; j < a->bool_expr->n_args; j++)
				args[k++] = a->bool_expr->args[j];
		} else {
			args[k++] = a;
		}
	}
	b->args = args;
	b->n_args = k;
}

/* f(a, VARIADIC ARRAY[b, c]) -> f(a, b, c): the server prints every call
 * of a function with a VARIADIC array parameter in the first form. */
static void spread_variadic(nx *x, PgQuery__FuncCall *f)
{
	PgQuery__Node *last = f->n_args ? f->args[f->n_args - 1] : NULL;
	if (!f->func_variadic || !last || last->node_case != PG_QUERY__NODE__NODE_A_ARRAY_EXPR ||
	    !last->a_array_expr->n_elements)
		return;
	PgQuery__AArrayExpr *ae = last->a_array_expr;
	size_t n = f->n_args - 1 + ae->n_elements;
	PgQuery__Node **args = nalloc(x, n * sizeof(*args));
	if (!args)
		return;
	memcpy(args, f->args, (f->n_args - 1) * sizeof(*args));
	memcpy(args + f->n_args - 1, ae->elements, ae->n_elements * sizeof(*args));
	f->args = args;
	f->n_args = n;
	f->func_variadic = false;
}

static void norm_func(nx *x, PgQuery__FuncCall *f)
{
	spread_variadic(x, f);
	if (f->n_funcname == 2 &&
	    (str_is(f->funcname[0], "public") ||
	     (str_is(f->funcname[0], "pg_catalog") &&
	      f->funcformat != PG_QUERY__COERCION_FORM__COERCE_SQL_SYNTAX))) {
		f->funcname++;
		f->n_funcname = 1;
	}
	/* nextval('public.seq'::regclass) -> nextval('seq') */
	const char *name = plumb__pg_strval(f->funcname[f->n_funcname - 1]);
	if (name && f->n_args >= 1 && is_const(f->args[0]) &&
	    (strcmp(name, "nextval") == 0 || strcmp(name, "currval") == 0 ||
	     strcmp(name, "setval") == 0))
		norm_regclass_literal(x, f->args[0]->a_const);
	f->location = 0;
}

static void norm_case(nx *x, PgQuery__CaseExpr *c)
{
	if (c->defresult)
		return;
	PgQuery__AConst *k = nalloc(x, sizeof(*k));
	if (!k)
		return;
	pg_query__a__const__init(k);
	k->isnull = true;
	c->defresult = mknode(x, PG_QUERY__NODE__NODE_A_CONST, k);
}

void plumb__pg_nx_visit_expr(ProtobufCMessage *m, nx *x)
{
	if (m->descriptor == &pg_query__type_name__descriptor) {
		plumb__pg_norm_type((PgQuery__TypeName *)m);
		return;
	}
	if (m->descriptor == &pg_query__range_var__descriptor) {
		PgQuery__RangeVar *rv = (PgQuery__RangeVar *)m;
		if (rv->schemaname && strcmp(rv->schemaname, "public") == 0)
			rv->schemaname = NULL;
		if (rv->schemaname && !*rv->schemaname)
			rv->schemaname = NULL;
		rv->location = 0;
		return;
	}
	if (m->descriptor != &pg_query__node__descriptor)
		return;
	PgQuery__Node *n = (PgQuery__Node *)m;
	switch (n->node_case) {
	case PG_QUERY__NODE__NODE_TYPE_CAST:
		norm_cast(x, n);
		break;
	case PG_QUERY__NODE__NODE_A_EXPR:
		norm_aexpr(x, n);
		break;
	case PG_QUERY__NODE__NODE_BOOL_EXPR:
		norm_bool(x, n);
		break;
	case PG_QUERY__NODE__NODE_FUNC_CALL:
		norm_func(x, n->func_call);
		break;
	case PG_QUERY__NODE__NODE_CASE_EXPR:
		norm_case(x, n->case_expr);
		break;
	case PG_QUERY__NODE__NODE_SUB_LINK:
		/* OPERATOR(public.=) ANY (SELECT ...), as the server prints an
		 * extension's operator; = ANY (SELECT ...) is IN (SELECT ...) */
		if (n->sub_link->n_oper_name == 2 &&
		    (str_is(n->sub_link->oper_name[0], "public") ||
		     str_is(n->sub_link->oper_name[0], "pg_catalog"))) {
			n->sub_link->oper_name++;
			n->sub_link->n_oper_name = 1;
		}
		if (n->sub_link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK &&
		    n->sub_link->n_oper_name == 1 && str_is(n->sub_link->oper_name[0], "="))
			n->sub_link->n_oper_name = 0;
		n->sub_link->location = 0;
		break;
	case PG_QUERY__NODE__NODE_A_CONST:
		norm_const(x, n->a_const);
		break;
	case PG_QUERY__NODE__NODE_ROW_EXPR:
		/* (a, b) is ROW(a, b), as the server prints every row */
		n->row_expr->row_format = PG_QUERY__COERCION_FORM__COERCE_EXPLICIT_CALL;
		n->row_expr->location = 0;
		break;
	case PG_QUERY__NODE__NODE_COLUMN_REF: {
		PgQuery__ColumnRef *c = n->column_ref;
		if (c->n_fields == 3 && str_is(c->fields[0], "public")) {
			c->fields++;
			c->n_fields--;
		}
		c->location = 0;
		break;
	}
	default:
		break;
	}
}

/* A type name without typmod, schema or array bounds but n of them: its
 * pg_catalog name, else NULL. */
static const char *plain_type(const PgQuery__TypeName *tn, size_t bounds)
{
	return tn && !tn->n_typmods && tn->n_array_bounds == bounds ? catalog_type(tn) : NULL;
}

/* What plumb__pg_written_expr finds: how many IN lists it put back. */
typedef struct restore {
	nx *x;
	size_t n;
} restore;

/* A string or number constant cast to a plain type (no typmod, schema or
 * bounds): the type's pg_catalog name, else NULL. */
static const char *typed_string(const PgQuery__Node *k)
{
	if (!k || k->node_case != PG_QUERY__NODE__NODE_TYPE_CAST || !is_const(k->type_cast->arg))
		return NULL;
	const PgQuery__AConst *c = k->type_cast->arg->a_const;
	if (c->isnull || (c->val_case != PG_QUERY__A__CONST__VAL_SVAL &&
			  c->val_case != PG_QUERY__A__CONST__VAL_IVAL &&
			  c->val_case != PG_QUERY__A__CONST__VAL_FVAL))
		return NULL;
	return plain_type(k->type_cast->type_name, 0);
}

/* The elements of an ARRAY[...] of two or more string constants all cast to
 * one type: that type, else NULL. */
static const char *typed_strings(const PgQuery__Node *a)
{
	if (!a || a->node_case != PG_QUERY__NODE__NODE_A_ARRAY_EXPR || a->a_array_expr->n_elements < 2)
		return NULL;
	const PgQuery__AArrayExpr *ae = a->a_array_expr;
	const char *t = typed_string(ae->elements[0]);
	for (size_t i = 1; t && i < ae->n_elements; i++) {
		const char *u = typed_string(ae->elements[i]);
		if (!u || strcmp(u, t) != 0)
			t = NULL;
	}
	return t;
}

/* An IN list as the server keeps it and prints it, put back where its
 * canonical text (= ANY of an array of constants without their casts)
 * would read back as another tree, or not at all:
 *   - on a varchar e, ((e)::text = ANY ((ARRAY['a'::character varying,
 *     ...])::text[])): read back, the casts go inside the array;
 *   - of constants of another type than text, (d = ANY (ARRAY['2020-01-01'::date,
 *     ...])): without the casts the array is text[], and date = text no
 *     operator; (n <> ALL (ARRAY[(1)::numeric, ...])): without them, an
 *     integer[] cast to numeric[] as a whole.
 * e IN ('a', ...) gives the same tree again; <> ALL is NOT IN. */
static void restore_in(ProtobufCMessage *m, void *payload)
{
	restore *r = payload;
	if (m->descriptor != &pg_query__node__descriptor)
		return;
	PgQuery__Node *n = (PgQuery__Node *)m;
	if (n->node_case != PG_QUERY__NODE__NODE_A_EXPR)
		return;
	PgQuery__AExpr *e = n->a_expr;
	const char *op = e->n_name == 1 ? plumb__pg_strval(e->name[0]) : NULL;
	bool any = e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ANY;
	if (!op || !e->lexpr || !e->rexpr ||
	    !(any ? strcmp(op, "=") == 0
		  : e->kind == PG_QUERY__A__EXPR__KIND__AEXPR_OP_ALL && strcmp(op, "<>") == 0))
		return;
	PgQuery__Node *l = e->lexpr, *a = e->rexpr, *arr = NULL;
	if (l->node_case == PG_QUERY__NODE__NODE_TYPE_CAST) {
		/* the varchar form */
		const char *lt = plain_type(l->type_cast->type_name, 0);
		const char *at = a->node_case == PG_QUERY__NODE__NODE_TYPE_CAST
					 ? plain_type(a->type_cast->type_name, 1)
					 : NULL;
		const char *et = at ? typed_strings(a->type_cast->arg) : NULL;
		if (!lt || !at || !et || strcmp(lt, "text") != 0 || strcmp(at, "text") != 0 ||
		    strcmp(et, "varchar") != 0)
			return;
		arr = a->type_cast->arg;
		l = l->type_cast->arg;
	} else {
		const char *et = typed_strings(a);
		if (!et || strcmp(et, "text") == 0)
			return;
		arr = a;
	}
	const PgQuery__AArrayExpr *ae = arr->a_array_expr;
	PgQuery__List *list = nalloc(r->x, sizeof(*list));
	PgQuery__Node **items = nalloc(r->x, ae->n_elements * sizeof(*items));
	if (!list || !items)
		return;
	pg_query__list__init(list);
	for (size_t i = 0; i < ae->n_elements; i++)
		items[i] = ae->elements[i]->type_cast->arg;
	list->items = items;
	list->n_items = ae->n_elements;
	PgQuery__Node *ln = mknode(r->x, PG_QUERY__NODE__NODE_LIST, list);
	if (!ln)
		return;
	e->kind = PG_QUERY__A__EXPR__KIND__AEXPR_IN;
	e->lexpr = l;
	e->rexpr = ln;
	r->n++;
}

int plumb__pg_written_expr(plumb_arena *arena, PgQuery__Node *expr, bool *changed)
{
	nx x = {arena, false, NULL, true, false};
	restore r = {&x, 0};
	plumb__pg_walk(&expr->base, restore_in, &r);
	*changed = r.n > 0;
	if (r.n && !x.failed)
		plumb__pg_nx_walk(&expr->base, plumb__pg_nx_visit_expr, &x, NULL, true);
	return x.failed ? -1 : 0;
}

int plumb__pg_restore_in(plumb_arena *arena, ProtobufCMessage *root, size_t *n)
{
	nx x = {arena, false, NULL, true, false};
	restore r = {&x, 0};
	plumb__pg_walk(root, restore_in, &r);
	*n += r.n;
	return x.failed ? -1 : 0;
}

int plumb__pg_norm_expr(plumb_arena *arena, PgQuery__Node *expr)
{
	nx x = {arena, false, NULL, false, false};
	plumb__pg_nx_walk(&expr->base, plumb__pg_nx_visit_expr, &x, NULL, true);
	return x.failed ? -1 : 0;
}
int plumb__pg_expr_source_in(plumb_ctx *ctx, plumb_arena *arena, plumb_pg_texts *t,
			     PgQuery__Node *expr, char **out)
{
	return plumb__pg_texts_deparse_expr(ctx, arena, t, expr, out);
}

int plumb__pg_expr_text_in(plumb_ctx *ctx, plumb_arena *arena, plumb_pg_texts *t,
			   PgQuery__Node *expr, char **out)
{
	if (plumb__pg_norm_expr(arena, expr) < 0)
		return plumb_error_nomem(ctx);
	return plumb__pg_texts_deparse_expr(ctx, arena, t, expr, out);
}

int plumb__pg_expr_source(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *expr, char **out)
{
	return plumb__pg_expr_source_in(ctx, arena, NULL, expr, out);
}

int plumb__pg_expr_text(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *expr, char **out)
{
	return plumb__pg_expr_text_in(ctx, arena, NULL, expr, out);
}
