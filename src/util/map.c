/*
 * The hash map of map.h: FNV-1a over the key's parts (each followed by a
 * separator byte no identifier holds, NULL distinct from ""), a table of a
 * power-of-two size at most half full, linear probing, tombstones for
 * deletions. Growing allocates a new table in the arena; the old one stays
 * until the arena is freed (the tables double, so the waste is bounded by
 * the final size).
 */
#include <string.h>

#include "util/map.h"

typedef struct slot {
	const char *k[3];
	void *value;
	unsigned long long hash;
	unsigned char state; /* 0 empty, 1 full, 2 deleted */
} slot;

struct plumb_map {
	plumb_arena *arena;
	slot *slots;
	size_t cap;  /* a power of two, or 0 */
	size_t used; /* full and deleted slots */
	size_t n;    /* full slots */
	bool fold;
};

static unsigned char fold_byte(unsigned char c, bool fold)
{
	return fold && c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

static unsigned long long hash_of(const char *const k[3], bool fold)
{
	unsigned long long h = 14695981039346656037ULL;
	for (int i = 0; i < 3; i++) {
		if (k[i])
			for (const unsigned char *p = (const unsigned char *)k[i]; *p; p++)
				h = (h ^ fold_byte(*p, fold)) * 1099511628211ULL;
		h = (h ^ (k[i] ? 0x1fu : 0x1eu)) * 1099511628211ULL;
	}
	return h;
}

static bool part_eq(const char *a, const char *b, bool fold)
{
	if (!a || !b)
		return a == b;
	for (; *a && *b; a++, b++)
		if (fold_byte((unsigned char)*a, fold) != fold_byte((unsigned char)*b, fold))
			return false;
	return *a == *b;
}

static bool key_eq(const slot *s, const char *const k[3], bool fold)
{
	return part_eq(s->k[0], k[0], fold) && part_eq(s->k[1], k[1], fold) &&
	       part_eq(s->k[2], k[2], fold);
}

plumb_map *plumb_map_new(plumb_arena *a, bool fold_case)
{
	plumb_map *m = plumb_arena_alloc(a, sizeof(*m));
	if (!m)
		return NULL;
	*m = (plumb_map){.arena = a, .fold = fold_case};
	return m;
}

/* The slot holding the key, or NULL. */
static slot *find(const plumb_map *m, const char *const k[3], unsigned long long h)
{
	if (!m->cap)
		return NULL;
	for (size_t i = (size_t)h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		slot *s = &m->slots[i];
		if (s->state == 0)
			return NULL;
		if (s->state == 1 && s->hash == h && key_eq(s, k, m->fold))
			return s;
	}
}

static int grow(plumb_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 16;
	if (m->n * 4 < m->cap)
		cap = m->cap; /* mostly tombstones: rehash at the same size */
	slot *slots = plumb_arena_alloc(m->arena, cap * sizeof(*slots)); /* zeroed: empty */
	if (!slots)
		return -1;
	for (size_t i = 0; i < m->cap; i++) {
		const slot *s = &m->slots[i];
		if (s->state != 1)
			continue;
		size_t j = (size_t)s->hash & (cap - 1);
		while (slots[j].state)
			j = (j + 1) & (cap - 1);
		slots[j] = *s;
	}
	plumb_arena_give_back(m->arena, m->slots, m->cap * sizeof(*slots));
	m->slots = slots;
	m->cap = cap;
	m->used = m->n;
	return 0;
}

int plumb_map_put(plumb_map *m, const char *k0, const char *k1, const char *k2, void *value)
{
	const char *const k[3] = {k0, k1, k2};
	unsigned long long h = hash_of(k, m->fold);
	slot *s = find(m, k, h);
	if (s) {
		s->value = value;
		return 0;
	}
	if ((m->used + 1) * 2 > m->cap && grow(m) < 0)
		return -1;
	size_t i = (size_t)h & (m->cap - 1);
	while (m->slots[i].state == 1)
		i = (i + 1) & (m->cap - 1);
	s = &m->slots[i];
	if (s->state == 0)
		m->used++;
	*s = (slot){{k0, k1, k2}, value, h, 1};
	m->n++;
	return 0;
}

void *plumb_map_get(const plumb_map *m, const char *k0, const char *k1, const char *k2)
{
	const char *const k[3] = {k0, k1, k2};
	const slot *s = find(m, k, hash_of(k, m->fold));
	return s ? s->value : NULL;
}

bool plumb_map_find(const plumb_map *m, const char *k0, const char *k1, const char *k2,
		    void **value)
{
	const char *const k[3] = {k0, k1, k2};
	const slot *s = find(m, k, hash_of(k, m->fold));
	if (s && value)
		*value = s->value;
	return s != NULL;
}

bool plumb_map_del(plumb_map *m, const char *k0, const char *k1, const char *k2,
		   const void *value)
{
	const char *const k[3] = {k0, k1, k2};
	slot *s = find(m, k, hash_of(k, m->fold));
	if (!s || (value && s->value != value))
		return false;
	s->state = 2;
	s->value = NULL;
	m->n--;
	return true;
}

size_t plumb_map_count(const plumb_map *m)
{
	return m->n;
}
