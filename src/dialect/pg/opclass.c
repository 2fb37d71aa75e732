/*
 * The canonical texts of operator families and classes (opclass.h): both
 * PostgreSQL builders call it with the fields they read, so that equal
 * objects have equal texts. It neither parses nor resolves a name.
 */
#include "dialect/pg/opclass.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/pg.h"

static bool builtin(const char *schema)
{
	return !schema || strcmp(schema, "public") == 0 || strcmp(schema, "pg_catalog") == 0;
}

char *plumb__pg_opc_name(plumb_arena *arena, const char *name, const char *am)
{
	return plumb_arena_printf(arena, "%s USING %s", name, am);
}

bool plumb__pg_opc_split(plumb_arena *arena, const char *name, const char **base,
			 const char **am)
{
	const char *u = NULL;
	for (const char *s = strstr(name, " USING "); s; s = strstr(s + 1, " USING "))
		u = s;
	if (!u)
		return false;
	*base = plumb_arena_strndup(arena, name, (size_t)(u - name));
	*am = u + 7;
	return *base != NULL;
}

/* pg_catalog's operator classes and families (PostgreSQL 15), "am name",
 * in strcmp order for bsearch. */
/* clang-format off */
static const char *const builtin_classes[] = {
	"brin bit_minmax_ops", "brin box_inclusion_ops", "brin bpchar_bloom_ops",
	"brin bpchar_minmax_ops", "brin bytea_bloom_ops", "brin bytea_minmax_ops",
	"brin char_bloom_ops", "brin char_minmax_ops", "brin date_bloom_ops",
	"brin date_minmax_multi_ops", "brin date_minmax_ops", "brin float4_bloom_ops",
	"brin float4_minmax_multi_ops", "brin float4_minmax_ops", "brin float8_bloom_ops",
	"brin float8_minmax_multi_ops", "brin float8_minmax_ops", "brin inet_bloom_ops",
	"brin inet_inclusion_ops", "brin inet_minmax_multi_ops", "brin inet_minmax_ops",
	"brin int2_bloom_ops", "brin int2_minmax_multi_ops", "brin int2_minmax_ops",
	"brin int4_bloom_ops", "brin int4_minmax_multi_ops", "brin int4_minmax_ops",
	"brin int8_bloom_ops", "brin int8_minmax_multi_ops", "brin int8_minmax_ops",
	"brin interval_bloom_ops", "brin interval_minmax_multi_ops", "brin interval_minmax_ops",
	"brin macaddr8_bloom_ops", "brin macaddr8_minmax_multi_ops", "brin macaddr8_minmax_ops",
	"brin macaddr_bloom_ops", "brin macaddr_minmax_multi_ops", "brin macaddr_minmax_ops",
	"brin name_bloom_ops", "brin name_minmax_ops", "brin numeric_bloom_ops",
	"brin numeric_minmax_multi_ops", "brin numeric_minmax_ops", "brin oid_bloom_ops",
	"brin oid_minmax_multi_ops", "brin oid_minmax_ops", "brin pg_lsn_bloom_ops",
	"brin pg_lsn_minmax_multi_ops", "brin pg_lsn_minmax_ops", "brin range_inclusion_ops",
	"brin text_bloom_ops", "brin text_minmax_ops", "brin tid_bloom_ops",
	"brin tid_minmax_multi_ops", "brin tid_minmax_ops", "brin time_bloom_ops",
	"brin time_minmax_multi_ops", "brin time_minmax_ops", "brin timestamp_bloom_ops",
	"brin timestamp_minmax_multi_ops", "brin timestamp_minmax_ops",
	"brin timestamptz_bloom_ops", "brin timestamptz_minmax_multi_ops",
	"brin timestamptz_minmax_ops", "brin timetz_bloom_ops", "brin timetz_minmax_multi_ops",
	"brin timetz_minmax_ops", "brin uuid_bloom_ops", "brin uuid_minmax_multi_ops",
	"brin uuid_minmax_ops", "brin varbit_minmax_ops", "btree array_ops", "btree bit_ops",
	"btree bool_ops", "btree bpchar_ops", "btree bpchar_pattern_ops", "btree bytea_ops",
	"btree char_ops", "btree cidr_ops", "btree date_ops", "btree enum_ops", "btree float4_ops",
	"btree float8_ops", "btree inet_ops", "btree int2_ops", "btree int4_ops", "btree int8_ops",
	"btree interval_ops", "btree jsonb_ops", "btree macaddr8_ops", "btree macaddr_ops",
	"btree money_ops", "btree multirange_ops", "btree name_ops", "btree numeric_ops",
	"btree oid_ops", "btree oidvector_ops", "btree pg_lsn_ops", "btree range_ops",
	"btree record_image_ops", "btree record_ops", "btree text_ops", "btree text_pattern_ops",
	"btree tid_ops", "btree time_ops", "btree timestamp_ops", "btree timestamptz_ops",
	"btree timetz_ops", "btree tsquery_ops", "btree tsvector_ops", "btree uuid_ops",
	"btree varbit_ops", "btree varchar_ops", "btree varchar_pattern_ops", "btree xid8_ops",
	"gin array_ops", "gin jsonb_ops", "gin jsonb_path_ops", "gin tsvector_ops", "gist box_ops",
	"gist circle_ops", "gist inet_ops", "gist multirange_ops", "gist point_ops",
	"gist poly_ops", "gist range_ops", "gist tsquery_ops", "gist tsvector_ops",
	"hash aclitem_ops", "hash array_ops", "hash bool_ops", "hash bpchar_ops",
	"hash bpchar_pattern_ops", "hash bytea_ops", "hash char_ops", "hash cid_ops",
	"hash cidr_ops", "hash date_ops", "hash enum_ops", "hash float4_ops", "hash float8_ops",
	"hash inet_ops", "hash int2_ops", "hash int4_ops", "hash int8_ops", "hash interval_ops",
	"hash jsonb_ops", "hash macaddr8_ops", "hash macaddr_ops", "hash multirange_ops",
	"hash name_ops", "hash numeric_ops", "hash oid_ops", "hash oidvector_ops",
	"hash pg_lsn_ops", "hash range_ops", "hash record_ops", "hash text_ops",
	"hash text_pattern_ops", "hash tid_ops", "hash time_ops", "hash timestamp_ops",
	"hash timestamptz_ops", "hash timetz_ops", "hash uuid_ops", "hash varchar_ops",
	"hash varchar_pattern_ops", "hash xid8_ops", "hash xid_ops", "spgist box_ops",
	"spgist inet_ops", "spgist kd_point_ops", "spgist poly_ops", "spgist quad_point_ops",
	"spgist range_ops", "spgist text_ops",
};
static const char *const builtin_families[] = {
	"brin bit_minmax_ops", "brin box_inclusion_ops", "brin bpchar_bloom_ops",
	"brin bpchar_minmax_ops", "brin bytea_bloom_ops", "brin bytea_minmax_ops",
	"brin char_bloom_ops", "brin char_minmax_ops", "brin datetime_bloom_ops",
	"brin datetime_minmax_multi_ops", "brin datetime_minmax_ops", "brin float_bloom_ops",
	"brin float_minmax_multi_ops", "brin float_minmax_ops", "brin integer_bloom_ops",
	"brin integer_minmax_multi_ops", "brin integer_minmax_ops", "brin interval_bloom_ops",
	"brin interval_minmax_multi_ops", "brin interval_minmax_ops", "brin macaddr8_bloom_ops",
	"brin macaddr8_minmax_multi_ops", "brin macaddr8_minmax_ops", "brin macaddr_bloom_ops",
	"brin macaddr_minmax_multi_ops", "brin macaddr_minmax_ops", "brin name_bloom_ops",
	"brin name_minmax_ops", "brin network_bloom_ops", "brin network_inclusion_ops",
	"brin network_minmax_multi_ops", "brin network_minmax_ops", "brin numeric_bloom_ops",
	"brin numeric_minmax_multi_ops", "brin numeric_minmax_ops", "brin oid_bloom_ops",
	"brin oid_minmax_multi_ops", "brin oid_minmax_ops", "brin pg_lsn_bloom_ops",
	"brin pg_lsn_minmax_multi_ops", "brin pg_lsn_minmax_ops", "brin range_inclusion_ops",
	"brin text_bloom_ops", "brin text_minmax_ops", "brin tid_bloom_ops",
	"brin tid_minmax_multi_ops", "brin tid_minmax_ops", "brin time_bloom_ops",
	"brin time_minmax_multi_ops", "brin time_minmax_ops", "brin timetz_bloom_ops",
	"brin timetz_minmax_multi_ops", "brin timetz_minmax_ops", "brin uuid_bloom_ops",
	"brin uuid_minmax_multi_ops", "brin uuid_minmax_ops", "brin varbit_minmax_ops",
	"btree array_ops", "btree bit_ops", "btree bool_ops", "btree bpchar_ops",
	"btree bpchar_pattern_ops", "btree bytea_ops", "btree char_ops", "btree datetime_ops",
	"btree enum_ops", "btree float_ops", "btree integer_ops", "btree interval_ops",
	"btree jsonb_ops", "btree macaddr8_ops", "btree macaddr_ops", "btree money_ops",
	"btree multirange_ops", "btree network_ops", "btree numeric_ops", "btree oid_ops",
	"btree oidvector_ops", "btree pg_lsn_ops", "btree range_ops", "btree record_image_ops",
	"btree record_ops", "btree text_ops", "btree text_pattern_ops", "btree tid_ops",
	"btree time_ops", "btree timetz_ops", "btree tsquery_ops", "btree tsvector_ops",
	"btree uuid_ops", "btree varbit_ops", "btree xid8_ops", "gin array_ops", "gin jsonb_ops",
	"gin jsonb_path_ops", "gin tsvector_ops", "gist box_ops", "gist circle_ops",
	"gist multirange_ops", "gist network_ops", "gist point_ops", "gist poly_ops",
	"gist range_ops", "gist tsquery_ops", "gist tsvector_ops", "hash aclitem_ops",
	"hash array_ops", "hash bool_ops", "hash bpchar_ops", "hash bpchar_pattern_ops",
	"hash bytea_ops", "hash char_ops", "hash cid_ops", "hash date_ops", "hash enum_ops",
	"hash float_ops", "hash integer_ops", "hash interval_ops", "hash jsonb_ops",
	"hash macaddr8_ops", "hash macaddr_ops", "hash multirange_ops", "hash network_ops",
	"hash numeric_ops", "hash oid_ops", "hash oidvector_ops", "hash pg_lsn_ops",
	"hash range_ops", "hash record_ops", "hash text_ops", "hash text_pattern_ops",
	"hash tid_ops", "hash time_ops", "hash timestamp_ops", "hash timestamptz_ops",
	"hash timetz_ops", "hash uuid_ops", "hash xid8_ops", "hash xid_ops", "spgist box_ops",
	"spgist kd_point_ops", "spgist network_ops", "spgist poly_ops", "spgist quad_point_ops",
	"spgist range_ops", "spgist text_ops",
};

