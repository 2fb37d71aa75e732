/*
 * The PostgreSQL planner: turns a diff into ordered statements, each with the
 * hazards it brings (data lost, table rewritten, ACCESS EXCLUSIVE lock, scans,
 * index builds) and whether it must run outside a transaction. The order is a
 * stable topological sort of the changes inside fixed phases: what depends on
 * a changed object is dropped first and recreated last. The online mode
 * rewrites statements so writers keep running. It executes nothing and writes
 * no BEGIN/COMMIT (render.c does).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/enumuse.h"
#include "dialect/pg/pg.h"
#include "dialect/pg/refs.h"

typedef struct planner {
	plumb_ctx *ctx;
	plumb_arena *tmp;           /* scratch, freed at the end */
	const plumb_diff *diff;
	const plumb_catalog *from, *to;
	plumb_plan *plan;
	bool online;
	int rc;                     /* first failure; sticky */
	plumb_vec touched;          /* char *: "schema.name" keys whose readers must go */
	plumb_vec recreated;        /* char *: "kind:schema.name" dropped and created again */
	plumb_vec new_rels;         /* char *: "schema.name" of tables created in this plan */
	bool *drop_view;            /* per from->views */
	bool *drop_trigger;         /* per from->triggers */
	bool *drop_policy;          /* per from->objects (policies) */
	plumb_vec forced_fks;       /* plumb_constraint * of from: dropped and added again */
	plumb_vec forced_fk_tables; /* plumb_table * of from, beside forced_fks */
	plumb_vec enum_adds;        /* plumb_stmt *: ALTER TYPE ... ADD VALUE */
	plumb_vec enum_add_labels;  /* char *: the label each one adds */
	plumb_vec owned_by;         /* char *: ALTER SEQUENCE ... OWNED BY, once tables exist */
	plumb_vec late_functions;   /* plumb_change *: functions created with the views */
	plumb_vec adopted;          /* char *: "schema.name" of sequences passed between a
				     * serial column and a sequence of their own */
	plumb_vec set_aside;        /* char *: "schema.table.constraint" of CHECKs an enum
				     * rebuild dropped already */
	plumb_vec set_aside_objs;   /* char *: recreated_key() of the functions, domains and
				     * indexes an enum rebuild dropped already */
	plumb_vec uninherited;      /* char *: column_key() of declared columns dropped so
				     * that a parent's new column takes their place */
	/* The changes by kind, schema and name of their from ([0]) and to ([1])
	 * objects: bucket heads and chains of 1 + change index, 0 ending. */
	size_t change_mask;
	size_t *change_head[2], *change_next[2];
	plumb_vec kinds[2][PLUMB_OBJ_KIND_COUNT]; /* objects of from [0] and to [1] by kind: a
						   * catalog may hold thousands of grants */
} planner;

/* --- small helpers ---------------------------------------------------- */

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static void nomem(planner *p)
{
	if (!p->rc)
		p->rc = plumb_error_nomem(p->ctx);
}

static char *fmt(planner *p, const char *f, ...) __attribute__((format(printf, 2, 3)));
static char *fmt(planner *p, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	char *s = plumb_arena_vprintf(p->tmp, f, ap);
	va_end(ap);
	if (!s)
		nomem(p);
	return s ? s : "";
}

/* Quoted, qualified name. */
static const char *Q(planner *p, const char *schema, const char *name)
{
	char *s = plumb__pg_qualified(p->tmp, schema, name);
	if (!s)
		nomem(p);
	return s ? s : "";
}

static const char *I(planner *p, const char *name)
{
	char *s = plumb_quote_ident(p->tmp, name);
	if (!s)
		nomem(p);
	return s ? s : "";
}

static const char *L(planner *p, const char *text)
{
	plumb_buf b;
	plumb_buf_init(&b, p->tmp, 0);
	plumb_buf_quote_literal(&b, text);
	if (b.failed)
		nomem(p);
	return b.failed ? "" : plumb_buf_str(&b);
}

/* "schema.name" as view and object depends write it. */
static const char *key(planner *p, const char *schema, const char *name)
{
	return schema ? fmt(p, "%s.%s", schema, name) : name;
}

/* A name for people: "users", or "audit.users" outside public. */
static const char *dn(planner *p, const char *schema, const char *name)
{
	if (!schema || strcmp(schema, "public") == 0)
		return name;
	return fmt(p, "%s.%s", schema, name);
}

static bool vec_has(const plumb_vec *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (str_eq(v->items[i], s))
			return true;
	return false;
}

static void vec_add(planner *p, plumb_vec *v, const char *s)
{
	if (!s || vec_has(v, s))
		return;
	if (plumb_vec_push(p->tmp, v, (void *)s))
		nomem(p);
}

static plumb_stmt *emit(planner *p, const char *f, ...) __attribute__((format(printf, 2, 3)));
static plumb_stmt *emit(planner *p, const char *f, ...)
{
	plumb_stmt *s = NULL;
	va_list ap;
	char *sql;
	if (p->rc)
		return NULL;
	va_start(ap, f);
	sql = plumb_arena_vprintf(p->tmp, f, ap);
	va_end(ap);
	if (!sql) {
		nomem(p);
		return NULL;
	}
	p->rc = plumb_plan_add(p->ctx, p->plan, sql, &s);
	return s;
}

static void hz(planner *p, plumb_stmt *s, plumb_hazard_kind k, const char *f, ...)
	__attribute__((format(printf, 4, 5)));
static void hz(planner *p, plumb_stmt *s, plumb_hazard_kind k, const char *f, ...)
{
	va_list ap;
	char *msg;
	if (!s || p->rc)
		return;
	va_start(ap, f);
	msg = plumb_arena_vprintf(p->tmp, f, ap);
	va_end(ap);
	if (!msg) {
		nomem(p);
		return;
	}
	p->rc = plumb_stmt_add_hazard(p->ctx, p->plan, s, k, "%s", msg);
}

static void note(planner *p, plumb_stmt *s, const char *text)
{
	if (!s || p->rc)
		return;
	if (!(s->comment = plumb_arena_strdup(p->plan->arena, text)))
		nomem(p);
}

/* The statement emitted last, or NULL. */
static plumb_stmt *last_stmt(planner *p)
{
	return p->plan->stmts.n ? p->plan->stmts.items[p->plan->stmts.n - 1] : NULL;
}

static void ae(planner *p, plumb_stmt *s, const char *what)
{
	hz(p, s, PLUMB_HAZARD_ACCESS_EXCLUSIVE, "locks %s against reads and writes while it runs",
	   what);
}

/* Splits "schema.name" (either part may be double-quoted). */
static void split_qname(planner *p, const char *s, const char **schema, const char **name)
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
		nomem(p);
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
static int index_changes(planner *p)
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

static const plumb_change *find_change(const planner *p, plumb_obj_kind kind, const char *schema,
				       const char *name, bool by_from)
{
	int side = by_from ? 0 : 1;
	size_t b = change_hash(kind, schema, name) & p->change_mask;
	for (size_t j = p->change_head[side][b]; j; j = p->change_next[side][j - 1]) {
		const plumb_change *c = p->diff->changes.items[j - 1];
		const plumb_object *o = by_from ? c->from : c->to;
		if (c->kind == kind && str_eq(o->schema, schema) && str_eq(o->name, name))
			return c;
	}
	return NULL;
}

/* The trigger or policy named name on table (PostgreSQL names them per table). */
static const void *find_on(const plumb_catalog *cat, plumb_obj_kind kind, const char *schema,
			   const char *name, const char *table)
{
	const plumb_vec *v = plumb_catalog_objects_of(cat, kind);
	for (size_t i = 0; i < v->n; i++) {
		if (kind == PLUMB_OBJ_TRIGGER) {
			const plumb_trigger *t = v->items[i];
			if (str_eq(t->schema, schema) && str_eq(t->name, name) &&
			    str_eq(t->table, table))
				return t;
		} else {
			const plumb_object *o = v->items[i];
			if (o->kind == kind && str_eq(o->schema, schema) && str_eq(o->name, name) &&
			    str_eq(o->table, table))
				return o;
		}
	}
	return NULL;
}

/* Whether the diff changes the trigger or policy named name on table. */
static bool changes_on(const planner *p, plumb_obj_kind kind, const char *schema,
		       const char *name, const char *table)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		const void *o = c->from;
		if (c->kind != kind || !o)
			continue;
		if (kind == PLUMB_OBJ_TRIGGER) {
			const plumb_trigger *t = o;
			if (str_eq(t->schema, schema) && str_eq(t->name, name) &&
			    str_eq(t->table, table))
				return true;
		} else {
			const plumb_object *x = o;
			if (str_eq(x->schema, schema) && str_eq(x->name, name) &&
			    str_eq(x->table, table))
				return true;
		}
	}
	return false;
}

static bool table_is_new(const planner *p, const char *schema, const char *name)
{
	const plumb_change *c = find_change(p, PLUMB_OBJ_TABLE, schema, name, false);
	return (c && c->op == PLUMB_CHANGE_CREATE) ||
	       vec_has(&p->new_rels, key((planner *)p, schema, name));
}

static const char *recreated_key(planner *p, const char *kind, const char *schema,
				 const char *name)
{
	return fmt(p, "%s:%s", kind, key(p, schema, name));
}

static bool is_recreated(planner *p, const char *kind, const char *schema, const char *name)
{
	return vec_has(&p->recreated, recreated_key(p, kind, schema, name));
}

/* Did an enum rebuild drop object kind schema.name already? */
static bool is_set_aside(planner *p, const char *kind, const char *schema, const char *name)
{
	return vec_has(&p->set_aside_objs, recreated_key(p, kind, schema, name));
}

/* The base name of a function's identity "f(integer)". */
static const char *func_base(planner *p, const char *name)
{
	const char *paren = strchr(name, '(');
	if (!paren)
		return name;
	char *s = plumb_arena_strndup(p->tmp, name, (size_t)(paren - name));
	if (!s)
		nomem(p);
	return s ? s : name;
}

/* "schema"."f"(args) */
static const char *func_sig(planner *p, const plumb_object *o)
{
	const char *paren = strchr(o->name, '(');
	return fmt(p, "%s%s", Q(p, o->schema, func_base(p, o->name)), paren ? paren : "()");
}

static const char *obj_sql(const plumb_object *o)
{
	return o->sql ? o->sql : o->definition;
}

/* A column's default as the schema file wrote it, else its canonical text:
 * what the server then keeps is what the file itself would give. */
static const char *default_sql(const plumb_column *c)
{
	return c->default_written ? c->default_written : c->default_sql;
}

/* A constraint's definition for CREATE TABLE and ADD CONSTRAINT, its CHECK
 * expression as written. */
static const char *constraint_sql(planner *p, const plumb_constraint *c)
{
	if (!c->check_written)
		return c->definition;
	plumb_constraint copy = *c;
	copy.check_sql = c->check_written;
	if (plumb__pg_constraint_define(p->ctx, p->tmp, &copy) < 0) {
		nomem(p);
		return c->definition;
	}
	return copy.definition;
}

/* A column's definition for CREATE TABLE and ADD COLUMN, its default as written. */
static const char *column_sql(planner *p, const plumb_column *c)
{
	if (!c->default_written)
		return c->definition;
	plumb_column copy = *c;
	copy.default_sql = c->default_written;
	if (plumb__pg_column_define(p->ctx, p->tmp, &copy) < 0) {
		nomem(p);
		return c->definition;
	}
	return copy.definition;
}

static bool is_procedure(const plumb_object *o)
{
	const char *s = obj_sql(o);
	return s && (strstr(s, "PROCEDURE ") != NULL) &&
	       (strncasecmp(s, "CREATE PROCEDURE", 16) == 0 ||
		strncasecmp(s, "CREATE OR REPLACE PROCEDURE", 27) == 0);
}

/* The objects of one kind in p->from or p->to. */
static const plumb_vec *objects(const planner *p, const plumb_catalog *cat, plumb_obj_kind kind)
{
	return &p->kinds[cat == p->to][kind];
}

/* The object of one of kinds (ending with PLUMB_OBJ_TABLE) that a type or
 * COLLATE clause names ("mood", "audit.c"), or NULL. */
static const plumb_object *find_named(const planner *p, const plumb_catalog *cat,
				      const plumb_obj_kind *kinds, const char *text)
{
	for (size_t k = 0; text && kinds[k] != PLUMB_OBJ_TABLE; k++) {
		const plumb_vec *v = objects(p, cat, kinds[k]);
		for (size_t i = 0; i < v->n; i++) {
			const plumb_object *o = v->items[i];
			if (plumb__pg_type_names(text, o->schema, o->name))
				return o;
		}
	}
	return NULL;
}

static const plumb_object *find_type_object(const planner *p, const plumb_catalog *cat,
					    const char *coltype)
{
	static const plumb_obj_kind kinds[] = {PLUMB_OBJ_ENUM, PLUMB_OBJ_DOMAIN, PLUMB_OBJ_TYPE,
					       PLUMB_OBJ_TABLE};
	return find_named(p, cat, kinds, coltype);
}

static const plumb_object *find_collation(const planner *p, const plumb_catalog *cat,
					  const char *coll)
{
	static const plumb_obj_kind kinds[] = {PLUMB_OBJ_COLLATION, PLUMB_OBJ_TABLE};
	return find_named(p, cat, kinds, coll);
}

/* What an expression (or, sql, statements) names, from its parse tree. */
static plumb_pg_refs refs_of(planner *p, const char *text, bool sql)
{
	plumb_pg_refs r = {0};
	if (text && (sql ? plumb__pg_refs_sql(p->tmp, text, &r)
			 : plumb__pg_refs_expr(p->tmp, text, &r)) < 0)
		nomem(p);
	return r;
}

/* --- types ------------------------------------------------------------- */

static const char *serial_base(const char *type)
{
	if (!type)
		return NULL;
	if (strcmp(type, "serial") == 0 || strcmp(type, "serial4") == 0)
		return "integer";
	if (strcmp(type, "bigserial") == 0 || strcmp(type, "serial8") == 0)
		return "bigint";
	if (strcmp(type, "smallserial") == 0 || strcmp(type, "serial2") == 0)
		return "smallint";
	return NULL;
}

static const char *real_type(const char *type)
{
	const char *b = serial_base(type);
	return b ? b : type;
}

typedef struct tparts {
	char name[128];   /* without modifiers and array brackets */
	long a1, a2;      /* modifiers, -1 when absent */
	int dims;
} tparts;

static void parse_type(const char *t, tparts *out)
{
	size_t n = 0;
	out->a1 = out->a2 = -1;
	out->dims = 0;
	size_t len = strlen(t);
	while (len >= 2 && t[len - 2] == '[' && t[len - 1] == ']') {
		len -= 2;
		out->dims++;
	}
	for (size_t i = 0; i < len && n + 1 < sizeof(out->name); i++) {
		if (t[i] == '(') {
			char *end;
			out->a1 = strtol(t + i + 1, &end, 10);
			if (*end == ',')
				out->a2 = strtol(end + 1, &end, 10);
			while (i < len && t[i] != ')')
				i++;
			continue;
		}
		out->name[n++] = t[i];
	}
	while (n && out->name[n - 1] == ' ')
		n--;
	out->name[n] = 0;
	/* "timestamp(3) with time zone" leaves a double space */
	char *d = strstr(out->name, "  ");
	if (d)
		memmove(d, d + 1, strlen(d));
}

static bool is_texty(const char *n)
{
	return strcmp(n, "text") == 0 || strcmp(n, "character varying") == 0;
}

static int int_rank(const char *n)
{
	if (strcmp(n, "smallint") == 0)
		return 1;
	if (strcmp(n, "integer") == 0)
		return 2;
	if (strcmp(n, "bigint") == 0)
		return 3;
	if (strcmp(n, "numeric") == 0)
		return 4;
	return 0;
}

/* How a change of type from f to t treats the stored rows. */
static void type_change(planner *p, const char *f, const char *t, bool *rewrite, bool *narrows)
{
	tparts a, b;
	parse_type(f, &a);
	parse_type(t, &b);
	*rewrite = true;
	*narrows = true;
	if (a.dims != b.dims)
		return;
	if (strcmp(a.name, b.name) == 0) {
		bool wider = b.a1 < 0 || (a.a1 >= 0 && b.a1 >= a.a1);
		if (strcmp(a.name, "numeric") == 0) {
			if (b.a1 < 0) {
				*rewrite = *narrows = false;
			} else if (a.a1 >= 0) {
				long as = a.a2 < 0 ? 0 : a.a2, bs = b.a2 < 0 ? 0 : b.a2;
				*rewrite = as != bs || b.a1 < a.a1;
				*narrows = bs < as || (b.a1 - bs) < (a.a1 - as);
			}
			return;
		}
		if (strcmp(a.name, "character") == 0) {
			*narrows = !wider;
			return;
		}
		*rewrite = *narrows = !wider;
		return;
	}
	if (is_texty(a.name) && is_texty(b.name)) {
		/* binary coercible; a length limit checks every row */
		*rewrite = *narrows = b.a1 >= 0;
		return;
	}
	if (strcmp(a.name, "cidr") == 0 && strcmp(b.name, "inet") == 0) {
		*rewrite = *narrows = false;
		return;
	}
	(void)p;
	int ra = int_rank(a.name), rb = int_rank(b.name);
	if ((ra && rb && rb > ra) || (is_texty(b.name) && b.a1 < 0) ||
	    (strcmp(a.name, "real") == 0 && strcmp(b.name, "double precision") == 0) ||
	    ((ra == 1 || ra == 2) && (strcmp(b.name, "double precision") == 0)) ||
	    (ra == 1 && strcmp(b.name, "real") == 0) ||
	    (strcmp(a.name, "date") == 0 && strncmp(b.name, "timestamp", 9) == 0) ||
	    (strncmp(a.name, "timestamp", 9) == 0 && strncmp(b.name, "timestamp", 9) == 0) ||
	    (strcmp(b.name, "jsonb") == 0 && strcmp(a.name, "json") == 0) ||
	    (strcmp(a.name, "inet") == 0 && strcmp(b.name, "cidr") != 0 && is_texty(b.name)))
		*narrows = false;
}

