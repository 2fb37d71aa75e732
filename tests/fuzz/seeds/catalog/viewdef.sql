 SELECT t.id,
    t.name
   FROM t
  WHERE (t.id > 0);