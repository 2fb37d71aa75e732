/* Compiles plumb/plumb.h alone, as a user of the public API would. */
#include "plumb/plumb.h"

int plumb_header_test_plumb(void);
int plumb_header_test_plumb(void)
{
	return 0;
}
