/* Unit tests of plan/: statements, hazards, and the refusal of destructive
 * plans with one detail line per hazard; plumb_plan_build over a made-up
 * dialect (the classifier's hazards merged by kind, transaction grouping,
 * foreign keys off), and plumb_plan_render's scripts and migrations. */
#include <string.h>

#include "plan/plan.h"
#include "tap.h"

/* A made-up dialect: four statements; the planner knows some hazards, the
 * classifier others. */
static int fake_plan(plumb_ctx *ctx, plumb_arena *arena, const plumb_diff *diff,
		     const plumb_plan_opts *opts, plumb_plan **out)
{
	plumb_plan *p;
	plumb_stmt *s;
	(void)diff;
	(void)opts;
	if (plumb_plan_new(ctx, arena, "fake", &p))
		return -1;
	plumb_plan_add(ctx, p, "CREATE INDEX i ON t (x)", &s);
	plumb_stmt_add_hazard(ctx, p, s, PLUMB_HAZARD_INDEX_BUILD, "planner: builds i");
	plumb_plan_add(ctx, p, "VACUUM t", &s);
	plumb_plan_add(ctx, p, "DROP INDEX CONCURRENTLY j", &s);
	s->no_transaction = true;
	plumb_plan_add(ctx, p, "DROP TABLE t", &s);
	s->foreign_keys_off = true;
	s->comment = "goes";
	*out = p;
	return 0;
}

static const plumb_catalog *seen_before;
static size_t seen_n;

static int fake_classify(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *before,
			 const char *const *sqls, const void *const *known, size_t n,
			 plumb_stmt_class *out)
{
	(void)known;
	seen_before = before;
	seen_n = n;
	for (size_t i = 0; i < n; i++) {
		if (strncmp(sqls[i], "CREATE INDEX", 12) == 0) {
			plumb_hazard_add(ctx, arena, &out[i].hazards, PLUMB_HAZARD_INDEX_BUILD,
					 "classifier: builds i");
			plumb_hazard_add(ctx, arena, &out[i].hazards, PLUMB_HAZARD_ACCESS_EXCLUSIVE,
					 "classifier: locks t");
			plumb_hazard *h = out[i].hazards.items[1];
			h->probe = "SELECT true";
		} else if (strncmp(sqls[i], "VACUUM", 6) == 0) {
			out[i].txn = PLUMB_TXN_OUTSIDE;
		} else if (strncmp(sqls[i], "DROP TABLE", 10) == 0) {
			plumb_hazard_add(ctx, arena, &out[i].hazards, PLUMB_HAZARD_DELETES_DATA,
					 "classifier: drops t");
			plumb_hazard_add(ctx, arena, &out[i].hazards, PLUMB_HAZARD_DELETES_DATA,
					 "classifier: and its rows");
		}
	}
	return 0;
}

static const plumb_planner_ops fake_ops = {
	.dialect = "fake",
	.plan = fake_plan,
	.classify = fake_classify,
	.fk_off_prologue = "PRAGMA fk = OFF;\n",
	.fk_off_check = "CHECK FK;\n",
	.fk_off_epilogue = "PRAGMA fk = ON;\n",
};

