/*
 * The parse cache: the trees libpg_query gave for a file's statements,
 * kept across runs, so that a statement read again with the same text is
 * not parsed again. Parsing (and packing the tree, which libpg_query does
 * for every statement) is most of the time of reading a large schema; most
 * of a schema file is the same from one command to the next.
 *
 * An entry holds one file's pieces (parse.c cuts a file into them), each
 * the packed tree pg_query_parse_protobuf gave for it, found by the SHA-256
 * of the piece's text. A piece's tree depends on its text alone (its
 * locations count from the piece's start), so a statement that moved in
 * the file, or whose neighbours changed, is found again. The entry is
 * named by the file's real path, this build of plumb and the build of
 * libpg_query that parsed (their GNU build IDs): another build never reads
 * it. It is written again, to a temporary file renamed into place, when a
 * piece was not found or the file has fewer pieces than the entry; else it
 * is only marked used. The 64 most recently used entries are kept.
 *
 * Layout: MAGIC, the entry's key (64 hex digits, a check on its name), the
 * packed trees one after another, then per piece its text's SHA-256 and
 * where its tree is (offset, length: 8 bytes each, little endian), and the
 * footer: the number of pieces, where that index starts, and MAGIC's first
 * 8 bytes. Anything that does not add up is no entry.
 *
 * Threads: an open cache is read by the parsing helpers (parse_pool.c)
 * and the caller at once; after open it changes only through note() and
 * close(), which the caller calls alone, and mismatch, set atomically.
 * With ctx->cache_verify every tree found is checked against a parse of
 * its text (the tests): a difference is an error when the file is read.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "dialect/pg/canon_int.h"

#define FORMAT "parse cache of plumb, format 1"
static const char MAGIC[16] = "PLUMB parse 1\n\0";
enum { HEAD = sizeof(MAGIC) + 64, ROW = 32 + 8 + 8, FOOT = 24, KEEP = 64, WBUF = 1 << 16 };
/* Below this many pieces a file is read fast enough without. */
#define MIN_PIECES 64

struct plumb_pg_pcache {
	plumb_ctx *ctx;
	plumb_arena *a; /* the cache's own, freed at close */
	const char *sql; /* the file's text and its cuts, for where a piece is */
	const size_t *at;
	size_t n;
	unsigned char *keys;   /* n SHA-256s of the pieces' texts */
	const uint8_t **tree;  /* per piece: its tree in the entry, or NULL */
	size_t *len;
	void *map; /* the entry read, mapped */
	size_t map_len;
	size_t found;
	int mismatch; /* 1 + the piece whose tree was not the parser's, or 0 */
	/* the entry written: where (path, tmp), its trees so far, their index */
	char *path, *tmp;
	FILE *out;
	uint64_t off;
	unsigned char *index;
	bool writing, failed;
};

