/*
 * The audit report's two forms (report.h): aligned text for people, one line
 * per object with its status and one per differing attribute, and JSON
 * records with stable keys. It reads the records report.c built and nothing
 * else; the side labels come from the caller.
 */
#include <string.h>

#include "diff/report.h"

/* --- text -------------------------------------------------------------------- */

typedef struct printer {
	FILE *f;
	const char *left, *right;
	plumb_arena *a;
	int status_w; /* width of the status column */
} printer;

static const char *status_text(const printer *p, plumb_report_status st)
{
	switch (st) {
	case PLUMB_REPORT_ONLY_LEFT:
		return plumb_arena_printf(p->a, "only in %s", p->left);
	case PLUMB_REPORT_ONLY_RIGHT:
		return plumb_arena_printf(p->a, "only in %s", p->right);
	case PLUMB_REPORT_DIFFERENT:
		return "different";
	case PLUMB_REPORT_RENAMED:
		return "renamed";
	case PLUMB_REPORT_RENAME_CANDIDATE:
		return "rename candidate";
	}
	return "different";
}

/* Text on one line: each run of white space as one space. */
static void put_flat(plumb_buf *b, const char *s)
{
	bool space = false;
	for (; *s; s++) {
		if (*s == ' ' || *s == '\n' || *s == '\t' || *s == '\r') {
			space = true;
			continue;
		}
		if (space)
			plumb_buf_putc(b, ' ');
		space = false;
		plumb_buf_putc(b, *s);
	}
}

static const char *value_text(const printer *p, const plumb_report_value *v)
{
	plumb_buf b;
	plumb_buf_init(&b, p->a, 0);
	switch (v->type) {
	case PLUMB_RV_NULL:
		return "(none)";
	case PLUMB_RV_BOOL:
		return v->flag ? "yes" : "no";
	case PLUMB_RV_TEXT:
		put_flat(&b, v->text);
		break;
	case PLUMB_RV_LIST:
		if (!v->list->n)
			return "(empty)";
		for (size_t i = 0; i < v->list->n; i++) {
			if (i)
				plumb_buf_puts(&b, ", ");
			put_flat(&b, v->list->items[i]);
		}
		break;
	}
	const char *s = plumb_buf_str(&b);
	return s && !b.failed ? s : "?";
}

/* The object as its line names it: kind, then "schema"."name", or for a
 * rename "old" -> "new", or an unnamed constraint's definition. */
static const char *entry_name(const printer *p, const plumb_report_entry *e)
{
	plumb_buf b;
	plumb_buf_init(&b, p->a, 0);
	plumb_buf_printf(&b, "%s ", e->kind);
	if (e->status == PLUMB_REPORT_RENAMED || e->status == PLUMB_REPORT_RENAME_CANDIDATE) {
		if (e->from)
			plumb_buf_quote_ident(&b, e->from);
		else
			plumb_buf_puts(&b, "(unnamed)");
		plumb_buf_puts(&b, " -> ");
		if (e->to)
			plumb_buf_quote_ident(&b, e->to);
		else
			plumb_buf_puts(&b, "(unnamed)");
		if (e->definition) {
			plumb_buf_puts(&b, " ");
			put_flat(&b, e->definition);
		}
	} else if (e->name) {
		if (e->schema) {
			plumb_buf_quote_ident(&b, e->schema);
			plumb_buf_putc(&b, '.');
		}
		plumb_buf_quote_ident(&b, e->name);
	} else {
		put_flat(&b, e->definition ? e->definition : "(unnamed)");
	}
	const char *s = plumb_buf_str(&b);
	return s && !b.failed ? s : "?";
}

static int max_width(int w, const char *s)
{
	int n = (int)strlen(s);
	return n > w ? n : w;
}

static void print_entry(const printer *p, const plumb_report_entry *e, int depth)
{
	int indent = 2 * depth;
	/* the kind and name start here; attributes two further */
	int col = indent + p->status_w + 2;
	fprintf(p->f, "%*s%-*s  %s\n", indent, "", p->status_w, status_text(p, e->status),
		entry_name(p, e));

	int name_w = 0, before_w = 0;
	for (size_t i = 0; i < e->attrs.n; i++) {
		const plumb_report_attr *at = e->attrs.items[i];
		name_w = max_width(name_w, at->name);
		before_w = max_width(before_w, value_text(p, &at->before));
	}
	for (size_t i = 0; i < e->attrs.n; i++) {
		const plumb_report_attr *at = e->attrs.items[i];
		fprintf(p->f, "%*s%-*s  ", col + 2, "", name_w, at->name);
		if (e->status == PLUMB_REPORT_ONLY_LEFT)
			fprintf(p->f, "%s\n", value_text(p, &at->before));
		else if (e->status == PLUMB_REPORT_ONLY_RIGHT)
			fprintf(p->f, "%s\n", value_text(p, &at->after));
		else
			fprintf(p->f, "%-*s -> %s\n", before_w, value_text(p, &at->before),
				value_text(p, &at->after));
	}
	for (size_t i = 0; i < e->children.n; i++)
		print_entry(p, e->children.items[i], depth + 1);
}

