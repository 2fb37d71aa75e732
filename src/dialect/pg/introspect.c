/*
 * Reads a live PostgreSQL database's schema into a catalog with one
 * set-based catalog query per kind of object (schemas, extensions,
 * collations, tables, columns, constraints, indexes, types, sequences, views,
 * functions, triggers, policies, comments), so the number of queries does not
 * grow with the number of tables. It reads with search_path = '' so the server
 * qualifies every name, and routes every type, expression and statement text
 * through canon.c and every column and constraint through model.c. It does
 * not compare catalogs or change the database; objects of extensions and
 * plumb's and drizzle's tracking tables are left out.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dialect/pg/pg.h"
#include "dialect/pg/sticky.h"

/* How many queries introspection has sent since the process started (tests
 * check that it does not depend on the size of the schema). */
long plumb__pg_introspect_query_count(void);

static long n_queries;

long plumb__pg_introspect_query_count(void)
{
	return n_queries;
}

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
 * integer type equal to the sequence's, and every sequence option at its
 * default. Such sequences fold into their column and are not listed. */
#define SERIAL_FOLD                                                                        \
	"(a.attidentity = '' AND a.attgenerated = '' AND a.atttypid IN (20, 21, 23) "       \
	"AND s.seqtypid = a.atttypid AND s.seqincrement = 1 AND s.seqstart = 1 "             \
	"AND s.seqmin = 1 AND s.seqcache = 1 AND NOT s.seqcycle "                            \
	"AND s.seqmax = CASE a.atttypid WHEN 21 THEN 32767 WHEN 23 THEN 2147483647 "         \
	"ELSE 9223372036854775807 END "                                                      \
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

static const char q_schemas[] =
	"SELECT n.nspname FROM pg_namespace n WHERE " NSP_OK("n") " AND n.nspname <> 'public' "
	"AND " NOT_EXT("pg_namespace", "n.oid") " "
	/* drizzle's schema when it holds only drizzle's tracking table */
	"AND NOT (n.nspname = 'drizzle' AND NOT EXISTS (SELECT 1 FROM pg_class c "
	"WHERE c.relnamespace = n.oid AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c', 'S') "
	"AND c.relname NOT IN ('__drizzle_migrations', '__drizzle_migrations_id_seq')) "
	"AND NOT EXISTS (SELECT 1 FROM pg_proc p WHERE p.pronamespace = n.oid) "
	"AND NOT EXISTS (SELECT 1 FROM pg_type t WHERE t.typnamespace = n.oid "
	"AND t.typtype IN ('e', 'd', 'r', 'm'))) "
	"ORDER BY 1";

static const char q_extensions[] =
	"SELECT x.extname, n.nspname, x.extversion FROM pg_extension x "
	"JOIN pg_namespace n ON n.oid = x.extnamespace "
	"WHERE x.extname <> 'plpgsql' ORDER BY 1";

/* The locale column is colliculocale in PostgreSQL 15 and 16, colllocale from 17. */
enum { L_NSP, L_NAME, L_PROVIDER, L_COLLATE, L_CTYPE, L_LOCALE, L_DETERMINISTIC };
static const char q_collations[] =
	"SELECT n.nspname, c.collname, c.collprovider, c.collcollate, c.collctype, "
	"coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale'), "
	"c.collisdeterministic "
	"FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace "
	"WHERE " NSP_OK("n") " AND " NOT_EXT("pg_collation", "c.oid") " "
	"ORDER BY 1, 2";

enum { T_OID, T_NSP, T_NAME, T_UNLOGGED, T_RLS, T_FORCE, T_PARTKEY, T_PARENT, T_BOUND, T_INHERITS };
static const char q_tables[] =
	"SELECT c.oid, n.nspname, c.relname, c.relpersistence = 'u', c.relrowsecurity, "
	"c.relforcerowsecurity, "
	"CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, "
	"CASE WHEN c.relispartition THEN (SELECT pn.nspname || '.' || pc.relname "
	"FROM pg_inherits h JOIN pg_class pc ON pc.oid = h.inhparent "
	"JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE h.inhrelid = c.oid LIMIT 1) END, "
	"CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END, "
	"CASE WHEN NOT c.relispartition THEN ARRAY(SELECT pn.nspname || '.' || pc.relname "
	"FROM pg_inherits h JOIN pg_class pc ON pc.oid = h.inhparent "
	"JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE h.inhrelid = c.oid "
	"ORDER BY h.inhseqno) END "
	"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE c.relkind IN ('r', 'p') AND " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"ORDER BY c.oid";

enum {
	C_REL, C_NAME, C_TYPE, C_NOTNULL, C_DEFAULT, C_GENERATED, C_IDENTITY, C_COLLATION,
	C_SERIAL, C_SEQ, C_SEQTYPE, C_START, C_INC, C_MIN, C_MAX, C_CACHE, C_CYCLE, C_INHERITED
};
static const char q_columns[] =
	"SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
	"CASE WHEN a.attgenerated = '' THEN de.expr END, "
	"CASE WHEN a.attgenerated = 's' THEN de.expr END, "
	"a.attidentity, " COLL_TEXT("a", "t") ", "
	"s.deptype = 'a' AND " SERIAL_FOLD ", s.seqrelid, "
	"s.seqtypid, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle, "
	"NOT a.attislocal "
	"FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace "
	"JOIN pg_type t ON t.oid = a.atttypid "
	"LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
	"LEFT JOIN LATERAL (SELECT pg_get_expr(d.adbin, d.adrelid) AS expr) de ON true "
	"LEFT JOIN LATERAL (SELECT sd.deptype, sq.* FROM pg_depend sd "
	"JOIN pg_sequence sq ON sq.seqrelid = sd.objid "
	"WHERE sd.classid = 'pg_class'::regclass AND sd.refclassid = 'pg_class'::regclass "
	"AND sd.refobjid = a.attrelid AND sd.refobjsubid = a.attnum AND sd.deptype IN ('a', 'i') "
	"ORDER BY sd.deptype DESC LIMIT 1) s ON true "
	"WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"ORDER BY a.attrelid, a.attnum";

enum {
	K_REL, K_NAME, K_TYPE, K_COLS, K_REFNSP, K_REFREL, K_REFCOLS, K_UPD, K_DEL, K_MATCH,
	K_DEFERRABLE, K_DEFERRED, K_VALID, K_CHECK, K_DEF, K_NND
};
/* %s: whether the backing index treats NULLs as equal (PostgreSQL 15) */
static const char q_constraints[] =
	"SELECT k.conrelid, k.conname, k.contype, "
	"ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(num, ord) "
	"JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.ord), "
	"fn.nspname, fc.relname, "
	"ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY u(num, ord) "
	"JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num ORDER BY u.ord), "
	"k.confupdtype, k.confdeltype, k.confmatchtype, k.condeferrable, k.condeferred, "
	"k.convalidated, "
	"CASE WHEN k.contype = 'c' THEN pg_get_expr(k.conbin, k.conrelid) END, "
	"CASE WHEN k.contype = 'x' THEN pg_get_constraintdef(k.oid) END, %s "
	"FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace "
	"LEFT JOIN pg_class fc ON fc.oid = k.confrelid "
	"LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace "
	"WHERE k.contype IN ('p', 'u', 'c', 'f', 'x') AND k.conparentid = 0 AND k.conislocal "
	"AND c.relkind IN ('r', 'p') AND " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"ORDER BY k.conrelid, position(k.contype IN 'pufcx'), k.conname";

enum { I_REL, I_NSP, I_NAME, I_TABLE, I_UNIQUE, I_DEF, I_PRED, I_KEYS, I_OPTS, I_VALID };
static const char q_indexes[] =
	"SELECT i.indrelid, n.nspname, ic.relname, c.relname, i.indisunique, "
	"pg_get_indexdef(i.indexrelid), "
	"CASE WHEN i.indpred IS NOT NULL THEN pg_get_expr(i.indpred, i.indrelid) END, "
	"ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, false) "
	"FROM generate_series(1, i.indnkeyatts) k ORDER BY k), "
	"ARRAY(SELECT i.indoption[k - 1] FROM generate_series(1, i.indnkeyatts) k ORDER BY k), "
	"i.indisvalid AND i.indisready "
	"FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
	"JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE c.relkind IN ('r', 'p', 'm') AND " NSP_OK("n") " "
	"AND " NOT_EXT("pg_class", "c.oid") " AND " NOT_EXT("pg_class", "i.indexrelid") " "
	"AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid "
	"AND k.conrelid = i.indrelid AND k.contype IN ('p', 'u', 'x')) "
	/* indexes of partitions attached to an index of their parent */
	"AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = i.indexrelid) "
	"ORDER BY n.nspname, ic.relname";

