/*
 * Private to the offline builder (offline*.c, names.c): the state of one
 * build and the helpers its files share. Nothing outside the builder
 * includes it; the builder's one entry is plumb__pg_load_schema (pg.h).
 */
#ifndef PLUMB_DIALECT_PG_OFFLINE_INT_H
#define PLUMB_DIALECT_PG_OFFLINE_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/builder.h"
#include "util/map.h"

#define NAMEDATALEN PLUMB_PG_NAMEDATALEN

typedef struct ann {
	size_t start, end;  /* the comment's byte range */
	bool own_line;      /* nothing but blanks before it on its line */
	int line;
	const char *old;    /* the annotation's OLD name */
} ann;

/* How many extensions offline_opclass.c knows the operator classes of, at most. */
#define OPC_EXTS 16

typedef struct ox {
	plumb_pg_sticky st; /* ctx, the catalog's arena, the first failure */
	plumb_arena *tmp;   /* parse trees, scratch */
	plumb_catalog *cat;
	const plumb_sql_file *f;
	const char *text;   /* the file's text, NUL-terminated */
	ann *anns;	    /* in the order written */
	size_t n_anns;
	size_t *nls; /* where the file's newlines are, when it has annotations */
	size_t n_nls;
	plumb_map *relnames; /* every relation's name (pg_class), by schema */
	plumb_map *connames; /* every constraint's name, by schema */
	plumb_map *keys;     /* the table of each key (PK, UNIQUE, EXCLUDE), by its index's name */
	plumb_vec seqs;     /* seqent *: sequences and their statements */
	plumb_map *seq_at;  /* the CREATE SEQUENCE of each sequence, by its object ("%p") */
	plumb_map *enum_labels; /* offline_object.c: an enum's labels (a map), by its
				 * object ("%p"), once an ALTER TYPE changes it */
	plumb_vec grants;   /* gstate *: privileges per (target, grantee), GRANT/REVOKE applied */
	plumb_map *grant_at; /* offline_acl.c: the gstates of each target, by its key */
	/* offline_acl.c: the catalog's functions by (schema, name without the
	 * arguments), a plumb_vec each, in an arena of their own, up to
	 * routines_n of its objects (the last of them routines_last) as of the
	 * catalog's routines_gen'th change */
	plumb_map *routines;
	plumb_arena *routines_arena;
	size_t routines_n;
	const void *routines_last;
	unsigned long routines_gen;
	plumb_map *langs;   /* offline_language.c: each language CREATE LANGUAGE made,
			     * by name (plang *) */
	plumb_vec plangs;   /* ... and in the order made */
	plumb_vec colls;    /* collent *: collations and their fields */
	plumb_vec fks;      /* refpos *: where each foreign key names its table */
	plumb_vec owners;   /* refpos *: where each OWNED BY of a sequence was written */
	plumb_map *roles;   /* offline_owner.c, --owners: the role owning each (class,
			     * schema, name) as ALTER ... OWNER TO stated it */
	plumb_map *defacls; /* offline_owner.c: dstate * by ("WORD grantee", role, schema) */
	plumb_vec defacl_list; /* ... the same dstate *, in the order first named */
	plumb_map *defacl_of;  /* ... a plumb_vec of them by (WORD, role) */
	/* offline_owner.c: the role SET SESSION AUTHORIZATION and SET ROLE
	 * made the current one (quoted), or NULL: the connecting role's,
	 * unknown offline */
	const char *session_role, *set_role;
	plumb_map *refmemo; /* offline_depend.c: what each text uses (refs.c), read once */
	plumb_pg_texts *texts; /* expressions deparsed, by the shape of their trees */
	plumb_map *type_texts; /* type_text: each type's text, once in the catalog's memory */
	struct dcache *deps; /* offline_depend.c: its index of dependents, or NULL */
	size_t loc;         /* the statement being read: its first token */
	bool replay;	    /* a migrations folder replayed in written order, not a schema */
	bool index_statistics; /* some index was given a statistics target */
	/* offline_opclass.c: the schema each extension whose operator classes
	 * it knows was created in; NULL while not created */
	const char *ext_schema[OPC_EXTS];
	/* offline_opfamily.c: the members of each operator family, and those
	 * each class listed */
	plumb_map *opmembers;
} ox;

/* A statement of the files read, where it was written. */
typedef struct ostmt {
	PgQuery__RawStmt *raw;	   /* NULL once its tree is freed (a schema's) */
	const plumb_pg_kept *kept; /* a schema's: what unpacks it again */
	size_t file;   /* its file's index in the files read */
	size_t index;  /* its place in its file */
	size_t start;  /* its first token's byte */
	size_t end;    /* the byte after it */
	int line, col; /* of its first token */
} ostmt;

/* A place in a file, for what is checked once all statements are read. */
typedef struct refpos {
	const void *what;   /* the constraint, or the OWNED BY list node */
	const plumb_sql_file *f;
	const char *text;
	size_t offset;
} refpos;

/* Formatted text in the catalog's arena (sticky.h); NULL once something failed. */
#define fmt(x, ...) plumb__pg_fmt(&(x)->st, __VA_ARGS__)

typedef struct collent {
	plumb_object *o;
	plumb_pg_collation c;
} collent;

typedef struct seqent {
	plumb_object *o;
	PgQuery__CreateSeqStmt *cs;
} seqent;

