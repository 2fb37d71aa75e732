SELECT count(*) FROM v2;
