/*
 * The PostgreSQL hazard classifier: what one statement risks when it runs
 * (data lost, a type narrowed, the table rewritten, an ACCESS EXCLUSIVE lock,
 * a scan to validate, an index build, rows it cannot fill) and whether it
 * must run outside a transaction, read from its parse tree and, when known,
 * from the schema it runs against. It knows nothing of the planner: the
 * planner's statements and a hand-written migration (a future `plumb lint`)
 * are classified alike.
 *
 * A script is classified statement by statement in a scope (hazard_scope.c):
 * the schema before the script, and what the statements so far did to it
 * (tables created, dropped or renamed, columns added or retyped, enum values
 * added, NOT NULL checks validated), so that a table created earlier in the
 * same script carries no lock or scan hazards.
 */
#ifndef PLUMB_DIALECT_PG_HAZARD_H
#define PLUMB_DIALECT_PG_HAZARD_H

#include "dialect/pg/canon_int.h"

/* --- hazard.c ------------------------------------------------------------- */

/* The hazards of sql (one statement; several are classified in turn) run
 * against before (NULL: not known, every table named is taken to exist),
 * appended to out_hazards (plumb_hazard *, arena memory). PLUMB_EPARSE when
 * sql does not parse. */
int plumb__pg_classify(plumb_ctx *ctx, plumb_arena *arena, const char *sql,
		       const plumb_catalog *before, plumb_vec *out_hazards);

typedef struct plumb_pg_scope plumb_pg_scope;

/* What sql risks in scope, into out (its hazards appended, its txn need
 * raised); then sql's changes are recorded in scope for the statements
 * after it. Must run on the large stack (plumb__pg_deep) unless sql is
 * short. */
int plumb__pg_classify_next(plumb_ctx *ctx, plumb_arena *arena, plumb_pg_scope *scope,
			    const char *sql, plumb_stmt_class *out);

/* What the planner knows of a statement it wrote (plumb_stmt.known), all the
 * classifier reads of it when its relation is new to the script (created by
 * an earlier statement) or absent: then what the statement risks (nothing)
 * and what it changes in the scope follow without a parse. On a relation
 * that held rows before, the classifier parses the statement as any other,
 * for the words of its hazards. Names are as the statement spells them
 * (schema NULL: public). */
typedef struct plumb_pg_known {
	/* 't': CREATE TABLE of name, not a partition (no lock on a parent);
	 * 'i': CREATE [UNIQUE] INDEX name, not CONCURRENTLY, on table;
	 * 'a': ALTER TABLE name with no DETACH PARTITION ... CONCURRENTLY, or
	 * CREATE POLICY on table name;
	 * 'n': a statement that risks nothing and changes nothing the
	 * classifier follows, on any relation (COMMENT ON, GRANT, REVOKE,
	 * CREATE RULE). */
	char kind;
	const char *schema, *name;
	const char *table; /* 'i' */
} plumb_pg_known;

/* What a statement the planner wrote does, from what the planner knows of
 * it (k), into scope, as plumb__pg_classify_next would find on its parse
 * tree: 1 when that is all there is to it (it risks nothing), 0 when it
 * must be parsed (its relation held rows before), or PLUMB_ENOMEM. */
int plumb__pg_classify_known(plumb_pg_scope *scope, const plumb_pg_known *k);

/* The planner ops' classify hook: sqls[0..n) in one scope, on the large
 * stack; known (NULL: none) is what the planner knows of each
 * (plumb_pg_known *, or NULL). A statement that does not parse (a newer
 * server's syntax) gets no hazards and changes nothing in the scope. */
int plumb__pg_classify_script(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *before,
			      const char *const *sqls, const void *const *known, size_t n,
			      plumb_stmt_class *out);

/* Schema (NULL when not given) and name ("" when none) of a List of String
 * nodes (as DROP names its objects), a TypeName or a String node. */
void plumb__pg_names_of(const PgQuery__Node *n, const char **schema, const char **name);

/* --- hazard_type.c: changes of built-in column types ---------------------- */

/* How changing a column from built-in type f to t (format_type spellings)
 * treats its rows: *rewrite when the table is rewritten (not
 * binary-coercible, or a limit to check on every row), *narrows when values
 * may not fit or may change. */
void plumb__pg_type_change(const char *f, const char *t, bool *rewrite, bool *narrows);

/* The type a serial type stands for ("serial" -> "integer"); type itself
 * for any other (NULL for NULL). */
const char *plumb__pg_type_behind(const char *type);

/* The number of array dimensions of a type's spelling ("text[][]": 2). */
int plumb__pg_type_dims(const char *type);

/* --- hazard_scope.c: the schema as the script has left it so far ----------- */

/* A relation (table, view, materialized view) the script can see. */
typedef struct plumb_pg_rel {
	const char *schema, *name; /* as the script names it now */
	char kind;		   /* 'r' table, 'v' view, 'm' materialized view */
	bool fresh;		   /* created by an earlier statement: empty, nobody uses it */
	bool gone;		   /* dropped by an earlier statement */
	const plumb_table *table;  /* before's table (before any rename), or NULL */
	plumb_vec cols;		   /* plumb_pg_col *: columns the script changed */
	plumb_vec checks;	   /* plumb_pg_check *: CHECK (col IS NOT NULL) constraints */
} plumb_pg_rel;