/* A constraint being built, with the node it came from. */
typedef struct pend {
	plumb_constraint *con;
	PgQuery__Constraint *node;
	const char *column; /* column-level: the column */
} pend;

/* The privileges one grantee holds on one relation or column, schema, or
 * routine, type, server or wrapper (offline_acl.c). */
typedef struct gstate {
	const char *schema, *rel, *col; /* col NULL: the relation */
	bool nsp;			/* on the schema (rel is its name too) */
	bool obj;			/* on the object of kind on: rel its catalog
					 * name ("f(integer)"), schema "" for those in none */
	plumb_obj_kind on;
	const char *grantee;		/* quoted, or PUBLIC */
	unsigned privs, grantable;
} gstate;

/* Something a DROP takes away (offline_depend.c): p is the catalog's
 * plumb_table, plumb_view, plumb_index, plumb_trigger or plumb_object, a
 * column (D_COLUMN, or its default: D_DEFAULT) or constraint of table t, a
 * gstate, or a plang. */
typedef enum dkind {
	D_TABLE,
	D_VIEW,
	D_INDEX,
	D_TRIGGER,
	D_OBJECT,
	D_COLUMN,
	D_CONSTRAINT,
	D_DEFAULT,
	D_GRANT,
	D_LANG,
} dkind;

typedef struct dobj {
	dkind kind;
	void *p;
	plumb_table *t;
} dobj;

/* A procedural language CREATE LANGUAGE made (offline_language.c): the
 * part of the grants on it ("trusted" or NULL) and the functions it calls,
 * its handler, inline handler and validator, as the schema and signature
 * of each ("h()", "i(internal)", "v(oid)"), NULL when not given. */
typedef struct plang {
	const char *name;
	const char *part;
	const char *fschema[3], *fsig[3];
} plang;

/* A sequence's options as its statements give them, defaults filled in. */
typedef struct seqopts {
	plumb_pg_seq v;
	PgQuery__Node *owned_by; /* List */
} seqopts;

/* The helpers the builder's files share keep their short names in the code
 * and link as plumb__pgoff_<name> (as zlib's Z_PREFIX does), so that none
 * leaves the library under a bare name. */
