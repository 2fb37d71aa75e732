/*
 * A catalog as bytes and back, for the replay cache (source/cache.c): every
 * field of every object, so that a catalog read back is the catalog that was
 * written. Not a format for other programs: it is read only by the build
 * that wrote it (the cache's key holds the build's identity), in the byte
 * order of the machine.
 *
 * Layout: the magic, then the catalog field by field. Each count and
 * number is a 32-bit word. A string field is 0 for NULL; the first time a
 * string comes, NEW_STRING, its length and its bytes with the NUL, which
 * gives it the next number (from 1); every later time, that number. So a
 * string that many objects share ("public", "integer") is stored and read
 * once, and the loaded catalog holds it once. An array that may be NULL
 * with no items writes NO_ARRAY for NULL. It is written as it goes, through
 * a buffer of 64 KiB, with no copy of the whole in memory.
 *
 * A field added to a catalog struct must be added here: the assertions on
 * the structs' sizes below stop the build until it is.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog/catalog.h"

#if UINTPTR_MAX == 0xffffffffffffffffu
_Static_assert(sizeof(plumb_column) == 152, "plumb_column changed: write and read it in store.c");
_Static_assert(sizeof(plumb_constraint) == 144,
	       "plumb_constraint changed: write and read it in store.c");
_Static_assert(sizeof(plumb_table) == 200, "plumb_table changed: write and read it in store.c");
_Static_assert(sizeof(plumb_index) == 104, "plumb_index changed: write and read it in store.c");
_Static_assert(sizeof(plumb_view) == 64, "plumb_view changed: write and read it in store.c");
_Static_assert(sizeof(plumb_trigger) == 64, "plumb_trigger changed: write and read it in store.c");
_Static_assert(sizeof(plumb_object) == 272, "plumb_object changed: write and read it in store.c");
_Static_assert(sizeof(plumb_catalog) == 208, "plumb_catalog changed: write and read it in store.c");
#endif

static const char MAGIC[8] = {'P', 'L', 'U', 'M', 'B', 'C', 'A', '1'};

enum { NO_ARRAY = 0xffffffffu };

/* --- writing ---------------------------------------------------------- */

enum { NEW_STRING = 0xfffffffeu, OUT_BUF = 1 << 16 };

/* The strings met so far: open addressing over their numbers, 4 bytes a
 * slot (a catalog of 10,000 tables has some 130,000 distinct strings). */
typedef struct strtab {
	const char **strs; /* by number - 1 */
	uint32_t *hashes;  /* of each */
	uint32_t *slots;   /* number, 0 empty */
	uint32_t n, cap;   /* strings; slots (a power of two, over twice n) */
} strtab;

typedef struct writer {
	int fd;		/* where the bytes go: a file, */
	plumb_buf *mem; /* or memory */
	strtab tab;
	bool failed;
	size_t used;
	unsigned char out[OUT_BUF];
} writer;

static uint32_t hash_str(const char *s, size_t n)
{
	uint64_t h = plumb_fnv1a(s, n);
	return (uint32_t)(h ^ (h >> 32));
}

static bool tab_grow(strtab *t)
{
	uint32_t cap = t->cap ? 2 * t->cap : 4096;
	uint32_t *slots = calloc(cap, sizeof(*slots));
	const char **strs = realloc(t->strs, sizeof(*strs) * (cap / 2));
	if (strs)
		t->strs = strs;
	uint32_t *hashes = realloc(t->hashes, sizeof(*hashes) * (cap / 2));
	if (hashes)
		t->hashes = hashes;
	if (!slots || !strs || !hashes) {
		free(slots);
		return false;
	}
	for (uint32_t i = 0; i < t->n; i++) {
		uint32_t j = t->hashes[i] & (cap - 1);
		while (slots[j])
			j = (j + 1) & (cap - 1);
		slots[j] = i + 1;
	}
	free(t->slots);
	t->slots = slots;
	t->cap = cap;
	return true;
}

/* s's number, or 0 after adding it as the next (*added true); -1 when out
 * of memory. */
