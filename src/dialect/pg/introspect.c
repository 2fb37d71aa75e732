/* Placeholder until this part of the PostgreSQL dialect lands. */
#include "dialect/pg/pg.h"

int plumb__pg_introspect(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, plumb_catalog **out)
{
	(void)conn; (void)arena; *out = NULL;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}
