/*
 * offline.c's errors, no server needed: a statement the offline builder
 * cannot place (an index, constraint, comment, grant, trigger, policy,
 * OWNED BY, ... on an object that is not there) is an error at the file,
 * line and column of the statement or of the name it could not find, never
 * skipped; errors from canon.c inside a statement carry its position too.
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/pg.h"
#include "tap.h"

static plumb_ctx *ctx;
static plumb_arena *A;

static plumb_catalog *load(const char *sql, int *rc)
{
	plumb_sql_file f = {"schema.sql", sql, strlen(sql)};
	plumb_vec files = {0};
	plumb_catalog *cat = NULL;
	plumb_vec_push(A, &files, &f);
	*rc = plumb__pg_load_schema(ctx, A, &files, &cat);
	return cat;
}

/* sql fails to load with message msg at schema.sql:line:col. */
static void fails_at(const char *sql, int line, int col, const char *msg, const char *what)
{
	int rc;
	plumb_catalog *cat = load(sql, &rc);
	const plumb_error *e = plumb_ctx_error(ctx);
	ok(rc < 0 && !cat && e->message && strcmp(e->message, msg) == 0 && e->file &&
		   strcmp(e->file, "schema.sql") == 0 && e->line == line && e->col == col,
	   "%s: schema.sql:%d:%d: %s (got rc %d, %s:%d:%d: %s)", what, line, col, msg, rc,
	   e->file ? e->file : "", e->line, e->col, e->message ? e->message : "");
	plumb_error_clear(ctx);
}

static bool has_index(plumb_catalog *cat, const char *name)
{
	for (size_t i = 0; cat && i < cat->indexes.n; i++)
		if (strcmp(((plumb_index *)cat->indexes.items[i])->name, name) == 0)
			return true;
	return false;
}