/* clang-format on */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

bool plumb__pg_opc_builtin(bool family, const char *am, const char *name)
{
	char key[2 * 64 + 2];
	const char *k = key;
	if (!am || !name || (size_t)snprintf(key, sizeof(key), "%s %s", am, name) >= sizeof(key))
		return false;
	return family ? bsearch(&k, builtin_families,
				sizeof(builtin_families) / sizeof(builtin_families[0]),
				sizeof(builtin_families[0]), cmp_str) != NULL
		      : bsearch(&k, builtin_classes,
				sizeof(builtin_classes) / sizeof(builtin_classes[0]),
				sizeof(builtin_classes[0]), cmp_str) != NULL;
}

char *plumb__pg_opc_ref(plumb_arena *arena, const char *schema, const char *name, const char *am)
{
	/* bare in public only where no family of pg_catalog's, first in the
	 * path, takes the name */
	bool shadowed =
		schema && strcmp(schema, "public") == 0 && plumb__pg_opc_builtin(true, am, name);
	return plumb__pg_qualified(arena, builtin(schema) && !shadowed ? NULL : schema, name);
}

char *plumb__pg_opc_oper_ref(plumb_arena *arena, const char *schema, const char *name)
{
	if (builtin(schema))
		return plumb_arena_strdup(arena, name);
	char *s = plumb_quote_ident(arena, schema);
	return s ? plumb_arena_printf(arena, "%s.%s", s, name) : NULL;
}