/* A column as the script has left it. */
typedef struct plumb_pg_col {
	const char *name;
	const char *orig;      /* its name in the database before the script, or NULL
				* for a column the script added */
	const char *type;      /* format_type() spelling; NULL: not known */
	const char *collation; /* NULL: the type's default */
	bool not_null;
	bool known; /* not_null and collation are known */
	bool gone;  /* dropped, or renamed away */
} plumb_pg_col;

typedef struct plumb_pg_check {
	const char *name;
	const char *column; /* the column it proves NOT NULL */
	bool valid;
} plumb_pg_check;

/* A type the script can see: an enum with its labels, a domain, another. */
typedef struct plumb_pg_type {
	const char *schema, *name;
	char kind;		 /* 'e' enum, 'd' domain, 't' other */
	plumb_vec labels;	 /* enum: const char * */
	const char *base;	 /* domain: its base type (format_type), NULL: not known */
	const plumb_object *obj; /* before's, or NULL */
} plumb_pg_type;

/* A new scope over before (NULL: not known). */
int plumb__pg_scope_new(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *before,
			plumb_pg_scope **out);

/* Whether the schema before the script is known. */
bool plumb__pg_scope_knows(const plumb_pg_scope *sc);

/* The relation (schema NULL or "" means public), or NULL when it does not
 * exist (with before not known every relation exists: one is made up). */
plumb_pg_rel *plumb__pg_scope_rel(plumb_pg_scope *sc, const char *schema, const char *name);

/* The column of rel as the script has left it, into *out: false when rel
 * has no such column (known dropped, or absent from a known table). A
 * column of a made-up relation is there with nothing known. */
bool plumb__pg_scope_col(plumb_pg_scope *sc, const plumb_pg_rel *rel, const char *name,
			 plumb_pg_col *out);

/* The relation index (schema, name) is on, or NULL. */
plumb_pg_rel *plumb__pg_scope_index_rel(plumb_pg_scope *sc, const char *schema, const char *name);

/* The type named by text (format_type spelling; array brackets ignored), or
 * NULL when it is not one of before's or the script's. */
plumb_pg_type *plumb__pg_scope_type(plumb_pg_scope *sc, const char *text);

/* 1 when the function (schema NULL: any) is known to be volatile, 0 when
 * known not to be or not known at all, negative on failure. */
int plumb__pg_scope_func_volatile(plumb_ctx *ctx, plumb_pg_scope *sc, const char *schema,
				  const char *name);

/* Whether sequence (schema, name) held a value before the script (one the
 * script created holds nothing worth keeping). With before not known: true. */
bool plumb__pg_scope_sequence(plumb_pg_scope *sc, const char *schema, const char *name);

/* Is column col of rel proven NOT NULL by a valid CHECK (col IS NOT NULL)? */
bool plumb__pg_scope_proven_not_null(plumb_ctx *ctx, plumb_pg_scope *sc, const plumb_pg_rel *rel,
				     const char *col);

/* What a statement did. Each returns 0 or PLUMB_ENOMEM. */
int plumb__pg_scope_create_rel(plumb_pg_scope *sc, const char *schema, const char *name, char kind);
void plumb__pg_scope_drop_rel(plumb_pg_scope *sc, const char *schema, const char *name);
int plumb__pg_scope_rename_rel(plumb_pg_scope *sc, plumb_pg_rel *rel, const char *name);
int plumb__pg_scope_set_col(plumb_pg_scope *sc, plumb_pg_rel *rel, const plumb_pg_col *col);
int plumb__pg_scope_add_index(plumb_pg_scope *sc, const char *schema, const char *name,
			      const char *table);
void plumb__pg_scope_drop_index(plumb_pg_scope *sc, const char *schema, const char *name);
int plumb__pg_scope_rename_index(plumb_pg_scope *sc, const char *schema, const char *name,
				 const char *to);
/* Adds a type (labels: const char *, copied; base may be NULL). */
int plumb__pg_scope_add_type(plumb_pg_scope *sc, const char *schema, const char *name, char kind,
			     const plumb_vec *labels, const char *base);
void plumb__pg_scope_drop_type(plumb_pg_scope *sc, const char *schema, const char *name);
int plumb__pg_scope_rename_type(plumb_pg_scope *sc, plumb_pg_type *t, const char *name);
int plumb__pg_scope_add_func(plumb_pg_scope *sc, const char *schema, const char *name,
			     bool is_volatile);
int plumb__pg_scope_add_sequence(plumb_pg_scope *sc, const char *schema, const char *name);
void plumb__pg_scope_drop_sequence(plumb_pg_scope *sc, const char *schema, const char *name);
int plumb__pg_scope_add_check(plumb_pg_scope *sc, plumb_pg_rel *rel, const char *name,
			      const char *column, bool valid);
/* Marks rel's check name valid (true) or drops it (valid false). */
void plumb__pg_scope_check_state(plumb_pg_scope *sc, plumb_pg_rel *rel, const char *name,
				 bool valid);
/* The tracked NOT NULL check name of rel, or NULL. */
const plumb_pg_check *plumb__pg_scope_check(const plumb_pg_rel *rel, const char *name);

/* The column expr (a CHECK) tests IS NOT NULL, alone or as a term of an
 * AND; NULL when none. */
const char *plumb__pg_not_null_column(const PgQuery__Node *expr);

/* The volatility a CREATE FUNCTION statement declares: VOLATILE unless it
 * says IMMUTABLE or STABLE. */
bool plumb__pg_declared_volatile(const PgQuery__CreateFunctionStmt *f);

/* A name for people: "users", or "audit.users" outside public. */
const char *plumb__pg_scope_display(plumb_pg_scope *sc, const char *schema, const char *name);

#endif
