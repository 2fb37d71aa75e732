/*
 * The object kinds as a table: one descriptor per kind says what is generic
 * about it — its name, how its key is formed, where a catalog stores it, how
 * diff/ compares two of it, its place in the default create order and how a
 * description names it. Code that needs such a fact reads the table instead of
 * switching on the kind. How a dialect writes the SQL of a kind is not here;
 * that stays in the dialect.
 *
 * Adding a kind: add it to plumb_obj_kind (catalog.h) and give it an entry in
 * kinds.c. A kind appended without an entry fails to compile (the table's
 * size is checked against PLUMB_OBJ_KIND_COUNT); a hole in the middle is
 * caught by the unit test that checks every entry (tests/unit/test_diff.c).
 * diff/ compares every kind of the table, in the table's order.
 */
#ifndef PLUMB_CATALOG_KINDS_H
#define PLUMB_CATALOG_KINDS_H

#include "catalog/catalog.h"

/* How an object's name is formed, and so how a description writes it. */
typedef enum plumb_kind_key {
	PLUMB_KEY_IDENT,     /* an identifier in its schema: "public"."users", quoted */
	PLUMB_KEY_SIGNATURE, /* "name(argument types)": public.f(integer), as written */
	PLUMB_KEY_TARGET,    /* what COMMENT ON or GRANT names, schema and all:
			      * TABLE public.users, as written */
} plumb_kind_key;

/* How diff/ compares two objects of the kind that have the same key. */
typedef enum plumb_kind_compare {
	PLUMB_COMPARE_DEFINITION, /* canonical definitions; a changed object is replaced */
	PLUMB_COMPARE_VALUES,     /* canonical definitions; the object carries `values` (enum
				   * labels) and a changed one is altered in place */
	PLUMB_COMPARE_TABLE,      /* columns, constraints and options one by one, into a
				   * plumb_table_delta (plumb_table only) */
} plumb_kind_compare;

typedef struct plumb_kind_desc {
	plumb_obj_kind kind;
	const char *name;           /* "table", "function", ...: in descriptions and JSON */
	plumb_kind_key key;
	plumb_kind_compare compare;
	bool versioned;             /* `version` is compared too, when the desired catalog
				     * names one (extensions) */
	unsigned order;             /* place in the default create order, 0 first; drops go
				     * in the reverse order */
	/* Where objects of the kind live and which of their fields diff/ reads.
	 * Every object struct starts with schema then name; the offsets below are
	 * 0 when the kind has no such field (offset 0 is the schema). */
	size_t store;               /* offsetof(plumb_catalog, <vector of the kind>) */
	size_t table_at;            /* the table the name is unique within (PostgreSQL
				     * names triggers and policies per table) */
	size_t definition_at;       /* canonical definition, for PLUMB_COMPARE_DEFINITION
				     * and _VALUES */
	size_t renamed_from_at;     /* `-- plumb:renamed from=` annotation */
} plumb_kind_desc;

/* The descriptor of kind (kind < PLUMB_OBJ_KIND_COUNT). */
const plumb_kind_desc *plumb_kind(plumb_obj_kind kind);

/* Every kind in the default create order: out[d->order] == d->kind. */
void plumb_kinds_in_order(plumb_obj_kind out[PLUMB_OBJ_KIND_COUNT]);

/* The objects of the kind live in cat->objects as plumb_object, told apart
 * by their kind field (the PostgreSQL kinds but tables, indexes, views and
 * triggers). */
bool plumb_kind_is_generic(const plumb_kind_desc *d);

/* The vector of cat that holds objects of the kind (shared with other kinds
 * when generic). */
const plumb_vec *plumb_kind_objects(const plumb_kind_desc *d, const plumb_catalog *cat);

/* True when obj, an item of the kind's vector, is of the kind. */
bool plumb_kind_holds(const plumb_kind_desc *d, const void *obj);

/* Fields of obj, an object of the kind; NULL when the kind has none or obj
 * leaves it unset. */
const char *plumb_kind_definition(const plumb_kind_desc *d, const void *obj);
const char *plumb_kind_renamed_from(const plumb_kind_desc *d, const void *obj);
const char *plumb_kind_table(const plumb_kind_desc *d, const void *obj);

/* Held by the database rather than declared (plumb_object.implicit). */
bool plumb_kind_implicit(const plumb_kind_desc *d, const void *obj);
/* Whether a and b, of one name and one of them implicit (an owner's
 * privileges), agree: they hold the same grant options. */
bool plumb_kind_implicit_agrees(const plumb_kind_desc *d, const void *a, const void *b);

#endif
