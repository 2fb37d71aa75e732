/*
 * The planner's statements for tables: CREATE TABLE, DROP TABLE, and ALTER
 * TABLE for columns (added, changed, renamed, dropped; their storage,
 * compression and options) and constraints (VALIDATE for one that was NOT
 * VALID), with the hazards each brings. It does not order tables among
 * other objects (plan_order.c) nor handle their indexes (plan_index.c), and
 * writes no online forms (online.c's: NOT VALID then VALIDATE, SET NOT NULL
 * through a check, which plumb_plan_build puts in with --online).
 */
#include <string.h>
#include <strings.h>

#include "dialect/pg/hazard.h"
#include "dialect/pg/plan_int.h"

/* --- constraints -------------------------------------------------------- */

void plumb__pgp_add_constraint(planner *p, const plumb_table *t, const plumb_constraint *con,
			       bool is_new)
{
	const char *T = plumb__pgp_Q(p, t->schema, t->name);
	const char *tn = plumb__pgp_dn(p, t->schema, t->name);
	plumb_stmt *s;

	s = plumb__pgp_emit(p, "ALTER TABLE %s ADD %s", T, plumb__pgp_constraint_sql(p, con));
	plumb__pgp_known(p, s, 'a', t->schema, t->name, NULL);
	/* NOT VALID: existing rows wait for VALIDATE CONSTRAINT, no scan */
	switch (con->kind) {
	case PLUMB_CON_FOREIGN_KEY:
		/* SHARE ROW EXCLUSIVE on both tables, not ACCESS EXCLUSIVE */
		if (!is_new && !con->not_valid)
			plumb__pgp_hz(
				p, s, PLUMB_HAZARD_VALIDATES,
				"scans table \"%s\" to check the foreign key; blocks writes to it and to "
				"\"%s\" meanwhile",
				tn, con->ref_table ? con->ref_table : "?");
		break;
	case PLUMB_CON_CHECK:
		plumb__pgp_ae_of(p, s, "table", tn);
		/* a foreign table's checks are not checked on its rows */
		if (!is_new && !con->not_valid && !t->server)
			plumb__pgp_hz(p, s, PLUMB_HAZARD_VALIDATES,
				      "scans table \"%s\" to check every row", tn);
		break;
	case PLUMB_CON_PRIMARY_KEY:
	case PLUMB_CON_UNIQUE:
	case PLUMB_CON_EXCLUDE:
		plumb__pgp_ae_of(p, s, "table", tn);
		if (!is_new)
			plumb__pgp_hz(p, s, PLUMB_HAZARD_INDEX_BUILD,
				      "builds the index of constraint \"%s\" on \"%s\"",
				      con->name ? con->name : "?", tn);
		break;
	}
}

const plumb_constraint *plumb__pgp_validated_from(planner *p, const plumb_table_delta *d,
						  const plumb_constraint *con)
{
	if (con->not_valid || !con->name)
		return NULL;
	for (size_t i = 0; i < d->dropped_constraints.n; i++) {
		const plumb_constraint *f = d->dropped_constraints.items[i];
		if (!f->not_valid || f->kind != con->kind || !plumb__pgp_str_eq(f->name, con->name))
			continue;
		plumb_constraint copy = *f;
		copy.not_valid = false;
		if (plumb__pg_constraint_define(p->ctx, p->tmp, &copy)) {
			plumb__pgp_nomem(p);
			return NULL;
		}
		if (plumb__pgp_str_eq(copy.definition, con->definition))
			return f;
	}
	return NULL;
}

bool plumb__pgp_is_validated(planner *p, const plumb_table_delta *d, const plumb_constraint *f)
{
	for (size_t i = 0; f->not_valid && i < d->added_constraints.n; i++)
		if (plumb__pgp_validated_from(p, d, d->added_constraints.items[i]) == f)
			return true;
	return false;
}

void plumb__pgp_validate_constraint(planner *p, const plumb_table *t, const plumb_constraint *con)
{
	const char *tn = plumb__pgp_dn(p, t->schema, t->name);
	plumb_stmt *s =
		plumb__pgp_emit(p, "ALTER TABLE %s VALIDATE CONSTRAINT %s",
				plumb__pgp_Q(p, t->schema, t->name), plumb__pgp_I(p, con->name));
	plumb__pgp_note(p, s, "the constraint was NOT VALID: its rows are checked now");
	plumb__pgp_hz(p, s, PLUMB_HAZARD_VALIDATES,
		      "scans table \"%s\" to validate constraint \"%s\"", tn, con->name);
}

/* Did an enum rebuild drop constraint con of table t (named as in `to`)
 * already? */
static bool set_aside_con(planner *p, const plumb_table *t, const plumb_constraint *con)
{
	return con->name &&
	       plumb__pgp_vec_has(&p->set_aside,
				  plumb__pgp_fmt(p, "%s.%s.%s", t->schema ? t->schema : "public",
						 t->name, con->name));
}

void plumb__pgp_drop_constraint(planner *p, const char *schema, const char *table,
				const plumb_constraint *con)
{
	if (!con->name) {
		if (!p->st.rc)
			p->st.rc = plumb_error_set(p->ctx, PLUMB_ERROR,
						"could not drop an unnamed constraint of table \"%s\"",
						table);
		return;
	}
	if (plumb__pgp_vec_has(&p->set_aside,
			       plumb__pgp_fmt(p, "%s.%s.%s", schema ? schema : "public", table,
					      con->name)))
		return; /* an enum rebuild dropped it */
	plumb_stmt *s = plumb__pgp_emit(p, "ALTER TABLE %s DROP CONSTRAINT %s",
					plumb__pgp_Q(p, schema, table), plumb__pgp_I(p, con->name));
	plumb__pgp_ae_of(p, s, "table", plumb__pgp_dn(p, schema, table));
}

