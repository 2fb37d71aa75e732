/*
 * Sources of catalogs: live databases, declarative schema files and
 * migrations folders. Schema files become catalogs offline, and migrations
 * folders are replayed offline, when the dialect has a builder for them (pg)
 * and no dev database is named; otherwise they are run in a scratch database
 * of the dialect and introspected, so the state is exactly what the engine
 * would build.
 * It never writes to a source.
 */
#include <string.h>

#include <libpq-fe.h>

#include "runner/runner.h"
#include "source/source.h"

/* True when spec starts like a libpq conninfo string (key=...), which a
 * path that does not exist rarely does. */
static bool looks_like_conninfo(const char *spec)
{
	const char *p = spec;
	while (*p == ' ' || *p == '\t')
		p++;
	const char *k = p;
	while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || *p == '_')
		p++;
	if (p == k)
		return false;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '=';
}

/* A conninfo string libpq would not read; its reason may quote spec, so it
 * is scrubbed of spec's secrets. */
static int conninfo_error(plumb_ctx *ctx, const char *spec, const char *shown)
{
	char *err = NULL;
	PQconninfoOption *opts = PQconninfoParse(spec, &err);
	plumb_vec secrets = {0};
	const char *why = NULL;
	if (opts)
		PQconninfoFree(opts);
	if (err) {
		size_t n = strlen(err);
		while (n && err[n - 1] == '\n')
			n--;
		plumb_redact_secrets(ctx->root, spec, &secrets);
		char *msg = plumb_arena_strndup(ctx->root, err, n);
		why = msg ? plumb_redact_scrub(ctx->root, msg, &secrets) : NULL;
		why = why ? plumb_escape(ctx->root, why, false) : NULL;
		PQfreemem(err);
	}
	return plumb_error_set(ctx, PLUMB_EUSAGE, "invalid connection string \"%s\"%s%s", shown,
			       why ? ": " : "", why ? why : "");
}

int plumb_source_parse(plumb_ctx *ctx, const char *spec, plumb_source *out)
{
	memset(out, 0, sizeof(*out));
	out->spec = spec;
	const plumb_dialect *d = plumb_dialect_for_url(spec);
	if (d) {
		out->kind = PLUMB_SOURCE_DATABASE;
		out->dialect = d;
		return 0;
	}
	if (plumb_fs_is_dir(spec)) {
		char *sum = plumb_path_join(ctx->root, spec, PLUMB_SUM_FILE);
		char *journal = plumb_path_join(ctx->root, spec, "meta/_journal.json");
		if (!sum || !journal)
			return plumb_error_nomem(ctx);
		/* a drizzle-kit folder is read from its journal (history/drizzle.c);
		 * one of migration folders (drizzle-kit 1.0, Prisma) is refused
		 * there, not read as an empty schema */
		out->kind = plumb_fs_exists(sum) || plumb_fs_exists(journal) ||
					    plumb_history_is_folders(ctx, spec)
				    ? PLUMB_SOURCE_MIGRATIONS
				    : PLUMB_SOURCE_SCHEMA;
		return 0;
	}
	if (plumb_fs_exists(spec)) {
		out->kind = PLUMB_SOURCE_SCHEMA;
		return 0;
	}
	const char *shown = plumb_redact(ctx->root, spec);
	if (!shown)
		return plumb_error_nomem(ctx);
	if (plumb_str_ends_with(spec, ".sql"))
		return plumb_error_set_at(ctx, PLUMB_ENOTFOUND, shown, 0, 0,
					  "no such file or directory");
	if (looks_like_conninfo(spec))
		return conninfo_error(ctx, spec, shown);
	if (strchr(spec, ':'))
		return plumb_error_set(ctx, PLUMB_EUSAGE, "unrecognised database URL \"%s\"", shown);
	return plumb_error_set_at(ctx, PLUMB_ENOTFOUND, shown, 0, 0, "no such file or directory");
}

