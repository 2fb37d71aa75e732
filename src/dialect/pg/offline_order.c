/*
 * The order the offline builder reads a schema's statements in (offline.c):
 * a schema file may be written in any order, as Atlas and pgschema accept,
 * while the builder, like the server, needs an object before what uses it.
 * Each statement says, from its parse tree, the keys it creates (a table, a
 * view, a type, a function, a named constraint, an index, ...) and the
 * objects it changes (ALTER, COMMENT, GRANT, CREATE INDEX, CREATE TRIGGER,
 * DROP, RENAME), and what it names (relations, types, functions, collations:
 * refs.c's walk), qualified with "public" when unqualified; plan/order.c's
 * stable sort then keeps the written order wherever nothing says otherwise.
 *
 * The rules: a statement comes after the CREATE of what it names or changes,
 * after the CREATE SCHEMA of the schema it puts objects in, and after the
 * CREATE EXTENSIONs where the order allows. Statements that change one
 * object keep their written order among themselves, as do the statements
 * creating one name (CREATE OR REPLACE twice); an object that is dropped
 * somewhere keeps all its statements in written order, and so does one
 * renamed away after its CREATE from the rename on (the name may be taken
 * again). What names an object waits, where it can, for the statements
 * that change it (a view over a column an ALTER TABLE adds); what a
 * LANGUAGE sql body in a string reads waits only where it can, since the
 * server binds it when it runs. A statement whose effect only
 * a server knows (a DO block, CALL, a SELECT, SET: offline they are refused
 * or change nothing, and --dev-url runs them) stays where it was written,
 * after every statement written before it and before every one written
 * after, where the order allows. A cycle of creations (two views reading
 * each other) is an error naming each member at its file:line:col. A name no
 * statement creates (a built-in, an extension's object, a missing table) is
 * left to the builder, which reports a missing one at the statement naming
 * it. It neither models nor checks any statement.
 *
 * Each statement is read once, as soon as it is parsed (order_add), into a
 * record of keys, so that its tree can go; the records are linked into the
 * order once every statement is read (order_end), the objects some DROP
 * names known first.
 */
#include <stdio.h>
#include <string.h>

#include "dialect/pg/offline_int.h"
#include "dialect/pg/refs.h"
#include "plan/order.h"

/* What the statements do to one object (by key). */
typedef struct objent {
	long last_creator, last_mod, last_any; /* steps, or -1 */
	bool dropped;
	bool made;    /* the pass before the sort: a statement written so far creates it */
	bool changed; /* some statement changes it: "~key" is provided */
	const char *key;
} objent;

/* One object a statement creates or changes. */
typedef struct touch {
	const char *key;
	bool creates;
} touch;

#define MAX_TOUCH 8

/* What one statement says for the sort, read from its tree. */
typedef struct srec {
	ostmt *st;
	const char *label;
	touch *t; /* what it creates and changes */
	size_t n_t;
	const char **more, **needs; /* keys: created past MAX_TOUCH; needed */
	size_t n_more, n_needs;
	/* keys of the names it holds, and of those a body in a string holds */
	const char **uses, **loose;
	size_t n_uses, n_loose;
	bool server; /* only a server knows what it does */
	bool away;   /* it renames an object away */
	bool drop;   /* a DROP: what it names is dropped somewhere */
	bool ext;    /* it creates or changes objects not schemas or extensions */
} srec;

struct ord {
	ox *x;
	plumb_arena *a; /* everything the sort needs, freed once it is done */
	plumb_arena *scratch; /* one statement's names (refs.c), in a's */
	plumb_order *o;
	plumb_map *objs;   /* key -> objent */
	plumb_vec changed; /* objent *: objects some statement changes */
	/* the statement being read */
	touch t[MAX_TOUCH];
	size_t n_t;
	const char *word; /* what it is, for its label */
	const char *name; /* schema.name of what it creates or changes first */
	bool schemaless;  /* creates or changes only schemas and extensions */
	plumb_vec more;	  /* const char *: keys created past MAX_TOUCH (constraints) */
	plumb_vec needs;  /* const char *: hard needs beyond the tree's names */
	plumb_vec recs;	  /* srec *: the statements read, in written order */
	long barrier; /* the last statement only a server knows, or -1 */
	long since;   /* the first step after it */
	bool failed;
};

static const char *key(ord *r, char kind, const char *schema, const char *name, const char *sub)
{
	const char *k = sub ? plumb_arena_printf(r->a, "%c\x1f%s\x1f%s\x1f%s", kind, sch(schema),
						 name ? name : "", sub)
			: kind == 's' || kind == 'e'
				? plumb_arena_printf(r->a, "%c\x1f%s", kind, name ? name : "")
				: plumb_arena_printf(r->a, "%c\x1f%s\x1f%s", kind, sch(schema),
						     name ? name : "");
	if (!k)
		r->failed = true;
	return k;
}

static objent *ent(ord *r, const char *k)
{
	objent *e = plumb_map_get(r->objs, k, NULL, NULL);
	if (e || !k)
		return e;
	e = plumb_arena_alloc(r->a, sizeof(*e));
	if (!e || plumb_map_put(r->objs, k, NULL, NULL, e) < 0) {
		r->failed = true;
		return NULL;
	}
	*e = (objent){.last_creator = -1, .last_mod = -1, .last_any = -1, .key = k};
	return e;
}

/* The statement creates (creates) or changes the object of key k. */
static void touches(ord *r, const char *k, bool creates, const char *schema, const char *name)
{
	if (!k)
		return;
	if (!r->name && name)
		r->name = schema && strcmp(schema, "public") != 0
				  ? plumb_arena_printf(r->a, "%s.%s", schema, name)
				  : name;
	if (k[0] != 's' && k[0] != 'e')
		r->schemaless = false;
	if (r->n_t < MAX_TOUCH)
		r->t[r->n_t++] = (touch){k, creates};
	else if (creates && plumb_vec_push(r->a, &r->more, (void *)k) < 0)
		r->failed = true;
	/* objects put in a schema other than public wait for its CREATE SCHEMA */
	if (creates && k[0] != 's' && k[0] != 'e' && schema && strcmp(schema, "public") != 0 &&
	    strcmp(schema, "pg_catalog") != 0)
		r->failed |= plumb_vec_push(r->a, &r->needs,
					    (void *)key(r, 's', NULL, schema, NULL)) < 0;
}

