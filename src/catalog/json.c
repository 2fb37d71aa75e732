/* placeholder: filled by its module owner */
typedef int plumb_placeholder_catalog_json_c;
