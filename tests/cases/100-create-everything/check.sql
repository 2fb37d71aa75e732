SELECT count(*) FROM pg_class WHERE relname IN ('users', 'posts', 'log', 'adults', 'adult_names', 'posts_title_idx');
SELECT obj_description('public.users'::regclass);
SELECT relrowsecurity FROM pg_class WHERE relname = 'posts';
