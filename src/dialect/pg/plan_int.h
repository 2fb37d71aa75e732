/*
 * Private to the PostgreSQL planner (plan.c and plan_*.c): the planner's
 * state and the functions its files share. Nothing outside the planner
 * includes it; the planner's entry is plumb__pg_plan in pg.h.
 */
#ifndef PLUMB_DIALECT_PG_PLAN_INT_H
#define PLUMB_DIALECT_PG_PLAN_INT_H

#include <stdbool.h>
#include <stddef.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/enumuse.h"
#include "dialect/pg/pg.h"
#include "dialect/pg/refs.h"
#include "dialect/pg/sticky.h"
#include "plan/order.h"
#include "util/map.h"

typedef struct planner {
	plumb_ctx *ctx;
	plumb_arena *tmp;           /* scratch, freed at the end */
	const plumb_diff *diff;
	const plumb_catalog *from, *to;
	plumb_plan *plan;
	plumb_pg_sticky st;         /* the first failure (st.rc), kept: sticky.h */
	plumb_vec touched;          /* char *: "schema.name" keys whose readers must go */
	plumb_map *recreated;       /* set of "kind:schema.name" dropped and created again */
	plumb_map *new_rels;        /* set of "schema.name" of tables created in this plan */
	bool *drop_view;            /* per from->views */
	bool *drop_trigger;         /* per from->triggers */
	bool *drop_policy;          /* per from->objects (policies, rules, statistics) */
	plumb_vec dropped_rules;    /* plumb_object * of from: rules phase 1 drops */
	plumb_vec forced_fks;       /* plumb_constraint * of from: dropped and added again */
	plumb_vec forced_fk_tables; /* plumb_table * of from, beside forced_fks */
	plumb_vec unique_drops;     /* plumb_index * of from: unique indexes phase 1 drops */
	plumb_vec enum_adds;        /* plumb_stmt *: ALTER TYPE ... ADD VALUE */
	plumb_vec enum_add_labels;  /* char *: the label each one adds */
	plumb_vec owned_by;         /* char *: ALTER SEQUENCE ... OWNED BY, once tables exist */
	plumb_vec late_functions;   /* plumb_change *: functions created with the views */
	plumb_vec adopted;          /* char *: "schema.name" of sequences passed between a
				     * serial column and a sequence of their own */
	plumb_vec set_aside;        /* char *: "schema.table.constraint" of CHECKs an enum
				     * rebuild dropped already */
	plumb_vec set_aside_objs;   /* char *: recreated_key() of the functions, domains and
				     * indexes an enum rebuild dropped already */
	plumb_vec early;            /* plumb_object * of from: dropped with the views or
				     * tables they are over (plan_drop.c), not late */
	plumb_vec early_set_aside;  /* plumb_object * of from: functions in the way of a
				     * view created again (over its row type) or of what
				     * a bound body (BEGIN ATOMIC, RETURN) reads or calls:
				     * dropped with the views, created after them (as
				     * late_functions) when the schema keeps them */
	plumb_pg_refs *fn_refs;     /* per from functions (kinds[0]): read once */
	plumb_map *refs[2];	    /* text -> plumb_pg_refs * of an expression [0] and of
				     * statements [1]: a default or CHECK thousands of
				     * tables share is parsed once */
	bool funcs_touched;         /* touched holds functions' call keys */
	bool sql_bodies;            /* a LANGUAGE sql function whose body is a string is
				     * created or replaced (plan.c: body_check_off) */
	plumb_vec uninherited;      /* char *: column_key() of declared columns dropped so
				     * that a parent's new column takes their place */
	/* The changes by kind, schema and name of their from ([0]) and to ([1])
	 * objects: bucket heads and chains of 1 + change index, 0 ending. */
	size_t change_mask;
	size_t *change_head[2], *change_next[2];
	plumb_vec kinds[2][PLUMB_OBJ_KIND_COUNT]; /* objects of from [0] and to [1] by kind: a
						   * catalog may hold thousands of grants */
	struct opc_index *opc; /* plan_opclass.c: families, classes and their changes by
				* family key, made on the first lookup */
} planner;

