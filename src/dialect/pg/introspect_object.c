/*
 * Introspection of what is not a relation: schemas, extensions, collations,
 * types (enums, domains, composites, ranges), sequences that are not folded
 * into serial columns, functions, aggregates, triggers, policies, rules, comments and
 * privileges, each kind read with one catalog query. It reads no tables,
 * columns or views (introspect_table.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dialect/pg/introspect_int.h"

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

/* with the extensions each requires (pg_depend between extensions: what
 * CREATE EXTENSION ... CASCADE made, or found), as "schema.name" */
static const char q_extensions[] =
	"SELECT x.extname, n.nspname, x.extversion, "
	"ARRAY(SELECT rn.nspname || '.' || r.extname FROM pg_depend d "
	"JOIN pg_extension r ON r.oid = d.refobjid "
	"JOIN pg_namespace rn ON rn.oid = r.extnamespace "
	"WHERE d.classid = 'pg_extension'::regclass AND d.objid = x.oid "
	"AND d.refclassid = 'pg_extension'::regclass ORDER BY 1) "
	"FROM pg_extension x "
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
	S_OWNER_TABLE, S_OWNER_COLUMN
};
static const char q_sequences[] =
	"SELECT c.oid, n.nspname, c.relname, s.seqtypid, s.seqstart, s.seqincrement, s.seqmin, "
	"s.seqmax, s.seqcache, s.seqcycle, o.refobjid, o.relname, o.attname "
	"FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace "
	"LEFT JOIN LATERAL (SELECT od.refobjid, tc.relname, ta.attname "
	"FROM pg_depend od JOIN pg_class tc ON tc.oid = od.refobjid "
	"JOIN pg_attribute ta ON ta.attrelid = od.refobjid AND ta.attnum = od.refobjsubid "
	"WHERE od.classid = 'pg_class'::regclass AND od.objid = c.oid "
	"AND od.refclassid = 'pg_class'::regclass AND od.deptype = 'a' LIMIT 1) o ON true "
	"WHERE " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"AND NOT " IS_IDENTITY_SEQ("c.oid") " "
	"ORDER BY n.nspname, c.relname";

/* Functions, procedures and aggregates; an aggregate's fields from
 * pg_aggregate (there is no pg_get_aggregatedef), its support functions
 * in the order of AGG_PROCS as two arrays (schemas, names; NULL where it
 * has none). */
enum {
	F_NSP,
	F_NAME,
	F_ARGS,
	F_DEF,
	F_KIND,
	F_VOLATILE,
	F_ARGNAMES,
	F_ARGMODES,
	F_AGGKIND,
	F_NDIRECT,
	F_PROC_NSPS,
	F_PROC_NAMES,
	F_STYPE,
	F_SSPACE,
	F_FEXTRA,
	F_FMODIFY,
	F_INIT,
	F_MSTYPE,
	F_MSSPACE,
	F_MFEXTRA,
	F_MFMODIFY,
	F_MINIT,
	F_SORTOP,
	F_PARALLEL
};
enum { P_SFUNC, P_FINAL, P_COMBINE, P_SERIAL, P_DESERIAL, P_MSFUNC, P_MINV, P_MFINAL, N_PROCS };
#define AGG_PROCS                                                                                  \
	"unnest(ARRAY[a.aggtransfn, a.aggfinalfn, a.aggcombinefn, a.aggserialfn, "                 \
	"a.aggdeserialfn, a.aggmtransfn, a.aggminvtransfn, a.aggmfinalfn]::oid[]) "                \
	"WITH ORDINALITY u(f, ord) LEFT JOIN pg_proc fp ON fp.oid = u.f "                          \
	"LEFT JOIN pg_namespace fn ON fn.oid = fp.pronamespace ORDER BY u.ord"
