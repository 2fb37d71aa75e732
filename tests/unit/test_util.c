/* Unit tests of util/: arenas, buffers with caps, errors, hashing, the hash
 * map, files. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "tap.h"
#include "util/map.h"
#include "util/util.h"

static int cleaned;
static void bump(void *p)
{
	(void)p;
	cleaned++;
}

int main(void)
{
	plumb_ctx *ctx;
	ok(plumb_ctx_new(&ctx) == 0, "context created");

	plumb_arena *child = plumb_arena_new(ctx->root);
	plumb_arena *grandchild = plumb_arena_new(child);
	plumb_arena_defer(grandchild, bump, NULL);
	char *s = plumb_arena_printf(grandchild, "%s-%d", "x", 42);
	is_str(s, "x-42", "arena printf");
	void *big = plumb_arena_alloc(child, 100000);
	ok(big != NULL, "large allocation");
	plumb_arena_free(child);
	is_int(cleaned, 1, "freeing a parent runs its children's cleanups");

	/* memory done with in the order it was handed out: what came before
	 * the mark goes, what came after it stays, big or small */
	plumb_arena *q = plumb_arena_new(ctx->root);
	for (int i = 0; i < 64; i++)
		memset(plumb_arena_alloc(q, 1000), 'a', 1000);
	unsigned long m = plumb_arena_mark(q);
	char *late = plumb_arena_alloc(q, 100), *late_big = plumb_arena_alloc(q, 50000);
	memset(late, 'x', 100);
	memset(late_big, 'y', 50000);
	plumb_arena_release_before(q, m);
	ok(late[0] == 'x' && late[99] == 'x' && late_big[0] == 'y' && late_big[49999] == 'y',
	   "release before a mark keeps what was allocated after it");
	char *again = plumb_arena_alloc(q, 3000);
	ok(again && memset(again, 'z', 3000) && late[50] == 'x',
	   "the arena goes on after a release");
	plumb_arena_release_before(q, plumb_arena_mark(q));
	ok(again[2999] == 'z', "the mark's own chunk stays");
	plumb_arena_free(q);

	plumb_buf b;
	plumb_buf_init(&b, ctx->root, 8);
	plumb_buf_puts(&b, "abc");
	ok(plumb_buf_finish(&b, ctx) == 0, "small buffer fits");
	plumb_buf_puts(&b, "defghijk");
	is_int(plumb_buf_finish(&b, ctx), PLUMB_ENOMEM, "past the cap is an error, not a truncation");
	is_str(plumb_buf_str(&b), "abc", "data before the failure is kept");
	plumb_error_clear(ctx);

	plumb_buf_init(&b, ctx->root, 0);
	plumb_buf_quote_ident(&b, "we\"ird");
	plumb_buf_putc(&b, ' ');
	plumb_buf_quote_literal(&b, "it's");
	is_str(plumb_buf_str(&b), "\"we\"\"ird\" 'it''s'", "quoting doubles the quote");

	plumb_error_set_at(ctx, PLUMB_EPARSE, "schema.sql", 3, 5, "syntax error at %s", "\"x\"");
	plumb_error_set(ctx, PLUMB_EDB, "second error");
	const plumb_error *e = plumb_ctx_error(ctx);
	is_int(e->code, PLUMB_EPARSE, "first error wins");
	is_str(e->message, "syntax error at \"x\"", "message kept");
	is_int(e->line, 3, "line kept");
	is_int(plumb_exit_code(PLUMB_EHAZARD), PLUMB_EXIT_HAZARD, "hazard exit code");
	is_int(plumb_exit_code(PLUMB_EDB), PLUMB_EXIT_ERROR, "generic exit code");

	int line, col;
	plumb_text_position("ab\ncd\nef", 7, &line, &col);
	ok(line == 3 && col == 2, "offset 7 is line 3 col 2");

	char hex[65];
	plumb_sha256_hex("abc", 3, hex);
	is_str(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", "sha256");

	char dir[] = "/tmp/plumb-test-util-XXXXXX";
	ok(mkdtemp(dir) != NULL, "temp dir");
	char *sub = plumb_path_join(ctx->root, dir, "a/b");
	ok(plumb_fs_mkdir_p(ctx, sub) == 0, "mkdir -p");
	char *f1 = plumb_path_join(ctx->root, dir, "2_b.sql"), *f2 = plumb_path_join(ctx->root, dir, "1_a.sql");
	ok(plumb_fs_write_atomic(ctx, f1, "two", 3) == 0, "atomic write");
	ok(plumb_fs_write_atomic(ctx, f2, "one", 3) == 0, "atomic write");
	plumb_vec names = {0};
	ok(plumb_fs_list(ctx, ctx->root, dir, ".sql", &names) == 0, "list");
	ok(names.n == 2 && strcmp(names.items[0], "1_a.sql") == 0, "sorted listing of regular files");
	char *text;
	size_t len;
	ok(plumb_fs_read(ctx, ctx->root, f1, &text, &len) == 0 && len == 3 && strcmp(text, "two") == 0,
	   "read back");
	plumb_error_clear(ctx);
	is_int(plumb_fs_read(ctx, ctx->root, "/nonexistent/x", &text, &len), PLUMB_ENOTFOUND,
	       "missing file is ENOTFOUND");
	unlink(f1);
	unlink(f2);
	rmdir(sub);
	rmdir(plumb_path_join(ctx->root, dir, "a"));
	rmdir(dir);

	/* the hash map: three-part keys, NULL parts, folding, deletion, growth */
	{
		plumb_map *m = plumb_map_new(ctx->root, false);
		int one = 1, two = 2, three = 3;
		ok(m && plumb_map_put(m, "table", "public", "t", &one) == 0 &&
			   plumb_map_put(m, "table", NULL, "t", &two) == 0 &&
			   plumb_map_put(m, "view", "public", "t", &three) == 0,
		   "map: three keys put");
		ok(plumb_map_get(m, "table", "public", "t") == &one &&
			   plumb_map_get(m, "table", NULL, "t") == &two &&
			   plumb_map_get(m, "table", "", "t") == NULL &&
			   plumb_map_get(m, "view", "public", "t") == &three &&
			   plumb_map_get(m, "table", "public", "T") == NULL,
		   "map: NULL is not \"\", kinds apart, case kept");
		ok(plumb_map_get(m, "table", "publict", "") == NULL &&
			   plumb_map_get(m, "tablepublic", "t", NULL) == NULL,
		   "map: parts do not run into each other");
		void *v = &one;
		ok(plumb_map_put(m, "table", "public", "n", NULL) == 0 &&
			   plumb_map_find(m, "table", "public", "n", &v) && v == NULL &&
			   !plumb_map_find(m, "table", "public", "nn", NULL),
		   "map: a NULL value is there; find tells it from a missing key");
		ok(!plumb_map_del(m, "table", "public", "t", &two) &&
			   plumb_map_del(m, "table", "public", "t", &one) &&
			   plumb_map_get(m, "table", "public", "t") == NULL &&
			   plumb_map_get(m, "table", NULL, "t") == &two,
		   "map: delete only the value asked for");
		char(*names)[16] = malloc(20000 * sizeof(*names));
		bool all = names != NULL;
		for (int i = 0; all && i < 20000; i++) {
			snprintf(names[i], sizeof(names[i]), "t%05d", i);
			all = plumb_map_put(m, NULL, "s", names[i], names[i]) == 0;
		}
		for (int i = 0; all && i < 20000; i += 2)
			all = plumb_map_del(m, NULL, "s", names[i], NULL);
		for (int i = 0; all && i < 20000; i++)
			all = plumb_map_get(m, NULL, "s", names[i]) == (i % 2 ? names[i] : NULL);
		ok(all && plumb_map_count(m) == 10000 + 3, "map: 20,000 keys, half deleted");
		for (int i = 0; all && i < 20000; i += 2)
			all = plumb_map_put(m, NULL, "s", names[i], names[i]) == 0;
		for (int i = 0; all && i < 20000; i++)
			all = plumb_map_get(m, NULL, "s", names[i]) == names[i];
		ok(all && plumb_map_count(m) == 20000 + 3, "map: deleted keys put back");
		free(names);
		plumb_map *f = plumb_map_new(ctx->root, true);
		ok(f && plumb_map_put(f, NULL, NULL, "Users", &one) == 0 &&
			   plumb_map_get(f, NULL, NULL, "users") == &one &&
			   plumb_map_get(f, NULL, NULL, "USERS") == &one &&
			   plumb_map_get(f, NULL, NULL, "user") == NULL,
		   "map: folding ASCII case");
	}

	plumb_ctx_free(ctx);
	return done_testing();
}
