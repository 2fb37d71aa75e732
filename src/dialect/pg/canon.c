/*
 * Canonical text of PostgreSQL types, expressions and statements: the text
 * is parsed with libpg_query, the tree normalised so that what a user writes
 * and what the server prints (pg_get_expr, pg_get_indexdef, pg_get_viewdef,
 * format_type, ... read with search_path = '') become the same tree, and
 * deparsed. It knows nothing of a catalog: names it cannot resolve stay as
 * written (only "public." and "pg_catalog." prefixes go).
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/literal.h"

/* --- trees in arena memory ----------------------------------------------- */

static void *pb_alloc(void *data, size_t size)
{
	return plumb_arena_alloc(data, size ? size : 1);
}

static void pb_free(void *data, void *p)
{
	(void)data;
	(void)p;
}

/* Byte offset of the 1-based character position pos in s. */
static size_t char_offset(const char *s, int pos)
{
	size_t i = 0;
	for (int n = 1; n < pos && s[i]; n++) {
		i++;
		while (((unsigned char)s[i] & 0xC0) == 0x80)
			i++;
	}
	return i;
}

int plumb__pg_parse(plumb_ctx *ctx, plumb_arena *arena, const char *sql, const char *file,
		    PgQuery__ParseResult **out, size_t *err_offset)
{
	ProtobufCAllocator al = {pb_alloc, pb_free, arena};
	PgQueryProtobufParseResult r = pg_query_parse_protobuf(sql);
	int rc = 0;
	*out = NULL;
	if (r.error) {
		size_t off = r.error->cursorpos > 0 ? char_offset(sql, r.error->cursorpos) : 0;
		if (err_offset)
			*err_offset = off;
		if (file) {
			int line, col;
			plumb_text_position(sql, off, &line, &col);
			rc = plumb_error_set_at(ctx, PLUMB_EPARSE, file, line, col, "%s",
						r.error->message);
		} else {
			rc = plumb_error_set(ctx, PLUMB_EPARSE, "could not parse \"%s\": %s", sql,
					     r.error->message);
		}
		goto done;
	}
	/* protobuf-c unpacks recursively: a tree deeper than the stack holds is
	 * refused first */
	size_t limit = plumb__pg_on_deep_stack() ? PLUMB_PG_MAX_DEPTH : PLUMB_PG_SHALLOW_DEPTH, depth;
	int32_t loc;
	if (plumb__pg_packed_depth(arena, (const uint8_t *)r.parse_tree.data, r.parse_tree.len, limit,
				   &depth, &loc) < 0) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if (depth > limit) {
		size_t off = loc > 0 && (size_t)loc < strlen(sql) ? (size_t)loc : 0;
		while (sql[off] == ' ' || sql[off] == '\t' || sql[off] == '\n' || sql[off] == '\r')
			off++;
		if (file) {
			int line, col;
			plumb_text_position(sql, off, &line, &col);
			rc = plumb_error_set_at(ctx, PLUMB_EPARSE, file, line, col,
						"statement nested too deeply (more than %zu levels)",
						limit);
		} else {
			rc = plumb_error_set(ctx, PLUMB_EPARSE,
					     "could not parse \"%.60s...\": nested too deeply (more than %zu levels)",
					     sql, limit);
		}
		goto done;
	}
	*out = pg_query__parse_result__unpack(&al, r.parse_tree.len,
					      (const uint8_t *)r.parse_tree.data);
	if (!*out)
		rc = plumb_error_nomem(ctx);
done:
	pg_query_free_protobuf_parse_result(r);
	return rc;
}

PgQuery__Node *plumb__pg_copy(plumb_arena *arena, const PgQuery__Node *n)
{
	ProtobufCAllocator al = {pb_alloc, pb_free, arena};
	size_t len = pg_query__node__get_packed_size(n);
	uint8_t *buf = plumb_arena_alloc(arena, len ? len : 1);
	if (!buf)
		return NULL;
	pg_query__node__pack(n, buf);
	return pg_query__node__unpack(&al, len, buf);
}

PgQuery__Node *plumb__pg_node(plumb_arena *arena, PgQuery__Node__NodeCase c, void *msg)
{
	PgQuery__Node *n = plumb_arena_alloc(arena, sizeof(*n));
	if (!n || !msg)
		return NULL;
	pg_query__node__init(n);
	n->node_case = c;
	memcpy(&n->alias, &msg, sizeof(msg));
	return n;
}

PgQuery__Node *plumb__pg_string(plumb_arena *arena, const char *s)
{
	PgQuery__String *str = plumb_arena_alloc(arena, sizeof(*str));
	if (!str)
		return NULL;
	pg_query__string__init(str);
	str->sval = plumb_arena_strdup(arena, s);
	if (!str->sval)
		return NULL;
	return plumb__pg_node(arena, PG_QUERY__NODE__NODE_STRING, str);
}

const char *plumb__pg_strval(const PgQuery__Node *n)
{
	return n && n->node_case == PG_QUERY__NODE__NODE_STRING ? n->string->sval : NULL;
}

static bool str_is(const PgQuery__Node *n, const char *s)
{
	const char *v = plumb__pg_strval(n);
	return v && strcmp(v, s) == 0;
}

/* --- identifiers ------------------------------------------------------------ */

bool plumb__pg_ident_needs_quotes(const char *s)
{
	if (!*s || !(islower((unsigned char)*s) || *s == '_'))
		return true;
	for (const char *p = s; *p; p++)
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_'))
			return true;
	/* a keyword other than an unreserved one */
	bool kw = false;
	PgQueryScanResult r = pg_query_scan(s);
	if (!r.error) {
		PgQuery__ScanResult *sr =
			pg_query__scan_result__unpack(NULL, r.pbuf.len, (const uint8_t *)r.pbuf.data);
		if (sr) {
			kw = sr->n_tokens == 1 &&
			     sr->tokens[0]->keyword_kind > PG_QUERY__KEYWORD_KIND__UNRESERVED_KEYWORD;
			pg_query__scan_result__free_unpacked(sr, NULL);
		}
	}
	pg_query_free_scan_result(r);
	return kw;
}

char *plumb__pg_quote_ident(plumb_arena *arena, const char *s)
{
	if (!s)
		return NULL;
	if (!plumb__pg_ident_needs_quotes(s))
		return plumb_arena_strdup(arena, s);
	return plumb_quote_ident(arena, s);
}

/* --- walking ------------------------------------------------------------------ */

typedef struct nx {
	plumb_arena *a;
	bool failed;
	const char *qual; /* visit_unqualify: the qualifier to drop */
} nx;

typedef void (*visit_fn)(ProtobufCMessage *m, nx *x);

void plumb__pg_children(ProtobufCMessage *m, void (*fn)(ProtobufCMessage *child, void *payload),
			void *payload)
{
	const ProtobufCMessageDescriptor *d = m->descriptor;
	char *base = (char *)m;
	for (unsigned i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];
		if (f->type != PROTOBUF_C_TYPE_MESSAGE)
			continue;
		if (f->label == PROTOBUF_C_LABEL_REPEATED) {
			size_t n = *(size_t *)(base + f->quantifier_offset);
			ProtobufCMessage **v = *(ProtobufCMessage ***)(base + f->offset);
			for (size_t j = 0; j < n; j++)
				if (v[j])
					fn(v[j], payload);
		} else if (!(f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) ||
			   *(uint32_t *)(base + f->quantifier_offset) == f->id) {
			ProtobufCMessage *c = *(ProtobufCMessage **)(base + f->offset);
			if (c)
				fn(c, payload);
		}
	}
}


