/* Fuzz target: command-line options and durations. The input is cut at NUL
 * bytes and newlines into arguments, which the CLI's own parser (cli/main.c,
 * compiled in with its main renamed) reads; each argument is also read as a
 * duration by the CLI and by the migration directives' parser, and the
 * whole input as the directive lines at the top of a migration. Messages
 * the parser prints go to /dev/null. */
#include <stdio.h>

#include "fuzz_util.h"

#include "history/history.h"

static FILE *fuzz_quiet;
#undef stderr
#define stderr fuzz_quiet
#define main plumb_fuzz_cli_main
int plumb_fuzz_cli_main(int argc, char **argv);
#include "cli/main.c"
#undef main
#undef stderr

#define MAX_ARGS 24

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!fuzz_quiet && !(fuzz_quiet = fopen("/dev/null", "w")))
		abort();
	char *copy = malloc(size + 1);
	char *argv[MAX_ARGS + 2];
	char *args[MAX_ARGS + 2];
	int argc = 1;
	if (!copy)
		return 0;
	memcpy(copy, data, size);
	copy[size] = '\0';
	argv[0] = "plumb";
	for (char *p = copy, *end = copy + size; p <= end && argc <= MAX_ARGS;) {
		char *q = p;
		while (q < end && *q && *q != '\n')
			q++;
		*q = '\0';
		argv[argc++] = p;
		p = q + 1;
	}
	argv[argc] = NULL;

	parsed p;
	memset(&p, 0, sizeof(p));
	p.opts.version = PLUMB_OPTIONS_VERSION;
	p.args = args;
	(void)parse_args(&p, argc, argv);
	if (p.opts.lock_timeout_ms < 0 || p.opts.lock_timeout_ms > INT_MAX)
		abort(); /* a lock timeout the parser should have refused */

	for (int i = 1; i < argc; i++) {
		long ms;
		if (parse_duration(argv[i], &ms, false) == 0 && ms < 1)
			abort(); /* zero accepted where it is not allowed */
		(void)parse_duration(argv[i], &ms, true);
		if (plumb_history_parse_duration(argv[i], strlen(argv[i]), &ms) == 0 && ms < 0)
			abort(); /* a negative duration */
	}

	plumb_ctx *ctx;
	if (plumb_ctx_new(&ctx) == 0) {
		plumb_migration m = {.sql = copy, .len = strlen(copy), .file_name = "1_fuzz.sql",
				     .path = "1_fuzz.sql", .version = "1", .name = "fuzz"};
		if (plumb__history_read_directives(ctx, &m) == 0 &&
		    ((m.lock_timeout_set && m.lock_timeout_ms < 0) ||
		     (m.statement_timeout_set && m.statement_timeout_ms < 0)))
			abort(); /* a directive with a negative timeout */
		plumb_ctx_free(ctx);
	}
	free(copy);
	return 0;
}
