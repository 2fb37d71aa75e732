/* Placeholder until this part of the PostgreSQL dialect lands. */
#include "dialect/pg/pg.h"

int plumb__pg_render(plumb_ctx *ctx, plumb_arena *arena, const plumb_plan *plan, plumb_render_mode mode, char **out)
{
	(void)arena; (void)plan; (void)mode; *out = NULL;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}
