/*
 * A plan: the ordered statements that carry out a diff, each with the hazards
 * it brings (data deleted, table rewritten, locks, scans, index builds) and
 * whether it must run outside a transaction. Dialects turn a diff into
 * statements through the planner ops they give (plumb_planner_ops); this
 * module builds the plan from them (plumb_plan_build: the dialect's online
 * forms put in when asked, the dialect's classifier run over every
 * statement, transaction grouping, the check of hazards against what the
 * user allowed) and writes it as SQL text (plumb_plan_render). It holds no
 * knowledge of any engine's SQL.
 */
#ifndef PLUMB_PLAN_H
#define PLUMB_PLAN_H

#include "diff/diff.h"
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

/* Appends a new hazard (message formatted into arena) to out (plumb_hazard *). */
int plumb_hazard_add(plumb_ctx *ctx, plumb_arena *arena, plumb_vec *out, plumb_hazard_kind kind,
		     const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* True when hazards (plumb_hazard *) hold one of kind. */
bool plumb_hazard_has(const plumb_vec *hazards, plumb_hazard_kind kind);

typedef struct plumb_stmt {
	const char *sql;       /* one statement, without the final ';' */
	plumb_vec hazards;     /* plumb_hazard * */
	bool no_transaction;   /* must run outside a transaction block */
	bool foreign_keys_off; /* sqlite: its transaction must run with foreign keys off (a
				* table rebuilt or dropped while others reference it) */
	const char *comment;   /* one-line explanation written above it, or NULL */
	/* What the dialect's planner knows of the statement it wrote, in the
	 * dialect's own form, handed to its classifier so that it need not
	 * parse the SQL again; NULL: the classifier reads sql. */
	const void *known;
} plumb_stmt;

/* How to plan. */
typedef struct plumb_plan_opts {
	/* plumb_plan_build: the dialect's online forms of the statements, which
	 * keep writers running (pg: CREATE INDEX CONCURRENTLY outside a
	 * transaction, constraints NOT VALID then VALIDATE, SET NOT NULL through
	 * a validated check). */
	bool online;
	/* plumb_plan_build: let hazards that lose data through */
	bool allow_data_loss;
} plumb_plan_opts;

typedef struct plumb_planner_ops plumb_planner_ops;

typedef struct plumb_plan {
	plumb_arena *arena;
	const char *dialect;
	plumb_vec stmts;         /* plumb_stmt *, in order */
	bool foreign_keys_off;   /* sqlite: run with foreign_keys=OFF and check before commit
				  * (plumb_plan_build sets it when a statement needs it) */
	const plumb_planner_ops *ops; /* the planner that made it (plumb_plan_build), or NULL */
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
/* At least as many bytes as plumb_stmt_write appends for s. */
size_t plumb_stmt_size(const plumb_stmt *s);

bool plumb_plan_is_empty(const plumb_plan *plan);
bool plumb_plan_is_destructive(const plumb_plan *plan);

/* Returns 0 when allowed; otherwise records PLUMB_EHAZARD with one detail
 * line per destructive hazard and a hint naming --allow-data-loss. */
int plumb_plan_check_hazards(plumb_ctx *ctx, const plumb_plan *plan, bool allow_data_loss);

/* --- building (build.c) -------------------------------------------------- */

/* What a statement asks of the transaction it runs in. */
typedef enum plumb_txn_need {
	PLUMB_TXN_ANY,          /* inside a transaction or not */
	PLUMB_TXN_OUTSIDE,      /* the engine refuses it inside a transaction block
				 * (pg: CREATE INDEX CONCURRENTLY, VACUUM) */
	PLUMB_TXN_COMMIT_FIRST, /* what it adds can be used only once it is committed (pg:
				 * ALTER TYPE ... ADD VALUE): a later statement of the same
				 * transaction must not use it */
} plumb_txn_need;

/* What a dialect's classifier finds in one statement. */
typedef struct plumb_stmt_class {
	plumb_vec hazards;     /* plumb_hazard * */
	plumb_txn_need txn;
} plumb_stmt_class;

/* The hooks a dialect gives plan/ (plan/ sits below the dialects in the
 * library layering, so it cannot call them by name). */
struct plumb_planner_ops {
	const char *dialect;   /* "pg", "sqlite" */

	/* Turns a diff into statements in order, with the hazards the dialect
	 * knows of and whether each must run outside a transaction or with
	 * foreign keys off. opts may be NULL. */
	int (*plan)(plumb_ctx *ctx, plumb_arena *arena, const plumb_diff *diff,
		    const plumb_plan_opts *opts, plumb_plan **out);

	/* Classifies statements sqls[0..n), run in that order against the
	 * schema before (NULL: not known), one statement each, without the
	 * planner's knowledge: out[i] (zeroed by the caller) gets what
	 * statement i risks. known (NULL: none) is each statement's
	 * plumb_stmt.known, which lets the classifier skip the parse of a
	 * statement its planner wrote; what it finds is the same either way.
	 * NULL: the dialect has no classifier. */
	int (*classify)(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *before,
			const char *const *sqls, const void *const *known, size_t n,
			plumb_stmt_class *out);

	/* The online forms (opts->online): statements stmts[0..n), run in that
	 * order against the schema from and leading to the schema to (either
	 * NULL: not known), each one rewritten on its own into the statements
	 * that keep writers running: out (plumb_stmt *, arena memory) gets, for
	 * each in order, the statements that replace it, with their notes,
	 * hazards and whether they run outside a transaction, or the statement
	 * itself when it has no online form. A statement on a relation that a
	 * statement before it created keeps its form. Without the planner's
	 * knowledge, as classify. NULL: the dialect has no online forms. */
	int (*online)(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *from,
		      const plumb_catalog *to, plumb_stmt *const *stmts, size_t n, plumb_vec *out);

	/* Script text around a plan that runs with foreign keys off (sqlite):
	 * before the first BEGIN, before each COMMIT, after the last COMMIT.
	 * NULL: nothing. */
	const char *fk_off_prologue, *fk_off_check, *fk_off_epilogue;
};

/* Plans diff with ops: the dialect's statements, replaced by their online
 * forms when opts->online, each then classified by the dialect's classifier
 * (a hazard kind it finds that the planner did not attach is added, a
 * statement it says the engine refuses inside a transaction is marked so),
 * the plan marked to run with foreign keys off when a statement needs it,
 * then its hazards checked against opts->allow_data_loss (opts may be NULL:
 * nothing allowed, not online). A refused plan is PLUMB_EHAZARD with *out
 * still set (and ctx->refused), so that the caller can report it. */
int plumb_plan_build(plumb_ctx *ctx, plumb_arena *arena, const plumb_planner_ops *ops,
		     const plumb_diff *diff, const plumb_plan_opts *opts, plumb_plan **out);

/* Where the run of statements starting at index first ends (one past its
 * last): statements that run in one transaction together, or a single
 * statement that runs outside any. *transaction says which. Plan order is
 * kept: a no-transaction statement ends the run before it. */
size_t plumb_plan_group_end(const plumb_plan *plan, size_t first, bool *transaction);

/* --- rendering (render.c) ------------------------------------------------ */

typedef enum plumb_render_mode {
	/* A script runnable as it is by the engine's shell (psql, sqlite3):
	 * carries its own BEGIN/COMMIT and pragmas. Used by `diff`. */
	PLUMB_RENDER_SCRIPT,
	/* The body of a migration file: directives as comments, no BEGIN/COMMIT
	 * (the runner wraps it). Used by `generate`. */
	PLUMB_RENDER_MIGRATION,
} plumb_render_mode;

/* Writes a plan as SQL text ("" for an empty plan) into arena. */
int plumb_plan_render(plumb_ctx *ctx, plumb_arena *arena, const plumb_plan *plan,
		      plumb_render_mode mode, char **out);

#endif
