/* placeholder: filled by its module owner */
typedef int plumb_placeholder_history_history_c;
