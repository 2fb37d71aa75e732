SELECT pg_get_viewdef('order_facts'::regclass);
