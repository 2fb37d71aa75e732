/*
 * Operators and casts as pg_operator and pg_cast hold them: their identity
 * and their canonical CREATE text, written the same way by the offline
 * builder (from the statement's fields) and by introspection (from the
 * catalog's), so that equal objects have equal texts. It reads no SQL.
 */
#ifndef PLUMB_DIALECT_PG_OPERATOR_H
#define PLUMB_DIALECT_PG_OPERATOR_H

#include <stdbool.h>

#include "util/util.h"

/* An operator's fields. Types canonical (NULL: none, a prefix operator's
 * left); functions as plumb__pg_proc_ref writes them, operators as
 * plumb__pg_oper_ref; NULL when not given. */
typedef struct plumb_pg_operator {
	const char *left, *right;
	const char *proc;
	const char *commutator, *negator;
	const char *restrict_, *join;
	bool hashes, merges;
} plumb_pg_operator;

/* "op(left, right)", NONE for a missing type; NULL when out of memory. */
char *plumb__pg_operator_name(plumb_arena *arena, const char *name, const char *left,
			      const char *right);
/* CREATE OPERATOR "s".op (FUNCTION = f, LEFTARG = t, RIGHTARG = t,
 * COMMUTATOR = ..., NEGATOR = ..., RESTRICT = ..., JOIN = ..., HASHES,
 * MERGES), what is not given left out; NULL when out of memory. */
char *plumb__pg_operator_define(plumb_arena *arena, const char *schema, const char *name,
				const plumb_pg_operator *op);

/* A cast's fields: canonical types; method 'f' with function (its
 * signature as plumb__pg_proc_ref names it, "f(integer)"), 'b' binary
 * coercible (WITHOUT FUNCTION), 'i' INOUT; context 'e' explicit, 'a'
 * assignment, 'i' implicit. */
typedef struct plumb_pg_cast {
	const char *source, *target;
	char method;
	const char *func;
	char context;
} plumb_pg_cast;

/* "(source AS target)"; NULL when out of memory. */
char *plumb__pg_cast_name(plumb_arena *arena, const plumb_pg_cast *c);
/* CREATE CAST (s AS t) WITH FUNCTION f(args) [AS ASSIGNMENT | AS IMPLICIT];
 * NULL when out of memory. */
char *plumb__pg_cast_define(plumb_arena *arena, const plumb_pg_cast *c);

#endif
