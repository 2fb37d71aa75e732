/*
 * Private to introspection (introspect*.c): the state of one read, the SQL
 * fragments its catalog queries share and the helpers its files share.
 * Nothing else includes it; the entry is plumb__pg_introspect (pg.h).
 */
#ifndef PLUMB_DIALECT_PG_INTROSPECT_INT_H
#define PLUMB_DIALECT_PG_INTROSPECT_INT_H

#include "dialect/pg/pg.h"
#include "dialect/pg/builder.h"

/* --- SQL fragments ------------------------------------------------------ */

/* A user schema (alias n): not pg_catalog, pg_toast*, pg_temp*, information_schema. */
#define NSP_OK(n) "(" n ".nspname <> 'information_schema' AND " n ".nspname !~ '^pg_')"

/* The object is not a member of an extension. */
#define NOT_EXT(cls, oid)                                                                  \
	"NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" cls "'::regclass "     \
	"AND e.objid = " oid " AND e.deptype = 'e')"

/* The object is not made by another one (range constructors). */
#define NOT_INTERNAL(cls, oid)                                                             \
	"NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" cls "'::regclass "     \
	"AND e.objid = " oid " AND e.deptype = 'i')"

/* Sequence s (pg_sequence) is the one of a serial column a (pg_attribute,
 * default text de.expr): owned by it, nextval of it as the default, an
 * integer type equal to the sequence's, every sequence option at its
 * default, and the persistence of the table c (serial makes an unlogged
 * table's sequence unlogged). Such sequences fold into their column and are
 * not listed. */
#define SERIAL_FOLD                                                                        \
	"(a.attidentity = '' AND a.attgenerated = '' AND a.atttypid IN ("                    \
	PLUMB_PG_STR(PLUMB_PG_INT8) ", " PLUMB_PG_STR(PLUMB_PG_INT2) ", "                      \
	PLUMB_PG_STR(PLUMB_PG_INT4) ") "                                                       \
	"AND s.seqtypid = a.atttypid AND s.seqincrement = 1 AND s.seqstart = 1 "             \
	"AND s.seqmin = 1 AND s.seqcache = 1 AND NOT s.seqcycle "                            \
	"AND s.relpersistence = c.relpersistence "                                           \
	"AND s.seqmax = CASE a.atttypid "                                                    \
	"WHEN " PLUMB_PG_STR(PLUMB_PG_INT2) " THEN " PLUMB_PG_STR(PLUMB_PG_INT2_MAX) " "     \
	"WHEN " PLUMB_PG_STR(PLUMB_PG_INT4) " THEN " PLUMB_PG_STR(PLUMB_PG_INT4_MAX) " "     \
	"ELSE " PLUMB_PG_STR(PLUMB_PG_INT8_MAX) " END "                                      \
	"AND de.expr = 'nextval(' || quote_literal(s.seqrelid::regclass::text) || '::regclass)')"

/* Sequence oid belongs to an identity column. */
#define IS_IDENTITY_SEQ(seqoid)                                                            \
	"EXISTS (SELECT 1 FROM pg_depend sd WHERE sd.classid = 'pg_class'::regclass "        \
	"AND sd.objid = " seqoid " AND sd.refclassid = 'pg_class'::regclass "                \
	"AND sd.deptype = 'i')"

/* The collation of column or attribute a when not its type's (t) default,
 * as COLLATE writes it. */
#define COLL_TEXT(a, t)                                                                    \
	"(SELECT CASE WHEN cn.nspname IN ('pg_catalog', 'public') THEN quote_ident(co.collname) " \
	"ELSE quote_ident(cn.nspname) || '.' || quote_ident(co.collname) END "               \
	"FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace "           \
	"WHERE co.oid = " a ".attcollation AND " a ".attcollation <> " t ".typcollation)"

/* --- state -------------------------------------------------------------- */

typedef struct rel {
	unsigned long oid;
	plumb_table *t;    /* NULL when left out (tracking tables) */
} rel;

typedef struct ictx {
	plumb_pg_sticky st; /* ctx, the catalog's arena, the first failure */
	plumb_arena *tmp;  /* results and scratch text, freed at the end */
	plumb_pg_conn *c;
	plumb_catalog *cat;
	rel *rels;         /* tables by oid, ascending */
	size_t n_rels;
	unsigned long *folded; /* oids of sequences folded into serial columns, sorted */
	size_t n_folded, cap_folded;
	const char *obj;   /* object being read, for error messages */
	/* Canonical types and expressions already computed: the same few types
	 * and defaults recur on thousands of columns, and each canon call
	 * parses with libpg_query. Chained buckets in tmp. */
	struct memo **memo;
} ictx;

enum canon_kind { CANON_TYPE, CANON_EXPR, CANON_STMT };

/* The helpers introspection's files share keep their short names in the
 * code and link as plumb__pgin_<name> (as zlib's Z_PREFIX does), so that
 * none leaves the library under a bare name. */
