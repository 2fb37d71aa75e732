/*
 * Reads a SQLite database's schema into a catalog: sqlite_schema once, the
 * table list once, then the per-table pragmas (table_xinfo, index_list,
 * foreign_key_list) as table-valued functions, and the DDL text for what the
 * pragmas do not say (constraint names, CHECK, DEFERRABLE, collations,
 * generated expressions, rename annotations). Also writes a catalog back as
 * SQL (dump). It does not compare catalogs (diff/) or change the database.
 */
#include <string.h>
#include <strings.h>

#include "dialect/sqlite/sqlite.h"

typedef struct obj {
	const char *type, *name, *tbl, *sql;
} obj;

typedef struct tinfo {
	const char *name, *type; /* pragma_table_list type: table, view, shadow, virtual */
	bool wr, strict;
} tinfo;

enum { Q_SCHEMA, Q_TLIST, Q_XINFO, Q_FKLIST, Q_ILIST, N_Q };

static const char *const queries[N_Q] = {
	"SELECT type, name, tbl_name, sql FROM main.sqlite_schema ORDER BY rowid",
	"SELECT name, type, wr, strict FROM pragma_table_list WHERE schema = 'main'",
	"SELECT cid, name, type, \"notnull\", dflt_value, pk, hidden "
	"FROM pragma_table_xinfo(?1, 'main') ORDER BY cid",
	"SELECT id, seq, \"table\", \"from\", \"to\", on_update, on_delete, match "
	"FROM pragma_foreign_key_list(?1, 'main') ORDER BY id, seq",
	"SELECT name, \"unique\", origin FROM pragma_index_list(?1, 'main')",
};

/* Column i as a string in arena memory; NULL for SQL NULL, or when out of
 * memory (col_missing tells them apart). */
static char *col_text(plumb_arena *a, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	return t ? plumb_arena_strdup(a, (const char *)t) : NULL;
}

/* True when col_text(a, st, i) returned NULL for want of memory. */
static bool col_missing(const char *s, sqlite3_stmt *st, int i)
{
	return !s && sqlite3_column_type(st, i) != SQLITE_NULL;
}

/* SQLite's own tables and those plumb_catalog_excluded names (other tools'
 * tracking tables, plumb's own, the config's "exclude"). */
static bool skipped_table(const plumb_ctx *ctx, const char *name)
{
	return strncasecmp(name, "sqlite_", 7) == 0 ||
	       plumb_catalog_excluded(ctx, NULL, name, true);
}

static const char *action(const char *s)
{
	if (!s || !*s || strcasecmp(s, "NONE") == 0)
		return "NO ACTION";
	return s;
}

typedef struct ictx {
	plumb_ctx *ctx;
	plumb_arena *a;
	plumb_sqlite_conn *c;
	sqlite3_stmt *q[N_Q];
	plumb_catalog *cat;
	plumb_vec objs;   /* obj * */
	plumb_vec tinfos; /* tinfo * */
} ictx;

/* Notes a table left out as another tool's or the config's (cat->excluded). */
static int note(ictx *x, const char *name)
{
	return plumb_catalog_note_excluded(x->ctx, x->cat, NULL, name);
}

static int push(ictx *x, plumb_vec *v, void *p)
{
	if (!p || plumb_vec_push(x->a, v, p) < 0)
		return plumb_error_nomem(x->ctx);
	return 0;
}

static int step_error(ictx *x, const char *what)
{
	return plumb__sqlite_error(x->ctx, x->c->db, NULL, NULL, -1, what);
}

static const tinfo *find_tinfo(ictx *x, const char *name)
{
	for (size_t i = 0; i < x->tinfos.n; i++) {
		const tinfo *t = x->tinfos.items[i];
		if (strcasecmp(t->name, name) == 0)
			return t;
	}
	return NULL;
}

static const char **one_name(ictx *x, const char *name)
{
	const char **v = plumb_arena_alloc(x->a, sizeof(*v));
	if (v)
		v[0] = name;
	return v;
}

