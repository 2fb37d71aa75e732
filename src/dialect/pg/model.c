/*
 * The facts of the PostgreSQL catalog that introspection and the offline
 * builder must agree on, in one place: column, constraint, collation, enum,
 * schema, extension, comment and sequence definitions built from their
 * fields, the integer types of sequences and serial columns (oids, names,
 * limits, serial kinds), sequence defaults, foreign-key action letters,
 * function kinds and volatilities, aggregates (CREATE AGGREGATE from
 * pg_aggregate's fields, as pg_dump writes it), grants' privileges, the
 * storage a column's type has unless set, and columns' attribute options in
 * canonical form.
 * The texts it joins must already be canonical (canon.c); it reads no SQL
 * and no database.
 */
#include <assert.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/pg.h"

static bool str_eq(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	return strcmp(a, b) == 0;
}

char *plumb__pg_qualified(plumb_arena *arena, const char *schema, const char *name)
{
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	if (schema) {
		plumb_buf_quote_ident(&b, schema);
		plumb_buf_putc(&b, '.');
	}
	plumb_buf_quote_ident(&b, name);
	return b.failed ? NULL : b.data;
}

/* Whether a default expression needs parentheses in a column definition:
 * DEFAULT there takes only PostgreSQL's restricted b_expr, without AND, OR,
 * NOT, IS, IN, LIKE, BETWEEN, AT TIME ZONE, COLLATE, = ANY (...) and the
 * like. */
static bool default_needs_parens(const char *e)
{
	static const char *const words[] = {"and",	"or",	   "not",     "is",	"in",
					    "like",	"ilike",   "between", "at",	"collate",
					    "similar", "overlaps", "isnull",  "notnull", "any",
					    "all",	"some"};
	char quote = 0;
	for (const char *c = e; *c; c++) {
		if (quote) {
			if (*c == quote)
				quote = 0;
			continue;
		}
		if (*c == '\'' || *c == '"') {
			quote = *c;
			continue;
		}
		if (*c == '~' || *c == '!')
			return true; /* ~~, ~~*, !~~ and friends are a_expr operators */
		if (!isalpha((unsigned char)*c) || (c > e && (isalnum((unsigned char)c[-1]) ||
							       c[-1] == '_' || c[-1] == '.')))
			continue;
		size_t n = 0;
		while (isalnum((unsigned char)c[n]) || c[n] == '_')
			n++;
		for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
			if (strlen(words[i]) == n && strncasecmp(c, words[i], n) == 0)
				return true;
		c += n - 1;
	}
	return false;
}

int plumb__pg_column_define(plumb_ctx *ctx, plumb_arena *arena, plumb_column *col)
{
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	plumb_buf_quote_ident(&b, col->name);
	plumb_buf_printf(&b, " %s", col->type);
	if (col->compression)
		plumb_buf_printf(&b, " COMPRESSION %s", col->compression);
	if (col->collation)
		plumb_buf_printf(&b, " COLLATE %s", col->collation);
	if (col->identity) {
		plumb_buf_printf(&b, " GENERATED %s AS IDENTITY", col->identity);
		if (col->identity_options)
			plumb_buf_printf(&b, " (%s)", col->identity_options);
	}
	if (col->generated_sql)
		plumb_buf_printf(&b, " GENERATED ALWAYS AS (%s) STORED", col->generated_sql);
	if (col->not_null)
		plumb_buf_puts(&b, " NOT NULL");
	if (col->default_sql)
		plumb_buf_printf(&b, default_needs_parens(col->default_sql) ? " DEFAULT (%s)"
									      : " DEFAULT %s",
				 col->default_sql);
	if (plumb_buf_finish(&b, ctx))
		return PLUMB_ENOMEM;
	col->definition = b.data;
	return 0;
}

void plumb__pg_type_base(const char *type, char *out, size_t cap)
{
	size_t n = 0;
	for (const char *c = type; *c && n + 1 < cap; c++) {
		if (*c == '(') {
			while (*c && *c != ')')
				c++;
			if (!*c)
				break;
			continue;
		}
		out[n++] = *c;
	}
	if (cap)
		out[n] = 0;
}

const char *plumb__pg_string_base(const char *type)
{
	char base[32];
	if (!type)
		return NULL;
	plumb__pg_type_base(type, base, sizeof(base));
	if (strcmp(base, "text") == 0)
		return "text";
	if (strcmp(base, "character varying") == 0)
		return "character varying";
	if (strcmp(base, "character") == 0 || strcmp(base, "bpchar") == 0)
		return "bpchar";
	return NULL;
}

