/*
 * The SQLite planner: turns a diff into statements. Changes that SQLite's
 * ALTER TABLE can express (ADD COLUMN within its rules, RENAME COLUMN, RENAME
 * TO) use it; every other table change uses the documented 12-step rebuild
 * (create new, copy, drop old, rename), with the views, triggers and indexes
 * it disturbs dropped before and recreated after; a statement that drops a
 * table others may reference is marked to run with foreign keys off. It
 * writes no BEGIN/COMMIT or pragmas (plan/render.c does, with script.c's
 * text) and executes nothing.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "dialect/sqlite/sqlite.h"
#include "plan/order.h"

/* --- reading stored DDL (tokens and definitions from ddl.c) ------------ */

/* The tokens of sql (plumb_sqlite_token *), or NULL when there is no sql, the
 * scanner refuses it or out of memory. */
static plumb_vec *tokens(plumb_arena *a, const char *sql)
{
	plumb_vec *v = sql ? plumb_arena_alloc(a, sizeof(*v)) : NULL;
	if (!v || plumb__sqlite_tokens(a, sql, v) != 0)
		return NULL;
	return v;
}

static bool tok_is(const plumb_sqlite_token *t, const char *word)
{
	return t->word && strcasecmp(t->ident, word) == 0;
}

/* Lower-cased identifiers named in sql (keywords included; harmless for
 * matching against table and view names). */
static int identifiers(plumb_arena *a, const char *sql, plumb_vec *out)
{
	plumb_vec toks = {0};
	int rc;
	if (!sql)
		return 0;
	if ((rc = plumb__sqlite_tokens(a, sql, &toks)) != 0)
		return rc < 0 ? -1 : 0;
	for (size_t i = 0; i < toks.n; i++) {
		const plumb_sqlite_token *t = toks.items[i];
		if (!t->ident)
			continue;
		char *s = plumb_str_lower(a, t->ident);
		if (!s || plumb_vec_push(a, out, s))
			return -1;
	}
	return 0;
}

/* The text of column col's definition inside CREATE TABLE sql, or NULL. */
static const char *column_text(plumb_arena *a, const char *sql, const char *col)
{
	const plumb_sqlite_coldef *def = plumb__sqlite_find_column(a, sql, col);
	return def ? def->text : NULL;
}

static bool text_has_word(plumb_arena *a, const char *sql, const char *word)
{
	plumb_vec *toks = tokens(a, sql);
	for (size_t i = 0; toks && i < toks->n; i++)
		if (tok_is(toks->items[i], word))
			return true;
	return false;
}

static bool is_virtual(plumb_arena *a, const char *sql)
{
	plumb_vec *toks = tokens(a, sql);
	return toks && toks->n > 2 && tok_is(toks->items[0], "CREATE") &&
	       tok_is(toks->items[1], "VIRTUAL");
}

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

/* --- the planner -------------------------------------------------------- */

typedef enum table_mode { MODE_NONE, MODE_ALTER, MODE_REBUILD, MODE_RECREATE } table_mode;

typedef struct planner {
	plumb_ctx *ctx;
	plumb_arena *tmp;            /* scratch, freed at the end */
	const plumb_diff *diff;
	const plumb_catalog *from, *to;
	plumb_plan *plan;
	table_mode *modes;           /* per diff change (tables only) */
	plumb_vec touched;           /* char *: lower-cased names whose dependants must go */
	bool *drop_view;             /* per from->views */
	bool *drop_trigger;          /* per from->triggers */
	plumb_vec *view_ids;         /* per from->views: identifiers */
	plumb_vec *trigger_ids;      /* per from->triggers */
} planner;

/* Out of memory in the scratch arena: the helpers that read stored DDL
 * answer NULL or false then, and the plan is not to be trusted. Every
 * decision that rests on them is followed by this check. */
static bool tmp_failed(const planner *p)
{
	return plumb_arena_failed(p->tmp);
}

static bool str_eq_ci(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcasecmp(a, b) == 0;
}

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

static bool vec_has_ci(const plumb_vec *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (str_eq_ci(v->items[i], s))
			return true;
	return false;
}

