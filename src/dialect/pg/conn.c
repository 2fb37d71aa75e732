/*
 * The PostgreSQL connection over libpq: which URLs are PostgreSQL's, opening
 * connections exactly as libpq does (URIs, conninfo strings, PG* variables,
 * .pgpass, sslmode) with passwords kept out of every message, queries and
 * scripts with server errors placed at file:line:col, the runner's
 * transactions and its advisory lock, and scratch databases. It does not
 * read the schema (introspect.c) or the tracking table (tracking.c).
 */
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <glob.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <pg_query.h>

#include "dialect/pg/pg.h"

extern char **environ;

#define LOCK_POLL_MS 50

/* --- URLs and what may be shown of them -------------------------------- */

static bool is_uri(const char *url)
{
	return plumb_str_starts_with(url, "postgres://") ||
	       plumb_str_starts_with(url, "postgresql://");
}

bool plumb__pg_accepts_url(const char *url)
{
	if (!url || !*url)
		return false;
	if (is_uri(url))
		return true;
	if (plumb_str_starts_with(url, "sqlite:") || strstr(url, "://") || !strchr(url, '='))
		return false;
	if (plumb_fs_exists(url))
		return false;
	char *err = NULL;
	PQconninfoOption *opts = PQconninfoParse(url, &err);
	PQfreemem(err);
	if (!opts)
		return false;
	PQconninfoFree(opts);
	return true;
}

/* Splits a libpq message into its first line and the rest (tabs and
 * trailing newlines removed). */
static void split_message(plumb_arena *a, const char *msg, char **first, char **rest)
{
	size_t n = strlen(msg);
	while (n && (msg[n - 1] == '\n' || msg[n - 1] == ' '))
		n--;
	size_t nl = strcspn(msg, "\n");
	if (nl > n)
		nl = n;
	*first = plumb_arena_strndup(a, msg, nl);
	*rest = NULL;
	if (nl < n) {
		const char *r = msg + nl + 1;
		while (*r == '\t' || *r == ' ')
			r++;
		if (r < msg + n)
			*rest = plumb_arena_strndup(a, r, (size_t)(msg + n - r));
	}
}

/* --- errors ---------------------------------------------------------------- */

/* The byte offset of 1-based character position pos in UTF-8 text. */
static size_t char_to_byte(const char *text, long pos)
{
	size_t i = 0;
	long chars = 0;
	for (; text[i]; i++) {
		if ((text[i] & 0xC0) != 0x80) {
			if (chars == pos - 1)
				return i;
			chars++;
		}
	}
	return i;
}

/* Records a libpq failure with the server's position, plus base bytes, in
 * text; see plumb__pg_error. */
static int pg_error_at(plumb_ctx *ctx, PGconn *pg, const PGresult *res, const char *what,
		       const char *file, const char *text, size_t base, const char *stmt)
{
	const char *primary = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	const char *sqlstate = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	int code = sqlstate && strcmp(sqlstate, "42601") == 0 ? PLUMB_EPARSE : PLUMB_EDB;
	char *first = NULL, *rest = NULL;
	int line = 0, col = 0;

	if (ctx->err.code)
		return code;
	if (!primary) {
		const char *m = res ? PQresultErrorMessage(res) : NULL;
		if (!m || !*m)
			m = pg ? PQerrorMessage(pg) : NULL;
		if (!m || !*m)
			m = res ? PQresStatus(PQresultStatus(res)) : "no connection to the server";
		if (plumb_str_starts_with(m, "ERROR:  "))
			m += 8;
		split_message(ctx->root, m, &first, &rest);
		primary = first ? first : m;
	}
	if (file && text) {
		const char *pos = res ? PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION) : NULL;
		size_t off = base;
		if (pos && atol(pos) > 0)
			off = base + char_to_byte(stmt ? stmt : text + base, atol(pos));
		plumb_text_position(text, off, &line, &col);
	}
	if (what)
		plumb_error_set_at(ctx, code, file, line, col, "%s: %s", what, primary);
	else
		plumb_error_set_at(ctx, code, file, line, col, "%s", primary);
	plumb_error_set_sqlstate(ctx, sqlstate);
	if (res) {
		const char *detail = PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL);
		const char *hint = PQresultErrorField(res, PG_DIAG_MESSAGE_HINT);
		const char *context = PQresultErrorField(res, PG_DIAG_CONTEXT);
		if (detail)
			plumb_error_add_detail(ctx, "%s", detail);
		if (context)
			plumb_error_add_detail(ctx, "context: %s", context);
		if (hint)
			plumb_error_set_hint(ctx, "%s", hint);
	}
	if (rest)
		plumb_error_add_detail(ctx, "%s", rest);
	return code;
}

int plumb__pg_error(plumb_ctx *ctx, PGconn *pg, const PGresult *res, const char *what,
		    const char *file, const char *text)
{
	return pg_error_at(ctx, pg, res, what, file, text, 0, NULL);
}

/* --- connections ---------------------------------------------------------- */

static void close_conn(void *p)
{
	plumb_pg_conn *c = p;
	if (c->lock_pg)
		PQfinish(c->lock_pg);
	if (c->pg)
		PQfinish(c->pg);
	c->lock_pg = NULL;
	c->pg = NULL;
}

