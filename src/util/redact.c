/*
 * What may be shown of text the user gave: sources with their passwords
 * removed, and any text with the bytes a terminal would act on escaped.
 * Connection strings and postgres URIs are read by libpq's own parser
 * (PQconninfoParse), never by a parser of ours; only strings libpq cannot
 * read are cut by hand, and then more is hidden rather than less. It does
 * not connect anywhere.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libpq-fe.h>

#include "util/util.h"

#define REDACTED "********"

/* --- escaping ---------------------------------------------------------- */

/* The length of the valid UTF-8 sequence at s (n bytes left), 0 if none. */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	unsigned min;
	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, min = 0x80;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, min = 0x800;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, min = 0x10000;
	else
		return 0;
	if (len > n)
		return 0;
	unsigned cp = s[0] & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

void plumb_escape_append(plumb_buf *b, const char *s, size_t n, bool keep_newlines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		size_t run = 0;
		/* copy printable text in runs */
		while (i + run < n) {
			unsigned char c = p[i + run];
			if (c >= 0x80) {
				size_t u = utf8_len(p + i + run, n - i - run);
				if (!u)
					break;
				run += u;
				continue;
			}
			if ((c < 0x20 && !(keep_newlines && (c == '\n' || c == '\t'))) || c == 0x7F)
				break;
			run++;
		}
		plumb_buf_append(b, s + i, run);
		i += run;
		if (i < n) {
			plumb_buf_printf(b, "\\x%02X", p[i]);
			i++;
		}
	}
}

char *plumb_escape(plumb_arena *a, const char *s, bool keep_newlines)
{
	plumb_buf b;
	if (!s)
		return NULL;
	plumb_buf_init(&b, a, PLUMB_BUF_DEFAULT_MAX);
	plumb_escape_append(&b, s, strlen(s), keep_newlines);
	if (b.failed)
		return NULL;
	return b.data ? b.data : plumb_arena_strdup(a, "");
}

void plumb_print_escaped(const char *s, FILE *f)
{
	plumb_arena *a = plumb_arena_new(NULL);
	char *shown = a ? plumb_escape(a, s, true) : NULL;
	fputs(shown ? shown : "(out of memory)", f);
	plumb_arena_free(a);
}

bool plumb_needs_escape(const char *s, bool keep_newlines)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = s ? strlen(s) : 0;
	for (size_t i = 0; i < n;) {
		if (p[i] >= 0x80) {
			size_t u = utf8_len(p + i, n - i);
			if (!u)
				return true;
			i += u;
			continue;
		}
		if ((p[i] < 0x20 && !(keep_newlines && (p[i] == '\n' || p[i] == '\t'))) ||
		    p[i] == 0x7F)
			return true;
		i++;
	}
	return false;
}

/* --- secrets ----------------------------------------------------------- */

static bool is_secret_key(const char *key, size_t n)
{
	for (size_t i = 0; i + 8 <= n; i++)
		if (!strncasecmp(key + i, "password", 8))
			return true;
	return false;
}

/* Value of a %XX-encoded URI part, or NULL when out of memory. */
static char *uri_decode(plumb_arena *a, const char *s, size_t len)
{
	char *out = plumb_arena_alloc(a, len + 1), *o = out;
	if (!out)
		return NULL;
	for (size_t i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len && isxdigit((unsigned char)s[i + 1]) &&
		    isxdigit((unsigned char)s[i + 2])) {
			char hex[3] = {s[i + 1], s[i + 2], 0};
			*o++ = (char)strtol(hex, NULL, 16);
			i += 2;
			continue;
		}
		*o++ = s[i];
	}
	*o = 0;
	return out;
}

static void push_secret(plumb_arena *a, plumb_vec *out, const char *s, size_t n)
{
	if (!n)
		return;
	plumb_vec_push(a, out, plumb_arena_strndup(a, s, n));
	plumb_vec_push(a, out, uri_decode(a, s, n));
}

/* The length of the scheme of s ("postgres" in postgres://...), 0 if none. */
static size_t scheme_len(const char *s)
{
	size_t n = 0;
	if (!isalpha((unsigned char)s[0]))
		return 0;
	while (isalnum((unsigned char)s[n]) || s[n] == '+' || s[n] == '-' || s[n] == '.')
		n++;
	return s[n] == ':' ? n : 0;
}

/* Where the user info of a URL-like s (after its scheme) begins and ends:
 * *at points at the last '@' before any '?', NULL when there is none. */
