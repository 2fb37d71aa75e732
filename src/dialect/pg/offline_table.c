/*
 * The offline builder's relations: CREATE TABLE (partitions, inheritance,
 * LIKE), CREATE INDEX, ALTER TABLE and views (CREATE VIEW, materialized
 * views). It
 * leaves columns and constraints to offline_column.c and implicit names to
 * names.c, the operator classes of index keys to offline_opclass.c; it
 * does not read types, functions or privileges.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dialect/pg/literal.h"
#include "dialect/pg/offline_int.h"

/* --- tables ----------------------------------------------------------------------- */

/* pg_get_partkeydef's text. */
static const char *partition_key(ox *x, const PgQuery__PartitionSpec *ps)
{
	plumb_buf b;
	plumb_buf_init(&b, x->st.arena, 0);
	for (const char *p = ps->strategy; p && *p; p++)
		plumb_buf_putc(&b, (char)toupper((unsigned char)*p));
	plumb_buf_puts(&b, " (");
	for (size_t i = 0; i < ps->n_part_params; i++) {
		PgQuery__Node *n = ps->part_params[i];
		if (i)
			plumb_buf_puts(&b, ", ");
		if (n->node_case != PG_QUERY__NODE__NODE_PARTITION_ELEM)
			continue;
		PgQuery__PartitionElem *pe = n->partition_elem;
		if (!empty(pe->name)) {
			plumb_buf_puts(&b, qi(x, pe->name));
		} else if (pe->expr) {
			bool fn = pe->expr->node_case == PG_QUERY__NODE__NODE_FUNC_CALL;
			const char *e = expr_text(x, pe->expr);
			plumb_buf_printf(&b, fn ? "%s" : "(%s)", e ? e : "");
		}
	}
	plumb_buf_putc(&b, ')');
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return NULL;
	}
	return b.data;
}

static void put_datum(ox *x, plumb_buf *b, PgQuery__Node *n, const char *keytype)
{
	if (n->node_case == PG_QUERY__NODE__NODE_COLUMN_REF && n->column_ref->n_fields == 1) {
		const char *s = plumb__pg_strval(n->column_ref->fields[0]);
		plumb_buf_puts(b, s && strcasecmp(s, "minvalue") == 0 ? "MINVALUE" : "MAXVALUE");
		return;
	}
	while (n->node_case == PG_QUERY__NODE__NODE_TYPE_CAST && n->type_cast->arg)
		n = n->type_cast->arg;
	if (n->node_case == PG_QUERY__NODE__NODE_A_CONST) {
		PgQuery__AConst *c = n->a_const;
		bool numkey = keytype && (strstr(keytype, "int") || strstr(keytype, "numeric") ||
					  strstr(keytype, "real") || strstr(keytype, "double"));
		switch (c->val_case) {
		case PG_QUERY__A__CONST__VAL_IVAL:
			plumb_buf_printf(b, numkey || !keytype ? "%d" : "'%d'", c->ival->ival);
			return;
		case PG_QUERY__A__CONST__VAL_FVAL:
			plumb_buf_printf(b, numkey || !keytype ? "%s" : "'%s'", c->fval->fval);
			return;
		case PG_QUERY__A__CONST__VAL_BOOLVAL:
			plumb_buf_puts(b, c->boolval->boolval ? "true" : "false");
			return;
		case PG_QUERY__A__CONST__VAL_SVAL: {
			const char *s = c->sval->sval;
			if (numkey) {
				plumb_buf_puts(b, s);
				return;
			}
			if (keytype && strncmp(keytype, "timestamp", 9) == 0 &&
			    strstr(keytype, "with time zone")) {
				/* printed as the server prints it, in UTC (literal_time.c) */
				char *ts = NULL;
				int prec = keytype[9] == '(' ? atoi(keytype + 10) : -1;
				if (plumb__pg_lit_timestamptz(x->tmp, s, prec, &ts) < 0) {
					fail(x, PLUMB_ENOMEM);
					return;
				}
				s = ts ? ts : s;
			} else if (keytype && strncmp(keytype, "timestamp", 9) == 0 && strlen(s) == 10 &&
				   s[4] == '-' && s[7] == '-') {
				s = plumb_arena_printf(x->tmp, "%s 00:00:00", s);
			}
			plumb_buf_quote_literal(b, s);
			return;
		}
		default:
			if (c->isnull) {
				plumb_buf_puts(b, "NULL");
				return;
			}
		}
	}
	const char *e = expr_text(x, n);
	plumb_buf_puts(b, e ? e : "");
}

static void put_datums(ox *x, plumb_buf *b, PgQuery__Node **v, size_t n, const char **keytypes,
		       size_t n_keys)
{
	plumb_buf_putc(b, '(');
	for (size_t i = 0; i < n; i++) {
		plumb_buf_puts(b, i ? ", " : "");
		put_datum(x, b, v[i], keytypes && n_keys ? keytypes[i < n_keys ? i : 0] : NULL);
	}
	plumb_buf_putc(b, ')');
}

