/*
 * The tables plumb leaves out of every catalog: other migration tools'
 * tracking tables, plumb's own (where the run keeps it: ctx->tracking_*),
 * and those the config's "exclude" patterns name. One filter, used where a
 * catalog is read from a database and where one is built from files, so
 * that no command compares, pulls or reports them. It decides by name only
 * and changes no database.
 */
#include <fnmatch.h>
#include <string.h>
#include <strings.h>

#include "catalog/catalog.h"

/* Each tool's tracking table under the name it uses by default (its own
 * documentation): a bare name matches in any schema. */
static const char *const defaults[] = {
	"plumb_migrations",		/* plumb's own (PLUMB_TRACKING_TABLE) */
	"drizzle.__drizzle_migrations", /* drizzle-orm, PostgreSQL */
	"__drizzle_migrations",		/* drizzle-orm, SQLite (and migrationsSchema public) */
	"flyway_schema_history",	/* Flyway */
	"schema_migrations",		/* golang-migrate, dbmate, Rails */
	"ar_internal_metadata",		/* Rails */
	"goose_db_version",		/* goose */
	"_prisma_migrations",		/* Prisma Migrate */
	"knex_migrations",		/* Knex */
	"knex_migrations_lock",
	"sqitch.*", /* Sqitch's registry schema */
};

#define N_DEFAULTS (sizeof(defaults) / sizeof(defaults[0]))

static bool glob(const char *pat, size_t n, const char *s, bool fold)
{
	char buf[256];
	if (n >= sizeof(buf))
		return false;
	memcpy(buf, pat, n);
	buf[n] = 0;
	return fnmatch(buf, s, fold ? FNM_CASEFOLD : 0) == 0;
}

/* pat is "name" (any schema), "schema.name" or "schema.*". */
static bool match(const char *pat, const char *schema, const char *name, bool fold)
{
	const char *dot = strchr(pat, '.');
	if (!dot)
		return glob(pat, strlen(pat), name, fold);
	if (!glob(pat, (size_t)(dot - pat), schema ? schema : "main", fold))
		return false;
	return glob(dot + 1, strlen(dot + 1), name, fold);
}

/* 1: left out, 0: kept ("!pattern"), -1: no pattern says. The config's
 * patterns are read last first, so that a later one wins. */
static int config_says(const plumb_ctx *ctx, const char *schema, const char *name, bool fold)
{
	for (size_t i = ctx->n_exclude; i-- > 0;) {
		const char *p = ctx->exclude[i];
		bool keep = p[0] == '!';
		if (match(keep ? p + 1 : p, schema, name, fold))
			return keep ? 0 : 1;
	}
	return -1;
}

static bool same_name(const char *a, const char *b, bool fold)
{
	return fold ? !strcasecmp(a, b) : !strcmp(a, b);
}

/* True for plumb's tracking table where the run keeps it: the configured
 * name, in the configured schema (no schema configured: any). The default
 * place is in the list above. No pattern keeps it. */
static bool tracking(const plumb_ctx *ctx, const char *schema, const char *name, bool fold)
{
	if (!ctx->tracking_table && !ctx->tracking_schema)
		return false;
	if (!same_name(ctx->tracking_table ? ctx->tracking_table : "plumb_migrations", name, fold))
		return false;
	return !ctx->tracking_schema ||
	       same_name(ctx->tracking_schema, schema ? schema : "main", fold);
}

bool plumb_catalog_excluded(const plumb_ctx *ctx, const char *schema, const char *name, bool fold)
{
	if (tracking(ctx, schema, name, fold))
		return true;
	int says = config_says(ctx, schema, name, fold);
	if (says >= 0)
		return says;
	for (size_t i = 0; i < N_DEFAULTS; i++)
		if (match(defaults[i], schema, name, fold))
			return true;
	return false;
}

bool plumb_catalog_schema_excluded(const plumb_ctx *ctx, const char *schema)
{
	/* "*" is no table name: only a "schema.*" pattern matches it */
	if (!schema)
		return false;
	for (size_t i = ctx->n_exclude; i-- > 0;) {
		const char *p = ctx->exclude[i], *dot;
		bool keep = p[0] == '!';
		if (keep)
			p++;
		if ((dot = strchr(p, '.')) && !strcmp(dot + 1, "*") &&
		    glob(p, (size_t)(dot - p), schema, false))
			return !keep;
	}
	for (size_t i = 0; i < N_DEFAULTS; i++) {
		const char *dot = strchr(defaults[i], '.');
		if (dot && !strcmp(dot + 1, "*") &&
		    glob(defaults[i], (size_t)(dot - defaults[i]), schema, false))
			return true;
	}
	return false;
}

int plumb_catalog_note_excluded(plumb_ctx *ctx, plumb_catalog *cat, const char *schema,
				const char *name)
{
	const char *s = schema ? plumb_arena_printf(cat->arena, "%s.%s", schema, name)
			       : plumb_arena_strdup(cat->arena, name);
	if (!s)
		return plumb_error_nomem(ctx);
	for (size_t i = 0; i < cat->excluded.n; i++)
		if (!strcmp(cat->excluded.items[i], s))
			return 0;
	return plumb_vec_push(cat->arena, &cat->excluded, (void *)s) < 0 ? plumb_error_nomem(ctx)
									 : 0;
}

static bool same(const plumb_catalog *cat, const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return plumb_catalog_name_eq(cat, a, b);
}

/* True when o hangs on table t (schema s): its policies, rules, comments,
 * grants, owned sequences. */
