/* Fuzz target: a migrations folder. The input is split at its first NUL
 * byte into a migration file and a plumb.sum; both are written to a
 * temporary folder, which is then loaded (names, directives, checksums and
 * the integrity file are all outside input). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "history/history.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static char dir[] = "/tmp/plumb-fuzz-history-XXXXXX";
static int ready;

static void cleanup(void)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/20260101000000_a.sql", dir);
	unlink(path);
	snprintf(path, sizeof(path), "%s/plumb.sum", dir);
	unlink(path);
	rmdir(dir);
}

static void put(const char *name, const uint8_t *data, size_t len)
{
	char path[128];
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	FILE *f = fopen(path, "wb");
	if (!f)
		abort();
	if (len && fwrite(data, 1, len, f) != len)
		abort();
	fclose(f);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!ready) {
		if (!mkdtemp(dir))
			abort();
		atexit(cleanup);
		ready = 1;
	}
	const uint8_t *nul = memchr(data, 0, size);
	size_t first = nul ? (size_t)(nul - data) : size;
	put("20260101000000_a.sql", data, first);
	if (nul)
		put("plumb.sum", nul + 1, size - first - 1);
	else {
		char path[128];
		snprintf(path, sizeof(path), "%s/plumb.sum", dir);
		unlink(path);
	}
	plumb_ctx *ctx;
	if (plumb_ctx_new(&ctx))
		return 0;
	plumb_history *h;
	(void)plumb_history_load(ctx, ctx->root, dir, &h);
	plumb_ctx_free(ctx);
	return 0;
}
