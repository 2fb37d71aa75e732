/*
 * The dialect interface: one table of function pointers per engine (sqlite/,
 * pg/). Core code calls only through it and never asks which engine it talks
 * to. A connection is owned by the arena it was opened in and is closed when
 * that arena is freed.
 */
#ifndef PLUMB_DIALECT_H
#define PLUMB_DIALECT_H

#include "catalog/catalog.h"
#include "diff/diff.h"
#include "history/history.h"
#include "plan/plan.h"

typedef struct plumb_dialect plumb_dialect;

/* A statement of a migration that changes rows (plumb squash). */
typedef struct plumb_data_stmt {
	const plumb_migration *migration;
	size_t offset;	  /* its first byte in migration->sql */
	int line, col;	  /* where that byte is */
	const char *text; /* the statement, from its first keyword to its ';' */
	const char *what; /* its first line, at most 60 bytes */
} plumb_data_stmt;

/* Which tracking table the tracking_* functions use. */
typedef enum plumb_tracking {
	PLUMB_TRACKING_PLUMB,    /* plumb_migrations */
	PLUMB_TRACKING_DRIZZLE,  /* drizzle-orm's: drizzle.__drizzle_migrations (pg),
				  * __drizzle_migrations (sqlite) */
} plumb_tracking;

/* Every dialect's connection struct starts with this header. */
typedef struct plumb_conn {
	const plumb_dialect *dialect;
	const char *display;     /* the URL with any password removed, for messages */
	plumb_tracking tracking; /* set by the runner from the history's format */
} plumb_conn;

/* How a script is run by exec_script's callers (runner/). */
typedef struct plumb_txn_opts {
	bool foreign_keys_off;   /* sqlite: PRAGMA foreign_keys=OFF around it, checked before commit */
	long lock_timeout_ms;    /* pg: SET LOCAL lock_timeout; 0 leaves it */
	long statement_timeout_ms;
} plumb_txn_opts;

/* A SQL file read into memory (schema files, migrations). */
typedef struct plumb_sql_file {
	const char *path;
	const char *text; /* NUL-terminated at len, or len 0 and a C string */
	size_t len;
} plumb_sql_file;

struct plumb_dialect {
	const char *name;        /* "sqlite", "pg" */
	const char *drizzle_table; /* drizzle-orm's tracking table, as messages name it */

	/* True when url names a database of this engine. */
	bool (*accepts_url)(const char *url);

	/* False when url names a database that does not exist yet (a SQLite file
	 * not created), so read-only commands need not create it. NULL: exists. */
	bool (*database_exists)(const char *url);

	/* Opens url. Errors never show a password. */
	int (*connect)(plumb_ctx *ctx, plumb_arena *arena, const char *url, plumb_conn **out);

	/* An empty scratch database to build desired states in, removed when
	 * arena is freed (sqlite: in memory; pg: a database created on dev_url's
	 * server, or with dev_url NULL or "local" a throwaway local cluster). */
	int (*connect_scratch)(plumb_ctx *ctx, plumb_arena *arena, const char *dev_url,
			       plumb_conn **out);

	/* Builds the catalog of schema files (plumb_sql_file *) without a
	 * database, or NULL when the dialect loads them into a scratch database
	 * instead. Errors point at file:line:col. */
	int (*load_schema)(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *files,
			   plumb_catalog **out);

	/* Replays the files of a migrations folder (plumb_sql_file *, in their
	 * order) onto an empty catalog without a database: the catalog the
	 * server would reach. A statement whose effect is known only once it
	 * runs (a DO block, a CALL) is an error at file:line:col naming
	 * --dev-url. NULL when the dialect replays in a scratch database. */
	int (*replay_offline)(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *files,
			      plumb_catalog **out);

	/* Runs every statement of sql (a schema file or a migration) in order.
	 * On failure records PLUMB_EDB (PLUMB_EPARSE for syntax errors) at
	 * file:line:col when file is given, and returns. No transaction of its own. */
	int (*exec_script)(plumb_ctx *ctx, plumb_conn *conn, const char *sql, const char *file);

	/* Runs the statements of schema files (plumb_sql_file *) in the order
	 * the dialect's offline builder reads them (a schema file may be
	 * written in any order), so that the exact path builds what the offline
	 * one reads; NULL runs them file by file with exec_script. */
	int (*exec_schema)(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			   const plumb_vec *files);

	/* Runs sql statement by statement, each on its own, for migrations marked
	 * no-transaction. On failure *failed_stmt is the statement that failed. */
	int (*exec_each)(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, const char *sql,
			 const char *file, const char **failed_stmt);

	/* Reads the whole schema of the database. Plumb's own tables are left out. */
	int (*introspect)(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			  plumb_catalog **out);

	/* What plan/ calls to plan a diff (plumb_plan_build) and write the plan
	 * (plumb_plan_render): the planner, the hazard classifier, the script
	 * text. Commands never call these hooks themselves. */
	const plumb_planner_ops *planner;

	/* Runs a probe of a plan's hazard (a query of one boolean) and reads
	 * its answer; NULL: the engine cannot. */
	int (*probe)(plumb_ctx *ctx, plumb_conn *conn, const char *sql, bool *out);

	/* Writes a whole catalog as the SQL that creates it (for `pull`). */
	int (*dump)(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat, char **out);

