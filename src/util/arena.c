/*
 * Arena allocator. Memory comes in chunks; allocations bump a pointer. With
 * PLUMB_ARENA_MALLOC defined (the debug build option) every allocation is its
 * own malloc so that AddressSanitizer and valgrind see each object.
 */
#include "util/arena.h"

#include <assert.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CHUNK_SIZE 8192
#define ALIGN 16

typedef struct chunk {
	struct chunk *next, *prev; /* prev: NULL for the first */
	size_t size, used;
	unsigned long seq; /* the arena's count of chunks when it was made */
	max_align_t data[];
} chunk;

typedef struct cleanup {
	struct cleanup *next;
	void (*fn)(void *);
	void *p;
} cleanup;

struct plumb_arena {
	plumb_arena *parent;
	/* children in a doubly linked list: one freed leaves it in O(1) */
	plumb_arena *first_child, *next_sibling, *prev_sibling;
	chunk *chunks;
	unsigned long n_chunks; /* made so far: the next chunk's seq */
	cleanup *cleanups;
	bool failed;
	bool uncounted; /* plumb_arena_new_uncounted's: not counted, no failures injected */
};

static long fail_at, n_allocs;

long plumb_arena_fail_nth(long n)
{
	long made = n_allocs;
	n_allocs = 0;
	fail_at = n > 0 ? n : 0;
	return made;
}

/* size bytes aligned to align (a power of two, at most ALIGN), zeroed when
 * zero is set. */
static void *chunk_alloc(plumb_arena *a, size_t size, size_t align, bool zero)
{
	if (!a->uncounted && ++n_allocs == fail_at)
		return NULL;
#ifdef PLUMB_ARENA_MALLOC
	(void)align, (void)zero;
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	chunk *c = calloc(1, sizeof(chunk) + size);
	if (!c)
		return NULL;
	c->size = c->used = size;
	c->seq = a->n_chunks++;
	c->next = a->chunks;
	c->prev = NULL;
	if (c->next)
		c->next->prev = c;
	a->chunks = c;
	return c->data;
#else
	size = (size + align - 1) & ~(align - 1);
	chunk *c = a->chunks;
	size_t at = c ? (c->used + align - 1) & ~(align - 1) : 0;
	/* a big allocation always has a chunk of its own (plumb_arena_give_back) */
	if (!c || size > CHUNK_SIZE / 2 || c->size < at || c->size - at < size) {
		size_t want = size > CHUNK_SIZE / 2 ? size : CHUNK_SIZE;
		chunk *n = malloc(sizeof(chunk) + want);
		if (!n)
			return NULL;
		n->size = want;
		n->used = 0;
		n->seq = a->n_chunks++;
		if (size > CHUNK_SIZE / 2 && c) {
			/* big allocation: keep the current chunk on top for small ones */
			n->next = c->next;
			n->prev = c;
			c->next = n;
		} else {
			n->next = c;
			n->prev = NULL;
			a->chunks = n;
		}
		if (n->next)
			n->next->prev = n;
		c = n;
		at = 0;
	}
	void *p = (char *)c->data + at;
	c->used = at + size;
	if (zero)
		memset(p, 0, size);
	return p;
#endif
}

plumb_arena *plumb_arena_new(plumb_arena *parent)
{
	/* an uncounted arena's children are made on its thread: uncounted */
	bool uncounted = parent && parent->uncounted;
	plumb_arena *a = !uncounted && ++n_allocs == fail_at ? NULL : calloc(1, sizeof(*a));
	if (!a) {
		if (parent)
			parent->failed = true;
		return NULL;
	}
	a->parent = parent;
	a->uncounted = uncounted;
	if (parent) {
		a->next_sibling = parent->first_child;
		if (a->next_sibling)
			a->next_sibling->prev_sibling = a;
		parent->first_child = a;
	}
	return a;
}

plumb_arena *plumb_arena_new_uncounted(void)
{
	plumb_arena *a = calloc(1, sizeof(*a));
	if (a)
		a->uncounted = true;
	return a;
}

bool plumb_arena_faults_armed(void)
{
	return fail_at > 0;
}

void plumb_arena_adopt(plumb_arena *parent, plumb_arena *child)
{
	assert(!child->parent && parent);
	child->parent = parent;
	child->uncounted = false;
	child->next_sibling = parent->first_child;
	if (child->next_sibling)
		child->next_sibling->prev_sibling = child;
	parent->first_child = child;
}

static void release(plumb_arena *a)
{
	while (a->first_child) {
		plumb_arena *c = a->first_child;
		a->first_child = c->next_sibling;
		if (a->first_child)
			a->first_child->prev_sibling = NULL;
		c->parent = NULL;
		release(c);
		free(c);
	}
	while (a->cleanups) {
		cleanup *c = a->cleanups;
		a->cleanups = c->next;
		c->fn(c->p);
	}
	while (a->chunks) {
		chunk *c = a->chunks;
		a->chunks = c->next;
		free(c);
	}
	a->failed = false;
}

void plumb_arena_reset(plumb_arena *a)
{
	if (a)
		release(a);
}

void plumb_arena_free(plumb_arena *a)
{
	if (!a)
		return;
	if (a->parent) {
		if (a->prev_sibling)
			a->prev_sibling->next_sibling = a->next_sibling;
		else
			a->parent->first_child = a->next_sibling;
		if (a->next_sibling)
			a->next_sibling->prev_sibling = a->prev_sibling;
	}
	release(a);
	free(a);
}

