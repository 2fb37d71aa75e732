/* Compiles plumb/commands.h alone, as a user of the public API would. */
#include "plumb/commands.h"

int plumb_header_test_commands(void);
int plumb_header_test_commands(void)
{
	plumb_options o = PLUMB_OPTIONS_INIT; /* must compile under -Wextra */
	return o.version - PLUMB_OPTIONS_VERSION;
}
