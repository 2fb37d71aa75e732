/*
 * Reads a live PostgreSQL database's schema into a catalog with one
 * set-based catalog query per kind of object (schemas, extensions,
 * collations, tables, columns, constraints, indexes, types, sequences, views,
 * functions, triggers, policies, comments), so the number of queries does not
 * grow with the number of tables. It reads with search_path = '' so the server
 * qualifies every name, and TimeZone = 'UTC' so that timestamptz constants
 * (partition bounds) print as the offline builder writes them (literal_time.c),
 * and routes every type, expression and statement text
 * through canon.c and every column and constraint through model.c. It does
 * not compare catalogs or change the database; objects of extensions and
 * the tables plumb_catalog_excluded names (other tools' tracking tables,
 * plumb's own, the config's "exclude") are left out.
 *
 * This file is the entry (one snapshot, the readers in order) and the
 * helpers the readers share: running a query, reading its fields, canonical
 * texts memoised, tables by oid. The readers and their queries are in
 * introspect_table.c (tables, columns, constraints, indexes, views) and
 * introspect_object.c (everything else).
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/introspect_int.h"

/* How many queries introspection has sent since the process started (tests
 * check that it does not depend on the size of the schema). */
long plumb__pg_introspect_query_count(void);

static long n_queries;

long plumb__pg_introspect_query_count(void)
{
	return n_queries;
}

#define MEMO_BUCKETS 4096

typedef struct memo {
	struct memo *next;
	int kind;
	const char *in, *out;
} memo;

/* Formatted text in the catalog's arena; "" once something failed. */
char *fmt(ictx *x, const char *f, ...)
{
	va_list ap;
	if (x->st.rc)
		return "";
	va_start(ap, f);
	char *s = plumb_arena_vprintf(x->st.arena, f, ap);
	va_end(ap);
	if (!s)
		nomem(x);
	return s ? s : "";
}

/* Names the object being read, for the detail of an error. */
void at(ictx *x, const char *f, ...)
{
	va_list ap;
	va_start(ap, f);
	x->obj = x->st.rc ? NULL : plumb_arena_vprintf(x->tmp, f, ap);
	va_end(ap);
}

int run(ictx *x, const char *what, const char *sql, PGresult **out)
{
	*out = NULL;
	if (x->st.rc)
		return x->st.rc;
	n_queries++;
	int rc = plumb__pg_query(x->st.ctx, x->tmp, x->c, what, sql, 0, NULL, out);
	fail(x, rc);
	return rc;
}

/* A field of r; NULL for SQL NULL. Valid while the result lives (tmp). */
const char *val(PGresult *r, int row, int col)
{
	return PQgetisnull(r, row, col) ? NULL : PQgetvalue(r, row, col);
}

bool flag(PGresult *r, int row, int col)
{
	const char *v = val(r, row, col);
	return v && v[0] == 't';
}

long long num(PGresult *r, int row, int col)
{
	const char *v = val(r, row, col);
	return v ? strtoll(v, NULL, 10) : 0;
}

static size_t memo_hash(int kind, const char *s)
{
	size_t h = 1469598103934665603ULL ^ (size_t)kind; /* FNV-1a */
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h % MEMO_BUCKETS;
}

/* plumb__pg_written_text of the expression the server printed, or NULL:
 * only a text with an ARRAY and a cast in it is read. */
const char *written(ictx *x, const char *expr)
{
	char *out = NULL;
	if (!expr || x->st.rc || !strstr(expr, "ARRAY[") || !strstr(expr, "::"))
		return NULL;
	int rc = plumb__pg_written_text(x->st.ctx, x->st.arena, expr, &out);
	if (rc < 0) {
		if (x->obj)
			plumb_error_add_detail(x->st.ctx, "while reading %s", x->obj);
		fail(x, rc);
		return NULL;
	}
	return out;
}

/* plumb__pg_written_view of a statement the server printed (a view's
 * query, an index's, trigger's, rule's, policy's or domain's statement):
 * NULL when it is the text itself. Only a text with a set operation, or an
 * ARRAY and a cast, is read. */
const char *written_stmt(ictx *x, const char *sql)
{
	char *out = NULL;
	if (!sql || x->st.rc ||
	    (!strstr(sql, "UNION") && !strstr(sql, "INTERSECT") && !strstr(sql, "EXCEPT") &&
	     !(strstr(sql, "ARRAY[") && strstr(sql, "::"))))
		return NULL;
	int rc = plumb__pg_written_view(x->st.ctx, x->st.arena, sql, &out);
	if (rc < 0) {
		if (x->obj)
			plumb_error_add_detail(x->st.ctx, "while reading %s", x->obj);
		fail(x, rc);
	}
	return out;
}