const char *plumb__pg_default_storage(const char *type)
{
	static const char *const plain[] = {
		"smallint", "integer", "bigint", "real", "double precision", "boolean", "date",
		"time without time zone", "time with time zone", "timestamp without time zone",
		"timestamp with time zone", "interval", "money", "uuid", "oid", "\"char\"", "name",
		"point", "lseg", "box", "line", "circle", "macaddr", "macaddr8", "tsquery", "pg_lsn",
		"serial", "bigserial", "smallserial"};
	static const char *const main_[] = {"numeric", "inet", "cidr"};
	if (!type || strstr(type, "[]"))
		return "EXTENDED";
	char base[64];
	plumb__pg_type_base(type, base, sizeof(base));
	for (size_t i = 0; i < sizeof(main_) / sizeof(main_[0]); i++)
		if (strcmp(base, main_[i]) == 0)
			return "MAIN";
	for (size_t i = 0; i < sizeof(plain) / sizeof(plain[0]); i++)
		if (strcmp(base, plain[i]) == 0)
			return "PLAIN";
	return "EXTENDED";
}

/* Whether item "name=value" (or "name") sets option name. */
static bool option_is(const char *item, const char *name)
{
	size_t n = strlen(name);
	return strncmp(item, name, n) == 0 && (item[n] == '=' || item[n] == 0);
}

int plumb__pg_column_options(plumb_ctx *ctx, plumb_arena *arena, const char *const *items,
			     size_t n, const char **out)
{
	/* sorted by name: the names PostgreSQL defines, in order */
	static const char *const names[] = {"n_distinct", "n_distinct_inherited"};
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	for (size_t k = 0; k < sizeof(names) / sizeof(names[0]); k++) {
		const char *last = NULL;
		for (size_t i = 0; i < n; i++)
			if (items[i] && option_is(items[i], names[k]))
				last = items[i];
		if (last)
			plumb_buf_printf(&b, "%s%s%s", b.len ? ", " : "", last,
					 strchr(last, '=') ? "" : "=true");
	}
	if (plumb_buf_finish(&b, ctx))
		return PLUMB_ENOMEM;
	*out = b.len ? b.data : NULL;
	return 0;
}

/* Items by their names (the text before '='), for qsort. */
static int cmp_item_name(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;
	size_t nx = strcspn(x, "="), ny = strcspn(y, "=");
	int r = strncmp(x, y, nx < ny ? nx : ny);
	return r ? r : (nx > ny) - (nx < ny);
}

int plumb__pg_rel_options(plumb_ctx *ctx, plumb_arena *arena, const char *const *items, size_t n,
			  const char **out)
{
	const char **kept = plumb_arena_alloc(arena, (n + 1) * sizeof(*kept));
	size_t k = 0;
	if (!kept)
		return plumb_error_nomem(ctx);
	/* the last of each name: n is a statement's few options */
	for (size_t i = 0; i < n; i++) {
		if (!items[i])
			continue;
		size_t len = strcspn(items[i], "=");
		bool later = false;
		for (size_t j = i + 1; j < n && !later; j++)
			later = items[j] && strcspn(items[j], "=") == len &&
				strncmp(items[j], items[i], len) == 0;
		if (!later)
			kept[k++] = items[i];
	}
	qsort(kept, k, sizeof(*kept), cmp_item_name);
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	for (size_t i = 0; i < k; i++)
		plumb_buf_printf(&b, "%s%s%s", i ? ", " : "", kept[i],
				 strchr(kept[i], '=') ? "" : "=true");
	if (plumb_buf_finish(&b, ctx))
		return PLUMB_ENOMEM;
	*out = b.len ? b.data : NULL;
	return 0;
}

static void ident_list(plumb_buf *b, const char *const *names, size_t n)
{
	plumb_buf_putc(b, '(');
	for (size_t i = 0; i < n; i++) {
		if (i)
			plumb_buf_puts(b, ", ");
		plumb_buf_quote_ident(b, names[i]);
	}
	plumb_buf_putc(b, ')');
}

