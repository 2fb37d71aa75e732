
DROP TABLE pipes;

