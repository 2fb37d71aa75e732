/*
 * Private interface of the SQLite dialect, shared by its files: the
 * connection, the DDL reader (statements split into tokens with libpg_query's
 * scanner, which reads SQLite's DDL well enough to find names, clauses and
 * comments), the planner and its script text, and the tracking table.
 */
#ifndef PLUMB_DIALECT_SQLITE_H
#define PLUMB_DIALECT_SQLITE_H

#include <sqlite3.h>

#include "dialect/dialect.h"

typedef struct plumb_sqlite_conn {
	plumb_conn base;
	sqlite3 *db;
	const char *path;         /* file path, or ":memory:" */
	bool fk_was_on;           /* foreign_keys before begin turned them off */
	bool fk_off;              /* begin turned foreign keys off */
	plumb_vec renames;        /* plumb_sqlite_rename *: annotations seen by exec_script */
} plumb_sqlite_conn;

/* A rename annotation found in schema SQL: `-- plumb:renamed from=OLD`, or
 * sqldef's `-- @renamed from=OLD` / `/ * @renamed from=OLD * /`. */
typedef struct plumb_sqlite_rename {
	plumb_obj_kind kind;      /* PLUMB_OBJ_TABLE for tables and columns, PLUMB_OBJ_INDEX ... */
	const char *table;        /* the table (for columns), or NULL */
	const char *name;         /* new name of the object or column */
	const char *from;         /* old name */
	bool column;              /* a column of table */
} plumb_sqlite_rename;

/* --- conn.c ----------------------------------------------------------- */
/* The first byte of s at or after i that is not blank or in a comment. */
/* datastmt.c: the statements of migrations that change rows, and their
 * check on the squashed schema (squash). */
int plumb__sqlite_find_data(plumb_ctx *ctx, plumb_arena *arena, const plumb_vec *migrations,
			    plumb_vec *out);
int plumb__sqlite_check_data(plumb_ctx *ctx, plumb_arena *arena, const char *schema_sql,
			     const plumb_vec *stmts);
size_t plumb__sqlite_skip_blank(const char *s, size_t i);
/* txn.c: transaction control in a migration (dialect.h) */
int plumb__sqlite_find_txn_control(plumb_ctx *ctx, plumb_arena *arena, const char *sql,
				   size_t *offset, const char **what);
bool plumb__sqlite_accepts_url(const char *url);
bool plumb__sqlite_database_exists(const char *url);
/* The boolean a probe query returns (a plan hazard's check of the data). */
/* Another tool's tracking table (foreign.c; plumb_dialect.foreign_rows). */
int plumb__sqlite_foreign_rows(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			       const char *schema, const char *table, const char *columns,
			       size_t n_cols, bool *found, plumb_vec *out);
int plumb__sqlite_foreign_has_column(plumb_ctx *ctx, plumb_conn *conn, const char *schema,
				     const char *table, const char *column, bool *out);
int plumb__sqlite_probe(plumb_ctx *ctx, plumb_conn *conn, const char *sql, bool *out);
int plumb__sqlite_connect(plumb_ctx *ctx, plumb_arena *arena, const char *url, plumb_conn **out);
int plumb__sqlite_connect_scratch(plumb_ctx *ctx, plumb_arena *arena, const char *dev_url,
				  plumb_conn **out);
int plumb__sqlite_exec_script(plumb_ctx *ctx, plumb_conn *conn, const char *sql, const char *file);
int plumb__sqlite_exec_each(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, const char *sql,
			    const char *file, const char **failed_stmt);
int plumb__sqlite_begin(plumb_ctx *ctx, plumb_conn *conn, const plumb_txn_opts *opts);
int plumb__sqlite_commit(plumb_ctx *ctx, plumb_conn *conn);
int plumb__sqlite_rollback(plumb_ctx *ctx, plumb_conn *conn);
int plumb__sqlite_lock(plumb_ctx *ctx, plumb_conn *conn, long timeout_ms);
int plumb__sqlite_unlock(plumb_ctx *ctx, plumb_conn *conn);
/* 1 when table name exists in main, 0 when not, -1 on an SQLite error
 * (read it from db). */
int plumb__sqlite_table_exists(sqlite3 *db, const char *name);
/* Records a SQLite error (message from db) as PLUMB_EDB, with file:line:col
 * when file is given (offset into text). */
int plumb__sqlite_error(plumb_ctx *ctx, sqlite3 *db, const char *file, const char *text,
			long offset, const char *what);

/* --- introspect.c ----------------------------------------------------- */
int plumb__sqlite_introspect(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
			     plumb_catalog **out);
int plumb__sqlite_dump(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat, char **out);

/* --- ddl.c: reading SQLite DDL text ------------------------------------ */

/* Canonical form of a piece of SQL for comparison: tokens joined by single
 * spaces, comments dropped, keywords and identifiers lower-cased (SQLite
 * identifiers are case-insensitive), identifiers unquoted where quoting is
 * not needed, string literals kept as they are. NULL when out of memory. */
char *plumb__sqlite_canonical(plumb_arena *arena, const char *sql, size_t len);

