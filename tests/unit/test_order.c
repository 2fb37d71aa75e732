/* Unit tests of plan/order.c: the one stable topological sort. Steps keep
 * input order where they may, hard needs are met, soft ones give way only
 * to a cycle, drops run reversed, and a cycle names its members only. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "plan/order.h"
#include "tap.h"

/* Steps named by one letter each, payload = the letter; needs "a<b" style:
 * deps is a list of "X>Y" (X needs Y, hard) and "X~Y" (soft). */
static const char *run(plumb_ctx *ctx, const char *names, const char *const *deps,
		       plumb_order_dir dir)
{
	plumb_order *o = plumb_order_new(ctx->root);
	static char out[256];
	plumb_vec v = {0};
	for (const char *c = names; *c; c++) {
		char label[2] = {*c, 0};
		long s = plumb_order_add(o, label, (void *)c);
		plumb_order_provides(o, s, label);
	}
	for (size_t i = 0; deps && deps[i]; i++) {
		const char *d = deps[i];
		char key[2] = {d[2], 0};
		plumb_order_needs(o, (long)(strchr(names, d[0]) - names), key, d[1] == '~');
	}
	if (plumb_order_sort(ctx, o, dir, &v))
		return NULL;
	size_t n = 0;
	for (size_t i = 0; i < v.n; i++)
		out[n++] = *(const char *)v.items[i];
	out[n] = 0;
	return out;
}

