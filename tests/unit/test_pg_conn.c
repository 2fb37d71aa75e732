/* Unit tests of the PostgreSQL connection (conn.c) and tracking table
 * (tracking.c) against the suite's throwaway server: URLs, connecting by
 * URI, conninfo and PG* variables, passwords kept out of messages, scripts
 * and their error positions, statement-by-statement runs, transactions and
 * timeouts, the runner's advisory lock, the tracking table and scratch
 * databases. Run under tests/lib/pgtmp.sh (PLUMB_PG_URL, PGHOST, ...). */
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "dialect/pg/pg.h"
#include "tap.h"

static void msleep(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
	nanosleep(&ts, NULL);
}

/* Deadlines of waits that end on a condition (a loaded machine may be slow,
 * but not this slow), and of lock waits that must not time out. */
#define PATIENCE_MS 120000

static plumb_ctx *ctx;
static const char *url;

static const plumb_error *err(void)
{
	return plumb_ctx_error(ctx);
}

static const char *msg(void)
{
	return err()->message ? err()->message : "";
}

static plumb_pg_conn *open_url(plumb_arena *a, const char *u)
{
	plumb_conn *conn = NULL;
	plumb_error_clear(ctx);
	if (plumb_dialect_pg.connect(ctx, a, u, &conn) < 0) {
		printf("# connect failed: %s\n", msg());
		return NULL;
	}
	return (plumb_pg_conn *)conn;
}

/* The first column of the first row of sql, or NULL. */
static const char *value(plumb_pg_conn *c, const char *sql)
{
	PGresult *res = NULL;
	plumb_error_clear(ctx);
	if (plumb__pg_query(ctx, ctx->root, c, NULL, sql, 0, NULL, &res) < 0) {
		printf("# query failed: %s\n", msg());
		return NULL;
	}
	if (PQntuples(res) < 1 || PQgetisnull(res, 0, 0))
		return NULL;
	return PQgetvalue(res, 0, 0);
}

static long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void test_accepts_url(void)
{
	bool (*acc)(const char *) = plumb_dialect_pg.accepts_url;
	ok(acc("postgres://u@localhost/db"), "postgres:// accepted");
	ok(acc("postgresql:///db?host=/tmp"), "postgresql:// accepted");
	ok(acc("host=localhost dbname=app"), "conninfo accepted");
	ok(acc("dbname=postgres"), "conninfo with one setting accepted");
	ok(!acc("sqlite:app.db"), "sqlite: refused");
	ok(!acc("sqlite::memory:"), "sqlite::memory: refused");
	ok(!acc("schema.sql"), "a file name refused");
	ok(!acc("migrations"), "a folder name refused");
	ok(!acc("nosuchkey=1"), "an unknown conninfo keyword refused");
	ok(!acc("mysql://u@h/db"), "another scheme refused");
	ok(!acc(""), "empty refused");
	ok(!acc(NULL), "NULL refused");
	ok(plumb_dialect_for_url("postgres://h/db") == &plumb_dialect_pg, "dialect_for_url finds pg");
}

static void test_connect(void)
{
	plumb_arena *a = plumb_arena_new(ctx->root);
	plumb_pg_conn *c = open_url(a, url);
	ok(c != NULL, "connect by URI");
	if (c) {
		is_str(c->dbname, "postgres", "dbname from the server");
		is_str(value(c, "SELECT current_setting('application_name')"), "plumb",
		       "application_name is plumb");
		is_str(value(c, "SELECT current_setting('client_min_messages')"), "warning",
		       "client_min_messages is warning");
		is_str(c->base.display, url, "display of a URI without password is the URI");
	}

	char *ci = plumb_arena_printf(a, "host=%s port=%s user=postgres dbname=postgres",
				      getenv("PGHOST"), getenv("PGPORT"));
	c = open_url(a, ci);
	ok(c != NULL, "connect by conninfo");
	if (c)
		is_str(value(c, "SELECT current_database()"), "postgres", "conninfo database");

	c = open_url(a, "dbname=postgres");
	ok(c != NULL, "connect by PG* environment with dbname=postgres");
	if (c) {
		is_str(c->base.display, "dbname=postgres", "display of that conninfo");
		is_str(value(c, "SELECT current_setting('application_name')"), "plumb",
		       "application_name plumb there too");
	}
	c = open_url(a, "dbname=postgres application_name=mine");
	ok(c != NULL, "connect with an application_name");
	if (c)
		is_str(value(c, "SELECT current_setting('application_name')"), "mine",
		       "the URL's application_name wins");

	plumb_arena_free(a);
}

