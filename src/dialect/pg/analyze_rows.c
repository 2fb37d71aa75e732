/*
 * Row types of the catalog, for analyze.c: the fields of a composite type
 * (read from its CREATE TYPE) or of a table's row type, as names and type
 * codes, and the lookup of a relation or type by name through the
 * catalog's hash, "public" also found unqualified. Reads no query.
 */
#include <string.h>

#include "dialect/pg/analyze_int.h"
#include "dialect/pg/canon_int.h"

void *plumb__pg_catalog_find(const plumb_catalog *cat, plumb_obj_kind kind, const char *schema,
			     const char *name)
{
	void *o = plumb_catalog_find(cat, kind, schema, name);
	if (!o && strcmp(schema, "public") == 0)
		o = plumb_catalog_find(cat, kind, NULL, name);
	return o;
}

int plumb__pg_row_fields(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat,
			 const char *t, const char ***names, const char ***types, size_t *n)
{
	*n = 0;
	if (!t || t == plumb__pg_unknown_type || plumb__pg_type_category(t) || strchr(t, '"') ||
	    strchr(t, '['))
		return 0;
	const char *dot = strchr(t, '.');
	const char *schema = dot ? plumb_arena_strndup(arena, t, (size_t)(dot - t)) : "public";
	const char *name = dot ? dot + 1 : t;
	if (!schema)
		return -1;
	const plumb_table *tb = plumb__pg_catalog_find(cat, PLUMB_OBJ_TABLE, schema, name);
	size_t k = 0;
	const PgQuery__CompositeTypeStmt *ct = NULL;
	if (tb) {
		k = tb->columns.n;
	} else {
		const plumb_object *o = plumb__pg_catalog_find(cat, PLUMB_OBJ_TYPE, schema, name);
		PgQuery__ParseResult *pr = NULL;
		if (!o || !o->sql || plumb__pg_parse(ctx, arena, o->sql, NULL, &pr, NULL) < 0 ||
		    pr->n_stmts != 1 ||
		    pr->stmts[0]->stmt->node_case != PG_QUERY__NODE__NODE_COMPOSITE_TYPE_STMT) {
			plumb_error_clear(ctx);
			return 0;
		}
		ct = pr->stmts[0]->stmt->composite_type_stmt;
		k = ct->n_coldeflist;
	}
	*names = plumb_arena_alloc(arena, (k ? k : 1) * sizeof(**names));
	*types = plumb_arena_alloc(arena, (k ? k : 1) * sizeof(**types));
	if (!*names || !*types)
		return -1;
	for (size_t j = 0; j < k; j++) {
		if (tb) {
			const plumb_column *c = tb->columns.items[j];
			(*names)[j] = c->name;
			(*types)[j] = plumb__pg_type_code(c->type);
			continue;
		}
		const PgQuery__Node *d = ct->coldeflist[j];
		char *text = NULL;
		if (d->node_case != PG_QUERY__NODE__NODE_COLUMN_DEF || !d->column_def->colname ||
		    plumb__pg_type_text(ctx, arena, d->column_def->type_name, &text) < 0) {
			plumb_error_clear(ctx);
			return 0;
		}
		(*names)[j] = d->column_def->colname;
		(*types)[j] = plumb__pg_type_code(text);
	}
	*n = k;
	return 0;
}
