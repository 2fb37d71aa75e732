/*
 * The planner's statements for the objects that are not tables, views,
 * indexes or enums: schemas, extensions, sequences, functions (aggregates
 * among them, always dropped and created), domains, types, collations,
 * policies, rules, operators, casts, text search objects, comments; created,
 * dropped, renamed or altered (a domain's change is plan_domain.c's, an
 * operator's or text search configuration's in place plan_operator.c's),
 * and whether CREATE OR REPLACE can carry a function's change. mid_change is the step of the middle phase for one
 * change. It does not order the changes (plan_order.c).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dialect/pg/plan_int.h"

/* --- other objects ------------------------------------------------------ */

static const char *ci_find(const char *hay, const char *needle);

/* The word DROP and ALTER take for a function of o's kind. */
static const char *routine_word(const plumb_object *o)
{
	return plumb__pgp_is_procedure(o)	      ? "PROCEDURE"
	       : o->func_kind == PLUMB_FUNC_AGGREGATE ? "AGGREGATE"
						      : "FUNCTION";
}

/* A sequence statement without its trailing OWNED BY clause, which waits
 * (in p->owned_by) until the owning table exists, as pg_dump orders it. */
static const char *defer_owned_by(planner *p, const plumb_object *o, const char *sql)
{
	const char *at = ci_find(sql, " OWNED BY ");
	if (!at)
		return sql;
	plumb__pgp_vec_add(p, &p->owned_by,
			   plumb__pgp_fmt(p, "ALTER SEQUENCE %s%s",
					  plumb__pgp_Q(p, o->schema, o->name), at));
	return plumb__pgp_fmt(p, "%.*s", (int)(at - sql), sql);
}

/* What the table a policy or rule is on is: "view" for a rule on a view
 * (of either catalog), else "table". */
static const char *rel_kind(planner *p, const plumb_object *o)
{
	if (o->kind == PLUMB_OBJ_RULE &&
	    (plumb_catalog_find(p->from, PLUMB_OBJ_VIEW, o->schema, o->table) ||
	     plumb_catalog_find(p->to, PLUMB_OBJ_VIEW, o->schema, o->table)))
		return "view";
	return "table";
}

/* A function's CREATE (or CREATE OR REPLACE) is emitted: note whether the
 * server will check a LANGUAGE sql body written as a string. */
static void note_body(planner *p, const plumb_object *o)
{
	if (o->kind == PLUMB_OBJ_FUNCTION && !p->sql_bodies)
		p->sql_bodies = plumb__pgp_refs_of(p, plumb__pgp_obj_sql(o), true).string_body;
}

void plumb__pgp_create_object(planner *p, const plumb_object *o)
{
	switch (o->kind) {
	case PLUMB_OBJ_OPFAMILY:
		plumb__pgp_create_opfamily(p, o);
		break;
	case PLUMB_OBJ_OPCLASS:
		plumb__pgp_create_opclass(p, o);
		break;
	case PLUMB_OBJ_SCHEMA:
		plumb__pgp_emit(p, "CREATE SCHEMA %s", plumb__pgp_I(p, o->name));
		break;
	case PLUMB_OBJ_EXTENSION:
		plumb__pgp_emit(p, "CREATE EXTENSION IF NOT EXISTS %s%s%s%s",
				plumb__pgp_I(p, o->name),
				o->schema && strcmp(o->schema, "public") != 0 ? " SCHEMA " : "",
				o->schema && strcmp(o->schema, "public") != 0
					? plumb__pgp_I(p, o->schema)
					: "",
				o->version ? plumb__pgp_fmt(p, " VERSION %s",
							    plumb__pgp_L(p, o->version))
					   : "");
		break;
	case PLUMB_OBJ_ENUM:
		plumb__pgp_create_enum(p, o);
		break;
	case PLUMB_OBJ_STATISTICS:
		plumb__pgp_create_statistics(p, o);
		break;
	case PLUMB_OBJ_PUBLICATION:
	case PLUMB_OBJ_EVENT_TRIGGER:
		plumb__pgp_emit(p, "%s", plumb__pgp_obj_sql(o));
		break;
	case PLUMB_OBJ_POLICY:
	case PLUMB_OBJ_RULE: {
		plumb_stmt *s = plumb__pgp_emit(p, "%s", plumb__pgp_obj_sql(o));
		if (o->kind == PLUMB_OBJ_RULE)
			plumb__pgp_known(p, s, 'n', NULL, NULL, NULL);
		else if (o->table)
			plumb__pgp_known(p, s, 'a', o->schema, o->table, NULL);
		plumb__pgp_ae_of(p, s, rel_kind(p, o),
				 plumb__pgp_dn(p, o->schema, o->table ? o->table : "?"));
		break;
	}
	case PLUMB_OBJ_TS_CONFIG:
		/* the configuration, then its mappings */
		plumb__pgp_emit(p, "%s", plumb__pgp_obj_sql(o));
		for (size_t i = 0; i < o->values.n; i++)
			plumb__pgp_emit(p, "ALTER TEXT SEARCH CONFIGURATION %s ADD MAPPING FOR %s",
					plumb__pgp_Q(p, o->schema, o->name),
					(const char *)o->values.items[i]);
		break;
	case PLUMB_OBJ_COMMENT:
		plumb__pgp_known(
			p,
			plumb__pgp_emit(p, "COMMENT ON %s IS %s", o->name,
					plumb__pgp_L(p, o->definition ? o->definition : "")),
			'n', NULL, NULL, NULL);
		break;
	default:
		if (!plumb__pgp_obj_sql(o)) {
			if (!p->st.rc)
				p->st.rc = plumb_error_set(p->ctx, PLUMB_ERROR,
							"could not create %s \"%s\": no definition",
							plumb_obj_kind_name(o->kind), o->name);
			return;
		}
		if (o->kind == PLUMB_OBJ_SEQUENCE)
			plumb__pgp_emit(p, "%s", defer_owned_by(p, o, plumb__pgp_obj_sql(o)));
		else
			plumb__pgp_emit(p, "%s", plumb__pgp_obj_sql(o));
		note_body(p, o);
		break;
	}
}

