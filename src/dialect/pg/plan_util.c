/*
 * The planner's small helpers: formatting and quoting into its scratch arena,
 * emitting statements with their hazards and notes, the hash of the diff's
 * changes by kind and name, and lookups in the two catalogs. It decides
 * nothing about what a plan holds or in which order.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "dialect/pg/hazard.h"
#include "dialect/pg/plan_int.h"

/* --- small helpers ---------------------------------------------------- */

bool plumb__pgp_str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

void plumb__pgp_nomem(planner *p)
{
	plumb__pg_nomem(&p->st);
}

char *plumb__pgp_fmt(planner *p, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	char *s = plumb__pg_vfmt(&p->st, f, ap);
	va_end(ap);
	return s ? s : "";
}

/* Quoted, qualified name. */
const char *plumb__pgp_Q(planner *p, const char *schema, const char *name)
{
	char *s = plumb__pg_qualified(p->tmp, schema, name);
	if (!s)
		plumb__pgp_nomem(p);
	return s ? s : "";
}

const char *plumb__pgp_I(planner *p, const char *name)
{
	char *s = plumb_quote_ident(p->tmp, name);
	if (!s)
		plumb__pgp_nomem(p);
	return s ? s : "";
}

const char *plumb__pgp_L(planner *p, const char *text)
{
	plumb_buf b;
	plumb_buf_init(&b, p->tmp, 0);
	plumb_buf_quote_literal(&b, text);
	if (b.failed)
		plumb__pgp_nomem(p);
	return b.failed ? "" : plumb_buf_str(&b);
}

/* "schema.name" as view and object depends write it. */
const char *plumb__pgp_key(planner *p, const char *schema, const char *name)
{
	return schema ? plumb__pgp_fmt(p, "%s.%s", schema, name) : name;
}

/* A name for people: "users", or "audit.users" outside public. */
const char *plumb__pgp_dn(planner *p, const char *schema, const char *name)
{
	if (!schema || strcmp(schema, "public") == 0)
		return name;
	return plumb__pgp_fmt(p, "%s.%s", schema, name);
}

bool plumb__pgp_vec_has(const plumb_vec *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (plumb__pgp_str_eq(v->items[i], s))
			return true;
	return false;
}

void plumb__pgp_vec_add(planner *p, plumb_vec *v, const char *s)
{
	if (!s || plumb__pgp_vec_has(v, s))
		return;
	if (plumb_vec_push(p->tmp, v, (void *)s))
		plumb__pgp_nomem(p);
}

bool plumb__pgp_set_has(plumb_map *const *set, const char *s)
{
	return *set && s && plumb_map_find(*set, s, NULL, NULL, NULL);
}

void plumb__pgp_set_add(planner *p, plumb_map **set, const char *s)
{
	if (!s || plumb__pgp_set_has(set, s))
		return;
	if ((!*set && !(*set = plumb_map_new(p->tmp, false))) ||
	    plumb_map_put(*set, s, NULL, NULL, (void *)s) < 0)
		plumb__pgp_nomem(p);
}

/* The plan keeps its own copy of each statement: the text is formatted
 * on the stack when it fits (a plan of 10,000 tables would otherwise leave
 * a second copy of its text in the scratch arena). */
plumb_stmt *plumb__pgp_emit(planner *p, const char *f, ...)
{
	plumb_stmt *s = NULL;
	char small[2048];
	const char *sql = small;
	va_list ap;
	if (p->st.rc)
		return NULL;
	va_start(ap, f);
	int n = vsnprintf(small, sizeof(small), f, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof(small)) {
		va_start(ap, f);
		sql = plumb_arena_vprintf(p->tmp, f, ap);
		va_end(ap);
	}
	if (!sql) {
		plumb__pgp_nomem(p);
		return NULL;
	}
	p->st.rc = plumb_plan_add(p->ctx, p->plan, sql, &s);
	return s;
}

plumb_stmt *plumb__pgp_emit_text(planner *p, const char *sql)
{
	plumb_stmt *s = NULL;
	if (!p->st.rc)
		p->st.rc = plumb_plan_add(p->ctx, p->plan, sql, &s);
	return s;
}

void plumb__pgp_known(planner *p, plumb_stmt *s, char kind, const char *schema, const char *name,
		      const char *table)
{
	plumb_arena *a = p->plan->arena;
	plumb_pg_known *k;
	if (!s || p->st.rc)
		return;
	if (!(k = plumb_arena_alloc(a, sizeof(*k))) ||
	    (schema && !(k->schema = plumb_arena_strdup(a, schema))) ||
	    (name && !(k->name = plumb_arena_strdup(a, name))) ||
	    (table && !(k->table = plumb_arena_strdup(a, table)))) {
		plumb__pgp_nomem(p);
		return;
	}
	k->kind = kind;
	s->known = k;
}

