/*
 * jsonb constants as the server stores them: jsonb_in then jsonb_out, after
 * PostgreSQL's own (jsonfuncs.c's lexer, jsonb_util.c, jsonb.c of
 * PostgreSQL 15): whitespace dropped, ": " and ", " between members and
 * elements, an object's keys sorted shorter first then bytewise with the
 * last of equal keys kept, numbers through numeric_in and numeric_out
 * (literal.c), strings with their escapes decoded and written again as
 * escape_json writes them (\u escapes decoded to UTF-8: a database in
 * another encoding is not modelled). A text the server rejects is reported
 * as unknown. Does not read json (kept as written by the server) or
 * anything but the text of one constant.
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/literal.h"

/* Nesting past this is left to the server (which stops at its stack depth). */
#define JSON_DEPTH_MAX 1000

typedef struct jv jv;
typedef struct member {
	const char *key;
	size_t klen, order;
	jv *val;
} member;
struct jv {
	char kind;	  /* 'o' object, 'a' array, 's' string, 'n' number, 'w' true/false/null */
	const char *text; /* 's' the decoded bytes, 'n' numeric_out's text, 'w' the word */
	size_t len;
	jv **items;	 /* 'a' */
	member *members; /* 'o' */
	size_t n;
};

typedef struct jp {
	plumb_arena *a;
	const char *p;
	bool oom;
} jp;

static void skip_ws(jp *j)
{
	while (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r')
		j->p++;
}

/* A character that would continue a token (the lexer reads a number or a
 * word up to the next delimiter: 1x and truex are errors). */
static bool continues_token(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
	       c == '_' || (unsigned char)c >= 0x80;
}

static int hex4(const char *p)
{
	int v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		int d = c >= '0' && c <= '9'   ? c - '0'
			: c >= 'a' && c <= 'f' ? c - 'a' + 10
			: c >= 'A' && c <= 'F' ? c - 'A' + 10
					       : -1;
		if (d < 0)
			return -1;
		v = v * 16 + d;
	}
	return v;
}

static void put_utf8(plumb_buf *b, unsigned cp)
{
	if (cp < 0x80) {
		plumb_buf_putc(b, (char)cp);
	} else if (cp < 0x800) {
		plumb_buf_putc(b, (char)(0xC0 | cp >> 6));
		plumb_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	} else if (cp < 0x10000) {
		plumb_buf_putc(b, (char)(0xE0 | cp >> 12));
		plumb_buf_putc(b, (char)(0x80 | (cp >> 6 & 0x3F)));
		plumb_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	} else {
		plumb_buf_putc(b, (char)(0xF0 | cp >> 18));
		plumb_buf_putc(b, (char)(0x80 | (cp >> 12 & 0x3F)));
		plumb_buf_putc(b, (char)(0x80 | (cp >> 6 & 0x3F)));
		plumb_buf_putc(b, (char)(0x80 | (cp & 0x3F)));
	}
}

/* A string after its opening quote: its bytes with the escapes decoded
 * (json_lex_string). \u0000 and a lone surrogate are errors in jsonb. */
static bool read_string(jp *j, const char **text, size_t *len)
{
	plumb_buf b;
	plumb_buf_init(&b, j->a, 16);
	for (;;) {
		unsigned char c = (unsigned char)*j->p;
		if (c == '"')
			break;
		if (c < 0x20) /* the end of the text, or a control character */
			return false;
		j->p++;
		if (c != '\\') {
			plumb_buf_putc(&b, (char)c);
			continue;
		}
		char e = *j->p++;
		switch (e) {
		case '"':
		case '\\':
		case '/':
			plumb_buf_putc(&b, e);
			break;
		case 'b':
			plumb_buf_putc(&b, '\b');
			break;
		case 'f':
			plumb_buf_putc(&b, '\f');
			break;
		case 'n':
			plumb_buf_putc(&b, '\n');
			break;
		case 'r':
			plumb_buf_putc(&b, '\r');
			break;
		case 't':
			plumb_buf_putc(&b, '\t');
			break;
		case 'u': {
			int cp = hex4(j->p);
			if (cp <= 0)
				return false;
			j->p += 4;
			if (cp >= 0xDC00 && cp <= 0xDFFF)
				return false;
			if (cp >= 0xD800 && cp <= 0xDBFF) {
				int lo = j->p[0] == '\\' && j->p[1] == 'u' ? hex4(j->p + 2) : -1;
				if (lo < 0xDC00 || lo > 0xDFFF)
					return false;
				j->p += 6;
				cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
			}
			put_utf8(&b, (unsigned)cp);
			break;
		}
		default:
			return false;
		}
	}
	j->p++;
	if (!b.data)
		plumb_buf_append(&b, "", 0);
	if (b.failed) {
		j->oom = true;
		return false;
	}
	*text = b.data;
	*len = b.len;
	return true;
}

