/*
 * The offline builder's publications: CREATE PUBLICATION (FOR ALL TABLES,
 * tables with their column lists and WHERE, TABLES IN SCHEMA, WITH
 * publish and publish_via_partition_root), ALTER PUBLICATION ADD, SET and
 * DROP of members and SET (options), RENAME TO, and a table or schema
 * leaving the publications it is in when it is dropped or renamed. Members
 * are kept as FOR writes them (publication.c writes the text). DROP
 * PUBLICATION is offline_drop.c's; subscriptions stay unmanaged.
 */
#include <string.h>

#include "dialect/pg/offline_int.h"

static plumb_object *find_pub(ox *x, const char *name)
{
	return find_object(x, PLUMB_OBJ_PUBLICATION, NULL, name);
}

/* "TABLE s.t" of a member item, to find it by its table. */
static bool item_is(const char *item, const char *head)
{
	size_t n = strlen(head);
	return strncmp(item, head, n) == 0 && (!item[n] || item[n] == ' ');
}

static const char *table_head(ox *x, const char *schema, const char *name)
{
	return fmt(x, "TABLE %s.%s", qi(x, schema), qi(x, name));
}

static bool has_item(const plumb_object *o, const char *head)
{
	for (size_t i = 0; i < o->values.n; i++)
		if (item_is(o->values.items[i], head))
			return true;
	return false;
}

/* The column list of a member: the table's order, each checked. */
static const char *column_list(ox *x, plumb_table *t, PgQuery__Node **cols, size_t n, size_t loc)
{
	plumb_buf b;
	plumb_buf_init(&b, x->tmp, 0);
	size_t found = 0;
	for (size_t i = 0; i < n; i++) {
		const char *c = plumb__pg_strval(cols[i]);
		if (!c || !find_column(t, c)) {
			error_at(x, loc, "column \"%s\" of relation \"%s\" does not exist",
				 c ? c : "", t->name);
			return NULL;
		}
	}
	for (size_t j = 0; j < t->columns.n; j++) {
		const plumb_column *col = t->columns.items[j];
		for (size_t i = 0; i < n; i++)
			if (strcmp(plumb__pg_strval(cols[i]), col->name) == 0) {
				plumb_buf_puts(&b, found++ ? ", " : "");
				plumb_buf_puts(&b, qi(x, col->name));
				break;
			}
	}
	if (found != n) {
		error_at(x, loc, "duplicate column in publication column list");
		return NULL;
	}
	return b.failed ? NULL : fmt(x, "%s", plumb_buf_str(&b));
}

/* The member items of n PublicationObjSpec, into o (add) or checked
 * against it (drop: removed). */