static void put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static uint64_t get64(const unsigned char *p)
{
	uint64_t v = 0;
	for (int i = 0; i < 8; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

/* The entry's key: this build's, libpg_query's and the file's real path. */
static bool entry_key(const char *real, char key[65])
{
	const unsigned char *mine, *lib;
	size_t n_mine, n_lib;
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (!plumb_cache_build_id(&mine, &n_mine) ||
	    !plumb_cache_object_id((const void *)&pg_query_parse_protobuf, &lib, &n_lib))
		return false;
	EVP_MD_CTX *h = EVP_MD_CTX_new();
	bool ok = h && EVP_DigestInit_ex(h, EVP_sha256(), NULL) == 1 &&
		  EVP_DigestUpdate(h, FORMAT, sizeof(FORMAT)) == 1 &&
		  EVP_DigestUpdate(h, &n_mine, sizeof(n_mine)) == 1 &&
		  EVP_DigestUpdate(h, mine, n_mine) == 1 &&
		  EVP_DigestUpdate(h, &n_lib, sizeof(n_lib)) == 1 &&
		  EVP_DigestUpdate(h, lib, n_lib) == 1 &&
		  EVP_DigestUpdate(h, real, strlen(real) + 1) == 1 &&
		  EVP_DigestFinal_ex(h, md, &n) == 1 && n == 32;
	EVP_MD_CTX_free(h);
	for (unsigned int i = 0; ok && i < n; i++)
		snprintf(key + 2 * i, 3, "%02x", md[i]);
	return ok;
}

/* The trees of the entry at pc->path found for the pieces, through a table
 * of its rows by the first bytes of their keys. */
static void read_entry(plumb_pg_pcache *pc, const char *key)
{
	size_t size;
	int fd = plumb_cache_open(pc->path, &size);
	if (fd < 0) {
		plumb_cache_note(pc->ctx, "parse", "no entry", pc->path);
		return;
	}
	void *map = size >= HEAD + FOOT ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0)
					: MAP_FAILED;
	close(fd);
	if (map == MAP_FAILED)
		return;
	const unsigned char *m = map, *foot = m + size - FOOT;
	uint64_t rows = get64(foot), at = get64(foot + 8);
	if (memcmp(m, MAGIC, sizeof(MAGIC)) != 0 || memcmp(m + sizeof(MAGIC), key, 64) != 0 ||
	    memcmp(foot + 16, MAGIC, 8) != 0 || at < HEAD || at > size - FOOT ||
	    rows != (size - FOOT - at) / ROW || (size - FOOT - at) % ROW != 0) {
		munmap(map, size);
		plumb_cache_note(pc->ctx, "parse", "damaged entry, not used:", pc->path);
		return;
	}
	pc->map = map;
	pc->map_len = size;
	size_t slots = 16;
	while (slots < 2 * rows)
		slots *= 2;
	const unsigned char **table = plumb_arena_alloc(pc->a, slots * sizeof(*table));
	if (!table)
		return;
	memset(table, 0, slots * sizeof(*table));
	for (uint64_t r = 0; r < rows; r++) {
		const unsigned char *row = m + at + r * ROW;
		uint64_t off = get64(row + 32), len = get64(row + 40);
		if (off < HEAD || off > at || len > at - off)
			return; /* damaged: nothing found */
		size_t h = (size_t)get64(row) & (slots - 1);
		while (table[h])
			h = (h + 1) & (slots - 1);
		table[h] = row;
	}
	for (size_t i = 0; i < pc->n; i++) {
		const unsigned char *k = pc->keys + 32 * i;
		size_t h = (size_t)get64(k) & (slots - 1);
		for (; table[h]; h = (h + 1) & (slots - 1))
			if (memcmp(table[h], k, 32) == 0) {
				pc->tree[i] = m + get64(table[h] + 32);
				pc->len[i] = (size_t)get64(table[h] + 40);
				pc->found++;
				break;
			}
	}
	/* written again only when it would hold something else */
	if (pc->found == pc->n && rows == pc->n)
		plumb_cache_used(pc->ctx, pc->path);
}

plumb_pg_pcache *plumb__pg_pcache_open(plumb_ctx *ctx, const char *file, const char *sql,
				       const size_t *at, size_t n)
{
	char key[65];
	if (!ctx->cache_dir || !file || n < MIN_PIECES || plumb_arena_faults_armed())
		return NULL;
	char *real = realpath(file, NULL);
	bool keyed = real && entry_key(real, key);
	free(real);
	plumb_arena *a = keyed ? plumb_arena_new(ctx->root) : NULL;
	plumb_pg_pcache *pc = a ? plumb_arena_alloc(a, sizeof(*pc)) : NULL;
	if (!pc) {
		plumb_arena_free(a);
		return NULL;
	}
	*pc = (plumb_pg_pcache){.ctx = ctx, .a = a, .sql = sql, .at = at, .n = n};
	pc->keys = plumb_arena_alloc_raw(a, 32 * n);
	pc->tree = plumb_arena_alloc(a, n * sizeof(*pc->tree));
	pc->len = plumb_arena_alloc(a, n * sizeof(*pc->len));
	pc->path = plumb_cache_path(a, ctx, "parse", key, ".pc");
	if (!pc->keys || !pc->tree || !pc->len || !pc->path) {
		plumb_arena_free(a);
		return NULL;
	}
	memset(pc->tree, 0, n * sizeof(*pc->tree));
	for (size_t i = 0; i < n; i++)
		if (EVP_Digest(sql + at[i], at[i + 1] - at[i], pc->keys + 32 * i, NULL, EVP_sha256(),
			       NULL) != 1) {
			plumb_arena_free(a);
			return NULL;
		}
	read_entry(pc, key);
	if (pc->found == pc->n && pc->map && get64((const unsigned char *)pc->map + pc->map_len -
						   FOOT) == pc->n)
		return pc;
	/* the entry this run leaves: every piece's tree, in order */
	int fd = plumb_cache_create(ctx, a, pc->path, &pc->tmp);
	pc->index = fd >= 0 ? plumb_arena_alloc_raw(a, ROW * n) : NULL;
	if (fd >= 0 && (!pc->index || !(pc->out = fdopen(fd, "wb")))) {
		close(fd);
		unlink(pc->tmp);
		return pc;
	}
	if (pc->out) {
		/* a large file in few writes: stdio's own buffer is a page, and
		 * glibc ignores the size asked for without a buffer given */
		char *wbuf = plumb_arena_alloc_raw(a, WBUF);
		if (wbuf)
			setvbuf(pc->out, wbuf, _IOFBF, WBUF);
		pc->writing = fwrite(MAGIC, sizeof(MAGIC), 1, pc->out) == 1 &&
			      fwrite(key, 64, 1, pc->out) == 1;
		pc->off = HEAD;
		pc->failed = !pc->writing;
	}
	return pc;
}

bool plumb__pg_pcache_get(plumb_pg_pcache *pc, size_t i, const char *text,
			  PgQueryProtobufParseResult *out)
{
	if (!pc || i >= pc->n || !pc->tree[i])
		return false;
	/* a copy of its own: libpg_query frees the tree it hands back */
	char *copy = malloc(pc->len[i] ? pc->len[i] : 1);
	if (!copy)
		return false;
	memcpy(copy, pc->tree[i], pc->len[i]);
	*out = (PgQueryProtobufParseResult){.parse_tree = {pc->len[i], copy}};
	if (pc->ctx->cache_verify) {
		PgQueryProtobufParseResult r = pg_query_parse_protobuf(text);
		bool same = !r.error && r.parse_tree.len == pc->len[i] &&
			    memcmp(r.parse_tree.data, copy, pc->len[i]) == 0;
		pg_query_free_protobuf_parse_result(r);
		if (!same)
			__atomic_store_n(&pc->mismatch, (int)i + 1, __ATOMIC_RELAXED);
	}
	return true;
}

void plumb__pg_pcache_note(plumb_pg_pcache *pc, size_t i, const PgQueryProtobufParseResult *r)
{
	if (!pc || !pc->writing || pc->failed || i >= pc->n)
		return;
	if (r->error || fwrite(r->parse_tree.data, 1, r->parse_tree.len, pc->out) !=
				r->parse_tree.len) {
		pc->failed = true; /* a piece without a tree: no entry */
		return;
	}
	unsigned char *row = pc->index + ROW * i;
	memcpy(row, pc->keys + 32 * i, 32);
	put64(row + 32, pc->off);
	put64(row + 40, r->parse_tree.len);
	pc->off += r->parse_tree.len;
}

void plumb__pg_pcache_drop(plumb_pg_pcache *pc)
{
	if (pc)
		pc->failed = true;
}

int plumb__pg_pcache_close(plumb_pg_pcache *pc, bool done, const char *file)
{
	if (!pc)
		return 0;
	plumb_ctx *ctx = pc->ctx;
	int bad = __atomic_load_n(&pc->mismatch, __ATOMIC_RELAXED);
	if (pc->out) {
		unsigned char foot[FOOT];
		put64(foot, pc->n);
		put64(foot + 8, pc->off);
		memcpy(foot + 16, MAGIC, 8);
		bool ok = done && !bad && pc->writing && !pc->failed &&
			  fwrite(pc->index, ROW, pc->n, pc->out) == pc->n &&
			  fwrite(foot, FOOT, 1, pc->out) == 1 && fflush(pc->out) == 0;
		/* commit closes the descriptor; the stream's buffer goes first */
		int fd = dup(fileno(pc->out));
		fclose(pc->out);
		if (fd >= 0 &&
		    plumb_cache_commit(ctx, pc->a, fd, ok, pc->tmp, pc->path, "parse", ".pc", KEEP))
			plumb_cache_note(ctx, "parse", "wrote", pc->path);
		else if (fd < 0)
			unlink(pc->tmp);
	} else if (pc->found) {
		plumb_cache_note(ctx, "parse", "read", pc->path);
	}
	if (pc->map)
		munmap(pc->map, pc->map_len);
	int line = 1, col = 1;
	if (bad) {
		/* where the piece's statement starts */
		const char *p = pc->sql, *start = pc->sql + pc->at[bad - 1];
		while (*start == ' ' || *start == '\t' || *start == '\n' || *start == '\r')
			start++;
		for (; p < start; p++, col++)
			if (*p == '\n') {
				line++;
				col = 0;
			}
	}
	plumb_arena_free(pc->a);
	if (!bad)
		return 0;
	return plumb_error_set_at(ctx, PLUMB_ERROR, file, line, col,
				  "the parse cache gave another tree than the parser (remove the "
				  "cache folder, and report this)");
}