/* plan_util.c */
bool plumb__pgp_str_eq(const char *a, const char *b);
void plumb__pgp_nomem(planner *p);
char *plumb__pgp_fmt(planner *p, const char *f, ...)
	__attribute__((format(printf, 2, 3)));
const char *plumb__pgp_Q(planner *p, const char *schema, const char *name);
const char *plumb__pgp_I(planner *p, const char *name);
const char *plumb__pgp_L(planner *p, const char *text);
const char *plumb__pgp_key(planner *p, const char *schema, const char *name);
const char *plumb__pgp_dn(planner *p, const char *schema, const char *name);
/* plan_acl.c: an identifier as quote_ident() writes it, as grant names hold
 * them; and the privileges of bits in PostgreSQL's order, joined by ", "
 * ("" when none). */
const char *plumb__pgp_qi(planner *p, const char *name);
const char *plumb__pgp_privs_text(planner *p, unsigned bits);
bool plumb__pgp_vec_has(const plumb_vec *v, const char *s);
void plumb__pgp_vec_add(planner *p, plumb_vec *v, const char *s);
/* A set of strings in a hash (made on the first add): whether s is in it,
 * and adding s to it. */
bool plumb__pgp_set_has(plumb_map *const *set, const char *s);
void plumb__pgp_set_add(planner *p, plumb_map **set, const char *s);
plumb_stmt *plumb__pgp_emit(planner *p, const char *f, ...)
	__attribute__((format(printf, 2, 3)));
/* sql as it is, the plan's own copy made. */
plumb_stmt *plumb__pgp_emit_text(planner *p, const char *sql);
void plumb__pgp_hz(planner *p, plumb_stmt *s, plumb_hazard_kind k, const char *f, ...)
	__attribute__((format(printf, 4, 5)));
void plumb__pgp_note(planner *p, plumb_stmt *s, const char *text);
/* Tells the classifier what s is (plumb_pg_known of kind, names copied), so
 * that it need not parse it: nothing when s is NULL. */
void plumb__pgp_known(planner *p, plumb_stmt *s, char kind, const char *schema, const char *name,
		      const char *table);
plumb_stmt *plumb__pgp_last_stmt(planner *p);
void plumb__pgp_ae(planner *p, plumb_stmt *s, const char *what);
/* ... on kind "name": name as plumb__pgp_dn writes it. */
void plumb__pgp_ae_of(planner *p, plumb_stmt *s, const char *kind, const char *name);
void plumb__pgp_split_qname(planner *p, const char *s, const char **schema, const char **name);
int plumb__pgp_index_changes(planner *p);
const plumb_change *plumb__pgp_find_change(const planner *p, plumb_obj_kind kind,
					   const char *schema, const char *name, bool by_from);
const void *plumb__pgp_find_on(const plumb_catalog *cat, plumb_obj_kind kind, const char *schema,
			       const char *name, const char *table);
bool plumb__pgp_changes_on(const planner *p, plumb_obj_kind kind, const char *schema,
			   const char *name, const char *table);
bool plumb__pgp_table_is_new(const planner *p, const char *schema, const char *name);
const char *plumb__pgp_recreated_key(planner *p, const char *kind, const char *schema,
				     const char *name);
bool plumb__pgp_is_recreated(planner *p, const char *kind, const char *schema, const char *name);
bool plumb__pgp_is_set_aside(planner *p, const char *kind, const char *schema, const char *name);
const char *plumb__pgp_func_base(planner *p, const char *name);
const char *plumb__pgp_func_sig(planner *p, const plumb_object *o);
const char *plumb__pgp_obj_sql(const plumb_object *o);
const char *plumb__pgp_default_sql(const plumb_column *c);
const char *plumb__pgp_constraint_sql(planner *p, const plumb_constraint *c);
const char *plumb__pgp_column_sql(planner *p, const plumb_column *c);
bool plumb__pgp_is_procedure(const plumb_object *o);
const plumb_vec *plumb__pgp_objects(const planner *p, const plumb_catalog *cat,
				    plumb_obj_kind kind);
