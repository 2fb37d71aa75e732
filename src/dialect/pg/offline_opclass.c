/*
 * Operator classes of index keys offline, as pg_get_indexdef prints them:
 * an operator class that is the default for its column's type under the
 * index's access method is left out (GetDefaultOpClass's rule: the type
 * itself, else the polymorphic or binary-coercible type it matches), and
 * one of an extension created outside public, written bare, is qualified
 * with the extension's schema. It knows the built-in classes and those of
 * the common extensions (pg_trgm, citext, btree_gist, btree_gin, hstore,
 * ltree, cube, intarray, pgvector), as their scripts create them, and
 * those the schema creates (offline_opfamily.c); a class it does not know,
 * or a key that is an expression, stays as written.
 * A bare name is pg_catalog's where it has a class of that name, as the
 * server resolves it. Canon (canon_stmt.c) then drops the pg_catalog
 * qualifier, and public's where no class of pg_catalog takes the name.
 */
#include <string.h>

#include "dialect/pg/offline_int.h"
#include "dialect/pg/opclass.h"

/* The extensions whose operator classes are known; their index is the
 * slot of ox.ext_schema that holds the schema each was created in. */
enum {
	BUILTIN = -1,
	E_BTREE_GIN,
	E_BTREE_GIST,
	E_CITEXT,
	E_CUBE,
	E_HSTORE,
	E_INTARRAY,
	E_LTREE,
	E_PG_TRGM,
	E_VECTOR,
	N_EXTS
};
_Static_assert(N_EXTS <= OPC_EXTS, "ox.ext_schema holds every known extension");

static const char *const ext_names[N_EXTS] = {"btree_gin", "btree_gist", "citext",
					      "cube",	   "hstore",	 "intarray",
					      "ltree",	   "pg_trgm",	 "vector"};

typedef struct opc {
	int ext;	  /* an index of ext_names, or BUILTIN (pg_catalog) */
	const char *am;	  /* access method */
	const char *type; /* opcintype as format_type prints it, unqualified */
	const char *name;
	bool dflt; /* DEFAULT FOR TYPE */
} opc;

/* The default classes of pg_catalog (PostgreSQL 15) and every class of the
 * extensions, read from pg_opclass after CREATE EXTENSION (pgvector from
 * its sql/vector.sql). */