static void creates(ord *r, char kind, const char *schema, const char *name, const char *sub)
{
	touches(r, key(r, kind, schema, name, sub), true, sch(schema), name);
}

static void changes(ord *r, char kind, const char *schema, const char *name, const char *sub)
{
	touches(r, key(r, kind, schema, name, sub), false, sch(schema), name);
}

static void needs(ord *r, char kind, const char *schema, const char *name)
{
	const char *k = key(r, kind, schema, name, NULL);
	if (k && plumb_vec_push(r->a, &r->needs, (void *)k) < 0)
		r->failed = true;
}

/* --- what a statement creates and changes ------------------------------------------------ */

static void names_of(PgQuery__Node **v, size_t n, const char **schema, const char **name)
{
	split_names(v, n, schema, name);
}

/* An operator class or family: "name USING am" of a name list, its schema
 * into *schema; NULL when out of memory. */
static const char *opc_name(ord *r, PgQuery__Node **v, size_t n, const char *am,
			    const char **schema)
{
	const char *name;
	names_of(v, n, schema, &name);
	const char *s = plumb_arena_printf(r->a, "%s USING %s", name, am ? am : "btree");
	if (!s)
		r->failed = true;
	return s;
}

/* The items of CREATE OPERATOR CLASS or ALTER OPERATOR FAMILY ... ADD:
 * their operators and functions first (the functions are in the tree's
 * names too, as refs.c reads them). */
static void opc_items(ord *r, PgQuery__Node **items, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (items[i]->node_case != PG_QUERY__NODE__NODE_CREATE_OP_CLASS_ITEM)
			continue;
		PgQuery__CreateOpClassItem *it = items[i]->create_op_class_item;
		const char *schema, *name;
		if (it->itemtype == 1 && it->name) {
			names_of(it->name->objname, it->name->n_objname, &schema, &name);
			needs(r, 'o', schema, name);
		}
		if (it->n_order_family) {
			const char *s = opc_name(r, it->order_family, it->n_order_family, "btree",
						 &schema);
			needs(r, 'y', schema, s);
		}
	}
}

/* The object of type objtype that node names (as DROP, COMMENT ON, GRANT and
 * ALTER ... OWNER write it), changed. */
static void object(ord *r, PgQuery__ObjectType objtype, PgQuery__Node *node)
{
	const char *schema = "public", *name = NULL, *sub = NULL;
	PgQuery__Node **v = NULL;
	size_t n = 0;
	if (!node)
		return;
	if (node->node_case == PG_QUERY__NODE__NODE_LIST) {
		v = node->list->items;
		n = node->list->n_items;
	}
	switch (objtype) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
		if (node->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
			schema = node->range_var->schemaname;
			name = node->range_var->relname;
		} else if (node->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) {
			names_of(node->type_name->names, node->type_name->n_names, &schema, &name);
		} else if (n) {
			names_of(v, n, &schema, &name);
		}
		if (name)
			changes(r, 'n', schema, name, NULL);
		return;
	case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
		if (n >= 2) {
			names_of(v, n - 1, &schema, &name);
			changes(r, 'n', schema, name, NULL);
		}
		return;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
	case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
	case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
	case PG_QUERY__OBJECT_TYPE__OBJECT_RULE:
		if (n >= 2 && (sub = plumb__pg_strval(v[n - 1]))) {
			names_of(v, n - 1, &schema, &name);
			changes(r, 'n', schema, name, sub);
			/* an implicit name is created by no statement: its table then */
			needs(r, 'n', schema, name);
		}
		return;
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMCONSTRAINT:
		if (n == 2 && v[0]->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) {
			names_of(v[0]->type_name->names, v[0]->type_name->n_names, &schema, &name);
			changes(r, 'n', schema, name, NULL);
		}
		return;
	case PG_QUERY__OBJECT_TYPE__OBJECT_FUNCTION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_PROCEDURE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_ROUTINE:
		if (node->node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
			PgQuery__ObjectWithArgs *ow = node->object_with_args;
			names_of(ow->objname, ow->n_objname, &schema, &name);
			changes(r, 'f', schema, name, NULL);
		}
		return;
	case PG_QUERY__OBJECT_TYPE__OBJECT_COLLATION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_STATISTIC_EXT:
		if (n) {
			names_of(v, n, &schema, &name);
			changes(r, objtype == PG_QUERY__OBJECT_TYPE__OBJECT_COLLATION ? 'c' : 'x',
				schema, name, NULL);
		}
		return;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TSDICTIONARY:
	case PG_QUERY__OBJECT_TYPE__OBJECT_TSCONFIGURATION:
		if (n) {
			names_of(v, n, &schema, &name);
			changes(r, 't', schema, name, NULL);
		}
		return;
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPERATOR:
		if (node->node_case == PG_QUERY__NODE__NODE_OBJECT_WITH_ARGS) {
			PgQuery__ObjectWithArgs *ow = node->object_with_args;
			names_of(ow->objname, ow->n_objname, &schema, &name);
			changes(r, 'o', schema, name, NULL);
		}
		return;
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPCLASS:
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPFAMILY:
		/* (am, name...) */
		if (n >= 2 && (name = opc_name(r, v + 1, n - 1, plumb__pg_strval(v[0]), &schema)))
			changes(r, objtype == PG_QUERY__OBJECT_TYPE__OBJECT_OPCLASS ? 'k' : 'y',
				schema, name, NULL);
		return;
	case PG_QUERY__OBJECT_TYPE__OBJECT_FDW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_SERVER:
		if ((name = plumb__pg_strval(node)))
			changes(r, objtype == PG_QUERY__OBJECT_TYPE__OBJECT_FDW ? 'w' : 'S', NULL,
				name, NULL);
		return;
	case PG_QUERY__OBJECT_TYPE__OBJECT_LANGUAGE:
		if ((name = plumb__pg_strval(node)))
			changes(r, 'l', NULL, name, NULL);
		return;
	case PG_QUERY__OBJECT_TYPE__OBJECT_PUBLICATION:
	case PG_QUERY__OBJECT_TYPE__OBJECT_EVENT_TRIGGER:
		if ((name = plumb__pg_strval(node)))
			changes(r, objtype == PG_QUERY__OBJECT_TYPE__OBJECT_PUBLICATION ? 'p' : 'v',
				NULL, name, NULL);
		return;
	case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
	case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION:
		if ((name = plumb__pg_strval(node)))
			changes(r, objtype == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA ? 's' : 'e',
				NULL, name, NULL);
		return;
	default:
		return;
	}
}

