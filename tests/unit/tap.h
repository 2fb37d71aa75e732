/*
 * A minimal TAP producer for unit tests: ok(), is_int(), is_str(), then
 * done_testing() prints the plan and returns the exit status.
 */
#ifndef PLUMB_TAP_H
#define PLUMB_TAP_H

#include <stdio.h>
#include <string.h>

static int tap_n, tap_failed;

#define ok(cond, ...)                                                       \
	do {                                                                \
		int ok_ = !!(cond);                                         \
		tap_n++;                                                    \
		if (!ok_)                                                   \
			tap_failed++;                                       \
		printf("%sok %d - ", ok_ ? "" : "not ", tap_n);             \
		printf(__VA_ARGS__);                                        \
		printf("\n");                                               \
		if (!ok_)                                                   \
			printf("#   at %s:%d\n", __FILE__, __LINE__);       \
	} while (0)

#define is_int(got, want, ...)                                              \
	do {                                                                \
		long g_ = (long)(got), w_ = (long)(want);                   \
		ok(g_ == w_, __VA_ARGS__);                                  \
		if (g_ != w_)                                               \
			printf("#   got %ld, want %ld\n", g_, w_);          \
	} while (0)

#define is_str(got, want, ...)                                              \
	do {                                                                \
		const char *g_ = (got), *w_ = (want);                       \
		int e_ = (g_ && w_) ? strcmp(g_, w_) == 0 : g_ == w_;       \
		ok(e_, __VA_ARGS__);                                        \
		if (!e_)                                                    \
			printf("#   got:  %s\n#   want: %s\n", g_ ? g_ : "(null)", \
			       w_ ? w_ : "(null)");                         \
	} while (0)

static inline int done_testing(void)
{
	printf("1..%d\n", tap_n);
	return tap_failed ? 1 : 0;
}

#endif
