/* Unit tests of runner/ with real SQLite files: pending migrations applied
 * exactly once, rollback of a failing migration, refusals (modified, failed,
 * out of order), --to, dry runs, baselines, no-transaction failures (the
 * started row, --retry-failed), drizzle-kit folders recorded in drizzle-orm's
 * table, plans, replays, and two processes migrating one database at once. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "dialect/sqlite/sqlite.h"
#include "runner/runner.h"
#include "tap.h"

static char root[] = "/tmp/plumb-test-runner-XXXXXX";
static plumb_ctx *ctx;

static char *path(const char *name)
{
	return plumb_arena_printf(ctx->root, "%s/%s", root, name);
}

static void put(const char *dir, const char *name, const char *text)
{
	plumb_fs_mkdir_p(ctx, dir);
	FILE *f = fopen(plumb_path_join(ctx->root, dir, name), "wb");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

static void del(const char *dir, const char *name)
{
	unlink(plumb_path_join(ctx->root, dir, name));
}

static plumb_history *load(const char *dir)
{
	plumb_history *h = NULL;
	plumb_error_clear(ctx);
	if (plumb_history_load(ctx, ctx->root, dir, &h) < 0) {
		printf("# load failed: %s\n", plumb_ctx_error(ctx)->message);
		abort();
	}
	return h;
}

static plumb_conn *open_db(const char *name)
{
	plumb_conn *conn = NULL;
	char *url = plumb_arena_printf(ctx->root, "sqlite:%s/%s", root, name);
	if (plumb_dialect_sqlite.connect(ctx, ctx->root, url, &conn) < 0) {
		printf("# connect failed: %s\n", plumb_ctx_error(ctx)->message);
		abort();
	}
	return conn;
}

static long count(plumb_conn *conn, const char *sql)
{
	sqlite3 *db = ((plumb_sqlite_conn *)conn)->db;
	sqlite3_stmt *st;
	long n = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		return -2;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static bool has_table(plumb_conn *conn, const char *name)
{
	char *sql = plumb_arena_printf(
		ctx->root, "SELECT count(*) FROM sqlite_master WHERE type='table' AND name='%s'",
		name);
	return count(conn, sql) == 1;
}

static int migrate(plumb_conn *conn, plumb_history *h, const plumb_migrate_opts *o, size_t *n)
{
	plumb_error_clear(ctx);
	return plumb_runner_migrate(ctx, conn, h, o, n);
}

static plumb_mig_status status_of(plumb_conn *conn, plumb_history *h, const char *version)
{
	plumb_vec recs = {0}, states = {0};
	plumb_error_clear(ctx);
	if (conn->dialect->tracking_read(ctx, conn, ctx->root, &recs) < 0 ||
	    plumb_runner_status(ctx, ctx->root, h, &recs, &states) < 0)
		return (plumb_mig_status)-1;
	for (size_t i = 0; i < states.n; i++) {
		plumb_mig_state *s = states.items[i];
		if (strcmp(s->version, version) == 0)
			return s->status;
	}
	return (plumb_mig_status)-2;
}

static int n_progress, n_progress_dry;
static void progress(const plumb_migration *m, long ms, bool dry, void *payload)
{
	(void)m;
	(void)ms;
	(void)payload;
	n_progress++;
	if (dry)
		n_progress_dry++;
}

static bool has(const char *s, const char *sub)
{
	return s && strstr(s, sub);
}

static void test_basic(void)
{
	char *d = path("basic");
	put(d, "1_a.sql", "CREATE TABLE a (x INTEGER);\n");
	put(d, "2_b.sql", "CREATE TABLE b (x INTEGER);\r\nINSERT INTO b VALUES (1);\r\n");
	plumb_history *h = load(d);
	plumb_conn *c = open_db("basic.db");
	size_t n = 99;
	plumb_migrate_opts o = {.progress = progress};
	n_progress = 0;
	is_int(migrate(c, h, &o, &n), 0, "migrate applies pending");
	is_int(n, 2, "two applied");
	is_int(n_progress, 2, "progress called for each");
	ok(has_table(c, "a") && has_table(c, "b"), "tables created");
	is_int(count(c, "SELECT count(*) FROM plumb_migrations WHERE state = 'applied' AND "
			"applied_by IS NOT NULL AND applied_at LIKE '____-__-__T__:__:__Z'"),
	       2, "two applied rows with time and user");
	plumb_migration *m = h->migrations.items[1];
	char *q = plumb_arena_printf(ctx->root,
				     "SELECT count(*) FROM plumb_migrations WHERE version = '2' "
				     "AND name = 'b' AND checksum = '%s'",
				     m->checksum);
	is_int(count(c, q), 1, "checksum recorded");
	is_int(migrate(c, h, &o, &n), 0, "second migrate");
	is_int(n, 0, "applies nothing");
	is_int(count(c, "SELECT count(*) FROM b"), 1, "b's insert ran once");
	is_int(status_of(c, h, "1"), PLUMB_MIG_APPLIED, "status applied");

	/* a failing migration rolls back completely */
	put(d, "3_c.sql",
	    "CREATE TABLE c (x INTEGER PRIMARY KEY);\nINSERT INTO c VALUES (1);\n"
	    "INSERT INTO c VALUES (1);\n");
	h = load(d);
	is_int(migrate(c, h, &o, &n), PLUMB_EDB, "a failing migration fails");
	const plumb_error *e = plumb_ctx_error(ctx);
	ok(has(e->detail, "in migration \"3_c\""), "detail names the migration: %s",
	   e->detail ? e->detail : "(none)");
	ok(has(e->message, "UNIQUE"), "message is the database's: %s", e->message);
	ok(has(e->file, "3_c.sql") && e->line == 3, "positioned in the file: %s:%d",
	   e->file ? e->file : "(none)", e->line);
	ok(!has_table(c, "c"), "no table left behind");
	is_int(count(c, "SELECT count(*) FROM plumb_migrations WHERE version = '3'"), 0,
	       "no row left behind");
	is_int(status_of(c, h, "3"), PLUMB_MIG_PENDING, "still pending");
	del(d, "3_c.sql");

	/* modified and missing */
	put(d, "1_a.sql", "CREATE TABLE a (x INTEGER, y TEXT);\n");
	h = load(d);
	is_int(status_of(c, h, "1"), PLUMB_MIG_MODIFIED, "status modified");
	put(d, "4_d.sql", "CREATE TABLE d (x);\n");
	h = load(d);
	is_int(migrate(c, h, &o, &n), PLUMB_EINTEGRITY, "a modified applied migration is refused");
	ok(has(e->message, "\"1_a\"") && has(e->message, "modified"), "names it: %s", e->message);
	ok(!has_table(c, "d"), "nothing ran");
	put(d, "1_a.sql", "CREATE TABLE a (x INTEGER);\r\n");
	h = load(d);
	is_int(status_of(c, h, "1"), PLUMB_MIG_APPLIED, "a CRLF-only edit is not a modification");
	del(d, "2_b.sql");
	h = load(d);
	is_int(status_of(c, h, "2"), PLUMB_MIG_MISSING, "status missing");
	is_int(status_of(c, h, "4"), PLUMB_MIG_PENDING, "status pending");
}

