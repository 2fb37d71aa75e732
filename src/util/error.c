/*
 * The run context and its error: the first error of a run is kept with its
 * message, detail, hint and position; later ones are dropped. Also maps
 * return codes to exit codes and prints errors the way compilers do.
 */
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

int plumb_ctx_new(plumb_ctx **out)
{
	*out = NULL;
	plumb_ctx *ctx = calloc(1, sizeof(*ctx));
	if (!ctx)
		return PLUMB_ENOMEM;
	ctx->root = plumb_arena_new(NULL);
	if (!ctx->root) {
		free(ctx);
		return PLUMB_ENOMEM;
	}
	ctx->verbose = 1;
	*out = ctx;
	return 0;
}

void plumb_ctx_free(plumb_ctx *ctx)
{
	if (!ctx)
		return;
	plumb_arena_free(ctx->root);
	free(ctx);
}

const plumb_error *plumb_ctx_error(const plumb_ctx *ctx)
{
	return &ctx->err;
}

/* Static, so that recording an error never needs memory it may not get. */
static const char nomem_message[] = "out of memory";
static const char unformatted_message[] = "out of memory while formatting the error message";

/* s as it may be printed: messages quote outside text (names, paths,
 * server messages), whose raw bytes must not reach a terminal. */
static char *shown(plumb_ctx *ctx, char *s, bool keep_newlines)
{
	if (!s || !plumb_needs_escape(s, keep_newlines))
		return s;
	return plumb_escape(ctx->root, s, keep_newlines);
}

static int set_v(plumb_ctx *ctx, int code, const char *file, int line, int col, const char *fmt,
		 va_list ap)
{
	if (ctx->err.code)
		return code;
	ctx->err.code = code;
	ctx->err.message = shown(ctx, plumb_arena_vprintf(ctx->root, fmt, ap), false);
	if (!ctx->err.message) /* the code stays: it says what failed */
		ctx->err.message = code == PLUMB_ENOMEM ? nomem_message : unformatted_message;
	ctx->err.file = file ? plumb_escape(ctx->root, file, false) : NULL; /* NULL: no file */
	ctx->err.line = line;
	ctx->err.col = col;
	return code;
}

int plumb_error_set(plumb_ctx *ctx, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_v(ctx, code, NULL, 0, 0, fmt, ap);
	va_end(ap);
	return code;
}

int plumb_error_set_at(plumb_ctx *ctx, int code, const char *file, int line, int col,
		       const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	set_v(ctx, code, file, line, col, fmt, ap);
	va_end(ap);
	return code;
}

int plumb_error_nomem(plumb_ctx *ctx)
{
	if (!ctx->err.code) {
		ctx->err.code = PLUMB_ENOMEM;
		ctx->err.message = nomem_message;
	}
	return PLUMB_ENOMEM;
}

void plumb_error_add_detail(plumb_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *line = shown(ctx, plumb_arena_vprintf(ctx->root, fmt, ap), true);
	va_end(ap);
	if (!line)
		return;
	if (ctx->err.detail) {
		char *both = plumb_arena_printf(ctx->root, "%s\n%s", ctx->err.detail, line);
		if (both) /* out of memory: the detail so far stays */
			ctx->err.detail = both;
	} else {
		ctx->err.detail = line;
	}
}

void plumb_error_set_hint(plumb_ctx *ctx, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *hint = shown(ctx, plumb_arena_vprintf(ctx->root, fmt, ap), true);
	va_end(ap);
	if (hint && !ctx->err.hint)
		ctx->err.hint = hint;
}

void plumb_error_set_sqlstate(plumb_ctx *ctx, const char *sqlstate)
{
	if (sqlstate && !ctx->err.sqlstate)
		ctx->err.sqlstate = plumb_arena_strdup(ctx->root, sqlstate);
}

void plumb_error_set_object(plumb_ctx *ctx, const char *object)
{
	if (object && !ctx->err.object)
		ctx->err.object = plumb_escape(ctx->root, object, false);
}

void plumb_error_clear(plumb_ctx *ctx)
{
	memset(&ctx->err, 0, sizeof(ctx->err));
}

void plumb_text_position(const char *text, size_t offset, int *line, int *col)
{
	int l = 1, c = 1;
	for (size_t i = 0; i < offset && text[i]; i++) {
		if (text[i] == '\n') {
			l++;
			c = 1;
		} else if ((text[i] & 0xC0) != 0x80) {
			c++;
		}
	}
	*line = l;
	*col = c;
}

void plumb_error_print(const plumb_error *err, FILE *f)
{
	if (!err->code)
		return;
	if (err->file && err->line)
		fprintf(f, "%s:%d:%d: %s\n", err->file, err->line, err->col ? err->col : 1,
			err->message);
	else if (err->file)
		fprintf(f, "%s: %s\n", err->file, err->message);
	else
		fprintf(f, "plumb: %s\n", err->message);
	if (err->detail) {
		const char *p = err->detail;
		while (*p) {
			const char *nl = strchr(p, '\n');
			size_t n = nl ? (size_t)(nl - p) : strlen(p);
			fprintf(f, "  %.*s\n", (int)n, p);
			p += n + (nl ? 1 : 0);
		}
	}
	if (err->hint)
		fprintf(f, "hint: %s\n", err->hint);
}

int plumb_exit_code(int rc)
{
	switch (rc) {
	case 0:
		return PLUMB_EXIT_OK;
	case PLUMB_EUSAGE:
		return PLUMB_EXIT_USAGE;
	case PLUMB_EDIFF:
		return PLUMB_EXIT_DIFF;
	case PLUMB_EHAZARD:
		return PLUMB_EXIT_HAZARD;
	case PLUMB_ELOCKED:
		return PLUMB_EXIT_LOCKED;
	case PLUMB_EDRIFT:
		return PLUMB_EXIT_DRIFT;
	case PLUMB_EPENDING:
		return PLUMB_EXIT_PENDING;
	case PLUMB_EPROBLEM:
		return PLUMB_EXIT_PROBLEM;
	case PLUMB_ENOTMANAGED:
		return PLUMB_EXIT_NOTMANAGED;
	default:
		return PLUMB_EXIT_ERROR;
	}
}