/* Does schema hold a table plumb leaves out (another tool's tracking table,
 * an "exclude" pattern's)? Such a schema stays: it is not empty. */
static bool holds_excluded(const planner *p, const char *schema)
{
	size_t n = strlen(schema);
	for (size_t i = 0; i < p->from->excluded.n; i++) {
		const char *e = p->from->excluded.items[i];
		if (strncmp(e, schema, n) == 0 && e[n] == '.')
			return true;
	}
	return false;
}

void plumb__pgp_drop_object(planner *p, const plumb_object *o)
{
	plumb_stmt *s = NULL;
	switch (o->kind) {
	case PLUMB_OBJ_OPFAMILY:
	case PLUMB_OBJ_OPCLASS:
		plumb__pgp_drop_opc(p, o);
		break;
	case PLUMB_OBJ_SCHEMA:
		if (!holds_excluded(p, o->name))
			plumb__pgp_emit(p, "DROP SCHEMA %s", plumb__pgp_I(p, o->name));
		break;
	case PLUMB_OBJ_EXTENSION:
		plumb__pgp_emit(p, "DROP EXTENSION %s", plumb__pgp_I(p, o->name));
		break;
	case PLUMB_OBJ_ENUM:
	case PLUMB_OBJ_TYPE:
		plumb__pgp_emit(p, "DROP TYPE %s", plumb__pgp_Q(p, o->schema, o->name));
		break;
	case PLUMB_OBJ_DOMAIN:
		plumb__pgp_emit(p, "DROP DOMAIN %s", plumb__pgp_Q(p, o->schema, o->name));
		break;
	case PLUMB_OBJ_COLLATION:
		plumb__pgp_emit(p, "DROP COLLATION %s", plumb__pgp_Q(p, o->schema, o->name));
		break;
	case PLUMB_OBJ_SEQUENCE:
		s = plumb__pgp_emit(p, "DROP SEQUENCE %s", plumb__pgp_Q(p, o->schema, o->name));
		plumb__pgp_hz(p, s, PLUMB_HAZARD_DELETES_DATA,
			      "drops sequence \"%s\" and its current value",
			      plumb__pgp_dn(p, o->schema, o->name));
		break;
	case PLUMB_OBJ_FUNCTION:
		plumb__pgp_emit(p, "DROP %s %s", routine_word(o), plumb__pgp_func_sig(p, o));
		break;
	case PLUMB_OBJ_POLICY:
		s = plumb__pgp_emit(p, "DROP POLICY %s ON %s", plumb__pgp_I(p, o->name),
				    plumb__pgp_Q(p, o->schema, o->table ? o->table : ""));
		plumb__pgp_ae_of(p, s, "table",
				 plumb__pgp_dn(p, o->schema, o->table ? o->table : "?"));
		break;
	case PLUMB_OBJ_STATISTICS:
		plumb__pgp_emit(p, "DROP STATISTICS %s", plumb__pgp_Q(p, o->schema, o->name));
		break;
	case PLUMB_OBJ_PUBLICATION:
		plumb__pgp_emit(p, "DROP PUBLICATION %s", plumb__pgp_I(p, o->name));
		break;
	case PLUMB_OBJ_FDW:
		plumb__pgp_emit(p, "DROP FOREIGN DATA WRAPPER %s", plumb__pgp_I(p, o->name));
		break;
	case PLUMB_OBJ_SERVER:
		plumb__pgp_emit(p, "DROP SERVER %s", plumb__pgp_I(p, o->name));
		break;
	case PLUMB_OBJ_EVENT_TRIGGER:
		plumb__pgp_emit(p, "DROP EVENT TRIGGER %s", plumb__pgp_I(p, o->name));
		break;
	case PLUMB_OBJ_RULE:
		s = plumb__pgp_emit(p, "DROP RULE %s ON %s", plumb__pgp_I(p, o->name),
				    plumb__pgp_Q(p, o->schema, o->table ? o->table : ""));
		plumb__pgp_ae_of(p, s, rel_kind(p, o),
				 plumb__pgp_dn(p, o->schema, o->table ? o->table : "?"));
		break;
	case PLUMB_OBJ_OPERATOR: {
		/* "op(l, r)" is DROP OPERATOR's "s.op (l, r)" */
		const char *paren = strchr(o->name, '(');
		plumb__pgp_emit(p, "DROP OPERATOR %s.%.*s %s", plumb__pgp_I(p, o->schema),
				(int)(paren ? paren - o->name : 0), o->name, paren ? paren : "");
		break;
	}
	case PLUMB_OBJ_CAST:
		plumb__pgp_emit(p, "DROP CAST %s", o->name);
		break;
	case PLUMB_OBJ_TS_DICT:
	case PLUMB_OBJ_TS_CONFIG:
		plumb__pgp_emit(p, "DROP %s %s",
				o->kind == PLUMB_OBJ_TS_DICT ? "TEXT SEARCH DICTIONARY"
							     : "TEXT SEARCH CONFIGURATION",
				plumb__pgp_Q(p, o->schema, o->name));
		break;
	case PLUMB_OBJ_COMMENT:
		plumb__pgp_known(p, plumb__pgp_emit(p, "COMMENT ON %s IS NULL", o->name), 'n', NULL,
				 NULL, NULL);
		break;
	default:
		break;
	}
}