void *plumb_arena_alloc(plumb_arena *a, size_t size)
{
	void *p = chunk_alloc(a, size ? size : 1, ALIGN, true);
	if (!p)
		a->failed = true;
	return p;
}

void *plumb_arena_alloc_raw(plumb_arena *a, size_t size)
{
	void *p = chunk_alloc(a, size ? size : 1, sizeof(void *), false);
	if (!p)
		a->failed = true;
	return p;
}

/* Grows old in place when it is the last allocation of the top chunk and
 * the chunk has room (a vector or buffer growing alone): the old copy is not
 * left behind. 1 when grown, 0 when it cannot be, -1 for an allocation
 * failure made on purpose (plumb_arena_fail_nth). */
static int grow_in_place(plumb_arena *a, void *old, size_t old_size, size_t new_size)
{
#ifdef PLUMB_ARENA_MALLOC
	(void)a, (void)old, (void)old_size, (void)new_size;
	return 0;
#else
	chunk *c = a->chunks;
	size_t was = (old_size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	size_t want = (new_size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (!c || (char *)old + was != (char *)c->data + c->used ||
	    c->size - c->used < want - was || want > CHUNK_SIZE / 2)
		return 0;
	if (++n_allocs == fail_at) {
		a->failed = true;
		return -1;
	}
	memset((char *)old + old_size, 0, want - old_size);
	c->used += want - was;
	return 1;
#endif
}

void *plumb_arena_realloc(plumb_arena *a, void *old, size_t old_size, size_t new_size)
{
	if (new_size <= old_size && old)
		return old;
	int grown = old && old_size ? grow_in_place(a, old, old_size, new_size) : 0;
	if (grown)
		return grown > 0 ? old : NULL;
	/* zeroed past the copy only: the copied part would be written twice */
	void *p = chunk_alloc(a, new_size ? new_size : 1, ALIGN, false);
	if (!p) {
		a->failed = true;
		return NULL;
	}
	size_t kept = old ? old_size : 0;
	if (kept)
		memcpy(p, old, kept);
	memset((char *)p + kept, 0, (new_size ? new_size : 1) - kept);
	return p;
}

unsigned long plumb_arena_mark(const plumb_arena *a)
{
	/* the top chunk may be shared with what comes next */
	return a->chunks ? a->chunks->seq : a->n_chunks;
}

/* Takes chunk c out of a's list and frees it. */
static void drop_chunk(plumb_arena *a, chunk *c)
{
	if (c->prev)
		c->prev->next = c->next;
	else
		a->chunks = c->next;
	if (c->next)
		c->next->prev = c->prev;
	free(c);
}

void plumb_arena_release_before(plumb_arena *a, unsigned long mark)
{
	for (chunk *c = a->chunks, *next; c; c = next) {
		next = c->next;
		if (c->seq < mark)
			drop_chunk(a, c);
	}
}

void plumb_arena_shrink(plumb_arena *a, void *p, size_t old_size, size_t new_size)
{
#ifdef PLUMB_ARENA_MALLOC
	(void)a, (void)p, (void)old_size, (void)new_size;
#else
	chunk *c = a->chunks;
	size_t was = (old_size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	size_t want = (new_size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	/* only the last allocation of the top chunk, a small one */
	if (!c || !p || want >= was || was > CHUNK_SIZE / 2 ||
	    (char *)p + was != (char *)c->data + c->used)
		return;
	c->used -= was - want;
#endif
}

void plumb_arena_give_back(plumb_arena *a, void *p, size_t size)
{
#ifdef PLUMB_ARENA_MALLOC
	(void)a, (void)p, (void)size;
#else
	size = (size + ALIGN - 1) & ~(size_t)(ALIGN - 1);
	if (!p || size <= CHUNK_SIZE / 2)
		return;
	chunk *c = (chunk *)((char *)p - offsetof(chunk, data));
	assert(c->size == size);
	drop_chunk(a, c);
#endif
}

/* Text needs no alignment and no zeroing: a string takes its own length. */
static char *text_alloc(plumb_arena *a, size_t size)
{
	char *p = chunk_alloc(a, size, 1, false);
	if (!p)
		a->failed = true;
	return p;
}

char *plumb_arena_strndup(plumb_arena *a, const char *s, size_t len)
{
	char *p = text_alloc(a, len + 1);
	if (p) {
		memcpy(p, s, len);
		p[len] = '\0';
	}
	return p;
}

char *plumb_arena_strdup(plumb_arena *a, const char *s)
{
	return s ? plumb_arena_strndup(a, s, strlen(s)) : NULL;
}

char *plumb_arena_vprintf(plumb_arena *a, const char *fmt, va_list ap)
{
	va_list aq;
	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return NULL;
	char *p = text_alloc(a, (size_t)n + 1);
	if (p)
		vsnprintf(p, (size_t)n + 1, fmt, ap);
	return p;
}

char *plumb_arena_printf(plumb_arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *p = plumb_arena_vprintf(a, fmt, ap);
	va_end(ap);
	return p;
}

int plumb_arena_defer(plumb_arena *a, void (*fn)(void *), void *p)
{
	cleanup *c = plumb_arena_alloc(a, sizeof(*c));
	if (!c) {
		fn(p);
		return -1;
	}
	c->fn = fn;
	c->p = p;
	c->next = a->cleanups;
	a->cleanups = c;
	return 0;
}

bool plumb_arena_failed(const plumb_arena *a)
{
	return a->failed;
}
