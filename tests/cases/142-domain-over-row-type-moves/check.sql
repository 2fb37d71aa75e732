-- no cast turns a point2 into a point3 or a pair into a triple: the values are
-- gone, the rest of the row stays
SELECT id, p IS NULL, q IS NULL, t IS NULL, label FROM shapes;
INSERT INTO shapes (id) VALUES (2);
SELECT q FROM shapes WHERE id = 2;
SELECT origin();