static bool is_enum_type(const planner *p, const char *type)
{
	const plumb_object *f = find_type_object(p, p->from, type), *t = find_type_object(p, p->to, type);
	return (f && f->kind == PLUMB_OBJ_ENUM) || (t && t->kind == PLUMB_OBJ_ENUM);
}

/* A default whose value differs per row makes ADD COLUMN rewrite the table. */
static bool default_volatile(planner *p, const char *expr)
{
	static const char *const volatile_fns[] = {
		"nextval", "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v4",
		"clock_timestamp", "timeofday", "txid_current", "setseed",
	};
	if (!expr)
		return false;
	plumb_pg_refs r = refs_of(p, expr, false);
	for (size_t i = 0; i < sizeof(volatile_fns) / sizeof(volatile_fns[0]); i++)
		if (plumb__pg_refs_has(&r.funcs, "pg_catalog", volatile_fns[i], true))
			return true;
	for (size_t i = 0; i < p->to->objects.n; i++) {
		const plumb_object *o = p->to->objects.items[i];
		const char *s = obj_sql(o);
		if (o->kind != PLUMB_OBJ_FUNCTION ||
		    !plumb__pg_refs_has(&r.funcs, o->schema, func_base(p, o->name), true))
			continue;
		if (!s || (!strstr(s, "IMMUTABLE") && !strstr(s, "STABLE")))
			return true;
	}
	return false;
}

/* --- constraints -------------------------------------------------------- */

static void add_constraint(planner *p, const plumb_table *t, const plumb_constraint *con,
			   bool is_new)
{
	const char *T = Q(p, t->schema, t->name);
	const char *tn = dn(p, t->schema, t->name);
	bool partitioned = t->partition_by != NULL;
	bool online = p->online && !is_new && con->name &&
		      (con->kind == PLUMB_CON_CHECK ||
		       (con->kind == PLUMB_CON_FOREIGN_KEY && !partitioned && !t->partition_of));
	plumb_stmt *s;

	if (online) {
		s = emit(p, "ALTER TABLE %s ADD %s NOT VALID", T, constraint_sql(p, con));
		note(p, s,
		     con->kind == PLUMB_CON_CHECK
			     ? "online: add the check NOT VALID (no scan under the lock), validate next"
			     : "online: add the foreign key NOT VALID (no scan under the lock), "
			       "validate next");
		if (con->kind == PLUMB_CON_CHECK)
			ae(p, s, fmt(p, "table \"%s\" (briefly)", tn));
		s = emit(p, "ALTER TABLE %s VALIDATE CONSTRAINT %s", T, I(p, con->name));
		note(p, s, "online: validate under SHARE UPDATE EXCLUSIVE; writers keep running");
		hz(p, s, PLUMB_HAZARD_VALIDATES, "scans table \"%s\" to validate constraint \"%s\"",
		   tn, con->name);
		return;
	}
	s = emit(p, "ALTER TABLE %s ADD %s", T, constraint_sql(p, con));
	switch (con->kind) {
	case PLUMB_CON_FOREIGN_KEY:
		/* SHARE ROW EXCLUSIVE on both tables, not ACCESS EXCLUSIVE */
		if (!is_new)
			hz(p, s, PLUMB_HAZARD_VALIDATES,
			   "scans table \"%s\" to check the foreign key; blocks writes to it and to "
			   "\"%s\" meanwhile",
			   tn, con->ref_table ? con->ref_table : "?");
		break;
	case PLUMB_CON_CHECK:
		ae(p, s, fmt(p, "table \"%s\"", tn));
		if (!is_new)
			hz(p, s, PLUMB_HAZARD_VALIDATES, "scans table \"%s\" to check every row", tn);
		break;
	case PLUMB_CON_PRIMARY_KEY:
	case PLUMB_CON_UNIQUE:
	case PLUMB_CON_EXCLUDE:
		ae(p, s, fmt(p, "table \"%s\"", tn));
		if (!is_new)
			hz(p, s, PLUMB_HAZARD_INDEX_BUILD, "builds the index of constraint \"%s\" on \"%s\"",
			   con->name ? con->name : "?", tn);
		break;
	}
}

/* Did an enum rebuild drop constraint con of table t (named as in `to`)
 * already? */
static bool set_aside_con(planner *p, const plumb_table *t, const plumb_constraint *con)
{
	return con->name && vec_has(&p->set_aside, fmt(p, "%s.%s.%s",
						       t->schema ? t->schema : "public", t->name,
						       con->name));
}

static void drop_constraint(planner *p, const char *schema, const char *table,
			    const plumb_constraint *con)
{
	if (!con->name) {
		if (!p->rc)
			p->rc = plumb_error_set(p->ctx, PLUMB_ERROR,
						"could not drop an unnamed constraint of table \"%s\"",
						table);
		return;
	}
	if (vec_has(&p->set_aside, fmt(p, "%s.%s.%s", schema ? schema : "public", table, con->name)))
		return; /* an enum rebuild dropped it */
	plumb_stmt *s = emit(p, "ALTER TABLE %s DROP CONSTRAINT %s", Q(p, schema, table),
			     I(p, con->name));
	ae(p, s, fmt(p, "table \"%s\"", dn(p, schema, table)));
}

/* Is constraint con of a partition also its parent's (inherited)? */
static bool inherited_constraint(planner *p, const plumb_catalog *cat, const plumb_table *t,
				 const plumb_constraint *con)
{
	const char *ps, *pn;
	if (!t->partition_of)
		return false;
	split_qname(p, t->partition_of, &ps, &pn);
	const plumb_table *parent = plumb_catalog_find(cat, PLUMB_OBJ_TABLE, ps, pn);
	if (!parent)
		return false;
	for (size_t i = 0; i < parent->constraints.n; i++) {
		const plumb_constraint *pc = parent->constraints.items[i];
		if (pc->kind != con->kind || pc->n_columns != con->n_columns ||
		    !str_eq(pc->check_sql, con->check_sql))
			continue;
		bool same = true;
		for (size_t j = 0; j < con->n_columns && same; j++)
			same = str_eq(pc->columns[j], con->columns[j]);
		if (same)
			return true;
	}
	return inherited_constraint(p, cat, parent, con);
}

/* --- tables ---------------------------------------------------------- */

static void create_table(planner *p, const plumb_table *t)
{
	const char *T = Q(p, t->schema, t->name);
	plumb_buf b;
	plumb_buf_init(&b, p->tmp, 0);
	plumb_buf_printf(&b, "CREATE %sTABLE %s", t->unlogged ? "UNLOGGED " : "", T);
	if (t->partition_of) {
		const char *ps, *pn;
		split_qname(p, t->partition_of, &ps, &pn);
		plumb_buf_printf(&b, " PARTITION OF %s %s", Q(p, ps, pn),
				 t->partition_bound ? t->partition_bound : "DEFAULT");
	} else {
		size_t n = 0;
		plumb_buf_puts(&b, " (");
		for (size_t i = 0; i < t->columns.n; i++) {
			const plumb_column *c = t->columns.items[i];
			if (!c->inherited || !t->inherits.n)
				plumb_buf_printf(&b, "%s\n    %s", n++ ? "," : "", column_sql(p, c));
		}
		for (size_t i = 0; i < t->constraints.n; i++) {
			const plumb_constraint *c = t->constraints.items[i];
			if (c->kind == PLUMB_CON_FOREIGN_KEY)
				continue;
			plumb_buf_printf(&b, "%s\n    %s", n++ ? "," : "", constraint_sql(p, c));
		}
		plumb_buf_puts(&b, n ? "\n)" : ")");
		for (size_t i = 0; i < t->inherits.n; i++) {
			const char *ps, *pn;
			split_qname(p, t->inherits.items[i], &ps, &pn);
			plumb_buf_printf(&b, "%s%s", i ? ", " : " INHERITS (", Q(p, ps, pn));
		}
		if (t->inherits.n)
			plumb_buf_putc(&b, ')');
	}
	if (t->partition_by)
		plumb_buf_printf(&b, " PARTITION BY %s", t->partition_by);
	if (b.failed) {
		nomem(p);
		return;
	}
	emit(p, "%s", plumb_buf_str(&b));
	if (t->partition_of)
		for (size_t i = 0; i < t->constraints.n; i++) {
			const plumb_constraint *c = t->constraints.items[i];
			if (c->kind != PLUMB_CON_FOREIGN_KEY && !inherited_constraint(p, p->to, t, c))
				add_constraint(p, t, c, true);
		}
	if (t->rls_enabled)
		emit(p, "ALTER TABLE %s ENABLE ROW LEVEL SECURITY", T);
	if (t->rls_forced)
		emit(p, "ALTER TABLE %s FORCE ROW LEVEL SECURITY", T);
	vec_add(p, &p->new_rels, key(p, t->schema, t->name));
}

static plumb_stmt *drop_table(planner *p, const plumb_table *t, const char *why)
{
	plumb_stmt *s = emit(p, "DROP TABLE %s", Q(p, t->schema, t->name));
	note(p, s, why);
	hz(p, s, PLUMB_HAZARD_DELETES_DATA, "drops table \"%s\" and its rows",
	   dn(p, t->schema, t->name));
	ae(p, s, fmt(p, "table \"%s\"", dn(p, t->schema, t->name)));
	return s;
}

static bool partitioning_changed(const plumb_table *f, const plumb_table *t)
{
	return !str_eq(f->partition_by, t->partition_by) ||
	       !str_eq(f->partition_of, t->partition_of) ||
	       !str_eq(f->partition_bound, t->partition_bound);
}

static const char *serial_seq(planner *p, const char *schema, const char *table,
			      const char *col)
{
	return Q(p, schema, fmt(p, "%s_%s_seq", table, col));
}

/* Does the table have a parent (partition or INHERITS)? */
static bool has_parent(const plumb_table *t)
{
	return t->partition_of || t->inherits.n;
}

/* Does the plan add (add true) or drop column col to or from a parent of
 * table t (of `to` for add, of `from` for drop)? */
static bool parent_changes_column(planner *p, const plumb_table *t, const char *col, bool add)
{
	const char *parents[1] = {t->partition_of};
	size_t n = t->partition_of ? 1 : 0;
	for (size_t i = 0; i < n + t->inherits.n; i++) {
		const char *ps, *pn;
		split_qname(p, i < n ? parents[i] : t->inherits.items[i - n], &ps, &pn);
		const plumb_change *c = find_change(p, PLUMB_OBJ_TABLE, ps, pn, !add);
		const plumb_vec *v = !c || !c->delta ? NULL
				     : add	       ? &c->delta->added_columns
						       : &c->delta->dropped_columns;
		for (size_t j = 0; v && j < v->n; j++)
			if (str_eq(((const plumb_column *)v->items[j])->name, col))
				return true;
	}
	return false;
}

static const char *column_key(planner *p, const plumb_table *tb, const char *col)
{
	return fmt(p, "column:%s.%s", key(p, tb->schema, tb->name), col);
}

/* Sets the probe of the hazard added last to s. */
static void probe(planner *p, plumb_stmt *s, const char *sql)
{
	int rc;
	if (!p->rc && sql && (rc = plumb_stmt_set_probe(p->ctx, p->plan, s, sql)) < 0)
		p->rc = rc;
}

/* The name table tb of `to` has in the database now (before renames). */
static const char *table_now(planner *p, const plumb_table *tb)
{
	const plumb_change *c = find_change(p, PLUMB_OBJ_TABLE, tb->schema, tb->name, false);
	const plumb_table *f = c && c->from ? c->from : tb;
	return Q(p, f->schema, f->name);
}

/* needs-backfill: a NOT NULL column added without a default fails on a
 * table with rows; SET NOT NULL fails on NULLs. The probe asks the live
 * database (from: the column's name there now, NULL for a new column). */
static void hz_backfill(planner *p, plumb_stmt *s, const plumb_table *tb, const char *from,
			const char *col)
{
	const char *tn = dn(p, tb->schema, tb->name);
	if (!s || table_is_new(p, tb->schema, tb->name))
		return;
	if (!from) {
		hz(p, s, PLUMB_HAZARD_NEEDS_BACKFILL,
		   "adds column \"%s\".\"%s\" NOT NULL without a default: fails if \"%s\" has "
		   "rows; give it a DEFAULT, or add it nullable, fill it, then SET NOT NULL",
		   tn, col, tn);
		probe(p, s, fmt(p, "SELECT EXISTS (SELECT 1 FROM %s)", table_now(p, tb)));
		return;
	}
	hz(p, s, PLUMB_HAZARD_NEEDS_BACKFILL,
	   "sets column \"%s\".\"%s\" NOT NULL: fails if it holds NULLs; fill them first "
	   "(UPDATE ... WHERE \"%s\" IS NULL)",
	   tn, col, col);
	probe(p, s, fmt(p, "SELECT EXISTS (SELECT 1 FROM %s WHERE %s IS NULL)", table_now(p, tb),
			I(p, from)));
}