static int read_one(plumb_ctx *ctx, plumb_arena *arena, const char *path, plumb_vec *out)
{
	plumb_sql_file *f = plumb_arena_alloc(arena, sizeof(*f));
	if (!f)
		return plumb_error_nomem(ctx);
	char *text;
	int rc = plumb_fs_read(ctx, arena, path, &text, &f->len);
	if (rc)
		return rc;
	f->path = plumb_arena_strdup(arena, path);
	f->text = text;
	if (!f->path || plumb_vec_push(arena, out, f) < 0)
		return plumb_error_nomem(ctx);
	return 0;
}

int plumb_source_read_schema(plumb_ctx *ctx, plumb_arena *arena, const char *spec,
			     plumb_vec *out)
{
	if (!plumb_fs_is_dir(spec))
		return read_one(ctx, arena, spec, out);
	plumb_vec names = {0};
	int rc = plumb_fs_list(ctx, arena, spec, ".sql", &names);
	for (size_t i = 0; !rc && i < names.n; i++) {
		char *path = plumb_path_join(arena, spec, names.items[i]);
		rc = path ? read_one(ctx, arena, path, out) : plumb_error_nomem(ctx);
	}
	return rc;
}

int plumb_source_schema_catalog(plumb_ctx *ctx, plumb_arena *arena, const char *spec,
				const plumb_dialect *dialect, const char *dev_url,
				plumb_catalog **out)
{
	int rc;
	plumb_vec files = {0};
	plumb_conn *conn;
	plumb_arena *scratch = plumb_arena_new(arena);
	*out = NULL;
	if (!scratch)
		return plumb_error_nomem(ctx);
	if ((rc = plumb_source_read_schema(ctx, scratch, spec, &files)) < 0)
		goto done;
	if (dialect->load_schema && !dev_url) {
		if ((rc = dialect->load_schema(ctx, arena, &files, out)) == 0)
			rc = plumb_catalog_exclude(ctx, *out);
		goto done;
	}
	if ((rc = dialect->connect_scratch(ctx, scratch, dev_url, &conn)) < 0)
		goto done;
	/* in the order the offline builder reads them (pg: any written order) */
	if (dialect->exec_schema && (rc = dialect->exec_schema(ctx, conn, scratch, &files)) < 0)
		goto done;
	for (size_t i = 0; !dialect->exec_schema && i < files.n; i++) {
		const plumb_sql_file *f = files.items[i];
		if ((rc = dialect->exec_script(ctx, conn, f->text, f->path)) < 0)
			goto done;
	}
	if ((rc = dialect->introspect(ctx, conn, arena, out)) < 0)
		goto done;
	rc = plumb__source_carry_renames(ctx, arena, dialect, &files, *out);
done:
	plumb_arena_free(scratch);
	return rc;
}

/* The offline replay of files, through the replay cache (cache.c). */
static int replay_cached(plumb_ctx *ctx, plumb_arena *arena, const plumb_dialect *dialect,
			 const plumb_vec *files, plumb_catalog **out)
{
	char key[65];
	plumb_catalog *cached = NULL;
	bool keyed = plumb__cache_key(ctx, dialect->name, files, key);
	if (keyed && plumb__cache_get(ctx, arena, key, &cached) && !ctx->cache_verify) {
		*out = cached;
		return 0;
	}
	int rc = dialect->replay_offline(ctx, arena, files, out);
	if (rc)
		return rc;
	if (cached && !plumb__cache_same(ctx, cached, *out))
		return plumb_error_set(
			ctx, PLUMB_ERROR,
			"the replay cache gave another catalog than the replay of %s "
			"(a defect of plumb; PLUMB_CACHE_DIR=off works around it)",
			((const plumb_sql_file *)files->items[files->n - 1])->path);
	if (keyed && !cached)
		plumb__cache_put(ctx, key, *out);
	return 0;
}

