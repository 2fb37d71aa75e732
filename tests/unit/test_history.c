/* Unit tests of history/: file names, duplicate versions, directives
 * (timeouts too), durations, checksums (CRLF), plumb.sum (added, removed,
 * edited files, a bad merge), plumb_history_add (versions, ordering, names)
 * and drizzle-kit folders (journal, hashes as drizzle-orm computes them,
 * breakpoints, refusals) and the snapshot of an adopted folder. Works in a
 * temporary folder. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "history/history.h"
#include "tap.h"

static char root[] = "/tmp/plumb-test-history-XXXXXX";

static void put(const char *dir, const char *name, const char *text)
{
	char path[1100];
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

static void test_durations_and_timeouts(plumb_ctx *ctx)
{
	static const struct {
		const char *in;
		long ms;
	} good[] = {{"500ms", 500}, {"30s", 30000}, {"2min", 120000}, {"1h", 3600000},
		    {"1.5s", 1500},  {"0", 0},	      {"250", 250},	{" 10 min ", 600000},
		    {"1d", 86400000}};
	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		long ms = -7;
		int rc = plumb_history_parse_duration(good[i].in, strlen(good[i].in), &ms);
		ok(rc == 0 && ms == good[i].ms, "duration \"%s\" is %ld ms (got %ld)", good[i].in,
		   good[i].ms, ms);
	}
	const char *bad[] = {"", "s", "-1s", "5 parsecs", "1e20h", "0.1us", "ms5"};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		long ms;
		is_int(plumb_history_parse_duration(bad[i], strlen(bad[i]), &ms), -1,
		       "\"%s\" is not a duration", bad[i]);
	}

	char *d = sub("timeouts");
	mkdir(d, 0755);
	put(d, "1_a.sql", "-- plumb:lock-timeout 5s\n-- plumb:statement-timeout=1min\nSELECT 1;\n");
	put(d, "2_b.sql", "-- plumb:lock-timeout 0\nSELECT 1;\n");
	put(d, "3_c.sql", "SELECT 1;\n-- plumb:lock-timeout 5s\n");
	plumb_history *h;
	is_int(load(ctx, d, &h), 0, "timeout directives load");
	plumb_migration *a = h->migrations.items[0], *b = h->migrations.items[1],
			*c = h->migrations.items[2];
	ok(a->lock_timeout_set && a->lock_timeout_ms == 5000, "lock-timeout 5s");
	ok(a->statement_timeout_set && a->statement_timeout_ms == 60000, "statement-timeout=1min");
	ok(b->lock_timeout_set && b->lock_timeout_ms == 0 && !b->statement_timeout_set,
	   "lock-timeout 0: set, the server's setting");
	ok(!c->lock_timeout_set, "a directive after the first statement is not one");
	put(d, "4_d.sql", "-- plumb:statement-timeout soon\nSELECT 1;\n");
	is_int(load(ctx, d, &h), PLUMB_EPARSE, "a bad duration is an error");
	ok(strstr(plumb_ctx_error(ctx)->message, "plumb:statement-timeout soon") != NULL,
	   "naming the directive: %s", plumb_ctx_error(ctx)->message);
	is_int(plumb_ctx_error(ctx)->line, 1, "at its line");
	put(d, "4_d.sql", "-- plumb:lock-timeouts 5s\nSELECT 1;\n");
	is_int(load(ctx, d, &h), PLUMB_EPARSE, "a misspelt directive is an error");
	ok(strstr(plumb_ctx_error(ctx)->hint, "plumb:lock-timeout 5s") != NULL,
	   "the hint lists the timeouts");
}

static void journal(const char *dir, const char *dialect, const char *entries)
{
	char meta[512], text[4096];
	snprintf(meta, sizeof(meta), "%s/meta", dir);
	mkdir(dir, 0755);
	mkdir(meta, 0755);
	snprintf(text, sizeof(text), "{\"version\":\"7\",\"dialect\":\"%s\",\"entries\":[%s]}",
		 dialect, entries);
	put(meta, "_journal.json", text);
}

static void test_drizzle(plumb_ctx *ctx)
{
	plumb_history *h;
	char *d = sub("drizzle");
	/* journal order is not `when` order: versions sort by `when` */
	journal(d, "postgresql",
		"{\"idx\":0,\"version\":\"7\",\"when\":1795487381705,\"tag\":\"0000_first\","
		"\"breakpoints\":true},"
		"{\"idx\":1,\"version\":\"7\",\"when\":1795487300000,\"tag\":\"0001_branch\","
		"\"breakpoints\":false}");
	put(d, "0000_first.sql", "CREATE TABLE a (x int);--> statement-breakpoint\r\n"
				 "CREATE TABLE b (y int);--> statement-breakpoint\n");
	put(d, "0001_branch.sql", "-- plumb:no-transaction\nCREATE INDEX CONCURRENTLY i ON a (x);");
	put(d, "stray.sql", "not in the journal");
	ok(plumb_history_is_drizzle(ctx, d), "a folder with meta/_journal.json is drizzle-kit's");
	is_int(load(ctx, d, &h), 0, "a drizzle-kit folder loads");
	is_int(h->format, PLUMB_HISTORY_DRIZZLE, "format drizzle");
	is_str(h->engine, "pg", "postgresql is pg");
	ok(!h->has_sum, "no plumb.sum needed");
	is_int(h->migrations.n, 2, "the journal's entries, not every .sql file");
	plumb_migration *a = h->migrations.items[0], *b = h->migrations.items[1];
	is_str(a->version, "1795487300000", "version is `when`, sorted");
	is_str(a->name, "0001_branch", "name is the tag");
	is_str(a->file_name, "0001_branch.sql", "file is TAG.sql");
	ok(a->no_transaction, "plumb directives work in drizzle files");
	ok(a->breakpoints && b->breakpoints, "split on breakpoints even when the journal says not");
	char want[65];
	plumb_sha256_hex(b->sql, b->len, want);
	is_str(b->checksum, want, "the hash is SHA-256 of the file as it is (CRLF kept)");
	ok(plumb_history_checksum_matches(b, want), "it matches itself");
	static const char lf[] = "CREATE TABLE a (x int);--> statement-breakpoint\n"
				 "CREATE TABLE b (y int);--> statement-breakpoint\n";
	plumb_sha256_hex(lf, sizeof(lf) - 1, want);
	ok(plumb_history_checksum_matches(b, want), "the file with LF line ends matches too");
	ok(plumb_history_checksum_matches(b, ""), "an empty recorded hash is not verified");
	ok(!plumb_history_checksum_matches(b, "00"), "another hash does not match");

	plumb_chunk *c;
	size_t n;
	is_int(plumb_history_chunks(ctx, ctx->root, b, &c, &n), 0, "chunks");
	is_int(n, 3, "split like drizzle-orm: the last piece too");
	ok(n == 3 && c[0].start == 0 && strncmp(b->sql + c[0].start, "CREATE TABLE a (x int);", c[0].end) == 0,
	   "first chunk");
	ok(n == 3 && strncmp(b->sql + c[1].start, "\r\nCREATE TABLE b", 15) == 0,
	   "second chunk starts right after the marker");
	ok(n == 3 && c[2].end == b->len && c[2].end - c[2].start == 1, "last chunk: the newline");

	ok(plumb_history_find(h, "1795487381705") == b, "find by version");
	ok(plumb_history_find(h, "0000_first") == b, "find by tag");
	ok(plumb_history_find(h, "0001") == a, "find by the tag's prefix");
	ok(plumb_history_find(h, "0002") == NULL, "unknown prefix");

	plumb_error_clear(ctx);
	is_int(plumb_history_write_sum(ctx, h), PLUMB_EUSAGE, "no plumb.sum written there");
	plumb_error_clear(ctx);
	plumb_migration *m;
	is_int(plumb_history_add(ctx, h, NULL, "x", "", &m), PLUMB_EUSAGE,
	       "no plumb migration added there");
	ok(strstr(plumb_ctx_error(ctx)->hint, "drizzle-kit generate") != NULL, "hint: drizzle-kit");

	/* text as Node.js reads it: each invalid UTF-8 sequence one U+FFFD */
	static const char raw[] = "a\xe0\x80" "b\xf0\x9f\x98\xed\xa0\x80\xc3\xff\xf4\x90";
	char *text;
	size_t len;
	is_int(plumb__history_drizzle_text(ctx, ctx->root, raw, sizeof(raw) - 1, &text, &len), 0,
	       "decodes");
	char hex[128] = {0};
	for (size_t i = 0; i < len && 2 * i + 2 < sizeof(hex); i++)
		snprintf(hex + 2 * i, 3, "%02x", (unsigned char)text[i]);
	/* computed with Buffer.from([...]).toString() in Node.js 20 */
	is_str(hex, "61efbfbdefbfbd62efbfbdefbfbdefbfbdefbfbdefbfbdefbfbdefbfbdefbfbd",
	       "maximal subparts replaced as the WHATWG decoder does");
	static const char good[] = "caf\xc3\xa9 \xf0\x9f\x8d\x95";
	is_int(plumb__history_drizzle_text(ctx, ctx->root, good, sizeof(good) - 1, &text, &len), 0,
	       "valid text");
	ok(len == sizeof(good) - 1 && memcmp(text, good, len) == 0, "valid UTF-8 is unchanged");

	/* refusals */
	d = sub("dz_missing");
	journal(d, "sqlite", "{\"idx\":0,\"when\":1,\"tag\":\"0000_gone\"}");
	is_int(load(ctx, d, &h), PLUMB_ENOTFOUND, "a journal entry without its file");
	ok(strstr(plumb_ctx_error(ctx)->message, "0000_gone.sql") != NULL, "names the file");
	d = sub("dz_dup");
	journal(d, "sqlite",
		"{\"idx\":0,\"when\":5,\"tag\":\"0000_a\"},{\"idx\":1,\"when\":5,\"tag\":\"0001_b\"}");
	put(d, "0000_a.sql", "");
	put(d, "0001_b.sql", "");
	is_int(load(ctx, d, &h), PLUMB_EINTEGRITY, "two entries with one `when`");
	ok(strstr(plumb_ctx_error(ctx)->message, "\"0000_a\" and \"0001_b\"") != NULL,
	   "names both: %s", plumb_ctx_error(ctx)->message);
	d = sub("dz_mysql");
	journal(d, "mysql", "");
	is_int(load(ctx, d, &h), PLUMB_EUSAGE, "a mysql folder is refused");
	d = sub("dz_path");
	journal(d, "sqlite", "{\"idx\":0,\"when\":5,\"tag\":\"../x\"}");
	is_int(load(ctx, d, &h), PLUMB_EPARSE, "a tag with a path is refused");
	d = sub("dz_json");
	journal(d, "sqlite", "{\"idx\":0,\"when\":5,\"tag\":\"0000_a\"},");
	is_int(load(ctx, d, &h), PLUMB_EPARSE, "bad JSON");
	ok(plumb_ctx_error(ctx)->line == 1, "with its position");
	d = sub("dz_when");
	journal(d, "sqlite", "{\"idx\":0,\"when\":\"soon\",\"tag\":\"0000_a\"}");
	is_int(load(ctx, d, &h), PLUMB_EPARSE, "a `when` that is no number");
	/* a `when` beyond long long: refused before the (undefined) conversion */
	static const char *const huge[] = {"1e300", "-1e300", "9.3e18", "9223372036854775808.0"};
	for (size_t i = 0; i < sizeof(huge) / sizeof(huge[0]); i++) {
		char entries[128];
		snprintf(entries, sizeof(entries),
			 "{\"idx\":0,\"when\":5,\"tag\":\"0000_a\"},"
			 "{\"idx\":1,\"when\":%s,\"tag\":\"0001_b\"}",
			 huge[i]);
		d = sub("dz_huge");
		journal(d, "sqlite", entries);
		put(d, "0000_a.sql", "");
		put(d, "0001_b.sql", "");
		is_int(load(ctx, d, &h), PLUMB_EPARSE, "`when` %s is refused", huge[i]);
		const plumb_error *e = plumb_ctx_error(ctx);
		ok(strstr(e->message, "entry 1: \"when\" is out of range") != NULL,
		   "the message names the entry: %s", e->message);
		ok(e->file && plumb_str_ends_with(e->file, "meta/_journal.json"), "and the file: %s",
		   e->file ? e->file : "(none)");
	}
	d = sub("dz_real");
	journal(d, "sqlite", "{\"idx\":0,\"when\":1.7e12,\"tag\":\"0000_a\"}");
	put(d, "0000_a.sql", "");
	is_int(load(ctx, d, &h), 0, "a whole `when` written as a real is read");
	is_str(((plumb_migration *)h->migrations.items[0])->version, "1700000000000", "as its value");
}