static void test_build(plumb_ctx *ctx)
{
	plumb_catalog from = {0};
	plumb_diff diff = {.from = &from};
	plumb_plan *plan = NULL;
	plumb_plan_opts opts = {0};
	char *text;

	is_int(plumb_plan_build(ctx, ctx->root, &fake_ops, &diff, &opts, &plan), PLUMB_EHAZARD,
	       "build: a destructive hazard the classifier found refuses the plan");
	ok(plan && ctx->refused == plan, "build: the refused plan is still given out");
	is_str(ctx->err.detail,
	       "deletes-data: classifier: drops t\ndeletes-data: classifier: and its rows",
	       "build: the classifier's hazards are named");
	plumb_error_clear(ctx);
	ctx->refused = NULL;
	ok(seen_before == &from && seen_n == 4, "build: the classifier sees every statement "
						"against the diff's from");
	opts.allow_data_loss = true;
	is_int(plumb_plan_build(ctx, ctx->root, &fake_ops, &diff, &opts, &plan), 0,
	       "build: allowed with allow_data_loss");
	plumb_stmt *s0 = plan->stmts.items[0], *s1 = plan->stmts.items[1];
	is_int(s0->hazards.n, 2, "build: a kind the planner attached is not added again");
	const plumb_hazard *added = s0->hazards.items[1];
	ok(added->kind == PLUMB_HAZARD_ACCESS_EXCLUSIVE &&
		   strcmp(added->message, "classifier: locks t") == 0 && added->probe &&
		   strcmp(added->probe, "SELECT true") == 0,
	   "build: a kind the planner lacked is added, with its probe");
	ok(s1->no_transaction, "build: a statement the engine runs only outside a transaction "
			       "is marked so");
	ok(plan->foreign_keys_off, "build: a statement needing foreign keys off turns them off");
	ok(plan->ops == &fake_ops, "build: the plan knows its planner");

	bool txn;
	ok(plumb_plan_group_end(plan, 0, &txn) == 1 && txn, "groups: a transaction of one");
	ok(plumb_plan_group_end(plan, 1, &txn) == 2 && !txn, "groups: a statement alone");
	ok(plumb_plan_group_end(plan, 2, &txn) == 3 && !txn, "groups: another alone");
	ok(plumb_plan_group_end(plan, 3, &txn) == 4 && txn, "groups: the last transaction");

	is_int(plumb_plan_render(ctx, ctx->root, plan, PLUMB_RENDER_SCRIPT, &text), 0, "render");
	is_str(text,
	       "PRAGMA fk = OFF;\n"
	       "BEGIN;\n"
	       "-- hazard builds-index: planner: builds i\n"
	       "-- hazard access-exclusive-lock: classifier: locks t\n"
	       "CREATE INDEX i ON t (x);\n"
	       "CHECK FK;\n"
	       "COMMIT;\n"
	       "VACUUM t;\n"
	       "DROP INDEX CONCURRENTLY j;\n"
	       "BEGIN;\n"
	       "-- goes\n"
	       "-- hazard deletes-data: classifier: drops t\n"
	       "-- hazard deletes-data: classifier: and its rows\n"
	       "DROP TABLE t;\n"
	       "CHECK FK;\n"
	       "COMMIT;\n"
	       "PRAGMA fk = ON;\n",
	       "render: a script groups transactions and wraps the dialect's text around");
	is_int(plumb_plan_render(ctx, ctx->root, plan, PLUMB_RENDER_MIGRATION, &text), 0, "render");
	ok(strncmp(text,
		   "-- plumb:no-transaction\n-- plumb:foreign-keys off\n-- hazard builds-index",
		   strlen("-- plumb:no-transaction\n-- plumb:foreign-keys off\n-- hazard "
			  "builds-index")) == 0 &&
		   !strstr(text, "BEGIN") && !strstr(text, "PRAGMA"),
	   "render: a migration says its directives, no BEGIN, no pragmas");

	plumb_planner_ops plain = fake_ops;
	plain.classify = NULL;
	is_int(plumb_plan_build(ctx, ctx->root, &plain, &diff, &opts, &plan), 0,
	       "build: no classifier");
	is_int(((plumb_stmt *)plan->stmts.items[0])->hazards.n, 1,
	       "build: the planner's hazards only");
	ok(!((plumb_stmt *)plan->stmts.items[1])->no_transaction, "build: nothing marked");
	plumb_plan *empty;
	plumb_plan_new(ctx, ctx->root, "fake", &empty);
	is_int(plumb_plan_render(ctx, ctx->root, empty, PLUMB_RENDER_SCRIPT, &text), 0,
	       "render empty");
	is_str(text, "", "render: an empty plan is empty text");
}

