/*
 * The built-in types and functions parse analysis knows offline: type
 * codes in format_type() spelling, type categories and implicit casts (as
 * pg_type and pg_cast hold them), and the built-in functions and operators
 * common in views, checks and indexes, with the server's choice among them
 * (func_select_candidate). What is not here is left as written by
 * analyze.c.
 */
#include <stdint.h>
#include <string.h>

#include "dialect/pg/analyze_int.h"
#include "dialect/pg/canon_int.h"

const char plumb__pg_unknown_type[] = "unknown";

/* --- types ------------------------------------------------------------------ */

/* The short name of a type in format_type() spelling ("numeric(10,2)" ->
 * "numeric"), t itself for one without, or NULL for arrays. */
const char *plumb__pg_type_code(const char *t)
{
	static const char *const names[][2] = {
		{"smallint", "int2"},
		{"integer", "int4"},
		{"bigint", "int8"},
		{"smallserial", "int2"},
		{"serial", "int4"},
		{"bigserial", "int8"},
		{"real", "float4"},
		{"double precision", "float8"},
		{"character varying", "varchar"},
		{"character", "bpchar"},
		{"timestamp without time zone", "timestamp"},
		{"timestamp with time zone", "timestamptz"},
		{"time without time zone", "time"},
		{"time with time zone", "timetz"},
		{"boolean", "bool"},
		{"numeric", "numeric"},
		{"text", "text"},
		{"date", "date"},
		{"bpchar", "bpchar"},
	};
	char base[64];
	if (!t || strchr(t, '['))
		return NULL;
	plumb__pg_type_base(t, base, sizeof(base));
	if (strncmp(base, "interval", 8) == 0)
		return "interval";
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcmp(base, names[i][0]) == 0)
			return names[i][1];
	return t;
}

char plumb__pg_type_category(const char *t)
{
	static const char *const num[] = {"int2", "int4", "int8", "float4", "float8", "numeric"};
	static const char *const dt[] = {"date", "time", "timetz", "timestamp", "timestamptz"};
	static const char *const str[] = {"text", "varchar", "bpchar"};
	for (size_t i = 0; i < sizeof(num) / sizeof(num[0]); i++)
		if (strcmp(t, num[i]) == 0)
			return 'N';
	for (size_t i = 0; i < sizeof(dt) / sizeof(dt[0]); i++)
		if (strcmp(t, dt[i]) == 0)
			return 'D';
	for (size_t i = 0; i < sizeof(str) / sizeof(str[0]); i++)
		if (strcmp(t, str[i]) == 0)
			return 'S';
	return strcmp(t, "interval") == 0 ? 'T' : 0;
}

/* The preferred type of each category (typispreferred). */
bool plumb__pg_type_preferred(const char *t)
{
	return strcmp(t, "float8") == 0 || strcmp(t, "timestamptz") == 0 ||
	       strcmp(t, "text") == 0 || strcmp(t, "interval") == 0;
}

/* Whether pg_cast has an implicit cast from a to b. */
bool plumb__pg_implicit_cast(const char *a, const char *b)
{
	static const char *const casts[][2] = {
		{"int2", "int4"},      {"int2", "int8"},	{"int2", "float4"},
		{"int2", "float8"},    {"int2", "numeric"},	{"int4", "int8"},
		{"int4", "float4"},    {"int4", "float8"},	{"int4", "numeric"},
		{"int8", "float4"},    {"int8", "float8"},	{"int8", "numeric"},
		{"float4", "float8"},  {"numeric", "float4"},	{"numeric", "float8"},
		{"date", "timestamp"}, {"date", "timestamptz"}, {"timestamp", "timestamptz"},
		{"time", "timetz"},    {"time", "interval"},	{"varchar", "text"},
		{"bpchar", "text"},    {"text", "varchar"},	{"text", "bpchar"},
	};
	for (size_t i = 0; i < sizeof(casts) / sizeof(casts[0]); i++)
		if (strcmp(casts[i][0], a) == 0 && strcmp(casts[i][1], b) == 0)
			return true;
	return false;
}

/* Built-in functions common in views, with their argument and result
 * types, for the server's choice among them (func_select_candidate). */
