/*
 * The offline builder's less common ALTER TABLE commands, as PostgreSQL
 * applies them to its catalog: DETACH PARTITION (the partition keeps, as
 * its own, the keys, checks, foreign keys and indexes it had from its
 * parent), INHERIT and NO INHERIT, DROP IDENTITY, SET GENERATED, DROP
 * EXPRESSION and ALTER CONSTRAINT. A command that changes nothing the
 * catalog models (OWNER, SET STATISTICS, CLUSTER ON, triggers enabled or
 * not, ...) passes; one that changes what the builder cannot model is an
 * error naming --dev-url, never left out in silence. The common commands
 * (columns, defaults, constraints, ATTACH) are offline_table.c's. Also ALTER
 * TABLE's forms for other relations: ALTER INDEX (ATTACH PARTITION, SET and
 * RESET of its storage parameters), ALTER VIEW (SET, RESET) and ALTER TYPE
 * of a composite type's attributes.
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/offline_int.h"
#include "dialect/pg/refs.h"

static const char *key_of(ox *x, const plumb_table *t)
{
	return fmt(x, "%s.%s", t->schema, t->name);
}

/* A constraint of the parent, now the partition's own: the same, named as
 * PostgreSQL named the partition's index when the partition was made
 * (keys) or as the parent's (checks and foreign keys). */
static void own_constraint(ox *x, plumb_table *p, const plumb_constraint *pk)
{
	for (size_t i = 0; i < p->constraints.n; i++) {
		const plumb_constraint *k = p->constraints.items[i];
		if (k->name && pk->name && strcmp(k->name, pk->name) == 0)
			return;
	}
	plumb_constraint *k = alloc(x, sizeof(*k));
	if (!k)
		return;
	*k = *pk;
	k->renamed_from = NULL;
	k->definition = NULL;
	if (pk->kind == PLUMB_CON_PRIMARY_KEY) {
		k->name = choose_name(x, p->schema, p->name, NULL, "pkey", true, true);
	} else if (pk->kind == PLUMB_CON_UNIQUE || pk->kind == PLUMB_CON_EXCLUDE) {
		size_t n = k->n_columns + k->n_include;
		const char **all = plumb_arena_alloc(x->tmp, (n + 1) * sizeof(*all));
		if (!all) {
			nomem(x);
			return;
		}
		for (size_t j = 0; j < n; j++)
			all[j] = j < k->n_columns ? k->columns[j] : k->include[j - k->n_columns];
		const char **cols = index_colnames(x, all, n);
		k->name = choose_name(x, p->schema, p->name, cols ? name_addition(x, cols, n) : "",
				      pk->kind == PLUMB_CON_UNIQUE ? "key" : "excl", true, true);
	}
	if (!k->name)
		return;
	use_key_name(x, p, k);
	use_name(x, &x->connames, p->schema, k->name);
	push(x, &p->constraints, k);
}

/* The parent's plain indexes, made the partition's own: each built again
 * on the partition with the name CREATE INDEX chooses, as the server chose
 * it for the partition's index. */
static void own_indexes(ox *x, const plumb_table *parent, plumb_table *p)
{
	size_t n = x->cat->indexes.n; /* the ones added here are the partition's */
	for (size_t i = 0; i < n && !x->st.rc; i++) {
		const plumb_index *ix = x->cat->indexes.items[i];
		if (strcmp(ix->schema, parent->schema) != 0 ||
		    strcmp(ix->table, parent->name) != 0 || !ix->sql)
			continue;
		PgQuery__ParseResult *pr = NULL;
		fail(x, plumb__pg_parse(x->st.ctx, x->tmp, ix->sql, NULL, &pr, NULL));
		if (x->st.rc || pr->n_stmts != 1 ||
		    pr->stmts[0]->stmt->node_case != PG_QUERY__NODE__NODE_INDEX_STMT)
			continue;
		PgQuery__IndexStmt *is = pr->stmts[0]->stmt->index_stmt;
		/* an index made for a key is the key's, made above */
		if (is->primary || is->isconstraint)
			continue;
		is->idxname = NULL;
		is->concurrent = false;
		is->relation = mk_rangevar(x, p->schema, p->name);
		if (!is->relation)
			return;
		create_index(x, is, pr->stmts[0]->stmt, x->loc);
	}
}

