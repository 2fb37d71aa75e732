/*
 * Growable strings and small string helpers. A plumb_buf lives in an arena and
 * has a size cap; running out of memory or past the cap is sticky and reported
 * once, when the buffer is finished, never as a silent truncation.
 */
#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util/util.h"

void plumb_buf_init(plumb_buf *b, plumb_arena *arena, size_t max)
{
	memset(b, 0, sizeof(*b));
	b->arena = arena;
	b->max = max ? max : PLUMB_BUF_DEFAULT_MAX;
}

static bool reserve(plumb_buf *b, size_t extra)
{
	if (b->failed)
		return false;
	if (b->len + extra + 1 > b->max) {
		b->failed = b->too_long = true;
		return false;
	}
	if (b->len + extra + 1 <= b->cap)
		return true;
	size_t cap = b->cap ? b->cap * 2 : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	char *p = plumb_arena_realloc(b->arena, b->data, b->cap, cap);
	if (!p) {
		b->failed = true;
		return false;
	}
	b->data = p;
	b->cap = cap;
	return true;
}

void plumb_buf_reserve(plumb_buf *b, size_t extra)
{
	if (b->failed || b->len + extra + 1 <= b->cap)
		return;
	if (b->len + extra + 1 > b->max) {
		b->failed = b->too_long = true;
		return;
	}
	char *p = plumb_arena_realloc(b->arena, b->data, b->cap, b->len + extra + 1);
	if (!p) {
		b->failed = true;
		return;
	}
	b->data = p;
	b->cap = b->len + extra + 1;
}

void plumb_buf_append(plumb_buf *b, const char *s, size_t len)
{
	if (!reserve(b, len))
		return;
	memcpy(b->data + b->len, s, len);
	b->len += len;
	b->data[b->len] = '\0';
}

void plumb_buf_puts(plumb_buf *b, const char *s)
{
	if (!s)
		b->failed = true;
	else
		plumb_buf_append(b, s, strlen(s));
}

void plumb_buf_putc(plumb_buf *b, char c)
{
	plumb_buf_append(b, &c, 1);
}

void plumb_buf_printf(plumb_buf *b, const char *fmt, ...)
{
	va_list ap, aq;
	va_start(ap, fmt);
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n >= 0 && reserve(b, (size_t)n)) {
		vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
		b->len += (size_t)n;
	}
	va_end(ap);
}

static void quote(plumb_buf *b, const char *s, char q)
{
	if (!s) {
		b->failed = true;
		return;
	}
	plumb_buf_putc(b, q);
	for (const char *p = s; *p; p++) {
		if (*p == q)
			plumb_buf_putc(b, q);
		plumb_buf_putc(b, *p);
	}
	plumb_buf_putc(b, q);
}

void plumb_buf_quote_ident(plumb_buf *b, const char *s)
{
	quote(b, s, '"');
}

void plumb_buf_quote_literal(plumb_buf *b, const char *s)
{
	quote(b, s, '\'');
}

int plumb_buf_finish(plumb_buf *b, plumb_ctx *ctx)
{
	if (!b->failed) {
		if (!b->data)
			plumb_buf_append(b, "", 0);
		if (!b->failed) {
			/* the room the doubling left goes back when it can */
			plumb_arena_shrink(b->arena, b->data, b->cap, b->len + 1);
			b->cap = b->len + 1;
			return 0;
		}
	}
	if (b->too_long)
		return plumb_error_set(ctx, PLUMB_ENOMEM, "text exceeds the size limit of %zu bytes",
				       b->max);
	return plumb_error_nomem(ctx);
}

const char *plumb_buf_str(const plumb_buf *b)
{
	return b->data ? b->data : "";
}

char *plumb_quote_ident(plumb_arena *a, const char *s)
{
	plumb_buf b;
	plumb_buf_init(&b, a, 0);
	plumb_buf_quote_ident(&b, s);
	return b.failed ? NULL : b.data; /* never NULL otherwise: quoting appends */
}

int plumb_vec_push(plumb_arena *a, plumb_vec *v, void *p)
{
	if (v->n == v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		void **items = plumb_arena_realloc(a, v->items, v->cap * sizeof(void *),
						   cap * sizeof(void *));
		if (!items)
			return -1;
		v->items = items;
		v->cap = cap;
	}
	v->items[v->n++] = p;
	return 0;
}

void plumb_vec_remove(plumb_vec *v, size_t i)
{
	if (i >= v->n)
		return;
	memmove(v->items + i, v->items + i + 1, (v->n - i - 1) * sizeof(void *));
	v->n--;
}

void plumb_vec_sort(plumb_vec *v, int (*cmp)(const void *, const void *))
{
	if (v->n > 1)
		qsort(v->items, v->n, sizeof(void *), cmp);
}

bool plumb_str_ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && memcmp(s + n - m, suffix, m) == 0;
}

bool plumb_str_starts_with(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

char *plumb_str_lower(plumb_arena *a, const char *s)
{
	char *p = plumb_arena_strdup(a, s);
	if (p)
		for (char *q = p; *q; q++)
			*q = (char)tolower((unsigned char)*q);
	return p;
}

uint64_t plumb_fnv1a(const void *data, size_t len)
{
	const unsigned char *p = data;
	uint64_t h = 0xcbf29ce484222325u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ p[i]) * 0x100000001b3u;
	return h;
}
