/*
 * Private to the PostgreSQL planner: the objects a piece of SQL names, read
 * from its parse tree (functions called, types and collations named,
 * relations read, sequences named by 'x'::regclass or nextval('x')). Text
 * that merely contains a name (a column "id", a string literal) names
 * nothing. It does not resolve names against a catalog: callers match.
 */
#ifndef PLUMB_DIALECT_PG_REFS_H
#define PLUMB_DIALECT_PG_REFS_H

#include "util/util.h"

struct PgQuery__Node;

/* A name as written: schema is NULL when unqualified. */
typedef struct plumb_pg_name {
	const char *schema;
	const char *name;
} plumb_pg_name;

typedef struct plumb_pg_refs {
	plumb_vec funcs; /* plumb_pg_name *: functions called */
	plumb_vec types; /* plumb_pg_name *: types named (casts, signatures, columns) */
	plumb_vec colls; /* plumb_pg_name *: collations named */
	plumb_vec rels;  /* plumb_pg_name *: relations read, regclass literals, the
			  * sequences nextval/currval/setval name */
	plumb_vec cols;  /* plumb_pg_name *: columns referred to (their last part) */
	plumb_vec strs;  /* plumb_pg_name *: string constants (in name), as enum labels are
			  * written */
	plumb_vec ops;	 /* plumb_pg_name *: operators used (a ~<< b, OPERATOR(s.~<<)) */
	plumb_vec body_funcs; /* plumb_pg_name *: what a LANGUAGE sql function's body
			       * written as a string calls: looked up when the function is
			       * created (with its own SET search_path), though not bound */
	bool string_body; /* a LANGUAGE sql CREATE FUNCTION whose body is a string */
	bool bound;	 /* a CREATE FUNCTION whose body (BEGIN ATOMIC, RETURN) is bound
			  * when it is created, or a CREATE AGGREGATE */
} plumb_pg_refs;

/* The names expression expr (may be NULL) uses, added to *out (zeroed by the
 * caller). Text that does not parse adds nothing. -1 when out of memory. */
int plumb__pg_refs_expr(plumb_arena *arena, const char *expr, plumb_pg_refs *out);

/* The same for SQL statements. A CREATE FUNCTION adds the types of its
 * signature to types and, for a LANGUAGE sql body, what the body reads to
 * rels; what a body in a string calls is left out (PostgreSQL resolves it
 * at run time), while a BEGIN ATOMIC or RETURN body, bound at creation,
 * adds the functions it calls, the types and collations it names too. A
 * CREATE AGGREGATE adds its argument and state types to types and its
 * support functions (SFUNC, FINALFUNC, ...) to funcs; a CREATE OPERATOR its
 * argument types and functions (FUNCTION, RESTRICT, JOIN), not the
 * operators it names; a CREATE CAST its types and function. */
int plumb__pg_refs_sql(plumb_arena *arena, const char *sql, plumb_pg_refs *out);

/* The same for one statement's parse tree (not changed). When loose is
 * not NULL, what a function's body reads while not bound at creation (a
 * LANGUAGE sql body in a string) goes there instead of into out. */
int plumb__pg_refs_tree(plumb_arena *arena, struct PgQuery__Node *stmt, plumb_pg_refs *out,
			plumb_pg_refs *loose);

/* Does names hold schema.name? An unqualified name matches an object in
 * public (schema NULL counts as public), or in any schema when any_schema
 * (a function found through search_path). */
bool plumb__pg_refs_has(const plumb_vec *names, const char *schema, const char *name,
			bool any_schema);

/* Does a column's type text (coltype: "mood", "audit.\"Mood\"[]", ...) name
 * the type schema.name, bare (in public), quoted or qualified, arrays too? */
bool plumb__pg_type_names(const char *coltype, const char *schema, const char *name);

/* *out: whether a column's type text is an array type ("mood[]", "integer
 * ARRAY", "text[][]"), from its parse tree (the type name's array bounds);
 * false for text that does not parse. False when out of memory. */
bool plumb__pg_type_is_array(plumb_arena *arena, const char *coltype, bool *out);

#endif
