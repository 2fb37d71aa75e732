/*
 * The audit report (report.h): records built from a diff, grouped by object
 * with a table's columns, constraints and indexes under it, each differing
 * attribute before and after, and rename candidates paired through hashes of
 * what a constraint or index is apart from its name. Then the same records
 * as aligned text and as JSON. It compares nothing diff.c has not found, and
 * writes no SQL.
 */
#include <string.h>

#include "catalog/kinds.h"
#include "diff/report.h"
#include "util/map.h"

/* Every object struct starts with schema then name. */
typedef struct named {
	const char *schema;
	const char *name;
} named;

typedef struct builder {
	plumb_arena *a;
	const plumb_diff *diff;
	bool fold;
	plumb_report *r;
	plumb_map *tables; /* (schema, name) -> plumb_report_entry * of a table */
	unsigned table_order;
} builder;

/* The order of entries: their kind's place in the create order, then schema
 * and name (kept beside each top-level entry while building). */
typedef struct ranked {
	plumb_report_entry e;
	unsigned order;
} ranked;

const char *plumb__report_status_name(plumb_report_status status)
{
	switch (status) {
	case PLUMB_REPORT_ONLY_LEFT:
		return "only_in_database";
	case PLUMB_REPORT_ONLY_RIGHT:
		return "only_in_schema";
	case PLUMB_REPORT_DIFFERENT:
		return "different";
	case PLUMB_REPORT_RENAMED:
		return "renamed";
	case PLUMB_REPORT_RENAME_CANDIDATE:
		return "renamed_candidate";
	}
	return "different";
}

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool list_eq(const plumb_vec *a, const plumb_vec *b)
{
	if (a->n != b->n)
		return false;
	for (size_t i = 0; i < a->n; i++)
		if (!str_eq(a->items[i], b->items[i]))
			return false;
	return true;
}

/* --- records ----------------------------------------------------------------- */

static plumb_report_entry *new_entry(builder *b, const char *kind, const char *schema,
				     const char *name, plumb_report_status status)
{
	ranked *rk = plumb_arena_alloc(b->a, sizeof(*rk));
	if (!rk)
		return NULL;
	rk->e.kind = kind;
	rk->e.schema = schema;
	rk->e.name = name;
	rk->e.status = status;
	return &rk->e;
}

static int add_attr(builder *b, plumb_report_entry *e, const char *name, plumb_report_value before,
		    plumb_report_value after)
{
	plumb_report_attr *at = plumb_arena_alloc(b->a, sizeof(*at));
	if (!at)
		return -1;
	at->name = name;
	at->before = before;
	at->after = after;
	return plumb_vec_push(b->a, &e->attrs, at);
}

static plumb_report_value text_value(const char *s)
{
	return (plumb_report_value){.type = s ? PLUMB_RV_TEXT : PLUMB_RV_NULL, .text = s};
}

static plumb_report_value bool_value(bool v)
{
	return (plumb_report_value){.type = PLUMB_RV_BOOL, .flag = v};
}

static plumb_report_value list_value(const plumb_vec *v)
{
	return (plumb_report_value){.type = v ? PLUMB_RV_LIST : PLUMB_RV_NULL, .list = v};
}

static const plumb_report_value no_value = {.type = PLUMB_RV_NULL};

/* An attribute when its two texts differ. */
static int cmp_text(builder *b, plumb_report_entry *e, const char *name, const char *x,
		    const char *y)
{
	return str_eq(x, y) ? 0 : add_attr(b, e, name, text_value(x), text_value(y));
}

static int cmp_bool(builder *b, plumb_report_entry *e, const char *name, bool x, bool y)
{
	return x == y ? 0 : add_attr(b, e, name, bool_value(x), bool_value(y));
}

static int cmp_list(builder *b, plumb_report_entry *e, const char *name, const plumb_vec *x,
		    const plumb_vec *y)
{
	if (!x || !y)
		return -1;
	return list_eq(x, y) ? 0 : add_attr(b, e, name, list_value(x), list_value(y));
}

