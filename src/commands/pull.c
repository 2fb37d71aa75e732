/*
 * plumb pull: reads the live database back into SQL. Writes the schema file
 * (or -o FILE, or standard output with -o -), and will not overwrite an
 * existing file unless --force, so a hand-written schema is never lost.
 * --dry-run says what it would write and writes nothing.
 */
#include <string.h>

#include "commands/commands.h"

int plumb_cmd_pull(plumb_ctx *ctx, const plumb_options *opts)
{
	plumb_env env;
	plumb_conn *conn;
	plumb_catalog *cat;
	char *sql;
	int rc;

	if ((rc = plumb__env_resolve(ctx, opts, &env)) < 0)
		return rc;
	/* reading only: a database that does not exist is not created */
	if (!plumb__env_database_exists(&env)) {
		rc = plumb_error_set(ctx, PLUMB_ENOTFOUND, "database %s does not exist", env.url);
		plumb_error_set_hint(ctx, "nothing to pull; `plumb migrate` or `plumb push` creates "
					  "it, or give --url");
		return rc;
	}
	const char *target = opts->output ? opts->output : env.schema;
	bool to_stdout = strcmp(target, "-") == 0;
	if (!to_stdout && !opts->force && plumb_fs_exists(target)) {
		char *text;
		size_t len;
		if ((rc = plumb_fs_read(ctx, ctx->root, target, &text, &len)) < 0)
			return rc;
		bool only_comments = true;
		for (const char *p = text; *p && only_comments;) {
			while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
				p++;
			if (p[0] == '-' && p[1] == '-') {
				p = strchr(p, '\n');
				if (!p)
					break;
			} else if (*p) {
				only_comments = false;
			}
		}
		if (!only_comments) {
			plumb_error_set_at(ctx, PLUMB_EUSAGE, target, 0, 0,
					   "file exists; not overwriting it");
			plumb_error_set_hint(ctx, "use --force to replace it, or -o - to print");
			return PLUMB_EUSAGE;
		}
	}
	if ((rc = plumb__env_connect(ctx, &env, &conn)) < 0 ||
	    (rc = conn->dialect->introspect(ctx, conn, ctx->root, &cat)) < 0 ||
	    (rc = conn->dialect->dump(ctx, ctx->root, cat, &sql)) < 0)
		return rc;
	for (size_t i = 0; i < cat->indexes.n; i++) {
		const plumb_index *ix = cat->indexes.items[i];
		if (ix->invalid)
			fprintf(env.err, "plumb: warning: index \"%s\" is invalid in the database (an "
					 "interrupted CREATE INDEX CONCURRENTLY); left out, its statement "
					 "kept in a comment\n", ix->name);
	}
	if (opts->json) {
		char *js;
		if ((rc = plumb_catalog_to_json(ctx, cat, ctx->root, &js)) < 0)
			return rc;
		if (to_stdout) {
			/* the catalog itself is the report */
			fputs(js, env.out);
			ctx->reported = true;
			return 0;
		}
	}
	if (to_stdout) {
		fputs(sql, env.out);
		return 0;
	}
	if (!opts->dry_run && (rc = plumb_fs_write_atomic(ctx, target, sql, strlen(sql))) < 0)
		return rc;
	if (opts->json)
		return plumb__emit_json(ctx, &env,
					json_pack("{s:s, s:b, s:s, s:I, s:I, s:I, s:I}", "path", target,
						  "dry_run", opts->dry_run, "database", conn->display,
						  "tables",
						  (json_int_t)cat->tables.n, "indexes",
						  (json_int_t)cat->indexes.n, "views",
						  (json_int_t)cat->views.n, "triggers",
						  (json_int_t)cat->triggers.n));
	if (opts->dry_run) {
		fprintf(env.out, "would write %s from %s (%zu tables, %zu indexes, %zu views, "
				 "%zu triggers)\n",
			target, conn->display, cat->tables.n, cat->indexes.n, cat->views.n,
			cat->triggers.n);
		return 0;
	}
	plumb__note(&env, "wrote %s from %s (%zu tables, %zu indexes, %zu views, %zu triggers)\n",
		    target, conn->display, cat->tables.n, cat->indexes.n, cat->views.n,
		    cat->triggers.n);
	return 0;
}
