/*
 * Constants as PostgreSQL stores them: a literal read by a type's input
 * function and printed by its output function, done offline, exactly as the
 * server does it (numeric, money in the C locale, bit strings, interval in
 * the postgres IntervalStyle, timestamptz in ISO and UTC). Private to the PostgreSQL dialect.
 *
 * Each function sets *out to the output text, or to NULL when it cannot
 * tell exactly what the server would print (a value the server rejects, or
 * an input form left to the server); the caller then keeps the literal as
 * written. They return 0, or PLUMB_ENOMEM.
 */
#ifndef PLUMB_DIALECT_PG_LITERAL_H
#define PLUMB_DIALECT_PG_LITERAL_H

#include "util/util.h"

/* numeric_in then numeric_out: '1.5E+2' -> "150", ' .50 ' -> "0.50",
 * 'nan' -> "NaN". No typmod: the server applies a column's precision and
 * scale later, in a cast that pg_get_expr does not print. */
int plumb__pg_lit_numeric(plumb_arena *a, const char *s, char **out);

/* cash_in then cash_out with lc_monetary C: '1.999' -> "$2.00",
 * '-1,000.5' -> "-$1,000.50". */
int plumb__pg_lit_money(plumb_arena *a, const char *s, char **out);

/* bit_in then bit_out, no length: 'x1F' -> "00011111", 'b101' and '101'
 * -> "101" (libpg_query keeps x'1F' as "x1F" and B'101' as "b101"). */
int plumb__pg_lit_bits(plumb_arena *a, const char *s, char **out);

/* byteain then byteaout (bytea_output hex): '' -> "\x", '\x0A' -> "\x0a",
 * 'ab' and 'a\142' -> "\x6162"; an invalid one is unknown. */
int plumb__pg_lit_bytea(plumb_arena *a, const char *s, char **out);

/* Interval field masks of a typmod (INTERVAL_MASK in datetime.h). */
#define PLUMB_PG_IV_MONTH (1 << 1)
#define PLUMB_PG_IV_YEAR (1 << 2)
#define PLUMB_PG_IV_DAY (1 << 3)
#define PLUMB_PG_IV_HOUR (1 << 10)
#define PLUMB_PG_IV_MINUTE (1 << 11)
#define PLUMB_PG_IV_SECOND (1 << 12)
#define PLUMB_PG_IV_FULL 0x7FFF

/* interval_in with the typmod (range: the field mask, PLUMB_PG_IV_FULL
 * for none; precision: fractional digits of seconds, -1 for none), then
 * interval_out: interval '1.5' hour -> "01:00:00", '1 YEAR' -> "1 year",
 * '90' minute -> "01:30:00". Reads the postgres forms (numbers with units,
 * hh:mm:ss, years-months, "ago"); ISO 8601 and SQL-standard signs are left
 * to the server. */
int plumb__pg_lit_interval(plumb_arena *a, const char *s, int range, int precision, char **out);

/* literal_json.c: jsonb_in then jsonb_out: '{"b":1,"a":[1.50,1e2]}' ->
 * "{"a": [1.50, 100], "b": 1}" (keys shorter first, then bytewise, the last
 * of equal keys kept); the escape in '"\\u00e9"' is decoded to UTF-8. */
int plumb__pg_lit_jsonb(plumb_arena *a, const char *s, char **out);

/* literal_time.c: timestamptz_in then timestamptz_out with DateStyle ISO
 * and TimeZone UTC, for a column of precision digits of seconds (-1 for
 * none): '2022-04-01 01:00:00+01' -> "2022-04-01 00:00:00+00",
 * '2022-04-01' -> "2022-04-01 00:00:00+00", '-infinity' -> "-infinity".
 * Reads ISO dates with an optional time and a numeric, Z, UTC or GMT
 * offset; zone names and other forms are left to the server. */
int plumb__pg_lit_timestamptz(plumb_arena *a, const char *s, int precision, char **out);
/* timestamp_in then timestamp_out, the same forms, a zone read and ignored:
 * '1970-01-01 00:00:01+00:00' -> "1970-01-01 00:00:01". date_in then
 * date_out: '2020-01-05' -> "2020-01-05" (with a time of day, unknown). */
int plumb__pg_lit_timestamp(plumb_arena *a, const char *s, int precision, char **out);
int plumb__pg_lit_date(plumb_arena *a, const char *s, char **out);
/* time_in then time_out (without time zone): '10:00' -> "10:00:00",
 * '10:00:00.500+02' -> "10:00:00.5". */
int plumb__pg_lit_time(plumb_arena *a, const char *s, int precision, char **out);
/* timetz_in then timetz_out: '12:00+02' -> "12:00:00+02", '12:00' ->
 * "12:00:00+00" (the session's zone, UTC). */
int plumb__pg_lit_timetz(plumb_arena *a, const char *s, int precision, char **out);

/* literal_scalar.c: float8in then float8out (single: float4), the shortest
 * text that reads back: '1e3' -> "1000", '1e20' -> "1e+20", 'inf' ->
 * "Infinity"; hexadecimal forms are unknown. */
int plumb__pg_lit_float(plumb_arena *a, const char *s, bool single, char **out);
/* boolin: 1 for 't', 'yes', 'on', '1' and the like, 0 for their opposites,
 * -1 for what the server rejects. */
int plumb__pg_lit_bool(const char *s);
/* uuid_in then uuid_out: '{A0EEBC99-9C0B4EF8-...}' -> "a0eebc99-9c0b-4ef8-...". */
int plumb__pg_lit_uuid(plumb_arena *a, const char *s, char **out);

#endif