enum {
	Y_NSP, Y_NAME, Y_KIND, Y_LABELS, Y_BASE, Y_NOTNULL, Y_DEFAULT, Y_COLLATION,
	Y_CHECK_NAMES, Y_CHECKS, Y_ATT_NAMES, Y_ATT_TYPES, Y_ATT_COLLS, Y_SUBTYPE, Y_SUBDIFF
};
static const char q_types[] =
	"SELECT n.nspname, t.typname, t.typtype, "
	"CASE WHEN t.typtype = 'e' THEN ARRAY(SELECT e.enumlabel FROM pg_enum e "
	"WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) END, "
	"CASE WHEN t.typtype = 'd' THEN format_type(t.typbasetype, t.typtypmod) END, "
	"t.typnotnull, "
	"CASE WHEN t.typtype = 'd' THEN pg_get_expr(t.typdefaultbin, 0) END, "
	"CASE WHEN t.typtype = 'd' THEN (SELECT CASE WHEN cn.nspname IN ('pg_catalog', 'public') "
	"THEN quote_ident(co.collname) ELSE quote_ident(cn.nspname) || '.' || "
	"quote_ident(co.collname) END FROM pg_collation co "
	"JOIN pg_namespace cn ON cn.oid = co.collnamespace "
	"WHERE co.oid = t.typcollation AND t.typcollation <> bt.typcollation) END, "
	"ARRAY(SELECT k.conname FROM pg_constraint k WHERE k.contypid = t.oid "
	"AND k.contype = 'c' ORDER BY k.conname), "
	"ARRAY(SELECT pg_get_expr(k.conbin, 0) FROM pg_constraint k WHERE k.contypid = t.oid "
	"AND k.contype = 'c' ORDER BY k.conname), "
	"ARRAY(SELECT a.attname FROM pg_attribute a WHERE a.attrelid = t.typrelid "
	"AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum), "
	"ARRAY(SELECT format_type(a.atttypid, a.atttypmod) FROM pg_attribute a "
	"WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum), "
	"ARRAY(SELECT coalesce((SELECT CASE WHEN cn.nspname IN ('pg_catalog', 'public') "
	"THEN quote_ident(co.collname) ELSE quote_ident(cn.nspname) || '.' || "
	"quote_ident(co.collname) END FROM pg_collation co "
	"JOIN pg_namespace cn ON cn.oid = co.collnamespace JOIN pg_type aty ON aty.oid = a.atttypid "
	"WHERE co.oid = a.attcollation AND a.attcollation <> aty.typcollation), '') "
	"FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 "
	"AND NOT a.attisdropped ORDER BY a.attnum), "
	"CASE WHEN t.typtype = 'r' THEN format_type(r.rngsubtype, NULL) END, "
	"CASE WHEN r.rngsubdiff <> 0 THEN r.rngsubdiff::regproc::text END "
	"FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
	"LEFT JOIN pg_type bt ON bt.oid = t.typbasetype "
	"LEFT JOIN pg_range r ON r.rngtypid = t.oid "
	"WHERE " NSP_OK("n") " AND " NOT_EXT("pg_type", "t.oid") " "
	"AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND "
	"(SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')) "
	"ORDER BY n.nspname, t.typname";

/* Sequences folded into serial columns are dropped afterwards (by oid). */
enum {
	S_OID, S_NSP, S_NAME, S_TYPE, S_START, S_INC, S_MIN, S_MAX, S_CACHE, S_CYCLE, S_OWNER_REL,
	S_OWNER
};
static const char q_sequences[] =
	"SELECT c.oid, n.nspname, c.relname, s.seqtypid, s.seqstart, s.seqincrement, s.seqmin, "
	"s.seqmax, s.seqcache, s.seqcycle, o.refobjid, o.owner "
	"FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace "
	"LEFT JOIN LATERAL (SELECT od.refobjid, quote_ident(tn.nspname) || '.' || "
	"quote_ident(tc.relname) || '.' || quote_ident(ta.attname) AS owner "
	"FROM pg_depend od JOIN pg_class tc ON tc.oid = od.refobjid "
	"JOIN pg_namespace tn ON tn.oid = tc.relnamespace "
	"JOIN pg_attribute ta ON ta.attrelid = od.refobjid AND ta.attnum = od.refobjsubid "
	"WHERE od.classid = 'pg_class'::regclass AND od.objid = c.oid "
	"AND od.refclassid = 'pg_class'::regclass AND od.deptype = 'a' LIMIT 1) o ON true "
	"WHERE " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"AND NOT " IS_IDENTITY_SEQ("c.oid") " "
	"ORDER BY n.nspname, c.relname";

enum { V_NSP, V_NAME, V_KIND, V_DEF, V_OPTIONS, V_DEPENDS };
static const char q_views[] =
	"SELECT n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid), c.reloptions, "
	"ARRAY(SELECT DISTINCT dn.nspname || '.' || dc.relname FROM pg_rewrite r "
	"JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid "
	"AND d.refclassid = 'pg_class'::regclass "
	"JOIN pg_class dc ON dc.oid = d.refobjid JOIN pg_namespace dn ON dn.oid = dc.relnamespace "
	"WHERE r.ev_class = c.oid AND d.refobjid <> c.oid "
	"AND dc.relkind IN ('r', 'p', 'v', 'm', 'f') AND " NSP_OK("dn") " ORDER BY 1) "
	"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE c.relkind IN ('v', 'm') AND " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"ORDER BY n.nspname, c.relname";

enum { F_NSP, F_NAME, F_ARGS, F_DEF };
static const char q_functions[] =
	"SELECT n.nspname, p.proname, "
	"ARRAY(SELECT format_type(u.t, NULL) FROM unnest(p.proargtypes::oid[]) "
	"WITH ORDINALITY u(t, ord) ORDER BY u.ord), "
	"pg_get_functiondef(p.oid) "
	"FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
	"WHERE p.prokind IN ('f', 'p', 'w') AND " NSP_OK("n") " "
	"AND " NOT_EXT("pg_proc", "p.oid") " AND " NOT_INTERNAL("pg_proc", "p.oid") " "
	"ORDER BY n.nspname, p.proname, p.oid";

enum { G_REL, G_NSP, G_NAME, G_TABLE, G_DEF, G_FNSP, G_FNAME };
/* %s: the condition leaving out triggers cloned onto partitions */
static const char q_triggers[] =
	"SELECT t.tgrelid, n.nspname, t.tgname, c.relname, pg_get_triggerdef(t.oid), "
	"pn.nspname, p.proname "
	"FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace "
	"JOIN pg_proc p ON p.oid = t.tgfoid JOIN pg_namespace pn ON pn.oid = p.pronamespace "
	"WHERE NOT t.tgisinternal AND %s AND " NSP_OK("n") " "
	"AND " NOT_EXT("pg_class", "c.oid") " AND " NOT_EXT("pg_trigger", "t.oid") " "
	"ORDER BY n.nspname, t.tgname, c.relname";

enum { P_REL, P_NSP, P_TABLE, P_NAME, P_PERMISSIVE, P_CMD, P_ROLES, P_USING, P_CHECK };
static const char q_policies[] =
	"SELECT pol.polrelid, n.nspname, c.relname, pol.polname, pol.polpermissive, pol.polcmd, "
	"ARRAY(SELECT CASE WHEN u.r = 0 THEN 'public' ELSE quote_ident(pg_get_userbyid(u.r)) END "
	"FROM unnest(pol.polroles) u(r) ORDER BY 1), "
	"pg_get_expr(pol.polqual, pol.polrelid), pg_get_expr(pol.polwithcheck, pol.polrelid) "
	"FROM pg_policy pol JOIN pg_class c ON c.oid = pol.polrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"ORDER BY n.nspname, c.relname, pol.polname";

/*
 * Comments: one row per described object. code says what it is on:
 * T table, V view, M materialized view, I index, S sequence, c column (rk
 * the relkind of its relation), E enum, Y other type, D domain, F function,
 * P procedure, N schema, G trigger, L policy, K constraint of a table, k of
 * a domain.
 * qnsp/qobj/qsub are quote_ident'ed; nsp/obj raw; rel the table's oid (the
 * sequence's for S, so that folded ones are left out).
 */