/* Turns column f into column t (same name after any rename) of table tb. */
static void alter_column(planner *p, const plumb_table *tb, const plumb_column *f,
			 const plumb_column *t)
{
	plumb_column fc;
	if (f->inherited && !t->inherited) {
		const plumb_change *tc = find_change(p, PLUMB_OBJ_TABLE, tb->schema, tb->name, false);
		if (tc && parent_changes_column(p, tc->from, t->name, false)) {
			/* the parent's DROP COLUMN takes it: declared here anew */
			plumb_stmt *s = emit(p, "ALTER TABLE %s ADD COLUMN %s",
					     Q(p, tb->schema, tb->name), t->definition);
			ae(p, s, fmt(p, "table \"%s\"", dn(p, tb->schema, tb->name)));
			return;
		}
	}
	if (!f->inherited && t->inherited && vec_has(&p->uninherited, column_key(p, tb, t->name)))
		return; /* dropped before the parent adds it */
	if ((f->inherited || t->inherited) && has_parent(tb)) {
		/* the parent's ALTER TABLE changes the type of an inherited
		 * column; defaults and NOT NULL may still differ here */
		fc = *f;
		fc.type = t->type;
		fc.collation = t->collation;
		fc.generated_sql = t->generated_sql;
		fc.identity = t->identity;
		fc.identity_options = t->identity_options;
		f = &fc;
	}
	const char *T = Q(p, tb->schema, tb->name);
	const char *tn = dn(p, tb->schema, tb->name);
	const char *C = I(p, t->name);
	const char *what = fmt(p, "table \"%s\"", tn);
	plumb_stmt *s;
	const char *ftype = real_type(f->type), *ttype = real_type(t->type);
	const char *fdef = f->default_sql, *tdef = t->default_sql;
	bool fserial = serial_base(f->type) != NULL, tserial = serial_base(t->type) != NULL;
	bool default_gone = false;

	/* Generated columns: an expression cannot be changed in place. */
	if (!str_eq(f->generated_sql, t->generated_sql)) {
		if (f->generated_sql && !t->generated_sql) {
			s = emit(p, "ALTER TABLE %s ALTER COLUMN %s DROP EXPRESSION", T, C);
			ae(p, s, what);
		} else {
			s = emit(p, "ALTER TABLE %s DROP COLUMN %s", T, C);
			note(p, s, "a generation expression cannot be changed: drop and add the column");
			ae(p, s, what);
			if (!f->generated_sql)
				hz(p, s, PLUMB_HAZARD_DELETES_DATA,
				   "drops the values of column \"%s\".\"%s\" (it becomes generated)", tn,
				   t->name);
			s = emit(p, "ALTER TABLE %s ADD COLUMN %s", T, column_sql(p, t));
			ae(p, s, what);
			hz(p, s, PLUMB_HAZARD_REWRITES_TABLE,
			   "computes column \"%s\".\"%s\" for every row of \"%s\"", tn, t->name, tn);
			vec_add(p, &p->recreated,
				fmt(p, "column:%s.%s", key(p, tb->schema, tb->name), t->name));
			return;
		}
	}
	/* Identity first goes, so the rest may change. */
	bool id_opts = !str_eq(f->identity_options, t->identity_options);
	if (f->identity && (!t->identity || id_opts)) {
		s = emit(p, "ALTER TABLE %s ALTER COLUMN %s DROP IDENTITY", T, C);
		ae(p, s, what);
	}
	if (fserial && !tserial) {
		const char *seqname = fmt(p, "%s_%s_seq", tb->name, f->name);
		s = emit(p, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT", T, C);
		ae(p, s, what);
		if (vec_has(&p->adopted, key(p, tb->schema, seqname)))
			emit(p, "ALTER SEQUENCE %s OWNED BY NONE", Q(p, tb->schema, seqname));
		else
			emit(p, "DROP SEQUENCE IF EXISTS %s", Q(p, tb->schema, seqname));
		fdef = NULL;
	}
	bool type_differs = !str_eq(ftype, ttype);
	bool coll_differs = !str_eq(f->collation, t->collation);
	if ((type_differs && fdef) || (fdef && !str_eq(fdef, tdef))) {
		if (!tdef || type_differs) {
			s = emit(p, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT", T, C);
			ae(p, s, what);
			default_gone = true;
		}
	}
	if (type_differs || coll_differs) {
		bool rewrite = false, narrows = false;
		const char *using = "";
		if (type_differs) {
			type_change(p, ftype, ttype, &rewrite, &narrows);
			if (is_enum_type(p, ftype) || is_enum_type(p, ttype))
				using = fmt(p, " USING %s::text::%s", C, ttype);
			else
				using = fmt(p, " USING %s::%s", C, ttype);
		}
		s = emit(p, "ALTER TABLE %s ALTER COLUMN %s TYPE %s%s%s", T, C, ttype,
			 t->collation ? fmt(p, " COLLATE %s", t->collation) : "", using);
		ae(p, s, what);
		if (rewrite)
			hz(p, s, PLUMB_HAZARD_REWRITES_TABLE,
			   "changes the type of column \"%s\".\"%s\" from %s to %s: rewrites every row",
			   tn, t->name, ftype, ttype);
		if (narrows)
			hz(p, s, PLUMB_HAZARD_NARROWS_TYPE,
			   "changes the type of column \"%s\".\"%s\" from %s to %s: values may not "
			   "fit or may change",
			   tn, t->name, ftype, ttype);
		if (!type_differs)
			hz(p, s, PLUMB_HAZARD_INDEX_BUILD,
			   "rebuilds the indexes on column \"%s\".\"%s\" for the new collation", tn,
			   t->name);
		if (fserial && tserial)
			emit(p, "ALTER SEQUENCE %s AS %s",
			     serial_seq(p, tb->schema, tb->name, t->name), ttype);
	}
	if (tdef && (default_gone || !str_eq(fdef, tdef))) {
		s = emit(p, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s", T, C, default_sql(t));
		ae(p, s, what);
	}
	if (f->not_null != t->not_null && !(t->not_null && t->identity && !f->identity && 0)) {
		if (!t->not_null) {
			s = emit(p, "ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL", T, C);
			ae(p, s, what);
		} else if (p->online) {
			const char *ck = fmt(p, "%s_%s_not_null", tb->name, t->name);
			if (strlen(ck) > 63)
				ck = fmt(p, "plumb_%s_not_null", t->name);
			s = emit(p, "ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) NOT VALID", T,
				 I(p, ck), C);
			note(p, s, "online: SET NOT NULL through a check added NOT VALID (no scan under "
				   "the lock)");
			ae(p, s, fmt(p, "table \"%s\" (briefly)", tn));
			s = emit(p, "ALTER TABLE %s VALIDATE CONSTRAINT %s", T, I(p, ck));
			note(p, s, "online: validate the check; writers keep running");
			hz(p, s, PLUMB_HAZARD_VALIDATES, "scans table \"%s\" for NULLs in \"%s\"", tn,
			   t->name);
			hz_backfill(p, s, tb, f->name, t->name);
			s = emit(p, "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL", T, C);
			note(p, s, "online: the validated check proves it, so no scan");
			ae(p, s, fmt(p, "table \"%s\" (briefly)", tn));
			s = emit(p, "ALTER TABLE %s DROP CONSTRAINT %s", T, I(p, ck));
			note(p, s, "online: the check has done its work");
			ae(p, s, fmt(p, "table \"%s\" (briefly)", tn));
		} else {
			s = emit(p, "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL", T, C);
			ae(p, s, what);
			hz(p, s, PLUMB_HAZARD_VALIDATES, "scans table \"%s\" for NULLs in \"%s\"", tn,
			   t->name);
			hz_backfill(p, s, tb, f->name, t->name);
		}
	}
	if (!fserial && tserial) {
		const char *seq = serial_seq(p, tb->schema, tb->name, t->name);
		bool adopt = vec_has(&p->adopted,
				     key(p, tb->schema, fmt(p, "%s_%s_seq", tb->name, t->name)));
		if (adopt) {
			/* the sequence of that name goes on, as a serial column's */
			s = emit(p, "ALTER SEQUENCE %s AS %s INCREMENT BY 1 NO MINVALUE NO MAXVALUE "
				    "START WITH 1 CACHE 1 NO CYCLE OWNED BY %s.%s",
				 seq, ttype, T, C);
			note(p, s, "the sequence of that name becomes the serial column's");
		} else {
			emit(p, "CREATE SEQUENCE %s AS %s OWNED BY %s.%s", seq, ttype, T, C);
		}
		s = emit(p, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT nextval(%s::regclass)", T, C,
			 L(p, seq));
		ae(p, s, what);
		if (!adopt)
			emit(p, "SELECT setval(%s, coalesce(max(%s), 0) + 1, false) FROM %s", L(p, seq),
			     C, T);
	}
	if (t->identity) {
		if (!f->identity || id_opts) {
			s = emit(p, "ALTER TABLE %s ALTER COLUMN %s ADD GENERATED %s AS IDENTITY%s", T, C,
				 t->identity,
				 t->identity_options ? fmt(p, " (%s)", t->identity_options) : "");
			ae(p, s, what);
			emit(p,
			     "SELECT setval(pg_get_serial_sequence(%s, %s), max(%s)) FROM %s "
			     "HAVING max(%s) IS NOT NULL",
			     L(p, T), L(p, t->name), C, T, C);
		} else if (!str_eq(f->identity, t->identity)) {
			s = emit(p, "ALTER TABLE %s ALTER COLUMN %s SET GENERATED %s", T, C, t->identity);
			ae(p, s, what);
		}
	}
}

static void add_column(planner *p, const plumb_table *tb, const plumb_column *c)
{
	const char *tn = dn(p, tb->schema, tb->name);
	plumb_stmt *s =
		emit(p, "ALTER TABLE %s ADD COLUMN %s", Q(p, tb->schema, tb->name), column_sql(p, c));
	ae(p, s, fmt(p, "table \"%s\"", tn));
	if (c->not_null && !c->identity && !c->generated_sql && !serial_base(c->type) &&
	    (!c->default_sql || strcasecmp(c->default_sql, "NULL") == 0))
		hz_backfill(p, s, tb, NULL, c->name);
	if (serial_base(c->type) || c->identity || c->generated_sql ||
	    default_volatile(p, c->default_sql))
		hz(p, s, PLUMB_HAZARD_REWRITES_TABLE,
		   "fills column \"%s\".\"%s\" with a value per row: rewrites \"%s\"", tn, c->name,
		   tn);
}

static bool constraint_same_but_name(planner *p, const plumb_constraint *f,
				     const plumb_constraint *t)
{
	plumb_constraint copy = *f;
	copy.name = t->name;
	if (plumb__pg_constraint_define(p->ctx, p->tmp, &copy)) {
		nomem(p);
		return false;
	}
	return str_eq(copy.definition, t->definition);
}


static void alter_table(planner *p, const plumb_change *c)
{
	const plumb_table *f = c->from, *t = c->to;
	const plumb_table_delta *d = c->delta;
	const char *T = Q(p, t->schema, t->name);
	const char *tn = dn(p, t->schema, t->name);
	const char *what = fmt(p, "table \"%s\"", tn);
	plumb_stmt *s;

	if (d->options_changed && partitioning_changed(f, t)) {
		/* From here on the old table is gone: the new one is created like a new table. */
		return;
	}
	if (c->renamed) {
		s = emit(p, "ALTER TABLE %s RENAME TO %s", Q(p, f->schema, f->name), I(p, t->name));
		ae(p, s, fmt(p, "table \"%s\"", dn(p, f->schema, f->name)));
	}
	for (size_t i = 0; i < d->renamed_columns.n; i++) {
		const plumb_column_change *cc = d->renamed_columns.items[i];
		s = emit(p, "ALTER TABLE %s RENAME COLUMN %s TO %s", T, I(p, cc->from->name),
			 I(p, cc->to->name));
		ae(p, s, what);
	}
	/* constraints renamed, or dropped (FKs went earlier) */
	for (size_t i = 0; i < d->renamed_constraints.n; i++) {
		const plumb_constraint_change *cc = d->renamed_constraints.items[i];
		if (constraint_same_but_name(p, cc->from, cc->to) && !set_aside_con(p, t, cc->from)) {
			s = emit(p, "ALTER TABLE %s RENAME CONSTRAINT %s TO %s", T, I(p, cc->from->name),
				 I(p, cc->to->name));
			ae(p, s, what);
		} else if (cc->from->kind != PLUMB_CON_FOREIGN_KEY) {
			drop_constraint(p, t->schema, t->name, cc->from);
		}
	}
	for (size_t i = 0; i < d->dropped_constraints.n; i++) {
		const plumb_constraint *con = d->dropped_constraints.items[i];
		if (con->kind != PLUMB_CON_FOREIGN_KEY)
			drop_constraint(p, t->schema, t->name, con);
	}
	for (size_t i = 0; d->options_changed && i < f->inherits.n; i++) {
		if (vec_has(&t->inherits, f->inherits.items[i]))
			continue;
		const char *ps, *pn;
		split_qname(p, f->inherits.items[i], &ps, &pn);
		s = emit(p, "ALTER TABLE %s NO INHERIT %s", T, Q(p, ps, pn));
		ae(p, s, what);
	}
	for (size_t i = 0; i < d->dropped_columns.n; i++) {
		const plumb_column *col = d->dropped_columns.items[i];
		/* an inherited column goes with the parent's */
		if (col->inherited && has_parent(t) && parent_changes_column(p, f, col->name, false))
			continue;
		s = emit(p, "ALTER TABLE %s DROP COLUMN %s", T, I(p, col->name));
		ae(p, s, what);
		hz(p, s, PLUMB_HAZARD_DELETES_DATA, "drops column \"%s\".\"%s\" and its values", tn,
		   col->name);
	}
	for (size_t i = 0; i < d->renamed_columns.n; i++) {
		const plumb_column_change *cc = d->renamed_columns.items[i];
		alter_column(p, t, cc->from, cc->to);
	}
	for (size_t i = 0; i < d->changed_columns.n; i++) {
		const plumb_column_change *cc = d->changed_columns.items[i];
		alter_column(p, t, cc->from, cc->to);
	}
	for (size_t i = 0; i < t->columns.n; i++) {
		const plumb_column *col = t->columns.items[i];
		for (size_t j = 0; j < d->added_columns.n; j++)
			if (d->added_columns.items[j] == col &&
			    !(col->inherited && parent_changes_column(p, t, col->name, true)))
				add_column(p, t, col);
	}
	for (size_t i = 0; i < d->renamed_constraints.n; i++) {
		const plumb_constraint_change *cc = d->renamed_constraints.items[i];
		if (cc->to->kind != PLUMB_CON_FOREIGN_KEY &&
		    (!constraint_same_but_name(p, cc->from, cc->to) || set_aside_con(p, t, cc->from)))
			add_constraint(p, t, cc->to, false);
	}
	for (size_t i = 0; i < d->added_constraints.n; i++) {
		const plumb_constraint *con = d->added_constraints.items[i];
		if (con->kind != PLUMB_CON_FOREIGN_KEY)
			add_constraint(p, t, con, false);
	}
	if (d->options_changed) {
		if (f->unlogged != t->unlogged) {
			s = emit(p, "ALTER TABLE %s SET %s", T, t->unlogged ? "UNLOGGED" : "LOGGED");
			ae(p, s, what);
			hz(p, s, PLUMB_HAZARD_REWRITES_TABLE, "rewrites table \"%s\" (%s)", tn,
			   t->unlogged ? "unlogged" : "logged");
		}
		if (f->rls_enabled != t->rls_enabled) {
			s = emit(p, "ALTER TABLE %s %s ROW LEVEL SECURITY", T,
				 t->rls_enabled ? "ENABLE" : "DISABLE");
			ae(p, s, what);
		}
		if (f->rls_forced != t->rls_forced) {
			s = emit(p, "ALTER TABLE %s %s ROW LEVEL SECURITY", T,
				 t->rls_forced ? "FORCE" : "NO FORCE");
			ae(p, s, what);
		}
		for (size_t i = 0; i < t->inherits.n; i++) {
			if (vec_has(&f->inherits, t->inherits.items[i]))
				continue;
			const char *ps, *pn;
			split_qname(p, t->inherits.items[i], &ps, &pn);
			s = emit(p, "ALTER TABLE %s INHERIT %s", T, Q(p, ps, pn));
			ae(p, s, what);
		}
	}
}

/* --- enums ------------------------------------------------------------- */

static bool in_list(const plumb_vec *v, const char *s)
{
	return vec_has(v, s);
}

static void enum_add_value(planner *p, const char *E, const char *label, const char *where,
			   const char *rel)
{
	plumb_stmt *s = rel ? emit(p, "ALTER TYPE %s ADD VALUE %s %s %s", E, L(p, label), where,
				   L(p, rel))
			    : emit(p, "ALTER TYPE %s ADD VALUE %s", E, L(p, label));
	if (!s)
		return;
	if (plumb_vec_push(p->tmp, &p->enum_adds, s) ||
	    plumb_vec_push(p->tmp, &p->enum_add_labels, (void *)label))
		nomem(p);
}

static const plumb_table *to_table_of(const planner *p, const plumb_table *f);
static void drop_object(planner *p, const plumb_object *o);
static bool index_same_but_name(const planner *p, const plumb_index *f, const plumb_index *t);
static const char *col_after(const planner *p, const plumb_change *tc, const char *col);

/* The column of `to` that column col of table tb of `from` becomes, or NULL. */
static const plumb_column *to_column_of(planner *p, const plumb_table *tb, const plumb_column *col)
{
	const plumb_table *tt = to_table_of(p, tb);
	const plumb_change *tc = find_change(p, PLUMB_OBJ_TABLE, tb->schema, tb->name, true);
	const char *name = col_after(p, tc, col->name);
	for (size_t i = 0; tt && i < tt->columns.n; i++) {
		const plumb_column *c = tt->columns.items[i];
		if (str_eq(c->name, name))
			return c;
	}
	return NULL;
}

/* The constraint of `to` named like con of table tb, when the diff leaves it
 * as it is; NULL when the table's changes drop or rename it. */
static const plumb_constraint *kept_constraint(planner *p, const plumb_table *tb,
					       const plumb_constraint *con)
{
	const plumb_change *tc = find_change(p, PLUMB_OBJ_TABLE, tb->schema, tb->name, true);
	const plumb_table *tt = to_table_of(p, tb);
	for (size_t i = 0; tc && tc->delta && i < tc->delta->dropped_constraints.n; i++)
		if (tc->delta->dropped_constraints.items[i] == con)
			return NULL;
	for (size_t i = 0; tc && tc->delta && i < tc->delta->renamed_constraints.n; i++)
		if (((const plumb_constraint_change *)tc->delta->renamed_constraints.items[i])->from ==
		    con)
			return NULL;
	for (size_t i = 0; tt && i < tt->constraints.n; i++) {
		const plumb_constraint *k = tt->constraints.items[i];
		if (k->kind == PLUMB_CON_CHECK && str_eq(k->name, con->name))
			return k;
	}
	return NULL;
}

/* Queues a statement for after an enum rebuild; on: the table it locks, or "". */
static void later(planner *p, plumb_vec *sqls, plumb_vec *ons, const char *on, const char *sql)
{
	if (!sql || !on || plumb_vec_push(p->tmp, sqls, (void *)sql) ||
	    plumb_vec_push(p->tmp, ons, (void *)on))
		nomem(p);
}

/* An enum that loses values (or reorders them): a new type, the columns of
 * every table of `from` that stays moved over to it, the old type dropped and
 * the new one renamed. What holds values of the old type goes first and comes
 * back once the type has its name: the defaults of those columns, and the
 * indexes and CHECKs whose expressions name the type or such a column
 * (enumuse.c finds them). What the diff changes anyway (a new default, a
 * changed CHECK or index) the table's and the index phase's statements set. */
static void enum_rebuild(planner *p, const plumb_object *f, const plumb_object *t,
			 const plumb_vec *removed)
{
	const char *E = Q(p, t->schema, t->name);
	const char *tmpname = fmt(p, "%s__plumb_new", t->name);
	const char *N = Q(p, t->schema, tmpname);
	plumb_buf vals;
	plumb_stmt *s;
	plumb_vec uses = {0};
	plumb_vec after = {0};   /* char *: statements once the type has its name */
	plumb_vec after_on = {0}; /* char *: the table each of those locks, or "" */
	plumb_vec rebuilt = {0}; /* const plumb_index *: indexes of `to` built again */
	plumb_vec domains = {0}; /* plumb_object *: domains over the enum */
	plumb_vec back = {0};    /* char *: columns of a domain set to it again */
	plumb_vec back_on = {0}; /* char *: the table of each */

	if (plumb__pg_type_domains(p->tmp, p->from, f->schema, f->name, &domains) < 0 ||
	    plumb__pg_enum_uses(p->tmp, p->from, f->schema, f->name, &domains, &uses) < 0) {
		nomem(p);
		return;
	}
	plumb_buf_init(&vals, p->tmp, 0);
	for (size_t i = 0; i < t->values.n; i++)
		plumb_buf_printf(&vals, "%s%s", i ? ", " : "", L(p, t->values.items[i]));
	s = emit(p, "CREATE TYPE %s AS ENUM (%s)", N, plumb_buf_str(&vals));
	note(p, s, fmt(p, "enum \"%s\" loses values: build the new type, move the columns over, "
			  "drop the old one",
		       dn(p, t->schema, t->name)));
	for (size_t u = 0; u < uses.n; u++) {
		const plumb_pg_enum_use *use = uses.items[u];
		const plumb_table *tb = use->table;
		const plumb_change *tc = find_change(p, PLUMB_OBJ_TABLE, tb->schema, tb->name, true);
		if (tc && tc->op == PLUMB_CHANGE_DROP)
			continue;
		const char *T = Q(p, tb->schema, tb->name);
		const char *tn = dn(p, tb->schema, tb->name);
		/* indexes naming the type: dropped unless phase 1 dropped them; one
		 * only renamed is built under its new name */
		for (size_t i = 0; i < use->indexes.n; i++) {
			const plumb_index *ix = use->indexes.items[i];
			const plumb_change *ic = find_change(p, PLUMB_OBJ_INDEX, ix->schema, ix->name,
							     true);
			bool renamed = ic && ic->op == PLUMB_CHANGE_ALTER && ic->renamed &&
				       index_same_but_name(p, ic->from, ic->to);
			if (ic && !renamed)
				continue;
			const plumb_index *tix = renamed ? ic->to
							 : plumb_catalog_find(p->to, PLUMB_OBJ_INDEX,
									      ix->schema, ix->name);
			vec_add(p, &p->set_aside_objs, recreated_key(p, "index", ix->schema, ix->name));
			s = emit(p, "DROP INDEX %s", Q(p, ix->schema, ix->name));
			note(p, s, fmt(p, "index \"%s\" holds values of enum \"%s\": dropped, built "
					  "again after",
				       ix->name, dn(p, t->schema, t->name)));
			ae(p, s, fmt(p, "table \"%s\"", tn));
			if (tix && plumb_vec_push(p->tmp, &rebuilt, (void *)tix))
				nomem(p);
		}
		/* CHECKs naming the type or its columns */
		for (size_t i = 0; i < use->checks.n; i++) {
			const plumb_constraint *con = use->checks.items[i];
			if (!con->name)
				continue;
			const plumb_constraint *kept = kept_constraint(p, tb, con);
			drop_constraint(p, tb->schema, tb->name, con);
			vec_add(p, &p->set_aside, fmt(p, "%s.%s.%s", tb->schema ? tb->schema : "public",
						      tb->name, con->name));
			if (kept)
				later(p, &after, &after_on, tn,
				      fmt(p, "ALTER TABLE %s ADD %s", T, constraint_sql(p, kept)));
		}
		for (size_t j = 0; j < use->columns.n; j++) {
			const plumb_column *col = use->columns.items[j];
			const char *C = I(p, col->name);
			const char *arr = strstr(col->type, "[]");
			if (plumb__pg_type_is_domain(col->type, &domains)) {
				/* of a domain over the enum: back to the domain once it is
				 * created again, unless the table's change types it anew */
				const plumb_column *tcol = to_column_of(p, tb, col);
				if (tcol && str_eq(tcol->type, col->type) &&
				    (plumb_vec_push(p->tmp, &back,
						    (void *)fmt(p, "ALTER TABLE %s ALTER COLUMN %s TYPE %s",
								T, C, col->type)) ||
				     plumb_vec_push(p->tmp, &back_on, (void *)tn)))
					nomem(p);
			}
			if (col->default_sql) {
				/* set again only when the schema keeps it; a new default is
				 * the table's change to make */
				const plumb_column *tcol = to_column_of(p, tb, col);
				s = emit(p, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT", T, C);
				ae(p, s, fmt(p, "table \"%s\"", tn));
				if (tcol && str_eq(tcol->default_sql, col->default_sql))
					later(p, &after, &after_on, tn,
					      fmt(p, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s", T, C,
						  tcol->default_written ? tcol->default_written
									: tcol->default_sql));
			}
			s = emit(p, "ALTER TABLE %s ALTER COLUMN %s TYPE %s%s USING %s::text%s::%s%s", T,
				 C, N, arr ? arr : "", C, arr ? arr : "", N, arr ? arr : "");
			ae(p, s, fmt(p, "table \"%s\"", tn));
			hz(p, s, PLUMB_HAZARD_REWRITES_TABLE, "rewrites table \"%s\" to change the type of \"%s\"",
			   tn, col->name);
			for (size_t k = 0; k < removed->n; k++)
				hz(p, s, PLUMB_HAZARD_DELETES_DATA,
				   "value '%s' leaves enum \"%s\": rows of \"%s\".\"%s\" holding it make "
				   "the change fail",
				   (const char *)removed->items[k], dn(p, t->schema, t->name), tn,
				   col->name);
		}
		vec_add(p, &p->touched, key(p, tb->schema, tb->name));
	}
	/* functions taking or returning the type or a domain over it: the
	 * schema's own come back; one the diff changes or drops is its change's
	 * to create or not */
	plumb_vec fns = {0};
	if (plumb__pg_type_functions(p->tmp, p->from, f->schema, f->name, &fns) < 0)
		nomem(p);
	for (size_t i = 0; i < domains.n; i++) {
		const plumb_object *d = domains.items[i];
		if (plumb__pg_type_functions(p->tmp, p->from, d->schema, d->name, &fns) < 0)
			nomem(p);
	}
	for (size_t i = 0; i < fns.n; i++) {
		const plumb_object *fn = fns.items[i];
		const plumb_change *fc = find_change(p, PLUMB_OBJ_FUNCTION, fn->schema, fn->name, true);
		const plumb_object *tfn = plumb_catalog_find(p->to, PLUMB_OBJ_FUNCTION, fn->schema,
							     fn->name);
		drop_object(p, fn);
		vec_add(p, &p->set_aside_objs, recreated_key(p, "function", fn->schema, fn->name));
		note(p, last_stmt(p), fmt(p, "its signature names enum \"%s\": dropped%s",
					  dn(p, t->schema, t->name),
					  fc ? "" : ", created again after"));
		if (!fc && tfn && obj_sql(tfn))
			later(p, &after, &after_on, "", obj_sql(tfn));
	}
	/* domains over the type: dropped, and the schema's created again over
	 * the new type (one the diff changes is created by its change) */
	for (size_t i = domains.n; i-- > 0;) {
		const plumb_object *d = domains.items[i];
		bool kept = plumb_catalog_find(p->to, PLUMB_OBJ_DOMAIN, d->schema, d->name) != NULL;
		drop_object(p, d);
		vec_add(p, &p->set_aside_objs, recreated_key(p, "domain", d->schema, d->name));
		note(p, last_stmt(p), fmt(p, "domain over enum \"%s\": dropped%s",
					  dn(p, t->schema, t->name), kept ? ", created again after" : ""));
	}
	emit(p, "DROP TYPE %s", E);
	emit(p, "ALTER TYPE %s RENAME TO %s", N, I(p, t->name));
	for (size_t i = 0; i < domains.n; i++) {
		const plumb_object *d = domains.items[i];
		const plumb_object *td = plumb_catalog_find(p->to, PLUMB_OBJ_DOMAIN, d->schema, d->name);
		if (td && obj_sql(td))
			emit(p, "%s", obj_sql(td));
	}
	for (size_t i = 0; i < back.n; i++) {
		s = emit(p, "%s", (const char *)back.items[i]);
		ae(p, s, fmt(p, "table \"%s\"", (const char *)back_on.items[i]));
		hz(p, s, PLUMB_HAZARD_REWRITES_TABLE, "rewrites table \"%s\" to check the domain",
		   (const char *)back_on.items[i]);
	}
	for (size_t i = 0; i < after.n; i++) {
		const char *on = after_on.items[i];
		s = emit(p, "%s", (const char *)after.items[i]);
		if (*on)
			ae(p, s, fmt(p, "table \"%s\"", on));
	}
	for (size_t i = 0; i < rebuilt.n; i++) {
		const plumb_index *ix = rebuilt.items[i];
		s = emit(p, "%s", ix->sql ? ix->sql : ix->definition);
		hz(p, s, PLUMB_HAZARD_INDEX_BUILD, "builds index \"%s\" on \"%s\", blocking writes "
						  "meanwhile", ix->name, dn(p, ix->schema, ix->table));
	}
	vec_add(p, &p->recreated, recreated_key(p, "type", t->schema, t->name));
}

/* Do the enum's values change so much that the type must be rebuilt? */
static bool enum_needs_rebuild(planner *p, const plumb_change *c, plumb_vec *cur,
			       plumb_vec *removed)
{
	const plumb_object *f = c->from, *t = c->to;
	for (size_t i = 0; i < f->values.n; i++) {
		const char *v = f->values.items[i];
		for (size_t j = 0; j + 1 < t->renamed_values.n; j += 2)
			if (str_eq(t->renamed_values.items[j], v) &&
			    !in_list(&f->values, t->renamed_values.items[j + 1]))
				v = t->renamed_values.items[j + 1];
		if (plumb_vec_push(p->tmp, cur, (void *)v))
			nomem(p);
		if (!in_list(&t->values, v) && plumb_vec_push(p->tmp, removed, (void *)v))
			nomem(p);
	}
	if (removed->n)
		return true;
	/* the old values keep their order in the new list */
	size_t j = 0;
	for (size_t i = 0; i < t->values.n && j < cur->n; i++)
		if (str_eq(t->values.items[i], cur->items[j]))
			j++;
	return j != cur->n;
}

static void alter_enum(planner *p, const plumb_change *c)
{
	const plumb_object *f = c->from, *t = c->to;
	const char *E = Q(p, t->schema, t->name);
	plumb_vec cur = {0}, removed = {0};

	if (c->renamed)
		emit(p, "ALTER TYPE %s RENAME TO %s", Q(p, f->schema, f->name), I(p, t->name));
	if (enum_needs_rebuild(p, c, &cur, &removed)) {
		enum_rebuild(p, f, t, &removed);
		return;
	}
	for (size_t j = 0; j + 1 < t->renamed_values.n; j += 2) {
		const char *o = t->renamed_values.items[j], *n = t->renamed_values.items[j + 1];
		if (in_list(&f->values, o) && !in_list(&f->values, n))
			emit(p, "ALTER TYPE %s RENAME VALUE %s TO %s", E, L(p, o), L(p, n));
	}
	/* add the new values in place, each next to one already there */
	for (size_t i = 0; i < t->values.n; i++) {
		const char *v = t->values.items[i];
		if (in_list(&cur, v))
			continue;
		if (i > 0)
			enum_add_value(p, E, v, "AFTER", t->values.items[i - 1]);
		else if (cur.n)
			enum_add_value(p, E, v, "BEFORE", cur.items[0]);
		else
			enum_add_value(p, E, v, NULL, NULL);
		if (plumb_vec_push(p->tmp, &cur, (void *)v))
			nomem(p);
	}
}

static void create_enum(planner *p, const plumb_object *o)
{
	plumb_buf b;
	plumb_buf_init(&b, p->tmp, 0);
	for (size_t i = 0; i < o->values.n; i++)
		plumb_buf_printf(&b, "%s%s", i ? ", " : "", L(p, o->values.items[i]));
	emit(p, "CREATE TYPE %s AS ENUM (%s)", Q(p, o->schema, o->name), plumb_buf_str(&b));
}

/* --- other objects ------------------------------------------------------ */

static const char *ci_find(const char *hay, const char *needle);

/* A sequence statement without its trailing OWNED BY clause, which waits
 * (in p->owned_by) until the owning table exists, as pg_dump orders it. */
static const char *defer_owned_by(planner *p, const plumb_object *o, const char *sql)
{
	const char *at = ci_find(sql, " OWNED BY ");
	if (!at)
		return sql;
	vec_add(p, &p->owned_by, fmt(p, "ALTER SEQUENCE %s%s", Q(p, o->schema, o->name), at));
	return fmt(p, "%.*s", (int)(at - sql), sql);
}

static void create_object(planner *p, const plumb_object *o)
{
	switch (o->kind) {
	case PLUMB_OBJ_SCHEMA:
		emit(p, "CREATE SCHEMA %s", I(p, o->name));
		break;
	case PLUMB_OBJ_EXTENSION:
		emit(p, "CREATE EXTENSION IF NOT EXISTS %s%s%s%s", I(p, o->name),
		     o->schema && strcmp(o->schema, "public") != 0 ? " SCHEMA " : "",
		     o->schema && strcmp(o->schema, "public") != 0 ? I(p, o->schema) : "",
		     o->version ? fmt(p, " VERSION %s", L(p, o->version)) : "");
		break;
	case PLUMB_OBJ_ENUM:
		create_enum(p, o);
		break;
	case PLUMB_OBJ_POLICY: {
		plumb_stmt *s = emit(p, "%s", obj_sql(o));
		ae(p, s, fmt(p, "table \"%s\"", dn(p, o->schema, o->table ? o->table : "?")));
		break;
	}
	case PLUMB_OBJ_COMMENT:
		emit(p, "COMMENT ON %s IS %s", o->name, L(p, o->definition ? o->definition : ""));
		break;
	default:
		if (!obj_sql(o)) {
			if (!p->rc)
				p->rc = plumb_error_set(p->ctx, PLUMB_ERROR,
							"could not create %s \"%s\": no definition",
							plumb_obj_kind_name(o->kind), o->name);
			return;
		}
		if (o->kind == PLUMB_OBJ_SEQUENCE)
			emit(p, "%s", defer_owned_by(p, o, obj_sql(o)));
		else
			emit(p, "%s", obj_sql(o));
		break;
	}
}

static void drop_object(planner *p, const plumb_object *o)
{
	plumb_stmt *s = NULL;
	switch (o->kind) {
	case PLUMB_OBJ_SCHEMA:
		emit(p, "DROP SCHEMA %s", I(p, o->name));
		break;
	case PLUMB_OBJ_EXTENSION:
		emit(p, "DROP EXTENSION %s", I(p, o->name));
		break;
	case PLUMB_OBJ_ENUM:
	case PLUMB_OBJ_TYPE:
		emit(p, "DROP TYPE %s", Q(p, o->schema, o->name));
		break;
	case PLUMB_OBJ_DOMAIN:
		emit(p, "DROP DOMAIN %s", Q(p, o->schema, o->name));
		break;
	case PLUMB_OBJ_COLLATION:
		emit(p, "DROP COLLATION %s", Q(p, o->schema, o->name));
		break;
	case PLUMB_OBJ_SEQUENCE:
		s = emit(p, "DROP SEQUENCE %s", Q(p, o->schema, o->name));
		hz(p, s, PLUMB_HAZARD_DELETES_DATA, "drops sequence \"%s\" and its current value",
		   dn(p, o->schema, o->name));
		break;
	case PLUMB_OBJ_FUNCTION:
		emit(p, "DROP %s %s", is_procedure(o) ? "PROCEDURE" : "FUNCTION", func_sig(p, o));
		break;
	case PLUMB_OBJ_POLICY:
		s = emit(p, "DROP POLICY %s ON %s", I(p, o->name),
			 Q(p, o->schema, o->table ? o->table : ""));
		ae(p, s, fmt(p, "table \"%s\"", dn(p, o->schema, o->table ? o->table : "?")));
		break;
	case PLUMB_OBJ_COMMENT:
		emit(p, "COMMENT ON %s IS NULL", o->name);
		break;
	default:
		break;
	}
}

static const char *ci_find(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

/* ALTER SEQUENCE from the options of a CREATE SEQUENCE text. */
static void alter_sequence(planner *p, const plumb_object *f, const plumb_object *t)
{
	const char *sql = obj_sql(t), *rest = sql;
	if (!sql)
		return;
	/* skip "CREATE SEQUENCE [IF NOT EXISTS] name" */
	rest = ci_find(sql, "SEQUENCE");
	rest = rest ? rest + 8 : sql;
	while (isspace((unsigned char)*rest))
		rest++;
	if (strncasecmp(rest, "IF NOT EXISTS", 13) == 0)
		rest += 13;
	while (isspace((unsigned char)*rest))
		rest++;
	bool q = false;
	while (*rest && (q || !isspace((unsigned char)*rest))) {
		if (*rest == '"')
			q = !q;
		rest++;
	}
	while (isspace((unsigned char)*rest))
		rest++;
	plumb_buf b;
	plumb_buf_init(&b, p->tmp, 0);
	plumb_buf_printf(&b, "ALTER SEQUENCE %s", Q(p, t->schema, t->name));
	if (!ci_find(rest, "AS "))
		plumb_buf_puts(&b, " AS bigint");
	if (!ci_find(rest, "INCREMENT"))
		plumb_buf_puts(&b, " INCREMENT BY 1");
	if (!ci_find(rest, "MINVALUE"))
		plumb_buf_puts(&b, " NO MINVALUE");
	if (!ci_find(rest, "MAXVALUE"))
		plumb_buf_puts(&b, " NO MAXVALUE");
	if (!ci_find(rest, "CACHE"))
		plumb_buf_puts(&b, " CACHE 1");
	if (!ci_find(rest, "CYCLE"))
		plumb_buf_puts(&b, " NO CYCLE");
	if (*rest)
		plumb_buf_printf(&b, " %s", rest);
	(void)f;
	emit(p, "%s", defer_owned_by(p, t, plumb_buf_str(&b)));
}

/* Compares dotted version strings by their numbers ("1.10" > "1.9");
 * parts that are not numbers compare as text. */
static int version_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			char *ea, *eb;
			unsigned long long x = strtoull(a, &ea, 10), y = strtoull(b, &eb, 10);
			if (x != y)
				return x < y ? -1 : 1;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return 0;
}

/* An extension moves to another version with ALTER EXTENSION ... UPDATE;
 * extensions ship no scripts going back, so an older version (or another
 * schema) means drop and create, which fails while objects depend on it. */
static void alter_extension(planner *p, const plumb_object *f, const plumb_object *t)
{
	bool same_schema = str_eq(f->definition, t->definition);
	if (same_schema && t->version && (!f->version || version_cmp(t->version, f->version) > 0)) {
		emit(p, "ALTER EXTENSION %s UPDATE TO %s", I(p, t->name), L(p, t->version));
		return;
	}
	plumb_stmt *s = emit(p, "DROP EXTENSION %s", I(p, f->name));
	note(p, s, same_schema ? "an extension cannot go back to an older version: drop and create"
			       : "the extension moves to another schema: drop and create");
	create_object(p, t);
}

/* Renames an object other than a table, index or enum. */
static void rename_object(planner *p, const plumb_object *f, const plumb_object *t)
{
	const char *kw = NULL;
	switch (f->kind) {
	case PLUMB_OBJ_SCHEMA:
		emit(p, "ALTER SCHEMA %s RENAME TO %s", I(p, f->name), I(p, t->name));
		return;
	case PLUMB_OBJ_FUNCTION:
		emit(p, "ALTER %s %s RENAME TO %s", is_procedure(f) ? "PROCEDURE" : "FUNCTION",
		     func_sig(p, f), I(p, func_base(p, t->name)));
		return;
	case PLUMB_OBJ_POLICY:
		emit(p, "ALTER POLICY %s ON %s RENAME TO %s", I(p, f->name),
		     Q(p, f->schema, f->table ? f->table : ""), I(p, t->name));
		return;
	case PLUMB_OBJ_DOMAIN:
		kw = "DOMAIN";
		break;
	case PLUMB_OBJ_SEQUENCE:
		kw = "SEQUENCE";
		break;
	case PLUMB_OBJ_TYPE:
	case PLUMB_OBJ_ENUM:
		kw = "TYPE";
		break;
	default:
		return;
	}
	emit(p, "ALTER %s %s RENAME TO %s", kw, Q(p, f->schema, f->name), I(p, t->name));
}

/* Definitions equal once the old name reads as the new one? */
static bool same_after_rename(planner *p, const plumb_object *f, const plumb_object *t)
{
	const char *fd = f->definition ? f->definition : "", *td = t->definition ? t->definition : "";
	const char *fb = func_base(p, f->name), *tb = func_base(p, t->name);
	plumb_buf b;
	size_t n = strlen(fb);
	plumb_buf_init(&b, p->tmp, 0);
	for (const char *s = fd; *s;) {
		if (n && strncmp(s, fb, n) == 0) {
			plumb_buf_puts(&b, tb);
			s += n;
		} else {
			plumb_buf_putc(&b, *s++);
		}
	}
	return !b.failed && strcmp(plumb_buf_str(&b), td) == 0;
}

/* --- ordering ----------------------------------------------------------- */

typedef struct item {
	const plumb_change *c;
	const char *name;       /* for cycle reports */
	plumb_vec provides;     /* keys */
	plumb_vec deps;         /* keys */
	plumb_vec soft;         /* keys followed while they make no cycle */
	bool done;
} item;

/* What object o of catalog cat needs before it can be created (and so what
 * must be dropped before it): its schema, its recorded depends, the types
 * and collations its definition names (a function: its signature), the
 * functions a domain or type calls. Into soft go the tables a function's
 * signature names as row types and the relations a SQL-language body reads:
 * PostgreSQL checks those at creation, but they may also need the function. */
static void object_deps(planner *p, const plumb_catalog *cat, const plumb_object *o,
			plumb_vec *deps, plumb_vec *soft)
{
	const char *self = key(p, o->schema, o->name);
	if (o->kind != PLUMB_OBJ_SCHEMA)
		vec_add(p, deps, fmt(p, "schema:%s", o->schema ? o->schema : "public"));
	for (size_t j = 0; j < o->depends.n; j++)
		if (!str_eq(o->depends.items[j], self))
			vec_add(p, deps, o->depends.items[j]);
	if (o->kind != PLUMB_OBJ_DOMAIN && o->kind != PLUMB_OBJ_TYPE &&
	    o->kind != PLUMB_OBJ_FUNCTION)
		return;
	/* a function: its signature's types, its LANGUAGE sql body's relations */
	plumb_pg_refs r = refs_of(p, obj_sql(o), true);
	for (size_t i = 0; i < cat->objects.n; i++) {
		const plumb_object *x = cat->objects.items[i];
		if (x == o)
			continue;
		switch (x->kind) {
		case PLUMB_OBJ_ENUM:
		case PLUMB_OBJ_DOMAIN:
		case PLUMB_OBJ_TYPE:
			if (plumb__pg_refs_has(&r.types, x->schema, x->name, false))
				vec_add(p, deps, key(p, x->schema, x->name));
			break;
		case PLUMB_OBJ_COLLATION:
			if (plumb__pg_refs_has(&r.colls, x->schema, x->name, false))
				vec_add(p, deps, key(p, x->schema, x->name));
			break;
		case PLUMB_OBJ_FUNCTION:
			if (o->kind != PLUMB_OBJ_FUNCTION &&
			    plumb__pg_refs_has(&r.funcs, x->schema, func_base(p, x->name), true))
				vec_add(p, deps, key(p, x->schema, func_base(p, x->name)));
			break;
		default:
			break;
		}
	}
	if (o->kind != PLUMB_OBJ_FUNCTION)
		return;
	for (size_t i = 0; i < cat->tables.n; i++) {
		const plumb_table *t = cat->tables.items[i];
		if (plumb__pg_refs_has(&r.types, t->schema, t->name, false) ||
		    plumb__pg_refs_has(&r.rels, t->schema, t->name, false))
			vec_add(p, soft, key(p, t->schema, t->name));
	}
	for (size_t i = 0; i < cat->views.n; i++) {
		const plumb_view *v = cat->views.items[i];
		if (plumb__pg_refs_has(&r.rels, v->schema, v->name, false))
			vec_add(p, soft, key(p, v->schema, v->name));
	}
}

static void item_deps_of_table(planner *p, item *it, const plumb_table *t,
			       const plumb_table_delta *d)
{
	vec_add(p, &it->deps, fmt(p, "schema:%s", t->schema ? t->schema : "public"));
	if (t->partition_of) {
		const char *ps, *pn;
		split_qname(p, t->partition_of, &ps, &pn);
		vec_add(p, &it->deps, key(p, ps, pn));
	}
	for (size_t i = 0; i < t->inherits.n; i++) {
		const char *ps, *pn;
		split_qname(p, t->inherits.items[i], &ps, &pn);
		vec_add(p, &it->deps, key(p, ps, pn));
	}
	const plumb_vec *cols = d ? NULL : &t->columns;
	plumb_vec changed = {0};
	if (d) {
		for (size_t i = 0; i < d->added_columns.n; i++)
			if (plumb_vec_push(p->tmp, &changed, d->added_columns.items[i]))
				nomem(p);
		for (size_t i = 0; i < d->changed_columns.n; i++)
			if (plumb_vec_push(p->tmp, &changed,
					   (void *)((plumb_column_change *)d->changed_columns.items[i])->to))
				nomem(p);
		for (size_t i = 0; i < d->renamed_columns.n; i++)
			if (plumb_vec_push(p->tmp, &changed,
					   (void *)((plumb_column_change *)d->renamed_columns.items[i])->to))
				nomem(p);
		cols = &changed;
	}
	for (size_t i = 0; i < cols->n; i++) {
		const plumb_column *c = cols->items[i];
		const plumb_object *o = find_type_object(p, p->to, c->type);
		if (o)
			vec_add(p, &it->deps, key(p, o->schema, o->name));
		if ((o = find_collation(p, p->to, c->collation)))
			vec_add(p, &it->deps, key(p, o->schema, o->name));
		if (!c->default_sql && !c->generated_sql)
			continue;
		plumb_pg_refs r = refs_of(p, c->default_sql, false);
		plumb_pg_refs g = refs_of(p, c->generated_sql, false);
		const plumb_vec *fns = objects(p, p->to, PLUMB_OBJ_FUNCTION);
		for (size_t j = 0; j < fns->n; j++) {
			const plumb_object *fn = fns->items[j];
			const char *base = func_base(p, fn->name);
			if (plumb__pg_refs_has(&r.funcs, fn->schema, base, true) ||
			    plumb__pg_refs_has(&g.funcs, fn->schema, base, true))
				vec_add(p, &it->deps, key(p, fn->schema, base));
		}
		const plumb_vec *seqs = objects(p, p->to, PLUMB_OBJ_SEQUENCE);
		for (size_t j = 0; j < seqs->n; j++) {
			const plumb_object *sq = seqs->items[j];
			if (plumb__pg_refs_has(&r.rels, sq->schema, sq->name, false))
				vec_add(p, &it->deps, key(p, sq->schema, sq->name));
		}
	}
	const plumb_vec *cons = &t->constraints;
	if (d)
		cons = &d->added_constraints;
	for (size_t i = 0; i < cons->n; i++) {
		const plumb_constraint *con = cons->items[i];
		if (con->kind != PLUMB_CON_CHECK)
			continue;
		const plumb_vec *fns = objects(p, p->to, PLUMB_OBJ_FUNCTION);
		plumb_pg_refs r = refs_of(p, con->check_sql, false);
		for (size_t j = 0; j < fns->n; j++) {
			const plumb_object *fn = fns->items[j];
			if (plumb__pg_refs_has(&r.funcs, fn->schema, func_base(p, fn->name), true))
				vec_add(p, &it->deps, key(p, fn->schema, func_base(p, fn->name)));
		}
	}
}

/* Are the dependencies of items[i] (with soft, its soft ones too) all done
 * or provided by nobody pending? */
static bool item_ready(const item *items, size_t n, size_t i, bool soft)
{
	const plumb_vec *vs[2] = {&items[i].deps, &items[i].soft};
	for (int k = 0; k < (soft ? 2 : 1); k++)
		for (size_t d = 0; d < vs[k]->n; d++)
			for (size_t j = 0; j < n; j++)
				if (j != i && !items[j].done &&
				    vec_has(&items[j].provides, vs[k]->items[d]))
					return false;
	return true;
}

/* Runs the items in a stable topological order: each time the first one
 * whose dependencies are all done or provided by nobody pending, soft ones
 * included while that leaves one to pick. */
static void run_items(planner *p, item *items, size_t n, void (*fn)(planner *, const plumb_change *))
{
	size_t left = 0;
	for (size_t i = 0; i < n; i++)
		left += !items[i].done;
	while (left && !p->rc) {
		size_t pick = n;
		for (int pass = 0; pass < 2 && pick == n; pass++)
			for (size_t i = 0; i < n && pick == n; i++)
				if (!items[i].done && item_ready(items, n, i, pass == 0))
					pick = i;
		if (pick == n) {
			plumb_buf b;
			plumb_buf_init(&b, p->tmp, 0);
			for (size_t i = 0; i < n; i++)
				if (!items[i].done)
					plumb_buf_printf(&b, "%s%s", b.len ? ", " : "", items[i].name);
			p->rc = plumb_error_set(p->ctx, PLUMB_ERROR,
						"could not order the changes: dependency cycle among %s",
						plumb_buf_str(&b));
			return;
		}
		items[pick].done = true;
		left--;
		fn(p, items[pick].c);
	}
}

/* The middle phase: schemas, extensions, types, sequences, functions and tables,
 * created or altered. */
/* The text of a function's parameter list "(...)" (from the first '(' to
 * its match) and of its RETURNS clause, for telling whether CREATE OR
 * REPLACE can carry a change. */
static size_t paren_span(const char *s, const char **start)
{
	const char *p = strchr(s, '(');
	int depth = 0;
	bool q = false;
	*start = p;
	if (!p)
		return 0;
	for (const char *c = p; *c; c++) {
		if (*c == '\'')
			q = !q;
		else if (!q && *c == '(')
			depth++;
		else if (!q && *c == ')' && --depth == 0)
			return (size_t)(c - p + 1);
	}
	return 0;
}

static size_t returns_span(const char *s, const char **start)
{
	const char *r = ci_find(s, " RETURNS ");
	*start = r;
	if (!r)
		return 0;
	static const char *const ends[] = {" LANGUAGE ", " AS ", " IMMUTABLE", " STABLE",
					   " VOLATILE", " STRICT", " SECURITY ", " PARALLEL ",
					   " COST ", " ROWS ", " SET ", " BEGIN ATOMIC"};
	const char *end = r + strlen(r);
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		const char *e = ci_find(r + 9, ends[i]);
		if (e && e < end)
			end = e;
	}
	return (size_t)(end - r);
}

static bool spans_equal(const char *a, size_t na, const char *b, size_t nb)
{
	if (!a || !b)
		return a == b;
	return na == nb && strncasecmp(a, b, na) == 0;
}

static bool replaceable_function(const plumb_object *f, const plumb_object *t)
{
	const char *fs = f->definition ? f->definition : obj_sql(f);
	const char *ts = t->definition ? t->definition : obj_sql(t);
	const char *a, *b;
	size_t na, nb;
	if (!fs || !ts)
		return false;
	na = paren_span(fs, &a);
	nb = paren_span(ts, &b);
	if (!spans_equal(a, na, b, nb))
		return false;
	na = returns_span(fs, &a);
	nb = returns_span(ts, &b);
	return spans_equal(a, na, b, nb);
}

/* sql as CREATE OR REPLACE FUNCTION/PROCEDURE. */
static const char *or_replace(planner *p, const char *sql)
{
	const char *s = sql;
	while (isspace((unsigned char)*s))
		s++;
	if (strncasecmp(s, "CREATE", 6) != 0)
		return sql;
	const char *rest = s + 6;
	while (isspace((unsigned char)*rest))
		rest++;
	if (strncasecmp(rest, "OR REPLACE", 10) == 0)
		return sql;
	return fmt(p, "CREATE OR REPLACE %s", rest);
}

static void mid_change(planner *p, const plumb_change *c)
{
	if (c->kind == PLUMB_OBJ_TABLE) {
		const plumb_table *t = c->to;
		if (c->op == PLUMB_CHANGE_CREATE) {
			create_table(p, t);
		} else if (c->delta->options_changed && partitioning_changed(c->from, t)) {
			plumb_stmt *s = drop_table(p, c->from,
						   "the partitioning changes: drop and create the table");
			(void)s;
			create_table(p, t);
		} else {
			alter_table(p, c);
		}
		return;
	}
	const plumb_object *f = c->from, *t = c->to;
	if (c->op == PLUMB_CHANGE_CREATE && t->kind == PLUMB_OBJ_SEQUENCE &&
	    vec_has(&p->adopted, key(p, t->schema, t->name))) {
		/* a serial column's sequence goes on as a sequence of its own */
		alter_sequence(p, NULL, t);
		return;
	}
	if (c->op == PLUMB_CHANGE_CREATE) {
		create_object(p, t);
		return;
	}
	/* ALTER */
	switch (c->kind) {
	case PLUMB_OBJ_ENUM:
		alter_enum(p, c);
		return;
	case PLUMB_OBJ_FUNCTION:
		if (is_set_aside(p, "function", f->schema, f->name)) {
			/* an enum rebuild dropped it: created as the schema has it */
			create_object(p, t);
			vec_add(p, &p->recreated, recreated_key(p, "function", t->schema, t->name));
			return;
		}
		if (c->renamed)
			rename_object(p, f, t);
		if (c->renamed && same_after_rename(p, f, t))
			return;
		if (replaceable_function(f, t)) {
			emit(p, "%s", or_replace(p, obj_sql(t)));
		} else {
			/* CREATE OR REPLACE cannot change the result type or the
			 * parameters' names and defaults */
			if (!c->renamed)
				drop_object(p, f);
			else {
				plumb_object g = *f;
				g.name = t->name;
				drop_object(p, &g);
			}
			create_object(p, t);
			vec_add(p, &p->recreated, recreated_key(p, "function", t->schema, t->name));
		}
		return;
	case PLUMB_OBJ_SEQUENCE:
		if (c->renamed)
			rename_object(p, f, t);
		if (!c->renamed || !same_after_rename(p, f, t))
			alter_sequence(p, f, t);
		return;
	case PLUMB_OBJ_SCHEMA:
		if (c->renamed)
			rename_object(p, f, t);
		return;
	case PLUMB_OBJ_DOMAIN:
	case PLUMB_OBJ_TYPE:
		if (c->kind == PLUMB_OBJ_DOMAIN && is_set_aside(p, "domain", f->schema, f->name))
			return; /* an enum rebuild created it again */
		if (c->renamed) {
			rename_object(p, f, t);
			if (same_after_rename(p, f, t))
				return;
			plumb_object g = *f;
			g.name = t->name;
			drop_object(p, &g);
		} else {
			drop_object(p, f);
		}
		create_object(p, t);
		vec_add(p, &p->recreated,
			recreated_key(p, c->kind == PLUMB_OBJ_DOMAIN ? "domain" : "type", t->schema,
				      t->name));
		return;
	case PLUMB_OBJ_EXTENSION:
		alter_extension(p, f, t);
		return;
	case PLUMB_OBJ_COLLATION:
		drop_object(p, f);
		create_object(p, t);
		return;
	default:
		return;
	}
}

static bool is_mid_kind(plumb_obj_kind k)
{
	return k == PLUMB_OBJ_SCHEMA || k == PLUMB_OBJ_EXTENSION || k == PLUMB_OBJ_COLLATION ||
	       k == PLUMB_OBJ_ENUM || k == PLUMB_OBJ_DOMAIN || k == PLUMB_OBJ_TYPE ||
	       k == PLUMB_OBJ_SEQUENCE || k == PLUMB_OBJ_FUNCTION || k == PLUMB_OBJ_TABLE;
}

static bool view_created(planner *p, const char *k);

/* The item of a created or changed object (not a table) of the middle phase. */
static void object_item(planner *p, item *it, const plumb_object *o)
{
	it->name = fmt(p, "%s %s", plumb_obj_kind_name(o->kind), dn(p, o->schema, o->name));
	if (o->kind == PLUMB_OBJ_SCHEMA) {
		vec_add(p, &it->provides, fmt(p, "schema:%s", o->name));
		return;
	}
	vec_add(p, &it->provides, key(p, o->schema, o->name));
	if (o->kind == PLUMB_OBJ_FUNCTION)
		vec_add(p, &it->provides, key(p, o->schema, func_base(p, o->name)));
	/* what an extension brings (types, functions) is not in the catalog:
	 * extensions come before everything but schemas */
	if (o->kind == PLUMB_OBJ_EXTENSION)
		vec_add(p, &it->provides, "extension");
	else
		vec_add(p, &it->deps, "extension");
	object_deps(p, p->to, o, &it->deps, &it->soft);
}

/* Does an item other than items[i] wait for what items[i] provides? */
static bool item_needed(planner *p, const item *items, size_t n, size_t i)
{
	for (size_t j = 0; j < n; j++)
		for (size_t k = 0; j != i && k < items[i].provides.n; k++)
			if (vec_has(&items[j].deps, items[i].provides.items[k]) ||
			    vec_has(&items[j].soft, items[i].provides.items[k]))
				return true;
	(void)p;
	return false;
}

/* Does the function of items[i] read a view this plan creates? */
static bool reads_new_view(planner *p, const item *it)
{
	const plumb_vec *vs[2] = {&it->deps, &it->soft};
	for (int k = 0; k < 2; k++)
		for (size_t d = 0; d < vs[k]->n; d++)
			if (view_created(p, vs[k]->items[d]))
				return true;
	return false;
}

static void plan_mid(planner *p)
{
	const plumb_vec *ch = &p->diff->changes;
	item *items = plumb_arena_alloc(p->tmp, (ch->n + 1) * sizeof(item));
	size_t n = 0;
	if (!items) {
		nomem(p);
		return;
	}
	for (size_t i = 0; i < ch->n; i++) {
		const plumb_change *c = ch->items[i];
		if (c->op == PLUMB_CHANGE_DROP || !is_mid_kind(c->kind))
			continue;
		item *it = &items[n++];
		it->c = c;
		if (c->kind == PLUMB_OBJ_TABLE) {
			const plumb_table *t = c->to;
			it->name = fmt(p, "table %s", dn(p, t->schema, t->name));
			vec_add(p, &it->provides, key(p, t->schema, t->name));
			vec_add(p, &it->deps, "extension");
			bool recreate = c->op == PLUMB_CHANGE_ALTER && c->delta->options_changed &&
					partitioning_changed(c->from, t);
			item_deps_of_table(p, it, t,
					   c->op == PLUMB_CHANGE_CREATE || recreate ? NULL : c->delta);
			continue;
		}
		object_item(p, it, c->to);
	}
	/* A function whose body reads a view created in this plan waits for
	 * the views (when nothing here needs it). */
	for (size_t i = 0; i < n; i++) {
		if (items[i].c->kind != PLUMB_OBJ_FUNCTION || !reads_new_view(p, &items[i]) ||
		    item_needed(p, items, n, i))
			continue;
		if (plumb_vec_push(p->tmp, &p->late_functions, (void *)items[i].c))
			nomem(p);
		items[i].done = true;
	}
	run_items(p, items, n, mid_change);
}

/* --- dependants: views, triggers, policies ------------------------------ */

static bool view_in_to(const planner *p, const plumb_view *v)
{
	return plumb_catalog_find(p->to, PLUMB_OBJ_VIEW, v->schema, v->name) != NULL;
}

static const char *view_sql(const plumb_view *v);

static void mark_touched(planner *p)
{
	const plumb_vec *ch = &p->diff->changes;
	for (size_t i = 0; i < ch->n; i++) {
		const plumb_change *c = ch->items[i];
		const plumb_object *f = c->from; /* schema, name lead every struct */
		if (!f)
			continue;
		switch (c->kind) {
		case PLUMB_OBJ_TABLE: {
			const plumb_table_delta *d = c->delta;
			if (c->op == PLUMB_CHANGE_DROP || c->renamed ||
			    (d && (d->dropped_columns.n || d->changed_columns.n ||
				   d->renamed_columns.n ||
				   (d->options_changed && partitioning_changed(c->from, c->to)))))
				vec_add(p, &p->touched, key(p, f->schema, f->name));
			if (d && d->options_changed && partitioning_changed(c->from, c->to)) {
				vec_add(p, &p->recreated,
					recreated_key(p, "table", f->schema, f->name));
				vec_add(p, &p->new_rels, key(p, f->schema, f->name));
			}
			break;
		}
		case PLUMB_OBJ_VIEW:
			vec_add(p, &p->touched, key(p, f->schema, f->name));
			break;
		case PLUMB_OBJ_FUNCTION:
			/* CREATE OR REPLACE keeps readers; a drop or rename does not */
			if (c->op == PLUMB_CHANGE_DROP || c->renamed)
				vec_add(p, &p->touched, key(p, f->schema, func_base(p, f->name)));
			break;
		case PLUMB_OBJ_DOMAIN:
		case PLUMB_OBJ_TYPE:
		case PLUMB_OBJ_ENUM:
			if (c->op == PLUMB_CHANGE_DROP || c->renamed ||
			    c->kind != PLUMB_OBJ_ENUM)
				vec_add(p, &p->touched, key(p, f->schema, f->name));
			break;
		default:
			break;
		}
	}
	/* enums to rebuild touch the tables using them */
	for (size_t i = 0; i < ch->n; i++) {
		const plumb_change *c = ch->items[i];
		plumb_vec cur = {0}, removed = {0};
		if (c->kind != PLUMB_OBJ_ENUM || c->op != PLUMB_CHANGE_ALTER ||
		    !enum_needs_rebuild(p, c, &cur, &removed))
			continue;
		const plumb_object *f = c->from;
		plumb_vec domains = {0}, fns = {0};
		if (plumb__pg_type_domains(p->tmp, p->from, f->schema, f->name, &domains) < 0 ||
		    plumb__pg_type_functions(p->tmp, p->from, f->schema, f->name, &fns) < 0)
			nomem(p);
		for (size_t k = 0; k < domains.n; k++) {
			const plumb_object *d = domains.items[k];
			if (plumb__pg_type_functions(p->tmp, p->from, d->schema, d->name, &fns) < 0)
				nomem(p);
		}
		for (size_t k = 0; k < p->from->tables.n; k++) {
			const plumb_table *tb = p->from->tables.items[k];
			for (size_t j = 0; j < tb->columns.n; j++) {
				const char *ty = ((plumb_column *)tb->columns.items[j])->type;
				if (plumb__pg_type_names(ty, f->schema, f->name) ||
				    plumb__pg_type_is_domain(ty, &domains))
					vec_add(p, &p->touched, key(p, tb->schema, tb->name));
			}
		}
		vec_add(p, &p->touched, key(p, f->schema, f->name));
		/* the rebuild drops the domains over it and the functions of it */
		for (size_t k = 0; k < domains.n; k++) {
			const plumb_object *d = domains.items[k];
			vec_add(p, &p->touched, key(p, d->schema, d->name));
		}
		for (size_t k = 0; k < fns.n; k++) {
			const plumb_object *fn = fns.items[k];
			vec_add(p, &p->touched, key(p, fn->schema, func_base(p, fn->name)));
		}
		/* views that name the type (a cast to it) or call a function of it
		 * hold it too (a view's depends name only relations) */
		for (size_t k = 0; k < p->from->views.n; k++) {
			const plumb_view *v = p->from->views.items[k];
			if (p->drop_view[k])
				continue;
			plumb_pg_refs r = refs_of(p, view_sql(v), true);
			bool hit = plumb__pg_refs_has(&r.types, f->schema, f->name, false);
			for (size_t j = 0; j < domains.n && !hit; j++) {
				const plumb_object *d = domains.items[j];
				hit = plumb__pg_refs_has(&r.types, d->schema, d->name, false);
			}
			for (size_t j = 0; j < fns.n && !hit; j++) {
				const plumb_object *fn = fns.items[j];
				hit = plumb__pg_refs_has(&r.funcs, fn->schema, func_base(p, fn->name), true);
			}
			if (!hit)
				continue;
			p->drop_view[k] = true;
			vec_add(p, &p->touched, key(p, v->schema, v->name));
			vec_add(p, &p->recreated, recreated_key(p, "view", v->schema, v->name));
			vec_add(p, &p->new_rels, key(p, v->schema, v->name));
		}
	}
	/* views reading what is touched, to a fixed point */
	bool again = true;
	while (again && !p->rc) {
		again = false;
		for (size_t i = 0; i < p->from->views.n; i++) {
			const plumb_view *v = p->from->views.items[i];
			if (p->drop_view[i])
				continue;
			bool hit = !view_in_to(p, v) ||
				   find_change(p, PLUMB_OBJ_VIEW, v->schema, v->name, true);
			for (size_t j = 0; j < v->depends.n && !hit; j++)
				hit = vec_has(&p->touched, v->depends.items[j]);
			if (!hit)
				continue;
			p->drop_view[i] = again = true;
			vec_add(p, &p->touched, key(p, v->schema, v->name));
			vec_add(p, &p->recreated, recreated_key(p, "view", v->schema, v->name));
			vec_add(p, &p->new_rels, key(p, v->schema, v->name));
		}
	}
	/* triggers on recreated relations or running dropped functions */
	for (size_t i = 0; i < p->from->triggers.n; i++) {
		const plumb_trigger *t = p->from->triggers.items[i];
		bool hit = changes_on(p, PLUMB_OBJ_TRIGGER, t->schema, t->name, t->table) ||
			   vec_has(&p->new_rels, key(p, t->schema, t->table));
		for (size_t j = 0; j < t->depends.n && !hit; j++)
			hit = vec_has(&p->touched, t->depends.items[j]);
		p->drop_trigger[i] = hit;
	}
	for (size_t i = 0; i < p->from->objects.n; i++) {
		const plumb_object *o = p->from->objects.items[i];
		if (o->kind != PLUMB_OBJ_POLICY)
			continue;
		p->drop_policy[i] = changes_on(p, PLUMB_OBJ_POLICY, o->schema, o->name, o->table) ||
				    vec_has(&p->new_rels, key(p, o->schema, o->table ? o->table : ""));
		for (size_t j = 0; j < o->depends.n && !p->drop_policy[i]; j++)
			p->drop_policy[i] = vec_has(&p->touched, o->depends.items[j]);
	}
}

/* Sequences that change hands between a serial column and a sequence of
 * their own, by name: a column that stops being serial while a sequence of
 * its sequence's name is created, or becomes serial while one of that name
 * is dropped. The sequence stays (and keeps its value) instead of a drop
 * and a create of the same name. */
static void mark_adopted(planner *p)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_TABLE || c->op != PLUMB_CHANGE_ALTER || c->renamed ||
		    (c->delta->options_changed && partitioning_changed(c->from, c->to)))
			continue;
		const plumb_table *t = c->to;
		for (size_t j = 0; j < c->delta->changed_columns.n; j++) {
			const plumb_column_change *cc = c->delta->changed_columns.items[j];
			bool fs = serial_base(cc->from->type) != NULL;
			bool ts = serial_base(cc->to->type) != NULL;
			if (fs == ts)
				continue;
			const char *name = fmt(p, "%s_%s_seq", t->name, cc->to->name);
			const plumb_change *sc =
				find_change(p, PLUMB_OBJ_SEQUENCE, t->schema, name, ts);
			if (sc && sc->op == (ts ? PLUMB_CHANGE_DROP : PLUMB_CHANGE_CREATE))
				vec_add(p, &p->adopted, key(p, t->schema, name));
		}
	}
}

