SELECT c.relname, n.nspname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_opclass o ON o.oid = i.indclass[0] JOIN pg_namespace n ON n.oid = o.opcnamespace
  WHERE i.indrelid = 'b'::regclass ORDER BY 1;
SELECT f.opfname, s.opfname, n.nspname FROM pg_amop o
  JOIN pg_opfamily f ON f.oid = o.amopfamily JOIN pg_opfamily s ON s.oid = o.amopsortfamily
  JOIN pg_namespace n ON n.oid = s.opfnamespace WHERE f.opfname IN ('pt_ops', 'pt2_ops') ORDER BY 1;