static const char *userinfo(const char *s, const char **at)
{
	size_t n = scheme_len(s);
	const char *p = s + (n ? n + 1 : 0);
	while (*p == '/')
		p++;
	*at = NULL;
	for (const char *q = p; *q && *q != '?' && *q != '#'; q++)
		if (*q == '@')
			*at = q;
	return p;
}

/* A conninfo-like string cut into key=value words by hand (libpq could not
 * read it): each value of a password key is a secret, and so is every bare
 * word after it up to the next key=value, in case the value was meant to
 * run on. Calls fn on each word; secret words have secret set. */
typedef void (*word_fn)(const char *w, size_t n, const char *key, size_t key_len, bool secret,
			void *payload);

static void conninfo_words(const char *s, word_fn fn, void *payload)
{
	bool after_secret = false;
	while (*s) {
		while (isspace((unsigned char)*s))
			s++;
		if (!*s)
			break;
		const char *k = s;
		while (*s && *s != '=' && !isspace((unsigned char)*s))
			s++;
		size_t key_len = (size_t)(s - k);
		const char *t = s;
		while (isspace((unsigned char)*t))
			t++;
		if (*t != '=') {
			/* a bare word */
			fn(k, key_len, NULL, 0, after_secret, payload);
			continue;
		}
		s = t + 1;
		while (isspace((unsigned char)*s))
			s++;
		const char *v = s;
		if (*s == '\'') {
			for (s++; *s && *s != '\''; s++)
				if (*s == '\\' && s[1])
					s++;
			if (*s)
				s++;
		} else {
			while (*s && !isspace((unsigned char)*s))
				s++;
		}
		after_secret = is_secret_key(k, key_len);
		fn(v, (size_t)(s - v), k, key_len, after_secret, payload);
	}
}

typedef struct secrets_payload {
	plumb_arena *a;
	plumb_vec *out;
} secrets_payload;

static void secret_word(const char *w, size_t n, const char *key, size_t key_len, bool secret,
			void *payload)
{
	secrets_payload *sp = payload;
	(void)key;
	(void)key_len;
	if (!secret)
		return;
	if (n >= 2 && w[0] == '\'') {
		w++;
		n -= w[n - 1] == '\'' ? 2 : 1;
	}
	push_secret(sp->a, sp->out, w, n);
}

void plumb_redact_secrets(plumb_arena *a, const char *spec, plumb_vec *out)
{
	if (!spec)
		return;
	/* as libpq reads it: every option it shows as "*" (password, sslpassword) */
	char *err = NULL;
	PQconninfoOption *opts = PQconninfoParse(spec, &err);
	PQfreemem(err);
	if (opts) {
		for (PQconninfoOption *o = opts; o->keyword; o++)
			if (o->val && *o->val && o->dispchar && strchr(o->dispchar, '*'))
				plumb_vec_push(a, out, plumb_arena_strdup(a, o->val));
		PQconninfoFree(opts);
	}
	/* by hand, for what libpq cannot read: the user info after ':' ... */
	const char *at, *p = userinfo(spec, &at);
	if (at && !plumb_str_starts_with(spec, "sqlite:")) { /* sqlite: a path, no user */
		const char *colon = memchr(p, ':', (size_t)(at - p));
		if (colon)
			push_secret(a, out, colon + 1, (size_t)(at - colon - 1));
		else if (!strstr(spec, "://") && scheme_len(spec))
			push_secret(a, out, p, (size_t)(at - p)); /* "u:secret@h": the scheme was the user */
	}
	/* ... URI parameters named like a password ... */
	const char *q = strchr(spec, '?');
	for (const char *s = q; s && *s;) {
		s++;
		size_t n = strcspn(s, "&#"), k = strcspn(s, "=");
		if (k < n && is_secret_key(s, k))
			push_secret(a, out, s + k + 1, n - k - 1);
		s += n;
		if (*s == '#')
			break;
	}
	/* ... and conninfo values of password keys */
	if (!q && strchr(spec, '=')) {
		secrets_payload sp = {a, out};
		conninfo_words(spec, secret_word, &sp);
	}
}

