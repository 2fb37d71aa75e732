/*
 * The canonical texts of operators and casts (operator.h): the fields in
 * pg_dump's order, what is at its default left out. Both PostgreSQL
 * builders call it; it neither parses nor resolves a name.
 */
#include "dialect/pg/operator.h"

#include "dialect/pg/pg.h"

char *plumb__pg_operator_name(plumb_arena *arena, const char *name, const char *left,
			      const char *right)
{
	return plumb_arena_printf(arena, "%s(%s, %s)", name, left ? left : "NONE",
				  right ? right : "NONE");
}

char *plumb__pg_operator_define(plumb_arena *arena, const char *schema, const char *name,
				const plumb_pg_operator *op)
{
	char *s = plumb_quote_ident(arena, schema);
	if (!s)
		return NULL;
	char *d = plumb_arena_printf(arena, "CREATE OPERATOR %s.%s (FUNCTION = %s", s, name,
				     op->proc ? op->proc : "");
	if (d && op->left)
		d = plumb_arena_printf(arena, "%s, LEFTARG = %s", d, op->left);
	if (d && op->right)
		d = plumb_arena_printf(arena, "%s, RIGHTARG = %s", d, op->right);
	if (d && op->commutator)
		d = plumb_arena_printf(arena, "%s, COMMUTATOR = %s", d, op->commutator);
	if (d && op->negator)
		d = plumb_arena_printf(arena, "%s, NEGATOR = %s", d, op->negator);
	if (d && op->restrict_)
		d = plumb_arena_printf(arena, "%s, RESTRICT = %s", d, op->restrict_);
	if (d && op->join)
		d = plumb_arena_printf(arena, "%s, JOIN = %s", d, op->join);
	if (d && op->hashes)
		d = plumb_arena_printf(arena, "%s, HASHES", d);
	if (d && op->merges)
		d = plumb_arena_printf(arena, "%s, MERGES", d);
	return d ? plumb_arena_printf(arena, "%s)", d) : NULL;
}

char *plumb__pg_cast_name(plumb_arena *arena, const plumb_pg_cast *c)
{
	return plumb_arena_printf(arena, "(%s AS %s)", c->source, c->target);
}

char *plumb__pg_cast_define(plumb_arena *arena, const plumb_pg_cast *c)
{
	const char *how = c->method == 'b'   ? " WITHOUT FUNCTION"
			  : c->method == 'i' ? " WITH INOUT"
					     : NULL;
	char *with = how ? plumb_arena_strdup(arena, how)
			 : plumb_arena_printf(arena, " WITH FUNCTION %s", c->func ? c->func : "");
	if (!with)
		return NULL;
	return plumb_arena_printf(arena, "CREATE CAST (%s AS %s)%s%s", c->source, c->target, with,
				  c->context == 'a'   ? " AS ASSIGNMENT"
				  : c->context == 'i' ? " AS IMPLICIT"
						      : "");
}
