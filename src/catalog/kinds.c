/*
 * The table of object kinds (see kinds.h) and the accessors that read an
 * object's fields through it. It holds facts about kinds, not about any
 * dialect's SQL.
 */
#include <assert.h>
#include <stddef.h>

#include "catalog/kinds.h"

#define OBJECT(k, nm, ord)                                                      \
	.kind = (k), .name = (nm), .order = (ord),                              \
	.store = offsetof(plumb_catalog, objects),                              \
	.definition_at = offsetof(plumb_object, definition),                    \
	.renamed_from_at = offsetof(plumb_object, renamed_from)

static const plumb_kind_desc kinds[] = {
	[PLUMB_OBJ_SCHEMA] = {OBJECT(PLUMB_OBJ_SCHEMA, "schema", 0)},
	[PLUMB_OBJ_EXTENSION] = {OBJECT(PLUMB_OBJ_EXTENSION, "extension", 1), .versioned = true},
	[PLUMB_OBJ_COLLATION] = {OBJECT(PLUMB_OBJ_COLLATION, "collation", 2)},
	[PLUMB_OBJ_ENUM] = {OBJECT(PLUMB_OBJ_ENUM, "enum", 3), .compare = PLUMB_COMPARE_VALUES},
	[PLUMB_OBJ_DOMAIN] = {OBJECT(PLUMB_OBJ_DOMAIN, "domain", 4)},
	[PLUMB_OBJ_TYPE] = {OBJECT(PLUMB_OBJ_TYPE, "type", 5)},
	[PLUMB_OBJ_SEQUENCE] = {OBJECT(PLUMB_OBJ_SEQUENCE, "sequence", 6)},
	[PLUMB_OBJ_FUNCTION] = {OBJECT(PLUMB_OBJ_FUNCTION, "function", 7),
				.key = PLUMB_KEY_SIGNATURE},
	/* before the tables: foreign tables are on a server */
	[PLUMB_OBJ_FDW] = {OBJECT(PLUMB_OBJ_FDW, "foreign-data wrapper", 8)},
	[PLUMB_OBJ_SERVER] = {OBJECT(PLUMB_OBJ_SERVER, "server", 9)},
	[PLUMB_OBJ_TABLE] =
		{
			.kind = PLUMB_OBJ_TABLE,
			.name = "table",
			.compare = PLUMB_COMPARE_TABLE,
			.order = 10,
			.store = offsetof(plumb_catalog, tables),
			.renamed_from_at = offsetof(plumb_table, renamed_from),
		},
	[PLUMB_OBJ_INDEX] =
		{
			.kind = PLUMB_OBJ_INDEX,
			.name = "index",
			.order = 11,
			.store = offsetof(plumb_catalog, indexes),
			.definition_at = offsetof(plumb_index, definition),
			.renamed_from_at = offsetof(plumb_index, renamed_from),
		},
	[PLUMB_OBJ_VIEW] =
		{
			.kind = PLUMB_OBJ_VIEW,
			.name = "view",
			.order = 12,
			.store = offsetof(plumb_catalog, views),
			.definition_at = offsetof(plumb_view, definition),
		},
	[PLUMB_OBJ_TRIGGER] =
		{
			.kind = PLUMB_OBJ_TRIGGER,
			.name = "trigger",
			.order = 13,
			.store = offsetof(plumb_catalog, triggers),
			.table_at = offsetof(plumb_trigger, table),
			.definition_at = offsetof(plumb_trigger, definition),
		},
	[PLUMB_OBJ_POLICY] = {OBJECT(PLUMB_OBJ_POLICY, "policy", 14),
			      .table_at = offsetof(plumb_object, table)},
	[PLUMB_OBJ_RULE] = {OBJECT(PLUMB_OBJ_RULE, "rule", 15),
			    .table_at = offsetof(plumb_object, table)},
	/* after rules, before comments and grants, which may be on them */
	[PLUMB_OBJ_OPERATOR] = {OBJECT(PLUMB_OBJ_OPERATOR, "operator", 16),
				.key = PLUMB_KEY_SIGNATURE},
	[PLUMB_OBJ_CAST] = {OBJECT(PLUMB_OBJ_CAST, "cast", 17), .key = PLUMB_KEY_TARGET},
	[PLUMB_OBJ_TS_DICT] = {OBJECT(PLUMB_OBJ_TS_DICT, "text search dictionary", 18)},
	[PLUMB_OBJ_TS_CONFIG] = {OBJECT(PLUMB_OBJ_TS_CONFIG, "text search configuration", 19)},
	[PLUMB_OBJ_OPFAMILY] = {OBJECT(PLUMB_OBJ_OPFAMILY, "operator family", 20)},
	[PLUMB_OBJ_OPCLASS] = {OBJECT(PLUMB_OBJ_OPCLASS, "operator class", 21)},
	[PLUMB_OBJ_STATISTICS] = {OBJECT(PLUMB_OBJ_STATISTICS, "statistics", 22)},
	[PLUMB_OBJ_PUBLICATION] = {OBJECT(PLUMB_OBJ_PUBLICATION, "publication", 23)},
	[PLUMB_OBJ_EVENT_TRIGGER] = {OBJECT(PLUMB_OBJ_EVENT_TRIGGER, "event trigger", 24)},
	[PLUMB_OBJ_COMMENT] = {OBJECT(PLUMB_OBJ_COMMENT, "comment", 25), .key = PLUMB_KEY_TARGET},
	[PLUMB_OBJ_GRANT] = {OBJECT(PLUMB_OBJ_GRANT, "grant", 26), .key = PLUMB_KEY_TARGET},
	/* after every object they are on */
	[PLUMB_OBJ_OWNER] = {OBJECT(PLUMB_OBJ_OWNER, "owner", 27), .key = PLUMB_KEY_TARGET},
	[PLUMB_OBJ_DEFAULT_ACL] = {OBJECT(PLUMB_OBJ_DEFAULT_ACL, "default privileges", 28),
				   .key = PLUMB_KEY_TARGET},
};