static void test_order(void)
{
	char *d = path("order");
	put(d, "1_a.sql", "CREATE TABLE a (x);\n");
	put(d, "3_c.sql", "CREATE TABLE c (x);\n");
	plumb_history *h = load(d);
	plumb_conn *c = open_db("order.db");
	size_t n;
	plumb_migrate_opts o = {0};
	is_int(migrate(c, h, &o, &n), 0, "1 and 3 applied");
	put(d, "2_b.sql", "CREATE TABLE b (x);\n");
	h = load(d);
	is_int(status_of(c, h, "2"), PLUMB_MIG_OUT_OF_ORDER, "status out-of-order");
	is_int(migrate(c, h, &o, &n), PLUMB_EINTEGRITY, "out-of-order is refused");
	const plumb_error *e = plumb_ctx_error(ctx);
	ok(has(e->message, "\"2_b\" is older than the newest applied one (3)"), "message: %s",
	   e->message);
	ok(has(e->hint, "--allow-out-of-order"), "hint names the flag");
	ok(!has_table(c, "b"), "nothing ran");
	o.allow_out_of_order = true;
	is_int(migrate(c, h, &o, &n), 0, "allowed with the flag");
	is_int(n, 1, "one applied");
	ok(has_table(c, "b"), "b created");

	/* --to */
	put(d, "4_d.sql", "CREATE TABLE d (x);\n");
	put(d, "5_e.sql", "CREATE TABLE e (x);\n");
	put(d, "6_f.sql", "CREATE TABLE f (x);\n");
	h = load(d);
	plumb_migrate_opts to = {.to_version = "5"};
	is_int(migrate(c, h, &to, &n), 0, "--to 5");
	is_int(n, 2, "two applied");
	ok(has_table(c, "e") && !has_table(c, "f"), "stopped after 5");
	to.to_version = "77";
	is_int(migrate(c, h, &to, &n), PLUMB_ENOTFOUND, "--to an unknown version");
	is_int(migrate(c, h, &o, &n), 0, "the rest");
	is_int(n, 1, "one applied");
}