static void test_unplaced(void)
{
	const char *head = "CREATE TABLE a (id int PRIMARY KEY, n text);\n"
			   "CREATE VIEW av AS SELECT id FROM a;\n"
			   "\n";
	char sql[4096];
#define F(body, line, col, msg, what)                                \
	do {                                                          \
		snprintf(sql, sizeof(sql), "%s%s", head, body);        \
		fails_at(sql, line, col, msg, what);                  \
	} while (0)

	/* a schema is read in any order: an index before its table is read after it */
	{
		int rc;
		plumb_catalog *cat =
			load("CREATE UNIQUE INDEX t_b_key ON t (b); CREATE TABLE t (a int, b text);\n", &rc);
		ok(rc == 0 && has_index(cat, "t_b_key"), "an index before its table is read after it");
		plumb_error_clear(ctx);
	}
	F("CREATE INDEX ON nope (id);\n", 4, 17, "relation \"nope\" does not exist",
	  "index on a missing table");
	/* what is added to a family of the server's own: read by the server
	 * only, named by pull and diff */
	F("CREATE FUNCTION c(int, int) RETURNS int LANGUAGE sql AS 'SELECT 0';\n"
	  "  CREATE OPERATOR CLASS oc FOR TYPE int USING btree FAMILY integer_ops AS\n"
	  "  FUNCTION 1 c(int, int);\n",
	  5, 3,
	  "operator family pg_catalog.integer_ops (btree) is the server's own: plumb does not read "
	  "what is added to it offline; give --dev-url (pull and diff name it and leave it out)",
	  "CREATE OPERATOR CLASS in a family of pg_catalog");
	F("ALTER OPERATOR FAMILY pg_catalog.integer_ops USING hash ADD OPERATOR 1 = (int, int);\n", 4,
	  1,
	  "operator family pg_catalog.integer_ops (hash) is the server's own: plumb does not read "
	  "what is added to it offline; give --dev-url (pull and diff name it and leave it out)",
	  "ALTER OPERATOR FAMILY of pg_catalog");
	F("ALTER OPERATOR FAMILY nope USING btree ADD OPERATOR 1 < (int, int);\n", 4, 1,
	  "operator family \"nope USING btree\" does not exist", "ALTER OPERATOR FAMILY of none");
	F("CREATE INDEX ON s.nope (id);\n", 4, 17, "relation \"s.nope\" does not exist",
	  "index on a missing table of another schema");
	F("\n  CREATE INDEX ON av (id);\n", 5, 19, "\"av\" is not a table or materialized view",
	  "index on a view");
	F("CREATE INDEX ON a (nope);\n", 4, 1, "column \"nope\" does not exist",
	  "index on a missing column");
	F("CREATE TABLE b (LIKE nope);\n", 4, 22, "relation \"nope\" does not exist",
	  "LIKE a missing table");
	F("CREATE TABLE b (x int,\n  LIKE a INCLUDING ALL);\n", 5, 8,
	  "LIKE ... INCLUDING COMMENTS, IDENTITY, INDEXES or ALL cannot be read without a server",
	  "LIKE INCLUDING ALL: indexes are not modelled");
	F("CREATE TABLE b (\n  id int,\n  u int REFERENCES users (id)\n);\n", 6, 20,
	  "relation \"users\" does not exist", "REFERENCES a missing table");
	F("CREATE TABLE b (id int, u int REFERENCES a (nope));\n", 4, 42,
	  "column \"nope\" referenced in foreign key constraint does not exist",
	  "REFERENCES a missing column");
	F("CREATE TABLE b (id int, u int, FOREIGN KEY (nope) REFERENCES a);\n", 4, 32,
	  "column \"nope\" referenced in foreign key constraint does not exist",
	  "FOREIGN KEY of a missing column");
	F("CREATE TABLE b (id int);\nCREATE TABLE c (u int REFERENCES b);\n", 5, 34,
	  "there is no primary key for referenced table \"b\"", "REFERENCES a table without a key");
	F("CREATE TABLE b (id int, PRIMARY KEY (nope));\n", 4, 25,
	  "column \"nope\" named in key does not exist", "PRIMARY KEY of a missing column");
	F("CREATE TABLE b (id int) INHERITS (nope);\n", 4, 35, "relation \"nope\" does not exist",
	  "INHERITS a missing table");
	F("CREATE TABLE b PARTITION OF nope FOR VALUES IN (1);\n", 4, 29,
	  "relation \"nope\" does not exist", "PARTITION OF a missing table");
	F("ALTER TABLE a ALTER COLUMN nope SET NOT NULL;\n", 4, 1,
	  "column \"nope\" of relation \"a\" does not exist", "ALTER COLUMN of a missing column");
	F("ALTER TABLE a DROP COLUMN nope;\n", 4, 1, "column \"nope\" of relation \"a\" does not exist",
	  "DROP COLUMN of a missing column");
	F("ALTER TABLE a ADD COLUMN n int;\n", 4, 26, "column \"n\" of relation \"a\" already exists",
	  "ADD COLUMN of an existing column");
	F("ALTER TABLE a DROP CONSTRAINT nope;\n", 4, 1,
	  "constraint \"nope\" of relation \"a\" does not exist", "DROP CONSTRAINT missing");
	F("ALTER TABLE a ADD CONSTRAINT k UNIQUE USING INDEX nope;\n", 4, 19,
	  "index \"nope\" does not exist", "USING INDEX of a missing index");
	F("ALTER TABLE a ADD CONSTRAINT k UNIQUE (n) INCLUDE (nope);\n", 4, 19,
	  "column \"nope\" named in key does not exist", "INCLUDE of a missing column");
	F("ALTER TABLE a VALIDATE CONSTRAINT nope;\n", 4, 1,
	  "constraint \"nope\" of relation \"a\" does not exist", "VALIDATE CONSTRAINT missing");
	F("COMMENT ON EXTENSION nope IS 'x';\n", 4, 1, "extension \"nope\" does not exist",
	  "COMMENT on a missing extension");
	F("COMMENT ON TABLE nope IS 'x';\n", 4, 1, "relation \"nope\" does not exist",
	  "COMMENT on a missing table");
	F("COMMENT ON COLUMN a.nope IS 'x';\n", 4, 1, "column \"nope\" of relation \"a\" does not exist",
	  "COMMENT on a missing column");
	F("COMMENT ON CONSTRAINT nope ON a IS 'x';\n", 4, 1,
	  "constraint \"nope\" for table \"a\" does not exist", "COMMENT on a missing constraint");
	F("COMMENT ON TRIGGER nope ON a IS 'x';\n", 4, 1,
	  "trigger \"nope\" for table \"a\" does not exist", "COMMENT on a missing trigger");
	F("COMMENT ON INDEX nope IS 'x';\n", 4, 1, "relation \"nope\" does not exist",
	  "COMMENT on a missing index");
	F("CREATE RULE r AS ON INSERT TO nope DO INSTEAD NOTHING;\n", 4, 31,
	  "relation \"nope\" does not exist", "CREATE RULE on a missing table");
	F("CREATE RULE r AS ON INSERT TO a DO INSTEAD NOTHING;\n"
	  "CREATE RULE r AS ON INSERT TO a DO NOTHING;\n",
	  5, 1, "rule \"r\" for relation \"a\" already exists", "a rule created twice");
	F("CREATE RULE \"_RETURN\" AS ON SELECT TO a DO INSTEAD SELECT 1 AS id;\n", 4, 1,
	  "a rule ON SELECT cannot be read without a server", "a rule ON SELECT");
	F("DROP RULE nope ON a;\n", 4, 1, "rule \"nope\" for relation \"a\" does not exist",
	  "DROP RULE of a missing rule");
	F("COMMENT ON RULE nope ON a IS 'x';\n", 4, 1,
	  "rule \"nope\" for relation \"a\" does not exist", "COMMENT on a missing rule");
	F("CREATE STATISTICS s ON id, n FROM nope;\n", 4, 35, "relation \"nope\" does not exist",
	  "CREATE STATISTICS on a missing table");
	F("CREATE STATISTICS s ON id, nope FROM a;\n", 4, 1, "column \"nope\" does not exist",
	  "CREATE STATISTICS on a missing column");
	F("CREATE STATISTICS s ON id, n FROM a;\nCREATE STATISTICS s ON n, id FROM a;\n", 5, 1,
	  "statistics object \"s\" already exists", "statistics created twice");
	F("CREATE STATISTICS s (nope) ON id, n FROM a;\n", 4, 1,
	  "unrecognized statistics kind \"nope\"", "an unknown statistics kind");
	F("DROP STATISTICS nope;\n", 4, 1, "statistics object \"nope\" does not exist",
	  "DROP STATISTICS of a missing object");
	F("ALTER STATISTICS nope SET STATISTICS 5;\n", 4, 1,
	  "statistics object \"nope\" does not exist", "ALTER STATISTICS of a missing object");
	F("CREATE STATISTICS s ON id, n FROM a;\nCREATE STATISTICS t ON id, n FROM a;\n"
	  "ALTER STATISTICS t RENAME TO s;\n",
	  6, 1, "statistics object \"s\" already exists in schema \"public\"",
	  "a statistics object renamed onto another");
	F("CREATE LANGUAGE l1 HANDLER plpgsql_call_handler;\n"
	  "CREATE LANGUAGE l2 HANDLER plpgsql_call_handler;\nALTER LANGUAGE l1 RENAME TO l2;\n",
	  6, 1, "language \"l2\" already exists", "a language renamed onto another");
	F("CREATE PUBLICATION p FOR TABLE nope;\n", 4, 32, "relation \"nope\" does not exist",
	  "CREATE PUBLICATION of a missing table");
	F("CREATE PUBLICATION p;\nCREATE PUBLICATION p;\n", 5, 1,
	  "publication \"p\" already exists", "a publication created twice");
	F("CREATE PUBLICATION p FOR TABLE a;\nALTER PUBLICATION p ADD TABLE a;\n", 5, 1,
	  "relation \"a\" is already member of publication \"p\"",
	  "a table added twice to a publication");
	F("CREATE PUBLICATION p;\nALTER PUBLICATION p DROP TABLE a;\n", 5, 1,
	  "relation \"a\" is not part of the publication", "DROP TABLE of a non-member");
	F("ALTER PUBLICATION nope ADD TABLE a;\n", 4, 1, "publication \"nope\" does not exist",
	  "ALTER of a missing publication");
	F("CREATE PUBLICATION p WITH (nope = 1);\n", 4, 1,
	  "unrecognized publication parameter: \"nope\"", "an unknown publication option");
	F("DROP PUBLICATION nope;\n", 4, 1, "publication \"nope\" does not exist",
	  "DROP of a missing publication");
	F("CREATE EVENT TRIGGER e ON ddl_command_end EXECUTE FUNCTION nope();\n", 4, 1,
	  "function nope() does not exist", "an event trigger of a missing function");
	F("CREATE FUNCTION ef() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';\n"
	  "CREATE EVENT TRIGGER e ON nope EXECUTE FUNCTION ef();\n",
	  5, 1, "unrecognized event name \"nope\"", "an event trigger on an unknown event");
	F("CREATE FUNCTION ef() RETURNS event_trigger LANGUAGE plpgsql AS 'BEGIN END';\n"
	  "CREATE EVENT TRIGGER e ON sql_drop EXECUTE FUNCTION ef();\n"
	  "DROP FUNCTION ef();\n",
	  6, 1, "cannot drop function ef() because other objects depend on it",
	  "DROP FUNCTION under an event trigger");
	F("ALTER EVENT TRIGGER nope DISABLE;\n", 4, 1, "event trigger \"nope\" does not exist",
	  "ALTER of a missing event trigger");
	F("DROP EVENT TRIGGER nope;\n", 4, 1, "event trigger \"nope\" does not exist",
	  "DROP of a missing event trigger");
	F("GRANT SELECT ON nope TO app;\n", 4, 17, "relation \"nope\" does not exist",
	  "GRANT on a missing table");
	F("GRANT SELECT (nope) ON a TO app;\n", 4, 1, "column \"nope\" of relation \"a\" does not exist",
	  "GRANT on a missing column");
	F("REVOKE ALL ON nope FROM app;\n", 4, 15, "relation \"nope\" does not exist",
	  "REVOKE on a missing table");
	F("CREATE TRIGGER tg BEFORE INSERT ON nope FOR EACH ROW EXECUTE FUNCTION f();\n", 4, 36,
	  "relation \"nope\" does not exist", "trigger on a missing table");
	F("CREATE POLICY p ON nope USING (true);\n", 4, 20, "relation \"nope\" does not exist",
	  "policy on a missing table");
	F("CREATE SEQUENCE s OWNED BY nope.id;\n", 4, 19, "relation \"nope\" does not exist",
	  "OWNED BY a missing table");
	F("CREATE SEQUENCE s;\nALTER SEQUENCE s OWNED BY a.nope;\n", 5, 18,
	  "column \"nope\" of relation \"a\" does not exist", "OWNED BY a missing column");
	F("ALTER SEQUENCE nope RESTART;\n", 4, 16, "relation \"nope\" does not exist",
	  "ALTER SEQUENCE of a missing sequence");
	F("ALTER TYPE nope ADD VALUE 'x';\n", 4, 1, "type \"nope\" does not exist",
	  "ALTER TYPE of a missing enum");
	F("CREATE TYPE e AS ENUM ('a');\nALTER TYPE e ADD VALUE 'b' AFTER 'nope';\n", 5, 1,
	  "\"nope\" is not an existing enum label", "ADD VALUE after a missing label");
	F("DROP TABLE nope;\n", 4, 1, "table \"nope\" does not exist", "DROP TABLE of a missing table");
	F("DROP INDEX nope;\n", 4, 1, "index \"nope\" does not exist", "DROP INDEX of a missing index");
	/* RESTRICT (the default) is refused when others depend, as the server refuses it */
	F("CREATE VIEW v AS SELECT 1 AS x;\nCREATE VIEW w AS SELECT x FROM v;\n  DROP VIEW v;\n", 6, 3,
	  "cannot drop view v because other objects depend on it", "DROP VIEW read by a view");
	F("DROP TABLE a RESTRICT;\n", 4, 1, "cannot drop table a because other objects depend on it",
	  "DROP TABLE read by a view");
	F("DROP TABLE a, nope;\n", 4, 1, "table \"nope\" does not exist", "DROP TABLE, one missing");
	F("CREATE TABLE b (id int REFERENCES a);\nDROP TABLE a, b;\n", 5, 1,
	  "cannot drop desired object(s) because other objects depend on them",
	  "DROP of two tables, a view on one");
	F("CREATE TABLE b (id int REFERENCES a);\nDROP VIEW av;\nDROP TABLE a;\n", 6, 1,
	  "cannot drop table a because other objects depend on it",
	  "DROP TABLE referenced by a foreign key");
	F("ALTER TABLE a DROP COLUMN id;\n", 4, 1,
	  "cannot drop column id of table a because other objects depend on it",
	  "DROP COLUMN read by a view");
	F("CREATE TABLE b (id int REFERENCES a);\nALTER TABLE a DROP CONSTRAINT a_pkey;\n", 5, 1,
	  "cannot drop constraint a_pkey on table a because other objects depend on it",
	  "DROP CONSTRAINT of a referenced key");
	F("CREATE TYPE mood AS ENUM ('x');\nCREATE TABLE m (m mood);\nDROP TYPE mood;\n", 6, 1,
	  "cannot drop type mood because other objects depend on it", "DROP TYPE of a column");
	F("CREATE DOMAIN pos AS int;\nCREATE FUNCTION f(p pos) RETURNS int LANGUAGE sql AS 'select "
	  "1';\nDROP DOMAIN pos;\n",
	  6, 1, "cannot drop type pos because other objects depend on it",
	  "DROP DOMAIN of a function's argument");
	F("CREATE FUNCTION d() RETURNS int LANGUAGE sql AS 'select 1';\n"
	  "CREATE TABLE dd (a int DEFAULT d());\nDROP FUNCTION d();\n",
	  6, 1, "cannot drop function d() because other objects depend on it",
	  "DROP FUNCTION of a default");
	F("CREATE FUNCTION tf() RETURNS trigger LANGUAGE plpgsql AS 'begin return new; end';\n"
	  "CREATE TRIGGER tg BEFORE INSERT ON a FOR EACH ROW EXECUTE FUNCTION tf();\n"
	  "DROP FUNCTION tf();\n",
	  6, 1, "cannot drop function tf() because other objects depend on it",
	  "DROP FUNCTION of a trigger");
	F("CREATE SCHEMA s;\nCREATE TABLE s.t (a int);\nDROP SCHEMA s;\n", 6, 1,
	  "cannot drop schema s because other objects depend on it", "DROP SCHEMA not empty");
	F("CREATE TABLE q (id serial);\nDROP SEQUENCE q_id_seq;\n", 5, 1,
	  "cannot drop sequence q_id_seq because other objects depend on it",
	  "DROP SEQUENCE of a serial column");
	F("CREATE TABLE g (a int, b int GENERATED ALWAYS AS (a * 2) STORED);\n"
	  "ALTER TABLE g DROP COLUMN a;\n",
	  5, 1, "cannot drop column a of table g because other objects depend on it",
	  "DROP COLUMN of a generated column's");
	F("CREATE POLICY pp ON a USING (length(n) > 0);\nALTER TABLE a DROP COLUMN n;\n", 5, 1,
	  "cannot drop column n of table a because other objects depend on it",
	  "DROP COLUMN of a policy's");
	F("CREATE TABLE p (id int) PARTITION BY RANGE (id);\nCREATE TABLE c () INHERITS (a);\n"
	  "DROP VIEW av;\nDROP TABLE a;\n",
	  7, 1, "cannot drop table a because other objects depend on it",
	  "DROP TABLE of an inheritance parent");
	F("CREATE FUNCTION o(int) RETURNS int LANGUAGE sql AS 'select 1';\n"
	  "CREATE FUNCTION o(text) RETURNS int LANGUAGE sql AS 'select 2';\n"
	  "CREATE TABLE od (a int DEFAULT o(1));\nDROP FUNCTION o(text);\nDROP FUNCTION o(int);\n",
	  8, 1, "cannot drop function o(integer) because other objects depend on it",
	  "DROP FUNCTION of the last overload a default calls, after a run of DROPs");
	F("DROP FUNCTION d(integer);\n", 4, 1, "function d(integer) does not exist",
	  "DROP FUNCTION of a missing signature");
	F("CREATE FUNCTION o(int) RETURNS int LANGUAGE sql AS 'select 1';\nDROP FUNCTION o(text);\n",
	  5, 1, "function o(text) does not exist", "DROP FUNCTION of another overload");
	F("DROP FUNCTION nope;\n", 4, 1, "could not find a function named \"nope\"",
	  "DROP FUNCTION of a missing name");
	F("DROP PROCEDURE nope(int);\n", 4, 1, "procedure nope(integer) does not exist",
	  "DROP PROCEDURE of a missing one");
	F("CREATE FUNCTION o(int) RETURNS int LANGUAGE sql AS 'select 1';\n"
	  "CREATE FUNCTION o(text) RETURNS int LANGUAGE sql AS 'select 1';\nDROP FUNCTION o;\n",
	  6, 1, "function name \"o\" is not unique", "DROP FUNCTION of an overloaded name");
	F("CREATE FUNCTION o(int) RETURNS int LANGUAGE sql AS 'select 1';\n"
	  "CREATE FUNCTION o(text) RETURNS int LANGUAGE sql AS 'select 1';\n"
	  "GRANT EXECUTE ON FUNCTION o TO app;\n",
	  6, 1, "function name \"o\" is not unique", "GRANT ON FUNCTION of an overloaded name");
	F("CREATE PROCEDURE q(int) LANGUAGE sql AS 'select 1';\n"
	  "CREATE PROCEDURE q2() LANGUAGE sql AS 'select 1';\n"
	  "REVOKE ALL ON PROCEDURE q2 FROM PUBLIC;\n"
	  "ALTER PROCEDURE q2() RENAME TO q;\n"
	  "REVOKE ALL ON PROCEDURE q FROM PUBLIC;\n",
	  8, 1, "procedure name \"q\" is not unique",
	  "REVOKE ON PROCEDURE of a name an overload was renamed to");
	F("DROP TRIGGER nope ON a;\n", 4, 1, "trigger \"nope\" for table \"a\" does not exist",
	  "DROP TRIGGER of a missing trigger");
	F("DROP POLICY nope ON a;\n", 4, 1, "policy \"nope\" for table \"a\" does not exist",
	  "DROP POLICY of a missing policy");
	F("DROP TRIGGER t ON nope;\n", 4, 1, "relation \"nope\" does not exist",
	  "DROP TRIGGER on a missing table");
	F("CREATE TABLE c AS SELECT 1 AS x;\n", 4, 1, "CREATE TABLE AS cannot be read without a server",
	  "CREATE TABLE AS");
	F("CREATE FOREIGN DATA WRAPPER w;\nCREATE SERVER s FOREIGN DATA WRAPPER w;\n"
	  "  IMPORT FOREIGN SCHEMA remote FROM SERVER s INTO public;\n",
	  6, 3,
	  "IMPORT FOREIGN SCHEMA remote cannot be read without a server: only the server \"s\" "
	  "knows what it imports",
	  "IMPORT FOREIGN SCHEMA");
	F("CREATE SERVER s FOREIGN DATA WRAPPER nope;\n", 4, 1,
	  "foreign-data wrapper \"nope\" does not exist", "CREATE SERVER on a missing wrapper");
	F("CREATE FOREIGN TABLE f (a int) SERVER nope;\n", 4, 1, "server \"nope\" does not exist",
	  "CREATE FOREIGN TABLE on a missing server");
	F("CREATE FOREIGN DATA WRAPPER w;\nCREATE SERVER s FOREIGN DATA WRAPPER w OPTIONS (a '1');\n"
	  "ALTER SERVER s OPTIONS (SET b '2');\n",
	  6, 1, "option \"b\" not found", "ALTER SERVER ... OPTIONS (SET) of a missing option");
	F("CREATE FOREIGN DATA WRAPPER w OPTIONS (a '1', a '2');\n", 4, 1,
	  "option \"a\" provided more than once", "an option given twice");
	F("CREATE FOREIGN DATA WRAPPER w;\nCREATE SERVER s FOREIGN DATA WRAPPER w;\n"
	  "CREATE FOREIGN TABLE f (a int) SERVER s;\nDROP TABLE f;\n",
	  7, 1, "\"f\" is not a table", "DROP TABLE of a foreign table");
	F("ALTER FOREIGN TABLE a OPTIONS (ADD x '1');\n", 4, 1, "\"a\" is not a foreign table",
	  "ALTER FOREIGN TABLE of a table");
	F("DO $$ BEGIN EXECUTE 'CREATE TABLE b (id int)'; END $$;\n", 4, 1,
	  "a DO block cannot be read without a server", "DO block");
	F("CREATE TABLE b (id int);\n  DO LANGUAGE plpgsql 'BEGIN NULL; END';\n", 5, 3,
	  "a DO block cannot be read without a server", "DO block with its language");
	F("CREATE FUNCTION mk() RETURNS void LANGUAGE sql AS 'SELECT 1';\nSELECT mk();\n", 5, 1,
	  "a statement that calls mk() cannot be read without a server: what the function does "
	  "is known only once it runs",
	  "SELECT of a function of the schema's own");
	F("SELECT app.create_hypertable('a', 'id');\n", 4, 1,
	  "a statement that calls app.create_hypertable() cannot be read without a server: what "
	  "the function does is known only once it runs",
	  "SELECT of a qualified function");
	F("CALL make_tables();\n", 4, 1,
	  "CALL make_tables cannot be read without a server: what the procedure does is known only "
	  "once it runs",
	  "CALL");
	F("SET search_path TO app, public;\n", 4, 1,
	  "SET search_path names a schema other than public, which offline reading cannot follow",
	  "search_path elsewhere");
	F("SELECT pg_catalog.set_config('search_path', 'app', false);\n", 4, 1,
	  "set_config('search_path', ...) names a schema other than public, which offline reading "
	  "cannot follow",
	  "search_path elsewhere by set_config");
	F("CREATE TYPE pt AS (x int);\nALTER TABLE a OF pt;\n", 5, 1,
	  "this form of ALTER TABLE cannot be read without a server", "ALTER TABLE OF");
	F("ALTER VIEW av ALTER COLUMN id SET DEFAULT 1;\n", 4, 1,
	  "this form of ALTER VIEW cannot be read without a server", "ALTER VIEW SET DEFAULT");
	F("CREATE TABLE b (id int);\nALTER TABLE a DETACH PARTITION b;\n", 5, 32,
	  "relation \"b\" is not a partition of relation \"a\"", "DETACH of no partition");
	F("ALTER POLICY nope ON a USING (true);\n", 4, 1,
	  "policy \"nope\" for table \"a\" does not exist", "ALTER POLICY of a missing policy");
	F("ALTER FUNCTION nope(int) STABLE;\n", 4, 1, "function nope(integer) does not exist",
	  "ALTER FUNCTION of a missing function");
	F("ALTER DOMAIN nope SET NOT NULL;\n", 4, 1, "type \"nope\" does not exist",
	  "ALTER DOMAIN of a missing domain");
	F("CREATE DOMAIN d AS int CONSTRAINT c CHECK (VALUE > 0);\n"
	  "ALTER DOMAIN d ADD CONSTRAINT c CHECK (VALUE < 9);\n",
	  5, 1, "constraint \"c\" for domain \"d\" already exists", "a domain's constraint twice");
	F("ALTER TABLE a ALTER COLUMN n DROP IDENTITY;\n", 4, 1,
	  "column \"n\" of relation \"a\" is not an identity column", "DROP IDENTITY of no identity");
	F("ALTER INDEX nope SET (fillfactor = 5);\n", 4, 13, "relation \"nope\" does not exist",
	  "ALTER INDEX of a missing index");
	/* renames: a missing target or a taken name, as PostgreSQL says it */
	F("ALTER TABLE nope RENAME TO x;\n", 4, 13, "relation \"nope\" does not exist",
	  "RENAME of a missing table");
	F("ALTER TABLE a RENAME COLUMN nope TO x;\n", 4, 1, "column \"nope\" does not exist",
	  "RENAME COLUMN of a missing column");
	F("ALTER TABLE a RENAME COLUMN n TO id;\n", 4, 1,
	  "column \"id\" of relation \"a\" already exists", "RENAME COLUMN to a taken name");
	F("ALTER TABLE a RENAME TO av;\n", 4, 1, "relation \"av\" already exists",
	  "RENAME to a taken name");
	F("ALTER TABLE a RENAME CONSTRAINT nope TO x;\n", 4, 1,
	  "constraint \"nope\" for table \"a\" does not exist", "RENAME CONSTRAINT of a missing one");
	F("ALTER TABLE a RENAME CONSTRAINT a_pkey TO av;\n", 4, 1, "relation \"av\" already exists",
	  "RENAME CONSTRAINT of a key to a taken relation name");
	F("ALTER INDEX nope RENAME TO x;\n", 4, 13, "relation \"nope\" does not exist",
	  "ALTER INDEX RENAME of a missing index");
	F("ALTER TYPE nope RENAME TO x;\n", 4, 1, "type \"nope\" does not exist",
	  "ALTER TYPE RENAME of a missing type");
	F("ALTER FUNCTION nope() RENAME TO g;\n", 4, 1, "function nope() does not exist",
	  "ALTER FUNCTION RENAME of a missing function");
	F("ALTER TRIGGER nope ON a RENAME TO x;\n", 4, 1,
	  "trigger \"nope\" for table \"a\" does not exist", "ALTER TRIGGER RENAME of a missing one");
	F("ALTER POLICY nope ON a RENAME TO x;\n", 4, 1,
	  "policy \"nope\" for table \"a\" does not exist", "ALTER POLICY RENAME of a missing one");
	F("ALTER SCHEMA nope RENAME TO x;\n", 4, 1, "schema \"nope\" does not exist",
	  "ALTER SCHEMA RENAME of a missing schema");
	F("ALTER TABLE a SET SCHEMA nope;\n", 4, 1, "schema \"nope\" does not exist",
	  "SET SCHEMA to a missing schema");
	F("ALTER TABLE nope SET SCHEMA public;\n", 4, 13, "relation \"nope\" does not exist",
	  "SET SCHEMA of a missing table");
	F("CREATE TYPE e AS ENUM ('a', 'b');\nALTER TYPE e RENAME VALUE 'a' TO 'b';\n", 5, 1,
	  "enum label \"b\" already exists", "RENAME VALUE to a taken label");
	F("CREATE TYPE e AS ENUM ('a', 'b');\nALTER TYPE e RENAME VALUE 'nope' TO 'c';\n", 5, 1,
	  "\"nope\" is not an existing enum label", "RENAME VALUE of a missing label");
	/* what offline replay cannot follow is an error naming --dev-url, never a wrong catalog */
	F("CREATE TABLE b (id int);\nCREATE VIEW j AS SELECT n FROM a JOIN b USING (id);\n"
	  "ALTER TABLE a RENAME COLUMN id TO aid;\n",
	  6, 1, "offline replay cannot follow this rename: view \"j\" reads column \"id\" in a way it cannot place",
	  "a renamed column a view joins on with USING");
	F("CREATE VIEW q AS SELECT s.n FROM (SELECT n FROM a) s;\nALTER TABLE a RENAME COLUMN n TO m;\n",
	  5, 1, "offline replay cannot follow this rename: view \"q\" reads column \"n\" in a way it cannot place",
	  "a renamed column a view reads through a subquery");
	F("CREATE FUNCTION f() RETURNS int LANGUAGE sql RETURN (SELECT max(id) FROM a);\n"
	  "ALTER TABLE a RENAME COLUMN id TO aid;\n",
	  5, 1, "offline replay cannot follow this rename: the body of function f() reads relation \"a\"",
	  "a renamed column a function body reads");
	F("ALTER TABLE av RENAME COLUMN id TO x;\n", 4, 1,
	  "offline replay cannot follow this rename: a column of a view", "a view's column renamed");
	F("CREATE SCHEMA s;\nCREATE TABLE s.t (id int);\nALTER SCHEMA s RENAME TO s2;\n", 6, 1,
	  "offline replay cannot follow this rename: schema \"s\" holds objects, which would move with it",
	  "a schema renamed with its objects");
	F("CREATE SCHEMA s;\n"
	  "CREATE FUNCTION e(int, int) RETURNS bool LANGUAGE sql AS 'SELECT $1 = $2';\n"
	  "CREATE FUNCTION e2(text, text) RETURNS bool LANGUAGE sql AS 'SELECT $1 = $2';\n"
	  "CREATE OPERATOR === (FUNCTION = e, LEFTARG = int, RIGHTARG = int);\n"
	  "CREATE OPERATOR === (FUNCTION = e2, LEFTARG = text, RIGHTARG = text);\n"
	  "ALTER OPERATOR === (int, int) SET SCHEMA s;\n",
	  9, 1,
	  "offline replay cannot follow this rename: operator === has overloads, which "
	  "expressions do not tell apart",
	  "an operator with overloads moved");
	F("CREATE SCHEMA s;\nCREATE TYPE p AS (x int);\n"
	  "CREATE FUNCTION e(p, p) RETURNS bool LANGUAGE sql AS 'SELECT $1.x = $2.x';\n"
	  "CREATE OPERATOR = (FUNCTION = e, LEFTARG = p, RIGHTARG = p);\n"
	  "ALTER OPERATOR = (p, p) SET SCHEMA s;\n",
	  8, 1,
	  "offline replay cannot follow this rename: operator = is also one of PostgreSQL's, "
	  "which expressions do not tell apart",
	  "an operator named as one of the server's moved");
	F("CREATE AGGREGATE g(int) (SFUNC = int4pl, STYPE = int);\n"
	  "ALTER ROUTINE g(int) RENAME TO g2;\n",
	  5, 1, "offline replay cannot follow this rename: aggregate g(integer) renamed",
	  "an aggregate renamed");
	F("ALTER OPERATOR === (int, int) SET SCHEMA public;\n", 4, 1,
	  "operator does not exist: public.===(integer, integer)",
	  "SET SCHEMA of a missing operator");
#undef F
	{
		int r;
		plumb_catalog *c = load("CREATE VIEW v AS SELECT 1 AS x;\n"
					"CREATE VIEW w AS SELECT x FROM v;\n"
					"CREATE VIEW w2 AS SELECT x FROM w;\nDROP VIEW v;\n",
					&r);
		const plumb_error *e = plumb_ctx_error(ctx);
		ok(r < 0 && !c && e->detail && strstr(e->detail, "view w depends on view v") &&
			   strstr(e->detail, "view w2 depends on view w") && e->hint &&
			   strcmp(e->hint, "Use DROP ... CASCADE to drop the dependent objects too.") == 0,
		   "a refused DROP says what depends on what, and CASCADE (got %.*s / %s)",
		   e->detail ? (int)strcspn(e->detail, "\n") : 0, e->detail ? e->detail : "",
		   e->hint ? e->hint : "");
		plumb_error_clear(ctx);
	}

	/* what stays allowed */
	int rc;
	plumb_catalog *cat = load("CREATE TABLE a (id serial PRIMARY KEY, n text);\n"
				  "CREATE INDEX ON a (n);\n"
				  "CREATE TABLE b (id int, u int REFERENCES c);\n" /* resolved at the end */
				  "CREATE TABLE c (id int PRIMARY KEY);\n"
				  "CREATE MATERIALIZED VIEW mv AS SELECT id FROM a;\n"
				  "CREATE INDEX mv_id ON mv (id);\n"
				  "ALTER TABLE a ADD COLUMN IF NOT EXISTS n int;\n"
				  "ALTER TABLE a DROP COLUMN IF EXISTS nope;\n"
				  "ALTER TABLE a DROP CONSTRAINT IF EXISTS nope;\n"
				  "ALTER SEQUENCE a_id_seq RESTART WITH 5;\n"
				  "ALTER SEQUENCE IF EXISTS nope RESTART;\n"
				  "COMMENT ON INDEX a_pkey IS 'the key';\n"
				  "COMMENT ON SEQUENCE a_id_seq IS 'ids';\n"
				  "GRANT SELECT ON SEQUENCE a_id_seq TO app;\n"
				  "DROP TABLE IF EXISTS nope;\n"
				  "DROP INDEX IF EXISTS nope;\n"
				  "DROP FUNCTION IF EXISTS nope(int), nope;\n"
				  "DROP TRIGGER IF EXISTS nope ON a;\n"
				  "DROP POLICY IF EXISTS nope ON nope;\n"
				  "DROP TABLE b, c;\n" /* a foreign key between the two */
				  "CREATE TEMP TABLE tmp AS SELECT 1 AS x;\n"
				  "SELECT pg_catalog.set_config('search_path', '', false);\n"
				  "SET search_path = \"$user\", public, ext;\n"
				  "SELECT setval('a_id_seq', 10), now();\n"
				  "INSERT INTO a (n) VALUES ('x');\n"
				  "UPDATE a SET n = lower(n);\n",
				  &rc);
	is_int(rc, 0, "indexes, forward references, IF [NOT] EXISTS, implicit relations, "
		      "search_path in public, data statements load");
	ok(has_index(cat, "a_n_idx") && has_index(cat, "mv_id"), "the indexes are there");
	plumb_error_clear(ctx);
}

