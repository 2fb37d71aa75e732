/*
 * The PostgreSQL planner: turns a diff into ordered statements, each with the
 * hazards it brings (data lost, table rewritten, ACCESS EXCLUSIVE lock, scans,
 * index builds) and whether it must run outside a transaction. The order is a
 * stable topological sort of the changes inside fixed phases: what depends on
 * a changed object is dropped first and recreated last. It executes nothing,
 * writes no BEGIN/COMMIT (render.c does) and no online forms (online.c's,
 * which plumb_plan_build puts in with --online).
 *
 * This file is the entry (plumb__pg_plan) and the sequence of phases, with the
 * phases that drop dependants, foreign keys, indexes and tables, rename
 * indexes and add foreign keys back; the statements of each kind of object
 * are built in the other plan_*.c files (plan_int.h lists them).
 */
#include "dialect/pg/plan_int.h"

/* --- the plan ----------------------------------------------------------- */

static void phase_drops_of_dependants(planner *p)
{
	/* triggers and policies, then views (readers first) */
	for (size_t i = 0; i < p->from->triggers.n; i++) {
		const plumb_trigger *t = p->from->triggers.items[i];
		if (!p->drop_trigger[i])
			continue;
		plumb_stmt *s = plumb__pgp_emit(p, "DROP TRIGGER %s ON %s",
						plumb__pgp_I(p, t->name),
						plumb__pgp_Q(p, t->schema, t->table));
		plumb__pgp_ae(p, s,
			      plumb__pgp_fmt(p, "\"%s\"", plumb__pgp_dn(p, t->schema, t->table)));
	}
	for (size_t i = 0; i < p->from->objects.n; i++)
		if (p->drop_policy[i])
			plumb__pgp_drop_object(p, p->from->objects.items[i]);
	plumb__pgp_drop_views(p);
}

/* Indexes dropped or changed (renamed ones are renamed later), once the
 * foreign keys that may hang on a unique one are gone. */
static void phase_index_drops(planner *p)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_index *ix = plumb__pgp_index_dropped(p, p->diff->changes.items[i]);
		if (ix)
			plumb__pgp_drop_index(p, ix);
	}
	/* those naming an operator class made again */
	for (size_t i = 0; i < p->from->indexes.n; i++) {
		const plumb_index *ix = p->from->indexes.items[i];
		if (plumb__pgp_is_recreated(p, "index", ix->schema, ix->name))
			plumb__pgp_drop_index(p, ix);
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
		if (d->options_changed && plumb__pgp_partitioning_changed(f, c->to))
			continue;
		for (size_t j = 0; j < d->dropped_constraints.n; j++) {
			const plumb_constraint *con = d->dropped_constraints.items[j];
			/* one that is validated stays (or goes as a forced one) */
			if (con->kind == PLUMB_CON_FOREIGN_KEY &&
			    !plumb__pgp_is_validated(p, d, con))
				plumb__pgp_drop_constraint(p, f->schema, f->name, con);
		}
		for (size_t j = 0; j < d->renamed_constraints.n; j++) {
			const plumb_constraint_change *cc = d->renamed_constraints.items[j];
			if (cc->from->kind == PLUMB_CON_FOREIGN_KEY &&
			    !plumb__pgp_constraint_same_but_name(p, cc->from, cc->to))
				plumb__pgp_drop_constraint(p, f->schema, f->name, cc->from);
		}
	}
	for (size_t i = 0; i < p->forced_fks.n; i++) {
		const plumb_table *tb = p->forced_fk_tables.items[i];
		plumb_stmt *s =
			plumb__pgp_emit(p, "ALTER TABLE %s DROP CONSTRAINT %s",
					plumb__pgp_Q(p, tb->schema, tb->name),
					plumb__pgp_I(p, ((plumb_constraint *)p->forced_fks.items[i])
								->name));
		plumb__pgp_note(p, s,
				"the key it references changes: dropped here, added again after");
		plumb__pgp_ae_of(p, s, "table", plumb__pgp_dn(p, tb->schema, tb->name));
	}
}

/* A declared column that is to be inherited from a parent gaining it in
 * this plan goes first: the parent's ADD COLUMN would otherwise merge with
 * it and leave it declared. */
