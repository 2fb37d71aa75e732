/* placeholder: filled by its module owner */
typedef int plumb_placeholder_diff_diff_c;