/* The canonical text of s (NULL for NULL), in the catalog's arena. */
const char *canon(ictx *x, enum canon_kind k, const char *s)
{
	char *out = NULL;
	int rc;
	memo **bucket = NULL;
	if (!s || x->st.rc)
		return NULL;
	if (k != CANON_STMT) {
		if (!x->memo && !(x->memo = plumb_arena_alloc(x->tmp, MEMO_BUCKETS * sizeof(memo *)))) {
			fail(x, plumb_error_nomem(x->st.ctx));
			return NULL;
		}
		bucket = &x->memo[memo_hash((int)k, s)];
		for (const memo *m = *bucket; m; m = m->next)
			if (m->kind == (int)k && strcmp(m->in, s) == 0)
				return m->out;
	}
	switch (k) {
	case CANON_TYPE:
		rc = plumb__pg_canon_type(x->st.ctx, x->st.arena, s, &out);
		break;
	case CANON_EXPR:
		rc = plumb__pg_canon_expr(x->st.ctx, x->st.arena, s, &out);
		break;
	default:
		rc = plumb__pg_canon_stmt(x->st.ctx, x->st.arena, s, &out);
		break;
	}
	if (rc < 0) {
		if (x->obj)
			plumb_error_add_detail(x->st.ctx, "while reading %s", x->obj);
		fail(x, rc);
		return NULL;
	}
	if (bucket) {
		memo *m = plumb_arena_alloc(x->tmp, sizeof(*m));
		if (!m || !(m->in = plumb_arena_strdup(x->tmp, s))) {
			fail(x, plumb_error_nomem(x->st.ctx));
			return NULL;
		}
		m->kind = (int)k;
		m->out = out;
		m->next = *bucket;
		*bucket = m;
	}
	return out;
}

int plumb__pg_parse_array(plumb_ctx *ctx, plumb_arena *arena, plumb_arena *tmp, const char *s,
			  plumb_vec *out)
{
	plumb_buf b;
	if (!s || *s != '{')
		return 0;
	s++;
	while (*s && *s != '}') {
		bool quoted = *s == '"';
		plumb_buf_init(&b, tmp, 0);
		if (quoted) {
			for (s++; *s && *s != '"'; s++) {
				if (*s == '\\' && s[1])
					s++;
				plumb_buf_putc(&b, *s);
			}
			if (*s == '"')
				s++;
		} else {
			while (*s && *s != ',' && *s != '}')
				plumb_buf_putc(&b, *s++);
		}
		int rc = plumb_buf_finish(&b, ctx);
		if (rc < 0)
			return rc;
		bool null = !quoted && strcmp(b.data, "NULL") == 0;
		char *item = null ? NULL : plumb_arena_strdup(arena, b.data);
		if ((!null && !item) || plumb_vec_push(arena, out, item) < 0)
			return plumb_error_nomem(ctx);
		if (*s == ',')
			s++;
	}
	return 0;
}

/* plumb__pg_parse_array into the catalog's arena, the failure kept. */
void parse_array(ictx *x, const char *s, plumb_vec *out)
{
	int rc;
	if (!x->st.rc && (rc = plumb__pg_parse_array(x->st.ctx, x->st.arena, x->tmp, s, out)) < 0)
		fail(x, rc);
}

/* An array field as const char ** with its count. */
const char **array(ictx *x, PGresult *r, int row, int col, size_t *n)
{
	plumb_vec v = {0};
	parse_array(x, val(r, row, col), &v);
	*n = v.n;
	return (const char **)v.items;
}