enum { M_CODE, M_NSP, M_OBJ, M_QNSP, M_QOBJ, M_QSUB, M_ARGS, M_RK, M_REL, M_TEXT };
static const char q_comments[] =
	"SELECT x.code, x.nsp, x.obj, quote_ident(x.nsp), quote_ident(x.obj), "
	"quote_ident(x.sub), x.args, x.rk, x.rel, x.description FROM ("
	/* relations and their columns */
	"SELECT CASE WHEN d.objsubid <> 0 THEN 'c' WHEN c.relkind IN ('r', 'p') THEN 'T' "
	"WHEN c.relkind = 'v' THEN 'V' WHEN c.relkind = 'm' THEN 'M' "
	"WHEN c.relkind IN ('i', 'I') THEN 'I' ELSE 'S' END AS code, "
	"n.nspname AS nsp, c.relname AS obj, a.attname AS sub, NULL::text[] AS args, "
	"c.relkind::text AS rk, "
	"CASE WHEN c.relkind IN ('i', 'I') THEN ix.indrelid ELSE c.oid END AS rel, "
	"d.description "
	"FROM pg_description d JOIN pg_class c ON c.oid = d.objoid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace "
	"LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = d.objsubid "
	"AND d.objsubid <> 0 "
	"LEFT JOIN pg_index ix ON ix.indexrelid = c.oid "
	"WHERE d.classoid = 'pg_class'::regclass "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"AND (c.relkind IN ('r', 'p', 'v', 'm') OR (d.objsubid = 0 AND (c.relkind IN ('i', 'I') "
	"OR (c.relkind = 'S' AND NOT " IS_IDENTITY_SEQ("c.oid") ")))) "
	"AND (d.objsubid = 0 OR a.attname IS NOT NULL) "
	"UNION ALL "
	/* constraints of tables and domains */
	"SELECT CASE WHEN k.conrelid <> 0 THEN 'K' ELSE 'k' END, n.nspname, "
	"coalesce(c.relname, t.typname), k.conname, NULL, NULL, k.conrelid, d.description "
	"FROM pg_description d JOIN pg_constraint k ON k.oid = d.objoid "
	"JOIN pg_namespace n ON n.oid = k.connamespace "
	"LEFT JOIN pg_class c ON c.oid = k.conrelid LEFT JOIN pg_type t ON t.oid = k.contypid "
	"WHERE d.classoid = 'pg_constraint'::regclass "
	"AND " NSP_OK("n") " AND k.conparentid = 0 "
	"AND " NOT_EXT("pg_class", "k.conrelid") " AND " NOT_EXT("pg_type", "k.contypid") " "
	"UNION ALL "
	/* functions and procedures */
	"SELECT CASE WHEN p.prokind = 'p' THEN 'P' ELSE 'F' END, n.nspname, p.proname, NULL, "
	"ARRAY(SELECT format_type(u.t, NULL) FROM unnest(p.proargtypes::oid[]) "
	"WITH ORDINALITY u(t, ord) ORDER BY u.ord), NULL, 0::oid, d.description "
	"FROM pg_description d JOIN pg_proc p ON p.oid = d.objoid "
	"JOIN pg_namespace n ON n.oid = p.pronamespace "
	"WHERE d.classoid = 'pg_proc'::regclass AND d.objsubid = 0 "
	"AND p.prokind IN ('f', 'p', 'w') AND " NSP_OK("n") " AND " NOT_EXT("pg_proc", "p.oid") " "
	"AND " NOT_INTERNAL("pg_proc", "p.oid") " "
	"UNION ALL "
	/* enums, domains, composite and range types */
	"SELECT CASE t.typtype WHEN 'd' THEN 'D' WHEN 'e' THEN 'E' ELSE 'Y' END, n.nspname, "
	"t.typname, NULL, "
	"NULL, NULL, 0::oid, d.description "
	"FROM pg_description d JOIN pg_type t ON t.oid = d.objoid "
	"JOIN pg_namespace n ON n.oid = t.typnamespace "
	"WHERE d.classoid = 'pg_type'::regclass AND d.objsubid = 0 "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_type", "t.oid") " "
	"AND (t.typtype IN ('e', 'd', 'r') OR (t.typtype = 'c' AND "
	"(SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c')) "
	"UNION ALL "
	/* schemas (public's own comment from initdb aside) */
	"SELECT 'N', n.nspname, n.nspname, NULL, NULL, NULL, 0::oid, d.description "
	"FROM pg_description d JOIN pg_namespace n ON n.oid = d.objoid "
	"WHERE d.classoid = 'pg_namespace'::regclass "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_namespace", "n.oid") " "
	"AND NOT (n.nspname = 'public' AND d.description = 'standard public schema') "
	"UNION ALL "
	/* triggers */
	"SELECT 'G', n.nspname, c.relname, t.tgname, NULL, NULL, c.oid, d.description "
	"FROM pg_description d JOIN pg_trigger t ON t.oid = d.objoid "
	"JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE d.classoid = 'pg_trigger'::regclass AND NOT t.tgisinternal "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"UNION ALL "
	/* policies */
	"SELECT 'L', n.nspname, c.relname, pol.polname, NULL, NULL, c.oid, d.description "
	"FROM pg_description d JOIN pg_policy pol ON pol.oid = d.objoid "
	"JOIN pg_class c ON c.oid = pol.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE d.classoid = 'pg_policy'::regclass "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	") x ORDER BY 1, 2, 3, 6";

/*
 * Grants: one row per (relation or column, grantee) holding privileges;
 * grantee 0 is PUBLIC. def is the privileges in the catalog's order, each
 * with " WITH GRANT OPTION" when grantable. The owner's privileges are not
 * managed: each relation gives one row for its owner marked own (def NULL),
 * an implicit grant that a declared grant to the owner finds in place.
 */
#define GRANT_ORDER                                                                        \
	"array_position(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', "          \
	"'REFERENCES', 'TRIGGER', 'USAGE'], g.privilege_type)"
#define GRANTEE_TEXT                                                                       \
	"CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END"
/* The table a sequence (x.rel) belongs to, for those folded into serial columns. */
#define SEQ_OWNER(what)                                                                    \
	"(SELECT " what " FROM pg_depend od JOIN pg_class tc ON tc.oid = od.refobjid "       \
	"WHERE x.rk = 'S' AND od.classid = 'pg_class'::regclass AND od.objid = x.rel "        \
	"AND od.refclassid = 'pg_class'::regclass AND od.deptype = 'a' LIMIT 1)"
enum { R_REL, R_RK, R_NSP, R_OBJ, R_QNSP, R_QOBJ, R_QCOL, R_GRANTEE, R_DEF, R_OWNREL, R_OWNER, R_OWN };
static const char q_grants[] =
	"SELECT x.rel, x.rk, x.nsp, x.obj, quote_ident(x.nsp), quote_ident(x.obj), "
	"quote_ident(x.col), x.grantee, "
	"string_agg(x.priv || CASE WHEN x.gr THEN ' WITH GRANT OPTION' ELSE '' END, ', ' "
	"ORDER BY x.ord), " SEQ_OWNER("tc.oid") ", " SEQ_OWNER("tc.relname") ", bool_or(x.own) "
	"FROM ("
	/* relations */
	"SELECT c.oid AS rel, c.relkind::text AS rk, n.nspname AS nsp, c.relname AS obj, "
	"NULL::name AS col, " GRANTEE_TEXT " AS grantee, g.privilege_type AS priv, "
	"bool_or(g.is_grantable) AS gr, " GRANT_ORDER " AS ord, false AS own "
	"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) g "
	"WHERE c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
	"AND g.grantee <> c.relowner AND " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"AND NOT (c.relkind = 'S' AND " IS_IDENTITY_SEQ("c.oid") ") "
	"GROUP BY 1, 2, 3, 4, 5, 6, 7 "
	"UNION ALL "
	/* owners */
	"SELECT c.oid, c.relkind::text, n.nspname, c.relname, NULL, "
	"quote_ident(pg_get_userbyid(c.relowner)), NULL, false, 0, true "
	"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"AND NOT (c.relkind = 'S' AND " IS_IDENTITY_SEQ("c.oid") ") "
	"UNION ALL "
	/* columns */
	"SELECT c.oid, c.relkind::text, n.nspname, c.relname, a.attname, " GRANTEE_TEXT ", "
	"g.privilege_type, bool_or(g.is_grantable), " GRANT_ORDER ", false "
	"FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(a.attacl) g "
	"WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped "
	"AND c.relkind IN ('r', 'p', 'v', 'm', 'f') "
	"AND g.grantee <> c.relowner AND " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"GROUP BY 1, 2, 3, 4, 5, 6, 7"
	") x WHERE x.ord IS NOT NULL "
	"GROUP BY x.rel, x.rk, x.nsp, x.obj, x.col, x.grantee "
	"ORDER BY x.nsp, x.obj, x.col NULLS FIRST, x.grantee";

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

/* The sticky failure (sticky.h). */
#define fail(x, rc) plumb__pg_fail(&(x)->st, (rc))
#define nomem(x) plumb__pg_nomem(&(x)->st)
#define alloc(x, size) plumb__pg_alloc(&(x)->st, (size))
#define dup(x, s) plumb__pg_dup(&(x)->st, (s))
#define push(x, v, p) plumb__pg_push(&(x)->st, (v), (p))

#define MEMO_BUCKETS 4096

typedef struct memo {
	struct memo *next;
	int kind;
	const char *in, *out;
} memo;

