/*
 * source/annot.c: the rename annotation of one comment, as both dialects and
 * both the offline and the exact path read it, and the marker test that
 * comes before.
 */
#include <string.h>

#include "source/annot.h"
#include "tap.h"

static plumb_arena *A;

/* The OLD of comment, or NULL; rc_out gets the return code. */
static const char *parse(const char *comment, int *rc_out)
{
	char *old = (char *)"unset";
	*rc_out = plumb__annot_parse(A, comment, strlen(comment), &old);
	return old;
}

static void is_annot(const char *comment, const char *want)
{
	int rc;
	const char *got = parse(comment, &rc);
	is_int(rc, 1, "%s: found", comment);
	is_str(got, want, "%s: from=%s", comment, want);
}

static void no_annot(const char *comment)
{
	int rc;
	const char *got = parse(comment, &rc);
	ok(rc == 0 && !got, "%s: no annotation", comment);
}

int main(void)
{
	if (!(A = plumb_arena_new(NULL)))
		return 1;
	is_annot("-- plumb:renamed from=a", "a");
	is_annot("-- @renamed from=uid", "uid");
	is_annot("/* @renamed from=mail */", "mail");
	is_annot("/*@renamed from=mail*/", "mail");
	is_annot("/* @renamed from=\"x y\" */", "x y");
	is_annot("-- plumb:renamed from=\"Old \"\"Qty\"\"\"", "Old \"Qty\"");
	is_annot("--\tPLUMB:Renamed\tFROM=Users   trailing words", "Users");
	is_annot("-- @renamed    from=a.b", "a.b");
	is_annot("/* @renamed from=x", "x"); /* a block comment cut before its end */
	no_annot("-- renamed from=a");
	no_annot("-- plumb:renamed to=a");
	no_annot("-- plumb:renamedfrom=a");
	no_annot("-- plumb:renamed from=");
	no_annot("-- plumb:renamed from=\"\"");
	no_annot("-- plumb:renamed from=\"open");
	no_annot("-- plumb:renamed");
	no_annot("-- a comment that says plumb:renamed from=a later");
	no_annot("");

	ok(plumb__annot_mentioned("x -- PLUMB:RENAMED from=a", 25), "marker in any case");
	ok(plumb__annot_mentioned("/* @renamed from=a */", 21), "sqldef's marker");
	ok(!plumb__annot_mentioned("CREATE TABLE renamed_at (renamed int);", 38),
	   "the word renamed is no marker");
	ok(!plumb__annot_mentioned("-- plumb:renamed", 10), "only the first len bytes are read");

	plumb_arena_free(A);
	return done_testing();
}
