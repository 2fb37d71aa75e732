/*
 * Reading another migration tool's history so `plumb import` can turn it
 * into a plumb migrations folder: one reader per tool (import_*.c, listed in
 * one registry table in import.c) turns the tool's folder into migrations in
 * the order the tool runs them, and a matcher turns the rows of the tool's
 * tracking table (read by the command; this module never talks to a
 * database) into "applied" marks and named problems. Writing the plumb
 * folder (import.c) is done here too; the tracking rows are the runner's.
 */
#ifndef PLUMB_HISTORY_IMPORT_H
#define PLUMB_HISTORY_IMPORT_H

#include "history/history.h"

/* One migration of the other tool, in the order the tool runs it. */
typedef struct plumb_import_mig {
	const char *version; /* the tool's version as written ("1.1", "20240101120000") or NULL */
	const char *name;    /* its name or description */
	const char *source;  /* the file it came from, as the user names it */
	const char *raw;     /* that file as the tool reads it (checksums) */
	size_t raw_len;
	const char *up; /* the SQL plumb runs (only the up part) */
	size_t up_len;
	const char *down; /* the down / undo / revert SQL, or NULL */
	size_t down_len;
	bool no_transaction; /* the tool runs it outside a transaction */
	const char *key;     /* what the tool's table names it by (matching) */
	const char *sums[3]; /* checksums the tool may have recorded for it, or NULL */
	void *extra;	     /* the reader's own facts for its matcher */
	/* filled by matching the tool's table */
	bool applied;
	const char *applied_at; /* ISO 8601 UTC, or NULL when the tool keeps none */
	/* filled by writing */
	const char *file_name; /* in the plumb folder */
	char checksum[65];     /* plumb's checksum of the written file */
} plumb_import_mig;

/* A problem found while matching the table against the files. */
typedef struct plumb_import_problem {
	const char *kind; /* "missing", "dirty", "failed", "rolled-back", "checksum", ... */
	const char *message;
} plumb_import_problem;

/* What a reader needs. */
typedef struct plumb_import_args {
	const char *dir;	    /* the tool's folder */
	const char *table;	    /* custom: the tracking table */
	const char *version_column; /* custom: its version column */
	const char *pattern; /* custom: POSIX ERE with the version as group 1 (name: group 2) */
} plumb_import_args;

/* The rows read from the tool's table: each a char *[n_cols] (NULL for SQL NULL). */
typedef struct plumb_import_rows {
	plumb_vec rows;
	size_t n_cols;
	bool found; /* the table exists */
} plumb_import_rows;

typedef struct plumb_import_tool {
	const char *name;	 /* --from NAME */
	const char *default_dir; /* the tool's default folder, or NULL (then --dir is needed) */
	const char *note;	 /* said to the user on every import, or NULL */
	/* Reads args->dir into out (plumb_import_mig *, in run order). */
	int (*read)(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
		    plumb_vec *out);
	/* The tracking table: schema (NULL: the search path / main) and name;
	 * custom leaves both NULL and uses args. */
	const char *schema, *table;
	/* The SELECT list read from it, as portable SQL (CAST(x AS TEXT)). */
	const char *columns;
	size_t n_cols;
	/* Marks migs applied from rows; appends problems (plumb_import_problem *). */
	int (*match)(plumb_ctx *ctx, plumb_arena *arena, const plumb_import_args *args,
		     plumb_vec *migs, const plumb_import_rows *rows, plumb_vec *problems);
} plumb_import_tool;

/* The tool named name, or NULL; plumb__import_tool_names lists them ("a, b"). */
const plumb_import_tool *plumb__import_tool(const char *name);
const char *plumb__import_tool_names(void);

/* --- readers (import_*.c) ------------------------------------------------ */

int plumb__import_read_golang(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *);
int plumb__import_read_dbmate(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *);
int plumb__import_read_goose(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *);
int plumb__import_read_custom(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *);
int plumb__import_read_drizzle(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *);
int plumb__import_read_prisma(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *);
int plumb__import_read_flyway(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *);
int plumb__import_read_sqitch(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *);
int plumb__import_read_rails(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *);

typedef int (*plumb_import_match_fn)(plumb_ctx *, plumb_arena *, const plumb_import_args *,
				     plumb_vec *, const plumb_import_rows *, plumb_vec *);
int plumb__import_match_golang(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *,
			       const plumb_import_rows *, plumb_vec *);
int plumb__import_match_versions(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *,
				 const plumb_import_rows *, plumb_vec *);
int plumb__import_match_goose(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *,
			      const plumb_import_rows *, plumb_vec *);
int plumb__import_match_drizzle(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *,
				const plumb_import_rows *, plumb_vec *);
int plumb__import_match_prisma(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *,
			       const plumb_import_rows *, plumb_vec *);
int plumb__import_match_flyway(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *,
			       const plumb_import_rows *, plumb_vec *);
int plumb__import_match_sqitch(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *,
			       const plumb_import_rows *, plumb_vec *);
int plumb__import_match_rails(plumb_ctx *, plumb_arena *, const plumb_import_args *, plumb_vec *,
			      const plumb_import_rows *, plumb_vec *);

/* --- shared helpers (import.c) --------------------------------------------- */

/* A new migration in arena, its file read from dir/file (raw = up = the file). */
int plumb__import_mig_read(plumb_ctx *ctx, plumb_arena *arena, const char *dir, const char *file,
			   plumb_import_mig **out);
/* Appends a problem of kind with a printf message. */
int plumb__import_problem(plumb_ctx *ctx, plumb_arena *arena, plumb_vec *problems, const char *kind,
			  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* A timestamp as the tool's table holds it ("2026-01-02 03:04:05.678+01",
 * "2026-01-02T03:04:05Z", milliseconds since 1970 when ms) as ISO 8601 UTC;
 * NULL when it cannot be read. */
const char *plumb__import_time(plumb_arena *arena, const char *text, bool ms);
/* Compares digit strings as numbers (leading zeros aside). */
int plumb__import_numcmp(const char *a, const char *b);
/* The first migration whose key is key, or NULL. */
plumb_import_mig *plumb__import_find(const plumb_vec *migs, const char *key);
/* Hex digests of data: SHA-1 (41 bytes) and SHA-256 (65 bytes). */
void plumb__import_sha1_hex(const void *data, size_t len, char out[41]);

/* The plumb folder for migs: each MIG gets VERSION_NAME.sql where VERSION is
 * its position (zero-padded, so the tool's order is kept) and NAME holds
 * the tool's version and name; its down SQL goes to down/ under the same
 * name. Stages every file and plumb.sum in batch (paths under dir). */
int plumb__import_stage(plumb_ctx *ctx, plumb_arena *arena, const char *tool, const char *dir,
			plumb_vec *migs, plumb_fs_batch *batch);

#endif
