/* Allocation-fault sweep (curl's torture mode): the SQLite workflow in one
 * process -- read two schema files into catalogs, diff, plan, render, dump
 * -- is run once to count its arena
 * allocations, then again with the 1st, 2nd, ... Nth allocation failing.
 * Every run must end in success or a clean PLUMB_ENOMEM: no crash, no other
 * error, and (under AddressSanitizer) no leak. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "runner/runner.h"
#include "source/source.h"
#include "tap.h"

static char root[] = "/tmp/plumb-test-faults-XXXXXX";
static plumb_ctx *ctx;

static void put(const char *dir, const char *name, const char *text)
{
	plumb_fs_mkdir_p(ctx, dir);
	FILE *f = fopen(plumb_path_join(ctx->root, dir, name), "wb");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

static const char *before_sql =
	"CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL, age INT);\n"
	"CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INT REFERENCES users(id),\n"
	"  title TEXT CHECK (length(title) > 0));\n"
	"CREATE INDEX posts_user ON posts (user_id);\n"
	"CREATE VIEW named AS SELECT name FROM users;\n";

static const char *after_sql =
	"CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '',\n"
	"  email TEXT UNIQUE);\n"
	"CREATE TABLE posts (id INTEGER PRIMARY KEY, user_id INT REFERENCES users(id)\n"
	"  ON DELETE CASCADE, title TEXT CHECK (length(title) > 1), body TEXT);\n"
	"CREATE INDEX posts_title ON posts (title);\n"
	"CREATE VIEW named AS SELECT name, email FROM users;\n"
	"CREATE TRIGGER t AFTER INSERT ON users BEGIN SELECT 1; END;\n";

/* The whole workflow in arena a; 0 or the first error's code. */
static int workflow(plumb_arena *a)
{
	const plumb_dialect *d = &plumb_dialect_sqlite;
	plumb_catalog *from, *to;
	plumb_diff *diff;
	plumb_plan *plan;
	char *script, *migration;
	plumb_plan_opts opts = {.allow_data_loss = true};
	int rc;
	const char *before = plumb_arena_printf(a, "%s/before.sql", root);
	const char *after = plumb_arena_printf(a, "%s/after.sql", root);
	if (!before || !after)
		return plumb_error_nomem(ctx);
	if ((rc = plumb_source_schema_catalog(ctx, a, before, d, NULL, &from)) ||
	    (rc = plumb_source_schema_catalog(ctx, a, after, d, NULL, &to)) ||
	    (rc = plumb_diff_catalogs(ctx, a, from, to, &diff)) ||
	    (rc = plumb_plan_build(ctx, a, d->planner, diff, &opts, &plan)) ||
	    (rc = plumb_plan_render(ctx, a, plan, PLUMB_RENDER_SCRIPT, &script)) ||
	    (rc = plumb_plan_render(ctx, a, plan, PLUMB_RENDER_MIGRATION, &migration)) ||
	    (rc = d->dump(ctx, a, to, &script)))
		return rc;
	return 0;
}

int main(void)
{
	if (!mkdtemp(root))
		return 1;
	plumb_ctx_new(&ctx);
	put(root, "before.sql", before_sql);
	put(root, "after.sql", after_sql);

	plumb_arena *a = plumb_arena_new(ctx->root);
	plumb_arena_fail_nth(0);
	int rc = workflow(a);
	long total = plumb_arena_fail_nth(0);
	plumb_arena_free(a);
	is_int(rc, 0, "the workflow succeeds without faults");
	ok(total > 100, "it makes %ld arena allocations", total);

	long clean = 0, other = 0, succeeded = 0;
	const char *first_other = NULL;
	for (long n = 1; n <= total; n++) {
		plumb_error_clear(ctx);
		a = plumb_arena_new(ctx->root);
		plumb_arena_fail_nth(n);
		rc = a ? workflow(a) : PLUMB_ENOMEM;
		plumb_arena_fail_nth(0);
		if (rc == PLUMB_ENOMEM && ctx->err.code == PLUMB_ENOMEM)
			clean++;
		else if (rc == 0)
			succeeded++;   /* the failed allocation was optional (a cache, a retry) */
		else if (!other++)
			first_other = plumb_arena_printf(ctx->root, "allocation %ld: rc %d: %s", n,
							 rc, ctx->err.message);
		plumb_arena_free(a);
	}
	is_int(other, 0, "every injected fault ends in success or a clean out-of-memory error");
	if (first_other)
		printf("# first other outcome: %s\n", first_other);
	ok(clean > total / 2, "%ld of %ld faults reported as out of memory (%ld absorbed)", clean,
	   total, succeeded);

	char *cmd = plumb_arena_printf(ctx->root, "rm -rf '%s'", root);
	if (system(cmd) != 0)
		printf("# could not remove %s\n", root);
	plumb_ctx_free(ctx);
	return done_testing();
}
