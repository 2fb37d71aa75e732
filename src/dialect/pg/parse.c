/*
 * A whole file's parse tree, read a statement at a time. libpg_query's cost
 * and memory grow faster than the text when a whole schema goes through it
 * in one call (a 6 MB file: 2 s and 370 MB, against 0.8 s and 30 MB a
 * statement at a time), so the file is cut into statements by libpg_query's
 * scanner, each is parsed on its own, and their locations are moved back
 * to where they stand in the file: the result is the tree one call would
 * give. Where a cut falls inside a BEGIN ATOMIC body (the scanner cuts at
 * every semicolon), the piece does not parse; the rest of the file is then
 * cut by the parser, and a true syntax error is reported by parsing the
 * rest in one piece, exactly as a single call reports it. The pieces are
 * parsed ahead on helper threads (parse_pool.c) and unpacked here in order.
 * It interprets nothing: what the statements mean is offline*.c's.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/canon_int.h"

#include <pg_query.h>

/* --- moving locations ---------------------------------------------------------- */

/* The offset in each message type of its location field ("location", or
 * RawStmt's "stmt_location"), -1 for none: found by name once per type,
 * in a table open-addressed by the descriptor's address. */
#define LOC_SLOTS 1024

typedef struct locslot {
	const ProtobufCMessageDescriptor *d;
	int off;
} locslot;

typedef struct shift {
	locslot *slots;
	int32_t by;
} shift;

static int loc_offset(locslot *slots, const ProtobufCMessageDescriptor *d)
{
	size_t h = ((uintptr_t)d >> 4) % LOC_SLOTS;
	while (slots[h].d && slots[h].d != d)
		h = (h + 1) % LOC_SLOTS;
	if (slots[h].d)
		return slots[h].off;
	int off = -1;
	for (unsigned i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];
		if (f->type == PROTOBUF_C_TYPE_INT32 && f->label != PROTOBUF_C_LABEL_REPEATED &&
		    (strcmp(f->name, "location") == 0 || strcmp(f->name, "stmt_location") == 0)) {
			off = (int)f->offset;
			break;
		}
	}
	slots[h].d = d;
	slots[h].off = off;
	return off;
}

static void shift_one(ProtobufCMessage *m, void *payload)
{
	shift *s = payload;
	int off = loc_offset(s->slots, m->descriptor);
	if (off >= 0) {
		int32_t *loc = (int32_t *)((char *)m + off);
		if (*loc >= 0) /* -1: no location */
			*loc += s->by;
	}
}

/* --- cutting ---------------------------------------------------------------------- */

/* Where the statements of text start, base added, as libpg_query counts a
 * statement's start (just after the semicolon before it): [0] is base,
 * the last is base + strlen(text). -1 when the text does not split,
 * PLUMB_ENOMEM when out of memory. */
static int cut(plumb_arena *arena, const char *text, size_t base, bool parser, size_t **out,
	       size_t *n)
{
	PgQuerySplitResult sp =
		parser ? pg_query_split_with_parser(text) : pg_query_split_with_scanner(text);
	int rc = 0;
	if (sp.error || sp.n_stmts < 1) {
		rc = -1;
		goto done;
	}
	size_t *at = plumb_arena_alloc(arena, ((size_t)sp.n_stmts + 1) * sizeof(*at));
	if (!at) {
		rc = PLUMB_ENOMEM;
		goto done;
	}
	size_t k = 0, len = strlen(text);
	at[k++] = base;
	for (int i = 1; i < sp.n_stmts; i++) {
		size_t s = (size_t)sp.stmts[i]->stmt_location;
		if (s > at[k - 1] - base && s < len)
			at[k++] = base + s;
	}
	at[k] = base + len;
	*out = at;
	*n = k;
done:
	pg_query_free_split_result(sp);
	return rc;
}

/* --- the file ---------------------------------------------------------------------- */

/* A piece's packed tree kept for as long as keep (keep_all): a block of
 * its own, freed once each statement of the piece is done with
 * (plumb__pg_kept_done), else with keep. The blocks of one file's reading
 * are on one list, which keep's cleanup frees. Only the thread reading
 * the file and building from it changes them. */
