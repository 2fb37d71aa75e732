/*
 * A publication's canonical text from its fields, the same for both
 * builders: CREATE PUBLICATION name, then FOR ALL TABLES or its members
 * sorted (tables first, written as PostgreSQL 13 reads them: "TABLE a, b";
 * then "TABLES IN SCHEMA s"), then WITH and the options that are not the
 * defaults. It reads no SQL and no catalog.
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/pg.h"

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool is_table(const char *item)
{
	return strncmp(item, "TABLE ", 6) == 0;
}

char *plumb__pg_publication_list(plumb_arena *arena, const char *const *items, size_t n)
{
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	bool prev_table = false;
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < n; i++) {
			bool t = is_table(items[i]);
			if (t != (pass == 0))
				continue;
			plumb_buf_puts(&b, b.len ? ", " : "");
			plumb_buf_puts(&b, t && prev_table ? items[i] + 6 : items[i]);
			prev_table = t;
		}
	return b.failed ? NULL : (char *)plumb_buf_str(&b);
}

const char *plumb__pg_publication_options(plumb_arena *arena, bool ins, bool upd, bool del,
					  bool trunc, bool via_root)
{
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	if (!(ins && upd && del && trunc)) {
		const char *w[4] = {ins ? "insert" : NULL, upd ? "update" : NULL,
				    del ? "delete" : NULL, trunc ? "truncate" : NULL};
		bool first = true;
		plumb_buf_puts(&b, "publish = '");
		for (int i = 0; i < 4; i++)
			if (w[i]) {
				plumb_buf_puts(&b, first ? "" : ", ");
				plumb_buf_puts(&b, w[i]);
				first = false;
			}
		plumb_buf_puts(&b, "'");
	}
	if (via_root)
		plumb_buf_puts(&b, b.len ? ", publish_via_partition_root = true"
					 : "publish_via_partition_root = true");
	if (b.failed)
		return NULL;
	return b.len ? plumb_buf_str(&b) : "";
}

void plumb__pg_publication_flags(const char *opts, bool f[5])
{
	static const char *const w[4] = {"insert", "update", "delete", "truncate"};
	const char *p = opts ? strstr(opts, "publish = '") : NULL;
	const char *end = p ? strchr(p + 11, '\'') : NULL;
	for (int i = 0; i < 4; i++) {
		const char *at = p ? strstr(p + 11, w[i]) : NULL;
		f[i] = !p || (at && at < end);
	}
	f[4] = opts && strstr(opts, "publish_via_partition_root = true");
}

int plumb__pg_publication_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o)
{
	plumb_buf b;
	if (o->values.n > 1)
		qsort(o->values.items, o->values.n, sizeof(void *), cmp_str);
	plumb_buf_init(&b, arena, 0);
	plumb_buf_puts(&b, "CREATE PUBLICATION ");
	plumb_buf_puts(&b, plumb__pg_quote_ident(arena, o->name));
	if (o->all_tables) {
		plumb_buf_puts(&b, " FOR ALL TABLES");
	} else if (o->values.n) {
		const char *l = plumb__pg_publication_list(
			arena, (const char *const *)o->values.items, o->values.n);
		plumb_buf_puts(&b, " FOR ");
		plumb_buf_puts(&b, l ? l : "");
	}
	if (o->pub_options && *o->pub_options) {
		plumb_buf_puts(&b, " WITH (");
		plumb_buf_puts(&b, o->pub_options);
		plumb_buf_puts(&b, ")");
	}
	int rc = plumb_buf_finish(&b, ctx);
	if (rc < 0)
		return rc;
	o->sql = o->definition = b.data;
	return 0;
}
