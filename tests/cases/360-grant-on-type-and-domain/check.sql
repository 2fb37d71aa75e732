SELECT typname, typacl FROM pg_type WHERE typname IN ('mood', 'pair', 'posint', 'span') ORDER BY 1;
