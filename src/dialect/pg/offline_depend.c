/*
 * The offline builder's dependencies for DROP: what goes with a dropped
 * object, as PostgreSQL's pg_depend would say. Automatic dependencies go
 * always (a table's indexes, constraints, triggers, policies, rules,
 * comments, privileges and owned sequences; the indexes and constraints
 * using a dropped column; partitions); normal ones (views reading a
 * relation, foreign keys of other tables, columns, defaults and functions
 * using a type or function, generated columns and policies using a column,
 * the objects of a schema) make RESTRICT an error
 * and go with CASCADE, transitively. What a definition uses is read from
 * its parse tree (refs.c), memoised per text; the dependents are indexed
 * by the key they use in one pass over the catalog, made at a DROP and kept
 * for the DROPs that follow it until another statement runs. It resolves
 * no DROP statement (offline_drop.c does).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dialect/pg/offline_int.h"
#include "dialect/pg/refs.h"

/* The keys an object can be used by: (kind, schema, name). A part of a
 * table is named "table\x1fpart"; a unique key "table\x1fcol\x1ecol". */
static const char K_REL[] = "rel", K_TYPE[] = "type", K_COL[] = "col", K_FUNC[] = "func",
		  K_FSIG[] = "fsig", K_NSP[] = "nsp", K_COLL[] = "coll", K_CON[] = "con",
		  K_KEY[] = "key", K_TRG[] = "trg", K_POL[] = "pol", K_RULE[] = "rule",
		  K_EXT[] = "ext", K_OPER[] = "oper", K_TSD[] = "tsd", K_OPF[] = "opf",
		  K_FDW[] = "fdw", K_SRV[] = "srv", K_LANG[] = "lang";

static const char *const dkind_names[] = {
	[D_TABLE] = "table",	[D_VIEW] = "view",	 [D_INDEX] = "index",
	[D_TRIGGER] = "trg",	[D_OBJECT] = "object",	 [D_COLUMN] = "column",
	[D_CONSTRAINT] = "con", [D_DEFAULT] = "default", [D_GRANT] = "grant",
	[D_LANG] = "lang",
};

/* An edge: d uses the key it is filed under, automatically or normally. */
typedef struct dep {
	dobj d;
	bool autom;
} dep;

/* One object in a drop: whether it goes only with CASCADE, and whether it
 * goes anyway as a part of a table or column that goes whole. */
typedef struct node {
	dobj d;
	const struct node *by; /* what it depends on, for the detail */
	bool cascade;
	bool inside;
} node;

/* The index of dependents, kept from one DROP to the next while no other
 * statement runs (drop_forget_index): a run of DROPs indexes once. */
struct dcache {
	plumb_arena *a;
	plumb_map *keys;   /* key -> plumb_vec * of dep * */
	plumb_map *nfuncs; /* (NULL, schema, bare name) -> the count of its overloads */
	plumb_map *gone;   /* (kind name, NULL, "%p"): dropped since it was made */
};

typedef struct dix {
	ox *x;
	plumb_arena *a; /* the index's while it is made, then the DROP's own */
	plumb_arena *w; /* the DROP's own: what it reached */
	plumb_map *keys;
	plumb_map *nfuncs;
	plumb_map *gone;
	plumb_map *seen; /* (kind name, NULL, "%p") -> node * */
	plumb_vec queue; /* node * in the order reached */
} dix;

static const plumb_pg_refs no_refs;

/* What text uses (kind 's' a statement, 'e' an expression, 't' a type
 * name), read once per text for the whole build. */
static const plumb_pg_refs *refs_of(ox *x, const char *text, char kind)
{
	static const char *const kinds[] = {"s", "e", "t"};
	const char *k = kinds[kind == 's' ? 0 : kind == 'e' ? 1 : 2];
	if (!text || x->st.rc)
		return &no_refs;
	if (!x->refmemo && !(x->refmemo = plumb_map_new(x->tmp, false))) {
		nomem(x);
		return &no_refs;
	}
	plumb_pg_refs *r = plumb_map_get(x->refmemo, k, NULL, text);
	if (r)
		return r;
	r = plumb_arena_alloc(x->tmp, sizeof(*r));
	if (!r) {
		nomem(x);
		return &no_refs;
	}
	memset(r, 0, sizeof(*r));
	int rc;
	if (kind == 't') {
		const char *e = plumb_arena_printf(x->tmp, "NULL::%s", text);
		rc = e ? plumb__pg_refs_expr(x->tmp, e, r) : -1;
	} else if (kind == 'e') {
		rc = plumb__pg_refs_expr(x->tmp, text, r);
	} else {
		rc = plumb__pg_refs_sql(x->tmp, text, r);
	}
	if (rc < 0 || plumb_map_put(x->refmemo, k, NULL, text, r) < 0) {
		nomem(x);
		return &no_refs;
	}
	return r;
}

static const char *part(dix *ix, const char *table, const char *name)
{
	const char *s = plumb_arena_printf(ix->a, "%s\x1f%s", table, name ? name : "");
	if (!s)
		nomem(ix->x);
	return s;
}

/* The key of a unique key of table: its columns in order. */
static const char *key_of(dix *ix, const char *table, const char *const *cols, size_t n)
{
	plumb_buf b;
	plumb_buf_init(&b, ix->a, 0);
	plumb_buf_puts(&b, table);
	for (size_t i = 0; i < n; i++) {
		plumb_buf_putc(&b, i ? '\x1e' : '\x1f');
		plumb_buf_puts(&b, cols[i] ? cols[i] : "");
	}
	if (plumb_buf_finish(&b, ix->x->st.ctx) < 0) {
		nomem(ix->x);
		return NULL;
	}
	return b.data;
}

