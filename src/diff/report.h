/*
 * The audit report: two catalogs compared object by object, for people and
 * for programs, as records rather than prose. Each record names an object
 * (kind, schema, name), says whether it is only on the left (the database),
 * only on the right (the schema), different, or renamed, and lists each
 * differing attribute with its value before (left) and after (right); a
 * table's columns, constraints and indexes are records under the table.
 * Enum values are spelled out, and a constraint or index that differs from
 * one of the other side only by its name is a rename candidate. It plans
 * nothing and never refuses: the hazards of changing are the planner's.
 */
#ifndef PLUMB_DIFF_REPORT_H
#define PLUMB_DIFF_REPORT_H

#include <stdio.h>

#include <jansson.h>

#include "diff/diff.h"

typedef enum plumb_report_status {
	PLUMB_REPORT_ONLY_LEFT,	       /* "only_in_database": on the left side only */
	PLUMB_REPORT_ONLY_RIGHT,       /* "only_in_schema": on the right side only */
	PLUMB_REPORT_DIFFERENT,	       /* "different": on both, attributes differ (or, for a
					* table, only its children do) */
	PLUMB_REPORT_RENAMED,	       /* "renamed": a `-- plumb:renamed` annotation pairs them */
	PLUMB_REPORT_RENAME_CANDIDATE, /* "renamed_candidate": a constraint or index on
					* both sides that differs only by its name */
} plumb_report_status;

/* "only_in_database", "only_in_schema", "different", "renamed",
 * "renamed_candidate": the stable spelling of JSON reports. */
const char *plumb__report_status_name(plumb_report_status status);

/* One value of an attribute on one side. */
typedef enum plumb_report_value_type {
	PLUMB_RV_NULL, /* the side has none (no default, no collation) */
	PLUMB_RV_TEXT,
	PLUMB_RV_BOOL,
	PLUMB_RV_LIST, /* enum values, a table's columns, key columns */
} plumb_report_value_type;

typedef struct plumb_report_value {
	plumb_report_value_type type;
	const char *text;      /* PLUMB_RV_TEXT */
	bool flag;	       /* PLUMB_RV_BOOL */
	const plumb_vec *list; /* PLUMB_RV_LIST: const char * */
} plumb_report_value;

typedef struct plumb_report_attr {
	const char *name;	   /* "type", "not null", "default", "values", "on delete", ... */
	plumb_report_value before; /* left side */
	plumb_report_value after;  /* right side */
} plumb_report_attr;

typedef struct plumb_report_entry {
	const char *kind;   /* "table", "enum", "view", ...; children: "column",
			     * "primary key", "unique", "check", "foreign key",
			     * "exclude", "index" */
	const char *schema; /* NULL when none (sqlite) */
	const char *name;   /* the right side's name when on both, else its side's;
			     * NULL for an unnamed constraint */
	plumb_report_status status;
	const char *from, *to;	/* renamed and rename candidates: the left and the right
				 * name (either NULL for an unnamed constraint) */
	const char *definition; /* an unnamed constraint: its definition, to tell it by;
				 * else NULL */
	plumb_vec attrs;	/* plumb_report_attr *: differing attributes; an object
				 * on one side only: what names its content (a table's
				 * columns, an enum's values) */
	plumb_vec children;	/* plumb_report_entry *: a table's columns, then its
				 * constraints, then its indexes */
} plumb_report_entry;

typedef struct plumb_report {
	const char *dialect;
	plumb_vec entries; /* plumb_report_entry *: in create order of kinds, then
			    * by schema and name */
	/* Records by status, children counted, a table only listed for its
	 * children not counted as different */
	size_t n_only_left, n_only_right, n_different, n_renamed;
} plumb_report;

/*
 * Compares left (what is: the database) with right (what is wanted: the
 * schema) and builds the report in ctx's root arena. Both catalogs must be
 * of the same dialect. 0, or a negative PLUMB_E* recorded in ctx.
 */
int plumb__report_build(plumb_ctx *ctx, const plumb_catalog *left, const plumb_catalog *right,
			plumb_report **out);

/* The same from a diff already made (diff->from is the left side). */
int plumb__report_from_diff(plumb_ctx *ctx, plumb_arena *arena, const plumb_diff *diff,
			    plumb_report **out);

/* True when the report holds no record. */
bool plumb__report_is_empty(const plumb_report *r);

/*
 * Writes the report for people to f: one line per object, grouped under its
 * table, with its status ("only in LEFT", "only in RIGHT", "different",
 * "renamed", "rename candidate"), aligned, each differing attribute under
 * it as "name  before -> after" (enum values as lists), then a summary line.
 * The labels name the sides ("database", "schema.sql"). Nothing for an
 * empty report.
 */
void plumb__report_print(FILE *f, const plumb_report *r, const char *left_label,
			 const char *right_label);

/*
 * The report as JSON (a new reference, NULL when out of memory):
 * {"left": left_label, "right": right_label, "dialect",
 *  "summary": {"only_in_database", "only_in_schema", "different", "renamed"},
 *  "objects": [record...]} where a record is {"kind", "schema", "name",
 * "status", "from", "to", "definition", "attributes": [{"name", "before",
 * "after"}], "children": [record...]}; every key is always there (null when
 * it does not apply); a value is a string, a boolean, an array of strings or
 * null.
 */
json_t *plumb__report_json(const plumb_report *r, const char *left_label, const char *right_label);

#endif