static void test_passwords(void)
{
	plumb_arena *a = plumb_arena_new(ctx->root);
	plumb_pg_conn *c;
	char *u = plumb_arena_printf(a, "postgresql://postgres:s3cr%%65t@/postgres?host=%s&port=%s",
				     getenv("PGHOST"), getenv("PGPORT"));
	c = open_url(a, u);
	ok(c != NULL, "connect by URI with a password (trust)");
	if (c) {
		ok(!strstr(c->base.display, "s3cr"), "display hides the password: %s",
		   c->base.display);
		ok(strstr(c->base.display, "postgres@") != NULL, "display keeps the user");
	}

	char *ci = plumb_arena_printf(a, "host=%s port=%s user=postgres password='hunter 2' "
					 "dbname=postgres",
				      getenv("PGHOST"), getenv("PGPORT"));
	c = open_url(a, ci);
	ok(c != NULL, "connect by conninfo with a password");
	if (c)
		ok(!strstr(c->base.display, "hunter"), "conninfo display hides the password: %s",
		   c->base.display);

	/* a database that does not exist, a port nobody listens on, a bad URI */
	const char *bad[] = {
		plumb_arena_printf(a, "postgresql://postgres:topsecret@/nosuchdb?host=%s&port=%s",
				   getenv("PGHOST"), getenv("PGPORT")),
		plumb_arena_printf(a, "postgresql://postgres:topsecret@/postgres?host=%s&port=1",
				   getenv("PGHOST")),
		"postgresql://postgres:topsecret@localhost:notaport/db",
		"host=/nonexistent password=topsecret dbname=x",
		"postgresql://u@/db?password=topsecret&host=/nonexistent",
		"password=topsecret junk",
		"postgresql://u:top%zzsecret@/db?host=/nonexistent",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		plumb_conn *conn = NULL;
		plumb_error_clear(ctx);
		int rc = plumb_dialect_pg.connect(ctx, a, bad[i], &conn);
		is_int(rc, PLUMB_EDB, "bad connection %zu fails", i);
		ok(!strstr(msg(), "topsecret") && !strstr(msg(), "secret") &&
			   !(err()->detail && strstr(err()->detail, "secret")),
		   "its message has no password: %s", msg());
	}
	plumb_arena_free(a);
}

