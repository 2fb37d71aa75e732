/*
 * Literals coerced as the server coerces them when it stores a constant:
 * the input function of numeric, money, bit and interval followed by its
 * output function, written after PostgreSQL's own (numeric.c, cash.c,
 * varbit.c, datetime.c, timestamp.c of PostgreSQL 15). Anything outside the
 * forms handled here is reported as unknown, never guessed. Character
 * classes are ASCII, as in the server's C locale.
 */
#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/literal.h"

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char to_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* Whether s starts with word, ASCII case ignored (pg_strncasecmp). */
static bool starts_nocase(const char *s, const char *word)
{
	for (; *word; s++, word++)
		if (to_lower(*s) != to_lower(*word))
			return false;
	return true;
}

static const char *skip_spaces(const char *p)
{
	while (is_space(*p))
		p++;
	return p;
}

/* plumb_buf_finish without a context: the error is the caller's to record. */
static int finish(plumb_buf *b, char **out)
{
	if (!b->data)
		plumb_buf_append(b, "", 0);
	if (b->failed)
		return PLUMB_ENOMEM;
	*out = b->data;
	return 0;
}

/* --- numeric --------------------------------------------------------------- */

#define NUMERIC_DSCALE_MAX 16383       /* 14 bits of dscale */
#define NUMERIC_INT_DIGITS_MAX 131072  /* weight <= 32767 in base-10000 digits */

int plumb__pg_lit_numeric(plumb_arena *a, const char *s, char **out)
{
	static const struct {
		const char *in, *out;
	} special[] = {
		{"NaN", "NaN"},	  {"Infinity", "Infinity"}, {"+Infinity", "Infinity"},
		{"-Infinity", "-Infinity"}, {"inf", "Infinity"}, {"+inf", "Infinity"},
		{"-inf", "-Infinity"},
	};
	const char *p = skip_spaces(s);
	*out = NULL;
	for (size_t i = 0; i < sizeof(special) / sizeof(special[0]); i++) {
		if (starts_nocase(p, special[i].in)) {
			if (*skip_spaces(p + strlen(special[i].in)))
				return 0;
			*out = plumb_arena_strdup(a, special[i].out);
			return *out ? 0 : PLUMB_ENOMEM;
		}
	}

	/* set_var_from_str: sign, digits with at most one point, exponent */
	bool neg = false, point = false;
	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (*p == '.') {
		point = true;
		p++;
	}
	if (!is_digit(*p))
		return 0;
	const char *digits = p;
	long before = 0, after = 0;
	for (;; p++) {
		if (is_digit(*p)) {
			if (point)
				after++;
			else
				before++;
		} else if (*p == '.') {
			if (point)
				return 0;
			point = true;
		} else {
			break;
		}
	}
	const char *digits_end = p;
	long exponent = 0;
	if (*p == 'e' || *p == 'E') {
		char *end;
		exponent = strtol(p + 1, &end, 10);
		if (end == p + 1 || exponent >= INT_MAX / 2 || exponent <= -(INT_MAX / 2))
			return 0;
		p = end;
	}
	if (*skip_spaces(p))
		return 0;

	/* The value is 0.D x 10^ipos over the digits D, exactly; numeric_out
	 * prints dscale fraction digits (trailing zeros included). */
	long n = before + after, ipos = before + exponent;
	long dscale = after - exponent > 0 ? after - exponent : 0;
	char *d = plumb_arena_alloc(a, (size_t)n + 1);
	if (!d)
		return PLUMB_ENOMEM;
	long k = 0;
	for (const char *q = digits; q < digits_end; q++)
		if (*q != '.')
			d[k++] = *q;
	long first = 0; /* the first non-zero digit */
	while (first < n && d[first] == '0')
		first++;
	if (dscale > NUMERIC_DSCALE_MAX || (first < n && ipos - first > NUMERIC_INT_DIGITS_MAX))
		return 0;
	plumb_buf b;
	plumb_buf_init(&b, a, 0);
	if (neg && first < n)
		plumb_buf_putc(&b, '-');
	if (first >= n || ipos <= first)
		plumb_buf_putc(&b, '0');
	for (long i = first; first < n && i < ipos; i++)
		plumb_buf_putc(&b, i < n ? d[i] : '0');
	if (dscale)
		plumb_buf_putc(&b, '.');
	for (long i = ipos; i < ipos + dscale; i++)
		plumb_buf_putc(&b, i >= 0 && i < n ? d[i] : '0');
	return finish(&b, out);
}

