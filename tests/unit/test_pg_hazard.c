/*
 * The PostgreSQL hazard classifier (dialect/pg/hazard.c), no server needed:
 * statements against a schema loaded offline (or against nothing known), each
 * case a row of the table below: the hazards the statement under test carries
 * (one letter per kind), what it asks of its transaction, and where it matters
 * the wording, which is the planner's for the statements the planner writes.
 * A case's prelude runs first in the same scope, as the statements before it
 * in a script.
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/hazard.h"
#include "sweep.h"
#include "tap.h"

static plumb_ctx *ctx;
static plumb_arena *A;

static const char *schema =
	"CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');\n"
	"CREATE DOMAIN mood_d AS mood;\n"
	"CREATE TABLE users (id integer PRIMARY KEY, name varchar(20), bio text, age integer,\n"
	"  score numeric(10,2), flag char(3), email text NOT NULL, m mood, md mood_d,\n"
	"  created date, ip inet, doc json, big bigint);\n"
	"CREATE TABLE posts (id bigint PRIMARY KEY, user_id integer REFERENCES users, title "
	"text);\n"
	"CREATE INDEX posts_title ON posts (title);\n"
	"CREATE VIEW named AS SELECT name FROM users;\n"
	"CREATE MATERIALIZED VIEW counts AS SELECT count(*) AS n FROM users;\n"
	"CREATE SEQUENCE counter;\n"
	"CREATE FUNCTION vol() RETURNS integer LANGUAGE sql AS 'SELECT 1';\n"
	"CREATE FUNCTION imm() RETURNS integer LANGUAGE sql IMMUTABLE AS 'SELECT 1';\n"
	"CREATE TABLE m (d date) PARTITION BY RANGE (d);\n"
	"CREATE TABLE checked (a integer, CONSTRAINT a_nn CHECK (a IS NOT NULL));\n"
	"CREATE TABLE nopk (a integer, b integer NOT NULL);\n"
	"CREATE TABLE coll (a text COLLATE \"C\", b text COLLATE \"POSIX\");\n"
	"CREATE SCHEMA audit;\n"
	"CREATE TABLE audit.log (id integer, note text);\n"
	"CREATE POLICY mine ON users USING (id > 0);\n";

typedef struct tcase {
	const char *sql;     /* the statement under test */
	const char *want;    /* its hazard kinds: D deletes-data, N narrows-type, R
			      * rewrites-table, L access-exclusive-lock, V validates-by-scan,
			      * I builds-index, B needs-backfill */
	char txn;	     /* '-' any, 'o' outside a transaction, 'c' commit first */
	const char *prelude; /* statements run before it in the same scope, or NULL */
	const char *msg;     /* a hazard message it must carry, or NULL */
	bool unknown;	     /* against nothing known (no catalog) */
} tcase;

#define T(sql, want, txn, prelude, msg)                                                            \
	{                                                                                          \
		sql, want, txn, prelude, msg, false                                                \
	}
#define U(sql, want, txn, prelude, msg)                                                            \
	{                                                                                          \
		sql, want, txn, prelude, msg, true                                                 \
	}