/* pg_get_expr(relpartbound) */
static const char *partition_bound(ox *x, const PgQuery__PartitionBoundSpec *pb,
				   const plumb_table *parent)
{
	if (pb->is_default)
		return "DEFAULT";
	/* the key columns' types, when the key is a list of columns */
	const char *keytypes[32];
	size_t n_keys = 0;
	if (parent && parent->partition_by) {
		const char *p = strchr(parent->partition_by, '(');
		while (p && *p && *p != ')' && n_keys < 32) {
			p++;
			while (*p == ' ')
				p++;
			const char *e = p;
			while (*e && *e != ',' && *e != ')')
				e++;
			char *nm = plumb_arena_strndup(x->tmp, p, (size_t)(e - p));
			plumb_column *c = NULL;
			for (size_t i = 0; nm && i < parent->columns.n; i++) {
				plumb_column *cc = parent->columns.items[i];
				if (strcmp(cc->name, nm) == 0 || strcmp(qi(x, cc->name), nm) == 0)
					c = cc;
			}
			keytypes[n_keys++] = c ? c->type : NULL;
			p = e;
		}
	}
	plumb_buf b;
	plumb_buf_init(&b, x->st.arena, 0);
	plumb_buf_puts(&b, "FOR VALUES ");
	const char *st = pb->strategy ? pb->strategy : "";
	if (st[0] == 'h') {
		plumb_buf_printf(&b, "WITH (modulus %d, remainder %d)", pb->modulus, pb->remainder);
	} else if (st[0] == 'l') {
		plumb_buf_puts(&b, "IN ");
		put_datums(x, &b, pb->listdatums, pb->n_listdatums, keytypes, n_keys ? 1 : 0);
	} else {
		plumb_buf_puts(&b, "FROM ");
		put_datums(x, &b, pb->lowerdatums, pb->n_lowerdatums, keytypes, n_keys);
		plumb_buf_puts(&b, " TO ");
		put_datums(x, &b, pb->upperdatums, pb->n_upperdatums, keytypes, n_keys);
	}
	if (plumb_buf_finish(&b, x->st.ctx) < 0) {
		fail(x, PLUMB_ENOMEM);
		return NULL;
	}
	return b.data;
}

/* Columns of a parent copied into a child (partition or inheritance). */
static void inherit_columns(ox *x, plumb_table *t, const plumb_table *parent)
{
	for (size_t i = 0; i < parent->columns.n && !x->st.rc; i++) {
		const plumb_column *pc = parent->columns.items[i];
		if (find_column(t, pc->name))
			continue;
		plumb_column *c = alloc(x, sizeof(*c));
		if (!c)
			return;
		*c = *pc;
		c->inherited = true;
		c->renamed_from = NULL;
		c->pk_position = 0;
		c->identity = NULL;
		c->identity_options = NULL;
		/* storage and compression come along, options and statistics not */
		c->options = NULL;
		c->statistics = NULL;
		if (plumb__pg_is_serial(pc->type)) {
			c->type = plumb__pg_serial_base(pc->type);
			char *seq = make_object_name(x, parent->name, pc->name, "seq");
			const char *q = strcmp(parent->schema, "public") == 0
						? seq
						: fmt(x, "%s.%s", qi(x, parent->schema), qi(x, seq));
			plumb_buf b;
			plumb_buf_init(&b, x->st.arena, 0);
			plumb_buf_puts(&b, "nextval(");
			plumb_buf_quote_literal(&b, q ? q : "");
			plumb_buf_putc(&b, ')');
			if (plumb_buf_finish(&b, x->st.ctx) < 0) {
				fail(x, PLUMB_ENOMEM);
				return;
			}
			c->default_sql = b.data;
		}
		push(x, &t->columns, c);
	}
}

/* Is parent a parent of t (partition or INHERITS)? */
static bool child_of(ox *x, const plumb_table *t, const plumb_table *parent)
{
	const char *k = fmt(x, "%s.%s", parent->schema, parent->name);
	if (!k)
		return false;
	if (t->partition_of && strcmp(t->partition_of, k) == 0)
		return true;
	for (size_t i = 0; i < t->inherits.n; i++)
		if (strcmp(t->inherits.items[i], k) == 0)
			return true;
	return false;
}

/* ALTER TABLE parent ADD COLUMN reaches t when it is a child (and its
 * children in turn); a child's own column of that name stays its own. */
static void inherit_column(ox *x, plumb_table *t, const plumb_table *parent,
			   const plumb_column *pc)
{
	if (t == parent || !child_of(x, t, parent) || find_column(t, pc->name))
		return;
	plumb_table copy = *parent;
	copy.columns = (plumb_vec){0};
	push(x, &copy.columns, (void *)pc);
	inherit_columns(x, t, &copy);
	plumb_column *c = find_column(t, pc->name);
	for (size_t k = 0; c && k < x->cat->tables.n && !x->st.rc; k++)
		inherit_column(x, x->cat->tables.items[k], t, c);
}

/* ALTER TABLE parent ALTER COLUMN name SET STORAGE reaches the column of
 * every child (and of their children), inherited or its own. */
