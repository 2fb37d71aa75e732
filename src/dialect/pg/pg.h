/*
 * Private interface of the PostgreSQL dialect, shared by its files: the
 * connection (libpq), canonical text of types, expressions and statements
 * (libpg_query: parse, normalise the tree, deparse), the catalog builders
 * (introspection of a live database; the offline builder over SQL files),
 * the planner, the hazard classifier and the dumper, and the tracking table.
 *
 * The two catalog builders must agree: a schema loaded offline and the same
 * schema applied to a server and introspected give catalogs with equal
 * definitions. Both therefore route every type, expression and statement
 * text through canon.c and build column and constraint definitions with
 * model.c, never by hand.
 */
#ifndef PLUMB_DIALECT_PG_H
#define PLUMB_DIALECT_PG_H

#include <libpq-fe.h>

#include "dialect/dialect.h"

typedef struct plumb_pg_conn {
	plumb_conn base;
	PGconn *pg;
	const char *conninfo;     /* as given to connect (the dev URL for a scratch database;
				   * reconnections copy the live settings with PQconninfo);
				   * may hold a password: never print it */
	const char *dbname;       /* the database connected to */
	PGconn *lock_pg;          /* dedicated connection holding the advisory lock, or NULL */
	bool in_txn;
	/* Set when this connection is a scratch database plumb created: it is
	 * dropped (over an admin connection the arena holds) when the arena is
	 * freed. */
	const char *scratch_db;
} plumb_pg_conn;

/* --- txn.c: transaction control in a migration (dialect.h) --------------- */
/* datastmt.c: the statements of migrations that change rows (squash). */
int plumb__pg_find_data(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *migrations,
			plumb_vec *out);
int plumb__pg_find_txn_control(plumb_ctx *ctx, plumb_arena *arena, const char *sql,
			       size_t *offset, const char **what);

/* --- conn.c: libpq ----------------------------------------------------- */
bool plumb__pg_accepts_url(const char *url);
int plumb__pg_connect(plumb_ctx *ctx, plumb_arena *arena, const char *url, plumb_conn **out);
/* A fresh empty database: on dev_url's server when given, else on a
 * throwaway local cluster (initdb/pg_ctl) removed when arena is freed. */
int plumb__pg_connect_scratch(plumb_ctx *ctx, plumb_arena *arena, const char *dev_url,
			      plumb_conn **out);
int plumb__pg_exec_script(plumb_ctx *ctx, plumb_conn *conn, const char *sql, const char *file);
int plumb__pg_exec_each(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, const char *sql,
			const char *file, const char **failed_stmt);
/* One statement of a run statement by statement (-- plumb:no-transaction):
 * its text with the blanks, comments and semicolons around it trimmed, and
 * where that text is in the input. */
typedef struct plumb_pg_stmt {
	const char *sql;   /* a copy, NUL-terminated */
	size_t start, end; /* bytes [start, end) of the input */
	int line, col;     /* of start, 1-based (col in characters) */
} plumb_pg_stmt;
/* Cuts sql into the statements exec_each runs one at a time, in input
 * order, with libpg_query's parser (a BEGIN ATOMIC body is part of its
 * statement), or its scanner when the text does not parse; text between two
 * statements that the scanner leaves out ("SELEC 1") is a statement too, so
 * the server reports it. No server. out: plumb_pg_stmt *, in arena. A scanner error (an
 * unterminated quote) is PLUMB_EPARSE, at file:line:col when file is given. */
int plumb__pg_split_statements(plumb_ctx *ctx, plumb_arena *arena, const char *sql,
			       const char *file, plumb_vec *out);
/* text with psql's own meta-commands (\restrict, \set, \echo, ...) first on
 * a line blanked out byte for byte into a copy in arena (*out = text when
 * there is none); any other meta-command (\i, \connect) is PLUMB_EPARSE at
 * file:line:col. psql.c. */
int plumb__pg_psql_blank(plumb_ctx *ctx, plumb_arena *arena, const char *text, const char *file,
			 const char **out);