/* --- money ------------------------------------------------------------------- */

/* lc_monetary C: PostgreSQL's defaults for every symbol ("$", ".", ",",
 * "+", "-"), two fraction digits, groups of three, sign and symbol first. */
int plumb__pg_lit_money(plumb_arena *a, const char *s, char **out)
{
	int64_t value = 0; /* built negative, as cash_in does */
	int dec = 0, sign = 1;
	bool seen_dot = false;
	const char *p = skip_spaces(s);
	*out = NULL;
	if (*p == '$')
		p++;
	p = skip_spaces(p);
	if (*p == '-' || *p == '(') {
		sign = -1;
		p++;
	} else if (*p == '+') {
		p++;
	}
	p = skip_spaces(p);
	if (*p == '$')
		p++;
	for (p = skip_spaces(p); *p; p++) {
		if (is_digit(*p) && (!seen_dot || dec < 2)) {
			if (__builtin_mul_overflow(value, 10, &value) ||
			    __builtin_sub_overflow(value, *p - '0', &value))
				return 0;
			if (seen_dot)
				dec++;
		} else if (*p == '.' && !seen_dot) {
			seen_dot = true;
		} else if (*p != ',') { /* a thousands separator is skipped */
			break;
		}
	}
	/* rounds half up on the one digit past the cents */
	if (is_digit(*p) && *p >= '5' && __builtin_sub_overflow(value, 1, &value))
		return 0;
	for (; dec < 2; dec++)
		if (__builtin_mul_overflow(value, 10, &value))
			return 0;
	while (is_digit(*p))
		p++;
	for (; *p; p++) {
		if (*p == '-')
			sign = -1;
		else if (!is_space(*p) && *p != ')' && *p != '+' && *p != '$')
			return 0;
	}
	if (sign > 0) {
		if (value == INT64_MIN)
			return 0;
		value = -value;
	}

	/* cash_out: digits right to left, the point before the cents and a
	 * comma every three digits left of it */
	char buf[64], *bp = buf + sizeof(buf) - 1;
	uint64_t mag = value < 0 ? (uint64_t)0 - (uint64_t)value : (uint64_t)value;
	int pos = 2;
	*bp = 0;
	do {
		if (pos == 0)
			*--bp = '.';
		else if (pos < 0 && pos % 3 == 0)
			*--bp = ',';
		*--bp = (char)('0' + mag % 10);
		mag /= 10;
		pos--;
	} while (mag || pos >= 0);
	*out = plumb_arena_printf(a, "%s$%s", value < 0 ? "-" : "", bp);
	return *out ? 0 : PLUMB_ENOMEM;
}

/* --- bit strings --------------------------------------------------------------- */

int plumb__pg_lit_bits(plumb_arena *a, const char *s, char **out)
{
	bool hex = false;
	const char *p = s;
	*out = NULL;
	if (*p == 'b' || *p == 'B') {
		p++;
	} else if (*p == 'x' || *p == 'X') {
		hex = true;
		p++;
	}
	plumb_buf b;
	plumb_buf_init(&b, a, 0);
	for (; *p; p++) {
		if (!hex) {
			if (*p != '0' && *p != '1')
				return 0;
			plumb_buf_putc(&b, *p);
			continue;
		}
		int v;
		if (is_digit(*p))
			v = *p - '0';
		else if (*p >= 'a' && *p <= 'f')
			v = *p - 'a' + 10;
		else if (*p >= 'A' && *p <= 'F')
			v = *p - 'A' + 10;
		else
			return 0;
		for (int bit = 3; bit >= 0; bit--)
			plumb_buf_putc(&b, (v >> bit) & 1 ? '1' : '0');
	}
	return finish(&b, out);
}

/* --- bytea --------------------------------------------------------------------- */

