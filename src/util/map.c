/*
 * The hash map of map.h: FNV-1a over the key's parts (each followed by a
 * separator byte no identifier holds, NULL distinct from ""). The entries
 * (key, value, hash) are stored one after another, in blocks of BLOCK
 * (the first grows to that size), and found through a table of slots, a
 * power of two in number and at most three quarters used, with linear
 * probing. A slot is 8 bytes: the entry's number and the high half of its
 * hash, so that a probe reads an entry only when their hashes agree, and a
 * table of them stays in few cache lines. Deletion leaves a tombstone in
 * the slot (the entry stays, unreached). Growing allocates a new table and
 * gives the old one back to the arena.
 */
#include <stdint.h>
#include <string.h>

#include "util/map.h"

#define BLOCK_BITS 8
#define BLOCK ((size_t)1 << BLOCK_BITS)
#define FIRST 8	 /* entries the first block starts with */
#define TAG 0xFFFFFFFF00000000ULL
enum { EMPTY = 0, DELETED = 1 }; /* else: the hash's high half | (entry + 2) */

typedef struct entry {
	const char *k[3];
	void *value;
	unsigned long long hash;
} entry;

struct plumb_map {
	plumb_arena *arena;
	uint64_t *slots;
	size_t cap;  /* slots: a power of two, or 0 */
	size_t used; /* full and deleted slots */
	size_t n;    /* full slots */
	entry **blocks;
	size_t n_blocks;  /* in use (blocks[n_blocks - 1] may have room) */
	size_t blocks_cap;
	size_t first_cap; /* entries blocks[0] has room for, at most BLOCK */
	size_t n_entries; /* entries made, deleted ones included */
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

static bool key_eq(const entry *e, const char *const k[3], bool fold)
{
	return part_eq(e->k[0], k[0], fold) && part_eq(e->k[1], k[1], fold) &&
	       part_eq(e->k[2], k[2], fold);
}

static entry *entry_at(const plumb_map *m, uint64_t slot)
{
	size_t i = (size_t)(slot & ~TAG) - 2;
	return &m->blocks[i >> BLOCK_BITS][i & (BLOCK - 1)];
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
static uint64_t *find(const plumb_map *m, const char *const k[3], unsigned long long h)
{
	if (!m->cap)
		return NULL;
	for (size_t i = (size_t)h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		uint64_t *s = &m->slots[i];
		if (*s == EMPTY)
			return NULL;
		if (*s != DELETED && (*s & TAG) == (h & TAG)) {
			const entry *e = entry_at(m, *s);
			if (e->hash == h && key_eq(e, k, m->fold))
				return s;
		}
	}
}

static int grow(plumb_map *m)
{
	size_t cap = m->cap ? m->cap * 2 : 16;
	if (m->n * 2 < m->used)
		cap = m->cap; /* mostly tombstones: rehash at the same size */
	uint64_t *slots = plumb_arena_alloc(m->arena, cap * sizeof(*slots)); /* zeroed: empty */
	if (!slots)
		return -1;
	for (size_t i = 0; i < m->cap; i++) {
		uint64_t s = m->slots[i];
		if (s == EMPTY || s == DELETED)
			continue;
		size_t j = (size_t)entry_at(m, s)->hash & (cap - 1);
		while (slots[j] != EMPTY)
			j = (j + 1) & (cap - 1);
		slots[j] = s;
	}
	plumb_arena_give_back(m->arena, m->slots, m->cap * sizeof(*slots));
	m->slots = slots;
	m->cap = cap;
	m->used = m->n;
	return 0;
}

/* Room for one more entry: the first block grown, or a new block. */
static bool entry_room(plumb_map *m)
{
	size_t i = m->n_entries;
	if (i >= (size_t)UINT32_MAX - 2)
		return false;
	if (m->n_blocks && (i < BLOCK ? i < m->first_cap : (i & (BLOCK - 1)) != 0))
		return true;
	if (m->n_blocks && i < BLOCK) { /* the first block, doubled */
		size_t cap = m->first_cap * 2;
		entry *b = plumb_arena_alloc_raw(m->arena, cap * sizeof(*b));
		if (!b)
			return false;
		memcpy(b, m->blocks[0], i * sizeof(*b));
		plumb_arena_give_back(m->arena, m->blocks[0], m->first_cap * sizeof(*b));
		m->blocks[0] = b;
		m->first_cap = cap;
		return true;
	}
	if (m->n_blocks == m->blocks_cap) {
		size_t cap = m->blocks_cap ? m->blocks_cap * 2 : 4;
		entry **bs = plumb_arena_realloc(m->arena, m->blocks, m->blocks_cap * sizeof(*bs),
						 cap * sizeof(*bs));
		if (!bs)
			return false;
		m->blocks = bs;
		m->blocks_cap = cap;
	}
	size_t size = m->n_blocks ? BLOCK : FIRST;
	entry *b = plumb_arena_alloc_raw(m->arena, size * sizeof(*b));
	if (!b)
		return false;
	m->blocks[m->n_blocks++] = b;
	if (size == FIRST)
		m->first_cap = FIRST;
	return true;
}

int plumb_map_put(plumb_map *m, const char *k0, const char *k1, const char *k2, void *value)
{
	const char *const k[3] = {k0, k1, k2};
	unsigned long long h = hash_of(k, m->fold);
	uint64_t *s = find(m, k, h);
	if (s) {
		entry_at(m, *s)->value = value;
		return 0;
	}
	if (((m->used + 1) * 4 > m->cap * 3 && grow(m) < 0) || !entry_room(m))
		return -1;
	size_t i = (size_t)h & (m->cap - 1);
	while (m->slots[i] != EMPTY && m->slots[i] != DELETED)
		i = (i + 1) & (m->cap - 1);
	if (m->slots[i] == EMPTY)
		m->used++;
	uint64_t slot = (h & TAG) | (uint64_t)(m->n_entries + 2);
	m->n_entries++;
	*entry_at(m, slot) = (entry){{k0, k1, k2}, value, h};
	m->slots[i] = slot;
	m->n++;
	return 0;
}

void *plumb_map_get(const plumb_map *m, const char *k0, const char *k1, const char *k2)
{
	const char *const k[3] = {k0, k1, k2};
	const uint64_t *s = find(m, k, hash_of(k, m->fold));
	return s ? entry_at(m, *s)->value : NULL;
}

bool plumb_map_find(const plumb_map *m, const char *k0, const char *k1, const char *k2,
		    void **value)
{
	const char *const k[3] = {k0, k1, k2};
	const uint64_t *s = find(m, k, hash_of(k, m->fold));
	if (s && value)
		*value = entry_at(m, *s)->value;
	return s != NULL;
}

bool plumb_map_del(plumb_map *m, const char *k0, const char *k1, const char *k2,
		   const void *value)
{
	const char *const k[3] = {k0, k1, k2};
	uint64_t *s = find(m, k, hash_of(k, m->fold));
	if (!s || (value && entry_at(m, *s)->value != value))
		return false;
	*s = DELETED;
	m->n--;
	return true;
}

size_t plumb_map_count(const plumb_map *m)
{
	return m->n;
}