/* An array of n strings as a vector in arena memory (NULL when out of memory). */
static const plumb_vec *vec_of(builder *b, const char **items, size_t n)
{
	plumb_vec *v = plumb_arena_alloc(b->a, sizeof(*v));
	for (size_t i = 0; v && i < n; i++)
		if (plumb_vec_push(b->a, v, (void *)items[i]))
			return NULL;
	return v;
}

static int push_child(builder *b, plumb_report_entry *parent, plumb_report_entry *e)
{
	return e ? plumb_vec_push(b->a, &parent->children, e) : -1;
}

/* --- columns ----------------------------------------------------------------- */

static const char *generated_of(builder *b, const plumb_column *c)
{
	if (!c->generated_sql)
		return NULL;
	return plumb_arena_printf(b->a, "%s %s", c->generated_sql,
				  c->generated_stored ? "stored" : "virtual");
}

/* Each field of two columns that differs; the definition when none does. */
static int column_attrs(builder *b, plumb_report_entry *e, const plumb_column *f,
			const plumb_column *t)
{
	size_t n0 = e->attrs.n;
	if (cmp_text(b, e, "type", f->type, t->type) ||
	    cmp_bool(b, e, "not null", f->not_null, t->not_null) ||
	    cmp_text(b, e, "default", f->default_sql, t->default_sql) ||
	    cmp_text(b, e, "collation", f->collation, t->collation) ||
	    cmp_text(b, e, "generated", generated_of(b, f), generated_of(b, t)) ||
	    cmp_text(b, e, "identity", f->identity, t->identity) ||
	    cmp_text(b, e, "identity options", f->identity_options, t->identity_options) ||
	    cmp_bool(b, e, "inherited", f->inherited, t->inherited) ||
	    cmp_text(b, e, "compression", f->compression, t->compression) ||
	    cmp_text(b, e, "storage", f->storage, t->storage) ||
	    cmp_text(b, e, "options", f->options, t->options) ||
	    cmp_text(b, e, "statistics", f->statistics, t->statistics) ||
	    cmp_list(b, e, "foreign options", &f->fdw_options, &t->fdw_options))
		return -1;
	if (e->attrs.n == n0 && !str_eq(f->definition, t->definition))
		return add_attr(b, e, "definition", text_value(f->definition),
				text_value(t->definition));
	return 0;
}

static int column_entries(builder *b, plumb_report_entry *te, const plumb_table_delta *d)
{
	for (size_t i = 0; i < d->renamed_columns.n; i++) {
		const plumb_column_change *cc = d->renamed_columns.items[i];
		plumb_report_entry *e =
			new_entry(b, "column", NULL, cc->to->name, PLUMB_REPORT_RENAMED);
		if (!e)
			return -1;
		e->from = cc->from->name;
		e->to = cc->to->name;
		if (column_attrs(b, e, cc->from, cc->to) || push_child(b, te, e))
			return -1;
	}
	for (size_t i = 0; i < d->changed_columns.n; i++) {
		const plumb_column_change *cc = d->changed_columns.items[i];
		plumb_report_entry *e =
			new_entry(b, "column", NULL, cc->to->name, PLUMB_REPORT_DIFFERENT);
		if (!e || column_attrs(b, e, cc->from, cc->to) || push_child(b, te, e))
			return -1;
	}
	for (size_t i = 0; i < d->dropped_columns.n; i++) {
		const plumb_column *c = d->dropped_columns.items[i];
		plumb_report_entry *e =
			new_entry(b, "column", NULL, c->name, PLUMB_REPORT_ONLY_LEFT);
		if (!e || add_attr(b, e, "type", text_value(c->type), no_value) ||
		    push_child(b, te, e))
			return -1;
	}
	for (size_t i = 0; i < d->added_columns.n; i++) {
		const plumb_column *c = d->added_columns.items[i];
		plumb_report_entry *e =
			new_entry(b, "column", NULL, c->name, PLUMB_REPORT_ONLY_RIGHT);
		if (!e || add_attr(b, e, "type", no_value, text_value(c->type)) ||
		    push_child(b, te, e))
			return -1;
	}
	return 0;
}

/* --- constraints ------------------------------------------------------------- */