static void storage_down(ox *x, plumb_table *parent, const char *name, const char *storage)
{
	for (size_t k = 0; k < x->cat->tables.n && !x->st.rc; k++) {
		plumb_table *t = x->cat->tables.items[k];
		plumb_column *c = t != parent && child_of(x, t, parent) ? find_column(t, name) : NULL;
		if (!c)
			continue;
		c->storage = storage;
		storage_down(x, t, name, storage);
	}
}

/* ALTER TABLE parent ALTER COLUMN name SET STATISTICS reaches the column
 * of every child too. */
static void statistics_down(ox *x, plumb_table *parent, const char *name, const char *target)
{
	for (size_t k = 0; k < x->cat->tables.n && !x->st.rc; k++) {
		plumb_table *t = x->cat->tables.items[k];
		plumb_column *c =
			t != parent && child_of(x, t, parent) ? find_column(t, name) : NULL;
		if (!c)
			continue;
		c->statistics = target;
		statistics_down(x, t, name, target);
	}
}

/* ALTER TABLE parent DROP COLUMN takes the inherited column of a child
 * along (and of its children in turn). */
static void uninherit_column(ox *x, plumb_table *t, const plumb_table *parent, const char *name)
{
	plumb_column *c = t != parent && child_of(x, t, parent) ? find_column(t, name) : NULL;
	if (!c || !c->inherited)
		return;
	remove_item(&t->columns, c);
	for (size_t k = 0; k < x->cat->tables.n; k++)
		uninherit_column(x, x->cat->tables.items[k], t, name);
}

/* The options of LIKE, CREATE_TABLE_LIKE_* of parsenodes.h (the parse
 * tree's TableLikeClause keeps the server's bits). */
enum {
	LIKE_COMMENTS = 1 << 0,
	LIKE_COMPRESSION = 1 << 1,
	LIKE_CONSTRAINTS = 1 << 2,
	LIKE_DEFAULTS = 1 << 3,
	LIKE_GENERATED = 1 << 4,
	LIKE_IDENTITY = 1 << 5,
	LIKE_INDEXES = 1 << 6,
	LIKE_STORAGE = 1 << 8,
};

/* CREATE TABLE t (LIKE s ...): s's columns become t's own, as
 * expandTableLikeClause copies them: type, collation and NOT NULL always,
 * defaults, generated expressions, compression, storage and CHECK
 * constraints (named as in s) as the options say. Identity, indexes and
 * comments are not modelled: an error that names --dev-url. */
static void like_columns(ox *x, plumb_table *t, const PgQuery__TableLikeClause *lc)
{
	PgQuery__RangeVar *rv = lc->relation;
	plumb_table *s = rv ? rv_table(x, rv) : NULL;
	if (!s) {
		if (rv)
			error_at(x, at(x, rv->location), "relation \"%s\" does not exist",
				 shown(x, sch(rv->schemaname), rv->relname));
		return;
	}
	if (lc->options & (LIKE_COMMENTS | LIKE_IDENTITY | LIKE_INDEXES)) {
		error_at(x, at(x, rv->location),
			 "LIKE ... INCLUDING COMMENTS, IDENTITY, INDEXES or ALL cannot be read "
			 "without a server");
		dev_url_hint(x);
		return;
	}
	size_t first = t->columns.n;
	inherit_columns(x, t, s);
	for (size_t i = first; i < t->columns.n; i++) {
		plumb_column *c = t->columns.items[i];
		c->inherited = false;
		if (!(lc->options & LIKE_DEFAULTS) && !c->generated_sql) {
			c->default_sql = NULL;
			c->default_written = NULL;
		}
		if (!(lc->options & LIKE_GENERATED) && c->generated_sql) {
			c->generated_sql = NULL;
			c->generated_written = NULL;
			c->generated_stored = false;
		}
		if (!(lc->options & LIKE_COMPRESSION))
			c->compression = NULL;
		if (!(lc->options & LIKE_STORAGE))
			c->storage = NULL;
	}
	for (size_t i = 0; (lc->options & LIKE_CONSTRAINTS) && i < s->constraints.n; i++) {
		const plumb_constraint *k = s->constraints.items[i];
		if (k->kind != PLUMB_CON_CHECK)
			continue;
		plumb_constraint *copy = alloc(x, sizeof(*copy));
		if (!copy)
			return;
		*copy = *k;
		copy->not_valid = false;
		push(x, &t->constraints, copy);
	}
}