/* Is constraint con of a partition also its parent's (inherited)? */
bool plumb__pgp_inherited_constraint(planner *p, const plumb_catalog *cat, const plumb_table *t,
				     const plumb_constraint *con)
{
	const char *ps, *pn;
	if (!t->partition_of)
		return false;
	plumb__pgp_split_qname(p, t->partition_of, &ps, &pn);
	const plumb_table *parent = plumb_catalog_find(cat, PLUMB_OBJ_TABLE, ps, pn);
	if (!parent)
		return false;
	for (size_t i = 0; i < parent->constraints.n; i++) {
		const plumb_constraint *pc = parent->constraints.items[i];
		if (pc->kind != con->kind || pc->n_columns != con->n_columns ||
		    !plumb__pgp_str_eq(pc->check_sql, con->check_sql))
			continue;
		bool same = true;
		for (size_t j = 0; j < con->n_columns && same; j++)
			same = plumb__pgp_str_eq(pc->columns[j], con->columns[j]);
		if (same)
			return true;
	}
	return plumb__pgp_inherited_constraint(p, cat, parent, con);
}

/* --- column settings ------------------------------------------------- */

/* Whether options text opts ("a=1, b=2") sets option name. */
static bool sets_option(const char *opts, const char *name)
{
	size_t n = strlen(name);
	for (const char *s = opts; s && *s;) {
		if (strncmp(s, name, n) == 0 && s[n] == '=')
			return true;
		s = strstr(s, ", ");
		s = s ? s + 2 : NULL;
	}
	return false;
}

/* The column name of a parent of tb in `to` (the first that has it), or NULL. */
static const plumb_column *parent_column(planner *p, const plumb_table *tb, const char *name)
{
	size_t n = tb->partition_of ? 1 : 0;
	for (size_t i = 0; i < n + tb->inherits.n; i++) {
		const char *ps, *pn;
		plumb__pgp_split_qname(p, i < n ? tb->partition_of : tb->inherits.items[i - n], &ps,
				       &pn);
		const plumb_table *parent = plumb_catalog_find(p->to, PLUMB_OBJ_TABLE, ps, pn);
		const plumb_column *c = parent ? plumb_table_find_column(p->to, parent, name) : NULL;
		if (c)
			return c;
	}
	return NULL;
}

/* The storage, compression and options column t of table tb is to have,
 * set by ALTER COLUMN where they differ from f's (NULL: a column just
 * created, its compression already in its definition). A type change
 * (retyped) gave the column its new type's storage and no compression. */
static void column_settings(planner *p, const plumb_table *tb, const plumb_column *f,
			    const plumb_column *t, bool retyped)
{
	const char *storage = f && !retyped ? f->storage : NULL;
	const char *compression = f && !retyped ? f->compression : t->compression;
	const char *options = f ? f->options : NULL;
	/* a type change keeps the target; a new child does not take its parent's */
	const char *statistics = f ? f->statistics : NULL;
	/* a column a new child takes from its parent comes with the parent's
	 * storage and compression */
	const plumb_column *pc = !f && t->inherited ? parent_column(p, tb, t->name) : NULL;
	if (pc) {
		storage = pc->storage;
		compression = pc->compression;
	}
	/* most columns change none of these: their names are written only
	 * for one that does */
	if (plumb__pgp_str_eq(storage, t->storage) &&
	    plumb__pgp_str_eq(compression, t->compression) && !(f && tb->server) &&
	    plumb__pgp_str_eq(statistics, t->statistics) && plumb__pgp_str_eq(options, t->options))
		return;
	const char *T = plumb__pgp_Q(p, tb->schema, tb->name);
	const char *C = plumb__pgp_I(p, t->name);
	const char *what =
		plumb__pgp_fmt(p, "table \"%s\"", plumb__pgp_dn(p, tb->schema, tb->name));
	bool fresh = plumb__pgp_table_is_new(p, tb->schema, tb->name);
	plumb_stmt *s;
	if (!plumb__pgp_str_eq(storage, t->storage)) {
		s = plumb__pgp_emit(p, "ALTER TABLE %s ALTER COLUMN %s SET STORAGE %s", T, C,
				    t->storage ? t->storage : plumb__pg_default_storage(t->type));
		if (!fresh)
			plumb__pgp_ae(p, s, what);
	}
	if (!plumb__pgp_str_eq(compression, t->compression)) {
		s = plumb__pgp_emit(p, "ALTER TABLE %s ALTER COLUMN %s SET COMPRESSION %s", T, C,
				    t->compression ? t->compression : "default");
		if (!fresh)
			plumb__pgp_ae(p, s, what);
	}
	if (f && tb->server) {
		const char *o = plumb__pgp_fdw_options_delta(p, &f->fdw_options, &t->fdw_options);
		if (*o)
			plumb__pgp_emit(p, "ALTER FOREIGN TABLE %s ALTER COLUMN %s%s", T, C, o);
	}
	/* SHARE UPDATE EXCLUSIVE; ONLY: each child has its own */
	if (!plumb__pgp_str_eq(statistics, t->statistics))
		plumb__pgp_emit(p, "ALTER TABLE ONLY %s ALTER COLUMN %s SET STATISTICS %s", T, C,
				t->statistics ? t->statistics : "-1");
	if (plumb__pgp_str_eq(options, t->options))
		return;
	static const char *const names[] = {"n_distinct", "n_distinct_inherited"};
	plumb_buf b;
	plumb_buf_init(&b, p->tmp, 0);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (sets_option(options, names[i]) && !sets_option(t->options, names[i]))
			plumb_buf_printf(&b, "%s%s", b.len ? ", " : "", names[i]);
	if (b.failed) {
		plumb__pgp_nomem(p);
		return;
	}
	/* SHARE UPDATE EXCLUSIVE: readers and writers go on */
	if (b.len)
		plumb__pgp_emit(p, "ALTER TABLE %s ALTER COLUMN %s RESET (%s)", T, C,
				plumb_buf_str(&b));
	if (t->options)
		plumb__pgp_emit(p, "ALTER TABLE %s ALTER COLUMN %s SET (%s)", T, C, t->options);
}

