/*
 * The planner's operator families and classes. A family is created with
 * the members none of its classes takes (ALTER OPERATOR FAMILY ... ADD),
 * each class with those of its type (left and right) after it; a family
 * that only gains members is altered in place. Any other change to a
 * family or to one of its classes drops the classes and the family and
 * creates them again, in the middle phase where the functions, operators
 * and types they use exist; the indexes naming one of its classes are
 * dropped before (phase 2) and built again after (phase 5). A family or
 * class renamed by an annotation, its members kept, is renamed in place
 * with the indexes naming it kept. It reads the canonical texts opclass.c
 * writes. Families, classes and their changes are found by family key in
 * hashes made once (opc_index), so that no lookup scans the catalogs or the
 * diff.
 */
#include <stdio.h>
#include <string.h>

#include "dialect/pg/opclass.h"
#include "dialect/pg/plan_int.h"

/* The family key of a class ("schema.f USING am"), or NULL. */
static const char *family_of(const plumb_object *c)
{
	return c && c->kind == PLUMB_OBJ_OPCLASS && c->depends.n ? c->depends.items[0] : NULL;
}

static const char *family_key(planner *p, const plumb_object *f)
{
	return plumb__pgp_fmt(p, "%s.%s", f->schema, f->name);
}

/* --- the index ------------------------------------------------------------------------------ */

/* By family key ("schema.f USING am"), each a plumb_vec * in catalog or
 * diff order: [0] of `from`, [1] of `to`. */
typedef struct opc_index {
	plumb_map *fams[2];	     /* the families of that key */
	plumb_map *classes[2];	     /* the classes in the family */
	plumb_map *class_changes[2]; /* the class changes whose from [0] / to [1] is in it */
	plumb_map *renamed;	     /* of from: the family changes renaming it by an
				      * annotation (plumb_change *, the first) */
	plumb_map *assigned;	     /* "%p" of a family of `to` -> assign()'s answer */
} opc_index;

/* Appends v to the list of key k in m. */
static void list_add(planner *p, plumb_map *m, const char *k, void *v)
{
	plumb_vec *l = k ? plumb_map_get(m, k, NULL, NULL) : NULL;
	if (!k)
		return;
	if (!l && (!(l = plumb_arena_alloc(p->tmp, sizeof(*l))) ||
		   plumb_map_put(m, k, NULL, NULL, l) < 0)) {
		plumb__pgp_nomem(p);
		return;
	}
	if (plumb_vec_push(p->tmp, l, v) < 0)
		plumb__pgp_nomem(p);
}

static const plumb_vec *list_of(const plumb_map *m, const char *k)
{
	static const plumb_vec none;
	const plumb_vec *l = m && k ? plumb_map_get(m, k, NULL, NULL) : NULL;
	return l ? l : &none;
}

/* The index, made on the first call; NULL when out of memory. */
static opc_index *ix_of(planner *p)
{
	if (p->opc)
		return p->opc;
	opc_index *x = plumb_arena_alloc(p->tmp, sizeof(*x));
	if (!x || !(x->renamed = plumb_map_new(p->tmp, false)) ||
	    !(x->assigned = plumb_map_new(p->tmp, false))) {
		plumb__pgp_nomem(p);
		return NULL;
	}
	for (int side = 0; side < 2; side++) {
		if (!(x->fams[side] = plumb_map_new(p->tmp, false)) ||
		    !(x->classes[side] = plumb_map_new(p->tmp, false)) ||
		    !(x->class_changes[side] = plumb_map_new(p->tmp, false))) {
			plumb__pgp_nomem(p);
			return NULL;
		}
		const plumb_vec *fs = &p->kinds[side][PLUMB_OBJ_OPFAMILY];
		for (size_t i = 0; i < fs->n; i++)
			list_add(p, x->fams[side], family_key(p, fs->items[i]), fs->items[i]);
		const plumb_vec *cs = &p->kinds[side][PLUMB_OBJ_OPCLASS];
		for (size_t i = 0; i < cs->n; i++)
			list_add(p, x->classes[side], family_of(cs->items[i]), cs->items[i]);
	}
	const plumb_vec *ch = &p->diff->changes;
	for (size_t i = 0; i < ch->n; i++) {
		plumb_change *c = ch->items[i];
		if (c->kind == PLUMB_OBJ_OPFAMILY && c->renamed && c->from) {
			const char *k = family_key(p, c->from);
			if (k && !plumb_map_find(x->renamed, k, NULL, NULL, NULL) &&
			    plumb_map_put(x->renamed, k, NULL, NULL, c) < 0)
				plumb__pgp_nomem(p);
		}
		if (c->kind != PLUMB_OBJ_OPCLASS)
			continue;
		if (c->from)
			list_add(p, x->class_changes[0], family_of(c->from), c);
		if (c->to)
			list_add(p, x->class_changes[1], family_of(c->to), c);
	}
	return p->opc = x; /* what failed is sticky in p->st */
}