static void phase_uninherit(planner *p)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind != PLUMB_OBJ_TABLE || c->op != PLUMB_CHANGE_ALTER ||
		    (c->delta->options_changed && plumb__pgp_partitioning_changed(c->from, c->to)))
			continue;
		const plumb_table *t = c->to;
		const char *tn = plumb__pgp_dn(p, t->schema, t->name);
		for (size_t j = 0; j < c->delta->changed_columns.n; j++) {
			const plumb_column_change *cc = c->delta->changed_columns.items[j];
			if (cc->from->inherited || !cc->to->inherited ||
			    !plumb__pgp_parent_changes_column(p, t, cc->to->name, true))
				continue;
			plumb_stmt *s = plumb__pgp_emit(p, "ALTER TABLE %s DROP COLUMN %s",
							plumb__pgp_Q(p, t->schema, t->name),
							plumb__pgp_I(p, cc->from->name));
			plumb__pgp_note(
				p, s,
				"the column is to come from a parent that gains it: dropped here so "
				"that the parent's takes its place");
			plumb__pgp_ae_of(p, s, "table", tn);
			plumb__pgp_hz(p, s, PLUMB_HAZARD_DELETES_DATA,
				      "drops column \"%s\".\"%s\" and its values", tn,
				      cc->from->name);
			plumb__pgp_vec_add(p, &p->uninherited,
					   plumb__pgp_column_key(p, t, cc->to->name));
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
		if (!plumb__pgp_index_same_but_name(p, f, t) ||
		    plumb__pgp_is_set_aside(p, "index", f->schema, f->name))
			continue; /* changed, or built again by an enum rebuild */
		plumb_stmt *s = plumb__pgp_emit(p, "ALTER INDEX %s RENAME TO %s",
						plumb__pgp_Q(p, f->schema, f->name),
						plumb__pgp_I(p, t->name));
		plumb__pgp_ae_of(p, s, "index", plumb__pgp_dn(p, f->schema, f->name));
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
			     (c->delta->options_changed &&
			      plumb__pgp_partitioning_changed(c->from, t));
		if (fresh) {
			for (size_t j = 0; j < t->constraints.n; j++) {
				const plumb_constraint *con = t->constraints.items[j];
				if (con->kind == PLUMB_CON_FOREIGN_KEY &&
				    !plumb__pgp_inherited_constraint(p, p->to, t, con))
					plumb__pgp_add_constraint(p, t, con, true);
			}
			continue;
		}
		const plumb_table_delta *d = c->delta;
		for (size_t j = 0; j < d->added_constraints.n; j++) {
			const plumb_constraint *con = d->added_constraints.items[j];
			if (con->kind != PLUMB_CON_FOREIGN_KEY)
				continue;
			const plumb_constraint *was = plumb__pgp_validated_from(p, d, con);
			if (!was)
				plumb__pgp_add_constraint(p, t, con, false);
			else if (!plumb__pgp_fk_forced(p, was))
				plumb__pgp_validate_constraint(p, t, con);
		}
		for (size_t j = 0; j < d->renamed_constraints.n; j++) {
			const plumb_constraint_change *cc = d->renamed_constraints.items[j];
			if (cc->to->kind == PLUMB_CON_FOREIGN_KEY &&
			    !plumb__pgp_constraint_same_but_name(p, cc->from, cc->to))
				plumb__pgp_add_constraint(p, t, cc->to, false);
		}
	}
	for (size_t i = 0; i < p->forced_fks.n; i++) {
		const plumb_table *f = p->forced_fk_tables.items[i];
		const plumb_constraint *con =
			plumb__pgp_forced_fk_to(p, f, p->forced_fks.items[i]);
		if (con)
			plumb__pgp_add_constraint(p, plumb__pgp_to_table_of(p, f), con, false);
	}
}

typedef struct plan_call {
	plumb_ctx *ctx;
	plumb_arena *arena;
	const plumb_diff *diff;
	plumb_plan **out;
} plan_call;

/* The server checks a LANGUAGE sql body written as a string when it
 * creates the function: every relation, function, type and reg* literal
 * (to_tsvector('s.config', ...)) it names must be there already, though
 * nothing records the dependency. A body may name what a table's default
 * needs the function for, so no order is always right: a plan creating such
 * a function turns the check off first, as pg_dump does. The function is
 * checked when it is called; --dev-url builds the schema with the check
 * on. */