/* Formatted text in the catalog's arena; "" once something failed. */
static char *fmt(ictx *x, const char *f, ...) __attribute__((format(printf, 2, 3)));
static char *fmt(ictx *x, const char *f, ...)
{
	va_list ap;
	if (x->st.rc)
		return "";
	va_start(ap, f);
	char *s = plumb_arena_vprintf(x->st.arena, f, ap);
	va_end(ap);
	if (!s)
		nomem(x);
	return s ? s : "";
}

/* Names the object being read, for the detail of an error. */
static void at(ictx *x, const char *f, ...) __attribute__((format(printf, 2, 3)));
static void at(ictx *x, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	x->obj = x->st.rc ? NULL : plumb_arena_vprintf(x->tmp, f, ap);
	va_end(ap);
}

static int run(ictx *x, const char *what, const char *sql, PGresult **out)
{
	*out = NULL;
	if (x->st.rc)
		return x->st.rc;
	n_queries++;
	int rc = plumb__pg_query(x->st.ctx, x->tmp, x->c, what, sql, 0, NULL, out);
	fail(x, rc);
	return rc;
}

/* A field of r; NULL for SQL NULL. Valid while the result lives (tmp). */
static const char *val(PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

static bool flag(PGresult *r, int row, int col)
{
	const char *v = val(r, row, col);
	return v && v[0] == 't';
}

static long long num(PGresult *r, int row, int col)
{
	const char *v = val(r, row, col);
	return v ? strtoll(v, NULL, 10) : 0;
}

enum canon_kind { CANON_TYPE, CANON_EXPR, CANON_STMT };

static size_t memo_hash(int kind, const char *s)
{
	size_t h = 1469598103934665603ULL ^ (size_t)kind; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h % MEMO_BUCKETS;
}

/* The canonical text of s (NULL for NULL), in the catalog's arena. */
static const char *canon(ictx *x, enum canon_kind k, const char *s)
{
	char *out = NULL;
	int rc;
	memo **bucket = NULL;
	if (!s || x->st.rc)
		return NULL;
	if (k != CANON_STMT) {
		if (!x->memo && !(x->memo = plumb_arena_alloc(x->tmp, MEMO_BUCKETS * sizeof(memo *)))) {
			fail(x, plumb_error_nomem(x->st.ctx));
			return NULL;
		}
		bucket = &x->memo[memo_hash((int)k, s)];
		for (const memo *m = *bucket; m; m = m->next)
			if (m->kind == (int)k && strcmp(m->in, s) == 0)
				return m->out;
	}
	switch (k) {
	case CANON_TYPE:
		rc = plumb__pg_canon_type(x->st.ctx, x->st.arena, s, &out);
		break;
	case CANON_EXPR:
		rc = plumb__pg_canon_expr(x->st.ctx, x->st.arena, s, &out);
		break;
	default:
		rc = plumb__pg_canon_stmt(x->st.ctx, x->st.arena, s, &out);
		break;
	}
	if (rc < 0) {
		if (x->obj)
			plumb_error_add_detail(x->st.ctx, "while reading %s", x->obj);
		fail(x, rc);
		return NULL;
	}
	if (bucket) {
		memo *m = plumb_arena_alloc(x->tmp, sizeof(*m));
		if (!m || !(m->in = plumb_arena_strdup(x->tmp, s))) {
			fail(x, plumb_error_nomem(x->st.ctx));
			return NULL;
		}
		m->kind = (int)k;
		m->out = out;
		m->next = *bucket;
		*bucket = m;
	}
	return out;
}

int plumb__pg_parse_array(plumb_ctx *ctx, plumb_arena *arena, plumb_arena *tmp, const char *s,
			  plumb_vec *out)
{
	plumb_buf b;
	if (!s || *s != '{')
		return 0;
	s++;
	while (*s && *s != '}') {
		bool quoted = *s == '"';
		plumb_buf_init(&b, tmp, 0);
		if (quoted) {
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && s[1])
					s++;
				plumb_buf_putc(&b, *s);
			}
			if (*s == '"')
				s++;
		} else {
			while (*s && *s != ',' && *s != '}')
				plumb_buf_putc(&b, *s++);
		}
		int rc = plumb_buf_finish(&b, ctx);
		if (rc < 0)
			return rc;
		bool null = !quoted && strcmp(b.data, "NULL") == 0;
		char *item = null ? NULL : plumb_arena_strdup(arena, b.data);
		if ((!null && !item) || plumb_vec_push(arena, out, item) < 0)
			return plumb_error_nomem(ctx);
		if (*s == ',')
			s++;
	}
	return 0;
}

/* plumb__pg_parse_array into the catalog's arena, the failure kept. */
static void parse_array(ictx *x, const char *s, plumb_vec *out)
{
	int rc;
	if (!x->st.rc && (rc = plumb__pg_parse_array(x->st.ctx, x->st.arena, x->tmp, s, out)) < 0)
		fail(x, rc);
}

/* An array field as const char ** with its count. */
static const char **array(ictx *x, PGresult *r, int row, int col, size_t *n)
{
	plumb_vec v = {0};
	parse_array(x, val(r, row, col), &v);
	*n = v.n;
	return (const char **)v.items;
}

static rel *find_rel(ictx *x, const char *oid_text)
{
	unsigned long oid = oid_text ? strtoul(oid_text, NULL, 10) : 0;
	size_t lo = 0, hi = x->n_rels;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->rels[mid].oid == oid)
			return &x->rels[mid];
		if (x->rels[mid].oid < oid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* False when the object hangs on a table left out. */
static bool rel_kept(ictx *x, const char *oid_text)
{
	rel *r = find_rel(x, oid_text);
	return !r || r->t;
}

static int cmp_oid(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
	return x < y ? -1 : x > y;
}

static void add_folded(ictx *x, const char *oid_text)
{
	if (x->st.rc || !oid_text)
		return;
	if (x->n_folded == x->cap_folded) {
		size_t cap = x->cap_folded ? 2 * x->cap_folded : 64;
		unsigned long *p = plumb_arena_realloc(x->tmp, x->folded,
						       x->cap_folded * sizeof(*p), cap * sizeof(*p));
		if (!p) {
			nomem(x);
			return;
		}
		x->folded = p;
		x->cap_folded = cap;
	}
	x->folded[x->n_folded++] = strtoul(oid_text, NULL, 10);
}

static bool is_folded(ictx *x, const char *oid_text)
{
	unsigned long oid = oid_text ? strtoul(oid_text, NULL, 10) : 0;
	return x->n_folded &&
	       bsearch(&oid, x->folded, x->n_folded, sizeof(oid), cmp_oid) != NULL;
}

static bool tracking_table(const char *schema, const char *name)
{
	return (strcmp(schema, "public") == 0 && strcmp(name, PLUMB_TRACKING_TABLE) == 0) ||
	       (strcmp(schema, "drizzle") == 0 && strcmp(name, "__drizzle_migrations") == 0);
}

static plumb_object *new_object(ictx *x, plumb_obj_kind kind, const char *schema,
				const char *name)
{
	plumb_object *o = alloc(x, sizeof(*o));
	if (!o)
		return NULL;
	o->kind = kind;
	o->schema = dup(x, schema);
	o->name = dup(x, name);
	push(x, &x->cat->objects, o);
	return x->st.rc ? NULL : o;
}

/* "schema"."name", quoted, in the catalog's arena; "" once something failed. */
static const char *qname(ictx *x, const char *schema, const char *name)
{
	if (x->st.rc)
		return "";
	char *s = plumb__pg_qualified(x->st.arena, schema, name);
	if (!s)
		nomem(x);
	return s ? s : "";
}

/* --- schemas, extensions ------------------------------------------------ */

static void read_schemas(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read schemas", q_schemas, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *name = val(r, i, 0);
		plumb_object *o = new_object(x, PLUMB_OBJ_SCHEMA, NULL, name);
		if (!o)
			return;
		o->definition = o->name;
		o->sql = fmt(x, "CREATE SCHEMA %s", qname(x, NULL, name));
	}
}

static void read_extensions(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read extensions", q_extensions, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *name = val(r, i, 0), *schema = val(r, i, 1);
		plumb_object *o = new_object(x, PLUMB_OBJ_EXTENSION, schema, name);
		if (!o)
			return;
		o->version = dup(x, val(r, i, 2));
		bool pub = strcmp(schema, "public") == 0;
		o->definition = pub ? o->name : fmt(x, "%s SCHEMA %s", name, schema);
		o->sql = pub ? fmt(x, "CREATE EXTENSION IF NOT EXISTS %s", qname(x, NULL, name))
			     : fmt(x, "CREATE EXTENSION IF NOT EXISTS %s SCHEMA %s",
				   qname(x, NULL, name), qname(x, NULL, schema));
	}
}

