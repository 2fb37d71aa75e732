/*
 * Changes as records and as lines for people. A record (plumb_diff_item)
 * says the verb, the object and, for an altered table or enum, each part that
 * changes; lines are written from records only, so descriptions, migration
 * names and JSON reports agree without reading text back. It compares
 * nothing: diff.c has found the changes.
 */
#include <string.h>

#include "catalog/kinds.h"
#include "diff/diff.h"

/* Every object struct starts with schema then name. */
typedef struct named {
	const char *schema;
	const char *name;
} named;

const char *plumb_diff_verb_name(plumb_diff_verb verb)
{
	switch (verb) {
	case PLUMB_VERB_CREATE:
		return "create";
	case PLUMB_VERB_DROP:
		return "drop";
	case PLUMB_VERB_REPLACE:
		return "replace";
	case PLUMB_VERB_ALTER:
		return "alter";
	case PLUMB_VERB_RENAME:
		return "rename";
	case PLUMB_VERB_ADD:
		return "add";
	}
	return "change";
}

/* --- records ----------------------------------------------------------------- */

static int add_part(plumb_arena *a, plumb_vec *parts, plumb_diff_verb verb,
		    plumb_diff_part_kind kind, const char *name, const char *new_name,
		    const char *before, const char *after)
{
	plumb_diff_part *p = plumb_arena_alloc(a, sizeof(*p));
	if (!p)
		return -1;
	p->verb = verb;
	p->part = kind;
	p->name = name;
	p->new_name = new_name;
	p->before = before;
	p->after = after;
	return plumb_vec_push(a, parts, p);
}

/* A table's options as its line says them. */
static const char *options_of(const plumb_table *t)
{
	if (t->without_rowid)
		return t->strict ? "without rowid strict" : "without rowid";
	return t->strict ? "strict" : "none";
}

static int table_parts(plumb_arena *a, const plumb_change *c, plumb_vec *out)
{
	const plumb_table_delta *d = c->delta;
	const plumb_vec *v;

	v = &d->renamed_columns;
	for (size_t i = 0; i < v->n; i++) {
		const plumb_column_change *cc = v->items[i];
		if (add_part(a, out, PLUMB_VERB_RENAME, PLUMB_PART_COLUMN, cc->from->name,
			     cc->to->name, cc->from->definition, cc->to->definition))
			return -1;
	}
	v = &d->dropped_columns;
	for (size_t i = 0; i < v->n; i++) {
		const plumb_column *col = v->items[i];
		if (add_part(a, out, PLUMB_VERB_DROP, PLUMB_PART_COLUMN, col->name, NULL,
			     col->definition, NULL))
			return -1;
	}
	v = &d->changed_columns;
	for (size_t i = 0; i < v->n; i++) {
		const plumb_column_change *cc = v->items[i];
		if (add_part(a, out, PLUMB_VERB_ALTER, PLUMB_PART_COLUMN, cc->to->name, NULL,
			     cc->from->definition, cc->to->definition))
			return -1;
	}
	v = &d->added_columns;
	for (size_t i = 0; i < v->n; i++) {
		const plumb_column *col = v->items[i];
		if (add_part(a, out, PLUMB_VERB_ADD, PLUMB_PART_COLUMN, col->name, NULL, NULL,
			     col->definition))
			return -1;
	}
	v = &d->dropped_constraints;
	for (size_t i = 0; i < v->n; i++) {
		const plumb_constraint *con = v->items[i];
		if (add_part(a, out, PLUMB_VERB_DROP, PLUMB_PART_CONSTRAINT, con->name, NULL,
			     con->definition, NULL))
			return -1;
	}
	v = &d->renamed_constraints;
	for (size_t i = 0; i < v->n; i++) {
		const plumb_constraint_change *cc = v->items[i];
		if (add_part(a, out, PLUMB_VERB_RENAME, PLUMB_PART_CONSTRAINT, cc->from->name,
			     cc->to->name, cc->from->definition, cc->to->definition))
			return -1;
	}
	v = &d->added_constraints;
	for (size_t i = 0; i < v->n; i++) {
		const plumb_constraint *con = v->items[i];
		if (add_part(a, out, PLUMB_VERB_ADD, PLUMB_PART_CONSTRAINT, con->name, NULL, NULL,
			     con->definition))
			return -1;
	}
	if (d->options_changed &&
	    add_part(a, out, PLUMB_VERB_ALTER, PLUMB_PART_OPTIONS, NULL, NULL,
		     options_of(c->from), options_of(c->to)))
		return -1;
	return 0;
}

