/*
 * The table rebuild of the SQLite planner, as
 * https://www.sqlite.org/lang_altertable.html#otheralter documents it: the
 * desired table created under a temporary name, the rows copied over the
 * columns both sides have, the AUTOINCREMENT counter carried over, the old
 * table dropped and the new one renamed. Its first statement carries the
 * hazards of the change (rows copied, columns dropped, types narrowed, NOT
 * NULL without a way to fill it). It does not choose when to rebuild
 * (plan_alter.c) nor recreate the indexes, views and triggers a rebuild
 * loses (plan.c, plan_dependants.c).
 */
#include <string.h>
#include <strings.h>

#include "dialect/sqlite/plan_int.h"

/* --- type affinity ---------------------------------------------------- */

typedef enum affinity { AFF_INTEGER, AFF_TEXT, AFF_BLOB, AFF_REAL, AFF_NUMERIC } affinity;

static bool has_ci(const char *s, const char *needle)
{
	size_t n = strlen(needle);
	for (; s && *s; s++)
		if (strncasecmp(s, needle, n) == 0)
			return true;
	return false;
}

/* SQLite's rules (datatype3.html, 3.1), in their order. */
static affinity type_affinity(const char *type)
{
	if (has_ci(type, "INT"))
		return AFF_INTEGER;
	if (has_ci(type, "CHAR") || has_ci(type, "CLOB") || has_ci(type, "TEXT"))
		return AFF_TEXT;
	if (!type || !*type || has_ci(type, "BLOB"))
		return AFF_BLOB;
	if (has_ci(type, "REAL") || has_ci(type, "FLOA") || has_ci(type, "DOUB"))
		return AFF_REAL;
	return AFF_NUMERIC;
}

static bool type_narrows(const plumb_column *f, const plumb_column *t, bool strict)
{
	const char *ft = f->type ? f->type : "", *tt = t->type ? t->type : "";
	affinity fa = type_affinity(ft), ta = type_affinity(tt);
	if (strict)
		return strcasecmp(ft, tt) != 0;
	return fa != ta && (ta == AFF_INTEGER || ta == AFF_REAL || ta == AFF_NUMERIC);
}

static const char *type_label_(plumb_arena *a, const char *type)
{
	return type && *type ? plumb_arena_printf(a, "\"%s\"", type) : "no type";
}

/* --- the rebuild ------------------------------------------------------ */

/* The column of the old table whose values go into tc, or NULL (a new one). */
static const plumb_column *source_column(planner *p, const plumb_change *c,
					 const plumb_column *tc)
{
	const plumb_table_delta *d = c->delta;
	if (plumb__sqlp_is_added(d, tc->name))
		return NULL;
	for (size_t i = 0; i < d->renamed_columns.n; i++) {
		const plumb_column_change *cc = d->renamed_columns.items[i];
		if (cc->to == tc)
			return cc->from;
	}
	return plumb_table_find_column(p->from, c->from, tc->name);
}

static const char *type_label(planner *p, const char *type)
{
	const char *s = type_label_(p->tmp, type);
	return s ? s : "?";
}

/* An INTEGER PRIMARY KEY: the rowid, which fills itself. */
static bool rowid_alias(const plumb_column *c)
{
	return c->pk_position > 0 && c->type && strcasecmp(c->type, "INTEGER") == 0;
}

/* needs-backfill on the rebuild's statement s: the copy into a NOT NULL
 * column without a default fails on the rows of table f (a new column:
 * from NULL) or on its NULLs (column from). The probe asks the live
 * database. */
static int hz_backfill(planner *p, plumb_stmt *s, const plumb_table *f, const char *from,
		       const char *col)
{
	const char *T = plumb_quote_ident(p->tmp, f->name);
	const char *sql;
	int rc;
	if (!from) {
		sql = plumb_arena_printf(p->tmp, "SELECT EXISTS (SELECT 1 FROM %s)", T);
		rc = plumb_stmt_add_hazard(p->ctx, p->plan, s, PLUMB_HAZARD_NEEDS_BACKFILL,
					   "adds column \"%s\".\"%s\" NOT NULL without a default: "
					   "fails if \"%s\" has rows; give it a DEFAULT, or add it "
					   "nullable and fill it first",
					   f->name, col, f->name);
	} else {
		const char *C = plumb_quote_ident(p->tmp, from);
		sql = C ? plumb_arena_printf(
				  p->tmp, "SELECT EXISTS (SELECT 1 FROM %s WHERE %s IS NULL)", T, C)
			: NULL;
		rc = plumb_stmt_add_hazard(
			p->ctx, p->plan, s, PLUMB_HAZARD_NEEDS_BACKFILL,
			"makes column \"%s\".\"%s\" NOT NULL without a default: "
			"fails if it holds NULLs; fill them first (UPDATE ... WHERE "
			"\"%s\" IS NULL), or give it a DEFAULT",
			f->name, col, from);
	}
	if (rc)
		return rc;
	if (!T || !sql)
		return plumb_error_nomem(p->ctx);
	return plumb_stmt_set_probe(p->ctx, p->plan, s, sql);
}

