/* placeholder: filled by its module owner */
typedef int plumb_placeholder_runner_runner_c;