/* Records a failed connection attempt, with url's secrets scrubbed. */
static int connect_error(plumb_ctx *ctx, PGconn *pg, const char *display, const char *url)
{
	plumb_vec secrets = {0};
	plumb_arena *a = ctx->root;
	char *first = NULL, *rest = NULL;
	const char *msg = pg ? PQerrorMessage(pg) : "out of memory";
	plumb_redact_secrets(a, url, &secrets);
	if (pg) {
		/* the password libpq used (PGPASSWORD, .pgpass) */
		const char *pw = PQpass(pg);
		if (pw && *pw)
			plumb_vec_push(a, &secrets, plumb_arena_strdup(a, pw));
	}
	split_message(a, msg, &first, &rest);
	first = plumb_redact_scrub(a, first, &secrets);
	rest = rest ? plumb_redact_scrub(a, rest, &secrets) : NULL;
	int rc = plumb_error_set(ctx, PLUMB_EDB, "could not connect to \"%s\": %s",
				 display ? display : "(server)", first ? first : "");
	if (rest && ctx->err.code == PLUMB_EDB)
		plumb_error_add_detail(ctx, "%s", rest);
	return rc;
}

/* A connection to url (a URL or a conninfo string) as plumb opens one:
 * application_name falls back to plumb; client_encoding comes before the
 * expanded URL, which may override it. NULL when libpq has no memory. */
static PGconn *connect_url(const char *url)
{
	const char *keys[] = {"fallback_application_name", "client_encoding", "dbname", NULL};
	const char *vals[] = {"plumb", "UTF8", url, NULL};
	return PQconnectdbParams(keys, vals, 1);
}

/* Takes c, whose connection (c->pg) was just opened with url, into use: a
 * failed one is recorded with url's secrets scrubbed; a good one is set up
 * the way plumb wants it, c->dbname read from it and *out set. */
static int open_session(plumb_ctx *ctx, plumb_arena *arena, plumb_pg_conn *c, const char *url,
			plumb_conn **out)
{
	int rc;
	if (!c->pg || PQstatus(c->pg) != CONNECTION_OK)
		return connect_error(ctx, c->pg, c->base.display, url);
	if ((rc = plumb__pg_command(ctx, c, "could not configure the session",
				    "SET client_min_messages = warning")) < 0)
		return rc;
	if (!(c->dbname = plumb_arena_strdup(arena, PQdb(c->pg))))
		return plumb_error_nomem(ctx);
	*out = &c->base;
	return 0;
}

/* Allocates a connection and registers its closing before anything is
 * opened, so every path out closes what was opened. */
static plumb_pg_conn *new_conn(plumb_ctx *ctx, plumb_arena *arena)
{
	plumb_pg_conn *c = plumb_arena_alloc(arena, sizeof(*c));
	if (!c || plumb_arena_defer(arena, close_conn, c) < 0) {
		plumb_error_nomem(ctx);
		return NULL;
	}
	c->base.dialect = &plumb_dialect_pg;
	c->base.tracking = PLUMB_TRACKING_PLUMB;
	return c;
}

int plumb__pg_connect(plumb_ctx *ctx, plumb_arena *arena, const char *url, plumb_conn **out)
{
	int rc = 0;
	plumb_pg_conn *c = NULL;
	*out = NULL;
	if (!(c = new_conn(ctx, arena))) {
		rc = PLUMB_ENOMEM;
		goto done;
	}
	c->conninfo = plumb_arena_strdup(arena, url);
	c->base.display = plumb_redact(arena, url);
	if (!c->conninfo || !c->base.display) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	c->pg = connect_url(url);
	rc = open_session(ctx, arena, c, url, out);
done:
	if (rc < 0 && c)
		close_conn(c);
	return rc;
}

/* A new connection with the settings model was opened with, its dbname
 * and application_name replaced when given. NULL when out of memory. */
static PGconn *connect_like(plumb_arena *arena, PGconn *model, const char *dbname,
			    const char *appname)
{
	PGconn *pg = NULL;
	PQconninfoOption *opts = PQconninfo(model);
	plumb_arena *a = plumb_arena_new(arena);
	size_t n = 0, i = 0;
	if (!opts || !a)
		goto done;
	for (PQconninfoOption *o = opts; o->keyword; o++)
		n++;
	const char **keys = plumb_arena_alloc(a, (n + 3) * sizeof(*keys));
	const char **vals = plumb_arena_alloc(a, (n + 3) * sizeof(*vals));
	if (!keys || !vals)
		goto done;
	for (PQconninfoOption *o = opts; o->keyword; o++) {
		if (!o->val || !*o->val)
			continue;
		if ((dbname && strcmp(o->keyword, "dbname") == 0) ||
		    (appname && strcmp(o->keyword, "application_name") == 0))
			continue;
		keys[i] = o->keyword;
		vals[i++] = o->val;
	}
	if (dbname) {
		keys[i] = "dbname";
		vals[i++] = dbname;
	}
	if (appname) {
		keys[i] = "application_name";
		vals[i++] = appname;
	}
	keys[i] = vals[i] = NULL;
	pg = PQconnectdbParams(keys, vals, 0);
done:
	if (opts)
		PQconninfoFree(opts);
	plumb_arena_free(a);
	return pg;
}

/* --- running SQL ------------------------------------------------------------ */

static bool result_ok(const PGresult *res)
{
	ExecStatusType st = PQresultStatus(res);
	return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK || st == PGRES_EMPTY_QUERY;
}

/* The result of sql run with its text parameters, or NULL with the failure
 * recorded and its code in *rc. */
static PGresult *exec_params(plumb_ctx *ctx, plumb_pg_conn *c, const char *what, const char *sql,
			     int n_params, const char *const *params, int *rc)
{
	PGresult *res = PQexecParams(c->pg, sql, n_params, NULL, params, NULL, NULL, 0);
	if (!res || !result_ok(res)) {
		*rc = plumb__pg_error(ctx, c->pg, res, what, NULL, NULL);
		PQclear(res);
		return NULL;
	}
	return res;
}

