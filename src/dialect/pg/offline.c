/*
 * The offline builder: PostgreSQL schema files parsed with libpg_query and
 * turned into the catalog the server would show after running them, with
 * PostgreSQL's own rules for implicit names (ChooseRelationName,
 * makeObjectName), serial and identity columns, NOT NULL of primary keys and
 * canonical texts (canon.c, model.c; view queries analysed first by
 * analyze.c), so that it equals what introspection reads. It runs nothing;
 * statements it has no model for (SET, INSERT, ...) are ignored, and a DROP
 * forgets an object created earlier. A schema's statements are read in the
 * order offline_order.c resolves (any written order, across files); a
 * migrations folder's in written order. A statement naming an object that
 * exists nowhere (an index on a missing table, a grant on a missing
 * relation, ...) is an error at its file:line:col, never skipped; foreign
 * keys and OWNED BY are resolved once all files are read. It runs on a large
 * stack (deep.c).
 *
 * This file is the entry: it reads each file, finds the rename annotations,
 * hands a schema's statements to offline_order.c (and their order to the
 * exact path, plumb__pg_schema_order), sends each statement to the room that
 * models it (offline_table.c, offline_column.c, offline_object.c,
 * offline_acl.c, offline_drop.c, offline_rename.c for RENAME and SET SCHEMA,
 * offline_alter.c, offline_effect.c; names.c
 * chooses implicit names), holds the lookups and texts they share, and
 * finishes what depends on the whole (sequences, keys, column texts). It
 * models no statement itself.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dialect/pg/offline_int.h"
#include "source/annot.h"

PgQuery__CreateSeqStmt *seq_stmt(ox *x, plumb_object *o)
{
	char k[32];
	snprintf(k, sizeof(k), "%p", (void *)o);
	return x->seq_at ? plumb_map_get(x->seq_at, k, NULL, NULL) : NULL;
}

const char *sch(const char *s)
{
	return s && *s ? s : "public";
}

bool empty(const char *s)
{
	return !s || !*s;
}

/* quote_ident() */
const char *qi(ox *x, const char *s)
{
	if (x->st.rc)
		return "";
	char *q = plumb__pg_quote_ident(x->st.arena, s);
	if (!q)
		nomem(x);
	return q ? q : "";
}

/* Records a problem with a statement at its position. */
int stmt_error(ox *x, size_t offset, const char *msg, const char *what)
{
	int line, col;
	plumb_text_position(x->text, offset, &line, &col);
	fail(x, plumb_error_set_at(x->st.ctx, PLUMB_EPARSE, x->f->path, line, col, "%s%s%s", msg,
				   what ? ": " : "", what ? what : ""));
	return x->st.rc;
}

/* Records a problem at byte offset of the file being read:
 * `relation "users" does not exist`. */

int error_at(ox *x, size_t offset, const char *msg_fmt, ...)
{
	va_list ap;
	va_start(ap, msg_fmt);
	char *msg = plumb_arena_vprintf(x->tmp, msg_fmt, ap);
	va_end(ap);
	if (!msg) {
		nomem(x);
		return x->st.rc;
	}
	int line, col;
	plumb_text_position(x->text, offset, &line, &col);
	fail(x, plumb_error_set_at(x->st.ctx, PLUMB_EPARSE, x->f->path, line, col, "%s", msg));
	return x->st.rc;
}

/* The offset of a token libpg_query located (location >= 0), else of the
 * statement. */
size_t at(ox *x, int32_t location)
{
	return location >= 0 ? (size_t)location : x->loc;
}

/* Remembers where what was written, for a check at the end. */
void remember(ox *x, plumb_vec *v, const void *what, int32_t location)
{
	refpos *r = plumb_arena_alloc(x->tmp, sizeof(*r));
	if (!r || plumb_vec_push(x->tmp, v, r) < 0) {
		nomem(x);
		return;
	}
	r->what = what;
	r->f = x->f;
	r->text = x->text;
	r->offset = at(x, location);
}

/* Records a problem at a remembered place (what found in v), else with no place. */
static int error_remembered(ox *x, const plumb_vec *v, const void *what, const char *msg)
{
	for (size_t i = v->n; i-- > 0;) {
		const refpos *r = v->items[i];
		if (r->what != what)
			continue;
		int line, col;
		plumb_text_position(r->text, r->offset, &line, &col);
		fail(x, plumb_error_set_at(x->st.ctx, PLUMB_EPARSE, r->f->path, line, col, "%s", msg));
		return x->st.rc;
	}
	fail(x, plumb_error_set(x->st.ctx, PLUMB_EPARSE, "%s", msg));
	return x->st.rc;
}

/* "name", or "schema.name" outside public, as PostgreSQL's messages name a relation. */
const char *shown(ox *x, const char *schema, const char *name)
{
	const char *s = strcmp(sch(schema), "public") == 0 ? name : fmt(x, "%s.%s", schema, name);
	return s ? s : "";
}