static const char q_functions[] =
	"SELECT n.nspname, p.proname, "
	"ARRAY(SELECT format_type(u.t, NULL) FROM unnest(p.proargtypes::oid[]) "
	"WITH ORDINALITY u(t, ord) ORDER BY u.ord), "
	"CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END, p.prokind, "
	"p.provolatile, coalesce(p.proargnames, '{}'), "
	"coalesce(p.proargmodes::text[], '{}'), a.aggkind, a.aggnumdirectargs, "
	"CASE WHEN a.aggfnoid <> 0 THEN ARRAY(SELECT fn.nspname FROM " AGG_PROCS ") END, "
	"CASE WHEN a.aggfnoid <> 0 THEN ARRAY(SELECT fp.proname FROM " AGG_PROCS ") END, "
	"format_type(a.aggtranstype, NULL), a.aggtransspace, a.aggfinalextra, "
	"a.aggfinalmodify, a.agginitval, "
	"CASE WHEN a.aggmtranstype <> 0 THEN format_type(a.aggmtranstype, NULL) END, "
	"a.aggmtransspace, a.aggmfinalextra, a.aggmfinalmodify, a.aggminitval, "
	"(SELECT ARRAY[opn.nspname::text, o.oprname::text] FROM pg_operator o "
	"JOIN pg_namespace opn ON opn.oid = o.oprnamespace WHERE o.oid = a.aggsortop), "
	"p.proparallel "
	"FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
	"LEFT JOIN pg_aggregate a ON a.aggfnoid = p.oid "
	"WHERE p.prokind IN ('f', 'p', 'w', 'a') AND " NSP_OK("n") " "
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

/* Rewrite rules; the ON SELECT rule of a view (_RETURN) is the view's. */
enum { U_REL, U_NSP, U_TABLE, U_NAME, U_DEF };
static const char q_rules[] =
	"SELECT r.ev_class, n.nspname, c.relname, r.rulename, pg_get_ruledef(r.oid) "
	"FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class "
	"JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE r.rulename <> '_RETURN' AND " NSP_OK(
		"n") " "
		     "AND " NOT_EXT("pg_class",
				    "c.oid") " "
					     "ORDER BY n.nspname, c.relname, r.rulename";

/*
 * Comments: one row per described object. code says what it is on:
 * T table, H foreign table, V view, M materialized view, I index, S sequence, c column (rk
 * the relkind of its relation), E enum, Y other type, D domain, F function,
 * P procedure, N schema, G trigger, L policy, R rule, K constraint of a
 * table, k of a domain, x statistics, d text search dictionary, g text
 * search configuration, B publication, e event trigger, o operator, C cast,
 * a operator class, f operator family, W foreign-data wrapper, Z server.
 * qnsp/qobj/qsub are quote_ident'ed; nsp/obj raw; rel the table's oid (the
 * sequence's for S, so that folded ones are left out).
 */