int plumb__pg_query(plumb_ctx *ctx, plumb_arena *arena, plumb_pg_conn *c, const char *what,
		    const char *sql, int n_params, const char *const *params, PGresult **out)
{
	int rc = 0;
	PGresult *res = exec_params(ctx, c, what, sql, n_params, params, &rc);
	*out = NULL;
	if (!res)
		return rc;
	if (plumb_arena_defer(arena, (void (*)(void *))PQclear, res) < 0)
		return plumb_error_nomem(ctx);
	*out = res;
	return 0;
}

int plumb__pg_exec(plumb_ctx *ctx, plumb_pg_conn *c, const char *what, const char *sql,
		   int n_params, const char *const *params, bool *changed)
{
	int rc = 0;
	PGresult *res = exec_params(ctx, c, what, sql, n_params, params, &rc);
	if (!res)
		return rc;
	if (changed)
		*changed = strcmp(PQcmdTuples(res), "0") != 0;
	PQclear(res);
	return 0;
}

int plumb__pg_table_exists(plumb_ctx *ctx, plumb_pg_conn *c, const char *what, const char *name,
			   bool *out)
{
	int rc = 0;
	PGresult *res = exec_params(ctx, c, what, "SELECT pg_catalog.to_regclass($1) IS NOT NULL", 1,
				    &name, &rc);
	if (!res)
		return rc;
	*out = strcmp(PQgetvalue(res, 0, 0), "t") == 0;
	PQclear(res);
	return 0;
}

/* Runs sql (one or more statements, simple protocol) and reads every
 * result; the first failure is recorded at its position in text (sql is
 * text + base). COPY FROM STDIN is refused; COPY TO STDOUT is discarded. */
static int run_simple_at(plumb_ctx *ctx, PGconn *pg, const char *what, const char *sql,
			 const char *file, const char *text, size_t base, const size_t *starts,
			 size_t n_starts)
{
	int rc = 0;
	size_t k = 0; /* the statement whose result comes next */
	PGresult *res;
	if (!PQsendQuery(pg, sql))
		return pg_error_at(ctx, pg, NULL, what, file, text, base, sql);
	while ((res = PQgetResult(pg))) {
		ExecStatusType st = PQresultStatus(res);
		if (st == PGRES_COPY_IN) {
			PQputCopyEnd(pg, "COPY FROM STDIN is not supported in scripts");
		} else if (st == PGRES_COPY_OUT) {
			char *buf;
			while (PQgetCopyData(pg, &buf, 0) > 0)
				PQfreemem(buf);
		} else if (!result_ok(res) && rc == 0) {
			/* with no position, at the statement that failed */
			bool at = k < n_starts &&
				  !PQresultErrorField(res, PG_DIAG_STATEMENT_POSITION);
			rc = pg_error_at(ctx, pg, res, what, file, text, at ? starts[k] : base,
					 sql);
		}
		k++;
		PQclear(res);
	}
	if (rc == 0 && PQstatus(pg) != CONNECTION_OK)
		rc = pg_error_at(ctx, pg, NULL, what, file, text, base, sql);
	return rc;
}

static int run_simple(plumb_ctx *ctx, PGconn *pg, const char *what, const char *sql,
		      const char *file, const char *text, size_t base)
{
	return run_simple_at(ctx, pg, what, sql, file, text, base, NULL, 0);
}

int plumb__pg_command(plumb_ctx *ctx, plumb_pg_conn *c, const char *what, const char *sql)
{
	return run_simple(ctx, c->pg, what, sql, NULL, NULL, 0);
}

int plumb__pg_exec_script(plumb_ctx *ctx, plumb_conn *conn, const char *sql, const char *file)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	plumb_arena *a = plumb_arena_new(NULL);
	if (!a)
		return plumb_error_nomem(ctx);
	int rc = plumb__pg_psql_blank(ctx, a, sql, file, &sql);
	if (rc == 0)
		rc = run_simple(ctx, c->pg, NULL, sql, file, file ? sql : NULL, 0);
	plumb_arena_free(a);
	return rc;
}

/* The statements sent in one query at most: a run of statements written
 * one after the other takes one round trip and one commit, and few locks. */
#define SCHEMA_RUN 64

int plumb__pg_exec_schema(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			  const plumb_vec *files)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	plumb_vec pieces = {0};
	size_t starts[SCHEMA_RUN];
	int rc = plumb__pg_schema_order(ctx, arena, files, &pieces);
	for (size_t i = 0, j; rc == 0 && i < pieces.n; i = j) {
		const plumb_pg_piece *p = pieces.items[i], *q = p;
		starts[0] = p->start;
		for (j = i + 1; j < pieces.n && j - i < SCHEMA_RUN; j++) {
			const plumb_pg_piece *n = pieces.items[j];
			if (n->text != q->text || n->index != q->index + 1)
				break;
			starts[j - i] = n->start;
			q = n;
		}
		char *sql = plumb_arena_strndup(arena, p->text + p->start, q->end - p->start);
		rc = sql ? run_simple_at(ctx, c->pg, NULL, sql, p->path, p->text, p->start, starts,
					 j - i)
			 : plumb_error_nomem(ctx);
	}
	return rc;
}

/* The first byte of sql at or after i that is not blank, a comment or a
 * semicolon. */