/* "schema.name" as the builder writes a dependency: its two parts. */
static void split_dotted(dix *ix, const char *s, const char **schema, const char **name)
{
	const char *dot = strchr(s, '.');
	*schema = dot ? plumb_arena_strndup(ix->a, s, (size_t)(dot - s)) : "public";
	*name = dot ? dot + 1 : s;
	if (!*schema)
		nomem(ix->x);
}

/* d uses the key (k, schema, name). */
static void edge(dix *ix, const char *k, const char *schema, const char *name, dobj d, bool autom)
{
	if (!name || ix->x->st.rc)
		return;
	plumb_vec *v = plumb_map_get(ix->keys, k, schema, name);
	dep *e = plumb_arena_alloc(ix->a, sizeof(*e));
	if (!v && (v = plumb_arena_alloc(ix->a, sizeof(*v))) != NULL) {
		memset(v, 0, sizeof(*v));
		if (plumb_map_put(ix->keys, k, schema, name, v) < 0)
			v = NULL;
	}
	if (!e || !v || plumb_vec_push(ix->a, v, e) < 0) {
		nomem(ix->x);
		return;
	}
	e->d = d;
	e->autom = autom;
}

/* d uses each name of v (unqualified: public) as a k. */
static void edges(dix *ix, const char *k, const plumb_vec *v, dobj d, bool autom)
{
	for (size_t i = 0; i < v->n; i++) {
		const plumb_pg_name *n = v->items[i];
		edge(ix, k, n->schema ? n->schema : "public", n->name, d, autom);
	}
}

/* d uses each column v names of table schema.table. */
static void col_edges(dix *ix, const char *schema, const char *table, const plumb_vec *v, dobj d,
		      bool autom)
{
	for (size_t i = 0; i < v->n; i++) {
		const plumb_pg_name *n = v->items[i];
		edge(ix, K_COL, schema, part(ix, table, n->name), d, autom);
	}
}

/* d uses the relations v names but schema.own (its own: automatic, by the caller). */
static void other_rels(dix *ix, const plumb_vec *v, const char *schema, const char *own, dobj d)
{
	for (size_t i = 0; i < v->n; i++) {
		const plumb_pg_name *n = v->items[i];
		const char *s = n->schema ? n->schema : "public";
		if (!(strcmp(s, schema) == 0 && strcmp(n->name, own) == 0))
			edge(ix, K_REL, s, n->name, d, false);
	}
}

/* What a table and its parts use. */
static void index_table(dix *ix, plumb_table *t)
{
	ox *x = ix->x;
	dobj td = {D_TABLE, t, t};
	const char *s, *n;
	edge(ix, K_NSP, NULL, t->schema, td, false);
	if (t->partition_of) {
		split_dotted(ix, t->partition_of, &s, &n);
		edge(ix, K_REL, s, n, td, true);
	}
	for (size_t i = 0; i < t->inherits.n; i++) {
		split_dotted(ix, t->inherits.items[i], &s, &n);
		edge(ix, K_REL, s, n, td, false);
	}
	for (size_t i = 0; i < t->columns.n; i++) {
		plumb_column *c = t->columns.items[i];
		dobj cd = {D_COLUMN, c, t}, dd = {D_DEFAULT, c, t};
		edges(ix, K_TYPE, &refs_of(x, c->type, 't')->types, cd, false);
		/* the text as written too: canonical text folds the casts of constants */
		for (int w = 0; w < 2 && c->default_sql; w++) {
			const plumb_pg_refs *r =
				refs_of(x, w ? c->default_written : c->default_sql, 'e');
			edges(ix, K_FUNC, &r->funcs, dd, false);
			edges(ix, K_OPER, &r->ops, dd, false);
			edges(ix, K_REL, &r->rels, dd, false);
			edges(ix, K_TYPE, &r->types, dd, false);
		}
		if (c->generated_sql) {
			const plumb_pg_refs *r = refs_of(x, c->generated_sql, 'e');
			col_edges(ix, t->schema, t->name, &r->cols, cd, false);
			edges(ix, K_FUNC, &r->funcs, cd, false);
			edges(ix, K_TYPE, &r->types, cd, false);
		}
	}
	for (size_t i = 0; i < t->constraints.n; i++) {
		plumb_constraint *k = t->constraints.items[i];
		dobj kd = {D_CONSTRAINT, k, t};
		for (size_t j = 0; j < k->n_columns; j++)
			edge(ix, K_COL, t->schema, part(ix, t->name, k->columns[j]), kd, true);
		for (size_t j = 0; j < k->n_include; j++)
			edge(ix, K_COL, t->schema, part(ix, t->name, k->include[j]), kd, true);
		for (int w = 0; w < 2 && k->check_sql; w++) {
			const plumb_pg_refs *r =
				refs_of(x, w ? k->check_written : k->check_sql, 'e');
			col_edges(ix, t->schema, t->name, &r->cols, kd, true);
			edges(ix, K_FUNC, &r->funcs, kd, false);
			edges(ix, K_OPER, &r->ops, kd, false);
			edges(ix, K_TYPE, &r->types, kd, false);
		}
		if (k->kind != PLUMB_CON_FOREIGN_KEY)
			continue;
		const char *rs = k->ref_schema ? k->ref_schema : "public";
		edge(ix, K_REL, rs, k->ref_table, kd, false);
		const char *const *rc = k->ref_columns;
		size_t nrc = k->n_ref_columns;
		plumb_table *rt = nrc ? NULL : find_table(x, rs, k->ref_table);
		for (size_t j = 0; rt && j < rt->constraints.n; j++) {
			plumb_constraint *pk = rt->constraints.items[j];
			if (pk->kind == PLUMB_CON_PRIMARY_KEY) {
				rc = pk->columns;
				nrc = pk->n_columns;
			}
		}
		for (size_t j = 0; j < nrc; j++)
			edge(ix, K_COL, rs, part(ix, k->ref_table, rc[j]), kd, false);
		if (nrc)
			edge(ix, K_KEY, rs, key_of(ix, k->ref_table, rc, nrc), kd, false);
	}
}

