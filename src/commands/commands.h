/*
 * What the command files share: the resolved environment of a run (which
 * database, schema and migrations folder, after flags, DATABASE_URL and the
 * config file have had their say), output helpers for human and JSON
 * reports, and the steps several commands take (load the desired catalog,
 * check a plan's hazards on the data).
 */
#ifndef PLUMB_COMMANDS_INT_H
#define PLUMB_COMMANDS_INT_H

#include <jansson.h>

#include "plumb/commands.h"
#include "runner/runner.h"
#include "source/source.h"

#define PLUMB_DEFAULT_SCHEMA "schema.sql"
#define PLUMB_DEFAULT_DIR "migrations"
#define PLUMB_DEFAULT_URL "sqlite:plumb.db"
#define PLUMB_DEFAULT_CONFIG "plumb.json"

typedef struct plumb_env {
	const plumb_options *opts;
	FILE *out, *err;
	const char *url;                 /* database URL */
	const char *url_shown;           /* url as messages and reports show it (plumb_redact) */
	const char *url_origin;          /* "--url", "DATABASE_URL", "config", "default" */
	const char *schema;              /* schema file or folder */
	const char *dir;                 /* migrations folder */
	const plumb_dialect *dialect;    /* of the database, or from --dialect */
	const char *dev_url;             /* --dev-url or the config's dev_url, or NULL */
	long lock_timeout_ms;
	/* "protected": true in the config: the chosen environment's name when
	 * it is protected, and the URLs of every protected environment */
	const char *protected_env;
	const char **protected_names, **protected_urls;
	size_t n_protected;
	/* Where the tracking table's schema (ctx->tracking_schema) was set, for
	 * messages: the config and the position of "tracking.schema", or NULL
	 * for --tracking-table. */
	const char *tracking_schema_file;
	int tracking_schema_line, tracking_schema_col;
} plumb_env;

/* Resolves flags, DATABASE_URL, the config file and the defaults. */
int plumb__env_resolve(plumb_ctx *ctx, const plumb_options *opts, plumb_env *out);

/* PLUMB_ERROR, nothing changed, when the run's database is a protected
 * environment's (the one chosen, or one whose URL it is): what names the
 * refused action ("push to", "reset"). */
int plumb__env_refuse_protected(plumb_ctx *ctx, const plumb_env *env, const char *what);

/* The dialect for file sources: --dialect, else the database's. */
const plumb_dialect *plumb__env_file_dialect(const plumb_env *env);

/* Opens the environment's database. */
int plumb__env_connect(plumb_ctx *ctx, const plumb_env *env, plumb_conn **out);

/* An empty scratch database standing in for url, a database that does not
 * exist yet (an uncreated SQLite file), for commands that must not create
 * it; an error when it could not be created either (no such folder). */
int plumb__connect_missing(plumb_ctx *ctx, const plumb_dialect *d, const char *url,
			   plumb_conn **out);

/* True unless the database is known not to exist yet (an uncreated SQLite file). */
bool plumb__env_database_exists(const plumb_env *env);

/* True when no database was named and the default (sqlite:plumb.db) is not
 * of the dialect asked for (--dialect pg). */
bool plumb__env_no_database(const plumb_env *env);

/* Runs the probes of plan's hazards on conn (the database the plan is for):
 * PLUMB_EHAZARD when a statement would fail on the rows it holds (a NOT NULL
 * column without a default added to a table with rows, SET NOT NULL over
 * NULLs). Reads only. */
int plumb__plan_probe(plumb_ctx *ctx, plumb_conn *conn, const plumb_plan *plan);

/* How plumb_plan_build plans for this run: --online, --allow-data-loss. */
plumb_plan_opts plumb__env_plan_opts(const plumb_env *env);

/* The plan as a JSON array of {sql, hazards:[{kind, message}]}. */
json_t *plumb__plan_json(const plumb_plan *plan);

/* The diff's changes as a JSON array of strings. */
json_t *plumb__diff_json(plumb_ctx *ctx, const plumb_diff *diff);

/* Writes the run's one JSON report (steals doc) to env->out, newline-
 * terminated: {"ok": no error recorded yet, doc's members, and when an error
 * is recorded "error": {code, message, detail, hint, sqlstate, object,
 * position} and, for a refused plan, "hazards": [{kind, message, destructive,
 * sql}]}. A command that fails after its report records the error first. */
int plumb__emit_json(plumb_ctx *ctx, const plumb_env *env, json_t *doc);

/* What a database holds when it has no plumb records (state.c). */
typedef struct plumb_db_state {
	/* "managed" (it has records), "unmanaged" (objects but no records),
	 * "empty" (neither), "missing" (it does not exist yet) */
	const char *state;
	size_t n_tables, n_views, n_types, n_sequences, n_functions, n_schemas;
	const char *summary;   /* "12 tables, 3 types", or "" */
	plumb_vec tool_tables; /* const char *: other tools' tracking tables found */
} plumb_db_state;

/* The state of conn's database (NULL: it does not exist yet) whose tracking
 * records are records. Reads its schema only when there are no records;
 * live, when not NULL, is that schema already read. */
int plumb__db_state(plumb_ctx *ctx, plumb_conn *conn, const plumb_catalog *live,
		    const plumb_vec *records, plumb_db_state *out);

/* Records PLUMB_ENOTMANAGED for an unmanaged database, naming what it holds,
 * the other tools' tables found, and adopt and import. Returns the code. */
int plumb__db_state_error(plumb_ctx *ctx, const plumb_env *env, const plumb_db_state *st);

/* The state as JSON members of doc: "state", and for an unmanaged database
 * "objects" {tables, views, types, sequences, functions, schemas} and
 * "tool_tables". */
void plumb__db_state_json(json_t *doc, const plumb_db_state *st);

/* What a and b hold of kinds plumb does not manage, each named once, a's
 * first (const char *, appended to out). */
int plumb__unmanaged(plumb_ctx *ctx, const plumb_catalog *a, const plumb_catalog *b,
		     plumb_vec *out);
/* Notes the same on stderr: what diff leaves out of the comparison. */
int plumb__note_unmanaged(plumb_ctx *ctx, const plumb_env *env, const plumb_catalog *a,
			  const plumb_catalog *b);
/* --- verify.c: does a database equal what a baseline stands for ----------- */

/* The catalog history's migrations build up to and including upto (NULL:
 * all), replayed as generate and check replay them (offline, or on
 * env->dev_url). */
int plumb__history_catalog_upto(plumb_ctx *ctx, const plumb_env *env,
				const plumb_history *history, const plumb_migration *upto,
				plumb_catalog **out);

/* The catalog sql builds as the only migration of a folder (what a snapshot
 * or a baseline migration holding sql stands for), replayed the same way. */
int plumb__sql_catalog(plumb_ctx *ctx, const plumb_env *env, const char *file_name,
		       const char *sql, plumb_catalog **out);

/* Calls each of diff's change lines (as plumb_diff_describe writes them). */
int plumb__diff_each_line(plumb_ctx *ctx, const plumb_diff *diff,
			  void (*fn)(const char *line, size_t len, void *payload), void *payload);

/* 0 when diff (from the database to what it should equal) is empty; else
 * records PLUMB_EDIFF with message, each change as a detail line ("to
 * match, the database would need: ...") and hint, and returns it. */
int plumb__require_equal(plumb_ctx *ctx, const plumb_diff *diff, const char *hint,
			 const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Prints to env->err unless quiet. */
void plumb__note(const plumb_env *env, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
