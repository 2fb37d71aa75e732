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

typedef struct plumb_migrate_opts {
	const char *to_version;   /* stop after this version; NULL for all */
	bool dry_run;             /* list what would run, run nothing */
	bool allow_out_of_order;  /* apply pending migrations older than the newest applied */
	long lock_timeout_ms;
	/* Called after each migration (or, in a dry run, for each that would run)
	 * with its duration; may be NULL. */
	void (*progress)(const plumb_migration *m, long duration_ms, bool dry_run, void *payload);
	void *payload;
} plumb_migrate_opts;

/* Applies pending migrations. Refuses (PLUMB_EINTEGRITY) when an applied
 * migration was modified or a failed one is recorded (PLUMB_EFAILED). On
 * return *n_applied says how many ran. */
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

#endif
