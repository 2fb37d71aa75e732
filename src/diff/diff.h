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
	 * then creates (kinds in the create order of catalog/kinds.c: schemas,
	 * extensions, collations, enums, domains, types, sequences, functions,
	 * tables, indexes, views, triggers, policies, comments, grants); by
	 * schema and name within a kind. */
	plumb_vec changes;
} plumb_diff;

/* Compares from with to. Both catalogs must be of the same dialect. */
int plumb_diff_catalogs(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *from,
			const plumb_catalog *to, plumb_diff **out);

bool plumb_diff_is_empty(const plumb_diff *diff);

/*
 * A change as a record, for descriptions and reports: what happens (verb) to
 * which object (kind, schema, name), and for an altered table each part that
 * changes. diff/describe.c builds them; nothing reads a description's text
 * back.
 */
typedef enum plumb_diff_verb {
	PLUMB_VERB_CREATE,
	PLUMB_VERB_DROP,
	PLUMB_VERB_REPLACE, /* an object whose definition changed */
	PLUMB_VERB_ALTER,   /* changed in place: a table's parts, an enum's values */
	PLUMB_VERB_RENAME,  /* by annotation (and maybe changed too) */
	PLUMB_VERB_ADD,     /* parts: a column, constraint or value added */
} plumb_diff_verb;

/* "create", "drop", "replace", "alter", "rename", "add". */
const char *plumb_diff_verb_name(plumb_diff_verb verb);

typedef enum plumb_diff_part_kind {
	PLUMB_PART_COLUMN,
	PLUMB_PART_CONSTRAINT,
	PLUMB_PART_OPTIONS, /* table options: before and after as "without rowid strict",
			     * "without rowid", "strict" or "none" */
	PLUMB_PART_VALUE,   /* an enum label (no line of its own: the enum's says "alter") */
} plumb_diff_part_kind;

/* One part of an altered table or enum. */
typedef struct plumb_diff_part {
	plumb_diff_verb verb;      /* add, drop, alter or rename */
	plumb_diff_part_kind part;
	const char *name;          /* column, constraint (NULL when unnamed) or label; for a
				    * rename the old name */
	const char *new_name;      /* rename: the new name, else NULL */
	const char *before;        /* definition before (drop, alter, rename), else NULL */
	const char *after;         /* definition after (add, alter, rename), else NULL */
} plumb_diff_part;

typedef struct plumb_diff_item {
	const plumb_change *change; /* the change it describes */
	plumb_diff_verb verb;       /* create, drop, replace, alter or rename */
	plumb_obj_kind kind;
	const char *schema;         /* NULL when the object has none */
	const char *name;           /* the object's name; for a rename the old name */
	const char *new_name;       /* rename: the new name, else NULL */
	/* plumb_diff_part *: an altered table's parts in the order of its lines
	 * (renamed, dropped, changed and added columns, dropped, renamed and
	 * added constraints, options); an altered enum's values (renamed,
	 * dropped, added). Empty otherwise. */
	plumb_vec parts;
} plumb_diff_item;

/* One record per change of diff, in the diff's order, appended to out (in
 * arena memory). 0, or PLUMB_ENOMEM recorded in ctx. */
int plumb_diff_items(plumb_ctx *ctx, plumb_arena *arena, const plumb_diff *diff, plumb_vec *out);

/* How many lines describe the item: one for the object (none for a table
 * that is only altered), one per part of a table. */
size_t plumb_diff_item_n_lines(const plumb_diff_item *it);

/* Appends line i (< plumb_diff_item_n_lines) of the item, without '\n':
 * "create table \"public\".\"users\"", "add column \"users\".\"email\"",
 * "replace function public.f(integer)", ... */
void plumb_diff_item_line(plumb_buf *b, const plumb_diff_item *it, size_t i);

/* Every line of every item, each ending in '\n', appended to buf: the
 * description of diff for people. */
void plumb_diff_describe(const plumb_diff *diff, plumb_buf *buf);

/* The name of an object of any kind (every object struct starts with schema
 * then name). */
const char *plumb_object_name(const void *obj);

#endif
