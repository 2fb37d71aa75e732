/*
 * The migrations folder: versioned .sql files, their directives and the
 * integrity file `plumb.sum` (a hash per file and a hash of the whole list),
 * plus the records of the tracking table. It reads and writes files; it never
 * talks to a database (runner/ does, through the dialect).
 *
 * File names are VERSION_NAME.sql where VERSION is digits (plumb writes UTC
 * timestamps, YYYYMMDDHHMMSS) and NAME is [a-z0-9_]. Directives are comment
 * lines at the top of a file:
 *   -- plumb:no-transaction        run statement by statement, outside a transaction
 *   -- plumb:foreign-keys off      sqlite: foreign_keys=OFF while it runs, checked before commit
 */
#ifndef PLUMB_HISTORY_H
#define PLUMB_HISTORY_H

#include "util/util.h"

#define PLUMB_SUM_FILE "plumb.sum"

typedef struct plumb_migration {
	const char *version;     /* "20261124093000" */
	const char *name;        /* "add_users" */
	const char *file_name;   /* "20261124093000_add_users.sql" */
	const char *path;        /* folder + file name */
	const char *sql;         /* the whole file */
	size_t len;
	char checksum[65];       /* SHA-256 hex of the file with CRLF turned into LF */
	bool no_transaction;
	bool foreign_keys_off;
} plumb_migration;

typedef struct plumb_history {
	const char *dir;
	plumb_vec migrations;    /* plumb_migration *, sorted by version */
	bool has_sum;            /* plumb.sum exists */
} plumb_history;

/* Reads every migration in dir. A missing dir is an empty history. Checks
 * names (two files with one version is an error naming both) and, when
 * plumb.sum exists, that it matches the files: an added, removed or edited
 * file is PLUMB_EINTEGRITY naming each. */
int plumb_history_load(plumb_ctx *ctx, plumb_arena *arena, const char *dir, plumb_history **out);

/* Rewrites plumb.sum from the files now in the folder. */
int plumb_history_write_sum(plumb_ctx *ctx, const plumb_history *history);

/* Writes a new migration file VERSION_NAME.sql (atomically) with body, then
 * updates plumb.sum. version NULL means the current UTC time, made later than
 * the newest existing version. name is turned into [a-z0-9_]. */
int plumb_history_add(plumb_ctx *ctx, plumb_history *history, const char *version,
		      const char *name, const char *body, plumb_migration **out);

plumb_migration *plumb_history_find(const plumb_history *history, const char *version);

/* The checksum plumb records for text: SHA-256 hex of it with CRLF as LF. */
void plumb_history_checksum(const char *text, size_t len, char out[65]);

/* --- tracking records ------------------------------------------------- */

typedef enum plumb_record_state {
	PLUMB_RECORD_APPLIED,
	PLUMB_RECORD_FAILED,
	PLUMB_RECORD_BASELINE,
} plumb_record_state;

/* "applied", "failed", "baseline"; and back (-1 when unknown). */
const char *plumb_record_state_name(plumb_record_state state);
int plumb_record_state_parse(const char *name);

/* One row of the tracking table (plumb_migrations). */
typedef struct plumb_record {
	const char *version;
	const char *name;
	const char *checksum;
	plumb_record_state state;
	const char *applied_at;   /* ISO 8601 UTC */
	long duration_ms;
	const char *applied_by;
	const char *error;        /* failed: the statement and the error */
} plumb_record;

#endif
