/*
 * The PostgreSQL online forms (dialect/pg/online.c), no server needed:
 * statements run against a schema loaded offline, each rewritten in the scope
 * the statements before it leave, and the forms checked as text, notes,
 * hazards (with their probes) and the transaction they ask for; then
 * plumb_plan_build putting them into a plan with --online and leaving them
 * out without it, and an allocation sweep.
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/online.h"
#include "sweep.h"
#include "tap.h"

static plumb_ctx *ctx;
static plumb_arena *A;

static const char *schema =
	"CREATE TABLE users (id integer PRIMARY KEY, name text, bio text, age integer);\n"
	"CREATE TABLE posts (id bigint PRIMARY KEY, user_id integer, title text);\n"
	"CREATE INDEX posts_title ON posts (title);\n"
	"CREATE TABLE m (d date, u integer) PARTITION BY RANGE (d);\n"
	"CREATE INDEX m_d ON m (d);\n"
	"CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
	"CREATE TABLE plain (a integer);\n"
	"CREATE INDEX plain_a ON plain (a);\n"
	"CREATE TABLE a_table_whose_name_is_long_enough_to_matter_here (\n"
	"  a_column_whose_name_is_long_too integer);\n"
	"CREATE SCHEMA audit;\n"
	"CREATE TABLE audit.log (id integer, note text);\n";

/* The same, with plain partitioned: the plan drops it and creates it again. */
static const char *schema_after =
	"CREATE TABLE users (id integer PRIMARY KEY, name text, bio text, age integer);\n"
	"CREATE TABLE posts (id bigint PRIMARY KEY, user_id integer, title text);\n"
	"CREATE TABLE m (d date, u integer) PARTITION BY RANGE (d);\n"
	"CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
	"CREATE TABLE plain (a integer) PARTITION BY RANGE (a);\n"
	"CREATE SCHEMA audit;\n"
	"CREATE TABLE audit.log (id integer, note text);\n";

static plumb_catalog *load(const char *sql)
{
	plumb_sql_file f = {"schema.sql", sql, strlen(sql)};
	plumb_vec files = {0};
	plumb_catalog *cat = NULL;
	plumb_vec_push(A, &files, &f);
	if (plumb__pg_load_schema(ctx, A, &files, &cat) < 0) {
		printf("# schema: %s\n", ctx->err.message);
		exit(1);
	}
	return cat;
}

static plumb_catalog *before, *after;

/* A statement as a planner would give it: sql, the hazards of kinds (one
 * letter each, as test_pg_hazard.c writes them) with message "m<letter>",
 * a comment or NULL. */
static plumb_stmt *stmt(const char *sql, const char *kinds, const char *comment)
{
	static const char letters[] = "DNRLVIB";
	plumb_stmt *s = plumb_arena_alloc(A, sizeof(*s));
	s->sql = sql;
	s->comment = comment;
	for (const char *k = kinds; *k; k++) {
		plumb_hazard_kind kind = (plumb_hazard_kind)(strchr(letters, *k) - letters);
		plumb_hazard_add(ctx, A, &s->hazards, kind, "m%c", *k);
		if (*k == 'B')
			((plumb_hazard *)s->hazards.items[s->hazards.n - 1])->probe =
				"SELECT probe";
	}
	return s;
}

/* The statements prelude (';'-separated, none when NULL) then s, rewritten
 * in one script against before (and after, when with_after); the
 * replacements of s into *out. */
