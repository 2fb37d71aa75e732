/* Unit tests of the SQLite DDL reader: canonical text, CREATE TABLE and
 * CREATE INDEX parsing, identifiers, renaming and rename annotations. */
#include <string.h>

#include <pg_query.h>

#include "dialect/sqlite/sqlite.h"
#include "tap.h"

static const char *canon(plumb_arena *a, const char *sql)
{
	return plumb__sqlite_canonical(a, sql, strlen(sql));
}

static const plumb_sqlite_clause *clause(const plumb_sqlite_coldef *c, plumb_sqlite_clause_kind k)
{
	for (size_t i = 0; i < c->clauses.n; i++) {
		const plumb_sqlite_clause *cl = c->clauses.items[i];
		if (cl->kind == k)
			return cl;
	}
	return NULL;
}

int main(void)
{
	plumb_ctx *ctx;
	ok(plumb_ctx_new(&ctx) == 0, "context");
	plumb_arena *a = ctx->root;

	/* canonical text */
	is_str(canon(a, "CREATE TABLE t(a INT)"), "create table t(a int)", "canonical basic");
	is_str(canon(a, "create table T ( a int )"), "create table t(a int)", "case and spacing");
	is_str(canon(a, "CREATE TABLE \"T\" ([A] int, `b` TEXT)"), "create table t(a int, b text)",
	       "quotes dropped where not needed");
	is_str(canon(a, "create table \"Order\" (\"my col\" int, \"select\" int)"),
	       "create table \"order\"(\"my col\" int, \"select\" int)",
	       "quotes kept for keywords and odd names");
	is_str(canon(a, "CHECK (a>0 AND b <> 'It''s')  -- why\n"),
	       "check(a > 0 and b <> 'It''s')", "strings kept, comments dropped");
	is_str(canon(a, "x /* c */ DEFAULT X'AB';"), "x default X'AB'", "blob literal, final ;");
	is_str(canon(a, "create table `a``b`(x)"), "create table \"a`b\"(x)", "backtick escapes");
	is_str(plumb__sqlite_canonical_create(a, "CREATE VIEW IF NOT EXISTS v AS SELECT 1"),
	       "create view v as select 1", "IF NOT EXISTS dropped");
	is_str(plumb__sqlite_canonical_create(a, "create trigger tr after insert on t begin "
					      "select 1; end"),
	       "create trigger tr after insert on t begin select 1; end", "trigger body kept");
	is_str(plumb__sqlite_canonical_ident(a, "Users"), "users", "ident lower-cased");
	is_str(plumb__sqlite_canonical_ident(a, "group"), "\"group\"", "keyword quoted");

	/* CREATE TABLE */
	const char *sql =
		"CREATE TABLE IF NOT EXISTS [Main Table] -- @renamed from=old_t\n"
		"(\n"
		"  id INTEGER CONSTRAINT pk PRIMARY KEY DESC ON CONFLICT REPLACE AUTOINCREMENT,\n"
		"  name VARCHAR ( 20 ) NOT NULL COLLATE NOCASE DEFAULT 'x', -- @renamed from=nm\n"
		"  qty int check (qty >= 0) default -1 /* plumb:renamed from=\"Old Qty\" */,\n"
		"  p int references parent(id) on delete cascade on update set null "
		"match full deferrable initially deferred not null,\n"
		"  g text generated always as (upper(name)) stored,\n"
		"  v as (qty * 2),\n"
		"  CONSTRAINT u UNIQUE (name, qty) ON CONFLICT IGNORE,\n"
		"  CHECK (qty < 100),\n"
		"  FOREIGN KEY (p, qty) REFERENCES other (a, b) ON DELETE SET DEFAULT\n"
		") WITHOUT ROWID, STRICT;";
	plumb_sqlite_table_ddl *d = NULL;
	is_int(plumb__sqlite_parse_create_table(ctx, a, sql, &d), 0, "parse create table");
	if (!d)
		return done_testing();
	is_str(d->name, "Main Table", "bracket-quoted name");
	ok(d->if_not_exists && d->without_rowid && d->strict, "options");
	is_str(d->renamed_from, "old_t", "table annotation in header");
	is_int(d->columns.n, 6, "six columns");
	is_int(d->constraints.n, 3, "three table constraints");
	const plumb_sqlite_coldef *id = d->columns.items[0], *nm = d->columns.items[1],
				  *qty = d->columns.items[2], *p = d->columns.items[3],
				  *g = d->columns.items[4], *v = d->columns.items[5];
	is_str(id->type, "INTEGER", "type");
	const plumb_sqlite_clause *pk = clause(id, PLUMB_SQLITE_CL_PRIMARY_KEY);
	ok(pk && pk->desc && pk->autoincrement && strcmp(pk->conflict, "REPLACE") == 0 &&
		   strcmp(pk->name, "pk") == 0,
	   "primary key clause");
	is_str(nm->type, "VARCHAR(20)", "type spacing canonical, case kept");
	is_str(clause(nm, PLUMB_SQLITE_CL_COLLATE)->expr, "NOCASE", "collation");
	is_str(clause(nm, PLUMB_SQLITE_CL_DEFAULT)->expr, "'x'", "default literal");
	ok(clause(nm, PLUMB_SQLITE_CL_NOT_NULL) != NULL, "not null");
	is_str(nm->renamed_from, "nm", "column annotation after the comma");
	is_str(qty->renamed_from, "Old Qty", "column annotation before the comma, quoted");
	is_str(id->renamed_from, NULL, "no annotation on id");
	is_str(clause(qty, PLUMB_SQLITE_CL_CHECK)->expr, "qty >= 0", "check expression as written");
	is_str(clause(qty, PLUMB_SQLITE_CL_DEFAULT)->expr, "-1", "signed default");
	const plumb_sqlite_fk *fk = clause(p, PLUMB_SQLITE_CL_REFERENCES)->fk;
	ok(fk && strcmp(fk->table, "parent") == 0 && fk->n_columns == 1 &&
		   strcmp(fk->on_delete, "CASCADE") == 0 && strcmp(fk->on_update, "SET NULL") == 0 &&
		   strcmp(fk->match, "FULL") == 0 && fk->deferrable && fk->initially_deferred,
	   "references clause");
	is_str(fk->text,
	       "references parent(id) on delete cascade on update set null match full "
	       "deferrable initially deferred",
	       "fk text");
	ok(clause(p, PLUMB_SQLITE_CL_NOT_NULL) != NULL, "not null after references");
	const plumb_sqlite_clause *gen = clause(g, PLUMB_SQLITE_CL_GENERATED);
	ok(gen && gen->stored && strcmp(gen->expr, "upper(name)") == 0, "generated stored");
	gen = clause(v, PLUMB_SQLITE_CL_GENERATED);
	ok(gen && !gen->stored && strcmp(gen->expr, "qty * 2") == 0, "AS (expr) virtual");
	is_str(v->type, "", "no type");
	is_str(nm->definition, "name varchar(20) collate nocase default 'x' not null",
	       "column definition canonical, its clauses in one order");
	{
		plumb_sqlite_table_ddl *o1 = NULL, *o2 = NULL;
		is_int(plumb__sqlite_parse_create_table(
			       ctx, a, "CREATE TABLE o (d integer NOT NULL DEFAULT 0)", &o1),
		       0, "parse clauses in one order");
		is_int(plumb__sqlite_parse_create_table(
			       ctx, a, "CREATE TABLE o (d integer DEFAULT 0 NOT NULL)", &o2),
		       0, "parse clauses in the other");
		if (o1 && o2)
			is_str(((plumb_sqlite_coldef *)o1->columns.items[0])->definition,
			       ((plumb_sqlite_coldef *)o2->columns.items[0])->definition,
			       "the order of a column's clauses is not a difference");
	}
	const plumb_sqlite_tabcon *u = d->constraints.items[0], *ck = d->constraints.items[1],
				  *tfk = d->constraints.items[2];
	ok(u->kind == PLUMB_CON_UNIQUE && strcmp(u->name, "u") == 0 && u->n_columns == 2 &&
		   strcmp(u->conflict, "IGNORE") == 0,
	   "unique constraint");
	is_str(u->definition, "constraint u unique(name, qty) on conflict ignore", "unique def");
	ok(ck->kind == PLUMB_CON_CHECK && !ck->name && strcmp(ck->check_sql, "qty < 100") == 0,
	   "table check");
	ok(tfk->kind == PLUMB_CON_FOREIGN_KEY && tfk->n_columns == 2 &&
		   tfk->fk->n_columns == 2 && strcmp(tfk->fk->on_delete, "SET DEFAULT") == 0 &&
		   strcmp(tfk->fk->on_update, "NO ACTION") == 0 && !tfk->fk->deferrable,
	   "table foreign key");
	is_str(tfk->definition,
	       "foreign key(p, qty) references other(a, b) on delete set default", "fk def");

	d = NULL;
	is_int(plumb__sqlite_parse_create_table(ctx, a, "CREATE TABLE t AS SELECT 1 AS x", &d), 0,
	       "create table as");
	ok(d && d->as_select, "as select flagged");
	is_int(plumb__sqlite_parse_create_table(ctx, a, "CREATE VIEW v AS SELECT 1", &d),
	       PLUMB_EPARSE, "a view is not a table");
	plumb_error_clear(ctx);

	/* own-line annotation before a column; composite pk with autoincrement form */
	d = NULL;
	plumb__sqlite_parse_create_table(ctx, a,
					 "create table t (\n  a int,\n  -- @renamed from=old_b\n"
					 "  b int\n)",
					 &d);
	ok(d && d->columns.n == 2 &&
		   !((plumb_sqlite_coldef *)d->columns.items[0])->renamed_from &&
		   strcmp(((plumb_sqlite_coldef *)d->columns.items[1])->renamed_from, "old_b") == 0,
	   "own-line annotation goes to the next column");

	/* CREATE INDEX */
	plumb_sqlite_index_ddl *ix = NULL;
	is_int(plumb__sqlite_parse_create_index(
		       ctx, a,
		       "CREATE UNIQUE INDEX IF NOT EXISTS \"Ix\" /* @renamed from=ix_old */ ON T "
		       "(lower(Name) COLLATE nocase DESC, qty) WHERE qty > 0",
		       &ix),
	       0, "parse create index");
	ok(ix && ix->unique && ix->keys.n == 2, "index keys");
	is_str(ix->keys.items[0], "lower(name) collate nocase desc", "expression key");
	is_str(ix->where_sql, "qty > 0", "where as written");
	is_str(ix->definition,
	       "create unique index ix on t(lower(name) collate nocase desc, qty) where qty > 0",
	       "index definition");
	is_str(ix->renamed_from, "ix_old", "index header annotation");

	/* identifiers */
	plumb_vec ids = {0};
	is_int(plumb__sqlite_identifiers(a, "SELECT u.Name, \"Orders\".x FROM users u JOIN [Orders] ON 1",
					 &ids),
	       0, "identifiers");
	bool has_users = false, has_orders = false, has_select = false;
	for (size_t i = 0; i < ids.n; i++) {
		has_users |= strcmp(ids.items[i], "users") == 0;
		has_orders |= strcmp(ids.items[i], "orders") == 0;
		has_select |= strcmp(ids.items[i], "select") == 0;
	}
	ok(has_users && has_orders && !has_select, "identifiers found, keywords not");

	/* rename */
	is_str(plumb__sqlite_rename_create(a, "CREATE TABLE [old] (a int) -- x", "new t"),
	       "CREATE TABLE \"new t\" (a int) -- x", "rename_create");
	is_str(plumb__sqlite_rename_create(a, "create table if not exists main.old(a)", "n"),
	       "create table if not exists \"n\"(a)", "rename_create with schema");

	/* a column's definition as written */
	const char *ct = "CREATE TABLE t (\n  id INTEGER PRIMARY KEY, -- key\n"
			 "  \"My Col\"  VARCHAR(10) /* c */ DEFAULT 'a,b' CHECK (length(x) > 0),\n"
			 "  CONSTRAINT u UNIQUE (id)\n) WITHOUT ROWID";
	const plumb_sqlite_coldef *fc = plumb__sqlite_find_column(a, ct, "my col");
	is_str(fc ? fc->text : NULL,
	       "\"My Col\"  VARCHAR(10) /* c */ DEFAULT 'a,b' CHECK (length(x) > 0)",
	       "find_column: text as written");
	fc = plumb__sqlite_find_column(a, ct, "ID");
	is_str(fc ? fc->text : NULL, "id INTEGER PRIMARY KEY", "find_column: comment after left out");
	ok(!plumb__sqlite_find_column(a, ct, "u"), "find_column: constraint is no column");
	ok(!plumb__sqlite_find_column(a, "CREATE TABLE t AS SELECT 1 AS x", "x"),
	   "find_column: AS SELECT has none");
	ok(!plumb__sqlite_find_column(a, NULL, "x"), "find_column: no sql");

	/* tokens */
	plumb_vec tv = {0};
	is_int(plumb__sqlite_tokens(a, "CREATE [My T] /* c */ (\"a\"\"b\", 'It''s', x >= 1)", &tv),
	       0, "tokens");
	ok(tv.n == 11, "tokens: count, comment skipped");
	if (tv.n == 11) {
		const plumb_sqlite_token *t0 = tv.items[0], *t1 = tv.items[1], *t3 = tv.items[3],
					 *t5 = tv.items[5], *t8 = tv.items[8];
		ok(t0->word && strcmp(t0->ident, "CREATE") == 0, "tokens: keyword is a word");
		ok(!t1->word && strcmp(t1->ident, "My T") == 0 && strcmp(t1->text, "[My T]") == 0,
		   "tokens: bracket-quoted name");
		ok(!t3->word && strcmp(t3->ident, "a\"b") == 0, "tokens: double-quoted name");
		ok(!t5->ident && strcmp(t5->text, "'It''s'") == 0, "tokens: string is no name");
		ok(!t8->ident && strcmp(t8->text, ">=") == 0, "tokens: operator");
	}

	/* annotations (one comment's text: test_annot.c) */
	plumb_vec rn = {0};
	const char *stmt = "\n-- @renamed from=old_users\nCREATE TABLE users(a);";
	is_int(plumb__sqlite_leading_renames(a, stmt, strlen(stmt), &rn), 0, "leading renames");
	ok(rn.n == 1 && ((plumb_sqlite_rename *)rn.items[0])->kind == PLUMB_OBJ_TABLE &&
		   strcmp(((plumb_sqlite_rename *)rn.items[0])->from, "old_users") == 0 &&
		   strcmp(((plumb_sqlite_rename *)rn.items[0])->name, "users") == 0,
	   "leading table rename");

	plumb_ctx_free(ctx);
	pg_query_exit();
	return done_testing();
}