/* What a view uses: the relations it reads, their columns it names, the
 * functions it calls and the types it names. */
static void index_view(dix *ix, plumb_view *v)
{
	dobj d = {D_VIEW, v, NULL};
	const plumb_pg_refs *r = refs_of(ix->x, v->definition, 's');
	edge(ix, K_NSP, NULL, v->schema, d, false);
	for (size_t i = 0; i < v->depends.n; i++) {
		const char *s, *n;
		split_dotted(ix, v->depends.items[i], &s, &n);
		edge(ix, K_REL, s, n, d, false);
		col_edges(ix, s, n, &r->cols, d, false);
	}
	edges(ix, K_FUNC, &r->funcs, d, false);
	edges(ix, K_OPER, &r->ops, d, false);
	edges(ix, K_TYPE, &r->types, d, false);
}

/* What a comment is on: it goes with it. */
static void index_comment(dix *ix, plumb_object *o)
{
	dobj d = {D_OBJECT, o, NULL};
	const char *s = o->schema, *on = o->target;
	if (!on)
		return;
	if (o->column) {
		edge(ix, K_REL, s, on, d, true);
		edge(ix, K_COL, s, part(ix, on, o->column), d, true);
		return;
	}
	if (o->part) {
		const char *k = o->target_kind == PLUMB_OBJ_TRIGGER  ? K_TRG
				: o->target_kind == PLUMB_OBJ_POLICY ? K_POL
				: o->target_kind == PLUMB_OBJ_RULE   ? K_RULE
				: o->target_kind == PLUMB_OBJ_DOMAIN ? K_TYPE
								     : K_CON;
		edge(ix, k, s, k == K_TYPE ? on : part(ix, on, o->part), d, true);
		if (k != K_TYPE)
			edge(ix, K_REL, s, on, d, true);
		return;
	}
	switch (o->target_kind) {
	case PLUMB_OBJ_SCHEMA:
		edge(ix, K_NSP, NULL, on, d, true);
		break;
	case PLUMB_OBJ_EXTENSION:
		edge(ix, K_EXT, NULL, on, d, true);
		break;
	case PLUMB_OBJ_FUNCTION:
		edge(ix, K_FSIG, s, on, d, true);
		break;
	case PLUMB_OBJ_TYPE:
	case PLUMB_OBJ_DOMAIN:
	case PLUMB_OBJ_ENUM:
		edge(ix, K_TYPE, s, on, d, true);
		break;
	case PLUMB_OBJ_COLLATION:
		edge(ix, K_COLL, s, on, d, true);
		break;
	case PLUMB_OBJ_OPERATOR:
	case PLUMB_OBJ_CAST:
	case PLUMB_OBJ_TS_DICT:
	case PLUMB_OBJ_TS_CONFIG:
	case PLUMB_OBJ_STATISTICS:
	case PLUMB_OBJ_PUBLICATION:
	case PLUMB_OBJ_EVENT_TRIGGER:
	case PLUMB_OBJ_OPFAMILY:
	case PLUMB_OBJ_OPCLASS:
	case PLUMB_OBJ_FDW:
	case PLUMB_OBJ_SERVER:
		/* the object itself, by its kind's name */
		edge(ix, plumb_obj_kind_name(o->target_kind), s, on, d, true);
		break;
	default: /* relations */
		edge(ix, K_REL, s, on, d, true);
		break;
	}
}

/* The bare name of function "f(integer)". */
static const char *bare(dix *ix, const char *sig)
{
	const char *p = strchr(sig, '(');
	const char *s = p ? plumb_arena_strndup(ix->a, sig, (size_t)(p - sig)) : sig;
	if (!s)
		nomem(ix->x);
	return s;
}

