/*
 * Internal helpers shared by every layer: the run context's insides, error
 * recording, growable strings with a size cap, pointer vectors, SHA-256,
 * file-system access, work on a thread beside the caller's (side.c) and
 * what may be shown of outside text (redact.c, which
 * reads connection strings with libpq's parser). Nothing here knows about
 * SQL or databases.
 */
#ifndef PLUMB_UTIL_H
#define PLUMB_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "plumb/common.h"
#include "util/arena.h"

struct plumb_ctx {
	plumb_arena *root;   /* everything of the run */
	plumb_error err;     /* first error wins */
	int verbose;         /* 0 quiet, 1 normal, 2 debug */
	bool reported;       /* commands: the JSON report of the run was printed */
	const void *refused; /* commands: the plumb_plan refused for its hazards */
	/* The config's "exclude" patterns (catalog/exclude.c), read by every
	 * catalog built in the run; none when n_exclude is 0. */
	const char *const *exclude;
	size_t n_exclude;
	/* Where plumb's tracking table lives (the config's "tracking",
	 * --tracking-table; history/tracking.c): NULL schema is the engine's
	 * default (pg public, sqlite main), NULL table plumb_migrations. Read
	 * by the dialects' tracking functions and the exclusion filter. */
	const char *tracking_schema;
	const char *tracking_table;
	/* --owners or the config's "owners": every PostgreSQL catalog of the run
	 * holds the owners of its objects (kind owner), which diff compares and
	 * pull writes; off, owners are neither read nor compared. */
	bool owners;
	/* The replay cache (source/cache.c): the folder holding the catalogs
	 * that migrations folders replayed offline gave, keyed by their files
	 * and by the build of plumb; NULL: no cache is read or written.
	 * cache_write false reads it only (--dry-run); cache_verify replays
	 * anyway and checks what the cache gave against it (the tests). */
	const char *cache_dir;
	bool cache_write;
	bool cache_verify;
};

/* --- errors ---------------------------------------------------------- */

