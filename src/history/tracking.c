/*
 * The place of plumb's tracking table: its name and schema as the run
 * configured them (ctx->tracking_*, set by commands/ from the config's
 * "tracking" and --tracking-table), the defaults, and which names are
 * allowed. It never builds SQL: the dialects quote the names themselves.
 */
#include "history/history.h"

const char *plumb_tracking_table(const plumb_ctx *ctx)
{
	return ctx->tracking_table ? ctx->tracking_table : PLUMB_TRACKING_TABLE;
}

const char *plumb_tracking_schema(const plumb_ctx *ctx)
{
	return ctx->tracking_schema;
}

const char *plumb_tracking_shown(const plumb_ctx *ctx, plumb_arena *a)
{
	const char *t = plumb_tracking_table(ctx), *s;
	if (!ctx->tracking_schema)
		return t;
	s = plumb_arena_printf(a, "%s.%s", ctx->tracking_schema, t);
	return s ? s : t;
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

bool plumb_tracking_name_ok(const char *name)
{
	size_t n = 0;
	if (!name || !is_alpha(name[0]))
		return false;
	for (const char *p = name; *p; p++, n++)
		if (!is_alpha(*p) && !(*p >= '0' && *p <= '9') && *p != '$')
			return false;
	return n <= PLUMB_TRACKING_NAME_MAX;
}
