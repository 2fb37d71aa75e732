/*
 * Introspection of relations: tables (partitions, inheritance), columns
 * (serial and identity, with their sequence options; storage, compression
 * and options), constraints (INCLUDE columns, NOT VALID), indexes
 * and views (in an order where what a view reads comes first), each kind
 * read with one catalog query. It reads no types, functions or privileges
 * (introspect_object.c) and sends no query of its own outside the readers.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dialect/pg/introspect_int.h"
#include "plan/order.h"

enum {
	T_OID, T_NSP, T_NAME, T_UNLOGGED, T_RLS, T_FORCE, T_PARTKEY, T_PARENT, T_BOUND, T_INHERITS,
	T_OPTIONS, T_REPLIDENT, T_SERVER, T_FDWOPTS
};
static const char q_tables[] =
	"SELECT c.oid, n.nspname, c.relname, c.relpersistence = 'u', c.relrowsecurity, "
	"c.relforcerowsecurity, "
	"CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END, "
	"CASE WHEN c.relispartition THEN (SELECT pn.nspname || '.' || pc.relname "
	"FROM pg_inherits h JOIN pg_class pc ON pc.oid = h.inhparent "
	"JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE h.inhrelid = c.oid LIMIT 1) END, "
	"CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END, "
	"CASE WHEN NOT c.relispartition THEN ARRAY(SELECT pn.nspname || '.' || pc.relname "
	"FROM pg_inherits h JOIN pg_class pc ON pc.oid = h.inhparent "
	"JOIN pg_namespace pn ON pn.oid = pc.relnamespace WHERE h.inhrelid = c.oid "
	"ORDER BY h.inhseqno) END, "
	"array_cat(c.reloptions, (SELECT array_agg('toast.' || o) FROM pg_class tc, "
	"unnest(tc.reloptions) o WHERE tc.oid = c.reltoastrelid)), "
	"CASE WHEN c.relkind = 'f' THEN NULL " /* a foreign table's is 'n', and fixed */
	"ELSE CASE c.relreplident WHEN 'f' THEN 'FULL' WHEN 'n' THEN 'NOTHING' "
	"WHEN 'i' THEN (SELECT 'USING INDEX ' || quote_ident(ic.relname) FROM pg_index i "
	"JOIN pg_class ic ON ic.oid = i.indexrelid WHERE i.indrelid = c.oid AND i.indisreplident) "
	"END END, fs.srvname, coalesce(ft.ftoptions, '{}') "
	"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	"LEFT JOIN pg_foreign_table ft ON ft.ftrelid = c.oid "
	"LEFT JOIN pg_foreign_server fs ON fs.oid = ft.ftserver "
	"WHERE c.relkind IN ('r', 'p', 'f') AND " NSP_OK("n") " AND " NOT_EXT("pg_class",
									   "c.oid") " "
	"ORDER BY c.oid";

