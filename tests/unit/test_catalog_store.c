/*
 * catalog/store.c, the bytes of the replay cache: a catalog stored and read
 * back is the same catalog (stored again, the same bytes; diffed, nothing);
 * bytes cut short at every length, or with any byte changed, are an error or
 * some catalog, never a crash (the sanitizer run reads each); memory and file
 * give the same bytes. No server needed: the catalog comes from the offline
 * builder, over most kinds of object.
 */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "catalog/catalog.h"
#include "diff/diff.h"
#include "dialect/pg/pg.h"
#include "tap.h"

static plumb_ctx *ctx;
static plumb_arena *A;

static const char SCHEMA[] =
	"CREATE SCHEMA app;\n"
	"CREATE EXTENSION IF NOT EXISTS pgcrypto;\n"
	"CREATE TYPE app.mood AS ENUM ('ok', 'sad');\n"
	"CREATE DOMAIN app.score AS int DEFAULT 1 CHECK (VALUE >= 0);\n"
	"CREATE TYPE app.pair AS (a int, b text);\n"
	"CREATE SEQUENCE app.seq START 10 INCREMENT 5;\n"
	"CREATE TABLE app.users (\n"
	"  id bigserial PRIMARY KEY,\n"
	"  email text NOT NULL UNIQUE COLLATE \"C\",\n"
	"  m app.mood DEFAULT 'ok',\n"
	"  s app.score,\n"
	"  n int GENERATED ALWAYS AS IDENTITY (START 7),\n"
	"  g int GENERATED ALWAYS AS (n * 2) STORED,\n"
	"  CONSTRAINT users_s_check CHECK (s < 100) NOT VALID\n"
	") WITH (fillfactor = 70);\n"
	"ALTER TABLE app.users ALTER COLUMN email SET STATISTICS 200;\n"
	"ALTER TABLE app.users ALTER COLUMN email SET STORAGE EXTERNAL;\n"
	"ALTER TABLE app.users ENABLE ROW LEVEL SECURITY;\n"
	"CREATE TABLE app.posts (id int, user_id bigint REFERENCES app.users (id) "
	"ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED, body text, "
	"PRIMARY KEY (id) INCLUDE (body));\n"
	"CREATE TABLE app.events (at timestamptz NOT NULL, v int) PARTITION BY RANGE (at);\n"
	"CREATE TABLE app.events_2024 PARTITION OF app.events "
	"FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');\n"
	"CREATE INDEX posts_body_idx ON app.posts (lower(body)) WHERE body IS NOT NULL;\n"
	"CREATE VIEW app.names AS SELECT id, email FROM app.users;\n"
	"CREATE MATERIALIZED VIEW app.counts AS SELECT user_id, count(*) FROM app.posts GROUP BY "
	"user_id;\n"
	"CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END "
	"$$;\n"
	"CREATE TRIGGER posts_touch BEFORE UPDATE ON app.posts FOR EACH ROW EXECUTE FUNCTION "
	"app.touch();\n"
	"CREATE POLICY own ON app.users USING (true);\n"
	"COMMENT ON TABLE app.users IS 'people';\n"
	"COMMENT ON COLUMN app.users.email IS 'where';\n"
	"GRANT SELECT, UPDATE (email) ON app.users TO PUBLIC;\n"
	"GRANT USAGE ON SCHEMA app TO PUBLIC;\n"
	"CREATE PUBLICATION pub FOR TABLE app.posts;\n"
	"CREATE STATISTICS app.st (ndistinct) ON id, user_id FROM app.posts;\n";

static plumb_catalog *build(void)
{
	plumb_sql_file f = {"schema.sql", SCHEMA, strlen(SCHEMA)};
	plumb_vec files = {0};
	plumb_catalog *cat = NULL;
	plumb_vec_push(A, &files, &f);
	int rc = plumb__pg_load_schema(ctx, A, &files, &cat);
	ok(rc == 0 && cat, "the schema builds offline (rc %d: %s)", rc,
	   plumb_ctx_error(ctx)->message ? plumb_ctx_error(ctx)->message : "");
	return cat;
}