/* Foreign keys that must go and come back: those on a surviving table that
 * reference a table recreated, or a key (PK/UNIQUE) that is dropped. */
static void mark_forced_fks(planner *p)
{
	for (size_t i = 0; i < p->from->tables.n; i++) {
		const plumb_table *tb = p->from->tables.items[i];
		const plumb_change *tc = find_change(p, PLUMB_OBJ_TABLE, tb->schema, tb->name, true);
		if (tc && (tc->op == PLUMB_CHANGE_DROP ||
			   (tc->delta && tc->delta->options_changed &&
			    partitioning_changed(tc->from, tc->to))))
			continue;
		for (size_t j = 0; j < tb->constraints.n; j++) {
			const plumb_constraint *con = tb->constraints.items[j];
			if (con->kind != PLUMB_CON_FOREIGN_KEY)
				continue;
			/* already dropped by the diff? */
			bool dropped = false;
			for (size_t k = 0; tc && tc->delta && k < tc->delta->dropped_constraints.n; k++)
				dropped |= tc->delta->dropped_constraints.items[k] == con;
			if (dropped)
				continue;
			const char *rs = con->ref_schema ? con->ref_schema : tb->schema;
			const plumb_change *rc =
				find_change(p, PLUMB_OBJ_TABLE, rs, con->ref_table, true);
			bool force = false;
			if (rc && rc->op == PLUMB_CHANGE_ALTER && rc->delta) {
				const plumb_table_delta *d = rc->delta;
				if (d->options_changed && partitioning_changed(rc->from, rc->to))
					force = true;
				for (size_t k = 0; k < d->dropped_constraints.n && !force; k++) {
					const plumb_constraint *kc = d->dropped_constraints.items[k];
					force = kc->kind == PLUMB_CON_PRIMARY_KEY ||
						kc->kind == PLUMB_CON_UNIQUE;
				}
			}
			if (!force)
				continue;
			/* it must still exist in the desired catalog to come back */
			if (plumb_vec_push(p->tmp, &p->forced_fks, (void *)con) ||
			    plumb_vec_push(p->tmp, &p->forced_fk_tables, (void *)tb))
				nomem(p);
		}
	}
}

