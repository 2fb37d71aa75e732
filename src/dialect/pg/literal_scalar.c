/*
 * Literals of the fixed-size scalar types coerced as the server coerces
 * them: float8in/float8out and float4in/float4out (the shortest text that
 * reads back to the same value, float.c and ryu's d2s.c/f2s.c of
 * PostgreSQL 15), boolin (bool.c) and uuid_in/uuid_out (uuid.c). Forms not
 * handled here are reported as unknown, never guessed.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/literal.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* s without its leading and trailing blanks: *start, and its length. */
static size_t trim(const char *s, const char **start)
{
	while (is_space(*s))
		s++;
	size_t n = strlen(s);
	while (n && is_space(s[n - 1]))
		n--;
	*start = s;
	return n;
}

static bool nocase_eq(const char *s, size_t n, const char *word)
{
	if (strlen(word) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (lower(s[i]) != word[i])
			return false;
	return true;
}

/* --- float4, float8 ------------------------------------------------------------ */

/* Whether text reads back as v, in the precision of the type. */
static bool reads_back(const char *text, double v, bool single)
{
	double back = strtod(text, NULL);
	return single ? (float)back == (float)v : back == v;
}

int plumb__pg_lit_float(plumb_arena *a, const char *s, bool single, char **out)
{
	*out = NULL;
	const char *p;
	size_t n = trim(s, &p);
	if (nocase_eq(p, n, "nan")) {
		*out = plumb_arena_strdup(a, "NaN");
		return *out ? 0 : PLUMB_ENOMEM;
	}
	bool minus = n && p[0] == '-';
	const char *word = n && (p[0] == '-' || p[0] == '+') ? p + 1 : p;
	size_t wn = n - (size_t)(word - p);
	if (nocase_eq(word, wn, "infinity") || nocase_eq(word, wn, "inf")) {
		*out = plumb_arena_strdup(a, minus ? "-Infinity" : "Infinity");
		return *out ? 0 : PLUMB_ENOMEM;
	}
	/* decimal forms only: strtod's hexadecimal and nan(...) are left to
	 * the server */
	for (size_t i = 0; i < n; i++)
		if (!strchr("0123456789.eE+-", p[i]))
			return 0;
	char *copy = plumb_arena_strndup(a, p, n), *end;
	if (!copy)
		return PLUMB_ENOMEM;
	errno = 0;
	double v = strtod(copy, &end);
	if (end == copy || *end || errno == ERANGE || !isfinite(v))
		return 0; /* out of range: the server rejects it */
	if (single) {
		float f = (float)v;
		if (!isfinite(f) || (f == 0 && v != 0))
			return 0;
	}
	/* the fewest digits that read back: d.ddd e exp */
	char buf[40];
	int max = single ? 9 : 17, digits = 1;
	for (; digits <= max; digits++) {
		snprintf(buf, sizeof(buf), "%.*e", digits - 1, v);
		if (reads_back(buf, v, single))
			break;
	}
	if (digits > max)
		return 0;
	char mant[20];
	size_t m = 0;
	const char *q = buf;
	if (*q == '-')
		q++;
	for (; *q && *q != 'e'; q++)
		if (*q != '.')
			mant[m++] = *q;
	mant[m] = 0;
	int exp = atoi(q + 1);
	while (m > 1 && mant[m - 1] == '0')
		mant[--m] = 0;
	plumb_buf b;
	plumb_buf_init(&b, a, 32);
	if (signbit(v))
		plumb_buf_putc(&b, '-');
	/* the thresholds of printf's %g, as the server's output keeps them */
	if (exp >= -4 && exp < (single ? 6 : 15)) {
		if (exp < 0) {
			plumb_buf_puts(&b, "0.");
			for (int i = -1; i > exp; i--)
				plumb_buf_putc(&b, '0');
			plumb_buf_puts(&b, mant);
		} else {
			for (int i = 0; i <= exp || i < (int)m; i++) {
				if (i == exp + 1)
					plumb_buf_putc(&b, '.');
				plumb_buf_putc(&b, i < (int)m ? mant[i] : '0');
			}
		}
	} else {
		plumb_buf_putc(&b, mant[0]);
		if (m > 1) {
			plumb_buf_putc(&b, '.');
			plumb_buf_puts(&b, mant + 1);
		}
		plumb_buf_printf(&b, "e%c%02d", exp < 0 ? '-' : '+', exp < 0 ? -exp : exp);
	}
	if (b.failed)
		return PLUMB_ENOMEM;
	*out = b.data;
	return 0;
}

/* --- boolean ---------------------------------------------------------------- */

int plumb__pg_lit_bool(const char *s)
{
	const char *p;
	size_t n = trim(s, &p);
	if (!n)
		return -1;
	/* a prefix of one word (parse_bool_with_len), "o" alone being both */
	static const struct {
		const char *word;
		size_t min;
		int value;
	} words[] = {{"true", 1, 1}, {"false", 1, 0}, {"yes", 1, 1},
		     {"no", 1, 0},   {"on", 2, 1},    {"off", 2, 0}};
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++) {
		size_t len = strlen(words[i].word);
		if (n < words[i].min || n > len)
			continue;
		size_t k = 0;
		while (k < n && lower(p[k]) == words[i].word[k])
			k++;
		if (k == n)
			return words[i].value;
	}
	if (n == 1 && (p[0] == '1' || p[0] == '0'))
		return p[0] == '1';
	return -1;
}

/* --- uuid ----------------------------------------------------------------- */

int plumb__pg_lit_uuid(plumb_arena *a, const char *s, char **out)
{
	*out = NULL;
	const char *p = s;
	bool brace = *p == '{';
	if (brace)
		p++;
	char hex[33];
	int n = 0;
	/* hex digits in pairs, a hyphen allowed after each group of four */
	while (n < 32) {
		for (int i = 0; i < 2; i++, p++) {
			if (!strchr("0123456789abcdefABCDEF", *p) || !*p)
				return 0;
			hex[n++] = lower(*p);
		}
		if (*p == '-' && n % 4 == 0 && n < 32)
			p++;
	}
	hex[32] = 0;
	if (brace && *p++ != '}')
		return 0;
	if (*p)
		return 0;
	*out = plumb_arena_printf(a, "%.8s-%.4s-%.4s-%.4s-%.12s", hex, hex + 8, hex + 12, hex + 16,
				  hex + 20);
	return *out ? 0 : PLUMB_ENOMEM;
}
