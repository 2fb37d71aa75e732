/* Placeholder until this part of the PostgreSQL dialect lands. */
#include "dialect/pg/pg.h"

int plumb__pg_canon_type(plumb_ctx *ctx, plumb_arena *arena, const char *type, char **out)
{
	*out = plumb_arena_strdup(arena, type); return *out ? 0 : plumb_error_nomem(ctx);
}

int plumb__pg_canon_expr(plumb_ctx *ctx, plumb_arena *arena, const char *expr, char **out)
{
	*out = plumb_arena_strdup(arena, expr); return *out ? 0 : plumb_error_nomem(ctx);
}

int plumb__pg_canon_stmt(plumb_ctx *ctx, plumb_arena *arena, const char *stmt, char **out)
{
	*out = plumb_arena_strdup(arena, stmt); return *out ? 0 : plumb_error_nomem(ctx);
}
