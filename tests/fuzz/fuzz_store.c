/* Fuzz target: the bytes of a replay cache entry (catalog/store.c), as a
 * damaged or planted file would give them. Reading them must fail cleanly
 * or give a catalog that stores back to the bytes it came from, then reads
 * and stores again the same. No server. */
#include "fuzz_util.h"

#include "catalog/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	plumb_ctx *ctx;
	plumb_catalog *cat = NULL, *again = NULL;
	const char *bytes, *bytes2;
	size_t len, len2;
	if (plumb_ctx_new(&ctx))
		return 0;
	plumb_arena *a = ctx->root;
	/* exactly size bytes of their own: a read past them is seen */
	char *copy = malloc(size ? size : 1);
	if (!copy)
		goto done;
	memcpy(copy, data, size);
	if (plumb_catalog_load(ctx, a, copy, size, &cat) == 0) {
		if (!cat || plumb_catalog_store(ctx, cat, a, &bytes, &len) != 0 ||
		    plumb_catalog_load(ctx, a, bytes, len, &again) != 0 ||
		    plumb_catalog_store(ctx, again, a, &bytes2, &len2) != 0 || len2 != len ||
		    memcmp(bytes, bytes2, len) != 0)
			abort(); /* read, it does not store back the same */
	} else if (cat) {
		abort(); /* an error that gave a catalog */
	}
	free(copy);
done:
	plumb_ctx_free(ctx);
	return 0;
}