/* The list of key fk in map m of the index (an empty one when none). */
#define LIST(p, m, side, fk) list_of(ix_of(p) ? (p)->opc->m[side] : NULL, fk)

/* "s"."name" USING am of o; NULL when its name has no USING. */
static const char *target(planner *p, const plumb_object *o)
{
	const char *base, *am;
	if (!plumb__pg_opc_split(p->tmp, o->name, &base, &am))
		return NULL;
	return plumb__pgp_fmt(p, "%s USING %s", plumb__pgp_Q(p, o->schema, base), am);
}

/* The text of a class header between "FOR TYPE " and " USING ": its type. */
static const char *class_type(planner *p, const plumb_object *c)
{
	const char *d = plumb__pgp_obj_sql(c);
	const char *s = d ? strstr(d, " FOR TYPE ") : NULL;
	const char *e = s ? strstr(s, " USING ") : NULL;
	return e ? plumb_arena_strndup(p->tmp, s + 10, (size_t)(e - s - 10)) : NULL;
}

/* The types of a member line: "OPERATOR 1 < (l, r)...", "FUNCTION 1 (l, r) f(...)". */
static bool member_types(planner *p, const char *line, const char **left, const char **right)
{
	const char *o = strncmp(line, "OPERATOR ", 9) == 0 ? strstr(line, " (") : strchr(line, '(');
	if (!o)
		return false;
	o += line[0] == 'O' ? 2 : 1;
	const char *comma = strstr(o, ", "), *close = comma ? strchr(comma, ')') : NULL;
	if (!close)
		return false;
	*left = plumb_arena_strndup(p->tmp, o, (size_t)(comma - o));
	*right = plumb_arena_strndup(p->tmp, comma + 2, (size_t)(close - comma - 2));
	return *left && *right;
}

/* Which class of `to` each member of family f goes with: the first (in
 * catalog order) of its type on both sides, else none (ADD); a class with
 * none takes the first member none took. out[i] per f->values. */
static void assign(planner *p, const plumb_object *f, const plumb_object **out)
{
	const plumb_vec *cs = LIST(p, classes, 1, family_key(p, f));
	for (size_t i = 0; i < f->values.n; i++)
		out[i] = NULL;
	for (size_t j = 0; j < cs->n; j++) {
		const plumb_object *c = cs->items[j];
		const char *t = class_type(p, c);
		bool any = false;
		for (size_t i = 0; i < f->values.n && t; i++) {
			const char *l, *r;
			if (!out[i] && member_types(p, f->values.items[i], &l, &r) &&
			    strcmp(l, t) == 0 && strcmp(r, t) == 0)
				out[i] = c, any = true;
		}
		for (size_t i = 0; i < f->values.n && !any; i++)
			if (!out[i])
				out[i] = c, any = true;
	}
}

/* assign()'s answer for family f of `to`, worked out once; NULL when out
 * of memory. */
