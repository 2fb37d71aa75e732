/*
 * The offline builder's text search dictionaries and configurations:
 * CREATE TEXT SEARCH DICTIONARY (its options serialised as the server
 * does), CREATE TEXT SEARCH CONFIGURATION (PARSER, or COPY of a
 * configuration of the files) and ALTER TEXT SEARCH CONFIGURATION's
 * mappings, each written as textsearch.c's canonical text. Only the default
 * parser's token types are known; COPY of a built-in configuration needs a
 * server. DROP follows dependencies in offline_depend.c.
 */
#include <string.h>

#include "dialect/pg/offline_int.h"
#include "dialect/pg/textsearch.h"

/* A value of a dictionary's option as defGetString reads it, and whether
 * it is a number (written bare). */
static const char *def_value(ox *x, PgQuery__Node *a, bool *number)
{
	*number = false;
	if (!a)
		return NULL;
	switch (a->node_case) {
	case PG_QUERY__NODE__NODE_INTEGER:
		*number = true;
		return fmt(x, "%d", (int)a->integer->ival);
	case PG_QUERY__NODE__NODE_FLOAT:
		*number = true;
		return a->float_->fval;
	case PG_QUERY__NODE__NODE_BOOLEAN:
		return a->boolean->boolval ? "true" : "false";
	case PG_QUERY__NODE__NODE_TYPE_NAME: {
		const char *s = "";
		for (size_t i = 0; i < a->type_name->n_names && s; i++)
			s = fmt(x, "%s%s%s", s, i ? "." : "",
				plumb__pg_strval(a->type_name->names[i]));
		return s;
	}
	default:
		return plumb__pg_strval(a);
	}
}