int plumb__pg_begin(plumb_ctx *ctx, plumb_conn *conn, const plumb_txn_opts *opts);
int plumb__pg_commit(plumb_ctx *ctx, plumb_conn *conn);
int plumb__pg_rollback(plumb_ctx *ctx, plumb_conn *conn);
int plumb__pg_set_timeouts(plumb_ctx *ctx, plumb_conn *conn, const plumb_txn_opts *opts);
int plumb__pg_lock(plumb_ctx *ctx, plumb_conn *conn, long timeout_ms);
int plumb__pg_unlock(plumb_ctx *ctx, plumb_conn *conn);

/* Runs sql with text parameters (params may be NULL when n_params is 0).
 * The result is cleared when arena is freed. A failure records PLUMB_EDB
 * with the server's message, SQLSTATE and hint, prefixed by `what`. */
int plumb__pg_query(plumb_ctx *ctx, plumb_arena *arena, plumb_pg_conn *c, const char *what,
		    const char *sql, int n_params, const char *const *params, PGresult **out);
/* Runs sql with text parameters for what it does, its result dropped;
 * *changed (may be NULL) says whether it touched a row. Failures as
 * plumb__pg_query's. */
int plumb__pg_exec(plumb_ctx *ctx, plumb_pg_conn *c, const char *what, const char *sql,
		   int n_params, const char *const *params, bool *changed);
/* Whether the table name (schema-qualified, quoted as SQL) exists. */
int plumb__pg_table_exists(plumb_ctx *ctx, plumb_pg_conn *c, const char *what, const char *name,
			   bool *out);
/* Another tool's tracking table (foreign.c; plumb_dialect.foreign_rows). */
int plumb__pg_foreign_rows(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, const char *schema,
			   const char *table, const char *columns, size_t n_cols, bool *found,
			   plumb_vec *out);
int plumb__pg_foreign_has_column(plumb_ctx *ctx, plumb_conn *conn, const char *schema,
				 const char *table, const char *column, bool *out);
/* The boolean a probe query returns (probe.c). */
int plumb__pg_probe(plumb_ctx *ctx, plumb_conn *conn, const char *sql, bool *out);
/* Runs a command whose result is not needed. */
int plumb__pg_command(plumb_ctx *ctx, plumb_pg_conn *c, const char *what, const char *sql);
/* Records a libpq failure (res may be NULL) as PLUMB_EDB; with file and
 * text, the server's error position becomes file:line:col. */
int plumb__pg_error(plumb_ctx *ctx, PGconn *pg, const PGresult *res, const char *what,
		    const char *file, const char *text);

/* --- canon.c: canonical text ------------------------------------------- */
/* The format_type() spelling of a type as written in SQL: "int4" and "int"
 * -> "integer", "varchar(20)" -> "character varying(20)", "timestamptz" ->
 * "timestamp with time zone", "int[]" -> "integer[]". Types outside
 * pg_catalog: "public.mood" and "mood" -> "mood"; "audit.level" stays. */
int plumb__pg_canon_type(plumb_ctx *ctx, plumb_arena *arena, const char *type, char **out);
/* Canonical texts name objects of schema "public" unqualified and objects
 * of every other schema qualified ("audit.log"); built-in types and
 * functions (pg_catalog) are never qualified. Introspection reads with
 * search_path = '' so the server qualifies everything and canon strips
 * "public."; the offline builder writes what the user wrote, and canon
 * strips "public." there too. */
/* The canonical text of an expression (default, check, generated column,
 * index predicate): parsed, redundant casts of literals and parentheses
 * removed, IN/BETWEEN/LIKE written as PostgreSQL stores them, deparsed. */
int plumb__pg_canon_expr(plumb_ctx *ctx, plumb_arena *arena, const char *expr, char **out);
/* The text to write an expression the server printed (a CHECK's) with, so
 * that read back it is the same tree: canonical, but for what reads back
 * otherwise (an IN list on a varchar, which the server prints as = ANY of
 * an array cast to text[]); NULL when that is the canonical text. */
int plumb__pg_written_text(plumb_ctx *ctx, plumb_arena *arena, const char *expr, char **out);
/* The text to write a view's query or another statement the server printed
 * (body: an index's) with, so that read back it is the same tree: the body,
 * but for the untyped constants of a later branch of a set operation in a
 * sub-select (NULL, which the server prints as NULL::integer) and the IN
 * lists it prints as = ANY of an array cast (plumb__pg_written_text); NULL
 * when that is body. */