char *plumb__pg_opmember_text(plumb_arena *arena, const plumb_pg_opmember *m)
{
	if (m->kind == 'o')
		return plumb_arena_printf(arena, "OPERATOR %d %s (%s, %s)%s%s", m->number, m->ref,
					  m->left, m->right, m->sortfamily ? " FOR ORDER BY " : "",
					  m->sortfamily ? m->sortfamily : "");
	return plumb_arena_printf(arena, "FUNCTION %d (%s, %s) %s", m->number, m->left, m->right,
				  m->ref);
}

char *plumb__pg_opmember_drop(plumb_arena *arena, const plumb_pg_opmember *m)
{
	return plumb_arena_printf(arena, "%s %d (%s, %s)", m->kind == 'o' ? "OPERATOR" : "FUNCTION",
				  m->number, m->left, m->right);
}

static int cmp_member(const void *pa, const void *pb)
{
	const plumb_pg_opmember *a = pa, *b = pb;
	if (a->kind != b->kind)
		return a->kind == 'o' ? -1 : 1;
	if (a->number != b->number)
		return a->number < b->number ? -1 : 1;
	int c = strcmp(a->left, b->left);
	return c ? c : strcmp(a->right, b->right);
}

void plumb__pg_opmembers_sort(plumb_pg_opmember *m, size_t n)
{
	if (n > 1)
		qsort(m, n, sizeof(*m), cmp_member);
}

