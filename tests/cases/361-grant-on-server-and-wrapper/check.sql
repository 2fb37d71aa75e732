SELECT srvname, srvacl FROM pg_foreign_server ORDER BY 1;
SELECT fdwname, fdwacl FROM pg_foreign_data_wrapper WHERE fdwname = 'w';