void plumb__pgp_hz(planner *p, plumb_stmt *s, plumb_hazard_kind k, const char *f, ...)
{
	va_list ap;
	char *msg;
	if (!s || p->st.rc)
		return;
	va_start(ap, f);
	msg = plumb_arena_vprintf(p->tmp, f, ap);
	va_end(ap);
	if (!msg) {
		plumb__pgp_nomem(p);
		return;
	}
	p->st.rc = plumb_stmt_add_hazard(p->ctx, p->plan, s, k, "%s", msg);
}

void plumb__pgp_note(planner *p, plumb_stmt *s, const char *text)
{
	if (!s || p->st.rc)
		return;
	if (!(s->comment = plumb_arena_strdup(p->plan->arena, text)))
		plumb__pgp_nomem(p);
}

/* The statement emitted last, or NULL. */
plumb_stmt *plumb__pgp_last_stmt(planner *p)
{
	return p->plan->stmts.n ? p->plan->stmts.items[p->plan->stmts.n - 1] : NULL;
}

void plumb__pgp_ae(planner *p, plumb_stmt *s, const char *what)
{
	plumb__pgp_hz(p, s, PLUMB_HAZARD_ACCESS_EXCLUSIVE,
		      "locks %s against reads and writes while it runs", what);
}

void plumb__pgp_ae_of(planner *p, plumb_stmt *s, const char *kind, const char *name)
{
	plumb__pgp_ae(p, s, plumb__pgp_fmt(p, "%s \"%s\"", kind, name));
}

/* Splits "schema.name" (either part may be double-quoted). */
void plumb__pgp_split_qname(planner *p, const char *s, const char **schema, const char **name)
{
	const char *dot = NULL;
	bool q = false;
	for (const char *c = s; *c; c++) {
		if (*c == '"')
			q = !q;
		else if (*c == '.' && !q) {
			dot = c;
			break;
		}
	}
	char *sch = dot ? plumb_arena_strndup(p->tmp, s, (size_t)(dot - s)) : NULL;
	char *nm = plumb_arena_strdup(p->tmp, dot ? dot + 1 : s);
	if (!nm || (dot && !sch)) {
		plumb__pgp_nomem(p);
		*schema = "public";
		*name = s;
		return;
	}
	/* unquote */
	char *parts[2] = {sch, nm};
	for (int i = 0; i < 2; i++) {
		char *t = parts[i];
		if (!t || t[0] != '"')
			continue;
		char *w = t;
		for (char *r = t + 1; *r; r++) {
			if (*r == '"') {
				if (r[1] == '"')
					r++;
				else
					break;
			}
			*w++ = *r;
		}
		*w = 0;
	}
	*schema = sch ? sch : "public";
	*name = nm;
}

/* --- lookups in the diff ----------------------------------------------- */