static const char *con_kind_name(plumb_con_kind k)
{
	switch (k) {
	case PLUMB_CON_PRIMARY_KEY:
		return "primary key";
	case PLUMB_CON_UNIQUE:
		return "unique";
	case PLUMB_CON_CHECK:
		return "check";
	case PLUMB_CON_FOREIGN_KEY:
		return "foreign key";
	case PLUMB_CON_EXCLUDE:
		return "exclude";
	}
	return "constraint";
}

static const char *references_of(builder *b, const plumb_constraint *c)
{
	if (c->kind != PLUMB_CON_FOREIGN_KEY)
		return NULL;
	plumb_buf buf;
	plumb_buf_init(&buf, b->a, 0);
	if (c->ref_schema)
		plumb_buf_printf(&buf, "%s.", c->ref_schema);
	plumb_buf_puts(&buf, c->ref_table ? c->ref_table : "");
	if (c->n_ref_columns) {
		plumb_buf_putc(&buf, '(');
		for (size_t i = 0; i < c->n_ref_columns; i++)
			plumb_buf_printf(&buf, "%s%s", i ? ", " : "", c->ref_columns[i]);
		plumb_buf_putc(&buf, ')');
	}
	return plumb_buf_str(&buf);
}

/* What a constraint is apart from its name, as one string: two constraints
 * with the same key differ only by name. NULL when out of memory. */
static const char *con_key(builder *b, const plumb_constraint *c)
{
	const char *ref = references_of(b, c);
	plumb_buf buf;
	plumb_buf_init(&buf, b->a, 0);
	plumb_buf_printf(&buf, "%d\x1f", (int)c->kind);
	for (size_t i = 0; i < c->n_columns; i++)
		plumb_buf_printf(&buf, "%s\x1e", c->columns[i]);
	plumb_buf_putc(&buf, '\x1f');
	for (size_t i = 0; i < c->n_include; i++)
		plumb_buf_printf(&buf, "%s\x1e", c->include[i]);
	plumb_buf_printf(&buf, "\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%d%d%d%d",
			 c->check_sql ? c->check_sql : "", ref ? ref : "",
			 c->on_delete ? c->on_delete : "", c->on_update ? c->on_update : "",
			 c->match ? c->match : "", c->deferrable, c->initially_deferred,
			 c->not_valid, c->autoincrement);
	/* An EXCLUDE constraint's elements are in its definition only. */
	if (c->kind == PLUMB_CON_EXCLUDE && c->definition) {
		const char *p = strstr(c->definition, "EXCLUDE");
		plumb_buf_puts(&buf, p ? p : c->definition);
	}
	return buf.failed ? NULL : plumb_buf_str(&buf);
}

static int constraint_attrs(builder *b, plumb_report_entry *e, const plumb_constraint *f,
			    const plumb_constraint *t)
{
	size_t n0 = e->attrs.n;
	if (cmp_text(b, e, "kind", con_kind_name(f->kind), con_kind_name(t->kind)) ||
	    cmp_list(b, e, "columns", vec_of(b, f->columns, f->n_columns),
		     vec_of(b, t->columns, t->n_columns)) ||
	    cmp_list(b, e, "include", vec_of(b, f->include, f->n_include),
		     vec_of(b, t->include, t->n_include)) ||
	    cmp_text(b, e, "check", f->check_sql, t->check_sql) ||
	    cmp_text(b, e, "references", references_of(b, f), references_of(b, t)) ||
	    cmp_text(b, e, "on delete", f->on_delete, t->on_delete) ||
	    cmp_text(b, e, "on update", f->on_update, t->on_update) ||
	    cmp_text(b, e, "match", f->match, t->match) ||
	    cmp_bool(b, e, "deferrable", f->deferrable, t->deferrable) ||
	    cmp_bool(b, e, "initially deferred", f->initially_deferred, t->initially_deferred) ||
	    cmp_bool(b, e, "not valid", f->not_valid, t->not_valid) ||
	    cmp_bool(b, e, "autoincrement", f->autoincrement, t->autoincrement))
		return -1;
	if (e->attrs.n == n0 && !str_eq(f->definition, t->definition))
		return add_attr(b, e, "definition", text_value(f->definition),
				text_value(t->definition));
	return 0;
}

