/*
 * The PostgreSQL online forms (online.h): one statement's parse tree in, the
 * statements that replace it out, so that writers keep running while it works:
 *  - CREATE [UNIQUE] INDEX: CONCURRENTLY, outside a transaction (it waits for
 *    writers instead of blocking them);
 *  - DROP INDEX: CONCURRENTLY, outside a transaction (no ACCESS EXCLUSIVE on
 *    the table);
 *  - ALTER TABLE ... ADD CONSTRAINT of a CHECK or a FOREIGN KEY: added NOT
 *    VALID (no scan under the lock), then VALIDATE CONSTRAINT, which scans
 *    under SHARE UPDATE EXCLUSIVE;
 *  - ALTER DOMAIN ... ADD CONSTRAINT of a CHECK: added NOT VALID (new values
 *    are checked, no scan), then VALIDATE CONSTRAINT;
 *  - ALTER TABLE ... ALTER COLUMN ... SET NOT NULL: a CHECK (c IS NOT NULL)
 *    added NOT VALID and validated, then SET NOT NULL, which the valid check
 *    proves without a scan, then the check dropped.
 * A statement keeps its form when an earlier statement created its relation
 * (empty, nobody uses it yet: the scope says so), and CONCURRENTLY and a NOT
 * VALID foreign key are not used where PostgreSQL refuses them: on a table
 * partitioned before or after the plan, and (the foreign key) on a partition.
 *
 * The SQL of a form is the statement's own text where it can be (CONCURRENTLY
 * after CREATE [UNIQUE] INDEX, NOT VALID after the constraint), and the
 * statements a form adds name what the parse tree names, quoted as
 * "schema"."name". A form's steps carry the statement's hazards that still
 * hold, on the step that now runs the risk (the scan, and what the scan may
 * find), and word their own (a brief lock, the scan of VALIDATE); the
 * classifier adds what else it finds afterwards. It plans and runs nothing.
 */
#include <string.h>
#include <strings.h>

#include "dialect/pg/online.h"
#include "dialect/pg/sticky.h"

typedef struct ox {
	plumb_pg_sticky st;    /* the output's arena; the first failure */
	plumb_pg_scope *sc;    /* the schema the statement runs against */
	plumb_pg_scope *after; /* the schema after the plan, or NULL */
	const plumb_stmt *in;  /* the statement rewritten */
	plumb_vec *out;	       /* plumb_stmt * */
	bool first;	       /* no replacement emitted yet */
} ox;

static const char *str(const char *s)
{
	return s && *s ? s : NULL;
}

/* Appends a replacement of the statement: sql, its note (after the
 * statement's own comment, on the first), outside a transaction when
 * outside is true or the statement was. NULL once something failed. */
static plumb_stmt *emit(ox *x, const char *sql, const char *note, bool outside)
{
	plumb_stmt *s = sql ? plumb__pg_alloc(&x->st, sizeof(*s)) : NULL;
	if (!s)
		return NULL;
	s->sql = sql;
	s->comment = x->first && x->in->comment
			     ? plumb__pg_fmt(&x->st, "%s\n%s", x->in->comment, note)
			     : note;
	s->no_transaction = outside || x->in->no_transaction;
	s->foreign_keys_off = x->in->foreign_keys_off;
	x->first = false;
	plumb__pg_push(&x->st, x->out, s);
	return x->st.rc ? NULL : s;
}

static void hz(ox *x, plumb_stmt *s, plumb_hazard_kind kind, const char *msg)
{
	if (s && msg && !x->st.rc)
		plumb__pg_fail(&x->st, plumb_hazard_add(x->st.ctx, x->st.arena, &s->hazards, kind,
							"%s", msg));
}

/* The statement's hazards of the kinds not in mask, onto s (in order). */
static void carry(ox *x, plumb_stmt *s, unsigned mask)
{
	for (size_t i = 0; s && i < x->in->hazards.n; i++) {
		plumb_hazard *h = x->in->hazards.items[i];
		if (!(mask & (1u << h->kind)))
			plumb__pg_push(&x->st, &s->hazards, h);
	}
}

