/*
 * Private to the SQLite planner (plan.c and plan_*.c): the planner's state
 * and the functions its files share. Nothing outside the planner includes
 * it; the planner's entry is plumb__sqlite_plan in sqlite.h.
 */
#ifndef PLUMB_DIALECT_SQLITE_PLAN_INT_H
#define PLUMB_DIALECT_SQLITE_PLAN_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "dialect/sqlite/sqlite.h"

/* How an altered table changes (plan_alter.c chooses). */
typedef enum table_mode {
	MODE_NONE,     /* not an altered table */
	MODE_ALTER,    /* ALTER TABLE: renames and ADD COLUMN (plan_alter.c) */
	MODE_REBUILD,  /* the documented rebuild: new table, copy, drop, rename (plan_rebuild.c) */
	MODE_RECREATE, /* a virtual table: dropped and created again (plan.c) */
} table_mode;

typedef struct planner {
	plumb_ctx *ctx;
	plumb_arena *tmp;            /* scratch, freed at the end */
	const plumb_diff *diff;
	const plumb_catalog *from, *to;
	plumb_plan *plan;
	table_mode *modes;           /* per diff change (tables only) */
	plumb_vec touched;           /* char *: lower-cased names whose dependants must go */
	bool *drop_view;             /* per from->views */
	bool *drop_trigger;          /* per from->triggers */
	plumb_vec *view_ids;         /* per from->views: identifiers */
	plumb_vec *trigger_ids;      /* per from->triggers */
} planner;

/* plan_util.c: reading stored DDL (tokens and definitions from ddl.c). Each
 * answers NULL or false when out of memory in the scratch arena; see
 * plumb__sqlp_tmp_failed. */

/* The tokens of sql (plumb_sqlite_token *), or NULL when there is no sql, the
 * scanner refuses it or out of memory. */
plumb_vec *plumb__sqlp_tokens(plumb_arena *a, const char *sql);
/* Lower-cased identifiers named in sql (keywords included; harmless for
 * matching against table and view names), appended to out. 0 or -1. */
int plumb__sqlp_identifiers(plumb_arena *a, const char *sql, plumb_vec *out);
/* The text of column col's definition inside CREATE TABLE sql, or NULL. */
const char *plumb__sqlp_column_text(plumb_arena *a, const char *sql, const char *col);
/* Whether sql holds the bare word `word` (any case). */
bool plumb__sqlp_has_word(plumb_arena *a, const char *sql, const char *word);
/* Whether sql is CREATE VIRTUAL TABLE. */
bool plumb__sqlp_is_virtual(plumb_arena *a, const char *sql);

/* plan_util.c: the planner's helpers. */

/* Out of memory in the scratch arena: the helpers that read stored DDL
 * answer NULL or false then, and the plan is not to be trusted. Every
 * decision that rests on them is followed by this check. */
bool plumb__sqlp_tmp_failed(const planner *p);
/* Names equal without regard to ASCII case; NULL equals only NULL. */
bool plumb__sqlp_eq_ci(const char *a, const char *b);
/* A DEFAULT that leaves a column NULL: none, or NULL. */
bool plumb__sqlp_default_is_null(const char *def);
/* Whether column name is among the delta's added columns. */
bool plumb__sqlp_is_added(const plumb_table_delta *d, const char *name);
/* The change of this kind whose from (by_from) or to object is named name. */
const plumb_change *plumb__sqlp_find_change(const planner *p, plumb_obj_kind kind,
					    const char *name, bool by_from);
/* A scratch buffer for one statement. */
void plumb__sqlp_buf_new(planner *p, plumb_buf *b);
/* Adds the statement in b to the plan; *out (if not NULL) is the statement. */
int plumb__sqlp_add(planner *p, plumb_buf *b, plumb_stmt **out);
/* Adds the statement "DROP what name". */
int plumb__sqlp_add_drop(planner *p, const char *what, const char *name, plumb_stmt **out);

/* plan_alter.c: ALTER TABLE where SQLite accepts the change. */

/* Chooses between ALTER, a rebuild and drop-and-create for a changed table. */
table_mode plumb__sqlp_choose_mode(planner *p, const plumb_change *c);
/* RENAME TO, RENAME COLUMN and ADD COLUMN statements for a MODE_ALTER change. */
int plumb__sqlp_alter(planner *p, const plumb_change *c);

/* plan_rebuild.c: the table rebuild (create new, copy, drop old, rename). */
int plumb__sqlp_rebuild(planner *p, const plumb_change *c);

/* plan_dependants.c: views and triggers dropped before and created after. */

/* Records that the dependants of table or view name must be dropped. */
int plumb__sqlp_touch(planner *p, const char *name);
/* Marks the views and triggers of `from` to drop, once every touched table
 * is recorded. */
int plumb__sqlp_mark_dependants(planner *p);
/* DROP TRIGGER and DROP VIEW for the marked ones. */
int plumb__sqlp_drop_dependants(planner *p);
/* CREATE VIEW for the desired views to create, each after those it reads. */
int plumb__sqlp_create_views(planner *p);
/* CREATE TRIGGER for new triggers and those dropped before. */
int plumb__sqlp_create_triggers(planner *p);

#endif
