/* Placeholder until this part of the PostgreSQL dialect lands. */
#include "dialect/pg/pg.h"

int plumb__pg_load_schema(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *files, plumb_catalog **out)
{
	(void)arena; (void)files; *out = NULL;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}
