CREATE TABLE keep (a integer);