static void brief_lock(ox *x, plumb_stmt *s, const char *tn)
{
	hz(x, s, PLUMB_HAZARD_ACCESS_EXCLUSIVE,
	   plumb__pg_fmt(&x->st,
			 "locks table \"%s\" (briefly) against reads and writes while it runs",
			 tn));
}

static const char *ident(ox *x, const char *name)
{
	char *s = x->st.rc ? NULL : plumb_quote_ident(x->st.arena, name);
	if (!s)
		plumb__pg_nomem(&x->st);
	return s;
}

/* Created by an earlier statement: empty, and nobody uses it yet. */
static bool fresh(const plumb_pg_rel *r)
{
	return r && r->fresh;
}

/* Table (schema, name) as the plan leaves it, or NULL when that is not
 * known or it is none. */
static const plumb_table *after_table(ox *x, const char *schema, const char *name)
{
	const plumb_pg_rel *r = x->after ? plumb__pg_scope_rel(x->after, schema, name) : NULL;
	return r ? r->table : NULL;
}

/* Partitioned in the schema before the script (r, as it is now: renames
 * followed) or after the plan (by the name the statement uses). */
static bool partitioned(ox *x, const plumb_pg_rel *r, const char *schema, const char *name)
{
	const plumb_table *t = after_table(x, schema, name);
	return (r && r->table && r->table->partition_by) || (t && t->partition_by);
}

/* --- indexes --------------------------------------------------------------- */

/* sql with CONCURRENTLY after its CREATE [UNIQUE] INDEX, or NULL when it
 * does not start so. */
static const char *concurrently(ox *x, const char *sql)
{
	static const char *const heads[] = {"CREATE UNIQUE INDEX ", "CREATE INDEX "};
	for (size_t i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		size_t n = strlen(heads[i]);
		if (strncasecmp(sql, heads[i], n) == 0)
			return plumb__pg_fmt(&x->st, "%.*sCONCURRENTLY %s", (int)n, sql, sql + n);
	}
	return NULL;
}

static void create_index(ox *x, const PgQuery__IndexStmt *ix)
{
	const PgQuery__RangeVar *rv = ix->relation;
	if (ix->concurrent || !rv || !rv->relname)
		return;
	const char *schema = str(rv->schemaname);
	plumb_pg_rel *r = plumb__pg_scope_rel(x->sc, schema, rv->relname);
	if (fresh(r) || partitioned(x, r, schema, rv->relname))
		return;
	const char *sql = concurrently(x, x->in->sql);
	if (!sql)
		return;
	plumb_stmt *s = emit(
		x, sql, "online: build the index without blocking writes (outside a transaction)",
		true);
	const char *tn = plumb__pg_scope_display(x->sc, schema, rv->relname);
	/* the build goes on, without blocking writes */
	for (size_t i = 0; s && i < x->in->hazards.n; i++) {
		plumb_hazard *h = x->in->hazards.items[i];
		if (h->kind != PLUMB_HAZARD_INDEX_BUILD)
			plumb__pg_push(&x->st, &s->hazards, h);
		else if (str(ix->idxname))
			hz(x, s, h->kind,
			   plumb__pg_fmt(&x->st, "builds index \"%s\" on \"%s\"", ix->idxname, tn));
		else
			hz(x, s, h->kind, plumb__pg_fmt(&x->st, "builds an index on \"%s\"", tn));
	}
}

static void drop_index(ox *x, const PgQuery__DropStmt *d)
{
	if (d->concurrent || d->n_objects != 1 ||
	    d->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE)
		return;
	const char *schema, *name;
	plumb__pg_names_of(d->objects[0], &schema, &name);
	if (!*name)
		return;
	/* the table it is on, as the database names it now */
	plumb_pg_rel *r = plumb__pg_scope_index_rel(x->sc, str(schema), name);
	const plumb_table *t = r ? r->table : NULL;
	if (fresh(r) || (t && partitioned(x, r, t->schema, t->name)))
		return;
	plumb_stmt *s = emit(x,
			     plumb__pg_fmt(&x->st, "DROP INDEX CONCURRENTLY %s%s",
					   d->missing_ok ? "IF EXISTS " : "",
					   plumb__pg_qname(&x->st, str(schema), name)),
			     "online: drop the index without blocking reads and writes (outside a "
			     "transaction)",
			     true);
	carry(x, s, 1u << PLUMB_HAZARD_ACCESS_EXCLUSIVE);
}