static void members(ox *x, plumb_object *o, PgQuery__Node **objs, size_t n, bool drop, size_t loc)
{
	PgQuery__PublicationObjSpecType kind =
		PG_QUERY__PUBLICATION_OBJ_SPEC_TYPE__PUBLICATIONOBJ_TABLE;
	for (size_t i = 0; i < n && !x->st.rc; i++) {
		if (objs[i]->node_case != PG_QUERY__NODE__NODE_PUBLICATION_OBJ_SPEC)
			continue;
		PgQuery__PublicationObjSpec *sp = objs[i]->publication_obj_spec;
		if (sp->pubobjtype !=
		    PG_QUERY__PUBLICATION_OBJ_SPEC_TYPE__PUBLICATIONOBJ_CONTINUATION)
			kind = sp->pubobjtype;
		const char *item = NULL, *head = NULL, *what = NULL;
		if (kind == PG_QUERY__PUBLICATION_OBJ_SPEC_TYPE__PUBLICATIONOBJ_TABLE) {
			PgQuery__PublicationTable *pt = sp->pubtable;
			PgQuery__RangeVar *rv = pt ? pt->relation : NULL;
			if (!rv && sp->name) /* a continuation: a bare name */
				rv = mk_rangevar(x, NULL, sp->name);
			if (!rv)
				continue;
			plumb_table *t = rv_table(x, rv);
			if (!t) {
				error_at(x, at(x, rv->location), "relation \"%s\" does not exist",
					 shown(x, sch(rv->schemaname), rv->relname));
				return;
			}
			head = table_head(x, t->schema, t->name);
			what = fmt(x, "relation \"%s\"", t->name);
			const char *cols = pt && pt->n_columns ? column_list(x, t, pt->columns,
									     pt->n_columns, loc)
							       : NULL;
			const char *where =
				pt && pt->where_clause ? expr_text(x, pt->where_clause) : NULL;
			if (x->st.rc)
				return;
			item = fmt(x, "%s%s%s%s%s%s%s", head, cols ? " (" : "", cols ? cols : "",
				   cols ? ")" : "", where ? " WHERE (" : "", where ? where : "",
				   where ? ")" : "");
		} else {
			const char *s =
				kind == PG_QUERY__PUBLICATION_OBJ_SPEC_TYPE__PUBLICATIONOBJ_TABLES_IN_CUR_SCHEMA
					? "public"
					: sp->name;
			if (!s)
				continue;
			if (strcmp(s, "public") != 0 &&
			    !find_object(x, PLUMB_OBJ_SCHEMA, NULL, s)) {
				error_at(x, loc, "schema \"%s\" does not exist", s);
				return;
			}
			item = head = fmt(x, "TABLES IN SCHEMA %s", qi(x, s));
			what = fmt(x, "schema \"%s\"", s);
		}
		if (drop) {
			bool gone = false;
			for (size_t j = o->values.n; j-- > 0;)
				if (item_is(o->values.items[j], head)) {
					plumb_vec_remove(&o->values, j);
					gone = true;
				}
			if (!gone)
				error_at(x, loc, "%s is not part of the publication", what);
			continue;
		}
		if (has_item(o, head)) {
			error_at(x, loc, "%s is already member of publication \"%s\"", what,
				 o->name);
			return;
		}
		push(x, &o->values, (void *)item);
	}
}

