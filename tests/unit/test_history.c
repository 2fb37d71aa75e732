/* Unit tests of history/: file names, duplicate versions, directives,
 * checksums (CRLF), plumb.sum (added, removed, edited files, a bad merge) and
 * plumb_history_add (versions, ordering, names). Works in a temporary folder. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history/history.h"
#include "tap.h"

static char root[] = "/tmp/plumb-test-history-XXXXXX";

static void put(const char *dir, const char *name, const char *text)
{
	char path[512];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	fputs(text, f);
	fclose(f);
}

static char *sub(const char *name)
{
	static char buf[8][512];
	static int k;
	char *p = buf[k++ % 8];
	snprintf(p, 512, "%s/%s", root, name);
	return p;
}

static int load(plumb_ctx *ctx, const char *dir, plumb_history **h)
{
	plumb_error_clear(ctx);
	return plumb_history_load(ctx, ctx->root, dir, h);
}

static bool detail_has(plumb_ctx *ctx, const char *s)
{
	const char *d = plumb_ctx_error(ctx)->detail;
	return d && strstr(d, s);
}

int main(void)
{
	plumb_ctx *ctx;
	plumb_history *h;
	const plumb_error *e;
	if (!mkdtemp(root))
		return 1;
	plumb_ctx_new(&ctx);
	e = plumb_ctx_error(ctx);

	/* a missing folder is an empty history */
	is_int(load(ctx, sub("nope"), &h), 0, "missing folder loads");
	ok(h && h->migrations.n == 0 && !h->has_sum, "missing folder is empty, no sum");

	/* names, order, directives */
	char *d = sub("a");
	plumb_fs_mkdir_p(ctx, d);
	put(d, "2_second.sql",
	    "-- plumb:no-transaction\n\n--  plumb:foreign-keys off\nCREATE "
	    "TABLE b (x);\n-- plumb:bogus after the first statement\n");
	put(d, "10_tenth.sql", "CREATE TABLE c (x);\n");
	put(d, "1_first.sql", "-- a comment\nCREATE TABLE a (x);\n");
	put(d, "README.md", "not a migration\n");
	is_int(load(ctx, d, &h), 0, "folder loads");
	is_int(h->migrations.n, 3, "three migrations");
	plumb_migration *m0 = h->migrations.items[0], *m1 = h->migrations.items[1],
			*m2 = h->migrations.items[2];
	is_str(m0->version, "1", "sorted numerically: 1");
	is_str(m1->version, "2", "sorted numerically: 2");
	is_str(m2->version, "10", "sorted numerically: 10");
	is_str(m1->name, "second", "name parsed");
	is_str(m1->file_name, "2_second.sql", "file name kept");
	ok(m1->no_transaction && m1->foreign_keys_off, "directives read");
	ok(!m0->no_transaction && !m0->foreign_keys_off, "no directives by default");
	ok(plumb_history_find(h, "10") == m2, "find by version");
	ok(plumb_history_find(h, "11") == NULL, "find unknown version");

	/* bad names */
	d = sub("badname");
	plumb_fs_mkdir_p(ctx, d);
	put(d, "1_ok.sql", "select 1;\n");
	put(d, "add_users.sql", "select 1;\n");
	is_int(load(ctx, d, &h), PLUMB_EPARSE, "a bad file name is an error");
	ok(strstr(e->message, "\"add_users.sql\"") && strstr(e->message, "VERSION_NAME.sql"),
	   "names the file and the expected form: %s", e->message);
	put(d, "add_users.sql", "");
	unlink(sub("badname/add_users.sql"));
	put(d, "12.sql", "select 1;\n");
	is_int(load(ctx, d, &h), PLUMB_EPARSE, "a version without a name is an error");

	/* unknown directive */
	d = sub("baddir");
	plumb_fs_mkdir_p(ctx, d);
	put(d, "1_x.sql", "-- plumb:no-transactions\nselect 1;\n");
	is_int(load(ctx, d, &h), PLUMB_EPARSE, "a misspelt directive is an error");
	is_int(e->line, 1, "at its line");

	/* duplicate versions */
	d = sub("dup");
	plumb_fs_mkdir_p(ctx, d);
	put(d, "0007_a.sql", "select 1;\n");
	put(d, "7_b.sql", "select 2;\n");
	is_int(load(ctx, d, &h), PLUMB_EINTEGRITY, "two files with one version is an error");
	ok(strstr(e->message, "0007_a.sql") && strstr(e->message, "7_b.sql"), "names both: %s",
	   e->message);

	/* checksums: CRLF is LF */
	char c1[65], c2[65], c3[65];
	plumb_history_checksum("a;\r\nb;\r\n", 8, c1);
	plumb_history_checksum("a;\nb;\n", 6, c2);
	plumb_history_checksum("a;\rb;\n", 6, c3);
	is_str(c1, c2, "CRLF and LF give one checksum");
	ok(strcmp(c2, c3) != 0, "a lone CR is kept");
	char abc[65];
	plumb_sha256_hex("abc", 3, abc);
	plumb_history_checksum("abc", 3, c1);
	is_str(c1, abc, "checksum is SHA-256 of the text");

	/* plumb.sum */
	d = sub("sum");
	plumb_fs_mkdir_p(ctx, d);
	put(d, "1_a.sql", "CREATE TABLE a (x);\n");
	put(d, "2_b.sql", "CREATE TABLE b (x);\n");
	is_int(load(ctx, d, &h), 0, "loads without sum");
	is_int(plumb_history_write_sum(ctx, h), 0, "sum written");
	is_int(load(ctx, d, &h), 0, "loads with sum");
	ok(h->has_sum, "has_sum");
	char *text;
	size_t len;
	plumb_fs_read(ctx, ctx->root, sub("sum/plumb.sum"), &text, &len);
	ok(plumb_str_starts_with(text, "plumb-sum v1 "), "sum header");
	ok(strstr(text, "\n1_a.sql sha256:") && strstr(text, "\n2_b.sql sha256:"), "sum lines");
	char *sumtext = plumb_arena_strdup(ctx->root, text);

	put(d, "1_a.sql", "CREATE TABLE a (x);\r\n");
	is_int(load(ctx, d, &h), 0, "a CRLF-only edit is not a change");

	put(d, "1_a.sql", "CREATE TABLE a (x, y);\n");
	is_int(load(ctx, d, &h), PLUMB_EINTEGRITY, "an edited file is caught");
	ok(e->file && strstr(e->file, "plumb.sum"), "error file is the sum: %s", e->file);
	ok(detail_has(ctx, "1_a.sql: edited"), "detail names the edited file");
	put(d, "1_a.sql", "CREATE TABLE a (x);\n");

	put(d, "3_c.sql", "CREATE TABLE c (x);\n");
	unlink(sub("sum/2_b.sql"));
	is_int(load(ctx, d, &h), PLUMB_EINTEGRITY, "added and removed files are caught");
	ok(detail_has(ctx, "3_c.sql: not in plumb.sum"), "detail names the added file");
	ok(detail_has(ctx, "2_b.sql: listed in plumb.sum but the file is missing"),
	   "detail names the missing file");
	ok(e->hint != NULL, "with a hint");
	put(d, "2_b.sql", "CREATE TABLE b (x);\n");
	unlink(sub("sum/3_c.sql"));
	is_int(load(ctx, d, &h), 0, "restored");

	/* a bad merge: both branches' lines kept, header from one side */
	put(d, "3_c.sql", "CREATE TABLE c (x);\n");
	char merged[4096];
	snprintf(merged, sizeof(merged), "%s3_c.sql sha256:%s\n", sumtext,
		 "0000000000000000000000000000000000000000000000000000000000000000");
	plumb_history_checksum("CREATE TABLE c (x);\n", 20, c1);
	snprintf(merged, sizeof(merged), "%s3_c.sql sha256:%s\n", sumtext, c1);
	put(d, "plumb.sum", merged);
	is_int(load(ctx, d, &h), PLUMB_EINTEGRITY, "a sum whose list hash is wrong is caught");
	ok(detail_has(ctx, "list hash"), "detail says the list hash is wrong");
	put(d, "plumb.sum", "<<<<<<< HEAD\n");
	is_int(load(ctx, d, &h), PLUMB_EINTEGRITY, "conflict markers are caught");

	/* add */
	d = sub("add");
	is_int(load(ctx, d, &h), 0, "empty history");
	plumb_migration *m;
	is_int(plumb_history_add(ctx, h, NULL, "Add Users!", "CREATE TABLE users (id);\n", &m), 0,
	       "add with a generated version");
	is_int(strlen(m->version), 14, "timestamp version: %s", m->version);
	is_str(m->name, "add_users", "name sanitised");
	ok(plumb_fs_exists(m->path), "file written");
	ok(plumb_fs_exists(sub("add/plumb.sum")), "sum written (folder created)");
	is_int(plumb_history_add(ctx, h, "99990101000000", "future", "select 1;\n", &m), 0,
	       "add with a version far ahead");
	is_int(plumb_history_add(ctx, h, NULL, "", "-- plumb:no-transaction\nselect 2;\n", &m), 0,
	       "add after it");
	is_str(m->version, "99990101000001", "bumped one second past the newest");
	is_str(m->name, "migration", "empty name becomes migration");
	ok(m->no_transaction, "directive of a new body read");
	is_int(plumb_history_add(ctx, h, "00000000000001", "__early--bird__", "select 0;\n", &m), 0,
	       "add an older version");
	is_str(m->name, "early_bird", "separators collapsed and trimmed");
	is_int(h->migrations.n, 4, "four migrations in memory");
	ok(h->migrations.items[0] == m, "kept in version order");
	is_int(plumb_history_add(ctx, h, "99990101000001", "again", "", &m), PLUMB_EINTEGRITY,
	       "an existing version is refused");
	plumb_error_clear(ctx);
	is_int(plumb_history_add(ctx, h, "12ab", "x", "", &m), PLUMB_EUSAGE,
	       "a non-digit version is refused");
	plumb_history *h2;
	is_int(load(ctx, d, &h2), 0, "reloads against its sum");
	is_int(h2->migrations.n, 4, "four files");
	is_str(((plumb_migration *)h2->migrations.items[3])->version, "99990101000001",
	       "same order on disk");

	/* bump across a minute, and a non-timestamp version */
	d = sub("bump");
	is_int(load(ctx, d, &h), 0, "empty");
	plumb_history_add(ctx, h, "99981231235959", "x", "", &m);
	plumb_history_add(ctx, h, NULL, "y", "", &m);
	is_str(m->version, "99990101000000", "bump carries into the next year");
	plumb_history_add(ctx, h, "999999999999999", "x", "", &m);
	plumb_history_add(ctx, h, NULL, "y", "", &m);
	is_str(m->version, "1000000000000000", "a non-timestamp version is bumped by one");

	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		ok(0, "cleanup");
	plumb_ctx_free(ctx);
	return done_testing();
}
