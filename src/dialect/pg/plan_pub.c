/*
 * The planner's publications: DROP PUBLICATION in the first phase (one the
 * diff drops, or one that turns to or from FOR ALL TABLES, created again
 * later), and in the last phases, once every table is there, CREATE
 * PUBLICATION or ALTER PUBLICATION ... SET (its members) and SET (its
 * options). A member table dropped or created again in the plan has left
 * the publication with its DROP TABLE: SET puts it back. It orders nothing
 * else.
 */
#include <string.h>

#include "dialect/pg/plan_int.h"

void plumb__pgp_mark_publications(planner *p)
{
	for (size_t i = 0; i < p->from->objects.n; i++) {
		const plumb_object *o = p->from->objects.items[i];
		if (o->kind != PLUMB_OBJ_PUBLICATION)
			continue;
		const plumb_change *c =
			plumb__pgp_find_change(p, PLUMB_OBJ_PUBLICATION, NULL, o->name, true);
		const plumb_object *t = c ? c->to : NULL;
		p->drop_policy[i] = c && (c->op == PLUMB_CHANGE_DROP || c->renamed ||
					  (t && t->all_tables != o->all_tables));
	}
}

/* The table of member item ("TABLE s.t ..."): whether the plan drops it or
 * creates it again (it then left the publication). */
static bool member_gone(planner *p, const char *item)
{
	if (strncmp(item, "TABLE ", 6) != 0)
		return false;
	for (size_t i = 0; i < p->from->tables.n; i++) {
		const plumb_table *t = p->from->tables.items[i];
		const char *head =
			plumb__pgp_fmt(p, "TABLE %s.%s", plumb__pg_quote_ident(p->tmp, t->schema),
				       plumb__pg_quote_ident(p->tmp, t->name));
		size_t n = head ? strlen(head) : 0;
		if (!head || strncmp(item, head, n) != 0 || (item[n] && item[n] != ' '))
			continue;
		const plumb_change *c =
			plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, t->schema, t->name, true);
		return (c && (c->op == PLUMB_CHANGE_DROP || c->renamed)) ||
		       plumb__pgp_set_has(&p->new_rels, plumb__pgp_key(p, t->schema, t->name));
	}
	return false;
}

/* "TABLE s.t" or "TABLES IN SCHEMA s" of a member item: as DROP takes it. */
static const char *head_of(planner *p, const char *item)
{
	if (strncmp(item, "TABLE ", 6) != 0)
		return item;
	const char *cut = strstr(item, " (");
	const char *w = strstr(item, " WHERE (");
	if (!cut || (w && w < cut))
		cut = w;
	return cut ? plumb__pgp_fmt(p, "%.*s", (int)(cut - item), item) : item;
}

static void alter_members(planner *p, const plumb_object *f, const plumb_object *t)
{
	plumb_vec kept = {0};
	for (size_t i = 0; i < f->values.n; i++)
		if (!member_gone(p, f->values.items[i]) &&
		    plumb_vec_push(p->tmp, &kept, f->values.items[i]) < 0)
			plumb__pgp_nomem(p);
	bool same = kept.n == t->values.n;
	for (size_t i = 0; same && i < kept.n; i++)
		same = strcmp(kept.items[i], t->values.items[i]) == 0;
	if (same || t->all_tables)
		return;
	const char *name = plumb__pg_quote_ident(p->tmp, t->name);
	if (t->values.n) {
		plumb__pgp_emit(p, "ALTER PUBLICATION %s SET %s", name,
				plumb__pg_publication_list(
					p->tmp, (const char *const *)t->values.items, t->values.n));
		return;
	}
	if (!kept.n)
		return;
	for (size_t i = 0; i < kept.n; i++)
		kept.items[i] = (void *)head_of(p, kept.items[i]);
	plumb__pgp_emit(
		p, "ALTER PUBLICATION %s DROP %s", name,
		plumb__pg_publication_list(p->tmp, (const char *const *)kept.items, kept.n));
}

static void alter_options(planner *p, const plumb_object *f, const plumb_object *t)
{
	if (plumb__pgp_str_eq(f->pub_options ? f->pub_options : "",
			      t->pub_options ? t->pub_options : ""))
		return;
	bool v[5];
	plumb__pg_publication_flags(t->pub_options, v);
	const char *w[4] = {v[0] ? "insert" : NULL, v[1] ? "update" : NULL, v[2] ? "delete" : NULL,
			    v[3] ? "truncate" : NULL};
	plumb_buf b;
	plumb_buf_init(&b, p->tmp, 0);
	for (int i = 0; i < 4; i++)
		if (w[i]) {
			plumb_buf_puts(&b, b.len ? ", " : "");
			plumb_buf_puts(&b, w[i]);
		}
	plumb__pgp_emit(
		p, "ALTER PUBLICATION %s SET (publish = '%s', publish_via_partition_root = %s)",
		plumb__pg_quote_ident(p->tmp, t->name), plumb_buf_str(&b), v[4] ? "true" : "false");
}

void plumb__pgp_phase_publications(planner *p)
{
	const plumb_vec *v = plumb__pgp_objects(p, p->to, PLUMB_OBJ_PUBLICATION);
	for (size_t i = 0; i < v->n && !p->st.rc; i++) {
		const plumb_object *o = v->items[i];
		const plumb_object *old =
			plumb_catalog_find(p->from, PLUMB_OBJ_PUBLICATION, NULL, o->name);
		bool dropped = !old;
		for (size_t j = 0; j < p->from->objects.n && !dropped; j++)
			dropped = p->from->objects.items[j] == old && p->drop_policy[j];
		if (dropped) {
			plumb__pgp_emit(p, "%s", plumb__pgp_obj_sql(o));
			continue;
		}
		alter_members(p, old, o);
		alter_options(p, old, o);
	}
}
