/* Unit tests of diff/ on hand-built catalogs: matching by name and by rename
 * annotation, column order, constraint sets, the order of changes, the table
 * of object kinds (every kind described and compared), the change records
 * and the human description built from them. */
#include <stddef.h>
#include <string.h>

#include "catalog/kinds.h"
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

/* Any object struct; schema and name lead each. */
typedef union any_object {
	plumb_table table;
	plumb_index index;
	plumb_view view;
	plumb_trigger trigger;
	plumb_object object;
} any_object;

static void set_field(void *obj, size_t at, const char *value)
{
	if (at)
		*(const char **)((char *)obj + at) = value;
}

/* An object of kind k named s.<name> built from its descriptor alone, so that
 * a kind added to the table is tested without touching this file. */
static void *object_of_kind(plumb_catalog *c, plumb_obj_kind k, const char *name,
			    const char *def)
{
	const plumb_kind_desc *d = plumb_kind(k);
	any_object *o = plumb_arena_alloc(A, sizeof(*o));
	o->object.schema = k == PLUMB_OBJ_SCHEMA ? NULL : "s";
	o->object.name = name;
	if (plumb_kind_is_generic(d))
		o->object.kind = k;
	set_field(o, d->definition_at, def);
	set_field(o, d->table_at, "t");
	if (k == PLUMB_OBJ_TABLE)
		column(&o->table, "x", "integer");
	plumb_vec_push(A, (plumb_vec *)plumb_kind_objects(d, c), o);
	plumb_catalog_sort(c);
	return o;
}

static const char *first_line(const plumb_diff *d)
{
	plumb_vec items = {0};
	plumb_buf b;
	plumb_buf_init(&b, A, 0);
	if (plumb_diff_items(ctx, A, d, &items) == 0 && items.n)
		plumb_diff_item_line(&b, items.items[0], 0);
	return plumb_buf_str(&b);
}

/* The lines of every record, joined as plumb_diff_describe joins them. */
static const char *lines_of_items(const plumb_diff *d)
{
	plumb_vec items = {0};
	plumb_buf b;
	plumb_buf_init(&b, A, 0);
	if (plumb_diff_items(ctx, A, d, &items))
		return NULL;
	for (size_t i = 0; i < items.n; i++)
		for (size_t l = 0; l < plumb_diff_item_n_lines(items.items[i]); l++) {
			plumb_diff_item_line(&b, items.items[i], l);
			plumb_buf_putc(&b, '\n');
		}
	return plumb_buf_str(&b);
}

static const plumb_diff_part *part_at(const plumb_diff_item *it, size_t i)
{
	return i < it->parts.n ? it->parts.items[i] : NULL;
}

static bool part_is(const plumb_diff_part *p, plumb_diff_verb verb, plumb_diff_part_kind kind,
		    const char *name, const char *new_name, const char *before, const char *after)
{
#define SAME(a, b) ((a) && (b) ? strcmp((a), (b)) == 0 : (a) == (b))
	return p && p->verb == verb && p->part == kind && SAME(p->name, name) &&
	       SAME(p->new_name, new_name) && SAME(p->before, before) && SAME(p->after, after);
#undef SAME
}

