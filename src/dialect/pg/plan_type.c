/*
 * The planner's view of column types: whether a type is an enum of the
 * catalog, whether a default is volatile, and what a type rebuilt (an enum
 * losing values, a domain changing its base type) takes along: the functions
 * whose signature names it or a domain over it, and those domains, dropped
 * and brought back once the type is, marked recreated so that their comments
 * come back too. Moving the columns is each rebuild's own (plan_enum.c,
 * plan_domain.c). Whether changing one type into another rewrites the table
 * or narrows its values is the classifier's rule (hazard_type.c), which the
 * planner asks.
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

/* --- what a rebuilt type takes along ----------------------------------- */

void plumb__pgp_later(planner *p, plumb_pgp_later *l, const char *on, const char *sql)
{
	if (!sql || !on || plumb_vec_push(p->tmp, &l->sqls, (void *)sql) ||
	    plumb_vec_push(p->tmp, &l->ons, (void *)on))
		plumb__pgp_nomem(p);
}

void plumb__pgp_later_emit(planner *p, const plumb_pgp_later *l)
{
	for (size_t i = 0; i < l->sqls.n && i < l->ons.n; i++) {
		const char *on = l->ons.items[i];
		plumb_stmt *s = plumb__pgp_emit(p, "%s", (const char *)l->sqls.items[i]);
		if (*on)
			plumb__pgp_ae_of(p, s, "table", on);
	}
}

void plumb__pgp_type_users(planner *p, const plumb_object *type, plumb_vec *domains,
			   plumb_vec *functions)
{
	if (plumb__pg_type_domains(p->tmp, p->from, type->schema, type->name, domains) < 0 ||
	    plumb__pg_type_functions(p->tmp, p->from, type->schema, type->name, functions) < 0) {
		plumb__pgp_nomem(p);
		return;
	}
	for (size_t i = 0; i < domains->n; i++) {
		const plumb_object *d = domains->items[i];
		if (plumb__pg_type_functions(p->tmp, p->from, d->schema, d->name, functions) < 0)
			plumb__pgp_nomem(p);
	}
}

void plumb__pgp_functions_aside(planner *p, const plumb_vec *functions, const char *what,
				plumb_pgp_later *back)
{
	for (size_t i = 0; i < functions->n; i++) {
		const plumb_object *fn = functions->items[i];
		const plumb_change *fc =
			plumb__pgp_find_change(p, PLUMB_OBJ_FUNCTION, fn->schema, fn->name, true);
		const plumb_object *tfn =
			plumb_catalog_find(p->to, PLUMB_OBJ_FUNCTION, fn->schema, fn->name);
		bool again = !fc && tfn && plumb__pgp_obj_sql(tfn);
		plumb__pgp_drop_object(p, fn);
		plumb__pgp_vec_add(p, &p->set_aside_objs,
				   plumb__pgp_recreated_key(p, "function", fn->schema, fn->name));
		plumb__pgp_note(p, plumb__pgp_last_stmt(p),
				plumb__pgp_fmt(p, "its signature names %s: dropped%s", what,
					       fc ? "" : ", created again after"));
		if (!again)
			continue;
		plumb__pgp_later(p, back, "", plumb__pgp_obj_sql(tfn));
		plumb__pgp_set_add(p, &p->recreated,
				   plumb__pgp_recreated_key(p, "function", fn->schema, fn->name));
	}
}

void plumb__pgp_domains_aside(planner *p, const plumb_vec *domains, const char *what)
{
	for (size_t i = domains->n; i-- > 0;) {
		const plumb_object *d = domains->items[i];
		bool kept = plumb_catalog_find(p->to, PLUMB_OBJ_DOMAIN, d->schema, d->name) != NULL;
		const char *key = plumb__pgp_recreated_key(p, "domain", d->schema, d->name);
		plumb__pgp_drop_object(p, d);
		plumb__pgp_vec_add(p, &p->set_aside_objs, key);
		if (kept)
			plumb__pgp_set_add(p, &p->recreated, key);
		plumb__pgp_note(p, plumb__pgp_last_stmt(p),
				plumb__pgp_fmt(p, "a domain over %s: dropped%s", what,
					       kept ? ", created again after" : ""));
	}
}

void plumb__pgp_domains_back(planner *p, const plumb_vec *domains)
{
	for (size_t i = 0; i < domains->n; i++) {
		const plumb_object *d = domains->items[i];
		const plumb_object *td =
			plumb_catalog_find(p->to, PLUMB_OBJ_DOMAIN, d->schema, d->name);
		if (td && plumb__pgp_obj_sql(td))
			plumb__pgp_emit(p, "%s", plumb__pgp_obj_sql(td));
	}
}
