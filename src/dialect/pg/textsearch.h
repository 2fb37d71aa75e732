/*
 * Text search dictionaries and configurations as pg_ts_dict, pg_ts_config
 * and pg_ts_config_map hold them, written as one canonical text by both
 * PostgreSQL builders: names as plumb__pg_proc_ref writes them (public and
 * pg_catalog left unqualified), options as the server serialises them, a
 * configuration's mappings in the order of its parser's token types. It
 * reads no SQL.
 */
#ifndef PLUMB_DIALECT_PG_TEXTSEARCH_H
#define PLUMB_DIALECT_PG_TEXTSEARCH_H

#include "catalog/catalog.h"

/* The default parser's token types, by their ids (1 first); NULL past the
 * last. */
const char *plumb__pg_ts_token(int id);
/* The id of the default parser's token type alias, or 0. */
int plumb__pg_ts_token_id(const char *alias);

/* CREATE TEXT SEARCH DICTIONARY "s"."d" (TEMPLATE = t[, options]);
 * options as dictinitoption holds them ("language = 'english'") or NULL. */
char *plumb__pg_ts_dict_define(plumb_arena *arena, const char *schema, const char *name,
			       const char *tmpl, const char *options);
/* One option as the server serialises it: name = 'value' (a number bare). */
char *plumb__pg_ts_option(plumb_arena *arena, const char *name, const char *value, bool number);

/* o, a configuration with schema, name and values ("asciiword WITH
 * english_stem", in token order): its sql (the CREATE with parser) and its
 * definition (the CREATE, then a line per mapping). -1 when out of memory. */
int plumb__pg_ts_config_define(plumb_arena *arena, plumb_object *o, const char *parser);

#endif
