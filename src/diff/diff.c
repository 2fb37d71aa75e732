/*
 * Catalog comparison: matches objects by name (or by an explicit rename
 * annotation), compares them as their kind's descriptor says (catalog/kinds.c)
 * and lists the changes in a fixed order. It is dialect-neutral and writes no
 * SQL; which statements carry out a change, and in what order, is the
 * planner's business; describing the changes is describe.c's.
 */
#include <stdint.h>
#include <string.h>
#include <strings.h>

#include "catalog/kinds.h"
#include "diff/diff.h"
#include "util/map.h"

/* Every object struct starts with schema then name. */
typedef struct named {
	const char *schema;
	const char *name;
} named;

const char *plumb_object_name(const void *obj)
{
	return obj ? ((const named *)obj)->name : NULL;
}

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

/* PostgreSQL names triggers and policies per table: two tables may each
 * have a trigger "touch" (SQLite's trigger names are unique anyway). */
static bool same_table(const plumb_catalog *cat, const plumb_kind_desc *d, const void *a,
		       const void *b)
{
	return !d->table_at ||
	       plumb_catalog_name_eq(cat, plumb_kind_table(d, a), plumb_kind_table(d, b));
}

static plumb_change *new_change(plumb_arena *a, plumb_change_op op, plumb_obj_kind kind,
				const void *from, const void *to)
{
	plumb_change *c = plumb_arena_alloc(a, sizeof(*c));
	if (!c)
		return NULL;
	c->op = op;
	c->kind = kind;
	c->from = from;
	c->to = to;
	return c;
}

static bool delta_is_empty(const plumb_table_delta *d)
{
	return !d->added_columns.n && !d->dropped_columns.n && !d->changed_columns.n &&
	       !d->renamed_columns.n && !d->added_constraints.n && !d->dropped_constraints.n &&
	       !d->renamed_constraints.n && !d->options_changed;
}

/* Up to this many columns or constraints a table's are scanned: a map of
 * them would cost more time, and memory for every table of a large
 * schema, than it saves. */
#define SCAN_MAX 32

/* A table's constraints by definition, each found in one lookup (defs), or
 * by a scan of a table of few. */
typedef struct con_set {
	const plumb_table *t;
	plumb_map *defs;
	bool null_def; /* some constraint has no definition */
} con_set;

static int con_set_of(plumb_arena *a, const plumb_table *t, con_set *s)
{
	*s = (con_set){t, NULL, false};
	if (t->constraints.n <= SCAN_MAX)
		return 0;
	if (!(s->defs = plumb_map_new(a, false)))
		return -1;
	for (size_t i = 0; i < t->constraints.n; i++) {
		plumb_constraint *c = t->constraints.items[i];
		if (!c->definition)
			s->null_def = true;
		else if (plumb_map_put(s->defs, c->definition, NULL, NULL, c) < 0)
			return -1;
	}
	return 0;
}

static bool has_constraint(const con_set *s, const char *definition)
{
	if (s->defs)
		return definition ? plumb_map_get(s->defs, definition, NULL, NULL) != NULL
				  : s->null_def;
	for (size_t i = 0; i < s->t->constraints.n; i++)
		if (str_eq(((const plumb_constraint *)s->t->constraints.items[i])->definition,
			   definition))
			return true;
	return false;
}

/* A table's columns by name (folded as the catalog compares names): 1 + the
 * index of the first of each name; NULL for a table of few, also when out
 * of memory (*failed). */
static plumb_map *columns_by_name(plumb_arena *a, const plumb_catalog *cat, const plumb_table *t,
				  bool *failed)
{
	*failed = false;
	if (t->columns.n <= SCAN_MAX)
		return NULL;
	plumb_map *m = plumb_map_new(a, cat->fold_case);
	for (size_t j = t->columns.n; m && j-- > 0;) {
		const plumb_column *c = t->columns.items[j];
		if (c->name &&
		    plumb_map_put(m, c->name, NULL, NULL, (void *)(uintptr_t)(j + 1)) < 0)
			m = NULL;
	}
	*failed = !m;
	return m;
}

/* The first column of t named name (as cat compares names) not yet used,
 * marked used; NULL when none. by_name: columns_by_name's map, or NULL to
 * scan them all. */