int main(void)
{
	/* An incomplete kinds table fails an assertion: print what was found
	 * before it. */
	setvbuf(stdout, NULL, _IONBF, 0);
	plumb_ctx_new(&ctx);
	A = ctx->root;

	/* The kinds table: every kind has its descriptor, the create order is a
	 * permutation of the kinds, and the stores and fields agree. */
	{
		bool all = true, orders = true, fields = true;
		bool seen[PLUMB_OBJ_KIND_COUNT] = {false};
		const size_t stores[] = {offsetof(plumb_catalog, tables),
					 offsetof(plumb_catalog, indexes),
					 offsetof(plumb_catalog, views),
					 offsetof(plumb_catalog, triggers),
					 offsetof(plumb_catalog, objects)};
		for (int k = 0; k < PLUMB_OBJ_KIND_COUNT; k++) {
			if (strcmp(plumb_obj_kind_name(k), "object") == 0) {
				printf("# kind %d has no descriptor\n", k);
				all = false;
				continue;
			}
			const plumb_kind_desc *d = plumb_kind(k);
			if (d->kind != (plumb_obj_kind)k) {
				printf("# descriptor %d says kind %d\n", k, d->kind);
				all = false;
			}
			if (d->order >= PLUMB_OBJ_KIND_COUNT || seen[d->order]) {
				printf("# kind %s: order %u taken or out of range\n", d->name,
				       d->order);
				orders = false;
			} else {
				seen[d->order] = true;
			}
			bool store = false;
			for (size_t i = 0; i < sizeof(stores) / sizeof(stores[0]); i++)
				store |= d->store == stores[i];
			if (!store || (d->compare == PLUMB_COMPARE_TABLE) != (k == PLUMB_OBJ_TABLE) ||
			    (d->compare != PLUMB_COMPARE_TABLE && !d->definition_at) ||
			    (plumb_kind_is_generic(d) &&
			     d->definition_at != offsetof(plumb_object, definition))) {
				printf("# kind %s: store or fields do not agree\n", d->name);
				fields = false;
			}
		}
		ok(all, "every kind has its descriptor");
		ok(orders, "the create order places every kind once");
		ok(fields, "stores and compared fields agree with the structs");
		plumb_obj_kind order[PLUMB_OBJ_KIND_COUNT];
		plumb_kinds_in_order(order);
		is_int(order[0], PLUMB_OBJ_SCHEMA, "schemas are created first");
		is_int(order[PLUMB_OBJ_KIND_COUNT - 3], PLUMB_OBJ_GRANT, "grants after every object");
		is_int(order[PLUMB_OBJ_KIND_COUNT - 2], PLUMB_OBJ_OWNER, "then owners");
		is_int(order[PLUMB_OBJ_KIND_COUNT - 1], PLUMB_OBJ_DEFAULT_ACL, "default privileges last");
		is_str(plumb_obj_kind_name(PLUMB_OBJ_COLLATION), "collation", "kind name from the table");
		is_str(plumb_obj_kind_name(PLUMB_OBJ_KIND_COUNT), "object", "no kind: \"object\"");
	}

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

	/* Many constraints and columns, found by hash: what matches, in order;
	 * constraints without a definition match each other; a name twice (a
	 * hand-built catalog) claims its columns in turn. */
	{
		plumb_catalog *a = cat(), *b = cat();
		plumb_table *t = table(a, "big"), *u = table(b, "big");
		for (int i = 0; i < 400; i++) {
			constraint(t, PLUMB_CON_CHECK, plumb_arena_printf(A, "CHECK (x <> %d)", i));
			constraint(u, PLUMB_CON_CHECK,
				   plumb_arena_printf(A, "CHECK (x <> %d)", i + 100));
			column(t, plumb_arena_printf(A, "c%d", i), "INTEGER");
			column(u, plumb_arena_printf(A, "c%d", 399 - i), "INTEGER");
		}
		constraint(t, PLUMB_CON_CHECK, NULL);
		constraint(u, PLUMB_CON_CHECK, NULL);
		column(t, "dup", "INTEGER");
		column(t, "dup", "TEXT");
		column(u, "dup", "INTEGER");
		column(u, "dup", "TEXT");
		column(u, "dup", "BLOB");
		plumb_diff *d = diff(a, b);
		plumb_change *c = d->changes.n ? d->changes.items[0] : NULL;
		const plumb_table_delta *dt = c ? c->delta : NULL;
		const plumb_constraint *gone = dt && dt->dropped_constraints.n
						       ? dt->dropped_constraints.items[0]
						       : NULL,
				       *made = dt && dt->added_constraints.n == 100
						       ? dt->added_constraints.items[99]
						       : NULL;
		ok(dt && dt->dropped_constraints.n == 100 && made && gone &&
			   strcmp(gone->definition, "CHECK (x <> 0)") == 0 &&
			   strcmp(made->definition, "CHECK (x <> 499)") == 0,
		   "400 constraints: 100 dropped, 100 added, in order; the two without one kept");
		ok(dt && !dt->changed_columns.n && dt->added_columns.n == 1 &&
			   !dt->dropped_columns.n &&
			   strcmp(((plumb_column *)dt->added_columns.items[0])->type, "BLOB") == 0,
		   "400 columns in another order match; a name twice claims in turn");
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
		/* the index follows the vectors: appended, removed, sorted, renamed */
		plumb_table *nt = pgtable(b, "public", "later");
		ok(plumb_catalog_find(b, PLUMB_OBJ_TABLE, "public", "later") == nt,
		   "find: a table pushed after the index was made");
		for (size_t i = 0; i < b->tables.n; i++)
			if (b->tables.items[i] == nt)
				plumb_vec_remove(&b->tables, i);
		plumb_table *nt2 = pgtable(b, "public", "later2");
		ok(!plumb_catalog_find(b, PLUMB_OBJ_TABLE, "public", "later") &&
			   plumb_catalog_find(b, PLUMB_OBJ_TABLE, "public", "later2") == nt2,
		   "find: a removed table is gone, even with another pushed after");
		nt2->name = "renamed";
		plumb_catalog_changed(b);
		ok(!plumb_catalog_find(b, PLUMB_OBJ_TABLE, "public", "later2") &&
			   plumb_catalog_find(b, PLUMB_OBJ_TABLE, "public", "renamed") == nt2,
		   "find: after a rename in place");
		plumb_catalog_sort(b);
		ok(plumb_catalog_find(b, PLUMB_OBJ_TABLE, "audit", "users") &&
			   plumb_catalog_find(b, PLUMB_OBJ_TABLE, "public", "renamed") == nt2,
		   "find: after a sort");
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

	/* The diff compares every kind of the table: created, dropped, changed
	 * and renamed, in the table's create order. */
	{
		bool created = true, dropped = true, changed = true, renamed = true, named = true;
		plumb_catalog *all = pgcat(), *none = pgcat();
		for (int k = 0; k < PLUMB_OBJ_KIND_COUNT; k++) {
			const plumb_kind_desc *kd = plumb_kind(k);
			plumb_catalog *a = pgcat(), *b = pgcat();
			object_of_kind(b, k, "x", "one");
			object_of_kind(all, k, "x", "one");
			plumb_diff *d = diff(a, b);
			const plumb_change *c = d && d->changes.n == 1 ? d->changes.items[0] : NULL;
			if (!c || c->op != PLUMB_CHANGE_CREATE || c->kind != (plumb_obj_kind)k) {
				printf("# %s: not created\n", kd->name);
				created = false;
			}
			const char *line = first_line(d);
			const char *want = plumb_arena_printf(A, "create %s ", kd->name);
			if (strncmp(line, want, strlen(want)) != 0) {
				printf("# %s: described as \"%s\"\n", kd->name, line);
				named = false;
			}
			d = diff(b, a);
			c = d && d->changes.n == 1 ? d->changes.items[0] : NULL;
			if (!c || c->op != PLUMB_CHANGE_DROP || c->kind != (plumb_obj_kind)k) {
				printf("# %s: not dropped\n", kd->name);
				dropped = false;
			}
			plumb_catalog *b2 = pgcat();
			void *o2 = object_of_kind(b2, k, "x", "two");
			if (k == PLUMB_OBJ_TABLE)
				column(o2, "y", "text");
			d = diff(b, b2);
			c = d && d->changes.n == 1 ? d->changes.items[0] : NULL;
			if (!c || c->op != PLUMB_CHANGE_ALTER || c->kind != (plumb_obj_kind)k) {
				printf("# %s: change not seen\n", kd->name);
				changed = false;
			}
			if (kd->renamed_from_at) {
				plumb_catalog *b3 = pgcat();
				set_field(object_of_kind(b3, k, "y", "one"), kd->renamed_from_at, "x");
				d = diff(b, b3);
				c = d && d->changes.n == 1 ? d->changes.items[0] : NULL;
				if (!c || c->op != PLUMB_CHANGE_ALTER || !c->renamed) {
					printf("# %s: rename not seen\n", kd->name);
					renamed = false;
				}
			}
		}
		ok(created, "every kind is compared: created");
		ok(dropped, "every kind is compared: dropped");
		ok(changed, "every kind is compared: changed");
		ok(renamed, "every kind with rename annotations is compared: renamed");
		ok(named, "every kind is described by its name");

		plumb_obj_kind order[PLUMB_OBJ_KIND_COUNT];
		plumb_kinds_in_order(order);
		plumb_diff *d = diff(none, all);
		bool in_order = d && d->changes.n == PLUMB_OBJ_KIND_COUNT;
		for (size_t i = 0; in_order && i < d->changes.n; i++)
			in_order = ((const plumb_change *)d->changes.items[i])->kind == order[i];
		ok(in_order, "creates follow the table's create order");
		d = diff(all, none);
		in_order = d && d->changes.n == PLUMB_OBJ_KIND_COUNT;
		for (size_t i = 0; in_order && i < d->changes.n; i++)
			in_order = ((const plumb_change *)d->changes.items[i])->kind ==
				   order[PLUMB_OBJ_KIND_COUNT - 1 - i];
		ok(in_order, "drops follow it in reverse");
	}

	/* Records of an altered table: one per change, its parts in the order
	 * of the lines, with names and definitions before and after. */
	{
		plumb_catalog *a = cat(), *b = cat();
		plumb_table *t = table(a, "people");
		column(t, "id", "INTEGER");
		column(t, "name", "TEXT");
		column(t, "age", "TEXT");
		column(t, "tmp", "TEXT");
		constraint(t, PLUMB_CON_CHECK, "CHECK (id > 0)");
		plumb_constraint *k = constraint(t, PLUMB_CON_UNIQUE, "CONSTRAINT u1 UNIQUE (id)");
		k->name = "u1";
		plumb_table *u = table(b, "users");
		u->renamed_from = "people";
		u->strict = true;
		column(u, "id", "INTEGER");
		column(u, "full_name", "TEXT")->renamed_from = "name";
		column(u, "age", "INTEGER");
		column(u, "email", "TEXT");
		constraint(u, PLUMB_CON_CHECK, "CHECK (id > 1)");
		k = constraint(u, PLUMB_CON_UNIQUE, "CONSTRAINT u2 UNIQUE (id)");
		k->name = "u2";
		k->renamed_from = "u1";
		index_(b, "users_email", "users", "CREATE INDEX users_email ON users (email)");
		plumb_diff *d = diff(a, b);
		plumb_vec items = {0};
		is_int(plumb_diff_items(ctx, A, d, &items), 0, "records built");
		is_int(items.n, 2, "one record per change");
		const plumb_diff_item *it = items.items[0];
		ok(it->verb == PLUMB_VERB_RENAME && it->kind == PLUMB_OBJ_TABLE &&
			   strcmp(it->name, "people") == 0 && strcmp(it->new_name, "users") == 0 &&
			   !it->schema && it->change == d->changes.items[0],
		   "table record: renamed from people to users");
		is_int(it->parts.n, 8, "eight parts");
		ok(part_is(part_at(it, 0), PLUMB_VERB_RENAME, PLUMB_PART_COLUMN, "name", "full_name",
			   "name TEXT", "full_name TEXT"),
		   "part: column renamed, definitions before and after");
		ok(part_is(part_at(it, 1), PLUMB_VERB_DROP, PLUMB_PART_COLUMN, "tmp", NULL, "tmp TEXT",
			   NULL),
		   "part: column dropped");
		ok(part_is(part_at(it, 2), PLUMB_VERB_ALTER, PLUMB_PART_COLUMN, "age", NULL, "age TEXT",
			   "age INTEGER"),
		   "part: column changed");
		ok(part_is(part_at(it, 3), PLUMB_VERB_ADD, PLUMB_PART_COLUMN, "email", NULL, NULL,
			   "email TEXT"),
		   "part: column added");
		ok(part_is(part_at(it, 4), PLUMB_VERB_DROP, PLUMB_PART_CONSTRAINT, NULL, NULL,
			   "CHECK (id > 0)", NULL),
		   "part: unnamed constraint dropped");
		ok(part_is(part_at(it, 5), PLUMB_VERB_RENAME, PLUMB_PART_CONSTRAINT, "u1", "u2",
			   "CONSTRAINT u1 UNIQUE (id)", "CONSTRAINT u2 UNIQUE (id)"),
		   "part: constraint renamed");
		ok(part_is(part_at(it, 6), PLUMB_VERB_ADD, PLUMB_PART_CONSTRAINT, NULL, NULL, NULL,
			   "CHECK (id > 1)"),
		   "part: constraint added");
		ok(part_is(part_at(it, 7), PLUMB_VERB_ALTER, PLUMB_PART_OPTIONS, NULL, NULL, "none",
			   "strict"),
		   "part: options before and after");
		is_int(plumb_diff_item_n_lines(it), 9, "a line for the rename and one per part");
		it = items.items[1];
		ok(it->verb == PLUMB_VERB_CREATE && it->kind == PLUMB_OBJ_INDEX &&
			   strcmp(it->name, "users_email") == 0 && !it->parts.n,
		   "index record: created, no parts");
		const char *text = describe(d);
		is_str(text,
		       "rename table \"people\" to \"users\"\n"
		       "rename column \"users\".\"name\" to \"full_name\"\n"
		       "drop column \"users\".\"tmp\"\n"
		       "alter column \"users\".\"age\": age TEXT -> age INTEGER\n"
		       "add column \"users\".\"email\"\n"
		       "drop constraint on \"users\": CHECK (id > 0)\n"
		       "rename constraint on \"users\": \"u1\" to \"u2\"\n"
		       "add constraint on \"users\": CHECK (id > 1)\n"
		       "alter table \"users\" options: strict\n"
		       "create index \"users_email\"\n",
		       "description written from the records");
		is_str(lines_of_items(d), text, "the records' lines are the description");
	}

	/* Records of PostgreSQL objects: schema apart, verbs by kind, an enum's
	 * values as parts that add no line. */
	{
		plumb_catalog *a = pgcat(), *b = pgcat();
		plumb_object *e = object(a, PLUMB_OBJ_ENUM, "public", "mood", "ENUM ('a', 'b', 'c')");
		plumb_vec_push(A, &e->values, "a");
		plumb_vec_push(A, &e->values, "b");
		plumb_vec_push(A, &e->values, "c");
		e = object(b, PLUMB_OBJ_ENUM, "public", "mood", "ENUM ('a', 'bee', 'd')");
		plumb_vec_push(A, &e->values, "a");
		plumb_vec_push(A, &e->values, "bee");
		plumb_vec_push(A, &e->values, "d");
		plumb_vec_push(A, &e->renamed_values, "b");
		plumb_vec_push(A, &e->renamed_values, "bee");
		object(a, PLUMB_OBJ_FUNCTION, "public", "f(integer)", "CREATE FUNCTION f 1");
		object(b, PLUMB_OBJ_FUNCTION, "public", "f(integer)", "CREATE FUNCTION f 2");
		object(b, PLUMB_OBJ_GRANT, "public", "TABLE public.t TO app", "SELECT");
		plumb_diff *d = diff(a, b);
		plumb_vec items = {0};
		plumb_diff_items(ctx, A, d, &items);
		is_int(items.n, 3, "three records");
		const plumb_diff_item *it = items.n == 3 ? items.items[0] : NULL;
		ok(it && it->verb == PLUMB_VERB_ALTER && it->kind == PLUMB_OBJ_ENUM &&
			   strcmp(it->schema, "public") == 0 && strcmp(it->name, "mood") == 0,
		   "enum record: altered in place");
		ok(it && it->parts.n == 3 &&
			   part_is(part_at(it, 0), PLUMB_VERB_RENAME, PLUMB_PART_VALUE, "b", "bee",
				   NULL, NULL) &&
			   part_is(part_at(it, 1), PLUMB_VERB_DROP, PLUMB_PART_VALUE, "c", NULL, NULL,
				   NULL) &&
			   part_is(part_at(it, 2), PLUMB_VERB_ADD, PLUMB_PART_VALUE, "d", NULL, NULL,
				   NULL),
		   "enum parts: value renamed, dropped, added");
		ok(it && plumb_diff_item_n_lines(it) == 1, "an enum's values add no line");
		it = items.n == 3 ? items.items[1] : NULL;
		ok(it && it->verb == PLUMB_VERB_REPLACE && it->kind == PLUMB_OBJ_FUNCTION &&
			   strcmp(it->name, "f(integer)") == 0,
		   "function record: replaced");
		it = items.n == 3 ? items.items[2] : NULL;
		ok(it && it->verb == PLUMB_VERB_CREATE && it->kind == PLUMB_OBJ_GRANT,
		   "grant record: created");
		is_str(describe(d),
		       "alter enum \"public\".\"mood\"\n"
		       "replace function public.f(integer)\n"
		       "create grant TABLE public.t TO app\n",
		       "identifiers quoted, signatures and targets as written");
		is_str(plumb_diff_verb_name(PLUMB_VERB_ADD), "add", "verb names");
		is_int(plumb_diff_items(ctx, A, NULL, &items), 0, "no diff, no records");
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