static bool has_label(const plumb_vec *v, const char *label)
{
	for (size_t i = 0; i < v->n; i++)
		if (strcmp(v->items[i], label) == 0)
			return true;
	return false;
}

/* The labels an annotation renames: old in f, new in t and not in f. */
static bool renamed_label(const plumb_object *f, const plumb_object *t, const char *label,
			  bool old)
{
	const plumb_vec *rv = &t->renamed_values;
	for (size_t i = 0; i + 1 < rv->n; i += 2)
		if (strcmp(rv->items[i + !old], label) == 0 && has_label(&f->values, rv->items[i]) &&
		    has_label(&t->values, rv->items[i + 1]) && !has_label(&f->values, rv->items[i + 1]))
			return true;
	return false;
}

/* An enum's labels: renamed by annotation, dropped, added. */
static int value_parts(plumb_arena *a, const plumb_object *f, const plumb_object *t,
		       plumb_vec *out)
{
	const plumb_vec *rv = &t->renamed_values;
	for (size_t i = 0; i + 1 < rv->n; i += 2)
		if (renamed_label(f, t, rv->items[i], true) &&
		    add_part(a, out, PLUMB_VERB_RENAME, PLUMB_PART_VALUE, rv->items[i],
			     rv->items[i + 1], NULL, NULL))
			return -1;
	for (size_t i = 0; i < f->values.n; i++) {
		const char *v = f->values.items[i];
		if (!has_label(&t->values, v) && !renamed_label(f, t, v, true) &&
		    add_part(a, out, PLUMB_VERB_DROP, PLUMB_PART_VALUE, v, NULL, NULL, NULL))
			return -1;
	}
	for (size_t i = 0; i < t->values.n; i++) {
		const char *v = t->values.items[i];
		if (!has_label(&f->values, v) && !renamed_label(f, t, v, false) &&
		    add_part(a, out, PLUMB_VERB_ADD, PLUMB_PART_VALUE, v, NULL, NULL, NULL))
			return -1;
	}
	return 0;
}

static plumb_diff_item *item_of(plumb_arena *a, const plumb_change *c)
{
	const plumb_kind_desc *d = plumb_kind(c->kind);
	const named *f = c->from, *t = c->to;
	plumb_diff_item *it = plumb_arena_alloc(a, sizeof(*it));
	if (!it)
		return NULL;
	it->change = c;
	it->kind = c->kind;
	switch (c->op) {
	case PLUMB_CHANGE_CREATE:
		it->verb = PLUMB_VERB_CREATE;
		it->schema = t->schema;
		it->name = t->name;
		return it;
	case PLUMB_CHANGE_DROP:
		it->verb = PLUMB_VERB_DROP;
		it->schema = f->schema;
		it->name = f->name;
		return it;
	case PLUMB_CHANGE_ALTER:
		break;
	}
	it->schema = t->schema;
	if (c->renamed) {
		it->verb = PLUMB_VERB_RENAME;
		it->name = f->name;
		it->new_name = t->name;
	} else {
		it->verb = d->compare == PLUMB_COMPARE_VALUES ? PLUMB_VERB_ALTER : PLUMB_VERB_REPLACE;
		it->name = t->name;
	}
	if (d->compare == PLUMB_COMPARE_TABLE && c->delta) {
		if (!c->renamed)
			it->verb = PLUMB_VERB_ALTER;
		if (table_parts(a, c, &it->parts))
			return NULL;
	} else if (d->compare == PLUMB_COMPARE_VALUES && plumb_kind_is_generic(d)) {
		if (value_parts(a, c->from, c->to, &it->parts))
			return NULL;
	}
	return it;
}

/* Records of diff into out; -1 when out of memory. */
static int items(plumb_arena *a, const plumb_diff *diff, plumb_vec *out)
{
	for (size_t i = 0; diff && i < diff->changes.n; i++) {
		plumb_diff_item *it = item_of(a, diff->changes.items[i]);
		if (!it || plumb_vec_push(a, out, it))
			return -1;
	}
	return 0;
}

int plumb_diff_items(plumb_ctx *ctx, plumb_arena *arena, const plumb_diff *diff, plumb_vec *out)
{
	return items(arena, diff, out) ? plumb_error_nomem(ctx) : 0;
}

/* --- lines ------------------------------------------------------------------- */

/* A table only altered has no line of its own: its parts say it all. */
static bool own_line(const plumb_diff_item *it)
{
	return !(it->verb == PLUMB_VERB_ALTER && plumb_kind(it->kind)->compare == PLUMB_COMPARE_TABLE);
}