static const struct {
	const char *name, *args, *ret;
} functions[] = {
	{"date_trunc", "text,timestamp", "timestamp"},
	{"date_trunc", "text,timestamptz", "timestamptz"},
	{"date_trunc", "text,interval", "interval"},
	{"date_trunc", "text,timestamptz,text", "timestamptz"},
	{"date_part", "text,timestamp", "float8"},
	{"date_part", "text,timestamptz", "float8"},
	{"date_part", "text,interval", "float8"},
	{"date_part", "text,date", "float8"},
	{"date_part", "text,time", "float8"},
	{"date_part", "text,timetz", "float8"},
	{"extract", "text,timestamp", "numeric"},
	{"extract", "text,timestamptz", "numeric"},
	{"extract", "text,interval", "numeric"},
	{"extract", "text,date", "numeric"},
	{"extract", "text,time", "numeric"},
	{"extract", "text,timetz", "numeric"},
	{"timezone", "text,timestamp", "timestamptz"},
	{"timezone", "text,timestamptz", "timestamp"},
	{"to_char", "timestamp,text", "text"},
	{"to_char", "timestamptz,text", "text"},
	{"to_char", "interval,text", "text"},
	{"to_char", "int4,text", "text"},
	{"to_char", "int8,text", "text"},
	{"to_char", "float4,text", "text"},
	{"to_char", "float8,text", "text"},
	{"to_char", "numeric,text", "text"},
	{"to_timestamp", "float8", "timestamptz"},
	{"to_timestamp", "text,text", "timestamptz"},
	{"to_date", "text,text", "date"},
	{"to_number", "text,text", "numeric"},
	{"make_date", "int4,int4,int4", "date"},
	{"age", "timestamp", "interval"},
	{"age", "timestamptz", "interval"},
	{"age", "timestamp,timestamp", "interval"},
	{"age", "timestamptz,timestamptz", "interval"},
	{"date", "timestamp", "date"},
	{"date", "timestamptz", "date"},
	{"now", "", "timestamptz"},
	{"justify_days", "interval", "interval"},
	{"justify_hours", "interval", "interval"},
	{"justify_interval", "interval", "interval"},
	{"round", "float8", "float8"},
	{"round", "numeric", "numeric"},
	{"round", "numeric,int4", "numeric"},
	{"trunc", "float8", "float8"},
	{"trunc", "numeric", "numeric"},
	{"trunc", "numeric,int4", "numeric"},
	{"floor", "float8", "float8"},
	{"floor", "numeric", "numeric"},
	{"ceil", "float8", "float8"},
	{"ceil", "numeric", "numeric"},
	{"ceiling", "float8", "float8"},
	{"ceiling", "numeric", "numeric"},
	{"sqrt", "float8", "float8"},
	{"sqrt", "numeric", "numeric"},
	{"exp", "float8", "float8"},
	{"exp", "numeric", "numeric"},
	{"ln", "float8", "float8"},
	{"ln", "numeric", "numeric"},
	{"log", "float8", "float8"},
	{"log", "numeric", "numeric"},
	{"log", "numeric,numeric", "numeric"},
	{"power", "float8,float8", "float8"},
	{"power", "numeric,numeric", "numeric"},
	{"sign", "float8", "float8"},
	{"sign", "numeric", "numeric"},
	{"abs", "int2", "int2"},
	{"abs", "int4", "int4"},
	{"abs", "int8", "int8"},
	{"abs", "float4", "float4"},
	{"abs", "float8", "float8"},
	{"abs", "numeric", "numeric"},
	{"mod", "int2,int2", "int2"},
	{"mod", "int4,int4", "int4"},
	{"mod", "int8,int8", "int8"},
	{"mod", "numeric,numeric", "numeric"},
	{"sum", "int2", "int8"},
	{"sum", "int4", "int8"},
	{"sum", "int8", "numeric"},
	{"sum", "float4", "float4"},
	{"sum", "float8", "float8"},
	{"sum", "numeric", "numeric"},
	{"sum", "interval", "interval"},
	{"avg", "int2", "numeric"},
	{"avg", "int4", "numeric"},
	{"avg", "int8", "numeric"},
	{"avg", "float4", "float8"},
	{"avg", "float8", "float8"},
	{"avg", "numeric", "numeric"},
	{"avg", "interval", "interval"},
	{"length", "text", "int4"},
	{"length", "bpchar", "int4"},
	{"lower", "text", "text"},
	{"upper", "text", "text"},
/* operators between numbers: of one type, across integer widths, across
 * float widths */
#define NUM_OPS(op, b2, b4, b8, bf4, bf8, bn)                                                      \
	{op, "int2,int2", b2}, {op, "int4,int4", b4}, {op, "int8,int8", b8},                       \
	{op, "float4,float4", bf4}, {op, "float8,float8", bf8}, {op, "numeric,numeric", bn},       \
	{op, "int2,int4", b4}, {op, "int4,int2", b4}, {op, "int2,int8", b8},                       \
	{op, "int8,int2", b8}, {op, "int4,int8", b8}, {op, "int8,int4", b8},                       \
	{op, "float4,float8", bf8}, {op, "float8,float4", bf8}
#define ARITH(op) NUM_OPS(op, "int2", "int4", "int8", "float4", "float8", "numeric")
#define CMP(op)                                                                                    \
	NUM_OPS(op, "bool", "bool", "bool", "bool", "bool", "bool"), {op, "text,text", "bool"},   \
	{op, "bpchar,bpchar", "bool"}, {op, "date,date", "bool"}, {op, "date,timestamp", "bool"},  \
	{op, "date,timestamptz", "bool"}, {op, "timestamp,date", "bool"},                          \
	{op, "timestamp,timestamp", "bool"}, {op, "timestamp,timestamptz", "bool"},                \
	{op, "timestamptz,date", "bool"}, {op, "timestamptz,timestamp", "bool"},                   \
	{op, "timestamptz,timestamptz", "bool"}, {op, "time,time", "bool"},                        \
	{op, "timetz,timetz", "bool"}, {op, "interval,interval", "bool"}
	ARITH("+"),
	ARITH("-"),
	ARITH("*"),
	ARITH("/"),
	CMP("="),
	CMP("<>"),
	CMP("<"),
	CMP(">"),
	CMP("<="),
	CMP(">="),
	{"%", "int2,int2", "int2"},
	{"%", "int4,int4", "int4"},
	{"%", "int8,int8", "int8"},
	{"%", "numeric,numeric", "numeric"},
	{"+", "date,int4", "date"},
	{"+", "int4,date", "date"},
	{"-", "date,int4", "date"},
	{"-", "date,date", "int4"},
	{"+", "date,interval", "timestamp"},
	{"+", "interval,date", "timestamp"},
	{"-", "date,interval", "timestamp"},
	{"+", "date,time", "timestamp"},
	{"+", "timestamp,interval", "timestamp"},
	{"+", "interval,timestamp", "timestamp"},
	{"-", "timestamp,interval", "timestamp"},
	{"-", "timestamp,timestamp", "interval"},
	{"+", "timestamptz,interval", "timestamptz"},
	{"+", "interval,timestamptz", "timestamptz"},
	{"-", "timestamptz,interval", "timestamptz"},
	{"-", "timestamptz,timestamptz", "interval"},
	{"+", "interval,interval", "interval"},
	{"-", "interval,interval", "interval"},
	{"*", "interval,float8", "interval"},
	{"*", "float8,interval", "interval"},
	{"/", "interval,float8", "interval"},
	{"||", "text,text", "text"},
	{"^", "float8,float8", "float8"},
	{"^", "numeric,numeric", "numeric"},
	{"@>", "jsonb,jsonb", "bool"},
	{"<@", "jsonb,jsonb", "bool"},
	{"=", "jsonb,jsonb", "bool"},
	{"<>", "jsonb,jsonb", "bool"},
	{"=", "bool,bool", "bool"},
	{"<>", "bool,bool", "bool"},
	{"=", "uuid,uuid", "bool"},
	{"<>", "uuid,uuid", "bool"},
#undef CMP
#undef ARITH
#undef NUM_OPS
};