int plumb__pg_written_view(plumb_ctx *ctx, plumb_arena *arena, const char *body, char **out);
/* canon, the canonical text of raw, a default of a column of type coltype
 * (canonical), as the server keeps it: a constant (a string or NULL) cast in
 * raw to another string type than the column's keeps its cast ('x'::text in
 * a character varying column; 'x' and 'x'::character varying there are 'x').
 * *out is canon itself when nothing is added. */
int plumb__pg_default_cast(plumb_ctx *ctx, plumb_arena *arena, const char *canon, const char *raw,
			   const char *coltype, char **out);
/* def (canonical, of a column of type from) as the server keeps it when the
 * column's type becomes to: between string types, a constant keeps the type
 * it had (a character varying column's 'x' becomes 'x'::character varying in
 * a text column). Any other default stays as it is. */
int plumb__pg_retype_default(plumb_ctx *ctx, plumb_arena *arena, const char *def, const char *from,
			     const char *to, char **out);
/* The canonical text of a whole statement (CREATE INDEX, CREATE VIEW,
 * CREATE TRIGGER, CREATE POLICY, CREATE FUNCTION, ...): names qualified
 * with their schema (unqualified names are in "public"), defaults made
 * explicit (USING btree), expressions canonical, deparsed. */
int plumb__pg_canon_stmt(plumb_ctx *ctx, plumb_arena *arena, const char *stmt, char **out);

/* --- publication.c: a publication's text from its fields ---------------- */
/* o->definition and o->sql of publication o: its values sorted, then
 * CREATE PUBLICATION name [FOR ALL TABLES | FOR list] [WITH (options)]. */
int plumb__pg_publication_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o);
/* Members as FOR and ALTER ... SET/DROP take them: tables first ("TABLE a,
 * b (c)"), then "TABLES IN SCHEMA s"; NULL when out of memory. */
char *plumb__pg_publication_list(plumb_arena *arena, const char *const *items, size_t n);
/* The flags an options text of plumb__pg_publication_options holds:
 * insert, update, delete, truncate, publish_via_partition_root. */
void plumb__pg_publication_flags(const char *opts, bool f[5]);
/* The WITH list of these publish flags: "" for the defaults, NULL when out
 * of memory. */
const char *plumb__pg_publication_options(plumb_arena *arena, bool ins, bool upd, bool del,
					  bool trunc, bool via_root);

/* --- evtrig.c: an event trigger's text from its fields ----------------- */
/* o->sql (CREATE EVENT TRIGGER name ON event [WHEN TAG IN (...)] EXECUTE
 * FUNCTION schema.f()) and o->definition (the same, then "; " and
 * o->evt_enabled when set); o->depends gets "schema.f". */
int plumb__pg_event_trigger_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o,
				   const char *event, const char *const *tags, size_t n_tags,
				   const char *fschema, const char *fname);
/* o->definition again from o->sql and o->evt_enabled. */
int plumb__pg_event_trigger_enable(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o);

/* --- fdw.c: foreign-data wrappers' and servers' text from their fields -- */
/* o->sql and o->definition (the same) of a wrapper or a server, by
 * o->kind, its options sorted. A wrapper: CREATE FOREIGN DATA WRAPPER name
 * [HANDLER f] [VALIDATOR f] [OPTIONS (...)], o->depends getting
 * "func:schema.f" of each function; a server: CREATE SERVER name [TYPE 't']
 * [VERSION 'v'] FOREIGN DATA WRAPPER w [OPTIONS (...)], o->depends getting
 * "fdw:w". */
int plumb__pg_fdw_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o);
/* Sorts "key=value" options by key. */
void plumb__pg_fdw_sort_options(plumb_vec *v);
/* The key and the value of a "key=value" option. */
const char *plumb__pg_fdw_option_key(plumb_arena *arena, const char *kv);
const char *plumb__pg_fdw_option_value(const char *kv);
/* " OPTIONS (key 'value', ...)" of "key=value" options, "" for none; NULL
 * when out of memory. */