#define add_column plumb__pgoff_add_column
#define order_begin plumb__pgoff_order_begin
#define order_add plumb__pgoff_order_add
#define order_end plumb__pgoff_order_end
#define add_schema plumb__pgoff_add_schema
#define add_view plumb__pgoff_add_view
#define alter_domain plumb__pgoff_alter_domain
#define rename_domain_constraint plumb__pgoff_rename_domain_constraint
#define alter_table_more plumb__pgoff_alter_table_more
#define alter_other plumb__pgoff_alter_other
#define set_rel_options plumb__pgoff_set_rel_options
#define option_item plumb__pgoff_option_item
#define alter_function plumb__pgoff_alter_function
#define alter_policy plumb__pgoff_alter_policy
#define alter_enum plumb__pgoff_alter_enum
#define alter_extension plumb__pgoff_alter_extension
#define alter_sequence plumb__pgoff_alter_sequence
#define alter_table plumb__pgoff_alter_table
#define func_arg_type plumb__pgoff_func_arg_type
#define annotation_at plumb__pgoff_annotation_at
#define at plumb__pgoff_at
#define canon_type plumb__pgoff_canon_type
#define choose_name plumb__pgoff_choose_name
#define collation_text plumb__pgoff_collation_text
#define column_constraints plumb__pgoff_column_constraints
#define comment_on plumb__pgoff_comment_on
#define create_aggregate plumb__pgoff_create_aggregate
#define aggregate_moved plumb__pgoff_aggregate_moved
#define create_operator plumb__pgoff_create_operator
#define alter_operator plumb__pgoff_alter_operator
#define drop_operator_target plumb__pgoff_drop_operator_target
#define create_cast plumb__pgoff_create_cast
#define drop_cast_target plumb__pgoff_drop_cast_target
#define create_ts_dict plumb__pgoff_create_ts_dict
#define create_opfamily plumb__pgoff_create_opfamily
#define alter_ts_dict plumb__pgoff_alter_ts_dict
#define rename_ts_object plumb__pgoff_rename_ts_object
#define ts_object_set_schema plumb__pgoff_ts_object_set_schema
#define create_opclass plumb__pgoff_create_opclass
#define alter_opfamily plumb__pgoff_alter_opfamily
#define drop_opc_target plumb__pgoff_drop_opc_target
#define opc_dropped plumb__pgoff_opc_dropped
#define rename_opc plumb__pgoff_rename_opc
#define opc_set_schema plumb__pgoff_opc_set_schema
#define opc_oper_moved plumb__pgoff_opc_oper_moved
#define operator_set_schema plumb__pgoff_operator_set_schema
#define create_ts_config plumb__pgoff_create_ts_config
#define alter_ts_config plumb__pgoff_alter_ts_config
#define create_collation plumb__pgoff_create_collation
#define create_composite plumb__pgoff_create_composite
#define create_domain plumb__pgoff_create_domain
#define create_enum plumb__pgoff_create_enum
#define create_extension plumb__pgoff_create_extension
#define create_function plumb__pgoff_create_function
#define create_index plumb__pgoff_create_index
#define create_policy plumb__pgoff_create_policy
#define create_range plumb__pgoff_create_range
#define create_rule plumb__pgoff_create_rule
#define create_statistics plumb__pgoff_create_statistics
#define create_publication plumb__pgoff_create_publication
#define create_fdw plumb__pgoff_create_fdw
#define alter_fdw plumb__pgoff_alter_fdw
#define create_server plumb__pgoff_create_server
#define alter_server plumb__pgoff_alter_server
#define rename_fdw_or_server plumb__pgoff_rename_fdw_or_server
#define import_foreign_schema plumb__pgoff_import_foreign_schema
#define create_foreign_table plumb__pgoff_create_foreign_table
#define fdw_options_apply plumb__pgoff_fdw_options_apply
#define create_event_trigger plumb__pgoff_create_event_trigger
#define alter_event_trigger plumb__pgoff_alter_event_trigger
#define rename_event_trigger plumb__pgoff_rename_event_trigger
#define alter_publication plumb__pgoff_alter_publication
#define rename_publication plumb__pgoff_rename_publication
#define publications_moved plumb__pgoff_publications_moved
#define alter_statistics plumb__pgoff_alter_statistics
#define rename_statistics plumb__pgoff_rename_statistics
#define statistics_set_schema plumb__pgoff_statistics_set_schema
#define create_schema plumb__pgoff_create_schema
#define create_sequence plumb__pgoff_create_sequence
#define create_table plumb__pgoff_create_table
#define create_trigger plumb__pgoff_create_trigger
#define deparse plumb__pgoff_deparse
#define dev_url_hint plumb__pgoff_dev_url_hint
#define drop_column plumb__pgoff_drop_column
#define drop_constraint plumb__pgoff_drop_constraint
#define drop_objects plumb__pgoff_drop_objects
#define drop_with_dependents plumb__pgoff_drop_with_dependents
#define drop_forget_index plumb__pgoff_drop_forget_index
#define empty plumb__pgoff_empty
#define def_bool plumb__pgoff_def_bool
#define def_name plumb__pgoff_def_name
#define def_type plumb__pgoff_def_type
#define enum_texts plumb__pgoff_enum_texts
#define error_at plumb__pgoff_error_at
#define expr_text plumb__pgoff_expr_text
#define find_column plumb__pgoff_find_column
#define find_object plumb__pgoff_find_object
#define routines_named plumb__pgoff_routines_named
#define find_table plumb__pgoff_find_table
#define find_view plumb__pgoff_find_view
#define finish_constraints plumb__pgoff_finish_constraints
#define finish_grants plumb__pgoff_finish_grants
#define finish_owners plumb__pgoff_finish_owners
#define func_identity plumb__pgoff_func_identity
#define alter_owner plumb__pgoff_alter_owner
#define alter_table_owner plumb__pgoff_alter_table_owner
#define alter_default_privileges plumb__pgoff_alter_default_privileges
#define role_set plumb__pgoff_role_set
#define default_privileges_apply plumb__pgoff_default_privileges_apply
#define default_privileges_relation plumb__pgoff_default_privileges_relation
#define default_privileges_schema plumb__pgoff_default_privileges_schema
#define grants_defaulted plumb__pgoff_grants_defaulted
#define grants_relation_gone plumb__pgoff_grants_relation_gone
#define owner_of_schema plumb__pgoff_owner_of_schema
#define owner_renamed plumb__pgoff_owner_renamed
#define owners_dropped plumb__pgoff_owners_dropped
#define forget_name plumb__pgoff_forget_name
#define function_of plumb__pgoff_function_of
#define grant_revoke plumb__pgoff_grant_revoke
#define language_created plumb__pgoff_language_created
#define language_renamed plumb__pgoff_language_renamed
#define language_known plumb__pgoff_language_known
#define find_extension plumb__pgoff_find_extension
#define language_dropped plumb__pgoff_language_dropped
#define language_find plumb__pgoff_language_find
#define table_expr_text plumb__pgoff_table_expr_text
#define type_value_literals plumb__pgoff_type_value_literals
#define language_grants_gone plumb__pgoff_language_grants_gone
#define function_language plumb__pgoff_function_language
#define languages_dropped plumb__pgoff_languages_dropped
#define functions_relanguaged plumb__pgoff_functions_relanguaged
#define grants_gone plumb__pgoff_grants_gone
#define grants_renamed plumb__pgoff_grants_renamed
#define grants_moved plumb__pgoff_grants_moved
#define grantee_of plumb__pgoff_grantee_of
#define privs_apply plumb__pgoff_privs_apply
#define privs_named plumb__pgoff_privs_named
#define role_of plumb__pgoff_role_of
#define index_colnames plumb__pgoff_index_colnames
#define index_opclass plumb__pgoff_index_opclass
#define builtin_default_opclass plumb__pgoff_builtin_default_opclass
#define is_relation plumb__pgoff_is_relation
#define make_object_name plumb__pgoff_make_object_name
#define mk_rangevar plumb__pgoff_mk_rangevar
#define name_addition plumb__pgoff_name_addition
#define name_used plumb__pgoff_name_used
#define new_constraint plumb__pgoff_new_constraint
#define note_extension plumb__pgoff_note_extension
#define qi plumb__pgoff_qi
#define read_seqopts plumb__pgoff_read_seqopts
#define remember plumb__pgoff_remember
#define remember_owned_by plumb__pgoff_remember_owned_by
#define remove_item plumb__pgoff_remove_item
#define alter_rename plumb__pgoff_alter_rename
#define enum_value_renamed plumb__pgoff_enum_value_renamed
#define alter_set_schema plumb__pgoff_alter_set_schema
#define rv_table plumb__pgoff_rv_table
#define sch plumb__pgoff_sch
#define seq_stmt plumb__pgoff_seq_stmt
#define seq_text plumb__pgoff_seq_text
#define set_default plumb__pgoff_set_default
#define set_column_storage plumb__pgoff_set_column_storage
#define shown plumb__pgoff_shown
#define split_names plumb__pgoff_split_names
#define statement_effects plumb__pgoff_statement_effects
#define unfold_serial plumb__pgoff_unfold_serial
#define unfold_serial_of plumb__pgoff_unfold_serial_of
#define stmt_error plumb__pgoff_stmt_error
#define stmt_text plumb__pgoff_stmt_text
#define table_or_view plumb__pgoff_table_or_view
#define type_is plumb__pgoff_type_is
#define type_text plumb__pgoff_type_text
#define typid_of plumb__pgoff_typid_of
#define use_name plumb__pgoff_use_name
#define use_key_name plumb__pgoff_use_key_name
#define key_table plumb__pgoff_key_table