/* Default privileges are objects of the catalog, folded from PostgreSQL's
 * defaults; without FOR ROLE the statement cannot be read offline. */
static void test_default_privileges(void)
{
	int rc;
	plumb_catalog *cat =
		load("CREATE SCHEMA app;\n"
		     "ALTER DEFAULT PRIVILEGES FOR ROLE r IN SCHEMA app GRANT SELECT ON TABLES TO u;\n"
		     "ALTER DEFAULT PRIVILEGES FOR ROLE r REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC;\n"
		     "ALTER DEFAULT PRIVILEGES FOR ROLE r GRANT USAGE ON TYPES TO u;\n"
		     "ALTER DEFAULT PRIVILEGES FOR ROLE r REVOKE USAGE ON TYPES FROM u;\n",
		     &rc);
	is_int(rc, 0, "ALTER DEFAULT PRIVILEGES FOR ROLE loads");
	const plumb_object *a =
		cat ? plumb_catalog_find(cat, PLUMB_OBJ_DEFAULT_ACL, "app",
					 "FOR ROLE r IN SCHEMA app ON TABLES TO u")
		    : NULL;
	const plumb_object *b =
		cat ? plumb_catalog_find(cat, PLUMB_OBJ_DEFAULT_ACL, NULL,
					 "FOR ROLE r ON FUNCTIONS TO PUBLIC")
		    : NULL;
	size_t n = 0;
	for (size_t i = 0; cat && i < cat->objects.n; i++)
		n += ((const plumb_object *)cat->objects.items[i])->kind == PLUMB_OBJ_DEFAULT_ACL;
	ok(a && strcmp(a->definition, "SELECT") == 0, "a grant in a schema is an object (%s)",
	   a ? a->definition : "none");
	ok(b && strcmp(b->definition, "NONE") == 0, "a default revoked everywhere is one (%s)",
	   b ? b->definition : "none");
	is_int((int)n, 2, "a grant and its revoke leave nothing");
	ok(cat && cat->unmanaged.n == 0, "default privileges are no longer left out");
	plumb_error_clear(ctx);
	load("CREATE TABLE t (a int);\nALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO u;\n",
	     &rc);
	const char *msg = ctx->err.message ? ctx->err.message : "";
	ok(rc < 0 && ctx->err.line == 2 && ctx->err.col == 1 && strstr(msg, "without FOR ROLE"),
	   "without FOR ROLE: an error at its statement (%d:%d %s)", ctx->err.line, ctx->err.col,
	   msg);
	plumb_error_clear(ctx);
}