static const opc opcs[] = {
	{BUILTIN, "brin", "\"char\"", "char_minmax_ops", true},
	{BUILTIN, "brin", "anyrange", "range_inclusion_ops", true},
	{BUILTIN, "brin", "bigint", "int8_minmax_ops", true},
	{BUILTIN, "brin", "bit", "bit_minmax_ops", true},
	{BUILTIN, "brin", "bit varying", "varbit_minmax_ops", true},
	{BUILTIN, "brin", "box", "box_inclusion_ops", true},
	{BUILTIN, "brin", "bytea", "bytea_minmax_ops", true},
	{BUILTIN, "brin", "character", "bpchar_minmax_ops", true},
	{BUILTIN, "brin", "date", "date_minmax_ops", true},
	{BUILTIN, "brin", "double precision", "float8_minmax_ops", true},
	{BUILTIN, "brin", "inet", "inet_inclusion_ops", true},
	{BUILTIN, "brin", "integer", "int4_minmax_ops", true},
	{BUILTIN, "brin", "interval", "interval_minmax_ops", true},
	{BUILTIN, "brin", "macaddr", "macaddr_minmax_ops", true},
	{BUILTIN, "brin", "macaddr8", "macaddr8_minmax_ops", true},
	{BUILTIN, "brin", "name", "name_minmax_ops", true},
	{BUILTIN, "brin", "numeric", "numeric_minmax_ops", true},
	{BUILTIN, "brin", "oid", "oid_minmax_ops", true},
	{BUILTIN, "brin", "pg_lsn", "pg_lsn_minmax_ops", true},
	{BUILTIN, "brin", "real", "float4_minmax_ops", true},
	{BUILTIN, "brin", "smallint", "int2_minmax_ops", true},
	{BUILTIN, "brin", "text", "text_minmax_ops", true},
	{BUILTIN, "brin", "tid", "tid_minmax_ops", true},
	{BUILTIN, "brin", "time with time zone", "timetz_minmax_ops", true},
	{BUILTIN, "brin", "time without time zone", "time_minmax_ops", true},
	{BUILTIN, "brin", "timestamp with time zone", "timestamptz_minmax_ops", true},
	{BUILTIN, "brin", "timestamp without time zone", "timestamp_minmax_ops", true},
	{BUILTIN, "brin", "uuid", "uuid_minmax_ops", true},
	{BUILTIN, "btree", "\"char\"", "char_ops", true},
	{BUILTIN, "btree", "anyarray", "array_ops", true},
	{BUILTIN, "btree", "anyenum", "enum_ops", true},
	{BUILTIN, "btree", "anymultirange", "multirange_ops", true},
	{BUILTIN, "btree", "anyrange", "range_ops", true},
	{BUILTIN, "btree", "bigint", "int8_ops", true},
	{BUILTIN, "btree", "bit", "bit_ops", true},
	{BUILTIN, "btree", "bit varying", "varbit_ops", true},
	{BUILTIN, "btree", "boolean", "bool_ops", true},
	{BUILTIN, "btree", "bytea", "bytea_ops", true},
	{BUILTIN, "btree", "character", "bpchar_ops", true},
	{BUILTIN, "btree", "date", "date_ops", true},
	{BUILTIN, "btree", "double precision", "float8_ops", true},
	{BUILTIN, "btree", "inet", "inet_ops", true},
	{BUILTIN, "btree", "integer", "int4_ops", true},
	{BUILTIN, "btree", "interval", "interval_ops", true},
	{BUILTIN, "btree", "jsonb", "jsonb_ops", true},
	{BUILTIN, "btree", "macaddr", "macaddr_ops", true},
	{BUILTIN, "btree", "macaddr8", "macaddr8_ops", true},
	{BUILTIN, "btree", "money", "money_ops", true},
	{BUILTIN, "btree", "name", "name_ops", true},
	{BUILTIN, "btree", "numeric", "numeric_ops", true},
	{BUILTIN, "btree", "oid", "oid_ops", true},
	{BUILTIN, "btree", "oidvector", "oidvector_ops", true},
	{BUILTIN, "btree", "pg_lsn", "pg_lsn_ops", true},
	{BUILTIN, "btree", "real", "float4_ops", true},
	{BUILTIN, "btree", "record", "record_ops", true},
	{BUILTIN, "btree", "smallint", "int2_ops", true},
	{BUILTIN, "btree", "text", "text_ops", true},
	{BUILTIN, "btree", "tid", "tid_ops", true},
	{BUILTIN, "btree", "time with time zone", "timetz_ops", true},
	{BUILTIN, "btree", "time without time zone", "time_ops", true},
	{BUILTIN, "btree", "timestamp with time zone", "timestamptz_ops", true},
	{BUILTIN, "btree", "timestamp without time zone", "timestamp_ops", true},
	{BUILTIN, "btree", "tsquery", "tsquery_ops", true},
	{BUILTIN, "btree", "tsvector", "tsvector_ops", true},
	{BUILTIN, "btree", "uuid", "uuid_ops", true},
	{BUILTIN, "btree", "xid8", "xid8_ops", true},
	{BUILTIN, "gin", "anyarray", "array_ops", true},
	{BUILTIN, "gin", "jsonb", "jsonb_ops", true},
	{BUILTIN, "gin", "tsvector", "tsvector_ops", true},
	{BUILTIN, "gist", "anymultirange", "multirange_ops", true},
	{BUILTIN, "gist", "anyrange", "range_ops", true},
	{BUILTIN, "gist", "box", "box_ops", true},
	{BUILTIN, "gist", "circle", "circle_ops", true},
	{BUILTIN, "gist", "point", "point_ops", true},
	{BUILTIN, "gist", "polygon", "poly_ops", true},
	{BUILTIN, "gist", "tsquery", "tsquery_ops", true},
	{BUILTIN, "gist", "tsvector", "tsvector_ops", true},
	{BUILTIN, "hash", "\"char\"", "char_ops", true},
	{BUILTIN, "hash", "aclitem", "aclitem_ops", true},
	{BUILTIN, "hash", "anyarray", "array_ops", true},
	{BUILTIN, "hash", "anyenum", "enum_ops", true},
	{BUILTIN, "hash", "anymultirange", "multirange_ops", true},
	{BUILTIN, "hash", "anyrange", "range_ops", true},
	{BUILTIN, "hash", "bigint", "int8_ops", true},
	{BUILTIN, "hash", "boolean", "bool_ops", true},
	{BUILTIN, "hash", "bytea", "bytea_ops", true},
	{BUILTIN, "hash", "character", "bpchar_ops", true},
	{BUILTIN, "hash", "cid", "cid_ops", true},
	{BUILTIN, "hash", "date", "date_ops", true},
	{BUILTIN, "hash", "double precision", "float8_ops", true},
	{BUILTIN, "hash", "inet", "inet_ops", true},
	{BUILTIN, "hash", "integer", "int4_ops", true},
	{BUILTIN, "hash", "interval", "interval_ops", true},
	{BUILTIN, "hash", "jsonb", "jsonb_ops", true},
	{BUILTIN, "hash", "macaddr", "macaddr_ops", true},
	{BUILTIN, "hash", "macaddr8", "macaddr8_ops", true},
	{BUILTIN, "hash", "name", "name_ops", true},
	{BUILTIN, "hash", "numeric", "numeric_ops", true},
	{BUILTIN, "hash", "oid", "oid_ops", true},
	{BUILTIN, "hash", "oidvector", "oidvector_ops", true},
	{BUILTIN, "hash", "pg_lsn", "pg_lsn_ops", true},
	{BUILTIN, "hash", "real", "float4_ops", true},
	{BUILTIN, "hash", "record", "record_ops", true},
	{BUILTIN, "hash", "smallint", "int2_ops", true},
	{BUILTIN, "hash", "text", "text_ops", true},
	{BUILTIN, "hash", "tid", "tid_ops", true},
	{BUILTIN, "hash", "time with time zone", "timetz_ops", true},
	{BUILTIN, "hash", "time without time zone", "time_ops", true},
	{BUILTIN, "hash", "timestamp with time zone", "timestamptz_ops", true},
	{BUILTIN, "hash", "timestamp without time zone", "timestamp_ops", true},
	{BUILTIN, "hash", "uuid", "uuid_ops", true},
	{BUILTIN, "hash", "xid", "xid_ops", true},
	{BUILTIN, "hash", "xid8", "xid8_ops", true},
	{BUILTIN, "spgist", "anyrange", "range_ops", true},
	{BUILTIN, "spgist", "box", "box_ops", true},
	{BUILTIN, "spgist", "inet", "inet_ops", true},
	{BUILTIN, "spgist", "point", "quad_point_ops", true},
	{BUILTIN, "spgist", "polygon", "poly_ops", true},
	{BUILTIN, "spgist", "text", "text_ops", true},
	{E_BTREE_GIN, "gin", "\"char\"", "char_ops", true},
	{E_BTREE_GIN, "gin", "anyenum", "enum_ops", true},
	{E_BTREE_GIN, "gin", "bigint", "int8_ops", true},
	{E_BTREE_GIN, "gin", "bit", "bit_ops", true},
	{E_BTREE_GIN, "gin", "bit varying", "varbit_ops", true},
	{E_BTREE_GIN, "gin", "boolean", "bool_ops", true},
	{E_BTREE_GIN, "gin", "bytea", "bytea_ops", true},
	{E_BTREE_GIN, "gin", "character", "bpchar_ops", true},
	{E_BTREE_GIN, "gin", "character varying", "varchar_ops", true},
	{E_BTREE_GIN, "gin", "cidr", "cidr_ops", true},
	{E_BTREE_GIN, "gin", "date", "date_ops", true},
	{E_BTREE_GIN, "gin", "double precision", "float8_ops", true},
	{E_BTREE_GIN, "gin", "inet", "inet_ops", true},
	{E_BTREE_GIN, "gin", "integer", "int4_ops", true},
	{E_BTREE_GIN, "gin", "interval", "interval_ops", true},
	{E_BTREE_GIN, "gin", "macaddr", "macaddr_ops", true},
	{E_BTREE_GIN, "gin", "macaddr8", "macaddr8_ops", true},
	{E_BTREE_GIN, "gin", "money", "money_ops", true},
	{E_BTREE_GIN, "gin", "name", "name_ops", true},
	{E_BTREE_GIN, "gin", "numeric", "numeric_ops", true},
	{E_BTREE_GIN, "gin", "oid", "oid_ops", true},
	{E_BTREE_GIN, "gin", "real", "float4_ops", true},
	{E_BTREE_GIN, "gin", "smallint", "int2_ops", true},
	{E_BTREE_GIN, "gin", "text", "text_ops", true},
	{E_BTREE_GIN, "gin", "time with time zone", "timetz_ops", true},
	{E_BTREE_GIN, "gin", "time without time zone", "time_ops", true},
	{E_BTREE_GIN, "gin", "timestamp with time zone", "timestamptz_ops", true},
	{E_BTREE_GIN, "gin", "timestamp without time zone", "timestamp_ops", true},
	{E_BTREE_GIN, "gin", "uuid", "uuid_ops", true},
	{E_BTREE_GIST, "gist", "anyenum", "gist_enum_ops", true},
	{E_BTREE_GIST, "gist", "bigint", "gist_int8_ops", true},
	{E_BTREE_GIST, "gist", "bit", "gist_bit_ops", true},
	{E_BTREE_GIST, "gist", "bit varying", "gist_vbit_ops", true},
	{E_BTREE_GIST, "gist", "boolean", "gist_bool_ops", true},
	{E_BTREE_GIST, "gist", "bytea", "gist_bytea_ops", true},
	{E_BTREE_GIST, "gist", "character", "gist_bpchar_ops", true},
	{E_BTREE_GIST, "gist", "cidr", "gist_cidr_ops", true},
	{E_BTREE_GIST, "gist", "date", "gist_date_ops", true},
	{E_BTREE_GIST, "gist", "double precision", "gist_float8_ops", true},
	{E_BTREE_GIST, "gist", "inet", "gist_inet_ops", true},
	{E_BTREE_GIST, "gist", "integer", "gist_int4_ops", true},
	{E_BTREE_GIST, "gist", "interval", "gist_interval_ops", true},
	{E_BTREE_GIST, "gist", "macaddr", "gist_macaddr_ops", true},
	{E_BTREE_GIST, "gist", "macaddr8", "gist_macaddr8_ops", true},
	{E_BTREE_GIST, "gist", "money", "gist_cash_ops", true},
	{E_BTREE_GIST, "gist", "numeric", "gist_numeric_ops", true},
	{E_BTREE_GIST, "gist", "oid", "gist_oid_ops", true},
	{E_BTREE_GIST, "gist", "real", "gist_float4_ops", true},
	{E_BTREE_GIST, "gist", "smallint", "gist_int2_ops", true},
	{E_BTREE_GIST, "gist", "text", "gist_text_ops", true},
	{E_BTREE_GIST, "gist", "time with time zone", "gist_timetz_ops", true},
	{E_BTREE_GIST, "gist", "time without time zone", "gist_time_ops", true},
	{E_BTREE_GIST, "gist", "timestamp with time zone", "gist_timestamptz_ops", true},
	{E_BTREE_GIST, "gist", "timestamp without time zone", "gist_timestamp_ops", true},
	{E_BTREE_GIST, "gist", "uuid", "gist_uuid_ops", true},
	{E_CITEXT, "btree", "citext", "citext_ops", true},
	{E_CITEXT, "btree", "citext", "citext_pattern_ops", false},
	{E_CITEXT, "hash", "citext", "citext_ops", true},
	{E_CUBE, "btree", "cube", "cube_ops", true},
	{E_CUBE, "gist", "cube", "gist_cube_ops", true},
	{E_HSTORE, "btree", "hstore", "btree_hstore_ops", true},
	{E_HSTORE, "gin", "hstore", "gin_hstore_ops", true},
	{E_HSTORE, "gist", "hstore", "gist_hstore_ops", true},
	{E_HSTORE, "hash", "hstore", "hash_hstore_ops", true},
	{E_INTARRAY, "gin", "integer[]", "gin__int_ops", false},
	{E_INTARRAY, "gist", "integer[]", "gist__int_ops", true},
	{E_INTARRAY, "gist", "integer[]", "gist__intbig_ops", false},
	{E_LTREE, "btree", "ltree", "ltree_ops", true},
	{E_LTREE, "gist", "ltree", "gist_ltree_ops", true},
	{E_LTREE, "gist", "ltree[]", "gist__ltree_ops", true},
	{E_PG_TRGM, "gin", "text", "gin_trgm_ops", false},
	{E_PG_TRGM, "gist", "text", "gist_trgm_ops", false},
	{E_VECTOR, "btree", "vector", "vector_ops", true},
	{E_VECTOR, "ivfflat", "vector", "vector_l2_ops", true},
	{E_VECTOR, "ivfflat", "vector", "vector_ip_ops", false},
	{E_VECTOR, "ivfflat", "vector", "vector_cosine_ops", false},
	{E_VECTOR, "hnsw", "vector", "vector_l2_ops", false},
	{E_VECTOR, "hnsw", "vector", "vector_ip_ops", false},
	{E_VECTOR, "hnsw", "vector", "vector_cosine_ops", false},
};