enum { M_CODE, M_NSP, M_OBJ, M_QNSP, M_QOBJ, M_QSUB, M_ARGS, M_RK, M_REL, M_TEXT, M_SUB };
static const char q_comments[] =
	"SELECT x.code, x.nsp, x.obj, quote_ident(x.nsp), quote_ident(x.obj), "
	"quote_ident(x.sub), x.args, x.rk, x.rel, x.description, x.sub FROM ("
	/* relations and their columns */
	"SELECT CASE WHEN d.objsubid <> 0 THEN 'c' WHEN c.relkind IN ('r', 'p') THEN 'T' "
	"WHEN c.relkind = 'f' THEN 'H' "
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
	"AND (c.relkind IN ('r', 'p', 'v', 'm', 'f') OR (d.objsubid = 0 AND (c.relkind IN ('i', 'I') "
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
	"AND NOT (n.nspname = 'public' AND d.description = '" PLUMB_PG_INITDB_COMMENT "') "
	"UNION ALL "
	/* extensions, unless the comment is the one CREATE EXTENSION gave (its
	 * control file's) */
	"SELECT 'X', NULL, x.extname, NULL, NULL, NULL, 0::oid, d.description "
	"FROM pg_description d JOIN pg_extension x ON x.oid = d.objoid "
	"WHERE d.classoid = 'pg_extension'::regclass AND x.extname <> 'plpgsql' "
	"AND d.description IS DISTINCT FROM "
	"(SELECT a.comment FROM pg_available_extensions a WHERE a.name = x.extname) "
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
	"UNION ALL "
	/* rules */
	"SELECT 'R', n.nspname, c.relname, r.rulename, NULL, NULL, c.oid, d.description "
	"FROM pg_description d JOIN pg_rewrite r ON r.oid = d.objoid "
	"JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE d.classoid = 'pg_rewrite'::regclass AND r.rulename <> '_RETURN' "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"UNION ALL "
	/* statistics, text search dictionaries and configurations */
	"SELECT 'x', n.nspname, s.stxname, NULL, NULL, NULL, 0::oid, d.description "
	"FROM pg_description d JOIN pg_statistic_ext s ON s.oid = d.objoid "
	"JOIN pg_namespace n ON n.oid = s.stxnamespace "
	"WHERE d.classoid = 'pg_statistic_ext'::regclass "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_statistic_ext", "s.oid") " "
	"UNION ALL "
	"SELECT 'd', n.nspname, t.dictname, NULL, NULL, NULL, 0::oid, d.description "
	"FROM pg_description d JOIN pg_ts_dict t ON t.oid = d.objoid "
	"JOIN pg_namespace n ON n.oid = t.dictnamespace "
	"WHERE d.classoid = 'pg_ts_dict'::regclass "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_ts_dict", "t.oid") " "
	"UNION ALL "
	"SELECT 'g', n.nspname, t.cfgname, NULL, NULL, NULL, 0::oid, d.description "
	"FROM pg_description d JOIN pg_ts_config t ON t.oid = d.objoid "
	"JOIN pg_namespace n ON n.oid = t.cfgnamespace "
	"WHERE d.classoid = 'pg_ts_config'::regclass "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_ts_config", "t.oid") " "
	"UNION ALL "
	/* publications and event triggers */
	"SELECT 'B', NULL, p.pubname, NULL, NULL, NULL, 0::oid, d.description "
	"FROM pg_description d JOIN pg_publication p ON p.oid = d.objoid "
	"WHERE d.classoid = 'pg_publication'::regclass "
	"UNION ALL "
	"SELECT 'W', NULL, w.fdwname, NULL, NULL, NULL, 0::oid, d.description "
	"FROM pg_description d JOIN pg_foreign_data_wrapper w ON w.oid = d.objoid "
	"WHERE d.classoid = 'pg_foreign_data_wrapper'::regclass "
	"AND " NOT_EXT("pg_foreign_data_wrapper", "w.oid") " "
	"UNION ALL "
	"SELECT 'Z', NULL, fs.srvname, NULL, NULL, NULL, 0::oid, d.description "
	"FROM pg_description d JOIN pg_foreign_server fs ON fs.oid = d.objoid "
	"WHERE d.classoid = 'pg_foreign_server'::regclass "
	"AND " NOT_EXT("pg_foreign_server", "fs.oid") " "
	"UNION ALL "
	"SELECT 'e', NULL, et.evtname, NULL, NULL, NULL, 0::oid, d.description "
	"FROM pg_description d JOIN pg_event_trigger et ON et.oid = d.objoid "
	"WHERE d.classoid = 'pg_event_trigger'::regclass "
	"AND " NOT_EXT("pg_event_trigger", "et.oid") " "
	"UNION ALL "
	/* operators (sub the left type, rk the right), casts (obj the source,
	 * sub the target) */
	"SELECT 'o', n.nspname, o.oprname, "
	"CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END, NULL, "
	"CASE WHEN o.oprright <> 0 THEN format_type(o.oprright, NULL) END, 0::oid, d.description "
	"FROM pg_description d JOIN pg_operator o ON o.oid = d.objoid "
	"JOIN pg_namespace n ON n.oid = o.oprnamespace "
	"WHERE d.classoid = 'pg_operator'::regclass "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_operator", "o.oid") " "
	"UNION ALL "
	"SELECT 'C', NULL, format_type(c.castsource, NULL), format_type(c.casttarget, NULL), "
	"NULL, NULL, 0::oid, d.description "
	"FROM pg_description d JOIN pg_cast c ON c.oid = d.objoid "
	"WHERE d.classoid = 'pg_cast'::regclass AND c.oid >= 16384 "
	"AND " NOT_EXT("pg_cast", "c.oid") " "
	"UNION ALL "
	/* operator classes and families (sub the access method) */
	"SELECT 'a', n.nspname, c.opcname, a.amname, NULL, NULL, 0::oid, d.description "
	"FROM pg_description d JOIN pg_opclass c ON c.oid = d.objoid "
	"JOIN pg_namespace n ON n.oid = c.opcnamespace JOIN pg_am a ON a.oid = c.opcmethod "
	"WHERE d.classoid = 'pg_opclass'::regclass "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_opclass", "c.oid") " "
	"UNION ALL "
	"SELECT 'f', n.nspname, f.opfname, a.amname, NULL, NULL, 0::oid, d.description "
	"FROM pg_description d JOIN pg_opfamily f ON f.oid = d.objoid "
	"JOIN pg_namespace n ON n.oid = f.opfnamespace JOIN pg_am a ON a.oid = f.opfmethod "
	"WHERE d.classoid = 'pg_opfamily'::regclass "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_opfamily", "f.oid") " "
	") x ORDER BY 1, 2, 3, 6";