/* The CREATE TABLE statement sql with its table name replaced by new_name
 * (quoted), everything else as it was. NULL when sql cannot be read or out of
 * memory (plumb_arena_failed(arena) then tells). */
char *plumb__sqlite_rename_create(plumb_arena *arena, const char *sql, const char *new_name);

/* Names (lower-cased, unquoted) of every identifier token in sql, for
 * finding which views and triggers mention a table or column. 0 (also when
 * the scanner refuses sql), or -1 when out of memory. */
int plumb__sqlite_identifiers(plumb_arena *arena, const char *sql, plumb_vec *out);

/* One token of SQL text (comments are not tokens). */
typedef struct plumb_sqlite_token {
	const char *text;           /* as written */
	const char *ident;          /* a word or quoted name: the name, unquoted; else NULL */
	bool word;                  /* a keyword or bare name (not quoted) */
} plumb_sqlite_token;

/* The tokens of sql, appended to out as plumb_sqlite_token *. 0; 1 when the
 * scanner refuses the text (out then unchanged); -1 when out of memory. */
int plumb__sqlite_tokens(plumb_arena *arena, const char *sql, plumb_vec *out);

/* --- ddl.c: structured CREATE TABLE / CREATE INDEX ---------------------- */

/* A REFERENCES clause (column- or table-level). */
typedef struct plumb_sqlite_fk {
	const char *table;          /* referenced table, unquoted */
	const char **columns;       /* referenced columns; n_columns == 0 means its PK */
	size_t n_columns;
	const char *on_delete;      /* "NO ACTION" (default), "RESTRICT", "CASCADE", "SET NULL", "SET DEFAULT" */
	const char *on_update;
	const char *match;          /* upper case; "SIMPLE" when absent */
	bool deferrable;
	bool initially_deferred;
	const char *text;           /* canonical text from REFERENCES to the clause's end */
} plumb_sqlite_fk;

typedef enum plumb_sqlite_clause_kind {
	PLUMB_SQLITE_CL_PRIMARY_KEY,
	PLUMB_SQLITE_CL_NOT_NULL,
	PLUMB_SQLITE_CL_NULL,
	PLUMB_SQLITE_CL_UNIQUE,
	PLUMB_SQLITE_CL_CHECK,
	PLUMB_SQLITE_CL_DEFAULT,
	PLUMB_SQLITE_CL_COLLATE,
	PLUMB_SQLITE_CL_REFERENCES,
	PLUMB_SQLITE_CL_GENERATED,
} plumb_sqlite_clause_kind;

/* One clause of a column definition. */
typedef struct plumb_sqlite_clause {
	plumb_sqlite_clause_kind kind;
	const char *name;           /* CONSTRAINT name before it, or NULL */
	/* CHECK, GENERATED: the expression inside the parentheses as written;
	 * DEFAULT: the value as written; COLLATE: the collation name; else NULL. */
	const char *expr;
	const char *conflict;       /* ON CONFLICT resolution in upper case, or NULL */
	bool desc;                  /* PRIMARY KEY DESC */
	bool autoincrement;         /* PRIMARY KEY AUTOINCREMENT */
	bool stored;                /* GENERATED ... STORED */
	plumb_sqlite_fk *fk;        /* REFERENCES, else NULL */
	const char *text;           /* canonical text of the clause, CONSTRAINT name left out */
} plumb_sqlite_clause;

typedef struct plumb_sqlite_coldef {
	const char *name;           /* unquoted, as written */
	const char *type;           /* as written with canonical spacing; "" when none */
	plumb_vec clauses;          /* plumb_sqlite_clause * */
	const char *definition;     /* canonical text of the whole definition, name first */
	const char *text;           /* the definition exactly as written, name first */
	const char *renamed_from;   /* rename annotation on its line, or NULL */
} plumb_sqlite_coldef;

/* A table constraint, or a column clause written in table-constraint form. */
typedef struct plumb_sqlite_tabcon {
	plumb_con_kind kind;
	const char *name;           /* CONSTRAINT name, or NULL */
	const char **columns;       /* PK, UNIQUE, FK columns, unquoted */
	size_t n_columns;
	const char *check_sql;      /* CHECK expression as written */
	plumb_sqlite_fk *fk;        /* FOREIGN KEY */
	bool autoincrement;
	const char *conflict;       /* ON CONFLICT resolution in upper case, or NULL */
	const char *definition;     /* canonical, "constraint x " included when named */
} plumb_sqlite_tabcon;

typedef struct plumb_sqlite_table_ddl {
	const char *name;           /* unquoted, as written */
	bool temporary;
	bool if_not_exists;
	bool as_select;             /* CREATE TABLE ... AS SELECT: no definitions */
	plumb_vec columns;          /* plumb_sqlite_coldef * */
	plumb_vec constraints;      /* plumb_sqlite_tabcon *: table constraints only */
	bool without_rowid;
	bool strict;
	const char *renamed_from;   /* annotation in the header (before '('), or NULL */
} plumb_sqlite_table_ddl;

/* Parses a CREATE TABLE statement. PLUMB_EPARSE (message only, no position)
 * when sql is not one SQLite would have accepted as such; PLUMB_ENOMEM when
 * out of memory (never reported as a parse error). */