typedef struct msg_walk {
	visit_fn fn;
	nx *x;
	const ProtobufCMessageDescriptor *stop;
} msg_walk;

static void walk_msg(ProtobufCMessage *m, visit_fn fn, nx *x,
		     const ProtobufCMessageDescriptor *stop, bool top);

static void walk_child(ProtobufCMessage *m, void *payload)
{
	msg_walk *mw = payload;
	walk_msg(m, mw->fn, mw->x, mw->stop, false);
}

/* Post-order over every message below m (m included). With stop set, the
 * walk does not enter messages of that type below the top. */
static void walk_msg(ProtobufCMessage *m, visit_fn fn, nx *x,
		     const ProtobufCMessageDescriptor *stop, bool top)
{
	if (!m)
		return;
	const ProtobufCMessageDescriptor *d = m->descriptor;
	if (!top && stop && d == &pg_query__node__descriptor) {
		const PgQuery__Node *n = (const PgQuery__Node *)m;
		if (n->node_case == PG_QUERY__NODE__NODE_SELECT_STMT)
			return;
	}
	msg_walk mw = {fn, x, stop};
	plumb__pg_children(m, walk_child, &mw);
	fn(m, x);
}

typedef struct gwalk {
	void (*fn)(ProtobufCMessage *m, void *payload);
	void *payload;
} gwalk;

static void walk_any(ProtobufCMessage *m, gwalk *g);

static void any_child(ProtobufCMessage *m, void *payload)
{
	walk_any(m, payload);
}

static void walk_any(ProtobufCMessage *m, gwalk *g)
{
	if (!m)
		return;
	plumb__pg_children(m, any_child, g);
	g->fn(m, g->payload);
}

void plumb__pg_walk(ProtobufCMessage *m, void (*fn)(ProtobufCMessage *m, void *payload),
		    void *payload)
{
	gwalk g = {fn, payload};
	walk_any(m, &g);
}

static void *nalloc(nx *x, size_t size)
{
	void *p = plumb_arena_alloc(x->a, size);
	if (!p)
		x->failed = true;
	return p;
}

static PgQuery__Node *mknode(nx *x, PgQuery__Node__NodeCase c, void *msg)
{
	PgQuery__Node *n = plumb__pg_node(x->a, c, msg);
	if (!n)
		x->failed = true;
	return n;
}

/* --- types -------------------------------------------------------------------- */

static const struct {
	const char *alias, *name;
} type_aliases[] = {
	{"int", "int4"},	{"integer", "int4"},	{"int4", "int4"},
	{"bigint", "int8"},	{"int8", "int8"},	{"smallint", "int2"},
	{"int2", "int2"},	{"real", "float4"},	{"float4", "float4"},
	{"float8", "float8"},	{"bool", "bool"},	{"boolean", "bool"},
	{"varchar", "varchar"}, {"bpchar", "bpchar"},	{"decimal", "numeric"},
	{"numeric", "numeric"}, {"timestamp", "timestamp"}, {"timestamptz", "timestamptz"},
	{"time", "time"},	{"timetz", "timetz"},	{"interval", "interval"},
	{"bit", "bit"},		{"varbit", "varbit"},
};

static const char *type_alias(const char *s)
{
	for (size_t i = 0; i < sizeof(type_aliases) / sizeof(type_aliases[0]); i++)
		if (strcmp(type_aliases[i].alias, s) == 0)
			return type_aliases[i].name;
	return NULL;
}

static void norm_type(nx *x, PgQuery__TypeName *tn)
{
	if (!tn)
		return;
	if (tn->n_names == 2 && (str_is(tn->names[0], "public") || str_is(tn->names[0], "pg_catalog"))) {
		bool cat = str_is(tn->names[0], "pg_catalog");
		tn->names++; /* the array may be shared: never written */
		tn->n_names = 1;
		if (!cat || !type_alias(plumb__pg_strval(tn->names[0])))
			goto bounds;
		/* a catalog name that is also an alias: fall through */
	}
	if (tn->n_names == 1 && plumb__pg_strval(tn->names[0])) {
		const char *canon = type_alias(plumb__pg_strval(tn->names[0]));
		if (canon) {
			PgQuery__Node **names = nalloc(x, 2 * sizeof(*names));
			PgQuery__Node *a = plumb__pg_string(x->a, "pg_catalog");
			PgQuery__Node *b = plumb__pg_string(x->a, canon);
			if (!names || !a || !b) {
				x->failed = true;
				return;
			}
			names[0] = a;
			names[1] = b;
			tn->names = names;
			tn->n_names = 2;
		}
	}
bounds:
	if (tn->n_array_bounds > 1)
		tn->n_array_bounds = 1;
	if (tn->n_array_bounds == 1) {
		PgQuery__Node *b = tn->array_bounds[0];
		if (b && b->node_case == PG_QUERY__NODE__NODE_INTEGER)
			b->integer->ival = -1;
	}
	tn->location = 0;
}

void plumb__pg_norm_type(plumb_arena *arena, PgQuery__TypeName *tn)
{
	nx x = {arena, false, NULL};
	norm_type(&x, tn);
}

/* The name of a normalised type in pg_catalog, or NULL. */
static const char *catalog_type(const PgQuery__TypeName *tn)
{
	if (tn->n_names == 2 && str_is(tn->names[0], "pg_catalog"))
		return plumb__pg_strval(tn->names[1]);
	if (tn->n_names == 1)
		return plumb__pg_strval(tn->names[0]);
	return NULL;
}

static bool typmod_int(const PgQuery__Node *n, long *v)
{
	if (n && n->node_case == PG_QUERY__NODE__NODE_A_CONST &&
	    n->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
		*v = n->a_const->ival ? n->a_const->ival->ival : 0;
		return true;
	}
	return false;
}

static void put_typmods(plumb_buf *b, const PgQuery__TypeName *tn, size_t from)
{
	if (tn->n_typmods <= from)
		return;
	plumb_buf_putc(b, '(');
	for (size_t i = from; i < tn->n_typmods; i++) {
		long v;
		const PgQuery__Node *m = tn->typmods[i];
		if (i > from)
			plumb_buf_putc(b, ',');
		if (typmod_int(m, &v))
			plumb_buf_printf(b, "%ld", v);
		else if (m && m->node_case == PG_QUERY__NODE__NODE_A_CONST &&
			 m->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)
			plumb_buf_puts(b, m->a_const->sval->sval);
		else if (m && m->node_case == PG_QUERY__NODE__NODE_A_CONST &&
			 m->a_const->val_case == PG_QUERY__A__CONST__VAL_FVAL)
			plumb_buf_puts(b, m->a_const->fval->fval);
		else if (m && m->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
			 m->column_ref->n_fields == 1 && plumb__pg_strval(m->column_ref->fields[0]))
			plumb_buf_puts(b, plumb__pg_strval(m->column_ref->fields[0]));
	}
	plumb_buf_putc(b, ')');
}