static const char *ci_find(const char *hay, const char *needle)
{
	size_t n = strlen(needle);
	for (; *hay; hay++)
		if (strncasecmp(hay, needle, n) == 0)
			return hay;
	return NULL;
}

/* ALTER SEQUENCE from the options of a CREATE SEQUENCE text. */
static void alter_sequence(planner *p, const plumb_object *f, const plumb_object *t)
{
	const char *sql = plumb__pgp_obj_sql(t), *rest = sql;
	if (!sql)
		return;
	/* skip "CREATE SEQUENCE [IF NOT EXISTS] name" */
	rest = ci_find(sql, "SEQUENCE");
	rest = rest ? rest + 8 : sql;
	while (isspace((unsigned char)*rest))
		rest++;
	if (strncasecmp(rest, "IF NOT EXISTS", 13) == 0)
		rest += 13;
	while (isspace((unsigned char)*rest))
		rest++;
	bool q = false;
	while (*rest && (q || !isspace((unsigned char)*rest))) {
		if (*rest == '"')
			q = !q;
		rest++;
	}
	while (isspace((unsigned char)*rest))
		rest++;
	plumb_buf b;
	plumb_buf_init(&b, p->tmp, 0);
	plumb_buf_printf(&b, "ALTER SEQUENCE %s", plumb__pgp_Q(p, t->schema, t->name));
	if (!ci_find(rest, "AS "))
		plumb_buf_puts(&b, " AS bigint");
	if (!ci_find(rest, "INCREMENT"))
		plumb_buf_puts(&b, " INCREMENT BY 1");
	if (!ci_find(rest, "MINVALUE"))
		plumb_buf_puts(&b, " NO MINVALUE");
	if (!ci_find(rest, "MAXVALUE"))
		plumb_buf_puts(&b, " NO MAXVALUE");
	if (!ci_find(rest, "CACHE"))
		plumb_buf_puts(&b, " CACHE 1");
	if (!ci_find(rest, "CYCLE"))
		plumb_buf_puts(&b, " NO CYCLE");
	if (*rest)
		plumb_buf_printf(&b, " %s", rest);
	(void)f;
	plumb__pgp_emit(p, "%s", defer_owned_by(p, t, plumb_buf_str(&b)));
}