#define N_OPCS (sizeof(opcs) / sizeof(opcs[0]))

void note_extension(ox *x, const char *name, const char *schema)
{
	for (int i = 0; i < N_EXTS; i++)
		if (strcmp(ext_names[i], name) == 0)
			x->ext_schema[i] = schema;
}

/* The schema class c is in, or NULL when its extension is not created. */
static const char *opc_schema(const ox *x, const opc *c)
{
	return c->ext == BUILTIN ? "pg_catalog" : x->ext_schema[c->ext];
}

/* The class a key names under access method am: schema.name, or a bare
 * name looked up as the search path would (pg_catalog first). */
static const opc *named(const ox *x, const char *am, const char *schema, const char *name)
{
	const opc *found = NULL;
	for (size_t i = 0; i < N_OPCS; i++) {
		const opc *c = &opcs[i];
		const char *s = opc_schema(x, c);
		if (!s || strcmp(c->am, am) != 0 || strcmp(c->name, name) != 0 ||
		    (schema && strcmp(schema, s) != 0))
			continue;
		if (c->ext == BUILTIN)
			return c;
		found = found ? found : c;
	}
	return found;
}

/* The default class of access method am for the type written type (as
 * format_type prints it, typmods gone), when one is known. */
static const opc *default_for(const ox *x, const char *am, const char *type)
{
	for (size_t i = 0; i < N_OPCS; i++) {
		const opc *c = &opcs[i];
		const char *s = opc_schema(x, c);
		if (!c->dflt || !s || strcmp(c->am, am) != 0)
			continue;
		/* an extension's type is qualified outside public */
		size_t n = strlen(s);
		const char *t = type;
		if (c->ext != BUILTIN && strcmp(s, "public") != 0) {
			if (strncmp(t, s, n) != 0 || t[n] != '.')
				continue;
			t += n + 1;
		}
		if (strcmp(t, c->type) == 0)
			return c;
	}
	return NULL;
}

