/*
 * Canonical text of a type name, as format_type() prints it: aliases made
 * the catalog's names (int -> pg_catalog.int4), "public." and "pg_catalog."
 * dropped, array bounds made [], and the SQL spellings written back
 * (integer, character varying(10), timestamp(3) with time zone, interval day
 * to second). It knows no catalog: a user's type stays as it is written.
 * Casts and literals of a type are canon_expr.c's business.
 */
#include <assert.h>
#include <string.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/canon_norm.h"

static const struct {
	const char *alias, *name;
} type_aliases[] = {
	{"int", "int4"},	{"integer", "int4"},	{"int4", "int4"},
	{"bigint", "int8"},	{"int8", "int8"},	{"smallint", "int2"},
	{"int2", "int2"},	{"real", "float4"},	{"float4", "float4"},
	{"float8", "float8"},	{"bool", "bool"},	{"boolean", "bool"},
	{"varchar", "varchar"}, {"bpchar", "bpchar"},	{"decimal", "numeric"},
	{"numeric", "numeric"}, {"timestamp", "timestamp"}, {"timestamptz", "timestamptz"},
	{"time", "time"},	{"timetz", "timetz"},	{"interval", "interval"},
	{"bit", "bit"},		{"varbit", "varbit"},
};

static const char *type_alias(const char *s)
{
	for (size_t i = 0; i < sizeof(type_aliases) / sizeof(type_aliases[0]); i++)
		if (strcmp(type_aliases[i].alias, s) == 0)
			return type_aliases[i].name;
	return NULL;
}

/* The name pg_catalog.NAME an alias becomes, as two String nodes shared by
 * every tree that names the type (a schema of thousands of columns would
 * otherwise hold a copy for each): read-only memory, never written, as
 * a tree's names arrays already are not. */
#define STR(v) {PROTOBUF_C_MESSAGE_INIT(&pg_query__string__descriptor), (char *)(v)}
#define NODE(s) {PROTOBUF_C_MESSAGE_INIT(&pg_query__node__descriptor), PG_QUERY__NODE__NODE_STRING, {.string = (PgQuery__String *)&(s)}}
static const PgQuery__String catalog_str = STR("pg_catalog");
static const PgQuery__Node catalog_node = NODE(catalog_str);
static const PgQuery__String canon_str[] = {
	STR("int4"),	STR("int8"),	STR("int2"), STR("float4"),	 STR("float8"), STR("bool"),
	STR("varchar"), STR("bpchar"),	STR("numeric"), STR("timestamp"), STR("timestamptz"),
	STR("time"),	STR("timetz"),	STR("interval"), STR("bit"),	 STR("varbit"),
};
#define N_CANON (sizeof(canon_str) / sizeof(canon_str[0]))
static const PgQuery__Node canon_node[N_CANON] = {
	NODE(canon_str[0]),  NODE(canon_str[1]),  NODE(canon_str[2]),  NODE(canon_str[3]),
	NODE(canon_str[4]),  NODE(canon_str[5]),  NODE(canon_str[6]),  NODE(canon_str[7]),
	NODE(canon_str[8]),  NODE(canon_str[9]),  NODE(canon_str[10]), NODE(canon_str[11]),
	NODE(canon_str[12]), NODE(canon_str[13]), NODE(canon_str[14]), NODE(canon_str[15]),
};
#define NAMES(i) {(PgQuery__Node *)&catalog_node, (PgQuery__Node *)&canon_node[i]}
static PgQuery__Node *const canon_names[N_CANON][2] = {
	NAMES(0),  NAMES(1),  NAMES(2),	 NAMES(3),  NAMES(4),  NAMES(5),  NAMES(6),  NAMES(7),
	NAMES(8),  NAMES(9),  NAMES(10), NAMES(11), NAMES(12), NAMES(13), NAMES(14), NAMES(15),
};

static PgQuery__Node **canon_names_of(const char *canon)
{
	for (size_t i = 0; i < N_CANON; i++)
		if (strcmp(canon_str[i].sval, canon) == 0)
			return (PgQuery__Node **)canon_names[i];
	return NULL;
}

void plumb__pg_norm_type(PgQuery__TypeName *tn)
{
	if (!tn)
		return;
	if (tn->n_names == 2 && (str_is(tn->names[0], "public") || str_is(tn->names[0], "pg_catalog"))) {
		bool cat = str_is(tn->names[0], "pg_catalog");
		tn->names++; /* the array may be shared: never written */
		tn->n_names = 1;
		if (!cat || !type_alias(plumb__pg_strval(tn->names[0])))
			goto bounds;
		/* a catalog name that is also an alias: fall through */
	}
	if (tn->n_names == 1 && plumb__pg_strval(tn->names[0])) {
		const char *canon = type_alias(plumb__pg_strval(tn->names[0]));
		if (canon) {
			PgQuery__Node **names = canon_names_of(canon);
			assert(names); /* every alias's name is in canon_str */
			if (!names)
				return;
			tn->names = names;
			tn->n_names = 2;
		}
	}
bounds:
	if (tn->n_array_bounds > 1)
		tn->n_array_bounds = 1;
	if (tn->n_array_bounds == 1) {
		PgQuery__Node *b = tn->array_bounds[0];
		if (b && b->node_case == PG_QUERY__NODE__NODE_INTEGER)
			b->integer->ival = -1;
	}
	tn->location = 0;
}