/* --- ALTER TABLE ----------------------------------------------------------- */

/* ADD CONSTRAINT of a named CHECK or FOREIGN KEY on r (T quoted, tn for
 * people). */
static void add_constraint(ox *x, const plumb_pg_rel *r, const PgQuery__RangeVar *rv, const char *T,
			   const char *tn, const PgQuery__Constraint *k)
{
	bool check = k->contype == PG_QUERY__CONSTR_TYPE__CONSTR_CHECK;
	if (!str(k->conname) || k->skip_validation ||
	    (!check && k->contype != PG_QUERY__CONSTR_TYPE__CONSTR_FOREIGN))
		return; /* already NOT VALID: nothing scans */
	if (!check) {
		/* PostgreSQL takes no NOT VALID foreign key on a partitioned
		 * table or a partition */
		const plumb_table *t = after_table(x, str(rv->schemaname), rv->relname);
		if (!t && r)
			t = r->table;
		if (t && (t->partition_by || t->partition_of))
			return;
	}
	plumb_stmt *s = emit(
		x, plumb__pg_fmt(&x->st, "%s NOT VALID", x->in->sql),
		check ? "online: add the check NOT VALID (no scan under the lock), validate next"
		      : "online: add the foreign key NOT VALID (no scan under the lock), validate "
			"next",
		false);
	if (check)
		brief_lock(x, s, tn);
	s = emit(x,
		 plumb__pg_fmt(&x->st, "ALTER TABLE %s VALIDATE CONSTRAINT %s", T,
			       ident(x, k->conname)),
		 "online: validate under SHARE UPDATE EXCLUSIVE; writers keep running", false);
	hz(x, s, PLUMB_HAZARD_VALIDATES,
	   plumb__pg_fmt(&x->st, "scans table \"%s\" to validate constraint \"%s\"", tn,
			 k->conname));
	carry(x, s, (1u << PLUMB_HAZARD_ACCESS_EXCLUSIVE) | (1u << PLUMB_HAZARD_VALIDATES));
}

/* SET NOT NULL of column col of rv (T quoted, tn for people). */
static void set_not_null(ox *x, const PgQuery__RangeVar *rv, const char *T, const char *tn,
			 const char *col)
{
	const char *ck = plumb__pg_fmt(&x->st, "%s_%s_not_null", rv->relname, col);
	if (ck && strlen(ck) > 63) /* NAMEDATALEN - 1 */
		ck = plumb__pg_fmt(&x->st, "plumb_%s_not_null", col);
	const char *K = ck ? ident(x, ck) : NULL, *C = ident(x, col);
	if (!K || !C)
		return;
	plumb_stmt *s = emit(
		x,
		plumb__pg_fmt(&x->st,
			      "ALTER TABLE %s ADD CONSTRAINT %s CHECK (%s IS NOT NULL) NOT VALID",
			      T, K, C),
		"online: SET NOT NULL through a check added NOT VALID (no scan under the lock)",
		false);
	brief_lock(x, s, tn);
	s = emit(x, plumb__pg_fmt(&x->st, "ALTER TABLE %s VALIDATE CONSTRAINT %s", T, K),
		 "online: validate the check; writers keep running", false);
	/* the scan, and the NULLs it may find, are the validation's now */
	carry(x, s, 1u << PLUMB_HAZARD_ACCESS_EXCLUSIVE);
	s = emit(x, x->in->sql, "online: the validated check proves it, so no scan", false);
	brief_lock(x, s, tn);
	s = emit(x, plumb__pg_fmt(&x->st, "ALTER TABLE %s DROP CONSTRAINT %s", T, K),
		 "online: the check has done its work", false);
	brief_lock(x, s, tn);
}