enum {
	C_REL,
	C_NAME,
	C_TYPE,
	C_NOTNULL,
	C_DEFAULT,
	C_GENERATED,
	C_IDENTITY,
	C_COLLATION,
	C_SERIAL,
	C_SEQ,
	C_SEQTYPE,
	C_START,
	C_INC,
	C_MIN,
	C_MAX,
	C_CACHE,
	C_CYCLE,
	C_INHERITED,
	C_NSP,
	C_TABLE,
	C_SEQNSP,
	C_SEQNAME,
	C_COMPRESSION,
	C_STORAGE,
	C_OPTIONS,
	C_STATS,
	C_FDWOPTS
};
/* %s: the compression method set (PostgreSQL 14), as SET COMPRESSION names it */
static const char q_columns[] =
	"SELECT a.attrelid, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
	"CASE WHEN a.attgenerated = '' THEN de.expr END, "
	"CASE WHEN a.attgenerated = 's' THEN de.expr END, "
	"a.attidentity, " COLL_TEXT(
		"a",
		"t") ", "
		     "s.deptype = 'a' AND " SERIAL_FOLD ", s.seqrelid, "
		     "s.seqtypid, s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, "
		     "s.seqcycle, "
		     "NOT a.attislocal, n.nspname, c.relname, s.nspname, s.relname, %s, "
		     "CASE WHEN a.attstorage <> t.typstorage THEN a.attstorage END, a.attoptions, "
		     /* the default is -1 before PostgreSQL 17, NULL since */
		     "NULLIF(a.attstattarget, -1), coalesce(a.attfdwoptions, '{}') "
		     "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
		     "JOIN pg_namespace n ON n.oid = c.relnamespace "
		     "JOIN pg_type t ON t.oid = a.atttypid "
		     "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
		     "LEFT JOIN LATERAL (SELECT pg_get_expr(d.adbin, d.adrelid) AS expr) de ON "
		     "true "
		     "LEFT JOIN LATERAL (SELECT sd.deptype, sq.*, sn.nspname, sc.relname, "
		     "sc.relpersistence "
		     "FROM pg_depend sd "
		     "JOIN pg_sequence sq ON sq.seqrelid = sd.objid "
		     "JOIN pg_class sc ON sc.oid = sq.seqrelid JOIN pg_namespace sn ON sn.oid = "
		     "sc.relnamespace "
		     "WHERE sd.classid = 'pg_class'::regclass AND sd.refclassid = "
		     "'pg_class'::regclass "
		     "AND sd.refobjid = a.attrelid AND sd.refobjsubid = a.attnum AND sd.deptype IN "
		     "('a', 'i') "
		     "ORDER BY sd.deptype DESC LIMIT 1) s ON true "
		     "WHERE c.relkind IN ('r', 'p', 'f') AND a.attnum > 0 AND NOT a.attisdropped "
		     "AND " NSP_OK("n") " AND " NOT_EXT("pg_class",
							"c.oid") " "
								 "ORDER BY a.attrelid, a.attnum";

enum {
	K_REL, K_NAME, K_TYPE, K_COLS, K_REFNSP, K_REFREL, K_REFCOLS, K_UPD, K_DEL, K_MATCH,
	K_DEFERRABLE, K_DEFERRED, K_VALID, K_CHECK, K_DEF, K_INCLUDE, K_NND
};
/* %s: whether the backing index treats NULLs as equal (PostgreSQL 15) */
static const char q_constraints[] =
	"SELECT k.conrelid, k.conname, k.contype, "
	"ARRAY(SELECT a.attname FROM unnest(k.conkey) WITH ORDINALITY u(num, ord) "
	"JOIN pg_attribute a ON a.attrelid = k.conrelid AND a.attnum = u.num ORDER BY u.ord), "
	"fn.nspname, fc.relname, "
	"ARRAY(SELECT a.attname FROM unnest(k.confkey) WITH ORDINALITY u(num, ord) "
	"JOIN pg_attribute a ON a.attrelid = k.confrelid AND a.attnum = u.num ORDER BY u.ord), "
	"k.confupdtype, k.confdeltype, k.confmatchtype, k.condeferrable, k.condeferred, "
	"k.convalidated, "
	"CASE WHEN k.contype = 'c' THEN pg_get_expr(k.conbin, k.conrelid) END, "
	"CASE WHEN k.contype = 'x' THEN pg_get_constraintdef(k.oid) END, "
	/* a key's INCLUDE columns: those of its index after the key columns */
	"ARRAY(SELECT a.attname FROM pg_index ix "
	"CROSS JOIN generate_series(ix.indnkeyatts, ix.indnatts - 1) g(n) "
	"JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ix.indkey[g.n] "
	"WHERE ix.indexrelid = k.conindid AND k.contype IN ('p', 'u') ORDER BY g.n), %s "
	"FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid "
	"JOIN pg_namespace n ON n.oid = c.relnamespace "
	"LEFT JOIN pg_class fc ON fc.oid = k.confrelid "
	"LEFT JOIN pg_namespace fn ON fn.oid = fc.relnamespace "
	"WHERE k.contype IN ('p', 'u', 'c', 'f', 'x') AND k.conparentid = 0 AND k.conislocal "
	"AND c.relkind IN ('r', 'p', 'f') AND " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"ORDER BY k.conrelid, position(k.contype IN 'pufcx'), k.conname";

