/*
 * The PostgreSQL hazard classifier (hazard.h): one statement's parse tree in,
 * its hazards out, worded as the planner words them for the statements it
 * writes. The scope (hazard_scope.c) says what the statement runs against; a
 * relation that is not there (with the schema known) or that the script
 * created is new and empty, and statements on it carry no lock, scan or data
 * hazards. It plans nothing and runs nothing.
 *
 * What it flags, by PostgreSQL's lock levels (AlterTableGetLockLevel) and
 * what squawk and strong_migrations warn of:
 *  - deletes-data: DROP TABLE, DROP COLUMN, DROP SEQUENCE, TRUNCATE, DELETE
 *    without WHERE, DROP SCHEMA/TYPE/DOMAIN/EXTENSION ... CASCADE, a change
 *    of enum type that leaves values out;
 *  - narrows-type, rewrites-table: ALTER COLUMN TYPE (none for a change that
 *    is binary-coercible, such as varchar(n) to varchar(m > n) or text, or a
 *    domain to its base type),
 *    ADD COLUMN with a volatile default, serial, identity or generated
 *    column, SET LOGGED/UNLOGGED, SET TABLESPACE, VACUUM FULL, CLUSTER;
 *  - access-exclusive-lock: every ALTER TABLE subcommand that takes it (not
 *    ADD FOREIGN KEY, VALIDATE CONSTRAINT, ATTACH PARTITION and the other
 *    weaker ones), DROP TABLE/VIEW/INDEX (not CONCURRENTLY), TRUNCATE,
 *    CREATE/ALTER/DROP POLICY, DROP TRIGGER, REFRESH MATERIALIZED VIEW (not
 *    CONCURRENTLY), CREATE TABLE ... PARTITION OF (on the parent), RENAME of
 *    a table, column or constraint;
 *  - validates-by-scan: ADD CONSTRAINT CHECK or FOREIGN KEY without NOT VALID,
 *    VALIDATE CONSTRAINT, SET NOT NULL (unless a valid CHECK (col IS NOT
 *    NULL) proves it), ATTACH PARTITION, ALTER DOMAIN ADD CONSTRAINT (not
 *    NOT VALID), SET NOT NULL and VALIDATE CONSTRAINT;
 *  - builds-index: CREATE INDEX on an existing table (blocking writes unless
 *    CONCURRENTLY), ADD PRIMARY KEY/UNIQUE/EXCLUDE (not USING INDEX),
 *    REINDEX, a change of collation;
 *  - needs-backfill: ADD COLUMN ... NOT NULL without a default, SET NOT NULL,
 *    validating a CHECK (col IS NOT NULL), ADD PRIMARY KEY over a column
 *    that may hold NULLs.
 * And what a statement asks of its transaction: CREATE/DROP INDEX
 * CONCURRENTLY, REINDEX CONCURRENTLY, VACUUM, DETACH PARTITION CONCURRENTLY
 * and the database-wide commands run only outside one; ALTER TYPE ... ADD
 * VALUE adds a value no later statement of its transaction may use.
 *
 * A RENAME is no hazard of its own: it takes the ACCESS EXCLUSIVE lock (a
 * table, column or constraint; an index takes a weaker one since PostgreSQL
 * 12) and that is flagged, but that clients still running with the old name
 * break is a matter of deploy order, not of the data or of locks, and plumb
 * plans a rename only when the schema asks for it (`-- plumb:renamed from=`).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/hazard.h"

typedef struct cx {
	plumb_ctx *ctx;
	plumb_arena *arena;
	plumb_pg_scope *sc;
	plumb_stmt_class *out;
	int rc; /* first failure; sticky */
} cx;

static void fail(cx *x, int rc)
{
	if (!x->rc && rc < 0)
		x->rc = rc;
}

static void add(cx *x, plumb_hazard_kind k, const char *f, ...)
	__attribute__((format(printf, 3, 4)));
static void add(cx *x, plumb_hazard_kind k, const char *f, ...)
{
	va_list ap;
	if (x->rc)
		return;
	va_start(ap, f);
	char *msg = plumb_arena_vprintf(x->arena, f, ap);
	va_end(ap);
	if (!msg) {
		fail(x, plumb_error_nomem(x->ctx));
		return;
	}
	for (size_t i = 0; i < x->out->hazards.n; i++) {
		const plumb_hazard *h = x->out->hazards.items[i];
		if (h->kind == k && strcmp(h->message, msg) == 0)
			return;
	}
	fail(x, plumb_hazard_add(x->ctx, x->arena, &x->out->hazards, k, "%s", msg));
}

/* Sets the probe of the hazard added last. */
static void probe(cx *x, const char *f, ...) __attribute__((format(printf, 2, 3)));
static void probe(cx *x, const char *f, ...)
{
	va_list ap;
	if (x->rc || !x->out->hazards.n)
		return;
	va_start(ap, f);
	char *sql = plumb_arena_vprintf(x->arena, f, ap);
	va_end(ap);
	if (!sql)
		fail(x, plumb_error_nomem(x->ctx));
	((plumb_hazard *)x->out->hazards.items[x->out->hazards.n - 1])->probe = sql;
}

static void need(cx *x, plumb_txn_need n)
{
	if (n > x->out->txn)
		x->out->txn = n;
}

static const char *str(const char *s)
{
	return s && *s ? s : NULL;
}

/* Schema (NULL when not given) and name of a list of String nodes. */
static void names_from(PgQuery__Node **items, size_t count, const char **schema, const char **name)
{
	*schema = NULL;
	*name = count ? plumb__pg_strval(items[count - 1]) : "";
	if (!*name)
		*name = "";
	if (count >= 2)
		*schema = plumb__pg_strval(items[count - 2]);
}