int plumb__pg_constraint_define(plumb_ctx *ctx, plumb_arena *arena, plumb_constraint *con)
{
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	if (con->name) {
		plumb_buf_puts(&b, "CONSTRAINT ");
		plumb_buf_quote_ident(&b, con->name);
		plumb_buf_putc(&b, ' ');
	}
	switch (con->kind) {
	case PLUMB_CON_PRIMARY_KEY:
		plumb_buf_puts(&b, "PRIMARY KEY ");
		ident_list(&b, con->columns, con->n_columns);
		break;
	case PLUMB_CON_UNIQUE:
		/* check_sql carries " NULLS NOT DISTINCT" for such keys */
		plumb_buf_puts(&b, "UNIQUE ");
		if (con->check_sql)
			plumb_buf_printf(&b, "%s ", con->check_sql);
		ident_list(&b, con->columns, con->n_columns);
		break;
	case PLUMB_CON_CHECK:
		plumb_buf_printf(&b, "CHECK (%s)", con->check_sql ? con->check_sql : "");
		break;
	case PLUMB_CON_EXCLUDE:
		/* check_sql holds the canonical "EXCLUDE USING ..." text */
		plumb_buf_puts(&b, con->check_sql ? con->check_sql : "EXCLUDE");
		break;
	case PLUMB_CON_FOREIGN_KEY:
		plumb_buf_puts(&b, "FOREIGN KEY ");
		ident_list(&b, con->columns, con->n_columns);
		plumb_buf_puts(&b, " REFERENCES ");
		if (con->ref_schema) {
			plumb_buf_quote_ident(&b, con->ref_schema);
			plumb_buf_putc(&b, '.');
		}
		plumb_buf_quote_ident(&b, con->ref_table);
		if (con->n_ref_columns) {
			plumb_buf_putc(&b, ' ');
			ident_list(&b, con->ref_columns, con->n_ref_columns);
		}
		if (con->match && strcmp(con->match, "SIMPLE") != 0)
			plumb_buf_printf(&b, " MATCH %s", con->match);
		if (con->on_update && strcmp(con->on_update, "NO ACTION") != 0)
			plumb_buf_printf(&b, " ON UPDATE %s", con->on_update);
		if (con->on_delete && strcmp(con->on_delete, "NO ACTION") != 0)
			plumb_buf_printf(&b, " ON DELETE %s", con->on_delete);
		break;
	}
	/* a key's covering columns, as pg_get_constraintdef puts them */
	if (con->n_include &&
	    (con->kind == PLUMB_CON_PRIMARY_KEY || con->kind == PLUMB_CON_UNIQUE)) {
		plumb_buf_puts(&b, " INCLUDE ");
		ident_list(&b, con->include, con->n_include);
	}
	/* PostgreSQL lets keys, exclusions and foreign keys be deferred. */
	if (con->kind != PLUMB_CON_CHECK && con->deferrable)
		plumb_buf_puts(&b, " DEFERRABLE");
	if (con->kind != PLUMB_CON_CHECK && con->initially_deferred)
		plumb_buf_puts(&b, " INITIALLY DEFERRED");
	/* only checks and foreign keys can wait to be validated */
	if (con->not_valid && (con->kind == PLUMB_CON_CHECK || con->kind == PLUMB_CON_FOREIGN_KEY))
		plumb_buf_puts(&b, " NOT VALID");
	if (plumb_buf_finish(&b, ctx))
		return PLUMB_ENOMEM;
	con->definition = b.data;
	return 0;
}

char *plumb__pg_collation_define(plumb_arena *arena, const char *schema, const char *name,
				 const plumb_pg_collation *c)
{
	plumb_buf b;
	const char *provider = c->provider == 'i' ? "icu" : c->provider == 'b' ? "builtin" : "libc";
	plumb_buf_init(&b, arena, 0);
	plumb_buf_puts(&b, "CREATE COLLATION ");
	if (schema) {
		plumb_buf_quote_ident(&b, schema);
		plumb_buf_putc(&b, '.');
	}
	plumb_buf_quote_ident(&b, name);
	plumb_buf_printf(&b, " (provider = %s", provider);
	if (c->provider == 'c' && !str_eq(c->collate, c->ctype)) {
		plumb_buf_puts(&b, ", lc_collate = ");
		plumb_buf_quote_literal(&b, c->collate ? c->collate : "");
		plumb_buf_puts(&b, ", lc_ctype = ");
		plumb_buf_quote_literal(&b, c->ctype ? c->ctype : "");
	} else {
		plumb_buf_puts(&b, ", locale = ");
		plumb_buf_quote_literal(&b, c->provider == 'c' ? (c->collate ? c->collate : "")
							      : (c->locale ? c->locale : ""));
	}
	if (!c->deterministic)
		plumb_buf_puts(&b, ", deterministic = false");
	plumb_buf_putc(&b, ')');
	return b.failed ? NULL : b.data;
}

int plumb__pg_enum_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o)
{
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	plumb_buf_puts(&b, "ENUM (");
	for (size_t j = 0; j < o->values.n; j++) {
		plumb_buf_puts(&b, j ? ", " : "");
		plumb_buf_quote_literal(&b, o->values.items[j]);
	}
	plumb_buf_putc(&b, ')');
	int rc = plumb_buf_finish(&b, ctx);
	if (rc < 0)
		return rc;
	o->definition = b.data;
	char *name = plumb__pg_qualified(arena, o->schema, o->name);
	o->sql = name ? plumb_arena_printf(arena, "CREATE TYPE %s AS %s", name, b.data) : NULL;
	return o->sql ? 0 : plumb_error_nomem(ctx);
}

int plumb__pg_schema_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o)
{
	char *name = plumb__pg_qualified(arena, NULL, o->name);
	o->definition = o->name;
	o->sql = name ? plumb_arena_printf(arena, "CREATE SCHEMA %s", name) : NULL;
	return o->sql ? 0 : plumb_error_nomem(ctx);
}

