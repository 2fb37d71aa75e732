/*
 * The planner's foreign-data wrappers and servers changed in place: ALTER
 * FOREIGN DATA WRAPPER (HANDLER, VALIDATOR, OPTIONS) and ALTER SERVER
 * (VERSION, OPTIONS ADD, SET and DROP, compared as the server stores
 * them), RENAME TO; a server moved to another wrapper or TYPE is dropped
 * and created again. Creating, dropping and ordering are the generic
 * objects' (plan_object.c, plan_order.c); a foreign table's and its
 * columns' options use the same delta (plan_table.c). User mappings are
 * never planned.
 */
#include <string.h>

#include "dialect/pg/plan_int.h"

/* The option of key in v ("key=value"), or NULL. */
static const char *option_of(planner *p, const plumb_vec *v, const char *key)
{
	for (size_t i = 0; i < v->n; i++)
		if (plumb__pgp_str_eq(plumb__pg_fdw_option_key(p->tmp, v->items[i]), key))
			return v->items[i];
	return NULL;
}

const char *plumb__pgp_fdw_options_delta(planner *p, const plumb_vec *f, const plumb_vec *t)
{
	plumb_buf b;
	plumb_buf_init(&b, p->tmp, 0);
	for (size_t i = 0; i < f->n; i++) {
		const char *k = plumb__pg_fdw_option_key(p->tmp, f->items[i]);
		if (!option_of(p, t, k))
			plumb_buf_printf(&b, "%sDROP %s", b.len ? ", " : "", plumb__pgp_I(p, k));
	}
	for (size_t i = 0; i < t->n; i++) {
		const char *kv = t->items[i], *k = plumb__pg_fdw_option_key(p->tmp, kv);
		const char *old = option_of(p, f, k);
		if (old && plumb__pgp_str_eq(old, kv))
			continue;
		plumb_buf_printf(&b, "%s%s %s %s", b.len ? ", " : "", old ? "SET" : "ADD",
				 plumb__pgp_I(p, k),
				 plumb__pgp_L(p, plumb__pg_fdw_option_value(kv)));
	}
	if (b.failed)
		plumb__pgp_nomem(p);
	return b.len ? plumb__pgp_fmt(p, " OPTIONS (%s)", plumb_buf_str(&b)) : "";
}

static const char *func_or_no(planner *p, const char *word, const char *f)
{
	return f ? plumb__pgp_fmt(p, " %s %s", word, plumb__pg_fdw_func(p->tmp, f))
		 : plumb__pgp_fmt(p, " NO %s", word);
}

void plumb__pgp_alter_fdw_or_server(planner *p, const plumb_change *c)
{
	const plumb_object *f = c->from, *t = c->to;
	bool fdw = t->kind == PLUMB_OBJ_FDW;
	const char *word = fdw ? "FOREIGN DATA WRAPPER" : "SERVER";
	const char *name = plumb__pgp_I(p, t->name);
	if (c->renamed)
		plumb__pgp_emit(p, "ALTER %s %s RENAME TO %s", word, plumb__pgp_I(p, f->name),
				name);
	if (!fdw &&
	    (!plumb__pgp_str_eq(f->fdw, t->fdw) || !plumb__pgp_str_eq(f->srv_type, t->srv_type))) {
		plumb_object g = *f;
		g.name = t->name;
		plumb__pgp_drop_object(p, &g);
		plumb__pgp_create_object(p, t);
		return;
	}
	const char *opts = plumb__pgp_fdw_options_delta(p, &f->values, &t->values);
	if (fdw) {
		const char *h = plumb__pgp_str_eq(f->fdw_handler, t->fdw_handler)
					? ""
					: func_or_no(p, "HANDLER", t->fdw_handler);
		const char *v = plumb__pgp_str_eq(f->fdw_validator, t->fdw_validator)
					? ""
					: func_or_no(p, "VALIDATOR", t->fdw_validator);
		if (*h || *v || *opts)
			plumb__pgp_emit(p, "ALTER FOREIGN DATA WRAPPER %s%s%s%s", name, h, v, opts);
		return;
	}
	const char *ver =
		plumb__pgp_str_eq(f->version, t->version)
			? ""
			: plumb__pgp_fmt(p, " VERSION %s",
					 t->version ? plumb__pgp_L(p, t->version) : "NULL");
	if (*ver || *opts)
		plumb__pgp_emit(p, "ALTER SERVER %s%s%s", name, ver, opts);
}
