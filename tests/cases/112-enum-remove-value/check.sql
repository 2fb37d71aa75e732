SELECT enum_range(NULL::mood)::text, (SELECT string_agg(m::text, ',') FROM t);