static const plumb_object **assigned(planner *p, const plumb_object *f)
{
	char k[32];
	snprintf(k, sizeof(k), "%p", (const void *)f);
	if (!ix_of(p))
		return NULL;
	const plumb_object **to = plumb_map_get(p->opc->assigned, k, NULL, NULL);
	if (to)
		return to;
	const char *key = plumb_arena_strdup(p->tmp, k);
	to = plumb_arena_alloc(p->tmp, (f->values.n + 1) * sizeof(*to));
	if (!key || !to || plumb_map_put(p->opc->assigned, key, NULL, NULL, to) < 0) {
		plumb__pgp_nomem(p);
		return NULL;
	}
	assign(p, f, to);
	return to;
}

static const plumb_object *to_family(planner *p, const char *fk)
{
	const plumb_vec *fs = LIST(p, fams, 1, fk);
	return fs->n ? fs->items[0] : NULL;
}

void plumb__pgp_create_opfamily(planner *p, const plumb_object *f)
{
	plumb__pgp_emit(p, "%s", plumb__pgp_obj_sql(f));
	const plumb_object **to = assigned(p, f);
	if (!to)
		return;
	for (size_t i = 0; i < f->values.n; i++)
		if (!to[i])
			plumb__pgp_emit(p, "ALTER OPERATOR FAMILY %s ADD %s", target(p, f),
					(const char *)f->values.items[i]);
}

void plumb__pgp_create_opclass(planner *p, const plumb_object *c)
{
	const char *hdr = plumb__pgp_obj_sql(c);
	const plumb_object *f = to_family(p, family_of(c) ? family_of(c) : "");
	const char *st = hdr ? strstr(hdr, " STORAGE ") : NULL;
	plumb_buf b;
	plumb_buf_init(&b, p->tmp, 0);
	plumb_buf_printf(&b, "%.*s AS", st ? (int)(st - hdr) : (int)strlen(hdr ? hdr : ""),
			 hdr ? hdr : "");
	bool first = true;
	const plumb_object **to = f ? assigned(p, f) : NULL;
	for (size_t i = 0; f && to && i < f->values.n; i++)
		if (to[i] == c) {
			plumb_buf_printf(&b, "%s %s", first ? "" : ",",
					 (const char *)f->values.items[i]);
			first = false;
		}
	if (st)
		plumb_buf_printf(&b, "%s STORAGE %s", first ? "" : ",", st + 9);
	if (b.failed) {
		plumb__pgp_nomem(p);
		return;
	}
	plumb__pgp_emit(p, "%s", b.data);
}

void plumb__pgp_drop_opc(planner *p, const plumb_object *o)
{
	plumb__pgp_emit(p, "DROP OPERATOR %s %s", o->kind == PLUMB_OBJ_OPCLASS ? "CLASS" : "FAMILY",
			target(p, o));
}

/* --- families made again ------------------------------------------------------------------ */

static bool in_both(planner *p, const char *fk)
{
	return LIST(p, fams, 0, fk)->n && to_family(p, fk);
}

/* Does family change c only add members? */
static bool only_adds(const plumb_change *c)
{
	const plumb_object *f = c->from, *t = c->to;
	if (!plumb__pgp_str_eq(f->sql, t->sql))
		return false;
	for (size_t i = 0; i < f->values.n; i++)
		if (!plumb__pgp_vec_has(&t->values, f->values.items[i]))
			return false;
	return true;
}

static bool remade(planner *p, const char *fk)
{
	return fk && plumb__pgp_set_has(&p->recreated, plumb__pgp_fmt(p, "opfamily:%s", fk));
}

/* --- renamed in place ------------------------------------------------------------------- */

/* The change renaming family fk (of `from`) by an annotation, or NULL. */
static const plumb_change *family_rename(planner *p, const char *fk)
{
	return fk && ix_of(p) ? plumb_map_get(p->opc->renamed, fk, NULL, NULL) : NULL;
}

/* Family or class o's name split; false when it has no USING. */
static bool split(planner *p, const plumb_object *o, const char **base, const char **am)
{
	return plumb__pg_opc_split(p->tmp, o->name, base, am);
}

/* Does renamed family change c keep the family's schema, access method
 * and members (adding some at most)? */