rel *find_rel(ictx *x, const char *oid_text)
{
	unsigned long oid = oid_text ? strtoul(oid_text, NULL, 10) : 0;
	size_t lo = 0, hi = x->n_rels;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (x->rels[mid].oid == oid)
			return &x->rels[mid];
		if (x->rels[mid].oid < oid)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* False when the object hangs on a table left out. */
bool rel_kept(ictx *x, const char *oid_text)
{
	rel *r = find_rel(x, oid_text);
	return !r || r->t;
}

int cmp_oid(const void *a, const void *b)
{
	unsigned long x = *(const unsigned long *)a, y = *(const unsigned long *)b;
	return x < y ? -1 : x > y;
}

void add_folded(ictx *x, const char *oid_text)
{
	if (x->st.rc || !oid_text)
		return;
	if (x->n_folded == x->cap_folded) {
		size_t cap = x->cap_folded ? 2 * x->cap_folded : 64;
		unsigned long *p = plumb_arena_realloc(x->tmp, x->folded,
						       x->cap_folded * sizeof(*p), cap * sizeof(*p));
		if (!p) {
			nomem(x);
			return;
		}
		x->folded = p;
		x->cap_folded = cap;
	}
	x->folded[x->n_folded++] = strtoul(oid_text, NULL, 10);
}

bool is_folded(ictx *x, const char *oid_text)
{
	unsigned long oid = oid_text ? strtoul(oid_text, NULL, 10) : 0;
	return x->n_folded &&
	       bsearch(&oid, x->folded, x->n_folded, sizeof(oid), cmp_oid) != NULL;
}

bool tracking_table(ictx *x, const char *schema, const char *name)
{
	if (!plumb_catalog_excluded(x->st.ctx, schema, name, false) &&
	    !plumb_catalog_schema_excluded(x->st.ctx, schema))
		return false;
	fail(x, plumb_catalog_note_excluded(x->st.ctx, x->cat, schema, name));
	return true;
}

/* --- the whole -------------------------------------------------------------- */

int plumb__pg_introspect(plumb_ctx *ctx, plumb_conn *conn, plumb_arena *arena, plumb_catalog **out)
{
	plumb_pg_conn *c = (plumb_pg_conn *)conn;
	ictx x = {.st = {.ctx = ctx, .arena = arena}, .c = c};
	bool began = false, path_set = false;
	const char *old_path = NULL, *old_zone = NULL;
	PGresult *r;
	int rc = 0;
	*out = NULL;

	if (PQserverVersion(c->pg) < 120000) {
		rc = plumb_error_set(ctx, PLUMB_EDB,
				     "could not read the schema of \"%s\": PostgreSQL %d is not "
				     "supported (12 or later is needed)",
				     c->dbname ? c->dbname : "", PQserverVersion(c->pg) / 10000);
		goto done;
	}
	if (!(x.tmp = plumb_arena_new(arena))) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	if ((rc = plumb_catalog_new(ctx, arena, "pg", false, &x.cat)) < 0)
		goto done;
	/* One snapshot for every query, unless a transaction is open already;
	 * search_path '' so that the server qualifies every name, TimeZone UTC
	 * so that it prints timestamptz constants in the offline builder's zone. */
	if (PQtransactionStatus(c->pg) == PQTRANS_IDLE) {
		n_queries++;
		if ((rc = plumb__pg_command(ctx, c, "could not read the schema",
					    "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")) < 0)
			goto done;
		began = true;
	}
	if (run(&x, "could not read the schema",
		"SELECT current_setting('search_path'), set_config('search_path', '', false), "
		"current_setting('TimeZone'), set_config('TimeZone', 'UTC', false)",
		&r) < 0) {
		rc = x.st.rc;
		goto done;
	}
	path_set = true;
	old_path = PQgetvalue(r, 0, 0); /* r lives in tmp until the end */
	old_zone = PQgetvalue(r, 0, 2);

	read_schemas(&x);
	read_extensions(&x);
	read_collations(&x);
	read_tables(&x);
	read_columns(&x);
	read_constraints(&x);
	read_indexes(&x);
	read_types(&x);
	read_sequences(&x);
	read_views(&x);
	read_functions(&x);
	read_triggers(&x);
	read_policies(&x);
	read_rules(&x);
	read_operators(&x);
	read_casts(&x);
	read_ts_dicts(&x);
	read_ts_configs(&x);
	read_opfamilies(&x);
	read_statistics(&x);
	read_publications(&x);
	read_foreign_data_wrappers(&x);
	read_event_triggers(&x);
	read_comments(&x);
	read_grants(&x);
	read_object_grants(&x);
	read_default_acls(&x);
	read_owners(&x);
	read_unmanaged(&x);
	if ((rc = x.st.rc) < 0 || (rc = plumb_catalog_exclude(ctx, x.cat)) < 0)
		goto done;
	plumb_catalog_sort(x.cat);
	*out = x.cat;
done:
	if (path_set && (!began || rc == 0)) {
		/* In the caller's failed transaction this fails too; its
		 * rollback restores the setting. */
		const char *params[2] = {old_path, old_zone};
		n_queries++;
		int rc2 = plumb__pg_query(ctx, x.tmp, c, "could not restore search_path",
					  "SELECT set_config('search_path', $1, false), "
					  "set_config('TimeZone', $2, false)",
					  2, params, &r);
		if (rc == 0)
			rc = rc2;
	}
	if (began) {
		n_queries++;
		int rc2 = plumb__pg_command(ctx, c, "could not end the read transaction",
					    rc == 0 ? "COMMIT" : "ROLLBACK");
		if (rc == 0)
			rc = rc2;
	}
	if (rc < 0)
		*out = NULL;
	plumb_arena_free(x.tmp);
	return rc;
}
