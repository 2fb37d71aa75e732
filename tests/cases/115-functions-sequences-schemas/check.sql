SELECT increment_by FROM pg_sequences WHERE sequencename = 's';
INSERT INTO t DEFAULT VALUES RETURNING n, m;