static void read_collations(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read collations", q_collations, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *schema = val(r, i, L_NSP), *name = val(r, i, L_NAME);
		plumb_object *o = new_object(x, PLUMB_OBJ_COLLATION, schema, name);
		if (!o)
			return;
		plumb_pg_collation c = {
			.provider = val(r, i, L_PROVIDER)[0],
			.collate = val(r, i, L_COLLATE),
			.ctype = val(r, i, L_CTYPE),
			.locale = val(r, i, L_LOCALE),
			.deterministic = flag(r, i, L_DETERMINISTIC),
		};
		o->sql = plumb__pg_collation_define(x->st.arena, schema, name, &c);
		if (!o->sql)
			nomem(x);
		o->definition = o->sql;
	}
}

/* --- tables, columns, constraints --------------------------------------- */

static void read_tables(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read tables", q_tables, &r) < 0)
		return;
	int n = PQntuples(r);
	x->rels = plumb_arena_alloc(x->tmp, sizeof(*x->rels) * (size_t)(n ? n : 1));
	if (!x->rels)
		nomem(x);
	for (int i = 0; i < n && !x->st.rc; i++) {
		const char *schema = val(r, i, T_NSP), *name = val(r, i, T_NAME);
		rel *e = &x->rels[x->n_rels++];
		e->oid = strtoul(val(r, i, T_OID), NULL, 10);
		if (tracking_table(schema, name))
			continue;
		plumb_table *t = alloc(x, sizeof(*t));
		if (!t)
			return;
		t->schema = dup(x, schema);
		t->name = dup(x, name);
		t->unlogged = flag(r, i, T_UNLOGGED);
		t->rls_enabled = flag(r, i, T_RLS);
		t->rls_forced = flag(r, i, T_FORCE);
		t->partition_by = dup(x, val(r, i, T_PARTKEY));
		t->partition_of = dup(x, val(r, i, T_PARENT));
		t->partition_bound = dup(x, val(r, i, T_BOUND));
		parse_array(x, val(r, i, T_INHERITS), &t->inherits);
		push(x, &x->cat->tables, t);
		e->t = t;
	}
}

static long long type_max(long long typid)
{
	return typid == 21 ? 32767 : typid == 23 ? 2147483647LL : 9223372036854775807LL;
}

static long long type_min(long long typid)
{
	return -type_max(typid) - 1;
}

/* Sequence options that differ from the defaults of a sequence of type
 * typid (as CREATE SEQUENCE and identity columns take them), in the order
 * pg_dump writes them; "" when all are defaults. Fields start at col:
 * start, increment, min, max, cache, cycle. */
static char *seq_options(ictx *x, PGresult *r, int row, int col, long long typid)
{
	long long start = num(r, row, col), inc = num(r, row, col + 1);
	long long min = num(r, row, col + 2), max = num(r, row, col + 3);
	long long cache = num(r, row, col + 4);
	bool cycle = flag(r, row, col + 5);
	long long dmin = inc > 0 ? 1 : type_min(typid), dmax = inc > 0 ? type_max(typid) : -1;
	plumb_buf b;
	plumb_buf_init(&b, x->st.arena, 0);
	if (start != (inc > 0 ? min : max))
		plumb_buf_printf(&b, " START WITH %lld", start);
	if (inc != 1)
		plumb_buf_printf(&b, " INCREMENT BY %lld", inc);
	if (min != dmin)
		plumb_buf_printf(&b, " MINVALUE %lld", min);
	if (max != dmax)
		plumb_buf_printf(&b, " MAXVALUE %lld", max);
	if (cache != 1)
		plumb_buf_printf(&b, " CACHE %lld", cache);
	if (cycle)
		plumb_buf_puts(&b, " CYCLE");
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return NULL;
	}
	return b.len ? b.data + 1 : b.data;
}

static const char *serial_type(const char *type)
{
	if (strcmp(type, "smallint") == 0)
		return "smallserial";
	if (strcmp(type, "integer") == 0)
		return "serial";
	return "bigserial";
}