/*
 * Grants: one row per (relation or column, grantee) holding privileges;
 * grantee 0 is PUBLIC. privs is the privileges held, gr those of them held
 * with grant option (model.c gives their bits). The owner's privileges are not
 * managed: each relation gives one row for its owner marked own, an implicit
 * grant that a declared grant to the owner finds in place; but for the grant
 * options an owner gave itself (GRANT ... TO itself WITH GRANT OPTION, which
 * the ACL then holds), which that row holds as its privileges.
 * Schemas (rk 'n') likewise (public, there in every database, has no owner
 * row), but for what initdb gives PUBLIC on schema public: USAGE (and
 * CREATE before PostgreSQL 15), which is no grant.
 */
#define GRANT_ORDER                                                                        \
	"array_position(ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'TRUNCATE', "          \
	"'REFERENCES', 'TRIGGER', 'USAGE', 'CREATE'], g.privilege_type)"
#define GRANTEE_TEXT                                                                       \
	"CASE WHEN g.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(g.grantee)) END"
/* The table a sequence (x.rel) belongs to, for those folded into serial columns. */
#define SEQ_OWNER(what)                                                                    \
	"(SELECT " what " FROM pg_depend od JOIN pg_class tc ON tc.oid = od.refobjid "       \
	"WHERE x.rk = 'S' AND od.classid = 'pg_class'::regclass AND od.objid = x.rel "        \
	"AND od.refclassid = 'pg_class'::regclass AND od.deptype = 'a' LIMIT 1)"
enum {
	R_REL, R_RK, R_NSP, R_OBJ, R_QNSP, R_QOBJ, R_QCOL, R_GRANTEE, R_PRIVS, R_GR, R_OWNREL,
	R_OWNER, R_OWN, R_COL
};
static const char q_grants[] =
	"SELECT x.rel, x.rk, x.nsp, x.obj, quote_ident(x.nsp), quote_ident(x.obj), "
	"quote_ident(x.col), x.grantee, "
	"array_agg(x.priv) FILTER (WHERE x.priv IS NOT NULL), "
	"array_agg(x.priv) FILTER (WHERE x.gr), "
	SEQ_OWNER("tc.oid") ", " SEQ_OWNER("tc.relname") ", bool_or(x.own), x.col "
	"FROM ("
	/* relations */
	"SELECT c.oid AS rel, c.relkind::text AS rk, n.nspname AS nsp, c.relname AS obj, "
	"NULL::name AS col, " GRANTEE_TEXT " AS grantee, g.privilege_type AS priv, "
	"bool_or(g.is_grantable) AS gr, " GRANT_ORDER " AS ord, false AS own "
	"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) g "
	"WHERE c.relacl IS NOT NULL AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') "
	"AND (g.grantee <> c.relowner OR g.is_grantable) "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"AND NOT (c.relkind = 'S' AND " IS_IDENTITY_SEQ("c.oid") ") "
	"GROUP BY 1, 2, 3, 4, 5, 6, 7 "
	"UNION ALL "
	/* owners */
	"SELECT c.oid, c.relkind::text, n.nspname, c.relname, NULL, "
	"quote_ident(pg_get_userbyid(c.relowner)), NULL, false, 0, true "
	"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') "
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
	"GROUP BY 1, 2, 3, 4, 5, 6, 7 "
	"UNION ALL "
	/* schemas */
	"SELECT n.oid, 'n', n.nspname, n.nspname, NULL, " GRANTEE_TEXT ", g.privilege_type, "
	"bool_or(g.is_grantable), " GRANT_ORDER ", false "
	"FROM pg_namespace n, aclexplode(n.nspacl) g "
	"WHERE n.nspacl IS NOT NULL "
	"AND (g.grantee <> n.nspowner OR (g.is_grantable AND n.nspname <> 'public')) "
	"AND NOT (n.nspname = 'public' AND g.grantee = 0 AND (g.privilege_type = 'USAGE' "
	"OR (g.privilege_type = 'CREATE' AND current_setting('server_version_num')::int < 150000))) "
	"AND " NSP_OK("n") " AND " NOT_EXT("pg_namespace", "n.oid") " "
	"GROUP BY 1, 2, 3, 4, 5, 6, 7 "
	"UNION ALL "
	"SELECT n.oid, 'n', n.nspname, n.nspname, NULL, "
	"quote_ident(pg_get_userbyid(n.nspowner)), NULL, false, 0, true "
	"FROM pg_namespace n WHERE n.nspname <> 'public' AND " NSP_OK("n") " "
	"AND " NOT_EXT("pg_namespace", "n.oid") " "
	") x WHERE x.ord IS NOT NULL "
	"GROUP BY x.rel, x.rk, x.nsp, x.obj, x.col, x.grantee "
	"ORDER BY x.nsp, x.obj, x.col NULLS FIRST, x.grantee";

