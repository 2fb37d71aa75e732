/*
 * The scope of the hazard classifier (hazard.c): the schema a statement runs
 * against, as the statements before it in the same script have left it. It
 * starts from a catalog (or from nothing known, when every relation a
 * statement names is taken to exist), looks names up by hash, and records
 * only what classifying needs: relations created, dropped or renamed; columns
 * added, dropped, renamed, retyped or made NOT NULL; indexes; enums and their
 * labels, domains and other types; sequences; the volatility of functions;
 * CHECK (col IS NOT NULL) constraints and whether they are valid. It is no
 * catalog builder (offline.c is) and reads no statement itself.
 */
#include <string.h>

#include "dialect/pg/hazard.h"
#include "util/map.h"

/* --- the scope --------------------------------------------------------- */

struct plumb_pg_scope {
	plumb_ctx *ctx;
	plumb_arena *arena;
	const plumb_catalog *before;
	plumb_map *rels;    /* key(schema, name) -> plumb_pg_rel * (NULL: dropped) */
	plumb_map *indexes; /* key(schema, name) -> plumb_pg_rel * it is on */
	plumb_map *types;   /* key(schema, name) -> plumb_pg_type * */
	plumb_map *funcs;   /* key(schema, name) and key("", name) -> func * */
	plumb_map *seqs;    /* key(schema, name) -> "b" (before's) or "s" (the script's) */
};

typedef struct func {
	bool is_volatile, known; /* known: is_volatile was read */
	plumb_vec objs;		 /* const plumb_object *: before's functions of the name */
} func;

static const char *schema_or_public(const char *schema)
{
	return schema && *schema ? schema : "public";
}

static const char *key(plumb_pg_scope *sc, const char *schema, const char *name)
{
	return plumb_arena_printf(sc->arena, "%s\x1f%s", schema_or_public(schema), name);
}

static int nomem(plumb_pg_scope *sc)
{
	return plumb_error_nomem(sc->ctx);
}

bool plumb__pg_scope_knows(const plumb_pg_scope *sc)
{
	return sc->before != NULL;
}

const char *plumb__pg_scope_display(plumb_pg_scope *sc, const char *schema, const char *name)
{
	if (!schema || !*schema || strcmp(schema, "public") == 0)
		return name;
	const char *s = plumb_arena_printf(sc->arena, "%s.%s", schema, name);
	return s ? s : name;
}

static plumb_pg_rel *new_rel(plumb_pg_scope *sc, const char *schema, const char *name, char kind)
{
	plumb_pg_rel *r = plumb_arena_alloc(sc->arena, sizeof(*r));
	if (!r)
		return NULL;
	*r = (plumb_pg_rel){0};
	r->schema = plumb_arena_strdup(sc->arena, schema_or_public(schema));
	r->name = plumb_arena_strdup(sc->arena, name);
	r->kind = kind;
	const char *k = key(sc, schema, name);
	if (!r->schema || !r->name || !k || plumb_map_put(sc->rels, k, NULL, NULL, r))
		return NULL;
	return r;
}

/* A function's name without its argument types: "f(integer)" -> "f". */
static const char *func_base(plumb_pg_scope *sc, const char *name)
{
	const char *paren = strchr(name, '(');
	return paren ? plumb_arena_strndup(sc->arena, name, (size_t)(paren - name)) : name;
}

static func *func_entry(plumb_pg_scope *sc, const char *k)
{
	func *f = k ? plumb_map_get(sc->funcs, k, NULL, NULL) : NULL;
	if (f || !k)
		return f;
	if (!(f = plumb_arena_alloc(sc->arena, sizeof(*f))))
		return NULL;
	*f = (func){0};
	return plumb_map_put(sc->funcs, k, NULL, NULL, f) ? NULL : f;
}