static int hex_value(char c)
{
	if (is_digit(c))
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* byteain then byteaout with bytea_output hex (varlena.c): the hex form
 * (pairs of digits, blanks between pairs) or the escape form (\\ and
 * \ooo), printed as \x and lower-case pairs. */
int plumb__pg_lit_bytea(plumb_arena *a, const char *s, char **out)
{
	static const char digits[] = "0123456789abcdef";
	plumb_buf b;
	*out = NULL;
	plumb_buf_init(&b, a, 0);
	plumb_buf_puts(&b, "\\x");
	if (s[0] == '\\' && s[1] == 'x') {
		for (const char *p = s + 2; *p;) {
			if (is_space(*p)) {
				p++;
				continue;
			}
			if (hex_value(p[0]) < 0 || hex_value(p[1]) < 0)
				return 0;
			plumb_buf_putc(&b, digits[hex_value(p[0])]);
			plumb_buf_putc(&b, digits[hex_value(p[1])]);
			p += 2;
		}
		return finish(&b, out);
	}
	for (const unsigned char *p = (const unsigned char *)s; *p;) {
		unsigned v;
		if (*p != '\\') {
			v = *p++;
		} else if (p[1] == '\\') {
			v = '\\';
			p += 2;
		} else if (p[1] >= '0' && p[1] <= '3' && p[2] >= '0' && p[2] <= '7' &&
			   p[3] >= '0' && p[3] <= '7') {
			v = (unsigned)((p[1] - '0') << 6 | (p[2] - '0') << 3 | (p[3] - '0'));
			p += 4;
		} else {
			return 0;
		}
		plumb_buf_putc(&b, digits[v >> 4]);
		plumb_buf_putc(&b, digits[v & 15]);
	}
	return finish(&b, out);
}

/* --- interval ------------------------------------------------------------------ */

#define USECS_PER_DAY INT64_C(86400000000)
#define USECS_PER_HOUR INT64_C(3600000000)
#define USECS_PER_MINUTE INT64_C(60000000)
#define USECS_PER_SEC INT64_C(1000000)
#define MAX_FIELDS 25 /* MAXDATEFIELDS */

/* Units of DecodeInterval, and the bits of its field masks. */
enum unit {
	U_NONE,
	U_USEC,
	U_MSEC,
	U_SECOND,
	U_MINUTE,
	U_HOUR,
	U_DAY,
	U_WEEK,
	U_MONTH,
	U_YEAR,
	U_DECADE,
	U_CENTURY,
	U_MILLENNIUM,
	U_AGO,
};

#define M(u) (1 << (u))
#define ALL_SECS_M (M(U_SECOND) | M(U_MSEC) | M(U_USEC))
#define TIME_M (M(U_HOUR) | M(U_MINUTE) | ALL_SECS_M)

/* deltatktbl of datetime.c, without the units intervals reject (quarter,
 * timezone); words compare on their first 10 letters (TOKMAXLEN). */
static const struct {
	const char *word;
	enum unit unit;
} units[] = {
	{"ago", U_AGO},		  {"c", U_CENTURY},	   {"cent", U_CENTURY},
	{"centuries", U_CENTURY}, {"century", U_CENTURY},  {"d", U_DAY},
	{"day", U_DAY},		  {"days", U_DAY},	   {"dec", U_DECADE},
	{"decade", U_DECADE},	  {"decades", U_DECADE},   {"decs", U_DECADE},
	{"h", U_HOUR},		  {"hour", U_HOUR},	   {"hours", U_HOUR},
	{"hr", U_HOUR},		  {"hrs", U_HOUR},	   {"m", U_MINUTE},
	{"microsecon", U_USEC},	  {"mil", U_MILLENNIUM},   {"millennia", U_MILLENNIUM},
	{"millennium", U_MILLENNIUM}, {"millisecon", U_MSEC}, {"mils", U_MILLENNIUM},
	{"min", U_MINUTE},	  {"mins", U_MINUTE},	   {"minute", U_MINUTE},
	{"minutes", U_MINUTE},	  {"mon", U_MONTH},	   {"mons", U_MONTH},
	{"month", U_MONTH},	  {"months", U_MONTH},	   {"ms", U_MSEC},
	{"msec", U_MSEC},	  {"msecond", U_MSEC},	   {"mseconds", U_MSEC},
	{"msecs", U_MSEC},	  {"s", U_SECOND},	   {"sec", U_SECOND},
	{"second", U_SECOND},	  {"seconds", U_SECOND},   {"secs", U_SECOND},
	{"us", U_USEC},		  {"usec", U_USEC},	   {"usecond", U_USEC},
	{"useconds", U_USEC},	  {"usecs", U_USEC},	   {"w", U_WEEK},
	{"week", U_WEEK},	  {"weeks", U_WEEK},	   {"y", U_YEAR},
	{"year", U_YEAR},	  {"years", U_YEAR},	   {"yr", U_YEAR},
	{"yrs", U_YEAR},
};

static enum unit find_unit(const char *word)
{
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strncmp(word, units[i].word, 10) == 0)
			return units[i].unit;
	return U_NONE;
}