/* --- schemas, extensions ------------------------------------------------ */

void read_schemas(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read schemas", q_schemas, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *name = val(r, i, 0);
		plumb_object *o = new_object(x, PLUMB_OBJ_SCHEMA, NULL, name);
		if (!o)
			return;
		fail(x, plumb__pg_schema_define(x->st.ctx, x->st.arena, o));
	}
}

void read_extensions(ictx *x)
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
		size_t n = 0;
		const char **req = array(x, r, i, 3, &n);
		for (size_t k = 0; req && k < n; k++)
			push(x, &o->depends, (void *)req[k]);
		fail(x, plumb__pg_extension_define(x->st.ctx, x->st.arena, o));
	}
}

void read_collations(ictx *x)
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
	const char *w = written_stmt(x, o->sql);
	if (w)
		o->sql = w;
}

void read_types(ictx *x)
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

void read_sequences(ictx *x)
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
		plumb_pg_seq seq;
		seq_fields(r, i, S_START, num(r, i, S_TYPE), &seq);
		if (plumb__pg_seq_define(x->st.ctx, x->st.arena, o, &seq, val(r, i, S_OWNER_TABLE),
					 val(r, i, S_OWNER_COLUMN)) < 0) {
			fail(x, PLUMB_ENOMEM);
			return;
		}
		o->definition = canon(x, CANON_STMT, o->sql);
	}
}

/* --- functions, triggers, policies --------------------------------------- */

const char *function_name(ictx *x, const char *name, const char **args, size_t n)
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

const char *obj_ref(ictx *x, const char *schema, const char *name, bool oper)
{
	if (!schema || !name)
		return NULL;
	char *s = oper ? plumb__pg_oper_ref(x->st.arena, schema, name)
		       : plumb__pg_proc_ref(x->st.arena, schema, name);
	if (!s)
		fail(x, PLUMB_ENOMEM);
	return s;
}

/* Row i of q_functions, an aggregate: its identity (name) and its CREATE
 * AGGREGATE written by model.c from its fields; NULL when it failed. */