static int64_t tab_find(strtab *t, const char *s, size_t n, bool *added)
{
	*added = false;
	if (2 * (t->n + 1) > t->cap && !tab_grow(t))
		return -1;
	uint32_t h = hash_str(s, n), j = h & (t->cap - 1);
	for (; t->slots[j]; j = (j + 1) & (t->cap - 1)) {
		uint32_t k = t->slots[j] - 1;
		if (t->hashes[k] == h && strcmp(t->strs[k], s) == 0)
			return k + 1;
	}
	t->strs[t->n] = s;
	t->hashes[t->n] = h;
	t->slots[j] = ++t->n;
	*added = true;
	return 0;
}

static void tab_free(strtab *t)
{
	free(t->strs);
	free(t->hashes);
	free(t->slots);
}

static void flush(writer *w)
{
	const unsigned char *p = w->out;
	size_t n = w->used;
	w->used = 0;
	if (w->failed)
		return;
	if (w->mem) {
		plumb_buf_append(w->mem, (const char *)p, n);
		return;
	}
	if (!plumb_write_all(w->fd, p, n))
		w->failed = true;
}

static void put_bytes(writer *w, const void *p, size_t n)
{
	while (n) {
		if (w->used == OUT_BUF)
			flush(w);
		size_t k = OUT_BUF - w->used < n ? OUT_BUF - w->used : n;
		memcpy(w->out + w->used, p, k);
		w->used += k;
		p = (const unsigned char *)p + k;
		n -= k;
	}
}

static void put_u32(writer *w, uint32_t v)
{
	if (OUT_BUF - w->used < sizeof(v))
		flush(w);
	memcpy(w->out + w->used, &v, sizeof(v));
	w->used += sizeof(v);
}

/* NULL is 0; a string met before its number; a new one NEW_STRING, its
 * length and its bytes with the NUL, numbered next. */
static void put_str(writer *w, const char *s)
{
	bool added;
	if (!s) {
		put_u32(w, 0);
		return;
	}
	size_t n = strlen(s);
	int64_t k = n < NEW_STRING ? tab_find(&w->tab, s, n, &added) : -1;
	if (k < 0) {
		w->failed = true;
	} else if (!added) {
		put_u32(w, (uint32_t)k);
	} else {
		put_u32(w, NEW_STRING);
		put_u32(w, (uint32_t)n);
		put_bytes(w, s, n + 1);
	}
}

static void put_bool(writer *w, bool b)
{
	put_u32(w, b);
}

static void put_strs(writer *w, const char *const *v, size_t n)
{
	if (!v && !n) {
		put_u32(w, NO_ARRAY);
		return;
	}
	put_u32(w, (uint32_t)n);
	for (size_t i = 0; i < n; i++)
		put_str(w, v[i]);
}

static void put_vec(writer *w, const plumb_vec *v)
{
	put_strs(w, (const char *const *)v->items, v->n);
}

static void put_column(writer *w, const plumb_column *c)
{
	put_str(w, c->name);
	put_str(w, c->type);
	put_bool(w, c->not_null);
	put_str(w, c->default_sql);
	put_str(w, c->default_written);
	put_str(w, c->collation);
	put_str(w, c->generated_sql);
	put_str(w, c->generated_written);
	put_bool(w, c->generated_stored);
	put_bool(w, c->hidden);
	put_u32(w, (uint32_t)c->pk_position);
	put_str(w, c->identity);
	put_str(w, c->identity_options);
	put_bool(w, c->inherited);
	put_str(w, c->compression);
	put_str(w, c->storage);
	put_str(w, c->options);
	put_str(w, c->statistics);
	put_vec(w, &c->fdw_options);
	put_str(w, c->definition);
	put_str(w, c->renamed_from);
}

static void put_constraint(writer *w, const plumb_constraint *k)
{
	put_u32(w, (uint32_t)k->kind);
	put_str(w, k->name);
	put_strs(w, k->columns, k->n_columns);
	put_strs(w, k->include, k->n_include);
	put_str(w, k->check_sql);
	put_str(w, k->check_written);
	put_str(w, k->ref_schema);
	put_str(w, k->ref_table);
	put_strs(w, k->ref_columns, k->n_ref_columns);
	put_str(w, k->on_delete);
	put_str(w, k->on_update);
	put_str(w, k->match);
	put_bool(w, k->deferrable);
	put_bool(w, k->initially_deferred);
	put_bool(w, k->autoincrement);
	put_bool(w, k->column_level);
	put_bool(w, k->not_valid);
	put_str(w, k->renamed_from);
	put_str(w, k->definition);
}

