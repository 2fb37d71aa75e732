/*
 * The planner's event triggers: DROP EVENT TRIGGER in the first phase (the
 * diff drops or changes it, or its function is dropped or replaced in a way
 * CREATE OR REPLACE cannot carry), CREATE EVENT TRIGGER in the last phases,
 * once its function is there, and ALTER EVENT TRIGGER ENABLE or DISABLE for
 * its state. One whose state alone changes is altered in place.
 */
#include <string.h>

#include "dialect/pg/plan_int.h"

void plumb__pgp_mark_event_triggers(planner *p)
{
	for (size_t i = 0; i < p->from->objects.n; i++) {
		const plumb_object *o = p->from->objects.items[i];
		if (o->kind != PLUMB_OBJ_EVENT_TRIGGER)
			continue;
		const plumb_change *c =
			plumb__pgp_find_change(p, PLUMB_OBJ_EVENT_TRIGGER, NULL, o->name, true);
		const plumb_object *t = c ? c->to : NULL;
		bool hit = c && (c->op == PLUMB_CHANGE_DROP || c->renamed ||
				 (t && !plumb__pgp_str_eq(o->sql, t->sql)));
		if (!hit && o->depends.n) {
			const char *fs, *fn;
			plumb__pgp_split_qname(p, o->depends.items[0], &fs, &fn);
			hit = plumb__pgp_vec_has(&p->touched, plumb__pgp_call_key(p, fs, fn));
		}
		p->drop_policy[i] = hit;
	}
}

static void set_enabled(planner *p, const plumb_object *o)
{
	plumb__pgp_emit(p, "ALTER EVENT TRIGGER %s %s", plumb__pgp_I(p, o->name),
			o->evt_enabled ? o->evt_enabled : "ENABLE");
}

void plumb__pgp_phase_event_triggers(planner *p)
{
	const plumb_vec *v = plumb__pgp_objects(p, p->to, PLUMB_OBJ_EVENT_TRIGGER);
	for (size_t i = 0; i < v->n && !p->st.rc; i++) {
		const plumb_object *o = v->items[i];
		const plumb_object *old =
			plumb_catalog_find(p->from, PLUMB_OBJ_EVENT_TRIGGER, NULL, o->name);
		bool dropped = !old;
		for (size_t j = 0; j < p->from->objects.n && !dropped; j++)
			dropped = p->from->objects.items[j] == old && p->drop_policy[j];
		if (dropped) {
			plumb__pgp_emit(p, "%s", plumb__pgp_obj_sql(o));
			if (o->evt_enabled)
				set_enabled(p, o);
		} else if (!plumb__pgp_str_eq(old->evt_enabled, o->evt_enabled)) {
			set_enabled(p, o);
		}
	}
}
