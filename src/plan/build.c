/*
 * plumb_plan_build: a diff in, the plan a command prints or runs out. The
 * dialect plans (its statements in order, with the hazards it knows of); this
 * file puts in the dialect's online forms of the statements when asked, runs
 * the dialect's hazard classifier over every statement and adds what the
 * planner left out, marks the statements the engine refuses inside a
 * transaction, decides how the plan runs (foreign keys off when a statement
 * needs it; the runs of statements that share a transaction), and checks the
 * hazards against what the user allowed. It writes no SQL (render.c does).
 *
 * Why hooks: plan/ sits below the dialects in the library layering
 * (src/meson.build: the dialects link plan_lib, not the other way), so it
 * cannot call a dialect by name. Each dialect fills a plumb_planner_ops (its
 * planner, its online forms, its classifier, the text its scripts wrap around
 * a plan run with foreign keys off) and its dialect table points at it;
 * commands hand that to plumb_plan_build and never call the hooks themselves.
 */
#include "plan/plan.h"

/* Replaces each statement by the dialect's online forms of it (or keeps
 * it), in order, before anything classifies them. */
static int online(plumb_ctx *ctx, const plumb_planner_ops *ops, const plumb_diff *diff,
		  plumb_plan *plan)
{
	plumb_vec out = {0};
	int rc = ops->online(ctx, plan->arena, diff ? diff->from : NULL, diff ? diff->to : NULL,
			     (plumb_stmt *const *)plan->stmts.items, plan->stmts.n, &out);

	if (rc < 0)
		goto done;
	plan->stmts = out;
done:
	return rc;
}

/* Adds to each statement the hazards of the kinds the classifier finds and
 * the planner did not attach, and marks those the engine runs only outside a
 * transaction. */
static int classify(plumb_ctx *ctx, plumb_arena *arena, const plumb_planner_ops *ops,
		    const plumb_diff *diff, plumb_plan *plan)
{
	size_t n = plan->stmts.n;
	plumb_arena *tmp = plumb_arena_new(arena);
	const char **sqls = tmp ? plumb_arena_alloc(tmp, (n + 1) * sizeof(*sqls)) : NULL;
	const void **known = tmp ? plumb_arena_alloc(tmp, (n + 1) * sizeof(*known)) : NULL;
	plumb_stmt_class *out = tmp ? plumb_arena_alloc(tmp, (n + 1) * sizeof(*out)) : NULL;
	int rc = 0;

	if (!sqls || !known || !out) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	for (size_t i = 0; i < n; i++) {
		sqls[i] = ((const plumb_stmt *)plan->stmts.items[i])->sql;
		known[i] = ((const plumb_stmt *)plan->stmts.items[i])->known;
		out[i] = (plumb_stmt_class){0};
	}
	if ((rc = ops->classify(ctx, tmp, diff ? diff->from : NULL, sqls, known, n, out)) < 0)
		goto done;
	for (size_t i = 0; i < n; i++) {
		plumb_stmt *s = plan->stmts.items[i];
		unsigned had = 0;
		for (size_t j = 0; j < s->hazards.n; j++)
			had |= 1u << ((const plumb_hazard *)s->hazards.items[j])->kind;
		for (size_t j = 0; j < out[i].hazards.n; j++) {
			const plumb_hazard *h = out[i].hazards.items[j];
			if (had & (1u << h->kind))
				continue;
			rc = plumb_stmt_add_hazard(ctx, plan, s, h->kind, "%s", h->message);
			if (!rc && h->probe)
				rc = plumb_stmt_set_probe(ctx, plan, s, h->probe);
			if (rc < 0)
				goto done;
		}
		if (out[i].txn == PLUMB_TXN_OUTSIDE)
			s->no_transaction = true;
	}
done:
	plumb_arena_free(tmp);
	return rc;
}

int plumb_plan_build(plumb_ctx *ctx, plumb_arena *arena, const plumb_planner_ops *ops,
		     const plumb_diff *diff, const plumb_plan_opts *opts, plumb_plan **out)
{
	plumb_plan *plan = NULL;
	int rc;

	*out = NULL;
	if ((rc = ops->plan(ctx, arena, diff, opts, &plan)) < 0)
		goto done;
	plan->ops = ops;
	if (opts && opts->online && ops->online && plan->stmts.n &&
	    (rc = online(ctx, ops, diff, plan)) < 0)
		goto done;
	if (ops->classify && plan->stmts.n && (rc = classify(ctx, arena, ops, diff, plan)) < 0)
		goto done;
	for (size_t i = 0; i < plan->stmts.n; i++)
		if (((const plumb_stmt *)plan->stmts.items[i])->foreign_keys_off)
			plan->foreign_keys_off = true;
	*out = plan;
	rc = plumb_plan_check_hazards(ctx, plan, opts && opts->allow_data_loss);
	if (rc == PLUMB_EHAZARD)
		ctx->refused = plan;
done:
	return rc;
}

size_t plumb_plan_group_end(const plumb_plan *plan, size_t first, bool *transaction)
{
	const plumb_stmt *s = plan->stmts.items[first];
	size_t end = first + 1;

	*transaction = !s->no_transaction;
	if (s->no_transaction)
		return end;
	while (end < plan->stmts.n && !((const plumb_stmt *)plan->stmts.items[end])->no_transaction)
		end++;
	return end;
}