const char *plumb__pg_fdw_options_text(plumb_arena *arena, const plumb_vec *v);
/* A "schema.name" function quoted as HANDLER and VALIDATOR take it. */
const char *plumb__pg_fdw_func(plumb_arena *arena, const char *f);

/* --- model.c: definitions from fields ---------------------------------- */
/* Fills col->definition from its fields: "name" type [COMPRESSION m] [COLLATE c]
 * [GENERATED ALWAYS AS IDENTITY ...|GENERATED ALWAYS AS (e) STORED]
 * [NOT NULL] [DEFAULT e]. */
int plumb__pg_column_define(plumb_ctx *ctx, plumb_arena *arena, plumb_column *col);
/* The storage a column of type (format_type spelling) has unless set:
 * "MAIN" for numeric, inet and cidr, "PLAIN" for the fixed-length built-in
 * types, "EXTENDED" for any other (the varlena built-ins; types of the
 * schema, domains over fixed-length types aside). */
const char *plumb__pg_default_storage(const char *type);
/* A type's name without its modifiers, into out (cap bytes, cut short if
 * longer): "numeric(10,2)" -> "numeric", "time(3) with time zone" -> "time
 * with time zone". */
void plumb__pg_type_base(const char *type, char *out, size_t cap);
/* The spelling pg_get_expr gives a constant of a string type: "text",
 * "character varying" or "bpchar" for a type (format_type spelling) of
 * text, character varying or character, whatever its length; NULL for any
 * other type. */
const char *plumb__pg_string_base(const char *type);
/* The canonical attribute options of items ("name=value", a later one
 * winning over an earlier of its name): the options PostgreSQL defines for
 * columns (n_distinct, n_distinct_inherited), sorted by name, joined by
 * ", "; *out NULL when none. */
/* A relation's storage parameters (reloptions) canonical: items
 * "name=value" ("toast.name=value" for its TOAST table's), a later one
 * winning over an earlier of its name, sorted by name, joined by ", ";
 * *out NULL when none. */
int plumb__pg_rel_options(plumb_ctx *ctx, plumb_arena *arena, const char *const *items, size_t n,
			  const char **out);
int plumb__pg_column_options(plumb_ctx *ctx, plumb_arena *arena, const char *const *items,
			     size_t n, const char **out);
/* Fills con->definition from its fields in ALTER TABLE ... ADD form:
 * CONSTRAINT "name" PRIMARY KEY ("a", "b") | UNIQUE [NULLS NOT DISTINCT] (...)
 * [INCLUDE (...)] | CHECK (e) | FOREIGN KEY (...) REFERENCES s.t (...)
 * [MATCH FULL] [ON UPDATE a] [ON DELETE a] [DEFERRABLE [INITIALLY DEFERRED]]
 * | EXCLUDE ..., and NOT VALID for a check or foreign key not validated. */
int plumb__pg_constraint_define(plumb_ctx *ctx, plumb_arena *arena, plumb_constraint *con);
/* Fills an enum's definition (ENUM ('a', 'b')) and sql (CREATE TYPE) from
 * its values. */
int plumb__pg_enum_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o);
/* "schema"."name" quoted, or "name" when schema is NULL. */
char *plumb__pg_qualified(plumb_arena *arena, const char *schema, const char *name);
/* A collation as pg_collation holds it. */
typedef struct plumb_pg_collation {
	char provider;             /* 'c' libc, 'i' icu, 'b' builtin */
	const char *collate;       /* libc: LC_COLLATE */
	const char *ctype;         /* libc: LC_CTYPE */
	const char *locale;        /* icu, builtin: the locale */
	bool deterministic;
} plumb_pg_collation;
/* CREATE COLLATION "schema"."name" (provider = p, locale = 'l' | lc_collate =
 * 'a', lc_ctype = 'b'[, deterministic = false]), as pg_dump writes it (one
 * locale when LC_COLLATE and LC_CTYPE agree); NULL when out of memory. */
char *plumb__pg_collation_define(plumb_arena *arena, const char *schema, const char *name,
				 const plumb_pg_collation *c);