	/* Transactions for the runner. begin takes the write lock at once
	 * (sqlite: BEGIN IMMEDIATE, waiting up to the busy timeout). commit
	 * checks foreign keys first when they were turned off. */
	int (*begin)(plumb_ctx *ctx, plumb_conn *conn, const plumb_txn_opts *opts);
	int (*commit)(plumb_ctx *ctx, plumb_conn *conn);
	int (*rollback)(plumb_ctx *ctx, plumb_conn *conn);

	/* Records rec as a new row of the tracking table and commits, at
	 * once. 1 when a row of rec->version already exists: then the whole
	 * transaction was rolled back (another runner applied it first). NULL:
	 * the runner re-checks, writes and commits in separate steps. */
	int (*commit_record)(plumb_ctx *ctx, plumb_conn *conn, const plumb_record *rec);

	/* Session-level lock and statement timeouts for statements run outside
	 * a transaction (no-transaction migrations); opts NULL resets them.
	 * NULL where the engine has no such settings. */
	int (*set_timeouts)(plumb_ctx *ctx, plumb_conn *conn, const plumb_txn_opts *opts);

	/* The one-runner-at-a-time lock (pg: session advisory lock; sqlite: a
	 * no-op, begin's IMMEDIATE transaction serialises). PLUMB_ELOCKED after
	 * timeout_ms, naming the holder. */
	int (*lock)(plumb_ctx *ctx, plumb_conn *conn, long timeout_ms);
	int (*unlock)(plumb_ctx *ctx, plumb_conn *conn);

	/* The tracking table plumb_migrations. ensure creates it when missing;
	 * read returns its rows (plumb_record *) sorted by version, or none when
	 * the table does not exist; write inserts or replaces the row of
	 * rec->version; delete removes it. */
	int (*tracking_ensure)(plumb_ctx *ctx, plumb_conn *conn);
	int (*tracking_read)(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			     plumb_vec *out);
	/* The row of one version (*out NULL when none); the table must exist.
	 * NULL where reading every row is as cheap. */
	int (*tracking_get)(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			    const char *version, plumb_record **out);
	int (*tracking_write)(plumb_ctx *ctx, plumb_conn *conn, const plumb_record *rec);
	int (*tracking_delete)(plumb_ctx *ctx, plumb_conn *conn, const char *version);

	/* Reads another migration tool's tracking table (plumb import):
	 * *found says whether schema.table exists (schema NULL: the search
	 * path; SQLite has one schema and ignores it); its rows for the
	 * SELECT list columns (n_cols values each) go to out as char *[n_cols],
	 * NULL for SQL NULL. Reads only. */
	int (*foreign_rows)(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			    const char *schema, const char *table, const char *columns,
			    size_t n_cols, bool *found, plumb_vec *out);
	/* Whether schema.table (as foreign_rows names it) has a column of this
	 * name, read from the catalog so that no query that could fail is sent
	 * (inside a transaction a failed one aborts it); false when there is
	 * no such table. Reads only. */
	int (*foreign_has_column)(plumb_ctx *ctx, plumb_conn *conn, const char *schema,
				  const char *table, const char *column, bool *out);
	/* The statements that drop every object the user owns, for reset, in an
	 * order that runs (each a string in arena, appended to out): pg, every
	 * schema but public and those holding an extension's objects (DROP
	 * SCHEMA ... CASCADE), then what is left in those but an extension's;
	 * sqlite, every view and table (their indexes and triggers go with
	 * them). Reads only. */
	int (*drop_all)(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, plumb_vec *out);

	/* The first statement of sql that controls transactions (BEGIN, START
	 * TRANSACTION, COMMIT, END, ROLLBACK, ABORT, SAVEPOINT, RELEASE,
	 * PREPARE TRANSACTION, ...), found with the engine's own parser: 1
	 * with *offset its first byte and *what its text (arena memory), 0
	 * when there is none, or a negative PLUMB_E* code. No connection is
	 * needed. NULL: not checked. */
	int (*find_txn_control)(plumb_ctx *ctx, plumb_arena *arena, const char *sql,
				size_t *offset, const char **what);

	/* The statements of migrations (plumb_migration *, in run order) that
	 * change rows rather than the schema (INSERT, UPDATE, DELETE, MERGE,
	 * COPY, SELECT setval(...), ...), found with the engine's own parser
	 * and appended to out (plumb_data_stmt *) in order. Runs nothing on
	 * any server. */
	int (*find_data)(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *migrations,
			 plumb_vec *out);
	/* Builds schema_sql in a private database and runs stmts
	 * (plumb_data_stmt *) after it: a failure is an error naming the
	 * statement and where it came from. NULL: the engine cannot do it
	 * without a server. */
	int (*check_data)(plumb_ctx *ctx, plumb_arena *arena, const char *schema_sql,
			  const plumb_vec *stmts);
};

extern const plumb_dialect plumb_dialect_sqlite;
extern const plumb_dialect plumb_dialect_pg;

/* The dialect named "sqlite" or "pg", or NULL. */
const plumb_dialect *plumb_dialect_by_name(const char *name);

/* The dialect whose accepts_url takes url, or NULL. */
const plumb_dialect *plumb_dialect_for_url(const char *url);

#endif