struct plumb_pg_pack {
	plumb_pg_pack *prev, *next;
	struct packs *list;
	size_t refs; /* the piece's statements not done with */
	uint8_t data[];
};

typedef struct packs {
	plumb_pg_pack *first;
} packs;

static void free_packs(void *p)
{
	packs *l = p;
	while (l->first) {
		plumb_pg_pack *k = l->first;
		l->first = k->next;
		free(k);
	}
}

static packs *packs_new(plumb_arena *keep)
{
	packs *l = plumb_arena_alloc(keep, sizeof(*l));
	return l && plumb_arena_defer(keep, free_packs, l) == 0 ? l : NULL;
}

void plumb__pg_kept_done(const plumb_pg_kept *k)
{
	plumb_pg_pack *b = k ? k->pack : NULL;
	if (!b || --b->refs)
		return;
	if (b->prev)
		b->prev->next = b->next;
	else
		b->list->first = b->next;
	if (b->next)
		b->next->prev = b->prev;
	free(b);
}

/* Piece r (of the text sql, at base in whole) read into *pr: the tree a
 * helper unpacked (r then only freed), else unpacked here; its packed
 * form copied first, when keep or owned is given, into keep's memory or
 * a block of owned's (*block; *packed NULL: none). */
static int take(plumb_ctx *ctx, plumb_arena *arena, plumb_arena *keep, packs *owned,
		PgQueryProtobufParseResult r, PgQuery__ParseResult *tree, const char *sql,
		const char *whole, size_t base, const char *file, PgQuery__ParseResult **pr,
		uint8_t **packed, size_t *plen, plumb_pg_pack **block)
{
	*packed = NULL;
	*plen = 0;
	*block = NULL;
	if ((keep || owned) && !r.error && r.parse_tree.len) {
		if (owned && (*block = malloc(sizeof(**block) + r.parse_tree.len))) {
			**block = (plumb_pg_pack){NULL, owned->first, owned, 0};
			if (owned->first)
				owned->first->prev = *block;
			owned->first = *block;
			*packed = (*block)->data;
		} else if (!owned) {
			*packed = plumb_arena_alloc_raw(keep, r.parse_tree.len);
		}
		if (!*packed) {
			pg_query_free_protobuf_parse_result(r);
			return plumb_error_nomem(ctx);
		}
		memcpy(*packed, r.parse_tree.data, r.parse_tree.len);
		*plen = r.parse_tree.len;
	}
	if (tree) {
		pg_query_free_protobuf_parse_result(r);
		*pr = tree;
		return 0;
	}
	return plumb__pg_parse_taken(ctx, arena, r, sql, whole, base, file, pr, NULL);
}

/* The statements of sql cut at at[0..n] (the cuts in book's memory), each
 * given to each in order with its location the file's. With keep, each
 * statement's packed form is kept there (with keep_all; else in memory of
 * keep's freed piece by piece: each statement's until each has read it),
 * and the trees of the pieces before the one just read are freed: each
 * must keep no pointer into one. */