void create_table(ox *x, PgQuery__CreateStmt *cs, size_t loc)
{
	PgQuery__RangeVar *rv = cs->relation;
	const char *schema = sch(rv->schemaname);
	if (rv->relpersistence && *rv->relpersistence == 't')
		return;
	if (find_table(x, schema, rv->relname)) {
		if (!cs->if_not_exists)
			stmt_error(x, loc, "relation already exists", rv->relname);
		return;
	}
	plumb_table *t = alloc(x, sizeof(*t));
	if (!t)
		return;
	t->schema = dup(x, schema);
	t->name = dup(x, rv->relname);
	t->unlogged = rv->relpersistence && *rv->relpersistence == 'u';
	t->renamed_from = annotation_at(x, loc);
	use_name(x, &x->relnames, schema, t->name);
	push(x, &x->cat->tables, t);
	plumb_vec pending = {0};
	plumb_table *parent = NULL;
	if (cs->partbound && cs->n_inh_relations == 1 &&
	    cs->inh_relations[0]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
		PgQuery__RangeVar *prv = cs->inh_relations[0]->range_var;
		parent = rv_table(x, prv);
		if (!parent) {
			error_at(x, at(x, prv->location), "relation \"%s\" does not exist",
				 shown(x, sch(prv->schemaname), prv->relname));
			return;
		}
		t->partition_of = fmt(x, "%s.%s", parent->schema, parent->name);
		t->partition_bound = partition_bound(x, cs->partbound, parent);
		inherit_columns(x, t, parent);
	} else {
		for (size_t i = 0; i < cs->n_inh_relations; i++)
			if (cs->inh_relations[i]->node_case == PG_QUERY__NODE__NODE_RANGE_VAR) {
				PgQuery__RangeVar *prv = cs->inh_relations[i]->range_var;
				plumb_table *p = rv_table(x, prv);
				if (!p) {
					error_at(x, at(x, prv->location), "relation \"%s\" does not exist",
						 shown(x, sch(prv->schemaname), prv->relname));
					return;
				}
				inherit_columns(x, t, p);
				push(x, &t->inherits, fmt(x, "%s.%s", p->schema, p->name));
			}
	}
	for (size_t i = 0; i < cs->n_table_elts && !x->st.rc; i++) {
		PgQuery__Node *e = cs->table_elts[i];
		if (e->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
			PgQuery__ColumnDef *cd = e->column_def;
			plumb_column *existing = find_column(t, cd->colname);
			if (existing && (parent || cd->type_name == NULL)) {
				/* a partition's column options: constraints only */
				column_constraints(x, t, existing, cd, &pending);
				continue;
			}
			if (existing && existing->inherited) {
				/* declared again: merged with the inherited one, now local */
				existing->inherited = false;
				if (cd->coll_clause)
					existing->collation = collation_text(x, cd->coll_clause);
				if (cd->is_not_null)
					existing->not_null = true;
				column_constraints(x, t, existing, cd, &pending);
				continue;
			}
			add_column(x, t, cd, &pending);
		} else if (e->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
			new_constraint(x, t, e->constraint, NULL, &pending);
		} else if (e->node_case == PG_QUERY__NODE__NODE_TABLE_LIKE_CLAUSE) {
			like_columns(x, t, e->table_like_clause);
		}
	}
	for (size_t i = 0; i < cs->n_constraints && !x->st.rc; i++)
		if (cs->constraints[i]->node_case == PG_QUERY__NODE__NODE_CONSTRAINT)
			new_constraint(x, t, cs->constraints[i]->constraint, NULL, &pending);
	if (cs->partspec)
		t->partition_by = partition_key(x, cs->partspec);
	/* once the columns are known: whether there is a TOAST table */
	if (cs->n_options)
		set_rel_options(x, t, cs->options, cs->n_options, 1);
	finish_constraints(x, t, &pending);
	default_privileges_relation(x, t->schema, t->name, false);
}

/* --- indexes --------------------------------------------------------------------- */

/* libpg_query's deparser writes an index's name bare: quote it where
 * PostgreSQL would need it ("EmailIndex", "select"), so the statement
 * creates it. */
static const char *quote_index_name(ox *x, const char *sql, const char *name)
{
	if (!sql || !name || !plumb__pg_ident_needs_quotes(name))
		return sql;
	const char *bare = fmt(x, " %s ON ", name);
	const char *at = bare ? strstr(sql, bare) : NULL;
	char *q = plumb_quote_ident(x->st.arena, name);
	if (!at || !q)
		return sql;
	return fmt(x, "%.*s %s%s", (int)(at - sql), sql, q, at + strlen(name) + 1);
}

/* Does s start with the n bytes of p? */
static bool starts_with(const char *s, const char *p, size_t n)
{
	return strncmp(s, p, n) == 0;
}

/* The canonical text of the CREATE INDEX stmt, text as deparsed. When
 * normalising would change nothing but drop the relation's schema public
 * (plumb__pg_index_stmt_plain), text with "public." taken out where the
 * deparser writes it, after the index's name: a second deparse of most
 * indexes saved. Otherwise, or when the text is not of that shape, the
 * statement is normalised and deparsed again. */
static const char *index_definition(ox *x, PgQuery__IndexStmt *is, PgQuery__Node *stmt,
				    const char *text)
{
	if (!text || empty(is->idxname) || !plumb__pg_index_stmt_plain(is))
		return stmt_text(x, stmt);
	if (!is->relation->schemaname || strcmp(is->relation->schemaname, "public") != 0)
		return text;
	const char *head = is->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ";
	const char *p = text + strlen(head);
	size_t n = strlen(is->idxname);
	const char *q = plumb_quote_ident(x->tmp, is->idxname);
	if (!starts_with(text, head, strlen(head)))
		return stmt_text(x, stmt);
	if (starts_with(p, is->idxname, n))
		p += n;
	else if (q && starts_with(p, q, strlen(q)))
		p += strlen(q);
	else
		return stmt_text(x, stmt);
	static const char *const ons[] = {" ON public.", " ON ONLY public."};
	for (size_t i = 0; i < 2; i++) {
		size_t len = strlen(ons[i]);
		if (starts_with(p, ons[i], len))
			return fmt(x, "%.*s%.*s%s", (int)(p - text), text, (int)(len - 7), ons[i],
				   p + len);
	}
	return stmt_text(x, stmt);
}

