/*
 * The offline builder's DROP: the object a DROP names is checked as
 * PostgreSQL does (unless IF EXISTS) and forgotten in the catalog being
 * built, a table with its indexes. It creates nothing and follows no other
 * dependency (CASCADE is not modelled).
 */
#include <string.h>

#include "dialect/pg/offline_int.h"

/* --- DROP ----------------------------------------------------------------------------------- */

/* Whether the object a DROP without IF EXISTS names is there; when not, an
 * error as PostgreSQL's. Types and domains are not checked: not every kind
 * of type is modelled. */
static bool drop_target_exists(ox *x, PgQuery__DropStmt *ds, const char *schema, const char *name)
{
	const char *what = NULL;
	bool found = true;
	switch (ds->remove_type) {
	case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE:
		what = "table";
		found = find_table(x, schema, name) != NULL;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
	case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
		what = ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_VIEW ? "view" : "materialized view";
		found = find_view(x, schema, name) != NULL;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
		what = "index";
		found = false;
		for (size_t j = 0; j < x->cat->indexes.n && !found; j++) {
			const plumb_index *ix = x->cat->indexes.items[j];
			found = strcmp(ix->schema, schema) == 0 && strcmp(ix->name, name) == 0;
		}
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		what = "sequence";
		found = find_object(x, PLUMB_OBJ_SEQUENCE, schema, name) != NULL;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_COLLATION:
		what = "collation";
		found = find_object(x, PLUMB_OBJ_COLLATION, schema, name) != NULL;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
		what = "schema";
		found = strcmp(name, "public") == 0 || find_object(x, PLUMB_OBJ_SCHEMA, NULL, name);
		schema = NULL;
		break;
	case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION:
		what = "extension";
		found = false;
		for (size_t j = 0; j < x->cat->objects.n && !found; j++) {
			const plumb_object *e = x->cat->objects.items[j];
			found = e->kind == PLUMB_OBJ_EXTENSION && strcmp(e->name, name) == 0;
		}
		schema = NULL;
		break;
	default:
		break;
	}
	if (found || ds->missing_ok)
		return true;
	error_at(x, x->loc, "%s \"%s\" does not exist", what,
		 schema ? shown(x, schema, name) : name);
	return false;
}

void drop_objects(ox *x, PgQuery__DropStmt *ds)
{
	for (size_t i = 0; i < ds->n_objects && !x->st.rc; i++) {
		PgQuery__Node *obj = ds->objects[i];
		const char *schema = "public", *name = NULL;
		if (obj->node_case == PG_QUERY__NODE__NODE_LIST)
			split_names(obj->list->items, obj->list->n_items, &schema, &name);
		else if (obj->node_case == PG_QUERY__NODE__NODE_STRING)
			name = plumb__pg_strval(obj);
		else if (obj->node_case == PG_QUERY__NODE__NODE_TYPE_NAME)
			split_names(obj->type_name->names, obj->type_name->n_names, &schema, &name);
		if (name && !drop_target_exists(x, ds, schema, name))
			return;
		switch (ds->remove_type) {
		case PG_QUERY__OBJECT_TYPE__OBJECT_TABLE: {
			plumb_table *t = name ? find_table(x, schema, name) : NULL;
			if (t) {
				remove_item(&x->cat->tables, t);
				forget_name(x, &x->relnames, schema, name);
				for (size_t j = x->cat->indexes.n; j-- > 0;) {
					plumb_index *ix = x->cat->indexes.items[j];
					if (strcmp(ix->schema, schema) == 0 && strcmp(ix->table, name) == 0)
						plumb_vec_remove(&x->cat->indexes, j);
				}
			}
			break;
		}
		case PG_QUERY__OBJECT_TYPE__OBJECT_INDEX:
			for (size_t j = 0; name && j < x->cat->indexes.n; j++) {
				plumb_index *ix = x->cat->indexes.items[j];
				if (strcmp(ix->schema, schema) == 0 && strcmp(ix->name, name) == 0) {
					plumb_vec_remove(&x->cat->indexes, j);
					forget_name(x, &x->relnames, schema, name);
					break;
				}
			}
			break;
		case PG_QUERY__OBJECT_TYPE__OBJECT_VIEW:
		case PG_QUERY__OBJECT_TYPE__OBJECT_MATVIEW:
			for (size_t j = 0; name && j < x->cat->views.n; j++) {
				plumb_view *v = x->cat->views.items[j];
				if (strcmp(v->schema, schema) == 0 && strcmp(v->name, name) == 0) {
					plumb_vec_remove(&x->cat->views, j);
					forget_name(x, &x->relnames, schema, name);
					break;
				}
			}
			break;
		case PG_QUERY__OBJECT_TYPE__OBJECT_COLLATION: {
			plumb_object *o = name ? find_object(x, PLUMB_OBJ_COLLATION, schema, name) : NULL;
			if (o)
				remove_item(&x->cat->objects, o);
			break;
		}
		case PG_QUERY__OBJECT_TYPE__OBJECT_TYPE:
		case PG_QUERY__OBJECT_TYPE__OBJECT_DOMAIN:
		case PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE:
		case PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA:
		case PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION: {
			if (!name)
				break;
			plumb_obj_kind kinds[3] = {PLUMB_OBJ_ENUM, PLUMB_OBJ_TYPE, PLUMB_OBJ_DOMAIN};
			size_t nk = 3;
			if (ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_SEQUENCE) {
				kinds[0] = PLUMB_OBJ_SEQUENCE;
				nk = 1;
			} else if (ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_SCHEMA) {
				kinds[0] = PLUMB_OBJ_SCHEMA;
				nk = 1;
			} else if (ds->remove_type == PG_QUERY__OBJECT_TYPE__OBJECT_EXTENSION) {
				kinds[0] = PLUMB_OBJ_EXTENSION;
				nk = 1;
			}
			for (size_t k = 0; k < nk; k++) {
				const char *s = kinds[k] == PLUMB_OBJ_SCHEMA ? NULL : schema;
				plumb_object *o = NULL;
				if (kinds[k] == PLUMB_OBJ_EXTENSION) {
					for (size_t j = 0; j < x->cat->objects.n; j++) {
						plumb_object *e = x->cat->objects.items[j];
						if (e->kind == PLUMB_OBJ_EXTENSION && strcmp(e->name, name) == 0)
							o = e;
					}
				} else {
					o = find_object(x, kinds[k], s, name);
				}
				if (o && o->kind == PLUMB_OBJ_EXTENSION)
					note_extension(x, o->name, NULL);
				if (o)
					remove_item(&x->cat->objects, o);
			}
			break;
		}
		default:
			break;
		}
	}
}
