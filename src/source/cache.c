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
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <link.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "catalog/catalog.h"
#include "source/source.h"

enum { KEEP = 16 };
#define MAX_ENTRY ((off_t)1 << 30)
#define FORMAT "replay cache of plumb, format 1"

/* --- the build's identity --------------------------------------------- */

typedef struct build_id {
	uintptr_t addr; /* an address of this code */
	const unsigned char *id;
	size_t len;
} build_id;

/* The GNU build ID note of the loaded object holding addr (the program,
 * or libplumb when plumb is a shared library). */
static int find_build_id(struct dl_phdr_info *info, size_t size, void *data)
{
	build_id *b = data;
	bool mine = false;
	(void)size;
	for (int i = 0; i < info->dlpi_phnum && !mine; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		uintptr_t lo = info->dlpi_addr + ph->p_vaddr;
		mine = ph->p_type == PT_LOAD && b->addr >= lo && b->addr - lo < ph->p_memsz;
	}
	if (!mine)
		return 0;
	for (int i = 0; i < info->dlpi_phnum; i++) {
		const ElfW(Phdr) *ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_NOTE)
			continue;
		const unsigned char *p = (const unsigned char *)(info->dlpi_addr + ph->p_vaddr);
		const unsigned char *end = p + ph->p_memsz;
		while ((size_t)(end - p) >= sizeof(ElfW(Nhdr))) {
			ElfW(Nhdr) nh;
			memcpy(&nh, p, sizeof(nh));
			const unsigned char *name = p + sizeof(nh);
			size_t name_room = ((size_t)nh.n_namesz + 3) & ~(size_t)3;
			size_t desc_room = ((size_t)nh.n_descsz + 3) & ~(size_t)3;
			if ((size_t)(end - name) < name_room + desc_room)
				break;
			if (nh.n_type == NT_GNU_BUILD_ID && nh.n_namesz == 4 &&
			    memcmp(name, "GNU", 4) == 0 && nh.n_descsz > 0) {
				b->id = name + name_room;
				b->len = nh.n_descsz;
				return 1;
			}
			p = name + name_room + desc_room;
		}
	}
	return 1;
}

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
	build_id b = {.addr = (uintptr_t)&find_build_id};
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned int n = 0;
	if (!ctx->cache_dir || !files->n)
		return false;
	dl_iterate_phdr(find_build_id, &b);
	if (!b.id)
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

static char *entry_path(plumb_arena *a, const plumb_ctx *ctx, const char *key)
{
	return plumb_arena_printf(a, "%s/replay-%s.cat", ctx->cache_dir, key);
}

static void note(const plumb_ctx *ctx, const char *what, const char *path)
{
	if (ctx->verbose >= 2)
		fprintf(stderr, "plumb: replay cache: %s %s\n", what, path);
}

/* The whole of path in malloc'd memory; NULL when it cannot be read, or
 * when it is not a file of this user's that only this user may write (an
 * entry someone else could have put there is not trusted). */
static char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct stat st;
	char *data = NULL;
	size_t got = 0;
	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
	    !(st.st_mode & (S_IWGRP | S_IWOTH)) && st.st_size > 0 && st.st_size < MAX_ENTRY &&
	    (data = malloc((size_t)st.st_size))) {
		while (got < (size_t)st.st_size) {
			ssize_t r = read(fd, data + got, (size_t)st.st_size - got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			got += (size_t)r;
		}
		if (got != (size_t)st.st_size) {
			free(data);
			data = NULL;
		}
	}
	close(fd);
	*len = got;
	return data;
}

bool plumb__cache_get(plumb_ctx *ctx, plumb_arena *arena, const char *key, plumb_catalog **out)
{
	size_t len;
	*out = NULL;
	if (plumb_arena_faults_armed())
		return false;
	const char *path = entry_path(arena, ctx, key);
	char *data = path ? slurp(path, &len) : NULL;
	if (!data) {
		if (path)
			note(ctx, "no entry", path);
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
		note(ctx, "damaged entry, not used:", path);
		return false;
	}
	if (ctx->cache_write)
		utimensat(AT_FDCWD, path, NULL, 0); /* recently used, for pruning */
	note(ctx, "read", path);
	return true;
}

typedef struct entry {
	char *name;
	struct timespec used;
} entry;

static int older_first(const void *a, const void *b)
{
	const entry *x = a, *y = b;
	if (x->used.tv_sec != y->used.tv_sec)
		return x->used.tv_sec < y->used.tv_sec ? -1 : 1;
	if (x->used.tv_nsec != y->used.tv_nsec)
		return x->used.tv_nsec < y->used.tv_nsec ? -1 : 1;
	return strcmp(x->name, y->name);
}

/* Removes all but the KEEP most recently used entries. */
static void prune(plumb_arena *a, const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	plumb_vec found = {0};
	if (!d)
		return;
	while ((de = readdir(d))) {
		struct stat st;
		if (strncmp(de->d_name, "replay-", 7) != 0 ||
		    !plumb_str_ends_with(de->d_name, ".cat") ||
		    fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		entry *e = plumb_arena_alloc(a, sizeof(*e));
		if (!e || !(e->name = plumb_arena_strdup(a, de->d_name)) ||
		    plumb_vec_push(a, &found, e) < 0)
			break;
		e->used = st.st_mtim;
	}
	if (found.n > KEEP) {
		entry *all = plumb_arena_alloc(a, sizeof(*all) * found.n);
		for (size_t i = 0; all && i < found.n; i++)
			all[i] = *(entry *)found.items[i];
		if (all) {
			qsort(all, found.n, sizeof(*all), older_first);
			for (size_t i = 0; i + KEEP < found.n; i++)
				unlinkat(dirfd(d), all[i].name, 0);
		}
	}
	closedir(d);
}

/* Creates dir and its parents, private to the user (plumb_fs_mkdir_p makes
 * them 0755, and counts as a change of the project's under fault
 * injection, which the cache is not). */
static bool make_dir(char *dir)
{
	for (char *p = dir + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = '\0';
		int r = mkdir(dir, 0700);
		*p = '/';
		if (r != 0 && errno != EEXIST)
			return false;
	}
	return mkdir(dir, 0700) == 0 || errno == EEXIST;
}

void plumb__cache_put(plumb_ctx *ctx, const char *key, const plumb_catalog *cat)
{
	if (!ctx->cache_write || plumb_arena_faults_armed())
		return;
	plumb_arena *a = plumb_arena_new(ctx->root);
	if (!a)
		return;
	char *dir = plumb_arena_strdup(a, ctx->cache_dir);
	char *path = entry_path(a, ctx, key);
	char *tmp = plumb_arena_printf(a, "%s/.replay-%s.XXXXXX", ctx->cache_dir, key);
	int fd = dir && path && tmp && make_dir(dir) ? mkstemp(tmp) : -1;
	if (fd < 0)
		goto done;
	bool ok = plumb_write_all(fd, key, 64) && plumb_catalog_store_fd(ctx, cat, fd) == 0;
	if (!ok)
		plumb_error_clear(ctx);
	ok = close(fd) == 0 && ok && rename(tmp, path) == 0;
	if (!ok) {
		unlink(tmp);
		goto done;
	}
	note(ctx, "wrote", path);
	prune(a, dir);
done:
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