static void range_var(ord *r, PgQuery__RangeVar *rv, bool create)
{
	if (rv && rv->relname)
		touches(r, key(r, 'n', rv->schemaname, rv->relname, NULL), create,
			sch(rv->schemaname), rv->relname);
}

static void list_name(ord *r, char kind, PgQuery__Node **v, size_t n, bool create)
{
	const char *schema, *name;
	if (!n)
		return;
	names_of(v, n, &schema, &name);
	touches(r, key(r, kind, schema, name, NULL), create, schema, name);
}

/* A named constraint of table rv (a key's index is a relation of that name). */
static void constraint(ord *r, PgQuery__RangeVar *rv, const PgQuery__Node *n)
{
	if (!rv || n->node_case != PG_QUERY__NODE__NODE_CONSTRAINT || empty(n->constraint->conname))
		return;
	const PgQuery__Constraint *c = n->constraint;
	creates(r, 'n', rv->schemaname, rv->relname, c->conname);
	if (c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY ||
	    c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE ||
	    c->contype == PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION)
		creates(r, 'n', rv->schemaname, c->conname, NULL);
}

static void create_stmt(ord *r, PgQuery__CreateStmt *cs)
{
	range_var(r, cs->relation, true);
	for (size_t i = 0; i < cs->n_table_elts; i++) {
		PgQuery__Node *e = cs->table_elts[i];
		if (e->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
			constraint(r, cs->relation, e);
		else if (e->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF)
			for (size_t j = 0; j < e->column_def->n_constraints; j++)
				constraint(r, cs->relation, e->column_def->constraints[j]);
	}
}

/* The table an OWNED BY of a sequence's options names. */
static void owned_by(ord *r, PgQuery__Node **opts, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		const PgQuery__Node *o = opts[i];
		if (o->node_case != PG_QUERY__NODE__NODE_DEF_ELEM || !o->def_elem->defname ||
		    strcmp(o->def_elem->defname, "owned_by") != 0 || !o->def_elem->arg ||
		    o->def_elem->arg->node_case != PG_QUERY__NODE__NODE_LIST)
			continue;
		PgQuery__List *l = o->def_elem->arg->list;
		const char *schema, *name;
		if (l->n_items >= 2) {
			names_of(l->items, l->n_items - 1, &schema, &name);
			needs(r, 'n', schema, name);
		}
	}
}

/* The functions a CREATE OPERATOR names: PROCEDURE (FUNCTION), RESTRICT,
 * JOIN (the tree holds them as type names). */
static void operator_procs(ord *r, PgQuery__DefineStmt *ds)
{
	static const char *const procs[] = {"procedure", "function", "restrict", "join"};
	for (size_t i = 0; i < ds->n_definition; i++) {
		const PgQuery__Node *n = ds->definition[i];
		if (n->node_case != PG_QUERY__NODE__NODE_DEF_ELEM || !n->def_elem->arg ||
		    n->def_elem->arg->node_case != PG_QUERY__NODE__NODE_TYPE_NAME)
			continue;
		const PgQuery__TypeName *tn = n->def_elem->arg->type_name;
		for (size_t j = 0; j < sizeof(procs) / sizeof(procs[0]); j++)
			if (strcmp(n->def_elem->defname, procs[j]) == 0) {
				const char *schema, *name;
				names_of(tn->names, tn->n_names, &schema, &name);
				needs(r, 'f', schema, name);
			}
	}
}

static void rename_stmt(ord *r, PgQuery__RenameStmt *rs)
{
	PgQuery__RangeVar *rv = rs->relation;
	switch (rs->rename_type) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE:
		range_var(r, rv, false);
		if (rv && rs->newname)
			creates(r, 'n', rv->schemaname, rs->newname, NULL);
		return;
	case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
	case PG_QUERY__OBJECT_TYPE__OBJECT_ATTRIBUTE:
		range_var(r, rv, false);
		return;
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPCLASS:
	case PG_QUERY__OBJECT_TYPE__OBJECT_OPFAMILY: {
		object(r, rs->rename_type, rs->object);
		PgQuery__Node *o = rs->object;
		if (!o || o->node_case != PG_QUERY__NODE__NODE_LIST || o->list->n_items < 2 ||
		    !rs->newname)
			return;
		const char *schema, *name;
		names_of(o->list->items + 1, o->list->n_items - 1, &schema, &name);
		const char *nw = plumb_arena_printf(r->a, "%s USING %s", rs->newname,
						    plumb__pg_strval(o->list->items[0]));
		creates(r, rs->rename_type == PG_QUERY__OBJECT_TYPE__OBJECT_OPCLASS ? 'k' : 'y',
			schema, nw, NULL);
		return;
	}
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
	case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
	case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
	case PG_QUERY__OBJECT_TYPE__OBJECT_RULE:
		if (!rv) {
			object(r, rs->rename_type, rs->object);
			return;
		}
		if (rs->subname)
			changes(r, 'n', rv->schemaname, rv->relname, rs->subname);
		needs(r, 'n', rv->schemaname, rv->relname);
		if (rs->newname)
			creates(r, 'n', rv->schemaname, rv->relname, rs->newname);
		return;
	default: {
		object(r, rs->rename_type, rs->object);
		if (!r->n_t || !rs->newname)
			return;
		/* the same kind and schema, the new name */
		const char *k = r->t[0].key, *s1 = strchr(k, '\x1f');
		const char *s2 = s1 ? strchr(s1 + 1, '\x1f') : NULL;
		char *schema = s2 ? plumb_arena_strndup(r->a, s1 + 1, (size_t)(s2 - s1 - 1)) : NULL;
		if (k[0] == 's' || k[0] == 'e' || !schema)
			creates(r, k[0], NULL, rs->newname, NULL);
		else
			creates(r, k[0], schema, rs->newname, NULL);
		return;
	}
	}
}