static int touch(planner *p, const char *name)
{
	if (vec_has_ci(&p->touched, name))
		return 0;
	return plumb_vec_push(p->tmp, &p->touched, (void *)name) ? plumb_error_nomem(p->ctx) : 0;
}

static int add(planner *p, plumb_buf *b, plumb_stmt **out)
{
	int rc = plumb_buf_finish(b, p->ctx);
	if (rc)
		return rc;
	return plumb_plan_add(p->ctx, p->plan, plumb_buf_str(b), out);
}

static void buf_new(planner *p, plumb_buf *b)
{
	plumb_buf_init(b, p->tmp, 0);
}

/* Statement "VERB KIND name". */
static int add_drop(planner *p, const char *what, const char *name, plumb_stmt **out)
{
	plumb_buf b;
	buf_new(p, &b);
	plumb_buf_printf(&b, "DROP %s ", what);
	plumb_buf_quote_ident(&b, name);
	return add(p, &b, out);
}

static bool same_but_name(const plumb_column *f, const plumb_column *t)
{
	return str_eq_ci(f->type ? f->type : "", t->type ? t->type : "") &&
	       f->not_null == t->not_null && str_eq(f->default_sql, t->default_sql) &&
	       str_eq_ci(f->collation, t->collation) && str_eq(f->generated_sql, t->generated_sql) &&
	       f->generated_stored == t->generated_stored && f->pk_position == t->pk_position &&
	       f->hidden == t->hidden;
}

/* Old name of a name after renames: columns of this table and every table. */
static const char *map_old(const planner *p, const plumb_table_delta *d, const char *old)
{
	for (size_t i = 0; d && i < d->renamed_columns.n; i++) {
		const plumb_column_change *cc = d->renamed_columns.items[i];
		if (str_eq_ci(cc->from->name, old))
			return cc->to->name;
	}
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind == PLUMB_OBJ_TABLE && c->renamed &&
		    str_eq_ci(plumb_object_name(c->from), old))
			return plumb_object_name(c->to);
	}
	return old;
}

/* True when constraint definitions f and t are equal once the renames SQLite's
 * RENAME COLUMN / RENAME TO apply by themselves are taken into account. */
static bool same_after_renames(planner *p, const plumb_table_delta *d, const char *f,
			       const char *t)
{
	plumb_vec *ft = tokens(p->tmp, f), *tt = tokens(p->tmp, t);
	if (!ft || !tt || ft->n != tt->n)
		return false;
	for (size_t i = 0; i < ft->n; i++) {
		const plumb_sqlite_token *a = ft->items[i], *b = tt->items[i];
		if (a->ident && b->ident) {
			if (!str_eq_ci(a->ident, b->ident) &&
			    !str_eq_ci(map_old(p, d, a->ident), b->ident))
				return false;
			continue;
		}
		if (!a->ident != !b->ident || strcmp(a->text, b->text) != 0)
			return false;
	}
	return true;
}

static bool default_is_null(const char *def)
{
	return !def || strcasecmp(def, "NULL") == 0;
}

/* Whether ALTER TABLE ADD COLUMN accepts column c (lang_altertable.html). */
static bool can_add_column(planner *p, const plumb_table *t, const plumb_column *c)
{
	const char *def = c->default_sql;
	const char *text;

	if (c->pk_position > 0 || (c->generated_sql && c->generated_stored) || c->hidden)
		return false;
	if (def) {
		while (isspace((unsigned char)*def))
			def++;
		if (*def == '(' || strcasecmp(def, "CURRENT_TIME") == 0 ||
		    strcasecmp(def, "CURRENT_DATE") == 0 || strcasecmp(def, "CURRENT_TIMESTAMP") == 0)
			return false;
	}
	if (c->not_null && !c->generated_sql && default_is_null(c->default_sql))
		return false;
	text = column_text(p->tmp, t->sql, c->name);
	if (!text || text_has_word(p->tmp, text, "PRIMARY") || text_has_word(p->tmp, text, "UNIQUE"))
		return false;
	if (text_has_word(p->tmp, text, "REFERENCES") && !default_is_null(c->default_sql))
		return false;
	return true;
}