static const char *aggregate_define(ictx *x, PGresult *r, int i, const char **name)
{
	size_t n_args, n_names, n_modes, n_nsps, n_procs, n_op;
	const char **types = array(x, r, i, F_ARGS, &n_args);
	const char **names = array(x, r, i, F_ARGNAMES, &n_names);
	const char **modes = array(x, r, i, F_ARGMODES, &n_modes);
	const char **nsps = array(x, r, i, F_PROC_NSPS, &n_nsps);
	const char **procs = array(x, r, i, F_PROC_NAMES, &n_procs);
	const char **op = array(x, r, i, F_SORTOP, &n_op);
	plumb_pg_agg_arg *args = n_args ? alloc(x, n_args * sizeof(*args)) : NULL;
	if (x->st.rc || n_nsps != N_PROCS || n_procs != N_PROCS)
		return NULL;
	for (size_t j = 0; j < n_args; j++) {
		args[j].name = j < n_names ? names[j] : NULL;
		args[j].type = canon(x, CANON_TYPE, types[j]);
		args[j].variadic = j < n_modes && modes[j] && modes[j][0] == 'v';
	}
	const char *mtype = val(r, i, F_MSTYPE);
	plumb_pg_aggregate a = {
		.kind = val(r, i, F_AGGKIND)[0],
		.args = args,
		.n_args = n_args,
		.n_direct = (size_t)num(r, i, F_NDIRECT),
		.sfunc = obj_ref(x, nsps[P_SFUNC], procs[P_SFUNC], false),
		.stype = canon(x, CANON_TYPE, val(r, i, F_STYPE)),
		.sspace = dup(x, val(r, i, F_SSPACE)),
		.finalfunc = obj_ref(x, nsps[P_FINAL], procs[P_FINAL], false),
		.finalfunc_extra = flag(r, i, F_FEXTRA),
		.finalfunc_modify = val(r, i, F_FMODIFY)[0],
		.combinefunc = obj_ref(x, nsps[P_COMBINE], procs[P_COMBINE], false),
		.serialfunc = obj_ref(x, nsps[P_SERIAL], procs[P_SERIAL], false),
		.deserialfunc = obj_ref(x, nsps[P_DESERIAL], procs[P_DESERIAL], false),
		.initcond = dup(x, val(r, i, F_INIT)),
		.msfunc = obj_ref(x, nsps[P_MSFUNC], procs[P_MSFUNC], false),
		.minvfunc = obj_ref(x, nsps[P_MINV], procs[P_MINV], false),
		.mstype = mtype ? canon(x, CANON_TYPE, mtype) : NULL,
		.msspace = dup(x, val(r, i, F_MSSPACE)),
		.mfinalfunc = obj_ref(x, nsps[P_MFINAL], procs[P_MFINAL], false),
		.mfinalfunc_extra = flag(r, i, F_MFEXTRA),
		.mfinalfunc_modify = val(r, i, F_MFMODIFY)[0],
		.minitcond = dup(x, val(r, i, F_MINIT)),
		.sortop = n_op == 2 ? obj_ref(x, op[0], op[1], true) : NULL,
		.parallel = val(r, i, F_PARALLEL)[0],
	};
	if (x->st.rc)
		return NULL;
	const char *pname = val(r, i, F_NAME);
	*name = plumb__pg_aggregate_name(x->st.arena, pname, &a);
	char *def = plumb__pg_aggregate_define(x->st.arena, val(r, i, F_NSP), pname, &a);
	if (!*name || !def)
		fail(x, PLUMB_ENOMEM);
	return x->st.rc ? NULL : def;
}

void read_functions(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read functions", q_functions, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *schema = val(r, i, F_NSP);
		at(x, "function %s.%s", schema, val(r, i, F_NAME));
		const char *name = NULL, *def = NULL;
		bool aggregate = val(r, i, F_KIND)[0] == 'a';
		if (aggregate) {
			def = aggregate_define(x, r, i, &name);
		} else {
			size_t n_args;
			const char **args = array(x, r, i, F_ARGS, &n_args);
			name = function_name(x, val(r, i, F_NAME), args, n_args);
		}
		if (!name)
			return;
		plumb_object *o = new_object(x, PLUMB_OBJ_FUNCTION, schema, name);
		if (!o)
			return;
		o->sql = aggregate ? def : dup(x, val(r, i, F_DEF));
		o->definition = aggregate ? def : canon(x, CANON_STMT, o->sql);
		o->func_kind = plumb__pg_func_kind(val(r, i, F_KIND)[0]);
		o->volatility = plumb__pg_volatility(val(r, i, F_VOLATILE));
	}
}

void read_triggers(ictx *x)
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
		const char *w = written_stmt(x, tg->sql);
		if (w)
			tg->sql = w;
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

void read_policies(ictx *x)
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

void read_rules(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read rules", q_rules, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		if (!rel_kept(x, val(r, i, U_REL)))
			continue;
		const char *schema = val(r, i, U_NSP), *table = val(r, i, U_TABLE);
		plumb_object *o = new_object(x, PLUMB_OBJ_RULE, schema, val(r, i, U_NAME));
		if (!o)
			return;
		o->table = dup(x, table);
		at(x, "rule %s on %s.%s", o->name, schema, table);
		/* without the final semicolon the server writes */
		const char *def = val(r, i, U_DEF);
		size_t n = strlen(def);
		while (n && (def[n - 1] == ';' || def[n - 1] == ' ' || def[n - 1] == '\n'))
			n--;
		o->sql = fmt(x, "%.*s", (int)n, def);
		o->definition = canon(x, CANON_STMT, o->sql);
		const char *w = written_stmt(x, o->sql);
		if (w)
			o->sql = w;
	}
}