/* --- annotations ------------------------------------------------------------- */

/* The OLD of the annotation that a comment is (source/annot.h), or NULL. */
static const char *parse_annotation(ox *x, const char *p, size_t len)
{
	char *old = NULL;
	if (plumb__annot_parse(x->st.arena, p, len, &old) < 0)
		nomem(x);
	return old;
}

/* The line of byte offset of the file (1 the first): its newlines before
 * it counted by a binary search of x->nls. */
static int line_of(const ox *x, size_t offset)
{
	size_t lo = 0, hi = x->n_nls;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->nls[mid] < offset)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (int)lo + 1;
}

/* x->nls and x->n_nls of the file's text. */
static void find_newlines(ox *x)
{
	size_t n = 0, len = strlen(x->text);
	for (size_t i = 0; i < len; i++)
		n += x->text[i] == '\n';
	x->nls = plumb_arena_alloc(x->tmp, (n + 1) * sizeof(*x->nls));
	if (!x->nls) {
		nomem(x);
		return;
	}
	for (size_t i = 0; i < len; i++)
		if (x->text[i] == '\n')
			x->nls[x->n_nls++] = i;
}

static void scan_annotations(ox *x)
{
	x->anns = NULL;
	x->n_anns = 0;
	x->nls = NULL;
	x->n_nls = 0;
	if (!plumb__annot_mentioned(x->text, strlen(x->text)))
		return;
	find_newlines(x);
	if (!x->nls)
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
			an->line = line_of(x, s);
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
const char *annotation_at(ox *x, size_t loc)
{
	if (!x->n_anns)
		return NULL;
	int line = line_of(x, loc);
	/* the first on the line before, or after: a binary search */
	size_t lo = 0, hi = x->n_anns;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->anns[mid].line < line - 1)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < x->n_anns && x->anns[i].line <= line; i++) {
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

plumb_table *find_table(ox *x, const char *schema, const char *name)
{
	return plumb_catalog_find(x->cat, PLUMB_OBJ_TABLE, schema, name);
}

plumb_table *rv_table(ox *x, const PgQuery__RangeVar *rv)
{
	return rv ? find_table(x, sch(rv->schemaname), rv->relname) : NULL;
}

plumb_view *find_view(ox *x, const char *schema, const char *name)
{
	return plumb_catalog_find(x->cat, PLUMB_OBJ_VIEW, schema, name);
}

/* Whether schema.name is a relation the files created (a table, view,
 * index, sequence, the index of a key, the sequence of a serial column, ...). */
bool is_relation(ox *x, const char *schema, const char *name)
{
	return name_used(x, &x->relnames, schema, name);
}

/* Whether the table or view rv names exists; when not, an error at rv. */
bool table_or_view(ox *x, const PgQuery__RangeVar *rv, bool views)
{
	const char *schema = sch(rv->schemaname);
	if (find_table(x, schema, rv->relname) || (views && find_view(x, schema, rv->relname)))
		return true;
	error_at(x, at(x, rv->location), "relation \"%s\" does not exist",
		 shown(x, schema, rv->relname));
	return false;
}

plumb_column *find_column(plumb_table *t, const char *name)
{
	for (size_t i = 0; i < t->columns.n; i++) {
		plumb_column *c = t->columns.items[i];
		if (strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

plumb_object *find_object(ox *x, plumb_obj_kind kind, const char *schema, const char *name)
{
	return plumb_catalog_find(x->cat, kind, schema, name);
}

const plumb_vec *routines_named(ox *x, const char *schema, const char *name)
{
	const plumb_vec *v = &x->cat->objects;
	if (!x->routines || x->routines_gen != x->cat->changes || x->routines_n > v->n ||
	    (x->routines_n && v->items[x->routines_n - 1] != x->routines_last)) {
		if (x->routines_arena)
			plumb_arena_free(x->routines_arena);
		x->routines = NULL;
		x->routines_n = 0;
		x->routines_gen = x->cat->changes;
		if (!(x->routines_arena = plumb_arena_new(x->tmp)) ||
		    !(x->routines = plumb_map_new(x->routines_arena, false))) {
			nomem(x);
			return NULL;
		}
	}
	plumb_arena *a = x->routines_arena;
	for (size_t i = x->routines_n; i < v->n; i++) {
		const plumb_object *o = v->items[i];
		if (o->kind != PLUMB_OBJ_FUNCTION || !o->name)
			continue;
		const char *bare = plumb_arena_strndup(a, o->name, strcspn(o->name, "("));
		plumb_vec *b = bare ? plumb_map_get(x->routines, NULL, o->schema, bare) : NULL;
		if (bare && !b &&
		    (!(b = plumb_arena_alloc(a, sizeof(*b))) ||
		     plumb_map_put(x->routines, NULL, o->schema, bare, b) < 0))
			b = NULL;
		if (!b || plumb_vec_push(a, b, (void *)o) < 0) {
			nomem(x);
			return NULL;
		}
	}
	x->routines_n = v->n;
	x->routines_last = v->n ? v->items[v->n - 1] : NULL;
	return plumb_map_get(x->routines, NULL, schema, name);
}

void remove_item(plumb_vec *v, const void *p)
{
	for (size_t i = 0; i < v->n; i++)
		if (v->items[i] == p) {
			plumb_vec_remove(v, i);
			return;
		}
}

/* Schema and name of a qualified name list (String nodes). */
void split_names(PgQuery__Node **names, size_t n, const char **schema, const char **name)
{
	*schema = "public";
	*name = n ? plumb__pg_strval(names[n - 1]) : NULL;
	if (n >= 2 && plumb__pg_strval(names[n - 2]))
		*schema = plumb__pg_strval(names[n - 2]);
	if (!*name)
		*name = "";
}

/* --- texts -------------------------------------------------------------------- */

const char *expr_text(ox *x, PgQuery__Node *e)
{
	char *s = NULL;
	if (!e || x->st.rc)
		return NULL;
	fail(x, plumb__pg_expr_text_in(x->st.ctx, x->st.arena, x->texts, e, &s));
	return x->st.rc ? NULL : s;
}

/* Normalised and written in scratch memory (the tree's nodes the
 * normalisation adds are the tree's, not the catalog's); the text itself
 * is the catalog's, one copy for every column of that type. */
const char *type_text(ox *x, PgQuery__TypeName *tn)
{
	char *s = NULL;
	if (!tn || x->st.rc)
		return NULL;
	fail(x, plumb__pg_type_text(x->st.ctx, x->tmp, tn, &s));
	if (x->st.rc)
		return NULL;
	if (!x->type_texts && !(x->type_texts = plumb_map_new(x->tmp, false))) {
		nomem(x);
		return NULL;
	}
	char *t = plumb_map_get(x->type_texts, s, NULL, NULL);
	if (!t && (!(t = plumb_arena_strdup(x->st.arena, s)) ||
		   plumb_map_put(x->type_texts, t, NULL, NULL, t) < 0)) {
		nomem(x);
		return NULL;
	}
	return t;
}

const char *stmt_text(ox *x, PgQuery__Node *stmt)
{
	char *s = NULL;
	if (!stmt || x->st.rc)
		return NULL;
	fail(x, plumb__pg_stmt_text(x->st.ctx, x->st.arena, stmt, &s));
	return x->st.rc ? NULL : s;
}

/* Whether type (format_type text) is name, with or without typmods or
 * interval fields. */
bool type_is(const char *type, const char *name)
{
	size_t n = strlen(name);
	return strncmp(type, name, n) == 0 && (!type[n] || type[n] == '(' || type[n] == ' ');
}

const char *deparse(ox *x, PgQuery__Node *stmt)
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

const char *canon_type(ox *x, const char *text)
{
	char *s = NULL;
	if (!text || x->st.rc)
		return NULL;
	fail(x, plumb__pg_canon_type(x->st.ctx, x->st.arena, text, &s));
	return x->st.rc ? NULL : s;
}

PgQuery__RangeVar *mk_rangevar(ox *x, const char *schema, const char *name)
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
const char *collation_text(ox *x, const PgQuery__CollateClause *cc)
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

/* --- statements ------------------------------------------------------------------------------- */

static void statement_of(ox *x, PgQuery__RawStmt *raw, size_t loc);

/* One statement; whatever fails in it (a text canon.c or analyze.c cannot
 * read, ...) is reported at the statement when it has no place of its own. */
static void statement(ox *x, PgQuery__RawStmt *raw)
{
	x->loc = first_token(x, (size_t)raw->stmt_location);
	statement_of(x, raw, x->loc);
	plumb_error *e = &x->st.ctx->err;
	if (x->st.rc && e->code && e->code != PLUMB_ENOMEM && !e->file) {
		int line, col;
		plumb_text_position(x->text, x->loc, &line, &col);
		e->file = plumb_arena_strdup(x->st.ctx->root, x->f->path);
		e->line = e->file ? line : 0;
		e->col = e->file ? col : 0;
	}
}

static void statement_of(ox *x, PgQuery__RawStmt *raw, size_t loc)
{
	PgQuery__Node *s = raw->stmt;
	if (!s)
		return;
	if (s->node_case != PG_QUERY__NODE__NODE_DROP_STMT)
		drop_forget_index(x);
	switch (s->node_case) {
	case PG_QUERY__NODE__NODE_CREATE_STMT:
		create_table(x, s->create_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_INDEX_STMT:
		create_index(x, s->index_stmt, s, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
		alter_table_owner(x, s->alter_table_stmt);
		alter_table(x, s->alter_table_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT:
		alter_owner(x, s->alter_owner_stmt);
		break;
	case PG_QUERY__NODE__NODE_ALTER_DEFAULT_PRIVILEGES_STMT:
		alter_default_privileges(x, s->alter_default_privileges_stmt);
		break;
	case PG_QUERY__NODE__NODE_VIEW_STMT: {
		/* here, not in add_view: a view replaced keeps its privileges, as
		 * one made again by ALTER ... SET (options) does */
		PgQuery__ViewStmt *vs = s->view_stmt;
		const char *schema = sch(vs->view->schemaname), *name = vs->view->relname;
		bool had = find_view(x, schema, name) != NULL;
		add_view(x, vs->view, vs->query, s, vs->aliases, &vs->n_aliases, false, vs->replace,
			 loc);
		if (!had && !x->st.rc && find_view(x, schema, name))
			default_privileges_relation(x, schema, name, false);
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT: {
		PgQuery__CreateTableAsStmt *ct = s->create_table_as_stmt;
		if (!ct->into)
			break;
		if (ct->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW) {
			/* its columns are the query's: only a server knows their types */
			if (ct->into->rel && ct->into->rel->relpersistence &&
			    *ct->into->rel->relpersistence == 't')
				break;
			error_at(x, loc, "CREATE TABLE AS cannot be read without a server");
			plumb_error_set_hint(x->st.ctx, "write CREATE TABLE with its columns, or build the "
							"schema on a server with --dev-url");
			break;
		}
		ct->into->skip_data = false;
		const char *schema = sch(ct->into->rel->schemaname), *name = ct->into->rel->relname;
		bool had = find_view(x, schema, name) != NULL;
		add_view(x, ct->into->rel, ct->query, s, ct->into->col_names, &ct->into->n_col_names,
			 true, false, loc);
		if (!had && !x->st.rc && find_view(x, schema, name))
			default_privileges_relation(x, schema, name, false);
		break;
	}
	case PG_QUERY__NODE__NODE_DO_STMT:
		/* what it creates is known only once it runs: never left out silently */
		error_at(x, loc, "a DO block cannot be read without a server");
		plumb_error_set_hint(
			x->st.ctx, x->replay
					   ? "give --dev-url to replay the migrations on a server "
					     "(--dev-url local starts a throwaway one)"
					   : "give --dev-url to build the schema on a server "
					     "(--dev-url local starts a throwaway one), or write "
					     "its statements out");
		break;
	case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
		create_enum(x, s->create_enum_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
		alter_enum(x, s->alter_enum_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT: {
		/* here, not in create_sequence: a serial column's is no statement */
		PgQuery__RangeVar *rv = s->create_seq_stmt->sequence;
		bool had = find_object(x, PLUMB_OBJ_SEQUENCE, sch(rv->schemaname), rv->relname);
		create_sequence(x, s->create_seq_stmt, loc);
		plumb_object *o =
			had ? NULL
			    : find_object(x, PLUMB_OBJ_SEQUENCE, sch(rv->schemaname), rv->relname);
		if (o) {
			o->renamed_from = annotation_at(x, loc);
			default_privileges_relation(x, o->schema, o->name, true);
		}
		break;
	}
	case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT:
		alter_sequence(x, s->alter_seq_stmt);
		break;
	case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
		create_composite(x, s->composite_type_stmt, s);
		break;
	case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
		create_domain(x, s->create_domain_stmt, s);
		break;
	case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
		create_range(x, s->create_range_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_FUNCTION_STMT:
		alter_function(x, s->alter_function_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_POLICY_STMT:
		alter_policy(x, s->alter_policy_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT:
		alter_domain(x, s->alter_domain_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_DEFINE_STMT:
		if (s->define_stmt->kind == PG_QUERY__OBJECT_TYPE__OBJECT_COLLATION)
			create_collation(x, s->define_stmt, loc);
		else if (s->define_stmt->kind == PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE)
			create_aggregate(x, s->define_stmt, loc);
		else if (s->define_stmt->kind == PG_QUERY__OBJECT_TYPE__OBJECT_OPERATOR)
			create_operator(x, s->define_stmt, loc);
		else if (s->define_stmt->kind == PG_QUERY__OBJECT_TYPE__OBJECT_TSDICTIONARY)
			create_ts_dict(x, s->define_stmt, loc);
		else if (s->define_stmt->kind == PG_QUERY__OBJECT_TYPE__OBJECT_TSCONFIGURATION)
			create_ts_config(x, s->define_stmt, loc);
		else
			statement_effects(x, s, loc);
		break;
	case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
		create_function(x, s->create_function_stmt, s);
		break;
	case PG_QUERY__NODE__NODE_ALTER_OPERATOR_STMT:
		alter_operator(x, s->alter_operator_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_CREATE_CAST_STMT:
		create_cast(x, s->create_cast_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_CREATE_OP_FAMILY_STMT:
		create_opfamily(x, s->create_op_family_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_CREATE_OP_CLASS_STMT:
		create_opclass(x, s->create_op_class_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_OP_FAMILY_STMT:
		alter_opfamily(x, s->alter_op_family_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_TSDICTIONARY_STMT:
		alter_ts_dict(x, s->alter_tsdictionary_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_TSCONFIGURATION_STMT:
		alter_ts_config(x, s->alter_tsconfiguration_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT:
		create_trigger(x, s->create_trig_stmt, s);
		break;
	case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
		create_policy(x, s->create_policy_stmt, s);
		break;
	case PG_QUERY__NODE__NODE_RULE_STMT:
		create_rule(x, s->rule_stmt, s, loc);
		break;
	case PG_QUERY__NODE__NODE_CREATE_STATS_STMT:
		create_statistics(x, s->create_stats_stmt, s, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_STATS_STMT:
		alter_statistics(x, s->alter_stats_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_CREATE_EVENT_TRIG_STMT:
		create_event_trigger(x, s->create_event_trig_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_EVENT_TRIG_STMT:
		alter_event_trigger(x, s->alter_event_trig_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_CREATE_FDW_STMT:
		create_fdw(x, s->create_fdw_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_FDW_STMT:
		alter_fdw(x, s->alter_fdw_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_CREATE_FOREIGN_SERVER_STMT:
		create_server(x, s->create_foreign_server_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_FOREIGN_SERVER_STMT:
		alter_server(x, s->alter_foreign_server_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_CREATE_FOREIGN_TABLE_STMT:
		create_foreign_table(x, s->create_foreign_table_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_IMPORT_FOREIGN_SCHEMA_STMT:
		import_foreign_schema(x, s->import_foreign_schema_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_CREATE_PUBLICATION_STMT:
		create_publication(x, s->create_publication_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_PUBLICATION_STMT:
		alter_publication(x, s->alter_publication_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT:
		create_extension(x, s->create_extension_stmt);
		break;
	case PG_QUERY__NODE__NODE_ALTER_EXTENSION_STMT:
		alter_extension(x, s->alter_extension_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT:
		create_schema(x, s->create_schema_stmt);
		break;
	case PG_QUERY__NODE__NODE_COMMENT_STMT:
		comment_on(x, s->comment_stmt);
		break;
	case PG_QUERY__NODE__NODE_DROP_STMT:
		drop_objects(x, s->drop_stmt);
		owners_dropped(x, s->drop_stmt);
		break;
	case PG_QUERY__NODE__NODE_RENAME_STMT:
		alter_rename(x, s->rename_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_ALTER_OBJECT_SCHEMA_STMT:
		alter_set_schema(x, s->alter_object_schema_stmt, loc);
		break;
	case PG_QUERY__NODE__NODE_GRANT_STMT:
		grant_revoke(x, s->grant_stmt);
		break;
	case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
		role_set(x, s->variable_set_stmt);
		statement_effects(x, s, loc);
		break;
	default:
		/* data statements change no schema; a function run may */
		statement_effects(x, s, loc);
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
		const char *owner_table = NULL;
		plumb_column *owner_col = NULL;
		if (s.owned_by && s.owned_by->node_case == PG_QUERY__NODE__NODE_LIST &&
		    s.owned_by->list->n_items >= 2) {
			PgQuery__Node **v = s.owned_by->list->items;
			size_t n = s.owned_by->list->n_items;
			const char *col = plumb__pg_strval(v[n - 1]), *ts, *tn;
			split_names(v, n - 1, &ts, &tn);
			plumb_table *t = find_table(x, ts, tn);
			owner_col = t && col ? find_column(t, col) : NULL;
			if (!owner_col) {
				const char *msg = !t ? fmt(x, "relation \"%s\" does not exist", shown(x, ts, tn))
						     : fmt(x, "column \"%s\" of relation \"%s\" does not exist",
							   col ? col : "", shown(x, ts, tn));
				if (msg)
					error_remembered(x, &x->owners, s.owned_by, msg);
				return;
			}
			if (owner_col)
				owner_table = tn;
			/* serial only when reloading serial gives back this very sequence:
			 * its name, schema, type, options and persistence, the table's
			 * (else a column with a default and an owned sequence) */
			bool unlogged = cs->sequence && cs->sequence->relpersistence &&
					*cs->sequence->relpersistence == 'u';
			if (owner_col && plumb__pg_seq_is_default(&s.v) && owner_col->default_sql &&
			    !owner_col->identity && unlogged == t->unlogged &&
			    plumb__pg_is_serial_seq(t->schema, t->name, col, o->schema, o->name)) {
				const char *want = strcmp(o->schema, "public") == 0
							   ? fmt(x, "nextval('%s')", o->name)
							   : fmt(x, "nextval('%s.%s')", o->schema, o->name);
				bool typ = strcmp(owner_col->type, plumb__pg_int_name(s.v.typid)) == 0;
				if (want && typ && strcmp(owner_col->default_sql, want) == 0) {
					owner_col->type = plumb__pg_serial_of(s.v.typid);
					owner_col->default_sql = NULL;
					owner_col->default_written = NULL;
					plumb_catalog_remove(x->cat, &x->cat->objects, i);
					i--;
					continue;
				}
			}
		}
		if (plumb__pg_seq_define(x->st.ctx, x->st.arena, o, &s.v, owner_table,
					 owner_col ? owner_col->name : NULL) < 0) {
			fail(x, PLUMB_ENOMEM);
			return;
		}
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
			plumb_table *rt = k->kind == PLUMB_CON_FOREIGN_KEY
						  ? find_table(x, k->ref_schema, k->ref_table)
						  : NULL;
			if (k->kind == PLUMB_CON_FOREIGN_KEY && !rt) {
				const char *msg = fmt(x, "relation \"%s\" does not exist",
						      shown(x, k->ref_schema, k->ref_table));
				if (msg)
					error_remembered(x, &x->fks, k, msg);
				break;
			}
			for (size_t c = 0; rt && c < k->n_ref_columns; c++)
				if (k->ref_columns[c] && !find_column(rt, k->ref_columns[c])) {
					const char *msg = fmt(x,
						"column \"%s\" referenced in foreign key constraint does not exist",
						k->ref_columns[c]);
					if (msg)
						error_remembered(x, &x->fks, k, msg);
					break;
				}
			if (k->kind == PLUMB_CON_FOREIGN_KEY && !k->n_ref_columns) {
				for (size_t c = 0; rt && c < rt->constraints.n; c++) {
					plumb_constraint *pk = rt->constraints.items[c];
					if (pk->kind == PLUMB_CON_PRIMARY_KEY) {
						k->ref_columns = pk->columns;
						k->n_ref_columns = pk->n_columns;
					}
				}
				const char *msg = k->n_ref_columns ? NULL
						  : fmt(x, "there is no primary key for referenced table \"%s\"",
							shown(x, k->ref_schema, k->ref_table));
				if (msg)
					error_remembered(x, &x->fks, k, msg);
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

/* The schema name, unless it is public or known already. */
void add_schema(ox *x, const char *name)
{
	if (!name || strcmp(name, "public") == 0 || find_object(x, PLUMB_OBJ_SCHEMA, NULL, name))
		return;
	plumb_object *o = new_object(x, PLUMB_OBJ_SCHEMA, NULL, name);
	if (o)
		fail(x, plumb__pg_schema_define(x->st.ctx, x->st.arena, o));
}

/* A schema the files put objects in without creating it exists all the
 * same where they run: it is part of the desired state (and is created
 * first when missing), never dropped under its objects. */
static void implicit_schemas(ox *x)
{
	for (size_t i = 0; i < x->cat->tables.n; i++)
		add_schema(x, ((const plumb_table *)x->cat->tables.items[i])->schema);
	for (size_t i = 0; i < x->cat->views.n; i++)
		add_schema(x, ((const plumb_view *)x->cat->views.items[i])->schema);
	size_t n = x->cat->objects.n; /* new schema objects are appended: not rescanned */
	for (size_t i = 0; i < n; i++) {
		const plumb_object *o = x->cat->objects.items[i];
		if (o->kind != PLUMB_OBJ_SCHEMA && o->kind != PLUMB_OBJ_COMMENT &&
		    o->kind != PLUMB_OBJ_EXTENSION && o->kind != PLUMB_OBJ_GRANT &&
		    o->kind != PLUMB_OBJ_DEFAULT_ACL)
			add_schema(x, o->schema);
	}
}

/* What the statements of one file are read with. */
typedef struct filest {
	const plumb_sql_file *f;
	const char *text;
	ann *anns;
	size_t n_anns;
	size_t *nls;
	size_t n_nls;
} filest;

/* f's text as a string: its own when it ends at len (a file read whole
 * does), else a copy, psql's own meta-commands blanked out (psql.c); NULL
 * when out of memory or another meta-command is in it. */
static const char *file_text(ox *x, const plumb_sql_file *f)
{
	const char *t = f->text;
	if (f->len && f->text[f->len] != '\0' &&
	    !(t = plumb_arena_strndup(x->tmp, f->text, f->len))) {
		nomem(x);
		return NULL;
	}
	int rc = plumb__pg_psql_blank(x->st.ctx, x->tmp, t, f->path, &t);
	if (rc < 0) {
		fail(x, rc);
		return NULL;
	}
	return t;
}

/* A schema file being read: each statement, in written order, with the
 * line and column of its first token (counted on from the statement
 * before), read for the sort and kept packed. */
typedef struct reading {
	ox *x;
	ord *r;
	plumb_vec *stmts;
	size_t file, index;
	size_t pos; /* line and col are of this byte */
	int line, col;
} reading;

static int read_stmt(void *arg, PgQuery__RawStmt *raw, const plumb_pg_kept *kept)
{
	reading *g = arg;
	ox *x = g->x;
	ostmt *st = alloc(x, sizeof(*st));
	if (!st)
		return x->st.rc;
	size_t loc = first_token(x, (size_t)raw->stmt_location);
	for (; g->pos < loc && x->text[g->pos]; g->pos++) {
		if (x->text[g->pos] == '\n') {
			g->line++;
			g->col = 1;
		} else if ((x->text[g->pos] & 0xC0) != 0x80) {
			g->col++;
		}
	}
	size_t end = raw->stmt_len ? (size_t)raw->stmt_location + (size_t)raw->stmt_len
				   : strlen(x->text);
	*st = (ostmt){raw, kept, g->file, g->index++, loc, end, g->line, g->col};
	plumb__pg_push(&x->st, g->stmts, st);
	order_add(g->r, st, x->f->path);
	st->raw = NULL; /* the tree goes once read: kept unpacks it again */
	return x->st.rc;
}

/* A schema's statements (not a replay), in the order offline_order.c
 * resolves, into order; fs[i] the state of file i. A statement's tree is
 * read for the sort as it is parsed and freed soon after, and unpacked
 * again when the builder reads it (read_schema): the trees of a whole
 * schema are most of what reading it would hold at once. */
static void order_schema(ox *x, const plumb_vec *files, filest **fs, plumb_vec *order)
{
	plumb_vec stmts = {0};
	ord *r = order_begin(x);
	plumb_arena *trees = plumb_arena_new(x->tmp);
	*fs = alloc(x, (files->n + 1) * sizeof(**fs));
	if (!r || !trees || !*fs) {
		nomem(x);
		goto done;
	}
	for (size_t i = 0; i < files->n && !x->st.rc; i++) {
		const plumb_sql_file *f = files->items[i];
		reading g = {x, r, &stmts, i, 0, 0, 1, 1};
		x->f = f;
		if (!(x->text = file_text(x, f)))
			break;
		int rc = plumb__pg_parse_file_each(x->st.ctx, trees, x->tmp, true, x->text,
						   f->path, read_stmt, &g);
		if (rc < 0) {
			fail(x, rc);
			break;
		}
		scan_annotations(x);
		(*fs)[i] = (filest){f, x->text, x->anns, x->n_anns, x->nls, x->n_nls};
	}
done:
	plumb_arena_free(trees);
	if (r)
		order_end(r, order);
}

/* Does the builder keep pointers into raw's tree past the statement? A
 * sequence's options are read at the end, with those ALTER SEQUENCE adds. */
static bool keeps_tree(const PgQuery__RawStmt *raw)
{
	return raw->stmt && (raw->stmt->node_case == PG_QUERY__NODE__NODE_CREATE_SEQ_STMT ||
			     raw->stmt->node_case == PG_QUERY__NODE__NODE_ALTER_SEQ_STMT);
}

/* A schema's statements read in the resolved order, each with its own
 * file's text, unpacked again into memory of its own, freed after it
 * unless the builder keeps pointers into it. */
static void read_schema(ox *x, const plumb_vec *files)
{
	filest *fs;
	plumb_vec order = {0};
	plumb_pg_unpacker *u = NULL;
	order_schema(x, files, &fs, &order);
	const plumb_pg_kept **kept = order.n ? alloc(x, order.n * sizeof(*kept)) : NULL;
	for (size_t i = 0; kept && i < order.n; i++)
		kept[i] = ((const ostmt *)order.items[i])->kept;
	plumb_pg_ahead *ahead = kept ? plumb__pg_ahead_start(kept, order.n) : NULL;
	for (size_t i = 0; i < order.n && !x->st.rc; i++) {
		const ostmt *st = order.items[i];
		const filest *f = &fs[st->file];
		x->f = f->f;
		x->text = f->text;
		x->anns = f->anns;
		x->n_anns = f->n_anns;
		x->nls = f->nls;
		x->n_nls = f->n_nls;
		plumb_arena *a = NULL;
		PgQuery__RawStmt *raw = ahead ? plumb__pg_ahead_take(ahead, i, &a) : NULL;
		if (a) /* the helper's: the builder's from now on */
			plumb_arena_adopt(x->tmp, a);
		else if (!(a = plumb_arena_new(x->tmp)) ||
			 (!u && !(u = plumb__pg_unpacker_new(x->tmp))) ||
			 !(raw = plumb__pg_unpack_kept(u, a, st->kept))) {
			nomem(x);
			break;
		}
		statement(x, raw);
		/* its packed form goes: memory for the statements after it */
		plumb__pg_kept_done(st->kept);
		if (!keeps_tree(raw) && !x->st.rc)
			plumb_arena_free(a);
	}
	plumb__pg_ahead_stop(ahead);
}

/* A file of a migrations folder being replayed. */
typedef struct replaying {
	ox *x;
	plumb_pg_unpacker *u;
} replaying;

/* Each statement is built as it is parsed, in written order; its tree goes
 * soon after, but for one the builder keeps pointers into, built from a
 * copy unpacked into memory that stays. */
static int replay_stmt(void *arg, PgQuery__RawStmt *raw, const plumb_pg_kept *kept)
{
	replaying *g = arg;
	ox *x = g->x;
	if (keeps_tree(raw) && !(raw = plumb__pg_unpack_kept(g->u, x->tmp, kept))) {
		nomem(x);
		return x->st.rc;
	}
	statement(x, raw);
	return x->st.rc;
}

/* A migrations folder: each file read and replayed in turn, its rename
 * notes read first. */
static void replay_files(ox *x, const plumb_vec *files)
{
	plumb_arena *trees = plumb_arena_new(x->tmp);
	replaying g = {x, plumb__pg_unpacker_new(x->tmp)};
	if (!trees || !g.u) {
		nomem(x);
		return;
	}
	for (size_t i = 0; i < files->n && !x->st.rc; i++) {
		const plumb_sql_file *f = files->items[i];
		x->f = f;
		if (!(x->text = file_text(x, f)))
			break;
		scan_annotations(x);
		int rc = plumb__pg_parse_file_each(x->st.ctx, trees, x->tmp, false, x->text,
						   f->path, replay_stmt, &g);
		if (rc < 0)
			fail(x, rc);
	}
	plumb_arena_free(trees);
}

static int load_schema(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *files, bool replay,
		       plumb_catalog **out)
{
	ox x = {.st = {.ctx = ctx, .arena = arena}, .replay = replay};
	int rc;
	*out = NULL;
	if (!(x.tmp = plumb_arena_new(arena)) || !(x.texts = plumb__pg_texts_new(x.tmp))) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb_catalog_new(ctx, arena, "pg", false, &x.cat)) < 0)
		goto done;
	if (replay)
		replay_files(&x, files);
	else
		read_schema(&x, files);
	if (!x.st.rc)
		finish(&x);
	if (!x.st.rc)
		finish_grants(&x);
	if (!x.st.rc)
		implicit_schemas(&x);
	if (!x.st.rc)
		finish_owners(&x);
	if ((rc = x.st.rc) < 0)
		goto done;
	plumb_catalog_sort(x.cat);
	*out = x.cat;
	/* parse trees stay referenced by nothing in the catalog: they go now,
	 * not with it (on failure, the error may still quote them) */
	plumb_arena_free(x.tmp);
done:
	return rc;
}

typedef struct load_call {
	plumb_ctx *ctx;
	plumb_arena *arena;
	const plumb_vec *files;
	bool replay;
	plumb_catalog **out;
} load_call;

static int load_run(void *payload)
{
	load_call *c = payload;
	return load_schema(c->ctx, c->arena, c->files, c->replay, c->out);
}

/* On the large stack (deep.c): a schema file may nest as deep as PostgreSQL
 * accepts. */
int plumb__pg_load_schema(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *files,
			  plumb_catalog **out)
{
	load_call c = {ctx, arena, files, false, out};
	*out = NULL;
	return plumb__pg_deep(ctx, load_run, &c);
}

typedef struct order_call {
	plumb_ctx *ctx;
	plumb_arena *arena;
	const plumb_vec *files;
	plumb_vec *out;
} order_call;

static int order_run(void *payload)
{
	order_call *c = payload;
	ox x = {.st = {.ctx = c->ctx, .arena = c->arena}};
	filest *fs;
	plumb_vec order = {0};
	if (!(x.tmp = plumb_arena_new(c->arena)))
		return plumb_error_nomem(c->ctx);
	order_schema(&x, c->files, &fs, &order);
	for (size_t i = 0; i < order.n && !x.st.rc; i++) {
		const ostmt *st = order.items[i];
		plumb_pg_piece *p = alloc(&x, sizeof(*p));
		if (!p)
			break;
		*p = (plumb_pg_piece){fs[st->file].f->path, fs[st->file].text, st->start, st->end,
				      st->index};
		plumb__pg_push(&x.st, c->out, p);
	}
	return x.st.rc;
}

int plumb__pg_schema_order(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *files,
			   plumb_vec *out)
{
	order_call c = {ctx, arena, files, out};
	out->n = 0;
	return plumb__pg_deep(ctx, order_run, &c);
}

int plumb__pg_replay_offline(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *files,
			     plumb_catalog **out)
{
	load_call c = {ctx, arena, files, true, out};
	*out = NULL;
	return plumb__pg_deep(ctx, load_run, &c);
}
