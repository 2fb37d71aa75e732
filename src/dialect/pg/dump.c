/* Placeholder until this part of the PostgreSQL dialect lands. */
#include "dialect/pg/pg.h"

int plumb__pg_dump(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat, char **out)
{
	(void)arena; (void)cat; *out = NULL;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}
