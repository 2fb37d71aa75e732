/*
 * The built-in types and functions parse analysis resolves offline
 * (analyze.c): type codes, categories, implicit casts, and the server's
 * choice of a built-in function or operator for its arguments' types.
 * Private to analyze.c and analyze_types.c.
 */
#ifndef PLUMB_DIALECT_PG_ANALYZE_INT_H
#define PLUMB_DIALECT_PG_ANALYZE_INT_H

#include <stdbool.h>
#include <stddef.h>

#define MAX_ARGS 4

/* The type of a string literal: it fits any type. */
extern const char plumb__pg_unknown_type[];

/* The short name of a type in format_type() spelling ("numeric(10,2)" ->
 * "numeric"), t itself for one without, or NULL for arrays. */
const char *plumb__pg_type_code(const char *t);
/* A type code's category (N numbers, D dates and times, S strings, T
 * interval), 0 for the others. */
char plumb__pg_type_category(const char *t);
/* The preferred type of its category (typispreferred). */
bool plumb__pg_type_preferred(const char *t);
/* Whether pg_cast has an implicit cast from a to b. */
bool plumb__pg_implicit_cast(const char *a, const char *b);
/* The built-in function or operator the server picks for name(types), or
 * -1 when there is none or it cannot be told (an argument of unknown
 * type, a tie); then its result type, and its argument i into buf. */
int plumb__pg_pick_function(const char *name, const char **types, size_t n);
const char *plumb__pg_function_ret(int k);
const char *plumb__pg_function_arg(int k, size_t i, char *buf, size_t size);

/* analyze_rows.c: a relation or type of cat by name (schema "public" also
 * found unqualified), and the fields of row type t (a type code): a
 * composite type's or a table's, as names and type codes in arena, n 0
 * when t is neither; -1 when out of memory. */
#include "catalog/catalog.h"
void *plumb__pg_catalog_find(const plumb_catalog *cat, plumb_obj_kind kind, const char *schema,
			     const char *name);
int plumb__pg_row_fields(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat,
			 const char *t, const char ***names, const char ***types, size_t *n);

#endif
