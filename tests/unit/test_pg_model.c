/*
 * model.c's shared facts, no server needed: the foreign-key action letters,
 * the integer types and serial kinds of sequences and serial columns,
 * sequence defaults and options as both catalog builders write them,
 * function kinds and volatilities, aggregates, grants' privileges, columns'
 * default storage and attribute options, and what a key or constraint
 * definition says beyond its columns (INCLUDE, NOT VALID), and pg_catalog's
 * operator classes and families, that a bare name resolves to.
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/opclass.h"
#include "dialect/pg/pg.h"
#include "tap.h"

static plumb_ctx *ctx;
static plumb_arena *A;

static void test_fk_actions(void)
{
	is_str(plumb__pg_fk_action("a"), "NO ACTION", "a is NO ACTION");
	is_str(plumb__pg_fk_action("r"), "RESTRICT", "r is RESTRICT");
	is_str(plumb__pg_fk_action("c"), "CASCADE", "c is CASCADE");
	is_str(plumb__pg_fk_action("n"), "SET NULL", "n is SET NULL");
	is_str(plumb__pg_fk_action("d"), "SET DEFAULT", "d is SET DEFAULT");
	is_str(plumb__pg_fk_action(""), "NO ACTION", "no letter is NO ACTION");
	is_str(plumb__pg_fk_action(NULL), "NO ACTION", "NULL is NO ACTION");
}

static void test_int_types(void)
{
	is_int(plumb__pg_int_max(PLUMB_PG_INT2), 32767, "smallint max");
	is_int(plumb__pg_int_max(PLUMB_PG_INT4), 2147483647, "integer max");
	ok(plumb__pg_int_max(PLUMB_PG_INT8) == 9223372036854775807LL, "bigint max");
	is_str(plumb__pg_int_name(PLUMB_PG_INT2), "smallint", "int2 is smallint");
	is_str(plumb__pg_int_name(PLUMB_PG_INT4), "integer", "int4 is integer");
	is_str(plumb__pg_int_name(PLUMB_PG_INT8), "bigint", "int8 is bigint");
	static const char *const names[][2] = {
		{"int2", "21"},   {"smallint", "21"}, {"smallserial", "21"}, {"serial2", "21"},
		{"int4", "23"},   {"int", "23"},      {"integer", "23"},     {"serial", "23"},
		{"serial4", "23"}, {"int8", "20"},    {"bigint", "20"},      {"bigserial", "20"},
		{"serial8", "20"}, {"numeric", "20"}, {"text", "20"},
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		is_int(plumb__pg_int_typid(names[i][0]), atoi(names[i][1]), "typid of %s", names[i][0]);
}

static void test_serials(void)
{
	is_str(plumb__pg_serial_of(PLUMB_PG_INT2), "smallserial", "int2 column is smallserial");
	is_str(plumb__pg_serial_of(PLUMB_PG_INT4), "serial", "int4 column is serial");
	is_str(plumb__pg_serial_of(PLUMB_PG_INT8), "bigserial", "int8 column is bigserial");
	is_str(plumb__pg_serial_kind("serial4"), "serial", "serial4 is serial");
	is_str(plumb__pg_serial_kind("serial8"), "bigserial", "serial8 is bigserial");
	is_str(plumb__pg_serial_kind("serial2"), "smallserial", "serial2 is smallserial");
	ok(!plumb__pg_serial_kind("integer"), "integer is no serial kind");
	is_str(plumb__pg_serial_base("serial"), "integer", "serial is over integer");
	is_str(plumb__pg_serial_base("bigserial"), "bigint", "bigserial is over bigint");
	is_str(plumb__pg_serial_base("serial2"), "smallint", "serial2 is over smallint");
	ok(!plumb__pg_serial_base("bigint"), "bigint is over nothing");
	ok(plumb__pg_is_serial("smallserial") && plumb__pg_is_serial("serial") &&
		   plumb__pg_is_serial("bigserial"),
	   "the three kinds are serial column types");
	ok(!plumb__pg_is_serial("serial4") && !plumb__pg_is_serial("integer"),
	   "other spellings and types are not");
}

static void test_sequences(void)
{
	plumb_pg_seq s = {PLUMB_PG_INT4, 1, 1, 1, 2147483647, 1, false};
	char *out = NULL;
	ok(plumb__pg_seq_is_default(&s), "a serial's integer sequence is default");
	ok(plumb__pg_seq_options(ctx, A, &s, &out) == 0 && strcmp(out, "") == 0,
	   "no options for defaults (got \"%s\")", out ? out : "");
	plumb_object so = {.schema = "public", .name = "s", .kind = PLUMB_OBJ_SEQUENCE};
	ok(plumb__pg_seq_define(ctx, A, &so, &s, NULL, NULL) == 0 &&
		   strcmp(so.sql, "CREATE SEQUENCE \"public\".\"s\" AS integer") == 0 && !so.table,
	   "integer sequence (got %s)", so.sql ? so.sql : "");
	is_int(plumb__pg_seq_default_min(PLUMB_PG_INT2, -1), -32768, "descending smallint min");
	is_int(plumb__pg_seq_default_max(PLUMB_PG_INT2, -1), -1, "descending max");
	is_int(plumb__pg_seq_default_min(PLUMB_PG_INT8, 5), 1, "ascending min");
	plumb_pg_seq d = {PLUMB_PG_INT8, -1, -1, plumb__pg_seq_default_min(PLUMB_PG_INT8, -1), -1, 1,
			  false};
	ok(plumb__pg_seq_options(ctx, A, &d, &out) == 0 && strcmp(out, "INCREMENT BY -1") == 0,
	   "descending bigint: only the increment (got \"%s\")", out ? out : "");
	ok(!plumb__pg_seq_is_default(&d), "descending is not default");
	plumb_pg_seq o = {PLUMB_PG_INT2, 10, 2, 5, 1000, 20, true};
	plumb_object oo = {.schema = "app", .name = "Odd", .kind = PLUMB_OBJ_SEQUENCE};
	ok(plumb__pg_seq_define(ctx, A, &oo, &o, "t", "Id") == 0 &&
		   strcmp(oo.sql, "CREATE SEQUENCE \"app\".\"Odd\" AS smallint START WITH 10 "
				  "INCREMENT BY 2 MINVALUE 5 MAXVALUE 1000 CACHE 20 CYCLE OWNED BY "
				  "app.t.\"Id\"") == 0 &&
		   strcmp(oo.table, "t") == 0 && strcmp(oo.column, "Id") == 0,
	   "every option, in pg_dump's order, and the owner's fields (got %s)",
	   oo.sql ? oo.sql : "");
}

static void test_functions_grants(void)
{
	ok(plumb__pg_comment_is_default(PLUMB_OBJ_SCHEMA, "public", "standard public schema") &&
		   !plumb__pg_comment_is_default(PLUMB_OBJ_SCHEMA, "app", "standard public schema") &&
		   plumb__pg_comment_is_default(PLUMB_OBJ_EXTENSION, "btree_gin",
						"support for indexing common datatypes in GIN") &&
		   !plumb__pg_comment_is_default(PLUMB_OBJ_EXTENSION, "btree_gin", "ours") &&
		   !plumb__pg_comment_is_default(PLUMB_OBJ_EXTENSION, "unknown_ext", "x"),
	   "comments objects come with: public's from initdb, an extension's own");
	is_int(plumb__pg_func_kind('f'), PLUMB_FUNC_FUNCTION, "prokind f: function");
	is_int(plumb__pg_func_kind('p'), PLUMB_FUNC_PROCEDURE, "prokind p: procedure");
	is_int(plumb__pg_func_kind('w'), PLUMB_FUNC_WINDOW, "prokind w: window function");
	is_int(plumb__pg_volatility("i"), PLUMB_IMMUTABLE, "provolatile i");
	is_int(plumb__pg_volatility("s"), PLUMB_STABLE, "provolatile s");
	is_int(plumb__pg_volatility("v"), PLUMB_VOLATILE, "provolatile v");
	is_int(plumb__pg_volatility("immutable"), PLUMB_IMMUTABLE, "the parse tree's immutable");
	is_int(plumb__pg_volatility("stable"), PLUMB_STABLE, "the parse tree's stable");
	is_int(plumb__pg_volatility(NULL), PLUMB_VOLATILE, "none said: volatile");

	is_int(plumb__pg_priv_bit("SELECT"), PLUMB_PRIV_SELECT, "SELECT");
	is_int(plumb__pg_priv_bit("references"), PLUMB_PRIV_REFERENCES, "references, any case");
	is_int(plumb__pg_priv_bit("USAGE"), PLUMB_PRIV_USAGE, "USAGE");
	is_int(plumb__pg_priv_bit("MAINTAIN"), 0, "a privilege plumb does not manage");
	is_str(plumb__pg_priv_name(PLUMB_PRIV_TRUNCATE), "TRUNCATE", "the name of a bit");
	ok(plumb__pg_priv_name(PLUMB_PRIV_SELECT | PLUMB_PRIV_INSERT) == NULL, "one bit only");

	plumb_object g = {.kind = PLUMB_OBJ_GRANT,
			  .privileges = PLUMB_PRIV_USAGE | PLUMB_PRIV_UPDATE | PLUMB_PRIV_SELECT,
			  .grantable = PLUMB_PRIV_UPDATE};
	ok(plumb__pg_grant_define(ctx, A, &g) == 0, "grant defined");
	is_str(g.definition, "SELECT, UPDATE WITH GRANT OPTION, USAGE",
	       "privileges in PostgreSQL's order, grant option after each");
	g.privileges = g.grantable = 0;
	ok(plumb__pg_grant_define(ctx, A, &g) == 0 && !g.definition,
	   "no privileges (the owner's): no definition");
}

/* CREATE AGGREGATE from pg_aggregate's fields: pg_dump's order, defaults
 * left out, the signatures of the kinds of aggregate. */