static void index_object(dix *ix, plumb_object *o)
{
	ox *x = ix->x;
	dobj d = {D_OBJECT, o, NULL};
	const plumb_pg_refs *r;
	switch (o->kind) {
	case PLUMB_OBJ_EXTENSION:
	case PLUMB_OBJ_ENUM:
	case PLUMB_OBJ_COLLATION:
	case PLUMB_OBJ_SEQUENCE: /* OWNED BY: index_sequences */
		edge(ix, K_NSP, NULL, o->schema, d, false);
		break;
	case PLUMB_OBJ_DOMAIN:
	case PLUMB_OBJ_TYPE:
		edge(ix, K_NSP, NULL, o->schema, d, false);
		r = refs_of(x, o->definition, 's');
		edges(ix, K_TYPE, &r->types, d, false);
		edges(ix, K_FUNC, &r->funcs, d, false);
		edges(ix, K_COLL, &r->colls, d, false);
		break;
	case PLUMB_OBJ_FUNCTION: {
		edge(ix, K_NSP, NULL, o->schema, d, false);
		r = refs_of(x, o->sql, 's');
		edges(ix, K_TYPE, &r->types, d, false);
		if (r->bound) { /* a body in a string is resolved when it runs */
			edges(ix, K_FUNC, &r->funcs, d, false);
			edges(ix, K_REL, &r->rels, d, false);
		}
		const char *b = bare(ix, o->name);
		uintptr_t n = b ? (uintptr_t)plumb_map_get(ix->nfuncs, NULL, o->schema, b) : 0;
		if (b && plumb_map_put(ix->nfuncs, NULL, o->schema, b, (void *)(n + 1)) < 0)
			nomem(x);
		break;
	}
	case PLUMB_OBJ_POLICY:
	case PLUMB_OBJ_RULE:
		if (!o->table)
			break;
		edge(ix, K_REL, o->schema, o->table, d, true);
		r = refs_of(x, o->definition, 's');
		other_rels(ix, &r->rels, o->schema, o->table, d);
		edges(ix, K_FUNC, &r->funcs, d, false);
		if (o->kind == PLUMB_OBJ_POLICY)
			col_edges(ix, o->schema, o->table, &r->cols, d, false);
		break;
	case PLUMB_OBJ_OPERATOR:
	case PLUMB_OBJ_CAST: {
		if (o->kind == PLUMB_OBJ_OPERATOR)
			edge(ix, K_NSP, NULL, o->schema, d, false);
		r = refs_of(x, o->sql, 's');
		edges(ix, K_TYPE, &r->types, d, false);
		edges(ix, K_FUNC, &r->funcs, d, false);
		if (o->kind != PLUMB_OBJ_OPERATOR)
			break;
		/* a use names no argument types: as a function's call */
		const char *b = bare(ix, o->name);
		const char *k = b ? plumb_arena_printf(ix->a, "op:%s", b) : NULL;
		uintptr_t n = k ? (uintptr_t)plumb_map_get(ix->nfuncs, NULL, o->schema, k) : 0;
		if (!k || plumb_map_put(ix->nfuncs, NULL, o->schema, k, (void *)(n + 1)) < 0)
			nomem(x);
		break;
	}
	case PLUMB_OBJ_TS_DICT:
	case PLUMB_OBJ_OPFAMILY:
		edge(ix, K_NSP, NULL, o->schema, d, false);
		break;
	case PLUMB_OBJ_OPCLASS:
		/* in its family, which takes it along */
		edge(ix, K_NSP, NULL, o->schema, d, false);
		if (o->depends.n) {
			const char *s, *n;
			split_dotted(ix, o->depends.items[0], &s, &n);
			edge(ix, K_OPF, s, n, d, true);
		}
		break;
	case PLUMB_OBJ_TS_CONFIG:
		edge(ix, K_NSP, NULL, o->schema, d, false);
		for (size_t i = 0; i < o->depends.n; i++) {
			const char *s, *n;
			split_dotted(ix, o->depends.items[i], &s, &n);
			edge(ix, K_TSD, s, n, d, false);
		}
		break;
	case PLUMB_OBJ_EVENT_TRIGGER: {
		/* its function, normally: DROP FUNCTION needs CASCADE */
		const char *fs, *fn;
		if (!o->depends.n)
			break;
		split_dotted(ix, o->depends.items[0], &fs, &fn);
		edge(ix, K_FSIG, fs, plumb_arena_printf(ix->a, "%s()", fn), d, false);
		break;
	}
	case PLUMB_OBJ_STATISTICS: {
		/* its table and each column it reads: it goes with any of them */
		const char *ts, *tn;
		if (!o->depends.n)
			break;
		split_dotted(ix, o->depends.items[0], &ts, &tn);
		edge(ix, K_REL, ts, tn, d, true);
		r = refs_of(x, o->sql, 's');
		col_edges(ix, ts, tn, &r->cols, d, true);
		break;
	}
	case PLUMB_OBJ_FDW:
		/* its handler and validator (qualified "schema.f") */
		for (int i = 0; i < 2; i++) {
			const char *f = i ? o->fdw_validator : o->fdw_handler, *fs, *fn;
			if (!f)
				continue;
			split_dotted(ix, f, &fs, &fn);
			edge(ix, K_FUNC, fs, fn, d, false);
		}
		break;
	case PLUMB_OBJ_SERVER:
		edge(ix, K_FDW, NULL, o->fdw, d, false);
		break;
	case PLUMB_OBJ_COMMENT:
		index_comment(ix, o);
		break;
	default:
		break;
	}
}

/* Sequences OWNED BY a column go with it. */
static void index_sequences(dix *ix)
{
	ox *x = ix->x;
	for (size_t i = 0; i < x->seqs.n; i++) {
		seqent *e = x->seqs.items[i];
		if (find_object(x, PLUMB_OBJ_SEQUENCE, e->o->schema, e->o->name) != e->o)
			continue;
		seqopts so;
		read_seqopts(e->cs->options, e->cs->n_options, 20, &so);
		if (!so.owned_by || so.owned_by->node_case != PG_QUERY__NODE__NODE_LIST ||
		    so.owned_by->list->n_items < 2)
			continue;
		PgQuery__Node **v = so.owned_by->list->items;
		size_t n = so.owned_by->list->n_items;
		const char *col = plumb__pg_strval(v[n - 1]), *ts, *tn;
		split_names(v, n - 1, &ts, &tn);
		edge(ix, K_COL, ts, part(ix, tn, col), (dobj){D_OBJECT, e->o, NULL}, true);
	}
}

/* The languages the files created: each uses the functions it calls, and
 * the functions written in it use it (read only when there is one). */
static void index_languages(dix *ix)
{
	ox *x = ix->x;
	for (size_t i = 0; i < x->plangs.n; i++) {
		plang *l = x->plangs.items[i];
		for (int j = 0; j < 3; j++)
			if (l->fsig[j])
				edge(ix, K_FSIG, l->fschema[j], l->fsig[j],
				     (dobj){D_LANG, l, NULL}, false);
	}
	for (size_t i = 0; x->plangs.n && i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *o = x->cat->objects.items[i];
		const char *lang = function_language(x, o);
		if (lang && language_find(x, lang))
			edge(ix, K_LANG, NULL, lang, (dobj){D_OBJECT, o, NULL}, false);
	}
}

