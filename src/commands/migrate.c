/* placeholder: filled by its module owner */
typedef int plumb_placeholder_commands_migrate_c;
