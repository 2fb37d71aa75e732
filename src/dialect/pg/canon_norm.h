/*
 * Private to the files that normalise a tree (canon_type.c, canon_expr.c,
 * canon_view.c, canon_stmt.c) and to node.c's walker: the state one
 * normalisation carries and the pieces more than one of them uses. Nothing
 * here parses or deparses; canon_int.h is the interface the rest of the
 * dialect sees.
 */
#ifndef PLUMB_DIALECT_PG_CANON_NORM_H
#define PLUMB_DIALECT_PG_CANON_NORM_H

#include <string.h>

#include "dialect/pg/canon_int.h"

/* One normalisation: where new nodes go, whether an allocation failed
 * (sticky: the caller reports it once), and the qualifier canon_view.c's
 * visit_unqualify drops. */
typedef struct nx {
	plumb_arena *a;
	bool failed;
	const char *qual; /* visit_unqualify: the qualifier to drop */
	bool keep_in;	  /* an IN list stays one (plumb__pg_written_expr's reading) */
	bool in_body;	  /* in a function's body, where a column reference may name a
			   * parameter (canon_body.c writes $n by name) */
} nx;

typedef void (*visit_fn)(ProtobufCMessage *m, nx *x);

/* node.c: post-order over every message below m (m included), fn called
 * with x. With stop set, the walk does not enter a SELECT below the top. */
void plumb__pg_nx_walk(ProtobufCMessage *m, visit_fn fn, nx *x,
		       const ProtobufCMessageDescriptor *stop, bool top);

/* canon_expr.c: normalises the one message m of an expression (the visitor
 * plumb__pg_norm_expr walks with). */
void plumb__pg_nx_visit_expr(ProtobufCMessage *m, nx *x);
/* canon_view.c: before a view's expressions are normalised, fixes the
 * output name of every select-list entry (the server's FigureColname, the
 * first SELECT's names on the others of a set operation). */
void plumb__pg_nx_view_output_names(nx *x, PgQuery__SelectStmt *q);
/* canon_view.c: after, names the FROM items as the server does, drops
 * qualifiers by the only FROM item and output names equal to the implied. */
void plumb__pg_nx_view_from_names(nx *x, PgQuery__SelectStmt *q);
/* canon_view.c: column references in n qualified by qual lose the
 * qualifier (not inside a sub-select). */
void plumb__pg_nx_unqualify(nx *x, PgQuery__Node *n, const char *qual);
/* canon_body.c: a SQL-standard function body (BEGIN ATOMIC, RETURN) before
 * its expressions are normalised (parameters by name, output names fixed)
 * and after (qualifiers the server writes dropped, FROM items named). */
void plumb__pg_nx_body_before(nx *x, PgQuery__CreateFunctionStmt *f);
void plumb__pg_nx_body_after(nx *x, PgQuery__CreateFunctionStmt *f);
/* canon_body.c: the same for n statements of a body or of a rule's actions,
 * without parameters. */
void plumb__pg_nx_stmts_before(nx *x, PgQuery__Node **stmts, size_t n);
void plumb__pg_nx_stmts_after(nx *x, PgQuery__Node **stmts, size_t n);

/* Arena memory for x; a failure is remembered in x. */
static inline void *nalloc(nx *x, size_t size)
{
	void *p = plumb_arena_alloc(x->a, size);
	if (!p)
		x->failed = true;
	return p;
}

static inline PgQuery__Node *mknode(nx *x, PgQuery__Node__NodeCase c, void *msg)
{
	PgQuery__Node *n = plumb__pg_node(x->a, c, msg);
	if (!n)
		x->failed = true;
	return n;
}

/* Whether n is a String node holding s. */
static inline bool str_is(const PgQuery__Node *n, const char *s)
{
	const char *v = plumb__pg_strval(n);
	return v && strcmp(v, s) == 0;
}

/* The name of a normalised type in pg_catalog, or NULL. */
static inline const char *catalog_type(const PgQuery__TypeName *tn)
{
	if (tn->n_names == 2 && str_is(tn->names[0], "pg_catalog"))
		return plumb__pg_strval(tn->names[1]);
	if (tn->n_names == 1)
		return plumb__pg_strval(tn->names[0]);
	return NULL;
}

/* The integer a type modifier is, when it is one. */
static inline bool typmod_int(const PgQuery__Node *n, long *v)
{
	if (n && n->node_case == PG_QUERY__NODE__NODE_A_CONST &&
	    n->a_const->val_case == PG_QUERY__A__CONST__VAL_IVAL) {
		*v = n->a_const->ival ? n->a_const->ival->ival : 0;
		return true;
	}
	return false;
}

#endif