static void test_aggregates(void)
{
	is_int(plumb__pg_func_kind('a'), PLUMB_FUNC_AGGREGATE, "prokind a: aggregate");
	is_str(plumb__pg_proc_ref(A, "public", "f"), "\"f\"", "a function in public: unqualified");
	is_str(plumb__pg_proc_ref(A, "pg_catalog", "int4pl"), "\"int4pl\"",
	       "a built-in function: unqualified");
	is_str(plumb__pg_proc_ref(A, "stats", "acc"), "\"stats\".\"acc\"", "elsewhere: qualified");
	is_str(plumb__pg_oper_ref(A, "pg_catalog", ">"), ">", "a built-in operator");
	is_str(plumb__pg_oper_ref(A, "ops", "<<<"), "OPERATOR(\"ops\".<<<)",
	       "an operator elsewhere");

	plumb_pg_agg_arg one[] = {{"v", "integer", false}};
	plumb_pg_aggregate a = {.kind = 'n',
				.args = one,
				.n_args = 1,
				.sfunc = "\"f\"",
				.stype = "integer",
				.sspace = "0",
				.finalfunc = "\"g\"",
				.finalfunc_modify = 'r',
				.initcond = "it's",
				.mfinalfunc_modify = 'r',
				.parallel = 'u'};
	is_str(plumb__pg_aggregate_name(A, "agg", &a), "agg(integer)", "named by its types");
	is_str(plumb__pg_aggregate_define(A, "public", "agg", &a),
	       "CREATE AGGREGATE \"public\".\"agg\"(\"v\" integer) (SFUNC = \"f\", "
	       "STYPE = integer, INITCOND = 'it''s', FINALFUNC = \"g\")",
	       "defaults left out, INITCOND quoted, FINALFUNC after it as pg_dump writes it");
	a.finalfunc_modify = 'w';
	a.parallel = 's';
	a.sortop = ">";
	is_str(plumb__pg_aggregate_define(A, "public", "agg", &a),
	       "CREATE AGGREGATE \"public\".\"agg\"(\"v\" integer) (SFUNC = \"f\", "
	       "STYPE = integer, INITCOND = 'it''s', FINALFUNC = \"g\", "
	       "FINALFUNC_MODIFY = READ_WRITE, SORTOP = >, PARALLEL = safe)",
	       "a modify other than the default, SORTOP, PARALLEL last");

	plumb_pg_aggregate star = {.kind = 'n', .sfunc = "\"int8inc\"", .stype = "bigint"};
	is_str(plumb__pg_aggregate_name(A, "cnt", &star), "cnt()", "no arguments: f()");
	is_str(plumb__pg_aggregate_define(A, "public", "cnt", &star),
	       "CREATE AGGREGATE \"public\".\"cnt\"(*) (SFUNC = \"int8inc\", STYPE = bigint)",
	       "no arguments: (*)");

	plumb_pg_agg_arg os[] = {{"f", "double precision", false}, {NULL, "integer", false}};
	plumb_pg_aggregate o = {.kind = 'o',
				.args = os,
				.n_args = 2,
				.n_direct = 1,
				.sfunc = "\"s\"",
				.stype = "integer[]",
				.finalfunc = "\"p\"",
				.finalfunc_modify = 'w'};
	is_str(plumb__pg_aggregate_name(A, "pct", &o), "pct(double precision ORDER BY integer)",
	       "ordered-set: named with ORDER BY");
	is_str(plumb__pg_aggregate_define(A, "public", "pct", &o),
	       "CREATE AGGREGATE \"public\".\"pct\"(\"f\" double precision ORDER BY integer) "
	       "(SFUNC = \"s\", STYPE = integer[], FINALFUNC = \"p\")",
	       "ordered-set: READ_WRITE is its default");

	plumb_pg_agg_arg hy[] = {{NULL, "\"any\"", true}};
	plumb_pg_aggregate h = {.kind = 'h',
				.args = hy,
				.n_args = 1,
				.n_direct = 1,
				.sfunc = "\"s\"",
				.stype = "internal"};
	is_str(plumb__pg_aggregate_name(A, "hyp", &h),
	       "hyp(VARIADIC \"any\" ORDER BY VARIADIC \"any\")",
	       "hypothetical: the VARIADIC direct argument is the aggregated one too");
	ok(strstr(plumb__pg_aggregate_define(A, "public", "hyp", &h), ", HYPOTHETICAL)") != NULL,
	   "HYPOTHETICAL");
}

