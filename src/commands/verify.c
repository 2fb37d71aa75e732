/*
 * Whether a database equals the schema a baseline stands for, for the
 * commands that record one (adopt, baseline): the state a folder's
 * migrations build up to a version, or the state one SQL text builds, both
 * replayed as generate and check replay a folder, and a refusal naming each
 * difference when the database is not that. It compares; it writes nothing.
 */
#include <stdarg.h>
#include <string.h>

#include "commands/commands.h"

int plumb__history_catalog_upto(plumb_ctx *ctx, const plumb_env *env,
				const plumb_history *history, const plumb_migration *upto,
				plumb_catalog **out)
{
	plumb_history part = *history;
	memset(&part.migrations, 0, sizeof(part.migrations));
	for (size_t i = 0; i < history->migrations.n; i++) {
		plumb_migration *m = history->migrations.items[i];
		if (plumb_vec_push(ctx->root, &part.migrations, m) < 0)
			return plumb_error_nomem(ctx);
		if (m == upto)
			break;
	}
	return plumb_source_history_catalog(ctx, ctx->root, &part, plumb__env_file_dialect(env),
					    env->dev_url, out);
}

int plumb__sql_catalog(plumb_ctx *ctx, const plumb_env *env, const char *file_name,
		       const char *sql, plumb_catalog **out)
{
	plumb_history h = {.dir = env->dir, .format = PLUMB_HISTORY_PLUMB};
	plumb_migration *m = plumb_arena_alloc(ctx->root, sizeof(*m));
	if (!m)
		return plumb_error_nomem(ctx);
	m->version = "0";
	m->name = "baseline";
	m->file_name = file_name;
	m->path = plumb_path_join(ctx->root, env->dir, file_name);
	m->sql = sql;
	m->len = strlen(sql);
	if (!m->path || plumb_vec_push(ctx->root, &h.migrations, m) < 0)
		return plumb_error_nomem(ctx);
	plumb_history_checksum(m->sql, m->len, m->checksum);
	int rc = plumb__history_read_directives(ctx, m);
	return rc ? rc
		  : plumb_source_history_catalog(ctx, ctx->root, &h, plumb__env_file_dialect(env),
						 env->dev_url, out);
}

int plumb__diff_each_line(plumb_ctx *ctx, const plumb_diff *diff,
			  void (*fn)(const char *line, size_t len, void *payload), void *payload)
{
	plumb_buf b;
	plumb_buf_init(&b, ctx->root, 0);
	plumb_diff_describe(diff, &b);
	if (plumb_buf_finish(&b, ctx) < 0)
		return PLUMB_ENOMEM;
	for (const char *p = b.data ? b.data : ""; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		if (n)
			fn(p, n, payload);
		p += n + (nl ? 1 : 0);
	}
	return 0;
}

static void add_detail(const char *line, size_t len, void *payload)
{
	plumb_error_add_detail(payload, "  %.*s", (int)len, line);
}

int plumb__require_equal(plumb_ctx *ctx, const plumb_diff *diff, const char *hint,
			 const char *fmt, ...)
{
	if (plumb_diff_is_empty(diff))
		return 0;
	va_list ap;
	va_start(ap, fmt);
	char *msg = plumb_arena_vprintf(ctx->root, fmt, ap);
	va_end(ap);
	if (!msg)
		return plumb_error_nomem(ctx);
	plumb_error_set(ctx, PLUMB_EDIFF, "%s", msg);
	plumb_error_add_detail(ctx, "to match it, the database would need:");
	plumb__diff_each_line(ctx, diff, add_detail, ctx);
	if (hint)
		plumb_error_set_hint(ctx, "%s", hint);
	return PLUMB_EDIFF;
}
