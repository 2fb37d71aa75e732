/*
 * Introspection of operator families and classes in one query: a row per
 * family ('a', first), per class ('c'), per operator ('o', pg_amop) and
 * per support function ('p', pg_amproc), a family's rows together, written
 * as opclass.c's canonical texts as the offline builder writes the
 * statements. The server's own and those an extension created are left out
 * (a class of one's family too).
 */
#include "dialect/pg/introspect_int.h"
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/opclass.h"

enum {
	K_KIND,
	K_FNSP,
	K_FNAME,
	K_AM,
	K_CNSP,
	K_CNAME,
	K_TYPE,
	K_DEFAULT,
	K_STORAGE,
	K_NUM,
	K_LEFT,
	K_RIGHT,
	K_RNSP,
	K_REF,
	K_ARGS,
	K_SNSP,
	K_SORT
};
static const char q_opfamilies[] =
	"WITH fam AS (SELECT f.oid, n.nspname, f.opfname, a.amname FROM pg_opfamily f "
	"JOIN pg_namespace n ON n.oid = f.opfnamespace JOIN pg_am a ON a.oid = f.opfmethod "
	"WHERE " NSP_OK("n") " AND " NOT_EXT("pg_opfamily", "f.oid") ") "
	"SELECT 'a' k, fam.nspname, fam.opfname, fam.amname, NULL, NULL, NULL, NULL, NULL, NULL, "
	"NULL, NULL, NULL, NULL, NULL::text[], NULL, NULL FROM fam "
	"UNION ALL SELECT 'c', fam.nspname, fam.opfname, fam.amname, n.nspname, c.opcname, "
	"format_type(c.opcintype, NULL), c.opcdefault::text, "
	"CASE WHEN c.opckeytype <> 0 THEN format_type(c.opckeytype, NULL) END, NULL, NULL, NULL, "
	"NULL, NULL, NULL, NULL, NULL FROM pg_opclass c JOIN fam ON fam.oid = c.opcfamily "
	"JOIN pg_namespace n ON n.oid = c.opcnamespace "
	"WHERE " NOT_EXT("pg_opclass", "c.oid") " "
	"UNION ALL SELECT 'o', fam.nspname, fam.opfname, fam.amname, NULL, NULL, NULL, NULL, NULL, "
	"o.amopstrategy::text, format_type(o.amoplefttype, NULL), "
	"format_type(o.amoprighttype, NULL), opn.nspname, op.oprname, NULL, sn.nspname, "
	"sf.opfname FROM pg_amop o JOIN fam ON fam.oid = o.amopfamily "
	"JOIN pg_operator op ON op.oid = o.amopopr "
	"JOIN pg_namespace opn ON opn.oid = op.oprnamespace "
	"LEFT JOIN pg_opfamily sf ON sf.oid = o.amopsortfamily "
	"LEFT JOIN pg_namespace sn ON sn.oid = sf.opfnamespace "
	"UNION ALL SELECT 'p', fam.nspname, fam.opfname, fam.amname, NULL, NULL, NULL, NULL, NULL, "
	"p.amprocnum::text, format_type(p.amproclefttype, NULL), "
	"format_type(p.amprocrighttype, NULL), pn.nspname, pr.proname, "
	"ARRAY(SELECT format_type(u.t, NULL) FROM unnest(pr.proargtypes::oid[]) "
	"WITH ORDINALITY u(t, ord) ORDER BY u.ord), NULL, NULL "
	"FROM pg_amproc p JOIN fam ON fam.oid = p.amprocfamily "
	"JOIN pg_proc pr ON pr.oid = p.amproc JOIN pg_namespace pn ON pn.oid = pr.pronamespace "
	"ORDER BY 2, 3, 4, 1, 6";

static const char *type_of(ictx *x, PGresult *r, int i, int col)
{
	const char *t = val(r, i, col);
	return t ? canon(x, CANON_TYPE, t) : NULL;
}