int plumb__sqlp_rebuild(planner *p, const plumb_change *c)
{
	const plumb_table *f = c->from, *t = c->to;
	const plumb_table_delta *d = c->delta;
	const char *tmpname = plumb_arena_printf(p->tmp, "_plumb_new_%s", t->name);
	bool strict = f->strict || t->strict;
	plumb_stmt *s;
	plumb_buf b, cols, vals;
	char *create;
	int rc = 0;

	create = tmpname ? plumb__sqlite_rename_create(p->tmp, t->sql, tmpname) : NULL;
	if (!create && plumb__sqlp_tmp_failed(p)) {
		rc = plumb_error_nomem(p->ctx);
		goto done;
	}
	if (!create) {
		rc = plumb_error_set(p->ctx, PLUMB_EPARSE,
				     "could not plan a rebuild of table \"%s\": cannot read its "
				     "CREATE TABLE statement",
				     t->name);
		goto done;
	}
	if ((rc = plumb_plan_add(p->ctx, p->plan, create, &s)))
		goto done;
	s->foreign_keys_off = true; /* the table is dropped while others may reference it */
	s->comment = plumb_arena_printf(p->plan->arena,
					"rebuild table \"%s\": SQLite cannot ALTER this change",
					t->name);
	if (!s->comment) {
		rc = plumb_error_nomem(p->ctx);
		goto done;
	}
	if ((rc = plumb_stmt_add_hazard(p->ctx, p->plan, s, PLUMB_HAZARD_REWRITES_TABLE,
					"copies every row of table \"%s\"", f->name)))
		goto done;
	for (size_t i = 0; i < d->dropped_columns.n; i++) {
		const plumb_column *col = d->dropped_columns.items[i];
		if ((rc = plumb_stmt_add_hazard(p->ctx, p->plan, s, PLUMB_HAZARD_DELETES_DATA,
						"drops column \"%s\".\"%s\" and its values",
						t->name, col->name)))
			goto done;
	}

	plumb_buf_init(&cols, p->tmp, 0);
	plumb_buf_init(&vals, p->tmp, 0);
	size_t n = 0;
	for (size_t i = 0; i < t->columns.n; i++) {
		const plumb_column *tc = t->columns.items[i];
		const plumb_column *fc;
		if (tc->generated_sql || tc->hidden)
			continue;
		fc = source_column(p, c, tc);
		if (!fc && tc->not_null && plumb__sqlp_default_is_null(tc->default_sql) &&
		    !rowid_alias(tc) && (rc = hz_backfill(p, s, f, NULL, tc->name)))
			goto done;
		if (!fc || fc->hidden)
			continue;
		if (tc->not_null && !fc->not_null && plumb__sqlp_default_is_null(tc->default_sql) &&
		    (rc = hz_backfill(p, s, f, fc->name, tc->name)))
			goto done;
		if (type_narrows(fc, tc, strict) &&
		    (rc = plumb_stmt_add_hazard(p->ctx, p->plan, s, PLUMB_HAZARD_NARROWS_TYPE,
						"changes the type of column \"%s\".\"%s\" from "
						"%s to %s: stored values may be converted",
						t->name, tc->name, type_label(p, fc->type),
						type_label(p, tc->type))))
			goto done;
		if (n++) {
			plumb_buf_puts(&cols, ", ");
			plumb_buf_puts(&vals, ", ");
		}
		plumb_buf_quote_ident(&cols, tc->name);
		if (tc->not_null && !fc->not_null &&
		    !plumb__sqlp_default_is_null(tc->default_sql)) {
			plumb_buf_puts(&vals, "coalesce(");
			plumb_buf_quote_ident(&vals, fc->name);
			plumb_buf_printf(&vals, ", %s)", tc->default_sql);
		} else {
			plumb_buf_quote_ident(&vals, fc->name);
		}
	}
	if (n) {
		if ((rc = plumb_buf_finish(&cols, p->ctx)) ||
		    (rc = plumb_buf_finish(&vals, p->ctx)))
			goto done;
		plumb__sqlp_buf_new(p, &b);
		plumb_buf_puts(&b, "INSERT INTO ");
		plumb_buf_quote_ident(&b, tmpname);
		plumb_buf_printf(&b, " (%s) SELECT %s FROM ", plumb_buf_str(&cols),
				 plumb_buf_str(&vals));
		plumb_buf_quote_ident(&b, f->name);
		if ((rc = plumb__sqlp_add(p, &b, NULL)))
			goto done;
	}
	/* AUTOINCREMENT: keep the high-water mark, not just the largest key. */
	if (plumb__sqlp_has_word(p->tmp, t->sql, "AUTOINCREMENT") &&
	    plumb__sqlp_has_word(p->tmp, f->sql, "AUTOINCREMENT")) {
		plumb__sqlp_buf_new(p, &b);
		plumb_buf_puts(&b, "DELETE FROM sqlite_sequence WHERE name = ");
		plumb_buf_quote_literal(&b, tmpname);
		if ((rc = plumb__sqlp_add(p, &b, NULL)))
			goto done;
		plumb__sqlp_buf_new(p, &b);
		plumb_buf_puts(&b, "INSERT INTO sqlite_sequence (name, seq) SELECT ");
		plumb_buf_quote_literal(&b, tmpname);
		plumb_buf_puts(&b, ", seq FROM sqlite_sequence WHERE name = ");
		plumb_buf_quote_literal(&b, f->name);
		if ((rc = plumb__sqlp_add(p, &b, NULL)))
			goto done;
	}
	if ((rc = plumb__sqlp_add_drop(p, "TABLE", f->name, NULL)))
		goto done;
	plumb__sqlp_buf_new(p, &b);
	plumb_buf_puts(&b, "ALTER TABLE ");
	plumb_buf_quote_ident(&b, tmpname);
	plumb_buf_puts(&b, " RENAME TO ");
	plumb_buf_quote_ident(&b, t->name);
	rc = plumb__sqlp_add(p, &b, NULL);
done:
	return rc;
}