/* --- model.c: integer types, serial kinds, foreign keys, sequences ------ */
/* The integer types of sequences and serial columns: pg_type oids and
 * largest values (the smallest is -max - 1). Catalog queries write them in
 * SQL with PLUMB_PG_STR. */
#define PLUMB_PG_INT2 21
#define PLUMB_PG_INT4 23
#define PLUMB_PG_INT8 20
#define PLUMB_PG_INT2_MAX 32767
#define PLUMB_PG_INT4_MAX 2147483647
#define PLUMB_PG_INT8_MAX 9223372036854775807
#define PLUMB_PG_STR_(x) #x
#define PLUMB_PG_STR(x) PLUMB_PG_STR_(x)
/* The largest value of integer type typid; bigint's for any other oid. */
long long plumb__pg_int_max(long long typid);
/* The format_type name of integer type typid (smallint, integer); bigint
 * for any other oid. */
const char *plumb__pg_int_name(long long typid);
/* The oid of the integer type a name as written denotes (int2, smallint,
 * int4, int, integer, int8, bigint, or a serial kind in any spelling);
 * PLUMB_PG_INT8 for any other name, as for a sequence without AS. */
long long plumb__pg_int_typid(const char *name);
/* The serial kind (smallserial, serial, bigserial) of a column of integer
 * type typid; bigserial for any other oid. */
const char *plumb__pg_serial_of(long long typid);
/* The serial kind a type name as written denotes (serial or serial4 is
 * serial, bigserial or serial8 bigserial, smallserial or serial2
 * smallserial), or NULL. */
const char *plumb__pg_serial_kind(const char *name);
/* The integer type (smallint, integer, bigint) behind a serial kind in any
 * spelling, or NULL when type is none. */
const char *plumb__pg_serial_base(const char *type);
/* Whether a catalog column's type is a serial kind (as the builders write
 * it: smallserial, serial or bigserial). */
bool plumb__pg_is_serial(const char *type);
/* The longest identifier plus one, as the server is built (NAMEDATALEN). */
#define PLUMB_PG_NAMEDATALEN 64
/* Length of s clipped to at most n bytes without splitting a UTF-8 character. */
size_t plumb__pg_clip(const char *s, size_t n);
/* makeObjectName: name1[_name2][_label] written into out (PLUMB_PG_NAMEDATALEN
 * bytes), the longer of name1 and name2 shortened first, never splitting a
 * UTF-8 character. name2 and label may be NULL. */
void plumb__pg_object_name(char *out, const char *name1, const char *name2, const char *label);
/* Whether sequence seq (in schema seq_schema) has the name and schema a
 * serial column col of table schema.table gives its sequence when the name
 * is free (makeObjectName(table, col, "seq")): only then is a column using it
 * written back as serial, which names its sequence so on reload. */
bool plumb__pg_is_serial_seq(const char *schema, const char *table, const char *col,
			     const char *seq_schema, const char *seq);
/* The ON UPDATE / ON DELETE action of a foreign key from its letter, as
 * pg_constraint (confupdtype, confdeltype) and libpg_query's parse tree
 * hold it: 'a' NO ACTION, 'r' RESTRICT, 'c' CASCADE, 'n' SET NULL, 'd' SET
 * DEFAULT; NULL or "" is NO ACTION. */
const char *plumb__pg_fk_action(const char *code);
/* A sequence's options as pg_sequence holds them (every one set). */
typedef struct plumb_pg_seq {
	long long typid;           /* PLUMB_PG_INT2, _INT4 or _INT8 */
	long long start, inc, min, max, cache;
	bool cycle;
} plumb_pg_seq;
/* The MINVALUE and MAXVALUE a sequence of type typid counting by inc has
 * when none is given. */
long long plumb__pg_seq_default_min(long long typid, long long inc);
long long plumb__pg_seq_default_max(long long typid, long long inc);
/* Whether every option is its default (as those of a serial column's
 * sequence are). */
bool plumb__pg_seq_is_default(const plumb_pg_seq *s);
/* *out: the options that differ from the defaults, in pg_dump's order
 * ("START WITH 5 INCREMENT BY 2 ... CYCLE"), "" when none. As written by
 * CREATE SEQUENCE and in an identity column's parentheses. */
