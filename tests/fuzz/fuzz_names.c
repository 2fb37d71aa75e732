/* Fuzz target: migration file names and version ordering. Each line of the
 * input is a file name in a fresh migrations folder (its text is the file's
 * content); the folder is loaded, its order checked (versions as numbers),
 * each line looked up as a version, and a migration added by name (the
 * version plumb picks must come after every existing one, and the folder
 * with the new file and its plumb.sum must load again). */
#include <ctype.h>

#include "fuzz_util.h"

#include "history/history.h"

#define MAX_FILES 24

/* Digit strings as numbers: leading zeros aside, the longer is larger. */
static int num_cmp(const char *a, const char *b)
{
	while (*a == '0' && a[1])
		a++;
	while (*b == '0' && b[1])
		b++;
	size_t na = strlen(a), nb = strlen(b);
	if (na != nb)
		return na < nb ? -1 : 1;
	return strcmp(a, b);
}

static bool digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s))
			return false;
	return true;
}

static void check_order(const plumb_history *h)
{
	for (size_t i = 0; i < h->migrations.n; i++) {
		const plumb_migration *m = h->migrations.items[i];
		if (!digits(m->version))
			abort(); /* a version that is not digits */
		if (i && num_cmp(((const plumb_migration *)h->migrations.items[i - 1])->version,
				 m->version) > 0)
			abort(); /* migrations out of version order */
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *dir = fuzz_dir();
	fuzz_part lines[MAX_FILES];
	char *names[MAX_FILES];
	size_t n = fuzz_split(data, size, '\n', lines, MAX_FILES), n_names = 0;
	fuzz_clear(dir);

	plumb_ctx *ctx;
	if (plumb_ctx_new(&ctx))
		return 0;
	for (size_t i = 0; i < n; i++) {
		char *s = plumb_arena_strndup(ctx->root, lines[i].data, lines[i].len);
		if (!s)
			goto done;
		names[n_names++] = s;
		/* names a file can have in this folder */
		if (!*s || strlen(s) != lines[i].len || strchr(s, '/') || !strcmp(s, ".") ||
		    !strcmp(s, "..") || strlen(s) > 200)
			continue;
		fuzz_put(dir, s, s, strlen(s));
	}

	plumb_history *h;
	if (plumb_history_load(ctx, ctx->root, dir, &h) < 0)
		goto done;
	check_order(h);
	for (size_t i = 0; i < n_names; i++)
		(void)plumb_history_find(h, names[i]);

	plumb_migration *m;
	const char *label = n_names ? names[n_names - 1] : "";
	if (plumb_history_add(ctx, h, NULL, label, "SELECT 1;\n", &m) == 0) {
		for (size_t i = 0; i < h->migrations.n; i++) {
			const plumb_migration *o = h->migrations.items[i];
			if (o != m && num_cmp(o->version, m->version) >= 0)
				abort(); /* the new version is not after the existing ones */
		}
		check_order(h);
		plumb_history *again;
		if (plumb_history_load(ctx, ctx->root, dir, &again) < 0)
			abort(); /* a folder plumb just wrote does not load */
		if (again->migrations.n != h->migrations.n)
			abort();
	}
	plumb_error_clear(ctx);
	if (n_names && plumb_history_add(ctx, h, names[0], "x", "", &m) == 0)
		check_order(h);
done:
	plumb_ctx_free(ctx);
	return 0;
}
