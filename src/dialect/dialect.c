/*
 * Finding a dialect by name or by the URL of a database. It knows the list
 * of engines and nothing else about them.
 */
#include <string.h>

#include "dialect/dialect.h"

static const plumb_dialect *const dialects[] = {
	&plumb_dialect_sqlite,
	&plumb_dialect_pg,
};

const plumb_dialect *plumb_dialect_by_name(const char *name)
{
	if (!name)
		return NULL;
	for (size_t i = 0; i < sizeof(dialects) / sizeof(dialects[0]); i++)
		if (strcmp(dialects[i]->name, name) == 0)
			return dialects[i];
	return NULL;
}

const plumb_dialect *plumb_dialect_for_url(const char *url)
{
	if (!url)
		return NULL;
	for (size_t i = 0; i < sizeof(dialects) / sizeof(dialects[0]); i++)
		if (dialects[i]->accepts_url(url))
			return dialects[i];
	return NULL;
}
