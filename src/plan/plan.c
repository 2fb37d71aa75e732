/*
 * Plans as data: an ordered list of statements, each with its hazards, and the
 * check of destructive hazards against what the user allowed. Dialects decide
 * which statements and hazards a diff needs; build.c puts a plan together and
 * render.c writes it; this file neither orders nor writes SQL.
 */
#include <stdarg.h>

#include <string.h>

#include "plan/plan.h"

const char *plumb_hazard_name(plumb_hazard_kind kind)
{
	switch (kind) {
	case PLUMB_HAZARD_DELETES_DATA:
		return "deletes-data";
	case PLUMB_HAZARD_NARROWS_TYPE:
		return "narrows-type";
	case PLUMB_HAZARD_REWRITES_TABLE:
		return "rewrites-table";
	case PLUMB_HAZARD_ACCESS_EXCLUSIVE:
		return "access-exclusive-lock";
	case PLUMB_HAZARD_VALIDATES:
		return "validates-by-scan";
	case PLUMB_HAZARD_INDEX_BUILD:
		return "builds-index";
	case PLUMB_HAZARD_NEEDS_BACKFILL:
		return "needs-backfill";
	}
	return "unknown";
}

bool plumb_hazard_is_destructive(plumb_hazard_kind kind)
{
	return kind == PLUMB_HAZARD_DELETES_DATA || kind == PLUMB_HAZARD_NARROWS_TYPE;
}

int plumb_plan_new(plumb_ctx *ctx, plumb_arena *arena, const char *dialect, plumb_plan **out)
{
	plumb_plan *p = plumb_arena_alloc(arena, sizeof(*p));
	int rc = 0;

	*out = NULL;
	if (!p) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	p->arena = arena;
	p->dialect = dialect;
	*out = p;
done:
	return rc;
}

int plumb_plan_add(plumb_ctx *ctx, plumb_plan *plan, const char *sql, plumb_stmt **out)
{
	plumb_stmt *s = plumb_arena_alloc(plan->arena, sizeof(*s));
	int rc = 0;

	if (out)
		*out = NULL;
	if (!s || !(s->sql = plumb_arena_strdup(plan->arena, sql)) ||
	    plumb_vec_push(plan->arena, &plan->stmts, s)) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if (out)
		*out = s;
done:
	return rc;
}

static int hazard_vadd(plumb_ctx *ctx, plumb_arena *arena, plumb_vec *out, plumb_hazard_kind kind,
		       const char *fmt, va_list ap)
{
	plumb_hazard *h = plumb_arena_alloc(arena, sizeof(*h));
	int rc = 0;

	if (!h) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	h->kind = kind;
	h->message = plumb_arena_vprintf(arena, fmt, ap);
	if (!h->message || plumb_vec_push(arena, out, h))
		rc = plumb_error_nomem(ctx);
done:
	return rc;
}

int plumb_hazard_add(plumb_ctx *ctx, plumb_arena *arena, plumb_vec *out, plumb_hazard_kind kind,
		     const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = hazard_vadd(ctx, arena, out, kind, fmt, ap);
	va_end(ap);
	return rc;
}

bool plumb_hazard_has(const plumb_vec *hazards, plumb_hazard_kind kind)
{
	for (size_t i = 0; i < hazards->n; i++)
		if (((const plumb_hazard *)hazards->items[i])->kind == kind)
			return true;
	return false;
}

int plumb_stmt_add_hazard(plumb_ctx *ctx, plumb_plan *plan, plumb_stmt *stmt,
			  plumb_hazard_kind kind, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int rc = hazard_vadd(ctx, plan->arena, &stmt->hazards, kind, fmt, ap);
	va_end(ap);
	return rc;
}

int plumb_stmt_set_probe(plumb_ctx *ctx, plumb_plan *plan, plumb_stmt *stmt, const char *sql)
{
	plumb_hazard *h = stmt->hazards.n ? stmt->hazards.items[stmt->hazards.n - 1] : NULL;
	if (!h)
		return 0;
	if (!(h->probe = plumb_arena_strdup(plan->arena, sql)))
		return plumb_error_nomem(ctx);
	return 0;
}

