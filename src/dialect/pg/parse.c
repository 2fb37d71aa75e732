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

int plumb__pg_parse_file(plumb_ctx *ctx, plumb_arena *arena, const char *sql, const char *file,
			 PgQuery__ParseResult **out)
{
	size_t *at = NULL, n = 0, cap = 0;
	char *buf = NULL;
	bool by_parser = false;
	plumb_vec stmts = {0};
	shift sh = {NULL, 0};
	PgQuery__ParseResult *all = NULL;
	plumb_pg_pool *pool = NULL;
	int rc = cut(arena, sql, 0, false, &at, &n);

	*out = NULL;
	if (rc == PLUMB_ENOMEM)
		return plumb_error_nomem(ctx);
	if (rc < 0 || n < 2) /* one statement, or a text the scanner refuses */
		return plumb__pg_parse(ctx, arena, sql, file, out, NULL);
	rc = 0;
	sh.slots = calloc(LOC_SLOTS, sizeof(*sh.slots));
	all = plumb_arena_alloc(arena, sizeof(*all));
	if (!sh.slots || !all) {
		rc = plumb_error_nomem(ctx);
		goto done;
	}
	pg_query__parse_result__init(all);
	/* the pieces parsed ahead on helper threads, when it pays */
	pool = plumb__pg_pool_start(arena, sql, at, n);
	for (size_t i = 0; i < n; i++) {
		size_t len = at[i + 1] - at[i];
		PgQuery__ParseResult *pr;
		if (len + 1 > cap) {
			char *b = realloc(buf, len + 1);
			if (!b) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
			buf = b;
			cap = len + 1;
		}
		memcpy(buf, sql + at[i], len);
		buf[len] = '\0';
		PgQueryProtobufParseResult r;
		PgQuery__ParseResult *tree = NULL;
		if (pool && plumb__pg_pool_take(pool, i, &r, &tree) == 0)
			rc = tree ? (pr = tree, 0)
				  : plumb__pg_parse_taken(ctx, arena, r, buf, sql, at[i], file, &pr,
							  NULL);
		else
			rc = plumb__pg_parse_at(ctx, arena, buf, sql, at[i], file, &pr, NULL);
		if (rc == PLUMB_EPARSE) {
			/* a cut inside a BEGIN ATOMIC body, or a syntax error: the
			 * rest is cut by the parser, else read in one piece (by
			 * this thread alone: the cuts change) */
			plumb__pg_pool_stop(pool);
			pool = NULL;
			plumb_error_clear(ctx);
			size_t from = at[i];
			int crc = by_parser ? -1 : cut(arena, sql + from, from, true, &at, &n);
			by_parser = true;
			if (crc == PLUMB_ENOMEM) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
			if (crc == 0) {
				i = (size_t)-1; /* from the first of the new cuts */
				continue;
			}
			rc = plumb__pg_parse_at(ctx, arena, sql + from, sql, from, file, &pr, NULL);
			n = i + 1; /* this piece was the last */
			at[i + 1] = strlen(sql);
		}
		if (rc < 0)
			goto done;
		if (!all->version)
			all->version = pr->version;
		sh.by = (int32_t)at[i];
		for (size_t j = 0; j < pr->n_stmts; j++) {
			if (sh.by)
				plumb__pg_walk(&pr->stmts[j]->base, shift_one, &sh);
			if (plumb_vec_push(arena, &stmts, pr->stmts[j]) < 0) {
				rc = plumb_error_nomem(ctx);
				goto done;
			}
		}
	}
	all->n_stmts = stmts.n;
	all->stmts = (PgQuery__RawStmt **)stmts.items;
	*out = all;
done:
	plumb__pg_pool_stop(pool);
	free(buf);
	free(sh.slots);
	return rc;
}