int plumb__pg_extension_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o)
{
	bool pub = strcmp(o->schema, "public") == 0;
	char *name = plumb__pg_qualified(arena, NULL, o->name);
	char *schema = plumb__pg_qualified(arena, NULL, o->schema);
	if (!name || !schema)
		return plumb_error_nomem(ctx);
	o->definition = pub ? o->name : plumb_arena_printf(arena, "%s SCHEMA %s", o->name, o->schema);
	o->sql = pub ? plumb_arena_printf(arena, "CREATE EXTENSION IF NOT EXISTS %s", name)
		     : plumb_arena_printf(arena, "CREATE EXTENSION IF NOT EXISTS %s SCHEMA %s", name,
					  schema);
	return o->definition && o->sql ? 0 : plumb_error_nomem(ctx);
}

int plumb__pg_comment_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o,
			     const plumb_pg_comment_on *on)
{
	const char *const src[] = {on->table, on->target, on->column, on->part, on->text};
	const char **dst[] = {&o->table, &o->target, &o->column, &o->part, &o->definition};
	for (size_t i = 0; i < sizeof(src) / sizeof(src[0]); i++) {
		*dst[i] = src[i] ? plumb_arena_strdup(arena, src[i]) : NULL;
		if (src[i] && !*dst[i])
			return plumb_error_nomem(ctx);
	}
	o->target_kind = on->target_kind;
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	plumb_buf_printf(&b, "COMMENT ON %s IS ", o->name);
	plumb_buf_quote_literal(&b, o->definition);
	int rc = plumb_buf_finish(&b, ctx);
	if (rc < 0)
		return rc;
	o->sql = b.data;
	return 0;
}

/* The comments extensions come with (the comment of their control file), for
 * PostgreSQL 15's contrib and the common others: a COMMENT ON EXTENSION
 * that writes one of these again (pg_dump does) is no comment of ours, as
 * introspection has it. */
static const struct ext_comment {
	const char *ext, *comment;
} ext_comments[] = {
	{"adminpack", "administrative functions for PostgreSQL"},
	{"amcheck", "functions for verifying relation integrity"},
	{"autoinc", "functions for autoincrementing fields"},
	{"bloom", "bloom access method - signature file based index"},
	{"btree_gin", "support for indexing common datatypes in GIN"},
	{"btree_gist", "support for indexing common datatypes in GiST"},
	{"citext", "data type for case-insensitive character strings"},
	{"cube", "data type for multidimensional cubes"},
	{"dblink", "connect to other PostgreSQL databases from within a database"},
	{"dict_int", "text search dictionary template for integers"},
	{"dict_xsyn", "text search dictionary template for extended synonym processing"},
	{"earthdistance", "calculate great-circle distances on the surface of the Earth"},
	{"file_fdw", "foreign-data wrapper for flat file access"},
	{"fuzzystrmatch", "determine similarities and distance between strings"},
	{"hstore", "data type for storing sets of (key, value) pairs"},
	{"insert_username", "functions for tracking who changed a table"},
	{"intagg", "integer aggregator and enumerator (obsolete)"},
	{"intarray", "functions, operators, and index support for 1-D arrays of integers"},
	{"isn", "data types for international product numbering standards"},
	{"lo", "Large Object maintenance"},
	{"ltree", "data type for hierarchical tree-like structures"},
	{"moddatetime", "functions for tracking last modification time"},
	{"old_snapshot", "utilities in support of old_snapshot_threshold"},
	{"pageinspect", "inspect the contents of database pages at a low level"},
	{"pg_buffercache", "examine the shared buffer cache"},
	{"pg_freespacemap", "examine the free space map (FSM)"},
	{"pg_prewarm", "prewarm relation data"},
	{"pg_stat_statements", "track planning and execution statistics of all SQL statements executed"},
	{"pg_surgery", "extension to perform surgery on a damaged relation"},
	{"pg_trgm", "text similarity measurement and index searching based on trigrams"},
	{"pg_visibility", "examine the visibility map (VM) and page-level visibility info"},
	{"pg_walinspect", "functions to inspect contents of PostgreSQL Write-Ahead Log"},
	{"pgcrypto", "cryptographic functions"},
	{"pgrowlocks", "show row-level locking information"},
	{"pgstattuple", "show tuple-level statistics"},
	{"plpgsql", "PL/pgSQL procedural language"},
	{"postgres_fdw", "foreign-data wrapper for remote PostgreSQL servers"},
	{"refint", "functions for implementing referential integrity (obsolete)"},
	{"seg", "data type for representing line segments or floating-point intervals"},
	{"sslinfo", "information about SSL certificates"},
	{"tablefunc", "functions that manipulate whole tables, including crosstab"},
	{"tcn", "Triggered change notifications"},
	{"tsm_system_rows", "TABLESAMPLE method which accepts number of rows as a limit"},
	{"tsm_system_time", "TABLESAMPLE method which accepts time in milliseconds as a limit"},
	{"unaccent", "text search dictionary that removes accents"},
	{"uuid-ossp", "generate universally unique identifiers (UUIDs)"},
	{"xml2", "XPath querying and XSLT"},
	{"postgis", "PostGIS geometry and geography spatial types and functions"},
	{"vector", "vector data type and ivfflat and hnsw access methods"},
};