static plumb_column *claim_column(const plumb_catalog *cat, const plumb_table *t,
				  const plumb_map *by_name, bool *used, const char *name)
{
	size_t first = !by_name ? 1
		       : name	? (size_t)(uintptr_t)plumb_map_get(by_name, name, NULL, NULL)
				: 0;
	for (size_t j = first ? first - 1 : t->columns.n; j < t->columns.n; j++) {
		plumb_column *c = t->columns.items[j];
		if (!used[j] && plumb_catalog_name_eq(cat, c->name, name)) {
			used[j] = true;
			return c;
		}
	}
	return NULL;
}

static bool names_eq(const plumb_vec *a, const plumb_vec *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!str_eq(a->items[i], b->items[i]))
			return false;
	return true;
}

/* Fills d with what turns table f into table t. 0, or -1 when out of memory. */
static int table_delta(plumb_arena *a, const plumb_catalog *from, const plumb_catalog *to,
		       const plumb_table *f, const plumb_table *t, plumb_table_delta *d)
{
	/* Which columns of f are claimed by a column of t. */
	bool *used = plumb_arena_alloc(a, (f->columns.n + 1) * sizeof(bool));
	bool failed;
	plumb_map *fcols = columns_by_name(a, from, f, &failed);
	if (!used || failed)
		return -1;

	for (size_t i = 0; i < t->columns.n; i++) {
		plumb_column *tc = t->columns.items[i];
		const plumb_column *fc = claim_column(from, f, fcols, used, tc->name);
		bool renamed = false;
		/* A rename whose old name is gone and whose old name the desired
		 * table does not also use. */
		if (!fc && tc->renamed_from && !plumb_table_find_column(to, t, tc->renamed_from)) {
			fc = claim_column(from, f, fcols, used, tc->renamed_from);
			renamed = fc != NULL;
		}
		if (!fc) {
			if (plumb_vec_push(a, &d->added_columns, tc))
				return -1;
			continue;
		}
		/* storage and options are set apart from the definition (pg) */
		if (!renamed && str_eq(fc->definition, tc->definition) &&
		    fc->inherited == tc->inherited && str_eq(fc->storage, tc->storage) &&
		    str_eq(fc->options, tc->options) && str_eq(fc->statistics, tc->statistics) &&
		    names_eq(&fc->fdw_options, &tc->fdw_options))
			continue;
		plumb_column_change *cc = plumb_arena_alloc(a, sizeof(*cc));
		if (!cc)
			return -1;
		cc->from = fc;
		cc->to = tc;
		if (plumb_vec_push(a, renamed ? &d->renamed_columns : &d->changed_columns, cc))
			return -1;
	}
	for (size_t j = 0; j < f->columns.n; j++)
		if (!used[j] && plumb_vec_push(a, &d->dropped_columns, f->columns.items[j]))
			return -1;

	con_set fset, tset;
	if (con_set_of(a, f, &fset) || con_set_of(a, t, &tset))
		return -1;
	for (size_t i = 0; i < f->constraints.n; i++) {
		plumb_constraint *c = f->constraints.items[i];
		if (!has_constraint(&tset, c->definition) &&
		    plumb_vec_push(a, &d->dropped_constraints, c))
			return -1;
	}
	for (size_t i = 0; i < t->constraints.n; i++) {
		plumb_constraint *c = t->constraints.items[i];
		if (has_constraint(&fset, c->definition))
			continue;
		/* A named constraint annotated as renamed from one being dropped. */
		size_t j = d->dropped_constraints.n;
		if (c->renamed_from)
			for (j = 0; j < d->dropped_constraints.n; j++) {
				const plumb_constraint *old = d->dropped_constraints.items[j];
				if (old->name && plumb_catalog_name_eq(from, old->name, c->renamed_from))
					break;
			}
		if (j < d->dropped_constraints.n) {
			plumb_constraint_change *cc = plumb_arena_alloc(a, sizeof(*cc));
			if (!cc)
				return -1;
			cc->from = d->dropped_constraints.items[j];
			cc->to = c;
			plumb_vec_remove(&d->dropped_constraints, j);
			if (plumb_vec_push(a, &d->renamed_constraints, cc))
				return -1;
			continue;
		}
		if (plumb_vec_push(a, &d->added_constraints, c))
			return -1;
	}
	d->options_changed =
		f->without_rowid != t->without_rowid || f->strict != t->strict ||
		f->unlogged != t->unlogged || !str_eq(f->partition_by, t->partition_by) ||
		!str_eq(f->partition_of, t->partition_of) ||
		!str_eq(f->partition_bound, t->partition_bound) ||
		f->rls_enabled != t->rls_enabled || f->rls_forced != t->rls_forced ||
		!names_eq(&f->inherits, &t->inherits) || !str_eq(f->options, t->options) ||
		!str_eq(f->replica_identity, t->replica_identity) ||
		!str_eq(f->server, t->server) || !names_eq(&f->fdw_options, &t->fdw_options);
	return 0;
}