/* Statements of kinds plumb does not manage load, each named once in the
 * catalog's unmanaged list. */
static void test_unmanaged(void)
{
	int rc;
	plumb_catalog *cat = load("CREATE TABLE t (a int, b int);\n"
				  "CREATE USER MAPPING FOR PUBLIC SERVER srv OPTIONS (password 'x');\n"
				  "CREATE ACCESS METHOD am TYPE TABLE HANDLER heap_tableam_handler;\n",
				  &rc);
	is_int(rc, 0, "statements of kinds plumb does not manage load");
	/* a user mapping by role and server, never its options (passwords) */
	static const char *const want[] = {
		"user mapping for PUBLIC server srv",
		"access method am",
	};
	size_t n = sizeof(want) / sizeof(want[0]);
	bool same = cat && cat->unmanaged.n == n;
	for (size_t i = 0; same && i < n; i++)
		same = strcmp(cat->unmanaged.items[i], want[i]) == 0;
	ok(same, "each is named in the catalog's unmanaged list, in order (%zu named)",
	   cat ? cat->unmanaged.n : 0);
	plumb_error_clear(ctx);
}

static void test_sequence_owned_by(void)
{
	/* ALTER SEQUENCE with options merged into a CREATE SEQUENCE without
	 * any: no NULL pointer given to memcpy (UBSan) */
	int rc;
	plumb_catalog *cat = load("CREATE SEQUENCE s; CREATE TABLE t(id int); "
				  "ALTER SEQUENCE s OWNED BY t.id;\n",
				  &rc);
	is_int(rc, 0, "ALTER SEQUENCE OWNED BY after a bare CREATE SEQUENCE loads");
	const plumb_object *seq = NULL;
	for (size_t i = 0; cat && i < cat->objects.n; i++) {
		const plumb_object *o = cat->objects.items[i];
		if (o->kind == PLUMB_OBJ_SEQUENCE && strcmp(o->name, "s") == 0)
			seq = o;
	}
	ok(seq && seq->sql && strstr(seq->sql, "OWNED BY public.t.id"), "the sequence is owned by t.id (%s)",
	   seq && seq->sql ? seq->sql : "none");
	plumb_error_clear(ctx);
}