/* Records an error unless one is already recorded; returns code. */
int plumb_error_set(plumb_ctx *ctx, int code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

/* Same, with the position in a file (line, col 1-based; 0 when unknown). */
int plumb_error_set_at(plumb_ctx *ctx, int code, const char *file, int line, int col,
		       const char *fmt, ...) __attribute__((format(printf, 6, 7)));

/* Adds a line to the detail of the recorded error. */
void plumb_error_add_detail(plumb_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void plumb_error_set_hint(plumb_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void plumb_error_set_sqlstate(plumb_ctx *ctx, const char *sqlstate);
void plumb_error_set_object(plumb_ctx *ctx, const char *object);

/* Forgets the recorded error (for callers that handle it themselves). */
void plumb_error_clear(plumb_ctx *ctx);

/* Records PLUMB_ENOMEM and returns it. */
int plumb_error_nomem(plumb_ctx *ctx);

/* Turns a byte offset in text into 1-based line and column. */
void plumb_text_position(const char *text, size_t offset, int *line, int *col);

/* --- growable strings ------------------------------------------------ */

#define PLUMB_BUF_DEFAULT_MAX ((size_t)256 << 20)

/* A string in arena memory. Failure (out of memory or past max) is sticky and
 * reported once by plumb_buf_finish; the data so far stays NUL-terminated.
 * Appending a NULL string (the result of a failed allocation) is a failure
 * too, so callers may pass what an allocator returned without checking it. */
typedef struct plumb_buf {
	plumb_arena *arena;
	char *data;
	size_t len, cap, max;
	bool failed;    /* out of memory (also set directly by callers) */
	bool too_long;  /* ... or past max */
} plumb_buf;

void plumb_buf_init(plumb_buf *b, plumb_arena *arena, size_t max);
/* Room for extra more bytes made at once (a size known beforehand): the
 * buffer does not grow, and leave its outgrown copies behind, on the way. */
void plumb_buf_reserve(plumb_buf *b, size_t extra);
void plumb_buf_append(plumb_buf *b, const char *s, size_t len);
void plumb_buf_puts(plumb_buf *b, const char *s);
void plumb_buf_putc(plumb_buf *b, char c);
void plumb_buf_printf(plumb_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends s as a double-quoted identifier ("a""b"). */
void plumb_buf_quote_ident(plumb_buf *b, const char *s);
/* Appends s as a single-quoted literal ('it''s'). */
void plumb_buf_quote_literal(plumb_buf *b, const char *s);
/* Returns 0 (b->data then non-NULL, and the room past its end given back
 * to the arena when it can be), or records PLUMB_ENOMEM in ctx (with a
 * message naming the cap when the text grew past max) and returns it. */
int plumb_buf_finish(plumb_buf *b, plumb_ctx *ctx);
/* The text so far ("" when empty); valid until the next append. */
const char *plumb_buf_str(const plumb_buf *b);

/* Quotes an identifier into arena memory; NULL when out of memory. */
char *plumb_quote_ident(plumb_arena *a, const char *s);

/* --- vectors ---------------------------------------------------------- */

typedef struct plumb_vec {
	void **items;
	size_t n, cap;
} plumb_vec;

/* Appends p; 0, or -1 when out of memory. */
int plumb_vec_push(plumb_arena *a, plumb_vec *v, void *p);
/* Removes item i, keeping the order of the rest. */
void plumb_vec_remove(plumb_vec *v, size_t i);
/* Sorts with a comparator over the pointed-to items (like qsort's over void **). */
void plumb_vec_sort(plumb_vec *v, int (*cmp)(const void *, const void *));

/* --- hashing ---------------------------------------------------------- */

/* FNV-1a (64-bit) of len bytes: for in-memory tables, never stored. */
uint64_t plumb_fnv1a(const void *data, size_t len);
/* SHA-256 of data as 64 lower-case hex digits plus NUL. */
void plumb_sha256_hex(const void *data, size_t len, char out[65]);

/* --- files ------------------------------------------------------------ */

/* Reads a whole file into arena memory (NUL-terminated). A file holding a
 * NUL byte is PLUMB_EPARSE at its line and column: every caller reads text. */
int plumb_fs_read(plumb_ctx *ctx, plumb_arena *a, const char *path, char **out, size_t *len);
/* Files a command writes together: each plumb_fs_batch_write goes to a
 * temporary file beside its path (missing folders created), and
 * plumb_fs_batch_commit renames them all into place. Until it commits,
 * and when it fails, freeing the arena the batch lives in (or the failed
 * commit itself) puts everything back: temporary files and created folders
 * removed, files already renamed removed or restored. */
typedef struct plumb_fs_batch plumb_fs_batch;
int plumb_fs_batch_new(plumb_ctx *ctx, plumb_arena *arena, plumb_fs_batch **out);
int plumb_fs_batch_write(plumb_fs_batch *b, const char *path, const char *data, size_t len);
int plumb_fs_batch_commit(plumb_fs_batch *b);
/* Removes path when the batch commits, after every write is in place; an
 * undone batch puts it back. */
int plumb_fs_batch_remove(plumb_fs_batch *b, const char *path);
/* Writes all n bytes of p to fd, again after EINTR; false on an error
 * (errno says which). Not a change the fault injection below counts: for
 * files outside the project (the replay cache), whose failure changes
 * nothing. */
bool plumb_write_all(int fd, const void *p, size_t n);
/* The files of plumb's caches (util/cachefile.c), in ctx->cache_dir.
 * object_id: the GNU build ID of the loaded object holding addr (a
 * library's), build_id: plumb's own; false when there is none. path:
 * PREFIX-KEY.SUFFIX there. open: a descriptor to read an entry and its
 * size, -1 when it cannot be read or is not trusted (not this user's, or
 * writable by others); slurp: the whole of it in malloc'd memory, NULL so.
 * used: marks it recently used (not under --dry-run). create: a temporary
 * file beside path (its name in *tmp), -1 when nothing may or can be
 * written (--dry-run, no cache, a fault injected); commit: closes it and
 * renames it to path when ok, else removes it, then keeps only the keep
 * most recently used PREFIX entries. note: says what a cache did, at -vv. */
bool plumb_cache_object_id(const void *addr, const unsigned char **id, size_t *len);
bool plumb_cache_build_id(const unsigned char **id, size_t *len);
char *plumb_cache_path(plumb_arena *a, const plumb_ctx *ctx, const char *prefix, const char *key,
		       const char *suffix);
int plumb_cache_open(const char *path, size_t *len);
char *plumb_cache_slurp(const char *path, size_t *len);
void plumb_cache_used(const plumb_ctx *ctx, const char *path);
int plumb_cache_create(plumb_ctx *ctx, plumb_arena *a, const char *path, char **tmp);
bool plumb_cache_commit(plumb_ctx *ctx, plumb_arena *a, int fd, bool ok, const char *tmp,
			const char *path, const char *prefix, const char *suffix, size_t keep);
void plumb_cache_note(const plumb_ctx *ctx, const char *cache, const char *what,
		      const char *path);
/* Writes one file so: a batch of one. */
int plumb_fs_write_atomic(plumb_ctx *ctx, const char *path, const char *data, size_t len);
/* Fault injection for tests: with n > 0 the nth change to the file system
 * from now on (creating a folder or file, a write, an fsync, a rename)
 * fails with ENOSPC, once; 0 turns it off. Returns how many changes were
 * made since the previous call. Process-wide. */
long plumb_fs_fail_nth(long n);
/* The names (not paths) of regular files in dir ending in suffix, sorted bytewise.
 * Such a name that is no file (a dangling symbolic link, a fifo) is an error
 * naming it; folders are left out. */
int plumb_fs_list(plumb_ctx *ctx, plumb_arena *a, const char *dir, const char *suffix,
		  plumb_vec *out);
bool plumb_fs_is_dir(const char *path);
bool plumb_fs_exists(const char *path);
/* Creates dir and its parents; fine when it exists. */
int plumb_fs_mkdir_p(plumb_ctx *ctx, const char *path);
/* dir + "/" + name in arena memory; NULL when out of memory. */
char *plumb_path_join(plumb_arena *a, const char *dir, const char *name);

/* --- strings ---------------------------------------------------------- */

bool plumb_str_ends_with(const char *s, const char *suffix);
bool plumb_str_starts_with(const char *s, const char *prefix);
/* ASCII lower-case copy in arena memory; NULL when out of memory (or s NULL). */
char *plumb_str_lower(plumb_arena *a, const char *s);

/* --- work beside the caller's (side.c) -------------------------------- */

/* The CPUs this process may run on. */
int plumb_cpus(void);

typedef struct plumb_side plumb_side;
/* Starts fn(side_ctx, arg) on a thread of its own, side_ctx a context of
 * its own: ctx's settings, its own error, a root arena of its own. NULL
 * when nothing was started (one CPU, a failure injected, no memory or no
 * thread): the caller then calls fn itself. fn touches nothing the
 * caller's thread touches until joined. */
plumb_side *plumb_side_start(plumb_ctx *ctx, int (*fn)(plumb_ctx *ctx, void *arg), void *arg);
/* Waits for the thread and returns fn's result. Its arena becomes a child
 * of ctx->root (what fn built lives as long as the run), and its error
 * ctx's when ctx has none. */
int plumb_side_join(plumb_ctx *ctx, plumb_side *s);

/* --- what may be shown ------------------------------------------------ */

/* spec (a database URL, a libpq conninfo string or a path) as it may be
 * shown in any message or report: every password removed (libpq's reading
 * where it can read spec, cut by hand where it cannot, hiding more rather
 * than less) and escaped as plumb_escape does. NULL when out of memory. */
char *plumb_redact(plumb_arena *a, const char *spec);
/* Appends to out the strings of spec that must never be shown (password
 * values as written and %-decoded), for scrubbing messages such as libpq's
 * that may quote spec. */
void plumb_redact_secrets(plumb_arena *a, const char *spec, plumb_vec *out);
/* text with each of secrets replaced by asterisks; NULL when out of memory. */
char *plumb_redact_scrub(plumb_arena *a, const char *text, const plumb_vec *secrets);

/* s with the bytes a terminal would act on or cannot show (control bytes,
 * DEL, bytes that are not UTF-8) written as \xNN; newlines and tabs kept
 * when keep_newlines. Every echo of outside text goes through this. */
char *plumb_escape(plumb_arena *a, const char *s, bool keep_newlines);
void plumb_escape_append(plumb_buf *b, const char *s, size_t n, bool keep_newlines);
/* True when plumb_escape would change s. */
bool plumb_needs_escape(const char *s, bool keep_newlines);

#endif