static plumb_report_entry *constraint_entry(builder *b, const plumb_constraint *c,
					    plumb_report_status status)
{
	plumb_report_entry *e = new_entry(b, con_kind_name(c->kind), NULL, c->name, status);
	if (e && !c->name)
		e->definition = c->definition;
	return e;
}

/*
 * A table's constraints that are on one side only, paired: first by name
 * (the same name, another definition: different), then by what they are
 * apart from their name (a rename candidate). The rest are on one side only.
 */
static int constraint_entries(builder *b, plumb_report_entry *te, const plumb_table_delta *d)
{
	const plumb_vec *left = &d->dropped_constraints, *right = &d->added_constraints;
	bool *used = plumb_arena_alloc(b->a, left->n + 1);
	bool *paired = plumb_arena_alloc(b->a, right->n + 1);
	plumb_map *by_name = plumb_map_new(b->a, b->fold);
	plumb_map *by_key = plumb_map_new(b->a, b->fold);
	if (!used || !paired || !by_name || !by_key)
		return -1;
	/* Renamed by annotation: the diff paired them already. */
	for (size_t i = 0; i < d->renamed_constraints.n; i++) {
		const plumb_constraint_change *cc = d->renamed_constraints.items[i];
		plumb_report_entry *e = constraint_entry(b, cc->to, PLUMB_REPORT_RENAMED);
		if (!e)
			return -1;
		e->from = cc->from->name;
		e->to = cc->to->name;
		if (constraint_attrs(b, e, cc->from, cc->to) || push_child(b, te, e))
			return -1;
	}
	/* Left ones by name and by key; the first of equal keys is taken first. */
	for (size_t i = left->n; i-- > 0;) {
		const plumb_constraint *c = left->items[i];
		const char *key = con_key(b, c);
		if (!key || plumb_map_put(by_key, "key", key, NULL, (void *)(i + 1)) ||
		    (c->name && plumb_map_put(by_name, "name", c->name, NULL, (void *)(i + 1))))
			return -1;
	}
	for (size_t j = 0; j < right->n; j++) {
		const plumb_constraint *t = right->items[j];
		size_t i = t->name ? (size_t)plumb_map_get(by_name, "name", t->name, NULL) : 0;
		if (!i || used[i - 1])
			continue;
		used[i - 1] = paired[j] = true;
		plumb_report_entry *e = constraint_entry(b, t, PLUMB_REPORT_DIFFERENT);
		if (!e || constraint_attrs(b, e, left->items[i - 1], t) || push_child(b, te, e))
			return -1;
	}
	for (size_t j = 0; j < right->n; j++) {
		const plumb_constraint *t = right->items[j];
		if (paired[j])
			continue;
		const char *key = con_key(b, t);
		if (!key)
			return -1;
		size_t i = (size_t)plumb_map_get(by_key, "key", key, NULL);
		if (!i || used[i - 1])
			continue;
		const plumb_constraint *f = left->items[i - 1];
		used[i - 1] = paired[j] = true;
		plumb_report_entry *e = constraint_entry(b, t, PLUMB_REPORT_RENAME_CANDIDATE);
		if (!e)
			return -1;
		e->from = f->name;
		e->to = t->name;
		if (!t->name && f->name)
			e->definition = NULL;
		if (push_child(b, te, e))
			return -1;
	}
	for (size_t i = 0; i < left->n; i++)
		if (!used[i] &&
		    push_child(b, te, constraint_entry(b, left->items[i], PLUMB_REPORT_ONLY_LEFT)))
			return -1;
	for (size_t j = 0; j < right->n; j++)
		if (!paired[j] &&
		    push_child(b, te,
			       constraint_entry(b, right->items[j], PLUMB_REPORT_ONLY_RIGHT)))
			return -1;
	return 0;
}

/* --- tables ------------------------------------------------------------------ */

