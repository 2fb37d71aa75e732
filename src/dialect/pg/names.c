/*
 * The offline builder's implicit names: a port of PostgreSQL's
 * makeObjectName, ChooseRelationName, ChooseConstraintName,
 * ChooseIndexNameAddition and ChooseIndexColumnNames, over the relation and
 * constraint names the files have used so far. It decides names only; the
 * objects that get them are built in offline_table.c and offline_column.c.
 */
#include <stdio.h>
#include <string.h>

#include "dialect/pg/offline_int.h"

/* --- names ---------------------------------------------------------------- */

/* The sets of relation and constraint names are hash maps (util/map.h),
 * made on first use; a name is kept as its own copy in x->tmp. */
static plumb_map *names_of(ox *x, plumb_map **m)
{
	if (!*m && !(*m = plumb_map_new(x->tmp, false)))
		nomem(x);
	return *m;
}

bool name_used(ox *x, plumb_map **m, const char *schema, const char *name)
{
	(void)x;
	return *m && plumb_map_get(*m, NULL, schema, name) != NULL;
}

void use_name(ox *x, plumb_map **m, const char *schema, const char *name)
{
	if (!names_of(x, m) || !name || name_used(x, m, schema, name))
		return;
	char *s = schema ? plumb_arena_strdup(x->tmp, schema) : NULL;
	char *n = plumb_arena_strdup(x->tmp, name);
	if ((schema && !s) || !n || plumb_map_put(*m, NULL, s, n, n) < 0)
		nomem(x);
}

void forget_name(ox *x, plumb_map **m, const char *schema, const char *name)
{
	(void)x;
	if (*m)
		plumb_map_del(*m, NULL, schema, name, NULL);
}

static bool is_key(const plumb_constraint *k)
{
	return k->kind == PLUMB_CON_PRIMARY_KEY || k->kind == PLUMB_CON_UNIQUE ||
	       k->kind == PLUMB_CON_EXCLUDE;
}

void use_key_name(ox *x, plumb_table *t, const plumb_constraint *k)
{
	if (!k->name || !is_key(k))
		return;
	use_name(x, &x->relnames, t->schema, k->name);
	if (!names_of(x, &x->keys))
		return;
	char *n = plumb_arena_strdup(x->tmp, k->name);
	if (!n || plumb_map_put(x->keys, NULL, t->schema, n, t) < 0)
		nomem(x);
}

plumb_table *key_table(ox *x, const char *schema, const char *name)
{
	plumb_table *t = x->keys ? plumb_map_get(x->keys, NULL, schema, name) : NULL;
	for (size_t i = 0; t && i < t->constraints.n; i++) {
		const plumb_constraint *k = t->constraints.items[i];
		if (k->name && strcmp(k->name, name) == 0 && is_key(k))
			return t;
	}
	return NULL; /* dropped since */
}

/* makeObjectName (model.c), into the arena. */
char *make_object_name(ox *x, const char *name1, const char *name2, const char *label)
{
	char buf[PLUMB_PG_NAMEDATALEN];
	plumb__pg_object_name(buf, name1, name2, label);
	char *s = plumb_arena_strdup(x->st.arena, buf);
	if (!s)
		nomem(x);
	return s;
}

/* ChooseRelationName / ChooseConstraintName: label, label1, label2, ...
 * until the name is free among relations (rel) and/or constraints (con). */
char *choose_name(ox *x, const char *schema, const char *name1, const char *name2,
		  const char *label, bool rel, bool con)
{
	for (int pass = 0; !x->st.rc; pass++) {
		char mod[NAMEDATALEN + 12];
		snprintf(mod, sizeof(mod), pass ? "%s%d" : "%s", label, pass);
		char *n = make_object_name(x, name1, name2, mod);
		if (!n)
			return NULL;
		if ((!rel || !name_used(x, &x->relnames, schema, n)) &&
		    (!con || !name_used(x, &x->connames, schema, n)))
			return n;
	}
	return NULL;
}

/* ChooseIndexNameAddition: names joined by "_", stopping past 63 bytes. */
char *name_addition(ox *x, const char *const *names, size_t n)
{
	char buf[NAMEDATALEN * 2 + 2];
	size_t len = 0;
	buf[0] = 0;
	for (size_t i = 0; i < n; i++) {
		if (len > 0)
			buf[len++] = '_';
		size_t l = strlen(names[i]);
		if (l > NAMEDATALEN - 1)
			l = NAMEDATALEN - 1;
		memcpy(buf + len, names[i], l);
		len += l;
		buf[len] = 0;
		if (len >= NAMEDATALEN)
			break;
	}
	char *s = plumb_arena_strdup(x->tmp, buf);
	if (!s)
		nomem(x);
	return s;
}

/* ChooseIndexColumnNames: duplicates get 1, 2, ... */
const char **index_colnames(ox *x, const char *const *orig, size_t n)
{
	const char **out = plumb_arena_alloc(x->tmp, (n + 1) * sizeof(*out));
	if (!out) {
		nomem(x);
		return NULL;
	}
	for (size_t i = 0; i < n; i++) {
		const char *cur = orig[i];
		for (int k = 1;; k++) {
			bool clash = false;
			for (size_t j = 0; j < i; j++)
				clash = clash || strcmp(out[j], cur) == 0;
			if (!clash)
				break;
			char nb[16];
			snprintf(nb, sizeof(nb), "%d", k);
			size_t l = plumb__pg_clip(orig[i], NAMEDATALEN - 1 - strlen(nb));
			cur = plumb_arena_printf(x->tmp, "%.*s%s", (int)l, orig[i], nb);
			if (!cur) {
				nomem(x);
				return NULL;
			}
		}
		out[i] = cur;
	}
	return out;
}
