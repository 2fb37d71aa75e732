/*
 * How a change of a column's type treats the rows stored in it, by the
 * types' format_type() spellings alone: whether PostgreSQL rewrites the table
 * (the change is not binary-coercible, or a new length or precision limit
 * must be checked on every row) and whether values may not fit or may change
 * (a narrowing). The classifier (hazard.c) and the planner (plan_table.c)
 * both ask it, so they say the same of a type change. It knows built-in
 * types only; user types are hazard.c's to judge.
 */
#include <stdlib.h>
#include <string.h>

#include "dialect/pg/hazard.h"

typedef struct tparts {
	char name[128]; /* without modifiers and array brackets */
	long a1, a2;	/* modifiers, -1 when absent */
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

void plumb__pg_type_change(const char *f, const char *t, bool *rewrite, bool *narrows)
{
	tparts a, b;
	parse_type(f, &a);
	parse_type(t, &b);
	*rewrite = *narrows = true;
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

const char *plumb__pg_type_behind(const char *type)
{
	const char *base = plumb__pg_serial_base(type);
	return base ? base : type;
}

int plumb__pg_type_dims(const char *type)
{
	tparts p;
	parse_type(type, &p);
	return p.dims;
}
