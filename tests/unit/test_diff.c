/* Unit tests of diff/ on hand-built catalogs: matching by name and by rename
 * annotation, column order, constraint sets, the order of changes and the
 * human description. */
#include <string.h>

#include "diff/diff.h"
#include "tap.h"

static plumb_ctx *ctx;
static plumb_arena *A;

static plumb_catalog *cat(void)
{
	plumb_catalog *c;
	plumb_catalog_new(ctx, A, "sqlite", true, &c);
	return c;
}

static plumb_table *table(plumb_catalog *c, const char *name)
{
	plumb_table *t = plumb_arena_alloc(A, sizeof(*t));
	t->name = name;
	t->sql = plumb_arena_printf(A, "CREATE TABLE %s (...)", name);
	plumb_vec_push(A, &c->tables, t);
	plumb_catalog_sort(c);
	return t;
}

static plumb_column *column(plumb_table *t, const char *name, const char *type)
{
	plumb_column *col = plumb_arena_alloc(A, sizeof(*col));
	col->name = name;
	col->type = type;
	col->definition = plumb_arena_printf(A, "%s %s", name, type);
	plumb_vec_push(A, &t->columns, col);
	return col;
}

static plumb_constraint *constraint(plumb_table *t, plumb_con_kind kind, const char *def)
{
	plumb_constraint *c = plumb_arena_alloc(A, sizeof(*c));
	c->kind = kind;
	c->definition = def;
	plumb_vec_push(A, &t->constraints, c);
	return c;
}

static void index_(plumb_catalog *c, const char *name, const char *table, const char *def)
{
	plumb_index *i = plumb_arena_alloc(A, sizeof(*i));
	i->name = name;
	i->table = table;
	i->definition = def;
	i->sql = def;
	plumb_vec_push(A, &c->indexes, i);
	plumb_catalog_sort(c);
}

static void view(plumb_catalog *c, const char *name, const char *def)
{
	plumb_view *v = plumb_arena_alloc(A, sizeof(*v));
	v->name = name;
	v->definition = def;
	v->sql = def;
	plumb_vec_push(A, &c->views, v);
}

static void trigger(plumb_catalog *c, const char *name, const char *table, const char *def)
{
	plumb_trigger *t = plumb_arena_alloc(A, sizeof(*t));
	t->name = name;
	t->table = table;
	t->definition = def;
	t->sql = def;
	plumb_vec_push(A, &c->triggers, t);
	plumb_catalog_sort(c);
}

static plumb_catalog *pgcat(void)
{
	plumb_catalog *c;
	plumb_catalog_new(ctx, A, "pg", false, &c);
	return c;
}

static plumb_table *pgtable(plumb_catalog *c, const char *schema, const char *name)
{
	plumb_table *t = table(c, name);
	t->schema = schema;
	plumb_catalog_sort(c);
	return t;
}

static plumb_object *object(plumb_catalog *c, plumb_obj_kind kind, const char *schema,
			    const char *name, const char *def)
{
	plumb_object *o = plumb_arena_alloc(A, sizeof(*o));
	o->kind = kind;
	o->schema = schema;
	o->name = name;
	o->definition = def;
	o->sql = def;
	plumb_vec_push(A, &c->objects, o);
	plumb_catalog_sort(c);
	return o;
}

static const char *describe(const plumb_diff *d)
{
	plumb_buf b;
	plumb_buf_init(&b, A, 0);
	plumb_diff_describe(d, &b);
	return plumb_buf_str(&b);
}

static plumb_diff *diff(const plumb_catalog *from, const plumb_catalog *to)
{
	plumb_diff *d = NULL;
	int rc = plumb_diff_catalogs(ctx, A, from, to, &d);
	if (rc)
		printf("# diff failed: %d\n", rc);
	return d;
}