/* The type the server looks for when type has no default class of its
 * own: the polymorphic type it matches, or the binary-coercible one its
 * category prefers; NULL when none. */
static const char *fallback_type(ox *x, const char *type)
{
	static const char *const coercible[][2] = {{"character varying", "text"},
						   {"cidr", "inet"},
						   {"int4range", "anyrange"},
						   {"int8range", "anyrange"},
						   {"numrange", "anyrange"},
						   {"tsrange", "anyrange"},
						   {"tstzrange", "anyrange"},
						   {"daterange", "anyrange"},
						   {"int4multirange", "anymultirange"},
						   {"int8multirange", "anymultirange"},
						   {"nummultirange", "anymultirange"},
						   {"tsmultirange", "anymultirange"},
						   {"tstzmultirange", "anymultirange"},
						   {"datemultirange", "anymultirange"}};
	size_t n = strlen(type);
	if (n > 2 && strcmp(type + n - 2, "[]") == 0)
		return "anyarray";
	for (size_t i = 0; i < sizeof(coercible) / sizeof(coercible[0]); i++)
		if (strcmp(type, coercible[i][0]) == 0)
			return coercible[i][1];
	const char *dot = strchr(type, '.');
	const char *schema = dot ? fmt(x, "%.*s", (int)(dot - type), type) : "public";
	if (schema && find_object(x, PLUMB_OBJ_ENUM, schema, dot ? dot + 1 : type))
		return "anyenum";
	return NULL;
}