static bool family_simple(planner *p, const plumb_change *c)
{
	const plumb_object *f = c->from, *t = c->to;
	const char *fb, *fam, *tb, *tam;
	if (strcmp(f->schema, t->schema) != 0 || !split(p, f, &fb, &fam) ||
	    !split(p, t, &tb, &tam) || strcmp(fam, tam) != 0)
		return false;
	for (size_t i = 0; i < f->values.n; i++)
		if (!plumb__pgp_vec_has(&t->values, f->values.items[i]))
			return false;
	return true;
}

/* A class header past its name and family: its type (with DEFAULT) and
 * access method in *mid, its STORAGE in *tail. */
static bool header_parts(planner *p, const plumb_object *c, const char **mid, const char **tail)
{
	const char *d = plumb__pgp_obj_sql(c);
	const char *s = d ? strstr(d, " DEFAULT FOR TYPE ") : NULL;
	if (d && !s)
		s = strstr(d, " FOR TYPE ");
	const char *fam = s ? strstr(s, " FAMILY ") : NULL;
	if (!fam)
		return false;
	const char *st = strstr(fam, " STORAGE ");
	*mid = plumb_arena_strndup(p->tmp, s, (size_t)(fam - s));
	*tail = st ? st : "";
	return *mid != NULL;
}

/* Does class change c leave the class as it is but for its name and the
 * name of its family, each renamed by an annotation? */
static bool class_kept(planner *p, const plumb_change *c)
{
	const plumb_object *f = c->from, *t = c->to;
	if (c->kind != PLUMB_OBJ_OPCLASS || c->op != PLUMB_CHANGE_ALTER ||
	    strcmp(f->schema, t->schema) != 0 || !family_of(f) || !family_of(t))
		return false;
	const plumb_change *fc = family_rename(p, family_of(f));
	const char *fk = fc ? family_key(p, fc->to) : family_of(f);
	const char *fm, *ft, *tm, *tt;
	if ((fc && !family_simple(p, fc)) || strcmp(fk, family_of(t)) != 0 ||
	    !header_parts(p, f, &fm, &ft) || !header_parts(p, t, &tm, &tt))
		return false;
	return strcmp(fm, tm) == 0 && strcmp(ft, tt) == 0;
}

/* Does renamed family change c rename the family in place: simple, and
 * each class of it that changes kept? */
static bool family_kept(planner *p, const plumb_change *c)
{
	if (!family_simple(p, c))
		return false;
	/* the class changes in it under either name */
	for (int side = 0; side < 2; side++) {
		const plumb_vec *ch =
			LIST(p, class_changes, side, family_key(p, side ? c->to : c->from));
		for (size_t i = 0; i < ch->n; i++) {
			const plumb_change *k = ch->items[i];
			if (k->op == PLUMB_CHANGE_ALTER && !class_kept(p, k))
				return false;
		}
	}
	return true;
}

/* The class of `from` named schema.name ("c USING am"), renamed in place to
 * one of `to`: that one, else NULL. */
static const plumb_object *class_renamed(planner *p, const char *schema, const char *name)
{
	const plumb_change *c = plumb__pgp_find_change(p, PLUMB_OBJ_OPCLASS, schema, name, true);
	if (!c || !c->renamed || !class_kept(p, c) || remade(p, family_of(c->from)) ||
	    remade(p, family_of(c->to)))
		return NULL;
	return c->to;
}

/* Element e of an index or exclusion constraint using access method am,
 * when it names a class renamed in place: made to name it by its new name. */
static void rename_elem(planner *p, PgQuery__IndexElem *e, const char *am)
{
	if (!e->n_opclass)
		return;
	const char *name = plumb__pg_strval(e->opclass[e->n_opclass - 1]);
	const char *schema =
		e->n_opclass > 1 ? plumb__pg_strval(e->opclass[e->n_opclass - 2]) : "public";
	const plumb_object *c = class_renamed(
		p, schema ? schema : "", plumb__pgp_fmt(p, "%s USING %s", name ? name : "", am));
	const char *base, *cam;
	PgQuery__Node *nn = c && split(p, c, &base, &cam) ? plumb__pg_string(p->tmp, base) : NULL;
	if (nn)
		e->opclass[e->n_opclass - 1] = nn;
}