static void put_typmods(plumb_buf *b, const PgQuery__TypeName *tn, size_t from)
{
	if (tn->n_typmods <= from)
		return;
	plumb_buf_putc(b, '(');
	for (size_t i = from; i < tn->n_typmods; i++) {
		long v;
		const PgQuery__Node *m = tn->typmods[i];
		if (i > from)
			plumb_buf_putc(b, ',');
		if (typmod_int(m, &v))
			plumb_buf_printf(b, "%ld", v);
		else if (m && m->node_case == PG_QUERY__NODE__NODE_A_CONST &&
			 m->a_const->val_case == PG_QUERY__A__CONST__VAL_SVAL)
			plumb_buf_puts(b, m->a_const->sval->sval);
		else if (m && m->node_case == PG_QUERY__NODE__NODE_A_CONST &&
			 m->a_const->val_case == PG_QUERY__A__CONST__VAL_FVAL)
			plumb_buf_puts(b, m->a_const->fval->fval);
		else if (m && m->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
			 m->column_ref->n_fields == 1 && plumb__pg_strval(m->column_ref->fields[0]))
			plumb_buf_puts(b, plumb__pg_strval(m->column_ref->fields[0]));
	}
	plumb_buf_putc(b, ')');
}

static void put_interval(plumb_buf *b, const PgQuery__TypeName *tn)
{
	long range = 0x7FFF, prec = -1;
	if (tn->n_typmods >= 1)
		typmod_int(tn->typmods[0], &range);
	if (tn->n_typmods >= 2)
		typmod_int(tn->typmods[1], &prec);
	static const struct {
		long mask;
		const char *text;
	} fields[] = {
		{1 << 2, " year"},
		{1 << 1, " month"},
		{1 << 3, " day"},
		{1 << 10, " hour"},
		{1 << 11, " minute"},
		{1 << 12, " second"},
		{(1 << 2) | (1 << 1), " year to month"},
		{(1 << 3) | (1 << 10), " day to hour"},
		{(1 << 3) | (1 << 10) | (1 << 11), " day to minute"},
		{(1 << 3) | (1 << 10) | (1 << 11) | (1 << 12), " day to second"},
		{(1 << 10) | (1 << 11), " hour to minute"},
		{(1 << 10) | (1 << 11) | (1 << 12), " hour to second"},
		{(1 << 11) | (1 << 12), " minute to second"},
	};
	plumb_buf_puts(b, "interval");
	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++)
		if (fields[i].mask == range)
			plumb_buf_puts(b, fields[i].text);
	if (prec >= 0 && prec != 0xFFFF)
		plumb_buf_printf(b, "(%ld)", prec);
}

static void put_type(plumb_buf *b, const PgQuery__TypeName *tn)
{
	const char *c = catalog_type(tn);
	bool cat = tn->n_names == 2 && c;
	const char *plain = NULL, *tz = NULL;
	if (cat) {
		if (strcmp(c, "int4") == 0)
			plain = "integer";
		else if (strcmp(c, "int8") == 0)
			plain = "bigint";
		else if (strcmp(c, "int2") == 0)
			plain = "smallint";
		else if (strcmp(c, "float4") == 0)
			plain = "real";
		else if (strcmp(c, "float8") == 0)
			plain = "double precision";
		else if (strcmp(c, "bool") == 0)
			plain = "boolean";
		else if (strcmp(c, "timestamp") == 0 || strcmp(c, "time") == 0)
			tz = " without time zone";
		else if (strcmp(c, "timestamptz") == 0 || strcmp(c, "timetz") == 0)
			tz = " with time zone";
	}
	if (plain) {
		plumb_buf_puts(b, plain);
	} else if (tz) {
		plumb_buf_puts(b, c[4] == 's' ? "timestamp" : "time");
		put_typmods(b, tn, 0);
		plumb_buf_puts(b, tz);
	} else if (cat && strcmp(c, "varchar") == 0) {
		plumb_buf_puts(b, "character varying");
		put_typmods(b, tn, 0);
	} else if (cat && strcmp(c, "bpchar") == 0) {
		plumb_buf_puts(b, tn->n_typmods ? "character" : "bpchar");
		put_typmods(b, tn, 0);
	} else if (cat && strcmp(c, "varbit") == 0) {
		plumb_buf_puts(b, "bit varying");
		put_typmods(b, tn, 0);
	} else if (cat && strcmp(c, "interval") == 0) {
		put_interval(b, tn);
	} else if (cat && strcmp(c, "numeric") == 0 && tn->n_typmods == 1) {
		long p;
		plumb_buf_puts(b, "numeric");
		if (typmod_int(tn->typmods[0], &p))
			plumb_buf_printf(b, "(%ld,0)", p);
	} else {
		/* numeric, bit and every other name as it is */
		if (cat) {
			plumb_buf_puts(b, c);
			put_typmods(b, tn, 0);
			goto array;
		}
		for (size_t i = 0; i < tn->n_names; i++) {
			const char *s = plumb__pg_strval(tn->names[i]);
			if (i)
				plumb_buf_putc(b, '.');
			if (!s)
				continue;
			if (plumb__pg_ident_needs_quotes(s))
				plumb_buf_quote_ident(b, s);
			else
				plumb_buf_puts(b, s);
		}
		put_typmods(b, tn, 0);
	}
array:
	if (tn->n_array_bounds)
		plumb_buf_puts(b, "[]");
}

int plumb__pg_type_text(plumb_ctx *ctx, plumb_arena *arena, PgQuery__TypeName *tn, char **out)
{
	plumb_buf b;
	plumb__pg_norm_type(tn);
	plumb_buf_init(&b, arena, 0);
	if (tn->pct_type) {
		/* %TYPE: kept as written */
		for (size_t i = 0; i < tn->n_names; i++)
			plumb_buf_printf(&b, "%s%s", i ? "." : "", plumb__pg_strval(tn->names[i]));
		plumb_buf_puts(&b, "%TYPE");
	} else {
		put_type(&b, tn);
	}
	if (plumb_buf_finish(&b, ctx) < 0)
		return PLUMB_ENOMEM;
	*out = b.data;
	return 0;
}
