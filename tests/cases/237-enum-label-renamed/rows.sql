INSERT INTO t VALUES ('ok'), ('happy');