int plumb_plan_check_probes(plumb_ctx *ctx, const plumb_plan *plan,
			    int (*ask)(plumb_ctx *ctx, void *payload, const char *sql, bool *out),
			    void *payload)
{
	plumb_vec failing = {0}; /* const plumb_hazard * */
	int rc = 0;

	for (size_t i = 0; plan && i < plan->stmts.n; i++) {
		const plumb_stmt *s = plan->stmts.items[i];
		for (size_t j = 0; j < s->hazards.n; j++) {
			const plumb_hazard *h = s->hazards.items[j];
			bool fails = false;
			if (!h->probe)
				continue;
			if ((rc = ask(ctx, payload, h->probe, &fails)) < 0)
				goto done;
			if (fails && plumb_vec_push(plan->arena, &failing, (void *)h)) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
		}
	}
	if (failing.n == 0)
		goto done;
	rc = plumb_error_set(ctx, PLUMB_EHAZARD, "plan would fail on the data in the database: %zu "
				  "change%s cannot fill existing rows",
			     failing.n, failing.n == 1 ? "" : "s");
	for (size_t i = 0; i < failing.n; i++) {
		const plumb_hazard *h = failing.items[i];
		plumb_error_add_detail(ctx, "%s: %s", plumb_hazard_name(h->kind), h->message);
	}
	plumb_error_set_hint(ctx, "give the column a DEFAULT, or add it nullable, fill the rows "
				  "(UPDATE ... WHERE col IS NULL), then make it NOT NULL");
done:
	return rc;
}

/* "-- text", or "-- hazard name: text" when hazard is given. */
static void put_comment(plumb_buf *b, const char *hazard, const char *text)
{
	plumb_buf_puts(b, "-- ");
	if (hazard)
		plumb_buf_printf(b, "hazard %s: ", hazard);
	if (!text) { /* a failed copy: fail the buffer rather than print nothing */
		b->failed = true;
		return;
	}
	/* One line per line of text, so a newline cannot end the comment. */
	for (const char *s = text; *s; s++) {
		if (*s == '\n')
			plumb_buf_puts(b, "\n-- ");
		else
			plumb_buf_putc(b, *s);
	}
	plumb_buf_putc(b, '\n');
}

/* At most what put_comment writes (each byte a newline at worst). */
static size_t comment_size(const char *hazard, const char *text)
{
	return 3 + (hazard ? strlen(hazard) + 10 : 0) + (text ? 4 * strlen(text) : 0) + 1;
}

size_t plumb_stmt_size(const plumb_stmt *s)
{
	size_t n = (s->comment ? comment_size(NULL, s->comment) : 0) + strlen(s->sql ? s->sql : "") + 2;
	for (size_t j = 0; j < s->hazards.n; j++) {
		const plumb_hazard *h = s->hazards.items[j];
		n += comment_size(plumb_hazard_name(h->kind), h->message);
	}
	return n;
}

void plumb_stmt_write(plumb_buf *b, const plumb_stmt *s)
{
	if (s->comment)
		put_comment(b, NULL, s->comment);
	for (size_t j = 0; j < s->hazards.n; j++) {
		const plumb_hazard *h = s->hazards.items[j];
		put_comment(b, plumb_hazard_name(h->kind), h->message);
	}
	plumb_buf_puts(b, s->sql);
	plumb_buf_puts(b, ";\n");
}

bool plumb_plan_is_empty(const plumb_plan *plan)
{
	return !plan || plan->stmts.n == 0;
}

static size_t count_destructive(const plumb_plan *plan)
{
	size_t n = 0;
	for (size_t i = 0; plan && i < plan->stmts.n; i++) {
		const plumb_stmt *s = plan->stmts.items[i];
		for (size_t j = 0; j < s->hazards.n; j++) {
			const plumb_hazard *h = s->hazards.items[j];
			if (plumb_hazard_is_destructive(h->kind))
				n++;
		}
	}
	return n;
}

bool plumb_plan_is_destructive(const plumb_plan *plan)
{
	return count_destructive(plan) > 0;
}

int plumb_plan_check_hazards(plumb_ctx *ctx, const plumb_plan *plan, bool allow_data_loss)
{
	size_t n = count_destructive(plan);
	int rc = 0;

	if (allow_data_loss || n == 0)
		goto done;
	rc = plumb_error_set(ctx, PLUMB_EHAZARD, "plan has %zu destructive change%s", n,
			     n == 1 ? "" : "s");
	for (size_t i = 0; i < plan->stmts.n; i++) {
		const plumb_stmt *s = plan->stmts.items[i];
		for (size_t j = 0; j < s->hazards.n; j++) {
			const plumb_hazard *h = s->hazards.items[j];
			if (plumb_hazard_is_destructive(h->kind))
				plumb_error_add_detail(ctx, "%s: %s", plumb_hazard_name(h->kind),
						       h->message);
		}
	}
	plumb_error_set_hint(ctx, "review the plan, then rerun with --allow-data-loss");
done:
	return rc;
}