static size_t skip_filler(const char *s, size_t i, size_t end)
{
	while (i < end) {
		if (strchr(" \t\n\r\f;", s[i])) {
			i++;
		} else if (s[i] == '-' && i + 1 < end && s[i + 1] == '-') {
			while (i < end && s[i] != '\n')
				i++;
		} else if (s[i] == '/' && i + 1 < end && s[i + 1] == '*') {
			int depth = 1;
			i += 2;
			while (i < end && depth) {
				if (s[i] == '*' && i + 1 < end && s[i + 1] == '/') {
					depth--;
					i += 2;
				} else if (s[i] == '/' && i + 1 < end && s[i + 1] == '*') {
					depth++;
					i += 2;
				} else {
					i++;
				}
			}
		} else {
			break;
		}
	}
	return i;
}

/* Where a statement starts: a byte offset and its line and column, moved
 * forward statement by statement so positions cost one pass. */
typedef struct cursor {
	size_t at;
	int line, col;
} cursor;

static void cursor_move(cursor *cur, const char *s, size_t to)
{
	if (to < cur->at)
		*cur = (cursor){0, 1, 1};
	for (; cur->at < to && s[cur->at]; cur->at++) {
		if (s[cur->at] == '\n') {
			cur->line++;
			cur->col = 1;
		} else if ((s[cur->at] & 0xC0) != 0x80) {
			cur->col++;
		}
	}
}

/* Adds the statement in sql[start, end) (blanks, comments and semicolons
 * around it trimmed) to out; nothing when there is no statement. */
static int add_stmt(plumb_ctx *ctx, plumb_arena *arena, const char *sql, size_t start,
		    size_t end, cursor *cur, plumb_vec *out)
{
	start = skip_filler(sql, start, end);
	while (end > start && strchr(" \t\r\n\f;", sql[end - 1]))
		end--;
	if (start >= end)
		return 0;
	plumb_pg_stmt *st = plumb_arena_alloc(arena, sizeof(*st));
	char *text = plumb_arena_strndup(arena, sql + start, end - start);
	if (!st || !text || plumb_vec_push(arena, out, st) < 0)
		return plumb_error_nomem(ctx);
	cursor_move(cur, sql, start);
	*st = (plumb_pg_stmt){.sql = text, .start = start, .end = end, .line = cur->line,
			      .col = cur->col};
	return 0;
}

int plumb__pg_split_statements(plumb_ctx *ctx, plumb_arena *arena, const char *sql,
			       const char *file, plumb_vec *out)
{
	int rc = 0;
	size_t len = strlen(sql), pos = 0;
	cursor cur = {0, 1, 1};
	*out = (plumb_vec){0};
	if ((rc = plumb__pg_psql_blank(ctx, arena, sql, file, &sql)) < 0)
		return rc;
	/* The parser's cut when the text parses: the scanner alone cuts a
	 * BEGIN ATOMIC body at its semicolons. Text libpg_query cannot parse
	 * (a typo the server is to report, syntax newer than libpg_query) is
	 * cut by the scanner. */
	PgQuerySplitResult split = pg_query_split_with_parser(sql);
	if (split.error) {
		pg_query_free_split_result(split);
		split = pg_query_split_with_scanner(sql);
	}
	if (split.error) {
		int line = 0, col = 0;
		size_t off = split.error->cursorpos > 0
				     ? char_to_byte(sql, split.error->cursorpos)
				     : 0;
		plumb_text_position(sql, off, &line, &col);
		rc = plumb_error_set_at(ctx, PLUMB_EPARSE, file, file ? line : 0, file ? col : 0,
					"%s", split.error->message);
		goto done;
	}
	/* The scanner leaves out statements without a keyword ("SELEC 1"):
	 * what lies between two statements is a statement too, so the server
	 * reports it. */
	for (int i = 0; i <= split.n_stmts; i++) {
		size_t start = len, end = len;
		if (i < split.n_stmts) {
			start = (size_t)split.stmts[i]->stmt_location;
			end = start + (size_t)split.stmts[i]->stmt_len;
			if (start > len)
				start = len;
			if (end > len || split.stmts[i]->stmt_len == 0)
				end = len;
		}
		if (start > pos && (rc = add_stmt(ctx, arena, sql, pos, start, &cur, out)) < 0)
			goto done;
		if ((rc = add_stmt(ctx, arena, sql, start, end, &cur, out)) < 0)
			goto done;
		if (end > pos)
			pos = end;
	}
done:
	pg_query_free_split_result(split);
	return rc;
}

int plumb__pg_exec_each(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, const char *sql,
			const char *file, const char **failed_stmt)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	plumb_vec stmts;
	if (failed_stmt)
		*failed_stmt = NULL;
	if (!arena)
		arena = ctx->root;
	int rc = plumb__pg_split_statements(ctx, arena, sql, file, &stmts);
	for (size_t i = 0; rc == 0 && i < stmts.n; i++) {
		const plumb_pg_stmt *st = stmts.items[i];
		rc = run_simple(ctx, c->pg, NULL, st->sql, file, file ? sql : NULL, st->start);
		if (rc < 0 && failed_stmt)
			*failed_stmt = st->sql;
	}
	return rc;
}

/* --- transactions ------------------------------------------------------------ */