/* Statement sql (one) parsed, or NULL when it cannot be read. */
static PgQuery__Node *parse_one(planner *p, const char *sql)
{
	PgQuery__ParseResult *t = NULL;
	if (!sql || plumb__pg_parse(p->ctx, p->tmp, sql, NULL, &t, NULL) < 0 || t->n_stmts != 1) {
		plumb_error_clear(p->ctx);
		return NULL;
	}
	return t->stmts[0]->stmt;
}

/* Statement s as pg_query deparses it; NULL when it cannot. */
static const char *deparsed(planner *p, PgQuery__Node *s)
{
	char *out = NULL;
	if (plumb__pg_deparse(p->ctx, p->tmp, s, &out) < 0) {
		plumb_error_clear(p->ctx);
		return NULL;
	}
	return out;
}

/* An index statement's text with pg_query's deparse, each class renamed in
 * place named by its new name when rename; NULL when it cannot be read. */
static const char *index_text(planner *p, const char *sql, bool rename)
{
	PgQuery__Node *s = parse_one(p, sql);
	if (!s || !s->index_stmt)
		return NULL;
	PgQuery__IndexStmt *is = s->index_stmt;
	const char *am = is->access_method && *is->access_method ? is->access_method : "btree";
	for (size_t i = 0; rename && i < is->n_index_params; i++) {
		PgQuery__Node *n = is->index_params[i];
		if (n->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM)
			rename_elem(p, n->index_elem, am);
	}
	return deparsed(p, s);
}

bool plumb__pgp_index_same_but_opclass(planner *p, const plumb_index *f, const plumb_index *t)
{
	const char *a = index_text(p, f->definition, true),
		   *b = index_text(p, t->definition, false);
	return a && b && strcmp(a, b) == 0;
}

/* An exclusion constraint's definition within a CREATE TABLE, deparsed by
 * pg_query, each class renamed in place named by its new name when rename;
 * NULL when it cannot be read. */