int plumb__pg_opfamily_define(plumb_arena *arena, plumb_object *o, plumb_pg_opmember *m,
			      size_t n)
{
	const char *base, *am;
	if (!plumb__pg_opc_split(arena, o->name, &base, &am))
		return -1;
	char *q = plumb__pg_qualified(arena, o->schema, base);
	o->sql = q ? plumb_arena_printf(arena, "CREATE OPERATOR FAMILY %s USING %s", q, am) : NULL;
	if (!o->sql)
		return -1;
	plumb__pg_opmembers_sort(m, n);
	o->values = (plumb_vec){0};
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	plumb_buf_puts(&b, o->sql);
	for (size_t i = 0; i < n; i++) {
		char *t = plumb__pg_opmember_text(arena, &m[i]);
		if (!t || plumb_vec_push(arena, &o->values, t) < 0)
			return -1;
		plumb_buf_printf(&b, ";\nALTER OPERATOR FAMILY %s USING %s ADD %s", q, am, t);
	}
	if (b.failed)
		return -1;
	o->definition = b.data;
	return 0;
}

char *plumb__pg_opclass_define(plumb_arena *arena, const char *schema, const char *name,
			       bool dflt, const char *type, const char *am, const char *family,
			       const char *storage)
{
	char *q = plumb__pg_qualified(arena, schema, name);
	return q ? plumb_arena_printf(arena,
				      "CREATE OPERATOR CLASS %s%s FOR TYPE %s USING %s FAMILY %s%s%s",
				      q, dflt ? " DEFAULT" : "", type, am, family,
				      storage ? " STORAGE " : "", storage ? storage : "")
		 : NULL;
}