static void put_table(writer *w, const plumb_table *t)
{
	put_str(w, t->schema);
	put_str(w, t->name);
	put_u32(w, (uint32_t)t->columns.n);
	for (size_t i = 0; i < t->columns.n; i++)
		put_column(w, t->columns.items[i]);
	put_u32(w, (uint32_t)t->constraints.n);
	for (size_t i = 0; i < t->constraints.n; i++)
		put_constraint(w, t->constraints.items[i]);
	put_bool(w, t->without_rowid);
	put_bool(w, t->strict);
	put_str(w, t->sql);
	put_str(w, t->renamed_from);
	put_bool(w, t->unlogged);
	put_str(w, t->partition_by);
	put_str(w, t->partition_of);
	put_str(w, t->partition_bound);
	put_vec(w, &t->inherits);
	put_bool(w, t->rls_enabled);
	put_bool(w, t->rls_forced);
	put_str(w, t->options);
	put_str(w, t->replica_identity);
	put_str(w, t->server);
	put_vec(w, &t->fdw_options);
}

static void put_index(writer *w, const plumb_index *x)
{
	put_str(w, x->schema);
	put_str(w, x->name);
	put_str(w, x->table);
	put_bool(w, x->unique);
	put_vec(w, &x->keys);
	put_str(w, x->where_sql);
	put_str(w, x->sql);
	put_str(w, x->definition);
	put_str(w, x->renamed_from);
	put_str(w, x->statistics);
	put_bool(w, x->invalid);
}

static void put_view(writer *w, const plumb_view *v)
{
	put_str(w, v->schema);
	put_str(w, v->name);
	put_str(w, v->sql);
	put_str(w, v->definition);
	put_vec(w, &v->depends);
	put_bool(w, v->materialized);
}

static void put_trigger(writer *w, const plumb_trigger *t)
{
	put_str(w, t->schema);
	put_str(w, t->name);
	put_str(w, t->table);
	put_str(w, t->sql);
	put_str(w, t->definition);
	put_vec(w, &t->depends);
}

static void put_object(writer *w, const plumb_object *o)
{
	put_str(w, o->schema);
	put_str(w, o->name);
	put_u32(w, (uint32_t)o->kind);
	put_str(w, o->table);
	put_u32(w, (uint32_t)o->target_kind);
	put_str(w, o->definition);
	put_str(w, o->sql);
	put_vec(w, &o->values);
	put_vec(w, &o->renamed_values);
	put_vec(w, &o->depends);
	put_str(w, o->version);
	put_str(w, o->renamed_from);
	put_bool(w, o->implicit);
	put_u32(w, (uint32_t)o->func_kind);
	put_u32(w, (uint32_t)o->volatility);
	put_str(w, o->target);
	put_str(w, o->on_unmanaged);
	put_str(w, o->column);
	put_str(w, o->part);
	put_str(w, o->grantee);
	put_u32(w, o->privileges);
	put_u32(w, o->grantable);
	put_str(w, o->stat_target);
	put_bool(w, o->all_tables);
	put_str(w, o->pub_options);
	put_str(w, o->evt_enabled);
	put_str(w, o->fdw_handler);
	put_str(w, o->fdw_validator);
	put_str(w, o->fdw);
	put_str(w, o->srv_type);
}

#define PUT_ALL(w, v, fn)                                                                          \
	do {                                                                                       \
		put_u32((w), (uint32_t)(v).n);                                                     \
		for (size_t i_ = 0; i_ < (v).n; i_++)                                              \
			fn((w), (v).items[i_]);                                                    \
	} while (0)

