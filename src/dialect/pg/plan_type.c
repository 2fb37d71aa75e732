/*
 * The planner's view of column types: whether a type is an enum of the
 * catalog, whether a default is volatile. Whether changing one type into
 * another rewrites the table or narrows its values is the classifier's rule
 * (hazard_type.c), which the planner asks. It emits no statements.
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/plan_int.h"

/* --- types ------------------------------------------------------------- */

bool plumb__pgp_is_enum_type(const planner *p, const char *type)
{
	const plumb_object *f = plumb__pgp_find_type_object(p, p->from, type),
			   *t = plumb__pgp_find_type_object(p, p->to, type);
	return (f && f->kind == PLUMB_OBJ_ENUM) || (t && t->kind == PLUMB_OBJ_ENUM);
}

/* A default whose value differs per row makes ADD COLUMN rewrite the table. */
bool plumb__pgp_default_volatile(planner *p, const char *expr)
{
	static const char *const volatile_fns[] = {
		"nextval", "random", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v4",
		"clock_timestamp", "timeofday", "txid_current", "setseed",
	};
	if (!expr)
		return false;
	plumb_pg_refs r = plumb__pgp_refs_of(p, expr, false);
	for (size_t i = 0; i < sizeof(volatile_fns) / sizeof(volatile_fns[0]); i++)
		if (plumb__pg_refs_has(&r.funcs, "pg_catalog", volatile_fns[i], true))
			return true;
	const plumb_vec *fns = plumb__pgp_objects(p, p->to, PLUMB_OBJ_FUNCTION);
	for (size_t i = 0; i < fns->n; i++) {
		const plumb_object *o = fns->items[i];
		if (o->volatility == PLUMB_VOLATILE &&
		    plumb__pg_refs_has(&r.funcs, o->schema, plumb__pgp_func_base(p, o->name), true))
			return true;
	}
	return false;
}