#define add_folded plumb__pgin_add_folded
#define array plumb__pgin_array
#define at plumb__pgin_at
#define canon plumb__pgin_canon
#define cmp_oid plumb__pgin_cmp_oid
#define find_rel plumb__pgin_find_rel
#define flag plumb__pgin_flag
#define fmt plumb__pgin_fmt
#define function_name plumb__pgin_function_name
#define obj_ref plumb__pgin_obj_ref
#define is_folded plumb__pgin_is_folded
#define num plumb__pgin_num
#define parse_array plumb__pgin_parse_array
#define read_collations plumb__pgin_read_collations
#define read_columns plumb__pgin_read_columns
#define read_comments plumb__pgin_read_comments
#define read_constraints plumb__pgin_read_constraints
#define read_extensions plumb__pgin_read_extensions
#define read_functions plumb__pgin_read_functions
#define read_owners plumb__pgin_read_owners
#define read_default_acls plumb__pgin_read_default_acls
#define read_grants plumb__pgin_read_grants
#define read_object_grants plumb__pgin_read_object_grants
#define read_indexes plumb__pgin_read_indexes
#define read_policies plumb__pgin_read_policies
#define read_rules plumb__pgin_read_rules
#define read_operators plumb__pgin_read_operators
#define read_casts plumb__pgin_read_casts
#define read_ts_dicts plumb__pgin_read_ts_dicts
#define read_ts_configs plumb__pgin_read_ts_configs
#define read_opfamilies plumb__pgin_read_opfamilies
#define read_schemas plumb__pgin_read_schemas
#define read_publications plumb__pgin_read_publications
#define read_foreign_data_wrappers plumb__pgin_read_foreign_data_wrappers
#define read_event_triggers plumb__pgin_read_event_triggers
#define read_statistics plumb__pgin_read_statistics
#define read_sequences plumb__pgin_read_sequences
#define read_tables plumb__pgin_read_tables
#define read_triggers plumb__pgin_read_triggers
#define read_types plumb__pgin_read_types
#define read_unmanaged plumb__pgin_read_unmanaged
#define read_views plumb__pgin_read_views
#define rel_kept plumb__pgin_rel_kept
#define run plumb__pgin_run
#define seq_fields plumb__pgin_seq_fields
#define tracking_table plumb__pgin_tracking_table
#define val plumb__pgin_val
#define written plumb__pgin_written
#define written_stmt plumb__pgin_written_stmt

/* introspect.c */
char *fmt(ictx *x, const char *f, ...) __attribute__((format(printf, 2, 3)));
void at(ictx *x, const char *f, ...) __attribute__((format(printf, 2, 3)));
int run(ictx *x, const char *what, const char *sql, PGresult **out);
const char *val(PGresult *r, int row, int col);
bool flag(PGresult *r, int row, int col);
long long num(PGresult *r, int row, int col);
const char *canon(ictx *x, enum canon_kind k, const char *s);
const char *written(ictx *x, const char *expr);
const char *written_stmt(ictx *x, const char *sql);
void parse_array(ictx *x, const char *s, plumb_vec *out);
const char **array(ictx *x, PGresult *r, int row, int col, size_t *n);
rel *find_rel(ictx *x, const char *oid_text);
bool rel_kept(ictx *x, const char *oid_text);
int cmp_oid(const void *a, const void *b);
void add_folded(ictx *x, const char *oid_text);
bool is_folded(ictx *x, const char *oid_text);
bool tracking_table(ictx *x, const char *schema, const char *name);

/* introspect_table.c */
void read_tables(ictx *x);
void seq_fields(PGresult *r, int row, int col, long long typid, plumb_pg_seq *out);
void read_columns(ictx *x);
void read_constraints(ictx *x);
void read_indexes(ictx *x);
void read_views(ictx *x);

/* introspect_object.c */
/* "name(type, type)" with canonical argument types, as the catalog names functions. */
const char *function_name(ictx *x, const char *name, const char **args, size_t n);
/* A function (oper: an operator) as model.c names it, from its schema and
 * name: plumb__pg_proc_ref's or plumb__pg_oper_ref's; NULL when it has none. */
const char *obj_ref(ictx *x, const char *schema, const char *name, bool oper);
void read_schemas(ictx *x);
void read_extensions(ictx *x);
void read_collations(ictx *x);
void read_types(ictx *x);
void read_sequences(ictx *x);
/* introspect_unmanaged.c */
void read_unmanaged(ictx *x);
void read_functions(ictx *x);
void read_triggers(ictx *x);
void read_policies(ictx *x);
void read_rules(ictx *x);
/* introspect_operator.c */
void read_operators(ictx *x);
void read_casts(ictx *x);
void read_ts_dicts(ictx *x);
void read_ts_configs(ictx *x);
/* introspect_opclass.c */
void read_opfamilies(ictx *x);
/* introspect_stats.c */
void read_statistics(ictx *x);
/* introspect_pub.c */
void read_publications(ictx *x);
/* introspect_fdw.c: foreign-data wrappers and servers */
void read_foreign_data_wrappers(ictx *x);
void read_event_triggers(ictx *x);
void read_comments(ictx *x);
void read_grants(ictx *x);
/* introspect_acl.c: grants on routines, types, servers, wrappers, languages */
void read_object_grants(ictx *x);
/* introspect_owner.c: after every object is read */
void read_owners(ictx *x);
void read_default_acls(ictx *x);

#endif
