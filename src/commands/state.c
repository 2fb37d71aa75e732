/*
 * Whether plumb manages a database: it does when its tracking table holds
 * records. A database with objects and no records is *not managed yet* (built
 * by hand or by another tool), a state of its own that status and check
 * report with their own exit code and a pointer to adopt and import, never
 * as drift. Reads only.
 */
#include <string.h>

#include "commands/commands.h"

static void count(const plumb_catalog *cat, plumb_db_state *st)
{
	st->n_tables = cat->tables.n;
	st->n_views = cat->views.n;
	for (size_t i = 0; i < cat->objects.n; i++) {
		const plumb_object *o = cat->objects.items[i];
		switch (o->kind) {
		case PLUMB_OBJ_ENUM:
		case PLUMB_OBJ_DOMAIN:
		case PLUMB_OBJ_TYPE:
			st->n_types++;
			break;
		case PLUMB_OBJ_SEQUENCE:
			st->n_sequences++;
			break;
		case PLUMB_OBJ_FUNCTION:
			st->n_functions++;
			break;
		case PLUMB_OBJ_SCHEMA:
			st->n_schemas++;
			break;
		default: /* extensions (a platform's as well), and what hangs on the above */
			break;
		}
	}
}

static void add(plumb_buf *b, size_t n, const char *one, const char *many)
{
	if (!n)
		return;
	plumb_buf_printf(b, "%s%zu %s", b->len ? ", " : "", n, n == 1 ? one : many);
}

int plumb__db_state(plumb_ctx *ctx, plumb_conn *conn, const plumb_catalog *live,
		    const plumb_vec *records, plumb_db_state *out)
{
	int rc;
	memset(out, 0, sizeof(*out));
	out->summary = "";
	if (!conn) {
		out->state = "missing";
		return 0;
	}
	if (records->n) {
		out->state = "managed";
		return 0;
	}
	plumb_catalog *read;
	if (!live) {
		if ((rc = conn->dialect->introspect(ctx, conn, ctx->root, &read)) < 0)
			return rc;
		live = read;
	}
	count(live, out);
	for (size_t i = 0; i < live->excluded.n; i++) {
		const char *t = live->excluded.items[i], *dot = strrchr(t, '.');
		if (!strcmp(dot ? dot + 1 : t, PLUMB_TRACKING_TABLE) ||
		    !strcmp(dot ? dot + 1 : t, plumb_tracking_table(ctx)))
			continue;
		if (plumb_vec_push(ctx->root, &out->tool_tables, (void *)t) < 0)
			return plumb_error_nomem(ctx);
	}
	plumb_buf b;
	plumb_buf_init(&b, ctx->root, 0);
	add(&b, out->n_tables, "table", "tables");
	add(&b, out->n_views, "view", "views");
	add(&b, out->n_types, "type", "types");
	add(&b, out->n_sequences, "sequence", "sequences");
	add(&b, out->n_functions, "function", "functions");
	add(&b, out->n_schemas, "schema", "schemas");
	if ((rc = plumb_buf_finish(&b, ctx)) < 0)
		return rc;
	out->summary = b.data;
	out->state = b.len ? "unmanaged" : "empty";
	return 0;
}

int plumb__db_state_error(plumb_ctx *ctx, const plumb_env *env, const plumb_db_state *st)
{
	(void)env;
	plumb_error_set(ctx, PLUMB_ENOTMANAGED, "database is not managed by plumb yet: %s",
			st->summary);
	if (st->tool_tables.n) {
		plumb_buf b;
		plumb_buf_init(&b, ctx->root, 0);
		for (size_t i = 0; i < st->tool_tables.n; i++)
			plumb_buf_printf(&b, "%s%s", i ? ", " : "",
					 (const char *)st->tool_tables.items[i]);
		if (plumb_buf_finish(&b, ctx) == 0)
			plumb_error_add_detail(ctx, "other tools' tracking tables found: %s",
					       b.data);
	}
	plumb_error_set_hint(ctx, "adopt it with `plumb adopt`, or import another tool's history "
				  "with `plumb import --from TOOL`");
	return PLUMB_ENOTMANAGED;
}

void plumb__db_state_json(json_t *doc, const plumb_db_state *st)
{
	json_object_set_new(doc, "state", json_string(st->state));
	if (strcmp(st->state, "unmanaged"))
		return;
	json_object_set_new(
		doc, "objects",
		json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "tables", (json_int_t)st->n_tables,
			  "views", (json_int_t)st->n_views, "types", (json_int_t)st->n_types,
			  "sequences", (json_int_t)st->n_sequences, "functions",
			  (json_int_t)st->n_functions, "schemas", (json_int_t)st->n_schemas));
	json_t *tools = json_array();
	for (size_t i = 0; i < st->tool_tables.n; i++)
		json_array_append_new(tools, json_string(st->tool_tables.items[i]));
	json_object_set_new(doc, "tool_tables", tools);
}
