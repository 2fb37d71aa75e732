/*
 * The files of plumb's caches in ctx->cache_dir (the replay cache of
 * source/cache.c, the parse cache of dialect/pg/parse_cache.c): named
 * PREFIX-KEY.SUFFIX, read only when they are this user's own and no one
 * else may write them, written to a temporary file beside them and renamed,
 * the most recently used ones of a prefix kept. Also the identity of a
 * build (its GNU build ID), which every key holds so that another build
 * never reads what this one wrote.
 *
 * A cache is only ever a shortcut: what cannot be read or written is a
 * miss, silently; nothing is written under --dry-run (ctx->cache_write
 * false) or while a fault is injected.
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

#include "util/util.h"

#define MAX_ENTRY ((off_t)1 << 30)

/* --- build identities ------------------------------------------------- */

typedef struct build_id {
	uintptr_t addr; /* an address of the object's code */
	const unsigned char *id;
	size_t len;
} build_id;

/* The GNU build ID note of the loaded object holding b->addr. */
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

bool plumb_cache_object_id(const void *addr, const unsigned char **id, size_t *len)
{
	build_id b = {.addr = (uintptr_t)addr};
	dl_iterate_phdr(find_build_id, &b);
	*id = b.id;
	*len = b.len;
	return b.id != NULL;
}

bool plumb_cache_build_id(const unsigned char **id, size_t *len)
{
	return plumb_cache_object_id((const void *)&find_build_id, id, len);
}

/* --- entries ------------------------------------------------------------ */

char *plumb_cache_path(plumb_arena *a, const plumb_ctx *ctx, const char *prefix, const char *key,
		       const char *suffix)
{
	return plumb_arena_printf(a, "%s/%s-%s%s", ctx->cache_dir, prefix, key, suffix);
}

void plumb_cache_note(const plumb_ctx *ctx, const char *cache, const char *what,
		      const char *path)
{
	if (ctx->verbose >= 2)
		fprintf(stderr, "plumb: %s cache: %s %s\n", cache, what, path);
}

int plumb_cache_open(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
	struct stat st;
	*len = 0;
	if (fd < 0)
		return -1;
	if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_uid == geteuid() &&
	    !(st.st_mode & (S_IWGRP | S_IWOTH)) && st.st_size > 0 && st.st_size < MAX_ENTRY) {
		*len = (size_t)st.st_size;
		return fd;
	}
	close(fd);
	return -1;
}

char *plumb_cache_slurp(const char *path, size_t *len)
{
	size_t size;
	int fd = plumb_cache_open(path, &size);
	char *data = NULL;
	size_t got = 0;
	*len = 0;
	if (fd < 0)
		return NULL;
	if ((data = malloc(size))) {
		while (got < size) {
			ssize_t r = read(fd, data + got, size - got);
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0)
				break;
			got += (size_t)r;
		}
		if (got != size) {
			free(data);
			data = NULL;
		}
	}
	close(fd);
	*len = data ? got : 0;
	return data;
}

void plumb_cache_used(const plumb_ctx *ctx, const char *path)
{
	if (ctx->cache_write)
		utimensat(AT_FDCWD, path, NULL, 0); /* recently used, for pruning */
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

/* Removes all but the keep most recently used entries PREFIX-*SUFFIX. */
static void prune(plumb_arena *a, const char *dir, const char *prefix, const char *suffix,
		  size_t keep)
{
	DIR *d = opendir(dir);
	struct dirent *de;
	plumb_vec found = {0};
	size_t plen = strlen(prefix);
	if (!d)
		return;
	while ((de = readdir(d))) {
		struct stat st;
		if (strncmp(de->d_name, prefix, plen) != 0 || de->d_name[plen] != '-' ||
		    !plumb_str_ends_with(de->d_name, suffix) ||
		    fstatat(dirfd(d), de->d_name, &st, AT_SYMLINK_NOFOLLOW) != 0)
			continue;
		entry *e = plumb_arena_alloc(a, sizeof(*e));
		if (!e || !(e->name = plumb_arena_strdup(a, de->d_name)) ||
		    plumb_vec_push(a, &found, e) < 0)
			break;
		e->used = st.st_mtim;
	}
	if (found.n > keep) {
		entry *all = plumb_arena_alloc(a, sizeof(*all) * found.n);
		for (size_t i = 0; all && i < found.n; i++)
			all[i] = *(entry *)found.items[i];
		if (all) {
			qsort(all, found.n, sizeof(*all), older_first);
			for (size_t i = 0; i + keep < found.n; i++)
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

int plumb_cache_create(plumb_ctx *ctx, plumb_arena *a, const char *path, char **tmp)
{
	*tmp = NULL;
	if (!ctx->cache_write || !ctx->cache_dir || plumb_arena_faults_armed())
		return -1;
	char *dir = plumb_arena_strdup(a, ctx->cache_dir);
	const char *base = strrchr(path, '/');
	*tmp = plumb_arena_printf(a, "%s/.%s.XXXXXX", ctx->cache_dir, base ? base + 1 : path);
	return dir && *tmp && make_dir(dir) ? mkstemp(*tmp) : -1;
}

bool plumb_cache_commit(plumb_ctx *ctx, plumb_arena *a, int fd, bool ok, const char *tmp,
			const char *path, const char *prefix, const char *suffix, size_t keep)
{
	ok = close(fd) == 0 && ok && rename(tmp, path) == 0;
	if (!ok) {
		unlink(tmp);
		return false;
	}
	prune(a, ctx->cache_dir, prefix, suffix, keep);
	return true;
}