/* Field types of ParseDateTime that intervals use. */
enum ftype { F_NUMBER, F_DATE, F_TZ, F_TIME, F_STRING };

/* pg_itm_in: the decoded fields. */
typedef struct itm {
	int64_t usec;
	int mday, mon, year;
} itm;

/* rint() in the default rounding mode: to nearest, ties to even. */
static double round_even(double v)
{
	if (!(v > -4503599627370496.0 && v < 4503599627370496.0))
		return v;
	double t = (double)(int64_t)v, r = v - t;
	if (r > 0.5 || (r == 0.5 && ((int64_t)t & 1)))
		t += 1;
	else if (r < -0.5 || (r == -0.5 && ((int64_t)t & 1)))
		t -= 1;
	return t;
}

/* ParseFraction: the double strtod reads from "." and digits. Exact when
 * the digits fit one division (at most 15 significant, 22 in all, trailing
 * zeros aside), which is all this reads; false otherwise. */
static bool read_fraction(const char *s, double *out)
{
	static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
				       1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
				       1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
	size_t len = strlen(s + 1);
	uint64_t n = 0;
	int sig = 0;
	for (size_t i = 1; i <= len; i++)
		if (!is_digit(s[i]))
			return false;
	while (len && s[len] == '0')
		len--;
	if (len > 22)
		return false;
	for (size_t i = 1; i <= len; i++) {
		n = n * 10 + (uint64_t)(s[i] - '0');
		if (n)
			sig++;
	}
	if (sig > 15)
		return false;
	*out = (double)n / pow10[len];
	return true;
}

static bool adjust_fract_usec(double frac, int64_t scale, itm *t)
{
	if (frac == 0)
		return true;
	frac *= (double)scale;
	int64_t usec = (int64_t)frac;
	frac -= (double)usec;
	usec += (int64_t)round_even(frac);
	return !__builtin_add_overflow(t->usec, usec, &t->usec);
}

static bool adjust_fract_days(double frac, int scale, itm *t)
{
	if (frac == 0)
		return true;
	frac *= scale;
	int extra = (int)frac;
	if (__builtin_add_overflow(t->mday, extra, &t->mday))
		return false;
	frac -= extra;
	return adjust_fract_usec(frac, USECS_PER_DAY, t);
}

static bool adjust_fract_years(double frac, int scale, itm *t)
{
	int extra = (int)round_even(frac * scale * 12);
	return !__builtin_add_overflow(t->mon, extra, &t->mon);
}

static bool adjust_usec(int64_t val, double fval, int64_t scale, itm *t)
{
	int64_t usec;
	if (__builtin_mul_overflow(val, scale, &usec) ||
	    __builtin_add_overflow(t->usec, usec, &t->usec))
		return false;
	return adjust_fract_usec(fval, scale, t);
}

static bool adjust_days(int64_t val, int scale, itm *t)
{
	int days;
	if (val < INT_MIN || val > INT_MAX)
		return false;
	return !__builtin_mul_overflow((int)val, scale, &days) &&
	       !__builtin_add_overflow(t->mday, days, &t->mday);
}

static bool adjust_years(int64_t val, int scale, itm *t)
{
	int years;
	if (val < INT_MIN || val > INT_MAX)
		return false;
	return !__builtin_mul_overflow((int)val, scale, &years) &&
	       !__builtin_add_overflow(t->year, years, &t->year);
}

/* strtoi64: false on overflow. */
static bool read_int64(const char *s, char **end, int64_t *out)
{
	errno = 0;
	long long v = strtoll(s, end, 10);
	*out = v;
	return errno != ERANGE;
}

