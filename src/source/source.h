/*
 * Where a catalog comes from. A source is a live database (a postgres://,
 * conninfo or sqlite: URL), a declarative schema (a .sql file or a folder of
 * .sql files) or a migrations folder (one holding plumb.sum or a drizzle-kit
 * meta/_journal.json), whose state is that after all its migrations.
 */
#ifndef PLUMB_SOURCE_H
#define PLUMB_SOURCE_H

#include "dialect/dialect.h"

typedef enum plumb_source_kind {
	PLUMB_SOURCE_DATABASE,
	PLUMB_SOURCE_SCHEMA,
	PLUMB_SOURCE_MIGRATIONS,
} plumb_source_kind;

typedef struct plumb_source {
	plumb_source_kind kind;
	const char *spec;                /* as given */
	const plumb_dialect *dialect;    /* known for databases; NULL for files until resolved */
} plumb_source;

/* Classifies spec. A file source that does not exist is PLUMB_ENOTFOUND. */
int plumb_source_parse(plumb_ctx *ctx, const char *spec, plumb_source *out);

/* The .sql files of a schema source (one file, or a folder's files sorted by
 * name), read into arena memory as path/text pairs. */
int plumb_source_read_schema(plumb_ctx *ctx, plumb_arena *arena, const char *spec,
			     plumb_vec *out);

/* dev_url below: where desired states are built exactly (pg: a server on
 * which a scratch database is created, or "local" for a throwaway cluster);
 * NULL lets the dialect choose (sqlite: in memory; pg: schema files offline,
 * migrations on a throwaway local cluster). */

/* Builds the catalog of src with dialect (for databases, src's own). */
int plumb_source_catalog(plumb_ctx *ctx, plumb_arena *arena, const plumb_source *src,
			 const plumb_dialect *dialect, const char *dev_url, plumb_catalog **out);

/* The catalog of a schema given as files: built offline by the dialect when
 * it can and no dev_url is given, else in a scratch database. */
int plumb_source_schema_catalog(plumb_ctx *ctx, plumb_arena *arena, const char *spec,
				const plumb_dialect *dialect, const char *dev_url,
				plumb_catalog **out);

/* Attaches the `-- plumb:renamed from=` annotations of files (read by the
 * dialect's offline builder, when it has one) to the objects of the same
 * names in exact, a catalog the files built in a scratch database. */
int plumb__source_carry_renames(plumb_ctx *ctx, plumb_arena *arena, const plumb_dialect *dialect,
				const plumb_vec *files, plumb_catalog *exact);

/* The catalog a migrations folder produces: replayed offline (pg with no
 * dev_url) or in a scratch database. */
int plumb_source_migrations_catalog(plumb_ctx *ctx, plumb_arena *arena, const char *dir,
				    const plumb_dialect *dialect, const char *dev_url,
				    plumb_catalog **out);

/* The catalog a loaded history produces, the same way. */
int plumb_source_history_catalog(plumb_ctx *ctx, plumb_arena *arena,
				 const plumb_history *history, const plumb_dialect *dialect,
				 const char *dev_url, plumb_catalog **out);

/* The catalogs of a history and of a schema, as the two functions above
 * give them, both in ctx->root. When both are read offline, the schema is
 * read on a thread beside the replay (util/side.c). An error of the
 * history's is reported before one of the schema's, as when read in turn. */
int plumb_source_history_and_schema(plumb_ctx *ctx, const plumb_history *history,
				    const char *spec, const plumb_dialect *dialect,
				    const char *dev_url, plumb_catalog **have,
				    plumb_catalog **want);

/* The replay cache (source/cache.c), for the offline replay of a history.
 * plumb__cache_key: the key of files replayed by dialect, false when there
 * is no cache (ctx->cache_dir NULL, no files, no build ID). get: true with
 * the catalog of that key in arena, false (nothing recorded) on a miss.
 * put: keeps cat under key when it can, silently not when it cannot.
 * same: true when two catalogs are equal in every field. */
bool plumb__cache_key(plumb_ctx *ctx, const char *dialect, const plumb_vec *files, char key[65]);
bool plumb__cache_get(plumb_ctx *ctx, plumb_arena *arena, const char *key, plumb_catalog **out);
void plumb__cache_put(plumb_ctx *ctx, const char *key, const plumb_catalog *cat);
bool plumb__cache_same(plumb_ctx *ctx, const plumb_catalog *a, const plumb_catalog *b);

#endif
