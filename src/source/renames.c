/*
 * Rename annotations for catalogs built in a scratch database. A schema file
 * says `-- plumb:renamed from=old` in a comment, which the server drops: the
 * exact (--dev-url) path would plan a rename as a drop and an add. Here the
 * same files are read by the dialect's offline builder, the parser the
 * offline path uses, and each annotation it finds is attached to the object
 * of the same name in the introspected catalog. Nothing else is taken from
 * the offline catalog.
 */
#include <string.h>

#include "source/annot.h"
#include "source/source.h"

/* Whether any file holds an annotation's marker (annot.h; the offline
 * builder reads the comments with annot.c's parser). */
static bool mentions_renames(const plumb_vec *files)
{
	for (size_t i = 0; i < files->n; i++) {
		const plumb_sql_file *f = files->items[i];
		if (plumb__annot_mentioned(f->text, f->len ? f->len : strlen(f->text)))
			return true;
	}
	return false;
}

static plumb_constraint *find_constraint(const plumb_catalog *cat, const plumb_table *t,
					 const char *name)
{
	for (size_t i = 0; name && i < t->constraints.n; i++) {
		plumb_constraint *c = t->constraints.items[i];
		if (c->name && plumb_catalog_name_eq(cat, c->name, name))
			return c;
	}
	return NULL;
}

static void carry_table(const plumb_catalog *exact, const plumb_table *from)
{
	plumb_table *to = plumb_catalog_find(exact, PLUMB_OBJ_TABLE, from->schema, from->name);
	if (!to)
		return;
	if (from->renamed_from)
		to->renamed_from = from->renamed_from;
	for (size_t i = 0; i < from->columns.n; i++) {
		const plumb_column *fc = from->columns.items[i];
		plumb_column *tc;
		if (fc->renamed_from && (tc = plumb_table_find_column(exact, to, fc->name)))
			tc->renamed_from = fc->renamed_from;
	}
	for (size_t i = 0; i < from->constraints.n; i++) {
		const plumb_constraint *fk = from->constraints.items[i];
		plumb_constraint *tk;
		if (fk->renamed_from && (tk = find_constraint(exact, to, fk->name)))
			tk->renamed_from = fk->renamed_from;
	}
}

int plumb__source_carry_renames(plumb_ctx *ctx, plumb_arena *arena, const plumb_dialect *dialect,
				const plumb_vec *files, plumb_catalog *exact)
{
	plumb_catalog *offline;
	int rc;

	if (!dialect->load_schema || !mentions_renames(files))
		return 0;
	if ((rc = dialect->load_schema(ctx, arena, files, &offline)) < 0) {
		plumb_error_add_detail(ctx, "rename annotations are read offline, also with "
					    "--dev-url: a schema with -- plumb:renamed must be one "
					    "plumb can read offline");
		return rc;
	}
	for (size_t i = 0; i < offline->tables.n; i++)
		carry_table(exact, offline->tables.items[i]);
	for (size_t i = 0; i < offline->indexes.n; i++) {
		const plumb_index *fi = offline->indexes.items[i];
		plumb_index *ti;
		if (fi->renamed_from &&
		    (ti = plumb_catalog_find(exact, PLUMB_OBJ_INDEX, fi->schema, fi->name)))
			ti->renamed_from = fi->renamed_from;
	}
	for (size_t i = 0; i < offline->objects.n; i++) {
		const plumb_object *fo = offline->objects.items[i];
		plumb_object *to;
		if (!fo->renamed_from && !fo->renamed_values.n)
			continue;
		if (!(to = plumb_catalog_find(exact, fo->kind, fo->schema, fo->name)))
			continue;
		if (fo->renamed_from)
			to->renamed_from = fo->renamed_from;
		if (fo->renamed_values.n)
			to->renamed_values = fo->renamed_values;
	}
	return 0;
}