static void test_dry_run_and_baseline(void)
{
	char *d = path("dry");
	put(d, "1_a.sql", "CREATE TABLE a (x);\n");
	put(d, "2_b.sql", "CREATE TABLE b (x);\n");
	put(d, "3_c.sql", "CREATE TABLE c (x);\n");
	plumb_history *h = load(d);
	plumb_conn *c = open_db("dry.db");
	size_t n;
	plumb_migrate_opts o = {.dry_run = true, .progress = progress};
	n_progress = n_progress_dry = 0;
	is_int(migrate(c, h, &o, &n), 0, "dry run");
	is_int(n_progress_dry, 3, "progress for each that would run");
	is_int(n, 3, "n_applied counts what would run");
	is_int(count(c, "SELECT count(*) FROM sqlite_master"), 0,
	       "nothing created, not even the tracking table");
	is_int(status_of(c, h, "1"), PLUMB_MIG_PENDING, "status reads a database without table");
	is_int(count(c, "SELECT count(*) FROM sqlite_master"), 0, "status does not write");

	plumb_error_clear(ctx);
	is_int(plumb_runner_baseline(ctx, c, h, "9"), PLUMB_ENOTFOUND, "unknown baseline version");
	plumb_error_clear(ctx);
	is_int(plumb_runner_baseline(ctx, c, h, "2"), 0, "baseline 2");
	is_int(count(c, "SELECT count(*) FROM plumb_migrations WHERE state = 'baseline'"), 2,
	       "two baseline rows");
	is_int(status_of(c, h, "2"), PLUMB_MIG_BASELINE, "status baseline");
	o.dry_run = false;
	is_int(migrate(c, h, &o, &n), 0, "migrate after baseline");
	is_int(n, 1, "only 3 runs");
	ok(!has_table(c, "a") && has_table(c, "c"), "baselined ones did not run");
	plumb_error_clear(ctx);
	is_int(plumb_runner_baseline(ctx, c, h, "3"), 0, "baseline over an applied one");
	is_int(count(c, "SELECT count(*) FROM plumb_migrations WHERE version = '3' AND state = "
			"'applied'"),
	       1, "applied rows keep their state");
}

static void test_no_transaction(void)
{
	char *d = path("nt");
	put(d, "1_a.sql", "CREATE TABLE a (x);\n");
	put(d, "2_nt.sql",
	    "-- plumb:no-transaction\nCREATE TABLE p (x PRIMARY KEY);\n"
	    "INSERT INTO p VALUES (1);\nINSERT INTO p VALUES (1);\n"
	    "CREATE TABLE q (x);\n");
	put(d, "3_c.sql", "CREATE TABLE c (x);\n");
	plumb_history *h = load(d);
	plumb_conn *c = open_db("nt.db");
	size_t n;
	plumb_migrate_opts o = {0};
	is_int(migrate(c, h, &o, &n), PLUMB_EDB, "no-transaction failure");
	is_int(n, 1, "the one before it was applied");
	const plumb_error *e = plumb_ctx_error(ctx);
	ok(has(e->detail, "in migration \"2_nt\""), "detail names it");
	ok(has_table(c, "p") && !has_table(c, "q") && !has_table(c, "c"),
	   "statements before the failing one stay; nothing after runs");
	is_int(count(c, "SELECT count(*) FROM plumb_migrations WHERE version = '2' AND state = "
			"'failed' AND error LIKE '%INSERT INTO p VALUES%' AND error LIKE "
			"'%UNIQUE%'"),
	       1, "a failed row with the statement and the error");
	is_int(status_of(c, h, "2"), PLUMB_MIG_FAILED, "status failed");
	is_int(migrate(c, h, &o, &n), PLUMB_EFAILED, "the next migrate refuses");
	ok(has(e->message, "\"2_nt\""), "names it: %s", e->message);
	ok(has(e->detail, "INSERT INTO p"), "with the recorded error");
	ok(has(e->hint, "plumb repair"), "hint says how out");
	/* repaired by hand: the row deleted, the migration fixed */
	plumb_error_clear(ctx);
	c->dialect->tracking_delete(ctx, c, "2");
	put(d, "2_nt.sql",
	    "-- plumb:no-transaction\nCREATE TABLE IF NOT EXISTS p (x PRIMARY KEY);\n"
	    "INSERT OR IGNORE INTO p VALUES (1);\nCREATE TABLE q (x);\n");
	h = load(d);
	is_int(migrate(c, h, &o, &n), 0, "after repair it runs");
	is_int(n, 2, "2 and 3");
}