const plumb_object *plumb__pgp_find_type_object(const planner *p, const plumb_catalog *cat,
						const char *coltype);
const plumb_object *plumb__pgp_find_collation(const planner *p, const plumb_catalog *cat,
					      const char *coll);
plumb_pg_refs plumb__pgp_refs_of(planner *p, const char *text, bool sql);

/* plan_type.c */
bool plumb__pgp_is_enum_type(const planner *p, const char *type);
bool plumb__pgp_default_volatile(planner *p, const char *expr);
/* What a rebuilt type takes along. A later queue holds
 * statements for once the type is back, each with the table it locks ("" for
 * none). */
typedef struct plumb_pgp_later {
	plumb_vec sqls; /* char * */
	plumb_vec ons;	/* char *: a table's display name, or "" */
} plumb_pgp_later;
void plumb__pgp_later(planner *p, plumb_pgp_later *l, const char *on, const char *sql);
void plumb__pgp_later_emit(planner *p, const plumb_pgp_later *l);
/* The domains over type (nested ones too) and the functions whose signature
 * names it or one of them, in `from`. */
void plumb__pgp_type_users(planner *p, const plumb_object *type, plumb_vec *domains,
			   plumb_vec *functions);
/* Drops the functions; the schema's own, unless the diff changes them, are
 * queued in back. what: how the notes name the type ("enum \"e\""). */
void plumb__pgp_functions_aside(planner *p, const plumb_vec *functions, const char *what,
				plumb_pgp_later *back);
/* Drops the domains, the last first; plumb__pgp_domains_back creates the
 * schema's own again. */
void plumb__pgp_domains_aside(planner *p, const plumb_vec *domains, const char *what);
void plumb__pgp_domains_back(planner *p, const plumb_vec *domains);

/* plan_table.c */
void plumb__pgp_add_constraint(planner *p, const plumb_table *t, const plumb_constraint *con,
			       bool is_new);
void plumb__pgp_drop_constraint(planner *p, const char *schema, const char *table,
				const plumb_constraint *con);
bool plumb__pgp_inherited_constraint(planner *p, const plumb_catalog *cat, const plumb_table *t,
				     const plumb_constraint *con);
void plumb__pgp_create_table(planner *p, const plumb_table *t);
plumb_stmt *plumb__pgp_drop_table(planner *p, const plumb_table *t, const char *why);
bool plumb__pgp_partitioning_changed(const plumb_table *f, const plumb_table *t);
/* DROP FOREIGN TABLE t: no hazard (its rows are the server's), a note
 * saying so. */
plumb_stmt *plumb__pgp_drop_foreign_table(planner *p, const plumb_table *t);
/* plan_settings.c: SET and RESET of the storage parameters that differ
 * between f and t; REPLICA IDENTITY of the tables created or changed, once
 * their indexes are built. */
void plumb__pgp_table_options(planner *p, const plumb_table *f, const plumb_table *t);
void plumb__pgp_phase_replica_identity(planner *p);
bool plumb__pgp_parent_changes_column(planner *p, const plumb_table *t, const char *col, bool add);
const char *plumb__pgp_column_key(planner *p, const plumb_table *tb, const char *col);
bool plumb__pgp_constraint_same_but_name(planner *p, const plumb_constraint *f,
					 const plumb_constraint *t);
/* The NOT VALID constraint of `from` (dropped in delta d) that constraint con
 * of `to` (added in d) is once validated: same name, same definition but for
 * NOT VALID. NULL when con is not such a constraint. */
const plumb_constraint *plumb__pgp_validated_from(planner *p, const plumb_table_delta *d,
						  const plumb_constraint *con);
/* Whether constraint f of `from`, dropped in delta d, is validated instead. */
bool plumb__pgp_is_validated(planner *p, const plumb_table_delta *d, const plumb_constraint *f);
/* ALTER TABLE ... VALIDATE CONSTRAINT of con on t. */
void plumb__pgp_validate_constraint(planner *p, const plumb_table *t, const plumb_constraint *con);
void plumb__pgp_alter_table(planner *p, const plumb_change *c);

