BEGIN;
ALTER FOREIGN DATA WRAPPER "mywrap" NO HANDLER OPTIONS (DROP "b", ADD "c" '3');
DROP SERVER "moved";
CREATE SERVER moved FOREIGN DATA WRAPPER mywrap;
ALTER SERVER "remote" VERSION '15' OPTIONS (DROP "port", ADD "fetch_size" '500', SET "host" 'db2.example');
COMMENT ON SERVER remote IS 'the new shop';
COMMENT ON SERVER moved IS 'moves';
COMMIT;
