/*
 * Introspection of operators, casts and text search dictionaries and
 * configurations: one catalog query each, every row
 * written as operator.c's canonical text from pg_operator's or pg_cast's
 * fields, as the offline builder writes the statements. Shell operators
 * (named by a COMMUTATOR or NEGATOR, never defined), the server's own,
 * those an extension created and the casts a range type makes for its
 * multirange are left out.
 */
#include "dialect/pg/introspect_int.h"
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/operator.h"
#include "dialect/pg/textsearch.h"

enum {
	O_NSP,
	O_NAME,
	O_LEFT,
	O_RIGHT,
	O_PNSP,
	O_PROC,
	O_CNSP,
	O_COM,
	O_NNSP,
	O_NEG,
	O_RNSP,
	O_REST,
	O_JNSP,
	O_JOIN,
	O_HASH,
	O_MERGE
};
static const char q_operators[] =
	"SELECT n.nspname, o.oprname, "
	"CASE WHEN o.oprleft <> 0 THEN format_type(o.oprleft, NULL) END, "
	"CASE WHEN o.oprright <> 0 THEN format_type(o.oprright, NULL) END, "
	"pn.nspname, p.proname, cn.nspname, c.oprname, nn.nspname, ng.oprname, "
	"rn.nspname, r.proname, jn.nspname, j.proname, o.oprcanhash, o.oprcanmerge "
	"FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace "
	"JOIN pg_proc p ON p.oid = o.oprcode JOIN pg_namespace pn ON pn.oid = p.pronamespace "
	"LEFT JOIN pg_operator c ON c.oid = o.oprcom "
	"LEFT JOIN pg_namespace cn ON cn.oid = c.oprnamespace "
	"LEFT JOIN pg_operator ng ON ng.oid = o.oprnegate "
	"LEFT JOIN pg_namespace nn ON nn.oid = ng.oprnamespace "
	"LEFT JOIN pg_proc r ON r.oid = o.oprrest "
	"LEFT JOIN pg_namespace rn ON rn.oid = r.pronamespace "
	"LEFT JOIN pg_proc j ON j.oid = o.oprjoin "
	"LEFT JOIN pg_namespace jn ON jn.oid = j.pronamespace "
	"WHERE " NSP_OK("n") " AND " NOT_EXT("pg_operator", "o.oid") " ORDER BY 1, 2, 3, 4";

enum { C_SOURCE, C_TARGET, C_METHOD, C_CONTEXT, C_PNSP, C_PROC, C_ARGS };
static const char q_casts[] =
	"SELECT format_type(c.castsource, NULL), format_type(c.casttarget, NULL), c.castmethod, "
	"c.castcontext, pn.nspname, p.proname, "
	"CASE WHEN p.oid IS NOT NULL THEN ARRAY(SELECT format_type(u.t, NULL) "
	"FROM unnest(p.proargtypes::oid[]) WITH ORDINALITY u(t, ord) ORDER BY u.ord) END "
	"FROM pg_cast c LEFT JOIN pg_proc p ON p.oid = c.castfunc "
	"LEFT JOIN pg_namespace pn ON pn.oid = p.pronamespace "
	"WHERE c.oid >= 16384 AND " NOT_EXT("pg_cast", "c.oid") " AND " NOT_INTERNAL(
		"pg_cast", "c.oid") " ORDER BY 1, 2";

/* Column col (a function's name, its schema the column before) as
 * plumb__pg_proc_ref or plumb__pg_oper_ref names it; NULL when NULL. */
static const char *ref(ictx *x, PGresult *r, int i, int col, bool oper)
{
	return obj_ref(x, val(r, i, col - 1), val(r, i, col), oper);
}

static const char *type_of(ictx *x, PGresult *r, int i, int col)
{
	const char *t = val(r, i, col);
	return t ? canon(x, CANON_TYPE, t) : NULL;
}

void read_operators(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read operators", q_operators, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *schema = val(r, i, O_NSP), *base = val(r, i, O_NAME);
		plumb_pg_operator op = {
			.left = type_of(x, r, i, O_LEFT),
			.right = type_of(x, r, i, O_RIGHT),
			.proc = ref(x, r, i, O_PROC, false),
			.commutator = ref(x, r, i, O_COM, true),
			.negator = ref(x, r, i, O_NEG, true),
			.restrict_ = ref(x, r, i, O_REST, false),
			.join = ref(x, r, i, O_JOIN, false),
			.hashes = flag(r, i, O_HASH),
			.merges = flag(r, i, O_MERGE),
		};
		const char *name = plumb__pg_operator_name(x->st.arena, base, op.left, op.right);
		if (!name) {
			fail(x, PLUMB_ENOMEM);
			return;
		}
		plumb_object *o = new_object(x, PLUMB_OBJ_OPERATOR, schema, name);
		if (!o)
			return;
		o->sql = o->definition = plumb__pg_operator_define(x->st.arena, schema, base, &op);
		if (!o->sql)
			fail(x, PLUMB_ENOMEM);
	}
}