/* An enum's values have none: "alter enum" says it. */
static bool part_line(const plumb_diff_part *p)
{
	return p->part != PLUMB_PART_VALUE;
}

size_t plumb_diff_item_n_lines(const plumb_diff_item *it)
{
	size_t n = own_line(it);
	for (size_t i = 0; i < it->parts.n; i++)
		n += part_line(it->parts.items[i]);
	return n;
}

/* The object's name as its kind's key has it: identifiers quoted, schema
 * first; signatures as written after their schema; targets alone. */
static void object_name(plumb_buf *b, const plumb_kind_desc *d, const char *schema,
			const char *name)
{
	switch (d->key) {
	case PLUMB_KEY_IDENT:
		if (schema) {
			plumb_buf_quote_ident(b, schema);
			plumb_buf_putc(b, '.');
		}
		plumb_buf_quote_ident(b, name);
		return;
	case PLUMB_KEY_SIGNATURE:
		if (schema)
			plumb_buf_printf(b, "%s.", schema);
		plumb_buf_puts(b, name);
		return;
	case PLUMB_KEY_TARGET:
		plumb_buf_puts(b, name);
		return;
	}
}

static void item_line(plumb_buf *b, const plumb_diff_item *it)
{
	const plumb_kind_desc *d = plumb_kind(it->kind);
	plumb_buf_printf(b, "%s %s ", plumb_diff_verb_name(it->verb), d->name);
	if (it->verb == PLUMB_VERB_RENAME) {
		plumb_buf_quote_ident(b, it->name);
		plumb_buf_puts(b, " to ");
		plumb_buf_quote_ident(b, it->new_name);
		return;
	}
	object_name(b, d, it->schema, it->name);
}

static void part_line_of(plumb_buf *b, const plumb_diff_item *it, const plumb_diff_part *p)
{
	const char *table = it->new_name ? it->new_name : it->name;
	const char *verb = plumb_diff_verb_name(p->verb);
	switch (p->part) {
	case PLUMB_PART_COLUMN:
		plumb_buf_printf(b, "%s column ", verb);
		plumb_buf_quote_ident(b, table);
		plumb_buf_putc(b, '.');
		plumb_buf_quote_ident(b, p->name);
		if (p->verb == PLUMB_VERB_RENAME) {
			plumb_buf_puts(b, " to ");
			plumb_buf_quote_ident(b, p->new_name);
		} else if (p->verb == PLUMB_VERB_ALTER) {
			plumb_buf_printf(b, ": %s -> %s", p->before ? p->before : "",
					 p->after ? p->after : "");
		}
		return;
	case PLUMB_PART_CONSTRAINT:
		plumb_buf_printf(b, "%s constraint on ", verb);
		plumb_buf_quote_ident(b, table);
		plumb_buf_puts(b, ": ");
		if (p->verb == PLUMB_VERB_RENAME) {
			plumb_buf_quote_ident(b, p->name);
			plumb_buf_puts(b, " to ");
			plumb_buf_quote_ident(b, p->new_name);
		} else {
			const char *def = p->verb == PLUMB_VERB_DROP ? p->before : p->after;
			plumb_buf_puts(b, def ? def : "");
		}
		return;
	case PLUMB_PART_OPTIONS:
		plumb_buf_puts(b, "alter table ");
		plumb_buf_quote_ident(b, table);
		plumb_buf_printf(b, " options: %s", p->after);
		return;
	case PLUMB_PART_VALUE:
		return;
	}
}

void plumb_diff_item_line(plumb_buf *b, const plumb_diff_item *it, size_t i)
{
	if (own_line(it)) {
		if (i == 0) {
			item_line(b, it);
			return;
		}
		i--;
	}
	for (size_t j = 0; j < it->parts.n; j++) {
		const plumb_diff_part *p = it->parts.items[j];
		if (!part_line(p))
			continue;
		if (i-- == 0) {
			part_line_of(b, it, p);
			return;
		}
	}
}

void plumb_diff_describe(const plumb_diff *diff, plumb_buf *buf)
{
	if (!diff || !diff->changes.n)
		return;
	plumb_arena *a = plumb_arena_new(buf->arena);
	plumb_vec v = {0};
	if (!a || items(a, diff, &v)) {
		buf->failed = true;
		plumb_arena_free(a);
		return;
	}
	for (size_t i = 0; i < v.n; i++) {
		const plumb_diff_item *it = v.items[i];
		size_t n = plumb_diff_item_n_lines(it);
		for (size_t l = 0; l < n; l++) {
			plumb_diff_item_line(buf, it, l);
			plumb_buf_putc(buf, '\n');
		}
	}
	plumb_arena_free(a);
}
