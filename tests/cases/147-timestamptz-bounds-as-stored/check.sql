SELECT tableoid::regclass, v FROM p ORDER BY v;
