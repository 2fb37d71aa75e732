-- keys that repeat the primary key or an earlier unique key, added apart
CREATE TABLE other (a int);