int plumb__sqlite_parse_create_table(plumb_ctx *ctx, plumb_arena *arena, const char *sql,
				     plumb_sqlite_table_ddl **out);

/* The definition of column (matched case-insensitively) in CREATE TABLE
 * statement sql, or NULL when sql cannot be read, has no such column, or out
 * of memory (plumb_arena_failed(arena) then tells). */
const plumb_sqlite_coldef *plumb__sqlite_find_column(plumb_arena *arena, const char *sql,
						     const char *column);

typedef struct plumb_sqlite_index_ddl {
	const char *name;
	const char *table;
	bool unique;
	plumb_vec keys;             /* const char *: canonical text of each key */
	const char *where_sql;      /* predicate as written, or NULL */
	const char *definition;     /* canonical CREATE INDEX without IF NOT EXISTS */
	const char *renamed_from;   /* annotation in the header (before '('), or NULL */
} plumb_sqlite_index_ddl;

/* Parses a CREATE INDEX statement; PLUMB_EPARSE when it is not one,
 * PLUMB_ENOMEM when out of memory. */
int plumb__sqlite_parse_create_index(plumb_ctx *ctx, plumb_arena *arena, const char *sql,
				     plumb_sqlite_index_ddl **out);

/* Canonical text of a CREATE statement (view, trigger, index), with IF NOT
 * EXISTS left out so both spellings compare equal. NULL when out of memory. */
char *plumb__sqlite_canonical_create(plumb_arena *arena, const char *sql);

/* An identifier as canonical text writes it: lower case, bare when it is
 * [a-z_][a-z0-9_]* and no SQLite keyword, else double-quoted. NULL when out
 * of memory or name is NULL. */
char *plumb__sqlite_canonical_ident(plumb_arena *arena, const char *name);

/* Rename annotations in the comments that lead a CREATE TABLE / CREATE
 * INDEX statement (text before its first token), appended to out as
 * plumb_sqlite_rename *. Annotations inside the statement are not looked at
 * here: the engine keeps them in sqlite_schema.sql and introspection reads
 * them from there. 0, or -1 when out of memory. */
int plumb__sqlite_leading_renames(plumb_arena *arena, const char *stmt, size_t len,
				  plumb_vec *out);

/* --- renames, for the lead's diff wiring ------------------------------- */

/* The old name of a table or index from annotations leading its CREATE
 * statement as run by exec_script on conn, or NULL. Introspection already
 * copies table (and column) renames into the catalog. */
const char *plumb__sqlite_rename_lookup(const plumb_conn *conn, plumb_obj_kind kind,
					const char *name);

/* The old name of an index from an annotation inside its CREATE INDEX
 * header (idx->sql), or NULL (none, or out of memory: plumb_arena_failed). */
const char *plumb__sqlite_index_renamed_from(plumb_arena *arena, const plumb_index *idx);

/* --- plan.c / script.c ------------------------------------------------- */
int plumb__sqlite_plan(plumb_ctx *ctx, plumb_arena *arena, const plumb_diff *diff,
		       const plumb_plan_opts *opts,
		       plumb_plan **out);
/* script.c: the planner ops (plan.c's planner, the script text around a plan
 * run with foreign keys off). */
extern const plumb_planner_ops plumb__sqlite_planner;

/* --- tracking.c --------------------------------------------------------- */
int plumb__sqlite_tracking_ensure(plumb_ctx *ctx, plumb_conn *conn);
int plumb__sqlite_tracking_read(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena,
				plumb_vec *out);
int plumb__sqlite_tracking_write(plumb_ctx *ctx, plumb_conn *conn, const plumb_record *rec);
int plumb__sqlite_tracking_delete(plumb_ctx *ctx, plumb_conn *conn, const char *version);

/* What tracking.c and drizzle.c share: a failure on tracking table `table`
 * ("could not WHAT tracking table ..."), recorded as PLUMB_EDB with db's
 * message. */
int plumb__sqlite_tracking_error(plumb_ctx *ctx, sqlite3 *db, const char *table,
				 const char *what);
/* fn(ctx, st, payload) on each row of sql, which reads table, until it
 * returns a negative code; nothing when the table does not exist (reading
 * never creates it). */
int plumb__sqlite_tracking_each(plumb_ctx *ctx, sqlite3 *db, const char *table, const char *sql,
				int (*fn)(plumb_ctx *ctx, sqlite3_stmt *st, void *payload),
				void *payload);
/* A value bound to a parameter: text (NULL binds NULL), or the integer. */
typedef struct plumb_sqlite_value {
	const char *text;
	long long integer;
	bool is_integer;
} plumb_sqlite_value;
/* Runs sql, which writes to table, once with values bound to ?1, ?2, ... */
int plumb__sqlite_tracking_run(plumb_ctx *ctx, sqlite3 *db, const char *table, const char *what,
			       const char *sql, size_t n, const plumb_sqlite_value *values);

/* drop.c: the statements that drop every table and view (reset). */
int plumb__sqlite_drop_all(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, plumb_vec *out);

#endif
