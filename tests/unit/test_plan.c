/* Unit tests of plan/: statements, hazards, and the refusal of destructive
 * plans with one detail line per hazard. */
#include <string.h>

#include "plan/plan.h"
#include "tap.h"

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

	plumb_ctx_free(ctx);
	return done_testing();
}