static const char *exclusion_text(planner *p, const char *def, bool rename)
{
	PgQuery__Node *s = parse_one(p, plumb__pgp_fmt(p, "CREATE TABLE x (%s)", def ? def : ""));
	if (!s || !s->create_stmt || s->create_stmt->n_table_elts != 1 ||
	    s->create_stmt->table_elts[0]->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
		return NULL;
	PgQuery__Constraint *c = s->create_stmt->table_elts[0]->constraint;
	const char *am = c->access_method && *c->access_method ? c->access_method : "btree";
	for (size_t i = 0; rename && i < c->n_exclusions; i++) {
		PgQuery__Node *pair = c->exclusions[i];
		if (pair->node_case == PG_QUERY__NODE__NODE_LIST && pair->list->n_items == 2 &&
		    pair->list->items[0]->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM)
			rename_elem(p, pair->list->items[0]->index_elem, am);
	}
	return deparsed(p, s);
}

bool plumb__pgp_exclusion_same_but_opclass(planner *p, const plumb_constraint *f,
					   const plumb_constraint *t)
{
	if (f->kind != PLUMB_CON_EXCLUDE || t->kind != PLUMB_CON_EXCLUDE ||
	    !plumb__pgp_str_eq(f->name, t->name))
		return false;
	const char *a = exclusion_text(p, f->definition, true),
		   *b = exclusion_text(p, t->definition, false);
	return a && b && strcmp(a, b) == 0;
}

/* Does index ix of `from` name a class of a family made again, or one
 * dropped? */
static bool uses_remade(planner *p, const plumb_index *ix)
{
	PgQuery__ParseResult *t = NULL;
	if (!ix->sql || plumb__pg_parse(p->ctx, p->tmp, ix->sql, NULL, &t, NULL) < 0 ||
	    t->n_stmts != 1 || !t->stmts[0]->stmt->index_stmt) {
		plumb_error_clear(p->ctx);
		return false;
	}
	PgQuery__IndexStmt *is = t->stmts[0]->stmt->index_stmt;
	const char *am = is->access_method && *is->access_method ? is->access_method : "btree";
	for (size_t i = 0; i < is->n_index_params; i++) {
		const PgQuery__Node *n = is->index_params[i];
		if (n->node_case != PG_QUERY__NODE__NODE_INDEX_ELEM || !n->index_elem->n_opclass)
			continue;
		PgQuery__IndexElem *e = n->index_elem;
		const char *name = plumb__pg_strval(e->opclass[e->n_opclass - 1]);
		const char *schema =
			e->n_opclass > 1 ? plumb__pg_strval(e->opclass[e->n_opclass - 2]) : "public";
		const char *cn = plumb__pgp_fmt(p, "%s USING %s", name ? name : "", am);
		const plumb_object *c = plumb_catalog_find(p->from, PLUMB_OBJ_OPCLASS, schema, cn);
		if (!c)
			continue;
		const plumb_change *ch =
			plumb__pgp_find_change(p, PLUMB_OBJ_OPCLASS, c->schema, c->name, true);
		if ((ch && ch->op == PLUMB_CHANGE_DROP) || remade(p, family_of(c)))
			return true;
	}
	return false;
}

static size_t n_recreated(const planner *p)
{
	return p->recreated ? plumb_map_count(p->recreated) : 0;
}

void plumb__pgp_mark_opclasses(planner *p)
{
	const plumb_vec *ch = &p->diff->changes;
	/* a family made again or a class dropped: else no index needs a look */
	size_t marks = n_recreated(p);
	bool dropped = false;
	for (size_t i = 0; i < ch->n; i++) {
		const plumb_change *c = ch->items[i];
		const char *fk = NULL;
		if (c->kind == PLUMB_OBJ_OPCLASS && c->op == PLUMB_CHANGE_DROP)
			dropped = true;
		if (c->kind == PLUMB_OBJ_OPFAMILY && c->renamed) {
			/* renamed in place, else made again under both names */
			if (!family_kept(p, c)) {
				plumb__pgp_set_add(
					p, &p->recreated,
					plumb__pgp_fmt(p, "opfamily:%s", family_key(p, c->from)));
				plumb__pgp_set_add(
					p, &p->recreated,
					plumb__pgp_fmt(p, "opfamily:%s", family_key(p, c->to)));
			}
			continue;
		}
		if (class_kept(p, c))
			continue;
		if (c->kind == PLUMB_OBJ_OPFAMILY && c->op == PLUMB_CHANGE_ALTER && !only_adds(c))
			fk = family_key(p, c->from);
		else if (c->kind == PLUMB_OBJ_OPCLASS)
			fk = family_of(c->to ? c->to : c->from);
		if (fk && in_both(p, fk))
			plumb__pgp_set_add(p, &p->recreated, plumb__pgp_fmt(p, "opfamily:%s", fk));
		/* a class moved to another family: both */
		if (c->kind == PLUMB_OBJ_OPCLASS && c->from && c->to &&
		    !plumb__pgp_str_eq(family_of(c->from), family_of(c->to)) &&
		    in_both(p, family_of(c->from)))
			plumb__pgp_set_add(p, &p->recreated,
					   plumb__pgp_fmt(p, "opfamily:%s", family_of(c->from)));
	}
	if (!dropped && n_recreated(p) == marks)
		return;
	/* the indexes naming their classes go, and come again */
	for (size_t i = 0; i < p->from->indexes.n && !p->st.rc; i++) {
		const plumb_index *ix = p->from->indexes.items[i];
		const plumb_change *c =
			plumb__pgp_find_change(p, PLUMB_OBJ_INDEX, ix->schema, ix->name, true);
		if ((c && (c->op == PLUMB_CHANGE_DROP || !plumb__pgp_index_kept(p, c))) ||
		    !uses_remade(p, ix))
			continue;
		plumb__pgp_set_add(p, &p->recreated,
				   plumb__pgp_recreated_key(p, "index", ix->schema, ix->name));
	}
}

bool plumb__pgp_opc_goes_with_family(planner *p, const plumb_object *o)
{
	const char *fk = o->kind == PLUMB_OBJ_OPCLASS ? family_of(o) : family_key(p, o);
	return remade(p, fk);
}

/* Family fk dropped with its classes and created again with those of
 * `to`, once. */
static void remake(planner *p, const char *fk)
{
	const char *done = plumb__pgp_fmt(p, "opfamily-done:%s", fk);
	if (plumb__pgp_set_has(&p->recreated, done))
		return;
	plumb__pgp_set_add(p, &p->recreated, done);
	const plumb_vec *cs = LIST(p, classes, 0, fk);
	for (size_t i = 0; i < cs->n; i++)
		plumb__pgp_drop_opc(p, cs->items[i]);
	const plumb_vec *fs = LIST(p, fams, 0, fk);
	for (size_t i = 0; i < fs->n; i++)
		plumb__pgp_drop_opc(p, fs->items[i]);
	const plumb_object *f = to_family(p, fk);
	if (!f)
		return;
	plumb__pgp_create_opfamily(p, f);
	cs = LIST(p, classes, 1, fk);
	for (size_t i = 0; i < cs->n; i++)
		plumb__pgp_create_opclass(p, cs->items[i]);
}

bool plumb__pgp_opc_change(planner *p, const plumb_change *c)
{
	if (c->kind != PLUMB_OBJ_OPFAMILY && c->kind != PLUMB_OBJ_OPCLASS)
		return false;
	const plumb_object *o = c->to ? c->to : c->from;
	const char *fk = o->kind == PLUMB_OBJ_OPCLASS ? family_of(o) : family_key(p, o);
	if (c->kind == PLUMB_OBJ_OPFAMILY && c->renamed && remade(p, fk)) {
		/* made again: dropped under its old name, created under the new */
		remake(p, family_key(p, c->from));
		remake(p, fk);
		return true;
	}
	if (remade(p, fk)) {
		remake(p, fk);
		return true;
	}
	if (c->kind == PLUMB_OBJ_OPCLASS && c->from && c->to && remade(p, family_of(c->from))) {
		remake(p, family_of(c->from));
		return true;
	}
	if (c->op == PLUMB_CHANGE_CREATE) {
		if (c->kind == PLUMB_OBJ_OPFAMILY)
			plumb__pgp_create_opfamily(p, c->to);
		else
			plumb__pgp_create_opclass(p, c->to);
		return true;
	}
	const plumb_object *f = c->from, *t = c->to;
	const char *base, *am;
	if (c->renamed && (c->kind == PLUMB_OBJ_OPFAMILY || class_kept(p, c)) &&
	    split(p, t, &base, &am))
		plumb__pgp_emit(p, "ALTER OPERATOR %s %s RENAME TO %s",
				c->kind == PLUMB_OBJ_OPCLASS ? "CLASS" : "FAMILY", target(p, f),
				plumb__pgp_qi(p, base));
	if (class_kept(p, c))
		return true; /* its family's name alone changed, or its own */
	if (c->op != PLUMB_CHANGE_ALTER || c->kind != PLUMB_OBJ_OPFAMILY)
		return false;
	/* members added */
	for (size_t i = 0; i < t->values.n; i++)
		if (!plumb__pgp_vec_has(&f->values, t->values.items[i]))
			plumb__pgp_emit(p, "ALTER OPERATOR FAMILY %s ADD %s", target(p, t),
					(const char *)t->values.items[i]);
	return true;
}

void plumb__pgp_opc_keys(planner *p, const plumb_object *o, plumb_vec *v)
{
	if (o->kind == PLUMB_OBJ_OPFAMILY)
		plumb__pgp_vec_add(p, v, plumb__pgp_fmt(p, "opfamily:%s", family_key(p, o)));
	else if (o->kind == PLUMB_OBJ_OPCLASS)
		plumb__pgp_vec_add(p, v, plumb__pgp_fmt(p, "opclass:%s.%s", o->schema, o->name));
}

void plumb__pgp_exclusion_deps(planner *p, const char *def, plumb_vec *deps)
{
	PgQuery__ParseResult *t = NULL;
	const char *sql = plumb__pgp_fmt(p, "CREATE TABLE x (%s)", def ? def : "");
	if (plumb__pg_parse(p->ctx, p->tmp, sql, NULL, &t, NULL) < 0 || t->n_stmts != 1 ||
	    !t->stmts[0]->stmt->create_stmt || t->stmts[0]->stmt->create_stmt->n_table_elts != 1 ||
	    t->stmts[0]->stmt->create_stmt->table_elts[0]->node_case !=
		    PG_QUERY__NODE__NODE_CONSTRAINT) {
		plumb_error_clear(p->ctx);
		return;
	}
	const PgQuery__Constraint *c = t->stmts[0]->stmt->create_stmt->table_elts[0]->constraint;
	const char *am = c->access_method && *c->access_method ? c->access_method : "btree";
	for (size_t i = 0; i < c->n_exclusions; i++) {
		const PgQuery__Node *pair = c->exclusions[i];
		if (pair->node_case != PG_QUERY__NODE__NODE_LIST || pair->list->n_items != 2)
			continue;
		const PgQuery__Node *el = pair->list->items[0], *op = pair->list->items[1];
		if (el->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM && el->index_elem->n_opclass) {
			const PgQuery__IndexElem *e = el->index_elem;
			const char *name = plumb__pg_strval(e->opclass[e->n_opclass - 1]);
			const char *schema =
				e->n_opclass > 1 ? plumb__pg_strval(e->opclass[e->n_opclass - 2])
						 : "public";
			plumb__pgp_vec_add(p, deps,
					   plumb__pgp_fmt(p, "opclass:%s.%s USING %s", schema,
							  name ? name : "", am));
		}
		if (op->node_case == PG_QUERY__NODE__NODE_LIST && op->list->n_items) {
			size_t n = op->list->n_items;
			const char *name = plumb__pg_strval(op->list->items[n - 1]);
			const char *schema = n > 1 ? plumb__pg_strval(op->list->items[n - 2]) : "*";
			plumb__pgp_vec_add(p, deps,
					   plumb__pgp_fmt(p, "op:%s.%s", schema, name ? name : ""));
		}
	}
}

void plumb__pgp_opc_deps(planner *p, const plumb_catalog *cat, const plumb_object *o,
			 plumb_vec *deps)
{
	if (o->kind == PLUMB_OBJ_OPCLASS) {
		if (family_of(o))
			plumb__pgp_vec_add(p, deps, plumb__pgp_fmt(p, "opfamily:%s", family_of(o)));
		const plumb_object *t = plumb__pgp_find_type_object(p, cat, class_type(p, o));
		if (t)
			plumb__pgp_vec_add(p, deps, plumb__pgp_key(p, t->schema, t->name));
		return;
	}
	/* a family: what its members use, and the families they sort by */
	plumb_pg_refs r = plumb__pgp_refs_of(p, o->definition, true);
	for (size_t i = 0; i < r.types.n; i++) {
		const plumb_pg_name *n = r.types.items[i];
		plumb__pgp_vec_add(p, deps, plumb__pgp_key(p, n->schema ? n->schema : "public",
							   n->name));
	}
	for (size_t i = 0; i < r.funcs.n; i++) {
		const plumb_pg_name *n = r.funcs.items[i];
		plumb__pgp_vec_add(p, deps, plumb__pgp_call_key(p, n->schema, n->name));
	}
	for (size_t i = 0; i < r.ops.n; i++) {
		const plumb_pg_name *n = r.ops.items[i];
		plumb__pgp_vec_add(p, deps, plumb__pgp_fmt(p, "op:%s.%s",
							   n->schema ? n->schema : "*", n->name));
	}
}
