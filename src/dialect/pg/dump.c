/*
 * Writes a whole PostgreSQL catalog as the SQL a person keeps as schema.sql
 * (`plumb pull`): the plan that builds the catalog from nothing, in the
 * planner's dependency order (schemas, extensions, types, sequences,
 * functions, operators, casts, text search objects, operator families and
 * classes, tables, indexes, foreign keys, views, triggers, policies, rules,
 * comments), one statement per paragraph. An invalid index (an interrupted
 * CREATE INDEX CONCURRENTLY) is not written as one: it is left out, its
 * statement kept in a comment at the end, and so are the objects of kinds
 * plumb does not manage (named only) and the privileges on them (a
 * language's: the diff from nothing leaves them out, diff.c). Deterministic: the same catalog
 * gives the same text. It reads no database.
 */
#include "dialect/pg/pg.h"

/* What the database has of kinds plumb does not manage, as a comment at
 * the end: pull leaves it out, and says so. */
static void put_unmanaged(plumb_buf *b, const plumb_catalog *cat)
{
	if (!cat->unmanaged.n)
		return;
	plumb_buf_puts(b, "\n-- plumb: left out, of kinds plumb does not manage (they stay as they "
			  "are in the\n-- database; see \"Out of scope\" in plumb's README):\n");
	for (size_t i = 0; i < cat->unmanaged.n; i++)
		plumb_buf_printf(b, "--   %s\n", (const char *)cat->unmanaged.items[i]);
	/* the privileges on them: the file does not create what they are on */
	for (size_t i = 0; i < cat->objects.n; i++) {
		const plumb_object *o = cat->objects.items[i];
		if (o->kind == PLUMB_OBJ_GRANT && o->on_unmanaged && !o->implicit)
			plumb_buf_printf(b, "--   privileges %s: %s\n", o->name,
					 o->definition ? o->definition : "");
	}
}

/* The invalid indexes of cat as comments saying why they are left out. */
static void put_invalid(plumb_buf *b, const plumb_catalog *cat)
{
	for (size_t i = 0; i < cat->indexes.n; i++) {
		const plumb_index *ix = cat->indexes.items[i];
		if (!ix->invalid)
			continue;
		plumb_buf_printf(b,
				 "\n-- plumb: index %s.%s is invalid in the database (an interrupted "
				 "CREATE INDEX CONCURRENTLY), left out;\n-- to keep it, write it "
				 "here and push: the plan drops it and builds it again\n-- %s;\n",
				 ix->schema, ix->name, ix->sql ? ix->sql : ix->definition);
	}
}

int plumb__pg_dump(plumb_ctx *ctx, plumb_arena *arena, const plumb_catalog *cat, char **out)
{
	plumb_arena *tmp = plumb_arena_new(arena);
	plumb_catalog *empty = NULL, valid;
	plumb_diff *diff = NULL;
	plumb_plan *plan = NULL;
	plumb_buf b;
	int rc = 0;

	*out = NULL;
	if (!tmp) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	valid = *cat;
	valid.indexes = (plumb_vec){0};
	valid.index = NULL; /* its own lookups: cat's index follows cat's vectors */
	for (size_t i = 0; i < cat->indexes.n; i++) {
		const plumb_index *ix = cat->indexes.items[i];
		if (!ix->invalid && plumb_vec_push(tmp, &valid.indexes, (void *)ix)) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
	}
	if ((rc = plumb_catalog_new(ctx, tmp, "pg", false, &empty)) ||
	    (rc = plumb_diff_catalogs(ctx, tmp, empty, &valid, &diff)) ||
	    (rc = plumb__pg_plan(ctx, tmp, diff, NULL, &plan)))
		goto done;
	plumb_buf_init(&b, arena, 0);
	for (size_t i = 0; i < plan->stmts.n; i++) {
		const plumb_stmt *s = plan->stmts.items[i];
		plumb_buf_puts(&b, i ? "\n" : "");
		plumb_buf_puts(&b, s->sql);
		plumb_buf_puts(&b, ";\n");
	}
	put_invalid(&b, cat);
	put_unmanaged(&b, cat);
	if ((rc = plumb_buf_finish(&b, ctx)))
		goto done;
	*out = b.data;
done:
	plumb_arena_free(tmp);
	return rc;
}