static int table_attrs(builder *b, plumb_report_entry *e, const plumb_table *f,
		       const plumb_table *t)
{
	return cmp_bool(b, e, "without rowid", f->without_rowid, t->without_rowid) ||
	       cmp_bool(b, e, "strict", f->strict, t->strict) ||
	       cmp_bool(b, e, "unlogged", f->unlogged, t->unlogged) ||
	       cmp_text(b, e, "partition by", f->partition_by, t->partition_by) ||
	       cmp_text(b, e, "partition of", f->partition_of, t->partition_of) ||
	       cmp_text(b, e, "partition bound", f->partition_bound, t->partition_bound) ||
	       cmp_list(b, e, "inherits", &f->inherits, &t->inherits) ||
	       cmp_bool(b, e, "row level security", f->rls_enabled, t->rls_enabled) ||
	       cmp_bool(b, e, "force row level security", f->rls_forced, t->rls_forced) ||
	       cmp_text(b, e, "options", f->options, t->options) ||
	       cmp_text(b, e, "replica identity", f->replica_identity, t->replica_identity) ||
	       cmp_text(b, e, "server", f->server, t->server) ||
	       cmp_list(b, e, "foreign options", &f->fdw_options, &t->fdw_options);
}

static const plumb_vec *column_names(builder *b, const plumb_table *t)
{
	plumb_vec *v = plumb_arena_alloc(b->a, sizeof(*v));
	for (size_t i = 0; v && i < t->columns.n; i++)
		if (plumb_vec_push(b->a, v,
				   (void *)((const plumb_column *)t->columns.items[i])->name))
			return NULL;
	return v;
}

/* The entry of table schema.name, made (different, no attribute of its
 * own) when the table is on both sides and only its indexes differ. */
static plumb_report_entry *table_entry(builder *b, const char *schema, const char *name)
{
	plumb_report_entry *e = plumb_map_get(b->tables, schema, name, NULL);
	if (e)
		return e;
	e = new_entry(b, "table", schema, name, PLUMB_REPORT_DIFFERENT);
	if (!e || plumb_map_put(b->tables, schema, name, NULL, e) ||
	    plumb_vec_push(b->a, &b->r->entries, e))
		return NULL;
	((ranked *)e)->order = b->table_order;
	return e;
}

/* --- indexes ----------------------------------------------------------------- */

/* An index's definition with its name left out, so that two indexes that
 * differ only by name have the same key. NULL when out of memory. */
static const char *index_key(builder *b, const plumb_index *ix)
{
	const char *def = ix->definition ? ix->definition : "";
	const char *name = ix->name ? ix->name : "";
	char *quoted = plumb_arena_printf(b->a, "\"%s\"", name);
	if (!quoted)
		return NULL;
	const char *at = strstr(def, quoted);
	size_t len = strlen(quoted);
	if (!at) {
		/* the bare name, as a whole word */
		len = strlen(name);
		for (at = strstr(def, name); at && len; at = strstr(at + 1, name)) {
			char before = at == def ? ' ' : at[-1], after = at[len];
			if ((before == ' ' || before == '.') && (after == ' ' || after == '\0'))
				break;
		}
		if (!len)
			at = NULL;
	}
	const char *table = ix->table ? ix->table : "";
	if (!at)
		return plumb_arena_printf(b->a, "%s\x1f%s", table, def);
	return plumb_arena_printf(b->a, "%s\x1f%.*s?%s", table, (int)(at - def), def, at + len);
}

static int index_attrs(builder *b, plumb_report_entry *e, const plumb_index *f,
		       const plumb_index *t)
{
	size_t n0 = e->attrs.n;
	if (cmp_bool(b, e, "unique", f->unique, t->unique) ||
	    cmp_list(b, e, "keys", &f->keys, &t->keys) ||
	    cmp_text(b, e, "where", f->where_sql, t->where_sql) ||
	    cmp_text(b, e, "statistics", f->statistics, t->statistics) ||
	    cmp_bool(b, e, "invalid", f->invalid, t->invalid))
		return -1;
	if (e->attrs.n == n0 && !str_eq(f->definition, t->definition))
		return add_attr(b, e, "definition", text_value(f->definition),
				text_value(t->definition));
	return 0;
}

/* The index changes of the diff, under their tables: replaced ones as
 * different, a dropped and a created one on the same table that differ only
 * by name as a rename candidate, the rest on one side only. */
