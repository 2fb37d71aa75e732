/*
 * The replay cache: the catalog a migrations folder gave when replayed
 * offline, kept so that the next command reading the same folder reads the
 * catalog instead of replaying every file again (at 10,000 tables the replay
 * is half of a second `generate`).
 *
 * An entry is keyed by the SHA-256 of everything the replay reads: each
 * file's name and text in order, the dialect, whether owners are managed,
 * and the identity of this build of plumb (its GNU build ID), so that a
 * changed file, or another plumb, never finds an entry. It holds the
 * catalog as catalog/store.c writes it, before the config's exclusions
 * (applied after, as to a replay). Entries live in ctx->cache_dir as
 * replay-KEY.cat, written to a temporary file and renamed, the KEEP most
 * recently used kept.
 *
 * The cache is only ever a shortcut: an entry that cannot be read or
 * written, or is damaged, is a miss, and the command goes on as without
 * it. It writes nothing while a fault is injected, nor under --dry-run
 * (ctx->cache_write). With ctx->cache_verify, a hit is replayed anyway and
 * the two catalogs compared byte for byte.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "catalog/catalog.h"
#include "source/source.h"

enum { KEEP = 16 };
#define FORMAT "replay cache of plumb, format 1"

/* --- keys -------------------------------------------------------------- */

static void hash_str(EVP_MD_CTX *h, const char *s)
{
	EVP_DigestUpdate(h, s, strlen(s) + 1);
}

static void hash_size(EVP_MD_CTX *h, uint64_t n)
{
	EVP_DigestUpdate(h, &n, sizeof(n));
}

bool plumb__cache_key(plumb_ctx *ctx, const char *dialect, const plumb_vec *files, char key[65])
{
	struct {
		const unsigned char *id;
		size_t len;
	} b;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (!ctx->cache_dir || !files->n || !plumb_cache_build_id(&b.id, &b.len))
		return false;
	EVP_MD_CTX *h = EVP_MD_CTX_new();
	if (!h)
		return false;
	bool ok = EVP_DigestInit_ex(h, EVP_sha256(), NULL) == 1;
	if (ok) {
		hash_str(h, FORMAT);
		hash_size(h, b.len);
		EVP_DigestUpdate(h, b.id, b.len);
		hash_str(h, dialect);
		hash_size(h, ctx->owners);
		hash_size(h, files->n);
		/* the bytes themselves, not the history's checksums: those set
		 * line ends aside, and a function body's are part of its text */
		for (size_t i = 0; i < files->n; i++) {
			const plumb_sql_file *f = files->items[i];
			const char *base = strrchr(f->path, '/');
			hash_str(h, base ? base + 1 : f->path);
			hash_size(h, f->len);
			EVP_DigestUpdate(h, f->text, f->len);
		}
		ok = EVP_DigestFinal_ex(h, md, &n) == 1 && n == 32;
	}
	EVP_MD_CTX_free(h);
	for (unsigned int i = 0; ok && i < n; i++)
		snprintf(key + 2 * i, 3, "%02x", md[i]);
	return ok;
}

/* --- entries ------------------------------------------------------------ */

bool plumb__cache_get(plumb_ctx *ctx, plumb_arena *arena, const char *key, plumb_catalog **out)
{
	size_t len;
	*out = NULL;
	if (plumb_arena_faults_armed())
		return false;
	const char *path = plumb_cache_path(arena, ctx, "replay", key, ".cat");
	char *data = path ? plumb_cache_slurp(path, &len) : NULL;
	if (!data) {
		if (path)
			plumb_cache_note(ctx, "replay", "no entry", path);
		return false;
	}
	/* the entry starts with its key, as a check on its name; it is read
	 * into an arena of its own, freed with what it read when damaged */
	plumb_arena *own = plumb_arena_new(arena);
	bool ok = own && len > 64 && memcmp(data, key, 64) == 0 &&
		  plumb_catalog_load(ctx, own, data + 64, len - 64, out) == 0;
	free(data);
	if (!ok) {
		plumb_error_clear(ctx);
		plumb_arena_free(own);
		*out = NULL;
		plumb_cache_note(ctx, "replay", "damaged entry, not used:", path);
		return false;
	}
	plumb_cache_used(ctx, path);
	plumb_cache_note(ctx, "replay", "read", path);
	return true;
}

void plumb__cache_put(plumb_ctx *ctx, const char *key, const plumb_catalog *cat)
{
	plumb_arena *a = plumb_arena_new(ctx->root);
	if (!a)
		return;
	char *path = plumb_cache_path(a, ctx, "replay", key, ".cat"), *tmp;
	int fd = path ? plumb_cache_create(ctx, a, path, &tmp) : -1;
	if (fd >= 0) {
		bool ok = plumb_write_all(fd, key, 64) && plumb_catalog_store_fd(ctx, cat, fd) == 0;
		if (!ok)
			plumb_error_clear(ctx);
		if (plumb_cache_commit(ctx, a, fd, ok, tmp, path, "replay", ".cat", KEEP))
			plumb_cache_note(ctx, "replay", "wrote", path);
	}
	plumb_arena_free(a);
}

bool plumb__cache_same(plumb_ctx *ctx, const plumb_catalog *a, const plumb_catalog *b)
{
	plumb_arena *scratch = plumb_arena_new(ctx->root);
	const char *x, *y;
	size_t nx, ny;
	bool same = scratch && plumb_catalog_store(ctx, a, scratch, &x, &nx) == 0 &&
		    plumb_catalog_store(ctx, b, scratch, &y, &ny) == 0 && nx == ny &&
		    memcmp(x, y, nx) == 0;
	plumb_arena_free(scratch);
	return same;
}
