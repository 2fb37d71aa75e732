/*
 * Column, constraint and collation definitions of the PostgreSQL catalog,
 * built from their fields in one place, so introspection and the offline
 * builder write them alike. The texts it joins must already be canonical
 * (canon.c).
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

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
 * NOT, IS, IN, LIKE, BETWEEN, AT TIME ZONE, COLLATE and the like. */
static bool default_needs_parens(const char *e)
{
	static const char *const words[] = {"and", "or", "not", "is", "in", "like", "ilike",
					    "between", "at", "collate", "similar", "overlaps",
					    "isnull", "notnull"};
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
	/* PostgreSQL lets keys, exclusions and foreign keys be deferred. */
	if (con->kind != PLUMB_CON_CHECK && con->deferrable)
		plumb_buf_puts(&b, " DEFERRABLE");
	if (con->kind != PLUMB_CON_CHECK && con->initially_deferred)
		plumb_buf_puts(&b, " INITIALLY DEFERRED");
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