static void detach_partition(ox *x, plumb_table *parent, PgQuery__PartitionCmd *pc)
{
	plumb_table *p = pc ? rv_table(x, pc->name) : NULL;
	const char *k = key_of(x, parent);
	if (!p || !k)
		return;
	if (!p->partition_of || strcmp(p->partition_of, k) != 0) {
		error_at(x, at(x, pc->name->location),
			 "relation \"%s\" is not a partition of relation \"%s\"", p->name,
			 parent->name);
		return;
	}
	p->partition_of = NULL;
	p->partition_bound = NULL;
	for (size_t i = 0; i < p->columns.n; i++)
		((plumb_column *)p->columns.items[i])->inherited = false;
	for (size_t i = 0; i < parent->constraints.n && !x->st.rc; i++)
		own_constraint(x, p, parent->constraints.items[i]);
	own_indexes(x, parent, p);
}

/* INHERIT parent: the child's columns of the parent's names stay its own
 * (attislocal), the parent is appended to its list. */
static void add_inherit(ox *x, plumb_table *t, PgQuery__RangeVar *rv)
{
	plumb_table *parent = rv_table(x, rv);
	const char *k = parent ? key_of(x, parent) : NULL;
	if (!k)
		return;
	for (size_t i = 0; i < parent->columns.n; i++) {
		const plumb_column *pc = parent->columns.items[i];
		if (!find_column(t, pc->name)) {
			error_at(x, x->loc, "child table is missing column \"%s\"", pc->name);
			return;
		}
	}
	for (size_t i = 0; i < t->inherits.n; i++)
		if (strcmp(t->inherits.items[i], k) == 0) {
			error_at(x, x->loc,
				 "relation \"%s\" would be inherited from more than once",
				 parent->name);
			return;
		}
	push(x, &t->inherits, (void *)k);
}

/* NO INHERIT parent: what the child had from it is its own now. */
static void drop_inherit(ox *x, plumb_table *t, PgQuery__RangeVar *rv)
{
	plumb_table *parent = rv_table(x, rv);
	const char *k = parent ? key_of(x, parent) : NULL;
	if (!k)
		return;
	for (size_t i = 0; i < t->inherits.n; i++) {
		if (strcmp(t->inherits.items[i], k) != 0)
			continue;
		plumb_vec_remove(&t->inherits, i);
		for (size_t j = 0; j < t->columns.n; j++) {
			plumb_column *c = t->columns.items[j];
			if (c->inherited && find_column(parent, c->name))
				c->inherited = false;
		}
		for (size_t j = 0; j < parent->constraints.n && !x->st.rc; j++) {
			const plumb_constraint *pk = parent->constraints.items[j];
			if (pk->kind == PLUMB_CON_CHECK)
				own_constraint(x, t, pk);
		}
		return;
	}
	error_at(x, x->loc, "relation \"%s\" is not a parent of relation \"%s\"", parent->name,
		 t->name);
}

/* SET GENERATED { ALWAYS | BY DEFAULT } (and the sequence options beside
 * it, which the builder keeps only as CREATE wrote them: refused). */
