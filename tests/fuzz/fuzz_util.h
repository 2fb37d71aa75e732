/* What the fuzz targets share: a private temporary folder (removed at exit)
 * for targets whose input is files, writing and clearing files in it, and
 * cutting an input into parts at a separator byte. Header-only, so each
 * target stays one source file plus the driver. */
#ifndef PLUMB_FUZZ_UTIL_H
#define PLUMB_FUZZ_UTIL_H

#include <ftw.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char fuzz_root[] = "/tmp/plumb-fuzz-XXXXXX";

static inline int fuzz_rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	if (ftw->level > 0)
		remove(path);
	return 0;
}

/* Removes everything under dir, not dir itself. */
static inline void fuzz_clear(const char *dir)
{
	nftw(dir, fuzz_rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static inline void fuzz_cleanup(void)
{
	fuzz_clear(fuzz_root);
	rmdir(fuzz_root);
}

/* The target's own folder, made on first use. */
static inline const char *fuzz_dir(void)
{
	static int ready;
	if (!ready) {
		if (!mkdtemp(fuzz_root))
			abort();
		atexit(fuzz_cleanup);
		ready = 1;
	}
	return fuzz_root;
}

/* Writes len bytes to dir/name (name may hold one folder level, made as
 * needed); 0, or -1 when the name cannot be a file there. */
static inline int fuzz_put(const char *dir, const char *name, const void *data, size_t len)
{
	char path[4096];
	if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, name) >= sizeof(path))
		return -1;
	char *slash = strrchr(path, '/');
	if (slash > path + strlen(dir)) {
		*slash = '\0';
		mkdir(path, 0755);
		*slash = '/';
	}
	FILE *f = fopen(path, "wb");
	if (!f)
		return -1;
	int rc = (len && fwrite(data, 1, len, f) != len) ? -1 : 0;
	if (fclose(f) != 0)
		rc = -1;
	return rc;
}

typedef struct fuzz_part {
	const char *data;
	size_t len;
} fuzz_part;

/* Cuts data at each sep into at most max parts (the last takes the rest);
 * returns how many. */
static inline size_t fuzz_split(const uint8_t *data, size_t size, char sep, fuzz_part *parts,
				size_t max)
{
	size_t n = 0, start = 0;
	for (size_t i = 0; i <= size && n < max; i++) {
		if (i == size || (data[i] == (uint8_t)sep && n + 1 < max)) {
			parts[n].data = (const char *)data + start;
			parts[n].len = i - start;
			n++;
			start = i + 1;
		}
	}
	return n;
}

#endif