void create_index(ox *x, PgQuery__IndexStmt *is, PgQuery__Node *stmt, size_t loc)
{
	plumb_table *t = rv_table(x, is->relation);
	if (!t) {
		/* an index on a materialized view; on anything else, or on a
		 * table not created before it, an error */
		const char *schema = sch(is->relation->schemaname);
		const plumb_view *view = find_view(x, schema, is->relation->relname);
		if (!view)
			error_at(x, at(x, is->relation->location), "relation \"%s\" does not exist",
				 shown(x, schema, is->relation->relname));
		else if (!view->materialized)
			error_at(x, at(x, is->relation->location),
				 "\"%s\" is not a table or materialized view",
				 shown(x, schema, is->relation->relname));
		if (!view || !view->materialized)
			return;
	}
	/* ON ONLY (pg_dump's, before ALTER INDEX ... ATTACH PARTITION of each
	 * partition's index) ends as the index on the whole table */
	is->relation->inh = true;
	for (size_t i = 0; t && i < is->n_index_params + is->n_index_including_params; i++) {
		PgQuery__Node *p = i < is->n_index_params ? is->index_params[i]
							  : is->index_including_params[i - is->n_index_params];
		if (p->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM && !empty(p->index_elem->name) &&
		    !find_column(t, p->index_elem->name)) {
			error_at(x, x->loc, "column \"%s\" does not exist", p->index_elem->name);
			return;
		}
	}
	const char *schema = sch(is->relation->schemaname);
	const char *table = is->relation->relname;
	if (empty(is->idxname)) {
		size_t n = is->n_index_params + is->n_index_including_params;
		const char **names = plumb_arena_alloc(x->tmp, (n + 1) * sizeof(*names));
		if (!names) {
			nomem(x);
			return;
		}
		for (size_t i = 0; i < n; i++) {
			PgQuery__Node *p = i < is->n_index_params
						   ? is->index_params[i]
						   : is->index_including_params[i - is->n_index_params];
			const char *nm = "expr";
			if (p->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM) {
				PgQuery__IndexElem *ie = p->index_elem;
				if (!empty(ie->indexcolname))
					nm = ie->indexcolname;
				else if (!empty(ie->name))
					nm = ie->name;
				else if (plumb__pg_figure_colname(ie->expr))
					nm = plumb__pg_figure_colname(ie->expr);
			}
			names[i] = nm;
		}
		const char **cols = index_colnames(x, names, n);
		is->idxname = choose_name(x, schema, table, cols ? name_addition(x, cols, n) : "",
					  is->primary ? "pkey" : is->isconstraint ? "key" : "idx", true, false);
		if (!is->idxname)
			return;
	} else {
		if (plumb_catalog_find(x->cat, PLUMB_OBJ_INDEX, schema, is->idxname)) {
			if (!is->if_not_exists)
				stmt_error(x, loc, "relation already exists", is->idxname);
			return;
		}
	}
	plumb_index *ix = alloc(x, sizeof(*ix));
	if (!ix)
		return;
	ix->schema = dup(x, schema);
	ix->name = dup(x, is->idxname);
	ix->table = dup(x, table);
	ix->unique = is->unique;
	ix->renamed_from = annotation_at(x, loc);
	use_name(x, &x->relnames, schema, ix->name);
	is->relation->schemaname = (char *)ix->schema;
	/* the statement too: a class outside public qualified, so that it
	 * runs whatever the session's search_path */
	for (size_t i = 0; i < is->n_index_params; i++)
		if (is->index_params[i]->node_case == PG_QUERY__NODE__NODE_INDEX_ELEM)
			index_opclass(x, t, is->access_method, is->index_params[i]->index_elem);
	const char *text = deparse(x, stmt);
	ix->sql = quote_index_name(x, text, ix->name);
	/* expressions compared as parse analysis leaves them; one that ends a
	 * plain column is a column key, as the server stores it */
	bool columns = false;
	for (size_t i = 0; t && i < is->n_index_params && !x->st.rc; i++) {
		PgQuery__Node *p = is->index_params[i];
		if (p->node_case != PG_QUERY__NODE__NODE_INDEX_ELEM || !p->index_elem->expr)
			continue;
		PgQuery__IndexElem *ie = p->index_elem;
		fail(x, plumb__pg_analyze_table_expr(x->st.ctx, x->st.arena, x->cat, t, ie->expr));
		if (ie->expr->node_case == PG_QUERY__NODE__NODE_COLUMN_REF &&
		    ie->expr->column_ref->n_fields == 1 &&
		    plumb__pg_strval(ie->expr->column_ref->fields[0])) {
			ie->name = (char *)plumb__pg_strval(ie->expr->column_ref->fields[0]);
			ie->expr = NULL;
			columns = true;
		}
	}
	if (columns)
		text = deparse(x, stmt);
	/* keys as introspection reads them (pg_get_indexdef(i, k, true)) */
	for (size_t i = 0; i < is->n_index_params && !x->st.rc; i++) {
		PgQuery__Node *p = is->index_params[i];
		if (p->node_case != PG_QUERY__NODE__NODE_INDEX_ELEM)
			continue;
		PgQuery__IndexElem *ie = p->index_elem;
		const char *k;
		if (!empty(ie->name)) {
			PgQuery__ColumnRef *cr = alloc(x, sizeof(*cr));
			PgQuery__Node **f = alloc(x, sizeof(*f));
			if (x->st.rc)
				return;
			pg_query__column_ref__init(cr);
			f[0] = plumb__pg_string(x->st.arena, ie->name);
			cr->fields = f;
			cr->n_fields = 1;
			k = expr_text(x, plumb__pg_node(x->st.arena, PG_QUERY__NODE__NODE_COLUMN_REF, cr));
		} else {
			k = expr_text(x, ie->expr);
		}
		bool desc = ie->ordering == PG_QUERY__SORT_BY_DIR__SORTBY_DESC;
		bool nf = ie->nulls_ordering == PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_FIRST ||
			  (desc && ie->nulls_ordering != PG_QUERY__SORT_BY_NULLS__SORTBY_NULLS_LAST);
		if (desc || nf)
			k = fmt(x, "%s%s%s", k ? k : "", desc ? " DESC" : "",
				desc && !nf   ? " NULLS LAST"
				: !desc && nf ? " NULLS FIRST"
					      : "");
		push(x, &ix->keys, (void *)k);
	}
	if (is->where_clause)
		ix->where_sql = table_expr_text(x, t, is->where_clause);
	ix->definition = index_definition(x, is, stmt, text);
	push(x, &x->cat->indexes, ix);
}

