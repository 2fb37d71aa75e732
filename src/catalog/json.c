/*
 * The catalog as JSON (jansson): a stable form with sorted keys and two-space
 * indentation, for `inspect --format json` and snapshots. It writes only; it
 * does not read snapshots back.
 */
#include <stdlib.h>

#include <jansson.h>

#include "catalog/catalog.h"
#include "catalog/kinds.h"

/* Each builder returns NULL when out of memory; jansson's *_new functions
 * take NULL arguments as failure, so one check at the end suffices. */

static json_t *str_or_null(const char *s)
{
	return s ? json_string(s) : json_null();
}

static json_t *str_array(const char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < n; i++)
		if (json_array_append_new(a, json_string(v[i])) < 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}

static json_t *vec_array(const plumb_vec *v)
{
	return str_array((const char *const *)v->items, v->n);
}

static const char *con_kind(plumb_con_kind k)
{
	switch (k) {
	case PLUMB_CON_PRIMARY_KEY:
		return "primary key";
	case PLUMB_CON_UNIQUE:
		return "unique";
	case PLUMB_CON_CHECK:
		return "check";
	case PLUMB_CON_FOREIGN_KEY:
		return "foreign key";
	case PLUMB_CON_EXCLUDE:
		return "exclude";
	}
	return "constraint";
}

/* Sets key to value in o; false (and o freed) on failure. */
static bool set(json_t *o, const char *key, json_t *value)
{
	return value && json_object_set_new(o, key, value) == 0;
}

static json_t *column_json(const plumb_column *c)
{
	json_t *o = json_object();
	if (o && set(o, "name", json_string(c->name)) && set(o, "type", json_string(c->type)) &&
	    set(o, "not_null", json_boolean(c->not_null)) &&
	    set(o, "default", str_or_null(c->default_sql)) &&
	    set(o, "collation", str_or_null(c->collation)) &&
	    set(o, "generated", str_or_null(c->generated_sql)) &&
	    set(o, "stored", json_boolean(c->generated_stored)) &&
	    set(o, "hidden", json_boolean(c->hidden)) &&
	    set(o, "pk_position", json_integer(c->pk_position)) &&
	    set(o, "definition", str_or_null(c->definition)) &&
	    set(o, "renamed_from", str_or_null(c->renamed_from)) &&
	    (!c->inherited || set(o, "inherited", json_true())) &&
	    (!c->identity || (set(o, "identity", json_string(c->identity)) &&
			      set(o, "identity_options", str_or_null(c->identity_options)))))
		return o;
	json_decref(o);
	return NULL;
}

static json_t *constraint_json(const plumb_constraint *k)
{
	json_t *o = json_object();
	bool fk = k->kind == PLUMB_CON_FOREIGN_KEY;
	if (!o || !set(o, "kind", json_string(con_kind(k->kind))) ||
	    !set(o, "name", str_or_null(k->name)) ||
	    !set(o, "columns", str_array(k->columns, k->n_columns)) ||
	    !set(o, "column_level", json_boolean(k->column_level)) ||
	    !set(o, "definition", str_or_null(k->definition)))
		goto fail;
	if (k->kind == PLUMB_CON_CHECK && !set(o, "check", str_or_null(k->check_sql)))
		goto fail;
	if (k->kind == PLUMB_CON_PRIMARY_KEY &&
	    !set(o, "autoincrement", json_boolean(k->autoincrement)))
		goto fail;
	if (fk && !(set(o, "ref_schema", str_or_null(k->ref_schema)) &&
		    set(o, "ref_table", str_or_null(k->ref_table)) &&
		    set(o, "ref_columns", str_array(k->ref_columns, k->n_ref_columns)) &&
		    set(o, "on_delete", str_or_null(k->on_delete)) &&
		    set(o, "on_update", str_or_null(k->on_update)) &&
		    set(o, "match", str_or_null(k->match)) &&
		    set(o, "deferrable", json_boolean(k->deferrable)) &&
		    set(o, "initially_deferred", json_boolean(k->initially_deferred))))
		goto fail;
	return o;
fail:
	json_decref(o);
	return NULL;
}