static size_t change_hash(plumb_obj_kind kind, const char *schema, const char *name)
{
	size_t h = 2166136261u ^ (size_t)kind;
	for (const char *s = schema ? schema : ""; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	h = (h ^ 0xff) * 16777619u;
	for (const char *s = name ? name : ""; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* Fills the hash of the changes by their from and to objects. */
int plumb__pgp_index_changes(planner *p)
{
	const plumb_vec *ch = &p->diff->changes;
	size_t buckets = 16;
	while (buckets < 2 * ch->n)
		buckets *= 2;
	p->change_mask = buckets - 1;
	for (int side = 0; side < 2; side++) {
		p->change_head[side] = plumb_arena_alloc(p->tmp, buckets * sizeof(size_t));
		p->change_next[side] = plumb_arena_alloc(p->tmp, (ch->n + 1) * sizeof(size_t));
		if (!p->change_head[side] || !p->change_next[side])
			return -1;
		for (size_t i = ch->n; i-- > 0;) { /* the first change heads its chain */
			const plumb_change *c = ch->items[i];
			const plumb_object *o = side ? c->to : c->from; /* schema, name lead */
			if (!o)
				continue;
			size_t b = change_hash(c->kind, o->schema, o->name) & p->change_mask;
			p->change_next[side][i] = p->change_head[side][b];
			p->change_head[side][b] = i + 1;
		}
	}
	return 0;
}

const plumb_change *plumb__pgp_find_change(const planner *p, plumb_obj_kind kind,
					   const char *schema, const char *name, bool by_from)
{
	int side = by_from ? 0 : 1;
	size_t b = change_hash(kind, schema, name) & p->change_mask;
	for (size_t j = p->change_head[side][b]; j; j = p->change_next[side][j - 1]) {
		const plumb_change *c = p->diff->changes.items[j - 1];
		const plumb_object *o = by_from ? c->from : c->to;
		if (c->kind == kind && plumb__pgp_str_eq(o->schema, schema) &&
		    plumb__pgp_str_eq(o->name, name))
			return c;
	}
	return NULL;
}

/* The trigger or policy named name on table (PostgreSQL names them per table). */
const void *plumb__pgp_find_on(const plumb_catalog *cat, plumb_obj_kind kind, const char *schema,
			       const char *name, const char *table)
{
	const plumb_vec *v = plumb_catalog_objects_of(cat, kind);
	for (size_t i = 0; i < v->n; i++) {
		if (kind == PLUMB_OBJ_TRIGGER) {
			const plumb_trigger *t = v->items[i];
			if (plumb__pgp_str_eq(t->schema, schema) &&
			    plumb__pgp_str_eq(t->name, name) && plumb__pgp_str_eq(t->table, table))
				return t;
		} else {
			const plumb_object *o = v->items[i];
			if (o->kind == kind && plumb__pgp_str_eq(o->schema, schema) &&
			    plumb__pgp_str_eq(o->name, name) && plumb__pgp_str_eq(o->table, table))
				return o;
		}
	}
	return NULL;
}

/* Whether the diff changes the trigger or policy named name on table. */
bool plumb__pgp_changes_on(const planner *p, plumb_obj_kind kind, const char *schema,
			   const char *name, const char *table)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		const void *o = c->from;
		if (c->kind != kind || !o)
			continue;
		if (kind == PLUMB_OBJ_TRIGGER) {
			const plumb_trigger *t = o;
			if (plumb__pgp_str_eq(t->schema, schema) &&
			    plumb__pgp_str_eq(t->name, name) && plumb__pgp_str_eq(t->table, table))
				return true;
		} else {
			const plumb_object *x = o;
			if (plumb__pgp_str_eq(x->schema, schema) &&
			    plumb__pgp_str_eq(x->name, name) && plumb__pgp_str_eq(x->table, table))
				return true;
		}
	}
	return false;
}

bool plumb__pgp_table_is_new(const planner *p, const char *schema, const char *name)
{
	const plumb_change *c = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, schema, name, false);
	return (c && c->op == PLUMB_CHANGE_CREATE) ||
	       plumb__pgp_set_has(&p->new_rels, plumb__pgp_key((planner *)p, schema, name));
}

const char *plumb__pgp_recreated_key(planner *p, const char *kind, const char *schema,
				     const char *name)
{
	return plumb__pgp_fmt(p, "%s:%s", kind, plumb__pgp_key(p, schema, name));
}

bool plumb__pgp_is_recreated(planner *p, const char *kind, const char *schema, const char *name)
{
	/* the key is written only when something was recreated */
	return p->recreated &&
	       plumb__pgp_set_has(&p->recreated, plumb__pgp_recreated_key(p, kind, schema, name));
}

/* Did an enum rebuild drop object kind schema.name already? */
bool plumb__pgp_is_set_aside(planner *p, const char *kind, const char *schema, const char *name)
{
	return plumb__pgp_vec_has(&p->set_aside_objs,
				  plumb__pgp_recreated_key(p, kind, schema, name));
}

/* The base name of a function's identity "f(integer)". */
const char *plumb__pgp_func_base(planner *p, const char *name)
{
	const char *paren = strchr(name, '(');
	if (!paren)
		return name;
	char *s = plumb_arena_strndup(p->tmp, name, (size_t)(paren - name));
	if (!s)
		plumb__pgp_nomem(p);
	return s ? s : name;
}

/* "schema"."f"(args) */
const char *plumb__pgp_func_sig(planner *p, const plumb_object *o)
{
	const char *paren = strchr(o->name, '(');
	return plumb__pgp_fmt(p, "%s%s",
			      plumb__pgp_Q(p, o->schema, plumb__pgp_func_base(p, o->name)),
			      paren ? paren : "()");
}

const char *plumb__pgp_obj_sql(const plumb_object *o)
{
	return o->sql ? o->sql : o->definition;
}

/* A column's default as the schema file wrote it, else its canonical text:
 * what the server then keeps is what the file itself would give. */
const char *plumb__pgp_default_sql(const plumb_column *c)
{
	return c->default_written ? c->default_written : c->default_sql;
}

/* A constraint's definition for CREATE TABLE and ADD CONSTRAINT, its CHECK
 * expression as written. */