static void put_interval(plumb_buf *b, const PgQuery__TypeName *tn)
{
	long range = 0x7FFF, prec = -1;
	if (tn->n_typmods >= 1)
		typmod_int(tn->typmods[0], &range);
	if (tn->n_typmods >= 2)
		typmod_int(tn->typmods[1], &prec);
	static const struct {
		long mask;
		const char *text;
	} fields[] = {
		{1 << 2, " year"},
		{1 << 1, " month"},
		{1 << 3, " day"},
		{1 << 10, " hour"},
		{1 << 11, " minute"},
		{1 << 12, " second"},
		{(1 << 2) | (1 << 1), " year to month"},
		{(1 << 3) | (1 << 10), " day to hour"},
		{(1 << 3) | (1 << 10) | (1 << 11), " day to minute"},
		{(1 << 3) | (1 << 10) | (1 << 11) | (1 << 12), " day to second"},
		{(1 << 10) | (1 << 11), " hour to minute"},
		{(1 << 10) | (1 << 11) | (1 << 12), " hour to second"},
		{(1 << 11) | (1 << 12), " minute to second"},
	};
	plumb_buf_puts(b, "interval");
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i].mask == range)
			plumb_buf_puts(b, fields[i].text);
	if (prec >= 0 && prec != 0xFFFF)
		plumb_buf_printf(b, "(%ld)", prec);
}

static void put_type(plumb_buf *b, const PgQuery__TypeName *tn)
{
	const char *c = catalog_type(tn);
	bool cat = tn->n_names == 2 && c;
	const char *plain = NULL, *tz = NULL;
	if (cat) {
		if (strcmp(c, "int4") == 0)
			plain = "integer";
		else if (strcmp(c, "int8") == 0)
			plain = "bigint";
		else if (strcmp(c, "int2") == 0)
			plain = "smallint";
		else if (strcmp(c, "float4") == 0)
			plain = "real";
		else if (strcmp(c, "float8") == 0)
			plain = "double precision";
		else if (strcmp(c, "bool") == 0)
			plain = "boolean";
		else if (strcmp(c, "timestamp") == 0 || strcmp(c, "time") == 0)
			tz = " without time zone";
		else if (strcmp(c, "timestamptz") == 0 || strcmp(c, "timetz") == 0)
			tz = " with time zone";
	}
	if (plain) {
		plumb_buf_puts(b, plain);
	} else if (tz) {
		plumb_buf_puts(b, c[4] == 's' ? "timestamp" : "time");
		put_typmods(b, tn, 0);
		plumb_buf_puts(b, tz);
	} else if (cat && strcmp(c, "varchar") == 0) {
		plumb_buf_puts(b, "character varying");
		put_typmods(b, tn, 0);
	} else if (cat && strcmp(c, "bpchar") == 0) {
		plumb_buf_puts(b, tn->n_typmods ? "character" : "bpchar");
		put_typmods(b, tn, 0);
	} else if (cat && strcmp(c, "varbit") == 0) {
		plumb_buf_puts(b, "bit varying");
		put_typmods(b, tn, 0);
	} else if (cat && strcmp(c, "interval") == 0) {
		put_interval(b, tn);
	} else if (cat && strcmp(c, "numeric") == 0 && tn->n_typmods == 1) {
		long p;
		plumb_buf_puts(b, "numeric");
		if (typmod_int(tn->typmods[0], &p))
			plumb_buf_printf(b, "(%ld,0)", p);
	} else {
		/* numeric, bit and every other name as it is */
		if (cat) {
			plumb_buf_puts(b, c);
			put_typmods(b, tn, 0);
			goto array;
		}
		for (size_t i = 0; i < tn->n_names; i++) {
			const char *s = plumb__pg_strval(tn->names[i]);
			if (i)
				plumb_buf_putc(b, '.');
			if (!s)
				continue;
			if (plumb__pg_ident_needs_quotes(s))
				plumb_buf_quote_ident(b, s);
			else
				plumb_buf_puts(b, s);
		}
		put_typmods(b, tn, 0);
	}
array:
	if (tn->n_array_bounds)
		plumb_buf_puts(b, "[]");
}

int plumb__pg_type_text(plumb_ctx *ctx, plumb_arena *arena, PgQuery__TypeName *tn, char **out)
{
	nx x = {arena, false, NULL};
	plumb_buf b;
	norm_type(&x, tn);
	plumb_buf_init(&b, arena, 0);
	if (tn->pct_type) {
		/* %TYPE: kept as written */
		for (size_t i = 0; i < tn->n_names; i++)
			plumb_buf_printf(&b, "%s%s", i ? "." : "", plumb__pg_strval(tn->names[i]));
		plumb_buf_puts(&b, "%TYPE");
	} else {
		put_type(&b, tn);
	}
	if (x.failed)
		b.failed = true;
	if (plumb_buf_finish(&b, ctx) < 0)
		return PLUMB_ENOMEM;
	*out = b.data;
	return 0;
}

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

static bool looks_numeric(const char *s)
{
	const char *p = s;
	if (*p == '-' || *p == '+')
		p++;
	if (!isdigit((unsigned char)*p))
		return false;
	while (isdigit((unsigned char)*p))
		p++;
	if (*p == '.')
		for (p++; isdigit((unsigned char)*p); p++)
			;
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '-' || *p == '+')
			p++;
		if (!isdigit((unsigned char)*p))
			return false;
		while (isdigit((unsigned char)*p))
			p++;
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

