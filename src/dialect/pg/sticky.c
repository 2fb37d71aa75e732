/*
 * The sticky failure of a run of small steps (sticky.h).
 */
#include <stdarg.h>

#include "dialect/pg/pg.h"
#include "dialect/pg/sticky.h"

void plumb__pg_fail(plumb_pg_sticky *s, int rc)
{
	if (!s->rc)
		s->rc = rc;
}

void plumb__pg_nomem(plumb_pg_sticky *s)
{
	if (!s->rc)
		s->rc = plumb_error_nomem(s->ctx);
}

void *plumb__pg_alloc(plumb_pg_sticky *s, size_t size)
{
	void *p = s->rc ? NULL : plumb_arena_alloc(s->arena, size);
	if (!p)
		plumb__pg_nomem(s);
	return p;
}

char *plumb__pg_dup(plumb_pg_sticky *s, const char *str)
{
	if (!str || s->rc)
		return NULL;
	char *d = plumb_arena_strdup(s->arena, str);
	if (!d)
		plumb__pg_nomem(s);
	return d;
}

char *plumb__pg_vfmt(plumb_pg_sticky *s, const char *f, va_list ap)
{
	char *out = s->rc ? NULL : plumb_arena_vprintf(s->arena, f, ap);
	if (!out)
		plumb__pg_nomem(s);
	return out;
}

char *plumb__pg_fmt(plumb_pg_sticky *s, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	char *out = plumb__pg_vfmt(s, f, ap);
	va_end(ap);
	return out;
}

void plumb__pg_push(plumb_pg_sticky *s, plumb_vec *v, void *p)
{
	if (s->rc)
		return;
	if (!p || plumb_vec_push(s->arena, v, p) < 0)
		plumb__pg_nomem(s);
}

plumb_object *plumb__pg_new_object(plumb_pg_sticky *s, plumb_vec *objects, plumb_obj_kind kind,
				   const char *schema, const char *name)
{
	plumb_object *o = plumb__pg_alloc(s, sizeof(*o));
	if (!o)
		return NULL;
	o->kind = kind;
	o->schema = plumb__pg_dup(s, schema);
	o->name = plumb__pg_dup(s, name);
	plumb__pg_push(s, objects, o);
	return s->rc ? NULL : o;
}

const char *plumb__pg_qname(plumb_pg_sticky *s, const char *schema, const char *name)
{
	if (s->rc)
		return "";
	char *q = plumb__pg_qualified(s->arena, schema, name);
	if (!q)
		plumb__pg_nomem(s);
	return q ? q : "";
}