enum { I_REL, I_NSP, I_NAME, I_TABLE, I_UNIQUE, I_DEF, I_PRED, I_KEYS, I_OPTS, I_VALID, I_STATS };
static const char q_indexes[] =
	"SELECT i.indrelid, n.nspname, ic.relname, c.relname, i.indisunique, "
	"pg_get_indexdef(i.indexrelid), "
	"CASE WHEN i.indpred IS NOT NULL THEN pg_get_expr(i.indpred, i.indrelid) END, "
	"ARRAY(SELECT pg_get_indexdef(i.indexrelid, k, false) "
	"FROM generate_series(1, i.indnkeyatts) k ORDER BY k), "
	"ARRAY(SELECT i.indoption[k - 1] FROM generate_series(1, i.indnkeyatts) k ORDER BY k), "
	"i.indisvalid AND i.indisready, "
	"(SELECT string_agg(a.attnum || '=' || a.attstattarget, ', ' ORDER BY a.attnum) "
	"FROM pg_attribute a WHERE a.attrelid = i.indexrelid AND a.attstattarget >= 0) "
	"FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid "
	"JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE c.relkind IN ('r', 'p', 'm') AND " NSP_OK(
		"n") " "
		     "AND " NOT_EXT("pg_class", "c.oid") " AND " NOT_EXT(
			     "pg_class",
			     "i.indexrelid") " "
					     "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE "
					     "k.conindid = i.indexrelid "
					     "AND k.conrelid = i.indrelid AND k.contype IN ('p', "
					     "'u', 'x')) "
					     /* indexes of partitions attached to an index of their
						parent */
					     "AND NOT EXISTS (SELECT 1 FROM pg_inherits h WHERE "
					     "h.inhrelid = i.indexrelid) "
					     "ORDER BY n.nspname, ic.relname";

enum { V_NSP, V_NAME, V_KIND, V_DEF, V_OPTIONS, V_DEPENDS };
static const char q_views[] =
	"SELECT n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid), c.reloptions, "
	"ARRAY(SELECT DISTINCT dn.nspname || '.' || dc.relname FROM pg_rewrite r "
	"JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid "
	"AND d.refclassid = 'pg_class'::regclass "
	"JOIN pg_class dc ON dc.oid = d.refobjid JOIN pg_namespace dn ON dn.oid = dc.relnamespace "
	"WHERE r.ev_class = c.oid AND d.refobjid <> c.oid "
	"AND dc.relkind IN ('r', 'p', 'v', 'm', 'f') AND " NSP_OK("dn") " ORDER BY 1) "
	"FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
	"WHERE c.relkind IN ('v', 'm') AND " NSP_OK("n") " AND " NOT_EXT("pg_class", "c.oid") " "
	"ORDER BY n.nspname, c.relname";

/* --- tables, columns, constraints --------------------------------------- */

/* A foreign table's or its column's OPTIONS ("key=value"), sorted by key. */
static void fdw_options(ictx *x, PGresult *r, int row, int col, plumb_vec *out)
{
	size_t n = 0;
	const char **v = array(x, r, row, col, &n);
	for (size_t i = 0; v && i < n && !x->st.rc; i++)
		push(x, out, (void *)v[i]);
	plumb__pg_fdw_sort_options(out);
}

void read_tables(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read tables", q_tables, &r) < 0)
		return;
	int n = PQntuples(r);
	x->rels = plumb_arena_alloc(x->tmp, sizeof(*x->rels) * (size_t)(n ? n : 1));
	if (!x->rels)
		nomem(x);
	for (int i = 0; i < n && !x->st.rc; i++) {
		const char *schema = val(r, i, T_NSP), *name = val(r, i, T_NAME);
		rel *e = &x->rels[x->n_rels++];
		e->oid = strtoul(val(r, i, T_OID), NULL, 10);
		if (tracking_table(x, schema, name))
			continue;
		plumb_table *t = alloc(x, sizeof(*t));
		if (!t)
			return;
		t->schema = dup(x, schema);
		t->name = dup(x, name);
		t->unlogged = flag(r, i, T_UNLOGGED);
		t->rls_enabled = flag(r, i, T_RLS);
		t->rls_forced = flag(r, i, T_FORCE);
		t->partition_by = dup(x, val(r, i, T_PARTKEY));
		t->partition_of = dup(x, val(r, i, T_PARENT));
		t->partition_bound = dup(x, val(r, i, T_BOUND));
		parse_array(x, val(r, i, T_INHERITS), &t->inherits);
		size_t n_opts = 0;
		const char **opts = array(x, r, i, T_OPTIONS, &n_opts);
		if (n_opts)
			fail(x, plumb__pg_rel_options(x->st.ctx, x->st.arena, opts, n_opts,
						      &t->options));
		t->replica_identity = dup(x, val(r, i, T_REPLIDENT));
		if (!PQgetisnull(r, i, T_SERVER)) {
			t->server = dup(x, val(r, i, T_SERVER));
			fdw_options(x, r, i, T_FDWOPTS, &t->fdw_options);
		}
		push(x, &x->cat->tables, t);
		e->t = t;
	}
}