/* 'public.x' -> 'x' in a regclass literal. */
static void strip_public_literal(PgQuery__AConst *c)
{
	if (c->val_case == PG_QUERY__A__CONST__VAL_SVAL && c->sval->sval &&
	    strncmp(c->sval->sval, "public.", 7) == 0)
		c->sval->sval += 7;
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

/* A string constant cast to numeric, money, bit or interval becomes what
 * the server stores: the type's output of the type's input (literal.c).
 * Only interval reads the typmod; the others get it in a separate cast. */
static void coerce_literal(nx *x, PgQuery__AConst *k, const PgQuery__TypeName *tn, const char *c)
{
	const char *s = k->sval->sval;
	char *out = NULL;
	int rc = 0;
	if (strcmp(c, "numeric") == 0) {
		rc = plumb__pg_lit_numeric(x->a, s, &out);
	} else if (strcmp(c, "money") == 0) {
		rc = plumb__pg_lit_money(x->a, s, &out);
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
	norm_type(x, tc->type_name);
	const char *c = tc->type_name->n_array_bounds ? NULL : catalog_type(tc->type_name);
	if (is_const(arg)) {
		PgQuery__AConst *k = arg->a_const;
		if (k->val_case == PG_QUERY__A__CONST__VAL_SVAL && k->sval && k->sval->sval && c)
			coerce_literal(x, k, tc->type_name, c);
		if (k->val_case == PG_QUERY__A__CONST__VAL_SVAL && k->sval && k->sval->sval) {
			if (numeric_type(c) && looks_numeric(k->sval->sval))
				const_to_number(x, k);
			else if (c && strcmp(c, "regclass") == 0)
				strip_public_literal(k);
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

static void norm_aexpr(nx *x, PgQuery__Node *n)
{
	PgQuery__AExpr *e = n->a_expr;
	const char *op = e->n_name ? plumb__pg_strval(e->name[e->n_name - 1]) : NULL;
	switch (e->kind) {
	case PG_QUERY__A__EXPR__KIND__AEXPR_LIKE:
	case PG_QUERY__A__EXPR__KIND__AEXPR_ILIKE:
		e->kind = PG_QUERY__A__EXPR__KIND__AEXPR_OP;
		break;
	case PG_QUERY__A__EXPR__KIND__AEXPR_IN: {
		PgQuery__Node *r = e->rexpr;
		if (!r || r->node_case != PG_QUERY__NODE__NODE_LIST)
			break;
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
	default:
		break;
	}
	if (e->n_name == 2 && str_is(e->name[0], "pg_catalog")) {
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
		strip_public_literal(f->args[0]->a_const);
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

static void visit_expr(ProtobufCMessage *m, nx *x)
{
	if (m->descriptor == &pg_query__type_name__descriptor) {
		norm_type(x, (PgQuery__TypeName *)m);
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
		/* = ANY (SELECT ...) is IN (SELECT ...) */
		if (n->sub_link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__ANY_SUBLINK &&
		    n->sub_link->n_oper_name == 1 && str_is(n->sub_link->oper_name[0], "="))
			n->sub_link->n_oper_name = 0;
		n->sub_link->location = 0;
		break;
	case PG_QUERY__NODE__NODE_A_CONST:
		norm_const(x, n->a_const);
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

int plumb__pg_norm_expr(plumb_arena *arena, PgQuery__Node *expr)
{
	nx x = {arena, false, NULL};
	walk_msg(&expr->base, visit_expr, &x, NULL, true);
	return x.failed ? -1 : 0;
}

/* --- deparsing -------------------------------------------------------------------- */

int plumb__pg_deparse(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *stmt, char **out)
{
	PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
	PgQuery__RawStmt *rp = &raw;
	PgQuery__ParseResult pr = PG_QUERY__PARSE_RESULT__INIT;
	raw.stmt = stmt;
	pr.version = PG_VERSION_NUM;
	pr.n_stmts = 1;
	pr.stmts = &rp;
	size_t len = pg_query__parse_result__get_packed_size(&pr);
	uint8_t *buf = plumb_arena_alloc(arena, len ? len : 1);
	if (!buf)
		return plumb_error_nomem(ctx);
	pg_query__parse_result__pack(&pr, buf);
	PgQueryProtobuf pb = {len, (char *)buf};
	PgQueryDeparseResult r = pg_query_deparse_protobuf(pb);
	int rc = 0;
	if (r.error) {
		rc = plumb_error_set(ctx, PLUMB_EPARSE, "could not write a statement back as SQL: %s",
				     r.error->message);
	} else if (!(*out = plumb_arena_strdup(arena, r.query))) {
		rc = plumb_error_nomem(ctx);
	}
	pg_query_free_deparse_result(r);
	return rc;
}

/* Deparses a bare expression (already normalised). */
static int deparse_expr(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *expr, char **out)
{
	PgQuery__ResTarget rt = PG_QUERY__RES_TARGET__INIT;
	PgQuery__Node rtn = PG_QUERY__NODE__INIT;
	PgQuery__Node *rtp = &rtn;
	PgQuery__SelectStmt sel = PG_QUERY__SELECT_STMT__INIT;
	PgQuery__Node seln = PG_QUERY__NODE__INIT;
	char *text;
	rt.val = expr;
	rtn.node_case = PG_QUERY__NODE__NODE_RES_TARGET;
	rtn.res_target = &rt;
	sel.n_target_list = 1;
	sel.target_list = &rtp;
	sel.limit_option = PG_QUERY__LIMIT_OPTION__LIMIT_OPTION_DEFAULT;
	sel.op = PG_QUERY__SET_OPERATION__SETOP_NONE;
	seln.node_case = PG_QUERY__NODE__NODE_SELECT_STMT;
	seln.select_stmt = &sel;
	int rc = plumb__pg_deparse(ctx, arena, &seln, &text);
	if (rc < 0)
		return rc;
	*out = strncmp(text, "SELECT ", 7) == 0 ? text + 7 : text;
	return 0;
}

int plumb__pg_expr_source(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *expr, char **out)
{
	return deparse_expr(ctx, arena, expr, out);
}

int plumb__pg_expr_text(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *expr, char **out)
{
	if (plumb__pg_norm_expr(arena, expr) < 0)
		return plumb_error_nomem(ctx);
	return deparse_expr(ctx, arena, expr, out);
}

/* --- statements --------------------------------------------------------------------- */

/* The name FigureColnameInternal gives an expression that is neither a cast
 * nor a CASE, or NULL. */
static const char *colname(const PgQuery__Node *n)
{
	if (!n)
		return NULL;
	switch (n->node_case) {
	case PG_QUERY__NODE__NODE_COLUMN_REF: {
		const PgQuery__ColumnRef *c = n->column_ref;
		return c->n_fields ? plumb__pg_strval(c->fields[c->n_fields - 1]) : NULL;
	}
	case PG_QUERY__NODE__NODE_FUNC_CALL: {
		const PgQuery__FuncCall *f = n->func_call;
		return f->n_funcname ? plumb__pg_strval(f->funcname[f->n_funcname - 1]) : NULL;
	}
	case PG_QUERY__NODE__NODE_A_EXPR:
		return n->a_expr->kind == PG_QUERY__A__EXPR__KIND__AEXPR_NULLIF ? "nullif" : NULL;
	case PG_QUERY__NODE__NODE_ROW_EXPR:
		return "row";
	case PG_QUERY__NODE__NODE_GROUPING_FUNC:
		return "grouping";
	case PG_QUERY__NODE__NODE_COALESCE_EXPR:
		return "coalesce";
	case PG_QUERY__NODE__NODE_A_ARRAY_EXPR:
		return "array";
	case PG_QUERY__NODE__NODE_MIN_MAX_EXPR:
		return n->min_max_expr->op == PG_QUERY__MIN_MAX_OP__IS_GREATEST ? "greatest" : "least";
	case PG_QUERY__NODE__NODE_NULL_IF_EXPR:
		return "nullif";
	case PG_QUERY__NODE__NODE_SQLVALUE_FUNCTION:
		switch (n->sqlvalue_function->op) {
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_DATE:
			return "current_date";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIME_N:
			return "current_time";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_TIMESTAMP_N:
			return "current_timestamp";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIME_N:
			return "localtime";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP:
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_LOCALTIMESTAMP_N:
			return "localtimestamp";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_ROLE:
			return "current_role";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_USER:
			return "current_user";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_USER:
			return "user";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_SESSION_USER:
			return "session_user";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_CATALOG:
			return "current_catalog";
		case PG_QUERY__SQLVALUE_FUNCTION_OP__SVFOP_CURRENT_SCHEMA:
			return "current_schema";
		default:
			return NULL;
		}
	case PG_QUERY__NODE__NODE_SUB_LINK:
		switch (n->sub_link->sub_link_type) {
		case PG_QUERY__SUB_LINK_TYPE__EXISTS_SUBLINK:
			return "exists";
		case PG_QUERY__SUB_LINK_TYPE__ARRAY_SUBLINK:
			return "array";
		case PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK: {
			/* the first output name of the subquery (of its first SELECT) */
			const PgQuery__Node *q = n->sub_link->subselect;
			const PgQuery__SelectStmt *s =
				q && q->node_case == PG_QUERY__NODE__NODE_SELECT_STMT ? q->select_stmt : NULL;
			while (s && s->op != PG_QUERY__SET_OPERATION__SETOP_NONE)
				s = s->larg;
			if (s && s->n_target_list) {
				const PgQuery__Node *t = s->target_list[0];
				if (t->node_case == PG_QUERY__NODE__NODE_RES_TARGET) {
					if (t->res_target->name && *t->res_target->name)
						return t->res_target->name;
					return plumb__pg_figure_colname(t->res_target->val);
				}
			}
			return NULL;
		}
		default:
			return NULL;
		}
	default:
		return NULL;
	}
}

/* FigureColnameInternal: the name and its strength, 2 for a good name, 1 for
 * a fallback (a cast's type, "case") that an outer cast or CASE overrides,
 * 0 for none. */
static int figure(const PgQuery__Node *n, const char **out)
{
	int strength;
	switch (n ? n->node_case : PG_QUERY__NODE__NODE__NOT_SET) {
	case PG_QUERY__NODE__NODE_TYPE_CAST: {
		const PgQuery__TypeName *tn = n->type_cast->type_name;
		strength = figure(n->type_cast->arg, out);
		if (strength > 1 || !tn || !tn->n_names)
			return strength;
		*out = plumb__pg_strval(tn->names[tn->n_names - 1]);
		return 1;
	}
	case PG_QUERY__NODE__NODE_CASE_EXPR:
		strength = figure(n->case_expr->defresult, out);
		if (strength > 1)
			return strength;
		*out = "case";
		return 1;
	case PG_QUERY__NODE__NODE_COLLATE_CLAUSE:
		return figure(n->collate_clause->arg, out);
	case PG_QUERY__NODE__NODE_SUB_LINK:
		/* a scalar subquery is named "?column?" at worst, and firmly */
		*out = colname(n);
		if (!*out && n->sub_link->sub_link_type == PG_QUERY__SUB_LINK_TYPE__EXPR_SUBLINK)
			*out = "?column?";
		return *out ? 2 : 0;
	default:
		*out = colname(n);
		return *out ? 2 : 0;
	}
}

const char *plumb__pg_figure_colname(const PgQuery__Node *n)
{
	const char *name = NULL;
	figure(n, &name);
	return name && strcmp(name, "?column?") != 0 ? name : NULL;
}

/* The name a FROM item is referred to by, or NULL. */
static const char *from_name(const PgQuery__Node *n)
{
	if (n->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
		const PgQuery__RangeVar *rv = n->range_var;
		return rv->alias && rv->alias->aliasname && *rv->alias->aliasname ? rv->alias->aliasname
										   : rv->relname;
	}
	if (n->node_case == PG_QUERY__NODE__NODE_RANGE_SUBSELECT) {
		const PgQuery__RangeSubselect *rs = n->range_subselect;
		return rs->alias && *rs->alias->aliasname ? rs->alias->aliasname : NULL;
	}
	return NULL;
}

static void visit_unqualify(ProtobufCMessage *m, nx *x)
{
	if (m->descriptor != &pg_query__node__descriptor)
		return;
	PgQuery__Node *n = (PgQuery__Node *)m;
	if (n->node_case != PG_QUERY__NODE__NODE_COLUMN_REF)
		return;
	PgQuery__ColumnRef *c = n->column_ref;
	if (c->n_fields == 2 && str_is(c->fields[0], x->qual)) {
		c->fields++;
		c->n_fields = 1;
	}
}

/* Before normalising: each unnamed select-list entry gets the name the
 * server gives it, so that normalising cannot change it (a dropped cast of
 * a constant would take the type's name with it). */
static void visit_names(ProtobufCMessage *m, nx *x)
{
	(void)x;
	if (m->descriptor != &pg_query__select_stmt__descriptor)
		return;
	PgQuery__SelectStmt *s = (PgQuery__SelectStmt *)m;
	for (size_t i = 0; i < s->n_target_list; i++) {
		PgQuery__Node *t = s->target_list[i];
		if (t->node_case == PG_QUERY__NODE__NODE_RES_TARGET &&
		    (!t->res_target->name || !*t->res_target->name))
			t->res_target->name = (char *)plumb__pg_figure_colname(t->res_target->val);
	}
}

static PgQuery__SelectStmt *first_leaf(PgQuery__SelectStmt *s)
{
	while (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE && s->larg)
		s = s->larg;
	return s;
}

/* The columns of a view are named by its first SELECT; the server writes
 * those names on the same columns of every other SELECT of a set operation. */
static void name_leaves(PgQuery__SelectStmt *s, const PgQuery__SelectStmt *first)
{
	if (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE) {
		if (s->larg)
			name_leaves(s->larg, first);
		if (s->rarg)
			name_leaves(s->rarg, first);
		return;
	}
	for (size_t i = 0; s != first && i < s->n_target_list && i < first->n_target_list; i++) {
		PgQuery__Node *t = s->target_list[i], *f = first->target_list[i];
		if (t->node_case == PG_QUERY__NODE__NODE_RES_TARGET &&
		    f->node_case == PG_QUERY__NODE__NODE_RES_TARGET)
			t->res_target->name = f->res_target->name && *f->res_target->name
						      ? f->res_target->name
						      : "?column?";
	}
}

/* --- relation names: ruleutils.c's set_rtable_names ---------------------------- */

/* A FROM item of one query level: the name it is written with and the one
 * the server gives it, unique across the level and every level above it
 * ("t", then "t_1", "t_2", ...). */
typedef struct rtename {
	const char *orig, *name;
	PgQuery__Alias **alias; /* where the item keeps its alias; NULL: none to set */
	int counter;		/* conflicts of orig so far on this level */
} rtename;

typedef struct level {
	const struct level *up;
	rtename *v;
	size_t n, cap;
} level;

static bool name_taken(const level *lv, const char *name)
{
	for (; lv; lv = lv->up)
		for (size_t i = 0; i < lv->n; i++)
			if (strcmp(lv->v[i].name, name) == 0)
				return true;
	return false;
}

/* Adds a FROM item named orig, choosing its unique name. */
static void level_add(nx *x, level *lv, const char *orig, PgQuery__Alias **alias)
{
	if (!orig || !*orig)
		return;
	if (lv->n == lv->cap) {
		size_t cap = lv->cap ? 2 * lv->cap : 8;
		rtename *v = nalloc(x, cap * sizeof(*v));
		if (!v)
			return;
		if (lv->n)
			memcpy(v, lv->v, lv->n * sizeof(*v));
		lv->v = v;
		lv->cap = cap;
	}
	rtename *e = &lv->v[lv->n];
	*e = (rtename){orig, orig, alias, 0};
	if (name_taken(lv, orig)) {
		for (size_t i = 0; i < lv->n; i++)
			if (strcmp(lv->v[i].orig, orig) == 0)
				e->counter = lv->v[i].counter;
		size_t len = strlen(orig);
		char *m;
		do {
			e->counter++;
			/* under NAMEDATALEN: drop characters of orig, keep the digits */
			for (;;) {
				m = plumb_arena_printf(x->a, "%.*s_%d", (int)len, orig, e->counter);
				if (!m) {
					x->failed = true;
					return;
				}
				if (strlen(m) < 64)
					break;
				do
					len--;
				while (len && ((unsigned char)orig[len] & 0xC0) == 0x80);
			}
		} while (name_taken(lv, m));
		e->name = m;
	}
	lv->n++;
}

static void level_from(nx *x, level *lv, PgQuery__Node *n)
{
	if (!n)
		return;
	switch (n->node_case) {
	case PG_QUERY__NODE__NODE_RANGE_VAR: {
		PgQuery__RangeVar *rv = n->range_var;
		level_add(x, lv, rv->alias ? rv->alias->aliasname : rv->relname, &rv->alias);
		break;
	}
	case PG_QUERY__NODE__NODE_RANGE_SUBSELECT:
		if (n->range_subselect->alias)
			level_add(x, lv, n->range_subselect->alias->aliasname, &n->range_subselect->alias);
		break;
	case PG_QUERY__NODE__NODE_RANGE_FUNCTION:
		if (n->range_function->alias)
			level_add(x, lv, n->range_function->alias->aliasname, &n->range_function->alias);
		break;
	case PG_QUERY__NODE__NODE_RANGE_TABLE_SAMPLE:
		level_from(x, lv, n->range_table_sample->relation);
		break;
	case PG_QUERY__NODE__NODE_JOIN_EXPR:
		level_from(x, lv, n->join_expr->larg);
		level_from(x, lv, n->join_expr->rarg);
		if (n->join_expr->alias)
			level_add(x, lv, n->join_expr->alias->aliasname, &n->join_expr->alias);
		break;
	default:
		break;
	}
}

static void name_select(nx *x, PgQuery__SelectStmt *s, const level *up);

/* Column references of one level named after the FROM item they reach
 * (the nearest level with an item written that way); nested SELECTs are
 * levels of their own. */
typedef struct name_ctx {
	nx *x;
	const level *lv;
} name_ctx;

static void name_walk(ProtobufCMessage *m, nx *x, const level *lv);

static void name_child(ProtobufCMessage *m, void *payload)
{
	name_ctx *nc = payload;
	name_walk(m, nc->x, nc->lv);
}

static void name_walk(ProtobufCMessage *m, nx *x, const level *lv)
{
	if (!m)
		return;
	const ProtobufCMessageDescriptor *d = m->descriptor;
	if (d == &pg_query__select_stmt__descriptor) {
		name_select(x, (PgQuery__SelectStmt *)m, lv);
		return;
	}
	if (d == &pg_query__column_ref__descriptor) {
		PgQuery__ColumnRef *c = (PgQuery__ColumnRef *)m;
		const char *q = c->n_fields >= 2 ? plumb__pg_strval(c->fields[0]) : NULL;
		for (const level *l = lv; q && l; l = l->up) {
			for (size_t i = 0; i < l->n; i++) {
				if (strcmp(l->v[i].orig, q) != 0)
					continue;
				if (strcmp(l->v[i].name, q) != 0) {
					PgQuery__Node **f = nalloc(x, c->n_fields * sizeof(*f));
					if (!f)
						return;
					memcpy(f, c->fields, c->n_fields * sizeof(*f));
					f[0] = plumb__pg_string(x->a, l->v[i].name);
					if (!f[0])
						x->failed = true;
					c->fields = f;
				}
				return;
			}
		}
		return;
	}
	name_ctx nc = {x, lv};
	plumb__pg_children(m, name_child, &nc);
}

/* Gives the FROM items of s and of every query below it the names the
 * server prints: an item whose name an enclosing level already uses is
 * renamed and gets that name as its alias, and its column references
 * follow. A set operation is no level of its own: its SELECTs hang on up. */
static void name_select(nx *x, PgQuery__SelectStmt *s, const level *up)
{
	level lv = {up, NULL, 0, 0};
	const level *here = up;
	if (s->op == PG_QUERY__SET_OPERATION__SETOP_NONE) {
		for (size_t i = 0; i < s->n_from_clause; i++)
			level_from(x, &lv, s->from_clause[i]);
		for (size_t i = 0; i < lv.n; i++) {
			rtename *e = &lv.v[i];
			if (strcmp(e->name, e->orig) == 0 || !e->alias)
				continue;
			PgQuery__Alias *a = nalloc(x, sizeof(*a));
			if (!a)
				return;
			pg_query__alias__init(a);
			if (*e->alias) {
				a->colnames = (*e->alias)->colnames;
				a->n_colnames = (*e->alias)->n_colnames;
			}
			a->aliasname = (char *)e->name;
			*e->alias = a;
		}
		here = &lv;
	}
	name_ctx nc = {x, here};
	plumb__pg_children(&s->base, name_child, &nc);
}

/* A SELECT of a view: column references qualified by the only FROM item
 * lose the qualifier; output names equal to the implied name go. */
static void visit_select(ProtobufCMessage *m, nx *x)
{
	if (m->descriptor != &pg_query__select_stmt__descriptor)
		return;
	PgQuery__SelectStmt *s = (PgQuery__SelectStmt *)m;
	if (s->n_from_clause == 1 && from_name(s->from_clause[0])) {
		const char *saved = x->qual;
		x->qual = from_name(s->from_clause[0]);
		for (size_t i = 0; i < s->n_target_list; i++)
			walk_msg(&s->target_list[i]->base, visit_unqualify, x, &pg_query__select_stmt__descriptor, true);
		if (s->where_clause)
			walk_msg(&s->where_clause->base, visit_unqualify, x, &pg_query__select_stmt__descriptor, true);
		for (size_t i = 0; i < s->n_group_clause; i++)
			walk_msg(&s->group_clause[i]->base, visit_unqualify, x, &pg_query__select_stmt__descriptor, true);
		if (s->having_clause)
			walk_msg(&s->having_clause->base, visit_unqualify, x, &pg_query__select_stmt__descriptor, true);
		for (size_t i = 0; i < s->n_sort_clause; i++)
			walk_msg(&s->sort_clause[i]->base, visit_unqualify, x, &pg_query__select_stmt__descriptor, true);
		for (size_t i = 0; i < s->n_distinct_clause; i++)
			if (s->distinct_clause[i])
				walk_msg(&s->distinct_clause[i]->base, visit_unqualify, x, &pg_query__select_stmt__descriptor, true);
		for (size_t i = 0; i < s->n_window_clause; i++)
			walk_msg(&s->window_clause[i]->base, visit_unqualify, x, &pg_query__select_stmt__descriptor, true);
		x->qual = saved;
	}
	for (size_t i = 0; i < s->n_target_list; i++) {
		PgQuery__Node *t = s->target_list[i];
		if (t->node_case != PG_QUERY__NODE__NODE_RES_TARGET || !t->res_target->name ||
		    !*t->res_target->name)
			continue;
		const char *implied = plumb__pg_figure_colname(t->res_target->val);
		if (implied && strcmp(implied, t->res_target->name) == 0)
			t->res_target->name = NULL;
		else if (!implied && strcmp(t->res_target->name, "?column?") == 0)
			t->res_target->name = NULL;
	}
}

static void norm_index_elem(PgQuery__IndexElem *e)
{
	if (e->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_ASC)
		e->ordering = PG_QUERY__SORT_BY_DIR__SORTBY_DEFAULT;
	bool desc = e->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
	if ((!desc && e->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST) ||
	    (desc && e->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST))
		e->nulls_ordering = PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_DEFAULT;
	if (e->expr && e->expr->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
	    e->expr->column_ref->n_fields == 1 && plumb__pg_strval(e->expr->column_ref->fields[0])) {
		e->name = (char *)plumb__pg_strval(e->expr->column_ref->fields[0]);
		e->expr = NULL;
	}
}

static void visit_index_elems(ProtobufCMessage *m, nx *x)
{
	(void)x;
	if (m->descriptor == &pg_query__index_elem__descriptor)
		norm_index_elem((PgQuery__IndexElem *)m);
}

/* Rank of a function option in the canonical order. */
static int option_rank(const char *name)
{
	static const char *const order[] = {"language", "window", "volatility", "strict",
					    "security", "leakproof", "parallel", "cost",
					    "rows", "support", "set", "as"};
	for (size_t i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (strcmp(order[i], name) == 0)
			return (int)i;
	return 100;
}

static bool option_is_default(const PgQuery__DefElem *d)
{
	const PgQuery__Node *a = d->arg;
	const char *s = plumb__pg_strval(a);
	bool bval = a && a->node_case == PG_QUERY__NODE__NODE_BOOLEAN && a->boolean->boolval;
	if (strcmp(d->defname, "volatility") == 0)
		return s && strcmp(s, "volatile") == 0;
	if (strcmp(d->defname, "strict") == 0 || strcmp(d->defname, "security") == 0 ||
	    strcmp(d->defname, "leakproof") == 0 || strcmp(d->defname, "window") == 0)
		return a && a->node_case == PG_QUERY__NODE__NODE_BOOLEAN && !bval;
	if (strcmp(d->defname, "parallel") == 0)
		return s && strcmp(s, "unsafe") == 0;
	if (strcmp(d->defname, "cost") == 0 || strcmp(d->defname, "rows") == 0) {
		long v = -1;
		if (a && a->node_case == PG_QUERY__NODE__NODE_INTEGER)
			v = a->integer->ival;
		else if (a && a->node_case == PG_QUERY__NODE__NODE_FLOAT)
			v = strtol(a->float_->fval, NULL, 10);
		return v == (d->defname[0] == 'c' ? 100 : 1000);
	}
	return false;
}

static int cmp_option(const void *pa, const void *pb)
{
	const PgQuery__Node *a = *(const PgQuery__Node *const *)pa, *b = *(const PgQuery__Node *const *)pb;
	int ra = option_rank(a->def_elem->defname), rb = option_rank(b->def_elem->defname);
	return ra - rb;
}

static void norm_function(nx *x, PgQuery__CreateFunctionStmt *f)
{
	(void)x;
	f->replace = true;
	if (f->n_funcname == 2 && str_is(f->funcname[0], "public")) {
		f->funcname++;
		f->n_funcname = 1;
	}
	for (size_t i = 0; i < f->n_parameters; i++) {
		PgQuery__Node *p = f->parameters[i];
		if (p->node_case == PG_QUERY__NODE__NODE_FUNCTION_PARAMETER &&
		    p->function_parameter->mode == PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_IN)
			p->function_parameter->mode = PG_QUERY__FUNCTION_PARAMETER_MODE__FUNC_PARAM_DEFAULT;
	}
	size_t k = 0;
	for (size_t i = 0; i < f->n_options; i++) {
		PgQuery__Node *o = f->options[i];
		if (o->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		if (o->def_elem->defname && option_is_default(o->def_elem))
			continue;
		/* configuration names ignore case; the server stores its own spelling */
		PgQuery__Node *set = o->def_elem->arg;
		if (o->def_elem->defname && strcmp(o->def_elem->defname, "set") == 0 && set &&
		    set->node_case == PG_QUERY__NODE__NODE_VARIABLE_SET_STMT &&
		    set->variable_set_stmt->name) {
			char *low = plumb_str_lower(x->a, set->variable_set_stmt->name);
			if (low)
				set->variable_set_stmt->name = low;
			else
				x->failed = true;
		}
		if (o->def_elem->defname && strcmp(o->def_elem->defname, "language") == 0) {
			const char *s = plumb__pg_strval(o->def_elem->arg);
			char *low = s ? plumb_str_lower(x->a, s) : NULL;
			if (low)
				o->def_elem->arg->string->sval = low;
		}
		o->def_elem->location = 0;
		f->options[k++] = o;
	}
	f->n_options = k;
	/* stable sort by rank: insertion sort keeps the order of equal ranks */
	for (size_t i = 1; i < f->n_options; i++) {
		PgQuery__Node *v = f->options[i];
		size_t j = i;
		while (j > 0 && cmp_option(&f->options[j - 1], &v) > 0) {
			f->options[j] = f->options[j - 1];
			j--;
		}
		f->options[j] = v;
	}
}

static int domain_rank(const PgQuery__Node *n)
{
	if (n->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
		return 9;
	switch (n->constraint->contype) {
	case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
		return 0;
	case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
		return 1;
	default:
		return 2;
	}
}

static int cmp_domain_con(const PgQuery__Node *a, const PgQuery__Node *b)
{
	int r = domain_rank(a) - domain_rank(b);
	if (r || domain_rank(a) != 2)
		return r;
	const char *na = a->constraint->conname, *nb = b->constraint->conname;
	if (!na || !*na)
		return nb && *nb ? 1 : 0;
	if (!nb || !*nb)
		return -1;
	return strcmp(na, nb);
}

static void norm_domain(PgQuery__CreateDomainStmt *d)
{
	if (d->n_domainname == 2 && str_is(d->domainname[0], "public")) {
		d->domainname++;
		d->n_domainname = 1;
	}
	size_t k = 0;
	for (size_t i = 0; i < d->n_constraints; i++) {
		PgQuery__Node *c = d->constraints[i];
		if (c->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
			if (c->constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_NULL)
				continue;
			if (c->constraint->contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK)
				c->constraint->conname = NULL;
			c->constraint->location = 0;
		}
		d->constraints[k++] = c;
	}
	d->n_constraints = k;
	for (size_t i = 1; i < d->n_constraints; i++) {
		PgQuery__Node *v = d->constraints[i];
		size_t j = i;
		while (j > 0 && cmp_domain_con(d->constraints[j - 1], v) > 0) {
			d->constraints[j] = d->constraints[j - 1];
			j--;
		}
		d->constraints[j] = v;
	}
}

static int cmp_role(const PgQuery__Node *a, const PgQuery__Node *b)
{
	const char *na = a->node_case == PG_QUERY__NODE__NODE_ROLE_SPEC && a->role_spec->rolename
				 ? a->role_spec->rolename
				 : "public";
	const char *nb = b->node_case == PG_QUERY__NODE__NODE_ROLE_SPEC && b->role_spec->rolename
				 ? b->role_spec->rolename
				 : "public";
	return strcmp(na, nb);
}

static void norm_policy(nx *x, PgQuery__CreatePolicyStmt *p)
{
	if (!p->cmd_name || !*p->cmd_name)
		p->cmd_name = "all";
	if (!p->n_roles) {
		PgQuery__RoleSpec *r = nalloc(x, sizeof(*r));
		PgQuery__Node **v = nalloc(x, sizeof(*v));
		if (!r || !v)
			return;
		pg_query__role_spec__init(r);
		r->roletype = PG_QUERY__ROLE_SPEC_TYPE__ROLESPEC_PUBLIC;
		v[0] = mknode(x, PG_QUERY__NODE__NODE_ROLE_SPEC, r);
		p->roles = v;
		p->n_roles = 1;
	}
	for (size_t i = 0; i < p->n_roles; i++)
		if (p->roles[i]->node_case == PG_QUERY__NODE__NODE_ROLE_SPEC)
			p->roles[i]->role_spec->location = 0;
	for (size_t i = 1; i < p->n_roles; i++) {
		PgQuery__Node *v = p->roles[i];
		size_t j = i;
		while (j > 0 && cmp_role(p->roles[j - 1], v) > 0) {
			p->roles[j] = p->roles[j - 1];
			j--;
		}
		p->roles[j] = v;
	}
}

/* The query of a view or materialized view, or NULL. */
static PgQuery__SelectStmt *view_query(PgQuery__Node *stmt)
{
	PgQuery__Node *q = stmt->node_case == PG_QUERY__NODE__NODE_VIEW_STMT ? stmt->view_stmt->query
			   : stmt->node_case == PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT
				   ? stmt->create_table_as_stmt->query
				   : NULL;
	return q && q->node_case == PG_QUERY__NODE__NODE_SELECT_STMT ? q->select_stmt : NULL;
}

static void norm_stmt(nx *x, PgQuery__Node *stmt)
{
	/* a view's output names are fixed before its expressions are
	 * normalised; its FROM items named, qualifiers and implied names
	 * dropped after */
	PgQuery__SelectStmt *q = view_query(stmt);
	if (q) {
		walk_msg(&q->base, visit_names, x, NULL, true);
		name_leaves(q, first_leaf(q));
	}
	walk_msg(&stmt->base, visit_expr, x, NULL, true);
	if (q) {
		name_select(x, q, NULL);
		walk_msg(&q->base, visit_select, x, NULL, true);
	}
	switch (stmt->node_case) {
	case PG_QUERY__NODE__NODE_INDEX_STMT: {
		PgQuery__IndexStmt *i = stmt->index_stmt;
		i->concurrent = false;
		i->if_not_exists = false;
		if (!i->access_method || !*i->access_method)
			i->access_method = "btree";
		walk_msg(&stmt->base, visit_index_elems, x, NULL, true);
		break;
	}
	case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
		walk_msg(&stmt->base, visit_index_elems, x, NULL, true);
		break;
	case PG_QUERY__NODE__NODE_VIEW_STMT:
		stmt->view_stmt->replace = false;
		break;
	case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
		stmt->create_table_as_stmt->if_not_exists = false;
		break;
	case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT: {
		PgQuery__CreateTrigStmt *t = stmt->create_trig_stmt;
		t->replace = false;
		if (t->n_funcname == 2 && str_is(t->funcname[0], "public")) {
			t->funcname++;
			t->n_funcname = 1;
		}
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
		norm_policy(x, stmt->create_policy_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
		norm_function(x, stmt->create_function_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
		norm_domain(stmt->create_domain_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
		stmt->create_seq_stmt->if_not_exists = false;
		break;
	default:
		break;
	}
}

int plumb__pg_stmt_text(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *stmt, char **out)
{
	nx x = {arena, false, NULL};
	norm_stmt(&x, stmt);
	if (x.failed)
		return plumb_error_nomem(ctx);
	return plumb__pg_deparse(ctx, arena, stmt, out);
}

/* --- the public functions ------------------------------------------------------------ */

static int canon_type(plumb_ctx *ctx, plumb_arena *arena, const char *type, char **out)
{
	plumb_arena *tmp = plumb_arena_new(arena);
	PgQuery__ParseResult *pr;
	char *sql, *text;
	int rc;
	*out = NULL;
	if (!tmp || !(sql = plumb_arena_printf(tmp, "SELECT NULL::%s", type))) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb__pg_parse(ctx, tmp, sql, NULL, &pr, NULL)) < 0)
		goto done;
	PgQuery__Node *s = pr->n_stmts == 1 ? pr->stmts[0]->stmt : NULL;
	PgQuery__Node *v = NULL;
	if (s && s->node_case == PG_QUERY__NODE__NODE_SELECT_STMT &&
	    s->select_stmt->n_target_list == 1 &&
	    s->select_stmt->target_list[0]->node_case == PG_QUERY__NODE__NODE_RES_TARGET)
		v = s->select_stmt->target_list[0]->res_target->val;
	if (!v || v->node_case != PG_QUERY__NODE__NODE_TYPE_CAST) {
		rc = plumb_error_set(ctx, PLUMB_EPARSE, "could not read the type \"%s\"", type);
		goto done;
	}
	if ((rc = plumb__pg_type_text(ctx, tmp, v->type_cast->type_name, &text)) < 0)
		goto done;
	if (!(*out = plumb_arena_strdup(arena, text)))
		rc = plumb_error_nomem(ctx);
done:
	plumb_arena_free(tmp);
	return rc;
}

static int canon_expr(plumb_ctx *ctx, plumb_arena *arena, const char *expr, char **out)
{
	plumb_arena *tmp = plumb_arena_new(arena);
	PgQuery__ParseResult *pr;
	char *sql, *text;
	int rc;
	*out = NULL;
	if (!tmp || !(sql = plumb_arena_printf(tmp, "SELECT %s", expr))) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb__pg_parse(ctx, tmp, sql, NULL, &pr, NULL)) < 0)
		goto done;
	PgQuery__Node *s = pr->n_stmts == 1 ? pr->stmts[0]->stmt : NULL;
	if (!s || s->node_case != PG_QUERY__NODE__NODE_SELECT_STMT ||
	    s->select_stmt->n_target_list != 1 || s->select_stmt->n_from_clause ||
	    s->select_stmt->target_list[0]->node_case != PG_QUERY__NODE__NODE_RES_TARGET ||
	    *s->select_stmt->target_list[0]->res_target->name) {
		rc = plumb_error_set(ctx, PLUMB_EPARSE, "could not read the expression \"%s\"", expr);
		goto done;
	}
	if ((rc = plumb__pg_expr_text(ctx, tmp, s->select_stmt->target_list[0]->res_target->val,
				      &text)) < 0)
		goto done;
	if (!(*out = plumb_arena_strdup(arena, text)))
		rc = plumb_error_nomem(ctx);
done:
	plumb_arena_free(tmp);
	return rc;
}

static int canon_stmt(plumb_ctx *ctx, plumb_arena *arena, const char *stmt, char **out)
{
	plumb_arena *tmp = plumb_arena_new(arena);
	PgQuery__ParseResult *pr;
	plumb_buf b;
	int rc;
	*out = NULL;
	if (!tmp) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb__pg_parse(ctx, tmp, stmt, NULL, &pr, NULL)) < 0)
		goto done;
	plumb_buf_init(&b, arena, 0);
	for (size_t i = 0; i < pr->n_stmts; i++) {
		char *text;
		if ((rc = plumb__pg_stmt_text(ctx, tmp, pr->stmts[i]->stmt, &text)) < 0)
			goto done;
		if (i)
			plumb_buf_puts(&b, "; ");
		plumb_buf_puts(&b, text);
	}
	if ((rc = plumb_buf_finish(&b, ctx)) < 0)
		goto done;
	*out = b.data;
done:
	plumb_arena_free(tmp);
	return rc;
}

/* --- on a stack deep enough ------------------------------------------------------ */

typedef struct canon_call {
	int (*fn)(plumb_ctx *ctx, plumb_arena *arena, const char *text, char **out);
	plumb_ctx *ctx;
	plumb_arena *arena;
	const char *text;
	char **out;
} canon_call;

static int canon_run(void *payload)
{
	canon_call *c = payload;
	return c->fn(c->ctx, c->arena, c->text, c->out);
}

/* A short text cannot nest deeper than any stack holds: read where we are;
 * a long one on the large stack. */
static int canon_deep(int (*fn)(plumb_ctx *, plumb_arena *, const char *, char **),
		      plumb_ctx *ctx, plumb_arena *arena, const char *text, char **out)
{
	if (plumb__pg_on_deep_stack() || strlen(text) < PLUMB_PG_SHALLOW_TEXT)
		return fn(ctx, arena, text, out);
	canon_call c = {fn, ctx, arena, text, out};
	*out = NULL;
	return plumb__pg_deep(ctx, canon_run, &c);
}

int plumb__pg_canon_type(plumb_ctx *ctx, plumb_arena *arena, const char *type, char **out)
{
	return canon_deep(canon_type, ctx, arena, type, out);
}

int plumb__pg_canon_expr(plumb_ctx *ctx, plumb_arena *arena, const char *expr, char **out)
{
	return canon_deep(canon_expr, ctx, arena, expr, out);
}

int plumb__pg_canon_stmt(plumb_ctx *ctx, plumb_arena *arena, const char *stmt, char **out)
{
	return canon_deep(canon_stmt, ctx, arena, stmt, out);
}