int plumb__pg_seq_options(plumb_ctx *ctx, plumb_arena *arena, const plumb_pg_seq *s, char **out);
/* o->sql: CREATE SEQUENCE "schema"."name" [AS type] [options] [OWNED BY
 * "schema"."table"."column"]; o->table and o->column: the column that owns
 * it (in its schema, as PostgreSQL has it), or NULL. */
int plumb__pg_seq_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o,
			 const plumb_pg_seq *s, const char *owner_table, const char *owner_column);
/* Fill o's definition and sql from its name and schema: a schema (CREATE
 * SCHEMA), an extension (CREATE EXTENSION IF NOT EXISTS ... [SCHEMA s]). */
int plumb__pg_schema_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o);
int plumb__pg_extension_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o);
/* A comment: o->name the target as COMMENT ON names it; the fields of `on`
 * (copied into arena) say what it is on and its text; the sql is built. */
typedef struct plumb_pg_comment_on {
	plumb_obj_kind target_kind;
	const char *target; /* the target's name as its object names it, or NULL */
	const char *table;  /* what a column, constraint, trigger or policy hangs on */
	const char *column; /* a column's name */
	const char *part;   /* a constraint's, trigger's or policy's name */
	const char *text;
} plumb_pg_comment_on;
int plumb__pg_comment_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o,
			     const plumb_pg_comment_on *on);
/* A comment the object comes with, not one of the schema's: the comment
 * initdb gives the public schema ("standard public schema", which pg_dump of
 * PostgreSQL 14 and older writes back), and an extension's own (its control
 * file's, for the extensions model.c knows). Introspection leaves these out
 * in its query (PLUMB_PG_INITDB_COMMENT, pg_available_extensions); the
 * offline builder asks here. */
#define PLUMB_PG_INITDB_COMMENT "standard public schema"
bool plumb__pg_comment_is_default(plumb_obj_kind target_kind, const char *target,
				  const char *text);

/* --- model.c: functions, grants ---------------------------------------- */
/* A function's kind from pg_proc.prokind's letter ('f', 'p' procedure, 'w'
 * window, 'a' aggregate); the offline builder gives the letter its CREATE
 * statement means. */
plumb_func_kind plumb__pg_func_kind(char prokind);

/* One argument of an aggregate: its name ("" or NULL when unnamed), its
 * canonical type, whether VARIADIC. */
typedef struct plumb_pg_agg_arg {
	const char *name;
	const char *type;
	bool variadic;
} plumb_pg_agg_arg;
/* An aggregate as pg_aggregate and pg_proc hold it. Functions are named as
 * plumb__pg_proc_ref writes them, types canonical; a letter 0 or a NULL is
 * "not given" (the server's default). */
typedef struct plumb_pg_aggregate {
	char kind;		      /* aggkind: 'n' normal, 'o' ordered-set, 'h' hypothetical */
	const plumb_pg_agg_arg *args; /* pg_proc's arguments (a VARIADIC last direct
				       * argument of an ordered-set one stands for
				       * its aggregated ones too) */
	size_t n_args;
	size_t n_direct; /* ordered-set: aggnumdirectargs */
	const char *sfunc, *stype, *sspace;
	const char *finalfunc;
	bool finalfunc_extra;
	char finalfunc_modify; /* 'r' READ_ONLY, 's' SHAREABLE, 'w' READ_WRITE */
	const char *combinefunc, *serialfunc, *deserialfunc, *initcond;
	const char *msfunc, *minvfunc, *mstype, *msspace;
	const char *mfinalfunc;
	bool mfinalfunc_extra;
	char mfinalfunc_modify;
	const char *minitcond;
	const char *sortop; /* plumb__pg_oper_ref's text */
	char parallel;	    /* proparallel: 's', 'r', 'u' */
} plumb_pg_aggregate;
/* A function named in an aggregate: "f", or "s"."f" outside public and
 * pg_catalog, quoted; NULL when out of memory. */
char *plumb__pg_proc_ref(plumb_arena *arena, const char *schema, const char *name);
/* An operator named in an aggregate: ">", or OPERATOR("s".>) outside public
 * and pg_catalog. */