static int add_before_object(plumb_pg_scope *sc, const plumb_object *o)
{
	switch (o->kind) {
	case PLUMB_OBJ_ENUM:
	case PLUMB_OBJ_DOMAIN:
	case PLUMB_OBJ_TYPE: {
		char kind = o->kind == PLUMB_OBJ_ENUM	  ? 'e'
			    : o->kind == PLUMB_OBJ_DOMAIN ? 'd'
							  : 't';
		if (plumb__pg_scope_add_type(sc, o->schema, o->name, kind, &o->values, NULL))
			return -1;
		const char *k = key(sc, o->schema, o->name);
		plumb_pg_type *t = k ? plumb_map_get(sc->types, k, NULL, NULL) : NULL;
		if (!k)
			return -1;
		if (t)
			t->obj = o;
		return 0;
	}
	case PLUMB_OBJ_SEQUENCE: {
		const char *k = key(sc, o->schema, o->name);
		return k ? plumb_map_put(sc->seqs, k, NULL, NULL, "b") : -1;
	}
	case PLUMB_OBJ_FUNCTION: {
		const char *base = func_base(sc, o->name);
		func *a = base ? func_entry(sc, key(sc, o->schema, base)) : NULL;
		func *b =
			base ? func_entry(sc, plumb_arena_printf(sc->arena, "\x1f%s", base)) : NULL;
		if (!a || !b || plumb_vec_push(sc->arena, &a->objs, (void *)o) ||
		    plumb_vec_push(sc->arena, &b->objs, (void *)o))
			return -1;
		return 0;
	}
	default:
		return 0;
	}
}

int plumb__pg_scope_new(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *before,
			plumb_pg_scope **out)
{
	plumb_pg_scope *sc = plumb_arena_alloc(arena, sizeof(*sc));
	int rc = 0;

	*out = NULL;
	if (!sc)
		return plumb_error_nomem(ctx);
	*sc = (plumb_pg_scope){.ctx = ctx, .arena = arena, .before = before};
	if (!(sc->rels = plumb_map_new(arena, false)) ||
	    !(sc->indexes = plumb_map_new(arena, false)) ||
	    !(sc->types = plumb_map_new(arena, false)) ||
	    !(sc->funcs = plumb_map_new(arena, false)) || !(sc->seqs = plumb_map_new(arena, false)))
		goto nomem;
	for (size_t i = 0; before && i < before->tables.n; i++) {
		const plumb_table *t = before->tables.items[i];
		plumb_pg_rel *r = new_rel(sc, t->schema, t->name, 'r');
		if (!r)
			goto nomem;
		r->table = t;
	}
	for (size_t i = 0; before && i < before->views.n; i++) {
		const plumb_view *v = before->views.items[i];
		if (!new_rel(sc, v->schema, v->name, v->materialized ? 'm' : 'v'))
			goto nomem;
	}
	for (size_t i = 0; before && i < before->indexes.n; i++) {
		const plumb_index *ix = before->indexes.items[i];
		if (plumb__pg_scope_add_index(sc, ix->schema, ix->name, ix->table))
			goto nomem;
	}
	for (size_t i = 0; before && i < before->objects.n; i++)
		if (add_before_object(sc, before->objects.items[i]))
			goto nomem;
	*out = sc;
	return rc;
nomem:
	return nomem(sc);
}

plumb_pg_rel *plumb__pg_scope_rel(plumb_pg_scope *sc, const char *schema, const char *name)
{
	const char *k = key(sc, schema, name);
	void *r;
	if (k && plumb_map_find(sc->rels, k, NULL, NULL, &r))
		return r; /* NULL: dropped */
	if (!sc->before && k)
		return new_rel(sc, schema, name, 'r'); /* NULL when out of memory: none */
	return NULL;
}