/* offline.c */
PgQuery__CreateSeqStmt *seq_stmt(ox *x, plumb_object *o);
const char *sch(const char *s);
bool empty(const char *s);
const char *qi(ox *x, const char *s);
int stmt_error(ox *x, size_t offset, const char *msg, const char *what);
int error_at(ox *x, size_t offset, const char *msg_fmt, ...)
	__attribute__((format(printf, 3, 4)));
size_t at(ox *x, int32_t location);
void remember(ox *x, plumb_vec *v, const void *what, int32_t location);
const char *shown(ox *x, const char *schema, const char *name);
const char *annotation_at(ox *x, size_t loc);
plumb_table *find_table(ox *x, const char *schema, const char *name);
plumb_table *rv_table(ox *x, const PgQuery__RangeVar *rv);
plumb_view *find_view(ox *x, const char *schema, const char *name);
bool is_relation(ox *x, const char *schema, const char *name);
bool table_or_view(ox *x, const PgQuery__RangeVar *rv, bool views);
plumb_column *find_column(plumb_table *t, const char *name);
plumb_object *find_object(ox *x, plumb_obj_kind kind, const char *schema, const char *name);
/* The catalog's functions (procedures, aggregates) named schema.name,
 * whatever their arguments ("f" for "f(integer)"), or NULL: by hash, an
 * index following the functions the catalog gains and made again after any
 * other change to it (plumb_catalog_changed: a rename, a drop). */
const plumb_vec *routines_named(ox *x, const char *schema, const char *name);
void remove_item(plumb_vec *v, const void *p);
void split_names(PgQuery__Node **names, size_t n, const char **schema, const char **name);
/* offline_order.c: the order a schema's statements are read in, each
 * after what it names or changes, the written order kept wherever nothing
 * says otherwise. order_add reads one statement (ostmt *, in written order
 * of the files) from its tree, which may go after; order_end puts them in
 * order into out and frees the rest (a cycle is an error naming its
 * members). */
typedef struct ord ord;
ord *order_begin(ox *x);
void order_add(ord *r, ostmt *st, const char *path);
int order_end(ord *r, plumb_vec *out);
/* offline_effect.c: a statement that creates nothing but may change the
 * schema on a server (SELECT of the schema's own function, CALL, a
 * search_path elsewhere than public) is an error at loc; one that creates
 * an object of a kind plumb does not manage names it in cat->unmanaged. */
void statement_effects(ox *x, PgQuery__Node *s, size_t loc);
/* The hint of an error for what only a server can read: give --dev-url. */
void dev_url_hint(ox *x);
/* offline_operator.c: CREATE and ALTER OPERATOR, CREATE CAST; the operator
 * or cast a DROP names into *out (false when not there: an error unless IF
 * EXISTS). */
void create_operator(ox *x, PgQuery__DefineStmt *ds, size_t loc);
void alter_operator(ox *x, PgQuery__AlterOperatorStmt *as, size_t loc);
/* ALTER OPERATOR op (l, r) SET SCHEMA s, with what names it following. */
void operator_set_schema(ox *x, PgQuery__AlterObjectSchemaStmt *as);
bool drop_operator_target(ox *x, PgQuery__DropStmt *ds, PgQuery__Node *obj, dobj *out);
void create_cast(ox *x, PgQuery__CreateCastStmt *cs, size_t loc);
bool drop_cast_target(ox *x, PgQuery__DropStmt *ds, PgQuery__Node *obj, dobj *out);
/* offline_textsearch.c: CREATE TEXT SEARCH DICTIONARY and CONFIGURATION,
 * ALTER TEXT SEARCH CONFIGURATION's mappings. */
void create_ts_dict(ox *x, PgQuery__DefineStmt *ds, size_t loc);
void create_ts_config(ox *x, PgQuery__DefineStmt *ds, size_t loc);
void alter_ts_config(ox *x, PgQuery__AlterTSConfigurationStmt *as, size_t loc);
/* offline_tsalter.c: ALTER TEXT SEARCH DICTIONARY's options, RENAME TO and
 * SET SCHEMA of a dictionary or configuration. */
