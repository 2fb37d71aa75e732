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
 *   -- plumb:lock-timeout 5s       pg: lock_timeout for this migration (0: the server's)
 *   -- plumb:statement-timeout 1min  pg: statement_timeout for this migration (0: the server's)
 *   -- plumb:squashes V1 V2 ...    written by `plumb squash`: this migration holds the
 *                                  combined effect of those versions (its own among them);
 *                                  the originals are kept in squashed/ (squash.c)
 *
 * A folder written by drizzle-kit (it has meta/_journal.json) is read as it
 * is by drizzle.c: the journal lists the migrations, each TAG.sql, split on
 * `--> statement-breakpoint`. Such a migration's version is the journal's
 * `when` (the created_at drizzle-orm records), its name the tag, its
 * checksum drizzle-orm's hash. No plumb.sum is read or written there.
 */
#ifndef PLUMB_HISTORY_H
#define PLUMB_HISTORY_H

#include <string.h>

#include "util/util.h"

#define PLUMB_SUM_FILE "plumb.sum"

/* The snapshot of a folder adopted with `plumb adopt --strategy future-only`:
 * the schema the database had when plumb took it over, as SQL. It is no
 * migration of the team's (generate never writes one, its name is not
 * VERSION_NAME.sql) but it is read as the first entry of the history, with
 * version "0" and name "snapshot", so that everything that walks the history
 * treats it alike: plumb.sum lists it, the offline replay starts from it
 * (the next generate writes only what changed since), the adopted database
 * holds its record in state baseline (with its checksum: the live schema's
 * fingerprint) so migrate never runs it there, and on an empty database
 * migrate applies it first, so fresh development and CI databases still
 * reach the schema. */
#define PLUMB_SNAPSHOT_FILE "plumb.snapshot.sql"
#define PLUMB_SNAPSHOT_VERSION "0"

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
	/* -- plumb:lock-timeout / statement-timeout: set when the file says;
	 * the value in ms, 0 meaning "leave the server's setting". */
	bool lock_timeout_set, statement_timeout_set;
	long lock_timeout_ms, statement_timeout_ms;
	/* A drizzle-kit migration: run as drizzle-orm runs it, each chunk
	 * between `--> statement-breakpoint` markers on its own; sql is the
	 * file as drizzle-orm reads it (invalid UTF-8 replaced by U+FFFD). */
	bool breakpoints;
	/* drizzle: the checksum of the file with its line ends all LF, and all
	 * CRLF, so a file checked out with other line ends is not "modified". */
	char checksum_lf[65], checksum_crlf[65];
	/* -- plumb:squashes: the versions this migration replaces, in version
	 * order (its own the last), and the originals kept in squashed/ for
	 * each (NULL where the file is not there); n_replaces 0 otherwise. */
	const char **replaces;
	struct plumb_migration **replaced;
	size_t n_replaces;
	/* plumb.snapshot.sql, the starting point of a folder adopted with
	 * `plumb adopt --strategy future-only`: version "0", before every
	 * migration (see PLUMB_SNAPSHOT_FILE). */
	bool snapshot;
} plumb_migration;

typedef enum plumb_history_format {
	PLUMB_HISTORY_PLUMB,     /* VERSION_NAME.sql files and plumb.sum */
	PLUMB_HISTORY_DRIZZLE,   /* drizzle-kit: meta/_journal.json and TAG.sql */
} plumb_history_format;

typedef struct plumb_history {
	const char *dir;
	plumb_vec migrations;    /* plumb_migration *, sorted by version */
	bool has_sum;            /* plumb.sum exists */
	plumb_history_format format;
	const char *engine;      /* drizzle: the journal's dialect as "pg" or "sqlite" */
	/* squashed/: the originals of squashed migrations (plumb_migration *,
	 * sorted by version), checked against squashed/plumb.sum */
	plumb_vec squashed;
} plumb_history;

#define PLUMB_SQUASHED_DIR "squashed"

#define PLUMB_DRIZZLE_JOURNAL "meta/_journal.json"
#define PLUMB_DRIZZLE_BREAKPOINT "--> statement-breakpoint"

/* Reads every migration in dir. A missing dir is an empty history. Checks
 * names (two files with one version is an error naming both) and, when
 * plumb.sum exists, that it matches the files: an added, removed or edited
 * file is PLUMB_EINTEGRITY naming each. A drizzle-kit folder is read from
 * its journal instead (drizzle.c). */
int plumb_history_load(plumb_ctx *ctx, plumb_arena *arena, const char *dir, plumb_history **out);

/* True when dir holds a drizzle-kit journal (meta/_journal.json). */
bool plumb_history_is_drizzle(plumb_ctx *ctx, const char *dir);
/* True when dir holds no plumb.sum and migration folders,
 * TIMESTAMP_NAME/migration.sql, as drizzle-kit 1.0 and Prisma write them:
 * plumb_history_load refuses such a folder (only import reads it). */
bool plumb_history_is_folders(plumb_ctx *ctx, const char *dir);

/* Rewrites plumb.sum from the files now in the folder. Refused for a
 * drizzle-kit folder (its journal is its list). */
int plumb_history_write_sum(plumb_ctx *ctx, const plumb_history *history);
/* The same, staged in batch (written when the batch commits); arena holds
 * the work. */
int plumb_history_stage_sum(plumb_ctx *ctx, plumb_arena *arena, const plumb_history *history,
			    plumb_fs_batch *batch);

/* Stages plumb.sum for migrations (plumb_migration *, in version order;
 * file_name and checksum are read) of dir in batch. */
int plumb__history_stage_sum_of(plumb_ctx *ctx, plumb_arena *arena, plumb_fs_batch *batch,
				const char *dir, const plumb_vec *migrations);

/* Writes a new migration file VERSION_NAME.sql with body and the updated
 * plumb.sum, both or neither (a failed write leaves the folder as it was).
 * version NULL means the current UTC time, made later than the newest
 * existing version. name is turned into [a-z0-9_]. */
int plumb_history_add(plumb_ctx *ctx, plumb_history *history, const char *version,
		      const char *name, const char *body, plumb_migration **out);

/* Writes body as the folder's snapshot (PLUMB_SNAPSHOT_FILE) with the
 * updated plumb.sum, both or neither, and adds it to history. Refused
 * when the folder already has one, and in a drizzle-kit folder. */
int plumb_history_add_snapshot(plumb_ctx *ctx, plumb_history *history, const char *body,
			       plumb_migration **out);

/* The number of history's migrations that are not its snapshot. */
size_t plumb_history_n_migrations(const plumb_history *history);

/* The migration with version (digits compared as numbers); in a drizzle
 * folder also by tag ("0003_add_posts") or the tag's prefix ("0003"). */
plumb_migration *plumb_history_find(const plumb_history *history, const char *version);
/* The same, for a version the user named: PLUMB_ENOTFOUND naming the
 * folder (and how to list its versions) when there is none. */
int plumb_history_get(plumb_ctx *ctx, const plumb_history *history, const char *version,
		      const plumb_migration **out);

/* The checksum plumb records for text: SHA-256 hex of it with CRLF as LF. */
void plumb_history_checksum(const char *text, size_t len, char out[65]);

/* Whether a recorded checksum is that of m: equal, or equal once line ends
 * are set aside. An empty recorded checksum (drizzle's expo and
 * durable-sqlite migrators store '') is not verified and matches. */
bool plumb_history_checksum_matches(const plumb_migration *m, const char *recorded);

/* Durations of directives: plumb_history_parse_duration, in plumb/common.h
 * (the command line reads its options with it too). */

/* m as people name it in messages: its file name without ".sql". */
#define PLUMB_MIG_LABEL "%.*s"
#define PLUMB_MIG_LABEL_OF(m) (int)(strlen((m)->file_name) - 4), (m)->file_name

/* Digit strings compared as numbers, leading zeros aside, then bytewise
 * (so that "01" and "1" still have a fixed order); and whether two versions
 * are the same number ("01" and "1" are). history.c. */
int plumb__history_version_cmp(const char *a, const char *b);
bool plumb__history_version_same(const char *a, const char *b);
/* v without its leading zeros ("0" stays): the key under which "01" and "1"
 * are one version. */
const char *plumb__history_version_strip(const char *v);
/* As numbers only: 0 when the versions are the same number (the order the
 * runner walks migrations and records in together). */
int plumb__history_version_order(const char *a, const char *b);

/* --- squash.c ---------------------------------------------------------- */

/* Reads the versions of a `-- plumb:squashes` directive (arg: its value)
 * into m, appending to those of an earlier such line. Errors at path:line:col. */
int plumb__history_read_squashes(plumb_ctx *ctx, plumb_migration *m, const char *arg, size_t n,
				 int line, int col);

/* Reads squashed/ of h->dir into h->squashed (checked against its
 * plumb.sum) and points each squashing migration at its originals. A
 * replaced version that still has a file of its own in the folder, or a
 * squash whose own version is not among those it replaces, is
 * PLUMB_EINTEGRITY. */
int plumb__history_load_squashed(plumb_ctx *ctx, plumb_arena *arena, plumb_history *h);

/* The original of version v kept in squashed/, or NULL. */
plumb_migration *plumb_history_find_squashed(const plumb_history *history, const char *v);

/* Stages in batch the folder after a squash: m (the squashing migration,
 * with sql and checksum set) written, the migrations it replaces moved
 * into squashed/ (an earlier squashing migration among them is removed:
 * its originals are there already), both plumb.sum files rewritten. */
int plumb_history_stage_squash(plumb_ctx *ctx, plumb_arena *arena, const plumb_history *history,
			       const plumb_migration *m, plumb_fs_batch *batch);

/* --- drizzle.c ---------------------------------------------------------- */

/* Reads the drizzle-kit folder dir into h (format, engine, migrations in
 * version order). Errors name the journal or the file at fault. */
int plumb__history_load_drizzle(plumb_ctx *ctx, plumb_arena *arena, const char *dir,
				plumb_history *h);

/* The hash drizzle-orm records for a file: SHA-256 hex of the file read as
 * UTF-8 the way Node.js reads it (each invalid sequence one U+FFFD).
 * *text and *len receive that text (arena memory). 0 or PLUMB_ENOMEM. */
int plumb__history_drizzle_text(plumb_ctx *ctx, plumb_arena *arena, const char *raw,
				size_t raw_len, char **text, size_t *len);

/* One piece of a migration that is sent on its own: m->sql[start, end). */
typedef struct plumb_chunk {
	size_t start, end;
} plumb_chunk;

/* The pieces of m that are sent one by one: for a drizzle-kit migration,
 * m->sql split on every `--> statement-breakpoint` exactly as drizzle-orm
 * splits it (empty pieces included); otherwise the whole file. */
int plumb_history_chunks(plumb_ctx *ctx, plumb_arena *arena, const plumb_migration *m,
			 plumb_chunk **out, size_t *n_out);

/* Sets the fields read_directives fills from m->sql's leading comments. */
int plumb__history_read_directives(plumb_ctx *ctx, plumb_migration *m);

/* --- tracking records ------------------------------------------------- */

typedef enum plumb_record_state {
	PLUMB_RECORD_APPLIED,
	PLUMB_RECORD_FAILED,
	PLUMB_RECORD_BASELINE,
	PLUMB_RECORD_IMPORTED, /* applied by another tool, recorded by `plumb import` */
} plumb_record_state;

/* True for the states of a migration that has run (applied, baseline,
 * imported). */
#define PLUMB_RECORD_DONE(s)                                                                       \
	((s) == PLUMB_RECORD_APPLIED || (s) == PLUMB_RECORD_BASELINE ||                            \
	 (s) == PLUMB_RECORD_IMPORTED)

/* The SQL list of the states the tracking table's CHECK allows. */
#define PLUMB_RECORD_STATES_SQL "'applied', 'failed', 'baseline', 'imported'"

/* "applied", "failed", "baseline", "imported"; and back (-1 when unknown). */
const char *plumb_record_state_name(plumb_record_state state);
int plumb_record_state_parse(const char *name);

/* The tracking table's default name; ctx->tracking_* choose another place. */
#define PLUMB_TRACKING_TABLE "plumb_migrations"
/* The longest name a place may have (PostgreSQL's NAMEDATALEN - 1). */
#define PLUMB_TRACKING_NAME_MAX 63

/* The tracking table's name in this run: ctx->tracking_table, else
 * plumb_migrations. */
const char *plumb_tracking_table(const plumb_ctx *ctx);

/* Its schema as configured (NULL: the engine's default, pg public). */
const char *plumb_tracking_schema(const plumb_ctx *ctx);

/* The table as messages name it: "schema.name" when a schema is
 * configured (in a; the name alone when out of memory), else the name. */
const char *plumb_tracking_shown(const plumb_ctx *ctx, plumb_arena *a);

/* True when name may name the tracking table or its schema: a plain
 * identifier (a letter or _, then letters, digits, _ or $), at most
 * PLUMB_TRACKING_NAME_MAX bytes. Any case; it is always quoted in SQL. */
bool plumb_tracking_name_ok(const char *name);

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

/* Completes r, a row just read from plumb_migrations whose state column
 * holds state: r->state set from it, a NULL name or checksum made "". A
 * row with no such state or no version is PLUMB_EDB. */
int plumb_record_finish(plumb_ctx *ctx, plumb_record *r, const char *state);

/* The created_at under which rec goes into drizzle-orm's table (its
 * version as a number). PLUMB_ERROR when rec is failed (drizzle's table has
 * no such state) or its version is no number. */
int plumb_record_drizzle_when(plumb_ctx *ctx, const plumb_record *rec, long long *out);
/* Appends to out (in arena) the record of a row of drizzle-orm's table,
 * applied with version created_at and checksum hash; a row repeating the
 * version of the one before (*prev, NULL at first: drizzle-orm takes no
 * lock) is left out. */
int plumb_record_drizzle_add(plumb_ctx *ctx, plumb_arena *arena, plumb_vec *out,
			     const char *created_at, const char *hash, const char **prev);

#endif
