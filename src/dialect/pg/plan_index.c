/*
 * The planner's statements for indexes: CREATE INDEX, DROP INDEX, whether an
 * index only changed its name, and the phase that creates the indexes of
 * tables or of materialized views; which unique indexes this plan drops or
 * builds again could back a foreign key. It does not rename indexes (plan.c's
 * phase_renames), nor build or drop them CONCURRENTLY (online.c's forms,
 * which plumb_plan_build puts in with --online).
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/plan_int.h"

/* --- indexes ------------------------------------------------------------ */

/* The target of column n in an index's statistics ("n=target, ..."), or
 * NULL. */
static const char *target_of(planner *p, const char *stats, long n)
{
	for (const char *s = stats; s && *s;) {
		char *eq;
		long k = strtol(s, &eq, 10);
		const char *end = strstr(s, ", ");
		size_t len = end ? (size_t)(end - s) : strlen(s);
		if (k == n && *eq == '=')
			return plumb__pgp_fmt(p, "%.*s", (int)(len - (size_t)(eq + 1 - s)), eq + 1);
		s = end ? end + 2 : s + len;
	}
	return NULL;
}

/* ALTER INDEX ... SET STATISTICS for each column whose target in t differs
 * from f's (f NULL: an index just built, with none). SHARE UPDATE
 * EXCLUSIVE: readers and writers go on. */
void plumb__pgp_index_statistics(planner *p, const plumb_index *f, const plumb_index *t)
{
	const char *I = NULL; /* written for the first key that changes */
	for (size_t n = 1; n <= t->keys.n; n++) {
		const char *from = f ? target_of(p, f->statistics, (long)n) : NULL;
		const char *to = target_of(p, t->statistics, (long)n);
		if (plumb__pgp_str_eq(from, to))
			continue;
		if (!I)
			I = plumb__pgp_Q(p, t->schema, t->name);
		plumb__pgp_emit(p, "ALTER INDEX %s ALTER COLUMN %zu SET STATISTICS %s", I, n,
				to ? to : "-1");
	}
}

static void create_index(planner *p, const plumb_index *ix)
{
	const char *sql = ix->sql ? ix->sql : ix->definition;
	const char *tn = plumb__pgp_dn(p, ix->schema, ix->table);
	bool fresh = plumb__pgp_table_is_new(p, ix->schema, ix->table);
	plumb_stmt *s;
	if (!sql) {
		if (!p->st.rc)
			p->st.rc = plumb_error_set(p->ctx, PLUMB_ERROR,
						"could not create index \"%s\": no definition", ix->name);
		return;
	}
	s = plumb__pgp_emit(p, "%s", sql);
	/* the text as stored: pg_get_indexdef's, or a schema file's deparsed,
	 * which may say CONCURRENTLY (the classifier then reads it) */
	if (!strcasestr(sql, "concurrently"))
		plumb__pgp_known(p, s, 'i', ix->schema, ix->name, ix->table);
	if (!fresh)
		plumb__pgp_hz(p, s, PLUMB_HAZARD_INDEX_BUILD,
			      "builds index \"%s\" on \"%s\", blocking writes meanwhile", ix->name,
			      tn);
	plumb__pgp_index_statistics(p, NULL, ix);
}

void plumb__pgp_drop_index(planner *p, const plumb_index *ix)
{
	plumb_stmt *s = plumb__pgp_emit(p, "DROP INDEX %s", plumb__pgp_Q(p, ix->schema, ix->name));
	plumb__pgp_ae_of(p, s, "table", plumb__pgp_dn(p, ix->schema, ix->table));
	if (ix->invalid)
		plumb__pgp_note(
			p, s,
			plumb__pgp_fmt(p,
				       "index \"%s\" is invalid (an interrupted CREATE INDEX "
				       "CONCURRENTLY): dropped, and built again when the schema "
				       "has it",
				       plumb__pgp_dn(p, ix->schema, ix->name)));
}

/* The name a column of table (schema, table) of `from` has in `to`. */
const char *plumb__pgp_col_after(const planner *p, const plumb_change *tc, const char *col)
{
	for (size_t i = 0; tc && tc->delta && i < tc->delta->renamed_columns.n; i++) {
		const plumb_column_change *cc = tc->delta->renamed_columns.items[i];
		if (plumb__pgp_str_eq(cc->from->name, col))
			return cc->to->name;
	}
	(void)p;
	return col;
}

/* Equal once the renames of their table and its columns are applied. */
bool plumb__pgp_index_same_but_name(const planner *p, const plumb_index *f, const plumb_index *t)
{
	const plumb_change *tc = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, f->schema, f->table,
							true);
	const char *table = tc && tc->to ? plumb_object_name(tc->to) : f->table;
	if (f->invalid || f->unique != t->unique || !plumb__pgp_str_eq(table, t->table) ||
	    !plumb__pgp_str_eq(f->where_sql, t->where_sql) || f->keys.n != t->keys.n || !f->keys.n)
		return false;
	for (size_t i = 0; i < f->keys.n; i++)
		if (!plumb__pgp_str_eq(plumb__pgp_col_after(p, tc, f->keys.items[i]),
				       t->keys.items[i]))
			return false;
	return true;
}