int plumb__pg_begin(plumb_ctx *ctx, plumb_conn *conn, const plumb_txn_opts *opts)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	int rc = 0;
	char sql[512];
	size_t n = 0;
	/* BEGIN and the timeouts in one round trip. */
	n += (size_t)snprintf(sql + n, sizeof(sql) - n, "BEGIN;");
	if (opts && opts->lock_timeout_ms > 0)
		n += (size_t)snprintf(sql + n, sizeof(sql) - n, " SET LOCAL lock_timeout = '%ldms';",
				      opts->lock_timeout_ms);
	if (opts && opts->statement_timeout_ms > 0)
		n += (size_t)snprintf(sql + n, sizeof(sql) - n,
				      " SET LOCAL statement_timeout = '%ldms';",
				      opts->statement_timeout_ms);
	c->in_txn = true;
	rc = plumb__pg_command(ctx, c, "could not begin a transaction", sql);
	if (rc < 0)
		plumb__pg_rollback(ctx, conn);
	return rc;
}

int plumb__pg_set_timeouts(plumb_ctx *ctx, plumb_conn *conn, const plumb_txn_opts *opts)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	char sql[160];
	if (!opts)
		return plumb__pg_command(ctx, c, "could not reset the timeouts",
					 "RESET lock_timeout; RESET statement_timeout");
	snprintf(sql, sizeof(sql), "SET lock_timeout = '%ldms'; SET statement_timeout = '%ldms'",
		 opts->lock_timeout_ms > 0 ? opts->lock_timeout_ms : 0,
		 opts->statement_timeout_ms > 0 ? opts->statement_timeout_ms : 0);
	return plumb__pg_command(ctx, c, "could not set the timeouts", sql);
}

int plumb__pg_commit(plumb_ctx *ctx, plumb_conn *conn)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	int rc = 0;
	PGresult *res = PQexec(c->pg, "COMMIT");
	c->in_txn = false;
	if (!res || PQresultStatus(res) != PGRES_COMMAND_OK)
		rc = plumb__pg_error(ctx, c->pg, res, "could not commit", NULL, NULL);
	else if (strcmp(PQcmdStatus(res), "ROLLBACK") == 0) /* COMMIT of a failed transaction */
		rc = plumb_error_set(ctx, PLUMB_EDB,
				     "could not commit: the transaction had failed and was rolled back");
	PQclear(res);
	return rc;
}

int plumb__pg_rollback(plumb_ctx *ctx, plumb_conn *conn)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	int rc = 0;
	c->in_txn = false;
	/* a broken connection has nothing left to roll back */
	if (!c->pg || PQstatus(c->pg) != CONNECTION_OK ||
	    PQtransactionStatus(c->pg) == PQTRANS_IDLE)
		goto done;
	PGresult *res = PQexec(c->pg, "ROLLBACK");
	if (PQstatus(c->pg) == CONNECTION_OK && (!res || PQresultStatus(res) != PGRES_COMMAND_OK))
		rc = plumb__pg_error(ctx, c->pg, res, "could not roll back", NULL, NULL);
	PQclear(res);
done:
	return rc;
}

/* --- the runner's lock --------------------------------------------------------- */

/* The lock's key: the database and the tracking table, so plumb's and
 * drizzle's runners, and runs tracked in different tables, exclude each
 * other only on one table. */
#define LOCK_KEY "hashtext(current_database() || '.' || $1)::bigint"

/* The table in the key: drizzle's, or plumb's as "name" in public (the key
 * of earlier versions for plumb_migrations) and "schema.name" elsewhere. */
static const char *lock_table(plumb_ctx *ctx, const plumb_pg_conn *c)
{
	const char *schema = plumb_tracking_schema(ctx), *s;
	if (c->base.tracking == PLUMB_TRACKING_DRIZZLE)
		return "drizzle.__drizzle_migrations";
	if (!schema || !strcmp(schema, "public"))
		return plumb_tracking_table(ctx);
	s = plumb_arena_printf(ctx->root, "%s.%s", schema, plumb_tracking_table(ctx));
	return s ? s : plumb_tracking_table(ctx);
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	while (nanosleep(&ts, &ts) < 0 && errno == EINTR)
		;
}

static long monotonic_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Records PLUMB_ELOCKED naming the session that holds the lock. */
static int locked_error(plumb_ctx *ctx, plumb_arena *a, plumb_pg_conn *c, const char *table,
			long timeout_ms)
{
	static const char sql[] =
		"WITH k AS (SELECT " LOCK_KEY " AS k)\n"
		"SELECT l.pid, coalesce(a.application_name, ''),\n"
		"       coalesce(host(a.client_addr), 'local'),\n"
		"       to_char(coalesce(CASE WHEN a.state = 'idle' THEN a.state_change END,\n"
		"                        a.backend_start) AT TIME ZONE 'UTC',\n"
		"               'YYYY-MM-DD HH24:MI:SS') || '+00'\n"
		"FROM k, pg_catalog.pg_locks l\n"
		"LEFT JOIN pg_catalog.pg_stat_activity a ON a.pid = l.pid\n"
		"WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1\n"
		"  AND l.database = (SELECT oid FROM pg_catalog.pg_database\n"
		"                    WHERE datname = current_database())\n"
		"  AND l.classid::bigint = (k.k >> 32) & 4294967295\n"
		"  AND l.objid::bigint = k.k & 4294967295\n"
		"LIMIT 1";
	PGresult *res = NULL;
	const char *params[] = {table};
	int rc = plumb__pg_query(ctx, a, c, "could not find the holder of the migration lock", sql,
				 1, params, &res);
	if (rc < 0)
		return rc;
	if (PQntuples(res) == 0) {
		rc = plumb_error_set(ctx, PLUMB_ELOCKED,
				     "could not obtain the migration lock of database \"%s\" within "
				     "%ld ms: lock held by another session",
				     c->dbname, timeout_ms);
	} else {
		const char *pid = PQgetvalue(res, 0, 0), *app = PQgetvalue(res, 0, 1);
		const char *since = PQgetisnull(res, 0, 3) ? "an unknown time" : PQgetvalue(res, 0, 3);
		rc = plumb_error_set(ctx, PLUMB_ELOCKED,
				     "could not obtain the migration lock of database \"%s\" within "
				     "%ld ms: lock held by pid %s (%s%s%s, since %s)",
				     c->dbname, timeout_ms, pid, app, *app ? ", " : "",
				     PQgetvalue(res, 0, 2), since);
		plumb_error_set_hint(ctx,
				     "another migration run is in progress; wait for it to finish, "
				     "or end it with SELECT pg_terminate_backend(%s)",
				     pid);
	}
	return rc;
}

