/*
 * The texts of expressions already deparsed, by the shape of their trees:
 * thousands of tables share a default (now()) or a CHECK, and libpg_query's
 * deparser costs the same for each. A tree's key is its fields written out
 * in order (every field but the locations, which only say where it was
 * written), so two trees with one key deparse to one text.
 * It deparses nothing itself: plumb__pg_deparse_expr does, once per key.
 */
#include <stdint.h>
#include <string.h>

#include "dialect/pg/canon_int.h"
#include "util/map.h"

struct plumb_pg_texts {
	plumb_arena *arena;   /* the keys and texts */
	plumb_arena *scratch; /* the key being looked up, reset after */
	plumb_map *map;	      /* key -> char *: the deparsed text */
};

plumb_pg_texts *plumb__pg_texts_new(plumb_arena *arena)
{
	plumb_pg_texts *t = plumb_arena_alloc(arena, sizeof(*t));
	if (!t)
		return NULL;
	t->arena = arena;
	t->scratch = plumb_arena_new(arena);
	t->map = plumb_map_new(arena, false);
	return t->map && t->scratch ? t : NULL;
}

/* --- keys ------------------------------------------------------------------------ */

/* Bytes as they are, but for 0 and 1, written as 1 then the byte plus
 * one: the key is a C string, and each value still reads back one way. */
static void put(plumb_buf *b, const void *p, size_t n)
{
	const unsigned char *c = p;
	char out[128];
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (c[i] <= 1) {
			out[k++] = 1;
			out[k++] = (char)(c[i] + 1);
		} else {
			out[k++] = (char)c[i];
		}
		if (k + 2 > sizeof(out) || i + 1 == n) {
			plumb_buf_append(b, out, k);
			k = 0;
		}
	}
}

/* v in seven-bit groups, the last without the high bit: most values
 * here (counts, cases, flags) take one byte. */
static void put_u64(plumb_buf *b, uint64_t v)
{
	unsigned char out[10];
	size_t k = 0;
	while (v >= 0x80) {
		out[k++] = (unsigned char)(v | 0x80);
		v >>= 7;
	}
	out[k++] = (unsigned char)v;
	put(b, out, k);
}

static bool is_location(const ProtobufCFieldDescriptor *f)
{
	return f->type == PROTOBUF_C_TYPE_INT32 && f->name[0] == 'l' &&
	       strcmp(f->name, "location") == 0;
}

static bool put_msg(plumb_buf *b, const ProtobufCMessage *m);

/* One value of field f at p; false for a type the key does not know. */
static bool put_value(plumb_buf *b, const ProtobufCFieldDescriptor *f, const void *p)
{
	switch (f->type) {
	case PROTOBUF_C_TYPE_INT32:
	case PROTOBUF_C_TYPE_SINT32:
	case PROTOBUF_C_TYPE_SFIXED32:
	case PROTOBUF_C_TYPE_UINT32:
	case PROTOBUF_C_TYPE_FIXED32:
	case PROTOBUF_C_TYPE_FLOAT:
	case PROTOBUF_C_TYPE_ENUM:
		put(b, p, 4);
		return true;
	case PROTOBUF_C_TYPE_BOOL:
		put_u64(b, *(const protobuf_c_boolean *)p ? 1 : 0);
		return true;
	case PROTOBUF_C_TYPE_INT64:
	case PROTOBUF_C_TYPE_SINT64:
	case PROTOBUF_C_TYPE_SFIXED64:
	case PROTOBUF_C_TYPE_UINT64:
	case PROTOBUF_C_TYPE_FIXED64:
	case PROTOBUF_C_TYPE_DOUBLE:
		put(b, p, 8);
		return true;
	case PROTOBUF_C_TYPE_STRING: {
		const char *s = *(char *const *)p;
		size_t n = s ? strlen(s) : SIZE_MAX;
		put_u64(b, n);
		if (s)
			put(b, s, n);
		return true;
	}
	case PROTOBUF_C_TYPE_MESSAGE:
		return put_msg(b, *(ProtobufCMessage *const *)p);
	default:
		return false;
	}
}

