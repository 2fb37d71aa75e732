/*
 * Private to the offline builder's renames (offline_rename.c, which reads
 * the statements, and offline_retext.c, which derives again the texts that
 * name what they rename): what a rename changes in a parse tree, and the
 * helpers both use. Nothing else includes it.
 */
#ifndef PLUMB_DIALECT_PG_OFFLINE_RENAME_H
#define PLUMB_DIALECT_PG_OFFLINE_RENAME_H

#include "dialect/pg/offline_int.h"

typedef enum rkind {
	R_REL,	 /* a relation: schema.old becomes nschema.nw */
	R_COL,	 /* a column old of table (in schema) becomes nw */
	R_TYPE,	 /* a type or domain */
	R_VALUE, /* an enum label old of type schema.table becomes nw */
	R_FUNC,	 /* a function */
	R_SEQ,	 /* a sequence named in a regclass literal: lit_old becomes lit_new */
	R_OPER,	 /* an operator (by its bare name old in schema) */
	R_OPC,	 /* an operator class of access method table (its "table") */
} rkind;

typedef struct ren {
	ox *x;
	rkind kind;
	const char *schema, *old, *nschema, *nw;
	const char *table;	 /* R_COL: the column's table; R_VALUE: the enum */
	const char *const *refs; /* R_COL in a view: the names its query gives the table */
	size_t n_refs;
	bool bare;  /* R_COL in a view: a bare reference is the table's */
	bool quals; /* R_REL: references qualified by the relation follow */
	bool trig;  /* R_COL: NEW.a and OLD.a are the column (trigger WHEN) */
	const char *lit_old, *lit_new;
	const void *last_col;	  /* R_COL: the reference renamed last */
	const char *etype;	  /* R_VALUE: the enum's type as columns spell it */
	plumb_vec cols;		  /* R_VALUE: the columns of that type where the text is */
	size_t n_seen, n_renamed; /* R_VALUE: constants spelling the label, those renamed */
	const char *top;	  /* R_VALUE: the type of the expression's value (a default's) */
	bool touched;
	bool unsure; /* R_COL in a view: a reference it cannot place */
} ren;

#define cannot plumb__pgoff_rn_cannot
#define parse1 plumb__pgoff_rn_parse1
#define walk plumb__pgoff_rn_walk
#define re_type plumb__pgoff_rn_re_type
#define redo_index plumb__pgoff_rn_redo_index
#define enum_cols plumb__pgoff_rn_enum_cols
#define redo_table_exprs plumb__pgoff_rn_redo_table_exprs
#define redo_texts plumb__pgoff_rn_redo_texts
#define redo_view plumb__pgoff_rn_redo_view
#define reads_rel plumb__pgoff_rn_reads_rel
#define has_body plumb__pgoff_rn_has_body
#define redo_bodies plumb__pgoff_rn_redo_bodies
#define redo_all plumb__pgoff_rn_redo_all
#define recomment plumb__pgoff_rn_recomment
#define comment_on_rel plumb__pgoff_rn_comment_on_rel
#define regclass_lit plumb__pgoff_rn_regclass_lit
#define str_is plumb__pgoff_rn_str_is
#define statistics_renamed plumb__pgoff_rn_statistics_renamed

/* An error at the statement for what offline replay cannot follow, naming --dev-url. */
void cannot(ox *x, const char *what);
bool str_is(const char *a, const char *b);
/* The one statement of sql parsed into x->tmp, or NULL. */
PgQuery__Node *parse1(ox *x, const char *sql);
/* r applied to the tree n: whether it changed anything. */
bool walk(ren *r, PgQuery__Node *n);
/* A type's format_type text with r applied. */
const char *re_type(ren *r, const char *text);
/* An index made again from its statement with r applied (and named name when given). */
void redo_index(ren *r, plumb_index *ix, const char *name);
/* R_VALUE: the columns of t of the enum's type, where t's texts are read. */
void enum_cols(ren *r, const plumb_table *t);
/* t's defaults, generation expressions and checks with r applied. */
void redo_table_exprs(ren *r, plumb_table *t);
/* A statement kept as written and canonical, with r applied. */
void redo_texts(ren *r, const char **sql, const char **definition);
void redo_view(ren *r, plumb_view *v);
/* Whether text (a statement) reads relation schema.name. */
bool reads_rel(ox *x, const char *text, const char *schema, const char *name);
/* Whether function o has a SQL-standard body; *stmt its statement. */
bool has_body(ox *x, const plumb_object *o, PgQuery__Node **stmt);
/* The functions with SQL-standard bodies but skip with r applied. */
void redo_bodies(ren *r, const plumb_object *skip);
/* Everything whose text may name a type, label, function or sequence, with r applied. */
void redo_all(ren *r);
/* Comment o named again from its fields. */
void recomment(ox *x, plumb_object *o);
/* Whether comment o is on relation schema.name or its parts. */
bool comment_on_rel(const plumb_object *o, const char *schema, const char *name);
/* The literal naming schema.name in a canonical nextval('...'). */
const char *regclass_lit(ox *x, const char *schema, const char *name);

/* offline_stats.c: the statistics on table schema.table made again with r
 * applied (the table or one of its columns renamed). */
void statistics_renamed(ren *r, const char *schema, const char *table);

#endif
