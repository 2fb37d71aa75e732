/*
 * libpg_query's parse trees held in arena memory, and what every reader of
 * them needs: parsing a text (refusing a tree too deep for the stack first),
 * building and copying nodes, the String-node and identifier helpers, the
 * walkers over protobuf-c messages, and deparsing a statement as it is (but
 * for the parentheses an index element's expression needs).
 * Nothing here normalises a tree: what makes a text canonical is in the
 * canon*.c files.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/canon_norm.h"

/* --- trees in arena memory ----------------------------------------------- */

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

int plumb__pg_parse_at(plumb_ctx *ctx, plumb_arena *arena, const char *sql, const char *whole,
		       size_t base, const char *file, PgQuery__ParseResult **out,
		       size_t *err_offset)
{
	return plumb__pg_parse_taken(ctx, arena, pg_query_parse_protobuf(sql), sql, whole, base,
				     file, out, err_offset);
}

int plumb__pg_parse_taken(plumb_ctx *ctx, plumb_arena *arena, PgQueryProtobufParseResult r,
			  const char *sql, const char *whole, size_t base, const char *file,
			  PgQuery__ParseResult **out, size_t *err_offset)
{
	ProtobufCAllocator al = {pb_alloc, pb_free, arena};
	int rc = 0;
	*out = NULL;
	if (r.error) {
		size_t off = r.error->cursorpos > 0 ? char_offset(sql, r.error->cursorpos) : 0;
		if (err_offset)
			*err_offset = base + off;
		if (file) {
			int line, col;
			plumb_text_position(whole, base + off, &line, &col);
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
			plumb_text_position(whole, base + off, &line, &col);
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

PgQuery__ParseResult *plumb__pg_try_unpack(plumb_arena *arena, const PgQueryProtobufParseResult *r)
{
	ProtobufCAllocator al = {pb_alloc, pb_free, arena};
	size_t depth;
	int32_t loc;
	if (r->error ||
	    plumb__pg_packed_depth(arena, (const uint8_t *)r->parse_tree.data, r->parse_tree.len,
				   PLUMB_PG_SHALLOW_DEPTH, &depth, &loc) < 0 ||
	    depth > PLUMB_PG_SHALLOW_DEPTH)
		return NULL;
	return pg_query__parse_result__unpack(&al, r->parse_tree.len,
					      (const uint8_t *)r->parse_tree.data);
}

PgQuery__ParseResult *plumb__pg_unpack(plumb_arena *arena, const uint8_t *data, size_t len)
{
	ProtobufCAllocator al = {pb_alloc, pb_free, arena};
	return pg_query__parse_result__unpack(&al, len, data);
}

int plumb__pg_parse(plumb_ctx *ctx, plumb_arena *arena, const char *sql, const char *file,
		    PgQuery__ParseResult **out, size_t *err_offset)
{
	return plumb__pg_parse_at(ctx, arena, sql, sql, 0, file, out, err_offset);
}

PgQuery__Node *plumb__pg_copy(plumb_arena *arena, const PgQuery__Node *n)
{
	ProtobufCAllocator al = {pb_alloc, pb_free, arena};
	size_t len = pg_query__node__get_packed_size(n);
	/* unpacking copies every string: the packed form is not kept */
	uint8_t *buf = malloc(len ? len : 1);
	if (!buf)
		return NULL;
	pg_query__node__pack(n, buf);
	PgQuery__Node *c = pg_query__node__unpack(&al, len, buf);
	free(buf);
	return c;
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

PgQuery__Node *plumb__pg_catalog_cast(plumb_arena *arena, PgQuery__Node *arg, const char *type)
{
	PgQuery__TypeName *tn = plumb_arena_alloc(arena, sizeof(*tn));
	PgQuery__TypeCast *tc = plumb_arena_alloc(arena, sizeof(*tc));
	PgQuery__Node **names = plumb_arena_alloc(arena, 2 * sizeof(*names));
	if (!tn || !tc || !names)
		return NULL;
	pg_query__type_name__init(tn);
	pg_query__type_cast__init(tc);
	names[0] = plumb__pg_string(arena, "pg_catalog");
	names[1] = plumb__pg_string(arena, type);
	if (!names[0] || !names[1])
		return NULL;
	tn->names = names;
	tn->n_names = 2;
	tn->typemod = -1;
	tc->type_name = tn;
	tc->arg = arg;
	return plumb__pg_node(arena, PG_QUERY__NODE__NODE_TYPE_CAST, tc);
}

const char *plumb__pg_strval(const PgQuery__Node *n)
{
	return n && n->node_case == PG_QUERY__NODE__NODE_STRING ? n->string->sval : NULL;
}

/* --- identifiers ------------------------------------------------------------ */

bool plumb__pg_ident_needs_quotes(const char *s)
{
	if (!*s || !(islower((unsigned char)*s) || *s == '_'))
		return true;
	bool digit = false;
	for (const char *p = s; *p; p++) {
		if (!(islower((unsigned char)*p) || isdigit((unsigned char)*p) || *p == '_'))
			return true;
		digit = digit || isdigit((unsigned char)*p);
	}
	if (digit) /* no keyword holds a digit: not scanned */
		return false;
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

void plumb__pg_children(ProtobufCMessage *m, void (*fn)(ProtobufCMessage *child, void *payload),
			void *payload)
{
	const ProtobufCMessageDescriptor *d = m->descriptor;
	char *base = (char *)m;
	if (d == &pg_query__node__descriptor) {
		/* a Node is one oneof of messages only (some 250 fields): its one
		 * child is read from the case, not searched for */
		const PgQuery__Node *n = (const PgQuery__Node *)m;
		ProtobufCMessage *c;
		if (n->node_case == PG_QUERY__NODE__NODE__NOT_SET)
			return;
		memcpy(&c, &n->alias, sizeof(c));
		if (c)
			fn(c, payload);
		return;
	}
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

static void walk_child(ProtobufCMessage *m, void *payload)
{
	msg_walk *mw = payload;
	plumb__pg_nx_walk(m, mw->fn, mw->x, mw->stop, false);
}

/* Post-order over every message below m (m included). With stop set, the
 * walk does not enter messages of that type below the top. */
void plumb__pg_nx_walk(ProtobufCMessage *m, visit_fn fn, nx *x,
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

/* --- deparsing -------------------------------------------------------------------- */

/* libpg_query's deparser, on one statement as it is. */
static int deparse_raw(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *stmt, char **out)
{
	PgQuery__RawStmt raw = PG_QUERY__RAW_STMT__INIT;
	PgQuery__RawStmt *rp = &raw;
	PgQuery__ParseResult pr = PG_QUERY__PARSE_RESULT__INIT;
	raw.stmt = stmt;
	pr.version = PG_VERSION_NUM;
	pr.n_stmts = 1;
	pr.stmts = &rp;
	size_t len = pg_query__parse_result__get_packed_size(&pr);
	/* freed at once: an arena would keep one per deparsed text */
	uint8_t *buf = malloc(len ? len : 1);
	if (!buf)
		return plumb_error_nomem(ctx);
	pg_query__parse_result__pack(&pr, buf);
	PgQueryProtobuf pb = {len, (char *)buf};
	PgQueryDeparseResult r = pg_query_deparse_protobuf(pb);
	free(buf);
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

/* The statements of a BEGIN ATOMIC body (sql_body is a list holding the
 * list of them), or NULL for a RETURN body or none. */
static const PgQuery__List *atomic_body(const PgQuery__Node *stmt)
{
	if (stmt->node_case != PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT)
		return NULL;
	const PgQuery__Node *b = stmt->create_function_stmt->sql_body;
	if (!b || b->node_case != PG_QUERY__NODE__NODE_LIST || b->list->n_items != 1)
		return NULL;
	b = b->list->items[0];
	return b && b->node_case == PG_QUERY__NODE__NODE_LIST ? b->list : NULL;
}

/* The function f deparsed with body as its sql_body (NULL: an empty
 * BEGIN ATOMIC ... END). f itself is left as it was. */
static int deparse_with_body(plumb_ctx *ctx, plumb_arena *arena,
			     const PgQuery__CreateFunctionStmt *f, PgQuery__Node *body, char **out)
{
	PgQuery__CreateFunctionStmt g = *f;
	PgQuery__Node none = PG_QUERY__NODE__INIT, *nonep = &none, outer = PG_QUERY__NODE__INIT;
	PgQuery__List empty = PG_QUERY__LIST__INIT;
	if (!body) {
		/* what "BEGIN ATOMIC END" parses to: a list of one unset node */
		empty.n_items = 1;
		empty.items = &nonep;
		outer.node_case = PG_QUERY__NODE__NODE_LIST;
		outer.list = &empty;
		body = &outer;
	}
	g.sql_body = body;
	PgQuery__Node n = PG_QUERY__NODE__INIT;
	n.node_case = PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT;
	n.create_function_stmt = &g;
	return deparse_raw(ctx, arena, &n, out);
}

/* libpg_query 15's deparser writes a RETURN body and an empty BEGIN ATOMIC
 * one, but no statement inside BEGIN ATOMIC: the function is written with
 * an empty body, and each statement written on its own goes in before the
 * END (a RETURN as the function with it for its body writes it). */
static int deparse_atomic(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *stmt,
			  const PgQuery__List *stmts, char **out)
{
	static const char tail[] = "BEGIN ATOMIC END";
	const PgQuery__CreateFunctionStmt *f = stmt->create_function_stmt;
	char *head;
	int rc = deparse_with_body(ctx, arena, f, NULL, &head);
	if (rc < 0)
		return rc;
	size_t hn = strlen(head), tn = sizeof(tail) - 1;
	if (hn < tn || strcmp(head + hn - tn, tail) != 0)
		return plumb_error_set(ctx, PLUMB_EPARSE,
				       "could not write a statement back as SQL: \"%s\" does not "
				       "end its BEGIN ATOMIC body",
				       head);
	hn -= tn;
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	plumb_buf_append(&b, head, hn);
	plumb_buf_puts(&b, "BEGIN ATOMIC ");
	for (size_t i = 0; i < stmts->n_items; i++) {
		PgQuery__Node *s = stmts->items[i];
		char *text;
		if (!s || s->node_case == PG_QUERY__NODE__NODE__NOT_SET)
			continue;
		if (s->node_case == PG_QUERY__NODE__NODE_RETURN_STMT) {
			/* the same function with RETURN for its body: its head, then RETURN */
			if ((rc = deparse_with_body(ctx, arena, f, s, &text)) < 0)
				return rc;
			if (strncmp(text, head, hn) != 0)
				return plumb_error_set(ctx, PLUMB_EPARSE,
						       "could not write a statement back as SQL: "
						       "the RETURN of \"%s\"",
						       text);
			text += hn;
		} else if ((rc = plumb__pg_deparse(ctx, arena, s, &text)) < 0) {
			return rc;
		}
		plumb_buf_printf(&b, "%s; ", text);
	}
	plumb_buf_puts(&b, "END");
	if ((rc = plumb_buf_finish(&b, ctx)) < 0)
		return rc;
	*out = b.data;
	return 0;
}

/* The deparser's text of a constant it writes as it is (NULL, a boolean, a
 * number that is not negative) into buf, else NULL: those need no trip
 * through libpg_query. */
static const char *plain_const(const PgQuery__Node *expr, char buf[16])
{
	if (expr->node_case != PG_QUERY__NODE__NODE_A_CONST)
		return NULL;
	const PgQuery__AConst *c = expr->a_const;
	if (c->isnull)
		return "NULL";
	switch (c->val_case) {
	case PG_QUERY__A__CONST__VAL_IVAL:
		if (!c->ival || c->ival->ival < 0)
			return NULL;
		snprintf(buf, 16, "%d", (int)c->ival->ival);
		return buf;
	case PG_QUERY__A__CONST__VAL_BOOLVAL:
		return c->boolval ? (c->boolval->boolval ? "true" : "false") : NULL;
	case PG_QUERY__A__CONST__VAL_FVAL: {
		const char *f = c->fval ? c->fval->fval : NULL;
		if (!f || !*f)
			return NULL;
		for (const char *p = f; *p; p++)
			if (!((*p >= '0' && *p <= '9') || *p == '.'))
				return NULL;
		return f;
	}
	default:
		return NULL;
	}
}

int plumb__pg_deparse_expr(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *expr, char **out)
{
	char buf[16];
	const char *plain = plain_const(expr, buf);
	if (plain)
		return (*out = plumb_arena_strdup(arena, plain)) ? 0 : plumb_error_nomem(ctx);
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

/*
 * Index elements (CREATE INDEX, EXCLUDE, ON CONFLICT) whose key is an
 * expression: the deparser writes a type cast bare (`name::text`, a syntax
 * error there) and runs an operator class into a function call
 * (`lower(name)text_pattern_ops`). They are written as pg_get_indexdef
 * writes them: a function call as it is, any other expression in
 * parentheses, then COLLATE, operator class and ordering with their spaces.
 * The deparser writes each element under a placeholder column name that is
 * then replaced by its expression.
 */
typedef struct elems {
	plumb_arena *arena;
	plumb_vec v;
	bool failed;
} elems;

static void find_expr_elem(ProtobufCMessage *m, void *payload)
{
	elems *e = payload;
	if (m->descriptor == &pg_query__index_elem__descriptor &&
	    ((PgQuery__IndexElem *)m)->expr && plumb_vec_push(e->arena, &e->v, m) < 0)
		e->failed = true;
}

/* Whether an index element's expression stands without parentheses: a
 * function called by name (not one of the SQL-syntax forms such as
 * AT TIME ZONE that parse into a function call). */
static bool bare_elem(const PgQuery__Node *expr)
{
	return expr->node_case == PG_QUERY__NODE__NODE_FUNC_CALL &&
	       expr->func_call->funcformat != PG_QUERY__COERCION_FORM__COERCE_SQL_SYNTAX;
}

static bool ident_char(char c)
{
	return isalnum((unsigned char)c) || c == '_' || c == '$' || (unsigned char)c >= 0x80;
}

/* The one whole-word occurrence of word in s, or NULL when none or more. */
static const char *only_word(const char *s, const char *word)
{
	size_t n = strlen(word);
	const char *found = NULL;
	for (const char *p = strstr(s, word); p; p = strstr(p + 1, word)) {
		if ((p > s && ident_char(p[-1])) || ident_char(p[n]))
			continue;
		if (found)
			return NULL;
		found = p;
	}
	return found;
}

static int deparse_elems(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *stmt, elems *e,
			 char **out)
{
	size_t n = e->v.n;
	char **texts = plumb_arena_alloc(arena, n * sizeof(*texts));
	char **marks = plumb_arena_alloc(arena, n * sizeof(*marks));
	PgQuery__Node **exprs = plumb_arena_alloc(arena, n * sizeof(*exprs));
	char *sql = NULL;
	int rc = 0;
	if (!texts || !marks || !exprs)
		return plumb_error_nomem(ctx);
	for (size_t i = 0; i < n && rc == 0; i++) {
		PgQuery__IndexElem *ie = e->v.items[i];
		char *t = NULL;
		rc = plumb__pg_deparse_expr(ctx, arena, ie->expr, &t);
		if (rc == 0) {
			texts[i] = bare_elem(ie->expr) ? t : plumb_arena_printf(arena, "(%s)", t);
			marks[i] = plumb_arena_printf(arena, "plumb_index_elem_%zu_", i);
			if (!texts[i] || !marks[i])
				rc = plumb_error_nomem(ctx);
		}
	}
	if (rc < 0)
		return rc;
	for (size_t i = 0; i < n; i++) {
		PgQuery__IndexElem *ie = e->v.items[i];
		exprs[i] = ie->expr;
		ie->expr = NULL;
		ie->name = marks[i];
	}
	rc = deparse_raw(ctx, arena, stmt, &sql);
	for (size_t i = 0; i < n; i++) {
		PgQuery__IndexElem *ie = e->v.items[i];
		ie->expr = exprs[i];
		ie->name = NULL;
	}
	if (rc < 0)
		return rc;
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	const char *at = sql;
	for (size_t i = 0; i < n; i++) {
		const char *p = only_word(at, marks[i]);
		if (!p)
			return plumb_error_set(ctx, PLUMB_EPARSE,
					       "could not write a statement back as SQL: "
					       "index element %zu not found",
					       i + 1);
		plumb_buf_append(&b, at, (size_t)(p - at));
		plumb_buf_puts(&b, texts[i]);
		at = p + strlen(marks[i]);
	}
	plumb_buf_puts(&b, at);
	if ((rc = plumb_buf_finish(&b, ctx)) < 0)
		return rc;
	*out = b.data;
	return 0;
}

/*
 * Operands the deparser writes bare where the grammar binds them otherwise,
 * each written under a placeholder column name, replaced by the operand in
 * parentheses (deparse_wrapped):
 *  - a cast or COLLATE of a call the grammar writes in SQL syntax (a
 *    FuncCall in the tree): (ts AT TIME ZONE 'UTC')::date came out as
 *    ts AT TIME ZONE 'UTC'::date, the cast binding to the zone;
 *  - an operand of AT TIME ZONE made of operators: (ts + i) AT TIME ZONE z
 *    came out as ts + i AT TIME ZONE z;
 *  - what a subscript or field selection applies to, other than a column
 *    or parameter: (ARRAY[1, 2])[1] came out as ARRAY[1, 2][1].
 * The walk is post-order: the last operand it finds lies inside no other.
 */
static bool sql_syntax_call(const PgQuery__Node *n)
{
	return n->node_case == PG_QUERY__NODE__NODE_FUNC_CALL &&
	       n->func_call->funcformat == PG_QUERY__COERCION_FORM__COERCE_SQL_SYNTAX;
}

/* Whether n, an operand of AT TIME ZONE, binds more loosely than AT. */
static bool loose_operand(const PgQuery__Node *n)
{
	switch (n->node_case) {
	case PG_QUERY__NODE__NODE_A_EXPR:
	case PG_QUERY__NODE__NODE_BOOL_EXPR:
	case PG_QUERY__NODE__NODE_NULL_TEST:
	case PG_QUERY__NODE__NODE_BOOLEAN_TEST:
		return true;
	default:
		return sql_syntax_call(n);
	}
}

static void find_wrapped_call(ProtobufCMessage *m, void *payload)
{
	PgQuery__Node ***found = payload;
	PgQuery__Node **slot = NULL;
	if (m->descriptor == &pg_query__type_cast__descriptor)
		slot = &((PgQuery__TypeCast *)m)->arg;
	else if (m->descriptor == &pg_query__collate_clause__descriptor)
		slot = &((PgQuery__CollateClause *)m)->arg;
	if (slot && *slot && sql_syntax_call(*slot)) {
		*found = slot;
		return;
	}
	if (m->descriptor == &pg_query__a__indirection__descriptor) {
		PgQuery__Node **arg = &((PgQuery__AIndirection *)m)->arg;
		if (*arg && (*arg)->node_case != PG_QUERY__NODE__NODE_COLUMN_REF &&
		    (*arg)->node_case != PG_QUERY__NODE__NODE_PARAM_REF)
			*found = arg;
		return;
	}
	if (m->descriptor != &pg_query__func_call__descriptor)
		return;
	PgQuery__FuncCall *fc = (PgQuery__FuncCall *)m;
	const char *fn = fc->n_funcname ? plumb__pg_strval(fc->funcname[fc->n_funcname - 1]) : NULL;
	if (fc->funcformat != PG_QUERY__COERCION_FORM__COERCE_SQL_SYNTAX || !fn ||
	    strcmp(fn, "timezone") != 0)
		return;
	for (size_t i = 0; i < fc->n_args; i++)
		if (fc->args[i] && loose_operand(fc->args[i]))
			*found = &fc->args[i];
}

static int deparse_wrapped(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *stmt,
			   PgQuery__Node **slot, char **out)
{
	PgQuery__Node *call = *slot;
	char *text, *sql;
	int rc = plumb__pg_deparse_expr(ctx, arena, call, &text);
	char *mark = plumb_arena_printf(arena, "plumb_wrapped_call_%p_", (void *)slot);
	if (rc < 0 || !mark)
		return rc < 0 ? rc : plumb_error_nomem(ctx);
	PgQuery__String name = PG_QUERY__STRING__INIT;
	PgQuery__Node name_node = PG_QUERY__NODE__INIT, ref_node = PG_QUERY__NODE__INIT;
	PgQuery__Node *fields = &name_node;
	PgQuery__ColumnRef ref = PG_QUERY__COLUMN_REF__INIT;
	name.sval = mark;
	name_node.node_case = PG_QUERY__NODE__NODE_STRING;
	name_node.string = &name;
	ref.n_fields = 1;
	ref.fields = &fields;
	ref_node.node_case = PG_QUERY__NODE__NODE_COLUMN_REF;
	ref_node.column_ref = &ref;
	*slot = &ref_node;
	rc = plumb__pg_deparse(ctx, arena, stmt, &sql);
	*slot = call;
	if (rc < 0)
		return rc;
	const char *p = only_word(sql, mark);
	if (!p)
		return plumb_error_set(ctx, PLUMB_EPARSE, "could not write a statement back as SQL: "
							  "a call in SQL syntax was not found");
	*out = plumb_arena_printf(arena, "%.*s(%s)%s", (int)(p - sql), sql, text,
				  p + strlen(mark));
	return *out ? 0 : plumb_error_nomem(ctx);
}

/* libpg_query 15's deparser writes a locking clause's wait policy right
 * after its OF list, without a space (FOR UPDATE OF tNOWAIT): a stand-in
 * relation goes last in such a list while it deparses, and its ", name"
 * becomes the space. */
#define LOCK_STAND_IN "plumb_lock_wait_stand_in"

typedef struct locks {
	plumb_arena *arena;
	plumb_vec clauses; /* PgQuery__LockingClause * given the stand-in */
	bool failed;
} locks;

static void find_lock_wait(ProtobufCMessage *m, void *payload)
{
	locks *l = payload;
	if (m->descriptor != &pg_query__locking_clause__descriptor)
		return;
	PgQuery__LockingClause *c = (PgQuery__LockingClause *)m;
	if (!c->n_locked_rels || (c->wait_policy != PG_QUERY__LOCK_WAIT_POLICY__LockWaitSkip &&
				  c->wait_policy != PG_QUERY__LOCK_WAIT_POLICY__LockWaitError))
		return;
	PgQuery__Node **rels = plumb_arena_alloc(l->arena, (c->n_locked_rels + 1) * sizeof(*rels));
	PgQuery__RangeVar *rv = plumb_arena_alloc(l->arena, sizeof(*rv));
	PgQuery__Node *n = rv ? plumb__pg_node(l->arena, PG_QUERY__NODE__NODE_RANGE_VAR, rv) : NULL;
	if (!rels || !n || plumb_vec_push(l->arena, &l->clauses, c) < 0) {
		l->failed = true;
		return;
	}
	pg_query__range_var__init(rv);
	rv->relname = LOCK_STAND_IN;
	rv->inh = true;
	rv->relpersistence = "p";
	memcpy(rels, c->locked_rels, c->n_locked_rels * sizeof(*rels));
	rels[c->n_locked_rels] = n;
	c->locked_rels = rels;
	c->n_locked_rels++;
}

static int deparse_stmt(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *stmt, char **out);

int plumb__pg_deparse(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *stmt, char **out)
{
	locks l = {arena, {0}, false};
	plumb__pg_walk(&stmt->base, find_lock_wait, &l);
	if (l.failed)
		return plumb_error_nomem(ctx);
	int rc = deparse_stmt(ctx, arena, stmt, out);
	for (size_t i = 0; i < l.clauses.n; i++)
		((PgQuery__LockingClause *)l.clauses.items[i])->n_locked_rels--;
	if (rc < 0 || !l.clauses.n)
		return rc;
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	static const char stand_in[] = ", " LOCK_STAND_IN;
	for (const char *p = *out, *q; *p; p = q + sizeof(stand_in) - 1) {
		if (!(q = strstr(p, stand_in))) {
			plumb_buf_puts(&b, p);
			break;
		}
		plumb_buf_append(&b, p, (size_t)(q - p));
		plumb_buf_putc(&b, ' ');
	}
	if ((rc = plumb_buf_finish(&b, ctx)) < 0)
		return rc;
	*out = b.data;
	return 0;
}

static int deparse_stmt(plumb_ctx *ctx, plumb_arena *arena, PgQuery__Node *stmt, char **out)
{
	const PgQuery__List *atomic = atomic_body(stmt);
	if (atomic)
		return deparse_atomic(ctx, arena, stmt, atomic, out);
	PgQuery__Node **wrapped = NULL;
	plumb__pg_walk(&stmt->base, find_wrapped_call, &wrapped);
	if (wrapped)
		return deparse_wrapped(ctx, arena, stmt, wrapped, out);
	elems e = {arena, {0}, false};
	plumb__pg_walk(&stmt->base, find_expr_elem, &e);
	if (e.failed)
		return plumb_error_nomem(ctx);
	if (!e.v.n)
		return deparse_raw(ctx, arena, stmt, out);
	return deparse_elems(ctx, arena, stmt, &e, out);
}