static void test_scripts(void)
{
	plumb_arena *a = plumb_arena_new(ctx->root);
	plumb_pg_conn *c = open_url(a, url);
	if (!c) {
		ok(0, "connect for scripts");
		return;
	}
	plumb_error_clear(ctx);
	int rc = plumb__pg_exec_script(ctx, &c->base,
				       "CREATE TABLE s1 (id int);\n"
				       "INSERT INTO s1 VALUES (1);\n"
				       "INSERT INTO s1 VALUES (2); SELECT 1;\n",
				       "s.sql");
	is_int(rc, 0, "a script of several statements runs");
	is_str(value(c, "SELECT count(*) FROM s1"), "2", "its statements ran");

	plumb_error_clear(ctx);
	rc = plumb__pg_exec_script(ctx, &c->base,
				   "CREATE TABLE s2 (id int);\n"
				   "INSERT INTO s2 VALUES (1);\n"
				   "/* é */ INSERT INTO nosuch VALUES (1);\n",
				   "m.sql");
	is_int(rc, PLUMB_EDB, "a failing script is PLUMB_EDB");
	is_str(err()->file, "m.sql", "error names the file");
	is_int(err()->line, 3, "error on line 3");
	is_int(err()->col, 21, "error at the column of the table name (characters, not bytes)");
	is_str(err()->sqlstate, "42P01", "sqlstate recorded");
	ok(strstr(msg(), "relation \"nosuch\" does not exist") != NULL, "server message: %s",
	   msg());
	ok(value(c, "SELECT to_regclass('s2')") == NULL, "the script ran as one implicit transaction");

	plumb_error_clear(ctx);
	rc = plumb__pg_exec_script(ctx, &c->base, "SELECT 1;\nCREATE TABLE (;\n", "p.sql");
	is_int(rc, PLUMB_EPARSE, "a syntax error is PLUMB_EPARSE");
	is_int(err()->line, 2, "syntax error on line 2");
	is_int(err()->col, 14, "syntax error column");
	is_str(err()->sqlstate, "42601", "syntax error sqlstate");

	plumb_error_clear(ctx);
	rc = plumb__pg_exec_script(ctx, &c->base,
				   "DO $$ BEGIN RAISE EXCEPTION 'boom' USING HINT = 'do less'; END $$",
				   NULL);
	is_int(rc, PLUMB_EDB, "a raised exception fails");
	is_str(msg(), "boom", "its message");
	is_str(err()->hint, "do less", "its hint");
	ok(err()->file == NULL && err()->line == 0, "no position without a file");

	plumb_error_clear(ctx);
	rc = plumb__pg_exec_script(ctx, &c->base, "-- nothing\n", "e.sql");
	is_int(rc, 0, "an empty script runs");

	plumb_error_clear(ctx);
	PGresult *res = NULL;
	const char *params[] = {"a'b"};
	rc = plumb__pg_query(ctx, a, c, "could not echo", "SELECT $1::text", 1, params, &res);
	is_int(rc, 0, "query with a parameter");
	if (res)
		is_str(PQgetvalue(res, 0, 0), "a'b", "parameter round trip");
	plumb_error_clear(ctx);
	rc = plumb__pg_query(ctx, a, c, "could not read", "SELECT * FROM nosuch", 0, NULL, &res);
	is_int(rc, PLUMB_EDB, "failing query");
	ok(res == NULL, "no result on failure");
	ok(plumb_str_starts_with(msg(), "could not read: relation"), "prefixed by what: %s",
	   msg());
	plumb_error_clear(ctx);
	rc = plumb__pg_command(ctx, c, NULL, "SET search_path = public; SELECT 1");
	is_int(rc, 0, "command of two statements");
	plumb_arena_free(a);
}