/* Every dependent in the catalog, by the key it uses: one pass. */
static void index_all(dix *ix)
{
	ox *x = ix->x;
	plumb_catalog *cat = x->cat;
	for (size_t i = 0; i < cat->tables.n && !x->st.rc; i++)
		index_table(ix, cat->tables.items[i]);
	for (size_t i = 0; i < cat->views.n && !x->st.rc; i++)
		index_view(ix, cat->views.items[i]);
	for (size_t i = 0; i < cat->indexes.n && !x->st.rc; i++) {
		plumb_index *in = cat->indexes.items[i];
		dobj d = {D_INDEX, in, NULL};
		const plumb_pg_refs *r = refs_of(x, in->definition, 's');
		edge(ix, K_REL, in->schema, in->table, d, true);
		col_edges(ix, in->schema, in->table, &r->cols, d, true);
		edges(ix, K_FUNC, &r->funcs, d, false);
		edges(ix, K_OPER, &r->ops, d, false);
		edges(ix, K_TYPE, &r->types, d, false);
		edges(ix, K_COLL, &r->colls, d, false);
	}
	for (size_t i = 0; i < cat->triggers.n && !x->st.rc; i++) {
		plumb_trigger *tg = cat->triggers.items[i];
		dobj d = {D_TRIGGER, tg, NULL};
		edge(ix, K_REL, tg->schema, tg->table, d, true);
		col_edges(ix, tg->schema, tg->table, &refs_of(x, tg->definition, 's')->cols, d,
			  true);
		for (size_t j = 0; j < tg->depends.n; j++) {
			const char *s, *n;
			split_dotted(ix, tg->depends.items[j], &s, &n);
			edge(ix, K_FUNC, s, n, d, false);
		}
	}
	for (size_t i = 0; i < cat->objects.n && !x->st.rc; i++)
		index_object(ix, cat->objects.items[i]);
	index_sequences(ix);
	index_languages(ix);
	for (size_t i = 0; i < x->grants.n && !x->st.rc; i++) {
		gstate *g = x->grants.items[i];
		dobj d = {D_GRANT, (void *)g, NULL};
		if (!g->privs || g->obj)
			continue;
		edge(ix, K_REL, g->schema, g->rel, d, true);
		if (g->col)
			edge(ix, K_COL, g->schema, part(ix, g->rel, g->col), d, true);
	}
}

/* --- the closure --------------------------------------------------------------------------- */

static const char *ptr_key(dix *ix, const void *p)
{
	const char *s = plumb_arena_printf(ix->a, "%p", p);
	if (!s)
		nomem(ix->x);
	return s;
}

static node *seen(dix *ix, dkind kind, const void *p)
{
	const char *k = ptr_key(ix, p);
	return k ? plumb_map_get(ix->seen, dkind_names[kind], NULL, k) : NULL;
}

/* Whether d was dropped since the index was made, or goes with what was. */
static bool gone(dix *ix, dobj d)
{
	char k[32];
	snprintf(k, sizeof(k), "%p", d.p);
	if (plumb_map_get(ix->gone, dkind_names[d.kind], NULL, k))
		return true;
	if (d.t && d.kind != D_TABLE) {
		snprintf(k, sizeof(k), "%p", (void *)d.t);
		if (plumb_map_get(ix->gone, dkind_names[D_TABLE], NULL, k))
			return true;
	}
	if (d.kind == D_DEFAULT) {
		snprintf(k, sizeof(k), "%p", d.p);
		return plumb_map_get(ix->gone, dkind_names[D_COLUMN], NULL, k) != NULL;
	}
	return false;
}

static void reach(dix *ix, dobj d, const node *by, bool cascade)
{
	if (seen(ix, d.kind, d.p) || ix->x->st.rc)
		return;
	node *n = plumb_arena_alloc(ix->a, sizeof(*n));
	const char *k = ptr_key(ix, d.p);
	if (!n || !k || plumb_map_put(ix->seen, dkind_names[d.kind], NULL, k, n) < 0 ||
	    plumb_vec_push(ix->a, &ix->queue, n) < 0) {
		nomem(ix->x);
		return;
	}
	n->d = d;
	n->by = by;
	n->cascade = cascade;
	n->inside = false;
}

/* The dependents of key (k, schema, name), reached from n: those that are
 * automatic only when autos. */
static void follow(dix *ix, const node *n, const char *k, const char *schema, const char *name,
		   bool autos)
{
	const plumb_vec *v = name ? plumb_map_get(ix->keys, k, schema, name) : NULL;
	for (size_t i = 0; v && i < v->n; i++) {
		const dep *e = v->items[i];
		if ((e->d.p == n->d.p && e->d.kind == n->d.kind) || gone(ix, e->d))
			continue;
		if (e->autom || !autos)
			reach(ix, e->d, n, n->cascade || !e->autom);
	}
}

static bool is_index_key(const plumb_constraint *k)
{
	return k->kind == PLUMB_CON_PRIMARY_KEY || k->kind == PLUMB_CON_UNIQUE ||
	       k->kind == PLUMB_CON_EXCLUDE;
}

