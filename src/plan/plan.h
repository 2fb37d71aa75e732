/*
 * A plan: the ordered statements that carry out a diff, each with the hazards
 * it brings (data deleted, table rewritten, locks, scans, index builds) and
 * whether it must run outside a transaction. Dialects fill plans; this module
 * holds them, checks hazards against what the user allowed, and explains them.
 */
#ifndef PLUMB_PLAN_H
#define PLUMB_PLAN_H

#include "util/util.h"

typedef enum plumb_hazard_kind {
	PLUMB_HAZARD_DELETES_DATA,      /* drops a table or column: rows or values are lost */
	PLUMB_HAZARD_NARROWS_TYPE,      /* a type change may lose or alter stored values */
	PLUMB_HAZARD_REWRITES_TABLE,    /* the table is copied (sqlite rebuild, pg rewrite) */
	PLUMB_HAZARD_ACCESS_EXCLUSIVE,  /* blocks readers and writers while it runs */
	PLUMB_HAZARD_VALIDATES,         /* scans the table to validate a constraint */
	PLUMB_HAZARD_INDEX_BUILD,       /* builds an index */
	PLUMB_HAZARD_NEEDS_BACKFILL,    /* fails when the table holds rows (or NULLs) it cannot
					 * fill: a NOT NULL column added without a default, SET
					 * NOT NULL */
} plumb_hazard_kind;

/* "deletes-data", "narrows-type", "rewrites-table", "access-exclusive-lock",
 * "validates-by-scan", "builds-index", "needs-backfill". */
const char *plumb_hazard_name(plumb_hazard_kind kind);

/* True for hazards that lose data and need --allow-data-loss. */
bool plumb_hazard_is_destructive(plumb_hazard_kind kind);

typedef struct plumb_hazard {
	plumb_hazard_kind kind;
	const char *message;   /* e.g. `drops table "users" and its rows` */
	const char *probe;     /* a query of one boolean, true when the statement would fail on
				* the data the database holds now; NULL for none */
} plumb_hazard;

typedef struct plumb_stmt {
	const char *sql;       /* one statement, without the final ';' */
	plumb_vec hazards;     /* plumb_hazard * */
	bool no_transaction;   /* must run outside a transaction block */
	const char *comment;   /* one-line explanation written above it, or NULL */
} plumb_stmt;

/* How to plan. */
typedef struct plumb_plan_opts {
	/* pg: keep writers running: CREATE INDEX CONCURRENTLY outside a
	 * transaction, constraints NOT VALID then VALIDATE, SET NOT NULL through
	 * a validated check, short lock_timeout. */
	bool online;
} plumb_plan_opts;

typedef struct plumb_plan {
	plumb_arena *arena;
	const char *dialect;
	plumb_vec stmts;         /* plumb_stmt *, in order */
	bool foreign_keys_off;   /* sqlite: run with foreign_keys=OFF and check before commit */
} plumb_plan;

int plumb_plan_new(plumb_ctx *ctx, plumb_arena *arena, const char *dialect, plumb_plan **out);

/* Appends a statement (sql is copied). *out may be NULL. */
int plumb_plan_add(plumb_ctx *ctx, plumb_plan *plan, const char *sql, plumb_stmt **out);

/* Attaches a hazard to a statement. */
int plumb_stmt_add_hazard(plumb_ctx *ctx, plumb_plan *plan, plumb_stmt *stmt,
			  plumb_hazard_kind kind, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* Sets the probe (copied) of the hazard added last to stmt. */
int plumb_stmt_set_probe(plumb_ctx *ctx, plumb_plan *plan, plumb_stmt *stmt, const char *sql);

/* Asks the database (ask runs one probe query of a boolean) whether a hazard
 * with a probe would make the plan fail; returns 0 when none would, else
 * records PLUMB_EHAZARD with one detail line per such hazard and a hint.
 * Reads only. */
int plumb_plan_check_probes(plumb_ctx *ctx, const plumb_plan *plan,
			    int (*ask)(plumb_ctx *ctx, void *payload, const char *sql, bool *out),
			    void *payload);

/* Appends one statement as scripts and migration files show it: its
 * comment and each hazard as "-- " lines ("-- hazard name: message"), then
 * the SQL and ";\n". */
void plumb_stmt_write(plumb_buf *b, const plumb_stmt *s);

bool plumb_plan_is_empty(const plumb_plan *plan);
bool plumb_plan_is_destructive(const plumb_plan *plan);

/* Returns 0 when allowed; otherwise records PLUMB_EHAZARD with one detail
 * line per destructive hazard and a hint naming --allow-data-loss. */
int plumb_plan_check_hazards(plumb_ctx *ctx, const plumb_plan *plan, bool allow_data_loss);

#endif