/* A number as JSON writes it (json_lex_number), through numeric. */
static bool read_number(jp *j, jv *v)
{
	const char *s = j->p;
	if (*j->p == '-')
		j->p++;
	if (*j->p == '0')
		j->p++;
	else if (*j->p >= '1' && *j->p <= '9')
		while (*j->p >= '0' && *j->p <= '9')
			j->p++;
	else
		return false;
	if (*j->p == '.') {
		j->p++;
		if (!(*j->p >= '0' && *j->p <= '9'))
			return false;
		while (*j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (*j->p == 'e' || *j->p == 'E') {
		j->p++;
		if (*j->p == '+' || *j->p == '-')
			j->p++;
		if (!(*j->p >= '0' && *j->p <= '9'))
			return false;
		while (*j->p >= '0' && *j->p <= '9')
			j->p++;
	}
	if (continues_token(*j->p))
		return false;
	char *num = plumb_arena_strndup(j->a, s, (size_t)(j->p - s)), *out = NULL;
	if (!num || plumb__pg_lit_numeric(j->a, num, &out) < 0) {
		j->oom = true;
		return false;
	}
	if (!out)
		return false;
	v->text = out;
	v->len = strlen(out);
	return true;
}

/* Room for one more in *items of n (capacities are powers of two). */
static bool grow(jp *j, void **items, size_t n, size_t size)
{
	if (n != 0 && (n & (n - 1)) != 0)
		return true;
	void *bigger = n ? plumb_arena_realloc(j->a, *items, n * size, 2 * n * size)
			 : plumb_arena_alloc(j->a, size);
	if (!bigger) {
		j->oom = true;
		return false;
	}
	*items = bigger;
	return true;
}

/* Keys as jsonb orders them (lengthCompareJsonbPair): shorter first, then
 * bytewise; of equal keys the one written last first, so it is kept. */
static int member_cmp(const void *pa, const void *pb)
{
	const member *a = pa, *b = pb;
	if (a->klen != b->klen)
		return a->klen < b->klen ? -1 : 1;
	int c = memcmp(a->key, b->key, a->klen);
	if (c)
		return c;
	return a->order > b->order ? -1 : 1;
}

static jv *read_value(jp *j, int depth)
{
	if (depth > JSON_DEPTH_MAX)
		return NULL;
	jv *v = plumb_arena_alloc(j->a, sizeof(*v));
	if (!v) {
		j->oom = true;
		return NULL;
	}
	memset(v, 0, sizeof(*v));
	skip_ws(j);
	char c = *j->p;
	if (c == '{' || c == '[') {
		char close = c == '{' ? '}' : ']';
		v->kind = c == '{' ? 'o' : 'a';
		j->p++;
		skip_ws(j);
		if (*j->p == close) {
			j->p++;
			return v;
		}
		for (;;) {
			skip_ws(j);
			if (v->kind == 'o') {
				member m = {0};
				if (*j->p != '"')
					return NULL;
				j->p++;
				if (!read_string(j, &m.key, &m.klen))
					return NULL;
				skip_ws(j);
				if (*j->p != ':')
					return NULL;
				j->p++;
				if (!(m.val = read_value(j, depth + 1)))
					return NULL;
				m.order = v->n;
				if (!grow(j, (void **)&v->members, v->n, sizeof(member)))
					return NULL;
				v->members[v->n++] = m;
			} else {
				jv *e = read_value(j, depth + 1);
				if (!e || !grow(j, (void **)&v->items, v->n, sizeof(jv *)))
					return NULL;
				v->items[v->n++] = e;
			}
			skip_ws(j);
			if (*j->p == close) {
				j->p++;
				break;
			}
			if (*j->p != ',')
				return NULL;
			j->p++;
		}
		if (v->kind == 'o' && v->n > 1) {
			qsort(v->members, v->n, sizeof(member), member_cmp);
			size_t k = 0;
			for (size_t i = 0; i < v->n; i++)
				if (k == 0 || v->members[i].klen != v->members[k - 1].klen ||
				    memcmp(v->members[i].key, v->members[k - 1].key,
					   v->members[i].klen) != 0)
					v->members[k++] = v->members[i];
			v->n = k;
		}
		return v;
	}
	if (c == '"') {
		v->kind = 's';
		j->p++;
		return read_string(j, &v->text, &v->len) ? v : NULL;
	}
	static const char *const words[] = {"true", "false", "null"};
	for (size_t i = 0; i < 3; i++) {
		size_t n = strlen(words[i]);
		if (strncmp(j->p, words[i], n) == 0) {
			if (continues_token(j->p[n]))
				return NULL;
			j->p += n;
			v->kind = 'w';
			v->text = words[i];
			v->len = n;
			return v;
		}
	}
	v->kind = 'n';
	return read_number(j, v) ? v : NULL;
}

/* escape_json: the quotes, backslash, \b \f \n \r \t, other control
 * characters as \u00xx; everything else as it is. */
static void put_string(plumb_buf *b, const char *s, size_t len)
{
	plumb_buf_putc(b, '"');
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '\b':
			plumb_buf_puts(b, "\\b");
			break;
		case '\f':
			plumb_buf_puts(b, "\\f");
			break;
		case '\n':
			plumb_buf_puts(b, "\\n");
			break;
		case '\r':
			plumb_buf_puts(b, "\\r");
			break;
		case '\t':
			plumb_buf_puts(b, "\\t");
			break;
		case '"':
			plumb_buf_puts(b, "\\\"");
			break;
		case '\\':
			plumb_buf_puts(b, "\\\\");
			break;
		default:
			if (c < 0x20)
				plumb_buf_printf(b, "\\u%04x", c);
			else
				plumb_buf_putc(b, (char)c);
		}
	}
	plumb_buf_putc(b, '"');
}

