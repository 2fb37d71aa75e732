/*
 * drizzle-orm's tracking table in SQLite, __drizzle_migrations, read and
 * written exactly as drizzle-orm's SQLite migrator does (drizzle.c). The
 * tracking_* functions of tracking.c hand over to these when
 * conn->tracking is PLUMB_TRACKING_DRIZZLE.
 */
#ifndef PLUMB_DIALECT_SQLITE_DRIZZLE_H
#define PLUMB_DIALECT_SQLITE_DRIZZLE_H

#include "dialect/sqlite/sqlite.h"

int plumb__sqlite_drizzle_ensure(plumb_ctx *ctx, plumb_conn *conn);
int plumb__sqlite_drizzle_read(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			       plumb_vec *out);
int plumb__sqlite_drizzle_write(plumb_ctx *ctx, plumb_conn *conn, const plumb_record *rec);
int plumb__sqlite_drizzle_delete(plumb_ctx *ctx, plumb_conn *conn, const char *version);

#endif