static void read_columns(ictx *x)
{
	PGresult *r;
	rel *cur = NULL;
	const char *cur_oid = "";
	if (run(x, "could not read columns", q_columns, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *oid = val(r, i, C_REL);
		if (strcmp(oid, cur_oid) != 0) {
			cur = find_rel(x, oid);
			cur_oid = oid;
		}
		if (flag(r, i, C_SERIAL))
			add_folded(x, val(r, i, C_SEQ));
		if (!cur || !cur->t)
			continue;
		plumb_column *col = alloc(x, sizeof(*col));
		if (!col)
			return;
		col->name = dup(x, val(r, i, C_NAME));
		at(x, "column %s.%s.%s", cur->t->schema, cur->t->name, col->name);
		col->type = canon(x, CANON_TYPE, val(r, i, C_TYPE));
		col->not_null = flag(r, i, C_NOTNULL);
		col->collation = dup(x, val(r, i, C_COLLATION));
		col->inherited = flag(r, i, C_INHERITED);
		const char *ident = val(r, i, C_IDENTITY);
		if (flag(r, i, C_SERIAL)) {
			col->type = col->type ? serial_type(col->type) : NULL;
		} else {
			col->default_sql = canon(x, CANON_EXPR, val(r, i, C_DEFAULT));
		}
		if (ident && *ident) {
			col->identity = ident[0] == 'a' ? "ALWAYS" : "BY DEFAULT";
			if (val(r, i, C_SEQTYPE)) {
				char *opts = seq_options(x, r, i, C_START, num(r, i, C_SEQTYPE));
				col->identity_options = opts && *opts ? opts : NULL;
			}
		}
		const char *gen = val(r, i, C_GENERATED);
		if (gen) {
			col->generated_sql = canon(x, CANON_EXPR, gen);
			col->generated_stored = true;
		}
		if (x->st.rc)
			return;
		fail(x, plumb__pg_column_define(x->st.ctx, x->st.arena, col));
		push(x, &cur->t->columns, col);
	}
	if (x->n_folded)
		qsort(x->folded, x->n_folded, sizeof(*x->folded), cmp_oid);
}

static const char *fk_action(const char *code)
{
	switch (code ? code[0] : 'a') {
	case 'r':
		return "RESTRICT";
	case 'c':
		return "CASCADE";
	case 'n':
		return "SET NULL";
	case 'd':
		return "SET DEFAULT";
	default:
		return "NO ACTION";
	}
}

/* Skips a quoted identifier or string literal starting at s. */
static const char *skip_quoted(const char *s)
{
	char q = *s++;
	while (*s) {
		if (*s == q) {
			if (s[1] != q)
				return s + 1;
			s++;
		}
		s++;
	}
	return s;
}

/* The first occurrence of keyword kw (upper case, may hold spaces) in s
 * outside quotes, preceded by a space or the start and followed by a space
 * or a parenthesis; NULL when none. */
static const char *find_keyword(const char *s, const char *kw)
{
	size_t n = strlen(kw);
	for (const char *p = s; *p;) {
		if (*p == '"' || *p == '\'') {
			p = skip_quoted(p);
			continue;
		}
		if ((p == s || p[-1] == ' ') && strncasecmp(p, kw, n) == 0 &&
		    (p[n] == ' ' || p[n] == '('))
			return p;
		p++;
	}
	return NULL;
}

/* The canonical "EXCLUDE USING ..." text of a constraint: its definition
 * wrapped in ALTER TABLE ... ADD CONSTRAINT, canonicalised, unwrapped. */
static const char *exclude_text(ictx *x, const plumb_table *t, const char *name, const char *def)
{
	const char *wrapped = fmt(x, "ALTER TABLE %s ADD CONSTRAINT %s %s",
				  qname(x, t->schema, t->name), qname(x, NULL, name), def);
	const char *c = canon(x, CANON_STMT, wrapped);
	if (!c)
		return NULL;
	const char *ex = find_keyword(c, "EXCLUDE");
	return ex ? ex : dup(x, def);
}

static void read_constraints(ictx *x)
{
	PGresult *r;
	rel *cur = NULL;
	const char *cur_oid = "";
	char *sql = plumb_arena_printf(x->tmp, q_constraints,
				       PQserverVersion(x->c->pg) >= 150000
					       ? "coalesce((SELECT ix.indnullsnotdistinct FROM pg_index ix "
						 "WHERE ix.indexrelid = k.conindid), false)"
					       : "false");
	if (!sql) {
		nomem(x);
		return;
	}
	if (run(x, "could not read constraints", sql, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *oid = val(r, i, K_REL);
		if (strcmp(oid, cur_oid) != 0) {
			cur = find_rel(x, oid);
			cur_oid = oid;
		}
		if (!cur || !cur->t)
			continue;
		plumb_table *t = cur->t;
		plumb_constraint *k = alloc(x, sizeof(*k));
		if (!k)
			return;
		k->name = dup(x, val(r, i, K_NAME));
		at(x, "constraint %s on %s.%s", k->name, t->schema, t->name);
		k->columns = array(x, r, i, K_COLS, &k->n_columns);
		k->deferrable = flag(r, i, K_DEFERRABLE);
		k->initially_deferred = flag(r, i, K_DEFERRED);
		k->not_valid = !flag(r, i, K_VALID);
		switch (val(r, i, K_TYPE)[0]) {
		case 'p':
			k->kind = PLUMB_CON_PRIMARY_KEY;
			for (size_t j = 0; j < k->n_columns && !x->st.rc; j++) {
				plumb_column *col = plumb_table_find_column(x->cat, t, k->columns[j]);
				if (col)
					col->pk_position = (int)j + 1;
			}
			break;
		case 'u':
			k->kind = PLUMB_CON_UNIQUE;
			if (flag(r, i, K_NND))
				k->check_sql = "NULLS NOT DISTINCT";
			break;
		case 'c':
			k->kind = PLUMB_CON_CHECK;
			k->check_sql = canon(x, CANON_EXPR, val(r, i, K_CHECK));
			break;
		case 'x':
			k->kind = PLUMB_CON_EXCLUDE;
			k->check_sql = exclude_text(x, t, k->name, val(r, i, K_DEF));
			break;
		default:
			k->kind = PLUMB_CON_FOREIGN_KEY;
			k->ref_schema = dup(x, val(r, i, K_REFNSP));
			k->ref_table = dup(x, val(r, i, K_REFREL));
			k->ref_columns = array(x, r, i, K_REFCOLS, &k->n_ref_columns);
			k->on_update = fk_action(val(r, i, K_UPD));
			k->on_delete = fk_action(val(r, i, K_DEL));
			k->match = val(r, i, K_MATCH)[0] == 'f'	  ? "FULL"
				   : val(r, i, K_MATCH)[0] == 'p' ? "PARTIAL"
								  : "SIMPLE";
			break;
		}
		if (x->st.rc)
			return;
		fail(x, plumb__pg_constraint_define(x->st.ctx, x->st.arena, k));
		push(x, &t->constraints, k);
	}
}

/* --- indexes ------------------------------------------------------------ */

static void read_indexes(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read indexes", q_indexes, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		if (!rel_kept(x, val(r, i, I_REL)))
			continue;
		plumb_index *ix = alloc(x, sizeof(*ix));
		if (!ix)
			return;
		ix->schema = dup(x, val(r, i, I_NSP));
		ix->name = dup(x, val(r, i, I_NAME));
		ix->table = dup(x, val(r, i, I_TABLE));
		at(x, "index %s.%s", ix->schema, ix->name);
		ix->unique = flag(r, i, I_UNIQUE);
		ix->sql = dup(x, val(r, i, I_DEF));
		/* an index of a partitioned table: pg_get_indexdef writes ON ONLY,
		 * which would leave the partitions without theirs */
		char *only = ix->sql ? (char *)find_keyword(ix->sql, "ON ONLY") : NULL;
		if (only)
			memmove(only + 3, only + 8, strlen(only + 8) + 1);
		ix->definition = canon(x, CANON_STMT, ix->sql);
		/* an interrupted CREATE INDEX CONCURRENTLY: no schema's index is this one */
		ix->invalid = !flag(r, i, I_VALID);
		if (ix->invalid && ix->definition)
			ix->definition = fmt(x, "%s /* INVALID */", ix->definition);
		ix->where_sql = canon(x, CANON_EXPR, val(r, i, I_PRED));
		size_t n_keys = 0, n_opts = 0;
		const char **keys = array(x, r, i, I_KEYS, &n_keys);
		const char **opts = array(x, r, i, I_OPTS, &n_opts);
		for (size_t j = 0; j < n_keys && !x->st.rc; j++) {
			const char *k = canon(x, CANON_EXPR, keys[j]);
			long o = j < n_opts && opts[j] ? strtol(opts[j], NULL, 10) : 0;
			bool desc = o & 1, nulls_first = o & 2;
			if (desc || nulls_first)
				k = fmt(x, "%s%s%s", k, desc ? " DESC" : "",
					desc && !nulls_first   ? " NULLS LAST"
					: !desc && nulls_first ? " NULLS FIRST"
							       : "");
			push(x, &ix->keys, (void *)k);
		}
		push(x, &x->cat->indexes, ix);
	}
}

/* --- types, sequences ---------------------------------------------------- */

/* o's statement, written in b, and its canonical text. */
static void set_stmt(ictx *x, plumb_object *o, plumb_buf *b)
{
	if (x->st.rc)
		return;
	if (plumb_buf_finish(b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return;
	}
	o->sql = b->data;
	o->definition = canon(x, CANON_STMT, o->sql);
}

static void read_types(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read types", q_types, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *schema = val(r, i, Y_NSP), *name = val(r, i, Y_NAME);
		char kind = val(r, i, Y_KIND)[0];
		plumb_object *o = new_object(x, kind == 'e'   ? PLUMB_OBJ_ENUM
						: kind == 'd' ? PLUMB_OBJ_DOMAIN
							      : PLUMB_OBJ_TYPE,
					     schema, name);
		if (!o)
			return;
		at(x, "type %s.%s", schema, name);
		if (kind == 'e') {
			parse_array(x, val(r, i, Y_LABELS), &o->values);
			if (!x->st.rc)
				fail(x, plumb__pg_enum_define(x->st.ctx, x->st.arena, o));
			continue;
		}
		plumb_buf b;
		plumb_buf_init(&b, x->st.arena, 0);
		if (kind == 'd') {
			size_t n_names, n_checks;
			const char **names = array(x, r, i, Y_CHECK_NAMES, &n_names);
			const char **checks = array(x, r, i, Y_CHECKS, &n_checks);
			plumb_buf_printf(&b, "CREATE DOMAIN %s AS %s", qname(x, schema, name),
					 val(r, i, Y_BASE));
			if (val(r, i, Y_COLLATION))
				plumb_buf_printf(&b, " COLLATE %s", val(r, i, Y_COLLATION));
			if (val(r, i, Y_DEFAULT))
				plumb_buf_printf(&b, " DEFAULT %s", val(r, i, Y_DEFAULT));
			if (flag(r, i, Y_NOTNULL))
				plumb_buf_puts(&b, " NOT NULL");
			for (size_t j = 0; j < n_names && j < n_checks && !x->st.rc; j++)
				plumb_buf_printf(&b, " CONSTRAINT %s CHECK (%s)",
						 qname(x, NULL, names[j]), checks[j]);
		} else if (kind == 'c') {
			size_t n_att, n_types, n_colls;
			const char **att = array(x, r, i, Y_ATT_NAMES, &n_att);
			const char **types = array(x, r, i, Y_ATT_TYPES, &n_types);
			const char **colls = array(x, r, i, Y_ATT_COLLS, &n_colls);
			plumb_buf_printf(&b, "CREATE TYPE %s AS (", qname(x, schema, name));
			for (size_t j = 0; j < n_att && j < n_types && !x->st.rc; j++) {
				plumb_buf_printf(&b, "%s%s %s", j ? ", " : "", qname(x, NULL, att[j]),
						 types[j]);
				if (j < n_colls && colls[j] && *colls[j])
					plumb_buf_printf(&b, " COLLATE %s", colls[j]);
			}
			plumb_buf_putc(&b, ')');
		} else {
			plumb_buf_printf(&b, "CREATE TYPE %s AS RANGE (SUBTYPE = %s",
					 qname(x, schema, name), val(r, i, Y_SUBTYPE));
			if (val(r, i, Y_SUBDIFF))
				plumb_buf_printf(&b, ", SUBTYPE_DIFF = %s", val(r, i, Y_SUBDIFF));
			plumb_buf_putc(&b, ')');
		}
		set_stmt(x, o, &b);
	}
}

static void read_sequences(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read sequences", q_sequences, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		if (is_folded(x, val(r, i, S_OID)) ||
		    (val(r, i, S_OWNER_REL) && !rel_kept(x, val(r, i, S_OWNER_REL))))
			continue;
		const char *schema = val(r, i, S_NSP), *name = val(r, i, S_NAME);
		plumb_object *o = new_object(x, PLUMB_OBJ_SEQUENCE, schema, name);
		if (!o)
			return;
		at(x, "sequence %s.%s", schema, name);
		long long typid = num(r, i, S_TYPE);
		const char *opts = seq_options(x, r, i, S_START, typid);
		plumb_buf b;
		plumb_buf_init(&b, x->st.arena, 0);
		plumb_buf_printf(&b, "CREATE SEQUENCE %s", qname(x, schema, name));
		if (typid != 20)
			plumb_buf_printf(&b, " AS %s", typid == 21 ? "smallint" : "integer");
		if (opts && *opts)
			plumb_buf_printf(&b, " %s", opts);
		if (val(r, i, S_OWNER))
			plumb_buf_printf(&b, " OWNED BY %s", val(r, i, S_OWNER));
		set_stmt(x, o, &b);
	}
}

