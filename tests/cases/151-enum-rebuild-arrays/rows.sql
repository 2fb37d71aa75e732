INSERT INTO t VALUES (1, 'sad', '{sad,happy}', 'low', '{low,high}');