/* DROP LANGUAGE: the server's errors, at the statement. */
static void test_drop_language(void)
{
	const char *plx = "CREATE TRUSTED LANGUAGE plx HANDLER plpgsql_call_handler;\n";
	char sql[1024];
	snprintf(sql, sizeof(sql),
		 "%sCREATE FUNCTION f() RETURNS int LANGUAGE plx AS 'begin return 1; end';\n"
		 "  DROP LANGUAGE plx;\n",
		 plx);
	fails_at(sql, 3, 3, "cannot drop language plx because other objects depend on it",
		 "DROP LANGUAGE of a language a function is written in");
	fails_at("DROP LANGUAGE plpgsql;", 1, 1,
		 "cannot drop language plpgsql because extension plpgsql requires it",
		 "DROP LANGUAGE plpgsql");
	fails_at("DROP LANGUAGE IF EXISTS sql;", 1, 1,
		 "cannot drop language sql because it is required by the database system",
		 "DROP LANGUAGE sql");
	fails_at("DROP LANGUAGE nope;", 1, 1, "language \"nope\" does not exist",
		 "DROP LANGUAGE of no language");
	snprintf(sql, sizeof(sql), "%sDROP LANGUAGE plx;\nDROP LANGUAGE plx;\n", plx);
	fails_at(sql, 3, 1, "language \"plx\" does not exist", "DROP LANGUAGE twice");
	int rc;
	snprintf(sql, sizeof(sql),
		 "%sCREATE FUNCTION f() RETURNS int LANGUAGE plx AS 'begin return 1; end';\n"
		 "DROP LANGUAGE IF EXISTS nope;\nDROP LANGUAGE plx CASCADE;\n",
		 plx);
	plumb_catalog *cat = load(sql, &rc);
	bool gone = cat && cat->unmanaged.n == 0;
	for (size_t i = 0; cat && i < cat->objects.n; i++)
		gone = gone && ((plumb_object *)cat->objects.items[i])->kind != PLUMB_OBJ_FUNCTION;
	ok(rc == 0 && gone, "DROP LANGUAGE ... CASCADE: the language and its function are gone");
	plumb_error_clear(ctx);
}