static void test_columns_constraints(void)
{
	char base[32];
	plumb__pg_type_base("numeric(10,2)", base, sizeof(base));
	is_str(base, "numeric", "type base: modifiers dropped");
	plumb__pg_type_base("time(3) with time zone", base, sizeof(base));
	is_str(base, "time with time zone", "type base: modifiers inside the name dropped");
	plumb__pg_type_base("numeric(10,2)", base, 5);
	is_str(base, "nume", "type base: cut short to the buffer");
	is_str(plumb__pg_default_storage("text"), "EXTENDED", "text: EXTENDED");
	is_str(plumb__pg_default_storage("numeric(10,2)"), "MAIN", "numeric with modifiers: MAIN");
	is_str(plumb__pg_default_storage("inet"), "MAIN", "inet: MAIN");
	is_str(plumb__pg_default_storage("integer"), "PLAIN", "integer: PLAIN");
	is_str(plumb__pg_default_storage("timestamp(3) with time zone"), "PLAIN",
	       "timestamptz with a precision: PLAIN");
	is_str(plumb__pg_default_storage("integer[]"), "EXTENDED", "an array: EXTENDED");
	is_str(plumb__pg_default_storage("public.mytype"), "EXTENDED", "a type of the schema: EXTENDED");

	const char *opts = NULL;
	const char *items[] = {"n_distinct_inherited=4", "pg_other=1", "n_distinct=-1",
			       "n_distinct=0.5"};
	ok(plumb__pg_column_options(ctx, A, items, 4, &opts) == 0, "options joined");
	is_str(opts, "n_distinct=0.5, n_distinct_inherited=4",
	       "by name, the last of a name winning, others left out");
	ok(plumb__pg_column_options(ctx, A, items + 1, 1, &opts) == 0 && !opts,
	   "none PostgreSQL defines: NULL");

	const char *cols[] = {"a"}, *inc[] = {"b", "c"};
	plumb_constraint k = {.kind = PLUMB_CON_UNIQUE, .name = "u", .columns = cols,
			      .n_columns = 1, .include = inc, .n_include = 2};
	ok(plumb__pg_constraint_define(ctx, A, &k) == 0, "key defined");
	is_str(k.definition, "CONSTRAINT \"u\" UNIQUE (\"a\") INCLUDE (\"b\", \"c\")",
	       "INCLUDE after the key columns");
	plumb_constraint f = {.kind = PLUMB_CON_FOREIGN_KEY, .name = "f", .columns = cols,
			      .n_columns = 1, .ref_table = "t", .on_delete = "CASCADE",
			      .deferrable = true, .not_valid = true};
	ok(plumb__pg_constraint_define(ctx, A, &f) == 0, "foreign key defined");
	is_str(f.definition,
	       "CONSTRAINT \"f\" FOREIGN KEY (\"a\") REFERENCES \"t\" ON DELETE CASCADE "
	       "DEFERRABLE NOT VALID",
	       "NOT VALID last, as pg_get_constraintdef");
	k.not_valid = true;
	ok(plumb__pg_constraint_define(ctx, A, &k) == 0 && !strstr(k.definition, "NOT VALID"),
	   "a key is never NOT VALID");
}

