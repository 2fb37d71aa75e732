/*
 * The SQLite planner's entry: turns a diff into statements in five phases
 * (how each table changes; drops of triggers, views and indexes; the tables;
 * indexes; views and triggers), and writes the DROP TABLE, CREATE TABLE and
 * CREATE INDEX statements itself. Changes that SQLite's ALTER TABLE can
 * express use it (plan_alter.c); every other table change uses the
 * documented rebuild (plan_rebuild.c), with the views and triggers it
 * disturbs dropped before and recreated after (plan_dependants.c); a
 * statement that drops a table others may reference is marked to run with
 * foreign keys off. It writes no BEGIN/COMMIT or pragmas (plan/render.c
 * does, with script.c's text) and executes nothing.
 */
#include "dialect/sqlite/plan_int.h"

/* DROP TABLE, run with foreign keys off; recreate: a virtual table that
 * will be created again. */
static int plan_drop_table(planner *p, const plumb_table *f, bool recreate)
{
	plumb_stmt *s;
	int rc;

	if ((rc = plumb__sqlp_add_drop(p, "TABLE", f->name, &s)))
		return rc;
	s->foreign_keys_off = true;
	if (recreate &&
	    !(s->comment = plumb_arena_printf(p->plan->arena,
					      "virtual table \"%s\" cannot be altered: "
					      "dropped and created again",
					      f->name)))
		return plumb_error_nomem(p->ctx);
	return plumb_stmt_add_hazard(p->ctx, p->plan, s, PLUMB_HAZARD_DELETES_DATA,
				     "drops table \"%s\" and its rows", f->name);
}

static int plan_create_table(planner *p, const plumb_table *t)
{
	if (!t->sql)
		return plumb_error_set(p->ctx, PLUMB_EPARSE,
				       "could not create table \"%s\": no CREATE TABLE text",
				       t->name);
	return plumb_plan_add(p->ctx, p->plan, t->sql, NULL);
}

/* Whether the table named to_name in the desired catalog is rebuilt or
 * recreated, losing its indexes. */
static bool table_rebuilt(const planner *p, const char *to_name)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind == PLUMB_OBJ_TABLE && c->to &&
		    (p->modes[i] == MODE_REBUILD || p->modes[i] == MODE_RECREATE) &&
		    plumb__sqlp_eq_ci(plumb_object_name(c->to), to_name))
			return true;
	}
	return false;
}