static int index_entries(builder *b, const plumb_vec *changes)
{
	plumb_map *by_key = plumb_map_new(b->a, b->fold);
	bool *done = plumb_arena_alloc(b->a, changes->n + 1);
	if (!by_key || !done)
		return -1;
	for (size_t i = changes->n; i-- > 0;) {
		const plumb_change *c = changes->items[i];
		const char *key;
		if (c->op != PLUMB_CHANGE_DROP)
			continue;
		if (!(key = index_key(b, c->from)) ||
		    plumb_map_put(by_key, key, NULL, NULL, (void *)(i + 1)))
			return -1;
	}
	for (size_t i = 0; i < changes->n; i++) {
		const plumb_change *c = changes->items[i];
		const plumb_index *f = c->from, *t = c->to;
		if (c->op != PLUMB_CHANGE_CREATE)
			continue;
		const char *key = index_key(b, t);
		if (!key)
			return -1;
		size_t j = (size_t)plumb_map_get(by_key, key, NULL, NULL);
		if (!j || done[j - 1])
			continue;
		f = ((const plumb_change *)changes->items[j - 1])->from;
		done[i] = done[j - 1] = true;
		plumb_report_entry *te = table_entry(b, t->schema, t->table);
		plumb_report_entry *e =
			new_entry(b, "index", NULL, t->name, PLUMB_REPORT_RENAME_CANDIDATE);
		if (!te || !e)
			return -1;
		e->from = f->name;
		e->to = t->name;
		if (push_child(b, te, e))
			return -1;
	}
	for (size_t i = 0; i < changes->n; i++) {
		const plumb_change *c = changes->items[i];
		const plumb_index *f = c->from, *t = c->to, *ix = t ? t : f;
		if (done[i])
			continue;
		plumb_report_status st = c->op == PLUMB_CHANGE_DROP	? PLUMB_REPORT_ONLY_LEFT
					 : c->op == PLUMB_CHANGE_CREATE ? PLUMB_REPORT_ONLY_RIGHT
					 : c->renamed			? PLUMB_REPORT_RENAMED
									: PLUMB_REPORT_DIFFERENT;
		plumb_report_entry *te = table_entry(b, ix->schema, ix->table);
		plumb_report_entry *e = new_entry(b, "index", NULL, ix->name, st);
		if (!te || !e)
			return -1;
		if (c->renamed) {
			e->from = f->name;
			e->to = t->name;
		}
		if (f && t && index_attrs(b, e, f, t))
			return -1;
		if (!(f && t) && add_attr(b, e, "keys", f ? list_value(&f->keys) : no_value,
					  t ? list_value(&t->keys) : no_value))
			return -1;
		if (push_child(b, te, e))
			return -1;
	}
	return 0;
}

/* --- objects ----------------------------------------------------------------- */

static int object_entry(builder *b, const plumb_change *c, plumb_vec *index_changes)
{
	const plumb_kind_desc *d = plumb_kind(c->kind);
	const named *f = c->from, *t = c->to, *o = t ? t : f;
	plumb_report_status st = c->op == PLUMB_CHANGE_DROP	? PLUMB_REPORT_ONLY_LEFT
				 : c->op == PLUMB_CHANGE_CREATE ? PLUMB_REPORT_ONLY_RIGHT
				 : c->renamed			? PLUMB_REPORT_RENAMED
								: PLUMB_REPORT_DIFFERENT;
	if (c->kind == PLUMB_OBJ_INDEX)
		return plumb_vec_push(b->a, index_changes, (void *)c);

	plumb_report_entry *e = new_entry(b, d->name, o->schema, o->name, st);
	if (!e)
		return -1;
	((ranked *)e)->order = d->order;
	if (c->renamed) {
		e->from = f->name;
		e->to = t->name;
	}
	if (d->compare == PLUMB_COMPARE_TABLE) {
		const plumb_table *ft = c->from, *tt = c->to;
		if (plumb_map_put(b->tables, o->schema, o->name, NULL, e))
			return -1;
		if (!(ft && tt)) {
			if (add_attr(b, e, "columns",
				     ft ? list_value(column_names(b, ft)) : no_value,
				     tt ? list_value(column_names(b, tt)) : no_value))
				return -1;
		} else if (c->delta) {
			if ((c->delta->options_changed && table_attrs(b, e, ft, tt)) ||
			    column_entries(b, e, c->delta) || constraint_entries(b, e, c->delta))
				return -1;
		}
	} else if (d->compare == PLUMB_COMPARE_VALUES && plumb_kind_is_generic(d)) {
		const plumb_object *fo = c->from, *to = c->to;
		if (!(fo && to)) {
			if (add_attr(b, e, "values", fo ? list_value(&fo->values) : no_value,
				     to ? list_value(&to->values) : no_value))
				return -1;
		} else if ((list_eq(&fo->values, &to->values)
				    ? cmp_text(b, e, "definition", fo->definition, to->definition)
				    : add_attr(b, e, "values", list_value(&fo->values),
					       list_value(&to->values)))) {
			return -1;
		}
	} else if (f && t) {
		const char *fd = plumb_kind_definition(d, f), *td = plumb_kind_definition(d, t);
		if (cmp_text(b, e, "definition", fd, td))
			return -1;
		if (d->versioned) {
			const plumb_object *fo = c->from, *to = c->to;
			if (to->version && cmp_text(b, e, "version", fo->version, to->version))
				return -1;
		}
	}
	return plumb_vec_push(b->a, &b->r->entries, e);
}