static void test_exec_each(void)
{
	plumb_arena *a = plumb_arena_new(ctx->root);
	plumb_pg_conn *c = open_url(a, url);
	const char *failed = "unset";
	if (!c) {
		ok(0, "connect for exec_each");
		return;
	}
	plumb_error_clear(ctx);
	int rc = plumb__pg_exec_each(ctx, &c->base, a,
				     "-- plumb:no-transaction\n"
				     "CREATE TYPE mood AS ENUM ('sad', 'ok');\n"
				     "CREATE TABLE e1 (id int, m mood, note text DEFAULT 'a;b');\n"
				     "ALTER TYPE mood ADD VALUE 'x';\n"
				     "INSERT INTO e1 VALUES (1, 'x');\n"
				     "/* index; built online */\n"
				     "CREATE INDEX CONCURRENTLY e1_id ON e1 (id);\n"
				     "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;\n"
				     "CREATE FUNCTION g() RETURNS int LANGUAGE sql\n"
				     "BEGIN ATOMIC SELECT 1; SELECT 2; END;\n",
				     "n.sql", &failed);
	is_int(rc, 0, "exec_each runs CONCURRENTLY and a new enum value's use: %s", msg());
	ok(failed == NULL, "failed_stmt is NULL on success");
	is_str(value(c, "SELECT count(*) FROM e1 WHERE m = 'x'"), "1", "the row with 'x' is there");
	is_str(value(c, "SELECT indisvalid FROM pg_index WHERE indexrelid = 'e1_id'::regclass"),
	       "t", "the index was built");
	is_str(value(c, "SELECT f()"), "1", "a function body with ; is one statement");
	is_str(value(c, "SELECT g()"), "2", "a BEGIN ATOMIC body is one statement");

	plumb_error_clear(ctx);
	rc = plumb__pg_exec_each(ctx, &c->base, a,
				 "CREATE TABLE e2 (id int);\n"
				 "\n"
				 "  INSERT INTO e2\n"
				 "  VALUES ('nope');\n"
				 "CREATE TABLE e3 (id int);\n",
				 "f.sql", &failed);
	is_int(rc, PLUMB_EDB, "a failing statement fails exec_each");
	is_str(failed, "INSERT INTO e2\n  VALUES ('nope')", "failed_stmt is that statement");
	is_str(err()->file, "f.sql", "the error names the file");
	is_int(err()->line, 4, "the error is on the statement's line in the file");
	is_int(err()->col, 11, "at the server's position in the file");
	ok(value(c, "SELECT to_regclass('e2')") != NULL, "statements before it stay");
	ok(value(c, "SELECT to_regclass('e3')") == NULL, "statements after it do not run");

	plumb_error_clear(ctx);
	rc = plumb__pg_exec_each(ctx, &c->base, a, "SELECT 1;\nSELEC 2;\n", "g.sql", &failed);
	is_int(rc, PLUMB_EPARSE, "a syntax error in exec_each is PLUMB_EPARSE");
	is_int(err()->line, 2, "its line");
	is_str(failed, "SELEC 2", "and statement");

	plumb_error_clear(ctx);
	rc = plumb__pg_exec_each(ctx, &c->base, a, "SELECT 'unterminated;\n", "h.sql", &failed);
	is_int(rc, PLUMB_EPARSE, "an unterminated string is PLUMB_EPARSE");
	plumb_arena_free(a);
}

/* The cut exec_each sends, without sending: texts trimmed of blanks,
 * comments and semicolons, in order, with their offsets and positions. */
static void test_split_statements(void)
{
	plumb_arena *a = plumb_arena_new(ctx->root);
	const char *sql = "-- plumb:no-transaction\n"
			  "CREATE INDEX CONCURRENTLY i ON t (a);\n"
			  "/* a; comment */ ALTER TYPE mood ADD VALUE 'x;y';\n"
			  "CREATE FUNCTION f() RETURNS int LANGUAGE sql\n"
			  "BEGIN ATOMIC SELECT 1; SELECT 2; END;\n"
			  "\tDO $b$ BEGIN PERFORM 1; END $b$;; -- trailing\n";
	plumb_vec v;
	plumb_error_clear(ctx);
	int rc = plumb__pg_split_statements(ctx, a, sql, "s.sql", &v);
	is_int(rc, 0, "split: %s", msg());
	static const char *const want[] = {
		"CREATE INDEX CONCURRENTLY i ON t (a)",
		"ALTER TYPE mood ADD VALUE 'x;y'",
		"CREATE FUNCTION f() RETURNS int LANGUAGE sql\nBEGIN ATOMIC SELECT 1; SELECT 2; END",
		"DO $b$ BEGIN PERFORM 1; END $b$",
	};
	static const int lines[] = {2, 3, 4, 6}, cols[] = {1, 18, 1, 2};
	is_int((int)v.n, 4, "four statements (a BEGIN ATOMIC body is one)");
	for (size_t i = 0; i < v.n && i < 4; i++) {
		const plumb_pg_stmt *st = v.items[i];
		is_str(st->sql, want[i], "statement %zu", i + 1);
		ok(st->end - st->start == strlen(want[i]) &&
			   memcmp(sql + st->start, want[i], strlen(want[i])) == 0,
		   "statement %zu: its offsets in the input", i + 1);
		ok(st->line == lines[i] && st->col == cols[i], "statement %zu at %d:%d (got %d:%d)",
		   i + 1, lines[i], cols[i], st->line, st->col);
	}

	plumb_error_clear(ctx);
	rc = plumb__pg_split_statements(ctx, a, "SELECT 1;\n  SELEC 2;\n", "k.sql", &v);
	ok(rc == 0 && v.n == 2, "text that does not parse is cut by the scanner: %s", msg());
	if (v.n == 2) {
		const plumb_pg_stmt *st = v.items[1];
		is_str(st->sql, "SELEC 2", "a statement without a keyword is one too");
		ok(st->line == 2 && st->col == 3, "at 2:3 (got %d:%d)", st->line, st->col);
	}

	plumb_error_clear(ctx);
	rc = plumb__pg_split_statements(ctx, a, "SELECT 1;\nSELECT $$ open;\n", "u.sql", &v);
	is_int(rc, PLUMB_EPARSE, "an unterminated dollar quote is PLUMB_EPARSE");
	is_str(err()->file, "u.sql", "naming the file");
	is_int(err()->line, 2, "on its line");
	plumb_error_clear(ctx);
	rc = plumb__pg_split_statements(ctx, a, " ;\n-- nothing\n/* at /* all */ */", "e.sql", &v);
	ok(rc == 0 && v.n == 0, "only blanks, semicolons and comments: no statement");
	plumb_arena_free(a);
}