bool plumb__pg_comment_is_default(plumb_obj_kind target_kind, const char *target,
				  const char *text)
{
	if (!target || !text)
		return false;
	if (target_kind == PLUMB_OBJ_SCHEMA)
		return strcmp(target, "public") == 0 && strcmp(text, PLUMB_PG_INITDB_COMMENT) == 0;
	if (target_kind != PLUMB_OBJ_EXTENSION)
		return false;
	for (size_t i = 0; i < sizeof(ext_comments) / sizeof(ext_comments[0]); i++)
		if (strcmp(ext_comments[i].ext, target) == 0)
			return strcmp(ext_comments[i].comment, text) == 0;
	return false;
}

/* --- integer types, serial kinds ---------------------------------------- */

/* The integer types of sequences and serial columns: the format_type name,
 * its other spellings, the serial kind and its other spelling. */
static const struct int_type {
	long long typid;
	const char *name, *spellings[2], *serial, *serial_alias;
	long long max;
} int_types[] = {
	{PLUMB_PG_INT2, "smallint", {"int2", NULL}, "smallserial", "serial2", PLUMB_PG_INT2_MAX},
	{PLUMB_PG_INT4, "integer", {"int4", "int"}, "serial", "serial4", PLUMB_PG_INT4_MAX},
	{PLUMB_PG_INT8, "bigint", {"int8", NULL}, "bigserial", "serial8", PLUMB_PG_INT8_MAX},
};
#define N_INT_TYPES (sizeof(int_types) / sizeof(int_types[0]))

/* The type of oid typid; bigint for any other. */
static const struct int_type *int_type(long long typid)
{
	for (size_t i = 0; i < N_INT_TYPES; i++)
		if (int_types[i].typid == typid)
			return &int_types[i];
	return &int_types[N_INT_TYPES - 1];
}

/* The type whose serial kind name spells, or NULL. */
static const struct int_type *serial_type(const char *name)
{
	for (size_t i = 0; name && i < N_INT_TYPES; i++)
		if (strcmp(name, int_types[i].serial) == 0 || strcmp(name, int_types[i].serial_alias) == 0)
			return &int_types[i];
	return NULL;
}

long long plumb__pg_int_max(long long typid)
{
	return int_type(typid)->max;
}

const char *plumb__pg_int_name(long long typid)
{
	return int_type(typid)->name;
}

long long plumb__pg_int_typid(const char *name)
{
	const struct int_type *t = serial_type(name);
	for (size_t i = 0; name && !t && i < N_INT_TYPES; i++) {
		const struct int_type *c = &int_types[i];
		if (strcmp(name, c->name) == 0 || str_eq(name, c->spellings[0]) ||
		    str_eq(name, c->spellings[1]))
			t = c;
	}
	return t ? t->typid : PLUMB_PG_INT8;
}

const char *plumb__pg_serial_of(long long typid)
{
	return int_type(typid)->serial;
}

const char *plumb__pg_serial_kind(const char *name)
{
	const struct int_type *t = serial_type(name);
	return t ? t->serial : NULL;
}

const char *plumb__pg_serial_base(const char *type)
{
	const struct int_type *t = serial_type(type);
	return t ? t->name : NULL;
}

bool plumb__pg_is_serial(const char *type)
{
	const struct int_type *t = serial_type(type);
	return t && strcmp(type, t->serial) == 0;
}

size_t plumb__pg_clip(const char *s, size_t n)
{
	size_t len = strlen(s);
	if (len <= n)
		return len;
	while (n > 0 && ((unsigned char)s[n] & 0xC0) == 0x80)
		n--;
	return n;
}

void plumb__pg_object_name(char *out, const char *name1, const char *name2, const char *label)
{
	size_t overhead = 0, avail, n1 = strlen(name1), n2 = name2 ? strlen(name2) : 0;
	if (name2)
		overhead++;
	if (label)
		overhead += strlen(label) + 1;
	assert(overhead < PLUMB_PG_NAMEDATALEN - 1);
	avail = PLUMB_PG_NAMEDATALEN - 1 - overhead;
	while (n1 + n2 > avail) {
		if (n1 > n2)
			n1--;
		else
			n2--;
	}
	n1 = plumb__pg_clip(name1, n1);
	if (name2)
		n2 = plumb__pg_clip(name2, n2);
	snprintf(out, PLUMB_PG_NAMEDATALEN, "%.*s%s%.*s%s%s", (int)n1, name1, name2 ? "_" : "",
		 (int)n2, name2 ? name2 : "", label ? "_" : "", label ? label : "");
}

