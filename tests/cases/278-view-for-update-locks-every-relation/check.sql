SELECT pg_get_viewdef('postings'::regclass);