/* A language depends on the functions it calls, as on the server. */
static void test_language_handler(void)
{
	const char *plx =
		"CREATE FUNCTION h() RETURNS language_handler AS 'plpgsql', "
		"'plpgsql_call_handler' LANGUAGE C;\n"
		"CREATE FUNCTION v(oid) RETURNS void AS 'plpgsql', 'plpgsql_validator' "
		"LANGUAGE C;\n"
		"CREATE LANGUAGE plx HANDLER h VALIDATOR public.v;\n"
		"CREATE FUNCTION f() RETURNS int LANGUAGE plx AS 'begin return 1; end';\n";
	char sql[1024];
	snprintf(sql, sizeof(sql), "%s  DROP FUNCTION h();\n", plx);
	fails_at(sql, 5, 3, "cannot drop function h() because other objects depend on it",
		 "DROP FUNCTION of a language's handler");
	int rc;
	plumb_catalog *cat = load(sql, &rc);
	const char *detail = plumb_ctx_error(ctx)->detail;
	is_str(detail ? detail : "",
	       "language plx depends on function h()\nfunction f() depends on language plx",
	       "... the detail names the language, and the function written in it");
	plumb_error_clear(ctx);
	snprintf(sql, sizeof(sql), "%sDROP FUNCTION v(oid);\n", plx);
	fails_at(sql, 5, 1, "cannot drop function v(oid) because other objects depend on it",
		 "DROP FUNCTION of a language's validator");
	snprintf(sql, sizeof(sql), "%sCREATE LANGUAGE plx HANDLER h;\n", plx);
	fails_at(sql, 5, 1, "language \"plx\" already exists", "CREATE LANGUAGE twice");
	snprintf(sql, sizeof(sql), "%sCREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'select 2';\n",
		 plx);
	fails_at(sql, 5, 1, "function \"f\" already exists with same argument types",
		 "CREATE FUNCTION twice, not OR REPLACE");
	snprintf(sql, sizeof(sql), "%sCREATE OR REPLACE LANGUAGE plx HANDLER h;\n"
		 "DROP FUNCTION v(oid);\nDROP FUNCTION h() CASCADE;\n", plx);
	cat = load(sql, &rc);
	bool gone = cat && cat->unmanaged.n == 0;
	for (size_t i = 0; cat && i < cat->objects.n; i++)
		gone = gone && ((plumb_object *)cat->objects.items[i])->kind != PLUMB_OBJ_FUNCTION;
	ok(rc == 0 && gone,
	   "DROP FUNCTION of a handler with CASCADE: the language and its function go too "
	   "(OR REPLACE left the validator free)");
	plumb_error_clear(ctx);
}