/* plumb.snapshot.sql: read as version 0 before every migration, listed in
 * plumb.sum, one per folder. */
static void test_snapshot(plumb_ctx *ctx)
{
	plumb_history *h, *h2;
	plumb_migration *m, *snap;
	char *d = sub("snap");
	is_int(load(ctx, d, &h), 0, "snapshot: empty folder");
	is_int(plumb_history_add_snapshot(ctx, h, "CREATE TABLE a (x);\n", &snap), 0,
	       "snapshot written");
	ok(snap && snap->snapshot && !strcmp(snap->version, "0") &&
		   !strcmp(snap->file_name, PLUMB_SNAPSHOT_FILE),
	   "snapshot: version 0, its own file name");
	is_int(plumb_history_add(ctx, h, "5", "later", "CREATE TABLE b (x);\n", &m), 0,
	       "a migration after it");
	is_int(load(ctx, d, &h2), 0, "folder with a snapshot loads against its sum");
	is_int(h2->migrations.n, 2, "snapshot and migration");
	ok(((plumb_migration *)h2->migrations.items[0])->snapshot, "the snapshot comes first");
	is_int(plumb_history_n_migrations(h2), 1, "one migration besides the snapshot");
	ok(plumb_history_find(h2, "0") == h2->migrations.items[0], "found as version 0");
	plumb_error_clear(ctx);
	is_int(plumb_history_add_snapshot(ctx, h2, "x", &m), PLUMB_EINTEGRITY,
	       "a second snapshot is refused");
	put(d, PLUMB_SNAPSHOT_FILE, "CREATE TABLE edited (x);\n");
	is_int(load(ctx, d, &h2), PLUMB_EINTEGRITY, "an edited snapshot is caught by plumb.sum");
	put(d, "0_zero.sql", "select 1;\n");
	plumb_error_clear(ctx);
	ok(plumb_history_load(ctx, ctx->root, d, &h2) == PLUMB_EINTEGRITY &&
		   strstr(plumb_ctx_error(ctx)->message, "version 0"),
	   "a migration of version 0 besides it is a duplicate version");
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

	/* a file name holding " sha256:" (found by fuzz_names): its own sum reads back */
	const char *odd = sub("sum_odd");
	plumb_fs_mkdir_p(ctx, odd);
	put(odd, "1_a sha256:1.sql", "CREATE TABLE a (x);\n");
	put(odd, "2_b sha256: sha256:.sql", "CREATE TABLE b (x);\n");
	is_int(load(ctx, odd, &h), 0, "loads without sum");
	is_int(plumb_history_write_sum(ctx, h), 0, "sum written");
	is_int(load(ctx, odd, &h), 0, "a name with \" sha256:\" loads against its sum: %s",
	       e->code ? e->detail : "");
	/* a line end in a name would break its plumb.sum line: refused */
	const char *nl = sub("sum_nl");
	plumb_fs_mkdir_p(ctx, nl);
	put(nl, "1_a\nb.sql", "CREATE TABLE a (x);\n");
	is_int(load(ctx, nl, &h), PLUMB_EPARSE, "a file name with a line end is refused");
	ok(e->message && strstr(e->message, "invalid migration file name"), "as an invalid name: %s",
	   e->message ? e->message : "");

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

	test_durations_and_timeouts(ctx);
	test_drizzle(ctx);
	test_snapshot(ctx);

	char cmd[600];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", root);
	if (system(cmd) != 0)
		ok(0, "cleanup");
	plumb_ctx_free(ctx);
	return done_testing();
}
