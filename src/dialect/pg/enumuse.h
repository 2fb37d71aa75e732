/*
 * Private to the PostgreSQL planner: what rebuilding an enum must move or set
 * aside. An enum that loses a value is rebuilt (a new type, the columns
 * moved over with ALTER COLUMN TYPE, the old type dropped, the new one
 * renamed); PostgreSQL refuses that while a default, an index expression or
 * predicate, a CHECK or a view still holds a value of the old type, so those
 * go first and come back after. A domain over the enum cannot change its base
 * type: its columns move to the new type, and the domain is created again.
 * This finds them; plan_enum.c writes the SQL.
 */
#ifndef PLUMB_DIALECT_PG_ENUMUSE_H
#define PLUMB_DIALECT_PG_ENUMUSE_H

#include "dialect/pg/pg.h"

/* One table with columns of the enum. */
typedef struct plumb_pg_enum_use {
	const plumb_table *table;
	plumb_vec columns; /* plumb_column *: of the enum or a domain over it, or of
			    * an array of either */
	plumb_vec indexes; /* plumb_index *: on the table, naming the enum or such a
			    * column in a key or the predicate */
	plumb_vec checks;  /* plumb_constraint *: CHECKs naming the enum or such a column */
} plumb_pg_enum_use;

/* The tables of cat that use enum schema.name, directly or through one of
 * domains (plumb_object *: the domains over it), in cat's order, into *out
 * (plumb_pg_enum_use *). -1 when out of memory. */
int plumb__pg_enum_uses(plumb_arena *arena, const plumb_catalog *cat, const char *schema,
			const char *name, const plumb_vec *domains, plumb_vec *out);

/* The domains of cat over type schema.name (their base type or a check
 * naming it), into *out (plumb_object *). -1 when out of memory. */
int plumb__pg_type_domains(plumb_arena *arena, const plumb_catalog *cat, const char *schema,
			   const char *name, plumb_vec *out);

/* Is column type coltype one of domains (plumb_object *), or an array of one? */
bool plumb__pg_type_is_domain(const char *coltype, const plumb_vec *domains);

/* The functions and procedures of cat whose signature (an argument or the
 * result) names type schema.name, added to *out (plumb_object *) unless
 * there already. -1 when out of memory. */
int plumb__pg_type_functions(plumb_arena *arena, const plumb_catalog *cat, const char *schema,
			     const char *name, plumb_vec *out);

/* Does SQL text (a view's statement) name type schema.name? */
bool plumb__pg_sql_names_type(plumb_arena *arena, const char *sql, const char *schema,
			      const char *name);

#endif