/* --- comments ------------------------------------------------------------ */

void read_comments(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read comments", q_comments, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		char code = val(r, i, M_CODE)[0];
		const char *nsp = val(r, i, M_NSP), *obj = val(r, i, M_OBJ);
		const char *qn = val(r, i, M_QNSP), *qo = val(r, i, M_QOBJ), *qs = val(r, i, M_QSUB);
		const char *rk = val(r, i, M_RK), *name = NULL, *schema = nsp, *table = NULL;
		const char *on = obj, *column = NULL, *part = NULL; /* the fields of what it is on */
		plumb_obj_kind target = PLUMB_OBJ_TABLE;
		if (val(r, i, M_REL) && !rel_kept(x, val(r, i, M_REL)))
			continue;
		if (code == 'S' && is_folded(x, val(r, i, M_REL)))
			continue;
		switch (code) {
		case 'T':
			name = fmt(x, "TABLE %s.%s", qn, qo);
			break;
		case 'H':
			name = fmt(x, "FOREIGN TABLE %s.%s", qn, qo);
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
			column = val(r, i, M_SUB);
			break;
		case 'K':
			name = fmt(x, "CONSTRAINT %s ON %s.%s", qs, qn, qo);
			table = obj;
			part = val(r, i, M_SUB);
			break;
		case 'k':
			name = fmt(x, "CONSTRAINT %s ON DOMAIN %s.%s", qs, qn, qo);
			target = PLUMB_OBJ_DOMAIN;
			part = val(r, i, M_SUB);
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
			on = fn;
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
		case 'X':
			name = fmt(x, "EXTENSION %s", qo);
			target = PLUMB_OBJ_EXTENSION;
			schema = NULL;
			break;
		case 'G':
			name = fmt(x, "TRIGGER %s ON %s.%s", qs, qn, qo);
			target = PLUMB_OBJ_TRIGGER;
			table = obj;
			part = val(r, i, M_SUB);
			break;
		case 'L':
			name = fmt(x, "POLICY %s ON %s.%s", qs, qn, qo);
			target = PLUMB_OBJ_POLICY;
			table = obj;
			part = val(r, i, M_SUB);
			break;
		case 'R':
			name = fmt(x, "RULE %s ON %s.%s", qs, qn, qo);
			target = PLUMB_OBJ_RULE;
			table = obj;
			part = val(r, i, M_SUB);
			break;
		case 'x':
		case 'd':
		case 'g':
			target = code == 'x'   ? PLUMB_OBJ_STATISTICS
				 : code == 'd' ? PLUMB_OBJ_TS_DICT
					       : PLUMB_OBJ_TS_CONFIG;
			name = fmt(x, "%s %s.%s",
				   code == 'x'	 ? "STATISTICS"
				   : code == 'd' ? "TEXT SEARCH DICTIONARY"
						 : "TEXT SEARCH CONFIGURATION",
				   qn, qo);
			break;
		case 'W':
		case 'Z':
			target = code == 'W' ? PLUMB_OBJ_FDW : PLUMB_OBJ_SERVER;
			name = fmt(x, "%s %s", code == 'W' ? "FOREIGN DATA WRAPPER" : "SERVER", qo);
			schema = NULL;
			break;
		case 'B':
		case 'e':
			target = code == 'B' ? PLUMB_OBJ_PUBLICATION : PLUMB_OBJ_EVENT_TRIGGER;
			name = fmt(x, "%s %s", code == 'B' ? "PUBLICATION" : "EVENT TRIGGER", qo);
			schema = NULL;
			break;
		case 'a':
		case 'f':
			target = code == 'a' ? PLUMB_OBJ_OPCLASS : PLUMB_OBJ_OPFAMILY;
			on = fmt(x, "%s USING %s", obj, val(r, i, M_SUB));
			name = fmt(x, "OPERATOR %s %s.%s USING %s", code == 'a' ? "CLASS" : "FAMILY",
				   qn, qo, val(r, i, M_SUB));
			break;
		case 'o': {
			const char *l = val(r, i, M_SUB), *rt = rk;
			l = l ? canon(x, CANON_TYPE, l) : "NONE";
			rt = rt ? canon(x, CANON_TYPE, rt) : "NONE";
			target = PLUMB_OBJ_OPERATOR;
			on = fmt(x, "%s(%s, %s)", obj, l, rt);
			name = fmt(x, "OPERATOR %s.%s (%s, %s)", qn, obj, l, rt);
			break;
		}
		case 'C':
			target = PLUMB_OBJ_CAST;
			schema = NULL;
			on = fmt(x, "(%s AS %s)", canon(x, CANON_TYPE, obj),
				 canon(x, CANON_TYPE, val(r, i, M_SUB)));
			name = fmt(x, "CAST %s", on);
			break;
		default:
			continue;
		}
		if (x->st.rc || !name)
			return;
		plumb_object *o = new_object(x, PLUMB_OBJ_COMMENT, schema, name);
		if (!o)
			return;
		fail(x, plumb__pg_comment_define(x->st.ctx, x->st.arena, o,
						 &(plumb_pg_comment_on){target, on, table, column,
									part, val(r, i, M_TEXT)}));
	}
}