static size_t value_size(const ProtobufCFieldDescriptor *f)
{
	switch (f->type) {
	case PROTOBUF_C_TYPE_INT64:
	case PROTOBUF_C_TYPE_SINT64:
	case PROTOBUF_C_TYPE_SFIXED64:
	case PROTOBUF_C_TYPE_UINT64:
	case PROTOBUF_C_TYPE_FIXED64:
	case PROTOBUF_C_TYPE_DOUBLE:
		return 8;
	case PROTOBUF_C_TYPE_BOOL:
		return sizeof(protobuf_c_boolean);
	case PROTOBUF_C_TYPE_STRING:
	case PROTOBUF_C_TYPE_MESSAGE:
		return sizeof(void *);
	default:
		return 4;
	}
}

static bool put_msg(plumb_buf *b, const ProtobufCMessage *m)
{
	if (!m) {
		put_u64(b, 0);
		return true;
	}
	const ProtobufCMessageDescriptor *d = m->descriptor;
	const char *base = (const char *)m;
	put_u64(b, (uint64_t)(uintptr_t)d);
	if (d == &pg_query__node__descriptor) {
		/* one oneof of messages: its case, then its message */
		const PgQuery__Node *n = (const PgQuery__Node *)m;
		const ProtobufCMessage *c;
		put_u64(b, (uint64_t)n->node_case);
		if (n->node_case == PG_QUERY__NODE__NODE__NOT_SET)
			return true;
		memcpy(&c, &n->alias, sizeof(c));
		return put_msg(b, c);
	}
	for (unsigned i = 0; i < d->n_fields; i++) {
		const ProtobufCFieldDescriptor *f = &d->fields[i];
		if (is_location(f))
			continue;
		if (f->label == PROTOBUF_C_LABEL_REPEATED) {
			size_t n = *(const size_t *)(base + f->quantifier_offset);
			const char *v = *(char *const *)(base + f->offset);
			put_u64(b, n);
			for (size_t j = 0; j < n; j++)
				if (!put_value(b, f, v + j * value_size(f)))
					return false;
			continue;
		}
		if (f->flags & PROTOBUF_C_FIELD_FLAG_ONEOF) {
			if (*(const uint32_t *)(base + f->quantifier_offset) != f->id)
				continue;
			put_u64(b, f->id);
		} else if (f->label == PROTOBUF_C_LABEL_OPTIONAL && f->quantifier_offset &&
			   f->type != PROTOBUF_C_TYPE_STRING &&
			   f->type != PROTOBUF_C_TYPE_MESSAGE) {
			/* proto2's has_ flag */
			put(b, base + f->quantifier_offset, sizeof(protobuf_c_boolean));
		}
		if (!put_value(b, f, base + f->offset))
			return false;
	}
	return true;
}

/* --- texts ----------------------------------------------------------------------- */

int plumb__pg_texts_deparse_expr(plumb_ctx *ctx, plumb_arena *arena, plumb_pg_texts *t,
				 PgQuery__Node *expr, char **out)
{
	if (!t)
		return plumb__pg_deparse_expr(ctx, arena, expr, out);
	plumb_buf key;
	char *s = NULL, *k = NULL;
	plumb_buf_init(&key, t->scratch, 0);
	bool known = put_msg(&key, &expr->base);
	int rc = known ? plumb_buf_finish(&key, ctx) : 0;
	const char *text = NULL;
	if (rc < 0)
		goto done;
	if (!known) { /* a field of a type the key does not know: not kept */
		rc = plumb__pg_deparse_expr(ctx, arena, expr, out);
		goto done;
	}
	if (!(text = plumb_map_get(t->map, key.data, NULL, NULL))) {
		if ((rc = plumb__pg_deparse_expr(ctx, t->arena, expr, &s)) < 0)
			goto done;
		k = plumb_arena_strndup(t->arena, key.data, key.len);
		if (!k || plumb_map_put(t->map, k, NULL, NULL, s) < 0) {
			rc = plumb_error_nomem(ctx);
			goto done;
		}
		text = s;
	}
	if (!(*out = plumb_arena_strdup(arena, text)))
		rc = plumb_error_nomem(ctx);
done:
	plumb_arena_reset(t->scratch);
	return rc;
}