/* --- tables ---------------------------------------------------------- */

/* Whether primary key or unique constraints a and b build the same index
 * (check_sql carries NULLS NOT DISTINCT). */
static bool same_key(const plumb_constraint *a, const plumb_constraint *b)
{
	if (a->n_columns != b->n_columns || a->n_include != b->n_include ||
	    a->deferrable != b->deferrable || a->initially_deferred != b->initially_deferred ||
	    !plumb__pgp_str_eq(a->check_sql, b->check_sql))
		return false;
	for (size_t i = 0; i < a->n_columns; i++)
		if (!plumb__pgp_str_eq(a->columns[i], b->columns[i]))
			return false;
	for (size_t i = 0; i < a->n_include; i++)
		if (!plumb__pgp_str_eq(a->include[i], b->include[i]))
			return false;
	return true;
}

/* Whether CREATE TABLE would drop key constraint i of t: in one statement
 * the server keeps the primary key and then each unique constraint that
 * builds another index than those kept before it (transformIndexConstraints);
 * such a key is added by ALTER TABLE after the table. */
static bool repeated_key(const plumb_table *t, size_t i)
{
	const plumb_constraint *c = t->constraints.items[i];
	if (c->kind != PLUMB_CON_UNIQUE)
		return false;
	for (size_t j = 0; j < t->constraints.n; j++) {
		const plumb_constraint *o = t->constraints.items[j];
		if (j == i ||
		    (o->kind != PLUMB_CON_PRIMARY_KEY && (o->kind != PLUMB_CON_UNIQUE || j > i)))
			continue;
		if (o->not_valid || !same_key(o, c) ||
		    (o->kind == PLUMB_CON_UNIQUE && repeated_key(t, j)))
			continue;
		return true;
	}
	return false;
}

void plumb__pgp_create_table(planner *p, const plumb_table *t)
{
	const char *T = plumb__pgp_Q(p, t->schema, t->name);
	/* the text, with the copies its growth leaves, goes once the plan
	 * has its own */
	plumb_arena *scratch = plumb_arena_new(p->tmp);
	if (!scratch) {
		plumb__pgp_nomem(p);
		return;
	}
	plumb_buf b;
	plumb_buf_init(&b, scratch, 0);
	plumb_buf_printf(&b, "CREATE %sTABLE %s",
			 t->server     ? "FOREIGN "
			 : t->unlogged ? "UNLOGGED "
				       : "",
			 T);
	if (t->partition_of) {
		const char *ps, *pn;
		plumb__pgp_split_qname(p, t->partition_of, &ps, &pn);
		plumb_buf_printf(&b, " PARTITION OF %s %s", plumb__pgp_Q(p, ps, pn),
				 t->partition_bound ? t->partition_bound : "DEFAULT");
	} else {
		size_t n = 0;
		plumb_buf_puts(&b, " (");
		for (size_t i = 0; i < t->columns.n; i++) {
			const plumb_column *c = t->columns.items[i];
			if (!c->inherited || !t->inherits.n)
				plumb_buf_printf(&b, "%s\n    %s", n++ ? "," : "",
						 plumb__pgp_column_sql(p, c));
		}
		for (size_t i = 0; i < t->constraints.n; i++) {
			const plumb_constraint *c = t->constraints.items[i];
			/* CREATE TABLE would validate a NOT VALID check */
			if (c->kind == PLUMB_CON_FOREIGN_KEY || c->not_valid || repeated_key(t, i))
				continue;
			plumb_buf_printf(&b, "%s\n    %s", n++ ? "," : "",
					 plumb__pgp_constraint_sql(p, c));
		}
		plumb_buf_puts(&b, n ? "\n)" : ")");
		for (size_t i = 0; i < t->inherits.n; i++) {
			const char *ps, *pn;
			plumb__pgp_split_qname(p, t->inherits.items[i], &ps, &pn);
			plumb_buf_printf(&b, "%s%s", i ? ", " : " INHERITS (",
					 plumb__pgp_Q(p, ps, pn));
		}
		if (t->inherits.n)
			plumb_buf_putc(&b, ')');
	}
	if (t->partition_by)
		plumb_buf_printf(&b, " PARTITION BY %s", t->partition_by);
	if (t->options)
		plumb_buf_printf(&b, " WITH (%s)", t->options);
	if (t->server)
		plumb_buf_printf(&b, " SERVER %s%s", plumb__pgp_I(p, t->server),
				 plumb__pg_fdw_options_text(p->tmp, &t->fdw_options));
	plumb_stmt *s = NULL;
	if (b.failed)
		plumb__pgp_nomem(p);
	else
		s = plumb__pgp_emit_text(p, plumb_buf_str(&b));
	plumb_arena_free(scratch);
	if (p->st.rc)
		return;
	if (!t->partition_of) /* a partition locks its parent */
		plumb__pgp_known(p, s, 't', t->schema, t->name, NULL);
	for (size_t i = 0; i < t->constraints.n; i++) {
		const plumb_constraint *c = t->constraints.items[i];
		if (c->kind != PLUMB_CON_FOREIGN_KEY &&
		    (t->partition_of || c->not_valid || repeated_key(t, i)) &&
		    !plumb__pgp_inherited_constraint(p, p->to, t, c))
			plumb__pgp_add_constraint(p, t, c, true);
	}
	for (size_t i = 0; i < t->columns.n; i++)
		column_settings(p, t, NULL, t->columns.items[i], false);
	if (t->rls_enabled)
		plumb__pgp_known(p,
				 plumb__pgp_emit(p, "ALTER TABLE %s ENABLE ROW LEVEL SECURITY", T),
				 'a', t->schema, t->name, NULL);
	if (t->rls_forced)
		plumb__pgp_known(p,
				 plumb__pgp_emit(p, "ALTER TABLE %s FORCE ROW LEVEL SECURITY", T),
				 'a', t->schema, t->name, NULL);
	plumb__pgp_set_add(p, &p->new_rels, plumb__pgp_key(p, t->schema, t->name));
}

