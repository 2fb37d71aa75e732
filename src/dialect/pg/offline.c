/*
 * The offline builder: PostgreSQL schema files parsed with libpg_query and
 * turned into the catalog the server would show after running them, with
 * PostgreSQL's own rules for implicit names (ChooseRelationName,
 * makeObjectName), serial and identity columns, NOT NULL of primary keys and
 * canonical texts (canon.c, model.c; view queries analysed first by
 * analyze.c), so that it equals what introspection reads. It runs nothing; statements it has no model for (SET,
 * INSERT, ...) are ignored, and a DROP forgets an object created earlier.
 */
#include <ctype.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/sticky.h"

#define NAMEDATALEN 64

typedef struct ann {
	size_t start, end;  /* the comment's byte range */
	bool own_line;      /* nothing but blanks before it on its line */
	int line;
	const char *old;    /* the annotation's OLD name */
} ann;

typedef struct ox {
	plumb_pg_sticky st; /* ctx, the catalog's arena, the first failure */
	plumb_arena *tmp;   /* parse trees, scratch */
	plumb_catalog *cat;
	const plumb_sql_file *f;
	const char *text;   /* the file's text, NUL-terminated */
	ann *anns;
	size_t n_anns;
	plumb_vec relnames; /* "schema\x1fname" of every relation (pg_class) */
	plumb_vec connames; /* "schema\x1fname" of every constraint */
	plumb_vec seqs;     /* seqent *: sequences and their statements */
	plumb_vec grants;   /* gstate *: privileges per (target, grantee), GRANT/REVOKE applied */
	plumb_vec colls;    /* collent *: collations and their fields */
} ox;

/* The sticky failure (sticky.h). */
#define fail(x, rc) plumb__pg_fail(&(x)->st, (rc))
#define nomem(x) plumb__pg_nomem(&(x)->st)
#define alloc(x, size) plumb__pg_alloc(&(x)->st, (size))
#define dup(x, s) plumb__pg_dup(&(x)->st, (s))
#define push(x, v, p) plumb__pg_push(&(x)->st, (v), (p))
#define fmt(x, ...) plumb__pg_fmt(&(x)->st, __VA_ARGS__)

typedef struct collent {
	plumb_object *o;
	plumb_pg_collation c;
} collent;

typedef struct seqent {
	plumb_object *o;
	PgQuery__CreateSeqStmt *cs;
} seqent;

static PgQuery__CreateSeqStmt *seq_stmt(ox *x, plumb_object *o)
{
	for (size_t i = 0; i < x->seqs.n; i++) {
		seqent *e = x->seqs.items[i];
		if (e->o == o)
			return e->cs;
	}
	return NULL;
}

/* A constraint being built, with the node it came from. */
typedef struct pend {
	plumb_constraint *con;
	PgQuery__Constraint *node;
	const char *column; /* column-level: the column */
} pend;

static const char *sch(const char *s)
{
	return s && *s ? s : "public";
}

static bool empty(const char *s)
{
	return !s || !*s;
}

static const char *qname(ox *x, const char *schema, const char *name)
{
	if (x->st.rc)
		return "";
	char *s = plumb__pg_qualified(x->st.arena, schema, name);
	if (!s)
		nomem(x);
	return s ? s : "";
}

/* quote_ident() */
static const char *qi(ox *x, const char *s)
{
	if (x->st.rc)
		return "";
	char *q = plumb__pg_quote_ident(x->st.arena, s);
	if (!q)
		nomem(x);
	return q ? q : "";
}

/* Records a problem with a statement at its position. */
static int stmt_error(ox *x, size_t offset, const char *msg, const char *what)
{
	int line, col;
	plumb_text_position(x->text, offset, &line, &col);
	fail(x, plumb_error_set_at(x->st.ctx, PLUMB_EPARSE, x->f->path, line, col, "%s%s%s", msg,
				   what ? ": " : "", what ? what : ""));
	return x->st.rc;
}

/* --- names ---------------------------------------------------------------- */

static char *key_of(ox *x, const char *schema, const char *name)
{
	char *k = plumb_arena_printf(x->tmp, "%s\x1f%s", schema, name);
	if (!k)
		nomem(x);
	return k;
}

static bool name_used(const plumb_vec *v, const char *k)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->items[i], k) == 0)
			return true;
	return false;
}

static void use_name(ox *x, plumb_vec *v, const char *schema, const char *name)
{
	char *k = key_of(x, schema, name);
	if (k && !name_used(v, k) && plumb_vec_push(x->tmp, v, k) < 0)
		nomem(x);
}

static void forget_name(ox *x, plumb_vec *v, const char *schema, const char *name)
{
	char *k = key_of(x, schema, name);
	for (size_t i = 0; k && i < v->n; i++)
		if (strcmp(v->items[i], k) == 0) {
			plumb_vec_remove(v, i);
			return;
		}
}

/* Length of s clipped to at most n bytes without splitting a character. */
static size_t clip(const char *s, size_t n)
{
	size_t len = strlen(s);
	if (len <= n)
		return len;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

/* makeObjectName: name1[_name2][_label] within 63 bytes, the longer part
 * truncated first. */
static char *make_object_name(ox *x, const char *name1, const char *name2, const char *label)
{
	size_t overhead = 0, avail, n1 = strlen(name1), n2 = name2 ? strlen(name2) : 0;
	if (name2)
		overhead++;
	if (label)
		overhead += strlen(label) + 1;
	avail = NAMEDATALEN - 1 - overhead;
	while (n1 + n2 > avail) {
		if (n1 > n2)
			n1--;
		else
			n2--;
	}
	n1 = clip(name1, n1);
	if (name2)
		n2 = clip(name2, n2);
	char *s = plumb_arena_printf(x->st.arena, "%.*s%s%.*s%s%s", (int)n1, name1, name2 ? "_" : "",
				     (int)n2, name2 ? name2 : "", label ? "_" : "", label ? label : "");
	if (!s)
		nomem(x);
	return s;
}

/* ChooseRelationName / ChooseConstraintName: label, label1, label2, ...
 * until the name is free among relations (rel) and/or constraints (con). */
static char *choose_name(ox *x, const char *schema, const char *name1, const char *name2,
			 const char *label, bool rel, bool con)
{
	for (int pass = 0; !x->st.rc; pass++) {
		char mod[NAMEDATALEN + 12];
		snprintf(mod, sizeof(mod), pass ? "%s%d" : "%s", label, pass);
		char *n = make_object_name(x, name1, name2, mod);
		char *k = n ? key_of(x, schema, n) : NULL;
		if (!k)
			return NULL;
		if ((!rel || !name_used(&x->relnames, k)) && (!con || !name_used(&x->connames, k)))
			return n;
	}
	return NULL;
}

/* ChooseIndexNameAddition: names joined by "_", stopping past 63 bytes. */
static char *name_addition(ox *x, const char *const *names, size_t n)
{
	char buf[NAMEDATALEN * 2 + 2];
	size_t len = 0;
	buf[0] = 0;
	for (size_t i = 0; i < n; i++) {
		if (len > 0)
			buf[len++] = '_';
		size_t l = strlen(names[i]);
		if (l > NAMEDATALEN - 1)
			l = NAMEDATALEN - 1;
		memcpy(buf + len, names[i], l);
		len += l;
		buf[len] = 0;
		if (len >= NAMEDATALEN)
			break;
	}
	char *s = plumb_arena_strdup(x->tmp, buf);
	if (!s)
		nomem(x);
	return s;
}

/* ChooseIndexColumnNames: duplicates get 1, 2, ... */
static const char **index_colnames(ox *x, const char *const *orig, size_t n)
{
	const char **out = plumb_arena_alloc(x->tmp, (n + 1) * sizeof(*out));
	if (!out) {
		nomem(x);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const char *cur = orig[i];
		for (int k = 1;; k++) {
			bool clash = false;
			for (size_t j = 0; j < i; j++)
				clash = clash || strcmp(out[j], cur) == 0;
			if (!clash)
				break;
			char nb[16];
			snprintf(nb, sizeof(nb), "%d", k);
			size_t l = clip(orig[i], NAMEDATALEN - 1 - strlen(nb));
			cur = plumb_arena_printf(x->tmp, "%.*s%s", (int)l, orig[i], nb);
			if (!cur) {
				nomem(x);
				return NULL;
			}
		}
		out[i] = cur;
	}
	return out;
}

/* --- annotations ------------------------------------------------------------- */

/* The OLD of a `-- plumb:renamed from=OLD` (or sqldef's `@renamed`)
 * comment, or NULL. */
static const char *parse_annotation(ox *x, const char *p, size_t len)
{
	const char *end = p + len;
	if (len >= 2 && p[0] == '-' && p[1] == '-') {
		p += 2;
	} else if (len >= 4 && p[0] == '/' && p[1] == '*') {
		p += 2;
		end -= 2;
	}
	while (p < end && isspace((unsigned char)*p))
		p++;
	size_t n = 0;
	if ((size_t)(end - p) >= 13 && strncasecmp(p, "plumb:renamed", 13) == 0)
		n = 13;
	else if ((size_t)(end - p) >= 8 && strncasecmp(p, "@renamed", 8) == 0)
		n = 8;
	if (!n)
		return NULL;
	p += n;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (end - p < 5 || strncasecmp(p, "from=", 5) != 0)
		return NULL;
	p += 5;
	plumb_buf b;
	plumb_buf_init(&b, x->st.arena, 0);
	if (p < end && *p == '"') {
		for (p++; p < end; p++) {
			if (*p == '"') {
				if (p + 1 < end && p[1] == '"')
					p++;
				else
					break;
			}
			plumb_buf_putc(&b, *p);
		}
	} else {
		while (p < end && !isspace((unsigned char)*p) && *p != '*')
			plumb_buf_putc(&b, *p++);
	}
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return NULL;
	}
	return b.len ? b.data : NULL;
}

static void scan_annotations(ox *x)
{
	x->anns = NULL;
	x->n_anns = 0;
	if (!strstr(x->text, "renamed"))
		return;
	PgQueryScanResult r = pg_query_scan(x->text);
	if (r.error) {
		pg_query_free_scan_result(r);
		return;
	}
	PgQuery__ScanResult *sr =
		pg_query__scan_result__unpack(NULL, r.pbuf.len, (const uint8_t *)r.pbuf.data);
	if (sr) {
		x->anns = plumb_arena_alloc(x->tmp, (sr->n_tokens + 1) * sizeof(ann));
		if (!x->anns)
			nomem(x);
		for (size_t i = 0; x->anns && i < sr->n_tokens; i++) {
			PgQuery__ScanToken *k = sr->tokens[i];
			if (k->token != PG_QUERY__TOKEN__SQL_COMMENT && k->token != PG_QUERY__TOKEN__C_COMMENT)
				continue;
			size_t s = (size_t)k->start, e = (size_t)k->end;
			const char *old = parse_annotation(x, x->text + s, e - s);
			if (!old)
				continue;
			ann *an = &x->anns[x->n_anns++];
			an->start = s;
			an->end = e;
			an->old = old;
			int col;
			plumb_text_position(x->text, s, &an->line, &col);
			size_t b = s;
			while (b > 0 && x->text[b - 1] != '\n' && isspace((unsigned char)x->text[b - 1]))
				b--;
			an->own_line = b == 0 || x->text[b - 1] == '\n';
		}
		pg_query__scan_result__free_unpacked(sr, NULL);
	}
	pg_query_free_scan_result(r);
}