static void test_transactions(void)
{
	plumb_arena *a = plumb_arena_new(ctx->root);
	plumb_pg_conn *c = open_url(a, url), *other = open_url(a, url);
	if (!c || !other) {
		ok(0, "connect for transactions");
		return;
	}
	plumb_error_clear(ctx);
	is_int(plumb__pg_begin(ctx, &c->base, NULL), 0, "begin without options");
	ok(c->in_txn, "in_txn after begin");
	is_int(plumb__pg_exec_script(ctx, &c->base, "CREATE TABLE t1 (id int)", NULL), 0,
	       "create in a transaction");
	is_int(plumb__pg_rollback(ctx, &c->base), 0, "rollback");
	ok(!c->in_txn, "not in_txn after rollback");
	ok(value(c, "SELECT to_regclass('t1')") == NULL, "rollback undid the create");

	is_int(plumb__pg_begin(ctx, &c->base, NULL), 0, "begin");
	plumb__pg_exec_script(ctx, &c->base, "CREATE TABLE t2 (id int)", NULL);
	is_int(plumb__pg_commit(ctx, &c->base), 0, "commit");
	ok(value(c, "SELECT to_regclass('t2')") != NULL, "commit kept the create");

	is_int(plumb__pg_begin(ctx, &c->base, NULL), 0, "begin");
	plumb__pg_exec_script(ctx, &c->base, "SELECT 1/0", NULL);
	plumb_error_clear(ctx);
	is_int(plumb__pg_commit(ctx, &c->base), PLUMB_EDB, "commit of a failed transaction fails");
	is_int(plumb__pg_rollback(ctx, &c->base), 0, "rollback outside a transaction is fine");

	/* other holds a lock on t2 for as long as the test wants: an ALTER with
	 * lock_timeout fails; the statement_timeout is far longer, so only the
	 * lock_timeout can end the wait */
	plumb_txn_opts opts = {.lock_timeout_ms = 200, .statement_timeout_ms = 600000};
	plumb_error_clear(ctx);
	is_int(plumb__pg_begin(ctx, &other->base, NULL), 0, "other begins");
	is_int(plumb__pg_exec_script(ctx, &other->base, "LOCK TABLE t2 IN ACCESS SHARE MODE", NULL),
	       0, "other locks t2");
	is_int(plumb__pg_begin(ctx, &c->base, &opts), 0, "begin with lock_timeout");
	is_str(value(c, "SELECT current_setting('lock_timeout')"), "200ms", "lock_timeout set");
	is_str(value(c, "SELECT current_setting('statement_timeout')"), "10min",
	       "statement_timeout set");
	long t0 = now_ms();
	plumb_error_clear(ctx);
	int rc = plumb__pg_exec_script(ctx, &c->base, "ALTER TABLE t2 ADD COLUMN x int", "l.sql");
	long took = now_ms() - t0;
	is_int(rc, PLUMB_EDB, "the blocked ALTER fails");
	is_str(err()->sqlstate, "55P03", "with lock_not_available");
	/* no upper bound: the sqlstate says which timeout ended it */
	ok(took >= 200, "after lock_timeout at least (%ld ms)", took);
	is_int(plumb__pg_rollback(ctx, &c->base), 0, "rollback after the timeout");
	is_str(value(c, "SELECT current_setting('lock_timeout')"), "0", "SET LOCAL ended with it");
	plumb__pg_rollback(ctx, &other->base);

	/* a broken connection: rollback is still safe */
	plumb__pg_begin(ctx, &c->base, NULL);
	int victim = PQbackendPID(c->pg);
	char *kill = plumb_arena_printf(a, "SELECT pg_terminate_backend(%d)", victim);
	char *gone = plumb_arena_printf(a, "SELECT count(*) FROM pg_stat_activity WHERE pid = %d",
					victim);
	value(other, kill);
	/* until the backend has gone, not for a while */
	for (long waited = 0; waited < PATIENCE_MS; waited += 20) {
		const char *n = value(other, gone);
		if (!n || strcmp(n, "0") == 0)
			break;
		msleep(20);
	}
	plumb_error_clear(ctx);
	rc = plumb__pg_exec_script(ctx, &c->base, "SELECT 1", NULL);
	is_int(rc, PLUMB_EDB, "a terminated connection fails: %s", msg());
	plumb_error_clear(ctx);
	is_int(plumb__pg_rollback(ctx, &c->base), 0, "rollback on a broken connection is safe");
	plumb_arena_free(a);
}