void plumb__report_print(FILE *f, const plumb_report *r, const char *left_label,
			 const char *right_label)
{
	if (plumb__report_is_empty(r))
		return;
	printer p = {.f = f, .left = left_label, .right = right_label};
	p.a = plumb_arena_new(NULL);
	if (!p.a)
		return;
	p.status_w = max_width(max_width(0, status_text(&p, PLUMB_REPORT_ONLY_LEFT)),
			       status_text(&p, PLUMB_REPORT_ONLY_RIGHT));
	p.status_w = max_width(p.status_w, "rename candidate");

	fprintf(f, "%s -> %s\n", left_label, right_label);
	for (size_t i = 0; i < r->entries.n; i++)
		print_entry(&p, r->entries.items[i], 0);
	fprintf(f,
		"%zu only in %s, %zu only in %s, %zu different, %zu renamed or rename "
		"candidate%s\n",
		r->n_only_left, left_label, r->n_only_right, right_label, r->n_different,
		r->n_renamed, r->n_renamed == 1 ? "" : "s");
	plumb_arena_free(p.a);
}

/* --- JSON -------------------------------------------------------------------- */

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *value_json(const plumb_report_value *v)
{
	switch (v->type) {
	case PLUMB_RV_NULL:
		return json_null();
	case PLUMB_RV_TEXT:
		return json_string(v->text);
	case PLUMB_RV_BOOL:
		return json_boolean(v->flag);
	case PLUMB_RV_LIST: {
		json_t *arr = json_array();
		for (size_t i = 0; arr && i < v->list->n; i++)
			if (json_array_append_new(arr, json_string(v->list->items[i]))) {
				json_decref(arr);
				return NULL;
			}
		return arr;
	}
	}
	return json_null();
}

static json_t *entry_json(const plumb_report_entry *e)
{
	json_t *attrs = json_array(), *children = json_array();
	for (size_t i = 0; attrs && i < e->attrs.n; i++) {
		const plumb_report_attr *at = e->attrs.items[i];
		if (json_array_append_new(attrs, json_pack("{s:s, s:o?, s:o?}", "name", at->name,
							   "before", value_json(&at->before),
							   "after", value_json(&at->after)))) {
			json_decref(attrs);
			attrs = NULL;
		}
	}
	for (size_t i = 0; children && i < e->children.n; i++)
		if (json_array_append_new(children, entry_json(e->children.items[i]))) {
			json_decref(children);
			children = NULL;
		}
	/* "o" steals even when json_pack fails, and fails on NULL */
	return json_pack("{s:s, s:o, s:o, s:s, s:o, s:o, s:o, s:o, s:o}", "kind", e->kind, "schema",
			 str_or_null(e->schema), "name", str_or_null(e->name), "status",
			 plumb__report_status_name(e->status), "from", str_or_null(e->from), "to",
			 str_or_null(e->to), "definition", str_or_null(e->definition), "attributes",
			 attrs, "children", children);
}

json_t *plumb__report_json(const plumb_report *r, const char *left_label, const char *right_label)
{
	json_t *objects = json_array();
	for (size_t i = 0; objects && r && i < r->entries.n; i++)
		if (json_array_append_new(objects, entry_json(r->entries.items[i]))) {
			json_decref(objects);
			objects = NULL;
		}
	return json_pack("{s:s, s:s, s:o, s:{s:I, s:I, s:I, s:I}, s:o}", "left", left_label,
			 "right", right_label, "dialect", str_or_null(r ? r->dialect : NULL),
			 "summary", "only_in_database", (json_int_t)(r ? r->n_only_left : 0),
			 "only_in_schema", (json_int_t)(r ? r->n_only_right : 0), "different",
			 (json_int_t)(r ? r->n_different : 0), "renamed",
			 (json_int_t)(r ? r->n_renamed : 0), "objects", objects);
}