int plumb__pg_lock(plumb_ctx *ctx, plumb_conn *conn, long timeout_ms)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	plumb_pg_conn lock = {0};
	plumb_arena *a = NULL;
	int rc = 0;
	const char *params[] = {lock_table(ctx, c)};
	long deadline = monotonic_ms() + (timeout_ms > 0 ? timeout_ms : 0);

	if (c->lock_pg) /* held already */
		goto done;
	if (!(a = plumb_arena_new(ctx->root))) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	/* A session of its own: the lock lives exactly as long as it, whatever
	 * the main connection's transactions do, and dies with this process. */
	lock.pg = connect_like(a, c->pg, NULL, "plumb (lock)");
	if (!lock.pg || PQstatus(lock.pg) != CONNECTION_OK) {
		rc = connect_error(ctx, lock.pg, c->base.display, c->conninfo);
		goto done;
	}
	for (;;) {
		PGresult *res = NULL;
		if ((rc = plumb__pg_query(ctx, a, &lock, "could not take the migration lock",
					  "SELECT pg_catalog.pg_try_advisory_lock(" LOCK_KEY ")", 1,
					  params, &res)) < 0)
			goto done;
		if (strcmp(PQgetvalue(res, 0, 0), "t") == 0)
			break;
		long now = monotonic_ms();
		if (now >= deadline) {
			rc = locked_error(ctx, a, c, params[0], timeout_ms);
			goto done;
		}
		sleep_ms(deadline - now < LOCK_POLL_MS ? deadline - now : LOCK_POLL_MS);
	}
	c->lock_pg = lock.pg;
	lock.pg = NULL;
done:
	plumb_arena_free(a);
	if (lock.pg)
		PQfinish(lock.pg);
	return rc;
}

int plumb__pg_unlock(plumb_ctx *ctx, plumb_conn *conn)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	int rc = 0;
	const char *params[] = {lock_table(ctx, c)};
	if (!c->lock_pg)
		return 0;
	PGresult *res = PQexecParams(c->lock_pg, "SELECT pg_catalog.pg_advisory_unlock(" LOCK_KEY ")",
				     1, NULL, params, NULL, NULL, 0);
	/* closing the session releases the lock in any case */
	if (PQstatus(c->lock_pg) == CONNECTION_OK && (!res || PQresultStatus(res) != PGRES_TUPLES_OK))
		rc = plumb__pg_error(ctx, c->lock_pg, res, "could not release the migration lock", NULL,
				     NULL);
	PQclear(res);
	PQfinish(c->lock_pg);
	c->lock_pg = NULL;
	return rc;
}

/* --- scratch databases ------------------------------------------------------------- */

/* A scratch database on the user's server, dropped over the admin
 * connection once the scratch connection is closed (cleanups run newest
 * first: the scratch connection, this, the admin connection). */
typedef struct scratch_db {
	plumb_pg_conn *admin;
	const char *drop_sql;
	bool dropped;
} scratch_db;

static void drop_scratch_db(void *p)
{
	scratch_db *s = p;
	if (s->dropped || !s->admin->pg || PQstatus(s->admin->pg) != CONNECTION_OK)
		return;
	s->dropped = true;
	PQclear(PQexec(s->admin->pg, s->drop_sql));
}

/* Scratch databases are named plumb_scratch_b<PID>_<N>, PID being the
 * server process of the admin connection that created the database and
 * drops it at the end. That connection lives as long as the scratch
 * database is in use, so one whose creator is gone from pg_stat_activity
 * was left by a run that was killed: each new run drops those. The
 * databases are listed first and the live processes read after, in a
 * later transaction, so a database created meanwhile always has its
 * creator in the list and is never taken for stale. Best effort: a
 * database this role may not drop is left alone. */
static void drop_stale_scratch(plumb_arena *arena, PGconn *pg)
{
	PGresult *dbs = PQexec(pg, "SELECT datname, substring(datname from "
				   "'^plumb_scratch_b([0-9]+)_[0-9]+$')::int FROM pg_database "
				   "WHERE datname ~ '^plumb_scratch_b[0-9]+_[0-9]+$'");
	PGresult *live = NULL;
	if (PQresultStatus(dbs) != PGRES_TUPLES_OK || PQntuples(dbs) == 0)
		goto done;
	live = PQexec(pg, "SELECT pid FROM pg_stat_activity WHERE pid IS NOT NULL");
	if (PQresultStatus(live) != PGRES_TUPLES_OK)
		goto done;
	for (int i = 0; i < PQntuples(dbs); i++) {
		const char *creator = PQgetvalue(dbs, i, 1);
		bool alive = false;
		for (int j = 0; j < PQntuples(live) && !alive; j++)
			alive = strcmp(PQgetvalue(live, j, 0), creator) == 0;
		if (alive)
			continue;
		char *q = plumb_quote_ident(arena, PQgetvalue(dbs, i, 0));
		char *drop = q ? plumb_arena_printf(arena, "DROP DATABASE IF EXISTS %s WITH (FORCE)", q)
			       : NULL;
		if (drop)
			PQclear(PQexec(pg, drop));
	}
done:
	PQclear(live);
	PQclear(dbs);
}