void alter_ts_dict(ox *x, PgQuery__AlterTSDictionaryStmt *as, size_t loc);
void rename_ts_object(ox *x, PgQuery__RenameStmt *rs);
void ts_object_set_schema(ox *x, PgQuery__AlterObjectSchemaStmt *as);
/* offline_opfamily.c: CREATE OPERATOR FAMILY and CLASS, ALTER OPERATOR
 * FAMILY ... ADD and DROP, RENAME TO and SET SCHEMA of either; the class
 * or family a DROP names into *out (false when not there: an error unless
 * IF EXISTS); opc_dropped the members a dropped class listed taken from
 * its family, a dropped family's all. */
void create_opfamily(ox *x, PgQuery__CreateOpFamilyStmt *cs, size_t loc);
void create_opclass(ox *x, PgQuery__CreateOpClassStmt *cs, size_t loc);
void alter_opfamily(ox *x, PgQuery__AlterOpFamilyStmt *as, size_t loc);
bool drop_opc_target(ox *x, PgQuery__DropStmt *ds, PgQuery__Node *obj, dobj *out);
void opc_dropped(ox *x, plumb_object *o);
void rename_opc(ox *x, PgQuery__RenameStmt *rs);
void opc_set_schema(ox *x, PgQuery__AlterObjectSchemaStmt *as);
/* The members naming operator schema.name (of types left, right), of every
 * family and class, name it in nschema. */
void opc_oper_moved(ox *x, const char *schema, const char *name, const char *left,
		    const char *right, const char *nschema);
/* offline_column.c: a serial column written out as the server keeps it, an
 * integer column with a default and the sequence it owns, before a
 * statement changes one of them (finish() folds it back when it is still
 * what serial makes). Nothing for a column that is not serial. */
void unfold_serial(ox *x, plumb_table *t, plumb_column *col);
const char *expr_text(ox *x, PgQuery__Node *e);
const char *type_text(ox *x, PgQuery__TypeName *tn);
/* offline_column.c: an expression over table t's columns as the server keeps it. */
const char *table_expr_text(ox *x, plumb_table *t, PgQuery__Node *e);
/* ... and a domain's check: VALUE compared with a string literal types it. */
void type_value_literals(ox *x, const char *type, PgQuery__Node *e);
const char *stmt_text(ox *x, PgQuery__Node *stmt);
bool type_is(const char *type, const char *name);
const char *deparse(ox *x, PgQuery__Node *stmt);
const char *canon_type(ox *x, const char *text);
PgQuery__RangeVar *mk_rangevar(ox *x, const char *schema, const char *name);
const char *collation_text(ox *x, const PgQuery__CollateClause *cc);

void add_schema(ox *x, const char *name);

/* names.c */
/* A set of schema-qualified names (relations, constraints), made on first use. */
bool name_used(ox *x, plumb_map **m, const char *schema, const char *name);
void use_name(ox *x, plumb_map **m, const char *schema, const char *name);
void forget_name(ox *x, plumb_map **m, const char *schema, const char *name);
/* A key constraint's name taken among relations (its index's) and
 * remembered with its table; key_table finds the table while it still has
 * that key, else NULL. Nothing for other constraints. */
void use_key_name(ox *x, plumb_table *t, const plumb_constraint *k);
plumb_table *key_table(ox *x, const char *schema, const char *name);
char *make_object_name(ox *x, const char *name1, const char *name2, const char *label);
char *choose_name(ox *x, const char *schema, const char *name1, const char *name2,
		  const char *label, bool rel, bool con);
char *name_addition(ox *x, const char *const *names, size_t n);
const char **index_colnames(ox *x, const char *const *orig, size_t n);

/* offline_column.c */
plumb_constraint *new_constraint(ox *x, plumb_table *t, PgQuery__Constraint *c,
				 const char *column, plumb_vec *pending);
void finish_constraints(ox *x, plumb_table *t, plumb_vec *pending);
void set_default(ox *x, plumb_column *col, PgQuery__Node *e);
/* ALTER COLUMN SET STORAGE, SET COMPRESSION, SET (...) and RESET (...) of
 * col: its storage, compression and options as the server keeps them. */
void set_column_storage(ox *x, plumb_column *col, PgQuery__AlterTableCmd *c);
void column_constraints(ox *x, plumb_table *t, plumb_column *col, PgQuery__ColumnDef *cd,
			plumb_vec *pending);
plumb_column *add_column(ox *x, plumb_table *t, PgQuery__ColumnDef *cd, plumb_vec *pending);

/* offline_table.c */
void create_table(ox *x, PgQuery__CreateStmt *cs, size_t loc);
void create_index(ox *x, PgQuery__IndexStmt *is, PgQuery__Node *stmt, size_t loc);
void alter_table(ox *x, PgQuery__AlterTableStmt *as, size_t loc);
void add_view(ox *x, PgQuery__RangeVar *rv, PgQuery__Node *query, PgQuery__Node *stmt,
	      PgQuery__Node **aliases, size_t *n_aliases, bool materialized, bool replace,
	      size_t loc);

/* offline_object.c */
long long typid_of(PgQuery__TypeName *tn);
/* A function argument's type as a function's identity writes it ("integer", "character"). */
const char *func_arg_type(ox *x, const PgQuery__TypeName *t);
/* The serial column whose own sequence schema.seq is, written out as a
 * column with a default and the sequence it owns; nothing when none. */