/* A column clause in table-constraint form; NULL when out of memory. */
static plumb_constraint *column_constraint(ictx *x, const plumb_sqlite_coldef *cd,
					   const plumb_sqlite_clause *cl)
{
	plumb_constraint *k = plumb_arena_alloc(x->a, sizeof(*k));
	plumb_buf b;
	if (!k)
		return NULL;
	k->name = cl->name;
	k->column_level = true;
	plumb_buf_init(&b, x->a, 0);
	if (cl->name) {
		plumb_buf_puts(&b, "constraint ");
		plumb_buf_puts(&b, plumb__sqlite_canonical_ident(x->a, cl->name));
		plumb_buf_putc(&b, ' ');
	}
	char *col = plumb__sqlite_canonical_ident(x->a, cd->name);
	if (!col)
		return NULL;
	switch (cl->kind) {
	case PLUMB_SQLITE_CL_PRIMARY_KEY:
		k->kind = PLUMB_CON_PRIMARY_KEY;
		k->columns = one_name(x, cd->name);
		k->n_columns = 1;
		k->autoincrement = cl->autoincrement;
		plumb_buf_printf(&b, "primary key(%s%s%s)", col, cl->desc ? " desc" : "",
				 cl->autoincrement ? " autoincrement" : "");
		break;
	case PLUMB_SQLITE_CL_UNIQUE:
		k->kind = PLUMB_CON_UNIQUE;
		k->columns = one_name(x, cd->name);
		k->n_columns = 1;
		plumb_buf_printf(&b, "unique(%s)", col);
		break;
	case PLUMB_SQLITE_CL_CHECK:
		k->kind = PLUMB_CON_CHECK;
		k->check_sql = cl->expr;
		plumb_buf_puts(&b, cl->text);
		break;
	case PLUMB_SQLITE_CL_REFERENCES:
		k->kind = PLUMB_CON_FOREIGN_KEY;
		k->columns = one_name(x, cd->name);
		k->n_columns = 1;
		k->ref_table = cl->fk->table;
		k->ref_columns = cl->fk->columns;
		k->n_ref_columns = cl->fk->n_columns;
		k->on_delete = cl->fk->on_delete;
		k->on_update = cl->fk->on_update;
		k->match = cl->fk->match;
		k->deferrable = cl->fk->deferrable;
		k->initially_deferred = cl->fk->initially_deferred;
		plumb_buf_printf(&b, "foreign key(%s) %s", col, cl->fk->text);
		break;
	default:
		return NULL;
	}
	if (cl->conflict) {
		plumb_buf_puts(&b, " on conflict ");
		plumb_buf_puts(&b, plumb_str_lower(x->a, cl->conflict));
	}
	plumb_buf_putc(&b, 0);
	if (b.failed || (k->n_columns && !k->columns))
		return NULL;
	k->definition = b.data;
	return k;
}

/* NULL when out of memory. */
static plumb_constraint *table_constraint(ictx *x, const plumb_sqlite_tabcon *tc)
{
	plumb_constraint *k = plumb_arena_alloc(x->a, sizeof(*k));
	if (!k)
		return NULL;
	k->kind = tc->kind;
	k->name = tc->name;
	k->columns = tc->columns;
	k->n_columns = tc->n_columns;
	k->check_sql = tc->check_sql;
	k->autoincrement = tc->autoincrement;
	k->definition = tc->definition;
	if (tc->fk) {
		k->ref_table = tc->fk->table;
		k->ref_columns = tc->fk->columns;
		k->n_ref_columns = tc->fk->n_columns;
		k->on_delete = tc->fk->on_delete;
		k->on_update = tc->fk->on_update;
		k->match = tc->fk->match;
		k->deferrable = tc->fk->deferrable;
		k->initially_deferred = tc->fk->initially_deferred;
	}
	return k;
}