static plumb_pg_col *changed_col(const plumb_pg_rel *rel, const char *name)
{
	for (size_t i = rel->cols.n; i-- > 0;) {
		plumb_pg_col *c = rel->cols.items[i];
		if (strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

bool plumb__pg_scope_col(plumb_pg_scope *sc, const plumb_pg_rel *rel, const char *name,
			 plumb_pg_col *out)
{
	const plumb_pg_col *c = changed_col(rel, name);
	*out = (plumb_pg_col){.name = name};
	if (c) {
		*out = *c;
		return !c->gone;
	}
	if (rel->table) {
		const plumb_column *col = plumb_table_find_column(sc->before, rel->table, name);
		if (!col)
			return false;
		out->orig = col->name;
		out->type = col->type;
		out->collation = col->collation;
		out->not_null = col->not_null;
		out->known = true;
		return true;
	}
	return !sc->before || !rel->fresh; /* a made-up relation's column */
}

int plumb__pg_scope_set_col(plumb_pg_scope *sc, plumb_pg_rel *rel, const plumb_pg_col *col)
{
	plumb_pg_col *c = plumb_arena_alloc(sc->arena, sizeof(*c));
	if (!c)
		return nomem(sc);
	*c = *col;
	if (!(c->name = plumb_arena_strdup(sc->arena, col->name)) ||
	    plumb_vec_push(sc->arena, &rel->cols, c))
		return nomem(sc);
	return 0;
}

plumb_pg_rel *plumb__pg_scope_index_rel(plumb_pg_scope *sc, const char *schema, const char *name)
{
	const char *k = key(sc, schema, name);
	plumb_pg_rel *r = k ? plumb_map_get(sc->indexes, k, NULL, NULL) : NULL;
	return r && !r->gone ? r : NULL;
}

int plumb__pg_scope_add_index(plumb_pg_scope *sc, const char *schema, const char *name,
			      const char *table)
{
	const char *k = key(sc, schema, name);
	plumb_pg_rel *r = plumb__pg_scope_rel(sc, schema, table);
	if (!k || (r && plumb_map_put(sc->indexes, k, NULL, NULL, r)))
		return nomem(sc);
	return 0;
}

void plumb__pg_scope_drop_index(plumb_pg_scope *sc, const char *schema, const char *name)
{
	const char *k = key(sc, schema, name);
	if (k)
		plumb_map_del(sc->indexes, k, NULL, NULL, NULL);
}

int plumb__pg_scope_rename_index(plumb_pg_scope *sc, const char *schema, const char *name,
				 const char *to)
{
	const char *k = key(sc, schema, name), *nk = key(sc, schema, to);
	plumb_pg_rel *r = k ? plumb_map_get(sc->indexes, k, NULL, NULL) : NULL;
	if (!k || !nk)
		return nomem(sc);
	if (!r)
		return 0;
	plumb_map_del(sc->indexes, k, NULL, NULL, NULL);
	return plumb_map_put(sc->indexes, nk, NULL, NULL, r) ? nomem(sc) : 0;
}

int plumb__pg_scope_create_rel(plumb_pg_scope *sc, const char *schema, const char *name, char kind)
{
	plumb_pg_rel *r = new_rel(sc, schema, name, kind);
	if (!r)
		return nomem(sc);
	r->fresh = true;
	return 0;
}

void plumb__pg_scope_drop_rel(plumb_pg_scope *sc, const char *schema, const char *name)
{
	const char *k = key(sc, schema, name);
	plumb_pg_rel *r = k ? plumb_map_get(sc->rels, k, NULL, NULL) : NULL;
	if (r)
		r->gone = true; /* its indexes went with it */
	if (k)
		plumb_map_del(sc->rels, k, NULL, NULL, NULL);
	if (!sc->before && k && plumb_map_put(sc->rels, k, NULL, NULL, NULL)) /* no longer made up */
		nomem(sc);
}

int plumb__pg_scope_rename_rel(plumb_pg_scope *sc, plumb_pg_rel *rel, const char *name)
{
	const char *k = key(sc, rel->schema, rel->name), *nk = key(sc, rel->schema, name);
	if (!k || !nk)
		return nomem(sc);
	plumb_map_del(sc->rels, k, NULL, NULL, NULL); /* its indexes point at it still */
	if (!(rel->name = plumb_arena_strdup(sc->arena, name)) ||
	    plumb_map_put(sc->rels, nk, NULL, NULL, rel))
		return nomem(sc);
	return 0;
}

/* Splits a type's format_type() spelling into schema and name, array
 * brackets and modifiers left out, double quotes removed. */
static void split_type(plumb_pg_scope *sc, const char *text, const char **schema, const char **name)
{
	plumb_buf part[2];
	int n = 0;
	bool q = false;
	plumb_buf_init(&part[0], sc->arena, 0);
	plumb_buf_init(&part[1], sc->arena, 0);
	for (const char *s = text; *s; s++) {
		if (*s == '"') {
			if (q && s[1] == '"') {
				plumb_buf_putc(&part[n], '"');
				s++;
			} else {
				q = !q;
			}
		} else if (!q && *s == '.' && n == 0) {
			n = 1;
		} else if (!q && (*s == '[' || *s == '(')) {
			break;
		} else {
			plumb_buf_putc(&part[n], *s);
		}
	}
	*schema = n ? plumb_buf_str(&part[0]) : "public";
	*name = plumb_buf_str(&part[n]);
}

plumb_pg_type *plumb__pg_scope_type(plumb_pg_scope *sc, const char *text)
{
	const char *schema, *name;
	if (!text)
		return NULL;
	split_type(sc, text, &schema, &name);
	const char *k = key(sc, schema, name);
	plumb_pg_type *t = k ? plumb_map_get(sc->types, k, NULL, NULL) : NULL;
	if (t && t->kind == 'd' && !t->base && t->obj) {
		/* the base type of one of before's domains, from its definition */
		const char *def = t->obj->sql ? t->obj->sql : t->obj->definition;
		PgQuery__ParseResult *pr = NULL;
		if (def && plumb__pg_parse(sc->ctx, sc->arena, def, NULL, &pr, NULL) == 0 &&
		    pr->n_stmts && pr->stmts[0]->stmt &&
		    pr->stmts[0]->stmt->node_case == PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT) {
			char *base = NULL;
			if (plumb__pg_type_text(sc->ctx, sc->arena,
						pr->stmts[0]->stmt->create_domain_stmt->type_name,
						&base) == 0)
				t->base = base;
		}
		plumb_error_clear(sc->ctx); /* a definition that does not parse: base not known */
	}
	return t;
}

int plumb__pg_scope_add_type(plumb_pg_scope *sc, const char *schema, const char *name, char kind,
			     const plumb_vec *labels, const char *base)
{
	plumb_pg_type *t = plumb_arena_alloc(sc->arena, sizeof(*t));
	const char *k = key(sc, schema, name);
	if (!t || !k)
		return nomem(sc);
	*t = (plumb_pg_type){.kind = kind, .base = base};
	t->schema = plumb_arena_strdup(sc->arena, schema_or_public(schema));
	t->name = plumb_arena_strdup(sc->arena, name);
	for (size_t i = 0; labels && i < labels->n; i++)
		if (plumb_vec_push(sc->arena, &t->labels, labels->items[i]))
			return nomem(sc);
	if (!t->schema || !t->name || plumb_map_put(sc->types, k, NULL, NULL, t))
		return nomem(sc);
	return 0;
}

void plumb__pg_scope_drop_type(plumb_pg_scope *sc, const char *schema, const char *name)
{
	const char *k = key(sc, schema, name);
	if (k)
		plumb_map_del(sc->types, k, NULL, NULL, NULL);
}

int plumb__pg_scope_rename_type(plumb_pg_scope *sc, plumb_pg_type *t, const char *name)
{
	const char *k = key(sc, t->schema, t->name), *nk = key(sc, t->schema, name);
	if (!k || !nk)
		return nomem(sc);
	plumb_map_del(sc->types, k, NULL, NULL, NULL);
	if (!(t->name = plumb_arena_strdup(sc->arena, name)) || plumb_map_put(sc->types, nk, NULL, NULL, t))
		return nomem(sc);
	return 0;
}

bool plumb__pg_declared_volatile(const PgQuery__CreateFunctionStmt *f)
{
	for (size_t i = 0; i < f->n_options; i++) {
		const PgQuery__Node *o = f->options[i];
		if (o->node_case != PG_QUERY__NODE__NODE_DEF_ELEM ||
		    strcmp(o->def_elem->defname, "volatility") != 0)
			continue;
		const char *v = plumb__pg_strval(o->def_elem->arg);
		return !v || strcmp(v, "volatile") == 0;
	}
	return true;
}

/* The volatility of before's functions of f, as the catalog holds it (any
 * overload volatile: volatile). */
static void read_volatility(func *f)
{
	f->known = true;
	for (size_t i = 0; i < f->objs.n && !f->is_volatile; i++)
		f->is_volatile =
			((const plumb_object *)f->objs.items[i])->volatility == PLUMB_VOLATILE;
}

int plumb__pg_scope_func_volatile(plumb_ctx *ctx, plumb_pg_scope *sc, const char *schema,
				  const char *name)
{
	const char *k = schema && *schema ? key(sc, schema, name)
					  : plumb_arena_printf(sc->arena, "\x1f%s", name);
	if (!k)
		return plumb_error_nomem(ctx);
	func *f = plumb_map_get(sc->funcs, k, NULL, NULL);
	if (!f)
		return 0;
	if (!f->known)
		read_volatility(f);
	return f->is_volatile ? 1 : 0;
}

int plumb__pg_scope_add_func(plumb_pg_scope *sc, const char *schema, const char *name,
			     bool is_volatile)
{
	func *a = func_entry(sc, key(sc, schema, name));
	func *b = func_entry(sc, plumb_arena_printf(sc->arena, "\x1f%s", name));
	if (!a || !b)
		return nomem(sc);
	/* CREATE OR REPLACE: the new definition is the one that counts */
	*a = (func){.is_volatile = is_volatile, .known = true};
	b->known = true;
	b->is_volatile |= is_volatile;
	return 0;
}

bool plumb__pg_scope_sequence(plumb_pg_scope *sc, const char *schema, const char *name)
{
	const char *k = key(sc, schema, name);
	const char *v = k ? plumb_map_get(sc->seqs, k, NULL, NULL) : NULL;
	if (!sc->before)
		return !v || strcmp(v, "b") == 0;
	return v && strcmp(v, "b") == 0;
}

int plumb__pg_scope_add_sequence(plumb_pg_scope *sc, const char *schema, const char *name)
{
	const char *k = key(sc, schema, name);
	return !k || plumb_map_put(sc->seqs, k, NULL, NULL, "s") ? nomem(sc) : 0;
}

void plumb__pg_scope_drop_sequence(plumb_pg_scope *sc, const char *schema, const char *name)
{
	const char *k = key(sc, schema, name);
	if (k && plumb_map_put(sc->seqs, k, NULL, NULL, "s")) /* gone: nothing left to lose */
		nomem(sc);
}

int plumb__pg_scope_add_check(plumb_pg_scope *sc, plumb_pg_rel *rel, const char *name,
			      const char *column, bool valid)
{
	plumb_pg_check *c = plumb_arena_alloc(sc->arena, sizeof(*c));
	if (!c)
		return nomem(sc);
	c->name = plumb_arena_strdup(sc->arena, name);
	c->column = plumb_arena_strdup(sc->arena, column);
	c->valid = valid;
	if (!c->name || !c->column || plumb_vec_push(sc->arena, &rel->checks, c))
		return nomem(sc);
	return 0;
}

const plumb_pg_check *plumb__pg_scope_check(const plumb_pg_rel *rel, const char *name)
{
	for (size_t i = 0; i < rel->checks.n; i++) {
		const plumb_pg_check *c = rel->checks.items[i];
		if (strcmp(c->name, name) == 0)
			return c;
	}
	return NULL;
}

void plumb__pg_scope_check_state(plumb_pg_scope *sc, plumb_pg_rel *rel, const char *name,
				 bool valid)
{
	(void)sc;
	for (size_t i = 0; i < rel->checks.n; i++) {
		plumb_pg_check *c = rel->checks.items[i];
		if (strcmp(c->name, name) != 0)
			continue;
		if (valid)
			c->valid = true;
		else
			plumb_vec_remove(&rel->checks, i);
		return;
	}
}

/* The column expr tests IS NOT NULL (alone or as one term of an AND), or
 * NULL. */
static const char *not_null_column(const PgQuery__Node *expr, const char *want)
{
	if (!expr)
		return NULL;
	if (expr->node_case == PG_QUERY__NODE__NODE_BOOL_EXPR &&
	    expr->bool_expr->boolop == PG_QUERY__BOOL_EXPR_TYPE__AND_EXPR) {
		for (size_t i = 0; i < expr->bool_expr->n_args; i++) {
			const char *c = not_null_column(expr->bool_expr->args[i], want);
			if (c)
				return c;
		}
		return NULL;
	}
	if (expr->node_case != PG_QUERY__NODE__NODE_NULL_TEST ||
	    expr->null_test->nulltesttype != PG_QUERY__NULL_TEST_TYPE__IS_NOT_NULL ||
	    !expr->null_test->arg ||
	    expr->null_test->arg->node_case != PG_QUERY__NODE__NODE_COLUMN_REF)
		return NULL;
	const PgQuery__ColumnRef *cr = expr->null_test->arg->column_ref;
	const char *c = cr->n_fields ? plumb__pg_strval(cr->fields[cr->n_fields - 1]) : NULL;
	return c && (!want || strcmp(c, want) == 0) ? c : NULL;
}

const char *plumb__pg_not_null_column(const PgQuery__Node *expr)
{
	return not_null_column(expr, NULL);
}

bool plumb__pg_scope_proven_not_null(plumb_ctx *ctx, plumb_pg_scope *sc, const plumb_pg_rel *rel,
				     const char *col)
{
	plumb_pg_col now;
	for (size_t i = 0; i < rel->checks.n; i++) {
		const plumb_pg_check *c = rel->checks.items[i];
		if (c->valid && strcmp(c->column, col) == 0)
			return true;
	}
	/* before's valid checks on the column under its name then */
	if (!rel->table || !plumb__pg_scope_col(sc, rel, col, &now) || !now.orig)
		return false;
	for (size_t i = 0; i < rel->table->constraints.n; i++) {
		const plumb_constraint *k = rel->table->constraints.items[i];
		PgQuery__ParseResult *pr = NULL;
		if (k->kind != PLUMB_CON_CHECK || k->not_valid || !k->check_sql ||
		    plumb__pg_scope_check(rel, k->name ? k->name : "") /* the script's now */)
			continue;
		const char *sql = plumb_arena_printf(sc->arena, "SELECT %s", k->check_sql);
		if (!sql || plumb__pg_parse(ctx, sc->arena, sql, NULL, &pr, NULL)) {
			plumb_error_clear(ctx);
			continue;
		}
		const PgQuery__Node *st = pr->n_stmts ? pr->stmts[0]->stmt : NULL;
		if (st && st->node_case == PG_QUERY__NODE__NODE_SELECT_STMT &&
		    st->select_stmt->n_target_list &&
		    st->select_stmt->target_list[0]->node_case == PG_QUERY__NODE__NODE_RES_TARGET &&
		    not_null_column(st->select_stmt->target_list[0]->res_target->val, now.orig))
			return true;
	}
	return false;
}
