/*
 * The canonical text of foreign-data wrappers and servers from their
 * fields, the same for both builders: CREATE FOREIGN DATA WRAPPER name
 * [HANDLER f] [VALIDATOR f] [OPTIONS (...)] and CREATE SERVER name [TYPE
 * 't'] [VERSION 'v'] FOREIGN DATA WRAPPER w [OPTIONS (...)], the options
 * sorted by key as "key=value" (pg_foreign_server.srvoptions' form). User
 * mappings are not modelled. It reads no SQL and no catalog.
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/pg.h"

static const char *lit(plumb_arena *arena, const char *s)
{
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	plumb_buf_quote_literal(&b, s);
	return b.failed ? "''" : plumb_buf_str(&b);
}

static int by_key(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	size_t nx = strcspn(x, "="), ny = strcspn(y, "=");
	int c = strncmp(x, y, nx < ny ? nx : ny);
	return c ? c : (nx > ny) - (nx < ny);
}

void plumb__pg_fdw_sort_options(plumb_vec *v)
{
	if (v->n > 1)
		qsort(v->items, v->n, sizeof(v->items[0]), by_key);
}

const char *plumb__pg_fdw_option_key(plumb_arena *arena, const char *kv)
{
	return plumb_arena_printf(arena, "%.*s", (int)strcspn(kv, "="), kv);
}

const char *plumb__pg_fdw_option_value(const char *kv)
{
	const char *eq = strchr(kv, '=');
	return eq ? eq + 1 : "";
}

/* key 'value' as OPTIONS writes it. */
static void put_option(plumb_buf *b, plumb_arena *arena, const char *kv)
{
	plumb_buf_puts(b, plumb__pg_quote_ident(arena, plumb__pg_fdw_option_key(arena, kv)));
	plumb_buf_putc(b, ' ');
	plumb_buf_puts(b, lit(arena, plumb__pg_fdw_option_value(kv)));
}

const char *plumb__pg_fdw_options_text(plumb_arena *arena, const plumb_vec *v)
{
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	for (size_t i = 0; i < v->n; i++) {
		plumb_buf_puts(&b, i ? ", " : " OPTIONS (");
		put_option(&b, arena, v->items[i]);
	}
	if (v->n)
		plumb_buf_putc(&b, ')');
	return b.failed ? NULL : plumb_buf_str(&b);
}

/* "schema.name" as a qualified, quoted function name. */
static const char *qfunc(plumb_arena *arena, const char *f)
{
	const char *dot = strchr(f, '.');
	if (!dot)
		return plumb__pg_quote_ident(arena, f);
	return plumb_arena_printf(
		arena, "%s.%s",
		plumb__pg_quote_ident(arena, plumb_arena_printf(arena, "%.*s", (int)(dot - f), f)),
		plumb__pg_quote_ident(arena, dot + 1));
}

const char *plumb__pg_fdw_func(plumb_arena *arena, const char *f)
{
	return f ? qfunc(arena, f) : NULL;
}

static int add_dep(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o, const char *dep)
{
	if (!dep || plumb_vec_push(arena, &o->depends, (void *)dep) < 0)
		return plumb_error_nomem(ctx);
	return 0;
}

int plumb__pg_fdw_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o)
{
	plumb_buf b;
	int rc;
	bool fdw = o->kind == PLUMB_OBJ_FDW;
	plumb__pg_fdw_sort_options(&o->values);
	o->depends.n = 0;
	plumb_buf_init(&b, arena, 0);
	plumb_buf_printf(&b, "CREATE %s %s", fdw ? "FOREIGN DATA WRAPPER" : "SERVER",
			 plumb__pg_quote_ident(arena, o->name));
	if (fdw) {
		if (o->fdw_handler)
			plumb_buf_printf(&b, " HANDLER %s", qfunc(arena, o->fdw_handler));
		if (o->fdw_validator)
			plumb_buf_printf(&b, " VALIDATOR %s", qfunc(arena, o->fdw_validator));
	} else {
		if (o->srv_type)
			plumb_buf_printf(&b, " TYPE %s", lit(arena, o->srv_type));
		if (o->version)
			plumb_buf_printf(&b, " VERSION %s", lit(arena, o->version));
		plumb_buf_printf(&b, " FOREIGN DATA WRAPPER %s",
				 plumb__pg_quote_ident(arena, o->fdw ? o->fdw : ""));
	}
	plumb_buf_puts(&b, plumb__pg_fdw_options_text(arena, &o->values));
	if ((rc = plumb_buf_finish(&b, ctx)) < 0)
		return rc;
	o->sql = o->definition = b.data;
	if (!fdw)
		return add_dep(ctx, arena, o,
			       plumb_arena_printf(arena, "fdw:%s", o->fdw ? o->fdw : ""));
	const char *fs[2] = {o->fdw_handler, o->fdw_validator};
	for (int i = 0; i < 2; i++)
		if (fs[i] &&
		    (rc = add_dep(ctx, arena, o, plumb_arena_printf(arena, "func:%s", fs[i]))))
			return rc;
	return 0;
}