static void test_round_trip(const plumb_catalog *cat)
{
	const char *bytes, *again;
	size_t len, len2;
	plumb_catalog *back = NULL;
	plumb_diff *diff = NULL;
	ok(plumb_catalog_store(ctx, cat, A, &bytes, &len) == 0 && len > 8, "stored: %zu bytes",
	   len);
	ok(plumb_catalog_load(ctx, A, bytes, len, &back) == 0 && back, "read back");
	if (!back)
		return;
	ok(plumb_catalog_store(ctx, back, A, &again, &len2) == 0 && len2 == len &&
		   memcmp(bytes, again, len) == 0,
	   "stored again: the same bytes");
	is_int(back->tables.n, cat->tables.n, "as many tables");
	is_int(back->objects.n, cat->objects.n, "as many other objects");
	is_str(back->dialect, "pg", "the dialect");
	ok(plumb_catalog_find(back, PLUMB_OBJ_TABLE, "app", "users") != NULL,
	   "found by name through the catalog's index");
	ok(plumb_diff_catalogs(ctx, A, cat, back, &diff) == 0 && plumb_diff_is_empty(diff),
	   "diff between the two: nothing");

	/* the file form: the same bytes */
	char path[] = "/tmp/plumb-store-XXXXXX";
	int fd = mkstemp(path);
	ok(fd >= 0 && plumb_catalog_store_fd(ctx, cat, fd) == 0, "stored to a file");
	if (fd >= 0) {
		char *got = malloc(len + 1);
		ssize_t n = got ? pread(fd, got, len + 1, 0) : -1;
		ok(n == (ssize_t)len && memcmp(got, bytes, len) == 0, "... the same bytes");
		free(got);
		close(fd);
		unlink(path);
	}
}

static void test_damaged(const plumb_catalog *cat)
{
	const char *bytes;
	size_t len;
	plumb_catalog *back;
	if (plumb_catalog_store(ctx, cat, A, &bytes, &len) != 0)
		return;
	size_t cut_ok = 0, cut_failed_right = 0;
	for (size_t n = 0; n < len; n++) {
		plumb_arena *a = plumb_arena_new(A);
		char *copy = malloc(n ? n : 1); /* exactly n bytes: reads past them are seen */
		memcpy(copy, bytes, n);
		int rc = plumb_catalog_load(ctx, a, copy, n, &back);
		if (rc == PLUMB_EPARSE && !back)
			cut_failed_right++;
		else
			cut_ok++;
		plumb_error_clear(ctx);
		free(copy);
		plumb_arena_free(a);
	}
	is_int(cut_failed_right, len, "cut short at each of %zu lengths: an error, no catalog",
	       len);
	size_t loaded = 0, refused = 0;
	for (size_t i = 0; i < len; i++) {
		plumb_arena *a = plumb_arena_new(A);
		char *copy = malloc(len);
		memcpy(copy, bytes, len);
		copy[i] ^= (char)(0x5a + (i & 0x0f)); /* never 0: the byte changes */
		if (plumb_catalog_load(ctx, a, copy, len, &back) == 0)
			loaded++;
		else
			refused++;
		plumb_error_clear(ctx);
		free(copy);
		plumb_arena_free(a);
	}
	ok(loaded + refused == len && refused > 0,
	   "each byte changed in turn: read or refused, never a crash (%zu refused)", refused);
	(void)cut_ok;
}

int main(void)
{
	if (plumb_ctx_new(&ctx) < 0 || !(A = plumb_arena_new(NULL)))
		return 1;
	plumb_catalog *cat = build();
	if (cat) {
		test_round_trip(cat);
		test_damaged(cat);
	}
	plumb_arena_free(A);
	plumb_ctx_free(ctx);
	return done_testing();
}