/* The desired table matching a table of `from` (after renames). */
static const plumb_table *to_table_of(const planner *p, const plumb_table *f)
{
	const plumb_change *c = find_change(p, PLUMB_OBJ_TABLE, f->schema, f->name, true);
	if (c)
		return c->to;
	return plumb_catalog_find(p->to, PLUMB_OBJ_TABLE, f->schema, f->name);
}

/* --- views -------------------------------------------------------------- */

static const char *view_sql(const plumb_view *v)
{
	return v->sql ? v->sql : v->definition;
}

static void create_view(planner *p, const plumb_change *c)
{
	const plumb_view *v = c->to;
	if (!view_sql(v)) {
		if (!p->rc)
			p->rc = plumb_error_set(p->ctx, PLUMB_ERROR,
						"could not create view \"%s\": no definition", v->name);
		return;
	}
	emit(p, "%s", view_sql(v));
}

/* Will create_views create the view with key k ("schema.name")? */
static bool view_created(planner *p, const char *k)
{
	for (size_t i = 0; k && i < p->to->views.n; i++) {
		const plumb_view *v = p->to->views.items[i];
		if (!str_eq(key(p, v->schema, v->name), k))
			continue;
		for (size_t j = 0; j < p->from->views.n; j++) {
			const plumb_view *o = p->from->views.items[j];
			if (str_eq(o->schema, v->schema) && str_eq(o->name, v->name))
				return p->drop_view[j];
		}
		return true;
	}
	return false;
}

