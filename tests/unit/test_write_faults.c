/* Write-fault sweep: each command that writes files (init, generate, sum,
 * squash, pull -o) is run once to count its changes to the file system, then again
 * with the 1st, 2nd, ... Nth change failing (ENOSPC, as on a full disk).
 * Every failed run must end in PLUMB_EIO with the project folder byte for
 * byte as it was: no file half-written, no migration without its plumb.sum
 * line, no temporary file or folder left behind. */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands/commands.h"
#include "tap.h"

static char root[] = "/tmp/plumb-test-write-faults-XXXXXX";
static plumb_ctx *ctx;
static FILE *devnull;

static void put(const char *name, const char *text)
{
	FILE *f = fopen(plumb_path_join(ctx->root, root, name), "wb");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Every file and folder under dir (names sorted) with its contents. */
static void snapshot(plumb_buf *b, const char *dir)
{
	plumb_vec names = {0};
	DIR *d = opendir(dir);
	struct dirent *e;
	if (!d)
		return;
	while ((e = readdir(d)) != NULL)
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			plumb_vec_push(ctx->root, &names, plumb_arena_strdup(ctx->root, e->d_name));
	closedir(d);
	plumb_vec_sort(&names, cmp_name);
	for (size_t i = 0; i < names.n; i++) {
		char *path = plumb_path_join(ctx->root, dir, names.items[i]);
		struct stat st;
		lstat(path, &st);
		if (S_ISDIR(st.st_mode)) {
			plumb_buf_printf(b, "dir %s\n", path);
			snapshot(b, path);
			continue;
		}
		char chunk[4096];
		size_t len;
		FILE *f = fopen(path, "rb");
		plumb_buf_printf(b, "file %s\n", path);
		while (f && (len = fread(chunk, 1, sizeof(chunk), f)) > 0)
			plumb_buf_append(b, chunk, len);
		if (f)
			fclose(f);
	}
}

static const char *state(void)
{
	plumb_buf b;
	plumb_buf_init(&b, ctx->root, 0);
	snapshot(&b, root);
	return plumb_buf_finish(&b, ctx) == 0 ? b.data : "(out of memory)";
}

typedef int (*command)(plumb_ctx *ctx, const plumb_options *opts);

static int cmd_generate(plumb_ctx *c, const plumb_options *o)
{
	return plumb_cmd_generate(c, o, "add_posts");
}

/* Runs cmd with the nth change failing for every n; then once for real. */
static void sweep(const char *what, command cmd, const plumb_options *opts)
{
	const char *before = state();
	char *save = plumb_arena_printf(ctx->root, "rm -rf '%s.bak' && cp -a '%s' '%s.bak'", root,
					root, root);
	char *restore = plumb_arena_printf(ctx->root, "rm -rf '%s' && cp -a '%s.bak' '%s'", root,
					   root, root);
	if (system(save) != 0)
		abort();
	plumb_fs_fail_nth(0);
	long total = 0, n_eio = 0, n_other = 0, n_changed = 0;
	const char *first_bad = NULL;
	for (long n = 1;; n++) {
		plumb_error_clear(ctx);
		plumb_fs_fail_nth(n);
		int rc = cmd(ctx, opts);
		long made = plumb_fs_fail_nth(0);
		if (made < n) { /* the fault was never reached: the run was clean */
			total = n - 1;
			if (system(restore) != 0 || chdir(root) != 0)
				abort();
			break;
		}
		if (rc == PLUMB_EIO && ctx->err.code == PLUMB_EIO)
			n_eio++;
		else if (!n_other++)
			first_bad = plumb_arena_printf(ctx->root, "change %ld: rc %d: %s", n, rc,
						       ctx->err.message);
		const char *now = state();
		if (strcmp(now, before) != 0 && !n_changed++ && !first_bad) {
			first_bad = plumb_arena_printf(ctx->root, "change %ld left the folder changed (%s)",
						       n, ctx->err.message);
			size_t k = 0;
			while (now[k] && now[k] == before[k])
				k++;
			printf("# before: %.200s\n# now:    %.200s\n", before + k, now + k);
		}
		if (n > 1000)
			break;
	}
	ok(total >= 3, "%s: makes %ld changes to the file system", what, total);
	is_int(n_other, 0, "%s: each failed change ends in a clean I/O error", what);
	is_int(n_changed, 0, "%s: ... and leaves the folder byte for byte as it was", what);
	if (first_bad)
		printf("# first bad outcome: %s\n", first_bad);
	plumb_error_clear(ctx);
	ok(strcmp(state(), before) == 0 && cmd(ctx, opts) == 0 && strcmp(state(), before) != 0,
	   "%s: without faults it succeeds and writes", what);
	if (ctx->err.code)
		printf("# %s\n", ctx->err.message);
}

int main(void)
{
	if (!mkdtemp(root) || chdir(root) != 0)
		return 1;
	plumb_ctx_new(&ctx);
	devnull = fopen("/dev/null", "w");
	plumb_options opts = PLUMB_OPTIONS_INIT;
	opts.schema = plumb_path_join(ctx->root, root, "schema.sql");
	opts.dir = plumb_path_join(ctx->root, root, "db/migrations");
	opts.url = plumb_arena_printf(ctx->root, "sqlite:%s/plumb.db", root);
	opts.out = opts.err = devnull;

	/* init in an empty folder: schema.sql, db/ and db/migrations/ with plumb.sum */
	sweep("init", plumb_cmd_init, &opts);

	/* generate: the migration file and plumb.sum, together */
	put("schema.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n");
	plumb_error_clear(ctx);
	ok(plumb_cmd_generate(ctx, &opts, "users") == 0, "setup: a first migration");
	put("schema.sql", "CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\n"
			  "CREATE TABLE posts (id INTEGER PRIMARY KEY, body TEXT);\n");
	sweep("generate", cmd_generate, &opts);

	/* sum: after a migration written by hand */
	put("db/migrations/99990101000000_by_hand.sql", "CREATE TABLE tags (name TEXT);\n");
	sweep("sum", plumb_cmd_sum, &opts);

	/* squash: the squashed migration, the originals moved to squashed/,
	 * both plumb.sum files, all or nothing */
	sweep("squash", plumb_cmd_squash, &opts);

	/* pull -o: a new file, then replacing one with --force */
	plumb_error_clear(ctx);
	ok(plumb_cmd_migrate(ctx, &opts) == 0, "setup: migrations applied to plumb.db");
	opts.output = plumb_path_join(ctx->root, root, "out/pulled.sql");
	sweep("pull -o NEW", plumb_cmd_pull, &opts);
	put("out/pulled.sql", "-- old\nCREATE TABLE old (x int);\n");
	opts.force = true;
	sweep("pull -o EXISTING --force", plumb_cmd_pull, &opts);

	fclose(devnull);
	char *cmd = plumb_arena_printf(ctx->root, "rm -rf '%s' '%s.bak'", root, root);
	if (chdir("/") != 0 || system(cmd) != 0)
		printf("# could not remove %s\n", root);
	plumb_ctx_free(ctx);
	return done_testing();
}