/* Follows the keys n takes away when it goes. */
static void follow_all(dix *ix, const node *n, bool autos)
{
	const plumb_table *t = n->d.t;
	switch (n->d.kind) {
	case D_TABLE:
		follow(ix, n, K_REL, t->schema, t->name, autos);
		follow(ix, n, K_TYPE, t->schema, t->name, autos);
		for (size_t i = 0; i < t->columns.n; i++) {
			const plumb_column *c = t->columns.items[i];
			follow(ix, n, K_COL, t->schema, part(ix, t->name, c->name), autos);
		}
		for (size_t i = 0; i < t->constraints.n; i++) {
			const plumb_constraint *k = t->constraints.items[i];
			follow(ix, n, K_CON, t->schema, part(ix, t->name, k->name), autos);
			if (is_index_key(k))
				follow(ix, n, K_KEY, t->schema,
				       key_of(ix, t->name, k->columns, k->n_columns), autos);
		}
		break;
	case D_VIEW: {
		const plumb_view *v = n->d.p;
		follow(ix, n, K_REL, v->schema, v->name, autos);
		follow(ix, n, K_TYPE, v->schema, v->name, autos);
		break;
	}
	case D_INDEX: {
		const plumb_index *in = n->d.p;
		follow(ix, n, K_REL, in->schema, in->name, autos);
		break;
	}
	case D_TRIGGER: {
		const plumb_trigger *tg = n->d.p;
		follow(ix, n, K_TRG, tg->schema, part(ix, tg->table, tg->name), autos);
		break;
	}
	case D_COLUMN: {
		const plumb_column *c = n->d.p;
		follow(ix, n, K_COL, t->schema, part(ix, t->name, c->name), autos);
		break;
	}
	case D_CONSTRAINT: {
		const plumb_constraint *k = n->d.p;
		follow(ix, n, K_CON, t->schema, part(ix, t->name, k->name), autos);
		if (is_index_key(k))
			follow(ix, n, K_KEY, t->schema,
			       key_of(ix, t->name, k->columns, k->n_columns), autos);
		break;
	}
	case D_LANG:
		follow(ix, n, K_LANG, NULL, ((const plang *)n->d.p)->name, autos);
		break;
	case D_OBJECT: {
		const plumb_object *o = n->d.p;
		switch (o->kind) {
		case PLUMB_OBJ_SCHEMA:
			follow(ix, n, K_NSP, NULL, o->name, autos);
			break;
		case PLUMB_OBJ_EXTENSION:
			follow(ix, n, K_EXT, NULL, o->name, autos);
			break;
		case PLUMB_OBJ_ENUM:
		case PLUMB_OBJ_DOMAIN:
		case PLUMB_OBJ_TYPE:
			follow(ix, n, K_TYPE, o->schema, o->name, autos);
			break;
		case PLUMB_OBJ_SEQUENCE:
			follow(ix, n, K_REL, o->schema, o->name, autos);
			break;
		case PLUMB_OBJ_COLLATION:
			follow(ix, n, K_COLL, o->schema, o->name, autos);
			break;
		case PLUMB_OBJ_POLICY:
		case PLUMB_OBJ_RULE:
			follow(ix, n, o->kind == PLUMB_OBJ_POLICY ? K_POL : K_RULE, o->schema,
			       part(ix, o->table, o->name), autos);
			break;
		case PLUMB_OBJ_FUNCTION: {
			follow(ix, n, K_FSIG, o->schema, o->name, autos);
			/* a call names no argument types: it is this function's
			 * only when no overload shares the name */
			const char *b = bare(ix, o->name);
			if (b && (uintptr_t)plumb_map_get(ix->nfuncs, NULL, o->schema, b) == 1)
				follow(ix, n, K_FUNC, o->schema, b, autos);
			break;
		}
		case PLUMB_OBJ_TS_DICT:
			follow(ix, n, K_TSD, o->schema, o->name, autos);
			break;
		case PLUMB_OBJ_OPFAMILY:
			follow(ix, n, K_OPF, o->schema, o->name, autos);
			break;
		case PLUMB_OBJ_FDW:
			follow(ix, n, K_FDW, NULL, o->name, autos);
			break;
		case PLUMB_OBJ_SERVER:
			follow(ix, n, K_SRV, NULL, o->name, autos);
			break;
		case PLUMB_OBJ_OPERATOR: {
			const char *b = bare(ix, o->name);
			const char *k = b ? plumb_arena_printf(ix->a, "op:%s", b) : NULL;
			if (k && (uintptr_t)plumb_map_get(ix->nfuncs, NULL, o->schema, k) == 1)
				follow(ix, n, K_OPER, o->schema, b, autos);
			break;
		}
		default:
			break;
		}
		/* what names it by its kind's name (a comment) */
		switch (o->kind) {
		case PLUMB_OBJ_OPERATOR:
		case PLUMB_OBJ_CAST:
		case PLUMB_OBJ_TS_DICT:
		case PLUMB_OBJ_TS_CONFIG:
		case PLUMB_OBJ_STATISTICS:
		case PLUMB_OBJ_PUBLICATION:
		case PLUMB_OBJ_EVENT_TRIGGER:
		case PLUMB_OBJ_OPFAMILY:
		case PLUMB_OBJ_OPCLASS:
		case PLUMB_OBJ_FDW:
		case PLUMB_OBJ_SERVER:
			follow(ix, n, plumb_obj_kind_name(o->kind), o->schema, o->name, autos);
			break;
		default:
			break;
		}
		break;
	}
	default:
		break;
	}
}

