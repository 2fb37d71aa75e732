/* placeholder: filled by its module owner */
typedef int plumb_placeholder_dialect_sqlite_ddl_c;