/* A column's type as GetDefaultOpClass sees it: typmods gone, serial
 * kinds as their integer types. */
static const char *key_type(ox *x, const char *type)
{
	static const char *const serials[][2] = {
		{"serial", "integer"}, {"bigserial", "bigint"}, {"smallserial", "smallint"}};
	for (size_t i = 0; i < sizeof(serials) / sizeof(serials[0]); i++)
		if (strcmp(type, serials[i][0]) == 0)
			return serials[i][1];
	char *base = plumb_arena_alloc(x->tmp, strlen(type) + 1);
	if (!base) {
		nomem(x);
		return type;
	}
	plumb__pg_type_base(type, base, strlen(type) + 1);
	return base;
}

bool builtin_default_opclass(ox *x, const char *am, const char *type)
{
	return default_for(x, am, type) != NULL;
}

void index_opclass(ox *x, plumb_table *t, const char *am, PgQuery__IndexElem *e)
{
	if (!t || !e->n_opclass || e->n_opclass > 2 || empty(e->name))
		return;
	const char *schema = e->n_opclass == 2 ? plumb__pg_strval(e->opclass[0]) : NULL;
	const char *name = plumb__pg_strval(e->opclass[e->n_opclass - 1]);
	plumb_column *col = find_column(t, e->name);
	/* a class of the schema's own: left out when the default for the
	 * column's type. Written bare, the name is pg_catalog's when it has a
	 * class of that name (first in the search path), else public's. */
	const char *cam = !empty(am) ? am : "btree";
	bool catalog = !schema && name && plumb__pg_opc_builtin(false, cam, name);
	const plumb_object *uc =
		name && !catalog ? find_object(x, PLUMB_OBJ_OPCLASS, schema ? schema : "public",
					       fmt(x, "%s USING %s", name, cam))
				 : NULL;
	if (uc) {
		const char *type = col && col->type ? key_type(x, col->type) : NULL;
		const char *d = type ? fmt(x, " DEFAULT FOR TYPE %s USING ", type) : NULL;
		if (d && uc->definition && strstr(uc->definition, d) && !e->n_opclassopts)
			e->n_opclass = 0;
		return;
	}
	const opc *c =
		name && col && col->type ? named(x, !empty(am) ? am : "btree", schema, name) : NULL;
	if (!c)
		return;
	const char *type = key_type(x, col->type);
	const opc *d = type ? default_for(x, c->am, type) : NULL;
	const char *fb = type && !d ? fallback_type(x, type) : NULL;
	if (fb)
		d = default_for(x, c->am, fb);
	/* with options the server prints the class, default or not */
	if (d == c && !e->n_opclassopts) {
		e->n_opclass = 0;
		return;
	}
	const char *s = opc_schema(x, c);
	if (!schema && c->ext != BUILTIN && strcmp(s, "public") != 0) {
		PgQuery__Node **q = plumb_arena_alloc(x->st.arena, 2 * sizeof(*q));
		if (!q || !(q[0] = plumb__pg_string(x->st.arena, s))) {
			nomem(x);
			return;
		}
		q[1] = e->opclass[0];
		e->opclass = q;
		e->n_opclass = 2;
	}
}