/* How PostgreSQL's messages name d ("view v", "column c of table t"). */
static const char *describe_of(ox *x, dobj d)
{
	const plumb_table *t = d.t;
	switch (d.kind) {
	case D_TABLE:
		return fmt(x, "table %s", shown(x, t->schema, t->name));
	case D_VIEW: {
		const plumb_view *v = d.p;
		return fmt(x, "%s %s", v->materialized ? "materialized view" : "view",
			   shown(x, v->schema, v->name));
	}
	case D_INDEX: {
		const plumb_index *in = d.p;
		return fmt(x, "index %s", shown(x, in->schema, in->name));
	}
	case D_TRIGGER: {
		const plumb_trigger *tg = d.p;
		return fmt(x, "trigger %s on table %s", tg->name, shown(x, tg->schema, tg->table));
	}
	case D_COLUMN:
		return fmt(x, "column %s of table %s", ((const plumb_column *)d.p)->name,
			   shown(x, t->schema, t->name));
	case D_DEFAULT:
		return fmt(x, "default value for column %s of table %s",
			   ((const plumb_column *)d.p)->name, shown(x, t->schema, t->name));
	case D_CONSTRAINT:
		return fmt(x, "constraint %s on table %s", ((const plumb_constraint *)d.p)->name,
			   shown(x, t->schema, t->name));
	case D_OBJECT: {
		const plumb_object *o = d.p;
		switch (o->kind) {
		case PLUMB_OBJ_SCHEMA:
			return fmt(x, "schema %s", o->name);
		case PLUMB_OBJ_EXTENSION:
			return fmt(x, "extension %s", o->name);
		case PLUMB_OBJ_SEQUENCE:
			return fmt(x, "sequence %s", shown(x, o->schema, o->name));
		case PLUMB_OBJ_COLLATION:
			return fmt(x, "collation %s", shown(x, o->schema, o->name));
		case PLUMB_OBJ_STATISTICS:
			return fmt(x, "statistics object %s", shown(x, o->schema, o->name));
		case PLUMB_OBJ_EVENT_TRIGGER:
			return fmt(x, "event trigger %s", o->name);
		case PLUMB_OBJ_FUNCTION:
			return fmt(x, "%s %s",
				   o->func_kind == PLUMB_FUNC_PROCEDURE ? "procedure" : "function",
				   shown(x, o->schema, o->name));
		case PLUMB_OBJ_OPERATOR:
			return fmt(x, "operator %s", shown(x, o->schema, o->name));
		case PLUMB_OBJ_CAST:
			return fmt(x, "cast %s", o->name);
		case PLUMB_OBJ_TS_DICT:
		case PLUMB_OBJ_TS_CONFIG:
		case PLUMB_OBJ_OPFAMILY:
		case PLUMB_OBJ_OPCLASS:
			return fmt(x, "%s %s", plumb_obj_kind_name(o->kind),
				   shown(x, o->schema, o->name));
		case PLUMB_OBJ_POLICY:
		case PLUMB_OBJ_RULE:
			return fmt(x, "%s %s on table %s",
				   o->kind == PLUMB_OBJ_POLICY ? "policy" : "rule", o->name,
				   shown(x, o->schema, o->table));
		default:
			return fmt(x, "type %s", shown(x, o->schema, o->name));
		}
	}
	case D_LANG:
		return fmt(x, "language %s", ((const plang *)d.p)->name);
	default:
		return "privileges";
	}
}

static const char *describe(ox *x, dobj d)
{
	const char *s = describe_of(x, d);
	return s ? s : "";
}

/* --- dropping ------------------------------------------------------------------------------ */

/* The names a table or its part held, free again. */
static void forget_constraint(ox *x, const plumb_table *t, const plumb_constraint *k)
{
	if (!k->name)
		return;
	forget_name(x, &x->connames, t->schema, k->name);
	if (is_index_key(k))
		forget_name(x, &x->relnames, t->schema, k->name);
}

static void forget_column(ox *x, const plumb_table *t, const plumb_column *c)
{
	char seq[PLUMB_PG_NAMEDATALEN];
	if (!plumb__pg_is_serial(c->type))
		return;
	plumb__pg_object_name(seq, t->name, c->name, "seq");
	forget_name(x, &x->relnames, t->schema, seq);
	/* its sequence goes with it, and what was granted on that */
	grants_relation_gone(x, false, t->schema, seq);
}

static void forget_table(ox *x, const plumb_table *t)
{
	forget_name(x, &x->relnames, t->schema, t->name);
	publications_moved(x, t->schema, t->name, NULL, NULL);
	for (size_t i = 0; i < t->constraints.n; i++)
		forget_constraint(x, t, t->constraints.items[i]);
	for (size_t i = 0; i < t->columns.n; i++)
		forget_column(x, t, t->columns.items[i]);
}

/* Removes from v what went (the kind of drop its items are). */
static void compact(dix *ix, plumb_vec *v, dkind kind)
{
	ox *x = ix->x;
	size_t w = 0;
	for (size_t i = 0; i < v->n; i++) {
		void *p = v->items[i];
		node *n = seen(ix, kind, p);
		if (!n || n->inside) {
			v->items[w++] = p;
			continue;
		}
		if (kind == D_TABLE) {
			forget_table(x, p);
		} else if (kind == D_VIEW) {
			const plumb_view *vw = p;
			forget_name(x, &x->relnames, vw->schema, vw->name);
		} else if (kind == D_INDEX) {
			const plumb_index *in = p;
			forget_name(x, &x->relnames, in->schema, in->name);
		} else if (kind == D_OBJECT) {
			const plumb_object *o = p;
			if (o->kind == PLUMB_OBJ_SEQUENCE)
				forget_name(x, &x->relnames, o->schema, o->name);
			if (o->kind == PLUMB_OBJ_EXTENSION)
				note_extension(x, o->name, NULL);
		}
	}
	v->n = w;
}