/* Constraints from the pragmas alone, when the DDL could not be read. */
static int fallback_constraints(ictx *x, plumb_table *t)
{
	int rc = 0, step;
	plumb_constraint *pk = NULL, *fk = NULL;
	plumb_vec pkcols = {0}, fkfrom = {0}, fkto = {0};
	long fk_id = -1;
	sqlite3_stmt *st = x->q[Q_FKLIST];
	for (int pos = 1;; pos++) {
		bool found = false;
		for (size_t i = 0; i < t->columns.n; i++) {
			plumb_column *col = t->columns.items[i];
			if (col->pk_position == pos) {
				found = true;
				if ((rc = push(x, &pkcols, (void *)col->name)) < 0)
					goto done;
			}
		}
		if (!found)
			break;
	}
	if (pkcols.n) {
		pk = plumb_arena_alloc(x->a, sizeof(*pk));
		if (!pk) {
			rc = plumb_error_nomem(x->ctx);
			goto done;
		}
		pk->kind = PLUMB_CON_PRIMARY_KEY;
		pk->columns = (const char **)pkcols.items;
		pk->n_columns = pkcols.n;
		plumb_buf b;
		plumb_buf_init(&b, x->a, 0);
		plumb_buf_puts(&b, "primary key(");
		for (size_t i = 0; i < pkcols.n; i++) {
			plumb_buf_puts(&b, i ? ", " : "");
			plumb_buf_puts(&b, plumb__sqlite_canonical_ident(x->a, pkcols.items[i]));
		}
		plumb_buf_putc(&b, ')');
		if ((rc = plumb_buf_finish(&b, x->ctx)) < 0)
			goto done;
		pk->definition = b.data;
		if ((rc = push(x, &t->constraints, pk)) < 0)
			goto done;
	}
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, t->name, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		long id = sqlite3_column_int(st, 0);
		if (id != fk_id) {
			fk_id = id;
			fk = plumb_arena_alloc(x->a, sizeof(*fk));
			if (!fk || (rc = push(x, &t->constraints, fk)) < 0) {
				rc = plumb_error_nomem(x->ctx);
				goto done;
			}
			memset(&fkfrom, 0, sizeof(fkfrom));
			memset(&fkto, 0, sizeof(fkto));
			fk->kind = PLUMB_CON_FOREIGN_KEY;
			fk->ref_table = col_text(x->a, st, 2);
			fk->on_update = plumb_arena_strdup(x->a, action((const char *)sqlite3_column_text(st, 5)));
			fk->on_delete = plumb_arena_strdup(x->a, action((const char *)sqlite3_column_text(st, 6)));
			const char *m = (const char *)sqlite3_column_text(st, 7);
			fk->match = (!m || strcasecmp(m, "NONE") == 0) ? "SIMPLE" : plumb_arena_strdup(x->a, m);
			if (!fk->ref_table || !fk->on_update || !fk->on_delete || !fk->match) {
				rc = plumb_error_nomem(x->ctx);
				goto done;
			}
		}
		if ((rc = push(x, &fkfrom, col_text(x->a, st, 3))) < 0)
			goto done;
		if (sqlite3_column_type(st, 4) != SQLITE_NULL &&
		    (rc = push(x, &fkto, col_text(x->a, st, 4))) < 0)
			goto done;
		fk->columns = (const char **)fkfrom.items;
		fk->n_columns = fkfrom.n;
		fk->ref_columns = (const char **)fkto.items;
		fk->n_ref_columns = fkto.n;
	}
	if (step != SQLITE_DONE) {
		rc = step_error(x, "could not read foreign keys");
		goto done;
	}
	for (size_t i = 0; i < t->constraints.n; i++) {
		plumb_constraint *k = t->constraints.items[i];
		if (k->kind != PLUMB_CON_FOREIGN_KEY)
			continue;
		plumb_buf b;
		plumb_buf_init(&b, x->a, 0);
		plumb_buf_puts(&b, "foreign key(");
		for (size_t j = 0; j < k->n_columns; j++) {
			plumb_buf_puts(&b, j ? ", " : "");
			plumb_buf_puts(&b, plumb__sqlite_canonical_ident(x->a, k->columns[j]));
		}
		plumb_buf_puts(&b, ") references ");
		plumb_buf_puts(&b, plumb__sqlite_canonical_ident(x->a, k->ref_table));
		if (k->n_ref_columns) {
			plumb_buf_putc(&b, '(');
			for (size_t j = 0; j < k->n_ref_columns; j++) {
				plumb_buf_puts(&b, j ? ", " : "");
				plumb_buf_puts(&b,
					       plumb__sqlite_canonical_ident(x->a, k->ref_columns[j]));
			}
			plumb_buf_putc(&b, ')');
		}
		if (strcmp(k->on_delete, "NO ACTION")) {
			plumb_buf_puts(&b, " on delete ");
			plumb_buf_puts(&b, plumb_str_lower(x->a, k->on_delete));
		}
		if (strcmp(k->on_update, "NO ACTION")) {
			plumb_buf_puts(&b, " on update ");
			plumb_buf_puts(&b, plumb_str_lower(x->a, k->on_update));
		}
		if ((rc = plumb_buf_finish(&b, x->ctx)) < 0)
			goto done;
		k->definition = b.data;
	}
done:
	sqlite3_reset(st);
	return rc;
}