/* Argument i (0-based) of a signature, into buf. */
static const char *sig_arg(const char *args, size_t i, char *buf, size_t size)
{
	const char *p = args;
	for (size_t k = 0; k < i && p; k++) {
		p = strchr(p, ',');
		if (p)
			p++;
	}
	if (!p || !*p)
		return NULL;
	size_t n = strcspn(p, ",");
	if (n >= size)
		return NULL;
	memcpy(buf, p, n);
	buf[n] = 0;
	return buf;
}

static size_t sig_nargs(const char *args)
{
	size_t n = *args ? 1 : 0;
	for (const char *p = args; *p; p++)
		n += *p == ',';
	return n;
}

/* Whether a is b: the first byte compared first, as most of the table's
 * names differ there. */
static bool same_name(const char *a, const char *b)
{
	return a[0] == b[0] && strcmp(a, b) == 0;
}

/* The built-in function the server picks for name(types), or -1 when there
 * is none or it cannot be told (an argument of unknown type, a tie). A
 * string literal ("unknown") fits any type. */
static int pick(const char *name, const char **types, size_t n)
{
	int best = -1, n_best = 0, best_exact = -1, best_pref = -1;
	size_t n_cand = 0;
	bool untyped = false;
	char buf[16];
	for (size_t i = 0; i < n; i++)
		untyped = untyped || !types[i];
	/* one taking exactly the arguments' types wins: found by its
	 * signature alone */
	char sig[MAX_ARGS * 16];
	size_t len = 0;
	bool exact = !untyped;
	for (size_t i = 0; exact && i < n; i++) {
		size_t tl = strlen(types[i]);
		exact = types[i] != plumb__pg_unknown_type && len + tl + 2 <= sizeof(sig);
		if (exact) {
			if (i)
				sig[len++] = ',';
			memcpy(sig + len, types[i], tl);
			len += tl;
		}
	}
	sig[exact ? len : 0] = 0;
	for (size_t f = 0; exact && f < sizeof(functions) / sizeof(functions[0]); f++)
		if (same_name(functions[f].name, name) && strcmp(functions[f].args, sig) == 0)
			return (int)f;
	/* a binary operator with a string literal on one side: first the
	 * operator taking the other side's type on both */
	if (n == 2 && !untyped && (types[0] == plumb__pg_unknown_type) != (types[1] == plumb__pg_unknown_type)) {
		const char *t = types[0] == plumb__pg_unknown_type ? types[1] : types[0];
		for (size_t f = 0; f < sizeof(functions) / sizeof(functions[0]); f++) {
			const char *a = functions[f].args;
			size_t len = strlen(t);
			if (same_name(functions[f].name, name) && strncmp(a, t, len) == 0 &&
			    a[len] == ',' && strcmp(a + len + 1, t) == 0)
				return (int)f;
		}
	}
	for (size_t f = 0; f < sizeof(functions) / sizeof(functions[0]); f++) {
		if (!same_name(functions[f].name, name) || sig_nargs(functions[f].args) != n)
			continue;
		n_cand++;
		int exact = 0, pref = 0;
		bool fits = true;
		for (size_t i = 0; i < n && fits; i++) {
			const char *p = sig_arg(functions[f].args, i, buf, sizeof(buf));
			const char *t = types[i];
			if (!p || !t || t == plumb__pg_unknown_type)
				continue;
			if (strcmp(t, p) == 0)
				exact++;
			else if (!plumb__pg_implicit_cast(t, p))
				fits = false;
			else if (plumb__pg_type_preferred(p) && plumb__pg_type_category(p) == plumb__pg_type_category(t))
				pref++;
		}
		if (!fits)
			continue;
		/* most exact matches, then most preferred types where converted */
		if (exact > best_exact || (exact == best_exact && pref > best_pref)) {
			best = (int)f;
			best_exact = exact;
			best_pref = pref;
			n_best = 1;
		} else if (exact == best_exact && pref == best_pref) {
			n_best++;
		}
	}
	if (n_best != 1 || (untyped && n_cand > 1))
		return -1;
	return best;
}

