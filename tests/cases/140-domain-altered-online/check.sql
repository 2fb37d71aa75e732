-- both checks are there and validated
SELECT conname, convalidated FROM pg_constraint WHERE contypid = 'email'::regtype ORDER BY conname;
