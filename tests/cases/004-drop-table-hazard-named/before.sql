CREATE TABLE keep (a integer);
CREATE TABLE bigdata (x integer);
