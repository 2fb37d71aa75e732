INSERT INTO t VALUES ('a', 1), ('a', 2), ('b', 5);