static int store(plumb_ctx *ctx, const plumb_catalog *cat, writer *w)
{
	put_bytes(w, MAGIC, sizeof(MAGIC));
	put_str(w, cat->dialect);
	put_bool(w, cat->fold_case);
	PUT_ALL(w, cat->tables, put_table);
	PUT_ALL(w, cat->indexes, put_index);
	PUT_ALL(w, cat->views, put_view);
	PUT_ALL(w, cat->triggers, put_trigger);
	PUT_ALL(w, cat->objects, put_object);
	put_vec(w, &cat->unmanaged);
	put_vec(w, &cat->excluded);
	flush(w);
	tab_free(&w->tab);
	if (w->failed)
		return w->mem ? plumb_error_nomem(ctx)
			      : plumb_error_set(ctx, PLUMB_ERROR,
						"could not write a stored catalog");
	return 0;
}

int plumb_catalog_store(plumb_ctx *ctx, const plumb_catalog *cat, plumb_arena *arena,
			const char **out, size_t *len)
{
	plumb_buf b;
	writer *w = malloc(sizeof(*w));
	*out = NULL;
	*len = 0;
	if (!w)
		return plumb_error_nomem(ctx);
	plumb_buf_init(&b, arena, 0);
	*w = (writer){.fd = -1, .mem = &b};
	int rc = store(ctx, cat, w);
	free(w);
	if (rc || (rc = plumb_buf_finish(&b, ctx)))
		return rc;
	*out = b.data;
	*len = b.len;
	return 0;
}

int plumb_catalog_store_fd(plumb_ctx *ctx, const plumb_catalog *cat, int fd)
{
	writer *w = malloc(sizeof(*w));
	if (!w)
		return plumb_error_nomem(ctx);
	*w = (writer){.fd = fd};
	int rc = store(ctx, cat, w);
	free(w);
	return rc;
}

/* --- reading ---------------------------------------------------------- */

typedef struct reader {
	const unsigned char *p, *end;
	const char **strs; /* by number - 1 (malloc'd) */
	uint32_t n_strs, cap_strs;
	plumb_arena *arena;
	bool bad; /* truncated, a number out of range, or out of memory */
} reader;

static uint32_t get_u32(reader *r)
{
	uint32_t v;
	if (r->bad || (size_t)(r->end - r->p) < sizeof(v)) {
		r->bad = true;
		return 0;
	}
	memcpy(&v, r->p, sizeof(v));
	r->p += sizeof(v);
	return v;
}

static const char *new_str(reader *r)
{
	uint32_t len = get_u32(r);
	if (r->bad || (size_t)(r->end - r->p) <= len || r->p[len] != '\0') {
		r->bad = true;
		return NULL;
	}
	if (r->n_strs == r->cap_strs) {
		uint32_t cap = r->cap_strs ? 2 * r->cap_strs : 1024;
		const char **v = cap > r->cap_strs ? realloc(r->strs, sizeof(*v) * cap) : NULL;
		if (!v) {
			r->bad = true;
			return NULL;
		}
		r->strs = v;
		r->cap_strs = cap;
	}
	char *s = plumb_arena_alloc_raw(r->arena, len + 1);
	if (!s) {
		r->bad = true;
		return NULL;
	}
	memcpy(s, r->p, len + 1);
	r->p += len + 1;
	return r->strs[r->n_strs++] = s;
}

static const char *get_str(reader *r)
{
	uint32_t i = get_u32(r);
	if (!i)
		return NULL;
	if (i == NEW_STRING)
		return new_str(r);
	if (i > r->n_strs) {
		r->bad = true;
		return NULL;
	}
	return r->strs[i - 1];
}

static bool get_bool(reader *r)
{
	return get_u32(r) != 0;
}

/* A count of items of at least min bytes each that the rest can hold. */
static uint32_t get_count(reader *r, size_t min)
{
	uint32_t n = get_u32(r);
	if (n != NO_ARRAY && (size_t)(r->end - r->p) / min < n)
		r->bad = true;
	return r->bad ? 0 : n;
}

static void *get_mem(reader *r, size_t size)
{
	void *p = r->bad ? NULL : plumb_arena_alloc(r->arena, size ? size : 1);
	if (!p)
		r->bad = true;
	return p;
}