static void test_plan_and_replay(void)
{
	plumb_conn *c = open_db("plan.db");
	plumb_plan plan = {.dialect = "sqlite"};
	plumb_stmt s1 = {.sql = "CREATE TABLE t (x)"}, s2 = {.sql = "CREATE INDEX ti ON t (x)"},
		   s3 = {.sql = "INSERT INTO t VALUES (1)"};
	plumb_vec_push(ctx->root, &plan.stmts, &s1);
	plumb_vec_push(ctx->root, &plan.stmts, &s2);
	plumb_vec_push(ctx->root, &plan.stmts, &s3);
	s2.no_transaction = true;
	plumb_error_clear(ctx);
	is_int(plumb_runner_apply_plan(ctx, c, &plan), 0, "plan applied");
	ok(has_table(c, "t") && count(c, "SELECT count(*) FROM t") == 1, "plan ran");
	is_int(count(c, "SELECT count(*) FROM sqlite_master WHERE name = 'ti'"), 1, "index too");
	plumb_plan bad = {.dialect = "sqlite"};
	plumb_stmt b1 = {.sql = "CREATE TABLE u (x PRIMARY KEY)"},
		   b2 = {.sql = "INSERT INTO u VALUES (1)"},
		   b3 = {.sql = "INSERT INTO u VALUES (1)"};
	plumb_vec_push(ctx->root, &bad.stmts, &b1);
	plumb_vec_push(ctx->root, &bad.stmts, &b2);
	plumb_vec_push(ctx->root, &bad.stmts, &b3);
	plumb_error_clear(ctx);
	is_int(plumb_runner_apply_plan(ctx, c, &bad), PLUMB_EDB, "a failing plan fails");
	ok(!has_table(c, "u"), "and rolls back");

	char *d = path("replay");
	put(d, "1_a.sql", "CREATE TABLE a (x);\n");
	put(d, "2_b.sql", "CREATE TABLE b (x);\n");
	plumb_history *h = load(d);
	plumb_conn *s;
	plumb_error_clear(ctx);
	is_int(plumb_dialect_sqlite.connect_scratch(ctx, ctx->root, NULL, &s), 0, "scratch db");
	is_int(plumb_runner_replay(ctx, s, h), 0, "replayed");
	ok(has_table(s, "a") && has_table(s, "b") && !has_table(s, "plumb_migrations"),
	   "tables without tracking table");
	put(d, "3_c.sql", "CREATE TABLE c (x PRIMARY KEY);\nINSERT INTO c VALUES (1), (1);\n");
	h = load(d);
	plumb_error_clear(ctx);
	is_int(plumb_dialect_sqlite.connect_scratch(ctx, ctx->root, NULL, &s), 0, "scratch db");
	is_int(plumb_runner_replay(ctx, s, h), PLUMB_EDB, "replay error");
	const plumb_error *e = plumb_ctx_error(ctx);
	ok(has(e->file, "3_c.sql") && e->line == 2, "positioned in the migration: %s:%d",
	   e->file ? e->file : "(none)", e->line);
	ok(!has_table(s, "c"), "the failing migration rolled back");
}