/*
 * The objects of one kind in a catalog, found by schema and name through a
 * hash of chains (a catalog may hold thousands of grants), each claimed at
 * most once.
 */
typedef struct obj_index {
	const plumb_catalog *cat;
	const plumb_vec *v;
	const plumb_kind_desc *d;
	size_t mask;
	size_t *head; /* bucket: 1 + the first item's index, 0 when empty */
	size_t *next; /* item: 1 + the next item's index in its bucket */
	bool *used;
} obj_index;

static size_t name_hash(const plumb_catalog *cat, const char *schema, const char *name)
{
	size_t h = 2166136261u;
	for (const char *p = schema ? schema : ""; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	h = (h ^ 0xff) * 16777619u;
	for (const char *p = name; *p; p++) {
		unsigned char ch = (unsigned char)*p;
		if (cat->fold_case && ch >= 'A' && ch <= 'Z')
			ch = (unsigned char)(ch - 'A' + 'a');
		h = (h ^ ch) * 16777619u;
	}
	return h;
}

static int index_objects(plumb_arena *a, const plumb_catalog *cat, const plumb_kind_desc *d,
			 obj_index *ix)
{
	ix->cat = cat;
	ix->v = plumb_kind_objects(d, cat);
	ix->d = d;
	size_t buckets = 16;
	while (buckets < 2 * ix->v->n)
		buckets *= 2;
	ix->mask = buckets - 1;
	ix->head = plumb_arena_alloc(a, buckets * sizeof(size_t));
	ix->next = plumb_arena_alloc(a, (ix->v->n + 1) * sizeof(size_t));
	ix->used = plumb_arena_alloc(a, (ix->v->n + 1) * sizeof(bool));
	if (!ix->head || !ix->next || !ix->used)
		return -1;
	for (size_t j = ix->v->n; j-- > 0;) {
		const named *o = ix->v->items[j];
		if (!plumb_kind_holds(d, o))
			continue;
		size_t b = name_hash(cat, o->schema, o->name) & ix->mask;
		ix->next[j] = ix->head[b];
		ix->head[b] = j + 1;
	}
	return 0;
}

/* Claims the unclaimed object named schema.name that belongs where t does. */
static const void *claim(obj_index *ix, const void *t, const char *schema, const char *name)
{
	size_t b = name_hash(ix->cat, schema, name) & ix->mask;
	for (size_t j = ix->head[b]; j; j = ix->next[j - 1]) {
		const named *c = ix->v->items[j - 1];
		if (!ix->used[j - 1] && str_eq(c->schema, schema) &&
		    plumb_catalog_name_eq(ix->cat, c->name, name) &&
		    same_table(ix->cat, ix->d, c, t)) {
			ix->used[j - 1] = true;
			return c;
		}
	}
	return NULL;
}

/* Matches tables of from and to; pushes their changes into the three groups. */
static int diff_tables(plumb_arena *a, const plumb_catalog *from, const plumb_catalog *to,
		       plumb_vec *drops, plumb_vec *alters, plumb_vec *creates)
{
	obj_index ix;
	if (index_objects(a, from, plumb_kind(PLUMB_OBJ_TABLE), &ix))
		return -1;
	bool *used = ix.used;

	for (size_t i = 0; i < to->tables.n; i++) {
		plumb_table *t = to->tables.items[i];
		const plumb_table *f = claim(&ix, t, t->schema, t->name);
		bool renamed = false;
		if (!f && t->renamed_from &&
		    !plumb_catalog_find(to, PLUMB_OBJ_TABLE, t->schema, t->renamed_from)) {
			f = claim(&ix, t, t->schema, t->renamed_from);
			renamed = f != NULL;
		}
		if (!f) {
			plumb_change *c = new_change(a, PLUMB_CHANGE_CREATE, PLUMB_OBJ_TABLE, NULL, t);
			if (!c || plumb_vec_push(a, creates, c))
				return -1;
			continue;
		}
		plumb_table_delta *d = plumb_arena_alloc(a, sizeof(*d));
		if (!d || table_delta(a, from, to, f, t, d))
			return -1;
		if (!renamed && delta_is_empty(d))
			continue;
		plumb_change *c = new_change(a, PLUMB_CHANGE_ALTER, PLUMB_OBJ_TABLE, f, t);
		if (!c)
			return -1;
		c->delta = d;
		c->renamed = renamed;
		if (plumb_vec_push(a, alters, c))
			return -1;
	}
	for (size_t j = 0; j < from->tables.n; j++) {
		if (used[j])
			continue;
		plumb_change *c =
			new_change(a, PLUMB_CHANGE_DROP, PLUMB_OBJ_TABLE, from->tables.items[j], NULL);
		if (!c || plumb_vec_push(a, drops, c))
			return -1;
	}
	return 0;
}

/* A version counts only when the desired catalog names one. */
static bool version_agrees(const plumb_kind_desc *d, const void *f, const void *t)
{
	const plumb_object *fo = f, *to = t;
	return !d->versioned || !to->version || str_eq(fo->version, to->version);
}

/* An index's statistics targets are set apart from its definition (pg). */
static bool settings_agree(const plumb_kind_desc *d, const void *f, const void *t)
{
	const plumb_index *fi = f, *ti = t;
	return d->kind != PLUMB_OBJ_INDEX || str_eq(fi->statistics, ti->statistics);
}

/* Is object o of kind d compared? A grant on an object of a kind plumb does
 * not manage (a PostgreSQL language) only where both catalogs have that
 * object (both: their unmanaged phrases in common): plumb neither creates
 * nor drops it, so on one side alone its privileges are nothing a plan
 * could set, and pull, which writes no such object, writes none. */
static bool compared(const plumb_kind_desc *d, const void *o, const plumb_map *both)
{
	const plumb_object *g = o;
	return d->kind != PLUMB_OBJ_GRANT || !g->on_unmanaged ||
	       (both && plumb_map_find(both, g->on_unmanaged, NULL, NULL, NULL));
}

/* The unmanaged phrases from and to have in common (NULL when none); -1
 * when out of memory. */
static int unmanaged_in_both(plumb_arena *a, const plumb_catalog *from, const plumb_catalog *to,
			     plumb_map **out)
{
	plumb_map *f = NULL;
	*out = NULL;
	if (!from->unmanaged.n || !to->unmanaged.n)
		return 0;
	if (!(f = plumb_map_new(a, false)) || !(*out = plumb_map_new(a, false)))
		return -1;
	for (size_t i = 0; i < from->unmanaged.n; i++)
		if (plumb_map_put(f, from->unmanaged.items[i], NULL, NULL, f) < 0)
			return -1;
	for (size_t i = 0; i < to->unmanaged.n; i++) {
		const char *s = to->unmanaged.items[i];
		if (plumb_map_get(f, s, NULL, NULL) && plumb_map_put(*out, s, NULL, NULL, *out) < 0)
			return -1;
	}
	return 0;
}

/* Every kind compared by definition: same identity and definition, or
 * replaced (or altered in place); an object annotated as renamed from one
 * that is gone is matched to it. */
static int diff_objects(plumb_arena *a, const plumb_catalog *from, const plumb_catalog *to,
			const plumb_kind_desc *d, const plumb_map *both, plumb_vec *drops,
			plumb_vec *alters, plumb_vec *creates)
{
	const plumb_vec *tv = plumb_kind_objects(d, to);
	obj_index ix;
	if (index_objects(a, from, d, &ix))
		return -1;

	for (size_t i = 0; i < tv->n; i++) {
		const void *t = tv->items[i];
		const named *tn = t;
		if (!plumb_kind_holds(d, t) || !compared(d, t, both))
			continue;
		const void *f = claim(&ix, t, tn->schema, tn->name);
		bool renamed = false;
		const char *old = plumb_kind_renamed_from(d, t);
		if (!f && old && !plumb_catalog_find(to, d->kind, tn->schema, old)) {
			f = claim(&ix, t, tn->schema, old);
			renamed = f != NULL;
		}
		/* an implicit object (an owner's privileges) is there already, and
		 * agrees with a declared one holding the same grant options */
		bool implicit = plumb_kind_implicit(d, t) || (f && plumb_kind_implicit(d, f));
		plumb_change *c;
		if (!f && implicit && !plumb_kind_definition(d, t))
			continue;
		if (!f)
			c = new_change(a, PLUMB_CHANGE_CREATE, d->kind, NULL, t);
		else if (implicit ? plumb_kind_implicit_agrees(d, f, t)
				  : !renamed &&
					    str_eq(plumb_kind_definition(d, f),
						   plumb_kind_definition(d, t)) &&
					    version_agrees(d, f, t) && settings_agree(d, f, t))
			continue;
		else
			c = new_change(a, PLUMB_CHANGE_ALTER, d->kind, f, t);
		if (!c)
			return -1;
		c->renamed = renamed;
		if (plumb_vec_push(a, f ? alters : creates, c))
			return -1;
	}
	for (size_t j = 0; j < ix.v->n; j++) {
		const void *f = ix.v->items[j];
		if (ix.used[j] || !plumb_kind_holds(d, f) || !compared(d, f, both) ||
		    (plumb_kind_implicit(d, f) && !plumb_kind_definition(d, f)))
			continue;
		plumb_change *c = new_change(a, PLUMB_CHANGE_DROP, d->kind, f, NULL);
		if (!c || plumb_vec_push(a, drops, c))
			return -1;
	}
	return 0;
}

static const char *change_name(const plumb_change *c)
{
	return plumb_object_name(c->to ? c->to : c->from);
}

static const char *change_schema(const plumb_change *c)
{
	const named *n = c->to ? c->to : c->from;
	return n->schema ? n->schema : "";
}

static int cmp_change_name(const void *a, const void *b)
{
	const plumb_change *x = *(const plumb_change *const *)a;
	const plumb_change *y = *(const plumb_change *const *)b;
	int r = strcmp(change_schema(x), change_schema(y));
	if (r)
		return r;
	r = strcasecmp(change_name(x), change_name(y));
	return r ? r : strcmp(change_name(x), change_name(y));
}

static int append_sorted(plumb_arena *a, plumb_vec *out, plumb_vec *group)
{
	plumb_vec_sort(group, cmp_change_name);
	for (size_t i = 0; i < group->n; i++)
		if (plumb_vec_push(a, out, group->items[i]))
			return -1;
	return 0;
}

int plumb_diff_catalogs(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *from,
			const plumb_catalog *to, plumb_diff **out)
{
	/* Every kind of the table, creates in its create order (what others
	 * need first), drops in reverse. */
	enum { N = PLUMB_OBJ_KIND_COUNT };
	plumb_obj_kind order[N];
	plumb_vec drops[N] = {0}, alters[N] = {0}, creates[N] = {0};
	plumb_diff *d;
	plumb_map *both = NULL;
	int rc = 0;

	*out = NULL;
	if (from->dialect && to->dialect && strcmp(from->dialect, to->dialect) != 0) {
		rc = plumb_error_set(ctx, PLUMB_EUSAGE,
				     "cannot compare a %s catalog with a %s catalog",
				     from->dialect, to->dialect);
		goto done;
	}
	d = plumb_arena_alloc(arena, sizeof(*d));
	if (!d)
		goto nomem;
	d->from = from;
	d->to = to;
	if (unmanaged_in_both(arena, from, to, &both))
		goto nomem;

	plumb_kinds_in_order(order);
	for (size_t k = 0; k < N; k++) {
		const plumb_kind_desc *kd = plumb_kind(order[k]);
		int r = kd->compare == PLUMB_COMPARE_TABLE
				? diff_tables(arena, from, to, &drops[k], &alters[k], &creates[k])
				: diff_objects(arena, from, to, kd, both, &drops[k], &alters[k],
					       &creates[k]);
		if (r)
			goto nomem;
	}
	for (size_t k = N; k-- > 0;)
		if (append_sorted(arena, &d->changes, &drops[k]))
			goto nomem;
	for (size_t k = 0; k < N; k++)
		if (append_sorted(arena, &d->changes, &alters[k]))
			goto nomem;
	for (size_t k = 0; k < N; k++)
		if (append_sorted(arena, &d->changes, &creates[k]))
			goto nomem;
	*out = d;
	goto done;
nomem:
	rc = plumb_error_nomem(ctx);
done:
	return rc;
}

bool plumb_diff_is_empty(const plumb_diff *diff)
{
	return !diff || diff->changes.n == 0;
}