/* The annotation of an item starting at byte offset loc: a comment alone
 * on the line before, or a comment after it on its own line. */
static const char *annotation_at(ox *x, size_t loc)
{
	if (!x->n_anns)
		return NULL;
	int line, col;
	plumb_text_position(x->text, loc, &line, &col);
	for (size_t i = 0; i < x->n_anns; i++) {
		ann *an = &x->anns[i];
		if (an->line == line && an->start > loc && !an->own_line)
			return an->old;
		if (an->line == line - 1 && an->own_line)
			return an->old;
	}
	/* the end of a one-line statement: "CREATE TABLE t (...); -- ..." */
	return NULL;
}

/* The first byte of a statement's first token at or after offset. */
static size_t first_token(ox *x, size_t off)
{
	const char *t = x->text;
	for (;;) {
		while (t[off] && isspace((unsigned char)t[off]))
			off++;
		if (t[off] == '-' && t[off + 1] == '-') {
			while (t[off] && t[off] != '\n')
				off++;
			continue;
		}
		if (t[off] == '/' && t[off + 1] == '*') {
			const char *e = strstr(t + off + 2, "*/");
			off = e ? (size_t)(e - t) + 2 : strlen(t);
			continue;
		}
		return off;
	}
}

/* --- lookups ------------------------------------------------------------------ */

static plumb_table *find_table(ox *x, const char *schema, const char *name)
{
	for (size_t i = 0; i < x->cat->tables.n; i++) {
		plumb_table *t = x->cat->tables.items[i];
		if (strcmp(t->schema, schema) == 0 && strcmp(t->name, name) == 0)
			return t;
	}
	return NULL;
}

static plumb_table *rv_table(ox *x, const PgQuery__RangeVar *rv)
{
	return rv ? find_table(x, sch(rv->schemaname), rv->relname) : NULL;
}

static plumb_column *find_column(plumb_table *t, const char *name)
{
	for (size_t i = 0; i < t->columns.n; i++) {
		plumb_column *c = t->columns.items[i];
		if (strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

static plumb_object *find_object(ox *x, plumb_obj_kind kind, const char *schema, const char *name)
{
	for (size_t i = 0; i < x->cat->objects.n; i++) {
		plumb_object *o = x->cat->objects.items[i];
		if (o->kind == kind && ((!o->schema && !schema) ||
					(o->schema && schema && strcmp(o->schema, schema) == 0)) &&
		    strcmp(o->name, name) == 0)
			return o;
	}
	return NULL;
}

static plumb_object *new_object(ox *x, plumb_obj_kind kind, const char *schema, const char *name)
{
	plumb_object *o = alloc(x, sizeof(*o));
	if (!o)
		return NULL;
	o->kind = kind;
	o->schema = dup(x, schema);
	o->name = dup(x, name);
	push(x, &x->cat->objects, o);
	return x->st.rc ? NULL : o;
}

static void remove_item(plumb_vec *v, const void *p)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i] == p) {
			plumb_vec_remove(v, i);
			return;
		}
}

/* Schema and name of a qualified name list (String nodes). */
static void split_names(PgQuery__Node **names, size_t n, const char **schema, const char **name)
{
	*schema = "public";
	*name = n ? plumb__pg_strval(names[n - 1]) : NULL;
	if (n >= 2 && plumb__pg_strval(names[n - 2]))
		*schema = plumb__pg_strval(names[n - 2]);
	if (!*name)
		*name = "";
}

/* --- texts -------------------------------------------------------------------- */

static const char *expr_text(ox *x, PgQuery__Node *e)
{
	char *s = NULL;
	if (!e || x->st.rc)
		return NULL;
	fail(x, plumb__pg_expr_text(x->st.ctx, x->st.arena, e, &s));
	return x->st.rc ? NULL : s;
}

static const char *type_text(ox *x, PgQuery__TypeName *tn)
{
	char *s = NULL;
	if (!tn || x->st.rc)
		return NULL;
	fail(x, plumb__pg_type_text(x->st.ctx, x->st.arena, tn, &s));
	return x->st.rc ? NULL : s;
}

static const char *stmt_text(ox *x, PgQuery__Node *stmt)
{
	char *s = NULL;
	if (!stmt || x->st.rc)
		return NULL;
	fail(x, plumb__pg_stmt_text(x->st.ctx, x->st.arena, stmt, &s));
	return x->st.rc ? NULL : s;
}

/* Whether type (format_type text) is name, with or without typmods or
 * interval fields. */
static bool type_is(const char *type, const char *name)
{
	size_t n = strlen(name);
	return strncmp(type, name, n) == 0 && (!type[n] || type[n] == '(' || type[n] == ' ');
}

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

typedef struct castx {
	ox *x;
	plumb_table *t;
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
	PgQuery__TypeName *tn = alloc(x, sizeof(*tn));
	PgQuery__TypeCast *tc = alloc(x, sizeof(*tc));
	PgQuery__Node **names = alloc(x, 2 * sizeof(*names));
	if (x->st.rc)
		return;
	pg_query__type_name__init(tn);
	pg_query__type_cast__init(tc);
	names[0] = plumb__pg_string(x->st.arena, "pg_catalog");
	names[1] = plumb__pg_string(x->st.arena, high == NT_NUMERIC ? "numeric" : "float8");
	tn->names = names;
	tn->n_names = 2;
	tn->typemod = -1;
	tc->type_name = tn;
	tc->arg = *low;
	PgQuery__Node *cast = plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_TYPE_CAST, tc);
	if (!names[0] || !names[1] || !cast) {
		nomem(x);
		return;
	}
	*low = cast;
}

/* The text of an expression over the columns of table t (a check, a
 * generated column), with the casts the server adds to mixed numbers. */
static const char *table_expr_text(ox *x, plumb_table *t, PgQuery__Node *e)
{
	castx cx = {x, t};
	if (e)
		plumb__pg_walk(&e->base, visit_implicit_cast, &cx);
	return expr_text(x, e);
}

static const char *deparse(ox *x, PgQuery__Node *stmt)
{
	char *s = NULL;
	if (!stmt || x->st.rc)
		return NULL;
	fail(x, plumb__pg_deparse(x->st.ctx, x->st.arena, stmt, &s));
	return x->st.rc ? NULL : s;
}

static const char *canon_stmt(ox *x, const char *text)
{
	char *s = NULL;
	if (!text || x->st.rc)
		return NULL;
	fail(x, plumb__pg_canon_stmt(x->st.ctx, x->st.arena, text, &s));
	return x->st.rc ? NULL : s;
}

static const char *canon_type(ox *x, const char *text)
{
	char *s = NULL;
	if (!text || x->st.rc)
		return NULL;
	fail(x, plumb__pg_canon_type(x->st.ctx, x->st.arena, text, &s));
	return x->st.rc ? NULL : s;
}

static PgQuery__RangeVar *mk_rangevar(ox *x, const char *schema, const char *name)
{
	PgQuery__RangeVar *rv = alloc(x, sizeof(*rv));
	if (!rv)
		return NULL;
	pg_query__range_var__init(rv);
	rv->schemaname = (char *)schema;
	rv->relname = (char *)name;
	rv->inh = true;
	rv->relpersistence = "p";
	return rv;
}

/* COLLATE clause as introspection prints it; NULL for the default. */
static const char *collation_text(ox *x, const PgQuery__CollateClause *cc)
{
	if (!cc || !cc->n_collname)
		return NULL;
	const char *schema, *name;
	split_names(cc->collname, cc->n_collname, &schema, &name);
	if (strcmp(name, "default") == 0)
		return NULL;
	if (cc->n_collname >= 2 && strcmp(schema, "pg_catalog") != 0 && strcmp(schema, "public") != 0)
		return fmt(x, "%s.%s", qi(x, schema), qi(x, name));
	return qi(x, name);
}

/* --- sequences ------------------------------------------------------------------ */

typedef struct seqopts {
	long long typid, start, inc, min, max, cache;
	bool cycle, has_start, has_min, has_max;
	PgQuery__Node *owned_by; /* List */
} seqopts;

static long long type_max(long long typid)
{
	return typid == 21 ? 32767 : typid == 23 ? 2147483647LL : 9223372036854775807LL;
}

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

static long long typid_of(PgQuery__TypeName *tn)
{
	const char *c = tn && tn->n_names ? plumb__pg_strval(tn->names[tn->n_names - 1]) : NULL;
	if (!c)
		return 20;
	if (strcmp(c, "int2") == 0 || strcmp(c, "smallint") == 0 || strcmp(c, "smallserial") == 0 ||
	    strcmp(c, "serial2") == 0)
		return 21;
	if (strcmp(c, "int4") == 0 || strcmp(c, "integer") == 0 || strcmp(c, "int") == 0 ||
	    strcmp(c, "serial") == 0 || strcmp(c, "serial4") == 0)
		return 23;
	return 20;
}

static void read_seqopts(PgQuery__Node **opts, size_t n, long long typid, seqopts *s)
{
	memset(s, 0, sizeof(*s));
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
			s->has_start = true;
		} else if (strcmp(k, "increment") == 0)
			s->inc = num_arg(d->arg);
		else if (strcmp(k, "minvalue") == 0 && d->arg) {
			s->min = num_arg(d->arg);
			s->has_min = true;
		} else if (strcmp(k, "maxvalue") == 0 && d->arg) {
			s->max = num_arg(d->arg);
			s->has_max = true;
		} else if (strcmp(k, "cache") == 0)
			s->cache = num_arg(d->arg);
		else if (strcmp(k, "cycle") == 0)
			s->cycle = d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN &&
				   d->arg->boolean->boolval;
		else if (strcmp(k, "owned_by") == 0)
			s->owned_by = d->arg;
	}
	long long dmin = s->inc > 0 ? 1 : -type_max(s->typid) - 1;
	long long dmax = s->inc > 0 ? type_max(s->typid) : -1;
	if (!s->has_min)
		s->min = dmin;
	if (!s->has_max)
		s->max = dmax;
	if (!s->has_start)
		s->start = s->inc > 0 ? s->min : s->max;
}

/* The options that differ from the defaults, as introspection writes them. */
static char *seq_text(ox *x, const seqopts *s)
{
	long long dmin = s->inc > 0 ? 1 : -type_max(s->typid) - 1;
	long long dmax = s->inc > 0 ? type_max(s->typid) : -1;
	plumb_buf b;
	plumb_buf_init(&b, x->st.arena, 0);
	if (s->start != (s->inc > 0 ? s->min : s->max))
		plumb_buf_printf(&b, " START WITH %lld", s->start);
	if (s->inc != 1)
		plumb_buf_printf(&b, " INCREMENT BY %lld", s->inc);
	if (s->min != dmin)
		plumb_buf_printf(&b, " MINVALUE %lld", s->min);
	if (s->max != dmax)
		plumb_buf_printf(&b, " MAXVALUE %lld", s->max);
	if (s->cache != 1)
		plumb_buf_printf(&b, " CACHE %lld", s->cache);
	if (s->cycle)
		plumb_buf_puts(&b, " CYCLE");
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return NULL;
	}
	return b.len ? b.data + 1 : b.data;
}