plumb_stmt *plumb__pgp_drop_table(planner *p, const plumb_table *t, const char *why)
{
	if (t->server) {
		plumb_stmt *s = plumb__pgp_drop_foreign_table(p, t);
		plumb__pgp_note(p, s, why);
		return s;
	}
	plumb_stmt *s = plumb__pgp_emit(p, "DROP TABLE %s", plumb__pgp_Q(p, t->schema, t->name));
	plumb__pgp_note(p, s, why);
	plumb__pgp_hz(p, s, PLUMB_HAZARD_DELETES_DATA, "drops table \"%s\" and its rows",
		      plumb__pgp_dn(p, t->schema, t->name));
	plumb__pgp_ae_of(p, s, "table", plumb__pgp_dn(p, t->schema, t->name));
	return s;
}

plumb_stmt *plumb__pgp_drop_foreign_table(planner *p, const plumb_table *t)
{
	plumb_stmt *s =
		plumb__pgp_emit(p, "DROP FOREIGN TABLE %s", plumb__pgp_Q(p, t->schema, t->name));
	plumb__pgp_note(p, s,
			plumb__pgp_fmt(p,
				       "\"%s\" is a foreign table: its rows stay on server \"%s\", "
				       "no data is lost",
				       plumb__pgp_dn(p, t->schema, t->name), t->server));
	plumb__pgp_ae_of(p, s, "table", plumb__pgp_dn(p, t->schema, t->name));
	return s;
}

bool plumb__pgp_partitioning_changed(const plumb_table *f, const plumb_table *t)
{
	/* a foreign table's server cannot change either (nor a table become
	 * foreign): dropped and created again */
	if (!plumb__pgp_str_eq(f->server, t->server))
		return true;
	return !plumb__pgp_str_eq(f->partition_by, t->partition_by) ||
	       !plumb__pgp_str_eq(f->partition_of, t->partition_of) ||
	       !plumb__pgp_str_eq(f->partition_bound, t->partition_bound);
}

static const char *serial_seq(planner *p, const char *schema, const char *table,
			      const char *col)
{
	return plumb__pgp_Q(p, schema, plumb__pgp_fmt(p, "%s_%s_seq", table, col));
}

/* Does the table have a parent (partition or INHERITS)? */
static bool has_parent(const plumb_table *t)
{
	return t->partition_of || t->inherits.n;
}

/* Does the plan add (add true) or drop column col to or from a parent of
 * table t (of `to` for add, of `from` for drop)? */
bool plumb__pgp_parent_changes_column(planner *p, const plumb_table *t, const char *col, bool add)
{
	const char *parents[1] = {t->partition_of};
	size_t n = t->partition_of ? 1 : 0;
	for (size_t i = 0; i < n + t->inherits.n; i++) {
		const char *ps, *pn;
		plumb__pgp_split_qname(p, i < n ? parents[i] : t->inherits.items[i - n], &ps, &pn);
		const plumb_change *c = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, ps, pn, !add);
		const plumb_vec *v = !c || !c->delta ? NULL
				     : add	       ? &c->delta->added_columns
						       : &c->delta->dropped_columns;
		for (size_t j = 0; v && j < v->n; j++)
			if (plumb__pgp_str_eq(((const plumb_column *)v->items[j])->name, col))
				return true;
	}
	return false;
}

const char *plumb__pgp_column_key(planner *p, const plumb_table *tb, const char *col)
{
	return plumb__pgp_fmt(p, "column:%s.%s", plumb__pgp_key(p, tb->schema, tb->name), col);
}

/* Sets the probe of the hazard added last to s. */
static void probe(planner *p, plumb_stmt *s, const char *sql)
{
	int rc;
	if (!p->st.rc && sql && (rc = plumb_stmt_set_probe(p->ctx, p->plan, s, sql)) < 0)
		p->st.rc = rc;
}

/* The name table tb of `to` has in the database now (before renames). */
static const char *table_now(planner *p, const plumb_table *tb)
{
	const plumb_change *c = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, tb->schema, tb->name,
						       false);
	const plumb_table *f = c && c->from ? c->from : tb;
	return plumb__pgp_Q(p, f->schema, f->name);
}

/* needs-backfill: a NOT NULL column added without a default fails on a
 * table with rows; SET NOT NULL fails on NULLs. The probe asks the live
 * database (from: the column's name there now, NULL for a new column). */
static void hz_backfill(planner *p, plumb_stmt *s, const plumb_table *tb, const char *from,
			const char *col)
{
	const char *tn = plumb__pgp_dn(p, tb->schema, tb->name);
	if (!s || plumb__pgp_table_is_new(p, tb->schema, tb->name))
		return;
	if (!from) {
		plumb__pgp_hz(
			p, s, PLUMB_HAZARD_NEEDS_BACKFILL,
			"adds column \"%s\".\"%s\" NOT NULL without a default: fails if \"%s\" has "
			"rows; give it a DEFAULT, or add it nullable, fill it, then SET NOT NULL",
			tn, col, tn);
		probe(p, s,
		      plumb__pgp_fmt(p, "SELECT EXISTS (SELECT 1 FROM %s)", table_now(p, tb)));
		return;
	}
	plumb__pgp_hz(
		p, s, PLUMB_HAZARD_NEEDS_BACKFILL,
		"sets column \"%s\".\"%s\" NOT NULL: fails if it holds NULLs; fill them first "
		"(UPDATE ... WHERE \"%s\" IS NULL)",
		tn, col, col);
	probe(p, s,
	      plumb__pgp_fmt(p, "SELECT EXISTS (SELECT 1 FROM %s WHERE %s IS NULL)",
			     table_now(p, tb), plumb__pgp_I(p, from)));
}