static void set_identity(ox *x, plumb_column *col, PgQuery__Node *def)
{
	if (!col->identity) {
		error_at(x, x->loc, "column \"%s\" is not an identity column", col->name);
		return;
	}
	if (!def || def->node_case != PG_QUERY__NODE__NODE_LIST)
		return;
	for (size_t i = 0; i < def->list->n_items; i++) {
		PgQuery__Node *n = def->list->items[i];
		if (n->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		PgQuery__DefElem *d = n->def_elem;
		if (strcmp(d->defname, "generated") == 0 && d->arg &&
		    d->arg->node_case == PG_QUERY__NODE__NODE_INTEGER) {
			col->identity = d->arg->integer->ival == 'a' ? "ALWAYS" : "BY DEFAULT";
		} else if (strcmp(d->defname, "restart") != 0) {
			error_at(x, x->loc,
				 "ALTER COLUMN ... SET %s of an identity column cannot be "
				 "read without a server",
				 d->defname);
			plumb_error_set_hint(x->st.ctx, "give --dev-url to read it on a server");
			return;
		}
	}
}

static void alter_constraint(ox *x, plumb_table *t, PgQuery__Node *def)
{
	if (!def || def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
		return;
	PgQuery__Constraint *c = def->constraint;
	for (size_t i = 0; i < t->constraints.n; i++) {
		plumb_constraint *k = t->constraints.items[i];
		if (!k->name || !c->conname || strcmp(k->name, c->conname) != 0)
			continue;
		if (k->kind != PLUMB_CON_FOREIGN_KEY) {
			error_at(x, x->loc,
				 "constraint \"%s\" of relation \"%s\" is not a foreign key "
				 "constraint",
				 k->name, t->name);
			return;
		}
		k->deferrable = c->deferrable;
		k->initially_deferred = c->initdeferred;
		return;
	}
	error_at(x, x->loc, "constraint \"%s\" of relation \"%s\" does not exist",
		 c->conname ? c->conname : "", t->name);
}

/* A storage parameter as pg_class.reloptions keeps it: "name=value",
 * "toast.name=value" for the TOAST table's (kept beside the table's). */
const char *option_item(ox *x, const PgQuery__DefElem *d)
{
	const PgQuery__Node *v = d->arg;
	const char *ns = empty(d->defnamespace) ? "" : d->defnamespace;
	const char *dot = *ns ? "." : "";
	if (!v)
		return fmt(x, "%s%s%s=true", ns, dot, d->defname);
	switch (v->node_case) {
	case PG_QUERY__NODE__NODE_INTEGER:
		return fmt(x, "%s%s%s=%d", ns, dot, d->defname, v->integer->ival);
	case PG_QUERY__NODE__NODE_FLOAT:
		return fmt(x, "%s%s%s=%s", ns, dot, d->defname, v->float_->fval);
	case PG_QUERY__NODE__NODE_BOOLEAN:
		return fmt(x, "%s%s%s=%s", ns, dot, d->defname,
			   v->boolean->boolval ? "true" : "false");
	case PG_QUERY__NODE__NODE_TYPE_NAME: /* a word: on, off, ... */
		if (v->type_name->n_names)
			return fmt(
				x, "%s%s%s=%s", ns, dot, d->defname,
				plumb__pg_strval(v->type_name->names[v->type_name->n_names - 1]));
		return fmt(x, "%s%s%s=", ns, dot, d->defname);
	default: {
		const char *sv = plumb__pg_strval((PgQuery__Node *)v);
		return fmt(x, "%s%s%s=%s", ns, dot, d->defname, sv ? sv : "");
	}
	}
}

/* Does t get a TOAST table: a column of a type stored out of line (any
 * but the fixed-size ones; the test PostgreSQL makes is on typlen and
 * storage), on a table that is not partitioned? The server keeps a
 * "toast." parameter only then. */
static bool toastable(const plumb_table *t)
{
	static const char *const fixed[] = {
		"smallint",
		"integer",
		"bigint",
		"boolean",
		"real",
		"double precision",
		"date",
		"timestamp without time zone",
		"timestamp with time zone",
		"time without time zone",
		"time with time zone",
		"uuid",
		"oid",
		"\"char\"",
		"money",
		"interval",
		"smallserial",
		"serial",
		"bigserial",
		"point",
		"macaddr",
		"macaddr8",
		"tid",
		"xid",
		"cid",
	};
	if (t->partition_by)
		return false;
	for (size_t i = 0; i < t->columns.n; i++) {
		const char *ty = ((const plumb_column *)t->columns.items[i])->type;
		bool fix = false;
		for (size_t k = 0; ty && !fix && k < sizeof(fixed) / sizeof(fixed[0]); k++)
			fix = strcmp(ty, fixed[k]) == 0;
		if (!fix)
			return true;
	}
	return false;
}

void set_rel_options(ox *x, plumb_table *t, PgQuery__Node **defs, size_t n, int how)
{
	bool toast = toastable(t);
	plumb_vec items = {0};
	/* the ones kept: all but those RESET (and all, for REPLACE) */
	for (const char *s = how > 0 ? NULL : t->options; s && *s && !x->st.rc;) {
		size_t len = strcspn(s, ",");
		const char *item = plumb_arena_strndup(x->tmp, s, len);
		bool gone = false;
		for (size_t i = 0; how < 0 && item && i < n; i++) {
			if (defs[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
				continue;
			const char *name = option_item(x, defs[i]->def_elem);
			size_t nl = name ? strcspn(name, "=") : 0;
			gone = gone || (name && strncmp(item, name, nl) == 0 && item[nl] == '=');
		}
		if (!item || (!gone && plumb_vec_push(x->tmp, &items, (void *)item)))
			nomem(x);
		s += len;
		while (*s == ',' || *s == ' ')
			s++;
	}
	for (size_t i = 0; how >= 0 && i < n && !x->st.rc; i++)
		/* WITH (OIDS = false), which PostgreSQL 12 and later accept and ignore */
		if (defs[i]->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
		    strcmp(defs[i]->def_elem->defname, "oids") != 0 &&
		    (toast || empty(defs[i]->def_elem->defnamespace))) {
			const char *item = option_item(x, defs[i]->def_elem);
			if (!item || plumb_vec_push(x->tmp, &items, (void *)item))
				nomem(x);
		}
	if (!x->st.rc)
		fail(x,
		     plumb__pg_rel_options(x->st.ctx, x->st.arena, (const char *const *)items.items,
					   items.n, &t->options));
}

static void replica_identity(ox *x, plumb_table *t, PgQuery__Node *def)
{
	if (!def || def->node_case != PG_QUERY__NODE__NODE_REPLICA_IDENTITY_STMT)
		return;
	PgQuery__ReplicaIdentityStmt *r = def->replica_identity_stmt;
	switch (r->identity_type ? *r->identity_type : 'd') {
	case 'f':
		t->replica_identity = "FULL";
		break;
	case 'n':
		t->replica_identity = "NOTHING";
		break;
	case 'i':
		if (!plumb_catalog_find(x->cat, PLUMB_OBJ_INDEX, t->schema, r->name) &&
		    !key_table(x, t->schema, r->name)) {
			error_at(x, x->loc, "index \"%s\" for table \"%s\" does not exist",
				 r->name ? r->name : "", t->name);
			return;
		}
		t->replica_identity = fmt(x, "USING INDEX %s", qi(x, r->name));
		break;
	default:
		t->replica_identity = NULL;
		break;
	}
}

bool alter_table_more(ox *x, plumb_table *t, PgQuery__AlterTableCmd *c, plumb_column *col)
{
	switch (c->subtype) {
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ReplaceRelOptions:
		if (c->def && c->def->node_case == PG_QUERY__NODE__NODE_LIST)
			set_rel_options(
				x, t, c->def->list->items, c->def->list->n_items,
				c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions     ? 0
				: c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions ? -1
											       : 1);
		return true;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ReplicaIdentity:
		replica_identity(x, t, c->def);
		return true;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition:
		detach_partition(x, t,
				 c->def && c->def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD
					 ? c->def->partition_cmd
					 : NULL);
		return true;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AddInherit:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DropInherit:
		if (c->def && c->def->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
			if (c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddInherit)
				add_inherit(x, t, c->def->range_var);
			else
				drop_inherit(x, t, c->def->range_var);
		}
		return true;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DropIdentity:
		if (!col)
			return true;
		if (!col->identity) {
			if (!c->missing_ok)
				error_at(x, x->loc,
					 "column \"%s\" of relation \"%s\" is not an "
					 "identity column",
					 col->name, t->name);
			return true;
		}
		col->identity = NULL;
		col->identity_options = NULL;
		return true;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetIdentity:
		if (col)
			set_identity(x, col, c->def);
		return true;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DropExpression:
		if (col && !col->generated_sql) {
			if (!c->missing_ok)
				error_at(x, x->loc,
					 "column \"%s\" of relation \"%s\" is not a stored "
					 "generated column",
					 col->name, t->name);
			return true;
		}
		if (col) {
			col->generated_sql = NULL;
			col->generated_written = NULL;
			col->generated_stored = false;
		}
		return true;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterConstraint:
		alter_constraint(x, t, c->def);
		return true;
	/* nothing the catalog models */
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ClusterOn:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DropCluster:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetTableSpace:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetAccessMethod:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigAll:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigUser:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigAll:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigUser:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRule:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysRule:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaRule:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRule:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartitionFinalize:
		return true;
	default:
		return false;
	}
}

/* --- ALTER INDEX, ALTER VIEW, ALTER TYPE -------------------------------------------------- */

static void refused(ox *x, const char *what)
{
	error_at(x, x->loc, "this form of ALTER %s cannot be read without a server", what);
	plumb_error_set_hint(x->st.ctx, "give --dev-url to read it on a server");
}

/* The one statement of sql (the builder wrote it: it parses), or NULL. */
static PgQuery__Node *parse_one(ox *x, const char *sql, PgQuery__Node__NodeCase want)
{
	PgQuery__ParseResult *pr = NULL;
	if (!sql)
		return NULL;
	fail(x, plumb__pg_parse(x->st.ctx, x->tmp, sql, NULL, &pr, NULL));
	if (x->st.rc || pr->n_stmts != 1 || pr->stmts[0]->stmt->node_case != want)
		return NULL;
	return pr->stmts[0]->stmt;
}

/* Storage parameters SET (values replace or join) or RESET (gone) on the
 * list *opts of DefElem. */
static void merge_options(ox *x, PgQuery__Node ***opts, size_t *n, PgQuery__Node *def, bool set)
{
	if (!def || def->node_case != PG_QUERY__NODE__NODE_LIST)
		return;
	PgQuery__Node **v = alloc(x, (*n + def->list->n_items + 1) * sizeof(*v));
	if (!v)
		return;
	size_t k = 0;
	for (size_t i = 0; i < *n; i++) {
		const PgQuery__DefElem *o = (*opts)[i]->def_elem;
		bool named = false;
		for (size_t j = 0; j < def->list->n_items; j++) {
			const PgQuery__Node *d = def->list->items[j];
			named |= d->node_case == PG_QUERY__NODE__NODE_DEF_ELEM &&
				 strcmp(d->def_elem->defname, o->defname) == 0;
		}
		if (!named)
			v[k++] = (*opts)[i];
	}
	for (size_t j = 0; set && j < def->list->n_items; j++)
		if (def->list->items[j]->node_case == PG_QUERY__NODE__NODE_DEF_ELEM)
			v[k++] = def->list->items[j];
	*opts = v;
	*n = k;
}

/* ALTER INDEX parent ATTACH PARTITION child: the child is the parent's
 * partition now, and like every index the server made for a partition no
 * index of the catalog, nor, when a key's, a constraint. */
static void attach_index(ox *x, PgQuery__PartitionCmd *pc)
{
	const char *schema = sch(pc->name->schemaname), *name = pc->name->relname;
	plumb_index *ix = plumb_catalog_find(x->cat, PLUMB_OBJ_INDEX, schema, name);
	plumb_table *t = ix ? NULL : key_table(x, schema, name);
	if (ix) {
		plumb_catalog_remove_item(x->cat, &x->cat->indexes, ix);
		return;
	}
	if (!t) {
		error_at(x, at(x, pc->name->location), "relation \"%s\" does not exist",
			 shown(x, schema, name));
		return;
	}
	for (size_t i = 0; i < t->constraints.n; i++) {
		plumb_constraint *k = t->constraints.items[i];
		if (k->name && strcmp(k->name, name) == 0) {
			plumb_vec_remove(&t->constraints, i);
			return;
		}
	}
}

/* --- statistics targets ------------------------------------------------- */

const char *statistics_target(ox *x, PgQuery__AlterTableCmd *c)
{
	long v = c->def && c->def->node_case == PG_QUERY__NODE__NODE_INTEGER ? c->def->integer->ival
									     : -1;
	if (v < -1) {
		error_at(x, x->loc, "statistics target %ld is too low", v);
		return NULL;
	}
	if (v == -1)
		return NULL;
	/* the server lowers a larger one, with a warning */
	const char *s = plumb_arena_printf(x->st.arena, "%ld", v > 10000 ? 10000 : v);
	if (!s)
		nomem(x);
	return s;
}

/* "n=target" items of an index's statistics, with column c->num's set to
 * the target c gives (or taken out for the default), in column order. */
void set_index_statistics(ox *x, plumb_index *ix, PgQuery__AlterTableCmd *c)
{
	const char *target = statistics_target(x, c);
	if (x->st.rc)
		return;
	if (c->num <= 0 || (size_t)c->num > ix->keys.n) {
		error_at(x, x->loc, "column number %d of relation \"%s\" does not exist",
			 (int)c->num, ix->name);
		return;
	}
	plumb_buf b;
	plumb_buf_init(&b, x->st.arena, 0);
	bool done = false;
	for (const char *s = ix->statistics; s && *s;) {
		long n = strtol(s, NULL, 10);
		const char *end = strstr(s, ", ");
		size_t len = end ? (size_t)(end - s) : strlen(s);
		if (!done && n >= c->num) {
			if (target)
				plumb_buf_printf(&b, "%s%d=%s", b.len ? ", " : "", (int)c->num,
						 target);
			done = true;
		}
		if (n != c->num)
			plumb_buf_printf(&b, "%s%.*s", b.len ? ", " : "", (int)len, s);
		s = end ? end + 2 : s + len;
	}
	if (!done && target)
		plumb_buf_printf(&b, "%s%d=%s", b.len ? ", " : "", (int)c->num, target);
	if (b.failed) {
		nomem(x);
		return;
	}
	ix->statistics = b.len ? b.data : NULL;
	x->index_statistics = x->index_statistics || ix->statistics;
}

void index_statistics_reset(ox *x, const plumb_table *t, const char *column)
{
	if (!x->index_statistics)
		return;
	for (size_t i = 0; i < x->cat->indexes.n && !x->st.rc; i++) {
		plumb_index *ix = x->cat->indexes.items[i];
		if (!ix->statistics || strcmp(ix->schema, t->schema) != 0 ||
		    strcmp(ix->table, t->name) != 0)
			continue;
		plumb_pg_refs refs = {0};
		if (plumb__pg_refs_sql(x->tmp, ix->sql, &refs) < 0) {
			nomem(x);
			return;
		}
		if (plumb__pg_refs_has(&refs.cols, NULL, column, true))
			ix->statistics = NULL;
	}
}

static void alter_index(ox *x, PgQuery__AlterTableStmt *as)
{
	const char *schema = sch(as->relation->schemaname);
	plumb_index *ix =
		plumb_catalog_find(x->cat, PLUMB_OBJ_INDEX, schema, as->relation->relname);
	if (!ix && !key_table(x, schema, as->relation->relname)) {
		if (!as->missing_ok)
			error_at(x, at(x, as->relation->location), "relation \"%s\" does not exist",
				 shown(x, schema, as->relation->relname));
		return;
	}
	for (size_t i = 0; i < as->n_cmds && !x->st.rc; i++) {
		if (as->cmds[i]->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD)
			continue;
		PgQuery__AlterTableCmd *c = as->cmds[i]->alter_table_cmd;
		switch (c->subtype) {
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition:
			if (c->def && c->def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD)
				attach_index(x, c->def->partition_cmd);
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions: {
			/* a key's index keeps its parameters with the key: not modelled */
			PgQuery__Node *stmt =
				ix ? parse_one(x, ix->sql, PG_QUERY__NODE__NODE_INDEX_STMT) : NULL;
			if (!stmt) {
				if (!x->st.rc)
					refused(x, "INDEX");
				return;
			}
			PgQuery__IndexStmt *is = stmt->index_stmt;
			merge_options(x, &is->options, &is->n_options, c->def,
				      c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions);
			is->concurrent = false;
			const char *stats = ix->statistics;
			plumb_catalog_remove_item(x->cat, &x->cat->indexes, ix);
			forget_name(x, &x->relnames, ix->schema, ix->name);
			create_index(x, is, stmt, x->loc);
			ix = plumb_catalog_find(x->cat, PLUMB_OBJ_INDEX, schema,
						as->relation->relname);
			if (!ix)
				return;
			ix->statistics = stats;
			break;
		}
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStatistics:
			/* of a key's index (no expressions) the server refuses it */
			if (ix)
				set_index_statistics(x, ix, c);
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetTableSpace:
			break;
		default:
			refused(x, "INDEX");
			return;
		}
	}
}

/* ALTER VIEW v SET (...) / RESET (...): the view made again with them. */
static void alter_view(ox *x, PgQuery__AlterTableStmt *as)
{
	const char *schema = sch(as->relation->schemaname);
	plumb_view *v = find_view(x, schema, as->relation->relname);
	if (!v) {
		if (!as->missing_ok)
			error_at(x, at(x, as->relation->location), "relation \"%s\" does not exist",
				 shown(x, schema, as->relation->relname));
		return;
	}
	for (size_t i = 0; i < as->n_cmds && !x->st.rc; i++) {
		if (as->cmds[i]->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD)
			continue;
		PgQuery__AlterTableCmd *c = as->cmds[i]->alter_table_cmd;
		switch (c->subtype) {
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions: {
			bool set = c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions;
			if (v->materialized) {
				PgQuery__Node *stmt = parse_one(
					x, v->sql, PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT);
				if (!stmt)
					return;
				PgQuery__IntoClause *in = stmt->create_table_as_stmt->into;
				merge_options(x, &in->options, &in->n_options, c->def, set);
				plumb_catalog_remove_item(x->cat, &x->cat->views, v);
				add_view(x, in->rel, stmt->create_table_as_stmt->query, stmt,
					 in->col_names, &in->n_col_names, true, false, x->loc);
			} else {
				PgQuery__Node *stmt =
					parse_one(x, v->sql, PG_QUERY__NODE__NODE_VIEW_STMT);
				if (!stmt)
					return;
				PgQuery__ViewStmt *vs = stmt->view_stmt;
				merge_options(x, &vs->options, &vs->n_options, c->def, set);
				add_view(x, vs->view, vs->query, stmt, vs->aliases, &vs->n_aliases,
					 false, true, x->loc);
			}
			v = find_view(x, schema, as->relation->relname);
			if (!v)
				return;
			break;
		}
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStatistics:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetTableSpace:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ClusterOn:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DropCluster:
			break;
		default:
			refused(x, v->materialized ? "MATERIALIZED VIEW" : "VIEW");
			return;
		}
	}
}

/* ALTER TYPE t ADD / DROP / ALTER ATTRIBUTE of a composite type. */
static void alter_composite(ox *x, PgQuery__AlterTableStmt *as)
{
	const char *schema = sch(as->relation->schemaname);
	plumb_object *o = find_object(x, PLUMB_OBJ_TYPE, schema, as->relation->relname);
	PgQuery__Node *stmt =
		o ? parse_one(x, o->sql, PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT) : NULL;
	if (!stmt) {
		if (!x->st.rc)
			error_at(x, at(x, as->relation->location), "type \"%s\" does not exist",
				 shown(x, schema, as->relation->relname));
		return;
	}
	PgQuery__CompositeTypeStmt *ct = stmt->composite_type_stmt;
	for (size_t i = 0; i < as->n_cmds && !x->st.rc; i++) {
		if (as->cmds[i]->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD)
			continue;
		PgQuery__AlterTableCmd *c = as->cmds[i]->alter_table_cmd;
		long at_ = -1;
		for (size_t j = 0; c->name && j < ct->n_coldeflist; j++)
			if (ct->coldeflist[j]->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF &&
			    strcmp(ct->coldeflist[j]->column_def->colname, c->name) == 0)
				at_ = (long)j;
		switch (c->subtype) {
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn: {
			if (!c->def || c->def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF)
				break;
			PgQuery__Node **v = alloc(x, (ct->n_coldeflist + 1) * sizeof(*v));
			if (!v)
				return;
			if (ct->n_coldeflist)
				memcpy(v, ct->coldeflist, ct->n_coldeflist * sizeof(*v));
			v[ct->n_coldeflist++] = c->def;
			ct->coldeflist = v;
			break;
		}
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
			if (at_ < 0) {
				if (!c->missing_ok)
					error_at(x, x->loc,
						 "column \"%s\" of relation \"%s\" does not "
						 "exist",
						 c->name ? c->name : "", o->name);
				break;
			}
			memmove(ct->coldeflist + at_, ct->coldeflist + at_ + 1,
				(ct->n_coldeflist - (size_t)at_ - 1) * sizeof(*ct->coldeflist));
			ct->n_coldeflist--;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
			if (at_ < 0) {
				error_at(x, x->loc,
					 "column \"%s\" of relation \"%s\" does not exist",
					 c->name ? c->name : "", o->name);
				break;
			}
			if (c->def && c->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
				PgQuery__ColumnDef *cd = ct->coldeflist[at_]->column_def;
				cd->type_name = c->def->column_def->type_name;
				cd->coll_clause = c->def->column_def->coll_clause;
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ChangeOwner:
			break;
		default:
			refused(x, "TYPE");
			return;
		}
	}
	if (x->st.rc)
		return;
	o->sql = deparse(x, stmt);
	o->definition = stmt_text(x, stmt);
}

void alter_other(ox *x, PgQuery__AlterTableStmt *as)
{
	switch (as->objtype) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
		alter_index(x, as);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
		alter_view(x, as);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
		alter_composite(x, as);
		break;
	default:
		break; /* sequences (OWNER TO), foreign tables: nothing modelled */
	}
}