static int read_table(ictx *x, const obj *o, const tinfo *ti)
{
	int rc = 0, step;
	plumb_sqlite_table_ddl *ddl = NULL;
	plumb_table *t = plumb_arena_alloc(x->a, sizeof(*t));
	sqlite3_stmt *st = x->q[Q_XINFO];
	bool virtual = ti && strcmp(ti->type, "virtual") == 0;
	if (!t)
		return plumb_error_nomem(x->ctx);
	t->name = o->name;
	t->sql = o->sql;
	t->strict = ti && ti->strict;
	t->without_rowid = ti && ti->wr;
	if (!virtual && o->sql) {
		/* when the DDL cannot be read, the pragmas alone will do */
		plumb_ctx quiet = {.root = x->a};
		if (plumb__sqlite_parse_create_table(&quiet, x->a, o->sql, &ddl) < 0) {
			if (quiet.err.code == PLUMB_ENOMEM)
				return plumb_error_nomem(x->ctx);
			ddl = NULL;
		}
		if (ddl && ddl->as_select)
			ddl = NULL;
	}
	if (ddl) {
		t->renamed_from = ddl->renamed_from;
		t->strict = t->strict || ddl->strict;
		t->without_rowid = t->without_rowid || ddl->without_rowid;
	}
	if (!t->renamed_from)
		t->renamed_from = plumb__sqlite_rename_lookup(&x->c->base, PLUMB_OBJ_TABLE, t->name);

	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, o->name, -1, SQLITE_STATIC);
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		plumb_column *col = plumb_arena_alloc(x->a, sizeof(*col));
		if (!col)
			return plumb_error_nomem(x->ctx);
		col->name = col_text(x->a, st, 1);
		col->type = col_text(x->a, st, 2);
		col->not_null = sqlite3_column_int(st, 3) != 0;
		col->default_sql = col_text(x->a, st, 4);
		col->pk_position = sqlite3_column_int(st, 5);
		int hidden = sqlite3_column_int(st, 6);
		col->hidden = hidden == 1;
		col->generated_stored = hidden == 3;
		if (!col->name || !col->type || col_missing(col->default_sql, st, 4))
			return plumb_error_nomem(x->ctx);
		if ((rc = push(x, &t->columns, col)) < 0)
			return rc;
	}
	if (step != SQLITE_DONE) {
		if (!virtual)
			return step_error(x, "could not read columns");
		sqlite3_reset(st); /* a module that is not loaded: no columns */
	}
	sqlite3_reset(st);

	/* the DDL's column definitions, matched by name */
	for (size_t i = 0; i < t->columns.n; i++) {
		plumb_column *col = t->columns.items[i];
		const plumb_sqlite_coldef *cd = NULL;
		if (ddl && i < ddl->columns.n &&
		    sqlite3_stricmp(((plumb_sqlite_coldef *)ddl->columns.items[i])->name,
				    col->name) == 0)
			cd = ddl->columns.items[i];
		for (size_t j = 0; ddl && !cd && j < ddl->columns.n; j++)
			if (sqlite3_stricmp(((plumb_sqlite_coldef *)ddl->columns.items[j])->name,
					    col->name) == 0)
				cd = ddl->columns.items[j];
		if (!cd) {
			char *n = plumb__sqlite_canonical_ident(x->a, col->name);
			char *ty = plumb__sqlite_canonical(x->a, col->type, strlen(col->type));
			if (!n || !ty)
				return plumb_error_nomem(x->ctx);
			col->definition = *ty ? plumb_arena_printf(x->a, "%s %s", n, ty) : n;
			if (!col->definition)
				return plumb_error_nomem(x->ctx);
			continue;
		}
		col->type = cd->type;
		col->definition = cd->definition;
		col->renamed_from = cd->renamed_from;
		for (size_t j = 0; j < cd->clauses.n; j++) {
			const plumb_sqlite_clause *cl = cd->clauses.items[j];
			if (cl->kind == PLUMB_SQLITE_CL_COLLATE)
				col->collation = cl->expr;
			else if (cl->kind == PLUMB_SQLITE_CL_DEFAULT)
				col->default_sql = cl->expr; /* keeps the parentheses */
			else if (cl->kind == PLUMB_SQLITE_CL_GENERATED) {
				col->generated_sql = cl->expr;
				col->generated_stored = cl->stored;
			}
		}
	}

	if (ddl) {
		for (size_t i = 0; i < ddl->columns.n; i++) {
			const plumb_sqlite_coldef *cd = ddl->columns.items[i];
			for (size_t j = 0; j < cd->clauses.n; j++) {
				const plumb_sqlite_clause *cl = cd->clauses.items[j];
				if (cl->kind != PLUMB_SQLITE_CL_PRIMARY_KEY &&
				    cl->kind != PLUMB_SQLITE_CL_UNIQUE &&
				    cl->kind != PLUMB_SQLITE_CL_CHECK &&
				    cl->kind != PLUMB_SQLITE_CL_REFERENCES)
					continue;
				if ((rc = push(x, &t->constraints, column_constraint(x, cd, cl))) < 0)
					return rc;
			}
		}
		for (size_t i = 0; i < ddl->constraints.n; i++)
			if ((rc = push(x, &t->constraints,
				       table_constraint(x, ddl->constraints.items[i]))) < 0)
				return rc;
	} else if (!virtual) {
		if ((rc = fallback_constraints(x, t)) < 0)
			return rc;
	}
	return push(x, &x->cat->tables, t);
}