void unfold_serial_of(ox *x, const char *schema, const char *seq);
void read_seqopts(PgQuery__Node **opts, size_t n, long long typid, seqopts *so);
char *seq_text(ox *x, const seqopts *s);
void create_enum(ox *x, PgQuery__CreateEnumStmt *es, size_t loc);
void enum_texts(ox *x, plumb_object *o);
void alter_domain(ox *x, PgQuery__AlterDomainStmt *ad, size_t loc);
/* ALTER DOMAIN d RENAME CONSTRAINT old TO name (domain: its name list), its
 * comment following. */
void rename_domain_constraint(ox *x, PgQuery__Node *domain, const char *old, const char *name);
void create_range(ox *x, PgQuery__CreateRangeStmt *rs, size_t loc);
/* offline_object.c, the values of a definition list (CREATE AGGREGATE,
 * OPERATOR, TEXT SEARCH ...): a name (SFUNC = f, FUNCTION = s.f, TEMPLATE =
 * 'x') as plumb__pg_proc_ref writes it, NULL when none (*schemap, when
 * given, gets its schema); a function so named; a type (STYPE = t, = 't');
 * a flag as defGetBoolean reads it. */
const char *def_name(ox *x, PgQuery__Node *a, const char **schemap);
static inline const char *def_proc(ox *x, PgQuery__Node *a)
{
	return def_name(x, a, NULL);
}
const char *def_type(ox *x, PgQuery__Node *a);
bool def_bool(ox *x, const PgQuery__Node *a);
/* offline_alter.c: the ALTER TABLE commands alter_table leaves to it (DETACH
 * PARTITION, [NO] INHERIT, identity, DROP EXPRESSION, ALTER CONSTRAINT, and
 * those that change nothing modelled); false for a command it does not know. */
bool alter_table_more(ox *x, plumb_table *t, PgQuery__AlterTableCmd *c, plumb_column *col);
/* A statistics target as SET STATISTICS c sets it, as the server keeps it:
 * NULL for the default (-1); an error when below -1. */
const char *statistics_target(ox *x, PgQuery__AlterTableCmd *c);
/* ALTER INDEX ix ALTER COLUMN n SET STATISTICS (c). */
void set_index_statistics(ox *x, plumb_index *ix, PgQuery__AlterTableCmd *c);
/* The indexes of t that use column lose their statistics targets: a type
 * change builds them again. */
void index_statistics_reset(ox *x, const plumb_table *t, const char *column);
/* ALTER INDEX, ALTER [MATERIALIZED] VIEW and ALTER TYPE of a composite
 * type, which the parser reads as ALTER TABLE of another object type. */
void alter_other(ox *x, PgQuery__AlterTableStmt *as);
/* A table's storage parameters from n DefElem: set over those it has (how
 * 0), reset (-1), or all replaced (1, CREATE TABLE ... WITH). */
void set_rel_options(ox *x, plumb_table *t, PgQuery__Node **defs, size_t n, int how);
/* An option as the server keeps it: "name=value" ("toast.name=value"),
 * for a table's and a column's options alike. */
const char *option_item(ox *x, const PgQuery__DefElem *d);
/* offline_object.c, offline_acl.c: ALTER FUNCTION's options, ALTER POLICY. */
void alter_function(ox *x, PgQuery__AlterFunctionStmt *af, size_t loc);
/* The function ow names (its arguments, or the one of its name); when not
 * there, NULL and an error at loc as PostgreSQL's. */
plumb_object *function_of(ox *x, PgQuery__ObjectWithArgs *ow, size_t loc);
void alter_policy(ox *x, PgQuery__AlterPolicyStmt *ap, size_t loc);
void alter_enum(ox *x, PgQuery__AlterEnumStmt *ae);
void remember_owned_by(ox *x, PgQuery__Node **opts, size_t n);
void create_sequence(ox *x, PgQuery__CreateSeqStmt *ss, size_t loc);
void create_function(ox *x, PgQuery__CreateFunctionStmt *fs, PgQuery__Node *stmt);
void create_trigger(ox *x, PgQuery__CreateTrigStmt *ts, PgQuery__Node *stmt);
void create_rule(ox *x, PgQuery__RuleStmt *rs, PgQuery__Node *stmt, size_t loc);
void create_domain(ox *x, PgQuery__CreateDomainStmt *ds, PgQuery__Node *stmt);
void create_composite(ox *x, PgQuery__CompositeTypeStmt *ct, PgQuery__Node *stmt);
void create_collation(ox *x, PgQuery__DefineStmt *ds, size_t loc);
void create_aggregate(ox *x, PgQuery__DefineStmt *ds, size_t loc);
/* Aggregate o's texts written again in schema nschema. */
void aggregate_moved(ox *x, plumb_object *o, const char *nschema);
void alter_sequence(ox *x, PgQuery__AlterSeqStmt *as);
void create_extension(ox *x, PgQuery__CreateExtensionStmt *es);
void alter_extension(ox *x, PgQuery__AlterExtensionStmt *ae);
void create_schema(ox *x, PgQuery__CreateSchemaStmt *cs);

/* offline_stats.c: CREATE STATISTICS, ALTER STATISTICS ... SET STATISTICS,
 * RENAME TO and SET SCHEMA. */
void create_statistics(ox *x, PgQuery__CreateStatsStmt *cs, PgQuery__Node *stmt, size_t loc);
void alter_statistics(ox *x, PgQuery__AlterStatsStmt *as, size_t loc);
void rename_statistics(ox *x, PgQuery__RenameStmt *rs);
void statistics_set_schema(ox *x, PgQuery__AlterObjectSchemaStmt *as);

