/*
 * Compares two catalogs and lists what must change to turn `from` into `to`:
 * objects created, dropped or altered, and for altered tables the columns and
 * constraints added, dropped, changed or renamed. Renames come only from
 * `-- plumb:renamed from=old` annotations in the desired schema, never from
 * guessing. It says nothing about SQL or order; plan/ and the dialect do.
 */
#ifndef PLUMB_DIFF_H
#define PLUMB_DIFF_H

#include "catalog/catalog.h"

typedef enum plumb_change_op {
	PLUMB_CHANGE_CREATE,
	PLUMB_CHANGE_DROP,
	PLUMB_CHANGE_ALTER, /* tables: see delta; enums: compare values; other kinds:
			     * replace `from` with `to` (and rename when `renamed`) */
} plumb_change_op;

typedef struct plumb_column_change {
	const plumb_column *from;
	const plumb_column *to;
} plumb_column_change;

typedef struct plumb_constraint_change {
	const plumb_constraint *from;
	const plumb_constraint *to;
} plumb_constraint_change;

typedef struct plumb_table_delta {
	plumb_vec added_columns;       /* plumb_column * of `to` */
	plumb_vec dropped_columns;     /* plumb_column * of `from` */
	plumb_vec changed_columns;     /* plumb_column_change *: same name, other definition
					* (or inherited in one and declared in the other) */
	plumb_vec renamed_columns;     /* plumb_column_change *: renamed (maybe changed too) */
	plumb_vec added_constraints;   /* plumb_constraint * of `to` */
	plumb_vec dropped_constraints; /* plumb_constraint * of `from` */
	plumb_vec renamed_constraints; /* plumb_constraint_change *: renamed by annotation */
	/* Table options differ: sqlite WITHOUT ROWID or STRICT; pg UNLOGGED,
	 * partitioning, row-level security, INHERITS. The dialect compares the
	 * fields. */
	bool options_changed;
} plumb_table_delta;

typedef struct plumb_change {
	plumb_change_op op;
	plumb_obj_kind kind;
	const void *from;          /* the object in `from` (DROP, ALTER), else NULL */
	const void *to;            /* the object in `to` (CREATE, ALTER), else NULL */
	plumb_table_delta *delta;  /* ALTER of a table, else NULL */
	bool renamed;              /* the object was renamed from from->name to to->name */
} plumb_change;

typedef struct plumb_diff {
	const plumb_catalog *from;
	const plumb_catalog *to;
	/* plumb_change *: drops (kinds in reverse creation order), then alters,
	 * then creates (schemas, extensions, collations, enums, domains, types,
	 * sequences, functions, tables, indexes, views, triggers, policies,
	 * comments); by schema and name within a kind. */
	plumb_vec changes;
} plumb_diff;

/* Compares from with to. Both catalogs must be of the same dialect. */
int plumb_diff_catalogs(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *from,
			const plumb_catalog *to, plumb_diff **out);

bool plumb_diff_is_empty(const plumb_diff *diff);

/* One line per change for people ("add column users.email", "drop table
 * tmp", ...), appended to buf, each ending in '\n'. */
void plumb_diff_describe(const plumb_diff *diff, plumb_buf *buf);

/* The name of an object of any kind (every object struct starts with schema
 * then name). */
const char *plumb_object_name(const void *obj);

#endif