/* A view, or a function held back until the views it reads exist. */
static void create_view_or_function(planner *p, const plumb_change *c)
{
	if (c->kind == PLUMB_OBJ_FUNCTION)
		mid_change(p, c);
	else
		create_view(p, c);
}

static void create_views(planner *p)
{
	const plumb_vec *views = &p->to->views;
	size_t cap = views->n + p->late_functions.n + 1;
	item *items = plumb_arena_alloc(p->tmp, cap * sizeof(item));
	plumb_change *fake = plumb_arena_alloc(p->tmp, cap * sizeof(plumb_change));
	size_t n = 0;
	if (!items || !fake) {
		nomem(p);
		return;
	}
	for (size_t i = 0; i < views->n; i++) {
		const plumb_view *v = views->items[i];
		if (!view_created(p, key(p, v->schema, v->name)))
			continue;
		item *it = &items[n];
		fake[n].to = v;
		fake[n].kind = PLUMB_OBJ_VIEW;
		it->c = &fake[n];
		it->name = fmt(p, "view %s", dn(p, v->schema, v->name));
		vec_add(p, &it->provides, key(p, v->schema, v->name));
		for (size_t j = 0; j < v->depends.n; j++)
			if (!str_eq(v->depends.items[j], key(p, v->schema, v->name)))
				vec_add(p, &it->deps, v->depends.items[j]);
		plumb_pg_refs r = refs_of(p, view_sql(v), true);
		for (size_t j = 0; j < p->late_functions.n; j++) {
			const plumb_object *fn = ((const plumb_change *)p->late_functions.items[j])->to;
			if (plumb__pg_refs_has(&r.funcs, fn->schema, func_base(p, fn->name), true))
				vec_add(p, &it->deps, key(p, fn->schema, func_base(p, fn->name)));
		}
		vec_add(p, &p->new_rels, key(p, v->schema, v->name));
		n++;
	}
	for (size_t i = 0; i < p->late_functions.n; i++) {
		item *it = &items[n++];
		it->c = p->late_functions.items[i];
		object_item(p, it, it->c->to);
	}
	run_items(p, items, n, create_view_or_function);
}

/* --- indexes ------------------------------------------------------------ */

static const char *concurrently(planner *p, const char *sql)
{
	static const char *const heads[] = {"CREATE UNIQUE INDEX ", "CREATE INDEX "};
	for (size_t i = 0; i < 2; i++) {
		size_t n = strlen(heads[i]);
		if (strncasecmp(sql, heads[i], n) == 0 && strncasecmp(sql + n, "CONCURRENTLY", 12) != 0)
			return fmt(p, "%.*sCONCURRENTLY %s", (int)n, sql, sql + n);
	}
	return NULL;
}

