/* placeholder: filled by its module owner */
typedef int plumb_placeholder_source_source_c;
