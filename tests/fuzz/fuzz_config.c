/* Fuzz target: the config file plumb.json. The input is written as the
 * config and resolved as a command would resolve it, with no environment
 * named, with "default" and with "prod": JSON, the keys and their types,
 * ${VAR} expansion (PLUMB_FUZZ_URL, PLUMB_FUZZ_EMPTY are set, others not),
 * paths relative to the config, and the dialect of the URL it gives. */
#include "fuzz_util.h"

#include "commands/commands.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const envs[] = {NULL, "default", "prod"};
	static char path[4200];
	const char *dir = fuzz_dir();
	if (!path[0]) {
		snprintf(path, sizeof(path), "%s/sub/plumb.json", dir);
		setenv("PLUMB_FUZZ_URL", "postgres://app:s3cret@db.example/app", 1);
		setenv("PLUMB_FUZZ_EMPTY", "", 1);
		unsetenv("DATABASE_URL");
	}
	if (fuzz_put(dir, "sub/plumb.json", data, size) < 0)
		return 0;
	for (size_t i = 0; i < sizeof(envs) / sizeof(envs[0]); i++) {
		plumb_ctx *ctx;
		if (plumb_ctx_new(&ctx))
			return 0;
		plumb_options opts = PLUMB_OPTIONS_INIT;
		opts.config = path;
		opts.env = envs[i];
		plumb_env env;
		if (plumb__env_resolve(ctx, &opts, &env) == 0) {
			if (!env.url || !env.schema || !env.dir || !env.dialect)
				abort(); /* a resolved environment with a hole */
			(void)plumb__env_database_exists(&env);
		}
		plumb_ctx_free(ctx);
	}
	return 0;
}