static void put_value(plumb_buf *b, const jv *v)
{
	switch (v->kind) {
	case 'o':
		plumb_buf_putc(b, '{');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				plumb_buf_puts(b, ", ");
			put_string(b, v->members[i].key, v->members[i].klen);
			plumb_buf_puts(b, ": ");
			put_value(b, v->members[i].val);
		}
		plumb_buf_putc(b, '}');
		break;
	case 'a':
		plumb_buf_putc(b, '[');
		for (size_t i = 0; i < v->n; i++) {
			if (i)
				plumb_buf_puts(b, ", ");
			put_value(b, v->items[i]);
		}
		plumb_buf_putc(b, ']');
		break;
	case 's':
		put_string(b, v->text, v->len);
		break;
	default:
		plumb_buf_append(b, v->text, v->len);
	}
}

int plumb__pg_lit_jsonb(plumb_arena *a, const char *s, char **out)
{
	jp j = {a, s, false};
	*out = NULL;
	jv *v = read_value(&j, 0);
	if (j.oom)
		return PLUMB_ENOMEM;
	if (!v)
		return 0;
	skip_ws(&j);
	if (*j.p)
		return 0;
	plumb_buf b;
	plumb_buf_init(&b, a, strlen(s) + 16);
	put_value(&b, v);
	if (!b.data)
		plumb_buf_append(&b, "", 0);
	if (b.failed)
		return PLUMB_ENOMEM;
	*out = b.data;
	return 0;
}
