/*
 * The SQLite connection: URLs, opening a file or an in-memory database,
 * running scripts statement by statement with SQLite's own splitting (and
 * positions of errors in the script), collecting rename annotations, and the
 * runner's transactions with foreign-key checks. Also the dialect's function
 * table. It does not read the schema (introspect.c) or plan changes (plan.c).
 */
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dialect/sqlite/sqlite.h"

#define BUSY_TIMEOUT_MS 30000

static const char *url_path(const char *url)
{
	if (plumb_str_starts_with(url, "sqlite://"))
		return url + 9;
	if (plumb_str_starts_with(url, "sqlite:"))
		return url + 7;
	return url;
}

bool plumb__sqlite_accepts_url(const char *url)
{
	if (!url)
		return false;
	if (plumb_str_starts_with(url, "sqlite:"))
		return true;
	if (strstr(url, "://"))
		return false;
	return plumb_str_ends_with(url, ".db") || plumb_str_ends_with(url, ".sqlite") ||
	       plumb_str_ends_with(url, ".sqlite3");
}

static void close_db(void *p)
{
	sqlite3_close_v2(p);
}

/* The statement's first byte after whitespace and comments. */
size_t plumb__sqlite_skip_blank(const char *s, size_t i)
{
	for (;;) {
		while (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r' || s[i] == '\f')
			i++;
		if (s[i] == '-' && s[i + 1] == '-') {
			while (s[i] && s[i] != '\n')
				i++;
		} else if (s[i] == '/' && s[i + 1] == '*') {
			const char *e = strstr(s + i + 2, "*/");
			i = e ? (size_t)(e - s) + 2 : strlen(s);
		} else {
			return i;
		}
	}
}

/* SQLite's name of a primary result code, for plumb_error.sqlstate. */
static const char *code_name(int rc)
{
	switch (rc & 0xff) {
	case SQLITE_ERROR: return "SQLITE_ERROR";
	case SQLITE_PERM: return "SQLITE_PERM";
	case SQLITE_ABORT: return "SQLITE_ABORT";
	case SQLITE_BUSY: return "SQLITE_BUSY";
	case SQLITE_LOCKED: return "SQLITE_LOCKED";
	case SQLITE_NOMEM: return "SQLITE_NOMEM";
	case SQLITE_READONLY: return "SQLITE_READONLY";
	case SQLITE_INTERRUPT: return "SQLITE_INTERRUPT";
	case SQLITE_IOERR: return "SQLITE_IOERR";
	case SQLITE_CORRUPT: return "SQLITE_CORRUPT";
	case SQLITE_FULL: return "SQLITE_FULL";
	case SQLITE_CANTOPEN: return "SQLITE_CANTOPEN";
	case SQLITE_SCHEMA: return "SQLITE_SCHEMA";
	case SQLITE_TOOBIG: return "SQLITE_TOOBIG";
	case SQLITE_CONSTRAINT: return "SQLITE_CONSTRAINT";
	case SQLITE_MISMATCH: return "SQLITE_MISMATCH";
	case SQLITE_RANGE: return "SQLITE_RANGE";
	case SQLITE_NOTADB: return "SQLITE_NOTADB";
	default: return NULL;
	}
}

/* The file of db's main database, relative to the current folder when it
 * is inside it; NULL for in-memory databases. */
static const char *db_path(sqlite3 *db)
{
	const char *path = sqlite3_db_filename(db, "main");
	char cwd[4096];
	if (!path || !*path)
		return NULL;
	if (getcwd(cwd, sizeof(cwd))) {
		size_t n = strlen(cwd);
		if (!strncmp(path, cwd, n) && path[n] == '/')
			return path + n + 1;
	}
	return path;
}

static int error_at(plumb_ctx *ctx, int code, sqlite3 *db, const char *file, const char *text,
		    long offset, const char *what)
{
	int line = 0, col = 0;
	const char *msg = sqlite3_errmsg(db);
	int ec = sqlite3_errcode(db) & 0xff;
	if (ec == SQLITE_READONLY || ec == SQLITE_CANTOPEN || ec == SQLITE_PERM ||
	    ec == SQLITE_IOERR) {
		/* "attempt to write a readonly database": say which */
		const char *path = db_path(db);
		if (path)
			msg = plumb_arena_printf(ctx->root, "%s \"%s\"", msg, path);
		if (!msg)
			msg = sqlite3_errmsg(db);
	}
	if (file && text && offset >= 0)
		plumb_text_position(text, (size_t)offset, &line, &col);
	if (what)
		plumb_error_set_at(ctx, code, file, line, col, "%s: %s", what, msg);
	else
		plumb_error_set_at(ctx, code, file, line, col, "%s", msg);
	plumb_error_set_sqlstate(ctx, code_name(sqlite3_errcode(db)));
	return code;
}

int plumb__sqlite_error(plumb_ctx *ctx, sqlite3 *db, const char *file, const char *text,
			long offset, const char *what)
{
	return error_at(ctx, PLUMB_EDB, db, file, text, offset, what);
}

/* Runs a statement without results (pragmas, BEGIN, COMMIT). */
static int exec1(plumb_ctx *ctx, sqlite3 *db, const char *sql)
{
	char *err = NULL;
	int rc = sqlite3_exec(db, sql, NULL, NULL, &err);
	if (rc != SQLITE_OK) {
		plumb_error_set(ctx, rc == SQLITE_BUSY ? PLUMB_ELOCKED : PLUMB_EDB, "%s: %s", sql,
				err ? err : sqlite3_errstr(rc));
		sqlite3_free(err);
		return rc == SQLITE_BUSY ? PLUMB_ELOCKED : PLUMB_EDB;
	}
	return 0;
}

/* A database file this connection created. When the connection closes
 * with the file still empty (nothing was written: a failed or dry-run push
 * or migrate), the file is removed, so that a command that changed nothing
 * leaves no empty plumb.db behind. It is removed only under an exclusive
 * lock, so never while another connection is writing to it. */
typedef struct created_db {
	sqlite3 *db;
	const char *path;
} created_db;

static void close_created(void *p)
{
	created_db *c = p;
	struct stat st;
	if (sqlite3_get_autocommit(c->db) &&
	    sqlite3_exec(c->db, "BEGIN EXCLUSIVE", NULL, NULL, NULL) == SQLITE_OK) {
		if (stat(c->path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0)
			unlink(c->path);
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
	}
	sqlite3_close_v2(c->db);
}

static int open_db(plumb_ctx *ctx, plumb_arena *arena, const char *url, const char *path,
		   plumb_conn **out)
{
	int rc = 0;
	sqlite3 *db = NULL;
	plumb_sqlite_conn *c = NULL;
	*out = NULL;
	if (strcmp(path, ":memory:") != 0) {
		const char *slash = strrchr(path, '/');
		if (slash && slash != path) {
			char *dir = plumb_arena_strndup(arena, path, (size_t)(slash - path));
			if (!dir) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
			if (!plumb_fs_is_dir(dir)) {
				rc = plumb_error_set(ctx, PLUMB_EDB,
						     "could not open database \"%s\": directory \"%s\" "
						     "does not exist",
						     path, dir);
				goto done;
			}
		}
	}
	created_db *created = NULL;
	if (strcmp(path, ":memory:") != 0 && !plumb_fs_exists(path)) {
		created = plumb_arena_alloc(arena, sizeof(*created));
		if (!created || !(created->path = plumb_arena_strdup(arena, path))) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
	}
	int src = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (created && db)
		created->db = db;
	if (db && plumb_arena_defer(arena, created ? close_created : close_db,
				    created ? (void *)created : (void *)db) < 0) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if (src != SQLITE_OK) {
		rc = plumb_error_set(ctx, PLUMB_EDB, "could not open database \"%s\": %s", path,
				     db ? sqlite3_errmsg(db) : sqlite3_errstr(src));
		goto done;
	}
	sqlite3_busy_timeout(db, BUSY_TIMEOUT_MS);
	/* Reading the schema finds files that are not databases at once. Foreign
	 * keys are enforced on plumb's connections, so migrations keep them and a
	 * rebuild run with them off is checked before it commits. */
	char *err = NULL;
	if (sqlite3_exec(db, "PRAGMA schema_version; PRAGMA foreign_keys = ON", NULL, NULL,
			 &err) != SQLITE_OK) {
		rc = plumb_error_set(ctx, PLUMB_EDB, "could not open database \"%s\": %s", path,
				     err ? err : sqlite3_errmsg(db));
		sqlite3_free(err);
		goto done;
	}
	c = plumb_arena_alloc(arena, sizeof(*c));
	if (!c) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	c->base.dialect = &plumb_dialect_sqlite;
	c->base.display = plumb_redact(arena, url);
	c->db = db;
	c->path = plumb_arena_strdup(arena, path);
	if (!c->base.display || !c->path) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	*out = &c->base;
done:
	return rc;
}

bool plumb__sqlite_database_exists(const char *url)
{
	const char *path = url_path(url);
	return strcmp(path, ":memory:") == 0 || plumb_fs_exists(path);
}

int plumb__sqlite_connect(plumb_ctx *ctx, plumb_arena *arena, const char *url, plumb_conn **out)
{
	const char *path = url_path(url);
	*out = NULL;
	if (!*path)
		return plumb_error_set(ctx, PLUMB_EUSAGE, "no database path in \"%s\"", url);
	return open_db(ctx, arena, url, path, out);
}

int plumb__sqlite_connect_scratch(plumb_ctx *ctx, plumb_arena *arena, const char *dev_url,
				  plumb_conn **out)
{
	(void)dev_url; /* always in memory */
	return open_db(ctx, arena, "sqlite::memory:", ":memory:", out);
}

/* The statement text [start, end) of sql without trailing blanks. */
static const char *stmt_text(plumb_arena *arena, const char *sql, size_t start, size_t end)
{
	while (end > start && (sql[end - 1] == ' ' || sql[end - 1] == '\n' ||
			       sql[end - 1] == '\t' || sql[end - 1] == '\r'))
		end--;
	return plumb_arena_strndup(arena, sql + start, end - start);
}

static long error_offset(sqlite3 *db)
{
#if SQLITE_VERSION_NUMBER >= 3038000
	return sqlite3_error_offset(db);
#else
	(void)db;
	return -1;
#endif
}

/* Runs sql statement by statement; see exec_script and exec_each. */
static int run(plumb_ctx *ctx, plumb_sqlite_conn *c, const char *sql, const char *file,
	       plumb_arena *arena, const char **failed_stmt)
{
	int rc = 0;
	sqlite3_stmt *st = NULL;
	size_t pos = 0;
	while (sql[pos]) {
		const char *tail = NULL;
		size_t start = plumb__sqlite_skip_blank(sql, pos);
		if (!sql[start])
			break;
		int src = sqlite3_prepare_v2(c->db, sql + pos, -1, &st, &tail);
		size_t end = tail ? (size_t)(tail - sql) : strlen(sql);
		if (src != SQLITE_OK) {
			long off = error_offset(c->db);
			off = off >= 0 ? (long)pos + off : (long)start;
			rc = error_at(ctx, src == SQLITE_ERROR ? PLUMB_EPARSE : PLUMB_EDB, c->db,
				      file, sql, off, NULL);
			if (failed_stmt)
				*failed_stmt = stmt_text(arena, sql, start, end);
			goto done;
		}
		if (!st) { /* only comments were left */
			pos = end;
			continue;
		}
		if (plumb__sqlite_leading_renames(ctx->root, sql + pos, end - pos, &c->renames) < 0) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		int step;
		while ((step = sqlite3_step(st)) == SQLITE_ROW)
			;
		if (step != SQLITE_DONE) {
			long off = error_offset(c->db);
			off = off >= 0 ? (long)pos + off : (long)start;
			rc = error_at(ctx, PLUMB_EDB, c->db, file, sql, off, NULL);
			if (failed_stmt)
				*failed_stmt = stmt_text(arena, sql, start, end);
			goto done;
		}
		sqlite3_finalize(st);
		st = NULL;
		pos = end;
	}
done:
	sqlite3_finalize(st);
	return rc;
}

/* Rename annotations are kept in the run's root arena, which outlives the
 * connection. */
int plumb__sqlite_exec_script(plumb_ctx *ctx, plumb_conn *conn, const char *sql, const char *file)
{
	return run(ctx, (plumb_sqlite_conn *)conn, sql, file, ctx->root, NULL);
}

int plumb__sqlite_exec_each(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, const char *sql,
			    const char *file, const char **failed_stmt)
{
	if (failed_stmt)
		*failed_stmt = NULL;
	return run(ctx, (plumb_sqlite_conn *)conn, sql, file, arena ? arena : ctx->root,
		   failed_stmt);
}

const char *plumb__sqlite_rename_lookup(const plumb_conn *conn, plumb_obj_kind kind,
					const char *name)
{
	const plumb_sqlite_conn *c = (const plumb_sqlite_conn *)conn;
	if (!conn || conn->dialect != &plumb_dialect_sqlite)
		return NULL;
	for (size_t i = 0; i < c->renames.n; i++) {
		const plumb_sqlite_rename *r = c->renames.items[i];
		if (r->kind == kind && !r->column && sqlite3_stricmp(r->name, name) == 0)
			return r->from;
	}
	return NULL;
}

/* --- transactions ------------------------------------------------------ */

static int restore_fk(plumb_ctx *ctx, plumb_sqlite_conn *c)
{
	int rc = 0;
	if (c->fk_off && c->fk_was_on)
		rc = exec1(ctx, c->db, "PRAGMA foreign_keys = ON");
	c->fk_off = false;
	c->fk_was_on = false;
	return rc;
}

int plumb__sqlite_begin(plumb_ctx *ctx, plumb_conn *conn, const plumb_txn_opts *opts)
{
	plumb_sqlite_conn *c = (plumb_sqlite_conn *)conn;
	sqlite3_stmt *st = NULL;
	int rc = 0;
	if (opts && opts->foreign_keys_off) {
		if (sqlite3_prepare_v2(c->db, "PRAGMA foreign_keys", -1, &st, NULL) != SQLITE_OK) {
			rc = plumb__sqlite_error(ctx, c->db, NULL, NULL, -1, "PRAGMA foreign_keys");
			goto done;
		}
		c->fk_was_on = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_int(st, 0);
		c->fk_off = true;
		if ((rc = exec1(ctx, c->db, "PRAGMA foreign_keys = OFF")) < 0)
			goto done;
	}
	int src = sqlite3_exec(c->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (src == SQLITE_BUSY || src == SQLITE_LOCKED) {
		rc = plumb_error_set(ctx, PLUMB_ELOCKED, "database is locked by another writer");
		restore_fk(ctx, c);
	} else if (src != SQLITE_OK) {
		rc = plumb__sqlite_error(ctx, c->db, NULL, NULL, -1, "could not begin a transaction");
		restore_fk(ctx, c);
	}
done:
	sqlite3_finalize(st);
	return rc;
}

/* Fails with the rows PRAGMA foreign_key_check reports, if any. */
static int fk_check(plumb_ctx *ctx, plumb_sqlite_conn *c)
{
	sqlite3_stmt *st = NULL;
	int rc = 0, step;
	long n = 0, n_first = 0;
	char *child = NULL, *parent = NULL;
	plumb_vec details = {0};
	plumb_arena *a = ctx->root;
	if (sqlite3_prepare_v2(c->db, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK) {
		rc = plumb__sqlite_error(ctx, c->db, NULL, NULL, -1, "PRAGMA foreign_key_check");
		goto done;
	}
	while ((step = sqlite3_step(st)) == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		const char *p = (const char *)sqlite3_column_text(st, 2);
		n++;
		if (!child) {
			child = plumb_arena_strdup(a, t ? t : "");
			parent = plumb_arena_strdup(a, p ? p : "");
		}
		if (child && parent && strcmp(child, t ? t : "") == 0 &&
		    strcmp(parent, p ? p : "") == 0)
			n_first++;
		if (details.n < 5) {
			char *d;
			if (sqlite3_column_type(st, 1) == SQLITE_NULL)
				d = plumb_arena_printf(a, "a row of \"%s\" references a missing row in \"%s\"",
						       t ? t : "", p ? p : "");
			else
				d = plumb_arena_printf(a, "row %lld of \"%s\" references a missing row in \"%s\"",
						       (long long)sqlite3_column_int64(st, 1), t ? t : "",
						       p ? p : "");
			if (d)
				plumb_vec_push(a, &details, d);
		}
	}
	if (step != SQLITE_DONE) {
		rc = plumb__sqlite_error(ctx, c->db, NULL, NULL, -1, "PRAGMA foreign_key_check");
		goto done;
	}
	if (n) {
		rc = plumb_error_set(ctx, PLUMB_EDB,
				     "foreign key violation: %ld rows of table \"%s\" reference missing "
				     "rows in \"%s\"",
				     n_first, child ? child : "", parent ? parent : "");
		for (size_t i = 0; i < details.n; i++)
			plumb_error_add_detail(ctx, "%s", (const char *)details.items[i]);
		if (n > (long)details.n)
			plumb_error_add_detail(ctx, "and %ld more", n - (long)details.n);
	}
done:
	sqlite3_finalize(st);
	return rc;
}

int plumb__sqlite_commit(plumb_ctx *ctx, plumb_conn *conn)
{
	plumb_sqlite_conn *c = (plumb_sqlite_conn *)conn;
	int rc = 0;
	if (c->fk_off && c->fk_was_on && (rc = fk_check(ctx, c)) < 0) {
		sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		restore_fk(ctx, c);
		goto done;
	}
	if (sqlite3_exec(c->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		rc = plumb__sqlite_error(ctx, c->db, NULL, NULL, -1, "could not commit");
		if (!sqlite3_get_autocommit(c->db))
			sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL);
		restore_fk(ctx, c);
		goto done;
	}
	rc = restore_fk(ctx, c);
done:
	return rc;
}

int plumb__sqlite_rollback(plumb_ctx *ctx, plumb_conn *conn)
{
	plumb_sqlite_conn *c = (plumb_sqlite_conn *)conn;
	int rc = 0;
	if (!sqlite3_get_autocommit(c->db) &&
	    sqlite3_exec(c->db, "ROLLBACK", NULL, NULL, NULL) != SQLITE_OK)
		rc = plumb__sqlite_error(ctx, c->db, NULL, NULL, -1, "could not roll back");
	int r2 = restore_fk(ctx, c);
	return rc ? rc : r2;
}

int plumb__sqlite_table_exists(sqlite3 *db, const char *name)
{
	sqlite3_stmt *st = NULL;
	int rc = -1;
	if (sqlite3_prepare_v2(db,
			       "SELECT 1 FROM main.sqlite_master WHERE type = 'table' AND name = ?1",
			       -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC) == SQLITE_OK) {
		int step = sqlite3_step(st);
		rc = step == SQLITE_ROW ? 1 : step == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(st);
	return rc;
}

/* SQLite has no lock to hold between transactions: each migration's BEGIN
 * IMMEDIATE takes the write lock. The runner's bounded wait becomes the
 * busy timeout those BEGINs wait for. */
int plumb__sqlite_lock(plumb_ctx *ctx, plumb_conn *conn, long timeout_ms)
{
	plumb_sqlite_conn *c = (plumb_sqlite_conn *)conn;
	(void)ctx;
	if (timeout_ms > 0)
		sqlite3_busy_timeout(c->db, timeout_ms > INT_MAX ? INT_MAX : (int)timeout_ms);
	return 0;
}

int plumb__sqlite_unlock(plumb_ctx *ctx, plumb_conn *conn)
{
	(void)ctx;
	(void)conn;
	return 0;
}

int plumb__sqlite_probe(plumb_ctx *ctx, plumb_conn *conn, const char *sql, bool *out)
{
	plumb_sqlite_conn *c = (plumb_sqlite_conn *)conn;
	sqlite3_stmt *st = NULL;
	int rc = 0, src;

	*out = false;
	if (sqlite3_prepare_v2(c->db, sql, -1, &st, NULL) != SQLITE_OK) {
		rc = plumb__sqlite_error(ctx, c->db, NULL, sql, -1, "could not check the data");
		goto done;
	}
	src = sqlite3_step(st);
	if (src == SQLITE_ROW)
		*out = sqlite3_column_int(st, 0) != 0;
	else if (src != SQLITE_DONE)
		rc = plumb__sqlite_error(ctx, c->db, NULL, sql, -1, "could not check the data");
done:
	sqlite3_finalize(st);
	return rc;
}

const plumb_dialect plumb_dialect_sqlite = {
	.name = "sqlite",
	.drizzle_table = "__drizzle_migrations",
	.accepts_url = plumb__sqlite_accepts_url,
	.database_exists = plumb__sqlite_database_exists,
	.connect = plumb__sqlite_connect,
	.connect_scratch = plumb__sqlite_connect_scratch,
	.load_schema = NULL,	/* schema files run in an in-memory database */
	.replay_offline = NULL, /* and so do migrations */
	.exec_script = plumb__sqlite_exec_script,
	.exec_each = plumb__sqlite_exec_each,
	.introspect = plumb__sqlite_introspect,
	.planner = &plumb__sqlite_planner,
	.dump = plumb__sqlite_dump,
	.probe = plumb__sqlite_probe,
	.begin = plumb__sqlite_begin,
	.commit = plumb__sqlite_commit,
	.rollback = plumb__sqlite_rollback,
	.lock = plumb__sqlite_lock,
	.unlock = plumb__sqlite_unlock,
	.tracking_ensure = plumb__sqlite_tracking_ensure,
	.tracking_read = plumb__sqlite_tracking_read,
	.tracking_write = plumb__sqlite_tracking_write,
	.tracking_delete = plumb__sqlite_tracking_delete,
	.foreign_rows = plumb__sqlite_foreign_rows,
	.foreign_has_column = plumb__sqlite_foreign_has_column,
	.drop_all = plumb__sqlite_drop_all,
	.find_txn_control = plumb__sqlite_find_txn_control,
	.find_data = plumb__sqlite_find_data,
	.check_data = plumb__sqlite_check_data,
};