bool plumb__pg_is_serial_seq(const char *schema, const char *table, const char *col,
			     const char *seq_schema, const char *seq)
{
	char want[PLUMB_PG_NAMEDATALEN];
	if (!schema || !table || !col || !seq_schema || !seq || strcmp(schema, seq_schema) != 0)
		return false;
	plumb__pg_object_name(want, table, col, "seq");
	return strcmp(want, seq) == 0;
}

const char *plumb__pg_fk_action(const char *code)
{
	switch (code && *code ? *code : 'a') {
	case 'r':
		return "RESTRICT";
	case 'c':
		return "CASCADE";
	case 'n':
		return "SET NULL";
	case 'd':
		return "SET DEFAULT";
	default:
		return "NO ACTION";
	}
}

/* --- sequences ---------------------------------------------------------- */

long long plumb__pg_seq_default_min(long long typid, long long inc)
{
	return inc > 0 ? 1 : -plumb__pg_int_max(typid) - 1;
}

long long plumb__pg_seq_default_max(long long typid, long long inc)
{
	return inc > 0 ? plumb__pg_int_max(typid) : -1;
}

bool plumb__pg_seq_is_default(const plumb_pg_seq *s)
{
	return s->inc == 1 && s->start == 1 && s->min == 1 && s->max == plumb__pg_int_max(s->typid) &&
	       s->cache == 1 && !s->cycle;
}

/* The options that differ from the defaults, each after a blank. */
static void put_seq_options(plumb_buf *b, const plumb_pg_seq *s)
{
	if (s->start != (s->inc > 0 ? s->min : s->max))
		plumb_buf_printf(b, " START WITH %lld", s->start);
	if (s->inc != 1)
		plumb_buf_printf(b, " INCREMENT BY %lld", s->inc);
	if (s->min != plumb__pg_seq_default_min(s->typid, s->inc))
		plumb_buf_printf(b, " MINVALUE %lld", s->min);
	if (s->max != plumb__pg_seq_default_max(s->typid, s->inc))
		plumb_buf_printf(b, " MAXVALUE %lld", s->max);
	if (s->cache != 1)
		plumb_buf_printf(b, " CACHE %lld", s->cache);
	if (s->cycle)
		plumb_buf_puts(b, " CYCLE");
}

int plumb__pg_seq_options(plumb_ctx *ctx, plumb_arena *arena, const plumb_pg_seq *s, char **out)
{
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	put_seq_options(&b, s);
	int rc = plumb_buf_finish(&b, ctx);
	*out = rc < 0 ? NULL : b.len ? b.data + 1 : b.data;
	return rc;
}

int plumb__pg_seq_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o,
			 const plumb_pg_seq *s, const char *owner_table, const char *owner_column)
{
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	plumb_buf_puts(&b, "CREATE SEQUENCE ");
	plumb_buf_quote_ident(&b, o->schema);
	plumb_buf_putc(&b, '.');
	plumb_buf_quote_ident(&b, o->name);
	if (s->typid != PLUMB_PG_INT8)
		plumb_buf_printf(&b, " AS %s", plumb__pg_int_name(s->typid));
	put_seq_options(&b, s);
	o->table = o->column = NULL;
	if (owner_table && owner_column) {
		/* as quote_ident() writes the names */
		const char *q[3] = {plumb__pg_quote_ident(arena, o->schema),
				    plumb__pg_quote_ident(arena, owner_table),
				    plumb__pg_quote_ident(arena, owner_column)};
		if (!q[0] || !q[1] || !q[2])
			return plumb_error_nomem(ctx);
		plumb_buf_printf(&b, " OWNED BY %s.%s.%s", q[0], q[1], q[2]);
		o->table = plumb_arena_strdup(arena, owner_table);
		o->column = plumb_arena_strdup(arena, owner_column);
		if (!o->table || !o->column)
			return plumb_error_nomem(ctx);
	}
	int rc = plumb_buf_finish(&b, ctx);
	o->sql = rc < 0 ? NULL : b.data;
	return rc;
}

/* --- functions, grants -------------------------------------------------- */

plumb_func_kind plumb__pg_func_kind(char prokind)
{
	switch (prokind) {
	case 'p':
		return PLUMB_FUNC_PROCEDURE;
	case 'w':
		return PLUMB_FUNC_WINDOW;
	case 'a':
		return PLUMB_FUNC_AGGREGATE;
	default:
		return PLUMB_FUNC_FUNCTION;
	}
}

/* --- aggregates ---------------------------------------------------------- */