/* plan_enum.c */
bool plumb__pgp_enum_needs_rebuild(planner *p, const plumb_change *c, plumb_vec *cur,
				   plumb_vec *removed);
void plumb__pgp_alter_enum(planner *p, const plumb_change *c);
void plumb__pgp_create_enum(planner *p, const plumb_object *o);
void plumb__pgp_mark_enum_adds(planner *p);

/* plan_domain.c */
bool plumb__pgp_domain_rebuilt(planner *p, const plumb_change *c);
void plumb__pgp_alter_domain(planner *p, const plumb_change *c);

/* plan_object.c */
void plumb__pgp_create_object(planner *p, const plumb_object *o);
void plumb__pgp_drop_object(planner *p, const plumb_object *o);
void plumb__pgp_mid_change(planner *p, const plumb_change *c);
bool plumb__pgp_function_replaceable(const plumb_object *f, const plumb_object *t);

/* plan_order.c: keys (see there), the engine's steps, the creating phases */
const char *plumb__pgp_call_key(planner *p, const char *schema, const char *base);
void plumb__pgp_call_keys(planner *p, const char *sql, plumb_vec *v);
void plumb__pgp_object_keys(planner *p, const plumb_object *o, plumb_vec *v);
bool plumb__pgp_over_types(const plumb_object *o);
void plumb__pgp_object_deps(planner *p, const plumb_catalog *cat, const plumb_object *o,
			    plumb_vec *deps, plumb_vec *soft);
void plumb__pgp_table_deps(planner *p, const plumb_catalog *cat, const plumb_table *t,
			   const plumb_table_delta *d, plumb_vec *deps);
plumb_order *plumb__pgp_order_new(planner *p);
void plumb__pgp_order_step(planner *p, plumb_order *o, const char *label, void *payload,
			   const plumb_vec *provides, const plumb_vec *deps, const plumb_vec *soft);
bool plumb__pgp_order_sort(planner *p, plumb_order *o, plumb_order_dir dir, plumb_vec *out);
bool plumb__pgp_is_late_kind(plumb_obj_kind k);
void plumb__pgp_plan_mid(planner *p);
void plumb__pgp_create_views(planner *p);

/* plan_drop.c */
bool plumb__pgp_dropped_early(const planner *p, const plumb_object *o);
bool plumb__pgp_is_set_aside_early(const planner *p, const plumb_object *o);
bool plumb__pgp_drop_views(planner *p);
void plumb__pgp_phase_table_drops(planner *p);
void plumb__pgp_phase_late_drops(planner *p);

/* plan_view.c */
bool plumb__pgp_view_in_to(const planner *p, const plumb_view *v);
void plumb__pgp_mark_touched(planner *p);
void plumb__pgp_mark_adopted(planner *p);
void plumb__pgp_mark_forced_fks(planner *p);
bool plumb__pgp_fk_forced(const planner *p, const plumb_constraint *con);
const plumb_constraint *plumb__pgp_forced_fk_to(planner *p, const plumb_table *tb,
						const plumb_constraint *con);
const plumb_table *plumb__pgp_to_table_of(const planner *p, const plumb_table *f);
const plumb_column *plumb__pgp_to_column_of(planner *p, const plumb_table *tb,
					    const plumb_column *col);
const char *plumb__pgp_view_sql(const plumb_view *v);
bool plumb__pgp_view_created(planner *p, const char *k);
void plumb__pgp_create_view_or_function(planner *p, const plumb_change *c);


/* plan_index.c */
void plumb__pgp_drop_index(planner *p, const plumb_index *ix);
const plumb_index *plumb__pgp_index_dropped(planner *p, const plumb_change *c);
bool plumb__pgp_fk_index_rebuilt(planner *p, const plumb_constraint *fk, const char *schema);
const char *plumb__pgp_col_after(const planner *p, const plumb_change *tc, const char *col);
bool plumb__pgp_index_same_but_name(const planner *p, const plumb_index *f, const plumb_index *t);
/* Does index change c leave the index in place (renamed, or only its
 * statistics targets changed)? */