int plumb_source_history_catalog(plumb_ctx *ctx, plumb_arena *arena,
				 const plumb_history *history, const plumb_dialect *dialect,
				 const char *dev_url, plumb_catalog **out)
{
	int rc;
	plumb_conn *conn;
	plumb_arena *scratch = plumb_arena_new(arena);
	*out = NULL;
	if (!scratch)
		return plumb_error_nomem(ctx);
	if (dialect->replay_offline && !dev_url) {
		plumb_vec files = {0};
		for (size_t i = 0; i < history->migrations.n; i++) {
			const plumb_migration *m = history->migrations.items[i];
			plumb_sql_file *f = plumb_arena_alloc(scratch, sizeof(*f));
			if (!f || plumb_vec_push(scratch, &files, f) < 0) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
			*f = (plumb_sql_file){.path = m->path, .text = m->sql, .len = m->len};
		}
		rc = replay_cached(ctx, arena, dialect, &files, out);
		if (rc == 0)
			rc = plumb_catalog_exclude(ctx, *out);
		goto done;
	}
	if ((rc = dialect->connect_scratch(ctx, scratch, dev_url, &conn)) < 0)
		goto done;
	if ((rc = plumb_runner_replay(ctx, conn, history)) < 0)
		goto done;
	rc = dialect->introspect(ctx, conn, arena, out);
done:
	plumb_arena_free(scratch);
	return rc;
}

typedef struct schema_call {
	const char *spec;
	const plumb_dialect *dialect;
	plumb_catalog *out;
} schema_call;

static int schema_beside(plumb_ctx *ctx, void *arg)
{
	schema_call *c = arg;
	return plumb_source_schema_catalog(ctx, ctx->root, c->spec, c->dialect, NULL, &c->out);
}

int plumb_source_history_and_schema(plumb_ctx *ctx, const plumb_history *history,
				    const char *spec, const plumb_dialect *dialect,
				    const char *dev_url, plumb_catalog **have,
				    plumb_catalog **want)
{
	schema_call c = {spec, dialect, NULL};
	plumb_side *side = NULL;
	*have = *want = NULL;
	/* an empty folder has nothing to replay beside */
	if (!dev_url && dialect->load_schema && dialect->replay_offline && history->migrations.n)
		side = plumb_side_start(ctx, schema_beside, &c);
	int rc = plumb_source_history_catalog(ctx, ctx->root, history, dialect, dev_url, have);
	if (!side)
		return rc ? rc
			  : plumb_source_schema_catalog(ctx, ctx->root, spec, dialect, dev_url, want);
	/* joined either way: the thread's error is ctx's only when ctx has none */
	int side_rc = plumb_side_join(ctx, side);
	if (!rc && !(rc = side_rc))
		*want = c.out;
	return rc;
}

int plumb_source_migrations_catalog(plumb_ctx *ctx, plumb_arena *arena, const char *dir,
				    const plumb_dialect *dialect, const char *dev_url,
				    plumb_catalog **out)
{
	plumb_history *history;
	int rc = plumb_history_load(ctx, arena, dir, &history);
	*out = NULL;
	return rc ? rc : plumb_source_history_catalog(ctx, arena, history, dialect, dev_url, out);
}

int plumb_source_catalog(plumb_ctx *ctx, plumb_arena *arena, const plumb_source *src,
			 const plumb_dialect *dialect, const char *dev_url, plumb_catalog **out)
{
	int rc;
	*out = NULL;
	switch (src->kind) {
	case PLUMB_SOURCE_DATABASE: {
		plumb_arena *scratch = plumb_arena_new(arena);
		plumb_conn *conn;
		if (!scratch)
			return plumb_error_nomem(ctx);
		/* a source is only read: one that does not exist is not created */
		if (src->dialect->database_exists && !src->dialect->database_exists(src->spec)) {
			plumb_arena_free(scratch);
			const char *shown = plumb_redact(arena, src->spec);
			return plumb_error_set(ctx, PLUMB_ENOTFOUND, "database %s does not exist",
					       shown ? shown : "(out of memory)");
		}
		rc = src->dialect->connect(ctx, scratch, src->spec, &conn);
		if (!rc)
			rc = src->dialect->introspect(ctx, conn, arena, out);
		plumb_arena_free(scratch);
		return rc;
	}
	case PLUMB_SOURCE_SCHEMA:
		return plumb_source_schema_catalog(ctx, arena, src->spec, dialect, dev_url, out);
	case PLUMB_SOURCE_MIGRATIONS:
		return plumb_source_migrations_catalog(ctx, arena, src->spec, dialect, dev_url,
						       out);
	}
	return plumb_error_set(ctx, PLUMB_ERROR, "unknown source kind");
}
