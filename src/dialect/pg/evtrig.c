/*
 * An event trigger's canonical text from its fields, the same for both
 * builders: CREATE EVENT TRIGGER name ON event, WHEN TAG IN with the tags
 * upper case in written order, EXECUTE FUNCTION with the function
 * qualified; its state (DISABLE, ENABLE REPLICA, ENABLE ALWAYS) follows in
 * the definition, which diff compares. It reads no SQL and no catalog.
 */
#include <ctype.h>
#include <string.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/pg.h"

int plumb__pg_event_trigger_enable(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o)
{
	if (!o->evt_enabled) {
		o->definition = o->sql;
		return 0;
	}
	char *d = plumb_arena_printf(arena, "%s; %s", o->sql ? o->sql : "", o->evt_enabled);
	if (!d)
		return plumb_error_nomem(ctx);
	o->definition = d;
	return 0;
}

int plumb__pg_event_trigger_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o,
				   const char *event, const char *const *tags, size_t n_tags,
				   const char *fschema, const char *fname)
{
	plumb_buf b;
	plumb_buf_init(&b, arena, 0);
	plumb_buf_printf(&b, "CREATE EVENT TRIGGER %s ON %s", plumb__pg_quote_ident(arena, o->name),
			 event);
	for (size_t i = 0; i < n_tags; i++) {
		plumb_buf_puts(&b, i ? ", '" : " WHEN TAG IN ('");
		for (const char *s = tags[i]; *s; s++) {
			if (*s == '\'')
				plumb_buf_putc(&b, '\'');
			plumb_buf_putc(&b, (char)toupper((unsigned char)*s));
		}
		plumb_buf_putc(&b, '\'');
	}
	plumb_buf_printf(&b, "%s EXECUTE FUNCTION %s.%s()", n_tags ? ")" : "",
			 plumb__pg_quote_ident(arena, fschema),
			 plumb__pg_quote_ident(arena, fname));
	int rc = plumb_buf_finish(&b, ctx);
	if (rc < 0)
		return rc;
	o->sql = b.data;
	char *dep = plumb_arena_printf(arena, "%s.%s", fschema, fname);
	if (!dep || plumb_vec_push(arena, &o->depends, dep) < 0)
		return plumb_error_nomem(ctx);
	return plumb__pg_event_trigger_enable(ctx, arena, o);
}
