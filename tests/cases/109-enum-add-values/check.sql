SELECT enum_range(NULL::mood)::text;