static int read_index(ictx *x, const obj *o)
{
	plumb_sqlite_index_ddl *d = NULL;
	plumb_index *ix = plumb_arena_alloc(x->a, sizeof(*ix));
	if (!ix)
		return plumb_error_nomem(x->ctx);
	ix->name = o->name;
	ix->table = o->tbl;
	ix->sql = o->sql;
	plumb_ctx quiet = {.root = x->a};
	if (plumb__sqlite_parse_create_index(&quiet, x->a, o->sql, &d) < 0) {
		if (quiet.err.code == PLUMB_ENOMEM)
			return plumb_error_nomem(x->ctx);
		ix->definition = plumb__sqlite_canonical_create(x->a, o->sql);
		if (!ix->definition)
			return plumb_error_nomem(x->ctx);
	} else {
		ix->unique = d->unique;
		ix->keys = d->keys;
		ix->where_sql = d->where_sql;
		ix->definition = d->definition;
	}
	/* A rename annotation inside the CREATE INDEX text, or leading it in
	 * the schema file this connection ran. */
	ix->renamed_from = plumb__sqlite_index_renamed_from(x->a, ix);
	if (!ix->renamed_from && plumb_arena_failed(x->a))
		return plumb_error_nomem(x->ctx);
	if (!ix->renamed_from)
		ix->renamed_from = plumb__sqlite_rename_lookup(&x->c->base, PLUMB_OBJ_INDEX, ix->name);
	return push(x, &x->cat->indexes, ix);
}

/* Names in sql that are tables or views of the catalog (other than self). */
static int depends(ictx *x, const char *sql, const char *self, const char *also_not,
		   plumb_vec *out)
{
	plumb_vec ids = {0};
	if (plumb__sqlite_identifiers(x->a, sql, &ids) < 0)
		return plumb_error_nomem(x->ctx);
	for (size_t i = 0; i < ids.n; i++) {
		const char *id = ids.items[i];
		if (strcasecmp(id, self) == 0 || (also_not && strcasecmp(id, also_not) == 0))
			continue;
		for (size_t j = 0; j < x->objs.n; j++) {
			const obj *o = x->objs.items[j];
			if ((strcmp(o->type, "table") && strcmp(o->type, "view")) ||
			    strcasecmp(o->name, id) || skipped_table(x->ctx, o->name))
				continue;
			if (plumb_vec_push(x->a, out, (void *)o->name) < 0)
				return plumb_error_nomem(x->ctx);
			break;
		}
	}
	return 0;
}

