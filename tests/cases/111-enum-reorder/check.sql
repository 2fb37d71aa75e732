SELECT enum_range(NULL::mood)::text;
SELECT count(*) FROM tv;
