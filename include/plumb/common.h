/*
 * plumb's public basics: return codes, the run context that owns memory and
 * the first error of a run, and the mapping from codes to process exit codes.
 * Every fallible public function returns 0 or one of the negative codes below
 * and leaves the detail in the context's error.
 */
#ifndef PLUMB_COMMON_H
#define PLUMB_COMMON_H

#include <stdio.h>

#define PLUMB_OK 0
#define PLUMB_ERROR -1       /* generic failure */
#define PLUMB_ENOMEM -2      /* out of memory, or a size cap exceeded */
#define PLUMB_ENOTFOUND -3   /* a file, object or migration does not exist */
#define PLUMB_EPARSE -4      /* bad SQL or bad input file; the error has file:line:col */
#define PLUMB_EDB -5         /* the database refused a statement or connection */
#define PLUMB_EHAZARD -6     /* refused: the plan has hazards that were not allowed */
#define PLUMB_ELOCKED -7     /* another runner holds the lock */
#define PLUMB_EDRIFT -8      /* the database differs from the migration history */
#define PLUMB_EUSAGE -9      /* bad arguments or configuration */
#define PLUMB_EINTEGRITY -10 /* migrations folder does not match its integrity file */
#define PLUMB_EPENDING -11   /* pending migrations were found (check) */
#define PLUMB_EDIFF -12      /* differences were found (check, diff --exit-code) */
#define PLUMB_EIO -13        /* a file could not be read or written */
#define PLUMB_EFAILED -14    /* a failed migration is recorded; repair first */
#define PLUMB_EPROBLEM -15   /* migrations are failed, modified, missing or out of order
			      * (status --exit-code, check) */
/* the database holds objects but no plumb records: not managed yet (status, check) */
#define PLUMB_ENOTMANAGED -16

/* Process exit codes, as documented in `plumb --help`. */
#define PLUMB_EXIT_OK 0
#define PLUMB_EXIT_ERROR 1
#define PLUMB_EXIT_USAGE 2
#define PLUMB_EXIT_DIFF 3     /* differences found: check, diff --exit-code */
#define PLUMB_EXIT_HAZARD 4   /* refused: hazards not allowed */
#define PLUMB_EXIT_LOCKED 5   /* lock not obtained in time */
#define PLUMB_EXIT_DRIFT 6    /* database drifted from the migration history */
#define PLUMB_EXIT_PENDING 7  /* pending migrations (check, status --exit-code) */
#define PLUMB_EXIT_PROBLEM 8  /* migrations failed, modified, missing or out of order
			       * (check, status --exit-code) */
/* not managed yet: objects but no plumb records (status, check); adopt or import it */
#define PLUMB_EXIT_NOTMANAGED 9

/* Where an error happened and why. Strings live as long as the context. */
typedef struct plumb_error {
	int code;              /* one of the PLUMB_E* codes, 0 when no error */
	const char *message;   /* lower case, no final period */
	const char *detail;    /* more lines, or NULL */
	const char *hint;      /* what to do about it, or NULL */
	const char *sqlstate;  /* SQLSTATE or SQLite error name, or NULL */
	const char *object;    /* the object concerned, or NULL */
	const char *file;      /* file the input came from, or NULL */
	int line, col;         /* 1-based position in file, 0 when unknown */
} plumb_error;

/* A run context: owns all memory of one command run and its first error. */
typedef struct plumb_ctx plumb_ctx;

/* Creates a context. Returns 0 or PLUMB_ENOMEM. */
int plumb_ctx_new(plumb_ctx **out);

/* Frees the context and everything allocated during the run. NULL is a no-op. */
void plumb_ctx_free(plumb_ctx *ctx);

/* The first error recorded in the run; its code is 0 when none. */
const plumb_error *plumb_ctx_error(const plumb_ctx *ctx);

/* Writes the error as one or more lines ("schema.sql:3:5: message", then
 * detail and hint) to f. */
void plumb_error_print(const plumb_error *err, FILE *f);

/* Writes the error as one JSON document, {"ok": false, "error": {"code",
 * "message", "detail", "hint", "sqlstate", "object", "position": {"file",
 * "line", "col"}}}, newline-terminated, to f (what --json prints when a
 * command fails before its report). */
void plumb_error_print_json(const plumb_error *err, FILE *f);

/* Writes s to f with the bytes a terminal would act on or cannot show
 * (control bytes but newline and tab, DEL, bytes that are not UTF-8) as
 * \xNN, as every message of plumb shows text it was given. */
void plumb_print_escaped(const char *s, FILE *f);

/* A duration as the options' timeouts and migrations' directives take it:
 * the len bytes at s, "5s", "500ms", "2min", "1h", "1d", "0" (PostgreSQL's
 * spellings, blanks around allowed; a bare number is milliseconds), in
 * milliseconds. 0, or -1 when s is no duration or not one PostgreSQL's int
 * milliseconds hold. */
int plumb_history_parse_duration(const char *s, size_t len, long *out);

/* Maps a return code to the process exit code. */
int plumb_exit_code(int rc);

#endif