int plumb__sqlite_plan(plumb_ctx *ctx, plumb_arena *arena, const plumb_diff *diff,
		       const plumb_plan_opts *opts, plumb_plan **out)
{
	planner pl = {0}, *p = &pl;
	(void)opts; /* SQLite has no online variants: every change takes the write lock */
	size_t nc = diff->changes.n;
	int rc = 0;

	*out = NULL;
	p->ctx = ctx;
	p->diff = diff;
	p->from = diff->from;
	p->to = diff->to;
	p->tmp = plumb_arena_new(arena);
	if (!p->tmp) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb_plan_new(ctx, arena, "sqlite", &p->plan)))
		goto done;
	p->modes = plumb_arena_alloc(p->tmp, (nc + 1) * sizeof(*p->modes));
	p->drop_view = plumb_arena_alloc(p->tmp, (p->from->views.n + 1) * sizeof(bool));
	p->drop_trigger = plumb_arena_alloc(p->tmp, (p->from->triggers.n + 1) * sizeof(bool));
	p->view_ids = plumb_arena_alloc(p->tmp, (p->from->views.n + 1) * sizeof(plumb_vec));
	p->trigger_ids = plumb_arena_alloc(p->tmp, (p->from->triggers.n + 1) * sizeof(plumb_vec));
	if (!p->modes || !p->drop_view || !p->drop_trigger || !p->view_ids || !p->trigger_ids) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}

	/* 1. How each table changes, and which names its dependants must drop. */
	for (size_t i = 0; i < nc; i++) {
		const plumb_change *c = diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_TABLE)
			continue;
		if (c->op == PLUMB_CHANGE_DROP)
			rc = plumb__sqlp_touch(p, plumb_object_name(c->from));
		else if (c->op == PLUMB_CHANGE_ALTER) {
			p->modes[i] = plumb__sqlp_choose_mode(p, c);
			rc = plumb__sqlp_touch(p, plumb_object_name(c->from));
		}
		if (rc)
			goto done;
	}
	if (plumb__sqlp_tmp_failed(p)) { /* a mode chosen without reading all the DDL */
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb__sqlp_mark_dependants(p)))
		goto done;

	/* 2. Drops: triggers, views (dependants first), indexes. */
	if ((rc = plumb__sqlp_drop_dependants(p)))
		goto done;
	for (size_t i = 0; i < nc; i++) {
		const plumb_change *c = diff->changes.items[i];
		if (c->kind == PLUMB_OBJ_INDEX && c->op != PLUMB_CHANGE_CREATE &&
		    (rc = plumb__sqlp_add_drop(p, "INDEX", plumb_object_name(c->from), NULL)))
			goto done;
	}

	/* 3. Tables: drops, alters and rebuilds, creates. */
	for (size_t i = 0; i < nc; i++) {
		const plumb_change *c = diff->changes.items[i];
		if (c->kind == PLUMB_OBJ_TABLE && c->op == PLUMB_CHANGE_DROP &&
		    (rc = plan_drop_table(p, c->from, false)))
			goto done;
	}
	for (size_t i = 0; i < nc; i++) {
		const plumb_change *c = diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_TABLE || c->op != PLUMB_CHANGE_ALTER)
			continue;
		switch (p->modes[i]) {
		case MODE_ALTER:
			rc = plumb__sqlp_alter(p, c);
			break;
		case MODE_REBUILD:
			rc = plumb__sqlp_rebuild(p, c);
			break;
		case MODE_RECREATE:
			if (!(rc = plan_drop_table(p, c->from, true)))
				rc = plan_create_table(p, c->to);
			break;
		case MODE_NONE:
			break;
		}
		if (rc)
			goto done;
	}
	for (size_t i = 0; i < nc; i++) {
		const plumb_change *c = diff->changes.items[i];
		if (c->kind == PLUMB_OBJ_TABLE && c->op == PLUMB_CHANGE_CREATE &&
		    (rc = plan_create_table(p, c->to)))
			goto done;
	}

	/* 4. Indexes: new, changed, and every index of a rebuilt table. */
	for (size_t i = 0; i < p->to->indexes.n; i++) {
		const plumb_index *ix = p->to->indexes.items[i];
		const plumb_change *c =
			plumb__sqlp_find_change(p, PLUMB_OBJ_INDEX, ix->name, false);
		plumb_stmt *s;
		if (!c && !table_rebuilt(p, ix->table))
			continue;
		if (!ix->sql) {
			rc = plumb_error_set(ctx, PLUMB_EPARSE,
					     "could not create index \"%s\": no CREATE INDEX text",
					     ix->name);
			goto done;
		}
		if ((rc = plumb_plan_add(ctx, p->plan, ix->sql, &s)) ||
		    (rc = plumb_stmt_add_hazard(ctx, p->plan, s, PLUMB_HAZARD_INDEX_BUILD,
						"builds index \"%s\" on \"%s\"", ix->name,
						ix->table)))
			goto done;
	}

	/* 5. Views, then triggers. */
	if ((rc = plumb__sqlp_create_views(p)) || (rc = plumb__sqlp_create_triggers(p)))
		goto done;
	if (plumb__sqlp_tmp_failed(
		    p)) { /* e.g. a column's text or a type label that was not copied */
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	*out = p->plan;
done:
	plumb_arena_free(p->tmp);
	return rc;
}