static bool is_added(const plumb_table_delta *d, const char *name)
{
	for (size_t i = 0; i < d->added_columns.n; i++)
		if (str_eq_ci(((const plumb_column *)d->added_columns.items[i])->name, name))
			return true;
	return false;
}

/* An added constraint that comes with an added column's own definition. */
static bool constraint_rides_column(planner *p, const plumb_table *t, const plumb_table_delta *d,
				    const plumb_constraint *con)
{
	if (!con->column_level)
		return false;
	if (con->kind == PLUMB_CON_FOREIGN_KEY)
		return con->n_columns == 1 && is_added(d, con->columns[0]);
	if (con->kind != PLUMB_CON_CHECK)
		return false;
	/* Every column the check names must be a new one. */
	plumb_vec ids = {0};
	bool any = false;
	if (identifiers(p->tmp, con->check_sql ? con->check_sql : con->definition, &ids))
		return false;
	for (size_t i = 0; i < ids.n; i++) {
		if (!plumb_table_find_column(p->to, t, ids.items[i]))
			continue;
		if (!is_added(d, ids.items[i]))
			return false;
		any = true;
	}
	return any;
}

/* Chooses between ALTER and a rebuild for a changed table. */
static table_mode choose_mode(planner *p, const plumb_change *c)
{
	const plumb_table *f = c->from, *t = c->to;
	const plumb_table_delta *d = c->delta;

	if (is_virtual(p->tmp, f->sql) || is_virtual(p->tmp, t->sql))
		return MODE_RECREATE;
	if (d->dropped_columns.n || d->options_changed)
		return MODE_REBUILD;
	/* A column whose definition names a renamed table or column (REFERENCES
	 * old(...)) changed only by a rename SQLite applies itself. */
	for (size_t i = 0; i < d->changed_columns.n; i++) {
		const plumb_column_change *cc = d->changed_columns.items[i];
		if (!same_after_renames(p, d, cc->from->definition, cc->to->definition))
			return MODE_REBUILD;
	}
	for (size_t i = 0; i < d->renamed_columns.n; i++) {
		const plumb_column_change *cc = d->renamed_columns.items[i];
		if (!same_but_name(cc->from, cc->to))
			return MODE_REBUILD;
	}
	for (size_t i = 0; i < d->added_columns.n; i++)
		if (!can_add_column(p, t, d->added_columns.items[i]))
			return MODE_REBUILD;
	/* Constraint changes: each dropped one must reappear renamed, each added
	 * one must be a renamed old one or come with an added column. */
	bool *paired = plumb_arena_alloc(p->tmp, (d->added_constraints.n + 1) * sizeof(bool));
	if (!paired)
		return MODE_REBUILD;
	for (size_t i = 0; i < d->dropped_constraints.n; i++) {
		const plumb_constraint *dc = d->dropped_constraints.items[i];
		bool found = false;
		for (size_t j = 0; j < d->added_constraints.n && !found; j++) {
			const plumb_constraint *ac = d->added_constraints.items[j];
			if (!paired[j] && ac->kind == dc->kind &&
			    same_after_renames(p, d, dc->definition, ac->definition))
				paired[j] = found = true;
		}
		if (!found)
			return MODE_REBUILD;
	}
	for (size_t j = 0; j < d->added_constraints.n; j++)
		if (!paired[j] && !constraint_rides_column(p, t, d, d->added_constraints.items[j]))
			return MODE_REBUILD;
	return MODE_ALTER;
}