static void alter_table(ox *x, const PgQuery__AlterTableStmt *as)
{
	const PgQuery__RangeVar *rv = as->relation;
	/* one subcommand on a table as a whole (not ONLY, not IF EXISTS) */
	if (as->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE || !rv || !rv->relname || !rv->inh ||
	    as->missing_ok || as->n_cmds != 1 ||
	    as->cmds[0]->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD)
		return;
	const PgQuery__AlterTableCmd *c = as->cmds[0]->alter_table_cmd;
	const char *schema = str(rv->schemaname);
	bool add = c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint && c->def &&
		   c->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT;
	bool not_null = c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull && str(c->name);
	if (!add && !not_null)
		return;
	plumb_pg_rel *r = plumb__pg_scope_rel(x->sc, schema, rv->relname);
	if (fresh(r))
		return;
	const char *T = plumb__pg_qname(&x->st, schema, rv->relname);
	const char *tn = plumb__pg_scope_display(x->sc, schema, rv->relname);
	if (add)
		add_constraint(x, r, rv, T, tn, c->def->constraint);
	else
		set_not_null(x, rv, T, tn, c->name);
}

/* ALTER DOMAIN ... ADD CONSTRAINT of a named CHECK: NOT VALID, then
 * VALIDATE (newer servers let writers run meanwhile). A domain created in
 * this plan is used by no column yet and keeps its form. */
static void alter_domain(ox *x, const PgQuery__AlterDomainStmt *ad)
{
	if (strcmp(ad->subtype, "C") != 0 || !ad->def ||
	    ad->def->node_case != PG_QUERY__NODE__NODE_CONSTRAINT)
		return;
	const PgQuery__Constraint *k = ad->def->constraint;
	if (k->contype != PG_QUERY__CONSTR_TYPE__CONSTR_CHECK || !str(k->conname) ||
	    k->skip_validation || ad->n_type_name < 1 || ad->n_type_name > 2)
		return;
	const char *schema = ad->n_type_name == 2 ? ad->type_name[0]->string->sval : NULL;
	const char *name = ad->type_name[ad->n_type_name - 1]->string->sval;
	const plumb_pg_type *ty = plumb__pg_scope_type(
		x->sc, schema ? plumb__pg_fmt(&x->st, "%s.%s", schema, name) : name);
	if (ty && !ty->obj && plumb__pg_scope_knows(x->sc))
		return; /* created in this plan */
	const char *D = plumb__pg_qname(&x->st, schema, name);
	plumb_stmt *s = emit(x, plumb__pg_fmt(&x->st, "%s NOT VALID", x->in->sql),
			     "online: add the check NOT VALID (new values are checked, no scan), "
			     "validate next",
			     false);
	s = emit(x,
		 plumb__pg_fmt(&x->st, "ALTER DOMAIN %s VALIDATE CONSTRAINT %s", D,
			       ident(x, k->conname)),
		 plumb__pg_fmt(&x->st,
			       "online: validate the columns of domain \"%s\"; newer servers let "
			       "writers run meanwhile, older ones make them wait",
			       name),
		 false);
	carry(x, s, 1u << PLUMB_HAZARD_VALIDATES);
}

/* --- entries ---------------------------------------------------------------- */

