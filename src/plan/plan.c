/* placeholder: filled by its module owner */
typedef int plumb_placeholder_plan_plan_c;