/* strtoint: false on overflow of an int. */
static bool read_int(const char *s, char **end, int *out)
{
	errno = 0;
	long v = strtol(s, end, 10);
	if (errno == ERANGE || v < INT_MIN || v > INT_MAX)
		return false;
	*out = (int)v;
	return true;
}

/* DecodeTimeForInterval: h:m, h:m:s[.f] or m:s.f; false where the server
 * rejects it. Sets usec (not adds: the server does the same). */
static bool decode_time(const char *s, int range, itm *t)
{
	char *cp;
	int64_t hour;
	int min, sec = 0, fsec = 0;
	if (!read_int64(s, &cp, &hour) || *cp != ':' || !read_int(cp + 1, &cp, &min))
		return false;
	if (*cp == 0) {
		if (range == (PLUMB_PG_IV_MINUTE | PLUMB_PG_IV_SECOND)) {
			if (hour < INT_MIN || hour > INT_MAX)
				return false;
			sec = min;
			min = (int)hour;
			hour = 0;
		}
	} else if (*cp == '.' || *cp == ':') {
		if (*cp == '.') {
			/* mm:ss.f, whatever the range */
			if (hour < INT_MIN || hour > INT_MAX)
				return false;
			sec = min;
			min = (int)hour;
			hour = 0;
		} else if (!read_int(cp + 1, &cp, &sec)) {
			return false;
		}
		if (*cp == '.') {
			double frac = 0;
			if (cp[1] && !read_fraction(cp, &frac))
				return false;
			fsec = (int)round_even(frac * 1000000);
		} else if (*cp) {
			return false;
		}
	} else {
		return false;
	}
	if (hour < 0 || min < 0 || min > 59 || sec < 0 || sec > 60 || fsec < 0 ||
	    fsec > USECS_PER_SEC)
		return false;
	int64_t usec;
	if (__builtin_mul_overflow(hour, USECS_PER_HOUR, &usec) ||
	    __builtin_add_overflow(usec, min * USECS_PER_MINUTE + sec * USECS_PER_SEC + fsec, &usec))
		return false;
	t->usec = usec;
	return true;
}

/* The unit of a bare number: the last field of the typmod. */
static enum unit range_unit(int range)
{
	switch (range) {
	case PLUMB_PG_IV_YEAR:
		return U_YEAR;
	case PLUMB_PG_IV_MONTH:
	case PLUMB_PG_IV_YEAR | PLUMB_PG_IV_MONTH:
		return U_MONTH;
	case PLUMB_PG_IV_DAY:
		return U_DAY;
	case PLUMB_PG_IV_HOUR:
	case PLUMB_PG_IV_DAY | PLUMB_PG_IV_HOUR:
		return U_HOUR;
	case PLUMB_PG_IV_MINUTE:
	case PLUMB_PG_IV_HOUR | PLUMB_PG_IV_MINUTE:
	case PLUMB_PG_IV_DAY | PLUMB_PG_IV_HOUR | PLUMB_PG_IV_MINUTE:
		return U_MINUTE;
	default:
		return U_SECOND;
	}
}

/* A number field with its unit added to t: DecodeInterval's DTK_NUMBER.
 * *unit may change (hours make the next number days; years-months is in
 * months). False where the server rejects it. */