/* The first and last of each table too: bsearch finds them only sorted. */
static void test_builtin_opclasses(void)
{
	ok(plumb__pg_opc_builtin(false, "gist", "box_ops"), "gist box_ops is pg_catalog's class");
	ok(plumb__pg_opc_builtin(false, "btree", "text_pattern_ops"),
	   "btree text_pattern_ops is pg_catalog's class (not a default)");
	ok(!plumb__pg_opc_builtin(false, "btree", "box_ops"), "btree has no box_ops");
	ok(!plumb__pg_opc_builtin(false, "btree", "float_ops"), "float_ops is no class");
	ok(plumb__pg_opc_builtin(true, "btree", "float_ops"), "btree float_ops is a family");
	ok(plumb__pg_opc_builtin(false, "brin", "bit_minmax_ops") &&
		   plumb__pg_opc_builtin(true, "brin", "bit_minmax_ops"),
	   "the first of the tables");
	ok(plumb__pg_opc_builtin(false, "spgist", "text_ops") &&
		   plumb__pg_opc_builtin(true, "spgist", "text_ops"),
	   "the last of the tables");
	ok(!plumb__pg_opc_builtin(false, NULL, "box_ops") &&
		   !plumb__pg_opc_builtin(true, "gist", NULL),
	   "no access method or name: none");
	is_str(plumb__pg_opc_ref(A, "public", "float_ops", "btree"), "\"public\".\"float_ops\"",
	       "a family of public named as pg_catalog's is qualified");
	is_str(plumb__pg_opc_ref(A, "public", "my_ops", "btree"), "\"my_ops\"",
	       "another of public's is bare");
}

int main(void)
{
	if (plumb_ctx_new(&ctx) < 0 || !(A = plumb_arena_new(NULL)))
		return 1;
	test_fk_actions();
	test_int_types();
	test_serials();
	test_sequences();
	test_functions_grants();
	test_aggregates();
	test_columns_constraints();
	test_builtin_opclasses();
	plumb_arena_free(A);
	plumb_ctx_free(ctx);
	return done_testing();
}