/* What statement s creates and changes. */
static void objects_of(ord *r, PgQuery__Node *s)
{
	switch (s->node_case) {
	case PG_QUERY__NODE__NODE_CREATE_STMT:
		r->word = "table";
		create_stmt(r, s->create_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_FOREIGN_TABLE_STMT:
		r->word = "foreign table";
		if (s->create_foreign_table_stmt->base_stmt)
			create_stmt(r, s->create_foreign_table_stmt->base_stmt);
		needs(r, 'S', NULL, s->create_foreign_table_stmt->servername);
		break;
	case PG_QUERY__NODE__NODE_INDEX_STMT: {
		PgQuery__IndexStmt *is = s->index_stmt;
		r->word = "index";
		if (!empty(is->idxname) && is->relation)
			creates(r, 'n', is->relation->schemaname, is->idxname, NULL);
		range_var(r, is->relation, false);
		for (size_t i = 0; i < is->n_index_params; i++) {
			const PgQuery__Node *e = is->index_params[i];
			const char *schema, *name;
			if (e->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM &&
			    e->index_elem->n_opclass &&
			    (name = opc_name(r, e->index_elem->opclass, e->index_elem->n_opclass,
					     empty(is->access_method) ? NULL : is->access_method,
					     &schema)))
				needs(r, 'k', schema, name);
		}
		break;
	}
	case PG_QUERY__NODE__NODE_VIEW_STMT:
		r->word = "view";
		range_var(r, s->view_stmt->view, true);
		break;
	case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
		r->word = "materialized view";
		if (s->create_table_as_stmt->into)
			range_var(r, s->create_table_as_stmt->into->rel, true);
		break;
	case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
		r->word = "type";
		list_name(r, 'n', s->create_enum_stmt->type_name, s->create_enum_stmt->n_type_name,
			  true);
		break;
	case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
		r->word = "type";
		list_name(r, 'n', s->create_range_stmt->type_name,
			  s->create_range_stmt->n_type_name, true);
		break;
	case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT:
		r->word = "type";
		range_var(r, s->composite_type_stmt->typevar, true);
		break;
	case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
		r->word = "domain";
		list_name(r, 'n', s->create_domain_stmt->domainname,
			  s->create_domain_stmt->n_domainname, true);
		break;
	case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT:
		r->word = "sequence";
		range_var(r, s->create_seq_stmt->sequence, true);
		owned_by(r, s->create_seq_stmt->options, s->create_seq_stmt->n_options);
		break;
	case PG_QUERY__NODE__NODE_DEFINE_STMT: {
		PgQuery__DefineStmt *ds = s->define_stmt;
		if (ds->kind == PG_QUERY__OBJECT_TYPE__OBJECT_COLLATION) {
			r->word = "collation";
			list_name(r, 'c', ds->defnames, ds->n_defnames, true);
		} else if (ds->kind == PG_QUERY__OBJECT_TYPE__OBJECT_AGGREGATE) {
			r->word = "aggregate";
			list_name(r, 'f', ds->defnames, ds->n_defnames, true);
		} else if (ds->kind == PG_QUERY__OBJECT_TYPE__OBJECT_TYPE) {
			r->word = "type";
			list_name(r, 'n', ds->defnames, ds->n_defnames, true);
		} else if (ds->kind == PG_QUERY__OBJECT_TYPE__OBJECT_TSDICTIONARY ||
			   ds->kind == PG_QUERY__OBJECT_TYPE__OBJECT_TSCONFIGURATION) {
			r->word = "text search object";
			list_name(r, 't', ds->defnames, ds->n_defnames, true);
			for (size_t i = 0; i < ds->n_definition; i++) {
				/* COPY = another configuration */
				const PgQuery__Node *n = ds->definition[i];
				if (n->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
				    strcmp(n->def_elem->defname, "copy") == 0 && n->def_elem->arg &&
				    n->def_elem->arg->node_case == PG_QUERY__NODE__NODE_TYPE_NAME) {
					const char *schema, *name;
					names_of(n->def_elem->arg->type_name->names,
						 n->def_elem->arg->type_name->n_names, &schema,
						 &name);
					needs(r, 't', schema, name);
				}
			}
		} else if (ds->kind == PG_QUERY__OBJECT_TYPE__OBJECT_OPERATOR) {
			r->word = "operator";
			list_name(r, 'o', ds->defnames, ds->n_defnames, true);
			operator_procs(r, ds);
		}
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
		r->word = s->create_function_stmt->is_procedure ? "procedure" : "function";
		list_name(r, 'f', s->create_function_stmt->funcname,
			  s->create_function_stmt->n_funcname, true);
		break;
	case PG_QUERY__NODE__NODE_CREATE_TRIG_STMT: {
		PgQuery__CreateTrigStmt *ts = s->create_trig_stmt;
		r->word = "trigger";
		if (ts->relation && ts->trigname)
			creates(r, 'n', ts->relation->schemaname, ts->relation->relname,
				ts->trigname);
		range_var(r, ts->relation, false);
		if (ts->n_funcname) {
			const char *schema, *name;
			names_of(ts->funcname, ts->n_funcname, &schema, &name);
			needs(r, 'f', schema, name);
		}
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT: {
		PgQuery__CreatePolicyStmt *ps = s->create_policy_stmt;
		r->word = "policy";
		if (ps->table && ps->policy_name)
			creates(r, 'n', ps->table->schemaname, ps->table->relname, ps->policy_name);
		range_var(r, ps->table, false);
		break;
	}
	case PG_QUERY__NODE__NODE_RULE_STMT: {
		PgQuery__RuleStmt *rs = s->rule_stmt;
		r->word = "rule";
		if (rs->relation && rs->rulename)
			creates(r, 'n', rs->relation->schemaname, rs->relation->relname,
				rs->rulename);
		range_var(r, rs->relation, false);
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_STATS_STMT: {
		PgQuery__CreateStatsStmt *cs = s->create_stats_stmt;
		r->word = "statistics";
		PgQuery__RangeVar *rv =
			cs->n_relations && cs->relations[0]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR
				? cs->relations[0]->range_var
				: NULL;
		if (cs->n_defnames)
			list_name(r, 'x', cs->defnames, cs->n_defnames, true);
		range_var(r, rv, false);
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_EVENT_TRIG_STMT: {
		PgQuery__CreateEventTrigStmt *es = s->create_event_trig_stmt;
		r->word = "event trigger";
		creates(r, 'v', NULL, es->trigname, NULL);
		if (es->n_funcname) {
			const char *schema, *name;
			names_of(es->funcname, es->n_funcname, &schema, &name);
			needs(r, 'f', schema, name);
		}
		break;
	}
	case PG_QUERY__NODE__NODE_ALTER_EVENT_TRIG_STMT:
		r->word = "ALTER EVENT TRIGGER";
		changes(r, 'v', NULL, s->alter_event_trig_stmt->trigname, NULL);
		break;
	case PG_QUERY__NODE__NODE_CREATE_PLANG_STMT:
		r->word = "language";
		creates(r, 'l', NULL, s->create_plang_stmt->plname, NULL);
		break;
	case PG_QUERY__NODE__NODE_CREATE_FDW_STMT:
		r->word = "foreign-data wrapper";
		creates(r, 'w', NULL, s->create_fdw_stmt->fdwname, NULL);
		break;
	case PG_QUERY__NODE__NODE_ALTER_FDW_STMT:
		r->word = "ALTER FOREIGN DATA WRAPPER";
		changes(r, 'w', NULL, s->alter_fdw_stmt->fdwname, NULL);
		break;
	case PG_QUERY__NODE__NODE_CREATE_FOREIGN_SERVER_STMT:
		r->word = "server";
		creates(r, 'S', NULL, s->create_foreign_server_stmt->servername, NULL);
		needs(r, 'w', NULL, s->create_foreign_server_stmt->fdwname);
		break;
	case PG_QUERY__NODE__NODE_ALTER_FOREIGN_SERVER_STMT:
		r->word = "ALTER SERVER";
		changes(r, 'S', NULL, s->alter_foreign_server_stmt->servername, NULL);
		break;
	case PG_QUERY__NODE__NODE_CREATE_PUBLICATION_STMT:
		r->word = "publication";
		creates(r, 'p', NULL, s->create_publication_stmt->pubname, NULL);
		break;
	case PG_QUERY__NODE__NODE_ALTER_PUBLICATION_STMT:
		r->word = "ALTER PUBLICATION";
		changes(r, 'p', NULL, s->alter_publication_stmt->pubname, NULL);
		break;
	case PG_QUERY__NODE__NODE_ALTER_STATS_STMT:
		r->word = "ALTER STATISTICS";
		list_name(r, 'x', s->alter_stats_stmt->defnames, s->alter_stats_stmt->n_defnames,
			  false);
		break;
	case PG_QUERY__NODE__NODE_ALTER_OBJECT_SCHEMA_STMT: {
		PgQuery__AlterObjectSchemaStmt *as = s->alter_object_schema_stmt;
		if (as->object_type != PG_QUERY__OBJECT_TYPE__OBJECT_STATISTIC_EXT || !as->object ||
		    as->object->node_case != PG_QUERY__NODE__NODE_LIST)
			break;
		r->word = "ALTER STATISTICS";
		const char *schema, *name;
		names_of(as->object->list->items, as->object->list->n_items, &schema, &name);
		changes(r, 'x', schema, name, NULL);
		if (!empty(as->newschema))
			creates(r, 'x', as->newschema, name, NULL);
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_EXTENSION_STMT: {
		PgQuery__CreateExtensionStmt *es = s->create_extension_stmt;
		r->word = "extension";
		creates(r, 'e', NULL, es->extname, NULL);
		creates(r, 'e', NULL, "", NULL); /* every extension: see the end */
		for (size_t i = 0; i < es->n_options; i++) {
			const PgQuery__Node *o = es->options[i];
			const char *v = o->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
							o->def_elem->defname &&
							strcmp(o->def_elem->defname, "schema") == 0
						? plumb__pg_strval(o->def_elem->arg)
						: NULL;
			if (v && strcmp(v, "public") != 0 && strcmp(v, "pg_catalog") != 0)
				needs(r, 's', NULL, v);
		}
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_SCHEMA_STMT: {
		PgQuery__CreateSchemaStmt *cs = s->create_schema_stmt;
		r->word = "schema";
		const char *name = !empty(cs->schemaname) ? cs->schemaname
				   : cs->authrole	  ? cs->authrole->rolename
							  : NULL;
		if (!empty(name))
			creates(r, 's', NULL, name, NULL);
		break;
	}
	case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT: {
		PgQuery__AlterTableStmt *as = s->alter_table_stmt;
		r->word = "ALTER";
		range_var(r, as->relation, false);
		for (size_t i = 0; i < as->n_cmds; i++) {
			const PgQuery__Node *c = as->cmds[i];
			if (c->node_case == PG_QUERY__NODE__NODE_ALTER_TABLE_CMD &&
			    c->alter_table_cmd->def)
				constraint(r, as->relation, c->alter_table_cmd->def);
		}
		break;
	}
	case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
		r->word = "ALTER TYPE";
		list_name(r, 'n', s->alter_enum_stmt->type_name, s->alter_enum_stmt->n_type_name,
			  false);
		break;
	case PG_QUERY__NODE__NODE_ALTER_SEQ_STMT:
		r->word = "ALTER SEQUENCE";
		range_var(r, s->alter_seq_stmt->sequence, false);
		owned_by(r, s->alter_seq_stmt->options, s->alter_seq_stmt->n_options);
		break;
	case PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT:
		r->word = "ALTER DOMAIN";
		list_name(r, 'n', s->alter_domain_stmt->type_name,
			  s->alter_domain_stmt->n_type_name, false);
		break;
	case PG_QUERY__NODE__NODE_ALTER_FUNCTION_STMT: {
		PgQuery__ObjectWithArgs *ow = s->alter_function_stmt->func;
		r->word = "ALTER FUNCTION";
		if (ow)
			list_name(r, 'f', ow->objname, ow->n_objname, false);
		break;
	}
	case PG_QUERY__NODE__NODE_ALTER_TSDICTIONARY_STMT:
		r->word = "ALTER TEXT SEARCH DICTIONARY";
		list_name(r, 't', s->alter_tsdictionary_stmt->dictname,
			  s->alter_tsdictionary_stmt->n_dictname, false);
		break;
	case PG_QUERY__NODE__NODE_CREATE_OP_FAMILY_STMT: {
		PgQuery__CreateOpFamilyStmt *cs = s->create_op_family_stmt;
		const char *schema, *name;
		r->word = "operator family";
		if ((name = opc_name(r, cs->opfamilyname, cs->n_opfamilyname, cs->amname, &schema)))
			creates(r, 'y', schema, name, NULL);
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_OP_CLASS_STMT: {
		PgQuery__CreateOpClassStmt *cs = s->create_op_class_stmt;
		const char *schema, *name, *fs, *fn;
		r->word = "operator class";
		if ((name = opc_name(r, cs->opclassname, cs->n_opclassname, cs->amname, &schema)))
			creates(r, 'k', schema, name, NULL);
		/* its family: the one named, or the one of its name it makes
		 * (after a CREATE OPERATOR FAMILY of that name) */
		if (!cs->n_opfamilyname && name)
			creates(r, 'y', schema, name, NULL);
		else if (cs->n_opfamilyname &&
			 (fn = opc_name(r, cs->opfamilyname, cs->n_opfamilyname, cs->amname, &fs)))
			needs(r, 'y', fs, fn);
		opc_items(r, cs->items, cs->n_items);
		break;
	}
	case PG_QUERY__NODE__NODE_ALTER_OP_FAMILY_STMT: {
		PgQuery__AlterOpFamilyStmt *as = s->alter_op_family_stmt;
		const char *schema, *name;
		r->word = "ALTER OPERATOR FAMILY";
		if ((name = opc_name(r, as->opfamilyname, as->n_opfamilyname, as->amname, &schema)))
			changes(r, 'y', schema, name, NULL);
		opc_items(r, as->items, as->n_items);
		break;
	}
	case PG_QUERY__NODE__NODE_ALTER_TSCONFIGURATION_STMT: {
		PgQuery__AlterTSConfigurationStmt *as = s->alter_tsconfiguration_stmt;
		r->word = "ALTER TEXT SEARCH CONFIGURATION";
		list_name(r, 't', as->cfgname, as->n_cfgname, false);
		for (size_t i = 0; i < as->n_dicts; i++)
			if (as->dicts[i]->node_case == PG_QUERY__NODE__NODE_LIST) {
				const char *schema, *name;
				names_of(as->dicts[i]->list->items, as->dicts[i]->list->n_items,
					 &schema, &name);
				needs(r, 't', schema, name);
			}
		break;
	}
	case PG_QUERY__NODE__NODE_ALTER_OPERATOR_STMT: {
		PgQuery__ObjectWithArgs *ow = s->alter_operator_stmt->opername;
		r->word = "ALTER OPERATOR";
		if (ow)
			list_name(r, 'o', ow->objname, ow->n_objname, false);
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_CAST_STMT: {
		PgQuery__CreateCastStmt *cs = s->create_cast_stmt;
		r->word = "cast";
		if (cs->func) {
			const char *schema, *name;
			names_of(cs->func->objname, cs->func->n_objname, &schema, &name);
			needs(r, 'f', schema, name);
		}
		break;
	}
	case PG_QUERY__NODE__NODE_ALTER_POLICY_STMT: {
		PgQuery__AlterPolicyStmt *ap = s->alter_policy_stmt;
		r->word = "ALTER POLICY";
		if (ap->table && ap->policy_name)
			changes(r, 'n', ap->table->schemaname, ap->table->relname, ap->policy_name);
		break;
	}
	case PG_QUERY__NODE__NODE_ALTER_EXTENSION_STMT:
		r->word = "ALTER EXTENSION";
		changes(r, 'e', NULL, s->alter_extension_stmt->extname, NULL);
		break;
	case PG_QUERY__NODE__NODE_ALTER_EXTENSION_CONTENTS_STMT:
		r->word = "ALTER EXTENSION";
		changes(r, 'e', NULL, s->alter_extension_contents_stmt->extname, NULL);
		break;
	case PG_QUERY__NODE__NODE_COMMENT_STMT:
		r->word = "COMMENT ON";
		object(r, s->comment_stmt->objtype, s->comment_stmt->object);
		break;
	case PG_QUERY__NODE__NODE_GRANT_STMT: {
		PgQuery__GrantStmt *gs = s->grant_stmt;
		r->word = gs->is_grant ? "GRANT ON" : "REVOKE ON";
		if (gs->targtype != PG_QUERY__GRANT_TARGET_TYPE__ACL_TARGET_OBJECT)
			break;
		for (size_t i = 0; i < gs->n_objects; i++)
			object(r, gs->objtype, gs->objects[i]);
		break;
	}
	case PG_QUERY__NODE__NODE_DROP_STMT:
		r->word = "DROP";
		for (size_t i = 0; i < s->drop_stmt->n_objects; i++)
			object(r, s->drop_stmt->remove_type, s->drop_stmt->objects[i]);
		break;
	case PG_QUERY__NODE__NODE_RENAME_STMT:
		r->word = "RENAME";
		rename_stmt(r, s->rename_stmt);
		break;
	case PG_QUERY__NODE__NODE_ALTER_OWNER_STMT: {
		PgQuery__AlterOwnerStmt *os = s->alter_owner_stmt;
		r->word = "ALTER OWNER";
		if (os->relation)
			range_var(r, os->relation, false);
		else
			object(r, os->object_type, os->object);
		break;
	}
	default:
		break;
	}
}

/* --- the sort ---------------------------------------------------------------------------- */

static bool own(const ord *r, const char *k)
{
	for (size_t i = 0; i < r->n_t; i++)
		if (strcmp(r->t[i].key, k) == 0)
			return true;
	return false;
}

static void need(ord *r, long step, const char *k, bool soft)
{
	if (k && plumb_order_needs(r->o, step, k, soft) < 0)
		r->failed = true;
}

static void provide(ord *r, long step, const char *k)
{
	if (k && plumb_order_provides(r->o, step, k) < 0)
		r->failed = true;
}

static void after_step(ord *r, long step, long before, bool soft)
{
	if (before >= 0 && plumb_order_after(r->o, step, before, soft) < 0)
		r->failed = true;
}

/* An object dropped somewhere is the one the statements written so far
 * made (CREATE TABLE o; ... OWNED BY o.id; DROP TABLE o; CREATE TABLE o):
 * a statement naming it stays after them, in written order. */
static bool anchored(ord *r, long step, const objent *e, bool soft)
{
	if (!e || !e->dropped || e->last_any < 0)
		return false;
	after_step(r, step, e->last_any, soft);
	return true;
}

/* A name the statement uses: its CREATE first (soft: only where the order
 * allows). Where its CREATE was written before the statement, the changes
 * written before it too, so that a file in order reads as the server runs
 * it (a table inheriting from one an ALTER changes later, say); where it
 * was written after, every change, where the order allows: what names an
 * object not yet created is read against the object the files describe. */
static void uses(ord *r, long step, const char *k, bool soft)
{
	if (!k || own(r, k))
		return;
	/* every object a statement creates or changes has its entry before
	 * any step is linked (sort_statements): one without, a built-in type
	 * or function say, has nothing to wait for */
	objent *e = plumb_map_get(r->objs, k, NULL, NULL);
	if (!e)
		return;
	if (anchored(r, step, e, soft))
		return;
	need(r, step, k, soft);
	if (e && e->last_creator >= 0)
		after_step(r, step, e->last_mod, true);
	else
		need(r, step, plumb_arena_printf(r->a, "=%s", k), true);
}

/* Does s rename an object away (not a column: the table keeps its name)? */
static bool renames_away(const PgQuery__Node *s)
{
	if (s->node_case != PG_QUERY__NODE__NODE_RENAME_STMT)
		return false;
	PgQuery__ObjectType t = s->rename_stmt->rename_type;
	return t != PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN &&
	       t != PG_QUERY__OBJECT_TYPE__OBJECT_ATTRIBUTE;
}

/* Does s do what only a server knows, whatever it names: run code (DO,
 * CALL, a SELECT) or set what the statements after it read (SET)? */
static bool server_only(const PgQuery__Node *s)
{
	switch (s->node_case) {
	case PG_QUERY__NODE__NODE_DO_STMT:
	case PG_QUERY__NODE__NODE_CALL_STMT:
	case PG_QUERY__NODE__NODE_SELECT_STMT:
	case PG_QUERY__NODE__NODE_VARIABLE_SET_STMT:
		return true;
	default:
		return false;
	}
}

/* Keeps step in its written place around the statements only a server
 * knows (soft: a schema file in any order still reads). */
static void in_place(ord *r, long step, bool server)
{
	if (r->barrier >= 0)
		after_step(r, step, r->barrier, true);
	if (!server)
		return;
	for (long k = r->since; k < step; k++)
		after_step(r, step, k, true);
	r->barrier = step;
	r->since = step + 1;
}

/* A copy of v's items in r's memory, for a record. */
static const char **keys_of(ord *r, const plumb_vec *v, size_t *n)
{
	*n = v->n;
	if (!v->n)
		return NULL;
	const char **k = plumb_arena_alloc(r->a, v->n * sizeof(*k));
	if (!k) {
		r->failed = true;
		*n = 0;
		return NULL;
	}
	memcpy(k, v->items, v->n * sizeof(*k));
	return k;
}

/* The keys of the names of v, of kind, pushed on u. */
static void name_keys(ord *r, char kind, const plumb_vec *v, plumb_vec *u)
{
	for (size_t i = 0; i < v->n; i++) {
		const plumb_pg_name *n = v->items[i];
		const char *k = key(r, kind, n->schema, n->name, NULL);
		if (!k || plumb_vec_push(r->a, u, (void *)k) < 0)
			r->failed = true;
	}
}

/* One statement: what it creates and changes, the names its tree holds,
 * read into a record (its tree may go after), before any step is added:
 * the objects some DROP names are known first. */
void order_add(ord *r, ostmt *st, const char *path)
{
	PgQuery__Node *s = st->raw->stmt;
	srec *rec = plumb_arena_alloc(r->a, sizeof(*rec));
	if (!rec || plumb_vec_push(r->a, &r->recs, rec) < 0) {
		r->failed = true;
		return;
	}
	r->n_t = 0;
	r->word = NULL;
	r->name = NULL;
	r->schemaless = true;
	r->more.n = 0;
	r->needs.n = 0;
	if (s)
		objects_of(r, s);
	rec->st = st;
	rec->label = plumb_arena_printf(r->a, "%s%s%s (%s:%d:%d)", r->word ? r->word : "statement",
					r->name ? " " : "", r->name ? r->name : "", path, st->line,
					st->col);
	rec->n_t = r->n_t;
	if (r->n_t && !(rec->t = plumb_arena_alloc(r->a, r->n_t * sizeof(*rec->t))))
		r->failed = true;
	else if (r->n_t)
		memcpy(rec->t, r->t, r->n_t * sizeof(*rec->t));
	rec->more = keys_of(r, &r->more, &rec->n_more);
	rec->needs = keys_of(r, &r->needs, &rec->n_needs);
	rec->server = s && server_only(s);
	rec->away = s && renames_away(s);
	rec->drop = s && s->node_case == PG_QUERY__NODE__NODE_DROP_STMT;
	rec->ext = r->n_t && !r->schemaless;
	if (!s)
		return;
	plumb_pg_refs refs = {0}, loose = {0};
	/* the names go once their keys are made */
	plumb_arena_reset(r->scratch);
	if (plumb__pg_refs_tree(r->scratch, s, &refs, &loose) < 0) {
		r->failed = true;
		return;
	}
	plumb_vec u = {0}, w = {0};
	name_keys(r, 'n', &refs.rels, &u);
	name_keys(r, 'n', &refs.types, &u);
	name_keys(r, 'f', &refs.funcs, &u);
	name_keys(r, 'c', &refs.colls, &u);
	/* a body in a string is bound when it runs: only where it can */
	name_keys(r, 'n', &loose.rels, &w);
	rec->uses = (const char **)u.items;
	rec->n_uses = u.n;
	rec->loose = (const char **)w.items;
	rec->n_loose = w.n;
}

/* A record's step and what it waits for. */
static void link_rec(ord *r, const srec *rec)
{
	r->n_t = rec->n_t;
	if (rec->n_t)
		memcpy(r->t, rec->t, rec->n_t * sizeof(*rec->t));
	long step = rec->label ? plumb_order_add(r->o, rec->label, rec->st) : -1;
	if (step < 0) {
		r->failed = true;
		return;
	}
	in_place(r, step, rec->server);
	for (size_t i = 0; i < r->n_t; i++) {
		touch *t = &r->t[i];
		objent *e = ent(r, t->key);
		if (!e)
			return;
		/* a name renamed away after its CREATE may be taken again
		 * (ALTER INDEX i RENAME TO i_old; CREATE INDEX i): from here on
		 * it is read as a dropped one, in written order */
		if (rec->away && !t->creates && e->last_creator >= 0)
			e->dropped = true;
		if (e->dropped) {
			after_step(r, step, e->last_any, false);
		} else if (t->creates) {
			after_step(r, step, e->last_creator, false);
		} else {
			need(r, step, t->key, false);
			after_step(r, step, e->last_mod, false);
		}
		if (t->creates) {
			provide(r, step, t->key);
			e->last_creator = step;
		} else {
			char *k = plumb_arena_printf(r->a, "~%s", t->key);
			provide(r, step, k);
			e->last_mod = step;
			if (!e->changed && plumb_vec_push(r->a, &r->changed, e) < 0)
				r->failed = true;
			e->changed = true;
		}
		e->last_any = step;
	}
	for (size_t i = 0; i < rec->n_more; i++)
		provide(r, step, rec->more[i]);
	for (size_t i = 0; i < rec->n_needs; i++)
		if (!own(r, rec->needs[i]) &&
		    !anchored(r, step, plumb_map_get(r->objs, rec->needs[i], NULL, NULL), false))
			need(r, step, rec->needs[i], false);
	/* what creates or changes objects comes after every extension, where
	 * the order allows: a history creates one after a DO block that reads
	 * tables written before it */
	if (rec->ext)
		need(r, step, key(r, 'e', NULL, "", NULL), true);
	for (size_t i = 0; i < rec->n_uses; i++)
		uses(r, step, rec->uses[i], false);
	for (size_t i = 0; i < rec->n_loose; i++)
		uses(r, step, rec->loose[i], true);
}

ord *order_begin(ox *x)
{
	plumb_arena *a = plumb_arena_new(x->tmp);
	ord *r = a ? plumb_arena_alloc(a, sizeof(*r)) : NULL;
	if (!r || !(r->o = plumb_order_new(a)) || !(r->objs = plumb_map_new(a, false)) ||
	    !(r->scratch = plumb_arena_new(a))) {
		plumb_arena_free(a);
		nomem(x);
		return NULL;
	}
	r->x = x;
	r->a = a;
	r->barrier = -1;
	plumb_order_subject(r->o, "the schema's statements");
	return r;
}

/* The sort itself, in r's arena. */
static void sort_statements(ox *x, ord *r, plumb_vec *out)
{
	/* every object a statement creates or changes has its entry, and
	 * those a DROP names and those renamed away after a CREATE of them
	 * (the name may be taken again: what was said of it before the
	 * rename is of the first) are marked, before any step is added */
	for (size_t i = 0; i < r->recs.n && !r->failed; i++) {
		const srec *rec = r->recs.items[i];
		for (size_t j = 0; j < rec->n_t; j++) {
			objent *e = ent(r, rec->t[j].key);
			if (!e)
				continue;
			if (rec->drop || (rec->away && !rec->t[j].creates && e->made))
				e->dropped = true;
			else if (rec->t[j].creates)
				e->made = true;
		}
	}
	for (size_t i = 0; i < r->recs.n && !r->failed; i++)
		link_rec(r, r->recs.items[i]);
	/* one step per changed object: after all its changes, for those that
	 * use it (so their needs stay linear in the statements) */
	for (size_t i = 0; i < r->changed.n && !r->failed; i++) {
		const objent *e = r->changed.items[i];
		long step = plumb_order_add(r->o, NULL, NULL);
		if (step < 0) {
			r->failed = true;
			break;
		}
		need(r, step, plumb_arena_printf(r->a, "~%s", e->key), false);
		provide(r, step, plumb_arena_printf(r->a, "=%s", e->key));
	}
	if (r->failed) {
		nomem(x);
		return;
	}
	plumb_vec sorted = {0};
	int rc = plumb_order_sort(x->st.ctx, r->o, PLUMB_ORDER_FORWARD, &sorted);
	if (rc < 0) {
		plumb_error_set_hint(x->st.ctx,
				     "PostgreSQL cannot create these in any order either: "
				     "break the cycle (a foreign key can be added by an "
				     "ALTER TABLE after both tables)");
		fail(x, rc);
		return;
	}
	for (size_t i = 0; i < sorted.n; i++)
		if (sorted.items[i] && plumb_vec_push(x->tmp, out, sorted.items[i]) < 0) {
			nomem(x);
			return;
		}
}

/* The keys, maps and graph of the sort live in an arena of their own,
 * freed before the builder reads the statements: at 10,000 tables they
 * are a sixth of what the reading holds at its peak. */
int order_end(ord *r, plumb_vec *out)
{
	ox *x = r->x;
	out->n = 0;
	if (!x->st.rc && r->failed)
		nomem(x);
	if (!x->st.rc)
		sort_statements(x, r, out);
	plumb_arena_free(r->a);
	return x->st.rc;
}
