/*
 * Introspection of publications, read with one catalog query: FOR ALL
 * TABLES, the publish flags and publish_via_partition_root, the tables
 * (with their column lists and WHERE conditions from PostgreSQL 15) and the
 * schemas (15 too), into the fields publication.c writes the canonical text
 * from. Subscriptions are not read: they hold connection strings.
 */
#include <string.h>

#include "dialect/pg/introspect_int.h"

enum { B_NAME, B_ALL, B_INS, B_UPD, B_DEL, B_TRUNC, B_ROOT, B_RELS, B_COLS, B_QUALS, B_NSPS };
#define PUB_HEAD                                                                                   \
	"SELECT p.pubname, p.puballtables, p.pubinsert, p.pubupdate, p.pubdelete, "                \
	"p.pubtruncate, p.pubviaroot, "                                                            \
	"ARRAY(SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) "                    \
	"FROM pg_publication_rel pr JOIN pg_class c ON c.oid = pr.prrelid "                        \
	"JOIN pg_namespace n ON n.oid = c.relnamespace WHERE pr.prpubid = p.oid "                  \
	"ORDER BY pr.oid), "
static const char q_pubs15[] =
	PUB_HEAD "ARRAY(SELECT coalesce((SELECT string_agg(quote_ident(a.attname), ', ' "
		 "ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = pr.prrelid "
		 "AND a.attnum = ANY(pr.prattrs)), '') FROM pg_publication_rel pr "
		 "WHERE pr.prpubid = p.oid ORDER BY pr.oid), "
		 "ARRAY(SELECT coalesce(pg_get_expr(pr.prqual, pr.prrelid), '') "
		 "FROM pg_publication_rel pr WHERE pr.prpubid = p.oid ORDER BY pr.oid), "
		 "ARRAY(SELECT quote_ident(n.nspname) FROM pg_publication_namespace pn "
		 "JOIN pg_namespace n ON n.oid = pn.pnnspid WHERE pn.pnpubid = p.oid) "
		 "FROM pg_publication p ORDER BY p.pubname";
static const char q_pubs13[] =
	PUB_HEAD "ARRAY(SELECT '' FROM pg_publication_rel pr WHERE pr.prpubid = p.oid), "
		 "ARRAY(SELECT '' FROM pg_publication_rel pr WHERE pr.prpubid = p.oid), "
		 "'{}'::text[] FROM pg_publication p ORDER BY p.pubname";

void read_publications(ictx *x)
{
	PGresult *r;
	bool v15 = PQserverVersion(x->c->pg) >= 150000;
	if (run(x, "could not read publications", v15 ? q_pubs15 : q_pubs13, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		plumb_object *o = new_object(x, PLUMB_OBJ_PUBLICATION, NULL, val(r, i, B_NAME));
		if (!o)
			return;
		at(x, "publication %s", o->name);
		o->all_tables = flag(r, i, B_ALL);
		o->pub_options = plumb__pg_publication_options(
			x->st.arena, flag(r, i, B_INS), flag(r, i, B_UPD), flag(r, i, B_DEL),
			flag(r, i, B_TRUNC), flag(r, i, B_ROOT));
		size_t nr, nc, nq, ns;
		const char **rels = array(x, r, i, B_RELS, &nr),
			   **cols = array(x, r, i, B_COLS, &nc);
		const char **quals = array(x, r, i, B_QUALS, &nq),
			   **nsps = array(x, r, i, B_NSPS, &ns);
		for (size_t j = 0; j < nr && !x->st.rc; j++) {
			const char *c = j < nc && cols[j] && *cols[j] ? cols[j] : NULL;
			const char *q = j < nq && quals[j] && *quals[j]
						? canon(x, CANON_EXPR, quals[j])
						: NULL;
			push(x, &o->values,
			     (void *)fmt(x, "TABLE %s%s%s%s%s%s%s", rels[j], c ? " (" : "",
					 c ? c : "", c ? ")" : "", q ? " WHERE (" : "", q ? q : "",
					 q ? ")" : ""));
		}
		for (size_t j = 0; j < ns; j++)
			push(x, &o->values, (void *)fmt(x, "TABLES IN SCHEMA %s", nsps[j]));
		fail(x, plumb__pg_publication_define(x->st.ctx, x->st.arena, o));
	}
}

/* --- event triggers ----------------------------------------------------------- */

enum { V_NAME, V_EVENT, V_FNSP, V_FNAME, V_ENABLED, V_TAGS };
static const char q_event_triggers[] =
	"SELECT v.evtname, v.evtevent, n.nspname, p.proname, v.evtenabled, "
	"coalesce(v.evttags, '{}') FROM pg_event_trigger v JOIN pg_proc p ON p.oid = v.evtfoid "
	"JOIN pg_namespace n ON n.oid = p.pronamespace "
	"WHERE " NOT_EXT("pg_event_trigger", "v.oid") " ORDER BY v.evtname";

void read_event_triggers(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read event triggers", q_event_triggers, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		plumb_object *o = new_object(x, PLUMB_OBJ_EVENT_TRIGGER, NULL, val(r, i, V_NAME));
		if (!o)
			return;
		at(x, "event trigger %s", o->name);
		const char *en = val(r, i, V_ENABLED);
		o->evt_enabled = *en == 'D'   ? "DISABLE"
				 : *en == 'R' ? "ENABLE REPLICA"
				 : *en == 'A' ? "ENABLE ALWAYS"
					      : NULL;
		size_t n;
		const char **tags = array(x, r, i, V_TAGS, &n);
		fail(x, plumb__pg_event_trigger_define(x->st.ctx, x->st.arena, o, val(r, i, V_EVENT),
						       tags, n, val(r, i, V_FNSP),
						       val(r, i, V_FNAME)));
	}
}