/* Compares dotted version strings by their numbers ("1.10" > "1.9");
 * parts that are not numbers compare as text. */
static int version_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		if (isdigit((unsigned char)*a) && isdigit((unsigned char)*b)) {
			char *ea, *eb;
			unsigned long long x = strtoull(a, &ea, 10), y = strtoull(b, &eb, 10);
			if (x != y)
				return x < y ? -1 : 1;
			a = ea;
			b = eb;
			continue;
		}
		if (*a != *b)
			return (unsigned char)*a < (unsigned char)*b ? -1 : 1;
		a++;
		b++;
	}
	return 0;
}

/* An extension moves to another version with ALTER EXTENSION ... UPDATE;
 * extensions ship no scripts going back, so an older version (or another
 * schema) means drop and create, which fails while objects depend on it. */
static void alter_extension(planner *p, const plumb_object *f, const plumb_object *t)
{
	bool same_schema = plumb__pgp_str_eq(f->definition, t->definition);
	if (same_schema && t->version && (!f->version || version_cmp(t->version, f->version) > 0)) {
		plumb__pgp_emit(p, "ALTER EXTENSION %s UPDATE TO %s", plumb__pgp_I(p, t->name),
				plumb__pgp_L(p, t->version));
		return;
	}
	plumb_stmt *s = plumb__pgp_emit(p, "DROP EXTENSION %s", plumb__pgp_I(p, f->name));
	plumb__pgp_note(p, s,
			same_schema
				? "an extension cannot go back to an older version: drop and create"
				: "the extension moves to another schema: drop and create");
	plumb__pgp_create_object(p, t);
}

/* Renames an object other than a table, index or enum. */
static void rename_object(planner *p, const plumb_object *f, const plumb_object *t)
{
	const char *kw = NULL;
	switch (f->kind) {
	case PLUMB_OBJ_SCHEMA:
		plumb__pgp_emit(p, "ALTER SCHEMA %s RENAME TO %s", plumb__pgp_I(p, f->name),
				plumb__pgp_I(p, t->name));
		return;
	case PLUMB_OBJ_FUNCTION:
		plumb__pgp_emit(p, "ALTER %s %s RENAME TO %s", routine_word(f),
				plumb__pgp_func_sig(p, f),
				plumb__pgp_I(p, plumb__pgp_func_base(p, t->name)));
		return;
	case PLUMB_OBJ_POLICY:
		plumb__pgp_emit(p, "ALTER POLICY %s ON %s RENAME TO %s", plumb__pgp_I(p, f->name),
				plumb__pgp_Q(p, f->schema, f->table ? f->table : ""),
				plumb__pgp_I(p, t->name));
		return;
	case PLUMB_OBJ_DOMAIN:
		kw = "DOMAIN";
		break;
	case PLUMB_OBJ_SEQUENCE:
		kw = "SEQUENCE";
		break;
	case PLUMB_OBJ_TYPE:
	case PLUMB_OBJ_ENUM:
		kw = "TYPE";
		break;
	case PLUMB_OBJ_TS_CONFIG:
		kw = "TEXT SEARCH CONFIGURATION";
		break;
	case PLUMB_OBJ_TS_DICT:
		kw = "TEXT SEARCH DICTIONARY";
		break;
	default:
		return;
	}
	plumb__pgp_emit(p, "ALTER %s %s RENAME TO %s", kw, plumb__pgp_Q(p, f->schema, f->name),
			plumb__pgp_I(p, t->name));
}