static void body_check_off(planner *p)
{
	plumb_vec *v = &p->plan->stmts;
	plumb_stmt *s =
		p->sql_bodies ? plumb__pgp_emit_text(p, "SET check_function_bodies = false") : NULL;
	if (!s)
		return;
	memmove(&v->items[1], &v->items[0], (v->n - 1) * sizeof(*v->items));
	v->items[0] = s;
}

/* The planner proper, on the large stack: it parses the texts of defaults,
 * checks, views and functions to find what they use, and a text PostgreSQL
 * accepts may nest thousands of levels deep. */
static int plan_run(void *payload)
{
	plan_call *c = payload;
	plumb_ctx *ctx = c->ctx;
	plumb_arena *arena = c->arena;
	const plumb_diff *diff = c->diff;
	plumb_plan **out = c->out;
	planner pl = {0}, *p = &pl;
	int rc = 0;

	*out = NULL;
	p->ctx = ctx;
	p->diff = diff;
	p->from = diff->from;
	p->to = diff->to;
	p->tmp = plumb_arena_new(arena);
	p->st = (plumb_pg_sticky){ctx, p->tmp, 0};
	if (!p->tmp) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb_plan_new(ctx, arena, "pg", &p->plan)))
		goto done;
	if (plumb__pgp_index_changes(p) < 0) {
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

	plumb__pgp_mark_touched(p);
	plumb__pgp_mark_statistics(p);
	plumb__pgp_mark_publications(p);
	plumb__pgp_mark_event_triggers(p);
	plumb__pgp_mark_opclasses(p);
	plumb__pgp_mark_forced_fks(p);
	plumb__pgp_mark_adopted(p);
	/* 1. What reads or hangs on what changes goes first. */
	phase_drops_of_dependants(p);
	/* 2. Foreign keys that go, so the keys, unique indexes and tables they
	 *    reference may go; then indexes. */
	phase_fk_drops(p);
	phase_index_drops(p);
	/* 3. Tables that go, and columns a parent's will replace. */
	plumb__pgp_phase_table_drops(p);
	phase_uninherit(p);
	/* 4. Schemas, extensions, types, sequences, functions and tables, created
	 *    or changed, in dependency order. */
	plumb__pgp_plan_mid(p);
	phase_renames(p);
	/* 5. Indexes, then foreign keys once every table is there. */
	plumb__pgp_phase_indexes(p, false);
	phase_fk_adds(p);
	plumb__pgp_phase_replica_identity(p);
	for (size_t i = 0; i < p->owned_by.n; i++)
		plumb__pgp_emit(p, "%s", (const char *)p->owned_by.items[i]);
	/* 6. What nothing needs any more. */
	plumb__pgp_phase_late_drops(p);
	/* 7. Views (and the indexes of materialized ones), triggers, policies,
	 *    rules, extended statistics, publications, event triggers, comments. */
	plumb__pgp_create_views(p);
	plumb__pgp_phase_indexes(p, true);
	plumb__pgp_phase_triggers_policies(p);
	plumb__pgp_phase_statistics(p);
	plumb__pgp_phase_publications(p);
	plumb__pgp_phase_event_triggers(p);
	plumb__pgp_phase_comments(p);
	plumb__pgp_phase_grants(p);
	/* 8. Owners (--owners) and default privileges, once every object is there. */
	plumb__pgp_phase_owners(p);
	plumb__pgp_phase_default_acls(p);
	plumb__pgp_mark_enum_adds(p);
	body_check_off(p);
	if ((rc = p->st.rc))
		goto done;
	*out = p->plan;
done:
	plumb_arena_free(p->tmp);
	return rc;
}

int plumb__pg_plan(plumb_ctx *ctx, plumb_arena *arena, const plumb_diff *diff,
		   const plumb_plan_opts *opts, plumb_plan **out)
{
	plan_call c = {ctx, arena, diff, out};
	(void)opts; /* nothing in it concerns the planner: --online is plan/'s */
	*out = NULL;
	return plumb__pg_deep(ctx, plan_run, &c);
}
