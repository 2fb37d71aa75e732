/* Placeholder until this part of the PostgreSQL dialect lands. */
#include "dialect/pg/pg.h"

int plumb__pg_plan(plumb_ctx *ctx, plumb_arena *arena, const plumb_diff *diff,
		   const plumb_plan_opts *opts, plumb_plan **out)
{
	(void)arena; (void)diff; (void)opts; *out = NULL;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}