/* A kind added at the end of plumb_obj_kind without an entry here does not
 * compile; an entry missing in the middle leaves a zeroed hole, which the
 * unit test of the table reports. */
_Static_assert(sizeof(kinds) / sizeof(kinds[0]) == PLUMB_OBJ_KIND_COUNT,
	       "every plumb_obj_kind needs an entry in the kinds table");

const plumb_kind_desc *plumb_kind(plumb_obj_kind kind)
{
	assert((unsigned)kind < PLUMB_OBJ_KIND_COUNT && kinds[kind].name);
	return &kinds[kind];
}

const char *plumb_obj_kind_name(plumb_obj_kind kind)
{
	return (unsigned)kind < PLUMB_OBJ_KIND_COUNT && kinds[kind].name ? kinds[kind].name
									  : "object";
}

void plumb_kinds_in_order(plumb_obj_kind out[PLUMB_OBJ_KIND_COUNT])
{
	for (size_t k = 0; k < PLUMB_OBJ_KIND_COUNT; k++) {
		assert(kinds[k].order < PLUMB_OBJ_KIND_COUNT);
		out[kinds[k].order] = kinds[k].kind;
	}
}

bool plumb_kind_is_generic(const plumb_kind_desc *d)
{
	return d->store == offsetof(plumb_catalog, objects);
}

const plumb_vec *plumb_kind_objects(const plumb_kind_desc *d, const plumb_catalog *cat)
{
	return (const plumb_vec *)((const char *)cat + d->store);
}

bool plumb_kind_holds(const plumb_kind_desc *d, const void *obj)
{
	return !plumb_kind_is_generic(d) || ((const plumb_object *)obj)->kind == d->kind;
}

static const char *field(const void *obj, size_t at)
{
	return at ? *(const char *const *)((const char *)obj + at) : NULL;
}

const char *plumb_kind_definition(const plumb_kind_desc *d, const void *obj)
{
	return field(obj, d->definition_at);
}

const char *plumb_kind_renamed_from(const plumb_kind_desc *d, const void *obj)
{
	return field(obj, d->renamed_from_at);
}

const char *plumb_kind_table(const plumb_kind_desc *d, const void *obj)
{
	return field(obj, d->table_at);
}

bool plumb_kind_implicit(const plumb_kind_desc *d, const void *obj)
{
	return plumb_kind_is_generic(d) && ((const plumb_object *)obj)->implicit;
}

bool plumb_kind_implicit_agrees(const plumb_kind_desc *d, const void *a, const void *b)
{
	return plumb_kind_is_generic(d) &&
	       ((const plumb_object *)a)->grantable == ((const plumb_object *)b)->grantable;
}