/* Turns column f into column t (same name after any rename) of table tb. */
static void alter_column(planner *p, const plumb_table *tb, const plumb_column *f,
			 const plumb_column *t)
{
	plumb_column fc;
	if (f->inherited && !t->inherited) {
		const plumb_change *tc = plumb__pgp_find_change(p, PLUMB_OBJ_TABLE, tb->schema,
								tb->name, false);
		if (tc && plumb__pgp_parent_changes_column(p, tc->from, t->name, false)) {
			/* the parent's DROP COLUMN takes it: declared here anew */
			plumb_stmt *s = plumb__pgp_emit(p, "ALTER TABLE %s ADD COLUMN %s",
							plumb__pgp_Q(p, tb->schema, tb->name),
							t->definition);
			plumb__pgp_ae_of(p, s, "table", plumb__pgp_dn(p, tb->schema, tb->name));
			return;
		}
	}
	if (!f->inherited && t->inherited &&
	    plumb__pgp_vec_has(&p->uninherited, plumb__pgp_column_key(p, tb, t->name)))
		return; /* dropped before the parent adds it */
	if ((f->inherited || t->inherited) && has_parent(tb)) {
		/* the parent's ALTER TABLE changes the type of an inherited
		 * column; defaults and NOT NULL may still differ here */
		fc = *f;
		fc.type = t->type;
		fc.collation = t->collation;
		fc.generated_sql = t->generated_sql;
		fc.generated_written = t->generated_written;
		fc.identity = t->identity;
		fc.identity_options = t->identity_options;
		f = &fc;
	}
	const char *T = plumb__pgp_Q(p, tb->schema, tb->name);
	const char *tn = plumb__pgp_dn(p, tb->schema, tb->name);
	const char *C = plumb__pgp_I(p, t->name);
	const char *what = plumb__pgp_fmt(p, "table \"%s\"", tn);
	plumb_stmt *s;
	const char *ftype = plumb__pg_type_behind(f->type), *ttype = plumb__pg_type_behind(t->type);
	const char *fdef = f->default_sql, *tdef = t->default_sql;
	bool fserial = plumb__pg_serial_base(f->type) != NULL,
	     tserial = plumb__pg_serial_base(t->type) != NULL;
	bool default_gone = false;

	/* Generated columns: an expression cannot be changed in place. */
	if (!plumb__pgp_str_eq(f->generated_sql, t->generated_sql)) {
		if (f->generated_sql && !t->generated_sql) {
			s = plumb__pgp_emit(p, "ALTER TABLE %s ALTER COLUMN %s DROP EXPRESSION", T,
					    C);
			plumb__pgp_ae(p, s, what);
		} else {
			s = plumb__pgp_emit(p, "ALTER TABLE %s DROP COLUMN %s", T, C);
			plumb__pgp_note(
				p, s,
				"a generation expression cannot be changed: drop and add the column");
			plumb__pgp_ae(p, s, what);
			if (!f->generated_sql)
				plumb__pgp_hz(
					p, s, PLUMB_HAZARD_DELETES_DATA,
					"drops the values of column \"%s\".\"%s\" (it becomes generated)",
					tn, t->name);
			s = plumb__pgp_emit(p, "ALTER TABLE %s ADD COLUMN %s", T,
					    plumb__pgp_column_sql(p, t));
			plumb__pgp_ae(p, s, what);
			plumb__pgp_hz(p, s, PLUMB_HAZARD_REWRITES_TABLE,
				      "computes column \"%s\".\"%s\" for every row of \"%s\"", tn,
				      t->name, tn);
			plumb__pgp_set_add(p, &p->recreated,
					   plumb__pgp_fmt(p, "column:%s.%s",
							  plumb__pgp_key(p, tb->schema, tb->name),
							  t->name));
			return;
		}
	}
	/* Identity first goes, so the rest may change. */
	bool id_opts = !plumb__pgp_str_eq(f->identity_options, t->identity_options);
	if (f->identity && (!t->identity || id_opts)) {
		s = plumb__pgp_emit(p, "ALTER TABLE %s ALTER COLUMN %s DROP IDENTITY", T, C);
		plumb__pgp_ae(p, s, what);
	}
	if (fserial && !tserial) {
		const char *seqname = plumb__pgp_fmt(p, "%s_%s_seq", tb->name, f->name);
		s = plumb__pgp_emit(p, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT", T, C);
		plumb__pgp_ae(p, s, what);
		if (plumb__pgp_vec_has(&p->adopted, plumb__pgp_key(p, tb->schema, seqname)))
			plumb__pgp_emit(p, "ALTER SEQUENCE %s OWNED BY NONE",
					plumb__pgp_Q(p, tb->schema, seqname));
		else
			plumb__pgp_emit(p, "DROP SEQUENCE IF EXISTS %s",
					plumb__pgp_Q(p, tb->schema, seqname));
		fdef = NULL;
	}
	bool type_differs = !plumb__pgp_str_eq(ftype, ttype);
	bool coll_differs = !plumb__pgp_str_eq(f->collation, t->collation);
	if ((type_differs && fdef) || (fdef && !plumb__pgp_str_eq(fdef, tdef))) {
		if (!tdef || type_differs) {
			s = plumb__pgp_emit(p, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT", T, C);
			plumb__pgp_ae(p, s, what);
			default_gone = true;
		}
	}
	if (type_differs || coll_differs) {
		bool rewrite = false, narrows = false;
		const char *using = "";
		if (type_differs) {
			plumb__pg_type_change(ftype, ttype, &rewrite, &narrows);
			if (plumb__pgp_is_enum_type(p, ftype) || plumb__pgp_is_enum_type(p, ttype))
				using = plumb__pgp_fmt(p, " USING %s::text::%s", C, ttype);
			else
				using = plumb__pgp_fmt(p, " USING %s::%s", C, ttype);
		}
		s = plumb__pgp_emit(p, "ALTER TABLE %s ALTER COLUMN %s TYPE %s%s%s", T, C, ttype,
				    t->collation ? plumb__pgp_fmt(p, " COLLATE %s", t->collation)
						 : "",
				    using);
		plumb__pgp_ae(p, s, what);
		if (rewrite)
			plumb__pgp_hz(
				p, s, PLUMB_HAZARD_REWRITES_TABLE,
				"changes the type of column \"%s\".\"%s\" from %s to %s: rewrites every row",
				tn, t->name, ftype, ttype);
		if (narrows)
			plumb__pgp_hz(
				p, s, PLUMB_HAZARD_NARROWS_TYPE,
				"changes the type of column \"%s\".\"%s\" from %s to %s: values may not "
				"fit or may change",
				tn, t->name, ftype, ttype);
		if (!type_differs)
			plumb__pgp_hz(
				p, s, PLUMB_HAZARD_INDEX_BUILD,
				"rebuilds the indexes on column \"%s\".\"%s\" for the new collation",
				tn, t->name);
		if (fserial && tserial)
			plumb__pgp_emit(p, "ALTER SEQUENCE %s AS %s",
					serial_seq(p, tb->schema, tb->name, t->name), ttype);
	}
	if (tdef && (default_gone || !plumb__pgp_str_eq(fdef, tdef))) {
		s = plumb__pgp_emit(p, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s", T, C,
				    plumb__pgp_default_sql(t));
		plumb__pgp_ae(p, s, what);
	}
	if (f->not_null != t->not_null && !(t->not_null && t->identity && !f->identity && 0)) {
		if (!t->not_null) {
			s = plumb__pgp_emit(p, "ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL", T,
					    C);
			plumb__pgp_ae(p, s, what);
		} else {
			s = plumb__pgp_emit(p, "ALTER TABLE %s ALTER COLUMN %s SET NOT NULL", T, C);
			plumb__pgp_ae(p, s, what);
			plumb__pgp_hz(p, s, PLUMB_HAZARD_VALIDATES,
				      "scans table \"%s\" for NULLs in \"%s\"", tn, t->name);
			hz_backfill(p, s, tb, f->name, t->name);
		}
	}
	if (!fserial && tserial) {
		const char *seq = serial_seq(p, tb->schema, tb->name, t->name);
		bool adopt = plumb__pgp_vec_has(&p->adopted,
						plumb__pgp_key(p, tb->schema,
							       plumb__pgp_fmt(p, "%s_%s_seq",
									      tb->name, t->name)));
		if (adopt) {
			/* the sequence of that name goes on, as a serial column's */
			s = plumb__pgp_emit(
				p,
				"ALTER SEQUENCE %s AS %s INCREMENT BY 1 NO MINVALUE NO MAXVALUE "
				"START WITH 1 CACHE 1 NO CYCLE OWNED BY %s.%s",
				seq, ttype, T, C);
			plumb__pgp_note(p, s,
					"the sequence of that name becomes the serial column's");
		} else {
			plumb__pgp_emit(p, "CREATE SEQUENCE %s AS %s OWNED BY %s.%s", seq, ttype, T,
					C);
		}
		s = plumb__pgp_emit(
			p, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT nextval(%s::regclass)", T, C,
			plumb__pgp_L(p, seq));
		plumb__pgp_ae(p, s, what);
		if (!adopt)
			plumb__pgp_emit(
				p, "SELECT setval(%s, coalesce(max(%s), 0) + 1, false) FROM %s",
				plumb__pgp_L(p, seq), C, T);
	}
	column_settings(p, tb, f, t, type_differs);
	if (t->identity) {
		if (!f->identity || id_opts) {
			s = plumb__pgp_emit(
				p, "ALTER TABLE %s ALTER COLUMN %s ADD GENERATED %s AS IDENTITY%s",
				T, C, t->identity,
				t->identity_options
					? plumb__pgp_fmt(p, " (%s)", t->identity_options)
					: "");
			plumb__pgp_ae(p, s, what);
			plumb__pgp_emit(
				p,
				"SELECT setval(pg_get_serial_sequence(%s, %s), max(%s)) FROM %s "
				"HAVING max(%s) IS NOT NULL",
				plumb__pgp_L(p, T), plumb__pgp_L(p, t->name), C, T, C);
		} else if (!plumb__pgp_str_eq(f->identity, t->identity)) {
			s = plumb__pgp_emit(p, "ALTER TABLE %s ALTER COLUMN %s SET GENERATED %s", T,
					    C, t->identity);
			plumb__pgp_ae(p, s, what);
		}
	}
}

static void add_column(planner *p, const plumb_table *tb, const plumb_column *c)
{
	const char *tn = plumb__pgp_dn(p, tb->schema, tb->name);
	plumb_stmt *s = plumb__pgp_emit(p, "ALTER TABLE %s ADD COLUMN %s",
					plumb__pgp_Q(p, tb->schema, tb->name),
					plumb__pgp_column_sql(p, c));
	plumb__pgp_ae_of(p, s, "table", tn);
	column_settings(p, tb, NULL, c, false);
	if (c->not_null && !c->identity && !c->generated_sql && !plumb__pg_serial_base(c->type) &&
	    (!c->default_sql || strcasecmp(c->default_sql, "NULL") == 0))
		hz_backfill(p, s, tb, NULL, c->name);
	if (plumb__pg_serial_base(c->type) || c->identity || c->generated_sql ||
	    plumb__pgp_default_volatile(p, c->default_sql))
		plumb__pgp_hz(p, s, PLUMB_HAZARD_REWRITES_TABLE,
			      "fills column \"%s\".\"%s\" with a value per row: rewrites \"%s\"",
			      tn, c->name, tn);
}

bool plumb__pgp_constraint_same_but_name(planner *p, const plumb_constraint *f,
					 const plumb_constraint *t)
{
	plumb_constraint copy = *f;
	copy.name = t->name;
	if (plumb__pg_constraint_define(p->ctx, p->tmp, &copy)) {
		plumb__pgp_nomem(p);
		return false;
	}
	return plumb__pgp_str_eq(copy.definition, t->definition) ||
	       plumb__pgp_exclusion_same_but_opclass(p, &copy, t);
}

/* The exclusion constraint of `from` (dropped in delta d) that constraint
 * con of `to` (added in d) is once the operator classes it names are
 * renamed in place (the server renames them under it): same name, kept.
 * NULL when con is not such a constraint. */
static const plumb_constraint *kept_from(planner *p, const plumb_table_delta *d,
					 const plumb_constraint *con)
{
	for (size_t i = 0; con->kind == PLUMB_CON_EXCLUDE && i < d->dropped_constraints.n; i++) {
		const plumb_constraint *f = d->dropped_constraints.items[i];
		if (plumb__pgp_exclusion_same_but_opclass(p, f, con))
			return f;
	}
	return NULL;
}

/* Whether constraint f of `from`, dropped in delta d, is kept instead. */
static bool is_kept(planner *p, const plumb_table_delta *d, const plumb_constraint *f)
{
	for (size_t i = 0; f->kind == PLUMB_CON_EXCLUDE && i < d->added_constraints.n; i++)
		if (kept_from(p, d, d->added_constraints.items[i]) == f)
			return true;
	return false;
}

void plumb__pgp_alter_table(planner *p, const plumb_change *c)
{
	const plumb_table *f = c->from, *t = c->to;
	const plumb_table_delta *d = c->delta;
	const char *T = plumb__pgp_Q(p, t->schema, t->name);
	const char *tn = plumb__pgp_dn(p, t->schema, t->name);
	const char *what = plumb__pgp_fmt(p, "table \"%s\"", tn);
	plumb_stmt *s;

	if (d->options_changed && plumb__pgp_partitioning_changed(f, t)) {
		/* From here on the old table is gone: the new one is created like a new table. */
		return;
	}
	if (c->renamed) {
		s = plumb__pgp_emit(p, "ALTER TABLE %s RENAME TO %s",
				    plumb__pgp_Q(p, f->schema, f->name), plumb__pgp_I(p, t->name));
		plumb__pgp_ae_of(p, s, "table", plumb__pgp_dn(p, f->schema, f->name));
	}
	for (size_t i = 0; i < d->renamed_columns.n; i++) {
		const plumb_column_change *cc = d->renamed_columns.items[i];
		s = plumb__pgp_emit(p, "ALTER TABLE %s RENAME COLUMN %s TO %s", T,
				    plumb__pgp_I(p, cc->from->name), plumb__pgp_I(p, cc->to->name));
		plumb__pgp_ae(p, s, what);
	}
	/* a serial column's sequence takes the name serial gives it under the
	 * new table or column name (the server keeps the old one) */
	for (size_t i = 0; (c->renamed || d->renamed_columns.n) && i < t->columns.n; i++) {
		const plumb_column *tc = t->columns.items[i];
		const char *fname = tc->name;
		for (size_t j = 0; j < d->renamed_columns.n; j++) {
			const plumb_column_change *cc = d->renamed_columns.items[j];
			if (cc->to == tc)
				fname = cc->from->name;
		}
		const plumb_column *fc = plumb_table_find_column(p->from, f, fname);
		if (!fc || !plumb__pg_is_serial(fc->type) || !plumb__pg_is_serial(tc->type))
			continue;
		char was[PLUMB_PG_NAMEDATALEN], now[PLUMB_PG_NAMEDATALEN];
		plumb__pg_object_name(was, f->name, fc->name, "seq");
		plumb__pg_object_name(now, t->name, tc->name, "seq");
		if (strcmp(was, now) == 0)
			continue;
		s = plumb__pgp_emit(p, "ALTER SEQUENCE %s RENAME TO %s",
				    plumb__pgp_Q(p, t->schema, was), plumb__pgp_I(p, now));
		plumb__pgp_note(p, s, "serial names its sequence after its table and column");
	}
	/* constraints renamed, or dropped (FKs went earlier) */
	for (size_t i = 0; i < d->renamed_constraints.n; i++) {
		const plumb_constraint_change *cc = d->renamed_constraints.items[i];
		if (plumb__pgp_fk_forced(p, cc->from))
			continue; /* dropped in phase 2, added under its new name in 5 */
		if (plumb__pgp_constraint_same_but_name(p, cc->from, cc->to) &&
		    !set_aside_con(p, t, cc->from)) {
			s = plumb__pgp_emit(p, "ALTER TABLE %s RENAME CONSTRAINT %s TO %s", T,
					    plumb__pgp_I(p, cc->from->name),
					    plumb__pgp_I(p, cc->to->name));
			plumb__pgp_ae(p, s, what);
		} else if (cc->from->kind != PLUMB_CON_FOREIGN_KEY) {
			plumb__pgp_drop_constraint(p, t->schema, t->name, cc->from);
		}
	}
	for (size_t i = 0; i < d->dropped_constraints.n; i++) {
		const plumb_constraint *con = d->dropped_constraints.items[i];
		if (con->kind != PLUMB_CON_FOREIGN_KEY &&
		    ((!plumb__pgp_is_validated(p, d, con) && !is_kept(p, d, con)) ||
		     set_aside_con(p, t, con)))
			plumb__pgp_drop_constraint(p, t->schema, t->name, con);
	}
	for (size_t i = 0; d->options_changed && i < f->inherits.n; i++) {
		if (plumb__pgp_vec_has(&t->inherits, f->inherits.items[i]))
			continue;
		const char *ps, *pn;
		plumb__pgp_split_qname(p, f->inherits.items[i], &ps, &pn);
		s = plumb__pgp_emit(p, "ALTER TABLE %s NO INHERIT %s", T, plumb__pgp_Q(p, ps, pn));
		plumb__pgp_ae(p, s, what);
	}
	for (size_t i = 0; i < d->dropped_columns.n; i++) {
		const plumb_column *col = d->dropped_columns.items[i];
		/* an inherited column goes with the parent's */
		if (col->inherited && has_parent(t) &&
		    plumb__pgp_parent_changes_column(p, f, col->name, false))
			continue;
		s = plumb__pgp_emit(p, "ALTER TABLE %s DROP COLUMN %s", T,
				    plumb__pgp_I(p, col->name));
		plumb__pgp_ae(p, s, what);
		if (t->server)
			plumb__pgp_note(p, s,
					"a foreign table's column: its values stay on the server, "
					"no data is lost");
		else
			plumb__pgp_hz(p, s, PLUMB_HAZARD_DELETES_DATA,
				      "drops column \"%s\".\"%s\" and its values", tn, col->name);
	}
	for (size_t i = 0; i < d->renamed_columns.n; i++) {
		const plumb_column_change *cc = d->renamed_columns.items[i];
		alter_column(p, t, cc->from, cc->to);
	}
	for (size_t i = 0; i < d->changed_columns.n; i++) {
		const plumb_column_change *cc = d->changed_columns.items[i];
		alter_column(p, t, cc->from, cc->to);
	}
	for (size_t i = 0; i < t->columns.n; i++) {
		const plumb_column *col = t->columns.items[i];
		for (size_t j = 0; j < d->added_columns.n; j++)
			if (d->added_columns.items[j] == col &&
			    !(col->inherited &&
			      plumb__pgp_parent_changes_column(p, t, col->name, true)))
				add_column(p, t, col);
	}
	for (size_t i = 0; i < d->renamed_constraints.n; i++) {
		const plumb_constraint_change *cc = d->renamed_constraints.items[i];
		if (cc->to->kind != PLUMB_CON_FOREIGN_KEY &&
		    (!plumb__pgp_constraint_same_but_name(p, cc->from, cc->to) ||
		     set_aside_con(p, t, cc->from)))
			plumb__pgp_add_constraint(p, t, cc->to, false);
	}
	for (size_t i = 0; i < d->added_constraints.n; i++) {
		const plumb_constraint *con = d->added_constraints.items[i];
		if (con->kind == PLUMB_CON_FOREIGN_KEY)
			continue;
		const plumb_constraint *was = plumb__pgp_validated_from(p, d, con);
		const plumb_constraint *kept = kept_from(p, d, con);
		if (was && !set_aside_con(p, t, was))
			plumb__pgp_validate_constraint(p, t, con);
		else if (kept && !set_aside_con(p, t, kept))
			continue; /* its classes renamed under it */
		else
			plumb__pgp_add_constraint(p, t, con, false);
	}
	if (d->options_changed) {
		if (f->unlogged != t->unlogged) {
			s = plumb__pgp_emit(p, "ALTER TABLE %s SET %s", T,
					    t->unlogged ? "UNLOGGED" : "LOGGED");
			plumb__pgp_ae(p, s, what);
			plumb__pgp_hz(p, s, PLUMB_HAZARD_REWRITES_TABLE,
				      "rewrites table \"%s\" (%s)", tn,
				      t->unlogged ? "unlogged" : "logged");
		}
		if (!plumb__pgp_str_eq(f->options, t->options))
			plumb__pgp_table_options(p, f, t);
		const char *fo = t->server ? plumb__pgp_fdw_options_delta(p, &f->fdw_options,
									  &t->fdw_options)
					   : "";
		if (*fo)
			plumb__pgp_emit(p, "ALTER FOREIGN TABLE %s%s", T, fo);
		if (f->rls_enabled != t->rls_enabled) {
			s = plumb__pgp_emit(p, "ALTER TABLE %s %s ROW LEVEL SECURITY", T,
					    t->rls_enabled ? "ENABLE" : "DISABLE");
			plumb__pgp_ae(p, s, what);
		}
		if (f->rls_forced != t->rls_forced) {
			s = plumb__pgp_emit(p, "ALTER TABLE %s %s ROW LEVEL SECURITY", T,
					    t->rls_forced ? "FORCE" : "NO FORCE");
			plumb__pgp_ae(p, s, what);
		}
		for (size_t i = 0; i < t->inherits.n; i++) {
			if (plumb__pgp_vec_has(&f->inherits, t->inherits.items[i]))
				continue;
			const char *ps, *pn;
			plumb__pgp_split_qname(p, t->inherits.items[i], &ps, &pn);
			s = plumb__pgp_emit(p, "ALTER TABLE %s INHERIT %s", T,
					    plumb__pgp_Q(p, ps, pn));
			plumb__pgp_ae(p, s, what);
		}
	}
}