/* The sequence options in the fields starting at col (start, increment,
 * min, max, cache, cycle) of a sequence of type typid. */
void seq_fields(PGresult *r, int row, int col, long long typid, plumb_pg_seq *out)
{
	out->typid = typid;
	out->start = num(r, row, col);
	out->inc = num(r, row, col + 1);
	out->min = num(r, row, col + 2);
	out->max = num(r, row, col + 3);
	out->cache = num(r, row, col + 4);
	out->cycle = flag(r, row, col + 5);
}

void read_columns(ictx *x)
{
	PGresult *r;
	rel *cur = NULL;
	const char *cur_oid = "";
	char *sql = plumb_arena_printf(x->tmp, q_columns,
				       PQserverVersion(x->c->pg) >= 140000
					       ? "CASE a.attcompression WHEN 'p' THEN 'pglz' "
						 "WHEN 'l' THEN 'lz4' END"
					       : "NULL");
	if (!sql) {
		nomem(x);
		return;
	}
	if (run(x, "could not read columns", sql, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *oid = val(r, i, C_REL);
		if (strcmp(oid, cur_oid) != 0) {
			cur = find_rel(x, oid);
			cur_oid = oid;
		}
		/* serial only when reloading serial gives back this very sequence */
		bool serial = flag(r, i, C_SERIAL) &&
			      plumb__pg_is_serial_seq(val(r, i, C_NSP), val(r, i, C_TABLE),
						      val(r, i, C_NAME), val(r, i, C_SEQNSP),
						      val(r, i, C_SEQNAME));
		if (serial)
			add_folded(x, val(r, i, C_SEQ));
		if (!cur || !cur->t)
			continue;
		plumb_column *col = alloc(x, sizeof(*col));
		if (!col)
			return;
		col->name = dup(x, val(r, i, C_NAME));
		at(x, "column %s.%s.%s", cur->t->schema, cur->t->name, col->name);
		col->type = canon(x, CANON_TYPE, val(r, i, C_TYPE));
		col->not_null = flag(r, i, C_NOTNULL);
		col->collation = dup(x, val(r, i, C_COLLATION));
		col->inherited = flag(r, i, C_INHERITED);
		const char *ident = val(r, i, C_IDENTITY);
		if (serial) {
			col->type = col->type ? plumb__pg_serial_of(plumb__pg_int_typid(col->type)) : NULL;
		} else {
			col->default_sql = canon(x, CANON_EXPR, val(r, i, C_DEFAULT));
			col->default_written = written(x, val(r, i, C_DEFAULT));
			/* of a string column, a constant's cast to another string type */
			if (col->default_sql && plumb__pg_string_base(col->type)) {
				char *d = NULL;
				fail(x, plumb__pg_default_cast(
						x->st.ctx, x->st.arena, col->default_sql,
						val(r, i, C_DEFAULT), col->type, &d));
				col->default_sql = d;
			}
		}
		if (ident && *ident) {
			col->identity = ident[0] == 'a' ? "ALWAYS" : "BY DEFAULT";
			if (val(r, i, C_SEQTYPE)) {
				plumb_pg_seq seq;
				char *opts = NULL;
				seq_fields(r, i, C_START, num(r, i, C_SEQTYPE), &seq);
				fail(x, plumb__pg_seq_options(x->st.ctx, x->st.arena, &seq, &opts));
				col->identity_options = opts && *opts ? opts : NULL;
			}
		}
		const char *gen = val(r, i, C_GENERATED);
		if (gen) {
			col->generated_sql = canon(x, CANON_EXPR, gen);
			col->generated_written = written(x, gen);
			col->generated_stored = true;
		}
		col->compression = dup(x, val(r, i, C_COMPRESSION));
		const char *storage = val(r, i, C_STORAGE);
		if (storage)
			col->storage = storage[0] == 'p'   ? "PLAIN"
				       : storage[0] == 'm' ? "MAIN"
				       : storage[0] == 'e' ? "EXTERNAL"
							   : "EXTENDED";
		size_t n_opts = 0;
		const char **opts = array(x, r, i, C_OPTIONS, &n_opts);
		if (n_opts)
			fail(x, plumb__pg_column_options(x->st.ctx, x->st.arena, opts, n_opts,
							 &col->options));
		col->statistics = dup(x, val(r, i, C_STATS));
		fdw_options(x, r, i, C_FDWOPTS, &col->fdw_options);
		if (x->st.rc)
			return;
		fail(x, plumb__pg_column_define(x->st.ctx, x->st.arena, col));
		push(x, &cur->t->columns, col);
	}
	if (x->n_folded)
		qsort(x->folded, x->n_folded, sizeof(*x->folded), cmp_oid);
}

/* Skips a quoted identifier or string literal starting at s. */
static const char *skip_quoted(const char *s)
{
	char q = *s++;
	while (*s) {
		if (*s == q) {
			if (s[1] != q)
				return s + 1;
			s++;
		}
		s++;
	}
	return s;
}

/* The first occurrence of keyword kw (upper case, may hold spaces) in s
 * outside quotes, preceded by a space or the start and followed by a space
 * or a parenthesis; NULL when none. */
static const char *find_keyword(const char *s, const char *kw)
{
	size_t n = strlen(kw);
	for (const char *p = s; *p;) {
		if (*p == '"' || *p == '\'') {
			p = skip_quoted(p);
			continue;
		}
		if ((p == s || p[-1] == ' ') && strncasecmp(p, kw, n) == 0 &&
		    (p[n] == ' ' || p[n] == '('))
			return p;
		p++;
	}
	return NULL;
}

/* The canonical "EXCLUDE USING ..." text of a constraint: its definition
 * wrapped in ALTER TABLE ... ADD CONSTRAINT, canonicalised, unwrapped. */
static const char *exclude_text(ictx *x, const plumb_table *t, const char *name, const char *def,
				bool as_written)
{
	const char *wrapped = fmt(x, "ALTER TABLE %s ADD CONSTRAINT %s %s",
				  qname(x, t->schema, t->name), qname(x, NULL, name), def);
	if (as_written) {
		/* the server's text with its IN lists put back; NULL when
		 * there is none */
		const char *w = written_stmt(x, wrapped);
		return w ? find_keyword(w, "EXCLUDE") : NULL;
	}
	const char *c = canon(x, CANON_STMT, wrapped);
	if (!c)
		return NULL;
	const char *ex = find_keyword(c, "EXCLUDE");
	return ex ? ex : dup(x, def);
}

void read_constraints(ictx *x)
{
	PGresult *r;
	rel *cur = NULL;
	const char *cur_oid = "";
	char *sql = plumb_arena_printf(x->tmp, q_constraints,
				       PQserverVersion(x->c->pg) >= 150000
					       ? "coalesce((SELECT ix.indnullsnotdistinct FROM pg_index ix "
						 "WHERE ix.indexrelid = k.conindid), false)"
					       : "false");
	if (!sql) {
		nomem(x);
		return;
	}
	if (run(x, "could not read constraints", sql, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		const char *oid = val(r, i, K_REL);
		if (strcmp(oid, cur_oid) != 0) {
			cur = find_rel(x, oid);
			cur_oid = oid;
		}
		if (!cur || !cur->t)
			continue;
		plumb_table *t = cur->t;
		plumb_constraint *k = alloc(x, sizeof(*k));
		if (!k)
			return;
		k->name = dup(x, val(r, i, K_NAME));
		at(x, "constraint %s on %s.%s", k->name, t->schema, t->name);
		k->columns = array(x, r, i, K_COLS, &k->n_columns);
		k->include = array(x, r, i, K_INCLUDE, &k->n_include);
		k->deferrable = flag(r, i, K_DEFERRABLE);
		k->initially_deferred = flag(r, i, K_DEFERRED);
		k->not_valid = !flag(r, i, K_VALID);
		switch (val(r, i, K_TYPE)[0]) {
		case 'p':
			k->kind = PLUMB_CON_PRIMARY_KEY;
			for (size_t j = 0; j < k->n_columns && !x->st.rc; j++) {
				plumb_column *col = plumb_table_find_column(x->cat, t, k->columns[j]);
				if (col)
					col->pk_position = (int)j + 1;
			}
			break;
		case 'u':
			k->kind = PLUMB_CON_UNIQUE;
			if (flag(r, i, K_NND))
				k->check_sql = "NULLS NOT DISTINCT";
			break;
		case 'c':
			k->kind = PLUMB_CON_CHECK;
			k->check_sql = canon(x, CANON_EXPR, val(r, i, K_CHECK));
			k->check_written = written(x, val(r, i, K_CHECK));
			break;
		case 'x':
			k->kind = PLUMB_CON_EXCLUDE;
			k->check_sql = exclude_text(x, t, k->name, val(r, i, K_DEF), false);
			k->check_written = exclude_text(x, t, k->name, val(r, i, K_DEF), true);
			break;
		default:
			k->kind = PLUMB_CON_FOREIGN_KEY;
			k->ref_schema = dup(x, val(r, i, K_REFNSP));
			k->ref_table = dup(x, val(r, i, K_REFREL));
			k->ref_columns = array(x, r, i, K_REFCOLS, &k->n_ref_columns);
			k->on_update = plumb__pg_fk_action(val(r, i, K_UPD));
			k->on_delete = plumb__pg_fk_action(val(r, i, K_DEL));
			k->match = val(r, i, K_MATCH)[0] == 'f'	  ? "FULL"
				   : val(r, i, K_MATCH)[0] == 'p' ? "PARTIAL"
								  : "SIMPLE";
			break;
		}
		if (x->st.rc)
			return;
		fail(x, plumb__pg_constraint_define(x->st.ctx, x->st.arena, k));
		push(x, &t->constraints, k);
	}
}

/* --- indexes ------------------------------------------------------------ */

void read_indexes(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read indexes", q_indexes, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		if (!rel_kept(x, val(r, i, I_REL)))
			continue;
		plumb_index *ix = alloc(x, sizeof(*ix));
		if (!ix)
			return;
		ix->schema = dup(x, val(r, i, I_NSP));
		ix->name = dup(x, val(r, i, I_NAME));
		ix->table = dup(x, val(r, i, I_TABLE));
		at(x, "index %s.%s", ix->schema, ix->name);
		ix->unique = flag(r, i, I_UNIQUE);
		ix->sql = dup(x, val(r, i, I_DEF));
		/* an index of a partitioned table: pg_get_indexdef writes ON ONLY,
		 * which would leave the partitions without theirs */
		char *only = ix->sql ? (char *)find_keyword(ix->sql, "ON ONLY") : NULL;
		if (only)
			memmove(only + 3, only + 8, strlen(only + 8) + 1);
		ix->definition = canon(x, CANON_STMT, ix->sql);
		/* written as it reads back (an IN list on a varchar) */
		const char *as = written_stmt(x, ix->sql);
		if (as)
			ix->sql = as;
		/* an interrupted CREATE INDEX CONCURRENTLY: no schema's index is this one */
		ix->invalid = !flag(r, i, I_VALID);
		if (ix->invalid && ix->definition)
			ix->definition = fmt(x, "%s /* INVALID */", ix->definition);
		ix->where_sql = canon(x, CANON_EXPR, val(r, i, I_PRED));
		ix->statistics = dup(x, val(r, i, I_STATS));
		size_t n_keys = 0, n_opts = 0;
		const char **keys = array(x, r, i, I_KEYS, &n_keys);
		const char **opts = array(x, r, i, I_OPTS, &n_opts);
		for (size_t j = 0; j < n_keys && !x->st.rc; j++) {
			const char *k = canon(x, CANON_EXPR, keys[j]);
			long o = j < n_opts && opts[j] ? strtol(opts[j], NULL, 10) : 0;
			bool desc = o & 1, nulls_first = o & 2;
			if (desc || nulls_first)
				k = fmt(x, "%s%s%s", k, desc ? " DESC" : "",
					desc && !nulls_first   ? " NULLS LAST"
					: !desc && nulls_first ? " NULLS FIRST"
							       : "");
			push(x, &ix->keys, (void *)k);
		}
		push(x, &x->cat->indexes, ix);
	}
}

/* --- views -------------------------------------------------------------- */

char *plumb__pg_view_body(plumb_arena *arena, const char *def)
{
	while (*def == ' ' || *def == '\n' || *def == '\t')
		def++;
	size_t n = strlen(def);
	while (n && (def[n - 1] == ';' || def[n - 1] == ' ' || def[n - 1] == '\n'))
		n--;
	return plumb_arena_strndup(arena, def, n);
}

static char *view_body(ictx *x, const char *def)
{
	char *s = plumb__pg_view_body(x->st.arena, def);
	if (!s)
		nomem(x);
	return s;
}

/* Views in an order where what a view reads comes first, through the one
 * ordering engine (plan/order.h): each view provides "schema.name" and needs
 * the relations its rules read (depends); the name order the query gave is
 * kept wherever that allows. The needs are soft: PostgreSQL lets views read
 * each other (CREATE OR REPLACE VIEW can close a loop), and such a database
 * is still read, its loop left in name order; the planner refuses to create
 * or drop views in a loop. */
static void order_views(ictx *x)
{
	plumb_vec *views = &x->cat->views;
	plumb_order *o = plumb_order_new(x->tmp);
	plumb_vec sorted = {0};
	if (!o) {
		nomem(x);
		return;
	}
	for (size_t i = 0; i < views->n; i++) {
		const plumb_view *v = views->items[i];
		const char *key = plumb_arena_printf(x->tmp, "%s.%s", v->schema, v->name);
		const char *label = plumb_arena_printf(x->tmp, "view %s.%s", v->schema, v->name);
		long step = key && label ? plumb_order_add(o, label, (void *)v) : -1;
		if (step < 0 || plumb_order_provides(o, step, key)) {
			nomem(x);
			return;
		}
		for (size_t j = 0; j < v->depends.n; j++)
			if (plumb_order_needs(o, step, v->depends.items[j], true)) {
				nomem(x);
				return;
			}
	}
	int rc = plumb_order_sort(x->st.ctx, o, PLUMB_ORDER_FORWARD, &sorted);
	if (rc) { /* soft needs give way to a loop: only out of memory */
		fail(x, rc);
		return;
	}
	for (size_t i = 0; i < sorted.n; i++)
		views->items[i] = sorted.items[i];
}

void read_views(ictx *x)
{
	PGresult *r;
	if (run(x, "could not read views", q_views, &r) < 0)
		return;
	for (int i = 0; i < PQntuples(r) && !x->st.rc; i++) {
		plumb_view *v = alloc(x, sizeof(*v));
		if (!v)
			return;
		v->schema = dup(x, val(r, i, V_NSP));
		v->name = dup(x, val(r, i, V_NAME));
		at(x, "view %s.%s", v->schema, v->name);
		v->materialized = val(r, i, V_KIND)[0] == 'm';
		parse_array(x, val(r, i, V_DEPENDS), &v->depends);
		/* view options; check_option becomes WITH ... CHECK OPTION */
		size_t n_opts = 0;
		const char **opts = array(x, r, i, V_OPTIONS, &n_opts);
		const char *check = NULL;
		plumb_buf with;
		plumb_buf_init(&with, x->tmp, 0);
		for (size_t j = 0; j < n_opts && !x->st.rc; j++) {
			if (!opts[j])
				continue;
			if (strncmp(opts[j], "check_option=", 13) == 0) {
				check = opts[j] + 13;
				continue;
			}
			plumb_buf_puts(&with, with.len ? ", " : " WITH (");
			plumb_buf_puts(&with, opts[j]);
		}
		if (with.len)
			plumb_buf_putc(&with, ')');
		if (plumb_buf_finish(&with, x->st.ctx) < 0) {
			fail(x, PLUMB_ENOMEM);
			return;
		}
		const char *body = view_body(x, val(r, i, V_DEF)), *as = written_stmt(x, body);
		const char *head = fmt(x, "CREATE %sVIEW %s%s AS ", v->materialized ? "MATERIALIZED " : "",
				       qname(x, v->schema, v->name), with.data);
		const char *tail = fmt(x, "%s%s%s", check ? " WITH " : "",
				       check ? (strcmp(check, "local") == 0 ? "LOCAL" : "CASCADED") : "",
				       check ? " CHECK OPTION" : "");
		/* compared as the server prints it, written as it reads back */
		v->definition = canon(x, CANON_STMT, fmt(x, "%s%s%s", head, body, tail));
		v->sql = fmt(x, "%s%s%s", head, as ? as : body, tail);
		push(x, &x->cat->views, v);
	}
	if (!x->st.rc)
		order_views(x);
}
