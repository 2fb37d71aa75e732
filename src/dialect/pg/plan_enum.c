/*
 * The planner's statements for enums: CREATE TYPE AS ENUM, ADD VALUE, and the
 * rebuild of an enum that loses or reorders values (new type, columns moved
 * over, what holds old values set aside and restored); and marking which ADD
 * VALUE must commit before a later statement uses it. Other types are in
 * plan_object.c.
 */
#include <string.h>

#include "dialect/pg/plan_int.h"

/* --- enums ------------------------------------------------------------- */

static bool in_list(const plumb_vec *v, const char *s)
{
	return plumb__pgp_vec_has(v, s);
}

static void enum_add_value(planner *p, const char *E, const char *label, const char *where,
			   const char *rel)
{
	plumb_stmt *s = rel ? plumb__pgp_emit(p, "ALTER TYPE %s ADD VALUE %s %s %s", E,
					      plumb__pgp_L(p, label), where, plumb__pgp_L(p, rel))
			    : plumb__pgp_emit(p, "ALTER TYPE %s ADD VALUE %s", E,
					      plumb__pgp_L(p, label));
	if (!s)
		return;
	if (plumb_vec_push(p->tmp, &p->enum_adds, s) ||
	    plumb_vec_push(p->tmp, &p->enum_add_labels, (void *)label))
		plumb__pgp_nomem(p);
}


/* The constraint of `to` named like con of table tb, when the diff leaves it
 * as it is; NULL when the table's changes drop or rename it. */