static bool decode_number(const char *f, enum unit *unit, int *tmask, itm *t)
{
	char *cp;
	double fval = 0;
	int64_t val;
	if (!read_int64(f, &cp, &val))
		return false;
	if (*cp == '-') {
		/* years-months */
		int months;
		if (!read_int(cp + 1, &cp, &months) || months < 0 || months >= 12 || *cp)
			return false;
		*unit = U_MONTH;
		if (*f == '-')
			months = -months;
		if (__builtin_mul_overflow(val, 12, &val) || __builtin_add_overflow(val, months, &val))
			return false;
	} else if (*cp == '.') {
		if (cp[1] && !read_fraction(cp, &fval))
			return false;
		if (*f == '-')
			fval = -fval;
	} else if (*cp) {
		return false;
	}
	switch (*unit) {
	case U_USEC:
		*tmask = M(U_USEC);
		return adjust_usec(val, fval, 1, t);
	case U_MSEC:
		*tmask = M(U_MSEC);
		return adjust_usec(val, fval, 1000, t);
	case U_SECOND:
		*tmask = fval == 0 ? M(U_SECOND) : ALL_SECS_M;
		return adjust_usec(val, fval, USECS_PER_SEC, t);
	case U_MINUTE:
		*tmask = M(U_MINUTE);
		return adjust_usec(val, fval, USECS_PER_MINUTE, t);
	case U_HOUR:
		*tmask = M(U_HOUR);
		*unit = U_DAY;
		return adjust_usec(val, fval, USECS_PER_HOUR, t);
	case U_DAY:
		*tmask = M(U_DAY);
		return adjust_days(val, 1, t) && adjust_fract_usec(fval, USECS_PER_DAY, t);
	case U_WEEK:
		*tmask = M(U_WEEK);
		return adjust_days(val, 7, t) && adjust_fract_days(fval, 7, t);
	case U_MONTH:
		*tmask = M(U_MONTH);
		return val >= INT_MIN && val <= INT_MAX &&
		       !__builtin_add_overflow(t->mon, (int)val, &t->mon) &&
		       adjust_fract_days(fval, 30, t);
	case U_YEAR:
		*tmask = M(U_YEAR);
		return adjust_years(val, 1, t) && adjust_fract_years(fval, 1, t);
	case U_DECADE:
		*tmask = M(U_DECADE);
		return adjust_years(val, 10, t) && adjust_fract_years(fval, 10, t);
	case U_CENTURY:
		*tmask = M(U_CENTURY);
		return adjust_years(val, 100, t) && adjust_fract_years(fval, 100, t);
	case U_MILLENNIUM:
		*tmask = M(U_MILLENNIUM);
		return adjust_years(val, 1000, t) && adjust_fract_years(fval, 1000, t);
	default:
		return false;
	}
}

/* ParseDateTime for the fields an interval takes; false for input it
 * would read some other way (dates, time zones, special words) or reject. */
static bool split_fields(const char *s, char *buf, size_t size, char **field, enum ftype *ftype,
			 int *nf)
{
	char *bp = buf, *end = buf + size - 1;
	const char *cp = s;
	*nf = 0;
#define PUT(c)                                                                                     \
	do {                                                                                       \
		if (bp >= end)                                                                     \
			return false;                                                              \
		*bp++ = (c);                                                                       \
	} while (0)
	while (*cp) {
		if (is_space(*cp)) {
			cp++;
			continue;
		}
		if (*nf >= MAX_FIELDS)
			return false;
		field[*nf] = bp;
		if (is_digit(*cp)) {
			while (is_digit(*cp))
				PUT(*cp++);
			if (*cp == ':') {
				ftype[*nf] = F_TIME;
				PUT(*cp++);
				while (is_digit(*cp) || *cp == ':' || *cp == '.')
					PUT(*cp++);
			} else if (*cp == '-' || *cp == '/' || *cp == '.') {
				char delim = *cp;
				PUT(*cp++);
				ftype[*nf] = F_DATE;
				if (is_alpha(*cp) || *cp == delim)
					return false; /* a text month */
				if (!is_digit(*cp))
					goto next; /* "1." or "1-": read as a number */
				ftype[*nf] = delim == '.' ? F_NUMBER : F_DATE;
				while (is_digit(*cp))
					PUT(*cp++);
				if (*cp == delim) {
					ftype[*nf] = F_DATE;
					PUT(*cp++);
					while (is_digit(*cp) || *cp == delim)
						PUT(*cp++);
				}
			} else {
				ftype[*nf] = F_NUMBER;
			}
		} else if (*cp == '.') {
			PUT(*cp++);
			while (is_digit(*cp))
				PUT(*cp++);
			ftype[*nf] = F_NUMBER;
		} else if (is_alpha(*cp)) {
			ftype[*nf] = F_STRING;
			while (is_alpha(*cp))
				PUT(to_lower(*cp++));
			/* a date or time zone name follows: not an interval word */
			if (*cp == '-' || *cp == '/' || *cp == '.' || *cp == '+' || is_digit(*cp))
				return false;
		} else if (*cp == '+' || *cp == '-') {
			PUT(*cp++);
			cp = skip_spaces(cp);
			if (!is_digit(*cp))
				return false; /* a special word (-infinity) or a dangling sign */
			ftype[*nf] = F_TZ;
			while (is_digit(*cp) || *cp == ':' || *cp == '.' || *cp == '-')
				PUT(*cp++);
		} else if ((*cp >= '!' && *cp <= '/') || (*cp >= ':' && *cp <= '@') ||
			   (*cp >= '[' && *cp <= '`') || (*cp >= '{' && *cp <= '~')) {
			cp++; /* other punctuation separates fields */
			continue;
		} else {
			return false;
		}
next:
		PUT(0);
		(*nf)++;
	}
#undef PUT
	return true;
}