static int rewrite(const char *prelude, plumb_stmt *s, bool with_after, plumb_vec *out)
{
	plumb_stmt *all[8];
	size_t n = 0;
	char *copy = prelude ? plumb_arena_strdup(A, prelude) : NULL;
	for (char *p = copy, *semi; p && *p; p = semi ? semi + 1 : p + strlen(p)) {
		semi = strchr(p, ';');
		if (semi)
			*semi = '\0';
		all[n++] = stmt(p, "", NULL);
	}
	all[n++] = s;
	plumb_vec got = {0};
	int rc = plumb__pg_online_script(ctx, A, before, with_after ? after : NULL, all, n, &got);
	*out = (plumb_vec){0};
	for (size_t i = n - 1; rc == 0 && i < got.n; i++)
		plumb_vec_push(A, out, got.items[i]);
	if (rc) {
		printf("# online: %s\n", ctx->err.message);
		plumb_error_clear(ctx);
	}
	return rc;
}

static const plumb_stmt *nth(const plumb_vec *v, size_t i)
{
	return i < v->n ? v->items[i] : NULL;
}

/* "kind: message" of each hazard of s, one a line; "probe: ..." after one
 * with a probe. */
static const char *hazards_of(const plumb_stmt *s)
{
	plumb_buf b;
	plumb_buf_init(&b, A, 0);
	for (size_t i = 0; s && i < s->hazards.n; i++) {
		const plumb_hazard *h = s->hazards.items[i];
		plumb_buf_printf(&b, "%s: %s\n", plumb_hazard_name(h->kind), h->message);
		if (h->probe)
			plumb_buf_printf(&b, "probe: %s\n", h->probe);
	}
	return plumb_buf_str(&b);
}

/* The replacements as text: per statement its comment, "[outside]" when
 * it runs outside a transaction, its SQL, and its hazards. */
static const char *show(const plumb_vec *v)
{
	plumb_buf b;
	plumb_buf_init(&b, A, 0);
	for (size_t i = 0; i < v->n; i++) {
		const plumb_stmt *s = v->items[i];
		if (s->comment)
			plumb_buf_printf(&b, "-- %s\n", s->comment);
		plumb_buf_printf(&b, "%s%s\n%s", s->no_transaction ? "[outside] " : "", s->sql,
				 hazards_of(s));
	}
	return plumb_buf_str(&b);
}

/* s has no online form there: it comes back alone, itself. */
static void kept(const char *prelude, const char *sql, bool with_after, const char *why)
{
	plumb_stmt *s = stmt(sql, "", NULL);
	plumb_vec out;
	ok(rewrite(prelude, s, with_after, &out) == 0 && out.n == 1 && out.items[0] == s,
	   "kept: %s", why);
}