/* --- grants -------------------------------------------------------------- */

/* The PLUMB_PRIV_* bits of an array of privilege names ({SELECT,INSERT}). */
static unsigned privilege_bits(ictx *x, const char *names)
{
	plumb_vec v = {0};
	unsigned bits = 0;
	int rc = plumb__pg_parse_array(x->st.ctx, x->tmp, x->tmp, names, &v);
	if (rc < 0)
		fail(x, rc);
	for (size_t i = 0; i < v.n; i++)
		bits |= plumb__pg_priv_bit(v.items[i]);
	return bits;
}

void read_grants(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read privileges", q_grants, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *rk = val(r, i, R_RK), *col = val(r, i, R_QCOL);
		bool seq = rk && rk[0] == 'S', nsp = rk && rk[0] == 'n';
		/* a serial column's sequence hangs on its table */
		bool folded = seq && is_folded(x, val(r, i, R_REL)) && val(r, i, R_OWNER);
		/* a schema left out (drizzle's) has no grants either */
		if (nsp && strcmp(val(r, i, R_NSP), "public") != 0 &&
		    !plumb_catalog_find(x->cat, PLUMB_OBJ_SCHEMA, NULL, val(r, i, R_NSP)))
			continue;
		if (!rel_kept(x, val(r, i, R_REL)) || (seq && is_folded(x, val(r, i, R_REL)) && !folded) ||
		    (folded && !rel_kept(x, val(r, i, R_OWNREL))))
			continue;
		const char *name =
			nsp   ? fmt(x, "SCHEMA %s TO %s", val(r, i, R_QNSP), val(r, i, R_GRANTEE))
			: col ? fmt(x, "TABLE %s.%s (%s) TO %s", val(r, i, R_QNSP), val(r, i, R_QOBJ),
				    col, val(r, i, R_GRANTEE))
			      : fmt(x, "%s %s.%s TO %s", seq ? "SEQUENCE" : "TABLE", val(r, i, R_QNSP),
				    val(r, i, R_QOBJ), val(r, i, R_GRANTEE));
		if (x->st.rc || !name)
			return;
		plumb_object *o = new_object(x, PLUMB_OBJ_GRANT, val(r, i, R_NSP), name);
		if (!o)
			return;
		o->table = nsp ? NULL : dup(x, val(r, i, folded ? R_OWNER : R_OBJ));
		o->target_kind = nsp				      ? PLUMB_OBJ_SCHEMA
				 : seq				      ? PLUMB_OBJ_SEQUENCE
				 : rk && (rk[0] == 'v' || rk[0] == 'm') ? PLUMB_OBJ_VIEW
									  : PLUMB_OBJ_TABLE;
		o->target = dup(x, val(r, i, R_OBJ));
		o->column = dup(x, val(r, i, R_COL));
		o->grantee = dup(x, val(r, i, R_GRANTEE));
		o->privileges = privilege_bits(x, val(r, i, R_PRIVS));
		o->grantable = privilege_bits(x, val(r, i, R_GR));
		o->implicit = val(r, i, R_OWN) && val(r, i, R_OWN)[0] == 't';
		if (!x->st.rc)
			fail(x, plumb__pg_grant_define(x->st.ctx, x->st.arena, o));
	}
}
