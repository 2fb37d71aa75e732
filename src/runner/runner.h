/*
 * Applies SQL to a database safely: pending migrations exactly once, each in
 * its own transaction together with its tracking row (or statement by
 * statement for no-transaction migrations, with a failed row when one
 * breaks), and whole plans for `push`. It decides what is pending from the
 * history and the tracking records; it does not plan or diff.
 */
#ifndef PLUMB_RUNNER_H
#define PLUMB_RUNNER_H

#include "dialect/dialect.h"
#include "history/history.h"

/* The state of one migration, joining files and tracking rows. */
typedef enum plumb_mig_status {
	PLUMB_MIG_APPLIED,
	PLUMB_MIG_BASELINE,
	PLUMB_MIG_PENDING,
	PLUMB_MIG_FAILED,
	PLUMB_MIG_MODIFIED,     /* applied, but the file's checksum differs */
	PLUMB_MIG_MISSING,      /* recorded, but no file */
	PLUMB_MIG_OUT_OF_ORDER, /* pending, older than the newest applied */
} plumb_mig_status;

const char *plumb_mig_status_name(plumb_mig_status status);

typedef struct plumb_mig_state {
	const char *version;
	const char *name;
	plumb_mig_status status;
	const plumb_migration *file;   /* NULL when missing */
	const plumb_record *record;    /* NULL when never recorded */
} plumb_mig_state;

/* Joins history and records (as read from the tracking table) into one list
 * of plumb_mig_state *, sorted by version. */
int plumb_runner_status(plumb_ctx *ctx, plumb_arena *arena, const plumb_history *history,
			const plumb_vec *records, plumb_vec *out);

/* The defaults of a migrate run. DDL waits at most 10 s for a table lock
 * (lock_timeout), so a migration stuck behind a long transaction fails
 * instead of queueing every reader behind it; statements have no time
 * limit of plumb's (statement_timeout: the server's setting), since index
 * builds and backfills take what they take. */
#define PLUMB_DEFAULT_RUNNER_LOCK_TIMEOUT_MS 30000L
#define PLUMB_DEFAULT_DDL_LOCK_TIMEOUT_MS 10000L
#define PLUMB_DEFAULT_STATEMENT_TIMEOUT_MS 0L

typedef struct plumb_migrate_opts {
	const char *to_version;   /* stop after this version; NULL for all */
	bool dry_run;             /* list what would run, run nothing */
	bool allow_out_of_order;  /* apply pending migrations older than the newest applied */
	bool retry_failed;        /* run migrations recorded as failed again instead of refusing */
	long lock_timeout_ms;     /* wait for the runner lock; 0: 30 s */
	/* lock_timeout and statement_timeout (pg) of each migration unless its
	 * file says otherwise; 0 leaves the server's setting. */
	long ddl_lock_timeout_ms;
	long statement_timeout_ms;
	/* Called before each migration runs; may be NULL. */
	void (*starting)(const plumb_migration *m, void *payload);
	/* Called after each migration (or, in a dry run, for each that would run)
	 * with its duration; may be NULL. */
	void (*progress)(const plumb_migration *m, long duration_ms, bool dry_run, void *payload);
	/* Called once, under the runner lock (unlocked in a dry run), when the
	 * database has no tracking records and migrations are pending, before
	 * any runs; a negative PLUMB_E* it returns stops the run with nothing
	 * run. May be NULL. */
	int (*first_run)(plumb_ctx *ctx, plumb_conn *conn, void *payload);
	void *payload;
} plumb_migrate_opts;

/* Points conn's tracking_* functions at the table history's format uses
 * (plumb_migrations, or drizzle-orm's for a drizzle-kit folder). Every
 * runner entry point does it; commands reading records directly call it
 * first. Fails when a drizzle-kit folder is for the other engine. */
int plumb_runner_use_history(plumb_ctx *ctx, plumb_conn *conn, const plumb_history *history);

/* Reads the tracking records history's format uses (see use_history). */
int plumb_runner_read_records(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			      const plumb_history *history, plumb_vec *out);

/* Applies pending migrations. Refuses (PLUMB_EINTEGRITY) when an applied
 * migration was modified or a failed one is recorded (PLUMB_EFAILED, unless
 * retry_failed). On return *n_applied says how many ran. */
int plumb_runner_migrate(plumb_ctx *ctx, plumb_conn *conn, const plumb_history *history,
			 const plumb_migrate_opts *opts, size_t *n_applied);

/* Runs a plan in one transaction (statements that must run outside one run
 * after it, each on its own). Used by push. */
int plumb_runner_apply_plan(plumb_ctx *ctx, plumb_conn *conn, const plumb_plan *plan);

/* Replays every migration of history into conn (a scratch database), in
 * order, each in its own transaction. Used to get the migrations' state. */
int plumb_runner_replay(plumb_ctx *ctx, plumb_conn *conn, const plumb_history *history);

/* Records version as applied without running it (baseline). */
int plumb_runner_baseline(plumb_ctx *ctx, plumb_conn *conn, const plumb_history *history,
			  const char *version);

/* Records (plumb_record *, state imported) the migrations another tool
 * applied, in plumb_migrations, in one transaction under the runner lock.
 * A version already recorded the same way is left as it is; recorded any
 * other way, or any record plumb made itself (a managed database), and
 * nothing is written (PLUMB_EINTEGRITY). */
int plumb_runner_import(plumb_ctx *ctx, plumb_conn *conn, const plumb_vec *records);

/* 0 when conn's database may take imported records: plumb's tracking table
 * is missing or holds imported records only; PLUMB_EINTEGRITY, naming a
 * record, when plumb manages it already (adopted, migrated). Reads only. */
int plumb_runner_import_allowed(plumb_ctx *ctx, plumb_conn *conn);

/* --- squash.c ---------------------------------------------------------------- */

struct plumb_map;

/* The migrations (plumb_migration *, by version) that a database with
 * records is joined with: history's files, except that a squashing
 * migration the database stopped among (some of its versions done, not
 * all) gives way to its originals in squashed/. *consumed receives the
 * versions (leading zeros stripped) whose records a squashing migration
 * counted as applied stands for. */
int plumb__runner_effective(plumb_ctx *ctx, plumb_arena *arena, const plumb_history *history,
			    const plumb_vec *records, plumb_vec *files, struct plumb_map **consumed);

/* Whether checksum, recorded for m's version, is m's: its own, or, for a
 * squashing migration, that of the original of its version. */
bool plumb__runner_squash_matches(const plumb_migration *m, const char *checksum);

#endif
