/*
 * The model of owners and default privileges, shared by both PostgreSQL
 * builders: how ALTER ... OWNER names each kind of object, the owner objects
 * a catalog gets from a lookup of (class, schema, name) to a role, and the
 * names, definitions and defaults of default privileges. It reads no SQL and
 * no database; the builders find the roles.
 */
#include <string.h>

#include "dialect/pg/canon_int.h"
#include "dialect/pg/pg.h"

/* The word ALTER ... OWNER takes for an object of kind (a view's: matview). */
static const char *owner_word(plumb_obj_kind kind, bool matview, plumb_func_kind fk)
{
	switch (kind) {
	case PLUMB_OBJ_TABLE:
		return "TABLE";
	case PLUMB_OBJ_VIEW:
		return matview ? "MATERIALIZED VIEW" : "VIEW";
	case PLUMB_OBJ_SEQUENCE:
		return "SEQUENCE";
	case PLUMB_OBJ_SCHEMA:
		return "SCHEMA";
	case PLUMB_OBJ_ENUM:
	case PLUMB_OBJ_TYPE:
		return "TYPE";
	case PLUMB_OBJ_DOMAIN:
		return "DOMAIN";
	case PLUMB_OBJ_FUNCTION:
		return fk == PLUMB_FUNC_PROCEDURE   ? "PROCEDURE"
		       : fk == PLUMB_FUNC_AGGREGATE ? "AGGREGATE"
						    : "FUNCTION";
	case PLUMB_OBJ_COLLATION:
		return "COLLATION";
	case PLUMB_OBJ_TS_DICT:
		return "TEXT SEARCH DICTIONARY";
	case PLUMB_OBJ_TS_CONFIG:
		return "TEXT SEARCH CONFIGURATION";
	case PLUMB_OBJ_STATISTICS:
		return "STATISTICS";
	case PLUMB_OBJ_PUBLICATION:
		return "PUBLICATION";
	case PLUMB_OBJ_EVENT_TRIGGER:
		return "EVENT TRIGGER";
	case PLUMB_OBJ_FDW:
		return "FOREIGN DATA WRAPPER";
	case PLUMB_OBJ_SERVER:
		return "SERVER";
	default:
		return NULL;
	}
}

const char *plumb__pg_owner_class(plumb_obj_kind kind)
{
	switch (kind) {
	case PLUMB_OBJ_TABLE:
	case PLUMB_OBJ_VIEW:
	case PLUMB_OBJ_SEQUENCE:
		return "relation";
	case PLUMB_OBJ_ENUM:
	case PLUMB_OBJ_TYPE:
	case PLUMB_OBJ_DOMAIN:
		return "type";
	default:
		return owner_word(kind, false, PLUMB_FUNC_FUNCTION) ? plumb_obj_kind_name(kind)
								    : NULL;
	}
}

/* "WORD s.n", "WORD n" (no schema) or "FUNCTION s.f(integer)"; NULL when out of memory. */
static char *target_text(plumb_arena *a, const char *word, const char *schema, const char *name,
			 bool signature)
{
	const char *args = signature ? strchr(name, '(') : NULL;
	char *bare = args ? plumb_arena_strndup(a, name, (size_t)(args - name)) : (char *)name;
	char *qn = bare ? plumb__pg_quote_ident(a, bare) : NULL;
	char *qs = schema ? plumb__pg_quote_ident(a, schema) : NULL;
	if (!qn || (schema && !qs))
		return NULL;
	return plumb_arena_printf(a, "%s %s%s%s%s", word, qs ? qs : "", qs ? "." : "", qn,
				  args ? args : "");
}

/* One owner object for obj (schema, name of kind) owned by role. */
static int add_owner(plumb_ctx *ctx, plumb_arena *a, plumb_catalog *cat, plumb_obj_kind kind,
		     const char *schema, const char *name, const char *word, const char *role)
{
	plumb_object *o = plumb_arena_alloc(a, sizeof(*o));
	const char *target =
		o ? target_text(a, word, schema, name, kind == PLUMB_OBJ_FUNCTION) : NULL;
	if (!o || !target)
		return plumb_error_nomem(ctx);
	memset(o, 0, sizeof(*o));
	o->kind = PLUMB_OBJ_OWNER;
	o->schema = kind == PLUMB_OBJ_SCHEMA ? NULL : schema;
	o->name = target;
	o->target_kind = kind;
	o->target = name;
	o->grantee = role;
	o->definition = role;
	o->sql = plumb_arena_printf(a, "ALTER %s OWNER TO %s", target, role);
	if (!o->sql || plumb_vec_push(a, &cat->objects, o) < 0)
		return plumb_error_nomem(ctx);
	return 0;
}