char *plumb_redact_scrub(plumb_arena *a, const char *text, const plumb_vec *secrets)
{
	char *s = plumb_arena_strdup(a, text ? text : "");
	for (size_t i = 0; s && i < secrets->n; i++) {
		const char *secret = secrets->items[i];
		if (!secret || !*secret)
			continue;
		size_t n = strlen(secret);
		plumb_buf b;
		plumb_buf_init(&b, a, PLUMB_BUF_DEFAULT_MAX);
		const char *p = s, *hit;
		while ((hit = strstr(p, secret))) {
			plumb_buf_append(&b, p, (size_t)(hit - p));
			plumb_buf_puts(&b, REDACTED);
			p = hit + n;
		}
		plumb_buf_puts(&b, p);
		s = b.failed ? NULL : b.data ? b.data : plumb_arena_strdup(a, "");
	}
	return s;
}

/* --- what may be shown of a source ------------------------------------- */

static void put_conninfo_value(plumb_buf *b, const char *v)
{
	if (*v && !strpbrk(v, " \t\n'\\")) {
		plumb_buf_puts(b, v);
		return;
	}
	plumb_buf_putc(b, '\'');
	for (; *v; v++) {
		if (*v == '\'' || *v == '\\')
			plumb_buf_putc(b, '\\');
		plumb_buf_putc(b, *v);
	}
	plumb_buf_putc(b, '\'');
}

/* A URL-like spec: scheme, user info up to its ':', the rest, and every
 * query parameter but those named like a password. */
static void show_url(plumb_buf *b, const char *spec)
{
	const char *at, *p = userinfo(spec, &at);
	bool sqlite = plumb_str_starts_with(spec, "sqlite:");
	plumb_buf_append(b, spec, (size_t)(p - spec));
	if (at && !sqlite) {
		const char *colon = memchr(p, ':', (size_t)(at - p));
		if (colon)
			plumb_buf_append(b, p, (size_t)(colon - p));
		else if (strstr(spec, "://") || !scheme_len(spec))
			plumb_buf_append(b, p, (size_t)(at - p));
		else
			plumb_buf_puts(b, REDACTED);
		p = at;
	}
	const char *query = strchr(p, '?');
	if (!query) {
		plumb_buf_puts(b, p);
		return;
	}
	plumb_buf_append(b, p, (size_t)(query - p));
	char sep = '?';
	for (const char *s = query + 1; *s;) {
		size_t n = strcspn(s, "&"), k = strcspn(s, "=");
		if (n) {
			plumb_buf_putc(b, sep);
			if (k < n && is_secret_key(s, k)) {
				plumb_buf_append(b, s, k);
				plumb_buf_puts(b, "=" REDACTED);
			} else {
				plumb_buf_append(b, s, n);
			}
			sep = '&';
		}
		s += n;
		if (*s == '&')
			s++;
	}
}

static void show_word(const char *w, size_t n, const char *key, size_t key_len, bool secret,
		      void *payload)
{
	plumb_buf *b = payload;
	if (b->len)
		plumb_buf_putc(b, ' ');
	if (key) {
		plumb_buf_append(b, key, key_len);
		plumb_buf_putc(b, '=');
	}
	if (secret)
		plumb_buf_puts(b, REDACTED);
	else
		plumb_buf_append(b, w, n);
}

char *plumb_redact(plumb_arena *a, const char *spec)
{
	plumb_buf b;
	plumb_vec secrets = {0};
	char *err = NULL;
	PQconninfoOption *opts = NULL;

	if (!spec)
		return NULL;
	plumb_buf_init(&b, a, PLUMB_BUF_DEFAULT_MAX);
	if (scheme_len(spec)) {
		show_url(&b, spec);
	} else if (strchr(spec, '=') && (opts = PQconninfoParse(spec, &err))) {
		/* libpq's reading, rebuilt without what it shows as "*" */
		for (PQconninfoOption *o = opts; o->keyword; o++) {
			if (!o->val || (o->dispchar && strchr(o->dispchar, '*')))
				continue;
			if (b.len)
				plumb_buf_putc(&b, ' ');
			plumb_buf_printf(&b, "%s=", o->keyword);
			put_conninfo_value(&b, o->val);
		}
		PQconninfoFree(opts);
	} else if (strchr(spec, '=')) {
		conninfo_words(spec, show_word, &b);
	} else {
		plumb_buf_puts(&b, spec);
	}
	PQfreemem(err);
	if (b.failed)
		return NULL;
	/* and whatever the cuts above missed */
	plumb_redact_secrets(a, spec, &secrets);
	char *shown = plumb_redact_scrub(a, b.data ? b.data : "", &secrets);
	return shown ? plumb_escape(a, shown, false) : NULL;
}