static void test_concurrent(void)
{
	enum { N = 8 };
	char *d = path("conc");
	/* the first one takes a while, so both runners read the empty state first */
	put(d, "0001_log.sql",
	    "CREATE TABLE log (n INTEGER);\nCREATE TABLE big (x INTEGER);\n"
	    "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 200000)\n"
	    "INSERT INTO big SELECT x FROM c;\n");
	for (int i = 2; i <= N; i++) {
		char name[32], sql[128];
		snprintf(name, sizeof(name), "%04d_t%d.sql", i, i);
		snprintf(sql, sizeof(sql), "CREATE TABLE t%d (x);\nINSERT INTO log VALUES (%d);\n",
			 i, i);
		put(d, name, sql);
	}
	plumb_history *h = load(d);
	int fds[2][2], go[2];
	pid_t pids[2];
	if (pipe(go) != 0)
		abort();
	for (int k = 0; k < 2; k++) {
		if (pipe(fds[k]) != 0)
			abort();
		pids[k] = fork();
		if (pids[k] == 0) {
			plumb_conn *c = open_db("conc.db");
			/* each waits for the other's write transactions for as long as
			 * they take (not plumb's default 30 s: the machine may be loaded) */
			plumb_migrate_opts o = {.lock_timeout_ms = 600000};
			sqlite3_busy_timeout(((plumb_sqlite_conn *)c)->db, 600000);
			size_t n = 0;
			char b;
			close(go[1]);
			if (read(go[0], &b, 1) != 0) /* start together: when the parent closes it */
				_exit(2);
			int rc = migrate(c, h, &o, &n);
			if (rc < 0)
				fprintf(stderr, "child: %s\n", plumb_ctx_error(ctx)->message);
			char buf[32];
			int len = snprintf(buf, sizeof(buf), "%d %zu", rc, n);
			if (write(fds[k][1], buf, (size_t)len) != len)
				_exit(2);
			_exit(0);
		}
		close(fds[k][1]);
	}
	close(go[0]);
	close(go[1]);
	int total = 0, fails = 0;
	for (int k = 0; k < 2; k++) {
		char buf[32] = {0};
		int status;
		if (read(fds[k][0], buf, sizeof(buf) - 1) <= 0)
			fails++;
		close(fds[k][0]);
		waitpid(pids[k], &status, 0);
		int rc = 0;
		size_t n = 0;
		sscanf(buf, "%d %zu", &rc, &n);
		if (rc != 0)
			fails++;
		total += (int)n;
	}
	is_int(fails, 0, "both runners succeed");
	is_int(total, N, "each migration applied once in all");
	plumb_conn *c = open_db("conc.db");
	is_int(count(c, "SELECT count(*) FROM log"), N - 1, "each body ran once");
	is_int(count(c, "SELECT count(*) FROM plumb_migrations"), N, "one row each");
}