bool plumb__pgp_index_kept(planner *p, const plumb_change *c);
/* ALTER INDEX ... SET STATISTICS where t's targets differ from f's (NULL:
 * an index just built). */
void plumb__pgp_index_statistics(planner *p, const plumb_index *f, const plumb_index *t);
void plumb__pgp_phase_indexes(planner *p, bool on_views);

/* plan_stats.c: which extended statistics phase 1 drops (drop_policy),
 * their CREATE (with SET STATISTICS), and the phase creating them or
 * setting their target. */
void plumb__pgp_mark_statistics(planner *p);
void plumb__pgp_create_statistics(planner *p, const plumb_object *o);
void plumb__pgp_phase_statistics(planner *p);

/* plan_pub.c: which publications phase 1 drops (drop_policy), and the phase
 * creating them or altering their members and options. */
void plumb__pgp_mark_publications(planner *p);
void plumb__pgp_phase_publications(planner *p);

/* plan_evtrig.c: which event triggers phase 1 drops (drop_policy), and the
 * phase creating them or setting their state. */
void plumb__pgp_mark_event_triggers(planner *p);
/* plan_opclass.c: operator families and classes. mark_opclasses marks
 * the families made again ("opfamily:schema.f USING am" in recreated) and
 * the indexes of `from` naming their classes ("index:..."); opc_change
 * plans change c of a family or class (false: not one); goes_with_family
 * whether a drop is already the making again's. */
void plumb__pgp_mark_opclasses(planner *p);
/* Equal once the operator classes the plan renames in place read under
 * their new names (f of `from`, t of `to`). */
bool plumb__pgp_index_same_but_opclass(planner *p, const plumb_index *f, const plumb_index *t);
/* The same for exclusion constraints f and t of one name. */
bool plumb__pgp_exclusion_same_but_opclass(planner *p, const plumb_constraint *f,
					   const plumb_constraint *t);
bool plumb__pgp_opc_change(planner *p, const plumb_change *c);
bool plumb__pgp_opc_goes_with_family(planner *p, const plumb_object *o);
void plumb__pgp_create_opfamily(planner *p, const plumb_object *f);
void plumb__pgp_create_opclass(planner *p, const plumb_object *c);
void plumb__pgp_drop_opc(planner *p, const plumb_object *o);
void plumb__pgp_opc_keys(planner *p, const plumb_object *o, plumb_vec *v);
void plumb__pgp_opc_deps(planner *p, const plumb_catalog *cat, const plumb_object *o,
			 plumb_vec *deps);
/* The keys an exclusion constraint (def: "EXCLUDE USING am (c ops WITH op, ...)")
 * needs: the operator classes and operators it names. */
void plumb__pgp_exclusion_deps(planner *p, const char *def, plumb_vec *deps);
void plumb__pgp_phase_event_triggers(planner *p);

/* plan_fdw.c: a foreign-data wrapper's or server's change in place (the
 * middle phase's step for it). */
void plumb__pgp_alter_fdw_or_server(planner *p, const plumb_change *c);
/* " OPTIONS (DROP k, ADD k 'v', SET k 'v')" turning options f into t
 * ("key=value" each), "" when the same. */
const char *plumb__pgp_fdw_options_delta(planner *p, const plumb_vec *f, const plumb_vec *t);

/* plan_acl.c */
void plumb__pgp_phase_triggers_policies(planner *p);
void plumb__pgp_phase_comments(planner *p);
void plumb__pgp_phase_grants(planner *p);

/* plan_owner.c */
void plumb__pgp_phase_owners(planner *p);
void plumb__pgp_phase_default_acls(planner *p);

/* plan_operator.c: ALTER OPERATOR ... SET when only f's estimators differ
 * from t's; false (nothing emitted) when it must be dropped and created. */
bool plumb__pgp_alter_operator(planner *p, const plumb_object *f, const plumb_object *t);
/* The same for a text search configuration: its mappings changed when its
 * parser is the same (its name, and the names of dictionaries renamed in
 * place, already renamed). */
bool plumb__pgp_alter_ts_config(planner *p, const plumb_object *f, const plumb_object *t);

#endif