const char *plumb__pgp_constraint_sql(planner *p, const plumb_constraint *c)
{
	if (!c->check_written)
		return c->definition;
	plumb_constraint copy = *c;
	copy.check_sql = c->check_written;
	if (plumb__pg_constraint_define(p->ctx, p->tmp, &copy) < 0) {
		plumb__pgp_nomem(p);
		return c->definition;
	}
	return copy.definition;
}

/* A column's definition for CREATE TABLE and ADD COLUMN, its default as written. */
/* def with a foreign table column's OPTIONS after its name and type, where
 * the grammar takes them. */
static const char *with_fdw_options(planner *p, const plumb_column *c, const char *def)
{
	if (!c->fdw_options.n)
		return def;
	size_t n = strlen(plumb__pgp_I(p, c->name)) + 1 + strlen(c->type);
	if (strlen(def) < n)
		return def;
	return plumb__pgp_fmt(p, "%.*s%s%s", (int)n, def,
			      plumb__pg_fdw_options_text(p->tmp, &c->fdw_options), def + n);
}

const char *plumb__pgp_column_sql(planner *p, const plumb_column *c)
{
	if (!c->default_written && !c->generated_written)
		return with_fdw_options(p, c, c->definition);
	plumb_column copy = *c;
	if (c->default_written)
		copy.default_sql = c->default_written;
	if (c->generated_written)
		copy.generated_sql = c->generated_written;
	if (plumb__pg_column_define(p->ctx, p->tmp, &copy) < 0) {
		plumb__pgp_nomem(p);
		return c->definition;
	}
	return with_fdw_options(p, c, copy.definition);
}

bool plumb__pgp_is_procedure(const plumb_object *o)
{
	return o->kind == PLUMB_OBJ_FUNCTION && o->func_kind == PLUMB_FUNC_PROCEDURE;
}

/* The objects of one kind in p->from or p->to. */
const plumb_vec *plumb__pgp_objects(const planner *p, const plumb_catalog *cat, plumb_obj_kind kind)
{
	return &p->kinds[cat == p->to][kind];
}

/* The object of one of kinds (ending with PLUMB_OBJ_TABLE) that a type or
 * COLLATE clause names ("mood", "audit.c"), or NULL. */
static const plumb_object *find_named(const planner *p, const plumb_catalog *cat,
				      const plumb_obj_kind *kinds, const char *text)
{
	for (size_t k = 0; text && kinds[k] != PLUMB_OBJ_TABLE; k++) {
		const plumb_vec *v = plumb__pgp_objects(p, cat, kinds[k]);
		for (size_t i = 0; i < v->n; i++) {
			const plumb_object *o = v->items[i];
			if (plumb__pg_type_names(text, o->schema, o->name))
				return o;
		}
	}
	return NULL;
}

const plumb_object *plumb__pgp_find_type_object(const planner *p, const plumb_catalog *cat,
						const char *coltype)
{
	static const plumb_obj_kind kinds[] = {PLUMB_OBJ_ENUM, PLUMB_OBJ_DOMAIN, PLUMB_OBJ_TYPE,
					       PLUMB_OBJ_TABLE};
	return find_named(p, cat, kinds, coltype);
}

const plumb_object *plumb__pgp_find_collation(const planner *p, const plumb_catalog *cat,
					      const char *coll)
{
	static const plumb_obj_kind kinds[] = {PLUMB_OBJ_COLLATION, PLUMB_OBJ_TABLE};
	return find_named(p, cat, kinds, coll);
}

/* What an expression (or, sql, statements) names, from its parse tree, read
 * once per text: the vectors are shared between callers, which only read
 * them. */
plumb_pg_refs plumb__pgp_refs_of(planner *p, const char *text, bool sql)
{
	plumb_pg_refs r = {0};
	if (!text)
		return r;
	plumb_map **cache = &p->refs[sql];
	plumb_pg_refs *known = *cache ? plumb_map_get(*cache, text, NULL, NULL) : NULL;
	if (known)
		return *known;
	if ((sql ? plumb__pg_refs_sql(p->tmp, text, &r) : plumb__pg_refs_expr(p->tmp, text, &r)) <
	    0) {
		plumb__pgp_nomem(p);
		return r;
	}
	known = plumb_arena_alloc(p->tmp, sizeof(*known));
	if ((!*cache && !(*cache = plumb_map_new(p->tmp, false))) || !known ||
	    plumb_map_put(*cache, text, NULL, NULL, known) < 0) {
		plumb__pgp_nomem(p);
		return r;
	}
	*known = r;
	return r;
}
