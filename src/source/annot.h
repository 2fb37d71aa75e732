/*
 * Rename annotations of schema files, read in one place for both dialects
 * and both the offline and the exact (--dev-url) path. A comment
 * `-- plumb:renamed from=OLD` (or sqldef's `-- @renamed from=OLD` and
 * `/ * @renamed from=OLD * /`) says that the object it annotates was called
 * OLD. This module reads the text of one comment; it does not find comments
 * in SQL (each dialect's tokenizer does) nor decide which object a comment
 * belongs to (the dialects do). It is built as a library of its own below
 * the dialects, which call it (src/meson.build).
 */
#ifndef PLUMB_SOURCE_ANNOT_H
#define PLUMB_SOURCE_ANNOT_H

#include "util/util.h"

/* Whether the len bytes of text hold an annotation's marker
 * (`plumb:renamed` or `@renamed`, in any case): the cheap test before
 * comments are looked for. */
bool plumb__annot_mentioned(const char *text, size_t len);

/* The OLD of the annotation that one comment is. comment is its text from
 * the opening "--" or "/ *" on, len bytes (a block comment's closing "* /"
 * included or not). An annotation is the marker (as above), one or more
 * blanks, `from=` (in any case) and OLD: bare up to a blank or '*', or in
 * double quotes with "" for a quote; blanks may lead. 1 with *out OLD
 * copied into arena; 0 with *out NULL when the comment is no annotation
 * (an empty or unterminated OLD included); PLUMB_ENOMEM when out of memory
 * (no error is recorded: the arena's failure is sticky). */
int plumb__annot_parse(plumb_arena *arena, const char *comment, size_t len, char **out);

#endif