int main(void)
{
	plumb_ctx *ctx;
	plumb_ctx_new(&ctx);

	is_str(run(ctx, "abcd", NULL, PLUMB_ORDER_FORWARD), "abcd", "no needs: input order");
	is_str(run(ctx, "abcd", NULL, PLUMB_ORDER_REVERSE), "abcd",
	       "no needs, reversed: input order too");
	const char *const d1[] = {"a>c", NULL};
	is_str(run(ctx, "abcd", d1, PLUMB_ORDER_FORWARD), "bcad",
	       "a waits for c, the rest keeps its order");
	is_str(run(ctx, "abcd", d1, PLUMB_ORDER_REVERSE), "abcd", "reversed: a goes before c");
	const char *const d2[] = {"c>a", NULL};
	is_str(run(ctx, "abcd", d2, PLUMB_ORDER_REVERSE), "bcad",
	       "reversed: c, which needs a, goes before it");
	const char *const d3[] = {"a>x", NULL};
	is_str(run(ctx, "abc", d3, PLUMB_ORDER_FORWARD), "abc", "a key nobody provides is met");
	const char *const d4[] = {"a>a", NULL};
	is_str(run(ctx, "ab", d4, PLUMB_ORDER_FORWARD), "ab", "a step's need of itself is met");
	const char *const d5[] = {"a~b", NULL};
	is_str(run(ctx, "abc", d5, PLUMB_ORDER_FORWARD), "bac", "a soft need is met when it can be");
	const char *const d6[] = {"a~b", "b>a", NULL};
	is_str(run(ctx, "abc", d6, PLUMB_ORDER_FORWARD), "cab",
	       "a soft need gives way to a cycle, once what is free has gone");
	const char *const d7[] = {"d>c", "c>b", "b>a", NULL};
	is_str(run(ctx, "dcba", d7, PLUMB_ORDER_FORWARD), "abcd", "a chain is reversed");
	is_str(run(ctx, "dcba", d7, PLUMB_ORDER_REVERSE), "dcba", "and kept when reversed");

	/* a cycle names its members, each once, and nothing else */
	const char *const d8[] = {"a>e", "b>c", "c>d", "d>b", NULL};
	ok(run(ctx, "abcde", d8, PLUMB_ORDER_FORWARD) == NULL, "a cycle fails");
	is_str(ctx->err.message, "could not order the changes: dependency cycle: b needs c needs d needs b",
	       "the cycle is named in order");
	plumb_error_clear(ctx);
	ok(run(ctx, "abcde", d8, PLUMB_ORDER_REVERSE) == NULL, "a cycle fails reversed");
	is_str(ctx->err.message, "could not order the changes: dependency cycle: b needs c needs d needs b",
	       "reversed, it reads the same way");
	plumb_error_clear(ctx);
	const char *const d9[] = {"a>b", "b>a", "c>a", NULL};
	ok(run(ctx, "cab", d9, PLUMB_ORDER_FORWARD) == NULL && !strstr(ctx->err.message, "c needs"),
	   "a step that waits on a cycle is not named as a member");
	plumb_error_clear(ctx);

	/* keys of several providers: every one of them goes first */
	{
		plumb_order *o = plumb_order_new(ctx->root);
		plumb_vec v = {0};
		long f1 = plumb_order_add(o, "f(int)", "f1");
		long u = plumb_order_add(o, "view u", "u");
		long f2 = plumb_order_add(o, "f(text)", "f2");
		plumb_order_provides(o, f1, "public.f");
		plumb_order_provides(o, f2, "public.f");
		plumb_order_needs(o, u, "public.f", false);
		plumb_order_needs(o, u, "public.f", false); /* said twice: still one need */
		ok(plumb_order_sort(ctx, o, PLUMB_ORDER_FORWARD, &v) == 0 && v.n == 3 &&
			   strcmp(v.items[2], "u") == 0,
		   "a key of two providers waits for both");
	}

	/* a step after another, by index: hard, soft, and of itself */
	{
		plumb_order *o = plumb_order_new(ctx->root);
		plumb_vec v = {0};
		long a = plumb_order_add(o, "a", "a");
		long b = plumb_order_add(o, "b", "b");
		long c = plumb_order_add(o, "c", "c");
		plumb_order_after(o, a, c, false);
		plumb_order_after(o, b, b, false);
		ok(plumb_order_sort(ctx, o, PLUMB_ORDER_FORWARD, &v) == 0 && v.n == 3 &&
			   strcmp(v.items[0], "b") == 0 && strcmp(v.items[1], "c") == 0,
		   "a step after another waits for it; after itself, for nothing");
		plumb_order_after(o, c, a, true);
		ok(plumb_order_sort(ctx, o, PLUMB_ORDER_FORWARD, &v) == 0 && v.n == 3 &&
			   strcmp(v.items[2], "a") == 0,
		   "a soft after gives way to a cycle");
		plumb_order_after(o, c, a, false);
		ok(plumb_order_sort(ctx, o, PLUMB_ORDER_FORWARD, &v) < 0 &&
			   strstr(ctx->err.message, "a needs c needs a"),
		   "a hard one is a cycle, named by its steps");
		plumb_error_clear(ctx);
	}

	/* linear: a chain of 10,000 given backwards, and 10,000 needing one key */
	{
		plumb_order *o = plumb_order_new(ctx->root);
		plumb_vec v = {0};
		enum { N = 10000 };
		char key[32];
		for (long i = 0; i < N; i++) {
			snprintf(key, sizeof(key), "k%ld", i);
			long s = plumb_order_add(o, key, (void *)(intptr_t)i);
			plumb_order_provides(o, s, key);
			plumb_order_needs(o, s, "shared", false);
			if (i + 1 < N) {
				snprintf(key, sizeof(key), "k%ld", i + 1);
				plumb_order_needs(o, s, key, false);
			}
		}
		long root = plumb_order_add(o, "root", (void *)(intptr_t)N);
		plumb_order_provides(o, root, "shared");
		bool in_order = plumb_order_sort(ctx, o, PLUMB_ORDER_FORWARD, &v) == 0 && v.n == N + 1 &&
				(intptr_t)v.items[0] == N;
		for (size_t i = 1; in_order && i < v.n; i++)
			in_order = (intptr_t)v.items[i] == (intptr_t)(N - i);
		ok(in_order, "10,000 steps in a chain come out in dependency order");
	}
	plumb_ctx_free(ctx);
	return done_testing();
}
