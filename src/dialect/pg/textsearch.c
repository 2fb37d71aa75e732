/*
 * The canonical texts of text search dictionaries and configurations
 * (textsearch.h), and the default parser's token types. Both PostgreSQL
 * builders call it; it neither parses nor resolves a name.
 */
#include <string.h>

#include "dialect/pg/textsearch.h"

#include "dialect/pg/canon_int.h"

/* ts_token_type('default'), in tokid order */
static const char *const tokens[] = {
	"asciiword", "word",	      "numword",    "email",	       "url",	"host",	 "sfloat",
	"version",   "hword_numpart", "hword_part", "hword_asciipart", "blank", "tag",	 "protocol",
	"numhword",  "asciihword",    "hword",	    "url_path",	       "file",	"float", "int",
	"uint",	     "entity",
};

const char *plumb__pg_ts_token(int id)
{
	return id >= 1 && (size_t)id <= sizeof(tokens) / sizeof(tokens[0]) ? tokens[id - 1] : NULL;
}

int plumb__pg_ts_token_id(const char *alias)
{
	for (size_t i = 0; alias && i < sizeof(tokens) / sizeof(tokens[0]); i++)
		if (strcmp(tokens[i], alias) == 0)
			return (int)i + 1;
	return 0;
}

char *plumb__pg_ts_dict_define(plumb_arena *arena, const char *schema, const char *name,
			       const char *tmpl, const char *options)
{
	char *q = plumb__pg_qualified(arena, schema, name);
	return q ? plumb_arena_printf(arena, "CREATE TEXT SEARCH DICTIONARY %s (TEMPLATE = %s%s%s)",
				      q, tmpl, options && *options ? ", " : "",
				      options ? options : "")
		 : NULL;
}

char *plumb__pg_ts_option(plumb_arena *arena, const char *name, const char *value, bool number)
{
	/* quote_identifier's: quoted only when needed */
	char *n = plumb__pg_ident_needs_quotes(name) ? plumb_quote_ident(arena, name)
						     : plumb_arena_strdup(arena, name);
	if (!n)
		return NULL;
	if (number)
		return plumb_arena_printf(arena, "%s = %s", n, value);
	/* quotes and backslashes doubled, E'' when there are backslashes */
	char *v = plumb_arena_alloc(arena, 2 * strlen(value) + 1), *w = v;
	if (!v)
		return NULL;
	for (const char *s = value; *s; s++) {
		if (*s == '\'' || *s == '\\')
			*w++ = *s;
		*w++ = *s;
	}
	*w = 0;
	return plumb_arena_printf(arena, "%s = %s'%s'", n, strchr(value, '\\') ? "E" : "", v);
}

int plumb__pg_ts_config_define(plumb_arena *arena, plumb_object *o, const char *parser)
{
	char *q = plumb__pg_qualified(arena, o->schema, o->name);
	if (!q)
		return -1;
	o->sql = plumb_arena_printf(arena, "CREATE TEXT SEARCH CONFIGURATION %s (PARSER = %s)", q,
				    parser);
	const char *d = o->sql;
	for (size_t i = 0; d && i < o->values.n; i++)
		d = plumb_arena_printf(arena,
				       "%s;\nALTER TEXT SEARCH CONFIGURATION %s ADD MAPPING FOR %s",
				       d, q, (const char *)o->values.items[i]);
	o->definition = d;
	return d ? 0 : -1;
}