static bool on_table(const plumb_catalog *cat, const plumb_object *o, const char *s, const char *t)
{
	if (!same(cat, o->schema, s))
		return false;
	if (o->table && same(cat, o->table, t))
		return true;
	return (o->kind == PLUMB_OBJ_COMMENT || o->kind == PLUMB_OBJ_GRANT ||
		o->kind == PLUMB_OBJ_OWNER) &&
	       o->target && o->target_kind == PLUMB_OBJ_TABLE && same(cat, o->target, t);
}

static bool schema_gone(const plumb_ctx *ctx, const char *schema)
{
	return schema && plumb_catalog_schema_excluded(ctx, schema);
}

/* True for a comment or grant on schema s itself (a comment's schema is
 * NULL, its target the schema; a grant's schema is the schema). */
static bool on_schema(const plumb_catalog *cat, const plumb_object *o, const char *s)
{
	return (o->kind == PLUMB_OBJ_COMMENT || o->kind == PLUMB_OBJ_GRANT) &&
	       o->target_kind == PLUMB_OBJ_SCHEMA &&
	       same(cat, o->schema ? o->schema : o->target, s);
}

/* True when anything but the schema object itself (with its comment and
 * grants) lives in schema s. */
static bool holds_anything(const plumb_catalog *cat, const char *s)
{
	for (size_t i = 0; i < cat->tables.n; i++)
		if (same(cat, ((const plumb_table *)cat->tables.items[i])->schema, s))
			return true;
	for (size_t i = 0; i < cat->views.n; i++)
		if (same(cat, ((const plumb_view *)cat->views.items[i])->schema, s))
			return true;
	for (size_t i = 0; i < cat->indexes.n; i++)
		if (same(cat, ((const plumb_index *)cat->indexes.items[i])->schema, s))
			return true;
	for (size_t i = 0; i < cat->triggers.n; i++)
		if (same(cat, ((const plumb_trigger *)cat->triggers.items[i])->schema, s))
			return true;
	for (size_t i = 0; i < cat->objects.n; i++) {
		const plumb_object *o = cat->objects.items[i];
		if (o->kind != PLUMB_OBJ_SCHEMA && !on_schema(cat, o, s) && same(cat, o->schema, s))
			return true;
	}
	return false;
}

/* The configured schema of the tracking table (plumb creates it with the
 * table), when nothing else lives in it: left out on every side with its
 * comment and grants, so that no diff drops or creates it. */
static void exclude_tracking_schema(const plumb_ctx *ctx, plumb_catalog *cat)
{
	const char *s = ctx->tracking_schema;
	if (!s || !strcmp(s, "public") || holds_anything(cat, s))
		return;
	for (size_t j = cat->objects.n; j-- > 0;) {
		const plumb_object *o = cat->objects.items[j];
		if ((o->kind == PLUMB_OBJ_SCHEMA && same(cat, o->name, s)) || on_schema(cat, o, s))
			plumb_catalog_remove(cat, &cat->objects, j);
	}
}

int plumb_catalog_exclude(plumb_ctx *ctx, plumb_catalog *cat)
{
	bool fold = cat->fold_case;
	int rc;
	for (size_t i = cat->tables.n; i-- > 0;) {
		const plumb_table *t = cat->tables.items[i];
		if (!plumb_catalog_excluded(ctx, t->schema, t->name, fold) &&
		    !schema_gone(ctx, t->schema))
			continue;
		if ((rc = plumb_catalog_note_excluded(ctx, cat, t->schema, t->name)) < 0)
			return rc;
		for (size_t j = cat->indexes.n; j-- > 0;) {
			const plumb_index *x = cat->indexes.items[j];
			if (same(cat, x->schema, t->schema) && same(cat, x->table, t->name))
				plumb_catalog_remove(cat, &cat->indexes, j);
		}
		for (size_t j = cat->triggers.n; j-- > 0;) {
			const plumb_trigger *g = cat->triggers.items[j];
			if (same(cat, g->schema, t->schema) && same(cat, g->table, t->name))
				plumb_catalog_remove(cat, &cat->triggers, j);
		}
		for (size_t j = cat->objects.n; j-- > 0;)
			if (on_table(cat, cat->objects.items[j], t->schema, t->name))
				plumb_catalog_remove(cat, &cat->objects, j);
		plumb_catalog_remove(cat, &cat->tables, i);
	}
	/* the rest of an excluded schema, and the schema itself */
	for (size_t j = cat->indexes.n; j-- > 0;)
		if (schema_gone(ctx, ((const plumb_index *)cat->indexes.items[j])->schema))
			plumb_catalog_remove(cat, &cat->indexes, j);
	for (size_t j = cat->views.n; j-- > 0;)
		if (schema_gone(ctx, ((const plumb_view *)cat->views.items[j])->schema))
			plumb_catalog_remove(cat, &cat->views, j);
	for (size_t j = cat->triggers.n; j-- > 0;)
		if (schema_gone(ctx, ((const plumb_trigger *)cat->triggers.items[j])->schema))
			plumb_catalog_remove(cat, &cat->triggers, j);
	for (size_t j = cat->objects.n; j-- > 0;) {
		const plumb_object *o = cat->objects.items[j];
		if (schema_gone(ctx, o->kind == PLUMB_OBJ_SCHEMA ? o->name : o->schema))
			plumb_catalog_remove(cat, &cat->objects, j);
	}
	exclude_tracking_schema(ctx, cat);
	return 0;
}
