/*
 * Operator families and classes as pg_opfamily, pg_opclass, pg_amop and
 * pg_amproc hold them, written as one canonical text by both PostgreSQL
 * builders: a family's operators and functions (its classes' as well) as
 * ALTER OPERATOR FAMILY ... ADD writes them with every type given, sorted;
 * a class's header alone. Names in public and pg_catalog are left
 * unqualified, types canonical. It reads no SQL and resolves no name.
 */
#ifndef PLUMB_DIALECT_PG_OPCLASS_H
#define PLUMB_DIALECT_PG_OPCLASS_H

#include <stdbool.h>

#include "catalog/catalog.h"

/* One operator ('o') or support function ('f') of a family: its strategy
 * or support number, its left and right types; ref the operator ("<",
 * "s".<) or the function with its arguments ("f(integer, integer)");
 * sortfamily the btree family of an ordering operator (FOR ORDER BY) or
 * NULL. */
typedef struct plumb_pg_opmember {
	char kind;
	int number;
	const char *left, *right;
	const char *ref;
	const char *sortfamily;
} plumb_pg_opmember;

/* "name USING am", the name of a family or class object; NULL when out of
 * memory. */
char *plumb__pg_opc_name(plumb_arena *arena, const char *name, const char *am);
/* The parts of such a name: the bare name (in arena) and the access
 * method; false when name has no " USING ". */
bool plumb__pg_opc_split(plumb_arena *arena, const char *name, const char **base,
			 const char **am);
/* Whether pg_catalog has a class (family: a family) name of access method
 * am: an unqualified name is then pg_catalog's, whatever public holds. */
bool plumb__pg_opc_builtin(bool family, const char *am, const char *name);
/* schema.name as a class or family names another family of access method
 * am ("s"."f", bare in public unless pg_catalog's takes the name, and in
 * pg_catalog), and an operator ("<", "s".<). */
char *plumb__pg_opc_ref(plumb_arena *arena, const char *schema, const char *name, const char *am);
char *plumb__pg_opc_oper_ref(plumb_arena *arena, const char *schema, const char *name);
/* A member as ADD writes it: OPERATOR 1 < (integer, integer) [FOR ORDER BY
 * f], FUNCTION 1 (integer, integer) f(integer, integer). */
char *plumb__pg_opmember_text(plumb_arena *arena, const plumb_pg_opmember *m);
/* The same as DROP takes it: OPERATOR 1 (integer, integer). */
char *plumb__pg_opmember_drop(plumb_arena *arena, const plumb_pg_opmember *m);
/* Sorts n members: operators, then functions, by number and types. */
void plumb__pg_opmembers_sort(plumb_pg_opmember *m, size_t n);

/* o, a family with schema, name and am: its sql, values (the n members'
 * texts, sorted in place) and definition. -1 when out of memory. */
int plumb__pg_opfamily_define(plumb_arena *arena, plumb_object *o, plumb_pg_opmember *m,
			      size_t n);
/* The header of class schema.name: CREATE OPERATOR CLASS "s"."c" [DEFAULT]
 * FOR TYPE t USING am FAMILY f [STORAGE t] (storage NULL when none). */
char *plumb__pg_opclass_define(plumb_arena *arena, const char *schema, const char *name,
			       bool dflt, const char *type, const char *am, const char *family,
			       const char *storage);

#endif