static void test_indexes(void)
{
	plumb_vec out;
	rewrite(NULL,
		stmt("CREATE INDEX posts_user ON public.posts USING btree (user_id)", "I", NULL),
		true, &out);
	is_str(show(&out),
	       "-- online: build the index without blocking writes (outside a transaction)\n"
	       "[outside] CREATE INDEX CONCURRENTLY posts_user ON public.posts USING btree "
	       "(user_id)\n"
	       "builds-index: builds index \"posts_user\" on \"posts\"\n",
	       "CREATE INDEX: CONCURRENTLY, outside a transaction, the build no longer blocks");
	rewrite(NULL, stmt("CREATE UNIQUE INDEX u ON audit.log USING btree (id)", "IL", NULL),
		false, &out);
	is_str(show(&out),
	       "-- online: build the index without blocking writes (outside a transaction)\n"
	       "[outside] CREATE UNIQUE INDEX CONCURRENTLY u ON audit.log USING btree (id)\n"
	       "builds-index: builds index \"u\" on \"audit.log\"\n"
	       "access-exclusive-lock: mL\n",
	       "CREATE UNIQUE INDEX: the same; other hazards carried over");
	rewrite(NULL, stmt("CREATE INDEX concurrently_made ON public.posts (id)", "", NULL), true,
		&out);
	is_str(nth(&out, 0) ? nth(&out, 0)->sql : NULL,
	       "CREATE INDEX CONCURRENTLY concurrently_made ON public.posts (id)",
	       "an index whose name starts with \"concurrently\" is built concurrently too");
	rewrite("ALTER TABLE posts RENAME TO articles",
		stmt("CREATE INDEX a_t ON public.articles (title)", "I", NULL), true, &out);
	ok(out.n == 1 && strstr(nth(&out, 0)->sql, "CONCURRENTLY"),
	   "CREATE INDEX on a table renamed earlier: CONCURRENTLY");
	kept("CREATE TABLE t3 (a integer)", "CREATE INDEX t3_a ON public.t3 (a)", true,
	     "CREATE INDEX on a table an earlier statement created");
	kept("DROP TABLE plain; CREATE TABLE plain (a integer)",
	     "CREATE INDEX plain_b ON public.plain (a)", false,
	     "CREATE INDEX on a table dropped and created again");
	kept(NULL, "CREATE INDEX m_u ON public.m (u)", true, "CREATE INDEX on a partitioned table");
	kept(NULL, "CREATE INDEX CONCURRENTLY p2 ON public.posts (id)", true,
	     "CREATE INDEX CONCURRENTLY already");

	rewrite(NULL, stmt("DROP INDEX \"public\".\"posts_title\"", "L", NULL), true, &out);
	is_str(show(&out),
	       "-- online: drop the index without blocking reads and writes (outside a "
	       "transaction)\n"
	       "[outside] DROP INDEX CONCURRENTLY \"public\".\"posts_title\"\n",
	       "DROP INDEX: CONCURRENTLY, outside a transaction, no lock hazard");
	rewrite(NULL, stmt("DROP INDEX \"public\".\"posts_title\"", "L", "it is invalid"), true,
		&out);
	is_str(nth(&out, 0) ? nth(&out, 0)->comment : NULL,
	       "it is invalid\n"
	       "online: drop the index without blocking reads and writes (outside a transaction)",
	       "DROP INDEX: the statement's own comment first");
	kept(NULL, "DROP INDEX \"public\".\"m_d\"", true, "DROP INDEX on a partitioned table");
	kept(NULL, "DROP INDEX \"public\".\"plain_a\"", true,
	     "DROP INDEX on a table partitioned after the plan");
	rewrite(NULL, stmt("DROP INDEX \"public\".\"plain_a\"", "L", NULL), false, &out);
	ok(out.n == 1 && strstr(nth(&out, 0)->sql, "CONCURRENTLY"),
	   "... which without the schema after is dropped concurrently");
	kept("CREATE TABLE t4 (a integer); CREATE INDEX t4_a ON t4 (a)",
	     "DROP INDEX \"public\".\"t4_a\"", true, "DROP INDEX on a table created earlier");
	kept(NULL, "DROP INDEX \"public\".\"posts_title\" CASCADE", true, "DROP INDEX ... CASCADE");
}