/* --- views -------------------------------------------------------------- */

char *plumb__pg_view_body(plumb_arena *arena, const char *def)
{
	while (*def == ' ' || *def == '\n' || *def == '\t')
		def++;
	size_t n = strlen(def);
	while (n && (def[n - 1] == ';' || def[n - 1] == ' ' || def[n - 1] == '\n'))
		n--;
	return plumb_arena_strndup(arena, def, n);
}

static char *view_body(ictx *x, const char *def)
{
	char *s = plumb__pg_view_body(x->st.arena, def);
	if (!s)
		nomem(x);
	return s;
}

/* Views in an order where what a view reads comes first (depth first over
 * the name order the query gave). */
static void order_views(ictx *x)
{
	size_t n = x->cat->views.n;
	plumb_view **in = (plumb_view **)x->cat->views.items;
	char *state = plumb_arena_alloc(x->tmp, n + 1); /* 0 new, 1 visiting, 2 placed */
	size_t *stack = plumb_arena_alloc(x->tmp, sizeof(*stack) * (n + 1));
	size_t *next = plumb_arena_alloc(x->tmp, sizeof(*next) * (n + 1));
	plumb_view **out = plumb_arena_alloc(x->st.arena, sizeof(*out) * (n + 1));
	size_t n_out = 0;
	if (!state || !stack || !next || !out) {
		nomem(x);
		return;
	}
	for (size_t root = 0; root < n; root++) {
		if (state[root])
			continue;
		size_t sp = 0;
		stack[sp++] = root;
		state[root] = 1;
		next[root] = 0;
		while (sp) {
			size_t v = stack[sp - 1];
			bool pushed = false;
			while (next[v] < in[v]->depends.n && !pushed) {
				const char *dep = in[v]->depends.items[next[v]++];
				for (size_t j = 0; j < n; j++) {
					if (state[j] || !strchr(dep, '.'))
						continue;
					size_t sl = strlen(in[j]->schema);
					if (strncmp(dep, in[j]->schema, sl) == 0 && dep[sl] == '.' &&
					    strcmp(dep + sl + 1, in[j]->name) == 0) {
						state[j] = 1;
						next[j] = 0;
						stack[sp++] = j;
						pushed = true;
						break;
					}
				}
			}
			if (!pushed) {
				state[v] = 2;
				out[n_out++] = in[v];
				sp--;
			}
		}
	}
	x->cat->views.items = (void **)out;
	x->cat->views.cap = n + 1;
}

static void read_views(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read views", q_views, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		plumb_view *v = alloc(x, sizeof(*v));
		if (!v)
			return;
		v->schema = dup(x, val(r, i, V_NSP));
		v->name = dup(x, val(r, i, V_NAME));
		at(x, "view %s.%s", v->schema, v->name);
		v->materialized = val(r, i, V_KIND)[0] == 'm';
		parse_array(x, val(r, i, V_DEPENDS), &v->depends);
		/* view options; check_option becomes WITH ... CHECK OPTION */
		size_t n_opts = 0;
		const char **opts = array(x, r, i, V_OPTIONS, &n_opts);
		const char *check = NULL;
		plumb_buf with;
		plumb_buf_init(&with, x->tmp, 0);
		for (size_t j = 0; j < n_opts && !x->st.rc; j++) {
			if (!opts[j])
				continue;
			if (strncmp(opts[j], "check_option=", 13) == 0) {
				check = opts[j] + 13;
				continue;
			}
			plumb_buf_puts(&with, with.len ? ", " : " WITH (");
			plumb_buf_puts(&with, opts[j]);
		}
		if (with.len)
			plumb_buf_putc(&with, ')');
		if (plumb_buf_finish(&with, x->st.ctx) < 0) {
			fail(x, PLUMB_ENOMEM);
			return;
		}
		const char *body = view_body(x, val(r, i, V_DEF));
		v->sql = fmt(x, "CREATE %sVIEW %s%s AS %s%s%s%s", v->materialized ? "MATERIALIZED " : "",
			     qname(x, v->schema, v->name), with.data, body, check ? " WITH " : "",
			     check ? (strcmp(check, "local") == 0 ? "LOCAL" : "CASCADED") : "",
			     check ? " CHECK OPTION" : "");
		v->definition = canon(x, CANON_STMT, v->sql);
		push(x, &x->cat->views, v);
	}
	if (!x->st.rc)
		order_views(x);
}

/* --- functions, triggers, policies --------------------------------------- */

/* "name(type, type)" with canonical argument types. */
static const char *function_name(ictx *x, const char *name, const char **args, size_t n)
{
	plumb_buf b;
	plumb_buf_init(&b, x->st.arena, 0);
	plumb_buf_printf(&b, "%s(", name);
	for (size_t j = 0; j < n && !x->st.rc; j++) {
		plumb_buf_puts(&b, j ? ", " : "");
		plumb_buf_puts(&b, canon(x, CANON_TYPE, args[j]));
	}
	plumb_buf_putc(&b, ')');
	if (x->st.rc)
		return NULL;
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return NULL;
	}
	return b.data;
}

static void read_functions(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read functions", q_functions, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *schema = val(r, i, F_NSP);
		at(x, "function %s.%s", schema, val(r, i, F_NAME));
		size_t n_args;
		const char **args = array(x, r, i, F_ARGS, &n_args);
		const char *name = function_name(x, val(r, i, F_NAME), args, n_args);
		if (!name)
			return;
		plumb_object *o = new_object(x, PLUMB_OBJ_FUNCTION, schema, name);
		if (!o)
			return;
		o->sql = dup(x, val(r, i, F_DEF));
		o->definition = canon(x, CANON_STMT, o->sql);
	}
}

static void read_triggers(ictx *x)
{
	PGresult *r;
	char *sql = plumb_arena_printf(x->tmp, q_triggers,
				       PQserverVersion(x->c->pg) >= 130000 ? "t.tgparentid = 0" : "true");
	if (!sql) {
		nomem(x);
		return;
	}
	if (run(x, "could not read triggers", sql, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		if (!rel_kept(x, val(r, i, G_REL)))
			continue;
		plumb_trigger *tg = alloc(x, sizeof(*tg));
		if (!tg)
			return;
		tg->schema = dup(x, val(r, i, G_NSP));
		tg->name = dup(x, val(r, i, G_NAME));
		tg->table = dup(x, val(r, i, G_TABLE));
		at(x, "trigger %s on %s.%s", tg->name, tg->schema, tg->table);
		tg->sql = dup(x, val(r, i, G_DEF));
		tg->definition = canon(x, CANON_STMT, tg->sql);
		if (strcmp(val(r, i, G_FNSP), "pg_catalog") != 0)
			push(x, &tg->depends, fmt(x, "%s.%s", val(r, i, G_FNSP), val(r, i, G_FNAME)));
		push(x, &x->cat->triggers, tg);
	}
}

static const char *policy_cmd(char c)
{
	switch (c) {
	case 'r':
		return "SELECT";
	case 'a':
		return "INSERT";
	case 'w':
		return "UPDATE";
	case 'd':
		return "DELETE";
	default:
		return "ALL";
	}
}

static void read_policies(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read policies", q_policies, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		if (!rel_kept(x, val(r, i, P_REL)))
			continue;
		const char *schema = val(r, i, P_NSP), *table = val(r, i, P_TABLE);
		plumb_object *o = new_object(x, PLUMB_OBJ_POLICY, schema, val(r, i, P_NAME));
		if (!o)
			return;
		o->table = dup(x, table);
		at(x, "policy %s on %s.%s", o->name, schema, table);
		size_t n_roles;
		const char **roles = array(x, r, i, P_ROLES, &n_roles);
		plumb_buf b;
		plumb_buf_init(&b, x->st.arena, 0);
		plumb_buf_printf(&b, "CREATE POLICY %s ON %s AS %s FOR %s TO ",
				 qname(x, NULL, o->name), qname(x, schema, table),
				 flag(r, i, P_PERMISSIVE) ? "PERMISSIVE" : "RESTRICTIVE",
				 policy_cmd(val(r, i, P_CMD)[0]));
		for (size_t j = 0; j < n_roles; j++)
			plumb_buf_printf(&b, "%s%s", j ? ", " : "", roles[j] ? roles[j] : "public");
		if (!n_roles)
			plumb_buf_puts(&b, "public");
		if (val(r, i, P_USING))
			plumb_buf_printf(&b, " USING (%s)", val(r, i, P_USING));
		if (val(r, i, P_CHECK))
			plumb_buf_printf(&b, " WITH CHECK (%s)", val(r, i, P_CHECK));
		set_stmt(x, o, &b);
	}
}

