/*
 * Rename annotations (annot.h): the marker test and the reader of one
 * comment's text. It neither tokenizes SQL nor attaches names to objects.
 */
#include <ctype.h>
#include <string.h>
#include <strings.h>

#include "source/annot.h"

static const char *const markers[] = {"plumb:renamed", "@renamed"};
#define N_MARKERS (sizeof(markers) / sizeof(markers[0]))

/* The length of the marker at p (at most n bytes on), or 0. */
static size_t marker_at(const char *p, size_t n)
{
	for (size_t i = 0; i < N_MARKERS; i++) {
		size_t ml = strlen(markers[i]);
		if (n >= ml && strncasecmp(p, markers[i], ml) == 0)
			return ml;
	}
	return 0;
}

bool plumb__annot_mentioned(const char *text, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if ((text[i] == 'p' || text[i] == 'P' || text[i] == '@') && marker_at(text + i, len - i))
			return true;
	return false;
}

int plumb__annot_parse(plumb_arena *arena, const char *comment, size_t len, char **out)
{
	const char *p = comment, *end = comment + len, *name, *name_end;
	*out = NULL;
	if (len >= 2 && p[0] == '-' && p[1] == '-') {
		p += 2;
	} else if (len >= 2 && p[0] == '/' && p[1] == '*') {
		p += 2;
		if (end - p >= 2 && end[-1] == '/' && end[-2] == '*')
			end -= 2;
	}
	while (p < end && isspace((unsigned char)*p))
		p++;
	size_t n = marker_at(p, (size_t)(end - p));
	if (!n)
		return 0;
	p += n;
	if (p >= end || !isspace((unsigned char)*p))
		return 0;
	while (p < end && isspace((unsigned char)*p))
		p++;
	if (end - p < 5 || strncasecmp(p, "from=", 5) != 0)
		return 0;
	p += 5;
	bool quoted = p < end && *p == '"';
	if (quoted) {
		name = ++p;
		while (p < end && !(*p == '"' && !(p + 1 < end && p[1] == '"')))
			p += *p == '"' ? 2 : 1;
		if (p >= end)
			return 0; /* unterminated */
	} else {
		name = p;
		while (p < end && !isspace((unsigned char)*p) && *p != '*')
			p++;
	}
	name_end = p;
	if (name_end == name)
		return 0;
	char *s = plumb_arena_alloc(arena, (size_t)(name_end - name) + 1);
	if (!s)
		return PLUMB_ENOMEM;
	size_t j = 0;
	for (const char *c = name; c < name_end; c++) {
		s[j++] = *c;
		if (quoted && *c == '"')
			c++; /* "" is one quote */
	}
	s[j] = 0;
	*out = s;
	return 1;
}