/* Does change c leave its index in place: only renamed, or only its
 * statistics targets changed? */
bool plumb__pgp_index_kept(planner *p, const plumb_change *c)
{
	const plumb_index *f = c->from, *t = c->to;
	if (c->kind != PLUMB_OBJ_INDEX || c->op != PLUMB_CHANGE_ALTER)
		return false;
	if (c->renamed)
		return plumb__pgp_index_same_but_name(p, f, t);
	return !f->invalid && (plumb__pgp_str_eq(f->definition, t->definition) ||
			       plumb__pgp_index_same_but_opclass(p, f, t));
}

/* Indexes of tables (on_views false), or of materialized views, which are
 * created later. */
void plumb__pgp_phase_indexes(planner *p, bool on_views)
{
	for (size_t i = 0; i < p->to->indexes.n; i++) {
		const plumb_index *ix = p->to->indexes.items[i];
		if (on_views != (plumb_catalog_find(p->to, PLUMB_OBJ_VIEW, ix->schema, ix->table) != NULL))
			continue;
		const plumb_change *c = plumb__pgp_find_change(p, PLUMB_OBJ_INDEX, ix->schema,
							       ix->name, false);
		bool rebuilt = plumb__pgp_is_recreated(p, "table", ix->schema, ix->table) ||
			       plumb__pgp_is_recreated(p, "view", ix->schema, ix->table);
		/* one whose targets alone changed goes with a relation built again */
		bool kept = c && plumb__pgp_index_kept(p, c) && !(rebuilt && !c->renamed);
		bool want = (c ? !kept : rebuilt) ||
			    plumb__pgp_is_recreated(p, "index", ix->schema, ix->name);
		if (want)
			create_index(p, ix);
		else if (kept && !plumb__pgp_is_set_aside(p, "index", ix->schema,
							  ((const plumb_index *)c->from)->name))
			plumb__pgp_index_statistics(p, c->from, ix);
	}
}

/* The index of `from` that change c drops in phase 1 (dropped, or changed
 * other than by its name), or NULL: one of a table dropped or a view created
 * again goes with its relation. */
const plumb_index *plumb__pgp_index_dropped(planner *p, const plumb_change *c)
{
	if (c->kind != PLUMB_OBJ_INDEX || c->op == PLUMB_CHANGE_CREATE)
		return NULL;
	if (plumb__pgp_index_kept(p, c))
		return NULL;
	const plumb_index *ix = c->from;
	const plumb_change *tc = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, ix->schema, ix->table,
							true);
	if (tc && tc->op == PLUMB_CHANGE_DROP)
		return NULL;
	if (plumb__pgp_is_recreated(p, "view", ix->schema, ix->table))
		return NULL;
	return ix;
}

/* Could unique index ix back a foreign key onto columns cols[0..n) of its
 * table? PostgreSQL's transformFkeyCheckAttrs takes a unique index without a
 * predicate or expressions whose key columns are the referenced ones in any
 * order (a key's sort order does not matter); which of several such indexes
 * it took is not in the catalog, so each of them counts. */
static bool backs_columns(planner *p, const plumb_index *ix, const char **cols, size_t n)
{
	static const char *const tails[] = {" NULLS FIRST", " NULLS LAST", " DESC"};
	if (!ix->unique || ix->where_sql || ix->keys.n != n || !n)
		return false;
	for (size_t i = 0; i < n; i++) {
		const char *key = ix->keys.items[i];
		size_t len = strlen(key);
		for (size_t t = 0; t < sizeof(tails) / sizeof(tails[0]); t++) {
			size_t tl = strlen(tails[t]);
			if (len > tl && strncmp(key + len - tl, tails[t], tl) == 0)
				len -= tl;
		}
		bool found = false;
		for (size_t j = 0; j < n && !found; j++) {
			const char *q = plumb__pg_quote_ident(p->tmp, cols[j]);
			if (!q) {
				plumb__pgp_nomem(p);
				return false;
			}
			found = strlen(q) == len && strncmp(q, key, len) == 0;
		}
		if (!found)
			return false;
	}
	/* and no referenced column twice */
	for (size_t i = 0; i < n; i++)
		for (size_t j = i + 1; j < n; j++)
			if (plumb__pgp_str_eq(cols[i], cols[j]))
				return false;
	return true;
}

/* Does this plan drop (or drop and build again) a unique index of `from`
 * that could back foreign key fk, which references table (schema, table) of
 * `from`? Indexes go in phase 1, before the table changes, so the foreign
 * key must go before them. */
bool plumb__pgp_fk_index_rebuilt(planner *p, const plumb_constraint *fk, const char *schema)
{
	for (size_t i = 0; i < p->unique_drops.n; i++) {
		const plumb_index *ix = p->unique_drops.items[i];
		if (plumb__pgp_str_eq(ix->schema, schema) &&
		    plumb__pgp_str_eq(ix->table, fk->ref_table) &&
		    backs_columns(p, ix, fk->ref_columns, fk->n_ref_columns))
			return true;
	}
	return false;
}