static int scratch_on_server(plumb_ctx *ctx, plumb_arena *arena, const char *dev_url,
			     plumb_conn **out)
{
	static unsigned n_scratch;
	int rc = 0;
	plumb_conn *admin_conn = NULL;
	plumb_pg_conn *admin, *c = NULL;
	scratch_db *s = NULL;
	char *name, *quoted, *create;

	if ((rc = plumb__pg_connect(ctx, arena, dev_url, &admin_conn)) < 0)
		goto done;
	admin = (plumb_pg_conn *)admin_conn;
	drop_stale_scratch(arena, admin->pg);
	name = plumb_arena_printf(arena, "plumb_scratch_b%d_%u", PQbackendPID(admin->pg),
				  n_scratch++);
	quoted = name ? plumb_quote_ident(arena, name) : NULL;
	create = quoted ? plumb_arena_printf(arena, "CREATE DATABASE %s TEMPLATE template0", quoted)
			: NULL;
	s = plumb_arena_alloc(arena, sizeof(*s));
	if (!create || !s) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	s->drop_sql = plumb_arena_printf(arena, "DROP DATABASE IF EXISTS %s WITH (FORCE)", quoted);
	if (!s->drop_sql) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb__pg_command(ctx, admin, "could not create a scratch database", create)) < 0)
		goto done;
	s->admin = admin; /* created: from now on it is dropped */
	if (plumb_arena_defer(arena, drop_scratch_db, s) < 0) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if (!(c = new_conn(ctx, arena))) {
		rc = PLUMB_ENOMEM;
		goto done;
	}
	c->conninfo = admin->conninfo;
	c->scratch_db = name;
	c->base.display = plumb_arena_printf(arena, "%s (scratch database %s)",
					     admin->base.display, name);
	if (!c->base.display) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	c->pg = connect_like(arena, admin->pg, name, NULL);
	rc = open_session(ctx, arena, c, dev_url, out);
done:
	if (rc < 0 && c)
		close_conn(c);
	if (rc < 0 && s && s->admin)
		drop_scratch_db(s);
	return rc;
}

/* A throwaway local cluster: initdb into a temporary folder, a server on a
 * Unix socket in it and no TCP; stopped and removed with the arena. */
typedef struct cluster {
	char *dir, *data, *pg_ctl, *log;
	bool started, removed;
} cluster;

static bool has_tools(plumb_arena *a, const char *dir)
{
	char *initdb = plumb_path_join(a, dir, "initdb"), *pg_ctl = plumb_path_join(a, dir, "pg_ctl");
	return initdb && pg_ctl && access(initdb, X_OK) == 0 && access(pg_ctl, X_OK) == 0;
}

/* The folder holding initdb and pg_ctl: on PATH, else pg_config --bindir,
 * else the newest of Debian's /usr/lib/postgresql/N/bin; NULL when none. */
static char *find_server_bin(plumb_arena *a)
{
	const char *path = getenv("PATH");
	char line[4096];
	for (const char *p = path; p && *p;) {
		size_t n = strcspn(p, ":");
		char *dir = plumb_arena_strndup(a, p, n);
		if (dir && *dir && has_tools(a, dir))
			return dir;
		p += n;
		if (*p == ':')
			p++;
	}
	FILE *f = popen("pg_config --bindir 2>/dev/null", "r");
	if (f) {
		bool got = fgets(line, sizeof(line), f) != NULL;
		pclose(f);
		line[strcspn(line, "\r\n")] = 0;
		if (got && *line && has_tools(a, line))
			return plumb_arena_strdup(a, line);
	}
	glob_t g;
	char *best = NULL;
	long best_v = -1;
	if (glob("/usr/lib/postgresql/*/bin", GLOB_ONLYDIR, NULL, &g) == 0) {
		for (size_t i = 0; i < g.gl_pathc; i++) {
			long v = strtol(g.gl_pathv[i] + strlen("/usr/lib/postgresql/"), NULL, 10);
			if (v > best_v && has_tools(a, g.gl_pathv[i])) {
				best_v = v;
				best = plumb_arena_strdup(a, g.gl_pathv[i]);
			}
		}
		globfree(&g);
	}
	return best;
}