/* What pick gave, by name and argument types: a schema's CHECKs and
 * defaults compare the same types with the same operators table after
 * table. Direct-mapped, one per thread (the schema and a replay are read
 * at once). */
enum { MEMO = 512, MEMO_KEY = 96 };
typedef struct memo {
	char key[MEMO_KEY];
	size_t len; /* 0 when empty */
	int picked;
} memo;
static _Thread_local memo memos[MEMO];

/* name(types) as a memo's key, each part ended by a NUL (which no name
 * holds): the name, then per argument N (no type), U (a string literal)
 * or T and the type's name; false when it does not fit. */
static bool memo_key(const char *name, const char **types, size_t n, char *key, size_t *len)
{
	size_t at = strlen(name) + 1;
	if (at > MEMO_KEY)
		return false;
	memcpy(key, name, at);
	for (size_t i = 0; i < n; i++) {
		const char *t = types[i] && types[i] != plumb__pg_unknown_type ? types[i] : "";
		size_t tl = strlen(t) + 1;
		if (at + 1 + tl > MEMO_KEY)
			return false;
		key[at++] = !types[i] ? 'N' : types[i] == plumb__pg_unknown_type ? 'U' : 'T';
		memcpy(key + at, t, tl);
		at += tl;
	}
	*len = at;
	return true;
}

int plumb__pg_pick_function(const char *name, const char **types, size_t n)
{
	char key[MEMO_KEY];
	size_t len;
	if (!memo_key(name, types, n, key, &len))
		return pick(name, types, n);
	uint64_t h = plumb_fnv1a(key, len);
	memo *m = &memos[(h ^ (h >> 32)) & (MEMO - 1)];
	if (m->len != len || memcmp(m->key, key, len) != 0) {
		m->picked = pick(name, types, n);
		memcpy(m->key, key, len);
		m->len = len;
	}
	return m->picked;
}

const char *plumb__pg_function_ret(int k)
{
	return functions[k].ret;
}

const char *plumb__pg_function_arg(int k, size_t i, char *buf, size_t size)
{
	return sig_arg(functions[k].args, i, buf, size);
}