static void test_lock(void)
{
	plumb_arena *a = plumb_arena_new(ctx->root);
	plumb_pg_conn *c1 = open_url(a, url), *c2 = open_url(a, url), *c3 = open_url(a, url);
	if (!c1 || !c2 || !c3) {
		ok(0, "connect for locks");
		return;
	}
	plumb_error_clear(ctx);
	is_int(plumb__pg_lock(ctx, &c1->base, PATIENCE_MS), 0, "first runner takes the lock");
	ok(c1->lock_pg != NULL, "on a dedicated connection");
	is_int(plumb__pg_lock(ctx, &c1->base, PATIENCE_MS), 0, "taking it again is a no-op");
	char *pid = plumb_arena_printf(a, "pid %d ", PQbackendPID(c1->lock_pg));

	long t0 = now_ms();
	plumb_error_clear(ctx);
	int rc = plumb__pg_lock(ctx, &c2->base, 300);
	long took = now_ms() - t0;
	is_int(rc, PLUMB_ELOCKED, "second runner gets PLUMB_ELOCKED");
	/* c1 holds it throughout: at least the timeout; well under a minute
	 * (a timeout taken as seconds, or ignored, would be far longer) */
	ok(took >= 300 && took < 60000, "after the timeout (%ld ms)", took);
	ok(strstr(msg(), pid) != NULL, "the message names the holder's pid: %s", msg());
	ok(strstr(msg(), "plumb (lock)") && strstr(msg(), "since 2"),
	   "and its application and since when");
	ok(err()->hint && strstr(err()->hint, "pg_terminate_backend"), "with a hint");
	ok(c2->lock_pg == NULL, "no lock connection is left open");

	/* drizzle's table is another key */
	c3->base.tracking = PLUMB_TRACKING_DRIZZLE;
	plumb_error_clear(ctx);
	is_int(plumb__pg_lock(ctx, &c3->base, 0), 0, "a drizzle runner has its own key");
	is_int(plumb__pg_unlock(ctx, &c3->base), 0, "its unlock");

	plumb_error_clear(ctx);
	is_int(plumb__pg_unlock(ctx, &c1->base), 0, "unlock");
	ok(c1->lock_pg == NULL, "unlock closes the lock connection");
	is_int(plumb__pg_unlock(ctx, &c1->base), 0, "unlock twice is fine");
	plumb_error_clear(ctx);
	is_int(plumb__pg_lock(ctx, &c2->base, PATIENCE_MS), 0,
	       "after unlock the second runner gets in");

	/* a runner that goes away takes its lock with it (once its backend has
	 * exited, which happens after PQfinish returns: wait as long as needed) */
	PQfinish(c2->lock_pg); /* as if the process died */
	c2->lock_pg = NULL;
	plumb_error_clear(ctx);
	is_int(plumb__pg_lock(ctx, &c1->base, PATIENCE_MS), 0, "the lock of a dead session is free");
	plumb__pg_unlock(ctx, &c1->base);
	plumb_arena_free(a);
}