static bool builtin_schema(const char *schema)
{
	return !schema || strcmp(schema, "public") == 0 || strcmp(schema, "pg_catalog") == 0;
}

char *plumb__pg_proc_ref(plumb_arena *arena, const char *schema, const char *name)
{
	return plumb__pg_qualified(arena, builtin_schema(schema) ? NULL : schema, name);
}

char *plumb__pg_oper_ref(plumb_arena *arena, const char *schema, const char *name)
{
	if (builtin_schema(schema))
		return plumb_arena_strdup(arena, name);
	char *s = plumb_quote_ident(arena, schema);
	return s ? plumb_arena_printf(arena, "OPERATOR(%s.%s)", s, name) : NULL;
}

/* The arguments from..to-1, joined by ", ": with names and VARIADIC when
 * full, else the types (VARIADIC kept when variadic_too). */
static void put_agg_args(plumb_buf *b, const plumb_pg_aggregate *a, size_t from, size_t to,
			 bool full, bool variadic_too)
{
	for (size_t i = from; i < to; i++) {
		const plumb_pg_agg_arg *g = &a->args[i];
		plumb_buf_puts(b, i > from ? ", " : "");
		if (g->variadic && (full || variadic_too))
			plumb_buf_puts(b, "VARIADIC ");
		if (full && g->name && *g->name) {
			plumb_buf_quote_ident(b, g->name);
			plumb_buf_putc(b, ' ');
		}
		plumb_buf_puts(b, g->type);
	}
}

/* The argument list in parentheses, as pg_get_function_arguments (full) or
 * DROP AGGREGATE (types) writes it. */
static void put_agg_signature(plumb_buf *b, const plumb_pg_aggregate *a, bool full)
{
	plumb_buf_putc(b, '(');
	if (a->kind == 'o' || a->kind == 'h') {
		size_t nd = a->n_direct < a->n_args ? a->n_direct : a->n_args;
		put_agg_args(b, a, 0, nd, full, true);
		plumb_buf_puts(b, nd ? " ORDER BY " : "ORDER BY ");
		/* a VARIADIC last direct argument is the aggregated one too */
		if (nd == a->n_args && nd && a->args[nd - 1].variadic)
			put_agg_args(b, a, nd - 1, nd, full, true);
		else
			put_agg_args(b, a, nd, a->n_args, full, true);
	} else if (a->n_args) {
		put_agg_args(b, a, 0, a->n_args, full, false);
	} else if (full) {
		plumb_buf_putc(b, '*');
	}
	plumb_buf_putc(b, ')');
}

char *plumb__pg_aggregate_name(plumb_arena *arena, const char *name, const plumb_pg_aggregate *a)
{
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	plumb_buf_puts(&b, name);
	put_agg_signature(&b, a, false);
	return b.failed ? NULL : b.data;
}

static void put_modify(plumb_buf *b, const char *option, char modify, char dflt)
{
	if (!modify || modify == dflt)
		return;
	plumb_buf_printf(b, ", %s = %s", option,
			 modify == 's'	 ? "SHAREABLE"
			 : modify == 'w' ? "READ_WRITE"
					 : "READ_ONLY");
}

static void put_opt(plumb_buf *b, const char *option, const char *value)
{
	if (value)
		plumb_buf_printf(b, ", %s = %s", option, value);
}

char *plumb__pg_aggregate_define(plumb_arena *arena, const char *schema, const char *name,
				 const plumb_pg_aggregate *a)
{
	/* the server's default for FINALFUNC_MODIFY (and pg_dump's for both) */
	char dflt = a->kind == 'n' ? 'r' : 'w';
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	plumb_buf_puts(&b, "CREATE AGGREGATE ");
	if (schema) {
		plumb_buf_quote_ident(&b, schema);
		plumb_buf_putc(&b, '.');
	}
	plumb_buf_quote_ident(&b, name);
	put_agg_signature(&b, a, true);
	plumb_buf_printf(&b, " (SFUNC = %s, STYPE = %s", a->sfunc ? a->sfunc : "",
			 a->stype ? a->stype : "");
	if (a->sspace && strcmp(a->sspace, "0") != 0)
		put_opt(&b, "SSPACE", a->sspace);
	if (a->initcond) {
		plumb_buf_puts(&b, ", INITCOND = ");
		plumb_buf_quote_literal(&b, a->initcond);
	}
	if (a->finalfunc) {
		put_opt(&b, "FINALFUNC", a->finalfunc);
		if (a->finalfunc_extra)
			plumb_buf_puts(&b, ", FINALFUNC_EXTRA");
		put_modify(&b, "FINALFUNC_MODIFY", a->finalfunc_modify, dflt);
	}
	put_opt(&b, "COMBINEFUNC", a->combinefunc);
	put_opt(&b, "SERIALFUNC", a->serialfunc);
	put_opt(&b, "DESERIALFUNC", a->deserialfunc);
	if (a->msfunc) {
		put_opt(&b, "MSFUNC", a->msfunc);
		put_opt(&b, "MINVFUNC", a->minvfunc);
		put_opt(&b, "MSTYPE", a->mstype);
	}
	if (a->msspace && strcmp(a->msspace, "0") != 0)
		put_opt(&b, "MSSPACE", a->msspace);
	if (a->minitcond) {
		plumb_buf_puts(&b, ", MINITCOND = ");
		plumb_buf_quote_literal(&b, a->minitcond);
	}
	if (a->mfinalfunc) {
		put_opt(&b, "MFINALFUNC", a->mfinalfunc);
		if (a->mfinalfunc_extra)
			plumb_buf_puts(&b, ", MFINALFUNC_EXTRA");
		put_modify(&b, "MFINALFUNC_MODIFY", a->mfinalfunc_modify, dflt);
	}
	put_opt(&b, "SORTOP", a->sortop);
	if (a->kind == 'h')
		plumb_buf_puts(&b, ", HYPOTHETICAL");
	if (a->parallel == 's' || a->parallel == 'r')
		plumb_buf_printf(&b, ", PARALLEL = %s", a->parallel == 's' ? "safe" : "restricted");
	plumb_buf_putc(&b, ')');
	return b.failed ? NULL : b.data;
}