/* --- ALTER TABLE ---------------------------------------------------------------------- */

/* The constraint name of t taken out, as a merge does (not a DROP: nothing
 * that depends on it goes). */
static void remove_constraint(plumb_table *t, const char *name)
{
	for (size_t i = 0; i < t->constraints.n; i++) {
		plumb_constraint *k = t->constraints.items[i];
		if (k->name && strcmp(k->name, name) == 0) {
			plumb_vec_remove(&t->constraints, i);
			return;
		}
	}
}

/* A table attached as a partition of parent: as the server merges it,
 * its columns and the checks the parent has too are the parent's now
 * (attislocal, conislocal false), no longer its own. */
static void attached(plumb_table *p, const plumb_table *parent)
{
	for (size_t i = 0; i < p->columns.n; i++) {
		plumb_column *c = p->columns.items[i];
		if (find_column((plumb_table *)parent, c->name))
			c->inherited = true;
	}
	for (size_t i = 0; i < parent->constraints.n; i++) {
		const plumb_constraint *pk = parent->constraints.items[i];
		if (pk->kind == PLUMB_CON_CHECK && pk->name)
			remove_constraint(p, pk->name);
	}
}

/* Whether what an ALTER TABLE command names is there (a column to alter or
 * drop, no column of the name it adds, a constraint to drop, a table to
 * attach); when not, an error as PostgreSQL's, or false with nothing to do
 * for IF [NOT] EXISTS. */
static bool alter_target_exists(ox *x, plumb_table *t, PgQuery__AlterTableCmd *c, plumb_column *col)
{
	const char *rel = shown(x, t->schema, t->name);
	switch (c->subtype) {
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn: {
		PgQuery__ColumnDef *cd = c->def && c->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF
						 ? c->def->column_def
						 : NULL;
		if (!cd || !find_column(t, cd->colname))
			return true;
		if (!c->missing_ok)
			error_at(x, at(x, cd->location), "column \"%s\" of relation \"%s\" already exists",
				 cd->colname, rel);
		return false;
	}
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStorage:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetCompression:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_SetOptions:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetOptions:
		if (col || empty(c->name))
			return true;
		if (!(c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn && c->missing_ok))
			error_at(x, x->loc, "column \"%s\" of relation \"%s\" does not exist", c->name,
				 rel);
		return false;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
	case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
		for (size_t i = 0; !empty(c->name) && i < t->constraints.n; i++) {
			plumb_constraint *k = t->constraints.items[i];
			if (k->name && strcmp(k->name, c->name) == 0)
				return true;
		}
		if (!c->missing_ok)
			error_at(x, x->loc, "constraint \"%s\" of relation \"%s\" does not exist",
				 c->name ? c->name : "", rel);
		return false;
	case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition: {
		PgQuery__RangeVar *rv = c->def && c->def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD
						? c->def->partition_cmd->name
						: NULL;
		if (!rv || rv_table(x, rv))
			return true;
		error_at(x, at(x, rv->location), "relation \"%s\" does not exist",
			 shown(x, sch(rv->schemaname), rv->relname));
		return false;
	}
	default:
		return true;
	}
}