static int plan_alter(planner *p, const plumb_change *c)
{
	const plumb_table *f = c->from, *t = c->to;
	const plumb_table_delta *d = c->delta;
	plumb_buf b;
	int rc = 0;

	if (c->renamed) {
		buf_new(p, &b);
		plumb_buf_puts(&b, "ALTER TABLE ");
		plumb_buf_quote_ident(&b, f->name);
		plumb_buf_puts(&b, " RENAME TO ");
		plumb_buf_quote_ident(&b, t->name);
		if ((rc = add(p, &b, NULL)))
			goto done;
	}
	for (size_t i = 0; i < d->renamed_columns.n; i++) {
		const plumb_column_change *cc = d->renamed_columns.items[i];
		buf_new(p, &b);
		plumb_buf_puts(&b, "ALTER TABLE ");
		plumb_buf_quote_ident(&b, t->name);
		plumb_buf_puts(&b, " RENAME COLUMN ");
		plumb_buf_quote_ident(&b, cc->from->name);
		plumb_buf_puts(&b, " TO ");
		plumb_buf_quote_ident(&b, cc->to->name);
		if ((rc = add(p, &b, NULL)))
			goto done;
	}
	/* Added columns in the desired table's order. */
	for (size_t i = 0; i < t->columns.n; i++) {
		const plumb_column *col = t->columns.items[i];
		if (!is_added(d, col->name))
			continue;
		const char *text = column_text(p->tmp, t->sql, col->name);
		buf_new(p, &b);
		plumb_buf_puts(&b, "ALTER TABLE ");
		plumb_buf_quote_ident(&b, t->name);
		plumb_buf_puts(&b, " ADD COLUMN ");
		plumb_buf_puts(&b, text ? text : col->definition);
		if ((rc = add(p, &b, NULL)))
			goto done;
	}
done:
	return rc;
}