static int read_pieces(plumb_ctx *ctx, plumb_arena *arena, plumb_arena *keep, bool keep_all,
		       plumb_arena *book, const char *sql, const char *file, size_t *at, size_t n,
		       plumb_pg_each each, void *arg)
{
	size_t cap = 0;
	char *buf = NULL;
	bool by_parser = false;
	shift sh = {calloc(LOC_SLOTS, sizeof(*sh.slots)), 0};
	/* where the packed forms go: a block each (keep_all), else memory
	 * freed piece by piece */
	plumb_arena *into = keep && !keep_all ? plumb_arena_new(keep) : NULL;
	packs *owned = keep && keep_all ? packs_new(keep) : NULL;
	if (keep && !into && !owned) {
		free(sh.slots);
		return plumb_error_nomem(ctx);
	}
	/* the trees kept from an earlier run, and the pieces parsed ahead on
	 * helper threads, when it pays */
	plumb_pg_pcache *pc = sh.slots ? plumb__pg_pcache_open(ctx, file, sql, at, n) : NULL;
	plumb_pg_pool *pool = sh.slots ? plumb__pg_pool_start(arena, sql, at, n, pc) : NULL;
	int rc = sh.slots ? 0 : plumb_error_nomem(ctx);
	for (size_t i = 0; i < n && !rc; i++) {
		size_t len = at[i + 1] - at[i];
		PgQuery__ParseResult *pr;
		uint8_t *packed;
		size_t plen;
		if (len + 1 > cap) {
			char *b = realloc(buf, len + 1);
			if (!b) {
				rc = plumb_error_nomem(ctx);
				break;
			}
			buf = b;
			cap = len + 1;
		}
		memcpy(buf, sql + at[i], len);
		buf[len] = '\0';
		PgQueryProtobufParseResult r;
		PgQuery__ParseResult *tree = NULL;
		plumb_arena *where = arena;
		unsigned long mark = plumb_arena_mark(arena);
		unsigned long into_mark = into ? plumb_arena_mark(into) : 0;
		plumb_pg_pack *block;
		if ((!pool || plumb__pg_pool_take(pool, i, &r, &tree, &where, &mark) < 0) &&
		    !plumb__pg_pcache_get(pc, i, buf, &r))
			r = pg_query_parse_protobuf(buf);
		plumb__pg_pcache_note(pc, i, &r);
		if (!tree) { /* unpacked here */
			where = arena;
			mark = plumb_arena_mark(arena);
		}
		rc = take(ctx, arena, into, owned, r, tree, buf, sql, at[i], file, &pr, &packed,
			  &plen, &block);
		if (rc == PLUMB_EPARSE) {
			/* a cut inside a BEGIN ATOMIC body, or a syntax error: the
			 * rest is cut by the parser, else read in one piece (by
			 * this thread alone: the cuts change) */
			plumb__pg_pool_stop(pool);
			pool = NULL;
			/* the cuts change: the cache's keys are no more the pieces' */
			plumb__pg_pcache_drop(pc);
			plumb__pg_pcache_close(pc, false, file);
			pc = NULL;
			plumb_error_clear(ctx);
			size_t from = at[i];
			int crc = by_parser ? -1 : cut(book, sql + from, from, true, &at, &n);
			by_parser = true;
			if (crc == PLUMB_ENOMEM) {
				rc = plumb_error_nomem(ctx);
				break;
			}
			if (crc == 0) {
				rc = 0;
				i = (size_t)-1; /* from the first of the new cuts */
				continue;
			}
			where = arena;
			mark = plumb_arena_mark(arena);
			rc = take(ctx, arena, into, owned, pg_query_parse_protobuf(sql + from), NULL,
				  sql + from, sql, from, file, &pr, &packed, &plen, &block);
			n = i + 1; /* this piece was the last */
			at[i + 1] = strlen(sql);
		}
		if (rc < 0)
			break;
		sh.by = (int32_t)at[i];
		if (block)
			block->refs = pr->n_stmts;
		for (size_t j = 0; j < pr->n_stmts && !rc; j++) {
			/* one kept for as long as keep, else only during each */
			plumb_pg_kept here, *k = keep && !keep_all ? &here : NULL;
			if (keep && keep_all && !(k = plumb_arena_alloc(keep, sizeof(*k)))) {
				rc = plumb_error_nomem(ctx);
				break;
			}
			if (k)
				*k = (plumb_pg_kept){packed, plen, j, sh.by, where, mark, block};
			if (sh.by && !tree) /* a pool's trees come moved */
				plumb__pg_walk(&pr->stmts[j]->base, shift_one, &sh);
			rc = each(arg, pr->stmts[j], k);
		}
		/* what was read before this piece is done with: a running
		 * helper's arena is freed by that helper */
		if (keep && !rc && pool && where != arena)
			plumb__pg_pool_release(pool, where, mark);
		else if (keep && !rc)
			plumb_arena_release_before(where, mark);
		if (into)
			plumb_arena_release_before(into, into_mark);
	}
	plumb__pg_pool_stop(pool);
	plumb_arena_free(into);
	int crc = plumb__pg_pcache_close(pc, rc == 0, file);
	free(buf);
	free(sh.slots);
	return rc ? rc : crc;
}