/* Runs argv[0] with its output appended to log; its exit status, or -1. */
static int run_tool(const char *log, char *const argv[])
{
	posix_spawn_file_actions_t fa;
	pid_t pid;
	int status = 0;
	if (posix_spawn_file_actions_init(&fa) != 0)
		return -1;
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, 1, log, O_WRONLY | O_CREAT | O_APPEND, 0600);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	int rc = posix_spawn(&pid, argv[0], &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (rc != 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static int rm_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	remove(path);
	return 0;
}

static void cluster_remove(void *p)
{
	cluster *cl = p;
	if (cl->removed)
		return;
	cl->removed = true;
	if (cl->started) {
		char *argv[] = {cl->pg_ctl, "-D", cl->data, "-m", "immediate", "-w", "stop", NULL};
		run_tool(cl->log, argv);
	}
	nftw(cl->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
}

/* Adds the end of the tools' log to the recorded error. */
static void add_log_tail(plumb_ctx *ctx, plumb_arena *a, const char *path)
{
	char *text = NULL;
	size_t len = 0;
	plumb_ctx quiet = {.root = a};
	if (plumb_fs_read(&quiet, a, path, &text, &len) < 0 || !len)
		return;
	while (len && (text[len - 1] == '\n' || text[len - 1] == ' '))
		text[--len] = 0;
	const char *from = len > 2000 ? text + len - 2000 : text;
	plumb_error_add_detail(ctx, "%s", from);
}

static int scratch_local(plumb_ctx *ctx, plumb_arena *arena, plumb_conn **out)
{
	int rc = 0;
	cluster *cl = NULL;
	plumb_pg_conn *c = NULL;
	char *bin, *tmpl, *initdb, *opts, *server_log, *conninfo;
	const char *tmp = getenv("TMPDIR");

	if (geteuid() == 0) {
		rc = plumb_error_set(ctx, PLUMB_EUSAGE,
				     "a throwaway cluster cannot run as root; give --dev-url URL");
		plumb_error_set_hint(ctx, "initdb and postgres refuse to run as root; point "
					  "--dev-url at a server where plumb may create databases");
		goto done;
	}
	if (!(bin = find_server_bin(arena))) {
		rc = plumb_error_set(ctx, PLUMB_ENOTFOUND,
				     "no PostgreSQL server programs (initdb, pg_ctl) found for a "
				     "throwaway cluster; give --dev-url URL");
		plumb_error_set_hint(ctx, "install the PostgreSQL server, or put its bin folder "
					  "on PATH");
		goto done;
	}
	tmpl = plumb_arena_printf(arena, "%s/plumb-scratch.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	cl = plumb_arena_alloc(arena, sizeof(*cl));
	if (!tmpl || !cl) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if (!mkdtemp(tmpl)) {
		rc = plumb_error_set(ctx, PLUMB_EIO, "could not create temporary folder \"%s\": %s",
				     tmpl, strerror(errno));
		goto done;
	}
	cl->dir = tmpl;
	if (plumb_arena_defer(arena, cluster_remove, cl) < 0) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	cl->data = plumb_path_join(arena, tmpl, "data");
	cl->pg_ctl = plumb_path_join(arena, bin, "pg_ctl");
	cl->log = plumb_path_join(arena, tmpl, "tools.log");
	initdb = plumb_path_join(arena, bin, "initdb");
	server_log = plumb_path_join(arena, tmpl, "server.log");
	opts = plumb_arena_printf(arena,
				  "-c listen_addresses='' -c unix_socket_directories='%s' -p 5432 "
				  "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
				  tmpl);
	conninfo = plumb_arena_printf(arena, "host='%s' port=5432 user=postgres dbname=postgres",
				      tmpl);
	if (!cl->data || !cl->pg_ctl || !cl->log || !initdb || !server_log || !opts || !conninfo) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if (strpbrk(tmpl, "'\\ ")) {
		rc = plumb_error_set(ctx, PLUMB_EUSAGE,
				     "temporary folder \"%s\" has characters a throwaway cluster "
				     "cannot use; set TMPDIR",
				     tmpl);
		goto done;
	}

	char *initdb_argv[] = {initdb,	    "-D",	    cl->data, "-A", "trust", "-U", "postgres",
			       "-N",	    "-E",	    "UTF8",   "--no-locale",	     NULL};
	if (run_tool(cl->log, initdb_argv) != 0) {
		rc = plumb_error_set(ctx, PLUMB_EDB, "could not create a throwaway cluster: initdb "
						     "failed");
		add_log_tail(ctx, arena, cl->log);
		goto done;
	}
	char *start_argv[] = {cl->pg_ctl, "-D", cl->data, "-l", server_log, "-w", "-t", "60",
			      "-o",	  opts, "start",  NULL};
	cl->started = true; /* a half-started server is stopped too */
	if (run_tool(cl->log, start_argv) != 0) {
		rc = plumb_error_set(ctx, PLUMB_EDB, "could not start a throwaway cluster");
		add_log_tail(ctx, arena, server_log);
		goto done;
	}

	if (!(c = new_conn(ctx, arena))) {
		rc = PLUMB_ENOMEM;
		goto done;
	}
	c->conninfo = conninfo;
	c->base.display = conninfo;
	c->scratch_db = "postgres";
	c->pg = connect_url(conninfo);
	rc = open_session(ctx, arena, c, conninfo, out);
done:
	/* a cluster that is of no use is not left running until the arena goes */
	if (rc < 0 && c)
		close_conn(c);
	if (rc < 0 && cl && cl->dir)
		cluster_remove(cl);
	return rc;
}

/* A scratch session loads schema files in TimeZone UTC, the zone the
 * offline builder reads a timestamptz literal without an offset in
 * (literal_time.c), so that both read a file alike. */
int plumb__pg_connect_scratch(plumb_ctx *ctx, plumb_arena *arena, const char *dev_url,
			      plumb_conn **out)
{
	*out = NULL;
	int rc = !dev_url || !*dev_url || strcmp(dev_url, "local") == 0
			 ? scratch_local(ctx, arena, out)
			 : scratch_on_server(ctx, arena, dev_url, out);
	if (rc == 0 && (rc = plumb__pg_command(ctx, (plumb_pg_conn *)*out,
					       "could not configure the session",
					       "SET TimeZone = 'UTC'")) < 0)
		*out = NULL;
	return rc;
}
