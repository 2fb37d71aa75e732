-- the rows stayed; each foreign key hangs on an index again
SELECT count(*) FROM c;
SELECT c.conname, i.relname FROM pg_constraint c JOIN pg_class i ON i.oid = c.conindid WHERE c.conrelid = 'c'::regclass ORDER BY c.conname;