/* plumb__pg_parse_file's: the statements gathered into one result. */
typedef struct gather {
	plumb_ctx *ctx;
	plumb_arena *arena;
	plumb_vec stmts;
} gather;

static int gather_one(void *arg, PgQuery__RawStmt *raw, const plumb_pg_kept *kept)
{
	gather *g = arg;
	(void)kept;
	return plumb_vec_push(g->arena, &g->stmts, raw) < 0 ? plumb_error_nomem(g->ctx) : 0;
}

int plumb__pg_parse_file(plumb_ctx *ctx, plumb_arena *arena, const char *sql, const char *file,
			 PgQuery__ParseResult **out)
{
	size_t *at = NULL, n = 0;
	int rc = cut(arena, sql, 0, false, &at, &n);
	*out = NULL;
	if (rc == PLUMB_ENOMEM)
		return plumb_error_nomem(ctx);
	if (rc < 0 || n < 2) /* one statement, or a text the scanner refuses */
		return plumb__pg_parse(ctx, arena, sql, file, out, NULL);
	gather g = {ctx, arena, {0}};
	PgQuery__ParseResult *all = plumb_arena_alloc(arena, sizeof(*all));
	if (!all)
		return plumb_error_nomem(ctx);
	pg_query__parse_result__init(all);
	if ((rc = read_pieces(ctx, arena, NULL, false, arena, sql, file, at, n, gather_one, &g)) < 0)
		return rc;
	all->version = PG_VERSION_NUM;
	all->n_stmts = g.stmts.n;
	all->stmts = (PgQuery__RawStmt **)g.stmts.items;
	*out = all;
	return 0;
}

int plumb__pg_parse_file_each(plumb_ctx *ctx, plumb_arena *arena, plumb_arena *keep,
			      bool keep_all, const char *sql, const char *file, plumb_pg_each each,
			      void *arg)
{
	size_t *at = NULL, n = 0;
	int rc = cut(keep, sql, 0, false, &at, &n);
	if (rc == PLUMB_ENOMEM)
		return plumb_error_nomem(ctx);
	if (rc < 0 || n < 2) { /* one statement, or a text the scanner refuses: one piece */
		if (!(at = plumb_arena_alloc(keep, 2 * sizeof(*at))))
			return plumb_error_nomem(ctx);
		at[0] = 0;
		at[1] = strlen(sql);
		n = 1;
	}
	return read_pieces(ctx, arena, keep, keep_all, keep, sql, file, at, n, each, arg);
}

/* --- unpacking a kept statement again ------------------------------------------------ */

struct plumb_pg_unpacker {
	locslot *slots;
};

plumb_pg_unpacker *plumb__pg_unpacker_new(plumb_arena *arena)
{
	plumb_pg_unpacker *u = plumb_arena_alloc(arena, sizeof(*u));
	if (u && !(u->slots = plumb_arena_alloc(arena, LOC_SLOTS * sizeof(*u->slots))))
		return NULL;
	return u;
}

void plumb__pg_shift_result(plumb_pg_unpacker *u, PgQuery__ParseResult *pr, int32_t by)
{
	shift sh = {u->slots, by};
	for (size_t j = 0; by && j < pr->n_stmts; j++)
		plumb__pg_walk(&pr->stmts[j]->base, shift_one, &sh);
}

PgQuery__RawStmt *plumb__pg_unpack_kept(plumb_pg_unpacker *u, plumb_arena *arena,
					const plumb_pg_kept *k)
{
	PgQuery__ParseResult *pr = plumb__pg_unpack(arena, k->data, k->len);
	if (!pr || k->index >= pr->n_stmts)
		return NULL;
	PgQuery__RawStmt *raw = pr->stmts[k->index];
	shift sh = {u->slots, k->shift};
	if (sh.by)
		plumb__pg_walk(&raw->base, shift_one, &sh);
	return raw;
}