/* Definitions equal once the old name reads as the new one? */
static bool same_after_rename(planner *p, const plumb_object *f, const plumb_object *t)
{
	const char *fd = f->definition ? f->definition : "", *td = t->definition ? t->definition : "";
	const char *fb = plumb__pgp_func_base(p, f->name), *tb = plumb__pgp_func_base(p, t->name);
	plumb_buf b;
	size_t n = strlen(fb);
	plumb_buf_init(&b, p->tmp, 0);
	for (const char *s = fd; *s;) {
		if (n && strncmp(s, fb, n) == 0) {
			plumb_buf_puts(&b, tb);
			s += n;
		} else {
			plumb_buf_putc(&b, *s++);
		}
	}
	return !b.failed && strcmp(plumb_buf_str(&b), td) == 0;
}

/* The text of a function's parameter list "(...)" (from the first '(' to
 * its match) and of its RETURNS clause, for telling whether CREATE OR
 * REPLACE can carry a change. */
static size_t paren_span(const char *s, const char **start)
{
	const char *p = strchr(s, '(');
	int depth = 0;
	bool q = false;
	*start = p;
	if (!p)
		return 0;
	for (const char *c = p; *c; c++) {
		if (*c == '\'')
			q = !q;
		else if (!q && *c == '(')
			depth++;
		else if (!q && *c == ')' && --depth == 0)
			return (size_t)(c - p + 1);
	}
	return 0;
}

static size_t returns_span(const char *s, const char **start)
{
	const char *r = ci_find(s, " RETURNS ");
	*start = r;
	if (!r)
		return 0;
	static const char *const ends[] = {" LANGUAGE ", " AS ", " IMMUTABLE", " STABLE",
					   " VOLATILE", " STRICT", " SECURITY ", " PARALLEL ",
					   " COST ", " ROWS ", " SET ", " BEGIN ATOMIC"};
	const char *end = r + strlen(r);
	for (size_t i = 0; i < sizeof(ends) / sizeof(ends[0]); i++) {
		const char *e = ci_find(r + 9, ends[i]);
		if (e && e < end)
			end = e;
	}
	return (size_t)(end - r);
}

static bool spans_equal(const char *a, size_t na, const char *b, size_t nb)
{
	if (!a || !b)
		return a == b;
	return na == nb && strncasecmp(a, b, na) == 0;
}

bool plumb__pgp_function_replaceable(const plumb_object *f, const plumb_object *t)
{
	/* an aggregate is dropped and created: CREATE OR REPLACE AGGREGATE
	 * cannot change its state type's result or its kind */
	if (f->func_kind == PLUMB_FUNC_AGGREGATE || t->func_kind == PLUMB_FUNC_AGGREGATE)
		return false;
	const char *fs = f->definition ? f->definition : plumb__pgp_obj_sql(f);
	const char *ts = t->definition ? t->definition : plumb__pgp_obj_sql(t);
	const char *a, *b;
	size_t na, nb;
	if (!fs || !ts)
		return false;
	na = paren_span(fs, &a);
	nb = paren_span(ts, &b);
	if (!spans_equal(a, na, b, nb))
		return false;
	na = returns_span(fs, &a);
	nb = returns_span(ts, &b);
	return spans_equal(a, na, b, nb);
}

/* sql as CREATE OR REPLACE FUNCTION/PROCEDURE. */
static const char *or_replace(planner *p, const char *sql)
{
	const char *s = sql;
	while (isspace((unsigned char)*s))
		s++;
	if (strncasecmp(s, "CREATE", 6) != 0)
		return sql;
	const char *rest = s + 6;
	while (isspace((unsigned char)*rest))
		rest++;
	if (strncasecmp(rest, "OR REPLACE", 10) == 0)
		return sql;
	return plumb__pgp_fmt(p, "CREATE OR REPLACE %s", rest);
}