static void test_tracking(void)
{
	plumb_arena *a = plumb_arena_new(ctx->root);
	plumb_pg_conn *c = open_url(a, url);
	plumb_vec rows = {0};
	if (!c) {
		ok(0, "connect for tracking");
		return;
	}
	plumb_error_clear(ctx);
	is_int(plumb__pg_tracking_read(ctx, &c->base, a, &rows), 0, "read without the table");
	is_int(rows.n, 0, "gives no rows");
	ok(value(c, "SELECT to_regclass('public.plumb_migrations')") == NULL,
	   "and does not create it");
	is_int(plumb__pg_tracking_ensure(ctx, &c->base), 0, "ensure creates it");
	is_int(plumb__pg_tracking_ensure(ctx, &c->base), 0, "ensure again is fine");
	plumb__pg_command(ctx, c, NULL, "CREATE SCHEMA other; SET search_path = other");
	is_int(plumb__pg_tracking_read(ctx, &c->base, a, &rows), 0, "read with another search_path");
	is_int(rows.n, 0, "empty table");

	plumb_record r1 = {.version = "20261124093000", .name = "add_users", .checksum = "abc",
			   .state = PLUMB_RECORD_APPLIED, .applied_at = "2026-11-24T09:30:00Z",
			   .duration_ms = 42, .applied_by = "ann"};
	plumb_record r2 = {.version = "9", .name = "early", .checksum = "def",
			   .state = PLUMB_RECORD_FAILED, .applied_at = "2026-11-24T09:31:00Z",
			   .error = "CREATE x: boom"};
	is_int(plumb__pg_tracking_write(ctx, &c->base, &r1), 0, "write a row");
	is_int(plumb__pg_tracking_write(ctx, &c->base, &r2), 0, "write another: %s", msg());
	rows = (plumb_vec){0};
	is_int(plumb__pg_tracking_read(ctx, &c->base, a, &rows), 0, "read");
	is_int(rows.n, 2, "two rows");
	if (rows.n == 2) {
		plumb_record *x = rows.items[0], *y = rows.items[1];
		is_str(x->version, "9", "sorted by version as numbers");
		is_int(x->state, PLUMB_RECORD_FAILED, "state");
		is_str(x->error, "CREATE x: boom", "error");
		ok(x->applied_by == NULL, "applied_by NULL stays NULL");
		is_str(y->name, "add_users", "name");
		is_str(y->checksum, "abc", "checksum");
		is_str(y->applied_at, "2026-11-24T09:30:00Z", "applied_at round trip");
		is_int(y->duration_ms, 42, "duration");
		is_str(y->applied_by, "ann", "applied_by");
		ok(y->error == NULL, "no error");
	}
	r2.state = PLUMB_RECORD_APPLIED;
	r2.error = NULL;
	r2.duration_ms = 7;
	is_int(plumb__pg_tracking_write(ctx, &c->base, &r2), 0, "write updates a row");
	rows = (plumb_vec){0};
	plumb__pg_tracking_read(ctx, &c->base, a, &rows);
	is_int(rows.n, 2, "still two rows");
	if (rows.n == 2) {
		plumb_record *x = rows.items[0];
		is_int(x->state, PLUMB_RECORD_APPLIED, "updated state");
		ok(x->error == NULL, "updated error");
		is_int(x->duration_ms, 7, "updated duration");
	}
	is_int(plumb__pg_tracking_delete(ctx, &c->base, "9"), 0, "delete");
	rows = (plumb_vec){0};
	plumb__pg_tracking_read(ctx, &c->base, a, &rows);
	is_int(rows.n, 1, "one row left");
	plumb_record bad = r1;
	bad.applied_at = NULL;
	bad.version = "1";
	/* between a time taken before the write and one after: no guess of how
	 * long the write takes */
	const char *t = value(c, "SELECT clock_timestamp()::text");
	char *before = plumb_arena_strdup(a, t ? t : "infinity");
	is_int(plumb__pg_tracking_write(ctx, &c->base, &bad), 0, "write without applied_at");
	char *sql = plumb_arena_printf(a,
				       "SELECT applied_at BETWEEN '%s'::timestamptz AND now() "
				       "FROM public.plumb_migrations WHERE version = '1'",
				       before);
	is_str(value(c, sql), "t", "applied_at defaults to now");
	plumb_arena_free(a);
}

