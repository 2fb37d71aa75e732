/* Compiles plumb/common.h alone, as a user of the public API would. */
#include "plumb/common.h"

int plumb_header_test_common(void);
int plumb_header_test_common(void)
{
	return 0;
}