/* Errors raised inside a statement by canon.c (which knows no file) are
 * placed at the statement. */
static void test_inner_positions(void)
{
	fails_at("CREATE TABLE a (id int);\n\n  CREATE TABLE b (x int DEFAULT 1 + );\n", 3, 37,
		 "syntax error at or near \")\"", "a syntax error at its token");
	fails_at("CREATE TABLE a (id int);\nCREATE TABLE a (id int);\n", 2, 1,
		 "relation already exists: a", "a second CREATE TABLE");
	fails_at("CREATE AGGREGATE s(int) (SFUNC = int4pl, STYPE = int);\n"
		 "CREATE AGGREGATE s(integer) (SFUNC = int4pl, STYPE = int);\n",
		 2, 1, "function already exists: s(integer)", "an aggregate created twice");
}

/* deep.c: the depth of a packed tree counted without recursion, stopping
 * past the limit at the statement that went too deep; canon.c reads a long
 * deep text on the large stack. */
static void test_depth(void)
{
	char sql[8192];
	size_t n = (size_t)snprintf(sql, sizeof(sql), "SELECT 1;\n  SELECT 1");
	for (int i = 0; i < 1000; i++)
		n += (size_t)snprintf(sql + n, sizeof(sql) - n, "+1");
	PgQueryProtobufParseResult r = pg_query_parse_protobuf(sql);
	size_t depth = 0;
	int32_t loc = -1;
	ok(!r.error, "1+1+... (1,000 terms) parses");
	int rc = plumb__pg_packed_depth(A, (const uint8_t *)r.parse_tree.data, r.parse_tree.len,
					PLUMB_PG_MAX_DEPTH, &depth, &loc);
	ok(rc == 0 && depth > 2000 && depth < 2100, "its depth is counted (got %zu)", depth);
	rc = plumb__pg_packed_depth(A, (const uint8_t *)r.parse_tree.data, r.parse_tree.len, 50,
				    &depth, &loc);
	ok(rc == 0 && depth == 51 && loc == 9,
	   "past a limit of 50 the count stops, at the second statement (got %zu at %d)", depth, loc);
	pg_query_free_protobuf_parse_result(r);

	char *out = NULL;
	rc = plumb__pg_canon_expr(ctx, A, sql + 19, &out);
	ok(rc == 0 && out && strstr(out, "1 + 1) + 1)"), "canon_expr reads it (%d: %.20s)", rc, out ? out : "");
	plumb_error_clear(ctx);

	/* past the limit: tests/e2e/pg_deep.sh (the parse alone takes seconds) */
}