static const tcase cases[] = {
	/* dropping */
	T("DROP TABLE \"public\".\"users\"", "DL", '-', NULL, "drops table \"users\" and its rows"),
	T("DROP TABLE users", "DL", '-', NULL,
	  "locks table \"users\" against reads and writes while it runs"),
	T("DROP TABLE users CASCADE", "DL", '-', NULL, NULL),
	T("DROP TABLE IF EXISTS posts, audit.log", "DL", '-', NULL,
	  "drops table \"audit.log\" and its rows"),
	T("DROP TABLE brand_new", "", '-', NULL, NULL),
	T("DROP TABLE t2", "", '-', "CREATE TABLE t2 (a integer)", NULL),
	U("DROP TABLE t2", "DL", '-', NULL, NULL),
	T("ALTER TABLE users DROP COLUMN bio", "DL", '-', NULL,
	  "drops column \"users\".\"bio\" and its values"),
	T("ALTER TABLE users DROP COLUMN bio CASCADE", "DL", '-', NULL, NULL),
	T("ALTER TABLE users DROP COLUMN IF EXISTS nothing", "L", '-', NULL, NULL),
	T("DROP SCHEMA audit CASCADE", "D", '-', NULL, NULL),
	T("DROP SCHEMA audit", "", '-', NULL, NULL),
	T("DROP TYPE mood CASCADE", "D", '-', NULL, NULL),
	T("DROP TYPE mood", "", '-', NULL, NULL),
	T("DROP DOMAIN mood_d CASCADE", "D", '-', NULL, NULL),
	T("DROP SEQUENCE counter", "D", '-', NULL,
	  "drops sequence \"counter\" and its current value"),
	T("DROP SEQUENCE s2", "", '-', "CREATE SEQUENCE s2", NULL),
	T("DROP SEQUENCE IF EXISTS users_id_seq", "", '-', NULL, NULL),
	T("TRUNCATE users", "DL", '-', NULL, NULL),
	T("TRUNCATE users CASCADE", "DL", '-', NULL, "with CASCADE"),
	T("DELETE FROM users", "D", '-', NULL, "deletes every row of table \"users\""),
	T("DELETE FROM users WHERE id = 1", "", '-', NULL, NULL),
	T("DROP DATABASE other", "D", 'o', NULL, NULL),
	T("DROP VIEW named", "L", '-', NULL, "locks view \"named\" against reads and writes"),
	T("DROP POLICY mine ON users", "L", '-', NULL, NULL),
	T("DROP INDEX posts_title", "L", '-', NULL, "locks table \"posts\""),
	T("DROP INDEX CONCURRENTLY posts_title", "", 'o', NULL, NULL),
	T("DROP INDEX IF EXISTS posts_title", "", '-', "DROP TABLE posts", NULL),
	T("DROP INDEX posts_title", "L", '-', "ALTER TABLE posts RENAME TO articles",
	  "locks table \"articles\""),
	U("DROP INDEX i", "L", '-', NULL, NULL),
	T("DROP INDEX fresh_i", "", '-',
	  "CREATE TABLE t3 (a integer); CREATE INDEX fresh_i ON t3 (a)", NULL),

	/* types of columns */
	T("ALTER TABLE users ALTER COLUMN name TYPE varchar(40)", "L", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN name TYPE character varying(10)", "NRL", '-', NULL,
	  "changes the type of column \"users\".\"name\" from character varying(20) to character "
	  "varying(10): values may not fit or may change"),
	T("ALTER TABLE users ALTER COLUMN name TYPE text", "L", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN bio TYPE varchar(100)", "NRL", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN bio TYPE varchar", "L", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN age TYPE bigint", "RL", '-', NULL,
	  "changes the type of column \"users\".\"age\" from integer to bigint: rewrites every "
	  "row"),
	T("ALTER TABLE users ALTER COLUMN age TYPE smallint", "NRL", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN age TYPE double precision", "RL", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN big TYPE integer", "NRL", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN age TYPE text USING age::text", "RL", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN bio TYPE integer USING bio::integer", "NRL", '-', NULL,
	  NULL),
	T("ALTER TABLE users ALTER COLUMN score TYPE numeric(12,2)", "L", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN score TYPE numeric(8,2)", "NRL", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN score TYPE numeric(12,4)", "RL", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN score TYPE numeric", "L", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN flag TYPE char(1)", "NRL", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN created TYPE timestamptz", "RL", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN doc TYPE jsonb", "RL", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN ip TYPE text", "RL", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN ip TYPE cidr", "NRL", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN age TYPE integer[]", "NRL", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN bio TYPE text COLLATE \"C\"", "LI", '-', NULL,
	  "rebuilds the indexes on column \"users\".\"bio\" for the new collation"),
	T("ALTER TABLE coll ALTER COLUMN a TYPE text COLLATE \"C\"", "L", '-', NULL, NULL),
	T("ALTER TABLE coll ALTER COLUMN a TYPE text", "LI", '-', NULL, NULL),
	T("ALTER TABLE coll ALTER COLUMN b TYPE text COLLATE \"C\"", "LI", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN m TYPE text", "RL", '-', NULL,
	  "rewrites table \"users\" to change the type of \"m\""),
	T("ALTER TABLE users ALTER COLUMN bio TYPE mood USING bio::mood", "RL", '-', NULL, NULL),
	/* a domain to its own base type is binary-coercible (a domain rebuild) */
	T("ALTER TABLE users ALTER COLUMN md TYPE mood", "L", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN md TYPE text", "RL", '-', NULL, NULL),
	/* an enum rebuild, as the planner writes it */
	T("ALTER TABLE users ALTER COLUMN m TYPE mood__plumb_new USING m::text::mood__plumb_new",
	  "DRL", '-', "CREATE TYPE mood__plumb_new AS ENUM ('sad', 'happy')",
	  "value 'ok' leaves enum \"mood\": rows of \"users\".\"m\" holding it make the change "
	  "fail"),
	T("ALTER TABLE users ALTER COLUMN m TYPE mood__plumb_new USING m::text::mood__plumb_new",
	  "RL", '-', "CREATE TYPE mood__plumb_new AS ENUM ('happy', 'ok', 'sad')", NULL),
	T("ALTER TABLE users ALTER COLUMN md TYPE mood__plumb_new USING md::text::mood__plumb_new",
	  "DRL", '-', "CREATE TYPE mood__plumb_new AS ENUM ('sad', 'ok')", NULL),
	T("ALTER TABLE users ALTER COLUMN m TYPE mood2 USING m::text::mood2", "RL", '-',
	  "ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'; CREATE TYPE mood2 AS ENUM ('sad', 'fine', "
	  "'happy')",
	  NULL),
	/* a type changed already in the script: its type now is not known */
	T("ALTER TABLE users ALTER COLUMN age TYPE integer", "RL", '-',
	  "ALTER TABLE users ALTER COLUMN age TYPE bigint", NULL),
	U("ALTER TABLE t ALTER COLUMN c TYPE integer", "RL", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN full_name TYPE varchar(10)", "NRL", '-',
	  "ALTER TABLE users RENAME COLUMN name TO full_name", NULL),
	T("ALTER TABLE people ALTER COLUMN name TYPE varchar(10)", "NRL", '-',
	  "ALTER TABLE users RENAME TO people", NULL),

	/* adding columns */
	T("ALTER TABLE users ADD COLUMN x integer", "L", '-', NULL, NULL),
	T("ALTER TABLE users ADD COLUMN x integer NOT NULL", "LB", '-', NULL,
	  "adds column \"users\".\"x\" NOT NULL without a default: fails if \"users\" has rows; "
	  "give "
	  "it a DEFAULT, or add it nullable, fill it, then SET NOT NULL"),
	T("ALTER TABLE users ADD COLUMN x integer NOT NULL DEFAULT 0", "L", '-', NULL, NULL),
	T("ALTER TABLE users ADD COLUMN x integer DEFAULT NULL NOT NULL", "LB", '-', NULL, NULL),
	T("ALTER TABLE users ADD COLUMN x timestamptz NOT NULL DEFAULT now()", "L", '-', NULL,
	  NULL),
	T("ALTER TABLE users ADD COLUMN x timestamptz DEFAULT CURRENT_TIMESTAMP", "L", '-', NULL,
	  NULL),
	T("ALTER TABLE users ADD COLUMN x float8 DEFAULT random()", "RL", '-', NULL,
	  "fills column \"users\".\"x\" with a value per row: rewrites \"users\""),
	T("ALTER TABLE users ADD COLUMN x uuid NOT NULL DEFAULT gen_random_uuid()", "RL", '-', NULL,
	  NULL),
	T("ALTER TABLE users ADD COLUMN x integer DEFAULT (1 + vol())", "RL", '-', NULL, NULL),
	T("ALTER TABLE users ADD COLUMN x integer DEFAULT imm()", "L", '-', NULL, NULL),
	T("ALTER TABLE users ADD COLUMN x integer DEFAULT f2()", "RL", '-',
	  "CREATE FUNCTION f2() RETURNS integer LANGUAGE sql VOLATILE AS 'SELECT 2'", NULL),
	T("ALTER TABLE users ADD COLUMN x integer DEFAULT f2()", "L", '-',
	  "CREATE FUNCTION f2() RETURNS integer LANGUAGE sql STABLE AS 'SELECT 2'", NULL),
	T("ALTER TABLE users ADD COLUMN x serial", "RL", '-', NULL, NULL),
	T("ALTER TABLE users ADD COLUMN x integer GENERATED ALWAYS AS IDENTITY", "RL", '-', NULL,
	  NULL),
	T("ALTER TABLE users ADD COLUMN x integer GENERATED ALWAYS AS (age * 2) STORED", "RL", '-',
	  NULL, NULL),
	T("ALTER TABLE users ADD COLUMN x integer UNIQUE", "LI", '-', NULL, NULL),
	T("ALTER TABLE users ADD COLUMN x integer REFERENCES posts", "LV", '-', NULL, NULL),
	T("ALTER TABLE users ADD COLUMN x integer CHECK (x > 0)", "LV", '-', NULL, NULL),
	T("ALTER TABLE t2 ADD COLUMN x integer NOT NULL", "", '-', "CREATE TABLE t2 (a integer)",
	  NULL),
	T("ALTER TABLE people ADD COLUMN x integer NOT NULL", "LB", '-',
	  "ALTER TABLE users RENAME TO people", "\"people\".\"x\""),

	/* NOT NULL */
	T("ALTER TABLE users ALTER COLUMN bio SET NOT NULL", "LVB", '-', NULL,
	  "sets column \"users\".\"bio\" NOT NULL: fails if it holds NULLs; fill them first "
	  "(UPDATE "
	  "... WHERE \"bio\" IS NULL)"),
	T("ALTER TABLE users ALTER COLUMN bio SET NOT NULL", "LVB", '-', NULL,
	  "scans table \"users\" for NULLs in \"bio\""),
	T("ALTER TABLE users ALTER COLUMN email SET NOT NULL", "L", '-', NULL, NULL),
	T("ALTER TABLE checked ALTER COLUMN a SET NOT NULL", "L", '-', NULL, NULL),
	T("ALTER TABLE users ADD CONSTRAINT bio_nn CHECK (bio IS NOT NULL) NOT VALID", "L", '-',
	  NULL, NULL),
	T("ALTER TABLE users VALIDATE CONSTRAINT bio_nn", "VB", '-',
	  "ALTER TABLE users ADD CONSTRAINT bio_nn CHECK (bio IS NOT NULL) NOT VALID",
	  "scans table \"users\" to validate constraint \"bio_nn\""),
	T("ALTER TABLE users ALTER COLUMN bio SET NOT NULL", "L", '-',
	  "ALTER TABLE users ADD CONSTRAINT bio_nn CHECK (bio IS NOT NULL) NOT VALID;\n"
	  "ALTER TABLE users VALIDATE CONSTRAINT bio_nn",
	  NULL),
	T("ALTER TABLE users ALTER COLUMN bio SET NOT NULL", "LVB", '-',
	  "ALTER TABLE users ADD CONSTRAINT bio_nn CHECK (bio IS NOT NULL) NOT VALID", NULL),
	T("ALTER TABLE users ALTER COLUMN bio SET NOT NULL", "LVB", '-',
	  "ALTER TABLE users ADD CONSTRAINT bio_nn CHECK (bio IS NOT NULL) NOT VALID;\n"
	  "ALTER TABLE users VALIDATE CONSTRAINT bio_nn;\n"
	  "ALTER TABLE users DROP CONSTRAINT bio_nn",
	  NULL),
	T("ALTER TABLE users ALTER COLUMN bio DROP NOT NULL", "L", '-', NULL, NULL),

	/* constraints */
	T("ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age > 0)", "LV", '-', NULL,
	  "scans table \"users\" to check every row"),
	T("ALTER TABLE users ADD CONSTRAINT age_ok CHECK (age > 0) NOT VALID", "L", '-', NULL,
	  NULL),
	T("ALTER TABLE posts ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users", "V", '-',
	  NULL,
	  "scans table \"posts\" to check the foreign key; blocks writes to it and to \"users\" "
	  "meanwhile"),
	T("ALTER TABLE posts ADD CONSTRAINT fk FOREIGN KEY (user_id) REFERENCES users NOT VALID",
	  "", '-', NULL, NULL),
	T("ALTER TABLE users ADD CONSTRAINT name_key UNIQUE (name)", "LI", '-', NULL,
	  "builds the index of constraint \"name_key\" on \"users\""),
	T("ALTER TABLE nopk ADD PRIMARY KEY (a)", "LIB", '-', NULL, NULL),
	T("ALTER TABLE nopk ADD PRIMARY KEY (b)", "LI", '-', NULL, NULL),
	T("ALTER TABLE nopk ADD CONSTRAINT pk PRIMARY KEY USING INDEX nopk_b", "L", '-', NULL,
	  NULL),
	T("ALTER TABLE posts VALIDATE CONSTRAINT posts_user_id_fkey", "V", '-', NULL, NULL),
	T("ALTER TABLE users DROP CONSTRAINT users_pkey", "L", '-', NULL, NULL),
	T("ALTER TABLE posts DROP CONSTRAINT posts_user_id_fkey", "L", '-', NULL,
	  "locks table \"users\""),
	T("ALTER TABLE posts ALTER CONSTRAINT posts_user_id_fkey DEFERRABLE", "L", '-', NULL, NULL),
	T("ALTER TABLE users DISABLE TRIGGER ALL", "", '-', NULL, NULL),

	/* other table changes */
	T("ALTER TABLE users SET UNLOGGED", "RL", '-', NULL, "rewrites table \"users\" (unlogged)"),
	T("ALTER TABLE users SET LOGGED", "RL", '-', NULL, NULL),
	T("ALTER TABLE users ENABLE ROW LEVEL SECURITY", "L", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN bio SET DEFAULT 'x'", "L", '-', NULL, NULL),
	T("ALTER TABLE users ALTER COLUMN age SET STATISTICS 100", "", '-', NULL, NULL),
	T("ALTER TABLE users SET (fillfactor = 50)", "", '-', NULL, NULL),
	T("ALTER TABLE t2 ENABLE ROW LEVEL SECURITY", "", '-', "CREATE TABLE t2 (a integer)", NULL),
	T("ALTER TABLE audit.log ADD COLUMN x integer NOT NULL", "LB", '-', NULL,
	  "locks table \"audit.log\""),
	T("ALTER TABLE m DETACH PARTITION m_2024 CONCURRENTLY", "", 'o', NULL, NULL),

	/* indexes */
	T("CREATE INDEX users_name ON users (name)", "I", '-', NULL,
	  "builds index \"users_name\" on \"users\", blocking writes meanwhile"),
	T("CREATE UNIQUE INDEX CONCURRENTLY users_name ON users (name)", "I", 'o', NULL,
	  "builds index \"users_name\" on \"users\""),
	T("CREATE INDEX t2_a ON t2 (a)", "", '-', "CREATE TABLE t2 (a integer)", NULL),
	T("CREATE INDEX m_d ON ONLY m (d)", "", '-', NULL, NULL),
	U("CREATE INDEX ON t (a)", "I", '-', NULL, NULL),
	T("REINDEX TABLE users", "I", '-', NULL, NULL),
	T("REINDEX INDEX CONCURRENTLY posts_title", "I", 'o', NULL, NULL),

	/* renames */
	T("ALTER TABLE users RENAME TO people", "L", '-', NULL, NULL),
	T("ALTER TABLE users RENAME COLUMN name TO full_name", "L", '-', NULL, NULL),
	T("ALTER TABLE users RENAME CONSTRAINT users_pkey TO users_pk", "L", '-', NULL, NULL),
	T("ALTER INDEX posts_title RENAME TO posts_by_title", "", '-', NULL, NULL),
	T("DROP INDEX posts_by_title", "L", '-', "ALTER INDEX posts_title RENAME TO posts_by_title",
	  "locks table \"posts\""),
	T("ALTER TYPE mood RENAME TO feeling", "", '-', NULL, NULL),

	/* enums */
	T("ALTER TYPE mood ADD VALUE 'meh' AFTER 'ok'", "", 'c', NULL, NULL),
	T("ALTER TYPE mood RENAME VALUE 'ok' TO 'fine'", "", '-', NULL, NULL),

	/* maintenance */
	T("VACUUM FULL users", "RL", 'o', NULL, "rewrites table \"users\" (VACUUM FULL)"),
	T("VACUUM (FULL false) users", "", 'o', NULL, NULL),
	T("VACUUM users", "", 'o', NULL, NULL),
	T("ANALYZE users", "", '-', NULL, NULL),
	T("CLUSTER users USING users_pkey", "RL", '-', NULL, NULL),
	T("REFRESH MATERIALIZED VIEW counts", "L", '-', NULL, NULL),
	T("REFRESH MATERIALIZED VIEW CONCURRENTLY counts", "", '-', NULL, NULL),

	/* creating */
	T("CREATE TABLE m_2024 PARTITION OF m FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
	  "L", '-', NULL, "locks table \"m\""),
	T("CREATE TABLE kid (x integer) INHERITS (users)", "", '-', NULL, NULL),
	T("CREATE TABLE t4 (id integer PRIMARY KEY, u integer REFERENCES users)", "", '-', NULL,
	  NULL),
	T("CREATE POLICY p ON users USING (true)", "L", '-', NULL, NULL),
	T("CREATE POLICY p ON t2 USING (true)", "", '-', "CREATE TABLE t2 (a integer)", NULL),
	T("CREATE OR REPLACE VIEW named AS SELECT name FROM users", "L", '-', NULL, NULL),
	T("CREATE VIEW v2 AS SELECT 1", "", '-', NULL, NULL),
	T("ALTER DOMAIN mood_d ADD CONSTRAINT not_sad CHECK (VALUE <> 'sad')", "V", '-', NULL,
	  NULL),
	T("ALTER DOMAIN mood_d ADD CONSTRAINT not_sad CHECK (VALUE <> 'sad') NOT VALID", "", '-',
	  NULL, NULL),
	T("ALTER DOMAIN mood_d VALIDATE CONSTRAINT not_sad", "V", '-', NULL,
	  "scans every column of domain \"mood_d\" to validate constraint \"not_sad\""),
	T("ALTER DOMAIN mood_d SET NOT NULL", "V", '-', NULL, NULL),
	T("ALTER DOMAIN mood_d DROP NOT NULL", "", '-', NULL, NULL),
	T("ALTER DOMAIN mood_d SET DEFAULT 'ok'", "", '-', NULL, NULL),
	T("ALTER DOMAIN mood_d DROP CONSTRAINT not_sad", "", '-', NULL, NULL),
	T("COMMENT ON TABLE users IS 'people'", "", '-', NULL, NULL),
	T("GRANT SELECT ON users TO PUBLIC", "", '-', NULL, NULL),
	T("INSERT INTO users (id, email) VALUES (1, 'a')", "", '-', NULL, NULL),
};

static const char letters[] = "DNRLVIB";
static const plumb_hazard_kind kinds[] = {
	PLUMB_HAZARD_DELETES_DATA,     PLUMB_HAZARD_NARROWS_TYPE, PLUMB_HAZARD_REWRITES_TABLE,
	PLUMB_HAZARD_ACCESS_EXCLUSIVE, PLUMB_HAZARD_VALIDATES,	  PLUMB_HAZARD_INDEX_BUILD,
	PLUMB_HAZARD_NEEDS_BACKFILL,
};

/* The kinds of hazards as letters in the order of `letters`. */
static const char *kinds_of(const plumb_vec *hazards)
{
	char *s = plumb_arena_alloc(A, sizeof(letters));
	size_t n = 0;
	for (size_t k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++)
		if (plumb_hazard_has(hazards, kinds[k]))
			s[n++] = letters[k];
	s[n] = 0;
	return s;
}

static bool has_message(const plumb_vec *hazards, const char *msg)
{
	for (size_t i = 0; i < hazards->n; i++)
		if (strstr(((const plumb_hazard *)hazards->items[i])->message, msg))
			return true;
	return false;
}

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

/* text with its newlines as spaces, for a TAP line */
static const char *one_line(const char *text)
{
	char *s = plumb_arena_strdup(A, text);
	for (char *p = s; *p; p++)
		if (*p == '\n')
			*p = ' ';
	return s;
}

static void run_case(const plumb_catalog *before, const tcase *c)
{
	plumb_pg_scope *sc;
	plumb_stmt_class pre = {0}, out = {0};
	int rc = plumb__pg_scope_new(ctx, A, c->unknown ? NULL : before, &sc);
	if (!rc && c->prelude)
		rc = plumb__pg_classify_next(ctx, A, sc, c->prelude, &pre);
	if (!rc)
		rc = plumb__pg_classify_next(ctx, A, sc, c->sql, &out);
	if (rc) {
		ok(0, "%s: classified (%s)", c->sql, ctx->err.message);
		plumb_error_clear(ctx);
		return;
	}
	const char *got = kinds_of(&out.hazards);
	char txn = out.txn == PLUMB_TXN_OUTSIDE	       ? 'o'
		   : out.txn == PLUMB_TXN_COMMIT_FIRST ? 'c'
						       : '-';
	bool good = strcmp(got, c->want) == 0 && txn == c->txn &&
		    (!c->msg || has_message(&out.hazards, c->msg));
	ok(good, "%s%s%s: %s%s", c->prelude ? one_line(c->prelude) : "",
	   c->prelude ? "; then " : "", c->sql, *c->want ? c->want : "none",
	   c->txn == 'o'   ? ", outside a transaction"
	   : c->txn == 'c' ? ", commit before use"
			   : "");
	if (!good) {
		printf("#   got %s, txn %c\n", *got ? got : "none", txn);
		for (size_t i = 0; i < out.hazards.n; i++)
			printf("#   %s: %s\n",
			       plumb_hazard_name(
				       ((const plumb_hazard *)out.hazards.items[i])->kind),
			       ((const plumb_hazard *)out.hazards.items[i])->message);
	}
}

/* needs-backfill carries a probe over the table as the database names it
 * now, before the script's renames. */
static void test_probes(const plumb_catalog *before)
{
	plumb_pg_scope *sc;
	plumb_stmt_class a = {0}, b = {0}, c = {0};
	plumb__pg_scope_new(ctx, A, before, &sc);
	plumb__pg_classify_next(ctx, A, sc,
				"ALTER TABLE users RENAME TO people; "
				"ALTER TABLE people RENAME COLUMN bio TO about",
				&a);
	plumb__pg_classify_next(ctx, A, sc, "ALTER TABLE people ADD COLUMN x integer NOT NULL", &b);
	plumb__pg_classify_next(ctx, A, sc, "ALTER TABLE people ALTER COLUMN about SET NOT NULL",
				&c);
	const plumb_hazard *hb = b.hazards.n ? b.hazards.items[0] : NULL;
	const plumb_hazard *hc = NULL;
	for (size_t i = 0; i < c.hazards.n; i++)
		if (((const plumb_hazard *)c.hazards.items[i])->kind == PLUMB_HAZARD_NEEDS_BACKFILL)
			hc = c.hazards.items[i];
	is_str(hb ? hb->probe : NULL, "SELECT EXISTS (SELECT 1 FROM \"public\".\"users\")",
	       "ADD COLUMN NOT NULL: probes the table under its name now");
	is_str(hc ? hc->probe : NULL,
	       "SELECT EXISTS (SELECT 1 FROM \"public\".\"users\" WHERE \"bio\" IS NULL)",
	       "SET NOT NULL: probes the column under its name now");
	plumb_stmt_class d = {0};
	plumb__pg_scope_new(ctx, A, NULL, &sc);
	plumb__pg_classify_next(ctx, A, sc, "ALTER TABLE t ADD COLUMN x integer NOT NULL", &d);
	ok(d.hazards.n && !((const plumb_hazard *)d.hazards.items[d.hazards.n - 1])->probe,
	   "no probe when the schema is not known");
}

/* The one-statement entry, the script hook, errors. */
static void test_entries(const plumb_catalog *before)
{
	plumb_vec hz = {0};
	is_int(plumb__pg_classify(ctx, A, "DROP TABLE users; TRUNCATE posts", before, &hz), 0,
	       "plumb__pg_classify: several statements in turn");
	is_str(kinds_of(&hz), "DL", "... their hazards appended");
	is_int(hz.n, 4, "... one per table and kind");
	is_int(plumb__pg_classify(ctx, A, "DROP TABLE users", NULL, &hz), 0,
	       "against nothing known");
	is_int(hz.n, 6, "... appended after the others");
	is_int(plumb__pg_classify(ctx, A, "DROP TABLE (", before, &hz), PLUMB_EPARSE,
	       "a statement that does not parse is PLUMB_EPARSE");
	plumb_error_clear(ctx);

	const char *sqls[] = {
		"CREATE TABLE \"public\".\"t9\" (\"a\" integer)",
		"CREATE INDEX \"t9_a\" ON \"public\".\"t9\" (\"a\")",
		"CREATE INDEX \"users_age\" ON \"public\".\"users\" (\"age\")",
		"CREATE INDEX CONCURRENTLY \"users_bio\" ON \"public\".\"users\" (\"bio\")",
	};
	plumb_stmt_class out[4];
	memset(out, 0, sizeof(out));
	is_int(plumb__pg_classify_script(ctx, A, before, sqls, NULL, 4, out), 0,
	       "a script in one scope");
	const char *odd[] = {"CREATE TABLE t8 (a integer) WITH SOMETHING NEW", "DROP TABLE users"};
	plumb_stmt_class two[2];
	memset(two, 0, sizeof(two));
	ok(plumb__pg_classify_script(ctx, A, before, odd, NULL, 2, two) == 0 &&
		   two[0].hazards.n == 0 && !ctx->err.code &&
		   plumb_hazard_has(&two[1].hazards, PLUMB_HAZARD_DELETES_DATA),
	   "script: a statement that does not parse gets no hazards; the next is classified");
	ok(out[0].hazards.n == 0 && out[1].hazards.n == 0,
	   "script: a table it creates carries no hazards");
	is_str(kinds_of(&out[2].hazards), "I", "script: an index on an existing table is built");
	ok(out[3].txn == PLUMB_TXN_OUTSIDE, "script: CONCURRENTLY runs outside a transaction");
}

/* What the planner knows of its statements (plumb_pg_known) stands for
 * their parse: the same hazards, the same scope after them, before known or
 * not. */
static void test_known(const plumb_catalog *before)
{
	const char *sqls[] = {
		"CREATE TABLE \"public\".\"t9\" (\"a\" integer)",
		"CREATE INDEX t9_a ON public.t9 USING btree (a)",
		"ALTER TABLE \"public\".\"t9\" ADD CONSTRAINT \"t9_a_check\" CHECK (a > 0)",
		"CREATE INDEX users_age ON public.users USING btree (age)",
		"ALTER TABLE \"public\".\"users\" ADD CONSTRAINT \"users_age_check\" CHECK "
		"(age > 0)",
		"DROP INDEX \"public\".\"t9_a\"",
		"DROP TABLE \"public\".\"t9\"",
		"COMMENT ON TABLE \"public\".\"users\" IS 'people'",
		"GRANT SELECT ON TABLE \"public\".\"users\" TO PUBLIC",
		"CREATE TABLE \"public\".\"t10\" (\"a\" integer)",
		"CREATE POLICY p10 ON public.t10 USING (a > 0)",
		"CREATE POLICY p11 ON public.users USING (id > 0)",
		"CREATE RULE r10 AS ON INSERT TO public.t10 DO INSTEAD NOTHING",
	};
	const plumb_pg_known t9 = {'t', "public", "t9", NULL};
	const plumb_pg_known t9_a = {'i', "public", "t9_a", "t9"};
	const plumb_pg_known alter_t9 = {'a', "public", "t9", NULL};
	const plumb_pg_known users_age = {'i', "public", "users_age", "users"};
	const plumb_pg_known alter_users = {'a', "public", "users", NULL};
	const plumb_pg_known nothing = {'n', NULL, NULL, NULL};
	const plumb_pg_known t10 = {'t', "public", "t10", NULL};
	const plumb_pg_known p10 = {'a', "public", "t10", NULL};
	const plumb_pg_known p11 = {'a', "public", "users", NULL};
	const void *known[] = {&t9,  &t9_a, &alter_t9, &users_age, &alter_users,
			       NULL, NULL,  &nothing,  &nothing,   &t10,
			       &p10, &p11,  &nothing};
	const plumb_catalog *befores[] = {before, NULL};
	for (size_t b = 0; b < 2; b++) {
		plumb_stmt_class parsed[13], told[13];
		memset(parsed, 0, sizeof(parsed));
		memset(told, 0, sizeof(told));
		is_int(plumb__pg_classify_script(ctx, A, befores[b], sqls, NULL, 13, parsed), 0,
		       "known: every statement parsed");
		is_int(plumb__pg_classify_script(ctx, A, befores[b], sqls, known, 13, told), 0,
		       "known: the planner's statements told");
		for (size_t i = 0; i < 13; i++) {
			bool same = parsed[i].txn == told[i].txn &&
				    parsed[i].hazards.n == told[i].hazards.n;
			for (size_t j = 0; same && j < told[i].hazards.n; j++)
				same = strcmp(((const plumb_hazard *)parsed[i].hazards.items[j])
						      ->message,
					      ((const plumb_hazard *)told[i].hazards.items[j])
						      ->message) == 0;
			ok(same, "known (%s): statement %zu classified as when parsed",
			   b ? "nothing before" : "before", i);
		}
		is_str(kinds_of(&told[3].hazards), "I", "known: an index on an old table is built");
		is_str(kinds_of(&told[11].hazards), "L",
		       "known: a policy on an old table locks it");
	}
}

typedef struct fault_script {
	const plumb_catalog *before;
	const char *const *sqls;
	size_t n;
} fault_script;

static int classify_script(void *payload, plumb_arena *arena)
{
	fault_script *f = payload;
	plumb_stmt_class out[8];
	memset(out, 0, sizeof(out));
	return plumb__pg_classify_script(ctx, arena, f->before, f->sqls, NULL, f->n, out);
}

/* Each allocation of a script's classification failing in turn: success
 * or a clean PLUMB_ENOMEM, never another error (and no leak under ASan). */
static void test_faults(const plumb_catalog *before)
{
	const char *sqls[] = {
		"ALTER TABLE \"public\".\"users\" RENAME TO \"people\"",
		"ALTER TABLE \"public\".\"people\" ALTER COLUMN \"name\" TYPE character varying(5)",
		"ALTER TABLE \"public\".\"people\" ADD COLUMN \"x\" integer NOT NULL DEFAULT vol()",
		"CREATE TYPE \"public\".\"mood2\" AS ENUM ('sad')",
		"ALTER TABLE \"public\".\"people\" ALTER COLUMN \"md\" TYPE mood2 USING "
		"md::text::mood2",
		"ALTER TABLE \"public\".\"checked\" ALTER COLUMN \"a\" SET NOT NULL",
		"DROP INDEX \"public\".\"posts_title\"",
	};
	fault_script f = {before, sqls, sizeof(sqls) / sizeof(sqls[0])};
	sweep_counts c = sweep(ctx, classify_script, &f);
	is_int(c.rc, 0, "faults: the script classifies without faults");
	is_int(c.other, 0,
	       "faults: each of %ld allocations failing ends in success or out of memory", c.total);
	ok(c.clean > 0, "faults: %ld reported as out of memory", c.clean);
}

int main(void)
{
	plumb_ctx_new(&ctx);
	A = plumb_arena_new(ctx->root);
	const plumb_catalog *before = load(schema);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		run_case(before, &cases[i]);
	test_probes(before);
	test_entries(before);
	test_known(before);
	test_faults(before);
	plumb_ctx_free(ctx);
	return done_testing();
}
