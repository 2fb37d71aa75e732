/*
 * The canonical texts of operator families and classes (opclass.h): both
 * PostgreSQL builders call it with the fields they read, so that equal
 * objects have equal texts. It neither parses nor resolves a name.
 */
#include "dialect/pg/opclass.h"

#include <stdlib.h>
#include <string.h>

#include "dialect/pg/pg.h"

static bool builtin(const char *schema)
{
	return !schema || strcmp(schema, "public") == 0 || strcmp(schema, "pg_catalog") == 0;
}

char *plumb__pg_opc_name(plumb_arena *arena, const char *name, const char *am)
{
	return plumb_arena_printf(arena, "%s USING %s", name, am);
}

bool plumb__pg_opc_split(plumb_arena *arena, const char *name, const char **base,
			 const char **am)
{
	const char *u = NULL;
	for (const char *s = strstr(name, " USING "); s; s = strstr(s + 1, " USING "))
		u = s;
	if (!u)
		return false;
	*base = plumb_arena_strndup(arena, name, (size_t)(u - name));
	*am = u + 7;
	return *base != NULL;
}

char *plumb__pg_opc_ref(plumb_arena *arena, const char *schema, const char *name)
{
	return plumb__pg_qualified(arena, builtin(schema) ? NULL : schema, name);
}

char *plumb__pg_opc_oper_ref(plumb_arena *arena, const char *schema, const char *name)
{
	if (builtin(schema))
		return plumb_arena_strdup(arena, name);
	char *s = plumb_quote_ident(arena, schema);
	return s ? plumb_arena_printf(arena, "%s.%s", s, name) : NULL;
}

char *plumb__pg_opmember_text(plumb_arena *arena, const plumb_pg_opmember *m)
{
	if (m->kind == 'o')
		return plumb_arena_printf(arena, "OPERATOR %d %s (%s, %s)%s%s", m->number, m->ref,
					  m->left, m->right, m->sortfamily ? " FOR ORDER BY " : "",
					  m->sortfamily ? m->sortfamily : "");
	return plumb_arena_printf(arena, "FUNCTION %d (%s, %s) %s", m->number, m->left, m->right,
				  m->ref);
}

char *plumb__pg_opmember_drop(plumb_arena *arena, const plumb_pg_opmember *m)
{
	return plumb_arena_printf(arena, "%s %d (%s, %s)", m->kind == 'o' ? "OPERATOR" : "FUNCTION",
				  m->number, m->left, m->right);
}

static int cmp_member(const void *pa, const void *pb)
{
	const plumb_pg_opmember *a = pa, *b = pb;
	if (a->kind != b->kind)
		return a->kind == 'o' ? -1 : 1;
	if (a->number != b->number)
		return a->number < b->number ? -1 : 1;
	int c = strcmp(a->left, b->left);
	return c ? c : strcmp(a->right, b->right);
}

void plumb__pg_opmembers_sort(plumb_pg_opmember *m, size_t n)
{
	if (n > 1)
		qsort(m, n, sizeof(*m), cmp_member);
}

int plumb__pg_opfamily_define(plumb_arena *arena, plumb_object *o, plumb_pg_opmember *m,
			      size_t n)
{
	const char *base, *am;
	if (!plumb__pg_opc_split(arena, o->name, &base, &am))
		return -1;
	char *q = plumb__pg_qualified(arena, o->schema, base);
	o->sql = q ? plumb_arena_printf(arena, "CREATE OPERATOR FAMILY %s USING %s", q, am) : NULL;
	if (!o->sql)
		return -1;
	plumb__pg_opmembers_sort(m, n);
	o->values = (plumb_vec){0};
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	plumb_buf_puts(&b, o->sql);
	for (size_t i = 0; i < n; i++) {
		char *t = plumb__pg_opmember_text(arena, &m[i]);
		if (!t || plumb_vec_push(arena, &o->values, t) < 0)
			return -1;
		plumb_buf_printf(&b, ";\nALTER OPERATOR FAMILY %s USING %s ADD %s", q, am, t);
	}
	if (b.failed)
		return -1;
	o->definition = b.data;
	return 0;
}

char *plumb__pg_opclass_define(plumb_arena *arena, const char *schema, const char *name,
			       bool dflt, const char *type, const char *am, const char *family,
			       const char *storage)
{
	char *q = plumb__pg_qualified(arena, schema, name);
	return q ? plumb_arena_printf(arena,
				      "CREATE OPERATOR CLASS %s%s FOR TYPE %s USING %s FAMILY %s%s%s",
				      q, dflt ? " DEFAULT" : "", type, am, family,
				      storage ? " STORAGE " : "", storage ? storage : "")
		 : NULL;
}