/* psql's meta-commands: pg_dump's \restrict and a script's \set are
 * psql's own and blanked out, every position kept; \i or \connect would
 * change what runs, and are errors where they stand. */
static void test_psql_meta(void)
{
	int rc;
	plumb_catalog *cat = load("--\n-- PostgreSQL database dump\n--\n\n"
				  "\\restrict 1JnzWpVdOvPFUZHZC2mjSmP8xcqafpE\n\n"
				  "\\set ON_ERROR_STOP 1\n"
				  "CREATE TABLE t (a int, b text DEFAULT 'x\n\\i y');\n"
				  "  \\echo done\n"
				  "CREATE INDEX t_a ON t (a);\n"
				  "\\unrestrict 1JnzWpVdOvPFUZHZC2mjSmP8xcqafpE\n",
				  &rc);
	ok(rc == 0 && has_index(cat, "t_a"), "pg_dump's \\restrict, \\set and \\echo are psql's own");
	/* a backslash first on a line of a string is the string's */
	const plumb_table *t = cat && cat->tables.n ? cat->tables.items[0] : NULL;
	const plumb_column *b = t && t->columns.n == 2 ? t->columns.items[1] : NULL;
	ok(b && b->default_sql && strstr(b->default_sql, "i y"),
	   "a backslash first on a line of a string is kept");
	plumb_error_clear(ctx);
	const char *msg = "psql meta-command \\%s: plumb reads SQL, and of psql's own commands only "
			  "those that change nothing the server sees (\\set, \\restrict, \\echo, "
			  "...); write its effect as SQL";
	char want[512];
	snprintf(want, sizeof(want), msg, "i");
	fails_at("CREATE TABLE t (a int);\n\n   \\i more.sql\n", 3, 4, want, "\\i is refused");
	snprintf(want, sizeof(want), msg, "connect");
	fails_at("CREATE TABLE t (a int);\n\\connect other\nCREATE TABLE u (a int);\n", 2, 1, want,
		 "\\connect is refused");
	/* a body holding a line that starts with a backslash, then a
	 * meta-command after it */
	cat = load("CREATE FUNCTION f() RETURNS text LANGUAGE sql AS $$\n\\i not.this\n"
		   "SELECT 'x' $$;\n\\connect later\n",
		   &rc);
	const plumb_error *e = plumb_ctx_error(ctx);
	ok(rc < 0 && e->line == 4 && e->col == 1 && e->message &&
		   strstr(e->message, "\\connect"),
	   "a body's line starting with a backslash is the body's; the meta-command after it "
	   "is found (%d:%d: %s)",
	   e->line, e->col, e->message ? e->message : "");
	plumb_error_clear(ctx);
	/* a backslash that is not first on its line is the parser's to report */
	fails_at("CREATE TABLE t (a int); \\set x 1\n", 1, 25, "syntax error at or near \"\\\"",
		 "a backslash after a statement on its line");
	/* the statement after a blanked line is still placed where it is */
	fails_at("\\set ON_ERROR_STOP 1\nCREATE INDEX ON nope (id);\n", 2, 17,
		 "relation \"nope\" does not exist", "a position after a blanked line");
}

int main(void)
{
	if (plumb_ctx_new(&ctx) < 0 || !(A = plumb_arena_new(NULL)))
		return 1;
	test_unplaced();
	test_unmanaged();
	test_default_privileges();
	test_sequence_owned_by();
	test_drop_language();
	test_language_handler();
	test_inner_positions();
	test_depth();
	test_psql_meta();
	plumb_arena_free(A);
	plumb_ctx_free(ctx);
	return done_testing();
}