static json_t *table_json(const void *p)
{
	const plumb_table *t = p;
	json_t *o = json_object(), *cols = json_array(), *cons = json_array();
	if (!o || !cols || !cons)
		goto fail;
	for (size_t i = 0; i < t->columns.n; i++)
		if (json_array_append_new(cols, column_json(t->columns.items[i])) < 0)
			goto fail;
	for (size_t i = 0; i < t->constraints.n; i++)
		if (json_array_append_new(cons, constraint_json(t->constraints.items[i])) < 0)
			goto fail;
	if (set(o, "columns", cols) && set(o, "constraints", cons) &&
	    set(o, "name", json_string(t->name)) && set(o, "schema", str_or_null(t->schema)) &&
	    set(o, "without_rowid", json_boolean(t->without_rowid)) &&
	    set(o, "strict", json_boolean(t->strict)) && set(o, "sql", str_or_null(t->sql)) &&
	    set(o, "renamed_from", str_or_null(t->renamed_from)) &&
	    set(o, "unlogged", json_boolean(t->unlogged)) &&
	    set(o, "partition_by", str_or_null(t->partition_by)) &&
	    set(o, "partition_of", str_or_null(t->partition_of)) &&
	    set(o, "partition_bound", str_or_null(t->partition_bound)) &&
	    set(o, "rls_enabled", json_boolean(t->rls_enabled)) &&
	    set(o, "rls_forced", json_boolean(t->rls_forced)) &&
	    (!t->options || set(o, "options", json_string(t->options))) &&
	    (!t->replica_identity ||
	     set(o, "replica_identity", json_string(t->replica_identity))) &&
	    (!t->inherits.n || set(o, "inherits", vec_array(&t->inherits))))
		return o;
	json_decref(o);
	return NULL;
fail:
	json_decref(cols);
	json_decref(cons);
	json_decref(o);
	return NULL;
}

static json_t *index_json(const void *p)
{
	const plumb_index *x = p;
	json_t *o = json_object();
	if (o && set(o, "name", json_string(x->name)) && set(o, "schema", str_or_null(x->schema)) &&
	    set(o, "table", json_string(x->table)) && set(o, "unique", json_boolean(x->unique)) &&
	    set(o, "keys", vec_array(&x->keys)) && set(o, "where", str_or_null(x->where_sql)) &&
	    set(o, "sql", str_or_null(x->sql)) && set(o, "definition", str_or_null(x->definition)))
		return o;
	json_decref(o);
	return NULL;
}

static json_t *view_json(const void *p)
{
	const plumb_view *v = p;
	json_t *o = json_object();
	if (o && set(o, "name", json_string(v->name)) && set(o, "schema", str_or_null(v->schema)) &&
	    set(o, "sql", str_or_null(v->sql)) && set(o, "definition", str_or_null(v->definition)) &&
	    set(o, "depends", vec_array(&v->depends)) &&
	    set(o, "materialized", json_boolean(v->materialized)))
		return o;
	json_decref(o);
	return NULL;
}

static json_t *trigger_json(const void *p)
{
	const plumb_trigger *t = p;
	json_t *o = json_object();
	if (o && set(o, "name", json_string(t->name)) && set(o, "schema", str_or_null(t->schema)) &&
	    set(o, "table", json_string(t->table)) && set(o, "sql", str_or_null(t->sql)) &&
	    set(o, "definition", str_or_null(t->definition)) &&
	    set(o, "depends", vec_array(&t->depends)))
		return o;
	json_decref(o);
	return NULL;
}

static json_t *object_json(const void *p)
{
	const plumb_object *x = p;
	const plumb_kind_desc *d = plumb_kind(x->kind);
	json_t *o = json_object();
	if (o && set(o, "kind", json_string(d->name)) &&
	    set(o, "name", json_string(x->name)) && set(o, "schema", str_or_null(x->schema)) &&
	    set(o, "table", str_or_null(x->table)) && set(o, "sql", str_or_null(x->sql)) &&
	    set(o, "definition", str_or_null(x->definition)) &&
	    set(o, "depends", vec_array(&x->depends)) &&
	    (!x->implicit || set(o, "implicit", json_true())) &&
	    (!x->on_unmanaged || set(o, "on_unmanaged", json_string(x->on_unmanaged))) &&
	    (d->compare != PLUMB_COMPARE_VALUES || set(o, "values", vec_array(&x->values))) &&
	    (!d->versioned || set(o, "version", str_or_null(x->version))))
		return o;
	json_decref(o);
	return NULL;
}

static json_t *list(const plumb_vec *v, json_t *(*one)(const void *))
{
	json_t *a = json_array();
	for (size_t i = 0; a && i < v->n; i++)
		if (json_array_append_new(a, one(v->items[i])) < 0) {
			json_decref(a);
			return NULL;
		}
	return a;
}

int plumb_catalog_to_json(plumb_ctx *ctx, const plumb_catalog *cat, plumb_arena *arena,
			  char **out)
{
	int rc = 0;
	char *text = NULL;
	json_t *root = json_object();
	*out = NULL;
	if (!root || !set(root, "dialect", str_or_null(cat->dialect)) ||
	    !set(root, "tables", list(&cat->tables, table_json)) ||
	    !set(root, "indexes", list(&cat->indexes, index_json)) ||
	    !set(root, "views", list(&cat->views, view_json)) ||
	    !set(root, "triggers",
		 list(&cat->triggers, trigger_json)) ||
	    !set(root, "objects", list(&cat->objects, object_json))) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	text = json_dumps(root, JSON_INDENT(2) | JSON_SORT_KEYS);
	if (!text || !(*out = plumb_arena_printf(arena, "%s\n", text)))
		rc = plumb_error_nomem(ctx);
done:
	free(text);
	json_decref(root);
	return rc;
}