static const char **get_strs(reader *r, size_t *n)
{
	uint32_t c = get_count(r, sizeof(uint32_t));
	*n = 0;
	if (c == NO_ARRAY || r->bad)
		return NULL;
	const char **v = get_mem(r, sizeof(*v) * c);
	if (!v)
		return NULL;
	for (uint32_t i = 0; i < c; i++)
		v[i] = get_str(r);
	*n = c;
	return v;
}

static void get_vec(reader *r, plumb_vec *v)
{
	size_t n;
	v->items = (void **)get_strs(r, &n);
	v->n = v->cap = n;
}

static plumb_column *get_column(reader *r)
{
	plumb_column *c = get_mem(r, sizeof(*c));
	if (!c)
		return NULL;
	c->name = get_str(r);
	c->type = get_str(r);
	c->not_null = get_bool(r);
	c->default_sql = get_str(r);
	c->default_written = get_str(r);
	c->collation = get_str(r);
	c->generated_sql = get_str(r);
	c->generated_written = get_str(r);
	c->generated_stored = get_bool(r);
	c->hidden = get_bool(r);
	c->pk_position = (int)get_u32(r);
	c->identity = get_str(r);
	c->identity_options = get_str(r);
	c->inherited = get_bool(r);
	c->compression = get_str(r);
	c->storage = get_str(r);
	c->options = get_str(r);
	c->statistics = get_str(r);
	get_vec(r, &c->fdw_options);
	c->definition = get_str(r);
	c->renamed_from = get_str(r);
	return c;
}

static plumb_constraint *get_constraint(reader *r)
{
	plumb_constraint *k = get_mem(r, sizeof(*k));
	if (!k)
		return NULL;
	k->kind = (plumb_con_kind)get_u32(r);
	k->name = get_str(r);
	k->columns = get_strs(r, &k->n_columns);
	k->include = get_strs(r, &k->n_include);
	k->check_sql = get_str(r);
	k->check_written = get_str(r);
	k->ref_schema = get_str(r);
	k->ref_table = get_str(r);
	k->ref_columns = get_strs(r, &k->n_ref_columns);
	k->on_delete = get_str(r);
	k->on_update = get_str(r);
	k->match = get_str(r);
	k->deferrable = get_bool(r);
	k->initially_deferred = get_bool(r);
	k->autoincrement = get_bool(r);
	k->column_level = get_bool(r);
	k->not_valid = get_bool(r);
	k->renamed_from = get_str(r);
	k->definition = get_str(r);
	return k;
}

/* Reads a count and that many items with fn into v (min bytes each at least). */
static void get_all(reader *r, plumb_vec *v, void *(*fn)(reader *), size_t min)
{
	uint32_t n = get_count(r, min);
	if (n == NO_ARRAY)
		r->bad = true;
	if (r->bad)
		return;
	v->items = get_mem(r, sizeof(void *) * n);
	if (!v->items)
		return;
	v->cap = n;
	for (uint32_t i = 0; i < n && !r->bad; i++) {
		void *p = fn(r);
		if (p)
			v->items[v->n++] = p;
	}
}

static void *column_item(reader *r)
{
	return get_column(r);
}

static void *constraint_item(reader *r)
{
	return get_constraint(r);
}

static void *table_item(reader *r)
{
	plumb_table *t = get_mem(r, sizeof(*t));
	if (!t)
		return NULL;
	t->schema = get_str(r);
	t->name = get_str(r);
	get_all(r, &t->columns, column_item, 4);
	get_all(r, &t->constraints, constraint_item, 4);
	t->without_rowid = get_bool(r);
	t->strict = get_bool(r);
	t->sql = get_str(r);
	t->renamed_from = get_str(r);
	t->unlogged = get_bool(r);
	t->partition_by = get_str(r);
	t->partition_of = get_str(r);
	t->partition_bound = get_str(r);
	get_vec(r, &t->inherits);
	t->rls_enabled = get_bool(r);
	t->rls_forced = get_bool(r);
	t->options = get_str(r);
	t->replica_identity = get_str(r);
	t->server = get_str(r);
	get_vec(r, &t->fdw_options);
	return t;
}