static void test_foreign_keys_off(void)
{
	char *d = path("fk");
	put(d, "1_a.sql",
	    "CREATE TABLE p (id INTEGER PRIMARY KEY);\n"
	    "CREATE TABLE c (p INTEGER REFERENCES p (id));\n"
	    "INSERT INTO p VALUES (1);\nINSERT INTO c VALUES (1);\n");
	/* the table-rebuild procedure: drop the parent while children point at it */
	put(d, "2_rebuild.sql",
	    "-- plumb:foreign-keys off\n"
	    "CREATE TABLE p_new (id INTEGER PRIMARY KEY, v TEXT);\n"
	    "INSERT INTO p_new (id) SELECT id FROM p;\nDROP TABLE p;\n"
	    "ALTER TABLE p_new RENAME TO p;\n");
	put(d, "3_bad.sql", "-- plumb:foreign-keys off\nDELETE FROM p;\n");
	plumb_history *h = load(d);
	plumb_conn *c = open_db("fk.db");
	size_t n;
	/* checks are made when the connection enforces foreign keys */
	sqlite3_exec(((plumb_sqlite_conn *)c)->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
	is_int(migrate(c, h, NULL, &n), PLUMB_EDB, "a dangling reference fails at commit");
	is_int(n, 2, "the rebuild under foreign-keys off applied");
	ok(has(plumb_ctx_error(ctx)->detail, "in migration \"3_bad\""), "names the migration");
	is_int(count(c, "SELECT count(*) FROM p"), 1, "the failing one rolled back");
	is_int(count(c, "SELECT count(*) FROM plumb_migrations"), 2, "and left no row");
}

static void test_retry_and_started_row(void)
{
	char *d = path("retry");
	put(d, "1_a.sql", "CREATE TABLE seen (state TEXT);\n");
	/* the row saying it started exists before its first statement runs */
	put(d, "2_nt.sql",
	    "-- plumb:no-transaction\n"
	    "INSERT INTO seen SELECT state || ':' || error FROM plumb_migrations WHERE version = '2';\n"
	    "CREATE TABLE IF NOT EXISTS r (x);\nINSERT INTO fixme VALUES (1);\n");
	put(d, "3_b.sql", "CREATE TABLE b (x);\n");
	plumb_history *h = load(d);
	plumb_conn *c = open_db("retry.db");
	size_t n;
	plumb_migrate_opts o = {0};
	/* SQLite reports a missing table when preparing: PLUMB_EPARSE */
	is_int(migrate(c, h, &o, &n), PLUMB_EPARSE, "no-transaction failure");
	is_int(count(c, "SELECT count(*) FROM seen WHERE state LIKE 'failed:started outside a "
			"transaction and did not finish%'"),
	       1, "a failed 'started' row was written before it ran");
	is_int(count(c, "SELECT count(*) FROM plumb_migrations WHERE version = '2' AND state = "
			"'failed' AND error LIKE '%INSERT INTO fixme%no such table%'"),
	       1, "then replaced by the failing statement and its error");
	is_int(migrate(c, h, &o, &n), PLUMB_EFAILED, "refused without --retry-failed");
	ok(has(plumb_ctx_error(ctx)->hint, "--retry-failed"), "the hint names --retry-failed");
	sqlite3_exec(((plumb_sqlite_conn *)c)->db, "CREATE TABLE fixme (x)", NULL, NULL, NULL);
	o.retry_failed = true;
	n_progress = 0;
	o.progress = progress;
	is_int(migrate(c, h, &o, &n), 0, "--retry-failed runs it again");
	is_int(n, 2, "it and the one after it");
	is_int(count(c, "SELECT count(*) FROM plumb_migrations WHERE state = 'applied' AND "
			"error IS NULL"),
	       3, "all applied, the error gone");
	is_int(count(c, "SELECT count(*) FROM seen"), 2, "its statements ran twice (it is retried whole)");
	is_int(migrate(c, h, &o, &n), 0, "again: nothing");
	is_int(n, 0, "nothing to retry");
}

static void journal(const char *dir, const char *dialect, const char *entries)
{
	char *meta = plumb_path_join(ctx->root, dir, "meta");
	char *text = plumb_arena_printf(ctx->root,
					"{\"version\":\"7\",\"dialect\":\"%s\",\"entries\":[%s]}",
					dialect, entries);
	put(meta, "_journal.json", text);
}

#define ENTRY(idx, when, tag)                                                                \
	"{\"idx\":" #idx ",\"version\":\"6\",\"when\":" #when ",\"tag\":\"" tag                 \
	"\",\"breakpoints\":true}"

static void test_drizzle(void)
{
	char *d = path("drizzle");
	put(d, "0000_init.sql",
	    "CREATE TABLE `log` (\n\t`n` integer NOT NULL\n);\n--> statement-breakpoint\n"
	    "INSERT INTO `log` VALUES (0);");
	put(d, "0001_one.sql", "INSERT INTO `log` VALUES (1);");
	put(d, "0002_two.sql", "INSERT INTO `log` VALUES (2);--> statement-breakpoint\r\n"
			       "CREATE TABLE `t` (`x` integer);");
	journal(d, "sqlite",
		ENTRY(0, 1700000000000, "0000_init") "," ENTRY(1, 1700000060000, "0001_one") ","
		ENTRY(2, 1700000120000, "0002_two"));
	plumb_history *h = load(d);
	plumb_conn *c = open_db("drizzle.db");
	size_t n;
	plumb_migrate_opts o = {.to_version = "0001"};
	is_int(migrate(c, h, &o, &n), 0, "migrate --to 0001 (a tag prefix)");
	is_int(n, 2, "two applied");
	is_int(count(c, "SELECT count(*) FROM __drizzle_migrations WHERE id IS NULL AND "
			"typeof(created_at) = 'integer'"),
	       2, "drizzle-orm's rows: id NULL, created_at an integer");
	plumb_migration *m0 = h->migrations.items[0];
	char *q = plumb_arena_printf(ctx->root,
				     "SELECT count(*) FROM __drizzle_migrations WHERE hash = '%s' AND "
				     "created_at = 1700000000000",
				     m0->checksum);
	is_int(count(c, q), 1, "hash and created_at = when");
	ok(!has_table(c, "plumb_migrations"), "plumb's own table is not made");
	is_int(count(c, "SELECT count(*) FROM log"), 2, "each ran once");
	is_int(status_of(c, h, "1700000060000"), PLUMB_MIG_APPLIED, "status applied");
	is_int(status_of(c, h, "1700000120000"), PLUMB_MIG_PENDING, "status pending");
	ok(c->tracking == PLUMB_TRACKING_DRIZZLE, "the connection uses drizzle's table");
	is_int(migrate(c, h, NULL, &n), 0, "the rest");
	is_int(n, 1, "one");
	ok(has_table(c, "t"), "both chunks ran");

	/* a failing migration rolls back whole: no failed state in drizzle's table */
	put(d, "0003_bad.sql", "INSERT INTO `log` VALUES (3);--> statement-breakpoint\n"
			       "INSERT INTO `nope` VALUES (1);");
	journal(d, "sqlite",
		ENTRY(0, 1700000000000, "0000_init") "," ENTRY(1, 1700000060000, "0001_one") ","
		ENTRY(2, 1700000120000, "0002_two") "," ENTRY(3, 1700000180000, "0003_bad"));
	h = load(d);
	is_int(migrate(c, h, NULL, &n), PLUMB_EPARSE, "a failing drizzle migration fails");
	const plumb_error *e = plumb_ctx_error(ctx);
	ok(has(e->file, "0003_bad.sql") && e->line == 2, "at its file and line: %s:%d", e->file,
	   e->line);
	ok(has(e->detail, "rolled back"), "rolled back");
	is_int(count(c, "SELECT count(*) FROM log WHERE n = 3"), 0, "nothing of it stays");
	is_int(count(c, "SELECT count(*) FROM __drizzle_migrations"), 3, "no row for it");

	/* an entry older than the newest applied: drizzle-orm would skip it */
	put(d, "0003_bad.sql", "INSERT INTO `log` VALUES (3);");
	put(d, "0004_branch.sql", "INSERT INTO `log` VALUES (4);");
	journal(d, "sqlite",
		ENTRY(0, 1700000000000, "0000_init") "," ENTRY(1, 1700000060000, "0001_one") ","
		ENTRY(2, 1700000120000, "0002_two") "," ENTRY(3, 1700000180000, "0003_bad") ","
		ENTRY(4, 1700000090000, "0004_branch"));
	h = load(d);
	is_int(migrate(c, h, NULL, &n), PLUMB_EINTEGRITY, "out of order refused");
	ok(has(e->message, "\"0004_branch\" is older"), "named: %s", e->message);
	ok(has(e->hint, "drizzle-orm's migrate() skips it"), "the hint says drizzle skips it");
	plumb_migrate_opts ooo = {.allow_out_of_order = true};
	is_int(migrate(c, h, &ooo, &n), 0, "allowed");
	is_int(n, 2, "it and 0003");
	is_int(count(c, "SELECT count(*) FROM log"), 5, "each ran once");

	/* an edited applied file is caught; line ends are not an edit */
	put(d, "0001_one.sql", "INSERT INTO `log` VALUES (1);\r\n");
	h = load(d);
	is_int(status_of(c, h, "1700000060000"), PLUMB_MIG_MODIFIED, "an added line end is an edit");
	put(d, "0002_two.sql", "INSERT INTO `log` VALUES (2);--> statement-breakpoint\n"
			       "CREATE TABLE `t` (`x` integer);");
	put(d, "0001_one.sql", "INSERT INTO `log` VALUES (1);");
	h = load(d);
	is_int(status_of(c, h, "1700000120000"), PLUMB_MIG_APPLIED, "CRLF turned LF is no edit");

	/* the journal's dialect must be the database's */
	char *dp = path("drizzle_pg");
	put(dp, "0000_a.sql", "SELECT 1;");
	journal(dp, "postgresql", ENTRY(0, 1, "0000_a"));
	h = load(dp);
	is_int(migrate(c, h, NULL, &n), PLUMB_EUSAGE, "a postgresql folder on SQLite is refused");
}

int main(void)
{
	if (!mkdtemp(root))
		return 1;
	if (plumb_ctx_new(&ctx) < 0)
		return 1;
	setenv("USER", "tester", 1);
	test_basic();
	test_order();
	test_dry_run_and_baseline();
	test_no_transaction();
	test_foreign_keys_off();
	test_retry_and_started_row();
	test_drizzle();
	test_plan_and_replay();
	test_concurrent();
	char *cmd = plumb_arena_printf(ctx->root, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		ok(0, "cleanup");
	plumb_ctx_free(ctx);
	return done_testing();
}
