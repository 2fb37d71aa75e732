/*
 * A table's settings beside its columns and constraints: its storage
 * parameters (SET and RESET of what differs; a new table gets them in its
 * CREATE TABLE ... WITH) and its REPLICA IDENTITY, set once every index it
 * may name is built. It plans nothing else.
 */
#include <string.h>

#include "dialect/pg/plan_int.h"

/* The items of a canonical options text ("a=1, b=2"), in order. */
static void items_of(planner *p, const char *s, plumb_vec *out)
{
	while (s && *s) {
		size_t len = strcspn(s, ",");
		char *item = plumb_arena_strndup(p->tmp, s, len);
		if (!item || plumb_vec_push(p->tmp, out, item) < 0) {
			plumb__pgp_nomem(p);
			return;
		}
		s += len;
		while (*s == ',' || *s == ' ')
			s++;
	}
}

/* The item of v named as item is (the text before '='), or NULL. */
static const char *named(const plumb_vec *v, const char *item)
{
	size_t n = strcspn(item, "=");
	for (size_t i = 0; i < v->n; i++) {
		const char *o = v->items[i];
		if (strcspn(o, "=") == n && strncmp(o, item, n) == 0)
			return o;
	}
	return NULL;
}

void plumb__pgp_table_options(planner *p, const plumb_table *f, const plumb_table *t)
{
	plumb_vec from = {0}, to = {0};
	plumb_buf set, reset;
	items_of(p, f->options, &from);
	items_of(p, t->options, &to);
	plumb_buf_init(&set, p->tmp, 0);
	plumb_buf_init(&reset, p->tmp, 0);
	for (size_t i = 0; i < to.n; i++) {
		const char *was = named(&from, to.items[i]);
		if (!was || strcmp(was, to.items[i]) != 0)
			plumb_buf_printf(&set, "%s%s", set.len ? ", " : "",
					 (const char *)to.items[i]);
	}
	for (size_t i = 0; i < from.n; i++)
		if (!named(&to, from.items[i]))
			plumb_buf_printf(&reset, "%s%.*s", reset.len ? ", " : "",
					 (int)strcspn(from.items[i], "="),
					 (const char *)from.items[i]);
	if (set.failed || reset.failed) {
		plumb__pgp_nomem(p);
		return;
	}
	/* SHARE UPDATE EXCLUSIVE: readers and writers go on (hazard.c) */
	const char *T = plumb__pgp_Q(p, t->schema, t->name);
	if (reset.len)
		plumb__pgp_emit(p, "ALTER TABLE %s RESET (%s)", T, reset.data);
	if (set.len)
		plumb__pgp_emit(p, "ALTER TABLE %s SET (%s)", T, set.data);
}

void plumb__pgp_phase_replica_identity(planner *p)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_TABLE || c->op == PLUMB_CHANGE_DROP)
			continue;
		const plumb_table *f = c->op == PLUMB_CHANGE_CREATE ? NULL : c->from, *t = c->to;
		bool fresh =
			!f || (c->delta->options_changed && plumb__pgp_partitioning_changed(f, t));
		const char *was = fresh ? NULL : f->replica_identity;
		if ((!was && !t->replica_identity) ||
		    (was && t->replica_identity && strcmp(was, t->replica_identity) == 0))
			continue;
		plumb_stmt *s =
			plumb__pgp_emit(p, "ALTER TABLE %s REPLICA IDENTITY %s",
					plumb__pgp_Q(p, t->schema, t->name),
					t->replica_identity ? t->replica_identity : "DEFAULT");
		/* a table made in this plan has no reader to lock out */
		if (!fresh)
			plumb__pgp_ae_of(p, s, "table", plumb__pgp_dn(p, t->schema, t->name));
	}
}