/* offline_pub.c: CREATE and ALTER PUBLICATION, RENAME TO; a table leaving
 * the publications it is in (nw NULL: dropped) or in them under its new
 * name. */
void create_publication(ox *x, PgQuery__CreatePublicationStmt *cs, size_t loc);
void alter_publication(ox *x, PgQuery__AlterPublicationStmt *as, size_t loc);
void rename_publication(ox *x, PgQuery__RenameStmt *rs);
void publications_moved(ox *x, const char *schema, const char *name, const char *nschema,
			const char *nw);

/* offline_evtrig.c: CREATE and ALTER EVENT TRIGGER, RENAME TO. */
void create_event_trigger(ox *x, PgQuery__CreateEventTrigStmt *es, size_t loc);
void alter_event_trigger(ox *x, PgQuery__AlterEventTrigStmt *as, size_t loc);
void rename_event_trigger(ox *x, PgQuery__RenameStmt *rs);

/* offline_fdw.c: CREATE and ALTER FOREIGN DATA WRAPPER and SERVER, RENAME
 * TO of either; IMPORT FOREIGN SCHEMA is an error naming --dev-url. */
void create_fdw(ox *x, PgQuery__CreateFdwStmt *cs, size_t loc);
void alter_fdw(ox *x, PgQuery__AlterFdwStmt *as, size_t loc);
void create_server(ox *x, PgQuery__CreateForeignServerStmt *cs, size_t loc);
void alter_server(ox *x, PgQuery__AlterForeignServerStmt *as, size_t loc);
void rename_fdw_or_server(ox *x, PgQuery__RenameStmt *rs);
void import_foreign_schema(ox *x, PgQuery__ImportForeignSchemaStmt *is, size_t loc);
/* CREATE FOREIGN TABLE: the table, its server and options. */
void create_foreign_table(ox *x, PgQuery__CreateForeignTableStmt *fs, size_t loc);
/* OPTIONS of n DefElem applied to v ("key=value", sorted): ADD (or none) a
 * new key, SET an existing one, DROP one; errors as the server's. */
void fdw_options_apply(ox *x, plumb_vec *v, PgQuery__Node **opts, size_t n, size_t loc);

/* offline_acl.c */
void create_policy(ox *x, PgQuery__CreatePolicyStmt *ps, PgQuery__Node *stmt);
void comment_on(ox *x, PgQuery__CommentStmt *cs);
void grant_revoke(ox *x, PgQuery__GrantStmt *gs);
/* o (a routine, type, server or wrapper) dropped: what was granted on it
 * goes too, and one created again has PostgreSQL's defaults. */
void grants_gone(ox *x, const plumb_object *o);
/* Relation schema.rel (nsp: schema rel) dropped where no dependency node
 * stands for it (a serial column's sequence): what was granted on it goes. */
void grants_relation_gone(ox *x, bool nsp, const char *schema, const char *rel);
/* What grantee holds on the object of kind on schema.name, just created,
 * by the default privileges of the role creating it: a routine, type,
 * relation (PLUMB_OBJ_TABLE or PLUMB_OBJ_SEQUENCE) or schema (schema and
 * name both its name). */
void grants_defaulted(ox *x, plumb_obj_kind on, const char *schema, const char *name,
		      const char *grantee, unsigned privs, unsigned grantable);
/* The object of kind on (a routine, type, server or wrapper) schema.name
 * (schema NULL for those in none) renamed or moved to nschema.nname: what
 * was granted on it goes with it, as on the server. */
void grants_moved(ox *x, plumb_obj_kind on, const char *schema, const char *name,
		  const char *nschema, const char *nname);
/* CREATE [OR REPLACE] [TRUSTED] LANGUAGE: known, for the grants on it. */
void language_created(ox *x, const PgQuery__CreatePLangStmt *ls);
/* ALTER LANGUAGE old RENAME TO nw: the grants on a language the files
 * created (and its owner, --owners) follow it. */
void language_renamed(ox *x, const char *old, const char *nw);
/* offline_drop.c: the extension of that name the files created, or NULL. */
plumb_object *find_extension(ox *x, const char *name);
/* What was granted on language name is gone with it. */
void language_grants_gone(ox *x, const char *name);
/* Whether the files created language name (and have not dropped it). */
bool language_known(ox *x, const char *name);
/* That language, or NULL. */
plang *language_find(ox *x, const char *name);
/* The language function o is written in, or NULL for another object. */
const char *function_language(ox *x, const plumb_object *o);
/* Language name, which the files created, is gone: its grants, and its
 * place in the unmanaged list; made again, it starts with the defaults. */
void language_dropped(ox *x, const char *name);
/* offline_language.c: DROP LANGUAGE; the functions written in language
 * old read again as written in nw (ALTER LANGUAGE old RENAME TO nw). */
void languages_dropped(ox *x, PgQuery__DropStmt *ds);
void functions_relanguaged(ox *x, const char *old, const char *nw);
void finish_grants(ox *x);
/* The privileges held on relation schema.rel (on its column col, when
 * given) held on nschema.nrel (column ncol) from now on. */
void grants_renamed(ox *x, const char *schema, const char *rel, const char *col,
		    const char *nschema, const char *nrel, const char *ncol);
/* The grantee a GRANT, REVOKE or ALTER DEFAULT PRIVILEGES names (quoted, or
 * PUBLIC); NULL for CURRENT_USER and the like, which are not modelled. */