static bool rel_partitioned(const planner *p, const char *schema, const char *name)
{
	const plumb_table *t = plumb_catalog_find(p->to, PLUMB_OBJ_TABLE, schema, name);
	const plumb_table *f = plumb_catalog_find(p->from, PLUMB_OBJ_TABLE, schema, name);
	return (t && t->partition_by) || (f && f->partition_by);
}

static void create_index(planner *p, const plumb_index *ix)
{
	const char *sql = ix->sql ? ix->sql : ix->definition;
	const char *tn = dn(p, ix->schema, ix->table);
	bool fresh = table_is_new(p, ix->schema, ix->table);
	plumb_stmt *s;
	if (!sql) {
		if (!p->rc)
			p->rc = plumb_error_set(p->ctx, PLUMB_ERROR,
						"could not create index \"%s\": no definition", ix->name);
		return;
	}
	const char *conc = p->online && !fresh && !rel_partitioned(p, ix->schema, ix->table)
				   ? concurrently(p, sql)
				   : NULL;
	if (conc) {
		s = emit(p, "%s", conc);
		if (s)
			s->no_transaction = true;
		note(p, s, "online: build the index without blocking writes (outside a transaction)");
	} else {
		s = emit(p, "%s", sql);
	}
	if (!fresh)
		hz(p, s, PLUMB_HAZARD_INDEX_BUILD, "builds index \"%s\" on \"%s\"%s", ix->name, tn,
		   conc ? "" : ", blocking writes meanwhile");
}

static void drop_index(planner *p, const plumb_index *ix)
{
	bool conc = p->online && !rel_partitioned(p, ix->schema, ix->table);
	plumb_stmt *s = emit(p, "DROP INDEX %s%s", conc ? "CONCURRENTLY " : "",
			     Q(p, ix->schema, ix->name));
	if (conc) {
		if (s)
			s->no_transaction = true;
		note(p, s, "online: drop the index without blocking reads and writes (outside a "
			   "transaction)");
	} else {
		ae(p, s, fmt(p, "table \"%s\"", dn(p, ix->schema, ix->table)));
	}
	if (ix->invalid && s)
		note(p, s, fmt(p, "index \"%s\" is invalid (an interrupted CREATE INDEX "
				  "CONCURRENTLY): dropped, and built again when the schema has it%s%s",
			       dn(p, ix->schema, ix->name), s->comment ? "\n" : "",
			       s->comment ? s->comment : ""));
}

/* The name a column of table (schema, table) of `from` has in `to`. */
static const char *col_after(const planner *p, const plumb_change *tc, const char *col)
{
	for (size_t i = 0; tc && tc->delta && i < tc->delta->renamed_columns.n; i++) {
		const plumb_column_change *cc = tc->delta->renamed_columns.items[i];
		if (str_eq(cc->from->name, col))
			return cc->to->name;
	}
	(void)p;
	return col;
}

/* Equal once the renames of their table and its columns are applied. */
static bool index_same_but_name(const planner *p, const plumb_index *f, const plumb_index *t)
{
	const plumb_change *tc = find_change(p, PLUMB_OBJ_TABLE, f->schema, f->table, true);
	const char *table = tc && tc->to ? plumb_object_name(tc->to) : f->table;
	if (f->invalid || f->unique != t->unique || !str_eq(table, t->table) ||
	    !str_eq(f->where_sql, t->where_sql) || f->keys.n != t->keys.n || !f->keys.n)
		return false;
	for (size_t i = 0; i < f->keys.n; i++)
		if (!str_eq(col_after(p, tc, f->keys.items[i]), t->keys.items[i]))
			return false;
	return true;
}

/* --- comments ----------------------------------------------------------- */

/* Is the target of a comment of `from` gone from the desired catalog (or
 * dropped and created again, which took the comment with it)? */
static bool comment_target_gone(planner *p, const plumb_object *cm)
{
	const char *n = cm->name;
	const char *sp = strchr(n, ' ');
	const char *rest = sp ? sp + 1 : n;
	if (strncmp(n, "MATERIALIZED VIEW ", 18) == 0)
		rest = n + 18;
	if (cm->target_kind == PLUMB_OBJ_INDEX || strncmp(n, "INDEX ", 6) == 0) {
		/* gone with its index: dropped, or replaced (drop and create) */
		const char *s0, *ix;
		split_qname(p, rest, &s0, &ix);
		if (!s0)
			s0 = cm->schema;
		if (!plumb_catalog_find(p->to, PLUMB_OBJ_INDEX, s0, ix))
			return true;
		const plumb_change *ch = find_change(p, PLUMB_OBJ_INDEX, s0, ix, false);
		return ch && ch->op == PLUMB_CHANGE_ALTER && !ch->renamed;
	}
	if (cm->table) {
		const plumb_table *t = plumb_catalog_find(p->to, PLUMB_OBJ_TABLE, cm->schema, cm->table);
		const plumb_view *v = plumb_catalog_find(p->to, PLUMB_OBJ_VIEW, cm->schema, cm->table);
		if (!t && !v)
			return true;
		if (is_recreated(p, "table", cm->schema, cm->table) ||
		    is_recreated(p, "view", cm->schema, cm->table))
			return true;
		/* "CONSTRAINT c ON s.t", "TRIGGER g ON s.t", "POLICY p ON s.t" */
		const char *on = strstr(rest, " ON ");
		if (on && (strncmp(n, "CONSTRAINT ", 11) == 0 || strncmp(n, "TRIGGER ", 8) == 0 ||
			   strncmp(n, "POLICY ", 7) == 0)) {
			const char *s0, *part;
			split_qname(p, fmt(p, "x.%.*s", (int)(on - rest), rest), &s0, &part);
			if (n[0] == 'C') {
				for (size_t i = 0; t && i < t->constraints.n; i++)
					if (str_eq(((plumb_constraint *)t->constraints.items[i])->name, part))
						return false;
				return true;
			}
			plumb_obj_kind k = n[0] == 'T' ? PLUMB_OBJ_TRIGGER : PLUMB_OBJ_POLICY;
			if (!find_on(p->to, k, cm->schema, part, cm->table))
				return true;
			const plumb_vec *fv = k == PLUMB_OBJ_TRIGGER ? &p->from->triggers : &p->from->objects;
			const bool *dropped = k == PLUMB_OBJ_TRIGGER ? p->drop_trigger : p->drop_policy;
			const void *old = find_on(p->from, k, cm->schema, part, cm->table);
			for (size_t i = 0; old && i < fv->n; i++)
				if (fv->items[i] == old && dropped[i])
					return true;
			return !old;
		}
		if (strncmp(n, "COLUMN ", 7) == 0 && t) {
			const char *dot = strrchr(rest, '.');
			const char *col = dot ? dot + 1 : rest;
			const char *s, *c;
			split_qname(p, fmt(p, "x.%s", col), &s, &c);
			if (!plumb_table_find_column(p->to, t, c))
				return true;
			if (is_recreated(p, "column", NULL, fmt(p, "%s.%s", key(p, cm->schema, cm->table), c)))
				return true;
		}
		return false;
	}
	/* a whole object: find it by kind and name */
	const char *s, *nm;
	split_qname(p, rest, &s, &nm);
	if (cm->target_kind == PLUMB_OBJ_SCHEMA || cm->target_kind == PLUMB_OBJ_EXTENSION) {
		for (size_t i = 0; i < p->to->objects.n; i++) {
			const plumb_object *o = p->to->objects.items[i];
			if (o->kind == cm->target_kind && (str_eq(o->name, rest) ||
							   str_eq(plumb_quote_ident(p->tmp, o->name), rest)))
				return false;
		}
		return true;
	}
	if (!strchr(rest, '.'))
		return false; /* cannot tell: keep the statement */
	if (is_recreated(p, "view", s, nm) || is_recreated(p, "type", s, nm) ||
	    is_recreated(p, "domain", s, nm))
		return true;
	bool typeish = cm->target_kind == PLUMB_OBJ_TYPE || cm->target_kind == PLUMB_OBJ_ENUM ||
		       cm->target_kind == PLUMB_OBJ_DOMAIN;
	if (typeish && (plumb_catalog_find(p->to, PLUMB_OBJ_TYPE, s, nm) ||
			plumb_catalog_find(p->to, PLUMB_OBJ_ENUM, s, nm) ||
			plumb_catalog_find(p->to, PLUMB_OBJ_DOMAIN, s, nm)))
		return false; /* COMMENT ON TYPE covers enums and domains too */
	return plumb_catalog_find(p->to, cm->target_kind, s, nm) == NULL &&
	       plumb_catalog_find(p->to, PLUMB_OBJ_VIEW, s, nm) == NULL &&
	       plumb_catalog_find(p->to, PLUMB_OBJ_TABLE, s, nm) == NULL &&
	       cm->target_kind != PLUMB_OBJ_FUNCTION && cm->target_kind != PLUMB_OBJ_INDEX &&
	       cm->target_kind != PLUMB_OBJ_TRIGGER && cm->target_kind != PLUMB_OBJ_POLICY;
}

/* --- the plan ----------------------------------------------------------- */

static void phase_drops_of_dependants(planner *p)
{
	/* triggers and policies, then views (readers first), then indexes */
	for (size_t i = 0; i < p->from->triggers.n; i++) {
		const plumb_trigger *t = p->from->triggers.items[i];
		if (!p->drop_trigger[i])
			continue;
		plumb_stmt *s = emit(p, "DROP TRIGGER %s ON %s", I(p, t->name),
				     Q(p, t->schema, t->table));
		ae(p, s, fmt(p, "\"%s\"", dn(p, t->schema, t->table)));
	}
	for (size_t i = 0; i < p->from->objects.n; i++)
		if (p->drop_policy[i])
			drop_object(p, p->from->objects.items[i]);
	/* a view goes before the views it reads: reverse creation order, then
	 * repeat until none left that another pending one reads */
	size_t nv = p->from->views.n;
	bool *left = plumb_arena_alloc(p->tmp, nv + 1);
	if (!left) {
		nomem(p);
		return;
	}
	size_t n_left = 0;
	for (size_t i = 0; i < nv; i++)
		n_left += left[i] = p->drop_view[i];
	while (n_left && !p->rc) {
		size_t pick = nv;
		for (size_t i = nv; i-- > 0 && pick == nv;) {
			if (!left[i])
				continue;
			const plumb_view *v = p->from->views.items[i];
			const char *k = key(p, v->schema, v->name);
			bool read = false;
			for (size_t j = 0; j < nv && !read; j++) {
				const plumb_view *w = p->from->views.items[j];
				read = j != i && left[j] && vec_has(&w->depends, k);
			}
			if (!read)
				pick = i;
		}
		if (pick == nv) {
			plumb_buf b;
			plumb_buf_init(&b, p->tmp, 0);
			for (size_t i = 0; i < nv; i++)
				if (left[i])
					plumb_buf_printf(&b, "%s%s", b.len ? ", " : "",
							 ((plumb_view *)p->from->views.items[i])->name);
			p->rc = plumb_error_set(p->ctx, PLUMB_ERROR,
						"could not order the changes: views read each other in "
						"a cycle: %s",
						plumb_buf_str(&b));
			return;
		}
		const plumb_view *v = p->from->views.items[pick];
		plumb_stmt *s = emit(p, "DROP %sVIEW %s", v->materialized ? "MATERIALIZED " : "",
				     Q(p, v->schema, v->name));
		if (view_in_to(p, v) && !find_change(p, PLUMB_OBJ_VIEW, v->schema, v->name, true))
			note(p, s, "reads a table or view that changes: dropped here, created again "
				   "after");
		ae(p, s, fmt(p, "view \"%s\"", dn(p, v->schema, v->name)));
		left[pick] = false;
		n_left--;
	}
	/* indexes dropped or changed (renamed ones are renamed later) */
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_INDEX || c->op == PLUMB_CHANGE_CREATE)
			continue;
		if (c->op == PLUMB_CHANGE_ALTER && c->renamed && index_same_but_name(p, c->from, c->to))
			continue;
		const plumb_index *ix = c->from;
		/* an index of a dropped table or view goes with it */
		const plumb_change *tc = find_change(p, PLUMB_OBJ_TABLE, ix->schema, ix->table, true);
		if (tc && tc->op == PLUMB_CHANGE_DROP)
			continue;
		if (is_recreated(p, "view", ix->schema, ix->table))
			continue;
		drop_index(p, ix);
	}
}

static void phase_fk_drops(planner *p)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_TABLE || c->op != PLUMB_CHANGE_ALTER)
			continue;
		const plumb_table *f = c->from;
		const plumb_table_delta *d = c->delta;
		if (d->options_changed && partitioning_changed(f, c->to))
			continue;
		for (size_t j = 0; j < d->dropped_constraints.n; j++) {
			const plumb_constraint *con = d->dropped_constraints.items[j];
			if (con->kind == PLUMB_CON_FOREIGN_KEY)
				drop_constraint(p, f->schema, f->name, con);
		}
		for (size_t j = 0; j < d->renamed_constraints.n; j++) {
			const plumb_constraint_change *cc = d->renamed_constraints.items[j];
			if (cc->from->kind == PLUMB_CON_FOREIGN_KEY &&
			    !constraint_same_but_name(p, cc->from, cc->to))
				drop_constraint(p, f->schema, f->name, cc->from);
		}
	}
	for (size_t i = 0; i < p->forced_fks.n; i++) {
		const plumb_table *tb = p->forced_fk_tables.items[i];
		plumb_stmt *s = emit(p, "ALTER TABLE %s DROP CONSTRAINT %s", Q(p, tb->schema, tb->name),
				     I(p, ((plumb_constraint *)p->forced_fks.items[i])->name));
		note(p, s, "the key it references changes: dropped here, added again after");
		ae(p, s, fmt(p, "table \"%s\"", dn(p, tb->schema, tb->name)));
	}
}

static void phase_table_drops(planner *p)
{
	/* One statement: tables that reference each other go together. */
	plumb_buf b;
	plumb_buf_init(&b, p->tmp, 0);
	plumb_vec names = {0};
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_TABLE || c->op != PLUMB_CHANGE_DROP)
			continue;
		const plumb_table *t = c->from;
		bool with_parent = false;
		if (t->partition_of) {
			const char *ps, *pn;
			split_qname(p, t->partition_of, &ps, &pn);
			const plumb_change *pc = find_change(p, PLUMB_OBJ_TABLE, ps, pn, true);
			with_parent = pc && pc->op == PLUMB_CHANGE_DROP;
		}
		if (plumb_vec_push(p->tmp, &names, (void *)t))
			nomem(p);
		if (!with_parent)
			plumb_buf_printf(&b, "%s%s", b.len ? ", " : "", Q(p, t->schema, t->name));
	}
	if (!names.n)
		return;
	plumb_stmt *s = emit(p, "DROP TABLE %s", plumb_buf_str(&b));
	for (size_t i = 0; i < names.n; i++) {
		const plumb_table *t = names.items[i];
		hz(p, s, PLUMB_HAZARD_DELETES_DATA, "drops table \"%s\" and its rows",
		   dn(p, t->schema, t->name));
	}
	ae(p, s, "the dropped tables");
}

/* A declared column that is to be inherited from a parent gaining it in
 * this plan goes first: the parent's ADD COLUMN would otherwise merge with
 * it and leave it declared. */
static void phase_uninherit(planner *p)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_TABLE || c->op != PLUMB_CHANGE_ALTER ||
		    (c->delta->options_changed && partitioning_changed(c->from, c->to)))
			continue;
		const plumb_table *t = c->to;
		const char *tn = dn(p, t->schema, t->name);
		for (size_t j = 0; j < c->delta->changed_columns.n; j++) {
			const plumb_column_change *cc = c->delta->changed_columns.items[j];
			if (cc->from->inherited || !cc->to->inherited ||
			    !parent_changes_column(p, t, cc->to->name, true))
				continue;
			plumb_stmt *s = emit(p, "ALTER TABLE %s DROP COLUMN %s", Q(p, t->schema, t->name),
					     I(p, cc->from->name));
			note(p, s, "the column is to come from a parent that gains it: dropped here so "
				   "that the parent's takes its place");
			ae(p, s, fmt(p, "table \"%s\"", tn));
			hz(p, s, PLUMB_HAZARD_DELETES_DATA, "drops column \"%s\".\"%s\" and its values",
			   tn, cc->from->name);
			vec_add(p, &p->uninherited, column_key(p, t, cc->to->name));
		}
	}
}

static void phase_renames(planner *p)
{
	/* indexes renamed (their tables' renames came with the table changes) */
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_INDEX || c->op != PLUMB_CHANGE_ALTER || !c->renamed)
			continue;
		const plumb_index *f = c->from, *t = c->to;
		if (!index_same_but_name(p, f, t) || is_set_aside(p, "index", f->schema, f->name))
			continue; /* changed, or built again by an enum rebuild */
		plumb_stmt *s = emit(p, "ALTER INDEX %s RENAME TO %s", Q(p, f->schema, f->name),
				     I(p, t->name));
		ae(p, s, fmt(p, "index \"%s\"", dn(p, f->schema, f->name)));
	}
}