char *plumb__pg_oper_ref(plumb_arena *arena, const char *schema, const char *name);
/* The aggregate's identity, its function's name: "f(integer, text)", "f()"
 * for f(*), "f(double precision ORDER BY integer)" for an ordered-set one
 * (types only, as DROP AGGREGATE takes them); NULL when out of memory. */
char *plumb__pg_aggregate_name(plumb_arena *arena, const char *name, const plumb_pg_aggregate *a);
/* CREATE AGGREGATE "s"."f"(args) (SFUNC = ..., STYPE = ...[, ...]) with the
 * options pg_dump writes, in its order, those at their defaults left out;
 * NULL when out of memory. */
char *plumb__pg_aggregate_define(plumb_arena *arena, const char *schema, const char *name,
				 const plumb_pg_aggregate *a);

/* A function's volatility from pg_proc.provolatile ('i', 's', 'v') or the
 * word of the parse tree's "volatility" option ("immutable", "stable",
 * "volatile"); NULL is volatile, the default. */
plumb_volatility plumb__pg_volatility(const char *code);
/* The PLUMB_PRIV_* bit of a privilege named as GRANT and aclexplode() write
 * it (SELECT, ..., USAGE; any case), or 0. */
unsigned plumb__pg_priv_bit(const char *name);
/* The name of one PLUMB_PRIV_* bit, or NULL. */
const char *plumb__pg_priv_name(unsigned bit);
/* Fills a grant's definition from its privileges and grantable bits: the
 * privileges in PostgreSQL's order, each followed by " WITH GRANT OPTION"
 * when grantable, joined by ", "; NULL when it holds none (an implicit
 * grant), "NONE" for a routine's, type's or language's that holds none. */
int plumb__pg_grant_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o);
/* What g's grantee holds on g's target by default (a NULL acl): EXECUTE on
 * routines, USAGE on types, domains, enums and trusted languages (part
 * "trusted") to PUBLIC; nothing else. */
unsigned plumb__pg_grant_default(const plumb_object *g);
/* What ALL means on a grant's target kind, in PLUMB_PRIV_* bits, for the
 * kinds whose default plumb__pg_grant_default knows and for servers and
 * wrappers; 0 for relations and schemas. */
unsigned plumb__pg_grant_all(plumb_obj_kind target_kind);
/* Whether g is on a routine, type, server, wrapper or language (not a
 * relation or schema). */
bool plumb__pg_grant_on_object(const plumb_object *g);

/* --- owner.c: owners and default privileges ----------------------------- */

/* The owner initdb gives schema public (PostgreSQL 15). */
#define PLUMB_PG_PUBLIC_OWNER "pg_database_owner"
/* The class an owner is looked up by for an object of kind: "relation"
 * (tables, views, sequences, as ALTER TABLE takes any), "type" (enums,
 * types, domains), else the kind's name; NULL for kinds without an owner. */
const char *plumb__pg_owner_class(plumb_obj_kind kind);
/* The role (quoted where needed) owning the object of class cls named
 * schema.name (schema NULL for a schema; functions "f(integer)" as the
 * catalog names them), or NULL when unknown. */
typedef const char *plumb_pg_owner_lookup(const char *cls, const char *schema, const char *name,
					  void *payload);
/* Appends to cat an owner object (catalog.h) for each table, view and
 * object whose owner lookup knows, and one for schema public (pg_database_owner
 * when lookup knows none). The objects live in arena. */
int plumb__pg_owners_attach(plumb_ctx *ctx, plumb_arena *arena, plumb_catalog *cat,
			    plumb_pg_owner_lookup *lookup, void *payload);
/* The word of pg_default_acl.defaclobjtype code ('r' "TABLES", 'S', 'f', 'T',
 * 'n'), or NULL. */
const char *plumb__pg_defacl_word(char code);
/* What ALL means on the objects word names ("TABLES", ...), in PLUMB_PRIV_* bits. */
unsigned plumb__pg_defacl_all(const char *word);
/* What grantee holds by default on the objects of word role creates: in a
 * schema nothing; everywhere, all to role, EXECUTE on functions and USAGE on
 * types to PUBLIC. */
