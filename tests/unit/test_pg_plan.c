/* Placeholder until these tests land. */
#include "dialect/pg/pg.h"
#include "tap.h"

int main(void)
{
	ok(plumb_dialect_by_name("pg") != NULL, "pg dialect registered");
	return done_testing();
}