void create_ts_dict(ox *x, PgQuery__DefineStmt *ds, size_t loc)
{
	const char *schema, *name, *tmpl = NULL, *opts = "";
	split_names(ds->defnames, ds->n_defnames, &schema, &name);
	for (size_t i = 0; i < ds->n_definition && !x->st.rc; i++) {
		if (ds->definition[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		PgQuery__DefElem *d = ds->definition[i]->def_elem;
		if (strcmp(d->defname, "template") == 0) {
			tmpl = def_name(x, d->arg, NULL);
			continue;
		}
		bool number;
		const char *v = def_value(x, d->arg, &number);
		char *o = v ? plumb__pg_ts_option(x->st.arena, d->defname, v, number) : NULL;
		if (!o) {
			nomem(x);
			return;
		}
		opts = fmt(x, "%s%s%s", opts, *opts ? ", " : "", o);
	}
	if (x->st.rc)
		return;
	if (!tmpl) {
		error_at(x, loc, "text search template is required");
		return;
	}
	if (find_object(x, PLUMB_OBJ_TS_DICT, schema, name)) {
		error_at(x, loc, "text search dictionary \"%s\" already exists", name);
		return;
	}
	plumb_object *o = new_object(x, PLUMB_OBJ_TS_DICT, schema, name);
	if (!o)
		return;
	o->renamed_from = annotation_at(x, loc);
	o->sql = o->definition = plumb__pg_ts_dict_define(x->st.arena, schema, name, tmpl, opts);
	if (!o->sql)
		nomem(x);
}

/* The parser a configuration's text names (PARSER = p). */
static const char *config_parser(ox *x, const plumb_object *o)
{
	const char *at = o->sql ? strstr(o->sql, "(PARSER = ") : NULL;
	size_t n = at ? strlen(at + 10) : 0;
	return n ? fmt(x, "%.*s", (int)(n - 1), at + 10) : NULL;
}

static void redefine(ox *x, plumb_object *o, const char *parser)
{
	if (parser && plumb__pg_ts_config_define(x->st.arena, o, parser) < 0)
		nomem(x);
}

void create_ts_config(ox *x, PgQuery__DefineStmt *ds, size_t loc)
{
	const char *schema, *name, *parser = NULL;
	const plumb_object *from = NULL;
	split_names(ds->defnames, ds->n_defnames, &schema, &name);
	for (size_t i = 0; i < ds->n_definition && !x->st.rc; i++) {
		if (ds->definition[i]->node_case != PG_QUERY__NODE__NODE_DEF_ELEM)
			continue;
		PgQuery__DefElem *d = ds->definition[i]->def_elem;
		if (strcmp(d->defname, "parser") == 0) {
			const char *ps = NULL;
			parser = def_name(x, d->arg, &ps);
			if (parser && strcmp(ps, "pg_catalog") != 0 && strcmp(ps, "public") != 0) {
				error_at(x, loc,
					 "a text search parser of its own cannot be read "
					 "without a server");
				dev_url_hint(x);
				return;
			}
		} else if (strcmp(d->defname, "copy") == 0) {
			const char *cs, *cn;
			if (!d->arg || d->arg->node_case != PG_QUERY__NODE__NODE_TYPE_NAME)
				continue;
			split_names(d->arg->type_name->names, d->arg->type_name->n_names, &cs, &cn);
			if (!(from = find_object(x, PLUMB_OBJ_TS_CONFIG, cs, cn))) {
				error_at(x, loc,
					 "COPY of text search configuration \"%s\" cannot be read "
					 "without a server (it is not created by these files)",
					 cn);
				dev_url_hint(x);
				return;
			}
		} else {
			error_at(x, loc,
				 "text search configuration parameter \"%s\" not recognized",
				 d->defname);
			return;
		}
	}
	if (x->st.rc)
		return;
	if (from)
		parser = config_parser(x, from);
	if (!parser) {
		error_at(x, loc, "text search parser is required");
		return;
	}
	if (find_object(x, PLUMB_OBJ_TS_CONFIG, schema, name)) {
		error_at(x, loc, "text search configuration \"%s\" already exists", name);
		return;
	}
	plumb_object *o = new_object(x, PLUMB_OBJ_TS_CONFIG, schema, name);
	if (!o)
		return;
	o->renamed_from = annotation_at(x, loc);
	for (size_t i = 0; from && i < from->values.n; i++)
		push(x, &o->values, from->values.items[i]);
	for (size_t i = 0; from && i < from->depends.n; i++)
		push(x, &o->depends, from->depends.items[i]);
	redefine(x, o, parser);
}

/* The position of token id's mapping in o->values, or where it goes
 * (*found false). */
static size_t mapping_at(const plumb_object *o, int id, bool *found)
{
	*found = false;
	for (size_t i = 0; i < o->values.n; i++) {
		const char *v = o->values.items[i];
		int vid = 0;
		size_t n = strcspn(v, " ");
		for (int t = 1; plumb__pg_ts_token(t) && !vid; t++)
			if (strlen(plumb__pg_ts_token(t)) == n &&
			    strncmp(plumb__pg_ts_token(t), v, n) == 0)
				vid = t;
		if (vid == id)
			*found = true;
		if (vid >= id)
			return i;
	}
	return o->values.n;
}

/* The dictionaries of a mapping ("english_stem, simple") from the list of
 * name lists; their keys into o->depends. */
static const char *dict_list(ox *x, plumb_object *o, PgQuery__Node **dicts, size_t n)
{
	const char *s = "";
	for (size_t i = 0; i < n && s; i++) {
		const char *ds;
		const char *d = def_name(x, dicts[i], &ds);
		if (!d)
			return NULL;
		PgQuery__Node *a = dicts[i];
		const char *schema, *name;
		if (a->node_case == PG_QUERY__NODE__NODE_LIST) {
			split_names(a->list->items, a->list->n_items, &schema, &name);
			if (!find_object(x, PLUMB_OBJ_TS_DICT, schema, name) &&
			    strcmp(schema, "public") == 0)
				schema = "pg_catalog"; /* a built-in one */
			if (strcmp(schema, "pg_catalog") != 0) {
				if (!find_object(x, PLUMB_OBJ_TS_DICT, schema, name)) {
					error_at(x, x->loc,
						 "text search dictionary \"%s\" does not exist",
						 name);
					return NULL;
				}
				const char *k = fmt(x, "%s.%s", schema, name);
				bool have = false;
				for (size_t j = 0; k && j < o->depends.n && !have; j++)
					have = strcmp(o->depends.items[j], k) == 0;
				if (k && !have)
					push(x, &o->depends, (void *)k);
			}
		}
		s = fmt(x, "%s%s%s", s, i ? ", " : "", d);
	}
	return s;
}

void alter_ts_config(ox *x, PgQuery__AlterTSConfigurationStmt *as, size_t loc)
{
	const char *schema, *name;
	split_names(as->cfgname, as->n_cfgname, &schema, &name);
	plumb_object *o = find_object(x, PLUMB_OBJ_TS_CONFIG, schema, name);
	if (!o) {
		error_at(x, loc, "text search configuration \"%s\" does not exist", name);
		return;
	}
	const char *parser = config_parser(x, o);
	bool replace =
		as->kind == PG_QUERY__ALTER_TSCONFIG_TYPE__ALTER_TSCONFIG_REPLACE_DICT ||
		as->kind == PG_QUERY__ALTER_TSCONFIG_TYPE__ALTER_TSCONFIG_REPLACE_DICT_FOR_TOKEN;
	if (replace) {
		/* REPLACE old WITH new: in every mapping, or those of the tokens */
		if (as->n_dicts != 2)
			return;
		const char *old = def_name(x, as->dicts[0], NULL);
		const char *neu = dict_list(x, o, &as->dicts[1], 1);
		for (size_t i = 0; old && neu && i < o->values.n; i++) {
			const char *v = o->values.items[i];
			size_t n = strcspn(v, " ");
			bool mine = as->n_tokentype == 0;
			for (size_t t = 0; t < as->n_tokentype && !mine; t++) {
				const char *tk = plumb__pg_strval(as->tokentype[t]);
				mine = tk && strlen(tk) == n && strncmp(tk, v, n) == 0;
			}
			const char *with = strstr(v, " WITH ");
			if (!mine || !with)
				continue;
			const char *list = "", *p = with + 6;
			while (*p) {
				size_t m = strcspn(p, ",");
				const char *one = fmt(x, "%.*s", (int)m, p);
				list = fmt(x, "%s%s%s", list, *list ? ", " : "",
					   one && strcmp(one, old) == 0 ? neu : one);
				p += m;
				while (*p == ',' || *p == ' ')
					p++;
			}
			o->values.items[i] = (void *)fmt(x, "%.*s WITH %s", (int)n, v, list);
		}
		redefine(x, o, parser);
		return;
	}
	const char *dicts = as->kind == PG_QUERY__ALTER_TSCONFIG_TYPE__ALTER_TSCONFIG_DROP_MAPPING
				    ? NULL
				    : dict_list(x, o, as->dicts, as->n_dicts);
	if (x->st.rc)
		return;
	for (size_t t = 0; t < as->n_tokentype && !x->st.rc; t++) {
		const char *tk = plumb__pg_strval(as->tokentype[t]);
		int id = plumb__pg_ts_token_id(tk);
		if (!id) {
			error_at(x, loc, "token type \"%s\" does not exist", tk ? tk : "");
			return;
		}
		bool found;
		size_t at = mapping_at(o, id, &found);
		if (!dicts) { /* DROP MAPPING */
			if (found)
				plumb_vec_remove(&o->values, at);
			else if (!as->missing_ok)
				error_at(x, loc, "mapping for token type \"%s\" does not exist",
					 tk);
			continue;
		}
		if (found && !as->override) {
			error_at(x, loc,
				 "duplicate key value violates unique constraint "
				 "\"pg_ts_config_map_index\"");
			return;
		}
		const char *v = fmt(x, "%s WITH %s", tk, dicts);
		if (found)
			o->values.items[at] = (void *)v;
		else if (v && plumb_vec_push(x->st.arena, &o->values, (void *)v) == 0) {
			memmove(&o->values.items[at + 1], &o->values.items[at],
				(o->values.n - 1 - at) * sizeof(void *));
			o->values.items[at] = (void *)v;
		} else {
			nomem(x);
		}
	}
	redefine(x, o, parser);
}
