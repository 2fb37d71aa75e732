/* Fuzz target: a drizzle-kit migrations folder. The input is cut at NUL
 * bytes into meta/_journal.json and the files 0000_a.sql and 0001_b.sql
 * (the journal's tags name them, or not); the folder is loaded, and every
 * migration is split on `--> statement-breakpoint` and looked up by version,
 * tag and tag prefix. The raw files also go through the UTF-8 decoder and
 * the chunking directly, so they are exercised when the journal is bad. */
#include "fuzz_util.h"

#include "history/history.h"

static const char *const names[] = {"meta/_journal.json", "0000_a.sql", "0001_b.sql"};

static void chunks_of(plumb_ctx *ctx, const plumb_migration *m)
{
	plumb_chunk *c;
	size_t n;
	if (plumb_history_chunks(ctx, ctx->root, m, &c, &n) == 0) {
		for (size_t i = 0; i < n; i++)
			if (c[i].start > c[i].end || c[i].end > m->len)
				abort(); /* a chunk outside its migration */
	}
	plumb_error_clear(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_dir();
	fuzz_part parts[3];
	size_t n = fuzz_split(data, size, '\0', parts, 3);
	fuzz_clear(dir);
	for (size_t i = 0; i < n; i++)
		fuzz_put(dir, names[i], parts[i].data, parts[i].len);

	plumb_ctx *ctx;
	if (plumb_ctx_new(&ctx))
		return 0;
	for (size_t i = 1; i < n; i++) {
		plumb_migration m = {.breakpoints = true};
		char *text;
		if (plumb__history_drizzle_text(ctx, ctx->root, parts[i].data, parts[i].len, &text,
						&m.len) < 0)
			goto done;
		m.sql = text;
		chunks_of(ctx, &m);
	}
	plumb_history *h;
	if (plumb_history_load(ctx, ctx->root, dir, &h) < 0)
		goto done;
	for (size_t i = 0; i < h->migrations.n; i++) {
		const plumb_migration *m = h->migrations.items[i];
		chunks_of(ctx, m);
		if (plumb_history_find(h, m->version) == NULL || plumb_history_find(h, m->name) == NULL)
			abort(); /* a loaded migration that cannot be found */
		(void)plumb_history_find(h, "0000");
		(void)plumb_history_checksum_matches(m, m->checksum);
		(void)plumb_history_checksum_matches(m, "");
	}
done:
	plumb_ctx_free(ctx);
	return 0;
}