static const plumb_constraint *kept_constraint(planner *p, const plumb_table *tb,
					       const plumb_constraint *con)
{
	const plumb_change *tc = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, tb->schema, tb->name,
							true);
	const plumb_table *tt = plumb__pgp_to_table_of(p, tb);
	for (size_t i = 0; tc && tc->delta && i < tc->delta->dropped_constraints.n; i++)
		if (tc->delta->dropped_constraints.items[i] == con)
			return NULL;
	for (size_t i = 0; tc && tc->delta && i < tc->delta->renamed_constraints.n; i++)
		if (((const plumb_constraint_change *)tc->delta->renamed_constraints.items[i])->from ==
		    con)
			return NULL;
	for (size_t i = 0; tt && i < tt->constraints.n; i++) {
		const plumb_constraint *k = tt->constraints.items[i];
		if (k->kind == PLUMB_CON_CHECK && plumb__pgp_str_eq(k->name, con->name))
			return k;
	}
	return NULL;
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
	const char *E = plumb__pgp_Q(p, t->schema, t->name);
	const char *tmpname = plumb__pgp_fmt(p, "%s__plumb_new", t->name);
	const char *N = plumb__pgp_Q(p, t->schema, tmpname);
	plumb_buf vals;
	plumb_stmt *s;
	plumb_vec uses = {0};
	plumb_pgp_later after = {0}; /* statements once the type has its name */
	plumb_vec fns = {0};	     /* plumb_object *: functions over it or its domains */
	plumb_vec rebuilt = {0}; /* const plumb_index *: indexes of `to` built again */
	plumb_vec domains = {0}; /* plumb_object *: domains over the enum */
	plumb_vec back = {0};    /* char *: columns of a domain set to it again */
	plumb_vec back_on = {0}; /* char *: the table of each */

	const char *what = plumb__pgp_fmt(p, "enum \"%s\"", plumb__pgp_dn(p, t->schema, t->name));

	plumb__pgp_type_users(p, f, &domains, &fns);
	if (plumb__pg_enum_uses(p->tmp, p->from, f->schema, f->name, &domains, &uses) < 0) {
		plumb__pgp_nomem(p);
		return;
	}
	plumb_buf_init(&vals, p->tmp, 0);
	for (size_t i = 0; i < t->values.n; i++)
		plumb_buf_printf(&vals, "%s%s", i ? ", " : "", plumb__pgp_L(p, t->values.items[i]));
	s = plumb__pgp_emit(p, "CREATE TYPE %s AS ENUM (%s)", N, plumb_buf_str(&vals));
	plumb__pgp_note(
		p, s,
		plumb__pgp_fmt(
			p,
			"enum \"%s\" loses values: build the new type, move the columns over, "
			"drop the old one",
			plumb__pgp_dn(p, t->schema, t->name)));
	for (size_t u = 0; u < uses.n; u++) {
		const plumb_pg_enum_use *use = uses.items[u];
		const plumb_table *tb = use->table;
		const plumb_change *tc = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, tb->schema,
								tb->name, true);
		if (tc && tc->op == PLUMB_CHANGE_DROP)
			continue;
		const char *T = plumb__pgp_Q(p, tb->schema, tb->name);
		const char *tn = plumb__pgp_dn(p, tb->schema, tb->name);
		/* indexes naming the type: dropped unless phase 1 dropped them; one
		 * only renamed is built under its new name */
		for (size_t i = 0; i < use->indexes.n; i++) {
			const plumb_index *ix = use->indexes.items[i];
			const plumb_change *ic = plumb__pgp_find_change(p, PLUMB_OBJ_INDEX,
									ix->schema, ix->name, true);
			bool kept = ic && plumb__pgp_index_kept(p, ic);
			if (ic && !kept)
				continue;
			const plumb_index *tix = kept ? ic->to
						      : plumb_catalog_find(p->to, PLUMB_OBJ_INDEX,
									   ix->schema, ix->name);
			plumb__pgp_vec_add(p, &p->set_aside_objs,
					   plumb__pgp_recreated_key(p, "index", ix->schema,
								    ix->name));
			s = plumb__pgp_emit(p, "DROP INDEX %s",
					    plumb__pgp_Q(p, ix->schema, ix->name));
			plumb__pgp_note(
				p, s,
				plumb__pgp_fmt(
					p,
					"index \"%s\" holds values of enum \"%s\": dropped, built "
					"again after",
					ix->name, plumb__pgp_dn(p, t->schema, t->name)));
			plumb__pgp_ae_of(p, s, "table", tn);
			if (tix && plumb_vec_push(p->tmp, &rebuilt, (void *)tix))
				plumb__pgp_nomem(p);
		}
		/* CHECKs naming the type or its columns */
		for (size_t i = 0; i < use->checks.n; i++) {
			const plumb_constraint *con = use->checks.items[i];
			if (!con->name)
				continue;
			const plumb_constraint *kept = kept_constraint(p, tb, con);
			plumb__pgp_drop_constraint(p, tb->schema, tb->name, con);
			plumb__pgp_vec_add(p, &p->set_aside,
					   plumb__pgp_fmt(p, "%s.%s.%s",
							  tb->schema ? tb->schema : "public",
							  tb->name, con->name));
			if (kept)
				plumb__pgp_later(
					p, &after, tn,
					plumb__pgp_fmt(p, "ALTER TABLE %s ADD %s", T,
						       plumb__pgp_constraint_sql(p, kept)));
		}
		for (size_t j = 0; j < use->columns.n; j++) {
			const plumb_column *col = use->columns.items[j];
			const char *C = plumb__pgp_I(p, col->name);
			bool is_array;
			if (!plumb__pg_type_is_array(p->tmp, col->type, &is_array))
				plumb__pgp_nomem(p);
			const char *arr = is_array ? "[]" : NULL;
			if (plumb__pg_type_is_domain(col->type, &domains)) {
				/* of a domain over the enum: back to the domain once it is
				 * created again, unless the table's change types it anew */
				const plumb_column *tcol = plumb__pgp_to_column_of(p, tb, col);
				if (tcol && plumb__pgp_str_eq(tcol->type, col->type) &&
				    (plumb_vec_push(
					     p->tmp, &back,
					     (void *)plumb__pgp_fmt(
						     p, "ALTER TABLE %s ALTER COLUMN %s TYPE %s", T,
						     C, col->type)) ||
				     plumb_vec_push(p->tmp, &back_on, (void *)tn)))
					plumb__pgp_nomem(p);
			}
			if (col->default_sql) {
				/* set again only when the schema keeps it; a new default is
				 * the table's change to make */
				const plumb_column *tcol = plumb__pgp_to_column_of(p, tb, col);
				s = plumb__pgp_emit(p,
						    "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT",
						    T, C);
				plumb__pgp_ae_of(p, s, "table", tn);
				if (tcol && plumb__pgp_str_eq(tcol->default_sql, col->default_sql))
					plumb__pgp_later(
						p, &after, tn,
						plumb__pgp_fmt(p,
							       "ALTER TABLE %s ALTER COLUMN %s SET "
							       "DEFAULT %s",
							       T, C,
							       tcol->default_written
								       ? tcol->default_written
								       : tcol->default_sql));
			}
			s = plumb__pgp_emit(
				p,
				"ALTER TABLE %s ALTER COLUMN %s TYPE %s%s USING %s::text%s::%s%s",
				T, C, N, arr ? arr : "", C, arr ? arr : "", N, arr ? arr : "");
			plumb__pgp_ae_of(p, s, "table", tn);
			plumb__pgp_hz(p, s, PLUMB_HAZARD_REWRITES_TABLE,
				      "rewrites table \"%s\" to change the type of \"%s\"", tn,
				      col->name);
			for (size_t k = 0; k < removed->n; k++)
				plumb__pgp_hz(
					p, s, PLUMB_HAZARD_DELETES_DATA,
					"value '%s' leaves enum \"%s\": rows of \"%s\".\"%s\" holding it make "
					"the change fail",
					(const char *)removed->items[k],
					plumb__pgp_dn(p, t->schema, t->name), tn, col->name);
		}
		plumb__pgp_vec_add(p, &p->touched, plumb__pgp_key(p, tb->schema, tb->name));
	}
	/* functions taking or returning the type or a domain over it, then
	 * the domains over it (plan_type.c) */
	plumb__pgp_functions_aside(p, &fns, what, &after);
	plumb__pgp_domains_aside(p, &domains, what);
	plumb__pgp_emit(p, "DROP TYPE %s", E);
	plumb__pgp_emit(p, "ALTER TYPE %s RENAME TO %s", N, plumb__pgp_I(p, t->name));
	plumb__pgp_domains_back(p, &domains);
	for (size_t i = 0; i < back.n; i++) {
		s = plumb__pgp_emit(p, "%s", (const char *)back.items[i]);
		plumb__pgp_ae_of(p, s, "table", (const char *)back_on.items[i]);
		plumb__pgp_hz(p, s, PLUMB_HAZARD_REWRITES_TABLE,
			      "rewrites table \"%s\" to check the domain",
			      (const char *)back_on.items[i]);
	}
	plumb__pgp_later_emit(p, &after);
	for (size_t i = 0; i < rebuilt.n; i++) {
		const plumb_index *ix = rebuilt.items[i];
		s = plumb__pgp_emit(p, "%s", ix->sql ? ix->sql : ix->definition);
		plumb__pgp_hz(p, s, PLUMB_HAZARD_INDEX_BUILD,
			      "builds index \"%s\" on \"%s\", blocking writes "
			      "meanwhile",
			      ix->name, plumb__pgp_dn(p, ix->schema, ix->table));
		plumb__pgp_index_statistics(p, NULL, ix);
	}
	plumb__pgp_set_add(p, &p->recreated,
			   plumb__pgp_recreated_key(p, "type", t->schema, t->name));
}