int plumb__pg_owners_attach(plumb_ctx *ctx, plumb_arena *arena, plumb_catalog *cat,
			    plumb_pg_owner_lookup *lookup, void *payload)
{
	int rc = 0;
	for (size_t i = 0; i < cat->tables.n && !rc; i++) {
		const plumb_table *t = cat->tables.items[i];
		const char *role = lookup("relation", t->schema, t->name, payload);
		if (role)
			rc = add_owner(ctx, arena, cat, PLUMB_OBJ_TABLE, t->schema, t->name,
				       "TABLE", role);
	}
	for (size_t i = 0; i < cat->views.n && !rc; i++) {
		const plumb_view *v = cat->views.items[i];
		const char *role = lookup("relation", v->schema, v->name, payload);
		if (role)
			rc = add_owner(ctx, arena, cat, PLUMB_OBJ_VIEW, v->schema, v->name,
				       owner_word(PLUMB_OBJ_VIEW, v->materialized, 0), role);
	}
	size_t n = cat->objects.n; /* owners are appended: not rescanned */
	for (size_t i = 0; i < n && !rc; i++) {
		const plumb_object *o = cat->objects.items[i];
		const char *cls = plumb__pg_owner_class(o->kind);
		bool nsp = o->kind == PLUMB_OBJ_SCHEMA;
		/* a serial column's sequence follows its table */
		if (!cls || (o->kind == PLUMB_OBJ_SEQUENCE && o->table))
			continue;
		const char *role = lookup(cls, nsp ? NULL : o->schema, o->name, payload);
		if (role)
			rc = add_owner(ctx, arena, cat, o->kind, nsp ? NULL : o->schema, o->name,
				       owner_word(o->kind, false, o->func_kind), role);
	}
	/* public is no object of the catalog; initdb gives it pg_database_owner */
	const char *role = rc ? NULL : lookup("schema", NULL, "public", payload);
	if (!rc)
		rc = add_owner(ctx, arena, cat, PLUMB_OBJ_SCHEMA, NULL, "public", "SCHEMA",
			       role ? role : PLUMB_PG_PUBLIC_OWNER);
	return rc;
}

/* --- default privileges ------------------------------------------------------ */

static const struct {
	char code;	    /* pg_default_acl.defaclobjtype */
	const char *word;   /* as ALTER DEFAULT PRIVILEGES ... ON writes it */
	unsigned all;	    /* what ALL means */
	unsigned to_public; /* what PUBLIC holds by default, everywhere */
} defacl_kinds[] = {
	{'r', "TABLES",
	 PLUMB_PRIV_SELECT | PLUMB_PRIV_INSERT | PLUMB_PRIV_UPDATE | PLUMB_PRIV_DELETE |
		 PLUMB_PRIV_TRUNCATE | PLUMB_PRIV_REFERENCES | PLUMB_PRIV_TRIGGER,
	 0},
	{'S', "SEQUENCES", PLUMB_PRIV_USAGE | PLUMB_PRIV_SELECT | PLUMB_PRIV_UPDATE, 0},
	{'f', "FUNCTIONS", PLUMB_PRIV_EXECUTE, PLUMB_PRIV_EXECUTE},
	{'T', "TYPES", PLUMB_PRIV_USAGE, PLUMB_PRIV_USAGE},
	{'n', "SCHEMAS", PLUMB_PRIV_USAGE | PLUMB_PRIV_CREATE, 0},
};
#define N_DEFACL (sizeof(defacl_kinds) / sizeof(defacl_kinds[0]))

const char *plumb__pg_defacl_word(char code)
{
	for (size_t i = 0; i < N_DEFACL; i++)
		if (defacl_kinds[i].code == code)
			return defacl_kinds[i].word;
	return NULL;
}

unsigned plumb__pg_defacl_all(const char *word)
{
	for (size_t i = 0; word && i < N_DEFACL; i++)
		if (strcmp(defacl_kinds[i].word, word) == 0)
			return defacl_kinds[i].all;
	return 0;
}

unsigned plumb__pg_defacl_default(const char *word, const char *role, const char *grantee,
				  bool in_schema)
{
	if (in_schema)
		return 0;
	for (size_t i = 0; word && i < N_DEFACL; i++) {
		if (strcmp(defacl_kinds[i].word, word) != 0)
			continue;
		if (strcmp(grantee, role) == 0)
			return defacl_kinds[i].all;
		return strcmp(grantee, "PUBLIC") == 0 ? defacl_kinds[i].to_public : 0;
	}
	return 0;
}

int plumb__pg_defacl_define(plumb_ctx *ctx, plumb_arena *arena, plumb_object *o)
{
	const char *qs = o->schema ? plumb__pg_quote_ident(arena, o->schema) : NULL;
	o->name = plumb_arena_printf(arena, "FOR ROLE %s%s%s ON %s TO %s", o->target,
				     qs ? " IN SCHEMA " : "", qs ? qs : "", o->part, o->grantee);
	if (!o->name || (o->schema && !qs))
		return plumb_error_nomem(ctx);
	int rc = plumb__pg_grant_define(ctx, arena, o);
	if (rc == 0 && !o->definition)
		o->definition = "NONE";
	return rc;
}
