/*
 * The planner's view of column types: serial types and their bases, parsing a
 * type's name and modifiers, and whether changing one type into another
 * rewrites the table or narrows its values. It emits no statements.
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/plan_int.h"

/* --- types ------------------------------------------------------------- */

const char *plumb__pgp_real_type(const char *type)
{
	const char *b = plumb__pg_serial_base(type);
	return b ? b : type;
}

typedef struct tparts {
	char name[128];   /* without modifiers and array brackets */
	long a1, a2;      /* modifiers, -1 when absent */
	int dims;
} tparts;

static void parse_type(const char *t, tparts *out)
{
	size_t n = 0;
	out->a1 = out->a2 = -1;
	out->dims = 0;
	size_t len = strlen(t);
	while (len >= 2 && t[len - 2] == '[' && t[len - 1] == ']') {
		len -= 2;
		out->dims++;
	}
	for (size_t i = 0; i < len && n + 1 < sizeof(out->name); i++) {
		if (t[i] == '(') {
			char *end;
			out->a1 = strtol(t + i + 1, &end, 10);
			if (*end == ',')
				out->a2 = strtol(end + 1, &end, 10);
			while (i < len && t[i] != ')')
				i++;
			continue;
		}
		out->name[n++] = t[i];
	}
	while (n && out->name[n - 1] == ' ')
		n--;
	out->name[n] = 0;
	/* "timestamp(3) with time zone" leaves a double space */
	char *d = strstr(out->name, "  ");
	if (d)
		memmove(d, d + 1, strlen(d));
}

static bool is_texty(const char *n)
{
	return strcmp(n, "text") == 0 || strcmp(n, "character varying") == 0;
}

static int int_rank(const char *n)
{
	if (strcmp(n, "smallint") == 0)
		return 1;
	if (strcmp(n, "integer") == 0)
		return 2;
	if (strcmp(n, "bigint") == 0)
		return 3;
	if (strcmp(n, "numeric") == 0)
		return 4;
	return 0;
}

/* How a change of type from f to t treats the stored rows. */
void plumb__pgp_type_change(planner *p, const char *f, const char *t, bool *rewrite, bool *narrows)
{
	tparts a, b;
	parse_type(f, &a);
	parse_type(t, &b);
	*rewrite = true;
	*narrows = true;
	if (a.dims != b.dims)
		return;
	if (strcmp(a.name, b.name) == 0) {
		bool wider = b.a1 < 0 || (a.a1 >= 0 && b.a1 >= a.a1);
		if (strcmp(a.name, "numeric") == 0) {
			if (b.a1 < 0) {
				*rewrite = *narrows = false;
			} else if (a.a1 >= 0) {
				long as = a.a2 < 0 ? 0 : a.a2, bs = b.a2 < 0 ? 0 : b.a2;
				*rewrite = as != bs || b.a1 < a.a1;
				*narrows = bs < as || (b.a1 - bs) < (a.a1 - as);
			}
			return;
		}
		if (strcmp(a.name, "character") == 0) {
			*narrows = !wider;
			return;
		}
		*rewrite = *narrows = !wider;
		return;
	}
	if (is_texty(a.name) && is_texty(b.name)) {
		/* binary coercible; a length limit checks every row */
		*rewrite = *narrows = b.a1 >= 0;
		return;
	}
	if (strcmp(a.name, "cidr") == 0 && strcmp(b.name, "inet") == 0) {
		*rewrite = *narrows = false;
		return;
	}
	(void)p;
	int ra = int_rank(a.name), rb = int_rank(b.name);
	if ((ra && rb && rb > ra) || (is_texty(b.name) && b.a1 < 0) ||
	    (strcmp(a.name, "real") == 0 && strcmp(b.name, "double precision") == 0) ||
	    ((ra == 1 || ra == 2) && (strcmp(b.name, "double precision") == 0)) ||
	    (ra == 1 && strcmp(b.name, "real") == 0) ||
	    (strcmp(a.name, "date") == 0 && strncmp(b.name, "timestamp", 9) == 0) ||
	    (strncmp(a.name, "timestamp", 9) == 0 && strncmp(b.name, "timestamp", 9) == 0) ||
	    (strcmp(b.name, "jsonb") == 0 && strcmp(a.name, "json") == 0) ||
	    (strcmp(a.name, "inet") == 0 && strcmp(b.name, "cidr") != 0 && is_texty(b.name)))
		*narrows = false;
}

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
	for (size_t i = 0; i < p->to->objects.n; i++) {
		const plumb_object *o = p->to->objects.items[i];
		const char *s = plumb__pgp_obj_sql(o);
		if (o->kind != PLUMB_OBJ_FUNCTION ||
		    !plumb__pg_refs_has(&r.funcs, o->schema, plumb__pgp_func_base(p, o->name),
					true))
			continue;
		if (!s || (!strstr(s, "IMMUTABLE") && !strstr(s, "STABLE")))
			return true;
	}
	return false;
}