plumb_volatility plumb__pg_volatility(const char *code)
{
	switch (code ? *code : 'v') {
	case 'i':
		return PLUMB_IMMUTABLE;
	case 's':
		return PLUMB_STABLE;
	default:
		return PLUMB_VOLATILE;
	}
}

/* The privileges in PostgreSQL's order: bit 1 << i is priv_names[i]. */
static const char *const priv_names[] = {"SELECT",     "INSERT",  "UPDATE", "DELETE", "TRUNCATE",
					 "REFERENCES", "TRIGGER", "USAGE",  "CREATE", "EXECUTE"};
#define N_PRIVS (sizeof(priv_names) / sizeof(priv_names[0]))

unsigned plumb__pg_priv_bit(const char *name)
{
	for (unsigned i = 0; name && i < N_PRIVS; i++)
		if (strcasecmp(name, priv_names[i]) == 0)
			return 1u << i;
	return 0;
}

const char *plumb__pg_priv_name(unsigned bit)
{
	for (unsigned i = 0; i < N_PRIVS; i++)
		if (bit == 1u << i)
			return priv_names[i];
	return NULL;
}

int plumb__pg_grant_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o)
{
	plumb_buf b;
	o->definition = NULL;
	if (!o->privileges) {
		/* PUBLIC's default revoked from a routine, type or language */
		if (!o->implicit && plumb__pg_grant_on_object(o))
			o->definition = "NONE";
		return 0;
	}
	plumb_buf_init(&b, arena, 0);
	for (unsigned i = 0, n = 0; i < N_PRIVS; i++) {
		if (!(o->privileges & (1u << i)))
			continue;
		plumb_buf_printf(&b, "%s%s%s", n++ ? ", " : "", priv_names[i],
				 o->grantable & (1u << i) ? " WITH GRANT OPTION" : "");
	}
	int rc = plumb_buf_finish(&b, ctx);
	if (rc == 0)
		o->definition = b.data;
	return rc;
}

unsigned plumb__pg_grant_all(plumb_obj_kind target_kind)
{
	switch (target_kind) {
	case PLUMB_OBJ_FUNCTION:
		return PLUMB_PRIV_EXECUTE;
	case PLUMB_OBJ_TYPE:
	case PLUMB_OBJ_ENUM:
	case PLUMB_OBJ_DOMAIN:
	case PLUMB_OBJ_SERVER:
	case PLUMB_OBJ_FDW:
	case PLUMB_OBJ_GRANT: /* a language */
		return PLUMB_PRIV_USAGE;
	default:
		return 0;
	}
}

bool plumb__pg_grant_on_object(const plumb_object *g)
{
	return plumb__pg_grant_all(g->target_kind) != 0;
}

unsigned plumb__pg_grant_default(const plumb_object *g)
{
	if (!g->grantee || strcmp(g->grantee, "PUBLIC") != 0)
		return 0;
	switch (g->target_kind) {
	case PLUMB_OBJ_FUNCTION:
		return PLUMB_PRIV_EXECUTE;
	case PLUMB_OBJ_TYPE:
	case PLUMB_OBJ_ENUM:
	case PLUMB_OBJ_DOMAIN:
		return PLUMB_PRIV_USAGE;
	case PLUMB_OBJ_GRANT:
		return g->part && strcmp(g->part, "trusted") == 0 ? PLUMB_PRIV_USAGE : 0;
	default:
		return 0;
	}
}
