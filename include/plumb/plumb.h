/*
 * libplumb: one schema-migration system for PostgreSQL and SQLite.
 * Include this header for the whole public API.
 */
#ifndef PLUMB_PLUMB_H
#define PLUMB_PLUMB_H

#define PLUMB_VERSION "0.1.0"

#include "plumb/commands.h"
#include "plumb/common.h"

#endif