/* Takes away every node not inside another that goes whole. */
static void remove_nodes(dix *ix)
{
	ox *x = ix->x;
	bool kinds[D_LANG + 1] = {0};
	for (size_t i = 0; i < ix->queue.n; i++) {
		node *n = ix->queue.items[i];
		const char *k = plumb_arena_printf(x->deps->a, "%p", n->d.p);
		if (!k || plumb_map_put(ix->gone, dkind_names[n->d.kind], NULL, k, n->d.p) < 0)
			nomem(x);
		if (n->d.kind == D_OBJECT)
			grants_gone(x, n->d.p);
		if (n->inside)
			continue;
		if (n->d.kind == D_OBJECT &&
		    ((const plumb_object *)n->d.p)->kind == PLUMB_OBJ_FUNCTION) {
			const plumb_object *o = n->d.p;
			const char *b = bare(ix, o->name);
			uintptr_t c =
				b ? (uintptr_t)plumb_map_get(ix->nfuncs, NULL, o->schema, b) : 0;
			if (c > 0)
				plumb_map_put(ix->nfuncs, NULL, o->schema, b, (void *)(c - 1));
		}
		if (n->d.kind == D_OBJECT)
			opc_dropped(x, n->d.p);
		kinds[n->d.kind] = true;
		plumb_table *t = n->d.t;
		switch (n->d.kind) {
		case D_COLUMN:
			forget_column(x, t, n->d.p);
			remove_item(&t->columns, n->d.p);
			break;
		case D_CONSTRAINT:
			forget_constraint(x, t, n->d.p);
			remove_item(&t->constraints, n->d.p);
			break;
		case D_DEFAULT: {
			plumb_column *c = n->d.p;
			c->default_sql = NULL;
			c->default_written = NULL;
			break;
		}
		case D_GRANT: {
			gstate *g = n->d.p;
			g->privs = 0;
			g->grantable = 0;
			break;
		}
		case D_LANG:
			language_dropped(x, ((const plang *)n->d.p)->name);
			break;
		default:
			break;
		}
	}
	if (kinds[D_TABLE])
		compact(ix, &x->cat->tables, D_TABLE);
	if (kinds[D_VIEW])
		compact(ix, &x->cat->views, D_VIEW);
	if (kinds[D_INDEX])
		compact(ix, &x->cat->indexes, D_INDEX);
	if (kinds[D_TRIGGER])
		compact(ix, &x->cat->triggers, D_TRIGGER);
	if (kinds[D_OBJECT])
		compact(ix, &x->cat->objects, D_OBJECT);
	plumb_catalog_changed(x->cat);
}

/* Whether n goes anyway with a table or column that goes whole. */
static bool goes_inside(dix *ix, const node *n)
{
	if (n->d.kind != D_COLUMN && n->d.kind != D_CONSTRAINT && n->d.kind != D_DEFAULT)
		return false;
	return seen(ix, D_TABLE, n->d.t) || (n->d.kind == D_DEFAULT && seen(ix, D_COLUMN, n->d.p));
}

bool drop_with_dependents(ox *x, const dobj *targets, size_t n_targets, bool cascade)
{
	dix ix = {.x = x};
	bool ok = false;
	if (!n_targets || x->st.rc)
		return !x->st.rc;
	bool made = false;
	if (!x->deps) {
		struct dcache *c = plumb_arena_alloc(x->tmp, sizeof(*c));
		if (!c || !(c->a = plumb_arena_new(x->tmp)) ||
		    !(c->keys = plumb_map_new(c->a, false)) ||
		    !(c->nfuncs = plumb_map_new(c->a, false)) ||
		    !(c->gone = plumb_map_new(c->a, false))) {
			nomem(x);
			return false;
		}
		x->deps = c;
		made = true;
	}
	ix.keys = x->deps->keys;
	ix.nfuncs = x->deps->nfuncs;
	ix.gone = x->deps->gone;
	if (!(ix.w = plumb_arena_new(x->tmp)) || !(ix.seen = plumb_map_new(ix.w, false))) {
		nomem(x);
		goto done;
	}
	if (made) {
		ix.a = x->deps->a;
		index_all(&ix);
	}
	ix.a = ix.w;
	for (size_t i = 0; i < n_targets; i++)
		reach(&ix, targets[i], NULL, false);
	/* what goes with the targets always, then what goes only with CASCADE */
	for (size_t i = 0; i < ix.queue.n && !x->st.rc; i++)
		follow_all(&ix, ix.queue.items[i], true);
	for (size_t i = 0; i < ix.queue.n && !x->st.rc; i++)
		follow_all(&ix, ix.queue.items[i], false);
	if (x->st.rc)
		goto done;
	const node *first = NULL;
	for (size_t i = 0; i < ix.queue.n; i++) {
		node *n = ix.queue.items[i];
		n->inside = goes_inside(&ix, n);
		if (n->cascade && !n->inside && !first)
			first = n;
	}
	if (first && !cascade) {
		/* the texts first: nothing is formatted once the error is set */
		plumb_vec detail = {0};
		for (size_t i = 0; i < ix.queue.n && !x->st.rc; i++) {
			const node *n = ix.queue.items[i];
			if (n->cascade && !n->inside && n->by)
				push(x, &detail,
				     fmt(x, "%s depends on %s", describe(x, n->d),
					 describe(x, n->by->d)));
		}
		const char *what = describe(x, targets[0]);
		if (x->st.rc)
			goto done;
		if (n_targets == 1)
			error_at(x, x->loc, "cannot drop %s because other objects depend on it",
				 what);
		else
			error_at(x, x->loc,
				 "cannot drop desired object(s) because other objects depend on "
				 "them");
		for (size_t i = 0; i < detail.n; i++)
			plumb_error_add_detail(x->st.ctx, "%s", (const char *)detail.items[i]);
		plumb_error_set_hint(x->st.ctx,
				     "Use DROP ... CASCADE to drop the dependent objects too.");
		goto done;
	}
	remove_nodes(&ix);
	ok = !x->st.rc;
done:
	if (ix.w)
		plumb_arena_free(ix.w);
	if (!ok)
		drop_forget_index(x);
	return ok;
}

void drop_forget_index(ox *x)
{
	if (!x->deps)
		return;
	plumb_arena_free(x->deps->a);
	x->deps = NULL;
}