static void phase_fk_adds(planner *p)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_TABLE || c->op == PLUMB_CHANGE_DROP)
			continue;
		const plumb_table *t = c->to;
		bool fresh = c->op == PLUMB_CHANGE_CREATE ||
			     (c->delta->options_changed && partitioning_changed(c->from, t));
		if (fresh) {
			for (size_t j = 0; j < t->constraints.n; j++) {
				const plumb_constraint *con = t->constraints.items[j];
				if (con->kind == PLUMB_CON_FOREIGN_KEY &&
				    !inherited_constraint(p, p->to, t, con))
					add_constraint(p, t, con, true);
			}
			continue;
		}
		const plumb_table_delta *d = c->delta;
		for (size_t j = 0; j < d->added_constraints.n; j++) {
			const plumb_constraint *con = d->added_constraints.items[j];
			if (con->kind == PLUMB_CON_FOREIGN_KEY)
				add_constraint(p, t, con, false);
		}
		for (size_t j = 0; j < d->renamed_constraints.n; j++) {
			const plumb_constraint_change *cc = d->renamed_constraints.items[j];
			if (cc->to->kind == PLUMB_CON_FOREIGN_KEY &&
			    !constraint_same_but_name(p, cc->from, cc->to))
				add_constraint(p, t, cc->to, false);
		}
	}
	for (size_t i = 0; i < p->forced_fks.n; i++) {
		const plumb_constraint *con = p->forced_fks.items[i];
		const plumb_table *t = to_table_of(p, p->forced_fk_tables.items[i]);
		if (!t)
			continue;
		for (size_t j = 0; j < t->constraints.n; j++) {
			const plumb_constraint *tc = t->constraints.items[j];
			if (tc->kind == PLUMB_CON_FOREIGN_KEY && str_eq(tc->name, con->name))
				add_constraint(p, t, tc, false);
		}
	}
}

/* Indexes of tables (on_views false), or of materialized views, which are
 * created later. */
static void phase_indexes(planner *p, bool on_views)
{
	for (size_t i = 0; i < p->to->indexes.n; i++) {
		const plumb_index *ix = p->to->indexes.items[i];
		if (on_views != (plumb_catalog_find(p->to, PLUMB_OBJ_VIEW, ix->schema, ix->table) != NULL))
			continue;
		const plumb_change *c = find_change(p, PLUMB_OBJ_INDEX, ix->schema, ix->name, false);
		bool want = c && !(c->op == PLUMB_CHANGE_ALTER && c->renamed &&
				   index_same_but_name(p, c->from, c->to));
		if (!c && (is_recreated(p, "table", ix->schema, ix->table) ||
			   is_recreated(p, "view", ix->schema, ix->table)))
			want = true;
		if (want)
			create_index(p, ix);
	}
}

/* Can drop item i go: does no other pending one need it (hard needs in
 * provides, soft ones in soft; with soft, those count too)? */
static bool drop_ready(const item *items, size_t n, size_t i, bool soft)
{
	for (size_t j = 0; j < n; j++) {
		if (j == i || items[j].done)
			continue;
		for (size_t k = 0; k < items[i].deps.n; k++)
			if (vec_has(&items[j].provides, items[i].deps.items[k]) ||
			    (soft && vec_has(&items[j].soft, items[i].deps.items[k])))
				return false;
	}
	return true;
}

/* Objects that go, each once nothing else going needs it. Here an item's
 * deps are its own keys and provides (soft) what it needs (object_deps). */
static void phase_late_drops(planner *p)
{
	const plumb_vec *ch = &p->diff->changes;
	item *items = plumb_arena_alloc(p->tmp, (ch->n + 1) * sizeof(item));
	size_t n = 0;
	if (!items) {
		nomem(p);
		return;
	}
	for (size_t i = 0; i < ch->n; i++) {
		const plumb_change *c = ch->items[i];
		if (c->op != PLUMB_CHANGE_DROP || !is_mid_kind(c->kind) || c->kind == PLUMB_OBJ_TABLE)
			continue;
		const plumb_object *o = c->from;
		if (o->kind == PLUMB_OBJ_SEQUENCE && vec_has(&p->adopted, key(p, o->schema, o->name)))
			continue;
		if ((o->kind == PLUMB_OBJ_FUNCTION || o->kind == PLUMB_OBJ_DOMAIN) &&
		    is_set_aside(p, o->kind == PLUMB_OBJ_FUNCTION ? "function" : "domain", o->schema,
				 o->name))
			continue; /* an enum rebuild dropped it */
		item *it = &items[n++];
		it->c = c;
		if (o->kind == PLUMB_OBJ_SCHEMA)
			vec_add(p, &it->deps, fmt(p, "schema:%s", o->name));
		else
			vec_add(p, &it->deps, key(p, o->schema, o->name));
		if (o->kind == PLUMB_OBJ_FUNCTION)
			vec_add(p, &it->deps, key(p, o->schema, func_base(p, o->name)));
		/* as created: extensions after everything else but schemas */
		if (o->kind == PLUMB_OBJ_EXTENSION)
			vec_add(p, &it->deps, "extension");
		else if (o->kind != PLUMB_OBJ_SCHEMA)
			vec_add(p, &it->provides, "extension");
		object_deps(p, p->from, o, &it->provides, &it->soft);
	}
	for (size_t left = n; left && !p->rc; left--) {
		size_t pick = n;
		for (int pass = 0; pass < 2 && pick == n; pass++)
			for (size_t i = 0; i < n && pick == n; i++)
				if (!items[i].done && drop_ready(items, n, i, pass == 0))
					pick = i;
		if (pick == n) /* a cycle: PostgreSQL will say which */
			for (pick = 0; items[pick].done; pick++)
				;
		items[pick].done = true;
		drop_object(p, items[pick].c->from);
	}
}

static void phase_triggers_policies(planner *p)
{
	for (size_t i = 0; i < p->to->triggers.n; i++) {
		const plumb_trigger *t = p->to->triggers.items[i];
		const plumb_trigger *old =
			find_on(p->from, PLUMB_OBJ_TRIGGER, t->schema, t->name, t->table);
		bool want = !old;
		for (size_t j = 0; j < p->from->triggers.n && !want; j++)
			if (p->from->triggers.items[j] == old && p->drop_trigger[j])
				want = true;
		if (old && !want && !str_eq(old->table, t->table))
			want = true;
		if (!want)
			continue;
		const char *sql = t->sql ? t->sql : t->definition;
		plumb_stmt *s = emit(p, "%s", sql ? sql : "");
		(void)s; /* CREATE TRIGGER takes SHARE ROW EXCLUSIVE, not ACCESS EXCLUSIVE */
	}
	for (size_t i = 0; i < p->to->objects.n; i++) {
		const plumb_object *o = p->to->objects.items[i];
		if (o->kind != PLUMB_OBJ_POLICY)
			continue;
		const plumb_object *old = find_on(p->from, PLUMB_OBJ_POLICY, o->schema, o->name, o->table);
		bool want = !old;
		for (size_t j = 0; j < p->from->objects.n && !want; j++)
			if (p->from->objects.items[j] == old && p->drop_policy[j])
				want = true;
		if (want)
			create_object(p, o);
	}
}

static void phase_comments(planner *p)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_COMMENT)
			continue;
		if (c->op == PLUMB_CHANGE_DROP) {
			if (!comment_target_gone(p, c->from))
				drop_object(p, c->from);
		} else {
			create_object(p, c->to);
		}
	}
	/* comments whose targets were dropped and created again */
	for (size_t i = 0; i < p->to->objects.n; i++) {
		const plumb_object *o = p->to->objects.items[i];
		if (o->kind != PLUMB_OBJ_COMMENT ||
		    find_change(p, PLUMB_OBJ_COMMENT, o->schema, o->name, false))
			continue;
		if (comment_target_gone(p, o))
			create_object(p, o);
	}
}

/* --- grants ------------------------------------------------------------- */

/* Splits a grant's name "KIND target[ (col)] TO grantee": on is "KIND
 * target", col "(col)" or NULL. */
static void grant_parts(planner *p, const plumb_object *g, const char **on, const char **col,
			const char **grantee)
{
	const char *n = g->name, *s = strchr(n, ' '), *paren = NULL;
	bool q = false;
	*on = n;
	*col = NULL;
	*grantee = "";
	for (s = s ? s : n; *s; s++) {
		if (*s == '"')
			q = !q;
		if (q)
			continue;
		if (s[0] == ' ' && s[1] == '(' && !paren)
			paren = s;
		if (strncmp(s, " TO ", 4) == 0) {
			*grantee = s + 4;
			*on = fmt(p, "%.*s", (int)((paren ? paren : s) - n), n);
			if (paren)
				*col = fmt(p, "%.*s", (int)(s - paren - 1), paren + 1);
			return;
		}
	}
}

/* Is the relation (or column) a grant is on gone from the desired catalog,
 * or dropped and created again (which took its privileges with it)? */
static bool grant_target_gone(planner *p, const plumb_object *g)
{
	const char *s = g->schema, *t = g->table;
	if (!t)
		return false;
	if (g->target_kind == PLUMB_OBJ_SEQUENCE) {
		/* "SEQUENCE s.q TO r"; table is q, or the table of a serial column's q */
		const char *on, *col, *to, *s0, *q;
		grant_parts(p, g, &on, &col, &to);
		split_qname(p, strncmp(on, "SEQUENCE ", 9) == 0 ? on + 9 : on, &s0, &q);
		if (plumb_catalog_find(p->to, PLUMB_OBJ_SEQUENCE, s, q))
			return is_recreated(p, "sequence", s, q);
		return str_eq(q, t) || !plumb_catalog_find(p->to, PLUMB_OBJ_TABLE, s, t) ||
		       is_recreated(p, "table", s, t);
	}
	const plumb_table *tb = plumb_catalog_find(p->to, PLUMB_OBJ_TABLE, s, t);
	if (!tb && !plumb_catalog_find(p->to, PLUMB_OBJ_VIEW, s, t))
		return true;
	if (is_recreated(p, "table", s, t) || is_recreated(p, "view", s, t))
		return true;
	const char *on, *col, *to, *s0, *c;
	grant_parts(p, g, &on, &col, &to);
	if (!col || strlen(col) < 2)
		return false;
	split_qname(p, fmt(p, "x.%.*s", (int)strlen(col) - 2, col + 1), &s0, &c);
	if (tb && !plumb_table_find_column(p->to, tb, c))
		return true;
	return is_recreated(p, "column", NULL, fmt(p, "%s.%s", key(p, s, t), c));
}

/* GRANT the privileges of g; those with grant option in a second statement. */
static void grant_create(planner *p, const plumb_object *g)
{
	const char *on, *col, *to;
	grant_parts(p, g, &on, &col, &to);
	const char *plain = "", *opt = "", *d = g->definition ? g->definition : "";
	static const char wgo[] = " WITH GRANT OPTION";
	while (*d) {
		const char *end = strstr(d, ", ");
		size_t len = end ? (size_t)(end - d) : strlen(d);
		bool go = len >= sizeof(wgo) - 1 && strncmp(d + len - (sizeof(wgo) - 1), wgo, sizeof(wgo) - 1) == 0;
		int pl = (int)(go ? len - (sizeof(wgo) - 1) : len);
		const char **dst = go ? &opt : &plain;
		*dst = fmt(p, "%s%s%.*s%s%s", *dst, **dst ? ", " : "", pl, d, col ? " " : "", col ? col : "");
		d += len;
		if (*d)
			d += 2;
	}
	if (*plain)
		emit(p, "GRANT %s ON %s TO %s", plain, on, to);
	if (*opt)
		emit(p, "GRANT %s ON %s TO %s WITH GRANT OPTION", opt, on, to);
}

static void grant_revoke(planner *p, const plumb_object *g)
{
	const char *on, *col, *to;
	grant_parts(p, g, &on, &col, &to);
	emit(p, "REVOKE ALL%s%s ON %s FROM %s", col ? " " : "", col ? col : "", on, to);
}

/* After tables, views and sequences exist (next to comments): REVOKE what
 * goes (not when its target goes too), GRANT what comes or changed, and
 * grant again what a recreated target lost. */
static void phase_grants(planner *p)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_GRANT || c->op == PLUMB_CHANGE_CREATE)
			continue;
		if (!grant_target_gone(p, c->from))
			grant_revoke(p, c->from);
	}
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind == PLUMB_OBJ_GRANT && c->op != PLUMB_CHANGE_DROP)
			grant_create(p, c->to);
	}
	for (size_t i = 0; i < p->to->objects.n; i++) {
		const plumb_object *o = p->to->objects.items[i];
		if (o->kind != PLUMB_OBJ_GRANT || o->implicit ||
		    find_change(p, PLUMB_OBJ_GRANT, o->schema, o->name, false))
			continue;
		bool again = grant_target_gone(p, o);
		const char *on, *col, *to;
		grant_parts(p, o, &on, &col, &to);
		if (!again && col) {
			/* REVOKE on the relation took the column's privileges too */
			const plumb_change *rc =
				find_change(p, PLUMB_OBJ_GRANT, o->schema, fmt(p, "%s TO %s", on, to), true);
			again = rc && rc->op != PLUMB_CHANGE_CREATE;
		}
		if (again)
			grant_create(p, o);
	}
}

/* ADD VALUE must commit before a later statement may use the value. */
static void mark_enum_adds(planner *p)
{
	size_t n = p->enum_adds.n;
	bool *after = plumb_arena_alloc(p->tmp, n + 1), *used = plumb_arena_alloc(p->tmp, n + 1);
	if (!after || !used) {
		nomem(p);
		return;
	}
	/* a later statement in the transaction whose string constants hold the
	 * label (from its parse tree: text elsewhere, a comment, is no use) */
	for (size_t j = 0; n && j < p->plan->stmts.n; j++) {
		const plumb_stmt *t = p->plan->stmts.items[j];
		bool any = false;
		for (size_t i = 0; i < n; i++) {
			if (p->enum_adds.items[i] == t)
				after[i] = true;
			else
				any |= after[i] && !used[i];
		}
		if (!any || t->no_transaction || strncmp(t->sql, "ALTER TYPE", 10) == 0)
			continue;
		plumb_pg_refs r = refs_of(p, t->sql, true);
		for (size_t i = 0; i < n; i++)
			if (after[i] && p->enum_adds.items[i] != t &&
			    plumb__pg_refs_has(&r.strs, NULL, p->enum_add_labels.items[i], true))
				used[i] = true;
	}
	for (size_t i = 0; i < n; i++) {
		plumb_stmt *s = p->enum_adds.items[i];
		if (used[i]) {
			s->no_transaction = true;
			note(p, s, "a new enum value can be used only once it is committed: runs "
				   "outside the transaction");
		}
	}
}

typedef struct plan_call {
	plumb_ctx *ctx;
	plumb_arena *arena;
	const plumb_diff *diff;
	const plumb_plan_opts *opts;
	plumb_plan **out;
} plan_call;

/* The planner proper, on the large stack: it parses the texts of defaults,
 * checks, views and functions to find what they use, and a text PostgreSQL
 * accepts may nest thousands of levels deep. */
static int plan_run(void *payload)
{
	plan_call *c = payload;
	plumb_ctx *ctx = c->ctx;
	plumb_arena *arena = c->arena;
	const plumb_diff *diff = c->diff;
	const plumb_plan_opts *opts = c->opts;
	plumb_plan **out = c->out;
	planner pl = {0}, *p = &pl;
	int rc = 0;

	*out = NULL;
	p->ctx = ctx;
	p->diff = diff;
	p->from = diff->from;
	p->to = diff->to;
	p->online = opts && opts->online;
	p->tmp = plumb_arena_new(arena);
	if (!p->tmp) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb_plan_new(ctx, arena, "pg", &p->plan)))
		goto done;
	if (index_changes(p) < 0) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	for (int side = 0; side < 2; side++) {
		const plumb_catalog *cat = side ? p->to : p->from;
		for (size_t i = 0; i < cat->objects.n; i++) {
			plumb_object *o = cat->objects.items[i];
			if (plumb_vec_push(p->tmp, &p->kinds[side][o->kind], o) < 0) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
		}
	}
	p->drop_view = plumb_arena_alloc(p->tmp, (p->from->views.n + 1) * sizeof(bool));
	p->drop_trigger = plumb_arena_alloc(p->tmp, (p->from->triggers.n + 1) * sizeof(bool));
	p->drop_policy = plumb_arena_alloc(p->tmp, (p->from->objects.n + 1) * sizeof(bool));
	if (!p->drop_view || !p->drop_trigger || !p->drop_policy) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}

	mark_touched(p);
	mark_forced_fks(p);
	mark_adopted(p);
	/* 1. What reads or hangs on what changes goes first. */
	phase_drops_of_dependants(p);
	/* 2. Foreign keys that go, so the keys and tables they reference may go. */
	phase_fk_drops(p);
	/* 3. Tables that go, and columns a parent's will replace. */
	phase_table_drops(p);
	phase_uninherit(p);
	/* 4. Schemas, extensions, types, sequences, functions and tables, created
	 *    or changed, in dependency order. */
	plan_mid(p);
	phase_renames(p);
	/* 5. Indexes, then foreign keys once every table is there. */
	phase_indexes(p, false);
	phase_fk_adds(p);
	for (size_t i = 0; i < p->owned_by.n; i++)
		emit(p, "%s", (const char *)p->owned_by.items[i]);
	/* 6. What nothing needs any more. */
	phase_late_drops(p);
	/* 7. Views (and the indexes of materialized ones), triggers, policies,
	 *    comments. */
	create_views(p);
	phase_indexes(p, true);
	phase_triggers_policies(p);
	phase_comments(p);
	phase_grants(p);
	mark_enum_adds(p);
	if ((rc = p->rc))
		goto done;
	*out = p->plan;
done:
	plumb_arena_free(p->tmp);
	return rc;
}

int plumb__pg_plan(plumb_ctx *ctx, plumb_arena *arena, const plumb_diff *diff,
		   const plumb_plan_opts *opts, plumb_plan **out)
{
	plan_call c = {ctx, arena, diff, opts, out};
	*out = NULL;
	return plumb__pg_deep(ctx, plan_run, &c);
}