/* DecodeInterval (IntervalStyle postgres), right to left as the server
 * reads: units before their numbers. */
static bool decode_interval(char **field, const enum ftype *ftype, int nf, int range, itm *t)
{
	enum unit unit = U_NONE;
	bool ago = false, pending_unit = false;
	int fmask = 0;
	for (int i = nf - 1; i >= 0; i--) {
		int tmask = 0;
		const char *f = field[i];
		switch (ftype[i]) {
		case F_TIME:
			if (!decode_time(f, range, t))
				return false;
			tmask = TIME_M;
			unit = U_DAY;
			pending_unit = false;
			break;
		case F_TZ:
		case F_NUMBER:
		case F_DATE:
			if (ftype[i] == F_TZ && strchr(f + 1, ':')) {
				/* signed hh:mm[:ss] */
				if (!decode_time(f + 1, range, t))
					return false;
				if (*f == '-') {
					if (t->usec == INT64_MIN)
						return false;
					t->usec = -t->usec;
				}
				tmask = TIME_M;
				unit = U_DAY;
				pending_unit = false;
				break;
			}
			if (unit == U_NONE && !ago)
				unit = range_unit(range);
			if (!decode_number(f, &unit, &tmask, t))
				return false;
			pending_unit = false;
			break;
		case F_STRING: {
			enum unit u = find_unit(f);
			if (u == U_NONE || pending_unit)
				return false;
			if (u == U_AGO) {
				if (i != nf - 1)
					return false;
				ago = true;
				unit = U_NONE; /* a number right before "ago" is an error */
			} else {
				unit = u;
				pending_unit = true;
			}
			break;
		}
		}
		if (tmask & fmask)
			return false;
		fmask |= tmask;
	}
	if (!fmask || pending_unit)
		return false;
	if (ago) {
		if (t->usec == INT64_MIN || t->mday == INT_MIN || t->mon == INT_MIN ||
		    t->year == INT_MIN)
			return false;
		t->usec = -t->usec;
		t->mday = -t->mday;
		t->mon = -t->mon;
		t->year = -t->year;
	}
	return true;
}

static bool valid_range(int range)
{
	static const int ranges[] = {
		PLUMB_PG_IV_FULL,
		PLUMB_PG_IV_YEAR,
		PLUMB_PG_IV_MONTH,
		PLUMB_PG_IV_DAY,
		PLUMB_PG_IV_HOUR,
		PLUMB_PG_IV_MINUTE,
		PLUMB_PG_IV_SECOND,
		PLUMB_PG_IV_YEAR | PLUMB_PG_IV_MONTH,
		PLUMB_PG_IV_DAY | PLUMB_PG_IV_HOUR,
		PLUMB_PG_IV_DAY | PLUMB_PG_IV_HOUR | PLUMB_PG_IV_MINUTE,
		PLUMB_PG_IV_DAY | PLUMB_PG_IV_HOUR | PLUMB_PG_IV_MINUTE | PLUMB_PG_IV_SECOND,
		PLUMB_PG_IV_HOUR | PLUMB_PG_IV_MINUTE,
		PLUMB_PG_IV_HOUR | PLUMB_PG_IV_MINUTE | PLUMB_PG_IV_SECOND,
		PLUMB_PG_IV_MINUTE | PLUMB_PG_IV_SECOND,
	};
	for (size_t i = 0; i < sizeof(ranges) / sizeof(ranges[0]); i++)
		if (ranges[i] == range)
			return true;
	return false;
}

/* AdjustIntervalForTypmod: fields right of the last one in the typmod
 * are truncated; seconds are rounded to precision digits. */