int plumb__sqlite_introspect(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			     plumb_catalog **out)
{
	int rc = 0, step;
	ictx x = {.ctx = ctx, .a = arena, .c = (plumb_sqlite_conn *)conn};
	*out = NULL;
	if ((rc = plumb_catalog_new(ctx, arena, "sqlite", true, &x.cat)) < 0)
		goto done;
	for (int i = 0; i < N_Q; i++)
		if (sqlite3_prepare_v2(x.c->db, queries[i], -1, &x.q[i], NULL) != SQLITE_OK) {
			rc = step_error(&x, "could not read the schema");
			goto done;
		}
	sqlite3_stmt *st = x.q[Q_TLIST];
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		tinfo *t = plumb_arena_alloc(arena, sizeof(*t));
		if (!t) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		t->name = col_text(arena, st, 0);
		t->type = col_text(arena, st, 1);
		t->wr = sqlite3_column_int(st, 2) != 0;
		t->strict = sqlite3_column_int(st, 3) != 0;
		if (!t->name || !t->type) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		if ((rc = push(&x, &x.tinfos, t)) < 0)
			goto done;
	}
	if (step != SQLITE_DONE) {
		rc = step_error(&x, "could not read the table list");
		goto done;
	}
	st = x.q[Q_SCHEMA];
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		obj *o = plumb_arena_alloc(arena, sizeof(*o));
		if (!o) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		o->type = col_text(arena, st, 0);
		o->name = col_text(arena, st, 1);
		o->tbl = col_text(arena, st, 2);
		o->sql = col_text(arena, st, 3);
		if (!o->type || !o->name || !o->tbl ||
		    (!o->sql && sqlite3_column_type(st, 3) != SQLITE_NULL)) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		if ((rc = push(&x, &x.objs, o)) < 0)
			goto done;
	}
	if (step != SQLITE_DONE) {
		rc = step_error(&x, "could not read sqlite_schema");
		goto done;
	}

	for (size_t i = 0; i < x.objs.n; i++) {
		const obj *o = x.objs.items[i];
		const tinfo *ti = find_tinfo(&x, o->name);
		if (strcmp(o->type, "table") == 0) {
			if (skipped_table(ctx, o->name)) {
				if (strncasecmp(o->name, "sqlite_", 7) &&
				    (rc = note(&x, o->name)) < 0)
					goto done;
				continue;
			}
			if (ti && strcmp(ti->type, "shadow") == 0)
				continue;
			if ((rc = read_table(&x, o, ti)) < 0)
				goto done;
		}
	}
	for (size_t i = 0; i < x.objs.n; i++) {
		const obj *o = x.objs.items[i];
		if (strcmp(o->type, "index") == 0) {
			if (!o->sql || skipped_table(ctx, o->name) ||
			    !plumb_catalog_find_table(x.cat, o->tbl))
				continue; /* automatic indexes, and those of skipped tables */
			if ((rc = read_index(&x, o)) < 0)
				goto done;
		} else if (strcmp(o->type, "view") == 0) {
			plumb_view *v = plumb_arena_alloc(arena, sizeof(*v));
			if (!v) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
			v->name = o->name;
			v->sql = o->sql;
			v->definition = plumb__sqlite_canonical_create(arena, o->sql);
			if ((rc = depends(&x, o->sql, o->name, NULL, &v->depends)) < 0 ||
			    (rc = push(&x, &x.cat->views, v->definition ? v : NULL)) < 0)
				goto done;
		} else if (strcmp(o->type, "trigger") == 0) {
			if (skipped_table(ctx, o->tbl))
				continue;
			plumb_trigger *tg = plumb_arena_alloc(arena, sizeof(*tg));
			if (!tg) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
			tg->name = o->name;
			tg->table = o->tbl;
			tg->sql = o->sql;
			tg->definition = plumb__sqlite_canonical_create(arena, o->sql);
			if ((rc = depends(&x, o->sql, o->name, o->tbl, &tg->depends)) < 0 ||
			    (rc = push(&x, &x.cat->triggers, tg->definition ? tg : NULL)) < 0)
				goto done;
		}
	}
	if ((rc = plumb_catalog_exclude(ctx, x.cat)) < 0)
		goto done;
	plumb_catalog_sort(x.cat);
	*out = x.cat;
done:
	for (int i = 0; i < N_Q; i++)
		sqlite3_finalize(x.q[i]);
	return rc;
}

static void put_stmt(plumb_buf *b, const char *sql)
{
	if (!sql)
		return;
	if (b->len)
		plumb_buf_putc(b, '\n');
	plumb_buf_puts(b, sql);
	plumb_buf_puts(b, ";\n");
}

int plumb__sqlite_dump(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat, char **out)
{
	plumb_buf b;
	int rc;
	plumb_buf_init(&b, arena, 0);
	for (size_t i = 0; i < cat->tables.n; i++)
		put_stmt(&b, ((const plumb_table *)cat->tables.items[i])->sql);
	for (size_t i = 0; i < cat->indexes.n; i++)
		put_stmt(&b, ((const plumb_index *)cat->indexes.items[i])->sql);
	for (size_t i = 0; i < cat->views.n; i++)
		put_stmt(&b, ((const plumb_view *)cat->views.items[i])->sql);
	for (size_t i = 0; i < cat->triggers.n; i++)
		put_stmt(&b, ((const plumb_trigger *)cat->triggers.items[i])->sql);
	if ((rc = plumb_buf_finish(&b, ctx)) < 0)
		return rc;
	*out = (char *)plumb_buf_str(&b);
	return 0;
}