void alter_table(ox *x, PgQuery__AlterTableStmt *as, size_t loc)
{
	if (as->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_TABLE &&
	    as->objtype != PG_QUERY__OBJECT_TYPE__OBJECT_FOREIGN_TABLE) {
		alter_other(x, as);
		return;
	}
	plumb_table *t = rv_table(x, as->relation);
	if (!t) {
		/* ALTER TABLE also takes views and sequences (OWNER TO, ...): no model for those */
		const char *rs = sch(as->relation->schemaname), *rn = as->relation->relname;
		bool other = find_object(x, PLUMB_OBJ_SEQUENCE, rs, rn) || find_view(x, rs, rn);
		if (!as->missing_ok && !other)
			stmt_error(x, loc, "relation does not exist", as->relation->relname);
		return;
	}
	plumb_vec pending = {0};
	for (size_t i = 0; i < as->n_cmds && !x->st.rc; i++) {
		if (as->cmds[i]->node_case != PG_QUERY__NODE__NODE_ALTER_TABLE_CMD)
			continue;
		PgQuery__AlterTableCmd *c = as->cmds[i]->alter_table_cmd;
		plumb_column *col = empty(c->name) ? NULL : find_column(t, c->name);
		if (!alter_target_exists(x, t, c, col))
			continue;
		switch (c->subtype) {
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddColumn:
			if (c->def && c->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF &&
			    !find_column(t, c->def->column_def->colname)) {
				plumb_column *added = add_column(x, t, c->def->column_def, &pending);
				if (!added || !as->relation->inh)
					break;
				for (size_t k = 0; k < x->cat->tables.n && !x->st.rc; k++)
					inherit_column(x, x->cat->tables.items[k], t, added);
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DropColumn:
			if (col) {
				drop_column(x, t, col,
					    c->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE);
				for (size_t k = 0;
				     as->relation->inh && !x->st.rc && k < x->cat->tables.n; k++)
					uninherit_column(x, x->cat->tables.items[k], t, col->name);
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ColumnDefault:
			if (col) {
				unfold_serial(x, t, col);
				set_default(x, col, c->def);
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetNotNull:
			if (col)
				col->not_null = true;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DropNotNull:
			if (col)
				col->not_null = false;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnType:
			if (col && c->def && c->def->node_case == PG_QUERY__NODE__NODE_COLUMN_DEF) {
				unfold_serial(x, t, col);
				const char *from = col->type;
				col->type = type_text(x, c->def->column_def->type_name);
				char *d = NULL;
				fail(x, plumb__pg_retype_default(x->st.ctx, x->st.arena,
								 col->default_sql, from, col->type,
								 &d));
				if (d && col->default_sql && strcmp(d, col->default_sql) != 0)
					col->default_written = NULL;
				col->default_sql = d;
				/* the new type's storage, and no compression set; the
				 * indexes built again lose their statistics targets */
				col->storage = NULL;
				col->compression = NULL;
				index_statistics_reset(x, t, col->name);
				if (c->def->column_def->coll_clause)
					col->collation = collation_text(x, c->def->column_def->coll_clause);
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStorage:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetCompression:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetOptions:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ResetOptions:
			if (col)
				set_column_storage(x, col, c);
			/* of the commands, only SET STORAGE reaches the children */
			if (col && as->relation->inh &&
			    c->subtype == PG_QUERY__ALTER_TABLE_TYPE__AT_SetStorage)
				storage_down(x, t, col->name, col->storage);
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetStatistics: {
			const char *target = statistics_target(x, c);
			if (!col || x->st.rc)
				break;
			col->statistics = target;
			if (as->relation->inh)
				statistics_down(x, t, col->name, target);
			break;
		}
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddIdentity:
			if (col && c->def && c->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
				PgQuery__Constraint *k = c->def->constraint;
				seqopts s;
				read_seqopts(k->options, k->n_options, 20, &s);
				col->identity = k->generated_when && *k->generated_when == 'a' ? "ALWAYS"
												 : "BY DEFAULT";
				const char *o = seq_text(x, &s);
				col->identity_options = o && *o ? o : NULL;
				col->not_null = true;
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AddConstraint:
			if (c->def && c->def->node_case == PG_QUERY__NODE__NODE_CONSTRAINT) {
				plumb_constraint *k =
					new_constraint(x, t, c->def->constraint, NULL, &pending);
				/* a CHECK or foreign key whose rows wait for VALIDATE */
				if (k && (k->kind == PLUMB_CON_CHECK ||
					  k->kind == PLUMB_CON_FOREIGN_KEY))
					k->not_valid = c->def->constraint->skip_validation;
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ValidateConstraint:
			for (size_t j = 0; !empty(c->name) && j < t->constraints.n; j++) {
				plumb_constraint *k = t->constraints.items[j];
				if (k->name && strcmp(k->name, c->name) == 0)
					k->not_valid = false;
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DropConstraint:
			drop_constraint(x, t, c->name,
					c->behavior == PG_QUERY__DROP_BEHAVIOR__DROP_CASCADE);
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_EnableRowSecurity:
			t->rls_enabled = true;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_DisableRowSecurity:
			t->rls_enabled = false;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_ForceRowSecurity:
			t->rls_forced = true;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_NoForceRowSecurity:
			t->rls_forced = false;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetLogged:
			t->unlogged = false;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_SetUnLogged:
			t->unlogged = true;
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AttachPartition:
			if (c->def && c->def->node_case == PG_QUERY__NODE__NODE_PARTITION_CMD) {
				plumb_table *p = rv_table(x, c->def->partition_cmd->name);
				if (p && c->def->partition_cmd->bound) {
					p->partition_of = fmt(x, "%s.%s", t->schema, t->name);
					p->partition_bound = partition_bound(x, c->def->partition_cmd->bound, t);
					attached(p, t);
				}
			}
			break;
		case PG_QUERY__ALTER_TABLE_TYPE__AT_GenericOptions:
		case PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnGenericOptions:
			/* a foreign table's or its column's OPTIONS */
			if (!t->server ||
			    (c->subtype ==
				     PG_QUERY__ALTER_TABLE_TYPE__AT_AlterColumnGenericOptions &&
			     !col)) {
				error_at(x, x->loc, "\"%s\" is not a foreign table", t->name);
				break;
			}
			if (c->def && c->def->node_case == PG_QUERY__NODE__NODE_LIST)
				fdw_options_apply(x, col ? &col->fdw_options : &t->fdw_options,
						  c->def->list->items, c->def->list->n_items,
						  x->loc);
			break;
		default:
			if (!alter_table_more(x, t, c, col) && !x->st.rc) {
				error_at(x, x->loc,
					 "this form of ALTER TABLE cannot be read without a "
					 "server");
				plumb_error_set_hint(x->st.ctx,
						     "give --dev-url to read it on a server");
			}
			break;
		}
	}
	finish_constraints(x, t, &pending);
}

/* --- views ------------------------------------------------------------------------------ */

typedef struct deps {
	ox *x;
	plumb_vec *out;
} deps;

static void collect_dep(ProtobufCMessage *m, void *p)
{
	deps *d = p;
	if (m->descriptor != &pg_query__range_var__descriptor)
		return;
	PgQuery__RangeVar *rv = (PgQuery__RangeVar *)m;
	const char *s = fmt(d->x, "%s.%s", sch(rv->schemaname), rv->relname);
	for (size_t i = 0; s && i < d->out->n; i++)
		if (strcmp(d->out->items[i], s) == 0)
			return;
	bool known = rv_table(d->x, rv) != NULL;
	for (size_t i = 0; !known && i < d->x->cat->views.n; i++) {
		plumb_view *v = d->x->cat->views.items[i];
		known = strcmp(v->schema, sch(rv->schemaname)) == 0 && strcmp(v->name, rv->relname) == 0;
	}
	if (known)
		push(d->x, d->out, (void *)s);
}

/* Column aliases of CREATE VIEW v (a, b) become AS names in the select list
 * (of the first SELECT of a set operation, which names the columns). */
static void apply_aliases(PgQuery__SelectStmt *s, PgQuery__Node **aliases, size_t n)
{
	while (s->op != PG_QUERY__SET_OPERATION__SETOP_NONE && s->larg)
		s = s->larg;
	for (size_t i = 0; i < n && i < s->n_target_list; i++) {
		PgQuery__Node *t = s->target_list[i];
		const char *a = plumb__pg_strval(aliases[i]);
		if (a && t->node_case == PG_QUERY__NODE__NODE_RES_TARGET)
			t->res_target->name = (char *)a;
	}
}

/* A view from its statement, kept as written (sql) and as the server would
 * print it back (definition: the query analysed, column aliases as AS
 * names). */
void add_view(ox *x, PgQuery__RangeVar *rv, PgQuery__Node *query, PgQuery__Node *stmt,
	      PgQuery__Node **aliases, size_t *n_aliases, bool materialized, bool replace,
	      size_t loc)
{
	const char *schema = sch(rv->schemaname);
	plumb_view *old = find_view(x, schema, rv->relname);
	if (old && !replace) {
		stmt_error(x, loc, "relation already exists", rv->relname);
		return;
	}
	if (old)
		plumb_catalog_remove_item(x->cat, &x->cat->views, old);
	plumb_view *v = alloc(x, sizeof(*v));
	if (!v)
		return;
	v->schema = dup(x, schema);
	v->name = dup(x, rv->relname);
	v->materialized = materialized;
	rv->schemaname = (char *)v->schema;
	use_name(x, &x->relnames, schema, v->name);
	deps d = {x, &v->depends};
	if (query)
		plumb__pg_walk(&query->base, collect_dep, &d);
	v->sql = deparse(x, stmt);
	size_t n = *n_aliases;
	*n_aliases = 0;
	if (query && query->node_case == PG_QUERY__NODE__NODE_SELECT_STMT && !x->st.rc) {
		fail(x, plumb__pg_analyze_query(x->st.ctx, x->tmp, x->cat, query));
		apply_aliases(query->select_stmt, aliases, n);
	}
	v->definition = stmt_text(x, stmt);
	push(x, &x->cat->views, v);
}