void plumb__pg_names_of(const PgQuery__Node *n, const char **schema, const char **name)
{
	*schema = NULL;
	*name = "";
	if (!n)
		return;
	if (n->node_case == PG_QUERY__NODE__NODE_LIST)
		names_from(n->list->items, n->list->n_items, schema, name);
	else if (n->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
		names_from(n->type_name->names, n->type_name->n_names, schema, name);
	else if (n->node_case == PG_QUERY__NODE__NODE_STRING)
		*name = n->string->sval;
}

static const char *dn(cx *x, const char *schema, const char *name)
{
	return plumb__pg_scope_display(x->sc, str(schema), name);
}

/* The relation rv names when it already holds rows (it existed before the
 * script), else NULL. */
static plumb_pg_rel *old_rel(cx *x, const PgQuery__RangeVar *rv)
{
	plumb_pg_rel *r = rv ? plumb__pg_scope_rel(x->sc, str(rv->schemaname), rv->relname) : NULL;
	return r && !r->fresh ? r : NULL;
}

static const char *rel_word(const plumb_pg_rel *r)
{
	return r->kind == 'v' ? "view" : r->kind == 'm' ? "materialized view" : "table";
}

static void ae(cx *x, const plumb_pg_rel *r)
{
	add(x, PLUMB_HAZARD_ACCESS_EXCLUSIVE,
	    "locks %s \"%s\" against reads and writes while it runs", rel_word(r),
	    dn(x, r->schema, r->name));
}

/* The relation as the database names it before the script, quoted. */
static const char *rel_now(cx *x, const plumb_pg_rel *r)
{
	const char *s = r->table ? plumb__pg_qualified(x->arena, r->table->schema, r->table->name)
				 : plumb__pg_qualified(x->arena, r->schema, r->name);
	if (!s)
		fail(x, plumb_error_nomem(x->ctx));
	return s ? s : "";
}

static const char *quoted(cx *x, const char *ident)
{
	char *s = plumb_quote_ident(x->arena, ident);
	if (!s)
		fail(x, plumb_error_nomem(x->ctx));
	return s ? s : "";
}

/* --- types -------------------------------------------------------------- */

/* The labels of the enum text names, or of the enum a domain it names is
 * over; NULL when it is neither. */
static const plumb_vec *enum_labels(cx *x, const char *text, const char **enum_name)
{
	plumb_pg_type *t = plumb__pg_scope_type(x->sc, text);
	if (t && t->kind == 'd' && t->base)
		t = plumb__pg_scope_type(x->sc, t->base);
	if (!t || t->kind != 'e')
		return NULL;
	*enum_name = dn(x, t->schema, t->name);
	return &t->labels;
}

static bool has_label(const plumb_vec *labels, const char *label)
{
	for (size_t i = 0; i < labels->n; i++)
		if (strcmp(labels->items[i], label) == 0)
			return true;
	return false;
}

/* ALTER COLUMN ... TYPE on column col (as it is now) of rel. */
static void column_type(cx *x, plumb_pg_rel *rel, const PgQuery__ColumnDef *def,
			const plumb_pg_col *col, bool have)
{
	const char *tn = dn(x, rel->schema, rel->name);
	char *to = NULL;
	int rc;
	if ((rc = plumb__pg_type_text(x->ctx, x->arena, def->type_name, &to)) < 0) {
		fail(x, rc);
		return;
	}
	const char *from = have ? plumb__pg_type_behind(col->type) : NULL;
	const char *coll = NULL;
	if (def->coll_clause && def->coll_clause->n_collname) {
		const char *cs, *cn;
		names_from(def->coll_clause->collname, def->coll_clause->n_collname, &cs, &cn);
		coll = cn;
	}
	if (!from) {
		add(x, PLUMB_HAZARD_REWRITES_TABLE,
		    "changes the type of column \"%s\".\"%s\" to %s: rewrites every row unless the "
		    "change is binary-coercible",
		    tn, def->colname ? def->colname : "?", to);
		return;
	}
	if (strcmp(from, to) == 0) {
		/* the same type: only the collation changes */
		const char *fc = col->collation;
		if (fc && fc[0] == '"')
			fc = plumb_arena_strndup(x->arena, fc + 1, strlen(fc) - 2);
		if (col->known && !(fc ? coll && strcmp(fc, coll) == 0 : !coll))
			add(x, PLUMB_HAZARD_INDEX_BUILD,
			    "rebuilds the indexes on column \"%s\".\"%s\" for the new collation",
			    tn, col->name);
		return;
	}
	/* a domain to its base type (or the base of the domain it is over):
	 * binary-coercible, nothing is rewritten or checked */
	const plumb_pg_type *fd = plumb__pg_scope_type(x->sc, from);
	const char *arr = strchr(from, '[');
	for (int depth = 0; fd && fd->kind == 'd' && fd->base && depth < 16; depth++) {
		const char *base = plumb_arena_printf(x->arena, "%s%s", fd->base, arr ? arr : "");
		if (!base)
			fail(x, plumb_error_nomem(x->ctx));
		if (!base || strcmp(base, to) == 0)
			return;
		fd = plumb__pg_scope_type(x->sc, fd->base);
	}
	const char *fe = NULL, *te = NULL;
	const plumb_vec *fl = enum_labels(x, from, &fe), *tl = enum_labels(x, to, &te);
	bool user = plumb__pg_scope_type(x->sc, from) || plumb__pg_scope_type(x->sc, to);
	if (user) {
		/* an enum, a domain or another type of the schema: the rows are
		 * converted one by one; an enum that lacks a value fails on rows
		 * holding it */
		add(x, PLUMB_HAZARD_REWRITES_TABLE,
		    "rewrites table \"%s\" to change the type of \"%s\"", tn, col->name);
		for (size_t i = 0;
		     fl && tl && plumb__pg_type_dims(from) == plumb__pg_type_dims(to) && i < fl->n;
		     i++)
			if (!has_label(tl, fl->items[i]))
				add(x, PLUMB_HAZARD_DELETES_DATA,
				    "value '%s' leaves enum \"%s\": rows of \"%s\".\"%s\" holding "
				    "it make "
				    "the change fail",
				    (const char *)fl->items[i], fe, tn, col->name);
		return;
	}
	bool rewrite, narrows;
	plumb__pg_type_change(from, to, &rewrite, &narrows);
	if (rewrite)
		add(x, PLUMB_HAZARD_REWRITES_TABLE,
		    "changes the type of column \"%s\".\"%s\" from %s to %s: rewrites every row",
		    tn, col->name, from, to);
	if (narrows)
		add(x, PLUMB_HAZARD_NARROWS_TYPE,
		    "changes the type of column \"%s\".\"%s\" from %s to %s: values may not fit or "
		    "may change",
		    tn, col->name, from, to);
}

/* --- defaults ------------------------------------------------------------ */

typedef struct vol {
	cx *x;
	bool found;
} vol;

/* Built-in functions whose value differs per call. */
static bool builtin_volatile(const char *name)
{
	static const char *const fns[] = {
		"nextval",	    "random",		"gen_random_uuid",
		"uuid_generate_v1", "uuid_generate_v4", "clock_timestamp",
		"timeofday",	    "txid_current",	"setseed",
	};
	for (size_t i = 0; i < sizeof(fns) / sizeof(fns[0]); i++)
		if (strcmp(name, fns[i]) == 0)
			return true;
	return false;
}

static void find_volatile(ProtobufCMessage *m, void *payload)
{
	vol *v = payload;
	if (v->found || m->descriptor != &pg_query__func_call__descriptor)
		return;
	const PgQuery__FuncCall *fc = (const PgQuery__FuncCall *)m;
	const char *schema, *name;
	names_from(fc->funcname, fc->n_funcname, &schema, &name);
	if ((!schema || strcmp(schema, "pg_catalog") == 0 || strcmp(schema, "public") == 0) &&
	    builtin_volatile(name)) {
		v->found = true;
		return;
	}
	int rc = plumb__pg_scope_func_volatile(v->x->ctx, v->x->sc, schema, name);
	if (rc < 0)
		fail(v->x, rc);
	v->found = rc > 0;
}

/* Does expr call a function whose value differs per row? */
static bool volatile_expr(cx *x, PgQuery__Node *expr)
{
	vol v = {x, false};
	if (expr)
		plumb__pg_walk(&expr->base, find_volatile, &v);
	return v.found;
}

/* --- ALTER TABLE ----------------------------------------------------------- */

static bool is_null_const(const PgQuery__Node *n)
{
	return n && n->node_case == PG_QUERY__NODE__NODE_A_CONST && n->a_const->isnull;
}

static void needs_backfill_add(cx *x, plumb_pg_rel *rel, const char *col)
{
	const char *tn = dn(x, rel->schema, rel->name);
	add(x, PLUMB_HAZARD_NEEDS_BACKFILL,
	    "adds column \"%s\".\"%s\" NOT NULL without a default: fails if \"%s\" has rows; give "
	    "it a DEFAULT, or add it nullable, fill it, then SET NOT NULL",
	    tn, col, tn);
	if (plumb__pg_scope_knows(x->sc))
		probe(x, "SELECT EXISTS (SELECT 1 FROM %s)", rel_now(x, rel));
}

static void needs_backfill_set(cx *x, plumb_pg_rel *rel, const plumb_pg_col *col)
{
	add(x, PLUMB_HAZARD_NEEDS_BACKFILL,
	    "sets column \"%s\".\"%s\" NOT NULL: fails if it holds NULLs; fill them first "
	    "(UPDATE ... WHERE \"%s\" IS NULL)",
	    dn(x, rel->schema, rel->name), col->name, col->name);
	if (plumb__pg_scope_knows(x->sc) && col->orig)
		probe(x, "SELECT EXISTS (SELECT 1 FROM %s WHERE %s IS NULL)", rel_now(x, rel),
		      quoted(x, col->orig));
}

/* The scan that a CHECK or a foreign key added without NOT VALID makes. */
static void validates(cx *x, const plumb_pg_rel *rel, const PgQuery__Constraint *k)
{
	const char *tn = dn(x, rel->schema, rel->name);
	if (k->skip_validation || (rel->table && rel->table->server))
		return; /* a foreign table's constraints are not checked on its rows */
	if (k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_CHECK)
		add(x, PLUMB_HAZARD_VALIDATES, "scans table \"%s\" to check every row", tn);
	else
		add(x, PLUMB_HAZARD_VALIDATES,
		    "scans table \"%s\" to check the foreign key; blocks writes to it and to "
		    "\"%s\" meanwhile",
		    tn, k->pktable ? k->pktable->relname : "?");
}

static void add_column(cx *x, plumb_pg_rel *rel, PgQuery__ColumnDef *cd)
{
	const char *tn = dn(x, rel->schema, rel->name);
	PgQuery__Node *def = cd->raw_default;
	bool not_null = cd->is_not_null, filled = false, pk = false;
	char *type = NULL;
	int rc;
	if (cd->type_name &&
	    (rc = plumb__pg_type_text(x->ctx, x->arena, cd->type_name, &type)) < 0) {
		fail(x, rc);
		return;
	}
	filled = (type && plumb__pg_type_behind(type) != type) || (str(cd->identity) != NULL) ||
		 (str(cd->generated) != NULL);
	for (size_t i = 0; i < cd->n_constraints; i++) {
		const PgQuery__Node *n = cd->constraints[i];
		if (n->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
			continue;
		const PgQuery__Constraint *k = n->constraint;
		switch (k->contype) {
		case PG_QUERY__CONSTR_TYPE__CONSTR_NOTNULL:
			not_null = true;
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_DEFAULT:
			def = k->raw_expr;
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_IDENTITY:
		case PG_QUERY__CONSTR_TYPE__CONSTR_GENERATED:
			filled = true;
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
			pk = not_null = true;
			/* fall through */
		case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
		case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION:
			add(x, PLUMB_HAZARD_INDEX_BUILD,
			    "builds the index of the %s of column "
			    "\"%s\".\"%s\" on \"%s\"",
			    pk ? "primary key" : "unique constraint", tn, cd->colname, tn);
			break;
		case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK:
		case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
			validates(x, rel, k);
			break;
		default:
			break;
		}
	}
	if (not_null && !filled && (!def || is_null_const(def)))
		needs_backfill_add(x, rel, cd->colname);
	if (filled || volatile_expr(x, def))
		add(x, PLUMB_HAZARD_REWRITES_TABLE,
		    "fills column \"%s\".\"%s\" with a value per row: rewrites \"%s\"", tn,
		    cd->colname, tn);
	plumb_pg_col c = {.name = cd->colname, .type = type, .not_null = not_null, .known = true};
	fail(x, plumb__pg_scope_set_col(x->sc, rel, &c));
}

static void add_constraint(cx *x, plumb_pg_rel *rel, const PgQuery__Constraint *k)
{
	const char *tn = dn(x, rel->schema, rel->name);
	const char *name = str(k->conname);
	switch (k->contype) {
	case PG_QUERY__CONSTR_TYPE__CONSTR_CHECK: {
		const char *col = plumb__pg_not_null_column(k->raw_expr);
		validates(x, rel, k);
		if (col && name)
			fail(x,
			     plumb__pg_scope_add_check(x->sc, rel, name, col, !k->skip_validation));
		break;
	}
	case PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN:
		validates(x, rel, k);
		break;
	case PG_QUERY__CONSTR_TYPE__CONSTR_PRIMARY:
		/* its columns become NOT NULL */
		for (size_t i = 0; !str(k->indexname) && i < k->n_keys; i++) {
			const char *c = plumb__pg_strval(k->keys[i]);
			plumb_pg_col col;
			if (c && plumb__pg_scope_col(x->sc, rel, c, &col) && col.known &&
			    !col.not_null &&
			    !plumb__pg_scope_proven_not_null(x->ctx, x->sc, rel, c))
				needs_backfill_set(x, rel, &col);
		}
		/* fall through */
	case PG_QUERY__CONSTR_TYPE__CONSTR_UNIQUE:
	case PG_QUERY__CONSTR_TYPE__CONSTR_EXCLUSION:
		if (!str(k->indexname))
			add(x, PLUMB_HAZARD_INDEX_BUILD,
			    "builds the index of constraint \"%s\" on \"%s\"", name ? name : "?",
			    tn);
		break;
	default:
		break;
	}
}

/* Does ALTER TABLE subcommand c take a lock weaker than ACCESS EXCLUSIVE? */
static bool weak_lock(const PgQuery__AlterTableCmd *c)
{
	switch (c->subtype) {
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
		return c->def && c->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT &&
		       c->def->constraint->contype == PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition:
		return c->def && c->def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD &&
		       c->def->partition_cmd->concurrent;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStatistics:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetOptions:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetOptions:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetRelOptions:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetRelOptions:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ClusterOn:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DropCluster:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrig:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableAlwaysTrig:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableReplicaTrig:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigAll:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableTrigUser:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrig:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigAll:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableTrigUser:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartitionFinalize:
		return true;
	default:
		return false;
	}
}

static void alter_cmd(cx *x, plumb_pg_rel *rel, PgQuery__AlterTableCmd *c)
{
	const char *tn = dn(x, rel->schema, rel->name);
	const char *cn = str(c->name);
	plumb_pg_col col;
	bool have = cn && plumb__pg_scope_col(x->sc, rel, cn, &col);

	switch (c->subtype) {
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
		if (c->def && c->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF)
			add_column(x, rel, c->def->column_def);
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
		if (!have)
			break;
		/* a foreign table's column: its values are the server's */
		if (!rel->table || !rel->table->server)
			add(x, PLUMB_HAZARD_DELETES_DATA,
			    "drops column \"%s\".\"%s\" and its values%s", tn, cn,
			    c->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE
				    ? ", and with CASCADE the views and constraints that use it"
				    : "");
		col.gone = true;
		fail(x, plumb__pg_scope_set_col(x->sc, rel, &col));
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
		if (!cn || !c->def || c->def->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF)
			break;
		if (!have)
			col = (plumb_pg_col){.name = cn};
		c->def->column_def->colname = (char *)cn;
		column_type(x, rel, c->def->column_def, &col, have);
		/* from here its type is not known: a later change is not compared
		 * with the type written here */
		col.type = NULL;
		fail(x, plumb__pg_scope_set_col(x->sc, rel, &col));
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
		if (!have || (col.known && col.not_null))
			break;
		if (!plumb__pg_scope_proven_not_null(x->ctx, x->sc, rel, cn)) {
			add(x, PLUMB_HAZARD_VALIDATES, "scans table \"%s\" for NULLs in \"%s\"", tn,
			    cn);
			needs_backfill_set(x, rel, &col);
		}
		col.not_null = col.known = true;
		fail(x, plumb__pg_scope_set_col(x->sc, rel, &col));
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
		if (have) {
			col.not_null = false;
			col.known = true;
			fail(x, plumb__pg_scope_set_col(x->sc, rel, &col));
		}
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
		if (c->def && c->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
			add_constraint(x, rel, c->def->constraint);
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint: {
		const plumb_pg_check *k = cn ? plumb__pg_scope_check(rel, cn) : NULL;
		add(x, PLUMB_HAZARD_VALIDATES, "scans table \"%s\" to validate constraint \"%s\"",
		    tn, cn ? cn : "?");
		if (k && !k->valid && plumb__pg_scope_col(x->sc, rel, k->column, &col) &&
		    !(col.known && col.not_null))
			needs_backfill_set(x, rel, &col);
		if (k)
			plumb__pg_scope_check_state(x->sc, rel, cn, true);
		break;
	}
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
		if (!cn)
			break;
		plumb__pg_scope_check_state(x->sc, rel, cn, false);
		/* a foreign key's drop locks the table it references too */
		for (size_t i = 0; rel->table && i < rel->table->constraints.n; i++) {
			const plumb_constraint *k = rel->table->constraints.items[i];
			plumb_pg_rel *ref;
			if (k->kind == PLUMB_CON_FOREIGN_KEY && k->name &&
			    strcmp(k->name, cn) == 0 && k->ref_table &&
			    (ref = plumb__pg_scope_rel(x->sc, k->ref_schema, k->ref_table)) &&
			    !ref->fresh)
				ae(x, ref);
		}
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetLogged:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetUnLogged:
		add(x, PLUMB_HAZARD_REWRITES_TABLE, "rewrites table \"%s\" (%s)", tn,
		    c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_SetLogged ? "logged" : "unlogged");
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetTableSpace:
		add(x, PLUMB_HAZARD_REWRITES_TABLE, "copies table \"%s\" to another tablespace",
		    tn);
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition:
		if (c->def && c->def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD) {
			plumb_pg_rel *part = old_rel(x, c->def->partition_cmd->name);
			if (part) {
				ae(x, part);
				add(x, PLUMB_HAZARD_VALIDATES,
				    "scans table \"%s\" to check the partition bound",
				    dn(x, part->schema, part->name));
			}
		}
		break;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition:
		if (c->def && c->def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD &&
		    c->def->partition_cmd->concurrent)
			need(x, PLUMB_TXN_OUTSIDE);
		break;
	default:
		break;
	}
}

static void alter_table(cx *x, PgQuery__AlterTableStmt *as)
{
	if (as->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE || !as->relation)
		return;
	plumb_pg_rel *rel = old_rel(x, as->relation);
	bool strong = false;
	for (size_t i = 0; i < as->n_cmds; i++) {
		if (as->cmds[i]->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD)
			continue;
		PgQuery__AlterTableCmd *c = as->cmds[i]->alter_table_cmd;
		if (c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DetachPartition && c->def &&
		    c->def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD &&
		    c->def->partition_cmd->concurrent)
			need(x, PLUMB_TXN_OUTSIDE); /* new or not */
		if (!rel)
			continue;
		strong |= !weak_lock(c);
		alter_cmd(x, rel, c);
	}
	if (rel && strong)
		ae(x, rel);
}

/* --- the other statements ------------------------------------------------- */

static void drop_relations(cx *x, const PgQuery__DropStmt *d, char kind)
{
	bool cascade = d->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
	for (size_t i = 0; i < d->n_objects; i++) {
		const char *schema, *name;
		plumb__pg_names_of(d->objects[i], &schema, &name);
		plumb_pg_rel *r = plumb__pg_scope_rel(x->sc, str(schema), name);
		if (r && !r->fresh) {
			if (kind == 'r')
				add(x, PLUMB_HAZARD_DELETES_DATA,
				    "drops table \"%s\" and its rows%s", dn(x, r->schema, r->name),
				    cascade ? ", and with CASCADE the views and foreign keys that "
					      "depend on it"
					    : "");
			ae(x, r);
		}
		plumb__pg_scope_drop_rel(x->sc, str(schema), name);
	}
}

static void drop_index(cx *x, const PgQuery__DropStmt *d)
{
	if (d->concurrent)
		need(x, PLUMB_TXN_OUTSIDE);
	for (size_t i = 0; i < d->n_objects; i++) {
		const char *schema, *name;
		plumb__pg_names_of(d->objects[i], &schema, &name);
		plumb_pg_rel *r = plumb__pg_scope_index_rel(x->sc, str(schema), name);
		if (!d->concurrent && r && !r->fresh)
			ae(x, r);
		else if (!d->concurrent && !r && !plumb__pg_scope_knows(x->sc))
			add(x, PLUMB_HAZARD_ACCESS_EXCLUSIVE,
			    "locks the table of index \"%s\" against "
			    "reads and writes while it runs",
			    dn(x, schema, name));
		plumb__pg_scope_drop_index(x->sc, str(schema), name);
	}
}

/* DROP POLICY, TRIGGER, RULE: ACCESS EXCLUSIVE on the table they are on. */
static void drop_on_table(cx *x, const PgQuery__DropStmt *d)
{
	for (size_t i = 0; i < d->n_objects; i++) {
		const PgQuery__Node *n = d->objects[i];
		if (n->node_case != PG_QUERY__NODE__NODE_LIST || n->list->n_items < 2)
			continue;
		const char *schema, *name;
		names_from(n->list->items, n->list->n_items - 1, &schema, &name);
		plumb_pg_rel *r = plumb__pg_scope_rel(x->sc, str(schema), name);
		if (r && !r->fresh)
			ae(x, r);
	}
}

static void drop_stmt(cx *x, const PgQuery__DropStmt *d)
{
	bool cascade = d->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE;
	const char *schema, *name;
	switch (d->remove_type) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
		drop_relations(x, d, 'r');
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
		drop_relations(x, d, 'v');
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
		drop_index(x, d);
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		for (size_t i = 0; i < d->n_objects; i++) {
			plumb__pg_names_of(d->objects[i], &schema, &name);
			if (plumb__pg_scope_sequence(x->sc, str(schema), name))
				add(x, PLUMB_HAZARD_DELETES_DATA,
				    "drops sequence \"%s\" and its current value",
				    dn(x, schema, name));
			plumb__pg_scope_drop_sequence(x->sc, str(schema), name);
		}
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
		for (size_t i = 0; cascade && i < d->n_objects; i++) {
			plumb__pg_names_of(d->objects[i], &schema, &name);
			add(x, PLUMB_HAZARD_DELETES_DATA,
			    "drops schema \"%s\" with CASCADE: every table in it goes with its "
			    "rows",
			    name);
		}
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
	case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION:
		for (size_t i = 0; i < d->n_objects; i++) {
			plumb__pg_names_of(d->objects[i], &schema, &name);
			if (cascade)
				add(x, PLUMB_HAZARD_DELETES_DATA,
				    "drops %s \"%s\" with CASCADE: the columns of its types go "
				    "with their "
				    "values",
				    d->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION
					    ? "extension"
				    : d->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN
					    ? "domain"
					    : "type",
				    dn(x, schema, name));
			if (d->remove_type != PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION)
				plumb__pg_scope_drop_type(x->sc, str(schema), name);
		}
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_POLICY:
	case PG_QUERY__OBJECT_TYPE__OBJECT_TRIGGER:
	case PG_QUERY__OBJECT_TYPE__OBJECT_RULE:
		drop_on_table(x, d);
		break;
	default:
		break;
	}
}

static void rename_stmt(cx *x, const PgQuery__RenameStmt *r)
{
	const char *schema, *name;
	plumb_pg_rel *rel;
	plumb_pg_col col;
	switch (r->rename_type) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
		if (!r->relation)
			break;
		rel = plumb__pg_scope_rel(x->sc, str(r->relation->schemaname),
					  r->relation->relname);
		if (!rel)
			break;
		if (!rel->fresh)
			ae(x, rel);
		fail(x, plumb__pg_scope_rename_rel(x->sc, rel, r->newname));
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_COLUMN:
		if (!r->relation || !(rel = old_rel(x, r->relation)))
			break;
		ae(x, rel);
		if (plumb__pg_scope_col(x->sc, rel, r->subname, &col)) {
			plumb_pg_col gone = col;
			gone.gone = true;
			col.name = r->newname;
			fail(x, plumb__pg_scope_set_col(x->sc, rel, &gone));
			fail(x, plumb__pg_scope_set_col(x->sc, rel, &col));
		}
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABCONSTRAINT:
		if (r->relation && (rel = old_rel(x, r->relation))) {
			ae(x, rel);
			const plumb_pg_check *k = plumb__pg_scope_check(rel, r->subname);
			if (k) {
				fail(x, plumb__pg_scope_add_check(x->sc, rel, r->newname, k->column,
								  k->valid));
				plumb__pg_scope_check_state(x->sc, rel, r->subname, false);
			}
		}
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
		/* SHARE UPDATE EXCLUSIVE since PostgreSQL 12: readers and writers go on */
		if (r->relation)
			fail(x, plumb__pg_scope_rename_index(x->sc, str(r->relation->schemaname),
							     r->relation->relname, r->newname));
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
	case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN: {
		plumb__pg_names_of(r->object, &schema, &name);
		const char *text =
			schema ? plumb_arena_printf(x->arena, "%s.%s",
						    plumb__pg_quote_ident(x->arena, schema),
						    plumb__pg_quote_ident(x->arena, name))
			       : plumb__pg_quote_ident(x->arena, name);
		plumb_pg_type *t = text ? plumb__pg_scope_type(x->sc, text) : NULL;
		if (t)
			fail(x, plumb__pg_scope_rename_type(x->sc, t, r->newname));
		break;
	}
	default:
		break;
	}
}

/* The type text names (schema.name as format_type would write it). */
static plumb_pg_type *type_of_names(cx *x, PgQuery__Node **items, size_t n)
{
	const char *schema, *name;
	names_from(items, n, &schema, &name);
	const char *q = plumb__pg_quote_ident(x->arena, name);
	const char *text = schema && q
				   ? plumb_arena_printf(x->arena, "%s.%s",
							plumb__pg_quote_ident(x->arena, schema), q)
				   : q;
	return text ? plumb__pg_scope_type(x->sc, text) : NULL;
}

static void alter_enum(cx *x, const PgQuery__AlterEnumStmt *e)
{
	plumb_pg_type *t = type_of_names(x, e->type_name, e->n_type_name);
	if (str(e->old_val)) { /* RENAME VALUE */
		for (size_t i = 0; t && i < t->labels.n; i++)
			if (strcmp(t->labels.items[i], e->old_val) == 0)
				t->labels.items[i] = e->new_val;
		return;
	}
	need(x, PLUMB_TXN_COMMIT_FIRST);
	if (t && plumb_vec_push(x->arena, &t->labels, e->new_val))
		fail(x, plumb_error_nomem(x->ctx));
}

static void create_index(cx *x, const PgQuery__IndexStmt *ix)
{
	plumb_pg_rel *r = old_rel(x, ix->relation);
	if (ix->concurrent)
		need(x, PLUMB_TXN_OUTSIDE);
	if (str(ix->idxname) && ix->relation)
		fail(x, plumb__pg_scope_add_index(x->sc, str(ix->relation->schemaname), ix->idxname,
						  ix->relation->relname));
	if (!r || !ix->relation->inh) /* ON ONLY a partitioned table: nothing built */
		return;
	const char *tn = dn(x, r->schema, r->name);
	if (str(ix->idxname))
		add(x, PLUMB_HAZARD_INDEX_BUILD, "builds index \"%s\" on \"%s\"%s", ix->idxname, tn,
		    ix->concurrent ? "" : ", blocking writes meanwhile");
	else
		add(x, PLUMB_HAZARD_INDEX_BUILD, "builds an index on \"%s\"%s", tn,
		    ix->concurrent ? "" : ", blocking writes meanwhile");
}

static bool def_true(const PgQuery__Node *n, const char *name)
{
	if (!n || n->node_case != PG_QUERY__NODE__NODE_DEF_ELEM ||
	    strcmp(n->def_elem->defname, name) != 0)
		return false;
	const PgQuery__Node *a = n->def_elem->arg;
	const char *v = a ? plumb__pg_strval(a) : NULL;
	if (a && a->node_case == PG_QUERY__NODE__NODE_BOOLEAN)
		return a->boolean->boolval;
	if (a && a->node_case == PG_QUERY__NODE__NODE_INTEGER)
		return a->integer->ival != 0;
	return !v || !(strcmp(v, "false") == 0 || strcmp(v, "off") == 0 || strcmp(v, "0") == 0);
}

static void vacuum(cx *x, const PgQuery__VacuumStmt *v)
{
	bool full = false;
	if (!v->is_vacuumcmd)
		return; /* ANALYZE */
	need(x, PLUMB_TXN_OUTSIDE);
	for (size_t i = 0; i < v->n_options; i++)
		full |= def_true(v->options[i], "full");
	if (!full)
		return;
	if (!v->n_rels)
		add(x, PLUMB_HAZARD_REWRITES_TABLE,
		    "rewrites every table of the database (VACUUM FULL), "
		    "each locked against reads and writes meanwhile");
	for (size_t i = 0; i < v->n_rels; i++) {
		const PgQuery__Node *n = v->rels[i];
		plumb_pg_rel *r = n->node_case == PG_QUERY__NODE__NODE_VACUUM_RELATION
					  ? old_rel(x, n->vacuum_relation->relation)
					  : NULL;
		if (!r)
			continue;
		add(x, PLUMB_HAZARD_REWRITES_TABLE, "rewrites table \"%s\" (VACUUM FULL)",
		    dn(x, r->schema, r->name));
		ae(x, r);
	}
}

static void reindex(cx *x, const PgQuery__ReindexStmt *r)
{
	bool conc = false;
	for (size_t i = 0; i < r->n_params; i++)
		conc |= def_true(r->params[i], "concurrently");
	if (conc || r->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SCHEMA ||
	    r->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SYSTEM ||
	    r->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_DATABASE)
		need(x, PLUMB_TXN_OUTSIDE);
	const char *what;
	if (r->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_INDEX && r->relation)
		what = plumb_arena_printf(x->arena, "index \"%s\"",
					  dn(x, r->relation->schemaname, r->relation->relname));
	else if (r->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_TABLE && r->relation)
		what = plumb_arena_printf(x->arena, "the indexes of table \"%s\"",
					  dn(x, r->relation->schemaname, r->relation->relname));
	else
		what = plumb_arena_printf(
			x->arena, "the indexes of %s \"%s\"",
			r->kind == PG_QUERY__REINDEX_OBJECT_TYPE__REINDEX_OBJECT_SCHEMA
				? "schema"
				: "database",
			r->name ? r->name : "");
	add(x, PLUMB_HAZARD_INDEX_BUILD, "rebuilds %s%s", what ? what : "indexes",
	    conc ? "" : ", blocking writes meanwhile");
}

static void create_stmt(cx *x, const PgQuery__CreateStmt *c)
{
	/* A partition locks its parent (MergeAttributes) */
	if (c->partbound && c->n_inh_relations &&
	    c->inh_relations[0]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
		plumb_pg_rel *parent = old_rel(x, c->inh_relations[0]->range_var);
		if (parent)
			ae(x, parent);
	}
	fail(x, plumb__pg_scope_create_rel(x->sc, str(c->relation->schemaname),
					   c->relation->relname, 'r'));
}

static void create_function(cx *x, const PgQuery__CreateFunctionStmt *f)
{
	const char *schema, *name;
	names_from(f->funcname, f->n_funcname, &schema, &name);
	fail(x, plumb__pg_scope_add_func(x->sc, str(schema), name, plumb__pg_declared_volatile(f)));
}

static void create_type_names(cx *x, PgQuery__Node **items, size_t n, char kind,
			      const plumb_vec *labels, const char *base)
{
	const char *schema, *name;
	names_from(items, n, &schema, &name);
	fail(x, plumb__pg_scope_add_type(x->sc, str(schema), name, kind, labels, base));
}

static void create_enum(cx *x, const PgQuery__CreateEnumStmt *e)
{
	plumb_vec labels = {0};
	for (size_t i = 0; i < e->n_vals; i++) {
		const char *v = plumb__pg_strval(e->vals[i]);
		if (v && plumb_vec_push(x->arena, &labels, (void *)v))
			fail(x, plumb_error_nomem(x->ctx));
	}
	create_type_names(x, e->type_name, e->n_type_name, 'e', &labels, NULL);
}

static void create_domain(cx *x, const PgQuery__CreateDomainStmt *d)
{
	char *base = NULL;
	int rc = d->type_name ? plumb__pg_type_text(x->ctx, x->arena, d->type_name, &base) : 0;
	if (rc < 0) {
		fail(x, rc);
		return;
	}
	create_type_names(x, d->domainname, d->n_domainname, 'd', NULL, base);
}

static void alter_domain(cx *x, const PgQuery__AlterDomainStmt *d)
{
	const char *schema, *name;
	names_from(d->type_name, d->n_type_name, &schema, &name);
	bool check = d->subtype && d->subtype[0] == 'C' && d->def &&
		     d->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT &&
		     !d->def->constraint->skip_validation;
	if (check || (d->subtype && d->subtype[0] == 'O'))
		add(x, PLUMB_HAZARD_VALIDATES,
		    "scans every column of domain \"%s\" to check the constraint",
		    dn(x, schema, name));
	else if (d->subtype && d->subtype[0] == 'V')
		add(x, PLUMB_HAZARD_VALIDATES,
		    "scans every column of domain \"%s\" to validate constraint \"%s\"",
		    dn(x, schema, name), d->name ? d->name : "?");
}

/* TRUNCATE (cascade: with CASCADE), DELETE without WHERE. */
static void empties(cx *x, const PgQuery__RangeVar *rv, bool truncate, bool cascade)
{
	plumb_pg_rel *r = old_rel(x, rv);
	if (!r)
		return;
	add(x, PLUMB_HAZARD_DELETES_DATA, "%s every row of table \"%s\"%s",
	    truncate ? "empties (TRUNCATE)" : "deletes", dn(x, r->schema, r->name),
	    cascade ? ", and with CASCADE of the tables that reference it" : "");
	if (truncate)
		ae(x, r);
}

static void on_table(cx *x, const PgQuery__RangeVar *rv)
{
	plumb_pg_rel *r = old_rel(x, rv);
	if (r)
		ae(x, r);
}

static void stmt(cx *x, PgQuery__Node *n)
{
	switch (n->node_case) {
	case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
		alter_table(x, n->alter_table_stmt);
		break;
	case PG_QUERY__NODE__NODE_DROP_STMT:
		drop_stmt(x, n->drop_stmt);
		break;
	case PG_QUERY__NODE__NODE_RENAME_STMT:
		rename_stmt(x, n->rename_stmt);
		break;
	case PG_QUERY__NODE__NODE_INDEX_STMT:
		create_index(x, n->index_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_STMT:
		create_stmt(x, n->create_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_TABLE_AS_STMT:
		if (n->create_table_as_stmt->into && n->create_table_as_stmt->into->rel) {
			const PgQuery__RangeVar *rv = n->create_table_as_stmt->into->rel;
			bool mat = n->create_table_as_stmt->objtype ==
				   PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW;
			fail(x, plumb__pg_scope_create_rel(x->sc, str(rv->schemaname), rv->relname,
							   mat ? 'm' : 'r'));
		}
		break;
	case PG_QUERY__NODE__NODE_VIEW_STMT: {
		const PgQuery__RangeVar *rv = n->view_stmt->view;
		plumb_pg_rel *r = old_rel(x, rv);
		if (r && n->view_stmt->replace)
			ae(x, r); /* CREATE OR REPLACE of a view in use */
		if (!r)
			fail(x, plumb__pg_scope_create_rel(x->sc, str(rv->schemaname), rv->relname,
							   'v'));
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_POLICY_STMT:
		on_table(x, n->create_policy_stmt->table);
		break;
	case PG_QUERY__NODE__NODE_ALTER_POLICY_STMT:
		on_table(x, n->alter_policy_stmt->table);
		break;
	case PG_QUERY__NODE__NODE_TRUNCATE_STMT:
		for (size_t i = 0; i < n->truncate_stmt->n_relations; i++)
			if (n->truncate_stmt->relations[i]->node_case ==
			    PG_QUERY__NODE__NODE_RANGE_VAR)
				empties(x, n->truncate_stmt->relations[i]->range_var, true,
					n->truncate_stmt->behavior ==
						PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE);
		break;
	case PG_QUERY__NODE__NODE_DELETE_STMT:
		if (!n->delete_stmt->where_clause)
			empties(x, n->delete_stmt->relation, false, false);
		break;
	case PG_QUERY__NODE__NODE_VACUUM_STMT:
		vacuum(x, n->vacuum_stmt);
		break;
	case PG_QUERY__NODE__NODE_CLUSTER_STMT: {
		plumb_pg_rel *r = old_rel(x, n->cluster_stmt->relation);
		if (!n->cluster_stmt->relation) {
			need(x, PLUMB_TXN_OUTSIDE);
			add(x, PLUMB_HAZARD_REWRITES_TABLE,
			    "rewrites every table clustered before (CLUSTER), each locked against "
			    "reads and writes meanwhile");
		} else if (r) {
			add(x, PLUMB_HAZARD_REWRITES_TABLE,
			    "rewrites table \"%s\" in index order (CLUSTER)",
			    dn(x, r->schema, r->name));
			ae(x, r);
		}
		break;
	}
	case PG_QUERY__NODE__NODE_REINDEX_STMT:
		reindex(x, n->reindex_stmt);
		break;
	case PG_QUERY__NODE__NODE_REFRESH_MAT_VIEW_STMT:
		if (!n->refresh_mat_view_stmt->concurrent)
			on_table(x, n->refresh_mat_view_stmt->relation);
		break;
	case PG_QUERY__NODE__NODE_ALTER_ENUM_STMT:
		alter_enum(x, n->alter_enum_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_ENUM_STMT:
		create_enum(x, n->create_enum_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_DOMAIN_STMT:
		create_domain(x, n->create_domain_stmt);
		break;
	case PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT:
		alter_domain(x, n->alter_domain_stmt);
		break;
	case PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT: {
		const PgQuery__RangeVar *rv = n->composite_type_stmt->typevar;
		if (rv)
			fail(x, plumb__pg_scope_add_type(x->sc, str(rv->schemaname), rv->relname,
							 't', NULL, NULL));
		break;
	}
	case PG_QUERY__NODE__NODE_CREATE_RANGE_STMT:
		create_type_names(x, n->create_range_stmt->type_name,
				  n->create_range_stmt->n_type_name, 't', NULL, NULL);
		break;
	case PG_QUERY__NODE__NODE_CREATE_FUNCTION_STMT:
		create_function(x, n->create_function_stmt);
		break;
	case PG_QUERY__NODE__NODE_CREATE_SEQ_STMT: {
		const PgQuery__RangeVar *rv = n->create_seq_stmt->sequence;
		if (rv)
			fail(x,
			     plumb__pg_scope_add_sequence(x->sc, str(rv->schemaname), rv->relname));
		break;
	}
	case PG_QUERY__NODE__NODE_DROPDB_STMT:
		need(x, PLUMB_TXN_OUTSIDE);
		add(x, PLUMB_HAZARD_DELETES_DATA, "drops database \"%s\" and everything in it",
		    n->dropdb_stmt->dbname);
		break;
	case PG_QUERY__NODE__NODE_CREATEDB_STMT:
	case PG_QUERY__NODE__NODE_ALTER_SYSTEM_STMT:
	case PG_QUERY__NODE__NODE_CREATE_TABLE_SPACE_STMT:
	case PG_QUERY__NODE__NODE_DROP_TABLE_SPACE_STMT:
		need(x, PLUMB_TXN_OUTSIDE);
		break;
	default:
		break;
	}
}

int plumb__pg_classify_next(plumb_ctx *ctx, plumb_arena *arena, plumb_pg_scope *scope,
			    const char *sql, plumb_stmt_class *out)
{
	PgQuery__ParseResult *pr = NULL;
	cx x = {ctx, arena, scope, out, 0};
	int rc;

	if ((rc = plumb__pg_parse(ctx, arena, sql, NULL, &pr, NULL)) < 0)
		return rc;
	for (size_t i = 0; i < pr->n_stmts && !x.rc; i++)
		if (pr->stmts[i]->stmt)
			stmt(&x, pr->stmts[i]->stmt);
	return x.rc;
}

int plumb__pg_classify_known(plumb_pg_scope *scope, const plumb_pg_known *k)
{
	plumb_pg_rel *r;
	int rc;

	switch (k->kind) {
	case 't':
		rc = plumb__pg_scope_create_rel(scope, k->schema, k->name, 'r');
		break;
	case 'i':
		r = plumb__pg_scope_rel(scope, k->schema, k->table);
		if (r && !r->fresh)
			return 0;
		rc = plumb__pg_scope_add_index(scope, k->schema, k->name, k->table);
		break;
	case 'a':
		r = plumb__pg_scope_rel(scope, k->schema, k->name);
		if (r && !r->fresh)
			return 0;
		rc = 0;
		break;
	case 'n':
		rc = 0;
		break;
	default:
		return 0;
	}
	return rc < 0 ? rc : 1;
}

typedef struct script_call {
	plumb_ctx *ctx;
	plumb_arena *arena;
	const plumb_catalog *before;
	const char *const *sqls;
	const void *const *known; /* plumb_pg_known *, or NULL */
	size_t n;
	plumb_stmt_class *out;
	bool lenient; /* a statement that does not parse is skipped */
} script_call;

/* On the large stack: a statement may nest as deep as PostgreSQL takes. */
static int script_run(void *payload)
{
	script_call *c = payload;
	plumb_pg_scope *sc;
	int rc = plumb__pg_scope_new(c->ctx, c->arena, c->before, &sc);
	for (size_t i = 0; !rc && i < c->n; i++) {
		if (c->known && c->known[i] &&
		    (rc = plumb__pg_classify_known(sc, c->known[i])) != 0) {
			rc = rc < 0 ? rc : 0;
			continue;
		}
		rc = plumb__pg_classify_next(c->ctx, c->arena, sc, c->sqls[i], &c->out[i]);
		if (rc == PLUMB_EPARSE && c->lenient) {
			/* SQL of a newer server than libpg_query reads: its
			 * planner's hazards stand alone */
			plumb_error_clear(c->ctx);
			rc = 0;
		}
	}
	/* a lookup that could not allocate answered "not there": sticky */
	if (!rc && plumb_arena_failed(c->arena))
		rc = plumb_error_nomem(c->ctx);
	return rc;
}

int plumb__pg_classify_script(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *before,
			      const char *const *sqls, const void *const *known, size_t n,
			      plumb_stmt_class *out)
{
	script_call c = {ctx, arena, before, sqls, known, n, out, true};
	return plumb__pg_deep(ctx, script_run, &c);
}

int plumb__pg_classify(plumb_ctx *ctx, plumb_arena *arena, const char *sql,
		       const plumb_catalog *before, plumb_vec *out_hazards)
{
	plumb_stmt_class one = {0};
	const char *sqls[1] = {sql};
	script_call c = {ctx, arena, before, sqls, NULL, 1, &one, false};
	int rc = plumb__pg_deep(ctx, script_run, &c);
	for (size_t i = 0; rc == 0 && i < one.hazards.n; i++)
		if (plumb_vec_push(arena, out_hazards, one.hazards.items[i]))
			rc = plumb_error_nomem(ctx);
	return rc;
}