static void test_constraints(void)
{
	plumb_vec out;
	rewrite(NULL,
		stmt("ALTER TABLE \"public\".\"users\" ADD CONSTRAINT \"users_age_check\" CHECK "
		     "(age > 0)",
		     "LV", NULL),
		true, &out);
	is_str(show(&out),
	       "-- online: add the check NOT VALID (no scan under the lock), validate next\n"
	       "ALTER TABLE \"public\".\"users\" ADD CONSTRAINT \"users_age_check\" CHECK (age > "
	       "0) NOT VALID\n"
	       "access-exclusive-lock: locks table \"users\" (briefly) against reads and writes "
	       "while it runs\n"
	       "-- online: validate under SHARE UPDATE EXCLUSIVE; writers keep running\n"
	       "ALTER TABLE \"public\".\"users\" VALIDATE CONSTRAINT \"users_age_check\"\n"
	       "validates-by-scan: scans table \"users\" to validate constraint "
	       "\"users_age_check\"\n",
	       "ADD CONSTRAINT CHECK: NOT VALID under a brief lock, then VALIDATE");
	rewrite(NULL,
		stmt("ALTER TABLE \"audit\".\"log\" ADD CONSTRAINT \"log_id_fkey\" FOREIGN KEY "
		     "(\"id\") REFERENCES \"public\".\"users\" (\"id\")",
		     "VB", NULL),
		true, &out);
	is_str(show(&out),
	       "-- online: add the foreign key NOT VALID (no scan under the lock), validate next\n"
	       "ALTER TABLE \"audit\".\"log\" ADD CONSTRAINT \"log_id_fkey\" FOREIGN KEY (\"id\") "
	       "REFERENCES \"public\".\"users\" (\"id\") NOT VALID\n"
	       "-- online: validate under SHARE UPDATE EXCLUSIVE; writers keep running\n"
	       "ALTER TABLE \"audit\".\"log\" VALIDATE CONSTRAINT \"log_id_fkey\"\n"
	       "validates-by-scan: scans table \"audit.log\" to validate constraint "
	       "\"log_id_fkey\"\n"
	       "needs-backfill: mB\n"
	       "probe: SELECT probe\n",
	       "ADD FOREIGN KEY: NOT VALID, then VALIDATE, which carries the rest");
	kept(NULL,
	     "ALTER TABLE \"public\".\"m\" ADD CONSTRAINT \"m_u_fkey\" FOREIGN KEY (\"u\") "
	     "REFERENCES \"public\".\"users\" (\"id\")",
	     true, "ADD FOREIGN KEY on a partitioned table");
	kept(NULL,
	     "ALTER TABLE \"public\".\"m_2024\" ADD CONSTRAINT \"m_2024_u_fkey\" FOREIGN KEY "
	     "(\"u\") REFERENCES \"public\".\"users\" (\"id\")",
	     false, "ADD FOREIGN KEY on a partition");
	rewrite(NULL,
		stmt("ALTER TABLE \"public\".\"m\" ADD CONSTRAINT \"m_u_check\" CHECK (u > 0)", "",
		     NULL),
		true, &out);
	is_int(out.n, 2, "ADD CONSTRAINT CHECK on a partitioned table: NOT VALID, VALIDATE");
	kept("CREATE TABLE t5 (a integer)",
	     "ALTER TABLE \"public\".\"t5\" ADD CONSTRAINT \"t5_a_check\" CHECK (a > 0)", true,
	     "ADD CONSTRAINT on a table created earlier");
	kept(NULL, "ALTER TABLE \"public\".\"users\" ADD CHECK (age > 0)", true,
	     "ADD CONSTRAINT without a name");
	kept(NULL, "ALTER TABLE \"public\".\"posts\" ADD CONSTRAINT \"posts_t\" UNIQUE (title)",
	     true, "ADD CONSTRAINT UNIQUE");
	kept(NULL, "ALTER TABLE ONLY \"public\".\"users\" ADD CONSTRAINT \"c\" CHECK (age > 0)",
	     true, "ALTER TABLE ONLY");
}