static const plumb_column *source_column(planner *p, const plumb_change *c,
					 const plumb_column *tc)
{
	const plumb_table_delta *d = c->delta;
	if (is_added(d, tc->name))
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
		sql = C ? plumb_arena_printf(p->tmp, "SELECT EXISTS (SELECT 1 FROM %s WHERE %s IS NULL)",
					     T, C)
			: NULL;
		rc = plumb_stmt_add_hazard(p->ctx, p->plan, s, PLUMB_HAZARD_NEEDS_BACKFILL,
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

static int plan_rebuild(planner *p, const plumb_change *c)
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
	if (!create && tmp_failed(p)) {
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
		if (!fc && tc->not_null && default_is_null(tc->default_sql) && !rowid_alias(tc) &&
		    (rc = hz_backfill(p, s, f, NULL, tc->name)))
			goto done;
		if (!fc || fc->hidden)
			continue;
		if (tc->not_null && !fc->not_null && default_is_null(tc->default_sql) &&
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
		if (tc->not_null && !fc->not_null && !default_is_null(tc->default_sql)) {
			plumb_buf_puts(&vals, "coalesce(");
			plumb_buf_quote_ident(&vals, fc->name);
			plumb_buf_printf(&vals, ", %s)", tc->default_sql);
		} else {
			plumb_buf_quote_ident(&vals, fc->name);
		}
	}
	if (n) {
		if ((rc = plumb_buf_finish(&cols, p->ctx)) || (rc = plumb_buf_finish(&vals, p->ctx)))
			goto done;
		buf_new(p, &b);
		plumb_buf_puts(&b, "INSERT INTO ");
		plumb_buf_quote_ident(&b, tmpname);
		plumb_buf_printf(&b, " (%s) SELECT %s FROM ", plumb_buf_str(&cols),
				 plumb_buf_str(&vals));
		plumb_buf_quote_ident(&b, f->name);
		if ((rc = add(p, &b, NULL)))
			goto done;
	}
	/* AUTOINCREMENT: keep the high-water mark, not just the largest key. */
	if (text_has_word(p->tmp, t->sql, "AUTOINCREMENT") &&
	    text_has_word(p->tmp, f->sql, "AUTOINCREMENT")) {
		buf_new(p, &b);
		plumb_buf_puts(&b, "DELETE FROM sqlite_sequence WHERE name = ");
		plumb_buf_quote_literal(&b, tmpname);
		if ((rc = add(p, &b, NULL)))
			goto done;
		buf_new(p, &b);
		plumb_buf_puts(&b, "INSERT INTO sqlite_sequence (name, seq) SELECT ");
		plumb_buf_quote_literal(&b, tmpname);
		plumb_buf_puts(&b, ", seq FROM sqlite_sequence WHERE name = ");
		plumb_buf_quote_literal(&b, f->name);
		if ((rc = add(p, &b, NULL)))
			goto done;
	}
	if ((rc = add_drop(p, "TABLE", f->name, NULL)))
		goto done;
	buf_new(p, &b);
	plumb_buf_puts(&b, "ALTER TABLE ");
	plumb_buf_quote_ident(&b, tmpname);
	plumb_buf_puts(&b, " RENAME TO ");
	plumb_buf_quote_ident(&b, t->name);
	rc = add(p, &b, NULL);
done:
	return rc;
}

static int plan_drop_table(planner *p, const plumb_table *f, bool recreate)
{
	plumb_stmt *s;
	int rc;

	if ((rc = add_drop(p, "TABLE", f->name, &s)))
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

/* Does a change of this kind and name appear in the diff? */
static const plumb_change *find_change(const planner *p, plumb_obj_kind kind, const char *name,
				       bool by_from)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		const void *o = by_from ? c->from : c->to;
		if (c->kind == kind && o && str_eq_ci(plumb_object_name(o), name))
			return c;
	}
	return NULL;
}

static bool mentions_touched(const planner *p, const plumb_vec *ids)
{
	for (size_t i = 0; i < ids->n; i++)
		if (vec_has_ci(&p->touched, ids->items[i]))
			return true;
	return false;
}

static int collect_ids(planner *p, const char *sql, const plumb_vec *depends, const char *table,
		       plumb_vec *out)
{
	if (identifiers(p->tmp, sql, out))
		return plumb_error_nomem(p->ctx);
	for (size_t i = 0; depends && i < depends->n; i++)
		if (plumb_vec_push(p->tmp, out, depends->items[i]))
			return plumb_error_nomem(p->ctx);
	if (table && plumb_vec_push(p->tmp, out, (void *)table))
		return plumb_error_nomem(p->ctx);
	return 0;
}

/* Marks views and triggers of `from` to drop: changed ones, and those that
 * mention a touched table or a dropped view, to a fixed point. */
static int mark_dependants(planner *p)
{
	const plumb_catalog *from = p->from;
	bool again = true;
	int rc = 0;

	for (size_t i = 0; i < from->views.n; i++) {
		const plumb_view *v = from->views.items[i];
		if ((rc = collect_ids(p, v->sql, &v->depends, NULL, &p->view_ids[i])))
			goto done;
		if (find_change(p, PLUMB_OBJ_VIEW, v->name, true))
			p->drop_view[i] = true;
	}
	for (size_t i = 0; i < from->triggers.n; i++) {
		const plumb_trigger *t = from->triggers.items[i];
		if ((rc = collect_ids(p, t->sql, &t->depends, t->table, &p->trigger_ids[i])))
			goto done;
		if (find_change(p, PLUMB_OBJ_TRIGGER, t->name, true))
			p->drop_trigger[i] = true;
	}
	for (size_t i = 0; i < from->views.n; i++)
		if (p->drop_view[i] && (rc = touch(p, ((plumb_view *)from->views.items[i])->name)))
			goto done;
	while (again) {
		again = false;
		for (size_t i = 0; i < from->views.n; i++) {
			if (p->drop_view[i] || !mentions_touched(p, &p->view_ids[i]))
				continue;
			p->drop_view[i] = again = true;
			if ((rc = touch(p, ((plumb_view *)from->views.items[i])->name)))
				goto done;
		}
	}
	for (size_t i = 0; i < from->triggers.n; i++)
		if (!p->drop_trigger[i] && mentions_touched(p, &p->trigger_ids[i]))
			p->drop_trigger[i] = true;
done:
	return rc;
}

static bool view_dropped(const planner *p, const char *name)
{
	for (size_t i = 0; i < p->from->views.n; i++)
		if (p->drop_view[i] &&
		    str_eq_ci(((const plumb_view *)p->from->views.items[i])->name, name))
			return true;
	return false;
}

static bool trigger_dropped(const planner *p, const char *name)
{
	for (size_t i = 0; i < p->from->triggers.n; i++)
		if (p->drop_trigger[i] &&
		    str_eq_ci(((const plumb_trigger *)p->from->triggers.items[i])->name, name))
			return true;
	return false;
}

static bool table_rebuilt(const planner *p, const char *to_name)
{
	for (size_t i = 0; i < p->diff->changes.n; i++) {
		const plumb_change *c = p->diff->changes.items[i];
		if (c->kind == PLUMB_OBJ_TABLE && c->to &&
		    (p->modes[i] == MODE_REBUILD || p->modes[i] == MODE_RECREATE) &&
		    str_eq_ci(plumb_object_name(c->to), to_name))
			return true;
	}
	return false;
}

/* A name as the ordering engine keys it: SQLite compares names without
 * regard to ASCII case. */
static const char *name_key(planner *p, const char *name)
{
	char *k = plumb_arena_strdup(p->tmp, name);
	for (char *c = k; c && *c; c++)
		*c = (char)tolower((unsigned char)*c);
	return k;
}

/* Creates the desired views to create, each after the views it reads. The
 * names a view's SQL mentions are all the engine sees, a superset of what
 * it reads, so they are soft needs: in a cycle (which SQLite could not have
 * built) creation order stands. */
static int create_views(planner *p)
{
	const plumb_vec *views = &p->to->views;
	plumb_order *o = plumb_order_new(p->tmp);
	plumb_vec ids = {0}, sorted = {0};
	int rc = 0;

	if (!o)
		goto nomem;
	for (size_t i = 0; i < views->n; i++) {
		const plumb_view *v = views->items[i];
		if (plumb_catalog_find_view(p->from, v->name) && !view_dropped(p, v->name))
			continue;
		ids.n = 0;
		if ((rc = collect_ids(p, v->sql, &v->depends, NULL, &ids)))
			goto done;
		long step = plumb_order_add(o, v->name, (void *)v);
		const char *k = name_key(p, v->name);
		if (step < 0 || !k || plumb_order_provides(o, step, k))
			goto nomem;
		for (size_t j = 0; j < ids.n; j++)
			if (!(k = name_key(p, ids.items[j])) || plumb_order_needs(o, step, k, true))
				goto nomem;
	}
	if ((rc = plumb_order_sort(p->ctx, o, PLUMB_ORDER_FORWARD, &sorted)))
		goto done;
	for (size_t i = 0; i < sorted.n; i++)
		if ((rc = plumb_plan_add(p->ctx, p->plan, ((const plumb_view *)sorted.items[i])->sql,
					 NULL)))
			goto done;
	goto done;
nomem:
	rc = plumb_error_nomem(p->ctx);
done:
	return rc;
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
			rc = touch(p, plumb_object_name(c->from));
		else if (c->op == PLUMB_CHANGE_ALTER) {
			p->modes[i] = choose_mode(p, c);
			rc = touch(p, plumb_object_name(c->from));
		}
		if (rc)
			goto done;
	}
	if (tmp_failed(p)) { /* a mode chosen without reading all the DDL */
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = mark_dependants(p)))
		goto done;

	/* 2. Drops: triggers, views (dependants first), indexes. */
	for (size_t i = 0; i < p->from->triggers.n; i++)
		if (p->drop_trigger[i] &&
		    (rc = add_drop(p, "TRIGGER", plumb_object_name(p->from->triggers.items[i]),
				   NULL)))
			goto done;
	for (size_t i = p->from->views.n; i-- > 0;)
		if (p->drop_view[i] &&
		    (rc = add_drop(p, "VIEW", plumb_object_name(p->from->views.items[i]), NULL)))
			goto done;
	for (size_t i = 0; i < nc; i++) {
		const plumb_change *c = diff->changes.items[i];
		if (c->kind == PLUMB_OBJ_INDEX && c->op != PLUMB_CHANGE_CREATE &&
		    (rc = add_drop(p, "INDEX", plumb_object_name(c->from), NULL)))
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
			rc = plan_alter(p, c);
			break;
		case MODE_REBUILD:
			rc = plan_rebuild(p, c);
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
		const plumb_change *c = find_change(p, PLUMB_OBJ_INDEX, ix->name, false);
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
	if ((rc = create_views(p)))
		goto done;
	for (size_t i = 0; i < p->to->triggers.n; i++) {
		const plumb_trigger *t = p->to->triggers.items[i];
		if (plumb_catalog_find_trigger(p->from, t->name) && !trigger_dropped(p, t->name))
			continue;
		if ((rc = plumb_plan_add(ctx, p->plan, t->sql, NULL)))
			goto done;
	}
	if (tmp_failed(p)) { /* e.g. a column's text or a type label that was not copied */
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	*out = p->plan;
done:
	plumb_arena_free(p->tmp);
	return rc;
}