static bool apply_typmod(int32_t *month, int32_t *day, int64_t *time, int range, int precision)
{
	static const int64_t scales[] = {1000000, 100000, 10000, 1000, 100, 10, 1};
	static const int64_t offsets[] = {500000, 50000, 5000, 500, 50, 5, 0};
	int64_t unit = 0;
	if (range == PLUMB_PG_IV_YEAR) {
		*month = (*month / 12) * 12;
		*day = 0;
		*time = 0;
	} else if (range == PLUMB_PG_IV_MONTH || range == (PLUMB_PG_IV_YEAR | PLUMB_PG_IV_MONTH)) {
		*day = 0;
		*time = 0;
	} else if (range == PLUMB_PG_IV_DAY) {
		*time = 0;
	} else if (range == PLUMB_PG_IV_HOUR || range == (PLUMB_PG_IV_DAY | PLUMB_PG_IV_HOUR)) {
		unit = USECS_PER_HOUR;
	} else if (range == PLUMB_PG_IV_MINUTE ||
		   range == (PLUMB_PG_IV_DAY | PLUMB_PG_IV_HOUR | PLUMB_PG_IV_MINUTE) ||
		   range == (PLUMB_PG_IV_HOUR | PLUMB_PG_IV_MINUTE)) {
		unit = USECS_PER_MINUTE;
	}
	if (unit)
		*time = (*time / unit) * unit;
	if (precision >= 0) {
		/* half away from zero; where that overflows, the server fails */
		if (*time == INT64_MIN)
			return false;
		int64_t mag = *time < 0 ? -*time : *time;
		if (__builtin_add_overflow(mag, offsets[precision], &mag))
			return false;
		mag = mag / scales[precision] * scales[precision];
		*time = *time < 0 ? -mag : mag;
	}
	return true;
}

/* AddPostgresIntPart of EncodeInterval. */
static void put_part(plumb_buf *b, int64_t v, const char *unit, bool *is_zero, bool *is_before)
{
	if (v == 0)
		return;
	plumb_buf_printf(b, "%s%s%lld %s%s", *is_zero ? "" : " ", *is_before && v > 0 ? "+" : "",
			 (long long)v, unit, v != 1 ? "s" : "");
	*is_before = v < 0;
	*is_zero = false;
}

int plumb__pg_lit_interval(plumb_arena *a, const char *s, int range, int precision, char **out)
{
	char buf[256], *field[MAX_FIELDS];
	enum ftype ftype[MAX_FIELDS];
	int nf;
	itm t = {0, 0, 0, 0};
	*out = NULL;
	if (precision > 6)
		precision = 6; /* the server clamps it, with a warning */
	if (!valid_range(range) || precision < -1 ||
	    !split_fields(s, buf, sizeof(buf), field, ftype, &nf) ||
	    !decode_interval(field, ftype, nf, range, &t))
		return 0;
	int64_t months = (int64_t)t.year * 12 + t.mon;
	if (months < INT32_MIN || months > INT32_MAX)
		return 0;
	int32_t month = (int32_t)months, day = t.mday;
	int64_t time = t.usec;
	if (!apply_typmod(&month, &day, &time, range, precision))
		return 0;

	/* EncodeInterval, postgres style */
	int64_t hour = time / USECS_PER_HOUR;
	time -= hour * USECS_PER_HOUR;
	int min = (int)(time / USECS_PER_MINUTE);
	time -= min * USECS_PER_MINUTE;
	int sec = (int)(time / USECS_PER_SEC);
	int usec = (int)(time - sec * USECS_PER_SEC);
	bool is_zero = true, is_before = false;
	plumb_buf b;
	plumb_buf_init(&b, a, 0);
	put_part(&b, month / 12, "year", &is_zero, &is_before);
	put_part(&b, month % 12, "mon", &is_zero, &is_before);
	put_part(&b, day, "day", &is_zero, &is_before);
	if (is_zero || hour || min || sec || usec) {
		bool minus = hour < 0 || min < 0 || sec < 0 || usec < 0;
		plumb_buf_printf(&b, "%s%s%02lld:%02d:%02d", is_zero ? "" : " ",
				 minus ? "-" : is_before ? "+" : "", (long long)llabs(hour), abs(min),
				 abs(sec));
		/* AppendSeconds: six digits, trailing zeros dropped */
		int digits = 6, frac = abs(usec);
		for (; frac && frac % 10 == 0; frac /= 10)
			digits--;
		if (frac)
			plumb_buf_printf(&b, ".%0*d", digits, frac);
	}
	return finish(&b, out);
}