int main(void)
{
	plumb_ctx *ctx;
	plumb_plan *plan;
	plumb_stmt *s;

	plumb_ctx_new(&ctx);
	ok(plumb_plan_new(ctx, ctx->root, "sqlite", &plan) == 0, "plan created");
	ok(plumb_plan_is_empty(plan), "new plan is empty");
	ok(!plumb_plan_is_destructive(plan), "empty plan is not destructive");
	is_int(plumb_plan_check_hazards(ctx, plan, false), 0, "empty plan passes");

	char sql[] = "CREATE INDEX i ON t (x)";
	ok(plumb_plan_add(ctx, plan, sql, &s) == 0, "statement added");
	sql[0] = 'X';
	is_str(s->sql, "CREATE INDEX i ON t (x)", "sql is copied");
	plumb_stmt_add_hazard(ctx, plan, s, PLUMB_HAZARD_INDEX_BUILD, "builds index \"%s\"", "i");
	ok(!plumb_plan_is_destructive(plan), "index build is not destructive");
	is_int(plumb_plan_check_hazards(ctx, plan, false), 0, "non-destructive hazards pass");

	ok(plumb_plan_add(ctx, plan, "DROP TABLE \"bigdata\"", &s) == 0, "drop added");
	plumb_stmt_add_hazard(ctx, plan, s, PLUMB_HAZARD_DELETES_DATA,
			      "drops table \"%s\" and its rows", "bigdata");
	ok(plumb_plan_add(ctx, plan, "CREATE TABLE x (a)", NULL) == 0, "out may be NULL");
	s = plan->stmts.items[2];
	plumb_stmt_add_hazard(ctx, plan, s, PLUMB_HAZARD_NARROWS_TYPE, "changes \"x\".\"a\"");
	plumb_stmt_add_hazard(ctx, plan, s, PLUMB_HAZARD_REWRITES_TABLE, "copies \"x\"");
	is_int(plan->stmts.n, 3, "three statements");
	ok(plumb_plan_is_destructive(plan), "plan is destructive");

	is_int(plumb_plan_check_hazards(ctx, plan, true), 0, "allowed with --allow-data-loss");
	is_int(ctx->err.code, 0, "no error recorded when allowed");
	is_int(plumb_plan_check_hazards(ctx, plan, false), PLUMB_EHAZARD, "refused otherwise");
	is_str(ctx->err.message, "plan has 2 destructive changes", "message counts hazards");
	is_str(ctx->err.detail,
	       "deletes-data: drops table \"bigdata\" and its rows\n"
	       "narrows-type: changes \"x\".\"a\"",
	       "one detail line per destructive hazard");
	is_str(ctx->err.hint, "review the plan, then rerun with --allow-data-loss", "hint");
	plumb_error_clear(ctx);

	is_str(plumb_hazard_name(PLUMB_HAZARD_DELETES_DATA), "deletes-data", "name");
	is_str(plumb_hazard_name(PLUMB_HAZARD_NARROWS_TYPE), "narrows-type", "name");
	is_str(plumb_hazard_name(PLUMB_HAZARD_REWRITES_TABLE), "rewrites-table", "name");
	is_str(plumb_hazard_name(PLUMB_HAZARD_ACCESS_EXCLUSIVE), "access-exclusive-lock", "name");
	is_str(plumb_hazard_name(PLUMB_HAZARD_VALIDATES), "validates-by-scan", "name");
	is_str(plumb_hazard_name(PLUMB_HAZARD_INDEX_BUILD), "builds-index", "name");
	ok(plumb_hazard_is_destructive(PLUMB_HAZARD_DELETES_DATA), "deletes-data destructive");
	ok(plumb_hazard_is_destructive(PLUMB_HAZARD_NARROWS_TYPE), "narrows-type destructive");
	ok(!plumb_hazard_is_destructive(PLUMB_HAZARD_REWRITES_TABLE), "rewrite is not");
	ok(!plumb_hazard_is_destructive(PLUMB_HAZARD_ACCESS_EXCLUSIVE), "lock is not");

	test_build(ctx);
	plumb_ctx_free(ctx);
	return done_testing();
}