static void *index_item(reader *r)
{
	plumb_index *x = get_mem(r, sizeof(*x));
	if (!x)
		return NULL;
	x->schema = get_str(r);
	x->name = get_str(r);
	x->table = get_str(r);
	x->unique = get_bool(r);
	get_vec(r, &x->keys);
	x->where_sql = get_str(r);
	x->sql = get_str(r);
	x->definition = get_str(r);
	x->renamed_from = get_str(r);
	x->statistics = get_str(r);
	x->invalid = get_bool(r);
	return x;
}

static void *view_item(reader *r)
{
	plumb_view *v = get_mem(r, sizeof(*v));
	if (!v)
		return NULL;
	v->schema = get_str(r);
	v->name = get_str(r);
	v->sql = get_str(r);
	v->definition = get_str(r);
	get_vec(r, &v->depends);
	v->materialized = get_bool(r);
	return v;
}

static void *trigger_item(reader *r)
{
	plumb_trigger *t = get_mem(r, sizeof(*t));
	if (!t)
		return NULL;
	t->schema = get_str(r);
	t->name = get_str(r);
	t->table = get_str(r);
	t->sql = get_str(r);
	t->definition = get_str(r);
	get_vec(r, &t->depends);
	return t;
}

static void *object_item(reader *r)
{
	plumb_object *o = get_mem(r, sizeof(*o));
	if (!o)
		return NULL;
	o->schema = get_str(r);
	o->name = get_str(r);
	o->kind = (plumb_obj_kind)get_u32(r);
	o->table = get_str(r);
	o->target_kind = (plumb_obj_kind)get_u32(r);
	o->definition = get_str(r);
	o->sql = get_str(r);
	get_vec(r, &o->values);
	get_vec(r, &o->renamed_values);
	get_vec(r, &o->depends);
	o->version = get_str(r);
	o->renamed_from = get_str(r);
	o->implicit = get_bool(r);
	o->func_kind = (plumb_func_kind)get_u32(r);
	o->volatility = (plumb_volatility)get_u32(r);
	o->target = get_str(r);
	o->on_unmanaged = get_str(r);
	o->column = get_str(r);
	o->part = get_str(r);
	o->grantee = get_str(r);
	o->privileges = get_u32(r);
	o->grantable = get_u32(r);
	o->stat_target = get_str(r);
	o->all_tables = get_bool(r);
	o->pub_options = get_str(r);
	o->evt_enabled = get_str(r);
	o->fdw_handler = get_str(r);
	o->fdw_validator = get_str(r);
	o->fdw = get_str(r);
	o->srv_type = get_str(r);
	if (o->kind >= PLUMB_OBJ_KIND_COUNT || o->target_kind >= PLUMB_OBJ_KIND_COUNT)
		r->bad = true;
	return o;
}

int plumb_catalog_load(plumb_ctx *ctx, plumb_arena *arena, const char *data, size_t len,
		       plumb_catalog **out)
{
	reader r = {.p = (const unsigned char *)data,
		    .end = (const unsigned char *)data + len,
		    .arena = arena};
	plumb_catalog *cat = NULL;
	*out = NULL;
	if (len < sizeof(MAGIC) || memcmp(data, MAGIC, sizeof(MAGIC)) != 0)
		return plumb_error_set(ctx, PLUMB_EPARSE, "not a stored catalog");
	r.p += sizeof(MAGIC);
	const char *dialect = get_str(&r);
	bool fold = get_bool(&r);
	if (!r.bad && dialect && plumb_catalog_new(ctx, arena, dialect, fold, &cat) == 0) {
		get_all(&r, &cat->tables, table_item, 4);
		get_all(&r, &cat->indexes, index_item, 4);
		get_all(&r, &cat->views, view_item, 4);
		get_all(&r, &cat->triggers, trigger_item, 4);
		get_all(&r, &cat->objects, object_item, 4);
		get_vec(&r, &cat->unmanaged);
		get_vec(&r, &cat->excluded);
		if (r.p != r.end)
			r.bad = true;
	} else {
		r.bad = true;
	}
	free(r.strs);
	if (r.bad)
		return plumb_arena_failed(arena)
			       ? plumb_error_nomem(ctx)
			       : plumb_error_set(ctx, PLUMB_EPARSE, "a stored catalog is damaged");
	*out = cat;
	return 0;
}