int main(void)
{
	plumb_ctx_new(&ctx);
	A = ctx->root;

	/* Equal catalogs, and column order does not matter. */
	{
		plumb_catalog *a = cat(), *b = cat();
		plumb_table *t = table(a, "users");
		column(t, "id", "INTEGER");
		column(t, "name", "TEXT");
		constraint(t, PLUMB_CON_CHECK, "CHECK (id > 0)");
		constraint(t, PLUMB_CON_UNIQUE, "UNIQUE (name)");
		plumb_table *u = table(b, "USERS");
		column(u, "name", "TEXT");
		column(u, "id", "INTEGER");
		constraint(u, PLUMB_CON_UNIQUE, "UNIQUE (name)");
		constraint(u, PLUMB_CON_CHECK, "CHECK (id > 0)");
		plumb_diff *d = diff(a, b);
		ok(d && plumb_diff_is_empty(d),
		   "reordered columns and constraints, other name case: no change");
		is_str(describe(d), "", "empty description");
	}

	/* Column changes. */
	{
		plumb_catalog *a = cat(), *b = cat();
		plumb_table *t = table(a, "users");
		column(t, "id", "INTEGER");
		column(t, "name", "TEXT");
		column(t, "age", "TEXT");
		column(t, "tmp", "TEXT");
		plumb_table *u = table(b, "users");
		column(u, "id", "INTEGER");
		column(u, "full_name", "TEXT")->renamed_from = "name";
		column(u, "age", "INTEGER");
		column(u, "email", "TEXT");
		plumb_diff *d = diff(a, b);
		is_int(d->changes.n, 1, "one table change");
		plumb_change *c = d->changes.items[0];
		is_int(c->op, PLUMB_CHANGE_ALTER, "alter");
		ok(!c->renamed, "table not renamed");
		is_int(c->delta->added_columns.n, 1, "one added column");
		is_int(c->delta->dropped_columns.n, 1, "one dropped column");
		is_int(c->delta->changed_columns.n, 1, "one changed column");
		is_int(c->delta->renamed_columns.n, 1, "one renamed column");
		is_str(describe(d),
		       "rename column \"users\".\"name\" to \"full_name\"\n"
		       "drop column \"users\".\"tmp\"\n"
		       "alter column \"users\".\"age\": age TEXT -> age INTEGER\n"
		       "add column \"users\".\"email\"\n",
		       "description of column changes");
	}

	/* A column rename already applied is no rename. */
	{
		plumb_catalog *a = cat(), *b = cat();
		plumb_table *t = table(a, "users");
		column(t, "full_name", "TEXT");
		plumb_table *u = table(b, "users");
		column(u, "full_name", "TEXT")->renamed_from = "name";
		ok(plumb_diff_is_empty(diff(a, b)), "applied column rename: no change");
	}

	/* Table renames, applied or not. */
	{
		plumb_catalog *a = cat(), *b = cat();
		column(table(a, "people"), "id", "INTEGER");
		plumb_table *u = table(b, "users");
		column(u, "id", "INTEGER");
		u->renamed_from = "people";
		plumb_diff *d = diff(a, b);
		is_int(d->changes.n, 1, "rename is one change");
		plumb_change *c = d->changes.items[0];
		ok(c->op == PLUMB_CHANGE_ALTER && c->renamed, "alter with renamed set");
		is_str(describe(d), "rename table \"people\" to \"users\"\n", "rename described");

		plumb_catalog *a2 = cat();
		column(table(a2, "users"), "id", "INTEGER");
		ok(plumb_diff_is_empty(diff(a2, b)), "applied table rename: no change");

		plumb_catalog *a3 = cat();
		column(table(a3, "other"), "id", "INTEGER");
		d = diff(a3, b);
		is_str(describe(d), "drop table \"other\"\ncreate table \"users\"\n",
		       "rename whose source is absent: create (and drop of the unrelated table)");
	}

	/* Constraint sets and options. */
	{
		plumb_catalog *a = cat(), *b = cat();
		plumb_table *t = table(a, "t");
		column(t, "x", "INTEGER");
		constraint(t, PLUMB_CON_CHECK, "CHECK (x > 0)");
		constraint(t, PLUMB_CON_UNIQUE, "UNIQUE (x)");
		plumb_table *u = table(b, "t");
		column(u, "x", "INTEGER");
		constraint(u, PLUMB_CON_UNIQUE, "UNIQUE (x)");
		constraint(u, PLUMB_CON_CHECK, "CHECK (x > 1)");
		u->strict = true;
		plumb_diff *d = diff(a, b);
		plumb_change *c = d->changes.items[0];
		is_int(c->delta->added_constraints.n, 1, "one added constraint");
		is_int(c->delta->dropped_constraints.n, 1, "one dropped constraint");
		ok(c->delta->options_changed, "options changed");
		is_str(describe(d),
		       "drop constraint on \"t\": CHECK (x > 0)\n"
		       "add constraint on \"t\": CHECK (x > 1)\n"
		       "alter table \"t\" options: strict\n",
		       "constraint changes described");
	}

	/* Order: drops (triggers, views, indexes, tables), alters, creates. */
	{
		plumb_catalog *a = cat(), *b = cat();
		column(table(a, "zeta"), "x", "INTEGER");
		column(table(a, "alpha"), "x", "INTEGER");
		column(table(a, "keep"), "x", "INTEGER");
		index_(a, "i_old", "keep", "CREATE INDEX i_old ON keep (x)");
		index_(a, "i_chg", "keep", "CREATE INDEX i_chg ON keep (x)");
		view(a, "v_old", "CREATE VIEW v_old AS SELECT 1");
		trigger(a, "tr_old", "keep", "CREATE TRIGGER tr_old ...");

		plumb_table *k = table(b, "keep");
		column(k, "x", "INTEGER");
		column(k, "y", "TEXT");
		column(table(b, "new2"), "x", "INTEGER");
		column(table(b, "new1"), "x", "INTEGER");
		index_(b, "i_chg", "keep", "CREATE INDEX i_chg ON keep (x, y)");
		index_(b, "i_new", "keep", "CREATE INDEX i_new ON keep (y)");
		view(b, "v_new", "CREATE VIEW v_new AS SELECT 2");
		trigger(b, "tr_new", "keep", "CREATE TRIGGER tr_new ...");
		plumb_diff *d = diff(a, b);
		is_str(describe(d),
		       "drop trigger \"tr_old\"\n"
		       "drop view \"v_old\"\n"
		       "drop index \"i_old\"\n"
		       "drop table \"alpha\"\n"
		       "drop table \"zeta\"\n"
		       "add column \"keep\".\"y\"\n"
		       "replace index \"i_chg\"\n"
		       "create table \"new1\"\n"
		       "create table \"new2\"\n"
		       "create index \"i_new\"\n"
		       "create view \"v_new\"\n"
		       "create trigger \"tr_new\"\n",
		       "changes in a fixed order");
		plumb_diff *d2 = diff(a, b);
		is_str(describe(d2), describe(d), "deterministic");
		plumb_diff *back = diff(b, b);
		ok(plumb_diff_is_empty(back), "a catalog equals itself");
	}

	/* PostgreSQL: schemas tell tables apart; generic objects by kind. */
	{
		plumb_catalog *a = pgcat(), *b = pgcat();
		column(pgtable(a, "public", "users"), "id", "integer");
		column(pgtable(b, "audit", "users"), "id", "integer");
		column(pgtable(b, "public", "users"), "id", "integer");
		object(a, PLUMB_OBJ_SCHEMA, NULL, "old", "old");
		object(b, PLUMB_OBJ_SCHEMA, NULL, "audit", "audit");
		object(a, PLUMB_OBJ_ENUM, "public", "mood", "ENUM ('a')");
		object(b, PLUMB_OBJ_ENUM, "public", "mood", "ENUM ('a', 'b')");
		object(a, PLUMB_OBJ_FUNCTION, "public", "f(integer)", "CREATE FUNCTION f 1");
		object(b, PLUMB_OBJ_FUNCTION, "public", "f(integer)", "CREATE FUNCTION f 2");
		object(b, PLUMB_OBJ_FUNCTION, "public", "f(text)", "CREATE FUNCTION f 3");
		object(b, PLUMB_OBJ_COMMENT, "public", "TABLE public.users", "people");
		/* same name, other kind: not the same object */
		object(a, PLUMB_OBJ_SEQUENCE, "public", "mood", "CREATE SEQUENCE mood");
		object(b, PLUMB_OBJ_SEQUENCE, "public", "mood", "CREATE SEQUENCE mood");
		plumb_diff *d = diff(a, b);
		is_str(describe(d),
		       "drop schema \"old\"\n"
		       "alter enum \"public\".\"mood\"\n"
		       "replace function public.f(integer)\n"
		       "create schema \"audit\"\n"
		       "create function public.f(text)\n"
		       "create table \"audit\".\"users\"\n"
		       "create comment TABLE public.users\n",
		       "schema-qualified tables, kinds in dependency order, signatures");
		ok(plumb_diff_is_empty(diff(b, b)), "a pg catalog equals itself");
		ok(plumb_catalog_find(b, PLUMB_OBJ_TABLE, "audit", "users") &&
			   !plumb_catalog_find(b, PLUMB_OBJ_TABLE, "other", "users") &&
			   !plumb_catalog_find(b, PLUMB_OBJ_DOMAIN, "public", "mood"),
		   "find by kind, schema and name");
	}

	/* PostgreSQL renames: index, constraint and object annotations. */
	{
		plumb_catalog *a = pgcat(), *b = pgcat();
		plumb_table *t = pgtable(a, "public", "t");
		column(t, "x", "integer");
		plumb_constraint *k = constraint(t, PLUMB_CON_CHECK, "CONSTRAINT old_ck CHECK (x > 0)");
		k->name = "old_ck";
		index_(a, "old_ix", "t", "CREATE INDEX old_ix ON t (x)");
		((plumb_index *)a->indexes.items[0])->schema = "public";
		object(a, PLUMB_OBJ_ENUM, "public", "old_type", "ENUM ('a')");

		plumb_table *u = pgtable(b, "public", "t");
		column(u, "x", "integer");
		plumb_constraint *k2 = constraint(u, PLUMB_CON_CHECK, "CONSTRAINT new_ck CHECK (x > 0)");
		k2->name = "new_ck";
		k2->renamed_from = "old_ck";
		index_(b, "new_ix", "t", "CREATE INDEX new_ix ON t (x)");
		plumb_index *ix = b->indexes.items[0];
		ix->schema = "public";
		ix->renamed_from = "old_ix";
		object(b, PLUMB_OBJ_ENUM, "public", "new_type", "ENUM ('a')")->renamed_from = "old_type";
		plumb_diff *d = diff(a, b);
		is_str(describe(d),
		       "rename enum \"old_type\" to \"new_type\"\n"
		       "rename constraint on \"t\": \"old_ck\" to \"new_ck\"\n"
		       "rename index \"old_ix\" to \"new_ix\"\n",
		       "renames from annotations");
		plumb_change *c = d->changes.items[0];
		ok(c->renamed && c->kind == PLUMB_OBJ_ENUM, "enum change is a rename");
		c = d->changes.items[1];
		ok(c->delta && c->delta->renamed_constraints.n == 1 &&
			   !c->delta->added_constraints.n && !c->delta->dropped_constraints.n,
		   "constraint rename is neither add nor drop");
		ok(plumb_diff_is_empty(diff(b, b)), "applied renames: no change");
	}

	/* Dialect mismatch. */
	{
		plumb_catalog *a = cat(), *b;
		plumb_catalog_new(ctx, A, "pg", false, &b);
		plumb_diff *d;
		is_int(plumb_diff_catalogs(ctx, A, a, b, &d), PLUMB_EUSAGE, "dialects must match");
		plumb_error_clear(ctx);
	}
	is_str(plumb_object_name(NULL), NULL, "name of nothing");

	plumb_ctx_free(ctx);
	return done_testing();
}
