/*
 * timestamptz, timestamp, date, time and timetz literals as the server stores and prints
 * them, done offline: the type's input then output function (datetime.c,
 * timestamp.c, date.c of PostgreSQL 15) with DateStyle ISO and TimeZone UTC,
 * the zone plumb reads a catalog in (introspect.c) and loads a schema file
 * in (conn.c's scratch sessions). Only ISO dates with an optional time and
 * a numeric or UTC offset are read; any other form (zone names, other date
 * orders, BC, out of range) is reported as unknown, never guessed.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "dialect/pg/literal.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Exactly n digits at *p, advancing it. */
static bool digits(const char **p, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!is_digit((*p)[i]))
			return false;
		v = v * 10 + ((*p)[i] - '0');
	}
	*p += n;
	*out = v;
	return true;
}

static bool nocase_eq(const char *s, const char *word, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char c = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
		if (c != word[i])
			return false;
	}
	return !word[n];
}

static bool leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int month_days(int y, int m)
{
	static const int d[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && leap(y) ? 29 : d[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (days_from_civil). */
static int64_t days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int64_t era = (y >= 0 ? y : y - 399) / 400;
	int64_t yoe = y - era * 400;
	int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int *y, int *m, int *d)
{
	z += 719468;
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int64_t doe = z - era * 146097;
	int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int64_t mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* The zone offset at p (after optional blanks): Z, UTC, GMT, +hh, +hhmm,
 * +hh:mm or +hh:mm:ss, in seconds east of Greenwich; p is left after it.
 * No zone is UTC (the session's). */
static bool read_zone(const char **pp, int *east)
{
	const char *p = *pp;
	*east = 0;
	while (*p == ' ')
		p++;
	if (!*p) {
		*pp = p;
		return true;
	}
	size_t n = strlen(p);
	while (n && p[n - 1] == ' ')
		n--;
	if (nocase_eq(p, "z", n) || nocase_eq(p, "utc", n) || nocase_eq(p, "gmt", n)) {
		*pp = p + n;
		return true;
	}
	if (*p != '+' && *p != '-')
		return false;
	int sign = *p == '-' ? -1 : 1, h, m = 0, s = 0;
	p++;
	if (!digits(&p, 2, &h))
		return false;
	if (*p == ':') {
		p++;
		if (!digits(&p, 2, &m))
			return false;
		if (*p == ':') {
			p++;
			if (!digits(&p, 2, &s))
				return false;
		}
	} else if (is_digit(*p) && !digits(&p, 2, &m)) {
		return false;
	}
	/* the server's limits (MAX_TZDISP_HOUR, minutes and seconds) */
	if (h > 15 || m > 59 || s > 59)
		return false;
	*east = sign * (h * 3600 + m * 60 + s);
	while (*p == ' ')
		p++;
	*pp = p;
	return true;
}

/* What the value is read as and printed as. */
typedef enum { AS_TIMESTAMPTZ, AS_TIMESTAMP, AS_DATE, AS_TIME, AS_TIMETZ } as_type;

static int lit_time(plumb_arena *a, const char *s, int precision, as_type as, char **out)
{
	*out = NULL;
	const char *p = s;
	while (*p == ' ')
		p++;
	size_t n = strlen(p);
	while (n && p[n - 1] == ' ')
		n--;
	if (nocase_eq(p, "infinity", n) || nocase_eq(p, "+infinity", n) ||
	    nocase_eq(p, "-infinity", n)) {
		*out = plumb_arena_strdup(a, *p == '-' ? "-infinity" : "infinity");
		return *out ? 0 : PLUMB_ENOMEM;
	}
	int y = 2000, mo = 1, d = 1, h = 0, mi = 0, sec = 0, east;
	long usec = 0;
	int n_frac = 0;
	bool timeonly = as == AS_TIME || as == AS_TIMETZ;
	if (!timeonly && (!digits(&p, 4, &y) || *p++ != '-' || !digits(&p, 2, &mo) || *p++ != '-' ||
			  !digits(&p, 2, &d)))
		return 0;
	bool has_time = timeonly || ((*p == ' ' || *p == 'T' || *p == 't') && is_digit(p[1]));
	if (has_time) {
		if (!timeonly)
			p++;
		if (!digits(&p, 2, &h) || *p++ != ':' || !digits(&p, 2, &mi))
			return 0;
		if (*p == ':') {
			p++;
			if (!digits(&p, 2, &sec))
				return 0;
			if (*p == '.') {
				p++;
				for (; is_digit(*p); p++, n_frac++) {
					if (n_frac == 6)
						return 0; /* rounded by the server: left to it */
					usec = usec * 10 + (*p - '0');
				}
				if (!n_frac)
					return 0;
				for (int i = n_frac; i < 6; i++)
					usec *= 10;
			}
		}
	}
	if (!read_zone(&p, &east) || *p || (!has_time && east))
		return 0;
	int zone = east;
	if (as != AS_TIMESTAMPTZ)
		east = 0; /* timestamp_in and date_in read a zone and ignore it;
			   * timetz keeps it beside the time */
	if (as == AS_DATE && (h || mi || sec || usec))
		return 0; /* date_in drops a time: left to the server */
	if (y < 1 || mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo) || h > 23 || mi > 59 ||
	    sec > 59)
		return 0;
	/* a typmod rounds the fraction: only a fraction it keeps is known */
	if (precision >= 0 && n_frac > precision)
		return 0;
	int64_t t = days_from_civil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec - east;
	int64_t days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
	int64_t rest = t - days * 86400;
	civil_from_days(days, &y, &mo, &d);
	if (y < 1 || y > 9999)
		return 0;
	char frac[8] = "";
	if (usec) {
		int len = 6;
		long u = usec;
		while (u % 10 == 0) {
			u /= 10;
			len--;
		}
		frac[0] = '.';
		for (int i = len; i > 0; i--, u /= 10)
			frac[i] = (char)('0' + u % 10);
		frac[len + 1] = 0;
	}
	if (as == AS_TIMETZ) {
		/* EncodeTimezone: +hh, then :mm and :ss when not zero */
		int z = zone < 0 ? -zone : zone;
		char tz[16];
		int len = snprintf(tz, sizeof(tz), "%c%02d", zone < 0 ? '-' : '+', z / 3600);
		if (z % 3600)
			len += snprintf(tz + len, sizeof(tz) - (size_t)len, ":%02d", z / 60 % 60);
		if (z % 60)
			snprintf(tz + len, sizeof(tz) - (size_t)len, ":%02d", z % 60);
		*out = plumb_arena_printf(a, "%02d:%02d:%02d%s%s", (int)(rest / 3600),
					  (int)(rest / 60 % 60), (int)(rest % 60), frac, tz);
	} else if (as == AS_DATE) {
		*out = plumb_arena_printf(a, "%04d-%02d-%02d", y, mo, d);
	} else if (as == AS_TIME) {
		*out = plumb_arena_printf(a, "%02d:%02d:%02d%s", (int)(rest / 3600),
					  (int)(rest / 60 % 60), (int)(rest % 60), frac);
	} else {
		*out = plumb_arena_printf(a, "%04d-%02d-%02d %02d:%02d:%02d%s%s", y, mo, d,
					  (int)(rest / 3600), (int)(rest / 60 % 60),
					  (int)(rest % 60), frac,
					  as == AS_TIMESTAMPTZ ? "+00" : "");
	}
	return *out ? 0 : PLUMB_ENOMEM;
}

int plumb__pg_lit_timestamptz(plumb_arena *a, const char *s, int precision, char **out)
{
	return lit_time(a, s, precision, AS_TIMESTAMPTZ, out);
}

int plumb__pg_lit_timestamp(plumb_arena *a, const char *s, int precision, char **out)
{
	return lit_time(a, s, precision, AS_TIMESTAMP, out);
}

int plumb__pg_lit_time(plumb_arena *a, const char *s, int precision, char **out)
{
	return lit_time(a, s, precision, AS_TIME, out);
}

int plumb__pg_lit_date(plumb_arena *a, const char *s, char **out)
{
	return lit_time(a, s, -1, AS_DATE, out);
}

int plumb__pg_lit_timetz(plumb_arena *a, const char *s, int precision, char **out)
{
	return lit_time(a, s, precision, AS_TIMETZ, out);
}