unsigned plumb__pg_defacl_default(const char *word, const char *role, const char *grantee,
				  bool in_schema);
/* Fills a default privileges object's name and definition from its schema,
 * target (the role), part, grantee, privileges and grantable. */
int plumb__pg_defacl_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o);

/* --- introspect.c ------------------------------------------------------ */
int plumb__pg_introspect(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			 plumb_catalog **out);
/* The elements of a one-dimensional text array in PostgreSQL's output form
 * ({a,"b c",NULL}) appended to out as char *, copied into arena (tmp holds
 * scratch text); NULL elements become NULL pointers. Text that does not
 * start with '{' gives nothing. */
int plumb__pg_parse_array(plumb_ctx *ctx, plumb_arena *arena, plumb_arena *tmp, const char *s,
			  plumb_vec *out);
/* pg_get_viewdef's text without its leading blanks and final semicolon;
 * NULL when out of memory. */
char *plumb__pg_view_body(plumb_arena *arena, const char *def);

/* --- offline.c: SQL files -> catalog, no server ------------------------ */
/* files: plumb_sql_file * (source.h), in order. Errors at file:line:col. */
int plumb__pg_load_schema(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *files,
			  plumb_catalog **out);
/* The same for the files of a migrations folder, replayed in their order:
 * each statement applied to the catalog the ones before it left. */
int plumb__pg_replay_offline(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *files,
			     plumb_catalog **out);
/* One statement of a schema file, in the order offline_order.c resolves:
 * text[start, end) of file path (text the whole file, NUL-terminated),
 * the index-th of its file. */
typedef struct plumb_pg_piece {
	const char *path;
	const char *text;
	size_t start, end;
	size_t index;
} plumb_pg_piece;
/* The statements of schema files (plumb_sql_file *) in the order the
 * offline builder reads them (plumb_pg_piece * into out, arena memory). A
 * file that does not parse, or a cycle, is an error as load_schema's. */
int plumb__pg_schema_order(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *files,
			   plumb_vec *out);
/* conn.c: runs the statements of schema files in that order (a run written
 * one after the other in one query), a server's error without a position
 * at the statement that failed. */
int plumb__pg_exec_schema(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			  const plumb_vec *files);

/* --- plan.c, hazard.c, dump.c ------------------------------------------ */
int plumb__pg_plan(plumb_ctx *ctx, plumb_arena *arena, const plumb_diff *diff,
		   const plumb_plan_opts *opts, plumb_plan **out);
/* pg.c: the planner ops (plan.c's planner, hazard.c's classifier). */
extern const plumb_planner_ops plumb__pg_planner;
int plumb__pg_dump(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat, char **out);

/* --- tracking.c: plumb_migrations -------------------------------------- */
/* Each tracking_* function first hands over to drizzle.c when
 * conn->tracking is PLUMB_TRACKING_DRIZZLE. */
int plumb__pg_tracking_ensure(plumb_ctx *ctx, plumb_conn *conn);
int plumb__pg_tracking_read(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			    plumb_vec *out);
int plumb__pg_tracking_get(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			   const char *version, plumb_record **out);
int plumb__pg_tracking_write(plumb_ctx *ctx, plumb_conn *conn, const plumb_record *rec);
int plumb__pg_commit_record(plumb_ctx *ctx, plumb_conn *conn, const plumb_record *rec);
int plumb__pg_tracking_delete(plumb_ctx *ctx, plumb_conn *conn, const char *version);

/* --- drizzle.c: drizzle.__drizzle_migrations, as drizzle-orm writes it --- */
int plumb__pg_drizzle_ensure(plumb_ctx *ctx, plumb_conn *conn);
int plumb__pg_drizzle_read(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, plumb_vec *out);
int plumb__pg_drizzle_write(plumb_ctx *ctx, plumb_conn *conn, const plumb_record *rec);
int plumb__pg_drizzle_delete(plumb_ctx *ctx, plumb_conn *conn, const char *version);

/* drop.c: the statements that drop every object the user owns (reset). */
int plumb__pg_drop_all(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, plumb_vec *out);

#endif