void read_casts(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read casts", q_casts, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		plumb_pg_cast c = {
			.source = type_of(x, r, i, C_SOURCE),
			.target = type_of(x, r, i, C_TARGET),
			.method = val(r, i, C_METHOD)[0],
			.context = val(r, i, C_CONTEXT)[0],
		};
		if (c.method == 'f') {
			size_t n = 0;
			const char **args = array(x, r, i, C_ARGS, &n);
			const char *f = ref(x, r, i, C_PROC, false);
			c.func = function_name(x, f ? f : "", args, args ? n : 0);
		}
		if (x->st.rc || !c.source || !c.target)
			return;
		const char *name = plumb__pg_cast_name(x->st.arena, &c);
		plumb_object *o = name ? new_object(x, PLUMB_OBJ_CAST, NULL, name) : NULL;
		if (!o) {
			if (!name)
				fail(x, PLUMB_ENOMEM);
			return;
		}
		o->sql = o->definition = plumb__pg_cast_define(x->st.arena, &c);
		if (!o->sql)
			fail(x, PLUMB_ENOMEM);
	}
}

/* --- text search --------------------------------------------------------------------------- */

enum { D_NSP, D_NAME, D_TNSP, D_TMPL, D_OPTS };
static const char q_ts_dicts[] =
	"SELECT n.nspname, d.dictname, tn.nspname, t.tmplname, d.dictinitoption "
	"FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace "
	"JOIN pg_ts_template t ON t.oid = d.dicttemplate "
	"JOIN pg_namespace tn ON tn.oid = t.tmplnamespace "
	"WHERE " NSP_OK("n") " AND " NOT_EXT("pg_ts_dict", "d.oid") " ORDER BY 1, 2";

/* a configuration's mappings: token ids, dictionaries' schemas and names,
 * in token then sequence order (the three arrays of one lateral join) */
enum { G_NSP, G_NAME, G_PNSP, G_PRS, G_TOKS, G_DNSPS, G_DICTS };
static const char q_ts_configs[] =
	"SELECT n.nspname, c.cfgname, pn.nspname, p.prsname, mp.toks, mp.nsps, mp.dicts "
	"FROM pg_ts_config c JOIN pg_namespace n ON n.oid = c.cfgnamespace "
	"JOIN pg_ts_parser p ON p.oid = c.cfgparser "
	"JOIN pg_namespace pn ON pn.oid = p.prsnamespace "
	"CROSS JOIN LATERAL (SELECT "
	"coalesce(array_agg(m.maptokentype::text ORDER BY m.maptokentype, m.mapseqno), '{}') toks, "
	"coalesce(array_agg(dn.nspname::text ORDER BY m.maptokentype, m.mapseqno), '{}') nsps, "
	"coalesce(array_agg(dd.dictname::text ORDER BY m.maptokentype, m.mapseqno), '{}') dicts "
	"FROM pg_ts_config_map m JOIN pg_ts_dict dd ON dd.oid = m.mapdict "
	"JOIN pg_namespace dn ON dn.oid = dd.dictnamespace WHERE m.mapcfg = c.oid) mp "
	"WHERE " NSP_OK("n") " AND " NOT_EXT("pg_ts_config", "c.oid") " ORDER BY 1, 2";

void read_ts_dicts(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read text search dictionaries", q_ts_dicts, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *schema = val(r, i, D_NSP), *name = val(r, i, D_NAME);
		const char *tmpl = ref(x, r, i, D_TMPL, false);
		plumb_object *o = new_object(x, PLUMB_OBJ_TS_DICT, schema, name);
		if (!o || !tmpl)
			return;
		o->sql = o->definition = plumb__pg_ts_dict_define(x->st.arena, schema, name, tmpl,
								  val(r, i, D_OPTS));
		if (!o->sql)
			fail(x, PLUMB_ENOMEM);
	}
}

void read_ts_configs(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read text search configurations", q_ts_configs, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		size_t n_t, n_s, n_d;
		const char **toks = array(x, r, i, G_TOKS, &n_t);
		const char **nsps = array(x, r, i, G_DNSPS, &n_s);
		const char **dicts = array(x, r, i, G_DICTS, &n_d);
		const char *parser = ref(x, r, i, G_PRS, false);
		plumb_object *o =
			new_object(x, PLUMB_OBJ_TS_CONFIG, val(r, i, G_NSP), val(r, i, G_NAME));
		if (!o || !parser || x->st.rc || n_s != n_t || n_d != n_t)
			return;
		const char *line = NULL, *tok = NULL;
		for (size_t j = 0; j <= n_t && !x->st.rc; j++) {
			if (line && (j == n_t || strcmp(toks[j], tok) != 0)) {
				push(x, &o->values, (void *)line);
				line = NULL;
			}
			if (j == n_t)
				break;
			char *d = plumb__pg_proc_ref(x->st.arena, nsps[j], dicts[j]);
			const char *alias = plumb__pg_ts_token(atoi(toks[j]));
			if (!d) {
				fail(x, PLUMB_ENOMEM);
				return;
			}
			tok = toks[j];
			line = line ? fmt(x, "%s, %s", line, d)
				    : fmt(x, "%s WITH %s", alias ? alias : toks[j], d);
			bool builtin = strcmp(nsps[j], "pg_catalog") == 0;
			const char *k = builtin ? NULL : fmt(x, "%s.%s", nsps[j], dicts[j]);
			bool have = builtin;
			for (size_t m = 0; k && m < o->depends.n && !have; m++)
				have = strcmp(o->depends.items[m], k) == 0;
			if (!have)
				push(x, &o->depends, (void *)k);
		}
		if (plumb__pg_ts_config_define(x->st.arena, o, parser) < 0)
			fail(x, PLUMB_ENOMEM);
	}
}