static bool db_exists(plumb_pg_conn *c, const char *name)
{
	char *sql = plumb_arena_printf(ctx->root,
				       "SELECT count(*) FROM pg_database WHERE datname = '%s'", name);
	const char *v = value(c, sql);
	return v && strcmp(v, "1") == 0;
}

static void test_scratch(void)
{
	plumb_arena *a = plumb_arena_new(ctx->root);
	plumb_pg_conn *c = open_url(a, url);
	plumb_arena *sa = plumb_arena_new(ctx->root);
	plumb_conn *sconn = NULL;
	plumb_error_clear(ctx);
	int rc = plumb_dialect_pg.connect_scratch(ctx, sa, url, &sconn);
	is_int(rc, 0, "connect_scratch on the server: %s", msg());
	plumb_pg_conn *s = (plumb_pg_conn *)sconn;
	char *name = s ? plumb_arena_strdup(a, s->dbname) : "none";
	ok(s && s->scratch_db && plumb_str_starts_with(name, "plumb_scratch_"), "named %s", name);
	ok(c && db_exists(c, name), "the scratch database exists while open");
	if (s) {
		is_str(value(s, "SELECT current_database()"), name, "connected to it");
		is_str(value(s, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace"),
		       "0", "it is empty");
		plumb_error_clear(ctx);
		is_int(plumb__pg_exec_script(ctx, sconn, "CREATE TABLE x (id int)", NULL), 0,
		       "usable");
	}
	plumb_arena_free(sa);
	ok(c && !db_exists(c, name), "the scratch database is gone after the arena is freed");

	/* a second one gets another name */
	sa = plumb_arena_new(ctx->root);
	plumb_error_clear(ctx);
	plumb_dialect_pg.connect_scratch(ctx, sa, url, &sconn);
	ok(sconn && strcmp(((plumb_pg_conn *)sconn)->dbname, name) != 0, "a second scratch has another name");
	plumb_arena_free(sa);

	/* the local throwaway cluster */
	sa = plumb_arena_new(ctx->root);
	plumb_error_clear(ctx);
	rc = plumb_dialect_pg.connect_scratch(ctx, sa, "local", &sconn);
	if (geteuid() == 0) {
		is_int(rc, PLUMB_EUSAGE, "as root a local cluster is refused");
		ok(strstr(msg(), "--dev-url") != NULL, "saying to give --dev-url: %s", msg());
	} else if (rc == PLUMB_ENOTFOUND) {
		ok(1, "# SKIP no initdb on this machine");
		ok(1, "# SKIP");
	} else {
		is_int(rc, 0, "a local throwaway cluster starts: %s", msg());
		s = (plumb_pg_conn *)sconn;
		ok(s && value(s, "SELECT 1") != NULL, "and answers");
	}
	plumb_arena_free(sa);
	plumb_arena_free(a);
}

int main(void)
{
	url = getenv("PLUMB_PG_URL");
	if (!url || !getenv("PGHOST")) {
		printf("1..0 # SKIP no PostgreSQL server (run under tests/lib/pgtmp.sh)\n");
		return 0;
	}
	if (plumb_ctx_new(&ctx) < 0)
		return 1;
	test_accepts_url();
	test_connect();
	test_passwords();
	test_scripts();
	test_exec_each();
	test_split_statements();
	test_transactions();
	test_lock();
	test_tracking();
	test_scratch();
	plumb_ctx_free(ctx);
	return done_testing();
}