const char *grantee_of(ox *x, const PgQuery__Node *n);
/* The PLUMB_PRIV_* bits of all that gs names (all of them for ALL). */
unsigned privs_named(const PgQuery__GrantStmt *gs, unsigned all);
/* m granted (with grant option: grantable too) or revoked (GRANT OPTION FOR:
 * only the grant option) in *privs and *grantable. */
void privs_apply(unsigned *privs, unsigned *grantable, bool is_grant, bool option, unsigned m);

/* offline_owner.c */
/* "f(integer, text)" as the catalog names the function ow names (schema in
 * *schema); NULL when something failed. */
const char *func_identity(ox *x, const PgQuery__ObjectWithArgs *ow, const char **schema);
/* The role a RoleSpec names, quoted; NULL for CURRENT_USER and the like
 * (the connecting role: unknown offline). */
const char *role_of(ox *x, const PgQuery__RoleSpec *rs);
/* --owners: ALTER ... OWNER TO, ALTER TABLE/VIEW/SEQUENCE ... OWNER TO and
 * CREATE SCHEMA ... AUTHORIZATION noted; nothing without --owners. */
void alter_owner(ox *x, PgQuery__AlterOwnerStmt *as);
void alter_table_owner(ox *x, PgQuery__AlterTableStmt *as);
void owner_of_schema(ox *x, const char *name, const PgQuery__RoleSpec *rs);
/* The owner noted for cls schema.name now that of nschema.nname. */
/* The owners noted for what a DROP names forgotten: made again, it is the creator's. */
void owners_dropped(ox *x, PgQuery__DropStmt *ds);
void owner_renamed(ox *x, const char *cls, const char *schema, const char *name,
		   const char *nschema, const char *nname);
void alter_default_privileges(ox *x, PgQuery__AlterDefaultPrivilegesStmt *ad);
/* SET [LOCAL] ROLE, SET SESSION AUTHORIZATION and their RESETs (not RESET
 * ALL, which leaves them): the role that creates what follows, when the
 * files say it; it holds across the files that follow, as in one session. */
void role_set(ox *x, const PgQuery__VariableSetStmt *vs);
/* Function (procedure, aggregate), enum, domain or type o just created:
 * the default privileges of the role creating it (ALTER DEFAULT PRIVILEGES
 * FOR ROLE r [IN SCHEMA s] ... ON FUNCTIONS or TYPES) become its grants,
 * as PostgreSQL applies them. Offline that role is known only after SET
 * ROLE or SET SESSION AUTHORIZATION; the connecting role's are not known. */
void default_privileges_apply(ox *x, const plumb_object *o);
/* Table, view, materialized view, foreign table or sequence (seq; a serial
 * column's too, not an identity column's, which introspection leaves out)
 * schema.name just created: the creating role's default privileges ON
 * TABLES or SEQUENCES become its grants, as for routines. */
void default_privileges_relation(ox *x, const char *schema, const char *name, bool seq);
/* Schema name just created (owner: its AUTHORIZATION, or NULL): the
 * default privileges ON SCHEMAS of its owner become its grants. */
void default_privileges_schema(ox *x, const char *name, const PgQuery__RoleSpec *owner);
/* Default privileges objects, and (--owners) owner objects for what exists. */
void finish_owners(ox *x);

/* offline_opclass.c: the operator class of index key e on t under access
 * method am (NULL: btree) left out when it is the default for the column's
 * type, qualified when an extension outside public provides it. */
void index_opclass(ox *x, plumb_table *t, const char *am, PgQuery__IndexElem *e);
/* offline_opclass.c: extension name is created in schema (NULL: dropped). */
void note_extension(ox *x, const char *name, const char *schema);
/* Is a known class (built-in, or of a known extension created) the
 * default of access method am for type? */
bool builtin_default_opclass(ox *x, const char *am, const char *type);

/* offline_rename.c: ALTER ... RENAME [COLUMN | CONSTRAINT] and SET SCHEMA,
 * with what names the renamed object following as in PostgreSQL's catalog;
 * enum_value_renamed the defaults and checks that spell a renamed label
 * (ALTER TYPE ... RENAME VALUE, which alter_enum reads). */
void alter_rename(ox *x, PgQuery__RenameStmt *rs, size_t loc);
void alter_set_schema(ox *x, PgQuery__AlterObjectSchemaStmt *as, size_t loc);
void enum_value_renamed(ox *x, plumb_object *e, const char *old, const char *nw);

/* offline_drop.c: DROP, and ALTER TABLE's DROP COLUMN and DROP CONSTRAINT
 * (the column or constraint exists), with what depends on them. */
void drop_objects(ox *x, PgQuery__DropStmt *ds);
void drop_column(ox *x, plumb_table *t, plumb_column *col, bool cascade);
void drop_constraint(ox *x, plumb_table *t, const char *name, bool cascade);

/* offline_depend.c: the targets and what depends on them, dropped as
 * PostgreSQL's dependency rules say: what depends automatically always,
 * what depends normally only with cascade, else false and an error at the
 * statement ("cannot drop view v because other objects depend on it"). */
bool drop_with_dependents(ox *x, const dobj *targets, size_t n_targets, bool cascade);
/* offline_depend.c: a statement other than DROP may change what depends on
 * what: the index is made again at the next DROP. */
void drop_forget_index(ox *x);

#endif