static int cmp_entries(const void *x, const void *y)
{
	const ranked *a = *(const ranked *const *)x, *b = *(const ranked *const *)y;
	if (a->order != b->order)
		return a->order < b->order ? -1 : 1;
	int r = strcmp(a->e.schema ? a->e.schema : "", b->e.schema ? b->e.schema : "");
	return r ? r : strcmp(a->e.name ? a->e.name : "", b->e.name ? b->e.name : "");
}

static void count(plumb_report *r, const plumb_report_entry *e)
{
	switch (e->status) {
	case PLUMB_REPORT_ONLY_LEFT:
		r->n_only_left++;
		break;
	case PLUMB_REPORT_ONLY_RIGHT:
		r->n_only_right++;
		break;
	case PLUMB_REPORT_DIFFERENT:
		r->n_different++;
		break;
	case PLUMB_REPORT_RENAMED:
	case PLUMB_REPORT_RENAME_CANDIDATE:
		r->n_renamed++;
		break;
	}
	for (size_t i = 0; i < e->children.n; i++)
		count(r, e->children.items[i]);
}

int plumb__report_from_diff(plumb_ctx *ctx, plumb_arena *arena, const plumb_diff *diff,
			    plumb_report **out)
{
	builder b = {.a = arena, .diff = diff};
	plumb_vec index_changes = {0};

	*out = NULL;
	b.fold = (diff->from && diff->from->fold_case) || (diff->to && diff->to->fold_case);
	b.table_order = plumb_kind(PLUMB_OBJ_TABLE)->order;
	b.r = plumb_arena_alloc(arena, sizeof(*b.r));
	b.tables = plumb_map_new(arena, b.fold);
	if (!b.r || !b.tables)
		goto nomem;
	b.r->dialect = diff->to && diff->to->dialect ? diff->to->dialect
		       : diff->from		     ? diff->from->dialect
						     : NULL;
	for (size_t i = 0; i < diff->changes.n; i++)
		if (object_entry(&b, diff->changes.items[i], &index_changes))
			goto nomem;
	if (index_entries(&b, &index_changes))
		goto nomem;
	plumb_vec_sort(&b.r->entries, cmp_entries);
	for (size_t i = 0; i < b.r->entries.n; i++)
		count(b.r, b.r->entries.items[i]);
	*out = b.r;
	return 0;
nomem:
	return plumb_error_nomem(ctx);
}

int plumb__report_build(plumb_ctx *ctx, const plumb_catalog *left, const plumb_catalog *right,
			plumb_report **out)
{
	plumb_diff *diff;
	int rc;

	*out = NULL;
	if ((rc = plumb_diff_catalogs(ctx, ctx->root, left, right, &diff)) < 0)
		return rc;
	return plumb__report_from_diff(ctx, ctx->root, diff, out);
}

bool plumb__report_is_empty(const plumb_report *r)
{
	return !r || r->entries.n == 0;
}