int plumb__pg_online(plumb_ctx *ctx, plumb_arena *arena, plumb_pg_scope *scope,
		     plumb_pg_scope *after, const plumb_stmt *stmt, plumb_vec *out)
{
	plumb_arena *tmp = plumb_arena_new(arena); /* the parse tree */
	PgQuery__ParseResult *pr = NULL;
	ox x = {.st = {ctx, arena, 0},
		.sc = scope,
		.after = after,
		.in = stmt,
		.out = out,
		.first = true};
	size_t n = out->n;
	int rc;

	if (!tmp) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	rc = plumb__pg_parse(ctx, tmp, stmt->sql, NULL, &pr, NULL);
	if (rc == PLUMB_EPARSE) {
		/* SQL of a newer server than libpg_query reads: no form known */
		plumb_error_clear(ctx);
		rc = 0;
		pr = NULL;
	}
	if (rc < 0)
		goto done;
	const PgQuery__Node *node = pr && pr->n_stmts == 1 ? pr->stmts[0]->stmt : NULL;
	switch (node ? node->node_case : PG_QUERY__NODE__NODE__NOT_SET) {
	case PG_QUERY__NODE__NODE_INDEX_STMT:
		create_index(&x, node->index_stmt);
		break;
	case PG_QUERY__NODE__NODE_DROP_STMT:
		if (node->drop_stmt->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_INDEX)
			drop_index(&x, node->drop_stmt);
		break;
	case PG_QUERY__NODE__NODE_ALTER_TABLE_STMT:
		alter_table(&x, node->alter_table_stmt);
		break;
	case PG_QUERY__NODE__NODE_ALTER_DOMAIN_STMT:
		alter_domain(&x, node->alter_domain_stmt);
		break;
	default:
		break;
	}
	if ((rc = x.st.rc) < 0)
		goto done;
	if (out->n == n && plumb_vec_push(arena, out, (void *)stmt) < 0)
		rc = plumb_error_nomem(ctx);
done:
	plumb_arena_free(tmp);
	return rc;
}

/* Whether a statement the planner wrote, of which it knows k, keeps its
 * form without a parse: CREATE TABLE, COMMENT, GRANT have none, and a statement on a
 * relation an earlier statement created keeps its own. */
static bool kept(plumb_pg_scope *sc, const plumb_pg_known *k)
{
	if (k->kind == 't' || k->kind == 'n')
		return true;
	if (k->kind != 'i' && k->kind != 'a')
		return false;
	return fresh(plumb__pg_scope_rel(sc, k->schema, k->kind == 'i' ? k->table : k->name));
}

typedef struct script_call {
	plumb_ctx *ctx;
	plumb_arena *arena;
	const plumb_catalog *from, *to;
	plumb_stmt *const *stmts;
	size_t n;
	plumb_vec *out;
} script_call;

/* On the large stack: a statement may nest as deep as PostgreSQL takes. */
static int script_run(void *payload)
{
	script_call *c = payload;
	plumb_arena *tmp = plumb_arena_new(c->arena); /* the scopes */
	plumb_pg_scope *sc = NULL, *after = NULL;
	int rc = tmp ? 0 : plumb_error_nomem(c->ctx);

	if (!rc)
		rc = plumb__pg_scope_new(c->ctx, tmp, c->from, &sc);
	if (!rc && c->to)
		rc = plumb__pg_scope_new(c->ctx, tmp, c->to, &after);
	for (size_t i = 0; !rc && i < c->n; i++) {
		plumb_stmt_class done = {0};
		const plumb_pg_known *k = c->stmts[i]->known;
		if (k && kept(sc, k)) {
			rc = plumb_vec_push(c->arena, c->out, c->stmts[i]) < 0
				     ? plumb_error_nomem(c->ctx)
				     : plumb__pg_classify_known(sc, k);
			rc = rc < 0 ? rc : 0;
			continue;
		}
		rc = plumb__pg_online(c->ctx, c->arena, sc, after, c->stmts[i], c->out);
		/* what it did, for the statements after it (its hazards unused) */
		if (!rc)
			rc = plumb__pg_classify_next(c->ctx, tmp, sc, c->stmts[i]->sql, &done);
		if (rc == PLUMB_EPARSE) {
			plumb_error_clear(c->ctx);
			rc = 0;
		}
	}
	/* a lookup that could not allocate answered "not there": sticky */
	if (!rc && plumb_arena_failed(tmp))
		rc = plumb_error_nomem(c->ctx);
	plumb_arena_free(tmp);
	return rc;
}

int plumb__pg_online_script(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *from,
			    const plumb_catalog *to, plumb_stmt *const *stmts, size_t n,
			    plumb_vec *out)
{
	script_call c = {ctx, arena, from, to, stmts, n, out};
	return plumb__pg_deep(ctx, script_run, &c);
}
