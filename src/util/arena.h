/*
 * Arenas: a tree of bump allocators. Freeing an arena frees its children,
 * every allocation made from it, and runs its cleanup callbacks (newest
 * first), so an error path cannot leak. Not thread-safe; one run, one tree.
 */
#ifndef PLUMB_UTIL_ARENA_H
#define PLUMB_UTIL_ARENA_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

typedef struct plumb_arena plumb_arena;

/* A new arena, child of parent (NULL for a root). NULL when out of memory. */
plumb_arena *plumb_arena_new(plumb_arena *parent);

/* Frees the arena, its children and everything they hold. NULL is a no-op. */
void plumb_arena_free(plumb_arena *arena);

/* Frees what the arena holds (children included) but keeps it usable. */
void plumb_arena_reset(plumb_arena *arena);

/* Zeroed memory, aligned for any type. NULL when out of memory; the arena then
 * remembers the failure (plumb_arena_failed). */
void *plumb_arena_alloc(plumb_arena *arena, size_t size);

/* Memory not zeroed, aligned for a pointer, a size_t or a double only (not
 * for any type): for many small objects their owner fills at once, such as
 * protobuf-c's messages. NULL when out of memory, remembered as above. */
void *plumb_arena_alloc_raw(plumb_arena *arena, size_t size);

/* Memory handed out in order and done with in the same order (the parse
 * trees of a file's statements, read one after the other): mark, taken
 * before an allocation, names where it starts; release_before then frees
 * every chunk made before the one it starts in, so that what was allocated
 * before the mark goes (but what shares that chunk) and what was allocated
 * after it stays. Nothing may point into what was released. */
unsigned long plumb_arena_mark(const plumb_arena *arena);
void plumb_arena_release_before(plumb_arena *arena, unsigned long mark);

/* Gives back the memory of a big allocation (p, of size bytes, from
 * plumb_arena_alloc of this arena) that nothing points into any more, such
 * as a hash table rehashed elsewhere: small ones stay until the arena goes. */
void plumb_arena_give_back(plumb_arena *arena, void *p, size_t size);

/* Shrinks p (of old_size bytes, the arena's last allocation) to new_size,
 * giving the rest back for the next allocations; a no-op for any other. */
void plumb_arena_shrink(plumb_arena *arena, void *p, size_t old_size, size_t new_size);

/* A root arena for another thread to fill: its allocations, and those of
 * the arenas made under it, are not counted by plumb_arena_fail_nth (whose
 * counter is this thread's to touch) and never fail on purpose. NULL when
 * out of memory. */
plumb_arena *plumb_arena_new_uncounted(void);
/* Whether plumb_arena_fail_nth armed a failure. */
bool plumb_arena_faults_armed(void);
/* child, a root arena (from plumb_arena_new_uncounted, its thread done with
 * it), becomes a child of parent: freed with it, counted from now on. */
void plumb_arena_adopt(plumb_arena *parent, plumb_arena *child);

/* Grows an allocation made from this arena to new_size, copying old_size bytes. */
void *plumb_arena_realloc(plumb_arena *arena, void *old, size_t old_size, size_t new_size);

char *plumb_arena_strdup(plumb_arena *arena, const char *s);
char *plumb_arena_strndup(plumb_arena *arena, const char *s, size_t len);
char *plumb_arena_printf(plumb_arena *arena, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
char *plumb_arena_vprintf(plumb_arena *arena, const char *fmt, va_list ap);

/* Runs fn(p) when the arena is reset or freed. Returns 0, or -1 when out of
 * memory, in which case fn(p) has already been run. */
int plumb_arena_defer(plumb_arena *arena, void (*fn)(void *), void *p);

/* True once any allocation from this arena has failed (sticky). */
bool plumb_arena_failed(const plumb_arena *arena);

/* Fault injection for tests (curl's torture mode): with n > 0 the nth arena
 * allocation from now on fails (once); 0 turns it off. Returns how many
 * allocations were made since the previous call. Process-wide. */
long plumb_arena_fail_nth(long n);

#endif