static bool seq_is_default(const seqopts *s)
{
	return s->inc == 1 && s->start == 1 && s->min == 1 && s->max == type_max(s->typid) &&
	       s->cache == 1 && !s->cycle;
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
	if (!n)
		return NULL;
	if (strcmp(n, "serial") == 0 || strcmp(n, "serial4") == 0)
		return "serial";
	if (strcmp(n, "bigserial") == 0 || strcmp(n, "serial8") == 0)
		return "bigserial";
	if (strcmp(n, "smallserial") == 0 || strcmp(n, "serial2") == 0)
		return "smallserial";
	return NULL;
}

static const char *fk_action(const char *c)
{
	switch (c && *c ? *c : 'a') {
	case 'r':
		return "RESTRICT";
	case 'c':
		return "CASCADE";
	case 'n':
		return "SET NULL";
	case 'd':
		return "SET DEFAULT";
	default:
		return "NO ACTION";
	}
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

static plumb_constraint *new_constraint(ox *x, plumb_table *t, PgQuery__Constraint *c,
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
	k->not_valid = c->skip_validation;
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
			for (size_t j = 0; j < x->cat->indexes.n; j++) {
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
				plumb_vec_remove(&x->cat->indexes, j);
				break;
			}
		} else {
			k->columns = string_list(x, c->keys, c->n_keys);
			k->n_columns = c->n_keys;
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
		k->ref_schema = dup(x, sch(c->pktable ? c->pktable->schemaname : NULL));
		k->ref_table = dup(x, c->pktable ? c->pktable->relname : "");
		k->ref_columns = string_list(x, c->pk_attrs, c->n_pk_attrs);
		k->n_ref_columns = c->n_pk_attrs;
		k->on_update = fk_action(c->fk_upd_action);
		k->on_delete = fk_action(c->fk_del_action);
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
static void finish_constraints(ox *x, plumb_table *t, plumb_vec *pending)
{
	merge_repeated_keys(pending);
	for (size_t i = 0; i < pending->n; i++) {
		pend *p = pending->items[i];
		if (p->con->name) {
			use_name(x, &x->connames, t->schema, p->con->name);
			if (p->con->kind == PLUMB_CON_PRIMARY_KEY || p->con->kind == PLUMB_CON_UNIQUE ||
			    p->con->kind == PLUMB_CON_EXCLUDE)
				use_name(x, &x->relnames, t->schema, p->con->name);
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
					const char **cols = index_colnames(x, k->columns, k->n_columns);
					k->name = choose_name(x, t->schema, t->name,
							      cols ? name_addition(x, cols, k->n_columns) : "",
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
				if (k->kind == PLUMB_CON_PRIMARY_KEY || k->kind == PLUMB_CON_UNIQUE ||
				    k->kind == PLUMB_CON_EXCLUDE)
					use_name(x, &x->relnames, t->schema, k->name);
			}
			if (k->kind == PLUMB_CON_CHECK) {
				char *written = NULL;
				if (p->node->raw_expr)
					fail(x, plumb__pg_expr_source(x->st.ctx, x->st.arena,
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
				cmd->subtype = PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint;
				cmd->def = plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_CONSTRAINT, p->node);
				cmd->behavior = PG_QUERY__DROP_BEHAVIOR__DROP_RESTRICT;
				cmds[0] = plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_ALTER_TABLE_CMD, cmd);
				at->relation = mk_rangevar(x, t->schema, t->name);
				at->cmds = cmds;
				at->n_cmds = 1;
				at->objtype = PG_QUERY__OBJECT_TYPE__OBJECT_TABLE;
				const char *s = stmt_text(
					x, plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_ALTER_TABLE_STMT, at));
				const char *ex = s ? strstr(s, " EXCLUDE ") : NULL;
				k->check_sql = ex ? ex + 1 : s;
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
	static const char *const coerced[] = {"numeric",  "money",  "interval", "bit",
					      "smallint", "integer", "bigint"};
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
	return expr_text(x, e);
}

/* A column's default as the server keeps it: a NULL coerced without a
 * length (a bare constant) is no default; a boolean given as a string is
 * stored as the boolean. */
static void set_default(ox *x, plumb_column *col, PgQuery__Node *e)
{
	char *written = NULL;
	int rc = e ? plumb__pg_expr_source(x->st.ctx, x->st.arena, e, &written) : 0;
	if (rc < 0)
		fail(x, rc);
	const char *d = e ? default_text(x, col, e) : NULL;
	if (d && strcmp(d, "NULL") == 0 && col->type && !strchr(col->type, '('))
		d = NULL;
	if (d && col->type && strcmp(col->type, "boolean") == 0 && d[0] == '\'') {
		static const char *const yes[] = {"'t'", "'true'", "'y'", "'yes'", "'on'", "'1'"};
		static const char *const no[] = {"'f'", "'false'", "'n'", "'no'", "'off'", "'0'"};
		for (size_t i = 0; i < 6; i++) {
			if (strcasecmp(d, yes[i]) == 0)
				d = "true";
			else if (strcasecmp(d, no[i]) == 0)
				d = "false";
		}
	}
	col->default_sql = d;
	col->default_written = d && written && strcmp(written, d) != 0 ? written : NULL;
}

/* Applies a column's constraints (NOT NULL, DEFAULT, IDENTITY, GENERATED,
 * and key constraints into pending). */
static void column_constraints(ox *x, plumb_table *t, plumb_column *col, PgQuery__ColumnDef *cd,
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
		case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
			col->generated_sql = table_expr_text(x, t, c->raw_expr);
			col->generated_stored = true;
			break;
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

static plumb_column *add_column(ox *x, plumb_table *t, PgQuery__ColumnDef *cd, plumb_vec *pending)
{
	plumb_column *col = alloc(x, sizeof(*col));
	if (!col)
		return NULL;
	col->name = dup(x, cd->colname);
	col->renamed_from = annotation_at(x, (size_t)cd->location);
	const char *serial = serial_kind(cd->type_name);
	if (serial) {
		col->type = serial;
		col->not_null = true;
		use_name(x, &x->relnames, t->schema,
			 choose_name(x, t->schema, t->name, col->name, "seq", true, false));
	} else {
		col->type = type_text(x, cd->type_name);
	}
	col->collation = collation_text(x, cd->coll_clause);
	if (cd->is_not_null)
		col->not_null = true;
	column_constraints(x, t, col, cd, pending);
	if (serial)
		col->default_sql = NULL;
	push(x, &t->columns, col);
	return col;
}

/* --- tables ----------------------------------------------------------------------- */

/* pg_get_partkeydef's text. */
static const char *partition_key(ox *x, const PgQuery__PartitionSpec *ps)
{
	plumb_buf b;
	plumb_buf_init(&b, x->st.arena, 0);
	for (const char *p = ps->strategy; p && *p; p++)
		plumb_buf_putc(&b, (char)toupper((unsigned char)*p));
	plumb_buf_puts(&b, " (");
	for (size_t i = 0; i < ps->n_part_params; i++) {
		PgQuery__Node *n = ps->part_params[i];
		if (i)
			plumb_buf_puts(&b, ", ");
		if (n->node_case != PG_QUERY__NODE__NODE_PARTITION_ELEM)
			continue;
		PgQuery__PartitionElem *pe = n->partition_elem;
		if (!empty(pe->name)) {
			plumb_buf_puts(&b, qi(x, pe->name));
		} else if (pe->expr) {
			bool fn = pe->expr->node_case == PG_QUERY__NODE__NODE_FUNC_CALL;
			const char *e = expr_text(x, pe->expr);
			plumb_buf_printf(&b, fn ? "%s" : "(%s)", e ? e : "");
		}
	}
	plumb_buf_putc(&b, ')');
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return NULL;
	}
	return b.data;
}

static void put_datum(ox *x, plumb_buf *b, PgQuery__Node *n, const char *keytype)
{
	if (n->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && n->column_ref->n_fields == 1) {
		const char *s = plumb__pg_strval(n->column_ref->fields[0]);
		plumb_buf_puts(b, s && strcasecmp(s, "minvalue") == 0 ? "MINVALUE" : "MAXVALUE");
		return;
	}
	while (n->node_case == PG_QUERY__NODE__NODE_TYPE_CAST && n->type_cast->arg)
		n = n->type_cast->arg;
	if (n->node_case == PG_QUERY__NODE__NODE_A_CONST) {
		PgQuery__AConst *c = n->a_const;
		bool numkey = keytype && (strstr(keytype, "int") || strstr(keytype, "numeric") ||
					  strstr(keytype, "real") || strstr(keytype, "double"));
		switch (c->val_case) {
		case PG_QUERY__A__CONST__VAL_IVAL:
			plumb_buf_printf(b, numkey || !keytype ? "%d" : "'%d'", c->ival->ival);
			return;
		case PG_QUERY__A__CONST__VAL_FVAL:
			plumb_buf_printf(b, numkey || !keytype ? "%s" : "'%s'", c->fval->fval);
			return;
		case PG_QUERY__A__CONST__VAL_BOOLVAL:
			plumb_buf_puts(b, c->boolval->boolval ? "true" : "false");
			return;
		case PG_QUERY__A__CONST__VAL_SVAL: {
			const char *s = c->sval->sval;
			if (numkey) {
				plumb_buf_puts(b, s);
				return;
			}
			if (keytype && strncmp(keytype, "timestamp", 9) == 0 && strlen(s) == 10 &&
			    s[4] == '-' && s[7] == '-')
				s = plumb_arena_printf(x->tmp, "%s 00:00:00", s);
			plumb_buf_quote_literal(b, s);
			return;
		}
		default:
			if (c->isnull) {
				plumb_buf_puts(b, "NULL");
				return;
			}
		}
	}
	const char *e = expr_text(x, n);
	plumb_buf_puts(b, e ? e : "");
}

static void put_datums(ox *x, plumb_buf *b, PgQuery__Node **v, size_t n, const char **keytypes,
		       size_t n_keys)
{
	plumb_buf_putc(b, '(');
	for (size_t i = 0; i < n; i++) {
		plumb_buf_puts(b, i ? ", " : "");
		put_datum(x, b, v[i], keytypes && n_keys ? keytypes[i < n_keys ? i : 0] : NULL);
	}
	plumb_buf_putc(b, ')');
}

/* pg_get_expr(relpartbound) */
static const char *partition_bound(ox *x, const PgQuery__PartitionBoundSpec *pb,
				   const plumb_table *parent)
{
	if (pb->is_default)
		return "DEFAULT";
	/* the key columns' types, when the key is a list of columns */
	const char *keytypes[32];
	size_t n_keys = 0;
	if (parent && parent->partition_by) {
		const char *p = strchr(parent->partition_by, '(');
		while (p && *p && *p != ')' && n_keys < 32) {
			p++;
			while (*p == ' ')
				p++;
			const char *e = p;
			while (*e && *e != ',' && *e != ')')
				e++;
			char *nm = plumb_arena_strndup(x->tmp, p, (size_t)(e - p));
			plumb_column *c = NULL;
			for (size_t i = 0; nm && i < parent->columns.n; i++) {
				plumb_column *cc = parent->columns.items[i];
				if (strcmp(cc->name, nm) == 0 || strcmp(qi(x, cc->name), nm) == 0)
					c = cc;
			}
			keytypes[n_keys++] = c ? c->type : NULL;
			p = e;
		}
	}
	plumb_buf b;
	plumb_buf_init(&b, x->st.arena, 0);
	plumb_buf_puts(&b, "FOR VALUES ");
	const char *st = pb->strategy ? pb->strategy : "";
	if (st[0] == 'h') {
		plumb_buf_printf(&b, "WITH (modulus %d, remainder %d)", pb->modulus, pb->remainder);
	} else if (st[0] == 'l') {
		plumb_buf_puts(&b, "IN ");
		put_datums(x, &b, pb->listdatums, pb->n_listdatums, keytypes, n_keys ? 1 : 0);
	} else {
		plumb_buf_puts(&b, "FROM ");
		put_datums(x, &b, pb->lowerdatums, pb->n_lowerdatums, keytypes, n_keys);
		plumb_buf_puts(&b, " TO ");
		put_datums(x, &b, pb->upperdatums, pb->n_upperdatums, keytypes, n_keys);
	}
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return NULL;
	}
	return b.data;
}

/* Columns of a parent copied into a child (partition or inheritance). */
static void inherit_columns(ox *x, plumb_table *t, const plumb_table *parent)
{
	for (size_t i = 0; i < parent->columns.n && !x->st.rc; i++) {
		const plumb_column *pc = parent->columns.items[i];
		if (find_column(t, pc->name))
			continue;
		plumb_column *c = alloc(x, sizeof(*c));
		if (!c)
			return;
		*c = *pc;
		c->inherited = true;
		c->renamed_from = NULL;
		c->pk_position = 0;
		c->identity = NULL;
		c->identity_options = NULL;
		if (strcmp(pc->type, "serial") == 0 || strcmp(pc->type, "bigserial") == 0 ||
		    strcmp(pc->type, "smallserial") == 0) {
			c->type = pc->type[0] == 'b' ? "bigint" : pc->type[1] == 'm' ? "smallint" : "integer";
			char *seq = make_object_name(x, parent->name, pc->name, "seq");
			const char *q = strcmp(parent->schema, "public") == 0
						? seq
						: fmt(x, "%s.%s", qi(x, parent->schema), qi(x, seq));
			plumb_buf b;
			plumb_buf_init(&b, x->st.arena, 0);
			plumb_buf_puts(&b, "nextval(");
			plumb_buf_quote_literal(&b, q ? q : "");
			plumb_buf_putc(&b, ')');
			if (plumb_buf_finish(&b, x->st.ctx) < 0) {
				fail(x, PLUMB_ENOMEM);
				return;
			}
			c->default_sql = b.data;
		}
		push(x, &t->columns, c);
	}
}

/* Is parent a parent of t (partition or INHERITS)? */
static bool child_of(ox *x, const plumb_table *t, const plumb_table *parent)
{
	const char *k = fmt(x, "%s.%s", parent->schema, parent->name);
	if (!k)
		return false;
	if (t->partition_of && strcmp(t->partition_of, k) == 0)
		return true;
	for (size_t i = 0; i < t->inherits.n; i++)
		if (strcmp(t->inherits.items[i], k) == 0)
			return true;
	return false;
}

/* ALTER TABLE parent ADD COLUMN reaches t when it is a child (and its
 * children in turn); a child's own column of that name stays its own. */
static void inherit_column(ox *x, plumb_table *t, const plumb_table *parent,
			   const plumb_column *pc)
{
	if (t == parent || !child_of(x, t, parent) || find_column(t, pc->name))
		return;
	plumb_table copy = *parent;
	copy.columns = (plumb_vec){0};
	push(x, &copy.columns, (void *)pc);
	inherit_columns(x, t, &copy);
	plumb_column *c = find_column(t, pc->name);
	for (size_t k = 0; c && k < x->cat->tables.n && !x->st.rc; k++)
		inherit_column(x, x->cat->tables.items[k], t, c);
}

/* ALTER TABLE parent DROP COLUMN takes the inherited column of a child
 * along (and of its children in turn). */
static void uninherit_column(ox *x, plumb_table *t, const plumb_table *parent, const char *name)
{
	plumb_column *c = t != parent && child_of(x, t, parent) ? find_column(t, name) : NULL;
	if (!c || !c->inherited)
		return;
	remove_item(&t->columns, c);
	for (size_t k = 0; k < x->cat->tables.n; k++)
		uninherit_column(x, x->cat->tables.items[k], t, name);
}

static void create_table(ox *x, PgQuery__CreateStmt *cs, size_t loc)
{
	PgQuery__RangeVar *rv = cs->relation;
	const char *schema = sch(rv->schemaname);
	if (rv->relpersistence && *rv->relpersistence == 't')
		return;
	if (find_table(x, schema, rv->relname)) {
		if (!cs->if_not_exists)
			stmt_error(x, loc, "relation already exists", rv->relname);
		return;
	}
	plumb_table *t = alloc(x, sizeof(*t));
	if (!t)
		return;
	t->schema = dup(x, schema);
	t->name = dup(x, rv->relname);
	t->unlogged = rv->relpersistence && *rv->relpersistence == 'u';
	t->renamed_from = annotation_at(x, loc);
	use_name(x, &x->relnames, schema, t->name);
	push(x, &x->cat->tables, t);
	plumb_vec pending = {0};
	plumb_table *parent = NULL;
	if (cs->partbound && cs->n_inh_relations == 1 &&
	    cs->inh_relations[0]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
		parent = rv_table(x, cs->inh_relations[0]->range_var);
		if (parent) {
			t->partition_of = fmt(x, "%s.%s", parent->schema, parent->name);
			t->partition_bound = partition_bound(x, cs->partbound, parent);
			inherit_columns(x, t, parent);
		}
	} else {
		for (size_t i = 0; i < cs->n_inh_relations; i++)
			if (cs->inh_relations[i]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
				plumb_table *p = rv_table(x, cs->inh_relations[i]->range_var);
				if (!p)
					continue;
				inherit_columns(x, t, p);
				push(x, &t->inherits, fmt(x, "%s.%s", p->schema, p->name));
			}
	}
	for (size_t i = 0; i < cs->n_table_elts && !x->st.rc; i++) {
		PgQuery__Node *e = cs->table_elts[i];
		if (e->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
			PgQuery__ColumnDef *cd = e->column_def;
			plumb_column *existing = find_column(t, cd->colname);
			if (existing && (parent || cd->type_name == NULL)) {
				/* a partition's column options: constraints only */
				column_constraints(x, t, existing, cd, &pending);
				continue;
			}
			if (existing && existing->inherited) {
				/* declared again: merged with the inherited one, now local */
				existing->inherited = false;
				if (cd->coll_clause)
					existing->collation = collation_text(x, cd->coll_clause);
				if (cd->is_not_null)
					existing->not_null = true;
				column_constraints(x, t, existing, cd, &pending);
				continue;
			}
			add_column(x, t, cd, &pending);
		} else if (e->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
			new_constraint(x, t, e->constraint, NULL, &pending);
		}
	}
	for (size_t i = 0; i < cs->n_constraints && !x->st.rc; i++)
		if (cs->constraints[i]->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
			new_constraint(x, t, cs->constraints[i]->constraint, NULL, &pending);
	if (cs->partspec)
		t->partition_by = partition_key(x, cs->partspec);
	finish_constraints(x, t, &pending);
}

/* --- indexes --------------------------------------------------------------------- */

/* libpg_query's deparser writes an index's name bare: quote it where
 * PostgreSQL would need it ("EmailIndex"), so the statement creates it. */
static const char *quote_index_name(ox *x, const char *sql, const char *name)
{
	bool plain = name && (islower((unsigned char)name[0]) || name[0] == '_');
	for (const char *c = name; plain && *c; c++)
		plain = islower((unsigned char)*c) || isdigit((unsigned char)*c) || *c == '_';
	if (!sql || !name || plain)
		return sql;
	const char *bare = fmt(x, " %s ON ", name);
	const char *at = bare ? strstr(sql, bare) : NULL;
	char *q = plumb_quote_ident(x->st.arena, name);
	if (!at || !q)
		return sql;
	return fmt(x, "%.*s %s%s", (int)(at - sql), sql, q, at + strlen(name) + 1);
}

static void create_index(ox *x, PgQuery__IndexStmt *is, PgQuery__Node *stmt, size_t loc)
{
	plumb_table *t = rv_table(x, is->relation);
	if (!t) {
		/* an index on a materialized view, or on a table not created here */
		const char *schema = sch(is->relation->schemaname);
		bool mv = false;
		for (size_t i = 0; i < x->cat->views.n; i++) {
			plumb_view *v = x->cat->views.items[i];
			if (strcmp(v->schema, schema) == 0 && strcmp(v->name, is->relation->relname) == 0)
				mv = v->materialized;
		}
		if (!mv)
			return;
	}
	const char *schema = sch(is->relation->schemaname);
	const char *table = is->relation->relname;
	if (empty(is->idxname)) {
		size_t n = is->n_index_params + is->n_index_including_params;
		const char **names = plumb_arena_alloc(x->tmp, (n + 1) * sizeof(*names));
		if (!names) {
			nomem(x);
			return;
		}
		for (size_t i = 0; i < n; i++) {
			PgQuery__Node *p = i < is->n_index_params
						   ? is->index_params[i]
						   : is->index_including_params[i - is->n_index_params];
			const char *nm = "expr";
			if (p->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM) {
				PgQuery__IndexElem *ie = p->index_elem;
				if (!empty(ie->indexcolname))
					nm = ie->indexcolname;
				else if (!empty(ie->name))
					nm = ie->name;
				else if (plumb__pg_figure_colname(ie->expr))
					nm = plumb__pg_figure_colname(ie->expr);
			}
			names[i] = nm;
		}
		const char **cols = index_colnames(x, names, n);
		is->idxname = choose_name(x, schema, table, cols ? name_addition(x, cols, n) : "",
					  is->primary ? "pkey" : is->isconstraint ? "key" : "idx", true, false);
		if (!is->idxname)
			return;
	} else {
		for (size_t i = 0; i < x->cat->indexes.n; i++) {
			plumb_index *o = x->cat->indexes.items[i];
			if (strcmp(o->schema, schema) == 0 && strcmp(o->name, is->idxname) == 0) {
				if (!is->if_not_exists)
					stmt_error(x, loc, "relation already exists", is->idxname);
				return;
			}
		}
	}
	plumb_index *ix = alloc(x, sizeof(*ix));
	if (!ix)
		return;
	ix->schema = dup(x, schema);
	ix->name = dup(x, is->idxname);
	ix->table = dup(x, table);
	ix->unique = is->unique;
	ix->renamed_from = annotation_at(x, loc);
	use_name(x, &x->relnames, schema, ix->name);
	is->relation->schemaname = (char *)ix->schema;
	ix->sql = quote_index_name(x, deparse(x, stmt), ix->name);
	/* keys as introspection reads them (pg_get_indexdef(i, k, true)) */
	for (size_t i = 0; i < is->n_index_params && !x->st.rc; i++) {
		PgQuery__Node *p = is->index_params[i];
		if (p->node_case != PG_QUERY__NODE__NODE_INDEX_ELEM)
			continue;
		PgQuery__IndexElem *ie = p->index_elem;
		const char *k;
		if (!empty(ie->name)) {
			PgQuery__ColumnRef *cr = alloc(x, sizeof(*cr));
			PgQuery__Node **f = alloc(x, sizeof(*f));
			if (x->st.rc)
				return;
			pg_query__column_ref__init(cr);
			f[0] = plumb__pg_string(x->st.arena, ie->name);
			cr->fields = f;
			cr->n_fields = 1;
			k = expr_text(x, plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_COLUMN_REF, cr));
		} else {
			k = expr_text(x, ie->expr);
		}
		bool desc = ie->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
		bool nf = ie->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST ||
			  (desc && ie->nulls_ordering != PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST);
		if (desc || nf)
			k = fmt(x, "%s%s%s", k ? k : "", desc ? " DESC" : "",
				desc && !nf   ? " NULLS LAST"
				: !desc && nf ? " NULLS FIRST"
					      : "");
		push(x, &ix->keys, (void *)k);
	}
	if (is->where_clause)
		ix->where_sql = expr_text(x, is->where_clause);
	ix->definition = stmt_text(x, stmt);
	push(x, &x->cat->indexes, ix);
}

/* --- ALTER TABLE ---------------------------------------------------------------------- */

static void drop_constraint(plumb_table *t, const char *name)
{
	for (size_t i = 0; i < t->constraints.n; i++) {
		plumb_constraint *k = t->constraints.items[i];
		if (k->name && strcmp(k->name, name) == 0) {
			plumb_vec_remove(&t->constraints, i);
			return;
		}
	}
}

static void alter_table(ox *x, PgQuery__AlterTableStmt *as, size_t loc)
{
	if (as->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE)
		return;
	plumb_table *t = rv_table(x, as->relation);
	if (!t) {
		/* ALTER TABLE also takes views and sequences (OWNER TO, ...): no model for those */
		const char *rs = sch(as->relation->schemaname), *rn = as->relation->relname;
		bool other = find_object(x, PLUMB_OBJ_SEQUENCE, rs, rn) != NULL;
		for (size_t i = 0; !other && i < x->cat->views.n; i++) {
			plumb_view *v = x->cat->views.items[i];
			other = strcmp(v->schema, rs) == 0 && strcmp(v->name, rn) == 0;
		}
		if (!as->missing_ok && !other)
			stmt_error(x, loc, "relation does not exist", as->relation->relname);
		return;
	}
	plumb_vec pending = {0};
	for (size_t i = 0; i < as->n_cmds && !x->st.rc; i++) {
		if (as->cmds[i]->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD)
			continue;
		PgQuery__AlterTableCmd *c = as->cmds[i]->alter_table_cmd;
		plumb_column *col = empty(c->name) ? NULL : find_column(t, c->name);
		switch (c->subtype) {
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
			if (c->def && c->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF &&
			    !find_column(t, c->def->column_def->colname)) {
				plumb_column *added = add_column(x, t, c->def->column_def, &pending);
				if (!added || !as->relation->inh)
					break;
				for (size_t k = 0; k < x->cat->tables.n && !x->st.rc; k++)
					inherit_column(x, x->cat->tables.items[k], t, added);
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
			if (col) {
				remove_item(&t->columns, col);
				for (size_t k = 0; as->relation->inh && k < x->cat->tables.n; k++)
					uninherit_column(x, x->cat->tables.items[k], t, col->name);
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
			if (col)
				set_default(x, col, c->def);
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
			if (col)
				col->not_null = true;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
			if (col)
				col->not_null = false;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
			if (col && c->def && c->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
				col->type = type_text(x, c->def->column_def->type_name);
				if (c->def->column_def->coll_clause)
					col->collation = collation_text(x, c->def->column_def->coll_clause);
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity:
			if (col && c->def && c->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
				PgQuery__Constraint *k = c->def->constraint;
				seqopts s;
				read_seqopts(k->options, k->n_options, 20, &s);
				col->identity = k->generated_when && *k->generated_when == 'a' ? "ALWAYS"
												 : "BY DEFAULT";
				const char *o = seq_text(x, &s);
				col->identity_options = o && *o ? o : NULL;
				col->not_null = true;
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
			if (c->def && c->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
				new_constraint(x, t, c->def->constraint, NULL, &pending);
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
			drop_constraint(t, c->name);
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity:
			t->rls_enabled = true;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRowSecurity:
			t->rls_enabled = false;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ForceRowSecurity:
			t->rls_forced = true;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_NoForceRowSecurity:
			t->rls_forced = false;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetLogged:
			t->unlogged = false;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetUnLogged:
			t->unlogged = true;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition:
			if (c->def && c->def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD) {
				plumb_table *p = rv_table(x, c->def->partition_cmd->name);
				if (p && c->def->partition_cmd->bound) {
					p->partition_of = fmt(x, "%s.%s", t->schema, t->name);
					p->partition_bound = partition_bound(x, c->def->partition_cmd->bound, t);
				}
			}
			break;
		default:
			break;
		}
	}
	finish_constraints(x, t, &pending);
}

/* --- views ------------------------------------------------------------------------------ */

typedef struct deps {
	ox *x;
	plumb_vec *out;
} deps;

static void collect_dep(ProtobufCMessage *m, void *p)
{
	deps *d = p;
	if (m->descriptor != &pg_query__range_var__descriptor)
		return;
	PgQuery__RangeVar *rv = (PgQuery__RangeVar *)m;
	const char *s = fmt(d->x, "%s.%s", sch(rv->schemaname), rv->relname);
	for (size_t i = 0; s && i < d->out->n; i++)
		if (strcmp(d->out->items[i], s) == 0)
			return;
	bool known = rv_table(d->x, rv) != NULL;
	for (size_t i = 0; !known && i < d->x->cat->views.n; i++) {
		plumb_view *v = d->x->cat->views.items[i];
		known = strcmp(v->schema, sch(rv->schemaname)) == 0 && strcmp(v->name, rv->relname) == 0;
	}
	if (known)
		push(d->x, d->out, (void *)s);
}

/* Column aliases of CREATE VIEW v (a, b) become AS names in the select list
 * (of the first SELECT of a set operation, which names the columns). */
static void apply_aliases(PgQuery__SelectStmt *s, PgQuery__Node **aliases, size_t n)
{
	while (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE && s->larg)
		s = s->larg;
	for (size_t i = 0; i < n && i < s->n_target_list; i++) {
		PgQuery__Node *t = s->target_list[i];
		const char *a = plumb__pg_strval(aliases[i]);
		if (a && t->node_case == PG_QUERY__NODE__NODE_RES_TARGET)
			t->res_target->name = (char *)a;
	}
}

/* A view from its statement, kept as written (sql) and as the server would
 * print it back (definition: the query analysed, column aliases as AS
 * names). */
static void add_view(ox *x, PgQuery__RangeVar *rv, PgQuery__Node *query, PgQuery__Node *stmt,
		     PgQuery__Node **aliases, size_t *n_aliases, bool materialized, bool replace,
		     size_t loc)
{
	const char *schema = sch(rv->schemaname);
	for (size_t i = 0; i < x->cat->views.n; i++) {
		plumb_view *v = x->cat->views.items[i];
		if (strcmp(v->schema, schema) == 0 && strcmp(v->name, rv->relname) == 0) {
			if (!replace) {
				stmt_error(x, loc, "relation already exists", rv->relname);
				return;
			}
			plumb_vec_remove(&x->cat->views, i);
			break;
		}
	}
	plumb_view *v = alloc(x, sizeof(*v));
	if (!v)
		return;
	v->schema = dup(x, schema);
	v->name = dup(x, rv->relname);
	v->materialized = materialized;
	rv->schemaname = (char *)v->schema;
	use_name(x, &x->relnames, schema, v->name);
	deps d = {x, &v->depends};
	if (query)
		plumb__pg_walk(&query->base, collect_dep, &d);
	v->sql = deparse(x, stmt);
	size_t n = *n_aliases;
	*n_aliases = 0;
	if (query && query->node_case == PG_QUERY__NODE__NODE_SELECT_STMT && !x->st.rc) {
		fail(x, plumb__pg_analyze_query(x->st.ctx, x->tmp, x->cat, query));
		apply_aliases(query->select_stmt, aliases, n);
	}
	v->definition = stmt_text(x, stmt);
	push(x, &x->cat->views, v);
}

/* --- types, sequences, functions --------------------------------------------------------- */

static void create_enum(ox *x, PgQuery__CreateEnumStmt *es, size_t loc)
{
	const char *schema, *name;
	split_names(es->type_name, es->n_type_name, &schema, &name);
	plumb_object *o = new_object(x, PLUMB_OBJ_ENUM, schema, name);
	if (!o)
		return;
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

static void enum_texts(ox *x, plumb_object *o)
{
	if (!x->st.rc)
		fail(x, plumb__pg_enum_define(x->st.ctx, x->st.arena, o));
}

static void alter_enum(ox *x, PgQuery__AlterEnumStmt *ae)
{
	const char *schema, *name;
	split_names(ae->type_name, ae->n_type_name, &schema, &name);
	plumb_object *o = find_object(x, PLUMB_OBJ_ENUM, schema, name);
	if (!o)
		return;
	if (!empty(ae->old_val)) {
		for (size_t i = 0; i < o->values.n; i++)
			if (strcmp(o->values.items[i], ae->old_val) == 0)
				o->values.items[i] = dup(x, ae->new_val);
		return;
	}
	for (size_t i = 0; i < o->values.n; i++)
		if (strcmp(o->values.items[i], ae->new_val) == 0)
			return;
	size_t at = o->values.n;
	if (!empty(ae->new_val_neighbor))
		for (size_t i = 0; i < o->values.n; i++)
			if (strcmp(o->values.items[i], ae->new_val_neighbor) == 0)
				at = ae->new_val_is_after ? i + 1 : i;
	if (plumb_vec_push(x->st.arena, &o->values, NULL) < 0) {
		nomem(x);
		return;
	}
	memmove(&o->values.items[at + 1], &o->values.items[at],
		(o->values.n - 1 - at) * sizeof(void *));
	o->values.items[at] = dup(x, ae->new_val);
}

static void create_sequence(ox *x, PgQuery__CreateSeqStmt *ss, size_t loc)
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
	if (!e || plumb_vec_push(x->tmp, &x->seqs, e) < 0) {
		nomem(x);
		return;
	}
	e->o = o;
	e->cs = ss;
}

static void create_function(ox *x, PgQuery__CreateFunctionStmt *fs, PgQuery__Node *stmt)
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
		/* format_type(t, NULL): no typmods; then canonical as introspection */
		PgQuery__TypeName tn = *p->arg_type;
		tn.n_typmods = 0;
		const char *tt = type_text(x, &tn);
		if (tt && strcmp(tt, "bpchar") == 0)
			tt = "character";
		plumb_buf_puts(&b, k++ ? ", " : "");
		plumb_buf_puts(&b, canon_type(x, tt));
	}
	plumb_buf_putc(&b, ')');
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return;
	}
	plumb_object *o = find_object(x, PLUMB_OBJ_FUNCTION, schema, b.data);
	if (!o)
		o = new_object(x, PLUMB_OBJ_FUNCTION, schema, b.data);
	if (!o)
		return;
	o->sql = deparse(x, stmt);
	o->definition = stmt_text(x, stmt);
}

static void create_trigger(ox *x, PgQuery__CreateTrigStmt *ts, PgQuery__Node *stmt)
{
	const char *schema = sch(ts->relation->schemaname);
	for (size_t i = 0; i < x->cat->triggers.n; i++) {
		plumb_trigger *o = x->cat->triggers.items[i];
		if (strcmp(o->schema, schema) == 0 && strcmp(o->table, ts->relation->relname) == 0 &&
		    strcmp(o->name, ts->trigname) == 0) {
			plumb_vec_remove(&x->cat->triggers, i);
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

static void create_policy(ox *x, PgQuery__CreatePolicyStmt *ps, PgQuery__Node *stmt)
{
	const char *schema = sch(ps->table->schemaname);
	plumb_object *o = new_object(x, PLUMB_OBJ_POLICY, schema, ps->policy_name);
	if (!o)
		return;
	o->table = dup(x, ps->table->relname);
	ps->table->schemaname = (char *)o->schema;
	o->sql = deparse(x, stmt);
	o->definition = stmt_text(x, stmt);
}

static void create_domain(ox *x, PgQuery__CreateDomainStmt *ds, PgQuery__Node *stmt)
{
	const char *schema, *name;
	split_names(ds->domainname, ds->n_domainname, &schema, &name);
	plumb_object *o = new_object(x, PLUMB_OBJ_DOMAIN, schema, name);
	if (!o)
		return;
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
	o->sql = deparse(x, stmt);
	o->definition = stmt_text(x, stmt);
}

static void create_composite(ox *x, PgQuery__CompositeTypeStmt *ct, PgQuery__Node *stmt)
{
	const char *schema = sch(ct->typevar->schemaname);
	plumb_object *o = new_object(x, PLUMB_OBJ_TYPE, schema, ct->typevar->relname);
	if (!o)
		return;
	use_name(x, &x->relnames, schema, o->name);
	ct->typevar->schemaname = (char *)o->schema;
	o->sql = deparse(x, stmt);
	o->definition = stmt_text(x, stmt);
}

/* CREATE COLLATION: the fields pg_collation will hold. FROM copies a
 * collation of the files, or reads a built-in one's name: "C", "POSIX" and
 * "ucs_basic" (libc, C), "xx-x-icu" (ICU, locale xx), any other the libc
 * locale of that name. */
static void create_collation(ox *x, PgQuery__DefineStmt *ds, size_t loc)
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
}

/* --- comments ------------------------------------------------------------------------------- */

static void comment_on(ox *x, PgQuery__CommentStmt *cs)
{
	PgQuery__Node *obj = cs->object;
	const char *name = NULL, *schema = NULL, *table = NULL;
	plumb_obj_kind target = PLUMB_OBJ_TABLE;
	PgQuery__Node **v = NULL;
	size_t n = 0;
	if (obj && obj->node_case == PG_QUERY__NODE__NODE_LIST) {
		v = obj->list->items;
		n = obj->list->n_items;
	}
	const char *s2, *n2;
	switch (cs->objtype) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE: {
		split_names(v, n, &s2, &n2);
		const char *word = cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE	  ? "TABLE"
				   : cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW	  ? "VIEW"
				   : cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW ? "MATERIALIZED VIEW"
				   : cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX	  ? "INDEX"
											  : "SEQUENCE";
		target = cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABLE	 ? PLUMB_OBJ_TABLE
			 : cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX	 ? PLUMB_OBJ_INDEX
			 : cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE ? PLUMB_OBJ_SEQUENCE
										 : PLUMB_OBJ_VIEW;
		schema = s2;
		name = fmt(x, "%s %s.%s", word, qi(x, s2), qi(x, n2));
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN: {
		if (n < 2)
			return;
		const char *col = plumb__pg_strval(v[n - 1]);
		split_names(v, n - 1, &s2, &n2);
		schema = s2;
		table = n2;
		bool is_view = false;
		for (size_t i = 0; i < x->cat->views.n; i++) {
			plumb_view *vw = x->cat->views.items[i];
			is_view = is_view || (strcmp(vw->schema, s2) == 0 && strcmp(vw->name, n2) == 0);
		}
		target = is_view ? PLUMB_OBJ_VIEW : PLUMB_OBJ_TABLE;
		name = fmt(x, "COLUMN %s.%s.%s", qi(x, s2), qi(x, n2), qi(x, col ? col : ""));
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
	case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
	case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY: {
		if (n < 2)
			return;
		const char *sub = plumb__pg_strval(v[n - 1]);
		split_names(v, n - 1, &s2, &n2);
		schema = s2;
		table = n2;
		const char *word = cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT ? "CONSTRAINT"
				   : cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER     ? "TRIGGER"
											      : "POLICY";
		target = cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT ? PLUMB_OBJ_TABLE
			 : cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER	    ? PLUMB_OBJ_TRIGGER
										    : PLUMB_OBJ_POLICY;
		name = fmt(x, "%s %s ON %s.%s", word, qi(x, sub ? sub : ""), qi(x, s2), qi(x, n2));
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
		if (!obj || obj->node_case != PG_QUERY__NODE__NODE_TYPE_NAME)
			return;
		PgQuery__TypeName *tn = obj->type_name;
		split_names(tn->names, tn->n_names, &s2, &n2);
		schema = s2;
		bool dom = cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN;
		target = dom ? PLUMB_OBJ_DOMAIN : PLUMB_OBJ_TYPE;
		name = fmt(x, "%s %s.%s", dom ? "DOMAIN" : "TYPE", qi(x, s2), qi(x, n2));
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA: {
		const char *s = plumb__pg_strval(obj);
		if (!s)
			return;
		target = PLUMB_OBJ_SCHEMA;
		name = fmt(x, "SCHEMA %s", qi(x, s));
		break;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE: {
		if (!obj || obj->node_case != PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS)
			return;
		PgQuery__ObjectWithArgs *ow = obj->object_with_args;
		split_names(ow->objname, ow->n_objname, &s2, &n2);
		schema = s2;
		plumb_buf b;
		plumb_buf_init(&b, x->st.arena, 0);
		plumb_buf_printf(&b, "%s %s.%s(",
				 cs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE ? "PROCEDURE"
											: "FUNCTION",
				 qi(x, s2), qi(x, n2));
		for (size_t i = 0; i < ow->n_objargs && !x->st.rc; i++) {
			if (ow->objargs[i]->node_case != PG_QUERY__NODE__NODE_TYPE_NAME)
				continue;
			PgQuery__TypeName tn = *ow->objargs[i]->type_name;
			tn.n_typmods = 0;
			const char *tt = type_text(x, &tn);
			if (tt && strcmp(tt, "bpchar") == 0)
				tt = "character";
			plumb_buf_puts(&b, i ? ", " : "");
			plumb_buf_puts(&b, canon_type(x, tt));
		}
		plumb_buf_putc(&b, ')');
		if (plumb_buf_finish(&b, x->st.ctx) < 0) {
			fail(x, PLUMB_ENOMEM);
			return;
		}
		name = b.data;
		target = PLUMB_OBJ_FUNCTION;
		break;
	}
	default:
		return;
	}
	if (!name)
		return;
	plumb_object *o = find_object(x, PLUMB_OBJ_COMMENT, schema, name);
	if (empty(cs->comment)) {
		if (o)
			remove_item(&x->cat->objects, o);
		return;
	}
	if (!o)
		o = new_object(x, PLUMB_OBJ_COMMENT, schema, name);
	if (!o)
		return;
	o->table = dup(x, table);
	o->target_kind = target;
	o->definition = dup(x, cs->comment);
	plumb_buf b;
	plumb_buf_init(&b, x->st.arena, 0);
	plumb_buf_printf(&b, "COMMENT ON %s IS ", name);
	plumb_buf_quote_literal(&b, o->definition);
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return;
	}
	o->sql = b.data;
}

/* --- GRANT, REVOKE --------------------------------------------------------------------------- */

/* Privilege bits, in the order a grant's definition lists them. */
static const char *const priv_names[] = {"SELECT",     "INSERT",  "UPDATE", "DELETE", "TRUNCATE",
					 "REFERENCES", "TRIGGER", "USAGE"};
#define PRIV_N 8
#define PRIV_ALL_TABLE 0x7fu	/* SELECT .. TRIGGER */
#define PRIV_ALL_SEQ 0x85u	/* USAGE, SELECT, UPDATE */
#define PRIV_ALL_COLUMN 0x27u	/* SELECT, INSERT, UPDATE, REFERENCES */

/* The privileges one grantee holds on one relation or column. */
typedef struct gstate {
	const char *schema, *rel, *col; /* col NULL: the relation */
	const char *grantee;		/* quoted, or PUBLIC */
	unsigned privs, grantable;
} gstate;

static unsigned priv_bit(const char *name)
{
	for (unsigned i = 0; name && i < PRIV_N; i++)
		if (strcasecmp(name, priv_names[i]) == 0)
			return 1u << i;
	return 0;
}

static gstate *grant_state(ox *x, const char *schema, const char *rel, const char *col,
			   const char *grantee, bool create)
{
	for (size_t i = 0; i < x->grants.n; i++) {
		gstate *g = x->grants.items[i];
		if (strcmp(g->schema, schema) == 0 && strcmp(g->rel, rel) == 0 &&
		    ((!g->col && !col) || (g->col && col && strcmp(g->col, col) == 0)) &&
		    strcmp(g->grantee, grantee) == 0)
			return g;
	}
	if (!create)
		return NULL;
	gstate *g = alloc(x, sizeof(*g));
	if (!g)
		return NULL;
	g->schema = dup(x, schema);
	g->rel = dup(x, rel);
	g->col = dup(x, col);
	g->grantee = dup(x, grantee);
	push(x, &x->grants, g);
	return x->st.rc ? NULL : g;
}

static void grant_apply(gstate *g, bool is_grant, bool option, unsigned m)
{
	if (!g)
		return;
	if (is_grant) {
		g->privs |= m;
		if (option)
			g->grantable |= m;
	} else {
		g->grantable &= ~m;
		if (!option)
			g->privs &= ~m;
	}
}

static void grant_stmt(ox *x, PgQuery__GrantStmt *gs)
{
	if (gs->targtype != PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_OBJECT ||
	    (gs->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE &&
	     gs->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE))
		return;
	for (size_t i = 0; i < gs->n_objects && !x->st.rc; i++) {
		if (gs->objects[i]->node_case != PG_QUERY__NODE__NODE_RANGE_VAR)
			continue;
		PgQuery__RangeVar *rv = gs->objects[i]->range_var;
		const char *schema = sch(rv->schemaname), *rel = rv->relname;
		bool seq = gs->objtype == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE ||
			   (find_object(x, PLUMB_OBJ_SEQUENCE, schema, rel) && !find_table(x, schema, rel));
		unsigned all = seq ? PRIV_ALL_SEQ : PRIV_ALL_TABLE, rel_mask = 0;
		if (!gs->n_privileges)
			rel_mask = all;
		for (size_t p = 0; p < gs->n_privileges; p++) {
			if (gs->privileges[p]->node_case != PG_QUERY__NODE__NODE_ACCESS_PRIV)
				continue;
			PgQuery__AccessPriv *ap = gs->privileges[p]->access_priv;
			if (!ap->n_cols)
				rel_mask |= empty(ap->priv_name) ? all : priv_bit(ap->priv_name) & all;
		}
		for (size_t r = 0; r < gs->n_grantees && !x->st.rc; r++) {
			if (gs->grantees[r]->node_case != PG_QUERY__NODE__NODE_ROLE_SPEC)
				continue;
			PgQuery__RoleSpec *rs = gs->grantees[r]->role_spec;
			const char *grantee =
				rs->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC ? "PUBLIC"
				: rs->roletype == PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_CSTRING && !empty(rs->rolename)
					? qi(x, rs->rolename)
					: NULL;
			if (!grantee)
				continue;
			if (rel_mask) {
				grant_apply(grant_state(x, schema, rel, NULL, grantee, gs->is_grant),
					    gs->is_grant, gs->grant_option, rel_mask);
				/* revoking on the relation revokes on its columns too */
				for (size_t k = 0; !gs->is_grant && k < x->grants.n; k++) {
					gstate *g = x->grants.items[k];
					if (g->col && strcmp(g->schema, schema) == 0 &&
					    strcmp(g->rel, rel) == 0 && strcmp(g->grantee, grantee) == 0)
						grant_apply(g, false, gs->grant_option, rel_mask);
				}
			}
			for (size_t p = 0; p < gs->n_privileges && !x->st.rc; p++) {
				if (gs->privileges[p]->node_case != PG_QUERY__NODE__NODE_ACCESS_PRIV)
					continue;
				PgQuery__AccessPriv *ap = gs->privileges[p]->access_priv;
				unsigned m = empty(ap->priv_name) ? PRIV_ALL_COLUMN
								  : priv_bit(ap->priv_name) & PRIV_ALL_COLUMN;
				for (size_t c = 0; c < ap->n_cols && m; c++) {
					const char *col = plumb__pg_strval(ap->cols[c]);
					if (!col && ap->cols[c]->node_case == PG_QUERY__NODE__NODE_RES_TARGET)
						col = ap->cols[c]->res_target->name;
					if (col)
						grant_apply(grant_state(x, schema, rel, col, grantee,
									gs->is_grant),
							    gs->is_grant, gs->grant_option, m);
				}
			}
		}
	}
}

/* The final privilege sets become grant objects, as introspection builds them. */
static void finish_grants(ox *x)
{
	for (size_t i = 0; i < x->grants.n && !x->st.rc; i++) {
		gstate *g = x->grants.items[i];
		if (!g->privs)
			continue;
		plumb_table *t = find_table(x, g->schema, g->rel);
		bool view = false;
		for (size_t j = 0; !t && j < x->cat->views.n; j++) {
			plumb_view *v = x->cat->views.items[j];
			view = view || (strcmp(v->schema, g->schema) == 0 && strcmp(v->name, g->rel) == 0);
		}
		bool seq = !t && !view && !g->col && find_object(x, PLUMB_OBJ_SEQUENCE, g->schema, g->rel);
		const char *on_table = g->rel;
		for (size_t j = 0; !t && !view && !seq && !g->col && j < x->cat->tables.n; j++) {
			/* the sequence of a serial column hangs on its table */
			plumb_table *st = x->cat->tables.items[j];
			for (size_t k = 0; !seq && strcmp(st->schema, g->schema) == 0 && k < st->columns.n; k++) {
				plumb_column *c = st->columns.items[k];
				if ((strcmp(c->type, "serial") == 0 || strcmp(c->type, "bigserial") == 0 ||
				     strcmp(c->type, "smallserial") == 0) &&
				    strcmp(sch(make_object_name(x, st->name, c->name, "seq")), g->rel) == 0) {
					seq = true;
					on_table = st->name;
				}
			}
		}
		if (!t && !view && !seq)
			continue;
		if (g->col && t && !find_column(t, g->col))
			continue;
		const char *name =
			g->col ? fmt(x, "TABLE %s.%s (%s) TO %s", qi(x, g->schema), qi(x, g->rel),
				     qi(x, g->col), g->grantee)
			       : fmt(x, "%s %s.%s TO %s", seq ? "SEQUENCE" : "TABLE", qi(x, g->schema),
				     qi(x, g->rel), g->grantee);
		plumb_buf b;
		plumb_buf_init(&b, x->st.arena, 0);
		for (unsigned k = 0, n = 0; k < PRIV_N; k++) {
			if (!(g->privs & (1u << k)))
				continue;
			plumb_buf_printf(&b, "%s%s%s", n++ ? ", " : "", priv_names[k],
					 g->grantable & (1u << k) ? " WITH GRANT OPTION" : "");
		}
		if (plumb_buf_finish(&b, x->st.ctx) < 0) {
			fail(x, PLUMB_ENOMEM);
			return;
		}
		if (!name)
			return;
		plumb_object *o = new_object(x, PLUMB_OBJ_GRANT, g->schema, name);
		if (!o)
			return;
		o->table = dup(x, on_table);
		o->target_kind = seq ? PLUMB_OBJ_SEQUENCE : view ? PLUMB_OBJ_VIEW : PLUMB_OBJ_TABLE;
		o->definition = b.data;
	}
}

/* --- DROP ----------------------------------------------------------------------------------- */

static void drop_objects(ox *x, PgQuery__DropStmt *ds)
{
	for (size_t i = 0; i < ds->n_objects && !x->st.rc; i++) {
		PgQuery__Node *obj = ds->objects[i];
		const char *schema = "public", *name = NULL;
		if (obj->node_case == PG_QUERY__NODE__NODE_LIST)
			split_names(obj->list->items, obj->list->n_items, &schema, &name);
		else if (obj->node_case == PG_QUERY__NODE__NODE_STRING)
			name = plumb__pg_strval(obj);
		else if (obj->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
			split_names(obj->type_name->names, obj->type_name->n_names, &schema, &name);
		switch (ds->remove_type) {
		case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: {
			plumb_table *t = name ? find_table(x, schema, name) : NULL;
			if (t) {
				remove_item(&x->cat->tables, t);
				forget_name(x, &x->relnames, schema, name);
				for (size_t j = x->cat->indexes.n; j-- > 0;) {
					plumb_index *ix = x->cat->indexes.items[j];
					if (strcmp(ix->schema, schema) == 0 && strcmp(ix->table, name) == 0)
						plumb_vec_remove(&x->cat->indexes, j);
				}
			}
			break;
		}
		case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
			for (size_t j = 0; name && j < x->cat->indexes.n; j++) {
				plumb_index *ix = x->cat->indexes.items[j];
				if (strcmp(ix->schema, schema) == 0 && strcmp(ix->name, name) == 0) {
					plumb_vec_remove(&x->cat->indexes, j);
					forget_name(x, &x->relnames, schema, name);
					break;
				}
			}
			break;
		case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
		case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
			for (size_t j = 0; name && j < x->cat->views.n; j++) {
				plumb_view *v = x->cat->views.items[j];
				if (strcmp(v->schema, schema) == 0 && strcmp(v->name, name) == 0) {
					plumb_vec_remove(&x->cat->views, j);
					forget_name(x, &x->relnames, schema, name);
					break;
				}
			}
			break;
		case PG_QUERY__OBJECT_TYPE__OBJECT_COLLATION: {
			plumb_object *o = name ? find_object(x, PLUMB_OBJ_COLLATION, schema, name) : NULL;
			if (o)
				remove_item(&x->cat->objects, o);
			break;
		}
		case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
		case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
		case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
		case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION: {
			if (!name)
				break;
			plumb_obj_kind kinds[3] = {PLUMB_OBJ_ENUM, PLUMB_OBJ_TYPE, PLUMB_OBJ_DOMAIN};
			size_t nk = 3;
			if (ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE) {
				kinds[0] = PLUMB_OBJ_SEQUENCE;
				nk = 1;
			} else if (ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA) {
				kinds[0] = PLUMB_OBJ_SCHEMA;
				nk = 1;
			} else if (ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION) {
				kinds[0] = PLUMB_OBJ_EXTENSION;
				nk = 1;
			}
			for (size_t k = 0; k < nk; k++) {
				const char *s = kinds[k] == PLUMB_OBJ_SCHEMA ? NULL : schema;
				plumb_object *o = NULL;
				if (kinds[k] == PLUMB_OBJ_EXTENSION) {
					for (size_t j = 0; j < x->cat->objects.n; j++) {
						plumb_object *e = x->cat->objects.items[j];
						if (e->kind == PLUMB_OBJ_EXTENSION && strcmp(e->name, name) == 0)
							o = e;
					}
				} else {
					o = find_object(x, kinds[k], s, name);
				}
				if (o)
					remove_item(&x->cat->objects, o);
			}
			break;
		}
		default:
			break;
		}
	}
}

/* --- statements ------------------------------------------------------------------------------- */

/* VERSION 'v' of CREATE EXTENSION, or UPDATE TO 'v' of ALTER EXTENSION. */
static void extension_version(ox *x, plumb_object *o, PgQuery__Node **opts, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (opts[i]->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
		    strcmp(opts[i]->def_elem->defname, "new_version") == 0 &&
		    plumb__pg_strval(opts[i]->def_elem->arg))
			o->version = dup(x, plumb__pg_strval(opts[i]->def_elem->arg));
}

static void statement(ox *x, PgQuery__RawStmt *raw)
{
	PgQuery__Node *s = raw->stmt;
	size_t loc = first_token(x, (size_t)raw->stmt_location);
	if (!s)
		return;
	switch (s->node_case) {
	case PG_QUERY__NODE__NODE_CREATE_STMT:
		create_table(x, s->create_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_INDEX_STMT:
		create_index(x, s->index_stmt, s, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
		alter_table(x, s->alter_table_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_VIEW_STMT: {
		PgQuery__ViewStmt *vs = s->view_stmt;
		add_view(x, vs->view, vs->query, s, vs->aliases, &vs->n_aliases, false, vs->replace,
			 loc);
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT: {
		PgQuery__CreateTableAsStmt *ct = s->create_table_as_stmt;
		if (ct->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW || !ct->into)
			break;
		ct->into->skip_data = false;
		add_view(x, ct->into->rel, ct->query, s, ct->into->col_names, &ct->into->n_col_names,
			 true, false, loc);
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
		create_enum(x, s->create_enum_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
		alter_enum(x, s->alter_enum_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
		create_sequence(x, s->create_seq_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT: {
		PgQuery__AlterSeqStmt *as = s->alter_seq_stmt;
		plumb_object *o = find_object(x, PLUMB_OBJ_SEQUENCE, sch(as->sequence->schemaname),
					      as->sequence->relname);
		PgQuery__CreateSeqStmt *cs = o ? seq_stmt(x, o) : NULL;
		if (!cs)
			break;
		/* merge the options into the CREATE statement's */
		PgQuery__Node **v = alloc(x, (cs->n_options + as->n_options + 1) * sizeof(*v));
		if (!v)
			break;
		if (cs->n_options) /* options is NULL when there are none */
			memcpy(v, cs->options, cs->n_options * sizeof(*v));
		if (as->n_options)
			memcpy(v + cs->n_options, as->options, as->n_options * sizeof(*v));
		cs->options = v;
		cs->n_options += as->n_options;
		break;
	}
	case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
		create_composite(x, s->composite_type_stmt, s);
		break;
	case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
		create_domain(x, s->create_domain_stmt, s);
		break;
	case PG_QUERY__NODE__NODE_DEFINE_STMT:
		if (s->define_stmt->kind == PG_QUERY__OBJECT_TYPE__OBJECT_COLLATION)
			create_collation(x, s->define_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
		create_function(x, s->create_function_stmt, s);
		break;
	case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
		create_trigger(x, s->create_trig_stmt, s);
		break;
	case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
		create_policy(x, s->create_policy_stmt, s);
		break;
	case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT: {
		PgQuery__CreateExtensionStmt *es = s->create_extension_stmt;
		const char *schema = "public";
		if (strcmp(es->extname, "plpgsql") == 0)
			break;
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
			break;
		bool pub = strcmp(schema, "public") == 0;
		o->definition = pub ? o->name : fmt(x, "%s SCHEMA %s", o->name, schema);
		o->sql = pub ? fmt(x, "CREATE EXTENSION IF NOT EXISTS %s", qname(x, NULL, o->name))
			     : fmt(x, "CREATE EXTENSION IF NOT EXISTS %s SCHEMA %s",
				   qname(x, NULL, o->name), qname(x, NULL, schema));
		extension_version(x, o, es->options, es->n_options);
		break;
	}
	case PG_QUERY__NODE__NODE_ALTER_EXTENSION_STMT: {
		PgQuery__AlterExtensionStmt *ae = s->alter_extension_stmt;
		for (size_t i = 0; i < x->cat->objects.n; i++) {
			plumb_object *e = x->cat->objects.items[i];
			if (e->kind == PLUMB_OBJ_EXTENSION && strcmp(e->name, ae->extname) == 0)
				extension_version(x, e, ae->options, ae->n_options);
		}
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT: {
		PgQuery__CreateSchemaStmt *cs = s->create_schema_stmt;
		const char *name = !empty(cs->schemaname)			   ? cs->schemaname
				   : cs->authrole && !empty(cs->authrole->rolename) ? cs->authrole->rolename
										    : NULL;
		if (!name || strcmp(name, "public") == 0 || find_object(x, PLUMB_OBJ_SCHEMA, NULL, name))
			break;
		plumb_object *o = new_object(x, PLUMB_OBJ_SCHEMA, NULL, name);
		if (!o)
			break;
		o->definition = o->name;
		o->sql = fmt(x, "CREATE SCHEMA %s", qname(x, NULL, name));
		break;
	}
	case PG_QUERY__NODE__NODE_COMMENT_STMT:
		comment_on(x, s->comment_stmt);
		break;
	case PG_QUERY__NODE__NODE_DROP_STMT:
		drop_objects(x, s->drop_stmt);
		break;
	case PG_QUERY__NODE__NODE_GRANT_STMT:
		grant_stmt(x, s->grant_stmt);
		break;
	default:
		break;
	}
}

/* --- the end: what depends on the whole ----------------------------------------------------- */

static void finish(ox *x)
{
	/* sequences: options, OWNED BY, and folding into serial columns */
	for (size_t i = 0; i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *o = x->cat->objects.items[i];
		if (o->kind == PLUMB_OBJ_ENUM)
			enum_texts(x, o);
		PgQuery__CreateSeqStmt *cs = o->kind == PLUMB_OBJ_SEQUENCE ? seq_stmt(x, o) : NULL;
		if (!cs)
			continue;
		seqopts s;
		read_seqopts(cs->options, cs->n_options, 20, &s);
		const char *owner = NULL;
		plumb_column *owner_col = NULL;
		if (s.owned_by && s.owned_by->node_case == PG_QUERY__NODE__NODE_LIST &&
		    s.owned_by->list->n_items >= 2) {
			PgQuery__Node **v = s.owned_by->list->items;
			size_t n = s.owned_by->list->n_items;
			const char *col = plumb__pg_strval(v[n - 1]), *ts, *tn;
			split_names(v, n - 1, &ts, &tn);
			plumb_table *t = find_table(x, ts, tn);
			owner_col = t && col ? find_column(t, col) : NULL;
			if (owner_col)
				owner = fmt(x, "%s.%s.%s", qi(x, ts), qi(x, tn), qi(x, col));
			if (owner_col && seq_is_default(&s) && owner_col->default_sql && !owner_col->identity) {
				const char *want = strcmp(o->schema, "public") == 0
							   ? fmt(x, "nextval('%s')", o->name)
							   : fmt(x, "nextval('%s.%s')", o->schema, o->name);
				const char *ct = owner_col->type;
				bool typ = (s.typid == 23 && strcmp(ct, "integer") == 0) ||
					   (s.typid == 20 && strcmp(ct, "bigint") == 0) ||
					   (s.typid == 21 && strcmp(ct, "smallint") == 0);
				if (want && typ && strcmp(owner_col->default_sql, want) == 0) {
					owner_col->type = s.typid == 23	  ? "serial"
							  : s.typid == 20 ? "bigserial"
									  : "smallserial";
					owner_col->default_sql = NULL;
					plumb_vec_remove(&x->cat->objects, i);
					i--;
					continue;
				}
			}
		}
		plumb_buf b;
		plumb_buf_init(&b, x->st.arena, 0);
		plumb_buf_printf(&b, "CREATE SEQUENCE %s", qname(x, o->schema, o->name));
		if (s.typid != 20)
			plumb_buf_printf(&b, " AS %s", s.typid == 21 ? "smallint" : "integer");
		const char *opts = seq_text(x, &s);
		if (opts && *opts)
			plumb_buf_printf(&b, " %s", opts);
		if (owner)
			plumb_buf_printf(&b, " OWNED BY %s", owner);
		if (plumb_buf_finish(&b, x->st.ctx) < 0) {
			fail(x, PLUMB_ENOMEM);
			return;
		}
		o->sql = b.data;
		o->definition = canon_stmt(x, o->sql);
	}
	for (size_t i = 0; i < x->cat->tables.n && !x->st.rc; i++) {
		plumb_table *t = x->cat->tables.items[i];
		for (size_t j = 0; j < t->constraints.n && !x->st.rc; j++) {
			plumb_constraint *k = t->constraints.items[j];
			if (k->kind == PLUMB_CON_PRIMARY_KEY)
				for (size_t c = 0; c < k->n_columns; c++) {
					plumb_column *col = find_column(t, k->columns[c]);
					if (col) {
						col->pk_position = (int)c + 1;
						col->not_null = true;
					}
				}
			if (k->kind == PLUMB_CON_FOREIGN_KEY && !k->n_ref_columns) {
				plumb_table *rt = find_table(x, k->ref_schema, k->ref_table);
				for (size_t c = 0; rt && c < rt->constraints.n; c++) {
					plumb_constraint *pk = rt->constraints.items[c];
					if (pk->kind == PLUMB_CON_PRIMARY_KEY) {
						k->ref_columns = pk->columns;
						k->n_ref_columns = pk->n_columns;
					}
				}
			}
		}
	}
	for (size_t i = 0; i < x->cat->tables.n && !x->st.rc; i++) {
		plumb_table *t = x->cat->tables.items[i];
		for (size_t j = 0; j < t->columns.n && !x->st.rc; j++)
			fail(x, plumb__pg_column_define(x->st.ctx, x->st.arena, t->columns.items[j]));
		for (size_t j = 0; j < t->constraints.n && !x->st.rc; j++)
			fail(x, plumb__pg_constraint_define(x->st.ctx, x->st.arena, t->constraints.items[j]));
	}
}

/* A schema the files put objects in without creating it exists all the
 * same where they run: it is part of the desired state (and is created
 * first when missing), never dropped under its objects. */
static void implicit_schema(ox *x, const char *name)
{
	if (!name || strcmp(name, "public") == 0 || find_object(x, PLUMB_OBJ_SCHEMA, NULL, name))
		return;
	plumb_object *o = new_object(x, PLUMB_OBJ_SCHEMA, NULL, name);
	if (!o)
		return;
	o->definition = o->name;
	o->sql = fmt(x, "CREATE SCHEMA %s", qname(x, NULL, name));
}

static void implicit_schemas(ox *x)
{
	for (size_t i = 0; i < x->cat->tables.n; i++)
		implicit_schema(x, ((const plumb_table *)x->cat->tables.items[i])->schema);
	for (size_t i = 0; i < x->cat->views.n; i++)
		implicit_schema(x, ((const plumb_view *)x->cat->views.items[i])->schema);
	size_t n = x->cat->objects.n; /* new schema objects are appended: not rescanned */
	for (size_t i = 0; i < n; i++) {
		const plumb_object *o = x->cat->objects.items[i];
		if (o->kind != PLUMB_OBJ_SCHEMA && o->kind != PLUMB_OBJ_COMMENT &&
		    o->kind != PLUMB_OBJ_EXTENSION && o->kind != PLUMB_OBJ_GRANT)
			implicit_schema(x, o->schema);
	}
}

int plumb__pg_load_schema(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *files,
			  plumb_catalog **out)
{
	ox x = {.st = {.ctx = ctx, .arena = arena}};
	int rc;
	*out = NULL;
	if (!(x.tmp = plumb_arena_new(arena))) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb_catalog_new(ctx, arena, "pg", false, &x.cat)) < 0)
		goto done;
	for (size_t i = 0; i < files->n && !x.st.rc; i++) {
		const plumb_sql_file *f = files->items[i];
		PgQuery__ParseResult *pr;
		x.f = f;
		x.text = plumb_arena_strndup(x.tmp, f->text, f->len ? f->len : strlen(f->text));
		if (!x.text) {
			nomem(&x);
			break;
		}
		if ((rc = plumb__pg_parse(ctx, x.tmp, x.text, f->path, &pr, NULL)) < 0) {
			fail(&x, rc);
			break;
		}
		scan_annotations(&x);
		for (size_t j = 0; j < pr->n_stmts && !x.st.rc; j++)
			statement(&x, pr->stmts[j]);
	}
	if (!x.st.rc)
		finish(&x);
	if (!x.st.rc)
		finish_grants(&x);
	if (!x.st.rc)
		implicit_schemas(&x);
	if ((rc = x.st.rc) < 0)
		goto done;
	plumb_catalog_sort(x.cat);
	*out = x.cat;
done:
	/* parse trees stay referenced by nothing in the catalog */
	return rc;
}
