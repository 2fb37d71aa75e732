/* Placeholder until this part of the PostgreSQL dialect lands. */
#include "dialect/pg/pg.h"

int plumb__pg_drizzle_ensure(plumb_ctx *ctx, plumb_conn *conn)
{
	(void)conn;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}

int plumb__pg_drizzle_read(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, plumb_vec *out)
{
	(void)conn; (void)arena; (void)out;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}

int plumb__pg_drizzle_write(plumb_ctx *ctx, plumb_conn *conn, const plumb_record *rec)
{
	(void)conn; (void)rec;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}

int plumb__pg_drizzle_delete(plumb_ctx *ctx, plumb_conn *conn, const char *version)
{
	(void)conn; (void)version;
	return plumb_error_set(ctx, PLUMB_ERROR, "PostgreSQL: not implemented yet");
}
