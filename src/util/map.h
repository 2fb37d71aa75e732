/*
 * A hash map in arena memory from a key of up to three strings (kind,
 * schema, name: any may be NULL) to a pointer, so that lookups by name cost
 * the same at ten objects and at ten thousand. Open addressing with linear
 * probing; deletion leaves a tombstone. Keys may compare ASCII case
 * insensitively (SQLite's names). The map copies no key: the strings must
 * live as long as the map (they are the objects' own, in the same arena).
 * It knows nothing of catalogs; catalog.c and the builders keep theirs in
 * step with what they add, rename and remove.
 */
#ifndef PLUMB_UTIL_MAP_H
#define PLUMB_UTIL_MAP_H

#include <stdbool.h>
#include <stddef.h>

#include "util/arena.h"

typedef struct plumb_map plumb_map;

/* A new empty map; NULL when out of memory. */
plumb_map *plumb_map_new(plumb_arena *a, bool fold_case);

/* Sets the key's value (replacing one there); -1 when out of memory. */
int plumb_map_put(plumb_map *m, const char *k0, const char *k1, const char *k2, void *value);

/* The key's value, or NULL. */
void *plumb_map_get(const plumb_map *m, const char *k0, const char *k1, const char *k2);

/* Whether the key is there (its value, NULL included, in *value when
 * value is not NULL). */
bool plumb_map_find(const plumb_map *m, const char *k0, const char *k1, const char *k2,
		    void **value);

/* Removes the key if its value is value (any value when value is NULL);
 * whether it removed one. */
bool plumb_map_del(plumb_map *m, const char *k0, const char *k1, const char *k2,
		   const void *value);

size_t plumb_map_count(const plumb_map *m);

#endif