/* The member of row i ('o' or 'p'). */
static bool member(ictx *x, PGresult *r, int i, plumb_pg_opmember *m)
{
	bool op = val(r, i, K_KIND)[0] == 'o';
	*m = (plumb_pg_opmember){.kind = op ? 'o' : 'f',
				 .number = atoi(val(r, i, K_NUM)),
				 .left = type_of(x, r, i, K_LEFT),
				 .right = type_of(x, r, i, K_RIGHT)};
	if (op) {
		m->ref = plumb__pg_opc_oper_ref(x->st.arena, val(r, i, K_RNSP), val(r, i, K_REF));
		if (val(r, i, K_SORT))
			m->sortfamily = plumb__pg_opc_ref(x->st.arena, val(r, i, K_SNSP),
							  val(r, i, K_SORT), "btree");
		return m->ref && m->left && m->right;
	}
	size_t n = 0;
	const char **args = array(x, r, i, K_ARGS, &n);
	plumb_buf b;
	plumb_buf_init(&b, x->st.arena, 0);
	plumb_buf_puts(&b, plumb__pg_proc_ref(x->st.arena, val(r, i, K_RNSP), val(r, i, K_REF)));
	plumb_buf_putc(&b, '(');
	for (size_t j = 0; j < n && args; j++)
		plumb_buf_printf(&b, "%s%s", j ? ", " : "", canon(x, CANON_TYPE, args[j]));
	plumb_buf_putc(&b, ')');
	m->ref = b.failed ? NULL : b.data;
	return m->ref && m->left && m->right;
}

void read_opfamilies(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read operator families and classes", q_opfamilies, &r) < 0)
		return;
	int rows = PQntuples(r);
	plumb_pg_opmember *m = plumb_arena_alloc(x->st.arena, ((size_t)rows + 1) * sizeof(*m));
	if (!m) {
		fail(x, PLUMB_ENOMEM);
		return;
	}
	plumb_object *f = NULL;
	size_t n = 0;
	for (int i = 0; i <= rows && !x->st.rc; i++) {
		char k = i < rows ? val(r, i, K_KIND)[0] : 0;
		if (f && (k == 'a' || k == 0)) {
			if (plumb__pg_opfamily_define(x->st.arena, f, m, n) < 0)
				fail(x, PLUMB_ENOMEM);
			f = NULL;
		}
		if (k == 0)
			break;
		const char *fnsp = val(r, i, K_FNSP), *fname = val(r, i, K_FNAME);
		const char *am = val(r, i, K_AM);
		if (k == 'a') {
			char *name = plumb__pg_opc_name(x->st.arena, fname, am);
			f = name ? new_object(x, PLUMB_OBJ_OPFAMILY, fnsp, name) : NULL;
			n = 0;
			if (!name)
				fail(x, PLUMB_ENOMEM);
		} else if (k == 'c') {
			const char *cnsp = val(r, i, K_CNSP), *cname = val(r, i, K_CNAME);
			char *name = plumb__pg_opc_name(x->st.arena, cname, am);
			plumb_object *o = name ? new_object(x, PLUMB_OBJ_OPCLASS, cnsp, name) : NULL;
			if (!o) {
				if (!name)
					fail(x, PLUMB_ENOMEM);
				return;
			}
			o->sql = o->definition = plumb__pg_opclass_define(
				x->st.arena, cnsp, cname, strcmp(val(r, i, K_DEFAULT), "true") == 0,
				type_of(x, r, i, K_TYPE), am,
				plumb__pg_qualified(x->st.arena, fnsp, fname),
				type_of(x, r, i, K_STORAGE));
			const char *dep = plumb_arena_printf(x->st.arena, "%s.%s USING %s", fnsp,
							     fname, am);
			if (!o->sql || !dep) {
				fail(x, PLUMB_ENOMEM);
				return;
			}
			push(x, &o->depends, (void *)dep);
		} else if (f && member(x, r, i, &m[n])) {
			n++;
		} else if (f) {
			fail(x, PLUMB_ENOMEM);
		}
	}
}