static void test_not_null(void)
{
	plumb_vec out;
	rewrite(NULL,
		stmt("ALTER TABLE \"public\".\"users\" ALTER COLUMN \"bio\" SET NOT NULL", "LVB",
		     NULL),
		true, &out);
	is_str(show(&out),
	       "-- online: SET NOT NULL through a check added NOT VALID (no scan under the lock)\n"
	       "ALTER TABLE \"public\".\"users\" ADD CONSTRAINT \"users_bio_not_null\" CHECK "
	       "(\"bio\" IS NOT NULL) NOT VALID\n"
	       "access-exclusive-lock: locks table \"users\" (briefly) against reads and writes "
	       "while it runs\n"
	       "-- online: validate the check; writers keep running\n"
	       "ALTER TABLE \"public\".\"users\" VALIDATE CONSTRAINT \"users_bio_not_null\"\n"
	       "validates-by-scan: mV\n"
	       "needs-backfill: mB\n"
	       "probe: SELECT probe\n"
	       "-- online: the validated check proves it, so no scan\n"
	       "ALTER TABLE \"public\".\"users\" ALTER COLUMN \"bio\" SET NOT NULL\n"
	       "access-exclusive-lock: locks table \"users\" (briefly) against reads and writes "
	       "while it runs\n"
	       "-- online: the check has done its work\n"
	       "ALTER TABLE \"public\".\"users\" DROP CONSTRAINT \"users_bio_not_null\"\n"
	       "access-exclusive-lock: locks table \"users\" (briefly) against reads and writes "
	       "while it runs\n",
	       "SET NOT NULL: through a check; the validation carries the scan and its probe");
	rewrite(NULL,
		stmt("ALTER TABLE \"public\".\"a_table_whose_name_is_long_enough_to_matter_here\" "
		     "ALTER COLUMN \"a_column_whose_name_is_long_too\" SET NOT NULL",
		     "", NULL),
		true, &out);
	is_str(nth(&out, 1) ? nth(&out, 1)->sql : NULL,
	       "ALTER TABLE \"public\".\"a_table_whose_name_is_long_enough_to_matter_here\" "
	       "VALIDATE CONSTRAINT \"plumb_a_column_whose_name_is_long_too_not_null\"",
	       "SET NOT NULL: a check name over 63 bytes is plumb_<column>_not_null");
	kept("CREATE TABLE t6 (a integer)",
	     "ALTER TABLE \"public\".\"t6\" ALTER COLUMN \"a\" SET NOT NULL", true,
	     "SET NOT NULL on a table created earlier");
	kept(NULL,
	     "ALTER TABLE \"public\".\"users\" ALTER COLUMN \"bio\" SET NOT NULL, "
	     "ALTER COLUMN \"name\" SET NOT NULL",
	     true, "two subcommands");
	kept(NULL, "ALTER TABLE \"public\".\"users\" ALTER COLUMN \"bio\" DROP NOT NULL", true,
	     "DROP NOT NULL");
	kept(NULL, "DROP TABLE \"public\".\"users\"", true, "a statement of no online form");
	kept(NULL, "ALTER TABLE users FROBNICATE", true, "a statement that does not parse");
	ok(!ctx->err.code, "... and no error left behind");
}

/* plumb_plan_build puts the forms in with --online only, classifies them,
 * and groups the statements outside a transaction on their own. */