/* --- comments ------------------------------------------------------------ */

static void read_comments(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read comments", q_comments, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		char code = val(r, i, M_CODE)[0];
		const char *nsp = val(r, i, M_NSP), *obj = val(r, i, M_OBJ);
		const char *qn = val(r, i, M_QNSP), *qo = val(r, i, M_QOBJ), *qs = val(r, i, M_QSUB);
		const char *rk = val(r, i, M_RK), *name = NULL, *schema = nsp, *table = NULL;
		plumb_obj_kind target = PLUMB_OBJ_TABLE;
		if (val(r, i, M_REL) && !rel_kept(x, val(r, i, M_REL)))
			continue;
		if (code == 'S' && is_folded(x, val(r, i, M_REL)))
			continue;
		switch (code) {
		case 'T':
			name = fmt(x, "TABLE %s.%s", qn, qo);
			break;
		case 'V':
			name = fmt(x, "VIEW %s.%s", qn, qo);
			target = PLUMB_OBJ_VIEW;
			break;
		case 'M':
			name = fmt(x, "MATERIALIZED VIEW %s.%s", qn, qo);
			target = PLUMB_OBJ_VIEW;
			break;
		case 'I':
			name = fmt(x, "INDEX %s.%s", qn, qo);
			target = PLUMB_OBJ_INDEX;
			break;
		case 'S':
			name = fmt(x, "SEQUENCE %s.%s", qn, qo);
			target = PLUMB_OBJ_SEQUENCE;
			break;
		case 'c':
			name = fmt(x, "COLUMN %s.%s.%s", qn, qo, qs);
			target = rk && (rk[0] == 'v' || rk[0] == 'm') ? PLUMB_OBJ_VIEW : PLUMB_OBJ_TABLE;
			table = obj;
			break;
		case 'K':
			name = fmt(x, "CONSTRAINT %s ON %s.%s", qs, qn, qo);
			table = obj;
			break;
		case 'k':
			name = fmt(x, "CONSTRAINT %s ON DOMAIN %s.%s", qs, qn, qo);
			target = PLUMB_OBJ_DOMAIN;
			break;
		case 'F':
		case 'P': {
			size_t n_args;
			const char **args = array(x, r, i, M_ARGS, &n_args);
			const char *fn = function_name(x, obj, args, n_args);
			/* the function part as the function object names it, quoted */
			const char *paren = fn ? strchr(fn, '(') : NULL;
			name = paren ? fmt(x, "%s %s.%s%s", code == 'P' ? "PROCEDURE" : "FUNCTION", qn,
					   qo, paren)
				     : NULL;
			target = PLUMB_OBJ_FUNCTION;
			break;
		}
		case 'E':
		case 'Y':
			name = fmt(x, "TYPE %s.%s", qn, qo);
			target = code == 'E' ? PLUMB_OBJ_ENUM : PLUMB_OBJ_TYPE;
			break;
		case 'D':
			name = fmt(x, "DOMAIN %s.%s", qn, qo);
			target = PLUMB_OBJ_DOMAIN;
			break;
		case 'N':
			name = fmt(x, "SCHEMA %s", qo);
			target = PLUMB_OBJ_SCHEMA;
			schema = NULL;
			break;
		case 'G':
			name = fmt(x, "TRIGGER %s ON %s.%s", qs, qn, qo);
			target = PLUMB_OBJ_TRIGGER;
			table = obj;
			break;
		case 'L':
			name = fmt(x, "POLICY %s ON %s.%s", qs, qn, qo);
			target = PLUMB_OBJ_POLICY;
			table = obj;
			break;
		default:
			continue;
		}
		if (x->st.rc || !name)
			return;
		plumb_object *o = new_object(x, PLUMB_OBJ_COMMENT, schema, name);
		if (!o)
			return;
		o->table = dup(x, table);
		o->target_kind = target;
		o->definition = dup(x, val(r, i, M_TEXT));
		plumb_buf b;
		plumb_buf_init(&b, x->st.arena, 0);
		plumb_buf_printf(&b, "COMMENT ON %s IS ", name);
		plumb_buf_quote_literal(&b, o->definition);
		if (plumb_buf_finish(&b, x->st.ctx) < 0) {
			fail(x, PLUMB_ENOMEM);
			return;
		}
		o->sql = b.data;
	}
}

/* --- grants -------------------------------------------------------------- */

static void read_grants(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read privileges", q_grants, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *rk = val(r, i, R_RK), *col = val(r, i, R_QCOL);
		bool seq = rk && rk[0] == 'S';
		/* a serial column's sequence hangs on its table */
		bool folded = seq && is_folded(x, val(r, i, R_REL)) && val(r, i, R_OWNER);
		if (!rel_kept(x, val(r, i, R_REL)) || (seq && is_folded(x, val(r, i, R_REL)) && !folded) ||
		    (folded && !rel_kept(x, val(r, i, R_OWNREL))))
			continue;
		const char *name =
			col ? fmt(x, "TABLE %s.%s (%s) TO %s", val(r, i, R_QNSP), val(r, i, R_QOBJ), col,
				  val(r, i, R_GRANTEE))
			    : fmt(x, "%s %s.%s TO %s", seq ? "SEQUENCE" : "TABLE", val(r, i, R_QNSP),
				  val(r, i, R_QOBJ), val(r, i, R_GRANTEE));
		if (x->st.rc || !name)
			return;
		plumb_object *o = new_object(x, PLUMB_OBJ_GRANT, val(r, i, R_NSP), name);
		if (!o)
			return;
		o->table = dup(x, val(r, i, folded ? R_OWNER : R_OBJ));
		o->target_kind = seq			      ? PLUMB_OBJ_SEQUENCE
				 : rk && (rk[0] == 'v' || rk[0] == 'm') ? PLUMB_OBJ_VIEW
									  : PLUMB_OBJ_TABLE;
		o->definition = dup(x, val(r, i, R_DEF));
		o->implicit = val(r, i, R_OWN) && val(r, i, R_OWN)[0] == 't';
	}
}

/* --- the whole -------------------------------------------------------------- */

int plumb__pg_introspect(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, plumb_catalog **out)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	ictx x = {.st = {.ctx = ctx, .arena = arena}, .c = c};
	bool began = false, path_set = false;
	const char *old_path = NULL;
	PGresult *r;
	int rc = 0;
	*out = NULL;

	if (PQserverVersion(c->pg) < 120000) {
		rc = plumb_error_set(ctx, PLUMB_EDB,
				     "could not read the schema of \"%s\": PostgreSQL %d is not "
				     "supported (12 or later is needed)",
				     c->dbname ? c->dbname : "", PQserverVersion(c->pg) / 10000);
		goto done;
	}
	if (!(x.tmp = plumb_arena_new(arena))) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb_catalog_new(ctx, arena, "pg", false, &x.cat)) < 0)
		goto done;
	/* One snapshot for every query, unless a transaction is open already;
	 * search_path '' so that the server qualifies every name. */
	if (PQtransactionStatus(c->pg) == PQTRANS_IDLE) {
		n_queries++;
		if ((rc = plumb__pg_command(ctx, c, "could not read the schema",
					    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")) < 0)
			goto done;
		began = true;
	}
	if (run(&x, "could not read the schema",
		"SELECT current_setting('search_path'), set_config('search_path', '', false)",
		&r) < 0) {
		rc = x.st.rc;
		goto done;
	}
	path_set = true;
	old_path = PQgetvalue(r, 0, 0); /* r lives in tmp until the end */

	read_schemas(&x);
	read_extensions(&x);
	read_collations(&x);
	read_tables(&x);
	read_columns(&x);
	read_constraints(&x);
	read_indexes(&x);
	read_types(&x);
	read_sequences(&x);
	read_views(&x);
	read_functions(&x);
	read_triggers(&x);
	read_policies(&x);
	read_comments(&x);
	read_grants(&x);
	if ((rc = x.st.rc) < 0)
		goto done;
	plumb_catalog_sort(x.cat);
	*out = x.cat;
done:
	if (path_set && (!began || rc == 0)) {
		/* In the caller's failed transaction this fails too; its
		 * rollback restores the setting. */
		const char *params[1] = {old_path};
		n_queries++;
		int rc2 = plumb__pg_query(ctx, x.tmp, c, "could not restore search_path",
					  "SELECT set_config('search_path', $1, false)", 1, params, &r);
		if (rc == 0)
			rc = rc2;
	}
	if (began) {
		n_queries++;
		int rc2 = plumb__pg_command(ctx, c, "could not end the read transaction",
					    rc == 0 ? "COMMIT" : "ROLLBACK");
		if (rc == 0)
			rc = rc2;
	}
	if (rc < 0)
		*out = NULL;
	plumb_arena_free(x.tmp);
	return rc;
}
