/*
 * The schema model: tables with their columns and constraints, indexes,
 * views and triggers, each keyed by (kind, schema, name). A catalog is built
 * by a dialect (from a live database or from SQL files) and compared by diff/.
 * It holds facts, not SQL to run; the only SQL it keeps is the text of
 * expressions and, where the engine stores it, the object's definition.
 * Everything lives in the arena the catalog was created in.
 */
#ifndef PLUMB_CATALOG_H
#define PLUMB_CATALOG_H

#include <stdbool.h>
#include <stddef.h>

#include "util/util.h"

typedef enum plumb_obj_kind {
	PLUMB_OBJ_TABLE,
	PLUMB_OBJ_INDEX,
	PLUMB_OBJ_VIEW,
	PLUMB_OBJ_TRIGGER,
} plumb_obj_kind;

/* "table", "index", "view", "trigger". */
const char *plumb_obj_kind_name(plumb_obj_kind kind);

typedef struct plumb_column {
	const char *name;
	const char *type;          /* declared type as written, canonical spacing; "" when none */
	bool not_null;
	const char *default_sql;   /* default expression as written; NULL when none */
	const char *collation;     /* COLLATE name; NULL when the default */
	const char *generated_sql; /* generation expression; NULL for ordinary columns */
	bool generated_stored;     /* STORED (true) or VIRTUAL (false) */
	bool hidden;               /* sqlite: hidden column of a virtual table */
	int pk_position;           /* 1-based position in the primary key; 0 when not in it */
	/* Canonical text of the whole column definition, name first, as the
	 * dialect would write it in CREATE TABLE. Two columns are equal when
	 * their definitions are equal. */
	const char *definition;
	const char *renamed_from;  /* from a `-- plumb:renamed from=old` annotation, or NULL */
} plumb_column;

typedef enum plumb_con_kind {
	PLUMB_CON_PRIMARY_KEY,
	PLUMB_CON_UNIQUE,
	PLUMB_CON_CHECK,
	PLUMB_CON_FOREIGN_KEY,
} plumb_con_kind;

typedef struct plumb_constraint {
	plumb_con_kind kind;
	const char *name;          /* CONSTRAINT name, or NULL when unnamed */
	const char **columns;      /* key columns (PK, UNIQUE, FK) */
	size_t n_columns;
	const char *check_sql;     /* CHECK expression text */
	const char *ref_table;     /* FK: referenced table */
	const char **ref_columns;  /* FK: referenced columns; n_ref_columns == 0 means its PK */
	size_t n_ref_columns;
	const char *on_delete;     /* FK: "NO ACTION", "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT" */
	const char *on_update;
	const char *match;         /* FK: "SIMPLE" (default), "FULL", "PARTIAL" */
	bool deferrable;
	bool initially_deferred;
	bool autoincrement;        /* sqlite PK: AUTOINCREMENT */
	bool column_level;         /* declared on a column rather than as a table constraint */
	/* Canonical text of the constraint in table-constraint form
	 * ("CONSTRAINT x CHECK (a > 0)"). Two constraints are equal when their
	 * definitions are equal. */
	const char *definition;
} plumb_constraint;

typedef struct plumb_table {
	const char *schema;        /* NULL for sqlite's main */
	const char *name;
	plumb_vec columns;         /* plumb_column *, in table order */
	plumb_vec constraints;     /* plumb_constraint * */
	bool without_rowid;        /* sqlite */
	bool strict;               /* sqlite */
	/* The CREATE TABLE statement as the engine stores it (sqlite_schema.sql),
	 * or NULL where the engine keeps none. */
	const char *sql;
	const char *renamed_from;  /* annotation, or NULL */
} plumb_table;

typedef struct plumb_index {
	const char *schema;
	const char *name;
	const char *table;
	bool unique;
	plumb_vec keys;            /* const char *: canonical text of each key (column or expression, COLLATE, DESC) */
	const char *where_sql;     /* partial index predicate, or NULL */
	const char *sql;           /* CREATE INDEX statement as stored */
	const char *definition;    /* canonical text; equal definitions mean equal indexes */
} plumb_index;

typedef struct plumb_view {
	const char *schema;
	const char *name;
	const char *sql;           /* CREATE VIEW statement as stored */
	const char *definition;    /* canonical text */
	plumb_vec depends;         /* const char *: names of tables and views it reads */
} plumb_view;

typedef struct plumb_trigger {
	const char *schema;
	const char *name;
	const char *table;         /* table or view it fires on */
	const char *sql;           /* CREATE TRIGGER statement as stored */
	const char *definition;    /* canonical text */
	plumb_vec depends;         /* const char *: other tables and views its body names */
} plumb_trigger;

typedef struct plumb_catalog {
	plumb_arena *arena;
	const char *dialect;       /* "sqlite" or "pg" */
	bool fold_case;            /* identifiers compare case-insensitively (sqlite) */
	plumb_vec tables;          /* plumb_table *, sorted by name */
	plumb_vec indexes;         /* plumb_index *, sorted by name; not those backing constraints */
	plumb_vec views;           /* plumb_view *, in creation order */
	plumb_vec triggers;        /* plumb_trigger *, sorted by name */
} plumb_catalog;

/* A new empty catalog in arena. */
int plumb_catalog_new(plumb_ctx *ctx, plumb_arena *arena, const char *dialect, bool fold_case,
		      plumb_catalog **out);

/* Identifier equality under the catalog's case rules. */
bool plumb_catalog_name_eq(const plumb_catalog *cat, const char *a, const char *b);

plumb_table *plumb_catalog_find_table(const plumb_catalog *cat, const char *name);
plumb_index *plumb_catalog_find_index(const plumb_catalog *cat, const char *name);
plumb_view *plumb_catalog_find_view(const plumb_catalog *cat, const char *name);
plumb_trigger *plumb_catalog_find_trigger(const plumb_catalog *cat, const char *name);
plumb_column *plumb_table_find_column(const plumb_catalog *cat, const plumb_table *t,
				      const char *name);

/* Sorts tables, indexes and triggers by name (views keep creation order). */
void plumb_catalog_sort(plumb_catalog *cat);

/* True when the catalog holds no objects. */
bool plumb_catalog_is_empty(const plumb_catalog *cat);

/* Serialises the catalog as JSON (a stable form for `inspect --format json`
 * and snapshots) into arena memory. */
int plumb_catalog_to_json(plumb_ctx *ctx, const plumb_catalog *cat, plumb_arena *arena,
			  char **out);

#endif