static void test_build(void)
{
	plumb_diff *d = NULL;
	plumb_plan *on = NULL, *off = NULL;
	plumb_plan_opts o_on = {.online = true, .allow_data_loss = true};
	plumb_plan_opts o_off = {.online = false, .allow_data_loss = true};
	plumb_catalog *b = load("CREATE TABLE t (a integer, b integer);\n"
				"CREATE INDEX t_a ON t (a);\n");
	plumb_catalog *a = load("CREATE TABLE t (a integer, b integer NOT NULL);\n"
				"CREATE INDEX t_b ON t (b);\n");
	if (plumb_diff_catalogs(ctx, A, b, a, &d) ||
	    plumb_plan_build(ctx, A, &plumb__pg_planner, d, &o_on, &on) ||
	    plumb_plan_build(ctx, A, &plumb__pg_planner, d, &o_off, &off)) {
		ok(0, "build: %s", ctx->err.message);
		plumb_error_clear(ctx);
		return;
	}
	plumb_vec ons = on->stmts, offs = off->stmts;
	is_str(show(&offs),
	       "DROP INDEX \"public\".\"t_a\"\n"
	       "access-exclusive-lock: locks table \"t\" against reads and writes while it runs\n"
	       "ALTER TABLE \"public\".\"t\" ALTER COLUMN \"b\" SET NOT NULL\n"
	       "access-exclusive-lock: locks table \"t\" against reads and writes while it runs\n"
	       "validates-by-scan: scans table \"t\" for NULLs in \"b\"\n"
	       "needs-backfill: sets column \"t\".\"b\" NOT NULL: fails if it holds NULLs; fill "
	       "them first (UPDATE ... WHERE \"b\" IS NULL)\n"
	       "probe: SELECT EXISTS (SELECT 1 FROM \"public\".\"t\" WHERE \"b\" IS NULL)\n"
	       "CREATE INDEX t_b ON public.t USING btree (b)\n"
	       "builds-index: builds index \"t_b\" on \"t\", blocking writes meanwhile\n",
	       "build without online: the planner's statements");
	is_int(ons.n, 6, "build online: 6 statements");
	ok(ons.n == 6 && nth(&ons, 0)->no_transaction &&
		   strcmp(nth(&ons, 0)->sql, "DROP INDEX CONCURRENTLY \"public\".\"t_a\"") == 0,
	   "build online: DROP INDEX CONCURRENTLY first, outside a transaction");
	ok(ons.n == 6 && nth(&ons, 5)->no_transaction &&
		   strcmp(nth(&ons, 5)->sql,
			  "CREATE INDEX CONCURRENTLY t_b ON public.t USING btree (b)") == 0,
	   "build online: CREATE INDEX CONCURRENTLY last, outside a transaction");
	is_str(hazards_of(nth(&ons, 2)),
	       "validates-by-scan: scans table \"t\" for NULLs in \"b\"\n"
	       "needs-backfill: sets column \"t\".\"b\" NOT NULL: fails if it holds NULLs; fill "
	       "them first (UPDATE ... WHERE \"b\" IS NULL)\n"
	       "probe: SELECT EXISTS (SELECT 1 FROM \"public\".\"t\" WHERE \"b\" IS NULL)\n",
	       "build online: the validation carries the planner's scan and probe");
	bool txn;
	ok(ons.n == 6 && plumb_plan_group_end(on, 1, &txn) == 5 && txn,
	   "build online: the four steps of SET NOT NULL share one transaction");
}

static plumb_stmt *fault_stmts[5];

static int online_script(void *payload, plumb_arena *arena)
{
	plumb_vec *out = payload;
	*out = (plumb_vec){0};
	return plumb__pg_online_script(ctx, arena, before, after, fault_stmts, 5, out);
}

/* Each allocation of a script's rewriting failing in turn: success or a
 * clean PLUMB_ENOMEM, never another error (and no leak under ASan). */
static void test_faults(void)
{
	fault_stmts[0] = stmt("ALTER TABLE \"public\".\"users\" RENAME TO \"people\"", "L", NULL);
	fault_stmts[1] = stmt("ALTER TABLE \"public\".\"people\" ALTER COLUMN \"bio\" SET NOT NULL",
			      "LVB", NULL);
	fault_stmts[2] =
		stmt("CREATE INDEX p_n ON public.people USING btree (name)", "I", "a note");
	fault_stmts[3] = stmt("DROP INDEX \"public\".\"posts_title\"", "L", NULL);
	fault_stmts[4] = stmt(
		"ALTER TABLE \"public\".\"posts\" ADD CONSTRAINT \"c\" CHECK (id > 0)", "LV", NULL);
	plumb_vec out = {0};
	plumb_arena *a = plumb_arena_new(ctx->root);
	int rc = online_script(&out, a);
	is_int(rc, 0, "faults: the script is rewritten without faults");
	is_int(out.n, 9, "faults: into 9 statements");
	plumb_arena_free(a);
	sweep_counts c = sweep(ctx, online_script, &out);
	is_int(c.other, 0,
	       "faults: each of %ld allocations failing ends in success or out of memory", c.total);
	ok(c.clean > 0, "faults: %ld reported as out of memory", c.clean);
}

int main(void)
{
	plumb_ctx_new(&ctx);
	A = plumb_arena_new(ctx->root);
	before = load(schema);
	after = load(schema_after);
	test_indexes();
	test_constraints();
	test_not_null();
	test_build();
	test_faults();
	plumb_ctx_free(ctx);
	return done_testing();
}
