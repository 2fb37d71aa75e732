/*
 * Deep parse trees: PostgreSQL accepts expressions and queries nested
 * thousands of levels deep (DEFAULT 1+1+...+1, sub-selects in sub-selects),
 * and libpg_query's output, protobuf-c's unpacking, the walkers of canon*.c
 * and analyze.c and the deparser all recurse once per level. They run on a
 * thread with a large stack, and a tree deeper than that stack is sure to
 * hold is refused before it is unpacked. It knows nothing of SQL.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <string.h>

#include "dialect/pg/canon_int.h"

/* Reserved, not committed: pages are touched only as deep as a tree goes. */
#define DEEP_STACK ((size_t)256 << 20)

static _Thread_local bool on_deep_stack;

typedef struct deep_call {
	int (*fn)(void *payload);
	void *payload;
	int rc;
} deep_call;

static void *deep_run(void *p)
{
	deep_call *c = p;
	on_deep_stack = true;
	c->rc = c->fn(c->payload);
	/* libpg_query frees its memory of this thread when the thread ends
	 * (a thread-specific destructor): no pg_query_exit() here */
	return NULL;
}

int plumb__pg_deep(plumb_ctx *ctx, int (*fn)(void *payload), void *payload)
{
	if (on_deep_stack)
		return fn(payload);
	deep_call c = {fn, payload, 0};
	pthread_attr_t attr;
	pthread_t th;
	int e = pthread_attr_init(&attr);
	if (e)
		goto fail;
	e = pthread_attr_setstacksize(&attr, DEEP_STACK);
	if (!e)
		e = pthread_create(&th, &attr, deep_run, &c);
	pthread_attr_destroy(&attr);
	if (e)
		goto fail;
	pthread_join(th, NULL);
	return c.rc;
fail:
	return plumb_error_set(ctx, PLUMB_ENOMEM, "could not start a thread to read SQL on: %s",
			       strerror(e));
}

bool plumb__pg_on_deep_stack(void)
{
	return on_deep_stack;
}

/* --- depth of a packed tree ------------------------------------------------ */

static bool varint(const uint8_t *p, size_t len, size_t *pos, uint64_t *out)
{
	uint64_t v = 0;
	for (int shift = 0; shift < 64 && *pos < len; shift += 7) {
		uint8_t b = p[(*pos)++];
		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80)) {
			*out = v;
			return true;
		}
	}
	return false;
}

/* The value of a field whose tag was just read: a varint (wire type 0) or
 * a length (2, the bytes it counts not skipped) into *v; a fixed 64- or
 * 32-bit value (1, 5) skipped. false for anything else, or a varint cut
 * short. */
static bool field(const uint8_t *p, size_t len, size_t *pos, uint64_t tag, uint64_t *v)
{
	switch (tag & 7) {
	case 0:
	case 2:
		return varint(p, len, pos, v);
	case 1:
		*pos += 8;
		return true;
	case 5:
		*pos += 4;
		return true;
	default:
		return false;
	}
}

typedef struct level {
	const ProtobufCMessageDescriptor *desc;
	size_t end;
} level;

/* Skips to the end of the statement whose tree went too deep (lv[2]) and
 * reads its RawStmt's stmt_location (field 2; absent when 0). */
static void stmt_location(const uint8_t *data, const level *lv, size_t *pos_out, int32_t *out)
{
	size_t pos = lv[2].end;
	*out = 0;
	while (pos < lv[1].end) {
		uint64_t tag, v;
		if (!varint(data, lv[1].end, &pos, &tag) || !field(data, lv[1].end, &pos, tag, &v))
			return;
		if ((tag & 7) == 0 && (tag >> 3) == 2) {
			*out = (int32_t)v;
			return;
		}
		if ((tag & 7) == 2)
			pos += v;
	}
	*pos_out = pos;
}

int plumb__pg_packed_depth(plumb_arena *arena, const uint8_t *data, size_t len, size_t limit,
			   size_t *out, int32_t *location)
{
	/* the wire format read without recursion: a length-delimited field
	 * whose descriptor says "message" opens a level */
	level fixed[256], *lv = fixed;
	size_t cap = sizeof(fixed) / sizeof(fixed[0]), n = 1, pos = 0;
	*out = 1;
	*location = 0;
	lv[0].desc = &pg_query__parse_result__descriptor;
	lv[0].end = len;
	while (n > 0 && *out <= limit) {
		level *top = &lv[n - 1];
		if (pos >= top->end) {
			pos = top->end;
			n--;
			continue;
		}
		uint64_t tag, v;
		if (!varint(data, len, &pos, &tag) || !field(data, len, &pos, tag, &v))
			return 0; /* not libpg_query's output: unpacking will say */
		if ((tag & 7) != 2)
			continue;
		if (v > top->end - pos)
			return 0;
		const ProtobufCFieldDescriptor *f =
			protobuf_c_message_descriptor_get_field(top->desc, (unsigned)(tag >> 3));
		if (!f || f->type != PROTOBUF_C_TYPE_MESSAGE) {
			pos += v;
			continue;
		}
		if (n == cap) {
			level *more = plumb_arena_alloc(arena, 2 * cap * sizeof(*more));
			if (!more)
				return -1;
			memcpy(more, lv, cap * sizeof(*more));
			lv = more;
			cap *= 2;
		}
		lv[n].desc = f->descriptor;
		lv[n].end = pos + v;
		if (++n > *out)
			*out = n;
		if (*out > limit && n > 2)
			stmt_location(data, lv, &pos, location);
	}
	return 0;
}
