/* Fuzz target: database URLs and source specs. The input (up to its first
 * NUL) is classified as every command classifies --url, DATABASE_URL and
 * the sources of `plumb diff`: which dialect accepts it (libpq's conninfo
 * parser included), what kind of source it is, whether the database exists.
 *
 * Redaction: every password libpq finds in the input is checked to be absent
 * from what plumb_redact lets a message show. */
#include <libpq-fe.h>

#include "fuzz_util.h"

#include "source/source.h"

/* The password libpq would use from url (URI user info or password=), or NULL. */
static const char *password_of(plumb_arena *a, const char *url)
{
	char *err = NULL;
	const char *pw = NULL;
	PQconninfoOption *opts = PQconninfoParse(url, &err);
	if (!opts) {
		PQfreemem(err);
		return NULL;
	}
	for (PQconninfoOption *o = opts; o->keyword; o++)
		if (!strcmp(o->keyword, "password") && o->val && strlen(o->val) >= 4)
			pw = plumb_arena_strdup(a, o->val);
	PQconninfoFree(opts);
	return pw;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	plumb_ctx *ctx;
	if (plumb_ctx_new(&ctx))
		return 0;
	char *url = plumb_arena_strndup(ctx->root, (const char *)data, size);
	if (!url)
		goto done;
	const plumb_dialect *d = plumb_dialect_for_url(url);
	bool pg = plumb_dialect_pg.accepts_url(url), lite = plumb_dialect_sqlite.accepts_url(url);
	if ((d != NULL) != (pg || lite))
		abort(); /* the dialect lookup disagrees with the dialects */
	if (d && d->database_exists)
		(void)d->database_exists(url);
	(void)plumb_dialect_by_name(url);

	plumb_source src;
	if (plumb_source_parse(ctx, url, &src) == 0 && src.kind == PLUMB_SOURCE_DATABASE &&
	    src.dialect != d)
		abort(); /* a database source of another dialect than its URL's */
	plumb_error_clear(ctx);

	const char *shown = plumb_redact(ctx->root, url);
	const char *pw = password_of(ctx->root, url);
	if (shown && pw && strstr(shown, pw))
		abort(); /* a password survives redaction */
done:
	plumb_ctx_free(ctx);
	return 0;
}
