SELECT id, v FROM u;