void plumb__pgp_mid_change(planner *p, const plumb_change *c)
{
	if (c->kind == PLUMB_OBJ_TABLE) {
		const plumb_table *t = c->to;
		if (c->op == PLUMB_CHANGE_CREATE) {
			plumb__pgp_create_table(p, t);
		} else if (c->delta->options_changed &&
			   plumb__pgp_partitioning_changed(c->from, t)) {
			plumb_stmt *s = plumb__pgp_drop_table(
				p, c->from,
				plumb__pgp_str_eq(((const plumb_table *)c->from)->server, t->server)
					? "the partitioning changes: drop and create the table"
					: "the foreign table's server changes: drop and create "
					  "the table");
			(void)s;
			plumb__pgp_create_table(p, t);
		} else {
			plumb__pgp_alter_table(p, c);
		}
		return;
	}
	const plumb_object *f = c->from, *t = c->to;
	if (plumb__pgp_opc_change(p, c))
		return;
	if (c->op == PLUMB_CHANGE_CREATE && t->kind == PLUMB_OBJ_SEQUENCE &&
	    plumb__pgp_vec_has(&p->adopted, plumb__pgp_key(p, t->schema, t->name))) {
		/* a serial column's sequence goes on as a sequence of its own */
		alter_sequence(p, NULL, t);
		return;
	}
	if (c->op == PLUMB_CHANGE_CREATE) {
		plumb__pgp_create_object(p, t);
		return;
	}
	/* ALTER */
	switch (c->kind) {
	case PLUMB_OBJ_ENUM:
		plumb__pgp_alter_enum(p, c);
		return;
	case PLUMB_OBJ_FUNCTION:
		if (plumb__pgp_is_set_aside(p, "function", f->schema, f->name)) {
			/* an enum rebuild dropped it: created as the schema has it */
			plumb__pgp_create_object(p, t);
			plumb__pgp_set_add(p, &p->recreated,
					   plumb__pgp_recreated_key(p, "function", t->schema,
								    t->name));
			return;
		}
		if (c->renamed)
			rename_object(p, f, t);
		if (c->renamed && same_after_rename(p, f, t))
			return;
		if (plumb__pgp_function_replaceable(f, t)) {
			plumb__pgp_emit(p, "%s", or_replace(p, plumb__pgp_obj_sql(t)));
			note_body(p, t);
		} else {
			/* CREATE OR REPLACE cannot change the result type or the
			 * parameters' names and defaults */
			if (!c->renamed)
				plumb__pgp_drop_object(p, f);
			else {
				plumb_object g = *f;
				g.name = t->name;
				plumb__pgp_drop_object(p, &g);
			}
			plumb__pgp_create_object(p, t);
			plumb__pgp_set_add(p, &p->recreated,
					   plumb__pgp_recreated_key(p, "function", t->schema,
								    t->name));
		}
		return;
	case PLUMB_OBJ_SEQUENCE:
		if (c->renamed)
			rename_object(p, f, t);
		if (!c->renamed || !same_after_rename(p, f, t))
			alter_sequence(p, f, t);
		return;
	case PLUMB_OBJ_SCHEMA:
		if (c->renamed)
			rename_object(p, f, t);
		return;
	case PLUMB_OBJ_DOMAIN:
		if (plumb__pgp_is_set_aside(p, "domain", f->schema, f->name))
			return; /* a rebuild of the type it is over created it again */
		plumb__pgp_alter_domain(p, c);
		return;
	case PLUMB_OBJ_TYPE:
		if (c->renamed) {
			rename_object(p, f, t);
			if (same_after_rename(p, f, t))
				return;
			plumb_object g = *f;
			g.name = t->name;
			plumb__pgp_drop_object(p, &g);
		} else {
			plumb__pgp_drop_object(p, f);
		}
		plumb__pgp_create_object(p, t);
		plumb__pgp_set_add(p, &p->recreated,
				   plumb__pgp_recreated_key(p, "type", t->schema, t->name));
		return;
	case PLUMB_OBJ_EXTENSION:
		alter_extension(p, f, t);
		return;
	case PLUMB_OBJ_FDW:
	case PLUMB_OBJ_SERVER:
		plumb__pgp_alter_fdw_or_server(p, c);
		return;
	case PLUMB_OBJ_TS_CONFIG:
	case PLUMB_OBJ_TS_DICT:
		/* renamed in place; then its mappings altered, or (a dictionary's
		 * options, a configuration's parser) dropped and created */
		if (c->renamed)
			rename_object(p, f, t);
		if (c->kind == PLUMB_OBJ_TS_CONFIG ? plumb__pgp_alter_ts_config(p, f, t)
						   : c->renamed && same_after_rename(p, f, t))
			return;
		if (c->renamed) {
			plumb_object g = *f;
			g.name = t->name;
			plumb__pgp_drop_object(p, &g);
		} else {
			plumb__pgp_drop_object(p, f);
		}
		plumb__pgp_create_object(p, t);
		return;
	case PLUMB_OBJ_OPERATOR:
		if (plumb__pgp_alter_operator(p, f, t))
			return;
		/* fall through */
	case PLUMB_OBJ_COLLATION:
	case PLUMB_OBJ_CAST:
		plumb__pgp_drop_object(p, f);
		plumb__pgp_create_object(p, t);
		return;
	default:
		return;
	}
}