/* WITH (...) over the flags f. */
static void read_options(ox *x, PgQuery__Node **opts, size_t n, bool f[5], size_t loc)
{
	static const char *const w[4] = {"insert", "update", "delete", "truncate"};
	for (size_t i = 0; i < n && !x->st.rc; i++) {
		if (opts[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		PgQuery__DefElem *d = opts[i]->def_elem;
		const char *v = d->arg ? plumb__pg_strval(d->arg) : NULL;
		if (strcmp(d->defname, "publish") == 0) {
			for (int k = 0; k < 4; k++)
				f[k] = false;
			char *s = v ? plumb_arena_strdup(x->tmp, v) : NULL;
			for (char *tok = s ? strtok(s, ", ") : NULL; tok;
			     tok = strtok(NULL, ", ")) {
				int k = 0;
				while (k < 4 && strcmp(tok, w[k]) != 0)
					k++;
				if (k == 4) {
					error_at(x, loc,
						 "unrecognized value for publication option "
						 "\"%s\": \"%s\"",
						 "publish", tok);
					return;
				}
				f[k] = true;
			}
		} else if (strcmp(d->defname, "publish_via_partition_root") == 0) {
			bool b = true;
			if (d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_BOOLEAN)
				b = d->arg->boolean->boolval;
			else if (v)
				b = strcmp(v, "true") == 0 || strcmp(v, "on") == 0 ||
				    strcmp(v, "1") == 0 || strcmp(v, "yes") == 0;
			else if (d->arg && d->arg->node_case == PG_QUERY__NODE__NODE_INTEGER)
				b = d->arg->integer->ival != 0;
			f[4] = b;
		} else {
			error_at(x, loc, "unrecognized publication parameter: \"%s\"", d->defname);
			return;
		}
	}
}

static void define(ox *x, plumb_object *o, const bool f[5])
{
	o->pub_options = plumb__pg_publication_options(x->st.arena, f[0], f[1], f[2], f[3], f[4]);
	if (!o->pub_options)
		nomem(x);
	else
		fail(x, plumb__pg_publication_define(x->st.ctx, x->st.arena, o));
}

void create_publication(ox *x, PgQuery__CreatePublicationStmt *cs, size_t loc)
{
	if (find_pub(x, cs->pubname)) {
		error_at(x, loc, "publication \"%s\" already exists", cs->pubname);
		return;
	}
	plumb_object *o = new_object(x, PLUMB_OBJ_PUBLICATION, NULL, cs->pubname);
	if (!o)
		return;
	o->renamed_from = annotation_at(x, loc);
	o->all_tables = cs->for_all_tables;
	bool f[5] = {true, true, true, true, false};
	read_options(x, cs->options, cs->n_options, f, loc);
	members(x, o, cs->pubobjects, cs->n_pubobjects, false, loc);
	define(x, o, f);
}

void alter_publication(ox *x, PgQuery__AlterPublicationStmt *as, size_t loc)
{
	plumb_object *o = find_pub(x, as->pubname);
	if (!o) {
		error_at(x, loc, "publication \"%s\" does not exist", as->pubname);
		return;
	}
	bool f[5];
	plumb__pg_publication_flags(o->pub_options, f);
	read_options(x, as->options, as->n_options, f, loc);
	if (as->n_pubobjects && o->all_tables) {
		error_at(x, loc, "publication \"%s\" is defined as FOR ALL TABLES", o->name);
		return;
	}
	switch (as->action) {
	case PG_QUERY__ALTER_PUBLICATION_ACTION__AP_AddObjects:
		members(x, o, as->pubobjects, as->n_pubobjects, false, loc);
		break;
	case PG_QUERY__ALTER_PUBLICATION_ACTION__AP_DropObjects:
		members(x, o, as->pubobjects, as->n_pubobjects, true, loc);
		break;
	case PG_QUERY__ALTER_PUBLICATION_ACTION__AP_SetObjects:
		if (as->n_pubobjects) {
			o->values.n = 0;
			members(x, o, as->pubobjects, as->n_pubobjects, false, loc);
		}
		break;
	default:
		break;
	}
	define(x, o, f);
}

void rename_publication(ox *x, PgQuery__RenameStmt *rs)
{
	const char *old = rs->object ? plumb__pg_strval(rs->object) : NULL;
	plumb_object *o = old ? find_pub(x, old) : NULL;
	if (!o) {
		if (!rs->missing_ok)
			error_at(x, x->loc, "publication \"%s\" does not exist", old ? old : "");
		return;
	}
	if (find_pub(x, rs->newname)) {
		error_at(x, x->loc, "publication \"%s\" already exists", rs->newname);
		return;
	}
	o->name = dup(x, rs->newname);
	plumb_catalog_changed(x->cat);
	bool f[5];
	plumb__pg_publication_flags(o->pub_options, f);
	define(x, o, f);
}

void publications_moved(ox *x, const char *schema, const char *name, const char *nschema,
			const char *nw)
{
	const char *head = table_head(x, schema, name);
	const char *nhead = nw ? table_head(x, nschema, nw) : NULL;
	for (size_t i = 0; head && i < x->cat->objects.n && !x->st.rc; i++) {
		plumb_object *o = x->cat->objects.items[i];
		if (o->kind != PLUMB_OBJ_PUBLICATION)
			continue;
		bool changed = false;
		for (size_t j = o->values.n; j-- > 0;) {
			const char *it = o->values.items[j];
			if (!item_is(it, head))
				continue;
			changed = true;
			if (nhead)
				o->values.items[j] =
					(void *)fmt(x, "%s%s", nhead, it + strlen(head));
			else
				plumb_vec_remove(&o->values, j);
		}
		if (changed) {
			bool f[5];
			plumb__pg_publication_flags(o->pub_options, f);
			define(x, o, f);
		}
	}
}