/* Do the enum's values change so much that the type must be rebuilt? */
bool plumb__pgp_enum_needs_rebuild(planner *p, const plumb_change *c, plumb_vec *cur,
				   plumb_vec *removed)
{
	const plumb_object *f = c->from, *t = c->to;
	for (size_t i = 0; i < f->values.n; i++) {
		const char *v = f->values.items[i];
		for (size_t j = 0; j + 1 < t->renamed_values.n; j += 2)
			if (plumb__pgp_str_eq(t->renamed_values.items[j], v) &&
			    !in_list(&f->values, t->renamed_values.items[j + 1]))
				v = t->renamed_values.items[j + 1];
		if (plumb_vec_push(p->tmp, cur, (void *)v))
			plumb__pgp_nomem(p);
		if (!in_list(&t->values, v) && plumb_vec_push(p->tmp, removed, (void *)v))
			plumb__pgp_nomem(p);
	}
	if (removed->n)
		return true;
	/* the old values keep their order in the new list */
	size_t j = 0;
	for (size_t i = 0; i < t->values.n && j < cur->n; i++)
		if (plumb__pgp_str_eq(t->values.items[i], cur->items[j]))
			j++;
	return j != cur->n;
}

void plumb__pgp_alter_enum(planner *p, const plumb_change *c)
{
	const plumb_object *f = c->from, *t = c->to;
	const char *E = plumb__pgp_Q(p, t->schema, t->name);
	plumb_vec cur = {0}, removed = {0};

	if (c->renamed)
		plumb__pgp_emit(p, "ALTER TYPE %s RENAME TO %s",
				plumb__pgp_Q(p, f->schema, f->name), plumb__pgp_I(p, t->name));
	if (plumb__pgp_enum_needs_rebuild(p, c, &cur, &removed)) {
		enum_rebuild(p, f, t, &removed);
		return;
	}
	for (size_t j = 0; j + 1 < t->renamed_values.n; j += 2) {
		const char *o = t->renamed_values.items[j], *n = t->renamed_values.items[j + 1];
		if (in_list(&f->values, o) && !in_list(&f->values, n))
			plumb__pgp_emit(p, "ALTER TYPE %s RENAME VALUE %s TO %s", E,
					plumb__pgp_L(p, o), plumb__pgp_L(p, n));
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
			plumb__pgp_nomem(p);
	}
}

void plumb__pgp_create_enum(planner *p, const plumb_object *o)
{
	plumb_buf b;
	plumb_buf_init(&b, p->tmp, 0);
	for (size_t i = 0; i < o->values.n; i++)
		plumb_buf_printf(&b, "%s%s", i ? ", " : "", plumb__pgp_L(p, o->values.items[i]));
	plumb__pgp_emit(p, "CREATE TYPE %s AS ENUM (%s)", plumb__pgp_Q(p, o->schema, o->name),
			plumb_buf_str(&b));
}

/* ADD VALUE must commit before a later statement may use the value. */
void plumb__pgp_mark_enum_adds(planner *p)
{
	size_t n = p->enum_adds.n;
	bool *after = plumb_arena_alloc(p->tmp, n + 1), *used = plumb_arena_alloc(p->tmp, n + 1);
	if (!after || !used) {
		plumb__pgp_nomem(p);
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
		if (!any || t->no_transaction)
			continue;
		plumb_pg_refs r = plumb__pgp_refs_of(p, t->sql, true);
		for (size_t i = 0; i < n; i++)
			if (after[i] && p->enum_adds.items[i] != t &&
			    plumb__pg_refs_has(&r.strs, NULL, p->enum_add_labels.items[i], true))
				used[i] = true;
	}
	for (size_t i = 0; i < n; i++) {
		plumb_stmt *s = p->enum_adds.items[i];
		if (used[i]) {
			s->no_transaction = true;
			plumb__pgp_note(
				p, s,
				"a new enum value can be used only once it is committed: runs "
				"outside the transaction");
		}
	}
}
