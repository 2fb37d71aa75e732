CREATE TABLE b (a box, t text);
