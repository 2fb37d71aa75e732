/*
 * The offline builder's event triggers: CREATE EVENT TRIGGER (its event and
 * tags checked as the server checks them, its function found), ALTER EVENT
 * TRIGGER ENABLE, DISABLE, ENABLE REPLICA and ENABLE ALWAYS, RENAME TO.
 * evtrig.c writes the text; DROP, and the dependency on the function, are
 * offline_drop.c's and offline_depend.c's.
 */
#include <strings.h>
#include <string.h>

#include "dialect/pg/offline_int.h"

static const char *const events[] = {"ddl_command_start", "ddl_command_end", "sql_drop",
				     "table_rewrite"};

void create_event_trigger(ox *x, PgQuery__CreateEventTrigStmt *es, size_t loc)
{
	size_t k = 0;
	while (k < 4 && strcmp(es->eventname, events[k]) != 0)
		k++;
	if (k == 4) {
		error_at(x, loc, "unrecognized event name \"%s\"", es->eventname);
		return;
	}
	if (find_object(x, PLUMB_OBJ_EVENT_TRIGGER, NULL, es->trigname)) {
		error_at(x, loc, "event trigger \"%s\" already exists", es->trigname);
		return;
	}
	const char *fs, *fn;
	split_names(es->funcname, es->n_funcname, &fs, &fn);
	if (!fn)
		return;
	if (!find_object(x, PLUMB_OBJ_FUNCTION, fs, fmt(x, "%s()", fn))) {
		error_at(x, loc, "function %s() does not exist", fn);
		return;
	}
	const char **tags = plumb_arena_alloc(x->tmp, (es->n_whenclause + 1) * sizeof(*tags));
	size_t n = 0;
	if (!tags) {
		nomem(x);
		return;
	}
	for (size_t i = 0; i < es->n_whenclause; i++) {
		const PgQuery__Node *w = es->whenclause[i];
		if (w->node_case != PG_QUERY__NODE__NODE_DEF_ELEM ||
		    strcmp(w->def_elem->defname, "tag") != 0) {
			error_at(x, loc, "unrecognized filter variable \"%s\"",
				 w->node_case == PG_QUERY__NODE__NODE_DEF_ELEM
					 ? w->def_elem->defname
					 : "");
			return;
		}
		const PgQuery__Node *l = w->def_elem->arg;
		for (size_t j = 0;
		     l && l->node_case == PG_QUERY__NODE__NODE_LIST && j < l->list->n_items; j++)
			tags[n++] = plumb__pg_strval(l->list->items[j]);
	}
	plumb_object *o = new_object(x, PLUMB_OBJ_EVENT_TRIGGER, NULL, es->trigname);
	if (!o)
		return;
	o->renamed_from = annotation_at(x, loc);
	fail(x,
	     plumb__pg_event_trigger_define(x->st.ctx, x->st.arena, o, events[k], tags, n, fs, fn));
}

void alter_event_trigger(ox *x, PgQuery__AlterEventTrigStmt *as, size_t loc)
{
	plumb_object *o = find_object(x, PLUMB_OBJ_EVENT_TRIGGER, NULL, as->trigname);
	if (!o) {
		error_at(x, loc, "event trigger \"%s\" does not exist", as->trigname);
		return;
	}
	char c = as->tgenabled ? as->tgenabled[0] : 'O';
	o->evt_enabled = c == 'D'   ? "DISABLE"
			 : c == 'R' ? "ENABLE REPLICA"
			 : c == 'A' ? "ENABLE ALWAYS"
				    : NULL;
	fail(x, plumb__pg_event_trigger_enable(x->st.ctx, x->st.arena, o));
}

void rename_event_trigger(ox *x, PgQuery__RenameStmt *rs)
{
	const char *old = rs->object ? plumb__pg_strval(rs->object) : NULL;
	plumb_object *o = old ? find_object(x, PLUMB_OBJ_EVENT_TRIGGER, NULL, old) : NULL;
	if (!o) {
		error_at(x, x->loc, "event trigger \"%s\" does not exist", old ? old : "");
		return;
	}
	if (find_object(x, PLUMB_OBJ_EVENT_TRIGGER, NULL, rs->newname)) {
		error_at(x, x->loc, "event trigger \"%s\" already exists", rs->newname);
		return;
	}
	/* the text again under the new name: CREATE EVENT TRIGGER name ... */
	const char *q = plumb__pg_quote_ident(x->tmp, o->name);
	const char *rest = o->sql ? o->sql + strlen("CREATE EVENT TRIGGER ") + strlen(q) : "";
	o->name = dup(x, rs->newname);
	o->sql = fmt(x, "CREATE EVENT TRIGGER %s%s", qi(x, o->name), rest);
	plumb_catalog_changed(x->cat);
	fail(x, plumb__pg_event_trigger_enable(x->st.ctx, x->st.arena, o));
}
